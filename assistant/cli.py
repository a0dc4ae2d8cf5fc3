"""Command line: argument parsing and dispatch. Imports Textual only to show the TUI."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from .dialogue.loader import Problem
    from .notes.model import Note
    from .notes.store import Store
    from .session import Session

EXIT_PROBLEMS = 1
EXIT_USAGE = 2

_ARGPARSE_DA = [
    (r"the following arguments are required: (.*)", r"mangler: \1"),
    (r"unrecognized arguments: (.*)", r"ukendte argumenter: \1"),
    (
        r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)",
        r"\1: \2 kan ikke bruges (vælg \3)",
    ),
    (r"argument (\S+): expected one argument", r"\1 skal have en værdi"),
    (r"argument (\S+): not allowed with argument (\S+)", r"\1 kan ikke bruges sammen med \2"),
    (r"argument (\S+): (.*)", r"\1: \2"),
]


class UsageError(Exception):
    """A command that cannot be carried out: one Danish sentence, exit code 2."""


_HEADINGS_DA = {"positional arguments": "argumenter", "options": "tilvalg"}


class DanishFormatter(argparse.HelpFormatter):
    """Help in Danish: the usage prefix and the section headings."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Brug: " if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        super().start_section(_HEADINGS_DA.get(heading or "", heading))


class DanishParser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.update(add_help=False, formatter_class=DanishFormatter)
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="vis denne hjælp")

    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _ARGPARSE_DA:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, replacement, message)
                break
        self.print_usage(sys.stderr)
        print(f"samtale: fejl: {message}. Se '{self.prog} --help'.", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = DanishParser(
        prog="samtale",
        description="Samtale: samtaleguides til ældreplejen i terminalen. Uden kommando åbnes "
        "programmet på startskærmen.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="MAPPE",
        help="hvor noterne gemmes (ellers $SAMTALE_DATA_DIR eller brugerens datamappe)",
    )
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=DanishParser)

    guides = commands.add_parser("guides", help="vis de indbyggede samtaleguides")
    guides.add_argument("--json", action="store_true", help="udskriv som JSON")

    start = commands.add_parser("start", help="start en samtale med en guide")
    start.add_argument(
        "guide", metavar="GUIDE", help="guidens id (se 'samtale guides') eller en fil"
    )
    start.add_argument(
        "--borger",
        metavar="NAVN",
        help="borgerens pseudonym, fx initialer eller værelsesnummer (aldrig CPR)",
    )
    start.add_argument("--medarbejder", metavar="INITIALER", help="dine initialer")
    start.add_argument("--plain", action="store_true", help="linjetilstand (skærmlæser, scripts)")

    resume = commands.add_parser("resume", help="genoptag en samtale, der ikke er afsluttet")
    resume.add_argument("id", metavar="ID")
    resume.add_argument(
        "--overtag",
        action="store_true",
        help="tag samtalen over, hvis den er åben et andet sted; dér kan den så ikke gemmes mere",
    )
    resume.add_argument("--plain", action="store_true", help="linjetilstand (skærmlæser, scripts)")

    notes = commands.add_parser("notes", help="læs, eksportér og slet noter")
    notes_commands = notes.add_subparsers(
        dest="notes_command", metavar="HANDLING", required=True, parser_class=DanishParser
    )
    listing = notes_commands.add_parser("list", help="vis noterne")
    listing.add_argument("--json", action="store_true", help="udskriv som JSON")
    listing.add_argument("--borger", metavar="NAVN", help="kun noter om denne borger")
    listing.add_argument("--status", choices=["in_progress", "completed", "abandoned"])
    listing.add_argument(
        "--search", metavar="TEKST", help="søg i borgerens pseudonym, guidens titel og id"
    )
    how_many = listing.add_mutually_exclusive_group()
    how_many.add_argument(
        "--alle", action="store_true", help=f"vis alle noter (ellers de {NOTES_SHOWN} nyeste)"
    )
    how_many.add_argument(
        "--limit",
        metavar="ANTAL",
        type=_positive_count,
        help="vis kun de ANTAL nyeste noter (også med --json, der ellers viser alle)",
    )
    who = argparse.ArgumentParser(add_help=False)
    who.add_argument(
        "--medarbejder",
        metavar="INITIALER",
        help="dine initialer til revisionssporet (ellers $SAMTALE_MEDARBEJDER eller dit brugernavn)",
    )
    show = notes_commands.add_parser("show", help="vis én note", parents=[who])
    show.add_argument("id", metavar="ID")
    show.add_argument("--format", choices=["md", "json"], default="md")
    export = notes_commands.add_parser("export", help="eksportér én note til en fil", parents=[who])
    export.add_argument("id", metavar="ID")
    export.add_argument("--format", choices=["md", "json"], required=True)
    export.add_argument("-o", "--output", metavar="FIL", help="filnavn (ellers samtale-ID.FORMAT)")
    export.add_argument(
        "--overskriv", action="store_true", help="erstat filen, hvis den findes (uden at spørge)"
    )
    delete = notes_commands.add_parser(
        "delete", help="slet en note eller alt om en borger", parents=[who]
    )
    target = delete.add_mutually_exclusive_group(required=True)
    target.add_argument("id", metavar="ID", nargs="?")
    target.add_argument("--borger", metavar="NAVN", help="slet alle noter om denne borger")
    delete.add_argument("--ja", action="store_true", help="slet uden at spørge")
    audit = notes_commands.add_parser(
        "audit", help="vis revisionssporet: hvem åbnede, eksporterede og slettede hvilke noter"
    )
    audit.add_argument("id", metavar="ID", nargs="?", help="kun denne notes linjer")
    audit.add_argument("--json", action="store_true", help="udskriv som JSON")

    practice = commands.add_parser(
        "practice", help="øv en samtale med en simuleret borger (alene eller i trio)"
    )
    practice.add_argument("guide", metavar="GUIDE", help="guiden, der er støtte under øvelsen")
    practice.add_argument(
        "--persona",
        metavar="ID",
        required=True,
        help="den simulerede borger (se 'samtale personas')",
    )
    practice.add_argument(
        "--trio", action="store_true", help="trioøvelse: I taler højt, observatøren tæller"
    )
    practice.add_argument("--medarbejder", metavar="INITIALER", help="dine initialer")
    practice.add_argument(
        "--seed", metavar="TAL", type=int, help="samme tal giver samme svar fra personaen"
    )
    practice.add_argument(
        "--plain", action="store_true", help="linjetilstand (skærmlæser, scripts)"
    )

    personas = commands.add_parser("personas", help="vis de simulerede borgere til øvelser")
    personas.add_argument("id", metavar="ID", nargs="?", help="vis personakortet for én persona")
    personas.add_argument(
        "--debrief",
        action="store_true",
        help="vis også underviserens baggrund (kun til underviseren)",
    )

    coach = commands.add_parser(
        "coach", help="kod ytringer (én pr. linje på stdin) efter motiverende samtale"
    )
    coach.add_argument(
        "--evaluate",
        metavar="FIL",
        help="mål coachen på et mærket sæt (TSV: code, codes, text) og vis præcision og genkaldelse",
    )

    check = commands.add_parser("check", help="kontrollér guidefiler og personaer")
    check.add_argument(
        "paths", metavar="STI", nargs="*", help="filer eller mapper (ellers alle indbyggede guider)"
    )
    check.add_argument("--json", action="store_true", help="udskriv fundene som JSON")
    return parser


