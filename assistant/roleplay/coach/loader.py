"""The coach's data files: word lists, named regex fragments and patterns, texts and thresholds.

Three files in `data/` (or in another directory given as `path`):

- `words.tsv`: `list<TAB>word` rows make word sets; `list<TAB>word<TAB>value` rows make word
  maps (a verb form and its infinitive, a pronoun and its counterpart).
- `patterns.yaml`: `fragments` (named pieces of regex) and `patterns`; a `{name}` in a pattern or
  fragment is replaced by the fragment of that name. A pattern is one regex, a list of
  alternatives, or a mapping with `regex:` and `ignore_case:` or with `in_order:` (regexes tried
  one after another).
- `messages.yaml`: `messages` (feedback texts, with `{placeholders}`) and `thresholds`.

Everything is read, composed, compiled and checked once per directory. Every problem is a
`CoachDataError` in Danish that names the file and line. This module imports only the standard
library and PyYAML.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent / "data"
WORDS_FILE = "words.tsv"
PATTERNS_FILE = "patterns.yaml"
MESSAGES_FILE = "messages.yaml"

#: Word sets the rules use.
WORD_LISTS = frozenset(
    "wh_words subject_pronouns possessives object_pronouns finite_verbs not_verbs subordinators "
    "embedders stop_before_verb discourse greetings invitation_verbs abbreviations fillers "
    "not_names subordinate_before indefinites quantifiers chunk_subjects chunk_subordinators "
    "adverbs_before_verb particle_words short_infinitives first_word_lower yesno_words "
    "how_participles".split()
)
#: Word maps the rules use.
WORD_MAPS = frozenset("formal_words infinitives imperatives swap".split())
#: Patterns that are lists of regexes tried in order, not one regex.
IN_ORDER = frozenset({"advice"})
#: Single patterns the rules use.
PATTERNS = frozenset(
    "verb_ending boundary summary_lead confront scolding_question ailment confront_statement "
    "persuade collaboration autonomy summary_strong summary_weak open_invitation scale "
    "exclaim_affirm affirmation other_openers information schedule options pressure recent "
    "first_person_start second_person_start reflection_lead complex_lead complex_markers "
    "meaning_markers experience feeling_or_ambivalence leading_vocative filler_prefix "
    "confront_opener tag_question choice open_nouns closed_wh reframe continuation two_sides "
    "piece_break at_clause list parallel chunk_openers recap_list scare_quotes formal inverted "
    "staff_act offer opening_fillers claim leading_conjunction open_choice both_and both_and_and "
    "introduction what_will_happen second_person_any it_is_start phrase_end "
    "pull_yourself_together".split()
)
#: Message keys and the placeholders each text must use.
MESSAGES: dict[str, frozenset[str]] = {
    key: frozenset(fields.split())
    for key, fields in {
        "flag_persuade": "",
        "flag_confront": "",
        "ask_permission": "",
        "own_view_of_action": "action",
        "own_view": "",
        "persuade_suggestion": "permission question",
        "reflect_claim": "claim",
        "reflect_hard_action": "action",
        "reflect_own_way": "",
        "confront_suggestion": "reflection",
        "reflect_quote": "reflection",
        "reflect_template": "",
        "open_quote": "question",
        "open_fallback": "",
        "reason_confront": "",
        "reason_persuade": "",
        "reason_closed_in_run": "",
        "reason_reflection_would_help": "",
        "reason_questions_without_reflection": "",
        "feedback_non_adherent": "",
        "feedback_rq_low": "",
        "feedback_open_low": "",
        "feedback_complex_low": "",
        "feedback_no_summary": "",
        "feedback_word_share": "share",
        "feedback_well_done": "",
        "level_good": "",
        "level_fair": "",
        "level_below_fair": "",
        "level_too_few": "",
        "metric_rq": "",
        "metric_open_share": "",
        "metric_complex_share": "",
        "source_miti_4": "",
        "source_miti_3": "",
    }.items()
}
#: Thresholds: whole numbers (counts) and fractions (shares and ratios, "7/10" or 2).
COUNTS = frozenset(
    "run_of_questions min_rq_utterances min_questions min_reflections moments_shown".split()
)
FRACTIONS = frozenset(
    "rq_fair rq_good open_fair open_good complex_fair complex_good word_share_max".split()
)

# libyaml when PyYAML has it: it reads patterns.yaml ten times faster, with the same line marks.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class CoachDataError(ValueError):
    """A problem in one of the coach's data files; the message names the file and line."""


