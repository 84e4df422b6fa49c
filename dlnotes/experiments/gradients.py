"""Chapter 17: vanishing gradients measured, layer by layer, for sigmoid, tanh and ReLU networks.

A deep dense network on MNIST 5k (4,000 training and 1,000 held-out digits, see
:func:`dlnotes.experiments.overfitting.digit_split`), [784, 30, ..., 30, 10] with a softmax
output, weights N(0, 1/n[l−1]) and zero biases, trained by mini-batch gradient descent. The
norms ‖dW[l]‖ and ‖db[l]‖ of the gradient of the cost on the first 1,000 training digits are
recorded before training and after every epoch (:func:`dlnotes.diagnostics.train_recording_norms`).
:data:`NIELSEN` holds the per-layer figures Nielsen published for sigmoid networks.

    python -m dlnotes gradients [--epochs N] [--hidden-layers K] [--seeds S]
"""
from __future__ import annotations

import time

import numpy as np

from .. import cli, dense, diagnostics
from .._validate import (_got, array, at_least_one_example, integers, one_hot,
                         positive_int)
from .overfitting import digit_split

__all__ = ["NIELSEN", "HIDDEN", "layer_dims", "load", "run", "nielsen_norms", "main"]

HIDDEN = ("sigmoid", "tanh", "relu")

# Nielsen, "Neural Networks and Deep Learning" (2015), chapter 5: sigmoid networks
# [784, 30, ..., 30, 10] on MNIST, with his weights N(0, 1/n_in) and biases N(0, 1); the norm of
# each hidden layer's bias gradient at initialisation, first to last hidden layer, measured on
# 1,000 training images; and the test accuracy after training, by number of hidden layers.
NIELSEN = {
    "source": "Nielsen (2015), Neural Networks and Deep Learning, chapter 5 "
              "(why are deep neural networks hard to train?)",
    "bias gradient norms at initialisation": {2: (0.066, 0.309), 3: (0.012, 0.060, 0.283),
                                               4: (0.0030, 0.017, 0.070, 0.285)},
    "test accuracy": {2: 0.9690, 3: 0.9657, 4: 0.9653},
}


def layer_dims(hidden_layers=7, units=30):
    """[784, units, ..., units, 10] with ``hidden_layers`` hidden layers (L = hidden_layers + 1)."""
    return [784] + [positive_int(units, "units")] * positive_int(hidden_layers,
                                                                 "hidden_layers") + [10]


def load(n_heldout=1000, seed=0):
    """MNIST 5k as (X_train, Y_train, X_heldout, Y_heldout): pixels in [0, 1], one-hot labels,
    ``n_heldout`` digits held out (shuffled with ``seed``)."""
    return digit_split("mnist5k", n_heldout, seed)


def _digits(X, Y, name_X, name_Y):
    """X (784, m) finite pixels and Y (10, m) one-hot, m >= 1 (checked, not converted)."""
    A = array(X, name_X, 2, need="(784, m)")
    if A.shape[0] != 784:
        raise ValueError(f"{name_X} must have shape (784, m) (MNIST pixels), got shape {A.shape}")
    at_least_one_example(A, name_X)
    B = array(Y, name_Y, 2, need="(10, m) one-hot")
    if B.shape != (10, A.shape[1]):
        raise ValueError(f"{name_Y} must have shape (10, {A.shape[1]}) (one-hot digits of "
                         f"{name_X}), got shape {B.shape}")
    one_hot(B, name_Y)


def _check_data(data):
    if not isinstance(data, (tuple, list)) or len(data) != 4:
        got = f"a {type(data).__name__} of {len(data)} items" if isinstance(data, (tuple, list)) \
            else _got(data)
        raise TypeError(f"data must be the tuple (X_train, Y_train, X_heldout, Y_heldout) that "
                        f"load returns, got {got}")
    _digits(data[0], data[1], "data[0]", "data[1]")
    _digits(data[2], data[3], "data[2]", "data[3]")
    return data


