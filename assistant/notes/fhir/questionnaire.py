"""A guide as a FHIR Questionnaire, as plain JSON-able data (``check`` validates it).

Names, chosen so that the same guide always gets the same ones and no two can clash:

- ``url`` is ``urn:samtale:guide:<id>``: a URN, not an https address, because no server
  publishes the guides and an address that cannot be opened would only mislead. ``version``
  is ``<guide version>+<content hash>``: the guide's own version says which edition it is,
  the hash (of the guide with its flows inlined, as a session snapshots it) tells two files
  of the same version apart. A response points at exactly that pair: ``url|version``.
- linkIds: a question is its answer key (``vigtigst``); a section or theme is the group
  ``sektion:<id>``; a step's question as the guide asks it is the display item ``trin:<id>``
  (inside its question, or alone for a step without an answer: an instruction, a hub); a field of an action-plan row is ``<key>.<field>``; the named steps of a
  numeric scale are the display item ``<key>:etiketter``. Keys are ``[a-zæøå_][a-zæøå0-9_]*``
  and ids ``[a-z0-9_]+``, so no linkId of one kind can be one of another.
- A repeated section (``gentag: aftaler``) is one repeating group; a follow-up note has one
  such group per agreement, with the same linkIds inside.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ...dialogue.model import AnswerSpec, Computed, Guide, Section, Step
from ..export import escape_controls

CODES_FILE = Path(__file__).with_name("codes.yaml")
SECTION = "sektion:"
STEP = "trin:"
SCALE_LABELS = ":etiketter"


@cache
def codes() -> dict[str, Any]:
    """``codes.yaml``: the FHIR code sets and Samtale's mappings onto them (read once)."""
    data = yaml.safe_load(CODES_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict), CODES_FILE
    return data


def fhir_text(text: str | None) -> str | None:
    """Text as a FHIR string may hold it, or None for nothing to write.

    FHIR strings cannot hold control characters other than tab and line breaks, nor be
    empty, so a control character is written as a visible escape (``\\x1b``), as in the
    Markdown export, and an empty or blank text is left out."""
    if text is None:
        return None
    text = escape_controls(str(text))
    return text if text.strip() else None


def guide_url(guide_id: str) -> str:
    return f"{codes()['guide_url']}{guide_id}"


def guide_version(version: str, content_hash: str) -> str:
    # '|' separates url and version in a canonical reference, so a version cannot hold one
    return f"{(version.strip() or '0').replace('|', '/')}+{content_hash}"


def canonical(guide: Guide) -> str:
    """The canonical reference ``url|version`` of the guide's Questionnaire."""
    return f"{guide_url(guide.id)}|{guide_version(guide.version, guide.content_hash)}"


def section_link(section_id: str) -> str:
    return SECTION + section_id


def field_link(key: str, field_key: str) -> str:
    return f"{key}.{field_key}"


def coding(guide: Guide, spec: AnswerSpec, value: str) -> dict[str, Any]:
    """A choice as a Coding: code = its ``værdi``, display = its text, system = the guide."""
    label = next((c.label for c in spec.choices if c.value == value), value)
    found: dict[str, Any] = {"system": guide_url(guide.id), "code": value}
    if display := fhir_text(label):
        found["display"] = display
    return found


def item_type(spec: AnswerSpec) -> str:
    """The Questionnaire item type of an answer (see ``item_type`` in codes.yaml)."""
    if spec.type == "skala" and not spec.numeric_scale:
        return "choice"
    if spec.type == "flervalg" and spec.other:
        return "open-choice"
    kind: str = codes()["item_type"][spec.type]
    return kind


def computed_type(item: Computed) -> str:
    """A computed value's item type: a sum is a decimal; cases give what all their values are."""
    if item.expr is not None:
        return "decimal"
    values = [case.value for case in item.cases]
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "integer"
    if values and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "decimal"
    return "string"


