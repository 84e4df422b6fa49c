"""The NumPy CNN of :mod:`dlnotes.cnn` on MNIST 5k (a seeded 4,000 / 1,000 split).

    python -m dlnotes mnist [--epochs N] [--batch-size B] [--learning-rate A] [--seed S]

The classic Keras MNIST network reaches 96-97% test accuracy on this split; the NumPy network
is held to the same bar (see tests/test_cnn.py and bench/mnist.py).
"""
from __future__ import annotations

import numpy as np

from .. import cli, cnn
from .._validate import generator, integer
from ..data import load_mnist5k

#: The settings the book, the test and bench/mnist.py use.
SETTINGS = {"epochs": 15, "batch_size": 64, "learning_rate": 1e-3, "decay": 0.85, "seed": 0}


def load_split(seed: int = 0, n_train: int = 4000):
    """MNIST 5k shuffled with ``seed`` and cut into n_train training and 5000 - n_train test
    images. Returns X_train (n_train, 28, 28, 1) and X_test float32 grey levels scaled to
    [0, 1], and the labels y_train, y_test int64 (digits 0-9). n_train: 1 to 4999, so both
    parts hold at least one image."""
    n_train = integer(n_train, "n_train", 1, 4999)
    rng = generator(seed)
    data = load_mnist5k()
    order = rng.permutation(len(data.y))
    X = (data.X[order].astype(np.float32) / 255.0)[..., np.newaxis]
    y = data.y[order]
    return X[:n_train], y[:n_train], X[n_train:], y[n_train:]


def run(epochs=SETTINGS["epochs"], batch_size=SETTINGS["batch_size"],
        learning_rate=SETTINGS["learning_rate"], decay=SETTINGS["decay"], seed=SETTINGS["seed"],
        layers=None, progress=None, on_epoch=None):
    """Train ``layers`` (default :data:`dlnotes.cnn.MNIST_CNN`) with Adam on the split, the
    learning rate of epoch k being learning_rate * decay^k.

    Returns a dict: params, history (see :func:`dlnotes.cnn.train`), test_accuracy (after
    the last epoch), train_accuracy and seconds (training time). ``on_epoch`` goes to
    :func:`dlnotes.cnn.train` (called after each epoch with its number and the history).
    """
    layers = cnn.MNIST_CNN if layers is None else layers
    X_train, y_train, X_test, y_test = load_split()
    params, history = cnn.train(X_train, y_train, layers, epochs=epochs, batch_size=batch_size,
                                learning_rate=learning_rate, decay=decay, seed=seed,
                                X_test=X_test, y_test=y_test, progress=progress,
                                on_epoch=on_epoch)
    return {"params": params, "history": history,
            "test_accuracy": history["test_accuracy"][-1],
            "train_accuracy": cnn.accuracy(X_train, y_train, params, layers),
            "seconds": history["seconds"]}


def main(argv=None) -> int:
    parser = cli.parser("mnist", __doc__)
    parser.add_argument("--epochs", type=cli.positive_int, default=SETTINGS["epochs"], metavar="N",
                        help="passes over the 4,000 training images")
    parser.add_argument("--batch-size", type=cli.positive_int, default=SETTINGS["batch_size"],
                        metavar="B", help="images per Adam step")
    parser.add_argument("--learning-rate", type=cli.positive_float,
                        default=SETTINGS["learning_rate"], metavar="A",
                        help="Adam's learning rate in the first epoch")
    parser.add_argument("--decay", type=cli.real(0, 1, lo_open=True), default=SETTINGS["decay"],
                        metavar="F", help="learning rate factor per epoch, in (0, 1]")
    parser.add_argument("--seed", type=cli.seed, default=SETTINGS["seed"], metavar="S",
                        help="seed of the initial weights and the batch order (the split is always "
                             "seed 0's)")
    args = parser.parse_args(argv)
    print(cnn.format_parameter_table(cnn.parameter_table(cnn.MNIST_CNN, (28, 28, 1))))

    def report(epoch, history):       # each epoch's line as soon as the epoch ends
        print(f"epoch {epoch:2d}: cost {history['cost'][-1]:.4f}, test accuracy "
              f"{history['test_accuracy'][-1]:.2%}")

    result = run(args.epochs, args.batch_size, args.learning_rate, args.decay, args.seed,
                 on_epoch=report)
    print(f"train accuracy {result['train_accuracy']:.2%}, test accuracy "
          f"{result['test_accuracy']:.2%}, training time {result['seconds']:.1f} s")
    return 0
