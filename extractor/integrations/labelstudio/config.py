"""The Label Studio labelling config for protokol's tasks (paste it into the project's
Settings > Labeling Interface > Code).

Tags, all documented Label Studio tags: `Text` shows the document (`$text`, spaces kept so offsets
are those of the file); `Labels` marks spans; `Relations` links a decision to its addressees,
deadline, e-mails, URLs and cited documents, and an agenda question to its speakers; per-region
`Choices` hold a decision's kind, an addressee's role and a deadline's kind, per-region `TextArea`s
the normalized value and a decision's or question's number, shown when a region of that label is
selected.
"""
from __future__ import annotations

from xml.sax.saxutils import quoteattr

# the span labels and their colours
LABELS = {
    "Decision": "#f4c542", "Addressee": "#4a90d9", "Deadline": "#d0021b", "Email": "#7b61ff",
    "URL": "#50a050", "Reference": "#8b572a", "Person": "#9b9b9b", "Attendee": "#417505",
    "Agenda": "#f5a623", "Speaker": "#bd10e0", "Number": "#4a4a4a", "Date": "#4a4a4a",
    "Place": "#4a4a4a", "Chair": "#4a4a4a", "Secretary": "#4a4a4a",
}
HEADER_LABELS = {"Number": "number", "Date": "date", "Place": "place", "Chair": "chair", "Secretary": "secretary"}
CHILD_RELATIONS = {"Addressee": "addressee", "Deadline": "deadline", "Email": "email", "URL": "url",
                   "Reference": "reference"}
RELATIONS = tuple(CHILD_RELATIONS.values()) + ("speaker",)
KINDS = ("assignment", "recommendation", "note", "resolution")
ROLES = ("lead", "co", "responsible")
DEADLINE_KINDS = ("date", "datetime", "range", "relative", "recurring", "ongoing", "as_established", "event")

# control names (from_name) and the object's name (to_name) used in tasks and read back by `gold`
LABEL, TEXT, KIND, ROLE, DEADLINE_KIND, NORM, ITEM_ID = \
    "label", "text", "kind", "role", "deadline_kind", "norm", "item_id"


def _choices(name: str, label: str, values: tuple[str, ...], hint: str) -> str:
    """Per-region choices shown in a View visible only while a region of `label` is selected."""
    options = "".join(f'<Choice value="{v}"/>' for v in values)
    return (f'  <View visibleWhen="region-selected" whenLabelValue="{label}">\n'
            f'    <Header value={quoteattr(hint)}/>\n'
            f'    <Choices name="{name}" toName="{TEXT}" perRegion="true" choice="single">{options}</Choices>\n'
            "  </View>\n")


def _textarea(name: str, hint: str) -> str:
    return (f'  <TextArea name="{name}" toName="{TEXT}" perRegion="true" editable="true" maxSubmissions="1" '
            f'rows="1" placeholder={quoteattr(hint)} visibleWhen="region-selected"/>\n')


def label_config() -> str:
    """The labelling config XML."""
    labels = "".join(f'    <Label value="{v}" background="{c}"/>\n' for v, c in LABELS.items())
    relations = "".join(f'    <Relation value="{r}"/>\n' for r in RELATIONS)
    return (
        "<View>\n"
        "  <Style>.htx-text { white-space: pre-wrap; }</Style>\n"
        f'  <Labels name="{LABEL}" toName="{TEXT}">\n{labels}  </Labels>\n'
        f'  <Relations>\n{relations}  </Relations>\n'
        + _choices(KIND, "Decision", KINDS, "Decision kind")
        + _choices(ROLE, "Addressee", ROLES, "Addressee role")
        + _choices(DEADLINE_KIND, "Deadline", DEADLINE_KINDS, "Deadline kind")
        + _textarea(ITEM_ID, "decision or question: its number as printed (II.2, 3.2.1)")
        + _textarea(NORM, "normalized: the nominative, 2023-11-24, № 14/25-ТО от 2025-01-10")
        + f'  <Text name="{TEXT}" value="$text"/>\n'
        "</View>\n"
    )
