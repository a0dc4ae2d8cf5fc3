"""A guide compiled once into a ``transitions`` machine; each session walks it as a model."""

from __future__ import annotations

import gc
from collections import ChainMap
from collections.abc import Callable, Mapping, MutableMapping
from types import MappingProxyType
from typing import Any

from transitions import EventData, Machine

from ..dialogue import expr as ex
from ..dialogue.model import END, Guide
from ..yamlkit.yamlpos import gc_paused

ADVANCE = "advance"
TO_HUB = "to_hub"


def theme_trigger(section_id: str) -> str:
    return f"tema:{section_id}"


class Walker:
    """The model on a compiled machine: where a walk stands and what it knows."""

    state: str

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}


def _add_computed(guide: Guide, values: MutableMapping[str, Any]) -> None:
    """Set the guide's computed values in ``values`` (which holds the answers), in the order
    they are declared, each able to read those before it."""
    for item in guide.computed:
        if item.expr is not None:
            result = ex.evaluate(item.expr, values)
        else:
            result = _first_case(item, values)
        if result is not ex.MISSING:
            values[item.key] = result


def computed_values(guide: Guide, answers: dict[str, Any]) -> dict[str, Any]:
    """Answers plus the guide's computed values, in the order they are declared."""
    values = dict(answers)
    _add_computed(guide, values)
    return values


def lookup_values(guide: Guide, answers: dict[str, Any]) -> Mapping[str, Any]:
    """The same values as ``computed_values`` for conditions to read, without copying every
    answer: a read-only view of the answers, with the computed values laid over them."""
    if not guide.computed:
        return MappingProxyType(answers)
    values: ChainMap[str, Any] = ChainMap({}, answers)
    _add_computed(guide, values)
    return MappingProxyType(values)


def _first_case(item: Any, values: Mapping[str, Any]) -> Any:
    """The value of the first case that holds; unknown while a case before it reads an answer
    that is not given yet (it might have held)."""
    for case in item.cases:
        if case.condition is None:
            return case.value
        if any(values.get(n.value) is None for n in ex.names(case.condition)):
            return ex.MISSING
        if ex.evaluate(case.condition, values):
            return case.value
    return ex.MISSING


def _condition(node: ex.Node) -> Callable[[EventData], bool]:
    def check(event: EventData) -> bool:
        model: Any = event.model
        return bool(ex.evaluate(node, model.values))

    return check


class _GuideMachine(Machine):
    """A Machine whose models get no helper per state. A walker asks only where it is, so the
    ``is_<state>`` functions and the ``on_enter_<state>`` look-ups that ``add_model`` makes for
    every state (50,000 of each for every conversation on a 50,000-step guide) are left out."""

    def _add_model_to_state(self, state: Any, model: Any) -> None:
        return None


class CompiledGuide:
    """The transitions machine of one guide version; shared by every session on it."""

    def __init__(self, guide: Guide) -> None:
        with gc_paused():  # a few objects per step and no cycles to free (see gc_paused)
            self._build(guide)

    def _build(self, guide: Guide) -> None:
        self.guide = guide
        self.hubs = [step for step in guide.steps.values() if step.is_hub]
        self.machine = _GuideMachine(
            model=None,
            states=[*guide.steps, END],
            initial=guide.start,
            auto_transitions=False,
            send_event=True,
        )
        # ADVANCE out of each step, in the machine's order (first that holds wins), and the
        # steps whose conditions read each answer: for looking ahead without the machine
        self.advances: dict[str, tuple[tuple[ex.Node | None, str], ...]] = {}
        self.readers: dict[str, set[str]] = {}
        for step in guide.steps.values():
            advances: list[tuple[ex.Node | None, str]] = []
            for branch in step.branches:
                conditions: list[str | Callable[..., bool | None]] = (
                    [_condition(branch.condition)] if branch.condition else []
                )
                self.machine.add_transition(ADVANCE, step.id, branch.target, conditions=conditions)
                advances.append((branch.condition, branch.target))
                for name in ex.names(branch.condition) if branch.condition else ():
                    self.readers.setdefault(name.value, set()).add(step.id)
            if not any(b.condition is None for b in step.branches):
                self.machine.add_transition(ADVANCE, step.id, step.fallthrough)
                advances.append((None, step.fallthrough))
            self.advances[step.id] = tuple(advances)
            for theme in step.themes:
                self.machine.add_transition(
                    theme_trigger(theme), step.id, guide.section(theme).steps[0]
                )
            hub = guide.hub_of(step.section)
            if hub is not None:
                self.machine.add_transition(TO_HUB, step.id, hub.id)

    def walker(self) -> Walker:
        """A model on this machine, for one session; give it back with ``release``."""
        walker = Walker()
        self.machine.add_model(walker, initial=self.guide.start)
        return walker

    def release(self, walker: Walker) -> None:
        self.machine.remove_model(walker)

    def move(self, walker: Walker, step_id: str, trigger: str, values: Mapping[str, Any]) -> str:
        """Where ``trigger`` leads from ``step_id`` with these values."""
        walker.values = values  # type: ignore[assignment]
        self.machine.set_state(step_id, model=walker)
        walker.trigger(trigger)  # type: ignore[attr-defined]
        return walker.state

    def lookup(self, answers: dict[str, Any]) -> Mapping[str, Any]:
        """The answers and computed values for conditions to read (see ``lookup_values``)."""
        return lookup_values(self.guide, answers)

    def advance(self, step_id: str, values: Mapping[str, Any]) -> str:
        """Where ADVANCE leads from ``step_id``, as ``move`` finds it, without a model: the
        first transition whose condition holds (none holds: the step stays where it is)."""
        for condition, target in self.advances[step_id]:
            if condition is None or ex.evaluate(condition, values):
                return target
        return step_id


_CACHE: dict[str, CompiledGuide] = {}


# A guide this long is frozen out of the cyclic garbage collector once compiled: it makes no
# cycles and stays cached, and a full collection over a 50,000-step guide's million objects
# took about a second, now and then, in the middle of an answer.
FREEZE_STEPS = 1000


def compile_guide(guide: Guide) -> CompiledGuide:
    """Compile once per guide version (content hash)."""
    compiled = _CACHE.get(guide.content_hash)
    if compiled is None:
        compiled = _CACHE[guide.content_hash] = CompiledGuide(guide)
        if len(guide.steps) >= FREEZE_STEPS:
            gc.freeze()  # what lives now (the guide, the machine) is never walked again
    return compiled
