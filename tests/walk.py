"""Test helpers: walk a session to the end through the session API, answering every step as
staff would, and run the real `samtale` command in a subprocess (to its end, or ``Live``, fed
line by line)."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from assistant.dialogue.model import AnswerSpec
from assistant.session import Session

ROOT = Path(__file__).resolve().parent.parent
# A step heading in plain mode; group 1 is the step's title.
HEADING = re.compile(r"^\[.*\] Trin \d+ af ca\. \d+: (.*?)(?: \(valgfrit – .*\))?$")


def typed_answer(spec: AnswerSpec, step_id: str, pick: int = 0) -> str:
    """A valid typed answer for each answer type; ``pick`` -1 takes the last choice."""
    if spec.type == "tekst":
        return f"Svar på {step_id}: æøå [bold]ikke markup[/] 🙂"
    if spec.type in ("valg", "skala") and spec.choices:
        return spec.choices[pick].label
    if spec.type == "flervalg":
        return "1, 2"
    if spec.type == "skala":
        return str(spec.scale_max if pick == -1 else spec.scale_min)
    if spec.type == "ja_nej":
        return "ja" if pick == 0 else "nej"
    if spec.type == "dato":
        return "om 2 uger"
    cells = [("i morgen" if f.type == "dato" else f"{f.label} {step_id}") for f in spec.fields]
    return " ; ".join(cells) + "\n" + " ; ".join(cells[:1])


def walk(session: Session, pick: int = 0, max_steps: int = 500) -> dict[str, Any]:
    """Answer every step (all themes of every hub) and return the answers given, by key."""
    given: dict[str, Any] = {}
    for _ in range(max_steps):
        step = session.step
        if step is None:
            return given
        if step.is_hub:
            todo = [t for t in step.themes if t not in session.done]
            outcome = session.choose_theme(todo[0]) if todo else session.leave_hub()
        elif step.answer is None:
            outcome = session.answer("")
        else:
            outcome = session.answer(typed_answer(step.answer, step.id, pick))
            given[step.answer.key] = session.answers.get(step.answer.key)
        assert outcome.ok, (step.id, outcome.message)
    raise AssertionError("the guide did not end")


def plain_script(session: Session, pick: int = 0) -> list[str]:
    """Walk ``session`` and return the lines a person would type in plain mode to do the same."""
    lines: list[str] = []
    for _ in range(500):
        step = session.step
        if step is None:
            return lines
        if step.is_hub:
            choices = [c.value for c in session.hub_choices()]
            todo = [t for t in step.themes if t not in session.done]
            choice = todo[0] if todo else choices[-1]
            typed = str(choices.index(choice) + 1)
        elif step.answer is None:
            typed = ""
        else:
            typed = typed_answer(step.answer, step.id, pick)
            if step.answer.type == "rækker":
                typed += "\n"  # an empty line ends the rows
        assert session.answer(typed.rstrip("\n")).ok, step.id
        lines.append(typed)
    raise AssertionError("the guide did not end")


def samtale(
    *args: str,
    stdin: str = "",
    data: Path | None = None,
    timeout: float = 60,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m assistant ARGS`` as a user would, with its own data directory."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    if data is not None:
        full_env["SAMTALE_DATA_DIR"] = str(data)
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )


def env_for(data: Path) -> dict[str, str]:
    return {**os.environ, "SAMTALE_DATA_DIR": str(data), "PYTHONIOENCODING": "utf-8"}


class Live:
    """A running ``samtale ... --plain`` fed line by line; its stdout is read on a thread, so a
    test can wait for what the program prints (never for a fixed time)."""

    def __init__(self, args: list[str], data: Path, stderr_path: Path) -> None:
        self.stderr_path = stderr_path
        self._err = open(stderr_path, "wb")  # noqa: SIM115 - closed in close()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._err,
            env=env_for(data),
            cwd=ROOT,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            self.lines.put(raw.decode("utf-8", "replace").rstrip("\n"))
        self.lines.put(None)

    def until(self, pattern: re.Pattern[str], timeout: float = 30) -> re.Match[str]:
        """Read output until a line matches ``pattern``."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                raise AssertionError(f"waited in vain for {pattern.pattern!r}") from None
            if line is None:
                err = self.stderr_path.read_text("utf-8", "replace")
                raise AssertionError(f"the program ended before {pattern.pattern!r}:\n{err}")
            self.seen.append(line)
            if match := pattern.search(line):
                return match

    def send(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text.encode("utf-8"))
        self.proc.stdin.flush()

    def end_input(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()

    def rest(self, timeout: float = 60) -> list[str]:
        """Every line still to come, until the program closes its output."""
        lines = []
        while (line := self.lines.get(timeout=timeout)) is not None:
            lines.append(line)
        self.seen.extend(lines)
        return lines

    def kill(self) -> None:
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.kill()
        self.proc.wait(timeout=30)
        if self.proc.stdin is not None:
            with contextlib.suppress(BrokenPipeError):
                self.proc.stdin.close()
        self._reader.join(timeout=30)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self._err.close()
