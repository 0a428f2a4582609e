"""Scoring a prediction against gold, exactly as ../shared/corpus/README.md ("Scoring") defines.

Both sides are documents in the corpus gold format (see `corpus_format.to_corpus`).
"""
from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field

from razdel import tokenize

from extractor.language import morph

PAIR_THRESHOLD = 0.6
ADDRESSEE_THRESHOLD = 0.6
PROTOCOL_FIELDS = ("number", "date", "place", "chair", "secretary")


@dataclass
class Counts:
    """tp/fp/fn with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def scored(self) -> bool:
        """False when there was nothing to score (no gold value, no predicted one): reports show "—"
        for such a field, not a perfect 1.000."""
        return bool(self.tp or self.fp or self.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    def add(self, other: "Accuracy") -> None:
        self.correct += other.correct
        self.total += other.total

    @property
    def scored(self) -> bool:
        return self.total > 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0


@dataclass
class Miss:
    """One disagreement: the work list for improving the rules."""

    doc: str
    decision: str | None
    field: str
    gold: object
    predicted: object
    source: str = ""


@dataclass
class DocScore:
    doc: str
    counts: dict[str, Counts] = field(default_factory=dict)
    accuracy: dict[str, Accuracy] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)    # (gold kind, predicted kind) over paired decisions


def _collapse(text: str) -> str:
    return " ".join(text.lower().split())


def lemmas(text: str) -> Counter:
    """Multiset of lower-case pymorphy3 normal forms of the word tokens of text."""
    return Counter(morph.lemma(t.text.lower()) for t in tokenize(text) if any(ch.isalnum() for ch in t.text))


def lemma_f1(a: str, b: str) -> float:
    la, lb = lemmas(a), lemmas(b)
    common = sum((la & lb).values())
    if not common:
        return 0.0
    p, r = common / sum(la.values()), common / sum(lb.values())
    return 2 * p * r / (p + r)


def pair_decisions(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing by text similarity >= 0.6, best pairs first."""
    candidates = []
    for i, g in enumerate(gold):
        gt = _collapse(g["text"])
        for j, p in enumerate(pred):
            matcher = difflib.SequenceMatcher(None, gt, _collapse(p["text"]), autojunk=False)
            if matcher.real_quick_ratio() < PAIR_THRESHOLD or matcher.quick_ratio() < PAIR_THRESHOLD:
                continue
            ratio = matcher.ratio()
            if ratio >= PAIR_THRESHOLD:
                candidates.append((ratio, i, j))
    pairs, used_g, used_p = [], set(), set()
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def set_counts(gold: list, pred: list) -> Counts:
    g, p = set(gold), set(pred)
    return Counts(len(g & p), len(p - g), len(g - p))


def deadline_match(gold: dict | None, pred: dict | None) -> bool:
    """Same kind and the same dates/time/amount/unit/freq wherever gold has them."""
    if gold is None or pred is None:
        return False
    if gold.get("kind") != pred.get("kind"):
        return False
    return all(pred.get(k) == gold[k] for k in ("date", "time", "start", "end", "amount", "unit", "freq") if k in gold)


def addressee_counts(gold: list[dict], pred: list[dict]) -> Counts:
    """Greedy matching of addressees by lemma-multiset F1 >= 0.6."""
    cands = sorted(((lemma_f1(g["text"], p["text"]), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)),
                   reverse=True)
    used_g, used_p = set(), set()
    for f, i, j in cands:
        if f < ADDRESSEE_THRESHOLD:
            break
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
    return Counts(len(used_g), len(pred) - len(used_p), len(gold) - len(used_g))


def _refs(d: dict) -> list[tuple]:
    return [(r.get("date"), r.get("number")) for r in d.get("references", [])]


