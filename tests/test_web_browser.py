"""The web page in a real browser: headless Chromium (Debian's `chromium`, installed by .ci/run)
driven by Playwright against a real `protokol serve` with an API key.

- the sample protocol is uploaded, the key is asked for once, the table shows a known assignment and
  its deadline, a click on a cell outlines its evidence in the text, and the XLSX downloaded opens in
  openpyxl (the key is not asked again);
- a damaged PDF and a damaged DOCX give the clerk's message, not a code;
- `<script>` and markup in a document are shown as text and never run.

Screenshots go to tests/artifacts/ (gitignored); with PROTOKOL_UPDATE_SCREENSHOT=1 the one of the
sample also replaces the README's docs/screenshot.png
(the README's). Skipped only when Chromium or Playwright is missing outside CI; in CI they must run.
Bounded: the server gets 90 s to load, every browser wait at most 30 s.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import OWN_CORPUS, ROOT, load_gold
from _api import running_server

CHROMIUM = os.environ.get("PROTOKOL_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOT = ROOT / "docs" / "screenshot.png"
KEY = "web-test-key"
SAMPLE = OWN_CORPUS / "sample.txt"
GOLD = load_gold(OWN_CORPUS / "org_molkombinat_planerka_2025_05.txt")   # sample.txt is a copy of it
WAIT = 30_000   # ms

pytestmark = pytest.mark.slow


if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):   # a collection error: in CI the browser tests must run
        pytest.fail(f"no Chromium at {CHROMIUM}: .ci/run installs it (apt-get install chromium)", pytrace=False)
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium); CI is not set", allow_module_level=True)
try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:   # the test extra installs it
    if os.environ.get("CI"):
        raise
    pytest.skip("the playwright package is not installed (pip install -e '.[test]'); CI is not set",
                allow_module_level=True)


@pytest.fixture(scope="module")
def server():
    """A real `protokol serve` (one worker, an API key) on a free port of 127.0.0.1."""
    with running_server(workers=1, key=KEY) as (base, _):
        yield base


@pytest.fixture(scope="module")
def browser():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


class Page:
    """A fresh browser context and page, with every console error, page error and dialog recorded."""

    def __init__(self, browser, base: str, key: str | None = None, **context) -> None:
        self.context = browser.new_context(accept_downloads=True, locale="ru-RU", **context)
        self.context.set_default_timeout(WAIT)
        if key:   # as if the key had been entered earlier in this tab
            self.context.add_init_script(f"sessionStorage.setItem('protokol.apiKey', {json.dumps(key)})")
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and not _expected(m.text) and self.problems.append(m.text))
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.requests: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(base + "/")

    def close(self) -> None:
        self.context.close()

    def offsite(self, base: str) -> list[str]:
        """Requests to anything but our server (a CDN, a font service...)."""
        return [u for u in self.requests if not u.startswith(base) and not u.startswith(("blob:", "data:"))]


def _expected(message: str) -> bool:
    """Chromium logs every non-2xx answer; the 401 before the key and the 4xx of a bad file are ours."""
    return message.startswith("Failed to load resource") and any(f"status of {s}" in message for s in (401, 413, 415, 422))


def shot(page, name: str) -> Path:
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=False)
    return path


def test_upload_table_evidence_and_xlsx(browser, server):
    import openpyxl

    gold = next(d for d in GOLD["decisions"] if d["id"] == "3")
    p = Page(browser, server, viewport={"width": 1440, "height": 900})
    page = p.page
    try:
        expect(page.locator("h1")).to_have_text("Поручения из протокола")
        page.set_input_files("#file", str(SAMPLE))
        expect(page.locator("#file-name")).to_contain_text("sample.txt")
        page.click("#submit")
        # the server has a key: the page asks for it once
        expect(page.locator("#key-form")).to_be_visible()
        page.fill("#api-key", KEY)
        page.press("#api-key", "Enter")
        expect(page.locator("#key-form")).to_be_hidden()
        row = page.locator('#decisions tr[data-decision="3"]')
        expect(row).to_be_visible()
        expect(page.locator("#decisions tbody tr")).to_have_count(len(GOLD["decisions"]))
        expect(page.locator("#protocol-title")).to_have_text(f"Протокол № {GOLD['protocol']['number']}")
        expect(page.locator("#header")).to_contain_text(GOLD["protocol"]["chair"])
        # the known assignment: what, who, and the deadline in words and ISO
        expect(row).to_contain_text(gold["text"])
        for addressee in gold["addressees"]:
            expect(row).to_contain_text(addressee["norm"])
        expect(row).to_contain_text(gold["deadline"]["text"])
        expect(row.locator(f'time[datetime^="{gold["deadline"]["date"]}"]')).to_have_count(1)
        expect(row).to_contain_text("поручение")
        # control of execution against the browser's today: the deadline is long past
        late = (dt.date.today() - dt.date.fromisoformat(gold["deadline"]["date"])).days
        expect(row.locator(".due-overdue")).to_have_text(f"просрочено на {late} дн.")

        # the deadline cell -> its evidence, outlined, flashing and scrolled into view
        row.locator("button.ev-deadline").click()
        current = page.locator("#doc-text mark.current")
        expect(current).to_have_count(1)
        expect(current).to_have_text(gold["deadline"]["text"])
        expect(current).to_be_visible()
        expect(current).to_be_in_viewport()
        assert "ent-deadline" in current.get_attribute("class")
        expect(page.locator("#evidence-status")).to_contain_text(gold["deadline"]["text"])

        # by keyboard: focus the first addressee of the row and press Enter
        first = row.locator("td[data-label='Кому'] button.ev").first
        first.focus()
        page.keyboard.press("Enter")
        expect(current).to_have_text(gold["addressees"][0]["text"])
        assert "ent-addressee" in current.get_attribute("class")
        expect(current).to_be_in_viewport()

        # every kind of highlight in the legend, and marks in the text for each
        for kind in ("addressee", "deadline", "person", "reference"):
            assert page.locator(f"#doc-text mark.ent-{kind}").count() > 0, kind
            expect(page.locator(f'#legend [data-type="{kind}"]')).to_be_visible()

        # the picture for the README: the top of the result, the deadline of decision 3 outlined
        page.set_viewport_size({"width": 1440, "height": 1000})
        page.evaluate("window.scrollTo(0, document.getElementById('result').getBoundingClientRect().top"
                      " + window.scrollY - 8)")
        row.locator("button.ev-deadline").evaluate("b => b.click()")   # a click that scrolls nothing itself
        expect(current).to_be_in_viewport()
        expect(page.locator("#protocol-title")).to_be_in_viewport()   # the text pane scrolled, not the page
        page.wait_for_timeout(700)   # mid-flash
        result_shot = shot(page, "web_result.png")
        if os.environ.get("PROTOKOL_UPDATE_SCREENSHOT"):   # the README's picture is refreshed on request
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(result_shot, SCREENSHOT)
        page.screenshot(path=str(ARTIFACTS / "web_result_full.png"), full_page=True)

        # the register as XLSX, from the bulk writers; the key is not asked again
        with page.expect_download() as info:
            page.click('[data-download="xlsx"]')
        download = info.value
        assert download.suggested_filename == "sample_assignments.xlsx"
        xlsx = ARTIFACTS / download.suggested_filename
        download.save_as(str(xlsx))
        expect(page.locator("#key-form")).to_be_hidden()
        sheet = openpyxl.load_workbook(xlsx).active
        rows = [[str(c) if c is not None else "" for c in r] for r in sheet.iter_rows(values_only=True)]
        mine = [r for r in rows[1:] if any(gold["addressees"][0]["norm"] in c for c in r)
                and any(gold["deadline"]["date"] in c for c in r)]
        assert mine, rows[:5]

        # the JSON, built in the page: the API's Protocol without the text
        with page.expect_download() as info:
            page.click('[data-download="json"]')
        data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
        assert "source_text" not in data
        assert next(d for d in data["decisions"] if d["id"] == "3")["deadline"]["date"] == gold["deadline"]["date"]

        # a phone's width: no sideways scrolling, the decision still readable
        page.set_viewport_size({"width": 390, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        row.scroll_into_view_if_needed()
        expect(row).to_be_visible()
        shot(page, "web_phone.png")
        assert p.problems == [] and p.dialogs == []
        assert p.offsite(server) == []
    finally:
        p.close()


@pytest.mark.parametrize("name, data, code, words", [
    ("broken.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF-not-really", "E011", "Файл повреждён"),
    ("broken.docx", b"PK\x03\x04" + b"\x00" * 64, "E016", "Файл повреждён"),
], ids=["pdf", "docx"])
def test_corrupt_file_gets_words_not_a_code(browser, server, name, data, code, words):
    p = Page(browser, server, key=KEY, viewport={"width": 1280, "height": 800})
    page = p.page
    try:
        page.set_input_files("#file", files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}])
        page.click("#submit")
        error = page.locator("#error")
        expect(error).to_be_visible()
        expect(error).to_have_attribute("data-code", code)
        expect(page.locator("#error-text")).to_contain_text(words)
        assert code not in page.locator("#error-text").inner_text()   # the code only in the details
        expect(page.locator("#result")).to_be_hidden()
        expect(page.locator("#progress")).to_be_hidden()
        shot(page, f"web_error_{code}.png")
        assert p.problems == []
    finally:
        p.close()


PAYLOAD = ("ПРОТОКОЛ № 5\nзаседания рабочей группы\n\nг. Тверь                    12.08.2025\n\n"
           "РЕШИЛИ:\n"
           "1. Иванову И.И. <script>window.__pwned = 1; alert('xss')</script> представить отчёт "
           "<img src=x onerror=\"window.__pwned = 2\"> до 20.08.2025 на адрес it@example.ru.\n"
           "2. Петровой А.С. разместить сведения на сайте https://example.ru/<b>x</b> в течение 5 дней.\n")


@pytest.mark.parametrize("how", ["file", "paste"])
def test_script_in_a_document_is_text(browser, server, how):
    p = Page(browser, server, key=KEY, viewport={"width": 1280, "height": 900})
    page = p.page
    try:
        if how == "file":
            page.set_input_files("#file", files=[{"name": "xss.txt", "mimeType": "text/plain",
                                                  "buffer": PAYLOAD.encode("utf-8")}])
        else:
            page.click("#paste summary")
            page.fill("#text", PAYLOAD)
        page.click("#submit")
        expect(page.locator("#decisions tbody tr").first).to_be_visible()
        text = page.locator("#doc-text")
        expect(text).to_contain_text("<script>window.__pwned = 1; alert('xss')</script>")
        expect(text).to_contain_text('<img src=x onerror="window.__pwned = 2">')
        page.wait_for_timeout(300)
        assert page.evaluate("window.__pwned") is None
        assert p.dialogs == []
        # no element came from the document: one script (ours), no img anywhere, no <b> in the text
        assert page.evaluate("document.scripts.length") == 1
        assert page.locator("img").count() == 0 and page.locator("#doc-text b, #decisions b").count() == 0
        expect(page.locator("#decisions")).to_contain_text("<script>")
        shot(page, f"web_script_{how}.png")
        assert p.problems == []
    finally:
        p.close()
