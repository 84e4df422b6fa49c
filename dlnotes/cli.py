"""The pieces every ``python -m dlnotes COMMAND`` shares: its parser, its argument types, its
optional dependencies.

- :func:`parser` makes a command's parser: the description is the first line of the module's
  docstring in plain text, every option's help ends with its default, and parsing makes stdout
  line-buffered when it is not a terminal (piped output arrives line by line);
- the ``type=`` functions (:func:`positive_int`, :func:`seed`, :func:`probability`, ...) refuse a
  bad value with argparse's usual message ("argument --epochs: must be a positive integer, got
  '0'") and exit status 2, before anything runs;
- :meth:`Parser.refuse_unless` refuses an option that does not apply (``--seed`` with the
  logistic model) instead of ignoring it;
- :func:`require` turns a missing optional dependency into one line naming the extra to install.
"""
from __future__ import annotations

import argparse
import importlib.util
import math
import re
import sys
from argparse import ArgumentTypeError, BooleanOptionalAction

__all__ = ["parser", "Parser", "ArgumentTypeError", "BooleanOptionalAction", "plain", "integer", "real", "positive_int", "nonnegative_int",
           "seed", "positive_float", "nonnegative_float", "probability", "int_list", "seed_list",
           "require", "OPTIONAL", "install_hint", "line_buffered"]

#: Optional dependencies and the extra of pyproject.toml that installs them.
OPTIONAL = {"keras": "book", "tensorflow": "book", "scikeras": "book", "nbformat": "book",
            "nbclient": "book", "ipykernel": "book"}

_ROLE = re.compile(r":[\w:.-]+:`~?([^`]+)`")      # :func:`dlnotes.cnn.fit` -> dlnotes.cnn.fit
_LITERAL = re.compile(r"``([^`]+)``")              # ``x`` -> x


def plain(text: str) -> str:
    """``text`` without reStructuredText/Sphinx markup: roles and literals become their text."""
    return _LITERAL.sub(r"\1", _ROLE.sub(r"\1", text or "")).strip()


def _first_line(doc: str | None) -> str:
    lines = [line.strip() for line in (doc or "").strip().splitlines()]
    return lines[0] if lines else ""


def line_buffered() -> None:
    """Make stdout line-buffered when it is not a terminal, so that a pipe or a file receives
    every line when it is printed, not at the end of the run."""
    out = sys.stdout
    isatty = getattr(out, "isatty", None)
    if callable(getattr(out, "reconfigure", None)) and not (isatty and isatty()):
        try:
            out.reconfigure(line_buffering=True)
        except (ValueError, OSError):   # a closed or unusual stream: leave it alone
            pass


# ------------------------------------------------------------------------------ the parser

def _shown(value) -> str:
    if isinstance(value, (list, tuple, range)):
        return " ".join(map(str, value))
    if value is True:
        return "on"
    if value is False:
        return "off"
    return str(value)


class HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Every option's help ends with its default (unless the help already says what the
    default is); lists print as they are typed, flags as on/off."""

    def _get_help_string(self, action):
        text = action.help or ""
        if action.default is argparse.SUPPRESS or "default" in text.lower():
            return text
        if not action.option_strings and action.nargs not in ("?", "*"):
            return text
        return f"{text} (default: {_shown(action.default).replace('%', '%%')})"


_UNSET = object()


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` that remembers which options were given on the command line
    (``args.given``, a set of destinations) and makes stdout line-buffered."""

    def parse_args(self, args=None, namespace=None):
        args = sys.argv[1:] if args is None else list(args)
        probe = argparse.Namespace(**{a.dest: _UNSET for a in self._actions
                                      if a.dest is not argparse.SUPPRESS})
        super().parse_args(args, probe)         # refuses bad values (exit status 2)
        ns = super().parse_args(args, namespace)
        ns.given = {k for k, v in vars(probe).items() if v is not _UNSET}
        line_buffered()
        return ns

    def option(self, dest: str) -> str:
        """The longest option string of ``dest`` (``--batch-size`` for batch_size)."""
        for a in self._actions:
            if a.dest == dest and a.option_strings:
                return max(a.option_strings, key=len)
        return dest

    def refuse_unless(self, args, applies: bool, dests, why: str) -> None:
        """Refuse (exit status 2) every option of ``dests`` given on the command line when it
        does not apply; ``why`` completes "--seed ...", e.g. "applies only to the deep models"."""
        if applies:
            return
        for d in [dests] if isinstance(dests, str) else dests:
            if d in args.given:
                self.error(f"{self.option(d)} {why}")


def parser(command: str, doc: str | None = None, description: str | None = None,
           **kwargs) -> Parser:
    """The parser of ``python -m dlnotes COMMAND``: the description is ``description`` or the
    first line of ``doc`` (the module's docstring), in plain text."""
    text = description if description is not None else _first_line(doc)
    return Parser(prog=f"python -m dlnotes {command}", description=plain(text),
                  formatter_class=HelpFormatter, **kwargs)


