"""Every chapter ran whole and cleanly in the build that made the site.

The build executes each chapter with ``raise_on_error`` (`make book EXECUTE=force` in CI runs
them all), so an exception stops it. These tests read what it executed, `_build/jupyter_execute`,
and ask more of it: the executed copy is the chapter as it stands (the same code, cell by cell),
every cell ran once and in order (only the starters, tagged ``skip-execution``, are left out),
and no cell shows an error or anything written to stderr, which a reader would see on the page.
Running each chapter a second time under nbval, as this suite once did, proved only the first
of these and doubled the time the chapters take in CI.
"""
import copy

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from test_site import ROOT, site  # noqa: F401  (the fixture that builds the site if stale)

EXECUTED = ROOT / "_build" / "jupyter_execute"
CHAPTERS = sorted(p for p in (ROOT / "book").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def _problems(chapter, executed):
    """What is wrong with ``executed`` as a whole, clean run of ``chapter`` (two notebooks)."""
    code = [c for c in chapter.cells if c.cell_type == "code"]
    ran = [c for c in executed.cells if c.cell_type == "code"]
    if [c.source for c in code] != [c.source for c in ran]:
        differ = next((i for i, (a, b) in enumerate(zip(code, ran)) if a.source != b.source),
                      min(len(code), len(ran)))
        return [f"the executed copy is not this chapter's code (code cell {differ} differs, "
                f"{len(ran)} code cells against {len(code)}): the build is stale, run `make book`"]
    problems, count = [], 0
    for i, cell in enumerate(ran):
        skipped = "skip-execution" in cell.get("metadata", {}).get("tags", [])
        if skipped:
            if cell.get("execution_count") is not None or cell.get("outputs"):
                problems.append(f"code cell {i} is tagged skip-execution but ran")
            continue
        count += 1
        if cell.get("execution_count") != count:
            problems.append(f"code cell {i} has execution count {cell.get('execution_count')}, "
                            f"not {count}: a cell was skipped or run twice")
            count = cell.get("execution_count") or count
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                problems.append(f"code cell {i} raised {out.ename}: {out.evalue[:200]}")
            elif out.output_type == "stream" and out.name == "stderr":
                problems.append(f"code cell {i} wrote to stderr: {out.text.strip()[:200]!r}")
    return problems


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_the_chapter_ran_whole_and_cleanly_in_the_build(site, path):  # noqa: F811
    executed = EXECUTED / path.relative_to(ROOT)
    assert executed.exists(), f"the build executed no copy of {path.relative_to(ROOT)}: run `make book`"
    problems = _problems(nbformat.read(path, as_version=4), nbformat.read(executed, as_version=4))
    assert not problems, "\n".join(problems)


def _chapter():
    return new_notebook(cells=[
        new_markdown_cell("# A chapter"),
        new_code_cell("x = 1"),
        new_code_cell("def f():\n    return 0", metadata={"tags": ["starter", "skip-execution"]}),
        new_code_cell("print(x)"),
    ])


def _run(chapter, *outputs):
    """``chapter`` as the build leaves it: counts 1, 2, ... on the cells it runs."""
    executed = copy.deepcopy(chapter)
    ran = [c for c in executed.cells if c.cell_type == "code"
           and "skip-execution" not in c.metadata.get("tags", [])]
    for n, cell in enumerate(ran, 1):
        cell.execution_count = n
    ran[-1].outputs = list(outputs)
    return executed


def test_the_check_passes_a_clean_run_and_names_each_fault():
    chapter = _chapter()
    assert _problems(chapter, _run(chapter, new_output("stream", name="stdout", text="1\n"))) == []

    edited = _chapter()
    edited.cells[3].source = "print(x + 1)"
    assert "stale" in _problems(edited, _run(chapter))[0]
    fewer = _chapter()
    del fewer.cells[3]
    assert "stale" in _problems(fewer, _run(chapter))[0]

    error = new_output("error", ename="ValueError", evalue="bad shape", traceback=[])
    assert _problems(chapter, _run(chapter, error)) == ["code cell 2 raised ValueError: bad shape"]

    warning = new_output("stream", name="stderr", text="UserWarning: careful\n")
    assert "stderr" in _problems(chapter, _run(chapter, warning))[0]

    skipped = _run(chapter)
    skipped.cells[3].execution_count = None
    assert "execution count None, not 2" in _problems(chapter, skipped)[0]

    starter_ran = _run(chapter)
    starter_ran.cells[2].execution_count = 2
    starter_ran.cells[3].execution_count = 3
    found = _problems(chapter, starter_ran)
    assert found[0] == "code cell 1 is tagged skip-execution but ran"
    assert "execution count 3, not 2" in found[1]
