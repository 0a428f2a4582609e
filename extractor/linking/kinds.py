"""Decision kind: note / recommendation / assignment / resolution.

Wording decides note and recommendation (data/decision_kinds.txt); otherwise the executor does:
someone named to act makes an assignment, nobody named makes a resolution.
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor.data import read_data


_ABBREVIATION = re.compile(r"(?<![а-яё])([а-яё]{1,3})\.(?=[\s),;»]|[а-яё]\.)")


@lru_cache(maxsize=1)
def _rules() -> list[tuple[str, re.Pattern]]:
    rules = []
    for line in read_data("decision_kinds.txt"):
        kind, pattern = line.split(None, 1)
        rules.append((kind, re.compile(pattern.strip(), re.I)))
    return rules


def decision_kind(text: str, has_addressees: bool, parent_text: str = "") -> str:
    """The kind of a decision item; `parent_text` is the header item a sub-item belongs to."""
    # "в г. Нижнекаменске", "(Тагиров А.М.)": the dots of abbreviations and initials end no sentence
    lowered = _ABBREVIATION.sub(r"\1", " ".join(text.lower().split()))
    parent = " ".join(parent_text.lower().split())
    for kind, pattern in _rules():
        if pattern.search(lowered) or (kind == "recommendation" and parent and pattern.search(parent)):
            return kind
    return "assignment" if has_addressees else "resolution"
