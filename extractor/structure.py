"""Protocol structure: header zone, chair, secretary, attendees, agenda questions, decision items.

Works on classified paragraphs (`lines.classify`) with a small state machine. Output spans are in
the cleaned text; linking (addressees, deadlines, persons) happens later, in `link`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import Line, classify

Span = tuple[int, int]


@dataclass
class Question:
    id: str | None
    title: Span | None = None
    speaker_spans: list[Span] = field(default_factory=list)   # where to look for speakers


@dataclass
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

    @property
    def is_header(self) -> bool:
        """Only names addressees for its sub-items ("2. Инициаторам ...:")."""
        return bool(self.children)


@dataclass
class Structure:
    header: list[Span] = field(default_factory=list)
    chair: Span | None = None
    secretary: Span | None = None
    attendees: list[Span] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    roman: bool = False
    lines: list[Line] = field(default_factory=list)


_TABLE_HEAD = re.compile(r"^(?:№(?:\s*п/п)?|п/п|поручени[ея]|содержание\s+поручения|мероприяти[ея]|"
                         r"ответственн\w*(?:\s+исполнител\w*)?|исполнител\w*|срок\w*(?:\s+исполнения)?)$", re.I)
_ROW_NUM = re.compile(r"^(\d{1,3})\.?$")


def _question_by_id(struct: Structure, qid: str) -> Question:
    for q in struct.questions:
        if q.id == qid:
            return q
    q = Question(qid)
    struct.questions.append(q)
    return q


def _attach(items: list[Item], path: list[str], start: int, end: int, q: Question | None, style: str,
            last_style: list[str]) -> Item:
    """Place a new item in the tree: dotted paths are explicit; а) and 1) nest under an item ending ':'."""
    parent = None
    if len(path) > 1:
        parent = next((i for i in reversed(items) if i.path == path[:-1] and i.question is q), None)
    elif items and style != "dot" and items[-1].question is q:
        prev = items[-1]
        anchor = prev if last_style[0] != style else prev.parent
        if anchor is not None and (anchor.children or anchor is prev):
            parent = anchor
        if parent is not None:
            path = parent.path + path
    item = Item(path, start, end, q, parent)
    if parent is not None:
        parent.children.append(item)
    items.append(item)
    last_style[0] = style
    return item


def parse(text: str, paragraphs: list[Span]) -> Structure:
    """Find the structure of a cleaned protocol."""
    lines = [classify(text, s, e) for s, e in paragraphs]
    st = Structure(lines=lines)
    mode = "header"          # header | attendees | agenda | question | decisions | table | after
    q: Question | None = None
    item: Item | None = None
    last_style = [""]
    i = 0
    while i < len(lines):
        ln = lines[i]
        k = ln.kind
        para = text[ln.start:ln.end]
        if k == "text" and _TABLE_HEAD.match(para.strip()) and mode in ("decisions", "header", "question", "agenda"):
            i = _parse_table(text, lines, i, st, q)
            mode, item = "after", None
            continue
        if k == "chair" and st.chair is None and mode in ("header", "attendees"):
            st.chair = (ln.content_start, ln.end)
            mode = "header"
        elif k == "secretary" and st.secretary is None and mode in ("header", "attendees"):
            st.secretary = (ln.content_start, ln.end)
            mode = "header"
        elif k == "attendees" and mode in ("header", "attendees"):
            mode = "attendees"
            if ln.content_start < ln.end:
                st.attendees.append((ln.content_start, ln.end))
        elif k == "agenda":
            mode = "agenda"
            if ln.content_start < ln.end:
                st.questions.append(Question(None, (ln.content_start, ln.end)))
        elif k == "question":
            st.roman = True
            q = _question_by_id(st, ln.marker)
            if q.title is None:
                q.title = (ln.content_start, ln.end)
            mode, item = ("agenda" if mode == "agenda" else "question"), None
        elif k == "item" and mode == "agenda":
            q = _question_by_id(st, ln.marker)
            q.title = (ln.content_start, ln.end)
        elif k == "speaker" and mode in ("agenda", "question"):
            if q is not None:
                q.speaker_spans.append((ln.content_start, ln.end))
        elif k in ("heard", "question_ref"):
            if ln.marker:
                q = _question_by_id(st, ln.marker)
            elif k == "heard" and (q is None or mode in ("decisions", "after")):
                q = _question_by_id(st, str(len(st.questions) + 1)) if not st.roman else q
            mode, item = "question", None
            if k == "heard" and q is not None:
                q.speaker_spans.append((ln.content_start, ln.end))
                _take_following(lines, i, q, text)
        elif k == "spoke":
            mode = "question"
            if q is not None:
                q.speaker_spans.append((ln.content_start, ln.end))
                _take_following(lines, i, q, text)
        elif k in ("decided", "decided_intro"):
            if ln.marker:
                q = _question_by_id(st, ln.marker)
            mode, item = "decisions", None
            last_style[0] = ""
            if ln.content_start < ln.end:  # "РЕШИЛИ: Принять информацию к сведению."
                inline = classify(text, ln.content_start, ln.end)
                if inline.kind == "item":
                    style = "dot" if "." in para[inline.content_start - ln.start - 2:inline.content_start - ln.start] else "paren"
                    item = _attach(st.items, inline.marker.split("."), inline.content_start, ln.end, q, style, last_style)
                else:
                    item = _attach(st.items, [], ln.content_start, ln.end, q, "none", last_style)
        elif k == "signature" and mode in ("decisions", "question"):
            mode, item = "after", None
        elif mode == "decisions":
            item = _decision_line(text, ln, st, q, item, last_style)
        elif mode == "attendees" and k == "text":
            st.attendees.append((ln.start, ln.end))
        elif mode == "header" and k == "text" and not st.questions:
            st.header.append((ln.start, ln.end))
        elif mode == "agenda" and k == "text" and q is not None and not st.roman:
            q.speaker_spans.append((ln.start, ln.end))
        elif mode == "question" and k in ("preamble", "text") and q is not None and not st.roman:
            pass
        i += 1
    return st


def _take_following(lines: list[Line], i: int, q: Question, text: str) -> None:
    """Speakers listed on the paragraphs after a bare "СЛУШАЛИ:"/"ВЫСТУПИЛИ:" until the next label."""
    if lines[i].content_start < lines[i].end:
        return
    for ln in lines[i + 1:]:
        if ln.kind != "text":
            break
        q.speaker_spans.append((ln.start, ln.end))


def _decision_line(text: str, ln: Line, st: Structure, q: Question | None, item: Item | None,
                   last_style: list[str]) -> Item | None:
    """One paragraph inside a decision block."""
    k = ln.kind
    if k == "item":
        para = text[ln.start:ln.content_start]
        style = "paren" if ")" in para else "dot"
        return _attach(st.items, ln.marker.split("."), ln.content_start, ln.end, q, style, last_style)
    if k == "vote":
        for it in st.items:
            if it.question is q and it.vote is None:
                it.vote = (ln.start, ln.end)
        return item
    if item is None:
        if k in ("text", "preamble"):
            return _attach(st.items, [], ln.start, ln.end, q, "none", last_style)
        return None
    if k == "deadline":
        item.deadline = (ln.content_start, ln.end)
    elif k == "responsible":
        item.responsible.append((ln.content_start, ln.end))
    elif k not in ("text", "speaker"):
        return item
    item.end = ln.end
    return item


def _parse_table(text: str, lines: list[Line], i: int, st: Structure, q: Question | None) -> int:
    """An assignment table flattened one cell a line: № | Поручение | Ответственный | Срок."""
    heads: list[str] = []
    while i < len(lines) and _TABLE_HEAD.match(text[lines[i].start:lines[i].end].strip()):
        h = text[lines[i].start:lines[i].end].strip().lower()
        if h != "п/п":
            heads.append(h)
        i += 1
    cols = {"text": None, "resp": None, "deadline": None}
    for n, h in enumerate(heads):
        if h.startswith(("поруч", "содерж", "меропр")):
            cols["text"] = n
        elif h.startswith(("ответ", "исполн")):
            cols["resp"] = n
        elif h.startswith("срок"):
            cols["deadline"] = n
    ncols = len(heads)
    expected = 1
    while i < len(lines):
        m = _ROW_NUM.match(text[lines[i].start:lines[i].end].strip())
        if not m or int(m.group(1)) != expected:
            break
        j = i + 1
        cells: list[Span] = []
        while j < len(lines):
            nm = _ROW_NUM.match(text[lines[j].start:lines[j].end].strip())
            if nm and int(nm.group(1)) == expected + 1:
                break
            cells.append((lines[j].start, lines[j].end))
            j += 1
            if len(cells) >= ncols - 1 and (j >= len(lines) or not _ROW_NUM.match(text[lines[j].start:lines[j].end].strip())):
                # last row: the table ends after its cells
                nxt = j < len(lines) and _ROW_NUM.match(text[lines[j].start:lines[j].end].strip())
                if not nxt and len(cells) == ncols - 1:
                    break
        row = [(lines[i].start, lines[i].end)] + _fit(cells, ncols - 1)
        item = Item([m.group(1)], row[0][0], row[-1][1], q)
        if cols["text"] is not None:
            item.table_text = row[cols["text"]]
        if cols["resp"] is not None:
            item.responsible.append(row[cols["resp"]])
        if cols["deadline"] is not None:
            item.deadline, item.deadline_cell = row[cols["deadline"]], True
        st.items.append(item)
        expected += 1
        i = j
    return i


def _fit(cells: list[Span], n: int) -> list[Span]:
    """Squeeze extra lines of a row into its text cell (cells after it are one line each)."""
    if len(cells) <= n or n < 2:
        return cells + [(cells[-1][1], cells[-1][1])] * (n - len(cells)) if cells else []
    extra = len(cells) - n
    return [(cells[0][0], cells[extra][1])] + cells[extra + 1:]
