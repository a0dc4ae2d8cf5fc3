"""PyYAML's syntax errors in Danish: what a trainer did wrong and how to fix it, with PyYAML's
own words after it for reference. A message not known here is shown as PyYAML gives it."""

from __future__ import annotations

import re


def one_line(text: str | None) -> str:
    return " ".join(str(text or "").split())


YAML_MESSAGES = [
    (
        "mapping values are not allowed here",
        "et kolon efterfulgt af mellemrum må ikke stå her; sæt teksten i anførselstegn",
    ),
    (
        "found character '\\t' that cannot start any token",
        "tabulatortegn er ikke tilladt; ryk ind med mellemrum",
    ),
    (
        "expected ',' or ']'",
        "listen i [ ] er ikke afsluttet rigtigt; sæt tekst med komma, kolon eller ? i anførselstegn",
    ),
    (
        "expected ',' or '}'",
        "samlingen i { } er ikke afsluttet rigtigt; sæt tekst med komma eller kolon i anførselstegn",
    ),
    ("expected <block end>", "indrykningen passer ikke med linjerne over"),
    ("could not find expected ':'", "der mangler et kolon efter en nøgle (nøgle: værdi)"),
    (
        "found unexpected end of stream",
        "filen slutter, før et anførselstegn eller en liste er lukket",
    ),
    ("found undefined alias", "et '*' i starten af en tekst skal stå i anførselstegn"),
    (
        "found character that cannot start any token",
        "et tegn som @ eller ` i starten af en tekst skal stå i anførselstegn",
    ),
    ("did not find expected key", "indrykningen passer ikke, eller en tekst mangler anførselstegn"),
    ("did not find expected '-' indicator", "et punkt i en liste skal starte med '- '"),
    (
        "expected the node content, but found '<stream end>'",
        "filen slutter, før en liste i [ ] eller en samling i { } er lukket",
    ),
    (
        "expected the node content",
        "her mangler en værdi; sæt en tekst, der starter med ], } eller komma, i anførselstegn",
    ),
    (
        "could not determine a constructor for the tag",
        "en tekst, der starter med !, skal stå i anførselstegn",
    ),
    (
        "found unknown escape character",
        "en \\ i en tekst i dobbelte anførselstegn skal skrives \\\\, eller brug enkelte "
        "anførselstegn",
    ),
    (
        "but found another document",
        "filen må kun indeholde én guide eller persona; fjern linjen med ---",
    ),
]


def yaml_message(problem: str | None) -> str:
    """PyYAML's problem in Danish where we know it, with the original for reference."""
    text = one_line(problem)
    # "found character '@' that cannot start any token": any character but a tab, as one
    generic = re.sub(r"^found character '[^']*' that", "found character that", text)
    for english, danish in YAML_MESSAGES:
        if text.startswith(english) or generic.startswith(english):
            return f"{danish} ({text})"
    return text
