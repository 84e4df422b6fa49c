"""Checkers for chapter 24: the L2 terms of the cost and the gradient, and inverted dropout."""
import numpy as np

from ._core import call, passed, require_array, scalar

__all__ = ["check_l2_terms", "check_dropout_layer"]


def _params(rng):
    return {"W1": rng.standard_normal((4, 3)), "b1": rng.standard_normal((4, 1)),
            "W2": rng.standard_normal((1, 4)), "b2": rng.standard_normal((1, 1))}


def check_l2_terms(l2_cost, l2_grads):
    """``l2_cost(cross_entropy, params, lambd, m)`` = cross_entropy + λ/(2m) Σ_l ‖W[l]‖² (weights
    only); ``l2_grads(grads, params, lambd, m)`` = a new dict with dW[l] + (λ/m) W[l] and the
    db[l] unchanged."""
    rng = np.random.default_rng(24)
    params, lambd, m, ce = _params(rng), 0.7, 5, 0.4
    grads = {"d" + k: rng.standard_normal(v.shape) for k, v in params.items()}
    sq_w = sum(float(np.sum(params[k] ** 2)) for k in ("W1", "W2"))
    sq_b = sum(float(np.sum(params[k] ** 2)) for k in ("b1", "b2"))
    got = scalar(call(l2_cost, "l2_cost(0.4, params, 0.7, 5)", ce,
                      {k: v.copy() for k, v in params.items()}, lambd, m), "l2_cost(...)")
    want = ce + lambd / (2 * m) * sq_w
    wrong = [
        (ce + lambd / m * sq_w, "the penalty is twice too large: it is λ/(2m) Σ‖W‖², with the 1/2"),
        (ce + lambd / 2 * sq_w, "the penalty lacks the 1/m: it is λ/(2m) Σ‖W‖²"),
        (ce + lambd / (2 * m) * (sq_w + sq_b), "the biases are penalised too: sum over the "
         "weights W[l] only"),
        (lambd / (2 * m) * sq_w, "l2_cost returns only the penalty: add it to the cross-entropy"),
        (ce + lambd / (2 * m) * sum(float(np.sqrt(np.sum(params[k] ** 2))) for k in ("W1", "W2")),
         "the penalty uses ‖W‖, not its square ‖W‖² = Σ w²"),
        (ce + lambd / (2 * m) * sum(float(np.sum(np.abs(params[k]))) for k in ("W1", "W2")),
         "the penalty sums |w| (that is L1); L2 sums the squares w²"),
    ]
    if not np.isclose(got, want, rtol=1e-10, atol=1e-12):
        for value, message in wrong:
            if np.isclose(got, value, rtol=1e-10, atol=1e-12):
                raise AssertionError(message)
        raise AssertionError(f"l2_cost(0.4, params, 0.7, 5) is {got}, expected {want}")
    zero = scalar(call(l2_cost, "l2_cost with lambd=0", ce, params, 0.0, m), "l2_cost(...)")
    if not np.isclose(zero, ce):
        raise AssertionError(f"with lambd = 0 the cost should be the cross-entropy {ce}, got {zero}")

    before = {k: v.copy() for k, v in grads.items()}
    out = call(l2_grads, "l2_grads(grads, params, 0.7, 5)", grads, params, lambd, m)
    if not isinstance(out, dict):
        raise AssertionError(f"l2_grads should return a dict of gradients, got {type(out).__name__}")
    missing = sorted(set(before) - set(out))
    if missing:
        raise AssertionError(f"l2_grads's result lacks {missing}: return every gradient, "
                             "the db's unchanged")
    for k in ("W1", "W2", "b1", "b2"):
        require_array(out["d" + k], f"l2_grads(...)['d{k}']", shape=params[k].shape)
    for k in ("b1", "b2"):
        if not np.allclose(out["d" + k], before["d" + k]):
            if np.allclose(out["d" + k], before["d" + k] + lambd / m * params[k]):
                raise AssertionError("the bias gradients changed: the penalty has no b, so db "
                                     "stays as it is")
            raise AssertionError(f"d{k} changed; the bias gradients must stay as they are")
    for k in ("W1", "W2"):
        g, d, w = out["d" + k], before["d" + k], params[k]
        if np.allclose(g, d + lambd / m * w):
            continue
        for value, message in [
            (d + 2 * lambd / m * w, "dW gets 2λ/m W: the derivative of λ/(2m)‖W‖² is (λ/m) W"),
            (d + lambd * w, "dW gets λ W: the 1/m is missing, it is (λ/m) W"),
            (d - lambd / m * w, "dW gets −(λ/m) W: the sign is wrong, the penalty's gradient is "
                                "+(λ/m) W"),
            (d + lambd / (2 * m) * w, "dW gets λ/(2m) W: differentiating w² gives 2w, so the 1/2 "
                                      "cancels: (λ/m) W"),
            (d + lambd / m, "dW gets λ/m added to every entry: the term is (λ/m) times W"),
            (d, "dW is unchanged: add (λ/m) W to it"),
        ]:
            if np.allclose(g, value):
                raise AssertionError(message)
        raise AssertionError(f"d{k} is wrong: expected d{k} + (λ/m) {k}")
    passed("l2_terms", "the cost gets λ/(2m) Σ‖W‖² and each dW gets (λ/m) W; biases untouched.")


