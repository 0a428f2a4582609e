"""Rewrites of decision items: numbering style, and where "Срок"/"Ответственный" stand."""
from __future__ import annotations

import re

from .markers import ITEM_START, LABEL, MARKER, MEETING_MARKER, TABLE_START

LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"
# Item markers of one list style each; group "n" is the item's number (or letter) where it has one.
STYLES = {
    "nested": re.compile(r"^(?P<indent>\s*)(?P<k>\d{1,2})\.(?P<n>\d{1,2})\.?\s+(?P<text>\S.*)$"),
    "dot": re.compile(r"^(?P<indent>\s*)(?P<n>\d{1,2})\.\s+(?P<text>\S.*)$"),
    "paren": re.compile(r"^(?P<indent>\s*)(?P<n>\d{1,2})\)\s+(?P<text>\S.*)$"),
    "letter": re.compile(rf"^(?P<indent>\s*)(?P<n>[{LETTERS}])\)\s+(?P<text>\S.*)$"),
    "dash": re.compile(r"^(?P<indent>\s*)[–-]\s+(?P<text>\S.*)$"),
    "bullet": re.compile(r"^(?P<indent>\s*)•\s+(?P<text>\S.*)$"),
}
# Where a decision block ends: a blank line, another label, a vote, a question heading or a signature.
_STOP = re.compile(r"^\s*(?:$|[IVXLC]{1,6}\.\s|_{3,}|голосовал|итоги\s+голосования|решение\s+принято|"
                   r"\d{1,2}\.\s+(?:об?|обо|заслушав|по\s+[а-яё]+\s+вопросу)\s)", re.I)
LABEL_KEY = r"(?:Срок(?:\s+(?:исполнения|выполнения))?|Ответственн(?:ый|ая|ые)(?:\s+исполнител[ьи])?)"
OWN_LABEL = re.compile(rf"^\s*(?P<key>{LABEL_KEY})\s*[:–—-]\s*(?P<value>\S.*?)\s*$")
# ". Срок – до 1 мая." inside a paragraph: where a trailing label starts
TRAILING = re.compile(rf"(?<=[.;)])\s+(?={LABEL_KEY}\s*[:–—-]\s*\S)")


def _style_of(line: str) -> tuple[str, re.Match] | None:
    for name, rx in STYLES.items():
        m = rx.match(line)
        if m:
            return name, m
    return None


def _number(name: str, m: re.Match) -> int | None:
    if name in ("dash", "bullet"):
        return None
    n = m.group("n")
    return LETTERS.index(n) + 1 if name == "letter" else int(n)


def decision_blocks(lines: list[str]) -> list[tuple[str, list[int], str]]:
    """(style, indices of the item lines, nested prefix) of every flat list of decision items: the
    lines after a marker up to the first blank line or label, all items of one style numbered 1..n
    in order, none of them an introducer ending with ":"; other blocks are left alone."""
    blocks = []
    for i, line in enumerate(lines):
        m = MARKER.match(line) or MEETING_MARKER.match(line)
        if not m or m.group("rest") or ITEM_START.match(line):
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        first = _style_of(lines[j]) if j < len(lines) else None
        if first is None:
            continue
        style, items, ok, prefix = first[0], [], True, first[1].groupdict().get("k") or ""
        while j < len(lines) and not _STOP.match(lines[j]) and not LABEL.match(lines[j]) \
                and not TABLE_START.match(lines[j]):
            found = _style_of(lines[j])
            if found and found[0] == style and (found[1].groupdict().get("k") or "") == prefix:
                items.append(j)
                n = _number(style, found[1])
                ok = ok and (n is None or n == len(items)) and not found[1].group("text").rstrip().endswith(":")
            elif ITEM_START.match(lines[j]) or found:
                ok = False  # a list of another style inside: a nesting we do not rewrite
            j += 1
        if ok and len(items) >= 2:
            blocks.append((style, items, prefix))
    return blocks


