"""The chapter 28 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks, conv


def conv2d(image, kernel, flip=False, transpose=False, size=lambda n, f: n - f + 1, fixed=None):
    k = kernel[::-1, ::-1] if flip else kernel.T if transpose else kernel
    f = fixed or k.shape[0]
    out = np.zeros((size(image.shape[0], f), size(image.shape[1], f)))
    for h in range(out.shape[0]):
        for w in range(out.shape[1]):
            win = image[h:h + f, w:w + f]
            out[h, w] = np.sum(win * k[:f, :f]) if win.shape == (f, f) else 0.0
    return out


def test_conv2d_accepts_the_right_answer(capsys):
    checks.check_conv2d(conv2d)
    assert "✔ conv2d_ch28" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda i, k: conv2d(i, k, flip=True), "flipped"),
    (lambda i, k: conv2d(i, k, transpose=True), "transposed"),
    (lambda i, k: conv2d(i, k, size=lambda n, f: n - f), "off by one"),
    (lambda i, k: conv2d(i, k, size=lambda n, f: n), "image's shape"),
    (lambda i, k: -conv2d(i, k), "wrong sign"),
    (lambda i, k: conv2d(i, k, fixed=3) if k.shape[0] == 3 else np.zeros((5, 5)), "do not write 3"),
    (lambda i, k: conv2d(i, k).T, "swapped"),
    (lambda i, k: conv2d(i, k) + 1, "wrong values"),
    (lambda i, k: None, "NumPy array"),
])
def test_conv2d_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_conv2d(wrong)


def _g(image):
    gx = conv2d(image, conv.edge_filter("plain", "vertical"))
    gy = conv2d(image, conv.edge_filter("plain", "horizontal"))
    return gx, gy


def test_edge_strength_accepts_the_right_answer(capsys):
    checks.check_edge_strength(lambda im: np.hypot(*_g(im)))
    assert "✔ edge_strength_ch28" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda im: _g(im)[0] ** 2 + _g(im)[1] ** 2, "square root"),
    (lambda im: np.abs(_g(im)[0]), "only the vertical"),
    (lambda im: np.abs(_g(im)[1]), "only the horizontal"),
    (lambda im: np.abs(_g(im)[0]) + np.abs(_g(im)[1]), r"\|gx\| \+ \|gy\|"),
    (lambda im: _g(im)[0] + _g(im)[1], "added"),
    (lambda im: np.hypot(*_g(im)) * 2, "wrong values"),
    (lambda im: np.zeros((8, 9)), "shape"),
])
def test_edge_strength_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_edge_strength(wrong)
