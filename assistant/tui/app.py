"""The Samtale Textual app and the factory that the CLI and the tests use."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.screen import Screen

from ..notes.interface import NoteStore
from ..notes.store import StoreError
from . import navigation
from .bindings import bindings
from .commands import SamtaleCommands
from .router import Router
from .screens import too_small

if TYPE_CHECKING:
    from ..dialogue.model import Guide
    from ..roleplay.persona import Persona
    from .screens.home import HomeScreen

STYLES = Path(__file__).with_name("styles")


class SamtaleApp(Router):
    """Home, start, conversation, end, notes and practice screens over one notes store."""

    # one stylesheet per screen, in this order (later rules win a tie, as in one file)
    CSS_PATH = [
        STYLES / f"{name}.tcss"
        for name in (
            "base",
            "home",
            "agreements",
            "start",
            "conversation",
            "end",
            "notes",
            "timeline",
            "modals",
            "practice",
        )
    ]
    TITLE = "Samtale"
    COMMANDS = App.COMMANDS | {SamtaleCommands}
    NOTIFICATION_TIMEOUT = 8
    BINDINGS = bindings("app")

    def __init__(
        self,
        store: NoteStore,
        *,
        session_id: str | None = None,
        guide: Guide | None = None,
        borger: str | None = None,
        medarbejder: str | None = None,
        guides: list[Guide] | None = None,
        persona: Persona | None = None,
        trio: bool = False,
        seed: int | None = None,
        take_over: bool = False,
    ) -> None:
        super().__init__()
        self.store = store
        self.start_session_id = session_id
        self.start_take_over = take_over  # `samtale resume ID --overtag`
        self._lost: set[str] = set()  # sessions the heartbeat found taken over
        self.start_guide = guide
        self.start_borger, self.start_medarbejder = borger, medarbejder
        self.guides = guides
        self.start_persona, self.start_trio = persona, trio
        self.seed = seed  # every practice started in this app uses it (reproducible replies)
        self.notices: list[tuple[str, str]] = []
        self.quit_question: Screen[bool] | None = None  # "close without saving?", while shown
        self.fitted = False  # whether the screens follow the window's size (from on_mount on)
        self.starting = False  # the first screen waits for the window to grow
        self.home: HomeScreen  # the bottom of the screen stack, made by get_default_screen

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification and keep it in ``notices`` (what the user has been told).

        Messages hold user text, so they are never read as markup unless asked for."""
        self.notices.append((title, message))
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def get_key_display(self, binding: Binding) -> str:
        """Keys as printed on a keyboard: Ctrl+S, F2, Esc (not ^s)."""
        if binding.key_display:
            return binding.key_display
        names = {"escape": "Esc", "delete": "Delete", "enter": "Enter"}
        return "+".join(
            names.get(part, part.capitalize() if len(part) > 1 else part.upper())
            for part in binding.key.split(",")[0].split("+")
        )

    def action_help_quit(self) -> None:
        self.notify(
            "Tryk Ctrl+Q for at lukke Samtale. En samtale i gang sættes på pause.",
            title="Vil du lukke programmet?",
        )

    def get_default_screen(self) -> Screen:
        """The home screen, at the bottom of the screen stack: the other screens return to it."""
        from .screens.home import HomeScreen

        self.home = HomeScreen(self.store, self.guides)
        return self.home

    def on_mount(self) -> None:
        if self.store.world_readable_warning:
            self.notify(self.store.world_readable_warning, markup=False, severity="warning")
        from ..notes.lease import HEARTBEAT_SECONDS

        self.set_interval(HEARTBEAT_SECONDS, self.heartbeat, name="samtale-lease")
        self.fitted = True
        if too_small.fit_to_terminal(self, self.size):
            self.starting = True  # in a window too small to show it: once it has grown
        else:
            self.open_first_screen()

    def open_first_screen(self) -> None:
        """The conversation, practice or start screen the command line asked for, if any."""
        self.starting = False
        if self.start_session_id:
            self.open_session(self.start_session_id, take_over=self.start_take_over)
        elif self.start_persona is not None:
            self.start_practice()
        elif self.start_guide is not None:
            self.go(navigation.Start(self.start_guide, self.start_borger, self.start_medarbejder))

    def on_resize(self, event: events.Resize) -> None:
        if self.fitted and not too_small.fit_to_terminal(self, event.size) and self.starting:
            self.open_first_screen()

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """Push a screen; while the window is too small, the notice stays on top of it."""
        covering = isinstance(screen, too_small.Shield | too_small.TooSmallScreen)
        hide = too_small.covered(self) and not covering
        pushed = super().push_screen(screen, *args, **kwargs)
        if hide:
            too_small.cover(self, self.size)
        return pushed

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in too_small.BLOCKED and too_small.covered(self):
            return False  # nothing opens on top of "Gør vinduet større"
        return True

    def start_practice(self) -> None:
        """``samtale practice``: straight into the practice when guide and persona are given,
        else onto the practice start screen with what was given chosen."""
        from ..practice import Practice
        from ..session import SessionError
        from .screens.practice import PracticeStartScreen

        guide, persona = self.start_guide, self.start_persona
        if guide is not None and persona is not None:
            try:
                practice = Practice.start(
                    self.store,
                    guide,
                    persona,
                    medarbejder=self.start_medarbejder,
                    seed=self.seed,
                    trio=self.start_trio,
                )
            except (SessionError, StoreError) as e:
                self.notify(str(e), markup=False, severity="error", timeout=12)
            else:
                self.push_screen(self.practice_screen(practice))
                if practice.session.record.masked:
                    self.notify_cpr_masked()
                return
        self.push_screen(
            PracticeStartScreen(
                self.store,
                self.home.guides,
                guide=guide,
                persona=persona,
                trio=self.start_trio,
                medarbejder=self.start_medarbejder,
                seed=self.seed,
            )
        )

    def notify_cpr_masked(self) -> None:
        """Tell the staff member that something like a CPR number was replaced."""
        from ..notes.cpr import masked_notice

        self.notify(
            masked_notice(),
            title="CPR-nummer fjernet",
            markup=False,
            severity="warning",
            timeout=12,
        )

    def actor(self) -> str:
        """Who is acting, for the audit trail (see ``notes.store.actor``)."""
        from ..notes.store import actor

        return actor(self.start_medarbejder)

    def audit(self, action: str, session_id: str | None, detail: str = "") -> None:
        """Add a line to the audit trail. Never fatal: on a full or read-only disk the staff
        member must still be able to read and export what is on screen."""
        try:
            self.store.audit(action, session_id, self.actor(), detail)
        except StoreError:
            pass

    def heartbeat(self) -> None:
        """Renew the lease of the conversation or practice that is open (every 30 seconds);
        if it was taken over elsewhere, say so once."""
        from ..notes.lease import LeaseLost

        for screen in self.screen_stack:
            session = getattr(screen, "session", None)
            if (
                session is None
                or getattr(session, "holder", None) is None
                or session.id in self._lost
            ):
                continue
            try:
                session.heartbeat()
            except LeaseLost as e:
                self._lost.add(session.id)  # said once; the next write is refused anyway
                self.notify(str(e), markup=False, severity="warning", timeout=15)
            except StoreError:
                pass  # a busy or full disk: the next write says so

    def action_help(self) -> None:
        from .screens.modals import InfoModal

        if isinstance(self.screen, InfoModal):
            return
        screen = self.screen
        parts: list[tuple[str, Text]] = list(getattr(screen, "help_parts", list)())
        keys = Text()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description:
                continue
            if keys:
                keys.append("\n")
            style = "bold" if active.enabled else "dim"
            keys.append(f"{self.get_key_display(binding):>8}  ", style)
            keys.append(binding.description, style)
            if binding.tooltip:
                keys.append(f" – {binding.tooltip}", "" if active.enabled else "dim")
            if not active.enabled:
                keys.append(" (kan ikke bruges lige nu)", "dim")
        keys.append("\n     Tab  Gå til næste felt eller knap", "")
        parts.append(("Taster", keys))
        self.push_screen(InfoModal("Hjælp", parts))

    async def action_quit(self) -> None:
        """Close the app; if something typed is not saved yet, ask first."""
        from .screens.modals import ConfirmModal

        if self.quit_question is not None:
            return
        typing = [s for s in self.screen_stack if getattr(s, "unsaved_typing", lambda: False)()]
        if not typing:
            self.quit_now()
            return

        def answered(close: bool | None) -> None:
            self.quit_question = None
            if close:
                self.quit_now()

        what = getattr(typing[-1], "WHAT", "samtalen")  # what is paused: "øvelsen" in practice
        self.quit_question = ConfirmModal(
            "Du har skrevet noget, der ikke er gemt endnu. Luk alligevel? Det skrevne gemmes "
            f"ikke; resten af {what} er gemt og sættes på pause.",
            yes="Luk uden at gemme",
            no="Bliv og gem først",
        )
        self.push_screen(self.quit_question, answered)

    def quit_now(self) -> None:
        from ..session import SessionError
        from .screens.conversation import ConversationScreen
        from .screens.end import EndScreen

        for screen in self.screen_stack:
            pause_for_quit = getattr(screen, "pause_for_quit", None)
            if pause_for_quit is not None:
                pause_for_quit()
            elif isinstance(screen, ConversationScreen | EndScreen):
                session = screen.session
                if session.status == "in_progress":
                    try:
                        session.pause()
                    except (SessionError, StoreError):
                        pass
        self.exit()

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(
                CommandPalette(placeholder="Søg efter en handling …", id="--command-palette")
            )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("Hjælp", "Taster og hjælp til det, du er i gang med", self.action_help)
        yield SystemCommand("Luk Samtale", "En samtale i gang sættes på pause", self.action_quit)


def create_app(store: NoteStore, **options: Any) -> SamtaleApp:
    """The app as users get it, for the CLI and the tests alike: on the home screen; with
    ``guide`` on its start screen (prefilled); with ``guide`` and ``persona`` (and ``trio``,
    ``seed``, ``medarbejder``) straight in a practice; with ``session_id`` resuming that session.
    ``guides`` replaces the bundled guides (tests)."""
    _freeze_startup_objects()
    return SamtaleApp(store, **options)


def _freeze_startup_objects() -> None:
    """Move what exists when the first app is made (imported modules, classes, the guide index)
    out of the garbage collector's sight: it lives as long as the process, and a full collection
    that scanned it cost ~20 ms during start-up, and again at random moments during a talk.
    Once per process, so that tests making many apps do not freeze their garbage."""
    if not gc.get_freeze_count():
        gc.freeze()


__all__ = ["SamtaleApp", "create_app"]
