"""The MI coach: coding, flags and suggestions, counting, the scorecard, and `samtale coach`."""

from __future__ import annotations

import io
import json
import time
from fractions import Fraction
from pathlib import Path

import pytest

from assistant.plain.coach import run
from assistant.roleplay.coach import (
    BELOW_FAIR,
    FAIR,
    GOOD,
    MIN_QUESTIONS,
    MIN_REFLECTIONS,
    MIN_RQ_UTTERANCES,
    TOO_FEW,
    Classification,
    Scorecard,
    Tally,
    classify,
    evaluate,
    flag,
    metrics,
    primary_code,
    print_evaluation,
    read_labelled,
    suggest,
)
from assistant.roleplay.codes import LABELS, MI_NON_ADHERENT, QUESTIONS, REFLECTIONS, Code

from ..conftest import DATA

LABELLED = DATA / "coach_labelled.tsv"
DEV = DATA / "coach_dev.tsv"

OQ, CQ = Code.OPEN_QUESTION, Code.CLOSED_QUESTION
SR, CR = Code.SIMPLE_REFLECTION, Code.COMPLEX_REFLECTION


def codes_of(text: str) -> tuple[Code, ...]:
    return classify(text).codes


# --- the labelled set: the bar -----------------------------------------------------------------


def test_labelled_set_is_large_and_covers_every_code():
    rows = read_labelled(LABELLED)
    assert len(rows) >= 300
    assert {r.code for r in rows} == set(Code)


def test_coach_meets_the_bar_on_the_labelled_set():
    evaluation = evaluate(read_labelled(LABELLED))
    assert evaluation.macro_f1 >= 0.85, evaluation.markdown()
    assert evaluation.three_way_accuracy >= 0.95, evaluation.markdown()


def test_coach_keeps_its_development_set():
    evaluation = evaluate(read_labelled(DEV))
    assert len(evaluation.rows) >= 200
    assert evaluation.macro_f1 >= 0.95, evaluation.markdown()


# --- coding ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "texts, code",
    [
        (["Du savner din kone.", "Du savnede din kone.", "Du har savnet din kone."], SR),
        (["Du burde bade.", "Du burde blive badet.", "Du burde gå i bad."], Code.PERSUADE),
        (["Drikker du kaffe?", "Drak du kaffe i går?", "Har du drukket kaffe?"], CQ),
        (["Det er din egen skyld.", "Det var din egen skyld."], Code.CONFRONT),
        (
            ["Mange ældre føler sig ensomme.", "Ensomhed rammer mange ældre."],
            Code.GIVING_INFORMATION,
        ),
        (["Du har virkelig kæmpet.", "Du har kæmpet for det."], Code.AFFIRMATION),
    ],
)
def test_inflected_forms_get_the_same_code(texts, code):
    assert [classify(t).code for t in texts] == [code] * len(texts)


@pytest.mark.parametrize(
    "text, code",
    [
        ("hvad tænker du om det", OQ),
        ("hvordan har du sovet", OQ),
        ("hvorfor har du ikke lyst til at gå i bad", OQ),
        ("hvilke tanker gør du dig om fremtiden", OQ),
        ("har du fået dine piller", CQ),
        ("er du træt i dag", CQ),
        ("skal vi gå en tur", CQ),
        ("hvornår kommer din datter", CQ),
        ("hvor mange glas har du drukket", CQ),
        ("vil du fortælle om din mand", OQ),
        ("kan du lide maden", CQ),
    ],
)
def test_questions_without_question_marks(text, code):
    assert classify(text).codes == (code,)


