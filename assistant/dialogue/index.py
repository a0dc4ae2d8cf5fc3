"""The bundled guides' metadata, kept in a small cache.

Listing the guides (`samtale guides`, the home screen) needs only each guide's id, title,
purpose, use, duration, participants and sources. Reading sixteen guides costs more than the rest
of the start-up together, so that metadata is kept as JSON in the user's cache directory, stamped
with the name, size and modification time of every guide and flow file: any change rebuilds it,
and a cache that cannot be read or written is simply not used. This module imports neither YAML
nor the guide model, so that using the cache stays cheap.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .folders import guide_files, guides_dir

INDEX_VERSION = 1


@dataclass(frozen=True)
class GuideInfo:
    """What a list of guides shows; ``path`` is the file to load when one is chosen."""

    id: str
    version: str
    title: str
    purpose: str
    use: str
    use_label: str
    duration: int
    participants: str
    sources: tuple[str, ...]
    path: str


def _cache_file() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("samtale")) / "guides.json"


def _stamp(root: Path, files: list[Path]) -> dict[str, Any]:
    stats = []
    for path in files:
        st = path.stat()
        stats.append([path.relative_to(root).as_posix(), st.st_size, st.st_mtime_ns])
    return {"version": INDEX_VERSION, "dir": str(root), "files": stats}


def guide_index() -> tuple[list[GuideInfo], list[str]]:
    """The bundled guides' metadata, grouped by use then title, and one message per guide that
    cannot be used. Read from the cache when no file has changed since it was written."""
    root = guides_dir()
    files = guide_files(root)
    stamp = _stamp(root, files + sorted((root / "flows").glob("*.yaml")))
    cache = _cache_file()
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data["stamp"] == stamp:
            infos = [GuideInfo(**{**g, "sources": tuple(g["sources"])}) for g in data["guides"]]
            return infos, [str(p) for p in data["problems"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    infos, problems = _build(files)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_name(f".{cache.name}.{os.getpid()}")
        body = {"stamp": stamp, "guides": [asdict(i) for i in infos], "problems": problems}
        partial.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, cache)
    except OSError:
        pass  # a read-only home: list without the cache
    return infos, problems


def _build(files: list[Path]) -> tuple[list[GuideInfo], list[str]]:
    from .loader import load_cached
    from .model import by_use

    infos: list[GuideInfo] = []
    problems: list[str] = []
    for path in files:
        try:
            g = load_cached(path)
        except Exception as e:  # noqa: BLE001 - one broken guide must not hide the others
            problems.append(f"{path.name}: {str(e).splitlines()[0] if str(e) else e}")
            continue
        infos.append(
            GuideInfo(
                g.id,
                g.version,
                g.title,
                g.purpose,
                g.use,
                g.use_label,
                g.duration,
                g.participants,
                tuple(g.sources),
                str(path),
            )
        )
    return by_use(infos), problems
