"""`python -m dlnotes grade`: the learner's table of passed, failed, untouched and broken exercises."""
import subprocess
import sys
from pathlib import Path

import nbformat

from dlnotes import grade, workbook

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "book" / "part2" / "12_broadcasting.ipynb"      # two exercises, runs in seconds
THREE = ROOT / "book" / "part2" / "07_cost_function.ipynb"     # three exercises


def _solutions(book):
    """label -> the book's solution code for each exercise."""
    found, label, inside, code = {}, None, False, []
    for cell in book.cells:
        if workbook.is_exercise(cell):
            label = cell.source.split(":label:")[1].split()[0]
        elif workbook.is_solution_start(cell):
            inside, code = True, []
        elif workbook.is_solution_end(cell):
            inside, found[label] = False, "\n".join(code)
        elif inside and cell.cell_type == "code":
            code.append(cell.source)
    return found


def _workbook(path, tmp_path):
    book = nbformat.read(path, as_version=4)
    workbook.write_workbook(path.parent, tmp_path)
    return book, tmp_path / path.name


def _starters(nb):
    return [c for c in nb.cells if "starter" in workbook.tags(c)]


def test_a_fresh_workbook_is_not_attempted(tmp_path):
    _, wb = _workbook(SMALL, tmp_path)
    results = grade.grade_notebook(wb)
    assert [r.status for r in results] == ["not attempted", "not attempted"]
    assert [r.label for r in results] == ["ex-12-row-percentages", "ex-12-standardize"]


def test_the_book_itself_passes():
    results = grade.grade_notebook(SMALL)
    assert len(results) == 2 and all(r.status == "passed" for r in results), results


def test_a_half_done_workbook(tmp_path):
    book, wb_path = _workbook(THREE, tmp_path)
    solutions = _solutions(book)
    labels = list(solutions)
    assert len(labels) == 3
    wb = nbformat.read(wb_path, as_version=4)
    starters = _starters(wb)
    starters[0].source = solutions[labels[0]]                                  # right
    starters[1].source = starters[1].source + "\n# tried, but kept the wrong answer\n"  # wrong
    starters[2].source = "raise RuntimeError('my code is broken')"              # broken
    nbformat.write(wb, wb_path)
    results = {r.label: r for r in grade.grade_notebook(wb_path)}
    assert results[labels[0]].status == "passed"
    assert results[labels[1]].status == "failed" and results[labels[1]].detail
    assert results[labels[2]].status == "error"
    assert "RuntimeError: my code is broken" in results[labels[2]].detail
    assert results[labels[2]].detail.startswith("cell ")
    table = grade.format_results(list(results.values()))
    assert "1 passed, 1 failed, 0 not attempted, 1 error" in table


def test_command_line_exit_status_and_table(tmp_path):
    _, wb = _workbook(SMALL, tmp_path)
    run = subprocess.run([sys.executable, "-m", "dlnotes", "grade", str(wb)],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert "ex-12-standardize" in run.stdout and "not attempted" in run.stdout
    ok = subprocess.run([sys.executable, "-m", "dlnotes", "grade", str(SMALL)],
                        capture_output=True, text=True, cwd=tmp_path)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    missing = subprocess.run([sys.executable, "-m", "dlnotes", "grade", str(tmp_path / "nope")],
                             capture_output=True, text=True)
    assert missing.returncode == 2 and "does not exist" in missing.stderr


def test_bad_paths_and_timeouts_are_refused_before_a_kernel_starts(tmp_path):
    import pytest

    for bad, kind, pattern in [(None, TypeError, "path must be a notebook's path"),
                               (3, TypeError, "path must be a notebook's path"),
                               (ROOT / "README.md", ValueError, "path must be an existing .ipynb"),
                               (tmp_path / "missing.ipynb", ValueError, "path must be an existing")]:
        with pytest.raises(kind, match=pattern):
            grade.grade_notebook(bad)
    for timeout in (0, -5, 2.5, "60", None):
        with pytest.raises(ValueError, match="timeout must be a positive integer"):
            grade.grade_notebook(SMALL, timeout=timeout)
    with pytest.raises(TypeError, match="target must be a folder or a notebook's path"):
        grade.grade(None)
    with pytest.raises(ValueError, match="target must be an existing .ipynb file"):
        grade.grade(tmp_path / "nope")
    with pytest.raises(ValueError, match="status must be one of"):
        grade.Result("12_x", "ex", "passd")
    with pytest.raises(TypeError, match="results must be a list of grade.Result"):
        grade.format_results([{"status": "passed"}])
