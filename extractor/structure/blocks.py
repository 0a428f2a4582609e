"""Inside a decision block: which paragraph is a new item, which continues the last one, which is
narrative after the decisions, and what a vote does to a proposal ("ПРЕДЛОЖЕНО: …" then
"Решение принято" is a decision; "Решение не принято" is none)."""
from __future__ import annotations

import re

from extractor.structure.directive import is_directive
from extractor.structure.items import attach, list_style
from extractor.structure.lines import Line
from extractor.structure.tree import Item, Question, Structure

_BULLET = re.compile(r"[–—•·-]\s*")
# a line of the item under a short label of its own: "Исп.: …", "Примечание: …", "Контроль – …"
_LABELLED = re.compile(r"[А-ЯЁа-яё][А-ЯЁа-яё. ]{0,30}\s*(?::|\s[–—-])\s")


def decision_line(text: str, ln: Line, st: Structure, q: Question | None, item: Item | None,
                  last_style: list[str]) -> Item | None:
    """One paragraph inside a decision block; returns the item later lines attach to."""
    k, para = ln.kind, text[ln.start:ln.end]
    if k == "item":
        style = list_style(text[ln.start:ln.content_start])
        return attach(st.items, ln.marker.split("."), ln.content_start, ln.end, q, style, last_style)
    if k == "vote":
        if ln.rule != "vote-cell":   # "«За»", "3 845,20 м² – 98,20 %": cells of a vote table
            for it in st.items:
                if it.question is q and it.vote is None:
                    it.vote = (ln.start, ln.end)
        return item
    if item is None:
        if k in ("text", "preamble"):
            return _unnumbered(text, ln, st, q, last_style)
        return None
    intro = text[item.start:item.end].split("\n", 1)[0].rstrip().endswith(":")
    if k == "text" and item.style in ("none", "bullet") and not intro:
        # each unnumbered decision is one paragraph (and its list); another one follows as an order of
        # its own ("Отделу … обеспечить …", "– Главам поселений …"); other bullets continue the list;
        # anything else is narrative after the decisions
        if is_directive(para):
            return _unnumbered(text, ln, st, q, last_style)
        if not _BULLET.match(para):
            return item
    if k == "text" and not intro and re.match(r"[А-ЯЁA-Z]", para) and not _LABELLED.match(para) \
            and not is_directive(para) and not text[item.start:item.end].rstrip().endswith((",", ";", "–", "-")):
        return None  # "Следующее заседание состоится …": narrative after the items, no item text
    if k == "deadline":
        item.deadline = (ln.content_start, ln.end)
    elif k == "responsible":
        item.responsible.append((ln.content_start, ln.end))
    elif k not in ("text", "speaker"):
        return item
    item.end = ln.end
    return item


def _unnumbered(text: str, ln: Line, st: Structure, q: Question | None, last_style: list[str]) -> Item:
    """A decision without a number: a bullet ("– Отделу …"), or a paragraph of its own."""
    bullet = _BULLET.match(text, ln.start, ln.end) if ln.kind == "text" else None
    start = bullet.end() if bullet else ln.start
    item = attach(st.items, [], start, ln.end, q, "none", last_style)
    item.style = "bullet" if bullet else "none"
    return item


class Proposals:
    """Proposals put to the vote, per question: kept when adopted, dropped when rejected, replaced
    when the question has a decision text of its own (РЕШИЛИ after ПРЕДЛОЖЕНО)."""

    def __init__(self) -> None:
        self.since: dict[int, int] = {}      # id(question) -> index in st.items where its proposal began

    def open(self, st: Structure, q: Question | None) -> None:
        self.since[id(q)] = len(st.items)

    def drop(self, st: Structure, q: Question | None) -> None:
        """Forget the items of the open proposal of `q` (rejected, or replaced by a decision text)."""
        start = self.since.pop(id(q), None)
        if start is not None:
            del st.items[start:]

    def close(self, q: Question | None) -> None:
        self.since.pop(id(q), None)
