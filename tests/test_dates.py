"""Calendar dates with offsets (extractor.language.dates)."""
from datetime import date

import pytest

from extractor.language.dates import find_dates, last_day, month_number, number_value, quarter_number

# [text, default_year, expected [(matched text, ISO date, year_given), ...]]
ROWS = [
    pytest.param("13.11.2023", None, [("13.11.2023", "2023-11-13", True)], id="numeric-full-year"),
    pytest.param("до 13.11.23 включительно", None, [("13.11.23", "2023-11-13", True)], id="numeric-two-digit-year-is-20yy"),
    pytest.param("от 1.02.2024 № 5", None, [("1.02.2024", "2024-02-01", True)], id="numeric-one-digit-day"),
    pytest.param("с 01.01. 2024г. введено", None, [("01.01. 2024г.", "2024-01-01", True)], id="numeric-space-after-dot-and-g"),
    pytest.param("05 июля 2023 г.", None, [("05 июля 2023 г.", "2023-07-05", True)], id="verbal-zero-padded-day-g"),
    pytest.param("5 июля 2023 года", None, [("5 июля 2023 года", "2023-07-05", True)], id="verbal-goda"),
    pytest.param("«12» марта 2025 г.", None, [("«12» марта 2025 г.", "2025-03-12", True)], id="verbal-quoted-day"),
    pytest.param("« 12 » марта 2025г.", None, [("« 12 » марта 2025г.", "2025-03-12", True)], id="verbal-quoted-day-spaces"),
    pytest.param("до 12 марта", 2024, [("12 марта", "2024-03-12", False)], id="no-year-filled-from-default"),
    pytest.param("до 12 марта", None, [], id="no-year-no-default-skipped"),
    pytest.param("2023-11-13", None, [("2023-11-13", "2023-11-13", True)], id="iso"),
    pytest.param("протокол от 27 июня\n2023 г. № 4", None, [("27 июня\n2023 г.", "2023-06-27", True)], id="newline-inside"),
    pytest.param("от  3   мая   2024  г.", None, [("3   мая   2024  г.", "2024-05-03", True)], id="extra-spaces"),
    pytest.param("31.02.2024", None, [], id="invalid-day-rejected"),
    pytest.param("30 февраля 2024 г.", None, [], id="invalid-verbal-rejected"),
    pytest.param("29 февраля", 2024, [("29 февраля", "2024-02-29", False)], id="leap-day-default-year"),
    pytest.param("ДО 1 ДЕКАБРЯ 2024 Г.", None, [("1 ДЕКАБРЯ 2024 Г.", "2024-12-01", True)], id="upper-case-month"),
    pytest.param("в январе 2025 г.", 2024, [], id="month-without-day-is-no-date"),
    pytest.param("по специальности 2.5.6. Технология", 2024, [], id="section-number-not-a-date"),
    pytest.param("версия 1.10.24 и 2024.11.13", None, [], id="short-two-digit-shapes-not-dates"),
    pytest.param("с 19.03.2024 по 1 апреля 2024 г.", None,
                 [("19.03.2024", "2024-03-19", True), ("1 апреля 2024 г.", "2024-04-01", True)], id="two-dates-in-order"),
    pytest.param("до 5 марта 25 г.", None, [("5 марта 25 г.", "2025-03-05", True)], id="verbal-two-digit-year-with-g"),
    pytest.param("к 1-го сентября 2024 года", None, [("1-го сентября 2024 года", "2024-09-01", True)], id="day-with-go-suffix"),
]


@pytest.mark.parametrize("text, default_year, expected", ROWS)
def test_find_dates(text: str, default_year: int | None, expected: list[tuple[str, str, bool]]) -> None:
    found = find_dates(text, default_year)
    assert [(d.text, d.value.isoformat(), d.year_given) for d in found] == expected
    for d in found:
        assert text[d.start:d.end] == d.text


@pytest.mark.parametrize("word, number", [
    pytest.param("января", 1, id="genitive"), pytest.param("Марте", 3, id="locative-capital"),
    pytest.param("май", 5, id="nominative"), pytest.param("сентябрём", 9, id="instrumental-yo"),
    pytest.param("окт.", 10, id="abbreviation"), pytest.param("мартовский", None, id="adjective-is-no-month"),
])
def test_month_number(word: str, number: int | None) -> None:
    assert month_number(word) == number


@pytest.mark.parametrize("word, number", [
    pytest.param("IV", 4, id="roman"), pytest.param("i", 1, id="roman-lower"), pytest.param("3", 3, id="arabic"),
    pytest.param("четвёртом", 4, id="ordinal-word"), pytest.param("V", None, id="no-fifth-quarter"),
])
def test_quarter_number(word: str, number: int | None) -> None:
    assert quarter_number(word) == number


@pytest.mark.parametrize("word, number", [
    pytest.param("10", 10, id="digits"), pytest.param("2-х", 2, id="digits-with-suffix"),
    pytest.param("пяти", 5, id="word"), pytest.param("сорока пяти", 45, id="two-words"),
    pytest.param("много", None, id="not-a-number"),
])
def test_number_value(word: str, number: int | None) -> None:
    assert number_value(word) == number


def test_last_day_of_month() -> None:
    assert last_day(2024, 2) == date(2024, 2, 29)
    assert last_day(2025, 2) == date(2025, 2, 28)
    assert last_day(2024, 12) == date(2024, 12, 31)
