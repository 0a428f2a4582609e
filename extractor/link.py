"""Linking: turn the structure and the language layer into the `Protocol` model.

Every span found here is in the cleaned text; `Grounder` maps it back to the original text (and
page) at the boundary, so models only ever carry source offsets.
"""
from __future__ import annotations

import bisect
import datetime
import re

from models import (
    Addressee, AgendaItem, Attendee, Deadline, Decision, Grounded, Header, Person, PersonRef,
    Protocol, Reference, Value, Vote, Warning_,
)

from . import addressees as addr
from .contacts import find_emails, find_urls
from .deadlines import find_deadline
from .header import header as read_header
from .kinds import decision_kind
from .nominative import nominative
from .grounding import Grounder
from .layout import Layout
from .persons import PersonIndex, PersonMention
from .references import find_references
from .structure import Item, Structure

_SEPARATORS = re.compile(r"^[\s,;:(и]*$")
# "... провести в апреле 2025 г. Ответственный: Рыбаков Д.А. Срок: ..." inside an item's paragraph
_INLINE_RESPONSIBLE = re.compile(
    r"(?<![А-Яа-яЁё])Ответственн(?:ый|ая|ые|ое)(?:\s+(?:исполнител\w*|за\s+исполнение))?\s*[:–—-]\s*"
    r"(?P<who>(?:[^.;]|(?<=[А-ЯЁ])\.)+?)\.?(?=\s*(?:Срок\w*(?:\s+исполнения)?\s*[:–—-]|$))")
_CHAIRED = re.compile(r"[^.]{0,60}\sпров[её]л[аи]?\s+(?:\w+\s+){0,2}(?:совещание|заседание)|"
                      r"под\s+председательством\s+[^.,;]{0,80}", re.I)
# "Заслушав выступление проректора ФГБОУ ... Бондарь О.А." - the position runs up to the name
_HEARD_WHOM = re.compile(r"заслушав(?:\s+и\s+обсудив)?\s+(?:выступлени\w+|информаци\w+|доклад\w*|сообщени\w+)\s+", re.I)
_VOTE_NUM = re.compile(r"(за|против|воздержал\w*)»?\s*[–—:-]?\s*(\d+|нет)", re.I)


def _merge_role(roles: dict, norm: str, position: str | None, org: str | None) -> None:
    """Keep the first position and the first organization found for a person."""
    old_pos, old_org = roles.get(norm, (None, None))
    roles[norm] = (old_pos or position, old_org or org)


