"""HTML: a web page (a ministry's or a municipality's site, a page saved by a browser, LibreOffice or
Word) as the text a person sees on it, in the shape of the DOCX reader: one paragraph a line, a line
break a line, list items with the number or bullet the browser shows in front of them, tables row by
row with each cell's paragraphs one per line (an empty cell is an empty line, as in a DOCX), and no
text of scripts, styles, the head, navigation, buttons or hidden elements. When the page marks its
main content (`<main>`, `role="main"`), only that is read.

The encoding comes from a byte-order mark, else the page's own declaration (`<meta charset>`,
`http-equiv`, `<?xml encoding?>`), else UTF-8, else the plain-text guess (cp1251, koi8-r, ...).
The markup is parsed by lxml (libxml2's HTML parser, which repairs broken pages as browsers do).
Offsets of every extracted value index `Document.text`, this visible text.
"""
from __future__ import annotations

import codecs
import re

from extractor import errors
from extractor.readers.limits import Budget, Limits
from extractor.readers.text import decode

_BLOCKS = frozenset("""address article aside blockquote body caption center dd details dialog dir div dl dt
fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol
p pre section summary table tbody tfoot thead tr td th ul""".split())
# never shown as text of the page: code, the head, controls, embedded media, navigation
_SKIP = frozenset("""script style noscript template head title meta link base nav button select option
textarea input iframe frame frameset object embed applet svg math canvas audio video map area""".split())
_SKIP_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPACE = re.compile(r"[ \t\n\r\f]+")
# the encoding a page declares (the HTML standard's prescan looks for the same within the first bytes)
_DECLARED = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
                       re.I)
_START = re.compile(rb"""\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|
                        div|table|h[1-6]|p[\s>])""", re.I | re.S | re.X)


def looks_like_html(data: bytes) -> bool:
    """True when the bytes begin as an HTML page does (after a BOM, blanks, an XML declaration and
    comments): a doctype, <html>, <head>, <body>, <meta>, <title>, or a saved fragment's <div>,
    <table>, <h1>-<h6> or <p>. Text that merely contains tags further on stays text."""
    head = data[:2048]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
    elif head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return _START.match(head) is not None


def decode_html(data: bytes) -> str:
    """The characters of the page: BOM, else the declared charset, else UTF-8, else the text guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    found = _DECLARED.search(data[:4096])
    if found:
        name = (found.group(1) or found.group(2)).decode("ascii").lower()
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            codec = None
        if codec and not codec.startswith("utf-16"):   # the standard reads a declared UTF-16 as UTF-8
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode(data)


def _hidden(el, tag: str) -> bool:
    """Not shown, or the site's chrome: a page-level <header>/<footer> (one inside an <article> or
    <main> is the document's own), the page header and footer LibreOffice writes as <div title>."""
    if tag in ("header", "footer") and not any(a.tag in ("article", "main") for a in el.iterancestors()):
        return True
    if tag == "div" and (el.get("title") or "").lower() in ("header", "footer"):
        return True   # a DOCX's page header and footer: the DOCX reader leaves them out too
    return (el.get("hidden") is not None or el.get("aria-hidden") == "true"
            or (el.get("role") or "").lower() in _SKIP_ROLES
            or bool(_HIDDEN_STYLE.search(el.get("style") or "")))


