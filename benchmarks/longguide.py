"""A generated guide of any length in the real guide format (see ``dialogues/README.md``).

Steps are chained with ``næste``; every tenth step is a choice whose answer can skip a step,
every tenth a 0-10 scale that branches on ``<= 3``, and there are multiple choices with
``andet``, yes/no steps and free notes. The shared action-plan flow ends the guide, as in the
bundled guides, so the file needs a ``flows/`` folder beside it (``write_guide`` makes one).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from assistant.dialogue.library import guides_dir

FLOW = "handlingsplan"
SECTION_SIZE = 50

_TOPICS = (
    "hverdagen",
    "maden og måltiderne",
    "søvnen",
    "familien",
    "vennerne i huset",
    "aktiviteterne",
    "helbredet",
    "trygheden om natten",
    "hjælpen om morgenen",
    "livet før indflytningen",
)


def flow_step_count() -> int:
    """How many steps the shared flow adds (counted from its file: lines '  - id: ')."""
    text = (guides_dir() / "flows" / f"{FLOW}.yaml").read_text(encoding="utf-8")
    return sum(1 for line in text.splitlines() if line.startswith("  - id: "))


def step_id(i: int) -> str:
    return f"t{i:05d}"


def key(i: int) -> str:
    return f"s{i:05d}"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _step(i: int, own: int) -> list[str]:
    topic = _TOPICS[i % len(_TOPICS)]
    nxt = step_id(i + 1) if i < own else "hp_aftaler"
    lines = [
        f"      - id: {step_id(i)}",
        f"        titel: Spørgsmål {i} om {topic}",
        f"        spørg: Hvordan har du det med {topic} for tiden? (spørgsmål {i})",
        "        eksempler:",
        f"          - Fortæl mig lidt om {topic}, som du oplever det.",
        f"          - Hvad betyder {topic} for dig lige nu?",
        "        tips:",
        "          - Hold en pause, og giv borgeren tid til at svare med egne ord.",
    ]
    if i % 25 == 0:
        lines += [
            "        baggrund: >-",
            "          Borgerens egne ord om det, der betyder noget, er grundlaget for de aftaler,",
            "          I laver til sidst. Skriv dem ned, så kolleger kan bruge dem.",
        ]
    lines.append(f"        noter: Borgerens svar om {topic} med borgerens egne ord.")
    kind = i % 10
    skip = step_id(i + 2) if i + 2 <= own else nxt
    if kind == 0:
        lines += [
            "        svar:",
            "          type: valg",
            f"          nøgle: {key(i)}",
            "          valgmuligheder:",
            "            - {værdi: godt, tekst: Godt}",
            "            - {værdi: blandet, tekst: Både godt og svært}",
            "            - {værdi: svaert, tekst: Svært}",
            "        næste:",
            f'          - hvis: {key(i)} == "svaert"',
            f"            gå_til: {skip}",
            f"          - gå_til: {nxt}",
        ]
    elif kind == 5:
        lines += [
            "        svar:",
            "          type: skala",
            f"          nøgle: {key(i)}",
            "          fra: 0",
            "          til: 10",
            "          etiketter: {0: Slet ikke, 10: Helt}",
            "        næste:",
            f"          - hvis: {key(i)} <= 3 eller ikke besvaret({key(i)})",
            f"            gå_til: {nxt}",
            f"          - gå_til: {skip}",
        ]
    elif kind == 3:
        lines += [
            "        svar:",
            "          type: flervalg",
            f"          nøgle: {key(i)}",
            "          valgmuligheder: [Sove længe, Avisen og kaffen i fred, Komme ud hver dag]",
            "          andet: true",
            f"        næste: {nxt}",
        ]
    elif kind == 7:
        lines += [
            "        svar:",
            "          type: ja_nej",
            f"          nøgle: {key(i)}",
            f"          etiket: {_quote(f'Ønsker ændringer i {topic}')}",
            f"        næste: {nxt}",
        ]
    else:
        lines += [
            "        svar:",
            "          type: tekst",
            f"          nøgle: {key(i)}",
            f"        næste: {nxt}",
        ]
    return lines


def guide_yaml(guide_id: str, steps: int) -> str:
    """The text of a guide with ``steps`` steps in all (the action-plan flow included)."""
    own = steps - flow_step_count()
    if own < 1:
        raise ValueError(f"a generated guide needs more than {flow_step_count()} steps")
    lines = [
        f"id: {guide_id}",
        "version: 1",
        f"titel: Lang prøveguide ({steps} trin)",
        "formål: >-",
        "  En meget lang samtaleguide, der kun bruges til at måle, hvor hurtigt Samtale læser,",
        "  kontrollerer og kører guider.",
        "brug: samtale",
        "varighed: 600",
        "deltagere: Borgeren og kontaktpersonen.",
        "kilder:",
        '  - "Genereret af benchmarks/longguide.py"',
        "tjekliste:",
        "  før:",
        "    - Læs borgerens livshistorie.",
        "  under:",
        "    - Lad borgeren bestemme tempoet, og hold pauser.",
        "  efter:",
        "    - Del aftalerne med teamet samme dag.",
        "afsnit:",
    ]
    for first in range(1, own + 1, SECTION_SIZE):
        number = first // SECTION_SIZE + 1
        lines += [
            f"  - id: afsnit_{number:04d}",
            f"    titel: Tema {number}",
            f"    intro: Del {number} af samtalen. Tag den tid, borgeren har brug for.",
            "    trin:",
        ]
        for i in range(first, min(first + SECTION_SIZE, own + 1)):
            lines += _step(i, own)
    lines += [
        f"  - forløb: {FLOW}",
        "note:",
        "  aftaler: aftaler",
        "  opfølgning: opfoelgning_dato",
        "  opfølgning_hvem: opfoelgning_hvem",
        "",
    ]
    return "\n".join(lines)


def write_guide(folder: Path, steps: int, guide_id: str = "lang_guide") -> Path:
    """Write the guide to ``folder/<id>.yaml`` with the shared flow in ``folder/flows``."""
    flows = folder / "flows"
    flows.mkdir(parents=True, exist_ok=True)
    shutil.copy(guides_dir() / "flows" / f"{FLOW}.yaml", flows / f"{FLOW}.yaml")
    path = folder / f"{guide_id}.yaml"
    path.write_text(guide_yaml(guide_id, steps), encoding="utf-8")
    return path


def raw_answer(kind: str, n: int) -> str:
    """What a staff member would type at a step of this answer type (plain mode)."""
    return {
        "valg": "godt" if n % 3 else "svaert",
        "skala": str(n % 11),
        "flervalg": "1, 3, andet: strikketøj",
        "ja_nej": "ja" if n % 2 else "nej",
        "dato": "om 2 uger",
        "rækker": "Følge borgeren til sang torsdag ; kontaktpersonen ; om 1 uge",
    }.get(kind, f"Borgeren fortæller om dagen og om det, der betyder noget nu (svar {n}).")
