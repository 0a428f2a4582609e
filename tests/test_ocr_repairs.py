"""OCR repairs (extractor/readers/ocr_repairs.py): each rule on table cases, written for these
tests (no corpus text). A row: the line as tesseract gives it, the line repaired, the rule that must
fire (None: nothing may change)."""
from __future__ import annotations

import pytest

from extractor.readers.ocr import OcrToken
from extractor.readers.ocr_repairs import explain, repair_line, repair_text

CASES = [
    # detached_punctuation
    ("область , город ‚ улица", "область, город, улица", "detached_punctuation"),
    ("Место проведения : зал", "Место проведения: зал", "detached_punctuation"),
    # list_number_noise
    ("3.’ Утвердить смету", "3. Утвердить смету", "list_number_noise"),
    ("12., Принять к сведению", "12. Принять к сведению", "list_number_noise"),
    # latin_lookalikes
    ("членов CHT «Рассвет»", "членов СНТ «Рассвет»", "latin_lookalikes"),
    ("с 01.02.2024r. no 15.02.2024 г.", "с 01.02.2024г. по 15.02.2024 г.", "latin_lookalikes"),
    ("избрать Петрова A.B.", "избрать Петрова А.В.", "latin_lookalikes"),
    ("Мoскoвская область", "Московская область", "latin_lookalikes"),
    ("письмо на info@tsj-sever.ru", "письмо на info@tsj-sever.ru", None),
    ("сайт https://snt-klever.org/ и Telegram", "сайт https://snt-klever.org/ и Telegram", None),
    ("Meeting notes for ABC", "Meeting notes for ABC", None),
    # section_words
    ("РЕШ ИЛИ;", "РЕШИЛИ:", "section_words"),
    ("РЕШНЛИ:", "РЕШИЛИ:", "section_words"),
    ("ПОСТАНОВ ИЛИ.", "ПОСТАНОВИЛИ:", "section_words"),
    ("СЛУШАЛИ;", "СЛУШАЛИ:", "section_words"),
    ("ВЫСТУПНЛИ:", "ВЫСТУПИЛИ:", "section_words"),
    ("PEШИЛИ:", "РЕШИЛИ:", "latin_lookalikes"),
    ("РЕШИЛА провести", "РЕШИЛА провести", None),
    ("Решили: одобрить", "Решили: одобрить", None),
    # digits_in_numbers
    ("с 10-00 до 12-О0 часов", "с 10-00 до 12-00 часов", "digits_in_numbers"),
    ("в срок до 2О.11.2О24", "в срок до 20.11.2024", "digits_in_numbers"),
    ("до З1.12.2025г.", "до 31.12.2025г.", "digits_in_numbers"),
    ("от 1l.03.2024 №5", "от 11.03.2024 №5", "digits_in_numbers"),
    ("на 2О25 год", "на 2025 год", "digits_in_numbers"),
    ("№ 44-ФЗО", "№ 44-ФЗО", None),
    ("ООО «Зодчий»", "ООО «Зодчий»", None),
    ("до 1О мая", "до 1О мая", None),            # one real digit is not enough to be sure
    # year_nine
    ("смета на 2925 г.", "смета на 2025 г.", "year_nine"),
    ("план на 2926год", "план на 2026год", "year_nine"),
    ("участок 2925 кв. м", "участок 2925 кв. м", None),
    # lone_dash
    ("избрать председателем - Петрова А.В.", "избрать председателем — Петрова А.В.", "lone_dash"),
    ("Закон № 217 ~ ФЗ", "Закон № 217 — ФЗ", "lone_dash"),
    ("Срок исполнения — 10 дней", "Срок исполнения — 10 дней", None),
    ("очно-заочной форме", "очно-заочной форме", None),
]


@pytest.mark.parametrize("raw,expected,rule", CASES, ids=[c[0] for c in CASES])
def test_repair(raw, expected, rule):
    assert repair_text(raw) == expected
    fired = explain(raw)
    if rule is None:
        assert fired == []
    else:
        assert rule in fired


def test_merged_word_keeps_lowest_confidence_and_union_box():
    tokens = [OcrToken("РЕШ", 91.0, 100, 50, 160, 80), OcrToken("ИЛИ;", 42.5, 170, 52, 230, 82)]
    (word,) = repair_line(tokens)
    assert word.text == "РЕШИЛИ:"
    assert word.conf == 42.5
    assert (word.x0, word.y0, word.x1, word.y1) == (100, 50, 230, 82)


def test_enough_cases():
    assert len(CASES) >= 15
    assert {r for _, _, r in CASES if r} >= {"detached_punctuation", "list_number_noise", "latin_lookalikes",
                                             "section_words", "digits_in_numbers", "year_nine", "lone_dash"}
