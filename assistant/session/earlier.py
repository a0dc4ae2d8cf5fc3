"""What a session does with earlier conversations: it records the resident's open agreements
and earlier answers as its first event and expands its guide by them (``context``), and a
choice with a status in a repeated section sets the status of its agreement."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..dialogue.model import AnswerSpec, Guide
from ..engine.machine import CompiledGuide, compile_guide
from ..notes.interface import NoteStore
from ..notes.model import Note
from ..notes.store import EventRecord, NotFound, SessionRecord
from . import agreements, context
from .results import Outcome, SessionError


class FromEarlier:
    """Mixed into ``core.Session``: the parts that read earlier conversations."""

    store: NoteStore
    record: SessionRecord
    template: Guide
    guide: Guide
    context: dict[str, Any] | None
    item_of: dict[str, str]
    compiled: CompiledGuide
    _walker: Any

    def _append(self, kind: str, data: dict[str, Any], status: str | None = None) -> EventRecord:
        raise NotImplementedError

    def _replay(self) -> None:
        raise NotImplementedError

    def answer_spec(self, key: str) -> AnswerSpec | None:
        raise NotImplementedError

    @classmethod
    def open(cls, store: NoteStore, session_id: str) -> Any:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def _record_context(self, borger: str) -> None:
        """NoteStore what the session knows from earlier conversations as its first event, and
        expand the guide by it."""
        for session_id in self.store.unsynced_sessions():  # as sync_all_agreements
            self._with_earlier(session_id, lambda s: agreements.sync(s, force=True))
        data = context.gather(
            self.store, self.template, borger, lambda i: self._with_earlier(i, _note)
        )
        self._append(context.KIND, data)
        self.context = data
        self.compiled.release(self._walker)
        self.guide, self.item_of = context.expanded(self.template, data)
        self.compiled = compile_guide(self.guide)
        self._walker = self.compiled.walker()
        self._replay()

    def _with_earlier(self, session_id: str, do: Any) -> Any:
        """``do(session)`` with another stored session opened; None if it cannot be opened."""
        try:
            earlier = type(self).open(self.store, session_id)
        except (SessionError, NotFound):
            return None
        try:
            return do(earlier)
        finally:
            earlier.close()

    def _with_status(self, outcome: Outcome, key: str, value: Any) -> Outcome:
        """In a repeated section, a choice with a status sets it on its agreement (in the
        agreement's own note). Going back does not undo it; answering again sets it again."""
        spec = self.answer_spec(key)
        if key not in self.item_of or spec is None:
            return outcome
        notice = context.set_status(
            self.store, self.item_of[key], spec, value, self.record.medarbejder, self.record.id
        )
        if notice:
            return replace(outcome, message=" ".join(filter(None, (outcome.message, notice))))
        return outcome


def _note(session: Any) -> Note:
    note: Note = session.note()
    return note
