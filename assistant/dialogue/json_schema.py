"""A JSON Schema (draft 2020-12) of guide and flow files, made from ``schema.yaml`` and the
model's constants: what ``samtale schema`` prints and what a trainer's editor reads for
completion, hover text and red squiggles.

Each kind of mapping in ``schema.yaml`` becomes a ``$defs`` entry with its keys (each with its
Danish description), its required keys and ``additionalProperties: false``, as the loader refuses
unknown keys. The kinds of value become types, patterns and enums; the answer types' own keys
(``type_keys``) become one ``if``/``then`` per answer type. A few rules the builders check across
the keys of one mapping are written here too, each next to the builder that checks it:

- a step has ``temaer`` or ``svar``, not both; ``mindst`` only with ``temaer``; not both
  ``valgfri`` and a ``påkrævet`` answer (build_steps.py);
- ``valg`` and ``flervalg`` have at least two choices; a ``skala`` has ``fra`` and ``til`` or
  ``valgmuligheder``; ``rækker`` has ``felter`` (build_answers.py);
- a computed value has either ``udtryk`` or ``tilfælde`` (build_guide.py).

What a schema cannot say, and only ``samtale check`` finds: whether a ``næste``, ``start``,
theme, condition, ``{reference}`` or note key names something that exists; the syntax of a
condition; ``fra`` below ``til`` and labels inside the scale; unique ids, keys and choice values;
that the id is the file name; reachability; and the rules of repeated sections. The schema also
reads the file as YAML 1.2, as editors do: ``yes``/``no`` are texts there, not true/false.

Building it needs no library; the tests check it with ``jsonschema``.
"""

from __future__ import annotations

import json
from typing import Any

