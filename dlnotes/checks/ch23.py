"""Checkers for chapter 23, overfitting: a held-out split that does not leak, and early stopping."""
import numpy as np

from ._core import call, passed, require_array

__all__ = ["check_split_and_scale", "check_early_stopping"]


def _standardise(X_train, X_apply):
    mu = X_train.mean(axis=1, keepdims=True)
    sd = X_train.std(axis=1, keepdims=True)
    sd[sd == 0] = 1.0
    return (X_apply - mu) / sd


def _split(X, Y, n_heldout, seed, stats="train", perm_y=None, overlap=False, shuffle=True):
    """The right split (defaults) and its typical wrong variants, for comparison."""
    m = X.shape[1]
    order = np.random.default_rng(seed).permutation(m) if shuffle else np.arange(m)
    y_order = order if perm_y is None else perm_y
    cut = slice(0, m - n_heldout) if overlap else slice(n_heldout, m)   # overlap: both from 0
    held, train, y_held, y_train = order[:n_heldout], order[cut], y_order[:n_heldout], y_order[cut]
    if stats == "train":
        Xt, Xh = _standardise(X[:, train], X[:, train]), _standardise(X[:, train], X[:, held])
    elif stats == "all":
        Xt, Xh = _standardise(X, X[:, train]), _standardise(X, X[:, held])
    else:  # "own": each set scaled with its own statistics
        Xt, Xh = _standardise(X[:, train], X[:, train]), _standardise(X[:, held], X[:, held])
    return Xt, Y[:, y_train], Xh, Y[:, y_held]


def _matches(got, want):
    return all(np.shape(g) == np.shape(w) and np.allclose(g, w, atol=1e-9)
               for g, w in zip(got, want))


def check_split_and_scale(split_and_scale):
    """``split_and_scale(X, Y, n_heldout, seed)`` -> (X_train, Y_train, X_heldout, Y_heldout):
    the columns shuffled by ``np.random.default_rng(seed).permutation(m)``, the first
    ``n_heldout`` held out, every feature (row) standardised with the mean and standard deviation
    of the training columns only (a standard deviation of 0 counts as 1)."""
    rng = np.random.default_rng(23)
    n, m, n_heldout, seed = 4, 30, 10, 7
    X = rng.normal(3.0, 2.0, size=(n, m)) * np.array([[1.0], [5.0], [0.2], [1.0]])
    X[:3, :6] += 4.0                                # the first columns differ: order matters
    X[3] = 1.5                                      # a constant feature: std 0
    Y = (rng.random((1, m)) < 0.5).astype(float)
    Y[0, :3] = [0, 1, 1]
    got = call(split_and_scale, "split_and_scale(X, Y, 10, 7)", X.copy(), Y.copy(), n_heldout,
               seed)
    if not isinstance(got, tuple) or len(got) != 4:
        raise AssertionError("split_and_scale should return a tuple of four arrays "
                             "(X_train, Y_train, X_heldout, Y_heldout)")
    names = ("X_train", "Y_train", "X_heldout", "Y_heldout")
    shapes = ((n, m - n_heldout), (1, m - n_heldout), (n, n_heldout), (1, n_heldout))
    for value, name, shape in zip(got, names, shapes):
        require_array(value, name)
        if value.shape == shape[::-1]:
            raise AssertionError(f"{name} has shape {value.shape}: examples are columns here, "
                                 f"expected {shape}")
        require_array(value, name, shape=shape)
    want = _split(X, Y, n_heldout, seed)
    if _matches(got, want):
        passed("split_and_scale", f"{m - n_heldout} training and {n_heldout} held-out columns, "
                                  "scaled with the training statistics only.")
        return
    if np.isnan(got[0]).any() or np.isnan(got[2]).any():
        raise AssertionError("the scaled features contain NaN: a feature with standard deviation "
                             "0 must be divided by 1, not by 0")
    diagnoses = [
        (dict(stats="all"), "the mean and standard deviation come from all m examples: that "
         "leaks the held-out set into the training inputs. Compute them on the training columns"),
        (dict(stats="own"), "the held-out set is scaled with its own statistics; scale it with "
         "the training set's mean and standard deviation, as a new example would be"),
        (dict(shuffle=False), "the columns are not shuffled: use "
         "np.random.default_rng(seed).permutation(m) and hold out the first n_heldout"),
        (dict(overlap=True), "examples are in both sets: the training set is the columns after "
         "the n_heldout held-out ones, order[n_heldout:]"),
        (dict(perm_y=np.arange(m)), "the labels are not shuffled with the examples: index Y with "
         "the same permutation as X"),
    ]
    for variant, message in diagnoses:
        if _matches(got, _split(X, Y, n_heldout, seed, **variant)):
            raise AssertionError(message)
    if _matches(got[1::2], want[1::2]):
        if np.allclose(got[0], X[:, np.random.default_rng(seed).permutation(m)[n_heldout:]]):
            raise AssertionError("X_train is not standardised: subtract the training mean of "
                                 "each feature and divide by its standard deviation")
        means = got[0].mean(axis=1)
        if not np.allclose(means, 0, atol=1e-9):
            raise AssertionError("the training features do not have mean 0: standardise each "
                                 "feature (row, axis=1) over the training columns")
        raise AssertionError("the labels are right but the scaled features are not: (X − mean) / "
                             "std per feature (axis=1), training statistics, std 0 counts as 1")
    raise AssertionError("the split differs from np.random.default_rng(seed).permutation(m) "
                         "with the first n_heldout columns held out")


