"""Every relative and recurring deadline of ../shared/corpus and corpus/ whose start is known has a
date, and the calendar file gives each one on that date (written, then read back by icalendar).

"Known start" is judged here from the gold phrase alone: no start named (the meeting is the start),
or a start that is the meeting itself ("со дня заседания", "со дня подписания протокола", "с даты
настоящего протокола", "со дня его принятия"); a start such as "со дня получения протокола" or "после
завершения мероприятий" dates nothing, and such a deadline must stay without a date.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import OWN_CORPUS, SHARED_CORPUS, load_gold
from extractor.export.writers import deadlines_ics
from extractor.export.corpus import to_corpus
from extractor.readers.files import read_file
from extractor.evaluation.scoring import pair_decisions

DOCS = sorted(p for p in [*SHARED_CORPUS.glob("*/*.txt"), *OWN_CORPUS.glob("*.txt")]
              if p.with_name(f"{p.stem}.gold.json").exists())
_START = re.compile(r"(?:со\s+дня|с\s+даты|от\s+даты|с\s+момента|с\s+начала|после|по\s+окончании|"
                    r"по\s+завершении)\s+(\w+)", re.IGNORECASE)
# The word after "со дня"/"после" when the start is the meeting or its protocol.
MIN_DATED = 70
_MEETING = {"заседания", "совещания", "собрания", "подписания", "составления", "проведения", "настоящего", "его"}


def known_start(phrase: str) -> bool:
    if re.search(r"\bза\s+\S+\s+\w+\s+до\b", phrase, re.IGNORECASE):
        return False      # "не позднее чем за 7 дней до даты заседания": counted back from a later day
    m = _START.search(phrase)
    return m is None or m.group(1).lower() in _MEETING


@pytest.mark.parametrize("phrase, known", [
    ("в течение 10 рабочих дней", True), ("в течение 5 рабочих дней со дня подписания протокола", True),
    ("в течение 7 дней с даты заседания правления", True), ("в течение 2 дней со дня его принятия", True),
    ("в течение 5 рабочих дней со дня получения протокола", False), ("в течение 30 дней с начала практики", False),
    ("в течение 3 рабочих дней после завершения мероприятий", False), ("ежеквартально", True),
    ("в течение 2 рабочих дней с даты составления протокола", True),
    ("не позднее чем за 7 дней до даты заседания", False),
])
def test_known_start_judge(phrase: str, known: bool) -> None:
    assert known_start(phrase) is known


@pytest.fixture(scope="module")
def extracted(pipeline) -> dict[Path, tuple]:
    return {p: pipeline(read_file(p), name=p.name) for p in DOCS}


def check(txt: Path, protocol) -> int:
    """Assert on every paired relative/recurring deadline of one document; the number with a date."""
    from dateutil.rrule import rrulestr
    from icalendar import Calendar

    gold = load_gold(txt)
    pred = to_corpus(protocol, txt.stem)
    meeting = gold["protocol"]["date"]
    events = {str(e["UID"]): e for e in Calendar.from_ical(deadlines_ics([protocol], [txt.name])).walk("VEVENT")}
    dated = 0
    for gi, pi in pair_decisions(gold["decisions"], pred["decisions"]):
        g = gold["decisions"][gi]["deadline"]
        if not g or g["kind"] not in ("relative", "recurring"):
            continue
        decision = protocol.decisions[pi]
        dl = decision.deadline
        assert dl is not None and dl.kind == g["kind"], g["text"]
        if not (meeting and known_start(g["text"])):
            assert dl.date is None, f"{g['text']!r} has no known start but got {dl.date}"
            continue
        assert dl.date is not None, f"{g['text']!r} from {meeting}: no date"
        assert dl.date > dt.date.fromisoformat(meeting), g["text"]
        if "date" in g:
            assert dl.date.isoformat() == g["date"], g["text"]
        event = events[f"{txt.name}-{decision.id}@protokol"]
        start = event.decoded("DTSTART")
        assert start == dl.date, g["text"]
        if "RRULE" in event:       # DTSTART is the rule's first occurrence, as RFC 5545 wants
            rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=dt.datetime.combine(start, dt.time()))
            assert rule[0].date() == start, g["text"]
        dated += 1
    return dated


@pytest.mark.skipif(not DOCS, reason="no corpus")
@pytest.mark.parametrize("txt", DOCS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_relative_and_recurring_deadlines_are_dated_and_in_the_calendar(extracted, txt: Path) -> None:
    check(txt, extracted[txt])


@pytest.mark.skipif(not (SHARED_CORPUS / "synthetic").is_dir(), reason="../shared/corpus is not there")
def test_the_corpora_have_many_such_deadlines(extracted) -> None:
    """Not vacuous: the two corpora hold this many dated relative and recurring deadlines."""
    assert sum(check(p, extracted[p]) for p in DOCS) >= MIN_DATED
