"""`samtale aftaler --ics FIL`: the still open agreements and the notes' follow-up dates as an
iCalendar file that a calendar program imports, made with the ``icalendar`` package.

One all-day event on the due date of each agreement (undated ones are left out and counted),
and one "Opfølgning: <guide>" on the follow-up date of each note the listed agreements come
from. The file holds personal data: it is written as an exported note is (0600, never through
a link, never over a file without asking), and the export has a line in the audit trail."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .aftaler_text import counted, one_line
from .common import audit

if TYPE_CHECKING:
    from ..notes.agreements import Agreement, AgreementFilter
    from ..notes.interface import NoteStore

PRODID = "-//Samtale//Aftaler og opfølgning//DA"


def write_calendar(args: argparse.Namespace, store: NoteStore, where: AgreementFilter) -> int:
    from ..notes.agreements import STILL_OPEN

    if args.status is not None and args.status not in STILL_OPEN:
        raise_usage(
            "Kalenderfilen har kun de aftaler, der stadig er åbne eller i gang: "
            f"--status {args.status} kan ikke bruges sammen med --ics."
        )
    listed = store.agreements(replace(where, status=None) if args.status is None else where)
    still_open = [a for a in listed if a.status in STILL_OPEN]
    dated = [a for a in still_open if a.due]
    followups = note_followups(listed if not args.forfaldne else still_open)
    path = Path(args.ics)
    text = calendar_text(dated, followups)
    if not write_file(path, text, args.overskriv):
        print("Intet er skrevet.")
        return 0
    summary = f"{counted(len(dated), 'aftale', 'aftaler')} og "
    summary += counted(len(followups), "opfølgning", "opfølgninger")
    audit(args, "exported", None, f"aftaler som kalenderfil ({summary})")
    line = f"Kalenderen er skrevet til {path}: {summary}."
    undated = len(still_open) - len(dated)
    if undated:
        line += f" {counted(undated, 'åben aftale', 'åbne aftaler')} uden dato er ikke med."
    print(line)
    return 0


def raise_usage(message: str) -> None:
    from .common import UsageError

    raise UsageError(message)


def note_followups(agreements: list[Agreement]) -> list[Agreement]:
    """One agreement for each note with a follow-up date (not an abandoned note): it carries
    the note's id, guide, resident and date."""
    seen: dict[str, Agreement] = {}
    for a in agreements:
        if a.followup and a.note_status != "abandoned" and a.session_id not in seen:
            seen[a.session_id] = a
    return sorted(seen.values(), key=lambda a: (a.followup or "", a.session_id))


def calendar_text(dated: list[Agreement], followups: list[Agreement]) -> str:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Samtale: aftaler og opfølgning")
    stamp = datetime.now(UTC).replace(microsecond=0)
    for a in dated:
        assert a.due is not None
        lines = [f"Ansvarlig: {one_line(a.who) or 'ingen'}", f"Status: {status_label(a.status)}"]
        calendar.add_component(
            all_day(Event(), f"{a.id}@samtale", a.due, one_line(a.what), a, lines, stamp)
        )
    for a in followups:
        assert a.followup is not None
        title = f"Opfølgning: {one_line(a.guide_title)}"
        uid = f"opfoelgning-{a.session_id}@samtale"
        lines = [f"Opfølgning på samtalen {danish_day(a.started_at)}"]
        calendar.add_component(all_day(Event(), uid, a.followup, title, a, lines, stamp))
    return calendar.to_ical().decode("utf-8")


def all_day(
    event: Any,
    uid: str,
    day: str,
    summary: str,
    a: Agreement,
    lines: list[str],
    stamp: datetime,
) -> Any:
    """An all-day event (DTEND the next day, as calendar programs expect)."""
    start = date.fromisoformat(day[:10])
    lines += [f"Borger: {one_line(a.borger) or '(uden borger)'}"]
    lines += [f"Note: {a.session_id} ({one_line(a.guide_title)})"]
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(days=1))
    event.add("summary", summary or "(aftale uden tekst)")
    event.add("description", "\n".join(lines))
    event.add("transp", "TRANSPARENT")  # a reminder, not a busy day
    return event


def status_label(status: str) -> str:
    from ..notes.agreements import STATUS_LABELS

    return STATUS_LABELS[status]


def danish_day(iso: str) -> str:
    from ..dialogue.answers import danish_date

    return danish_date(iso[:10])


def write_file(path: Path, text: str, overwrite: bool) -> bool:
    """Write the calendar file (0600, never through a link); at a terminal, ask before
    overwriting a file, and without one refuse. False if the user said no."""
    from ..notes.files import ExportError, FileExists, write_private
    from .notes_write import ask_yes

    if str(path) == "-":
        raise ExportError("'-' er ikke et filnavn. Skriv et filnavn efter --ics.")
    try:
        write_private(path, text, overwrite=overwrite)
        return True
    except FileExists as e:
        if not sys.stdin.isatty():
            raise ExportError(
                f"{e} Den overskrives ikke uden at spørge: vælg et andet filnavn, eller "
                "tilføj --overskriv for at erstatte den."
            ) from None
    if not ask_yes("Filen findes. Overskriv?"):
        return False
    write_private(path, text, overwrite=True)
    return True
