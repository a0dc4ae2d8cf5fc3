"""Danish rules behind the coach: splitting an utterance into segments and coding each segment.

The rules follow the coding manual of MITI 4.2.1 (Moyers, Manuel & Ernst 2014), with open and
closed questions told apart as in MITI 3.1.1 (Moyers et al. 2010). They work on word forms and
word order, not on whole sentences: stems catch inflection (savn*, ensom*, bad/bade/badet), and
Danish main-clause word order (verb before subject) finds questions that lack a question mark.
All patterns are compiled once, at import.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .codes import Code

# ---------------------------------------------------------------------------------------------
# Word classes


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _pairs(text: str) -> dict[str, str]:
    return dict(pair.split(":") for pair in text.split())


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts))


WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")

WH_WORDS = frozenset(
    {"hvad", "hvordan", "hvorfor", "hvornår", "hvem", "hvor", "hvilken", "hvilket", "hvilke"}
    | {"hvorhen", "hvorfra", "hvormed", "hvorledes", "hvis"}
) - {"hvis"}  # "hvis" is "if" far more often than "whose"

# Subject pronouns and determiners that open a subject noun phrase.
SUBJECT_PRONOUNS = frozenset({"du", "de", "det", "der", "han", "hun", "man", "vi", "jeg", "den"})
POSSESSIVES = frozenset(
    {"din", "dit", "dine", "jeres", "hans", "hendes", "deres", "min", "mit", "mine", "vores"}
)
OBJECT_PRONOUNS = frozenset({"dig", "mig", "ham", "hende", "dem", "os", "jer", "sig"})

# Finite verbs that begin a yes/no question; other verbs are recognised by their ending.
FINITE_VERBS = _words(
    "har er var havde vil ville kan kunne skal skulle må måtte tør turde gider gad bør "
    "burde ved vidste tror troede synes syntes føler følte mener mente kender kendte "
    "savner savnede sover sov spiser spiste drikker drak får fik går gik kommer kom bor "
    "boede hører hørte ser tænker tænkte plejer plejede bruger oplever husker huskede "
    "elsker trænger ønsker gør gjorde laver lavede tager tog mangler frygter fryser frøs "
    "sidder sad ligger lå står stod keder bekymrer glæder længes hedder taler snakker "
    "ringer ringede besøger vejer behøver foretrækker ryger røg nyder passer giver gav "
    "hjælper klarer klarede orker magter lyder virker føles findes fandtes betyder "
    "handler mon slipper bliver blev siger sagde skriver læser mærker mærkede holder "
    "lever fylder"
)
NOT_VERBS = _words(
    "der her mere over under efter eller sommer vinter søster datter moder fader bare "
    "flere andre hele gode store sidste første egne gamle unge nogle alle mange lidt ude "
    "inde oppe nede hjemme aftener dage uger timer øller piller tabletter hjælpere "
    "besøger vintre hver sammen tre fire de ikke aldrig fordi siden side måde tide "
    "blomster venner naboer børnebørn bedre værre længere senere tidligere sjældnere"
)
_VERB_ENDING = re.compile(r"[a-zæøå]{2,}(?:er|ede|te|es)$")

SUBORDINATORS = (
    _words(
        "hvis når da fordi selvom mens efter før siden om at som idet skønt medmindre inden "
        "eftersom uanset selv"
    )
    | WH_WORDS
)
# Words after which a wh-word starts an embedded clause ("jeg ved ikke, hvad ..."), not a question.
EMBEDDERS = _words(
    "ved vide vidste spørge spørger spurgte fortælle fortæl forstå forstår om på af til i "
    "med huske husker tænke tænker undrer spekulerer aner se ser høre hører vise viser "
    "uanset præcis bestemme bestemmer vælge vælger beskriv beskrive forklar forklare sige "
    "siger mig dig at lige finde afhænger meget ligegyldigt nysgerrig interesseret tale "
    "snakke hvordan hvad"
)
# Words before an inverted verb that show it is not a new question ("i dag har du ...").
STOP_BEFORE_VERB = _words(
    "at som der hvis når fordi og men så det den dem ikke nu her også da jo vel godt end "
    "hvor hvad hvordan hvornår hvorfor dengang siden efter før mens om hvem engang altid "
    "aldrig tit ofte sikkert nok måske bare kun netop heller derfor alligevel ellers selv "
    "egentlig vist snart lige endnu stadig allerede hvilket hvilken hvilke gerne helst "
    "slet skal vil kan må har er dette sådan således samtidig"
)
DISCOURSE = frozenset(
    {"ja", "nej", "okay", "ok", "nå", "nåh", "mm", "mmm", "mhm", "hmm", "og", "men", "altså"}
)
GREETINGS = frozenset(
    {"hej", "hejsa", "goddag", "godmorgen", "godaften", "tak", "okay", "ok", "nå", "nåh", "ja"}
)

INVITATION_VERBS = frozenset({"fortæl", "beskriv", "forklar", "uddyb"})


def is_verb(word: str) -> bool:
    return word in FINITE_VERBS or (word not in NOT_VERBS and bool(_VERB_ENDING.match(word)))


# ---------------------------------------------------------------------------------------------
# Segmentation

_ABBREVIATIONS = frozenset(
    {"fx", "f.eks", "eks", "ca", "kl", "bl.a", "dvs", "evt", "osv", "mht", "pga", "nr", "hr"}
    | {"jf", "inkl", "ekskl", "tlf", "ift", "mv", "m.m", "o.l", "e.l", "sdr", "st", "min"}
)
_BOUNDARY = re.compile(r"(?:[.!?…]+['\"»”)]*)(?=\s|$)|;|\n")
_SUMMARY_LEAD = re.compile(
    r"\b(?:saml\w* (?:\w+ ){0,3}?(?:op|trådene|sammen)|opsummer\w*|sammenfat\w*"
    r"|om jeg har (?:forstået|fanget|hørt|fået)|så vidt jeg (?:har )?forst|indtil (?:nu|videre)"
    r"|hvis jeg (?:har )?forst\w+ dig"
    r"|(?:du|vi) har (?:fortalt|sagt|nævnt|talt|snakket)\b[^.?!]*,[^.?!]*\bog\b)"
)


def split_sentences(text: str) -> list[str]:
    """Sentences by . ! ? … ; and line breaks, keeping abbreviations and numbers whole."""
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        mark = match.group()
        if mark.startswith(".") and not mark.startswith("..."):
            before = text[start : match.start()].split()
            last = before[-1].lower().rstrip(".") if before else ""
            following = text[end:].lstrip()[:1]
            if last in _ABBREVIATIONS or (last.isdigit() and following.islower()):
                continue
        if mark.startswith("...") or mark.startswith("…"):
            following = text[end:].lstrip()[:1]
            if following.islower():
                continue
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return [p.strip() for p in pieces if WORD.search(p)]


def _clause_start(words: Sequence[str], allow_greeting: bool) -> bool:
    """Whether the words open with a subject and a finite verb: a complete main clause."""
    i = 0
    while i < len(words) and words[i] in DISCOURSE:
        i += 1
    if allow_greeting and i < len(words) and words[i] in GREETINGS:
        return True
    if i < len(words) and words[i] == "så":
        i += 1
    if i < len(words) and words[i] in POSSESSIVES:
        i += 1  # "din datter kommer ..."
    if i + 1 >= len(words):
        return False
    subject = words[i] in SUBJECT_PRONOUNS or (i > 0 and words[i - 1] in POSSESSIVES)
    return subject and is_verb(words[i + 1])


def _subject_at(words: Sequence[str], originals: Sequence[str], j: int) -> bool:
    if j >= len(words):
        return False
    w = words[j]
    if w in SUBJECT_PRONOUNS or w in POSSESSIVES:
        return True
    return originals[j] == "I" or (originals[j][:1].isupper() and w not in WH_WORDS)


def _question_start(words: Sequence[str], originals: Sequence[str], i: int) -> str | None:
    """'wh' or 'verb' if a main-clause question starts at word i, else None."""
    w = words[i]
    if w in WH_WORDS:
        for j in range(i + 1, min(i + 4, len(words) - 1)):
            if words[j] in SUBJECT_PRONOUNS or words[j] in OBJECT_PRONOUNS:
                return None  # "hvad du mener": subject before verb, an embedded clause
            if is_verb(words[j]) and _subject_at(words, originals, j + 1):
                return "wh"
        return None
    if w in INVITATION_VERBS and i + 1 < len(words) and words[i + 1] in {"mig", "om", "lidt"}:
        return "verb"
    if (w in FINITE_VERBS or is_verb(w)) and i + 2 < len(words):
        subject = words[i + 1]
        if subject in {"du"} or originals[i + 1] in {"I", "De"}:
            return "verb"
        if subject in {"det", "der"} and w in {"er", "var", "har", "kan", "skal", "vil", "går"}:
            return "verb"
    return None


def split_questions(sentence: str) -> list[str]:
    """Split a sentence where a main-clause question starts inside it.

    Spoken-style typing often runs a reflection and a question together without a full stop
    ("du virker træt hvordan har du sovet"). A question starts where a wh-word is followed by a
    finite verb and then a subject (main-clause order; embedded clauses put the subject first),
    or where a finite verb is followed by "du" after a complete main clause.
    """
    if _SUMMARY_LEAD.search(sentence.lower()):
        return [sentence]
    tokens = list(WORD.finditer(sentence))
    words = [t.group().lower() for t in tokens]
    originals = [t.group() for t in tokens]
    cuts: list[int] = []
    first = 0
    verb_seen = False  # a finite verb somewhere in the current piece
    for i in range(1, len(tokens)):
        verb_seen = verb_seen or is_verb(words[i - 1])
        if i - first < 2:
            continue
        kind = _question_start(words, originals, i)
        if kind is None:
            continue
        between = sentence[tokens[i - 1].end() : tokens[i].start()]
        punctuated = bool(re.search(r"[,:–—-]", between))
        head = words[first : min(i, first + 8)]  # the opening of the piece, for clause checks
        last = words[i - 1]
        lead = next((w for w in head if w not in DISCOURSE and w != "så"), None)
        if (lead and lead in SUBORDINATORS) or last in EMBEDDERS:
            continue
        if punctuated and not (verb_seen or head[0] in GREETINGS or head[0] in DISCOURSE):
            continue
        if kind == "verb" and (
            last in STOP_BEFORE_VERB or last in SUBJECT_PRONOUNS or last in POSSESSIVES
        ):
            continue
        if kind == "verb" and words[i + 1] in {"det", "der"} and not punctuated:
            if len(last) > 3 and last.endswith(("et", "en", "ne")):
                continue  # "rosenbedet er det flotteste": a noun subject before the verb
        if not (_clause_start(head, allow_greeting=kind == "wh") or punctuated):
            continue
        if not punctuated and i - first < 3 and not _clause_start(head, True):
            continue
        cuts.append(tokens[i].start())
        first = i
        verb_seen = False

    if not cuts:
        return [sentence]
    bounds = [0, *cuts, len(sentence)]
    parts = [sentence[a:b].strip(" ,–—-") for a, b in zip(bounds, bounds[1:], strict=False)]
    return [p for p in parts if WORD.search(p)]


def segment(text: str) -> tuple[str, ...]:
    """The segments of an utterance; whitespace-only text is one empty segment."""
    stripped = " ".join(text.split(" ")).strip()
    if not WORD.search(stripped):
        return (stripped,)
    result: list[str] = []
    for sentence in split_sentences(stripped):
        result.extend(split_questions(sentence))
    return tuple(result) or (stripped,)


# ---------------------------------------------------------------------------------------------
# Patterns, all on lower-cased text

_P = r"(?:jo |altså |da |nu |bare |lige |simpelthen |virkelig |godt |også |så |dog |vel )*"
NEG_TRAITS = (
    r"stædig|doven|dovne|besværlig|umulig|urimelig|barnlig|egoistisk|utaknemmelig|sur\b|negativ"
    r"|hysterisk|alkoholiker|misbruger|fordrukken|sløset|uhøflig|dum\b|dumt|pylret|klynkehoved"
    r"|brokkehoved|tøsedreng|tudefjæs|latterlig|vanskelig|irriterende|svær at|genstridig"
    r"|egenrådig|sta\b|tvær\b|gnaven|vrissen|krakilsk|hidsig|umedgørlig|forkælet|nærig|selvisk"
    r"|pivet|hårdnakket|muggen|ondskabsfuld|tarvelig"
)
# Degree words between "du er" and a label: "du er godt nok stædig", "du er altså også ret sur".
_DEGREE = (
    r"(?:jo |altså |da |nu |bare |godt nok |sgu |også |lidt |ret |noget |meget |så |virkelig "
    r"|simpelthen |temmelig |pokkers |helt |ualmindelig |utrolig |frygtelig )*"
)
# "sur på Grethe", "vred over maden": a feeling aimed at someone or something, not a label.
_DIRECTED = r"(?!\w*,? (?:på|over|fordi)\b)"
_COMPLAINING = r"surmuler|brokker|klager|tuder|piver|klynker|glor|sutter|ævler|hænger med hovedet"

CONFRONT = _rx(
    rf"\bdet passer {_P}ikke\b",
    rf"\bdet (?:er|var) {_P}ikke (?:rigtigt|sandt|korrekt|i orden|det jeg har hørt)\b(?! for dig)",
    rf"\b(?:det er|det var|det der er) {_P}(?:noget |det rene )?(?:vrøvl|pjat|sludder|løgn|forkert)\b",
    r"\bdu (?:tager (?:helt )?fejl|lyver|overdriver)\b",
    r"\btage? dig (?:nu |så |lige |altså )?sammen\b",
    rf"\b(?:du må|du skal|du bliver nødt til at|du er nødt til at) {_P}(?:se at )?(?:indse|erkende|forstå,? at|acceptere,? at|affinde dig)\b",
    r"\bindse\b",
    rf"\b(?:nu må du|du må|nu skal du|du skal) {_P}(?:holde op|stoppe|lade være|høre efter|lytte)\b",
    r"\bhold (?:nu |så |dog )?(?:op\b|inde|mund)",
    r"\b(?:lyt|hør) (?:nu|her|så)\b(?! (?:lidt|om))",
    rf"\bdet (?:er|var) {_P}(?:din|jeres|hans|hendes) egen skyld\b",
    rf"\bdu (?:er|bliver|opfører dig som) {_P}(?:en |et |så |for )?(?:{NEG_TRAITS}){_DIRECTED}",
    rf"\bhvorfor (?:skal|gør|er|kan|må) du {_P}(?:altid |hele tiden |det hele |så )*(?:{NEG_TRAITS})",
    r"\bhvorfor (?:skal|gør|er|kan|må) du (?:altid|hele tiden)\b",
    rf"\bdu har {_P}(?:et |jo et )?(?:alkohol|drikke|druk|misbrugs)problem",
    rf"\bdu har {_P}et problem(?: med (?:alkohol|sprut|druk|drikkeriet|at drikke))?\s*[.!]?$",
    r"\bskam(?:me)? dig\b|\bskamme dig\b",
    r"^(?:ja,? ?men|jamen|jo,? men|nej,? men)\b",
    rf"\bdet (?:er|var) da {_P}ikke\b",
    rf"\bdet er {_P}ikke så slemt\b",
    r"^typisk\b|\btypisk dig\b|\bsom sædvanlig\b",
    rf"\b(?:det har|det siger|det sagde) du {_P}(?:sagt )?(?:hver gang|før|tusind gange|altid)\b",
    r"\bhver gang\b.*\b(?:siger|lover) du\b|\bdu (?:siger|lover|klager|brokker dig) altid\b",
    r"\bhvor mange gange skal jeg\b",
    rf"\bdu (?:kan|kunne) {_P}ikke (?:blive ved|bare|klare dig selv|passe dig selv)\b",
    r"\bsådan kan (?:du|det|vi) ikke\b|\bdet kan (?:ikke passe|du ikke (?:mene|være bekendt))\b",
    r"\bdet går (?:jo|altså|bare|simpelthen) ikke\b|^det går ikke\s*[.!]*$",
    rf"\b(?:din|jeres|hans|hendes) (?:\w+ )?har {_P}ret\b",
    rf"\bdu (?:vil|gider) {_P}(?:aldrig|ingenting|ikke hjælpe dig selv|ikke lytte)\b",
    r"\bdu (?:klager|brokker dig|klynker|surmuler|piver|tuder)\b",
    r"\bhold op med\b",
    rf"\bdu ved {_P}(?:godt |selv |udmærket )+,?(?:at|hvad|det)\b(?!.*\bbedst\b)",
    rf"\bdet ved du {_P}(?:godt|udmærket)\b|\bdet ved du selv\b(?!.*\bbedst\b)",
    r"\bdet burde du vide\b|\bdu burde vide bedre\b|\bdet ved du bedre\b",
    r"\ber du klar over\b",
    rf"\b(?:det har du|du har) {_P}(?:selv|kun dig selv) (?:at takke|været ude om|valgt)\b",
    rf"\bdu er {_P}ikke (?:den eneste|et barn|noget barn)\b",
    r"\balle (?:de )?andre (?:\w+ )?(?:kan|klarer|gør|går|spiser)\b",
    r"\bdu (?:ødelægger|saboterer|spolerer|forpester)\b",
    r"\bhvorfor (?:kan|vil|gider) du (?:da |nu )?ikke (?:bare|lige|engang)\b",
    r"\bdet er da (?:helt )?(?:normalt|almindeligt|ingenting|ikke noget|nemt|let)\b",
    r"\bdu (?:har|får|kan|er) da (?:\w+ )?(?:masser|mange|godt|ikke alene|ikke den eneste)\b",
    rf"\bdet er {_P}(?:helt )?(?:latterligt|tåbeligt|fjollet|barnligt|urimeligt|uacceptabelt)\b",
    r"\bdu må ikke (?:tale|råbe|snakke|opføre|skælde)\b",
    r"\bdet (?:er|var) ikke (?:pænt|sødt|rart|særlig pænt) (?:sagt|af dig|gjort)\b",
    r"\bdet er (?:jo )?ikke (?:min|vores|personalets) skyld\b",
    r"\bdu (?:gør|gjorde) det (?:bare )?(?:værre|sværere) for dig selv\b",
    r"\bdet nytter (?:ikke|ingenting) at (?:du|brokke|klage|sige)\b",
    r"\bholder (?:jo |altså |bare |simpelthen )*ikke\b(?:[^.?!]*\bnår\b)",
    r"\bdu (?:\w+ede|\w+te|tog|gik|kom|sagde|fik|gjorde|gad|ville|var) (?:jo |altså )?bare"
    r" ikke\b",
    r"\b(?:andre|de andre|naboerne|personalet|alle)\b[^.?!]*\bklager over\b",
    r"\bdet (?:er|var) (?:\w+ )?(?:lidt |meget |altså |jo |simpelthen |ret )*(?:barnligt|egoistisk"
    r"|uansvarligt|respektløst|ufint|urimeligt|dumt|tåbeligt|ikke rimeligt|uhøfligt|frækt|utaknemmeligt)",
    r"^(?:men )?(?:du siger|du påstår|du siger godt nok|du siger selv)\b[^.?!]*,\s*men\b",
    r"\b(?:har vi|har jeg|har du)\b[^.?!]*\b(?:hundrede|tusind|hundred|en million|så mange|mange"
    r" mange) gange\b",
    r"\bhvis du (?:bare |nu )?havde\b[^,.?!]*,\s*(?:så )?(?:var|havde|ville|kunne|var du|havde du)\b",
    r"\bse (?:det |sandheden |virkeligheden )?i øjnene\b",
    r"\bdu ikke (?:længere |mere )?(?:kan|kunne) (?:længere )?(?:klare dig selv|passe dig selv|bo alene)\b",
    r"\bdu er (?:jo |bare |altså |også )*(?:en af dem|sådan en|typen),? der (?:aldrig|altid|bare"
    r"|ikke)\b",
    r"\bjo ikke (?:den )?første gang\b",
    r"\bså er det (?:jo |da )?ikke (?:så )?(?:mærkeligt|underligt|sært)\b",
    r"\b(?:har (?:jeg|vi)|jeg har|vi har) (?:\w+ )?(?:sagt|snakket|talt|fortalt|forklaret)\b[^.?!]*"
    r"\b(?:mange|flere|utallige|\w+ hundrede) gange\b",
    r"\bdu skal (?:ikke|heller ikke) tro (?:på|at)\b",
    r"\bjeg forstår (?:altså |simpelthen |bare |virkelig )?ikke,? (?:hvorfor|at) du\b",
    r"\bgør det (?:\w+ )?(?:besværligt|svært) for dig selv\b",
    r"\bdet er (?:jo |altså )?dig selv,? der\b",
    r"\bdet er (?:altså |jo |bare )?ikke (?:os|mig|personalet|vores skyld),? der\b",
    # dismissing what was said: "sådan noget sludder", "pjat"; "det holder bare ikke"
    r"\b(?:sådan (?:noget|et)|sikke (?:noget|et)|noget|det rene|rent) (?:\w+ )?(?:sludder|vrøvl"
    r"|pjat|pladder|ævl|nonsens|fjolleri|pølsesnak)\b|^(?:sludder|vrøvl|pjat|nonsens|pølsesnak)\b",
    r"(?:^|, |\bmen )(?:det|den|(?:den|det|din|dit|jeres) \w+) holder (?:jo |altså |bare |simpelthen"
    r" |da )*ikke\s*[.!]*$",
    # sarcasm: "så er du åbenbart ekspert nu", "du har åbenbart glemt det"
    r"\b(?:du|de|i) (?:er|har|kan|ved|vil|skal|synes|mener) (?:jo |nu |da |så )?åbenbart\b"
    r"|\b(?:er|har|kan|ved|vil|skal|synes|mener) (?:du|de|i) (?:jo |nu |da |så )?åbenbart\b",
    # blame for burdening others and denying their say over someone else
    r"\bgøre?r? det (?:\w+ )?(?:sværere|svært|besværligt|vanskeligt|surt|umuligt) for (?:os"
    r"|personalet|andre|alle|din familie|dine børn)\b",
    r"\bhvorfor (?:bliver|skal) (?:du|i|de) (?:\w+ )?ved med\b",
    r"\b(?:du|i) kan (?:jo |altså |da |bare )*ikke (?:bare )?(?:bestemme over|tvinge) (?:ham|hende"
    r"|dem|andre|din|jeres|deres)\b",
    r"\blad være med at (?:sige|lyve|benægte|lade som om)\b|\bdu lugter\b",
    r"\bdu er (?:\w+ )?for (?:gammel|svag|dårlig|skrøbelig|dement|glemsom|syg|langt væk) til\b",
    rf"\b(?:det|det der|det dér|det her) (?:er|var) {_P}(?:nogle |noget |dårlige |bare )*"
    r"(?:undskyldning\w*|udflugt\w*|ævl|brok|klynk\w*|overdrivelse\w*|pladder)",
    rf"\bdu har {_P}ikke ret\b|\bdet har du {_P}ikke ret i\b",
    rf"\bdu gør det {_P}(?:ikke (?:nemt|let)|svært|besværligt|surt|umuligt) for (?:os|personalet"
    r"|andre|din familie|dine børn|din datter|din søn|dem|hende|ham)\b",
    r"\b(?:nu )?skal du høre (?:her|efter)\b",
    r"(?:^|, )det går (?:altså |bare |simpelthen )?ikke\s*[.!]*$",
    # labelling the person: "du er godt nok stædig", "hvor er du sur", "sikke en brokkerøv"
    rf"\bdu er {_DEGREE}(?:en |et )?(?:{NEG_TRAITS}){_DIRECTED}",
    rf"^hvor er du {_DEGREE}(?:{NEG_TRAITS})|\bsikke (?:en |et )?(?:{NEG_TRAITS})",
    # moral judgement of what the person does
    rf"\bdet (?:er|var) {_P}ikke (?:særlig |så |specielt |videre |synderlig |ret )?(?:pænt|sødt"
    r"|kønt|flinkt|venligt|høfligt|ordentligt|anstændigt) (?:at|af dig|over ?for|sagt|gjort"
    r"|når)\b",
    rf"\bdet (?:er|var) {_P}ikke (?:særlig |så |specielt |videre )?(?:fair|rimeligt|i orden)"
    r" (?:af dig|over ?for (?!dig\b|dem\b))",
    rf"\bdet (?:er|var) {_P}(?:\w+ )?(?:uretfærdigt|unfair|ikke fair|urimeligt|uartigt|frækt|grimt"
    r"|ufint|tarveligt|hensynsløst|ondskabsfuldt|respektløst) (?:over ?for|mod) (?!dig\b|dem\b)",
    rf"\bdet (?:kan (?:du|man)|er (?:du|man)) {_P}ikke (?:være )?bekendt\b"
    rf"|\b(?:du|man) kan {_P}ikke være bekendt\b",
    # blaming: "du har jo bare ikke prøvet", "du sidder jo bare og surmuler"
    r"\bdu (?:gider|gad|gør|gjorde|prøver|prøvede|lytter|tager|tog|bruger|brugte)"
    r" (?:jo |altså |da |nu |også )*bare ikke\b",
    r"\bdu (?:har|havde) (?:jo |altså |da |nu |også )*bare ikke (?!lyst|tid|kræfter|overskud|råd)"
    r"[a-zæøå]+(?:et|t)\b",
    r"\bdu (?:vil|ville) (?:jo |altså |da )+bare ikke\b",
    r"\bdu (?:har |havde )?(?:\w+ ){0,2}?(?:ikke|aldrig) (?:rigtig |engang |rigtigt )?(?:prøvet"
    r"|forsøgt|givet|brugt|øvet|lyttet|prøver|bruger|øver|lytter)\b[^.?!]*\b(?:ordentlig\w*"
    r"|rigtig chance|ærlig chance)",
    rf"\bdu (?:sidder|ligger|går|står|render|driver) (?:\w+ ){{0,5}}?(?:og|rundt og) (?:{_COMPLAINING})",
    r"\bdu (?:sidder|ligger|går|står|render) (?:jo|altså|da) (?:også )?bare\b",
    # sarcasm: "nå, så det er pludselig os, der ..."
    r"^(?:nå|nåh|nå nå|nånå|ja ja|jaja|nå men)\b[^.?!]*\bpludselig\b",
    r"\bså (?:er det|det er) (?:nu |altså )*pludselig\b|\bpludselig (?:os|mig|personalet|vores"
    r"|min)\b|\b(?:os|mig|personalet),? der (?:har|får) skylden\b",
    # yes-but: "men det er fordi, du ikke ..., som vi har sagt"
    r"^men det er (?:jo |altså |da |nu |bare )*fordi,? du\b|\bdet er (?:jo|altså|da) fordi,? du\b",
    r"(?:\bdet er (?:jo |altså |da |nu |bare )*fordi,? |\b)du (?:\w+ ){0,2}?(?:ikke|aldrig)\b"
    r"[^.?!]*,? som (?:vi|jeg|lægen|sygeplejersken|personalet"
    r"|de) (?:har|havde) (?:sagt|aftalt|fortalt dig|forklaret|bedt dig om|snakket om)\b",
    r"\bdet nytter (?:jo |altså |bare )*(?:ikke(?: noget)?|ingenting),? at (?:du|brokke|klage|sige)",
)
# A short elliptic question that scolds a repeated habit ("Kage igen?", "Nu igen?"); one that
# names an ailment is an ordinary question ("Ondt i ryggen igen?").
SCOLDING_QUESTION = re.compile(r"^(?:og |så )?(?:[^\W\d_]+ ){0,2}?(?:nu |allerede )?igen\s*\?$")
_AILMENT = re.compile(
    r"\b(?:ondt|svimmel|dårlig|syg|feber|kvalm\w*|træt|søvnløs|uro|smerter|hoste\w*|faldet"
    r"|forstoppet|tørstig|sulten|ked)\b"
)

# Judgements that confront as statements but are ordinary questions when asked.
CONFRONT_STATEMENT = _rx(
    rf"\bdu (?:spiser|drikker|sover|ryger|sidder|ligger) {_P}(?:alt )?for (?:meget|lidt|længe)\b",
)

PERSUADE = _rx(
    r"\bdu (?:burde|bør)\b",
    r"\bdu skulle\b(?! (?:have været|have set|skamme))",
    # a negated modal question that pushes: "skulle du ikke prøve at ...", "burde De ikke ..."
    r"^(?:men |så )?(?:skulle|burde|bør) (?:du|de|i) (?:ikke|hellere)\b",
    # an imperative after a linking word: "så tag dem med morgenmaden", "og husk stokken"
    r"^(?:så|og|men|nu) (?:drik|spis|tag|husk|brug|ring|prøv|sørg|hent|bliv|glem|undgå|begynd|gør"
    r"|vær|pas|stop|giv|sæt|læg|hold|skriv|tænk)\b(?! (?:jeg|du|han|hun|vi|de|der|det|man|i)\b)",
    rf"\bdu skal {_P}(?:huske|prøve|se at|sørge for|have (?:noget|mere|et bad|spist|drukket)|drikke"
    r"|spise|tage|gå|op\b|ud\b|i bad|ringe|lytte|holde|lade|skære|stoppe|begynde|bevæge|passe på"
    r"|komme|bade|vaske|sove|have hjælp|tænke på|bruge|tage imod|have (?:\w+ ){1,2}?med\b)",
    r"\bdu skal (?:jo|altså|nu|bare|virkelig|da)\b",
    rf"\bdu må {_P}(?:hellere|se at|endelig|huske|love|prøve|sørge)\b",
    r"\bdu må (?:jo|altså|nu|bare|virkelig)\b(?! (?:selv|gerne))",
    rf"\b(?:du bliver|du er|du må|vi bliver) {_P}nødt til\b",
    r"^prøv\b(?! (?:\w+ )?(?:at )?(?:fortælle|beskrive|forklare|sige lidt|uddybe))",
    r"\bprøv (?:nu|lige|bare|dog|engang)\b(?! (?:at )?(?:fortælle|beskrive|forklare))",
    r"^(?:drik|spis|gå|tag|kom|husk|tænk|ring|brug|sov|vask|bad|sørg|bliv|rejs|glem|undgå"
    r"|skynd|få|begynd|gør|vær|pas|skær|stop|spring|start|drop|lad være|sluk|hent)\b"
    r"(?! (?:ind|indenfor|indenfor\b|dig (?:god |den )?tid|det (?:stille og )?roligt|plads|fat"
    r"|en dyb|sød at (?:fortælle|beskrive)|velkommen|ikke (?:bange|ked|urolig)))",
    r"\bhvis du (?:ikke |bare |nu |bliver ved|fortsætter|begyndte|drak|spiste|gik|kom|tog|prøvede"
    r"|ringede|flyttede|sagde ja)[^,]*,\s*(?!(?:så )?(?:(?:er|var) det|det (?:er|var))\b)(?:så |\w+ du\b|ender|bliver"
    r"|kommer|får|risikerer|vil"
    r"|ville|kan|kunne|falder|går)",
    r"\b(?:risikerer du|du risikerer|ellers (?:ender|bliver|kommer|får|risikerer|falder|kan))\b",
    rf"\bdet (?:ville|vil|kunne|ku') {_P}(?:være|blive|gøre) {_P}(?:rigtig |meget |så )?(?:godt"
    r"|bedst|en god idé|en god ide|sundt|rart|klogt|fornuftigt|smart|dejligt|en fordel|gavnligt)"
    r"(?: for dig)?,? (?:at|hvis|om)\b",
    rf"\bdet (?:er|var) {_P}(?:meget |rigtig |så |altså )?(?:vigtigt|nødvendigt|bedst|en god idé"
    r"|klogt|sundt|godt for dig|på tide)(?: for dig)?,? (?:at|hvis) du\b",
    r"\bdet er (?:\w+ )?(?:sundt|godt) for dig(?: at|,)",
    r"\bdet er på tide\b",
    r"\bdet (?:ville|vil|kunne) (?:\w+ )?gøre dig (?:\w+ )?godt\b",
    r"^nu (?:tager|går|skal|kommer|får) vi (?:lige|bare|altså)\b|\bså er det overstået\b",
    r"\b(?:det er|det var|det bliver) (?:\w+ )?(?:vigtigt|godt|sundt|nødvendigt|bedst|skidt|dårligt"
    r"|farligt) for (?:dit|din|dine) (?:\w+ )?(?:helbred|nyrer|hjerte|krop|knogler|muskler|hukommelse"
    r"|ben|mave|hud|søvn|humør|blodtryk|blodsukker|lunger|sundhed|kondition|balance|tænder|lever)",
    r"\bdet bedste,? (?:du kan gøre|ville være|er at|for dig|vil være)\b",
    r"\bhvis jeg var (?:dig|dem|i dit sted)\b",
    r"\bjeg (?:synes|mener|syntes|tror|tænker),? (?:at )?(?:du|de) (?:skal|skulle|bør|burde|må"
    r"|har brug for|trænger til|bliver nødt)\b",
    r"\bjeg vil (?:gerne )?(?:råde|anbefale|foreslå|opfordre)(?: dig|,? at du)\b"
    r"|\bjeg (?:råder|anbefaler|opfordrer) dig\b|\bjeg foreslår,? at du\b",
    r"\bmit (?:bedste )?råd (?:til dig )?(?:er|vil være|ville være)\b",
    r"\bhvad med at\b(?!.*\bsammen\b)",
    r"\bhvorfor (?!har\b|er\b|vil\b|kan\b|synes\b|tror\b|føler\b|mener\b|gider\b)\w+ (?:du|i)"
    r" ikke\b",
    r"\bhvorfor (?:\w+ )?(?:du|i) ikke (?:bare|lige|engang|prøve)\b",
    r"\bskal vi ikke\b(?!.*\b(?:sammen|finde ud)\b)",
    r"\b(?:kunne du|kan du|ku' du) ikke (?:bare|lige|prøve|godt)\b|\bkunne du ikke\b",
    r"\bvil du ikke (?:nok|bare|lige|godt|prøve|gøre mig)\b",
    r"\btænk (?:nu |lige |bare |dog |engang )?(?:på|over|engang|nu)\b",
    r"\b(?:husk|huske) (?:nu|lige|at|på)\b(?!.*\?$)",
    r"\bdu (?:har|har altså|har jo) (?:jo |altså |virkelig |simpelthen )+brug for\b",
    r"\bdu trænger (?:jo |altså |virkelig )*til\b",
    r"\b(?:tror|synes|mener) du ikke,? (?:at |selv )?(?:det|du)\b",
    r"\ber det ikke (?:bedre|på tide|en god idé|smartere|nemmere|klogere)\b",
    r"^kom (?:nu|så|nu så|med|op)\b|\bkom nu\b",
    r"\bnu skal (?:du|vi) (?:bare |lige |altså |have |i bad|op\b|spise|drikke|ud\b)",
    r"\b(?:for dit eget bedste|for din egen skyld)\b",
    r"\bman (?:bør|burde|skal jo|skulle jo|må jo)\b",
    rf"\bdu (?:kan|kunne) {_P}(?:bare|prøve at|jo bare|altid bare|godt prøve)\b",
    r"\bdu kunne (?:jo|måske|eventuelt|godt|prøve|overveje)\b",
    r"\bman kunne (?:jo|måske|eventuelt|prøve)\b",
    r"\bvær (?:nu |så |lige )?sød (?:at|og)\b(?! (?:fortælle|beskrive))",
    r"\b(?:ellers|så) (?:ender du|bliver du syg|falder du)\b",
    r"\bdu er nødt til\b",
    r"^lad (?:nu |så |dog |bare |lige )?være\b",
    r"\bmåske (?:kunne|skulle|burde) (?:du|de|i)\b",
    r"\bdu (?:får|vil få|ville få) det (?:\w+ )*?bedre,? (?:af|hvis|når)\b",
    r"\b(?:ville|vil|kunne) gøre (?:underværker|en verden til forskel|en stor forskel|dig godt)\b",
    r"\bdet (?:må|skal|bør|burde) du (?:altså |jo |bare |virkelig |nu )*(?:gøre|prøve|huske|lære"
    r"|tage|have)\b",
    # obligation with a threat, and prohibitions aimed at the person
    r"\b(?:du|de) (?:skal|må|bør|burde)\b[^.?!]*,? (?:for )?ellers\b",
    rf"\b(?:du|de) (?:må|skal) {_P}(?:ikke|aldrig|heller ikke) (?:glemme|springe|spise|drikke|ryge"
    r"|gå|tage|stå|sidde|ligge|lade|droppe|undlade|sige nej|løfte|bære|køre|cykle|vente|tænde"
    r"|vaske|bade|smide|aflyse|stoppe|holde op)\b(?!.*\bhvis (?:du|de) ikke (?:vil|har lyst|orker)\b)",
    # warnings: "hvis der ikke ..., så bliver vi nødt til ...", "ellers ender det med ..."
    r"\bhvis (?:ikke (?:du|der|det|man|vi)\b|(?:du|der|det|man|vi) [^,.?!]*\bikke\b)[^,.?!]*,\s*"
    r"(?:så )?(?:(?:bliver|er|må) (?:vi|du|jeg) (?:\w+ )?(?:nødt|tvunget|nødsaget) til|ender"
    r" (?:det|du)|risikerer|kommer du på|falder du|går det galt)",
    r"\bellers ender det med\b",
    # imperatives pressed with "nu", "dog", "endelig": "Giv nu besøgsvennen en chance"
    r"^(?:giv|tag|spis|drik|gå|kom|ring|prøv|brug|sæt|læg|hold|lad|få|gør|vær|skriv|find|køb"
    r"|flyt|tænk|husk|bliv|start|begynd|stop|lyt|ryd|skift|vælg|tal|snak|følg|lær|øv|træn|send"
    r"|spørg|hvil|sov|bad|vask|skynd|rejs|ryg|drop|luk|åbn|sluk|tænd|hent|smid|lig|sid|stå)"
    r" (?:nu|dog|endelig|så bare)\b",
    r"^giv (?:\w+ ){0,3}?(?:en chance|en ny chance|et forsøg|lov)\b",
    # pushing with someone's pleasure: "det bliver hun så glad for", "hvis du ..., bliver X glad"
    r"[,–-] (?:og )?(?:det|så) (?:bliver|vil) (?:\w+ ){1,3}?(?:blive )?(?:så |rigtig |meget |virkelig"
    r" )?(?:glad|glade|stolt|stolte|taknemmelig)\b",
    r"\b(?:glad|glade|stolt|stolte|taknemmelig) for,? (?:hvis|at) du\b",
    r"\bhvis du [^,.?!]*, (?:så )?(?:bliver|vil) (?:\w+ ){1,3}?(?:blive )?(?:så |rigtig |meget "
    r"|virkelig )?(?:glad|glade|stolt|stolte)\b",
)

COLLABORATION = _rx(
    r"^(?:\w+ )?må jeg (?:godt |lige |gerne )?(?:spørge|fortælle|foreslå|komme med|give|dele"
    r"|sige|byde ind|vise|læse|nævne|forklare|prøve at foreslå|dele|fortælle dig|stille)",
    r"\b(?:er det|ville det være|vil det være|var det) (?:\w+ )?(?:i orden|okay|ok|ok'?|fint"
    r"|all right|en god idé|acceptabelt)(?: (?:med|for) dig)?,? (?:at|hvis|om) (?:jeg|vi)\b",
    r"\b(?:vil|ville|kunne) du (?:gerne |have lyst til at )?(?:høre|vide),? (?:lidt |mere |noget"
    r" |et )?(?:om|hvad|mere|et forslag|nogle|hvordan|noget|lidt)",
    r"\b(?:har du lyst til|er du interesseret i|er du åben for|kunne du tænke dig|vil du gerne)"
    r" at (?:høre|vide)\b",
    r"\bhvis du (?:har lyst|vil|er interesseret|er åben)(?: til)?(?: at)? (?:høre|vide)\b",
    r"\bhvis (?:det er i orden|du har lyst|du vil),? (?:kan|vil|må) jeg (?:fortælle|give|komme"
    r" med|foreslå)\b",
    r"\bsammen\b[^.?!]*\b(?:finde|lægge|lave|se på|tale om|planlægge|beslutte|aftale|kigge på"
    r"|blive enige|tænke|overveje|undersøge|prøve|løse|finder|lægger|laver|ser på)\b",
    r"\b(?:finde|lægge|lave|se på|tale om|planlægge|beslutte|aftale|kigge på|blive enige"
    r"|finder|lægger|laver|prøve at finde|undersøge|løse)\b[^.?!]*\b(?:sammen|i fællesskab)\b",
    r"^(?:skal|kan|kunne|vil|må) vi\b[^.?!]*\b(?:sammen|i fællesskab)\b",
    r"\bhvad (?:synes|tænker|mener|siger) du,? (?:at |om at )?vi (?:skal|kan|kunne|bør|gør)\b",
    r"\bhvordan skal vi (?:gribe|gøre|lægge|finde|aftale|gå)\b|\bhvad skal vi (?:gøre|aftale)\b",
    r"\bhøre (?:dine|din|dit|hvad du)\b[^.?!]*\bførst\b|\bførst (?:høre|vide) (?:dine|din|hvad du)",
    r"\b(?:før|inden) vi (?:beslutter|bestemmer|aftaler|vælger|gør noget|sætter noget i gang)",
    r"\bhvis det er (?:helt )?(?:i orden|okay|ok|fint)(?: (?:med|for) dig)?\b",
    r"\bhvis du (?:har lyst|vil|er interesseret)\b[^.?!]*\b(?:jeg|vi) (?:\w+ )*?(?:fortælle|give"
    r"|komme med|foreslå|vise)",
    r"\bmå jeg (?:godt |lige |gerne )?(?:spørge|fortælle|foreslå|komme med|give|dele|byde ind|vise"
    r"|nævne|forklare)",
    r"\bhvordan kan jeg (?:\w+ )?(?:hjælpe|støtte)\b|\bhvad kan jeg gøre for (?:at hjælpe )?dig\b",
    r"\b(?:skal|kan|kunne) vi (?:to |sammen )*(?:prøve at )?(?:finde|lægge|lave|aftale"
    r"|tale om|se på|kigge på|blive enige|tænke over|undersøge|planlægge"
    r"|finde ud af|planlægge)\b",
    r"^(?:og )?(?:vil|ville|kunne|skal) (?:du|de) (?:gerne |have lov til at |måske )?(?:høre|vide)"
    r" (?:dem|det|den|om dem|om det|mere om det|lidt om dem|lidt om det)\s*\??$",
    r"\bskal vi (?:prøve at )?(?:finde|lægge|lave|aftale|tale om|se på|kigge på|blive enige"
    r"|finde ud af|planlægge)\b",
    r"\b(?:jeg har|der er) (?:et par |nogle |en |et )?(?:idéer|ideer|idé|ide|forslag|erfaringer"
    r"|oplysninger|information|tanker)\b[^.?!]*\bhvis du\b",
    r"\bvil du have,? at jeg (?:fortæller|forklarer|kommer med|giver)\b",
    r"\blad os (?:\w+ )?(?:finde ud af|se på|tale om|kigge på|sammen)\b(?! noget andet| andre ting)",
    # joint action proposed to the person: "vil du have, at vi ...", "så kan vi sammen ..."
    r"^(?:og |men |så )?vil (?:du|de|i) (?:gerne )?have,? at vi\b",
    r"\b(?:kan|kunne|skal) vi (?:\w+ )?sammen\b|\bvi (?:to )?(?:kan|kunne|skal) sammen\b",
    r"\bvi (?:kigger|ser|taler|snakker|tager en snak|finder ud af|lægger en plan|gennemgår)\b"
    r"[^.?!]*\bsammen\b",
    r"\bhvis (?:du|de|i) (?:har lyst|vil|synes)\b[^.?!]*,\s*(?:så )?(?:kan|kunne|skal) vi\b",
    r"\bhvad (?:er|ville være) dit bud\b|\bhvad er din mening\b|\bhvad foreslår du\b",
    r"\bhvad tænker du om,? at vi\b",
)

AUTONOMY = _rx(
    r"\bdet er (?:helt |fuldstændig |jo |i sidste ende |selvfølgelig |stadig )*(?:dit|deres)"
    r" (?:eget )?valg\b",
    r"\bdet er (?:helt |jo |selvfølgelig |stadig )*(?:din|deres) (?:egen )?beslutning\b",
    r"\b(?:er|står|være|blive) (?:\w+ )?(?:helt |fuldstændig |jo |selvfølgelig )?op til"
    r" (?:dig|dem)\b|^(?:det er )?(?:helt )?op til (?:dig|dem)\b",
    r"\b(?:du|de) (?:bestemmer|vælger|beslutter|afgør)(?: (?:helt|jo|selvfølgelig|stadig))*"
    r"(?: selv| det)?\b(?!.*\bikke\b)",
    r"\b(?:det )?(?:bestemmer|vælger|beslutter|afgør) (?:du|de) (?:helt )?selv\b",
    r"\b(?:du|de) (?:må|kan|skal) (?:\w+ )?(?:helt )?selv (?:bestemme|vælge|afgøre|beslutte)\b",
    r"\bdet (?:må|kan|skal) (?:du|de) (?:\w+ )?selv (?:om|bestemme|vælge|afgøre|beslutte)\b",
    r"\b(?:du|de) behøver (?:altså |jo |selvfølgelig )?ikke (?:at )?(?:sige ja|gøre noget|beslutte"
    r"|bestemme dig|tage imod|svare nu|gøre det)",
    r"\bdet er (?:\w+ )?(?:dig|dem),? der (?:\w+ )?(?:bestemmer|bestemme|vælger|vælge|beslutter"
    r"|beslutte|afgør|afgøre|ved|har det sidste)",
    r"\bdet er (?:jo |helt )?(?:din|deres) (?:fulde )?ret\b",
    r"\b(?:er|bliver) (?:\w+ )*?(?:din|deres) (?:egen )?(?:beslutning|afgørelse)\b",
    r"\b(?:dit|deres) (?:eget )?valg\b",
    r"\b(?:du|de) (?:kan|må|skal) (?:altid|godt|sagtens|gerne|selvfølgelig|stadig) (?:sige nej|sige"
    r" fra|vælge|takke nej|lade være|ombestemme)",
    r"\bkender (?:dig|dem) selv (?:bedre|bedst)\b",
    r"\bhvis (?:du|de) (?:ikke |hellere |helst )?(?:vil|har lyst|foretrækker|ønsker)\b[^.?!]*,\s*"
    r"(?:så )?(?:er det|det er) (?:\w+ )?(?:i orden|fint|okay|ok|din ret|dit valg|din beslutning)",
    r"\b(?:du|de) skal ikke\b[^.?!]*\bhvis (?:du|de) ikke (?:vil|har lyst|orker)\b",
    r"\bjeg respekterer,? (?:at )?(?:du|dit|din|dine|de)\b",
    r"\b(?:dig|dem),? der skal (?:træffe|tage) (?:den|beslutningen|valget|en beslutning)\b",
    r"\b(?:du|de) må selv om\b|\bhvis det er det,? (?:du|de) vil\b",
    r"\bdet er (?:jo )?(?:dit|deres) liv\b",
    r"\b(?:du|de) (?:kender|ved) (?:jo )?(?:\w+ )?(?:selv )?bedst\b",
    r"\bingen kan (?:tvinge|bestemme over) (?:dig|dem)\b",
    r"\b(?:du|de) skal ikke (?:gøre|\w+) (?:noget|nogen ting|mere end)\b[^.?!]*\b(?:ikke|selv)\b",
    r"\bdet står (?:dig|dem) (?:helt )?frit\b",
    r"\buanset hvad (?:du|de) (?:vælger|beslutter|bestemmer|gør)\b|\bhvad (?:du|de) end vælger\b",
    r"\b(?:du|de) har (?:al )?ret til at (?:sige nej|bestemme|vælge|takke nej|sige fra)\b",
    r"\b(?:du|de) behøver ikke\b[^.?!]*\bhvis (?:du|de) ikke\b",
    r"\bhvis (?:du|de) ikke (?:vil|har lyst|orker)\b[^.?!]*\b(?:er det|så er det) (?:også )?"
    r"(?:helt )?(?:i orden|fint|okay|ok)\b",
    r"\bdet er (?:helt )?i orden at (?:sige nej|takke nej|lade være|vente)\b",
    r"\b(?:du|de) må (?:gerne|altid) (?:sige nej|takke nej|sige fra|lade være|ombestemme)",
    r"\b(?:du|de) er (?:den|eksperten|ekspert)\b.*\b(?:ved|bedst|eget liv)\b|\bdu er eksperten\b",
    r"\bdu (?:har|har jo) det sidste ord\b|\bdit liv,? dine regler\b",
    r"\bdet er dig,? der er eksperten\b|\bdu skal ikke noget\b",
    r"\b(?:du|de|i) er (?:helt |fuldstændig |jo |selvfølgelig )?frie? til at\b|\bfrit valg\b",
    r"\bkun (?:du|de|i|dig|dem|jer)\b[^.?!]*\b(?:kan|må|skal) (?:\w+ )?(?:afgøre|bestemme"
    r"|beslutte|vælge|svare på)\b",
    r"\bnoget,? (?:du|de|i) (?:selv )?(?:må|skal|kan) (?:\w+ )?(?:afgøre|bestemme|beslutte)\b",
    # the say of the person a relative speaks for: "det er jeres far, der bestemmer"
    r"\bdet er (?:i sidste ende |jo |stadig |altså |helt )*(?:(?:din|dit|dine|jeres|deres|hans"
    r"|hendes) \w+|ham|hende|jer),? der (?:\w+ )?(?:bestemmer|afgør|beslutter|vælger|har det"
    r" sidste ord)\b",
    r"\b(?:han|hun) (?:bestemmer|vælger|beslutter|afgør) (?:jo |helt |stadig )*selv\b",
)

SUMMARY_STRONG = _rx(
    r"\bsaml\w* (?:\w+ ){0,3}?(?:op|trådene|sammen)\b|\bsamle (?:lige )?(?:det|lidt)\b",
    r"\bopsummer\w*|\bsammenfat\w*|\bkort sagt\b|\balt i alt\b",
    r"\b(?:har jeg|jeg har) fat i det\b|\bom jeg har fat i\b|\bom jeg har (?:det hele|alt) med\b",
    r"\b(?:du|du har) (?:\w+ )?(?:siger|nævnt|fortalt|sagt|nævner) (?:\w+ )?(?:to|tre|fire|flere"
    r"|et par|nogle) (?:forskellige )?ting\b",
    r"^(?:så |okay,? så )?(?:der er )?(?:altså )?(?:to|tre|fire) ting:",
    r"\b(?:lad mig|må jeg|jeg vil) (?:\w+ ){0,3}?(?:se|høre|tjekke|prøve|sikre mig),? om jeg har"
    r" (?:forstået|fanget|hørt|fået)\b",
)
SUMMARY_WEAK = _rx(
    r"^(?:så )?(?:så vidt jeg (?:har )?(?:forstået|forstår)|hvis jeg (?:har )?(?:forstået|forstår)"
    r" dig (?:ret|rigtigt)?)",
    r"^(?:så )?(?:du har (?:\w+ )?(?:fortalt|sagt|nævnt)|vi har (?:\w+ )?(?:talt|snakket)"
    r"|indtil (?:nu|videre) har (?:du|vi)|i dag har vi (?:talt|snakket))",
    r"^(?:så |okay,? så )?det,? (?:jeg|du) (?:hører|har hørt|fortæller|siger|har fortalt)(?: mig)?"
    r"(?: i dag)?,? er\b",
)

OPEN_INVITATION = _rx(
    r"^(?:så |og |men )?(?:fort+æl|beskriv|forklar|uddyb|berett?)\b",
    r"^jeg (?:spekulerer|undrer mig|funderer|er spændt|tænker) (?:lidt )?(?:på|over),? (?:hvordan"
    r"|hvad|hvorfor|hvilke|om)\b",
    r"^(?:prøv (?:lige |at |lige at )?|vær sød at )(?:at )?(?:fortælle|beskrive|forklare|uddybe"
    r"|sige lidt)",
    r"^(?:kan|vil|gider|kunne|ville|må) (?:du|de|i) (?:ikke |godt |lige |prøve at |måske )*"
    r"(?:fort+æll?e|beskrive|forklare|uddybe|sige (?:lidt|noget|mere|mig)|sætte ord på|give (?:mig )?"
    r"(?:et )?eksempel|komme med et eksempel|tage mig med)",
    r"^har (?:du|de) lyst til at (?:fortælle|beskrive|sige lidt|dele|uddybe)",
    r"^sig (?:lidt|mig|noget|mere)\b",
    r"^jeg (?:vil|ville|kunne) (?:\w+ )?(?:gerne|godt|meget gerne|høre) (?:\w+ )?(?:høre|vide"
    r"|forstå) (?:lidt |mere |noget |lidt mere )*(?:om|hvordan|hvad|hvorfor|hvilke|din|dit|dine)",
    r"^jeg (?:er|bliver) (?:\w+ )?(?:nysgerrig|interesseret i at høre|spændt på at høre)",
    r"^jeg (?:kunne|kan) godt (?:tænke mig at|lide at) (?:høre|vide|forstå)",
    r"^(?:og )?(?:hvad )?(?:mere|ellers|så)\s*\??$",
    r"^kan (?:du|de) huske,? (?:hvordan|dengang|da|tiden)",
)

SCALE = re.compile(r"\bskala\b|\bfra (?:0|1|nul|en|et) til (?:10|ti|5|fem|100)\b|\bhvilket tal\b")

EXCLAIM_AFFIRM = re.compile(
    r"^hvor (?:er|var) (?:det|du) (?:bare |virkelig |da )?(?:flot|godt|dejligt|modigt|stærkt|sejt"
    r"|dygtig|imponerende|sej|stærk|modig|godt klaret)"
)

_POSITIVE = (
    r"flot|modigt|stærkt|sejt|imponerende|beundringsværdigt|prisværdigt|fantastisk|godt gået"
    r"|godt klaret|godt kæmpet|godt tænkt|klogt|smukt|rørende|stort"
)
_QUALITIES = (
    r"modig|stærk|sej|dygtig|omsorgsfuld|omtænksom|kærlig|ærlig|hjælpsom|vedholdende|tålmodig"
    r"|god til|sød|betænksom|ansvarlig|opfindsom|ressourcestærk|fighter|kæmper|hårdfør|sej"
    r"|selvstændig kvinde|selvstændig mand|god (?:mor|far|datter|søn|ven|kone|mand|veninde)"
    r"|støtte|klippe|forbillede|inspiration"
)
AFFIRMATION = _rx(
    rf"\b(?:det er|det var|hvor er det|hvor var det|det synes jeg er|det synes jeg var|jeg synes,?"
    rf" (?:at )?det (?:er|var)) (?:virkelig |rigtig |godt |så |meget |utrolig |enormt |helt |vildt"
    rf" |bare |altså |jo )*(?:{_POSITIVE})\b",
    r"\b(?:det er|det var) (?:virkelig |rigtig |så |meget |utrolig )*(?:godt|dejligt|fint|rart)"
    r",? (?:at |af )?(?:du|dig)\b",
    rf"^(?:{_POSITIVE})\b",
    r"^(?:godt|flot) (?:gået|klaret|kæmpet|tænkt|set|husket)\b",
    rf"\b(?:af dig|du er|du har været|du er virkelig|at du er) (?:virkelig |så |meget |rigtig |en"
    rf" |et |utrolig |godt nok |jo |altså |også )*(?:\w+ )?(?:{_QUALITIES})\b",
    r"\bdu har (?:virkelig |jo |altså |også |rigtig |godt nok |allerede |faktisk |bare )*"
    r"(?:kæmpet|knoklet|arbejdet (?:\w+ )?hårdt|holdt ud|ikke givet op|gjort dig (?:\w+ )?umage"
    r"|gjort (?:en |et )?(?:\w+ )?(?:indsats|stykke arbejde|arbejde)|gjort alt,? hvad du"
    r"|gjort dit bedste|gjort det (?:\w+ )?(?:godt"
    r"|flot)|klaret (?:det|dig) (?:\w+ )?(?:flot|godt|fint|imponerende)|formået|taget (?:et|det|dit) (?:\w+ )?"
    r"skridt|været (?:\w+ )?(?:modig|stærk|tålmodig|sej|vedholdende|god|flink)|passet (?:\w+ )+"
    r"(?:i|gennem) (?:mange|alle|\d+)|fået (?:\w+ )?(?:meget|det hele) til at)",
    r"\b(?:en stor|en flot|en kæmpe|en imponerende|en god|en virkelig stor|et stort) (?:indsats"
    r"|arbejde|skridt)\b",
    r"\bdet kræver (?:\w+ )?(?:mod|styrke|vilje|kræfter|overskud|mandsmod)\b",
    r"\bdet siger (?:\w+ )?(?:meget|noget|en del|alt) om (?:dig|hvem du er|hvor)\b",
    r"\bdet viser,? (?:at du|hvor (?:meget|stærk|modig))\b",
    r"\bjeg (?:er|bliver|blev) (?:virkelig |meget |så |helt )?(?:imponeret|stolt af dig|rørt)\b",
    r"\bjeg beundrer\b|\b(?:jeg har|man må have) (?:stor |meget |dyb )?respekt for\b",
    r"\bdu har (?:et stort hjerte|en stærk vilje|meget mod|godt mod|en god humor|styr på)\b",
    r"\bdu gør (?:virkelig |jo |så |altså |rigtig )*(?:meget|alt,? hvad du kan|det (?:så |rigtig"
    r" )?(?:godt|flot)|en stor indsats|dit bedste|dig umage)\b",
    r"\b(?:en|sikke en|det er en|det var en) (?:rigtig |virkelig |meget |så )?(?:god|fin|klog"
    r"|flot) (?:idé|ide|plan|tanke|løsning)\b|\bgodt forslag\b",
    r"\btak for (?:din|deres) (?:ærlighed|åbenhed|tillid)\b",
    r"\b(?:det|det der) (?:var|er) (?:\w+ )?(?:meget |virkelig |rigtig |så )?(?:betænksomt|omtænksomt"
    r"|sødt|pænt|flot|modigt|stærkt|klogt|generøst|venligt|hensynsfuldt|flinkt|ansvarligt|modent)"
    r" (?:af dig|gjort)\b",
    r"\b(?:man kan|det kan man) (?:\w+ )?(?:se|mærke|høre),? at du (?:er|har)\b",
    r"\bdu er (?:\w+ )?(?:en|et) (?:\w+ )?(?:mand|kvinde|person|menneske|dame|herre|mor|far) med\b",
    r"\bdu er en,? der (?:\w+ )?(?:tager ansvar|kæmper|passer på|hjælper|giver|holder ord|tænker på"
    r" andre|står ved|er der for)",
    r"\bdu har (?:virkelig |jo |altså |også |rigtig |godt nok |faktisk )*(?:holdt fast|tænkt (?:\w+ )?"
    r"(?:grundigt|meget|nøje|godt) over|gjort dig (?:\w+ )?(?:tanker|overvejelser)|passet (?:\w+ )?på"
    r" dig selv|klaret (?:rigtig |virkelig |utrolig |så )?meget)",
    r"\bdu er (?:virkelig |meget |så |rigtig )*(?:bevidst om|god til at|klar i mælet|modig|stærk)\b",
    r"\bdet er (?:dejligt|godt|flot) at se,? (?:at |hvordan )?du\b",
    # care and effort done well: "du har taget dig rigtig godt af", "De tog så pænt imod"
    r"\b(?:du|de) (?:har |havde )?(?:virkelig |altid |jo |også |godt nok |faktisk |i den grad )*"
    r"(?:taget (?:dig|dem) |tog (?:dig |dem )?|passet |passede |sørget |sørgede |holdt |klaret "
    r"|klarede |håndteret |håndterede |hjulpet |hjalp |støttet |støttede |modtaget |modtog )"
    r"(?:(?!ikke\b|aldrig\b)\w+ ){0,4}?(?:så |rigtig |virkelig |utrolig |meget |enormt )*(?:godt"
    r"|flot|pænt|fint|kærligt|dygtigt|omhyggeligt|trofast|smukt|ordentligt|omsorgsfuldt|tålmodigt)"
    r"\b(?! nok\b)",
    r"\b(?:du|de) (?:har|havde) (?:virkelig |altid |jo |også |godt nok |faktisk )*holdt (?:styr"
    r"|orden) på\b",
    r"^(?:du|de) (?:har|havde) (?:\w+ ){0,3}?(?:holdt|passet|taget|sørget|gjort|lavet|arbejdet"
    r"|knoklet|bygget|skabt|opdraget|givet|hjulpet|klaret)\b[^.?!]*(?:,|\bog) det kan man"
    r" (?:\w+ )?(?:se|mærke|høre)\b",
    # strengths the person has or shows: "du har en fantastisk humor", "De viser stor omsorg"
    r"\b(?:du|de) har (?:\w+ )?(?:en |et )?(?:(?:virkelig|utrolig|så|rigtig|meget) )?(?:fantastisk"
    r"|god|stor|stærk|dejlig|skøn|fin|imponerende|utrolig|vidunderlig|smittende|enorm|ukuelig"
    r"|herlig|skarp|varm|flot)e? (?:humor|styrke|vilje|viljestyrke|tålmodighed|omsorg|gåpåmod"
    r"|livsmod|hjerte|kampgejst|energi|sans|evne|hukommelse|overblik|talent|mod|udholdenhed)\b",
    r"\b(?:du|de) (?:viser|udviser|har vist|viste) (?:\w+ ){0,2}?(?:omsorg|styrke|mod|vilje"
    r"|tålmodighed|ansvar|omtanke|hensyn|kærlighed|initiativ|overskud|gåpåmod|udholdenhed)\b",
    r"\b(?:du|de) tager (?:din|dit|dine|deres|jeres) \w+ (?:meget |virkelig |så )?alvorligt\b",
    # a person who does well: "du er en mand, der passer godt på sin familie"
    r"\b(?:du|de) er (?:en|et) (?:\w+ )?(?:mand|kvinde|person|menneske|dame|herre|mor|far|datter"
    r"|søn|ven|veninde|kone|nabo|bedstemor|bedstefar|mormor|morfar|farmor|farfar),? (?:som|der)"
    r" (?:\w+ ){0,3}?(?:godt|flot|passer på|tager ansvar|kæmper|hjælper|er der for|tænker på)\b"
    r"(?![^.?!]*\b(?:ikke|aldrig)\b)",
    r"\bheldige? (?:at have|med at have|med (?:dig|jer|dem))\b",
    # keeping at it: "du er blevet ved med at prøve"
    r"\b(?:du|de) (?:er blevet|bliver|blev|har holdt) ved (?:med at )?(?:prøve|øve|træne|kæmpe"
    r"|forsøge|arbejde|bruge|gå|komme)\b",
    # what the person has made nice: "du har fået gjort det virkelig hyggeligt herinde"
    r"\b(?:du|de) har (?:\w+ )?(?:fået )?(?:gjort|lavet|ordnet|pyntet|indrettet|ryddet|sat)"
    r" (?:\w+ ){0,3}?(?:virkelig |så |rigtig |utrolig |meget )*(?:hyggeligt|flot|pænt|smukt|lækkert"
    r"|dejligt|hjemligt|fint)\b",
    r"\b(?:godt|flot|super|sejt) (?:gået|klaret|kæmpet|husket)\b",
    # holding on to what matters: "at De holder fast i den"
    r"\b(?:du|de) (?:\w+ ){0,2}?holder (?:\w+ )?fast (?:i|ved) (?!,)(?!at\b)",
)

OTHER_OPENERS = _rx(
    r"^(?:hej|hejsa|goddag|god ?morgen|god ?aften|god ?nat|farvel|vi ses|hav en god|velkommen"
    r"|davs|dav|hallo|undskyld|pardon|skål|tak|mange tak|tusind tak|ja tak|nej tak|selv tak)\b",
    r"^(?:(?:så |nu )?(?:kan|skal) vi (?:\w+ )?(?:begynde|starte|gå i gang|komme i gang|tage fat)"
    r"|(?:så )?lad os (?:\w+ )?(?:komme i gang|starte|begynde|gå i gang|tage fat|tage en pause"
    r"|holde en pause"
    r"|slutte|runde af|stoppe her)|vi har (?:en halv time|en time|\w+ minutter|tid til|lidt tid))",
    r"^(?:vent|øjeblik|et øjeblik|et lille øjeblik|lige et øjeblik)\b",
    r"^(?:hov|hovsa|ups|upsi|av|aj|øv)\b",
    r"^(?:så )?lad os (?:\w+ )?(?:tale|snakke) om (?:noget andet|andre ting)\b",
    r"^(?:hvor )?(?:rart|dejligt|godt|skønt) at se (?:dig|dem|jer)\b",
    r"^(?:du har|det har du) (?:sikkert |nok |helt |fuldstændig |jo |så )?ret\b(?! til)",
    r"^(?:det|jeg) forstår (?:jeg )?(?:godt|fuldt ud|så godt)\s*[.!]*$",
    r"^god (?:weekend|jul|påske|sommer|dag|bedring|fornøjelse|tur|appetit|søndag|aften|nat)\b",
    r"^(?:det er )?(?:\w+ )?(?:\w+ )?(?:vejr\w*|regn\w*|solskin|blæs\w*|sne\w*|frost)\b|\bdet"
    r" (?:regner|sner|blæser|stormer|fryser|er (?:koldt|varmt|lunt|glat) (?:udenfor|i dag|ude))\b",
    r"\bjeg har vagt(?:en)?\b|^(?:jeg|vi) ses\b",
    r"^(?:så,? )?(?:nu|så) (?:sidder|ligger|står|hænger|passer) (?:\w+ ){1,2}?(?:godt|fint|bedre"
    r"|rigtigt|rigtig|pænt|lige)\b",
    r"^lad (?:os|mig) (?:lige )?se\s*[.!]*$",
    r"^det er (?:helt )?(?:fint|godt|i orden|okay|ok|rigtigt|sandt|rigtig nok|klart)\s*[.!]*$",
    r"^(?:jeg hedder|mit navn er|jeg er (?:din|jeres|den nye) (?:\w+ )?(?:kontaktperson|hjælper"
    r"|sygeplejerske|assistent|social- og sundhedsassistent|sosu|vikar|plejer))",
    r"^jeg (?:sætter|stiller|tager|henter|lægger|skal lige|går lige|kommer lige|tænder|åbner"
    r"|lukker|sætter mig|finder|skriver|noterer|kigger lige|sætter lige|stiller lige|hælder)\b",
    r"^(?:så er vi|nu er vi|så går vi|så er der|værsgo|vær så god|sådan)\b(?!.*\bdu\b)",
)
FILLERS = _words(
    "ja nej jo okay ok nå nåh nåe mm mmm mmh mhm hm hmm åh øh aha javel godt fint super "
    "klart præcis netop rigtigt selvfølgelig naturligvis sikkert årh ah ih nåmen altså ha "
    "haha hahaha hehe hihi uh uha puha hva"
)

# Information: facts about the world, plans, what will happen.
INFORMATION = _rx(
    r"\bkl\.|\bklokken\b|\b\d{1,2}[.:]\d{2}\b|\bi (?:morgen|overmorgen|eftermiddag|formiddag)\b",
    r"\bpå (?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\b|\bhver (?:dag|uge|anden|måned"
    r"|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|morgen|aften)\b|\bnæste (?:uge|gang"
    r"|måned)\b|\bom (?:en time|lidt|ugen|måneden)\b|\bhalv (?:et|to|tre|fire|fem|seks|syv|otte"
    r"|ni|ti|elleve|tolv)\b",
    r"\blæge\w*|\bsygeplejersk\w*|\bhjemmepleje\w*|\bkommune\w*|\bplejehjem\w*|\bplejebolig\w*"
    r"|\baktivitets\w*|\bdagcent\w*|\bfrisør\w*|\bfysioterapeut\w*|\bergoterapeut\w*|\bdemens\w*"
    r"|\bvisitat\w*|\btandlæge\w*|\bapotek\w*|\bhospital\w*|\bgenoptræning\w*|\bmadordning\w*"
    r"|\bbesøgsven\w*|\bfrivillig\w*|\bansøg\w*|\bsøge om\b|\btilbud\w*|\bordning\w*|\bhjælpemid\w*"
    r"|\bbadestol\w*|\bpersonalet\b|\bnattevagt\w*|\baftenvagt\w*|\bvikar\w*|\bmedicin\w*|\bpiller"
    r"|\btablett\w*|\bhelbred\w*|\bsundhed\w*|\bskadelig\w*|\blige så \w+ som\b|\bblodtryk\w*|\bvæske\w*|\bliter\b|\bprocent\b|\bbivirkning\w*|\bvirkning\w*",
    r"\bmange (?:ældre|mennesker|andre|af|oplever|har|synes|i din|beboere|pårørende)\b"
    r"|\bde fleste\b|\bnogle (?:ældre|mennesker|oplever|beboere|pårørende)\b|\bandre (?:beboere"
    r"|ældre|i din situation|pårørende)\b|\bman (?:kan|ved|siger|får|bliver|plejer|har)\b",
    r"\bdet er (?:helt |ganske |meget |jo |faktisk )?(?:normalt|almindeligt|naturligt|typisk"
    r"|muligt|gratis)\b|\bforskning\w*|\bundersøgelse\w*|\banbefal\w*|\bsundhedsstyrelse\w*"
    r"|\balkohol\w*|\bkan (?:give|gøre|forstærke|øge|nedsætte|påvirke|hjælpe mod|forebygge)\b"
    r"|\brisiko\w*|\bder (?:findes|er mulighed|er et tilbud|kommer|er (?:bankospil|banko|gymnastik"
    r"|sang|musik|kaffe|kage|udflugt|fællesspisning))\b",
    r"\b\d+\b",
    r"\bjournal\w*|\bsamtykke\w*|\btavshedspligt\w*|\bregl(?:er|erne)\b|\bpapirer\w*|\bloven\b"
    r"|\blovgivning\w*|\bblod\w*|\bprøve(?:n|r|rne|svar\w*)\b|\bviste,? at\b|\bmålt\b|\bmåling\w*"
    r"|\bdu må (?:gerne|godt)\b|\bdosis\b|\bserverer\b|\bkøkkenet\b",
    # general facts ("når man ..., kan det ...") and news ("vi har fået nye ...")
    r"\b(?:når|hvis) man\b|\bgå(?:r)? ud over\b",
    r"\b(?:vi|jeg|i) har (?:lige )?(?:fået|købt|bestilt|skaffet) (?:\w+ )?(?:nye?|nyt|en ny|et nyt)\b"
    r"|\bder er kommet (?:\w+ )?(?:nye?|nyt)\b",
)
_SCHEDULE = re.compile(
    r"\bkl\.|\bklokken\b|\b\d{1,2}[.:]\d{2}\b|\bi (?:morgen|overmorgen|eftermiddag|formiddag)\b"
    r"|\bpå (?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\b|\bnæste (?:uge|gang|måned)\b"
    r"|\bom (?:en time|lidt|en halv time)\b"
)
_OPTIONS = re.compile(
    r"^du (?:kan|må) (?:altid |også |godt |gerne )?(?:ringe|trykke|få|bestille|søge|kontakte"
    r"|tilmelde|låne|bruge|vælge mellem|sige til|tage|komme og)\b"
)
_PRESSURE = re.compile(r"\b(?:jo|altså|bare|virkelig|da|hellere|nødt|endelig|nu)\b")
_RECENT = re.compile(r"\bi (?:dag|går|nat|aftes|morges|eftermiddags)\b|\blige (?:nu|før)\b")
# Messages about the staff member's own practical acts, without facts for the resident.
FIRST_PERSON_START = re.compile(r"^(?:jeg|vi|mig|vores|min|mit|mine)\b")
SECOND_PERSON_START = re.compile(
    r"^(?:du|de|dig|din|dit|dine|jeres|deres)\b|^i (?=(?:har|er|var|skal|vil|kan|må|\w+(?:er|ede|te))\b)"
)

# Reflection lead-ins: a sentence that begins with one of these states the listener's understanding.
REFLECTION_LEAD = re.compile(
    r"^(?:så|altså|okay,? så|og så|du siger|du fortæller|du nævner|du mener|du synes"
    r"|du har (?:lige )?(?:sagt|fortalt|nævnt)|jeg (?:kan )?(?:hører?|høre),? (?:at|dig|på dig)"
    r"|jeg kan (?:godt )?forstå|jeg forstår (?:godt )?|hvis jeg forstår dig|jeg kan se,? at)\b"
)
COMPLEX_LEAD = re.compile(
    r"^(?:så )?(?:det lyder|det virker|det føles|det må (?:være|have været|føles|opleves)"
    r"|du lyder|du virker|du ser ud til|du ser (?:\w+ )?(?:træt|ked|bekymret|glad|urolig|trist)"
    r"|du kan (?:godt )?mærke|du mærker"
    r"|jeg (?:kan )?(?:mærke|fornemme|se på dig)|jeg fornemmer|jeg (?:kan )?forestil(?:ler)? mig"
    r"|jeg tænker,? at|jeg gætter|mon ikke|måske|jeg har (?:en|på) fornemmelse|det er som om"
    r"|det er som at|det er ikke (?:så )?(?:mærkeligt|underligt|sært)|det giver (?:god |rigtig"
    r" god )?mening,? at|for dig handler det|det handler (?:om|for dig)|det lyder til)"
)
_FEELINGS = (
    r"savn\w*|længes|længsel\w*|ensom\w*|ked af|trist\w*|bange|angst\w*|frygt\w*|bekymr\w*"
    r"|nervøs\w*|urolig\w*|utryg\w*|skam\w*|flov\w*|pinlig\w*|magtesløs\w*|hjælpeløs\w*"
    r"|afmægtig\w*|frustr\w*|vred\w*|irriter\w*|skuffe\w*|sorg\w*|sørg\w*|opgiv\w*|håbløs\w*"
    r"|meningsløs\w*|tom(?:me|t|hed\w*)?\b|overset\w*|glemt\w*|forladt\w*|svigte?t?\w*|afvist\w*"
    r"|krænke\w*|ydmyg\w*|presset|stresset|overvæld\w*|fortvivl\w*|modløs\w*|bitter\w*"
    r"|dårlig samvittighed|skyldfølelse\w*|lettet|stolt\w*|tryg\w*|usikker\w*|sårbar\w*"
    r"|alene i verden|mistet|misted|tab\b|tabet"
)
# A reflection that only names a feeling the person has shown ("Du er bange for at falde") is
# simple; complex reflections add meaning: a guess, a value, two sides, an image, an amplification.
# Missing someone (savn*, længes) is the manual's own example of a complex reflection.
_LONGING = r"savn\w* at\b|længsel\w*|(?<!har )(?<!havde )savn(?:et)?\b"
_LONGING_ANY = r"savn\w*|længes|længsel\w*"
_VALUES = (
    r"betyder (?:\w+ )?(?:meget|noget|alt|så meget|mest) for (?:dig|dem)|vigtigt for (?:dig|dem)"
    r"|værdifuld\w* for dig|det vigtigste for dig|værdighed\w*|selvstændig\w*|uafhængig\w*"
    r"|frihed\w*|kontrol\w*|stolthed|klare (?:dig|sig) selv|identitet|respekt|mening(?:en|sfuld\w*)?"
    r"\b|du er (?:ikke )?(?:en|typen|sådan en),? der|den,? du er|hvem du er|den,? der passer"
    r"|passe på (?:dig selv|hende|ham)|være den,? der|din rolle|ansvar\w*|bestemme over|dit eget|din egen krop"
    r"|din måde|en måde at|er blevet (?:din|dit|dine|en slags)\b|en af dem,? (?:der|som)"
    r"|det,? der (?:har )?(?:holdt|bar|båret|givet|hjulpet|reddet) dig"
    r"|giver (?:dig|dem) (?:noget|en grund|et formål) (?:at|til at) (?:stå op|leve|se frem|glæde"
    r" dig|kæmpe)"
    r"|helt (?:dit|din|dine) eg\w*|(?:det|den) eneste|giver (?:\w+ )?(?:dagen|livet|dig|hverdagen)"
    r" (?:en |et )?(?:form|mening|struktur|indhold|ramme|rytme|holdepunkt)"
)
_DOUBLE = (
    r"på den ene side|på den anden side|samtidig|på samme tid|både\b[^.?!]*\bog\b|og alligevel"
    r"|men alligevel|selvom|selv om|en del af dig|pludselig|i tvivl|tvivler|splittet|revet"
    r"|ved ikke (?:helt |rigtig |rigtigt )?,? ?om\b|ikke (?:den|det|de) samme uden"
    r"|to sind|frem og tilbage|ambivalen\w*|i sig selv|ikke klar til|endnu ikke klar"
    r"|du vil gerne\b[^.?!]*,\s*(?:og|men)\b|end (?:du|man) (?:lader|viser|siger)"
    r"|hellere\b[^.?!]*,? end (?:du|at|man|det)\b"
)
_DOUBLE_CLAUSE = r", men (?:du|det|der|samtidig|alligevel|også)\b|, og nu\b"
_FIGURATIVE = (
    r"ikke bare|ikke kun|mere end bare|mere\b[^.?!]*\bend (?:bare|kun|blot)|som om|som en\b|som et\b|ligesom|en slags|som at|som hvis"
    r"|glider|slider|gnaver (?:\w+ )?(?:på|i) (?:dig|dem)|tynger|nager|æder (?:dig|på)|sluger"
    r"|give slip|slippe taget|ikke (?:den|det|de) samme uden"
    r"|(?:holder|holdt|tager|tog|bringer|bragte|trækker|bærer|bar|fører|førte) (?:\w+ )?dig (?:oppe"
    r"|tilbage|i gang|skarp|kørende|igennem|væk)"
    r"|gør (?:\w+ )?ondt (?:at|,? når|indeni|i hjertet)|står stille|et hul\b|en mur\b"
)
_AMPLIFY = (
    r"slet ikke|overhovedet|aldrig nogensinde|ingen som helst|fuldstændig|totalt|helt umulig\w*"
    r"|for enhver pris|et helt liv|hele (?:dit|din) (?:liv|hverdag|tilværelse|verden)|på bare"
    r"|noget som helst|nærmest"
)
_GUESS = (
    r"måske|formentlig|sikkert|nok\b|egentlig|fordi du|derfor|det er derfor|grunden til"
    r"|handler om|handler ikke om|det er ikke fordi|ikke så meget"
)
COMPLEX_MARKERS = _rx(
    rf"\b(?:{_LONGING})",
    rf"\b(?:{_VALUES})",
    rf"\b(?:{_DOUBLE})",
    _DOUBLE_CLAUSE,
    rf"\b(?:{_FIGURATIVE})\b",
    rf"\b(?:{_AMPLIFY})\b",
    rf"\b(?:{_GUESS})",
    r"\bdet er ikke\b[^.?!]*,\s*(?:det er|men)\b",
)
# Markers of meaning strong enough to outweigh words that otherwise signal information.
MEANING_MARKERS = _rx(rf"\b(?:{_LONGING_ANY})", rf"\b(?:{_VALUES})")

# Words of lived experience: a statement about how something is for the person.
EXPERIENCE = _rx(
    rf"\b(?:{_FEELINGS})",
    r"\b(?:værst|bedst|svært|svær|hårdt|hård|tungt|tung|kedelig\w*|lange|ensom\w*|trist\w*"
    r"|træt\w*|stille|rart|dejligt|hyggeligt|skønt|ondt)\b",
    # discomfort with things: "protesen gnaver", "kørestolen er for bred til døren"
    r"\b(?:gnaver|strammer|klemmer|trykker|kradser|generer|driller|sidder dårligt|halter)\b",
    r"\b(?:er|var|blev|bliver) (?:lidt |alt |meget )?for (?!dig\b|dem\b|mig\b|os\b|ham\b|hende\b"
    r"|at\b|en\b|et\b|den\b|det\b|de\b|din\b|dit\b|dine\b)[a-zæøå]+(?:t|e)?\b",
)
FEELING_OR_AMBIVALENCE = _rx(
    rf"\b(?:{_FEELINGS})",
    r"\bved (?:ikke|ik)\b|\bmen\b|\bgider (?:ikke|ik)\b|\bkan (?:ikke|ik)\b|\bvil (?:ikke|ik)\b"
    r"|\borker (?:ikke|ik)\b|\bjeg burde\b|\bjeg skulle\b|\bjeg vil gerne\b|\bjeg kunne godt\b"
    r"|\bhvis bare\b|\bhåber\b|\bønsker\b|\bdrømmer\b|\bgad\b|\balene\b|\btræt\w*|\bsvært\b"
    r"|\bhårdt\b|\bkeder\b|\bkedeligt\b|\bdum\b|\bdumt\b|\bnyttesløs\w*",
)

_LEADING_VOCATIVE = re.compile(r"^([A-ZÆØÅ][a-zæøå]+),\s+")
_NOT_NAMES = frozenset(
    {"du", "det", "jeg", "der", "så", "nu", "men", "og", "ja", "nej", "hvis", "når", "godt"}
    | {"okay", "nå", "tak", "hej", "fint", "altså", "jamen", "mm", "prøv", "kom", "vent"}
    | {"godmorgen", "goddag", "godaften", "godnat", "hejsa", "farvel", "velkommen", "undskyld"}
    | {"davs", "hallo", "super", "flot", "sejt", "stærkt", "godt", "fortæl", "beskriv"}
    | {"hov", "hovsa", "ups", "av", "uha", "puha", "tja", "jamen", "nåmen", "årh", "øv"}
)
_FILLER_PREFIX = re.compile(
    r"^(?:(?:(?:ja|nej|jo|okay|ok|nå|nåh|nåe|mm+h?|mhm|hm+|åh|øh|aha|javel|årh|ah|ih|nåmen|altså"
    r"|og|men)(?:[,.!]\s*|\s+))|(?:(?:godt|fint|super|klart|præcis|netop|rigtigt)[,.!]\s*))+"
)
_CONFRONT_OPENER = re.compile(r"^(?:ja,? ?men|jamen|jo,? men|nej,? men)\b")
_TAG_QUESTION = re.compile(
    r",\s*(?:ikke sandt|ikke|ik'?|ikk'?|vel|eller hvad|ikke også|har jeg ret|kan det passe)\s*\?$"
)
_CHOICE = re.compile(r"\b\w+ eller \w+")
_OPEN_NOUNS = re.compile(
    r"^hvilk\w+ (?:\w+ )?(?:tanker|overvejelser|følelser|bekymringer|ting|muligheder|ønsker|idéer"
    r"|ideer|erfaringer|oplevelser|grunde|fordele|ulemper|minder|drømme|ændringer|håb|forskel"
    r"|betydning|situationer|tidspunkter|mennesker|udfordringer|styrker|bekymring|tanke)"
)
_CLOSED_WH = re.compile(
    r"^(?:hvor\b|hvornår|hvem|hvorhen|hvorfra|hvilk\w+"
    r"|hvad (?:hedder|koster|vejer|er klokken|tid|klokken|dag|dato|år|nummer|slags|farve|for en"
    r"|for et|for nogle|fik du (?:til|at)|spiste du|drak du|har du spist|har du drukket))"
)


_SUBORDINATE_BEFORE = _words(
    "når hvis om fordi hvornår hvordan hvad hvor mens før inden da hvorfor selvom som der "
    "hvem hvilket efter indtil siden"
)


def main_clause_match(pattern: re.Pattern[str], body: str) -> re.Match[str] | None:
    """The first match that is not inside a subordinate clause ("når du skal i bad")."""
    for match in pattern.finditer(body):
        before = WORD.findall(body[: match.start()])
        if not before or before[-1] not in _SUBORDINATE_BEFORE:
            return match
    return None


def strip_fillers(low: str) -> str:
    """Drop fillers and discourse particles that open a segment ("ja, okay, så du ...")."""
    return _FILLER_PREFIX.sub("", low).strip()


_INDEFINITES = frozenset({"nogen", "noget", "nogle", "alle", "ingen", "andre", "begge"})
_QUANTIFIERS = frozenset({"meget", "mange", "længe", "tit", "ofte", "lidt", "godt", "gammel"})


def _question_kind(body: str, words: Sequence[str], originals: Sequence[str]) -> str | None:
    """'wh', 'verb' or 'marked' for a question, else None."""
    if not words:
        return None
    marked = body.rstrip().endswith("?")
    i = 0
    while i < len(words) - 1 and words[i] in {"og", "men", "så", "altså"}:
        i += 1
    if words[i] in WH_WORDS:
        if words[i] == "hvor" and i + 1 < len(words) and words[i + 1] in {"er", "var"}:
            if not marked and EXCLAIM_AFFIRM.search(body):
                return None
        j = i + 1
        while j < len(words) and words[j] in _QUANTIFIERS:
            j += 1
        if not marked and j < len(words) and words[j] in SUBJECT_PRONOUNS:
            return None  # "hvor meget du drikker, er ...": a clause, not a question
        return "wh"
    if words[i] == "mon" and i == 0:
        return "verb"
    if i + 1 < len(words) and (words[i] in FINITE_VERBS or is_verb(words[i])):
        nxt = words[i + 1]
        if i > 0 and words[i - 1] == "så":
            return None  # "så kommer lægen": "then", not a question
        if nxt in SUBJECT_PRONOUNS or nxt in POSSESSIVES or originals[i + 1] in {"I", "De"}:
            return "verb"
        if nxt in _INDEFINITES or (originals[i + 1][:1].isupper() and nxt not in _NOT_NAMES):
            return "verb"
        if words[i] in {"er", "har", "kan", "skal", "vil", "må"} and nxt in {"der", "det"}:
            return "verb"
    if marked:
        return "marked"
    return None


def _open_wh(body: str) -> bool:
    start = re.sub(r"^(?:og|men|så|altså),? ", "", body)
    if _CLOSED_WH.match(start):
        return bool(_OPEN_NOUNS.match(start))
    if start.startswith("hvad") and _CHOICE.search(start):
        choice = _CHOICE.search(start)
        assert choice is not None
        if not re.search(r"eller (?:noget|hvad|andet|ej)\b", choice.group()):
            return False
    return True


def is_complex(body: str) -> bool:
    """Whether a reflection adds meaning: a guess, a value, two sides, an image or an
    amplification (MITI 4.2.1, complex reflection)."""
    return bool(COMPLEX_LEAD.search(body) or COMPLEX_MARKERS.search(body))


_REFRAME = re.compile(r"\bdet er ikke\b[^.?!]*,\s*(?:det er|men)\b")


_CONTINUATION = re.compile(r"^(?:\.\.\.|…)\s*(?:og|men|så|fordi|for|derfor|selvom)\b")
_TWO_SIDES = re.compile(r"\bpå den ene side\b|\bpå den anden side\b")
# The pieces of a "så ..." reflection: split at commas and at "men", and at "og" before a subject.
_PIECE_BREAK = re.compile(
    r"\s*,\s*(?:og |men )?|\s+men\s+|\s+og\s+(?=(?:du|det|der|han|hun|de|jeg|din|dit|dine)\b)"
)


def _so_pieces(body: str) -> int:
    """How many things a reflection that opens with "så" strings together: "så du har næsten ikke
    røget, du har det bedre med hosten men aftenerne er svære" holds three."""
    if not body.startswith("så "):
        return 0
    count = 0
    for n, piece in enumerate(_PIECE_BREAK.split(body)):
        words = WORD.findall(piece)
        if n == 0:
            words = words[1:]  # the opening "så"
        elif words and words[0] == "så":
            continue  # "..., og så kan du ikke sove": what follows, not a new thing
        if len(words) >= 2 and words[0] not in _CHUNK_SUBORDINATORS:
            count += 1
    return count


