"""The rules every persona shares: points per MI code, the streaks that open and close a persona,
the minimum a persona file must hold, and the common words a keyword may not match."""

from __future__ import annotations

from ..codes import Code

POINTS: dict[Code, int] = {
    Code.COMPLEX_REFLECTION: 2,
    Code.SUMMARY: 2,
    Code.SIMPLE_REFLECTION: 1,
    Code.AFFIRMATION: 1,
    Code.SEEKING_COLLABORATION: 1,
    Code.EMPHASIZING_AUTONOMY: 1,
    Code.OPEN_QUESTION: 1,
}
RISE_STREAK = 3  # good turns in a row before openness can rise one level
RISE_POINTS = 5  # points those good turns must have gathered
CLOSED_RUN = 3  # closed turns in a row that lower openness one level

MIN_TOPIC_REPLIES = 4  # per topic and openness level
MIN_FALLBACK_REPLIES = 3  # per openness level
MIN_REACTIONS = 3  # per reaction kind
MIN_KEYWORD_LENGTH = 2

# Words that come up in almost any staff utterance: a keyword that matches one of them would give
# a topic to nearly everything said.
COMMON_WORDS = tuple(
    """
    alle andre at blev blive bliver da de dem den der det dig din dine dit du efter eller
    en er et for fordi fortæl fortælle fra får godt gør gøre ham han har have havde hej
    helt hende her hun hvad hvem hvis hvor hvordan hvorfor hvornår høre i ikke ja jeg jer
    jeres jo kan kunne lidt man med meget men mere mig min mine mit må nej noget nogen nu
    når og også om op os over på sig sige siger sin skal skulle som spørge synes så sådan
    tak til tror ud var ved vi vide vil ville være været
    """.split()
)
