"""dlnotes: deep learning from scratch in NumPy, the companion package of the dlnotes course.

Plain functions on arrays, one module per concept (see the README's module table).
"""
import os

# TensorFlow reads these when it is first imported; setting them here (only if the user has
# not) keeps its start-up log lines out of the book. Benchmarks switch oneDNN back on.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

__version__ = "0.1.0"
