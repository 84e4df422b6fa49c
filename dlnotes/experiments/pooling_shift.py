"""Chapter 34: how much an edge map changes when the image moves, with and without pooling.

The image moves by 0 to K pixels; the map is measured after convolution alone and after
convolution followed by pooling.

Grey crops of the two photographs that scikit-learn ships (``china.jpg`` and ``flower.jpg``;
nothing is downloaded). Crop d of a series starts d pixels further to the right in the same
photograph, so its content is the first crop's moved d pixels to the left. Each crop goes
through a convolution with four Sobel edge filters (vertical and horizontal, both signs) and a
ReLU, then optionally through a pooling layer. The measure, for shift d, is the relative change

    sqrt( sum_i || R(x_d^(i)) - R(x_0^(i)) ||^2 / sum_i || R(x_0^(i)) ||^2 )

of the representation R over the crops i (0 for d = 0; about 1.4 for two unrelated
representations of equal size and no correlation).

    python -m dlnotes pooling-shift [--crops N] [--size S] [--max-shift K] [--seed SEED]
"""
from __future__ import annotations

import numpy as np

from .. import cli, conv
from .._validate import array, choice, generator, integer, sequence

__all__ = ["POOLS", "photo_crops", "edge_bank", "shift_sensitivity", "main"]

#: The pooling layers the chapter compares: (window f = stride, mode).
POOLS = ((2, "max"), (4, "max"), (8, "max"), (4, "average"))


def _photos():
    from sklearn.datasets import load_sample_image

    return [load_sample_image(name).astype(np.float64).mean(axis=2) / 255
            for name in ("china.jpg", "flower.jpg")]


def photo_crops(n_crops: int = 40, size: int = 64, max_shift: int = 8, seed=34) -> np.ndarray:
    """Grey crops (n_crops, max_shift + 1, size, size, 1) of scikit-learn's two sample photos,
    alternating between them, in [0, 1]. crops[i, d] starts d pixels to the right of crops[i, 0]
    (its content moved d pixels to the left). The corners are drawn from ``seed``."""
    n_crops = integer(n_crops, "n_crops")
    size = integer(size, "size", 8, 400)
    max_shift = integer(max_shift, "max_shift", 0, 100)
    rng = generator(seed)
    photos = _photos()
    out = np.empty((n_crops, max_shift + 1, size, size, 1))
    for i in range(n_crops):
        im = photos[i % 2]
        y = rng.integers(0, im.shape[0] - size + 1)
        x = rng.integers(0, im.shape[1] - size - max_shift + 1)
        for d in range(max_shift + 1):
            out[i, d, :, :, 0] = im[y:y + size, x + d:x + d + size]
    return out


def edge_bank() -> np.ndarray:
    """Four 3 x 3 Sobel filters (3, 3, 1, 4): vertical, horizontal, and their negatives, so
    that after a ReLU both directions of each edge are kept."""
    bank = np.stack([conv.EDGE_FILTERS["sobel_vertical"], conv.EDGE_FILTERS["sobel_horizontal"]],
                    axis=-1)
    return np.concatenate([bank, -bank], axis=-1)[:, :, None, :]


def _relative_change(R):
    base = R[:, 0]
    return np.array([np.sqrt(((R[:, d] - base) ** 2).sum() / (base ** 2).sum())
                     for d in range(R.shape[1])])


def shift_sensitivity(crops, pools=POOLS) -> dict:
    """Relative change of the representation against the shift d = 0, 1, ..., K (the root of
    the summed squared changes over the summed squares of the unshifted maps, over all crops).

    ``crops``: (n, K + 1, size, size, 1) from :func:`photo_crops`. ``pools``: (f, mode) pairs,
    each a pooling layer with window f and stride f. Returns {"conv": array (K + 1,),
    "max 2": ..., ...}: "conv" is ReLU(conv(x)) with :func:`edge_bank`, the others that map
    after pooling. Also "unrelated": the relative change between the maps of crop i and crop
    i + 1 (different places), the level that means "nothing in common"."""
    crops = array(crops, "crops", 5, need="(n, K + 1, size, size, 1)", dtype=np.float64)
    if crops.shape[-1] != 1 or crops.shape[0] < 2 or crops.shape[2] != crops.shape[3] or \
            crops.shape[2] < 3:
        raise ValueError(f"crops must be an array (n, K + 1, size, size, 1) with n >= 2 and "
                         f"size >= 3, from photo_crops, got shape {crops.shape}")
    pools = [(integer(f, "pools f", 1), choice(mode, "pools mode", ("max", "average")))
             for f, mode in (sequence(p, "pools entry", 2, "a pair (f, mode)") for p in
                             sequence(pools, "pools", None, "a list of (f, mode) pairs"))]
    n, k1, size = crops.shape[:3]
    W = edge_bank()
    A = np.maximum(conv.conv_forward(crops.reshape(-1, size, size, 1), W, np.zeros(4))[0], 0)
    out = {"conv": _relative_change(A.reshape(n, k1, *A.shape[1:]))}
    first = A.reshape(n, k1, *A.shape[1:])[:, 0]
    pair = np.stack([first, np.roll(first, -1, axis=0)], axis=1)
    out["unrelated"] = _relative_change(pair)[1]
    for f, mode in pools:
        P = conv.pool_forward(A, f, f, mode)[0]
        out[f"{mode} {f}"] = _relative_change(P.reshape(n, k1, *P.shape[1:]))
    return out


def main(argv=None) -> int:
    parser = cli.parser("pooling-shift", __doc__)
    parser.add_argument("--crops", type=cli.integer(2), default=400, metavar="N",
                        help="number of crops, at least 2 (the book uses 40)")
    parser.add_argument("--size", type=cli.integer(8, 400), default=64, metavar="S",
                        help="side of a crop in pixels, 8 to 400")
    parser.add_argument("--max-shift", type=cli.integer(1, 100), default=8, metavar="K",
                        help="largest shift in pixels, 1 to 100")
    parser.add_argument("--seed", type=cli.seed, default=34, metavar="SEED",
                        help="seed of the crop corners")
    args = parser.parse_args(argv)
    result = shift_sensitivity(photo_crops(args.crops, args.size, args.max_shift, args.seed))
    names = [k for k in result if k != "unrelated"]
    print("shift " + "".join(f"{k:>11}" for k in names), flush=True)
    for d in range(args.max_shift + 1):
        print(f"{d:5d} " + "".join(f"{result[k][d]:11.3f}" for k in names), flush=True)
    print(f"unrelated crops (conv): {result['unrelated']:.3f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
