"""Tiny documents written by hand for reader tests: PDFs (text, empty pages, image-only,
encrypted) and DOCX packages with Word numbering. Nothing here comes from the corpus."""
from __future__ import annotations

import io
import zipfile


def pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF of numbered objects (1 is the catalog) with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra + b">>\n")
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_pdf(pages: list[list[str]]) -> bytes:
    """Pages of Latin text lines in Helvetica 12 pt, one line every 16 pt from the top."""
    n = len(pages)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n)), n),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, lines in enumerate(pages):
        ops = b"BT /F1 12 Tf 16 TL 72 760 Td " + b" ".join(
            b"(" + line.encode("latin-1").replace(b"(", b"\\(").replace(b")", b"\\)") + b") Tj T*" for line in lines) + b" ET"
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % (5 + 2 * i))
        objects.append(_stream(ops))
    return pdf(objects)


def empty_pages_pdf(n: int) -> bytes:
    """n empty pages sharing one (empty) content stream: about 60 bytes a page."""
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n), _stream(b"")]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * n
    return pdf(objects)


def image_pdf() -> bytes:
    """One page showing a 2x2 grey image and no text: what a scanner produces."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               _stream(b"\x80\x40\x40\x80", b"/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
                                            b"/BitsPerComponent 8 "),
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 3 0 R >> >> "
               b"/Contents 5 0 R >>",
               _stream(b"q 500 0 0 700 50 70 cm /Im1 Do Q")]
    return pdf(objects)


def encrypted_pdf() -> bytes:
    """A PDF under the standard security handler whose user password is not empty."""
    body = text_pdf([["Secret"]])
    objects_end = body.index(b"xref\n")
    enc = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"11" * 32, b"22" * 32)
    # rebuild with the Encrypt dictionary as an extra object and the trailer pointing at it
    objs = []
    for chunk in body[:objects_end].split(b" 0 obj\n")[1:]:
        objs.append(chunk[:chunk.index(b"\nendobj")])
    objs.append(enc)
    return pdf(objs, b"/Encrypt %d 0 R /ID [<%s> <%s>] " % (len(objs), b"ab" * 16, b"ab" * 16))


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(body_xml: str, numbering_xml: str | None = None) -> bytes:
    """A minimal DOCX package: document.xml with `body_xml`, optional numbering.xml."""
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          + ('<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
             if numbering_xml else '') + '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>')
    doc_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                + ('<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" '
                   'Target="numbering.xml"/>' if numbering_xml else '') + '</Relationships>')
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{body_xml}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        z.writestr("word/document.xml", document)
        if numbering_xml:
            z.writestr("word/numbering.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">'
                                             f'{numbering_xml}</w:numbering>')
    return buf.getvalue()


def para(text: str, num_id: int | None = None, ilvl: int = 0) -> str:
    num = f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>' if num_id else ""
    return f'<w:p>{num}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def level(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


_UPPER = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
_GLYPHS = {**{ch: f"afii{10017 + k}" for k, ch in enumerate(_UPPER)},
           **{ch.lower(): f"afii{10065 + k}" for k, ch in enumerate(_UPPER)},
           "«": "guillemotleft", "»": "guillemotright", "–": "endash", "—": "emdash", "№": "afii61352"}


def cyrillic_pdf(pages: list[list[str]]) -> bytes:
    """Like text_pdf, for Russian text: a Type1 font re-encoded (/Differences with the Adobe glyph names
    of the letters used), fixed widths, so a PDF reader gets the Unicode text back."""
    chars = sorted({ch for page in pages for line in page for ch in line if ord(ch) > 126})
    code = {ch: 128 + k for k, ch in enumerate(chars)}
    diffs = b" ".join(b"/" + _GLYPHS[ch].encode() for ch in chars)
    font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /ProtokolSans /FirstChar 32 /LastChar 255 /Widths [%s] "
            b"/FontDescriptor << /Type /FontDescriptor /FontName /ProtokolSans /Flags 32 /FontBBox [0 -200 1000 900] "
            b"/ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >> "
            b"/Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [128 %s] >> >>"
            % (b" ".join([b"600"] * 224), diffs))
    n = len(pages)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n)), n),
               font]
    for i, lines in enumerate(pages):
        enc = [bytes(code.get(ch, ord(ch)) for ch in line).replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
               for line in lines]
        ops = b"BT /F1 10 Tf 14 TL 40 800 Td " + b" ".join(b"(" + e + b") Tj T*" for e in enc) + b" ET"
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % (5 + 2 * i))
        objects.append(_stream(ops))
    return pdf(objects)


def eml(body: str, attachments: list[tuple[str, bytes, str]] = (), html_body: str | None = None,
        subject: str = "Протокол совещания") -> bytes:
    """An e-mail message (RFC 822, MIME) with a text body (and an HTML alternative) and attachments
    given as (file name, bytes, content type), as a mail program sends it."""
    from email.message import EmailMessage
    from email.policy import SMTP

    msg = EmailMessage()
    msg["From"], msg["To"] = "Секретарь <secretary@admin.example.ru>", "clerk@admin.example.ru"
    msg["Subject"], msg["Date"] = subject, "Wed, 12 Mar 2025 10:15:00 +0300"
    msg.set_content(body)
    if html_body is not None:
        msg.add_alternative(html_body, subtype="html")
    for name, data, ctype in attachments:
        maintype, subtype = ctype.split("/")
        if ctype == "message/rfc822":   # a forwarded message goes in as it is (RFC 2046: no base64)
            from email import message_from_bytes, policy

            msg.add_attachment(message_from_bytes(data, policy=policy.default), filename=name)
        else:
            msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes(policy=SMTP)
