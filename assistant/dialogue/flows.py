"""Shared sub-flows (forløb): finding a flow file and putting its contents in place of the
``- forløb: NAME`` section that uses it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..yamlkit import Problem, read_raw, suggest
from ..yamlkit.yamlpos import key_pos, node_pos, val_pos
from .folders import guides_dir
from .schema import ID_RE, MAPPINGS


def flows_dir(guide_path: Path) -> Path:
    return guide_path.parent / "flows"


def flow_file(guide_path: Path, name: str) -> Path | None:
    """The shared flow ``name``: from the guide's own ``flows/`` folder, else the bundled one,
    so that a guide in any folder can use the bundled flows (e.g. the action plan)."""
    for folder in dict.fromkeys((flows_dir(guide_path), guides_dir() / "flows")):
        if (folder / f"{name}.yaml").exists():
            return folder / f"{name}.yaml"
    return None


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
        for key in item:
            if key not in MAPPINGS["flow_ref"][0]:
                kpos = key_pos(item, key)
                problems.append(
                    Problem(
                        str(path),
                        kpos.line,
                        kpos.col,
                        f"ukendt nøgle '{key}' ved forløbet '{name}': et fælles forløb tages "
                        "med alene, som '- forløb: navn'",
                    )
                )
        if not isinstance(name, str) or not ID_RE.fullmatch(name):
            problems.append(Problem(str(path), pos.line, pos.col, "'forløb' skal være et navn"))
            continue
        flow_path = flow_file(path, name)
        if flow_path is None:
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
