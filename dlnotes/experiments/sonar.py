"""Chapter 14: sonar returns, mines vs rocks, four networks under stratified k-fold cross-validation.

The four configurations of the classic Keras tutorial, all trained with Adam (learning rate 0.001),
the binary cross-entropy, 100 epochs of mini-batches of 5:

| name           | inputs        | layers        |
|----------------|---------------|---------------|
| ``baseline``   | raw           | 60-60-1       |
| ``standardized`` | standardized | 60-60-1      |
| ``smaller``    | standardized  | 60-30-1       |
| ``larger``     | standardized  | 60-60-30-1    |

Standardization is the first step of a scikit-learn ``Pipeline``, so ``cross_val_score`` fits the
scaler on the training folds only and the held-out fold never leaks into it. The same pipeline
runs Keras (through SciKeras) and dlnotes (through :class:`DenseClassifier`).

Full size from the command line: ``python -m dlnotes sonar [--folds 10] [--epochs 100]``.
"""
from __future__ import annotations

import time

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from .. import cli, data

__all__ = ["CONFIGS", "PUBLISHED", "PUBLISHED_FOLDS", "DenseClassifier", "keras_classifier", "make_pipeline",
           "folds", "evaluate", "run", "table", "main"]

CONFIGS = {
    "baseline": {"standardize": False, "hidden": (60,)},
    "standardized": {"standardize": True, "hidden": (60,)},
    "smaller": {"standardize": True, "hidden": (30,)},
    "larger": {"standardize": True, "hidden": (60, 30)},
}
# Mean (standard deviation) of the 10 fold accuracies published by the tutorial (Brownlee).
PUBLISHED_FOLDS = 10
PUBLISHED = {"baseline": (0.8168, 0.0726), "standardized": (0.8456, 0.0574),
             "smaller": (0.8604, 0.0400), "larger": (0.8314, 0.0452)}
FRAMEWORKS = ("keras", "dlnotes")
# Stratified k-fold needs every fold to hold each class: at most 97 folds (97 rocks, 111 mines).
MAX_FOLDS = 97


class DenseClassifier(ClassifierMixin, BaseEstimator):
    """A scikit-learn classifier around :func:`dlnotes.dense.fit`: ReLU hidden layers of sizes
    ``hidden``, one sigmoid output unit, Adam on mini-batches, Glorot-scaled initial weights.

    Rows in, as scikit-learn wants: X (m, n_x), y (m,) with two classes; inside, the course's
    columns, X.T (n_x, m). ``classes_[1]`` is the positive class (label 1 for the network).
    """

    def __init__(self, hidden=(60,), epochs=100, batch_size=5, learning_rate=0.001, seed=0):
        self.hidden = hidden
        self.epochs = epochs
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.seed = seed

    def fit(self, X, y):
        from sklearn.utils.multiclass import check_classification_targets
        from sklearn.utils.validation import validate_data

        from .. import dense

        X, y = validate_data(self, X, y, dtype=np.float64)
        check_classification_targets(y)
        self.classes_ = np.unique(y)
        if len(self.classes_) != 2:
            # The wording is scikit-learn's convention for binary-only classifiers.
            raise ValueError(f"Only binary classification is supported: y must hold exactly "
                             f"two classes, got {len(self.classes_)} class(es) "
                             f"{self.classes_.tolist()[:5]} in y of shape {y.shape}")
        Y = (y == self.classes_[1]).astype(np.float64).reshape(1, -1)
        dims = [X.shape[1], *self.hidden, 1]
        self.params_, self.costs_ = dense.fit(
            X.T, Y, dims, hidden="relu", output="sigmoid", init="xavier", optimizer="adam",
            learning_rate=self.learning_rate, epsilon=1e-7, epochs=self.epochs,
            batch_size=self.batch_size, seed=self.seed, record_every=max(1, self.epochs))
        return self

    def predict_proba(self, X):
        """(m, 2): columns P(classes_[0]) and P(classes_[1]) = A[L]."""
        from sklearn.utils.validation import check_is_fitted, validate_data

        from .. import dense

        check_is_fitted(self)
        X = validate_data(self, X, dtype=np.float64, reset=False)
        p = dense.model_forward(X.T, self.params_)[0].reshape(-1)
        return np.column_stack([1 - p, p])

    def predict(self, X):
        positive = self.predict_proba(X)[:, 1] > 0.5
        return self.classes_[positive.astype(int)]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False
        return tags


def _keras_model(hidden, learning_rate, meta):
    from .pima import keras_binary_mlp

    return keras_binary_mlp(meta["n_features_in_"], hidden, learning_rate)


def keras_classifier(hidden=(60,), epochs=100, batch_size=5, learning_rate=0.001, seed=0):
    """The same network in Keras, as a scikit-learn classifier (SciKeras' ``KerasClassifier``)."""
    from scikeras.wrappers import KerasClassifier

    return KerasClassifier(model=_keras_model, model__hidden=hidden,
                           model__learning_rate=learning_rate, epochs=epochs,
                           batch_size=batch_size, random_state=seed, verbose=0)


def make_pipeline(config, framework, *, epochs=100, batch_size=5, learning_rate=0.001, seed=0):
    """``Pipeline([("standardize", StandardScaler() or "passthrough"), ("net", classifier)])``
    for a configuration name of :data:`CONFIGS` and a framework, "keras" or "dlnotes"."""
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    if config not in CONFIGS:
        raise ValueError(f"config must be one of {list(CONFIGS)}, got {config!r}")
    if framework not in FRAMEWORKS:
        raise ValueError(f"framework must be one of {FRAMEWORKS}, got {framework!r}")
    make = DenseClassifier if framework == "dlnotes" else keras_classifier
    net = make(hidden=CONFIGS[config]["hidden"], epochs=epochs, batch_size=batch_size,
               learning_rate=learning_rate, seed=seed)
    scaler = StandardScaler() if CONFIGS[config]["standardize"] else "passthrough"
    return Pipeline([("standardize", scaler), ("net", net)])