def score_document(gold: dict, pred: dict) -> DocScore:
    """Every figure of the README for one document."""
    doc = gold.get("doc_id", "?")
    s = DocScore(doc)
    c = {k: Counts() for k in ("decisions", "addressees", "deadline", "emails", "urls", "references",
                               "persons", "attendees", "speakers")}
    a = {k: Accuracy() for k in ("id", "kind") + PROTOCOL_FIELDS}
    gd, pd = gold.get("decisions", []), pred.get("decisions", [])
    pairs = pair_decisions(gd, pd)
    c["decisions"] = Counts(len(pairs), len(pd) - len(pairs), len(gd) - len(pairs))
    paired_g = {i for i, _ in pairs}
    paired_p = {j for _, j in pairs}
    for i, g in enumerate(gd):
        if i not in paired_g:
            s.misses.append(Miss(doc, g["id"], "decision", g["text"], None, g["text"]))
    for j, p in enumerate(pd):
        if j not in paired_p:
            s.misses.append(Miss(doc, p["id"], "decision", None, p["text"], p["text"]))
    for i, j in pairs:
        g, p = gd[i], pd[j]
        s.kinds[(g["kind"], p["kind"])] += 1
        for key in ("id", "kind"):
            ok = g[key] == p[key]
            a[key].add(Accuracy(int(ok), 1))
            if not ok:
                s.misses.append(Miss(doc, g["id"], key, g[key], p[key], g["text"]))
        ac = addressee_counts(g.get("addressees", []), p.get("addressees", []))
        c["addressees"].add(ac)
        if ac.fp or ac.fn:
            s.misses.append(Miss(doc, g["id"], "addressees", [x["text"] for x in g.get("addressees", [])],
                                 [x["text"] for x in p.get("addressees", [])], g["text"]))
        gdl, pdl = g.get("deadline"), p.get("deadline")
        if deadline_match(gdl, pdl):
            c["deadline"].tp += 1
        else:
            c["deadline"].fp += pdl is not None
            c["deadline"].fn += gdl is not None
            if gdl is not None or pdl is not None:
                s.misses.append(Miss(doc, g["id"], "deadline", gdl, pdl, g["text"]))
        for key, getter in (("emails", lambda d: d.get("emails", [])), ("urls", lambda d: d.get("urls", [])),
                            ("references", _refs)):
            sc = set_counts(getter(g), getter(p))
            c[key].add(sc)
            if sc.fp or sc.fn:
                s.misses.append(Miss(doc, g["id"], key, sorted(map(str, set(getter(g)))),
                                     sorted(map(str, set(getter(p)))), g["text"]))
    gp, pp = gold.get("protocol", {}), pred.get("protocol", {})
    for key in PROTOCOL_FIELDS:
        ok = gp.get(key) == pp.get(key)
        a[key].add(Accuracy(int(ok), 1))
        if not ok:
            s.misses.append(Miss(doc, None, f"protocol.{key}", gp.get(key), pp.get(key)))
    for key in ("persons", "attendees"):
        sc = set_counts(gold.get(key, []), pred.get(key, []))
        c[key] = sc
        if sc.fp or sc.fn:
            s.misses.append(Miss(doc, None, key, sorted(set(gold.get(key, [])) - set(pred.get(key, []))),
                                 sorted(set(pred.get(key, [])) - set(gold.get(key, [])))))
    def speakers(d: dict) -> list[tuple]:
        return [(item.get("id"), name) for item in d.get("agenda", []) for name in item.get("speakers", [])]
    c["speakers"] = set_counts(speakers(gold), speakers(pred))
    if c["speakers"].fp or c["speakers"].fn:
        s.misses.append(Miss(doc, None, "speakers", sorted(map(str, set(speakers(gold)) - set(speakers(pred)))),
                             sorted(map(str, set(speakers(pred)) - set(speakers(gold))))))
    s.counts, s.accuracy = c, a
    return s


def total(scores: list[DocScore]) -> DocScore:
    """Micro totals over documents."""
    t = DocScore("TOTAL")
    for s in scores:
        for k, v in s.counts.items():
            t.counts.setdefault(k, Counts()).add(v)
        for k, v in s.accuracy.items():
            t.accuracy.setdefault(k, Accuracy()).add(v)
        t.misses.extend(s.misses)
        t.kinds.update(s.kinds)
    return t
