"""Two fields the README promises: `header.title` (the document's title line) and `Person.gender`
(decided from the surname's form and its context, None when nothing tells)."""
from __future__ import annotations

import pytest

# [the head of a protocol, its title]
TITLES = [
    pytest.param("ООО «Ромашка»\nПРОТОКОЛ № 7\nзаседания правления\nг. Тверь\n12.03.2025\n",
                 "ПРОТОКОЛ № 7 заседания правления", id="number-line-then-genitive-line-stops-at-town"),
    pytest.param("АДМИНИСТРАЦИЯ ГОРОДА\nПРОТОКОЛ\nсовещания у главы города\nпо вопросам благоустройства\n"
                 "15 апреля 2025 года\n", "ПРОТОКОЛ совещания у главы города по вопросам благоустройства",
                 id="two-continuation-lines-stop-at-date"),
    pytest.param("П Р О Т О К О Л № 23\nоперативного совещания\n", "ПРОТОКОЛ № 23 оперативного совещания",
                 id="letter-spaced"),
    pytest.param("Протокол заседания Совета от 5 апреля 1930 г.\n", "Протокол заседания Совета от 5 апреля 1930 г.",
                 id="one-line-title-case"),
    pytest.param("Постановление совета о закупках\n№ 12\n", None, id="no-protocol-title"),
]

# [a protocol, {person: gender}]
GENDERS = [
    pytest.param("ПРОТОКОЛ № 1\nПредседатель: Соколова А.С.\nСекретарь: Петров И.И.\nРЕШИЛИ:\n"
                 "1. Поручить Иванову П.П. подготовить отчёт.\n",
                 {"Соколова А.С.": "female", "Петров И.И.": "male", "Иванов П.П.": "male"}, id="endings"),
    pytest.param("ПРОТОКОЛ № 1\nСЛУШАЛИ:\n1. Бойко Н.С. доложила о ремонте.\nРЕШИЛИ:\n1. Принять к сведению.\n",
                 {"Бойко Н.С.": "female"}, id="verb-decides-an-indeclinable-surname"),
    pytest.param("ПРОТОКОЛ № 1\nПредседатель: Черных Е.В.\nРЕШИЛИ:\n1. Принять к сведению.\n",
                 {"Черных Е.В.": None}, id="nothing-tells"),
]


@pytest.mark.parametrize("text, expected", TITLES)
def test_title(pipeline, text: str, expected: str | None):
    title = pipeline(text).header.title
    assert (title.norm if title else None) == expected
    if title:   # grounded in the text like every value
        assert text[title.start:title.end].split()[0] == title.text.split()[0]


@pytest.mark.parametrize("text, expected", GENDERS)
def test_gender(pipeline, text: str, expected: dict):
    persons = {p.norm: p.gender for p in pipeline(text).persons}
    assert persons == expected
