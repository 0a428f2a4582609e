"""The protocol's skeleton as the structure step finds it: questions, decision items, header spans.

Spans are in the cleaned text (`layout.Layout.text`); linking maps them back to the source.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extractor.structure.lines import Line

Span = tuple[int, int]


@dataclass(eq=False)  # identity: questions are found by `is`/`in`, never compared by value
class Question:
    id: str | None
    title: Span | None = None
    speaker_spans: list[Span] = field(default_factory=list)   # where to look for speakers


@dataclass(eq=False)
class Item:
    """A decision item; `path` is its numbering as printed ("2", "1" under "2" -> ["2", "1"])."""

    path: list[str]
    start: int
    end: int
    question: Question | None = None
    parent: "Item | None" = None
    children: list["Item"] = field(default_factory=list)
    deadline: Span | None = None           # a "Срок:" line's content or a table cell
    deadline_cell: bool = False
    responsible: list[Span] = field(default_factory=list)
    vote: Span | None = None
    table_text: Span | None = None          # the Поручение cell of a table row
    style: str = "dot"                       # list style of its marker: dot, num), let), bullet, none

    intro: bool = False                      # its text ends with ':' (it introduces what follows)
    id: str = ""                             # as the annotators write it, see decision_id

    @property
    def is_header(self) -> bool:
        """Only names addressees for its sub-items ("2. Инициаторам ...:"); an item with a content of
        its own ("7. Утверждение сметы." with 7.1, 7.2 under it) is a decision as well."""
        return bool(self.children) and self.intro


@dataclass
class Structure:
    header: list[Span] = field(default_factory=list)
    chair: Span | None = None
    secretary: Span | None = None
    attendees: list[Span] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    signatures: list[Span] = field(default_factory=list)
    role_index: dict[str, int] = field(default_factory=dict)   # n-th person of a shared value line
    roman: bool = False
    lines: list[Line] = field(default_factory=list)
    trace: list[str] = field(default_factory=list)    # which rule opened or ended a block (explain)
    warnings: list[tuple[str, str]] = field(default_factory=list)   # (code, message) for the Protocol


def question_by_id(struct: Structure, qid: str) -> Question:
    for q in struct.questions:
        if q.id == qid:
            return q
    q = Question(qid)
    struct.questions.append(q)
    return q
