"""A person-name helper that raises is not hidden: it is logged, counted (nominative.HELPER_FAILURES)
and told in the protocol's warnings, and the mention is still normalized by the fallback rules."""
from __future__ import annotations

import logging

import pytest

from extractor.language import nominative

# [what the helper raises, the mention, its norm by the fallback rules]
FAILURES = [
    pytest.param(KeyError(8), "Петрову А.А.", "Петров А.А.", id="key-error"),
    pytest.param(ValueError("invalid literal"), "Соколовой Н.В.", "Соколова Н.В.", id="value-error"),
]


@pytest.mark.parametrize("exc, mention, norm", FAILURES)
def test_failing_helper_is_logged_and_counted(caplog, exc: Exception, mention: str, norm: str):
    def broken(text: str) -> str | None:
        raise exc

    before = nominative.HELPER_FAILURES[type(exc).__name__]
    with caplog.at_level(logging.WARNING, logger="protokol.extractor"):
        assert nominative.norm_person(mention, broken, ("datv", "gent")) == norm
    assert nominative.HELPER_FAILURES[type(exc).__name__] == before + 1
    assert type(exc).__name__ in caplog.text and mention in caplog.text


def test_failure_is_a_protocol_warning(pipeline, monkeypatch):
    def broken(self, text: str) -> str | None:
        raise KeyError(8)

    # the document-aware helper the linker hands to the addressee rules
    monkeypatch.setattr("extractor.linking.people.People.norm", broken)
    protocol = pipeline("ПРОТОКОЛ № 1\nРЕШИЛИ:\n1. Поручить Петрову А.А. подготовить отчёт.\n")
    assert [w.code for w in protocol.warnings if w.code == "W_NAME_HELPER"] == ["W_NAME_HELPER"]
    assert protocol.decisions[0].addressees[0].norm == "Петров А.А."
