"""Issue 18, FHIR export: every bundled guide walked to its end exports as a Bundle that
fhir.resources (R4B) accepts and that holds the note field by field; the codes FHIR requires
are checked here, since fhir.resources lets any code through; no CPR number leaves."""

from __future__ import annotations

import copy
import json
import re

import pytest
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from assistant.dialogue.library import bundled_guides, find_guide
from assistant.notes.cpr import mask_cpr
from assistant.notes.fhir.check import FhirError, fhir_json, validated
from assistant.notes.fhir.questionnaire import questionnaire
from assistant.notes.fhir.response import bundle
from assistant.notes.model import Note, NoteAnswer, NoteSection
from assistant.session import Session

from ..walk import walk
from ..walk_agreements import with_agreements
from .fhir_compare import compare, items, read_back

GUIDES = {g.id: g for g in bundled_guides()}
CPR_LIKE = re.compile(r"\d{6}[-\s]?\d{4}")


def exported(store, session_id: str) -> tuple[str, Note, Session]:
    session = Session.open(store, session_id)
    try:
        note = session.note()
        return fhir_json(bundle(note, session.template, session.guide)), note, session
    finally:
        session.close()


@pytest.mark.parametrize("guide_id", sorted(GUIDES))
@pytest.mark.parametrize("pick", [0, -1])
def test_every_bundled_guide_walked_exports_its_note_exactly(store, guide_id, pick):
    guide = GUIDES[guide_id]
    session = Session.start(store, guide, borger="Stue 12", medarbejder="KB")
    given = walk(session, pick=pick)
    assert session.complete(force=True).ok
    text, note, _ = exported(store, session.id)
    answered = compare(text, note, guide)
    assert set(given) <= {a.key for a in note.answers}
    assert {k for k in given} <= set(answered)


def test_vaerdighedshjulet_typed_answers_and_rows(store):
    guide = find_guide("vaerdighedshjulet")
    session = with_agreements(
        store, guide, ["Sang torsdag ; Kim ; 24-12-2026", "Ringe til datter ; ; ", "Gåtur"]
    )
    text, note, _ = exported(store, session.id)
    _, q, r = read_back(text)
    found = {i.linkId: i for i, _ in items(r)}
    scale = guide.answer_specs()["hverdag_tilfreds"][1]
    if scale.numeric_scale:
        assert isinstance(found["hverdag_tilfreds"].answer[0].valueInteger, int)
    else:
        assert found["hverdag_tilfreds"].answer[0].valueCoding.code in [
            c.value for c in scale.choices
        ]
    assert found["opfoelgning_dato"].answer[0].valueDate.isoformat() == note.followup
    rows = [i for i, _ in items(r) if i.linkId == "aftaler"]
    assert [c.linkId for c in rows[0].item] == ["aftaler.hvad", "aftaler.hvem", "aftaler.hvornår"]
    cells = [{c.linkId: c.answer[0] for c in row.item} for row in rows]
    assert cells[0]["aftaler.hvad"].valueString == "Sang torsdag"
    assert cells[0]["aftaler.hvem"].valueString == "Kim"
    assert cells[0]["aftaler.hvornår"].valueDate.isoformat() == "2026-12-24"
    assert set(cells[1]) == {"aftaler.hvad"} == set(cells[2])  # empty cells are not written
    assert [a.what for a in note.actions] == ["Sang torsdag", "Ringe til datter", "Gåtur"]
    # the rows sit in the action plan's group, as in the questionnaire
    assert dict((i.linkId, p) for i, p in items(r))["aftaler"] == "sektion:handlingsplan"
    assert q.item[0].linkId == "sektion:indledning" and q.item[0].type == "group"
    assert q.item[0].item[0].linkId == "trin:intro_kontakt" and q.item[0].item[0].type == "display"


def test_follow_up_has_one_repeated_group_per_agreement(store):
    first = with_agreements(
        store, find_guide("vaerdighedshjulet"), ["Sang torsdag ; Kim ; 24-12-2026", "Gåtur ; Lis"]
    )
    first.close()
    follow_up = find_guide("opfoelgning_aftaler")
    session = Session.start(store, follow_up, borger="Stue 12", medarbejder="KB")
    walk(session)
    assert session.complete(force=True).ok
    text, note, _ = exported(store, session.id)
    compare(text, note, follow_up)
    _, q, r = read_back(text)
    group = next(i for i in q.item if i.linkId == "sektion:fa_aftale")
    assert group.repeats is True
    copies = [i for i in r.item if i.linkId == "sektion:fa_aftale"]
    assert [c.text for c in copies] == ["Aftale: Sang torsdag", "Aftale: Gåtur"]
    assert all("fa_skete" in {i.linkId for i in c.item} for c in copies)
    assert not any("__" in i.linkId for i, _ in items(r))


