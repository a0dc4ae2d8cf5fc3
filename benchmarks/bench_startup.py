"""1. TUI start-up to the first painted screen; 2. start-up of a command without the TUI.

Both start a fresh interpreter for every run, so interpreter start and imports count.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from assistant.dialogue.library import guides_dir
from assistant.dialogue.loader import load_guide
from assistant.notes.store import Store
from assistant.session import Session

from .harness import REPO, BenchError, Config, Row, child_env, interleaved, median, wall_time

TUI_TARGET = 1.3
CLI_TARGET = 1.5
PROBE = Path(__file__).with_name("tui_probe.py")


# ----------------------------------------------------------------------------- the TUI


def prepare_store(data_dir: Path) -> None:
    """A store as a staff member's might look: seven finished notes and two in progress."""
    store = Store(data_dir)
    try:
        for n, (guide_id, borger) in enumerate(
            [("vaerdighedshjulet", "Stue 12"), ("trivselskarret", "EK"), ("pdsa", None)] * 3
        ):
            guide = load_guide(guides_dir() / f"{guide_id}.yaml")
            session = Session.start(store, guide, borger=borger, medarbejder="KM")
            if n < 7:
                while not session.at_end:
                    session.skip()
                if not session.complete(force=True).ok:
                    raise BenchError(f"could not finish a {guide_id} session for the store")
            session.close()
    finally:
        store.close()


def paint_time(kind: str, data_dir: Path, cfg: Config, expect: str) -> float:
    """Seconds from starting the interpreter to the first painted screen."""
    import subprocess

    cmd = [cfg.python, str(PROBE), kind, str(data_dir)]
    start = time.time_ns()
    result = subprocess.run(
        cmd, cwd=REPO, env=child_env(), capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0:
        raise BenchError(f"{' '.join(cmd)} failed:\n{result.stderr.strip()[-2000:]}")
    match = re.search(r"^PAINTED (\d+) (\w+) (\d+)$", result.stdout, re.MULTILINE)
    if match is None:
        raise BenchError(f"{' '.join(cmd)} did not report a paint:\n{result.stdout[-500:]}")
    if match.group(2) != expect:
        raise BenchError(f"{kind}: the first painted screen is {match.group(2)}, not {expect}")
    return (int(match.group(1)) - start) / 1e9


def run_tui(cfg: Config) -> list[Row]:
    data_dir = cfg.workdir / "tui-data"
    prepare_store(data_dir)
    runs = 3 if cfg.quick else 15
    cfg.log(f"tui: {runs} interleaved start-ups of each app")
    subject, baseline = interleaved(
        lambda: paint_time("samtale", data_dir, cfg, "HomeScreen"),
        lambda: paint_time("minimal", data_dir, cfg, "Screen"),
        runs,
    )
    return [
        Row(
            "tui-startup",
            median(subject),
            median(baseline),
            TUI_TARGET,
            subject_what=(
                "fresh interpreter to the home screen of create_app(store) mounted and painted "
                "under App.run_test() at 120x40 (store with 9 notes)"
            ),
            baseline_what="the same for a minimal Textual app that shows one Label",
            notes=[f"Median of {runs} interleaved runs, each in a fresh subprocess."],
        )
    ]


# ----------------------------------------------------------------------------- the CLI


def imported_modules(cmd: list[str], env: dict[str, str]) -> set[str]:
    """The modules a command imports, from ``python -X importtime``."""
    import subprocess

    result = subprocess.run(
        [cmd[0], "-X", "importtime", *cmd[1:]],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        raise BenchError(f"{' '.join(cmd)} failed:\n{result.stderr.strip()[-2000:]}")
    modules = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":
                modules.add(name)
    return modules


def textual_modules(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m == "textual" or m.startswith("textual."))


def run_cli(cfg: Config) -> list[Row]:
    env = child_env(SAMTALE_DATA_DIR=str(cfg.workdir / "cli-data"))
    subject_cmd = [cfg.python, "-m", "assistant", "guides"]
    baseline_cmd = [cfg.python, "-c", "import yaml, transitions"]
    modules = imported_modules(subject_cmd, env)
    textual = textual_modules(modules)
    runs = 3 if cfg.quick else 20
    cfg.log(f"cli: {runs} interleaved runs of each command")
    subject, baseline = interleaved(
        lambda: wall_time(subject_cmd, env), lambda: wall_time(baseline_cmd, env), runs
    )
    row = Row(
        "cli-startup",
        median(subject),
        median(baseline),
        CLI_TARGET,
        subject_what="`python -m assistant guides` in a fresh subprocess, start to exit",
        baseline_what='`python -c "import yaml, transitions"` measured the same way',
        notes=[
            f"Median of {runs} interleaved runs; `samtale guides` imports {len(modules)} "
            f"modules, {'none from Textual' if not textual else 'Textual among them'}."
        ],
    )
    if textual:
        row.error = f"`samtale guides` imports Textual ({', '.join(textual[:5])})"
    return [row]
