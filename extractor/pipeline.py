"""The pipeline: one `Doc` flows through explicit steps, components built once and injected.

    pipeline = Pipeline()                 # loads natasha once (~1 s)
    protocol = pipeline("...text...")     # segment -> tag_persons -> tag_ner -> extract
    for result in pipeline.batch(docs):   # the primitive the CLI, the API and bulk share
        ...
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from models import Protocol, Source, Value, Warning_

from extractor.errors import ProtokolError
from extractor.readers import Limits, read_document               # 1. bytes -> text
from extractor.readers.mail import Part, split_email
from extractor.readers.sniff import EML, sniff
from extractor.text import Grounder, Layout, clean                # 2. layout cleaning
from extractor.structure import Structure, parse                  # 3. structure
from extractor.language.ner import Entity, NerTagger              # 4. NER (natasha) ...
from extractor.persons import PersonMention, find_person_mentions  # ... and person mentions
from extractor.linking import Linker                              # 5. linking -> Protocol


@dataclass
class Doc:
    """A document on its way through the pipeline."""

    text: str
    name: str | None = None
    format: str = "txt"
    pages: list[int] | None = None       # original offsets where pages 2, 3, ... start
    layout: Layout | None = None
    structure: Structure | None = None
    entities: list[Entity] = field(default_factory=list)
    mentions: list[PersonMention] = field(default_factory=list)
    protocol: Protocol | None = None
    reader_warnings: list[str] = field(default_factory=list)
    ocr_words: list[tuple] | None = None  # OCR words (start, end, page, x0, y0, x1, y1, confidence)
    boxes: list[tuple] | None = None      # PDF text lines (start, end, page, x0, y0, x1, y1)

    @classmethod
    def from_bytes(cls, data: bytes, name: str | None = None, limits: Limits | None = None) -> "Doc":
        """Read a PDF, DOCX or text file (format told by content) into a Doc."""
        document = read_document(data, name, limits)
        return cls(document.text, name, document.format, document.pages, reader_warnings=document.warnings,
                   ocr_words=document.ocr_words, boxes=document.boxes)

    def segment(self) -> "Doc":
        """Clean the layout and find the protocol structure."""
        self.layout = clean(self.text)
        self.structure = parse(self.layout.text, self.layout.paragraphs())
        return self

    def tag_ner(self, tagger: NerTagger | None) -> "Doc":
        """Named entities (natasha) over the cleaned text."""
        if tagger is not None:
            self.entities = tagger(self.layout.text)
        return self

    def tag_persons(self) -> "Doc":
        """Person mentions, NER persons as a second opinion."""
        per = [(e.start, e.end) for e in self.entities if e.type == "PER"]
        self.mentions = find_person_mentions(self.layout.text, per)
        return self

    def extract(self) -> "Doc":
        """Link everything into the Protocol model."""
        g = Grounder(self.layout, self.pages, self.ocr_words, self.boxes)
        protocol = Linker(self.layout, self.structure, self.mentions, g).protocol()
        protocol.source = Source(name=self.name, format=self.format, chars=len(self.text))
        protocol.warnings[:0] = [Warning_(code="W_READER", message=w) for w in self.reader_warnings]
        for e in self.entities:
            target = {"ORG": protocol.organizations, "LOC": protocol.locations}.get(e.type)
            if target is not None:
                target.append(Value(norm=None, **g.span(e.start, e.end)))
        self.protocol = protocol
        return self


@dataclass
class Result:
    """One document of a batch: a protocol or a coded error, never both; or, for a part of an
    e-mail that is no protocol (its body without decisions, a signature), the reason it was skipped."""

    name: str | None
    protocol: Protocol | None = None
    error: ProtokolError | None = None
    skipped: str | None = None


class Pipeline:
    """Builds the components once; call it on text, or `batch` on many documents."""

    def __init__(self, ner: bool = True) -> None:
        self.tagger = NerTagger() if ner else None

    def process(self, doc: Doc) -> Doc:
        """Run every step on one Doc; a person-name helper that failed on the way (logged and
        counted by nominative) is told in the protocol's warnings too."""
        from extractor.language.nominative import HELPER_FAILURES

        before = sum(HELPER_FAILURES.values())
        doc.segment().tag_ner(self.tagger).tag_persons().extract()
        if (failed := sum(HELPER_FAILURES.values()) - before) and doc.protocol is not None:
            doc.protocol.warnings.append(Warning_(code="W_NAME_HELPER", message=f"{failed} person mention(s) "
                                                  "normalized by the fallback rules: a name helper failed"))
        return doc

    def __call__(self, text: str, name: str | None = None) -> Protocol:
        """The Protocol of one text."""
        return self.process(Doc(text, name)).protocol

    def batch(self, items: Iterable[Doc | tuple[str | None, bytes]],
              limits: Limits | None = None) -> Iterator[Result]:
        """Process many documents, given as Docs or as (name, file bytes); one failure (unreadable
        file or a bug) never stops the rest. The CLI, the API and the bulk runner all come here.
        An e-mail gives one Result per part (`read_message`), named `message.eml#part`."""
        for item in items:
            name = item.name if isinstance(item, Doc) else item[0]
            if not isinstance(item, Doc) and sniff(item[1]) == EML:
                yield from read_message(self, name, item[1], limits)
                continue
            try:
                doc = item if isinstance(item, Doc) else Doc.from_bytes(item[1], item[0], limits)
                yield Result(name, self.process(doc).protocol)
            except ProtokolError as exc:
                yield Result(name, error=exc)
            except Exception as exc:  # a bug on one document must not lose the batch
                yield Result(name, error=ProtokolError("E099", f"internal error: {type(exc).__name__}: {exc}"))


# --- inputs that hold several documents ------------------------------------------------------
# An e-mail message: each attachment that is a document is read like a file of its own; a part that
# fails is a coded error for that part alone; the body is a document only when it holds a protocol
# (decisions found), otherwise it is skipped with the reason, as are parts that are not documents.

NO_PROTOCOL = "the text of the message holds no protocol (no decisions found)"


def holds_protocol(data: bytes, limits: Limits | None = None) -> bool:
    """Whether a message body has decision items, by the structure step alone (no NER): what
    `protokol bulk` asks before it lists a body as a document."""
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
