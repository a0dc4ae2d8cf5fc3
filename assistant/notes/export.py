"""Export of a note as JSON (exact, machine-readable) and Markdown (for a care record).

User text is written as typed: æøå, emoji and markup such as ``[bold]`` are never changed.
The one exception is control characters: in Markdown every control character other than
newline and tab (C0, DEL, C1, e.g. ESC and NUL) is written as a visible escape like ``\\x1b``,
so an exported file can never carry a raw terminal escape sequence. JSON keeps the exact
value; ``json`` escapes C0 itself, and DEL and C1 are written as ``\\u007f`` … ``\\u009f``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from assistant.dialogue.answers import danish_date
from assistant.notes.cpr import removed_text
from assistant.notes.model import MODE_LABELS, STATUS_LABELS, Note, Training

FORMAT = "samtale-note"
FORMAT_VERSION = 1
PLAN = "Aftaler og opfølgning"


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_RAW_IN_JSON_RE = re.compile(r"[\x7f-\x9f]")
_ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")


def note_to_json(note: Note) -> dict[str, Any]:
    """The note as a JSON-able dict (format ``samtale-note``, version 1)."""
    answers = [
        {
            "step": answer.step,
            "key": answer.key,
            "prompt": answer.prompt,
            "label": answer.label,
            "value": answer.value,
            "display": answer.display,
            "answered_at": answer.answered_at,
            "section": title,
        }
        for title, answers in [(s.title, s.answers) for s in note.sections] + [(PLAN, note.plan)]
        for answer in answers
    ]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "id": note.id,
        "title": note.title,
        "guide": {
            "id": note.guide_id,
            "version": note.guide_version,
            "title": note.guide_title,
            "hash": note.guide_hash,
        },
        "mode": note.mode,
        "borger": note.borger,
        "medarbejder": note.medarbejder,
        "status": note.status,
        "started_at": note.started_at,
        "updated_at": note.updated_at,
        "answers": answers,
        "actions": [{"what": a.what, "who": a.who, "when": a.when} for a in note.actions],
        "followup": {"date": note.followup, "who": note.followup_who},
        "missing": list(note.missing),
        "checklist_after": list(note.checklist_after),
        "training": _training_json(note.training),
        "numbers_removed": note.numbers_removed,
    }


def _training_json(training: Training | None) -> dict[str, Any] | None:
    if training is None:
        return None
    return {
        "persona": training.persona,
        "persona_name": training.persona_name,
        "seed": training.seed,
        "trio": training.trio,
        "turns": [
            {
                "speaker": t.speaker,
                "text": t.text,
                "codes": list(t.codes),
                "openness": t.openness,
                "at": t.at,
            }
            for t in training.turns
        ],
        "tally": dict(training.tally),
        "feedback": training.feedback,
        "scorecard": training.scorecard,
    }


def note_to_json_text(note: Note) -> str:
    """The note as pretty JSON text (UTF-8 characters kept, no raw control characters)."""
    text = json.dumps(note_to_json(note), ensure_ascii=False, indent=2)
    # json escapes C0 but not DEL and C1; these only occur inside strings, where \uXXXX is exact.
    return _RAW_IN_JSON_RE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text) + "\n"


def escape_controls(text: str) -> str:
    """Show control characters other than newline and tab as visible ``\\xNN`` escapes.

    A Windows line break (CR LF) counts as a newline.
    """
    text = text.replace("\r\n", "\n")
    return _CONTROL_RE.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


def _danish_datetime(value: str) -> str:
    match = _ISO_DATE_RE.match(value)
    if not match:
        return value
    text = danish_date(value)
    if match.group(4) is not None:
        text += f" kl. {match.group(4)}:{match.group(5)}"
    return text


def _inline(text: str) -> str:
    """User text for a single-line place (heading, label, metadata)."""
    return " ".join(escape_controls(text).splitlines()) if text else ""


def _block(text: str) -> str:
    """User text for a block: lines and paragraphs kept as typed."""
    return escape_controls(text).strip("\n")


def _cell(text: str) -> str:
    """User text for a Markdown table cell."""
    text = escape_controls(text).replace("|", "\\|")
    return "<br>".join(text.split("\n"))


def note_to_markdown(note: Note) -> str:
    """The note as Markdown, for printing or pasting into a care record."""
    out: list[str] = [f"# {_inline(note.title or note.guide_title) or 'Samtale'}", ""]

    meta: list[tuple[str, str]] = []
    if note.borger:
        meta.append(("Borger", _inline(note.borger)))
    if note.medarbejder:
        meta.append(("Medarbejder", _inline(note.medarbejder)))
    guide = _inline(note.guide_title)
    if note.guide_version:
        guide += f" (version {_inline(note.guide_version)})"
    meta.append(("Guide", guide))
    meta.append(("Type", MODE_LABELS.get(note.mode, _inline(note.mode))))
    meta.append(("Dato", _danish_datetime(note.started_at)))
    meta.append(("Status", STATUS_LABELS.get(note.status, _inline(note.status))))
    if note.numbers_removed:
        meta.append(("CPR-numre", f"{removed_text(note.numbers_removed)} (gemt som XXXXXX-XXXX)"))
    out.extend(f"- **{name}:** {value}" for name, value in meta)
    out.append("")

    for section in note.sections:
        if not section.answers:
            continue
        out.extend([f"## {_inline(section.title) or 'Svar'}", ""])
        for answer in section.answers:
            label = _inline(answer.label or answer.prompt or answer.key)
            body = _block(answer.display) or "(intet svar)"
            out.extend([f"**{label}**", "", body, ""])

    if note.actions or note.followup or note.followup_who:
        out.extend(["## Aftaler", ""])
        if note.actions:
            out.append("| Hvad | Hvem | Hvornår |")
            out.append("|---|---|---|")
            for action in note.actions:
                when = _cell(danish_date(action.when))
                out.append(f"| {_cell(action.what)} | {_cell(action.who)} | {when} |")
            out.append("")
        if note.followup or note.followup_who:
            line = "Opfølgning: " + (_inline(danish_date(note.followup)) or "ikke fastsat")
            if note.followup_who:
                line += f" ({_inline(note.followup_who)})"
            out.extend([line, ""])

    if note.missing:
        out.extend(["## Mangler", ""])
        out.extend(f"- {_inline(label)}" for label in note.missing)
        out.append("")

    if note.training is not None:
        out.extend(_training_markdown(note.training))

    if note.checklist_after:
        out.extend(["## Efter samtalen", ""])
        out.extend(f"- [ ] {_inline(item)}" for item in note.checklist_after)
        out.append("")

    return "\n".join(out).rstrip("\n") + "\n"


def _training_markdown(training: Training) -> list[str]:
    kind = "Trioøvelse" if training.trio else "Øvelse alene"
    out = [
        "## Øvelsen",
        "",
        f"- **Form:** {kind}",
        f"- **Persona:** {_inline(training.persona_name)} ({_inline(training.persona)})",
        "",
    ]
    if training.turns:
        out.extend(["### Samtalen", ""])
        for turn in training.turns:
            if turn.speaker == "borger":
                out.extend([f"> **{_inline(training.persona_name)}:** {_inline(turn.text)}", ""])
            else:
                codes = ", ".join(training.labels.get(c, c) for c in turn.codes)
                out.extend([f"**Medarbejder:** {_inline(turn.text)} _({codes})_", ""])
    if training.tally:
        out.extend(["### Observatørens optælling", "", "| Adfærd | Antal |", "|---|---|"])
        for code, count in training.tally.items():
            out.append(f"| {_cell(training.labels.get(code, code))} | {count} |")
        out.append("")
    if training.feedback:
        out.extend(["### Observatørens feedback", "", _block(training.feedback), ""])
    if training.scorecard:
        # the scorecard's own headings sit one level below "Øvelsen"
        card = re.sub(r"^(#+) ", r"#\1 ", escape_controls(training.scorecard), flags=re.M)
        out.extend([card.rstrip("\n"), ""])
    return out
