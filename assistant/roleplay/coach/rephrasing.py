"""Rephrasing: material for the coach's suggestions, taken from the utterance itself: the action
an advice pushes for, a reflection of the resident's words, an open question from a closed one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .clauses import _uninvert, strip_fillers
from .lexicon import WORD, R, is_verb
from .segmenting import split_sentences


def infinitive(verb: str) -> str:
    """The infinitive of a present-tense or imperative verb: drikker → drikke, går → gå."""
    if verb in R.infinitives:
        return R.infinitives[verb]
    if verb in R.imperatives:
        return R.imperatives[verb]
    if verb.endswith("er") and len(verb) > 3:
        return verb[:-1]
    if verb.endswith("r") and len(verb) > 2:
        return verb[:-1]
    return verb


def _looks_infinitive(word: str) -> bool:
    return word.endswith("e") or word in R.short_infinitives


def _clean_phrase(phrase: str) -> str:
    phrase = R.phrase_end.split(phrase)[0]
    words = phrase.split()
    while words and words[0] in R.particle_words:
        words.pop(0)
    while words and words[-1] in R.particle_words | {"nu"}:
        words.pop()
    return " ".join(words)


def _verb_phrase(phrase: str) -> str | None:
    phrase = _clean_phrase(phrase)
    if not phrase:
        return None
    first, *rest = phrase.split()
    if first in {"at"} and rest:
        first, *rest = rest
    if first in {"ikke", "aldrig"}:
        return None
    if not _looks_infinitive(first):
        if first in {"i", "ud", "op", "ned", "med", "hjem", "ind", "til"}:
            return " ".join(["komme", first, *rest])
        first = infinitive(first)
        if not _looks_infinitive(first):
            return None
    return " ".join([first, *rest])


def advice_action(text: str) -> str | None:
    """The action an advice or a warning pushes for, as an infinitive phrase ("gå i bad"), or
    None when the utterance names none."""
    low = _uninvert(strip_fillers(" ".join(text.lower().split())))
    low = R.pull_yourself_together.sub("", low)
    first = WORD.match(low)
    if first and first.group() in R.imperatives and first.group() not in {"lad", "prøv", "husk"}:
        rest = _clean_phrase(low[first.end() :])
        if rest:
            phrase = _verb_phrase(f"{R.imperatives[first.group()]} {rest}")
            if phrase:
                return phrase
    for pattern in R.advice:
        match = pattern.search(low)
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("v"):
            phrase = _verb_phrase(groups["v"])
        elif groups.get("fv"):
            phrase = _verb_phrase(f"{infinitive(groups['fv'])} {groups['rest']}")
        else:
            finite = _clean_phrase(groups["f"]).split()
            if finite and finite[0] in {"du", "vi"}:
                finite = finite[1:]
            phrase = (
                _verb_phrase(" ".join([infinitive(finite[0]), *finite[1:]])) if finite else None
            )
        if phrase:
            return phrase
    return None


def reflect_back(said: str) -> str | None:
    """A simple reflection of what the resident said: the last full sentence, with the persons
    turned round ("Jeg gider ikke gå i bad" → "Så du gider ikke gå i bad.")."""
    for sentence in reversed(split_sentences(said)):
        if sentence.rstrip().endswith("?"):
            continue
        core = R.opening_fillers.sub("", sentence.strip()).rstrip(" .!…")
        words = WORD.findall(core)
        if len(words) < 3:
            continue
        swapped = re.sub(
            r"[^\W_]+",
            lambda m: R.swap.get(m.group().lower(), m.group()) if m.group() != "I" else "vi",
            core,
        )
        if swapped[:1].isupper() and WORD.findall(swapped)[0].lower() in R.first_word_lower:
            swapped = swapped[:1].lower() + swapped[1:]
        return f"Så {swapped}."
    return None


def open_question_from(text: str) -> str | None:
    """An open question built from a closed one ("Har du sovet godt i nat?" → "Hvordan har du
    sovet i nat?"), or None when no rephrasing can be built from the words."""
    low = strip_fillers(" ".join(text.lower().split())).rstrip(" ?.!")
    low = R.tag_question.sub("", low + "?").rstrip(" ?")
    if R.scale.search(low):
        return "Hvad gør, at du ikke siger et lavere tal?"
    words = WORD.findall(low)
    if len(words) < 2:
        return None

    def tidy(rest: Sequence[str]) -> str:
        kept = [w for w in rest if w not in R.yesno_words]
        return (" " + " ".join(kept)) if kept else ""

    if re.search(r"\b\w+ eller \w+", low) and not low.startswith(("tror", "synes")):
        return "Hvad kunne du tænke dig?"
    if re.match(r"^(?:har|havde) du det\b", low):
        return f"Hvordan har du det{tidy(words[3:])}?"
    if words[0] in {"har", "havde"} and words[1] == "du" and len(words) > 2:
        if words[2] in R.how_participles:
            return f"Hvordan har du {words[2]}{tidy(words[3:])}?"
    if low.startswith("har du fået "):
        return f"Hvordan går det med at få {' '.join(w for w in words[3:] if w != 'nok')}?"
    if low.startswith("kan du lide "):
        return f"Hvad synes du om {low[len('kan du lide ') :]}?"
    if words[0] in {"savner", "savnede"} and words[1] == "du" and len(words) > 2:
        return f"Fortæl mig lidt om {' '.join(words[2:])}."
    if words[0] in {"er", "føler"} and words[1] == "du":
        about = re.search(r"\b(?:for|over|af|med|ved) (.+)$", low)
        if about and len(words) > 3:
            return f"Hvordan har du det med {about.group(1)}?"
        rest = [w for w in words[3:] if w not in R.yesno_words]
        return f"Hvordan har du det{(' ' + ' '.join(rest)) if rest else ''}?"
    if words[0] in {"tror", "synes", "mener"} and words[1] == "du":
        action = re.findall(r"\bat ((?!du\b|det\b|der\b|jeg\b)\w+(?: \w+)*)", low)
        if action:
            return f"Hvad tænker du selv om at {action[-1]}?"
        clause = re.sub(r"^(?:selv,? )?(?:at )?", "", " ".join(words[2:]).lstrip(", "))
        return f"Hvad tænker du selv om, at {clause}?" if clause else None
    if words[0] == "skal" and words[1] == "jeg":
        return "Hvordan kan jeg bedst hjælpe dig?"
    if words[0] in {"vil", "skal", "kan", "gider", "må", "orker", "tør"} and words[1] == "du":
        rest = [w for w in words[2:] if w not in {"gerne", "godt", "helst", "ikke", "lige"}]
        phrase = _verb_phrase(" ".join(rest)) if rest else None
        if phrase:
            return f"Hvad tænker du om at {phrase}?"
    if words[:3] in (["er", "der", "noget"], ["er", "der", "nogen"]):
        rest = " ".join(words[3:]).replace(",", "").split()
        extra = ""
        if rest and rest[0] in {"andet", "mere"}:
            extra, rest = f" {rest[0]}", rest[1:]
        if rest and rest[0] == "du":
            rest = rest[1:]
        verbs = [i for i, w in enumerate(rest) if w in R.finite_verbs]
        if verbs:
            i = verbs[0]
            tail = " ".join(rest[:i] + rest[i + 1 :])
            return f"Hvad{extra} {rest[i]} du {tail}?".replace("  ", " ")
    if len(words) > 2 and (words[1] in R.possessives) and is_verb(words[0]):
        return f"Fortæl mig lidt om {words[1]} {words[2]}."
    return None
