"""Issue 18, the diagram: ``samtale diagram GUIDE`` writes the guide's flow as Mermaid
stateDiagram-v2 (through transitions' GraphMachine), and the outline the TUI shows is made from
the same structure; both follow the runtime machine's transitions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.dialogue.library import bundled_guides, find_guide
from assistant.dialogue.model import END, Guide
from assistant.engine.diagram import THEME, flow_of, outline
from assistant.engine.machine import compile_guide, theme_trigger
from assistant.engine.mermaid import mermaid

from ..conftest import FIXTURES
from .mermaid_check import parse

GUIDES = {g.id: g for g in bundled_guides()}
SKAEV = FIXTURES / "diagram" / "skaev.yaml"  # quotes, : ; # < {} æøå, keywords, a hyphen


def diagram_of(capsys: pytest.CaptureFixture[str], name: str) -> str:
    assert main(["diagram", name]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def conditions(guide: Guide) -> list[tuple[str, str, str]]:
    """Every conditional branch: (step, target, hvis as written)."""
    return [
        (step.id, b.target, b.condition_text)
        for step in guide.steps.values()
        for b in step.branches
        if b.condition is not None
    ]


def state_of(diagram_states: dict[str, str], step_id: str) -> str:
    found = [s for s in diagram_states if s == step_id or s.endswith("." + step_id)]
    assert len(found) == 1, (step_id, found)
    return found[0]


@pytest.mark.parametrize("guide_id", sorted(GUIDES))
def test_every_bundled_guide(capsys: pytest.CaptureFixture[str], guide_id: str) -> None:
    guide = GUIDES[guide_id]
    text = diagram_of(capsys, guide_id)
    d = parse(text)
    assert d.problems == []
    assert d.title == guide.title
    for step in guide.steps.values():
        assert d.states[state_of(d.states, step.id)] == step.title
    for section in guide.sections:
        assert any(section.title in label for sid, label in d.states.items() if sid in d.composites)
    assert d.starts == [state_of(d.states, guide.start)]
    labelled = {(src, dst, label) for src, dst, labels in d.edges for label in labels}
    for step_id, target, condition in conditions(guide):
        dest = END if target == END else state_of(d.states, target)
        assert (state_of(d.states, step_id), dest, f"hvis {condition}") in labelled
    # every step leads somewhere, and the end is a final state
    sources = {src for src, _, _ in d.edges}
    assert all(state_of(d.states, s) in sources for s in guide.steps)
    assert (END, "[*]", []) in d.edges


def test_the_guides_with_branches_and_hubs_are_covered() -> None:
    assert sum(bool(conditions(g)) for g in GUIDES.values()) >= 5
    assert sum(bool(compile_guide(g).hubs) for g in GUIDES.values()) >= 4


@pytest.mark.parametrize("guide_id", sorted(GUIDES))
def test_the_flow_follows_the_runtime_machine(guide_id: str) -> None:
    """Out of every step the same targets, in the same order, as ADVANCE in the compiled
    machine (up to the first that always holds), and a hub's themes as its theme triggers."""
    guide = GUIDES[guide_id]
    compiled = compile_guide(guide)
    flow = flow_of(guide)
    for step in guide.steps.values():
        advances: list[str] = []
        for condition, target in compiled.advances[step.id]:
            advances.append(target)
            if condition is None:
                break
        edges = flow.edges_from(step.id)
        assert [e.dest for e in edges if e.kind != THEME] == advances
        assert [e.dest for e in edges if e.kind == THEME] == [
            guide.section(t).steps[0] for t in step.themes
        ]
        walker = compiled.walker()
        try:
            for theme in step.themes:
                assert (
                    compiled.move(walker, step.id, theme_trigger(theme), {})
                    == (guide.section(theme).steps[0])
                )
        finally:
            compiled.release(walker)


def test_themes_sit_inside_their_hubs_section() -> None:
    guide = GUIDES["vaerdighedshjulet"]
    d = parse(mermaid(flow_of(guide)))
    hub = state_of(d.states, "temavalg")
    hub_section = hub.rpartition(".")[0]
    hub_step = next(s for s in guide.steps.values() if s.is_hub)
    for theme in hub_step.themes:
        first = state_of(d.states, guide.section(theme).steps[0])
        assert first.startswith(hub_section + "." + theme + ".")
        assert (hub, first, ["vælg tema"]) in d.edges
        last = state_of(d.states, guide.section(theme).steps[-1])
        assert (last, hub, ["tilbage til temaoversigten"]) in d.edges


