"""The guide schema: the key lists of ``schema.yaml``, read and checked once at import, and the
patterns that ids, answer keys and ``{references}`` in texts must follow."""

from __future__ import annotations

import re
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


def _load(path: Path) -> tuple[dict[str, tuple[tuple[str, ...], tuple[str, ...]]], Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != {"mappings", "type_keys", "reserved"}:
        raise SchemaError(f"{path}: skal have præcis mappings, type_keys og reserved")
    mappings: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for kind, spec in (data["mappings"] or {}).items():
        if not isinstance(spec, dict) or set(spec) != {"keys", "required"}:
            raise SchemaError(f"{path}: mappings.{kind} skal have keys og required")
        allowed = _names(spec["keys"], f"mappings.{kind}.keys")
        required = _names(spec["required"] or [], f"mappings.{kind}.required")
        if not set(required) <= set(allowed):
            raise SchemaError(f"{path}: mappings.{kind}.required skal være nogle af dens keys")
        mappings[kind] = (allowed, required)
    return mappings, data["type_keys"], data["reserved"]


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

MAPPINGS, _raw_type_keys, _raw_reserved = _load(SCHEMA_FILE)
if set(MAPPINGS) != set(KINDS):
    raise SchemaError(f"{SCHEMA_FILE}: mappings skal være præcis {', '.join(KINDS)}")

TOP_KEYS, TOP_REQUIRED = MAPPINGS["guide"]
SECTION_KEYS = MAPPINGS["section"][0]
FLOW_KEYS = MAPPINGS["flow"][0]
STEP_KEYS = MAPPINGS["step"][0]
ANSWER_KEYS = MAPPINGS["answer"][0]
TYPE_KEYS = _type_keys(_raw_type_keys, ANSWER_KEYS)
RESERVED = set(_names(_raw_reserved, "reserved")) | {END} | ex.FUNCTIONS
