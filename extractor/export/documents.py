"""The answer for an input of several documents (an e-mail message), the same from `protokol extract`
and the API: a list of entries, one per part, each a protocol, a coded error or a skip."""
from __future__ import annotations


def documents_answer(results: list, render) -> dict:
    """The answer for an input of several documents, the same from `protokol extract` and the API:
    `{"documents": [{"name", "protocol"} | {"name", "error": {"code", "message"}} | {"name", "skipped"}]}`,
    one entry per part in order; `render(name, protocol)` gives the protocol's JSON (model or corpus)."""
    out = []
    for r in results:
        if r.error is not None:
            out.append({"name": r.name, "error": r.error.as_dict()})
        elif r.skipped is not None:
            out.append({"name": r.name, "skipped": r.skipped})
        else:
            out.append({"name": r.name, "protocol": render(r.name, r.protocol)})
    return {"documents": out}


def documents_table(results: list, render) -> str:
    """The assignment tables of the parts, each under its name; errors and skips as one line each."""
    blocks = []
    for r in results:
        if r.error is not None:
            blocks.append(f"== {r.name}\n{r.error}")
        elif r.skipped is not None:
            blocks.append(f"== {r.name}\nskipped: {r.skipped}")
        else:
            blocks.append(f"== {r.name}\n{render(r.protocol)}")
    return "\n\n".join(blocks)
