"""A note as a FHIR QuestionnaireResponse, and the Bundle that holds it with its guide.

The response follows the Questionnaire's structure (``questionnaire``): an answer sits in
the group of its section, with the answer key as linkId and a typed value: ``tekst`` a
valueString (free notes are text, as typed), ``valg`` and a named scale a valueCoding,
``flervalg`` one valueCoding per choice (and a valueString for a free "andet: ..."), a
numeric scale a valueInteger, ``ja_nej`` a valueBoolean, ``dato`` a valueDate, and each
``rækker`` row one group item with a child item per filled-in field. Only what was answered
is written.

The resident is named only by the pseudonym staff chose (``subject.display``), never by an
identifier. The store masks CPR-like numbers before anything is saved; every text is masked
again here, so a number that slipped past an old version of the store cannot leave in FHIR.

The Bundle is a ``collection``: a set of resources to be read together. A ``document``
Bundle would need a Composition with an attester and a fixed author, and is a signed
clinical document; a note exported for a care record is the source of such a document,
not one itself.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any

from ...dialogue.model import AnswerSpec, Guide, Section
from ..cpr import mask_cpr
from ..model import Note, NoteAnswer
from .questionnaire import (
    canonical,
    codes,
    coding,
    computed_type,
    fhir_text,
    field_link,
    questionnaire,
    section_link,
)

_COPY = re.compile(r"^(.*)__([0-9]+)$")  # a repeated section's copy: <id>__<n>
OTHER = "andet:"


def _text(text: str | None) -> str | None:
    """User text for FHIR: CPR-like numbers masked, control characters made visible."""
    return fhir_text(mask_cpr(text)[0] if text else text)


def _template_section(template: Guide, section: Section) -> tuple[Section, str] | None:
    """The section as written that ``section`` of the expanded guide is (or is a copy of),
    and the suffix its copied keys carry ("" when it is no copy)."""
    by_id = {s.id: s for s in template.sections}
    if section.id in by_id:
        return by_id[section.id], ""
    match = _COPY.match(section.id)
    if match and (written := by_id.get(match.group(1))) is not None and written.repeat:
        return written, f"__{match.group(2)}"
    return None


def answer_values(guide: Guide, spec: AnswerSpec, value: Any) -> list[dict[str, Any]]:
    """The typed FHIR answers of one stored value (not for ``rækker``, see ``rows``)."""
    kind = spec.type
    if value is None:
        return []
    if kind in ("valg", "skala") and not spec.numeric_scale:
        return [{"valueCoding": coding(guide, spec, str(value))}]
    if kind == "flervalg":
        found: list[dict[str, Any]] = []
        for item in value if isinstance(value, list) else [value]:
            item = str(item)
            if spec.other and item.casefold().startswith(OTHER):
                if text := _text(item[len(OTHER) :].strip()):
                    found.append({"valueString": text})
            else:
                found.append({"valueCoding": coding(guide, spec, item)})
        return found
    if kind == "skala":
        return [{"valueInteger": int(value)}]
    if kind == "ja_nej":
        return [{"valueBoolean": bool(value)}]
    if kind == "dato":
        return [{"valueDate": str(value)}]
    text = _text(str(value))
    return [{"valueString": text}] if text else []


def rows(spec: AnswerSpec, link_id: str, value: Any) -> list[dict[str, Any]]:
    """An action plan (``rækker``): one group item per row, one child per filled-in field."""
    items: list[dict[str, Any]] = []
    for row in value if isinstance(value, list) else []:
        cells: list[dict[str, Any]] = []
        for f in spec.fields:
            cell = str(row.get(f.key, "") or "").strip() if isinstance(row, dict) else ""
            if f.type == "dato" and cell:
                answer = {"valueDate": cell}
            elif text := _text(cell):
                answer = {"valueString": text}
            else:
                continue
            cells.append(_with_text(field_link(link_id, f.key), f.label, [answer]))
        if cells:
            items.append({"linkId": link_id, **_label(spec.label), "item": cells})
    return items


def _label(text: str | None) -> dict[str, str]:
    shown = fhir_text(text)
    return {"text": shown} if shown else {}


def _with_text(link_id: str, text: str | None, answers: list[dict[str, Any]]) -> dict[str, Any]:
    return {"linkId": link_id, **_label(text), "answer": answers}


def answer_items(guide: Guide, spec: AnswerSpec, link_id: str, answer: NoteAnswer) -> list[Any]:
    if spec.type == "rækker":
        return rows(spec, link_id, answer.value)
    values = answer_values(guide, spec, answer.value)
    return [_with_text(link_id, spec.label or answer.label, values)] if values else []


def _computed(template: Guide, answers: dict[str, NoteAnswer]) -> list[dict[str, Any]]:
    items = []
    for item in template.computed:
        if (answer := answers.get(item.key)) is None or answer.value is None:
            continue
        kind = computed_type(item)
        value: dict[str, Any]
        if kind == "integer":
            value = {"valueInteger": int(answer.value)}
        elif kind == "decimal":
            value = {"valueDecimal": answer.value}
        elif text := _text(str(answer.value)):
            value = {"valueString": text}
        else:
            continue
        items.append(_with_text(item.key, item.label, [value]))
    return items


def response(note: Note, template: Guide, guide: Guide | None = None) -> dict[str, Any]:
    """The note as a QuestionnaireResponse to ``template`` (the guide as written).

    ``guide`` is the guide the session ran, with repeated sections copied once per agreement
    (the session's ``guide``); without it, ``template`` itself."""
    guide = guide or template
    answers = {a.key: a for a in note.answers}
    items: list[dict[str, Any]] = []
    for section in guide.sections:
        found = _template_section(template, section)
        if found is None:
            continue
        written, suffix = found
        children: list[dict[str, Any]] = []
        for step_id in section.steps:
            spec = guide.steps[step_id].answer
            if spec is None or (answer := answers.get(spec.key)) is None:
                continue
            link_id = spec.key[: len(spec.key) - len(suffix)] if suffix else spec.key
            children += answer_items(template, spec, link_id, answer)
        if children:
            title = section.title or written.title or written.id
            items.append({"linkId": section_link(written.id), **_label(title), "item": children})
    items += _computed(template, answers)
    data: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "language": "da",
        "identifier": {"system": codes()["note_system"], "value": note.id},
        "questionnaire": canonical(template),
        "status": codes()["response_status"].get(note.status, note.status),
        "authored": note.updated_at,
    }
    if who := _text(note.borger):
        data["subject"] = {"display": who}
    if by := _text(note.medarbejder):
        data["author"] = {"display": by}
    data["item"] = items
    return data


def _full_url(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def bundle(note: Note, template: Guide, guide: Guide | None = None) -> dict[str, Any]:
    """A collection Bundle: the guide's Questionnaire, then the note's response."""
    q = questionnaire(template)
    r = response(note, template, guide)
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "entry": [
            {"fullUrl": _full_url(f"{q['url']}|{q['version']}"), "resource": q},
            {"fullUrl": _full_url(f"{codes()['note_system']}:{note.id}"), "resource": r},
        ],
    }