@dataclass(frozen=True)
class CoachData:
    """The contents of a data directory, checked and compiled."""

    directory: Path
    words: dict[str, frozenset[str]]
    maps: dict[str, dict[str, str]]
    patterns: dict[str, re.Pattern[str]]
    in_order: dict[str, tuple[re.Pattern[str], ...]]
    messages: dict[str, str]
    counts: dict[str, int]
    fractions: dict[str, Fraction]


def load(path: str | Path | None = None) -> CoachData:
    """The coach's data from `path` (a directory; default the bundled `data/`), read once."""
    return _load(Path(path or DATA_DIR).resolve())


@lru_cache(maxsize=8)
def _load(directory: Path) -> CoachData:
    words, maps = _read_words(directory / WORDS_FILE)
    patterns, in_order = _read_patterns(directory / PATTERNS_FILE)
    messages, counts, fractions = _read_messages(directory / MESSAGES_FILE)
    return CoachData(directory, words, maps, patterns, in_order, messages, counts, fractions)


def _error(path: Path, line: int, message: str) -> CoachDataError:
    return CoachDataError(f"{path}:{line}: {message}")


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CoachDataError(f"{path}: filen findes ikke") from None
    except UnicodeDecodeError:
        raise CoachDataError(f"{path}: filen er ikke gyldig UTF-8") from None


# --- words.tsv --------------------------------------------------------------------------------


def _read_words(path: Path) -> tuple[dict[str, frozenset[str]], dict[str, dict[str, str]]]:
    sets: dict[str, dict[str, int]] = {}
    maps: dict[str, dict[str, str]] = {}
    rows = _text(path).splitlines()
    if not rows or rows[0].split("\t") != ["list", "word", "value"]:
        raise _error(path, 1, "første linje skal være 'list<TAB>word<TAB>value'")
    for number, row in enumerate(rows[1:], start=2):
        if not row.strip() or row.lstrip().startswith("#"):
            continue
        fields = row.split("\t")
        name = fields[0].strip()
        if name in WORD_LISTS:
            if len(fields) != 2:
                raise _error(path, number, f"listen '{name}' er en ordliste: to felt, liste og ord")
            _add_word(path, number, name, fields[1], sets.setdefault(name, {}))
        elif name in WORD_MAPS:
            if len(fields) != 3:
                raise _error(
                    path, number, f"listen '{name}' parrer ord: tre felter, liste, ord og værdi"
                )
            word = _one_word(path, number, fields[1])
            if word in maps.setdefault(name, {}):
                raise _error(path, number, f"'{word}' står to gange i ordparlisten '{name}'")
            maps[name][word] = _one_word(path, number, fields[2])
        else:
            known = ", ".join(sorted(WORD_LISTS | WORD_MAPS))
            raise _error(path, number, f"ukendt liste '{name}'; kendte lister: {known}")
    missing = sorted((WORD_LISTS - sets.keys()) | (WORD_MAPS - maps.keys()))
    if missing:
        raise _error(path, len(rows), f"listen mangler: {', '.join(missing)}")
    return {k: frozenset(v) for k, v in sets.items()}, maps


def _one_word(path: Path, number: int, raw: str) -> str:
    word = raw.strip()
    if not word or len(word.split()) != 1:
        raise _error(path, number, f"forventede ét ord uden mellemrum, fandt {raw!r}")
    return word


