"""A tiny scalar computation graph with backpropagation (chapter 10).

Each :class:`Value` holds a number (``data``), the operation that made it and its inputs.
Calling ``root.backward()`` visits the graph from ``root`` back to the leaves in reverse
topological order and accumulates ``grad`` = ∂root/∂node by the chain rule: every operation
knows its local derivatives, and a node used twice receives the sum of both contributions.
:func:`draw` lays the graph out left to right with matplotlib.

>>> a, b, c = Value(5, "a"), Value(3, "b"), Value(2, "c")
>>> J = 3 * (a + b * c); J.backward()
>>> J.data, a.grad, b.grad, c.grad
(33.0, 3.0, 6.0, 9.0)
"""
from __future__ import annotations

import math
import numbers

from ._validate import integer, number

__all__ = ["Value", "draw"]


class Value:
    """A scalar node: ``data``, ``grad`` (filled by :meth:`backward`), ``label`` and ``op``."""

    def __init__(self, data, label="", _parents=(), _op=""):
        # Any finite real number: Python and NumPy scalars and 0-d arrays (not bools).
        self.data = number(data, "data")
        self.grad = 0.0
        self.label = label
        self.op = _op
        self.parents = tuple(_parents)
        self._local = ()  # ∂self/∂parent for each parent, set by the operation

    def __repr__(self):
        name = f"{self.label}=" if self.label else ""
        return f"Value({name}{self.data:.6g}, grad={self.grad:.6g})"

    @staticmethod
    def _wrap(x):
        return x if isinstance(x, Value) else Value(x)

    def _result(self, data, parents, local, op):
        out = Value(data, _parents=parents, _op=op)
        out._local = tuple(local)
        return out

    # arithmetic: each result records its parents and its local derivatives
    def __add__(self, other):
        other = self._wrap(other)
        return self._result(self.data + other.data, (self, other), (1.0, 1.0), "+")

    def __mul__(self, other):
        other = self._wrap(other)
        return self._result(self.data * other.data, (self, other), (other.data, self.data), "×")

    def __pow__(self, k):
        if not isinstance(k, numbers.Real) or isinstance(k, bool):
            raise TypeError(f"the exponent must be a plain number, got {type(k).__name__}")
        k = float(k) if not isinstance(k, numbers.Integral) else int(k)
        return self._result(self.data ** k, (self,), (k * self.data ** (k - 1),), f"^{k:g}")

    def __neg__(self):
        return self._result(-self.data, (self,), (-1.0,), "−")

    def __sub__(self, other):
        other = self._wrap(other)
        return self._result(self.data - other.data, (self, other), (1.0, -1.0), "−")

    def __truediv__(self, other):
        other = self._wrap(other)
        if other.data == 0:
            raise ZeroDivisionError(f"division of {self!r} by {other!r}, which is zero")
        q = self.data / other.data
        return self._result(q, (self, other), (1 / other.data, -q / other.data), "÷")

    def __radd__(self, other):
        return self._wrap(other) + self

    def __rmul__(self, other):
        return self._wrap(other) * self

    def __rsub__(self, other):
        return self._wrap(other) - self

    def __rtruediv__(self, other):
        return self._wrap(other) / self

    def exp(self):
        e = math.exp(self.data)
        return self._result(e, (self,), (e,), "exp")

    def log(self):
        if self.data <= 0:
            raise ValueError(f"log needs a positive argument, got {self!r}")
        return self._result(math.log(self.data), (self,), (1 / self.data,), "log")

    def sigmoid(self):
        x = self.data
        s = 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))
        return self._result(s, (self,), (s * (1 - s),), "σ")

    def backward(self):
        """Set ``grad`` = ∂self/∂node for every node of the graph that ends at ``self``."""
        order = topological_order(self)
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            for parent, local in zip(node.parents, node._local):
                parent.grad += local * node.grad  # chain rule; sums over every use


def topological_order(root):
    """Every node reachable from ``root``, each after all of its parents."""
    order, seen = [], set()
    stack = [(root, False)]
    while stack:  # iterative depth-first search: deep graphs do not hit the recursion limit
        node, done = stack.pop()
        if done:
            order.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((p, False) for p in node.parents if id(p) not in seen)
    return order


