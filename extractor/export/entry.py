"""A document of a batch as the writers see it: its source name, its Protocol, its content hash."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from models import Protocol


@dataclass
class Entry:
    """One document of a batch: where it came from and its protocol."""

    source: str
    protocol: Protocol
    sha256: str | None = None


def as_entries(protocols: Iterable[Protocol | Entry], names: Iterable[str] | None = None) -> list[Entry]:
    """Entries from protocols (named by `names`, else by their `source.name`) or entries."""
    names = list(names) if names is not None else None
    out = []
    for i, p in enumerate(protocols):
        if isinstance(p, Entry):
            out.append(p)
        else:
            out.append(Entry(names[i] if names else (p.source.name or f"document {i + 1}"), p))
    return out


def protocol_date(p: Protocol) -> dt.date | None:
    try:
        return dt.date.fromisoformat(p.header.date.norm) if p.header.date and p.header.date.norm else None
    except ValueError:
        return None
