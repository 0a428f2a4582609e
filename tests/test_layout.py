"""Layout cleaning: paragraphs rebuilt, hyphens decided by the dictionary, offsets kept."""
from __future__ import annotations

import pytest

from extractor.text.layout import clean

# A wrapped body: long lines that break mid-sentence (the shape of a PDF text layer).
WRAP = ("Инициаторам создания центров совместно с представителями органов власти\n\n"
        "субъектов Российской Федерации продолжить исполнение поручений протоколов\n\n")


def _wrapped(tail: str) -> str:
    return WRAP * 6 + tail


@pytest.mark.parametrize("raw,expected", [
    pytest.param(_wrapped("работы профес-\nсионального сообщества.\n"), "работы профессионального сообщества.",
                 id="hyphen-dropped-known-word"),
    pytest.param(_wrapped("образовательно-\nпроизводственных центров.\n"), "образовательно-производственных центров.",
                 id="hyphen-kept-compound"),
    pytest.param(_wrapped("протокол №Д05-\n103/05пр от 15 августа.\n"), "протокол №Д05-103/05пр от 15 августа.",
                 id="hyphen-kept-number"),
    pytest.param(_wrapped("в рамках проекта «Развитие\nобразования» в 2024 году.\n"),
                 "в рамках проекта «Развитие образования» в 2024 году.", id="soft-wrap-joined"),
], )
def test_wrapped_joins(raw, expected):
    layout = clean(raw)
    assert layout.wrapped
    assert layout.text.split("\n")[-1].endswith(expected)


@pytest.mark.parametrize("raw,paragraphs", [
    pytest.param("П Р О Т О К О Л\nзаседания", ["ПРОТОКОЛ", "заседания"], id="letter-spaced"),
    pytest.param("М И Н И С Т Е Р С Т В О  П Р О С В Е Щ Е Н И Я\n", ["МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ"], id="letter-spaced-words"),
    pytest.param("\ufeffПРОТОКОЛ\r\n№ 5\r\n", ["ПРОТОКОЛ", "№ 5"], id="bom-crlf"),
    pytest.param("Срок:\u00a0до\u00a01 мая", ["Срок: до 1 мая"], id="nbsp"),
    pytest.param("обра\u00adзование", ["образование"], id="soft-hyphen"),
    pytest.param("Председатель:   Иванов И.И.", ["Председатель: Иванов И.И."], id="spaces-squeezed"),
    pytest.param("1.\nПоручение\n2\n", ["1.", "Поручение", "2"], id="table-cells-kept"),
    pytest.param("Текст\n[[PAGEBREAK]]\nДалее", ["Текст", "Далее"], id="page-break-mark"),
    pytest.param("Текст\n- 2 -\nДалее", ["Текст", "Далее"], id="page-number"),
    pytest.param("Протокол вела: консультант А.В.\nКлимова", ["Протокол вела: консультант А.В. Климова"],
                 id="surname-after-initials-joined"),
    pytest.param("Ответственный: Иванов И.И.\nСрок: до 1 мая", ["Ответственный: Иванов И.И.", "Срок: до 1 мая"],
                 id="label-after-initials-kept"),
])
def test_paragraphs(raw, paragraphs):
    assert clean(raw).text.split("\n") == paragraphs


@pytest.mark.parametrize("raw", [
    pytest.param("\ufeffПРОТОКОЛ\r\nСрок:\u00a0до 1 мая\r\n", id="bom-crlf-nbsp"),
    pytest.param(_wrapped("работы профес-\nсионального сообщества.\n"), id="wrapped-hyphen"),
    pytest.param("П Р О Т О К О Л  № 5\nзаседания", id="letter-spaced"),
])
def test_offsets_point_at_the_source(raw):
    layout = clean(raw)
    assert len(layout.offsets) == len(layout.text) + 1
    for i, ch in enumerate(layout.text):
        src = raw[layout.offsets[i]]
        assert ch == src or (ch == " " and src.isspace()) or (ch == "\n" and src in " \r\n") or ch == "-"


def test_source_span_of_a_word():
    raw = _wrapped("работы профес-\nсионального сообщества.\n")
    layout = clean(raw)
    i = layout.text.index("профессионального")
    s, e = layout.source_span(i, i + len("профессионального"))
    assert raw[s:e] == "профес-\nсионального"
