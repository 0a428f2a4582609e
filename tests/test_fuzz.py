"""What the fuzz campaign (tests/bench/fuzz_pipeline.py) found, one row per failure, and its CI smoke
version: 300 mutants with a fixed seed, none may end in an internal error (E099) or a hang.

The rows are small documents written by hand that fail the same way the saved mutant did (the
mutants themselves are made of corpus text, which stays out of the repository)."""
from __future__ import annotations

from collections import Counter

import pytest

from _docmake import pdf
from _fuzz import mutants, seeds
from _fuzz_run import Runner

# [document, what it must give: a ProtokolError code, or the texts of its decisions]
REGRESSIONS = [
    pytest.param(
        # a letter sub-item after a repeated question number, then the next "Слушали": the letter was
        # read as the next question's number (ValueError: invalid literal for int() ... 'г')
        "Слушали: 2. Отчёт о ремонте дорог.\nПостановили: 2.—\nг) Поручить Петрову А.А. подготовить смету.\n"
        "Слушали: 3. О благоустройстве.\n".encode(),
        ["Поручить Петрову А.А. подготовить смету."], id="letter-item-after-repeated-question-number"),
    pytest.param(
        "Слушали: 2. Отчёт о ремонте дорог.\nПостановили: 2.—\nа) Поручить Петрову А.А. подготовить смету.\n"
        "Слушали: 3. О благоустройстве.\nПостановили: 3. Принять к сведению.\n".encode(),
        ["Поручить Петрову А.А. подготовить смету.", "Принять к сведению."], id="letter-item-then-next-question"),
    pytest.param(
        # the page tree has no /Count and its page's content stream has a broken dictionary: counting
        # the pages raised pdfminer's PSSyntaxError past the reader
        pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] >>",
             b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
             b"<< /\xdb /Length 9 0 R /Filter /FlateDecode >>\nstream\nxx\nendstream"]),
        "E011", id="pdf-page-tree-without-count-and-a-broken-dictionary"),
]


@pytest.mark.parametrize("data, expected", REGRESSIONS)
def test_fuzz_finding(pipeline, data: bytes, expected):
    result = next(pipeline.batch([("found.bin", data)]))
    if isinstance(expected, str):
        assert result.error is not None and result.error.code == expected, result.error
    else:
        assert result.error is None, result.error
        assert [d.text for d in result.protocol.decisions] == expected


@pytest.mark.slow
def test_fuzz_smoke():
    """300 mutants of every format (seed 15): no E099, no hang past 30 s, every format exercised."""
    pool = seeds()
    runner = Runner(seconds=30)
    outcomes: Counter = Counter()
    failures = []
    try:
        for mutant in mutants(15, 300, pool):
            outcome = runner.run(mutant.name, mutant.data)
            outcomes[mutant.format] += 1
            if outcome.status in ("E099", "hang", "crash"):
                failures.append(f"{mutant.name}: {outcome.status} {outcome.message[:200]}")
    finally:
        runner.close()
    assert not failures, "\n".join(failures)
    assert outcomes == {"txt": 100, "docx": 100, "pdf": 100}
