"""The seed documents (Sundhedsstyrelsen's guides) the bundled guides cite, for tests that check a
fact against its source. They live next to the repository (../shared/seeds, or SAMTALE_SEEDS), not
in it: where they are missing, those tests skip with a reason."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

SEEDS = Path(
    os.environ.get("SAMTALE_SEEDS", Path(__file__).resolve().parents[2] / "shared" / "seeds")
)

needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(), reason=f"the seed documents are not on this machine ({SEEDS})"
)


def seed_text(number: str) -> str:
    """The seed file ``number`` (e.g. "001") with page hyphenation and line breaks undone."""
    files = sorted(SEEDS.glob(f"{number}_*.txt"))
    assert files, f"no seed {number} in {SEEDS}"
    raw = files[0].read_text(encoding="utf-8")
    return " ".join(re.sub(r"-\s*\n\s*", "", raw).split())
