"""`samtale database`: which notes store the program opens, as whom, for which unit, and at
which schema version; as the database's owner it also brings the schema up to date (opening
does) and, with ``--giv-adgang ROLLE``, gives the program's everyday role its access."""

from __future__ import annotations

import argparse

from .common import UsageError, open_store


def cmd_database(args: argparse.Namespace) -> int:
    from ..notes.postgres.migrate import MIGRATIONS as PG_MIGRATIONS
    from ..notes.postgres.store import PostgresStore
    from ..notes.sqlite.migrate import MIGRATIONS as SQLITE_MIGRATIONS

    store = open_store(args)
    notes = store.count_sessions()
    if not isinstance(store, PostgresStore):
        if args.giv_adgang:
            raise UsageError(
                "--giv-adgang bruges kun med en fælles PostgreSQL-database (--database URL)."
            )
        print(f"Database: {store.path} (SQLite, kun på denne computer)")
        print(f"Skemaversion: {store.schema_version} (programmets: {len(SQLITE_MIGRATIONS)})")
        print(f"Noter: {notes}")
        print("Afdelinger bruges kun med en fælles PostgreSQL-database (se README).")
        return 0
    if args.giv_adgang:
        from ..notes.store import StoreError

        try:
            store.grant(args.giv_adgang)
        except StoreError as e:
            raise UsageError(str(e)) from None
        print(
            f"Rollen '{args.giv_adgang}' kan nu bruge Samtales tabeller i databasen "
            f"{store.path}. Sæt den eventuelt til en afdeling: ALTER ROLE "
            f"\"{args.giv_adgang}\" SET samtale.unit = 'afdelingens navn';"
        )
        return 0
    held = (
        "superbruger: rækkesikkerheden gælder ikke, alle afdelinger ses"
        if store.world_readable_warning
        else "rækkesikkerheden gælder"
    )
    print(f"Database: {store.path} (PostgreSQL)")
    print(f"Rolle: {store.role} ({held})")
    print(f"Afdeling: {store.unit}")
    print(f"Skemaversion: {store.schema_version} (programmets: {len(PG_MIGRATIONS)})")
    print(f"Noter i afdelingen: {notes}")
    return 0
