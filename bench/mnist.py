"""The book's CNN on MNIST 5k in Keras and in dlnotes: same architecture, split and settings.

    python bench/mnist.py [--epochs N] [--seeds S ...] [--no-classic] [--blas-threads K]
                          [--tf-isa native|blas]

Both train conv 3x3 (32) -> ReLU -> max pool 2 -> conv 3x3 (64) -> ReLU -> max pool 2 ->
dropout 0.25 -> dense 128 ReLU -> dropout 0.5 -> dense 10 softmax with Adam (the settings of
dlnotes.experiments.mnist.SETTINGS: learning rate 1e-3 times 0.85^epoch, batch 64, 15 epochs)
on the seeded 4,000 / 1,000 split of dlnotes.experiments.mnist, and the table reports the test
accuracy after each one's last epoch and its training time (evaluations excluded). Unless
--no-classic is given, the classic Keras MNIST network (Conv32-Conv64-MaxPool-Dropout-Dense128-
Dropout-Dense10, Adadelta with learning rate 1.0, batch 128, 12 epochs) runs on the same split
as the bar the NumPy network is held to. ``--tf-isa blas`` caps TensorFlow's kernels at the
vector instructions of NumPy's (see bench/_isa.py); the header names both.
"""
import argparse
import contextlib
import os
import sys
import time
from pathlib import Path

os.environ["TF_ENABLE_ONEDNN_OPTS"] = "1"  # TensorFlow at its best (oneDNN kernels)
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import _isa  # noqa: E402  (bench/ is on the path when this file runs)
import numpy as np  # noqa: E402

KERNELS = _isa.apply(sys.argv[1:])  # --tf-isa must act before TensorFlow loads oneDNN
import keras  # noqa: E402

from dlnotes.experiments import mnist  # noqa: E402

S = mnist.SETTINGS


def book_cnn_keras():
    layers = keras.layers
    return keras.Sequential([
        keras.Input((28, 28, 1)),
        layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(2), layers.Dropout(0.25),
        layers.Flatten(), layers.Dense(128, activation="relu"), layers.Dropout(0.5),
        layers.Dense(10, activation="softmax")])


def classic_keras():
    layers = keras.layers
    return keras.Sequential([
        keras.Input((28, 28, 1)),
        layers.Conv2D(32, 3, activation="relu"), layers.Conv2D(64, 3, activation="relu"),
        layers.MaxPooling2D(2), layers.Dropout(0.25), layers.Flatten(),
        layers.Dense(128, activation="relu"), layers.Dropout(0.5),
        layers.Dense(10, activation="softmax")])


class _Timer(keras.callbacks.Callback):
    """Training time without the per-epoch evaluation on the test set."""

    def on_train_begin(self, logs=None):
        self.seconds = 0.0

    def on_epoch_begin(self, epoch, logs=None):
        self.start = time.perf_counter()

    def on_train_batch_end(self, batch, logs=None):
        self.end = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds += self.end - self.start


def fit_keras(model, optimizer, epochs, batch_size, callbacks, data, seed):
    X_train, y_train, X_test, y_test = data
    keras.utils.set_random_seed(seed)
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    timer = _Timer()
    history = model.fit(X_train, y_train, epochs=epochs, batch_size=batch_size, verbose=0,
                        validation_data=(X_test, y_test), callbacks=[timer, *callbacks])
    return history.history["val_accuracy"], timer.seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=S["epochs"], help="epochs per run "
                        "(default: %(default)s)")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2],
                        help="seeds of the weights, batches and dropout; each framework trains "
                             "once per seed, the two in turn (default: 0 1 2)")
    parser.add_argument("--no-classic", action="store_true",
                        help="skip the classic Keras mnist_cnn run")
    parser.add_argument("--blas-threads", type=int, default=None,
                        help="limit NumPy's BLAS to K threads for the dlnotes run (default: "
                             "the library's own choice, one per core)")
    _isa.add_argument(parser)
    args = parser.parse_args(argv)
    data = mnist.load_split()
    rows, per_seed = [], {"Keras": [], "dlnotes": []}

    def schedule(epoch, rate):
        return S["learning_rate"] * S["decay"] ** epoch

    limit = contextlib.nullcontext()
    if args.blas_threads:
        from threadpoolctl import threadpool_limits

        limit = threadpool_limits(args.blas_threads, user_api="blas")
    threads = f", {args.blas_threads} BLAS thread(s)" if args.blas_threads else ""
    for seed in args.seeds:
        # The two frameworks in turn, so that both see the same load on a shared machine.
        acc, seconds = fit_keras(book_cnn_keras(), keras.optimizers.Adam(S["learning_rate"]),
                                 args.epochs, S["batch_size"],
                                 [keras.callbacks.LearningRateScheduler(schedule)], data, seed)
        rows.append(("Keras", f"book CNN, Adam, seed {seed}", acc, seconds))
        per_seed["Keras"].append((acc[-1], seconds))
        with limit:
            result = mnist.run(epochs=args.epochs, seed=seed, progress=False)
        acc = result["history"]["test_accuracy"]
        rows.append(("dlnotes (NumPy)", f"book CNN, Adam, seed {seed}{threads}", acc,
                     result["seconds"]))
        per_seed["dlnotes"].append((acc[-1], result["seconds"]))

    if not args.no_classic:
        acc, seconds = fit_keras(classic_keras(), keras.optimizers.Adadelta(learning_rate=1.0),
                                 12, 128, [], data, S["seed"])
        rows.append(("Keras", "classic mnist_cnn, Adadelta(1.0), batch 128", acc, seconds))

    print(f"MNIST 5k, seeded 4,000 / 1,000 split; {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}; Keras {keras.__version__}, NumPy {np.__version__}")
    print(KERNELS)
    print("| library | network | epochs | test accuracy (last epoch) | best epoch | "
          "training time s |")
    print("|---|---|---:|---:|---:|---:|")
    for library, network, acc, seconds in rows:
        print(f"| {library} | {network} | {len(acc)} | {acc[-1]:.2%} | {max(acc):.2%} | "
              f"{seconds:.1f} |")
    print()
    print("| library | seeds | test accuracy, mean (range) | training time s, mean (range) |")
    print("|---|---:|---:|---:|")
    for library, runs in per_seed.items():
        accs, secs = np.array(runs).T
        print(f"| {library} | {len(runs)} | {accs.mean():.2%} ({accs.min():.2%}-{accs.max():.2%}) "
              f"| {secs.mean():.1f} ({secs.min():.1f}-{secs.max():.1f}) |")
    ratio = np.mean([d for _, d in per_seed["dlnotes"]]) / np.mean([k for _, k in per_seed["Keras"]])
    print(f"\ndlnotes time / Keras time, mean over the seeds: {ratio:.2f}")


if __name__ == "__main__":
    main()
