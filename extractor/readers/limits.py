"""Limits on what a reader accepts, as settings: size, pages, time, unpacked DOCX size.

Every limit is checked as early as it can be (the byte size before anything, the page count of a
PDF before any page is read, the unpacked size of a DOCX before anything is unpacked), so an
oversized or hostile file is refused fast.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from .. import errors

MB = 1_000_000


@dataclass(frozen=True)
class Limits:
    """What one document may cost. Over a limit the reader raises a coded ProtokolError."""

    max_bytes: int = 20 * MB                 # E015: the file itself
    max_pages: int = 500                     # E014: PDF pages
    max_seconds: float = 60.0                # E018: reading one document
    max_unpacked_bytes: int = 200 * MB       # E017: all DOCX members, unpacked
    max_part_bytes: int = 50 * MB            # E017: one DOCX member (word/document.xml), unpacked
    max_ratio: float = 100.0                 # E017: unpacked/packed ratio of a large member
    ratio_floor_bytes: int = 5 * MB          # the ratio is judged only for members larger than this
    max_members: int = 10_000                # E017: entries in the DOCX zip
    max_chars: int = 5_000_000               # E015: text produced (a protocol is far smaller)


class Budget:
    """The time allowed for one document; `check()` raises E018 once it is spent."""

    def __init__(self, limits: Limits) -> None:
        self.seconds = limits.max_seconds
        self.deadline = time.monotonic() + limits.max_seconds

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise errors.time_limit(self.seconds)
