"""``python -m dlnotes grade [PATH]``: run the learner's workbook and say which exercises pass.

In a workbook, "Run All" stops at the first failing check, so a learner never sees the rest.
The grader executes every notebook under PATH (a folder, or one chapter) with errors allowed,
so every check runs, and prints a table per chapter:

- **passed**: the check cell ran without error;
- **failed**: the check raised ``AssertionError``; its message says what is wrong;
- **not attempted**: the starter cell is unchanged (the workbook records a digest of it);
- **error**: the learner's code (the starter cell and any cell before the check) raised, or
  the check raised something other than ``AssertionError``: the cell and the last line.

The exit status is 0 only when every exercise passed. Cells tagged ``skip-execution`` are not
run, so the book's own chapters, whose starters carry that tag, can be graded too.
"""
from __future__ import annotations

import os
import re
import tempfile
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ._validate import positive_int
from .progress import progress_bar
from .workbook import starter_digest

__all__ = ["Result", "grade_notebook", "grade", "format_results", "main"]

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_HEADING = re.compile(r"^#{1,6}\s+Exercise\s*\(([^)]+)\)", re.M)   # the workbook's plain form
_DIRECTIVE = re.compile(r"^\s*(?:```+|:::+)\{exercise\}.*\n(?:.*\n)*?:label:\s*(\S+)", re.M)


STATUSES = ("passed", "failed", "not attempted", "error")


@dataclass
class Result:
    chapter: str
    label: str
    status: str            # "passed", "failed", "not attempted", "error"
    detail: str = ""

    def __post_init__(self):
        for name in ("chapter", "label", "detail"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"{name} must be a str, got {getattr(self, name)!r:.60}")
        if not isinstance(self.status, str) or self.status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(map(repr, STATUSES))}, got "
                             f"{self.status!r:.60}")


@dataclass
class _Exercise:
    label: str
    cells: list = field(default_factory=list)   # indices of the learner's code cells
    check: int | None = None
    digest: str | None = None
    starter: int | None = None


def _tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def _exercises(nb) -> list[_Exercise]:
    found, current = [], None
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            m = _HEADING.search(cell.source) or _DIRECTIVE.search(cell.source)
            if m:
                current = _Exercise(m.group(1))
                found.append(current)
            continue
        if current is None or current.check is not None:
            continue
        if "check" in _tags(cell):
            current.check = i
        elif "skip-execution" not in _tags(cell):
            current.cells.append(i)
            if "starter" in _tags(cell) and current.starter is None:
                current.starter = i
                current.digest = cell.get("metadata", {}).get("dlnotes", {}).get("starter")
    return [e for e in found if e.check is not None]


def _last_line(error) -> str:
    lines = _ANSI.sub("", error.evalue).strip().splitlines()
    return f"{error.ename}: {lines[-1]}" if lines else error.ename


