"""The transformations themselves, on small hand-written snippets: [transformation, input, expected]."""
from __future__ import annotations

import pytest

from robustness.layout import _hyphen_split, _justify
from robustness.transforms import BY_NAME, TRANSFORMS

SPEECH = "ВЫСТУПИЛИ: Иванов И.И. – о ремонте кровли."
PREAMBLE = "Заслушав доклад директора о ремонте кровли"
ITEMS = "1. Принять информацию к сведению.\n2. Иванову И.И. подготовить смету."
TABLE = ("По итогам совещания приняты следующие решения:\n№ п/п\nПоручение\nОтветственный\nСрок исполнения\n"
         "1.\nИнформацию принять к сведению.\n–\n–\n2.\nПодготовить смету.\nИванов И.И.,\nПетров П.П.\nдо 01.06.2025\n"
         "3.\nЗакупить материалы.\nСидоров С.С.\nв июне 2025 г.\n4.\nПровести ремонт.\nИванов И.И.\nдо 01.09.2025\n\n"
         "Председатель")

CASES = [
    # marker moved to the end of the paragraph before it
    ("marker_inline", f"{PREAMBLE}.\nРЕШИЛИ:\n{ITEMS}", f"{PREAMBLE}, участники заседания РЕШИЛИ:\n{ITEMS}"),
    ("marker_inline", f"{SPEECH}\nКомиссия решила:\n{ITEMS}",
     f"{SPEECH} По итогам обсуждения Комиссия решила:\n{ITEMS}"),
    ("marker_inline", f"{SPEECH}\nРешение:\n{ITEMS}", f"{SPEECH} По итогам обсуждения участники заседания решили:\n{ITEMS}"),
    ("marker_inline", f"{SPEECH}\nПрофсоюзный комитет ПОСТАНОВИЛ:\n{ITEMS}",
     f"{SPEECH} По итогам обсуждения Профсоюзный комитет ПОСТАНОВИЛ:\n{ITEMS}"),
    ("marker_inline", f"(Иванов И.И.)\nРЕШИЛИ:\n{ITEMS}", f"(Иванов И.И.)\nРЕШИЛИ:\n{ITEMS}"),  # not prose
    ("marker_inline", f"{SPEECH}\nРЕШИЛИ: Утвердить смету.", f"{SPEECH}\nРЕШИЛИ: Утвердить смету."),
    # marker onto its own line
    ("marker_own_line", "РЕШИЛИ: Утвердить смету.", "РЕШИЛИ:\nУтвердить смету."),
    ("marker_own_line", "Постановили (единогласно): 1. Утвердить смету.", "Постановили (единогласно):\n1. Утвердить смету."),
    ("marker_own_line", "РЕШИЛИ:\nУтвердить смету.", "РЕШИЛИ:\nУтвердить смету."),
    ("marker_own_line", "1. Решение: принять к сведению.", "1. Решение: принять к сведению."),  # an item
    # marker replaced
    ("marker_po_itogam", f"РЕШИЛИ:\n{ITEMS}\nПОСТАНОВИЛИ: Утвердить смету.",
     f"По итогам рассмотрения вопроса:\n{ITEMS}\nПо итогам рассмотрения вопроса: Утвердить смету."),
    ("marker_po_itogam", "По итогам совещания приняты следующие решения:\n" + ITEMS, "По итогам совещания:\n" + ITEMS),
    # marker dropped only before numbered items or a table
    ("marker_dropped", f"{PREAMBLE}.\n \nРЕШИЛИ:\n{ITEMS}", f"{PREAMBLE}.\n \n{ITEMS}"),
    ("marker_dropped", "РЕШИЛИ:\nУтвердить смету.", "РЕШИЛИ:\nУтвердить смету."),
    ("marker_dropped", "Решение: 1. Утвердить смету.", "Решение: 1. Утвердить смету."),
    # case of labels
    ("labels_upper", "1. Слушали: Иванова И.И.\nВыступили: Петров П.П.\nКомиссия решила:",
     "1. СЛУШАЛИ: Иванова И.И.\nВЫСТУПИЛИ: Петров П.П.\nКомиссия РЕШИЛА:"),
    ("labels_title", "По первому вопросу СЛУШАЛИ:\nРЕШИЛИ:\nПРИНЯЛИ РЕШЕНИЕ: Утвердить.",
     "По первому вопросу слушали:\nРешили:\nПриняли решение: Утвердить."),
    ("labels_lower", "СЛУШАЛИ: Иванова И.И.\nРЕШЕНИЕ:\nРешение принято.", "слушали: Иванова И.И.\nрешение:\nРешение принято."),
    # numbering of decision items
    ("numbering_paren", f"РЕШИЛИ:\n{ITEMS}\nСрок: до 1 мая.",
     "РЕШИЛИ:\n1) Принять информацию к сведению.\n2) Иванову И.И. подготовить смету.\nСрок: до 1 мая."),
    ("numbering_nested", f"РЕШИЛИ:\n{ITEMS}\n\nРЕШИЛИ:\n{ITEMS}",
     "РЕШИЛИ:\n1.1. Принять информацию к сведению.\n1.2. Иванову И.И. подготовить смету.\n\n"
     "РЕШИЛИ:\n2.1. Принять информацию к сведению.\n2.2. Иванову И.И. подготовить смету."),
    ("numbering_dot", "РЕШИЛИ:\n3.1. Принять к сведению.\n3.2. Утвердить смету.",
     "РЕШИЛИ:\n1. Принять к сведению.\n2. Утвердить смету."),
    ("numbering_letters", f"РЕШИЛИ:\n{ITEMS}", "РЕШИЛИ:\nа) Принять информацию к сведению.\nб) Иванову И.И. подготовить смету."),
    ("bullets_dash", f"РЕШЕНИЕ:\n{ITEMS}", "РЕШЕНИЕ:\n– Принять информацию к сведению.\n– Иванову И.И. подготовить смету."),
    ("bullets_dot", f"РЕШИЛИ:\n{ITEMS}", "РЕШИЛИ:\n• Принять информацию к сведению.\n• Иванову И.И. подготовить смету."),
    ("bullets_dash", "РЕШИЛИ:\n1. Бухгалтерии:\n1.1. Начислить.\n2. Утвердить.",  # a nesting: left alone
     "РЕШИЛИ:\n1. Бухгалтерии:\n1.1. Начислить.\n2. Утвердить."),
    ("bullets_dash", "РЕШИЛИ:\n1. Принять.\n3. Утвердить.", "РЕШИЛИ:\n1. Принять.\n3. Утвердить."),  # a gap
    ("numbering_paren", "СЛУШАЛИ: Иванова.\n1. Принять.\n2. Утвердить.", "СЛУШАЛИ: Иванова.\n1. Принять.\n2. Утвердить."),
    # where Срок and Ответственный stand
    ("labels_inline", "1. Подготовить смету.\nОтветственный: Иванов И.И.\nСрок – до 1 мая.",
     "1. Подготовить смету. Ответственный: Иванов И.И. Срок – до 1 мая."),
    ("labels_inline", "а) уточнить списки;\nСрок: до 25.03.2025.", "а) уточнить списки; Срок: до 25.03.2025."),
    ("labels_inline", "РЕШИЛИ:\nСрок: до 1 мая.", "РЕШИЛИ:\nСрок: до 1 мая."),
    ("labels_own_line", "1. Подготовить смету. Ответственный: Иванов И.И. Срок – до 1 мая.",
     "1. Подготовить смету.\nОтветственный: Иванов И.И.\nСрок – до 1 мая."),
    ("labels_own_line", "1. Внести взнос. Срок внесения – до 1 мая.", "1. Внести взнос. Срок внесения – до 1 мая."),
    ("labels_brackets", "1. Подготовить смету.\nОтветственные: Иванов И.И., Петров П.П.\nСрок – до 01.05.2025.",
     "1. Подготовить смету (ответственные: Иванов И.И., Петров П.П.; срок: до 01.05.2025)."),
    ("labels_brackets", "а) уточнить списки; Срок: до 25.03.2025.", "а) уточнить списки (срок: до 25.03.2025);"),
    # tables, one cell per line
    ("table_columns_swapped", TABLE, TABLE.replace("Ответственный\nСрок исполнения", "Срок исполнения\nОтветственный")
     .replace("–\n–", "–\n–").replace("Иванов И.И.,\nПетров П.П.\nдо 01.06.2025", "до 01.06.2025\nИванов И.И.,\nПетров П.П.")
     .replace("Сидоров С.С.\nв июне 2025 г.", "в июне 2025 г.\nСидоров С.С.")
     .replace("Иванов И.И.\nдо 01.09.2025", "до 01.09.2025\nИванов И.И.")),
    ("table_sections", TABLE, TABLE.replace("Срок исполнения\n1.", "Срок исполнения\nI. По первому вопросу повестки дня\n1.")
     .replace("3.\nЗакупить", "II. По второму вопросу повестки дня\n1.\nЗакупить").replace("4.\nПровести", "2.\nПровести")),
    ("table_columns_swapped", TABLE.replace("Петров П.П.\n", ""), TABLE.replace("Петров П.П.\n", "")),  # a short row
    # layout
    ("page_breaks", "ООО «Ромашка»\n" + "строка\n" * 50 + "конец",
     "ООО «Ромашка»\n" + "строка\n" * 34 + "– 1 –\nООО «Ромашка»\n" + "строка\n" * 16 + "конец"),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_transform(name, text, expected):
    assert BY_NAME[name](text, 0) == expected


LONG = ("Комиссии по охране труда совместно со службой охраны труда предприятия провести проверку состояния "
        "санитарно-бытовых помещений цехов и участков.")


@pytest.mark.parametrize("name", ["wrap", "wrap_hyphenated_justified", "wrap_blank_lines", "pdf_export"])
def test_wrapping_keeps_the_words(name):
    out = BY_NAME[name](LONG + "\n№ п/п\nПоручение\nОтветственный\nСрок\n1.\n" + LONG + "\nИванов И.И.\nдо 1 мая\n", 3)
    lines = out.split("\n")
    assert all(len(x) <= 90 for x in lines[:-9]), out  # wrapped at 60-90 ...
    assert lines[-9:] == ["№ п/п", "Поручение", "Ответственный", "Срок", "1.", LONG, "Иванов И.И.", "до 1 мая", ""]
    body = " ".join(lines[:-9]).replace("- ", "")  # ... the table left one cell per line
    assert body.split() == LONG.split()


@pytest.mark.parametrize("word,room,expected", [
    ("организации", 8, ("органи-", "зации")),
    ("организации", 12, ("организа-", "ции")),
    ("весеннего", 6, None),                       # never "весе-ннего"
    ("объявление", 4, None),                      # never "объ-" + "явление" (ъ is no vowel)
    ("Москва", 5, None),                          # too short to hyphenate
    ("fp-zanyatost@mintrud.gov.ru", 10, None),    # not a Russian word
])
def test_hyphen_split(word, room, expected):
    assert _hyphen_split(word, room) == expected


@pytest.mark.parametrize("line,width,expected", [
    ("а б в", 7, "а  б  в"),
    ("а б в", 6, "а  б в"),
    ("слово", 9, "слово"),                        # one word: nothing to pad
    ("а б", 12, "а б"),                           # more than 3 extra spaces a gap: left ragged
])
def test_justify(line, width, expected):
    assert _justify(line, width) == expected


def test_every_transform_explains_itself_and_is_deterministic():
    text = f"{PREAMBLE}.\nРЕШИЛИ:\n{ITEMS}\n" + LONG * 2
    for t in TRANSFORMS:
        assert t.why and "Why" not in t.why, t.name
        assert t(text, 7) == t(text, 7), t.name
