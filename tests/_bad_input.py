"""What bad input means for every public function of dlnotes, and how an outcome is judged.

Used by ``tests/test_bad_input.py`` (property-based, under pytest) and ``tests/hostile_sweep.py``
(the full deterministic sweep with its outcome table).

A function is declared once in :data:`SPECS` with ``spec(name, valid, **kinds)``:

- ``valid(rng)`` returns keyword arguments of one good call (fresh arrays on every call);
- each keyword names the *kind* of one argument (``Arr()``, ``Int(1)``, ``Num(0, None)``,
  ``Choice(...)``, ``Seed()``, ``Func()``, ``Bad([...])``), from which the standard bad values
  (wrong ndim, NaN, inf, strings, None, ...) and valid alternatives (lists, int or float32
  arrays, NumPy scalars, ...) of that argument follow;
- ``extra=`` lists the cases that involve several arguments (transposed or mismatched arrays,
  m = 0, malformed caches): ``bad(label, names, **overrides)`` or ``ok(label, ref, **overrides)``,
  where an override is a value or a function of the valid keyword arguments.

A bad call must raise ValueError or TypeError whose message names one of ``names`` (the
argument at fault), with every argument unchanged. A valid alternative must give the answer of
the reference call (the same call with the canonical float64 value).

To declare a new function, add one ``spec(...)`` line below; the test fails for a public
function without one (unless it is listed in :data:`EXEMPT` with a reason).
"""
from __future__ import annotations

import copy
import importlib
import inspect
import linecache
import pkgutil
import re
from dataclasses import dataclass, field

import numpy as np

import dlnotes


# ------------------------------------------------------------------------------------ cases

@dataclass
class Case:
    func: str                  # "module.function"
    label: str                 # what is wrong (or what the alternative is)
    make: object               # rng -> kwargs
    expect: str                # "bad" or "ok"
    names: tuple = ()          # for "bad": argument names the message may name
    ref: object = None         # for "ok": rng -> kwargs of the reference call
    rtol: float = 1e-12


class Kind:
    """One argument's kind: its standard bad values and valid alternatives."""

    def bad(self, v):
        return []

    def alts(self, v):
        return []


class Arr(Kind):
    """An array argument. ``finite``: NaN and inf are bad; ``ndim``: the ndim is fixed;
    ``alts``: which valid alternatives apply ("list", "int", "bool", "float16", "float32")."""

    def __init__(self, finite=True, ndim=True, alts=("list", "int", "float32"), huge=True,
                 neg_inf_ok=False):
        self.finite, self.ndim, self.alt_kinds, self.huge = finite, ndim, alts, huge
        self.neg_inf_ok = neg_inf_ok

    def bad(self, v):
        v = np.asarray(v, dtype=float)
        out = [("a string", "abc"), ("None", None), ("a ragged list", [[1.0, 2.0], [3.0]]),
               ("a complex array", v.astype(complex) + 1j), ("a dict", {"a": 1.0}),
               ("an object array", np.full(v.shape, None, dtype=object))]
        if self.ndim:
            out.append(("one more axis", v[None]))
            out.append(("one axis fewer", v.reshape(-1) if v.ndim > 1 else np.float64(v.flat[0])
                        if v.size else np.float64(0.0)))
        if self.finite and v.size:
            for name, x in (("a NaN", np.nan), ("an inf", np.inf), ("a -inf", -np.inf)):
                if x == -np.inf and self.neg_inf_ok:
                    continue
                w = v.copy()
                w.flat[-1] = x
                out.append((name, w))
        return out

    def alts(self, v):
        v = np.asarray(v)
        out = []
        for k in self.alt_kinds:
            if k == "list":
                out.append(("a nested list", v.tolist(), v, 1e-12))
            elif k == "int":
                w = np.round(v).astype(np.int64)
                out.append(("an int64 array", w, w.astype(float), 1e-12))
            elif k == "bool":
                w = v > np.median(v) if v.size else v.astype(bool)
                out.append(("a bool array", w, w.astype(float), 1e-12))
            elif k == "float16":
                w = v.astype(np.float16)
                out.append(("a float16 array", w, w.astype(float), 1e-12))
            elif k == "float32":
                w = v.astype(np.float32)
                out.append(("a float32 array", w, w.astype(float), 2e-4))
        return out


class Num(Kind):
    """A real number in [lo, hi] (``lo_open``/``hi_open`` exclude the ends; None: unbounded)."""

    def __init__(self, lo=None, hi=None, lo_open=False, hi_open=False):
        self.lo, self.hi, self.lo_open, self.hi_open = lo, hi, lo_open, hi_open

    def bad(self, v):
        out = [("None", None), ("a string", str(v)), ("NaN", float("nan")), ("inf", float("inf")),
               ("-inf", float("-inf")), ("a list", [v]), ("an array of two", np.array([v, v])),
               ("a complex number", complex(v, 1))]
        if self.lo is not None:
            out.append(("below the range", self.lo - 1.0))
            if self.lo_open:
                out.append(("the excluded lower end", self.lo))
        if self.hi is not None:
            out.append(("above the range", self.hi + 1.0))
            if self.hi_open:
                out.append(("the excluded upper end", self.hi))
        return [o for o in out if o[0] not in ("inf", "-inf") or not self._allows(o[1])]

    def _allows(self, x):
        return False

    def alts(self, v):
        out = [("a numpy float64", np.float64(v), v, 1e-12),
               ("a 0-d array", np.array(float(v)), v, 1e-12),
               ("a numpy float32", np.float32(v), float(np.float32(v)), 1e-12)]
        if float(v).is_integer():
            out.append(("an int", int(v), float(v), 1e-12))
        return out


class Int(Kind):
    """An integer >= lo (and <= hi when given); ``none_ok``: None is valid (a default)."""

    def __init__(self, lo=1, hi=None, none_ok=False):
        self.lo, self.hi, self.none_ok = lo, hi, none_ok

    def bad(self, v):
        v = self.lo + 2 if v is None else v
        out = [(f"{self.lo - 1}", self.lo - 1), (f"{self.lo - 3}", self.lo - 3),
               ("a non-integer float", v + 0.5), ("a string", str(v)),
               ("a bool", True), ("NaN", float("nan")), ("a list", [v])]
        if not self.none_ok:
            out.append(("None", None))
        if self.hi is not None:
            out.append(("above the range", self.hi + 1))
        return out

    def alts(self, v):
        if v is None:
            return []
        return [("a numpy int64", np.int64(v), v, 1e-12), ("a numpy int32", np.int32(v), v, 1e-12)]


class Choice(Kind):
    def __init__(self, *options):
        self.options = options

    def bad(self, v):
        out = [("an unknown name", "nope"), ("None", None), ("a number", 3), ("a list", [v])]
        if isinstance(v, str) and v.upper() != v:
            out.append(("the upper-case name", v.upper()))
        return out


class Seed(Kind):
    def bad(self, v):
        return [("a negative seed", -1), ("a float seed", 1.5), ("a string seed", "0"),
                ("a bool seed", True)]

    def alts(self, v):
        return [("a numpy int64 seed", np.int64(v), v, 1e-12),
                ("a Generator", lambda: np.random.default_rng(v), v, 1e-12)]


class Func(Kind):
    def bad(self, v):
        return [("None", None), ("a number", 3.0), ("a string", "f")]


class Bad(Kind):
    """Explicit bad values: a list of (label, value or function of the valid kwargs)."""

    def __init__(self, values):
        self.values = values

    def bad(self, v):
        return list(self.values)


@dataclass
class Spec:
    func: str
    valid: object
    kinds: dict
    extra: list = field(default_factory=list)
    docs_overflow: bool = False


def spec(func, valid, extra=(), **kinds):
    return Spec(func, valid, kinds, list(extra))


def bad(label, names, **overrides):
    return ("bad", label, tuple(names.split()) if isinstance(names, str) else tuple(names),
            overrides)


def ok(label, ref=None, rtol=1e-12, **overrides):
    return ("ok", label, ref, overrides, rtol)


def _resolve(value, kwargs):
    return value(kwargs) if callable(value) and getattr(value, "_from_kwargs", False) else value


def kw(f):
    """Mark a function of the valid kwargs (for overrides that depend on them)."""
    f._from_kwargs = True
    return f


def _fresh(value):
    return value() if callable(value) and getattr(value, "__name__", "") == "<lambda>" \
        and not getattr(value, "_from_kwargs", False) and value.__code__.co_argcount == 0 \
        else value


def cases_of(s: Spec) -> list[Case]:
    out = []
    base = s.valid(np.random.default_rng(0))
    try:
        defaults = {k: p.default for k, p in inspect.signature(resolve_func(s.func)).parameters.items()
                    if p.default is not inspect.Parameter.empty}
    except (TypeError, ValueError):
        defaults = {}
    for name, kind in s.kinds.items():
        if name not in base:
            base[name] = defaults.get(name)
        for label, value, *names in kind.bad(base.get(name)):
            def make(rng, name=name, value=value):
                kwargs = s.valid(rng)
                kwargs[name] = copy.deepcopy(_fresh(_resolve(value, kwargs)))
                return kwargs
            names = tuple(names[0].split()) if names else (name,)
            out.append(Case(s.func, f"{name}: {label}", make, "bad", names))
        for label, value, ref_value, rtol in kind.alts(base.get(name)):
            def make(rng, name=name, value=value):
                kwargs = s.valid(rng)
                kwargs[name] = copy.deepcopy(_fresh(value))
                return kwargs

            def ref(rng, name=name, ref_value=ref_value):
                kwargs = s.valid(rng)
                kwargs[name] = copy.deepcopy(ref_value)
                return kwargs
            out.append(Case(s.func, f"{name}: {label}", make, "ok", ref=ref, rtol=rtol))
    for item in s.extra:
        if item[0] == "bad":
            _, label, names, overrides = item

            def make(rng, overrides=overrides):
                kwargs = s.valid(rng)
                new = {k: _resolve(v, kwargs) for k, v in overrides.items()}
                kwargs.update(copy.deepcopy(new))
                return kwargs
            out.append(Case(s.func, label, make, "bad", names))
        else:
            _, label, ref_over, overrides, rtol = item

            def make(rng, overrides=overrides):
                kwargs = s.valid(rng)
                kwargs.update(copy.deepcopy({k: _resolve(v, kwargs) for k, v in overrides.items()}))
                return kwargs

            def ref(rng, ref_over=ref_over):
                kwargs = s.valid(rng)
                if ref_over is None:
                    return None
                kwargs.update(copy.deepcopy({k: _resolve(v, kwargs)
                                             for k, v in ref_over.items()}))
                return kwargs
            out.append(Case(s.func, label, make, "ok", ref=ref, rtol=rtol))
    return out


# ------------------------------------------------------------------------------ judging

OUTCOMES = ("clear error", "valid handled", "crash (unhelpful)", "wrong or silent",
            "misleading error", "valid refused")


def resolve_func(name):
    module, _, attr = name.rpartition(".")
    return getattr(importlib.import_module(f"dlnotes.{module}"), attr)


def snapshot(x):
    """A deep copy of data (arrays, numbers, strings and containers of them); other objects
    (functions, generators, matplotlib axes, graph nodes) are kept as they are."""
    if isinstance(x, np.ndarray):
        return x.copy()
    if isinstance(x, dict):
        return {k: snapshot(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)) and not hasattr(x, "_fields"):
        return type(x)(snapshot(v) for v in x)
    return x


def same(a, b) -> bool:
    """Deep equality that treats NaN as equal to NaN and compares arrays exactly."""
    if isinstance(a, np.random.Generator) or callable(a):
        return True
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        if a.dtype.kind in "fc":
            return bool(np.array_equal(a, b, equal_nan=True))
        return bool(np.array_equal(a, b))
    try:
        return bool(a == b) or (a != a and b != b)
    except Exception:
        return True