def test_awkward_characters_stay_valid() -> None:
    """Quotes, : ; # < {} and æøå in titles and conditions, a section named like a Mermaid
    keyword, and a shared flow whose name has a hyphen."""
    guide = find_guide(str(SKAEV))
    text = mermaid(flow_of(guide))
    d = parse(text)
    assert d.problems == []
    assert d.title == 'Prøve: "skæve" tegn; {x} <b>'
    assert d.states["state_"] == 'Første afsnit: "citat" æøå'
    assert d.states["state_.farve"] == 'Farve: "rød" eller grøn?'
    assert d.states["state_.semikolon"] == "Semikolon; #1"
    assert d.states["oversigt.end_"] == 'Tema "to"'
    assert d.states["mit_forloeb"] == "Mit forløb (fælles forløb: mit-forloeb)"
    labels = {label for _, _, labels in d.edges for label in labels}
    assert {
        'hvis farve == "a: b"',
        'hvis farve == "x;y" eller farve == "{z}"',
        "hvis antal(farve) < 2",
        "ellers",
    } <= labels
    # the entity codes are in the text, the raw characters are not where they would break it
    assert 'hvis farve == "a#58; b"' in text and "#lt; 2" in text


def test_the_check_finds_what_mermaid_would_refuse() -> None:
    """The structural check is not a formality: what GraphMachine would write without the
    changes, and broken text, give problems."""
    good = mermaid(flow_of(find_guide(str(SKAEV))))
    assert parse(good).problems == []
    broken = {
        "hyphen id": good.replace("mit_forloeb", "mit-forloeb"),
        "raw colon": good.replace("#58;", ":"),
        "raw quote": good.replace("#quot;", '"'),
        "html tag": good.replace('"Kolon"', '"<b>Kolon"'),
        "bare title": good.replace('title: "Prøve', "Prøve", 1),
        "open block": good.replace("  }\n", "", 1),
        "undeclared": good.replace('state "Kolon" as state_.kolon\n', ""),
        "two starts": good + "[*] --> state_.kolon\n",
    }
    for what, text in broken.items():
        assert parse(text).problems, what


# --- the outline the TUI shows ---------------------------------------------------------------


@pytest.mark.parametrize("guide_id", sorted(GUIDES))
def test_outline_and_diagram_agree(guide_id: str) -> None:
    guide = GUIDES[guide_id]
    flow = flow_of(guide)
    lines = outline(flow)
    texts = [line.text for line in lines]
    steps = [line for line in lines if line.kind in ("step", "hub")]
    assert [line.text.split(" (valgfrit)")[0].split(" – temaoversigt")[0] for line in steps] == [
        flow.titles[s.id] for sec in flow.all_sections() for s in sec.steps
    ]
    d = parse(mermaid(flow))
    diagram_ifs = {
        label for _, _, labels in d.edges for label in labels if label.startswith("hvis ")
    }
    outline_ifs = {t.split(" → ")[0] for t in texts if t.startswith("hvis ")}
    assert outline_ifs == diagram_ifs == {f"hvis {c}" for _, _, c in conditions(guide)}
    for _, target, condition in conditions(guide):
        assert f"hvis {condition} → {flow.titles[target]}" in texts
    assert lines[-1].text == "Slut"


def test_outline_puts_themes_under_their_hub() -> None:
    guide = GUIDES["vaerdighedshjulet"]
    lines = outline(flow_of(guide))
    hub = next(i for i, line in enumerate(lines) if line.kind == "hub")
    assert "temaoversigt: vælg mindst 2 af 6 temaer" in lines[hub].text
    themes = [(i, line) for i, line in enumerate(lines) if line.kind == "theme"]
    assert [line.text for _, line in themes] == [
        f"Tema: {guide.section(t).title}" for t in guide.steps["temavalg"].themes
    ]
    assert all(i > hub and line.depth > lines[hub].depth for i, line in themes)
    after = next(i for i, line in enumerate(lines) if line.kind == "section" and i > hub)
    assert all(i < after for i, _ in themes)


def test_outline_of_a_repeated_section() -> None:
    lines = outline(flow_of(GUIDES["opfoelgning_aftaler"]))
    assert any("gentages for hver åben aftale" in line.text for line in lines)


# --- the command -----------------------------------------------------------------------------


def test_unknown_guide(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diagram", "findes_ikke"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "Guiden 'findes_ikke' findes ikke" in err and "vaerdighedshjulet" in err


def test_other_format(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["diagram", "vaerdighedshjulet", "--format", "dot"])
    assert exit_.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "--format: 'dot' kan ikke bruges (vælg 'mermaid')" in err


def test_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    printed = diagram_of(capsys, "borgergennemgang")
    path = tmp_path / "flow.mmd"
    assert main(["diagram", "borgergennemgang", "--format", "mermaid", "-o", str(path)]) == 0
    assert str(path) in capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == printed
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    # an existing file is not replaced without asking (no terminal here), nor lost
    assert main(["diagram", "isbjerget", "-o", str(path)]) == 1
    assert "--overskriv" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == printed
    assert main(["diagram", "isbjerget", "-o", str(path), "--overskriv"]) == 0
    assert "skrevet som Mermaid-diagram" in capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == diagram_of(capsys, "isbjerget")
