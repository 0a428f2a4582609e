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
    style: str = "dot"                       # list style of its marker: dot, num), let), none

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


_TABLE_HEAD = re.compile(r"^(?:№(?:\s*п/п)?|п/п|поручени[ея]|содержание\s+поручения|мероприяти[ея]|"
                         r"решени[ея](?:\s*\(\s*поручени[ея]\s*\))?|"
                         r"ответственн\w*(?:\s+исполнител\w*)?|исполнител\w*|срок\w*(?:\s+исполнения)?)$", re.I)
_ROW_NUM = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?$")


def _successor(prev: list[int] | None, cur: list[int]) -> bool:
    """Is row number `cur` a plausible next row after `prev` (1 -> 2, 1.2 -> 1.3, 1.3 -> 2.1, 2 -> 2.1)?"""
    if prev is None:
        return cur[-1] == 1 or len(cur) == 1 and cur[0] <= 2
    for depth in range(min(len(prev), len(cur)), 0, -1):
        if cur[:depth - 1] == prev[:depth - 1] and cur[depth - 1] == prev[depth - 1] + 1:
            return all(x == 1 for x in cur[depth:])
    return cur[:len(prev)] == prev and len(cur) == len(prev) + 1 and cur[-1] == 1


def decision_id(item: Item, roman: bool, alone: bool = False) -> str:
    """The id as the annotators write it: question numeral + item path ("III.2.1"); the printed
    path when it already starts with an arabic question number ("1.2"); the question alone for its
    single decision, unnumbered or numbered with the question's own number ("4. Утвердить ...")."""
    q = item.question
    if q is None or q.id is None:
        return ".".join(item.path) or "1"
    if not item.path or (alone and item.path == [q.id]):
        return q.id
    if not roman and len(item.path) > 1 and item.path[0] == q.id:
        return ".".join(item.path)
    return ".".join([q.id] + item.path)


def _number(st: Structure) -> None:
    """Give every item its id."""
    per_question: dict[int, int] = {}
    for item in st.items:
        per_question[id(item.question)] = per_question.get(id(item.question), 0) + 1
    for item in st.items:
        item.id = decision_id(item, st.roman, per_question[id(item.question)] == 1)


def _question_by_id(struct: Structure, qid: str) -> Question:
    for q in struct.questions:
        if q.id == qid:
            return q
    q = Question(qid)
    struct.questions.append(q)
    return q


