"""The built site in a real browser: headless Chromium, driven by Playwright for Python.

Every page of the book is opened the way a reader opens it, served over HTTP from 127.0.0.1:
no console error, no failed request and none that leaves the site; every formula typeset by
MathJax, none with an error and no raw TeX left in the text; every image loaded, with alt text,
and every figure captioned; at a phone's width the prose does not overflow. Then the solution
dropdowns, the search page and the notebook download are used.

The browser is the distribution's (``apt-get install chromium``; ``DLNOTES_BROWSER`` names
another executable). Without one these tests are skipped with that advice, unless
``DLNOTES_REQUIRE_BROWSER=1`` (set by ``.ci/run``), when a missing browser is a failure.
A screenshot of one page per part is saved under ``_build/screenshots``.
"""
import functools
import http.server
import json
import os
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urljoin

import nbformat
import pytest

from test_site import HTML, ROOT, site  # noqa: F401  (the fixture that builds the site if stale)

BROWSER = os.environ.get("DLNOTES_BROWSER") or shutil.which("chromium") or shutil.which(
    "chromium-browser")
REQUIRED = os.environ.get("DLNOTES_REQUIRE_BROWSER", "").lower() in {"1", "true", "yes", "on"}
HOW = ("no Chromium found: install the distribution's package (`sudo apt-get install chromium` "
       "on Debian or Ubuntu) or set DLNOTES_BROWSER to a Chromium executable")
if not BROWSER:
    if REQUIRED:
        raise RuntimeError(f"DLNOTES_REQUIRE_BROWSER is set but {HOW}")
    pytest.skip(HOW, allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (the test extra)")

# Chromium without the background services that this machine's closed network refuses.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage",
        # No host but this one resolves: a page that asks for another site fails at once, and
        # the request is reported (test_every_request_stays_inside_the_site).
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = ROOT / "_build" / "screenshots"


def _pages():
    """Every page of the book, as a path relative to the site root."""
    toc = ROOT / "_toc.yml"
    docs = re.findall(r"(?:root|file):\s*(\S+)", toc.read_text(encoding="utf-8"))
    return [f"{d}.html" for d in docs]


PAGES = _pages()


@pytest.fixture(scope="module")
def server(site):  # noqa: F811
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=BROWSER, headless=True, args=ARGS)
        yield chromium
        chromium.close()


class Reader:
    """One browser tab that opens page after page, as a reader following links does, and keeps
    what the last page requested, failed to load and logged as an error.

    A tab that navigates is about three times faster than a new tab per page (0.7 s against
    1.9 s a page here), and the HTTP cache stays on, which routing every request through
    Playwright would turn off. The browser resolves no host name (ARGS), so a request for
    another site fails at once without leaving the machine, and is reported; only an address
    written as digits would be tried, and it is reported all the same."""

    def __init__(self, browser, server, viewport=None):
        self.server = server
        self.context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self._forget()
        self.page.on("request", self._request)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", self._request_failed)
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(
            f"{r.url} (HTTP {r.status})"))

    def _forget(self):
        self.outside, self.failed, self.errors = [], [], []

    def _inside(self, url):
        return url.startswith(self.server) or url.startswith("data:")

    def _request(self, request):
        if not self._inside(request.url):
            self.outside.append(request.url)

    def _request_failed(self, request):
        if self._inside(request.url):   # a request outside is reported once, as outside
            self.failed.append(f"{request.url} ({request.failure})")

    def open(self, path):
        """Go to ``path`` and wait until MathJax has typeset it; returns the page."""
        self._forget()
        self.page.goto(self.server + path, wait_until="load")
        self.page.wait_for_function("() => !window.MathJax || (MathJax.startup && MathJax.startup.promise)")
        self.page.evaluate("() => window.MathJax ? MathJax.startup.promise.then(() => true) : true")
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def visits(browser, server):
    """Open every page once; the tests below read what each visit saw."""
    seen = {}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot_parts = set()
    reader = Reader(browser, server)
    for path in PAGES:
        page = reader.open(path)
        seen[path] = {
            "maths": page.evaluate(_MATHS), "images": page.evaluate(_IMAGES),
            "figures": page.evaluate(_FIGURES), "raw_tex": page.evaluate(_RAW_TEX),
        }
        part = path.split("/")[1] if path.count("/") > 1 else "front"
        if part not in shot_parts:
            shot_parts.add(part)
            page.screenshot(path=str(SCREENSHOTS / f"{Path(path).stem}.png"), full_page=False)
        # Read last: an error logged while the page was being read belongs to it too.
        seen[path].update(outside=reader.outside, failed=reader.failed, errors=reader.errors)
    reader.close()
    return seen


