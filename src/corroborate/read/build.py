"""Turn what a reader found (text and metadata) into an :class:`Article`, the same way for all."""

from __future__ import annotations

import re

from corroborate.clean import clean_text
from corroborate.config import ReadOptions
from corroborate.lang import detect_language
from corroborate.read.decode import fix_text
from corroborate.records import Article, Problem, article_id

__all__ = ["build_article"]


def build_article(
    text: str,
    *,
    input: str,
    kind: str,
    options: ReadOptions,
    title: str | None = None,
    source: str | None = None,
    published: str | None = None,
    url: str | None = None,
    author: str | None = None,
    input_id: str | None = None,
    find_title: bool = True,
) -> list[Article | Problem]:
    """Clean ``text``, detect its language and fill defaults; a :class:`Problem` if nothing is left.

    Returns the article, preceded by a note when its language is not English (marked, not
    rejected), or a single problem.
    """
    text = fix_text(text)
    title = fix_text(title) if title else title
    cleaned = clean_text(text, find_title=find_title and not title, rules=options.clean)
    title = _clean_meta(title) or cleaned.title
    if title and cleaned.paragraphs and _same(cleaned.paragraphs[0], title):
        cleaned.paragraphs.pop(0)  # the page repeats its headline on top of the text
    if not any(c.isalpha() for p in cleaned.paragraphs for c in p):
        reason = "no article text left after removing site junk" if cleaned.removed else "no text"
        return [Problem(input, reason)]
    body = "\n".join(cleaned.paragraphs)
    source = _clean_meta(source) or options.source
    language, score = detect_language(body)
    article = Article(
        id=article_id(body, source),
        text=body,
        paragraphs=cleaned.paragraphs,
        title=title,
        source=source,
        published=_clean_meta(published) or options.published,
        url=_clean_meta(url),
        author=_clean_meta(author),
        language=language,
        language_score=score,
        input=input,
        kind=kind,
        input_id=input_id,
        removed=cleaned.removed,
    )
    out: list[Article | Problem] = []
    if language and language != "en" and (score or 0) >= options.min_language_score:
        out.append(
            Problem(
                input,
                f"language looks like {language!r} ({score:.2f}), not English: read and marked",
                level="note",
            )
        )
    out.append(article)
    return out


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _clean_meta(value: object) -> str | None:
    """Metadata on one line, without control characters (no terminal escapes from an input)."""
    if value is None:
        return None
    text = " ".join(_CONTROL.sub(" ", str(value)).split())
    return text or None
