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
from .._validate import generator, positive_int
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
    if name not in loaders:
        raise ValueError(f"name must be one of {sorted(loaders)}, got {name!r}")
    load, top = loaders[name]
    images, labels = load()
    m = len(labels)
    n_heldout = positive_int(n_heldout, "n_heldout")
    if n_heldout >= m:
        raise ValueError(f"n_heldout must be smaller than the {m} examples, got {n_heldout}")
    X = images.reshape(m, -1).T / top
    Y = np.eye(10)[labels].T
    order = generator(seed).permutation(m)
    held, pool = order[:n_heldout], order[n_heldout:]
    return X[:, pool], Y[:, pool], X[:, held], Y[:, held]


def evaluate(params, X, Y, output="sigmoid", hidden="relu"):
    """(cost, accuracy) of the whole network on X, Y (no L2 term: the data's own cost)."""
    AL, _ = dense.model_forward(X, params, hidden, output)
    return dense.compute_cost(AL, Y), dense.accuracy(X, Y, params, hidden, output)


# ------------------------------------------------------------------------------ experiments

def polynomial_fits(degrees=(1, 3, 9), n_train=12, n_test=200, noise=0.25, seed=0):
    """Fit y = sin(2πx) + noise, x uniform in [0, 1], by polynomials of each degree.

    Returns {"x_train", "y_train", "x_test", "y_test", "fits"}: fits[d] = {"poly" (a NumPy
    Polynomial), "train_mse", "test_mse"}. A polynomial with degree ≥ n_train − 1 can pass through
    every training point.
    """
    rng = generator(seed)
    def draw(n):
        x = np.sort(rng.uniform(0, 1, n))
        return x, np.sin(2 * np.pi * x) + noise * rng.standard_normal(n)
    x_train, y_train = draw(positive_int(n_train, "n_train"))
    x_test, y_test = draw(positive_int(n_test, "n_test"))
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


def size_sweep(sizes=(50, 100, 200, 400, 800), seeds=(0, 1, 2), *, split=None,
               hidden_units=64, learning_rate=0.005, num_iterations=300, progress=None):
    """For every training-set size and seed, train [n_x, hidden_units, 10] (ReLU, softmax, He
    initial weights, full-batch Adam) on the first ``size`` examples of the pool after shuffling
    it with that seed, and measure it on the fixed held-out set.

    split: the output of :func:`digit_split` (default: the scikit-learn digits, seed 0).
    Returns a list of dicts {"size", "seed", "train_acc", "test_acc", "gap"}, gap = train − test.
    """
    X_pool, Y_pool, X_held, Y_held = split if split is not None else digit_split()
    rows = []
    for size in progress_bar(sizes, progress, "sizes"):
        if size > X_pool.shape[1]:
            raise ValueError(f"size {size} is larger than the pool of {X_pool.shape[1]} examples")
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

    rng = generator(seed)
    params = dense.init_params(layer_dims, "he", rng)
    dropping = np.ndim(keep_prob) > 0 or keep_prob != 1
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
    for epoch in progress_bar(range(1, positive_int(epochs, "epochs") + 1), progress, "epochs"):
        for idx in optim.mini_batches(X.shape[1], batch_size, rng):
            Xb, Yb = X[:, idx], Y[:, idx]
            if dropping:
                AL, caches = dropout.model_forward(Xb, params, keep_prob, rng, "relu", output)
                grads = dropout.model_backward(AL, Yb, caches, lambd)
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
