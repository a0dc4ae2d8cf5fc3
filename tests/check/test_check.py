"""`samtale check`: every class of mistake comes back as file:line:col with a Danish message."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.check import check_paths
from assistant.cli import main
from assistant.dialogue.loader import check_file

from ..conftest import MINI

VALID = """\
id: proeve
version: 1
titel: Prøve
formål: En guide til at prøve kontrollen.
brug: samtale
varighed: 10
deltagere: Medarbejder og borger
kilder: ["002 Værdighedshjulet"]
afsnit:
  - id: a
    titel: Første afsnit
    trin:
      - id: spoerg_1
        titel: Første spørgsmål
        spørg: Hvordan har du det i dag?
        svar:
          type: valg
          valgmuligheder: [godt, skidt]
      - id: spoerg_2
        titel: Andet spørgsmål
        spørg: Hvad kunne gøre dagen bedre?
        svar:
          type: tekst
"""


def with_next(text: str, condition: str, target: str) -> str:
    """VALID with a conditional `næste` on the first step (the branch starts at line 19)."""
    branch = f"        næste:\n          - hvis: {condition}\n            gå_til: {target}\n"
    anchor = "          valgmuligheder: [godt, skidt]\n"
    return text.replace(anchor, anchor + branch)


def problems_for(tmp_path: Path, text: str, name: str = "proeve.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    guide, problems = check_file(path)
    return path, problems


def only(problems):
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_valid_text_has_no_problems(tmp_path):
    assert problems_for(tmp_path, VALID)[1] == []


def test_yaml_syntax_error_has_line_and_column(tmp_path):
    text = VALID.replace("titel: Andet spørgsmål", "titel: [Andet spørgsmål")
    path, problems = problems_for(tmp_path, text)
    p = problems[0]
    assert p.path == str(path)
    assert p.line >= 20 and "YAML-fejl" in p.message


def test_tab_indentation_is_a_yaml_error(tmp_path):
    text = VALID.replace("        titel: Andet spørgsmål", "\ttitel: Andet spørgsmål")
    p = problems_for(tmp_path, text)[1][0]
    assert "YAML-fejl" in p.message and p.line == 20


def test_unknown_key_suggests_the_right_one(tmp_path):
    text = VALID.replace("        spørg: Hvad kunne", "        spoerg: Hvad kunne")
    problems = problems_for(tmp_path, text)[1]
    unknown = next(p for p in problems if "ukendt nøgle" in p.message)
    assert (unknown.line, unknown.col) == (21, 9)
    assert "mente du 'spørg'?" in unknown.message
    missing = next(p for p in problems if "mangler" in p.message)
    assert "'spørg'" in missing.message and missing.line == 19


def test_missing_required_field_points_at_the_mapping(tmp_path):
    text = VALID.replace("formål: En guide til at prøve kontrollen.\n", "")
    p = only(problems_for(tmp_path, text)[1])
    assert p.line == 1 and "mangler det påkrævede felt 'formål'" in p.message


def test_wrong_answer_type(tmp_path):
    text = VALID.replace("type: tekst", "type: fritekst")
    p = only(problems_for(tmp_path, text)[1])
    assert (p.line, p.col) == (23, 17)
    assert "svartypen 'fritekst' findes ikke" in p.message and "mente du 'tekst'" in p.message


def test_value_of_wrong_type(tmp_path):
    text = VALID.replace("varighed: 10", "varighed: ti minutter")
    p = only(problems_for(tmp_path, text)[1])
    assert (p.line, p.col) == (6, 11) and "helt tal" in p.message


def test_next_naming_no_step(tmp_path):
    text = VALID.replace(
        "          valgmuligheder: [godt, skidt]\n",
        "          valgmuligheder: [godt, skidt]\n        næste: spoerg_3\n",
    )
    p = only(problems_for(tmp_path, text)[1])
    assert (p.line, p.col) == (19, 16)
    assert "'spoerg_3', som ikke er et trin" in p.message and "mente du 'spoerg_" in p.message


def test_unreachable_step(tmp_path):
    text = VALID.replace(
        "          valgmuligheder: [godt, skidt]\n",
        "          valgmuligheder: [godt, skidt]\n        næste: slut\n",
    )
    p = only(problems_for(tmp_path, text)[1])
    assert p.line == 20 and "'spoerg_2' kan ikke nås" in p.message


def test_step_that_cannot_reach_an_end(tmp_path):
    text = VALID + "        næste: spoerg_1\n"
    problems = problems_for(tmp_path, text)[1]
    assert {p.line for p in problems} == {13, 19}
    assert all("aldrig nå til slutningen" in p.message for p in problems)


def test_duplicate_step_id(tmp_path):
    text = VALID.replace("id: spoerg_2", "id: spoerg_1")
    p = only(problems_for(tmp_path, text)[1])
    assert p.line == 19 and "'spoerg_1' findes allerede" in p.message


def test_duplicate_key_in_one_mapping(tmp_path):
    text = VALID.replace(
        "        titel: Andet spørgsmål\n", "        titel: Andet spørgsmål\n        titel: Igen\n"
    )
    p = only(problems_for(tmp_path, text)[1])
    assert (p.line, p.col) == (21, 9) and "'titel' står der to gange" in p.message


def test_condition_that_does_not_parse(tmp_path):
    text = with_next(VALID, "'spoerg_1 == == \"godt\"'", "spoerg_2")
    p = only(problems_for(tmp_path, text)[1])
    assert (p.line, p.col) == (20, 32)
    assert "betingelsen kan ikke læses" in p.message


def test_condition_naming_unknown_answer(tmp_path):
    text = with_next(VALID, 'spoerg_l == "godt"', "slut")
    p = only(problems_for(tmp_path, text)[1])
    assert (p.line, p.col) == (20, 19)
    assert "'spoerg_l', som ikke er et svar" in p.message and "mente du 'spoerg_" in p.message


def test_empty_and_non_mapping_files(tmp_path):
    assert "tom" in only(problems_for(tmp_path, "")[1]).message
    assert "samling" in only(problems_for(tmp_path, "- bare\n- en liste\n")[1]).message


def test_invalid_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("titel: Prøve".encode("latin-1"))
    assert "UTF-8" in only(check_file(path)[1]).message


def test_bundled_guides_and_fixture_are_valid():
    files, problems = check_paths(None)
    assert files and problems == []
    assert check_paths([MINI.parent])[1] == []


def test_cli_exit_codes_and_lines(tmp_path, capsys):
    bad = tmp_path / "proeve.yaml"
    bad.write_text(VALID.replace("type: tekst", "type: fritekst"), encoding="utf-8")
    good = tmp_path / "god.yaml"
    good.write_text(VALID.replace("id: proeve", "id: god"), encoding="utf-8")
    assert main(["check", str(good)]) == 0
    assert "ingen fejl" in capsys.readouterr().out
    assert main(["check", str(bad), str(good)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [
        f"{bad}:23:17: svartypen 'fritekst' findes ikke; vælg tekst, valg, flervalg, "
        "skala, ja_nej, dato, rækker – mente du 'tekst'?"
    ]


def test_cli_json(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [", encoding="utf-8")
    assert main(["check", "--json", str(bad)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert report["problems"][0]["path"] == str(bad) and report["problems"][0]["line"] == 1


def test_duplicate_guide_ids_across_files(tmp_path, capsys):
    (tmp_path / "a.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(VALID, encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 1
    assert "guide-id 'proeve' bruges også" in capsys.readouterr().out


def test_missing_path(tmp_path, capsys):
    assert main(["check", str(tmp_path / "findes-ikke.yaml")]) == 1
    assert "filen findes ikke" in capsys.readouterr().out


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x01",
        "a: b: c",
        "[[[[",
        "afsnit: 5",
        "afsnit: [5, null, {trin: 3}]",
        "- - - -",
        "id: x\nafsnit:\n  - forløb: ../../etc/passwd",
        "{" * 200 + "}" * 200,
        "afsnit:\n  - id: a\n    titel: b\n    trin:\n      - id: s\n        titel: t\n"
        "        spørg: q\n        svar: {type: skala, fra: 5, til: 1, etiketter: {x: y}}\n"
        "        næste: [{hvis: 3}]",
    ],
)
def test_garbage_never_gives_a_traceback(tmp_path, text):
    path = tmp_path / "garbage.yaml"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    for line in result.stdout.strip().splitlines():
        assert line.startswith(f"{path}:"), line


def test_condition_compared_with_a_value_no_choice_has(tmp_path):
    text = with_next(VALID, 'spoerg_1 == "Godt"', "slut")
    p = only(problems_for(tmp_path, text)[1])
    assert (p.line, p.col) == (20, 31)
    assert 'kan ikke have værdien "Godt"' in p.message and "mente du 'godt'" in p.message


def test_id_must_match_the_file_name(tmp_path):
    p = only(problems_for(tmp_path, VALID, name="andet-navn.yaml")[1])
    assert p.line == 1 and "filnavnet ('andet-navn')" in p.message


def test_optional_and_required_contradict(tmp_path):
    text = VALID.replace(
        "          type: tekst\n", "          type: tekst\n          påkrævet: true\n"
    )
    text = text.replace(
        "        titel: Andet spørgsmål\n",
        "        titel: Andet spørgsmål\n        valgfri: true\n",
    )
    p = only(problems_for(tmp_path, text)[1])
    assert "både valgfrit og påkrævet" in p.message and p.line == 21


def test_unknown_answer_type_gives_one_message_not_a_cascade(tmp_path):
    branch = '        næste:\n          - hvis: spoerg_2 == "x"\n            gå_til: slut\n'
    text = VALID.replace("type: tekst", "type: tekts") + branch
    p = only(problems_for(tmp_path, text)[1])
    assert "svartypen 'tekts' findes ikke" in p.message


def test_text_with_colon_in_a_list_gets_a_hint(tmp_path):
    text = VALID.replace(
        "        spørg: Hvad kunne gøre dagen bedre?\n",
        "        spørg: Hvad kunne gøre dagen bedre?\n        tips:\n          - Husk: vent\n",
    )
    p = only(problems_for(tmp_path, text)[1])
    assert "anførselstegn" in p.message and p.line == 23


def test_yaml_errors_are_explained_in_danish(tmp_path):
    p = only(problems_for(tmp_path, VALID.replace("titel: Prøve", "titel: Prøve: en test"))[1])
    assert p.message.startswith("YAML-fejl: et kolon efterfulgt af mellemrum") and p.line == 3


@pytest.mark.parametrize(
    ("line", "danish"),
    [
        ("x: [", "filen slutter, før"),  # at the end of the file
        ("x: {", "filen slutter, før"),
        ("titel: ]", "i anførselstegn"),
        ("titel: @Stue", "i anførselstegn"),
        ("titel: `Stue", "i anførselstegn"),
        ("titel: %Stue", "i anførselstegn"),
        ("titel: !vigtigt", "i anførselstegn"),
        ('titel: "C:\\q"', "\\\\"),
        ("---", "én guide"),
    ],
)
def test_every_common_yaml_error_is_explained_in_danish(tmp_path, line, danish):
    """A trainer's slips that PyYAML reports in English (an unclosed list, a title starting with
    @, `, %, ! or ], a backslash in double quotes, a second document) came out in English only."""
    if line.startswith("x: "):
        text = VALID + line + "\n"
    elif line == "---":
        text = VALID + "---\nid: y\n"
    else:
        text = VALID.replace("titel: Prøve", line)
    p = only(problems_for(tmp_path, text)[1])
    assert p.message.startswith("YAML-fejl: "), p.message
    danish_part = p.message.removeprefix("YAML-fejl: ").partition(" (")[0]
    assert danish in danish_part, p.message


@pytest.mark.parametrize("broken", ["missing", "unreadable"])
def test_a_flow_that_cannot_be_used_is_one_problem_not_three(tmp_path, broken):
    """A guide outside dialogues/ naming a flow that is not there, or whose own flows/ copy is
    broken, also got "mangler det påkrævede felt 'titel'" and "... 'trin'" for the flow."""
    name = "handlingsplann" if broken == "missing" else "handlingsplan"
    text = VALID + f"  - forløb: {name}\n"
    if broken == "unreadable":
        (tmp_path / "flows").mkdir()
        (tmp_path / "flows" / "handlingsplan.yaml").write_text("forløb: handlingsplan\ntitel: [\n")
    problems = problems_for(tmp_path, text)[1]
    assert not [p for p in problems if "mangler det påkrævede felt" in p.message], problems
    p = only(problems)
    if broken == "missing":
        assert "'handlingsplann' findes ikke" in p.message and "handlingsplan" in p.message
        assert "dialogues/flows" in p.message  # the bundled flows are looked in too
    else:
        assert p.path.endswith("handlingsplan.yaml") and "YAML-fejl" in p.message


def test_reference_in_a_section_intro_is_checked(tmp_path):
    text = VALID.replace(
        "    titel: Første afsnit\n", "    titel: Første afsnit\n    intro: Hej {navn}\n"
    )
    p = only(problems_for(tmp_path, text)[1])
    assert "'{navn}', som ikke er et svar" in p.message


def _same(a, b, where: str) -> None:
    assert type(a) is type(b), where
    if isinstance(a, dict):
        assert (a.pos, a.key_pos, a.val_pos) == (b.pos, b.key_pos, b.val_pos), where
        for key in a:
            _same(a[key], b[key], f"{where}/{key}")
    elif isinstance(a, list):
        assert (a.pos, a.item_pos) == (b.pos, b.item_pos), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{where}[{i}]")
    else:
        assert a == b, where


def test_the_fast_c_parser_gives_the_same_values_and_positions_as_the_python_one():
    """Guides are read with libyaml when it is there; every position must be the same."""
    import yaml

    from assistant.dialogue.library import guides_dir
    from assistant.yamlkit import yamlpos

    if yamlpos.CPosLoader is None:
        pytest.skip("PyYAML is built without libyaml here")
    root = guides_dir()
    files = sorted(root.glob("*.yaml")) + sorted(root.glob("*/*.yaml"))
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        slow = yaml.load(text, Loader=yamlpos.PosLoader)  # noqa: S506
        _same(slow, yaml.load(text, Loader=yamlpos.CPosLoader), path.name)  # noqa: S506
