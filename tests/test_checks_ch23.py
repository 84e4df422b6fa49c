"""The chapter 23 checkers accept the right answers and explain the typical wrong ones."""
import copy

import numpy as np
import pytest

from dlnotes import checks


def _scale(X_fit, X):
    mu, sd = X_fit.mean(axis=1, keepdims=True), X_fit.std(axis=1, keepdims=True)
    return (X - mu) / np.where(sd == 0, 1.0, sd)


def split(X, Y, n_heldout, seed, fit="train", y_perm=True, shuffle=True, overlap=False,
          zero_std_ok=True, scale=True):
    m = X.shape[1]
    order = np.random.default_rng(seed).permutation(m) if shuffle else np.arange(m)
    held, train = order[:n_heldout], (order[:m - n_heldout] if overlap else order[n_heldout:])
    y_order = order if y_perm else np.arange(m)
    y_held = y_order[:n_heldout]
    y_train = y_order[:m - n_heldout] if overlap else y_order[n_heldout:]
    Xt, Xh = X[:, train], X[:, held]
    if scale:
        ref = {"train": Xt, "all": X}.get(fit, Xt)
        if zero_std_ok:
            Xt, Xh = _scale(ref, Xt), _scale(Xh if fit == "own" else ref, Xh)
        else:
            mu, sd = ref.mean(axis=1, keepdims=True), ref.std(axis=1, keepdims=True)
            with np.errstate(divide="ignore", invalid="ignore"):
                Xt, Xh = (Xt - mu) / sd, (Xh - mu) / sd
    return Xt, Y[:, y_train], Xh, Y[:, y_held]


def test_split_and_scale_accepts_the_right_answer(capsys):
    checks.check_split_and_scale(split)
    assert "✔ split_and_scale" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (lambda X, Y, n, s: split(X, Y, n, s, fit="all"), "leaks the held-out set"),
    (lambda X, Y, n, s: split(X, Y, n, s, fit="own"), "its own statistics"),
    (lambda X, Y, n, s: split(X, Y, n, s, shuffle=False), "not shuffled"),
    (lambda X, Y, n, s: split(X, Y, n, s, overlap=True), "in both sets"),
    (lambda X, Y, n, s: split(X, Y, n, s, y_perm=False), "labels are not shuffled"),
    (lambda X, Y, n, s: split(X, Y, n, s, zero_std_ok=False), "NaN"),
    (lambda X, Y, n, s: split(X, Y, n, s, scale=False), "not standardised"),
    (lambda X, Y, n, s: tuple(a.T for a in split(X, Y, n, s)), "examples are columns"),
    (lambda X, Y, n, s: split(X, Y, n, s)[:2], "four arrays"),
    (lambda X, Y, n, s: (lambda r: (r[0] + 1, *r[1:]))(split(X, Y, n, s)), "mean 0"),
    (lambda X, Y, n, s: (lambda r: (r[0] * 2, *r[1:]))(split(X, Y, n, s)), "features are not"),
    (lambda X, Y, n, s: split(X, Y, n, s + 1), "differs from"),
])
def test_split_and_scale_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_split_and_scale(wrong)


def early_stopping(train_epoch, heldout_cost, params, max_epochs, patience,
                   copy_best=True, strict=True, patience_shift=0, record_first=True):
    costs = [heldout_cost(params)]
    best_epoch, best = 0, copy.deepcopy(params) if copy_best else params
    for epoch in range(1, max_epochs + 1):
        train_epoch(params)
        costs.append(heldout_cost(params))
        better = costs[-1] < costs[best_epoch] if strict else costs[-1] <= costs[best_epoch]
        if better:
            best_epoch, best = epoch, (copy.deepcopy(params) if copy_best else params)
        elif epoch - best_epoch >= patience + patience_shift:
            break
    return best, best_epoch, costs if record_first else costs[1:]


def test_early_stopping_accepts_the_right_answer(capsys):
    checks.check_early_stopping(early_stopping)
    assert "✔ early_stopping" in capsys.readouterr().out


def _no_stop(train_epoch, heldout_cost, params, max_epochs, patience):
    return early_stopping(train_epoch, heldout_cost, params, max_epochs, 10**9)


def _returns_last(*args):
    _, epoch, costs = early_stopping(*args)
    return args[2], epoch, costs


@pytest.mark.parametrize("wrong, message", [
    (lambda *a: early_stopping(*a, copy_best=False), "copy"),
    (lambda *a: early_stopping(*a, strict=False), "tie"),
    (lambda *a: early_stopping(*a, patience_shift=-1), "too early"),
    (lambda *a: early_stopping(*a, patience_shift=1), "too late"),
    (lambda *a: early_stopping(*a, record_first=False), "costs\\[0\\]"),
    (_no_stop, "too late"),
    (_returns_last, "after the last epoch"),
    (lambda t, h, p, n, k: (p, 0, [h(p)]), "too early"),
    (lambda *a: early_stopping(*a)[:2], "best_params, best_epoch, costs"),
    (lambda *a: (lambda r: (r[0], float(r[1]), r[2]))(early_stopping(*a)), "int"),
])
def test_early_stopping_rejects_typical_mistakes(wrong, message):
    with pytest.raises(AssertionError, match=message):
        checks.check_early_stopping(wrong)
