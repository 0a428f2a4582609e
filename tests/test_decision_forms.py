"""The decision finder over the forms protocols are written in: every decision label (or none, or one
closing a preamble), every numbering style, narrative after the items, vote lines, Срок/Ответственный
lines. Each row is a small protocol built from parts; the decisions must come out the same."""
from __future__ import annotations

import itertools

import pytest

from extractor.structure import parse
from extractor.text import clean

HEAD = """ПРОТОКОЛ № 4
заседания комиссии по делам несовершеннолетних
12.03.2025                                   г. Верхнеборск
Председательствовал: Кузнецов И.И.
Присутствовали: Петрова А.А., Сидоров В.В., Орлова Е.Н.
ПОВЕСТКА ДНЯ:
1. О профилактике правонарушений несовершеннолетних в весенний период.
СЛУШАЛИ: Петрову А.А. – о состоянии профилактической работы в образовательных организациях.
ВЫСТУПИЛИ: Сидоров В.В., Орлова Е.Н.
"""
ORDERS = [
    "Управлению образования (Петрова А.А.) обеспечить проведение классных часов по правовому просвещению",
    "Утвердить план профилактических мероприятий на весенний период 2025 года",
    "Рекомендовать главам сельских поселений организовать рейды по местам досуга молодёжи",
]
# label line(s) before the items; {preamble} is the paragraph a marker may close
MARKERS = {
    "upper": "РЕШИЛИ:", "title": "Решили:", "lower": "решили:", "postanovili": "ПОСТАНОВИЛИ:",
    "postanovili-title": "Постановили:", "reshenie": "РЕШЕНИЕ:", "vote-note": "Решили (единогласно):",
    "prinyali": "ПРИНЯЛИ РЕШЕНИЕ:", "prinyatye": "Принятые решения:", "itogi": "Итоги обсуждения:",
    "po-itogam": "По итогам совещания:", "po-itogam-voprosa": "По итогам рассмотрения вопроса:",
    "resheniya-i-porucheniya": "РЕШЕНИЯ И ПОРУЧЕНИЯ:",
    "inline-reshila": "Заслушав и обсудив информацию Петровой А.А., комиссия РЕШИЛА:",
    "inline-reshilo": "Обсудив информацию о состоянии профилактической работы, совещание решило:",
    "inline-members": "Заслушав информацию докладчика, члены комиссии решили:",
    "inline-postanovlyaet": "Рассмотрев представленные материалы, комиссия ПОСТАНОВЛЯЕТ:",
    "tail-subject": "В целях снижения числа правонарушений несовершеннолетних комиссия решила:",
    "none-preamble": "Заслушав доклад Петровой А.А. и выступления членов комиссии,",
    "none": "",
}
NUMBERING = {
    "dot": lambda n: f"{n}. ", "paren": lambda n: f"{n}) ", "dotted-path": lambda n: f"1.{n}. ",
    "dash": lambda n: "– ", "bullet": lambda n: "• ", "plain": lambda n: "",
}
TAILS = {"end": "", "narrative": "Следующее заседание комиссии состоится 16 апреля 2025 года.",
         "vote": "Голосовали: «за» – 9, «против» – нет, «воздержались» – нет."}
SIGN = "Председатель комиссии                    И.И. Кузнецов"


def protocol(marker: str, numbering: str, tail: str) -> str:
    items = [NUMBERING[numbering](n) + text + "." for n, text in enumerate(ORDERS, 1)]
    parts = [HEAD.rstrip("\n"), MARKERS[marker], *items, TAILS[tail], SIGN]
    return "\n".join(p for p in parts if p) + "\n"


def decisions(text: str) -> list[str]:
    layout = clean(text)
    st = parse(layout.text, layout.paragraphs())
    return [layout.text[it.start:it.end] for it in st.items]


CASES = [pytest.param(m, n, t, id=f"{m}-{n}-{t}")
         for m, n, t in itertools.product(MARKERS, NUMBERING, TAILS)]


@pytest.mark.parametrize("marker,numbering,tail", CASES)
def test_three_orders_in_every_form(marker, numbering, tail):
    found = decisions(protocol(marker, numbering, tail))
    assert len(found) == 3, found
    for text, order in zip(found, ORDERS):
        assert text.startswith(order), (text, order)
        assert "заседание" not in text and "Голосовали" not in text   # nothing runs on after an item


LINES = {
    "srok-colon": ("Срок: до 01.04.2025", "deadline"), "srok-dash": ("Срок – до 01.04.2025", "deadline"),
    "srok-ispolneniya": ("Срок исполнения – до 01.04.2025.", "deadline"),
    "otvetstvenny": ("Ответственный: Петрова А.А.", "responsible"),
    "otvetstvennye": ("Ответственные: Петрова А.А., Сидоров В.В.", "responsible"),
}


@pytest.mark.parametrize("line", LINES, ids=list(LINES))
@pytest.mark.parametrize("marker", ["upper", "inline-reshila", "none", "po-itogam"])
@pytest.mark.parametrize("numbering", ["dot", "plain", "dash"])
def test_register_lines_stay_with_their_item(marker, numbering, line):
    text, kind = LINES[line]
    items = [NUMBERING[numbering](n) + order + ".\n" + text for n, order in enumerate(ORDERS, 1)]
    doc = "\n".join([HEAD.rstrip("\n"), MARKERS[marker], *items, SIGN]) + "\n"
    layout = clean(doc)
    st = parse(layout.text, layout.paragraphs())
    assert len(st.items) == 3
    for it in st.items:
        spans = [it.deadline] if kind == "deadline" else it.responsible
        assert spans and spans[0] is not None and layout.text[spans[0][0]:spans[0][1]] in text


PROPOSALS = [  # (label of the proposal, outcome line, is it a decision)
    ("ПРЕДЛОЖЕНО:", "Решение принято.", True), ("Предложено:", "РЕШЕНИЕ ПРИНЯТО", True),
    ("Формулировка решения:", "Решение по первому вопросу — ПРИНЯТО", True),
    ("ПРЕДЛОЖЕНО:", "Решение не принято.", False), ("Формулировка решения:", "Решение по 1 вопросу – НЕ ПРИНЯТО", False),
    ("Проект решения:", "Решение принято большинством голосов.", True),
]


@pytest.mark.parametrize("label,outcome,adopted", PROPOSALS, ids=lambda v: str(v)[:24])
@pytest.mark.parametrize("votes", ["line", "table"])
def test_a_proposal_is_a_decision_when_adopted(label, outcome, adopted, votes):
    vote = ("Голосовали: «за» – 54 голоса (62,5 %), «против» – 20, «воздержались» – 12." if votes == "line"
            else "«За»\n«Против»\n«Воздержались»\n3 845,20 м² – 98,20 %\n0,00 м² – 0,00 %\n70,50 м² – 1,80 %")
    doc = "\n".join([HEAD.rstrip("\n"), f"{label} Утвердить смету доходов и расходов на 2025 год.", vote, outcome,
                     SIGN]) + "\n"
    found = decisions(doc)
    assert found == (["Утвердить смету доходов и расходов на 2025 год."] if adopted else [])


def test_decision_text_after_a_proposal_replaces_it():
    doc = "\n".join([HEAD.rstrip("\n"), "ПРЕДЛОЖЕНО: утвердить смету на 2025 год.",
                     "Голосовали: «за» – 54, «против» – 20.", "РЕШИЛИ: Утвердить смету доходов и расходов на 2025 год.",
                     SIGN]) + "\n"
    assert decisions(doc) == ["Утвердить смету доходов и расходов на 2025 год."]
