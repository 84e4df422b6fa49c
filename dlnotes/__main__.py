"""Command line: ``python -m dlnotes COMMAND [options]`` runs the book's experiments at full size.

Each command is a ``main(argv)`` function in its own module, imported only when it is asked for.
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
    "regularization": ("dlnotes.experiments.regularization",
                       "chapter 24: λ sweep and L2/dropout table on noisy moons, more draws"),
}


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[0] in {"-h", "--help"} or argv[0] not in COMMANDS:
        print("usage: python -m dlnotes COMMAND [options]   (COMMAND --help for its options)\n")
        for name, (_, about) in sorted(COMMANDS.items()):
            print(f"  {name:<12} {about}")
        return 0 if argv and argv[0] in {"-h", "--help"} else 2
    module, _ = COMMANDS[argv[0]]
    return importlib.import_module(module).main(argv[1:]) or 0


if __name__ == "__main__":
    raise SystemExit(main())
