"""Chapter 23: under- and overfitting, measured.

- :func:`polynomial_fits`: least-squares polynomials of growing degree through a few noisy points
  of a sine, with the mean squared error on those points and on fresh ones.
- :func:`capacity_sweep`: one-hidden-layer networks of growing width on a small 2-D set
  (:mod:`dlnotes.planar`), with training and held-out accuracy and cost.
- :func:`size_sweep`: one network trained on growing subsets of a digit set, the gap between
  training and held-out accuracy for each size and seed.
- :func:`learning_curve`: training epoch by epoch with the training and held-out cost and
  accuracy recorded after every epoch, and the epoch whose held-out cost is lowest.

Full size from the command line (more sizes, more seeds, MNIST 5k):
``python -m dlnotes overfitting [--data mnist5k] [--seeds 5]``.
"""
from __future__ import annotations

import copy
import time

import numpy as np

from .. import cli, data, dense, optim, planar
from .._validate import (array, choice, generator, integers, labels01, number, one_hot,
                         positive_int, records, sequence)
from ..progress import progress_bar

__all__ = ["NIELSEN", "digit_split", "polynomial_fits", "capacity_sweep", "size_sweep",
           "size_table", "learning_curve", "evaluate", "main"]

# Nielsen, "Neural Networks and Deep Learning", chapter 3 (overfitting): a [784, 30, 10] sigmoid
# network trained on the first 1,000 MNIST training images for 400 epochs, measured on MNIST's
# 10,000 test images; the same run with L2 regularisation.
NIELSEN = {"source": "Nielsen (2015), Neural Networks and Deep Learning, chapter 3",
           "network": "[784, 30, 10] sigmoid", "training images": 1000, "epochs": 400,
           "train accuracy": 1.00, "test accuracy (plateau)": 0.822,
           "test accuracy with L2": 0.8695}


# ------------------------------------------------------------------------------------ data

def digit_split(name="digits", n_heldout=500, seed=0):
    """A digit set as (X_pool, Y_pool, X_heldout, Y_heldout), dense layout.

    name: "digits" (scikit-learn's 1,797 8 × 8 images) or "mnist5k" (5,000 28 × 28 images).
    Pixels are divided by their maximum grey level (16 or 255), so no statistic of the held-out
    images enters the training inputs; X (n_x, m) and one-hot Y (10, m). The examples are shuffled
    with ``seed`` and the first ``n_heldout`` are held out; the rest form the training pool,
    from which :func:`size_sweep` takes its subsets.
    """
    loaders = {"digits": (data.load_digits, 16.0), "mnist5k": (data.load_mnist5k, 255.0)}
    load, top = loaders[choice(name, "name", sorted(loaders))]
    n_heldout = positive_int(n_heldout, "n_heldout")
    rng = generator(seed)
    images, labels = load()
    m = len(labels)
    if n_heldout >= m:
        raise ValueError(f"n_heldout must be smaller than the {m} examples, got {n_heldout}")
    X = images.reshape(m, -1).T / top
    Y = np.eye(10)[labels].T
    order = rng.permutation(m)
    held, pool = order[:n_heldout], order[n_heldout:]
    return X[:, pool], Y[:, pool], X[:, held], Y[:, held]


def evaluate(params, X, Y, output="sigmoid", hidden="relu"):
    """(cost, accuracy) of the whole network on X, Y (no L2 term: the data's own cost).
    ``output``: "sigmoid" (Y 0/1 labels (1, m)) or "softmax" (Y one-hot (classes, m))."""
    choice(output, "output", ("sigmoid", "softmax"))
    AL, _ = dense.model_forward(X, params, hidden, output)
    return dense.compute_cost(AL, Y), dense.accuracy(X, Y, params, hidden, output)


# ------------------------------------------------------------------------------ experiments

