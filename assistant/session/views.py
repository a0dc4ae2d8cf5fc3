"""What a session shows: texts with earlier answers filled in, the transcript so far, and what is
still missing before the conversation can be completed."""

from __future__ import annotations

import re

from ..dialogue.answers import display
from . import context
from .results import Missing, SessionState, TranscriptEntry

REF = re.compile(r"\{\{|\}\}|\{([^{}\s]+)\}")


def render(session: SessionState, text: str) -> str:
    """Text with ``{key}`` replaced by the answer given (``{{``/``}}`` for braces)."""
    values = session.values
    specs = session.guide.answer_specs()

    def sub(match: re.Match[str]) -> str:
        if match.group(0) in ("{{", "}}"):
            return match.group(0)[0]
        key = match.group(1)
        earlier = context.value(session.context, key) if "." in key else None
        if earlier is not None:
            return earlier
        if key not in values:
            # in a practice nothing is written down: leave room for what the resident said
            return "…" if session.record.mode == "practice" else "(ikke besvaret)"
        spec = specs.get(key)
        return display(spec[1] if spec else None, values[key])

    return REF.sub(sub, text)


def transcript(session: SessionState) -> list[TranscriptEntry]:
    """What has been asked and answered so far, in order."""
    specs = session.guide.answer_specs()
    entries = []
    events = {e.seq: e for e in session.events} if session.handled else {}
    for step_id, seq in session.handled:
        step = session.guide.steps[step_id]
        event = events[seq]
        key = step.answer.key if step.answer else None
        skipped = event.kind == "skip" or key is None
        value = session.answers.get(key) if key else None
        answer = "" if skipped or key is None or value is None else display(specs[key][1], value)
        entries.append(
            TranscriptEntry(
                step_id,
                step.title,
                session.render(step.ask),
                answer or ("(sprunget over)" if event.kind == "skip" else ""),
                event.at,
                skipped,
            )
        )
    return entries


def missing_items(session: SessionState) -> list[Missing]:
    """What must be answered before completing: required answers on the path taken (a
    branch not taken or a theme not chosen asks nothing), and hubs with too few themes."""
    values, visited = session.values, session.visited()
    result = [
        Missing(
            s.answer.key,
            s.title if s.answer.label == s.title else f"{s.title}: {s.answer.label}",
        )
        for s in session.guide.steps.values()
        if s.answer and s.answer.required and s.id in visited and s.answer.key not in values
    ]
    for hub in (s for s in session.guide.steps.values() if s.is_hub and s.id in visited):
        done = len(session.done & set(hub.themes))
        if done < hub.min_themes:
            result.append(
                Missing(
                    None, f"{hub.title}: {done} af mindst {hub.min_themes} temaer er gennemgået"
                )
            )
    return result
