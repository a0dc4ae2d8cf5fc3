"""The loneliness guide scores the three-item UCLA scale (T-ILS) right for every combination."""

from __future__ import annotations

import itertools

import pytest

from assistant.dialogue.library import find_guide
from assistant.session import Session

UCLA_KEYS = ("ucla_1", "ucla_2", "ucla_3")


def band(total: int) -> str:
    """Den Nationale Sundhedsprofil: 7-9 points on T-ILS count as a sign of severe loneliness."""
    return "Ja (7-9 point)" if total >= 7 else "Nej (3-6 point)"


def test_the_scale_stores_numbers_with_labels():
    guide = find_guide("ensomhed_opsporing")
    specs = guide.answer_specs()
    for key in UCLA_KEYS:
        spec = specs[key][1]
        assert spec.type == "skala" and spec.numeric_scale
        assert (spec.scale_min, spec.scale_max) == (1, 3)
        assert spec.scale_labels == {
            1: "Næsten aldrig",
            2: "Af og til",
            3: "Ofte",
        }


def test_every_combination_gives_the_right_total_and_band(store):
    guide = find_guide("ensomhed_opsporing")
    for combo in itertools.product((1, 2, 3), repeat=3):
        answers = dict(zip(UCLA_KEYS, combo, strict=True))
        session = Session.start(store, guide, borger="AB")
        shown = ""
        for _ in range(200):
            step = session.step
            if step is None:
                break
            if step.id == "ucla_resultat":
                shown = session.render(step.ask)
            key = step.answer.key if step.answer else None
            if key in answers:
                outcome = session.answer(str(answers[key]))
            else:
                outcome = session.skip()
            assert outcome.ok, (combo, step.id, outcome.message)
        else:
            pytest.fail("the guide did not end")
        total = sum(combo)
        assert session.values["ucla_sum"] == total, combo
        assert session.values["ucla_niveau"] == band(total), combo
        assert f"{total} af 9" in shown and band(total) in shown, (combo, shown)
        note = session.note()
        noted = {a.key: a for section in note.sections for a in section.answers}
        assert noted["ucla_sum"].display == str(total), combo
        assert noted["ucla_niveau"].display == band(total), combo
        for key, value in answers.items():
            assert noted[key].value == value, (combo, key)
        session.close()


def test_no_band_until_all_three_are_answered(store):
    guide = find_guide("ensomhed_opsporing")
    session = Session.start(store, guide, borger="AB")
    while session.step is not None and session.step.id != "ucla_3":
        step = session.step
        if step.answer and step.answer.key in UCLA_KEYS:
            assert session.answer("3").ok
        else:
            assert session.skip().ok
    assert session.skip().ok  # ucla_3 not answered
    assert "ucla_sum" not in session.values
    assert "ucla_niveau" not in session.values
    session.close()
