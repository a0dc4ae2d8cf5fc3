"""The app's half of navigation: the screen for each place a screen asks for (``navigation``),
resuming a stored session, and leaving a conversation or practice on pause.

``SamtaleApp`` inherits it; it imports the screens only inside its methods, as the app does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from ..notes.interface import NoteStore
from ..notes.store import StoreError
from . import navigation
from .keys import KeysInOrderApp

if TYPE_CHECKING:
    from ..practice import Practice
    from ..session import Session
    from .screens.home import HomeScreen


class Router(KeysInOrderApp):
    """Which screen follows which."""

    store: NoteStore
    home: HomeScreen  # the bottom of the screen stack
    seed: int | None  # every practice started in this app uses it
    _lost: set[str]  # sessions the heartbeat found taken over

    def audit(self, action: str, session_id: str | None, detail: str = "") -> None:
        """Add a line to the audit trail (``SamtaleApp.audit``)."""
        raise NotImplementedError

    def pause_and_go_home(self, session: Session, what: str) -> None:
        """Pause a conversation or practice (``what``: "Samtalen med AB") and leave its screen;
        if the pause cannot be stored, say why and stay."""
        from ..notes.lease import LeaseLost
        from ..session import SessionDeleted, SessionError

        try:
            session.pause()
        except (LeaseLost, SessionDeleted) as e:  # it goes on elsewhere, or is gone: leave
            self.notify(str(e), markup=False, severity="warning", timeout=15)
            self.pop_screen()
            return
        except (SessionError, StoreError) as e:
            self.notify(str(e), markup=False, severity="error")
            return
        self.notify(
            f"{what} er sat på pause. Genoptag den under 'Samtaler i gang' på startskærmen, "
            f"eller med: samtale resume {session.id}",
            title="Pause",
            markup=False,
            timeout=15,
        )
        self.pop_screen()

    def open_session(self, session_id: str, take_over: bool = False) -> None:
        """Resume a stored session: the conversation, the review if it is at the end, or the
        practice screen for a practice. If it is open elsewhere, ask before taking it over."""
        from ..session import Session, SessionError
        from .screens.conversation import ConversationScreen
        from .screens.end import EndScreen
        from .screens.notes import NoteViewScreen

        try:
            session = Session.open(self.store, session_id)
        except (SessionError, StoreError) as e:
            self.notify(str(e), markup=False, severity="error", timeout=12)
            return
        if session.status != "in_progress":
            session.close()
            self.notify("Samtalen er ikke i gang længere; her er noten.", markup=False)
            self.push_screen(NoteViewScreen(self.store, session_id))
            return
        if not self._claim(session, take_over):
            return
        self.audit("resumed", session.id, session.record.guide_title)
        if session.record.mode == "practice":
            self._open_practice(session)
            return
        self.push_screen(EndScreen(session) if session.at_end else ConversationScreen(session))

    def _claim(self, session: Session, take_over: bool) -> bool:
        """Hold the session open here; if it is open elsewhere, offer to take it over."""
        from ..notes.lease import LeaseHeld
        from .screens.modals import ConfirmModal

        try:
            session.claim(take_over=take_over)
            self._lost.discard(session.id)
        except LeaseHeld as e:
            session.close()
            question = (
                f"{e.first}\n\nLuk den dér, eller overtag den her. Overtager du den, bliver "
                "det, der skrives dér, ikke gemt mere."
            )

            def answered(yes: bool | None) -> None:
                if yes:
                    self.open_session(session.id, take_over=True)

            self.push_screen(ConfirmModal(question, yes="Overtag samtalen"), answered)
            return False
        except StoreError as e:
            session.close()
            self.notify(str(e), markup=False, severity="error", timeout=12)
            return False
        return True

    def _open_practice(self, session: Session) -> None:
        from ..practice import Practice
        from ..session import SessionError
        from .screens.notes import NoteViewScreen

        try:
            practice = Practice.attach(session)
        except (SessionError, LookupError) as e:
            session.close()
            self.notify(str(e), markup=False, severity="error", timeout=15)
            self.push_screen(NoteViewScreen(self.store, session.id))
            return
        self.push_screen(self.practice_screen(practice))

    # --- navigation: which screen follows which -------------------------------------------------
    def go(self, place: navigation.Place) -> None:
        """Show ``place`` (see ``tui.navigation``). A place that carries on the same session or
        practice (conversation and review, practice and scorecard) takes the asking screen's
        place; the others go on top of it, so that leaving them returns there."""
        if isinstance(place, navigation.Resume):
            self.open_session(place.session_id)
        elif isinstance(place, navigation.Conversation | navigation.End):
            from .screens.conversation import ConversationScreen
            from .screens.end import EndScreen

            kind = EndScreen if isinstance(place, navigation.End) else ConversationScreen
            self.switch_screen(kind(place.session))
        elif isinstance(place, navigation.PracticeRun):
            self.switch_screen(self.practice_screen(place.practice))
        elif isinstance(place, navigation.Scorecard):
            from .screens.practice import ScorecardScreen

            self.switch_screen(ScorecardScreen(place.practice))
        else:
            self.push_screen(self.screen_for(place))

    def screen_for(
        self,
        place: navigation.Start
        | navigation.Notes
        | navigation.Note
        | navigation.Timeline
        | navigation.PracticeStart,
    ) -> Screen:
        """The screen that goes on top for ``place``."""
        if isinstance(place, navigation.Start):
            from .screens.start import StartScreen

            return StartScreen(self.store, place.guide, place.borger, place.medarbejder)
        if isinstance(place, navigation.Notes):
            from .screens.notes import NotesScreen

            return NotesScreen(self.store)
        if isinstance(place, navigation.Note):
            from .screens.notes import NoteViewScreen

            return NoteViewScreen(self.store, place.session_id)
        if isinstance(place, navigation.Timeline):
            from .screens.timeline import TimelineScreen

            return TimelineScreen(self.store, place.borger)
        from .screens.practice import PracticeStartScreen

        return PracticeStartScreen(self.store, self.home.guides, seed=self.seed)

    @staticmethod
    def practice_screen(practice: Practice) -> Screen:
        """The screen for a running practice: the solo talk or the trio tally board."""
        from .screens.practice import SoloPracticeScreen, TrioPracticeScreen

        return TrioPracticeScreen(practice) if practice.trio else SoloPracticeScreen(practice)
