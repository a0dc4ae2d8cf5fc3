"""CPR masking: what must be masked, what must be left alone."""

from __future__ import annotations

import pytest

from assistant.notes.cpr import MASK, mask_cpr, mask_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0101901234", MASK),
        ("010190-1234", MASK),
        ("010190 1234", MASK),
        ("010190\u20131234", MASK),  # en dash from a word processor
        ("010190\u00a01234", MASK),  # no-break space
        ("cpr:0101901234", f"cpr:{MASK}"),
        ("abc0101901234def", f"abc{MASK}def"),
        ("CPR-nr. 311299-4321.", f"CPR-nr. {MASK}."),
        ("(290200-1234)", f"({MASK})"),  # 29 February: the century is unknown
        ("3112991234", MASK),
        ("3004501234", MASK),  # 30 April
        ("Født 010190-1234, bor på stue 4", f"Født {MASK}, bor på stue 4"),
        ("tlf 12345678 cpr 0101901234", f"tlf 12345678 cpr {MASK}"),
        ("010190-1234-5", f"{MASK}-5"),
        ("x\n0101901234\n", f"x\n{MASK}\n"),
        ("010190  1234", MASK),  # two spaces: masking too much is better than too little
        ("010190--1234", MASK),  # two dashes
        # A dash with more than one space on each side (typed clumsily, or a tab): let through.
        ("010190  -  1234", MASK),
        ("01 01 90   -   1234", MASK),
        ("010190\t\t-\t1234", MASK),
        ("01.01.90 \u2013  1234", MASK),
    ],
)
def test_masks_cpr_forms(text: str, expected: str) -> None:
    masked, count = mask_cpr(text)
    assert masked == expected
    assert count == 1


@pytest.mark.parametrize(
    "text",
    [
        "24-12-2026",
        "24.12.26",
        "2026-12-24",
        "24/12/2026",
        "12345678",
        "12 34 56 78",
        "+45 12345678",
        "+4512345678",
        "0045 12345678",
        "14:30",
        "kl. 14:30-15:00",
        "9999991234",  # day 99
        "3213901234",  # day 32
        "0001901234",  # day 00
        "0100901234",  # month 00
        "0113901234",  # month 13
        "3002901234",  # 30 February
        "3104901234",  # 31 April
        "01019012345",  # 11 digits
        "10101901234",  # preceded by a digit
        "010190123",  # only 9 digits
        "010190_1234",  # not a separator
        "20261224 1430",
        "",
    ],
)
def test_leaves_non_cpr_alone(text: str) -> None:
    assert mask_cpr(text) == (text, 0)


def test_counts_and_replaces_several() -> None:
    text = "Borger 010190-1234 og 020290 4321, tlf. 12 34 56 78, dato 24-12-2026"
    masked, count = mask_cpr(text)
    assert count == 2
    assert masked == f"Borger {MASK} og {MASK}, tlf. 12 34 56 78, dato 24-12-2026"


def test_adjacent_numbers_are_each_masked() -> None:
    masked, count = mask_cpr("0101901234 0202901234")
    assert (masked, count) == (f"{MASK} {MASK}", 2)


def test_mask_in_nested() -> None:
    data = {
        "value": "cpr 0101901234",
        "items": [
            {"what": "Ring til 010190-1234", "who": "Anna"},
            {"what": "Ingenting", "who": "Bo"},
        ],
        "tags": ["020290 4321", "24-12-2026"],
        "n": 5,
        "flag": True,
        "none": None,
        "0101901234": "keys are identifiers",
    }
    new, count = mask_in(data)
    assert count == 3
    assert new["value"] == f"cpr {MASK}"
    assert new["items"][0] == {"what": f"Ring til {MASK}", "who": "Anna"}
    assert new["items"][1] == {"what": "Ingenting", "who": "Bo"}
    assert new["tags"] == [MASK, "24-12-2026"]
    assert (new["n"], new["flag"], new["none"]) == (5, True, None)
    # The input is not changed.
    assert data["value"] == "cpr 0101901234"
    assert data["items"][0]["what"] == "Ring til 010190-1234"


@pytest.mark.parametrize(("data", "expected"), [("0101901234", MASK), (7, 7), (None, None)])
def test_mask_in_scalars(data: object, expected: object) -> None:
    assert mask_in(data)[0] == expected
