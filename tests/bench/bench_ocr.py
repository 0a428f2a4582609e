"""OCR seconds per page and per document on this machine: the scans of ../shared/corpus/real (or, without
them, a page drawn here), read by `read_document` (render + tesseract + repairs), sequentially and
with the pages in parallel.

    .venv/bin/python tests/bench/bench_ocr.py [workers ...]      # default: 1 and 2
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractor.readers import Limits, read_document  # noqa: E402

REAL = ROOT.parent / "shared" / "corpus" / "real"
SCANS = ["snt_orbita_2023_08_30_protokol4", "tsj_erino_oss_2024_04_11", "tsj_erino_pravlenie_2024_04_14"]


def documents() -> list[tuple[str, bytes]]:
    found = [(name, (REAL / f"{name}.pdf").read_bytes()) for name in SCANS if (REAL / f"{name}.pdf").exists()]
    if found:
        return found
    from tests.test_ocr import png_bytes, scan_image

    return [("drawn_page.png", png_bytes(scan_image()))]


def main() -> None:
    workers = [int(a) for a in sys.argv[1:]] or [1, 2]
    docs = documents()
    print(f"cpus: {os.cpu_count()}; OMP_THREAD_LIMIT={os.environ.get('OMP_THREAD_LIMIT', '1 (set by ocr.py)')}")
    for w in workers:
        total_s = total_pages = 0
        print(f"\nocr_workers={w}")
        print(f"  {'document':<36} {'pages':>5} {'s/doc':>7} {'s/page':>7} {'words':>6} {'conf<80':>7}")
        for name, data in docs:
            t = time.perf_counter()
            doc = read_document(data, name, Limits(ocr_workers=w))
            s = time.perf_counter() - t
            pages = len(doc.pages or []) + 1
            low = sum(1 for x in doc.ocr_words or [] if x[-1] < 80)
            total_s, total_pages = total_s + s, total_pages + pages
            print(f"  {name:<36} {pages:>5} {s:>7.1f} {s / pages:>7.2f} {len(doc.ocr_words or []):>6} {low:>7}")
        print(f"  {'all':<36} {total_pages:>5} {total_s / len(docs):>7.1f} {total_s / total_pages:>7.2f}")


if __name__ == "__main__":
    main()
