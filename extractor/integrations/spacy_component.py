"""protokol as a spaCy pipeline component (`pip install 'protokol[spacy]'`).

    import spacy
    nlp = spacy.blank("ru")
    nlp.add_pipe("protokol")            # found through the `spacy_factories` entry point, no import
    doc = nlp(text)
    doc.spans["decisions"], doc.spans["addressees"], doc.ents, doc._.protocol

The component runs our own pipeline on `doc.text` and writes what it found as spaCy objects:

- `doc.spans[key]` for `decisions` (label: the kind), `addressees` (label: the role), `deadlines`
  (label: the deadline kind), `emails`, `urls`, `references`, `persons` and `header` (label: the
  field). Spans are widened to spaCy's token edges (`alignment_mode="expand"`).
- `span._.norm`: the normalized value (the nominative, the ISO date, the repaired address, the
  decision's id); `span._.decision`: the id of the decision a value belongs to; `span._.value`:
  the whole extracted value as JSON-ready data (what `models/` defines for it). spaCy keys span
  attributes by character offsets only, and one stretch of text can be several values (an
  addressee inherited by three sub-items, a person who is also an addressee), so each span gets
  its own `span.id_` ("addressees/4") and the attributes are read through it from
  `doc._.protokol_values`.
- `doc.ents`: persons (PER), organizations (ORG) and locations (LOC), without overlaps; entities a
  component before ours has set are kept and ours only fill the gaps.
- `doc._.protocol`: the `models.Protocol`, rebuilt from JSON-ready data kept in `doc._.protokol_json`,
  because a Doc carries only plain data across `nlp.pipe(..., n_process=N)`.

spaCy is imported by this module only; `import extractor` and the plain pipeline never load it.
"""
from __future__ import annotations

from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from models import Protocol

from extractor.integrations.labelstudio.values import deadline_line, reference_line

SPAN_KEYS = ("decisions", "addressees", "deadlines", "emails", "urls", "references", "persons", "header")
HEADER_FIELDS = ("body", "title", "number", "date", "place", "chair", "secretary")

# Each worker process (nlp.pipe with n_process, a forked or spawned child) builds its own pipeline
# once, on its first document; components with the same settings share it.
_PIPELINES: dict[bool, object] = {}


def _pipeline(ner: bool):
    if ner not in _PIPELINES:
        from extractor.pipeline import Pipeline

        _PIPELINES[ner] = Pipeline(ner=ner)
    return _PIPELINES[ner]


def _protocol_getter(doc: Doc) -> Protocol | None:
    data = doc._.protokol_json
    return Protocol.model_validate(data) if data is not None else None


def _norm(span: Span) -> str | None:
    return _span_values(span).get("norm")


def _decision(span: Span) -> str | None:
    return _span_values(span).get("decision")


def _value(span: Span) -> dict | None:
    return _span_values(span).get("value")


def _span_values(span: Span) -> dict:
    return (span.doc._.protokol_values or {}).get(span.id_, {})


# module-level getters: spaCy hands the extensions to `nlp.pipe` worker processes, pickled when the
# processes are spawned rather than forked
SPAN_GETTERS = {"norm": _norm, "decision": _decision, "value": _value}


def register_extensions() -> None:
    """The `._.` attributes the component fills (idempotent); a clear error when another package
    has taken one of the span attribute names."""
    if not Doc.has_extension("protokol_json"):
        Doc.set_extension("protokol_json", default=None)
    if not Doc.has_extension("protocol"):
        Doc.set_extension("protocol", getter=_protocol_getter)
    if not Doc.has_extension("protokol_values"):
        Doc.set_extension("protokol_values", default=None)
    for name, getter in SPAN_GETTERS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)
        elif getattr(Span.get_extension(name)[2], "__qualname__", None) != getter.__qualname__:
            raise ValueError(f"Span._.{name} is already registered by another package; protokol's "
                             f"component needs it (Span.remove_extension({name!r}) before add_pipe)")


