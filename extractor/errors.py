"""Coded errors: every failure a user can see has a code and a message a clerk can act on."""
from __future__ import annotations


class ProtokolError(Exception):
    """An error with a stable code (E0xx)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


def empty_document() -> ProtokolError:
    return ProtokolError("E001", "the document is empty: there is no text to read")


def not_text() -> ProtokolError:
    return ProtokolError("E002", "the file is not text (binary data); send PDF, DOCX or TXT")


def unreadable_encoding() -> ProtokolError:
    return ProtokolError("E003", "the text encoding could not be recognised; save the file as UTF-8")


def file_not_found(path: str) -> ProtokolError:
    return ProtokolError("E004", f"no such file: {path}")


def unsupported_format(kind: str) -> ProtokolError:
    return ProtokolError("E010", f"{kind} files are not supported; save the document as DOCX, PDF or TXT "
                                 "(in Word or LibreOffice: File > Save As > .docx) and send it again")


def corrupt_pdf(detail: str = "") -> ProtokolError:
    more = f" ({detail})" if detail else ""
    return ProtokolError("E011", f"the PDF file is damaged or incomplete and cannot be read{more}; "
                                 "export it again from the source document or send DOCX")


def encrypted_pdf() -> ProtokolError:
    return ProtokolError("E012", "the PDF is password-protected (encrypted); send an unprotected copy "
                                 "or the original DOCX")


def scanned_pdf(pages: int) -> ProtokolError:
    """E013 for a PDF of scanned pages while OCR is off."""
    return scan_without_text(f"the PDF ({pages} page(s))", ocr_off=True)


def scan_without_text(what: str, ocr_off: bool = False) -> ProtokolError:
    """E013 too: a scan (image) from which no text could be had."""
    why = "text recognition (OCR) is turned off in the settings" if ocr_off else \
        "text recognition (OCR) found no text in it"
    return ProtokolError("E013", f"{what} is a scan and {why}: send the original DOCX or a clearer scan")


def too_many_pages(pages: int, limit: int) -> ProtokolError:
    return ProtokolError("E014", f"the document has {pages} pages, more than the limit of {limit}; "
                                 "send only the protocol itself, without annexes")


def too_large(size: int, limit: int, what: str = "the file") -> ProtokolError:
    return ProtokolError("E015", f"{what} is {size / 1e6:.1f} MB, more than the limit of {limit / 1e6:.1f} MB; "
                                 "send the protocol without scanned annexes or pictures")


def corrupt_docx(detail: str = "") -> ProtokolError:
    more = f" ({detail})" if detail else ""
    return ProtokolError("E016", f"the DOCX file is damaged and cannot be opened{more}; "
                                 "open it in Word or LibreOffice, save it again and send the new copy")


def zip_bomb(detail: str) -> ProtokolError:
    return ProtokolError("E017", f"the DOCX file unpacks to a suspicious size ({detail}) and was refused; "
                                 "save it again from Word or LibreOffice without embedded objects")


def time_limit(seconds: float) -> ProtokolError:
    return ProtokolError("E018", f"reading the document took longer than {seconds:g} s and was stopped; "
                                 "send a smaller file or the protocol without annexes")


def archive_member_too_large(member: str, detail: str) -> ProtokolError:
    return ProtokolError("E017", f"the archive member {member} unpacks to a suspicious size ({detail}) and was "
                                 "refused; unpack the archive and send the protocols one by one")


def corrupt_archive_member(member: str, detail: str = "") -> ProtokolError:
    more = f" ({detail})" if detail else ""
    return ProtokolError("E019", f"the archive member {member} is damaged and cannot be unpacked{more}; "
                                 "pack the archive again")


def unreadable_file(path: str, detail: str) -> ProtokolError:
    return ProtokolError("E020", f"the file {path} cannot be read ({detail}); check its permissions")


# E019 was asked for in issue 8 but is taken by corrupt_archive_member (bulk): OCR missing is E021
def ocr_unavailable(detail: str = "the tesseract program is not installed",
                    package: str = "tesseract-ocr tesseract-ocr-rus") -> ProtokolError:
    return ProtokolError("E021", f"the document is a scan and needs text recognition (OCR), but {detail}; "
                                 f"install it (Debian/Ubuntu: apt-get install {package}) "
                                 "or send the original DOCX or a PDF saved from it")


def html_without_text() -> ProtokolError:
    return ProtokolError("E022", "the HTML page shows no text (only markup, scripts or pictures); "
                                 "open the page with the protocol itself, or save the protocol as DOCX or PDF")


def broken_email(detail: str) -> ProtokolError:
    return ProtokolError("E023", f"the e-mail message is damaged and cannot be split into its parts ({detail}); "
                                 "save its attachments from the mail program and send them one by one")


def broken_attachment(name: str, detail: str) -> ProtokolError:
    return ProtokolError("E024", f"the e-mail attachment {name} is damaged and cannot be decoded ({detail}); "
                                 "save it from the mail program and send it on its own")


def several_documents(what: str) -> ProtokolError:
    return ProtokolError("E025", f"the file is {what}, which holds several documents; read it with "
                                 "`protokol extract`, `protokol bulk`, the API or `Pipeline.batch`, which give each its own result")
