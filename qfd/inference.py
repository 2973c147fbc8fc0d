"""Quantiles and tail probabilities of the normal, Student's t, F and χ² distributions, and Holm's
adjustment for many tests: the inference every stage shares.

They come from ``scipy.special`` — the functions ``scipy.stats`` itself calls for these
distributions — because importing ``scipy.stats`` costs about 0.6 s (it builds every
distribution's documentation), more than a whole analysis command may take; a command that needs
a t quantile should not pay it on every run. ``tests/test_inference.py`` checks each against
``scipy.stats``.

>>> round(float(t_quantile(0.975, 10)), 4), round(float(normal_quantile(0.975)), 4)
(2.2281, 1.96)
"""

from __future__ import annotations

import numpy as np
from scipy import special


def normal_quantile(q):
    """Standard normal quantile (inverse CDF) of ``q``."""
    return special.ndtri(q)


def normal_sf(x):
    """Standard normal upper tail P(Z > x)."""
    return special.ndtr(-np.asarray(x, dtype=float))


def normal_cdf(x):
    """Standard normal CDF P(Z ≤ x)."""
    return special.ndtr(x)


def t_quantile(q, df):
    """Student's t quantile of ``q`` with ``df`` degrees of freedom (df may be fractional)."""
    return special.stdtrit(df, q)


def t_sf(x, df):
    """Student's t upper tail P(T > x) with ``df`` degrees of freedom."""
    return special.stdtr(df, -np.asarray(x, dtype=float))


def f_sf(x, dfn, dfd):
    """F distribution upper tail P(F > x) with (``dfn``, ``dfd``) degrees of freedom."""
    return special.fdtrc(dfn, dfd, x)


def chi2_sf(x, df):
    """χ² upper tail P(X > x) with ``df`` degrees of freedom."""
    return special.chdtrc(df, x)


def holm(p) -> np.ndarray:
    """Holm-adjusted p-values of the finite entries (NaN kept): the i-th smallest of m is
    multiplied by m − i + 1, then made monotone (statsmodels' ``multipletests`` gives the same
    numbers, a test checks it, but its import costs a command ~0.8 s and it runs a garbage
    collection on every call).

    >>> holm(np.array([0.01, np.nan, 0.04, 0.03])).round(2).tolist()
    [0.03, nan, 0.06, 0.06]
    """
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = np.flatnonzero(np.isfinite(p))
    if ok.size:
        order = ok[np.argsort(p[ok], kind="stable")]
        m = ok.size
        scaled = np.minimum(1.0, (m - np.arange(m)) * p[order])
        out[order] = np.maximum.accumulate(scaled)
    return out
