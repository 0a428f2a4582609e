"""E-mail (RFC 822 / MIME, `.eml`): a message split into the documents it carries.

    for part in split_email(data, "message.eml"):
        part.name        # "message.eml#protocol.pdf", "message.eml#body"
        part.data        # the attachment's bytes (read like any file), or None
        part.error       # a coded error for this part alone (E023 damaged MIME, E024 damaged attachment)
        part.skipped     # why the part is not a document (a signature, a calendar entry, an archive)
        part.body        # the message's own text: a document only when it holds a protocol

Every attachment is a part, told by content like any file (PDF, DOCX, HTML, text, a scan); a message
attached to the message is split in turn (`message.eml#fwd.eml#protocol.pdf`, three levels deep at
most). The body is the HTML alternative when there is one (it keeps tables), else the plain text;
whether it holds a protocol is decided by the pipeline (`pipeline.read_message`), not here. Pictures
shown inside the HTML body (logos, signatures) are not attachments and are not read. Parsing is the
standard library's (`email`, policy.default), which never gives up on a damaged message: what it
reports as a defect becomes the coded error of the part it concerns, and the other parts are read.
"""
from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from email import errors as email_errors
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from extractor import errors
from extractor.errors import ProtokolError
from extractor.readers.limits import Budget, Limits

MAX_DEPTH = 3
# parts that are never documents, whatever their bytes look like
_NOT_DOCUMENTS = {
    "application/pkcs7-signature": "a digital signature", "application/x-pkcs7-signature": "a digital signature",
    "application/pgp-signature": "a digital signature", "application/pgp-keys": "a key",
    "text/calendar": "a calendar entry", "text/vcard": "a contact card", "text/x-vcard": "a contact card",
    "message/delivery-status": "a delivery report", "message/disposition-notification": "a read receipt",
}
_FATAL = (email_errors.NoBoundaryInMultipartDefect, email_errors.StartBoundaryNotFoundDefect)
_DAMAGED = (email_errors.InvalidBase64CharactersDefect, email_errors.InvalidBase64LengthDefect)
# the header fields a message starts with; one of the first set says it really is a message


@dataclass
class Part:
    """One part of a message: a document to read, a coded error, or a skip with its reason."""

    name: str
    data: bytes | None = None
    error: ProtokolError | None = None
    skipped: str | None = None
    body: bool = False


class _Splitter:
    def __init__(self, limits: Limits, budget: Budget) -> None:
        self.limits, self.budget = limits, budget
        self.parts: list[Part] = []

    def message(self, msg: EmailMessage, name: str, depth: int) -> None:
        """The body and the attachments of `msg`, named under `name`."""
        self.budget.check()
        fatal = [d for d in msg.defects if isinstance(d, _FATAL)]
        if fatal:
            self.parts.append(Part(name, error=errors.broken_email(_describe(fatal))))
            return
        body = msg.get_body(preferencelist=("html", "plain"))
        if body is not None:
            self.parts.append(self._body(body, f"{name}#body"))
        elif not msg.is_multipart():          # a message that is one attached file and nothing else
            self.attachment(msg, f"{name}#{_filename(msg, 1)}", depth)
            return
        taken: set[str] = set()
        for k, att in enumerate(_attachments(msg), 1):
            if len(self.parts) >= self.limits.max_members:
                raise errors.broken_email(f"more than {self.limits.max_members} parts")
            label = _unique(_filename(att, k), taken)
            self.attachment(att, f"{name}#{label}", depth)

    def attachment(self, att: EmailMessage, name: str, depth: int) -> None:
        ctype = att.get_content_type()
        if ctype in _NOT_DOCUMENTS:
            self.parts.append(Part(name, skipped=f"not a document: {_NOT_DOCUMENTS[ctype]} ({ctype})"))
            return
        if ctype == "message/rfc822" and isinstance(att.get_payload(), list):
            self._nested(att.get_payload()[0], name, depth)
            return
        if att.get_content_maintype() == "multipart":
            fatal = [d for d in att.defects if isinstance(d, _FATAL)]
            self.parts.append(Part(name, error=errors.broken_email(_describe(fatal) if fatal else
                                                                   f"an unexpected {ctype} part")))
            return
        data = att.get_payload(decode=True)
        damaged = [d for d in att.defects if isinstance(d, _DAMAGED)]
        if damaged:
            self.parts.append(Part(name, error=errors.broken_attachment(name.rsplit("#", 1)[-1], _describe(damaged))))
            return
        if not data or not data.strip():
            self.parts.append(Part(name, skipped="an empty attachment"))
            return
        if att.get_content_maintype() == "image" and att.get("Content-ID") and not att.is_attachment():
            self.parts.append(Part(name, skipped=f"a picture shown inside the message ({ctype})"))
            return
        from extractor.readers.sniff import EML, ZIP, sniff

        kind = sniff(data)
        if kind == EML:
            self._nested(BytesParser(policy=policy.default).parsebytes(data), name, depth)
        elif kind == ZIP:
            self.parts.append(Part(name, skipped="an archive: unpack it and send the documents in it"))
        else:
            self.parts.append(Part(name, data=_text_as_utf8(att, data)))

    def _nested(self, inner: EmailMessage, name: str, depth: int) -> None:
        if depth + 1 >= MAX_DEPTH:
            self.parts.append(Part(name, skipped=f"a message nested more than {MAX_DEPTH} levels deep"))
        else:
            self.message(inner, name, depth + 1)

    @staticmethod
    def _body(body: EmailMessage, name: str) -> Part:
        try:
            text = body.get_content()
        except (LookupError, UnicodeError, ValueError):   # an unknown or wrong charset
            raw = body.get_payload(decode=True) or b""
            return Part(name, data=raw, body=True) if raw.strip() else Part(name, skipped="the text is empty", body=True)
        if not text.strip():
            return Part(name, skipped="the text of the message is empty", body=True)
        # the BOM: the text is already decoded by the part's charset, whatever a <meta> in it says
        return Part(name, data=b"\xef\xbb\xbf" + text.encode("utf-8", errors="replace"), body=True)