_MATHS = """() => ({
  typeset: document.querySelectorAll('mjx-container').length,
  errors: [...document.querySelectorAll('mjx-merror, [data-mjx-error]')].map(e => e.textContent.slice(0, 80)),
})"""
_IMAGES = """() => [...document.querySelectorAll('article img, main img')].map(i => ({
  src: i.getAttribute('src'), loaded: i.complete && i.naturalWidth > 0, alt: (i.getAttribute('alt') || '').trim()}))"""
_FIGURES = """() => [...document.querySelectorAll('figure')].filter(f => f.querySelector('img')).map(f => ({
  id: f.id, caption: !!(f.querySelector('figcaption') && f.querySelector('figcaption').textContent.trim())}))"""
# The text a reader sees, without code, typeset maths, scripts and hidden elements.
_RAW_TEX = r"""() => {
  const main = document.querySelector('main') || document.body;
  const copy = main.cloneNode(true);
  copy.querySelectorAll('pre, code, mjx-container, script, style, .MathJax, mjx-assistive-mml, [hidden], .toggle-hidden, details:not([open]) > :not(summary)').forEach(e => e.remove());
  const text = copy.innerText || copy.textContent;
  const found = [];
  for (const re of [/\$[^$\s][^$]{0,60}/g, /\\\(/g, /\\\[/g, /\\(frac|sum|sigma|mathbb|hat|partial|begin|left|right)\b/g]) {
    for (const m of text.matchAll(re)) found.push(text.slice(Math.max(0, m.index - 30), m.index + 40));
  }
  return found;
}"""


def _report(visits, key):
    return {p: v[key] for p, v in visits.items() if v[key]}


def test_every_page_of_the_book_is_visited(visits):
    assert len(visits) == len(PAGES) and len(PAGES) > 15


def test_no_console_error(visits):
    assert _report(visits, "errors") == {}


def test_no_failed_request(visits):
    assert _report(visits, "failed") == {}


def test_every_request_stays_inside_the_site(visits):
    assert _report(visits, "outside") == {}


def test_maths_is_typeset_without_errors(visits):
    errors = {p: v["maths"]["errors"] for p, v in visits.items() if v["maths"]["errors"]}
    assert errors == {}
    typeset = sum(v["maths"]["typeset"] for v in visits.values())
    assert typeset > 500, f"only {typeset} formulas typeset in the whole book: is MathJax running?"


def test_no_raw_tex_left_in_the_text(visits):
    assert _report(visits, "raw_tex") == {}


def test_every_image_loads_and_has_alt_text(visits):
    bad = {p: [i["src"] for i in v["images"] if not i["loaded"] or not i["alt"]]
           for p, v in visits.items()}
    assert {p: b for p, b in bad.items() if b} == {}
    assert sum(len(v["images"]) for v in visits.values()) > 50


def test_every_figure_has_a_caption(visits):
    bad = {p: [f["id"] for f in v["figures"] if not f["caption"]] for p, v in visits.items()}
    assert {p: b for p, b in bad.items() if b} == {}


def test_prose_does_not_overflow_at_phone_width(browser, server):
    overflowing = {}
    reader = Reader(browser, server, viewport=PHONE)   # each page laid out at this width from the start
    for path in PAGES:
        page = reader.open(path)
        wide = page.evaluate(_OVERFLOW, PHONE["width"])
        if wide:
            overflowing[path] = wide[:5]
        if path.endswith("01_welcome.html"):
            page.screenshot(path=str(SCREENSHOTS / "phone-01_welcome.png"))
    reader.close()
    assert overflowing == {}


