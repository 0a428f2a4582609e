"""What a file is, by its first bytes (never by its name)."""
from __future__ import annotations

import io
import re
import zipfile

PDF, DOCX, TXT, DOC, RTF, ZIP, ODT = "pdf", "docx", "txt", "doc", "rtf", "zip", "odt"
PNG, JPEG, TIFF = "png", "jpeg", "tiff"
HTML, EML = "html", "eml"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes) -> str:
    """One of pdf, docx, doc, rtf, odt, zip (an archive that is no DOCX), png, jpeg, tiff, html, eml
    (an e-mail message, RFC 822) or txt.

    A PDF may have a few junk bytes before `%PDF` (the spec allows 1024); a zip is a DOCX when it
    lists word/document.xml. A damaged zip that still starts with `PK` counts as a DOCX, so the
    DOCX reader reports it as damaged rather than the text reader as binary.
    """
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if data.startswith(_OLE):
        return DOC
    if data.lstrip()[:5] == b"{\\rtf":
        return RTF
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
            return DOCX
        if "word/document.xml" in names:
            return DOCX
        if "content.xml" in names and b"opendocument.text" in data[:200]:
            return ODT
        if any(n.startswith("word/") for n in names) or "[Content_Types].xml" in names:
            return DOCX
        return ZIP
    from extractor.readers.html import looks_like_html

    if looks_like_email(data):
        return EML
    if looks_like_html(data):
        return HTML
    return TXT


# an e-mail message is told by its header fields
_STRONG = {"from", "received", "mime-version", "message-id", "return-path", "delivered-to"}
_COMMON = _STRONG | {"to", "cc", "subject", "date", "content-type", "reply-to", "sender", "x-mailer",
                     "user-agent", "content-transfer-encoding", "thread-topic", "importance"}
_FIELD = re.compile(rb"([!-9;-~]+)[ \t]*:")


def looks_like_email(data: bytes) -> bool:
    """True when the bytes begin with a message's header: fields up to a blank line (an mbox "From "
    line first is allowed), at least two usual ones, one of them From, Received, MIME-Version,
    Message-ID, Return-Path or Delivered-To."""
    lines = data[:65536].splitlines()
    if lines and lines[0].startswith(b"From "):
        lines = lines[1:]
    names: list[str] = []
    for line in lines:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t") and names:
            continue                          # a folded continuation of the field above
        field = _FIELD.match(line)
        if not field:
            return False
        names.append(field.group(1).decode("ascii").lower())
    known = [n for n in names if n in _COMMON]
    return len(known) >= 2 and any(n in _STRONG for n in names)
