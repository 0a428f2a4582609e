"""People around the decisions: who is who in the document, who spoke on each question, and the
attendees with the position and organization the text gives each of them."""
from __future__ import annotations

import bisect
import re

from models import AgendaItem, Attendee, PersonRef
from extractor.linking.addressees import nominative
from extractor.persons.index import PersonIndex, PersonMention, find_person_mentions
from extractor.structure.tree import Structure
from extractor.text.grounding import Grounder

Roles = dict[str, tuple[str | None, str | None]]   # person norm -> (position, organization)

_SEPARATORS = re.compile(r"^[\s,;:(и]*$")
# "Заслушав выступление проректора ФГБОУ ... Бондарь О.А." - the position runs up to the name
_HEARD_WHOM = re.compile(r"заслушав(?:\s+и\s+обсудив)?\s+(?:выступлени\w+|информаци\w+|доклад\w*|сообщени\w+)\s+", re.I)
_SPEAKER_TAIL = re.compile(r"\s*(?:\((?P<br>[^()]*)\)\s*\.?|[.,]?\s*Докладчик\w*\s*[:–-]\s*(?P<rep>.*))\s*$")


def _merge_role(roles: Roles, norm: str, position: str | None, org: str | None) -> None:
    """Keep the first position and the first organization found for a person."""
    old_pos, old_org = roles.get(norm, (None, None))
    roles[norm] = (old_pos or position, old_org or org)


class People:
    """The person mentions of one document, normalized together (gender from the whole text)."""

    def __init__(self, text: str, mentions: list[PersonMention], grounder: Grounder) -> None:
        self.text = text
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self.index = PersonIndex(mentions)
        self._norms = {" ".join(m.text.split()): self.index.norm(m) for m in self.mentions}
        self.g = grounder

    def within(self, start: int, end: int) -> list[PersonMention]:
        """The mentions wholly inside text[start:end], in order."""
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def ref(self, m: PersonMention) -> PersonRef:
        return PersonRef(norm=self.index.norm(m), **self.g.span(m.start, m.end))

    def norm(self, text: str) -> str | None:
        """Document-aware norm of a person mention given as text (the document's own mentions first)."""
        key = " ".join(text.split())
        if key not in self._norms:
            found = find_person_mentions(text)
            whole = len(found) == 1 and found[0].end - found[0].start >= len(text.strip()) - 2
            self._norms[key] = self.index.norm(found[0]) if whole else None
        return self._norms[key]

    def speakers(self, start: int, end: int) -> list[PersonMention]:
        """Who speaks in a СЛУШАЛИ/ВЫСТУПИЛИ/Докладчик span: in each ';'-part, the person named first
        (after at most a position: "Учёного секретаря Черных Е.В., которая ...") and those listed with it."""
        out: list[PersonMention] = []
        pos = start
        for part in re.split(r"(;)", self.text[start:end]):
            s, e = pos, pos + len(part)
            pos = e
            found = self.within(s, e)
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

    def agenda(self, st: Structure) -> list[AgendaItem]:
        """The questions with their titles (a speaker in brackets cut off) and speakers."""
        out = []
        for q in st.questions:
            if q.title is None and not q.speaker_spans:
                continue
            speakers: list[PersonMention] = []
            title = None
            if q.title:
                s, e = q.title
                cut = _SPEAKER_TAIL.search(self.text[s:e])
                if cut and self.within(s + cut.start(), e):
                    speakers += self.within(s + cut.start(), e)
                    e = s + cut.start()
                title = (s, e)
            for s, e in q.speaker_spans:
                speakers += self.speakers(s, e)
            seen, refs = set(), []
            for m in speakers:
                norm = self.index.norm(m)
                if norm not in seen:
                    seen.add(norm)
                    refs.append(self.ref(m))
            span = self.g.span(*title) if title else {"text": "", "start": 0, "end": 0}
            out.append(AgendaItem(id=q.id, speakers=refs, **span))
        return out

    def roles(self, st: Structure) -> tuple[list[Attendee], Roles]:
        """Attendees, and the position and organization the text gives each person.

        Attendee lines give "Кравец Н.В. – заместитель министра" under an organization line
        ("Министерство образования ..."); preambles give "Заслушав выступление проректора ФГБОУ ...
        Бондарь О.А." (the position is put in the nominative)."""
        attendees, seen, roles = [], set(), {}
        org = None
        for s, e in st.attendees:
            found = self.within(s, e)
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
                    attendees.append(Attendee(person=self.ref(m), position=position))
        for ln in st.lines:
            if ln.kind != "preamble":
                continue
            m = _HEARD_WHOM.search(self.text[ln.start:ln.end])
            if not m:
                continue
            pos_start = ln.start + m.end()
            for person in self.within(pos_start, ln.end)[:1]:
                position = self.text[pos_start:person.start].strip(" ,")
                if position and position[0].islower() and len(position) < 250:
                    _merge_role(roles, self.index.norm(person), nominative(" ".join(position.split())), None)
        return attendees, roles
