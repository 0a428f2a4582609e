"""Does a paragraph read as a decision by its own content, whatever label (if any) stands before it?

The genre writes a decision as an order whose predicate is an infinitive: "Утвердить план …",
"Поручить отделу …", "Начальнику МКУ (Ефимов П.П.) обеспечить …", "Информацию … принять к
сведению", "Контроль … возложить на …". A speech summary has a finite verb first ("Иванов И.И.
сообщил …, предложил провести …") and narrative has none ("Следующее заседание состоится …").
"""
from __future__ import annotations

import re
from functools import lru_cache

from extractor.language import morph
from extractor.language.lexicon import is_infinitive

_MARKER = re.compile(r"^\s*(?:[–—•·-]|(?:\d{1,2}\.){1,4}\d{0,2}|\d{1,2}\)|[а-яё]\))\s*")
_WORD = re.compile(r"(?P<init>[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?)|[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*|[«»()\"]|[.;:!?]")
_CLOSE = {"«": "»", "(": ")", '"': '"'}
_NOT_PREDICATES = frozenset("Решение решение Срок срок".split())


@lru_cache(maxsize=65536)
def _predicate_kind(word: str) -> str | None:
    """'inf' for an infinitive, 'finite' for a finite verb or a short participle, else None."""
    if is_infinitive(word):
        return "inf"
    best = morph.parses(word)[0].tag if morph.parses(word) else None
    if best is not None and best.POS in ("VERB", "PRTS"):
        return "finite"
    return None


def is_directive(paragraph: str, limit: int = 30) -> bool:
    """True when the first predicate of the paragraph's first sentence is an infinitive, found within
    `limit` words (brackets and quotes skipped), and the paragraph does not open a speech summary
    ("Ефимов П.П. – на расчистке …")."""
    body = _MARKER.sub("", paragraph, count=1)
    if re.match(r"[А-ЯЁ][а-яё]+\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.\s*[–—-]\s", body):
        return False
    count, i = 0, 0
    tokens = [m.group() if not m.group("init") else "И." for m in _WORD.finditer(body)]
    while i < len(tokens) and count < limit:
        tok = tokens[i]
        if tok in _CLOSE:                      # skip a bracket or a quoted name (nesting-aware)
            depth, j, first_close = 1, i + 1, None
            while j < len(tokens) and depth:
                closes = tokens[j] == _CLOSE[tok]
                first_close = j + 1 if closes and first_close is None else first_close
                depth += -closes if tok == '"' else (tokens[j] == tok) - closes
                j += 1
            # typography often prints one » for nested quotes: ООО «УК «Жилкомфорт»
            i = j if not depth else (first_close or j)
            continue
        if tok in "»)" or tok == "И.":
            i += 1
            continue
        if tok == "." and i and len(tokens[i - 1]) <= 3 and tokens[i - 1].islower():
            i += 1             # "г. Нижнекаменске", "ул. Ленина", "т.ч.": an abbreviation, not a full stop
            continue
        if tok in ".;!?":
            return False
        if tok == ":" or tok in _NOT_PREDICATES:
            i += 1
            continue
        kind = _predicate_kind(tok)
        if kind == "inf":
            return True
        if kind == "finite":
            return False
        count += 1
        i += 1
    return False