def run(hidden, data=None, hidden_layers=7, epochs=10, batch_size=10, learning_rate=0.1,
        init="sqrt_fan_in", seed=0, probe=1000, progress=None):
    """Train one network with ``hidden`` units and record its gradient norms.

    Returns a dict: ``history`` (a :class:`dlnotes.diagnostics.GradientHistory`), the
    ``train_accuracy`` and ``heldout_accuracy`` after training, and ``seconds``.
    """
    dims = layer_dims(hidden_layers)
    X, Y, Xh, Yh = load() if data is None else _check_data(data)
    start = time.perf_counter()
    history = diagnostics.train_recording_norms(
        X, Y, dims, hidden=hidden, output="softmax", init=init,
        learning_rate=learning_rate, epochs=epochs, batch_size=batch_size, probe=probe,
        seed=seed, progress=progress)
    seconds = time.perf_counter() - start
    return {"history": history, "seconds": seconds,
            "train_accuracy": dense.accuracy(X, Y, history.params, hidden, "softmax"),
            "heldout_accuracy": dense.accuracy(Xh, Yh, history.params, hidden, "softmax")}


def nielsen_norms(X, Y, hidden_layers, seeds=range(5)):
    """Nielsen's set-up at initialisation: a [784, 30 × hidden_layers, 10] sigmoid network with
    ten sigmoid output units (his cross-entropy, summed over the outputs, whose dZ[L] = A[L] − Y
    is what :func:`dlnotes.dense.model_backward` starts from). Returns the mean over ``seeds``
    of ‖db[l]‖ for the hidden layers l = 1..hidden_layers, on X (784, m), Y (10, m) one-hot."""
    dims = layer_dims(hidden_layers)
    _digits(X, Y, "X", "Y")
    seeds = integers(seeds, "seeds", 0, what="a sequence of seeds (non-negative integers)")
    if not seeds:
        raise ValueError(f"seeds must hold at least one seed, got {_got(seeds)}")
    norms = [diagnostics.gradient_norms(X, Y, dense.init_params(dims, "sqrt_fan_in", s),
                                        "sigmoid", "sigmoid")[1][:-1] for s in seeds]
    return np.mean(norms, axis=0)


def main(argv=None) -> int:
    parser = cli.parser("gradients", __doc__)
    parser.add_argument("--epochs", type=cli.positive_int, default=30,
                        help="epochs of mini-batch gradient descent")
    parser.add_argument("--hidden-layers", type=cli.positive_int, default=7,
                        help="hidden layers of 30 units (L = hidden layers + 1)")
    parser.add_argument("--batch-size", type=cli.positive_int, default=10,
                        help="mini-batch size")
    parser.add_argument("--learning-rate", type=cli.positive_float, default=0.1,
                        help="learning rate")
    parser.add_argument("--seeds", type=cli.positive_int, default=1, metavar="N",
                        help="weight seeds 0..N-1 per activation")
    parser.add_argument("--progress", action=cli.BooleanOptionalAction, default=None,
                        help="show a progress bar (default: when stderr is a terminal)")
    args = parser.parse_args(argv)
    data = load()
    L = args.hidden_layers + 1
    print(f"MNIST 5k, {layer_dims(args.hidden_layers)}, softmax output, N(0, 1/n) weights, "
          f"{args.epochs} epochs, batch {args.batch_size}, learning rate {args.learning_rate}",
          flush=True)
    for hidden in HIDDEN:
        for seed in range(args.seeds):
            r = run(hidden, data, args.hidden_layers, args.epochs, args.batch_size,
                    args.learning_rate, seed=seed, progress=args.progress)
            h = r["history"]
            print(f"\n{hidden}, seed {seed}: held-out accuracy {r['heldout_accuracy']:.1%} "
                  f"({r['seconds']:.0f} s); ‖db[l]‖ for l = 1..{L}", flush=True)
            for k in range(len(h.epochs)):
                print(f"  epoch {h.epochs[k]:3d}: " + " ".join(f"{x:.1e}" for x in h.db[k]),
                      flush=True)
    print("\nsigmoid networks at initialisation, ‖db[l]‖ of the hidden layers (ours: mean of 5 "
          "seeds on 1,000 training digits)", flush=True)
    for n, published in NIELSEN["bias gradient norms at initialisation"].items():
        ours = nielsen_norms(data[0][:, :1000], data[1][:, :1000], n)
        print(f"  {n} hidden layers: ours " + ", ".join(f"{x:.3f}" for x in ours)
              + "; Nielsen " + ", ".join(f"{x:.3f}" for x in published), flush=True)
    print(f"source: {NIELSEN['source']}", flush=True)
    return 0
