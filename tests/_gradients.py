"""The one tolerance rule for comparing an analytic gradient with centred differences.

The centred difference D(h) = (f(x + h) − f(x − h)) / 2h of a float64 function has two errors:

- truncation: D(h) − f'(x) = h² f'''(ξ) / 6, so at most h² M₃ / 6 with M₃ a bound on |f'''|
  near x (the test's functions are smooth away from kinks, M₃ = O(1) at the scales they use);
- rounding: each f(x ± h) is computed with an error of a few ulps of the size S of the numbers
  f adds or subtracts, at most k ε S with ε = 2.2e-16; dividing their difference by 2h gives
  k ε S / h. S is not |f|: a tiny cost −log softmax(z)_y = logsumexp(z) − z_y is a difference of
  numbers of the size of the logits, and −log p for p near 1 inherits the rounding of p ≈ 1. So
  the default is S = max(|f(x)|, 1) (inputs and probabilities of order 1), and a test passes a
  larger S when f subtracts larger numbers (logits times 3) or sums terms of both signs.

So an entry may differ by up to ``floor = k ε S / h + h² M₃ / 6`` however correct the gradient
is: with h = 1e-6 and S ~ 1 that is about 4e-9 (k = 16). A purely relative bound fails on tiny
gradients (a gradient of 1e-6 with an error of 1e-10 has a relative difference of 1e-4: the case
classes=2, m=1, seed=3 of the softmax cross-entropy test). The rule is therefore

    ‖g − g_num‖ ≤ rtol (‖g‖ + ‖g_num‖) + √n · floor,

the relative bound (rtol = 1e-7, as before) for ordinary gradients plus the absolute floor for
tiny ones. A wrong gradient (a missing 1/m, a sign, a transposed matrix) is off by a fraction of
‖g‖ itself and still fails, unless ‖g‖ is itself below the floor.
"""
import numpy as np

from dlnotes.gradcheck import numerical_gradient, numerical_gradients

EPS = float(np.finfo(np.float64).eps)
ULPS = 16          # k: rounding error of one evaluation of f, in ulps of S
THIRD = 1.0        # M₃: bound on |f'''| near x


def floor(f_scale, h, third=THIRD, ulps=ULPS):
    """Largest error of one centred-difference entry of a correct gradient (see above)."""
    return ulps * EPS * abs(f_scale) / h + h * h * third / 6


def assert_gradient_close(analytic, numeric, *, f_scale, h, rtol=1e-7, third=THIRD):
    g = np.ravel(np.asarray(analytic, dtype=np.float64))
    g_num = np.ravel(np.asarray(numeric, dtype=np.float64))
    assert g.shape == g_num.shape, (g.shape, g_num.shape)
    err = float(np.linalg.norm(g - g_num))
    bound = rtol * float(np.linalg.norm(g) + np.linalg.norm(g_num)) + \
        np.sqrt(g.size) * floor(f_scale, h, third)
    assert err <= bound, (f"gradient differs from centred differences by {err:.3e} > bound "
                          f"{bound:.3e} (‖g‖ = {np.linalg.norm(g):.3e}, f scale {f_scale:.3e}, "
                          f"h = {h:g})")


def check_gradient(f, x, analytic, h=1e-6, rtol=1e-7, f_scale=None, third=THIRD):
    """Compare ``analytic`` with centred differences of f at x; ``f_scale`` (S above) defaults to
    max(|f(x)|, 1)."""
    numeric = numerical_gradient(f, x, h)
    scale = max(abs(float(f(np.array(x, dtype=np.float64)))), 1.0) if f_scale is None else f_scale
    assert_gradient_close(analytic, numeric, f_scale=scale, h=h, rtol=rtol, third=third)


def check_gradients(f, params, grads, h=1e-7, rtol=1e-7, f_scale=None, third=THIRD):
    """The same for a dict of parameters and the analytic gradients {"d" + name: ...}."""
    numeric = numerical_gradients(f, params, h)
    scale = max(abs(float(f({k: np.array(v, dtype=np.float64) for k, v in params.items()}))),
                1.0) if f_scale is None else f_scale
    keys = list(params)
    assert_gradient_close(np.concatenate([np.ravel(grads["d" + k]) for k in keys]),
                          np.concatenate([np.ravel(numeric["d" + k]) for k in keys]),
                          f_scale=scale, h=h, rtol=rtol, third=third)