def _number(n: int, kind: str) -> str:
    """An ordered list's number as `<ol type>` shows it: 1, a, A, i, I."""
    if kind in ("a", "A") and n > 0:
        out = ""
        while n:
            n, r = divmod(n - 1, 26)
            out = chr(ord("a") + r) + out
        return out if kind == "a" else out.upper()
    if kind in ("i", "I") and 0 < n < 4000:
        out = ""
        for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                               (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            while n >= value:
                out, n = out + letters, n - value
        return out if kind == "i" else out.upper()
    return str(n)


def _int(value: str | None, default: int) -> int:
    try:
        return int((value or "").strip())
    except ValueError:
        return default


class _Page:
    """Walks the parsed page and collects its visible lines."""

    def __init__(self, limits: Limits, budget: Budget) -> None:
        self.limits, self.budget = limits, budget
        self.lines: list[str] = []
        self.parts: list[str] = []     # the inline text of the line being built
        self.label = ""                # a list item's number, put in front of its first line
        self.size = 0
        self.pre = 0                   # inside <pre>: spaces and line breaks are kept

    def _push(self, line: str) -> None:
        self.lines.append(line)
        self.size += len(line) + 1
        if self.size > self.limits.max_chars:
            raise errors.too_large(self.size, self.limits.max_chars, "the text of the page")

    def end_line(self, force: bool = False) -> None:
        """Close the line being built; an empty one only when `force` (a <br>, an empty cell)."""
        raw = "".join(self.parts)
        self.parts = []
        text = raw if self.pre else _SPACE.sub(" ", raw).strip(" ")
        if not text.strip(" \xa0"):
            text = ""
        if not text and not force:
            return                     # a list item's number waits for the item's first text
        self._push(self.label + text if text else self.label.rstrip())
        self.label = ""

    def text(self, value: str | None) -> None:
        if value and self.pre:             # preformatted: every line break is one
            first, *rest = value.split("\n")
            self.parts.append(first)
            for piece in rest:
                self.end_line(force=True)
                self.parts.append(piece)
        elif value:
            self.parts.append(value)

    def walk(self, el, numbering: dict | None = None) -> None:
        """Append the visible lines of `el` (and its tail text); `numbering` is the enclosing list's."""
        tag = el.tag if isinstance(el.tag, str) else None   # comments, processing instructions
        if tag is None:
            self.text(el.tail)
            return
        tag = tag.lower()
        if tag in _SKIP or _hidden(el, tag):
            self.text(el.tail)
            return
        if tag == "br":
            self.end_line(force=True)
            self.text(el.tail)
            return
        block = tag in _BLOCKS
        if block:
            self.budget.check()
            self.end_line()
        before = len(self.lines)
        if tag == "li":
            self.label = self._label(el, numbering)
        if tag == "pre":
            self.pre += 1
        self.text(el.text)
        own = {"counter": _int(el.get("start"), 1) - 1, "type": el.get("type") or "1", "ordered": True} \
            if tag == "ol" else {"ordered": False} if tag in ("ul", "menu", "dir") else None
        for child in el:
            self.walk(child, own if own is not None else numbering)
        if block:
            # a paragraph or a table cell is a line even when empty, as every DOCX paragraph is
            self.end_line(force=tag in ("p", "td", "th", "li") and len(self.lines) == before)
        if tag == "pre":
            self.pre -= 1
        self.text(el.tail)

    @staticmethod
    def _label(li, numbering: dict | None) -> str:
        if numbering is None or not numbering.get("ordered"):
            return "• " if numbering is not None else ""
        numbering["counter"] = _int(li.get("value"), numbering["counter"] + 1)
        return f"{_number(numbering['counter'], li.get('type') or numbering['type'])}. "


def _content(root):
    """The page's main content when it marks one (and it has text), else its body (or root)."""
    for el in root.iter("main"):
        if el.text_content().strip():
            return el
    for el in root.iter():
        if isinstance(el.tag, str) and el.get("role") == "main" and el.text_content().strip():
            return el
    body = root.find("body")
    return body if body is not None else root


def read_html(data: bytes, limits: Limits, budget: Budget) -> tuple[str, list[str]]:
    """The visible text of an HTML page in the DOCX reader's shape, and warnings.
    E022 when the page shows no text; E015 when the text is over the limit."""
    import lxml.html
    from lxml import etree

    text = decode_html(data)
    budget.check()
    try:
        # libxml2 stops nesting at 256 levels (no huge_tree), so the recursive walk stays shallow
        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
        root = lxml.html.document_fromstring(text.encode("utf-8", errors="replace"), parser=parser)
    except (etree.ParserError, ValueError):   # lxml refuses a document with no elements at all
        raise errors.html_without_text() from None
    page = _Page(limits, budget)
    content = _content(root)
    content.tail = None                  # the text after <main> is outside it
    page.walk(content)
    page.end_line()
    if not any(line.strip() for line in page.lines):
        raise errors.html_without_text()
    while page.lines and not page.lines[0].strip():
        page.lines.pop(0)
    return "\n".join(page.lines) + "\n", []