def _numbering(target: str):
    def apply(text: str, seed: int = 0) -> str:
        lines = text.split("\n")
        for ordinal, (style, items, prefix) in enumerate(decision_blocks(lines), 1):
            if style == target:
                continue
            k = prefix or str(ordinal)
            for n, j in enumerate(items, 1):
                m = STYLES[style].match(lines[j])
                mark = {"dot": f"{n}.", "paren": f"{n})", "nested": f"{k}.{n}.", "letter": f"{LETTERS[n - 1]})",
                        "dash": "–", "bullet": "•"}[target]
                lines[j] = f"{m.group('indent')}{mark} {m.group('text')}"
        return "\n".join(lines)
    return apply


def numbering_dot(text: str, seed: int = 0) -> str:
    """Decision items numbered "1.", "2.". Why it preserves meaning: the items, their order and
    their text are unchanged; only the printed numbering differs (ids are not compared)."""
    return _numbering("dot")(text, seed)


def numbering_paren(text: str, seed: int = 0) -> str:
    """Decision items numbered "1)", "2)". Why it preserves meaning: as numbering_dot."""
    return _numbering("paren")(text, seed)


def numbering_nested(text: str, seed: int = 0) -> str:
    """Decision items numbered "K.1.", "K.2." (K: the block's question number where it is printed,
    else the block's place in the protocol). Why it preserves meaning: as numbering_dot."""
    return _numbering("nested")(text, seed)


def numbering_letters(text: str, seed: int = 0) -> str:
    """Decision items lettered "а)", "б)". Why it preserves meaning: as numbering_dot."""
    return _numbering("letter")(text, seed)


def bullets_dash(text: str, seed: int = 0) -> str:
    """Decision items as "–" bullets. Why it preserves meaning: several unnumbered items under a
    marker are still one decision each (the gold convention numbers them 1, 2, 3 in order)."""
    return _numbering("dash")(text, seed)


def bullets_dot(text: str, seed: int = 0) -> str:
    """Decision items as "•" bullets. Why it preserves meaning: as bullets_dash."""
    return _numbering("bullet")(text, seed)


def _joinable(prev: str) -> bool:
    return bool(prev.strip()) and not prev.rstrip().endswith(":") \
        and not (MARKER.match(prev) or MEETING_MARKER.match(prev) or LABEL.match(prev))


def labels_inline(text: str, seed: int = 0) -> str:
    """"Срок: …" / "Ответственный: …" lines are joined to the end of the item above them
    ("… представить отчёт. Срок: до 1 мая."). Why it preserves meaning: the label still names the
    deadline or the responsible of the same item; only a line break is gone."""
    out: list[str] = []
    for line in text.split("\n"):
        if OWN_LABEL.match(line) and out and _joinable(out[-1]):
            prev = out[-1].rstrip()
            out[-1] = prev + (" " if prev.endswith((".", ";", ")", "!")) else ". ") + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def labels_own_line(text: str, seed: int = 0) -> str:
    """A trailing ". Срок – …" / ". Ответственный: …" inside an item goes to a line of its own.
    Why it preserves meaning: the label keeps its words and stays right after its item."""
    out = []
    for line in text.split("\n"):
        parts = TRAILING.split(line)
        if len(parts) > 1 and len(parts[0].strip()) >= 15:
            out.append(parts[0])
            out.extend(p.strip() for p in parts[1:])
        else:
            out.append(line)
    return "\n".join(out)


def labels_brackets(text: str, seed: int = 0) -> str:
    """The item's "Срок"/"Ответственный" (own lines or trailing) go into brackets at its end:
    "… представить отчёт (ответственный: Иванов И.И.; срок: до 1 мая)." Why it preserves meaning:
    the same values stay attached to the same item, in the issue's register-style form."""
    out = []
    for line in labels_inline(text, seed).split("\n"):
        parts = TRAILING.split(line)
        if len(parts) > 1 and len(parts[0].strip()) >= 15:
            labels = []
            for p in parts[1:]:
                m = OWN_LABEL.match(p)
                value = m.group("value")
                if value.endswith(".") and not re.search(r"\b[А-ЯЁ]\.$", value):
                    value = value[:-1].rstrip()  # the full stop, not an initial ("Петров П.П.")
                labels.append(f"{m.group('key').lower()}: {value}")
            body = parts[0].rstrip()
            end = body[-1] if body.endswith((".", ";")) else "."
            body = body[:-1] if body.endswith((".", ";")) else body
            line = f"{body} ({'; '.join(labels)}){end}"
        out.append(line)
    return "\n".join(out)
