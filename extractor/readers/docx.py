"""DOCX: paragraphs in order, tables in their place (each cell's paragraphs one per line, row by
row), Word's automatic list numbers written in front of their paragraphs — the shape of
LibreOffice's text export. Headers, footers, footnotes and comments live in other parts and are
not read; deleted (tracked) text, field codes and hidden text are skipped.

The zip is checked before anything is unpacked: its entries' unpacked sizes and ratios (a zip bomb
is refused), and Python's zip reader never unpacks more than an entry declares.
"""
from __future__ import annotations

import io
import zipfile

from extractor import errors
from extractor.readers.limits import Budget, Limits
from extractor.readers.numbering import W, Numbering

_SKIP = {W + t for t in ("delText", "instrText", "delInstrText", "footnoteReference", "endnoteReference",
                         "commentReference", "annotationRef", "drawing", "pict", "object")}
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_BLOCKS = {W + "p", W + "tbl", W + "sdt", W + "customXml", W + "sdtContent"}


def check_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """The zip of a DOCX, once its entries pass the size limits (E016 damaged, E017 bomb)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise errors.corrupt_docx(f"not a valid zip archive: {exc}") from None
    if len(infos) > limits.max_members:
        raise errors.zip_bomb(f"{len(infos)} entries")
    total = sum(i.file_size for i in infos)
    if total > limits.max_unpacked_bytes:
        raise errors.zip_bomb(f"{total / 1e6:.0f} MB unpacked, limit {limits.max_unpacked_bytes / 1e6:.0f} MB")
    for i in infos:
        if i.file_size > limits.max_part_bytes:
            raise errors.zip_bomb(f"{i.filename}: {i.file_size / 1e6:.0f} MB unpacked")
        if i.file_size > limits.ratio_floor_bytes and i.file_size > limits.max_ratio * max(1, i.compress_size):
            raise errors.zip_bomb(f"{i.filename}: packed {i.file_size // max(1, i.compress_size)}:1")
    if "word/document.xml" not in zf.namelist():
        raise errors.corrupt_docx("it has no word/document.xml")
    return zf


def _style_numbering(styles_root) -> dict[str, tuple[str, int | None]]:
    """Paragraph style id -> (numId, ilvl) of the numbering the style carries (following basedOn)."""
    own, based = {}, {}
    if styles_root is None:
        return {}
    for st in styles_root.iter(W + "style"):
        sid = st.get(W + "styleId")
        num = st.find(f"{W}pPr/{W}numPr")
        if num is not None:
            nid = num.find(W + "numId")
            lvl = num.find(W + "ilvl")
            own[sid] = (nid.get(W + "val") if nid is not None else None,
                        int(lvl.get(W + "val", 0)) if lvl is not None else None)
        parent = st.find(W + "basedOn")
        if parent is not None:
            based[sid] = parent.get(W + "val")
    out = {}
    for sid in set(own) | set(based):
        seen, cur = set(), sid
        while cur and cur not in own and cur not in seen:
            seen.add(cur)
            cur = based.get(cur)
        if cur in own and own[cur][0]:
            out[sid] = own[cur]
    return out


def _children(el, tag: str):
    """Children of `el` with `tag`, looking through content controls and custom XML wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
            yield from _children(child, tag)


class _Walker:
    def __init__(self, numbering: Numbering, style_num: dict, budget: Budget, limits: Limits) -> None:
        self.numbering = numbering
        self.style_num = style_num
        self.budget = budget
        self.limits = limits
        self.lines: list[str] = []
        self.size = 0

    def _emit(self, line: str) -> None:
        self.lines.append(line)
        self.size += len(line) + 1
        if self.size > self.limits.max_chars:
            raise errors.too_large(self.size, self.limits.max_chars, "the text of the document")

    def block(self, el) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child)
            elif tag == W + "tbl":
                self.table(child)
            elif tag in _BLOCKS:
                self.block(child)

    def table(self, tbl) -> None:
        for tr in _children(tbl, W + "tr"):
            self.budget.check()
            for tc in _children(tr, W + "tc"):
                merge = tc.find(f"{W}tcPr/{W}vMerge")
                if merge is not None and merge.get(W + "val", "continue") == "continue":
                    continue   # covered by the cell above: no text of its own
                self.block(tc)

    def _number(self, p) -> str:
        ppr = p.find(W + "pPr")
        num_id, ilvl = None, None
        if ppr is not None:
            style = ppr.find(W + "pStyle")
            if style is not None and style.get(W + "val") in self.style_num:
                num_id, ilvl = self.style_num[style.get(W + "val")]
            num = ppr.find(W + "numPr")
            if num is not None:
                nid, lvl = num.find(W + "numId"), num.find(W + "ilvl")
                if nid is not None:
                    num_id = nid.get(W + "val")
                if lvl is not None:
                    ilvl = int(lvl.get(W + "val", 0)) if lvl.get(W + "val", "0").isdigit() else 0
        if not num_id:
            return ""
        return self.numbering.label(num_id, ilvl or 0)

    def paragraph(self, p) -> None:
        parts: list[str] = []
        self._runs(p, parts)
        text = "".join(parts)
        label = self._number(p)
        for k, line in enumerate(text.split("\n")):
            self._emit((label if k == 0 else "") + line)

    def _runs(self, el, parts: list[str]) -> None:
        for child in el:
            tag = child.tag
            if tag in _SKIP or tag == _MC_FALLBACK or tag == W + "pPr":
                continue
            if tag == W + "r":
                rpr = child.find(W + "rPr")
                if rpr is not None and rpr.find(W + "vanish") is not None:
                    continue
            if tag == W + "t":
                parts.append(child.text or "")
            elif tag == W + "tab" or tag == W + "ptab":
                parts.append("\t")
            elif tag in (W + "br", W + "cr"):
                if child.get(W + "type") not in ("page", "column"):
                    parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "sym":
                code = child.get(W + "char", "")
                parts.append(chr(int(code, 16)) if code and all(c in "0123456789abcdefABCDEF" for c in code) else "")
            elif isinstance(tag, str):
                self._runs(child, parts)


def read_docx(data: bytes, limits: Limits, budget: Budget) -> tuple[str, list[str]]:
    """Text of a DOCX in the shape of LibreOffice's text export, and warnings."""
    check_zip(data, limits)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        styles_root = document.styles.element
        try:
            numbering_root = document.part.numbering_part.element
        except (NotImplementedError, KeyError):
            numbering_root = None
    except errors.ProtokolError:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds on a damaged package
        raise errors.corrupt_docx(f"{type(exc).__name__}: {exc}"[:200]) from None
    budget.check()
    style_num = _style_numbering(styles_root)
    walker = _Walker(Numbering(numbering_root, style_num), style_num, budget, limits)
    walker.block(body)
    warnings = []
    if not any(line.strip() for line in walker.lines):
        raise errors.empty_document()
    return "\n".join(walker.lines) + "\n", warnings