def _reflection(body: str) -> Code:
    if _REFRAME.search(body):
        return Code.COMPLEX_REFLECTION
    if items(body) >= 3 or _so_pieces(body) >= 3:
        return Code.SUMMARY
    return Code.COMPLEX_REFLECTION if is_complex(body) else Code.SIMPLE_REFLECTION


_AT_CLAUSE = re.compile(r"(?:,|\bog|\bog så|\bmen)\s+at\b")
_LIST = re.compile(r"\b\w+(?: \w+)?, (?:\w+ )?\w+,? og (?:\w+ )?\w+")
_PARALLEL = re.compile(r"\b(om|til|med|for|af|at) [^,.?!]+, \1 [^,.?!]+,? og \1\b")


_CHUNK_SUBJECTS = frozenset({"du", "det", "han", "hun", "din", "dit", "dine", "jeg"})
_CHUNK_OPENERS = re.compile(r"^(?:og så|og|men|så|samtidig|altså:?)\s+")
_CHUNK_SUBORDINATORS = _words(
    "at hvis når fordi selvom mens som der hvor hvad hvordan hvilket hvilken hvem uden "
    "end idet medmindre skønt eftersom hvorfor hvornår"
)
_ADVERBS_BEFORE_VERB = frozenset({"ikke", "aldrig", "altid", "gerne", "selv", "helst", "godt"})


