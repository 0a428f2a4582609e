"""Scans: page images recognized with tesseract (through pytesseract), word boxes and confidences kept.

    words = ocr_image(image, limits)                 # tesseract's TSV: one OcrToken a word
    page = page_text(words, number=2, scale=72/300, height=842)
    page.text, page.lines, page.words               # text, line boxes, (start, end, page, box, conf)

The text has the shape of tesseract's own text output (the words of a line joined by spaces, a line
a line, a blank line between paragraphs); `layout.clean` rejoins the wrapped lines as it does for
any PDF text. Genre repairs (ocr_repairs) run on the words of each line before the text is built,
so every offset, box and confidence refers to the repaired text that the pipeline sees.

Tesseract is an optional system dependency: without it a scan is E021 (with the apt-get command).
Settings (in `Limits`): `ocr` (False: a scan is E013), `ocr_lang` ("rus+eng": Russian text, Latin
for e-mails and URLs), `ocr_dpi` (300), `ocr_page_seconds` (tesseract's timeout for one page),
`ocr_workers` (pages recognized in parallel, processes; default 1, since a bulk run already has a
process per document; PROTOKOL_OCR_WORKERS sets it). PROTOKOL_TESSERACT names the tesseract
command (default: `tesseract` on PATH; a missing path makes a scan E021). Each tesseract runs single-threaded
(OMP_THREAD_LIMIT=1 unless set): on a small machine OpenMP threads make a page two times slower.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from extractor import errors
from extractor.readers.limits import Budget, Limits
from extractor.readers.ocr_repairs import repair_line
from extractor.readers.ocr_token import OcrToken

# (start, end, page, x0, y0, x1, y1, confidence): one recognized word of Document.text, its box in
# points from the bottom-left corner of the page (as PDF boxes), tesseract's confidence 0-100
OcrWord = tuple[int, int, int, float, float, float, float, float]
Box = tuple[int, int, int, float, float, float, float]


@dataclass
class PageText:
    text: str
    lines: list[Box]
    words: list[OcrWord]


def _pytesseract():
    try:
        import pytesseract
    except ImportError:
        raise errors.ocr_unavailable("the Python package pytesseract is not installed "
                                     "(pip install pytesseract)") from None
    # PROTOKOL_TESSERACT names the program (a path, or a missing one to act as a machine without it);
    # only over pytesseract's default, so a caller that set tesseract_cmd itself keeps its choice
    command = os.environ.get("PROTOKOL_TESSERACT")
    if command and pytesseract.pytesseract.tesseract_cmd == "tesseract":
        pytesseract.pytesseract.tesseract_cmd = command
    return pytesseract


def check_available(lang: str = "rus+eng") -> None:
    """Raise E021 unless the tesseract program and its languages are installed."""
    pt = _pytesseract()
    try:
        pt.get_tesseract_version()
    except Exception:
        raise errors.ocr_unavailable() from None
    try:
        have = set(pt.get_languages(config=""))
    except Exception:
        have = set()
    missing = [code for code in lang.split("+") if have and code not in have]
    if "rus" in missing:
        raise errors.ocr_unavailable("tesseract has no Russian language data", package="tesseract-ocr-rus")


def available(lang: str = "rus+eng") -> bool:
    try:
        check_available(lang)
        return True
    except errors.ProtokolError:
        return False


def _languages(lang: str) -> str:
    """The requested languages that tesseract has (eng is optional: Russian alone still reads)."""
    pt = _pytesseract()
    try:
        have = set(pt.get_languages(config=""))
    except Exception:
        return lang
    codes = [c for c in lang.split("+") if not have or c in have]
    return "+".join(codes) or lang


def ocr_image(image, lang: str, timeout: float) -> list[OcrToken]:
    """The words tesseract reads on one page image, in its reading order."""
    pt = _pytesseract()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if image.mode not in ("L", "RGB", "1"):
        image = image.convert("RGB")
    try:
        data = pt.image_to_data(image, lang=lang, config="--psm 3", output_type=pt.Output.DICT,
                                timeout=max(0.001, float(timeout)))
    except RuntimeError as exc:
        if "timeout" in str(exc).lower():
            raise TimeoutError(str(exc)) from None
        raise
    except pt.TesseractNotFoundError:
        raise errors.ocr_unavailable() from None
    out = []
    for k, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][k])
        if not text or conf < 0:
            continue
        x, y, w, h = (float(data[key][k]) for key in ("left", "top", "width", "height"))
        out.append(OcrToken(text, conf, x, y, x + w, y + h,
                            int(data["block_num"][k]), int(data["par_num"][k]), int(data["line_num"][k])))
    return out


def _lines(tokens: list[OcrToken]) -> list[tuple[tuple[int, int], list[OcrToken]]]:
    """Tokens grouped into tesseract's lines, each with its (block, paragraph)."""
    out: list[tuple[tuple[int, int], list[OcrToken]]] = []
    key = None
    for t in tokens:
        k = (t.block, t.par, t.line)
        if k != key:
            out.append(((t.block, t.par), []))
            key = k
        out[-1][1].append(t)
    return out


