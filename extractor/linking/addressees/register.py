"""Register-style responsible parts of a decision item.

Registers of assignments name the executor under a label after the item's text, in three forms:

- on a line of its own: "Исп.: отдел по учёту жилья (Лихачёва О.В.)", "Ответственные – …";
- inline, after the item's sentence: "… до 1 мая. Ответственный: Рыбаков Д.А. Срок: …";
- in a bracket at the end: "(ответственные: отдел … (Куприянов Л.Е.); срок: до 15.03.2025)",
  "(исп.: МКУ «Служба заказчика», срок – …)", "(отв. Гусев Р.В., срок – 23.09.2025)".

`parts(text)` returns where the named executors are (the "who" after the label, up to a Срок part,
the bracket's end or the line's end) and which rule took them; the people and bodies named there are
addressees with role `responsible` ("Соисполнители:" gives `co`). The Срок part is left to
deadlines, whose "Срок – …" label wins over phrases inside the item. A label word is never an
addressee: the who-part starts after the label and stops before «Срок».
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# "Ответственный", "Ответственные исполнители", "Ответственный за исполнение", "Исполнитель(и)",
# "Соисполнители", and the abbreviations "Исп." and "Отв." (which may stand without ':' before a name).
_WORD_LABEL = (r"(?:(?P<co>со)?исполнител(?:ь|и)|ответственн(?:ый|ая|ые|ое|ых)"
               r"(?:\s+(?:исполнител\w*|за\s+(?:исполнение|выполнение)))?)")
_ABBR_LABEL = r"(?:(?P<co2>со)?исп|отв)\."
_SEP = r"\s*(?::|[–—]|-(?!\w))\s*"
# A label with a separator; "исп."/"отв." also straight before the name ("(отв. Гусев Р.В., …)").
_LABEL = rf"(?:{_WORD_LABEL}{_SEP}|{_ABBR_LABEL}(?:{_SEP}|\s+(?=(?-i:[А-ЯЁA-Z«\"]))))"

# Where a label may stand: at the start of the text or of a line (own line), after a sentence's end
# (inline), or right after an opening bracket (bracket form).
_OWN_LINE = re.compile(rf"(?:^|(?<=\n))[ \t]*(?P<label>{_LABEL})", re.I)
_INLINE = re.compile(rf"(?:(?<=(?-i:[^А-ЯЁ\s])\.)|(?<=[;!?]))[ \t]+(?P<label>{_LABEL})", re.I)
_BRACKET = re.compile(rf"\(\s*(?P<label>{_LABEL})", re.I)

# The Срок part that ends the who-part: "Срок: …", "срок – …", "Срок исполнения – …", "; срок …".
_DEADLINE = re.compile(r"(?:(?<=[\s,;.(])|^)срок(?:и)?(?:\s+[а-яё]+){0,2}\s*(?::|[–—]|-(?!\w))"
                       r"|[,;]\s*срок\b", re.I)
_NEXT_LABEL = re.compile(rf"[;,]\s*(?={_LABEL})", re.I)
_PHONE = re.compile(r"[,;]?\s*(?:тел\.|телефон\b|e-mail\b|эл\.\s*почта\b)", re.I)
_TRIM = " \t\n,;.:–—-"


@dataclass(frozen=True)
class Part:
    """One responsible part: text[start:end] names the executors; text[cut:] is no longer the
    item's own wording (the label or the bracket opens there)."""

    rule: str      # own_line | inline | bracket
    cut: int
    start: int
    end: int
    role: str      # responsible | co


def _bracket_end(text: str, open_at: int) -> int:
    """The offset of the bracket closing the one at open_at (or the end of the text)."""
    depth = 0
    for k in range(open_at, len(text)):
        if text[k] == "(":
            depth += 1
        elif text[k] == ")":
            depth -= 1
            if depth == 0:
                return k
    return len(text)


def _who_end(text: str, start: int, limit: int) -> int:
    """Where the executors end: before a Срок part, at a bracket or line end, or at limit."""
    end = limit
    nl = text.find("\n", start, limit)
    if nl >= 0:
        end = nl
    depth = 0
    for k in range(start, end):  # a closing bracket of an enclosing bracket ends the part
        if text[k] == "(":
            depth += 1
        elif text[k] == ")":
            depth -= 1
            if depth < 0:
                end = k
                break
    m = _DEADLINE.search(text, start, end)
    if m:
        end = m.start()
    m = _NEXT_LABEL.search(text, start, end)  # "(ответственный: …; соисполнители: …)"
    if m:
        end = m.start()
    m = _PHONE.search(text, start, end)  # "Исп.: Петрова И.И., тел. 22-33-44"
    return m.start() if m else end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        # keep the period of an initial ("Рыбаков Д.А."), not a sentence's ("… ЦХБЛ.")
        if text[end - 1] == "." and end - 2 >= start and text[end - 2].isupper() \
                and (end - 3 < start or not text[end - 3].isalpha()):
            break
        end -= 1
    return start, end


def parts(text: str) -> list[Part]:
    """The responsible parts of one decision item's text, in text order."""
    found: list[Part] = []
    taken: list[tuple[int, int]] = []
    for rule, pattern in (("bracket", _BRACKET), ("own_line", _OWN_LINE), ("inline", _INLINE)):
        for m in pattern.finditer(text):
            label = m.start("label")
            if any(s <= label < e for s, e in taken):
                continue
            if rule == "bracket":
                close = _bracket_end(text, m.start())
                start, end = m.end(), _who_end(text, m.end(), close)
                cut, span_end = m.start(), end  # a later label in the bracket is a part of its own
            else:
                start, end = m.end(), _who_end(text, m.end(), len(text))
                cut, span_end = label, end
            start, end = _trimmed(text, start, end)
            if start >= end:
                continue
            co = m.group("co") or m.group("co2")
            found.append(Part(rule, cut, start, end, "co" if co else "responsible"))
            taken.append((cut, span_end))
    return sorted(found, key=lambda p: p.start)


def main_end(text: str, found: list[Part]) -> int:
    """Where the item's own wording ends: before its first responsible part."""
    return min((p.cut for p in found), default=len(text))


WHY = {
    "bracket": "a bracket opening with the label: (ответственные: …; срок: …)",
    "own_line": "the label opens a line: Исп.: … / Ответственный – …",
    "inline": "the label opens a sentence after the item's text: … . Ответственный: …",
}


__all__ = ["Part", "WHY", "main_end", "parts"]
