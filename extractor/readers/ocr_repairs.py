"""Repairs of tesseract's output for the genre: small named rules, applied in order to the words of
one recognized line, before the text is built (so offsets, boxes and confidences stay exact).

A rule takes the line's words and returns them; a word that two pieces become takes the union of
their boxes and the lower confidence. Every rule is general for Russian protocols: it never names
a document, a person or a phrase of one.

    detached_punctuation   «область , район ‚ д.» -> «область, район, д.»
    list_number_noise      «7.’ Утвердить» -> «7. Утвердить»
    latin_lookalikes       «CHT», «no», «A.B.» in Russian text -> «СНТ», «по», «А.В.»
    section_words          «РЕШ ИЛИ;», «PEШИЛИ», «РЕШНЛИ» -> «РЕШИЛИ:» (extractor/data/ocr_keywords.txt)
    digits_in_numbers      «2О23», «17-О0», «З1.12.2024», «1l.05» -> «2023», «17-00», «31.12.2024», «11.05»
    year_nine              «на 2924 г.» -> «на 2024 г.» (0 read as 9 in a year of this century)
    lone_dash              «ТСЖ - Иванов», «~» -> «ТСЖ — Иванов», «—»

`explain(text)` gives the rules that change a line (for debugging and tests).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from extractor.data import read_data
from extractor.readers.ocr_token import OcrToken


# Latin letters tesseract (rus+eng) puts into Russian words, and what they stand for
_LATIN = dict(zip("ABCEHKMOPTXYaceopxyknrum", "АВСЕНКМОРТХУасеорхукпгит"))
_CYR = re.compile(r"[А-Яа-яЁё]")
_LAT = re.compile(r"[A-Za-z]")
_ADDRESS = re.compile(r"@|://|www\.|\.(?:ru|com|org|net|рф|gov|su|info)\b|^https?", re.I)

# characters read in place of digits inside numbers and dates
_AS_DIGIT = {"О": "0", "O": "0", "о": "0", "o": "0", "З": "3", "з": "3", "l": "1", "I": "1", "|": "1",
             "б": "6", "Б": "6"}
_NUMBER_CHARS = set("0123456789") | set(_AS_DIGIT)
_SEPARATORS = set(".:/-–")

# letter classes tesseract confuses in upper-case words (and the Latin look-alikes)
_CLASSES = {c: k for k, group in {
    "И": "ИНЙNHU", "Ш": "ШЩW", "О": "О0OQ", "З": "З3", "Е": "ЕЁE", "Р": "РP", "С": "СC", "Т": "ТT",
    "А": "АA", "В": "ВB8", "К": "КK", "М": "МM", "Х": "ХX", "У": "УY", "Л": "ЛП",
}.items() for c in group}


def _fold(word: str) -> str:
    return "".join(_CLASSES.get(c, c) for c in word.upper())


@lru_cache(maxsize=1)
def _keywords() -> dict[str, tuple[str, bool]]:
    """Folded keyword -> (keyword, takes a colon)."""
    out = {}
    for line in read_data("ocr_keywords.txt"):
        word = line.rstrip(":")
        out[_fold(word)] = (word, line.endswith(":"))
    return out


def _merge(tokens: list[OcrToken], text: str) -> OcrToken:
    return OcrToken(text, min(t.conf for t in tokens), min(t.x0 for t in tokens), min(t.y0 for t in tokens),
                    max(t.x1 for t in tokens), max(t.y1 for t in tokens), tokens[0].block, tokens[0].par,
                    tokens[0].line)


def _with(t: OcrToken, text: str) -> OcrToken:
    return OcrToken(text, t.conf, t.x0, t.y0, t.x1, t.y1, t.block, t.par, t.line)


# -- the rules ----------------------------------------------------------------------------------------
def detached_punctuation(tokens: list[OcrToken]) -> list[OcrToken]:
    """A comma, point, colon or semicolon standing alone goes to the word before it; the low
    quote "‚" that stands for a comma becomes one."""
    out: list[OcrToken] = []
    for t in tokens:
        text = t.text.replace("‚", ",")
        if text in (",", ".", ":", ";", ",,") and out:
            out[-1] = _merge([out[-1], t], out[-1].text + text[0])
            continue
        out.append(_with(t, text) if text != t.text else t)
    return out


def list_number_noise(tokens: list[OcrToken]) -> list[OcrToken]:
    """A list number with a stray quote or comma after its point: «7.’», «3.,» -> «7.», «3.»."""
    if tokens:
        m = re.fullmatch(r"(\d{1,2}(?:\.\d{1,2})*\.)[’'‘`,\"”]+", tokens[0].text)
        if m:
            return [_with(tokens[0], m.group(1))] + tokens[1:]
    return tokens


def latin_lookalikes(tokens: list[OcrToken]) -> list[OcrToken]:
    """Latin letters that look like Cyrillic ones, in a word of Russian text, become Cyrillic:
    in a word mixing both scripts always, in an all-Latin word when the line has more Cyrillic
    letters than Latin words that are truly Latin ("Telegram").
    E-mails and URLs are left alone, as are words with a Latin letter that has no look-alike."""
    def foreign(t: OcrToken) -> bool:
        letters = _LAT.findall(t.text)
        return bool(letters) and not _ADDRESS.search(t.text) and any(c not in _LATIN for c in letters)

    cyr = sum(len(_CYR.findall(t.text)) for t in tokens)
    lat = sum(len(_LAT.findall(t.text)) for t in tokens if foreign(t))
    out = []
    for t in tokens:
        letters = _LAT.findall(t.text)
        if (not letters or _ADDRESS.search(t.text) or foreign(t)
                or not (_CYR.search(t.text) or cyr > lat)):
            out.append(t)
            continue
        out.append(_with(t, "".join(_LATIN.get(c, c) for c in t.text)))
    return out


def section_words(tokens: list[OcrToken]) -> list[OcrToken]:
    """A section word broken into upper-case pieces or with a confused letter is put together;
    at the start of a line, a section word that opens a section gets its colon back."""
    keys = _keywords()
    out: list[OcrToken] = []
    i = 0
    while i < len(tokens):
        done = False
        for n in (3, 2, 1):
            piece = tokens[i:i + n]
            if len(piece) < n:
                continue
            words = [re.sub(r"[:;.,]+$", "", t.text) for t in piece]
            # only the last piece may carry punctuation; pieces are upper-case letters
            if any(w != t.text for w, t in zip(words[:-1], piece[:-1])):
                continue
            if not all(w and w == w.upper() and re.fullmatch(r"[А-ЯЁA-Z038]+", w) for w in words):
                continue
            if n > 1 and any(len(w) > 8 for w in words):
                continue
            hit = keys.get(_fold("".join(words)))
            if hit is None or len(hit[0]) < 5:
                continue
            word, colon = hit
            tail = piece[-1].text[len(words[-1]):]
            if colon and tail in (";", ".", ",", ":;", ".:") and i == 0:
                tail = ":"
            joined = word + tail
            if n == 1 and joined == piece[0].text:
                break
            out.append(_merge(piece, joined))
            i += n
            done = True
            break
        if not done:
            out.append(tokens[i])
            i += 1
    return out


def _fix_number(island: str) -> str:
    digits = sum(c.isdigit() for c in island)
    wrong = [c for c in island if c in _AS_DIGIT]
    if digits < 2 or not wrong or len(wrong) >= digits:
        return island
    return "".join(_AS_DIGIT.get(c, c) for c in island)


def _number_islands(word: str) -> str:
    """Runs of digits, digit look-alikes and separators inside a word, each repaired when it holds
    at least two real digits and fewer look-alikes than digits, and touches no other letter."""
    out, k = [], 0
    while k < len(word):
        if word[k] in _NUMBER_CHARS:
            j = k
            while j < len(word) and (word[j] in _NUMBER_CHARS or (word[j] in _SEPARATORS and j + 1 < len(word)
                                                                  and word[j + 1] in _NUMBER_CHARS)):
                j += 1
            island = word[k:j]
            # a look-alike at an edge that touches a letter belongs to that word ("2023г" is fine, "ФЗ" too)
            while island and island[0] in _AS_DIGIT and k > 0 and word[k - 1].isalpha():
                out.append(island[0])
                island, k = island[1:], k + 1
            tail = ""
            while island and island[-1] in _AS_DIGIT and j < len(word) and word[j].isalpha():
                tail = island[-1] + tail
                island = island[:-1]
            out.append(_fix_number(island) + tail)
            k = j
        else:
            out.append(word[k])
            k += 1
    return "".join(out)


def digits_in_numbers(tokens: list[OcrToken]) -> list[OcrToken]:
    """Letters read in place of digits inside numbers, dates and times: «2О23» -> «2023»,
    «17-О0» -> «17-00», «З1.12.2024» -> «31.12.2024». A run needs two real digits."""
    out = []
    for t in tokens:
        if _ADDRESS.search(t.text) or not re.search(r"\d", t.text):
            out.append(t)
            continue
        fixed = _number_islands(t.text)
        out.append(_with(t, fixed) if fixed != t.text else t)
    return out


def year_nine(tokens: list[OcrToken]) -> list[OcrToken]:
    """A year 29xx before "г."/"год" is 20xx: tesseract reads a 0 as 9; protocols cite no such years."""
    out = []
    for k, t in enumerate(tokens):
        nxt = tokens[k + 1].text if k + 1 < len(tokens) else ""
        m = re.fullmatch(r"(.*?\b)29(\d\d)((?:\s*г(?:од\w*|\.|г\.?)?)?[.,;:)]*)", t.text)
        if m and (m.group(3).startswith("г") or re.match(r"г(?:\.|од|г|$)", nxt)):
            out.append(_with(t, f"{m.group(1)}20{m.group(2)}{m.group(3)}"))
        else:
            out.append(t)
    return out


def lone_dash(tokens: list[OcrToken]) -> list[OcrToken]:
    """A hyphen or tilde standing alone between words is the dash «—» that the scan thinned."""
    return [_with(t, "—") if t.text in ("-", "~", "--", "-—", "—-", "=-") and 0 < k else t
            for k, t in enumerate(tokens)]


RULES: list[tuple[str, Callable[[list[OcrToken]], list[OcrToken]]]] = [
    ("detached_punctuation", detached_punctuation),
    ("list_number_noise", list_number_noise),
    ("latin_lookalikes", latin_lookalikes),
    ("section_words", section_words),
    ("digits_in_numbers", digits_in_numbers),
    ("year_nine", year_nine),
    ("lone_dash", lone_dash),
]


def repair_line(tokens: list[OcrToken]) -> list[OcrToken]:
    """Every rule, in order, on the words of one line."""
    for _, rule in RULES:
        tokens = rule(tokens)
    return tokens


def _tokens(text: str) -> list[OcrToken]:
    return [OcrToken(w, 90.0, 10.0 * k, 0, 10.0 * k + 8, 10) for k, w in enumerate(text.split())]


def repair_text(text: str) -> str:
    """One line of text, repaired (words split on spaces, as tesseract gives them)."""
    return " ".join(t.text for t in repair_line(_tokens(text)))


def explain(text: str) -> list[str]:
    """Names of the rules that change this line, in order."""
    fired, tokens = [], _tokens(text)
    for name, rule in RULES:
        new = rule(tokens)
        if [t.text for t in new] != [t.text for t in tokens]:
            fired.append(name)
        tokens = new
    return fired