def _main_clauses(body: str) -> int:
    """Comma-separated main clauses with a subject and a finite verb; relative and other
    subordinate clauses do not count."""
    count = 0
    for chunk in body.split(","):
        chunk = _CHUNK_OPENERS.sub("", chunk.strip())
        words = WORD.findall(chunk)
        if len(words) < 2 or words[0] in _CHUNK_SUBORDINATORS:
            continue
        if words[0] in {"om", "efter", "før", "inden", "siden", "da"} and (
            words[1] in SUBJECT_PRONOUNS or words[1] == "at"
        ):
            continue
        if words[0] in SUBJECT_PRONOUNS and words[1] in _ADVERBS_BEFORE_VERB:
            continue  # "folk, du ikke kender": a relative clause without "som"
        if count and len(words) == 2 and words[0] in SUBJECT_PRONOUNS:
            continue  # "det er selskabet, du savner": a bare pronoun and verb close a relative
        subject = any(w in _CHUNK_SUBJECTS for w in words) and any(is_verb(w) for w in words)
        if subject or (len(words) > 2 and is_verb(words[1]) and words[0] not in FILLERS):
            count += 1
    return count


_RECAP_LIST = re.compile(r"^\s*[^,.?!]+, [^,.?!]+,? og [^,.?!]+")


