"""Where the bundled personas are, and finding one by its id or by the path of its file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ...dialogue.folders import guides_dir
from ...dialogue.schema import ID_RE
from ...yamlkit import suggest
from .builder import load_persona
from .model import Persona


def personas_dir() -> Path:
    """The bundled personas: ``personas/`` in the guides folder (checkout or installed)."""
    return guides_dir() / "personas"


def persona_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or personas_dir()).glob("*.yaml"))


@lru_cache(maxsize=32)
def _load_cached(path: Path, mtime_ns: int) -> Persona:
    return load_persona(path)


def bundled_personas() -> list[Persona]:
    """Every bundled persona, by name."""
    personas = [_load_cached(p, p.stat().st_mtime_ns) for p in persona_files()]
    return sorted(personas, key=lambda p: p.name)


def find_persona(name: str) -> Persona:
    """A persona by its id, or by the path of a YAML file. Raises LookupError or PersonaError."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") and path.exists():
        return load_persona(path)
    candidate = personas_dir() / f"{name}.yaml"
    if candidate.exists() and ID_RE.fullmatch(name):
        return _load_cached(candidate, candidate.stat().st_mtime_ns)
    known = [p.stem for p in persona_files()]
    raise LookupError(
        f"Personaen '{name}' findes ikke{suggest(name, known)}. "
        f"Kendte personaer: {', '.join(known) or 'ingen'}."
    )