@pytest.mark.parametrize(
    "text, code",
    [
        ("Fortæl mig om din have.", OQ),
        ("Beskriv en god dag for dig.", OQ),
        ("Kan du fortælle lidt om din datter?", OQ),
        ("Vil du fortælle, hvordan det var at flytte?", OQ),
        ("Må jeg fortælle lidt om, hvad andre har gjort?", Code.SEEKING_COLLABORATION),
        ("Er det i orden, at jeg kommer med et forslag?", Code.SEEKING_COLLABORATION),
        ("På en skala fra 0 til 10, hvor vigtigt er det for dig?", CQ),
        ("Det er helt op til dig.", Code.EMPHASIZING_AUTONOMY),
        ("Du bestemmer selv.", Code.EMPHASIZING_AUTONOMY),
        ("Lægen kommer på tirsdag klokken ti.", Code.GIVING_INFORMATION),
        ("Så du sover dårligt om natten.", SR),
        ("Det lyder som om, aftenerne er lange.", CR),
        ("På den ene side vil du gerne ud, på den anden side er du bange.", CR),
        ("Lad mig se, om jeg har forstået dig: du vil ud, men ikke alene.", Code.SUMMARY),
        ("Det var modigt af dig at sige det.", Code.AFFIRMATION),
        ("Prøv nu at drikke lidt mere.", Code.PERSUADE),
        ("Hvis du ikke drikker mere, ender du på hospitalet.", Code.PERSUADE),
        ("Det passer jo ikke.", Code.CONFRONT),
        ("Nu må du tage dig sammen.", Code.CONFRONT),
        ("Ja men du har jo selv sagt det.", Code.CONFRONT),
        ("Godmorgen, Karen.", Code.OTHER),
        ("Tak for i dag.", Code.OTHER),
    ],
)
def test_the_coding_manual(text, code):
    assert classify(text).code is code


@pytest.mark.parametrize(
    "text, code",
    [
        ("Du skal i bad i morgen klokken ti.", Code.GIVING_INFORMATION),  # what will happen
        ("Du skal altså i bad i morgen.", Code.PERSUADE),
        ("Du kan altid ringe på klokken, hvis du har brug for hjælp.", Code.GIVING_INFORMATION),
        ('Du sagde "aldrig mere" i går.', SR),  # quoting the resident
        ('Nå, så det blev "kun" til to øl i dag.', Code.CONFRONT),  # irony
        ("Jeg har faktisk tænkt meget på dig.", Code.OTHER),
        ("Det er ikke første gang, du har haft det sådan.", SR),
        ("Det er jo ikke første gang, det sker, vel?", Code.CONFRONT),
        ("Hvis du vil blive i sengen, så er det helt i orden.", Code.EMPHASIZING_AUTONOMY),
        ("Hvis du havde brugt rollatoren, var du ikke faldet.", Code.CONFRONT),
        ("Du siger, du ikke drikker, men der står tomme flasker.", Code.CONFRONT),
    ],
)
def test_near_misses_between_codes(text, code):
    assert classify(text).code is code


@pytest.mark.parametrize(
    "text, code",
    [
        # persuade: obligation with a threat, prohibition, warnings, pressed imperatives, pleasure
        ("Du skal have skinnen på om natten, ellers bliver hånden stiv.", Code.PERSUADE),
        ("Du må ikke glemme at tage din vanddrivende pille.", Code.PERSUADE),
        ("Hvis du ikke spiser mere, så bliver vi nødt til at give dig sondemad.", Code.PERSUADE),
        ("Hvis ikke du tager rollatoren, så ender du på gulvet.", Code.PERSUADE),
        ("Giv nu den nye hjælper en chance.", Code.PERSUADE),
        ("Tag dog til frisøren, det bliver din datter så glad for.", Code.PERSUADE),
        # confront: labels, moral judgement, blame, sarcasm, yes-but, scolding questions
        ("Du er godt nok egenrådig, Bent.", Code.CONFRONT),
        ("Det er ikke særlig pænt at sige sådan om din svigerdatter.", Code.CONFRONT),
        ("Det kan du da ikke være bekendt.", Code.CONFRONT),
        ("Det er uretfærdigt over for hjælperne, at du råber ad dem.", Code.CONFRONT),
        ("Du gider jo bare ikke prøve.", Code.CONFRONT),
        ("Du ligger jo bare og surmuler.", Code.CONFRONT),
        ("Nå, så det er pludselig mig, der har skylden.", Code.CONFRONT),
        ("Men det er fordi, du ikke bruger stokken, som vi har aftalt.", Code.CONFRONT),
        ("Øl igen?", Code.CONFRONT),
        ("Svimmel igen?", CQ),
        # affirmation: care and effort done well, holding on to what matters
        ("Du har taget dig så godt af dine børnebørn.", Code.AFFIRMATION),
        ("De passede altid så omhyggeligt på Deres ting.", Code.AFFIRMATION),
        ("Du har holdt styr på regningerne i alle de år, og det kan man se.", Code.AFFIRMATION),
        ("Det er tydeligt, at du holder fast i dine gode vaner.", Code.AFFIRMATION),
        # seeking collaboration
        ("Skal vi to finde ud af, hvad du vil have til jul?", Code.SEEKING_COLLABORATION),
        ("Jeg har nogle tanker om det. Vil du høre dem?", Code.SEEKING_COLLABORATION),
        ("Vil du høre radio?", CQ),
        # summaries without a lead-in, reflections
        ("så du har ondt i knæet, du sover dårligt og du savner at gå ture", Code.SUMMARY),
        (
            "Så du vil gerne have besøg, men ikke for længe, og helst om eftermiddagen.",
            Code.SUMMARY,
        ),
        ("På den ene side er medicinen vigtig, på den anden side gør den dig træt.", CR),
        ("... og så er det nemmere at blive i sengen.", CR),
        ("Du savner din nabo.", SR),
        ("Du savner at være nyttig.", CR),
        ("Stolen er for lav.", SR),
        ("Nu ligger puden godt.", Code.OTHER),
    ],
)
def test_general_rules_for_whole_classes_of_utterance(text, code):
    assert classify(text).code is code


