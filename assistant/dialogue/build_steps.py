"""Building a step (trin) from positioned YAML: its texts, its answer, its themes and where it
leads (næste), with the conditions in it parsed."""

from __future__ import annotations

from typing import Any

from ..yamlkit.yamlpos import Pos, item_pos, key_pos, val_pos
from . import expr as ex
from .build_answers import AnswerBuilder
from .model import END, AnswerSpec, Branch, Step
from .schema import MAPPINGS, STEP_ID_RE


class StepBuilder(AnswerBuilder):
    """Reads one step and the conditions in a guide."""

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

    def step(self, node: Any, pos: Pos, section: str) -> Step | None:
        if not self.mapping(node, "et trin", pos):
            return None
        step_id = self.text(node, "id", "trinnet")
        where = f"trinnet '{step_id}'" if step_id else "et trin"
        self.keys(node, where, *MAPPINGS["step"])
        if not step_id:
            if "id" in node and not self.problems_at(val_pos(node, "id")):
                self.err(val_pos(node, "id"), "'id' i et trin er tom")
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
            self.keys(item, f"'næste' punkt {i + 1}", *MAPPINGS["branch"])
            condition = self.condition(item, "hvis") if "hvis" in item else None
            target = self.text(item, "gå_til", "'næste'")
            if target:
                result.append(
                    Branch(
                        target,
                        condition,
                        step_id,
                        val_pos(item, "gå_til"),
                        val_pos(item, "hvis"),
                        " ".join(str(item["hvis"]).split()) if condition else "",
                    )
                )
        return tuple(result)