def items(body: str) -> int:
    """How many things a reflection draws together: parallel that-clauses, main clauses or list
    members. Three or more make it a summary (MITI 4.2.1)."""
    lead = SUMMARY_WEAK.search(body)
    body = SUMMARY_WEAK.sub("", body)
    if lead and _RECAP_LIST.match(body):
        return 3  # "du har nævnt kirken, salmerne i radioen og præsten": a list of what was said
    coordinated = list(_AT_CLAUSE.finditer(body))
    first_at = re.search(r"\bat\b", body)
    at_clauses = len(coordinated)
    if first_at and not any(m.start() <= first_at.start() < m.end() for m in coordinated):
        at_clauses += 1
    listed = 3 if _LIST.search(body) or _PARALLEL.search(body) else 1
    both = 1
    if re.search(r"\bbåde\b[^.?!]*\bog\b", body):
        both = 3 if re.search(r"\bbåde\b[^.?!]*\bog\b[^.?!]*\bog\b", body) else 2
    return max(at_clauses, _main_clauses(body), listed, both, 1)


# A single word in quotes, not quoting what someone said: irony ("det blev »kun« to øl").
_SCARE_QUOTES = re.compile(
    r"(?<!sagde)(?<!siger)(?<!kalder)(?<!kaldte)(?<!skrev)(?<!:)"
    r"(?:^|\s)[\"“”»«']\w+[\"“”»«'](?=[\s,.!?]|$)"
)
_FORMAL = re.compile(r"(?<=\w )(?:De|Dem|Deres)\b|^(?:Dem|Deres)\b")
_FORMAL_WORDS = {"de": "du", "dem": "dig"}
_INVERTED = re.compile(
    r"(?<=[\w,] )(?<!hvad )(?<!hvordan )(?<!hvorfor )(?<!hvornår )(?<!hvor )(?<!hvem )"
    r"(skal|må|bør|burde|skulle|bliver|er|kan|kunne|har|vil|ville|gør|får) (du|det)\b"
)


