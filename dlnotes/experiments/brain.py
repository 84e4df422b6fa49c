"""Chapter 38: a spiking neuron's rate curve, and backpropagation against feedback alignment.

A leaky integrate-and-fire neuron's firing rate, simulated and from the analytic formula, for
input currents from 0 to 60 nA (the chapter sets this curve beside ReLU); then a tanh network on
MNIST 5k trained by backpropagation, by feedback alignment and with its output layer alone, over
several seeds.

    python -m dlnotes brain [--seeds N] [--epochs N] [--hidden-units N] [--hidden-layers N]
"""
from __future__ import annotations

import time

import numpy as np

from .. import cli, feedback, spiking
from .mnist import load_split

#: The chapter's settings: a 784-100-10 tanh network, plain mini-batch gradient descent.
SETTING = {"hidden_units": 100, "learning_rate": 0.1, "epochs": 10, "batch_size": 32,
           "n_train": 4000}

#: What ``python -m dlnotes brain`` (its defaults: 10 seeds, 30 epochs, 784-100-10) printed when
#: it was last run for the book: held-out accuracy (mean, min, max) over the seeds, and the mean
#: final angle (degrees) between the feedback-alignment update of W1 and the gradient. Rerun the
#: command to check it; the chapter prints these numbers from here.
FULL_SIZE = {"seeds": 10, "epochs": 30,
             "held_out": {"backprop": (0.9143, 0.9090, 0.9180),
                          "feedback": (0.9152, 0.9100, 0.9210),
                          "last_layer": (0.8534, 0.8380, 0.8650)},
             "final_angle": 27.5}


def rate_curve(currents, duration=1.0, dt=1e-4):
    """Measured (:func:`dlnotes.spiking.firing_rate`) and analytic LIF rates (Hz) for each
    current (nA), with the default LIF parameters. Returns a dict of arrays: currents,
    measured, analytic."""
    currents = np.asarray(currents, dtype=float)
    return {"currents": currents,
            "measured": spiking.firing_rate(currents, duration, dt),
            "analytic": spiking.analytic_rate(currents)}


def mnist_xy(n_train=SETTING["n_train"], split_seed=0):
    """MNIST 5k as dense matrices: X (784, m) in [0, 1] float64 and one-hot Y (10, m), for the
    first n_train shuffled images and the rest (see :func:`dlnotes.experiments.mnist.load_split`)."""
    Xtr, ytr, Xte, yte = load_split(split_seed, n_train)
    flat = lambda X: X.reshape(len(X), -1).T.astype(np.float64)
    return flat(Xtr), np.eye(10)[ytr].T, flat(Xte), np.eye(10)[yte].T


def compare(seeds=(0, 1, 2, 3, 4), rules=feedback.RULES, data=None, hidden_layers=1,
            progress=None, **setting):
    """Train the network with each rule and each seed (the same weights, batches and, for
    feedback alignment, B per seed). Returns {rule: [history per seed]} with
    :func:`dlnotes.feedback.train`'s histories, plus "<rule> params" (the trained parameters
    per seed) and "<rule> seconds"."""
    s = {**SETTING, **setting}
    X, Y, Xt, Yt = data if data is not None else mnist_xy(s["n_train"])
    dims = [X.shape[0]] + [s["hidden_units"]] * hidden_layers + [Y.shape[0]]
    out = {}
    for rule in rules:
        t0 = time.perf_counter()
        trained = [feedback.train(X, Y, dims, rule, learning_rate=s["learning_rate"],
                                  epochs=s["epochs"], batch_size=s["batch_size"], seed=seed,
                                  X_test=Xt, Y_test=Yt, progress=progress) for seed in seeds]
        out[rule] = [h for _, h in trained]
        out[f"{rule} params"] = [p for p, _ in trained]
        out[f"{rule} seconds"] = time.perf_counter() - t0
    return out


def summary(results, rules=feedback.RULES):
    """{rule: (mean, min, max)} of the final held-out accuracy over the seeds."""
    out = {}
    for rule in rules:
        acc = np.array([h["test_accuracy"][-1] for h in results[rule]])
        out[rule] = (float(acc.mean()), float(acc.min()), float(acc.max()))
    return out


def main(argv=None) -> int:
    parser = cli.parser("brain", __doc__)
    parser.add_argument("--seeds", type=cli.positive_int, default=10, metavar="N",
                        help="weight seeds 0..N-1 per rule; the chapter uses 5")
    parser.add_argument("--epochs", type=cli.positive_int, default=30,
                        help="passes over the 4,000 training images; the chapter uses 10")
    parser.add_argument("--hidden-units", type=cli.positive_int, default=SETTING["hidden_units"],
                        help="units per hidden layer")
    parser.add_argument("--hidden-layers", type=cli.positive_int, default=1,
                        help="hidden layers")
    parser.add_argument("--learning-rate", type=cli.positive_float,
                        default=SETTING["learning_rate"], help="step size")
    args = parser.parse_args(argv)
    r = rate_curve(np.linspace(0, 60, 13))
    print(f"{'I (nA)':>7}{'measured Hz':>12}{'analytic Hz':>12}", flush=True)
    for I, a, b in zip(r["currents"], r["measured"], r["analytic"]):
        print(f"{I:7.1f}{a:12.1f}{b:12.1f}", flush=True)
    res = compare(range(args.seeds), hidden_layers=args.hidden_layers, progress=True,
                  epochs=args.epochs, hidden_units=args.hidden_units,
                  learning_rate=args.learning_rate)
    print(f"\n{'rule':<12}{'mean':>8}{'min':>8}{'max':>8}   held-out accuracy over "
          f"{args.seeds} seeds", flush=True)
    for rule, (mean, lo, hi) in summary(res).items():
        print(f"{rule:<12}{mean:8.2%}{lo:8.2%}{hi:8.2%}", flush=True)
    final = np.array([[h["angle"][-1][l] for l in sorted(h["angle"][-1])]
                      for h in res["feedback"]])
    print("final angle between the feedback-alignment update and the gradient, per hidden "
          "layer (mean over seeds): " + ", ".join(f"{a:.1f}°" for a in final.mean(axis=0)),
          flush=True)
    return 0
