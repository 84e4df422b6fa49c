"""The built site: it works offline, and every figure has a caption and alt text.

These tests read `_build/html`. When it is missing or older than the book's sources they build
it first (with the execution cache, as `make book` does), so `make test` alone is enough.
"""
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
EXTERNAL = re.compile(r"^(https?:)?//", re.I)


def _sources():
    yield from (ROOT / "book").rglob("*")
    yield from (ROOT / "dlnotes").rglob("*.py")
    yield from (ROOT / p for p in ("_config.yml", "_toc.yml"))


def _stale():
    index = HTML / "index.html"
    if not index.exists():
        return True
    built = min(p.stat().st_mtime for p in HTML.rglob("*.html"))
    return any(p.is_file() and p.stat().st_mtime > built for p in _sources())


@pytest.fixture(scope="module")
def site():
    if _stale():
        cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT),
               "-W", "-n", "--keep-going"]
        env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
        env.pop("MPLBACKEND", None)  # the notebooks need the inline backend for their figures
        result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"the book build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return HTML


class _Page(HTMLParser):
    """Collects what a browser would fetch, and the figures with their captions and images."""

    def __init__(self):
        super().__init__()
        self.loads, self.figures, self._figure = [], [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.loads.append(a["src"])
        elif tag == "link" and a.get("href") and set((a.get("rel") or "").split()) & {
                "stylesheet", "preload", "modulepreload", "icon", "prefetch"}:
            self.loads.append(a["href"])
        elif tag in {"img", "iframe", "source", "video", "audio"} and a.get("src"):
            self.loads.append(a["src"])
        if tag == "figure":
            self._figure = {"caption": False, "alts": []}
        elif self._figure is not None and tag == "figcaption":
            self._figure["caption"] = True
        elif self._figure is not None and tag == "img":
            self._figure["alts"].append(a.get("alt") or "")

    def handle_endtag(self, tag):
        if tag == "figure" and self._figure is not None:
            self.figures.append(self._figure)
            self._figure = None


def _pages(site):
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def _parse(path):
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_no_page_loads_anything_from_another_host(site):
    external = {}
    for path in _pages(site):
        urls = [u for u in _parse(path).loads if EXTERNAL.match(u)]
        if urls:
            external[str(path.relative_to(site))] = urls
    assert external == {}, f"pages load external resources: {external}"


def test_no_stylesheet_pulls_external_fonts_or_styles(site):
    bad = {}
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        urls = re.findall(r"""(?:url\(\s*['"]?|@import\s+['"])((?:https?:)?//[^'")\s]+)""", text)
        if urls:
            bad[str(css.relative_to(site))] = urls
    assert bad == {}, f"stylesheets fetch from other hosts: {bad}"


def test_mathjax_is_served_by_the_site(site):
    page = (site / "book" / "notation.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script[^>]*src="([^"]*mathjax[^"]*)"', page, flags=re.I)
    assert scripts and all(not EXTERNAL.match(s) for s in scripts)
    local = (site / "book" / scripts[0].split("?")[0]).resolve()
    assert local.exists(), f"{local} is referenced but not in the site"


def test_every_figure_has_a_caption_and_alt_text(site):
    problems, figures = [], 0
    for path in _pages(site):
        for fig in _parse(path).figures:
            if not fig["alts"]:
                continue  # a figure of text or a table, no image
            figures += 1
            if not fig["caption"] or not all(alt.strip() for alt in fig["alts"]):
                problems.append(str(path.relative_to(site)))
    assert figures > 0, "the site has no figures at all: did the notebooks execute?"
    assert not problems, f"figures without caption or alt text on: {sorted(set(problems))}"


def test_chapters_offer_notebook_download_and_launch_buttons(site):
    chapters = [p for p in _pages(site) if re.match(r"\d\d_", p.name)]
    assert chapters
    for path in chapters:
        html = path.read_text(encoding="utf-8")
        assert f"_sources/" in html and ".ipynb" in html, f"{path.name}: no .ipynb download"
        assert "mybinder.org" in html and "colab.research.google.com" in html, \
            f"{path.name}: no launch buttons"
