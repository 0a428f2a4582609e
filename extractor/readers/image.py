"""Scanned images: a PNG or JPEG is a one-page scan, a TIFF one page a frame; recognized by OCR
(readers/ocr.py). The resolution comes from the file (300 dpi when it does not say), and boxes are
given in points as for a PDF page of the same size.
"""
from __future__ import annotations

import io

from extractor import errors
from extractor.readers.limits import Budget, Limits

_NAMES = {"png": "PNG", "jpeg": "JPEG", "tiff": "TIFF"}


def _frames(data: bytes, kind: str, limits: Limits) -> tuple[list, list[float]]:
    """The page images (grayscale) and their dpi."""
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = None          # checked below against our own limit
    try:
        img = Image.open(io.BytesIO(data))
        frames = getattr(img, "n_frames", 1)
        if frames > limits.max_pages:
            raise errors.too_many_pages(frames, limits.max_pages)
        pixels = 0
        images, dpis = [], []
        for k in range(frames):
            img.seek(k)
            pixels += img.width * img.height
            if pixels > limits.max_pixels:
                raise errors.too_large(pixels, limits.max_pixels, f"the {_NAMES[kind]} image (pixels)")
            dpi = img.info.get("dpi", (0, 0))[0] or 0
            dpi = float(dpi) if 70 <= float(dpi) <= 1200 else 300.0
            images.append(img.convert("L"))
            dpis.append(dpi)
        return images, dpis
    except errors.ProtokolError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise errors.ProtokolError("E011", f"the {_NAMES[kind]} image is damaged and cannot be read "
                                           f"({type(exc).__name__}); scan or save it again") from None


def read_image(data: bytes, kind: str, limits: Limits, budget: Budget):
    """The Document of a scanned image."""
    from extractor.readers import Document
    from extractor.readers.ocr import assemble_scans, check_available

    if not limits.ocr:
        raise errors.scan_without_text(f"the {_NAMES[kind]} image", ocr_off=True)
    check_available(limits.ocr_lang)
    images, dpis = _frames(data, kind, limits)
    numbers = list(range(1, len(images) + 1))
    scales = [72 / d for d in dpis]
    heights = [img.height * s for img, s in zip(images, scales)]
    pages, warnings = assemble_scans(images, numbers, heights, scales, limits, budget)
    parts, starts, boxes, words, pos = [], [], [], [], 0
    for n in numbers:
        piece = pages[n]
        if parts and piece.text:
            parts.append("\n")
            pos += 1
        if n > 1:
            starts.append(pos)
        boxes += [(s + pos, e + pos, *rest) for s, e, *rest in piece.lines]
        words += [(s + pos, e + pos, *rest) for s, e, *rest in piece.words]
        parts.append(piece.text)
        pos += len(piece.text)
    text = "".join(parts)
    if not text.strip():
        raise errors.scan_without_text(f"the {_NAMES[kind]} image")
    if len(text) > limits.max_chars:
        raise errors.too_large(len(text), limits.max_chars, "the text of the document")
    return Document(text, kind, starts, boxes=boxes,
                    warnings=warnings, ocr_words=words)
