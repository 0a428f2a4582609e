"""Documents on disk: `read_path` (size checked before reading) and `read_file` (its text).

`decode` decodes a plain-text document (UTF-8 with or without BOM, UTF-16, cp1251, koi8-r, ...);
`read_file` reads any supported document from disk and returns its text.
"""
from __future__ import annotations

from pathlib import Path

from extractor import errors
from extractor.readers import Document, Limits, read_document
from extractor.readers.text import decode

__all__ = ["decode", "read_file", "read_path", "Document", "Limits", "read_document"]


def read_path(path: str | Path, limits: Limits | None = None) -> Document:
    """The Document of a file on disk (PDF, DOCX or text, told by content)."""
    p = Path(path)
    if not p.is_file():
        raise errors.file_not_found(str(path))
    limits = limits or Limits()
    if p.stat().st_size > limits.max_bytes:
        raise errors.too_large(p.stat().st_size, limits.max_bytes)
    return read_document(p.read_bytes(), p.name, limits)


def read_file(path: str | Path) -> str:
    """Decoded text of a file on disk (any supported format)."""
    return read_path(path).text
