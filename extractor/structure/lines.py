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
    """A named rule: when `pattern` matches a paragraph, the paragraph is of `kind`."""

    kind: str
    pattern: re.Pattern
    name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", self.name or self.kind)


@dataclass(frozen=True)
class Line:
    """A classified paragraph: `kind`, its span, and where the content after the label starts."""

    kind: str
    start: int
    end: int
    content_start: int
    marker: str = ""       # item marker as printed ("2.1", "а", "III") or question id
    rule: str = ""


def _r(kind: str, pattern: str, name: str = "") -> LineRule:
    return LineRule(kind, re.compile(pattern, re.I | re.X), name)


def _labels(kind: str) -> str:
    """The labels of `kind` from data/section_labels.txt as one alternation (longest first)."""
    from extractor.data import section_labels

    return "(?:" + "|".join(r"\s+".join(map(re.escape, label.split())) for label in section_labels()[kind]) + ")"


# a decision verb closing a paragraph: "…, территориальная избирательная комиссия решила:"
_DECIDED_VERB = (r"(?:решил[аио]?|постановил[аио]?|постановляет|постановляют|решает|решают|"
                 r"принял[аио]?\s+(?:следующ\w+\s+)?решени[ея])")


RULES: list[LineRule] = [
    _r("agenda", r"^повестка(?:\s+(?:дня|заседания|совещания))?" + _LABEL_END),
    _r("heard", "^" + _QUESTION_PREFIX + _labels("heard") + _LABEL_END),
    _r("spoke", "^" + _labels("spoke") + _LABEL_END),
    # "Выступил Ярцев И.М. – об участии старшеклассников …" (the label runs into the name)
    _r("spoke", r"^" + _labels("spoke") + r"\s+(?=[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.)", "spoke-name"),
    _r("decided", "^" + _QUESTION_PREFIX + _labels("decided") + r"(?:\s*\([^()]{1,40}\))?" + _LABEL_END,
       "decided-label"),  # "Постановили (единогласно): ..."
    # "Профсоюзный комитет ПОСТАНОВИЛ:", "Совет директоров решил:"
    _r("decided", r"^[А-ЯЁ][^:.]{0,80}?\s(?:постановил[аи]?|решил[аи]?|постановляет|решает|принял[аи]?\s+решение|"
       r"поручено)\s*:\s*", "decided-subject"),
    _r("proposal", "^" + _QUESTION_PREFIX + _labels("proposal") + _LABEL_END),
    # "Голосование по вопросам повестки дня:" - each question that follows is a decision
    _r("decided_intro", r"^голосование\s+по\s+вопросам\s+повестки(?:\s+дня)?\s*:\s*$"),
    _r("decided_intro", r"^.{0,200}?(?:принят[оы]?|принял[аи]?)\s+следующ\w+\s+решени\w*[^:]{0,40}:\s*"),
    # "Заслушав и обсудив информацию …, комиссия РЕШИЛА: 1. …" (a preamble closed by the marker)
    _r("decided", r"^(?:заслушав|рассмотрев|обсудив|изучив|руководствуясь|в\s+соответствии|учитывая)"
       r"(?:[^:«]|«[^»]*»)*?[\s,]" + _DECIDED_VERB + r"\s*:\s*", "decided-preamble"),  # a quoted title may hold a colon
    # any paragraph that ends with the marker: "… в целях …, коллегия министерства РЕШИЛА:"
    _r("decided", r"^.*[\s,]" + _DECIDED_VERB + r"\s*:\s*$", "decided-tail"),
    # "По второму вопросу", "Вопрос № 1 повестки дня: О ...", "По вопросу II повестки дня"
    _r("question_ref", r"^(?:(?P<qnum>\d{1,2})\.\s+)?(?:по\s+)?(?:(?P<qord>[а-яё]+)\s+вопрос\w*|вопрос\w*\s*(?:№\s*)?"
       r"(?P<qref>[IVXLC]{1,6}|\d{1,2}))(?:\s+повестки(?:\s+дня)?)?\s*(?:[:.,–—-]\s*|\s|$)"),
    _r("chair", r"^(?:председательствующ\w*|председательствовал\w*)" + _LABEL_END),
    _r("chair", r"^председател[ья](?:\s+[а-яё]+){0,3}\s*(?:[:–—-]\s*|$)"),
    # "Руководитель штаба: первый заместитель Министра … Корнилов М.Е." (a headquarters, a working group)
    _r("chair", r"^руководител[ья]\s+(?:штаба|рабочей\s+группы|проектного\s+офиса|совещания)\s*[:–—-]\s*(?=\S)",
       "chair-head"),
    _r("secretary", r"^(?:[а-яё]+\s+)?секретар[ьья](?:\s+[а-яё]+){0,3}\s*(?:[:–—-]\s*|$)"),
    _r("secretary", r"^протокол\s+в[её]л[аи]?" + _LABEL_END),
    _r("attendees", r"^(?:присутствовал[иа]?|присутствуют|приглашен\w*|приглашён\w*|участвовал[иа]?|"
       r"в\s+заседании\s+приняли\s+участие|участники\s+(?:заседания|совещания))[^:]{0,80}" + _LABEL_END),
    # "Члены Совета директоров, принявшие участие в заседании:"
    _r("attendees", r"^[^:]{0,80}(?:принявш\w+|принимающ\w+)\s+участие[^:]{0,40}:\s*$"),
    # "Члены комиссии:" over the list of members in the header (at the end it is a signature block)
    _r("attendees", r"^члены\s+[а-яё]+(?:\s+[а-яё]+){0,2}\s*:\s*$", "attendees-members"),
    _r("absent", r"^(?:отсутствовал\w*|отсутствуют|не\s+присутствовал\w*)" + _LABEL_END),
    _r("deadline", r"^срок(?:и)?(?:\s+(?:исполнения|выполнения|представления))?" r"\s*[:–—-]\s*"),
    _r("responsible", r"^ответственн\w+(?:\s+(?:исполнител\w+|за\s+исполнение))?\s*[:–—-]\s*"),
    _r("responsible", r"^(?:(?:со)?исполнител[ьи]|(?:со)?исп\.|отв\.)\s*[:–—-]\s*"),  # "Исп.: ...", "Отв. – ..."
    # "Решение не принято", "Решение по 5 вопросу — НЕ ПРИНЯТО": the proposal before it is no decision
    _r("rejected", r"^(?:решение(?:\s+по\s+[^:–—]{1,60}?)?\s*[:–—-]?\s*)?не\s+принят[оа]?\b", "rejected"),
    _r("vote", r"^(?:голосовали|голосование|итоги\s+голосования|результаты\s+голосования|"
       r"решение\s+принято|принято\s+единогласно|единогласно|[«\"]?(?:за|против|воздержал\w*)[»\"]?\s*[–—:-]\s*(?:\d|нет))"),
    # "Решение по 3 вопросу — ПРИНЯТО", a lone "ПРИНЯТО."
    _r("vote", r"^(?:решение\s+по\s+[^:–—]{1,60}?\s*[:–—-]\s*)?принят[оа]\b[^а-яё]*$", "vote-adopted"),
    # the cells of a vote table: "«За»", "Воздержались", "3 845,20 м² – 98,20 %", "54 голоса (62,5 %)"
    _r("vote", r"^[«\"]?(?:за|против|воздержал\w*)[»\"]?\s*:?$", "vote-cell"),
    _r("vote", r"^[\d\s,.]+(?:м²|м2|кв\.\s*м\.?|голос\w*)?\s*[–—(-]?\s*[\d\s,.]*%\)?$", "vote-cell"),
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
        if rule.kind == "question_ref" and gd.get("qord") and not question_id(m):
            continue  # "Основной вопрос ..." is not a question reference
        if rule.kind in ("heard", "decided", "proposal"):
            marker = question_id(m)
        elif rule.kind == "question_ref":
            marker = question_id(m)
        elif rule.kind == "question":
            marker = gd["roman"]
        elif rule.kind == "item":
            marker = gd["num"].rstrip(".")
        content = start + m.end()
        if rule.kind == "speaker" and para.startswith("("):
            content = start
        return Line(rule.kind, start, end, content, marker, rule.name)
    return Line("text", start, end, start)
