"""Test helper: compare an exported FHIR Bundle, read back through fhir.resources, field by
field with the note it came from and the guide it was made with."""

from __future__ import annotations

import re
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from assistant.dialogue.model import Guide
from assistant.notes.model import Note

SUFFIX = re.compile(r"__[0-9]+$")


def items(parent: Any, parent_id: str | None = None) -> list[tuple[Any, str | None]]:
    """Every item under ``parent`` (a resource or an item), each with its group's linkId."""
    found = []
    for item in getattr(parent, "item", None) or []:
        found.append((item, parent_id))
        found += items(item, item.linkId)
    return found


def read_back(text: str) -> tuple[Any, Any, Any]:
    """The Bundle, its Questionnaire and its QuestionnaireResponse, as fhir.resources reads them."""
    bundle = Bundle.model_validate_json(text)
    resources = [e.resource for e in bundle.entry]
    assert [r.get_resource_type() for r in resources] == ["Questionnaire", "QuestionnaireResponse"]
    return bundle, resources[0], resources[1]


def compare(text: str, note: Note, template: Guide) -> dict[str, list[Any]]:
    """Assert that the Bundle ``text`` holds ``note`` exactly; return its answers by linkId."""
    bundle, q, r = read_back(text)
    assert bundle.type == "collection"
    assert q.url == f"urn:samtale:guide:{template.id}"
    assert (
        q.version
        == f"{template.version}+{template.content_hash}"
        == f"{note.guide_version}+{note.guide_hash}"
    )
    assert r.questionnaire == f"{q.url}|{q.version}"
    assert r.identifier.value == note.id
    assert (
        r.status
        == {"completed": "completed", "in_progress": "in-progress", "abandoned": "stopped"}[
            note.status
        ]
    )
    assert (r.subject.display if r.subject else None) == note.borger

    questions = {i.linkId: (i, parent) for i, parent in items(q)}
    assert len(questions) == len(items(q)), "a linkId is used twice in the questionnaire"
    answered: dict[str, list[Any]] = {}
    for item, parent in items(r):
        assert item.linkId in questions, item.linkId
        question, group = questions[item.linkId]
        assert parent == group, (item.linkId, parent, group)
        answered.setdefault(item.linkId, []).append(item)

    specs = template.answer_specs()
    computed = {c.key for c in template.computed}
    for answer in note.answers:
        key = SUFFIX.sub("", answer.key)
        got = answered.get(key)
        if answer.key in computed:
            assert got, key
            value = got[0].answer[0]
            assert (
                value.valueDecimal
                if value.valueDecimal is not None
                else value.valueInteger
                if value.valueInteger is not None
                else value.valueString
            ) == answer.value
            continue
        spec = specs[key][1]
        assert got, f"{key} is missing from the response"
        question = questions[key][0]
        if spec.type == "rækker":
            assert question.type == "group" and question.repeats
            rows = [row for row in got if row.item]
            assert len(rows) >= len(answer.value)
            for row in answer.value:
                cells = {f"{key}.{f.key}": row[f.key] for f in spec.fields if row.get(f.key)}
                assert any(
                    {c.linkId: _value(c.answer[0]) for c in g.item} == cells for g in rows
                ), (key, row)
            continue
        values = [_value(a) for item in got for a in item.answer]
        if spec.type == "tekst":
            assert question.type == "text"
            assert answer.value in values
        elif spec.type == "flervalg":
            for choice in answer.value:
                wanted = choice[len("andet:") :].strip() if choice.startswith("andet:") else choice
                assert wanted in values, (key, choice, values)
        elif spec.type in ("valg", "skala") and not spec.numeric_scale:
            assert question.type == "choice"
            coding = next(
                a.valueCoding
                for item in got
                for a in item.answer
                if a.valueCoding.code == answer.value
            )
            assert coding.system == q.url
            assert coding.display == next(c.label for c in spec.choices if c.value == answer.value)
        elif spec.type == "skala":
            assert question.type == "integer"
            assert answer.value in values and all(isinstance(v, int) for v in values)
        elif spec.type == "ja_nej":
            assert question.type == "boolean"
            assert values == [answer.value]
        elif spec.type == "dato":
            assert question.type == "date"
            assert answer.value in values
    return answered


def _value(answer: Any) -> Any:
    """The one value[x] of an answer, dates as ISO text and codings as their code."""
    for name in ("valueString", "valueInteger", "valueBoolean", "valueDecimal"):
        if (value := getattr(answer, name)) is not None:
            return value
    if answer.valueDate is not None:
        return answer.valueDate.isoformat()
    assert answer.valueCoding is not None
    return answer.valueCoding.code