def _uninvert(body: str) -> str:
    """ "nu skal du ..." as "nu du skal ...", so subject-verb patterns match after a fronted word."""
    return _INVERTED.sub(r"\2 \1", body)


def _first_match(pattern: re.Pattern[str], body: str, plain: str) -> re.Match[str] | None:
    return main_clause_match(pattern, body) or main_clause_match(pattern, plain)


#: Segments are coded from their first this many characters: longer than any spoken sentence,
#: and it keeps the work per segment bounded whatever is pasted in.
MAX_SEGMENT_CHARS = 1000


def code_segment(segment_text: str) -> Code:
    """The behaviour code of one segment."""
    text = segment_text.strip()[:MAX_SEGMENT_CHARS]

    sarcastic = bool(_SCARE_QUOTES.search(text)) and not text.endswith("?")
    text = text.strip("\"'»«“”")
    vocative = _LEADING_VOCATIVE.match(text)
    if vocative and vocative.group(1).lower() not in _NOT_NAMES:
        text = text[vocative.end() :]
    low = " ".join(text.lower().replace("’", "'").split())
    if _FORMAL.search(text):
        low = re.sub(r"\b(?:de|dem)\b", lambda m: _FORMAL_WORDS[m.group()], low)
    if not WORD.search(low):
        return Code.OTHER
    continued = bool(_CONTINUATION.match(low))
    if continued:
        low = low.lstrip(".… ")
    plain = _uninvert(low)
    if sarcastic or _CONFRONT_OPENER.match(low) or _first_match(CONFRONT, low, plain):
        return Code.CONFRONT
    if SCOLDING_QUESTION.match(low) and not _AILMENT.search(low):
        if not any(w in FINITE_VERBS for w in WORD.findall(low)):
            return Code.CONFRONT
    body = strip_fillers(low)
    plain = _uninvert(body)
    words = WORD.findall(body)
    if not words or all(w in FILLERS for w in words):
        return Code.OTHER
    originals = WORD.findall(text)[len(WORD.findall(low)) - len(words) :]
    kind = _question_kind(body, words, originals)
    if kind is None and _first_match(CONFRONT_STATEMENT, body, plain):
        return Code.CONFRONT
    if OPEN_INVITATION.match(body) and not COLLABORATION.search(body):
        return Code.OPEN_QUESTION

    if SUMMARY_STRONG.search(body):
        return Code.SUMMARY
    persuade = _first_match(PERSUADE, body, plain)
    if persuade and persuade.group().startswith("du skal") and _SCHEDULE.search(body):
        if not _PRESSURE.search(body):
            persuade = None  # "du skal i bad i morgen kl. 10": what will happen

    collaboration = COLLABORATION.search(body)
    autonomy = AUTONOMY.search(body) or AUTONOMY.search(plain)
    if persuade:
        earlier = [m for m in (collaboration, autonomy) if m and m.start() < persuade.start()]
        turned = re.search(r"\bmen\b", body[: persuade.start()])
        if not earlier or (turned and autonomy and not collaboration):
            return Code.PERSUADE
    if collaboration:
        return Code.SEEKING_COLLABORATION
    if autonomy:
        return Code.EMPHASIZING_AUTONOMY
    if persuade:
        return Code.PERSUADE
    if SUMMARY_WEAK.search(body) and items(body) >= 2:
        return Code.SUMMARY
    if OPEN_INVITATION.search(body):
        return Code.OPEN_QUESTION
    if SCALE.search(body):
        return Code.CLOSED_QUESTION

    if kind == "marked" and _TAG_QUESTION.search(body):
        body = _TAG_QUESTION.sub("", body)
        kind = None
    if kind == "wh":
        return Code.OPEN_QUESTION if _open_wh(body) else Code.CLOSED_QUESTION
    if kind == "verb":
        return Code.CLOSED_QUESTION
    if kind == "marked":
        if REFLECTION_LEAD.search(body) or COMPLEX_LEAD.search(body):
            return _reflection(body)
        return Code.CLOSED_QUESTION

    formal = re.sub(r"^de\b", "du", body) if text.startswith("De ") else body
    if EXCLAIM_AFFIRM.search(body) or AFFIRMATION.search(formal) or AFFIRMATION.search(plain):
        return Code.AFFIRMATION
    if continued:  # "... og så er det nemmere at blive inde": continuing the person's paragraph
        return Code.SUMMARY if items(body) >= 3 else Code.COMPLEX_REFLECTION
    if OTHER_OPENERS.search(body) or re.match(r"^(?:hej,? )?det er [A-ZÆØÅ][a-zæøå]+,", text):
        return Code.OTHER
    return _statement(body, words)