def _item(link_id: str, kind: str, text: str | None, **more: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"linkId": link_id, "type": kind}
    if shown := fhir_text(text):
        item["text"] = shown
    item.update({k: v for k, v in more.items() if v not in (None, False, [], {})})
    return item


def question(guide: Guide, step: Step, spec: AnswerSpec) -> dict[str, Any]:
    """The item of a step with an answer; its linkId is the answer key, its text the answer's
    label, and the question as the guide asks it is a display item inside it."""
    kind = item_type(spec)
    text = spec.label or step.ask or step.title
    inside = []
    if fhir_text(step.ask) and step.ask.strip() != text.strip():
        inside.append(_item(STEP + step.id, "display", step.ask))
    if spec.type == "rækker":
        fields = [
            _item(
                field_link(spec.key, f.key),
                "date" if f.type == "dato" else "string",
                f.label or f.key,
                required=f.required,
            )
            for f in spec.fields
        ]
        return _item(
            spec.key, kind, text, required=spec.required, repeats=True, item=inside + fields
        )
    more: dict[str, Any] = {"required": spec.required}
    if kind in ("choice", "open-choice"):
        more["answerOption"] = [{"valueCoding": coding(guide, spec, c.value)} for c in spec.choices]
        more["repeats"] = spec.type == "flervalg"
    if spec.numeric_scale:
        url = codes()
        more["extension"] = [
            {"url": url["min_value"], "valueInteger": spec.scale_min},
            {"url": url["max_value"], "valueInteger": spec.scale_max},
        ]
        if spec.scale_labels:
            labels = ", ".join(f"{n} = {t}" for n, t in sorted(spec.scale_labels.items()))
            inside.append(_item(spec.key + SCALE_LABELS, "display", labels))
    return _item(spec.key, kind, text, item=inside, **more)


def step_item(guide: Guide, step: Step) -> dict[str, Any]:
    if step.answer is None:
        return _item(STEP + step.id, "display", step.ask or step.title or step.id)
    return question(guide, step, step.answer)


def section_item(guide: Guide, section: Section) -> dict[str, Any]:
    items = [step_item(guide, guide.steps[sid]) for sid in section.steps if sid in guide.steps]
    return _item(
        section_link(section.id),
        "group",
        section.title or section.id,
        repeats=bool(section.repeat),
        item=items,
    )


def computed_item(item: Computed) -> dict[str, Any]:
    """A value the program computes from the answers (``beregn``): read-only."""
    return _item(item.key, computed_type(item), item.label or item.key, readOnly=True)


def questionnaire(guide: Guide) -> dict[str, Any]:
    """The guide (as written, before repeated sections are copied) as a Questionnaire."""
    data: dict[str, Any] = {
        "resourceType": "Questionnaire",
        "language": "da",
        "url": guide_url(guide.id),
        "version": guide_version(guide.version, guide.content_hash),
        "title": fhir_text(guide.title),
        "status": "active",
        "purpose": fhir_text(guide.purpose),
        "description": fhir_text(guide.remark),
    }
    if guide.use in ("samtale", "teammøde"):
        data["subjectType"] = ["Patient"]  # a conversation with or a meeting about a resident
    items = [section_item(guide, s) for s in guide.sections if s.steps]
    items += [computed_item(c) for c in guide.computed]
    data["item"] = items
    return {k: v for k, v in data.items() if v is not None}


def link_index(data: dict[str, Any]) -> dict[str, tuple[dict[str, Any], str | None]]:
    """Every item of a Questionnaire by linkId, with the linkId of the group it is in."""
    found: dict[str, tuple[dict[str, Any], str | None]] = {}

    def visit(items: list[dict[str, Any]], parent: str | None) -> None:
        for item in items:
            found.setdefault(str(item.get("linkId")), (item, parent))
            visit(item.get("item") or [], str(item.get("linkId")))

    visit(data.get("item") or [], None)
    return found
