"""pydantic models of protokol's output (`Protocol`) and its JSON Schema."""
from .protocol import (
    ASSIGNMENT_KINDS, SCHEMA_VERSION, Addressee, AgendaItem, Attendee, Deadline, Decision, Grounded, Header,
    Person, PersonRef, Protocol, Reference, Source, Value, Vote, Warning_,
)

__all__ = [
    "ASSIGNMENT_KINDS", "SCHEMA_VERSION", "Addressee", "AgendaItem", "Attendee", "Deadline", "Decision", "Grounded",
    "Header", "Person", "PersonRef", "Protocol", "Reference", "Source", "Value", "Vote", "Warning_",
    "json_schema",
]


def json_schema() -> dict:
    """The JSON Schema of the `Protocol` document."""
    return Protocol.model_json_schema()
