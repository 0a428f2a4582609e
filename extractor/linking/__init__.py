"""Stage 5 — linking: the structure's spans become the `models.Protocol`.

In: the `Layout`, the `Structure`, the person mentions and a `Grounder`. Out: a `Protocol` whose
every value carries its offsets and normalized form. The rest of the code calls
`Linker(layout, structure, mentions, grounder).protocol()`.
Reading order: `roles` (header fields, chair, secretary) → `people` (attendees, speakers,
positions) → `decisions` (per item: `kinds`, `addressees/`, `deadlines/`, `contacts`, `references`).
"""
from extractor.linking.linker import Linker

__all__ = ["Linker"]
