"""Chapter 27: a fully connected network against a small convolutional network on MNIST 5k.

    python -m dlnotes vision [--epochs N] [--seed S]

Both networks are trained with Adam on the seeded 4,000 / 1,000 split of
:func:`dlnotes.experiments.mnist.load_split`; the table gives each one's parameter count
(from :func:`dlnotes.cnn.parameter_table`), held-out accuracy and training time.
"""
from __future__ import annotations

from .. import cli, cnn
from .mnist import load_split

#: A fully connected network: every pixel to each of 128 hidden units, then 10 outputs.
DENSE = [cnn.flatten_layer(), cnn.dense_layer(128), cnn.relu_layer(), cnn.dense_layer(10)]

#: A small convolutional network: 8 and 16 filters of 3 x 3, each followed by 2 x 2 max pooling.
SMALL_CNN = [cnn.conv_layer(8, 3), cnn.relu_layer(), cnn.pool_layer(2),
             cnn.conv_layer(16, 3), cnn.relu_layer(), cnn.pool_layer(2),
             cnn.flatten_layer(), cnn.dense_layer(10)]

NETWORKS = {"fully connected": DENSE, "small CNN": SMALL_CNN}

#: Training and held-out accuracy after ``python -m dlnotes vision --epochs 15 --seed 0``
#: (recorded on the book's machine; tests/test_vision_chapters.py reruns it and checks them).
RECORDED_15_EPOCHS = {"fully connected": {"train": 0.996, "held-out": 0.916},
                      "small CNN": {"train": 0.988, "held-out": 0.953}}


def parameters(layers, input_shape=(28, 28, 1)) -> int:
    """The number of weights and biases of ``layers`` on images of ``input_shape``."""
    return sum(row["parameters"] for row in cnn.parameter_table(layers, input_shape))


def compare(epochs: int = 5, seed: int = 0, progress=None) -> dict:
    """Train both networks of :data:`NETWORKS` for ``epochs`` epochs (batch 64, Adam at 1e-3,
    the same ``seed`` for the split and the initial weights). Returns {name: {"parameters",
    "test_accuracy" (after each epoch), "train_accuracy", "seconds", "layers"}}."""
    X_train, y_train, X_test, y_test = load_split(seed)
    out = {}
    for name, layers in NETWORKS.items():
        params, history = cnn.train(X_train, y_train, layers, epochs=epochs, batch_size=64,
                                    learning_rate=1e-3, seed=seed, X_test=X_test,
                                    y_test=y_test, progress=progress)
        out[name] = {"parameters": parameters(layers), "layers": layers,
                     "test_accuracy": history["test_accuracy"],
                     "train_accuracy": cnn.accuracy(X_train, y_train, params, layers),
                     "seconds": history["seconds"]}
    return out


def main(argv=None) -> int:
    parser = cli.parser("vision", __doc__)
    parser.add_argument("--epochs", type=cli.positive_int, default=15, metavar="N",
                        help="training epochs of each network")
    parser.add_argument("--seed", type=cli.seed, default=0, metavar="S",
                        help="seed of the split and the weights")
    args = parser.parse_args(argv)
    results = compare(args.epochs, args.seed, progress=True)
    print(f"{'network':<17}{'parameters':>11}{'train':>8}{'held-out':>10}{'seconds':>9}",
          flush=True)
    for name, r in results.items():
        print(f"{name:<17}{r['parameters']:>11,}{r['train_accuracy']:>8.1%}"
              f"{r['test_accuracy'][-1]:>10.1%}{r['seconds']:>9.1f}", flush=True)
    return 0