def polynomial_fits(degrees=(1, 3, 9), n_train=12, n_test=200, noise=0.25, seed=0):
    """Fit y = sin(2πx) + noise, x uniform in [0, 1], by polynomials of each degree.

    Returns {"x_train", "y_train", "x_test", "y_test", "fits"}: fits[d] = {"poly" (a NumPy
    Polynomial), "train_mse", "test_mse"}. A polynomial with degree ≥ n_train − 1 can pass through
    every training point.
    """
    degrees = integers(degrees, "degrees", 0, what="a sequence of degrees")
    n_train, n_test = positive_int(n_train, "n_train"), positive_int(n_test, "n_test")
    noise = number(noise, "noise", lo=0)
    rng = generator(seed)

    def draw(n):
        x = np.sort(rng.uniform(0, 1, n))
        return x, np.sin(2 * np.pi * x) + noise * rng.standard_normal(n)
    x_train, y_train = draw(n_train)
    x_test, y_test = draw(n_test)
    fits = {}
    for d in degrees:
        poly = np.polynomial.Polynomial.fit(x_train, y_train, d)
        fits[d] = {"poly": poly,
                   "train_mse": float(np.mean((poly(x_train) - y_train) ** 2)),
                   "test_mse": float(np.mean((poly(x_test) - y_test) ** 2))}
    return {"x_train": x_train, "y_train": y_train, "x_test": x_test, "y_test": y_test,
            "fits": fits}


def capacity_sweep(widths=(1, 2, 4, 8, 32, 128), *, name="moons", n_train=60, n_test=500,
                   noise=0.3, data_seed=0, seed=0, learning_rate=0.01, num_iterations=2000,
                   progress=None):
    """Train a [2, h, 1] ReLU/sigmoid network (He initial weights, full-batch Adam) for every
    width h on one small :func:`dlnotes.planar.load` set.

    Returns (the Planar set, {h: {"params", "train_cost", "test_cost", "train_acc", "test_acc"}}).
    """
    widths = integers(widths, "widths", 1, what="a sequence of widths")
    generator(data_seed, "data_seed")
    generator(seed)
    learning_rate = number(learning_rate, "learning_rate", lo=0, lo_open=True)
    num_iterations = positive_int(num_iterations, "num_iterations")
    d = planar.load(name, n_train=n_train, n_test=n_test, noise=noise, seed=data_seed)
    out = {}
    for h in progress_bar(widths, progress, "widths"):
        params, _ = dense.fit(d.X_train, d.Y_train, [2, h, 1], init="he", optimizer="adam",
                              learning_rate=learning_rate, num_iterations=num_iterations,
                              seed=seed, record_every=num_iterations)
        train_cost, train_acc = evaluate(params, d.X_train, d.Y_train)
        test_cost, test_acc = evaluate(params, d.X_test, d.Y_test)
        out[h] = {"params": params, "train_cost": train_cost, "test_cost": test_cost,
                  "train_acc": train_acc, "test_acc": test_acc}
    return d, out


def _split(split):
    """A digit_split-like (X_pool, Y_pool, X_heldout, Y_heldout), checked."""
    parts = sequence(split, "split", 4, "(X_pool, Y_pool, X_heldout, Y_heldout) as digit_split "
                                        "returns")
    names = ("split[0] (X_pool)", "split[1] (Y_pool)", "split[2] (X_heldout)",
             "split[3] (Y_heldout)")
    X, Y, Xh, Yh = (array(p, n, 2) for p, n in zip(parts, names))
    for (A, a), (B, b) in (((X, names[0]), (Y, names[1])), ((Xh, names[2]), (Yh, names[3]))):
        if A.shape[1] != B.shape[1] or A.shape[1] == 0:
            raise ValueError(f"{a} and {b} must hold the same m >= 1 examples, got shapes "
                             f"{A.shape} and {B.shape}")
    if Xh.shape[0] != X.shape[0] or Y.shape[0] != 10 or Yh.shape[0] != 10:
        raise ValueError(f"split must hold X (n_x, m) and one-hot Y (10, m) in both parts, got "
                         f"shapes {X.shape}, {Y.shape}, {Xh.shape}, {Yh.shape}")
    one_hot(Y, names[1])
    one_hot(Yh, names[3])
    return X, Y, Xh, Yh


