"""Units ("afdelinger") on the shared PostgreSQL store: row-level security keeps one unit from
reading, changing or deleting another's notes; the program's everyday role is neither
superuser nor table owner and is given its access by the owner; a superuser is warned about.

Against a real throwaway server (tests/pg.py), with real roles: ``samtale_ejer`` owns the
database and runs the migrations, ``samtale_app`` is what the program connects as."""

from __future__ import annotations

import psycopg
import pytest

from assistant.cli import main
from assistant.notes.agreements import AgreementRow
from assistant.notes.postgres.migrate import MIGRATIONS
from assistant.notes.postgres.store import PostgresStore
from assistant.notes.store import NotFound, StoreError, open_store

from ..pg import APP, OWNER

HASH = "c" * 64


@pytest.fixture
def urls(pg_cluster) -> tuple[str, str]:
    """(owner's URL, app role's URL) of a new database owned by ``samtale_ejer``."""
    pg_cluster.role(OWNER)
    pg_cluster.role(APP)
    owner_url = pg_cluster.new_database(owner=OWNER)
    return owner_url, owner_url.replace(f"//{OWNER}@", f"//{APP}@")


@pytest.fixture
def app_url(pg_app_url) -> str:
    return str(pg_app_url)


def _note(store, borger: str = "Stue 7 Åse", answer: str = "Kaffe om morgenen") -> str:
    store.save_guide_snapshot(HASH, "test", "1", "id: test\n")
    record = store.create_session(
        guide_id="test",
        guide_version="1",
        guide_hash=HASH,
        guide_title="Testguide",
        mode="interview",
        borger=borger,
        medarbejder="MK",
    )
    store.append_event(record.id, "answer", {"key": "a", "value": answer}, status="completed")
    store.sync_agreements(
        record.id, [AgreementRow("aftaler", 1, "Ring til datter", "MK", None)], None
    )
    store.audit("opened", record.id, "MK", "Testguide")
    return record.id


def test_one_unit_cannot_read_change_or_delete_another_units_notes(app_url, tmp_path):
    with (
        PostgresStore(app_url, tmp_path / "a", unit="Birkely 1") as a,
        PostgresStore(app_url, tmp_path / "b", unit="Birkely 2") as b,
    ):
        assert a.world_readable_warning is None and a.role == APP
        theirs = _note(a)
        ours = _note(b, answer="Te om aftenen")
        agreement = a.agreements()[0].id
        # reading: none of the other unit's notes, events, agreements or audit lines
        assert [s.id for s in b.list_sessions()] == [ours]
        assert b.count_sessions() == 1
        with pytest.raises(NotFound):
            b.get_session(theirs)
        with pytest.raises(NotFound):
            b.get_session(theirs[:5])
        assert b.events(theirs) == []
        assert [x.session_id for x in b.agreements()] == [ours]
        with pytest.raises(NotFound):
            b.agreement(agreement)
        assert {r.session_id for r in b.audit_trail()} == {ours}
        assert b.audit_trail(theirs) == []
        # changing and deleting: refused as if the note did not exist
        with pytest.raises(NotFound):
            b.append_event(theirs, "answer", {"key": "b", "value": "skrevet af en anden"})
        with pytest.raises(NotFound):
            b.set_agreement_status(agreement, "udført", "XY")
        with pytest.raises(NotFound):
            b.delete_session(theirs, medarbejder="XY")
        assert b.delete_borger("stue 7 åse", medarbejder="XY") == 1  # its own Åse only
        # unit A still has all of its own
        assert [s.id for s in a.list_sessions()] == [theirs]
        assert [e.data.get("value") for e in a.events(theirs)] == ["Kaffe om morgenen"]
        assert a.agreement(agreement).status == "åben"
        assert a.get_session(theirs).borger == "Stue 7 Åse"


