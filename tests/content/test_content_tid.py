"""Issue 14, time: a resident conversation (``brug: samtale``) fits its planned time.

The rule checked here, for every bundled guide with ``brug: samtale``:

* **The typical path.** Walk the guide through the session API as a staff member would on an
  ordinary day: every step that is not ``valgfri`` is answered, every ``valgfri`` ("uddyb") step
  is skipped, and at a theme overview the resident picks two themes (or the overview's
  ``mindst``, if that is more), then leaves the overview. Every pair of themes is walked, so no
  pair is too long, and each path is walked four times: with the first or the last choice of
  every choice answer (``valg``, ``ja_nej``, ...) combined with the lowest or the highest value of
  every scale, so that a condition cannot lead to a longer branch unseen.
* **The count.** The recorded answers on that path in the part with the resident, that is every
  step before the after-part, including the shared action plan (the agreements are made with
  the resident), must be at most ``ceil(varighed / 2)``: about one recorded answer per two
  minutes of planned time. Information steps (no ``svar``) are not counted; they record nothing.
* **The after-part.** Steps only for the staff member (documentation, who took part, the staff
  member's own observations, assessment or reflection) are in one section titled "Efter
  samtalen"; that section is the guide's last, and on the walk no step with the resident comes
  after it. A step counts as staff-only when its title or question matches ``STAFF_ONLY``.
* **Repeated sections.** A section with ``gentag: aftaler`` is walked once per open agreement;
  the typical case is three open agreements from an earlier conversation (a Værdighedshjulet
  note made first for the same resident), and each copy is walked like any other section.
* The path still ends in a completed note with nothing missing.

The guides' wording is checked here too: a nursing-home guide says "beboer", never "borger"; a
guide used both in nursing homes and in home care names the resident ("beboeren", "borgeren",
"beboeren/borgeren") at most once in a sentence and sparingly overall.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field

import pytest
import yaml

from assistant.dialogue.library import bundled_guides, find_guide
from assistant.dialogue.model import AnswerSpec, Guide
from assistant.dialogue.repeat import repeats
from assistant.session import Session

from ..conftest import DIALOGUES
from ..walk import typed_answer
from ..walk_agreements import with_agreements
from .helpers import assert_beboer_wording, texts

CONVERSATIONS = {g.id: g for g in bundled_guides() if g.use == "samtale"}
AFTER = "Efter samtalen"

# A step for the staff member alone: what they document, saw, assess or think themselves.
STAFF_ONLY = re.compile(
    r"hvem (deltog|deltager|var med)|du og dine kolleger|lagt mærke til|hvad tænker du selv|"
    r"din egen (vurdering|refleksion|oplevelse)|dokumentér|notatet|journalen|"
    r"gælder for (beboeren|borgeren)|hvordan gik samtalen|din vurdering|vurderer du",
    re.IGNORECASE,
)

# Guides used in nursing homes only: they speak of "beboeren".
NURSING_HOME = ["vaerdighedshjulet", "indflytningssamtale", "paaroerendesamtale", "recovery"]
# Guides used both in nursing homes and in home care.
BOTH = ["ensomhed_opsporing", "motiverende_samtale", "opfoelgning_aftaler"]
# the open agreements a follow-up (a guide with ``gentag: aftaler``) typically walks
TYPICAL_AGREEMENTS = [
    "Følge Inger til sang torsdag ; Lone ; om 1 uge",
    "Ringe til datteren om besøg ; kontaktperson ; om 2 uger",
    "Prøve en gåtur efter frokost ; Ahmed ; om 3 uger",
]
RESIDENT = re.compile(r"\b(?:[Bb]eboeren|[Bb]orgeren)(?:/borgeren)?s?\b")


def test_the_resident_conversations_are_the_known_ones():
    assert set(NURSING_HOME + BOTH) == set(CONVERSATIONS)


def hub_theme_sets(guide: Guide) -> list[tuple[str, ...]]:
    """The theme sets walked: every combination of two (or ``mindst``) themes of the hub."""
    hubs = [s for s in guide.steps.values() if s.is_hub]
    if not hubs:
        return [()]
    assert len(hubs) == 1, "the rule is written for at most one theme overview"
    hub = hubs[0]
    return list(itertools.combinations(hub.themes, max(2, hub.min_themes)))


@dataclass
class Walked:
    counted: list[str] = field(default_factory=list)  # answered steps before the after-part
    after: list[str] = field(default_factory=list)  # steps in the after-part
    order: list[str] = field(default_factory=list)  # every step seen


def after_sections(guide: Guide) -> list[str]:
    return [s.id for s in guide.sections if s.title == AFTER]


def typed(spec: AnswerSpec, step_id: str, picks: tuple[int, int]) -> str:
    """A valid answer: ``picks`` is (choice, scale), 0 for the first or lowest, -1 for the last or
    highest."""
    return typed_answer(spec, step_id, picks[1] if spec.type == "skala" else picks[0])


def typical_walk(
    store, guide: Guide, themes: tuple[str, ...], picks: tuple[int, int]
) -> tuple[Walked, Session]:
    if repeats(guide):
        with_agreements(store, find_guide("vaerdighedshjulet"), TYPICAL_AGREEMENTS).close()
    session = Session.start(store, guide, borger="Stue 12", medarbejder="KB")
    after = set(after_sections(guide))
    walked = Walked()
    for _ in range(300):
        step = session.step
        if step is None:
            break
        walked.order.append(step.id)
        if step.section in after:
            walked.after.append(step.id)
        if step.is_hub:
            todo = [t for t in themes if t in step.themes and t not in session.done]
            outcome = session.choose_theme(todo[0]) if todo else session.leave_hub()
        elif step.optional:
            outcome = session.skip()
        elif step.answer is None:
            outcome = session.answer("")
        else:
            outcome = session.answer(typed(step.answer, step.id, picks))
            if step.section not in after:
                walked.counted.append(step.id)
        assert outcome.ok, (step.id, outcome.message)
    else:
        pytest.fail("the guide did not end")
    return walked, session


CASES = [
    pytest.param(gid, themes, picks, id=f"{gid}-{'+'.join(themes) or 'path'}-{picks[0]}{picks[1]}")
    for gid, guide in sorted(CONVERSATIONS.items())
    for themes in hub_theme_sets(guide)
    for picks in itertools.product((0, -1), repeat=2)
]


@pytest.mark.parametrize(("guide_id", "themes", "picks"), CASES)
def test_the_typical_path_fits_the_planned_time(store, guide_id, themes, picks):
    guide = CONVERSATIONS[guide_id]
    walked, session = typical_walk(store, guide, themes, picks)
    if repeats(guide):  # each of the three agreements walked in its own copy of the section
        copies = {step.rsplit("__", 1)[1] for step in walked.order if "__" in step}
        assert copies == {"1", "2", "3"}, walked.order
    budget = math.ceil(guide.duration / 2)
    assert len(walked.counted) <= budget, (
        f"{guide_id}: {len(walked.counted)} answers on the typical path, at most {budget} "
        f"for {guide.duration} minutes: {walked.counted}"
    )
    outcome = session.complete()
    assert outcome.ok, outcome.missing
    note = Session.open(store, session.id).note()
    assert note.status == "completed" and not note.missing
    session.close()
    # Once in the after-part, the walk stays there until the end.
    if walked.after:
        first = walked.order.index(walked.after[0])
        assert walked.order[first:] == walked.after, walked.order


@pytest.mark.parametrize("guide_id", sorted(CONVERSATIONS))
def test_staff_only_steps_are_in_the_after_part(guide_id):
    guide = CONVERSATIONS[guide_id]
    after = after_sections(guide)
    assert len(after) <= 1
    if after:
        assert guide.sections[-1].id == after[0], "the after-part is the guide's last part"
    for step in guide.steps.values():
        if STAFF_ONLY.search(f"{step.title} {step.ask}"):
            assert step.section in after, f"{guide_id}: {step.id} is for the staff member alone"


@pytest.mark.parametrize("guide_id", sorted(CONVERSATIONS))
def test_optional_steps_say_uddyb_or_are_marked(guide_id):
    """An optional step in the conversation is a clear "uddyb" step or an optional extra: its
    title or a tip says so, so the staff member knows it can be left out."""
    guide = CONVERSATIONS[guide_id]
    after = set(after_sections(guide))
    for step in guide.steps.values():
        if step.optional and step.section not in after and step.answer is not None:
            text = " ".join([step.title, *step.tips]).lower()
            assert "uddyb" in text or "hvis der er tid" in text, step.id


# The seed's own words, which may say "borger": the name of an approach.
QUOTED = {"recovery": ("”Borgeren ved roret”",)}


@pytest.mark.parametrize("guide_id", NURSING_HOME)
def test_nursing_home_conversations_say_beboer(guide_id):
    assert_beboer_wording(DIALOGUES / f"{guide_id}.yaml", quoted=QUOTED.get(guide_id, ()))


@pytest.mark.parametrize("guide_id", BOTH)
def test_shared_conversations_do_not_repeat_the_resident(guide_id):
    data = yaml.safe_load((DIALOGUES / f"{guide_id}.yaml").read_text(encoding="utf-8"))
    count = 0
    for text in texts(data):
        flat = " ".join(text.split())
        for sentence in re.split(r"(?<=[.?!:])\s+", flat):
            found = RESIDENT.findall(sentence)
            assert len(found) <= 1, sentence
            count += len(found)
    steps = sum(len(section.get("trin", [])) for section in data["afsnit"])
    assert count <= steps, f"{guide_id}: {count} times 'beboeren'/'borgeren' in {steps} steps"


# Slips found when the six guides were read aloud; none may come back.
SLIPS = [
    "I vælger selv rækkefølgen sammen",  # vaerdighedshjulet: "selv" and "sammen" at once
    "mængden af selskab til dig, som det er nu",  # "mængden ..., som den er nu"
    "hjælper os til at",  # "hjælper os med at"
    "Er borgeren klar til at lægge en plan?",  # MI: a question to the resident, not about them
    "Den egen ",  # "de egne ord" without an owner: "med egne ord" or "hans eller hendes"
    "de egne grunde",
    "den egen indsats",
    "efter du er flyttet",  # "nu hvor du er flyttet"
]


@pytest.mark.parametrize("guide_id", sorted(CONVERSATIONS))
def test_slips_found_reading_aloud_stay_fixed(guide_id):
    data = yaml.safe_load((DIALOGUES / f"{guide_id}.yaml").read_text(encoding="utf-8"))
    for text in texts(data):
        flat = " ".join(text.split())
        for slip in SLIPS:
            assert slip.lower() not in flat.lower(), (slip, flat)
