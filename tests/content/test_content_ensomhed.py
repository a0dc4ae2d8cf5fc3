"""Issue 14: the loneliness guide scores T-ILS (3-9) with Den Nationale Sundhedsprofil's one
cut-off, 7-9 = "tegn på svær ensomhed", asks the Danish items ("Hvor tit føler du …") with the
answers "Næsten aldrig / Af og til / Ofte" scored 1-3, and invents no intermediate bands."""

from __future__ import annotations

import pytest

from assistant.dialogue.library import find_guide
from assistant.session import Session

ITEMS = {
    "ucla_1": "Hvor tit føler du, at du savner nogen at være sammen med?",
    "ucla_2": "Hvor tit føler du dig holdt udenfor?",
    "ucla_3": "Hvor tit føler du dig isoleret fra andre?",
}
LABELS = {1: "Næsten aldrig", 2: "Af og til", 3: "Ofte"}
SIGN = "Ja (7-9 point)"
NO_SIGN = "Nej (3-6 point)"
# Splits of each total over the three items.
COMBOS = {3: (1, 1, 1), 6: (2, 2, 2), 7: (3, 2, 2), 9: (3, 3, 3)}


def test_the_three_items_and_answer_labels_are_the_danish_wording():
    guide = find_guide("ensomhed_opsporing")
    specs = guide.answer_specs()
    for key, text in ITEMS.items():
        step, spec = specs[key]
        assert step.ask.strip() == text
        assert (spec.scale_min, spec.scale_max) == (1, 3)
        assert spec.scale_labels == LABELS


def test_no_invented_bands_and_the_cut_off_is_cited():
    guide = find_guide("ensomhed_opsporing")
    raw = guide.path.read_text(encoding="utf-8")
    for invented in ("Ikke ensom", "Moderat ensom", "Alvorligt ensom"):
        assert invented not in raw
    assert any("Den Nationale Sundhedsprofil" in s and "7-9" in s for s in guide.sources)


def walk_with(store, combo: tuple[int, int, int]) -> tuple[Session, str]:
    """Walk the guide to a completed note, answering the three items with their points (1-3)."""
    guide = find_guide("ensomhed_opsporing")
    answers = dict(zip(ITEMS, combo, strict=True))
    session = Session.start(store, guide, borger="AB")
    shown = ""
    for _ in range(300):
        step = session.step
        if step is None:
            break
        if step.id == "ucla_resultat":
            shown = session.render(step.ask)
        if step.is_hub:
            outcome = session.leave_hub()
        elif step.answer is not None and step.answer.key in answers:
            outcome = session.answer(str(answers[step.answer.key]))
        elif step.answer is None:
            outcome = session.answer("")
        else:
            outcome = session.skip()
        assert outcome.ok, (combo, step.id, outcome.message)
    else:
        pytest.fail("the guide did not end")
    assert session.complete(force=True).ok
    assert session.status == "completed"
    return session, shown


@pytest.mark.parametrize("total", sorted(COMBOS))
def test_score_and_sign_of_severe_loneliness(store, total):
    session, shown = walk_with(store, COMBOS[total])
    expected = SIGN if total >= 7 else NO_SIGN
    assert session.values["ucla_sum"] == total
    assert session.values["ucla_niveau"] == expected
    assert f"Samlet score: {total} af 9." in shown
    assert f"Tegn på svær ensomhed (7-9 point): {expected}." in shown
    assert "scoren ikke er en diagnose" in shown
    note = session.note()
    noted = {a.key: a for section in note.sections for a in section.answers}
    assert noted["ucla_sum"].display == str(total)
    assert noted["ucla_niveau"].display == expected
    assert "Den Nationale Sundhedsprofil" in noted["ucla_niveau"].label
    for key, value in zip(ITEMS, COMBOS[total], strict=True):
        assert noted[key].value == value
    session.close()


def test_the_version_was_raised_for_the_changed_content():
    assert str(find_guide("ensomhed_opsporing").version) != "1"
