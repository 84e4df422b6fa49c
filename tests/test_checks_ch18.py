"""The chapter 18 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import activations, checks, dense


def he_layers(layer_dims, seed, scale=lambda n_in, n_out: np.sqrt(2 / n_in), fresh=False,
              transpose=False, bias=0.0, flat_bias=False, start=1):
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(layer_dims)):
        if fresh:
            rng = np.random.default_rng(seed)
        n_in, n_out = layer_dims[l - 1], layer_dims[l]
        W = rng.standard_normal((n_out, n_in)) * scale(n_in, n_out)
        params[f"W{l - 1 + start}"] = W.T if transpose else W
        params[f"b{l - 1 + start}"] = np.full((n_out,) if flat_bias else (n_out, 1), bias)
    return params


def test_he_layers_accepts_the_right_answer(capsys):
    checks.check_he_layers(he_layers)
    assert "✔ he_layers" in capsys.readouterr().out


def _global_state(layer_dims, seed):
    return {k: (np.random.standard_normal(v.shape) * np.sqrt(2 / v.shape[1]) if k[0] == "W" else v)
            for k, v in he_layers(layer_dims, seed).items()}


@pytest.mark.parametrize("wrong, message", [
    (lambda d, s: he_layers(d, s, scale=lambda i, o: np.sqrt(1 / i)), "variance 1/n"),
    (lambda d, s: he_layers(d, s, scale=lambda i, o: 2 / i), "square root"),
    (lambda d, s: he_layers(d, s, scale=lambda i, o: np.sqrt(2 / o)), "fan-in"),
    (lambda d, s: he_layers(d, s, scale=lambda i, o: 1.0), "not scaled"),
    (lambda d, s: he_layers(d, s, scale=lambda i, o: 0.01), "0.01"),
    (lambda d, s: he_layers(d, s, fresh=True), "one\\s+generator"),
    (lambda d, s: he_layers(d, s, transpose=True), "W1 has shape \\(6, 4\\)"),
    (lambda d, s: he_layers(d, s, bias=0.1), "b1 is not zero"),
    (lambda d, s: he_layers(d, s, flat_bias=True), "column"),
    (lambda d, s: he_layers(d, s, start=0), "W0"),
    (lambda d, s: he_layers(d, 0), "expected values"),
    (lambda d, s: list(he_layers(d, s).values()), "return a dict"),
    (lambda d, s: {k: np.zeros_like(v) for k, v in he_layers(d, s).items()}, "all zeros"),
    (_global_state, "global state"),
])
def test_he_layers_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_he_layers(wrong)


def test_he_layers_notices_an_ignored_seed():
    fixed = he_layers([6, 4, 3, 1], 18)
    with pytest.raises(AssertionError, match="use the seed"):
        checks.check_he_layers(lambda d, s: {k: v.copy() for k, v in fixed.items()})


def activation_spread(X, params, hidden):
    A, spreads = X, []
    g, _ = activations.get(hidden)
    for l in range(1, len(params) // 2 + 1):
        A = g(params[f"W{l}"] @ A + params[f"b{l}"])
        spreads.append(A.std())
    return np.array(spreads)


def _zs(X, params, hidden):
    _, caches = dense.model_forward(X, params, hidden=hidden, output=hidden)
    return [Z for _, Z, _ in caches]


def _with(X, params, hidden, stat=np.std, activation=None, include_x=False, drop_last=False,
          last=None):
    A, out = X, [stat(X)] if include_x else []
    L = len(params) // 2
    for l in range(1, L + 1):
        name = last if (last and l == L) else (activation or hidden)
        A = activations.get(name)[0](params[f"W{l}"] @ A + params[f"b{l}"])
        out.append(stat(A))
    return np.array(out[:-1] if drop_last else out)


def test_activation_spread_accepts_the_right_answer(capsys):
    checks.check_activation_spread(activation_spread)
    assert "✔ activation_spread" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda X, p, h: _with(X, p, h, include_x=True), "A\\[0\\] = X"),
    (lambda X, p, h: _with(X, p, h, drop_last=True), "off by one"),
    (lambda X, p, h: np.array([Z.std() for Z in _zs(X, p, h)]), "before the activation"),
    (lambda X, p, h: _with(X, p, h, stat=lambda a: a.std(axis=1).mean()), "per-unit"),
    (lambda X, p, h: _with(X, p, h, stat=lambda a: a.std(ddof=1)), "ddof=1"),
    (lambda X, p, h: _with(X, p, h, activation="relu"), "ReLU network"),
    (lambda X, p, h: _with(X, p, h, last="sigmoid"), "sigmoid"),
    (lambda X, p, h: np.ones(len(p) // 2), "is wrong"),
    (lambda X, p, h: [a.std() for a in [X]], "off by one|shape"),
])
def test_activation_spread_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_activation_spread(wrong)


def test_activation_spread_accepts_a_list():
    checks.check_activation_spread(lambda X, p, h: list(activation_spread(X, p, h)))
