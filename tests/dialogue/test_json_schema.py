"""The JSON Schema of guide files (`samtale schema`, dialogues/samtale-guide.schema.json): a
valid draft 2020-12 schema that every bundled guide and flow passes, that refuses an unknown
answer type, an unknown key and a missing required key at every level, and that is shipped as
the command prints it."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from assistant.dialogue import json_schema
from assistant.dialogue.model import ANSWER_TYPES
from assistant.dialogue.schema import KINDS, SPECS, TYPE_KEYS

from ..conftest import DIALOGUES
from .schema_tools import (
    FLOW_FILES,
    GUIDE_FILES,
    as_json,
    mappings,
    raw_guide,
    schema_errors,
    validator,
)
from .test_format_doc import example

SHIPPED = DIALOGUES / json_schema.FILE_NAME


def test_the_schema_is_a_valid_draft_2020_12_schema():
    schema = json_schema.guide_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_the_shipped_schema_is_what_samtale_schema_prints():
    assert SHIPPED.read_text(encoding="utf-8") == json_schema.schema_text(), (
        f"{SHIPPED} passer ikke til schema.yaml; lav den igen med: "
        f"samtale schema -o dialogues/{json_schema.FILE_NAME}"
    )


@pytest.mark.parametrize("path", GUIDE_FILES + FLOW_FILES, ids=lambda p: p.name)
def test_every_bundled_guide_and_flow_passes(path):
    assert schema_errors(raw_guide(path)) == []


def test_the_readme_example_passes():
    import yaml

    assert list(validator().iter_errors(as_json(yaml.safe_load(example())))) == []


def test_every_key_has_its_danish_description():
    defs = json_schema.guide_schema()["$defs"]
    assert set(defs) == set(KINDS)
    for kind, spec in SPECS.items():
        assert defs[kind]["description"] == spec.about
        assert list(defs[kind]["properties"]) == list(spec.keys)
        for key, item in spec.keys.items():
            assert defs[kind]["properties"][key]["description"] == item.about


# --- what the schema refuses ------------------------------------------------------------------


def _first(kind: str) -> tuple[dict, dict]:
    """A fresh guide (or flow) holding a mapping of ``kind``, and that mapping."""
    for path in GUIDE_FILES + FLOW_FILES:
        raw = raw_guide(path)
        top = "flow" if path in FLOW_FILES else "guide"
        for found, node in mappings(raw, top):
            if found == kind:
                return raw, node
    raise AssertionError(f"ingen bundled guide har en {kind}")


@pytest.mark.parametrize("kind", KINDS)
def test_an_unknown_key_fails_at_every_level(kind):
    raw, node = _first(kind)
    node["ukendt_nøgle"] = "x"
    errors = schema_errors(raw)
    assert any("'ukendt_nøgle' was unexpected" in e for e in errors), errors


@pytest.mark.parametrize(
    "kind, key", [(k, key) for k in KINDS for key in SPECS[k].required], ids=str
)
def test_a_missing_required_key_fails(kind, key):
    raw, node = _first(kind)
    del node[key]
    errors = schema_errors(raw)
    assert errors, f"{kind} uden '{key}' blev godtaget"
    if kind not in ("flow_ref", "flow"):  # without 'forløb' it is read as a section or a guide
        assert any(f"'{key}' is a required property" in e for e in errors), errors


@pytest.mark.parametrize("word", ["skalaa", "fritekst", "Tekst", "ja-nej", "", "42"])
def test_an_unknown_answer_type_fails(word):
    raw, node = _first("answer")
    node["type"] = word
    errors = schema_errors(raw)
    assert any("is not one of" in e and e.endswith(str(list(ANSWER_TYPES))) for e in errors), errors


@pytest.mark.parametrize(
    "key, kind",
    [(key, kind) for key, kinds in TYPE_KEYS.items() for kind in ANSWER_TYPES if kind not in kinds],
    ids=str,
)
def test_a_key_of_another_answer_type_fails(key, kind):
    raw, node = _first("answer")
    for other in list(node):
        if other in TYPE_KEYS:
            del node[other]
    node["type"] = kind
    if kind in ("valg", "flervalg"):
        node["valgmuligheder"] = ["a", "b"]
    if kind == "skala" and key != "valgmuligheder":
        node["valgmuligheder"] = ["a", "b"]
    elif kind == "skala":
        node["fra"], node["til"] = 0, 10
    if kind == "rækker":
        node["felter"] = [{"nøgle": "hvad", "tekst": "Hvad"}]
    assert schema_errors(raw) == []
    node[key] = {"valgmuligheder": ["x", "y"], "etiketter": {0: "x"}, "felter": [{}]}.get(key, 1)
    if key == "andet":
        node[key] = True
    errors = schema_errors(raw)
    assert any(f"'{key}' was unexpected" in e for e in errors), errors


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda step: step.update(temaer=["a"]), "should not be valid"),  # temaer and svar
        (lambda step: step.update(mindst=1), "'temaer' is a dependency of 'mindst'"),
        (
            lambda step: step.update(valgfri=True) or step["svar"].update(påkrævet=True),
            "should not be valid",
        ),
        (lambda step: step["svar"].update(type="valg", valgmuligheder=["a"]), "is too short"),
        (lambda step: step["svar"].update(type="rækker"), "'felter' is a required property"),
        (lambda step: step["svar"].update(type="skala"), "is not valid under any"),
        (
            lambda step: step["svar"].update(type="skala", fra=1, til=5, valgmuligheder=["a"]),
            "is not valid under any",
        ),
        (lambda step: step.update(id="slut"), "should not be valid under {'const': 'slut'}"),
        (lambda step: step["svar"].update(nøgle="og"), "should not be valid"),
        (lambda step: step["svar"].update(nøgle="Stort_B"), "does not match"),
        (lambda step: step.update(valgfri="ja"), "is not of type 'boolean'"),
        (lambda step: step.update(eksempler=[["a"]]), "is not of type 'string', 'number'"),
        (lambda step: step.update(næste=[{"hvis": 3, "gå_til": "x"}]), "is not of type 'string'"),
    ],
    ids=[
        "temaer-og-svar",
        "mindst-uden-temaer",
        "valgfri-og-påkrævet",
        "valg-med-én-mulighed",
        "rækker-uden-felter",
        "skala-uden-fra-til",
        "skala-med-begge",
        "trin-id-slut",
        "reserveret-nøgle",
        "nøgle-med-stort",
        "valgfri-ja",
        "liste-i-eksempler",
        "hvis-er-et-tal",
    ],
)
def test_the_rules_across_one_step_are_in_the_schema(change, message):
    raw, _ = _first("answer")
    step = next(
        node
        for kind, node in mappings(raw)
        if kind == "step" and node.get("svar", {}).get("type") == "tekst"
    )
    change(step)
    errors = schema_errors(raw)
    assert any(message in e for e in errors), errors


def test_a_computed_value_has_either_an_expression_or_cases():
    raw, node = _first("computed")
    both = dict(node, udtryk="1 + 1", tilfælde=[{"værdi": "x"}])
    node.clear()
    node.update(both)
    assert any("is valid under each of" in e for e in schema_errors(raw))
    del node["udtryk"], node["tilfælde"]
    assert any("is not valid under any" in e for e in schema_errors(raw))


def test_a_flow_file_is_told_apart_from_a_guide():
    flow = raw_guide(FLOW_FILES[0])
    assert schema_errors(flow) == []
    flow["id"] = "handlingsplan"  # a guide's key in a flow
    assert any("'id' was unexpected" in e for e in schema_errors(flow))
    guide = raw_guide(GUIDE_FILES[0])
    assert schema_errors(guide) == []
    guide["forløb"] = "x"  # read as a flow now: a guide's keys are unknown there
    assert any("'varighed'" in e and "unexpected" in e for e in schema_errors(guide))


def test_the_schema_is_json_the_editor_can_read():
    text = json_schema.schema_text()
    assert json.loads(text) == json_schema.guide_schema()
    assert "æ" in text and "\\u00e6" not in text  # Danish letters as they are


MODELINE = "# yaml-language-server: $schema="


@pytest.mark.parametrize("path", GUIDE_FILES + FLOW_FILES, ids=lambda p: p.name)
def test_every_bundled_file_points_its_editor_at_the_shipped_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MODELINE), f"{path.name} skal begynde med {MODELINE}…"
    assert (path.parent / first.removeprefix(MODELINE)).resolve() == SHIPPED.resolve()


def test_the_readme_shows_the_line_for_editors():
    text = (DIALOGUES / "README.md").read_text(encoding="utf-8")
    assert f"{MODELINE}./{json_schema.FILE_NAME}" in text
    assert "samtale schema -o" in text and "Visual Studio Code" in text
