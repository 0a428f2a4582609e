"""Coded errors: every failure a user can see has a code and a message a clerk can act on."""
from __future__ import annotations


class ProtokolError(Exception):
    """An error with a stable code (E0xx)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


def empty_document() -> ProtokolError:
    return ProtokolError("E001", "the document is empty: there is no text to read")


def not_text() -> ProtokolError:
    return ProtokolError("E002", "the file is not text (binary data); send PDF, DOCX or TXT")


def unreadable_encoding() -> ProtokolError:
    return ProtokolError("E003", "the text encoding could not be recognised; save the file as UTF-8")


def file_not_found(path: str) -> ProtokolError:
    return ProtokolError("E004", f"no such file: {path}")
