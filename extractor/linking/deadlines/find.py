"""The deadline (срок) of one decision item.

The grammar lives in `rules`; this module decides where to look and
which match wins: a "Срок: ..." part (or a table's deadline cell) beats phrases
inside the item, and among inline phrases the last one wins, because protocols
put the deadline at the end ("... направить отчёт до 1 мая 2025 г.").

Debugging: `explain(text, protocol_date)` lists every candidate and the winner;
with PROTOKOL_DEBUG=deadlines the same report goes to stderr on each call.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from extractor import trace
from extractor.data import read_data
from extractor.linking.deadlines.builders import Ctx
from extractor.linking.deadlines.rules import RULES


_TERMS = "(?:" + "|".join(read_data("term_nouns.txt")) + r")(?![\w])"
# "Срок – ...", "Срок исполнения поручения: ...", "Срок внесения – ..."; not "сроком на пять лет"
# and not "срок аренды – ..." (a duration, see data/term_nouns.txt).
LABEL = re.compile(rf"(?<![\w])срок(?:и)?(?:\s+(?!{_TERMS})[а-яё]+){{0,2}}\s*(?::|[-–—](?![\w]))\s*",
                   re.IGNORECASE)
# Words right before a phrase that make it a description, not a deadline: "за I квартал",
# "на период с ... по ...", "на 2024 год с 1 января ...", "неисполненным в установленный срок",
# a participle ("проведённой в октябре 2024 г."), the term of something else ("срок аренды –").
NOT_A_DEADLINE_BEFORE = re.compile(
    r"(?:(?<![\w])за|на\s+период|период(?!у(?![\w]))\w*|на\s+\d{4}\s*(?:год\w*|г\.?)|исполненн\w*|"
    rf"срок\w*\s+{_TERMS}\s*[-–—:]?|"
    r"[а-яё]+(?:анн|енн|ённ|вш|ющ|ащ|ящ)(?:ый|ой|ого|ому|ым|ом|ая|ую|ые|ых|ыми|ий|его|ей|ие|их|ими|ое))\s*$",
    re.IGNORECASE)
_TRIM = " \t\r\n,;:"


@dataclass
class DeadlineMatch:
    kind: str            # date | datetime | range | relative | recurring | ongoing | as_established | event
    start: int           # offsets of the deadline phrase in the given text
    end: int
    text: str            # the phrase as written, without a "Срок –" label
    rule: str            # name of the rule that fired (debug)
    date: datetime.date | None = None
    time: str | None = None
    tz: str | None = None
    range_start: datetime.date | None = None
    range_end: datetime.date | None = None
    amount: int | None = None
    unit: str | None = None
    freq: str | None = None
    weekdays: list[str] | None = None          # recurring schedule: see recurrence.Rule
    day_of_month: int | None = None
    working_day_of_month: int | None = None
    month_of_quarter: int | None = None
    month: int | None = None
    unknown_years: frozenset[int] = frozenset()   # working days counted Mon-Fri: no calendar for these


def _scan(text: str, lo: int, hi: int, ctx: Ctx, trace: list[str] | None) -> list[DeadlineMatch]:
    """Non-overlapping deadline phrases in text[lo:hi], in text order."""
    first = lo + len(text[lo:hi]) - len(text[lo:hi].lstrip(_TRIM + "–—-"))
    found: list[tuple[int, DeadlineMatch | None, int, int]] = []    # (priority, deadline or blocker, span)
    for prio, rule in enumerate(RULES):
        if rule.bare and not ctx.labelled:
            continue
        matches = [rule.pattern.match(text, first, hi)] if rule.bare else rule.pattern.finditer(text, lo, hi)
        for m in filter(None, matches):
            s, e = m.start(), m.start() + len(m.group().rstrip(_TRIM))
            if s == e:
                continue
            if s != first and NOT_A_DEADLINE_BEFORE.search(text, max(0, s - 60), s):
                # Still occupies its span: "на период с 1 января до 31 декабря" must not yield "до 31 декабря".
                found.append((prio, None, s, e))
                _note(trace, rule.name, text[s:e], "rejected by context")
                continue
            fields = rule.build(m, ctx)
            _note(trace, rule.name, text[s:e], f"-> {fields}" if fields else "rejected by builder")
            if fields:
                found.append((prio, DeadlineMatch(start=s, end=e, text=text[s:e], rule=rule.name, **fields), s, e))
    kept: list[tuple[DeadlineMatch | None, int, int]] = []
    # An earlier rule beats a later one on overlap; within a rule the longer match wins.
    for _, d, s, e in sorted(found, key=lambda f: (f[0], f[2] - f[3])):
        if all(e <= ks or s >= ke for _, ks, ke in kept):
            kept.append((d, s, e))
    return sorted((d for d, _, _ in kept if d), key=lambda d: d.start)


def _note(trace: list[str] | None, rule: str, phrase: str, verdict: str) -> None:
    if trace is not None:
        trace.append(f"  {rule}: {phrase!r} {verdict}")


def _find(text: str, protocol_date: datetime.date | None, cell: bool,
          trace: list[str] | None) -> DeadlineMatch | None:
    labels = list(LABEL.finditer(text))
    bounds = [m.start() for m in labels[1:]] + [len(text)]
    for label, hi in reversed(list(zip(labels, bounds))):
        trace is not None and trace.append(f"label {label.group()!r} at {label.start()}")
        found = _scan(text, label.end(), hi, Ctx(protocol_date, True), trace)
        if found:
            return found[0]
    if cell:
        trace is not None and trace.append("cell")
        found = _scan(text, 0, len(text), Ctx(protocol_date, True), trace)
        return found[0] if found else None
    trace is not None and trace.append("inline")
    found = _scan(text, 0, labels[0].start() if labels else len(text), Ctx(protocol_date, False), trace)
    return found[-1] if found else None


def find_deadline(text: str, protocol_date: datetime.date | None = None, *,
                  cell: bool = False) -> DeadlineMatch | None:
    """The deadline stated in a decision item's text (or, with cell=True, in a table's Срок cell)."""
    trace("deadlines", lambda: explain(text, protocol_date, cell=cell))
    return _find(text, protocol_date, cell, None)


def explain(text: str, protocol_date: datetime.date | None = None, *, cell: bool = False) -> str:
    """A readable report of every rule that matched, what was rejected and which deadline won."""
    trace: list[str] = []
    result = _find(text, protocol_date, cell, trace)
    trace.append(f"=> {result.rule}: {result.text!r} ({result.kind})" if result else "=> no deadline")
    return "\n".join(trace)
