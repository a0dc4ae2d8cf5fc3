"""The Session: one running conversation, its events, and the actions the front ends call.

A session is an append-only list of events (answer, skip, back, choose, leave_hub, to_hub,
correct, pause, resume, complete, abandon). Where it stands, its answers and its note are
derived from the events, so back, resume and the audit trail come from one mechanism.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from ..dialogue import repeat
from ..dialogue.answers import AnswerError, parse_answer, parse_choice
from ..dialogue.loader import guide_from_content
from ..dialogue.model import END, AnswerSpec, Choice, Guide, Step
from ..engine.lookahead import Lookahead
from ..engine.machine import ADVANCE, TO_HUB, compile_guide, computed_values, theme_trigger
from ..notes.agreements import STATUS_EVENT
from ..notes.cpr import masked_notice
from ..notes.holding import LeaseHolding, SessionDeleted
from ..notes.model import Note
from ..notes.store import EventRecord, NoteStore, NotFound, NotSaved, SessionRecord
from . import agreements, context, views
from .earlier import FromEarlier
from .note import build_note
from .results import (
    LEAVE_HUB,
    MAX_FAILURES,
    MODES,
    NAVIGATION,
    STATUS_EVENTS,
    Missing,
    Outcome,
    SessionError,
    ThemeStatus,
    TranscriptEntry,
)


@dataclass(frozen=True)
class _Frame:
    """What one navigation event changed, so that ``back`` can undo exactly that."""

    step: str
    done: frozenset[str]
    undo: dict[str, Any]
    event_seq: int


_UNSET = object()
# Events after which a session's agreements or follow-up date may have changed.
AGREEMENT_EVENTS = frozenset({"answer", "correct", "back"})


class Session(FromEarlier, LeaseHolding):
    store: NoteStore

    def __init__(
        self, store: NoteStore, record: SessionRecord, guide: Guide, events: list[EventRecord]
    ) -> None:
        self.store = store
        self.record = record
        self.template = guide  # the guide as written; ``guide`` is it with repeats expanded
        self.events = list(events)
        self.context = context.from_events(self.events)
        self.guide, self.item_of = context.expanded(guide, self.context)
        self.compiled = compile_guide(self.guide)
        self._walker = self.compiled.walker()
        self.failures = 0
        # elapsed_seconds so far: events counted, seconds, the last event's time, paused
        self._elapsed: tuple[int, float, datetime | None, bool] = (0, 0.0, None, False)
        self.synced_agreements: agreements.Derived | None = None  # what the store was last told
        self._replay()

    # --- opening --------------------------------------------------------------------------------
    @classmethod
    def start(
        cls,
        store: NoteStore,
        guide: Guide,
        *,
        borger: str | None,
        medarbejder: str | None = None,
        mode: str | None = None,
    ) -> Session:
        mode = mode or MODES.get(guide.use, "interview")
        borger = (borger or "").strip() or None
        if mode == "practice":
            borger = None
        elif mode == "interview" and not borger:
            raise SessionError(
                "Skriv et pseudonym for borgeren (fx initialer eller værelsesnummer) "
                "– aldrig et CPR-nummer."
            )
        store.save_guide_snapshot(guide.content_hash, guide.id, guide.version, guide.content)
        record = store.create_session(
            guide_id=guide.id,
            guide_version=guide.version,
            guide_hash=guide.content_hash,
            guide_title=guide.title,
            mode=mode,
            borger=borger,
            medarbejder=(medarbejder or "").strip() or None,
        )
        session = cls(store, record, guide, [])
        session.claim()
        if borger and mode != "practice" and repeat.uses_earlier(guide):
            session._record_context(borger)
        return session

    @classmethod
    def open(cls, store: NoteStore, session_id: str) -> Session:
        """Open a stored session against the exact guide version it started with."""
        record = store.get_session(session_id)
        content = store.load_guide_snapshot(record.guide_hash)
        if content is None:
            raise SessionError(
                f"Guiden, som samtalen {record.id} blev startet med, er ikke gemt; "
                "samtalen kan ikke genoptages."
            )
        try:
            guide = guide_from_content(content)
        except Exception:  # noqa: BLE001 - one damaged snapshot must not stop the program
            raise SessionError(
                f"Den gemte kopi af guiden, som noten {record.id} ({record.guide_title}) blev "
                "lavet med, kan ikke læses: den er beskadiget eller fra en anden version af "
                "Samtale. Noten kan ikke vises eller genoptages; de andre noter er ikke berørt."
            ) from None
        return cls(store, record, guide, store.events(record.id))

    def close(self) -> None:
        self.compiled.release(self._walker)
        self.release()

    # --- derived state --------------------------------------------------------------------------
    def _replay(self) -> None:
        self.step_id = self.guide.start
        self.answers: dict[str, Any] = {}
        self.answered_at: dict[str, str] = {}
        self.done: frozenset[str] = frozenset()
        self.handled: list[tuple[str, int]] = []
        self._handled_steps: dict[str, int] = {}  # step -> how often it is in ``handled``
        self._frames: list[_Frame] = []
        self._ahead = Lookahead(self.compiled)
        self.last_undone: dict[str, Any] = {}
        # (answer key, row) -> (status, when, by whom, why), from the aftale_status events
        self.agreement_status: dict[tuple[str, int], tuple[str, str, str | None, str | None]] = {}
        for event in self.events:
            self._apply(event)

    def _apply(self, event: EventRecord) -> None:
        kind, data = event.kind, event.data
        if kind == STATUS_EVENT:
            where = (str(data.get("key")), int(data.get("row") or 0))
            self.agreement_status[where] = (
                data["status"],
                event.at,
                data.get("af"),
                data.get("begrundelse"),
            )
            return
        if kind == "correct":
            self.answers[data["key"]] = data["value"]
            self.answered_at[data["key"]] = event.at
            self._ahead.touch((data["key"],))
            return
        if kind == "back":
            if self._frames:
                frame = self._frames.pop()
                self.last_undone = {}
                for key, old in frame.undo.items():
                    self.last_undone[key] = self.answers.get(key)
                    if old is _UNSET:
                        self.answers.pop(key, None)
                        self.answered_at.pop(key, None)
                    else:
                        self.answers[key], self.answered_at[key] = old
                self.step_id, self.done = frame.step, frame.done
                self._ahead.touch(frame.undo)
                # the frame undone is the latest one left, and so is its handled step
                if self.handled and self.handled[-1][1] == frame.event_seq:
                    self._unhandle(self.handled.pop()[0])
            return
        if kind not in NAVIGATION:
            return  # status events and role-play events do not move through the guide
        origin = self.step_id
        undo: dict[str, Any] = {}
        if kind == "answer":
            key = data["key"]
            undo[key] = (
                (self.answers[key], self.answered_at[key]) if key in self.answers else _UNSET
            )
            self.answers[key] = data["value"]
            self.answered_at[key] = event.at
            self._ahead.touch((key,))
        trigger = {"choose": theme_trigger(data.get("theme", "")), "to_hub": TO_HUB}.get(
            kind, ADVANCE
        )
        try:
            target = self.compiled.move(
                self._walker, origin, trigger, self.compiled.lookup(self.answers)
            )
        except Exception:  # noqa: BLE001 - an event the guide cannot take is ignored, never fatal
            for key, old in undo.items():
                if old is _UNSET:
                    self.answers.pop(key, None)
                else:
                    self.answers[key], self.answered_at[key] = old
            return
        self._frames.append(_Frame(origin, self.done, undo, event.seq))
        step = self.guide.steps.get(origin)
        hub = self.guide.hub_of(step.section) if step else None
        if hub is not None and target == hub.id and kind != "to_hub":
            self.done = self.done | {step.section}  # type: ignore[union-attr]
        if kind in ("answer", "skip") and step and not step.is_hub:
            self.handled.append((origin, event.seq))
            self._handled_steps[origin] = self._handled_steps.get(origin, 0) + 1
        self.step_id = target
        self.last_undone = {}

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def status(self) -> str:
        return self.record.status

    @property
    def values(self) -> dict[str, Any]:
        return computed_values(self.guide, self.answers)

    @property
    def step(self) -> Step | None:
        """The current step, or None when the guide has reached its end."""
        return self.guide.steps.get(self.step_id)

    @property
    def at_end(self) -> bool:
        return self.step_id == END

    @property
    def can_go_back(self) -> bool:
        return bool(self._frames)

    def render(self, text: str) -> str:
        """Text with ``{key}`` replaced by the answer given (``{{``/``}}`` for braces)."""
        return views.render(self, text)

    def transcript(self) -> list[TranscriptEntry]:
        """What has been asked and answered so far, in order."""
        return views.transcript(self)

    def missing_items(self) -> list[Missing]:
        """What must be answered before completing (see ``views.missing_items``)."""
        return views.missing_items(self)

    def previous_value(self) -> Any:
        """After ``back``: the answer that was undone at this step, to offer for editing."""
        step = self.step
        if step and step.answer:
            return self.last_undone.get(step.answer.key, self.answers.get(step.answer.key))
        return None

    def hub_choices(self) -> list[Choice]:
        """At a hub: the themes (done ones marked) and, last, going on."""
        step = self.step
        if step is None or not step.is_hub:
            return []
        choices = [
            Choice(t, self.guide.section(t).title + (" ✓" if t in self.done else ""))
            for t in step.themes
        ]
        return choices + [Choice(LEAVE_HUB, "Afslut temaerne og gå videre")]

    def themes(self) -> list[ThemeStatus]:
        """Every theme of the guide's hubs, with done and current marked."""
        current = self.step.section if self.step else ""
        return [
            ThemeStatus(t, self.guide.section(t).title, t in self.done, t == current)
            for hub in self.compiled.hubs
            for t in hub.themes
        ]

    def _unhandle(self, step_id: str) -> None:
        left = self._handled_steps[step_id] - 1
        if left:
            self._handled_steps[step_id] = left
        else:
            del self._handled_steps[step_id]

    def progress(self) -> tuple[int, int]:
        """(steps handled, handled + the steps still ahead on the likely path). The path is
        kept between calls and walked again only where an answer changed it."""
        done = len(self._handled_steps)
        ahead = self._ahead.ahead(
            self.step_id, lambda: self.compiled.lookup(self.answers), self.done
        )
        return done, done + ahead

    def elapsed_seconds(self, now: datetime | None = None) -> int:
        """Time spent in the conversation, not counting pauses (the events already counted
        are not read again: the TUI asks every second)."""
        seen, total, last, paused = self._elapsed
        if last is None:
            last = datetime.fromisoformat(self.record.started_at)
        for event in self.events[seen:]:
            at = datetime.fromisoformat(event.at)
            if not paused:
                total += max((at - last).total_seconds(), 0)
            last, paused = at, event.kind == "pause"
        self._elapsed = (len(self.events), total, last, paused)
        if not paused and self.status == "in_progress":
            total += max(((now or datetime.now().astimezone()) - last).total_seconds(), 0)
        return int(total)

    def visited(self) -> set[str]:
        """The steps the conversation has passed through on the way it actually went."""
        return {frame.step for frame in self._frames}

    def missing(self) -> list[str]:
        return [item.label for item in self.missing_items()]

    # --- actions --------------------------------------------------------------------------------
    def _append(self, kind: str, data: dict[str, Any], status: str | None = None) -> EventRecord:
        if self.status != "in_progress" and kind not in ("correct", "resume"):
            raise SessionError("Samtalen er afsluttet og kan ikke ændres.")
        try:
            if self.holder is None:
                self.claim()
            event = self.store.append_event(self.id, kind, data, status=status, lease=self.holder)
        except NotFound:
            raise SessionDeleted() from None
        self.events.append(event)  # NotSaved (the connection lost) came before: nothing moved
        self._apply(event)
        try:  # the event is stored: a connection lost now only delays what is derived from it
            if kind in AGREEMENT_EVENTS:
                agreements.sync(self)  # (again after the next event, if not now)
            # ``masked`` (what create_session masked at the start) is not stored: keep it
            self.record = replace(self.store.get_session(self.id), masked=self.record.masked)
        except NotSaved:
            self.record = replace(self.record, status=status or self.record.status)
        return event

    def record_event(self, kind: str, data: dict[str, Any]) -> EventRecord:
        """NoteStore an event that does not move through the guide (e.g. a role-play turn)."""
        if kind in NAVIGATION or kind in STATUS_EVENTS or kind == context.KIND:
            raise ValueError(f"{kind!r} is a guide event; use its own method")
        return self._append(kind, data)

    def _fail(self, message: str) -> Outcome:
        self.failures += 1
        return Outcome(False, message, offer_help=self.failures >= MAX_FAILURES)

    def answer(self, raw: Any) -> Outcome:
        """Answer the current step with typed text or a widget's value."""
        step = self.step
        if step is None:
            return Outcome(False, "Guiden er slut. Gennemse noten og afslut samtalen.")
        if step.is_hub:
            return self._answer_hub(step, raw)
        if step.answer is None:
            event = self._append("skip", {"step": step.id})
            self.failures = 0
            return Outcome(True, masked=event.masked)
        try:
            value = parse_answer(step.answer, raw)
        except AnswerError as e:
            return self._fail(str(e))
        event = self._append("answer", {"step": step.id, "key": step.answer.key, "value": value})
        self.failures = 0
        return self._with_status(self._stored(event), step.answer.key, value)

    def _answer_hub(self, step: Step, raw: Any) -> Outcome:
        try:
            choice = parse_choice(tuple(self.hub_choices()), str(raw).replace("✓", "").strip())
        except AnswerError as e:
            return self._fail(str(e))
        if choice.value == LEAVE_HUB:
            return self.leave_hub()
        return self.choose_theme(choice.value)

    @staticmethod
    def _stored(event: EventRecord) -> Outcome:
        if event.masked:
            return Outcome(True, masked_notice(event.masked), masked=event.masked)
        return Outcome(True)

    def skip(self) -> Outcome:
        step = self.step
        if step is None:
            return Outcome(False, "Guiden er slut; der er intet at springe over.")
        self.failures = 0
        if step.is_hub:
            self._append("leave_hub", {"step": step.id, "forced": True})
            return Outcome(True, "Temaerne er sprunget over." if not self.done else "")
        self._append("skip", {"step": step.id})
        return Outcome(True)

    def back(self) -> Outcome:
        if not self._frames:
            return Outcome(False, "Du er ved det første trin; der er intet at gå tilbage til.")
        self.failures = 0
        self._append("back", {"from": self.step_id})
        return Outcome(True)

    def choose_theme(self, section_id: str) -> Outcome:
        step = self.step
        if step is None or not step.is_hub:
            return Outcome(False, "Der kan kun vælges tema fra temaoversigten.")
        if section_id not in step.themes:
            return self._fail(f"'{section_id}' er ikke et af temaerne her.")
        self.failures = 0
        self._append("choose", {"step": step.id, "theme": section_id})
        return Outcome(True)

    def leave_hub(self) -> Outcome:
        step = self.step
        if step is None or not step.is_hub:
            return Outcome(False, "Du er ikke ved temaoversigten.")
        done = len(self.done & set(step.themes))
        if done < step.min_themes:
            return self._fail(
                f"I har talt om {done} af mindst {step.min_themes} temaer. Vælg et "
                "tema mere, eller spring over, hvis I vil videre alligevel."
            )
        self.failures = 0
        self._append("leave_hub", {"step": step.id})
        return Outcome(True)

    def to_hub(self) -> Outcome:
        """From inside a theme, back to the theme overview (the theme is not marked done)."""
        step = self.step
        if step is None or self.guide.hub_of(step.section) is None:
            return Outcome(False, "Du er ikke i et tema.")
        self._append("to_hub", {"step": step.id})
        return Outcome(True)

    def correct(self, key: str, raw: Any) -> Outcome:
        """Change or add any answer without moving, e.g. while reviewing the note."""
        specs = self.guide.answer_specs()
        if key not in specs:
            return Outcome(False, f"'{key}' er ikke et svar i denne guide.")
        try:
            value = parse_answer(specs[key][1], raw)
        except AnswerError as e:
            return Outcome(False, str(e))
        outcome = self._stored(self._append("correct", {"key": key, "value": value}))
        return self._with_status(outcome, key, value)

    def pause(self) -> Outcome:
        if self.status == "in_progress" and (not self.events or self.events[-1].kind != "pause"):
            self._append("pause", {"step": self.step_id})
        self.release()
        return Outcome(True, "Samtalen er sat på pause, og alt er gemt.")

    def resume(self) -> Outcome:
        if self.status == "in_progress" and self.events and self.events[-1].kind == "pause":
            self._append("resume", {"step": self.step_id})
        return Outcome(True)

    def complete(self, force: bool = False) -> Outcome:
        """End the session; refused with the list of what is missing unless ``force``."""
        if self.status == "completed":
            return Outcome(True, "Samtalen er allerede afsluttet.")
        if not self.at_end and self.record.mode != "practice":
            return Outcome(False, "Guiden er ikke gennemgået til enden endnu.")
        missing = self.missing()
        if missing and not force:
            return Outcome(False, "Der mangler svar, før samtalen kan afsluttes.", missing=missing)
        self._append("complete", {"missing": missing}, status="completed")
        return Outcome(True, f"Samtalen er afsluttet. Notens id: {self.id}", missing=missing)

    def abandon(self) -> Outcome:
        self._append("abandon", {"step": self.step_id}, status="abandoned")
        return Outcome(True, "Samtalen er afbrudt. Det, der er skrevet, er gemt.")

    # --- the note -------------------------------------------------------------------------------
    def note(self) -> Note:
        return build_note(self)

    def answer_spec(self, key: str) -> AnswerSpec | None:
        spec = self.guide.answer_specs().get(key)
        return spec[1] if spec else None


def sync_all_agreements(store: NoteStore) -> int:
    """Derive the agreements of the notes an older version wrote; how many notes it read."""
    ids = store.unsynced_sessions()
    for session_id in ids:
        session = Session.open(store, session_id)
        try:
            agreements.sync(session, force=True)
        finally:
            session.close()
    return len(ids)
