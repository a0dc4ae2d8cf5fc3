"""Keys handled one after another, however fast they come (a fast typist, a paste of keys, a
slow connection that delivers them in a burst).

Textual gives a key to the focused widget as it arrives, but runs the bindings of that widget
and its parents (Tab, Enter, Backspace, the arrow keys, Ctrl+S) only when the key has bubbled
back up to the app. In a burst the next keys are handed out meanwhile: a name typed after Tab
lands in the field before it, a character typed after Ctrl+S ends up in the saved answer, and
an arrow key followed by Enter presses the button the arrow was moving away from. Here the next
key waits until the one before it has come all the way up."""

from __future__ import annotations

from collections import deque

from textual import events
from textual.app import App, ScreenStackError
from textual.message import Message
from textual.timer import Timer

WAIT_AT_MOST = 0.5  # seconds; should a key get lost on its way (its widget removed meanwhile)


class KeyHandled(Message):
    """Posted behind a key to the widget the key went to: it bubbles up the same way, so it
    reaches the app when the key has been handled, bindings and all."""

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number


class KeysInOrderApp(App[None]):
    """An app that dispatches a key only when the one before it has been handled."""

    def __init__(self) -> None:
        super().__init__()
        self._keys_waiting: deque[events.Key] = deque()
        self._key_number = 0
        self._key_on_its_way: Timer | None = None

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
            return
        if self._key_on_its_way is not None:
            self._keys_waiting.append(event)
            return
        try:
            target = self.focused or self.screen
        except ScreenStackError:  # no screen yet
            target = None
        await super().on_event(event)
        self._key_number += 1
        if target is not None and target.post_message(KeyHandled(self._key_number)):
            self._key_on_its_way = self.set_timer(WAIT_AT_MOST, self._next_key)
        else:
            await self._next_key()

    async def on_key_handled(self, message: KeyHandled) -> None:
        if message.number == self._key_number:
            await self._next_key()

    async def _next_key(self) -> None:
        if self._key_on_its_way is not None:
            self._key_on_its_way.stop()
            self._key_on_its_way = None
        if self._keys_waiting:
            await self.on_event(self._keys_waiting.popleft())
