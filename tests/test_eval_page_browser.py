"""The evaluation report of our own corpus in a real browser (Debian's Chromium through Playwright,
as tests/test_web_browser.py): the page loads from a file with no request elsewhere and no script
error, shows the document × field grid, and a click on a grid cell with a miss shows that miss.
Skipped only when Chromium or Playwright is missing outside CI; in CI it must run."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import OWN_CORPUS, ROOT
from extractor.cli import main
from extractor.evaluation.page import GRID_FIELDS

CHROMIUM = os.environ.get("PROTOKOL_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "tests" / "artifacts"
WAIT = 30_000   # ms

pytestmark = pytest.mark.slow

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        pytest.fail(f"no Chromium at {CHROMIUM}: .ci/run installs it (apt-get install chromium)", pytrace=False)
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium); CI is not set", allow_module_level=True)
try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:
    if os.environ.get("CI"):
        raise
    pytest.skip("the playwright package is not installed (pip install -e '.[test]'); CI is not set",
                allow_module_level=True)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """`protokol evaluate corpus --report report.html`, as a user runs it."""
    path = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["evaluate", str(OWN_CORPUS), "--quiet", "--report", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def page(report):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(WAIT)
        page = context.new_page()
        problems: list[str] = []
        requests: list[str] = []
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(report.as_uri())
        try:
            yield page, problems, requests
        finally:
            page.screenshot(path=str(ARTIFACTS / "eval_report.png"), full_page=True)
            browser.close()


def test_grid_of_every_document(page):
    p, problems, requests = page
    documents = len(list(OWN_CORPUS.glob("*.gold.json")))
    expect(p.locator("#grid tbody tr")).to_have_count(documents)
    expect(p.locator("#grid tbody td.cell")).to_have_count(documents * len(GRID_FIELDS))
    # the colour is the F1: a perfect cell is green, a "—" cell grey
    perfect = p.locator("#grid td.cell", has_text="1.000").first
    assert "rgb(" in perfect.evaluate("c => getComputedStyle(c).backgroundColor")
    assert problems == [] and [u for u in requests if not u.startswith("file:")] == []


def test_a_cell_with_a_miss_shows_it(page):
    p, problems, _ = page
    misses = p.locator("#misses tr.miss")
    total = misses.count()
    assert total > 0
    expect(p.locator("#shown")).to_have_text(f"{total} of {total} misses shown")
    # the first grid cell below 1.000 (not "—"): its document and field must have a miss
    cells = p.locator("#grid td.cell")
    cell = next(cells.nth(i) for i in range(cells.count())
                if cells.nth(i).inner_text() not in ("1.000", "—"))
    doc, field = cell.get_attribute("data-doc"), cell.get_attribute("data-field")
    cell.click()
    visible = p.locator("#misses tr.miss:visible")
    assert visible.count() > 0
    for i in range(visible.count()):
        row = visible.nth(i)
        assert row.get_attribute("data-doc") == doc
        got = row.get_attribute("data-field")
        assert got == field or (field == "protocol" and got.startswith("protocol.")) or \
            (field == "decisions" and got == "decision")
    expect(p.locator("#doc-filter")).to_have_value(doc)
    expect(p.locator("#shown")).to_have_text(f"{visible.count()} of {total} misses shown")
    # gold and prediction side by side, with the source text
    row = visible.first
    assert row.locator("td.gold").inner_text() != row.locator("td.pred").inner_text()
    # the field filter alone: every miss of one field, across documents
    p.select_option("#doc-filter", "")
    p.select_option("#field-filter", "addressees")
    fields = p.locator("#misses tr.miss:visible").evaluate_all("rows => rows.map(r => r.dataset.field)")
    assert fields and set(fields) == {"addressees"}
    assert problems == []
