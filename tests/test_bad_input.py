"""Every public function (every callable in the ``__all__`` of every dlnotes module) refuses bad
input with a ValueError or TypeError that names the argument at fault, before it changes any
argument; valid alternatives (lists, int arrays, NumPy scalars, ...) give the reference answer.

What bad input means for each function is declared once, in tests/_bad_input.py (a ``spec``
line per function); ``python tests/hostile_sweep.py`` runs every case once and prints the table.
"""
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import _bad_input as B

CASES = B.all_cases()
BAD = [c for c in CASES if c.expect == "bad"]
OK = [c for c in CASES if c.expect == "ok"]


def test_every_public_function_has_a_spec():
    missing = [f for f in B.public_functions() if f not in B.SPECS and f not in B.EXEMPT]
    assert not missing, (f"declare what bad input means for {missing} in tests/_bad_input.py "
                         f"(a spec(...) line each), or list them in EXEMPT with a reason")
    stale = []
    for f in B.SPECS:       # (the experiments' functions are specified without an __all__)
        try:
            B.resolve_func(f)
        except (ImportError, AttributeError):
            stale.append(f)
    assert not stale, f"specs for functions that no longer exist: {stale}"


def test_every_spec_has_a_valid_call():
    for name, s in B.SPECS.items():
        kwargs = s.valid(np.random.default_rng(0))
        B.resolve_func(name)(**kwargs)   # raises if the declared valid call is refused


SETTINGS = settings(max_examples=400, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(case=st.sampled_from(BAD), seed=st.integers(0, 2**32 - 1))
def test_bad_input_is_refused_by_name_and_changes_nothing(case, seed):
    outcome, detail = B.run_case(case, seed)
    assert outcome == "clear error", f"{case.func} with {case.label}: {outcome}: {detail}"


@SETTINGS
@given(case=st.sampled_from(OK), seed=st.integers(0, 2**32 - 1))
def test_valid_alternatives_give_the_reference_answer(case, seed):
    outcome, detail = B.run_case(case, seed)
    assert outcome in ("valid handled", None), \
        f"{case.func} with {case.label}: {outcome}: {detail}"


# Numbers drawn by hypothesis for the numeric arguments, beyond the fixed tables: any value
# outside the declared range, of any type, must be refused by name.
NUMERIC = [(name, arg, kind) for name, s in B.SPECS.items() for arg, kind in s.kinds.items()
           if isinstance(kind, (B.Int, B.Num))]


def _outside(kind):
    if isinstance(kind, B.Int):
        below = st.integers(max_value=kind.lo - 1)
        above = st.integers(min_value=kind.hi + 1) if kind.hi is not None else st.nothing()
        fractional = st.floats(allow_nan=True, allow_infinity=True).filter(
            lambda x: not float(x).is_integer() if np.isfinite(x) else True)
        return below | above | fractional | st.text(max_size=3) | st.booleans()
    lo = -np.inf if kind.lo is None else kind.lo
    hi = np.inf if kind.hi is None else kind.hi
    below = st.floats(max_value=lo, exclude_max=not kind.lo_open) if kind.lo is not None \
        else st.nothing()
    above = st.floats(min_value=hi, exclude_min=not kind.hi_open) if kind.hi is not None \
        else st.nothing()
    return below | above | st.just(float("nan")) | st.sampled_from([float("inf"), -float("inf")]) \
        | st.text(max_size=3) | st.none() | st.booleans()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_numeric_arguments_outside_their_range_are_refused(data):
    name, arg, kind = data.draw(st.sampled_from(NUMERIC), label="argument")
    value = data.draw(_outside(kind), label="value")
    if isinstance(kind, B.Int) and value is None and kind.none_ok:
        return
    s = B.SPECS[name]
    case = B.Case(name, f"{arg}={value!r}",
                  lambda rng: {**s.valid(rng), arg: value}, "bad", (arg,))
    outcome, detail = B.run_case(case)
    assert outcome == "clear error", f"{name} with {arg}={value!r}: {outcome}: {detail}"


# The finiteness test behind every "must hold finite numbers" error: a dot product of the
# numbers with themselves, or element by element for scattered views and overflowing sums.
@pytest.mark.parametrize("dtype, huge", [(np.float32, 1e30), (np.float64, 1e300)])
@pytest.mark.parametrize("layout", ["C", "F", "strided view", "one element"])
def test_all_finite_finds_every_nan_and_inf_and_passes_huge_finite_numbers(dtype, huge, layout):
    import warnings

    from dlnotes._validate import all_finite

    warnings.simplefilter("error")          # and quietly: no overflow warning for the user

    def arranged(values):
        if layout == "one element":
            return values.reshape(-1)[:1].copy()
        if layout == "F":
            return np.asfortranarray(values)
        if layout == "strided view":
            return np.repeat(values, 2, axis=1)[:, ::2]
        return values

    rng = np.random.default_rng(5)
    clean = rng.standard_normal((7, 9, 4)).astype(dtype)
    assert all_finite(arranged(clean)) and all_finite(np.empty((0, 3), dtype))
    assert all_finite(arranged(np.full_like(clean, huge)))        # its squares overflow
    for bad in (np.nan, np.inf, -np.inf):
        for where in [(0, 0, 0), (6, 8, 3), (3, 4, 1)]:
            values = clean.copy()
            values[where if layout != "one element" else (0, 0, 0)] = bad
            assert not all_finite(arranged(values)), (bad, where)
    values = np.full_like(clean, huge)
    values[(2, 2, 2) if layout != "one element" else (0, 0, 0)] = np.nan   # among the overflow
    assert not all_finite(arranged(values))