def _layout(root):
    """Columns: an operation sits one column left of its result, a result right of all its
    inputs, and a leaf just left of its first use (so constants sit next to where they enter).
    Returns the nodes in topological order and {key: (column, row)} for values and operations."""
    order = topological_order(root)
    depth = {}
    for node in order:
        depth[id(node)] = 0 if not node.parents else 2 + max(depth[id(p)] for p in node.parents)
    first_use = {}
    for node in order:
        for p in node.parents:
            if not p.parents:
                first_use[id(p)] = min(first_use.get(id(p), depth[id(node)]), depth[id(node)])
    depth.update({k: d - 2 for k, d in first_use.items()})
    columns = {}
    for node in order:
        columns.setdefault(depth[id(node)], []).append(node)
    pos = {}
    for x in sorted(columns):
        inner = [n for n in columns[x] if n.parents]
        leaves = [n for n in columns[x] if not n.parents]
        # centre each result on its inputs, then push apart any that collide
        inner.sort(key=lambda n: sum(pos[id(p)][1] for p in n.parents) / len(n.parents))
        ys = []
        for n in inner:
            y = sum(pos[id(p)][1] for p in n.parents) / len(n.parents)
            ys.append(max(y, ys[-1] + 1) if ys else y)
        start = ys[-1] + 1 if ys else 0
        ys += [start + i for i in range(len(leaves))]
        for n, y in zip(inner + leaves, ys):
            pos[id(n)] = (x, y)
            if n.parents:
                pos[("op", id(n))] = (x - 1, y)
    return order, pos


def draw(root, ax=None, digits=4, vertical=False):
    """Draw the graph ending at ``root``: a box per value showing its label, ``data`` and
    ``grad``, a circle per operation. Inputs sit left of their results, or above them with
    ``vertical=True`` (a long chain then stays narrow enough for a page). Returns the Axes."""
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value (the end of a graph), got {type(root).__name__}")
    digits = integer(digits, "digits")
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    order, grid = _layout(root)
    if vertical:  # depth runs down the page, rows across it
        box_w, box_h = 1.3, 0.62
        pos = {k: (1.55 * row, -0.8 * col) for k, (col, row) in grid.items()}
    else:
        box_w, box_h = 1.3, 0.7
        pos = {k: (1.8 * col, -row) for k, (col, row) in grid.items()}
    r = 0.25  # radius of an operation's circle

    def entry(x, y, half):  # where an arrow enters a shape centred at (x, y)
        return (x, y + half) if vertical else (x - half, y)

    def exit_(x, y, half):  # where an arrow leaves it
        return (x, y - half) if vertical else (x + half, y)

    if ax is None:
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        _, ax = plt.subplots(figsize=(max(xs) - min(xs) + box_w + 1.0,
                                      max(ys) - min(ys) + box_h + 1.0))
    arrow = dict(arrowstyle="->", color="0.3")
    for node in order:
        x, y = pos[id(node)]
        text = (f"{node.label}\n" if node.label else "") + \
            f"data {node.data:.{digits}g}\ngrad {node.grad:.{digits}g}"
        ax.add_patch(FancyBboxPatch((x - box_w / 2, y - box_h / 2), box_w, box_h,
                                    boxstyle="round,pad=0.02", fc="#e8f0fe", ec="#3c6fc4"))
        ax.text(x, y, text, ha="center", va="center", fontsize=8)
        if node.parents:
            ox, oy = pos[("op", id(node))]
            ax.add_patch(plt.Circle((ox, oy), r, fc="#fff4e0", ec="#c47f12"))
            ax.text(ox, oy, node.op, ha="center", va="center", fontsize=9)
            half = box_h / 2 if vertical else box_w / 2
            ax.annotate("", xy=entry(x, y, half), xytext=exit_(ox, oy, r), arrowprops=arrow)
            for p in node.parents:
                px, py = pos[id(p)]
                ax.annotate("", xy=entry(ox, oy, r), xytext=exit_(px, py, half), arrowprops=arrow)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - box_w / 2 - 0.2, max(xs) + box_w / 2 + 0.2)
    ax.set_ylim(min(ys) - box_h / 2 - 0.2, max(ys) + box_h / 2 + 0.2)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax
