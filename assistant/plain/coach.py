"""`samtale coach`: the MI coach in line mode, one utterance in, one JSON object out."""

from __future__ import annotations

import json
from typing import TextIO

from ..roleplay.coach import classify


def run(stdin: TextIO, stdout: TextIO) -> int:
    """`samtale coach`: one utterance per input line, one JSON object per output line."""
    for line in stdin:
        text = line.rstrip("\r\n")
        if not text.strip():
            continue
        c = classify(text)
        record = {"text": text, "code": c.code.value, "codes": [code.value for code in c.codes]}
        stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0