def _attach(items: list[Item], path: list[str], start: int, end: int, q: Question | None, style: str,
            last_style: list[str]) -> Item:
    """Place a new item in the tree.

    Dotted paths (2.1.) say their parent themselves. A "1)" or "а)" item is the sibling of the
    nearest earlier item of the same style, else the child of the item just before it.
    """
    parent = None
    if len(path) > 1:
        parent = next((i for i in reversed(items) if i.path == path[:-1] and i.question is q), None)
    elif items and style not in ("dot", "none") and items[-1].question is q and last_style[0]:
        node: Item | None = items[-1]
        while node is not None and node.style != style:
            node = node.parent
        parent = node.parent if node is not None else items[-1]
        if parent is not None:
            path = parent.path + path
    item = Item(path, start, end, q, parent, style=style)
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
    q: Question | None = None        # the question under discussion
    aq: Question | None = None       # the last question of the agenda list
    discussed: list[Question] = []
    item: Item | None = None
    last_style = [""]
    i = 0
    while i < len(lines):
        ln = lines[i]
        k = ln.kind
        para = text[ln.start:ln.end]
        if k == "text" and _TABLE_HEAD.match(para.strip()) and mode in ("decisions", "header", "question", "agenda") \
                and _is_table_head(text, lines, i):
            i = _parse_table(text, lines, i, st, q)
            mode, item = "after", None
            continue
        if k in ("chair", "secretary") and ln.content_start >= ln.end and mode not in ("header", "attendees"):
            k = "signature"  # "Председатель собрания" over a signature line at the end
        if k in ("chair", "secretary") and getattr(st, k) is None and (
                mode in ("header", "attendees") or ln.content_start < ln.end):
            setattr(st, k, _role_span(text, lines, i, st))
            mode = "header" if mode in ("header", "attendees") else mode
        elif k == "absent" and mode in ("header", "attendees"):
            mode = "header"
        elif k == "attendees" and mode in ("header", "attendees"):
            mode = "attendees"
            if ln.content_start < ln.end:
                st.attendees.append((ln.content_start, ln.end))
                if not re.search(r"[А-ЯЁ]\.\s?[А-ЯЁ]\.", text[ln.content_start:ln.end]):
                    mode = "header"  # "Присутствовали: 46 педагогических работников (список прилагается)"
        elif k == "agenda":
            mode = "agenda"
            if ln.content_start < ln.end:
                st.questions.append(Question(None, (ln.content_start, ln.end)))
        elif k == "question" or (k == "item" and mode == "agenda"):
            st.roman = st.roman or k == "question"
            listed = any(x.id == ln.marker for x in st.questions)
            if mode == "agenda" and not listed:
                # a line of the agenda list: a question, not yet its discussion
                aq = _question_by_id(st, ln.marker)
                aq.title = (ln.content_start, ln.end)
                q = None
            else:
                q = _question_by_id(st, ln.marker)
                if q.title is None:
                    q.title = (ln.content_start, ln.end)
                mode = "question"
            item = None
        elif k == "speaker" and mode in ("agenda", "question"):
            target = aq if mode == "agenda" else q
            if target is not None:
                target.speaker_spans.append((ln.content_start, ln.end))
        elif k in ("heard", "question_ref"):
            if ln.marker:
                q = _question_by_id(st, ln.marker)
            elif k == "heard" and (q is None or mode in ("decisions", "after")):
                q = _next_question(st, discussed)
            if q is not None and q not in discussed:
                discussed.append(q)
            if k == "question_ref" and q is not None and q.title is None and ln.content_start < ln.end:
                q.title = (ln.content_start, ln.end)
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
            elif k == "decided_intro":
                q = None  # "По итогам совещания приняты следующие решения:" covers the whole meeting
            mode, item = "decisions", None
            last_style[0] = ""
            if ln.content_start < ln.end:  # "РЕШИЛИ: Принять информацию к сведению."
                inline = classify(text, ln.content_start, ln.end)
                if inline.kind == "item":
                    style = _style(text[inline.start:inline.content_start])
                    item = _attach(st.items, inline.marker.split("."), inline.content_start, ln.end, q, style, last_style)
                else:
                    item = _attach(st.items, [], ln.content_start, ln.end, q, "none", last_style)
        elif k in ("signature", "annexes") and mode in ("decisions", "question", "after"):
            mode, item = "after", None
            st.signatures.append((ln.start, ln.end))
        elif k == "item" and ("." not in ln.marker and _opens_question(lines, i)
                              and (mode in ("header", "attendees", "question", "after") or
                                   mode == "decisions" and _next_number(q, ln.marker))):
            q = _question_by_id(st, ln.marker)  # "1. О ходе работ." + "(Ковальчук С.Н.)": a question
            q.title = q.title or (ln.content_start, ln.end)
            if q not in discussed:
                discussed.append(q)
            mode, item = "question", None
        elif mode == "decisions" and k == "item" and _repeats_title(text, st, ln):
            q = _question_by_id(st, ln.marker)  # "2. О проекте ..." repeats the agenda: the next question
            if q not in discussed:
                discussed.append(q)
            mode, item = "question", None
        elif mode == "decisions":
            item = _decision_line(text, ln, st, q, item, last_style)
        elif mode == "attendees" and k in ("text", "item"):
            st.attendees.append((ln.start, ln.end))
        elif mode == "header" and k == "text" and not st.questions:
            st.header.append((ln.start, ln.end))
        elif mode == "question" and k in ("preamble", "text") and q is not None and not st.roman:
            pass
        i += 1
    _absorb_lists(text, st)
    for item in st.items:
        item.intro = text[slice(*(item.table_text or (item.start, item.end)))].rstrip().endswith(":")
    if not st.items:
        _directives(text, st)
    _number(st)
    return st


def _directives(text: str, st: Structure) -> None:
    """Without any decision label, paragraphs that open with an infinitive ("Поручить ...",
    "Создать ...") after the header are the decisions (government "поручения", short extracts)."""
    from .addressee_lexicon import is_infinitive

    header = {s for s, _ in st.header}
    item: Item | None = None
    for ln in st.lines:
        first = re.match(r"[А-ЯЁ][а-яё]+", text[ln.start:ln.end])
        if ln.kind == "text" and ln.start not in header and first and is_infinitive(first.group()):
            item = Item([], ln.start, ln.end, None, style="none")
            st.items.append(item)
        elif item is not None and ln.kind == "deadline" and item.deadline is None:
            item.deadline, item.end = (ln.content_start, ln.end), ln.end
        else:
            item = None
    if len(st.items) > 1:
        for n, it in enumerate(st.items, 1):
            it.path = [str(n)]


