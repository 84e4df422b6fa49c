"""The command line, run as a reader runs it: ``python -m dlnotes COMMAND ...`` in a subprocess.

Every command registered in ``COMMANDS`` is covered generically (its ``--help``, a value no
option accepts, an unknown option), so a command added later is tested without a new line here;
the bad cases listed below are the ones a reader met. Nothing here trains: ``--help`` and the
parser's refusals return before any work, and the one run that starts work is killed after its
first line.
"""
from __future__ import annotations

import argparse
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dlnotes import cli
from dlnotes.__main__ import COMMANDS

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
       "COLUMNS": "100", "DLNOTES_OFFLINE": "1"}
ENV.pop("PYTHONUNBUFFERED", None)   # the line-buffering test needs Python's usual buffering
MARKUP = re.compile(r":(mod|func|class|data|meth|attr|obj|doc|ref|cite):|``|:\w+:`")
TIMEOUT = 300   # generous: a busy machine; a refusal takes about a second


def run(*args, code=None, timeout=TIMEOUT):
    """``python -m dlnotes ARGS`` (or ``python -c CODE ARGS``), its exit status and output."""
    cmd = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "dlnotes", *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=timeout)


def help_entries(text):
    """The option entries of a --help text: [(invocation, help text)], one per option."""
    entries, current = [], None
    section = False
    for line in text.splitlines():
        if re.match(r"^\S.*:$", line):                  # "options:", "positional arguments:"
            section = True
            continue
        if not section or not line.strip():
            continue
        if re.match(r"^  \S", line):                    # a new entry
            invocation, _, rest = line[2:].partition("  ")
            current = [invocation.strip(), rest.strip()]
            entries.append(current)
        elif current is not None:                       # the entry's help, continued
            current[1] = f"{current[1]} {line.strip()}".strip()
    return [tuple(e) for e in entries]


