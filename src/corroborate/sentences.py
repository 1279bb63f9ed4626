"""Split article text into sentences with character offsets, by rules (no model, no spaCy).

Each line of the text is a paragraph and is split on its own, so a sentence never spans two
lines. Inside a line, a boundary is a run of ``.``, ``!``, ``?`` or ``…`` followed by any
closing quotes or brackets, white space, and something that can start a sentence (a capital, a
digit, an opening quote or bracket, a letter of a script without case). A full stop after an
abbreviation is no boundary:

- titles before a name (``Mr.``, ``Dr.``, ``Gen.``, ``Sen.``...) and initials (``J. R. Smith``)
  never end a sentence;
- ``No.``, ``Jan.``, ``Art.``... before a number do not (``No. 5``, ``Jan. 12``);
- abbreviations that may end a sentence (``U.S.``, ``a.m.``, ``Inc.``, ``St.``...) end one only
  when the next word is a common sentence opener (``The``, ``He``, ``But``...): ``U.S.
  President``, ``5 p.m. Saturday`` and ``St. Louis`` stay whole, ``in the U.S. The`` splits.

A question or exclamation inside quotes followed by the speaker (``"Why?" Bârsan asked.``) stays
one sentence. Decimals (``3.5``) and numbers (``2,300``) never split: a boundary needs white
space after the punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corroborate.records import Sentence

__all__ = ["split_sentences"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words before a full stop that introduce a name: the stop never ends a sentence.
_TITLES = _words(
    "mr mrs ms mx dr prof gen sen rep gov lt col capt cpt sgt maj cmdr adm brig pres supt "
    "insp det hon rev fr messrs mme mlle"
)
# Before a number the stop is part of a reference: "No. 5", "Jan. 12", "pp. 3-4".
_BEFORE_NUMBER = _words(
    "no nos nr art vol vols p pp fig figs ch sec para op ed eds tel ext est approx ca jan feb "
    "mar apr jun jul aug sep sept oct nov dec"
)
# May end a sentence; does so only when a common sentence opener follows.
_AMBIGUOUS = _words(
    "inc ltd co corp plc llc jr sr st mt ft ave blvd rd dept govt etc al jan feb mar apr jun "
    "jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun bros assn univ "
    "intl natl"
)
_NEVER = _words("vs v cf viz e.g i.e")
# Words that often open a sentence and rarely follow "U.S." or "p.m." inside one.
_OPENERS = _words(
    "a an the this that these those there then they he she it its his her their our we i you "
    "but and or so yet if when while after before since as at in on of for from by with to "
    "however meanwhile still also earlier later now today yesterday some many most all both "
    "no not one two three officials police authorities residents witnesses"
)
_SPEECH = re.compile(
    r"\s+(?:[\w’'.-]+\s+){0,3}?(?:said|says|asked|asks|told|added|adds|shouted|cried|wrote|"
    r"replied|insisted|warned|recalled|explained|continued)\b",
    re.IGNORECASE,
)

_CLOSERS = "\"'”’»)]}"
_BOUNDARY = re.compile(
    r"(?P<punct>[.!?…]+)(?P<close>[" + re.escape(_CLOSERS) + r"]*)(?=\s+(?P<next>\S+))"
)
_LINE = re.compile(r"[^\n]+")
_INITIAL = re.compile(r"[A-ZÀ-ÞĀ-Ž]")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # U.S, a.m, U.N, e.g (final stop cut)
_OPENING = "\"'“‘«([{¿¡"


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order, with ``text[s.start:s.end] == s.text``."""
    out: list[Sentence] = []
    for line in _LINE.finditer(text):
        for start, end in _split_line(line.group(), line.start()):
            out.append(Sentence(index=len(out), start=start, end=end, text=text[start:end]))
    return out


def _split_line(line: str, offset: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of one line, as offsets into the whole text."""
    begin = 0
    for match in _BOUNDARY.finditer(line):
        if _is_boundary(line, match):
            yield from _span(line, begin, match.end(), offset)
            begin = match.end()
    yield from _span(line, begin, len(line), offset)


def _span(line: str, begin: int, end: int, offset: int) -> Iterator[tuple[int, int]]:
    """The stripped span line[begin:end], if it holds anything."""
    piece = line[begin:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        yield offset + begin + lead, offset + begin + lead + len(stripped)


def _is_boundary(line: str, match: re.Match[str]) -> bool:
    punct, close, nxt = match.group("punct"), match.group("close"), match.group("next")
    if not _starts_sentence(nxt):
        return False
    if "?" in punct or "!" in punct:
        return not (close and _SPEECH.match(line, match.end("close")))
    if punct != ".":  # an ellipsis before a capital
        return True
    word = _word_before(line, match.start("punct"))
    return close != "" or _stop_ends_sentence(word, nxt)


def _starts_sentence(word: str) -> bool:
    first = word[0]
    if first in _OPENING or first.isdigit() or first.isupper():
        return True
    return first.isalpha() and not first.islower()  # a script without case


def _word_before(line: str, end: int) -> str:
    """The token ending at ``end`` (the full stop), without leading quotes or brackets."""
    start = line.rfind(" ", 0, end) + 1
    return line[start:end].lstrip(_OPENING + "—–-")


def _stop_ends_sentence(word: str, nxt: str) -> bool:
    """Whether a full stop after ``word`` ends the sentence, ``nxt`` being the next token."""
    if not word:
        return True  # ". . ." spaced ellipsis, or a stop after a bracket
    lower = word.lower()
    next_word = nxt.lstrip(_OPENING).rstrip(".,;:!?" + _CLOSERS).lower()
    if lower in _NEVER or lower in _TITLES or _INITIAL.fullmatch(word):
        return False
    if lower in _BEFORE_NUMBER and nxt[0].isdigit():
        return False
    if lower in _AMBIGUOUS or _DOTTED.fullmatch(word):
        return next_word in _OPENERS
    return True
