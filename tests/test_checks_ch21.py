"""The chapter 21 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks, dense, parity


def xor_block(bias2=-1.0, w2=-2.0, b2=0.0, same_units=False):
    b1 = np.array([[0.0], [0.0 if same_units else bias2]])
    return {"W1": np.ones((2, 2)), "b1": b1, "W2": np.array([[1.0, w2]]),
            "b2": np.array([[b2]])}


def test_xor_block_accepts_the_right_answer(capsys):
    checks.check_xor_block(xor_block)
    assert "✔ xor_block" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda: xor_block(w2=-1.0), "this is OR"),
    (lambda: xor_block(w2=0.0), "sum a \\+ b"),
    (lambda: {"W1": np.ones((1, 2)), "b1": np.array([[-1.0]]), "W2": np.ones((1, 1)),
              "b2": np.zeros((1, 1))}, "W1 has shape \\(1, 2\\)"),
    (lambda: xor_block(w2=2.0, b2=0.0, bias2=-1.0) | {"W2": np.array([[0.0, 1.0]])}, "AND"),
    (lambda: xor_block(w2=2.0, b2=1.0) | {"W2": np.array([[-1.0, 2.0]])}, "XNOR"),
    (lambda: xor_block(same_units=True), "same thing"),
    (lambda: {k: np.zeros_like(v) for k, v in xor_block().items()}, "same for every input"),
    (lambda: list(xor_block().values()), "return a dict"),
    (lambda: {"W0": 1, "b0": 2}, "keys"),
    (lambda: xor_block() | {"b1": np.zeros(2)}, "column"),
])
def test_xor_block_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_xor_block(wrong)


def count_wrong(params, n, last=True, fraction=False, right=False):
    X, Y = parity.parity_data(n)
    if not last:
        X, Y = X[:, :-1], Y[:, :-1]
    out, _ = dense.model_forward(X, params, "relu", "linear")
    wrong = np.sum((out > 0.5) != (Y == 1))
    if right:
        return int(Y.shape[1] - wrong)
    return wrong / Y.shape[1] if fraction else int(wrong)


def test_count_wrong_accepts_the_right_answer(capsys):
    checks.check_count_wrong(count_wrong)
    assert "✔ count_wrong" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda p, n: count_wrong(p, n, last=False), "0 to 2\\*\\*n - 1 inclusive"),
    (lambda p, n: count_wrong(p, n, fraction=True), "fraction"),
    (lambda p, n: count_wrong(p, n, right=True), "RIGHT"),
    (lambda p, n: np.array([count_wrong(p, n)] * 2), "one number"),
    (lambda p, n: 0, "wrong on"),
    (lambda p, n: 1 / 0, "ZeroDivisionError"),
])
def test_count_wrong_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_count_wrong(wrong)


def test_counting_network_accepts_the_right_answer(capsys):
    checks.check_counting_network(parity.shallow_parity)
    assert "✔ counting_network" in capsys.readouterr().out


def _no_sign_flip(n):
    p = parity.shallow_parity(n)
    p["W2"] = np.abs(p["W2"])
    return p


@pytest.mark.parametrize("wrong, message", [
    (_no_sign_flip, "zigzag"),
    (lambda n: parity.minterm_parity(n), "uses 4 hidden units"),
    (parity.deep_parity, "hidden layers"),
    (lambda n: parity.shallow_parity(n) | {"W1": np.ones((n, n + 1))}, "columns|chain"),
])
def test_counting_network_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_counting_network(wrong)