def grade_notebook(path: Path, timeout: int = 900) -> list[Result]:
    """Execute the notebook at ``path`` (errors allowed) and grade each of its exercises."""
    import nbclient
    import nbformat
    from jupyter_client.manager import KernelManager

    path = _notebook_path(path)
    timeout = positive_int(timeout, "timeout")
    nb = nbformat.read(path, as_version=4)
    exercises = _exercises(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "skip-execution" in _tags(cell):
            nb.cells[i] = nbformat.v4.new_raw_cell(cell.source)   # not run; indices kept
    with tempfile.TemporaryDirectory() as sockets:
        # IPC rather than TCP: the same kernel, without jupyter_client's warning about TCP.
        km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel"))
        nbclient.NotebookClient(nb, km=km, timeout=timeout, allow_errors=True,
                                resources={"metadata": {"path": str(path.parent)}}).execute()

    def error_of(i):
        cell = nb.cells[i]
        return next((o for o in cell.get("outputs", []) if o.output_type == "error"), None)

    results = []
    for ex in exercises:
        own = next(((i, e) for i in ex.cells if (e := error_of(i))), None)
        check_error = error_of(ex.check)
        unchanged = (ex.digest is not None and ex.starter is not None
                     and starter_digest(nb.cells[ex.starter].source) == ex.digest)
        if own:
            status, detail = "error", f"cell {own[0]}: {_last_line(own[1])}"
        elif check_error is None:
            status, detail = "passed", ""
        elif check_error.ename == "AssertionError":
            message = _ANSI.sub("", check_error.evalue).strip()
            status = "not attempted" if unchanged else "failed"
            detail = "" if unchanged else message
        else:
            status, detail = "error", f"cell {ex.check} (the check): {_last_line(check_error)}"
        results.append(Result(path.stem, ex.label, status, detail))
    return results


def _notebook_path(path, name="path") -> Path:
    """``path`` as a Path to an existing .ipynb file: TypeError or ValueError otherwise."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{name} must be a notebook's path (a str or pathlib.Path), got "
                        f"{type(path).__name__}")
    path = Path(path)
    if path.suffix != ".ipynb" or not path.is_file():
        raise ValueError(f"{name} must be an existing .ipynb file, got {str(path)!r}")
    return path


def _notebooks(target: Path) -> list[Path]:
    if target.is_file():
        return [target]
    return sorted(p for p in target.rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in p.parts and "_build" not in p.relative_to(target).parts)


def grade(target: Path, progress=None) -> list[Result]:
    """Grade every notebook under ``target`` (a folder) or the notebook ``target`` itself."""
    if not isinstance(target, (str, os.PathLike)):
        raise TypeError(f"target must be a folder or a notebook's path (a str or pathlib.Path), "
                        f"got {type(target).__name__}")
    if not Path(target).is_dir():
        _notebook_path(target, "target")
    results = []
    for path in progress_bar(_notebooks(Path(target)), progress, "grading"):
        results.extend(grade_notebook(path))
    return results


def format_results(results: list[Result]) -> str:
    """The grader's table: a line per chapter with its counts, a line per exercise, a total."""
    if not isinstance(results, (list, tuple)) or not all(isinstance(r, Result) for r in results):
        raise TypeError(f"results must be a list of grade.Result (as grade returns), got "
                        f"{repr(results)[:60]}")
    lines, chapters = [], {}
    for r in results:
        chapters.setdefault(r.chapter, []).append(r)
    for chapter, rows in chapters.items():
        counts = {s: sum(r.status == s for r in rows) for s in ("passed", "failed", "not attempted", "error")}
        lines.append(f"{chapter}: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
        width = max(len(r.label) for r in rows)
        for r in rows:
            detail = f"  {r.detail.splitlines()[0][:150]}" if r.detail else ""
            lines.append(f"  {r.label:<{width}}  {r.status:<13}{detail}")
    total = {s: sum(r.status == s for r in results) for s in ("passed", "failed", "not attempted", "error")}
    lines.append(f"\nall: {len(results)} exercises, " + ", ".join(f"{n} {s}" for s, n in total.items()))
    return "\n".join(lines)


def main(argv=None) -> int:
    from . import cli

    parser = cli.parser(
        "grade", description="Run the learner's workbook notebooks and report, per chapter, "
                             "which exercises pass, fail, are not attempted or raise an error; "
                             "the exit status is 0 only when every exercise passed.")
    parser.add_argument("path", nargs="?", default="_build/workbook", type=Path,
                        help="a workbook folder, a part's folder, or one chapter's notebook")
    args = parser.parse_args(argv)
    cli.require("book", "nbclient", "nbformat", "ipykernel", prog=parser.prog)
    if not args.path.exists():
        parser.error(f"{args.path} does not exist (make the workbook with `make workbook`)")
    if args.path.is_file() and args.path.suffix != ".ipynb":
        parser.error(f"{args.path} is not a notebook (.ipynb)")
    if not _notebooks(args.path):
        parser.error(f"no notebooks under {args.path}")
    results = grade(args.path)
    print(format_results(results))
    return 0 if results and all(r.status == "passed" for r in results) else 1
