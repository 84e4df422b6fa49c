"""The chapters for plain Jupyter: no MyST directive or role survives, and the maths is in dollars."""
import re
from pathlib import Path

import nbformat
import pytest
from markdown_it import MarkdownIt

from dlnotes import notebooks, workbook

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted(p for p in (ROOT / "book").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
COMMONMARK = MarkdownIt("commonmark")
LATEX = re.compile(r"\\[A-Za-z]+")
MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+?\$", re.S)
ROLE = re.compile(r"\{[\w:-]+\}`")


def _problems(source):
    """What a notebook front end would show wrongly in this markdown."""
    problems = []
    # Display maths may span blank lines, which CommonMark would split into paragraphs.
    source = re.sub(r"\$\$.*?\$\$", "$$ $$", source, flags=re.S)
    tokens = COMMONMARK.parse(source)
    for tok in tokens:
        if tok.type == "fence" and tok.info.strip().startswith("{"):
            problems.append(f"directive left as a code block: {tok.info.strip()}")
    for tok in (t for t in tokens if t.type == "inline"):
        if ROLE.search(MATH.sub("", tok.content)):
            problems.append(f"MyST role left: {tok.content[:80]!r}")
        # Code spans are shown as code on purpose; the rest is prose a reader sees.
        text = "".join(c.content for c in tok.children if c.type != "code_inline")
        outside = MATH.sub("", text)
        if LATEX.search(outside):
            problems.append(f"LaTeX outside $...$: {LATEX.search(outside).group()} in {text[:80]!r}")
    return problems


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_workbook_markdown_is_plain_commonmark(path):
    nb = notebooks.to_plain(workbook.to_workbook(nbformat.read(path, as_version=4)), path)
    found = [f"cell {i}: {p}" for i, c in enumerate(nb.cells) if c.cell_type == "markdown"
             for p in _problems(c.source)]
    assert not found, "\n".join(found[:10])
    assert notebooks.INSTALL_TAG in workbook.tags(nb.cells[0])
    exercises = sum(workbook.is_exercise(c) for c in nbformat.read(path, as_version=4).cells)
    headings = sum(bool(re.search(r"^### Exercise \(ex-", c.source, re.M))
                   for c in nb.cells if c.cell_type == "markdown")
    assert headings == exercises


def test_the_checker_finds_what_it_looks_for():
    assert _problems("```{exercise} T\nx\n```")
    assert _problems("the sigmoid \\sigma(z) outside dollars")
    assert _problems("see {doc}`part1/01_welcome`")
    assert not _problems("maths $\\sigma(z)$ and $$\\frac{1}{m}$$ and `\\n` in code")


def test_exercise_admonition_theorem_and_nested_fence():
    src = ("```{exercise} Flatten the images\n:label: ex-05-flatten\n\nWrite $X$ of shape "
           "$(n_x, m)$.\n```\n\n````{admonition} Why\n:class: note\nLook:\n```python\nx = 1\n```\n"
           "````\n\n```{prf:theorem} Convex\n:label: thm-1\nIt is.\n```")
    out = notebooks.plain_markdown(src)
    assert "### Exercise (ex-05-flatten): Flatten the images" in out
    assert "Write $X$ of shape $(n_x, m)$." in out
    assert "> **Why**" in out and "> ```python" in out and "> x = 1" in out
    assert "> **Theorem: Convex.**" in out and ":label:" not in out


def test_roles_and_equation_labels():
    doc = ROOT / "book" / "part2" / "05_binary_classification.ipynb"
    out = notebooks.plain_markdown(
        "See {doc}`../part1/02_neural_network`, {cite}`ng2017nndl` and {prf:ref}`thm-39-convex`."
        "\n\n$$\nJ = 0\n$$ (eq-cost)", doc)
    site = notebooks.site_url()
    assert f"]({site}book/part1/02_neural_network.html)" in out
    assert "[2. What is a neural network?]" in out
    assert "(Ng 2017)" in out and "thm-39-convex" in out and "(eq-cost)" not in out


def test_solution_markers_become_a_heading_in_downloads():
    out = notebooks.plain_markdown("```{solution-start} ex-1\n:class: dropdown\n```")
    assert out == "**Solution**"
    assert notebooks.plain_markdown("```{solution-end}\n```") == ""


def test_unclosed_directive_is_an_error():
    with pytest.raises(ValueError, match="never closed"):
        notebooks.plain_markdown("```{exercise} T\n:label: ex-1\ntext")


def test_install_cell_names_the_configured_repository():
    cell = notebooks.install_cell()
    url = notebooks.repository_url()
    assert url.startswith("https://github.com/") and f"git+{url}" in cell.source
    assert "import dlnotes" in cell.source and "remove-cell" in workbook.tags(cell)
    assert url in (ROOT / "README.md").read_text(), "the README must name the same repository"
