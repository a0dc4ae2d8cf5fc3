"""Where the bundled guides are. Imports nothing, so that every module may ask."""

from __future__ import annotations

from pathlib import Path


def guides_dir() -> Path:
    """The bundled ``dialogues/`` folder: inside the installed package, or the source checkout."""
    installed = Path(__file__).resolve().parent.parent / "_dialogues"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent.parent / "dialogues"


def guide_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or guides_dir()).glob("*.yaml"))
