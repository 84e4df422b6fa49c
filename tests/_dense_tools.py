"""Shared pieces of the dense-network tests: random arrays from hypothesis-drawn seeds, and a
record of the largest difference seen against TensorFlow (printed with ``pytest -s``)."""
import numpy as np

TF_DIFFS: dict[str, float] = {}


def record_tf(name: str, ours, theirs) -> float:
    """Relative difference ‖ours − theirs‖ / (‖ours‖ + ‖theirs‖); keeps the largest per name."""
    ours = np.ravel(np.asarray(ours, dtype=np.float64))
    theirs = np.ravel(np.asarray(theirs, dtype=np.float64))
    assert ours.shape == theirs.shape, (ours.shape, theirs.shape)
    denom = np.linalg.norm(ours) + np.linalg.norm(theirs)
    diff = 0.0 if denom == 0 else float(np.linalg.norm(ours - theirs) / denom)
    TF_DIFFS[name] = max(TF_DIFFS.get(name, 0.0), diff)
    return diff


def report() -> None:
    if TF_DIFFS:
        worst = max(TF_DIFFS, key=TF_DIFFS.get)
        print(f"\nlargest relative difference against TensorFlow: {TF_DIFFS[worst]:.3e} ({worst})")
        for name, d in sorted(TF_DIFFS.items()):
            print(f"  {name:<40} {d:.3e}")


def away_from_zero(rng, shape, margin=1e-3):
    """Standard normal values with |z| >= margin, so kinks (ReLU at 0) are not straddled."""
    z = rng.standard_normal(shape)
    return np.where(np.abs(z) < margin, np.sign(z + 1e-300) * margin * 2, z)


def tf():
    import tensorflow as tf

    return tf
