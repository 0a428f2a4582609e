"""Stage 3 — structure: where the header, attendees, agenda questions and decision items are.

In: the cleaned text and its paragraphs (`text.Layout`). Out: a `Structure` of spans (header
zone, chair, secretary, attendees, questions with speakers, decision items with their
deadline/responsible lines, votes, signatures). The rest of the code calls `parse(text, paragraphs)`.
Paragraph kinds are named rules in `lines`; the state machine is `parse`; item placement and ids
are in `items`; assignment tables in `tables`; header fields (number, date, place) in `header`.
`explain(text)` tells which rule named each paragraph and opened each block (also
`PROTOKOL_DEBUG=structure`).
"""
from extractor.structure.explain import explain
from extractor.structure.parse import parse
from extractor.structure.tree import Item, Question, Structure

__all__ = ["Item", "Question", "Structure", "explain", "parse"]
