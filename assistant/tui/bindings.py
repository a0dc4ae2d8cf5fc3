"""Every key of the TUI in one place: for each screen (or widget) its actions in footer order, with
key, name, tooltip and id (the id is what a keymap rebinds). Screens take their ``BINDINGS`` from
``bindings(where)``; the help screen, the footer and the command palette read them from there."""

from __future__ import annotations

from textual.binding import Binding, BindingType


class Key:
    """One action and the key(s) that run it. (A plain class: the app imports this module at
    start-up, and a dataclass costs more to make.)"""

    __slots__ = ("key", "action", "description", "tooltip", "id", "show", "priority")

    def __init__(
        self,
        key: str,
        action: str,
        description: str = "",
        tooltip: str = "",
        *,
        id: str | None = None,
        show: bool = True,
        priority: bool = False,
    ) -> None:
        self.key, self.action, self.description, self.tooltip = key, action, description, tooltip
        self.id, self.show, self.priority = id, show, priority

    def binding(self) -> Binding:
        return Binding(
            self.key,
            self.action,
            self.description,
            show=self.show,
            priority=self.priority,
            tooltip=self.tooltip,
            id=self.id,
        )


BACK_TO_HOME = "Tilbage til startskærmen uden at starte."
CLOSE = Key("escape", "close", "Luk", "Luk vinduet uden at gøre noget.", id="luk")
COPY = Key(
    "f9",
    "copy",
    "Kopiér",
    "Kopiér noten som Markdown til udklipsholderen, så den kan sættes ind i journalen.",
    id="kopier",
    priority=True,
)
# the guide beside a practice, solo and trio alike
PRACTICE_STEPS = (
    Key("f2", "previous_step", "Forrige trin", "Guiden: gå et trin tilbage.", id="forrige-trin"),
    Key(
        "f3",
        "next_step",
        "Næste trin",
        "Guiden: gå videre til næste trin eller tema.",
        id="naeste-trin",
    ),
    Key(
        "f5",
        "pause",
        "Pause",
        "Sæt øvelsen på pause og gå til startskærmen. Den kan genoptages.",
        id="pause",
    ),
    Key("f10", "finish", "Afslut øvelsen", "Afslut øvelsen og se feedbacken.", id="afslut-oevelse"),
)