def folds(n_splits=10, seed=7):
    """Stratified k-fold splitter, shuffled with ``seed``: every fold keeps the mine/rock mix."""
    from sklearn.model_selection import StratifiedKFold

    return StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)


def evaluate(config, framework, *, n_splits=10, epochs=100, batch_size=5, learning_rate=0.001,
             seed=7, cv_seed=7, max_folds=None):
    """Cross-validated accuracy of one configuration in one framework.

    Returns {"scores": fold accuracies, "mean", "std", "seconds", "n_splits"}; ``seed`` seeds
    the networks (Keras: also op determinism), ``cv_seed`` the folds. ``max_folds`` runs only
    the first that many folds of the ``n_splits``-fold split (the same test folds as a full
    run, for a quicker, partial look)."""
    from sklearn.model_selection import cross_val_score

    if framework == "keras":
        from .pima import seed_keras

        seed_keras(seed)
    X, y = data.load_sonar()
    pipe = make_pipeline(config, framework, epochs=epochs, batch_size=batch_size,
                         learning_rate=learning_rate, seed=seed)
    start = time.perf_counter()
    splits = list(folds(n_splits, cv_seed).split(X, y))
    if max_folds is not None:
        if not 1 <= max_folds <= n_splits:
            raise ValueError(f"max_folds must be between 1 and n_splits = {n_splits}, "
                             f"got {max_folds!r}")
        splits = splits[:max_folds]
    scores = cross_val_score(pipe, X, y, cv=splits, scoring="accuracy")
    seconds = time.perf_counter() - start
    return {"scores": scores, "mean": float(scores.mean()), "std": float(scores.std()),
            "seconds": seconds, "n_splits": n_splits}


def run(configs=tuple(CONFIGS), frameworks=FRAMEWORKS, **kwargs):
    """{(config, framework): :func:`evaluate` result} for every pair; keyword arguments go to
    :func:`evaluate`."""
    return {(c, f): evaluate(c, f, **kwargs) for c in configs for f in frameworks}


def table(results):
    """Text table: mean (std) of the fold accuracies per configuration and framework, beside the
    published figures; every column's header gives its number of folds (a standard deviation
    over k folds of n/k examples each is comparable only with one over as many folds)."""
    configs = list(dict.fromkeys(c for c, _ in results))
    frameworks = list(dict.fromkeys(f for _, f in results))

    def folds_of(f):
        runs = sorted({(len(r["scores"]), r.get("n_splits", len(r["scores"])))
                       for (_, g), r in results.items() if g == f})
        return "/".join(f"{k} folds" if k == n else f"{k} of {n} folds" for k, n in runs)

    labels = [f"{f}, {folds_of(f)}" for f in frameworks] + [f"published, {PUBLISHED_FOLDS} folds"]
    head = f"{'configuration':<14}" + "".join(f"{label:>22}" for label in labels)
    lines = [head]
    for c in configs:
        def cell(r):
            std = f"({r['std']:.2%})" if len(r["scores"]) > 2 else "(n/a)"  # no spread from 1-2
            return f"{r['mean']:>14.2%} {std:<7}"

        cells = "".join(cell(results[c, f]) if (c, f) in results else f"{'':>22}"
                        for f in frameworks)
        pm, ps = PUBLISHED[c]
        lines.append(f"{c:<14}{cells}{pm:>14.2%} ({ps:.2%})")
    lines.append("mean (standard deviation) of the fold accuracies; a standard deviation needs "
                 "3 folds or more")
    return "\n".join(lines)


def main(argv=None):
    parser = cli.parser("sonar", __doc__)
    parser.add_argument("--folds", type=cli.integer(2, MAX_FOLDS), default=10, metavar="K",
                        help=f"k of the stratified k-fold cross-validation, 2 to {MAX_FOLDS} "
                             "(the rocks' count, the smaller class)")
    parser.add_argument("--epochs", type=cli.positive_int, default=100, metavar="N",
                        help="passes over the training folds")
    parser.add_argument("--batch-size", type=cli.positive_int, default=5, metavar="B",
                        help="rows per Adam step")
    parser.add_argument("--seed", type=cli.seed, default=7, metavar="S",
                        help="seed of the networks (weights, batch order)")
    parser.add_argument("--configs", nargs="+", choices=list(CONFIGS), default=list(CONFIGS),
                        help="which of the four networks to evaluate")
    parser.add_argument("--frameworks", nargs="+", choices=FRAMEWORKS, default=list(FRAMEWORKS),
                        help="which implementations to train")
    args = parser.parse_args(argv)
    for name in ("configs", "frameworks"):
        values = getattr(args, name)
        parser.refuse_unless(args, len(set(values)) == len(values), name,
                             f"names a value twice: {' '.join(values)}")
    if "keras" in args.frameworks:
        cli.require("book", "keras", "tensorflow", "scikeras", prog=parser.prog,
                    why="or train only the NumPy networks with --frameworks dlnotes")
    results = {}
    for c in args.configs:
        for f in args.frameworks:
            results[c, f] = r = evaluate(c, f, n_splits=args.folds, epochs=args.epochs,
                                         batch_size=args.batch_size, seed=args.seed)
            print(f"{c:<14} {f:<8} {r['mean']:.2%} ({r['std']:.2%})  {r['seconds']:.1f} s",
                  flush=True)
    print(f"\nSonar, {args.folds}-fold stratified CV, {args.epochs} epochs, batch "
          f"{args.batch_size}, seed {args.seed}: mean (std) accuracy over the folds")
    print(table(results))
    return 0
