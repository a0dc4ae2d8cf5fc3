"""``python -m benchmarks [--quick] [--only NAME ...] [--markdown]``: run the benchmarks, print
the table. Exit 0 when everything was measured (missed targets included: the table says
so), 1 when a benchmark failed or found something wrong, 2 on bad arguments."""

from __future__ import annotations

import argparse
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from . import (
    bench_agreements,
    bench_answer,
    bench_guides,
    bench_notes,
    bench_postgres,
    bench_scale,
    bench_startup,
)
from .harness import REPO, Config, Row, machine_lines, render_markdown, render_text

# (group, the rows it prints, how to run it): in the order of the table
BENCHMARKS: list[tuple[str, tuple[str, ...], Callable[[Config], list[Row]]]] = [
    ("tui", ("tui-startup",), bench_startup.run_tui),
    ("cli", ("cli-startup",), bench_startup.run_cli),
    ("guides", ("guides-bundled", "guide-generated"), bench_guides.run),
    ("answer", ("answer-median", "answer-p99"), bench_answer.run),
    (
        "notes",
        ("notes-list-store", "notes-list-cli", "notes-search-store", "notes-search-cli"),
        bench_notes.run,
    ),
    (
        "scale",
        (
            "scale-check",
            "scale-check-memory",
            "scale-start",
            "scale-start-memory",
            "scale-answer",
            "scale-back",
            "scale-resume",
        ),
        bench_scale.run,
    ),
    ("agreements", ("agreements-overdue",), bench_agreements.run),
    ("postgres", bench_postgres.ROWS, bench_postgres.run),
]


def selected(only: list[str]) -> list[tuple[str, Callable[[Config], list[Row]], set[str] | None]]:
    """The groups to run and, per group, which of its rows to keep (None: all of them)."""
    if not only:
        return [(group, run, None) for group, _, run in BENCHMARKS]
    chosen: dict[str, set[str] | None] = {}
    for name in only:
        for number, (group, rows, _) in enumerate(BENCHMARKS, 1):
            if name in (group, str(number)):
                chosen[group] = None
                break
            if name in rows:
                kept = chosen.setdefault(group, set())
                if kept is not None:
                    kept.add(name)
                break
        else:
            groups = ", ".join(group for group, _, _ in BENCHMARKS)
            rows = ", ".join(row for _, names, _ in BENCHMARKS for row in names)
            raise ValueError(
                f"unknown benchmark '{name}': choose {groups}, 1-{len(BENCHMARKS)}, or {rows}"
            )
    return [(group, run, chosen[group]) for group, _, run in BENCHMARKS if group in chosen]


def compile_package() -> None:
    """Byte-compile Samtale as ``pip install`` does (and as Python does on a user's first run).

    The baselines import only installed libraries, which have their bytecode; without this,
    Samtale would be compiled from source in every measured run when PYTHONDONTWRITEBYTECODE
    is set (as on the development machines), a cost no user pays after the first start."""
    import compileall

    if not compileall.compile_dir(REPO / "assistant", quiet=1):
        raise SystemExit("python -m benchmarks: the assistant package does not compile")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Samtale's speed against baselines measured in the same run.",
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes, for a smoke test")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="run one benchmark: tui, cli, guides, answer, notes, scale, agreements, postgres "
        "(or 1-8, or a row name); can be repeated",
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)
    try:
        plan = selected(args.only)
    except ValueError as e:
        parser.error(str(e))

    compile_package()
    rows: list[Row] = []
    failed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="samtale-bench-") as tmp:
        cfg = Config(quick=args.quick, workdir=Path(tmp))
        header = machine_lines(cfg.workdir)
        if args.quick:
            header.append("Quick run: tiny sizes, a smoke test only; the figures mean little.")
        for group, run, keep in plan:
            cfg.log(f"running {group}")
            try:
                got = run(cfg)
            except Exception:  # noqa: BLE001 - report it and go on with the other benchmarks
                failed.append(group)
                print(f"benchmark {group} failed:\n{traceback.format_exc()}", file=sys.stderr)
                continue
            rows += [r for r in got if keep is None or r.name in keep]
    table = render_markdown(rows, header) if args.markdown else render_text(rows, header)
    print(table)
    if failed:
        print(f"\nFailed: {', '.join(failed)} (see above).", file=sys.stderr)
    return 1 if failed or any(r.error for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
