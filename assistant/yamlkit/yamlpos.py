"""YAML loading that remembers where every key and value stood, for `file:line:col` messages."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

import yaml


class Pos(NamedTuple):
    """1-based line and column in a file; ``quoted`` tells that the scalar starts with a quote.

    A named tuple rather than a dataclass: a long guide has a few hundred thousand of them."""

    line: int = 0
    col: int = 0
    quoted: bool = False


NOWHERE = Pos()


class PosDict(dict):
    """A mapping that knows its own position and that of each key and value."""

    pos: Pos = NOWHERE

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_pos: dict[Any, Pos] = {}
        self.val_pos: dict[Any, Pos] = {}


class PosList(list):
    """A sequence that knows its own position and that of each item."""

    pos: Pos = NOWHERE

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.item_pos: list[Pos] = []


_SCALAR = yaml.ScalarNode
_QUOTES = ("'", '"')
_new_pos = tuple.__new__  # Pos(...) without the keyword handling: called for every node


def _pos(node: yaml.Node) -> Pos:
    mark = node.start_mark
    quoted = type(node) is _SCALAR and node.style in _QUOTES
    return _new_pos(Pos, (mark.line + 1, mark.column + 1, quoted))


class KeyProblem(Exception):
    """A mapping key that cannot be used; ``message`` is Danish."""

    def __init__(self, message: str, pos: Pos) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos


class PosLoader(yaml.SafeLoader):
    """SafeLoader that builds PosDict/PosList and refuses duplicate keys and aliases."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        # An alias (``*name``) repeats a node without copying it, so a few short lines can stand
        # for billions of values ("billion laughs") that hang the checker once the guide is
        # written out. Guides have no use for them; refuse them where they stand.
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise KeyProblem(
                "henvisninger med * (YAML-alias) kan ikke bruges i guider og personaer; "
                "skriv teksten ud, hvor den skal stå",
                Pos(mark.line + 1, mark.column + 1),
            )
        return super().compose_node(parent, index)

    def construct_pos_mapping(self, node: yaml.MappingNode) -> PosDict:
        self.flatten_mapping(node)
        result = PosDict()
        result.pos = _pos(node)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise KeyProblem(
                    "en nøgle skal være et ord, ikke en liste eller samling", _pos(key_node)
                )
            key = self.construct_object(key_node, deep=True)
            if key in result:
                raise KeyProblem(
                    f"nøglen '{key}' står der to gange i samme samling", _pos(key_node)
                )
            result[key] = self.construct_object(value_node, deep=True)
            result.key_pos[key] = _pos(key_node)
            result.val_pos[key] = _pos(value_node)
        return result

    def construct_pos_sequence(self, node: yaml.SequenceNode) -> PosList:
        result = PosList(self.construct_object(child, deep=True) for child in node.value)
        result.pos = _pos(node)
        result.item_pos = [_pos(child) for child in node.value]
        return result


PosLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, PosLoader.construct_pos_mapping
)
PosLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, PosLoader.construct_pos_sequence
)


CPosLoader: type | None = None
if hasattr(yaml, "CSafeLoader"):  # libyaml is there: the same loader with the C parser

    class _CPosLoader(yaml.CSafeLoader):
        construct_pos_mapping = PosLoader.construct_pos_mapping
        construct_pos_sequence = PosLoader.construct_pos_sequence

    _CPosLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _CPosLoader.construct_pos_mapping
    )
    _CPosLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _CPosLoader.construct_pos_sequence
    )
    CPosLoader = _CPosLoader


def load(text: str) -> Any:
    """Parse YAML text with positions. Raises yaml.YAMLError or KeyProblem.

    libyaml's C parser, where installed, reads a guide about eight times faster. Text that it
    refuses is read again by the Python parser, so every message is the one `samtale check`
    always gave, and text with anchors or aliases (``&``, ``*``) goes straight to the Python
    parser, which refuses aliases where they stand.
    """
    if CPosLoader is not None and "&" not in text and "*" not in text:
        try:
            return yaml.load(text, Loader=CPosLoader)  # noqa: S506 - derives from CSafeLoader
        except yaml.YAMLError:
            pass
    return yaml.load(text, Loader=PosLoader)  # noqa: S506 - PosLoader derives from SafeLoader


def key_pos(node: Any, key: Any) -> Pos:
    return getattr(node, "key_pos", {}).get(key, getattr(node, "pos", NOWHERE))


def val_pos(node: Any, key: Any) -> Pos:
    return getattr(node, "val_pos", {}).get(key, key_pos(node, key))


def item_pos(node: Any, index: int) -> Pos:
    items = getattr(node, "item_pos", [])
    return items[index] if index < len(items) else getattr(node, "pos", NOWHERE)


def node_pos(node: Any) -> Pos:
    return getattr(node, "pos", NOWHERE)


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a guide is read and built. A long guide makes a few
    million objects and no cycles to free; the collector would walk them all again and again
    (it was half the time of reading a 50,000-step guide)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
