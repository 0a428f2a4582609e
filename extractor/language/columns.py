"""Column names of assignment tables (data/table_columns.txt): which role a header cell names.
Used by the layout step (a header row of a PDF-exported text, its cells split by runs of spaces) and
by the structure step (a header one cell a line)."""
from __future__ import annotations

import re
from functools import lru_cache

from extractor.data import read_data

ROLES = ("number", "text", "responsible", "deadline", "ignore", "mark")
_SPLIT = re.compile(r"\s*(?:[,;/()]|\s(?:и|или)\s)\s*")


def _phrase_re(words: list[str]) -> str:
    """A phrase of the vocabulary as a pattern: "стем*" any ending, "..." up to four more words."""
    out = ""
    for w in words:
        if w == "...":
            out += r"(?:\s+\S+){0,4}"
            continue
        stem = re.escape(w.rstrip("*")) + (r"[а-яё]*" if w.endswith("*") else "")
        out += (r"\s+" if out else "") + stem
    return out


@lru_cache(maxsize=1)
def _vocabulary() -> list[tuple[str, re.Pattern]]:
    out = []
    for row in read_data("table_columns.txt"):
        role, _, phrase = row.partition(":")
        role = role.strip()
        if role not in ROLES:
            raise ValueError(f"table_columns.txt: unknown role {role!r}")
        out.append((role, re.compile(_phrase_re(phrase.split()) + "$", re.I)))
    return out


@lru_cache(maxsize=65536)
def _part_role(part: str) -> str | None:
    for role, pattern in _vocabulary():
        if role != "mark" and pattern.match(part):
            return role
    return None


def is_mark(line: str) -> bool:
    """A note of an ignored column ("Исполнено", "На контроле"), never a responsible."""
    s = line.strip().rstrip(".").replace("ё", "е")
    return any(role == "mark" and pattern.match(s) for role, pattern in _vocabulary())


@lru_cache(maxsize=65536)   # wrapped text asks it of every line and of many cuts of a line
def cell_role(cell: str) -> str | None:
    """The role a header cell names: "Срок исполнения" -> deadline, "Мероприятие (поручение)" ->
    text, "Ответственный, срок" / "Исполнитель / Срок выполнения" -> combined; None if it is not a
    column name."""
    cell = " ".join(cell.replace("ё", "е").replace("Ё", "Е").split()).strip()
    if not cell or len(cell) > 80 or cell.endswith(":"):
        return None
    whole = _part_role(cell)
    if whole:
        return whole
    parts = [p for p in _SPLIT.split(cell) if p]
    roles = {_part_role(p) for p in parts}
    if not parts or None in roles:
        # a note in brackets: "Ответственный исполнитель (Ф.И.О., должность)", "Срок (дата)"
        bare = re.sub(r"\s*\([^()]*\)", "", cell).strip()
        return _part_role(bare) if bare != cell and bare else None
    if roles == {"responsible", "deadline"}:
        return "combined"
    if len(roles) == 1:
        return roles.pop()   # "№ / п/п", "Мероприятие (поручение)", "Исполнитель / соисполнители"
    return None


class _HeadMatcher:
    """`TABLE_HEAD.match(line)`: is this line a column name of an assignment table?"""

    def match(self, line: str) -> bool:
        return cell_role(line) is not None


TABLE_HEAD = _HeadMatcher()


def header_roles(cells: list[str]) -> list[str] | None:
    """Column roles of a header row, or None when it is not an assignment table (it needs a text
    column and a responsible or deadline column; "№" lines may repeat: "№" / "п/п")."""
    roles = []
    for c in cells:
        role = cell_role(c)
        if role is None:
            return None
        roles.append(role)
    if "text" not in roles:
        return None
    if not {"responsible", "deadline", "combined"} & set(roles):
        return None
    out: list[str] = []
    for r in roles:
        if r == "number" and out and out[-1] == "number":
            continue
        out.append(r)
    return out