def _absorb_lists(text: str, st: Structure) -> None:
    """Sub-items of an item that acts itself ("Утвердить повестку: 1) ...") are its text, not decisions.

    A header that only names addressees ("2. Инициаторам ...:", "Рекомендовать Отделу ...:") keeps
    its sub-items as decisions.
    """
    from .addressee_lexicon import assignment_verbs, is_infinitive

    verbs = assignment_verbs()
    for item in list(st.items):
        if not item.children or item not in st.items:
            continue
        words = re.findall(r"[А-Яа-яЁё]+", text[item.start:item.end])
        if not any(is_infinitive(w) and w.lower() not in verbs for w in words):
            continue
        stack, last = list(item.children), item.end
        while stack:
            child = stack.pop()
            last = max(last, child.end)
            stack.extend(child.children)
            if child in st.items:
                st.items.remove(child)
        item.children, item.end = [], last


def _opens_question(lines: list[Line], i: int) -> bool:
    """A numbered paragraph followed by its speaker, СЛУШАЛИ, a "Заслушав" preamble or (after a few
    lines of discussion or votes) a decision label is a question."""
    if i + 1 < len(lines) and lines[i + 1].kind in ("speaker", "heard", "preamble"):
        return True
    # "2. Утверждение сметы." / vote table lines / "Принятое решение: ..." - a question with its decision
    for ln in lines[i + 1:i + 16]:
        if ln.kind == "decided":
            return True
        if ln.kind not in ("text", "vote", "spoke"):
            return False
    return False


def _next_number(q: Question | None, marker: str) -> bool:
    """In a block of items numbered "1.1", "1.2" under question 1, a plain "2." starts question 2."""
    return q is None or (q.id is not None and q.id.isdigit() and int(marker) == int(q.id) + 1)


def _style(marker: str) -> str:
    """List style of an item marker: "dot" (2.1.), "num)" (1)), "let)" (а))."""
    if ")" not in marker:
        return "dot"
    return "let)" if re.match(r"\s*[а-яё]", marker) else "num)"


def _repeats_title(text: str, st: Structure, ln: Line) -> bool:
    """Is this numbered paragraph the heading of an agenda question (same number, same title)?"""
    for q in st.questions:
        if q.id == ln.marker and q.title:
            a = " ".join(text[q.title[0]:q.title[1]].split()).lower()
            b = " ".join(text[ln.content_start:ln.end].split()).lower()
            return a[:60] == b[:60]
    return False


def _next_question(st: Structure, discussed: list[Question]) -> Question:
    """The question a bare "СЛУШАЛИ:" opens: the next one of the agenda, or a new number."""
    for q in st.questions:
        if q.id is not None and q not in discussed:
            return q
    return _question_by_id(st, str(len(discussed) + 1))


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
        style = _style(text[ln.start:ln.content_start])
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
    if k == "text" and item.style == "none" and not text[item.start:item.end].rstrip().endswith(":") \
            and not re.match(r"[–—•-]", text[ln.start:ln.end]):
        return item  # one unnumbered decision is one paragraph (and its list); what follows is narrative
    if k == "deadline":
        item.deadline = (ln.content_start, ln.end)
    elif k == "responsible":
        item.responsible.append((ln.content_start, ln.end))
    elif k not in ("text", "speaker"):
        return item
    item.end = ln.end
    return item


_INLINE_SECRETARY = re.compile(r"\s(?:[А-ЯЁа-яё]+\s+)?[Сс]екретар[ьья](?:\s+[а-яё]+){0,3}\s*[:–—]\s*")


