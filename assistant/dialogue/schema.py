"""The guide schema: the key lists of ``schema.yaml`` (each key's kind of value and Danish
description with it), read and checked once at import, and the patterns that ids, answer keys
and ``{references}`` in texts must follow. ``jsonschema`` makes a JSON Schema of the same."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import expr as ex
from .model import ANSWER_TYPES, END

ID_RE = re.compile(r"[a-z0-9][a-z0-9_-]*")  # guide and flow ids: file names
STEP_ID_RE = re.compile(r"[a-z0-9][a-z0-9_]*")  # step and section ids
KEY_RE = re.compile(r"[a-zæøå_][a-zæøå0-9_]*")
REF_RE = re.compile(r"(?<!\{)\{([^{}\s]+)\}(?!\})")

SCHEMA_FILE = Path(__file__).with_name("schema.yaml")


class SchemaError(Exception):
    """schema.yaml is broken: a mistake in the program, not in a guide."""


def _names(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise SchemaError(f"{SCHEMA_FILE}: {where} skal være en liste af navne, ikke {value!r}")
    if len(set(value)) != len(value):
        raise SchemaError(f"{SCHEMA_FILE}: {where} nævner et navn to gange")
    return tuple(value)


# The kinds of value a key can take (schema.yaml's header says what each means)
VALUE_WORDS = (
    "text",
    "texts",
    "integer",
    "minutes",
    "flag",
    "condition",
    "guide_id",
    "flow_id",
    "section_id",
    "step_id",
    "answer_key",
    "answer_type",
    "use",
    "field_type",
    "repeat",
    "agreement_status",
    "case_value",
    "scale_labels",
    "next",
    "choices",
    "sections",
)


@dataclass(frozen=True)
class KeySpec:
    """One key of a mapping: what kind of value it takes and what it is for (Danish)."""

    value: str
    about: str


@dataclass(frozen=True)
class MappingSpec:
    about: str
    keys: dict[str, KeySpec]
    required: tuple[str, ...]


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SchemaError(f"{SCHEMA_FILE}: {where} skal være en tekst, ikke {value!r}")
    return value


def _mapping(kind: str, spec: Any) -> MappingSpec:
    if not isinstance(spec, dict) or set(spec) != {"about", "keys", "required"}:
        raise SchemaError(f"{SCHEMA_FILE}: mappings.{kind} skal have about, keys og required")
    if not isinstance(spec["keys"], dict) or not spec["keys"]:
        raise SchemaError(f"{SCHEMA_FILE}: mappings.{kind}.keys skal være nøgle: {{value, about}}")
    keys: dict[str, KeySpec] = {}
    for key, item in spec["keys"].items():
        where = f"mappings.{kind}.keys.{key}"
        if not isinstance(item, dict) or set(item) != {"value", "about"}:
            raise SchemaError(f"{SCHEMA_FILE}: {where} skal have value og about")
        keys[key] = KeySpec(_text(item["value"], f"{where}.value"), _text(item["about"], where))
    required = _names(spec["required"] or [], f"mappings.{kind}.required")
    if not set(required) <= set(keys):
        raise SchemaError(f"{SCHEMA_FILE}: mappings.{kind}.required skal være nogle af dens keys")
    return MappingSpec(_text(spec["about"], f"mappings.{kind}.about"), keys, required)


def value_kind(value: str) -> tuple[str, int | None]:
    """A key's value as (kind, least items): ``step+`` is (step, 1), ``computed*`` (computed, 0),
    one mapping or scalar (name, None)."""
    if value.endswith(("+", "*")):
        return value[:-1], 1 if value.endswith("+") else 0
    return value, None


def _load(path: Path) -> tuple[dict[str, MappingSpec], Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != {"mappings", "type_keys", "reserved"}:
        raise SchemaError(f"{path}: skal have præcis mappings, type_keys og reserved")
    specs = {kind: _mapping(kind, spec) for kind, spec in (data["mappings"] or {}).items()}
    for kind, spec in specs.items():
        for key, item in spec.keys.items():
            name, least = value_kind(item.value)
            if name not in specs and (least is not None or name not in VALUE_WORDS):
                raise SchemaError(f"{path}: mappings.{kind}.keys.{key}: ukendt value {item.value}")
    return specs, data["type_keys"], data["reserved"]


def _type_keys(value: Any, answer_keys: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise SchemaError(f"{SCHEMA_FILE}: type_keys skal være nøgle: [svartyper]")
    result: dict[str, tuple[str, ...]] = {}
    for key, kinds in value.items():
        kinds = _names(kinds, f"type_keys.{key}")
        if key not in answer_keys or not set(kinds) <= set(ANSWER_TYPES):
            raise SchemaError(f"{SCHEMA_FILE}: type_keys.{key} skal være en svarnøgle og svartyper")
        result[key] = kinds
    return result


# every kind of mapping the loader reads, each with its key lists in schema.yaml
KINDS = (
    "guide",
    "checklist",
    "section",
    "flow_ref",
    "flow",
    "step",
    "branch",
    "answer",
    "choice",
    "field",
    "computed",
    "case",
    "note",
    "note_section",
)

SPECS, _raw_type_keys, _raw_reserved = _load(SCHEMA_FILE)
if set(SPECS) != set(KINDS):
    raise SchemaError(f"{SCHEMA_FILE}: mappings skal være præcis {', '.join(KINDS)}")

# each kind's (allowed keys, required keys): what the builders check every mapping against
MAPPINGS = {kind: (tuple(spec.keys), spec.required) for kind, spec in SPECS.items()}
TOP_KEYS, TOP_REQUIRED = MAPPINGS["guide"]
SECTION_KEYS = MAPPINGS["section"][0]
FLOW_KEYS = MAPPINGS["flow"][0]
STEP_KEYS = MAPPINGS["step"][0]
ANSWER_KEYS = MAPPINGS["answer"][0]
TYPE_KEYS = _type_keys(_raw_type_keys, ANSWER_KEYS)
RESERVED = set(_names(_raw_reserved, "reserved")) | {END} | ex.FUNCTIONS