@pytest.mark.parametrize(
    "text, code",
    [
        # a feeling aimed at someone is reflected, not a label
        ("Du er tvær over, at frokosten kom for sent.", SR),
        ("Du er godt nok tvær i dag.", Code.CONFRONT),
        # affirmation: strengths shown, persistence, what the person made nice, praise tags
        ("Du har en smittende energi, når du fortæller.", Code.AFFIRMATION),
        ("De viser stor omtanke for de andre beboere.", Code.AFFIRMATION),
        ("Du bliver ved med at træne, selvom det gør ondt.", Code.AFFIRMATION),
        ("Du har pyntet så fint op til jul.", Code.AFFIRMATION),
        ("Du har selv smurt madpakken, godt klaret.", Code.AFFIRMATION),
        # autonomy: free to choose, only you decide, the say of the person relatives speak for
        ("Du er fri til at blive i sengen, hvis du vil.", Code.EMPHASIZING_AUTONOMY),
        ("Det er noget, kun De selv kan afgøre.", Code.EMPHASIZING_AUTONOMY),
        (
            "Det er stadig jeres mor, der bestemmer, hvem der kommer på besøg.",
            Code.EMPHASIZING_AUTONOMY,
        ),
        # confront: dismissal, sarcasm, demands to understand, denying relatives control
        ("Noget vrøvl, du har fået din mad.", Code.CONFRONT),
        ("Så er du åbenbart blevet læge nu.", Code.CONFRONT),
        ("Du må acceptere, at du ikke kan køre bil mere.", Code.CONFRONT),
        ("I kan ikke bestemme over hende på den måde.", Code.CONFRONT),
        # persuade: pushing modal questions, imperatives after "så", things to bring along
        ("Burde De ikke hellere blive inde i dag?", Code.PERSUADE),
        ("Så spis nu lidt mere af frugten.", Code.PERSUADE),
        ("Du skal have tæppet med ud på terrassen.", Code.PERSUADE),
        # collaboration: joint action offered, a decision deferred to the person's view
        ("Hvis du vil, kan vi skrive brevet til kommunen i morgen.", Code.SEEKING_COLLABORATION),
        ("Jeg vil gerne høre dine tanker, inden vi bestemmer noget.", Code.SEEKING_COLLABORATION),
        ("Lad os tale om noget andet.", Code.OTHER),
        # information: general facts with "man", news; the staff member's own next step
        (
            "Når man sidder meget stille, bliver man hurtigt stiv i kroppen.",
            Code.GIVING_INFORMATION,
        ),
        ("Vi har købt nye stole til spisestuen.", Code.GIVING_INFORMATION),
        ("Så lukker jeg lige vinduet.", Code.OTHER),
        ("Hovsa, der væltede blomsten.", Code.OTHER),
        # complex reflections: what holds the person up, preferences weighed, identity
        ("Kortspillet holder dig skarp.", CR),
        ("Du går hellere sulten i seng, end du ringer efter hjælp.", CR),
        ("Børnene betyder mere for dig end bare selskab.", CR),
    ],
)
def test_general_rules_found_on_unseen_sets(text, code):
    assert classify(text).code is code


def test_information_after_a_permission_question_is_coded_as_information():
    c = classify("Må jeg fortælle om nødkaldet? Det sidder om håndleddet, og du trykker bare.")
    assert c.codes == (Code.SEEKING_COLLABORATION, Code.GIVING_INFORMATION)
    assert c.code is Code.GIVING_INFORMATION
    assert flag(c) is None


