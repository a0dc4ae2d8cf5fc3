"""The listening parts of a persona file (feelings, corrections, closed answers, the inner story,
the ambivalence with its rulers, and summary replies): loaded when right, named when wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.roleplay.persona import check_persona, load_persona, persona_from_content

ROOT = Path(__file__).resolve().parents[2]


def else_raw() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "dialogues" / "personas" / "else.yaml").read_text("utf-8"))


def with_listening(raw: dict[str, Any]) -> dict[str, Any]:
    """Else with a full set of listening parts on her night topic (test data, not her content)."""
    night = next(t for t in raw["emner"] if t["id"] == "besvær")
    night["følelser"] = ["bange", "skam", "=flov", "utryg"]
    night["rettelser"] = [
        "Vred? Nej. Det er mere, at jeg skammer mig lidt.",
        "Det er ikke det ord, jeg ville bruge. Jeg er nok mere bange.",
    ]
    night["lukkede_svar"] = ["Ja, det gør jeg vel.", "Nej, ikke i nat."]
    for piece in raw["fortælling"]:
        piece.pop("kerne", None)
    next(p for p in raw["fortælling"] if p["id"] == "natten")["kerne"] = True
    raw["ambivalens"] = {
        "emne": "besvær",
        "beskrivelse": "Hun vil gerne sove trygt, men hun vil ikke være til besvær.",
        "forandring": ["Jeg ville gerne kunne sove igen.", "Det kan ikke blive ved sådan her."],
        "fastholdelse": ["I har så travlt.", "Jeg har klaret mig før."],
        "skala": {
            "vigtighed": 6,
            "tiltro": 2,
            "svar_vigtighed": ["Seks, vil jeg sige."],
            "svar_tiltro": ["To. Højst."],
            "hvorfor_ikke_lavere": ["Fordi jeg er så træt om morgenen."],
        },
    }
    raw["opsummering"] = {
        "bekræft": ["Ja, det er rigtigt nok.", "Ja. Sådan er det."],
        "ret": ["Nej, det har jeg ikke sagt.", "Ikke helt. Det er nætterne."],
    }
    return raw


def write(tmp_path: Path, raw: dict[str, Any]) -> Path:
    folder = tmp_path / "personas"
    folder.mkdir(exist_ok=True)
    path = folder / "else.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def messages(tmp_path: Path, raw: dict[str, Any]) -> list[str]:
    return [p.message for p in check_persona(write(tmp_path, raw))]


def test_the_listening_parts_load(tmp_path: Path):
    path = write(tmp_path, with_listening(else_raw()))
    assert check_persona(path) == []
    persona = load_persona(path)
    night = persona.topic("besvær")
    assert [k.text for k in night.listening.feelings] == ["bange", "skam", "=flov", "utryg"]
    assert night.listening.corrections[0].startswith("Vred?")
    assert night.listening.closed_answers == ("Ja, det gør jeg vel.", "Nej, ikke i nat.")
    assert [p.id for p in persona.story if p.core] == ["natten"]
    amb = persona.ambivalence
    assert amb is not None and amb.topic == "besvær"
    assert (amb.ruler.importance, amb.ruler.confidence) == (6, 2)
    assert amb.ruler.why_not_lower == ("Fordi jeg er så træt om morgenen.",)
    assert persona.summary_replies is not None
    assert persona.summary_replies.correct[1] == "Ikke helt. Det er nætterne."
    again = persona_from_content(persona.content)
    assert again.ambivalence == amb and again.topic("besvær").listening == night.listening


def test_without_them_a_persona_still_loads(tmp_path: Path):
    raw = else_raw()
    for key in ("ambivalens", "opsummering"):
        raw.pop(key, None)
    for topic in raw["emner"]:
        for key in ("følelser", "rettelser", "lukkede_svar"):
            topic.pop(key, None)
    for piece in raw["fortælling"]:
        piece.pop("kerne", None)
    persona = load_persona(write(tmp_path, raw))
    assert persona.ambivalence is None and persona.summary_replies is None
    assert not any(p.core for p in persona.story)
    assert persona.topics[0].listening.feelings == ()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda r: r["ambivalens"]["skala"].update(vigtighed=11), "fra 0 til 10"),
        (lambda r: r["ambivalens"]["skala"].update(tiltro="to"), "skal være et helt tal"),
        (lambda r: r["ambivalens"].update(emne="natten"), "peger på 'natten', som ikke er et emne"),
        (
            lambda r: r["ambivalens"].pop("fastholdelse"),
            "mangler det påkrævede felt 'fastholdelse'",
        ),
        (lambda r: r["ambivalens"].update(forandringer=[]), "ukendt nøgle 'forandringer'"),
        (lambda r: r["opsummering"].update(ret=["Nej."]), "mindst 2"),
        (lambda r: r["fortælling"][0].update(kerne=True), "kun ét stykke kan være kernen"),
        (lambda r: r["fortælling"][0].update(kerne="ja"), "skal være true eller false"),
        (lambda r: r["emner"][2]["følelser"].append("bange"), "står der allerede"),
        (lambda r: r["emner"][2]["følelser"].append("x"), "er for kort"),
        (lambda r: r["emner"][2]["følelser"].append("3 ting"), "må kun have bogstaver"),
        (lambda r: r["emner"][2].update(lukkede_svar="Ja."), "skal være en liste af tekster"),
    ],
)
def test_mistakes_are_named(tmp_path: Path, change, expected: str):
    raw = with_listening(else_raw())
    assert raw["emner"][2]["id"] == "besvær"
    change(raw)
    found = messages(tmp_path, raw)
    assert any(expected in m for m in found), found
