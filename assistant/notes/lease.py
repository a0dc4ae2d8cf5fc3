"""One writer per conversation: the lease a process holds on a conversation while it is open.

A front end that opens a conversation for writing (started or resumed) acquires its lease,
renews it (the heartbeat) while the conversation is open, and releases it when it closes. A
second process is refused while the lease is fresh, unless it takes over explicitly; a lease
whose heartbeat is older than ``EXPIRY_SECONDS`` (a computer put to sleep, a lost network), or
whose holder is a process on this computer that no longer runs (killed, crashed), may be taken
silently. Every event is written only after the store has checked, in the same
transaction, that the writer still holds the lease, so a writer that was taken over from is
refused instead of interleaving its events with the new holder's.

This module is the store-agnostic part: the interface (``Leases``), what a lease is, who holds
it, the messages and the heartbeat thread. ``sqlite/lease.py`` implements it for the SQLite store;
a server store (PostgreSQL) implements the same four operations on its own table.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from .errors import StoreError

EXPIRY_SECONDS = 120.0  # a lease not renewed for this long is stale and may be taken silently
HEARTBEAT_SECONDS = 30.0  # how often an open conversation renews its lease


@dataclass(frozen=True)
class Lease:
    """Who holds a conversation open, since when, and when it last said it still does."""

    session_id: str
    holder: str
    taken_at: float  # seconds since the epoch
    heartbeat_at: float

    def alive(self, now: float | None = None) -> bool:
        """Whether the holder may still be writing: its heartbeat is fresh, and, if it is a
        process on this computer, that process still runs (a killed one is let go at once)."""
        if (time.time() if now is None else now) - self.heartbeat_at >= EXPIRY_SECONDS:
            return False
        host, _, rest = self.holder.partition(":")
        pid = rest.partition(":")[0]
        if host != _hostname() or not pid.isdigit() or os.name != "posix":
            return True  # (on Windows, os.kill would end the process instead of asking)
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return False
        except OSError:  # e.g. another user's process: it runs
            return True
        return not _dead(int(pid))

    @property
    def since(self) -> str:
        """When it was taken, as local HH:MM."""
        return datetime.fromtimestamp(self.taken_at).strftime("%H:%M")

    @property
    def taken_over(self) -> str:
        """What to tell the one who took this lease over."""
        return (
            f"Du har overtaget samtalen, der var åben et andet sted siden kl. {self.since}. "
            "Dér bliver det, der skrives, ikke gemt mere."
        )


def _dead(pid: int) -> bool:
    """Whether a process that signal 0 still reaches has ended: killed, but not yet waited for
    by its parent (a zombie). Known on Linux only; elsewhere it is taken to run."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rpartition(")")[2].split()[:1] in (["Z"], ["X"])
    except OSError:
        return False


def _hostname() -> str:
    import socket  # here, as below: listing notes never needs it

    try:
        return socket.gethostname().replace(":", "_") or "ukendt"
    except OSError:
        return "ukendt"


def new_holder() -> str:
    """A holder id, one per open store: host, process and a random token (so that two stores
    in one process are two holders, as two processes are)."""
    import secrets

    return f"{_hostname()}:{os.getpid()}:{secrets.token_hex(6)}"


class LeaseHeld(StoreError):
    """The conversation is open in another process (or window), with a fresh lease."""

    def __init__(self, lease: Lease) -> None:
        self.lease = lease
        self.first = f"Samtalen er åben et andet sted (siden kl. {lease.since})."
        super().__init__(
            f"{self.first} Luk den dér, eller tag den over her med: "
            f"samtale resume {lease.session_id} --overtag"
        )


class LeaseLost(StoreError):
    """Another process took the conversation over: this one may no longer write to it."""

    def __init__(self, session_id: str) -> None:
        self.session_id = session_id
        super().__init__("Samtalen er overtaget et andet sted; dit svar er ikke gemt.")


class SavedMeanwhile(LeaseLost):
    """What this process was told was not saved (the connection was lost) reached the store
    after all, and something else was to be stored next: what the conversation shows here is
    behind the store, so it may no longer write until it is opened again."""

    def __init__(self, session_id: str) -> None:
        self.session_id = session_id
        StoreError.__init__(
            self,
            "Det, der ikke kunne gemmes, da forbindelsen til databasen blev tabt, blev alligevel "
            "gemt, så samtalen her viser ikke det seneste. Det nye er ikke gemt. Luk samtalen, "
            f"og genoptag den (samtale resume {session_id}), så ser du den, som den er gemt.",
        )


class Leases(Protocol):
    """What a store offers to keep one writer per conversation."""

    @property
    def holder(self) -> str:
        """The id that this store object writes under."""
        ...

    def acquire(self, session_id: str, holder: str, *, take_over: bool = False) -> Lease | None:
        """Take the lease; raise LeaseHeld if another holder's lease is fresh (unless
        ``take_over``). Returns the fresh lease that was taken over, if any."""

    def renew(self, session_id: str, holder: str) -> None:
        """The heartbeat; raise LeaseLost if ``holder`` no longer holds the lease."""

    def release(self, session_id: str, holder: str) -> None:
        """Give the lease up (nothing happens if ``holder`` does not hold it)."""

    def heartbeat(self, session_id: str, holder: str) -> Heartbeat:
        """A started thread that renews the lease every HEARTBEAT_SECONDS until stopped."""


class Heartbeat(threading.Thread):
    """Calls ``renew`` every ``every`` seconds until stopped (for plain mode, which waits for a
    line of input for as long as a conversation takes). A failure is left to the next write,
    which is checked anyway and tells the staff member."""

    def __init__(self, renew: Callable[[], None], every: float = HEARTBEAT_SECONDS) -> None:
        super().__init__(name="samtale-lease", daemon=True)
        self._renew, self._every = renew, every
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(self._every):
            try:
                self._renew()
            except Exception:  # noqa: BLE001, S112 - see the class docstring
                continue

    def stop(self) -> None:
        self._stopped.set()
        self.join(timeout=5)
