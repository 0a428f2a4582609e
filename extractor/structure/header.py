"""The protocol's header: number, date, place, issuing body (chair and secretary come from labels).

Rules are tried in order over the header paragraphs; the first that fires wins.
"""
from __future__ import annotations

import re
from typing import Callable

from models import Header, Value

from extractor.language.dates import find_dates

Span = tuple[int, int]

# "ПРОТОКОЛ № 6", "П Р О Т О К О Л № 23", "ПРОТОКОЛ № « 5 »"
_PROTOCOL_NUMBER = re.compile(r"протокол\w*(?:\s+[а-яё]+){0,3}\s*№\s*[«\"]?\s*(?P<num>[A-Za-zА-Яа-яЁё0-9][\w/.\-]*[\w/]|\d)",
                              re.I)
# a line that is only a number: "№ 32", "№ Д05-38/05пр"
_NUMBER_LINE = re.compile(r"^№\s*(?P<num>[A-Za-zА-Яа-яЁё0-9][\w/.\-]*[\w/]|\d)\s*$")
# "от 27.03.2025 № 5" on a header line
_DATED_NUMBER = re.compile(r"(?:^|\s)№\s*(?P<num>[A-Za-zА-Яа-яЁё0-9][\w/.\-]*[\w/]|\d)\s*$")
_CITY = r"(?P<name>[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*(?:\s+[А-ЯЁ][а-яё]+)?)"
# "г. Калуга", "Г. Москва «14» апреля 2024г.", "город Выкса", "п.Оссора", "с. Ильинское"
_TOWN = re.compile(r"(?<![А-Яа-яЁё.])(?:[гГ]\.|[гГ]ор\.|[гГ]ород\s|[пП]\.|[пП]ос\.|пгт\.?|рп\.|[сС]\.|[дД]\.)\s*(?!о\.)" + _CITY)
_PLACE_ALONE = re.compile(r"^" + _CITY + r"\.?$")
_VENUE = re.compile(r"^место\s+(?:проведения|заседания|совещания)?[^:]{0,40}:\s*(?P<venue>.+)$", re.I)
_ORG_VENUE = re.compile(r"(?:СНТ|ДНТ|ТСЖ|ТСН|СНП)\s*«[^»]+»")
_DATED = re.compile(r"[«\"]?\d{1,2}[»\"]?\s+[а-я]+\s+\d{4}|\d{2}\.\d{2}\.\d{4}")
_NOT_PLACE = re.compile(r"протокол|решени|совет|комисси|секретно|федераци|област|край|республик", re.I)


def _first(paragraphs: list[Span], text: str, rule: Callable[[str], re.Match | None]):
    for s, e in paragraphs:
        m = rule(text[s:e])
        if m:
            return s, m
    return None


def number(text: str, paragraphs: list[Span]) -> tuple[int, int, str] | None:
    """The protocol's own number (not a school's "№ 17" or a law's "№ 217-ФЗ")."""
    short = [(s, e) for s, e in paragraphs if e - s <= 60]
    for rule, paras in ((_PROTOCOL_NUMBER.search, paragraphs), (_NUMBER_LINE.match, paragraphs),
                        (_DATED_NUMBER.search, short)):
        found = _first(paras, text, rule)
        if found:
            s, m = found
            return s + m.start("num"), s + m.end("num"), m.group("num").rstrip(".")
    return None


def date(text: str, paragraphs: list[Span]):
    """The meeting date: a date standing on its own line (maybe with the place or number) wins
    over dates inside sentences ("проведенного 01.06.2024 г. в очной форме")."""
    first = None
    for s, e in paragraphs:
        para = text[s:e]
        for d in find_dates(para):
            if not d.year_given:
                continue
            before = para[:d.start]
            town = None
            for town in _TOWN.finditer(before):
                pass
            if town:  # "... город Москва «11» апреля 2024г.": the dated line starts at the town
                before = before[town.end():]
            rest = _TOWN.sub("", before + para[d.end:])
            rest = re.sub(r"«[^»]*»|\b[А-ЯЁ]{2,}\b", "", rest)  # quoted and abbreviated names
            rest = re.sub(r"№\s*\S+|дата\s+\w+(?:\s+\w+)?|от|\d+|[^А-Яа-яЁё]", "", rest, flags=re.I)
            if len(rest) <= 8:
                return s + d.start, s + d.end, d.value
            first = first or (s + d.start, s + d.end, d.value)
    return first


def place(text: str, paragraphs: list[Span]) -> tuple[int, int] | None:
    """The settlement of the meeting: a "г. Самара" line, a lone "Москва", or the town of a venue line."""
    for s, e in paragraphs:
        para = text[s:e].strip()
        m = _TOWN.match(para) or (_PLACE_ALONE.match(para) if not _NOT_PLACE.search(para) else None)
        if m:
            off = text.index(para, s)
            return off + m.start("name"), off + m.end("name")
    for s, e in paragraphs:
        # the dated line names the place after the date: "«30» августа 2023 года СНТ «Орбита»"
        if _DATED.search(text[s:e]) and (org := _ORG_VENUE.search(text[s:e])) and e - s < 80:
            return s + org.start(), s + org.end()
    for s, e in paragraphs:
        m = _VENUE.match(text[s:e])
        if not m:
            continue
        venue_start = s + m.start("venue")
        venue = m.group("venue")
        town = _TOWN.search(venue)
        if town:
            return venue_start + town.start("name"), venue_start + town.end("name")
        org = _ORG_VENUE.search(venue)
        if org:
            return venue_start + org.start(), venue_start + org.end()
        return venue_start, s + len(text[s:e].rstrip(". "))
    return None


# "ПРОТОКОЛ", "П Р О Т О К О Л № 23", "Протокол заседания ..." opening a header paragraph
_TITLE = re.compile(r"\s*п\s?р\s?о\s?т\s?о\s?к\s?о\s?л(?![а-яё])", re.I)


def title(text: str, paragraphs: list[Span]) -> tuple[int, int, str] | None:
    """The document's title: the header paragraph that opens with ПРОТОКОЛ and up to two paragraphs
    that continue it in lower case ("заседания рабочей группы ...", "производственного совещания")."""
    for n, (s, e) in enumerate(paragraphs):
        if not _TITLE.match(text[s:e]):
            continue
        end = e
        for s2, e2 in paragraphs[n + 1:n + 3]:
            para = text[s2:e2].strip()
            if not para[:1].islower() or _TOWN.match(para) or _DATED.search(para):   # not "г. Сызрань"
                break
            end = e2
        words = _TITLE.sub("ПРОТОКОЛ" if text[s:e].lstrip()[:2].isupper() else "Протокол", text[s:end], count=1)
        return s, end, " ".join(words.split())
    return None


def header(text: str, paragraphs: list[Span], ground: Callable[[int, int], dict]) -> tuple[Header, object]:
    """Header fields as grounded values, and the meeting date (or None)."""
    h = Header()
    if paragraphs:
        h.body = Value(**ground(*paragraphs[0]))
    if (t := title(text, paragraphs)):
        h.title = Value(norm=t[2], **ground(t[0], t[1]))
    if (n := number(text, paragraphs)):
        h.number = Value(norm=n[2], **ground(n[0], n[1]))
    meeting = None
    if (d := date(text, paragraphs)):
        meeting = d[2]
        h.date = Value(norm=d[2].isoformat(), **ground(d[0], d[1]))
    if (p := place(text, paragraphs)):
        h.place = Value(norm=" ".join(text[p[0]:p[1]].split()), **ground(*p))
    return h, meeting