class Linker:
    """Builds the Protocol of one document."""

    def __init__(self, layout: Layout, struct: Structure, mentions: list[PersonMention],
                 grounder: Grounder) -> None:
        self.text = layout.text
        self.st = struct
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self.index = PersonIndex(mentions)
        self._norms = {" ".join(m.text.split()): self.index.norm(m) for m in self.mentions}
        self.g = grounder
        self.warnings: list[Warning_] = []
        self.date: datetime.date | None = None

    # -- persons -------------------------------------------------------------------------
    def _mentions_in(self, start: int, end: int) -> list[PersonMention]:
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def person_ref(self, m: PersonMention) -> PersonRef:
        return PersonRef(norm=self.index.norm(m), **self.g.span(m.start, m.end))

    def speaker_persons(self, start: int, end: int) -> list[PersonMention]:
        """Who speaks in a СЛУШАЛИ/ВЫСТУПИЛИ/Докладчик span: in each ';'-part, the person named first
        (after at most a position: "Учёного секретаря Черных Е.В., которая ...") and those listed with it."""
        out: list[PersonMention] = []
        pos = start
        for part in re.split(r"(;)", self.text[start:end]):
            s, e = pos, pos + len(part)
            pos = e
            found = self._mentions_in(s, e)
            if not found or part == ";":
                continue
            prefix = self.text[s:found[0].start]
            if len(prefix) > 80 or re.search(r"[.!?]\s", prefix):
                continue
            out.append(found[0])
            last = found[0].end
            for m in found[1:]:
                if not _SEPARATORS.match(self.text[last:m.start]):
                    break
                out.append(m)
                last = m.end
        return out

    def person_norm(self, text: str) -> str | None:
        """Document-aware norm of a person mention given as text (the document's own mentions first)."""
        key = " ".join(text.split())
        if key not in self._norms:
            from .persons import find_person_mentions

            found = find_person_mentions(text)
            whole = len(found) == 1 and found[0].end - found[0].start >= len(text.strip()) - 2
            self._norms[key] = self.index.norm(found[0]) if whole else None
        return self._norms[key]

    # -- header ----------------------------------------------------------------------------
    def header(self) -> Header:
        h, self.date = read_header(self.text, self.st.header, self.g.span)
        for role in ("chair", "secretary"):
            span = getattr(self.st, role)
            if span and (found := self._mentions_in(*span)):
                n = self.st.role_index.get(role, 0)
                setattr(h, role, self.person_ref(found[n] if n < len(found) else found[0]))
        h.chair = h.chair or self._chair_in_text()
        for role, word in (("chair", "председател"), ("secretary", "секретар")):
            if getattr(h, role) is None:
                setattr(h, role, self._role_from_lists(word) or self._elected(word))
        return h

    def _elected(self, word: str) -> PersonRef | None:
        """A general meeting elects its own chair and secretary: "Избрать председателем собрания
        А.В. Онищенко", "секретарём собрания – Уварову Н.М."."""
        pattern = re.compile(word + r"\w*\s+(?:общего\s+)?(?:собрания|заседания)\s*[–—-]?\s*", re.I)
        for ln in self.st.lines:
            for m in pattern.finditer(self.text[ln.start:ln.end]):
                at = ln.start + m.end()
                found = self._mentions_in(at, min(ln.end, at + 40))
                if found and found[0].start - at <= 3:
                    return self.person_ref(found[0])
        return None

    def _chair_in_text(self) -> PersonRef | None:
        """ "Татьяна Голикова провела заседание", "совещание под председательством ..."."""
        for s, e in self.st.header + [(ln.start, ln.end) for ln in self.st.lines[:12]]:
            para = self.text[s:e]
            m = _CHAIRED.search(para)
            if not m:
                continue
            found = self._mentions_in(s + m.start(), s + m.end())
            if found:
                return self.person_ref(found[0])
        return None

    def _role_from_lists(self, word: str) -> PersonRef | None:
        """An attendee listed as "– Председатель Совета директоров", or a signature
        "Председатель Правления ... Заика В.П." at the end."""
        for s, e in self.st.attendees:
            for m in self._mentions_in(s, e):
                tail = self.text[m.end:e]
                if re.match(r"\s*[–—-]\s*" + word, tail, re.I):
                    return self.person_ref(m)
        for s, e in self.st.signatures:
            para = self.text[s:e]
            if re.match(word, para, re.I) and not re.match(r"заместител", para, re.I):
                found = self._mentions_in(s, e) or self._mentions_in(e, e + 40)
                if found:
                    return self.person_ref(found[0])
        return None

    # -- agenda ---------------------------------------------------------------------------
    def agenda(self) -> list[AgendaItem]:
        out = []
        for q in self.st.questions:
            if q.title is None and not q.speaker_spans:
                continue
            speakers: list[PersonMention] = []
            title = None
            if q.title:
                s, e = q.title
                para = self.text[s:e]
                cut = re.search(r"\s*(?:\((?P<br>[^()]*)\)\s*\.?|[.,]?\s*Докладчик\w*\s*[:–-]\s*(?P<rep>.*))\s*$", para)
                if cut and self._mentions_in(s + cut.start(), e):
                    speakers += self._mentions_in(s + cut.start(), e)
                    e = s + cut.start()
                title = (s, e)
            for s, e in q.speaker_spans:
                speakers += self.speaker_persons(s, e)
            seen, refs = set(), []
            for m in speakers:
                norm = self.index.norm(m)
                if norm not in seen:
                    seen.add(norm)
                    refs.append(self.person_ref(m))
            span = self.g.span(*title) if title else {"text": "", "start": 0, "end": 0}
            out.append(AgendaItem(id=q.id, speakers=refs, **span))
        return out

    # -- decisions ------------------------------------------------------------------------
    def _addressees(self, item: Item, start: int, end: int) -> list[Addressee]:
        out = []
        for a in addr.find_addressees(self.text[start:end], self.person_norm):
            out.append(Addressee(norm=a.norm, role=a.role, is_person=a.is_person,
                                 **self.g.span(start + a.start, start + a.end)))
        return out

    def _responsible(self, spans: list[tuple[int, int]]) -> list[Addressee]:
        out = []
        for s, e in spans:
            for a in addr.responsible_addressees(self.text[s:e], self.person_norm):
                out.append(Addressee(norm=a.norm, role=a.role, is_person=a.is_person,
                                     **self.g.span(s + a.start, s + a.end)))
        return out

    def decision(self, item: Item, inherited: dict[int, list[Addressee]]) -> Decision:
        start, end = item.table_text or (item.start, item.end)
        text = self.text[start:end]
        own = [] if item.table_text else self._addressees(item, start, end)
        header_addr = inherited.get(id(item.parent), []) if item.parent else []
        responsible = list(item.responsible)
        if not item.table_text:
            responsible += [(start + m.start("who"), start + m.end("who")) for m in _INLINE_RESPONSIBLE.finditer(text)
                            if not any(s <= start + m.start("who") < e for s, e in item.responsible)]
        addressees = header_addr + own + self._responsible(responsible)
        parent_text = self.text[item.parent.start:item.parent.end] if item.parent else ""
        kind = decision_kind(text, bool(addressees), parent_text)
        dl = None
        if item.deadline:
            s, e = item.deadline
            dl = self._deadline(s, e, cell=True)
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
            g = self.g.span(start + r.start, start + r.end)
            refs.append(Reference(date=r.date, number=r.number, doc_type=r.doc_type, **g))
        return Decision(id=item.id, kind=kind, agenda_id=item.question.id if item.question else None,
                        addressees=addressees, deadline=dl, emails=emails, urls=urls, references=refs,
                        vote=self._vote(item.vote), **self.g.span(start, end))

    def _deadline(self, start: int, end: int, cell: bool) -> Deadline | None:
        d = find_deadline(self.text[start:end], self.date, cell=cell)
        if d is None:
            return None
        iso = None
        if d.date:
            iso = d.date.isoformat()
            if d.time:
                iso += f"T{d.time}:00" + ("+03:00" if d.tz == "Europe/Moscow" else "")
        return Deadline(kind=d.kind, date=d.date, time=d.time, tz=d.tz, iso=iso, start_date=d.range_start,
                        end_date=d.range_end, amount=d.amount, unit=d.unit, freq=d.freq,
                        **self.g.span(start + d.start, start + d.end))

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

    def decisions(self) -> list[Decision]:
        out: list[Decision] = []
        inherited: dict[int, list[Addressee]] = {}
        for item in self.st.items:
            if item.is_header:
                parent = inherited.get(id(item.parent), []) if item.parent else []
                inherited[id(item)] = parent + self._addressees(item, *(item.table_text or (item.start, item.end)))
                continue
            if not re.search(r"[А-Яа-яЁёA-Za-z]{3}", self.text[slice(*(item.table_text or (item.start, item.end)))]):
                continue  # an empty cell or OCR noise ("ПРИНЯЛИ РЕШЕНИЕ: С") is not a decision
            out.append(self.decision(item, inherited))
        return out

    # -- everything -------------------------------------------------------------------------
    def roles(self) -> tuple[list[Attendee], dict[str, tuple[str | None, str | None]]]:
        """Attendees, and the position and organization the text gives each person.

        Attendee lines give "Кравец Н.В. – заместитель министра" under an organization line
        ("Министерство образования ..."); preambles give "Заслушав выступление проректора ФГБОУ ...
        Бондарь О.А." (the position is put in the nominative)."""
        attendees, seen, roles = [], set(), {}
        org = None
        for s, e in self.st.attendees:
            found = self._mentions_in(s, e)
            if not found:
                org = re.sub(r"^от\s+", "", self.text[s:e].strip(" :;,.")) or org
                continue
            for m in found:
                norm = self.index.norm(m)
                tail = re.match(r"\s*[–—-]\s*(?P<pos>[^;]+)", self.text[m.end:e])
                position = tail.group("pos").strip(" .;") if tail else None
                _merge_role(roles, norm, position, org)
                if norm not in seen:
                    seen.add(norm)
                    attendees.append(Attendee(person=self.person_ref(m), position=position))
        for ln in self.st.lines:
            if ln.kind != "preamble":
                continue
            m = _HEARD_WHOM.search(self.text[ln.start:ln.end])
            if not m:
                continue
            pos_start = ln.start + m.end()
            for person in self._mentions_in(pos_start, ln.end)[:1]:
                position = self.text[pos_start:person.start].strip(" ,")
                if position and position[0].islower() and len(position) < 250:
                    _merge_role(roles, self.index.norm(person), nominative(" ".join(position.split())), None)
        return attendees, roles

    def protocol(self) -> Protocol:
        header = self.header()
        attendees, roles = self.roles()
        persons: dict[str, Person] = {}
        for m in self.mentions:
            norm = self.index.norm(m)
            position, org = roles.get(norm, (None, None))
            p = persons.setdefault(norm, Person(norm=norm, gender=self.index.gender(m), position=position,
                                                organization=org))
            p.mentions.append(Grounded(**self.g.span(m.start, m.end)))
        decisions = self.decisions()
        if not decisions:
            self.warnings.append(Warning_(code="W_NO_DECISIONS", message="no decision block found"))
        if self.date is None:
            self.warnings.append(Warning_(code="W_NO_DATE", message="the protocol date was not found: "
                                          "deadlines without a year and relative deadlines stay unresolved"))
        agenda = self.agenda()
        for item in agenda:
            for ref in item.speakers:
                ref.position, ref.organization = roles.get(ref.norm, (None, None))
        return Protocol(header=header, attendees=attendees, agenda=agenda, decisions=decisions,
                        persons=list(persons.values()), warnings=self.warnings)