def _add_word(path: Path, number: int, name: str, raw: str, into: dict[str, int]) -> None:
    word = _one_word(path, number, raw)
    if word in into:
        message = f"'{word}' står to gange i listen '{name}' (første gang i linje {into[word]})"
        raise _error(path, number, message)
    into[word] = number


# --- patterns.yaml ----------------------------------------------------------------------------


def _compose_yaml(path: Path) -> yaml.Node:
    try:
        node = yaml.compose(_text(path), Loader=_YAML_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise _error(path, line, f"ugyldig YAML: {getattr(error, 'problem', error)}") from None
    if not isinstance(node, yaml.MappingNode):
        raise _error(path, 1, "filen skal være en YAML-mapning")
    return node


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _entries(path: Path, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node, int]]:
    if not isinstance(node, yaml.MappingNode):
        raise _error(path, _line(node), f"'{what}' skal være en mapning af navne")
    out: list[tuple[str, yaml.Node, int]] = []
    seen: set[str] = set()
    for key, value in node.value:
        name = str(key.value)
        if name in seen:
            raise _error(path, _line(key), f"'{name}' står to gange under '{what}'")
        seen.add(name)
        out.append((name, value, _line(key)))
    return out


def _sections(path: Path, wanted: tuple[str, ...]) -> dict[str, tuple[yaml.Node, int]]:
    root = _compose_yaml(path)
    found = {name: (value, line) for name, value, line in _entries(path, root, path.name)}
    for name, (_, line) in found.items():
        if name not in wanted:
            raise _error(path, line, f"ukendt afsnit '{name}'; brug {', '.join(wanted)}")
    for name in wanted:
        if name not in found:
            raise _error(path, 1, f"afsnittet '{name}' mangler")
    return found


def _scalar(path: Path, node: yaml.Node, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value):
        raise _error(path, _line(node), f"'{what}' skal være en tekst")
    return str(node.value)


