"""Units ("afdelinger") in the PostgreSQL store, and the roles that use it.

Every row with personal data belongs to one unit, and row-level security (migration 0002)
shows a connection only the rows of the unit in its setting ``samtale.unit``. The program
sets it on every connection it opens: the unit asked for (``--afdeling``,
``$SAMTALE_AFDELING``, or ``afdeling = …`` in samtale.toml), else the one the database role
was given (``ALTER ROLE … SET samtale.unit = '…'``), else the default unit, ``standard``.

The unit is a setting of the connection, not a password: it keeps each unit's staff to their
own notes in the program, while the database's roles decide who may connect at all. A
superuser, or a role with BYPASSRLS, sees every unit; the program still works then, but says
so (``bypass_warning``). In daily use the program connects as a role that is neither
superuser nor owner of the tables; ``grant`` gives such a role what it needs, and nothing more.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from ..errors import StoreError

DEFAULT_UNIT = "standard"
MAX_LENGTH = 60

# What the program's role may do, table by table (and the sequence the lists order by). The
# owner role (which ran the migrations) gives it with `samtale database --giv-adgang ROLLE`.
GRANTS: tuple[tuple[str, str], ...] = (
    ("SELECT, INSERT, UPDATE, DELETE", "sessions, events, agreements, leases, audit"),
    ("SELECT, INSERT, UPDATE, DELETE", "pending_purge"),
    ("SELECT, INSERT", "guides"),
    ("SELECT", "schema_version"),
)
SEQUENCES = ("sessions_touched",)


def own_unit(alias: str = "") -> str:
    """The row-level security condition, written into the store's own lists too: so that
    their plans use the indexes that begin with the unit, and a role that bypasses row-level
    security still lists only its own unit's notes."""
    return f"{alias + '.' if alias else ''}unit = current_setting('samtale.unit', true)"


def check_unit(name: str) -> str:
    """The unit's name as it is stored (trimmed), or a Danish StoreError saying what is wrong."""
    unit = unicodedata.normalize("NFC", name).strip()
    if not unit:
        raise StoreError("Afdelingens navn er tomt; skriv fx --afdeling 'Birkely 2'.")
    if len(unit) > MAX_LENGTH:
        raise StoreError(f"Afdelingens navn er for langt ({len(unit)} tegn; højst {MAX_LENGTH}).")
    if any(unicodedata.category(ch).startswith("C") for ch in unit):
        raise StoreError("Afdelingens navn indeholder usynlige tegn eller styretegn.")
    return unit


def apply_unit(conn: Any, wanted: str | None) -> str:
    """Set ``samtale.unit`` on a new connection and return it: ``wanted``, else the role's or
    database's own setting, else the default unit."""
    unit = wanted
    if unit is None:
        row = conn.execute("SELECT current_setting('samtale.unit', true)").fetchone()
        given = (row[0] or "").strip() if row else ""
        unit = given or DEFAULT_UNIT
    unit = check_unit(unit)
    conn.execute("SELECT set_config('samtale.unit', %s, false)", (unit,))
    return unit


# Whether the connection's role owns the store's tables (or is a member of the owner role).
OWNS_TABLES = (
    "SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class "
    "WHERE oid = 'sessions'::regclass"
)


def owns_tables(conn: Any) -> bool:
    row = conn.execute(OWNS_TABLES).fetchone()
    return bool(row and row[0])


def current_role(conn: Any) -> str:
    return str(conn.execute("SELECT current_user").fetchone()[0])


def bypasses_rls(conn: Any) -> tuple[str, bool]:
    """The connection's role, and whether row-level security does not hold it."""
    row = conn.execute(
        "SELECT current_user, rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    return (str(row[0]), bool(row[1])) if row else ("?", False)


def bypass_warning(role: str, database: str) -> str:
    return (
        f"Samtale er forbundet til databasen {database} som '{role}', en superbruger eller "
        "en rolle, som rækkesikkerheden ikke gælder for: alle afdelingers noter kan ses og "
        "ændres. Brug i daglig drift en almindelig rolle (se README: 'Roller og adgang')."
    )


def grant(conn: Any, role: str) -> None:
    """Give ``role`` what the program needs (run as the owner of the tables)."""
    from psycopg import sql

    who = sql.Identifier(role)
    if not owns_tables(conn):
        raise StoreError(
            f"Rollen '{current_role(conn)}' må ikke give adgang til tabellerne; det må kun "
            "databasens ejer (den rolle, som oprettede tabellerne)."
        )
    exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
    if exists is None:
        raise StoreError(f"Rollen '{role}' findes ikke i databasen; opret den først.")
    database = conn.execute("SELECT current_database()").fetchone()[0]
    statements = [
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(database), who),
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(who),
    ]
    for privileges, tables in GRANTS:
        statements.append(sql.SQL(f"GRANT {privileges} ON {tables} TO {{}}").format(who))
    for sequence in SEQUENCES:
        statements.append(sql.SQL(f"GRANT USAGE ON SEQUENCE {sequence} TO {{}}").format(who))
    for statement in statements:
        conn.execute(statement)
