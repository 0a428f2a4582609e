"""The vocabularies, as data files beside this module: one entry a line, `#` starts a comment
(each entry's comment gives a real example). Every stage reads them through `read_data`/`entries`,
so a word list is written once and found in one place."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent


@lru_cache(maxsize=None)
def _lines(name: str) -> tuple[str, ...]:
    out = []
    for raw in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


def read_data(name: str) -> list[str]:
    """Lines of a vocabulary file, without comments and blanks."""
    return list(_lines(name))


def entries(name: str) -> list[list[str]]:
    """Lines of a vocabulary file split on whitespace."""
    return [line.split() for line in _lines(name)]


@lru_cache(maxsize=None)
def section_labels() -> dict[str, tuple[str, ...]]:
    """kind -> label phrases (lower case, longest first) of section_labels.txt."""
    out: dict[str, list[str]] = {}
    for row in entries("section_labels.txt"):
        out.setdefault(row[0], []).append(" ".join(row[1:]))
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def label_start() -> str:
    """Regex source: a paragraph that opens with a section label of any kind ("РЕШИЛИ:", "Решили:",
    "По итогам совещания:", "Формулировка решения:"), capitalised or in capitals. Text layout and the
    PDF reader start a new paragraph there, as structure reads one."""
    alts = []
    for labels in section_labels().values():
        for label in labels:
            words = [re.escape(w) for w in label.split()]
            first = words[0]
            alts.append(rf"(?:{first[0].upper()}(?i:{first[1:]})" + "".join(rf"\s+(?i:{w})" for w in words[1:]) + ")")
    return r"(?:" + "|".join(alts) + r")\s*(?:\([^()]{1,40}\)\s*)?[:.–—-]"