def _read_patterns(
    path: Path,
) -> tuple[dict[str, re.Pattern[str]], dict[str, tuple[re.Pattern[str], ...]]]:
    sections = _sections(path, ("fragments", "patterns"))
    raw_fragments = {
        name: (_scalar(path, value, name), line)
        for name, value, line in _entries(path, *sections["fragments"][:1], "fragments")
    }
    fragments: dict[str, str] = {}

    def resolve(text: str, line: int, stack: tuple[str, ...]) -> str:
        def one(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in stack:
                chain = " → ".join((*stack, name))
                raise _error(path, line, f"stykket {{{name}}} henviser til sig selv: {chain}")
            if name not in raw_fragments:
                raise _error(
                    path, line, f"ukendt stykke {{{name}}}; stykker står under 'fragments'"
                )
            if name not in fragments:
                text, at = raw_fragments[name]
                fragments[name] = resolve(text, at, (*stack, name))
            return fragments[name]

        return _PLACEHOLDER.sub(one, text)

    def compile_one(name: str, text: str, line: int, flags: int = 0) -> re.Pattern[str]:
        source = resolve(text, line, ())
        try:
            return re.compile(source, flags)
        except re.error as error:
            raise _error(
                path, line, f"mønstret '{name}' er ikke et gyldigt regulært udtryk: {error}"
            ) from None

    def alternatives(name: str, node: yaml.Node) -> tuple[str, int]:
        if isinstance(node, yaml.SequenceNode):
            parts = [(_scalar(path, item, name), _line(item)) for item in node.value]
            if not parts:
                raise _error(path, _line(node), f"mønstret '{name}' har ingen alternativer")
            for text, at in parts:
                compile_one(name, text, at)  # each alternative on its own, for the line
            return "|".join(f"(?:{text})" for text, _ in parts), _line(node)
        return _scalar(path, node, name), _line(node)

    patterns: dict[str, re.Pattern[str]] = {}
    in_order: dict[str, tuple[re.Pattern[str], ...]] = {}
    for name, node, line in _entries(path, *sections["patterns"][:1], "patterns"):
        if name not in PATTERNS | IN_ORDER:
            raise _error(path, line, f"ukendt mønster '{name}'")
        if name in IN_ORDER:
            options = dict((k, v) for k, v, _ in _entries(path, node, name))
            if set(options) != {"in_order"} or not isinstance(
                options["in_order"], yaml.SequenceNode
            ):
                raise _error(path, line, f"'{name}' skal have 'in_order:' med en liste af mønstre")
            in_order[name] = tuple(
                compile_one(name, _scalar(path, item, name), _line(item))
                for item in options["in_order"].value
            )
            continue
        flags = 0
        if isinstance(node, yaml.MappingNode):
            settings = {k: (v, at) for k, v, at in _entries(path, node, name)}
            unknown = set(settings) - {"regex", "ignore_case"}
            if unknown or "regex" not in settings:
                raise _error(path, line, f"'{name}' skal have 'regex:' og evt. 'ignore_case:'")
            if "ignore_case" in settings:
                value, at = settings["ignore_case"]
                if _scalar(path, value, name) not in ("true", "false"):
                    raise _error(path, at, "'ignore_case' skal være true eller false")
                flags = re.IGNORECASE if value.value == "true" else 0
            node = settings["regex"][0]
        text, at = alternatives(name, node)
        patterns[name] = compile_one(name, text, at, flags)
    for name, (_, line) in raw_fragments.items():
        resolve(f"{{{name}}}", line, ())  # every fragment resolves, used or not
    missing = sorted((PATTERNS | IN_ORDER) - patterns.keys() - in_order.keys())
    if missing:
        raise _error(path, sections["patterns"][1], f"mønstre mangler: {', '.join(missing)}")
    return patterns, in_order


# --- messages.yaml ----------------------------------------------------------------------------


def _read_messages(path: Path) -> tuple[dict[str, str], dict[str, int], dict[str, Fraction]]:
    sections = _sections(path, ("messages", "thresholds"))
    messages: dict[str, str] = {}
    for name, node, line in _entries(path, sections["messages"][0], "messages"):
        if name not in MESSAGES:
            raise _error(path, line, f"ukendt tekst '{name}'")
        text = _scalar(path, node, name)
        try:
            fields = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
        except ValueError as error:
            raise _error(
                path, _line(node), f"teksten '{name}' har ugyldige {{}}: {error}"
            ) from None
        if fields != MESSAGES[name]:
            wanted = ", ".join(f"{{{f}}}" for f in sorted(MESSAGES[name])) or "ingen"
            raise _error(path, _line(node), f"teksten '{name}' skal bruge pladsholderne: {wanted}")
        messages[name] = text
    missing = sorted(MESSAGES.keys() - messages.keys())
    if missing:
        raise _error(path, sections["messages"][1], f"tekster mangler: {', '.join(missing)}")
    counts: dict[str, int] = {}
    fractions: dict[str, Fraction] = {}
    for name, node, line in _entries(path, sections["thresholds"][0], "thresholds"):
        value = _scalar(path, node, name)
        if name in COUNTS:
            if not value.isdigit():
                raise _error(path, line, f"'{name}' skal være et helt tal, ikke {value!r}")
            counts[name] = int(value)
        elif name in FRACTIONS:
            try:
                fractions[name] = Fraction(value)
            except (ValueError, ZeroDivisionError):
                raise _error(
                    path, line, f"'{name}' skal være et tal eller en brøk som 7/10"
                ) from None
        else:
            raise _error(path, line, f"ukendt tærskel '{name}'")
    missing = sorted((COUNTS | FRACTIONS) - counts.keys() - fractions.keys())
    if missing:
        raise _error(path, sections["thresholds"][1], f"tærskler mangler: {', '.join(missing)}")
    return messages, counts, fractions
