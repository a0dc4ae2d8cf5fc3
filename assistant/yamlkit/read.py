"""Reading one YAML file with positions: syntax errors, unreadable files and control characters
become problems; ``canonical`` is the JSON snapshot a file's hash covers."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem
from .yamlerrors import one_line, yaml_message
from .yamlpos import KeyProblem, Pos, item_pos, key_pos, load, val_pos


def read_raw(path: Path, problems: list[Problem]) -> Any:
    """Parse one YAML file with positions; syntax errors become problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        problems.append(Problem(str(path), 1, 1, f"filen er ikke gyldig UTF-8 (byte {e.start})"))
        return None
    except OSError as e:
        problems.append(Problem(str(path), 1, 1, f"filen kan ikke læses: {e.strerror}"))
        return None
    try:
        raw = load(text)
    except KeyProblem as e:
        problems.append(Problem(str(path), e.pos.line, e.pos.col, e.message))
        return None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.append(
            Problem(str(path), line, col, f"YAML-fejl: {yaml_message(e.problem or e.context)}")
        )
        return None
    except yaml.reader.ReaderError as e:
        line = text.count("\n", 0, e.position) + 1
        col = e.position - (text.rfind("\n", 0, e.position) + 1) + 1
        problems.append(
            Problem(
                str(path),
                line,
                col,
                f"filen indeholder et tegn, der ikke må stå i en YAML-fil (kode {e.character!r})",
            )
        )
        return None
    except yaml.YAMLError as e:
        problems.append(Problem(str(path), 1, 1, f"YAML-fejl: {one_line(str(e))}"))
        return None
    except RecursionError:
        problems.append(Problem(str(path), 1, 1, "YAML-fejl: filen er for dybt indlejret"))
        return None
    if raw is None:
        problems.append(Problem(str(path), 1, 1, "filen er tom"))
    if MAY_CONTROL_RE.search(text):  # otherwise no text in it can hold one
        problems.extend(control_characters(raw, str(path)))
    return raw


# Control characters other than tab and newline. A raw one is refused by the YAML reader, but an
# escape in a double-quoted text ("\e[2J", "\a", "\0") makes one, and guide and persona texts
# are printed on the staff member's terminal.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What in a file's text can make one: an escape (a backslash) or a raw one (refused, or a line break)
MAY_CONTROL_RE = re.compile(r"[\\\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_characters(raw: Any, path: str) -> list[Problem]:
    """A problem for every key or text in the file that holds a control character."""
    found: list[Problem] = []

    def check(text: Any, pos: Pos) -> None:
        if isinstance(text, str) and (match := CONTROL_RE.search(text)):
            found.append(
                Problem(
                    path,
                    max(pos.line, 1),
                    max(pos.col, 1),
                    f"teksten indeholder styretegnet \\x{ord(match.group()):02x} (fx fra \\e "
                    "eller \\a i anførselstegn), som kan styre skærmen; fjern det",
                )
            )

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                check(key, key_pos(node, key))
                check(value, val_pos(node, key))
                visit(value)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                check(value, item_pos(node, i))
                visit(value)

    visit(raw)
    return found


def _plain(raw: Any) -> Any:
    if isinstance(raw, dict):
        return {str(k): _plain(v) for k, v in raw.items()}
    if isinstance(raw, list):
        return [_plain(v) for v in raw]
    return raw


def canonical(raw: Any) -> str:
    """The file as canonical JSON: what its hash covers and what a session snapshots."""
    return json.dumps(_plain(raw), ensure_ascii=False, sort_keys=True, default=str)
