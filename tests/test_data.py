"""dlnotes.data: the loaders on the real files, and the downloader against a real local server."""
import hashlib
import http.server
import threading
from pathlib import Path

import numpy as np
import pytest

from dlnotes import data


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

def test_corrupt_local_file_names_file_path_checksum_and_fix(tmp_path, monkeypatch):
    monkeypatch.setenv(data.ENV_DATA_DIR, str(tmp_path))
    bad = tmp_path / "sonar.csv"
    bad.write_text("0.1,R\n")
    with pytest.raises(data.DataError) as err:
        data.load_sonar()
    message = str(err.value)
    assert str(bad) in message
    assert data.REGISTRY["sonar"].sha256 in message
    assert "Delete it" in message
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
    routes: dict = {}

    def do_GET(self):  # noqa: N802 (http.server's naming)
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

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
