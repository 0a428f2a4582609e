"""The Protocol of one document, put together from its parts in reading order: header, people,
decisions, agenda."""
from __future__ import annotations

from models import Grounded, Person, Protocol, Warning_
from extractor.linking.decisions import DecisionLinker
from extractor.linking.people import People
from extractor.linking.roles import link_header
from extractor.persons.index import PersonMention
from extractor.structure.tree import Structure
from extractor.text.grounding import Grounder
from extractor.text.layout import Layout


class Linker:
    """Builds the Protocol of one document."""

    def __init__(self, layout: Layout, struct: Structure, mentions: list[PersonMention],
                 grounder: Grounder) -> None:
        self.text = layout.text
        self.st = struct
        self.people = People(layout.text, mentions, grounder)

    def protocol(self) -> Protocol:
        header, date = link_header(self.text, self.st, self.people)
        attendees, roles = self.people.roles(self.st)
        persons: dict[str, Person] = {}
        for m in self.people.mentions:
            norm = self.people.index.norm(m)
            position, org = roles.get(norm, (None, None))
            p = persons.setdefault(norm, Person(norm=norm, gender=self.people.index.gender(m), position=position,
                                                organization=org))
            p.mentions.append(Grounded(**self.people.g.span(m.start, m.end)))
        linker = DecisionLinker(self.text, self.st, self.people, date)
        decisions = linker.decisions()
        warnings = linker.warnings + [Warning_(code=code, message=message) for code, message in self.st.warnings]
        if not decisions:
            warnings.append(Warning_(code="W_NO_DECISIONS", message="no decision block found"))
        if date is None:
            warnings.append(Warning_(code="W_NO_DATE", message="the protocol date was not found: "
                                     "deadlines without a year and relative deadlines stay unresolved"))
        agenda = self.people.agenda(self.st)
        for item in agenda:
            for ref in item.speakers:
                ref.position, ref.organization = roles.get(ref.norm, (None, None))
        return Protocol(header=header, attendees=attendees, agenda=agenda, decisions=decisions,
                        persons=list(persons.values()), warnings=warnings)
