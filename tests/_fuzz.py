"""Mutated documents for the fuzz campaign (tests/bench/fuzz_pipeline.py) and its CI smoke test.

Seeds are real protocols of every format (TXT, DOCX, PDF). Each mutant is one seed changed in one
or a few ways a broken export, a bad scan-to-text step or a hostile client could produce:

- bytes: flipped, cut (a truncated upload), spliced (the head of one file, the tail of another),
  a chunk repeated or inserted;
- text (TXT, and the text of a DOCX's word/document.xml): control characters, decision markers
  ("Постановили:", "РЕШИЛИ:"), numbering runs ("2.—", "г)", "1.1.1."), lines repeated, dropped
  or swapped, long lines.

Everything is drawn from one `random.Random(seed)`: the same seed gives the same mutants.
"""
from __future__ import annotations

import io
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
OWN_CORPUS = ROOT / "corpus"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
FORMATS = ("txt", "docx", "pdf")

CONTROL = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\u200b", "\ufeff", "\u2028",
           "\u00ad", "\r", "\t", "\x85", "\ud7ff", "\ufffd"]
MARKERS = ["Слушали:", "СЛУШАЛИ:", "Постановили:", "ПОСТАНОВИЛИ:", "РЕШИЛИ:", "Решили:", "Выступили:",
           "ПОВЕСТКА ДНЯ:", "Присутствовали:", "Председатель", "Секретарь", "Ответственный:", "Срок:",
           "Срок исполнения –", "ПРОТОКОЛ №", "Голосовали: «за» – ", "Поручить", "до ", "№", "от",
           "УТВЕРЖДАЮ", "I.", "Приложение"]
NUMBERING = ["1.", "2.", "2.—", "1.1.", "1.1.1.", "3)", "а)", "б)", "г)", "IV.", "XII.", "10.", "0.", "99.",
             "1.2.3.4.5.", "-", "•", "—", "п. 2", "2.1)", "(1)", "а.", "1,"]


@dataclass(frozen=True)
class Seed:
    """One real document the mutants start from."""

    name: str
    format: str
    data: bytes


@dataclass(frozen=True)
class Mutant:
    """One mutated document: its name tells the seed and the mutations applied."""

    name: str
    format: str
    data: bytes


def seeds(shared: bool = True) -> list[Seed]:
    """TXT, DOCX and PDF protocols: the shared corpus when present (and `shared`), our own corpus's
    TXT, and DOCX files built from it (so every format is covered without the shared corpus)."""
    found: list[Seed] = []
    if shared and SHARED_CORPUS.is_dir():
        for path in sorted(SHARED_CORPUS.rglob("*")):
            if path.suffix.lstrip(".") in FORMATS and path.is_file():
                found.append(Seed(path.name, path.suffix.lstrip("."), path.read_bytes()))
    own = sorted(OWN_CORPUS.glob("*.txt"))
    found += [Seed(p.name, "txt", p.read_bytes()) for p in own]
    found += [Seed(p.stem + ".docx", "docx", make_docx(p.read_text(encoding="utf-8"))) for p in own[:4]]
    if not any(s.format == "pdf" for s in found):
        found.append(Seed("latin.pdf", "pdf", _latin_pdf()))
    return found


def make_docx(text: str) -> bytes:
    """A DOCX with one paragraph per line of `text` (python-docx)."""
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(_xml_safe(line))
    out = io.BytesIO()
    document.save(out)
    return _rezip(out.getvalue())


