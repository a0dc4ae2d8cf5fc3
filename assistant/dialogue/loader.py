"""Read guide files into the model, collecting every problem as ``file:line:col: message``."""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import expr as ex
from .index import guides_dir
from .model import (
    ACTION_FIELDS,
    ANSWER_TYPES,
    END,
    USES,
    AnswerSpec,
    Branch,
    Case,
    Checklist,
    Choice,
    Computed,
    Guide,
    NoteLayout,
    NoteSectionSpec,
    RowField,
    Section,
    Step,
)
from .yamlerrors import one_line, yaml_message
from .yamlpos import (
    NOWHERE,
    KeyProblem,
    Pos,
    PosDict,
    gc_paused,
    item_pos,
    key_pos,
    load,
    node_pos,
    val_pos,
)

ID_RE = re.compile(r"[a-z0-9][a-z0-9_-]*")  # guide and flow ids: file names
STEP_ID_RE = re.compile(r"[a-z0-9][a-z0-9_]*")  # step and section ids
KEY_RE = re.compile(r"[a-zæøå_][a-zæøå0-9_]*")
REF_RE = re.compile(r"(?<!\{)\{([^{}\s]+)\}(?!\})")
RESERVED = {
    "ja",
    "nej",
    "og",
    "eller",
    "ikke",
    "i",
    "and",
    "or",
    "not",
    "in",
    "true",
    "false",
    "sand",
    "falsk",
    END,
} | ex.FUNCTIONS

TOP_KEYS = (
    "id",
    "version",
    "titel",
    "formål",
    "brug",
    "varighed",
    "deltagere",
    "kilder",
    "bemærkning",
    "tjekliste",
    "start",
    "beregn",
    "afsnit",
    "note",
)
TOP_REQUIRED = (
    "id",
    "version",
    "titel",
    "formål",
    "brug",
    "varighed",
    "deltagere",
    "kilder",
    "afsnit",
)
SECTION_KEYS = ("id", "titel", "intro", "trin")
FLOW_KEYS = ("forløb", "titel", "intro", "trin")
STEP_KEYS = (
    "id",
    "titel",
    "spørg",
    "eksempler",
    "tips",
    "baggrund",
    "noter",
    "valgfri",
    "svar",
    "næste",
    "temaer",
    "mindst",
)
ANSWER_KEYS = (
    "type",
    "nøgle",
    "etiket",
    "påkrævet",
    "valgmuligheder",
    "fra",
    "til",
    "etiketter",
    "felter",
    "andet",
)
TYPE_KEYS = {
    "valgmuligheder": ("valg", "flervalg", "skala"),
    "fra": ("skala",),
    "til": ("skala",),
    "etiketter": ("skala",),
    "felter": ("rækker",),
    "andet": ("flervalg",),
}


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "col": self.col, "message": self.message}


