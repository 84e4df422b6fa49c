"""Chapters 35 and 37: the MNIST 5k network in Keras and in dlnotes side by side, and from inside.

Side by side: the same network trained in both frameworks; from the inside: the output of every
layer of a trained network and its confusion matrix.

    python -m dlnotes cnn-review [--epochs N] [--seed S] [--no-keras]

trains the book's network (dlnotes.cnn.MNIST_CNN) on the seeded 4,000 / 1,000 split with the
settings of dlnotes.experiments.mnist, in dlnotes and (unless --no-keras) in Keras, and prints
the test accuracy of each epoch, the training times and dlnotes' confusion matrix.
"""
from __future__ import annotations

import time

import numpy as np

from .. import cli, cnn
from .._validate import _got, array, integer, shape as _shape
from . import mnist

__all__ = ["NOTE_CNN", "ALEXNET", "VGG16", "multiply_adds", "layer_outputs", "probabilities", "confusion_matrix", "keras_model",
           "keras_weights_to_params", "train_keras", "main"]

#: The note's layout (the classic Keras MNIST example): two 3x3 convolutions in a row, then one
#: 2x2 max pooling, dropout 0.25, 128 ReLU units, dropout 0.5, 10 classes.
NOTE_CNN = [cnn.conv_layer(32, 3), cnn.relu_layer(), cnn.conv_layer(64, 3), cnn.relu_layer(),
            cnn.pool_layer(2), cnn.dropout_layer(0.25), cnn.flatten_layer(),
            cnn.dense_layer(128), cnn.relu_layer(), cnn.dropout_layer(0.5), cnn.dense_layer(10)]


#: AlexNet (Krizhevsky et al., 2012) as one tower on 227 x 227 x 3 images, as the lectures draw
#: it: the paper split most layers across two GPUs (fewer connections), and normalised responses.
ALEXNET = [cnn.conv_layer(96, 11, stride=4), cnn.relu_layer(), cnn.pool_layer(3, 2),
           cnn.conv_layer(256, 5, pad=2), cnn.relu_layer(), cnn.pool_layer(3, 2),
           cnn.conv_layer(384, 3, pad=1), cnn.relu_layer(), cnn.conv_layer(384, 3, pad=1),
           cnn.relu_layer(), cnn.conv_layer(256, 3, pad=1), cnn.relu_layer(), cnn.pool_layer(3, 2),
           cnn.flatten_layer(), cnn.dense_layer(4096), cnn.relu_layer(), cnn.dropout_layer(0.5),
           cnn.dense_layer(4096), cnn.relu_layer(), cnn.dropout_layer(0.5), cnn.dense_layer(1000)]


def _vgg16():
    layers = []
    for n_C, repeat in ((64, 2), (128, 2), (256, 3), (512, 3), (512, 3)):
        layers += [cnn.conv_layer(n_C, 3, pad=1), cnn.relu_layer()] * repeat + [cnn.pool_layer(2)]
    return layers + [cnn.flatten_layer(), cnn.dense_layer(4096), cnn.relu_layer(),
                     cnn.dropout_layer(0.5), cnn.dense_layer(4096), cnn.relu_layer(),
                     cnn.dropout_layer(0.5), cnn.dense_layer(1000)]


#: VGG-16 (configuration D of Simonyan and Zisserman, 2015) on 224 x 224 x 3 images: thirteen
#: 3x3 convolutions with padding 1 in five blocks, each block ending in 2x2 max pooling.
VGG16 = _vgg16()


def multiply_adds(layers, input_shape):
    """Multiply-adds per example of every layer: a conv layer n_H n_W n_C f f n_C_prev (one
    f x f x n_C_prev dot product per output number), a dense layer n_prev n, other layers 0."""
    input_shape = _shape(input_shape, "input_shape", ndims=(3,))
    shapes = [tuple(input_shape)] + cnn.output_shapes(layers, input_shape)
    out = []
    for layer, prev, shape in zip(layers, shapes, shapes[1:]):
        if layer["kind"] == "conv":
            out.append(int(np.prod(shape)) * layer["f"] ** 2 * prev[2])
        elif layer["kind"] == "dense":
            out.append(prev[0] * layer["n"])
        else:
            out.append(0)
    return out


def layer_outputs(X, params, layers):
    """The output of every layer for images X (m, n_H, n_W, n_C), at test time (dropout off):
    a list with one array per layer, images as (m, n_H, n_W, n_C), vectors as (n, m)."""
    X = cnn._check_images(X, layers, params)
    outputs, l = [], 0
    for k, layer in enumerate(layers):
        if layer["kind"] in ("conv", "dense"):
            l += 1
        prefix = {name: params[name] for i in range(1, l + 1) for name in (f"W{i}", f"b{i}")}
        outputs.append(cnn.forward(X, prefix, layers[:k + 1])[0])
    return outputs


def probabilities(X, params, layers):
    """Softmax of the logits, P (classes, m): column i holds the network's probabilities of
    every class for image i (each column sums to 1)."""
    Z, _ = cnn.forward(X, params, layers)
    Z = Z - Z.max(axis=0, keepdims=True)
    E = np.exp(Z)
    return E / E.sum(axis=0, keepdims=True)


def confusion_matrix(y_true, y_pred, classes: int = 10) -> np.ndarray:
    """C (classes, classes) of counts: C[i, j] is the number of examples of true class i that
    were predicted as class j (rows: truth, columns: prediction; the diagonal is right)."""
    classes = integer(classes, "classes")
    y_true = cnn._labels(y_true, classes, name="y_true")
    y_pred = cnn._labels(y_pred, classes, y_true.size, name="y_pred")
    C = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(C, (y_true, y_pred), 1)
    return C