def _early_stopping_reference(train_epoch, heldout_cost, params, max_epochs, patience):
    import copy

    costs = [float(heldout_cost(params))]
    best_epoch, best = 0, copy.deepcopy(params)
    for epoch in range(1, max_epochs + 1):
        train_epoch(params)
        costs.append(float(heldout_cost(params)))
        if costs[-1] < costs[best_epoch]:
            best_epoch, best = epoch, copy.deepcopy(params)
        elif epoch - best_epoch >= patience:
            break
    return best, best_epoch, costs


def _scenario(curve):
    """params {"w": [epochs trained]}; training adds 1 in place; the held-out cost is curve[w]."""
    calls = {"train": 0}

    def train_epoch(params):
        calls["train"] += 1
        params["w"] += 1

    def heldout_cost(params):
        return curve[int(params["w"][0])]

    return train_epoch, heldout_cost, calls


def check_early_stopping(early_stopping):
    """``early_stopping(train_epoch, heldout_cost, params, max_epochs, patience)`` ->
    (best_params, best_epoch, costs): costs[k] the held-out cost after k epochs (costs[0] before
    any training), best_epoch the first epoch of lowest cost, best_params a copy of the
    parameters then; stop once ``patience`` epochs in a row bring no cost below the best, or
    after ``max_epochs``."""
    curve = [5.0, 4.0, 3.0, 3.5, 2.5, 2.6, 2.5, 2.55, 2.2, 2.9, 3.0, 3.1, 3.2, 3.3, 3.4, 3.5,
             3.6, 3.7, 3.8, 3.9, 4.0]
    cases = [(curve, 20, 3), (curve, 20, 4), ([3.0, 2.0, 1.5, 1.2, 1.1, 1.05, 1.0], 4, 2)]
    for curve_, max_epochs, patience in cases:
        train_epoch, heldout_cost, calls = _scenario(curve_)
        params = {"w": np.zeros(1)}
        got = call(early_stopping, "early_stopping(...)", train_epoch, heldout_cost, params,
                   max_epochs, patience)
        if not isinstance(got, tuple) or len(got) != 3:
            raise AssertionError("early_stopping should return (best_params, best_epoch, costs)")
        best_params, best_epoch, costs = got
        r_train, r_cost, _ = _scenario(curve_)
        want_params, want_epoch, want_costs = _early_stopping_reference(
            r_train, r_cost, {"w": np.zeros(1)}, max_epochs, patience)
        setting = f"(held-out costs {curve_[:len(want_costs)]}, patience {patience}, " \
                  f"max_epochs {max_epochs})"
        costs = list(np.ravel(np.asarray(costs, dtype=float)))
        trained = calls["train"]
        if trained > max_epochs:
            raise AssertionError(f"trained {trained} epochs with max_epochs={max_epochs} {setting}")
        if len(costs) == trained and costs == want_costs[1:trained + 1]:
            raise AssertionError("costs lacks costs[0], the held-out cost before any training")
        if trained != len(want_costs) - 1:
            hint = ("it stops too early: wait for `patience` epochs in a row without a new best"
                    if trained < len(want_costs) - 1 else
                    "it stops too late (or never): stop once `patience` epochs in a row bring "
                    "no held-out cost below the best")
            raise AssertionError(f"trained {trained} epochs, expected {len(want_costs) - 1} "
                                 f"{setting}: {hint}")
        if costs != want_costs:
            raise AssertionError(f"costs is {costs}, expected {want_costs} {setting}")
        if not isinstance(best_epoch, (int, np.integer)) or isinstance(best_epoch, bool):
            raise AssertionError(f"best_epoch should be an int, got {type(best_epoch).__name__}")
        if best_epoch != want_epoch:
            last_tie = max(k for k, c in enumerate(want_costs) if c == min(want_costs))
            hint = (" (on a tie keep the earlier epoch: a new best must be strictly lower)"
                    if best_epoch == last_tie else "")
            raise AssertionError(f"best_epoch is {best_epoch}, expected {want_epoch} "
                                 f"{setting}{hint}")
        if not isinstance(best_params, dict) or "w" not in best_params:
            raise AssertionError("best_params should be the parameter dict saved at best_epoch")
        w = float(np.ravel(best_params["w"])[0])
        if best_params is params or w == trained != want_epoch:
            raise AssertionError("best_params holds the parameters after the last epoch: save a "
                                 "copy (copy.deepcopy(params)) when a new best is found, because "
                                 "training changes the arrays in place")
        if w != want_params["w"][0]:
            raise AssertionError(f"best_params holds the parameters after {w:g} epochs, "
                                 f"expected those after epoch {want_epoch}")
    passed("early_stopping", "it keeps the parameters of the best held-out epoch and stops after "
                             "`patience` epochs without improvement.")
