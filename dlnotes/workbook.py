"""Make the learner's workbook from the book's notebooks: the same chapters without solutions.

An exercise in a chapter notebook is a run of cells:

1. a markdown cell with an ``{exercise}`` directive (with a ``:label:``);
2. a code cell tagged ``starter``: the learner's starting point. It returns a well-formed wrong
   answer (right shape and type, wrong values). The book shows it but does not run it (it is also
   tagged ``skip-execution`` for the build and ``nbval-skip`` for nbval);
3. a markdown cell ``{solution-start} <label>``, the solution's code cells, and a markdown cell
   ``{solution-end}`` (a dropdown in the book, executed in every build);
4. a code cell tagged ``check`` that calls a checker from :mod:`dlnotes.checks`.

The workbook drops step 3 and lets the starter cell run, so every check fails until the learner
solves the exercise. Its markdown is plain CommonMark (see :mod:`dlnotes.notebooks`), so it reads
well in Jupyter, Colab or VS Code. ``python -m dlnotes.workbook book _build/workbook`` writes it;
``python -m dlnotes grade`` runs it and says which exercises pass.
"""
from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

try:
    import nbformat
except ModuleNotFoundError as e:   # an optional dependency: say which extra brings it
    raise ModuleNotFoundError(f'dlnotes.workbook needs nbformat, which is not installed; it comes with the '
                              f'"book" extra: pip install "dlnotes[book]"', name=e.name) from e

from . import notebooks

STARTER = "starter"
CHECK = "check"
SKIP_TAGS = ("skip-execution", "nbval-skip")
_SOLUTION_START = re.compile(r"^\s*(```+|:::+)\{solution-start\}", re.M)
_SOLUTION_END = re.compile(r"^\s*(```+|:::+)\{solution-end\}", re.M)
_EXERCISE = re.compile(r"^\s*(```+|:::+)\{exercise\}", re.M)


def starter_digest(source: str) -> str:
    """A digest of a starter cell's code (trailing whitespace ignored): the workbook stores it in
    the cell's metadata so that the grader can tell an untouched starter from an attempt."""
    text = "\n".join(line.rstrip() for line in source.strip().splitlines())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def is_solution_start(cell) -> bool:
    return cell.cell_type == "markdown" and bool(_SOLUTION_START.search(cell.source))


def is_solution_end(cell) -> bool:
    return cell.cell_type == "markdown" and bool(_SOLUTION_END.search(cell.source))


def is_exercise(cell) -> bool:
    return cell.cell_type == "markdown" and bool(_EXERCISE.search(cell.source))


def to_workbook(nb, solved=()):
    """Return a copy of notebook ``nb`` with solutions removed and starter cells made to run.

    ``solved``: labels of exercises (``ex-06-sigmoid``, ...) whose solution cells are kept, after
    their starter, as if the learner had solved those exercises and no others.
    """
    out = nbformat.from_dict(nb)  # deep copy
    solved = set(solved)
    cells, inside, keep = [], False, False
    for cell in out.cells:
        if is_solution_start(cell):
            if inside:
                raise ValueError("a {solution-start} opens before the previous one is closed")
            inside, keep = True, _solution_label(cell) in solved
            continue
        if is_solution_end(cell):
            if not inside:
                raise ValueError("a {solution-end} without a {solution-start}")
            inside = False
            continue
        if inside and not keep:
            continue
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
            if STARTER in tags(cell):
                cell.metadata["tags"] = [t for t in tags(cell) if t not in SKIP_TAGS]
                cell.metadata["dlnotes"] = {"starter": starter_digest(cell.source)}
        cells.append(cell)
    if inside:
        raise ValueError("a {solution-start} is never closed by a {solution-end}")
    out.cells = cells
    return out


def _solution_label(cell) -> str:
    match = re.search(r"\{solution-start\}\s*(\S+)", cell.source)
    return match.group(1) if match else ""


def exercise_labels(nb) -> list[str]:
    """The ``:label:`` of every exercise in ``nb``, in order."""
    labels = []
    for cell in nb.cells:
        if is_exercise(cell):
            match = re.search(r"^\s*:label:\s*(\S+)", cell.source, re.M)
            labels.append(match.group(1) if match else "")
    return labels


def exercise_problems(nb) -> list[str]:
    """What is wrong with the exercise structure of ``nb`` (empty when it follows the pattern)."""
    problems, cells = [], nb.cells
    for i, cell in enumerate(cells):
        if not is_exercise(cell):
            continue
        nxt = cells[i + 1:i + 2]
        if not nxt or nxt[0].cell_type != "code" or STARTER not in tags(nxt[0]):
            problems.append(f"cell {i}: the exercise is not followed by a code cell tagged "
                            f"'{STARTER}'")
            continue
        missing = [t for t in SKIP_TAGS if t not in tags(nxt[0])]
        if missing:
            problems.append(f"cell {i + 1}: the starter cell lacks the tags {missing}")
        if not (i + 2 < len(cells) and is_solution_start(cells[i + 2])):
            problems.append(f"cell {i + 2}: the starter is not followed by a {{solution-start}}")
            continue
        j = i + 3
        while j < len(cells) and not is_solution_end(cells[j]):
            j += 1
        if j + 1 >= len(cells) or CHECK not in tags(cells[j + 1]):
            problems.append(f"cell {j + 1}: the solution is not followed by a code cell tagged "
                            f"'{CHECK}'")
    return problems


def write_workbook(src: Path, dest: Path) -> list[Path]:
    """Write the workbook version of every notebook under ``src`` to the same place under ``dest``."""
    written = []
    for path in sorted(Path(src).rglob("*.ipynb")):
        if "_build" in path.parts or ".ipynb_checkpoints" in path.parts:
            continue
        target = Path(dest) / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        book = nbformat.read(path, as_version=4)
        nbformat.write(notebooks.to_plain(to_workbook(book), path), target)
        written.append(target)
    return written


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print("usage: python -m dlnotes.workbook BOOK_DIR OUT_DIR", file=sys.stderr)
        return 2
    written = write_workbook(Path(argv[0]), Path(argv[1]))
    print(f"wrote {len(written)} workbook notebooks to {argv[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
