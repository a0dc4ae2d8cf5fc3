"""`samtale check` on broken guide and persona files: every input gets problems as
``path:line:col: message`` (or none), never an exception, an internal error or a hang.

Trainers edit these files by hand. The variants start from the real files (the bundled guides,
their shared flow, the test fixture and the personas) and break them the way hands and editors
do: lines lost, doubled or swapped, indentation changed, odd characters typed or pasted, a
scalar replaced by a list, a map or a number, the file cut off.
"""

from __future__ import annotations

import contextlib
import copy
import difflib
import functools
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from assistant.check import check_paths

from ..conftest import FIXTURES, ROOT

DIALOGUES = ROOT / "dialogues"


# Characters that mean something to YAML or to a terminal, and some that editors produce.
NASTY = "\t:[]{}&*!|>-#%@`'\",?\x00\x01\x07\x08\x1b\x7f\x85\x9b\ufeff\u2028\u202e\r\n "
SCALARS = [
    "[a, b]",
    "{x: 1}",
    "[]",
    "{}",
    "42",
    "-1",
    "0",
    "3.5",
    "1e400",
    ".nan",
    "0x1F",
    "null",
    "~",
    "true",
    "''",
    '"',
    "- x",
    "|",
    ">-",
    "&a x",
    "*a",
    "!!binary aGVq",
    "!!python/object/apply:os.system [ls]",
    "!ukendt x",
    "2026-12-24",
    "? x",
    "[[[[[[[[]]]]]]]]",
    "a: b: c",
    "{{navn}}",
    "{findes_ikke}",
]
INDENTS = [" ", "  ", "    ", "\t", " \t"]
BAD_BYTE = "\udcff"  # written as the single byte 0xFF: not UTF-8

Lines = list[str]
Draw = Callable[[st.SearchStrategy], Any]


@dataclass(frozen=True)
class Source:
    name: str
    text: str
    folder: Path  # where the original lies (a guide needs the ``flows/`` next to it)


@dataclass(frozen=True)
class Variant:
    source: Source
    text: str

    def __repr__(self) -> str:  # a failing example shows what was changed, not 30 kB of YAML
        diff = difflib.unified_diff(
            self.source.text.splitlines(), self.text.splitlines(), lineterm="", n=0
        )
        shown = "\n".join(list(diff)[2:40])
        return f"Variant({self.source.name!r}, changes:\n{shown})"


def _sources(paths: list[Path]) -> list[Source]:
    return [Source(p.name, p.read_text(encoding="utf-8"), p.parent) for p in paths]


GUIDES = _sources(sorted(DIALOGUES.glob("*.yaml")) + [FIXTURES / "guides" / "mini.yaml"])
FLOWS = _sources(
    sorted((DIALOGUES / "flows").glob("*.yaml")) + sorted((FIXTURES / "guides" / "flows").glob("*"))
)
PERSONAS = _sources(sorted((DIALOGUES / "personas").glob("*.yaml")))


def _index(draw: Draw, lines: Lines) -> int:
    return draw(st.integers(0, max(len(lines) - 1, 0)))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def delete_line(draw: Draw, lines: Lines) -> Lines:
    i = _index(draw, lines)
    return lines[:i] + lines[i + 1 :]


def duplicate_line(draw: Draw, lines: Lines) -> Lines:
    i = _index(draw, lines)
    return lines[: i + 1] + lines[i:]


def swap_lines(draw: Draw, lines: Lines) -> Lines:
    i, j = _index(draw, lines), _index(draw, lines)
    lines = list(lines)
    if lines:
        lines[i], lines[j] = lines[j], lines[i]
    return lines


def reindent(draw: Draw, lines: Lines) -> Lines:
    if not lines:
        return lines
    i = _index(draw, lines)
    lines = list(lines)
    if draw(st.booleans()):
        lines[i] = draw(st.sampled_from(INDENTS)) + lines[i]
    else:
        lines[i] = lines[i][draw(st.integers(0, _indent(lines[i]))) :]
    return lines


def insert_characters(draw: Draw, lines: Lines) -> Lines:
    i = _index(draw, lines)
    line = lines[i] if lines else ""
    at = draw(st.integers(0, len(line)))
    text = draw(
        st.text(st.sampled_from(NASTY), min_size=1, max_size=4)
        | st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=4)
        | st.just(BAD_BYTE)
    )
    return [*lines[:i], line[:at] + text + line[at:], *lines[i + 1 :]]


def replace_scalar(draw: Draw, lines: Lines) -> Lines:
    """The value after ``key:`` (or after a ``- `` list dash) becomes something else. The
    indentation is drawn first, so the few top-level fields are hit as often as the many
    deep ones."""
    found = [n for n, line in enumerate(lines) if re.search(r"(: |- )\S", line)]
    if not found:
        return lines
    depth = draw(st.sampled_from(sorted({_indent(lines[n]) for n in found})))
    i = draw(st.sampled_from([n for n in found if _indent(lines[n]) == depth]))
    match = re.search(r"(: |- )\S", lines[i])
    assert match is not None
    value = draw(st.sampled_from(SCALARS) | st.text(st.sampled_from(NASTY + "abcæ1"), max_size=6))
    lines = list(lines)
    lines[i] = lines[i][: match.end(1)] + value + "\n"
    return lines


