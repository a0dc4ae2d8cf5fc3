import pytest

from assistant.dialogue.expr import MISSING, ExprError, evaluate, names, parse

VALUES = {"trivsel": "roed", "a": 1, "b": 2, "emner": ["mad", "musik"], "ja_svar": True}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('trivsel == "roed"', True),
        ("trivsel != 'roed'", False),
        ("a + b * 2 == 5", True),
        ("(a + b) * 2 == 6", True),
        ("a < b og b <= 2", True),
        ("a > b eller ikke a > b", True),
        ('"mad" i emner', True),
        ('"sport" ikke i emner', True),
        ('"sport" not in emner and a == 1', True),
        ("ja_svar == ja", True),
        ("besvaret(a) og ikke besvaret(ukendt)", True),
        ("antal(emner) == 2", True),
        ("ukendt == 1", False),
        ("ukendt != 1", True),
        ("a + ukendt > 0", False),
        ("-a == -1", True),
        ("2,5 > 2", True),
    ],
)
def test_evaluates(text, expected):
    assert evaluate(parse(text), VALUES) is expected


def test_missing_arithmetic_stays_missing():
    assert evaluate(parse("a + ukendt"), VALUES) is MISSING
    assert evaluate(parse("a / 0"), VALUES) is MISSING


@pytest.mark.parametrize(
    ("text", "offset", "words"),
    [
        ("a ==", 4, "slutter"),
        ("(a == 1", 7, "')'"),
        ("a == 1 b", 7, "uventet"),
        ("a === 1", 4, "uventet tegn"),
        ("eval(a)", 0, "ukendt funktion"),
        ("a == 1 ; import os", 7, "uventet tegn"),
        ("", 0, "tomt"),
    ],
)
def test_errors_point_at_the_place(text, offset, words):
    with pytest.raises(ExprError) as info:
        parse(text)
    assert info.value.offset == offset
    assert words in info.value.message


def test_names_are_reported_with_offsets():
    found = names(parse('x == 1 og "a" i liste'))
    assert [(n.value, n.offset) for n in found] == [("x", 0), ("liste", 16)]