class GuideError(Exception):
    """A guide that cannot be used; ``problems`` says every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def suggest(word: str, options: Any) -> str:
    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return f" – mente du '{close[0]}'?" if close else ""


def flows_dir(guide_path: Path) -> Path:
    return guide_path.parent / "flows"


def flow_file(guide_path: Path, name: str) -> Path | None:
    """The shared flow ``name``: from the guide's own ``flows/`` folder, else the bundled one,
    so that a guide in any folder can use the bundled flows (e.g. the action plan)."""
    for folder in dict.fromkeys((flows_dir(guide_path), guides_dir() / "flows")):
        if (folder / f"{name}.yaml").exists():
            return folder / f"{name}.yaml"
    return None


class Builder:
    """Builds one guide from positioned YAML data and records problems instead of raising."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.current = str(path) if path else "<gemt guide>"
        self.problems: list[Problem] = []
        self.step_file: dict[str, str] = {}

    # --- reporting and basic reading ---------------------------------------------------------
    def err(self, pos: Pos, message: str, path: str | None = None) -> None:
        self.problems.append(
            Problem(path or self.current, max(pos.line, 1), max(pos.col, 1), message)
        )

    def mapping(self, node: Any, where: str, pos: Pos) -> bool:
        if isinstance(node, dict):
            return True
        self.err(pos, f"{where} skal være en samling af nøgler og værdier (nøgle: værdi)")
        return False

    def keys(
        self, node: dict, where: str, allowed: tuple[str, ...], required: tuple[str, ...]
    ) -> None:
        for key in node:
            if key not in allowed:
                self.err(
                    key_pos(node, key), f"ukendt nøgle '{key}' i {where}{suggest(key, allowed)}"
                )
        for key in required:
            if key not in node:
                self.err(node_pos(node), f"{where} mangler det påkrævede felt '{key}'")

    def text(self, node: dict, key: str, where: str, default: str = "") -> str:
        value = node.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or isinstance(value, dict | list):
            self.err(val_pos(node, key), f"'{key}' i {where} skal være en tekst")
            return default
        return str(value).strip()

    def texts(self, node: dict, key: str, where: str) -> tuple[str, ...]:
        value = node.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value.strip(),)
        if not isinstance(value, list):
            self.err(val_pos(node, key), f"'{key}' i {where} skal være en liste af tekster")
            return ()
        result = []
        for i, item in enumerate(value):
            if isinstance(item, dict | list) or item is None:
                hint = (
                    " – teksten blev læst som 'nøgle: værdi'; sæt den i anførselstegn, når den "
                    "indeholder kolon og mellemrum"
                    if isinstance(item, dict)
                    else ""
                )
                self.err(item_pos(value, i), f"punkt {i + 1} i '{key}' skal være en tekst{hint}")
            else:
                result.append(str(item).strip())
        return tuple(result)

    def integer(self, node: dict, key: str, where: str, default: int | None = None) -> int | None:
        value = node.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.err(val_pos(node, key), f"'{key}' i {where} skal være et helt tal")
            return default
        return value

    def flag(self, node: dict, key: str, where: str) -> bool:
        value = node.get(key, False)
        if not isinstance(value, bool):
            self.err(val_pos(node, key), f"'{key}' i {where} skal være true eller false")
            return False
        return value

    def condition(self, node: dict, key: str) -> ex.Node | None:
        text = node.get(key)
        pos = val_pos(node, key)
        if not isinstance(text, str):
            self.err(pos, f"betingelsen '{key}' skal være en tekst, fx 'trivsel == \"roed\"'")
            return None
        try:
            return ex.parse(text)
        except ex.ExprError as e:
            col = pos.col + e.offset + (1 if pos.quoted else 0)
            self.err(Pos(pos.line, col), f"betingelsen kan ikke læses: {e.message}")
            return None

    # --- the guide ---------------------------------------------------------------------------
    def guide(self, raw: Any, content_hash: str, content: str) -> Guide | None:
        if not self.mapping(raw, "guiden", node_pos(raw)):
            return None
        self.keys(raw, "guiden", TOP_KEYS, TOP_REQUIRED)
        guide_id = self.text(raw, "id", "guiden")
        if "id" in raw and not ID_RE.fullmatch(guide_id):
            self.err(
                val_pos(raw, "id"), f"id '{guide_id}' må kun have små bogstaver a-z, tal, _ og -"
            )
        elif guide_id and self.path is not None and self.path.stem != guide_id:
            self.err(
                val_pos(raw, "id"),
                f"id '{guide_id}' skal være det samme som filnavnet ('{self.path.stem}'), "
                "så guiden kan findes under sit id",
            )
        use = self.text(raw, "brug", "guiden", "samtale")
        if "brug" in raw and use not in USES:
            self.err(
                val_pos(raw, "brug"),
                f"brug '{use}' findes ikke; vælg {', '.join(USES)}{suggest(use, USES)}",
            )
        duration = self.integer(raw, "varighed", "guiden", 0) or 0
        if "varighed" in raw and duration <= 0 and not self.problems_at(val_pos(raw, "varighed")):
            self.err(val_pos(raw, "varighed"), "varighed skal være et antal minutter over 0")
        checklist = self.checklist(raw.get("tjekliste"), val_pos(raw, "tjekliste"))
        sections, steps = self.sections(raw.get("afsnit"), val_pos(raw, "afsnit"))
        computed = self.computed(raw.get("beregn"), val_pos(raw, "beregn"))
        start = self.text(raw, "start", "guiden")
        hub_sections = {t for s in steps.values() for t in s.themes}
        if not start:
            first = next((s for s in sections if s.id not in hub_sections and s.steps), None)
            start = first.steps[0] if first else END
        elif start not in steps:
            self.err(
                val_pos(raw, "start"),
                f"start '{start}' er ikke et trin i guiden{suggest(start, steps)}",
            )
        steps = self.link(sections, steps)
        note = self.note(raw.get("note"), val_pos(raw, "note"), self.text(raw, "titel", "guiden"))
        return Guide(
            id=guide_id,
            version=str(raw.get("version", "")).strip(),
            title=self.text(raw, "titel", "guiden"),
            purpose=self.text(raw, "formål", "guiden"),
            use=use,
            duration=duration,
            participants=self.text(raw, "deltagere", "guiden"),
            sources=self.texts(raw, "kilder", "guiden"),
            remark=self.text(raw, "bemærkning", "guiden"),
            checklist=checklist,
            start=start,
            sections=tuple(sections),
            steps=steps,
            computed=computed,
            note=note,
            content_hash=content_hash,
            content=content,
            path=self.path,
        )

    def problems_at(self, pos: Pos) -> bool:
        return any(p.line == pos.line and p.col == pos.col for p in self.problems)

    def checklist(self, node: Any, pos: Pos) -> Checklist:
        if node is None or not self.mapping(node, "tjekliste", pos):
            return Checklist()
        self.keys(node, "tjekliste", ("før", "under", "efter"), ())
        return Checklist(*(self.texts(node, k, "tjekliste") for k in ("før", "under", "efter")))

    def sections(self, node: Any, pos: Pos) -> tuple[list[Section], dict[str, Step]]:
        sections: list[Section] = []
        steps: dict[str, Step] = {}
        if node is None:
            return sections, steps
        if not isinstance(node, list) or not node:
            self.err(pos, "'afsnit' skal være en liste med mindst ét afsnit")
            return sections, steps
        for i, item in enumerate(node):
            ipos = item_pos(node, i)
            if not self.mapping(item, f"afsnit {i + 1}", ipos):
                continue
            outer = self.current
            self.current = getattr(item, "origin", outer)
            try:
                section = self.section(item, i, steps)
            finally:
                self.current = outer
            if section is None:
                continue
            if any(s.id == section.id for s in sections):
                self.err(ipos, f"afsnittet '{section.id}' findes allerede; id'er skal være unikke")
            sections.append(section)
        return sections, steps

    def section(self, node: dict, index: int, steps: dict[str, Step]) -> Section | None:
        if getattr(node, "missing", False):  # a flow that could not be read: already reported
            return None
        flow = "forløb" in node
        where = f"forløbet '{node.get('forløb')}'" if flow else f"afsnit {index + 1}"
        self.keys(
            node,
            where,
            FLOW_KEYS if flow else SECTION_KEYS,
            ("forløb", "titel", "trin") if flow else ("id", "titel", "trin"),
        )
        section_id = self.text(node, "forløb" if flow else "id", where)
        if not section_id:
            return None
        if not STEP_ID_RE.fullmatch(section_id) and not flow:
            self.err(val_pos(node, "id"), f"id '{section_id}' må kun have små bogstaver, tal og _")
        ids: list[str] = []
        trin = node.get("trin")
        if trin is not None and (not isinstance(trin, list) or not trin):
            self.err(
                val_pos(node, "trin"), f"'trin' i {where} skal være en liste med mindst ét trin"
            )
        for i, item in enumerate(trin if isinstance(trin, list) else []):
            step = self.step(item, item_pos(trin, i), section_id)
            if step is None:
                continue
            if step.id in steps:
                self.err(step.pos, f"trinnet '{step.id}' findes allerede; id'er skal være unikke")
                continue
            steps[step.id] = step
            self.step_file[step.id] = self.current
            ids.append(step.id)
        return Section(
            section_id,
            self.text(node, "titel", where),
            self.text(node, "intro", where),
            tuple(ids),
            section_id if flow else None,
            node_pos(node),
        )

    def step(self, node: Any, pos: Pos, section: str) -> Step | None:
        if not self.mapping(node, "et trin", pos):
            return None
        step_id = self.text(node, "id", "trinnet")
        where = f"trinnet '{step_id}'" if step_id else "et trin"
        self.keys(node, where, STEP_KEYS, ("id", "titel", "spørg"))
        if not step_id:
            return None
        if not STEP_ID_RE.fullmatch(step_id) or step_id == END:
            self.err(
                val_pos(node, "id"),
                f"trin-id '{step_id}' må kun have små bogstaver a-z, tal "
                f"og _ og må ikke hedde '{END}'",
            )
        themes = self.texts(node, "temaer", where)
        if "temaer" in node and "svar" in node:
            self.err(key_pos(node, "temaer"), f"{where} kan ikke have både 'temaer' og 'svar'")
        answer = None
        if node.get("svar") is not None:
            answer = self.answer(
                node["svar"], val_pos(node, "svar"), step_id, self.text(node, "titel", where)
            )
        if "mindst" in node and not themes:
            self.err(key_pos(node, "mindst"), "'mindst' bruges kun sammen med 'temaer'")
        return Step(
            id=step_id,
            section=section,
            title=self.text(node, "titel", where),
            ask=self.text(node, "spørg", where),
            examples=self.texts(node, "eksempler", where),
            tips=self.texts(node, "tips", where),
            background=self.text(node, "baggrund", where),
            notes=self.text(node, "noter", where),
            optional=self.optional(node, where, answer),
            answer=answer,
            branches=self.branches(node, step_id),
            themes=themes,
            min_themes=self.integer(node, "mindst", where, 1) or 1,
            pos=pos,
        )

    def optional(self, node: dict, where: str, answer: AnswerSpec | None) -> bool:
        optional = self.flag(node, "valgfri", where)
        if optional and answer is not None and answer.required:
            self.err(key_pos(node, "valgfri"), f"{where} kan ikke være både valgfrit og påkrævet")
        return optional

    def branches(self, node: dict, step_id: str) -> tuple[Branch, ...]:
        value = node.get("næste")
        pos = val_pos(node, "næste")
        if value is None:
            return ()
        if isinstance(value, str):
            return (Branch(value.strip(), None, step_id, pos),)
        if not isinstance(value, list):
            self.err(pos, "'næste' skal være et trin-id eller en liste af {hvis, gå_til}")
            return ()
        result: list[Branch] = []
        for i, item in enumerate(value):
            ipos = item_pos(value, i)
            if not self.mapping(item, f"'næste' punkt {i + 1}", ipos):
                continue
            self.keys(item, f"'næste' punkt {i + 1}", ("hvis", "gå_til"), ("gå_til",))
            condition = self.condition(item, "hvis") if "hvis" in item else None
            target = self.text(item, "gå_til", "'næste'")
            if target:
                result.append(
                    Branch(
                        target, condition, step_id, val_pos(item, "gå_til"), val_pos(item, "hvis")
                    )
                )
        return tuple(result)

    def answer(self, node: Any, pos: Pos, step_id: str, title: str) -> AnswerSpec | None:
        if not self.mapping(node, f"'svar' i trinnet '{step_id}'", pos):
            return None
        where = f"svaret i trinnet '{step_id}'"
        self.keys(node, where, ANSWER_KEYS, ("type",))
        kind = self.text(node, "type", where)
        if kind and kind not in ANSWER_TYPES:
            self.err(
                val_pos(node, "type"),
                f"svartypen '{kind}' findes ikke; vælg "
                f"{', '.join(ANSWER_TYPES)}{suggest(kind, ANSWER_TYPES)}",
            )
            key = self.text(node, "nøgle", where, step_id)
            return AnswerSpec(
                "tekst", key, self.text(node, "etiket", where, title), pos=node_pos(node)
            )
        for key, kinds in TYPE_KEYS.items():
            if key in node and kind not in kinds:
                self.err(
                    key_pos(node, key), f"'{key}' bruges kun ved svartype {' og '.join(kinds)}"
                )
        key = self.text(node, "nøgle", where, step_id)
        if not KEY_RE.fullmatch(key) or key in RESERVED:
            self.err(
                val_pos(node, "nøgle"),
                f"nøglen '{key}' kan ikke bruges: brug små bogstaver, "
                "tal og _, og ikke et reserveret ord som ja, nej, og, eller, ikke, i",
            )
        choices = self.choices(node, where)
        scale_min = self.integer(node, "fra", where)
        scale_max = self.integer(node, "til", where)
        labels = self.scale_labels(node, where)
        if kind in ("valg", "flervalg") and len(choices) < 2:
            self.err(node_pos(node), f"{where} skal have mindst to 'valgmuligheder'")
        if kind == "skala":
            if choices and (scale_min is not None or scale_max is not None):
                self.err(node_pos(node), f"{where}: brug enten 'fra'/'til' eller 'valgmuligheder'")
            elif not choices and (scale_min is None or scale_max is None):
                self.err(
                    node_pos(node),
                    f"{where}: en skala skal have 'fra' og 'til' "
                    "(fx 0 og 10) eller 'valgmuligheder' (fx grøn, gul, rød)",
                )
            elif scale_min is not None and scale_max is not None and scale_min >= scale_max:
                self.err(val_pos(node, "fra"), f"{where}: 'fra' skal være mindre end 'til'")
            for value, _ in labels.items():
                if (
                    scale_min is not None
                    and scale_max is not None
                    and not scale_min <= value <= scale_max
                ):
                    self.err(
                        val_pos(node, "etiketter"), f"etiketten {value} ligger uden for skalaen"
                    )
        fields = self.fields(node, where) if kind == "rækker" else ()
        if kind == "rækker" and not fields:
            self.err(node_pos(node), f"{where} skal have 'felter' (fx hvad, hvem, hvornår)")
        return AnswerSpec(
            kind or "tekst",
            key,
            self.text(node, "etiket", where, title),
            self.flag(node, "påkrævet", where),
            choices,
            scale_min,
            scale_max,
            labels,
            fields,
            self.flag(node, "andet", where),
            node_pos(node),
        )

    def choices(self, node: dict, where: str) -> tuple[Choice, ...]:
        value = node.get("valgmuligheder")
        if value is None:
            return ()
        if not isinstance(value, list):
            self.err(
                val_pos(node, "valgmuligheder"), f"'valgmuligheder' i {where} skal være en liste"
            )
            return ()
        result: list[Choice] = []
        for i, item in enumerate(value):
            ipos = item_pos(value, i)
            if isinstance(item, dict):
                self.keys(item, f"valgmulighed {i + 1}", ("værdi", "tekst"), ("tekst",))
                label = self.text(item, "tekst", f"valgmulighed {i + 1}")
                choice = Choice(self.text(item, "værdi", "valgmulighed", label) or label, label)
            elif item is None or isinstance(item, list):
                self.err(ipos, f"valgmulighed {i + 1} skal være en tekst eller {{værdi, tekst}}")
                continue
            else:
                choice = Choice(str(item).strip(), str(item).strip())
            if any(c.value == choice.value for c in result):
                self.err(ipos, f"valgmuligheden '{choice.value}' står der to gange")
            result.append(choice)
        return tuple(result)

    def scale_labels(self, node: dict, where: str) -> dict[int, str]:
        value = node.get("etiketter")
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.err(val_pos(node, "etiketter"), f"'etiketter' i {where} skal være tal: tekst")
            return {}
        labels: dict[int, str] = {}
        for key, text in value.items():
            try:
                labels[int(key)] = str(text)
            except (TypeError, ValueError):
                self.err(key_pos(value, key), f"etiketten '{key}' skal være et tal på skalaen")
        return labels

    def fields(self, node: dict, where: str) -> tuple[RowField, ...]:
        value = node.get("felter")
        if not isinstance(value, list) or not value:
            if value is not None:
                self.err(val_pos(node, "felter"), f"'felter' i {where} skal være en liste")
            return ()
        result: list[RowField] = []
        for i, item in enumerate(value):
            if not self.mapping(item, f"felt {i + 1}", item_pos(value, i)):
                continue
            self.keys(
                item, f"felt {i + 1}", ("nøgle", "tekst", "type", "påkrævet"), ("nøgle", "tekst")
            )
            kind = self.text(item, "type", "feltet", "tekst")
            if kind not in ("tekst", "dato"):
                self.err(
                    val_pos(item, "type"), f"et felt kan have type tekst eller dato, ikke '{kind}'"
                )
            result.append(
                RowField(
                    self.text(item, "nøgle", "feltet"),
                    self.text(item, "tekst", "feltet"),
                    kind,
                    self.flag(item, "påkrævet", "feltet"),
                )
            )
        return tuple(result)

    def computed(self, node: Any, pos: Pos) -> tuple[Computed, ...]:
        if node is None:
            return ()
        if not isinstance(node, list):
            self.err(pos, "'beregn' skal være en liste")
            return ()
        result: list[Computed] = []
        for i, item in enumerate(node):
            if not self.mapping(item, f"beregning {i + 1}", item_pos(node, i)):
                continue
            where = f"beregningen '{item.get('nøgle', i + 1)}'"
            self.keys(item, where, ("nøgle", "etiket", "udtryk", "tilfælde"), ("nøgle",))
            key = self.text(item, "nøgle", where)
            if ("udtryk" in item) == ("tilfælde" in item):
                self.err(node_pos(item), f"{where} skal have enten 'udtryk' eller 'tilfælde'")
            expression = self.condition(item, "udtryk") if "udtryk" in item else None
            cases: list[Case] = []
            raw_cases = item.get("tilfælde")
            for j, case in enumerate(raw_cases if isinstance(raw_cases, list) else []):
                if not self.mapping(case, f"tilfælde {j + 1}", item_pos(raw_cases, j)):
                    continue
                self.keys(case, f"tilfælde {j + 1}", ("hvis", "værdi"), ("værdi",))
                cond = self.condition(case, "hvis") if "hvis" in case else None
                cases.append(Case(cond, case.get("værdi", "")))
            result.append(
                Computed(key, self.text(item, "etiket", where, key), expression, tuple(cases))
            )
        return tuple(result)

    def note(self, node: Any, pos: Pos, title: str) -> NoteLayout:
        if node is None or not self.mapping(node, "note", pos):
            return NoteLayout(title)
        self.keys(node, "note", ("titel", "afsnit", "aftaler", "opfølgning", "opfølgning_hvem"), ())
        sections: list[NoteSectionSpec] = []
        raw = node.get("afsnit")
        for i, item in enumerate(raw if isinstance(raw, list) else []):
            if not self.mapping(item, f"noteafsnit {i + 1}", item_pos(raw, i)):
                continue
            self.keys(item, f"noteafsnit {i + 1}", ("titel", "nøgler"), ("titel", "nøgler"))
            sections.append(
                NoteSectionSpec(
                    self.text(item, "titel", "noteafsnit"), self.texts(item, "nøgler", "noteafsnit")
                )
            )
        return NoteLayout(
            self.text(node, "titel", "note", title),
            tuple(sections),
            self.text(node, "aftaler", "note") or None,
            self.text(node, "opfølgning", "note") or None,
            self.text(node, "opfølgning_hvem", "note") or None,
        )

    def link(self, sections: list[Section], steps: dict[str, Step]) -> dict[str, Step]:
        """Give every step its fallthrough: next step, back to its hub, next section, or end."""
        theme_of = {t: s.id for s in steps.values() for t in s.themes}
        linked: dict[str, Step] = {}
        for index, section in enumerate(sections):
            later = [s for s in sections[index + 1 :] if s.id not in theme_of and s.steps]
            after = later[0].steps[0] if later else END
            for i, step_id in enumerate(section.steps):
                if i + 1 < len(section.steps):
                    target = section.steps[i + 1]
                elif section.id in theme_of:
                    target = theme_of[section.id]
                else:
                    target = after
                linked[step_id] = _replace(steps[step_id], fallthrough=target)
        return linked