def page_text(tokens: list[OcrToken], number: int, scale: float, height: float, offset: int = 0) -> PageText:
    """The text of one page with line boxes and word spans; offsets start at `offset`.

    `scale` turns pixels into points and `height` is the page height in points (boxes are given
    from the bottom-left corner, as the PDF reader gives them)."""

    parts: list[str] = []
    lines: list[Box] = []
    words: list[OcrWord] = []
    pos = offset
    para = None
    for key, line in _lines(tokens):
        line = repair_line(line)
        if not line:
            continue
        if parts:
            sep = "\n\n" if key != para else "\n"
            parts.append(sep)
            pos += len(sep)
        para = key
        start = pos
        for i, t in enumerate(line):
            if i:
                parts.append(" ")
                pos += 1
            parts.append(t.text)
            words.append((pos, pos + len(t.text), number, t.x0 * scale, height - t.y1 * scale,
                          t.x1 * scale, height - t.y0 * scale, round(t.conf, 1)))
            pos += len(t.text)
        x0, x1 = min(t.x0 for t in line), max(t.x1 for t in line)
        y0, y1 = min(t.y0 for t in line), max(t.y1 for t in line)
        lines.append((start, pos, number, x0 * scale, height - y1 * scale, x1 * scale, height - y0 * scale))
    text = "".join(parts)
    return PageText(text + "\n" if text else "", lines, words)


def _recognize(job: tuple) -> list[OcrToken] | str:
    """One page in a worker: tokens, or an error message (a timeout must not stop the others)."""
    image, lang, timeout = job
    try:
        return ocr_image(image, lang, timeout)
    except TimeoutError:
        return f"took longer than {timeout:g} s"
    except errors.ProtokolError:
        raise
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"[:160]


def recognize(images: list, limits: Limits, budget: Budget) -> list[list[OcrToken] | str]:
    """Tokens of every page image (or an error message for a page), pages in parallel when
    `limits.ocr_workers` > 1. The document's time budget grows by the per-page limit of each page
    (divided among the workers); each page is stopped by tesseract's own timeout."""
    check_available(limits.ocr_lang)
    lang = _languages(limits.ocr_lang)
    workers = max(1, min(limits.ocr_workers, len(images)))
    budget.extend(limits.ocr_page_seconds * -(-len(images) // workers))
    jobs = [(img, lang, limits.ocr_page_seconds) for img in images]
    if workers == 1:
        out = []
        for job in jobs:
            budget.check()
            out.append(_recognize(job))
        return out
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_recognize, jobs))


def render_pdf(data: bytes, numbers: list[int], dpi: int) -> list:
    """Page images (grayscale, `dpi`) of the given 1-based pages, rendered by pdfium."""
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise errors.ocr_unavailable("the Python package pypdfium2 is not installed (pip install pypdfium2)") from None
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:
        raise errors.corrupt_pdf(f"the scan could not be rendered: {exc}"[:160]) from None
    try:
        images = []
        for n in numbers:
            page = pdf[n - 1]
            images.append(page.render(scale=dpi / 72, grayscale=True).to_pil())
            page.close()
        return images
    finally:
        pdf.close()


def assemble_scans(images: list, numbers: list[int], heights: list[float], scales: list[float],
                   limits: Limits, budget: Budget) -> tuple[dict[int, PageText], list[str]]:
    """PageText (offsets from 0) of every scanned page by its number, and warnings."""
    results = recognize(images, limits, budget)
    pages, warnings = {}, []
    for n, height, scale, res in zip(numbers, heights, scales, results):
        if isinstance(res, str):
            warnings.append(f"page {n} could not be recognized (OCR): {res}")
            res = []
        pages[n] = page_text(res, n, scale, height)
    warnings.append(f"text of page(s) {_ranges(numbers)} recognized from the image (OCR, tesseract): "
                    "check the values marked with their confidence")
    return pages, warnings


def _ranges(numbers: list[int]) -> str:
    out, run = [], []
    for n in numbers:
        if run and n == run[-1] + 1:
            run.append(n)
            continue
        if run:
            out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [n]
    if run:
        out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
    return ", ".join(out)
