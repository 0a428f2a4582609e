"""Assignment tables in text a generic converter exported from a PDF: the header row on one line
(cells apart by runs of spaces), bands of rows written column chunk by column chunk, every cell
wrapped, page numbers and running headers between pages. Tables of cuts, then generated documents
checked row by row (id, text, responsible, deadline)."""
from __future__ import annotations

import random
import textwrap

import pytest

from extractor.structure.parse import parse
from extractor.structure.table_chunks import cut, joined
from extractor.text.layout import clean

COLS = ["text", "responsible", "deadline"]


@pytest.mark.parametrize("rows,lines,cells", [
    pytest.param(2, ["Информацию докладчика", "принять к сведению.", "Разработать график и", "представить его.",
                     "–", "Иванов И.И.", "–", "до 11.04.2025"],
                 [(0, 2), (2, 4), (4, 5), (5, 6), (6, 7), (7, 8)], id="two-rows-dash-cells"),
    pytest.param(2, ["Обеспечить поставку.", "Представлять сводку.", "Белоусов К.И.", "Зайченко Е.В.",
                     "до 18 апреля", "2025 г.", "ежедневно, до", "09:00"],
                 [(0, 1), (1, 2), (2, 3), (3, 4), (4, 6), (6, 8)], id="wrapped-deadlines"),
    pytest.param(3, ["Согласовать график.", "Завершить монтаж.", "Организовать поверку.", "Лобов А.Н.",
                     "ООО «Инжиниринговый", "центр «Политех-Урал»", "(Шамсутдинов И.Р.)", "Ткачук С.А.",
                     "в течение 5 ра-", "бочих дней", "во II квартале", "2025 г.", "в мае 2025 г."],
                 [(0, 1), (1, 2), (2, 3), (3, 4), (4, 7), (7, 8), (8, 10), (10, 12), (12, 13)],
                 id="three-rows-hyphen-in-a-deadline"),
    pytest.param(2, ["Провести инструктаж.", "Разработать план.", "Ступак О.Н., начальники", "цехов",
                     "Мирошниченко В.С.", "в течение 2 недель", "в III квартале"],
                 [(0, 1), (1, 2), (2, 4), (4, 5), (5, 6), (6, 7)], id="name-list-goes-on-lowercase"),
    pytest.param(2, ["Устранить нарушения.", "Провести проверку.", "Гаврилюк Н.Н., руководи-", "тели подразделений",
                     "Гаврилюк Н.Н. совместно", "с Зайченко Е.В.", "до 30.04.2025", "в течение 2", "недель"],
                 [(0, 1), (1, 2), (2, 4), (4, 6), (6, 7), (7, 9)], id="hyphenated-responsible"),
])
def test_cut(rows, lines, cells):
    assert cut(COLS, rows, lines) == (cells, len(lines))


def test_cut_leaves_the_signature_of_the_last_band():
    lines = ["Доложить о выполнении.", "Ответственные", "исполнители", "к очередному", "совещанию", "Директор"]
    cells, used = cut(COLS, 1, lines, whole=False)
    assert (cells, used) == ([(0, 1), (1, 3), (3, 5)], 5)


@pytest.mark.parametrize("lines,text", [
    pytest.param(["в течение 5 ра-", "бочих дней"], "в течение 5 рабочих дней", id="hyphen-joined"),
    pytest.param(["производственно-", "диспетчерский отдел"], "производственно-диспетчерский отдел",
                 id="compound-keeps-capital"),
    pytest.param(["Иванов И.И.,", "Петров П.П."], "Иванов И.И., Петров П.П.", id="space"),
])
def test_joined(lines, text):
    assert joined(lines) == text


TEXTS = ["Разработать график ликвидации отставания по заказу и представить его на утверждение директору.",
         "Обеспечить поставку материалов для плавки в объёме месячной потребности с созданием запаса.",
         "Информацию докладчиков о выполнении производственной программы принять к сведению.",
         "Провести обучение операторов формовочной линии с участием специалистов подрядчика.",
         "Организовать поверку средств измерений участка термообработки и разместить сведения о результатах.",
         "Представлять в производственный отдел сводку о выполнении сменных заданий цеха."]
WHO = ["Мухаметзянов Р.Ф. совместно с начальником отдела Носовой М.Д.", "Белоусов К.И.", "Начальники цехов",
       "ООО «Инжиниринговый центр «Политех-Урал» (Шамсутдинов И.Р.)", "Гаврилюк Н.Н., руководители подразделений",
       "Ткачук С.А.", "–"]
WHEN = ["до 11.04.2025", "до 18 апреля 2025 г.", "ежедневно, до 09:00", "ежемесячно, до 10 числа",
        "в течение 5 рабочих дней", "во II квартале 2025 г.", "постоянно", "–"]
PREAMBLE = ("Совещание провёл генеральный директор общества, который отметил, что производственная программа "
            "первого квартала выполнена не полностью, отставание сосредоточено на двух заказах, а поставки "
            "материалов задерживались из-за позднего заключения договоров с поставщиками и перевозчиками. "
            "Главный инженер сообщил, что монтаж оборудования отстаёт от графика на три недели из-за позднего "
            "поступления системы управления, и предложил перенести окончание пусконаладочных работ на июнь.")
