"""Bytes to text: refuse binary data, detect the encoding, repair mojibake.

charset-normalizer picks the encoding when the bytes are not UTF-8 and none is declared; ftfy
repairs text that was decoded wrongly somewhere upstream ("Ã©" for "é"). Curly quotes, dashes and
other typography are kept: they are part of what an outlet published.
"""

from __future__ import annotations

import codecs
import re

from corroborate.errors import ReadError

__all__ = ["binary_kind", "decode_bytes", "fix_text"]

_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x7fELF", "executable"),
    (b"MZ", "Windows executable"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"BZh91AY&SY", "bzip2 archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
]

_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

# C0 controls other than tab, newline, carriage return and form feed; plus C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_MAX_CONTROL_SHARE = 0.02
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
_WESTERN_MARGIN = 0.05


def binary_kind(head: bytes) -> str | None:
    """Name the kind of binary file ``head`` starts, or None if it may be text."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if head[4:8] == b"ftyp":
        return "MP4 or QuickTime media"
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "RIFF media"
    return None


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes, declared: str | None = None, notes: list[str] | None = None) -> str:
    """Decode ``data`` to text or raise :class:`ReadError` with the reason.

    Order: byte-order mark, then the encoding the input declares (HTTP header, ``<meta charset>``,
    XML prolog), then UTF-8, then UTF-16 without a byte-order mark (every other byte zero), then
    UTF-8 line by line when only some lines are not UTF-8 (a Latin-1 line pasted into a UTF-8
    file: those lines get their own encoding), then charset-normalizer's best guess. The last
    three append a sentence to ``notes`` saying what was done. Mojibake is repaired later, on
    the article text only (:func:`fix_text`), which is much faster than on a whole HTML page.
    """
    if not data:
        raise ReadError("empty file")
    bom = _bom_encoding(data)
    text = _try(data, bom) if bom else None
    if text is None:
        kind = binary_kind(data[:16])
        if kind:
            raise ReadError(f"binary file ({kind}), not text")
        if declared:
            text = _try(data, declared)
        if text is None:
            text = _try(data, "utf-8")
        if text is None and (found := _utf16(data) or _mixed(data)):
            text, note = found
            if notes is not None:
                notes.append(note)
        if text is None:
            text = _detect(data)
    if text is None:
        raise ReadError("undecodable bytes: no text encoding fits them")
    sample = text[:100_000]
    if sample and len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise ReadError("binary data or undecodable bytes: too many control characters for text")
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ReadError("no text: the file holds only white space")
    return text


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    if b"\x00" in data[:65536] and not _looks_utf16(data):
        return None
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    # Undeclared single-byte text on the web is windows-1252 far more often than the Central or
    # Eastern European code pages that decode the same bytes with the same "chaos" score.
    for match in matches:
        if match.encoding in _WESTERN and match.chaos <= best.chaos + _WESTERN_MARGIN:
            return str(match)
    return str(best)


def _utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a byte-order mark: the zero high bytes of Latin script tell LE from BE."""
    head = data[:4096]
    even, odd = head[0::2], head[1::2]
    if len(head) < 4 or max(even.count(0), odd.count(0)) < 0.3 * len(head) / 2:
        return None
    encoding = "utf-16-le" if odd.count(0) > even.count(0) else "utf-16-be"
    text = _try(data[: len(data) - len(data) % 2], encoding)
    if text is None:
        return None
    name = encoding.upper().replace("-LE", "LE").replace("-BE", "BE")
    return text, f"read as {name}: UTF-16 without a byte-order mark"


_LINE = re.compile(rb"[^\n]*\n?")


def _mixed(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with some lines in another encoding: each line decoded on its own, the odd ones with
    the single-byte encoding they fit best. None unless some lines are UTF-8 beyond ASCII."""
    lines = _LINE.findall(data)
    bad: list[int] = []
    utf8 = False
    for n, line in enumerate(lines):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(n)
        else:
            utf8 = utf8 or not line.isascii()
    if not bad or not utf8:
        return None
    odd = b"".join(lines[n] for n in bad)
    encoding = _single_byte(odd)
    odd_lines = set(bad)
    decoded = [line.decode("utf-8") if n not in odd_lines else "" for n, line in enumerate(lines)]
    for n in bad:
        decoded[n] = lines[n].decode(encoding, "replace")
    count = f"{len(bad)} line{'s' * (len(bad) != 1)}"
    return "".join(decoded), f"mixed encodings: {count} not UTF-8, read as {encoding}"


def _single_byte(data: bytes) -> str:
    """The single-byte encoding ``data`` fits best. A few short lines say too little for a guess:
    windows-1252 (undeclared single-byte text on the web most often is) when they fit it."""
    if len(data) < 4096 and _try(data, "cp1252") is not None:
        return "cp1252"
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data) if not codecs.lookup(m.encoding).name.startswith("utf")]
    if not matches:
        return "cp1252"
    best = matches[0]
    for match in matches:
        if match.encoding in _WESTERN and match.chaos <= best.chaos + _WESTERN_MARGIN:
            return str(match.encoding)
    return str(best.encoding)


def _looks_utf16(data: bytes) -> bool:
    head = data[:4096]
    even, odd = head[0::2], head[1::2]
    return even.count(0) > 0.3 * len(even) or odd.count(0) > 0.3 * len(odd)


def fix_text(text: str) -> str:
    """Repair mojibake and stray controls, keeping typography (curly quotes, dashes) as written."""
    import ftfy

    return ftfy.fix_text(
        text,
        uncurl_quotes=False,
        fix_character_width=False,
        unescape_html=False,
        explain=False,
    )
