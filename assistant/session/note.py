"""The structured note of a session: its answers grouped as the guide's note layout says, the
action plan, the follow-up and what is still missing."""

from __future__ import annotations

from ..dialogue.answers import display
from ..notes.model import Action, Note, NoteAnswer, NoteSection
from .results import SessionState


def build_note(session: SessionState) -> Note:
    guide, values = session.guide, session.values
    items: dict[str, NoteAnswer] = {}
    for step in guide.steps.values():
        spec = step.answer
        if spec and spec.key in values:
            items[spec.key] = NoteAnswer(
                step.id,
                spec.key,
                session.render(step.ask),
                spec.label,
                values[spec.key],
                display(spec, values[spec.key]),
                session.answered_at.get(spec.key, ""),
            )
    last = max(session.answered_at.values(), default=session.record.updated_at)
    for item in guide.computed:
        if item.key in values:
            items[item.key] = NoteAnswer(
                "",
                item.key,
                item.label,
                item.label,
                values[item.key],
                str(values[item.key]),
                last,
            )
    sections: list[NoteSection] = []
    used: set[str] = set()
    layout = guide.note
    special = {layout.actions_key, layout.followup_key, layout.followup_who_key}
    if layout.sections:
        for spec_section in layout.sections:
            answers = [items[k] for k in spec_section.keys if k in items]
            used.update(spec_section.keys)
            sections.append(NoteSection(spec_section.title, answers))
        rest = [a for k, a in items.items() if k not in used and k not in special]
        if rest:
            sections.append(NoteSection("Øvrige svar", rest))
    else:
        for section in guide.sections:
            answers = [
                items[s.answer.key]
                for sid in section.steps
                if (s := guide.steps[sid]).answer
                and s.answer.key in items
                and s.answer.key not in special
            ]
            if answers:
                sections.append(NoteSection(section.title, answers))
    actions = [
        Action(str(r.get("hvad", "")), str(r.get("hvem", "")), str(r.get("hvornår", "")))
        for r in values.get(layout.actions_key or "", []) or []
    ]
    return Note(
        id=session.id,
        title=layout.title or guide.title,
        guide_id=guide.id,
        guide_version=guide.version,
        guide_title=guide.title,
        guide_hash=session.record.guide_hash,
        mode=session.record.mode,
        borger=session.record.borger,
        medarbejder=session.record.medarbejder,
        status=session.status,
        started_at=session.record.started_at,
        updated_at=session.record.updated_at,
        sections=sections,
        actions=actions,
        plan=[
            items[key]
            for key in (layout.actions_key, layout.followup_key, layout.followup_who_key)
            if key in items
        ],
        followup=values.get(layout.followup_key or ""),
        followup_who=values.get(layout.followup_who_key or ""),
        missing=session.missing(),
        checklist_after=list(guide.checklist.after),
        numbers_removed=session.record.numbers_removed,
    )
