"""Assignment tables as tables of variations: column orders, header wordings, combined
"Ответственный, срок" cells, "–" and empty cells, section rows with numbering that restarts under
them, the number in its own column or opening the text cell, different lines before the table.
Each generated document is written one cell a line (the text export of DOCX and PDF tables; an
empty cell leaves no line) and every row is checked: id, text, responsible and deadline cells."""
from __future__ import annotations

import random

import pytest

from extractor.data import read_data
from extractor.structure.parse import parse
from extractor.structure.table_columns import cell_role, header_roles, is_mark
from extractor.structure.tables import assign
from extractor.text.layout import clean

HEADS = {
    "text": ["Поручение", "Содержание поручения", "Мероприятие (поручение)", "Наименование мероприятия",
             "Решение"],
    "responsible": ["Ответственный", "Ответственный исполнитель", "Исполнитель", "Ответственные"],
    "deadline": ["Срок", "Срок исполнения", "Срок выполнения", "Сроки"],
    "combined": ["Ответственный, срок", "Исполнитель / Срок выполнения", "Ответственный (срок)",
                 "Ответственные, сроки исполнения"],
    "ignore": ["Примечание", "Отметка об исполнении"],
    "number": ["№", "№ п/п", "№\nп/п"],
}
TEXTS = [
    ["Подготовить график ликвидации отставания и представить его на утверждение."],
    ["Обеспечить поставку материалов в объёме месячной потребности."],
    ["Информацию докладчиков о ходе работ принять к сведению."],
    ["Провести выездное совещание на объекте с участием подрядчика.",
     "Итоги совещания направить в министерство."],
    ["Разместить сведения о ходе строительства на официальном сайте."],
    ["Организовать поверку средств измерений участка термообработки."],
    ["Представлять сводку о выполнении сменных заданий."],
]
WHO = [
    ["Иванов И.И."],
    ["ООО «СК «Монолит» (Петров П.П.)"],
    ["Отдел кадров"],
    ["все структурные подразделения"],
    ["Сидорова А.В. совместно с Кузнецовым Д.Е."],
    ["Иванов И.И.,", "Петров П.П."],
    ["Главы муниципальных образований (по согласованию)"],
    ["Начальники цехов"],
]
WHEN = ["до 01.03.2025", "в течение 10 рабочих дней", "постоянно", "ежемесячно, до 5 числа",
        "в III квартале 2025 г.", "к очередному заседанию", "до 15 апреля 2025 г.", "в установленные сроки",
        "26.02.2025, 11:00"]
ORDERS = [("text", "responsible", "deadline"), ("text", "deadline", "responsible"), ("text", "combined"),
          ("text", "responsible", "deadline", "ignore"), ("text", "deadline", "responsible", "ignore")]
BEFORE = ["РЕШИЛИ:", "По итогам совещания:", "Рабочая группа РЕШИЛА:", "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ", ""]
AFTER = ["Председатель комиссии\nИ.И. Иванов", "Генеральный директор\n____________\nО.П. Вершинин",
         "Приложение: форма отчёта на 1 л."]
PREAMBLE = ("Заслушав и обсудив информацию докладчиков о ходе строительства объектов, участники совещания "
            "отметили отставание от графика работ на двух объектах и необходимость принять меры.")
SECTIONS = {"roman": ["I", "II", "III"], "arabic": ["1", "2", "3"]}
ORDINAL = ["первому", "второму", "третьему"]