def test_run_together_reflection_and_question_are_split():
    c = classify("du virker træt hvordan har du sovet")
    assert c.segments == ("du virker træt", "hvordan har du sovet")
    assert c.codes == (CR, OQ) and c.code is OQ


@pytest.mark.parametrize(
    "text",
    [
        "Jeg ved ikke, hvad du mener.",
        "Hvis du vil, kan du komme med ned.",
        "Fortæl mig, hvordan du har det.",
        "Du ved, hvordan det er.",
        "I dag har du været ude at gå.",
    ],
)
def test_embedded_clauses_and_inversion_are_not_split(text):
    assert len(classify(text).segments) == 1


def test_compound_utterances_and_the_primary_rule():
    persuade = classify("Det er dit valg. Men du burde altså gå i bad.")
    assert persuade.codes == (Code.EMPHASIZING_AUTONOMY, Code.PERSUADE)
    assert persuade.code is Code.PERSUADE
    confront = classify("Du burde gå i bad. Det passer jo ikke, at vandet er koldt.")
    assert confront.codes == (Code.PERSUADE, Code.CONFRONT)
    assert confront.code is Code.CONFRONT  # confront wins even after persuade
    last = classify("Hej Karen. Du savner ham. Hvad savner du mest?")
    assert last.codes == (Code.OTHER, SR, OQ) and last.code is OQ
    trailing = classify("Du har ikke sovet. Tak.")
    assert trailing.codes == (SR, Code.OTHER) and trailing.code is SR
    assert classify("Hej. Tak.").code is Code.OTHER


def test_a_summary_announced_in_its_own_sentence_takes_in_what_follows():
    c = classify("Lad mig samle op. Du savner Erik, aftenerne er lange, og du vil have besøg.")
    assert c.codes == (Code.SUMMARY,) and len(c.segments) == 1


@pytest.mark.parametrize("text", ["", "   ", "\t", "...", "?!"])
def test_empty_text_is_one_segment_coded_other(text):
    c = classify(text)
    assert len(c.segments) == 1 and c.codes == (Code.OTHER,) and c.code is Code.OTHER


def test_primary_code_rule():
    assert primary_code([SR, Code.CONFRONT, Code.PERSUADE]) is Code.CONFRONT
    assert primary_code([Code.PERSUADE, OQ]) is Code.PERSUADE
    assert primary_code([OQ, CR, Code.OTHER]) is CR
    assert primary_code([Code.OTHER]) is Code.OTHER
    assert primary_code([]) is Code.OTHER


def test_classify_handles_very_long_input_quickly():
    started = time.perf_counter()
    c = classify("hvad tænker du om det " * 5000)
    classify("Du savner din mand, og du har det svært, " * 3000)
    assert time.perf_counter() - started < 2.0
    assert c.code in QUESTIONS


# --- flags and suggestions ---------------------------------------------------------------------


def test_flag_for_advice_asks_for_permission_and_reuses_the_action():
    found = flag(classify("Du burde gå i bad nu."))
    assert found is not None and found.code is Code.PERSUADE
    assert found.message.startswith("Råd uden lov")
    assert "Må jeg fortælle dig" in found.suggestion
    assert "»Hvad tænker du selv om at gå i bad?«" in found.suggestion


@pytest.mark.parametrize(
    "text, action",
    [
        ("Prøv nu at drikke lidt mere vand.", "drikke lidt mere vand"),
        ("Hvis du ikke drikker mere, ender du på hospitalet.", "drikke mere"),
        ("Hvorfor kommer du ikke bare med ned til kaffen?", "komme med ned til kaffen"),
        ("Nu skal du også prøve at gå en tur.", "gå en tur"),
        ("Drik nu dit vand.", "drikke dit vand"),
    ],
)
def test_flag_builds_the_open_question_from_the_advice(text, action):
    found = flag(classify(text))
    assert found is not None
    assert f"»Hvad tænker du selv om at {action}?«" in found.suggestion


