"""dlnotes.data: the loaders on the real files, and the downloader against a real local server."""
import hashlib
import re
import http.server
import os
import shutil
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from dlnotes import data


@pytest.fixture(autouse=True)
def _no_mirror_or_timeout_settings(monkeypatch):
    """The tests choose the mirror and the timeout themselves."""
    monkeypatch.delenv(data.ENV_URL, raising=False)
    monkeypatch.delenv(data.ENV_TIMEOUT, raising=False)


# ------------------------------------------------------------------------- loaders, real files

def test_load_cats_shapes_and_labels():
    cats = data.load_cats()
    assert cats.train_x.shape == (209, 64, 64, 3) and cats.train_x.dtype == np.uint8
    assert cats.test_x.shape == (50, 64, 64, 3) and cats.test_x.dtype == np.uint8
    assert cats.train_y.shape == (209,) and cats.test_y.shape == (50,)
    assert set(np.unique(cats.train_y)) == {0, 1} and set(np.unique(cats.test_y)) == {0, 1}
    assert cats.classes == ("non-cat", "cat")
    # The published class balance of this data set: 72 cats in training, 33 in test.
    assert int(cats.train_y.sum()) == 72 and int(cats.test_y.sum()) == 33


def test_load_sonar():
    X, y = data.load_sonar()
    assert X.shape == (208, 60) and X.dtype == np.float64
    assert 0.0 <= X.min() and X.max() <= 1.0
    assert y.shape == (208,) and int(y.sum()) == 111  # 111 mines, 97 rocks (UCI description)


def test_load_pima():
    X, y = data.load_pima()
    assert X.shape == (768, 8) and X.dtype == np.float64 and y.shape == (768,)
    assert int(y.sum()) == 268  # 268 of 768 tested positive (UCI description)
    assert len(data.PIMA_FEATURES) == 8


def test_load_mnist5k():
    X, y = data.load_mnist5k()
    assert X.shape == (5000, 28, 28) and X.dtype == np.uint8
    assert y.shape == (5000,) and set(np.unique(y)) == set(range(10))
    assert X.max() == 255 and X.min() == 0


def test_load_digits():
    X, y = data.load_digits()
    assert X.shape == (1797, 8, 8) and X.dtype == np.float64 and X.max() == 16
    assert y.shape == (1797,) and set(np.unique(y)) == set(range(10))


# ------------------------------------------------------------------- errors for local files

@pytest.mark.parametrize("offline", ["1", "0"], ids=["offline", "online"])
def test_corrupt_local_file_names_file_path_checksum_and_fix(tmp_path, monkeypatch, offline):
    monkeypatch.setenv(data.ENV_DATA_DIR, str(tmp_path))
    monkeypatch.setenv(data.ENV_OFFLINE, offline)
    bad = tmp_path / "sonar.csv"
    bad.write_text("0.1,R\n")
    with pytest.raises(data.DataError) as err:
        data.load_sonar()
    message = str(err.value)
    assert str(bad) in message
    assert data.REGISTRY["sonar"].sha256 in message
    if offline == "1":   # no advice that needs a download while downloads are off
        assert "Replace it with a good copy" in message and "Delete it" not in message
        assert f"{data.ENV_OFFLINE}=0" in message
    else:
        assert "Delete it so it is downloaded again" in message
    assert bad.exists()  # a file we did not write is not deleted behind the user's back


def test_missing_file_offline_says_where_and_how(tmp_path, monkeypatch):
    monkeypatch.setenv(data.ENV_DATA_DIR, str(tmp_path))
    monkeypatch.setenv(data.ENV_OFFLINE, "1")
    with pytest.raises(data.DataError) as err:
        data.load_pima()
    message = str(err.value)
    for part in ("pima-indians-diabetes.csv", str(tmp_path), data.REGISTRY["pima"].sha256,
                 data.ENV_DATA_DIR, data.ENV_OFFLINE):
        assert part in message
    assert list(tmp_path.iterdir()) == []


def test_default_data_dir_is_a_user_cache(monkeypatch, tmp_path):
    monkeypatch.delenv(data.ENV_DATA_DIR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert data.data_dir() == tmp_path / "dlnotes"


def test_unknown_data_set():
    with pytest.raises(ValueError, match="unknown data set 'nope'"):
        data.fetch("nope")


def test_plain_http_refused_except_loopback(tmp_path):
    with pytest.raises(ValueError, match="only https"):
        data.download("http://example.org/x.csv", tmp_path / "x.csv", "0" * 64)
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------- downloads from a real local server

class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}      # path -> (status, headers, body)
    delays: dict = {}      # path -> (seconds before answering, seconds after half the body)
    requested: list = []   # paths in the order they were asked for

    def do_GET(self):  # noqa: N802 (http.server's naming)
        self.requested.append(self.path)
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        before, mid = self.delays.get(self.path, (0, 0))
        try:
            time.sleep(before)
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            half = len(body) // 2 if mid else len(body)
            self.wfile.write(body[:half])
            self.wfile.flush()
            time.sleep(mid)
            self.wfile.write(body[half:])
        except OSError:   # the client gave up first (the point of the timeout tests)
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", _Handler.routes
    httpd.shutdown()
    httpd.server_close()
    _Handler.routes.clear()
    _Handler.delays.clear()
    _Handler.requested.clear()