def _replace(step: Step, **changes: Any) -> Step:
    from dataclasses import replace

    return replace(step, **changes)


def read_raw(path: Path, problems: list[Problem]) -> Any:
    """Parse one YAML file with positions; syntax errors become problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        problems.append(Problem(str(path), 1, 1, f"filen er ikke gyldig UTF-8 (byte {e.start})"))
        return None
    except OSError as e:
        problems.append(Problem(str(path), 1, 1, f"filen kan ikke læses: {e.strerror}"))
        return None
    try:
        raw = load(text)
    except KeyProblem as e:
        problems.append(Problem(str(path), e.pos.line, e.pos.col, e.message))
        return None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.append(
            Problem(str(path), line, col, f"YAML-fejl: {yaml_message(e.problem or e.context)}")
        )
        return None
    except yaml.reader.ReaderError as e:
        line = text.count("\n", 0, e.position) + 1
        col = e.position - (text.rfind("\n", 0, e.position) + 1) + 1
        problems.append(
            Problem(
                str(path),
                line,
                col,
                f"filen indeholder et tegn, der ikke må stå i en YAML-fil (kode {e.character!r})",
            )
        )
        return None
    except yaml.YAMLError as e:
        problems.append(Problem(str(path), 1, 1, f"YAML-fejl: {one_line(str(e))}"))
        return None
    except RecursionError:
        problems.append(Problem(str(path), 1, 1, "YAML-fejl: filen er for dybt indlejret"))
        return None
    if raw is None:
        problems.append(Problem(str(path), 1, 1, "filen er tom"))
    if MAY_CONTROL_RE.search(text):  # otherwise no text in it can hold one
        problems.extend(control_characters(raw, str(path)))
    return raw


# Control characters other than tab and newline. A raw one is refused by the YAML reader, but an
# escape in a double-quoted text ("\e[2J", "\a", "\0") makes one, and guide and persona texts
# are printed on the staff member's terminal.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What in a file's text can make one: an escape (a backslash) or a raw one (refused, or a line break)
MAY_CONTROL_RE = re.compile(r"[\\\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_characters(raw: Any, path: str) -> list[Problem]:
    """A problem for every key or text in the file that holds a control character."""
    found: list[Problem] = []

    def check(text: Any, pos: Pos) -> None:
        if isinstance(text, str) and (match := CONTROL_RE.search(text)):
            found.append(
                Problem(
                    path,
                    max(pos.line, 1),
                    max(pos.col, 1),
                    f"teksten indeholder styretegnet \\x{ord(match.group()):02x} (fx fra \\e "
                    "eller \\a i anførselstegn), som kan styre skærmen; fjern det",
                )
            )

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                check(key, key_pos(node, key))
                check(value, val_pos(node, key))
                visit(value)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                check(value, item_pos(node, i))
                visit(value)

    visit(raw)
    return found


def inline_flows(raw: Any, path: Path, problems: list[Problem]) -> None:
    """Replace each ``- forløb: NAME`` section by the flow file's contents (in place)."""
    sections = raw.get("afsnit") if isinstance(raw, dict) else None
    if not isinstance(sections, list):
        return
    for i, item in enumerate(sections):
        if not isinstance(item, dict) or "forløb" not in item or "trin" in item:
            continue
        name = item["forløb"]
        pos = val_pos(item, "forløb")
        if not isinstance(name, str) or not ID_RE.fullmatch(name):
            problems.append(Problem(str(path), pos.line, pos.col, "'forløb' skal være et navn"))
            continue
        flow_path = flow_file(path, name)
        if flow_path is None:
            from .index import guides_dir

            folders = dict.fromkeys((flows_dir(path), guides_dir() / "flows"))
            known = sorted({p.stem for folder in folders for p in folder.glob("*.yaml")})
            where = " eller ".join(str(folder) for folder in folders)
            problems.append(
                Problem(
                    str(path),
                    pos.line,
                    pos.col,
                    f"forløbet '{name}' findes ikke i {where}{suggest(name, known)}",
                )
            )
            item.missing = True  # type: ignore[attr-defined]  # said once: no 'mangler titel'
            continue
        flow = read_raw(flow_path, problems)
        if not isinstance(flow, dict):
            if flow is not None:
                problems.append(Problem(str(flow_path), 1, 1, "et forløb skal være en samling"))
            item.missing = True  # type: ignore[attr-defined]
            continue
        if flow.get("forløb") != name:
            fpos = val_pos(flow, "forløb") if "forløb" in flow else node_pos(flow)
            problems.append(
                Problem(
                    str(flow_path),
                    fpos.line,
                    fpos.col,
                    f"forløbet skal starte med 'forløb: {name}' (som filnavnet)",
                )
            )
        flow.origin = str(flow_path)  # type: ignore[attr-defined]
        sections[i] = flow


