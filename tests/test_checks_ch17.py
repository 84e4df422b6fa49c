"""The chapter 17 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def leaky_backward(dA, Z, alpha):
    return np.where(Z > 0, dA, alpha * dA)


def test_leaky_relu_backward_accepts_the_right_answer(capsys):
    checks.check_leaky_relu_backward_ch17(leaky_backward)
    assert "✔ leaky_relu_backward_ch17" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda dA, Z, a: np.where(Z > 0, dA, 0.0), "as for the ReLU"),
    (lambda dA, Z, a: np.where(Z > 0, 1.0, a), "derivative g'\\(Z\\) alone"),
    (lambda dA, Z, a: np.where(Z > 0, Z, a * Z), "forward pass"),
    (lambda dA, Z, a: np.where(Z > 0, dA * Z, a * dA * Z), "multiplied by g\\(Z\\)"),
    (lambda dA, Z, a: np.where(Z > 0, a * dA, dA), "swapped"),
    (lambda dA, Z, a: np.where(Z >= 0, dA, a * dA), "Z = 0 exactly"),
    (lambda dA, Z, a: np.where(Z > 0, dA, 0.01 * dA), "use the alpha argument"),
    (lambda dA, Z, a: np.zeros_like(dA), "wrong values"),
    (lambda dA, Z, a: np.where(Z > 0, dA, a * dA).T, "shape"),
    (lambda dA, Z, a: np.where(Z > 0, dA, a * dA).tolist(), "NumPy array"),
])
def test_leaky_relu_backward_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_leaky_relu_backward_ch17(wrong)


def layer_norms(grads):
    L = len(grads) // 2
    return (np.array([np.linalg.norm(grads[f"dW{l}"]) for l in range(1, L + 1)]),
            np.array([np.linalg.norm(grads[f"db{l}"]) for l in range(1, L + 1)]))


def test_layer_norms_accepts_the_right_answer(capsys):
    checks.check_layer_norms_ch17(layer_norms)
    assert "✔ layer_norms_ch17" in capsys.readouterr().out


def _per(stat):
    def f(grads):
        L = len(grads) // 2
        return (np.array([stat(grads[f"dW{l}"]) for l in range(1, L + 1)]),
                np.array([stat(grads[f"db{l}"]) for l in range(1, L + 1)]))
    return f


def _text_sorted(grads):
    return (np.array([np.linalg.norm(grads[k]) for k in sorted(grads) if k.startswith("dW")]),
            np.array([np.linalg.norm(grads[k]) for k in sorted(grads) if k.startswith("db")]))


@pytest.mark.parametrize("wrong, message", [
    (_text_sorted, "sorted as text"),
    (lambda g: tuple(x[::-1] for x in layer_norms(g)), "layer L down to layer 1"),
    (_per(lambda a: np.sum(a ** 2)), "squared norms"),
    (_per(lambda a: np.abs(a).max()), "largest absolute entry"),
    (_per(lambda a: np.abs(a).mean()), "mean over the entries"),
    (_per(lambda a: np.sqrt(np.mean(a ** 2))), "mean over the entries"),
    (lambda g: (np.array([np.linalg.norm(g[f"dW{l}"], 2) for l in range(1, len(g) // 2 + 1)]),
                layer_norms(g)[1]), "spectral norm"),
    (lambda g: layer_norms(g)[::-1], "swapped"),
    (lambda g: tuple(x[:-1] for x in layer_norms(g)), "one norm per layer"),
    (lambda g: layer_norms(g)[0], "pair"),
    (lambda g: (layer_norms(g)[0], 2 * layer_norms(g)[1]), "db_norms is wrong"),
    (lambda g: tuple(np.ones(len(g) // 2) for _ in range(2)), "dW_norms is wrong"),
])
def test_layer_norms_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_layer_norms_ch17(wrong)


def test_layer_norms_accepts_lists():
    checks.check_layer_norms_ch17(lambda g: tuple(x.tolist() for x in layer_norms(g)))
