"""Decisions: each structure item becomes a `models.Decision` with its kind, addressees
(inherited from a header item, in its text, on its Ответственный lines), deadline, e-mails, URLs,
references and vote."""
from __future__ import annotations

import datetime
import re

from models import Addressee, Deadline, Decision, Reference, Value, Vote, Warning_
from extractor.linking import addressees as addr
from extractor.linking.addressees import register
from extractor.linking.contacts import find_emails, find_urls
from extractor.linking.deadlines import find_deadline
from extractor.linking.kinds import decision_kind
from extractor.linking.people import People
from extractor.linking.references import find_references
from extractor.structure.tree import Item, Structure

_VOTE_NUM = re.compile(r"(за|против|воздержал\w*)»?\s*[–—:-]?\s*(\d+|нет)", re.I)


class DecisionLinker:
    """Links the items of one structure; warnings it raises are collected in `warnings`."""

    def __init__(self, text: str, st: Structure, people: People, date: datetime.date | None) -> None:
        self.text, self.st, self.people, self.date = text, st, people, date
        self.g = people.g
        self.warnings: list[Warning_] = []

    def decisions(self) -> list[Decision]:
        out: list[Decision] = []
        inherited: dict[int, list[Addressee]] = {}
        for item in self.st.items:
            if item.is_header:
                parent = inherited.get(id(item.parent), []) if item.parent else []
                inherited[id(item)] = parent + self._addressees(*(item.table_text or (item.start, item.end)))
                continue
            if not re.search(r"[А-Яа-яЁёA-Za-z]{3}", self.text[slice(*(item.table_text or (item.start, item.end)))]):
                continue  # an empty cell or OCR noise ("ПРИНЯЛИ РЕШЕНИЕ: С") is not a decision
            out.append(self.decision(item, inherited))
        return out

    def decision(self, item: Item, inherited: dict[int, list[Addressee]]) -> Decision:
        start, end = item.table_text or (item.start, item.end)
        text = self.text[start:end]
        # "Исп.: …" / "Ответственный: …" on own lines, inline or "(ответственные: …; срок: …)": the
        # item's own wording ends before them; those named there are responsible (register.py)
        parts = [] if item.table_text else register.parts(text)
        own = [] if item.table_text else self._addressees(start, start + register.main_end(text, parts))
        header_addr = inherited.get(id(item.parent), []) if item.parent else []
        responsible = [(s, e, "responsible") for s, e in item.responsible
                       if not any(s < start + p.end and start + p.start < e for p in parts)]
        responsible += [(start + p.start, start + p.end, p.role) for p in parts]
        addressees = header_addr + own + self._responsible(sorted(responsible))
        parent_text = self.text[item.parent.start:item.parent.end] if item.parent else ""
        kind = decision_kind(text, bool(addressees), parent_text)
        dl = None
        if item.deadline:
            dl = self._deadline(*item.deadline, cell=True)
        if dl is None:
            dl = self._deadline(start, end, cell=False)
        emails = []
        for c in find_emails(text):
            if c.repaired:
                self.warnings.append(Warning_(code="W_EMAIL_REPAIRED", message=f"{c.text} -> {c.value}"))
            emails.append(Value(norm=c.value, **self.g.span(start + c.start, start + c.end)))
        urls = [Value(norm=c.value, **self.g.span(start + c.start, start + c.end)) for c in find_urls(text)]
        refs = []
        year = self.date.year if self.date else None
        for r in find_references(text, year):
            refs.append(Reference(date=r.date, number=r.number, doc_type=r.doc_type, **self.g.span(start + r.start, start + r.end)))
        return Decision(id=item.id, kind=kind, agenda_id=item.question.id if item.question else None,
                        addressees=addressees, deadline=dl, emails=emails, urls=urls, references=refs,
                        vote=self._vote(item.vote), **self.g.span(start, end))

    def _addressees(self, start: int, end: int) -> list[Addressee]:
        return [Addressee(norm=a.norm, role=a.role, is_person=a.is_person, **self.g.span(start + a.start, start + a.end))
                for a in addr.find_addressees(self.text[start:end], self.people.norm)]

    def _responsible(self, spans: list[tuple[int, int, str]]) -> list[Addressee]:
        return [Addressee(norm=a.norm, role=a.role, is_person=a.is_person, **self.g.span(s + a.start, s + a.end))
                for s, e, role in spans for a in addr.responsible_addressees(self.text[s:e], self.people.norm, role)]

    def _deadline(self, start: int, end: int, cell: bool) -> Deadline | None:
        d = find_deadline(self.text[start:end], self.date, cell=cell)
        if d is None:
            return None
        iso = None
        if d.date:
            iso = d.date.isoformat()
            if d.time:
                iso += f"T{d.time}:00" + ("+03:00" if d.tz == "Europe/Moscow" else "")
        span = self.g.span(start + d.start, start + d.end)
        if d.unknown_years:
            self.warnings.append(Warning_(
                code="W_CALENDAR_UNKNOWN_YEAR", start=span["start"], end=span["end"],
                message=f"{d.text}: no production calendar for {', '.join(map(str, sorted(d.unknown_years)))}; "
                        f"working days counted Monday to Friday, check the date {d.date}"))
        return Deadline(kind=d.kind, date=d.date, time=d.time, tz=d.tz, iso=iso, start_date=d.range_start,
                        end_date=d.range_end, amount=d.amount, unit=d.unit, freq=d.freq, weekdays=d.weekdays,
                        day_of_month=d.day_of_month, working_day_of_month=d.working_day_of_month,
                        month_of_quarter=d.month_of_quarter, month=d.month, **span)

    def _vote(self, span: tuple[int, int] | None) -> Vote | None:
        if not span:
            return None
        para = self.text[span[0]:span[1]]
        v = Vote(unanimous=bool(re.search(r"единогласно", para, re.I)), **self.g.span(*span))
        for word, num in _VOTE_NUM.findall(para):
            n = 0 if num == "нет" else int(num)
            w = word.lower()
            if w == "за":
                v.votes_for = n
            elif w == "против":
                v.against = n
            else:
                v.abstained = n
        return v