def test_the_policies_hold_for_sql_typed_by_hand(app_url, tmp_path):
    with PostgresStore(app_url, tmp_path / "a", unit="Birkely 1") as a:
        _note(a)
    with psycopg.connect(app_url, autocommit=True) as conn:
        # no unit set: nothing to see, nothing to write
        for table in ("sessions", "events", "agreements", "audit"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
        conn.execute("SELECT set_config('samtale.unit', 'Birkely 2', false)")
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # row-level security
            conn.execute(
                "INSERT INTO audit (at, medarbejder, action, detail, unit) "
                "VALUES ('x', 'XY', 'opened', '', 'Birkely 1')"
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # neither owner nor superuser
            conn.execute("ALTER TABLE sessions DISABLE ROW LEVEL SECURITY")


def test_the_owner_is_held_too_and_a_superuser_is_warned(urls, pg_cluster, tmp_path):
    owner_url, _ = urls
    with PostgresStore(owner_url, tmp_path / "o", unit="Birkely 1") as owner:
        _note(owner)
    with PostgresStore(owner_url, tmp_path / "o", unit="Birkely 2") as owner:
        assert owner.list_sessions() == []  # FORCE ROW LEVEL SECURITY: the owner too
        assert owner.world_readable_warning is None
    superuser_url = owner_url.replace(f"//{OWNER}@", "//postgres@")
    with PostgresStore(superuser_url, tmp_path / "s", unit="Birkely 2") as root:
        assert "rækkesikkerheden ikke gælder" in (root.world_readable_warning or "")
        # not held by row-level security, but the program's lists and deletions keep to the
        # unit: a superuser deleting unit 2's Åse does not delete unit 1's
        assert root.list_sessions() == [] and root.agreements() == []
        assert root.audit_trail() == []
        assert root.delete_borger("Stue 7 Åse", medarbejder="XY") == 0
    with PostgresStore(owner_url, tmp_path / "o", unit="Birkely 1") as owner:
        assert len(owner.list_sessions()) == 1


def test_the_app_role_is_told_to_ask_the_owner(urls, tmp_path, capsys):
    owner_url, url = urls
    with psycopg.connect(owner_url, autocommit=True) as conn:
        dbname = psycopg.conninfo.conninfo_to_dict(url)["dbname"]
        conn.execute(f'GRANT CONNECT ON DATABASE "{dbname}" TO {APP}')
    with pytest.raises(StoreError, match="samtale database' én gang som databasens ejer"):
        PostgresStore(url, tmp_path / "a")
    with PostgresStore(owner_url, tmp_path / "o"):
        pass  # the owner migrates
    with pytest.raises(StoreError, match=f"--giv-adgang {APP}"):
        PostgresStore(url, tmp_path / "a")
    assert main(["--database", owner_url, "database", "--giv-adgang", APP]) == 0
    assert f"Rollen '{APP}' kan nu bruge" in capsys.readouterr().out
    with PostgresStore(url, tmp_path / "a") as app:
        assert app.unit == "standard" and app.world_readable_warning is None
        # a role that does not own the tables cannot pass access on
        with pytest.raises(StoreError, match="kun databasens ejer"):
            app.grant(OWNER)
    assert main(["--database", owner_url, "database", "--giv-adgang", "ingen_saadan"]) == 2
    assert "Rollen 'ingen_saadan' findes ikke" in capsys.readouterr().err


def test_which_unit_a_connection_gets(app_url, pg_cluster, tmp_path, monkeypatch):
    config = tmp_path / "config"
    monkeypatch.setattr("platformdirs.user_config_dir", lambda *a, **k: str(config))
    monkeypatch.delenv("SAMTALE_AFDELING", raising=False)
    with open_store(tmp_path / "d", app_url) as store:
        assert store.unit == "standard"  # nothing said: the default unit
    with psycopg.connect(pg_cluster.url("postgres"), autocommit=True) as conn:
        conn.execute(f"ALTER ROLE {APP} SET samtale.unit = 'Rosenhaven'")
    try:
        with open_store(tmp_path / "d", app_url) as store:
            assert store.unit == "Rosenhaven"  # the role's own
        config.mkdir()
        (config / "samtale.toml").write_text('afdeling = "Birkely 1"  # dagholdet\n')
        with open_store(tmp_path / "d", app_url) as store:
            assert store.unit == "Birkely 1"  # the user's config file
        monkeypatch.setenv("SAMTALE_AFDELING", " Birkely 2 ")
        with open_store(tmp_path / "d", app_url) as store:
            assert store.unit == "Birkely 2"  # the environment, trimmed
        with open_store(tmp_path / "d", app_url, unit="Akut") as store:
            assert store.unit == "Akut"  # --afdeling
    finally:
        with psycopg.connect(pg_cluster.url("postgres"), autocommit=True) as conn:
            conn.execute(f"ALTER ROLE {APP} RESET samtale.unit")


@pytest.mark.parametrize(
    ("unit", "says"),
    [("   ", "er tomt"), ("x" * 61, "for langt"), ("Birkely\x1b[2J", "styretegn")],
)
def test_a_unit_name_that_cannot_be_used_is_refused_in_danish(app_url, tmp_path, unit, says):
    with pytest.raises(StoreError, match=says):
        PostgresStore(app_url, tmp_path / "d", unit=unit)


def test_notes_from_before_units_belong_to_the_default_unit(urls, tmp_path):
    owner_url, _ = urls
    with psycopg.connect(owner_url, autocommit=True) as conn:  # a database at schema 1
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        conn.execute(MIGRATIONS[0])
        conn.execute("INSERT INTO schema_version VALUES (1)")
        conn.execute("INSERT INTO guides VALUES (%s, 'test', '1', 'id: test', 'x')", (HASH,))
        conn.execute(
            "INSERT INTO sessions (id, guide_id, guide_version, guide_hash, guide_title, mode, "
            "status, started_at, updated_at, sort_key) VALUES ('0ld5e551', 'test', '1', %s, "
            "'Testguide', 'interview', 'completed', 'x', 'x', 1)",
            (HASH,),
        )
    with PostgresStore(owner_url, tmp_path / "o", unit="Birkely 1") as other:
        assert other.schema_version == len(MIGRATIONS)
        assert other.list_sessions() == []
    with PostgresStore(owner_url, tmp_path / "o") as default:
        assert [s.id for s in default.list_sessions()] == ["0ld5e551"]


def test_samtale_database_says_where_as_whom_and_which_unit(app_url, tmp_path, capsys):
    assert main(["--database", app_url, "--afdeling", "Birkely 1", "database"]) == 0
    out = capsys.readouterr().out
    assert f"Rolle: {APP} (rækkesikkerheden gælder)" in out
    assert "Afdeling: Birkely 1" in out and f"(programmets: {len(MIGRATIONS)})" in out
    assert "Noter i afdelingen: 0" in out
    assert main(["--data-dir", str(tmp_path / "lokal"), "database"]) == 0
    out = capsys.readouterr().out
    assert "(SQLite, kun på denne computer)" in out and "Afdelinger bruges kun" in out
    assert main(["--data-dir", str(tmp_path / "lokal"), "database", "--giv-adgang", APP]) == 2
    assert "kun med en fælles PostgreSQL-database" in capsys.readouterr().err
    assert main(["--database", app_url, "--afdeling", "", "database"]) == 2
    assert "Afdelingens navn er tomt" in capsys.readouterr().err
