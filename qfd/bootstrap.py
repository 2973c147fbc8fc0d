"""The respondent bootstrap: resamples as count weights, calibrated intervals, weighted means.

A bootstrap replicate draws n respondents with replacement. Instead of copying rows we keep how
often each respondent was drawn (a count weight), so every statistic that takes weights — means,
correlation matrices, the EM fit — is computed for all replicates in one batch of array
operations. The same seed and n give the same resamples wherever they are drawn, so the driver
model and the planning matrix can share them.

Interval methods (chosen for the driver shares by the simulation study in
``benchmarks/bench_calibration.py``):

``percentile``
    the α/2 and 1 − α/2 quantiles of the replicates;
``expanded``
    the percentile interval at a wider level that undoes the bootstrap's narrowness in small
    samples with many predictors: the level whose normal quantile is ``sqrt(n/ν)·t(ν)`` with
    ν = n − p − 1 residual degrees of freedom (Hesterberg 2015 uses ν = n − 1 for a mean);
``bc``
    the bias-corrected percentile interval (Efron 1981): the quantile levels move by twice the
    normal score of the share of replicates below the estimate;
``bc-expanded``
    both.
"""

from __future__ import annotations

import numpy as np

from qfd.errors import check_choice
from qfd.inference import normal_cdf, normal_quantile, normal_sf, t_quantile

__all__ = [
    "INTERVALS",
    "bootstrap_counts",
    "bootstrap_interval",
    "expanded_level",
    "resample_counts",
    "weighted_mean",
]

INTERVALS = ("percentile", "expanded", "bc", "bc-expanded")
CHUNK_CELLS = 400_000  # respondents × replicates drawn at a time (bounded memory at any n)


def bootstrap_counts(n: int, replicates: int, seed: int):
    """Respondent bootstrap as count weights, in chunks of at most :data:`CHUNK_CELLS` cells.

    Yields arrays (chunk × n). The chunking depends only on n, so the same (n, replicates, seed)
    gives the same resamples wherever they are drawn.

    >>> c = np.concatenate(list(bootstrap_counts(5, 3, 0)))
    >>> c.shape, c.sum(axis=1).tolist()
    ((3, 5), [5.0, 5.0, 5.0])
    """
    rng = np.random.default_rng(seed)
    step = max(1, CHUNK_CELLS // max(1, n))
    for start in range(0, replicates, step):
        k = min(step, replicates - start)
        yield resample_counts(rng.integers(0, n, size=(k, n)), n)


def resample_counts(idx: np.ndarray, n: int) -> np.ndarray:
    """How often each of ``n`` respondents was drawn in each bootstrap replicate (rows of idx)."""
    counts = np.zeros((idx.shape[0], n))
    np.add.at(counts, (np.arange(idx.shape[0])[:, None], idx), 1.0)
    return counts


def expanded_level(confidence: float, n: float, p: int) -> float:
    """The percentile level that makes an interval as wide as ``sqrt(n/ν)·t(ν)`` normal SDs,
    ν = n − p − 1 (the bootstrap's spread is too small by about sqrt(ν/n) in small samples).

    >>> round(expanded_level(0.95, 50, 12), 4), round(expanded_level(0.95, 10_000, 12), 4)
    (0.9815, 0.9502)
    """
    df = max(n - p - 1, 1.0)
    z = np.sqrt(n / df) * t_quantile(1 - (1 - confidence) / 2, df)
    return float(1 - 2 * normal_sf(z))


def bootstrap_interval(
    boot: np.ndarray,
    estimate: np.ndarray,
    confidence: float = 0.95,
    method: str = "percentile",
    n: float | None = None,
    p: int | None = None,
) -> np.ndarray:
    """Intervals (p × 2) from bootstrap replicates ``boot`` (B × p, NaN rows ignored).

    ``estimate`` is the estimate the replicates scatter around (it sets the bias correction of
    the ``bc`` methods); ``n`` and ``p`` set the expansion of the ``expanded`` methods.

    >>> b = np.arange(1, 101, dtype=float)[:, None]
    >>> bootstrap_interval(b, np.array([50.5]), 0.9).round(2).tolist()
    [[5.95, 95.05]]
    """
    check_choice("method", method, INTERVALS)
    boot = np.asarray(boot, dtype=float)
    boot = boot[~np.isnan(boot).any(axis=1)]
    level = expanded_level(confidence, n, p) if method.endswith("expanded") else confidence
    alpha = (1 - level) / 2
    if not method.startswith("bc"):
        return np.quantile(boot, [alpha, 1 - alpha], axis=0).T
    b = len(boot)
    below = (boot < estimate).mean(axis=0) + 0.5 * (boot == estimate).mean(axis=0)
    z0 = normal_quantile(np.clip(below, 1 / (b + 1), b / (b + 1)))
    za = normal_quantile(np.array([alpha, 1 - alpha]))
    levels = normal_cdf(2 * z0[:, None] + za[None, :])  # p × 2
    return np.array([np.quantile(boot[:, j], levels[j]) for j in range(boot.shape[1])]).reshape(
        -1, 2
    )


def weighted_mean(x: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Column means of ``x`` (NaN = missing) weighted by each row of ``counts`` (K×n) → K×p.

    >>> weighted_mean(np.array([[1.0, np.nan], [3.0, 4.0]]), np.array([[1.0, 1.0], [0.0, 2.0]]))
    array([[2., 4.],
           [3., 4.]])
    """
    valid = ~np.isnan(x)
    x0 = np.where(valid, x, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (counts @ x0) / (counts @ valid)