def open_store(args: argparse.Namespace) -> Store:
    """The command's one store: opened (and any warning printed) the first time it is asked for."""
    from .notes.store import DamagedStore, Store, StoreError

    store: Store | None = getattr(args, "store", None)
    if store is not None:
        return store
    try:
        store = Store(args.data_dir or None)
    except DamagedStore:
        raise  # exit 1, as a damaged file is not a mistyped command
    except StoreError as e:
        raise UsageError(str(e)) from None
    if store.world_readable_warning:
        print(f"samtale: advarsel: {store.world_readable_warning}", file=sys.stderr)
    args.store = store
    return store


def cmd_guides(args: argparse.Namespace) -> int:
    from .dialogue.index import guide_index

    guides, problems = guide_index()
    for problem in problems:
        print(f"samtale: guiden kan ikke bruges: {problem}", file=sys.stderr)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": g.id,
                        "version": g.version,
                        "title": g.title,
                        "purpose": g.purpose,
                        "use": g.use,
                        "use_label": g.use_label,
                        "duration": g.duration,
                        "participants": g.participants,
                        "sources": list(g.sources),
                    }
                    for g in guides
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    group = None
    for guide in guides:
        if guide.use_label != group:
            group = guide.use_label
            print(f"\n{group}")
        print(f"  {guide.id:<24} {guide.title} ({guide.duration} min)")
        print(
            textwrap.fill(
                guide.purpose, width=100, initial_indent=" " * 27, subsequent_indent=" " * 27
            )
        )
    return 0