def size_sweep(sizes=(50, 100, 200, 400, 800), seeds=(0, 1, 2), *, split=None,
               hidden_units=64, learning_rate=0.005, num_iterations=300, progress=None):
    """For every training-set size and seed, train [n_x, hidden_units, 10] (ReLU, softmax, He
    initial weights, full-batch Adam) on the first ``size`` examples of the pool after shuffling
    it with that seed, and measure it on the fixed held-out set.

    split: the output of :func:`digit_split` (default: the scikit-learn digits, seed 0).
    Returns a list of dicts {"size", "seed", "train_acc", "test_acc", "gap"}, gap = train − test.
    """
    X_pool, Y_pool, X_held, Y_held = _split(split) if split is not None else digit_split()
    sizes = integers(sizes, "sizes", 1, X_pool.shape[1], what="a sequence of sizes")
    seeds = integers(seeds, "seeds", 0, what="a sequence of seeds")
    hidden_units = positive_int(hidden_units, "hidden_units")
    learning_rate = number(learning_rate, "learning_rate", lo=0, lo_open=True)
    num_iterations = positive_int(num_iterations, "num_iterations")
    rows = []
    for size in progress_bar(sizes, progress, "sizes"):
        for s in seeds:
            idx = generator(s).permutation(X_pool.shape[1])[:size]
            X, Y = X_pool[:, idx], Y_pool[:, idx]
            params, _ = dense.fit(X, Y, [X.shape[0], hidden_units, 10], output="softmax",
                                  init="he", optimizer="adam", learning_rate=learning_rate,
                                  num_iterations=num_iterations, seed=s,
                                  record_every=num_iterations)
            train_acc = dense.accuracy(X, Y, params, output="softmax")
            test_acc = dense.accuracy(X_held, Y_held, params, output="softmax")
            rows.append({"size": int(size), "seed": int(s), "train_acc": train_acc,
                         "test_acc": test_acc, "gap": train_acc - test_acc})
    return rows


def learning_curve(X, Y, X_val, Y_val, layer_dims, *, epochs=100, batch_size=32,
                   learning_rate=0.001, output="sigmoid", lambd=0.0, keep_prob=1.0, seed=0,
                   progress=None):
    """Train ReLU hidden layers (He initial weights, Adam on mini-batches) one epoch at a time
    and record, after 0, 1, ..., ``epochs`` epochs, the training and held-out cost (cross-entropy
    without the L2 term) and accuracy of the whole network.

    Returns {"history": {"train_cost", "val_cost", "train_acc", "val_acc"} (lists of epochs + 1
    values, index = epochs trained), "best_epoch" (lowest held-out cost, earliest on ties),
    "best_params" (a copy of the parameters at that epoch), "params" (after the last epoch)}.
    """
    from .. import dropout

    choice(output, "output", ("sigmoid", "softmax"))
    dims = dense._layer_dims(layer_dims)
    X = array(X, "X", 2, need="(layer_dims[0], m)")
    X_val = array(X_val, "X_val", 2, need="(layer_dims[0], m_val)")
    for A, a in ((X, "X"), (X_val, "X_val")):
        if A.shape[0] != dims[0] or A.shape[1] == 0:
            raise ValueError(f"{a} must have shape (layer_dims[0], m) = ({dims[0]}, m) with "
                             f"m >= 1, got shape {A.shape}")
    Y = array(Y, "Y", 2, need="(layer_dims[-1], m)")
    Y_val = array(Y_val, "Y_val", 2, need="(layer_dims[-1], m_val)")
    for B, b, A in ((Y, "Y", X), (Y_val, "Y_val", X_val)):
        if B.shape != (dims[-1], A.shape[1]):
            raise ValueError(f"{b} must have shape (layer_dims[-1], m) = ({dims[-1]}, "
                             f"{A.shape[1]}), got shape {B.shape}")
        if output == "softmax":
            one_hot(B, b)
        else:
            labels01(B, b)
    epochs, batch_size = positive_int(epochs, "epochs"), positive_int(batch_size, "batch_size")
    learning_rate = number(learning_rate, "learning_rate", lo=0, lo_open=True)
    lambd = number(lambd, "lambd", lo=0)
    if np.ndim(keep_prob) == 0:
        keep_prob = dropout._keep_prob(keep_prob)             # checked even when it is 1
    dropping = np.ndim(keep_prob) > 0 or keep_prob != 1
    probs = dropout._per_layer(keep_prob, len(dims) - 2) if dropping else None
    rng = generator(seed)
    params = dense.init_params(dims, "he", rng)
    state = optim.adam_init(params)
    history = {"train_cost": [], "val_cost": [], "train_acc": [], "val_acc": []}
    best_epoch, best_params = 0, None

    def record(epoch):
        nonlocal best_epoch, best_params
        for split, (Xs, Ys) in (("train", (X, Y)), ("val", (X_val, Y_val))):
            cost, acc = evaluate(params, Xs, Ys, output)
            history[f"{split}_cost"].append(cost)
            history[f"{split}_acc"].append(acc)
        if best_params is None or history["val_cost"][-1] < history["val_cost"][best_epoch]:
            best_epoch, best_params = epoch, copy.deepcopy(params)

    record(0)
    for epoch in progress_bar(range(1, epochs + 1), progress, "epochs"):
        for idx in optim.mini_batches(X.shape[1], batch_size, rng):
            Xb, Yb = X[:, idx], Y[:, idx]
            if dropping:
                AL, caches = dropout._forward(Xb, params, len(dims) - 1, probs, rng, "relu",
                                              output)
                grads = dropout._backward(AL, Yb, caches, lambd)
            else:
                AL, caches = dense.model_forward(Xb, params, "relu", output)
                grads = dense.model_backward(AL, Yb, caches, lambd)
            optim.adam_update(params, grads, state, learning_rate)
        record(epoch)
    return {"history": history, "best_epoch": best_epoch, "best_params": best_params,
            "params": params}