def test_flag_for_confrontation_reflects_the_residents_side():
    found = flag(classify("Det er ikke rigtigt, at ingen besøger dig."))
    assert found is not None and found.code is Code.CONFRONT
    assert found.message.startswith("Konfrontation")
    assert "»Så du oplever, at ingen besøger dig.«" in found.suggestion
    demand = flag(classify("Nu må du tage dig sammen og gå i bad."))
    assert demand is not None and "»Det er svært for dig at gå i bad lige nu.«" in demand.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "Hvordan har du det?",
        "Har du sovet godt?",
        "Du savner ham.",
        "Det er dit valg.",
        "Må jeg komme med et forslag?",
        "Godmorgen.",
    ],
)
def test_no_flag_for_mi_adherent_or_neutral_utterances(text):
    c = classify(text)
    assert c.code not in MI_NON_ADHERENT and flag(c) is None


def test_suggest_opens_a_closed_question():
    assert suggest(classify("Har du sovet godt i nat?")) == "»Hvordan har du sovet i nat?«"
    assert suggest(classify("Savner du din kone?")) == "»Fortæl mig lidt om din kone.«"
    assert suggest(classify("Er du bange for at falde?")) == "»Hvordan har du det med at falde?«"


def test_suggest_turns_a_run_of_questions_into_a_reflection():
    c = classify("Hvad laver du så om eftermiddagen?")
    assert suggest(c) is None  # one open question is fine
    run_of_three = suggest(c, previous=[CQ, OQ], resident="Nej. Jeg gider ikke gå ud mere.")
    assert run_of_three == "»Så du gider ikke gå ud mere.«"
    broken = suggest(c, previous=[CQ, SR], resident="Jeg gider ikke.")
    assert broken is None  # a reflection broke the run


def test_suggest_passes_over_good_moments():
    for text in ("Du savner ham.", "Det er helt op til dig.", "Du har virkelig kæmpet."):
        assert suggest(classify(text)) is None


# --- counting and metrics ----------------------------------------------------------------------


def test_tally_adds_removes_and_undoes_keypresses():
    tally = Tally()
    tally.add(OQ)
    tally.add([CQ, CQ, SR])
    assert tally[CQ] == 2 and tally.total == 4
    assert tally.undo() is SR and tally[SR] == 0
    tally.remove(CQ)
    assert tally[CQ] == 1
    with pytest.raises(ValueError):
        tally.remove(Code.CONFRONT)
    snapshot = tally.counts
    snapshot[OQ] = 99
    assert tally[OQ] == 1  # counts is a copy
    assert tally.undo() is CQ and tally.undo() is OQ and tally.undo() is None


def counts(**kwargs: int) -> dict[Code, int]:
    names = {"o": OQ, "c": CQ, "s": SR, "x": CR}
    return {names[k]: v for k, v in kwargs.items()}


def levels(**kwargs: int) -> dict[str, str]:
    return {m.key: m.level for m in metrics(counts(**kwargs))}


def test_too_few_utterances_are_not_graded():
    # two reflections and a question look like a fine 2:1, but say nothing
    assert levels(s=2, o=1)["rq"] == TOO_FEW
    assert MIN_RQ_UTTERANCES == 8 and MIN_QUESTIONS == 5 and MIN_REFLECTIONS == 5
    assert levels(s=4, o=3)["rq"] == TOO_FEW  # 7 in all
    assert levels(s=4, o=4)["rq"] == FAIR  # 8 in all
    assert levels(o=4)["open_share"] == TOO_FEW
    assert levels(o=5)["open_share"] == GOOD
    assert levels(x=4)["complex_share"] == TOO_FEW
    assert levels(x=5)["complex_share"] == GOOD
    assert levels(s=8)["rq"] == GOOD  # reflections and no questions


@pytest.mark.parametrize(
    "kwargs, key, level",
    [
        ({"s": 4, "o": 4}, "rq", FAIR),  # exactly 1:1
        ({"s": 4, "o": 5}, "rq", BELOW_FAIR),
        ({"s": 7, "o": 4}, "rq", FAIR),  # 1.75:1
        ({"s": 8, "o": 4}, "rq", GOOD),  # exactly 2:1
        ({"o": 5, "c": 5}, "open_share", FAIR),  # exactly 50 %
        ({"o": 4, "c": 5}, "open_share", BELOW_FAIR),
        ({"o": 9, "c": 4}, "open_share", FAIR),  # 69 %
        ({"o": 7, "c": 3}, "open_share", GOOD),  # exactly 70 %
        ({"x": 2, "s": 3}, "complex_share", FAIR),  # exactly 40 %
        ({"x": 7, "s": 11}, "complex_share", BELOW_FAIR),  # 39 %
        ({"x": 9, "s": 10}, "complex_share", FAIR),  # 47 %
        ({"x": 5, "s": 5}, "complex_share", GOOD),  # exactly 50 %
    ],
)
def test_threshold_boundaries(kwargs, key, level):
    assert levels(**kwargs)[key] == level