def keras_weights_to_params(weights):
    """Keras weights (``model.get_weights()``: for each Conv2D its kernel (f, f, n_C_prev, n_C)
    and bias (n_C,), for each Dense its kernel (n_prev, n) and bias (n,)) as dlnotes parameters
    {"W1", "b1", ...}: conv kernels and biases unchanged, dense kernels transposed to (n, n_prev)
    and biases made columns (n, 1)."""
    if not isinstance(weights, (list, tuple)) or len(weights) % 2:
        raise TypeError(f"weights must be the list model.get_weights() returns (kernel, bias, "
                        f"kernel, bias, ...), got {_got(weights)}")
    params = {}
    for l in range(1, len(weights) // 2 + 1):
        W = array(weights[2 * l - 2], f"weights[{2 * l - 2}]")
        if W.ndim not in (2, 4):
            raise ValueError(f"weights[{2 * l - 2}] must be a kernel, (f, f, n_C_prev, n_C) of "
                             f"a Conv2D or (n_prev, n) of a Dense, got shape {W.shape}")
        b = array(weights[2 * l - 1], f"weights[{2 * l - 1}]", 1, need="a bias (n,)")
        if b.shape[0] != W.shape[-1]:
            raise ValueError(f"weights[{2 * l - 1}] must be the bias of the kernel before it, of "
                             f"shape ({W.shape[-1]},), got shape {b.shape}")
        params[f"W{l}"], params[f"b{l}"] = (W, b) if W.ndim == 4 else (W.T, b[:, None])
    return params


def keras_model(layout: str = "book"):
    """The Keras twin of cnn.MNIST_CNN (``layout="book"``: a 2x2 max pooling after each
    convolution, as in bench/mnist.py) or of NOTE_CNN (``"note"``: the note's layout), for
    28 x 28 x 1 images, ending in a softmax."""
    import keras

    L = keras.layers
    if layout not in ("book", "note"):
        raise ValueError(f"layout must be 'book' or 'note', got {layout!r}")
    pool1 = [L.MaxPooling2D(2)] if layout == "book" else []
    return keras.Sequential([
        keras.Input((28, 28, 1)), L.Conv2D(32, 3, activation="relu"), *pool1,
        L.Conv2D(64, 3, activation="relu"), L.MaxPooling2D(2), L.Dropout(0.25), L.Flatten(),
        L.Dense(128, activation="relu"), L.Dropout(0.5), L.Dense(10, activation="softmax")])


def train_keras(epochs=mnist.SETTINGS["epochs"], seed=mnist.SETTINGS["seed"], layout="book",
                data=None):
    """Train :func:`keras_model` with the settings of dlnotes.experiments.mnist (Adam, learning
    rate 1e-3 times 0.85^epoch, batch 64) on the seeded split, Keras seeded and deterministic.
    Returns a dict: model, history ({"cost": mean mini-batch loss per epoch, "test_accuracy"
    per epoch, "seconds": training time without the evaluations}), test_accuracy (last epoch),
    seconds."""
    import keras

    from .pima import seed_keras

    S = mnist.SETTINGS
    epochs = integer(epochs, "epochs")
    X_train, y_train, X_test, y_test = mnist.load_split() if data is None else data
    seed_keras(seed)
    model = keras_model(layout)
    model.compile(optimizer=keras.optimizers.Adam(S["learning_rate"]),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    clock = {"seconds": 0.0}

    class Timer(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            clock["start"] = time.perf_counter()

        def on_train_batch_end(self, batch, logs=None):
            clock["end"] = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            clock["seconds"] += clock["end"] - clock["start"]

    schedule = keras.callbacks.LearningRateScheduler(
        lambda epoch, rate: S["learning_rate"] * S["decay"] ** epoch)
    fit = model.fit(X_train, y_train, epochs=epochs, batch_size=S["batch_size"], verbose=0,
                    shuffle=True, validation_data=(X_test, y_test), callbacks=[Timer(), schedule])
    history = {"cost": [float(c) for c in fit.history["loss"]],
               "test_accuracy": [float(a) for a in fit.history["val_accuracy"]],
               "seconds": clock["seconds"]}
    return {"model": model, "history": history, "test_accuracy": history["test_accuracy"][-1],
            "seconds": history["seconds"]}


def main(argv=None) -> int:
    parser = cli.parser("cnn-review", __doc__)
    parser.add_argument("--epochs", type=cli.positive_int, default=mnist.SETTINGS["epochs"],
                        metavar="N", help="training epochs")
    parser.add_argument("--seed", type=cli.seed, default=mnist.SETTINGS["seed"], metavar="S",
                        help="seed of both trainings")
    parser.add_argument("--no-keras", action="store_true",
                        help="train only the dlnotes network, not the Keras one as well")
    args = parser.parse_args(argv)
    if not args.no_keras:
        cli.require("book", "keras", "tensorflow", prog=parser.prog,
                    why="or train only the dlnotes network with --no-keras")
    data = mnist.load_split()
    ours = mnist.run(epochs=args.epochs, seed=args.seed, progress=None)
    runs = {"dlnotes": ours["history"]}
    if not args.no_keras:
        runs["Keras"] = train_keras(args.epochs, args.seed, data=data)["history"]
    for name, h in runs.items():
        print(f"{name}: test accuracy per epoch " +
              " ".join(f"{a:.1%}" for a in h["test_accuracy"]) +
              f"; training time {h['seconds']:.1f} s", flush=True)
    pred = cnn.predict(data[2], ours["params"], cnn.MNIST_CNN)
    print("dlnotes confusion matrix (rows: true digit, columns: predicted):", flush=True)
    for digit, row in enumerate(confusion_matrix(data[3], pred)):
        print(f"{digit}: " + " ".join(f"{n:4d}" for n in row), flush=True)
    return 0
