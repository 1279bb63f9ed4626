"""Bytes to text: encodings, byte-order marks, mojibake, typography, binary data."""

from __future__ import annotations

import codecs
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from corroborate import Article, Problem
from corroborate.errors import ReadError
from corroborate.read.decode import binary_kind, decode_bytes, fix_text

ReadAll = Callable[..., tuple[list[Article], list[Problem]]]

TYPOGRAPHY = "He said “nobody” warned them — the mayor’s ‘plan’ – came late…"

# Accented letters that cp1252 and cp1250 share, with curly quotes and dashes
SHARED_LETTERS = (
    "Zürich police said Müller’s café was closed on Tuesday – “for safety reasons”, a spokesman "
    "said.\nThe owner, José Álvarez, said the décor and façade were untouched.\n"
)
# Letters where cp1252 and its neighbours differ (è ï û à ô ë ê)
WESTERN_LETTERS = (
    "The café’s owner, José, said the “crème brûlée” was naïve — and the résumé was fine.\n"
    "A second line about the façade of the hôtel near the rivière, à côté de l’église.\n"
)
FRENCH_LATIN1 = (
    "Le café était très différent, à côté de l'église où Noël se fête chaque année.\n"
    "Déjà l'hôtel accueillait les invités étrangers venus de très loin.\n"
)


def test_utf8_is_read_as_is() -> None:
    assert decode_bytes(TYPOGRAPHY.encode("utf-8")) == TYPOGRAPHY


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_byte_order_mark(encoding: str) -> None:
    data = TYPOGRAPHY.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + data
    assert decode_bytes(data) == TYPOGRAPHY


def test_utf16_with_bom_file_is_read(read_all: ReadAll, write: Callable[..., Path]) -> None:
    text = "Dam bursts in Romania\n" + SHARED_LETTERS.rstrip()  # see test_clean: final newline bug
    path = write("utf16.txt", text.encode("utf-16"))
    assert path.read_bytes()[:2] == codecs.BOM_UTF16_LE
    (art,), problems = read_all([path])
    assert problems == []
    assert art.title == "Dam bursts in Romania"
    assert art.paragraphs == SHARED_LETTERS.strip().split("\n")


def test_declared_encoding_wins() -> None:
    data = WESTERN_LETTERS.encode("cp1252")
    assert decode_bytes(data, declared="windows-1252") == WESTERN_LETTERS
    # a declared encoding that does not fit is ignored
    assert decode_bytes(TYPOGRAPHY.encode("utf-8"), declared="ascii") == TYPOGRAPHY
    assert decode_bytes(TYPOGRAPHY.encode("utf-8"), declared="no-such-codec") == TYPOGRAPHY


def test_cp1252_with_curly_quotes_is_detected() -> None:
    data = SHARED_LETTERS.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode_bytes(data) == SHARED_LETTERS


def test_cp1252_with_western_accents_is_detected() -> None:
    assert decode_bytes(WESTERN_LETTERS.encode("cp1252")) == WESTERN_LETTERS


def test_latin1_french_is_detected() -> None:
    assert decode_bytes(FRENCH_LATIN1.encode("latin-1")) == FRENCH_LATIN1


def test_cp1252_file_is_read_whole(read_all: ReadAll, write: Callable[..., Path]) -> None:
    path = write("cp1252.txt", ("Zürich café closed\n" + SHARED_LETTERS.rstrip()).encode("cp1252"))
    (art,), problems = read_all([path])
    assert problems == []
    assert art.title == "Zürich café closed"
    assert art.paragraphs == SHARED_LETTERS.strip().split("\n")
    assert "“for safety reasons”" in art.text


def mojibake(text: str) -> str:
    """UTF-8 bytes wrongly decoded as cp1252: "don’t" -> "donâ€™t"."""
    return text.encode("utf-8").decode("cp1252")