# "så rydder jeg lige op", "nu henter vi kaffen": what the staff member does next, verb first.
_STAFF_ACT = re.compile(
    r"^(?:så|nu|og så|og nu) (?!kan jeg (?:godt )?(?:forstå|høre|se|mærke))(\w+) (?:jeg|vi)\b"
)


def _statement(body: str, words: Sequence[str]) -> Code:
    """A statement that is no question and carries no marker of the other codes."""
    if _TWO_SIDES.search(body):  # both sides of the ambivalence, whatever the topic
        return Code.SUMMARY if items(body) >= 3 else Code.COMPLEX_REFLECTION
    if COMPLEX_LEAD.search(body):
        return Code.SUMMARY if items(body) >= 3 else Code.COMPLEX_REFLECTION
    staff_act = _STAFF_ACT.match(body)
    if staff_act and is_verb(staff_act.group(1)):
        return Code.GIVING_INFORMATION if _SCHEDULE.search(body) else Code.OTHER
    if REFLECTION_LEAD.search(body):
        return _reflection(body)
    second_person = SECOND_PERSON_START.search(body)
    informative = INFORMATION.search(body)
    if second_person:
        if _SCHEDULE.search(body) and re.match(r"^du (?:får|skal|kommer|bliver|har tid)\b", body):
            return Code.GIVING_INFORMATION  # what will happen
        if _OPTIONS.search(body):
            return Code.GIVING_INFORMATION  # what the resident may do
        third = words[0] in {"din", "dit", "dine", "jeres", "deres"}
        if third and (informative or _RECENT.search(body)):
            return Code.GIVING_INFORMATION
        return _reflection(body)
    if re.search(r"\b(?:dig|du|din|dit|dine)\b", body):
        if FIRST_PERSON_START.search(body) and not informative and not is_complex(body):
            return Code.OTHER  # the staff member about themselves: "Jeg tænker tit på dig"
        if MEANING_MARKERS.search(body) or not informative:
            return _reflection(body)
    if informative:
        return Code.GIVING_INFORMATION
    if FIRST_PERSON_START.search(body):
        return Code.OTHER
    if is_complex(body):
        return Code.COMPLEX_REFLECTION
    if re.match(r"^det (?:er|var|har været|bliver) ", body) or EXPERIENCE.search(body):
        return Code.SIMPLE_REFLECTION
    return Code.GIVING_INFORMATION


