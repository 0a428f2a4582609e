"""The output schema: one `Protocol` per document.

Every extracted value is source-grounded: `start`/`end` are character offsets into the original
text of the document (after decoding), `page` is set for paged formats, and `norm` is the
normalized form (nominative, ISO date, repaired address).
"""
from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

DecisionKind = Literal["assignment", "recommendation", "note", "resolution"]
Role = Literal["lead", "co", "responsible"]
DeadlineKind = Literal[
    "date", "datetime", "range", "relative", "recurring", "ongoing", "as_established", "event"
]
# Decisions that ask someone to act: the rows of the assignment register, the count people see
ASSIGNMENT_KINDS = ("assignment", "recommendation")


class Grounded(BaseModel):
    """A piece of the source text."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The value as written in the document")
    start: int = Field(description="Offset of its first character in the original text")
    end: int = Field(description="Offset just past its last character")
    page: Optional[int] = Field(default=None, description="1-based page, for paged formats")
    bbox: Optional[list[float]] = Field(default=None, description="[x0, y0, x1, y1] on the page, in PDF points "
                                        "with the origin at the bottom left (PDF and scans)")
    source: Optional[Literal["ocr"]] = Field(default=None, description='"ocr" when the text was recognized '
                                             "from a scan (check it against the image)")
    confidence: Optional[float] = Field(default=None, description="for OCR text: the lowest tesseract word "
                                        "confidence over the value, 0-100")


class Value(Grounded):
    """A grounded value with its normalized form."""

    norm: Optional[str] = None


class PersonRef(Value):
    """A mention of a person; `norm` is «Фамилия И.О.» in the nominative."""

    position: Optional[str] = Field(default=None, description="as the document gives it, in the nominative")
    organization: Optional[str] = None


class Person(BaseModel):
    """One person of the document with every mention of them."""

    norm: str
    gender: Optional[Literal["male", "female"]] = None
    position: Optional[str] = None
    organization: Optional[str] = None
    mentions: list[Grounded] = Field(default_factory=list)


class Attendee(BaseModel):
    person: PersonRef
    position: Optional[str] = None


class Addressee(Value):
    """Who must act: `norm` has the head in the nominative."""

    role: Role
    is_person: bool = False


Weekday = Literal["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


class Deadline(Grounded):
    """When: always `kind` and the phrase; the fields that the kind needs."""

    kind: DeadlineKind
    date: Optional[dt.date] = Field(default=None, description="the due day: of a date or date-time; of a relative "
                                    "term when its start is known; the first due day of a recurring term")
    time: Optional[str] = Field(default=None, description="HH:MM")
    tz: Optional[str] = Field(default=None, description="IANA zone when stated, e.g. Europe/Moscow")
    iso: Optional[str] = Field(default=None, description="ISO 8601 date or date-time (+03:00 for Moscow)")
    start_date: Optional[dt.date] = Field(default=None, description="range start")
    end_date: Optional[dt.date] = Field(default=None, description="range end")
    amount: Optional[int] = None
    unit: Optional[Literal["day", "working_day", "week", "month"]] = None
    freq: Optional[Literal["daily", "weekly", "monthly", "quarterly", "yearly"]] = None
    weekdays: Optional[list[Weekday]] = Field(default=None, description='recurring: "по пятницам" -> ["FR"]')
    day_of_month: Optional[int] = Field(default=None, description='recurring: "до 5 числа" -> 5')
    working_day_of_month: Optional[int] = Field(default=None, description='recurring: "не позднее 3-го рабочего '
                                                'дня месяца" -> 3')
    month_of_quarter: Optional[int] = Field(default=None, description='quarterly: "месяца, следующего за отчётным '
                                            'кварталом" -> 1, "последнего месяца квартала" -> 3')
    month: Optional[int] = Field(default=None, description='yearly: "до 1 февраля" -> 2')

    # The one place that knows what each kind means; the console table, the corpus format, the
    # register and the calendar ask these instead of branching on `kind` themselves.
    def due(self) -> Optional[dt.date]:
        """The day the work is due, when the deadline names one: the date of a date, date-time,
        relative or recurring term (its first due date), the last day of a range."""
        if self.kind == "range":
            return self.end_date or self.start_date
        return self.date if self.kind in ("date", "datetime", "relative", "recurring") else None

    def period(self) -> Optional[tuple[dt.date, dt.date]]:
        """First and last day the deadline covers (one day unless it is a range), or None."""
        if self.kind == "range" and (self.start_date or self.end_date):
            return self.start_date or self.end_date, self.end_date or self.start_date
        due = self.due()
        return (due, due) if due else None

    def values(self) -> dict:
        """The normalized values of its kind, as the corpus gold format writes them."""
        out: dict = {}
        if self.kind in ("date", "datetime") and self.date:
            out["date"] = self.date.isoformat()
        if self.kind == "datetime":
            out["time"] = self.time
            if self.tz:
                out["tz"] = self.tz
        if self.kind == "range":
            out["start"] = self.start_date.isoformat() if self.start_date else None
            out["end"] = self.end_date.isoformat() if self.end_date else None
        if self.kind == "relative":
            out["amount"], out["unit"] = self.amount, self.unit
            if self.date:
                out["date"] = self.date.isoformat()
        if self.kind == "recurring":
            out["freq"] = self.freq
        return out

    def summary(self) -> str:
        """The normalized value in a few characters ("2025-03-15", "+10 working_day = 2025-03-28")."""
        if self.kind in ("date", "datetime"):
            return self.iso or self.kind
        if self.kind == "range":
            return f"{self.start_date}..{self.end_date}"
        if self.kind == "relative":
            return f"+{self.amount} {self.unit}" + (f" = {self.date}" if self.date else "")
        if self.kind == "recurring":
            return (self.freq or self.kind) + (f", first {self.date}" if self.date else "")
        return self.kind


class Reference(Grounded):
    """Another document cited by date and/or number ("протокола от 05.07.2023 № Д05-84/05пр")."""

    doc_type: Optional[str] = None
    date: Optional[dt.date] = None
    number: Optional[str] = None


class Vote(Grounded):
    votes_for: Optional[int] = None
    against: Optional[int] = None
    abstained: Optional[int] = None
    unanimous: bool = False


class Decision(Grounded):
    """One decision item (a numbered point of РЕШИЛИ/ПОСТАНОВИЛИ or a row of an assignment table)."""

    id: str
    kind: DecisionKind
    agenda_id: Optional[str] = None
    addressees: list[Addressee] = Field(default_factory=list)
    deadline: Optional[Deadline] = None
    emails: list[Value] = Field(default_factory=list)
    urls: list[Value] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    vote: Optional[Vote] = None

    @property
    def asks_action(self) -> bool:
        """An assignment or a recommendation: someone is asked to act (see ASSIGNMENT_KINDS)."""
        return self.kind in ASSIGNMENT_KINDS


class AgendaItem(Value):
    """A question of the agenda; `text` is its title."""

    id: Optional[str] = None
    speakers: list[PersonRef] = Field(default_factory=list)


class Header(BaseModel):
    body: Optional[Value] = None
    title: Optional[Value] = None
    number: Optional[Value] = None
    date: Optional[Value] = None
    place: Optional[Value] = None
    chair: Optional[PersonRef] = None
    secretary: Optional[PersonRef] = None


class Warning_(BaseModel):
    code: str
    message: str
    start: Optional[int] = None
    end: Optional[int] = None


class Source(BaseModel):
    name: Optional[str] = None
    format: str = "txt"
    chars: int = 0


class Protocol(BaseModel):
    """Everything protokol extracts from one document."""

    schema_version: str = SCHEMA_VERSION
    source: Source = Field(default_factory=Source)
    header: Header = Field(default_factory=Header)
    attendees: list[Attendee] = Field(default_factory=list)
    agenda: list[AgendaItem] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    persons: list[Person] = Field(default_factory=list)
    organizations: list[Value] = Field(default_factory=list)
    locations: list[Value] = Field(default_factory=list)
    warnings: list[Warning_] = Field(default_factory=list)