def _sonar_bytes():
    return Path(data.fetch("sonar")).read_bytes()


def test_download_good_file_verifies_and_moves_into_place(server, tmp_path, monkeypatch):
    base, routes = server
    body = _sonar_bytes()
    routes["/sonar.csv"] = (200, {"Content-Type": "text/csv", "Content-Length": str(len(body))}, body)
    monkeypatch.delenv(data.ENV_OFFLINE, raising=False)
    path = data.fetch("sonar", directory=tmp_path, url=f"{base}/sonar.csv")
    assert path == tmp_path / "sonar.csv"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == data.REGISTRY["sonar"].sha256
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sonar.csv"]


def _corrupt(body):
    body = body.replace(b"R", b"M", 1)
    return 200, {"Content-Length": str(len(body))}, body


def _truncated(body):
    return 200, {"Content-Length": str(len(body))}, body[: len(body) // 2]


def _html_page(body):
    page = b"<!DOCTYPE html><html><body>Moved</body></html>"
    return 200, {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(page))}, page


def _not_found(body):
    return 404, {}, b"not found"


@pytest.mark.parametrize("response, message", [
    (_corrupt, "has SHA-256 [0-9a-f]{64}, expected " + data.REGISTRY["sonar"].sha256),
    (_truncated, "truncated|cut off"),
    (_html_page, "HTML page"),
    (_not_found, "HTTP 404"),
], ids=["corrupt", "truncated", "html", "404"])
def test_failed_download_says_why_and_leaves_nothing(server, tmp_path, monkeypatch, response, message):
    base, routes = server
    routes["/sonar.csv"] = response(_sonar_bytes())
    monkeypatch.delenv(data.ENV_OFFLINE, raising=False)
    with pytest.raises(data.DataError, match=message) as err:
        data.fetch("sonar", directory=tmp_path, url=f"{base}/sonar.csv")
    assert "sonar.csv" in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_offline_never_touches_the_network(server, tmp_path, monkeypatch):
    base, routes = server
    requested = []
    routes["/sonar.csv"] = (200, {}, b"")
    monkeypatch.setenv(data.ENV_OFFLINE, "1")
    monkeypatch.setattr(data, "download", lambda *a, **k: requested.append(a))
    with pytest.raises(data.DataError, match="downloads are off"):
        data.fetch("sonar", directory=tmp_path, url=f"{base}/sonar.csv")
    assert requested == []


def _good(body):
    return 200, {"Content-Type": "text/csv", "Content-Length": str(len(body))}, body


def test_first_address_404_then_second_good(server, tmp_path, monkeypatch):
    base, routes = server
    routes["/b/sonar.csv"] = _good(_sonar_bytes())
    monkeypatch.delenv(data.ENV_OFFLINE, raising=False)
    path = data.fetch("sonar", directory=tmp_path, url=[f"{base}/a/sonar.csv", f"{base}/b/sonar.csv"])
    assert data.sha256_of(path) == data.REGISTRY["sonar"].sha256
    assert _Handler.requested == ["/a/sonar.csv", "/b/sonar.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sonar.csv"]


def test_every_address_bad_lists_each_with_its_reason(server, tmp_path, monkeypatch):
    base, routes = server
    routes["/corrupt/sonar.csv"] = _corrupt(_sonar_bytes())
    routes["/html/sonar.csv"] = _html_page(b"")
    monkeypatch.delenv(data.ENV_OFFLINE, raising=False)
    folder = tmp_path / "new" / "data"          # does not exist yet
    urls = [f"{base}/gone/sonar.csv", f"{base}/corrupt/sonar.csv", f"{base}/html/sonar.csv"]
    with pytest.raises(data.DataError) as err:
        data.fetch("sonar", directory=folder, url=urls)
    message = str(err.value)
    assert "3 tried" in message
    lines = message.splitlines()
    for i, (u, why) in enumerate(zip(urls, ["HTTP 404", "SHA-256 [0-9a-f]{64}, expected", "HTML page"]), 1):
        line = next(x for x in lines if x.strip().startswith(f"{i}. {u}:"))
        assert re.search(why, line), line
    assert data.REGISTRY["sonar"].sha256 in message and data.ENV_URL in message
    assert str(folder / "sonar.csv") in message
    assert list(tmp_path.iterdir()) == []       # no file, no .part, no directory left behind


