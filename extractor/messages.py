"""Inputs that hold several documents (an e-mail message): each part becomes a `Result` of its own.

    for result in read_message(pipeline, "message.eml", data, limits):
        result.name      # "message.eml#protocol.pdf", "message.eml#body"
        result.protocol or result.error or result.skipped

`Pipeline.batch` sends every e-mail here, so `protokol extract`, the API and `protokol bulk` split it
the same way: each attachment that is a document is read like a file of its own; a part that fails
is a coded error for that part alone; the message's body is a document only when it holds a
protocol (decisions found), otherwise it is skipped with the reason, as are parts that are not
documents (a signature, a calendar entry).
"""
from __future__ import annotations

from typing import Iterator

from .errors import ProtokolError
from .readers import Limits, read_document
from .readers.mail import Part, split_email

NO_PROTOCOL = "the text of the message holds no protocol (no decisions found)"


def holds_protocol(data: bytes, limits: Limits | None = None) -> bool:
    """Whether a message body has decision items, by the structure step alone (no NER): what
    `protokol bulk` asks before it lists a body as a document."""
    from .layout import clean
    from .structure import parse

    try:
        text = read_document(data, None, limits).text
    except ProtokolError:
        return False
    layout = clean(text)
    return any(not item.is_header for item in parse(layout.text, layout.paragraphs()).items)


def message_parts(name: str | None, data: bytes, limits: Limits | None = None) -> list[Part]:
    """The parts of a message (see readers.mail.split_email); E023 as one part when it cannot be split."""
    try:
        return split_email(data, name, limits)
    except ProtokolError as exc:
        return [Part(name or "message.eml", error=exc)]
    except Exception as exc:   # a bug on one message must not lose the batch (as in Pipeline.batch)
        return [Part(name or "message.eml", error=ProtokolError("E099", f"internal error: {type(exc).__name__}: {exc}"))]


def read_message(pipeline, name: str | None, data: bytes, limits: Limits | None = None) -> Iterator:
    """One `pipeline.Result` per part of the message, in order (body first, then attachments)."""
    from .pipeline import Result

    for part in message_parts(name, data, limits):
        if part.error is not None:
            yield Result(part.name, error=part.error)
        elif part.skipped is not None:
            yield Result(part.name, skipped=part.skipped)
        elif part.body and not holds_protocol(part.data, limits):
            yield Result(part.name, skipped=NO_PROTOCOL)
        else:
            result = next(pipeline.batch([(part.name, part.data)], limits))
            if part.body and (result.error is not None or not result.protocol.decisions):
                yield Result(part.name, skipped=NO_PROTOCOL)
            else:
                yield result


def documents_answer(results: list, render) -> dict:
    """The answer for an input of several documents, the same from `protokol extract` and the API:
    `{"documents": [{"name", "protocol"} | {"name", "error": {"code", "message"}} | {"name", "skipped"}]}`,
    one entry per part in order; `render(name, protocol)` gives the protocol's JSON (model or corpus)."""
    out = []
    for r in results:
        if r.error is not None:
            out.append({"name": r.name, "error": r.error.as_dict()})
        elif r.skipped is not None:
            out.append({"name": r.name, "skipped": r.skipped})
        else:
            out.append({"name": r.name, "protocol": render(r.name, r.protocol)})
    return {"documents": out}


def documents_table(results: list, render) -> str:
    """The assignment tables of the parts, each under its name; errors and skips as one line each."""
    blocks = []
    for r in results:
        if r.error is not None:
            blocks.append(f"== {r.name}\n{r.error}")
        elif r.skipped is not None:
            blocks.append(f"== {r.name}\nskipped: {r.skipped}")
        else:
            blocks.append(f"== {r.name}\n{render(r.protocol)}")
    return "\n\n".join(blocks)
