"""Figures that several chapters share. Each function draws on a matplotlib ``Axes`` it is given
and returns what it drew, so a chapter composes panels and sets its own titles."""
from __future__ import annotations

import numpy as np

from ._validate import _got, array, function, integer, labels01, number, positive_int

__all__ = ["plane_grid", "decision_boundary", "scatter_classes", "grid_lines", "warped_grid"]

CLASS_COLOURS = ("#1f77b4", "#d62728")   # class 0 blue, class 1 red, in every chapter


def _axes(ax):
    if not hasattr(ax, "scatter") or not hasattr(ax, "contourf"):
        raise TypeError(f"ax must be a matplotlib Axes (e.g. from plt.subplots()), got {_got(ax)}")


def plane_grid(X, steps=200, margin=0.25):
    """A ``steps`` × ``steps`` grid covering the points X (2, m) plus ``margin`` on each side.

    Returns ``(xx, yy, P)``: the two (steps, steps) coordinate arrays and P (2, steps²), the grid
    points as columns, ready to pass to a dense network.
    """
    X = array(X, "X", 2)
    if X.shape[0] != 2 or X.shape[1] < 1:
        raise ValueError(f"X must have shape (2, m) with m >= 1, got {X.shape}")
    steps = positive_int(steps, "steps")
    margin = number(margin, "margin", lo=0)
    lo, hi = X.min(axis=1) - margin, X.max(axis=1) + margin
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], steps), np.linspace(lo[1], hi[1], steps))
    return xx, yy, np.vstack([xx.ravel(), yy.ravel()])


def scatter_classes(ax, X, Y, **kwargs):
    """Scatter the points X (2, m) coloured by their 0/1 labels Y (1, m)."""
    _axes(ax)
    X, Y = array(X, "X", 2), array(Y, "Y", 2)
    if X.shape[0] != 2 or Y.shape != (1, X.shape[1]):
        raise ValueError(f"X must have shape (2, m) and Y (1, m), got X {X.shape} and Y {Y.shape}")
    labels01(Y)
    kwargs = {"s": 14, "edgecolors": "white", "linewidths": 0.4, **kwargs}
    for label, colour in enumerate(CLASS_COLOURS):
        mask = Y[0] == label
        ax.scatter(X[0, mask], X[1, mask], c=colour, label=f"class {label}", **kwargs)
    return ax


def decision_boundary(ax, predict_proba, X, Y, steps=200, margin=0.25):
    """Shade where ``predict_proba`` (a function of P (2, k) returning (1, k) probabilities of
    class 1) is above 0.5, draw the 0.5 contour, and scatter X (2, m) with labels Y (1, m).

    Returns the (steps, steps) grid of probabilities.
    """
    _axes(ax)
    function(predict_proba, "predict_proba")
    steps = integer(steps, "steps", 2)
    xx, yy, P = plane_grid(X, steps, margin)
    prob = array(predict_proba(P), "predict_proba(P)", finite=False)
    if prob.shape != (1, P.shape[1]):
        raise ValueError(f"predict_proba must return shape (1, {P.shape[1]}) for a grid of "
                         f"{P.shape[1]} points, got {prob.shape}")
    if not (np.isfinite(prob).all() and prob.min() >= 0 and prob.max() <= 1):
        raise ValueError(f"predict_proba must return probabilities in [0, 1], got values from "
                         f"{np.nanmin(prob) if np.isfinite(prob).any() else prob.flat[0]} to "
                         f"{np.nanmax(prob) if np.isfinite(prob).any() else prob.flat[0]} "
                         f"(NaN or inf: {int((~np.isfinite(prob)).sum())})")
    prob = prob.reshape(xx.shape)
    ax.contourf(xx, yy, prob, levels=[0, 0.5, 1], colors=["#c6dbef", "#fcbba1"], alpha=0.8)
    ax.contour(xx, yy, prob, levels=[0.5], colors="black", linewidths=1)
    scatter_classes(ax, X, Y)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return prob


def grid_lines(X, lines=9, steps=60, margin=0.25):
    """The lines of a ``lines`` × ``lines`` grid over the points X (2, m) plus ``margin``.

    Returns a list of 2·``lines`` arrays of shape (2, ``steps``), each the points of one line
    (first the lines of constant x₁, then those of constant x₂), ready for a network's forward
    pass and for :func:`warped_grid`.
    """
    X = array(X, "X", 2)
    if X.shape[0] != 2 or X.shape[1] < 1:
        raise ValueError(f"X must have shape (2, m) with m >= 1, got {X.shape}")
    lines = integer(lines, "lines", 2)
    steps = integer(steps, "steps", 2)
    margin = number(margin, "margin", lo=0)
    lo, hi = X.min(axis=1) - margin, X.max(axis=1) + margin
    t = np.linspace(0, 1, steps)
    out = []
    for axis in (0, 1):
        other = 1 - axis
        for c in np.linspace(lo[axis], hi[axis], lines):
            P = np.empty((2, steps))
            P[axis] = c
            P[other] = lo[other] + t * (hi[other] - lo[other])
            out.append(P)
    return out


def warped_grid(ax, transform, lines, **kwargs):
    """Draw every line of ``lines`` (arrays (2, k), as :func:`grid_lines` returns) after mapping
    it through ``transform`` (P (2, k) -> (n, k), e.g. a hidden layer's activations).

    Plots coordinates 1 and 2 on a 2-D ``ax``, or 1, 2 and 3 on a 3-D one
    (``projection="3d"``); grey thin lines unless ``kwargs`` say otherwise. Returns the list of
    mapped lines.
    """
    _axes(ax)
    function(transform, "transform")
    if isinstance(lines, np.ndarray) or not isinstance(lines, (list, tuple)) or not lines:
        raise ValueError(f"lines must be a non-empty list of (2, k) arrays (see grid_lines), got "
                         f"{_got(lines)}")
    lines = [array(P, f"lines[{i}]", 2) for i, P in enumerate(lines)]
    for i, P in enumerate(lines):
        if P.shape[0] != 2:
            raise ValueError(f"lines[{i}] must have shape (2, k), got {P.shape}")
    dims = 3 if hasattr(ax, "get_zlim") else 2
    kwargs = {"color": "0.55", "linewidth": 0.6, **kwargs}
    mapped = []
    for i, P in enumerate(lines):
        Q = array(transform(P), "transform(P)", 2)
        if Q.shape[1] != P.shape[1] or Q.shape[0] < dims:
            raise ValueError(f"transform must map P (2, {P.shape[1]}) to ({dims} or more, "
                             f"{P.shape[1]}) for a {dims}-D axes, got {Q.shape}")
        ax.plot(*Q[:dims], **kwargs)
        mapped.append(Q)
    return mapped
