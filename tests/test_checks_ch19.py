"""The chapter 19 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def unit_images(W1, shape):
    return W1.reshape((W1.shape[0],) + tuple(shape))


def test_unit_images_accepts_the_right_answer(capsys):
    checks.check_unit_images(unit_images)
    checks.check_unit_images(lambda W, s: [r.reshape(s) for r in W])   # a list of images
    assert "✔ unit_images" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda W, s: W.reshape((W.shape[0],) + tuple(s), order="F"), "column order"),
    (lambda W, s: np.stack([r.reshape(s[::-1]).T for r in W]), "column order"),
    (lambda W, s: W.T.reshape(tuple(s) + (W.shape[0],)), "units first"),
    (lambda W, s: W.T.reshape((W.shape[0],) + tuple(s)), "mix the weights"),
    (lambda W, s: np.abs(unit_images(W, s)), "signs"),
    (lambda W, s: np.zeros((W.shape[0],) + tuple(s)), "not the values"),
    (lambda W, s: W.reshape((W.shape[0],) + tuple(s[::-1])), r"\(n\[1\], w, h\)"),
    (lambda W, s: W, "shape"),
])
def test_unit_images_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_unit_images(wrong)


def top_k_inputs(X, W1, b1, k):
    return np.argsort(-np.maximum(W1 @ X + b1, 0), axis=1, kind="stable")[:, :k]


def _act(X, W1, b1):
    return np.maximum(W1 @ X + b1, 0)


def test_top_k_inputs_accepts_the_right_answer(capsys):
    checks.check_top_k_inputs(top_k_inputs)
    checks.check_top_k_inputs(lambda *a: top_k_inputs(*a).tolist())
    assert "✔ top_k_inputs" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda X, W, b, k: np.argsort(_act(X, W, b), axis=1, kind="stable")[:, :k], "smallest"),
    (lambda X, W, b, k: np.argsort(_act(X, W, b), axis=1, kind="stable")[:, ::-1][:, :k], "tie"),
    (lambda X, W, b, k: np.argsort(_act(X, W, b), axis=1, kind="stable")[:, -k:], "smallest first"),
    (lambda X, W, b, k: np.argsort(-(W @ X + b), axis=1, kind="stable")[:, :k], "before the ReLU"),
    (lambda X, W, b, k: top_k_inputs(X, W, b, k).T, r"\(k, n\[1\]\)"),
    (lambda X, W, b, k: -np.sort(-_act(X, W, b), axis=1)[:, :k], "activations"),
    (lambda X, W, b, k: top_k_inputs(X, W, b, k).astype(float), "integers"),
    (lambda X, W, b, k: np.zeros((W.shape[0], k), dtype=np.int64), "unit 1 gave"),
    (lambda X, W, b, k: top_k_inputs(X, W, b, k + 1), "shape"),
])
def test_top_k_inputs_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_top_k_inputs(wrong)


def centre_mass_share(W, shape, margin):
    h, w = shape
    mass = np.abs(W).reshape(-1, h, w)
    return mass[:, margin:h - margin, margin:w - margin].sum(axis=(1, 2)) / mass.sum(axis=(1, 2))


def _share(W, shape, a, b, f=np.abs, total=True):
    h, w = shape
    mass = f(W).reshape(-1, h, w)
    centre = mass[:, a:h - b, a:w - b].sum(axis=(1, 2))
    return centre / mass.sum(axis=(1, 2)) if total else centre


def test_centre_mass_share_accepts_the_right_answer(capsys):
    checks.check_centre_mass_share(centre_mass_share)
    checks.check_centre_mass_share(lambda *a: centre_mass_share(*a)[:, None])
    assert "✔ centre_mass_share" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda W, s, m: 1 - centre_mass_share(W, s, m), "border"),
    (lambda W, s, m: _share(W, s, m, m, f=lambda x: x), "signs"),
    (lambda W, s, m: _share(W, s, m, m, f=np.square), "squared"),
    (lambda W, s, m: _share(W, s, m + 1, m + 1), "off by one"),
    (lambda W, s, m: _share(W, s, m, m + 1), "off by one"),
    (lambda W, s, m: _share(W, s, m, m, total=False), "divide"),
    (lambda W, s, m: _share(W, s[::-1], m, m), r"\(w, h\)"),
    (lambda W, s, m: centre_mass_share(W, s, 2), "margin argument"),
    (lambda W, s, m: np.full(W.shape[0], 0.5), "is wrong"),
    (lambda W, s, m: centre_mass_share(W, s, m)[:2], "shape"),
])
def test_centre_mass_share_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_centre_mass_share(wrong)
