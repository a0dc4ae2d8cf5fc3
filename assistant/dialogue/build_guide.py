"""Building a whole guide from positioned YAML: its metadata, checklist, sections, computed
values (beregn) and note layout, and linking every step to the one after it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from ..yamlkit import suggest
from ..yamlkit.yamlpos import Pos, item_pos, node_pos, val_pos
from .build_steps import StepBuilder
from .model import (
    END,
    USES,
    Case,
    Checklist,
    Computed,
    Guide,
    NoteLayout,
    NoteSectionSpec,
    Section,
    Step,
)
from .schema import ID_RE, MAPPINGS, STEP_ID_RE


class GuideBuilder(StepBuilder):
    """Builds one guide from positioned YAML data and records problems instead of raising.

    ``step_file`` tells for each step the file it was written in (the guide or a shared flow)."""

    def __init__(self, path: Path | None) -> None:
        super().__init__(path, "<gemt guide>")
        self.step_file: dict[str, str] = {}

    def guide(self, raw: Any, content_hash: str, content: str) -> Guide | None:
        if not self.mapping(raw, "guiden", node_pos(raw)):
            return None
        self.keys(raw, "guiden", *MAPPINGS["guide"])
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
        # no 'afsnit' at all is said as a missing required key; an empty one is said here
        sections, steps = (
            self.sections(raw["afsnit"], val_pos(raw, "afsnit")) if "afsnit" in raw else ([], {})
        )
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
            version=self.text(raw, "version", "guiden"),
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

    def checklist(self, node: Any, pos: Pos) -> Checklist:
        if node is None or not self.mapping(node, "tjekliste", pos):
            return Checklist()
        self.keys(node, "tjekliste", *MAPPINGS["checklist"])
        return Checklist(*(self.texts(node, k, "tjekliste") for k in ("før", "under", "efter")))

    def sections(self, node: Any, pos: Pos) -> tuple[list[Section], dict[str, Step]]:
        sections: list[Section] = []
        steps: dict[str, Step] = {}
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
        self.keys(node, where, *MAPPINGS["flow" if flow else "section"])
        id_key = "forløb" if flow else "id"
        section_id = self.text(node, id_key, where)
        if not section_id:
            if id_key in node and not self.problems_at(val_pos(node, id_key)):
                self.err(val_pos(node, id_key), f"'{id_key}' i {where} er tom")
            return None
        if not STEP_ID_RE.fullmatch(section_id) and not flow:
            self.err(val_pos(node, "id"), f"id '{section_id}' må kun have små bogstaver, tal og _")
        ids: list[str] = []
        trin = node.get("trin")
        if "trin" in node and (not isinstance(trin, list) or not trin):
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
            None if flow else (self.text(node, "gentag", where) or None),
        )

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
            self.keys(item, where, *MAPPINGS["computed"])
            key = self.text(item, "nøgle", where)
            if ("udtryk" in item) == ("tilfælde" in item):
                self.err(node_pos(item), f"{where} skal have enten 'udtryk' eller 'tilfælde'")
            expression = self.condition(item, "udtryk") if "udtryk" in item else None
            cases: list[Case] = []
            raw_cases = item.get("tilfælde")
            if raw_cases is not None and not isinstance(raw_cases, list):
                self.err(val_pos(item, "tilfælde"), f"'tilfælde' i {where} skal være en liste")
            for j, case in enumerate(raw_cases if isinstance(raw_cases, list) else []):
                if not self.mapping(case, f"tilfælde {j + 1}", item_pos(raw_cases, j)):
                    continue
                self.keys(case, f"tilfælde {j + 1}", *MAPPINGS["case"])
                cond = self.condition(case, "hvis") if "hvis" in case else None
                value = case.get("værdi", "")
                if isinstance(value, dict | list):
                    self.err(
                        val_pos(case, "værdi"),
                        f"'værdi' i tilfælde {j + 1} skal være en tekst, et tal eller true/false",
                    )
                    value = ""
                cases.append(Case(cond, value))
            result.append(
                Computed(key, self.text(item, "etiket", where, key), expression, tuple(cases))
            )
        return tuple(result)

    def note(self, node: Any, pos: Pos, title: str) -> NoteLayout:
        if node is None or not self.mapping(node, "note", pos):
            return NoteLayout(title)
        self.keys(node, "note", *MAPPINGS["note"])
        sections: list[NoteSectionSpec] = []
        raw = node.get("afsnit")
        if raw is not None and not isinstance(raw, list):
            self.err(val_pos(node, "afsnit"), "'afsnit' i noten skal være en liste af afsnit")
        for i, item in enumerate(raw if isinstance(raw, list) else []):
            if not self.mapping(item, f"noteafsnit {i + 1}", item_pos(raw, i)):
                continue
            self.keys(item, f"noteafsnit {i + 1}", *MAPPINGS["note_section"])
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
                linked[step_id] = replace(steps[step_id], fallthrough=target)
        return linked
