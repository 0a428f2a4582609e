"""E-mail messages (extractor/readers/mail.py, extractor/messages.py): every document attached is a
document of its own, named `message.eml#name`; the body only when it holds a protocol; a part that
fails is one coded error and the others are still read. The same through `Pipeline.batch`, the CLI,
the API and `protokol bulk`. The messages are built here (tests/_docmake.py), nothing from a corpus.
"""
from __future__ import annotations

import json

import pytest

from _api import client  # noqa: F401 (fixture)
from _docmake import cyrillic_pdf, docx, eml, para
from extractor.readers import sniff
from extractor.readers.mail import split_email

PROTOCOL = ["ПРОТОКОЛ № 7", "заседания рабочей группы по благоустройству", "г. Тверь 12 марта 2025 г.",
            "Председатель: Соколов И.П.", "Секретарь: Белова Н.А.", "РЕШИЛИ:",
            "1. Поручить Беловой Н.А. подготовить смету ремонта кровли в срок до 15.04.2025.",
            "2. Информацию о состоянии кровли принять к сведению."]
SECOND = ["ПРОТОКОЛ № 8", "заседания рабочей группы по благоустройству", "г. Тверь 19 марта 2025 г.",
          "РЕШИЛИ:", "1. Управлению ЖКХ (Ганиев Р.М.) представить график промывки сетей до 01.04.2025."]
COVER = "Добрый день!\nНаправляю протоколы заседаний рабочей группы.\n--\nС уважением, секретарь"
PDF, DOCX = "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_BYTES, DOCX_BYTES = cyrillic_pdf([PROTOCOL]), docx("".join(para(t) for t in SECOND))
MESSAGE = eml(COVER, [("протокол 7.pdf", PDF_BYTES, PDF), ("protocol-8.docx", DOCX_BYTES, DOCX)])


def _broken_base64(message: bytes, name: str) -> bytes:
    """The message with the base64 of attachment `name` damaged (characters outside the alphabet)."""
    head, sep, rest = message.partition(f'filename="{name}"'.encode())
    headers_end = rest.index(b"\r\n\r\n") + 4                 # the SMTP policy writes CRLF
    return head + sep + rest[:headers_end] + b"JVBE*&^%$#@!" + rest[headers_end + 12:]


def outcome(results) -> list[tuple]:
    """(name, what) per part: protocol with its decisions' deadlines, an error code, or skipped."""
    out = []
    for r in results:
        if r.protocol is not None:
            out.append((r.name, [str(d.deadline.date) if d.deadline else None for d in r.protocol.decisions]))
        else:
            out.append((r.name, r.error.code if r.error else "skipped"))
    return out


CASES = [
    (MESSAGE, [("message.eml#body", "skipped"),
               ("message.eml#протокол 7.pdf", ["2025-04-15", None]),
               ("message.eml#protocol-8.docx", ["2025-04-01"])]),
    (_broken_base64(MESSAGE, "protocol-8.docx"),
     [("message.eml#body", "skipped"), ("message.eml#протокол 7.pdf", ["2025-04-15", None]),
      ("message.eml#protocol-8.docx", "E024")]),
    (eml(COVER, [("damaged.pdf", PDF_BYTES[:300], PDF), ("protocol-8.docx", DOCX_BYTES, DOCX)]),
     [("message.eml#body", "skipped"), ("message.eml#damaged.pdf", "E011"),
      ("message.eml#protocol-8.docx", ["2025-04-01"])]),
    (eml("\n".join(PROTOCOL)), [("message.eml#body", ["2025-04-15", None])]),
    (eml("Протокол во вложении.", html_body="<html><body>" + "".join(f"<p>{t}</p>" for t in SECOND) + "</body></html>"),
     [("message.eml#body", ["2025-04-01"])]),
    (eml(COVER, [("smime.p7s", b"0\x82\x01\x00binary", "application/pkcs7-signature"),
                 ("invite.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar"),
                 ("protocols.zip", b"PK\x05\x06" + bytes(18), "application/zip")]),
     [("message.eml#body", "skipped"), ("message.eml#smime.p7s", "skipped"),
      ("message.eml#invite.ics", "skipped"), ("message.eml#protocols.zip", "skipped")]),
    (eml("Пересылаю.", [("fwd.eml", eml(COVER, [("p.docx", DOCX_BYTES, DOCX)]), "message/rfc822")]),
     [("message.eml#body", "skipped"), ("message.eml#fwd.eml#body", "skipped"),
      ("message.eml#fwd.eml#p.docx", ["2025-04-01"])]),
    (b"From: a@example.ru\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"B\"\n\n--X\nnothing\n",
     [("message.eml", "E023")]),
]


@pytest.mark.parametrize("data,expected", CASES, ids=[
    "pdf-and-docx-and-a-cover-letter", "broken-base64-attachment", "damaged-pdf-attachment",
    "protocol-in-the-text-body", "protocol-in-the-html-body", "signature-calendar-archive-skipped",
    "forwarded-message", "boundary-never-found"])
def test_parts(pipeline, data, expected):
    assert sniff(data) == "eml"
    assert outcome(pipeline.batch([("message.eml", data)])) == expected


