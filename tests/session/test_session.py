"""The session API: navigation derived from events, resume, required answers, the note."""

import pytest

from assistant.dialogue.model import END
from assistant.session import MAX_FAILURES, Session, SessionError


def start(store, mini, **kw):
    return Session.start(store, mini, borger=kw.pop("borger", "AB"), medarbejder="KB", **kw)


def test_branch_on_condition(store, mini):
    s = start(store, mini)
    s.answer("Oda")
    s.answer("Rød")
    assert s.step_id == "akut"
    s.back()
    s.answer("grøn")
    assert s.step_id == "tal_a"


def test_back_undoes_the_last_answer_and_offers_it_again(store, mini):
    s = start(store, mini)
    s.answer("Oda")
    s.answer("gul")
    assert s.back().ok
    assert s.step_id == "trivsel" and "trivsel" not in s.answers
    assert s.previous_value() == "gul"
    assert s.back().ok and s.step_id == "navn" and s.answers == {}
    assert not s.back().ok


def test_skip_and_required_answers_checked_at_completion(store, mini):
    s = start(store, mini)
    for _ in range(4):  # navn, trivsel (unanswered: no branch to akut), tal_a, tal_b
        s.skip()
    assert s.step.is_hub
    assert not s.leave_hub().ok  # no theme done yet
    assert s.skip().ok  # skipping a hub goes on anyway
    s.skip()
    s.skip()
    assert s.at_end
    outcome = s.complete()
    assert not outcome.ok
    assert any("Kaldenavn" in m for m in outcome.missing)
    assert any("temaer" in m for m in outcome.missing)
    assert s.correct("navn", "Oda").ok
    assert s.complete(force=True).ok
    assert s.status == "completed"
    assert Session.open(store, s.id).note().missing == s.missing()


def test_pause_is_always_allowed_and_resume_continues(store, mini):
    s = start(store, mini)
    s.answer("Oda")
    s.pause()
    again = Session.open(store, s.id)
    assert again.step_id == "trivsel" and again.answers == {"navn": "Oda"}
    again.resume()
    again.answer("grøn")
    assert Session.open(store, s.id).step_id == "tal_a"


def test_hub_marks_done_themes_and_jumps(store, mini):
    s = start(store, mini)
    for answer in ("Oda", "grøn", "1", "2"):
        s.answer(answer)
    assert [c.value for c in s.hub_choices()] == ["mad", "venner", "videre"]
    s.answer("2")  # the second theme by number
    assert s.step_id == "venner_ja"
    assert s.to_hub().ok and s.step_id == "valg" and not s.done  # left early: not done
    s.choose_theme("mad")
    s.answer("1, andet: kage")
    assert s.done == {"mad"} and s.step_id == "valg"
    assert s.hub_choices()[0].label.endswith("✓")
    assert [t.done for t in s.themes()] == [True, False]
    s.back()
    assert s.step_id == "mad_ret" and not s.done


def test_repeated_bad_answers_offer_help(store, mini):
    s = start(store, mini)
    s.answer("Oda")
    outcomes = [s.answer("lilla") for _ in range(MAX_FAILURES)]
    assert all(not o.ok for o in outcomes)
    assert "ikke en af mulighederne" in outcomes[0].message
    assert not outcomes[0].offer_help and outcomes[-1].offer_help
    assert s.answer("gul").ok and s.failures == 0


def test_computed_values_and_references(store, mini):
    s = start(store, mini)
    s.answer("Oda")
    assert s.render(s.step.ask) == "Hvordan har Oda det?"
    for answer in ("grøn", "3", "3"):
        s.answer(answer)
    assert s.values["sum"] == 6 and s.values["niveau"] == "Høj"


def test_cpr_is_masked_and_staff_told(store, mini):
    s = start(store, mini)
    outcome = s.answer("Hun har CPR 010190-1234, ring 12345678 kl. 14:30")
    assert outcome.masked == 1 and "CPR" in outcome.message
    stored = Session.open(store, s.id).answers["navn"]
    assert stored == "Hun har CPR XXXXXX-XXXX, ring 12345678 kl. 14:30"


def test_interview_needs_a_pseudonym(store, mini):
    with pytest.raises(SessionError, match="pseudonym"):
        start(store, mini, borger="  ")


def test_resume_uses_the_guide_version_it_started_with(store, tmp_path):
    from assistant.dialogue.loader import load_guide

    from ..conftest import MINI

    folder = tmp_path / "guides"
    (folder / "flows").mkdir(parents=True)
    (folder / "flows" / "plan.yaml").write_text(
        (MINI.parent / "flows" / "plan.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    path = folder / "mini.yaml"
    path.write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    s = Session.start(store, load_guide(path), borger="AB")
    s.answer("Oda")
    path.write_text(
        MINI.read_text(encoding="utf-8").replace("Hvordan har {navn} det?", "Ny tekst"),
        encoding="utf-8",
    )
    assert load_guide(path).content_hash != s.guide.content_hash
    again = Session.open(store, s.id)
    assert again.guide.content_hash == s.guide.content_hash
    assert again.render(again.step.ask) == "Hvordan har Oda det?"


def test_long_markup_emoji_text_is_stored_exactly(store, mini):
    text = "[bold]fed[/] [red]x 🙂 æøå ÆØÅ " + "lang tekst " * 460
    assert len(text) > 5000
    s = start(store, mini)
    s.answer(text)
    note = Session.open(store, s.id).note()
    assert note.sections[0].answers[0].value == text


def test_end_state_and_note_layout(store, mini):
    from ..walk import walk

    s = start(store, mini)
    walk(s)
    assert s.step_id == END and s.complete().ok
    note = s.note()
    assert [sec.title for sec in note.sections][:1] == ["Om borgeren"]
    assert note.actions[0].what.startswith("Hvad") and note.followup
    assert note.checklist_after == ["Skriv noten"]
    assert s.transcript()[0].answer.startswith("Svar på navn")


def test_required_steps_off_the_path_taken_are_not_missing(store, tmp_path):
    """A required answer behind a branch not taken, or in a theme not chosen, asks nothing."""
    from assistant.dialogue.loader import load_guide

    from ..conftest import MINI

    folder = tmp_path / "g"
    (folder / "flows").mkdir(parents=True)
    (folder / "flows" / "plan.yaml").write_text(
        (MINI.parent / "flows" / "plan.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    text = (
        MINI.read_text(encoding="utf-8")
        .replace(
            "        spørg: Hvad skal der ske i dag?\n        svar: {type: tekst}",
            "        spørg: Hvad skal der ske i dag?\n        svar: {type: tekst, påkrævet: true}",
        )
        .replace("svar: {type: ja_nej}", "svar: {type: ja_nej, påkrævet: true}")
    )
    (folder / "mini.yaml").write_text(text, encoding="utf-8")
    s = Session.start(store, load_guide(folder / "mini.yaml"), borger="AB")
    for answer in ("Oda", "grøn", "1", "1", "1", "Frikadeller", "3", "Tur ; KB", "i morgen"):
        assert s.answer(answer).ok, answer
    assert s.at_end and s.missing() == [] and s.complete().ok


def test_computed_case_waits_for_answers_an_earlier_case_reads(store, mini):
    s = start(store, mini)
    assert "niveau" not in s.values  # sum unknown: 'Lav' or 'Høj' cannot be told yet
    for answer in ("Oda", "grøn", "1", "1"):
        s.answer(answer)
    assert s.values["niveau"] == "Lav"