def test_checksum_mismatch_is_refused_and_the_next_address_used(server, tmp_path, monkeypatch):
    base, routes = server
    body = _sonar_bytes()
    routes["/bad/sonar.csv"] = _corrupt(body)
    routes["/good/sonar.csv"] = _good(body)
    monkeypatch.delenv(data.ENV_OFFLINE, raising=False)
    path = data.fetch("sonar", directory=tmp_path, url=[f"{base}/bad/sonar.csv", f"{base}/good/sonar.csv"])
    assert path.read_bytes() == body


def test_mirror_setting_is_tried_first(server, tmp_path, monkeypatch):
    base, routes = server
    routes["/mirror/sonar.csv"] = _good(_sonar_bytes())
    monkeypatch.delenv(data.ENV_OFFLINE, raising=False)
    monkeypatch.setenv(data.ENV_URL, f"{base}/mirror/")
    assert data.addresses("sonar")[0] == f"{base}/mirror/sonar.csv"
    assert data.addresses("sonar")[1:] == list(data.REGISTRY["sonar"].urls)
    data.fetch("sonar", directory=tmp_path, url=f"{base}/other/sonar.csv")
    assert _Handler.requested == ["/mirror/sonar.csv"]


@pytest.mark.parametrize("where", ["before the answer", "in the middle of the file"])
def test_slow_server_times_out_and_says_so(server, tmp_path, monkeypatch, where):
    base, routes = server
    body = _sonar_bytes()
    routes["/slow/sonar.csv"] = _good(body)
    _Handler.delays["/slow/sonar.csv"] = (5, 0) if where == "before the answer" else (0, 5)
    monkeypatch.delenv(data.ENV_OFFLINE, raising=False)
    monkeypatch.setenv(data.ENV_TIMEOUT, "0.5")
    start = time.monotonic()
    with pytest.raises(data.DataError, match=r"timed out.*0\.5 s.*DLNOTES_DATA_TIMEOUT") as err:
        data.fetch("sonar", directory=tmp_path, url=f"{base}/slow/sonar.csv")
    elapsed = time.monotonic() - start
    assert elapsed < 5, f"gave up after {elapsed:.1f} s, not after the 0.5 s timeout"
    assert f"{base}/slow/sonar.csv" in str(err.value)
    assert list(tmp_path.iterdir()) == []


def test_redirect_to_plain_http_elsewhere_is_refused(server, tmp_path, monkeypatch):
    base, routes = server
    routes["/moved/sonar.csv"] = (302, {"Location": "http://example.org/sonar.csv"}, b"")
    routes["/here/sonar.csv"] = (302, {"Location": f"{base}/good/sonar.csv"}, b"")
    routes["/good/sonar.csv"] = _good(_sonar_bytes())
    monkeypatch.delenv(data.ENV_OFFLINE, raising=False)
    with pytest.raises(data.DataError, match="redirected to http://example.org/sonar.csv, refused"):
        data.fetch("sonar", directory=tmp_path, url=f"{base}/moved/sonar.csv")
    assert data.fetch("sonar", directory=tmp_path, url=f"{base}/here/sonar.csv").exists()


# ------------------------------------------------------------ broken settings and folders

def test_every_data_set_has_two_independent_https_addresses():
    for name, entry in data.REGISTRY.items():
        hosts = {u.split("/")[2] for u in entry.urls}
        assert len(entry.urls) >= 2 and len(hosts) >= 2, name
        assert all(u.startswith("https://") and u.endswith("/" + entry.file) for u in entry.urls)


def test_data_dir_that_is_a_file(tmp_path, monkeypatch):
    not_a_dir = tmp_path / "data.txt"
    not_a_dir.write_text("x")
    monkeypatch.setenv(data.ENV_DATA_DIR, str(not_a_dir))
    for offline in ("0", "1"):
        monkeypatch.setenv(data.ENV_OFFLINE, offline)
        with pytest.raises(data.DataError, match=f"{data.ENV_DATA_DIR}={not_a_dir} is a file, not a folder"):
            data.load_sonar()
    assert not_a_dir.read_text() == "x"


def test_data_dir_under_a_file(tmp_path, monkeypatch, server):
    base, routes = server
    routes["/sonar.csv"] = _good(_sonar_bytes())
    (tmp_path / "f").write_text("x")
    monkeypatch.delenv(data.ENV_OFFLINE, raising=False)
    with pytest.raises(data.DataError, match="cannot create the data directory .*f/sub"):
        data.fetch("sonar", directory=tmp_path / "f" / "sub", url=f"{base}/sonar.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f"]


