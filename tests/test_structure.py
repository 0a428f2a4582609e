"""Protocol structure: paragraph kinds and decision ids, as tables of small documents."""
from __future__ import annotations

import pytest

from extractor.text.layout import clean
from extractor.structure.lines import classify
from extractor.structure.parse import parse


@pytest.mark.parametrize("para,kind,marker", [
    pytest.param("РЕШИЛИ:", "decided", "", id="решили"),
    pytest.param("2. ПОСТАНОВИЛИ:", "decided", "2", id="numbered-постановили"),
    pytest.param("По второму вопросу РЕШИЛИ:", "decided", "2", id="ordinal-question-решили"),
    pytest.param("Профсоюзный комитет ПОСТАНОВИЛ:", "decided", "", id="subject-постановил"),
    pytest.param("Принятое решение: утвердить смету.", "decided", "", id="принятое-решение"),
    pytest.param("ПОРУЧЕНИЯ:", "decided", "", id="поручения"),
    pytest.param("Постановили (единогласно): избрать председателем Петрова П.П.", "decided", "",
                 id="постановили-with-vote-note"),
    pytest.param("По итогам совещания поручено:", "decided", "", id="поручено"),
    pytest.param("Поручения выполнены в срок.", "text", "", id="поручения-in-a-sentence"),
    pytest.param("По итогам совещания приняты следующие решения:", "decided_intro", "", id="приняты-решения"),
    pytest.param("1. СЛУШАЛИ:", "heard", "1", id="numbered-слушали"),
    pytest.param("Слушали: Иванову А.А. – о плане.", "heard", "", id="слушали-inline"),
    pytest.param("ВЫСТУПИЛИ:", "spoke", "", id="выступили"),
    pytest.param("Вопрос № 3 повестки дня: О созыве собрания.", "question_ref", "3", id="вопрос-№"),
    pytest.param("По вопросу II повестки дня", "question_ref", "II", id="по-вопросу-roman"),
    pytest.param("III. О проведении сессии.", "question", "III", id="roman-question"),
    pytest.param("2.1. Направить отчёт.", "item", "2.1", id="dotted-item"),
    pytest.param("а) сформировать заявки;", "item", "а", id="letter-item"),
    pytest.param("3) утвердить план;", "item", "3", id="paren-item"),
    pytest.param("09.09.2024", "text", "", id="date-is-not-an-item"),
    pytest.param("Срок – до 12:00 (мск) 13 ноября 2023 г.", "deadline", "", id="срок-dash"),
    pytest.param("Срок исполнения: постоянно.", "deadline", "", id="срок-исполнения"),
    pytest.param("Ответственные: Иванов И.И., Петров П.П.", "responsible", "", id="ответственные"),
    pytest.param("Ответственному секретарю направить выписку.", "text", "", id="dative-not-label"),
    pytest.param("Голосовали: «за» – 9, «против» – 0.", "vote", "", id="голосовали"),
    pytest.param("«ПРОТИВ» – нет;", "vote", "", id="против-нет"),
    pytest.param("Председательствовал: В.С. Иванов", "chair", "", id="председательствовал"),
    pytest.param("Протокол вела: Сидорова Е.С.", "secretary", "", id="протокол-вела"),
    pytest.param("Учёный секретарь – доцент Е.В. Петрова", "secretary", "", id="учёный-секретарь"),
    pytest.param("Присутствовали члены комиссии:", "attendees", "", id="присутствовали"),
    pytest.param("Отсутствовали: Зайцев М.А. (отпуск).", "absent", "", id="отсутствовали"),
    pytest.param("(Петрова Л.А.)", "speaker", "", id="bracket-speaker"),
    pytest.param("Докладчик – проректор Королёв А.Д.", "speaker", "", id="докладчик"),
    pytest.param("ПОВЕСТКА ДНЯ:", "agenda", "", id="повестка"),
    pytest.param("Приложения:", "annexes", "", id="приложения"),
])
def test_line_kind(para, kind, marker):
    line = classify(para, 0, len(para))
    assert (line.kind, line.marker) == (kind, marker)


