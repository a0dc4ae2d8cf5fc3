"""The small, safe condition language of guide files (never Python ``eval``).

Grammar (lowest precedence first)::

    expr    := or
    or      := and (("eller" | "or") and)*
    and     := not (("og" | "and") not)*
    not     := ("ikke" | "not") not | compare
    compare := sum (op sum)?     op: == != < <= > >= i / in, "ikke i" / "not in"
    sum     := term (("+" | "-") term)*
    term    := unary (("*" | "/") unary)*
    unary   := "-" unary | atom
    atom    := NUMBER | STRING | ja | nej | NAME | NAME "(" NAME ")" | "(" expr ")"

A name is an answer key. A missing answer is ``MISSING``: comparisons with it are false,
arithmetic with it stays missing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


class ExprError(Exception):
    """A condition that does not parse; ``offset`` is the 0-based column in the expression."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()

FUNCTIONS = {"besvaret", "antal"}
_KEYWORDS = {
    "og": "and",
    "and": "and",
    "eller": "or",
    "or": "or",
    "ikke": "not",
    "not": "not",
    "i": "in",
    "in": "in",
    "ja": "true",
    "true": "true",
    "sand": "true",
    "nej": "false",
    "false": "false",
    "falsk": "false",
}
_TOKEN = re.compile(
    r"""\s*(?:
      (?P<num>\d+(?:[.,]\d+)?)
    | (?P<str>"[^"]*"|'[^']*')
    | (?P<name>[^\W\d]\w*)
    | (?P<op>==|!=|<=|>=|<|>|\+|-|\*|/|\(|\))
    )""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Node:
    kind: str  # num, str, bool, name, call, not, neg, and, or, cmp, arith
    value: Any = None
    args: tuple[Node, ...] = ()
    offset: int = 0


def _tokenize(text: str) -> list[tuple[str, Any, int]]:
    tokens: list[tuple[str, Any, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            start = pos + (len(text[pos:]) - len(text[pos:].lstrip()))
            raise ExprError(f"uventet tegn '{text[start]}'", start)
        start = m.start(m.lastgroup or 0)
        kind = m.lastgroup or ""
        raw = m.group(kind)
        if kind == "num":
            number = float(raw.replace(",", "."))
            tokens.append(("num", int(number) if number.is_integer() else number, start))
        elif kind == "str":
            tokens.append(("str", raw[1:-1], start))
        elif kind == "name" and raw.lower() in _KEYWORDS:
            tokens.append(("kw", _KEYWORDS[raw.lower()], start))
        else:
            tokens.append((kind, raw, start))
        pos = m.end()
    tokens.append(("end", None, len(text)))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokenize(text)
        self.i = 0

    def peek(self) -> tuple[str, Any, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, Any, int]:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def accept(self, kind: str, value: Any = None) -> bool:
        k, v, _ = self.peek()
        if k == kind and (value is None or v == value):
            self.i += 1
            return True
        return False

    def parse(self) -> Node:
        node = self.or_()
        kind, value, offset = self.peek()
        if kind != "end":
            raise ExprError(f"uventet '{value}' efter et fuldt udtryk", offset)
        return node

    def or_(self) -> Node:
        node = self.and_()
        while self.peek()[:2] == ("kw", "or"):
            offset = self.take()[2]
            node = Node("or", None, (node, self.and_()), offset)
        return node

    def and_(self) -> Node:
        node = self.not_()
        while self.peek()[:2] == ("kw", "and"):
            offset = self.take()[2]
            node = Node("and", None, (node, self.not_()), offset)
        return node

    def not_(self) -> Node:
        if self.peek()[:2] == ("kw", "not"):
            offset = self.take()[2]
            return Node("not", None, (self.not_(),), offset)
        return self.compare()

    def compare(self) -> Node:
        left = self.sum()
        kind, value, offset = self.peek()
        if kind == "op" and value in ("==", "!=", "<", "<=", ">", ">="):
            self.take()
            return Node("cmp", value, (left, self.sum()), offset)
        if (kind, value) == ("kw", "in"):
            self.take()
            return Node("cmp", "in", (left, self.sum()), offset)
        if (kind, value) == ("kw", "not") and self.tokens[self.i + 1][:2] == ("kw", "in"):
            self.i += 2
            return Node("cmp", "not in", (left, self.sum()), offset)
        return left

    def sum(self) -> Node:
        node = self.term()
        while self.peek()[0] == "op" and self.peek()[1] in ("+", "-"):
            _, op, offset = self.take()
            node = Node("arith", op, (node, self.term()), offset)
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.peek()[0] == "op" and self.peek()[1] in ("*", "/"):
            _, op, offset = self.take()
            node = Node("arith", op, (node, self.unary()), offset)
        return node

    def unary(self) -> Node:
        if self.peek()[:2] == ("op", "-"):
            offset = self.take()[2]
            return Node("neg", None, (self.unary(),), offset)
        return self.atom()

    def atom(self) -> Node:
        kind, value, offset = self.take()
        if kind == "num":
            return Node("num", value, (), offset)
        if kind == "str":
            return Node("str", value, (), offset)
        if kind == "kw" and value in ("true", "false"):
            return Node("bool", value == "true", (), offset)
        if kind == "name":
            if self.accept("op", "("):
                if value not in FUNCTIONS:
                    names = ", ".join(sorted(FUNCTIONS))
                    raise ExprError(f"ukendt funktion '{value}' (kendte: {names})", offset)
                arg_kind, arg, arg_offset = self.take()
                if arg_kind != "name":
                    raise ExprError(f"{value}() skal have navnet på et svar", arg_offset)
                if not self.accept("op", ")"):
                    raise ExprError("mangler ')'", self.peek()[2])
                return Node("call", value, (Node("name", arg, (), arg_offset),), offset)
            return Node("name", value, (), offset)
        if (kind, value) == ("op", "("):
            node = self.or_()
            if not self.accept("op", ")"):
                raise ExprError("mangler ')'", self.peek()[2])
            return node
        if kind == "end":
            raise ExprError("udtrykket slutter for tidligt", offset)
        raise ExprError(f"uventet '{value}'", offset)


def parse(text: str) -> Node:
    """Parse a condition or expression; raises ExprError with a Danish message."""
    if not isinstance(text, str) or not text.strip():
        raise ExprError("udtrykket er tomt", 0)
    return _Parser(text).parse()


def names(node: Node) -> list[Node]:
    """Every answer name the expression reads, as nodes (for position-accurate errors)."""
    if node.kind == "name":
        return [node]
    found: list[Node] = []
    for arg in node.args:
        found.extend(names(arg))
    return found


def _compare(op: str, left: Any, right: Any) -> bool:
    if left is MISSING or right is MISSING:
        return op in ("!=", "not in") and not (op == "not in" and right is MISSING)
    try:
        if op == "==":
            return bool(left == right)
        if op == "!=":
            return bool(left != right)
        if op == "in":
            return left in right if isinstance(right, list | str) else False
        if op == "not in":
            return left not in right if isinstance(right, list | str) else True
        if op == "<":
            return bool(left < right)
        if op == "<=":
            return bool(left <= right)
        if op == ">":
            return bool(left > right)
        return bool(left >= right)
    except TypeError:
        return False


def evaluate(node: Node, values: Mapping[str, Any]) -> Any:
    """Evaluate against answers (key -> value). Never raises on data; missing stays MISSING."""
    kind = node.kind
    if kind in ("num", "str", "bool"):
        return node.value
    if kind == "name":
        value = values.get(node.value, MISSING)
        return MISSING if value is None else value
    if kind == "call":
        value = evaluate(node.args[0], values)
        if node.value == "besvaret":
            return value is not MISSING and value != "" and value != []
        return len(value) if isinstance(value, list) else (0 if value is MISSING else 1)
    if kind == "not":
        return not evaluate(node.args[0], values)
    if kind == "and":
        return bool(evaluate(node.args[0], values)) and bool(evaluate(node.args[1], values))
    if kind == "or":
        return bool(evaluate(node.args[0], values)) or bool(evaluate(node.args[1], values))
    if kind == "cmp":
        return _compare(node.value, evaluate(node.args[0], values), evaluate(node.args[1], values))
    if kind == "neg":
        value = evaluate(node.args[0], values)
        return -value if isinstance(value, int | float) and not isinstance(value, bool) else MISSING
    left, right = evaluate(node.args[0], values), evaluate(node.args[1], values)
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (left, right)):
        return MISSING
    if node.value == "+":
        return left + right
    if node.value == "-":
        return left - right
    if node.value == "*":
        return left * right
    return left / right if right else MISSING
