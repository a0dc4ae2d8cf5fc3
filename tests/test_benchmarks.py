"""The benchmarks run and print a ratio for each benchmark (no timing is asserted: the machines
are shared and noisy), and `samtale guides` starts without importing Textual."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# one row at least per benchmark: TUI start-up, CLI start-up, guides, answer, notes, scale,
# agreements
BENCHMARK_ROWS = {
    "tui": ("tui-startup",),
    "cli": ("cli-startup",),
    "guides": ("guides-bundled", "guide-generated"),
    "answer": ("answer-median", "answer-p99"),
    "notes": ("notes-list-store", "notes-list-cli"),
    "scale": (
        "scale-check",
        "scale-check-memory",
        "scale-start",
        "scale-start-memory",
        "scale-answer",
        "scale-back",
        "scale-resume",
    ),
    "agreements": ("agreements-overdue",),
}
ROW = re.compile(r"^(?P<name>[a-z0-9-]+)\s+.+?\s(?P<ratio>\d+\.\d+)x\s", re.MULTILINE)


def python(tmp_path: Path, *args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` from the repository, with its own data directory."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "SAMTALE_DATA_DIR": str(tmp_path / "d")}
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def test_quick_benchmarks_print_a_ratio_for_each_benchmark(tmp_path: Path) -> None:
    result = python(tmp_path, "-m", "benchmarks", "--quick", timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.startswith("Machine: ")
    ratios = {m["name"]: float(m["ratio"]) for m in ROW.finditer(result.stdout)}
    for benchmark, rows in BENCHMARK_ROWS.items():
        for row in rows:
            assert row in ratios, f"no row {row} for the {benchmark} benchmark:\n{result.stdout}"
            assert ratios[row] > 0


def test_markdown_table_has_the_columns(tmp_path: Path) -> None:
    result = python(
        tmp_path, "-m", "benchmarks", "--quick", "--only", "answer", "--markdown", timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "| benchmark | Samtale | baseline | ratio | target | meets |" in result.stdout
    assert re.search(r"^\| answer-median \| .+ \| \d+\.\d+x \| ≤ 3x \|", result.stdout, re.M)


def test_scale_rows_show_memory_in_bytes_and_the_targets(tmp_path: Path) -> None:
    result = python(
        tmp_path, "-m", "benchmarks", "--quick", "--only", "scale", "--markdown", timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    assert re.search(r"^\| scale-check \| .+s \| .+s \| \d+\.\d+x \| ≤ 3x \|", out, re.M)
    assert re.search(r"^\| scale-start-memory \| \d+ MiB \| \d+ MiB \| .+ \| ≤ 3x \|", out, re.M)
    assert re.search(r"^\| scale-answer \| .+ \| \d+\.\d+x \| ≤ 1\.5x \|", out, re.M)
    assert "200 rounds" in out  # the back rounds ran, and ended where they started


def test_guides_command_does_not_import_textual(tmp_path: Path) -> None:
    result = python(tmp_path, "-X", "importtime", "-m", "assistant", "guides", timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    imported = [
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    ]
    assert "assistant.cli" in imported  # the import log is really there
    textual = [m for m in imported if m == "textual" or m.startswith("textual.")]
    assert textual == [], f"`samtale guides` imports Textual: {textual[:5]}"


def test_postgres_benchmark_measures_on_its_own_durable_server(tmp_path: Path) -> None:
    from benchmarks.bench_postgres import ROWS, missing

    if missing():
        pytest.skip(f"PostgreSQL benchmark not measurable here: {missing()}")
    result = python(tmp_path, "-m", "benchmarks", "--quick", "--only", "postgres", timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    ratios = {m["name"]: float(m["ratio"]) for m in ROW.finditer(result.stdout)}
    assert set(ratios) == set(ROWS), result.stdout
    assert all(r > 0 for r in ratios.values())
    assert "fsync=on, synchronous_commit=on" in result.stdout  # it says what it ran on
    assert "plan: Limit > Index Scan using sessions_recent" in result.stdout


def test_without_postgres_the_rows_say_why_they_were_not_measured(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from benchmarks.bench_postgres import ROWS, not_measured
    from benchmarks.harness import BenchError, render_text

    monkeypatch.delenv("SAMTALE_REQUIRE_POSTGRES", raising=False)
    rows = not_measured("no initdb found")
    table = render_text(rows, ["Machine: test"])
    for name in ROWS:
        assert re.search(rf"^{name}\s+–\s+–\s+–\s+(≤ 3x|\(info\))\s+not measured$", table, re.M), table
        assert f"{name}: NOT MEASURED: no initdb found." in table
    monkeypatch.setenv("SAMTALE_REQUIRE_POSTGRES", "1")
    with pytest.raises(BenchError, match="PostgreSQL is required"):
        not_measured("no initdb found")
