"""Issue 16, the follow-up conversation: a guide reaches the resident's open agreements
(``gentag: aftaler``) and earlier answers (``{tidligere.KEY}``), walks each agreement, sets its
status in its own note and ends in new agreements."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.dialogue import loader
from assistant.dialogue.library import find_guide
from assistant.dialogue.repeat import Item, expand
from assistant.notes.agreements import AgreementFilter
from assistant.notes.store import open_store
from assistant.session import Session
from assistant.session.context import KIND

from ..walk import samtale
from ..walk_agreements import with_agreements

ROWS = [
    "Følge Inger til sang torsdag ; Lone ; 2030-01-10",
    "Ringe til datteren om besøg ; Kontaktperson ; 2030-01-05",
    "Prøve gåturen efter frokost ; Ahmed ; 2030-01-20",
]
# what happens to each agreement in due-date order: ringe, sang, gåtur
CHOICES = {1: "Lykkedes", 2: "Fortsætte", 3: "Stoppe"}


@pytest.fixture
def earlier(store):
    session = with_agreements(store, find_guide("vaerdighedshjulet"), ROWS, borger="Stue 12")
    session.close()
    # another resident's agreement, never in Stue 12's follow-up
    other = with_agreements(
        store, find_guide("vaerdighedshjulet"), ["Ikke min aftale ; Bo ; 2030-01-01"], "Stue 14"
    )
    other.close()
    return session.id


def walk_followup(session: Session, skip_optional: bool = False) -> list[str]:
    seen = []
    for _ in range(100):
        step = session.step
        if step is None:
            return seen
        seen.append(step.id)
        if step.answer is None or (skip_optional and step.optional):
            outcome = session.skip() if step.optional else session.answer("")
        elif step.id.startswith("fa_skete__"):
            outcome = session.answer("Delvist")
        elif step.id.startswith("fa_hvordan__"):
            outcome = session.answer(f"Sådan gik det med nummer {step.id[-1]}")
        elif step.id.startswith("fa_videre__"):
            outcome = session.answer(CHOICES[int(step.id.rsplit("__", 1)[1])])
        elif step.answer.key == "aftaler":
            outcome = session.answer("Gå en tur i haven om formiddagen ; Ahmed ; 2030-02-01")
        elif step.answer.type == "dato":
            outcome = session.answer("2030-02-15")
        else:
            outcome = session.answer("Svar")
        assert outcome.ok, (step.id, outcome.message)
    raise AssertionError("the guide did not end")


def test_a_followup_walks_each_open_agreement_and_sets_its_status(store, earlier):
    guide = find_guide("opfoelgning_aftaler")
    session = Session.start(store, guide, borger="stue 12", medarbejder="MJ")
    assert session.events[0].kind == KIND
    context = session.events[0].data
    assert sorted(a["hvad"] for a in context["aftaler"]) == sorted(r.split(" ; ")[0] for r in ROWS)
    assert all(a["guide"] == "Værdighedshjulet" for a in context["aftaler"])
    # the opening shows the open agreements and who followed up last time
    shown = session.render(session.step.ask)
    assert "– Ringe til datteren om besøg (Kontaktperson, 05-01-2030)" in shown
    assert "Ikke min aftale" not in shown
    tips = " ".join(session.render(t) for t in session.step.tips)
    assert "Svar på hp_opfoelgning_hvem" in tips
    seen = walk_followup(session)
    repeated = [s for s in seen if "__" in s]
    assert repeated == [
        f"{s}__{n}" for n in (1, 2, 3) for s in ("fa_skete", "fa_hvordan", "fa_videre")
    ]
    assert session.step is None and session.complete().ok

    by_what = {a.what: a for a in store.agreements(AgreementFilter(borger="Stue 12"))}
    assert by_what["Ringe til datteren om besøg"].status == "udført"
    assert by_what["Følge Inger til sang torsdag"].status == "i_gang"
    stopped = by_what["Prøve gåturen efter frokost"]
    assert stopped.status == "opgivet" and stopped.status_by == "MJ"
    assert stopped.reason and stopped.reason.startswith("Opfølgning ")
    assert session.id in stopped.reason
    history = store.agreement_history(stopped)
    assert [h.status for h in history][-1] == "opgivet"
    new = by_what["Gå en tur i haven om formiddagen"]
    assert new.session_id == session.id and new.status == "åben" and new.due == "2030-02-01"
    assert store.agreements(AgreementFilter(borger="Stue 14"))[0].status == "åben"

    note = session.note()
    titles = [s.title for s in note.sections]
    assert titles[1:4] == [
        "Aftale: Ringe til datteren om besøg",
        "Aftale: Følge Inger til sang torsdag",
        "Aftale: Prøve gåturen efter frokost",
    ]
    third = note.sections[3]
    assert [a.display for a in third.answers] == [
        "Delvist",
        "Sådan gik det med nummer 3",
        "Stoppe – aftalen gælder ikke længere",
    ]
    assert note.guide_hash == guide.content_hash
    assert [a.what for a in note.actions] == ["Gå en tur i haven om formiddagen"]


def test_resume_gives_the_same_expansion_after_the_agreements_change(store, earlier):
    guide = find_guide("opfoelgning_aftaler")
    session = Session.start(store, guide, borger="Stue 12", medarbejder="MJ")
    assert session.answer("").ok and session.answer("Godt").ok
    steps = list(session.guide.steps)
    session.pause()
    session.close()
    # meanwhile one agreement is done and a new one is made
    first = store.agreements(AgreementFilter(borger="Stue 12"))[0]
    store.set_agreement_status(first.id, "udført", "KB")
    with_agreements(store, find_guide("vaerdighedshjulet"), ["Ny ting ; KB ; i morgen"]).close()
    again = Session.open(store, session.id)
    assert list(again.guide.steps) == steps
    assert again.step_id == "fa_skete__1"
    assert "Ny ting" not in again.render(again.guide.steps["fa_sidst"].ask)
    # the stored snapshot is the template, not the expansion
    assert store.load_guide_snapshot(again.record.guide_hash) == guide.content


def test_correcting_the_choice_sets_the_status_again(store, earlier):
    session = Session.start(store, find_guide("opfoelgning_aftaler"), borger="Stue 12")
    walk_followup(session)
    assert session.correct("fa_videre__3", "Fortsætte").ok
    stopped = [a for a in store.agreements() if a.what == "Prøve gåturen efter frokost"][0]
    assert stopped.status == "i_gang"
    assert [h.status for h in store.agreement_history(stopped)][-2:] == ["opgivet", "i_gang"]


def test_no_open_agreements_skips_the_repeated_part(store):
    session = Session.start(store, find_guide("opfoelgning_aftaler"), borger="Stue 30")
    assert "(ingen åbne aftaler)" in session.render(session.step.ask)
    tips = " ".join(session.render(t) for t in session.step.tips)
    assert "(ingen tidligere samtale)" in tips
    seen = walk_followup(session)
    assert not [s for s in seen if "__" in s]
    assert session.complete().ok


def test_a_guide_without_earlier_data_records_no_context(store):
    session = Session.start(store, find_guide("vaerdighedshjulet"), borger="Stue 12")
    assert session.answer("").ok
    assert all(e.kind != KIND for e in session.events)
    assert session.guide is session.template


def test_the_expansion_is_deterministic_and_keeps_braces_typed():
    guide = find_guide("opfoelgning_aftaler")
    items = [
        Item("abcdef01-2", "Ting {med} klammer", "", None),
        Item("abcdef01-1", "A", "B", "2030-01-01"),
    ]
    first, second = expand(guide.content, items), expand(guide.content, list(reversed(items)))
    assert first == second
    built = loader.guide_from_content(first.content)
    assert built.steps["fa_skete__1"].ask == "Vi aftalte: A. Blev det til noget?"
    assert built.steps["fa_skete__2"].ask == "Vi aftalte: Ting {{med}} klammer. Blev det til noget?"
    assert first.item_of["fa_videre__2"] == "abcdef01-2"


BAD = """\
id: {id}
version: 1
titel: Prøve
formål: Prøve
brug: samtale
varighed: 10
deltagere: Prøve
kilder: ["001 Prøve"]
afsnit:
  - id: start
    titel: Start
    trin:
      - id: s1
        titel: Start
        spørg: "Før: {{aftale.hvad}} og {{tidligere.vigtigst}}"
        næste: {next}
  - id: gentaget
    titel: Aftale
    gentag: {repeat}
    trin:
      - id: g1
        titel: Videre
        spørg: "Om {{aftale.hvornaar}}"
        svar:
          type: {kind}
          nøgle: videre
          valgmuligheder:
            - tekst: Ja
              status: færdig
            - tekst: Nej
              status: opgivet
