"""Timing, the result rows and the table: what every benchmark shares."""

from __future__ import annotations

import gc
import math
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


class BenchError(Exception):
    """A benchmark could not measure what it should (a command failed, results differ)."""


@dataclass
class Config:
    quick: bool
    workdir: Path  # a private temporary folder, removed afterwards
    python: str = sys.executable

    def log(self, message: str) -> None:
        print(f"[benchmarks] {message}", file=sys.stderr, flush=True)


@dataclass
class Row:
    """One line of the table: Samtale's figure against the baseline's, in seconds (or in
    bytes, for a row whose ``unit`` is "bytes")."""

    name: str
    subject: float
    baseline: float
    max_ratio: float | None  # the target; None: shown for information only
    max_seconds: float | None = None  # an absolute cap on Samtale's figure as well
    subject_what: str = ""
    baseline_what: str = ""
    notes: list[str] = field(default_factory=list)
    error: str = ""  # a correctness failure found while measuring (fails the run)
    unit: str = "s"  # "s" or "bytes"
    skipped: str = ""  # why nothing was measured (a server missing): shown, not a failure

    @property
    def ratio(self) -> float:
        return self.subject / self.baseline if self.baseline > 0 else math.inf

    @property
    def target(self) -> str:
        parts = []
        if self.max_ratio is not None:
            parts.append(f"≤ {self.max_ratio:g}x")
        if self.max_seconds is not None:
            parts.append(f"≤ {fmt_seconds(self.max_seconds)}")
        return ", ".join(parts) or "(info)"

    @property
    def meets(self) -> str:
        if self.error:
            return "FAIL"
        if self.skipped:
            return "not measured"
        if self.max_ratio is None and self.max_seconds is None:
            return "–"
        ok = (self.max_ratio is None or self.ratio <= self.max_ratio) and (
            self.max_seconds is None or self.subject <= self.max_seconds
        )
        return "yes" if ok else "no"


# ----------------------------------------------------------------------------- measuring


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of ``fn`` takes (after a garbage collection, so that none is pending)."""
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def interleaved(
    subject: Callable[[], float],
    baseline: Callable[[], float],
    runs: int,
    warmup: int = 1,
) -> tuple[list[float], list[float]]:
    """Run both ``runs`` times, alternating which goes first (ABBA), so that drift in the
    machine's load hits both alike. Each callable returns the seconds it measured."""
    for _ in range(warmup):
        baseline()
        subject()
    subject_times: list[float] = []
    baseline_times: list[float] = []
    for i in range(runs):
        if i % 2 == 0:
            baseline_times.append(baseline())
            subject_times.append(subject())
        else:
            subject_times.append(subject())
            baseline_times.append(baseline())
    return subject_times, baseline_times


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100)."""
    ordered = sorted(values)
    rank = max(math.ceil(p / 100 * len(ordered)), 1)
    return ordered[rank - 1]


@dataclass
class Child:
    """What one run of a command cost: wall-clock seconds and its peak resident memory."""

    seconds: float
    peak_bytes: int
    stdout: str


def run_child(cmd: list[str], env: dict[str, str], stdin: str = "") -> Child:
    """Run a command to its end; its own peak memory comes from ``wait4`` (Unix only)."""
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=REPO, env=env, stdin=subprocess.PIPE, stdout=out, stderr=err
        )
        assert proc.stdin is not None
        proc.stdin.write(stdin.encode("utf-8"))
        proc.stdin.close()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise BenchError(
                f"{' '.join(cmd)} exited with {proc.returncode}:\n"
                f"{err.read().decode('utf-8', 'replace').strip()[-2000:]}"
            )
        # ru_maxrss is in KiB on Linux, in bytes on macOS
        peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
        return Child(seconds, peak, out.read().decode("utf-8", "replace"))


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a measured subprocess: ours, without anything that slows Python."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONDEVMODE", "COV_"))}
    env.pop("PYTHONTRACEMALLOC", None)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env.update(extra)
    return env


def run_command(cmd: list[str], env: dict[str, str], stdin: str | None = None) -> str:
    """Run a command to its end and give back its output; raise BenchError if it fails."""
    result = subprocess.run(
        cmd,
        cwd=REPO,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    if result.returncode != 0:
        raise BenchError(
            f"{' '.join(cmd)} exited with {result.returncode}:\n{result.stderr.strip()[-2000:]}"
        )
    return result.stdout


def wall_time(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from starting a command to its exit (its output read through a pipe)."""
    start = time.perf_counter()
    run_command(cmd, env)
    return time.perf_counter() - start


