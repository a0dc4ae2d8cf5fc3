"""Plain mode when the PostgreSQL connection is lost mid-answer and the retry fails too: the
message is printed, the typed answer is given back, and the same question comes again; the
answer typed again once the server is back is stored once."""

from __future__ import annotations

import io

from assistant.dialogue.loader import load_guide
from assistant.notes.store import open_store
from assistant.plain import run_plain
from assistant.session import Session

from ..conftest import MINI
from ..pg import cut_off


class Flaky(io.StringIO):
    """stdin whose database goes away just before line ``lost`` is read, and comes back just
    before line ``lost + 1``."""

    def __init__(self, lines: list[str], lost: int, store, superuser_url: str) -> None:
        super().__init__("\n".join(lines) + "\n")
        self.count, self.lost = 0, lost
        self.store, self.superuser_url = store, superuser_url
        self.back = None

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        if self.count == self.lost:
            self.back = cut_off(self.store, self.superuser_url)
        elif self.count == self.lost + 1 and self.back is not None:
            self.back()
        self.count += 1
        return super().readline(size)


def test_plain_mode_gives_the_answer_back_and_asks_again(pg_cluster, pg_app_url, tmp_path):
    with open_store(tmp_path / "data", pg_app_url) as store:
        session = Session.start(store, load_guide(MINI), borger="AB")
        sid = session.id
        out = io.StringIO()
        lines = ["Oda Jensen", "Oda Jensen", "rød", "/pause"]
        code = run_plain(session, Flaky(lines, 0, store, pg_cluster.url("postgres")), out)
        text = out.getvalue()
        assert code == 0, text[-2000:]
        assert "Svaret blev ikke gemt: forbindelsen til databasen" in text
        assert "Du skrev:\n  Oda Jensen\n" in text
        assert "Prøv igen om lidt" in text
        first = text.index("Svaret blev ikke gemt")
        question = next(line for line in text.splitlines() if "Trin 1 " in line)
        assert text.count(question) == 2 and text.index(question, first) > first  # asked again
        again = Session.open(store, sid)
        answers = [e.data["value"] for e in again.events if e.kind == "answer"]
        assert answers == ["Oda Jensen", "roed"]  # stored once; the choice by its value
        assert again.answers["navn"] == "Oda Jensen"
        again.close()
