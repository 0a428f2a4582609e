"""Rewrites of the decision marker ("РЕШИЛИ:") and of the case of section labels.

The vocabulary here is the suite's own reading of the genre, written independently of the
extractor's rules, so that a rewrite never depends on what the extractor already knows.
"""
from __future__ import annotations

import re

# A decision label of a line of its own or in front of the decision: "РЕШИЛИ:", "Постановили
# (единогласно):", "ПРИНЯЛИ РЕШЕНИЕ:", "Комиссия решила:", "Профсоюзный комитет ПОСТАНОВИЛ:".
_BARE = r"решили|постановили|решение|приняли\s+решение|принятое\s+решение"
_SUBJECT = r"[А-ЯЁ][а-яё]+(?:\s+[а-яёА-ЯЁ]+){0,3}\s+"
MARKER = re.compile(
    rf"^(?P<indent>\s*)(?P<label>(?:{_BARE})(?:\s*\([^()]{{1,30}}\))?|(?P<subject>{_SUBJECT})"
    rf"(?P<verb>решил[аи]?|постановил[аи]?))\s*:[ \t]*(?P<rest>.*?)\s*$", re.I)
# "По итогам совещания приняты следующие решения:" - one marker for the whole meeting
MEETING_MARKER = re.compile(r"^(?P<indent>\s*)(?P<label>по\s+итогам\s+(?:совещания|заседания)\s+приняты\s+"
                            r"следующие\s+решения)\s*:\s*(?P<rest>)$", re.I)
# Section labels whose case varies between protocols (at the start of a line, before a colon).
LABEL = re.compile(r"^(?P<pre>\s*(?:\d{1,2}\.\s*)?(?:по\s+[а-яё]+\s+вопросу\s+|по\s+вопросу\s+№\s*\d{1,2}\s*:\s*)?"
                   rf"(?:(?!приняли\s){_SUBJECT})?)(?P<label>слушали|выступили|решили|постановили|решение|приняли\s+решение|"
                   r"решил[аи]?|постановил[аи]?)(?P<post>\s*(?:\([^()]{1,30}\))?\s*:)", re.I)
# A line that opens a list item: "1.", "1)", "1.1.", "а)", "–", "•"
ITEM_START = re.compile(r"^\s*(?:(?:\d{1,2}\.){1,3}\d{0,2}\s|\d{1,2}\)\s|[а-я]\)\s|[–•-]\s)")
TABLE_START = re.compile(r"^\s*№(?:\s*п/п)?\s*$")
# Who decided, for a bare "РЕШИЛИ:" moved into a sentence: (subject, takes a feminine verb)
SUBJECTS = [("участники заседания", False), ("комиссия", True), ("члены совета", False)]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _marker(line: str) -> re.Match | None:
    if ITEM_START.match(line):
        return None
    return MARKER.match(line) or MEETING_MARKER.match(line)


def _next_nonblank(lines: list[str], i: int, step: int) -> int | None:
    j = i + step
    while 0 <= j < len(lines):
        if lines[j].strip():
            return j
        j += step
    return None