def _plain(raw: Any) -> Any:
    if isinstance(raw, dict):
        return {str(k): _plain(v) for k, v in raw.items()}
    if isinstance(raw, list):
        return [_plain(v) for v in raw]
    return raw


def canonical(raw: Any) -> str:
    """The guide as canonical JSON: what its hash covers and what a session snapshots."""
    return json.dumps(_plain(raw), ensure_ascii=False, sort_keys=True, default=str)


def build(raw: Any, path: Path | None, problems: list[Problem]) -> Guide | None:
    from .validate import validate

    content = canonical(raw)
    builder = Builder(path)
    guide = builder.guide(raw, hashlib.sha256(content.encode()).hexdigest()[:16], content)
    problems.extend(builder.problems)
    if guide is not None:
        problems.extend(validate(guide, builder, raw))
    return guide


def check_file(path: Path) -> tuple[Guide | None, list[Problem]]:
    """Load and validate one guide file: the guide (if it could be built) and every problem."""
    problems: list[Problem] = []
    with gc_paused():
        raw = read_raw(path, problems)
        if raw is None:
            return None, problems
        inline_flows(raw, path, problems)
        guide = build(raw, path, problems)
    return guide, sorted(set(problems))


def load_guide(path: Path) -> Guide:
    guide, problems = check_file(path)
    if problems or guide is None:
        raise GuideError(problems)
    return guide


def guide_from_content(content: str) -> Guide:
    """Rebuild a guide from the snapshot a session stored when it started."""
    problems: list[Problem] = []
    with gc_paused():
        guide = build(json.loads(content), None, problems)
    if guide is None or problems:
        raise GuideError(problems)
    return guide


__all__ = [
    "NOWHERE",
    "PosDict",
    "Problem",
    "GuideError",
    "check_file",
    "load_guide",
    "guide_from_content",
    "ACTION_FIELDS",
]
