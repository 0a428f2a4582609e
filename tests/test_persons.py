"""Person mentions and their normalization to «Фамилия И.О.» (invented names and sentences)."""
from __future__ import annotations

import pytest

from extractor.persons.index import PersonIndex, PersonMention, find_person_mentions, normalize_person


def _row(text: str, expected, id: str, xfail: str | None = None):
    marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
    return pytest.param(text, expected, id=id, marks=marks)


# ---- single mentions: normalize_person ------------------------------------------------------
SINGLE = [
    _row("Неумывакина В.С.", "Неумывакина В.С.", "ova-alone-is-female"),
    _row("В.С. Неумывакин", "Неумывакин В.С.", "signature-style"),
    _row("Ивановой И.И.", "Иванова И.И.", "ovoy-female"),
    _row("Соколову А.С.", "Соколов А.С.", "ovu-alone-male-dative"),
    _row("Петровым П.П.", "Петров П.П.", "ovym-male"),
    _row("Лукьяновой О.С.", "Лукьянова О.С.", "yanovoy-female"),
    _row("Воробьёвой И.Г.", "Воробьёва И.Г.", "yo-kept"),
    _row("Ильину П.С.", "Ильин П.С.", "inu-male"),
    _row("Кузнецовой Е.Е.", "Кузнецова Е.Е.", "common-word-stem-ova"),
    _row("Толстого Л.Н.", "Толстой Л.Н.", "adjectival-known"),
    _row("Белозерскому К.К.", "Белозерский К.К.", "skiy-dative"),
    _row("Белозерскую К.К.", "Белозерская К.К.", "skaya-accusative"),
    _row("Тверской А.А.", "Тверской А.А.", "skoy-as-written"),
    _row("Бондарь О.А.", "Бондарь О.А.", "consonant-undeclined"),
    _row("Бондаря О.А.", "Бондарь О.А.", "consonant-genitive"),
    _row("Ткачу Н.А.", "Ткач Н.А.", "common-noun-surname-dative"),
    _row("Кузнеца И.И.", "Кузнец И.И.", "kuznec-genitive"),
    _row("Соловья И.И.", "Соловей И.И.", "fleeting-vowel-ey"),
    _row("Орла И.И.", "Орёл И.И.", "fleeting-vowel-yo"),
    _row("Кравцу И.Н.", "Кравец И.Н.", "fleeting-vowel-ec"),
    _row("Мкртчяну А.С.", "Мкртчян А.С.", "yan-dative"),
    _row("Гуревича М.А.", "Гуревич М.А.", "ich-genitive"),
    _row("Шевченко Т.Г.", "Шевченко Т.Г.", "indeclinable-enko"),
    _row("Горгиашвили Д.Г.", "Горгиашвили Д.Г.", "indeclinable-shvili"),
    _row("Дурново Н.И.", "Дурново Н.И.", "indeclinable-ovo"),
    _row("Черных Е.В.", "Черных Е.В.", "indeclinable-ykh"),
    _row("Дюма А.А.", "Дюма А.А.", "indeclinable-a"),
    _row("НЕУМЫВАКИН В.С.", "Неумывакин В.С.", "all-caps"),
    _row("Иванова И. О.", "Иванова И.О.", "spaced-initials"),
    _row("Иванов И.О", "Иванов И.О.", "no-final-dot"),
    _row("Иванов\u00a0И.\u2009О.", "Иванов И.О.", "nbsp-thin-space"),
    _row("Петрову-Водкину К.С.", "Петров-Водкин К.С.", "double-surname-dative"),
    _row("Воробьёва Ирина Геннадьевна", "Воробьёва И.Г.", "full-name-female"),
    _row("Лапин Олег Игоревич", "Лапин О.И.", "full-name-male"),
    _row("Михаила Мишустина", "Мишустин М.", "name-surname-genitive"),
    _row("Татьяна Голикова", "Голикова Т.", "name-surname-female"),
    _row("Иванову", "Иванов", "bare-surname"),
]


@pytest.mark.parametrize("text, expected", SINGLE)
def test_normalize_single(text: str, expected: str) -> None:
    assert normalize_person(text) == expected