# ------------------------------------------------------------------------------ command line

def size_table(rows):
    """Text table of :func:`size_sweep` rows: mean accuracies and the gap's mean and range per size."""
    rows = records(rows, "rows", {"size": 1, "train_acc": None, "test_acc": None, "gap": None},
                   "size_sweep")
    sizes = sorted({r["size"] for r in rows})
    lines = [f"{'m':>6} {'train':>8} {'held-out':>9} {'gap':>7} {'gap range':>15}"]
    for s in sizes:
        rs = [r for r in rows if r["size"] == s]
        gaps = [r["gap"] for r in rs]
        lines.append(f"{s:>6} {np.mean([r['train_acc'] for r in rs]):>8.1%} "
                     f"{np.mean([r['test_acc'] for r in rs]):>9.1%} {np.mean(gaps):>7.1%} "
                     f"{min(gaps):>7.1%}–{max(gaps):.1%}")
    return "\n".join(lines)


_EXAMPLES = {"digits": 1797, "mnist5k": 5000}     # the sizes of the two digit sets
_SIZES = [50, 100, 200, 400, 800, 1600, 3200, 4000]


def main(argv=None):
    parser = cli.parser("overfitting", description="Chapter 23 at full size: the gap between "
                                                   "training and held-out accuracy as the "
                                                   "training set grows.")
    parser.add_argument("--data", choices=sorted(_EXAMPLES), default="mnist5k",
                        help="digit set: scikit-learn's 1,797 8 x 8 digits or 5,000 MNIST images")
    parser.add_argument("--heldout", type=cli.positive_int, default=1000, metavar="M",
                        help="held-out examples (fewer than the set holds)")
    parser.add_argument("--sizes", type=cli.positive_int, nargs="+", default=_SIZES,
                        metavar="M", help="training-set sizes, each at most the examples left "
                                          "after --heldout (default: those of "
                                          + " ".join(map(str, _SIZES)) + " that fit)")
    parser.add_argument("--seeds", type=cli.positive_int, default=5, metavar="N",
                        help="seeds per size, 0..N-1")
    parser.add_argument("--hidden", type=cli.positive_int, default=64, metavar="H",
                        help="hidden units")
    parser.add_argument("--iterations", type=cli.positive_int, default=300, metavar="K",
                        help="full-batch Adam iterations")
    parser.add_argument("--progress", action=cli.BooleanOptionalAction, default=None,
                        help="show a progress bar (default: when stderr is a terminal)")
    args = parser.parse_args(argv)
    pool = _EXAMPLES[args.data] - args.heldout
    parser.refuse_unless(args, pool >= 1, "heldout",
                         f"must leave training examples: {args.data} holds {_EXAMPLES[args.data]}, "
                         f"got {args.heldout}")
    too_big = [s for s in args.sizes if s > pool]
    parser.refuse_unless(args, not too_big, "sizes",
                         f"must be at most {pool} ({args.data} minus {args.heldout} held out), "
                         f"got {' '.join(map(str, too_big))}")
    parser.refuse_unless(args, len(set(args.sizes)) == len(args.sizes), "sizes",
                         f"names a size twice: {' '.join(map(str, args.sizes))}")
    start = time.perf_counter()
    split = digit_split(args.data, args.heldout)
    sizes = [s for s in args.sizes if s <= split[0].shape[1]]
    if not sizes:
        parser.error(f"no default size fits in the {pool} training examples; give --sizes")
    rows = size_sweep(sizes, range(args.seeds), split=split, hidden_units=args.hidden,
                      num_iterations=args.iterations, progress=args.progress)
    print(f"{args.data}: [{split[0].shape[0]}, {args.hidden}, 10], {args.iterations} Adam "
          f"iterations, {args.heldout} held-out examples, {args.seeds} seeds per size; "
          f"mean accuracies")
    print(size_table(rows))
    print(f"({time.perf_counter() - start:.0f} s)")
    return 0