# A permission question that offers information: what follows it in the same turn is the
# information asked leave for ("Må jeg fortælle lidt om X? Den har ...").
_OFFER = re.compile(
    r"\b(?:fortælle|sige|foreslå|komme med|give|dele|nævne|forklare|høre|vide|vise)\b"
)
_GIVEN_WITH_LEAVE = frozenset(
    {Code.SIMPLE_REFLECTION, Code.COMPLEX_REFLECTION, Code.PERSUADE, Code.GIVING_INFORMATION}
)


def code_in_context(segments: Sequence[str], codes: Sequence[Code]) -> list[Code]:
    """Codes adjusted for what came before in the same turn: statements after a permission
    question that offers information give that information."""
    out = list(codes)
    offered = False
    for i, (text, code) in enumerate(zip(segments, codes, strict=True)):
        if code is Code.SEEKING_COLLABORATION and text.rstrip().endswith("?"):
            offered = bool(_OFFER.search(text.lower()))
            continue
        if code in QUESTION_CODES or text.rstrip().endswith("?"):
            offered = False
            continue
        if offered and code in _GIVEN_WITH_LEAVE:
            out[i] = Code.GIVING_INFORMATION
    return out


QUESTION_CODES = frozenset({Code.OPEN_QUESTION, Code.CLOSED_QUESTION})


