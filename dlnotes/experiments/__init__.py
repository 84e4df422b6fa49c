"""The book's experiments as functions that return their results, one module per experiment.

Each module also has a ``main(argv)`` that ``python -m dlnotes`` calls for the full-size run.
"""
