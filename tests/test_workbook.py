"""The learner's workbook: solutions removed, every check fails on the starter code.

The book's build runs every chapter with its solutions, so every check passes there
(tests/test_executed.py reads that run); here each chapter's workbook is executed and every check cell must stop with AssertionError,
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


def test_to_workbook_keeps_the_solutions_asked_for():
    book = _exercise_notebook()
    assert workbook.exercise_labels(book) == ["ex-add"]
    wb = workbook.to_workbook(book, solved={"ex-add"})
    sources = [c.source for c in wb.cells]
    assert "def add(a, b):\n    return a + b" in sources      # the solution, after the starter
    assert sources.index("def add(a, b):\n    return 0") < sources.index("def add(a, b):\n    return a + b")
    assert not any("solution-" in s for s in sources)
    assert "a + b" not in "".join(c.source for c in workbook.to_workbook(book, solved={"ex-other"}).cells)


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


# --------------------------------------------- one exercise solved, its neighbours unsolved

def _one_solved_cases():
    """(path, label) pairs: every exercise of chapter 6, the chapter where an unsolved starter
    once broke the next exercise. Every other chapter is covered without running it by
    test_no_solution_needs_another_exercise and test_starters_shadow_nothing_the_chapter_uses
    below, which check the two ways that can happen."""
    cases = []
    for path in WITH_EXERCISES:
        if path.stem.startswith("06_"):
            cases += [(path, label)
                      for label in workbook.exercise_labels(nbformat.read(path, as_version=4))]
    return cases


ONE_SOLVED = _one_solved_cases()


def _check_cell_of(nb, label):
    """Index of the check cell that closes exercise ``label`` in a workbook notebook."""
    start = next(i for i, c in enumerate(nb.cells)
                 if workbook.is_exercise(c) and re.search(rf":label:\s*{re.escape(label)}\s", c.source + "\n"))
    return next(i for i in range(start, len(nb.cells)) if "check" in workbook.tags(nb.cells[i]))


@pytest.mark.parametrize("path, label", ONE_SOLVED,
                         ids=[f"{path.stem}-{label}" for path, label in ONE_SOLVED])
def test_a_solved_exercise_passes_while_its_neighbours_stay_unsolved(path, label):
    """A learner who solves one exercise, and not the others, must see its check pass: no
    unsolved starter may shadow a name that the solution or its check relies on."""
    nb = workbook.to_workbook(nbformat.read(path, as_version=4), solved={label})
    target = _check_cell_of(nb, label)
    nb.cells = nb.cells[:target + 1]          # what comes after the exercise cannot affect it
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=900, allow_errors=True,
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    problems = []
    for i, cell in enumerate(nb.cells):
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        if i == target and errors:
            message = re.sub(r"\x1b\[[0-9;]*m", "", errors[0].evalue)[:300]
            problems.append(f"the check of {label} fails: {errors[0].ename}: {message}")
        elif errors and not ("check" in workbook.tags(cell) and errors[0].ename == "AssertionError"):
            problems.append(f"cell {i}: {errors[0].ename}: {errors[0].evalue[:200]}")
    assert not problems, problems


def _package_names():
    import importlib
    import inspect
    import pkgutil

    import dlnotes

    names = set()
    for info in pkgutil.walk_packages(dlnotes.__path__, "dlnotes."):
        if ".checks" in info.name:
            continue
        module = importlib.import_module(info.name)
        names.add(info.name.rsplit(".", 1)[-1])
        names |= {n for n, v in vars(module).items()
                  if not n.startswith("_") and (inspect.isfunction(v) or inspect.isclass(v))
                  and getattr(v, "__module__", "").startswith("dlnotes")}
    return names


# Chapters whose exercise names are being changed on another branch (issue 11, chapters 10-15):
# remove an entry once that branch is merged.
RENAMED_ELSEWHERE: set = set()


def test_exercise_functions_shadow_no_package_name_and_no_neighbour():
    package = _package_names()
    problems = []
    for path in WITH_EXERCISES:
        if path.stem in RENAMED_ELSEWHERE:
            continue
        seen = {}
        for cell in nbformat.read(path, as_version=4).cells:
            if "starter" not in workbook.tags(cell):
                continue
            for name in re.findall(r"^def (\w+)", cell.source, re.M):
                if name in package:
                    problems.append(f"{path.stem}: the exercise function {name!r} has the name "
                                    f"of a dlnotes function or module")
                if name in seen:
                    problems.append(f"{path.stem}: two exercises define {name!r}")
                seen[name] = True
    assert not problems, problems


# --------------------------------- the same, without running: what a starter can break

def _top_level_names(source):
    """Names a code cell binds at top level (def, class, assignment, import, for, with)."""
    import ast

    try:
        tree = ast.parse(source)
    except SyntaxError:          # IPython magics: such cells define nothing we check
        return set()
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        else:
            for target in ast.walk(node):
                if isinstance(target, ast.Name) and isinstance(target.ctx, ast.Store):
                    names.add(target.id)
    return names


def _used_names(source):
    import ast

    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _exercise_parts(nb):
    """For each exercise, in order: (label, starter sources, solution sources); and the sources
    of the chapter's other code cells (the body, the checks)."""
    parts, body, current, inside = [], [], None, False
    for cell in nb.cells:
        if workbook.is_exercise(cell):
            label = re.search(r"^\s*:label:\s*(\S+)", cell.source, re.M)
            current = (label.group(1) if label else "", [], [])
            parts.append(current)
        elif workbook.is_solution_start(cell):
            inside = True
        elif workbook.is_solution_end(cell):
            inside = False
        elif cell.cell_type == "code":
            if "starter" in workbook.tags(cell) and current:
                current[1].append(cell.source)
            elif inside and current:
                current[2].append(cell.source)
            else:
                body.append(cell.source)
    return parts, body


