"""Chapter 13: a first network, 8-12-8-1, on the Pima Indians diabetes data, in Keras and in dlnotes.

The network of the classic Keras tutorial: two ReLU layers of 12 and 8 units, one sigmoid unit,
binary cross-entropy, Adam (learning rate 0.001), 150 epochs of mini-batches of 10 examples, on
the 8 raw (unscaled) features. The tutorial measures accuracy on the data it trained on; here a
stratified held-out split is kept aside as well (``test_size=0`` reproduces the tutorial's way).

Full size from the command line: ``python -m dlnotes pima [--epochs 150] [--seed 7]``.
"""
from __future__ import annotations

import time

import numpy as np

from .. import cli, data

__all__ = ["HIDDEN", "PUBLISHED", "split", "keras_binary_mlp", "train_keras", "train_dlnotes", "run", "main"]

HIDDEN = (12, 8)
FRAMEWORKS = ("keras", "dlnotes")
# The tutorial's published result, measured on the data it trained on (all 768 patients).
PUBLISHED = {
    "source": "Brownlee, Your first deep learning project in Python with Keras step-by-step "
              "(cited as brownlee2016first)",
    "training accuracy (%)": 76.56,
    "reruns, training accuracy (%)": (75.0, 78.1),
}


def split(test_size=0.2, seed=7):
    """Pima as rows: ``(X_train, X_test, y_train, y_test)``, X (m, 8) float64, y (m,) int64.

    A stratified split keeps the share of diabetic patients equal in both parts. With
    ``test_size=0`` everything is training data and the test arrays are empty (the tutorial).
    """
    from sklearn.model_selection import train_test_split

    X, y = data.load_pima()
    if not 0 <= test_size < 1:
        raise ValueError(f"test_size must be in [0, 1), got {test_size!r}")
    if test_size == 0:
        return X, X[:0], y, y[:0]
    return train_test_split(X, y, test_size=test_size, stratify=y, random_state=seed)


def _bce(p, y):
    """Mean binary cross-entropy of probabilities p (m,) for labels y (m,), clipped like Keras."""
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-7, 1 - 1e-7)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def keras_binary_mlp(n_x, hidden=HIDDEN, learning_rate=0.001):
    """A Keras Sequential network n_x -> hidden (ReLU) ... -> 1 (sigmoid), compiled with the
    binary cross-entropy and Adam; Keras' default initialisation (Glorot uniform, zero biases)."""
    import keras

    model = keras.Sequential([keras.Input(shape=(n_x,))]
                             + [keras.layers.Dense(n, activation="relu") for n in hidden]
                             + [keras.layers.Dense(1, activation="sigmoid")])
    model.compile(loss="binary_crossentropy", metrics=["accuracy"],
                  optimizer=keras.optimizers.Adam(learning_rate=learning_rate))
    return model


def seed_keras(seed):
    """Seed Python, NumPy and TensorFlow, and make TensorFlow's kernels deterministic."""
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    # Cross-validation builds a fresh model per fold, and TensorFlow logs a "retracing" warning
    # for each new predict function: expected here, so keep it out of the output.
    tf.get_logger().setLevel("ERROR")


def _result(predict_proba, X_train, y_train, X_test, y_test, costs, seconds, model):
    """Accuracies (threshold 0.5) on both parts, the cost curve, the wall time, the model."""
    def acc(X, y):
        return float(np.mean((predict_proba(X) > 0.5) == y)) if len(y) else float("nan")
    return {"train_accuracy": acc(X_train, y_train), "test_accuracy": acc(X_test, y_test),
            "costs": np.asarray(costs), "seconds": seconds, "model": model}


def train_keras(X_train, y_train, X_test, y_test, *, hidden=HIDDEN, epochs=150, batch_size=10,
                learning_rate=0.001, seed=7):
    """Train the Keras network on rows X_train (m, n_x); returns a dict with ``train_accuracy``,
    ``test_accuracy``, ``costs`` (epochs + 1,) = the cost J on all of X_train before training
    and after each epoch, ``seconds`` (wall time of training) and ``model``."""
    import keras

    seed_keras(seed)
    Xtr = np.asarray(X_train, dtype=np.float32)
    model = keras_binary_mlp(Xtr.shape[1], hidden, learning_rate)

    def proba(X):
        return model(np.asarray(X, dtype=np.float32), training=False).numpy().reshape(-1)

    costs = [_bce(proba(Xtr), y_train)]

    class TrainingCost(keras.callbacks.Callback):
        # Keras' own "loss" averages over the batches of the epoch while the weights move;
        # recompute J on the whole training set after the epoch, as dlnotes records it.
        def on_epoch_end(self, epoch, logs=None):
            costs.append(_bce(proba(Xtr), y_train))

    start = time.perf_counter()
    model.fit(Xtr, np.asarray(y_train, dtype=np.float32), epochs=epochs, batch_size=batch_size,
              shuffle=True, verbose=0, callbacks=[TrainingCost()])
    seconds = time.perf_counter() - start
    return _result(proba, X_train, y_train, X_test, y_test, costs, seconds, model)


