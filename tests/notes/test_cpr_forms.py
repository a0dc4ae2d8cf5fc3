"""Issue 13: CPR numbers are masked in every way people write them, end to end.

Generated forms: a real day and month, any of the separators people (and word processors)
put between the pairs and before the last four digits. Over-masking a date and a time is
acceptable; under-masking never is.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.dialogue.loader import load_guide
from assistant.notes.cpr import MASK, mask_cpr
from assistant.notes.export import note_to_json_text, note_to_markdown
from assistant.notes.store import DB_NAME, Store
from assistant.session import Session

from ..conftest import MINI

# The forms from the issue, each with its own serial so that a leak is easy to spot.
ISSUE_FORMS = [
    "140608-4826",
    "01.02.03-4821",
    "110305 - 4822",
    "21 04 05 4823",
    "120406/4824",
    "130507\u20114825",  # non-breaking hyphen
]
DASHES = ["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "\ufe63", "\uff0d"]
SPACES = [" ", "\u00a0", "\u202f"]
UNICODE_FORMS = (
    [f"150709{dash}4827" for dash in DASHES]
    + [f"16{sp}08{sp}10{sp}4828" for sp in SPACES]
    + ["170911\u00a0-\u00a04829", "18.10.12\u20134830", "191113\u202f4831"]
)

# Between two pairs, and between the six digits and the four: nothing, one mark, or a mark
# with spaces around it.
_MARKS = ["-", ".", "/", *DASHES]
separator = st.one_of(
    st.just(""),
    st.sampled_from(_MARKS + SPACES),
    st.builds(
        lambda left, mark, right: left + mark + right,
        st.sampled_from(["", *SPACES]),
        st.sampled_from(_MARKS),
        st.sampled_from(["", *SPACES]),
    ),
    st.builds(lambda a, b: a + b, st.sampled_from(SPACES), st.sampled_from(SPACES)),
)
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
day_month = st.integers(1, 12).flatmap(
    lambda m: st.tuples(st.integers(1, _DAYS[m - 1]), st.just(m))
)


@st.composite
def cpr_forms(draw: st.DrawFn) -> str:
    day, month = draw(day_month)
    year, serial = draw(st.integers(0, 99)), draw(st.integers(0, 9999))
    seps = [draw(separator) for _ in range(3)]
    return f"{day:02d}{seps[0]}{month:02d}{seps[1]}{year:02d}{seps[2]}{serial:04d}"


@pytest.mark.parametrize("form", ISSUE_FORMS + UNICODE_FORMS)
def test_each_written_form_is_masked(form: str) -> None:
    assert mask_cpr(f"Borgerens cpr er {form}.") == (f"Borgerens cpr er {MASK}.", 1)


@settings(max_examples=400, deadline=None)
@given(
    cpr_forms(),
    st.sampled_from(["", "cpr ", "CPR-nr.: ", "(", "født "]),
    st.sampled_from(["", ".", ")", " i dag", ", tlf"]),
)
def test_generated_forms_are_masked(form: str, before: str, after: str) -> None:
    masked, count = mask_cpr(before + form + after)
    assert count == 1, form
    assert masked == before + MASK + after


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(form=cpr_forms())
def test_generated_form_answered_never_reaches_the_database_or_the_export(
    tmp_path: Path, form: str
) -> None:
    data = tmp_path / f"d{abs(hash(form))}"
    _answer_and_check(data, form)


@pytest.mark.parametrize("form", ISSUE_FORMS + UNICODE_FORMS)
def test_issue_form_answered_never_reaches_the_database_or_the_export(
    tmp_path: Path, form: str
) -> None:
    _answer_and_check(tmp_path / "data", form)


def _answer_and_check(data: Path, form: str) -> None:
    with Store(data) as store:
        session = Session.start(store, load_guide(MINI), borger="Stue 4")
        outcome = session.answer(f"Borgeren sagde sit nummer: {form} og ville hjem")
        assert outcome.ok and outcome.masked == 1
        assert MASK in outcome.message or "CPR" in outcome.message
        note = session.note()
        markdown, json_text = note_to_markdown(note), note_to_json_text(note)
        session.close()
    digits = "".join(re.findall(r"\d", form))
    for text in (markdown, json_text):
        assert form not in text and digits[-4:] not in text.replace("XXXX", "")
    assert MASK in markdown
    for path in data.iterdir():
        raw = path.read_bytes()
        for needle in (form, digits, f"{digits[:6]}-{digits[6:]}"):
            assert needle.encode() not in raw, (path.name, needle)
    assert (data / DB_NAME).exists()


def test_a_number_overlapping_a_date_like_run_is_masked_whole() -> None:
    masked, count = mask_cpr("den 25 12 010190-1234 kom hun")
    assert count == 1 and "1234" not in masked and "0190" not in masked


def test_numbers_stored_by_an_older_version_are_masked_when_the_database_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before this version only ``ddmmyy-xxxx`` was caught: what older versions let through
    (answers, pseudonyms, initials, the audit trail) is masked by the upgrade, and counted."""
    from assistant.notes.sqlite import audit, migrate

    data = tmp_path / "data"
    with monkeypatch.context() as m:
        m.setattr(migrate, "MIGRATIONS", migrate.MIGRATIONS[:3])
        m.setattr(audit, "mask_cpr", lambda text: (text, 0))
        with Store(data) as old:
            old.save_guide_snapshot("h", "g", "1", "indhold")
            old._conn.execute(
                "INSERT INTO sessions (id, guide_id, guide_version, guide_hash, guide_title, "
                "mode, borger, medarbejder, status, started_at, updated_at, touched, "
                "borger_key, search_key, sort_key) VALUES ('abcd0001', 'g', '1', 'h', 'Guide', "
                "'interview', 'Stue 01.02.03-4821', '110305 - 4822', 'in_progress', "
                "'2026-01-01T10:00:00+01:00', '2026-01-01T10:00:00+01:00', 1, "
                "'stue 01.02.03-4821', 'stue 01.02.03-4821\x1fguide', julianday('2026-01-01'))"
            )
            old._conn.execute(
                "INSERT INTO events (session_id, seq, kind, data, at) VALUES ('abcd0001', 1, "
                "'answer', ?, '2026-01-01T10:00:00+01:00')",
                ('{"value": "nr 21 04 05 4823 og 120406/4824"}',),
            )
            old.audit("opened", "abcd0001", "130507\u20114825", "Guide")
    with Store(data) as new:
        record = new.get_session("abcd0001")
        assert record.borger == f"Stue {MASK}" and record.medarbejder == MASK
        assert new.events("abcd0001")[0].data["value"] == f"nr {MASK} og {MASK}"
        assert record.numbers_removed == 4
        assert new.audit_trail()[0].medarbejder == MASK
    raw = b"".join(p.read_bytes() for p in data.iterdir() if p.is_file())
    for serial in ("4821", "4822", "4823", "4824", "4825"):
        assert serial.encode() not in raw, serial