def _find(find: Any, broken: type[Exception], name: str, what: str) -> Any:
    """A guide or persona by id or path, or one Danish sentence (exit 2) saying why not."""
    try:
        return find(name)
    except LookupError as e:
        raise UsageError(str(e)) from None
    except broken as e:
        raise UsageError(f"{what} har fejl og kan ikke bruges:\n{e}") from None


def _find_guide(name: str) -> Any:
    from .dialogue.library import GuideError, find_guide

    return _find(find_guide, GuideError, name, "Guiden")


def cmd_start(args: argparse.Namespace) -> int:
    guide = _find_guide(args.guide)
    store = open_store(args)
    if not args.plain:
        return run_tui(store, guide=guide, borger=args.borger, medarbejder=args.medarbejder)
    from .plain import run_plain
    from .session import Session, SessionError

    try:
        session = Session.start(store, guide, borger=args.borger, medarbejder=args.medarbejder)
    except SessionError as e:
        raise UsageError(str(e)) from None
    return run_plain(session, sys.stdin, sys.stdout)


def _open_session(args: argparse.Namespace) -> Session:
    """The stored session ``args.id``; a snapshot that cannot be read is a SessionError."""
    from .notes.store import DamagedStore, StoreError
    from .session import Session, SessionError

    try:
        return Session.open(open_store(args), args.id)
    except DamagedStore:
        raise
    except (StoreError, SessionError) as e:
        raise UsageError(str(e)) from None


def cmd_resume(args: argparse.Namespace) -> int:
    session = _open_session(args)
    if session.status != "in_progress":
        raise UsageError(
            f"Samtalen {session.id} er {status_word(session.status)}; "
            f"se noten med 'samtale notes show {session.id}'."
        )
    _claim(session, args.overtag)
    _audit(args, "resumed", session.id, session.record.guide_title)
    if not args.plain:
        session.close()
        return run_tui(session.store, session_id=session.id, take_over=args.overtag)
    if session.record.mode == "practice":
        from .plain_practice import run_practice_plain

        return run_practice_plain(_attach(session), sys.stdin, sys.stdout)
    from .plain import run_plain

    return run_plain(session, sys.stdin, sys.stdout)


def _claim(session: Session, take_over: bool) -> None:
    """Hold the conversation open here: refused while it is open elsewhere, unless taken over."""
    from .notes.lease import LeaseHeld

    try:
        taken = session.claim(take_over=take_over)
    except LeaseHeld as e:
        session.close()
        raise UsageError(str(e)) from None
    if taken is not None:
        print(f"samtale: {taken.taken_over}", file=sys.stderr)


def _attach(session: Session) -> Any:
    from .practice import Practice
    from .session import SessionError

    try:
        return Practice.attach(session)
    except (SessionError, LookupError) as e:
        session.close()
        raise UsageError(str(e)) from None


def _find_persona(persona_id: str) -> Any:
    from .roleplay.persona import PersonaError, find_persona

    return _find(find_persona, PersonaError, persona_id, "Personaen")


def cmd_practice(args: argparse.Namespace) -> int:
    guide = _find_guide(args.guide)
    persona = _find_persona(args.persona)
    store = open_store(args)
    options = dict(medarbejder=args.medarbejder, seed=args.seed, trio=args.trio)
    if not args.plain:
        return run_tui(store, guide=guide, persona=persona, **options)
    from .plain_practice import run_practice_plain
    from .practice import Practice

    return run_practice_plain(
        Practice.start(store, guide, persona, **options), sys.stdin, sys.stdout
    )


def cmd_personas(args: argparse.Namespace) -> int:
    from .roleplay.persona import bundled_personas, card_text, debrief_text

    if args.id:
        persona = _find_persona(args.id)
        print(escape_controls_keep_lines(card_text(persona)))
        if args.debrief:
            print()
            print(escape_controls_keep_lines(debrief_text(persona)))
        return 0
    for persona in bundled_personas():
        print(f"  {persona.id:<10} {persona.name}, {persona.age} år – {persona.summary}")
    return 0


def cmd_coach(args: argparse.Namespace) -> int:
    from .roleplay import coach

    if args.evaluate:
        try:
            return coach.print_evaluation(Path(args.evaluate), sys.stdout)
        except (OSError, ValueError) as e:
            raise UsageError(f"Det mærkede sæt kunne ikke læses: {e}") from None
    return coach.run(sys.stdin, sys.stdout)


