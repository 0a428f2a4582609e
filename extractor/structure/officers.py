"""Where the chair's and the secretary's names stand: after their label, on the next line, or, for
labels stacked in a column, on the lines after the stack."""
from __future__ import annotations

import re

from extractor.structure.lines import Line
from extractor.structure.tree import Span, Structure

_INLINE_SECRETARY = re.compile(r"\s(?:[А-ЯЁа-яё]+\s+)?[Сс]екретар[ьья](?:\s+[а-яё]+){0,3}\s*[:–—]\s*")


def role_span(text: str, lines: list[Line], i: int, st: Structure) -> Span:
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