def close(a, b, rtol) -> bool:
    """Results agree: arrays and numbers within rtol (relative to the largest entry); a field
    or key named "seconds" (a timing) is not compared."""
    if hasattr(a, "_fields") and hasattr(b, "_fields"):
        a, b = a._asdict(), b._asdict()
    if isinstance(a, dict) and isinstance(b, dict):
        a = {k: v for k, v in a.items() if k != "seconds"}
        b = {k: v for k, v in b.items() if k != "seconds"}
        return a.keys() == b.keys() and all(close(a[k], b[k], rtol) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(close(x, y, rtol) for x, y in zip(a, b))
    if isinstance(a, (np.ndarray, float, int, np.number)) and \
            isinstance(b, (np.ndarray, float, int, np.number)):
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        if a.shape != b.shape:
            return False
        if not (np.isfinite(a).all() and np.isfinite(b).all()):
            return bool(np.array_equal(a, b, equal_nan=True))
        scale = max(np.abs(b).max(initial=0.0), 1e-300)
        return bool(np.abs(a - b).max(initial=0.0) <= rtol * scale + 1e-300)
    return True


def finite_everywhere(x) -> bool:
    if isinstance(x, dict):
        return all(finite_everywhere(v) for v in x.values())
    if isinstance(x, (list, tuple)):
        return all(finite_everywhere(v) for v in x)
    if isinstance(x, (np.ndarray, float, np.floating)):
        a = np.asarray(x)
        return a.dtype.kind not in "fc" or bool(np.isfinite(a).all())
    return True


def names_argument(message: str, names) -> bool:
    return any(re.search(rf"(?<![A-Za-z0-9_]){re.escape(n)}(?![A-Za-z0-9_])", message)
               for n in names)


def _deliberate(err) -> bool:
    """The exception was raised by a ``raise`` statement in dlnotes' own code."""
    tb = err.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    if last is None:
        return False
    path = last.tb_frame.f_code.co_filename
    line = linecache.getline(path, last.tb_lineno)
    return "dlnotes" in path and "raise" in line


def run_case(case: Case, seed=0):
    """Run one case; returns (outcome, detail)."""
    import warnings

    f = resolve_func(case.func)
    kwargs = case.make(np.random.default_rng(seed))
    before = {k: snapshot(v) for k, v in kwargs.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = f(**kwargs)
        except (ValueError, TypeError) as err:
            msg = " ".join(f"{type(err).__name__}: {err}".split())
            if case.expect == "ok":
                return "valid refused", msg
            changed = [k for k in kwargs if not same(kwargs[k], before[k])]
            if changed:
                return "wrong or silent", f"changed {changed} before raising {msg}"
            if names_argument(str(err), case.names):
                return "clear error", msg
            return ("misleading error" if _deliberate(err) else "crash (unhelpful)"), msg
        except Exception as err:  # IndexError, KeyError, ZeroDivisionError, ...
            msg = " ".join(f"{type(err).__name__}: {err}".split())
            if case.expect == "ok":
                return "valid refused", msg
            return ("misleading error" if _deliberate(err) and not isinstance(
                err, (KeyError, IndexError, AttributeError)) else "crash (unhelpful)"), msg
        if case.expect == "bad":
            return "wrong or silent", f"accepted, returned {_short(result)}"
        ref_kwargs = case.ref(np.random.default_rng(seed)) if case.ref else None
        if ref_kwargs is None:
            if not finite_everywhere(result):
                return "wrong or silent", f"non-finite result {_short(result)}"
            return "valid handled", ""
        try:
            expected = f(**ref_kwargs)
        except Exception as err:   # the converted value is itself invalid: not a valid case
            return None, f"reference refused: {type(err).__name__}: {err}"
        if not close(result, expected, case.rtol):
            return "wrong or silent", f"got {_short(result)}, expected {_short(expected)}"
        if not finite_everywhere(result) and finite_everywhere(expected):
            return "wrong or silent", f"non-finite result {_short(result)}"
        return "valid handled", ""


def _short(x):
    s = " ".join(repr(x).split())
    return s if len(s) < 160 else s[:157] + "..."


# ------------------------------------------------------------------------------ discovery

SKIP_MODULES = {"dlnotes.__main__", "dlnotes.source", "dlnotes.workbook", "dlnotes.progress",
                "dlnotes.cli"}   # cli: argparse types on strings, run by tests/test_cli.py


def public_functions():
    """"module.name" of every callable in the ``__all__`` of every dlnotes module (classes
    that are exceptions or NamedTuples excluded); modules are found by walking the package."""
    out = []
    for info in pkgutil.walk_packages(dlnotes.__path__, "dlnotes."):
        if info.name in SKIP_MODULES or info.name.startswith("dlnotes.checks") or \
                info.name.split(".")[-1].startswith("_"):
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:       # an optional dependency (keras) is missing
            continue
        for attr in getattr(module, "__all__", ()):
            obj = getattr(module, attr)
            if inspect.isclass(obj) and (issubclass(obj, BaseException) or
                                         issubclass(obj, tuple)):
                continue
            if callable(obj):
                out.append(f"{info.name[len('dlnotes.'):]}.{attr}")
    return sorted(out)


# ------------------------------------------------------------------------------ the data

def _n(rng, *shape):
    return rng.standard_normal(shape)


def _u(rng, *shape):
    return rng.uniform(0.05, 0.95, shape)


def _labels(rng, m=5):
    Y = (np.arange(m) % 2)[None, :].astype(float)
    return Y


def _one_hot(rng, classes=3, m=4):
    Y = np.zeros((classes, m))
    Y[np.arange(m) % classes, np.arange(m)] = 1
    return Y


def _dense_params(rng, dims=(3, 4, 1)):
    from dlnotes import dense
    return dense.init_params(list(dims), "xavier", int(rng.integers(100)))


def _dense_net(rng, output="sigmoid"):
    from dlnotes import dense
    X = _n(rng, 3, 5)
    params = _dense_params(rng, (3, 4, 1) if output == "sigmoid" else (3, 4, 3))
    AL, caches = dense.model_forward(X, params, "relu", output)
    Y = _labels(rng) if output == "sigmoid" else _one_hot(rng, 3, 5)
    return X, params, AL, caches, Y


def _small_layers():
    from dlnotes import cnn
    return [cnn.conv_layer(2, 3, pad=1), cnn.relu_layer(), cnn.pool_layer(2),
            cnn.flatten_layer(), cnn.dense_layer(3)]


def _cnn_problem(rng, m=4):
    from dlnotes import cnn
    layers = _small_layers()
    params = cnn.init_params(layers, (6, 6, 1), seed=0, dtype=np.float64)
    X = _n(rng, m, 6, 6, 1)
    y = np.arange(m) % 3
    return layers, params, X, y


def _conv_cache(rng):
    from dlnotes import conv
    return conv.conv_forward(_n(rng, 2, 5, 5, 2), _n(rng, 3, 3, 2, 3), _n(rng, 3), 1, 1)


def _pool_cache(rng, mode="max"):
    from dlnotes import conv
    return conv.pool_forward(_n(rng, 2, 4, 4, 3), 2, 2, mode)


def _canon_w(rng, m=3, K=1):
    from dlnotes import canonical
    return canonical.init_params(m, K, seed=int(rng.integers(100)))


def _grid(K=1, G=8):
    from dlnotes import canonical
    return canonical.grid(G, K)


def _ax():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    plt.close("all")
    return plt.subplots()[1]


def _value(x):
    from dlnotes.graph import Value
    return Value(x)


def _cats_xy():
    rng = np.random.default_rng(0)
    X = rng.uniform(0, 1, (12288, 6))
    Y = (np.arange(6) % 2)[None, :].astype(float)
    return X, Y, X[:, :4], Y[:, :4]


# Shorthands for the common kinds.
A = Arr()                                   # finite real array of fixed ndim
A_ANY = Arr(finite=False)                   # NaN/inf allowed (activations: documented)
LAB = Arr(alts=("list", "int", "bool"))     # 0/1 labels
PROB = Arr(alts=("list",))                  # probabilities
ONEHOT = Arr(alts=("list", "int", "bool"))
POS = Num(0, None, lo_open=True)            # a finite number > 0
NONNEG = Num(0, None)                       # a finite number >= 0
UNIT = Num(0, 1, hi_open=True)              # [0, 1)
ACT = Choice("sigmoid", "tanh", "relu")
PARAMS_BAD = Bad([
    ("a list instead of a dict", kw(lambda k: list(k["params"].values()))),
    ("None", None),
    ("a missing bias", kw(lambda k: {n: v for n, v in k["params"].items() if n != "b1"})),
    ("a transposed weight", kw(lambda k: {**k["params"], "W1": k["params"]["W1"].T})),
    ("a NaN in W1", kw(lambda k: {**k["params"], "W1": np.full_like(k["params"]["W1"], np.nan)})),
    ("a string weight", kw(lambda k: {**k["params"], "W1": "abc"})),
])


def _act_pair(rng):
    Z = _n(rng, 3, 4)
    return {"dA": _n(rng, 3, 4), "Z": Z}


def _activation_specs():
    out = []
    for name in ("sigmoid", "tanh", "relu", "leaky_relu", "softmax", "linear"):
        extra_fwd = [ok("an empty batch (3, 0)", None, Z=np.zeros((3, 0)))]
        out.append(spec(f"activations.{name}", lambda rng: {"Z": _n(rng, 3, 4)},
                        extra=extra_fwd, Z=Arr(finite=False, ndim=(name == "softmax"),
                                               alts=("list", "int", "bool", "float16",
                                                     "float32"))))
        extra = [bad("dA transposed", "dA Z", dA=kw(lambda k: k["dA"].T)),
                 bad("dA of another shape", "dA Z", dA=kw(lambda k: k["dA"][:, :2])),
                 ok("an empty batch", None, dA=np.zeros((3, 0)), Z=np.zeros((3, 0)))]
        out.append(spec(f"activations.{name}_backward", _act_pair, extra=extra,
                        dA=Arr(finite=False, ndim=False), Z=Arr(finite=False, ndim=False)))
    # alpha of leaky_relu
    for name in ("leaky_relu", "leaky_relu_backward"):
        s = next(x for x in out if x.func == f"activations.{name}")
        valid = s.valid
        s.valid = (lambda valid: lambda rng: {**valid(rng), "alpha": 0.1})(valid)
        s.kinds["alpha"] = NONNEG
    out.append(spec("activations.get", lambda rng: {"name": "relu"},
                    name=Choice("sigmoid", "relu")))
    return out


def _loss_specs():
    bce = lambda rng: {"AL": _u(rng, 1, 5), "Y": _labels(rng)}
    cce = lambda rng: {"AL": np.full((3, 4), 1 / 3), "Y": _one_hot(rng)}
    sce = lambda rng: {"Z": _n(rng, 3, 4) * 3, "Y": _one_hot(rng)}
    return [
        spec("losses.binary_cross_entropy", bce, AL=PROB, Y=LAB, extra=[
            bad("AL transposed", "AL Y", AL=kw(lambda k: k["AL"].T)),
            bad("m = 0", "AL Y", AL=np.zeros((1, 0)), Y=np.zeros((1, 0))),
            bad("labels {0, 2}", "Y", Y=np.array([[0, 2, 0, 2, 0.0]])),
            bad("labels that are probabilities", "Y", Y=np.array([[0.2, 0.9, 0.5, 0.1, 0.7]])),
            bad("AL above 1", "AL", AL=np.full((1, 5), 1.5)),
            bad("AL of two rows", "AL", AL=np.full((2, 5), 0.5), Y=np.zeros((2, 5))),
            ok("AL exactly 0 and 1", None, AL=np.array([[0, 1, 0, 1, 0.0]])),
        ]),
        spec("losses.squared_error", lambda rng: {"AL": _n(rng, 2, 4), "Y": _n(rng, 2, 4)},
             AL=Arr(), Y=Arr(), extra=[
                 bad("Y transposed", "AL Y", Y=kw(lambda k: k["Y"].T)),
                 bad("m = 0", "AL Y", AL=np.zeros((2, 0)), Y=np.zeros((2, 0))),
             ]),
        spec("losses.categorical_cross_entropy", cce, AL=PROB, Y=ONEHOT, extra=[
            bad("columns not summing to 1", "AL", AL=np.full((3, 4), 0.2)),
            bad("Y not one-hot", "Y", Y=np.ones((3, 4))),
            bad("m = 0", "AL Y", AL=np.zeros((3, 0)), Y=np.zeros((3, 0))),
            bad("AL transposed", "AL Y", AL=np.full((4, 3), 0.25)),
            bad("negative AL", "AL", AL=np.array([[1.5] * 4, [-0.5] * 4, [0.0] * 4])),
        ]),
        spec("losses.softmax_cross_entropy", sce, Z=Arr(alts=("list", "int", "float32")),
             Y=ONEHOT, extra=[
                 bad("Y transposed", "Y Z", Y=kw(lambda k: k["Y"].T)),
                 bad("m = 0", "Z Y", Z=np.zeros((3, 0)), Y=np.zeros((3, 0))),
                 bad("Y not one-hot", "Y", Y=np.full((3, 4), 1 / 3)),
                 ok("huge logits, true class largest", None,
                    Z=np.array([[1e308, -1e308], [-1e308, 1e308], [0.0, 0.0]]),
                    Y=np.array([[1.0, 0], [0, 1], [0, 0]])),
                 ok("large logits 1e4", None, Z=kw(lambda k: k["Z"] * 1e4)),
             ]),
        spec("losses.l2_penalty",
             lambda rng: {"params": {"W1": _n(rng, 2, 3), "b1": np.zeros((2, 1))},
                          "lambd": 0.1, "m": 5},
             lambd=NONNEG, m=Int(1),
             params=Bad([("a list", [np.ones((2, 2))]), ("None", None),
                         ("a string weight", {"W1": "abc"}),
                         ("a NaN weight", {"W1": np.array([[np.nan]])}),
                         ("a number for params", 3.0)])),
    ]


def _init_specs():
    out = []
    for name in ("zeros", "small", "xavier", "he", "sqrt_fan_in", "large"):
        out.append(spec(f"init.{name}", lambda rng: {"shape": (3, 2), "seed": 1},
                        seed=Seed(),
                        shape=Bad([("an int", 5), ("a zero size", (3, 0)), ("a negative size", (3, -2)),
                                   ("a float size", (3, 2.5)), ("a string", "3"),
                                   ("None", None), ("three sizes", (2, 3, 4)),
                                   ("a bool size", (True, 2))]),
                        dtype=Bad([("int64", np.int64), ("bool", bool), ("a string", "abc"),
                                   ("a complex dtype", np.complex128)]),
                        extra=[ok("a list shape", {"shape": (3, 2)}, shape=[3, 2]),
                               ok("numpy int sizes", {"shape": (3, 2)},
                                  shape=(np.int64(3), np.int64(2))),
                               ok("float32 dtype", None, dtype=np.float32)]))
    out.append(spec("init.fans", lambda rng: {"shape": (3, 2)},
                    shape=Bad([("an int", 5), ("a zero size", (0, 2)), ("a string", "ab"),
                               ("None", None), ("a float size", (2.5, 2)),
                               ("three sizes", (2, 3, 4))])))
    out.append(spec("init.get", lambda rng: {"method": "he"}, method=Choice("he")))
    return out


def _optim_params(rng):
    return {"W": _n(rng, 2, 3), "b": _n(rng, 2, 1)}


def _optim_specs():
    def gd(rng):
        p = _optim_params(rng)
        return {"params": p, "grads": {"dW": _n(rng, 2, 3), "db": _n(rng, 2, 1)},
                "learning_rate": 0.1}

    def mom(rng):
        from dlnotes import optim
        k = gd(rng)
        k["state"] = optim.momentum_init(k["params"])
        k["beta"] = 0.9
        return k

    def adam(rng):
        from dlnotes import optim
        k = gd(rng)
        k["state"] = optim.adam_init(k["params"])
        k.update(beta1=0.9, beta2=0.999, epsilon=1e-8)
        return k

    grads_bad = Bad([
        ("no db", kw(lambda k: {"dW": k["grads"]["dW"]})),
        ("db of the wrong shape", kw(lambda k: {**k["grads"], "db": np.ones((1, 2))})),
        ("a NaN gradient", kw(lambda k: {**k["grads"], "db": np.full((2, 1), np.nan)})),
        ("a string gradient", kw(lambda k: {**k["grads"], "db": "abc"})),
        ("a list for grads", kw(lambda k: list(k["grads"].values()))),
        ("None", None),
    ])
    params_bad = Bad([("a list", kw(lambda k: list(k["params"].values()))), ("None", None),
                      ("an int array parameter", kw(lambda k: {**k["params"],
                                                               "b": np.zeros((2, 1), int)}))])
    state_m = Bad([("Adam's state", kw(lambda k: __import__("dlnotes.optim").optim.adam_init(
                        k["params"]))),
                   ("an empty dict", {}), ("None", None),
                   ("a velocity of the wrong shape", kw(lambda k: {"v": {
                       "dW": np.zeros((2, 3)), "db": np.zeros((3, 1))}}))])
    state_a = Bad([("momentum's state", kw(lambda k: __import__("dlnotes.optim").optim.momentum_init(
                        k["params"]))),
                   ("an empty dict", {}), ("None", None),
                   ("a negative step count", kw(lambda k: {**k["state"], "t": -1})),
                   ("a moment of the wrong shape", kw(lambda k: {**k["state"], "m": {
                       "dW": np.zeros((2, 3)), "db": np.zeros((3, 1))}}))])
    return [
        spec("optim.gd_update", gd, learning_rate=POS, grads=grads_bad, params=params_bad),
        spec("optim.momentum_init", lambda rng: {"params": _optim_params(rng)},
             params=Bad([("a list", [np.ones(2)]), ("None", None), ("a string value", {"W": "a"})])),
        spec("optim.momentum_update", mom, learning_rate=POS, beta=UNIT, grads=grads_bad,
             params=params_bad, state=state_m),
        spec("optim.adam_init", lambda rng: {"params": _optim_params(rng)},
             params=Bad([("a list", [np.ones(2)]), ("None", None), ("a string value", {"W": "a"})])),
        spec("optim.adam_update", adam, learning_rate=POS, beta1=UNIT, beta2=UNIT, epsilon=POS,
             grads=grads_bad, params=params_bad, state=state_a),
        spec("optim.mini_batches", lambda rng: {"m": 10, "batch_size": 3, "rng": 0},
             m=Int(1), batch_size=Int(1), rng=Seed()),
        spec("optim.check_cost", lambda rng: {"cost": 0.5, "step": 3, "learning_rate": 0.1},
             cost=Bad([("None", None), ("a string", "0.5"), ("an array of two", np.ones(2))]),
             step=Int(0), learning_rate=POS),
    ]


def _logistic_specs():
    xy = lambda rng: {"X": _n(rng, 3, 5), "Y": _labels(rng)}
    wb = lambda rng: {"w": _n(rng, 3, 1), "b": 0.3}
    rel = [bad("X transposed", "X Y", X=kw(lambda k: k["X"].T)),
           bad("m = 0", "X Y", X=np.zeros((3, 0)), Y=np.zeros((1, 0))),
           bad("labels {0, 2}", "Y", Y=np.array([[0, 2, 0, 2, 0.0]])),
           bad("Y as (m,)", "Y", Y=np.zeros(5))]
    train = dict(num_iterations=Int(1), learning_rate=POS, record_every=Int(1))
    return [
        spec("logistic.initialize_with_zeros", lambda rng: {"n_x": 3}, n_x=Int(1)),
        spec("logistic.propagate", lambda rng: {**wb(rng), **xy(rng)}, X=A, Y=LAB, w=A,
             b=Num(), extra=rel + [bad("w transposed", "w", w=kw(lambda k: k["w"].T))]),
        spec("logistic.optimize", lambda rng: {**wb(rng), **xy(rng), "num_iterations": 3,
                                               "record_every": 1, "learning_rate": 0.01},
             X=Arr(alts=("list", "int")), Y=LAB, w=Arr(alts=("list",)), b=Num(), extra=rel,
             **train),
        spec("logistic.fit", lambda rng: {**xy(rng), "num_iterations": 3, "record_every": 1,
                                          "learning_rate": 0.01},
             X=Arr(alts=("list", "int")), Y=LAB, extra=rel, **train),
        spec("logistic.predict", lambda rng: {**wb(rng), "X": _n(rng, 3, 5)}, X=A, w=A, b=Num(),
             extra=[bad("X transposed", "X w", X=kw(lambda k: k["X"].T)),
                    ok("m = 0", None, X=np.zeros((3, 0)))]),
        spec("logistic.accuracy", lambda rng: {"Y_hat": _labels(rng), "Y": _labels(rng)[:, ::-1]},
             Y_hat=LAB, Y=LAB, extra=[
                 bad("m = 0", "Y_hat Y", Y_hat=np.zeros((1, 0)), Y=np.zeros((1, 0))),
                 bad("labels {0, 2}", "Y", Y=np.array([[0, 2, 0, 2, 0.0]])),
                 bad("probabilities for Y_hat", "Y_hat", Y_hat=np.full((1, 5), 0.7)),
                 bad("Y_hat transposed", "Y_hat Y", Y_hat=kw(lambda k: k["Y_hat"].T))]),
    ]


def _gradcheck_specs():
    quad = lambda x: float(np.sum(np.asarray(x) ** 2))
    quad_p = lambda p: float(sum(np.sum(np.asarray(v) ** 2) for v in p.values()))
    return [
        spec("gradcheck.numerical_gradient", lambda rng: {"f": quad, "x": _n(rng, 2, 3),
                                                          "epsilon": 1e-6},
             f=Func(), x=Arr(ndim=False, alts=("list", "int")), epsilon=POS,
             extra=[bad("f returning an array", "f", f=lambda x: np.asarray(x) * 2)]),
        spec("gradcheck.numerical_gradients",
             lambda rng: {"f": quad_p, "params": {"W": _n(rng, 2, 2)}, "epsilon": 1e-6},
             f=Func(), epsilon=POS,
             params=Bad([("a list", [np.ones(2)]), ("None", None), ("a string value", {"W": "a"}),
                         ("a NaN value", {"W": np.array([np.nan])})])),
        spec("gradcheck.relative_difference", lambda rng: {"g": _n(rng, 2, 3), "g_num": _n(rng, 2, 3)},
             g=Arr(ndim=False, alts=("list", "int")), g_num=Arr(ndim=False, alts=("list",)),
             extra=[bad("transposed shapes (2, 3) and (3, 2)", "g g_num",
                        g_num=kw(lambda k: k["g_num"].T)),
                    bad("different sizes", "g g_num", g_num=np.ones(4))]),
        spec("gradcheck.gradient_check",
             lambda rng: {"f": quad_p, "params": {"W": np.ones((2, 2))},
                          "grads": {"dW": 2 * np.ones((2, 2))}, "epsilon": 1e-6},
             f=Func(), epsilon=POS,
             params=Bad([("a list", [np.ones(2)]), ("None", None)]),
             grads=Bad([("no dW", {}), ("dW of the wrong shape", {"dW": np.ones(3)}),
                        ("None", None), ("a NaN gradient", {"dW": np.full((2, 2), np.nan)}),
                        ("a string gradient", {"dW": "abc"})])),
    ]


def _graph_specs():
    return [
        spec("graph.Value", lambda rng: {"data": 1.5}, data=Bad([
            ("None", None), ("a string", "1.5"), ("NaN", float("nan")), ("inf", float("inf")),
            ("a list", [1.0]), ("an array of two", np.ones(2)), ("a bool", True),
            ("a complex number", 1 + 2j)]),
             extra=[ok("np.float32(1.5)", {"data": 1.5}, data=np.float32(1.5)),
                    ok("np.int64(2)", {"data": 2.0}, data=np.int64(2)),
                    ok("a 0-d array", {"data": 1.5}, data=np.array(1.5)),
                    ok("an int", {"data": 2.0}, data=2)]),
        spec("graph.draw", lambda rng: {"root": _value(2.0) * 3, "ax": _ax(), "digits": 3},
             root=Bad([("None", None), ("a number", 3.0), ("a string", "J")]),
             digits=Int(1)),
    ]


def _dense_specs():
    lin = lambda rng: {"A_prev": _n(rng, 3, 5), "W": _n(rng, 4, 3), "b": _n(rng, 4, 1)}

    def lin_back(rng):
        from dlnotes import dense
        _, cache = dense.linear_forward(_n(rng, 3, 5), _n(rng, 4, 3), _n(rng, 4, 1))
        return {"dZ": _n(rng, 4, 5), "cache": cache}

    def act_back(rng):
        from dlnotes import dense
        _, cache = dense.linear_activation_forward(_n(rng, 3, 5), _n(rng, 4, 3),
                                                   _n(rng, 4, 1), "tanh")
        return {"dA": _n(rng, 4, 5), "cache": cache, "activation": "tanh"}

    def mback(rng):
        X, params, AL, caches, Y = _dense_net(rng)
        return {"AL": AL, "Y": Y, "caches": caches, "lambd": 0.1}

    def fit_kw(rng):
        X, params, AL, caches, Y = _dense_net(rng)
        return {"X": X, "Y": Y, "layer_dims": [3, 4, 1], "num_iterations": 3,
                "record_every": 1, "learning_rate": 0.01}

    lin_cache_bad = Bad([("None", None), ("a tuple of two", kw(lambda k: k["cache"][:2])),
                         ("a string", "cache"),
                         ("a cache with a transposed W", kw(lambda k: (k["cache"][0],
                                                                       k["cache"][1].T,
                                                                       k["cache"][2])))])
    return [
        spec("dense.init_params", lambda rng: {"layer_dims": [3, 4, 1], "method": "he", "seed": 0},
             method=Choice("he"), seed=Seed(),
             layer_dims=Bad([("one size", [3]), ("a zero size", [3, 0, 1]),
                             ("a negative size", [3, -4, 1]), ("a float size", [3, 2.5, 1]),
                             ("an int", 3), ("None", None), ("a string", "341")]),
             dtype=Bad([("int64", np.int64), ("a string", "abc")]),
             extra=[ok("a tuple", None, layer_dims=(3, 4, 1)),
                    ok("an array", None, layer_dims=np.array([3, 4, 1]))]),
        spec("dense.linear_forward", lin, A_prev=A, W=A, b=A, extra=[
            bad("W transposed", "W A_prev", W=kw(lambda k: k["W"].T)),
            bad("b as (n,)", "b", b=kw(lambda k: k["b"].ravel())),
            bad("b of the wrong length", "b", b=np.ones((3, 1))),
            ok("m = 0", None, A_prev=np.zeros((3, 0)))]),
        spec("dense.linear_backward", lin_back, dZ=A, cache=lin_cache_bad, extra=[
            bad("dZ transposed", "dZ", dZ=kw(lambda k: k["dZ"].T))]),
        spec("dense.linear_activation_forward", lambda rng: {**lin(rng), "activation": "relu"},
             A_prev=A, W=A, b=A, activation=ACT,
             extra=[bad("W transposed", "W A_prev", W=kw(lambda k: k["W"].T))]),
        spec("dense.linear_activation_backward", act_back, dA=A, activation=ACT,
             cache=Bad([("None", None), ("a tuple of two", kw(lambda k: k["cache"][:2])),
                        ("a string", "cache"),
                        ("a malformed linear cache", kw(lambda k: ((1, 2), k["cache"][1],
                                                                   k["cache"][2])))]),
             extra=[bad("another activation than the forward pass", "activation",
                        activation="relu"),
                    bad("dA transposed", "dA Z", dA=kw(lambda k: k["dA"].T))]),
        spec("dense.model_forward",
             lambda rng: {"X": _n(rng, 3, 5), "params": _dense_params(rng), "hidden": "relu",
                          "output": "sigmoid"},
             X=A, params=PARAMS_BAD, hidden=ACT, output=ACT,
             extra=[bad("X transposed", "X params W1", X=kw(lambda k: k["X"].T))]),
        spec("dense.model_backward", mback, AL=PROB, Y=LAB, lambd=NONNEG,
             caches=Bad([("None", None), ("an empty list", []), ("a string", "abc"),
                         ("a list of None", [None, None]),
                         ("a truncated cache", kw(lambda k: [c[:2] for c in k["caches"]]))]),
             extra=[bad("Y transposed", "Y", Y=kw(lambda k: k["Y"].T)),
                    bad("labels {0, 2}", "Y", Y=np.array([[0, 2, 0, 2, 0.0]]))]),
        spec("dense.compute_cost", lambda rng: {"AL": _u(rng, 1, 5), "Y": _labels(rng),
                                                "params": _dense_params(rng), "lambd": 0.1},
             AL=PROB, Y=LAB, lambd=NONNEG, params=Bad([
                 ("a list instead of a dict", kw(lambda k: list(k["params"].values()))),
                 ("a NaN in W1", kw(lambda k: {**k["params"], "W1": np.full((4, 3), np.nan)})),
                 ("a string weight", kw(lambda k: {**k["params"], "W1": "abc"}))]),
             extra=[bad("no params with lambd > 0", "params", params=None),
                    bad("m = 0", "AL Y", AL=np.zeros((1, 0)), Y=np.zeros((1, 0)))]),
        spec("dense.predict", lambda rng: {"X": _n(rng, 3, 5), "params": _dense_params(rng),
                                           "hidden": "relu", "output": "sigmoid"},
             X=A, params=PARAMS_BAD, hidden=ACT, output=Choice("sigmoid", "softmax")),
        spec("dense.accuracy", lambda rng: {"X": _n(rng, 3, 5), "Y": _labels(rng),
                                            "params": _dense_params(rng)},
             X=A, Y=LAB, params=PARAMS_BAD, extra=[
                 bad("m = 0", "X Y", X=np.zeros((3, 0)), Y=np.zeros((1, 0))),
                 bad("labels {0, 2}", "Y", Y=np.array([[0, 2, 0, 2, 0.0]])),
                 bad("probabilities for Y", "Y", Y=np.full((1, 5), 0.7)),
                 bad("Y as (m,)", "Y", Y=np.zeros(5))]),
        spec("dense.fit", fit_kw, X=Arr(alts=("list", "int")), Y=LAB, learning_rate=POS,
             record_every=Int(1), num_iterations=Int(1, none_ok=True), lambd=NONNEG,
             hidden=ACT, output=Choice("sigmoid", "softmax"),
             optimizer=Choice("gd", "adam"), init=Choice("he"), seed=Seed(),
             layer_dims=Bad([("a mismatched first size", [4, 4, 1]), ("one size", [3]),
                             ("a zero size", [3, 0, 1]), ("None", None), ("an int", 3)]),
             extra=[bad("X transposed", "X layer_dims", X=kw(lambda k: k["X"].T)),
                    bad("labels {0, 2}", "Y", Y=np.array([[0, 2, 0, 2, 0.0]])),
                    bad("epochs = 0 with mini-batches", "epochs", num_iterations=None,
                        epochs=0, batch_size=2),
                    bad("batch_size = 0", "batch_size", num_iterations=None, epochs=1,
                        batch_size=0),
                    bad("beta = 1 with momentum", "beta", optimizer="momentum", beta=1.0),
                    bad("beta2 = NaN with adam", "beta2", optimizer="adam",
                        beta2=float("nan"))]),
    ]


def _cnn_specs():
    def fwd(rng):
        layers, params, X, y = _cnn_problem(rng)
        return {"X": X, "params": params, "layers": layers}

    def back(rng):
        from dlnotes import cnn
        layers, params, X, y = _cnn_problem(rng)
        Z, caches = cnn.forward(X, params, layers)
        return {"dZ": _n(rng, *Z.shape), "caches": caches, "layers": layers}

    def cg(rng):
        layers, params, X, y = _cnn_problem(rng)
        return {"X": X, "y": y, "params": params, "layers": layers}

    def tr(rng):
        layers, params, X, y = _cnn_problem(rng, 6)
        return {"X": X, "y": y, "layers": layers, "epochs": 1, "batch_size": 3,
                "dtype": np.float64}

    layers_bad = Bad([("None", None), ("a string", "conv"), ("an unknown layer", [{"kind": "x"}]),
                      ("a dense layer before flatten", kw(lambda k: [{"kind": "dense", "n": 3}]))])
    params_bad = Bad([("None", None), ("a list", [np.ones(2)]),
                      ("a missing weight", kw(lambda k: {n: v for n, v in k["params"].items()
                                                        if n != "W1"})),
                      ("a transposed dense weight", kw(lambda k: {**k["params"],
                                                                  "W2": k["params"]["W2"].T}))])
    y_bad = Bad([("labels out of range", np.array([0, 1, 5, 2])), ("float labels", np.full(4, 0.5)),
                 ("(m, 1) labels of the wrong length", np.zeros((3, 1), int)), ("None", None),
                 ("negative labels", np.array([0, -1, 1, 2]))])
    return [
        spec("cnn.conv_layer", lambda rng: {"n_C": 3, "f": 3, "stride": 1, "pad": 0},
             n_C=Int(1), f=Int(1), stride=Int(1), pad=Int(0)),
        spec("cnn.pool_layer", lambda rng: {"f": 2, "stride": 2, "mode": "max"},
             f=Int(1), stride=Int(1, none_ok=True), mode=Choice("max", "average"),
             extra=[ok("stride None", {"f": 2, "stride": 2}, stride=None)]),
        spec("cnn.dense_layer", lambda rng: {"n": 4}, n=Int(1)),
        spec("cnn.dropout_layer", lambda rng: {"rate": 0.5}, rate=UNIT),
        spec("cnn.relu_layer", lambda rng: {}),
        spec("cnn.flatten_layer", lambda rng: {}),
        spec("cnn.output_shapes", lambda rng: {"layers": _small_layers(), "input_shape": (6, 6, 1)},
             layers=layers_bad,
             input_shape=Bad([("two sizes", (6, 6)), ("a zero size", (6, 0, 1)), ("None", None),
                              ("an int", 6), ("a float size", (6.5, 6, 1)),
                              ("too small for the filter", (1, 1, 1))])),
        spec("cnn.parameter_table", lambda rng: {"layers": _small_layers(),
                                                 "input_shape": (6, 6, 1)},
             layers=layers_bad,
             input_shape=Bad([("two sizes", (6, 6)), ("a zero size", (6, 0, 1)), ("None", None)])),
        spec("cnn.format_parameter_table",
             lambda rng: {"rows": __import__("dlnotes.cnn").cnn.parameter_table(_small_layers(),
                                                                                 (6, 6, 1))},
             rows=Bad([("None", None), ("a list of strings", ["a", "b"]), ("a string", "rows"),
                       ("rows without keys", [{}])])),
        spec("cnn.init_params", lambda rng: {"layers": _small_layers(), "input_shape": (6, 6, 1),
                                             "seed": 0},
             layers=layers_bad, seed=Seed(),
             input_shape=Bad([("two sizes", (6, 6)), ("None", None)]),
             dtype=Bad([("int64", np.int64), ("a string", "abc")])),
        spec("cnn.forward", fwd, X=A, params=params_bad, layers=layers_bad, extra=[
            bad("X as (n_H, n_W, n_C, m)", "X params", X=kw(lambda k: k["X"].transpose(1, 2, 3, 0))),
            bad("X of another image size", "X params", X=np.zeros((2, 8, 8, 1))),
            bad("rng not a Generator", "rng", rng=3.5)]),
        spec("cnn.backward", back, dZ=A, extra=[
            bad("dZ transposed", "dZ", dZ=kw(lambda k: k["dZ"].T)),
            bad("caches None", "caches", caches=None),
            bad("caches of another length", "caches layers", caches=kw(lambda k: k["caches"][:2])),
            bad("layers None", "layers", layers=None)]),
        spec("cnn.cost_and_grads", cg, X=A, params=params_bad, y=y_bad, extra=[
            bad("y of another length", "y", y=np.zeros(3, int))]),
        spec("cnn.predict", lambda rng: {**fwd(rng), "batch_size": 2}, X=A, params=params_bad,
             batch_size=Int(1), extra=[ok("m = 0", None, X=np.zeros((0, 6, 6, 1)))]),
        spec("cnn.accuracy", cg, X=A, params=params_bad, y=y_bad, extra=[
            ok("(m, 1) labels", None, y=kw(lambda k: k["y"][:, None])),
            bad("m = 0", "X y", X=np.zeros((0, 6, 6, 1)), y=np.zeros(0, int))]),
        spec("cnn.train", tr, X=Arr(alts=("list",)), y=y_bad, epochs=Int(1), batch_size=Int(1),
             learning_rate=POS, decay=Num(0, 1, lo_open=True), optimizer=Choice("adam", "momentum"),
             seed=Seed(), layers=layers_bad, extra=[
                 bad("X_test without y_test", "X_test y_test", X_test=kw(lambda k: k["X"])),
                 bad("y_test without X_test", "X_test y_test", y_test=kw(lambda k: k["y"])),
                 bad("X_test of another image size", "X_test", X_test=np.zeros((2, 8, 8, 1)),
                     y_test=np.zeros(2, int)),
                 bad("beta = 1 with momentum", "beta", optimizer="momentum", beta=1.0),
                 bad("dtype int", "dtype", dtype=np.int64)]),
        spec("cnn.one_hot", lambda rng: {"y": np.array([0, 2, 1]), "classes": 3},
             y=Bad([("labels out of range", np.array([0, 3])), ("floats", np.array([0.5, 1.0])),
                    ("a 2-D array", np.zeros((2, 2), int)), ("None", None), ("a string", "012")]),
             classes=Int(1), extra=[ok("a list", {"y": np.array([0, 2, 1])}, y=[0, 2, 1])]),
    ]


def _conv_specs(mod):
    cf = lambda rng: {"A_prev": _n(rng, 2, 5, 5, 2), "W": _n(rng, 3, 3, 2, 3), "b": _n(rng, 3),
                      "stride": 1, "pad": 1}

    def cb(rng):
        Z, cache = _conv_cache(rng)
        return {"dZ": _n(rng, *Z.shape), "cache": cache}

    def pb(rng):
        A_, cache = _pool_cache(rng)
        return {"dA": _n(rng, *A_.shape), "cache": cache}

    cache_bad = Bad([("None", None), ("a tuple of two", kw(lambda k: k["cache"][:2])),
                     ("a string", "cache")])
    out = [
        spec(f"{mod}.zero_pad", lambda rng: {"X": _n(rng, 2, 3, 3, 1), "pad": 1}, X=A, pad=Int(0)),
        spec(f"{mod}.conv_output_size", lambda rng: {"n": 5, "f": 3, "pad": 0, "stride": 1},
             n=Int(1), f=Int(1), pad=Int(0), stride=Int(1),
             extra=[bad("f larger than the padded input", "f", f=8)]),
        spec(f"{mod}.conv_forward", cf, A_prev=A, W=A, b=A, stride=Int(1), pad=Int(0), extra=[
            bad("A_prev channels-first", "A_prev W", A_prev=kw(lambda k: k["A_prev"].transpose(0, 3, 1, 2))),
            bad("W of another channel count", "W A_prev", W=np.ones((3, 3, 4, 3))),
            bad("a non-square W", "W", W=np.ones((3, 2, 2, 3))),
            bad("b as (1, 1, 1, n_C)", "b", b=np.ones((1, 1, 1, 3))),
            bad("a filter larger than the padded input", "f W A_prev pad", pad=0,
                W=np.ones((8, 8, 2, 3))),
            ok("an empty batch", None, A_prev=np.zeros((0, 5, 5, 2)))]),
        spec(f"{mod}.conv_backward", cb, dZ=A, cache=cache_bad, extra=[
            bad("dZ of the input's shape", "dZ", dZ=np.ones((2, 5, 5, 2)))]),
        # max pooling ignores a -inf that is not a window's maximum: the answer is right
        spec(f"{mod}.pool_forward", lambda rng: {"A_prev": _n(rng, 2, 4, 4, 3), "f": 2,
                                                  "stride": 2, "mode": "max"},
             A_prev=Arr(neg_inf_ok=True), f=Int(1), stride=Int(1), mode=Choice("max", "average"), extra=[
                 bad("a window larger than the input", "f", f=5),
                 ok("an empty batch", None, A_prev=np.zeros((0, 4, 4, 3)))]),
        spec(f"{mod}.pool_backward", pb, dA=A, cache=cache_bad, extra=[
            bad("dA of the input's shape", "dA", dA=np.ones((2, 4, 4, 3)))]),
    ]
    if mod == "conv":
        out.append(spec("conv.edge_filter", lambda rng: {"name": "sobel", "orientation": "vertical"},
                        name=Choice("sobel"), orientation=Choice("vertical")))
    return out


def _canonical_specs():
    def wX(rng):
        return {"w": _canon_w(rng), "X": _grid(1, 5), "activation": "relu"}

    def pk(rng):
        return {"W": _n(rng, 3, 1), "b": _n(rng, 3), "a": _n(rng, 3), "c": 0.5}

    def disp(rng):
        Xg = _grid(1, 8)
        from dlnotes import canonical
        return {"w": _canon_w(rng), "X_grid": Xg, "Phi": canonical.basis(Xg, 4),
                "activation": "tanh"}

    def tr(rng):
        return {"w0": _canon_w(rng), "X": _grid(1, 4), "y": _n(rng, 4), "steps": 5,
                "n_records": 3}

    w_bad = Bad([("a length that is no width", np.ones(5)), ("a 2-D w", np.ones((2, 4))),
                 ("None", None), ("a NaN", np.full(4, np.nan)), ("a string", "abc")])
    X_bad = Bad([("points of another dimension K", np.ones((3, 4)), "X w"), ("None", None),
                 ("a string", "abc"), ("a NaN", np.full((1, 4), np.nan))])
    return [
        spec("canonical.n_params", lambda rng: {"m": 3, "K": 1}, m=Int(1), K=Int(1)),
        spec("canonical.pack", pk, W=A, b=A, a=A, c=Num(),
             extra=[bad("b of another length", "b", b=np.ones(2))]),
        spec("canonical.unpack", lambda rng: {"w": _canon_w(rng), "K": 1}, K=Int(1), w=w_bad),
        spec("canonical.init_params", lambda rng: {"m": 3, "K": 1, "init": "kink", "seed": 0},
             m=Int(1), K=Int(1), init=Choice("kink", "normal"), seed=Seed()),
        spec("canonical.forward", wX, activation=Choice("relu", "tanh"), w=w_bad, X=X_bad),
        spec("canonical.jacobian", wX, activation=Choice("relu", "tanh"), w=w_bad, X=X_bad),
        spec("canonical.kinks", lambda rng: {"w": _canon_w(rng)}, w=w_bad),
        spec("canonical.grid", lambda rng: {"G": 4, "K": 2}, G=Int(1), K=Int(1)),
        spec("canonical.frequencies", lambda rng: {"L": 5, "K": 1, "kind": "cosine"},
             L=Int(1), K=Int(1), kind=Choice("cosine", "fourier")),
        spec("canonical.basis", lambda rng: {"X": _grid(1, 6), "L": 4, "kind": "cosine"},
             X=A, L=Int(1), kind=Choice("cosine", "fourier")),
        spec("canonical.canonical_coords",
             lambda rng: {"values": _n(rng, 6), "Phi": __import__("dlnotes.canonical").canonical
                          .basis(_grid(1, 6), 4)},
             values=Arr(ndim=False), Phi=A,
             extra=[bad("values of another length", "values", values=np.ones(5))]),
        spec("canonical.disparity", disp, activation=Choice("relu", "tanh"), w=w_bad,
             Phi=A, extra=[bad("Phi of another grid", "Phi X_grid", Phi=np.ones((5, 4)))]),
        spec("canonical.singular_values", lambda rng: {"A": _n(rng, 3, 4)}, A=A),
        spec("canonical.numerical_rank", lambda rng: {"A": _n(rng, 3, 4), "rtol": 1e-10}, A=A,
             rtol=Num(0, None)),
        spec("canonical.ntk", wX, activation=Choice("relu", "tanh"), w=w_bad, X=X_bad),
        spec("canonical.loss", lambda rng: {"g": _n(rng, 4), "y": _n(rng, 4)}, g=A, y=A,
             extra=[bad("y of another length", "g y", y=np.ones(3))]),
        spec("canonical.train", tr, w0=w_bad, X=Bad([(l, v, "X w0") if l.startswith("points") else
                                                   (l, v) for l, v, *_ in X_bad.values]), y=A, steps=Int(0), alpha=POS,
             n_records=Int(1), activation=Choice("relu", "tanh"),
             lr=Bad([("a string", "0.1"), ("NaN", float("nan")), ("zero", 0.0), ("negative", -1.0)]),
             extra=[bad("y of another length", "y", y=np.ones(3)),
                    bad("Phi without X_grid", "X_grid Phi", Phi=np.ones((4, 2)))]),
        spec("canonical.permute_units", lambda rng: {"w": _canon_w(rng), "perm": [2, 0, 1], "K": 1},
             w=w_bad, K=Int(1), perm=Bad([("a repeated unit", [0, 0, 1]), ("too short", [0, 1]),
                                         ("floats", [0.5, 1.0, 2.0]), ("None", None),
                                         ("a string", "012")])),
    ]


def _other_specs():
    def pq(rng):
        return {"X": _n(rng, 2, 5), "steps": 10, "margin": 0.25}

    def db(rng):
        return {"ax": _ax(), "predict_proba": lambda P: np.full((1, P.shape[1]), 0.3),
                "X": _n(rng, 2, 5), "Y": _labels(rng), "steps": 10, "margin": 0.25}

    def sc(rng):
        return {"ax": _ax(), "X": _n(rng, 2, 5), "Y": _labels(rng)}

    return [
        spec("planar.load", lambda rng: {"name": "spirals", "n_train": 10, "n_test": 5,
                                         "noise": 0.1, "seed": 0, "factor": 0.5},
             name=Choice("moons", "circles", "spirals"), n_train=Int(1), n_test=Int(1),
             noise=NONNEG, seed=Seed(),
             extra=[bad("factor 1 for circles", "factor", name="circles", factor=1.0),
                    bad("factor None for circles", "factor", name="circles", factor=None)]),
        spec("plots.plane_grid", pq, X=A, steps=Int(1), margin=NONNEG,
             extra=[bad("X transposed", "X", X=kw(lambda k: k["X"].T)),
                    bad("m = 0", "X", X=np.zeros((2, 0)))]),
        spec("plots.decision_boundary", db, X=A, Y=LAB, steps=Int(2), margin=NONNEG,
             predict_proba=Func(), extra=[
                 bad("Y of another length", "Y X", Y=np.zeros((1, 3))),
                 bad("predict_proba of the wrong shape", "predict_proba",
                     predict_proba=lambda P: np.zeros(P.shape[1])),
                 bad("predict_proba returning NaN", "predict_proba",
                     predict_proba=lambda P: np.full((1, P.shape[1]), np.nan)),
                 bad("ax None", "ax", ax=None)]),
        spec("plots.scatter_classes", sc, X=A, Y=LAB, extra=[
            bad("Y of another length", "Y X", Y=np.zeros((1, 3))),
            bad("labels {0, 2}", "Y", Y=np.array([[0, 2, 0, 2, 0.0]])),
            bad("ax None", "ax", ax=None)]),
        spec("experiments.cats.run_deep",
             lambda rng: {"model": "2layer", "seed": 0, "num_iterations": 1, "xy": _cats_xy()},
             model=Choice("2layer", "4layer"), num_iterations=Int(1, none_ok=True), seed=Seed(),
             learning_rate=POS),
        spec("experiments.cats.run_logistic",
             lambda rng: {"num_iterations": 1, "xy": _cats_xy()}, num_iterations=Int(1),
             learning_rate=POS),
        spec("experiments.mnist.load_split", lambda rng: {"seed": 0, "n_train": 4000},
             n_train=Int(1, 4999), seed=Seed()),
        spec("experiments.pooling_shift.photo_crops",
             lambda rng: {"n_crops": 2, "size": 8, "max_shift": 1, "seed": 0},
             n_crops=Int(1), size=Int(8, 400), max_shift=Int(0, 100), seed=Seed()),
        spec("experiments.pooling_shift.edge_bank", lambda rng: {}),
        spec("experiments.pooling_shift.shift_sensitivity",
             lambda rng: {"crops": rng.random((2, 2, 8, 8, 1)), "pools": [(2, "max")]},
             crops=Arr(), pools=Bad([("None", None), ("a string", "max"),
                                     ("a bad mode", [(2, "median")]), ("f = 0", [(0, "max")]),
                                     ("a pair missing", [(2,)])]),
             extra=[bad("one crop", "crops", crops=np.ones((1, 2, 8, 8, 1))),
                    bad("three channels", "crops", crops=np.ones((2, 2, 8, 8, 3)))]),
    ]


def _edges_specs():
    def fi(rng):
        return {"image": _n(rng, 7, 6), "kernel": _n(rng, 3, 3), "pad": 1, "stride": 2}

    def lf(rng):
        X = _n(rng, 2, 6, 5)
        return {"images": X, "targets": _n(rng, 2, 4, 3), "f": 3, "steps": 2,
                "learning_rate": 0.1, "seed": 0}

    return [
        spec("edges.photograph", lambda rng: {"step": 8}, step=Int(1, 100)),
        spec("edges.filter_image", fi, image=Arr(), kernel=Arr(), pad=Int(0), stride=Int(1),
             extra=[bad("a kernel that is not square", "kernel", kernel=np.ones((3, 2))),
                    bad("a kernel larger than the padded image", "f", kernel=np.ones((9, 9)),
                        pad=0)]),
        spec("edges.learn_filter", lf, images=Arr(), targets=Arr(), f=Int(1), steps=Int(0),
             learning_rate=POS, seed=Seed(),
             extra=[bad("targets of the images' shape", "targets",
                        targets=np.zeros((2, 6, 5))),
                    bad("targets for another f", "targets", f=2),
                    bad("f larger than the images", "f", f=7)]),
    ]


def _activation_chapter_specs():
    """Chapters 16 and 17: the grid figures and the per-layer gradient statistics."""
    def grads(rng):
        return {"grads": {"dW1": _n(rng, 4, 3), "db1": _n(rng, 4, 1), "dW2": _n(rng, 1, 4),
                          "db2": _n(rng, 1, 1)}}

    def gn(rng):
        return {"X": _n(rng, 3, 5), "Y": _labels(rng), "params": _dense_params(rng),
                "hidden": "tanh", "output": "sigmoid"}

    def trn(rng):
        return {"X": _n(rng, 3, 5), "Y": _labels(rng), "layer_dims": [3, 4, 1], "epochs": 2,
                "batch_size": 2, "learning_rate": 0.1, "probe": 4, "record_epochs": [2],
                "seed": 0}

    def gl(rng):
        return {"X": _n(rng, 2, 5), "lines": 3, "steps": 4, "margin": 0.25}

    def wg(rng):
        return {"ax": _ax(), "transform": lambda P: np.tanh(P), "lines": [_n(rng, 2, 4),
                                                                           _n(rng, 2, 4)]}

    return [
        spec("diagnostics.layer_gradient_norms", grads, grads=Bad([
            ("None", None), ("a list", kw(lambda k: list(k["grads"].values()))),
            ("a missing db2", kw(lambda k: {n: v for n, v in k["grads"].items() if n != "db2"})),
            ("params instead of grads", kw(lambda k: {n[1:]: v for n, v in k["grads"].items()})),
            ("a NaN in dW1", kw(lambda k: {**k["grads"], "dW1": np.full((4, 3), np.nan)})),
            ("a string gradient", kw(lambda k: {**k["grads"], "db1": "abc"})),
            ("an empty dict", {})])),
        spec("diagnostics.gradient_norms", gn, X=A, Y=LAB, params=PARAMS_BAD, hidden=ACT,
             output=Choice("sigmoid", "softmax"),
             extra=[bad("X transposed", "X params W1", X=kw(lambda k: k["X"].T)),
                    bad("labels {0, 2}", "Y", Y=np.array([[0, 2, 0, 2, 0.0]]))]),
        spec("diagnostics.train_recording_norms", trn, X=Arr(alts=("list", "int")), Y=LAB,
             learning_rate=POS, epochs=Int(1), batch_size=Int(1), probe=Int(1, none_ok=True),
             hidden=ACT, output=Choice("sigmoid", "softmax"), init=Choice("he"), seed=Seed(),
             layer_dims=Bad([("a mismatched first size", [4, 4, 1]), ("one size", [3]),
                             ("a zero size", [3, 0, 1]), ("None", None), ("an int", 3)]),
             record_epochs=Bad([("a string", "12"), ("an epoch after the last", [3]),
                                ("epoch 0", [0]), ("a float epoch", [1.5]), ("an int", 2)]),
             extra=[bad("X transposed", "X layer_dims", X=kw(lambda k: k["X"].T)),
                    bad("probe above m", "probe", probe=6),
                    bad("labels {0, 2}", "Y", Y=np.array([[0, 2, 0, 2, 0.0]]))]),
        spec("plots.grid_lines", gl, X=A, lines=Int(2), steps=Int(2), margin=NONNEG,
             extra=[bad("X transposed", "X", X=kw(lambda k: k["X"].T)),
                    bad("m = 0", "X", X=np.zeros((2, 0)))]),
        spec("plots.warped_grid", wg, transform=Func(), lines=Bad([
            ("None", None), ("an empty list", []), ("an array", np.zeros((2, 4))),
            ("a line of shape (3, k)", [np.zeros((3, 4))]),
            ("a NaN line", [np.full((2, 4), np.nan)])]),
             extra=[bad("transform of the wrong shape", "transform",
                        transform=lambda P: P[:1]),
                    bad("ax None", "ax", ax=None)]),
    ]


def _brain_specs():
    def lif(rng):
        return {"current": np.abs(_n(rng, 2, 30)) * 3 + 1, "dt": 1e-4}

    def fb_net(rng):
        from dlnotes import dense, feedback
        X = _n(rng, 3, 5)
        params = dense.init_params([3, 4, 2], "xavier", int(rng.integers(100)))
        AL, caches = dense.model_forward(X, params, "tanh", "softmax")
        Y = np.eye(2)[[0, 1, 1, 0, 1]].T
        return {"AL": AL, "Y": Y, "caches": caches, "B": feedback.feedback_matrices([3, 4, 2], 1)}

    def fb_train(rng):
        X = _n(rng, 3, 6)
        Y = np.eye(2)[[0, 1, 1, 0, 1, 0]].T
        return {"X": X, "Y": Y, "layer_dims": [3, 4, 2], "rule": "feedback", "epochs": 1,
                "batch_size": 3, "seed": 0, "X_test": X[:, :2].copy(), "Y_test": Y[:, :2].copy()}

    volts = {k: Num() for k in ("v_rest", "v_reset", "v_th")}
    lif_kinds = dict(tau_m=POS, r_m=POS, t_ref=NONNEG, **volts)
    lif_extra = [bad("v_reset above v_th", "v_reset", v_reset=-40.0),
                 bad("v_rest above v_th", "v_rest", v_rest=-40.0)]
    currents = Arr(ndim=False)
    seed_bad = Bad([("a negative seed", -1), ("a float seed", 1.5), ("a string seed", "0"),
                    ("a bool seed", True)])
    return [
        spec("spiking.lif_simulate", lif, dt=POS, **lif_kinds,
             current=Arr(ndim=False), extra=lif_extra + [
                 bad("a 3-D current", "current", current=np.ones((2, 2, 5))),
                 bad("no time steps", "current", current=np.ones(0)),
                 bad("dt as long as tau_m", "dt", dt=0.02),
                 ok("one neuron as a 1-D current", None, current=np.full(30, 2.5))]),
        spec("spiking.firing_rate",
             lambda rng: {"currents": np.array([2.5, 4.0, 8.0]), "duration": 0.05, "dt": 1e-4},
             currents=currents, duration=POS, dt=POS,
             extra=[bad("a duration shorter than one step", "duration", duration=1e-6),
                    bad("an unknown LIF parameter", "tau", tau=0.01),
                    ok("a 2-D array of currents", None, currents=np.full((2, 2), 4.0))]),
        spec("spiking.analytic_rate", lambda rng: {"currents": np.abs(_n(rng, 4)) * 5},
             currents=currents, **lif_kinds, extra=lif_extra),
        spec("spiking.threshold_current", lambda rng: {}, **lif_kinds, extra=lif_extra),
        spec("feedback.feedback_matrices",
             lambda rng: {"layer_dims": [3, 4, 2], "seed": 0, "scale": 1.0}, seed=Seed(),
             scale=POS, layer_dims=Bad([("one size", [3]), ("a zero size", [3, 0, 1]),
                                        ("None", None), ("an int", 3)])),
        spec("feedback.model_backward", fb_net, AL=PROB, Y=ONEHOT,
             caches=Bad([("None", None), ("an empty list", []), ("a string", "abc"),
                         ("a truncated cache", kw(lambda k: [c[:2] for c in k["caches"]]))]),
             B=Bad([("None", None), ("a list", kw(lambda k: list(k["B"].values()))),
                    ("a transposed B2", kw(lambda k: {"B2": k["B"]["B2"].T})),
                    ("a missing B2", {}), ("a NaN in B2", kw(lambda k: {"B2": np.full(
                        k["B"]["B2"].shape, np.nan)}))]),
             extra=[bad("Y transposed", "Y", Y=kw(lambda k: k["Y"].T)),
                    bad("labels {0, 2}", "Y", Y=np.array([[0, 2, 0, 2, 0.0], [1, 0, 1, 0, 1]]))]),
        spec("feedback.angle", lambda rng: {"u": _n(rng, 3, 4), "v": _n(rng, 3, 4)},
             u=Arr(ndim=False), v=Arr(ndim=False),
             extra=[bad("v of another shape", "v", v=np.ones((4, 3))),
                    bad("dicts with other keys", "v keys", u={"a": np.ones(2)},
                        v={"b": np.ones(2)}),
                    bad("an empty dict", "u", u={}, v={})]),
        spec("feedback.train", fb_train, X=Arr(alts=("list", "int")), Y=ONEHOT,
             layer_dims=Bad([("a mismatched first size", [4, 4, 2]), ("one size", [3]),
                             ("None", None)]),
             rule=Choice("feedback", "backprop", "last_layer"), hidden=ACT,
             output=Choice("softmax"), learning_rate=POS, epochs=Int(0), batch_size=Int(1),
             probe=Int(1), seed=seed_bad,
             X_test=Bad([("a string", "abc"), ("a NaN", kw(lambda k: np.full((3, 2), np.nan))),
                         ("other rows", np.ones((2, 2)))]),
             Y_test=Bad([("labels {0, 2}", np.array([[0, 2.0], [1, 0]])),
                         ("another length", np.eye(2)[:, :1])]),
             extra=[bad("X transposed", "X layer_dims", X=kw(lambda k: k["X"].T)),
                    bad("Y not one-hot", "Y", Y=np.ones((2, 6)))]),
    ]


def _drop_net(rng, keep=0.8):
    from dlnotes import dropout
    X, params = _n(rng, 3, 5), _dense_params(rng, DEEP)
    AL, caches = dropout.model_forward(X, params, keep, 0)
    return X, params, AL, caches


def _circles_small():
    from dlnotes import planar
    return planar.load("circles", n_train=12, n_test=6, noise=0.05, seed=1, factor=0.8)


def _moons_small():
    from dlnotes import planar
    return planar.load("moons", n_train=12, n_test=6, noise=0.3, seed=0)


def _digit_split_small(rng, n_x=6, m=12, m_held=5):
    Y, Yh = np.zeros((10, m)), np.zeros((10, m_held))
    Y[np.arange(m) % 10, np.arange(m)] = 1
    Yh[np.arange(m_held) % 10, np.arange(m_held)] = 1
    return (_u(rng, n_x, m), Y, _u(rng, n_x, m_held), Yh)


# Three hidden layers, so that a list of one or two keep probabilities is a bad value.
SMALL_SETTING = {"n_train": 12, "n_test": 6, "layer_dims": [2, 3, 3, 3, 1], "num_iterations": 2}
DEEP = (3, 4, 4, 4, 1)


def _experiment_specs():
    """dlnotes.dropout and the experiments of chapters 18, 23 and 24 (tiny, quick settings)."""
    KEEP = Num(0, 1, lo_open=True)
    keep_seq = [bad("keep_prob of the wrong length", "keep_prob", keep_prob=[0.5] * 4),
                bad("keep_prob with a 0", "keep_prob", keep_prob=[0.5, 0.0, 0.5]),
                bad("keep_prob a 2-D array", "keep_prob", keep_prob=np.full((3, 1), 0.5)),
                ok("keep_prob one per hidden layer", None, keep_prob=[0.5, 1.0, 0.8])]

    def dfwd(rng):
        return {"A": _n(rng, 3, 4), "keep_prob": 0.8, "rng": 0}

    def dback(rng):
        from dlnotes import dropout
        _, cache = dropout.dropout_forward(_n(rng, 3, 4), 0.8, 0)
        return {"dout": _n(rng, 3, 4), "cache": cache}

    def mfwd(rng):
        return {"X": _n(rng, 3, 5), "params": _dense_params(rng, DEEP), "keep_prob": 0.8,
                "rng": 0, "hidden": "relu", "output": "sigmoid"}

    def mback(rng):
        X, params, AL, caches = _drop_net(rng)
        return {"AL": AL, "Y": _labels(rng), "caches": caches, "lambd": 0.1}

    def no_mask(k):
        return [(c, None) for c, _ in k["caches"]]

    def lc(rng):
        return {"X": _n(rng, 3, 8), "Y": _labels(rng, 8), "X_val": _n(rng, 3, 4),
                "Y_val": _labels(rng, 4), "layer_dims": list(DEEP), "epochs": 2, "batch_size": 4,
                "learning_rate": 0.01, "lambd": 0.0, "keep_prob": 1.0, "seed": 0}

    size_rows = [{"size": 10, "seed": 0, "train_acc": 1.0, "test_acc": 0.8, "gap": 0.2},
                 {"size": 10, "seed": 1, "train_acc": 0.9, "test_acc": 0.8, "gap": 0.1}]
    lambda_rows = [{"lambd": 0.0, "draw": 0, "train_acc": 1.0, "test_acc": 0.8},
                   {"lambd": 0.7, "draw": 0, "train_acc": 0.9, "test_acc": 0.85}]
    rows_bad = lambda rows: Bad([
        ("None", None), ("a string", "abc"), ("an empty list", []), ("a dict", rows[0]),
        ("a row without test_acc", [{k: v for k, v in rows[0].items() if k != "test_acc"}]),
        ("a string accuracy", [{**rows[0], "train_acc": "high"}]),
        ("a percentage for an accuracy", [{**rows[0], "test_acc": 80.0}]),
        ("a NaN accuracy", [{**rows[0], "train_acc": float("nan")}])])
    setting_bad = Bad([
        ("a string", "abc"), ("a list", [("num_iterations", 2)]),
        ("an unknown key", {"num_iteration": 2}),
        ("num_iterations 0", {**SMALL_SETTING, "num_iterations": 0}),
        ("a negative learning rate", {**SMALL_SETTING, "learning_rate": -0.1}),
        ("layer_dims for 3-D points", {**SMALL_SETTING, "layer_dims": [3, 4, 1]}),
        ("a zero layer size", {**SMALL_SETTING, "layer_dims": [2, 0, 1]}),
        ("an unknown data set", {**SMALL_SETTING, "name": "rings"})])
    data_bad = Bad([("None", None), ("a string", "circles"),
                    ("a tuple of arrays", kw(lambda k: tuple(k["data"])))])
    split_bad = Bad([
        ("a string", "digits"), ("a tuple of three", kw(lambda k: k["split"][:3])),
        ("X_pool transposed", kw(lambda k: (k["split"][0].T,) + k["split"][1:])),
        ("Y_pool of another length", kw(lambda k: (k["split"][0], k["split"][1][:, :5])
                                        + k["split"][2:])),
        ("Y_pool not one-hot", kw(lambda k: (k["split"][0], 2 * k["split"][1]) + k["split"][2:])),
        ("X_heldout of another n_x", kw(lambda k: k["split"][:2] + (k["split"][2][:3],
                                                                   k["split"][3]))),
        ("a NaN in X_pool", kw(lambda k: (np.full_like(k["split"][0], np.nan),)
                               + k["split"][1:]))])
    seq_bad = lambda good: Bad([("None", None), ("a string", "12"), ("an int", good),
                                ("a negative entry", [-1]), ("a float entry", [1.5]),
                                ("a bool entry", [True]), ("a NaN entry", [float("nan")])])
    return [
        spec("dropout.dropout_forward", dfwd, A=Arr(ndim=False), keep_prob=KEEP, rng=Seed(),
             extra=[ok("an empty A", None, A=np.zeros((3, 0)))]),
        spec("dropout.dropout_backward", dback, dout=A,
             cache=Bad([("None", None), ("a string", "cache"),
                        ("a tuple of one", kw(lambda k: k["cache"][:1])),
                        ("a float mask", kw(lambda k: (k["cache"][0].astype(float),
                                                       k["cache"][1]))),
                        ("keep_prob 0 in the cache", kw(lambda k: (k["cache"][0], 0.0))),
                        ("keep_prob NaN in the cache", kw(lambda k: (k["cache"][0],
                                                                     float("nan"))))]),
             extra=[bad("dout transposed", "dout", dout=kw(lambda k: k["dout"].T))]),
        spec("dropout.model_forward", mfwd, X=A, params=PARAMS_BAD, keep_prob=KEEP, rng=Seed(),
             hidden=ACT, output=ACT,
             extra=keep_seq + [bad("X transposed", "X params W1", X=kw(lambda k: k["X"].T))]),
        spec("dropout.model_backward", mback, AL=PROB, Y=LAB, lambd=NONNEG,
             caches=Bad([("None", None), ("an empty list", []), ("a string", "abc"),
                         ("a list of None", [None, None]),
                         ("pairs without their dropout cache",
                          kw(lambda k: [(c,) for c, _ in k["caches"]])),
                         ("a truncated layer cache", kw(lambda k: [(c[:2], d)
                                                                   for c, d in k["caches"]])),
                         ("a dropout cache of one item", kw(lambda k: [
                             (c, d[:1] if d is not None else None) for c, d in k["caches"]])),
                         ("a relu output", kw(lambda k: k["caches"][:-1] + [
                             ((k["caches"][-1][0][0], k["caches"][-1][0][1], "relu"), None)]))]),
             extra=[bad("Y transposed", "Y", Y=kw(lambda k: k["Y"].T)),
                    bad("labels {0, 2}", "Y", Y=np.array([[0, 2, 0, 2, 0.0]])),
                    ok("no masks: dense.model_backward's caches", None,
                       caches=kw(no_mask))]),
        # chapter 18
        spec("experiments.initialization.load_circles", lambda rng: {"seed": 1}, seed=Seed()),
        spec("experiments.initialization.run",
             lambda rng: {"method": "he", "seed": 0, "data": _circles_small(),
                          "num_iterations": 2, "record_every": 1, "learning_rate": 0.01},
             method=Choice("zeros", "large", "he"), seed=Seed(), data=Bad([
                 ("a string", "circles"), ("a tuple of arrays", kw(lambda k: tuple(k["data"]))),
                 ("a dict", kw(lambda k: k["data"]._asdict()))]),
             num_iterations=Int(1), record_every=Int(1), learning_rate=POS),
        spec("experiments.initialization.published_table", lambda rng: {}),
        spec("experiments.initialization.layer_activations",
             lambda rng: {"X": _n(rng, 3, 5), "params": _dense_params(rng, (3, 4, 2)),
                          "hidden": "tanh"},
             X=A, params=PARAMS_BAD, hidden=ACT,
             extra=[bad("X transposed", "X params W1", X=kw(lambda k: k["X"].T))]),
        # chapter 23
        spec("experiments.overfitting.digit_split",
             lambda rng: {"name": "digits", "n_heldout": 500, "seed": 0},
             name=Choice("digits", "mnist5k"), n_heldout=Int(1, 1796), seed=Seed()),
        spec("experiments.overfitting.evaluate",
             lambda rng: {"params": _dense_params(rng), "X": _n(rng, 3, 5), "Y": _labels(rng),
                          "output": "sigmoid", "hidden": "relu"},
             params=PARAMS_BAD, X=A, Y=LAB, output=Choice("sigmoid", "softmax"), hidden=ACT,
             extra=[bad("Y transposed", "Y", Y=kw(lambda k: k["Y"].T)),
                    bad("labels {0, 2}", "Y", Y=np.array([[0, 2, 0, 2, 0.0]]))]),
        spec("experiments.overfitting.polynomial_fits",
             lambda rng: {"degrees": (1, 3), "n_train": 8, "n_test": 10, "noise": 0.25,
                          "seed": 0},
             degrees=seq_bad(3), n_train=Int(1), n_test=Int(1), noise=NONNEG, seed=Seed(),
             extra=[ok("degrees as a list", {"degrees": (1, 3)}, degrees=[1, 3]),
                    ok("degrees as a range", {"degrees": (1, 2)}, degrees=range(1, 3)),
                    ok("degrees as an int array", {"degrees": (1, 3)},
                       degrees=np.array([1, 3]))]),
        spec("experiments.overfitting.capacity_sweep",
             lambda rng: {"widths": (2,), "name": "moons", "n_train": 10, "n_test": 5,
                          "noise": 0.3, "data_seed": 0, "seed": 0, "num_iterations": 2,
                          "learning_rate": 0.01},
             widths=seq_bad(2), name=Choice("moons", "circles", "spirals"), n_train=Int(1),
             n_test=Int(1), noise=NONNEG, data_seed=Seed(), seed=Seed(), num_iterations=Int(1),
             learning_rate=POS),
        spec("experiments.overfitting.size_sweep",
             lambda rng: {"sizes": (4, 8), "seeds": (0,), "split": _digit_split_small(rng),
                          "hidden_units": 3, "num_iterations": 2, "learning_rate": 0.005},
             sizes=Bad([("None", None), ("a string", "48"), ("an int", 4), ("a zero size", [0]),
                        ("a float size", [2.5]), ("larger than the pool", [13])]),
             seeds=seq_bad(0), split=split_bad, hidden_units=Int(1), num_iterations=Int(1),
             learning_rate=POS,
             extra=[ok("seeds as a range", {"seeds": (0,)}, seeds=range(1)),
                    ok("sizes as an int array", {"sizes": (4, 8)}, sizes=np.array([4, 8]))]),
        spec("experiments.overfitting.learning_curve", lc, X=A, Y=LAB, X_val=A, Y_val=LAB,
             epochs=Int(1), batch_size=Int(1), learning_rate=POS, lambd=NONNEG,
             keep_prob=KEEP, seed=Seed(), output=Choice("sigmoid", "softmax"),
             layer_dims=Bad([("a mismatched first size", [4, 4, 1]), ("one size", [3]),
                             ("a zero size", [3, 0, 1]), ("None", None), ("an int", 3)]),
             extra=[bad("X transposed", "X", X=kw(lambda k: k["X"].T)),
                    bad("X_val of another n_x", "X_val", X_val=kw(lambda k: k["X_val"][:2])),
                    bad("Y_val of another length", "Y_val", Y_val=kw(lambda k: k["Y"])),
                    bad("labels {0, 2} in Y_val", "Y_val", Y_val=np.array([[0, 2, 0, 1.0]])),
                    bad("softmax with 0/1 labels", "Y", output="softmax"),
                    bad("m_val = 0", "X_val", X_val=np.zeros((3, 0)), Y_val=np.zeros((1, 0))),
                    bad("keep_prob of the wrong length", "keep_prob", keep_prob=[0.5] * 4),
                    ok("dropout on the hidden layer", None, keep_prob=0.8)]),
        spec("experiments.overfitting.size_table", lambda rng: {"rows": copy.deepcopy(size_rows)},
             rows=rows_bad(size_rows)),
        # chapter 24
        spec("experiments.regularization.train",
             lambda rng: {"data": _moons_small(), "lambd": 0.1, "keep_prob": 1.0, "seed": 0,
                          "setting": dict(SMALL_SETTING)},
             data=data_bad, lambd=NONNEG, keep_prob=KEEP, seed=Seed(), setting=setting_bad,
             extra=[ok("dropout", None, keep_prob=0.8)]),
        spec("experiments.regularization.lambda_sweep",
             lambda rng: {"lambdas": (0.0, 0.7), "draws": (0,), "setting": dict(SMALL_SETTING)},
             lambdas=Bad([("None", None), ("a string", "0.1"), ("a number", 0.1),
                          ("a negative strength", [-0.1]), ("NaN", [float("nan")]),
                          ("inf", [float("inf")]), ("a nested list", [[0.1]])]),
             draws=seq_bad(0), setting=setting_bad,
             extra=[ok("draws as a range", {"draws": (0,)}, draws=range(1)),
                    ok("lambdas as an array", {"lambdas": (0.0, 0.7)},
                       lambdas=np.array([0.0, 0.7]))]),
        spec("experiments.regularization.sweep_table",
             lambda rng: {"rows": copy.deepcopy(lambda_rows)}, rows=rows_bad(lambda_rows)),
        spec("experiments.regularization.compare",
             lambda rng: {"draws": (0,), "lambd": 0.7, "keep_prob": 0.86,
                          "setting": dict(SMALL_SETTING)},
             draws=seq_bad(0), lambd=NONNEG, keep_prob=KEEP, setting=setting_bad),
        spec("experiments.regularization.compare_table",
             lambda rng: {"ours": {"no regularisation": {"train_acc": 0.95, "test_acc": 0.9},
                                   "L2, λ = 0.7": {"train_acc": 0.93, "test_acc": 0.92}}},
             ours=Bad([("None", None), ("a string", "abc"), ("an empty dict", {}),
                       ("a list of rows", [{"train_acc": 0.9, "test_acc": 0.9}]),
                       ("a row without test_acc", {"x": {"train_acc": 0.9}}),
                       ("a string accuracy", {"x": {"train_acc": "high", "test_acc": 0.9}}),
                       ("a percentage", {"x": {"train_acc": 95.0, "test_acc": 0.9}})])),
    ]


def _notebook_specs():
    """dlnotes.notebooks (MyST to CommonMark) and the grader's table (no kernel needed)."""
    import nbformat
    from dlnotes.grade import Result

    def nb(rng):
        return {"nb": nbformat.v4.new_notebook(cells=[
            nbformat.v4.new_markdown_cell("# Title\n\nSee {cite}`goodfellow2016deep`, $$a$$"),
            nbformat.v4.new_code_cell("x = 1")]), "doc": None, "with_install_cell": True}

    results = [Result("12_x", "ex-12-a", "passed"), Result("12_x", "ex-12-b", "failed", "no")]
    text = Bad([("None", None), ("a number", 3), ("bytes", b"# a"), ("a list", ["# a"])])
    return [
        spec("notebooks.plain_markdown", lambda rng: {"source": "# A {doc}`x <intro>` $$b$$",
                                                      "doc": None},
             source=text, doc=Bad([("a number", 3), ("a list", ["book/intro.ipynb"])]),
             extra=[ok("doc as a str", None, doc="book/intro.ipynb")]),
        spec("notebooks.to_plain", nb, nb=Bad([
                 ("None", None), ("a string", "nb.ipynb"), ("a list of cells", [{}]),
                 ("a dict without cells", {"metadata": {}}),
                 ("cells that are strings", {"cells": ["# a"]})]),
             doc=Bad([("a number", 3)]),
             with_install_cell=Bad([("a string", "yes"), ("None", None), ("an int", 1)]),
             extra=[ok("the dict form", {}, nb=kw(lambda k: dict(k["nb"])))]),
        spec("notebooks.install_cell", lambda rng: {"url": "https://example.org/dlnotes"},
             url=Bad([("a number", 3), ("an empty string", ""), ("a list", ["u"])])),
        spec("notebooks.repository_url", lambda rng: {}),
        spec("notebooks.site_url", lambda rng: {}),
        spec("grade.Result", lambda rng: {"chapter": "12_x", "label": "ex-12-a",
                                          "status": "passed", "detail": ""},
             status=Choice("passed", "failed", "not attempted", "error"),
             chapter=Bad([("None", None), ("a number", 12)]),
             label=Bad([("None", None), ("a number", 1)]),
             detail=Bad([("None", None), ("a list", ["x"])])),
        spec("grade.format_results", lambda rng: {"results": list(results)},
             results=Bad([("None", None), ("a string", "passed"), ("a list of None", [None]),
                          ("a list of dicts", [{"chapter": "12_x", "label": "a",
                                                "status": "passed"}])]),
             extra=[ok("a tuple", None, results=tuple(results)), ok("no results", None,
                                                                     results=[])]),
    ]


def _parity_search_specs():
    NBITS = Int(1, 16)
    params_bad = Bad([("a list", [np.ones((1, 2))]), ("None", None), ("a dict without b1",
                      {"W1": np.ones((1, 2))}), ("unchained shapes",
                      {"W1": np.ones((2, 2)), "b1": np.zeros((2, 1)), "W2": np.ones((1, 3)),
                       "b2": np.zeros((1, 1))})])
    space_bad = Bad([("an empty dict", {}), ("a list", [("a", (0.0, 1.0, "linear"))]),
                     ("low above high", {"a": (1.0, 0.5, "linear")}),
                     ("a log range from 0", {"a": (0.0, 1.0, "log")}),
                     ("an unknown scale", {"a": (0.0, 1.0, "cubic")}),
                     ("a pair", {"a": (0.0, 1.0)}), ("a NaN end", {"a": (0.0, np.nan, "linear")}),
                     ("a number as key", {3: (0.0, 1.0, "linear")}), ("None", None)])
    space = {"lr": (1e-3, 1.0, "log"), "units": (2, 8, "int")}

    def objective(lr, units):
        return lr * units

    scored = [("a list of numbers", [1.0, 2.0]), ("an empty list", []), ("None", None),
              ("a string", "abc")]
    return [
        spec("parity.parity_data", lambda rng: {"n": 3}, n=NBITS),
        spec("parity.deep_parity", lambda rng: {"n": 5}, n=NBITS),
        spec("parity.sawtooth_parity", lambda rng: {"n": 5}, n=NBITS),
        spec("parity.shallow_parity", lambda rng: {"n": 5}, n=NBITS),
        spec("parity.minterm_parity", lambda rng: {"n": 4}, n=Int(1, 12)),
        spec("parity.edge_cut_bound", lambda rng: {"n": 6}, n=Int(1, 10_000)),
        spec("parity.hidden_units", lambda rng: {"params": {k: v + 0 for k, v in __import__(
            "dlnotes").parity.deep_parity(4).items()}}, params=params_bad),
        spec("parity.verify", lambda rng: {"params": __import__("dlnotes").parity.deep_parity(3),
                                           "n": 3, "hidden": "relu", "output": "linear"},
             params=params_bad, n=NBITS, hidden=Choice("relu", "tanh"),
             output=Choice("linear", "sigmoid"),
             extra=[bad("n that does not match the network", "params n", n=4),
                    bad("two output units", "params", params={
                        "W1": np.ones((2, 3)), "b1": np.zeros((2, 1)), "W2": np.ones((2, 2)),
                        "b2": np.zeros((2, 1))})]),
        spec("search.grid_trials", lambda rng: {"space": dict(space), "points_per_axis": 3},
             space=space_bad, points_per_axis=Int(1)),
        spec("search.random_trials", lambda rng: {"space": dict(space), "n_trials": 4, "seed": 0},
             space=space_bad, n_trials=Int(1), seed=Seed()),
        spec("search.run_trials", lambda rng: {"objective": objective,
                                               "trials": [{"lr": 0.1, "units": 2}]},
             objective=Func(), trials=Bad(scored + [("a list of lists", [[0.1, 2]])]),
             extra=[bad("an objective that returns a string", "objective",
                        objective=lambda lr, units: "good")]),
        spec("search.best_trial", lambda rng: {"trials": [
            __import__("dlnotes").search.Trial({"a": 1}, 0.5, {}),
            __import__("dlnotes").search.Trial({"a": 2}, 0.7, {})]},
             trials=Bad(scored)),
        spec("experiments.parity.train_seeds",
             lambda rng: {"n": 2, "depth": 1, "width": 2, "seeds": (0, 1), "iterations": 2},
             n=Int(1, 12), depth=Int(1), width=Int(1), iterations=Int(1), learning_rate=POS,
             seeds=Bad([("an empty tuple", ()), ("a negative seed", (-1,)), ("a string", "01"),
                        ("None", None), ("a float seed", (0.5,))])),
        spec("experiments.parity.deep_depth", lambda rng: {"n": 5}, n=Int(1, 16)),
        spec("experiments.hyperparameters.parameter_count",
             lambda rng: {"layer_dims": [4, 3, 1]},
             layer_dims=Bad([("one size", [3]), ("a zero size", [3, 0]), ("a string", "abc"),
                             ("None", None), ("a float size", [3, 2.5])])),
        spec("experiments.hyperparameters.layer_dims",
             lambda rng: {"hidden": 4, "depth": 2, "n_x": 5, "n_y": 3},
             hidden=Int(1), depth=Int(0), n_x=Int(1), n_y=Int(1)),
        spec("experiments.hyperparameters.split",
             lambda rng: {"seed": 0, "n_train": 100, "n_val": 100},
             seed=Int(0), n_train=Int(1), n_val=Int(1),
             extra=[bad("no test images left", "n_train n_val", n_train=1000, n_val=797)]),
    ] + _feature_specs()


def _feature_specs():
    """dlnotes.features and the small helpers of chapters 19, 25 and 26."""
    IMG = Arr(alts=("list", "int", "float32"))
    IMG64 = Arr(alts=("list", "int"))       # float32 angles can fall in the neighbouring bin

    def im(rng):
        return {"images": rng.uniform(0, 1, (3, 8, 8))}

    def hist(rng):
        return {**im(rng), "cells": 2, "bins": 8}

    def hand(rng):
        return {**im(rng), "cells": 2, "bins": 4, "zones": 4}

    side_bad = [bad("an image of 1 × 8", "images", images=np.ones((2, 1, 8))),
                bad("no images", "images", images=np.zeros((0, 8, 8)))]

    def top(rng):
        return {"X": _n(rng, 5, 9), "W1": _n(rng, 3, 5), "b1": _n(rng, 3, 1), "k": 4}

    def share(rng):
        return {"W": _n(rng, 3, 20) + 3.0, "shape": (4, 5), "margin": 1}

    def stdz(rng):
        return {"F": _n(rng, 4, 6)}

    def cross(rng):
        return {"sizes": [10, 20, 40], "a": np.array([0.5, 0.6, 0.7]),
                "b": np.array([0.4, 0.7, 0.8])}

    return [
        spec("features.gradients", im, images=IMG, extra=side_bad),
        spec("features.orientation_histograms", hist, images=IMG64, cells=Int(1), bins=Int(1),
             extra=side_bad + [bad("cells not dividing the side", "cells", cells=3)]),
        spec("features.zone_means", lambda rng: {**im(rng), "zones": 4}, images=IMG,
             zones=Int(1), extra=side_bad + [bad("zones not dividing the side", "zones", zones=3)]),
        spec("features.projection_profiles", im, images=IMG, extra=side_bad),
        spec("features.hand_features", hand, images=IMG64, cells=Int(1), bins=Int(1),
             zones=Int(1), extra=side_bad + [bad("zones not dividing the side", "zones", zones=5)]),
        spec("experiments.hidden_units.top_activating", top, X=A, W1=A, b1=A, k=Int(1, 9),
             extra=[bad("W1 transposed", "W1", W1=kw(lambda k: k["W1"].T)),
                    bad("b1 a row", "b1", b1=kw(lambda k: k["b1"].T)),
                    bad("k larger than m", "k", k=10)]),
        spec("experiments.hidden_units.centre_share", share, W=Arr(alts=("list",)),
             margin=Int(0, 1), extra=[
                 bad("shape of another size", "shape", shape=(4, 4)),
                 bad("shape of three sides", "shape", shape=(2, 2, 5)),
                 bad("shape None", "shape", shape=None),
                 bad("a negative side", "shape shape[0]", shape=(-4, -5))]),
        spec("experiments.hidden_units.never_lit", lambda rng: {"X": _n(rng, 4, 6)}, X=A),
        # (the held-out arrays come as *others, which keyword cases cannot pass: see
        # tests/test_end_to_end.py)
        spec("experiments.end_to_end.standardize_by_training", stdz, F=A,
             extra=[bad("m = 0", "F", F=np.zeros((4, 0)))]),
        spec("experiments.end_to_end.digit_pairs",
             lambda rng: {"n_pairs": 3, "n_images": 10, "seed": 1}, n_pairs=Int(1),
             n_images=Int(1), seed=Seed(),
             extra=[bad("more pairs than images allow", "n_pairs", n_pairs=6)]),
        spec("experiments.end_to_end.crossover", cross, a=Arr(alts=("list", "float32")),
             b=Arr(alts=("list", "float32")), extra=[
                 bad("sizes not increasing", "sizes", sizes=[10, 40, 20]),
                 bad("sizes of another length", "sizes", sizes=[10, 20]),
                 bad("a zero size", "sizes[0]", sizes=[0, 20, 40]),
                 bad("sizes None", "sizes", sizes=None)]),
        spec("experiments.end_to_end.feature_settings", lambda rng: {"side": 8},
             side=Int(1)),
    ]


def _cnn_review_specs():
    def fwd(rng):
        layers, params, X, y = _cnn_problem(rng)
        return {"X": X, "params": params, "layers": layers}

    def weights(rng):
        return {"weights": [_n(rng, 3, 3, 1, 2), _n(rng, 2), _n(rng, 8, 3), _n(rng, 3)]}

    layers_bad = Bad([("None", None), ("a string", "conv"), ("an unknown layer", [{"kind": "x"}]),
                      ("a dense layer before flatten", [{"kind": "dense", "n": 3}])])
    params_bad = Bad([("None", None), ("a list", [np.ones(2)]),
                      ("a missing weight", kw(lambda k: {n: v for n, v in k["params"].items()
                                                        if n != "W1"}))])
    labels_bad = Bad([("labels out of range", np.array([0, 1, 5, 2])),
                      ("float labels", np.full(4, 0.5)), ("None", None), ("a string", "0121"),
                      ("a 2-D array", np.zeros((2, 2), int)), ("negative labels", np.array([0, -1, 1, 2]))])
    return [
        spec("experiments.cnn_review.multiply_adds",
             lambda rng: {"layers": _small_layers(), "input_shape": (6, 6, 1)}, layers=layers_bad,
             input_shape=Bad([("two sizes", (6, 6)), ("a zero size", (6, 0, 1)), ("None", None),
                              ("too small for the filter", (1, 1, 1))])),
        spec("experiments.cnn_review.layer_outputs", fwd, X=A, params=params_bad, layers=layers_bad,
             extra=[bad("X of another image size", "X params", X=np.zeros((2, 8, 8, 1)))]),
        spec("experiments.cnn_review.probabilities", fwd, X=A, params=params_bad, layers=layers_bad,
             extra=[bad("X as (n_H, n_W, n_C, m)", "X params",
                        X=kw(lambda k: k["X"].transpose(1, 2, 3, 0)))]),
        spec("experiments.cnn_review.confusion_matrix",
             lambda rng: {"y_true": np.array([0, 1, 2, 1]), "y_pred": np.array([0, 2, 2, 1]),
                          "classes": 3},
             y_true=labels_bad, y_pred=labels_bad, classes=Int(1), extra=[
                 bad("y_pred of another length", "y_pred", y_pred=np.array([0, 1])),
                 ok("lists", None, y_true=[0, 1, 2, 1], y_pred=[0, 2, 2, 1])]),
        spec("experiments.cnn_review.keras_weights_to_params", weights,
             weights=Bad([("None", None), ("a string", "weights"), ("an odd number of arrays",
                                                                      kw(lambda k: k["weights"][:3])),
                          ("a 3-D kernel", kw(lambda k: [np.zeros((3, 3, 2)), np.zeros(2)])),
                          ("a bias of the wrong size", kw(lambda k: [np.zeros((8, 3)), np.zeros(4)])),
                          ("a NaN in a kernel", kw(lambda k: [np.full((8, 3), np.nan), np.zeros(3)])),
                          ("a 2-D bias", kw(lambda k: [np.zeros((8, 3)), np.zeros((3, 1))]))])),
    ]


def _e2e_split(rng, m=12, m_held=6, side=8):
    """A tiny Split of random 8 × 8 "images" (for chapters 19, 25 and 26)."""
    from dlnotes.experiments.end_to_end import Split
    parts = []
    for n in (m, m_held):
        images = rng.uniform(0, 1, (n, side, side))
        digits = np.arange(n) % 10
        parts += [images, images.reshape(n, -1).T.copy(), np.eye(10)[digits].T, digits]
    return Split(*parts)


def _late_experiment_specs():
    """Chapters 16, 17, 19, 25 and 26: hidden_space, gradients, end_to_end, hidden_units
    (tiny splits and networks, a few iterations)."""
    split_bad = Bad([
        ("a string", "digits"), ("a plain tuple", kw(lambda k: tuple(k["split"]))),
        ("a dict", kw(lambda k: k["split"]._asdict())),
        ("X transposed", kw(lambda k: k["split"]._replace(X=k["split"].X.T))),
        ("Y not one-hot", kw(lambda k: k["split"]._replace(Y=2 * k["split"].Y))),
        ("Y_held of another length", kw(lambda k: k["split"]._replace(
            Y_held=k["split"].Y_held[:, :2]))),
        ("held-out images of another side", kw(lambda k: k["split"]._replace(
            images_held=k["split"].images_held[:, :4, :4]))),
        ("a NaN in X", kw(lambda k: k["split"]._replace(X=np.full_like(k["split"].X, np.nan)))),
        ("float digits", kw(lambda k: k["split"]._replace(
            digits=k["split"].digits.astype(float))))])
    seq_bad = lambda good: Bad([("None", None), ("a string", "12"), ("an int", good),
                                ("an empty list", []), ("a negative entry", [-1]),
                                ("a float entry", [1.5]), ("a bool entry", [True]),
                                ("a NaN entry", [float("nan")])])

    def digits(rng, m):
        return rng.uniform(0, 1, (784, m)), np.eye(10)[np.arange(m) % 10].T

    def grad_run(rng):
        X, Y = digits(rng, 6)
        Xh, Yh = digits(rng, 3)
        return {"hidden": "tanh", "data": (X, Y, Xh, Yh), "hidden_layers": 1, "epochs": 1,
                "batch_size": 3, "learning_rate": 0.1, "probe": 4, "seed": 0}

    def nielsen(rng):
        X, Y = digits(rng, 3)
        return {"X": X, "Y": Y, "hidden_layers": 1, "seeds": (0,)}

    def lin(rng):
        return {"F_train": _n(rng, 3, 8), "Y_train": _labels(rng, 8), "F_test": _n(rng, 3, 4),
                "Y_test": _labels(rng, 4), "num_iterations": 2, "learning_rate": 1.0}

    def soft(rng):
        return {"X": _n(rng, 5, 8), "Y": _one_hot(rng, 10, 8), "hidden_units": 0,
                "num_iterations": 2, "learning_rate": 0.01, "lambd": 0.0, "seed": 0,
                "output": "softmax"}

    def curve(rng):
        return {"split": _e2e_split(rng), "sizes": (6,), "seeds": (0,), "methods": METHODS_E2E,
                "hidden_units": 3, "num_iterations": 2, "learning_rate": 0.01, "lambd": 0.0}

    def pairs(rng):
        return {"split": _e2e_split(rng), "sizes": (3,), "seeds": (0,), "hidden_units": 3,
                "num_iterations": 2, "learning_rate": 0.01, "n_test_pairs": None}

    def hidden_run(rng):
        return {"split": _e2e_split(rng), "n_hidden": 3, "optimizer": "gd",
                "learning_rate": 0.1, "epochs": 1, "batch_size": 4, "seed": 0}

    rows = [{"method": method, "size": size, "seed": seed,
             "train_acc": 1.0 - 0.01 * seed, "test_acc": 0.5 + size / 100 + 0.02 * seed
             + (0.05 if method == "features" else 0.0), "seconds": 0.01}
            for method in ("features", "end_to_end") for size in (10, 20) for seed in (0, 1)]
    rows_bad = Bad([
        ("None", None), ("a string", "abc"), ("an empty list", []), ("a dict", rows[0]),
        ("a row without test_acc", [{k: v for k, v in rows[0].items() if k != "test_acc"}]),
        ("a string accuracy", [{**rows[0], "test_acc": "high"}]),
        ("a percentage for an accuracy", [{**rows[0], "test_acc": 80.0}]),
        ("a NaN accuracy", [{**rows[0], "test_acc": float("nan")}]),
        ("a number for the method", [{**rows[0], "method": 3}]),
        ("a zero size", [{**rows[0], "size": 0}])])
    key = Choice("test_acc", "train_acc")
    pair_rows = [{"method": "two_step", "size": 5, "seed": 0, "test_acc": 0.8, "digit_acc": 0.7},
                 {"method": "pairs_end_to_end", "size": 5, "seed": 0, "test_acc": 0.6,
                  "digit_acc": float("nan")}]

    def rws(rng):
        return {"rows": copy.deepcopy(rows), "key": "test_acc"}

    return [
        # chapter 16
        spec("experiments.hidden_space.load_circles", lambda rng: {"seed": 1}, seed=Seed()),
        spec("experiments.hidden_space.train",
             lambda rng: {"data": _circles_small(), "hidden_units": 3, "hidden": "tanh",
                          "seed": 0, "num_iterations": 2, "learning_rate": 0.05},
             data=Bad([("None", None), ("a string", "circles"),
                       ("a tuple of arrays", kw(lambda k: tuple(k["data"]))),
                       ("a dict", kw(lambda k: k["data"]._asdict()))]),
             hidden_units=Int(1), hidden=Choice("tanh", "linear", "relu"), seed=Seed(),
             num_iterations=Int(1), learning_rate=POS),
        spec("experiments.hidden_space.hidden_features",
             lambda rng: {"X": _n(rng, 2, 5), "params": _dense_params(rng, (2, 3, 1)),
                          "hidden": "tanh"},
             X=A, params=PARAMS_BAD, hidden=Choice("tanh", "linear"),
             extra=[bad("X transposed", "X params W1", X=kw(lambda k: k["X"].T)),
                    ok("m = 0", None, X=np.zeros((2, 0)))]),
        spec("experiments.hidden_space.linear_accuracy", lin, F_train=A, Y_train=LAB, F_test=A,
             Y_test=LAB, num_iterations=Int(1), learning_rate=POS,
             extra=[bad("F_test of another n", "F_test", F_test=kw(lambda k: k["F_test"][:2])),
                    bad("F_train transposed", "F_train Y_train",
                        F_train=kw(lambda k: k["F_train"].T)),
                    bad("Y_test of another length", "Y_test", Y_test=kw(lambda k: k["Y_train"])),
                    bad("labels {0, 2}", "Y_train", Y_train=np.array([[0, 2, 0, 1, 0, 1, 0, 1.0]])),
                    bad("m = 0", "F_train", F_train=np.zeros((3, 0)), Y_train=np.zeros((1, 0))),
                    bad("m_test = 0", "F_test", F_test=np.zeros((3, 0)), Y_test=np.zeros((1, 0)))]),
        spec("experiments.hidden_space.collapse_linear",
             lambda rng: {"params": _dense_params(rng, (3, 4, 2))}, params=PARAMS_BAD,
             extra=[ok("three layers", None, params=kw(lambda k: _dense_params(
                 np.random.default_rng(1), (3, 4, 4, 2))))]),
        # chapter 17
        spec("experiments.gradients.layer_dims", lambda rng: {"hidden_layers": 2, "units": 5},
             hidden_layers=Int(1), units=Int(1)),
        spec("experiments.gradients.load", lambda rng: {"n_heldout": 1000, "seed": 0},
             n_heldout=Int(1, 4999), seed=Seed()),
        spec("experiments.gradients.nielsen_norms", nielsen, X=Arr(alts=("list", "int")),
             Y=ONEHOT, hidden_layers=Int(1), seeds=seq_bad(0),
             extra=[bad("X transposed", "X", X=kw(lambda k: k["X"].T)),
                    bad("X of another n_x", "X", X=kw(lambda k: k["X"][:100])),
                    bad("Y of another length", "Y", Y=kw(lambda k: k["Y"][:, :2])),
                    bad("m = 0", "X", X=np.zeros((784, 0)), Y=np.zeros((10, 0))),
                    ok("seeds as a range", {"seeds": (0,)}, seeds=range(1))]),
        spec("experiments.gradients.run", grad_run, hidden=Choice("sigmoid", "tanh", "relu"),
             data=Bad([("a string", "mnist5k"), ("a tuple of three", kw(lambda k: k["data"][:3])),
                       ("X_train transposed", kw(lambda k: (k["data"][0].T,) + k["data"][1:])),
                       ("Y_heldout of another length", kw(lambda k: k["data"][:3]
                                                          + (k["data"][3][:, :2],))),
                       ("Y_train not one-hot", kw(lambda k: (k["data"][0], 2 * k["data"][1])
                                                  + k["data"][2:])),
                       ("a NaN in X_heldout", kw(lambda k: k["data"][:2] + (
                           np.full_like(k["data"][2], np.nan), k["data"][3]))),
                       ("no held-out digits", kw(lambda k: k["data"][:2] + (
                           np.zeros((784, 0)), np.zeros((10, 0)))))]),
             hidden_layers=Int(1), epochs=Int(1), batch_size=Int(1), learning_rate=POS,
             init=Choice("sqrt_fan_in", "he"), seed=Seed(), probe=Int(1, none_ok=True),
             extra=[bad("probe above m", "probe", probe=7),
                    ok("data as a list", {}, data=kw(lambda k: list(k["data"])))]),
        # chapters 25 and 26
        spec("experiments.end_to_end.load_split",
             lambda rng: {"name": "digits", "n_heldout": 500, "seed": 0},
             name=Choice("digits", "mnist5k"), n_heldout=Int(1, 1796), seed=Seed()),
        spec("experiments.end_to_end.train_softmax", soft, X=A, Y=ONEHOT, hidden_units=Int(0),
             num_iterations=Int(1), learning_rate=POS, lambd=NONNEG, seed=Seed(),
             output=Choice("softmax", "sigmoid"),
             extra=[bad("X transposed", "X Y", X=kw(lambda k: k["X"].T)),
                    bad("Y of another length", "Y", Y=kw(lambda k: k["Y"][:, :5])),
                    bad("0/1 labels for softmax", "Y", Y=kw(lambda k: _labels(None, 8))),
                    ok("a sigmoid classifier", None, Y=kw(lambda k: _labels(None, 8)),
                       output="sigmoid"),
                    ok("a hidden layer", None, hidden_units=3)]),
        spec("experiments.end_to_end.method_inputs",
             lambda rng: {"split": _e2e_split(rng), "method": "features"}, split=split_bad,
             method=Choice(*METHODS_E2E), extra=[ok("pixels", None, method="pixels")]),
        spec("experiments.end_to_end.learning_curve", curve, split=split_bad,
             sizes=seq_bad(6), seeds=seq_bad(0),
             methods=Bad([("None", None), ("a string", "features"), ("an unknown method", ["nope"]),
                          ("an empty tuple", ())]),
             hidden_units=Int(1), num_iterations=Int(1), learning_rate=POS, lambd=NONNEG,
             extra=[bad("a size beyond the pool", "sizes", sizes=(13,)),
                    ok("seeds as a range", {"seeds": (0,)}, seeds=range(1)),
                    ok("sizes as an int array", {"sizes": (6,)}, sizes=np.array([6])),
                    ok("one method", None, methods=["pixels"])]),
        spec("experiments.end_to_end.summary", rws, rows=rows_bad, key=key,
             extra=[ok("digit_acc, NaN end to end (as pairs_experiment gives it)",
                       {"key": "digit_acc", "rows": pair_rows}, key="digit_acc", rows=pair_rows),
                    bad("a key the rows lack", "key rows", key="digit_acc")]),
        spec("experiments.end_to_end.curve_table", rws, rows=rows_bad, key=key),
        spec("experiments.end_to_end.wins",
             lambda rng: {**rws(rng), "a": "features", "b": "end_to_end"}, rows=rows_bad, key=key,
             a=Choice("features", "end_to_end"), b=Choice("features", "end_to_end"),
             extra=[bad("b without rows at one size", "b", rows=[
                 r for r in rows if not (r["method"] == "end_to_end" and r["size"] == 20)])]),
        spec("experiments.end_to_end.pairs_experiment", pairs, split=split_bad,
             sizes=seq_bad(3), seeds=seq_bad(0), hidden_units=Int(1), num_iterations=Int(1),
             learning_rate=POS, n_test_pairs=Int(1, 3, none_ok=True),
             extra=[bad("a size beyond half the pool", "sizes", sizes=(7,)),
                    bad("one held-out image", "split", split=kw(lambda k: k["split"]._replace(
                        images_held=k["split"].images_held[:1], X_held=k["split"].X_held[:, :1],
                        Y_held=k["split"].Y_held[:, :1], digits_held=k["split"].digits_held[:1]))),
                    ok("seeds as a range", {"seeds": (0,)}, seeds=range(1))]),
        # chapter 19
        spec("experiments.hidden_units.train", hidden_run, split=split_bad, n_hidden=Int(1),
             optimizer=Choice("gd", "momentum", "adam"), learning_rate=POS, epochs=Int(1),
             batch_size=Int(1), seed=Seed(), extra=[ok("Adam", None, optimizer="adam")]),
    ]


METHODS_E2E = ("features", "pixels", "end_to_end")


SPECS: dict[str, Spec] = {s.func: s for s in (
    _activation_specs() + _loss_specs() + _init_specs() + _optim_specs() + _logistic_specs()
    + _gradcheck_specs() + _graph_specs() + _dense_specs() + _cnn_specs() + _conv_specs("conv")
    + _conv_specs("reference") + _canonical_specs() + _other_specs()
    + _edges_specs() + _activation_chapter_specs() + _brain_specs()
    + _experiment_specs() + _notebook_specs() + _parity_search_specs()
    + _cnn_review_specs() + _late_experiment_specs())}

#: Public callables that are not probed, with the reason.
_KERAS = ("a Keras/scikit-learn comparison experiment: its arguments go to Keras and "
          "scikit-learn, which check them; tests/test_pima.py and tests/test_sonar.py run it "
          "(not yet swept: each call costs seconds of TensorFlow)")
# The grader executes notebooks in a Jupyter kernel: every valid call (and every valid
# alternative the property test draws) would start one, seconds each. Their bad paths and
# timeouts are refused before any kernel starts; tests/test_grade.py tests those refusals.
_NOTEBOOK_TOOLS = {f"grade.{f}": "executes notebooks in a kernel (seconds a call); bad input "
                                 "tested in tests/test_grade.py" for f in ("grade", "grade_notebook",
                                                                           "main")}
# A command's main(argv) takes the command line's strings: tests/test_cli.py runs every command
# in dlnotes.__main__.COMMANDS as a subprocess (--help, refused values, inapplicable options).
_COMMAND_LINES = {f"experiments.{m}.main": "a command line; tests/test_cli.py runs it"
                  for m in ("initialization", "overfitting", "regularization", "pooling_shift",
                            "hidden_space", "gradients", "end_to_end")}
EXEMPT = _NOTEBOOK_TOOLS | _COMMAND_LINES | {f"experiments.{m}.{f}": _KERAS for m, fs in {
    "pima": ("main", "keras_binary_mlp", "run", "split", "train_dlnotes", "train_keras"),
    "cnn_review": ("main", "keras_model", "train_keras"),
    "sonar": ("main", "DenseClassifier", "evaluate", "folds", "keras_classifier",
              "make_pipeline", "run", "table")}.items() for f in fs}


def all_cases(funcs=None) -> list[Case]:
    out = []
    for name, s in SPECS.items():
        if funcs is None or name in funcs:
            out.extend(cases_of(s))
    return out