def deadline_norm(d) -> str:
    """A deadline as one line (`labelstudio.values`: `2023-11-24`, `2023-11-13T12:00 Europe/Moscow`,
    `2023-10-01/2023-12-31`, `10 working_day = 2023-11-20`, `quarterly`), or its kind when open-ended."""
    return deadline_line(d) or d.kind


def reference_norm(r) -> str:
    """«№ 14/25-ТО от 2025-01-10», either part left out when the document does not give it."""
    return reference_line(r) or r.text


class ProtokolComponent:
    """The pipeline component; picklable (the protokol pipeline is built lazily in each process)."""

    def __init__(self, name: str = "protokol", ner: bool = True) -> None:
        self.name = name
        self.ner = ner
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        protocol = _pipeline(self.ner)(doc.text)
        fill_doc(doc, protocol)
        return doc

    def pipe(self, docs, batch_size: int = 32):
        for doc in docs:
            yield self(doc)


def _span(doc: Doc, values: dict, span_id: str, value, label: str, norm: str | None,
          decision: str | None = None) -> Span | None:
    """The token-aligned span of a grounded value, its attributes recorded in `values` (None when
    the value covers no token)."""
    span = doc.char_span(value.start, value.end, label=label, alignment_mode="expand", span_id=span_id)
    if span is None:
        return None
    values[span_id] = {"norm": norm, "decision": decision,
                       "value": value.model_dump(mode="json", exclude_none=True)}
    return span


def fill_doc(doc: Doc, protocol: Protocol) -> None:
    """Write `protocol` (offsets into doc.text) onto `doc`: spans, entities, `doc._.protocol`."""
    groups: dict[str, list[Span]] = {key: [] for key in SPAN_KEYS}
    values: dict[str, dict] = {}

    def add(key: str, value, label: str, norm: str | None, decision: str | None = None) -> None:
        span = _span(doc, values, f"{key}/{len(groups[key])}", value, label, norm, decision)
        if span is not None:
            groups[key].append(span)

    for d in protocol.decisions:
        add("decisions", d, d.kind, d.id, d.id)
        for a in d.addressees:
            add("addressees", a, a.role, a.norm, d.id)
        if d.deadline is not None:
            add("deadlines", d.deadline, d.deadline.kind, deadline_norm(d.deadline), d.id)
        for e in d.emails:
            add("emails", e, "EMAIL", e.norm, d.id)
        for u in d.urls:
            add("urls", u, "URL", u.norm, d.id)
        for r in d.references:
            add("references", r, r.doc_type or "REF", reference_norm(r), d.id)
    for p in protocol.persons:
        for m in p.mentions:
            add("persons", m, "PER", p.norm)
    for name in HEADER_FIELDS:
        value = getattr(protocol.header, name)
        if value is not None:
            add("header", value, name, value.norm)
    for key, spans in groups.items():
        doc.spans[key] = spans
    _set_entities(doc, protocol)
    doc._.protokol_values = values
    doc._.protokol_json = protocol.model_dump(mode="json", exclude_none=True)


def _set_entities(doc: Doc, protocol: Protocol) -> None:
    """PER/ORG/LOC into doc.ents: ours without overlaps (longest first), around any set before."""
    ours = [doc.char_span(m.start, m.end, label="PER", alignment_mode="expand")
            for p in protocol.persons for m in p.mentions]
    ours += [doc.char_span(v.start, v.end, label=label, alignment_mode="expand")
             for label, values in (("ORG", protocol.organizations), ("LOC", protocol.locations)) for v in values]
    taken = set()
    for e in doc.ents:
        taken.update(range(e.start, e.end))
    free = [s for s in filter_spans([s for s in ours if s is not None])
            if not taken.intersection(range(s.start, s.end))]
    doc.ents = sorted(list(doc.ents) + free, key=lambda s: s.start)


@Language.factory("protokol", default_config={"ner": True},
                  assigns=["doc.spans", "doc.ents", "doc._.protocol", "doc._.protokol_json"])
def make_protokol(nlp: Language, name: str, ner: bool) -> Callable[[Doc], Doc]:
    """The `protokol` factory. `ner=False` skips natasha: about 4x faster, no ORG/LOC entities."""
    return ProtokolComponent(name, ner)
