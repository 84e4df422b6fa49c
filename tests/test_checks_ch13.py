"""The chapter 13 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks


def keras_to_dlnotes(weights):
    return {k: v for l in range(len(weights) // 2)
            for k, v in ((f"W{l + 1}", weights[2 * l].T), (f"b{l + 1}", weights[2 * l + 1].reshape(-1, 1)))}


def test_keras_to_dlnotes_accepts_the_right_answer(capsys):
    checks.check_keras_to_dlnotes(keras_to_dlnotes)
    assert "✔ keras_to_dlnotes" in capsys.readouterr().out


def _renumber(weights):
    return {k: v for l in range(len(weights) // 2)
            for k, v in ((f"W{l}", weights[2 * l].T), (f"b{l}", weights[2 * l + 1].reshape(-1, 1)))}


@pytest.mark.parametrize("wrong, message", [
    (lambda w: {f"{p}{l // 2 + 1}": (w[l] if p == "W" else w[l + 1].reshape(-1, 1))
                for l in range(0, len(w), 2) for p in "Wb"}, "transpose the kernel"),
    (lambda w: {f"{p}{l // 2 + 1}": (w[l].T if p == "W" else w[l + 1])
                for l in range(0, len(w), 2) for p in "Wb"}, "column"),
    (_renumber, "W0"),
    (lambda w: list(keras_to_dlnotes(w).values()), "return a dict"),
    (lambda w: {k: (-v if k == "W2" else v) for k, v in keras_to_dlnotes(w).items()}, "W2 is wrong"),
    (lambda w: {k: (np.zeros_like(v) if k.startswith("b") else v)
                for k, v in keras_to_dlnotes(w).items()}, "b1 is wrong"),
])
def test_keras_to_dlnotes_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_keras_to_dlnotes(wrong)
