"""Stage 2 — text: the reader's text cleaned into one paragraph a line, with a map back.

In: the text a reader produced. Out: a `Layout` (cleaned text, paragraphs, offsets into the
original). The rest of the code calls `clean(text)`; linking calls `Grounder(...).span(start, end)`
to turn a span of the cleaned text into original offsets, page and box.
"""
from extractor.text.grounding import Grounder
from extractor.text.layout import Layout, clean

__all__ = ["Grounder", "Layout", "clean"]
