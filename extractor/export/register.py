"""The assignment register: one row per assignment and addressee, as CSV and as an Excel sheet.

    rows = register_rows(entries)                 # entries: [Entry(source, protocol, sha256)]
    Path("assignments.csv").write_bytes(to_csv(rows))
    Path("assignments.xlsx").write_bytes(to_xlsx(rows))

Decisions that ask someone to act (`Decision.asks_action`: assignments and recommendations, the kind is a column) give one row per
addressee; a decision without an addressee gives one row with the addressee empty. The deadline
date is the day the work is due: the date of a date or date-time, the last day of a range, the
computed date of a relative term (empty when its start is not known), the first due date of a
recurring term, empty for open terms. `status` is the control of execution against a given day:
overdue, due_soon (within N days), later, no_date; the Excel sheet fills overdue rows in red.
Used by `protokol bulk` and meant for the web page too: everything takes entries and returns bytes.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Iterable

from models import Decision

from extractor.export.due import STATUS_RU, due_date, due_status
from extractor.export.entry import Entry, protocol_date

# (CSV column, Excel header, Excel width)
COLUMNS = [
    ("document", "Документ", 34), ("protocol_date", "Дата протокола", 12), ("protocol_number", "№ протокола", 14),
    ("decision_id", "Пункт", 8), ("kind", "Вид", 14), ("addressee", "Исполнитель", 34), ("role", "Роль", 16),
    ("action", "Поручение", 80), ("deadline_date", "Срок", 12), ("status", "Контроль", 14),
    ("deadline_time", "Время", 8),
    ("deadline_start", "Начало периода", 12), ("deadline_kind", "Вид срока", 18),
    ("deadline_text", "Срок (как в тексте)", 30), ("emails", "E-mail", 28), ("urls", "Ссылки", 32),
    ("sha256", "SHA-256 документа", 20),
]
FIELDS = [c[0] for c in COLUMNS]

OVERDUE_FILL = "FFC7CE"     # Excel's light red of "bad" cells
KIND_RU = {"assignment": "поручение", "recommendation": "рекомендация"}
ROLE_RU = {"lead": "исполнитель", "co": "соисполнитель", "responsible": "ответственный"}
DEADLINE_RU = {"date": "дата", "datetime": "дата и время", "range": "период", "relative": "относительный",
               "recurring": "регулярно", "ongoing": "постоянно", "as_established": "в установленный срок",
               "event": "по событию"}


def _decision_rows(e: Entry, d: Decision, today: dt.date, soon_days: int) -> list[dict]:
    p, dl = e.protocol, d.deadline
    due = due_date(dl)
    base = {
        "document": e.source, "protocol_date": protocol_date(p),
        "protocol_number": p.header.number.norm if p.header.number else None,
        "decision_id": d.id, "kind": d.kind, "action": " ".join(d.text.split()),
        "deadline_date": due, "status": due_status(due, today, soon_days), "deadline_time": dl.time if dl else None,
        "deadline_start": dl.start_date if dl and dl.kind == "range" else None,
        "deadline_kind": dl.kind if dl else None, "deadline_text": dl.text if dl else None,
        "emails": "; ".join(v.norm or v.text for v in d.emails) or None,
        "urls": "; ".join(v.norm or v.text for v in d.urls) or None,
        "sha256": e.sha256,
    }
    people = d.addressees or [None]
    return [dict(base, addressee=(a.norm or a.text) if a else None, role=a.role if a else None) for a in people]


def register_rows(entries: Iterable[Entry], today: dt.date | None = None, soon_days: int = 7) -> list[dict]:
    """The rows of the register, in document order then decision order; `status` is each due date
    against `today` (default: today), `due_soon` within `soon_days` days (see export/due.py)."""
    today = today or dt.date.today()
    return [row for e in entries for d in e.protocol.decisions if d.asks_action
            for row in _decision_rows(e, d, today, soon_days)]


def _text(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def to_csv(rows: Iterable[dict]) -> bytes:
    """The register as CSV: UTF-8 with a BOM (Excel reads the Cyrillic right), ISO dates."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for row in rows:
        writer.writerow([_text(row.get(f)) for f in FIELDS])
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx(rows: Iterable[dict]) -> bytes:
    """The register as an Excel workbook: a bold frozen header with filters, real dates, wrapped text.
    Written in openpyxl's streaming (write-only) mode: tens of thousands of rows stay cheap."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
    from openpyxl.utils import get_column_letter

    rows = list(rows)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Поручения")
    top = Alignment(vertical="top", wrap_text=True)
    overdue = PatternFill("solid", fgColor=OVERDUE_FILL)
    for style in (NamedStyle("header", font=Font(bold=True), alignment=top), NamedStyle("text", alignment=top),
                  NamedStyle("date", number_format="DD.MM.YYYY", alignment=Alignment(vertical="top")),
                  NamedStyle("plain")):
        wb.add_named_style(style)
        late = NamedStyle(f"{style.name}_overdue", font=style.font, alignment=style.alignment,
                          number_format=style.number_format, fill=overdue)
        wb.add_named_style(late)
    last = get_column_letter(len(COLUMNS))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    for i, (_, _, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    styles = {f: "date" if f in ("protocol_date", "deadline_date", "deadline_start")
              else "text" if f in ("action", "addressee", "deadline_text") else None for f in FIELDS}
    labels = {"kind": KIND_RU, "role": ROLE_RU, "deadline_kind": DEADLINE_RU, "status": STATUS_RU}

    def cell(value, style: str | None):
        if isinstance(value, str):  # a DOCX can carry \x0b and the like; openpyxl refuses them
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if style is None:
            return value
        c = WriteOnlyCell(ws, value=value)
        c.style = style
        return c

    ws.append([cell(c[1], "header") for c in COLUMNS])
    for row in rows:
        late = "_overdue" if row.get("status") == "overdue" else ""     # the whole row is filled
        ws.append([cell(labels[f].get(row.get(f), row.get(f)) if f in labels else row.get(f),
                        ((styles[f] or "plain") + late) if late or styles[f] else None)
                   for f in FIELDS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
