"""The loader and the JSON Schema agree on broken guides.

Hypothesis breaks a real bundled guide in the ways the schema can express, and for each
broken guide the loader (`samtale check`) refuses it exactly when the schema does:

- an unknown key in any mapping, and a required key taken away (both must refuse);
- an answer type that does not exist, and a key of another answer type (both must refuse);
- a value replaced by one of another kind (a text, a number, true/false, a list or a mapping),
  for every key whose value nothing else refers to: they must agree, whether it is refused
  (a list as a title, a text as 'varighed') or not (a number as a title).

Keys that other parts of the guide refer to (ids, answer keys, 'næste', 'start', themes, choice
values, note keys) are left out of the last class: changing them breaks a reference, which only
the loader can see. Those classes, and the others a schema cannot express, are tested at the end:
the loader still refuses them, while the schema lets them pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.dialogue.model import ANSWER_TYPES
from assistant.dialogue.schema import SPECS, TYPE_KEYS, value_kind

from .schema_tools import GUIDE_FILES, loader_problems, mappings, raw_guide, schema_errors

# Keys whose value is a name that other parts of the guide refer to.
REFERRED = {
    ("guide", "start"),
    ("branch", "gå_til"),
    ("step", "temaer"),
    ("step", "næste"),
    ("choice", "værdi"),
    ("choice", "tekst"),  # a choice without 'værdi' is its text
    ("field", "nøgle"),
    ("computed", "nøgle"),
    ("note", "aftaler"),
    ("note", "opfølgning"),
    ("note", "opfølgning_hvem"),
    ("note_section", "nøgler"),
}
IDS = {"guide_id", "flow_id", "section_id", "step_id", "answer_key", "answer_type"}
# Not null: an empty value is read as "not given", which moves the problem to what refers to it
REPLACEMENTS: list[Any] = ["et ord", 42, 2.5, True, ["a", "b"], {"x": "y"}]
UNKNOWN = ["sporg", "titlen", "nogle", "Titel", "næste_trin", "beskrivelse", "x"]


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__ if isinstance(value, str | list | dict) else "other"


def replaceable(kind: str, key: str) -> bool:
    spec = SPECS[kind].keys[key]
    return (kind, key) not in REFERRED and value_kind(spec.value)[0] not in IDS


Verdicts = tuple[list[str], list[str]]


def verdicts(raw: Any, path: Path) -> Verdicts:
    return loader_problems(raw, path), schema_errors(raw)


@st.composite
def broken(draw: Any) -> tuple[str, Path, Any]:
    """(the class of break, the guide file, its broken data)."""
    path = draw(st.sampled_from(GUIDE_FILES))
    raw = raw_guide(path)
    found = list(mappings(raw))
    what = draw(st.sampled_from(["unknown", "required", "type", "type_key", "value"]))
    if what == "unknown":
        kind, node = draw(st.sampled_from(found))
        key = draw(st.sampled_from([k for k in UNKNOWN if k not in SPECS[kind].keys]))
        node[key] = draw(st.sampled_from(REPLACEMENTS))
    elif what == "required":
        kind, node = draw(
            st.sampled_from([(k, n) for k, n in found if set(SPECS[k].required) & set(n)])
        )
        del node[draw(st.sampled_from([k for k in SPECS[kind].required if k in node]))]
    elif what == "type":
        _, node = draw(st.sampled_from([(k, n) for k, n in found if k == "answer"]))
        word = draw(st.text("abcdefghijklmnopqrstuvwxyzæøå_", min_size=1, max_size=9))
        node["type"] = word if word not in ANSWER_TYPES else word + "x"
    elif what == "type_key":
        _, node = draw(st.sampled_from([(k, n) for k, n in found if k == "answer"]))
        key = draw(
            st.sampled_from([k for k, kinds in TYPE_KEYS.items() if node.get("type") not in kinds])
        )
        node[key] = {
            "valgmuligheder": ["a", "b"],
            "fra": 0,
            "til": 10,
            "etiketter": {0: "Slet ikke"},
            "felter": [{"nøgle": "hvad", "tekst": "Hvad"}],
            "andet": True,
        }[key]
    else:
        kind, node, key = draw(
            st.sampled_from(
                [
                    (k, n, key)
                    for k, n in found
                    for key in n
                    if key in SPECS[k].keys and replaceable(k, key)
                ]
            )
        )
        old = _json_kind(node[key])
        node[key] = draw(st.sampled_from([r for r in REPLACEMENTS if _json_kind(r) != old]))
        what = f"value {kind}.{key}"
    return what, path, raw


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(broken())
def test_the_loader_refuses_a_broken_guide_exactly_when_the_schema_does(case):
    what, path, raw = case
    problems, errors = verdicts(raw, path)
    assert bool(problems) == bool(errors), (what, path.name, problems, errors)
    if not what.startswith("value"):
        assert problems and errors, (what, path.name)


def test_the_value_class_takes_in_most_keys():
    """The agreement covers most of the format, not a corner of it."""
    keys = [(kind, key) for kind, spec in SPECS.items() for key in spec.keys]
    assert sum(replaceable(kind, key) for kind, key in keys) >= 0.6 * len(keys)


# --- what the schema cannot express: the loader still refuses it ---------------------------------

VAERDIGHEDSHJULET = next(p for p in GUIDE_FILES if p.stem == "vaerdighedshjulet")


def _steps(raw: Any) -> list[dict]:
    return [node for kind, node in mappings(raw) if kind == "step"]


def _answered(raw: Any) -> list[dict]:
    return [s for s in _steps(raw) if isinstance(s.get("svar"), dict)]


def _scale(raw: Any) -> dict:
    return next(
        s["svar"] for s in _answered(raw) if s["svar"]["type"] == "skala" and "fra" in s["svar"]
    )


def _set(node: dict, **values: Any) -> None:
    node.update(values)


BEYOND = {
    "næste til et trin, der ikke findes": lambda raw: _set(_steps(raw)[0], næste="findes_ikke"),
    "start i et trin, der ikke findes": lambda raw: _set(raw, start="findes_ikke"),
    "et tema, der ikke er et afsnit": lambda raw: next(s for s in _steps(raw) if "temaer" in s)[
        "temaer"
    ].append("findes_ikke"),
    "to trin med samme id": lambda raw: _set(_steps(raw)[1], id=_steps(raw)[0]["id"]),
    "to svar med samme nøgle": lambda raw: _set(
        _answered(raw)[1]["svar"],
        nøgle=_answered(raw)[0]["svar"].get("nøgle", _answered(raw)[0]["id"]),
    ),
    "en betingelse, der ikke kan læses": lambda raw: _set(
        _steps(raw)[0], næste=[{"hvis": "tryghed =< 3", "gå_til": "slut"}]
    ),
    "en betingelse med et svar, der ikke findes": lambda raw: _set(
        _steps(raw)[0], næste=[{"hvis": "findes_ikke == 3", "gå_til": "slut"}, {"gå_til": "slut"}]
    ),
    "en henvisning til et svar, der ikke findes": lambda raw: _set(
        _steps(raw)[0], spørg="Du sagde {findes_ikke}."
    ),
    "en skala med fra over til": lambda raw: _set(_scale(raw), fra=10, til=0),
    "en etiket uden for skalaen": lambda raw: _set(_scale(raw), etiketter={99: "For meget"}),
    "en id, der ikke er filnavnet": lambda raw: _set(raw, id="et_andet_navn"),
    "en note med et svar, der ikke findes": lambda raw: raw["note"]["afsnit"][0]["nøgler"].append(
        "findes_ikke"
    ),
    "et trin, der ikke kan nås": lambda raw: _set(_steps(raw)[0], næste="slut"),
    "et forløb, der ikke findes": lambda raw: _set(
        next(n for k, n in mappings(raw) if k == "flow_ref"), forløb="findes_ikke"
    ),
}


@pytest.mark.parametrize("name", BEYOND)
def test_what_the_schema_cannot_express_the_loader_refuses(name):
    raw = raw_guide(VAERDIGHEDSHJULET)
    BEYOND[name](raw)
    problems, errors = verdicts(raw, VAERDIGHEDSHJULET)
    assert problems, f"samtale check godtog {name}"
    assert errors == [], f"skemaet kan nu se {name}: flyt det op blandt dem, det kan"


@pytest.mark.parametrize(
    "where, value",
    [
        ("note afsnit", "ikke en liste"),
        ("tilfælde", "ikke en liste"),
        ("værdi", ["en", "liste"]),
        ("type", None),
        ("forløb med titel", "Handlingsplan"),
        ("etiket", ["en", "liste"]),
    ],
)
def test_what_the_loader_let_pass_before_both_now_refuse(where, value):
    """Values the loader used to read past without a word, found by the agreement test."""
    path = next(p for p in GUIDE_FILES if p.stem == "ensomhed_opsporing")
    raw = raw_guide(path)
    if where == "note afsnit":
        raw["note"]["afsnit"] = value
    elif where in ("tilfælde", "værdi"):
        computed = next(n for k, n in mappings(raw) if k == "computed" and "tilfælde" in n)
        if where == "tilfælde":
            computed["tilfælde"] = value
        else:
            computed["tilfælde"][0]["værdi"] = value
    elif where == "type":
        _answered(raw)[0]["svar"]["type"] = value
    elif where == "forløb med titel":
        next(n for k, n in mappings(raw) if k == "flow_ref")["titel"] = value
    else:
        _scale(raw)["etiketter"] = {0: value}
    problems, errors = verdicts(raw, path)
    assert problems and errors, (problems, errors)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda raw: raw.update(afsnit=None), "'afsnit' skal være en liste med mindst ét afsnit"),
        (lambda raw: _set(raw["afsnit"][0], trin=None), "skal være en liste med mindst ét trin"),
        (lambda raw: _set(raw["afsnit"][0], id=None), "'id' i afsnit 1 er tom"),
        (lambda raw: _set(_steps(raw)[0], id=None), "'id' i et trin er tom"),
        (lambda raw: _set(_answered(raw)[0]["svar"], type=None), "er tom; vælg tekst, valg"),
    ],
    ids=["afsnit", "trin", "afsnit-id", "trin-id", "svartype"],
)
def test_an_empty_value_where_one_is_needed_is_refused_by_both(change, message):
    raw = raw_guide(VAERDIGHEDSHJULET)
    change(raw)
    problems, errors = verdicts(raw, VAERDIGHEDSHJULET)
    assert any(message in p for p in problems), problems
    assert errors