def train_dlnotes(X_train, y_train, X_test, y_test, *, hidden=HIDDEN, epochs=150, batch_size=10,
                  learning_rate=0.001, seed=7):
    """The same network with :func:`dlnotes.dense.fit` (Adam, Glorot-scaled normal weights,
    ``epsilon=1e-7`` as in Keras). Rows in, columns inside. Same dict as :func:`train_keras`,
    with ``model`` the parameter dict."""
    from .. import dense

    X = np.asarray(X_train, dtype=np.float64).T
    dims = [X.shape[0], *hidden, 1]
    start = time.perf_counter()
    params, costs = dense.fit(X, np.asarray(y_train).reshape(1, -1), dims, hidden="relu",
                              output="sigmoid", init="xavier", optimizer="adam",
                              learning_rate=learning_rate, epsilon=1e-7, epochs=epochs,
                              batch_size=batch_size, seed=seed, record_every=1)
    seconds = time.perf_counter() - start

    def proba(Xrows):
        return dense.model_forward(np.asarray(Xrows, dtype=np.float64).T, params)[0].reshape(-1)

    curve = [costs[k] for k in sorted(costs)]
    return _result(proba, X_train, y_train, X_test, y_test, curve, seconds, params)


def run(frameworks=FRAMEWORKS, *, test_size=0.2, epochs=150, batch_size=10, learning_rate=0.001,
        seed=7, split_seed=7):
    """Split once (``split_seed``), then train each framework's network on the same rows;
    ``seed`` draws the initial weights and the order of the mini-batches.

    Returns {framework: result dict} (see :func:`train_keras`)."""
    unknown = set(frameworks) - set(FRAMEWORKS)
    if unknown:
        raise ValueError(f"frameworks must be among {FRAMEWORKS}, got {sorted(unknown)}")
    trainers = {"keras": train_keras, "dlnotes": train_dlnotes}
    X_train, X_test, y_train, y_test = split(test_size, split_seed)
    return {name: trainers[name](X_train, y_train, X_test, y_test, epochs=epochs,
                                 batch_size=batch_size, learning_rate=learning_rate, seed=seed)
            for name in frameworks}


def table(results):
    """The results as text: one row per framework."""
    lines = [f"{'framework':<10} {'train acc':>9} {'held-out acc':>12} {'seconds':>8}"]
    for name, r in results.items():
        lines.append(f"{name:<10} {r['train_accuracy']:9.2%} {r['test_accuracy']:12.2%} "
                     f"{r['seconds']:8.1f}")
    return "\n".join(lines)


def _held_out_fraction(text):
    """``--test-size``: 0 (no held-out rows) or a fraction from 0.01 to 0.99, so that both parts
    of the stratified split hold patients of both classes."""
    value = cli.real(0, 1, what="0 or a fraction from 0.01 to 0.99")(text)
    if 0 < value < 0.01 or value > 0.99:
        raise cli.ArgumentTypeError(f"must be 0 or a fraction from 0.01 to 0.99, "
                                             f"got {text!r}")
    return value


def main(argv=None):
    parser = cli.parser("pima", __doc__)
    parser.add_argument("--epochs", type=cli.positive_int, default=150, metavar="N",
                        help="passes over the training rows")
    parser.add_argument("--batch-size", type=cli.positive_int, default=10, metavar="B",
                        help="rows per Adam step")
    parser.add_argument("--seeds", type=cli.seed, nargs="+", default=[7], metavar="S",
                        help="training seeds (weights, batch order); one table per seed")
    parser.add_argument("--split-seed", type=cli.seed, default=7, metavar="S",
                        help="seed of the stratified held-out split")
    parser.add_argument("--test-size", type=_held_out_fraction, default=0.2, metavar="F",
                        help="held-out fraction, 0.01 to 0.99; 0 trains and measures on all 768 "
                             "(the tutorial)")
    parser.add_argument("--frameworks", nargs="+", choices=FRAMEWORKS, default=list(FRAMEWORKS),
                        help="which implementations to train")
    args = parser.parse_args(argv)
    parser.refuse_unless(args, args.test_size > 0, "split_seed",
                         "does not apply with --test-size 0 (nothing is held out)")
    for name in ("seeds", "frameworks"):
        values = getattr(args, name)
        parser.refuse_unless(args, len(set(values)) == len(values), name,
                             f"names a value twice: {' '.join(map(str, values))}")
    if "keras" in args.frameworks:
        cli.require("book", "keras", "tensorflow", prog=parser.prog,
                    why="or train only the NumPy network with --frameworks dlnotes")
    print(f"Pima 8-12-8-1, {args.epochs} epochs, batch {args.batch_size}, held-out fraction "
          f"{args.test_size} (split seed {args.split_seed})")
    for seed in args.seeds:
        results = run(args.frameworks, test_size=args.test_size, epochs=args.epochs,
                      batch_size=args.batch_size, seed=seed, split_seed=args.split_seed)
        print(f"\nseed {seed}")
        print(table(results))
    return 0