# ---- small documents: gender from other mentions or from context ---------------------------
DOCS = [
    _row("Присутствовали: Сёмина Т.А. Принять информацию Сёмина Т.А. Поручить Сёмину Т.А.",
         ["Сёмин Т.А."], "ova-with-genitive-governor-male"),
    _row("Докладчик: Сёмин Т.А. Принять к сведению информацию Сёмина Т.А.",
         ["Сёмин Т.А."], "ova-beside-ov-male"),
    _row("Клюева Р.С. – директор колледжа. Поручить Клюевой Р.С. подготовить отчёт.",
         ["Клюева Р.С."], "ova-beside-ovoy-female"),
    _row("СЛУШАЛИ: Ракитову Н.Г. – заведующую сектором.\nРакитова Н.Г. – предложила продлить срок.",
         ["Ракитова Н.Г."], "ova-beside-ovu-female"),
    _row("Поручить Бондарю Н.С. и Бондарь Н.С. (копия)", ["Бондарь Н.С."], "consonant-declined-and-not"),
    _row("Заслушали Гайдамак О.И., которая доложила о работе.", ["Гайдамак О.И."], "pronoun-female"),
    _row("СЛУШАЛИ: члена правления Сурикова Е.К., который сообщил о ремонте.",
         ["Суриков Е.К."], "pronoun-male"),
    _row("Ярцева В.П. – сообщил о результатах проверки.", ["Ярцев В.П."], "past-verb-male"),
    _row("Ярцева В.П. – заместитель главного врача.", ["Ярцева В.П."], "apposition-nominative-female"),
    _row("СЛУШАЛИ:\nЯрцева В.П. – начальника отдела кадров.", ["Ярцев В.П."], "apposition-genitive-male"),
    _row("Избрать в счётную комиссию – Гладышева А.Р. и Никонову Г.В.",
         ["Гладышев А.Р.", "Никонова Г.В."], "coordinated-accusative"),
    _row("Поручить комиссии в составе тт. Аникеева, Фельдмана и Ягодкина рассмотреть вопрос.",
         ["Аникеев", "Фельдман", "Ягодкин"], "coordinated-genitive-bare"),
    _row("Председательствовала: Лозинская Вера Андреевна\nЛозинской В.А. поручено …",
         ["Лозинская В.А."], "skaya-full-name"),
    _row("Ланской В.В. – председатель. Доклад Ланского В.В. принять к сведению.",
         ["Ланской В.В."], "skoy-masculine-nominative"),
    _row("Рекомендовать Минфину края (А.Г. Силуанову) и Минздраву края (М.А. Кудряшовой)",
         ["Силуанов А.Г.", "Кудряшова М.А."], "bracketed-addressees"),
    _row("Председатель Заика В.П.\nСекретарь Степанова А.А.", ["Заика В.П.", "Степанова А.А."],
         "signature-block"),
    _row("Члены бюро – Лаврухин, Остапчук, Котельников, Раевская.",
         ["Лаврухин", "Остапчук", "Котельников", "Раевская"], "bare-surname-list"),
    _row("Голикова Т.А. - председатель штаба\nГоровой А.В. - первый заместитель министра",
         ["Голикова Т.А.", "Горовой А.В."], "ovoy-masculine-in-list-line"),
    _row("Поручить Филипповой А.А. Отчёт Филиппова А.А. принять.", ["Филиппова А.А."],
         "female-evidence-beats-genitive"),
    _row("По предложению члена совета Гореловой В.П. и члена Общественного совета Горелова А.П.",
         ["Горелова В.П.", "Горелов А.П."], "genitive-chain-head",
         xfail="the governing noun is two words away; no head-of-chain analysis"),
]


@pytest.mark.parametrize("text, expected", DOCS)
def test_document_persons(text: str, expected: list[str]) -> None:
    assert PersonIndex(find_person_mentions(text)).persons() == expected


def test_norm_of_each_mention_agrees() -> None:
    text = "Присутствовали: Клюева Р.С.\nПоручить Клюевой Р.С. и А.П. Носову."
    mentions = find_person_mentions(text)
    index = PersonIndex(mentions)
    assert [index.norm(m) for m in mentions] == ["Клюева Р.С.", "Клюева Р.С.", "Носов А.П."]


