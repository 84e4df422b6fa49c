"""A learner's path outside this repository: the package's wheel installed with only its runtime
dependencies in a fresh virtual environment, two chapters in their plain-Jupyter form executed
in a temporary folder, and the data downloaded from an HTTP server on 127.0.0.1 that stands in
for the public addresses (through the documented mirror setting ``DLNOTES_DATA_URL``).

Needs the package index (PyPI, or the index pip is configured with) or a filled pip cache, to
install the dependencies; without either it is skipped, except under CI (``CI=true``), where it
must run. The data files come from the folder in this process's ``DLNOTES_DATA``.
"""
from __future__ import annotations

import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
import venv
from pathlib import Path

import nbformat
import pytest

from dlnotes import data
from dlnotes.notebooks import to_plain

ROOT = Path(__file__).resolve().parent.parent
# One chapter that loads a data set (the cats, two files) and one that needs none.
CHAPTERS = {
    "book/part2/05_binary_classification.ipynb": ("train_catvnoncat", "test_catvnoncat"),
    "book/part2/12_broadcasting.ipynb": (),
}
KERNEL = "dlnotes-outside"
UNDER_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def _pip_index() -> str:
    return (os.environ.get("PIP_INDEX_URL") or "https://pypi.org/simple").rstrip("/")


@functools.cache
def _package_source() -> str | None:
    """Where pip can get the dependencies from, or None: the package index if it answers, else a
    non-empty pip cache."""
    try:
        with urllib.request.urlopen(f"{_pip_index()}/pip/", timeout=10) as r:
            if r.status == 200:
                return f"the package index {_pip_index()}"
    except (OSError, ValueError):
        pass
    out = subprocess.run([sys.executable, "-m", "pip", "cache", "dir"], capture_output=True,
                         text=True)
    cache = Path(out.stdout.strip()) if out.returncode == 0 and out.stdout.strip() else None
    if cache and cache.is_dir() and any(p.is_file() for p in cache.rglob("*")):
        return f"the pip cache {cache}"
    return None


