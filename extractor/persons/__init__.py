"""Stage 4 — persons: every person mention and its normalized "Фамилия И.О." form.

In: the cleaned text and natasha's PER spans as a second opinion. Out: `PersonMention`s, and a
`PersonIndex` that normalizes them together (the gender decided from the whole document).
The rest of the code calls `find_person_mentions(text, spans)` and `PersonIndex(mentions).norm(m)`.
"""
from extractor.persons.finder import PersonMention, find_person_mentions
from extractor.persons.index import PersonIndex, normalize_person

__all__ = ["PersonIndex", "PersonMention", "find_person_mentions", "normalize_person"]