def truncate(draw: Draw, lines: Lines) -> Lines:
    i = _index(draw, lines)
    line = lines[i] if lines else ""
    return [*lines[:i], line[: draw(st.integers(0, len(line)))]]


MUTATIONS = [
    delete_line,
    duplicate_line,
    swap_lines,
    reindent,
    insert_characters,
    replace_scalar,
    truncate,
]


@st.composite
def line_variants(draw: Draw, sources: list[Source]) -> Variant:
    """The text edited line by line, as by hand: mostly broken YAML."""
    source = draw(st.sampled_from(sources))
    lines = source.text.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        lines = draw(st.sampled_from(MUTATIONS))(draw, lines)
    return Variant(source, "".join(lines))


# Values of every YAML type, for replacing a node of the parsed file.
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats()
    | st.text(st.sampled_from(NASTY + "abcæø_19"), max_size=8)
    | st.sampled_from(["ja", "slut", "start", "tekst", "valg", "rækker", "{navn}", "a == 1"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text("abcæ_:", max_size=6) | st.integers(0, 9), inner, max_size=3)
    ),
    max_leaves=6,
)


def _slots(node: Any, depth: int, found: list[tuple[int, Any, Any]]) -> list[tuple[int, Any, Any]]:
    """Every (depth, container, key or index) in a parsed YAML tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            found.append((depth, node, key))
            _slots(value, depth + 1, found)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.append((depth, node, i))
            _slots(value, depth + 1, found)
    return found


def mutate_tree(draw: Draw, data: Any) -> Any:
    """Replace, delete, double or rename one node. Which one: first a depth or a field name is
    drawn, so the few top-level fields and the rare ones (``mindst``, ``fra``) are hit as often
    as the many texts deep inside."""
    slots = _slots(data, 0, [])
    if not slots:
        return draw(VALUES)
    groups: dict[object, list[tuple[Any, Any]]] = {}
    for depth, container, key in slots:
        groups.setdefault(("depth", depth), []).append((container, key))
        if isinstance(container, dict):
            groups.setdefault(("field", str(key)), []).append((container, key))
    group = draw(st.sampled_from(sorted(groups, key=str)))
    container, key = draw(st.sampled_from(groups[group]))
    op = draw(st.sampled_from(["retype", "retype", "replace", "delete", "duplicate", "rename"]))
    if op == "retype":  # a scalar becomes a list, a map or a number, and the other way round
        old = type(container[key])
        container[key] = draw(VALUES.filter(lambda v: type(v) is not old))
    elif op == "replace":
        container[key] = draw(VALUES)
    elif op == "delete":
        del container[key]
    elif op == "duplicate" and isinstance(container, list):
        container.insert(key, container[key])
    elif isinstance(container, dict):
        new = draw(st.text("abcæøå_", min_size=1, max_size=8) | st.sampled_from(list(container)))
        container[new] = container.pop(key)
    return data


DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def _parsed(text: str) -> Any:
    return yaml.load(text, Loader=LOADER)  # noqa: S506 - a SafeLoader


@st.composite
def tree_variants(draw: Draw, sources: list[Source]) -> Variant:
    """The file parsed, a node or two changed, and written back: valid YAML of the wrong
    shape, which reaches deeper into the checker than broken syntax does."""
    source = draw(st.sampled_from(sources))
    data = copy.deepcopy(_parsed(source.text))
    for _ in range(draw(st.integers(1, 3))):
        data = mutate_tree(draw, data)
    return Variant(source, yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False))


def variants(sources: list[Source]) -> st.SearchStrategy[Variant]:
    return line_variants(sources) | tree_variants(sources)


class Hang(BaseException):
    """Raised by the alarm; a BaseException, so the checker's own ``except Exception``
    cannot turn a hang into an ordinary problem."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def alarm(signum: int, frame: object) -> None:
        raise Hang(f"the checker took more than {seconds} s")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def place(workdir: Path, kind: str, source: Source, text: str | None = None) -> Path:
    """Write a file where the checker treats it as ``kind``: a guide with its flows next to it,
    a flow in ``flows/``, a persona in ``personas/``."""
    if kind == "guide":
        folder = workdir / source.folder.name  # guides from different folders use other flows
        if not (folder / "flows").exists():
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copytree(source.folder / "flows", folder / "flows")
    else:
        folder = workdir / ("flows" if kind == "flow" else "personas")
        folder.mkdir(parents=True, exist_ok=True)
    path = folder / source.name
    path.write_bytes((source.text if text is None else text).encode("utf-8", "surrogateescape"))
    return path


PROBLEM = re.compile(r"(?P<path>.+?):(?P<line>[0-9]+):(?P<col>[0-9]+): (?P<message>\S.*)")
LINE_BREAKS = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")


