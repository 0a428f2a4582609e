"""E-mail messages in a bulk run: each `.eml` of the input is listed as its parts.

    sources = expand_messages(enumerate_input("mail/"), limits)
    # "mail/a.eml#protocol.pdf", "mail/a.eml#scan.pdf", "mail/b.eml#body", ...

Every attachment that is a document becomes a source of its own (named as `protokol extract` names
it), so it is extracted, deduplicated and resumed like any file; a part that cannot be decoded
(E024), or a message that cannot be split at all (E023), is a source whose reading raises that
error, so it is one line of errors.jsonl. The body is listed only when it holds a protocol
(decision items found by the structure step, as `Pipeline.batch` decides it); parts that are no
documents (a body without a protocol, a signature, a calendar entry) are not listed. The message is
read once here to list its parts, then once again for each part when that part is extracted, so
no part is held in memory meanwhile.
"""
from __future__ import annotations

from extractor.errors import ProtokolError
from extractor.pipeline import holds_protocol, message_parts
from extractor.readers import Limits
from extractor.readers.sniff import EML, sniff
from extractor.bulk.sources import Source


def _part_reader(source: Source, index: int, limits: Limits | None):
    def read() -> bytes:
        part = message_parts(source.name, source.read(), limits)[index]
        if part.error is not None:
            raise part.error
        return part.data
    return read


def expand_messages(sources: list[Source], limits: Limits | None = None) -> list[Source]:
    """The sources with every e-mail (`.eml`, told by content) replaced by its document parts."""
    out: list[Source] = []
    for source in sources:
        if not source.name.lower().endswith(".eml"):
            out.append(source)
            continue
        try:
            data = source.read()
        except ProtokolError:
            out.append(source)          # the read error is recorded for the message itself
            continue
        if sniff(data) != EML:
            out.append(source)
            continue
        for k, part in enumerate(message_parts(source.name, data, limits)):
            if part.skipped is not None or (part.body and not holds_protocol(part.data, limits)):
                continue
            out.append(Source(part.name, _part_reader(source, k, limits)))
    return out