# ----------------------------------------------------------------------------- the machine


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    if sys.platform == "darwin":
        try:
            return subprocess.run(
                ["sysctl", "-n", "machdep.cpu.brand_string"], capture_output=True, text=True
            ).stdout.strip()
        except OSError:
            pass
    return platform.processor() or platform.machine() or "unknown CPU"


def cores() -> str:
    total = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else total
    return f"{total} cores" + (f" ({usable} usable)" if usable != total else "")


def os_name() -> str:
    name = f"{platform.system()} {platform.release()}"
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                name += f", {line.split('=', 1)[1].strip(chr(34))}"
                break
    except OSError:
        pass
    return f"{name} ({platform.machine()})"


def filesystem(path: Path) -> str:
    """The file system type under ``path`` (Linux only; durability costs depend on it)."""
    try:
        best, kind = "", ""
        target = str(path.resolve())
        for line in Path("/proc/mounts").read_text().splitlines():
            parts = line.split()
            if len(parts) > 2 and target.startswith(parts[1]) and len(parts[1]) > len(best):
                best, kind = parts[1], parts[2]
        return kind or "unknown"
    except OSError:
        return "unknown"


def version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def machine_lines(workdir: Path) -> list[str]:
    import yaml

    libyaml = "with libyaml" if getattr(yaml, "__with_libyaml__", False) else "no libyaml"
    return [
        f"Machine: {cpu_model()}, {cores()}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {os_name()}",
        f"Libraries: Textual {version('textual')}, transitions {version('transitions')}, "
        f"PyYAML {version('pyyaml')} ({libyaml}); temporary files on "
        f"{filesystem(workdir)} ({workdir.parent})",
    ]


# ----------------------------------------------------------------------------- the table


def fmt_seconds(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.3g} ms" if seconds < 0.01 else f"{seconds * 1e3:.0f} ms"
    return f"{seconds:.2f} s"


def fmt_bytes(value: float) -> str:
    return f"{value / 2**20:.0f} MiB" if value >= 2**20 else f"{value / 2**10:.0f} KiB"


def fmt_value(value: float, unit: str) -> str:
    return fmt_bytes(value) if unit == "bytes" else fmt_seconds(value)


def fmt_ratio(ratio: float) -> str:
    return f"{ratio:.2f}x" if math.isfinite(ratio) else "inf"


HEADERS = ("benchmark", "Samtale", "baseline", "ratio", "target", "meets")


def cells(row: Row) -> tuple[str, ...]:
    if row.skipped:
        return (row.name, "–", "–", "–", row.target, row.meets)
    return (
        row.name,
        fmt_value(row.subject, row.unit),
        fmt_value(row.baseline, row.unit),
        fmt_ratio(row.ratio),
        row.target,
        row.meets,
    )


def render_text(rows: list[Row], header: list[str]) -> str:
    table = [HEADERS, *(cells(r) for r in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADERS))]
    right = {1, 2, 3}
    out = [*header, ""]
    for n, line in enumerate(table):
        out.append(
            "  ".join(
                c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(line)
            ).rstrip()
        )
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    out += ["", *legend(rows)]
    return "\n".join(out)


def render_markdown(rows: list[Row], header: list[str]) -> str:
    out = [*(f"{line}  " for line in header[:-1]), header[-1], ""]
    out.append("| " + " | ".join(HEADERS) + " |")
    out.append("|---|--:|--:|--:|---|---|")
    for row in rows:
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells(row)) + " |")
    out += ["", *legend(rows, bullet="- ")]
    return "\n".join(out)


def legend(rows: list[Row], bullet: str = "") -> list[str]:
    lines = []
    for row in rows:
        if row.skipped:
            lines.append(f"{bullet}{row.name}: NOT MEASURED: {row.skipped}.")
            continue
        text = f"{bullet}{row.name}: Samtale = {row.subject_what}; baseline = {row.baseline_what}."
        if row.notes:
            text += " " + " ".join(row.notes)
        if row.error:
            text += f" FAILED: {row.error}"
        lines.append(text)
    return lines
