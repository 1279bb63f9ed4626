"""Remove site junk from pasted article text, keeping every sentence of the article.

Text pasted from a web page carries what the page had around the article: section labels above
the headline, "EDITOR'S PICKS" blocks listing other headlines, "Click here to watch" prompts,
advertising and contact lines with e-mail addresses and phone numbers, share and subscribe
prompts. Each rule below names what it removes; every removed line is kept on the record with
that name, so a user can audit the cleaner. HTML pages do not come here whole: the extractor
(trafilatura) takes the page's boilerplate away first, and its text then passes the same rules.

Rules err on the side of keeping: a line is removed only when it matches a junk pattern, or when
it is a short line held between two junk lines (the sentence inside a contact block).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from corroborate.records import Removed

__all__ = ["Cleaned", "clean_text", "is_headline"]

_APOS = "['’‘`]"
_LIST_HEADING = re.compile(
    r"^\W*(?:editor" + _APOS + r"?s?\s+picks?|further\s+reading|read\s+more|related"
    r"(?:\s+(?:stories|articles|news|content|coverage|posts|topics|reading|links))?"
    r"|also\s+read|recommended(?:\s+(?:for\s+you|stories|reading|articles))?"
    r"|more\s+(?:stories|news|headlines|(?:from|on|in)\s+[^.!?]{1,30})|trending(?:\s+(?:now|news|stories))?"
    r"|most\s+(?:read|popular|viewed|shared)|you\s+(?:may|might)\s+(?:also\s+)?like"
    r"|popular\s+(?:stories|now|posts)|top\s+stories|latest\s+(?:news|stories|posts|headlines)"
    r"|see\s+also|what\s+to\s+read\s+next|don" + _APOS + r"?t\s+miss|must\s+read"
    r"|in\s+other\s+news|other\s+stories|watch\s+next|up\s+next)[^\w.!?]*$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[-–—•*·▪►»>◦‣]|\d{1,2}[.)])\s+\S")

_PROMO = re.compile(
    r"^\W*(?:(?:click|tap)\s+here\b|(?:read|see)\s+(?:more|also)\b\s*:?|also\s+read\b"
    r"|(?:subscribe|sign\s+up|register)\b.*\b(?:newsletter|subscri\w*|free|updates|alerts|channel|inbox)\b"
    r"|share\s+(?:this|on|via)\b|advertise(?:ment)?(?:\s+(?:with|on|or|here)\b|\W*$)"
    r"|sponsored(?:\s+content|\s+by\s+[^.!?,]{1,40})?\W*$"
    r"|download\s+(?:our|the)\b.*\bapp\b|©|\(c\)\s*\d{4}|copyright\s+(?:©|\(c\)|\d{4})"
    r"|(?:watch|listen)(?:\s+now|\s+live|\s+the\s+video)?\s*:|join\s+our\b.*\b(?:channel|group|community)"
    r"|get\s+the\s+latest\b|support\s+(?:our|independent)\s+journalism|story\s+continues\s+below"
    r"|continue\s+reading\b|skip\s+(?:to\s+content|advertisement)|loading\b\W*$)",
    re.IGNORECASE,
)
_PROMO_ANYWHERE = re.compile(
    r"\b(?:follow|like)\s+us\s+on\b|\ball\s+rights\s+reserved\b|\bvideo\s+of\s+the\s+(?:day|week)\b"
    r"|\bsubscribe\s+to\s+our\b|\bsign\s+up\s+for\s+our\b|\bturn\s+on\s+notifications\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{2,63}|\[email\s*(?:&#160;|\s)?protected\]",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?:\+?\d[\d\s().-]{7,}\d)")
_PHONE_KIND = r"(?:call|phone|tel(?:ephone)?|mobile|whats\s*app|sms|text|fax|hotline)"
# "Call or WhatsApp: ...", "Tel: ...", "Contact us ...": a contact prompt, not a sentence that
# happens to start with "Phone lines were down".
_CONTACT_START = re.compile(
    r"^\W*(?:" + _PHONE_KIND + r"(?:\s*(?:or|/|&|and)\s*" + _PHONE_KIND + r")*(?:\s+us)?"
    r"(?:\s+(?:on|at))?\s*:|contact\s+us\b|kindly\s+contact\b|e-?mail\s+us\b"
    r"|send\s+(?:us\s+)?(?:your\s+)?(?:tips|stories|news)\b)",
    re.IGNORECASE,
)
_PHONE_WORD = re.compile(
    r"\b(?:call|phone|tel|whats\s*app|contact|sms|hotline|fax)\b", re.IGNORECASE
)
_CAPTION = re.compile(
    r"^\W*(?:photo|image|picture|video|credit|file\s+photo)s?\s*(?:credit)?\s*:", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.;,:]\W*$")
_SHORT_WORDS = 20  # a "short" line: at most this many words
_TITLE_MAX_WORDS = 25
_LABEL_MAX_WORDS = 3
_WRAP_WIDTH = 100  # hard-wrapped text has no line longer than this
_WRAP_FILL = 0.6  # a wrapped line that continues is at least this share of the wrap width

_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:https?://|/|#)[^)]*\)")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


@dataclass(slots=True)
class Cleaned:
    """What the cleaner keeps: a title if the text starts with one, paragraphs, removed lines."""

    title: str | None
    paragraphs: list[str]
    removed: list[Removed] = field(default_factory=list)


def _words(line: str) -> int:
    return len(line.split())


def is_headline(line: str) -> bool:
    """A line that reads like a headline: short, and not ended like a sentence or a lead-in."""
    return (
        0 < _words(line) <= _TITLE_MAX_WORDS and len(line) <= 250 and not _SENTENCE_END.search(line)
    )


def _junk_reason(line: str) -> str | None:
    words = _words(line)
    if _LIST_HEADING.match(line):
        return "link-list"
    has_email = ("@" in line or "[email" in line.lower()) and _EMAIL.search(line)
    if words <= 40 and (has_email or (_CONTACT_START.match(line) and words <= 30)):
        return "contact"
    if words <= 30 and _has_phone(line):
        return "contact"
    if words <= 30 and (_PROMO.match(line) or _PROMO_ANYWHERE.search(line)):
        return "promo"
    if words <= 12 and _CAPTION.match(line):
        return "caption"
    return None


def _has_phone(line: str) -> bool:
    """A phone number: 9+ digits in groups of two or more. Without a phone word on the line, the
    digits must make up much of it and at most one group may be two digits long, so that a row
    of scores ("68 67 65 68 268") is not taken for a number."""
    phone_word = _PHONE_WORD.search(line) is not None
    for match in _PHONE.finditer(line):
        groups = re.findall(r"\d+", match.group())
        if sum(map(len, groups)) < 9 or min(map(len, groups)) < 2:
            continue
        if phone_word:
            return True
        digits = sum(c.isdigit() for c in line)
        short_groups = sum(len(g) <= 2 for g in groups)
        international = match.group().startswith("+")
        if digits >= 0.3 * len(line.replace(" ", "")) and short_groups <= 1 + international:
            return True
    return False


def _markdown(line: str) -> str:
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_HEADING.sub("", line)
    return _MD_EMPHASIS.sub(r"\2", line)


def clean_text(text: str, *, find_title: bool = True, rules: bool = True) -> Cleaned:
    """Split ``text`` into paragraphs, take the headline off the top and remove site junk.

    ``find_title``: take a headline-like first line as the title (pastes); off for text whose
    title is known from metadata. ``rules``: apply the junk rules (off keeps every line).
    """
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    units = _units([" ".join(_markdown(line).split()) for line in raw])
    reasons: dict[int, str] = {}
    if rules:
        _mark_link_lists(units, reasons)
        for i, line in units:
            if i not in reasons and (reason := _junk_reason(line)):
                reasons[i] = reason
        _mark_sandwiched(units, reasons)

    body = [(i, line) for i, line in units if i not in reasons]
    title = None
    if find_title and rules:
        body, title = _take_title(body, reasons)
    elif find_title and len(body) > 1 and is_headline(body[0][1]):
        title = body.pop(0)[1]
    removed = [Removed(line=i, text=line, reason=reasons[i]) for i, line in units if i in reasons]
    return Cleaned(title=title, paragraphs=[line for _, line in body], removed=removed)


def _units(lines: list[str]) -> list[tuple[int, str]]:
    """(index of first line, text) of each paragraph: the non-empty lines, or, in hard-wrapped
    text (blank lines between blocks of short lines), the lines of a block joined.

    In wrapped text a line continues onto the next only when it is nearly as long as the wrap
    width, so a short headline on top of a block keeps a line of its own.
    """
    kept = [(i, line) for i, line in enumerate(lines) if line]
    if len(kept) < 2:
        return kept
    first, last = kept[0][0], kept[-1][0]
    inner_blank = any(not lines[i] for i in range(first, last))
    adjacent = any(b == a + 1 for (a, _), (b, _) in itertools.pairwise(kept))
    width = max(len(line) for _, line in kept)
    if not (inner_blank and adjacent and width <= _WRAP_WIDTH):
        return kept
    units: list[tuple[int, str]] = []
    prev, prev_len = -2, 0
    for i, line in kept:
        joins = i == prev + 1 and prev_len >= _WRAP_FILL * width and not _BULLET.match(line)
        if joins and units:
            units[-1] = (units[-1][0], f"{units[-1][1]} {line}")
        else:
            units.append((i, line))
        prev, prev_len = i, len(line)
    return units


def _mark_link_lists(kept: list[tuple[int, str]], reasons: dict[int, str]) -> None:
    """A list heading and the headline items under it (bullets or short unpunctuated lines)."""
    n = 0
    while n < len(kept):
        i, line = kept[n]
        if _LIST_HEADING.match(line) and _words(line) <= 8:
            reasons[i] = "link-list"
            n += 1
            while n < len(kept) and (
                _BULLET.match(kept[n][1]) or (is_headline(kept[n][1]) and _words(kept[n][1]) <= 16)
            ):
                reasons[kept[n][0]] = "link-list"
                n += 1
        else:
            n += 1


def _mark_sandwiched(kept: list[tuple[int, str]], reasons: dict[int, str]) -> None:
    """A short line between two junk lines belongs to their block (the sentence inside an advert
    or contact block) when the block closes the text (every line after it is junk) or one of the
    two is a contact line. In the middle of an article, a sentence between two
    "Watch:"/"Read more:" lines is kept."""
    tail = len(kept)
    while tail > 0 and kept[tail - 1][0] in reasons:
        tail -= 1
    for n in range(1, len(kept) - 1):
        i, line = kept[n]
        before, after = reasons.get(kept[n - 1][0]), reasons.get(kept[n + 1][0])
        if i in reasons or _words(line) > _SHORT_WORDS or not (before and after):
            continue
        if n + 1 >= tail or "contact" in (before, after):
            reasons[i] = "site-block"


def _take_title(
    body: list[tuple[int, str]], reasons: dict[int, str]
) -> tuple[list[tuple[int, str]], str | None]:
    """Section labels above a headline go; the headline becomes the title."""
    while (
        len(body) > 2
        and is_headline(body[0][1])
        and _words(body[0][1]) <= _LABEL_MAX_WORDS
        and is_headline(body[1][1])
        and not is_headline(body[2][1])
    ):
        reasons[body[0][0]] = "section-label"
        body = body[1:]
    if len(body) > 1 and is_headline(body[0][1]) and not is_headline(body[1][1]):
        return body[1:], body[0][1]
    return body, None