"""


def test_the_check_explains_bad_repeats_and_references_in_danish(tmp_path: Path):
    path = tmp_path / "proeve.yaml"
    path.write_text(BAD.format(id="proeve", next="g1", repeat="borgere", kind="flervalg"), "utf-8")
    guide, problems = loader.check_file(path)
    messages = "\n".join(p.message for p in problems)
    assert "'gentag: borgere' kendes ikke; et afsnit kan kun gentages for aftaler" in messages
    assert "'{aftale.hvad}' kan kun bruges i et afsnit med 'gentag: aftaler'" in messages
    assert "'{aftale.hvornaar}' findes ikke; en aftale har hvad, hvem, hvornår, id" in messages
    assert "'næste' kan ikke pege ind i afsnittet 'gentaget'" in messages
    assert "status 'færdig' for valgmuligheden 'Ja' findes ikke" in messages
    assert "kræver svartypen valg, ikke flervalg" in messages
    assert "tidligere.vigtigst" not in messages  # any earlier answer may be named
    assert all(p.line >= 1 for p in problems)


def test_samtale_start_opfoelgning_aftaler_in_plain_mode(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    with open_store(data) as store:
        rows = ["Følge Inger til sang ; Lone ; 2030-01-10", "Ringe til datteren ; KB ; 2030-01-05"]
        with_agreements(store, find_guide("vaerdighedshjulet"), rows).close()
    typed = ["", "Fint", "Ja", "Godt", "2", "Delvist", "Svært", "4"]
    typed += ["Ny aftale ; KB ; 2030-03-01", "", "om 4 uger", "KB", "/spring"]
    run = samtale(
        "start",
        "opfoelgning_aftaler",
        "--plain",
        "--borger",
        "Stue 12",
        stdin="\n".join(typed) + "\n",
        data=data,
    )
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    out = run.stdout
    assert "– Ringe til datteren (KB, 05-01-2030)" in out
    assert "[Aftale: Ringe til datteren] Trin 3 af ca. 12: Blev det til noget?" in out
    assert "Spørg: Vi aftalte: Følge Inger til sang. Blev det til noget?" in out
    assert "Noten er gemt." in out
    with open_store(data) as store:
        status = {a.what: a.status for a in store.agreements()}
    assert status == {
        "Ringe til datteren": "udført",
        "Følge Inger til sang": "opgivet",
        "Ny aftale": "åben",
    }


def test_the_statuses_a_guide_may_give_are_the_stores():
    from assistant.dialogue.repeat import AGREEMENT_STATUSES
    from assistant.notes.agreements import STATUSES

    assert AGREEMENT_STATUSES == STATUSES