def test_metric_values_and_sources():
    rq, open_share, complex_share = metrics(counts(s=6, x=2, o=3, c=1))
    assert rq.value == Fraction(2) and rq.formatted() == "2,0 : 1"
    assert open_share.value == Fraction(3, 4)
    assert complex_share.value == Fraction(1, 4)
    assert "MITI 4.2.1" in rq.source and "MITI 3.1.1" in open_share.source
    assert "MITI 4.2.1" in complex_share.source


# --- the scorecard -----------------------------------------------------------------------------

TRANSCRIPT = [
    ("medarbejder", "Godmorgen Karen. Hvordan har du det i dag?", ()),
    ("borger", "Ikke så godt. Jeg har ikke sovet, og jeg savner Erik.", ()),
    ("medarbejder", "Har du sovet noget i nat?", ()),
    ("borger", "Nej.", ()),
    ("medarbejder", "Har du fået noget at drikke?", ()),
    ("borger", "Lidt kaffe.", ()),
    ("medarbejder", "Du burde drikke mere vand.", ()),
    ("borger", "Jeg gider ikke. Det smager af ingenting.", ()),
    ("medarbejder", "Så vandet smager ikke af noget.", ()),
    ("borger", "Nej, og jeg er så træt af det hele.", ()),
    ("medarbejder", "Hvad tænker du om at prøve med saft?", ()),
]


def test_scorecard_from_a_transcript():
    card = Scorecard.build(TRANSCRIPT)
    assert card.counts[OQ] == 2 and card.counts[CQ] == 2 and card.counts[SR] == 1
    assert card.counts[Code.PERSUADE] == 1 and card.non_adherent == 1 and card.adherent == 0
    staff = sum(len(t.split()) for s, t, _ in TRANSCRIPT if s == "medarbejder")
    everyone = sum(len(t.split()) for _, t, _ in TRANSCRIPT)
    assert card.word_share == Fraction(staff, everyone)


def test_given_codes_are_used_and_resident_turns_never_counted():
    card = Scorecard.build(
        [
            ("medarbejder", "Mm.", [SR]),
            ("borger", "Du burde gå i bad, siger de.", []),
            ("medarbejder", "Hvad tænker du?", ["open_question"]),
        ]
    )
    assert card.counts[SR] == 1 and card.counts[OQ] == 1
    assert card.counts[Code.PERSUADE] == 0


def test_word_share_counts_words_of_both_speakers():
    card = Scorecard.build(
        [("medarbejder", "Hvordan har du det?", ()), ("borger", "Jeg har det fint i dag.", ())]
    )
    assert card.word_share == Fraction(4, 10)
    assert "Medarbejderens andel af ordene: 40 %" in card.text()


def test_unknown_speaker_is_refused():
    with pytest.raises(ValueError, match="ukendt taler"):
        Scorecard.build([("observatør", "Godt gået.", ())])


def test_moments_are_the_weakest_and_taken_from_the_transcript():
    card = Scorecard.build(TRANSCRIPT)
    said = {t for s, t, _ in TRANSCRIPT if s == "medarbejder"}
    assert len(card.moments) == 3
    assert all(m.text in said for m in card.moments)
    first, second, third = card.moments
    assert first.text == "Du burde drikke mere vand." and first.reason == "råd uden lov"
    assert second.code is CQ and third.code is CQ  # closed questions in a run, in order
    assert second.suggestion == "»Hvordan har du sovet i nat?«"


def test_no_moments_are_invented():
    good = Scorecard.build(
        [
            ("medarbejder", "Hvordan har du det i dag?", ()),
            ("borger", "Det går.", ()),
            ("medarbejder", "Det går sådan nogenlunde.", ()),
        ]
    )
    assert good.moments == ()
    assert "Ingen svage øjeblikke fundet." in good.text()
    one = Scorecard.build(
        [("medarbejder", "Hej.", ()), ("medarbejder", "Du skal altså spise noget.", ())]
    )
    assert [m.text for m in one.moments] == ["Du skal altså spise noget."]


