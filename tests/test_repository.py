"""Checks on the repository itself: notebooks, the table of contents, the dependency lists."""
import re
import tomllib
from pathlib import Path

import nbformat
import pytest
import yaml

from dlnotes import workbook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for p in (ROOT / "book").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
CHAPTERS = [p for p in NOTEBOOKS if re.match(r"\d\d_", p.name)]


def _ids(paths):
    return [p.stem for p in paths]


def test_there_are_chapters():
    assert CHAPTERS, "no chapter notebooks found under book/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    dirty = [i for i, c in enumerate(nb.cells)
             if c.cell_type == "code" and (c.outputs or c.execution_count is not None)]
    assert not dirty, f"{path.name}: cells {dirty} carry outputs; clear them before committing"


def _toc_files(node):
    if isinstance(node, dict):
        if "file" in node:
            yield node["file"]
        if "root" in node:
            yield node["root"]
        for value in node.values():
            yield from _toc_files(value)
    elif isinstance(node, list):
        for item in node:
            yield from _toc_files(item)


def test_toc_and_notebooks_agree():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    entries = list(_toc_files(toc))
    missing = [e for e in entries
               if not any((ROOT / f"{e}{ext}").exists() for ext in (".ipynb", ".md"))]
    assert not missing, f"_toc.yml lists files that do not exist: {missing}"
    listed = {str(ROOT / e) for e in entries}
    unlisted = [str(p.relative_to(ROOT)) for p in NOTEBOOKS if str(p.with_suffix("")) not in listed]
    assert not unlisted, f"notebooks missing from _toc.yml: {unlisted}"
    assert len(entries) == len(set(entries)), "a file is listed twice in _toc.yml"


def _requirements_from_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in ("book", "test"):
        reqs += project["optional-dependencies"][extra]
    return reqs


def _requirements_from_environment():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = [d for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert len(pip) == 1, "environment.yml must have exactly one pip: section"
    return list(pip[0]["pip"])


def _normalise(req):
    return re.sub(r"\s+", "", req).lower().replace("_", "-")


def test_environment_and_pyproject_list_the_same_requirements():
    py = sorted(map(_normalise, _requirements_from_pyproject()))
    env = sorted(map(_normalise, _requirements_from_environment()))
    assert py == env, (f"only in pyproject.toml: {sorted(set(py) - set(env))}; "
                       f"only in environment.yml: {sorted(set(env) - set(py))}")


def test_every_requirement_has_a_floor_and_a_ceiling():
    for req in _requirements_from_pyproject():
        assert ">=" in req and "<" in req.replace("<=", "<"), f"{req!r} needs a floor and a ceiling"
    assert any(_normalise(r) == "jupyter-book>=1.0.4.post1,<2" for r in _requirements_from_pyproject())


@pytest.mark.parametrize("path", CHAPTERS, ids=_ids(CHAPTERS))
def test_chapter_exercises_follow_the_pattern(path):
    nb = nbformat.read(path, as_version=4)
    assert workbook.exercise_problems(nb) == []
    exercises = sum(workbook.is_exercise(c) for c in nb.cells)
    checks = sum("check" in workbook.tags(c) for c in nb.cells if c.cell_type == "code")
    assert exercises >= 2, f"{path.name} has {exercises} exercises; every chapter needs two"
    assert checks == exercises, f"{path.name}: {exercises} exercises but {checks} check cells"


@pytest.mark.parametrize("path", CHAPTERS, ids=_ids(CHAPTERS))
def test_chapter_skeleton(path):
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert re.match(r"# \d+\. ", nb.cells[0].source), f"{path.name} must open with '# N. Title'"
    for heading in ("## Learning goals", "## Summary"):
        assert heading in text, f"{path.name} lacks the section {heading!r}"


_PLOTS = re.compile(r"plt\.show\(\)|\.imshow\(|plt\.subplots\(|plt\.figure\(|\bplots\.\w+\(")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_figures_have_caption_and_alt_text(path):
    nb = nbformat.read(path, as_version=4)
    bare = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not _PLOTS.search(cell.source):
            continue
        if "starter" in workbook.tags(cell) or "remove-output" in workbook.tags(cell):
            continue
        meta = cell.metadata.get("mystnb", {})
        if not (meta.get("figure", {}).get("caption") and meta.get("image", {}).get("alt")):
            bare.append(i)
    assert not bare, f"{path.name}: figure cells {bare} need mystnb figure.caption and image.alt"


def test_no_data_files_tracked():
    import subprocess

    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout
    data_like = [f for f in tracked.splitlines() if re.search(r"\.(h5|csv|csv\.gz|npz)$", f)]
    assert not data_like, f"data files must not be committed: {data_like}"


def test_readme_module_table_matches_the_package():
    readme = (ROOT / "README.md").read_text()
    listed = set(re.findall(r"^\| `(\w+)` \|", readme, flags=re.M))
    modules = {p.stem for p in (ROOT / "dlnotes").glob("*.py") if not p.stem.startswith("_")}
    modules |= {p.name for p in (ROOT / "dlnotes").iterdir()
                if p.is_dir() and (p / "__init__.py").exists()}
    assert listed == modules, (f"README module table out of date; missing: {sorted(modules - listed)}, "
                               f"stale: {sorted(listed - modules)}")