def _role_span(text: str, lines: list[Line], i: int, st: Structure) -> Span:
    """Where the chair's or secretary's name is: after the label; on the next line
    ("Председатель:" / name); or, for labels stacked in a column ("Председатель:", "Секретарь:",
    then the names), on the first line after the stack, as the label's n-th person."""
    ln = lines[i]
    if ln.content_start < ln.end:
        para = text[ln.content_start:ln.end]
        m = _INLINE_SECRETARY.search(para) if ln.kind == "chair" else None
        if m and st.secretary is None:  # "Председательствовала: ... Секретарь: ..." on one line
            st.secretary = (ln.content_start + m.end(), ln.end)
            return ln.content_start, ln.content_start + m.start()
        return ln.content_start, ln.end
    j = i
    while j > 0 and lines[j - 1].kind in ("chair", "secretary") and lines[j - 1].content_start >= lines[j - 1].end:
        j -= 1
    k = i
    while k + 1 < len(lines) and lines[k + 1].kind in ("chair", "secretary") \
            and lines[k + 1].content_start >= lines[k + 1].end:
        k += 1
    if k + 1 >= len(lines):
        return ln.end, ln.end
    st.role_index[ln.kind] = i - j
    return lines[k + 1].start, lines[k + 1].end


def _is_table_head(text: str, lines: list[Line], i: int) -> bool:
    """A run of header cells with an assignment column and a responsible or deadline column
    (a lone "№" under the title is the protocol number, not a table)."""
    heads = []
    while i < len(lines) and _TABLE_HEAD.match(text[lines[i].start:lines[i].end].strip()):
        heads.append(text[lines[i].start:lines[i].end].strip().lower())
        i += 1
    has_text = any(h.startswith(("поруч", "содерж", "меропр", "решен")) for h in heads)
    return has_text and any(h.startswith(("ответ", "исполн", "срок")) for h in heads)


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
        if h.startswith(("поруч", "содерж", "меропр", "решен")):
            cols["text"] = n
        elif h.startswith(("ответ", "исполн")):
            cols["resp"] = n
        elif h.startswith("срок"):
            cols["deadline"] = n
    ncols = len(heads)

    def row_number(j: int, prev: list[int] | None) -> list[int] | None:
        m = _ROW_NUM.match(text[lines[j].start:lines[j].end].strip())
        if not m:
            return None
        num = [int(x) for x in m.group(1).split(".")]
        return num if _successor(prev, num) else None

    prev: list[int] | None = None
    while i < len(lines):
        num = row_number(i, prev)
        if num is None:
            # a section row ("1. О результатах ...") spans the table between rows
            if lines[i].kind == "item" and i + 1 < len(lines) and row_number(i + 1, prev):
                i += 1
                continue
            break
        j, cells = i + 1, []
        while j < len(lines) and row_number(j, num) is None and len(cells) < 3 * ncols:
            nxt = lines[j]
            if lines[j].kind == "item" and j + 1 < len(lines) and row_number(j + 1, num):
                break
            if nxt.kind in ("signature", "annexes", "heard", "question", "decided"):
                break
            cells.append((nxt.start, nxt.end))
            j += 1
            if len(cells) == ncols - 1 and (j >= len(lines) or row_number(j, num) is None):
                if not _more_row(text, lines, j, num, row_number):
                    break
        row = [(lines[i].start, lines[i].end)] + _fit(text, cells, ncols - 1)
        path = [str(x) for x in num]
        parent = next((it for it in reversed(st.items) if it.path == path[:-1] and it.table_text), None)
        item = Item(path, row[0][0], row[-1][1], q, parent)
        if parent is not None:
            parent.children.append(item)
        if cols["text"] is not None:
            item.table_text = row[cols["text"]]
        if cols["resp"] is not None:
            item.responsible.append(row[cols["resp"]])
        if cols["deadline"] is not None:
            item.deadline, item.deadline_cell = row[cols["deadline"]], True
        st.items.append(item)
        prev = num
        i = j
    return i


def _more_row(text: str, lines: list[Line], j: int, num: list[int], row_number) -> bool:
    """Does the row go on past a full set of cells? Only when a later line starts the next row."""
    for k in range(j, min(j + 3, len(lines))):
        if row_number(k, num):
            return True
    return False


def _fit(text: str, cells: list[Span], n: int) -> list[Span]:
    """Rebuild a row's n cells from its lines: a line ending with ',' goes on in the next one,
    other extra lines belong to the text cell (the second column)."""
    merged: list[Span] = []
    for c in cells:
        if merged and text[merged[-1][0]:merged[-1][1]].rstrip().endswith(",") and len(cells) > n:
            merged[-1] = (merged[-1][0], c[1])
        else:
            merged.append(c)
    if len(merged) < n:
        tail = merged[-1][1] if merged else 0
        return merged + [(tail, tail)] * (n - len(merged))
    extra = len(merged) - n
    return [(merged[0][0], merged[extra][1])] + merged[extra + 1:]