def assert_checked_cleanly(kind: str, variant: Variant, workdir: Path) -> None:
    path = place(workdir, kind, variant.source, variant.text)
    with time_limit(10):
        files, problems = check_paths([path])
    assert path in files
    lines = len(LINE_BREAKS.split(variant.text))
    for problem in problems:
        shown = str(problem)
        match = PROBLEM.fullmatch(shown)
        assert match, shown
        assert (int(match["line"]), int(match["col"])) == (problem.line, problem.col)
        assert problem.line >= 1 and problem.col >= 1, shown
        assert "intern fejl" not in problem.message, shown
        if problem.path == str(path):
            assert problem.line <= lines, (shown, lines)


def fuzz(examples: int) -> settings:
    """No shrinking: a variant is a few edits of a real file and its repr is the diff, already
    small, while shrinking 30 kB of YAML can take minutes."""
    return settings(
        max_examples=examples,
        deadline=2000,
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
        suppress_health_check=[HealthCheck.too_slow],
    )


@fuzz(400)
@given(variant=variants(GUIDES))
def test_broken_guides_give_positioned_problems(variant, tmp_path_factory):
    assert_checked_cleanly("guide", variant, tmp_path_factory.mktemp("guide"))


@fuzz(60)
@given(variant=variants(FLOWS))
def test_broken_flows_give_positioned_problems(variant, tmp_path_factory):
    assert_checked_cleanly("flow", variant, tmp_path_factory.mktemp("flow"))


@fuzz(200)
@given(variant=variants(PERSONAS))
def test_broken_personas_give_positioned_problems(variant, tmp_path_factory):
    assert_checked_cleanly("persona", variant, tmp_path_factory.mktemp("persona"))


@pytest.mark.parametrize("kind", ["guide", "flow", "persona"])
def test_unmutated_sources_are_valid(kind, tmp_path):
    """The fuzzing starts from valid files, so every problem it finds comes from a mutation."""
    for source in {"guide": GUIDES, "flow": FLOWS, "persona": PERSONAS}[kind]:
        assert check_paths([place(tmp_path, kind, source)])[1] == [], source.name


def alias_bomb(levels: int = 9) -> str:
    """'Billion laughs': a few lines that stand for 10**levels values through YAML aliases."""
    lines = ["a0: &a0 [ha, ha, ha, ha, ha, ha, ha, ha, ha, ha]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("kind", ["guide", "persona"])
def test_yaml_alias_bomb_is_refused_at_once(kind, tmp_path):
    source = (GUIDES if kind == "guide" else PERSONAS)[-1]
    bomb = alias_bomb() + source.text.replace("\ntitel:", "\nbemærkning: *a8\ntitel:", 1)
    with time_limit(5):
        _, problems = check_paths([place(tmp_path, kind, source, bomb)])
    assert problems[0].line == 2 and "YAML-alias" in problems[0].message
    assert len(problems) == 1


def check_command(*paths: Path) -> subprocess.CompletedProcess[bytes]:
    """``samtale check`` as a user runs it; asserts what holds for every input."""
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "check", *map(str, paths)],
        capture_output=True,
        cwd=ROOT,
        timeout=30,
    )
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode in (0, 1), err
    assert "Traceback" not in err
    for raw in (b"\x1b", b"\x07", b"\x00"):
        assert raw not in result.stdout
    for line in result.stdout.decode("utf-8").split("\n")[:-1]:
        if not line.endswith("ingen fejl."):
            assert PROBLEM.fullmatch(line), line
    return result


@settings(deadline=None, max_examples=5, suppress_health_check=[HealthCheck.too_slow])
@given(guides=st.lists(variants(GUIDES), min_size=2, max_size=2), persona=variants(PERSONAS))
def test_samtale_check_command_on_broken_files(guides, persona, tmp_path_factory):
    """The real command: exit 0 or 1, one positioned line per problem, never a traceback."""
    workdir = tmp_path_factory.mktemp("cli")
    paths = [place(workdir / str(i), "guide", v.source, v.text) for i, v in enumerate(guides)]
    check_command(*paths, place(workdir, "persona", persona.source, persona.text))


def test_samtale_check_command_on_an_alias_bomb(tmp_path):
    bomb = place(tmp_path, "guide", GUIDES[-1], alias_bomb())
    result = check_command(bomb)
    assert result.returncode == 1 and f"{bomb}:2:" in result.stdout.decode("utf-8")


@pytest.mark.parametrize(
    ("kind", "escape"), [("guide", "\\e]0;titel\\a"), ("guide", "\\0"), ("persona", "\\e[2J")]
)
def test_control_characters_made_by_yaml_escapes_are_refused(kind, escape, tmp_path):
    """The YAML reader refuses a raw ESC, but "\\e" in double quotes makes one; a guide title
    with it would reach the terminal in `samtale notes list` and `samtale guides`."""
    source, field = (GUIDES[-1], "titel") if kind == "guide" else (PERSONAS[-1], "navn")
    lines = source.text.split("\n")
    n = next(n for n, text in enumerate(lines) if text.startswith(f"{field}: "))
    lines[n] = f'{field}: "Før {escape} efter"'
    problems = check_paths([place(tmp_path, kind, source, "\n".join(lines))])[1]
    assert [(p.line, p.col) for p in problems] == [(n + 1, len(field) + 3)]
    assert "styretegnet" in problems[0].message
