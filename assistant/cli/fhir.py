"""FHIR export from the command line: ``notes export ID --format fhir`` (the note's guide as a
Questionnaire and the note as a QuestionnaireResponse, in one Bundle) and ``guides export
GUIDE --format fhir`` (the Questionnaire alone).

fhir.resources is the optional extra ``samtale[fhir]``; without it both commands say how to
install it before anything else is done."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from .common import UsageError, find_guide, open_session
from .notes_write import export_file

if TYPE_CHECKING:
    from ..notes.model import Note

SUFFIX = ".fhir.json"


def note_fhir(args: argparse.Namespace) -> tuple[Note, str]:
    """The note ``args.id`` and its FHIR Bundle as JSON text, made against the guide version
    it was written with (the session's snapshot)."""
    from ..notes.fhir.check import fhir_json, require_fhir
    from ..notes.fhir.response import bundle

    require_fhir()
    session = open_session(args)
    try:
        if session.record.mode == "practice":
            raise UsageError(
                f"Noten {session.id} er fra en øvelse og hører ikke hjemme i en journal, så den "
                "eksporteres ikke som FHIR. Brug --format md eller json."
            )
        note = session.note()
        return note, fhir_json(bundle(note, session.template, session.guide))
    finally:
        session.close()


def cmd_guides_export(args: argparse.Namespace) -> int:
    """``samtale guides export GUIDE --format fhir [-o FILE]``: the guide as a Questionnaire."""
    from ..notes.fhir.check import fhir_json, require_fhir
    from ..notes.fhir.questionnaire import questionnaire

    require_fhir()
    guide = find_guide(args.guide)
    path = Path(args.output or f"samtale-guide-{guide.id}{SUFFIX}")
    if not export_file(path, fhir_json(questionnaire(guide)), args.overskriv, "Spørgeskemaet"):
        print("Intet er eksporteret.")
        return 0
    print(f"Guiden {guide.title} er eksporteret som FHIR-spørgeskema til {path}")
    return 0