# ---- finding: mention texts, offsets and fields ---------------------------------------------
FIND = [
    _row("Присутствовали: Бондарь О.А., Соколов А.С.", [("Бондарь О.А.", "Бондарь", "О.А."),
                                                       ("Соколов А.С.", "Соколов", "А.С.")], "list"),
    _row("Председательствовал: В.С. Неумывакин", [("В.С. Неумывакин", "Неумывакин", "В.С.")], "signature"),
    _row("Принять информацию Д.А. Орлова к сведению.", [("Д.А. Орлова", "Орлова", "Д.А.")],
         "capitalised-word-before-initials"),
    _row("Секретарь: Иванова И. О.", [("Иванова И. О.", "Иванова", "И.О.")], "spaced"),
    _row("Ответственный: Петрова-Водкина К.С.", [("Петрова-Водкина К.С.", "Петрова-Водкина", "К.С.")],
         "hyphenated"),
    _row("Председательствующий: Терновых Галина Михайловна – глава поселения",
         [("Терновых Галина Михайловна", "Терновых", "Г.М.")], "full-name"),
    _row("докладчик — Ирина Петровна Сухорукова.", [("Ирина Петровна Сухорукова", "Сухорукова", "И.П.")],
         "name-patronymic-surname"),
    _row("Члены правления: Онищук А.В., Докин А.П., Голышев\nА.А.",
         [("Онищук А.В.", "Онищук", "А.В."), ("Докин А.П.", "Докин", "А.П."), ("Голышев\nА.А.", "Голышев", "А.А.")],
         "line-break-inside"),
    _row("в составе: Романчикова НН. кв. 12, Титов МВ. кв. 125",
         [("Романчикова НН.", "Романчикова", "Н.Н."), ("Титов МВ.", "Титов", "М.В.")], "ocr-initials"),
    _row("Поручить тт. Поликарпову (созыв), Кириллину, Суслову Д. рассмотреть вопрос.",
         [("Поликарпову", "Поликарпову", ""), ("Кириллину", "Кириллину", ""), ("Суслову Д.", "Суслову", "Д.")],
         "honorific-list"),
    _row("Кандидаты – Бауман, Косиор Ст., Микоян.",
         [("Бауман", "Бауман", ""), ("Косиор Ст.", "Косиор", "С."), ("Микоян", "Микоян", "")],
         "dash-list"),
    _row("Просить ввести тов. В. Лихачева с заместительством тов. М. Жаковым1*.",
         [("В. Лихачева", "Лихачева", "В."), ("М. Жаковым", "Жаковым", "М.")], "single-initial"),
    _row("12 января Михаил Мишустин провёл заседание.", [("Михаил Мишустин", "Мишустин", "М.")],
         "name-surname"),
    _row("\ufeffГусейнов Р.Т. – директор", [("Гусейнов Р.Т.", "Гусейнов", "Р.Т.")], "bom"),
]


@pytest.mark.parametrize("text, expected", FIND)
def test_find(text: str, expected: list[tuple[str, str, str]]) -> None:
    mentions = find_person_mentions(text)
    assert [(m.text, m.surname, m.initials) for m in mentions] == expected
    for m in mentions:
        assert text[m.start:m.end] == m.text


# ---- negatives: no person at all ------------------------------------------------------------
NEGATIVE = [
    pytest.param("РЕШИЛИ:\n2.1. Принять информацию к сведению.", id="decision-heading-and-number"),
    pytest.param("Минпросвещения России, ФГБОУ ВО «Государственный университет просвещения»", id="organisations"),
    pytest.param("Рекомендовать Правительству Тверской области до 01.12.2024.", id="region-adjective"),
    pytest.param("Москва, Тверь, Калуга и Ярославль.", id="town-list"),
    pytest.param("Решение принято. II.2. Утвердить план.", id="roman-item"),
    pytest.param("Таблица: № | Ф.И.О. | Подпись", id="fio-header"),
    pytest.param("Протокол вела Надежда на лучшее. Роза ветров.", id="common-words-that-are-names"),
    pytest.param("Срок: до 15 сентября. Ответственный: Управление образования.", id="capitalised-phrases"),
    pytest.param("ПОСТАНОВИЛИ: СЛУШАЛИ: ВЫСТУПИЛИ:", id="genre-headings"),
    pytest.param("Минздраву России, Минфину России, Минтруду России", id="ministry-list"),
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_no_persons(text: str) -> None:
    assert find_person_mentions(text) == []


@pytest.mark.parametrize("text", ["РЕШИЛИ", "Минпросвещения России", "ФГБОУ ВО", "2.1.", "Москва"])
def test_normalize_not_a_person(text: str) -> None:
    assert normalize_person(text) is None


def test_extra_spans_add_lone_surname_only() -> None:
    text = "Слово предоставили Кочергину, затем Сокольского района."
    spans = [(text.index("Кочергину"), text.index("Кочергину") + 9),
             (text.index("Сокольского"), text.index("Сокольского") + 11)]
    assert [m.text for m in find_person_mentions(text, spans)] == ["Кочергину"]
    assert PersonIndex(find_person_mentions(text, spans)).persons() == ["Кочергин"]


def test_mention_is_plain_frozen_dataclass() -> None:
    m = PersonMention(0, 12, "Бондарь О.А.", "Бондарь", "О.А.")
    assert PersonIndex([m]).norm(m) == "Бондарь О.А."
