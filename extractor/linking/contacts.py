"""E-mail addresses and URLs, repaired: trailing punctuation off, Cyrillic look-alikes to Latin."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Cyrillic letters that look like Latin ones; typed by accident inside addresses.
LOOKALIKES = str.maketrans({
    "а": "a", "в": "b", "с": "c", "е": "e", "к": "k", "м": "m", "о": "o", "р": "p", "т": "t",
    "у": "y", "х": "x", "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "К": "K", "М": "M",
    "О": "O", "Р": "P", "Т": "T", "У": "Y", "Х": "X",
})
_ADDR = "A-Za-z0-9авсекмортухАВСЕНКМОРТУХ"
EMAIL = re.compile(rf"(?<![\w.@-])[{_ADDR}._%+-]+@[{_ADDR}-]+(?:\.[{_ADDR}-]+)+")
URL = re.compile(r"(?:https?://|www\.)[^\s<>«»\"']+", re.I)
_TRAILING = ".,;:!?)»\"'"


@dataclass(frozen=True)
class Contact:
    start: int
    end: int
    text: str
    value: str
    repaired: bool  # look-alike letters were replaced


def repair(text: str) -> str:
    """Latin letters for Cyrillic look-alikes, but only in mixed-script addresses (кремль.рф is real)."""
    if re.search(r"[A-Za-z]", text) and re.search(r"[А-Яа-яЁё]", text):
        return text.translate(LOOKALIKES)
    return text


def _strip(text: str) -> str:
    while text and text[-1] in _TRAILING:
        if text[-1] == ")" and text.count("(") >= text.count(")"):
            break
        text = text[:-1]
    return text


def find_emails(text: str) -> list[Contact]:
    """E-mail addresses in text, each with its repaired form."""
    out = []
    for m in EMAIL.finditer(text):
        raw = _strip(m.group())
        value = repair(raw)
        if not re.search(r"\.[a-zа-я]{2,}$", value, re.I):
            continue
        out.append(Contact(m.start(), m.start() + len(raw), raw, value, value != raw))
    return out


def find_urls(text: str) -> list[Contact]:
    """URLs in text, trailing punctuation removed."""
    out = []
    for m in URL.finditer(text):
        raw = _strip(m.group())
        value = repair(raw)
        out.append(Contact(m.start(), m.start() + len(raw), raw, value, value != raw))
    return out
