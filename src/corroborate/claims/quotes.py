"""Direct quotes and who said them, over a whole article.

Quotation marks are paired per paragraph: curly marks by their shape (“ opens, ” closes),
straight ``"`` by alternation, with « » and „ “ as well (“ closes a quote „ opened). The quote
is the words inside: the comma handing over to the attribution (“...,” he said) is left out.
A quote left open at the end of a paragraph continues into the next paragraph when that
paragraph opens with a quotation mark (the typographic convention for a quote running over
paragraphs); otherwise it ends with its paragraph. Single quotation marks are not read (they
are apostrophes far more often), nor are one-word quotes (scare quotes: “terrorists”).

The speaker is found, in order:

1. in the parse: the reporting verb the quote hangs from (“...,” his office stated; the army
   described it as “a broad attack”; a resident described hearing “the sounds...”), its subject
   (or its ``by``-agent);
2. before a colon: "X said:" ending the sentence before the quote, or the quote's own sentence;
3. by pattern right after the closing mark: ``, X said`` / ``, said X``;
4. for a quote that opens its sentence without a speaker of its own, the speaker of the quote just
   before it in the article (a quote continued over sentences).

A pronoun speaker ("he said") is replaced by the last person named before the quote (the speaker
offsets then point at that mention); "his office" is kept as written. A common noun
with a name in apposition ("the governor, Ahmed Karimi, said:") gives the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from corroborate.claims.actors import named_apposition, phrase
from corroborate.claims.attribution import is_reporting
from corroborate.claims.nlp import lemma, text_of
from corroborate.claims.speakers import antecedent, check, genders
from corroborate.records import Mention, Quote, Sentence

__all__ = ["find_quotes", "quote_spans"]

_OPEN = "“«„"
_CLOSE = "”»"
_SAID = r"(?:said|says|stated|states|added|adds|told|wrote|writes|tweeted|posted|declared|insisted)"
# After a closing mark, on the same line: ", X said" / ", said X" (never the next paragraph).
_AFTER_SPEAKER = re.compile(
    rf"^[ \t,.;:!?—–-]*"
    rf"(?P<sp>(?:[A-Z][\w’'.-]*|the|his|her|their|an?|one)(?:[ \t]+[\w’'.-]+){{0,5}}?)"
    rf"[ \t]+{_SAID}\b"
)
_AFTER_SAID = re.compile(
    rf"^[ \t,.;:!?—–-]*{_SAID}[ \t]+"
    rf"(?P<sp>(?:the[ \t]+)?[A-Z][\w’'.-]*(?:[ \t]+[A-Z][\w’'.-]*){{0,4}})"
)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of double quotation marks in ``text``."""
    spans: list[tuple[int, int]] = []
    position = 0
    carried: int | None = None  # start of a quote left open at the end of the last paragraph
    opener = ""  # the mark that opened the quote now open ("„" is closed by "“")
    for line in text.split("\n"):
        open_at: int | None = None
        lead = len(line) - len(line.lstrip())
        continued = False
        if carried is not None:
            if line[lead : lead + 1] in _OPEN + '"':
                open_at, continued = carried, True  # the same quote goes on
            else:
                spans.append((carried, position - 1))
            carried = None
        for i, char in enumerate(line):
            if continued and i == lead:
                continue
            closes = char in _CLOSE or char == '"' or (char == "“" and opener == "„")
            if closes and open_at is not None:
                spans.append((open_at, position + i))
                open_at, opener = None, ""
            elif char in _OPEN or char == '"':
                open_at, opener = position + i + 1, char  # a second opening mark starts afresh
        if open_at is not None:
            carried = open_at
        position += len(line) + 1
    if carried is not None:
        spans.append((carried, len(text)))
    return [(s, e) for s, e in (_trim(text, s, e) for s, e in spans) if len(text[s:e].split()) > 1]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The quoted words: no white space or marks around them, nor the comma that hands over to
    the attribution (“We took the bridge,” he said)."""
    while start < end and text[start] in " \t\n" + _OPEN + '"':
        start += 1
    while end > start and text[end - 1] in " \t\n," + _CLOSE + '"':
        end -= 1
    return start, end


@dataclass(slots=True)
class _Parsed:
    sentence: Sentence
    doc: Any


def find_quotes(
    text: str, sentences: list[Sentence], docs: list[Any], actors: list[Mention]
) -> list[Quote]:
    """Direct quotes of an article with their speakers.

    ``docs[i]`` is the parse of ``sentences[i]``; ``actors`` the article's named mentions (to
    resolve "he").
    """
    found: list[Quote] = []
    known = genders(docs)
    parsed = [_Parsed(s, d) for s, d in zip(sentences, docs, strict=True)]
    for start, end in quote_spans(text):
        first = _sentence_at(parsed, start)
        last = _sentence_at(parsed, max(start, end - 1))
        speaker: tuple[str, int, int] | None = None
        cue: str | None = None
        around = [p for p in parsed if first <= p.sentence.index <= last + 1]
        for item in around:
            if item.sentence.index == last + 1 and not _starts_after(item, end):
                continue
            speaker, cue = _from_parse(item, start, end)
            if speaker:
                break
        if speaker is None:
            speaker, cue = _from_colon(parsed, first, start)
        if speaker is None:
            speaker, cue = _from_pattern(text, end)
        if speaker is None and found and _opens_sentence(parsed, first, start):
            previous = found[-1]
            if previous.speaker and previous.speaker_start is not None:
                speaker = (previous.speaker, previous.speaker_start, previous.speaker_end or 0)
                cue = previous.cue
        name, s_start, s_end = speaker if speaker else (None, None, None)
        if name and s_start is not None and s_end is not None:
            checked = check(name, s_start, s_end, actors, text, 0, known)
            name, s_start, s_end = checked if checked else (None, None, None)
        found.append(Quote(start, end, text[start:end], name, "direct", s_start, s_end, cue))
    return found


def _sentence_at(parsed: list[_Parsed], at: int) -> int:
    for item in parsed:
        if item.sentence.start <= at < item.sentence.end + 1:
            return item.sentence.index
    return parsed[-1].sentence.index if parsed else 0


def _starts_after(item: _Parsed, end: int) -> bool:
    # The sentence right after a quote counts only when it starts with the attribution
    # ("...over sentences.” Then: “He said” split off).
    return item.sentence.start - end <= 3


def _opens_sentence(parsed: list[_Parsed], index: int, start: int) -> bool:
    for item in parsed:
        if item.sentence.index == index:
            return start - item.sentence.start <= 2
    return False


def _from_parse(item: _Parsed, start: int, end: int) -> tuple[tuple[str, int, int] | None, Any]:
    doc, base = item.doc, item.sentence.start
    inside = [t for t in doc if start <= base + t.idx < end]
    if not inside:
        return None, None
    inside_ids = {t.i for t in inside}
    # Reporting verbs outside the quote that govern it, or that hang from its root.
    candidates = []
    for token in inside:
        node = token.head
        for _ in range(4):
            if node.i in inside_ids:
                node = node.head if node.head.i != node.i else node
                if node.i in inside_ids:
                    break
            if is_reporting(node):
                candidates.append(node)
                break
            if node.head.i == node.i:
                break
            node = node.head
    if not candidates:
        for token in doc:
            if (
                token.i not in inside_ids
                and is_reporting(token)
                and (token.head.i in inside_ids or token.dep_ == "ROOT")
            ):
                candidates.append(token)
    for verb in candidates:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
        if subject is None:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if subject is None and verb.dep_ in ("advcl", "conj") and verb.head.i != verb.i:
            subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        subject = antecedent(subject)  # "the officer, who said": the officer
        if subject is None or subject.i in inside_ids:
            continue
        subject = named_apposition(subject) or subject
        span = phrase(subject)
        if span is None:
            continue
        return (text_of(doc)[span[0] : span[1]], base + span[0], base + span[1]), lemma(verb)
    return None, None


def _from_colon(
    parsed: list[_Parsed], index: int, start: int
) -> tuple[tuple[str, int, int] | None, Any]:
    for item in parsed:
        i = item.sentence.index
        if i not in (index, index - 1):
            continue
        before = item.sentence.text[: max(0, start - item.sentence.start)]
        text = before.rstrip(' “"\n') if i == index else item.sentence.text.rstrip()
        if not text.endswith(":"):
            continue
        for token in item.doc:
            if is_reporting(token):
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                subject = named_apposition(subject) or subject
                span = phrase(subject) if subject is not None else None
                if span:
                    base = item.sentence.start
                    found = (text_of(item.doc)[span[0] : span[1]], base + span[0], base + span[1])
                    return found, lemma(token)
    return None, None


def _from_pattern(text: str, end: int) -> tuple[tuple[str, int, int] | None, Any]:
    tail = text[end : end + 80]
    tail = tail[1:] if tail[:1] in _CLOSE + '"' else tail
    offset = end + (1 if text[end : end + 1] in _CLOSE + '"' else 0)
    for pattern in (_AFTER_SAID, _AFTER_SPEAKER):
        match = pattern.match(tail)
        if match:
            s, e = match.span("sp")
            return (match.group("sp"), offset + s, offset + e), "say"
    return None, None