def _clean_env(**extra) -> dict:
    """This environment without anything that would let the checkout or its venv leak in."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "DLNOTES_DATA", "DLNOTES_OFFLINE",
                        "DLNOTES_DATA_URL", "DLNOTES_DATA_TIMEOUT", "JUPYTER_PATH", "MPLBACKEND"}}
    # No MPLBACKEND: the kernel draws figures inline, as it does for a reader.
    env.update(PYTHONNOUSERSITE="1", JUPYTER_PLATFORM_DIRS="1", **extra)
    return env


def _run(cmd, *, cwd, env, what):
    start = time.monotonic()
    out = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True)
    took = time.monotonic() - start
    if out.returncode != 0:
        pytest.fail(f"{what} failed (exit {out.returncode}, {took:.0f} s):\n"
                    f"{out.stdout[-4000:]}\n{out.stderr[-4000:]}")
    print(f"{what}: {took:.1f} s", flush=True)
    return out


class _DataServer(http.server.SimpleHTTPRequestHandler):
    served: list = []

    def log_message(self, fmt, *args):
        self.served.append((self.command, self.path, args[1] if len(args) > 1 else ""))


@pytest.fixture
def data_server():
    folder = os.environ.get(data.ENV_DATA_DIR)
    if not folder or not all((Path(folder) / data.REGISTRY[n].file).is_file()
                             for names in CHAPTERS.values() for n in names):
        message = (f"needs the data sets in {data.ENV_DATA_DIR} (set it to the folder that "
                   f"holds them) to serve them on 127.0.0.1")
        if UNDER_CI:
            pytest.fail(message + " (CI=true: this test must run)")
        pytest.skip(message)
    handler = functools.partial(_DataServer, directory=folder)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _DataServer.served.clear()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", Path(folder), _DataServer.served
    httpd.shutdown()
    httpd.server_close()


# The runner executes a notebook with the venv's own nbclient and kernel, the way a learner's
# "Run All" does: every cell in order, starters included (a solution cell follows each one).
RUNNER = textwrap.dedent("""\
    import sys
    import nbformat
    from nbclient import NotebookClient
    src, dst, kernel = sys.argv[1:4]
    nb = nbformat.read(src, as_version=4)
    client = NotebookClient(nb, timeout=900, kernel_name=kernel, skip_cells_with_tag="",
                            resources={"metadata": {"path": "."}})
    client.execute()
    nbformat.write(nb, dst)
    """)

PROBE = ("import sys, dlnotes, dlnotes.data\n"
         "print('PROBE', dlnotes.__file__, sys.prefix, dlnotes.data.data_dir())")


def test_wheel_in_a_fresh_venv_runs_two_plain_chapters_with_served_data(tmp_path, data_server):
    source = _package_source()
    if source is None:
        message = ("needs the package index (PyPI) or a pip cache to install the wheel's "
                   "dependencies in a fresh virtual environment; neither is reachable")
        if UNDER_CI:
            pytest.fail(message + " (CI=true: this test must run)")
        pytest.skip(message)
    base, served_from, served = data_server
    started = time.monotonic()

    # 1. The wheel, built from a copy of the package's files (the checkout stays clean).
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "dlnotes", src / "dlnotes",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    dist = tmp_path / "dist"
    _run([sys.executable, "-m", "pip", "wheel", src, "--no-deps", "-w", dist], cwd=tmp_path,
         env=_clean_env(), what="pip wheel")
    (wheel,) = dist.glob("dlnotes-*.whl")

    # 2. A plain venv outside the checkout: the wheel, its runtime dependencies, and what
    # executing a notebook takes (a kernel and a client). No extras.
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True, clear=True)
    py = env_dir / "bin" / "python"
    env = _clean_env()
    _run([py, "-m", "pip", "install", "--disable-pip-version-check", wheel, "ipykernel",
          "nbclient"], cwd=tmp_path, env=env, what=f"pip install (from {source})")
    _run([py, "-m", "ipykernel", "install", "--prefix", env_dir, "--name", KERNEL],
         cwd=tmp_path, env=env, what="kernel spec")
    absent = _run([py, "-c", "import importlib.util as u; print([m for m in ('tensorflow', "
                   "'keras', 'jupyter_book', 'myst_nb', 'pytest') if u.find_spec(m)])"],
                  cwd=tmp_path, env=env, what="extras absent").stdout.strip()
    assert absent == "[]", f"only runtime dependencies should be installed, found {absent}"

    # 3. The chapters in plain-Jupyter form, in a folder of their own, an empty data directory
    # and the data served on 127.0.0.1 through the mirror setting.
    work = tmp_path / "work"
    work.mkdir()
    empty = tmp_path / "empty"
    empty.mkdir()
    (work / "run.py").write_text(RUNNER)
    run_env = _clean_env(**{data.ENV_DATA_DIR: str(empty), data.ENV_URL: base,
                            data.ENV_OFFLINE: "0", data.ENV_TIMEOUT: "60"})
    executed = {}
    for chapter, names in CHAPTERS.items():
        nb = to_plain(nbformat.read(ROOT / chapter, as_version=4), ROOT / chapter)
        nb.cells.append(nbformat.v4.new_code_cell(PROBE))
        name = Path(chapter).name
        nbformat.write(nb, work / name)
        before = len(served)
        _run([py, "run.py", name, f"out_{name}", KERNEL], cwd=work, env=run_env,
             what=f"execute {name}")
        executed[chapter] = (nbformat.read(work / f"out_{name}", as_version=4),
                             served[before:])

    # 4. The download went through, with the published checksums.
    sums = {}
    if (served_from / "SHA256SUMS").is_file():
        for line in (served_from / "SHA256SUMS").read_text().splitlines():
            if line.strip():
                digest, file = line.split()
                sums[file] = digest
    for chapter, (nb, requests) in executed.items():
        files = {data.REGISTRY[n].file for n in CHAPTERS[chapter]}
        asked = {path.lstrip("/") for method, path, status in requests
                 if method == "GET" and status == "200"}
        assert asked == files, f"{chapter}: served {requests}, expected {sorted(files)}"
        for file in files:
            got = hashlib.sha256((empty / file).read_bytes()).hexdigest()
            assert got == data.REGISTRY[n_of(file)].sha256 == sums.get(file, got), file
    assert sorted(p.name for p in empty.iterdir()) == sorted(
        data.REGISTRY[n].file for names in CHAPTERS.values() for n in names)   # no .part left

    # 5. The chapters' results: no error, every check printed ✔, the installed package used.
    for chapter, (nb, _) in executed.items():
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                  if o.output_type == "error"]
        assert not errors, f"{chapter}: {errors[0].ename}: {errors[0].evalue}"
        checks = [c for c in nb.cells if "check" in c.metadata.get("tags", [])]
        assert len(checks) >= 2, chapter
        for c in checks:
            text = "".join(o.get("text", "") for o in c.outputs if o.output_type == "stream")
            assert "✔" in text, f"{chapter}: check cell printed {text!r}"
        for c in nb.cells:
            if c.cell_type == "code" and "plt.show()" in c.source:
                assert any("image/png" in o.get("data", {}) for o in c.outputs), (
                    f"{chapter}: no figure from the cell starting {c.source[:60]!r}")
        probe = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
        file, prefix, folder = probe.split()[1:4]
        assert Path(file).is_relative_to(env_dir) and Path(prefix) == env_dir, probe
        assert Path(folder) == empty, probe
    print(f"outside-the-repository test: {time.monotonic() - started:.1f} s in all", flush=True)


def n_of(file: str) -> str:
    return next(n for n, e in data.REGISTRY.items() if e.file == file)