def _cross_exercise_problems(nb, stem):
    problems = []
    parts, _ = _exercise_parts(nb)
    for label, _, solutions in parts:
        used = set().union(*map(_used_names, solutions)) if solutions else set()
        for other, starters, _ in parts:
            if other == label:
                continue
            for name in used & set().union(*map(_top_level_names, starters or [""])):
                problems.append(f"{stem}: the solution of {label} uses {name!r}, which the "
                                f"starter of {other} defines (unsolved, it is wrong)")
    return problems


def _shadowing_problems(nb, stem):
    problems = []
    parts, body = _exercise_parts(nb)
    bound = set().union(*map(_top_level_names, body)) if body else set()
    for label, starters, _ in parts:
        for name in set().union(*map(_top_level_names, starters or [""])) & bound:
            problems.append(f"{stem}: the starter of {label} rebinds {name!r}, which the "
                            f"chapter's own code defines or imports")
    return problems


def _two_exercises(first_starter, first_solution, second_solution, body=""):
    starter = {"tags": ["starter", "skip-execution", "nbval-skip"]}
    cells = [new_code_cell(body or "import numpy as np")]
    for k, (start, solution) in enumerate([(first_starter, first_solution),
                                           ("def g(x):\n    return 0", second_solution)]):
        cells += [new_markdown_cell(f"```{{exercise}} E{k}\n:label: ex-{k}\nWrite it.\n```"),
                  new_code_cell(start, metadata=starter),
                  new_markdown_cell(f"```{{solution-start}} ex-{k}\n:class: dropdown\n```"),
                  new_code_cell(solution),
                  new_markdown_cell("```{solution-end}\n```"),
                  new_code_cell(f"check_{k}()", metadata={"tags": ["check"]})]
    return new_notebook(cells=cells)


def test_the_static_checks_find_what_they_look_for():
    # chapter 6's old fault: the first starter rebinds an imported name the second one needs
    shadow = _two_exercises("def sigmoid(z):\n    return 0 * z", "def sigmoid(z):\n    return z",
                            "def g(x):\n    return sigmoid(x)",
                            body="from dlnotes.activations import sigmoid")
    assert any("'sigmoid'" in p for p in _shadowing_problems(shadow, "t"))
    # a solution that calls the function another exercise asks for
    needs = _two_exercises("def f(x):\n    return 0", "def f(x):\n    return x",
                           "def g(x):\n    return f(x) + 1")
    assert any("'f'" in p for p in _cross_exercise_problems(needs, "t"))
    fine = _two_exercises("def f(x):\n    return 0", "def f(x):\n    return x",
                          "def g(x):\n    return x + 1")
    assert _shadowing_problems(fine, "t") == [] and _cross_exercise_problems(fine, "t") == []


def test_no_solution_needs_another_exercise():
    """A learner who solves one exercise and not an earlier one must still pass it: no solution
    may call a function that another exercise's starter defines."""
    problems = [p for path in WITH_EXERCISES
                for p in _cross_exercise_problems(nbformat.read(path, as_version=4), path.stem)]
    assert not problems, problems


def test_starters_shadow_nothing_the_chapter_uses():
    """A starter runs in the workbook before the cells after it: it must not rebind a name that
    the chapter's own code imports or defines (the way chapter 6's starter once rebound the
    package's sigmoid, which the next exercise needed)."""
    problems = [p for path in WITH_EXERCISES
                for p in _shadowing_problems(nbformat.read(path, as_version=4), path.stem)]
    assert not problems, problems
