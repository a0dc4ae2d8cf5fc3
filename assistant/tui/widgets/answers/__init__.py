"""One input widget per answer type; each posts ``AnswerField.Submitted`` with a raw value.

The raw value is what ``Session.answer`` and ``Session.correct`` accept: text, a choice value,
a list of values, a bool, or a list of row dicts. Nothing chosen is ``""`` so that the session
layer gives its usual Danish message.
"""

from __future__ import annotations

from typing import Any

from ....dialogue.answers import danish_date, input_hint
from ....dialogue.model import AnswerSpec
from .buttons import ButtonRowField, ScaleField, YesNoField
from .choice import ChoiceField, MultiChoiceField
from .field import MAX_SCALE_BUTTONS, NOTHING_CHOSEN, OTHER_PREFIX, AnswerField
from .text import LineField, RowsField, TextField


def answer_field(spec: AnswerSpec, value: Any = None) -> AnswerField:
    """The input that fits the answer type, prefilled with ``value`` (a stored value)."""
    kind = spec.type
    if kind == "tekst":
        return TextField(None if value is None else str(value))
    if kind == "valg" or (kind == "skala" and not spec.numeric_scale):
        return ChoiceField(spec.choices, value)
    if kind == "flervalg":
        return MultiChoiceField(spec, value)
    if kind == "skala":
        assert spec.scale_min is not None and spec.scale_max is not None
        if spec.scale_max - spec.scale_min + 1 <= MAX_SCALE_BUTTONS and spec.scale_min >= 0:
            return ScaleField(spec, value)
        return LineField(
            "" if value is None else str(value),
            f"Et tal fra {spec.scale_min} til {spec.scale_max}",
            input_hint(spec),
        )
    if kind == "ja_nej":
        return YesNoField(value)
    if kind == "dato":
        return LineField(
            danish_date(value) if value else "",
            "fx 24-12-2026, i morgen eller om 2 uger",
            input_hint(spec),
        )
    if kind == "rækker":
        return RowsField(spec, value)
    return LineField("" if value is None else str(value), hint=input_hint(spec))


__all__ = [
    "MAX_SCALE_BUTTONS",
    "NOTHING_CHOSEN",
    "OTHER_PREFIX",
    "AnswerField",
    "ButtonRowField",
    "ChoiceField",
    "LineField",
    "MultiChoiceField",
    "RowsField",
    "ScaleField",
    "TextField",
    "YesNoField",
    "answer_field",
]