@pytest.mark.parametrize("offline", ["0", "1"])
def test_directory_in_place_of_the_file(tmp_path, monkeypatch, offline):
    (tmp_path / "sonar.csv").mkdir()
    monkeypatch.setenv(data.ENV_DATA_DIR, str(tmp_path))
    monkeypatch.setenv(data.ENV_OFFLINE, offline)
    with pytest.raises(data.DataError, match=r"sonar\.csv is a directory, not the data file"):
        data.load_sonar()


def test_read_only_data_directory(tmp_path, monkeypatch, server):
    base, routes = server
    routes["/sonar.csv"] = _good(_sonar_bytes())
    monkeypatch.delenv(data.ENV_OFFLINE, raising=False)
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):   # root writes anyway: make the write fail as it would
            def refuse(*args, **kwargs):
                raise PermissionError(13, "Permission denied")
            monkeypatch.setattr(data.tempfile, "mkstemp", refuse)
        with pytest.raises(data.DataError, match=f"cannot write sonar.csv into {folder}: "
                                                 f"Permission denied. Fix: make {folder} writable"):
            data.fetch("sonar", directory=folder, url=f"{base}/sonar.csv")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_stale_part_files_are_removed_fresh_ones_kept(tmp_path, monkeypatch):
    shutil.copy(data.fetch("sonar"), tmp_path / "sonar.csv")
    stale = tmp_path / ".sonar.csv.abc123.part"
    fresh = tmp_path / ".sonar.csv.def456.part"
    other = tmp_path / ".pima-indians-diabetes.csv.xyz.part"
    for f in (stale, fresh, other):
        f.write_bytes(b"half a file")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    monkeypatch.setenv(data.ENV_DATA_DIR, str(tmp_path))
    monkeypatch.setenv(data.ENV_OFFLINE, "1")
    data.load_sonar()
    assert not stale.exists() and fresh.exists() and other.exists()  # another file's: its own fetch


@pytest.mark.parametrize("value", ["1", "true", "TRUE", "Yes", "on", " On "])
def test_offline_spellings_on(monkeypatch, value):
    monkeypatch.setenv(data.ENV_OFFLINE, value)
    assert data.offline() is True


@pytest.mark.parametrize("value", ["0", "false", "False", "NO", "off", "", None])
def test_offline_spellings_off(monkeypatch, value):
    if value is None:
        monkeypatch.delenv(data.ENV_OFFLINE, raising=False)
    else:
        monkeypatch.setenv(data.ENV_OFFLINE, value)
    assert data.offline() is False


@pytest.mark.parametrize("value", ["y", "2", "enable", "offline", "-1"])
def test_offline_other_values_refused(monkeypatch, tmp_path, value):
    monkeypatch.setenv(data.ENV_OFFLINE, value)
    monkeypatch.setenv(data.ENV_DATA_DIR, str(tmp_path))
    with pytest.raises(data.DataError, match=f"{data.ENV_OFFLINE} must be one of 1, true, yes, on .*got " + re.escape(repr(value))):
        data.load_pima()
    assert list(tmp_path.iterdir()) == []


def test_timeout_setting(monkeypatch):
    assert data.timeout_seconds() == data.DEFAULT_TIMEOUT
    monkeypatch.setenv(data.ENV_TIMEOUT, "2.5")
    assert data.timeout_seconds() == 2.5
    for bad in ("0", "-1", "abc", "nan", "inf", "1e9"):
        monkeypatch.setenv(data.ENV_TIMEOUT, bad)
        with pytest.raises(data.DataError, match=f"{data.ENV_TIMEOUT} must be a number of seconds > 0 .*got " + re.escape(repr(bad))):
            data.timeout_seconds()


def test_mirror_setting_values(monkeypatch):
    monkeypatch.setenv(data.ENV_URL, "https://mirror.example/dlnotes/")
    assert data.mirror() == "https://mirror.example/dlnotes"
    assert data.addresses("pima")[0] == "https://mirror.example/dlnotes/pima-indians-diabetes.csv"
    for bad in ("ftp://mirror.example", "http://example.org/data", "https://x.example/?q=1", "no url", "https://"):
        monkeypatch.setenv(data.ENV_URL, bad)
        with pytest.raises(data.DataError, match=f"{data.ENV_URL} must be an https:// base address.*got " + re.escape(repr(bad))):
            data.addresses("pima")


def test_download_needs_an_address(tmp_path):
    with pytest.raises(ValueError, match="url must name at least one address"):
        data.download([], tmp_path / "x.csv", "0" * 64)
    with pytest.raises(ValueError, match="timeout must be a number of seconds > 0"):
        data.download("https://example.org/x.csv", tmp_path / "x.csv", "0" * 64, timeout=0)
    assert list(tmp_path.iterdir()) == []
