"""The chapter 33 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks, reference


def layer(A_prev, W, b, stride, pad, *, act=True, bias=True, bias_after=False, flip=False,
          use_stride=True, use_pad=True, bias_sum=False):
    if flip:
        W = W[::-1, ::-1]
    s = stride if use_stride else 1
    p = pad if use_pad else 0
    Z = reference.conv_forward(A_prev, W, np.zeros_like(b), s, p)[0]
    if bias and not bias_after:
        Z = Z + (b.sum() if bias_sum else b)
    A = np.maximum(Z, 0) if act else Z
    return A + b if bias_after else A


def test_conv_relu_layer_accepts_the_right_answer(capsys):
    checks.check_conv_relu_layer(layer)
    assert "✔ conv_relu_layer_ch33" in capsys.readouterr().out


@pytest.mark.parametrize("options, message", [
    ({"act": False}, "before the activation"),
    ({"bias": False}, "bias is missing"),
    ({"bias_after": True}, "after the ReLU"),
    ({"flip": True}, "flipped"),
    ({"use_stride": False}, "stride is ignored"),
    ({"use_pad": False}, "padding is ignored"),
    ({"bias_sum": True}, "sum of all the biases"),
])
def test_conv_relu_layer_rejects_typical_mistakes(options, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_conv_relu_layer(lambda *a: layer(*a, **options))


def test_conv_relu_layer_rejects_other_errors():
    with pytest.raises(AssertionError, match="output is wrong"):
        checks.check_conv_relu_layer(lambda *a: layer(*a) * 1.01)
    with pytest.raises(AssertionError, match="raised ValueError"):
        checks.check_conv_relu_layer(lambda *a: np.zeros(3).reshape(2, 2))
    with pytest.raises(AssertionError, match="NumPy array"):
        checks.check_conv_relu_layer(lambda *a: layer(*a).tolist())


def size(n_H, n_W, n_C_prev, f, n_C, s, p, *, H=None, W=None, C=None, params=None):
    out_H = (n_H + 2 * p - f) // s + 1
    out_W = (n_W + 2 * p - f) // s + 1
    return (out_H if H is None else H(n_H, f, s, p), out_W if W is None else W(n_W, f, s, p),
            n_C if C is None else C, (f * f * n_C_prev + 1) * n_C if params is None else
            params(f, n_C_prev, n_C, out_H, out_W))


def test_layer_size_accepts_the_right_answer(capsys):
    checks.check_layer_size(size)
    assert "✔ layer_size_ch33" in capsys.readouterr().out


NO_STRIDE = lambda n, f, s, p: n + 2 * p - f + 1  # noqa: E731
NO_PAD = lambda n, f, s, p: (n - f) // s + 1  # noqa: E731
NO_ONE = lambda n, f, s, p: (n + 2 * p - f) // s  # noqa: E731


@pytest.mark.parametrize("options, message", [
    ({"H": NO_STRIDE, "W": NO_STRIDE}, "stride is missing"),
    ({"H": NO_PAD, "W": NO_PAD}, "padding is missing"),
    ({"H": NO_ONE, "W": NO_ONE}, "add 1"),
    ({"params": lambda f, c0, c, h, w: f * f * c0 * c}, "biases are missing"),
    ({"params": lambda f, c0, c, h, w: (f * f + 1) * c}, "every\\s+channel"),
    ({"params": lambda f, c0, c, h, w: 2 * f * f * c0 * c}, "not one per weight"),
    ({"params": lambda f, c0, c, h, w: (f * f * c0 + 1) * c * h * w}, "image\\s+size"),
    ({"params": lambda f, c0, c, h, w: f * f * c0 * c + 1}, "not one for\\s+the layer"),
    ({"params": lambda f, c0, c, h, w: 280}, "expected"),
    ({"C": 3}, "one channel per"),
])
def test_layer_size_rejects_typical_mistakes(options, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_layer_size(lambda *a: size(*a, **options))


def test_layer_size_rejects_a_malformed_answer():
    with pytest.raises(AssertionError, match="return a tuple"):
        checks.check_layer_size(lambda *a: 280)
    with pytest.raises(AssertionError, match="integers"):
        checks.check_layer_size(lambda *a: ("a", 1, 2, 3))
