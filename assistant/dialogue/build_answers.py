"""Building a step's answer (svar) from positioned YAML: its type, key, choices, scale and fields."""

from __future__ import annotations

from typing import Any

from ..yamlkit import Reader, suggest
from ..yamlkit.yamlpos import Pos, item_pos, key_pos, node_pos, val_pos
from .model import ANSWER_TYPES, FIELD_TYPES, AnswerSpec, Choice, RowField
from .schema import KEY_RE, MAPPINGS, RESERVED, TYPE_KEYS


class AnswerBuilder(Reader):
    """Reads the ``svar`` of a step; the base of the guide builder."""

    def answer(self, node: Any, pos: Pos, step_id: str, title: str) -> AnswerSpec | None:
        if not self.mapping(node, f"'svar' i trinnet '{step_id}'", pos):
            return None
        where = f"svaret i trinnet '{step_id}'"
        self.keys(node, where, *MAPPINGS["answer"])
        kind = self.text(node, "type", where)
        type_pos = val_pos(node, "type")
        if "type" in node and kind not in ANSWER_TYPES:
            if not self.problems_at(type_pos):  # not when 'type' was no text: said already
                what = f"svartypen '{kind}' findes ikke" if kind else f"'type' i {where} er tom"
                self.err(
                    type_pos,
                    f"{what}; vælg {', '.join(ANSWER_TYPES)}{suggest(kind, ANSWER_TYPES)}",
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
                self.keys(item, f"valgmulighed {i + 1}", *MAPPINGS["choice"])
                label = self.text(item, "tekst", f"valgmulighed {i + 1}")
                choice = Choice(
                    self.text(item, "værdi", "valgmulighed", label) or label,
                    label,
                    self.text(item, "status", "valgmulighed") or None,
                )
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
                number = int(key)
            except (TypeError, ValueError):
                self.err(key_pos(value, key), f"etiketten '{key}' skal være et tal på skalaen")
                continue
            if text is None or isinstance(text, dict | list):
                self.err(val_pos(value, key), f"etiketten til {key} skal være en tekst")
                continue
            labels[number] = str(text)
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
            self.keys(item, f"felt {i + 1}", *MAPPINGS["field"])
            kind = self.text(item, "type", "feltet", "tekst")
            if kind not in FIELD_TYPES:
                self.err(
                    val_pos(item, "type"),
                    f"et felt kan have type {' eller '.join(FIELD_TYPES)}, ikke '{kind}'",
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