NOTES_SHOWN = 50  # `notes list` shows the newest this many unless --alle or --limit


def _positive_count(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f"skal være et helt tal større end 0, ikke '{value}'")
    return min(count, 2**62)  # more than any store holds, and no overflow in SQLite


def status_word(status: str) -> str:
    from .notes.model import STATUS_LABELS

    return STATUS_LABELS[status].lower()


def run_tui(store: Store, **kwargs: Any) -> int:
    from .tui.app import create_app

    app = create_app(store, **kwargs)
    app.run()
    return app.return_code or 0  # 1 if the app had to stop, e.g. on a damaged database


def _note(args: argparse.Namespace) -> Note:
    from .practice import note_for

    session = _open_session(args)
    try:
        return note_for(session)
    finally:
        session.close()


def _render(note: Any, fmt: str) -> str:
    from .notes.export import note_to_json_text, note_to_markdown

    return note_to_json_text(note) if fmt == "json" else note_to_markdown(note)


def cmd_notes(args: argparse.Namespace) -> int:
    if args.notes_command == "list":
        from .notes.model import who_label
        from .notes.store import STATUSES, ListFilter

        def shown(text: str) -> str:
            """``text`` as the store would hold it (a CPR number in it is not repeated), with
            control characters made visible (printable text is as it is)."""
            from .notes.names import typed_name

            text = typed_name(text)
            if text.isprintable():  # skips importing the export module and its dependencies
                return text
            from .notes.export import escape_controls

            return escape_controls(text)

        store = open_store(args)
        where = ListFilter(borger=args.borger, status=args.status, search=args.search)
        if args.json:  # every note unless --limit: scripts read it
            records = store.list_sessions(where.limited(args.limit))
            print(json.dumps([r.__dict__ for r in records], ensure_ascii=False, indent=2))
            return 0
        where = where.limited(None if args.alle else args.limit or NOTES_SHOWN)
        rows = store.list_overview(where)
        if not rows:
            if args.search:
                print(f"Ingen noter passer på '{shown(args.search)}'.")
            elif args.borger:
                print(f"Der er ingen noter om {shown(args.borger)}.")
            else:
                print("Der er ingen noter.")
            return 0
        # The status words and each resident's column are made once, not once per row.
        words = {status: f"{status_word(status):<10}" for status in STATUSES}
        names: dict[tuple[str | None, str], str] = {}
        lines = [f"{'ID':<9} {'Status':<10} {'Opdateret':<17} {'Borger':<14} Guide"]
        for session_id, status, updated_at, borger, guide_title, mode in rows:
            if (who := names.get((borger, mode))) is None:
                who = names[borger, mode] = f"{shown(who_label(borger, mode)):<14}"
            when = updated_at[:16].replace("T", " ")
            lines.append(f"{session_id:<9} {words[status]} {when:<17} {who} {guide_title}")
        older = store.total(rows, where) - len(rows)
        if older > 0:
            more = "1 ældre note" if older == 1 else f"{older:,} ældre noter".replace(",", ".")
            hint = "Brug --alle for at se " + ("den" if older == 1 else "dem alle")
            hint += "" if args.search else ", eller --search"
            lines.append(f"… og {more}. {hint}.")
        sys.stdout.write("\n".join(lines) + "\n")
        return 0
    if args.notes_command == "show":
        note = _note(args)
        _audit(args, "opened", note.id, note.guide_title)
        text = _render(note, args.format)
        print(text if args.format == "json" else escape_controls_keep_lines(text))
        return 0
    if args.notes_command == "export":
        note = _note(args)
        path = Path(args.output or f"samtale-{note.id}.{args.format}")
        from .cli_notes import export_file

        if not export_file(path, _render(note, args.format), args.overskriv):
            print("Intet er eksporteret.")
            return 0
        _audit(args, "exported", note.id, f"{note.guide_title} ({args.format})")
        print(f"Noten er eksporteret til {path}")
        return 0
    if args.notes_command == "audit":
        return cmd_audit(args)
    from .cli_notes import cmd_delete

    return cmd_delete(args)


def actor_for(args: argparse.Namespace) -> str:
    """Who is acting, for the audit trail; says so if the initials looked like a CPR number."""
    from .notes.cpr import mask_cpr, masked_notice
    from .notes.store import ENV_ACTOR, actor

    given = getattr(args, "medarbejder", None)
    if mask_cpr((given or "").strip() or os.environ.get(ENV_ACTOR) or "")[1]:
        print(f"samtale: advarsel: Dine initialer: {masked_notice()}", file=sys.stderr)
    return actor(given)


