"""Decision items: where each sits in the tree, which ones are really decisions, and their ids."""
from __future__ import annotations

import re

from extractor.structure.tree import Item, Question, Structure


def list_style(marker: str) -> str:
    """List style of an item marker: "dot" (2.1.), "num)" (1)), "let)" (а))."""
    if ")" not in marker:
        return "dot"
    return "let)" if re.match(r"\s*[а-яё]", marker) else "num)"


def attach(items: list[Item], path: list[str], start: int, end: int, q: Question | None, style: str,
            last_style: list[str]) -> Item:
    """Place a new item in the tree.

    Dotted paths (2.1.) say their parent themselves. A "1)" or "а)" item is the sibling of the
    nearest earlier item of the same style, else the child of the item just before it.
    """
    parent = None
    if len(path) > 1:
        parent = next((i for i in reversed(items) if i.path == path[:-1] and i.question is q), None)
    elif items and style not in ("dot", "none") and items[-1].question is q and last_style[0]:
        node: Item | None = items[-1]
        while node is not None and node.style != style:
            node = node.parent
        parent = node.parent if node is not None else items[-1]
        if parent is not None:
            path = parent.path + path
    item = Item(path, start, end, q, parent, style=style)
    if parent is not None:
        parent.children.append(item)
    items.append(item)
    last_style[0] = style
    return item


def absorb_lists(text: str, st: Structure) -> None:
    """Sub-items of an item that acts itself ("Утвердить повестку: 1) ...") are its text, not decisions.

    A header that only names addressees ("2. Инициаторам ...:", "Рекомендовать Отделу ...:") keeps
    its sub-items as decisions.
    """
    from extractor.language.lexicon import assignment_verbs, is_infinitive

    verbs = assignment_verbs()
    for item in list(st.items):
        if not item.children or item not in st.items:
            continue
        words = re.findall(r"[А-Яа-яЁё]+", text[item.start:item.end])
        if not any(is_infinitive(w) and w.lower() not in verbs for w in words):
            continue
        stack, last = list(item.children), item.end
        while stack:
            child = stack.pop()
            last = max(last, child.end)
            stack.extend(child.children)
            if child in st.items:
                st.items.remove(child)
        item.children, item.end = [], last


def directives(text: str, st: Structure) -> None:
    """When no decision block was found at all, the paragraphs that read as orders (an infinitive
    predicate: "Поручить …", "Создать …", "Отделу кадров обеспечить …") outside the header and the
    attendee list are the decisions (government "поручения", short extracts), with a warning."""
    from extractor.structure.directive import is_directive

    skip = {s for s, _ in st.header} | {s for s, _ in st.attendees}
    item: Item | None = None
    for ln in st.lines:
        if ln.kind in ("text", "item") and ln.start not in skip and is_directive(text[ln.start:ln.end]):
            start = ln.content_start if ln.kind == "item" else ln.start
            item = Item([], start, ln.end, None, style="none")
            st.items.append(item)
        elif item is not None and ln.kind == "deadline" and item.deadline is None:
            item.deadline, item.end = (ln.content_start, ln.end), ln.end
        elif item is not None and ln.kind == "responsible":
            item.responsible.append((ln.content_start, ln.end))
            item.end = ln.end
        else:
            item = None
    if len(st.items) > 1:
        for n, it in enumerate(st.items, 1):
            it.path = [str(n)]
    if st.items:
        st.warnings.append(("W_DECISIONS_GUESSED", f"no decision label was found; {len(st.items)} paragraphs "
                            "that read as orders are taken as the decisions"))
        st.trace.append(f"directives: {len(st.items)} orders taken without a decision block")


def decision_id(item: Item, roman: bool, alone: bool = False) -> str:
    """The id as the annotators write it: question numeral + item path ("III.2.1"); the printed
    path when it already starts with an arabic question number ("1.2"); the question alone for its
    single decision, unnumbered or numbered with the question's own number ("4. Утвердить ...")."""
    q = item.question
    if q is None or q.id is None:
        return ".".join(item.path) or "1"
    if not item.path or (alone and item.path == [q.id]):
        return q.id
    if not roman and len(item.path) > 1 and item.path[0] == q.id:
        return ".".join(item.path)
    return ".".join([q.id] + item.path)


def number_items(st: Structure) -> None:
    """Give every item its id. Several unnumbered decisions of one question (bullets or paragraphs)
    are numbered 1, 2, 3 … in order, as the annotators do."""
    per_question: dict[int, list[Item]] = {}
    for item in st.items:
        per_question.setdefault(id(item.question), []).append(item)
    for group in per_question.values():
        if len(group) > 1 and all(not it.path for it in group if it.parent is None):
            for n, it in enumerate((it for it in group if it.parent is None), 1):
                it.path = [str(n)]
    for item in st.items:
        item.id = decision_id(item, st.roman, len(per_question[id(item.question)]) == 1)
