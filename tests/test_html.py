"""HTML pages (extractor/readers/html.py): the text a person sees, in the DOCX reader's shape; told
by content; encodings; coded errors; and a page gives the same decisions as the DOCX it was saved from.

tests/fixtures/protocol_page_cp1251.html is a municipal site's page written for these tests (windows-1251,
declared by <meta>): a header, a menu, a hidden banner, scripts and a footer around a protocol whose
decisions are a numbered list and an assignment table.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from _docmake import docx, level, para
from extractor.errors import ProtokolError
from extractor.readers import Limits, read_document, sniff

PAGE = Path(__file__).parent / "fixtures" / "protocol_page_cp1251.html"


def lines(html: str | bytes) -> list[str]:
    data = html.encode("utf-8") if isinstance(html, str) else html
    document = read_document(data)
    assert document.format == "html"
    return document.text.splitlines()


def code(data: bytes, **kw) -> str:
    with pytest.raises(ProtokolError) as exc:
        read_document(data, **kw)
    return exc.value.code


@pytest.mark.parametrize("html,expected", [
    ("<html><body><p>Первый абзац\n  продолжается.</p><p>Второй</p></body></html>",
     ["Первый абзац продолжается.", "Второй"]),
    ("<html><body><p>Строка<br>вторая<br/><br>после пустой</p></body></html>",
     ["Строка", "вторая", "", "после пустой"]),
    ("<html><body><ol><li>Первое</li><li>Второе</li></ol><ol start='3'><li>Третье<li>Четвёртое</ol></body></html>",
     ["1. Первое", "2. Второе", "3. Третье", "4. Четвёртое"]),
    ("<html><body><ol type='a'><li>а</li><li value='5'>д</li></ol><ol type='I'><li>x</li><li>y</li></ol></body></html>",
     ["a. а", "e. д", "I. x", "II. y"]),
    ("<html><body><ul><li>Иванов И.И.</li><li><p>Петров П.П.</p></li></ul></body></html>",
     ["• Иванов И.И.", "• Петров П.П."]),
    ("<html><body><ol><li>Пункт<ol><li>подпункт</li></ol></li><li>Ещё</li></ol></body></html>",
     ["1. Пункт", "1. подпункт", "2. Ещё"]),
    ("<html><body><table><tr><th>№</th><th>Поручение</th></tr><tr><td>1.</td><td><p>Сделать</p><p>вдвоём</p></td>"
     "</tr><tr><td></td><td>x</td></tr></table></body></html>",
     ["№", "Поручение", "1.", "Сделать", "вдвоём", "", "x"]),
    ("<html><head><title>Заголовок вкладки</title><style>p{color:red}</style><script>alert(1)</script></head>"
     "<body><nav>Меню</nav><p>Текст</p><noscript>Включите JS</noscript><p hidden>скрыто</p>"
     "<p style='display: none'>тоже</p><div aria-hidden='true'>и это</div></body></html>",
     ["Текст"]),
    ("<html><body><header>Сайт</header><div class='menu'>Меню</div><main><article><header><h1>ПРОТОКОЛ № 1"
     "</h1></header><p>Текст</p></article></main><footer>Подвал</footer></body></html>",
     ["ПРОТОКОЛ № 1", "Текст"]),
    ("<html><body><pre>Строка 1\n  отступ\nСтрока 3</pre></body></html>", ["Строка 1", "  отступ", "Строка 3"]),
    ("<html><body><p>г.&nbsp;Тверь &laquo;12&raquo; марта &#8212; 2025</p></body></html>",
     ["г.\xa0Тверь «12» марта — 2025"]),
    ("<html><body><p class=MsoListParagraph><![if !supportLists]><span>1.<span>&nbsp;&nbsp;</span></span>"
     "<![endif]>Поручить<o:p></o:p></p><!--[if gte mso 9]><xml>служебное</xml><![endif]--></body></html>",
     ["1.\xa0\xa0Поручить"]),
], ids=["paragraphs", "line-breaks", "ordered-lists", "list-types-and-value", "bullets", "nested-list",
        "table-cells-in-order", "no-script-style-nav-hidden", "main-content-only", "pre", "entities",
        "word-list-markup"])
def test_visible_text(html, expected):
    assert lines(html) == expected


PROTOCOL = "<p>ПРОТОКОЛ N 5</p><p>заседания комиссии, г. Тверь, 12.03.2025</p>"


@pytest.mark.parametrize("data", [
    ("<html><head><meta charset='windows-1251'></head><body>" + PROTOCOL + "</body></html>").encode("cp1251"),
    ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head><body>'
     + PROTOCOL + "</body></html>").encode("koi8_r"),
    ('<?xml version="1.0" encoding="windows-1251"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml">'
     "<body>" + PROTOCOL + "</body></html>").encode("cp1251"),
    ("<html><body>" + PROTOCOL + "</body></html>").encode("cp1251"),                   # nothing declared
    ("\ufeff<html><body>" + PROTOCOL + "</body></html>").encode("utf-16-le"),
    b"\xef\xbb\xbf" + ("<html><head><meta charset='windows-1251'></head><body>" + PROTOCOL + "</body></html>").encode(),
], ids=["meta-charset", "http-equiv-koi8r", "xml-declaration", "cp1251-undeclared", "utf16-bom", "bom-beats-meta"])
def test_encodings(data):
    assert lines(data) == ["ПРОТОКОЛ N 5", "заседания комиссии, г. Тверь, 12.03.2025"]


@pytest.mark.parametrize("data,kind", [
    (b"<!DOCTYPE html>\n<html><body><p>x</p></body></html>", "html"),
    (b"\xef\xbb\xbf  <html lang='ru'><body>x</body></html>", "html"),
    (b"<!-- saved from url=(0014)about:internet -->\n<html><body>x</body></html>", "html"),
    (b"<p>Fragment</p><p>of a page</p>", "html"),
    ("ПРОТОКОЛ № 5\n<script>alert(1)</script>\nРЕШИЛИ:".encode(), "txt"),
    (b"<script>alert(1)</script> text", "txt"),
    ("Тема: протокол\nДата: 12.03.2025\n\nТекст".encode(), "txt"),
], ids=["doctype", "bom-and-blanks", "saved-from-comment", "fragment", "text-with-tags-inside",
        "starts-with-script", "russian-header-lines"])
def test_told_by_content(data, kind):
    assert sniff(data) == kind


@pytest.mark.parametrize("data,limits,expected", [
    (b"<html><head><title>t</title><script>var a = 1;</script></head><body></body></html>", None, "E022"),
    (b"<!DOCTYPE html><html><body><img src='scan.png'><nav>Menu</nav></body></html>", None, "E022"),
    ("<html><body>" + "<p>Протокол</p>" * 2000 + "</body></html>", Limits(max_chars=5000), "E015"),
], ids=["only-script", "only-picture-and-menu", "text-over-limit"])
def test_coded_errors(data, limits, expected):
    data = data.encode("utf-8") if isinstance(data, str) else data
    assert code(data, limits=limits) == expected


# -- the page of a protocol, through the whole pipeline ---------------------------------------------------
EXPECTED = [   # id, addressees (norm), deadline date or kind
    ("1.1", ["Гончаренко В.П."], "2025-04-15"),
    ("1.2", ["Семёнова Т.И."], "2025-05-20"),
    ("1.3", [], "2025-04-18"),      # "ежемесячно" from 18.03.2025: first due a month on
    ("2.1", ["Отдел ЖКХ", "Гончаренко В.П."], "2025-04-01"),
    ("2.2", ["МБУ «Зеленстрой»", "Семёнова Т.И."], "2025-04-30"),
]


@pytest.fixture(scope="module")
def page(pipeline):
    document = read_document(PAGE.read_bytes(), PAGE.name)
    return document, next(pipeline.batch([(PAGE.name, PAGE.read_bytes())])).protocol


def test_page_decisions(page):
    _, protocol = page
    got = [(d.id, [a.norm for a in d.addressees],
            (d.deadline.date and str(d.deadline.date)) or d.deadline.kind if d.deadline else None)
           for d in protocol.decisions]
    assert got == EXPECTED
    assert protocol.source.format == "html"
    assert (protocol.header.number.norm, protocol.header.date.norm) == ("4", "2025-03-18")


def test_page_offsets_index_the_visible_text(page):
    document, protocol = page
    def same(start: int, end: int, text: str) -> bool:   # values join a cell's lines with a space
        return " ".join(document.text[start:end].split()) == " ".join(text.split())

    for d in protocol.decisions:
        assert same(d.start, d.end, d.text)
        assert all(same(a.start, a.end, a.text) for a in d.addressees)
        assert d.deadline is None or same(d.deadline.start, d.deadline.end, d.deadline.text)


@pytest.mark.parametrize("chrome", ["Официальный сайт", "Новости", "Скрытов", "Счётчиков", "Подвалов",
                                    "Скриптов", "Администрация города Озёрска"])
def test_page_leaves_out_site_chrome(page, chrome):
    assert chrome not in page[0].text


def _numbered_docx() -> bytes:
    numbering = ('<w:abstractNum w:abstractNumId="1">' + level(0, "decimal", "%1.") + "</w:abstractNum>"
                 '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    cell = lambda text: f"<w:tc>{para(text)}</w:tc>"   # noqa: E731
    table = "<w:tbl>" + "".join("<w:tr>" + "".join(cell(c) for c in row) + "</w:tr>" for row in TABLE) + "</w:tbl>"
    body = "".join(para(t) for t in HEAD) + table + "".join(para(t) for t in SECOND) + "".join(para(t, 1) for t in ITEMS)
    return docx(body, numbering)


HEAD = ["ПРОТОКОЛ № 12", "совещания при главе администрации", "г. Кимры 05.02.2025",
        "Председатель: Коваленко С.Н.", "Секретарь: Юдина О.В.", "По первому вопросу СЛУШАЛИ: Коваленко С.Н.",
        "РЕШИЛИ:"]
TABLE = [("№ п/п", "Поручение", "Ответственный", "Срок исполнения"),
         ("1.", "Подготовить отчёт о ходе ремонта школы.", "Сидоров П.П.", "до 20.02.2025"),
         ("2.", "Проверить готовность котельной.", "", "до 25.02.2025")]
SECOND = ["По второму вопросу СЛУШАЛИ: Юдину О.В.", "РЕШИЛИ:"]
ITEMS = ["Управлению образования (Лебедева О.Н.) обеспечить подвоз учащихся до 10.02.2025.",
         "Рекомендовать МУП «Водоканал» (Зайцев А.А.) провести промывку сетей в срок до 01.03.2025.",
         "Информацию принять к сведению."]


def _same_page_as_libreoffice_writes_it() -> bytes:
    rows = "".join("<tr valign='top'>" + "".join(f"<td><p class='western'>{c}</p></td>" for c in row) + "</tr>"
                   for row in TABLE)
    return ("<!DOCTYPE html>\n<html><head><meta http-equiv='content-type' content='text/html; charset=utf-8'/>"
            "<style>p { margin-bottom: 0in }</style></head><body lang='ru-RU' dir='ltr'>"
            + "".join(f"<p class='western'>{t}</p>" for t in HEAD)
            + f"<table width='100%' cellpadding='7'>{rows}</table>"
            + "".join(f"<p class='western'>{t}</p>" for t in SECOND)
            + "<ol>" + "".join(f"<li><p class='western' style='margin-bottom: 0in'>{t}\n</p>" for t in ITEMS) + "</ol>"
            + "</body></html>").encode("utf-8")


def _decisions(protocol) -> list[tuple]:
    return [(d.id, d.kind, [a.norm for a in d.addressees], d.deadline.date if d.deadline else None)
            for d in protocol.decisions]


def test_page_saved_from_a_docx_gives_the_same_decisions(pipeline):
    docx_doc, html_doc = read_document(_numbered_docx()), read_document(_same_page_as_libreoffice_writes_it())
    assert [" ".join(s.split()) for s in html_doc.text.splitlines()] == \
           [" ".join(s.split()) for s in docx_doc.text.splitlines()]
    from_docx, from_html = (next(pipeline.batch([(n, d)])).protocol for n, d in
                            (("p.docx", _numbered_docx()), ("p.html", _same_page_as_libreoffice_writes_it())))
    assert len(from_docx.decisions) == 5
    assert _decisions(from_html) == _decisions(from_docx)


@pytest.mark.parametrize("name", ["protocol.docx", "protocol.txt", None], ids=["named-docx", "named-txt", "no-name"])
def test_page_is_told_by_content_not_name(pipeline, name):
    result = next(pipeline.batch([(name, PAGE.read_bytes())]))
    assert result.protocol.source.format == "html" and len(result.protocol.decisions) == len(EXPECTED)