def _case(seed: int) -> tuple[str, list[tuple[str, str, list[str], str | None]], str]:
    """A generated protocol with a table and the rows it must give: (id, text, who, deadline)."""
    rnd = random.Random(seed)
    order = ORDERS[seed % len(ORDERS)]
    numbering = ["num", "num", "lead", "plain"][seed % 4]   # a № column, a number opening the text, none
    numbered = numbering == "num"
    sections = [None, "roman", "arabic"][seed // 4 % 3]
    head = ([rnd.choice(HEADS["number"])] if numbered else []) + [rnd.choice(HEADS[r]) for r in order]
    lines = ["ПРОТОКОЛ", "совещания", PREAMBLE, rnd.choice(BEFORE), *head]
    rows = []
    for s in range(rnd.choice([2, 3]) if sections else 1):
        prefix = ""
        if sections:
            sid = SECTIONS[sections][s]
            lines.append(f"{sid}. По {ORDINAL[s]} вопросу: О ходе работ на объекте № {s + 1}")
            dotted = sections == "arabic" and rnd.random() < 0.5 and numbering != "plain"   # "1.1." under "1. …"
            prefix = f"{sid}." if dotted else ""
        for n in range(1, rnd.choice([2, 3, 4]) + 1):
            number = f"{prefix}{n}"
            rid = f"{SECTIONS[sections][s]}.{n}" if sections else str(n)
            text = rnd.choice(TEXTS)
            who = rnd.choice(WHO) if rnd.random() > 0.2 else rnd.choice([["–"], []])
            when = rnd.choice(WHEN) if rnd.random() > 0.2 else rnd.choice(["–", None])
            if numbering == "plain" and not who and not when:
                who = ["–"]             # without numbers a row with no cell but its text is not told apart
            cells: dict[str, list[str]] = {"text": text, "responsible": who, "deadline": [when] if when else [],
                                           "ignore": rnd.choice([[], ["–"], ["исполнено"]])}
            both = [w for w in who if w != "–"] + ([when] if when and when != "–" else [])
            if rnd.random() < 0.3:      # "Срок, ответственный": the deadline on the first line
                both = both[-1:] + both[:-1] if when and when != "–" else both
            cells["combined"] = both or rnd.choice([["–"], [] if numbering != "plain" else ["–"]])
            if numbered:
                lines.append(f"{number}.")
            for k, role in enumerate(order):
                cell = list(cells[role])
                if k == 0 and numbering == "lead":
                    cell[0] = f"{number}. {cell[0]}"
                lines.extend(cell)
            real_who = [w for w in who if w != "–"]
            rows.append((rid, "\n".join(text), real_who, when if when != "–" else None))
    lines.append(rnd.choice(AFTER))
    name = f"{seed:03d}-{'-'.join(order)}-{numbering}-{sections or 'flat'}"
    return "\n".join(l for l in lines if l) + "\n", rows, name


CASES = [_case(seed) for seed in range(240)]


@pytest.mark.parametrize("raw,rows", [pytest.param(r, w, id=n) for r, w, n in CASES])
def test_generated_table(raw, rows):
    layout = clean(raw)
    st = parse(layout.text, layout.paragraphs())
    cell = lambda span: layout.text[span[0]:span[1]] if span else None
    got = []
    for item in st.items:
        who = "\n".join(cell(r) for r in item.responsible)
        got.append((item.id, cell(item.table_text), [w for w in who.split("\n") if w], cell(item.deadline)))
    assert got == rows


@pytest.mark.parametrize("head,role", [
    pytest.param("№ п/п", "number", id="№-п/п"),
    pytest.param("Содержание поручения", "text", id="содержание-поручения"),
    pytest.param("Мероприятие (поручение)", "text", id="мероприятие-(поручение)"),
    pytest.param("Наименование мероприятия", "text", id="наименование-мероприятия"),
    pytest.param("Решение (поручение)", "text", id="решение-(поручение)"),
    pytest.param("Ответственный исполнитель", "responsible", id="ответственный-исполнитель"),
    pytest.param("Ответственные", "responsible", id="ответственные"),
    pytest.param("Исполнитель", "responsible", id="исполнитель"),
    pytest.param("Срок исполнения", "deadline", id="срок-исполнения"),
    pytest.param("Сроки", "deadline", id="сроки"),
    pytest.param("Ответственный, срок", "combined", id="ответственный-срок"),
    pytest.param("Исполнитель / Срок выполнения", "combined", id="исполнитель/срок-выполнения"),
    pytest.param("Срок и ответственный", "combined", id="срок-и-ответственный"),
    pytest.param("Отметка об исполнении", "ignore", id="отметка-об-исполнении"),
    pytest.param("Примечание", "ignore", id="примечание"),
    pytest.param("Ответственный исполнитель (Ф.И.О., должность)", "responsible", id="note-in-brackets"),
    pytest.param("Ф.И.О. ответственного лица", "responsible", id="фио-ответственного"),
    pytest.param("Кому поручено", "responsible", id="кому-поручено"),
    pytest.param("Срок представления отчёта", "deadline", id="срок-представления-отчёта"),
    pytest.param("Срок исполнения поручения", "deadline", id="срок-исполнения-поручения"),
    pytest.param("Плановый срок выполнения", "deadline", id="плановый-срок"),
    pytest.param("Срок (дата)", "deadline", id="срок-(дата)"),
    pytest.param("Ответственный:", None, id="label-with-colon-is-not-a-header"),
    pytest.param("Срок действия договора аренды земельного участка истекает", None, id="long-sentence"),
    pytest.param("Ответственный: Иванов И.И.", None, id="responsible-line"),
    pytest.param("Срок – до 01.03.2025", None, id="deadline-line"),
    pytest.param("Поручение Правительства Российской Федерации", None, id="sentence"),
])
def test_header_cell_role(head, role):
    assert cell_role(head) == role


def test_every_vocabulary_entry_names_its_role():
    """Each entry of the column vocabulary, written as a header cell, gives its own role."""
    for row in read_data("table_columns.txt"):
        role, _, phrase = (x.strip() for x in row.partition(":"))
        cell = " ".join(w.rstrip("*") + ("о" if w.endswith("*") else "") for w in phrase.split() if w != "...")
        if role == "mark":      # a value of a notes column, not a column name
            assert is_mark(cell) and cell_role(cell) is None, row
        else:
            assert cell_role(cell) == role, row


@pytest.mark.parametrize("cells,roles", [
    pytest.param(["№", "Поручение", "Ответственный", "Срок"], ["number", "text", "responsible", "deadline"],
                 id="classic"),
    pytest.param(["№", "п/п", "Мероприятие", "Срок", "Исполнитель"], ["number", "text", "deadline", "responsible"],
                 id="№-and-п/п-on-two-lines"),
    pytest.param(["Поручение", "Ответственный, срок"], ["text", "combined"], id="two-columns"),
    pytest.param(["№", "Поручение"], None, id="no-responsible-or-deadline"),
    pytest.param(["Ответственный", "Срок"], None, id="no-text-column"),
])
def test_header_roles(cells, roles):
    assert header_roles(cells) == roles


@pytest.mark.parametrize("cols,cells,expected", [
    pytest.param(["text", "responsible", "deadline"], ["Подготовить план.", "до 01.03.2025"],
                 [[0], [], [1]], id="empty-responsible"),
    pytest.param(["text", "responsible", "deadline"], ["Подготовить план.", "Иванов И.И."],
                 [[0], [1], []], id="empty-deadline"),
    pytest.param(["text", "deadline", "responsible"], ["Подготовить план.", "Иванов И.И."],
                 [[0], [], [1]], id="empty-deadline-before-responsible"),
    pytest.param(["text", "combined"], ["Подготовить план.", "ООО «Альфа» (Иванов И.И.)", "Отдел кадров",
                                        "до 01.03.2025"], [[0], [1, 2, 3]], id="combined-three-lines"),
    pytest.param(["text", "responsible", "deadline"], ["Подготовить план", "и направить его в министерство.",
                                                       "Иванов И.И.", "постоянно"],
                 [[0, 1], [2], [3]], id="text-on-two-lines"),
    pytest.param(["text", "responsible", "deadline", "ignore"], ["Принять к сведению.", "–", "–"],
                 [[0], [1], [2], []], id="dashes"),
])
def test_assign(cols, cells, expected):
    assert assign(cols, cells) == expected


def test_cases_cover_the_variations():
    """The generated table really varies: every column order, both numberings, every section kind."""
    names = [n for _, _, n in CASES]
    for order in ORDERS:
        assert any("-".join(order) in n for n in names)
    for part in ("-num-", "-lead-", "-plain-", "-flat", "-roman", "-arabic"):
        assert any(part in n for n in names)
    assert sum(len(rows) for _, rows, _ in CASES) > 700
    assert sum("–" in raw.split("\n") for raw, _, _ in CASES) > 100


PER_QUESTION = """ПРОТОКОЛ
ПОВЕСТКА ДНЯ:
1. О первом.
2. О втором.
1. СЛУШАЛИ: Иванова И.И. – о первом.
РЕШИЛИ:
№
Поручение
Ответственный
Срок
1.
Подготовить план работ на квартал.
Иванов И.И.
до 01.03.2025
2. СЛУШАЛИ: Петрова П.П. – о втором.
РЕШИЛИ:
№
Поручение
Ответственный
Срок
1.
Провести проверку готовности объектов.
Петров П.П.
постоянно
2.
Направить отчёт в министерство.
–
до 15.03.2025
"""

AFTER_QUESTIONS = """ПРОТОКОЛ
ПОВЕСТКА ДНЯ:
1. О первом.
2. О втором.
1. СЛУШАЛИ: Иванова И.И. – о первом.
РЕШИЛИ:
1.1. Утвердить план работ.
2. СЛУШАЛИ: Петрова П.П. – о втором.
РЕШИЛИ:
2.1. Утвердить перечень поручений.
ПЕРЕЧЕНЬ ПОРУЧЕНИЙ
№ п/п
Содержание поручения
Срок исполнения
Ответственный
1.
Подготовить план работ на квартал.
до 01.03.2025
Иванов И.И.
2.
Провести проверку готовности объектов.
постоянно
Петров П.П.
"""

DOTTED_AFTER_DISCUSSION = """ПРОТОКОЛ
ПОВЕСТКА:
1. О первом.
2. О втором.
1. СЛУШАЛИ:
Иванова И.И. – о первом.
2. СЛУШАЛИ:
Петрова П.П. – о втором.
По итогам заседания:
Поручение
Ответственный, срок
1.1. Подготовить план работ на квартал.
Иванов И.И.
до 01.03.2025
2.1. Провести проверку готовности объектов.
ООО «Альфа» (Петров П.П.)
ООО «Бета» (Сидоров С.С.)
постоянно
"""


@pytest.mark.parametrize("raw,ids,agenda", [
    # a question's single decision numbered "1" takes the question's id (items.decision_id)
    pytest.param(PER_QUESTION, ["1", "2.1", "2.2"], ["1", "2", "2"], id="a-table-per-question"),
    pytest.param(AFTER_QUESTIONS, ["1.1", "2.1", "1", "2"], ["1", "2", None, None],
                 id="a-list-of-assignments-after-the-questions"),
    pytest.param(DOTTED_AFTER_DISCUSSION, ["1.1", "2.1"], ["1", "2"], id="rows-1.1-2.1-name-their-questions"),
])
def test_table_ids_and_questions(raw, ids, agenda):
    layout = clean(raw)
    st = parse(layout.text, layout.paragraphs())
    items = [it for it in st.items if not it.is_header]
    assert [it.id for it in items] == ids
    assert [it.question.id if it.question else None for it in items] == agenda


def test_three_line_combined_cell():
    layout = clean(DOTTED_AFTER_DISCUSSION)
    st = parse(layout.text, layout.paragraphs())
    row = st.items[-1]
    cell = lambda span: layout.text[span[0]:span[1]]  # noqa: E731
    assert [cell(r) for r in row.responsible] == ["ООО «Альфа» (Петров П.П.)", "ООО «Бета» (Сидоров С.С.)"]
    assert cell(row.deadline) == "постоянно"


def _pdf_row(*cells: str) -> list:
    from extractor.readers.pdf_geometry import VLine

    return [[VLine([], text=c)] if c else [] for c in cells]


@pytest.mark.parametrize("first,above,continues", [
    pytest.param(_pdf_row("", "(Иванов И.И.)", "до 01.03"), [_pdf_row("№", "Поручение", "Срок")] * 3, True,
                 id="empty-first-cell"),
    pytest.param(_pdf_row("школы к сетям.", "(Хасанова Г.Р.)"),
                 [_pdf_row("Поручение", "Ответственный, срок"), _pdf_row("3.1. Завершить работы.", "АО «Альфа»")],
                 True, id="lower-case-goes-on"),
    pytest.param(_pdf_row("Итоги направить в министерство.", "Иванов И.И."),
                 [_pdf_row("Поручение", "Ответственный"), _pdf_row("1.1. Завершить.", "А"), _pdf_row("1.2. Провести.", "Б")],
                 True, id="no-row-number-under-numbered-rows"),
    pytest.param(_pdf_row("1.3. Направить отчёт.", "Иванов И.И."),
                 [_pdf_row("Поручение", "Ответственный"), _pdf_row("1.1. Завершить.", "А"), _pdf_row("1.2. Провести.", "Б")],
                 False, id="a-new-numbered-row"),
    pytest.param(_pdf_row("Направить отчёт.", "Иванов И.И."),
                 [_pdf_row("Поручение", "Ответственный"), _pdf_row("Завершить.", "А"), _pdf_row("Провести.", "Б")],
                 False, id="unnumbered-rows-start-upper-case"),
])
def test_pdf_row_cut_by_a_page_goes_on(first, above, continues):
    """A ruled table's row that a page break cut in two is joined again (readers/pdf_layout)."""
    from extractor.readers.pdf_layout import _continues

    assert _continues(first, above) is continues


def test_debug_trace_shows_each_row_split(monkeypatch, capsys):
    monkeypatch.setenv("PROTOKOL_DEBUG", "tables")
    layout = clean(AFTER_QUESTIONS)
    parse(layout.text, layout.paragraphs())
    err = capsys.readouterr().err.splitlines()
    assert "[tables] header number | text | deadline | responsible at paragraph 11" in err
    assert "[tables] 2: text='Провести проверку готовности объектов.' | deadline='постоянно' | " \
           "responsible='Петров П.П.'" in err
