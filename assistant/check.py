"""`samtale check`: validate guide files and folders; every finding is a Problem, never a crash.

Persona files (simulated residents) live in a ``personas/`` folder next to the guides. A file whose
folder is called ``personas`` is checked as a persona. This module sits on top of both ``dialogue``
and ``roleplay`` and may import them; the persona checker is imported only when a persona is
checked, so that checking guides stays as quick as before.
"""

from __future__ import annotations

from pathlib import Path

from .dialogue.folders import guides_dir
from .dialogue.loader import build, check_file
from .yamlkit import Problem, read_raw

FLOW_WRAPPER = {
    "version": 1,
    "formål": "-",
    "brug": "samtale",
    "varighed": 1,
    "deltagere": "-",
    "kilder": ["-"],
}


PERSONAS = "personas"


def in_folder(root: Path) -> list[Path]:
    """The guides of a folder, then its sub-flows in ``flows/`` and its personas in ``personas/``."""
    return (
        sorted(root.glob("*.yaml"))
        + sorted((root / "flows").glob("*.yaml"))
        + sorted((root / PERSONAS).glob("*.yaml"))
    )


def collect(paths: list[Path] | None) -> tuple[list[Path], list[Problem]]:
    """The YAML files named or found in the folders named (default: the bundled guides)."""
    problems: list[Problem] = []
    if not paths:
        return in_folder(guides_dir()), problems
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = in_folder(path)
            if not found:
                problems.append(Problem(str(path), 1, 1, "mappen indeholder ingen .yaml-filer"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(str(path), 1, 1, "filen findes ikke"))
    return files, problems


def check_flow(path: Path) -> list[Problem]:
    """A sub-flow file on its own: checked as a one-section guide."""
    problems: list[Problem] = []
    raw = read_raw(path, problems)
    if isinstance(raw, dict):
        raw.origin = str(path)  # type: ignore[attr-defined]
        wrapper = {
            "id": path.stem,
            "titel": str(raw.get("titel", "")),
            **FLOW_WRAPPER,
            "afsnit": [raw],
        }
        build(wrapper, path, problems)
    return sorted(set(problems))


def check_persona(path: Path) -> list[Problem]:
    from .roleplay.persona import check_persona as check

    return check(path)


def check_one(path: Path) -> tuple[str | None, list[Problem]]:
    """The guide id (if any) and the problems of one file."""
    try:
        if path.parent.name == "flows":
            return None, check_flow(path)
        if path.parent.name == PERSONAS:
            return None, check_persona(path)
        guide, problems = check_file(path)
        return (guide.id if guide else None), problems
    except RecursionError:
        return None, [Problem(str(path), 1, 1, "filen er for dybt indlejret til at blive læst")]
    except Exception as e:  # noqa: BLE001 - the checker must answer every input with a message
        return None, [
            Problem(
                str(path),
                1,
                1,
                f"intern fejl i kontrollen ({type(e).__name__}); meld det til udviklerne",
            )
        ]


def check_paths(paths: list[Path] | None = None) -> tuple[list[Path], list[Problem]]:
    files, problems = collect(paths)
    ids: dict[str, Path] = {}
    for path in files:
        guide_id, found = check_one(path)
        problems.extend(found)
        if guide_id and guide_id in ids and ids[guide_id] != path:
            problems.append(
                Problem(str(path), 1, 1, f"guide-id '{guide_id}' bruges også af {ids[guide_id]}")
            )
        elif guide_id:
            ids[guide_id] = path
    return files, problems


__all__ = ["check_paths", "check_one", "check_persona"]