# --------------------------------------------------------------------------- argument types

def _named(f, name):
    f.__name__ = name     # argparse names the type in some messages
    return f


def integer(lo: int | None = None, hi: int | None = None, what: str | None = None):
    """A ``type=`` function for an integer in [lo, hi] (None: unbounded)."""
    if what is None:
        if hi is not None:
            what = f"an integer from {lo} to {hi}"
        else:
            what = {0: "a non-negative integer", 1: "a positive integer"}.get(
                lo, "an integer" if lo is None else f"an integer >= {lo}")

    def parse(text):
        try:
            v = int(text, 10)
        except (TypeError, ValueError):
            raise argparse.ArgumentTypeError(f"must be {what}, got {text!r}") from None
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            raise argparse.ArgumentTypeError(f"must be {what}, got {text!r}")
        return v

    return _named(parse, "integer")


def real(lo: float | None = None, hi: float | None = None, lo_open: bool = False,
         hi_open: bool = False, what: str | None = None):
    """A ``type=`` function for a finite number in the range [lo, hi]; ``lo_open``/``hi_open``
    exclude an end, None leaves it open."""
    if what is None:
        parts = []
        if lo is not None:
            parts.append(f"{'>' if lo_open else '>='} {lo:g}")
        if hi is not None:
            parts.append(f"{'<' if hi_open else '<='} {hi:g}")
        what = "a finite number" + (" " + " and ".join(parts) if parts else "")

    def parse(text):
        try:
            v = float(text)
        except (TypeError, ValueError):
            raise argparse.ArgumentTypeError(f"must be {what}, got {text!r}") from None
        if not math.isfinite(v) or (lo is not None and (v < lo or (lo_open and v == lo))) or \
                (hi is not None and (v > hi or (hi_open and v == hi))):
            raise argparse.ArgumentTypeError(f"must be {what}, got {text!r}")
        return v

    return _named(parse, "number")


positive_int = _named(integer(1), "positive_int")
nonnegative_int = _named(integer(0), "nonnegative_int")
seed = _named(integer(0, what="a seed, a non-negative integer"), "seed")
positive_float = _named(real(0, lo_open=True), "positive_float")
nonnegative_float = _named(real(0), "nonnegative_float")
probability = _named(real(0, 1, what="a probability, a number from 0 to 1"), "probability")


def int_list(lo: int | None = None, hi: int | None = None, what: str | None = None):
    """A ``type=`` function for a comma-separated list of integers in [lo, hi], where ``a-b``
    (for lo >= 0) stands for a, a+1, ..., b: ``"0,2,5-7"`` is [0, 2, 5, 6, 7]. Duplicates and an
    empty list are refused."""
    one = integer(lo, hi)
    ranges = lo is not None and lo >= 0

    def parse(text):
        need = what or "a comma-separated list of integers" + (
            f" from {lo} to {hi}" if hi is not None else f" >= {lo}" if lo is not None else "")
        out = []
        for part in str(text).split(","):
            part = part.strip()
            try:
                if ranges and re.fullmatch(r"\d+-\d+", part):
                    a, b = (one(p) for p in part.split("-"))
                    if a > b:
                        raise argparse.ArgumentTypeError("empty range")
                    out.extend(range(a, b + 1))
                else:
                    out.append(one(part))
            except argparse.ArgumentTypeError:
                raise argparse.ArgumentTypeError(f"must be {need}, got {text!r}") from None
        if len(set(out)) != len(out):
            raise argparse.ArgumentTypeError(f"must be {need} without repeats, got {text!r}")
        return out

    return _named(parse, "int_list")


seed_list = _named(int_list(0, what="a comma-separated list of seeds (non-negative integers, "
                                    "a-b for a range)"), "seed_list")


# --------------------------------------------------------------------- optional dependencies

def install_hint(module: str, extra: str | None = None) -> str:
    """One line: which package is missing and which extra installs it."""
    extra = extra or OPTIONAL.get(module.split(".")[0], "book")
    return f'{module} is not installed; it comes with the {extra!r} extra: pip install "dlnotes[{extra}]"'


def _missing(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is None
    except (ImportError, ValueError):
        return True


def require(extra: str, *modules: str, prog: str = "python -m dlnotes", why: str = "") -> None:
    """Exit with status 2 and one line on stderr unless every module of ``modules`` can be
    imported; the line names ``pip install "dlnotes[EXTRA]"``. ``why`` is added to it (e.g.
    "or leave Keras out with --frameworks dlnotes"). The modules are looked up, not imported."""
    for module in modules:
        if _missing(module):
            tail = f"; {why}" if why else ""
            print(f"{prog}: {install_hint(module, extra)}{tail}", file=sys.stderr)
            raise SystemExit(2)
