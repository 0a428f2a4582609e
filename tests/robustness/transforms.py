"""The robustness transformations: small, named, pure functions text -> text, deterministic for a
seed. Each one rewrites a protocol without changing what was decided, by whom and by when, so the
decisions, addressees and deadlines scored against the unchanged gold should barely move.

Each function's docstring ends with "Why it preserves meaning: …". A transformation that finds
nothing to rewrite in a document returns the text unchanged (the runner then reuses the original
score). The vocabulary of markers, labels and list styles is the suite's own, not the extractor's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .items import (bullets_dash, bullets_dot, labels_brackets, labels_inline, labels_own_line, numbering_dot,
                    numbering_letters, numbering_nested, numbering_paren)
from .layout import page_breaks, pdf_export, wrap, wrap_blank_lines, wrap_hyphenated_justified
from .markers import (labels_lower, labels_title, labels_upper, marker_dropped, marker_inline, marker_own_line,
                      marker_po_itogam)
from .tables import table_columns_swapped, table_sections


@dataclass(frozen=True)
class Transform:
    """A named rewrite: `apply(text, seed)`; `why` is the one line on why it preserves meaning."""

    name: str
    apply: Callable[[str, int], str]

    @property
    def why(self) -> str:
        doc = " ".join((self.apply.__doc__ or "").split())
        return doc.split("Why it preserves meaning:", 1)[-1].strip()

    def __call__(self, text: str, seed: int = 0) -> str:
        return self.apply(text, seed)


TRANSFORMS: list[Transform] = [Transform(f.__name__, f) for f in (
    marker_inline, marker_own_line, marker_po_itogam, marker_dropped,
    labels_upper, labels_title, labels_lower,
    numbering_dot, numbering_paren, numbering_nested, numbering_letters, bullets_dash, bullets_dot,
    wrap, wrap_hyphenated_justified, wrap_blank_lines, page_breaks, pdf_export,
    labels_inline, labels_own_line, labels_brackets,
    table_columns_swapped, table_sections,
)]
BY_NAME = {t.name: t for t in TRANSFORMS}
