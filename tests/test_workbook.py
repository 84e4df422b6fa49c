"""The learner's workbook: solutions removed, every check fails on the starter code.

The book's own run (nbval over book/ and the build) proves the checks pass with the solutions;
here each chapter's workbook is executed and every check cell must stop with AssertionError,
while every other cell runs cleanly. So no check passes vacuously.
"""
import re
from pathlib import Path

import nbclient
import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from dlnotes import workbook

ROOT = Path(__file__).resolve().parents[1]
WITH_EXERCISES = sorted(
    p for p in (ROOT / "book").rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
    and any(workbook.is_exercise(c) for c in nbformat.read(p, as_version=4).cells))


def _exercise_notebook():
    return new_notebook(cells=[
        new_markdown_cell("```{exercise} Add\n:label: ex-add\nWrite add.\n```"),
        new_code_cell("def add(a, b):\n    return 0", metadata={"tags": ["starter", "skip-execution", "nbval-skip"]}),
        new_markdown_cell("```{solution-start} ex-add\n:class: dropdown\n```"),
        new_code_cell("def add(a, b):\n    return a + b"),
        new_markdown_cell("```{solution-end}\n```"),
        new_code_cell("assert add(2, 3) == 5, 'add is wrong'", metadata={"tags": ["check"]}),
    ])


def test_to_workbook_removes_solutions_and_runs_starters():
    book = _exercise_notebook()
    wb = workbook.to_workbook(book)
    sources = [c.source for c in wb.cells]
    assert not any("a + b" in s or "solution-" in s for s in sources)
    starter = wb.cells[1]
    assert workbook.tags(starter) == ["starter"]
    assert len(book.cells) == 6, "the book notebook itself must not be modified"
    assert workbook.exercise_problems(book) == []


def test_to_workbook_rejects_an_unclosed_solution():
    nb = _exercise_notebook()
    del nb.cells[4]
    with pytest.raises(ValueError, match="never closed"):
        workbook.to_workbook(nb)


def test_exercise_problems_reports_a_missing_check():
    nb = _exercise_notebook()
    nb.cells[5].metadata["tags"] = []
    assert any("check" in p for p in workbook.exercise_problems(nb))


def test_workbook_command_writes_every_notebook(tmp_path):
    assert workbook.main(["book", str(tmp_path)]) == 0
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.ipynb"))
    expected = sorted(p.relative_to(ROOT / "book") for p in (ROOT / "book").rglob("*.ipynb"))
    assert written == expected


@pytest.mark.parametrize("path", WITH_EXERCISES, ids=[p.stem for p in WITH_EXERCISES])
def test_every_check_fails_in_the_workbook(path):
    nb = workbook.to_workbook(nbformat.read(path, as_version=4))
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=900, allow_errors=True,
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    other_errors, passing_checks = [], []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        if "check" in workbook.tags(cell):
            if not errors or errors[0].ename != "AssertionError":
                got = errors[0].ename if errors else "no error"
                passing_checks.append(f"cell {i} ({cell.source.strip()[:60]!r}): {got}")
            else:
                message = re.sub(r"\x1b\[[0-9;]*m", "", errors[0].evalue)
                assert message.strip(), f"cell {i}: the AssertionError says nothing"
        elif errors:
            other_errors.append(f"cell {i}: {errors[0].ename}: {errors[0].evalue[:200]}")
    assert not passing_checks, f"checks that do not fail on the starter code: {passing_checks}"
    assert not other_errors, f"cells other than checks fail in the workbook: {other_errors}"
