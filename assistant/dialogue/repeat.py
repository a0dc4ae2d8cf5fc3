"""Guides that reach earlier conversations: sections that repeat (``gentag: aftaler``) and the
references ``{aftale.x}``, ``{aftaler.åbne}`` and ``{tidligere.KEY}``.

A repeated section is expanded before the guide is compiled: ``expand`` gets the guide's
canonical content and the items to repeat over (as plain data, never from the store) and gives
the content of a guide in which the section is copied once per item. The copies' step ids and
answer keys get the suffix ``__1``, ``__2``, ..., so that every answer is kept; ``næste``,
conditions and ``{references}`` inside the section follow the renaming. A copy keeps its
``gentag`` key, so that the check of the expanded guide applies the same rules to it. The same content and
items always give the same guide.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from . import expr as ex
from .answers import danish_date
from .model import Guide
from .schema import KEY_RE, REF_RE

REPEATS = ("aftaler",)  # what ``gentag`` can repeat over
AGREEMENT_STATUSES = ("åben", "i_gang", "udført", "opgivet")  # as notes/agreements.py
ITEM = "aftale"  # {aftale.hvad} ... inside a repeated section
ITEM_FIELDS = ("hvad", "hvem", "hvornår", "id")
EARLIER = "tidligere"  # {tidligere.KEY}: the newest earlier answer with that key
OPEN_LIST = "aftaler.åbne"  # the resident's open agreements, one a line
# the texts of a step or section in which references are filled in when the guide is shown
TEXT_KEYS = ("spørg", "eksempler", "tips", "baggrund", "noter", "intro")
# texts shown as they stand (titles): the item's values are put in without escaping braces
PLAIN_KEYS = ("titel",)

_REF = re.compile(r"\{\{|\}\}|\{([^{}\s]+)\}")


@dataclass(frozen=True)
class Item:
    """One open agreement a section repeats over."""

    id: str
    what: str
    who: str = ""
    due: str | None = None  # ISO date

    def field(self, name: str) -> str:
        if name == "hvad":
            return self.what
        if name == "hvem":
            return self.who or "(ingen ansvarlig skrevet)"
        if name == "hvornår":
            return danish_date(self.due) if self.due else "(ingen dato)"
        return self.id


def ordered(items: Iterable[Item]) -> list[Item]:
    """In due-date order; agreements without a date last, then by id."""
    return sorted(items, key=lambda i: (i.due is None, i.due or "", i.id))


def references(guide: Guide) -> set[str]:
    """Every ``{reference}`` in the guide's step and section texts."""
    found: set[str] = set()
    for step in guide.steps.values():
        for text in (step.ask, *step.examples, *step.tips, step.background, step.notes):
            found.update(REF_RE.findall(text))
    for section in guide.sections:
        found.update(REF_RE.findall(section.intro))
    return found


def earlier_keys(guide: Guide) -> list[str]:
    """The answer keys the guide reads from earlier conversations (``{tidligere.KEY}``)."""
    prefix = EARLIER + "."
    return sorted(r[len(prefix) :] for r in references(guide) if r.startswith(prefix))


def repeats(guide: Guide) -> bool:
    return any(s.repeat for s in guide.sections)


def uses_earlier(guide: Guide) -> bool:
    """Whether the guide reads earlier agreements or answers (then a session records them)."""
    refs = references(guide)
    return repeats(guide) or OPEN_LIST in refs or any(r.startswith(EARLIER + ".") for r in refs)


def open_list(items: Sequence[Item]) -> str:
    """The open agreements as ``{aftaler.åbne}`` shows them."""
    if not items:
        return "(ingen åbne aftaler)"
    lines = []
    for item in ordered(items):
        when = danish_date(item.due) if item.due else "ingen dato"
        lines.append(f"– {item.what} ({item.who or 'ingen ansvarlig'}, {when})")
    return "\n".join(lines)


# --- expansion ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expanded:
    content: str  # the canonical content of the expanded guide
    item_of: dict[str, str]  # answer key in a copy -> the id of its item (agreement)