def test_a_question_after_feelings_is_a_moment_with_a_reflection_from_the_residents_words():
    card = Scorecard.build(
        [
            ("borger", "Jeg er så ensom, efter at Erik døde.", ()),
            ("medarbejder", "Hvad laver du om aftenen?", ()),
        ]
    )
    (moment,) = card.moments
    assert moment.reason == "spørgsmål, hvor en refleksion ville have hjulpet"
    assert moment.suggestion == "»Så du er så ensom, efter at Erik døde.«"


def test_scorecard_from_an_observers_tally():
    tally = Tally()
    tally.add([OQ, OQ, OQ, CQ, CQ, SR, SR, CR, CR, CR, Code.CONFRONT])
    card = Scorecard.from_tally(tally)
    assert card.word_share is None and card.moments == () and card.staff_words is None
    assert card.metric("rq").level == FAIR and card.metric("open_share").level == FAIR
    assert card.metric("complex_share").level == GOOD
    text = card.text()
    assert "andel af ordene" not in text and "Øjeblikke" not in text
    assert Scorecard.from_tally({OQ: 2}).counts[OQ] == 2


def test_non_adherence_is_always_flagged_even_when_the_rest_is_good():
    card = Scorecard.from_tally({SR: 10, CR: 10, OQ: 8, Code.PERSUADE: 1})
    assert all(m.level == GOOD for m in card.metrics)
    assert "MI-uforenelige ytringer (råd uden lov, konfrontation): 1 – OBS" in card.text()
    assert "**skal helst være 0**" in card.markdown()
    assert any("råd uden lov" in note for note in card.feedback())
    clean = Scorecard.from_tally({SR: 10, CR: 10, OQ: 8})
    assert "OBS" not in clean.text() and clean.non_adherent == 0


def test_plain_text_rendering():
    text = Scorecard.build(TRANSCRIPT).text()
    for label in LABELS.values():
        assert label in text
    assert "Refleksioner pr. spørgsmål (R:Q): 0,2 : 1 – for få ytringer" in text
    assert "rimelig fra 1:1, god fra 2:1" in text
    assert "rimelig fra 50 %, god fra 70 %" in text
    assert "rimelig fra 40 %, god fra 50 %" in text
    assert "Prøv: »Hvordan har du sovet i nat?«" in text
    assert text.endswith("\n") and "[" not in text


def test_markdown_rendering_has_tables_and_escapes_user_text():
    card = Scorecard.build(
        [
            ("medarbejder", "Du burde [b]spise[/b] | nu.", ()),
            ("borger", "Nej.", ()),
        ]
    )
    md = card.markdown()
    assert "| Kode | Antal |" in md and f"| {LABELS[Code.PERSUADE]} | 1 |" in md
    assert "| Nøgletal | Værdi | Niveau | Rimelig | God | Mindst | Kilde |" in md
    assert "| 1:1 | 2:1 |" in md and "| 50 % | 70 % |" in md and "| 40 % | 50 % |" in md
    assert r"\[b\]spise\[/b\] \| nu." in md
    assert "### Øjeblikke at øve" in md and "[b]" not in md


# --- samtale coach ------------------------------------------------------------------------------