def merge_summaries(segments: Sequence[str], codes: Sequence[Code]) -> tuple[list[str], list[Code]]:
    """A summary announced in a sentence of its own ("Lad mig samle op.") takes in the reflections
    that follow it: together they are one summary."""
    out_segments: list[str] = []
    out_codes: list[Code] = []
    for text, code in zip(segments, codes, strict=True):
        if out_codes and out_codes[-1] is Code.SUMMARY and code in _SUMMARY_PARTS:
            out_segments[-1] = f"{out_segments[-1]} {text}"
            continue
        out_segments.append(text)
        out_codes.append(code)
    return out_segments, out_codes


_SUMMARY_PARTS = frozenset(
    {Code.SIMPLE_REFLECTION, Code.COMPLEX_REFLECTION, Code.SUMMARY, Code.GIVING_INFORMATION}
)


# ---------------------------------------------------------------------------------------------
# Rephrasing: material for the coach's suggestions, taken from the utterance itself

_PARTICLE_WORDS = frozenset(
    {"nu", "lige", "bare", "jo", "altså", "da", "virkelig", "simpelthen", "dog", "engang", "også"}
    | {"endelig", "hellere", "godt", "så", "altid", "snart", "nok"}
)
_INFINITIVES = _pairs(
    "går:gå får:få gør:gøre har:have er:være ser:se tager:tage ved:vide vil:ville kan:kunne "
    "skal:skulle må:måtte bor:bo tror:tro står:stå dør:dø siger:sige drak:drikke "
    "spiste:spise gik:gå kom:komme tog:tage"
)
_IMPERATIVES = _pairs(
    "drik:drikke spis:spise gå:gå tag:tage kom:komme husk:huske tænk:tænke ring:ringe "
    "brug:bruge sov:sove vask:vaske bad:bade sørg:sørge bliv:blive rejs:rejse glem:glemme "
    "undgå:undgå skynd:skynde få:få begynd:begynde gør:gøre vær:være pas:passe skær:skære "
    "stop:stoppe spring:springe start:starte drop:droppe sluk:slukke hent:hente prøv:prøve "
    "lyt:lytte hold:holde sid:sidde læg:lægge luk:lukke sæt:sætte giv:give lad:lade"
)
_SHORT_INFINITIVES = frozenset({"gå", "få", "se", "bo", "stå", "tro", "dø", "nå", "slå", "forstå"})


def infinitive(verb: str) -> str:
    """The infinitive of a present-tense or imperative verb: drikker → drikke, går → gå."""
    if verb in _INFINITIVES:
        return _INFINITIVES[verb]
    if verb in _IMPERATIVES:
        return _IMPERATIVES[verb]
    if verb.endswith("er") and len(verb) > 3:
        return verb[:-1]
    if verb.endswith("r") and len(verb) > 2:
        return verb[:-1]
    return verb


def _looks_infinitive(word: str) -> bool:
    return word.endswith("e") or word in _SHORT_INFINITIVES


def _clean_phrase(phrase: str) -> str:
    phrase = re.split(r"[,;:.!?]| ellers | for at | fordi | og det ", phrase)[0]
    words = phrase.split()
    while words and words[0] in _PARTICLE_WORDS:
        words.pop(0)
    while words and words[-1] in _PARTICLE_WORDS | {"nu"}:
        words.pop()
    return " ".join(words)


def _verb_phrase(phrase: str) -> str | None:
    phrase = _clean_phrase(phrase)
    if not phrase:
        return None
    first, *rest = phrase.split()
    if first in {"at"} and rest:
        first, *rest = rest
    if first in {"ikke", "aldrig"}:
        return None
    if not _looks_infinitive(first):
        if first in {"i", "ud", "op", "ned", "med", "hjem", "ind", "til"}:
            return " ".join(["komme", first, *rest])
        first = infinitive(first)
        if not _looks_infinitive(first):
            return None
    return " ".join([first, *rest])


_ADVICE_PATTERNS = (
    re.compile(
        r"\b(?:du|de) (?:burde|bør|skal|skulle|må|kan|kunne|bliver nødt til at|er nødt til at)"
        r"(?: (?:jo|altså|nu|bare|virkelig|hellere|lige|da|simpelthen|også|endelig|godt|altid))*"
        r"(?: (?:se at|huske at|huske|prøve at|prøve|sørge for at|begynde at|overveje at))? (?P<v>.+)"
    ),
    re.compile(r"\b(?:prøv|husk)(?: (?:nu|lige|bare|dog|engang))*(?: at| på at)? (?P<v>.+)"),
    re.compile(r"\bnødt til at (?P<v>.+)"),
    re.compile(
        r"\bdet (?:ville|vil|kunne|er) (?:\w+ ){0,3}?(?:godt|bedst|en god idé|sundt|rart|klogt"
        r"|fornuftigt|dejligt|vigtigt|nødvendigt|på tide)(?: for dig)?,? (?:at|hvis) (?:du )?(?P<f>.+)"
    ),
    re.compile(r"\bhvis du (?:ikke |bare )?(?P<f>[^,]+)"),
    re.compile(r"\bhvad med at (?:du |vi )?(?P<f>.+)"),
    re.compile(r"\bhvorfor (?P<fv>\w+) (?:du|i) ikke (?:bare |lige )?(?P<rest>.*)"),
    re.compile(r"\bskal vi ikke (?:lige |bare )?(?P<v>.+)"),
    re.compile(r"\blad (?:nu |dog |bare )?være med at (?P<v>.+)"),
)


def advice_action(text: str) -> str | None:
    """The action an advice or a warning pushes for, as an infinitive phrase ("gå i bad"), or
    None when the utterance names none."""
    low = _uninvert(strip_fillers(" ".join(text.lower().split())))
    low = re.sub(r"\btage? dig (?:nu |så |lige )?sammen(?: og)?\s*", "", low)
    first = WORD.match(low)
    if first and first.group() in _IMPERATIVES and first.group() not in {"lad", "prøv", "husk"}:
        rest = _clean_phrase(low[first.end() :])
        if rest:
            phrase = _verb_phrase(f"{_IMPERATIVES[first.group()]} {rest}")
            if phrase:
                return phrase
    for pattern in _ADVICE_PATTERNS:
        match = pattern.search(low)
        if not match:
            continue
        groups = match.groupdict()
        if groups.get("v"):
            phrase = _verb_phrase(groups["v"])
        elif groups.get("fv"):
            phrase = _verb_phrase(f"{infinitive(groups['fv'])} {groups['rest']}")
        else:
            finite = _clean_phrase(groups["f"]).split()
            if finite and finite[0] in {"du", "vi"}:
                finite = finite[1:]
            phrase = (
                _verb_phrase(" ".join([infinitive(finite[0]), *finite[1:]])) if finite else None
            )
        if phrase:
            return phrase
    return None


_SWAP = _pairs(
    "jeg:du mig:dig min:din mit:dit mine:dine du:jeg dig:mig din:min dit:mit dine:mine vi:I "
    "os:jer vores:jeres selv:selv"
)
_OPENING_FILLERS = re.compile(
    r"^(?:(?:ja|nej|nå|nåh|altså|men|og|åh|tja|hmm|mm|øh|jo|okay|ok|jamen|næ|nææ)\b[,.!]?\s*)+",
    re.IGNORECASE,
)


def reflect_back(said: str) -> str | None:
    """A simple reflection of what the resident said: the last full sentence, with the persons
    turned round ("Jeg gider ikke gå i bad" → "Så du gider ikke gå i bad.")."""
    for sentence in reversed(split_sentences(said)):
        if sentence.rstrip().endswith("?"):
            continue
        core = _OPENING_FILLERS.sub("", sentence.strip()).rstrip(" .!…")
        words = WORD.findall(core)
        if len(words) < 3:
            continue
        swapped = re.sub(
            r"[^\W_]+",
            lambda m: _SWAP.get(m.group().lower(), m.group()) if m.group() != "I" else "vi",
            core,
        )
        if swapped[:1].isupper() and WORD.findall(swapped)[0].lower() in _FIRST_WORD_LOWER:
            swapped = swapped[:1].lower() + swapped[1:]
        return f"Så {swapped}."
    return None


_FIRST_WORD_LOWER = frozenset(
    {"du", "jeg", "det", "der", "den", "de", "min", "mit", "mine", "din", "dit", "dine", "vi"}
    | {"han", "hun", "man", "i", "om", "efter", "når", "hvis", "nu", "her", "maden", "badet"}
)

_YESNO_WORDS = frozenset(
    {"godt", "dårligt", "noget", "nok", "ikke", "okay", "ok", "overhovedet", "stadig", "fint"}
    | {"skidt", "nogensinde", "egentlig"}
)
_HOW_PARTICIPLES = frozenset({"sovet", "haft", "klaret", "følt", "oplevet", "været", "spist"})


def open_question_from(text: str) -> str | None:
    """An open question built from a closed one ("Har du sovet godt i nat?" → "Hvordan har du
    sovet i nat?"), or None when no rephrasing can be built from the words."""
    low = strip_fillers(" ".join(text.lower().split())).rstrip(" ?.!")
    low = _TAG_QUESTION.sub("", low + "?").rstrip(" ?")
    if SCALE.search(low):
        return "Hvad gør, at du ikke siger et lavere tal?"
    words = WORD.findall(low)
    if len(words) < 2:
        return None

    def tidy(rest: Sequence[str]) -> str:
        kept = [w for w in rest if w not in _YESNO_WORDS]
        return (" " + " ".join(kept)) if kept else ""

    if re.search(r"\b\w+ eller \w+", low) and not low.startswith(("tror", "synes")):
        return "Hvad kunne du tænke dig?"
    if re.match(r"^(?:har|havde) du det\b", low):
        return f"Hvordan har du det{tidy(words[3:])}?"
    if words[0] in {"har", "havde"} and words[1] == "du" and len(words) > 2:
        if words[2] in _HOW_PARTICIPLES:
            return f"Hvordan har du {words[2]}{tidy(words[3:])}?"
    if low.startswith("har du fået "):
        return f"Hvordan går det med at få {' '.join(w for w in words[3:] if w != 'nok')}?"
    if low.startswith("kan du lide "):
        return f"Hvad synes du om {low[len('kan du lide ') :]}?"
    if words[0] in {"savner", "savnede"} and words[1] == "du" and len(words) > 2:
        return f"Fortæl mig lidt om {' '.join(words[2:])}."
    if words[0] in {"er", "føler"} and words[1] == "du":
        about = re.search(r"\b(?:for|over|af|med|ved) (.+)$", low)
        if about and len(words) > 3:
            return f"Hvordan har du det med {about.group(1)}?"
        rest = [w for w in words[3:] if w not in _YESNO_WORDS]
        return f"Hvordan har du det{(' ' + ' '.join(rest)) if rest else ''}?"
    if words[0] in {"tror", "synes", "mener"} and words[1] == "du":
        action = re.findall(r"\bat ((?!du\b|det\b|der\b|jeg\b)\w+(?: \w+)*)", low)
        if action:
            return f"Hvad tænker du selv om at {action[-1]}?"
        clause = re.sub(r"^(?:selv,? )?(?:at )?", "", " ".join(words[2:]).lstrip(", "))
        return f"Hvad tænker du selv om, at {clause}?" if clause else None
    if words[0] == "skal" and words[1] == "jeg":
        return "Hvordan kan jeg bedst hjælpe dig?"
    if words[0] in {"vil", "skal", "kan", "gider", "må", "orker", "tør"} and words[1] == "du":
        rest = [w for w in words[2:] if w not in {"gerne", "godt", "helst", "ikke", "lige"}]
        phrase = _verb_phrase(" ".join(rest)) if rest else None
        if phrase:
            return f"Hvad tænker du om at {phrase}?"
    if words[:3] in (["er", "der", "noget"], ["er", "der", "nogen"]):
        rest = " ".join(words[3:]).replace(",", "").split()
        extra = ""
        if rest and rest[0] in {"andet", "mere"}:
            extra, rest = f" {rest[0]}", rest[1:]
        if rest and rest[0] == "du":
            rest = rest[1:]
        verbs = [i for i, w in enumerate(rest) if w in FINITE_VERBS]
        if verbs:
            i = verbs[0]
            tail = " ".join(rest[:i] + rest[i + 1 :])
            return f"Hvad{extra} {rest[i]} du {tail}?".replace("  ", " ")
    if len(words) > 2 and (words[1] in POSSESSIVES) and is_verb(words[0]):
        return f"Fortæl mig lidt om {words[1]} {words[2]}."
    return None