def check_dropout_layer(forward, backward):
    """``forward(A, keep_prob, rng)`` -> (out, cache) with the mask drawn as
    ``rng.random(A.shape) < keep_prob`` and out = A * mask / keep_prob; ``backward(dout, cache)``
    -> dout * mask / keep_prob with the same mask."""
    A = np.random.default_rng(240).uniform(0.5, 1.5, size=(60, 300))   # no zeros in A
    keep = 0.8
    got = call(forward, "forward(A, 0.8, rng)", A.copy(), keep, np.random.default_rng(7))
    if not isinstance(got, tuple) or len(got) != 2:
        raise AssertionError("forward should return (out, cache)")
    out, cache = got
    out = require_array(out, "out", shape=A.shape)
    dropped = out == 0
    share = float(1 - dropped.mean())
    if share == 1.0:
        raise AssertionError("no unit was dropped: zero the units where the mask is False")
    if abs(share - (1 - keep)) < 0.02:
        raise AssertionError(f"{share:.0%} of the units are kept with keep_prob = {keep}: keep a "
                             "unit where rng.random(A.shape) < keep_prob, not >")
    if abs(share - keep) > 0.02:
        raise AssertionError(f"{share:.0%} of the units are kept; expected about {keep:.0%}")
    if np.all(dropped == dropped[:, :1]):
        raise AssertionError("every example has the same mask: draw one entry per unit and per "
                             "example, the shape of A")
    kept = ~dropped
    if np.allclose(out[kept], A[kept]):
        raise AssertionError("the kept units are not scaled: divide by keep_prob (inverted "
                             "dropout keeps E[out] = A)")
    if np.allclose(out[kept], A[kept] * keep):
        raise AssertionError("the kept units are multiplied by keep_prob; divide by it instead")
    if not np.allclose(out[kept], A[kept] / keep):
        raise AssertionError("out is not A / keep_prob where a unit is kept")
    want_mask = np.random.default_rng(7).random(A.shape) < keep
    if not np.array_equal(kept, want_mask):
        raise AssertionError("the mask differs from rng.random(A.shape) < keep_prob drawn from "
                             "the rng passed in (draw it once, from that rng)")
    dout = np.random.default_rng(241).standard_normal(A.shape)
    dA = require_array(call(backward, "backward(dout, cache)", dout.copy(), cache), "dA",
                       shape=A.shape)
    if np.allclose(dA, dout):
        raise AssertionError("backward returns dout unchanged: apply the forward mask and "
                             "divide by keep_prob")
    if not np.array_equal(dA == 0, dropped):
        raise AssertionError("backward zeroes other units than forward dropped: use the mask "
                             "saved in the cache, never a new one")
    if np.allclose(dA[kept], dout[kept]):
        raise AssertionError("backward does not divide by keep_prob: dA = dout * mask / keep_prob")
    if not np.allclose(dA[kept], dout[kept] / keep):
        raise AssertionError("dA is not dout / keep_prob where the unit was kept")
    same = call(forward, "forward(A, 1.0, rng)", A.copy(), 1.0, np.random.default_rng(8))[0]
    if not np.allclose(same, A):
        raise AssertionError("with keep_prob = 1 forward must return A unchanged")
    passed("dropout_layer", f"{share:.1%} of the units kept with keep_prob = {keep}, scaled by "
                            "1/keep_prob, and backward reuses the mask.")