class FlushCounter(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.flushed_lines: list[int] = []

    def flush(self) -> None:
        self.flushed_lines.append(self.getvalue().count("\n"))
        super().flush()


def test_run_prints_one_json_object_per_utterance():
    long_line = "Du savner din mand. " * 2000
    stdin = io.StringIO(
        f"Hvordan har du det\n\n   \n[bold]Du burde gå i bad[/bold]\n{long_line}\nGodt gået, Ærø!\n"
    )
    stdout = FlushCounter()
    assert run(stdin, stdout) == 0
    rows = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert [r["text"] for r in rows] == [
        "Hvordan har du det",
        "[bold]Du burde gå i bad[/bold]",
        long_line,
        "Godt gået, Ærø!",
    ]
    assert rows[0] == {
        "text": "Hvordan har du det",
        "code": "open_question",
        "codes": ["open_question"],
    }
    assert rows[1]["code"] == "persuade"
    assert rows[2]["codes"] == ["simple_reflection"] * 2000
    assert "Ærø" in stdout.getvalue()  # not escaped to \u00c6
    assert stdout.flushed_lines == [1, 2, 3, 4]  # flushed after every line


def test_run_with_no_input_prints_nothing():
    stdout = io.StringIO()
    assert run(io.StringIO(""), stdout) == 0 and stdout.getvalue() == ""


# --- evaluation ---------------------------------------------------------------------------------


def write_tsv(path: Path, rows: list[str]) -> Path:
    path.write_text("code\tcodes\ttext\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_evaluate_scores_per_code(tmp_path):
    path = write_tsv(
        tmp_path / "set.tsv",
        [
            "open_question\topen_question\tHvordan har du det?",
            "open_question\topen_question\tHar du sovet godt?",  # the coach says closed
            "closed_question\tclosed_question\tEr du sulten?",
            "persuade\tpersuade\tDu burde gå i bad.",
            "",
            "# a comment",
            "other\tother\t",
        ],
    )
    rows = read_labelled(path)
    assert [r.line for r in rows] == [2, 3, 4, 5, 8] and rows[-1].text == ""
    evaluation = evaluate(rows)
    assert evaluation.n == 5 and evaluation.accuracy == pytest.approx(4 / 5)
    assert evaluation.three_way_accuracy == 1.0
    scores = evaluation.scores
    assert (scores[OQ].precision, scores[OQ].recall) == (1.0, 0.5)
    assert scores[CQ].precision == 0.5 and scores[CQ].recall == 1.0
    expected = (2 / 3 + 2 / 3 + 1 + 1) / 4
    assert evaluation.macro_f1 == pytest.approx(expected)
    assert [(r.text, p.code) for r, p in evaluation.errors] == [("Har du sovet godt?", CQ)]


def test_read_labelled_names_the_line_of_a_problem(tmp_path):
    bad_header = tmp_path / "a.tsv"
    bad_header.write_text("kode\ttekst\n", encoding="utf-8")
    with pytest.raises(ValueError, match="a.tsv:1"):
        read_labelled(bad_header)
    unknown = write_tsv(tmp_path / "b.tsv", ["other\tother\tHej", "question\tquestion\tHvad?"])
    with pytest.raises(ValueError, match=r"b.tsv:3: ukendt kode"):
        read_labelled(unknown)
    short = write_tsv(tmp_path / "c.tsv", ["other"])
    with pytest.raises(ValueError, match="c.tsv:2"):
        read_labelled(short)


def test_print_evaluation_writes_a_markdown_table(tmp_path):
    path = write_tsv(
        tmp_path / "set.tsv",
        ["open_question\topen_question\tHvordan har du det?", "persuade\tpersuade\tDu bør | gå."],
    )
    stdout = io.StringIO()
    assert print_evaluation(path, stdout) == 0
    out = stdout.getvalue()
    assert "| Kode | Dansk | Præcision | Genkaldelse | F1 | Antal |" in out
    assert "| open_question | åbent spørgsmål | 1,000 | 1,000 | 1,000 | 1 |" in out
    assert "Makro-F1: 1,000" in out


def test_print_evaluation_reports_an_unusable_file(tmp_path):
    stdout, stderr = io.StringIO(), io.StringIO()
    assert print_evaluation(tmp_path / "mangler.tsv", stdout, stderr) == 1
    assert "mangler.tsv" in stderr.getvalue() and stdout.getvalue() == ""


def test_classification_is_a_frozen_value():
    c = classify("Hvordan har du det?")
    assert isinstance(c, Classification)
    with pytest.raises(AttributeError):
        c.text = "x"  # type: ignore[misc]
    assert c.code in QUESTIONS and not set(c.codes) & REFLECTIONS


@pytest.mark.parametrize(
    ("make", "danish"),
    [
        (lambda p: p, "filen findes ikke"),
        (lambda p: (p.write_bytes(b"\xff\xfe code"), p)[1], "filen er ikke gyldig UTF-8"),
        (lambda p: (p.mkdir(), p)[1], "det er en mappe"),
    ],
)
def test_evaluate_says_in_danish_why_the_file_cannot_be_read(tmp_path, make, danish):
    """`samtale coach --evaluate` repeated the system's English ("No such file or directory",
    "'utf-8' codec can't decode byte 0xff ...")."""
    import io

    path = make(tmp_path / "saet.tsv")
    err = io.StringIO()
    assert print_evaluation(path, io.StringIO(), err) == 1
    assert err.getvalue() == f"samtale: kan ikke læse {path}: {danish}\n"