RUNNING = "Протокол № ОС-14/25"


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


def _case(seed: int):
    """A PDF-exported protocol with a chunked assignment table, and the rows it must give."""
    rnd = random.Random(seed)
    sections = seed // 3 % 2 == 1
    head = rnd.choice([["№", "Поручение", "Ответственный", "Срок"],
                       ["№ п/п", "Содержание поручения", "Исполнитель", "Срок исполнения"]])
    # the converter keeps the header's cells apart by runs of spaces, puts one a line, or runs them together
    style = ["spaced", "lines", "single"][seed % 3]
    head = ["   ".join(head)] if style == "spaced" else head if style == "lines" else [" ".join(head)]
    out = ["ПРОТОКОЛ", RUNNING, "оперативного совещания", *_wrap(PREAMBLE, 62), "", "РЕШИЛИ:", *head]
    rows = []
    for s in range(2 if sections else 1):
        if sections:
            out.append(["I", "II"][s] + f". По {['первому', 'второму'][s]} вопросу: О ходе работ на участке № {s + 1}")
        n, bands = 0, [rnd.choice([2, 3])] + [rnd.choice([1, 2, 3]) for _ in range(rnd.choice([0, 1, 2]))]
        for size in bands:
            band = [(rnd.choice(TEXTS), rnd.choice(WHO), rnd.choice(WHEN)) for _ in range(size)]
            numbers = [f"{n + k + 1}." for k in range(size)]
            cells = [_wrap(t, 42) for t, _, _ in band] + [_wrap(w, 24) for _, w, _ in band] + \
                [_wrap(d, 15) for _, _, d in band]
            chunk = [line for cell in cells for line in cell]
            if rnd.random() < 0.4:      # a page ends inside the band
                k = rnd.randrange(1, len(chunk))
                chunk[k:k] = ["", "- 2 -", "", RUNNING, ""]
            out += numbers + chunk
            for k, (t, w, d) in enumerate(band):
                rid = f"{['I', 'II'][s]}.{n + k + 1}" if sections else str(n + k + 1)
                rows.append((rid, t, None if w == "–" else w, None if d == "–" else d))
            n += size
    out += ["", "Генеральный директор", "____________", "О.П. Вершинин"]
    return "\n".join(out) + "\n", rows


CASES = [_case(seed) for seed in range(60)]


@pytest.mark.parametrize("raw,rows", [pytest.param(r, w, id=f"{n:02d}") for n, (r, w) in enumerate(CASES)])
def test_chunked_table(raw, rows):
    layout = clean(raw)
    assert layout.wrapped
    st = parse(layout.text, layout.paragraphs())
    cell = lambda span: " ".join(layout.text[span[0]:span[1]].split()) if span else None
    got = [(it.id, cell(it.table_text), " ".join(cell(r) for r in it.responsible) or None, cell(it.deadline))
           for it in st.items]
    assert got == rows


@pytest.mark.parametrize("line,cells", [
    pytest.param("№ п/п   Поручение   Ответственный   Срок исполнения",
                 ["№ п/п", "Поручение", "Ответственный", "Срок исполнения"], id="runs-of-spaces"),
    pytest.param("№ п/п Содержание поручения Ответственный исполнитель Срок",
                 ["№ п/п", "Содержание поручения", "Ответственный исполнитель", "Срок"], id="single-spaces-fewest-cells"),
    pytest.param("Поручение Ответственный, срок", ["Поручение", "Ответственный, срок"], id="combined"),
    pytest.param("Поручение дано ответственному сроком на год", None, id="prose"),
    pytest.param("Срок   Ответственный", None, id="no-text-column"),
])
def test_header_cuts(line, cells):
    from extractor.text.layout import _normalize_chars, _lines
    from extractor.text.table_layout import _cells, header_cuts

    (squeezed, offs), = [x for x in _lines(*_normalize_chars(line)) if x[0]]
    cuts = header_cuts(squeezed, offs)
    assert (_cells(squeezed, cuts) if cuts is not None else None) == cells


def test_running_header_and_hyphens_inside_a_table():
    raw = "\n".join(["Протокол № 7", *_wrap(PREAMBLE, 62), "РЕШИЛИ:", "№   Поручение   Ответственный   Срок",
                     "1.", "2.", "Разработать график ликви-", "дации отставания.", "", "- 2 -", "", "Протокол № 7",
                     "", "Провести обучение.", "Иванов И.И.", "Петров П.П.", "до 01.03.2025", "постоянно"]) + "\n"
    layout = clean(raw)
    paragraphs = [layout.text[s:e] for s, e in layout.paragraphs()]
    assert paragraphs[-8:] == ["1.", "2.", "Разработать график ликвидации отставания.", "Провести обучение.",
                               "Иванов И.И.", "Петров П.П.", "до 01.03.2025", "постоянно"]
