"""From bytes to text: plain-text documents in any common Russian encoding.

PDF and DOCX readers come with their own issue; here a text file is decoded (UTF-8 with or without
BOM, UTF-16 with BOM, cp1251, koi8-r) and binary junk is refused with a coded error.
"""
from __future__ import annotations

from pathlib import Path

from . import errors

# Letters frequent in Russian text; the right 8-bit decoding has far more of them.
_FREQUENT = set("оеаинтсрвлкмдпуяыОЕАИНТСРВЛКМДПУЯЫ ")


def _score(text: str) -> float:
    return sum(ch in _FREQUENT for ch in text[:4000]) / max(1, len(text[:4000]))


def decode(data: bytes) -> str:
    """Text of a plain-text document, whatever its encoding."""
    if not data.strip():
        raise errors.empty_document()
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise errors.not_text()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = [data.decode(enc, errors="replace") for enc in ("cp1251", "koi8_r")]
    best = max(candidates, key=_score)
    if _score(best) < 0.3:
        raise errors.unreadable_encoding()
    return best


def read_file(path: str | Path) -> str:
    """Decoded text of a file on disk."""
    p = Path(path)
    if not p.is_file():
        raise errors.file_not_found(str(path))
    return decode(p.read_bytes())