# Elements of prose whose right edge passes the viewport, unless they sit in something that
# scrolls on its own (code blocks, tables and display maths may scroll; prose may not).
_OVERFLOW = """(width) => {
  const scrolls = e => { for (let a = e; a; a = a.parentElement) {
      const s = getComputedStyle(a).overflowX; if (s === 'auto' || s === 'scroll') return true; }
    return false; };
  const bad = [];
  document.querySelectorAll('main p, main li, main h1, main h2, main h3, main dd, main dt, main figcaption, main img, main mjx-container, main table').forEach(e => {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > width + 1 && !scrolls(e)) bad.push(e.tagName + ': ' + (e.textContent || e.getAttribute('src') || '').trim().slice(0, 60) + ' (' + Math.round(r.right) + 'px)');
  });
  if (document.documentElement.scrollWidth > width + 1) bad.push('page scrolls sideways: ' + document.documentElement.scrollWidth + 'px');
  return bad;
}"""


def test_solution_dropdowns_open_on_click(browser, server):
    chapters = [p for p in PAGES if re.search(r"/\d\d_", p)]
    opened = 0
    reader = Reader(browser, server)
    for path in chapters:
        solutions = reader.open(path).locator("div.solution.dropdown")
        n = solutions.count()
        for i in range(n):
            sol = solutions.nth(i)
            code = sol.locator("pre")
            assert not code.first.is_visible(), f"{path}: solution {i + 1} is open before a click"
            # The title holds a link to the exercise; the theme's toggle button opens the box.
            sol.locator("button.toggle-button").click()
            code.first.wait_for(state="visible", timeout=5000)
            assert code.first.inner_text().strip(), f"{path}: solution {i + 1} shows no code"
            opened += 1
    reader.close()
    assert opened >= 30, f"only {opened} solutions opened"


def test_search_finds_sigmoid_and_links_the_chapter_that_defines_it(browser, server):
    glossary = (ROOT / "book" / "glossary.md").read_text(encoding="utf-8")
    entry = re.search(r"^sigmoid\n((?:  .*\n)+)", glossary, re.M).group(1)
    defining = re.search(r"Defined in \{doc\}`([^`]+)`", entry).group(1)
    reader = Reader(browser, server)
    links = reader.open("search.html?q=sigmoid").locator("#search-results a")
    links.first.wait_for(timeout=15000)
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    reader.close()
    assert any(defining.split("/")[-1] + ".html" in h for h in hrefs), (defining, hrefs)


def test_notebook_download_is_a_valid_notebook_with_the_chapters_cells(browser, server):
    path = next(p for p in PAGES if "05_" in p)
    reader = Reader(browser, server)
    page = reader.open(path)
    href = page.locator("a[href*='_sources/'][href$='.ipynb']").first.get_attribute("href")
    body = page.request.get(urljoin(page.url, href)).body()
    reader.close()
    nb = nbformat.reads(body.decode("utf-8"), as_version=4)
    nbformat.validate(nb)
    source = nbformat.read(ROOT / path.replace(".html", ".ipynb"), as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert code[1:] == [c.source for c in source.cells if c.cell_type == "code"]
    assert "import dlnotes" in code[0]
    assert not any("```{" in c.source for c in nb.cells if c.cell_type == "markdown")
    json.dumps(nb)  # serialisable as downloaded


def test_the_reader_reports_what_leaves_the_site_fails_or_logs_an_error(browser, server):
    reader = Reader(browser, server)
    page = reader.open("book/intro.html")
    assert (reader.outside, reader.failed, reader.errors) == ([], [], [])
    page.evaluate("() => fetch('https://example.com/tracker.js').catch(() => null)")
    page.evaluate("() => fetch('missing.png').catch(() => null)")
    page.evaluate("() => console.error('a broken widget')")
    page.wait_for_timeout(200)
    reader.close()
    assert reader.outside == ["https://example.com/tracker.js"]
    assert len(reader.failed) == 1 and "missing.png (HTTP 404)" in reader.failed[0]
    assert "a broken widget" in reader.errors