def test_skips_say_why(pipeline):
    body, *_ = pipeline.batch([("message.eml", MESSAGE)])
    assert "no protocol" in body.skipped and body.protocol is None and body.error is None


def test_picture_inside_the_html_body_is_not_an_attachment():
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"], msg["Subject"] = "a@example.ru", "x"
    msg.set_content("Текст")
    msg.add_alternative("<html><body><p>Текст</p><img src='cid:logo'></body></html>", subtype="html")
    msg.get_payload()[1].add_related(b"\x89PNG\r\n\x1a\n" + bytes(40), "image", "png", cid="<logo>")
    assert [p.name for p in split_email(msg.as_bytes(), "m.eml")] == ["m.eml#body"]


@pytest.mark.parametrize("data,kind", [
    (MESSAGE, "eml"),
    (b"From sender@example.ru Wed Mar 12 10:15:00 2025\nFrom: a@example.ru\nSubject: x\n\ntext", "eml"),
    (b"Received: from mx.example.ru\n\tby mail.example.ru\nMessage-ID: <1@x>\n\nbody", "eml"),
    (b"Subject: protocol\nDate: 12.03.2025\n\nno sender, no MIME", "txt"),
    ("ПРОТОКОЛ № 5\nFrom: кого-то".encode(), "txt"),
], ids=["built-message", "mbox-from-line", "folded-received", "two-fields-no-sender", "protocol-text"])
def test_told_by_content(data, kind):
    assert sniff(data) == kind


def test_cli_prints_a_list(tmp_path, capsys):
    from extractor.cli import main

    path = tmp_path / "message.eml"
    path.write_bytes(_broken_base64(MESSAGE, "protocol-8.docx"))
    assert main(["extract", str(path), "--as", "corpus"]) == 2          # a part failed
    documents = json.loads(capsys.readouterr().out)["documents"]
    assert [(d["name"].rsplit("/", 1)[-1], sorted(set(d) - {"name"})) for d in documents] == [
        ("message.eml#body", ["skipped"]), ("message.eml#протокол 7.pdf", ["protocol"]),
        ("message.eml#protocol-8.docx", ["error"])]
    assert documents[1]["protocol"]["decisions"][0]["deadline"]["date"] == "2025-04-15"
    assert documents[2]["error"]["code"] == "E024"


@pytest.mark.parametrize("data,status,entries", [
    (MESSAGE, 200, [("skipped", None), ("protocol", "2025-04-15"), ("protocol", "2025-04-01")]),
    (_broken_base64(MESSAGE, "protocol-8.docx"), 200, [("skipped", None), ("protocol", "2025-04-15"), ("error", "E024")]),
], ids=["two-protocols", "one-broken-attachment"])
def test_api_answers_documents(client, data, status, entries):  # noqa: F811
    response = client.post("/v1/extract", files={"file": ("message.eml", data)})
    assert response.status_code == status, response.text
    got = []
    for d in response.json()["documents"]:
        key = next(k for k in ("protocol", "error", "skipped") if k in d)
        got.append((key, d[key]["decisions"][0]["deadline"]["date"] if key == "protocol"
                    else d[key]["code"] if key == "error" else None))
    assert got == entries


def test_api_message_that_cannot_be_split(client):  # noqa: F811
    from _api import error

    error(client.post("/v1/extract", files={"file": ("m.eml", CASES[-1][0])}), 422, "E023")


@pytest.mark.slow
def test_bulk_lists_the_parts(tmp_path):
    from extractor.bulk import BulkOptions, run_bulk

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.eml").write_bytes(_broken_base64(MESSAGE, "protocol-8.docx"))
    (tmp_path / "in" / "b.eml").write_bytes(MESSAGE)
    summary = run_bulk(BulkOptions(str(tmp_path / "in"), tmp_path / "out", jobs=1, ner=False, fsync=False))
    protocols = [json.loads(x) for x in (tmp_path / "out" / "protocols.jsonl").read_text().splitlines()]
    errors = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    name = lambda s: s.rsplit("/", 1)[-1]   # noqa: E731
    assert sorted((name(p["source"]), p.get("duplicate_of") is not None) for p in protocols) == [
        ("a.eml#протокол 7.pdf", False), ("b.eml#protocol-8.docx", False), ("b.eml#протокол 7.pdf", True)]
    assert [(name(e["source"]), e["code"]) for e in errors] == [("a.eml#protocol-8.docx", "E024")]
    assert (summary.found, summary.extracted, summary.duplicates, summary.failed) == (4, 2, 1, 1)


@pytest.mark.slow
def test_bulk_message_not_named_eml_is_one_coded_error(tmp_path):
    """Bulk lists a message's parts by its .eml name; one saved as .txt reaches a worker whole."""
    from extractor.bulk import BulkOptions, run_bulk

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "mail.txt").write_bytes(MESSAGE)
    run_bulk(BulkOptions(str(tmp_path / "in"), tmp_path / "out", jobs=1, ner=False, fsync=False))
    errors = [json.loads(x) for x in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()]
    assert [e["code"] for e in errors] == ["E025"]
