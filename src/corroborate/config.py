"""Typed options, one dataclass per stage, validated when built."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ReadOptions",
    "normalize_published",
    "parse_published",
    "parse_size",
]

DEFAULT_MAX_BYTES = 50 * 1000 * 1000  # 50 MB

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1000, "m": 1000**2, "g": 1000**3}


def parse_size(text: str | int) -> int:
    """``"50MB"``, ``"500k"``, ``"2G"`` or a number of bytes -> bytes."""
    if isinstance(text, int):
        value = text
    else:
        match = _SIZE.match(text)
        if not match:
            raise ValueError(f"size must look like 50MB, 500k or 1000000, not {text!r}")
        value = int(float(match.group(1)) * _UNITS[match.group(2).lower()])
    if value <= 0:
        raise ValueError(f"size must be positive, not {text!r}")
    return value


def parse_published(text: str) -> str:
    """Check an ISO 8601 date or datetime given by the user and return it normalised."""
    text = text.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(
            f"published must be an ISO 8601 date like 2024-12-01 or 2024-12-01T14:00+00:00, "
            f"not {text!r}"
        ) from None


def normalize_published(value: object) -> str | None:
    """An input's publication date as ISO 8601: ISO strings, RFC 2822 dates (feeds, e-mail)
    and Unix timestamps are understood; anything else gives None."""
    from email.utils import parsedate_to_datetime

    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(float(value), UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    try:
        return parse_published(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read.

    ``published`` and ``source`` fill in metadata only for articles whose input has none.
    ``max_bytes`` caps a file (and a decompressed .gz, and one WARC record): larger ones are refused
    with a clear line rather than read into memory.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    published: str | None = None
    source: str | None = None
    clean: bool = True
    min_language_score: float = 0.9  # below this the detected language is kept but not trusted

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        if self.published is not None:
            object.__setattr__(self, "published", parse_published(self.published))
        if not 0.0 <= self.min_language_score <= 1.0:
            raise ValueError("min_language_score must be in [0.0, 1.0]")
        if self.source is not None and not self.source.strip():
            raise ValueError("source must not be blank")
