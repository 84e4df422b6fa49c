"""The chapter 38 checkers accept the right answers and explain the typical wrong ones."""
import numpy as np
import pytest

from dlnotes import checks, spiking

P = spiking.LIF


def lif_rate(I, duration, dt, t_ref=P["t_ref"], leak=1.0, per="second", tau=P["tau_m"]):
    v, wait, count = P["v_reset"], 0, 0
    steps = int(round(duration / dt))
    for _ in range(steps):
        if wait > 0:
            wait -= 1
            continue
        v += dt / tau * (-leak * (v - P["v_rest"]) + P["r_m"] * I)
        if v >= P["v_th"]:
            count += 1
            v = P["v_reset"]
            wait = int(round(t_ref / dt))
    return {"second": count / duration, "count": count, "step": count / steps}[per]


def test_lif_rate_accepts_the_right_answer(capsys):
    checks.check_lif_rate(lif_rate)
    assert "✔ lif_rate_ch38" in capsys.readouterr().out


def test_lif_rate_accepts_a_refractory_period_one_step_longer():
    checks.check_lif_rate(lambda I, T, dt: lif_rate(I, T, dt, t_ref=P["t_ref"] + dt))


@pytest.mark.parametrize("wrong, message", [
    (lambda I, T, dt: lif_rate(I, T, dt, t_ref=0.0), "refractory"),
    (lambda I, T, dt: lif_rate(I, T, dt, per="count"), "numbers of spikes"),
    (lambda I, T, dt: lif_rate(I, T, dt, per="step"), "per time step"),
    (lambda I, T, dt: lif_rate(I, T, dt, leak=0.0), "leak"),
    (lambda I, T, dt: lif_rate(I, T, dt, leak=-1.0), "leak"),
    (lambda I, T, dt: 0.0, "never fires"),
    (lambda I, T, dt: lif_rate(I, T, dt, tau=2 * P["tau_m"]), "formula gives"),
    (lambda I, T, dt: np.array([1.0, 2.0]), "single number"),
])
def test_lif_rate_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_lif_rate(wrong)


def fa_backward(AL, Y, caches, B, transpose=False, no_m=False, no_derivative=False, sign=1.0,
                bad_last=False, drop_db=False, as_list=False, B_T=False):
    L, grads, dZ = len(caches), {}, sign * (AL - Y)
    for l in range(L, 0, -1):
        (A_prev, W, _), Z, _ = caches[l - 1]
        if l < L:
            dZ = dA if no_derivative else dA * (1 - np.tanh(Z) ** 2)
        m = 1 if no_m else A_prev.shape[1]
        grads[f"dW{l}"] = dZ @ A_prev.T / m
        if not drop_db:
            grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True) / m
        if l > 1:
            dA = W.T @ dZ if transpose else (B[f"B{l}"].T.T if not B_T else B[f"B{l}"].T) @ dZ
    if bad_last:
        grads[f"dW{L}"] = grads[f"dW{L}"] * 2
    return list(grads.values()) if as_list else grads


def test_feedback_backward_accepts_the_right_answer(capsys):
    checks.check_feedback_backward(fa_backward)
    assert "✔ fa_backward_ch38" in capsys.readouterr().out


@pytest.mark.parametrize("kwargs, message", [
    (dict(transpose=True), "this is backpropagation"),
    (dict(no_m=True), "divide dW and db by m"),
    (dict(no_derivative=True), "tanh derivative"),
    (dict(sign=-1.0), "signs are flipped"),
    (dict(bad_last=True), "last layer's update is the true gradient"),
    (dict(drop_db=True), "keys"),
    (dict(as_list=True), "return a dict"),
    (dict(B_T=True), "raised ValueError"),
])
def test_feedback_backward_rejects_typical_mistakes(kwargs, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_feedback_backward(lambda AL, Y, c, B: fa_backward(AL, Y, c, B, **kwargs))


def test_feedback_backward_rejects_a_wrong_hidden_update():
    def wrong(AL, Y, caches, B):
        g = fa_backward(AL, Y, caches, B)
        g["dW1"] = g["dW1"] + 0.1
        return g
    with pytest.raises(AssertionError, match="dW1 is wrong"):
        checks.check_feedback_backward(wrong)
