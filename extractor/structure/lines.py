"""Paragraph kinds of a protocol: small named rules, tried in order, first match wins.

Each rule sees one cleaned paragraph and, when it fires, says what the paragraph is and where its
content starts (after the label), so later steps never re-parse labels.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

def _ordinals() -> list[tuple[str, str]]:
    from extractor.data import read_data

    rows = [line.split() for line in read_data("question_ordinals.txt")]
    return sorted(((stem, num) for stem, num in rows), key=lambda r: len(r[0]), reverse=True)


ORDINALS = _ordinals()
_ROMAN = r"[IVXLC]{1,6}"
# "1. По первому вопросу", "По вопросу II повестки дня", "По второму вопросу повестки дня"
_QUESTION_PREFIX = (
    rf"(?:(?P<qnum>\d{{1,2}})\.?\s+)?(?:по\s+(?:(?P<qord>[а-яё]+)\s+вопросу|вопросу\s+(?:№\s*)?"
    rf"(?P<qref>{_ROMAN}|\d{{1,2}}))(?:\s+повестки(?:\s+дня)?)?\s*[:.,]?\s*)?"
)
_LABEL_END = r"\s*(?:[:.–—-]\s*|$)"


@dataclass(frozen=True)
class LineRule:
    name: str
    pattern: re.Pattern


@dataclass(frozen=True)
class Line:
    """A classified paragraph: `kind`, its span, and where the content after the label starts."""

    kind: str
    start: int
    end: int
    content_start: int
    marker: str = ""       # item marker as printed ("2.1", "а", "III") or question id
    rule: str = ""


def _r(name: str, pattern: str) -> LineRule:
    return LineRule(name, re.compile(pattern, re.I | re.X))


RULES: list[LineRule] = [
    _r("agenda", r"^повестка(?:\s+(?:дня|заседания|совещания))?" + _LABEL_END),
    _r("heard", "^" + _QUESTION_PREFIX + r"(?:слушали|заслушали)" + _LABEL_END),
    _r("spoke", r"^выступил[иа]?" + _LABEL_END),
    _r("decided", "^" + _QUESTION_PREFIX + r"(?:решили|постановили|решение|приняли\s+решение|"
       r"принятое\s+решение|решено|постановлено|принято\s+решение|поручено|поручения|постановляет|решает)"
       r"(?:\s*\([^()]{1,40}\))?" + _LABEL_END),  # "Постановили (единогласно): ..."
    # "Профсоюзный комитет ПОСТАНОВИЛ:", "Совет директоров решил:"
    _r("decided", r"^[А-ЯЁ][^:.]{0,80}?\s(?:постановил[аи]?|решил[аи]?|постановляет|решает|принял[аи]?\s+решение|"
       r"поручено)\s*:\s*"),
    # "Голосование по вопросам повестки дня:" - each question that follows is a decision
    _r("decided_intro", r"^голосование\s+по\s+вопросам\s+повестки(?:\s+дня)?\s*:\s*$"),
    _r("decided_intro", r"^.{0,200}?(?:принят[оы]?|принял[аи]?)\s+следующ\w+\s+решени\w*[^:]{0,40}:\s*"),
    # "По второму вопросу", "Вопрос № 1 повестки дня: О ...", "По вопросу II повестки дня"
    _r("question_ref", r"^(?:(?P<qnum>\d{1,2})\.\s+)?(?:по\s+)?(?:(?P<qord>[а-яё]+)\s+вопрос\w*|вопрос\w*\s*(?:№\s*)?"
       r"(?P<qref>[IVXLC]{1,6}|\d{1,2}))(?:\s+повестки(?:\s+дня)?)?\s*(?:[:.,–—-]\s*|\s|$)"),
    _r("chair", r"^(?:председательствующ\w*|председательствовал\w*)" + _LABEL_END),
    _r("chair", r"^председател[ья](?:\s+[а-яё]+){0,3}\s*(?:[:–—-]\s*|$)"),
    _r("secretary", r"^(?:[а-яё]+\s+)?секретар[ьья](?:\s+[а-яё]+){0,3}\s*(?:[:–—-]\s*|$)"),
    _r("secretary", r"^протокол\s+вел[аи]?" + _LABEL_END),
    _r("attendees", r"^(?:присутствовал[иа]?|присутствуют|приглашен\w*|приглашён\w*|участвовал[иа]?|"
       r"в\s+заседании\s+приняли\s+участие|участники\s+(?:заседания|совещания))[^:]{0,80}" + _LABEL_END),
    # "Члены Совета директоров, принявшие участие в заседании:"
    _r("attendees", r"^[^:]{0,80}(?:принявш\w+|принимающ\w+)\s+участие[^:]{0,40}:\s*$"),
    _r("absent", r"^(?:отсутствовал\w*|отсутствуют|не\s+присутствовал\w*)" + _LABEL_END),
    _r("deadline", r"^срок(?:и)?(?:\s+(?:исполнения|выполнения|представления))?" r"\s*[:–—-]\s*"),
    _r("responsible", r"^ответственн\w+(?:\s+(?:исполнител\w+|за\s+исполнение))?\s*[:–—-]\s*"),
    _r("responsible", r"^(?:(?:со)?исполнител[ьи]|(?:со)?исп\.|отв\.)\s*[:–—-]\s*"),  # "Исп.: ...", "Отв. – ..."
    _r("vote", r"^(?:голосовали|голосование|итоги\s+голосования|результаты\s+голосования|"
       r"решение\s+принято|принято\s+единогласно|единогласно|[«\"]?(?:за|против|воздержал\w*)[»\"]?\s*[–—:-]\s*(?:\d|нет))"),
    _r("annexes", r"^приложени[ея](?:\s+к\s+протоколу)?\s*:?\s*$"),
    _r("signature", r"^(?:_{3,}|(?:председатель|директор|секретарь|руководитель|заместитель|начальник|министр|"
       r"глава|ректор|проректор|управляющий|(?:генеральный|исполнительный)\s+директор|ответственный\s+секретарь|"
       r"председательствующий|члены?\s+комиссии)(?![а-яё])(?!.{0,200}?\b(?:[а-яё]+(?:ть|ти|чь))\b)"
       r"|[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё]+$)"),
    _r("speaker", r"^\(\s*[А-ЯЁ][^()]{2,80}\)\.?$"),
    _r("speaker", r"^докладчик\w*" + _LABEL_END),
    _r("preamble", r"^заслушав"),
    _r("question", rf"^(?P<roman>{_ROMAN})\.\s+"),
    _r("item", r"^(?P<num>(?:\d{1,2}\.){1,4}\d{0,2})\s*(?=[^\d\s.,/-])"),
    _r("item", r"^(?P<num>\d{1,2}|[а-яё])\)\s*"),
]


def question_id(m: re.Match) -> str:
    """The question number named by a "По второму вопросу"/"1. СЛУШАЛИ" prefix, or ''."""
    gd = m.groupdict()
    if gd.get("qnum"):
        return gd["qnum"]
    if gd.get("qref"):
        return gd["qref"].upper()
    if gd.get("qord"):
        for stem, num in ORDINALS:
            if gd["qord"].lower().startswith(stem):
                return num
    return ""


def classify(text: str, start: int, end: int) -> Line:
    """The kind of the paragraph text[start:end]."""
    para = text[start:end]
    for rule in RULES:
        m = rule.pattern.search(para)
        if not m:
            continue
        marker = ""
        gd = m.groupdict()
        if rule.name == "question_ref" and gd.get("qord") and not question_id(m):
            continue  # "Основной вопрос ..." is not a question reference
        if rule.name in ("heard", "decided"):
            marker = question_id(m)
        elif rule.name == "question_ref":
            marker = question_id(m)
        elif rule.name == "question":
            marker = gd["roman"]
        elif rule.name == "item":
            marker = gd["num"].rstrip(".")
        content = start + m.end()
        if rule.name == "speaker" and para.startswith("("):
            content = start
        return Line(rule.name, start, end, content, marker, rule.name)
    return Line("text", start, end, start)
