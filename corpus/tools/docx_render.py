"""Render a corpus protocol (`corpus/ID.txt`) as a real Word document, and optionally as PDF.

    python corpus/tools/docx_render.py corpus/ID.txt [--pdf]

Writes `corpus/ID.docx` (python-docx) beside the text: one Word paragraph per line of the text,
the header block and the signatures as a clerk types them, and each assignment table (the text's
LibreOffice-export form: a "№" header cell, then one cell per line, row by row) as a real Word
table with a header row, borders and full-width merged section rows. With `--pdf` LibreOffice
(`soffice --headless`) turns the DOCX into `corpus/ID.pdf`.

The DOCX holds the same words as the text, so the text's gold serves all three formats;
`--check` exports the DOCX back to text with LibreOffice and compares it with `ID.txt`
(whitespace aside) and exits with status 1 on a difference.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).parent))
from pdftext import TABLE_START, read_table  # noqa: E402  (one table reader for both tools)

# relative column widths by the column's header; the table fills a 16.5 cm text block
COLUMN_WEIGHT = [(re.compile(r"^№"), 1.0), (re.compile(r"^Поручени|поручени", re.I), 8.0),
                 (re.compile(r"^Ответственн.*срок", re.I), 5.0), (re.compile(r"^Ответственн", re.I), 4.3),
                 (re.compile(r"^Срок", re.I), 3.2), (re.compile(r""), 3.0)]
# a two-column table without a № column: "Поручение" / "Ответственный, срок", each first cell
# opening with its item number and the second cell holding several lines
TWO_COLUMN_START = re.compile(r"^Поручени[ея]$")
ITEM_CELL = re.compile(r"^\d+(\.\d+)*\.\s")


def _paragraph(doc: Document, line: str, centered: bool) -> None:
    p = doc.add_paragraph(line)
    p.paragraph_format.space_after = Pt(0)
    if centered:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif len(line) > 90:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Cm(1.0)


def _table(doc: Document, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=0, cols=len(header))
    table.style = "Table Grid"
    for cells in [header] + rows:
        row = table.add_row()
        if len(cells) == 1:  # a section row spans the table
            merged = row.cells[0].merge(row.cells[-1])
            merged.text = cells[0]
            merged.paragraphs[0].runs[0].bold = True
            continue
        for cell, value in zip(row.cells, cells):
            first, *more = value.split("\n")  # a paragraph per line, as a clerk types a cell
            cell.text = first
            for line in more:
                cell.add_paragraph(line)
        if cells is header:
            for cell in row.cells:
                cell.paragraphs[0].runs[0].bold = True
    weights = [next(w for rx, w in COLUMN_WEIGHT if rx.search(h)) for h in header]
    widths = [16.5 * w / sum(weights) for w in weights]
    table.autofit = False
    for column, width in zip(table.columns, widths):  # the grid, which LibreOffice reads
        column.width = Cm(width)
    for row in table.rows:  # and each cell, which Word reads
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)


def read_two_column(lines: list[str], i: int) -> tuple[list[str], list[list[str]], int]:
    """Header and rows of a two-column table whose first header cell is lines[i]."""
    header, i = [lines[i], lines[i + 1]], i + 2
    rows: list[list[str]] = []
    while i < len(lines) and lines[i].strip():
        if ITEM_CELL.match(lines[i]) or not rows:
            rows.append([lines[i], ""])
        else:
            rows[-1][1] = (rows[-1][1] + "\n" + lines[i]).lstrip("\n")
        i += 1
    return header, rows, i


def render(text: str) -> Document:
    """The Word document of one protocol text."""
    doc = Document()
    section = doc.sections[0]
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(12)
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    title_zone = True  # the organisation's name and the title are centred, as on a letterhead
    i = 0
    while i < len(lines):
        line = lines[i]
        if TABLE_START.match(line.strip()):
            header, rows, i = read_table(lines, i)
            _table(doc, header, rows)
            continue
        if TWO_COLUMN_START.match(line.strip()) and i + 1 < len(lines) and "срок" in lines[i + 1]:
            header, rows, i = read_two_column(lines, i)
            _table(doc, header, rows)
            continue
        if title_zone and line.upper().startswith("ПРОТОКОЛ"):
            title_zone = False
            _paragraph(doc, line, True)
            if i + 1 < len(lines) and lines[i + 1].strip():
                _paragraph(doc, lines[i + 1], True)
                i += 1
        else:
            _paragraph(doc, line, title_zone and bool(line.strip()))
        i += 1
    return doc


def soffice(src: Path, fmt: str, outdir: Path) -> Path:
    """Convert with LibreOffice; returns the written file."""
    subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", str(outdir), str(src)],
                   check=True, capture_output=True, timeout=300)
    return outdir / f"{src.stem}.{fmt.split(':')[0]}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("txt", type=Path)
    ap.add_argument("--pdf", action="store_true", help="also write ID.pdf with LibreOffice")
    ap.add_argument("--check", action="store_true", help="compare LibreOffice's text export with ID.txt")
    args = ap.parse_args(argv)
    doc_id = args.txt.name.removesuffix(".txt")
    text = args.txt.read_text(encoding="utf-8").lstrip("\ufeff")
    out = args.txt.with_name(f"{doc_id}.docx")
    render(text).save(out)
    if args.pdf:
        soffice(out, "pdf", out.parent)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            back = soffice(out, "txt:Text (encoded):UTF8", Path(tmp)).read_text(encoding="utf-8-sig")
        if back.split() != text.split():
            a, b = back.split(), text.split()
            n = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            print(f"{doc_id}: the DOCX's text differs at word {n}: {a[n:n + 5]} != {b[n:n + 5]}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
