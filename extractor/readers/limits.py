"""Limits on what a reader accepts, as settings: size, pages, time, unpacked DOCX size, and how
scans are recognized (OCR: on/off, languages, resolution, seconds a page, parallel pages).

Every limit is checked as early as it can be (the byte size before anything, the page count of a
PDF before any page is read, the unpacked size of a DOCX before anything is unpacked), so an
oversized or hostile file is refused fast.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from extractor import errors

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
    max_pixels: int = 120_000_000            # E015: an image (PNG/JPEG/TIFF) or all frames of a TIFF
    # OCR of scans (readers/ocr.py): off -> a scan is E013; no tesseract -> E021
    ocr: bool = True
    ocr_lang: str = "rus+eng"                # Russian text; English for e-mails and URLs
    ocr_dpi: int = 300                       # PDF pages are rendered at this resolution
    ocr_page_seconds: float = 120.0          # tesseract's timeout for one page (the page is skipped)
    # pages recognized in parallel (processes). 1 by default: a bulk run or an API worker already
    # runs one document per process; PROTOKOL_OCR_WORKERS=2 for a single large scan
    ocr_workers: int = field(default_factory=lambda: max(1, int(os.environ.get("PROTOKOL_OCR_WORKERS") or 1)))


class Budget:
    """The time allowed for one document; `check()` raises E018 once it is spent."""

    def __init__(self, limits: Limits) -> None:
        self.seconds = limits.max_seconds
        self.deadline = time.monotonic() + limits.max_seconds

    def extend(self, seconds: float) -> None:
        """More time for slow work that has its own limit (OCR: each page has a timeout)."""
        self.seconds += seconds
        self.deadline += seconds

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise errors.time_limit(self.seconds)
