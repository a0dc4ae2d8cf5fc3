"""How many steps are still ahead on the likely path, without walking the guide on every answer.

The likely path from a step is the walk that takes, at every step, the first way on that holds
with the answers given (``CompiledGuide.advance``), until the end, a step it has already passed
(a loop) or a condition that cannot be evaluated. A hub counts the steps of the themes still
needed; every other step counts one.

The walk from the current step is kept, stored from its end, so that a step's position is the
number of steps from it to the end: counting is a look-up. What can change the walk is an answer
that a condition on it reads; ``touch`` marks those steps, and only they are walked again (the
walk usually joins the kept one a step later). Going forward drops what is behind; going back
walks from the earlier step until it joins the kept walk. Answering in a guide of 50,000 steps
costs what it costs in one of 50.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..dialogue import expr as ex
from ..dialogue.model import Guide, Step
from .machine import CompiledGuide

Values = Callable[[], Mapping[str, Any]]


def computed_from(guide: Guide) -> dict[str, set[str]]:
    """For each answer, the computed values made from it, directly or through another one."""
    reads: dict[str, set[str]] = {}
    for item in guide.computed:
        nodes = [item.expr] if item.expr is not None else [c.condition for c in item.cases]
        reads[item.key] = {n.value for node in nodes if node is not None for n in ex.names(node)}
    made: dict[str, set[str]] = {}
    for key, names in reads.items():
        todo, seen = list(names), set()
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            made.setdefault(name, set()).add(key)
            todo.extend(reads.get(name, ()))
    return made


class Lookahead:
    """The kept walk of one session; ``ahead`` gives the count from its current step."""

    def __init__(self, compiled: CompiledGuide) -> None:
        self.compiled = compiled
        self.guide = compiled.guide
        self._order: list[str] = []  # the walk, its last step first
        self._pos: dict[str, int] = {}  # step -> its index in _order
        self._loop: str | None = None  # the passed step the walk would come back to, if any
        self._dirty: set[str] = set()  # steps on the walk whose way on may have changed
        self._hubs: set[str] = set()  # hubs on the walk
        self._computed = computed_from(self.guide)

    def touch(self, keys: Iterable[str]) -> None:
        """These answers changed: the steps whose conditions read them, or read a computed
        value made from them, are walked again."""
        readers = self.compiled.readers
        for key in keys:
            self._mark(readers.get(key, ()))
            for computed in self._computed.get(key, ()):
                self._mark(readers.get(computed, ()))

    def _mark(self, steps: Iterable[str]) -> None:
        for step_id in steps:
            if step_id in self._pos:
                self._dirty.add(step_id)

    def ahead(self, step_id: str, values: Values, done: frozenset[str]) -> int:
        """The steps ahead of and including ``step_id`` on the likely path (hubs: the steps
        of the themes still needed)."""
        if step_id not in self.guide.steps:
            return 0
        if step_id in self._pos:
            self._drop_behind(step_id)
        else:
            self._walk_from(step_id, values)
        self._clean(values)
        count = self._pos[step_id] + 1 - len(self._hubs)
        for hub in self._hubs:
            count += self._hub_steps(self.guide.steps[hub], done)
        return count

    # --- keeping the walk -----------------------------------------------------------------------
    def _hub_steps(self, hub: Step, done: frozenset[str]) -> int:
        left = [t for t in hub.themes if t not in done]
        need = max(hub.min_themes - len(done & set(hub.themes)), 0)
        return sum(len(self.guide.section(theme).steps) for theme in left[:need])

    def _forget(self, steps: list[str]) -> None:
        for step_id in steps:
            del self._pos[step_id]
            self._dirty.discard(step_id)
            self._hubs.discard(step_id)

    def _place(self, start: int) -> None:
        """Positions (and hubs) for ``_order[start:]``."""
        steps = self.guide.steps
        for index in range(start, len(self._order)):
            step_id = self._order[index]
            self._pos[step_id] = index
            if steps[step_id].is_hub:
                self._hubs.add(step_id)

    def _drop_behind(self, step_id: str) -> None:
        """Forget the steps before ``step_id``: the walk now starts there."""
        index = self._pos[step_id]
        self._forget(self._order[index + 1 :])
        del self._order[index + 1 :]
        if self._loop is not None and self._loop not in self._pos:
            self._rebuild(step_id, None)  # the loop's step is gone: the walk goes further

    def _rebuild(self, step_id: str, values: Values | None) -> None:
        self._order, self._pos, self._dirty, self._hubs, self._loop = [], {}, set(), set(), None
        if values is not None:
            self._walk_from(step_id, values)
        else:
            self._order = [step_id]  # marked dirty: walked on at the next clean
            self._place(0)
            self._dirty.add(step_id)

    def _segment(self, start: str, values: Mapping[str, Any], stop: int) -> tuple[list[str], Any]:
        """The steps after ``start`` up to (not including) a step of the kept walk ahead of
        position ``stop``; and how it ended: ``("join", step)``, ``("loop", step)``, or
        ``("end", None)`` (the guide ends, or a condition failed)."""
        steps = self.guide.steps
        found: list[str] = []
        seen: set[str] = set()
        current = start
        while True:
            try:
                target = self.compiled.advance(current, values)
            except Exception:  # noqa: BLE001 - the walk stops there, as the machine's would
                return found, ("end", None)
            if target not in steps:
                return found, ("end", None)
            if target in self._pos:
                if self._pos[target] < stop:
                    return found, ("join", target)
                return found, ("loop", target)
            if target in seen or target == start:
                return found, ("loop", target)
            found.append(target)
            seen.add(target)
            current = target

    def _walk_from(self, step_id: str, values: Values) -> None:
        """``step_id`` is not on the kept walk: walk from it until it joins the kept walk."""
        found, (how, target) = self._segment(step_id, values(), len(self._order))
        segment = [step_id, *found]
        if how == "join":
            self._drop_behind(target)
            start = len(self._order)
            self._order.extend(reversed(segment))
            self._place(start)
            return
        self._forget(list(self._order))
        self._order, self._loop = list(reversed(segment)), (target if how == "loop" else None)
        self._place(0)

    def _clean(self, values: Values) -> None:
        """Walk again from every marked step, nearest first, and splice in what changed."""
        while self._dirty:
            step_id = max(self._dirty, key=self._pos.__getitem__)
            self._dirty.discard(step_id)
            index = self._pos[step_id]
            found, (how, target) = self._segment(step_id, values(), index)
            if how == "join" and not found and self._pos[target] == index - 1:
                continue  # the same way on as before
            head = self._order[index:]  # this step back to the start of the walk
            if how == "join":
                keep = self._pos[target] + 1
                gone = self._order[keep:index]
                self._forget(gone)
                if self._loop is not None and self._loop in gone:
                    self._rebuild(self._order[-1], values)
                    return
                self._order[keep:index] = found[::-1]  # moves only the few steps of head
            else:
                if not found and index == 0 and (target if how == "loop" else None) == self._loop:
                    continue
                self._forget(self._order[:index])
                self._order = found[::-1] + head
                self._loop = target if how == "loop" else None
                keep = 0
            self._place(keep)  # the new steps, and this step back to the start: moved
