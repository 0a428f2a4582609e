"""Protocol structure: header zone, chair, secretary, attendees, agenda questions, decision items.

Works on classified paragraphs (`lines.classify`) with a small state machine. Output spans are in
the cleaned text; linking (addressees, deadlines, persons) happens later, in `link`.
"""
from __future__ import annotations

import re

from .items import absorb_lists, attach, directives, list_style, number_items
from .lines import Line, classify
from .tables import TABLE_HEAD, is_table_head, parse_table
from .tree import Item, Question, Span, Structure, question_by_id

__all__ = ["Item", "Question", "Structure", "parse"]


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
        if k == "text" and TABLE_HEAD.match(para.strip()) and mode in ("decisions", "header", "question", "agenda") \
                and is_table_head(text, lines, i):
            i = parse_table(text, lines, i, st, q)
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
                aq = question_by_id(st, ln.marker)
                aq.title = (ln.content_start, ln.end)
                q = None
            else:
                q = question_by_id(st, ln.marker)
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
                q = question_by_id(st, ln.marker)
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
                q = question_by_id(st, ln.marker)
            elif k == "decided_intro":
                q = None  # "По итогам совещания приняты следующие решения:" covers the whole meeting
            mode, item = "decisions", None
            last_style[0] = ""
            if ln.content_start < ln.end:  # "РЕШИЛИ: Принять информацию к сведению."
                inline = classify(text, ln.content_start, ln.end)
                if inline.kind == "item":
                    style = list_style(text[inline.start:inline.content_start])
                    item = attach(st.items, inline.marker.split("."), inline.content_start, ln.end, q, style, last_style)
                else:
                    item = attach(st.items, [], ln.content_start, ln.end, q, "none", last_style)
        elif k in ("signature", "annexes") and mode in ("decisions", "question", "after"):
            mode, item = "after", None
            st.signatures.append((ln.start, ln.end))
        elif k == "item" and ("." not in ln.marker and _opens_question(lines, i)
                              and (mode in ("header", "attendees", "question", "after") or
                                   mode == "decisions" and _next_number(q, ln.marker))):
            q = question_by_id(st, ln.marker)  # "1. О ходе работ." + "(Ковальчук С.Н.)": a question
            q.title = q.title or (ln.content_start, ln.end)
            if q not in discussed:
                discussed.append(q)
            mode, item = "question", None
        elif mode == "decisions" and k == "item" and _repeats_title(text, st, ln):
            q = question_by_id(st, ln.marker)  # "2. О проекте ..." repeats the agenda: the next question
            if q not in discussed:
                discussed.append(q)
            mode, item = "question", None
        elif mode == "decisions":
            item = _decision_line(text, ln, st, q, item, last_style)
        elif mode == "attendees" and k in ("text", "item"):
            st.attendees.append((ln.start, ln.end))
        elif mode == "header" and k == "text" and not st.questions:
            st.header.append((ln.start, ln.end))
        i += 1
    absorb_lists(text, st)
    for item in st.items:
        item.intro = text[slice(*(item.table_text or (item.start, item.end)))].rstrip().endswith(":")
    if not st.items:
        directives(text, st)
    number_items(st)
    return st


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
    # a letter ("г)") after a numbered question is its sub-item, never the next question
    return q is None or (q.id is not None and q.id.isdigit() and marker.isdigit() and int(marker) == int(q.id) + 1)


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
    return question_by_id(st, str(len(discussed) + 1))


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
        style = list_style(text[ln.start:ln.content_start])
        return attach(st.items, ln.marker.split("."), ln.content_start, ln.end, q, style, last_style)
    if k == "vote":
        for it in st.items:
            if it.question is q and it.vote is None:
                it.vote = (ln.start, ln.end)
        return item
    if item is None:
        if k in ("text", "preamble"):
            return attach(st.items, [], ln.start, ln.end, q, "none", last_style)
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


