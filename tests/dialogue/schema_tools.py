"""What the schema tests share: a guide file's raw data as the loader reads it and as the JSON
Schema sees it, the loader's verdict on raw data, and every mapping in a guide with its kind."""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from assistant.dialogue.flows import inline_flows
from assistant.dialogue.json_schema import guide_schema
from assistant.dialogue.loader import build
from assistant.dialogue.schema import SPECS, value_kind
from assistant.yamlkit import Problem, canonical, read_raw

from ..conftest import DIALOGUES

GUIDE_FILES = sorted(DIALOGUES.glob("*.yaml"))
FLOW_FILES = sorted((DIALOGUES / "flows").glob("*.yaml"))


@functools.cache
def validator() -> Draft202012Validator:
    schema = guide_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def as_json(raw: Any) -> Any:
    """The data as an editor's JSON Schema sees it: keys as texts, dates as texts."""
    return json.loads(canonical(raw))


def schema_errors(raw: Any) -> list[str]:
    return [
        f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}"
        for e in validator().iter_errors(as_json(raw))
    ]


@functools.cache
def _raw(path: Path) -> Any:
    problems: list[Problem] = []
    raw = read_raw(path, problems)
    assert not problems, problems
    return raw


def raw_guide(path: Path) -> Any:
    """A fresh copy of the file's positioned YAML data, its flows not yet put in place."""
    return copy.deepcopy(_raw(path))


def loader_problems(raw: Any, path: Path) -> list[str]:
    """What `samtale check` says about the guide file ``path`` if it held ``raw``."""
    data = copy.deepcopy(raw)
    problems: list[Problem] = []
    if isinstance(data, dict):
        inline_flows(data, path, problems)
    build(data, path, problems)
    return [str(p) for p in sorted(set(problems))]


def mappings(node: Any, kind: str = "guide") -> Iterator[tuple[str, dict]]:
    """Every mapping in a guide file's data with its kind in schema.yaml, the guide first."""
    if not isinstance(node, dict):
        return
    yield kind, node
    for key, value in node.items():
        spec = SPECS[kind].keys.get(key)
        if spec is None:
            continue
        name, least = value_kind(spec.value)
        if least is not None or name in ("sections", "next", "choices"):
            for item in value if isinstance(value, list) else []:
                if name == "sections" and isinstance(item, dict) and "forløb" in item:
                    yield from mappings(item, "flow" if "trin" in item else "flow_ref")
                elif name == "sections":
                    yield from mappings(item, "section")
                else:
                    inner = {"next": "branch", "choices": "choice"}.get(name, name)
                    yield from mappings(item, inner)
        elif name in SPECS:
            yield from mappings(value, name)
