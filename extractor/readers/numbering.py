"""Word's automatic list numbers, rebuilt from word/numbering.xml as Word displays them.

A numbered paragraph names a list instance (`numId`) and a level (`ilvl`); the instance points at
an abstract definition whose levels give the start value, the number format (decimal,
russianLower, lowerLetter, upperRoman, ...) and the text ("%1.%2."). Word counts per abstract
definition, so two instances of one definition continue each other unless an instance overrides
a level's start (`lvlOverride/startOverride`), which restarts it. Using a level restarts the
deeper ones (unless their `lvlRestart` says otherwise).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_RU_LOWER = "абвгдежзиклмнопрстуфхцчшщэюя"     # Word and LibreOffice skip ё й ъ ы ь
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "o": "o"}


def _val(el, path: str, default=None):
    found = el.find(path) if el is not None else None
    if found is None:
        return default
    return found.get(W + "val", default)


def _roman(n: int) -> str:
    out = []
    for value, digits in _ROMAN:
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


def _letters(n: int, alphabet: str) -> str:
    """a..z, aa..zz, aaa.. (Word repeats the letter)."""
    if n <= 0:
        return str(n)
    k, r = divmod(n - 1, len(alphabet))
    return alphabet[r] * (k + 1)


def format_number(n: int, fmt: str) -> str:
    """`n` in a Word number format."""
    if fmt in ("lowerRoman", "upperRoman"):
        text = _roman(n) if 0 < n < 4000 else str(n)
        return text.upper() if fmt == "upperRoman" else text
    if fmt in ("lowerLetter", "upperLetter"):
        text = _letters(n, "abcdefghijklmnopqrstuvwxyz")
        return text.upper() if fmt == "upperLetter" else text
    if fmt in ("russianLower", "russianUpper"):
        text = _letters(n, _RU_LOWER)
        return text.upper() if fmt == "russianUpper" else text
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None      # lvlRestart: restart after this (1-based) level; 0 = never
    legal: bool = False             # isLgl: show the numbers of all levels as decimal
    suffix: str = " "


def _level(el) -> Level:
    restart = _val(el, W + "lvlRestart")
    suff = _val(el, W + "suff", "tab")
    legal = el.find(W + "isLgl") is not None and _val(el, W + "isLgl", "1") not in ("0", "false")
    return Level(
        start=_int(_val(el, W + "start"), 1),
        fmt=_val(el, W + "numFmt", "decimal") or "decimal",
        text=_val(el, W + "lvlText", "") or "",
        restart=int(restart) if restart and restart.isdigit() else None,
        legal=legal,
        suffix="" if suff == "nothing" else " ",
    )


def _int(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class Numbering:
    """The list numbers of one document, in document order: call `label` for every numbered
    paragraph in the order Word lays them out."""

    def __init__(self, root=None, style_num: dict[str, tuple[str, int | None]] | None = None) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.links: dict[str, str] = {}                 # abstractNum -> numStyleLink style id
        self.nums: dict[str, tuple[str, dict[int, Level | int]]] = {}
        self.style_num = style_num or {}
        self.counters: dict[str, dict[int, int]] = {}
        self.used: set[str] = set()
        if root is None:
            return
        for an in root.iter(W + "abstractNum"):
            aid = an.get(W + "abstractNumId")
            self.abstract[aid] = {_int(lv.get(W + "ilvl")): _level(lv) for lv in an.iter(W + "lvl")}
            link = _val(an, W + "numStyleLink")
            if link:
                self.links[aid] = link
        for num in root.iter(W + "num"):
            overrides: dict[int, Level | int] = {}
            for ov in num.iter(W + "lvlOverride"):
                ilvl = _int(ov.get(W + "ilvl"))
                lvl = ov.find(W + "lvl")
                start = _val(ov, W + "startOverride")
                if lvl is not None:
                    overrides[ilvl] = _level(lvl)
                elif start is not None:
                    overrides[ilvl] = _int(start, 1)
            self.nums[num.get(W + "numId")] = (_val(num, W + "abstractNumId"), overrides)

    def _resolve(self, num_id: str) -> tuple[str, dict[int, Level]] | None:
        """The abstract definition behind a list instance (following numStyleLink once)."""
        if num_id not in self.nums:
            return None
        aid, _ = self.nums[num_id]
        if aid in self.links and not self.abstract.get(aid):
            linked = self.style_num.get(self.links[aid])
            if linked and linked[0] in self.nums and linked[0] != num_id:
                aid = self.nums[linked[0]][0]
        levels = self.abstract.get(aid)
        return (aid, levels) if levels else None

    def label(self, num_id: str | None, ilvl: int) -> str:
        """The number Word shows in front of the next paragraph of list `num_id` at level `ilvl`,
        with its suffix ("2.1. "); "" for no number."""
        if not num_id or num_id == "0":
            return ""
        found = self._resolve(num_id)
        if found is None:
            return ""
        aid, levels = found
        overrides = self.nums[num_id][1]
        ilvl = max(0, min(ilvl, 8))

        def level(k: int) -> Level:
            ov = overrides.get(k)
            return ov if isinstance(ov, Level) else levels.get(k, Level(text=f"%{k + 1}."))

        def start(k: int) -> int:
            ov = overrides.get(k)
            return ov if isinstance(ov, int) else level(k).start

        counters = self.counters.setdefault(aid, {})
        if num_id not in self.used:
            self.used.add(num_id)
            for k in overrides:            # a startOverride restarts the list at this instance
                counters.pop(k, None)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start(ilvl)
        for k in list(counters):
            if k > ilvl:
                restart = level(k).restart
                if restart is None or (restart != 0 and ilvl < restart):
                    del counters[k]
        lvl = level(ilvl)
        if lvl.fmt == "bullet":
            return _BULLETS.get(lvl.text, lvl.text) + lvl.suffix if lvl.text else ""

        def number(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            n = counters.get(k, start(k))
            fmt = "decimal" if lvl.legal and level(k).fmt != "none" else level(k).fmt
            return format_number(n, fmt)

        text = re.sub(r"%([1-9])", number, lvl.text)
        return text + lvl.suffix if text.strip() else ""
