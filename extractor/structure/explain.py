"""Why the structure came out as it did: each paragraph's kind and the rule that named it, the events
(which rule opened a decision block, which proposal was dropped) and the items found."""
from __future__ import annotations

from extractor.structure.parse import parse


def explain(text: str) -> str:
    """A readable report of the structure of a cleaned protocol text (one paragraph a line)."""
    from extractor.text import clean

    layout = clean(text)
    st = parse(layout.text, layout.paragraphs())
    starts = {it.start: it for it in st.items}
    rows = []
    for ln in st.lines:
        para = layout.text[ln.start:ln.end]
        item = next((it for s, it in starts.items() if ln.start <= s < ln.end), None)
        tag = f"  -> item {item.id}" if item else ""
        rows.append(f"{ln.kind:<13} {ln.rule:<17} {ln.marker:<5} {para[:70]!r}{tag}")
    rows += [f"* {event}" for event in st.trace]
    rows += [f"! {code}: {message}" for code, message in st.warnings]
    return "\n".join(rows)