def test_paused_and_abandoned_notes_have_their_status(store):
    guide = find_guide("vaerdighedshjulet")
    paused = Session.start(store, guide, borger="Stue 3")
    paused.answer("")
    paused.answer("")
    assert paused.answer("Haven og kaffen").ok
    paused.pause()
    text, note, _ = exported(store, paused.id)
    assert read_back(text)[2].status == "in-progress"
    compare(text, note, guide)
    stopped = Session.start(store, guide, borger="Stue 4")
    stopped.answer("")
    stopped.abandon()
    assert read_back(exported(store, stopped.id)[0])[2].status == "stopped"


def test_no_cpr_number_leaves_in_the_export(store):
    guide = find_guide("vaerdighedshjulet")
    session = Session.start(store, guide, borger="Stue 5 010190-1234", medarbejder="KB")
    session.answer("")
    session.answer("")
    assert session.answer("Hendes CPR er 0101901234, datterens 31.12.85 4321").ok
    session.pause()
    text, note, _ = exported(store, session.id)
    # the entries' urn:uuid names are random hex, which may hold ten digits in a row
    names = re.sub(r"urn:uuid:[0-9a-f-]{36}", "", text)
    assert mask_cpr(names)[1] == 0 and not CPR_LIKE.search(names)
    assert "0101901234" not in text and "31.12.85 4321" not in text and "010190-1234" not in text
    r = read_back(text)[2]
    assert r.subject.display == note.borger == "Stue 5 XXXXXX-XXXX"
    assert r.subject.identifier is None and r.subject.reference is None


def test_the_export_masks_cpr_numbers_the_store_did_not():
    """A note from an older store, with a number in the pseudonym and an answer, is masked."""
    guide = find_guide("vaerdighedshjulet")
    answer = NoteAnswer("vigtigst", "vigtigst", "?", "Det vigtigste", "cpr 0101901234", "", "")
    note = Note(
        "n1", "T", guide.id, guide.version, guide.title, guide.content_hash, "interview",
        "010190-1234", "KB", "completed", "2026-01-01T10:00:00+01:00",
        "2026-01-01T10:30:00+01:00", [NoteSection("Midte", [answer])],
    )  # fmt: skip
    text = fhir_json(bundle(note, guide))
    assert "0101901234" not in text and "010190-1234" not in text
    assert text.count("XXXXXX-XXXX") == 2


def test_control_characters_become_visible_escapes():
    guide = find_guide("vaerdighedshjulet")
    answer = NoteAnswer("vigtigst", "vigtigst", "?", "x", "rød\x1b[31m\x00 ok\x85", "", "")
    note = Note(
        "n2", "T", guide.id, guide.version, guide.title, guide.content_hash, "interview",
        "Stue 1", None, "completed", "2026-01-01T10:00:00+01:00",
        "2026-01-01T10:30:00+01:00", [NoteSection("Midte", [answer])],
    )  # fmt: skip
    text = fhir_json(bundle(note, guide))
    value = next(i for i, _ in items(read_back(text)[2]) if i.linkId == "vigtigst")
    assert value.answer[0].valueString == "rød\\x1b[31m ok\\x85"  # NUL is never kept (notes/cpr.py)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)


def test_a_free_other_choice_is_a_string_beside_the_codings():
    guide = find_guide("ensomhed_opsporing")
    spec = guide.answer_specs()["samvaer_lyst"][1]
    assert spec.other
    value = [spec.choices[0].value, "andet: kage med naboen"]
    answer = NoteAnswer("x", "samvaer_lyst", "?", spec.label, value, "", "")
    note = Note(
        "n3", "T", guide.id, guide.version, guide.title, guide.content_hash, "interview",
        "Stue 1", None, "completed", "2026-01-01T10:00:00+01:00",
        "2026-01-01T10:30:00+01:00", [NoteSection("Glæder", [answer])],
    )  # fmt: skip
    text = fhir_json(bundle(note, guide))
    compare(text, note, guide)
    _, q, r = read_back(text)
    item = next(i for i, _ in items(r) if i.linkId == "samvaer_lyst")
    assert item.answer[0].valueCoding.code == spec.choices[0].value
    assert item.answer[0].valueCoding.display == spec.choices[0].label
    assert item.answer[1].valueString == "kage med naboen"
    assert next(i for i, _ in items(q) if i.linkId == "samvaer_lyst").type == "open-choice"


