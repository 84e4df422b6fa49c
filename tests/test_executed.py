"""Every chapter ran whole and cleanly in the build that made the site.

The build executes each chapter with ``raise_on_error`` (`make book EXECUTE=force` in CI runs
them all), so an exception stops it. These tests read what it executed and ask more of it. A
chapter the build ran is in `_build/jupyter_execute`, with its execution counts; one that
`make book` took from its execution cache is written there without outputs or counts, and its
run is read from the cache (`_build/.jupyter_cache`), which holds it whole. Then: the run is of
the chapter as it stands (the same code, cell by cell), every cell ran once and in order (only
the starters, tagged ``skip-execution``, are left out), and no cell shows an error or anything
written to stderr, which a reader would see on the page.
Running each chapter a second time under nbval, as this suite once did, proved only the first
of these and doubled the time the chapters take in CI.
"""
import copy

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from dlnotes import workbook
from test_site import ROOT, site  # noqa: F401  (the fixture that builds the site if stale)

EXECUTED = ROOT / "_build" / "jupyter_execute"
CACHE = ROOT / "_build" / ".jupyter_cache"
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
        if "skip-execution" in workbook.tags(cell):
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


def _ran(nb):
    return any(c.get("execution_count") is not None for c in nb.cells if c.cell_type == "code")


def build_run(chapter, copy_path, cache_path):
    """The build's run of ``chapter`` (a notebook): the copy at ``copy_path`` if the build ran
    it, else the run in the execution cache at ``cache_path`` that has the chapter's code; None
    if there is neither."""
    if copy_path.exists():
        written = nbformat.read(copy_path, as_version=4)
        if _ran(written) or not cache_path.exists():
            return written
    if cache_path.exists():
        from jupyter_cache import get_cache

        cache = get_cache(cache_path)
        try:
            return cache.get_cache_bundle(cache.match_cache_notebook(chapter).pk).nb
        except KeyError:
            pass
    return None


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_the_chapter_ran_whole_and_cleanly_in_the_build(site, path):  # noqa: F811
    chapter = nbformat.read(path, as_version=4)
    executed = build_run(chapter, EXECUTED / path.relative_to(ROOT), CACHE)
    assert executed is not None, (f"the build has no run of {path.relative_to(ROOT)} with its "
                                  "current code: run `make book`")
    problems = _problems(chapter, executed)
    assert not problems, "\n".join(problems)


def test_a_cached_chapter_is_read_from_the_cache(tmp_path):
    """What `make book` leaves for a chapter it took from the cache: a copy without outputs or
    counts, and the whole run in the cache, found by the chapter's code."""
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    chapter = _chapter()
    cache = get_cache(tmp_path / "cache")
    cache.cache_notebook_bundle(CacheBundleIn(_run(chapter), "chapter.ipynb"), check_validity=False)
    copy_path = tmp_path / "chapter.ipynb"
    nbformat.write(chapter, copy_path)                  # the copy: no counts, no outputs
    run = build_run(chapter, copy_path, tmp_path / "cache")
    assert [c.get("execution_count") for c in run.cells if c.cell_type == "code"] == [1, None, 2]
    assert _problems(chapter, run) == []

    edited = _chapter()
    edited.cells[3].source = "print(x + 1)"
    assert build_run(edited, copy_path, tmp_path / "cache") is None   # no run of this code
    assert build_run(chapter, copy_path, tmp_path / "nothing") is not None   # the copy, as it is
    unrun = _problems(chapter, nbformat.read(copy_path, as_version=4))
    assert unrun[0].startswith("code cell 0 has execution count None")


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
    ran = [c for c in executed.cells
           if c.cell_type == "code" and "skip-execution" not in workbook.tags(c)]
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