def test_fix_text_repairs_mojibake_and_keeps_typography() -> None:
    good = "The mayor’s plan – don’t panic, said the café owner in Zürich — “calm”."
    bad = mojibake(good.replace("”", "’"))  # ” has no cp1252 mojibake form
    assert "donâ€™t" in bad
    assert fix_text(bad) == good.replace("”", "’")
    assert fix_text(TYPOGRAPHY) == TYPOGRAPHY


def test_mojibake_paste_is_repaired(read_all: ReadAll, write: Callable[..., Path]) -> None:
    good = [
        "The mayor’s plan – don’t panic, said the café owner in Zürich on Tuesday, after the "
        "river rose to its highest level in forty years.",
        "Residents who didn’t leave were rescued by boat — the army’s engineers are still at "
        "work in the valley, officials said.",
    ]
    path = write("moji.txt", mojibake("\n".join(good)).encode("utf-8"))
    assert "â€™" in path.read_text(encoding="utf-8")
    (art,), problems = read_all([path])
    assert problems == []
    assert art.paragraphs == good


def test_curly_quotes_and_dashes_survive_a_read(
    read_all: ReadAll, write: Callable[..., Path]
) -> None:
    line = (
        "“We heard a roar like a train,” said Ana Moldovan — a 58-year-old resident – "
        "and ‘nobody’ came for hours, she said… The mayor’s office did not reply."
    )
    (art,), _ = read_all([write("quotes.txt", line + "\n" + line.upper() + "\n")])
    assert art.paragraphs[0] == line
    for ch in "“”‘’—–…":
        assert ch in art.text
    assert '"' not in art.text
    assert "'" not in art.text


def test_straight_quotes_stay_straight() -> None:
    text = "Straight 'quotes' and \"double\" -- kept as typed."
    assert fix_text(text) == text


def test_html_entities_are_not_unescaped_in_text() -> None:
    assert fix_text("AT&amp;T said &quot;no&quot;") == "AT&amp;T said &quot;no&quot;"


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"GIF89a\x01\x00", "GIF image"),
        (b"%PDF-1.7\n", "PDF document"),
        (b"PK\x03\x04\x14\x00", "ZIP archive or Office document"),
        (b"SQLite format 3\x00", "SQLite database"),
        (b"\x00\x00\x00\x18ftypmp42", "MP4 or QuickTime media"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "RIFF media"),
    ],
)
def test_binary_kind(head: bytes, kind: str) -> None:
    assert binary_kind(head) == kind
    with pytest.raises(ReadError, match="binary file"):
        decode_bytes(head + b"\x00" * 32)


@pytest.mark.parametrize("head", [b"Hello world", b"<html>", b'{"text": 1}', b"WARC/1.0", b""])
def test_text_is_not_binary(head: bytes) -> None:
    assert binary_kind(head) is None


def test_empty_bytes() -> None:
    with pytest.raises(ReadError, match=r"^empty file$"):
        decode_bytes(b"")


@pytest.mark.parametrize(
    "data", [b"   \n\t\n  \r\n", "\ufeff  \n".encode(), " \n".encode("utf-16")]
)
def test_white_space_only(data: bytes) -> None:
    with pytest.raises(ReadError, match="only white space"):
        decode_bytes(data)


def test_random_bytes_without_nul_are_refused() -> None:
    rng = random.Random(20241130)
    data = bytes(rng.randrange(1, 256) for _ in range(3000))
    assert b"\x00" not in data
    with pytest.raises(ReadError, match=r"undecodable|binary data"):
        decode_bytes(data)


def test_bytes_with_nul_that_are_not_utf16_are_refused() -> None:
    data = b"some text\x00\x01\x02" * 50 + b"\xff\xfe\xfd" * 50
    with pytest.raises(ReadError, match=r"undecodable|binary data"):
        decode_bytes(data)


def test_too_many_control_characters() -> None:
    data = ("A line of text\x07\x08\x0b\x01\x02" * 40).encode("utf-8")
    with pytest.raises(ReadError, match="too many control characters"):
        decode_bytes(data)