def assert_refused(result, *expected):
    """Exit status 2, argparse's usage and ONE error line, no traceback."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    err = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in err if "error:" in line or "not installed" in line]
    assert len(errors) == 1 and errors[0] == err[-1], result.stderr
    for text in expected:
        assert text in err[-1], (text, err[-1])
    return err[-1]


# ------------------------------------------------------------------------- every command

@pytest.fixture(scope="module", params=sorted(COMMANDS))
def command_help(request):
    result = run(request.param, "--help")
    return request.param, result


def test_help_exits_0_in_plain_text(command_help):
    name, result = command_help
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: python -m dlnotes {name}"), result.stdout[:200]
    assert not MARKUP.search(result.stdout), MARKUP.search(result.stdout).group(0)
    description = result.stdout.split("\n\n")[1]
    assert len(description) > 20 and not description.startswith(("options", "positional"))


def test_every_option_has_help_and_shows_its_default(command_help):
    name, result = command_help
    entries = help_entries(result.stdout)
    assert any(inv.startswith("-h") for inv, _ in entries)
    for invocation, text in entries:
        if invocation.startswith("-h, --help"):
            continue
        assert text, f"{name}: {invocation} has no help text"
        assert "(default: " in text or "default" in text.lower(), \
            f"{name}: {invocation} does not show its default: {text!r}"
        assert "(default: None)" not in text, f"{name}: {invocation} shows a bare None"


def _value_options(help_text):
    """The options that take a value (``--seeds N``, ``--model {a,b}``)."""
    out = []
    for invocation, _ in help_entries(help_text):
        flag, _, value = invocation.split(",")[-1].strip().partition(" ")
        if flag.startswith("--") and value:
            out.append(flag)
    return out


def test_every_option_refuses_a_value_that_is_not_one(command_help):
    name, result = command_help
    for flag in _value_options(result.stdout):
        refused = run(name, flag, "not-a-value")
        assert_refused(refused, flag)


def test_an_unknown_option_is_refused(command_help):
    name, _ = command_help
    assert_refused(run(name, "--no-such-option"), "unrecognized arguments: --no-such-option")


def test_the_command_list():
    result = run("--help")
    assert result.returncode == 0
    for name in COMMANDS:
        assert re.search(rf"^  {re.escape(name)} ", result.stdout, re.M), name
    unknown = run("no-such-command")
    assert_refused(unknown, "unknown command 'no-such-command'")


# ---------------------------------------------------------------- the bad cases readers met

BAD = [
    # (arguments, what the one-line message says)
    ("mnist --epochs 0", "argument --epochs: must be a positive integer, got '0'"),
    ("mnist --learning-rate -0.001", "argument --learning-rate: must be a finite number > 0"),
    ("mnist --decay nan", "argument --decay: must be a finite number > 0 and <= 1, got 'nan'"),
    ("mnist --decay 1.5", "argument --decay: must be a finite number > 0 and <= 1"),
    ("convexity --only 4 --seeds 0", "argument --seeds: must be a positive integer, got '0'"),
    ("convexity --only", "argument --only: expected at least one argument"),
    ("convexity --only 7", "argument --only: must be an integer from 1 to 6, got '7'"),
    ("convexity --only 1 1", "--only names an experiment twice"),
    ("convexity --quick --steps 100", "--steps cannot be combined with --quick"),
    ("convexity --only 1 --seeds 3", "--seeds applies only to experiment 4"),
    ("cat --model 2layer --seeds -2", "argument --seeds: must be a positive integer, got '-2'"),
    ("cat --model logistic --seed 1", "--seed applies only to the deep models"),
    ("cat --seeds 3", "--seeds applies only to the deep models"),
    ("cat --model 4layer --seed 1 --seeds 3", "--seed cannot be combined with --seeds"),
    ("cat --model 4layer --direct", "--direct applies only with --seeds"),
    ("cat --model 3layer", "argument --model: invalid choice: '3layer'"),
    ("init --seeds 0", "argument --seeds: must be a positive integer, got '0'"),
    ("init --iterations 2.5", "argument --iterations: must be a positive integer, got '2.5'"),
    ("pima --epochs 0", "argument --epochs: must be a positive integer"),
    ("pima --seeds -1", "argument --seeds: must be a seed, a non-negative integer, got '-1'"),
    ("pima --seeds 3 3", "--seeds names a value twice"),
    ("pima --test-size 1", "argument --test-size: must be 0 or a fraction from 0.01 to 0.99"),
    ("pima --test-size 0 --split-seed 3", "--split-seed does not apply with --test-size 0"),
    ("sonar --folds 1", "argument --folds: must be an integer from 2 to 97, got '1'"),
    ("sonar --folds 200", "argument --folds: must be an integer from 2 to 97, got '200'"),
    ("sonar --frameworks dlnotes dlnotes", "--frameworks names a value twice"),
    ("overfitting --data digits --sizes 50 900", "--sizes must be at most 797"),
    ("overfitting --data digits --heldout 2000", "--heldout must leave training examples"),
    ("overfitting --iterations 0", "argument --iterations: must be a positive integer"),
    ("regularization --keep-prob 0", "argument --keep-prob: must be a finite number > 0 and <= 1"),
    ("regularization --lambdas 0.1 -1", "argument --lambdas: must be a finite number >= 0"),
    ("regularization --draws 0", "argument --draws: must be a positive integer"),
    ("vision --seed -1", "argument --seed: must be a seed, a non-negative integer, got '-1'"),
    ("pooling-shift --crops 1", "argument --crops: must be an integer >= 2, got '1'"),
    ("pooling-shift --size 5", "argument --size: must be an integer from 8 to 400, got '5'"),
    ("hidden-space --units 3 0", "argument --units: must be a positive integer, got '0'"),
    ("hyperparameters --points 1", "argument --points: must be an integer >= 2, got '1'"),
    ("hyperparameters --repetitions 0", "argument --repetitions: must be a positive integer"),
    ("end-to-end --sizes 25,x", "argument --sizes: must be a comma-separated list of integers >= 1"),
    ("end-to-end --data digits --sizes 2000", "--sizes must be at most 1297"),
    ("end-to-end --data digits --pairs 700", "--pairs must be at most 648"),
    ("cnn-review --epochs 0", "argument --epochs: must be a positive integer, got '0'"),
    ("cnn-review --seed -1", "argument --seed: must be a seed, a non-negative integer, got '-1'"),
    ("grade no/such/folder", "no/such/folder does not exist"),
    ("grade README.md", "README.md is not a notebook (.ipynb)"),
    ("grade dlnotes", "no notebooks under dlnotes"),
]


@pytest.mark.parametrize("args, message", BAD, ids=[a for a, _ in BAD])
def test_bad_arguments_are_refused_in_one_line(args, message):
    assert args.split()[0] in COMMANDS
    line = assert_refused(run(*args.split()), message)
    assert line.startswith(f"python -m dlnotes {args.split()[0]}: error: "), line


# --------------------------------------------------------------- a missing optional package

def _blocking(*modules):
    """``python -c`` code that runs ``python -m dlnotes`` as if ``modules`` were not installed:
    a meta-path finder refuses them before the real finders look."""
    return f"""
