"""The chapter 37 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks, cnn


def counts(y_true, y_pred, classes):
    C = np.zeros((classes, classes), dtype=int)
    for t, p in zip(y_true, y_pred):
        C[t, p] += 1
    return C


def test_confusion_accepts_the_right_answer(capsys):
    checks.check_confusion_counts(counts)
    assert "✔ confusion_counts" in capsys.readouterr().out


def _fancy(y_true, y_pred, classes):
    C = np.zeros((classes, classes), dtype=int)
    C[y_true, y_pred] += 1            # repeated pairs count once
    return C


@pytest.mark.parametrize("wrong, message", [
    (lambda t, p, c: counts(t, p, c).T, "transposed"),
    (lambda t, p, c: counts(t, p, c) / counts(t, p, c).sum(axis=1, keepdims=True).clip(1),
     "fractions"),
    (lambda t, p, c: np.diag(np.diag(counts(t, p, c))), "only the diagonal"),
    (lambda t, p, c: counts(t, p, max(t.max(), p.max()))[:-1, :-1] if False else
     counts(t, p, int(t.max()) + 1 if p.max() <= t.max() else int(p.max()) + 1)[:4, :4],
     "even when a class never occurs"),
    (_fancy, "0 or 1"),
    (lambda t, p, c: counts(t[1:], p[1:], c), "add up to"),
    (lambda t, p, c: counts(p, t, c)[::-1], "counts are wrong"),
    (lambda t, p, c: counts(t, p, c).tolist()[:3], "shape"),
])
def test_confusion_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_confusion_counts(wrong)


def trace(layers, shape, size=lambda n, f, p, s: (n + 2 * p - f) // s + 1, with_input=False,
          channels_first=False, pool_channels=None):
    out = [tuple(shape)] if with_input else []
    for layer in layers:
        kind = layer["kind"]
        if kind in ("conv", "pool"):
            p = layer.get("pad", 0)
            h, w = size(shape[0], layer["f"], p, layer["stride"]), size(shape[1], layer["f"], p,
                                                                       layer["stride"])
            c = layer["n_C"] if kind == "conv" else (pool_channels or shape[2])
            shape = (h, w, c)
        elif kind == "flatten":
            shape = (int(np.prod(shape)),)
        elif kind == "dense":
            shape = (layer["n"],)
        out.append((shape[2], shape[0], shape[1]) if channels_first and len(shape) == 3
                   else shape)
    return out


def test_trace_accepts_the_right_answer(capsys):
    checks.check_shape_trace(trace)
    assert "✔ shape_trace" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda l, s: trace(l, s, lambda n, f, p, st: (n + 2 * p - f) // st), "off by one"),
    (lambda l, s: trace(l, s, lambda n, f, p, st: n + 2 * p - f + 1), "stride is ignored"),
    (lambda l, s: trace(l, s, lambda n, f, p, st: (n - f) // st + 1), "padding is ignored"),
    (lambda l, s: trace(l, s, lambda n, f, p, st: (n + p - f) // st + 1), "counted once"),
    (lambda l, s: trace(l, s, lambda n, f, p, st: -(-(n + 2 * p - f) // st) + 1), "rounded up"),
    (lambda l, s: trace(l, s, with_input=True), "starts with the input"),
    (lambda l, s: trace(l, s, channels_first=True), "channels come last"),
    (lambda l, s: trace(l, s, pool_channels=1), "keeps\\s+the number of channels"),
    (lambda l, s: trace(l, s)[:-1], "shapes for"),
    (lambda l, s: {"shapes": trace(l, s)}, "return a list"),
])
def test_trace_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_shape_trace(wrong)