def _style(word: str, sample: str) -> str:
    """word in the case style of sample (upper, lower or capitalised)."""
    letters = [c for c in sample if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return word.upper()
    if letters and all(c.islower() for c in letters):
        return word.lower()
    return word[:1].upper() + word[1:].lower()


def _verb(m: re.Match, feminine: bool) -> str:
    """The finite verb of a marker, in the same case style: РЕШИЛИ -> РЕШИЛА for "комиссия"."""
    label = m.group("verb") or m.group("label")
    low = label.lower()
    if low.startswith("постанов"):
        word = "постановила" if feminine else "постановили"
    elif low.startswith("принял") or "решение" in low and not low.startswith("решение"):
        word = "приняла решение" if feminine else "приняли решение"
    else:
        word = "решила" if feminine else "решили"
    styled = _style(word, label)
    return styled.lower() if styled[:1].isupper() and not styled.isupper() else styled  # "комиссия решила"


def marker_inline(text: str, seed: int = 0) -> str:
    """A decision marker on a line of its own is moved to the end of the preceding prose paragraph
    ("Заслушав доклад …, комиссия РЕШИЛА:"; "… безопасности. По итогам обсуждения участники
    заседания РЕШИЛИ:"), the subject taken in turn from SUBJECTS where the marker has none.
    Why it preserves meaning: the marker still stands right before the items and still says that
    what follows was decided; only the line break before it is gone."""
    lines, site = _lines(text), seed
    for i, line in enumerate(lines):
        m = MARKER.match(line)
        if not m or m.group("rest") or ITEM_START.match(line):
            continue
        j = _next_nonblank(lines, i, -1)
        prev = lines[j].rstrip() if j is not None else ""
        if len(prev.strip()) < 20 or prev.lstrip().startswith("(") or ITEM_START.match(prev) \
                or MARKER.match(prev) or prev.endswith(":"):
            continue  # not a prose paragraph: a speaker in brackets, an item, a label
        if m.group("subject"):  # "Профсоюзный комитет ПОСТАНОВИЛ:" keeps its own words
            phrase = f"{m.group('subject').strip()} {m.group('verb')}:"
        else:
            subject, feminine = SUBJECTS[site % len(SUBJECTS)]  # the seed picks where the rotation starts
            site += 1
            phrase = f"{subject} {_verb(m, feminine)}:"
        if re.match(r"\s*(?:\d{1,2}\.\s*)?(?:заслушав|рассмотрев|обсудив)", prev, re.I):
            lines[j] = prev.rstrip(" .;,") + ", " + phrase
        else:
            lines[j] = prev.rstrip(" ;,") + ("" if prev.endswith(".") else ".") + " По итогам обсуждения " + phrase
        lines[i] = None  # type: ignore[call-overload]
    return "\n".join(x for x in lines if x is not None)


def marker_own_line(text: str, seed: int = 0) -> str:
    """"РЕШИЛИ: Утвердить отчёт." becomes "РЕШИЛИ:" and "Утвердить отчёт." on the next line.
    Why it preserves meaning: the label and the decision text are unchanged; only a line break is added."""
    out = []
    for line in _lines(text):
        m = _marker(line)
        if m and m.group("rest"):
            out.append(line[:m.start("rest")].rstrip())
            out.append(m.group("indent") + m.group("rest"))
        else:
            out.append(line)
    return "\n".join(out)


def marker_po_itogam(text: str, seed: int = 0) -> str:
    """Each decision marker is replaced by "По итогам рассмотрения вопроса:" (or, where the protocol
    has one marker for the whole meeting, "По итогам совещания:"). Why it preserves meaning: both
    phrases are how protocols introduce the decisions taken on a question or at the meeting."""
    lines = _lines(text)
    sites = [i for i, line in enumerate(lines) if _marker(line)]
    phrase = "По итогам совещания:" if len(sites) == 1 else "По итогам рассмотрения вопроса:"
    for i in sites:
        m = _marker(lines[i])
        rest = m.group("rest")
        lines[i] = m.group("indent") + phrase + (" " + rest if rest else "")
    return "\n".join(lines)


def marker_dropped(text: str, seed: int = 0) -> str:
    """A marker on a line of its own is deleted where numbered items (or an assignment table) follow
    it. Why it preserves meaning: numbered imperative items right after a question's discussion are
    its decisions to any reader; the issue's "no marker at all" form."""
    lines = _lines(text)
    keep = []
    for i, line in enumerate(lines):
        m = _marker(line)
        j = _next_nonblank(lines, i, 1)
        follower = lines[j] if j is not None else ""
        if m and not m.group("rest") and (re.match(r"\s*\d{1,2}[.)]", follower) or TABLE_START.match(follower)):
            continue
        keep.append(line)
    return "\n".join(keep)


def _recase(style: str):
    def apply(text: str, seed: int = 0) -> str:
        out = []
        for line in _lines(text):
            m = LABEL.match(line)
            if m:
                label = m.group("label")
                new = {"upper": label.upper(), "lower": label.lower(),
                       "title": label[:1].upper() + label[1:].lower()}[style]
                if style == "title" and re.search(r"[а-яё]", m.group("pre"), re.I):
                    new = label.lower()  # "Комиссия решила:", "По первому вопросу слушали:"
                line = line[:m.start("label")] + new + line[m.end("label"):]
            out.append(line)
        return "\n".join(out)
    return apply


def labels_upper(text: str, seed: int = 0) -> str:
    """СЛУШАЛИ/ВЫСТУПИЛИ/РЕШИЛИ/ПОСТАНОВИЛИ labels (and "Комиссия РЕШИЛА:") in upper case.
    Why it preserves meaning: protocols print these labels in any case; the words are the same."""
    return _recase("upper")(text, seed)


def labels_title(text: str, seed: int = 0) -> str:
    """Labels capitalised ("Слушали:", "Решили:"); a verb after a subject ("Комиссия решила:") in lower
    case. Why it preserves meaning: only letter case changes."""
    return _recase("title")(text, seed)


def labels_lower(text: str, seed: int = 0) -> str:
    """Labels in lower case ("слушали:", "решили:"). Why it preserves meaning: only letter case changes."""
    return _recase("lower")(text, seed)