def _rezip(data: bytes, replace: dict[str, bytes] | None = None) -> bytes:
    """The package with fixed member times (the same seed gives the same bytes on any day) and
    `replace`d members."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = (replace or {}).get(info.filename, None)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)),
                         src.read(info.filename) if body is None else body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _xml_safe(text: str) -> str:
    return "".join(c for c in text if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd"))


def _latin_pdf() -> bytes:
    from _docmake import text_pdf

    return text_pdf([["PROTOKOL N 3", "RESHILI:", "1. Ivanovu I.I. predstavit otchet do 20.08.2025."]])


# -- byte mutations ---------------------------------------------------------------------------------
def flip(rng: random.Random, data: bytes, _: bytes) -> bytes:
    """A few random bytes set to random values."""
    out = bytearray(data)
    for _ in range(rng.choice((1, 2, 8, 64))):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def cut(rng: random.Random, data: bytes, _: bytes) -> bytes:
    """The file truncated (an upload that stopped), or its head dropped."""
    at = rng.randrange(len(data) + 1)
    return data[:at] if rng.random() < 0.8 else data[at:]


def splice(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """The head of this file and the tail of another (of any format)."""
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1):]


def repeat_chunk(rng: random.Random, data: bytes, _: bytes) -> bytes:
    """A chunk repeated in place, or random bytes inserted."""
    at = rng.randrange(len(data) + 1)
    if rng.random() < 0.5:
        return data[:at] + data[at: at + rng.randrange(1, 512)] * rng.randrange(2, 6) + data[at:]
    return data[:at] + rng.randbytes(rng.randrange(1, 64)) + data[at:]


BYTE_MUTATIONS = (flip, cut, splice, repeat_chunk)


# -- text mutations ---------------------------------------------------------------------------------
def text_mutation(rng: random.Random, text: str, other: str) -> tuple[str, str]:
    """One change of a protocol's text; (its name, the new text)."""
    lines = text.split("\n") or [""]
    kind = rng.choice(("control", "marker", "numbering", "lines", "splice_lines", "long_line", "marker_run"))
    if kind == "control":
        chars = list(text)
        for _ in range(rng.randrange(1, 40)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(CONTROL))
        return kind, "".join(chars)
    if kind in ("marker", "numbering", "marker_run"):
        pool = MARKERS if kind == "marker" else NUMBERING if kind == "numbering" else MARKERS + NUMBERING
        for _ in range(rng.randrange(1, 12)):
            i = rng.randrange(len(lines))
            token = rng.choice(pool)
            lines[i] = token + rng.choice(("", " ", "\n", " " * 3)) + lines[i] if rng.random() < 0.7 \
                else lines[i] + " " + token
        return kind, "\n".join(lines)
    if kind == "lines":
        for _ in range(rng.randrange(1, 10)):
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            op = rng.random()
            if op < 0.4:
                lines.insert(j, lines[i])
            elif op < 0.7 and len(lines) > 1:
                del lines[i]
            else:
                lines[i], lines[j] = lines[j], lines[i]
        return kind, "\n".join(lines)
    if kind == "splice_lines":
        theirs = other.split("\n")
        at = rng.randrange(len(lines) + 1)
        start = rng.randrange(len(theirs))
        return kind, "\n".join(lines[:at] + theirs[start: start + rng.randrange(1, 30)] + lines[at:])
    i = rng.randrange(len(lines))
    lines[i] = (lines[i] + " ") * rng.randrange(20, 200)
    return kind, "\n".join(lines)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def mutate_docx_text(rng: random.Random, data: bytes, other: str) -> tuple[str, bytes]:
    """A text mutation applied inside word/document.xml's text runs; the package re-zipped."""
    import re

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read("word/document.xml").decode("utf-8", "replace")
            runs = re.findall(r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)", xml)
            kind, new = text_mutation(rng, "\n".join(r[1] for r in runs), other)
            new_runs = iter(new.split("\n"))

            def run(m: re.Match) -> str:
                escaped = _xml_safe(next(new_runs, "")).replace("&", "&amp;").replace("<", "&lt;")
                return m.group(1) + escaped + m.group(3)

            xml = re.sub(r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)", run, xml)
            return "docx_" + kind, _rezip(data, {"word/document.xml": xml.encode("utf-8")})
    except Exception:   # a package already damaged by an earlier step: leave it to the byte mutations
        return "raw", data


def mutants(seed: int, count: int, pool: list[Seed]) -> Iterator[Mutant]:
    """`count` mutants, formats in turn (TXT, DOCX, PDF), each of a random seed of that format;
    made one at a time (a campaign of 10,000 would not fit in memory at once)."""
    rng = random.Random(seed)
    by_format = {f: [s for s in pool if s.format == f] for f in FORMATS}
    for n in range(count):
        fmt = FORMATS[n % len(FORMATS)]
        base = rng.choice(by_format[fmt] or pool)
        other = rng.choice(pool)
        steps, data = [], base.data
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            if base.format == "txt" and rng.random() < 0.6:
                kind, text = text_mutation(rng, _decode(data), _decode(other.data) if other.format == "txt" else "")
                steps.append(kind)
                data = text.encode("utf-8", "surrogatepass") if rng.random() < 0.9 else text.encode("cp1251", "replace")
            elif base.format == "docx" and rng.random() < 0.5:
                kind, data = mutate_docx_text(rng, data, _decode(other.data) if other.format == "txt" else "")
                steps.append(kind)
            else:
                op = rng.choice(BYTE_MUTATIONS)
                steps.append(op.__name__)
                data = op(rng, data, other.data)
        yield Mutant(f"{n:05d}_{Path(base.name).stem}_{'+'.join(steps)}.{base.format}", base.format, data)
