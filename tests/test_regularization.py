"""What chapter 24 claims, with its settings and seeds."""
import numpy as np
import pytest

from dlnotes.experiments import regularization


@pytest.fixture(scope="module")
def rows():
    return regularization.lambda_sweep((0.0, 0.7, 10.0), draws=(0, 1, 2))


def _mean(rows, key, lam):
    return regularization._mean(rows, key, lambd=lam)[0]


def test_l2_lowers_training_accuracy_and_shrinks_the_weights(rows):
    train = [_mean(rows, "train_acc", lam) for lam in (0.0, 0.7, 10.0)]
    assert train[0] > train[1] > train[2]
    norms = {r["lambd"]: np.linalg.norm(r["params"]["W1"]) for r in rows if r["draw"] == 1}
    assert norms[0.0] > 3 * norms[0.7] > 3 * norms[10.0]


def test_moderate_l2_raises_held_out_accuracy_and_strong_l2_lowers_it(rows):
    test = {lam: _mean(rows, "test_acc", lam) for lam in (0.0, 0.7, 10.0)}
    assert test[0.7] > test[0.0] + 0.02
    assert test[10.0] < test[0.0]


def test_dropout_lowers_training_accuracy_a_little():
    ours = regularization.compare(draws=(0, 1, 2))
    assert set(ours) == set(regularization.PUBLISHED["rows"])
    assert ours["dropout, keep_prob = 0.86"]["train_acc"] < ours["no regularisation"]["train_acc"]
    assert "published" in regularization.compare_table(ours)


def test_command_line_runs_small(capsys):
    assert regularization.main(["--draws", "1", "--lambdas", "0", "1", "--iterations", "20",
                                "--no-progress"]) == 0
    assert "λ" in capsys.readouterr().out
