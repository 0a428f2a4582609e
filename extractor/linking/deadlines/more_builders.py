"""Builders for the deadline rules added for phrases the first grammar missed.

They reuse the first builders wherever the fields are the same and add only what those cannot
know from the match: that a term runs from this meeting in other words ("со дня проведения
общего собрания", "после заседания"), that a term runs back from a later event ("не позднее чем за
7 дней до даты заседания"), that a date (and time) inside a resolution is the one scheduled for
the action rather than a date the item talks about, and which period a "…, следующего за
отчётным кварталом" term repeats over.
"""
from __future__ import annotations

import re

from extractor.data import read_data
from extractor.language.dates import parse_date
from extractor.language.lexicon import is_infinitive, pos_set
from extractor.linking.deadlines.builders import Ctx, Fields, b_date, b_datetime, b_from_to, b_relative

# Canonical anchors handed to `b_relative`, which alone decides whether (and how) a term is dated:
# one it dates from the meeting, one it never dates.
FROM_MEETING = " со дня заседания"
FROM_ELSEWHERE = " до даты события"


class _Anchored:
    """A rule's match as `b_relative` sees it, with the anchor replaced by a canonical one."""

    def __init__(self, m: re.Match, anchor: str) -> None:
        self._m, self._anchor = m, anchor

    def groupdict(self) -> dict:
        return {**self._m.groupdict(), "anchor": self._anchor}

    def __getitem__(self, key: str) -> str | None:
        return self.groupdict()[key]

    def __getattr__(self, name: str):
        return getattr(self._m, name)


def b_relative_from_meeting(m: re.Match, ctx: Ctx) -> Fields | None:
    """«в течение 10 дней со дня проведения общего собрания», «не позднее 5 рабочих дней после заседания»."""
    return b_relative(_Anchored(m, FROM_MEETING), ctx)     # type: ignore[arg-type]


def b_relative_before(m: re.Match, ctx: Ctx) -> Fields | None:
    """«не позднее чем за 7 дней до даты заседания»: a term, but its end is not known from the protocol."""
    return b_relative(_Anchored(m, FROM_ELSEWHERE), ctx)   # type: ignore[arg-type]


# The clause before a scheduled date says it already happened or only informs: "заседание
# состоялось 25 июня 2025 г. в 14:00", "следующее заседание состоится ...".
_NOT_AN_ORDER = re.compile(
    r"(?<![\w])(?:состоял\w*|состоит?ся|прош(?:ло|ла|ли|[её]л)|проходил\w*|проводил\w*|был[аои]?|будет|"
    r"пройд[её]т|начал(?:ось|ся|ась|ись)|что|когда|котор\w+|сведению|утратившим\w*)(?![\w])", re.IGNORECASE)
# A date ending an item that names a document or a date is a reference or a value, not the action's
# day: "признать утратившим силу решение комиссии 12 марта 2024 г.", "установить дату ... – 10 июля 2025 г.".
_DATED_THING = re.compile(r"(?<![\w])(?:дат[аыуе]|датой|решени\w*|протокол\w*|приказ\w*|постановлени\w*|"
                          r"распоряжени\w*|письм\w*|договор\w*|акт\w*|закон\w*)(?![\w])", re.IGNORECASE)
# Words right before a date that make it the subject of the item: "по состоянию на", "от", "за".
_SUBJECT_BEFORE = re.compile(
    r"(?:(?<![\w])(?:от|за|по|с|со|после|между|около|из|о|об|состоянию\s+на)|№)\s*$", re.IGNORECASE)
_STATE_BEFORE = re.compile(r"(?<![\w])(?:на|в|во|к)\s*$", re.IGNORECASE)     # "на 01.03.2025", "к 1 мая" (date-by)
# A sentence ends at ";", "!", "?", a line break, or a "." that does not close a short abbreviation
# ("2025 г. провести", "ул. Ленина") and is followed by a capital letter.
_CLAUSE_START = re.compile(r"[;!?\n](?!\S)|(?<![\w])(?![А-ЯЁа-яё]{1,3}\.)[\w«»\")]+\.\s+(?=[А-ЯЁA-Z\d])")


def _clause_before(m: re.Match) -> str:
    """The text of the match's sentence before it."""
    before = m.string[:m.start()]
    starts = [c.end() for c in _CLAUSE_START.finditer(before)]
    return before[starts[-1]:] if starts else before