SHORT_FORM = """ПРОТОКОЛ
I. О первом.
(Иванов И.И.)
РЕШИЛИ:
1. Принять информацию к сведению.
2. Отделу кадров:
2.1. Подготовить план.
2.2. Направить отчёт.
II. О втором.
(Петров П.П.)
РЕШИЛИ:
1. Утвердить смету.
"""

FULL_FORM = """ПРОТОКОЛ № 3
ПОВЕСТКА ДНЯ:
1. О первом.
2. О втором.
1. СЛУШАЛИ:
Иванова И.И. – о первом.
ПОСТАНОВИЛИ:
1.1. Информацию принять к сведению.
1.2. Управлению образования (Петров П.П.):
а) провести проверку;
б) представить отчёт.
Голосовали: «за» – 5, «против» – 0, «воздержались» – 0.
2. СЛУШАЛИ:
Петрова П.П. – о втором.
ПОСТАНОВИЛИ:
Одобрить программу.
"""

TABLE = """ПРОТОКОЛ
По итогам совещания приняты следующие решения:
№ п/п
Поручение
Ответственный
Срок исполнения
1.
Информацию принять к сведению.
–
–
2.
Подготовить график.
Иванов И.И.,
Петров П.П.
до 20.09.2024
3.
Обновить сайт.
Сидоров С.С.
постоянно
Директор
"""

PER_QUESTION_RESTART = """ПОВЕСТКА ДНЯ:
1. О первом.
2. О втором.
1. По первому вопросу СЛУШАЛИ: Иванова И.И.
РЕШИЛИ:
Принять к сведению.
2. По второму вопросу СЛУШАЛИ: Петрова П.П.
РЕШИЛИ:
1. Утвердить план.
2. Провести семинар.
"""


def _ids(raw: str) -> list[str]:
    layout = clean(raw)
    st = parse(layout.text, layout.paragraphs())
    return [item.id for item in st.items if not item.is_header]


@pytest.mark.parametrize("raw,ids", [
    pytest.param(SHORT_FORM, ["I.1", "I.2.1", "I.2.2", "II.1"], id="short-form-roman"),
    pytest.param(FULL_FORM, ["1.1", "1.2.а", "1.2.б", "2"], id="full-form-letters-unnumbered"),
    pytest.param(TABLE, ["1", "2", "3"], id="assignment-table"),
    pytest.param(PER_QUESTION_RESTART, ["1", "2.1", "2.2"], id="restart-per-question"),
])
def test_decision_ids(raw, ids):
    assert _ids(raw) == ids


def test_table_cells():
    layout = clean(TABLE)
    st = parse(layout.text, layout.paragraphs())
    row = st.items[1]
    cell = lambda span: layout.text[span[0]:span[1]]  # noqa: E731
    assert cell(row.table_text) == "Подготовить график."
    assert [cell(r) for r in row.responsible] == ["Иванов И.И.,\nПетров П.П."]
    assert cell(row.deadline) == "до 20.09.2024"


def test_votes_stay_with_their_decisions():
    layout = clean(FULL_FORM)
    st = parse(layout.text, layout.paragraphs())
    voted = [bool(i.vote) for i in st.items if not i.is_header]
    assert voted == [True, True, True, False]


LETTER_AFTER_QUESTIONS = [  # a letter item where a question number could stand must not crash the parse
    ("Слушали: 2. Доклад комиссара.\nПостановили: 2.—\nг) Расширить полномочия комиссара.\nСлушали: 2. Доклад.\n", 1),
    ("1. О паводке.\nРЕШИЛИ:\n1.1. Утвердить план.\nг) Провести учения.\n(Иванов И.И.)\n", 2),
]


@pytest.mark.parametrize("text,n", LETTER_AFTER_QUESTIONS, ids=["fuzz-repro", "letter-after-dotted"])
def test_letter_items_where_a_question_number_could_be(text, n):
    from extractor.structure import parse
    from extractor.text import clean

    layout = clean(text)
    assert len(parse(layout.text, layout.paragraphs()).items) >= n - 1
