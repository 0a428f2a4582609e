"""The header of the Protocol: number, date, place from the header zone, and the chair and
secretary, wherever the document names them (a label, the text, the attendee list, the
signatures, or the items that elect them)."""
from __future__ import annotations

import datetime
import re

from models import Header, PersonRef
from extractor.linking.people import People
from extractor.structure.header import header as read_header
from extractor.structure.tree import Structure

_CHAIRED = re.compile(r"[^.]{0,60}\sпров[её]л[аи]?\s+(?:\w+\s+){0,2}(?:совещание|заседание)|"
                      r"под\s+председательством\s+[^.,;]{0,80}", re.I)


def link_header(text: str, st: Structure, people: People) -> tuple[Header, datetime.date | None]:
    """The header fields and the protocol date (the anchor of deadlines without a year)."""
    h, date = read_header(text, st.header, people.g.span)
    for role in ("chair", "secretary"):
        span = getattr(st, role)
        if span and (found := people.within(*span)):
            n = st.role_index.get(role, 0)
            setattr(h, role, people.ref(found[n] if n < len(found) else found[0]))
    h.chair = h.chair or _chair_in_text(text, st, people)
    for role, word in (("chair", "председател"), ("secretary", "секретар")):
        if getattr(h, role) is None:
            setattr(h, role, _role_from_lists(text, st, people, word) or _elected(text, st, people, word))
    return h, date


def _elected(text: str, st: Structure, people: People, word: str) -> PersonRef | None:
    """A general meeting elects its own chair and secretary: "Избрать председателем собрания
    А.В. Онищенко", "секретарём собрания – Уварову Н.М."."""
    pattern = re.compile(word + r"\w*\s+(?:общего\s+)?(?:собрания|заседания)\s*[–—-]?\s*", re.I)
    for ln in st.lines:
        for m in pattern.finditer(text[ln.start:ln.end]):
            at = ln.start + m.end()
            found = people.within(at, min(ln.end, at + 40))
            if found and found[0].start - at <= 3:
                return people.ref(found[0])
    return None


def _chair_in_text(text: str, st: Structure, people: People) -> PersonRef | None:
    """ "Татьяна Голикова провела заседание", "совещание под председательством ..."."""
    for s, e in st.header + [(ln.start, ln.end) for ln in st.lines[:12]]:
        m = _CHAIRED.search(text[s:e])
        if not m:
            continue
        found = people.within(s + m.start(), s + m.end())
        if found:
            return people.ref(found[0])
    return None


def _role_from_lists(text: str, st: Structure, people: People, word: str) -> PersonRef | None:
    """An attendee listed as "– Председатель Совета директоров", or a signature
    "Председатель Правления ... Заика В.П." at the end."""
    for s, e in st.attendees:
        for m in people.within(s, e):
            if re.match(r"\s*[–—-]\s*" + word, text[m.end:e], re.I):
                return people.ref(m)
    for s, e in st.signatures:
        para = text[s:e]
        if re.match(word, para, re.I) and not re.match(r"заместител", para, re.I):
            found = people.within(s, e) or people.within(e, e + 40)
            if found:
                return people.ref(found[0])
    return None
