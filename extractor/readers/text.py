"""Plain text in any common Russian encoding: UTF-8 (with or without BOM), UTF-16 (with a BOM, or
without one when the zero bytes say so), cp1251, koi8-r, cp866 (DOS) and ISO 8859-5.

The 8-bit encodings are told apart by how much of the decoded text is frequent Russian letters:
the right decoding has far more of them. Binary junk is refused with a coded error.
"""
from __future__ import annotations

from extractor import errors

# Letters frequent in Russian text; the right 8-bit decoding has far more of them.
_FREQUENT = set("оеаинтсрвлкмдпуяыОЕАИНТСРВЛКМДПУЯЫ ")
_EIGHT_BIT = ("cp1251", "koi8_r", "cp866", "iso8859_5")
# C0 controls that never occur in text (tab, LF, FF, CR and ESC-free text is the norm).
_CONTROLS = set(range(0, 32)) - {9, 10, 12, 13}


def score(text: str) -> float:
    """Share of frequent Russian letters and spaces in the first 4000 characters."""
    head = text[:4000]
    return sum(ch in _FREQUENT for ch in head) / max(1, len(head))


def _controls(data: bytes) -> float:
    head = data[:8192]
    return sum(b in _CONTROLS for b in head) / max(1, len(head))


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: every other byte is 0x00 (Latin) or 0x04 (Cyrillic)."""
    head = data[:4096]
    if len(head) < 8:
        return None
    for enc, highs in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        share = sum(b in (0, 4) for b in highs) / max(1, len(highs))
        if share > 0.9:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes) -> str:
    """Text of a plain-text document, whatever its encoding."""
    if not data.strip():
        raise errors.empty_document()
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise errors.unreadable_encoding() from None
    elif (wide := _utf16_without_bom(data)) is not None:
        text = wide
    elif b"\x00" in data[:4096] or _controls(data) > 0.01:
        raise errors.not_text()
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            candidates = [data.decode(enc, errors="replace") for enc in _EIGHT_BIT]
            text = max(candidates, key=score)
            if score(text) < 0.3:
                raise errors.unreadable_encoding() from None
    if not text.strip():
        raise errors.empty_document()
    if _controls(text.encode("utf-8", errors="replace")) > 0.01:
        raise errors.not_text()
    return text
