"""Language identification with py3langid (its model ships inside the package: no download)."""

from __future__ import annotations

from functools import cache
from typing import Any

__all__ = ["detect_language"]

_SAMPLE_CHARS = 4000
_MIN_CHARS = 20


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float | None]:
    """ISO 639-1 code and probability of ``text``'s language; ``(None, None)`` if too short."""
    sample = text[:_SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < _MIN_CHARS:
        return None, None
    lang, prob = _identifier().classify(sample)
    return str(lang), round(float(prob), 3)