def _attachments(msg: EmailMessage):
    """The parts of `msg` that are not its body, looking into nested multipart containers (a message
    forwarded inline) but not into the body's own pictures (multipart/related)."""
    for att in msg.iter_attachments():
        if att.get_content_maintype() == "multipart" and not [d for d in att.defects if isinstance(d, _FATAL)]:
            yield from _attachments(att)
        else:
            yield att


def _text_as_utf8(att: EmailMessage, data: bytes) -> bytes:
    """A text attachment decoded by its declared charset (then UTF-8 with a BOM); other bytes as sent."""
    if att.get_content_maintype() != "text" or not att.get_param("charset"):
        return data
    try:
        return b"\xef\xbb\xbf" + data.decode(str(att.get_param("charset"))).encode("utf-8")
    except (LookupError, UnicodeError):
        return data   # the reader guesses the encoding itself


def _filename(att: EmailMessage, k: int) -> str:
    try:
        name = att.get_filename()
    except (ValueError, LookupError, UnicodeError):
        name = None
    name = (name or "").replace("/", "_").replace("\\", "_").replace("#", "_").strip()
    if name:
        return name
    ext = mimetypes.guess_extension(att.get_content_type()) or ".bin"
    return f"part-{k}{'.eml' if att.get_content_type() == 'message/rfc822' else ext}"


def _unique(name: str, taken: set[str]) -> str:
    out, n = name, 1
    while out in taken:
        n += 1
        out = f"{name} ({n})"
    taken.add(out)
    return out


def _describe(defects: list) -> str:
    return ", ".join(sorted({type(d).__name__.replace("Defect", "") for d in defects}))


def split_email(data: bytes, name: str | None = None, limits: Limits | None = None) -> list[Part]:
    """The parts of an e-mail message, in order: its body, then each attachment.
    Raises E023 when the message cannot be split at all (E015 when it is over the size limit)."""
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise errors.too_large(len(data), limits.max_bytes)
    try:
        msg = BytesParser(policy=policy.default).parsebytes(data)
    except Exception as exc:   # the parser is lenient; this is a last resort, never a crash
        raise errors.broken_email(f"{type(exc).__name__}: {exc}"[:200]) from None
    splitter = _Splitter(limits, Budget(limits))
    splitter.message(msg, name or "message.eml", 0)
    if len(splitter.parts) == 1 and splitter.parts[0].error is not None and splitter.parts[0].name == (name or "message.eml"):
        raise splitter.parts[0].error   # the message itself is damaged: one error for the whole file
    return splitter.parts