KEYS: dict[str, tuple[Key, ...]] = {
    "app": (
        Key("f1", "help", "Hjælp", "Vis tasterne og hjælp til det, du er i gang med.", id="hjaelp"),
        Key(
            "ctrl+p",
            "command_palette",
            "Kommandoer",
            "Søg efter en handling, fx 'Spring til tema' eller 'Eksportér note'.",
            id="kommandoer",
            show=False,
        ),
        Key(
            "ctrl+q",
            "quit",
            "Luk",
            "Luk Samtale. En samtale i gang sættes på pause og kan genoptages.",
            id="luk-programmet",
        ),
    ),
    "home": (
        Key("n", "notes", "Noter", "Se, eksportér og slet noter.", id="noter"),
        Key(
            "o",
            "practice",
            "Øv en samtale",
            "Øv dig med en simuleret borger – alene eller i trio.",
            id="oev",
        ),
    ),
    "start": (Key("escape", "cancel", "Tilbage", BACK_TO_HOME, id="tilbage"),),
    "conversation": (
        Key(
            "ctrl+s",
            "save",
            "Gem svar",
            "Gem svaret og gå videre til næste spørgsmål.",
            id="gem-svar",
        ),
        Key("f2", "back", "Tilbage", "Gå et spørgsmål tilbage. Svaret kan rettes.", id="tilbage"),
        Key(
            "f3",
            "skip",
            "Spring over",
            "Spring spørgsmålet over. Det kan udfyldes, når noten gennemgås.",
            id="spring-over",
        ),
        Key(
            "f4",
            "to_hub",
            "Vælg tema",
            "Tilbage til temaoversigten. Temaet tæller ikke som gennemgået.",
            id="vaelg-tema",
        ),
        Key(
            "f5",
            "pause",
            "Pause",
            "Sæt samtalen på pause og gå til startskærmen. Den kan genoptages.",
            id="pause",
        ),
        Key(
            "f6",
            "export",
            "Eksportér",
            "Gem noten, som den står nu, som en fil – også hvis disken ikke kan gemme.",
            id="eksporter-samtale",
            priority=True,
        ),
    ),
    "end": (
        Key(
            "f10",
            "complete",
            "Afslut samtalen",
            "Gem noten som færdig. Den kan stadig eksporteres bagefter.",
            id="afslut-samtale",
        ),
        Key(
            "f6",
            "export",
            "Eksportér",
            "Gem noten som en fil (Markdown eller JSON).",
            id="eksporter",
        ),
        COPY,
        Key(
            "f2",
            "back_to_conversation",
            "Tilbage til samtalen",
            "Gå tilbage til det sidste spørgsmål i samtalen.",
            id="tilbage",
        ),
        Key(
            "escape",
            "home",
            "Startskærm",
            "Til startskærmen. En samtale, der ikke er afsluttet, kan genoptages.",
            id="startskaerm",
        ),
    ),
    "notes": (
        Key("escape", "back", "Tilbage", "Tilbage til startskærmen.", id="tilbage"),
        Key("f6", "export", "Eksportér", "Gem den valgte note som en fil.", id="eksporter"),
        COPY,
        Key(
            "f8",
            "delete",
            "Slet note",
            "Slet den valgte note. Du bliver spurgt først.",
            id="slet-note",
        ),
        Key(
            "f7",
            "timeline",
            "Tidslinje",
            "Se borgerens samtaler og aftaler, de nyeste først.",
            id="tidslinje",
        ),
    ),
    "timeline": (Key("escape", "back", "Tilbage", "Tilbage, hvor du kom fra.", id="tilbage"),),
    "note": (
        Key("escape", "back", "Tilbage", "Tilbage til listen.", id="tilbage"),
        Key("f6", "export", "Eksportér", "Gem noten som en fil.", id="eksporter", priority=True),
        COPY,
    ),
    "practice-start": (Key("escape", "cancel", "Tilbage", BACK_TO_HOME, id="tilbage"),),
    "practice-solo": PRACTICE_STEPS,
    "practice-trio": (  # after the tally keys, one for each behaviour (see ``tally_keys``)
        Key("backspace", "undo", "Fortryd", "Tag den sidste optælling tilbage.", id="fortryd"),
        Key(
            "f4",
            "feedback",
            "Feedback",
            "Skriv feedback; F4 igen går tilbage til optællingen.",
            id="feedback",
        ),
        Key(
            "ctrl+s",
            "save_feedback",
            "Gem feedback",
            "Gem observatørens feedback (den gemmes også af sig selv).",
            id="gem-feedback",
        ),
        *PRACTICE_STEPS,
    ),
    "scorecard": (
        Key(
            "f6",
            "export",
            "Eksportér",
            "Gem øvelsen med scorekort som en fil (Markdown eller JSON).",
            id="eksporter",
        ),
        Key(
            "f7",
            "show_note",
            "Hele øvelsen",
            "Se hele øvelsen som note: samtalen, optællingen og scorekortet.",
            id="hele-oevelsen",
        ),
        Key("escape", "home", "Startskærm", "Til startskærmen.", id="startskaerm"),
    ),
    "confirm": (Key("escape", "no", "Annullér", "Fortryd.", id="annuller"),),
    "edit-answer": (
        CLOSE,
        Key("ctrl+s", "save", "Gem", "Gem det rettede svar.", id="gem-rettelse"),
    ),
    "agreement": (CLOSE,),
    "reason": (Key("escape", "close", "Annullér", "Opgiv ikke aftalen alligevel.", id="annuller"),),
    "export": (CLOSE,),
    "info": (CLOSE,),
    # widgets
    "button-row": (
        Key("left", "move(-1)", "Forrige", show=False),
        Key("right", "move(1)", "Næste", show=False),
    ),
    "check-item": (Key("space,enter", "tick", "Sæt flueben", show=False),),
    "outline": (
        Key("down", "scroll_lines(1)", "Rul ned", show=False),
        Key("up", "scroll_lines(-1)", "Rul op", show=False),
        Key("pagedown", "scroll_pages(1)", "En side ned", show=False),
        Key("pageup", "scroll_pages(-1)", "En side op", show=False),
    ),
    "next-field": (Key("enter", "app.focus_next", show=False, priority=True),),
}


def tally_keys() -> tuple[Key, ...]:
    """The observer's keys on the trio screen, one for each behaviour code. Made when asked, so
    that the practice and the coach are not imported when the app starts."""
    from ..practice import TALLY_KEYS
    from ..roleplay.codes import LABELS

    return tuple(
        Key(key, f"count('{code.value}')", LABELS[code], "Tæl én.", id=f"tael-{key}", show=False)
        for key, code in TALLY_KEYS.items()
    )


def bindings(where: str) -> list[BindingType]:
    """The bindings of one screen or widget (a key of ``KEYS``), in footer order."""
    keys = (*tally_keys(), *KEYS[where]) if where == "practice-trio" else KEYS[where]
    return [key.binding() for key in keys]


__all__ = ["KEYS", "Key", "bindings", "tally_keys"]
