"""The Danish argparse parser: every command and option, the help and the error messages in Danish.

Imports only the standard library and ``common`` (the exit code and the notes list's default)."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn, cast

from .common import EXIT_USAGE, NOTES_SHOWN

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
    parser.add_argument(
        "--database",
        metavar="URL",
        help="en fælles PostgreSQL-database (postgresql://…) i stedet for datamappens "
        "(ellers $SAMTALE_DATABASE_URL eller 'database' i samtale.toml)",
    )
    parser.add_argument(
        "--afdeling",
        metavar="NAVN",
        help="afdelingen, hvis noter ses i den fælles database (ellers $SAMTALE_AFDELING, "
        "'afdeling' i samtale.toml, rollens egen eller 'standard')",
    )
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=DanishParser)

    guides = commands.add_parser(
        "guides",
        help="vis de indbyggede samtaleguides, eller eksportér en som FHIR-spørgeskema",
        description="Uden HANDLING vises guiderne. 'samtale guides export GUIDE --format fhir' "
        "skriver guiden som et FHIR-spørgeskema (Questionnaire).",
    )
    guides.add_argument("--json", action="store_true", help="udskriv som JSON")
    guides_commands = guides.add_subparsers(
        dest="guides_command", metavar="[HANDLING]", parser_class=DanishParser
    )
    guide_export = guides_commands.add_parser(
        "export", help="eksportér en guide som FHIR-spørgeskema (Questionnaire) til en fil"
    )
    guide_export.add_argument(
        "guide", metavar="GUIDE", help="guidens id (se 'samtale guides') eller en fil"
    )
    guide_export.add_argument("--format", choices=["fhir"], required=True)
    guide_export.add_argument(
        "-o", "--output", metavar="FIL", help="filnavn (ellers samtale-guide-GUIDE.fhir.json)"
    )
    guide_export.add_argument(
        "--overskriv", action="store_true", help="erstat filen, hvis den findes (uden at spørge)"
    )

    diagram = commands.add_parser(
        "diagram",
        help="vis en guides forløb som diagram (Mermaid)",
        description="Skriver guidens forløb som et Mermaid-tilstandsdiagram (stateDiagram-v2): "
        "afsnit, trin, temaer omkring deres temaoversigt og betingelser ('hvis').",
    )
    diagram.add_argument(
        "guide", metavar="GUIDE", help="guidens id (se 'samtale guides') eller en fil"
    )
    diagram.add_argument(
        "--format", choices=["mermaid"], default="mermaid", help="diagrammets format (mermaid)"
    )
    diagram.add_argument("-o", "--output", metavar="FIL", help="skriv diagrammet til en fil")
    diagram.add_argument(
        "--overskriv", action="store_true", help="erstat filen, hvis den findes (uden at spørge)"
    )

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
    # A plain parser as the shared parent (a DanishParser would bring a second -h); typeshed
    # wants the parents to be of the subparsers' class.
    who_parent = [cast(DanishParser, who)]
    show = notes_commands.add_parser("show", help="vis én note", parents=who_parent)
    show.add_argument("id", metavar="ID")
    show.add_argument("--format", choices=["md", "json"], default="md")
    export = notes_commands.add_parser(
        "export", help="eksportér én note til en fil", parents=who_parent
    )
    export.add_argument("id", metavar="ID")
    export.add_argument(
        "--format",
        choices=["md", "json", "fhir"],
        required=True,
        help="md (til journalen), json, eller fhir (FHIR R4B: spørgeskema og svar i én Bundle)",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FIL",
        help="filnavn (ellers samtale-ID.md, samtale-ID.json eller samtale-ID.fhir.json)",
    )
    export.add_argument(
        "--overskriv", action="store_true", help="erstat filen, hvis den findes (uden at spørge)"
    )
    delete = notes_commands.add_parser(
        "delete", help="slet en note eller alt om en borger", parents=who_parent
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

    _add_agreements(commands, who_parent)

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
    schema = commands.add_parser(
        "schema",
        help="udskriv et JSON-skema for guidefiler (til editorens hjælp og fejlmarkering)",
        description="Skemaet (JSON Schema, draft 2020-12) beskriver guide- og forløbsfiler, så "
        "en editor kan foreslå nøgler og markere fejl. Se dialogues/README.md.",
    )
    schema.add_argument(
        "-o", "--output", metavar="FIL", help="skriv skemaet til FIL (ellers i terminalen)"
    )
    database = commands.add_parser(
        "database", help="vis notelageret: database, rolle, afdeling og skemaversion"
    )
    database.add_argument(
        "--giv-adgang",
        metavar="ROLLE",
        help="giv programmets daglige rolle adgang til tabellerne (kør som databasens ejer)",
    )
    flyt = commands.add_parser(
        "flyt",
        help="flyt noterne fra denne computer (SQLite) til en fælles PostgreSQL-database",
        description="Kopierer datamappens noter, aftaler, revisionsspor og øvelser til den "
        "fælles database (i afdelingen fra --afdeling), kontrollerer antal og indhold og lader "
        "SQLite-filen ligge urørt. Det, der allerede er flyttet, springes over.",
        parents=who_parent,
    )
    flyt.add_argument(
        "--til",
        metavar="URL",
        help="den fælles database, postgresql://… (ellers --database, $SAMTALE_DATABASE_URL "
        "eller 'database' i samtale.toml)",
    )
    _add_serve(commands)
    return parser


def _add_serve(commands: Any) -> None:
    serve = commands.add_parser(
        "serve",
        help="vis Samtale i en browser (kræver samtale[serve])",
        description="Kører hele Samtale i en browser: åbn adressen, der skrives ud. Der er intet "
        "login, så den kan som standard kun nås fra denne computer.",
    )
    serve.add_argument(
        "--host",
        metavar="ADRESSE",
        default="127.0.0.1",
        help="adressen, der lyttes på (standard 127.0.0.1: kun denne computer)",
    )
    serve.add_argument(
        "--port", metavar="PORT", type=port_number, default=8000, help="standard 8000"
    )
    serve.add_argument(
        "--jeg-ved-hvad-jeg-gør",
        "--jeg-ved-hvad-jeg-goer",
        dest="i_know",
        action="store_true",
        help="lyt alligevel på en adresse, som andre computere kan nå (der er intet login)",
    )


def port_number(value: str) -> int:
    """A TCP port to listen on: a whole number from 1 to 65535."""
    try:
        port = int(value.strip())
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(
            f"'{value}' er ikke et portnummer; skriv et helt tal fra 1 til 65535, fx 8000"
        )
    return port


def _add_agreements(commands: Any, who_parent: list[DanishParser]) -> None:
    """`samtale aftaler` (list, the calendar file, status changes) and `samtale borger`."""
    aftaler = commands.add_parser(
        "aftaler",
        help="vis aftalerne på tværs af noterne, ændr deres status, eller skriv en kalenderfil",
        description="Uden HANDLING vises aftalerne (de første frister øverst). Med en HANDLING "
        "ændres én aftales status, fx: samtale aftaler udført 5a3c9e01-2",
    )
    aftaler.add_argument("--json", action="store_true", help="udskriv som JSON")
    aftaler.add_argument("--borger", metavar="NAVN", help="kun aftaler om denne borger")
    aftaler.add_argument(
        "--forfaldne",
        action="store_true",
        help="kun aftaler, der stadig er åbne eller i gang, og hvis dato er passeret",
    )
    aftaler.add_argument(
        "--ansvarlig", metavar="NAVN", help="kun aftaler, som NAVN har ansvaret for"
    )
    aftaler.add_argument(
        "--status",
        metavar="STATUS",
        type=agreement_status,
        help="åben, i_gang, udført eller opgivet",
    )
    aftaler.add_argument(
        "--ics",
        metavar="FIL",
        help="skriv de åbne aftaler og notenes opfølgningsdatoer som en kalenderfil (iCalendar)",
    )
    aftaler.add_argument(
        "--overskriv", action="store_true", help="erstat kalenderfilen, hvis den findes"
    )
    changes = aftaler.add_subparsers(
        dest="aftaler_command", metavar="[HANDLING]", parser_class=DanishParser
    )
    for name, aliases, what in (
        ("udført", [], "markér en aftale som udført"),
        ("i-gang", ["i_gang"], "markér en aftale som i gang"),
        ("opgivet", [], "markér en aftale som opgivet (skriv gerne hvorfor)"),
        ("åben", [], "gør en aftale åben igen (fx efter en fejl)"),
    ):
        change = changes.add_parser(name, aliases=aliases, help=what, parents=who_parent)
        change.add_argument("id", metavar="ID", help="aftalens id, fx 5a3c9e01-2")
        change.add_argument("--begrundelse", metavar="TEKST", help="hvorfor status ændres")

    borger = commands.add_parser(
        "borger", help="vis en borgers forløb: samtaler, aftaler og deres historik"
    )
    borger.add_argument("borger", metavar="NAVN", help="borgerens pseudonym")
    borger.add_argument("--json", action="store_true", help="udskriv som JSON")


_STATUS_TYPED = {
    "åben": "åben",
    "aaben": "åben",
    "i_gang": "i_gang",
    "i-gang": "i_gang",
    "i gang": "i_gang",
    "udført": "udført",
    "udfoert": "udført",
    "opgivet": "opgivet",
}


def agreement_status(value: str) -> str:
    """An agreement's status as typed (``i-gang`` or ``i_gang``, any case) -> the stored one."""
    status = _STATUS_TYPED.get(" ".join(value.split()).casefold())
    if status is None:
        raise argparse.ArgumentTypeError(
            f"'{value}' er ikke en status for en aftale; brug åben, i_gang (eller i-gang), "
            "udført eller opgivet"
        )
    return status


def _positive_count(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f"skal være et helt tal større end 0, ikke '{value}'")
    return min(count, 2**62)  # more than any store holds, and no overflow in SQLite