def _audit(args: argparse.Namespace, action: str, session_id: str | None, detail: str) -> None:
    from .notes.store import StoreError

    try:
        who = actor_for(args)
        open_store(args).audit(action, session_id, who, detail)
    except StoreError as e:
        raise UsageError(f"Revisionssporet kunne ikke skrives: {e}") from None


def cmd_audit(args: argparse.Namespace) -> int:
    from .notes.export import escape_controls
    from .notes.store import AUDIT_ACTIONS

    records = open_store(args).audit_trail(args.id)
    if args.json:
        print(json.dumps([r.__dict__ for r in records], ensure_ascii=False, indent=2))
        return 0
    if not records:
        print("Revisionssporet er tomt." if not args.id else f"Ingen linjer om noten {args.id}.")
        return 0
    print(f"{'Tidspunkt':<17} {'Medarbejder':<16} {'Handling':<14} {'Note':<9} Detaljer")
    for r in records:
        when = r.at[:16].replace("T", " ")
        action = AUDIT_ACTIONS.get(r.action, r.action)
        print(
            f"{when:<17} {escape_controls(r.medarbejder):<16} {action:<14} "
            f"{r.session_id or '-':<9} {escape_controls(r.detail)}"
        )
    return 0


def escape_controls_keep_lines(text: str) -> str:
    from .notes.export import escape_controls

    return "\n".join(escape_controls(line) for line in text.split("\n"))


YES_ANSWERS = ("j", "ja", "y", "yes")  # what counts as yes to a [j/N] question


def _confirm(question: str, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise UsageError("Sletning skal bekræftes: tilføj --ja, når du kører uden terminal.")
    return ask_yes(question)


def ask_yes(question: str) -> bool:
    """A [j/N] question at the terminal; anything but yes, and Ctrl+D, is no."""
    try:
        answer = input(f"{question} [j/N] ")
    except EOFError:
        print()
        return False
    return answer.strip().casefold() in YES_ANSWERS


def cmd_check(args: argparse.Namespace) -> int:
    from .dialogue.check import check_paths

    files, problems = check_paths([Path(p) for p in args.paths] or None)
    if args.json:
        print(
            json.dumps(
                {
                    "ok": not problems,
                    "files": [str(f) for f in files],
                    "problems": [p.as_dict() for p in problems],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print_problems(files, problems)
    return EXIT_PROBLEMS if problems else 0


def print_problems(files: list[Path], problems: list[Problem]) -> None:
    from .notes.export import escape_controls

    for problem in problems:
        print(escape_controls(str(problem)))
    if problems:
        # The problems (stdout, buffered in a pipe) must be out, each a whole line, before the
        # summary (stderr): in `samtale check 2>&1 | less` it came first or ran into them.
        sys.stdout.flush()
        print(
            f"{len(problems)} fejl i {len({p.path for p in problems})} fil(er); "
            f"{len(files)} fil(er) kontrolleret.",
            file=sys.stderr,
        )
    else:
        print(f"{len(files)} filer kontrolleret: ingen fejl.")


COMMANDS = {
    "guides": cmd_guides,
    "start": cmd_start,
    "resume": cmd_resume,
    "notes": cmd_notes,
    "check": cmd_check,
    "practice": cmd_practice,
    "personas": cmd_personas,
    "coach": cmd_coach,
}


def valid_text(value: str) -> str:
    """Text with lone surrogates (argument bytes that were not UTF-8) replaced by U+FFFD."""
    try:
        raw = value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = value.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "replace")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    for name in ("borger", "medarbejder", "id"):  # text that is stored or looked up, not paths
        if isinstance(value := getattr(args, name, None), str):
            setattr(args, name, valid_text(value))
    if args.data_dir:
        os.environ["SAMTALE_DATA_DIR"] = args.data_dir
    try:
        if args.command is None:
            return run_tui(open_store(args))
        return COMMANDS[args.command](args)
    except UsageError as e:
        print(f"samtale: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("\nAfbrudt.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the output was closed by the reader (e.g. `| head`); stop quietly, as other tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as e:
        from .notes.store import StoreError

        if not isinstance(e, StoreError):
            raise
        print(f"samtale: {e}", file=sys.stderr)
        return EXIT_PROBLEMS


if __name__ == "__main__":
    raise SystemExit(main())