def expand(content: str, items: Sequence[Item]) -> Expanded:
    """The guide with each ``gentag`` section copied once per item (none: left out)."""
    raw = json.loads(content)
    sections = raw.get("afsnit") if isinstance(raw, dict) else None
    if not isinstance(sections, list):
        return Expanded(content, {})
    result: list[Any] = []
    item_of: dict[str, str] = {}
    note_sections: list[dict[str, Any]] = []
    for section in sections:
        if not isinstance(section, dict) or not section.get("gentag"):
            result.append(section)
            continue
        for number, item in enumerate(ordered(items), 1):
            copied, keys = _copy(section, item, number)
            result.append(copied)
            item_of.update(dict.fromkeys(keys, item.id))
            note_sections.append({"titel": copied.get("titel", ""), "nøgler": keys})
    raw["afsnit"] = result
    note = raw.get("note")
    if isinstance(note, dict) and isinstance(note.get("afsnit"), list):
        note["afsnit"] = note["afsnit"] + note_sections
    return Expanded(json.dumps(raw, ensure_ascii=False, sort_keys=True), item_of)


def local_names(section: dict[str, Any]) -> tuple[set[str], set[str]]:
    """(step ids, answer keys) written in a section."""
    steps, keys = set(), set()
    for step in section.get("trin") or []:
        if isinstance(step, dict):
            if isinstance(step.get("id"), str):
                steps.add(step["id"])
            answer = step.get("svar")
            if isinstance(answer, dict) and isinstance(answer.get("nøgle"), str):
                keys.add(answer["nøgle"])
    return steps, keys


def _copy(section: dict[str, Any], item: Item, number: int) -> tuple[dict[str, Any], list[str]]:
    suffix = f"__{number}"
    steps, keys = local_names(section)
    copied = copy.deepcopy(section)  # it keeps 'gentag', so the check knows it for a copy
    copied["id"] = f"{section.get('id')}{suffix}"
    _fill(copied, item, keys, suffix)
    new_keys: list[str] = []
    for step in copied.get("trin") or []:
        if not isinstance(step, dict):
            continue
        if step.get("id") in steps:
            step["id"] += suffix
        _fill(step, item, keys, suffix)
        answer = step.get("svar")
        if isinstance(answer, dict) and answer.get("nøgle") in keys:
            answer["nøgle"] += suffix
            new_keys.append(answer["nøgle"])
        step["næste"] = _next(step.get("næste"), steps, keys, suffix)
        if step["næste"] is None:
            del step["næste"]
    return copied, new_keys


def _fill(node: dict[str, Any], item: Item, keys: set[str], suffix: str) -> None:
    """Put the item's values in place of ``{aftale.x}`` and rename the section's own keys."""
    for name in TEXT_KEYS + PLAIN_KEYS:
        value = node.get(name)
        escape = name not in PLAIN_KEYS
        if isinstance(value, str):
            node[name] = _text(value, item, keys, suffix, escape)
        elif isinstance(value, list):
            node[name] = [
                _text(v, item, keys, suffix, escape) if isinstance(v, str) else v for v in value
            ]


def _text(text: str, item: Item, keys: set[str], suffix: str, escape: bool) -> str:
    def sub(match: re.Match[str]) -> str:
        ref = match.group(1)
        if ref is None:
            return match.group(0)
        if ref.startswith(ITEM + ".") and ref[len(ITEM) + 1 :] in ITEM_FIELDS:
            value = item.field(ref[len(ITEM) + 1 :])
            return value.replace("{", "{{").replace("}", "}}") if escape else value
        if ref in keys:
            return "{" + ref + suffix + "}"
        return match.group(0)

    return _REF.sub(sub, text)


def _next(value: Any, steps: set[str], keys: set[str], suffix: str) -> Any:
    if isinstance(value, str):
        return value + suffix if value.strip() in steps else value
    if not isinstance(value, list):
        return value
    result = []
    for branch in value:
        if isinstance(branch, dict):
            branch = dict(branch)
            target = branch.get("gå_til")
            if isinstance(target, str) and target.strip() in steps:
                branch["gå_til"] = target.strip() + suffix
            if isinstance(branch.get("hvis"), str):
                branch["hvis"] = rename(branch["hvis"], keys, suffix)
        result.append(branch)
    return result


def rename(condition: str, keys: set[str], suffix: str) -> str:
    """A condition with the answer names in ``keys`` given ``suffix``."""
    try:
        node = ex.parse(condition)
    except ex.ExprError:
        return condition  # the check of the template reports it
    for name in sorted(ex.names(node), key=lambda n: n.offset, reverse=True):
        if name.value in keys:
            end = name.offset + len(name.value)
            condition = condition[: name.offset] + name.value + suffix + condition[end:]
    return condition


def valid_key(text: str) -> bool:
    return bool(KEY_RE.fullmatch(text))