import runpy, sys
BLOCKED = {set(modules)!r}
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None
sys.meta_path.insert(0, Block())
runpy.run_module("dlnotes", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize("args, blocked, named", [
    ("pima", ("keras",), "keras"),
    ("pima --frameworks keras --epochs 1", ("tensorflow",), "tensorflow"),
    ("sonar --configs baseline", ("keras", "scikeras"), "keras"),
    ("sonar --frameworks keras", ("scikeras",), "scikeras"),
    ("cnn-review", ("keras",), "keras"),
    ("grade", ("nbformat",), "nbformat"),
    ("grade", ("nbclient",), "nbclient"),
])
def test_a_missing_extra_names_the_install_command(args, blocked, named):
    result = run(*args.split(), code=_blocking(*blocked))
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert named in lines[0] and 'pip install "dlnotes[book]"' in lines[0], lines[0]


def test_without_keras_help_and_the_numpy_network_still_work():
    assert run("pima", "--help", code=_blocking("keras", "tensorflow")).returncode == 0
    # the NumPy-only run passes the keras check: it is refused later, by the parser
    result = run("pima", "--frameworks", "dlnotes", "--epochs", "0",
                 code=_blocking("keras", "tensorflow"))
    assert_refused(result, "argument --epochs")


# ------------------------------------------------------------------------- piped output

def test_piped_output_arrives_line_by_line():
    """The header of ``init`` is printed before a run far too long to finish here: it must
    reach the pipe while the process still works (a block-buffered stdout would hold it)."""
    proc = subprocess.Popen([sys.executable, "-m", "dlnotes", "init", "--seeds", "1",
                             "--iterations", "100000000"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=ENV, cwd=ROOT)
    try:
        ready, _, _ = select.select([proc.stdout], [], [], TIMEOUT)
        assert ready, "no line reached the pipe"
        first = proc.stdout.readline().decode()
        assert proc.poll() is None, "the process ended before its first line was read"
        assert first.startswith("initialisation") and "seed" in first, first
    finally:
        proc.kill()
        proc.wait()


# ------------------------------------------------------------------------- cli's pieces

@pytest.mark.parametrize("kind, good, bad", [
    (cli.positive_int, {"1": 1, "12": 12}, ["0", "-3", "2.5", "x", "", "1e3"]),
    (cli.nonnegative_int, {"0": 0, "7": 7}, ["-1", "0.0", "nan"]),
    (cli.seed, {"0": 0, "42": 42}, ["-1", "s"]),
    (cli.positive_float, {"1e-3": 1e-3, "2": 2.0}, ["0", "-1", "nan", "inf", "x"]),
    (cli.nonnegative_float, {"0": 0.0, "0.5": 0.5}, ["-0.1", "nan", "-inf"]),
    (cli.probability, {"0": 0.0, "1": 1.0, "0.3": 0.3}, ["1.01", "-0.2", "nan"]),
    (cli.seed_list, {"3": [3], "0,2,5-7": [0, 2, 5, 6, 7]}, ["", "1,1", "-1", "3-1", "a,b", "1,,2"]),
    (cli.int_list(1, 6), {"1,6": [1, 6]}, ["0", "7", "1-3,2"]),
])
def test_argument_types(kind, good, bad):
    for text, value in good.items():
        assert kind(text) == value
    for text in bad:
        with pytest.raises(argparse.ArgumentTypeError, match=f"^must be .*, got {re.escape(repr(text))}"):
            kind(text)


def test_plain_strips_sphinx_markup():
    assert cli.plain("The CNN of :mod:`dlnotes.cnn`, see :func:`~dlnotes.cnn.train` and "
                     "``epochs``.") == "The CNN of dlnotes.cnn, see dlnotes.cnn.train and epochs."


def test_refuse_unless_names_only_options_given(capsys):
    p = cli.parser("demo", "Demo: a :mod:`dlnotes` command.\n\nMore.")
    p.add_argument("--seed", type=cli.seed, default=0, help="a seed")
    p.add_argument("--flag", action="store_true", help="a flag")
    args = p.parse_args(["--flag"])
    assert args.given == {"flag"} and p.description == "Demo: a dlnotes command."
    p.refuse_unless(args, False, "seed", "does not apply")      # not given: nothing happens
    with pytest.raises(SystemExit) as exit_:
        p.refuse_unless(args, False, ["flag", "seed"], "does not apply here")
    assert exit_.value.code == 2
    assert capsys.readouterr().err.strip().endswith("error: --flag does not apply here")


def test_require_exits_2_with_the_install_hint(capsys):
    cli.require("book", "numpy")        # installed: nothing happens
    with pytest.raises(SystemExit) as exit_:
        cli.require("book", "no_such_module_dlnotes", prog="python -m dlnotes demo", why="or not")
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err == ('python -m dlnotes demo: no_such_module_dlnotes is not installed; it comes with '
                   'the \'book\' extra: pip install "dlnotes[book]"; or not\n')