def _sample(store) -> dict:
    guide = find_guide("vaerdighedshjulet")
    session = with_agreements(store, guide, ["Sang ; Kim ; 24-12-2026"])
    return bundle(session.note(), session.template, session.guide)


def test_fhir_resources_alone_lets_a_wrong_status_through():
    """Why the codes are checked here: fhir.resources accepts any status."""
    QuestionnaireResponse.model_validate({"resourceType": "QuestionnaireResponse", "status": "foo"})


@pytest.mark.parametrize(
    ("where", "change"),
    [
        ("Bundle.type", lambda b: b.update(type="foo")),
        ("Questionnaire.status", lambda b: b["entry"][0]["resource"].update(status="foo")),
        ("QuestionnaireResponse.status", lambda b: b["entry"][1]["resource"].update(status="done")),
        ("Questionnaire.item.type", lambda b: b["entry"][0]["resource"]["item"][1]["item"][0].update(type="tekst")),
    ],
)  # fmt: skip
def test_a_code_fhir_does_not_know_is_refused(store, where, change):
    data = _sample(store)
    change(data)
    with pytest.raises(FhirError, match=re.escape(where)):
        fhir_json(data)


def test_a_response_that_does_not_fit_its_questionnaire_is_refused(store):
    data = _sample(store)
    response = data["entry"][1]["resource"]
    wrong_link = copy.deepcopy(data)
    wrong_link["entry"][1]["resource"]["item"][0]["item"][0]["linkId"] = "findes_ikke"
    with pytest.raises(FhirError, match="findes ikke i spørgeskemaet"):
        validated(wrong_link)
    moved = copy.deepcopy(data)
    moved["entry"][1]["resource"]["item"].append(
        moved["entry"][1]["resource"]["item"][0]["item"][0]
    )
    with pytest.raises(FhirError, match="står under 'roden'"):
        validated(moved)
    typed = copy.deepcopy(data)
    first = typed["entry"][1]["resource"]["item"][0]["item"][0]
    first["answer"] = [{"valueInteger": 3}]
    with pytest.raises(FhirError, match="tager valueString"):
        validated(typed)
    elsewhere = copy.deepcopy(data)
    elsewhere["entry"][1]["resource"]["questionnaire"] = "urn:samtale:guide:andet|1+0"
    with pytest.raises(FhirError, match="ikke med i samlingen"):
        validated(elsewhere)
    assert response["item"][0]["item"][0]["linkId"] == "vigtigst"


def test_twice_the_same_link_id_is_refused():
    data = questionnaire(find_guide("vaerdighedshjulet"))
    data["item"].append(copy.deepcopy(data["item"][1]))
    with pytest.raises(FhirError, match="to gange"):
        validated(data)


@pytest.mark.parametrize("guide_id", sorted(GUIDES))
def test_every_bundled_guide_is_a_valid_questionnaire(guide_id):
    guide = GUIDES[guide_id]
    data = json.loads(fhir_json(questionnaire(guide)))
    keys = set(guide.answer_specs()) | {c.key for c in guide.computed}
    links = [i["linkId"] for i in _flat(data["item"])]
    assert len(links) == len(set(links))
    assert keys <= set(links)
    assert data["url"] == f"urn:samtale:guide:{guide.id}"
    assert data["version"] == f"{guide.version}+{guide.content_hash}"
    assert data["status"] == "active"
    for key, (_, spec) in guide.answer_specs().items():
        item = next(i for i in _flat(data["item"]) if i["linkId"] == key)
        if spec.type in ("valg", "flervalg") or (spec.type == "skala" and spec.choices):
            assert [o["valueCoding"]["code"] for o in item["answerOption"]] == [
                c.value for c in spec.choices
            ]
            assert {o["valueCoding"]["system"] for o in item["answerOption"]} == {data["url"]}
        if spec.type == "rækker":
            fields = [c["linkId"] for c in item["item"] if c["type"] != "display"]
            assert fields == [f"{key}.{f.key}" for f in spec.fields]
        step = guide.steps[guide.answer_specs()[key][0].id]
        asked = [c["text"] for c in item.get("item", []) if c["linkId"] == f"trin:{step.id}"]
        assert asked == ([step.ask.strip()] if step.ask.strip() != item["text"] else [])


def _flat(found: list[dict]) -> list[dict]:
    return [x for i in found for x in [i, *_flat(i.get("item", []))]]
