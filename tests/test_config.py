"""ReadOptions and the parsing of sizes and dates."""

from __future__ import annotations

import pytest

from corroborate.config import DEFAULT_MAX_BYTES, ReadOptions, parse_published, parse_size


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50MB", 50_000_000),
        ("500k", 500_000),
        ("1k", 1_000),
        ("2G", 2_000_000_000),
        ("1.5m", 1_500_000),
        (" 10 kb ", 10_000),
        ("1234", 1234),
        (4096, 4096),
    ],
)
def test_parse_size(text: str | int, expected: int) -> None:
    assert parse_size(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "10 TB", "-5", "0", "0k", "5 mega", 0, -1])
def test_parse_size_rejects(text: str | int) -> None:
    with pytest.raises(ValueError, match="size must"):
        parse_size(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-12-01", "2024-12-01"),
        (" 2024-12-01 ", "2024-12-01"),
        ("2024-12-01T14:00+00:00", "2024-12-01T14:00:00+00:00"),
        ("2024-12-01T14:00:30", "2024-12-01T14:00:30"),
        ("2024-12-01 14:00+02:00", "2024-12-01T14:00:00+02:00"),
    ],
)
def test_parse_published(text: str, expected: str) -> None:
    assert parse_published(text) == expected


@pytest.mark.parametrize("text", ["2024-13-45", "yesterday", "", "01/12/2024", "2024-12-01T25:00"])
def test_parse_published_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="ISO 8601"):
        parse_published(text)


def test_read_options_defaults() -> None:
    options = ReadOptions()
    assert options.max_bytes == DEFAULT_MAX_BYTES == 50_000_000
    assert options.published is None
    assert options.source is None
    assert options.clean is True
    assert options.min_language_score == 0.9


def test_read_options_normalise_published() -> None:
    assert ReadOptions(published="2024-12-01T14:00+00:00").published == "2024-12-01T14:00:00+00:00"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_bytes": 0},
        {"max_bytes": -1},
        {"published": "not a date"},
        {"min_language_score": 1.5},
        {"min_language_score": -0.1},
        {"source": "   "},
    ],
)
def test_read_options_validate(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        ReadOptions(**kwargs)  # type: ignore[arg-type]


def test_read_options_are_frozen() -> None:
    options = ReadOptions()
    with pytest.raises((AttributeError, TypeError)):
        options.max_bytes = 5  # type: ignore[misc]
