"""The word record of OCR, shared by the recognizer (`ocr`) and the genre repairs (`ocr_repairs`)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class OcrToken:
    """A word as tesseract gave it (pixels, top-left origin), or as a repair left it."""

    text: str
    conf: float
    x0: float
    y0: float
    x1: float
    y1: float
    block: int = 0
    par: int = 0
    line: int = 0
