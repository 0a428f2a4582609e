"""Protocol structure: header zone, chair, secretary, attendees, agenda questions, decision items.

Works on classified paragraphs (`lines.classify`) with a small state machine. Output spans are in
the cleaned text; linking (addressees, deadlines, persons) happens later, in `link`.
"""
from __future__ import annotations

import re

from extractor import trace
from extractor.structure.blocks import Proposals, decision_line
from extractor.structure.directive import is_directive
from extractor.structure.items import absorb_lists, attach, directives, list_style, number_items
from extractor.structure.lines import Line, classify
from extractor.structure.tables import TABLE_HEAD, is_table_head, parse_table
from extractor.structure.officers import role_span
from extractor.structure.tree import Item, Question, Span, Structure, question_by_id

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
    proposals = Proposals()
    voted = False            # the block's items were put to the vote (no text runs on after it)
    heard = False            # a "Заслушав …" preamble was read (a discussion without an agenda)
    i = 0
    while i < len(lines):
        ln = lines[i]
        k = ln.kind
        para = text[ln.start:ln.end]
        # an assignment table is known by its header row wherever it stands (after a marker or not)
        if k in ("text", "decided") and TABLE_HEAD.match(para.strip()) and is_table_head(text, lines, i):
            i = parse_table(text, lines, i, st, q)
            mode, item = "after", None
            continue
        if ln.rule == "attendees-members" and mode not in ("header", "attendees"):
            k = "signature"  # "Члены комиссии:" over the signatures at the end
        if k in ("chair", "secretary") and ln.content_start >= ln.end and mode not in ("header", "attendees"):
            k = "signature"  # "Председатель собрания" over a signature line at the end
        if k in ("chair", "secretary") and getattr(st, k) is None and (
                mode in ("header", "attendees") or ln.content_start < ln.end):
            setattr(st, k, role_span(text, lines, i, st))
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
        elif k in ("decided", "decided_intro", "proposal"):
            if ln.marker:
                q = question_by_id(st, ln.marker)
            elif k == "decided_intro":
                q = None  # "По итогам совещания приняты следующие решения:" covers the whole meeting
            inline = classify(text, ln.content_start, ln.end) if ln.content_start < ln.end else None
            if inline is not None and inline.kind in ("vote", "rejected"):
                inline = None    # "РЕШИЛИ: решение принято" says how the proposal above ended
            elif k == "proposal":
                proposals.open(st, q)
            else:
                proposals.drop(st, q)  # the question's own decision text replaces its proposal
            mode, item, voted = "decisions", None, False
            last_style[0] = ""
            if inline is not None and inline.kind == "item":  # "РЕШИЛИ: 1. Утвердить ..."
                style = list_style(text[inline.start:inline.content_start])
                item = attach(st.items, inline.marker.split("."), inline.content_start, ln.end, q, style, last_style)
            elif inline is not None:  # "РЕШИЛИ: Принять информацию к сведению."
                item = attach(st.items, [], ln.content_start, ln.end, q, "none", last_style)
            st.trace.append(f"{ln.rule}: decisions of question {q.id if q else '-'} from {ln.start}")
            if q is not None and ln.rule == "decided-preamble":
                q.speaker_spans += _heard_in_preamble(text, ln.start, ln.content_start)
        elif k == "rejected":
            proposals.drop(st, q)
            mode, item = "question", None
            st.trace.append(f"rejected: the proposal of question {q.id if q else '-'} is no decision")
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
        elif k == "preamble" and mode in ("header", "attendees", "question", "after"):
            # "Заслушав …": a question was discussed; its decisions may follow without a label
            if st.questions and (q is None or mode in ("header", "attendees")):
                q = _next_question(st, discussed)
            if q is not None:
                if q not in discussed:
                    discussed.append(q)
                q.speaker_spans += _heard_in_preamble(text, ln.start, ln.end)
            mode, heard = "question", True
        elif mode == "decisions" and voted and item is None and k == "text" and not is_directive(para):
            pass  # after the vote on the items: "Приложения: …" and the like are no decision
        elif mode == "decisions":
            item = decision_line(text, ln, st, q, item, last_style)
            if k == "vote" and ln.rule != "vote-cell":
                item, voted = None, True   # the vote closes the item: its text does not run on
        elif mode in ("question", "after") and (discussed or heard) and k in ("text", "item") and is_directive(para):
            # no label: an order after the discussion opens the question's decisions
            st.trace.append(f"directive: decisions of question {q.id if q else '-'} from {ln.start} (no label)")
            mode = "decisions"
            item = decision_line(text, ln, st, q, None, last_style)
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
    trace("structure", lambda: "\n".join(st.trace) or "no decision block")
    return st


def _opens_question(lines: list[Line], i: int) -> bool:
    """A numbered paragraph followed by its speaker, СЛУШАЛИ, a "Заслушав" preamble or (after a few
    lines of discussion or votes) a decision label is a question."""
    if i + 1 < len(lines) and lines[i + 1].kind in ("speaker", "heard", "preamble"):
        return True
    # "2. Утверждение сметы." / vote table lines / "Принятое решение: ..." - a question with its decision
    for ln in lines[i + 1:i + 16]:
        if ln.kind in ("decided", "proposal"):
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
    """The question a bare "СЛУШАЛИ:" opens: the next one of the agenda; the meeting's only,
    unnumbered question when there is no agenda at all; else a new number."""
    for q in st.questions:
        if q.id is not None and q not in discussed:
            return q
    if not st.questions:
        q = Question(None)
        st.questions.append(q)
        return q
    return question_by_id(st, str(len(discussed) + 1))


_SPEECH = re.compile(r"(?:доклад\w*|информаци\w+|выступлени\w+|сообщени\w+)\s+", re.I)


def _heard_in_preamble(text: str, start: int, end: int) -> list[Span]:
    """Who was heard, by a "Заслушав доклад X …, выступления Y и Z, …" preamble: after each speech
    noun, the person it names (see linking.people.speakers); nothing from "Рассмотрев рукопись …"."""
    para = text[start:end]
    if not re.match(r"\s*заслушав", para, re.I):
        return []
    nouns = list(_SPEECH.finditer(para))
    return [(start + m.end(), start + (nouns[n + 1].start() if n + 1 < len(nouns) else len(para)))
            for n, m in enumerate(nouns)]


def _take_following(lines: list[Line], i: int, q: Question, text: str) -> None:
    """Speakers listed on the paragraphs after a bare "СЛУШАЛИ:"/"ВЫСТУПИЛИ:" until the next label."""
    if lines[i].content_start < lines[i].end:
        return
    for ln in lines[i + 1:]:
        if ln.kind != "text" or is_directive(text[ln.start:ln.end]):
            break
        q.speaker_spans.append((ln.start, ln.end))
