"""`samtale flyt --til URL`: copy this computer's SQLite store (the data directory's) into the
shared PostgreSQL store, in the unit chosen as everywhere else, check it, and say what was moved,
what was already there and what was refused. The SQLite file is only read (notes/move.py)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from .common import EXIT_PROBLEMS, UsageError, actor_for

if TYPE_CHECKING:
    from ..notes.move import MoveReport


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary(report: MoveReport) -> str:
    """The first line of what was done: "Flyttet: 12 samtaler … og 25 linjer i revisionssporet."."""
    audit = _count(report.audit, "linje", "linjer") + " i revisionssporet"
    if not report.moved:
        return f"Flyttet: ingen nye samtaler{'; ' + audit if report.audit else ''}."
    practice = f" (heraf {report.practice} øvelser)" if report.practice else ""
    return (
        f"Flyttet: {_count(len(report.moved), 'samtale', 'samtaler')}{practice} med "
        f"{report.answers} svar og {_count(report.events, 'hændelse', 'hændelser')} i alt, "
        f"{_count(report.agreements, 'aftale', 'aftaler')} med "
        f"{_count(report.status_changes, 'statusændring', 'statusændringer')}, og {audit}."
    )


def target_url(args: argparse.Namespace) -> str:
    """``--til``, else ``--database``, else the configured URL ($SAMTALE_DATABASE_URL or
    samtale.toml); a UsageError if there is none or it is not a PostgreSQL URL."""
    from ..notes.store import configured_url

    url = (args.til or getattr(args, "database", None) or configured_url() or "").strip()
    if not url:
        raise UsageError(
            "Skriv, hvilken fælles database noterne skal flyttes til: "
            "samtale flyt --til postgresql://bruger@server/database"
        )
    if not url.startswith(("postgresql://", "postgres://")):
        raise UsageError(
            f"Database-adressen '{url.split('@')[-1]}' er ikke en PostgreSQL-adresse; den skal "
            "begynde med postgresql://."
        )
    return url


def cmd_flyt(args: argparse.Namespace) -> int:
    from ..notes.move import move
    from ..notes.postgres.store import PostgresStore
    from ..notes.sqlite.source import SqliteSource
    from ..notes.store import configured_url, open_store

    url = target_url(args)
    with SqliteSource(args.data_dir or None) as source:
        target = open_store(args.data_dir or None, url, getattr(args, "afdeling", None))
        assert isinstance(target, PostgresStore)  # a postgresql:// URL (target_url)
        with target:
            if target.world_readable_warning:
                print(f"samtale: advarsel: {target.world_readable_warning}", file=sys.stderr)
            print(f"Fra: {source.path} (SQLite, denne computer)")
            print(f"Til: databasen {target.path}, afdeling '{target.unit}'")
            report = move(source, target, actor_for(args))
    print(summary(report))
    if report.skipped:
        print(
            f"Sprunget over: {_count(len(report.skipped), 'samtale', 'samtaler')}, der "
            "allerede er i den fælles database med samme indhold: " + ", ".join(report.skipped)
        )
    for session_id, why in report.refused.items():
        print(f"Ikke flyttet: samtalen {session_id} {why}.")
    print("Kontrolleret: antal og indhold stemmer.")
    print(
        f"SQLite-filen {report.source} er ikke ændret og ligger, hvor den lå. Når teamet har "
        "tjekket noterne i den fælles database, kan den slettes i hånden (med -wal- og "
        "-shm-filerne ved siden af, hvis de findes)."
    )
    if configured_url() != url:
        print(
            'Sæt database = "postgresql://…" i samtale.toml eller SAMTALE_DATABASE_URL, så '
            "denne computer også bruger den fælles database."
        )
    if report.refused:
        print(
            f"{_count(len(report.refused), 'samtale', 'samtaler')} blev ikke flyttet (se "
            "ovenfor); ret det, og kør samtale flyt igen: det flyttede springes over."
        )
        return EXIT_PROBLEMS
    return 0