_DESCRIBING = tuple(read_data("describing_verbs.txt"))


def _first_infinitive(before: str) -> str | None:
    return next((w.lower() for w in re.findall(r"[а-яё]+", before, re.IGNORECASE) if is_infinitive(w)), None)


def _ordered(before: str) -> bool:
    """The sentence so far orders an action ("провести заседание"), it does not only name a date:
    "Следующая планёрка – 10.06.2025 в 09:00" is an announcement, even when glued to an item."""
    return not _NOT_AN_ORDER.search(before) and any(is_infinitive(w) for w in re.findall(r"[а-яё]+", before, re.I))


def _participle_before(before: str) -> bool:
    """"обращение, поступившее 12 марта 2025 г.": the date belongs to the participle, not to an order."""
    last = re.findall(r"[а-яё]+", before[-40:], re.IGNORECASE)
    return bool(last) and "PRTF" in pos_set(last[-1])


def _has_participle(before: str) -> bool:
    """"продолжить работу, начатую на заседании 20.03.2025": a participle or a past meeting
    ("на заседании") in the sentence makes a date ending the item a description."""
    words = re.findall(r"[а-яё]+", before, re.IGNORECASE)
    return any("PRTF" in pos_set(w) for w in words) or bool(
        words and re.fullmatch(r"(?:заседани|совещани|собрани)и", words[-1], re.IGNORECASE))


def _sentence_after(m: re.Match) -> str:
    after = m.string[m.end():]
    end = _CLAUSE_START.search(after)
    return after[:end.start()] if end else after


def b_day_range(m: re.Match, ctx: Ctx) -> Fields | None:
    """«24–28 марта 2025 года», «в период 10 – 15 апреля»; not in a report of what happened, and
    inline only in a sentence that orders something ("О ликвидации последствий снегопада 13–14
    января 2025 года" is a title)."""
    before = _clause_before(m)
    if _NOT_AN_ORDER.search(before) or _SUBJECT_BEFORE.search(before) or _participle_before(before):
        return None
    words = re.findall(r"[а-яё]+", before + " " + _sentence_after(m), re.IGNORECASE)
    if not ctx.labelled and not any(is_infinitive(w) for w in words):
        return None
    return b_from_to(m, ctx)


def b_scheduled_datetime(m: re.Match, ctx: Ctx) -> Fields | None:
    """«провести заседание 25 июня 2025 г. в 14:00», «назначить собрание на 12.04.2025 в 11.00 час.»."""
    before = _clause_before(m)
    if not _ordered(before) or _SUBJECT_BEFORE.search(before) or _participle_before(before):
        return None
    return b_datetime(m, ctx)


def b_scheduled_date(m: re.Match, ctx: Ctx) -> Fields | None:
    """«обеспечить проведение концерта на площади Победы 9 мая 2025 г.»: a dated action ending the item.

    Only a full date (with its year) right after a word of the item: "установить – 10 июля 2025 г."
    (a value), "от 01.03.2025" (a reference) and "на 01.03.2025" (a state) are not scheduled actions.
    """
    before = _clause_before(m)
    found = parse_date(m["date"])
    if found is None or not found.year_given or not re.search(r"[а-яё»)]\s+$", before, re.IGNORECASE):
        return None
    vetoes = (not _ordered(before), (_first_infinitive(before) or "").startswith(_DESCRIBING),
              _DATED_THING.search(before), _has_participle(before), _STATE_BEFORE.search(before),
              _SUBJECT_BEFORE.search(before))
    return None if any(vetoes) else b_date(m, ctx)


_PERIOD_FREQ = (("месяц", "monthly"), ("квартал", "quarterly"), ("год", "yearly"))


def b_recurring_next(m: re.Match, ctx: Ctx) -> Fields | None:
    """«до 10 числа месяца, следующего за отчётным кварталом»: a report due after every period."""
    # The named period ("кварталом") decides; "отчётным" or "отчётным периодом" repeats the one
    # the day is counted in ("числа месяца" -> monthly, "1 февраля года" -> yearly).
    words = [(m[g] or "").lower() for g in ("period", "within", "within2")]
    freq = next((f for w in words for stem, f in _PERIOD_FREQ if w.startswith(stem)), None)
    return {"kind": "recurring", "freq": freq} if freq else None
