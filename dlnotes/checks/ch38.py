"""Checkers for chapter 38, deep learning and the brain: the firing rate of a leaky
integrate-and-fire neuron, and the backward pass of feedback alignment."""
import numpy as np

from .. import dense, feedback, spiking
from ._core import call, close, passed, scalar

__all__ = ["check_lif_rate", "check_feedback_backward"]

_CURRENTS = (1.0, 3.0, 12.0, 40.0)     # nA: below threshold, near it, in the middle, near saturation


def check_lif_rate(lif_rate_ch38):
    """``lif_rate_ch38(I, duration, dt)`` -> the firing rate in Hz of the LIF neuron with the
    parameters ``spiking.LIF`` driven by the constant current I (nA) for ``duration`` seconds,
    integrated by forward Euler with step ``dt`` (s), starting at v_reset."""
    duration, dt = 0.5, 1e-4
    lif = spiking.LIF
    steps = int(round(duration / dt))
    currents = np.array(_CURRENTS)
    got = np.array([scalar(call(lif_rate_ch38, "lif_rate_ch38", I, duration, dt),
                           f"lif_rate_ch38({I}, {duration}, {dt})") for I in _CURRENTS])
    want = spiking.analytic_rate(currents)
    measured = spiking.firing_rate(currents, duration, dt)
    count = measured * duration
    if close(got, count, rtol=0.02, atol=0.5) and not close(got, measured, rtol=0.02, atol=0.5):
        raise AssertionError(f"the rates {got.tolist()} look like numbers of spikes; divide by the "
                             f"duration ({duration} s) to get spikes per second")
    if close(got, count / steps, rtol=0.02, atol=0.5 / steps):
        raise AssertionError(f"the rates {np.round(got, 5).tolist()} are spikes per time step; "
                             "divide the count by the duration in seconds, not by the number of "
                             "steps")
    no_ref = spiking.firing_rate(currents, duration, dt, t_ref=0.0)
    if np.any(got > 1 / lif["t_ref"]) or close(got, no_ref, rtol=0.02, atol=2 / duration):
        raise AssertionError(
            f"at I = {currents[-1]} nA the rate is {got[-1]:.0f} Hz, above what the refractory "
            f"period allows ({want[-1]:.0f} Hz expected, at most 1/t_ref = "
            f"{1 / lif['t_ref']:.0f} Hz): after a spike hold v at v_reset for t_ref = "
            f"{lif['t_ref']} s (round(t_ref/dt) steps)")
    for I, g, w, r in zip(currents, got, want, measured):
        if w == 0 and g != 0:
            raise AssertionError(
                f"at I = {I} nA the neuron fires ({g:g} Hz), but R·I = {lif['r_m'] * I:g} mV "
                f"cannot lift v from v_rest = {lif['v_rest']} mV to v_th = {lif['v_th']} mV: "
                "the leak term −(v − v_rest) is missing or has the wrong sign")
        if w > 0 and g == 0:
            raise AssertionError(f"at I = {I} nA the neuron never fires; it should spike at about "
                                 f"{w:.0f} Hz. Check the Euler update v += dt/τ_m·(−(v − v_rest)"
                                 " + R·I) and the test v >= v_th")
        if abs(g - w) > 2 / duration + 2 * w ** 2 * dt:
            raise AssertionError(
                f"at I = {I} nA the rate is {g:.1f} Hz; the formula gives {w:.1f} Hz and the "
                f"package's Euler simulation {r:.1f} Hz. Check the reset to v_reset "
                f"({lif['v_reset']} mV), the time constant τ_m = {lif['tau_m']} s and the step dt")
    passed("lif_rate_ch38", "zero below I_th, the formula's rate above it, capped by t_ref.")


def _network(seed=38):
    rng = np.random.default_rng(seed)
    dims = [6, 5, 4, 3]
    params = dense.init_params(dims, "xavier", seed)
    X = rng.standard_normal((dims[0], 9))
    Y = np.eye(dims[-1])[rng.integers(dims[-1], size=9)].T
    AL, caches = dense.model_forward(X, params, "tanh", "softmax")
    B = feedback.feedback_matrices(dims, seed + 1)
    return AL, Y, caches, B


def _variant(AL, Y, caches, B, transpose=False, no_m=False, no_derivative=False, sign=1.0):
    L, grads, dZ = len(caches), {}, sign * (AL - Y)
    for l in range(L, 0, -1):
        (A_prev, W, _), Z, _ = caches[l - 1]
        if l < L:
            dZ = dA if no_derivative else dA * (1 - np.tanh(Z) ** 2)
        m = 1 if no_m else A_prev.shape[1]
        grads[f"dW{l}"], grads[f"db{l}"] = dZ @ A_prev.T / m, dZ.sum(axis=1, keepdims=True) / m
        dA = (W.T if transpose else B[f"B{l}"]) @ dZ if l > 1 else None
    return grads


def check_feedback_backward(fa_backward_ch38):
    """``fa_backward_ch38(AL, Y, caches, B)`` -> {"dW1", "db1", ..., "dWL", "dbL"}: the
    feedback-alignment updates for the caches of ``dense.model_forward`` (softmax output), with
    the error sent back through B[l] (shape of W[l]ᵀ) instead of W[l]ᵀ."""
    AL, Y, caches, B = _network()
    B_before = {k: v.copy() for k, v in B.items()}
    got = call(fa_backward_ch38, "fa_backward_ch38", AL.copy(), Y.copy(), caches,
               {k: v.copy() for k, v in B.items()})
    if not isinstance(got, dict):
        raise AssertionError(f"fa_backward_ch38 returned a {type(got).__name__}; return a dict "
                             "{'dW1': ..., 'db1': ..., 'dW3': ..., 'db3': ...}")
    want = feedback.model_backward(AL, Y, caches, B_before)
    if set(got) != set(want):
        raise AssertionError(f"fa_backward_ch38 returned the keys {sorted(got)}, expected "
                             f"{sorted(want)}")
    if all(close(got[k], want[k]) for k in want):
        passed("fa_backward_ch38", "the error travels back through B, the last layer's update is "
                                   "the true gradient.")
        return
    hints = [
        (dict(transpose=True), "this is backpropagation: the error goes back through W[l]ᵀ; "
                               "feedback alignment sends it through the fixed B[l] instead"),
        (dict(no_m=True), "the updates are m times too large: divide dW and db by m"),
        (dict(no_derivative=True), "dZ[l] = dA[l] * g'(Z[l]) is missing the tanh derivative "
                                   "1 − tanh(Z)² for the hidden layers"),
        (dict(sign=-1.0), "the signs are flipped: dZ[L] = A[L] − Y"),
    ]
    for kwargs, hint in hints:
        alt = _variant(AL, Y, caches, B_before, **kwargs)
        if all(close(got[k], alt[k]) for k in alt if k in got):
            raise AssertionError(f"fa_backward_ch38 is wrong: {hint}.")
    for k in sorted(want, key=lambda k: (-int(k[2:]), k)):
        if not close(got[k], want[k]):
            where = ("the last layer's update is the true gradient (A[L] − Y) A[L−1]ᵀ / m, "
                     "whatever the feedback" if k.endswith(str(len(caches)))
                     else "send dZ back with dA[l−1] = B[l] dZ[l], then dZ[l−1] = dA[l−1] * g'(Z[l−1])")
            raise AssertionError(f"{k} is wrong (shape {np.shape(got[k])}, expected "
                                 f"{want[k].shape}): {where}")
