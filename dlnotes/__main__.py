"""Command line: ``python -m dlnotes COMMAND [options]`` runs the book's experiments at full size.

Each command is a ``main(argv)`` function in its own module, imported only when it is asked for;
every ``main`` builds its parser with :mod:`dlnotes.cli`.
"""
import importlib
import sys

COMMANDS = {
    # name: (module, one-line description)
    "cat": ("dlnotes.experiments.cats", "cat classifier: logistic regression, 2- and 4-layer networks"),
    "init": ("dlnotes.experiments.initialization", "chapter 18: zeros, N(0,1)x10 and He initialisation on circles"),
    "convexity": ("dlnotes.experiments.convexity", "experiments of chapter 39 at full size"),
    "pima": ("dlnotes.experiments.pima", "chapter 13: 8-12-8-1 network on Pima, Keras and dlnotes"),
    "sonar": ("dlnotes.experiments.sonar", "chapter 14: sonar, four networks, 10-fold CV, both frameworks"),
    "mnist": ("dlnotes.experiments.mnist", "NumPy CNN on MNIST 5k"),
    "cnn-review": ("dlnotes.experiments.cnn_review",
                   "chapters 35 and 37: the MNIST 5k CNN in Keras and dlnotes, confusion matrix"),
    "grade": ("dlnotes.grade", "run your workbook and list which exercises pass, fail or are not attempted"),
    "overfitting": ("dlnotes.experiments.overfitting",
                    "chapter 23: the train/held-out gap as the training set grows, MNIST 5k"),
    "parity": ("dlnotes.experiments.parity",
               "chapter 21: smallest trained shallow and deep networks that fit n-bit parity"),
    "hyperparameters": ("dlnotes.experiments.hyperparameters",
                        "chapter 22: sweeps, and grid against random search, on the digits"),
    "regularization": ("dlnotes.experiments.regularization",
                       "chapter 24: λ sweep and L2/dropout table on noisy moons, more draws"),
    "vision": ("dlnotes.experiments.vision",
               "chapter 27: fully connected network against a small CNN on MNIST 5k"),
    "pooling-shift": ("dlnotes.experiments.pooling_shift",
                      "chapter 34: how a shift of the image changes a feature map, with and without pooling"),
    "hidden-space": ("dlnotes.experiments.hidden_space",
                     "chapter 16: separability in the hidden layer of [2, k, 1] networks, more seeds"),
    "gradients": ("dlnotes.experiments.gradients",
                  "chapter 17: per-layer gradient norms of deep sigmoid, tanh and ReLU networks"),
    "brain": ("dlnotes.experiments.brain",
              "chapter 38: LIF rate curve; backprop vs feedback alignment on MNIST 5k"),
    "end-to-end": ("dlnotes.experiments.end_to_end",
                   "chapters 25-26: hand-made features vs end to end as the training set grows"),
}


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[0] in {"-h", "--help"} or argv[0] not in COMMANDS:
        asked = bool(argv) and argv[0] in {"-h", "--help"}
        out = sys.stdout if asked else sys.stderr
        print("usage: python -m dlnotes COMMAND [options]   (COMMAND --help for its options)\n",
              file=out)
        for name, (_, about) in sorted(COMMANDS.items()):
            print(f"  {name:<14} {about}", file=out)
        if argv and not asked:
            print(f"\npython -m dlnotes: error: unknown command {argv[0]!r}", file=out)
        return 0 if asked else 2
    module, _ = COMMANDS[argv[0]]
    try:
        command = importlib.import_module(module)
    except ModuleNotFoundError as e:
        from .cli import OPTIONAL, install_hint

        if (e.name or "").split(".")[0] not in OPTIONAL:
            raise
        print(f"python -m dlnotes {argv[0]}: {install_hint(e.name)}", file=sys.stderr)
        return 2
    return command.main(argv[1:]) or 0


if __name__ == "__main__":
    raise SystemExit(main())