from . import repeat as rp
from .model import ANSWER_TYPES, END, FIELD_TYPES, USES
from .schema import (
    ID_RE,
    KEY_RE,
    RESERVED,
    SPECS,
    STEP_ID_RE,
    TYPE_KEYS,
    MappingSpec,
    value_kind,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FILE_NAME = "samtale-guide.schema.json"  # next to the bundled guides, in dialogues/

SCALAR = ["string", "number", "boolean"]
NULL = {"type": "null"}


def _pattern(regex: Any) -> str:
    return f"^{regex.pattern}$"


def _ref(kind: str, *types: str) -> dict[str, Any]:
    """One mapping of a kind. The ``$defs`` give no type, so that the type said here (an object,
    or an object or nothing) is the one message when a value is of the wrong type, and the
    mapping's own rules apply to an object only."""
    ref: dict[str, Any] = {"type": list(types) if len(types) > 1 else types[0]} if types else {}
    ref["$ref"] = f"#/$defs/{kind}"
    return ref


def _id(regex: Any, numbers: bool, not_end: bool = False) -> dict[str, Any]:
    """An id as the loader reads it: a text matching the pattern, or (where the loader reads the
    id as text) a whole number 0 or above, whose digits match it too. One schema, not a choice
    of two, so that an editor says what is wrong rather than "matches none"."""
    schema: dict[str, Any] = {"type": ["string", "integer"] if numbers else "string"}
    schema["pattern"] = _pattern(regex)
    if numbers:
        schema["minimum"] = 0
    if not_end:
        schema["not"] = {"const": END}
    return schema


def _enum(words: Any, nullable: bool = True) -> dict[str, Any]:
    return {"enum": [*words, None] if nullable else list(words)}


def _sections() -> dict[str, Any]:
    """An item of a guide's ``afsnit``: a section, ``- forløb: navn``, or a flow written out
    (a stored snapshot has its flows written out like that)."""
    return {
        "type": "object",
        "if": {"required": ["forløb"]},
        "then": {"if": {"required": ["trin"]}, "then": _ref("flow"), "else": _ref("flow_ref")},
        "else": _ref("section"),
    }


SCALARS: dict[str, dict[str, Any]] = {
    # Reader.text: any scalar but true/false; nothing (null) is the default
    "text": {"type": ["string", "number", "null"]},
    # Reader.texts: one text, or a list whose items are scalars
    "texts": {"type": ["string", "null", "array"], "items": {"type": SCALAR}},
    "integer": {"type": ["integer", "null"]},
    "minutes": {"type": "integer", "minimum": 1},
    "flag": {"type": "boolean"},
    "condition": {"type": "string"},
    "guide_id": _id(ID_RE, numbers=True),
    "flow_id": _id(ID_RE, numbers=False),
    "section_id": _id(STEP_ID_RE, numbers=True),
    "step_id": _id(STEP_ID_RE, numbers=True, not_end=True),
    "answer_key": {
        "type": ["string", "null"],
        "pattern": _pattern(KEY_RE),
        "not": {"enum": sorted(RESERVED)},
    },
    "answer_type": _enum(ANSWER_TYPES, nullable=False),
    "use": _enum(USES),
    "field_type": _enum(FIELD_TYPES),
    "repeat": _enum(rp.REPEATS),
    "agreement_status": _enum(rp.AGREEMENT_STATUSES),
    "case_value": {"type": [*SCALAR, "null"]},
    "scale_labels": {
        "type": ["object", "null"],
        "propertyNames": {"pattern": "^[-+]?[0-9]+$"},
        "additionalProperties": {"type": SCALAR},
    },
    "next": {"type": ["string", "null", "array"], "items": _ref("branch", "object")},
    "choices": {
        "type": ["array", "null"],
        "items": _ref("choice", *SCALAR, "object"),
    },
    "sections": {"type": "array", "minItems": 1, "items": _sections()},
}


def value_schema(value: str) -> dict[str, Any]:
    """The JSON Schema of one kind of value in schema.yaml (``text``, ``step+``, ``note``, ...)."""
    name, least = value_kind(value)
    if least is not None:
        # at least one: an empty value is refused as an empty list is; else it is none
        listed: dict[str, Any] = {"type": "array" if least else ["array", "null"]}
        listed["items"] = _ref(name, "object")
        if least:
            listed["minItems"] = least
        return listed
    if name in SPECS:
        return _ref(name, "object", "null")
    return dict(SCALARS[name])


def mapping_schema(spec: MappingSpec) -> dict[str, Any]:
    properties = {
        key: {"description": item.about, **value_schema(item.value)}
        for key, item in spec.keys.items()
    }
    schema: dict[str, Any] = {
        "description": spec.about,
        "properties": properties,
        "additionalProperties": False,
    }
    if spec.required:
        schema["required"] = list(spec.required)
    return schema


def _answer_rules() -> list[dict[str, Any]]:
    """Per answer type: only the answer keys it takes (type_keys), and what it must have."""
    common = [k for k in SPECS["answer"].keys if k not in TYPE_KEYS]
    rules: list[dict[str, Any]] = []
    for kind in ANSWER_TYPES:
        own = [k for k, kinds in TYPE_KEYS.items() if kind in kinds]
        then: dict[str, Any] = {
            "properties": {k: True for k in common + own},
            "additionalProperties": False,
        }
        if kind in ("valg", "flervalg"):
            then["required"] = ["valgmuligheder"]
            then["properties"]["valgmuligheder"] = {"type": "array", "minItems": 2}
        elif kind == "rækker":
            then["required"] = ["felter"]
            then["properties"]["felter"] = {"type": "array"}
        elif kind == "skala":
            then["anyOf"] = [
                {
                    "required": ["valgmuligheder"],
                    "properties": {
                        "valgmuligheder": {"type": "array", "minItems": 1},
                        "fra": NULL,
                        "til": NULL,
                    },
                },
                {
                    "required": ["fra", "til"],
                    "properties": {
                        "fra": {"type": "integer"},
                        "til": {"type": "integer"},
                        "valgmuligheder": {"type": ["null", "array"], "maxItems": 0},
                    },
                },
            ]
        rules.append(
            {"if": {"properties": {"type": {"const": kind}}, "required": ["type"]}, "then": then}
        )
    return rules


def _step_rules() -> dict[str, Any]:
    return {
        "dependentRequired": {"mindst": ["temaer"]},
        "dependentSchemas": {"temaer": {"not": {"required": ["svar"]}}},
        "not": {
            "type": "object",
            "required": ["valgfri", "svar"],
            "properties": {
                "valgfri": {"const": True},
                "svar": {
                    "type": "object",
                    "required": ["påkrævet"],
                    "properties": {"påkrævet": {"const": True}},
                },
            },
        },
    }


def guide_schema() -> dict[str, Any]:
    """The whole schema: a guide file, or (with ``forløb`` at the top) a shared flow file."""
    defs = {kind: mapping_schema(spec) for kind, spec in SPECS.items()}
    defs["answer"]["allOf"] = _answer_rules()
    defs["step"].update(_step_rules())
    defs["computed"]["oneOf"] = [{"required": ["udtryk"]}, {"required": ["tilfælde"]}]
    return {
        "$schema": DRAFT,
        "title": "Samtaleguide til Samtale",
        "description": "En samtaleguide (eller et fælles forløb i flows/) til Samtale. "
        "Formatet er beskrevet i dialogues/README.md; 'samtale check' finder også de fejl, "
        "skemaet ikke kan se, fx et 'næste', der peger på et trin, som ikke findes.",
        "type": "object",
        "if": {"required": ["forløb"]},
        "then": _ref("flow", "object"),
        "else": _ref("guide", "object"),
        "$defs": defs,
    }


def schema_text() -> str:
    """The schema as the JSON text ``samtale schema`` prints and dialogues/ ships."""
    return json.dumps(guide_schema(), ensure_ascii=False, indent=2) + "\n"


__all__ = ["FILE_NAME", "guide_schema", "schema_text", "value_schema"]
