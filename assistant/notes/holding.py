"""The lease side of a running conversation (see ``notes/lease.py``): one writer per conversation.

A session holds its conversation's lease while it is open for writing: taken when it starts or
is resumed (``claim``), renewed by the front end's heartbeat, and let go on pause and close.
Every write claims it first if it is not held, and the store checks it in the same transaction
as the event, so nothing is ever written without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import StoreError
from .lease import Heartbeat, Lease, LeaseLost

if TYPE_CHECKING:
    from .interface import NoteStore
    from .records import EventRecord


class SessionDeleted(StoreError):
    """The conversation was deleted (``notes delete``, another window) while it was open."""

    def __init__(self) -> None:
        super().__init__(
            "Samtalen er slettet, mens den var åben (fx med 'samtale notes delete' eller i et "
            "andet vindue), så det nye er ikke gemt, og den kan ikke genoptages."
        )


class LeaseHolding:
    """Mixed into ``Session``, which provides ``store``, ``id`` and ``events``."""

    store: NoteStore
    events: list[EventRecord]
    holder: str | None = None  # the holder id this session writes under, while it holds
    _claimed = False

    @property
    def id(self) -> str:
        raise NotImplementedError

    def claim(self, take_over: bool = False) -> Lease | None:
        """Hold the conversation open for writing here: refused (LeaseHeld) while it is open
        elsewhere, unless ``take_over``; returns the lease taken over, if any."""
        holder = self.store.leases.holder
        taken = self.store.leases.acquire(self.id, holder, take_over=take_over)
        self.holder = holder
        if self._claimed and [e.seq for e in self.store.events(self.id)] != [
            e.seq for e in self.events
        ]:
            self.release()  # written elsewhere since this one let go: what it shows is old
            raise LeaseLost(self.id)
        self._claimed = True
        return taken

    def release(self) -> None:
        """Let go of the lease (on pause and close): the conversation is open nowhere."""
        if self.holder is not None:
            holder, self.holder = self.holder, None
            try:
                self.store.leases.release(self.id, holder)
            except StoreError:
                pass  # the store is gone or closed: the lease expires by itself

    def heartbeat(self) -> None:
        """Renew the lease (every HEARTBEAT_SECONDS while open); LeaseLost if taken over."""
        if self.holder is not None:
            self.store.leases.renew(self.id, self.holder)

    def keep_alive(self) -> Heartbeat | None:
        """A thread that renews the lease until stopped (for a front end that blocks on input)."""
        if self.holder is None:
            return None
        return self.store.leases.heartbeat(self.id, self.holder)
