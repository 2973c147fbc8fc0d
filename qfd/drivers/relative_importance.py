"""Relative importance: how much of the outcome each touchpoint's satisfaction explains.

The default measure is the LMG / Shapley decomposition of R² (Lindeman, Merenda & Gold 1980;
Grömping 2006): the share of predictor *j* is the average, over all orderings of the
predictors, of the increase in R² when *j* enters. Shares are non-negative and sum to R².

Exact LMG needs R² of all 2^p subsets. We get all of them from the correlation matrix in one
batched pass: predictors are decided one at a time; "leave out" drops a row and column of the
partial-covariance matrix, "take in" sweeps on it (a Schur complement), so each subset costs a
few floating-point operations and no regression is refitted. The same pass runs on a stack of
correlation matrices (bootstrap replicates) at once.

The correlation matrix under missing answers comes from :mod:`qfd.drivers.missing_data`, the
respondent bootstrap from :mod:`qfd.bootstrap`. Every figure carries its n.
"""

from __future__ import annotations

import math
import os
from dataclasses import field

import numpy as np

from qfd.bootstrap import bootstrap_counts, percentile_interval
from qfd.drivers.missing_data import (
    MISSING_METHODS,
    REPAIR_FLOOR,
    correlation_matrix,
    pairwise_correlations,
    repair_stack,
)
from qfd.errors import AnalysisError, ParameterError, check_choice, check_fraction, check_integer
from qfd.notes import Note, note
from qfd.ranking import ranks
from qfd.results import result

__all__ = [
    "EXACT_MAX_P",
    "RelativeImportance",
    "all_subset_r2",
    "johnson_weights",
    "lmg_from_subsets",
    "relative_importance",
    "weighted_shares",
]

# Above this many predictors exact LMG (2^p subsets) is replaced by Johnson's weights.
EXACT_MAX_P = 25


@result
class RelativeImportance:
    """Shares of R² per predictor, with their uncertainty and the data behind them."""

    shares: np.ndarray  # length p, >= 0, sum to r_squared
    r_squared: float
    method: str  # "lmg" or "johnson"
    missing: str  # "pairwise", "listwise" or "mice"
    n: int  # respondents with an outcome and at least one answer
    n_pairwise: np.ndarray  # per predictor: respondents answering it and having the outcome
    correlation: np.ndarray  # (p+1)x(p+1) matrix used, outcome last
    repaired: bool  # pairwise matrix was not PD and was repaired
    share_ci: np.ndarray | None = None  # p x 2 bootstrap percentile intervals
    rank_ci: np.ndarray | None = None  # p x 2 (1 = most important)
    bootstrap: int = 0
    seed: int | None = None
    notes: tuple[Note, ...] = field(default=())
    bootstrap_shares: np.ndarray | None = field(default=None, repr=False)  # B × p

    @property
    def adjusted_r_squared(self) -> float:
        """R² adjusted for the number of predictors (Ezekiel); small n inflates plain R²."""
        p = len(self.shares)
        if self.n - p - 1 <= 0:
            return float("nan")
        return 1 - (1 - self.r_squared) * (self.n - 1) / (self.n - p - 1)

    @property
    def normalised(self) -> np.ndarray:
        """Shares rescaled to sum to 1 (the derived importance used by the planning matrix)."""
        total = self.shares.sum()
        return self.shares / total if total > 0 else np.full_like(self.shares, 1 / len(self.shares))

    @property
    def ranks(self) -> np.ndarray:
        """1 = largest share."""
        return ranks(self.shares[None, :])[0]


# --------------------------------------------------------------------------- all-subset R²


def _decide(states: np.ndarray, steps: int, final: bool) -> np.ndarray:
    """Decide ``steps`` predictors for a batch of partial-covariance matrices.

    ``states`` is (K, B, q, q): for each of K problems and B subsets decided so far, the
    partial covariance of the undecided predictors and the outcome (last). Each step doubles
    B: the first half leaves the next predictor out (drop its row and column), the second takes
    it in (Schur complement on it). With ``final`` the last step returns only the outcome's
    residual variance, shape (K, B·2).
    """
    for step in range(steps):
        k, b, q, _ = states.shape
        pivot = states[:, :, 0, 0]
        safe = np.where(pivot > 1e-12, pivot, np.inf)  # a redundant predictor adds nothing
        col = states[:, :, 1:, 0]
        scaled = col / safe[..., None]
        if final and step == steps - 1:
            out = np.empty((k, 2 * b))
            out[:, :b] = states[:, :, 1, 1]
            out[:, b:] = states[:, :, 1, 1] - scaled[..., 0] * col[..., 0]
            return out
        new = np.empty((k, 2 * b, q - 1, q - 1))
        new[:, :b] = states[:, :, 1:, 1:]
        taken = new[:, b:]
        taken[...] = states[:, :, 1:, 1:]
        taken -= scaled[..., :, None] * col[..., None, :]
        states = new
    return states


def all_subset_r2(
    corr: np.ndarray, *, chunk_bits: int = 16, workers: int | None = None
) -> np.ndarray:
    """R² of the outcome (last variable) on every subset of the predictors.

    ``corr`` is a (p+1)×(p+1) correlation matrix, or a stack of them (K, p+1, p+1). The result
    has length 2^p (or shape (K, 2^p)); entry ``m`` is R² for the predictors whose bits are
    set in ``m`` (bit *j* = predictor *j*). The first p − ``chunk_bits`` decisions are made for
    all subsets at once; the rest run chunk by chunk (bounded memory) on ``workers`` threads.

    >>> c = np.array([[1, .5, .6], [.5, 1, .7], [.6, .7, 1]])
    >>> np.round(all_subset_r2(c), 4)        # {}, {x0}, {x1}, {x0, x1}
    array([0.    , 0.36  , 0.49  , 0.5733])
    """
    from concurrent.futures import ThreadPoolExecutor

    stack = np.asarray(corr, dtype=float)
    single = stack.ndim == 2
    if single:
        stack = stack[None]
    k, q, _ = stack.shape
    p = q - 1
    if p == 0:
        resid = stack[:, :, 0]
    else:
        head = max(0, p - chunk_bits)
        states = _decide(stack[:, None], head, final=False)
        chunks = states.shape[1]
        resid = np.empty((k, 1 << p))
        view = resid.reshape(k, 1 << (p - head), chunks)  # index = prefix + 2^head · suffix

        def finish(a: int) -> None:
            view[:, :, a] = _decide(states[:, a : a + 1], p - head, final=True)

        if chunks == 1:
            finish(0)
        else:  # numpy releases the GIL in these loops: threads use both cores
            with ThreadPoolExecutor(workers or min(4, os.cpu_count() or 1)) as pool:
                list(pool.map(finish, range(chunks)))
    r2 = np.clip(1.0 - resid / stack[:, -1, -1][:, None], 0.0, 1.0)
    return r2[0] if single else r2


def lmg_from_subsets(r2: np.ndarray) -> np.ndarray:
    """LMG shares from all-subset R² (length 2^p, or (K, 2^p)).

    share_j = Σ_{S∌j} w(|S|)·[R²(S∪j) − R²(S)] with w(s) = s!(p−s−1)!/p!, rearranged as
    Σ_{S∋j} [w(|S|−1) + w(|S|)]·R²(S) − Σ_S w(|S|)·R²(S). The sums over "bit j set" for all j
    come from folding the array in half p times, O(2^p) in all.
    """
    r2 = np.asarray(r2, dtype=float)
    single = r2.ndim == 1
    if single:
        r2 = r2[None]
    k, m = r2.shape
    p = m.bit_length() - 1
    sizes = np.zeros(1, dtype=np.uint8)
    for _ in range(p):
        sizes = np.concatenate([sizes, sizes + 1])
    w = np.array(
        [math.factorial(s) * math.factorial(p - s - 1) / math.factorial(p) for s in range(p)]
    )
    w_in = np.concatenate([[0.0], w])  # weight of S as "S∪j", by |S| (|S| ≥ 1)
    w_out = np.concatenate([w, [0.0]])  # weight of S as "S without j", by |S| (|S| ≤ p−1)
    total_out = r2 @ w_out[sizes]
    z = r2 * (w_in + w_out)[sizes]
    shares = np.empty((k, p))
    for j in range(p - 1, -1, -1):  # the top bit of the folded array is j
        half = z.shape[1] // 2
        upper = z[:, half:]
        shares[:, j] = upper.sum(axis=1) - total_out
        z = z[:, :half] + upper
    return shares[0] if single else shares


def johnson_weights(corr: np.ndarray) -> np.ndarray:
    """Johnson's (2000) relative weights from a (p+1)×(p+1) correlation matrix (outcome last).

    >>> c = np.array([[1, 0, .3], [0, 1, .4], [.3, .4, 1]])
    >>> np.round(johnson_weights(c), 4)   # uncorrelated predictors: squared correlations
    array([0.09, 0.16])
    """
    rxx, rxy = corr[:-1, :-1], corr[:-1, -1]
    vals, vecs = np.linalg.eigh(rxx)
    vals = np.clip(vals, 1e-12, None)
    lam = vecs @ np.diag(np.sqrt(vals)) @ vecs.T
    beta = np.linalg.solve(lam, rxy)
    return (lam**2) @ (beta**2)


# --------------------------------------------------------------------------- entry point


def weighted_shares(
    data: np.ndarray, weights: np.ndarray, *, method: str = "lmg", listwise: bool = False
) -> np.ndarray:
    """Shares of R² for each row of ``weights`` (K×n) over ``data`` (n × (p+1), outcome last).

    Used for bootstrap replicates: a replicate is the data weighted by how often each
    respondent was drawn. Matrices that are not positive definite are repaired by eigenvalue
    clipping.
    """
    rows = ~np.isnan(data).any(axis=1) if listwise else np.ones(data.shape[0], dtype=bool)
    mats, _ = repair_stack(pairwise_correlations(data[rows], weights[:, rows]), REPAIR_FLOOR)
    return _shares(mats, method)


def _shares(corrs: np.ndarray, method: str) -> np.ndarray:
    if method == "lmg":
        return lmg_from_subsets(all_subset_r2(corrs))
    return np.array([johnson_weights(c) for c in corrs])


def relative_importance(
    X,
    y,
    *,
    method: str = "lmg",
    weights=None,
    missing: str = "pairwise",
    bootstrap: int = 0,
    seed: int = 0,
    confidence: float = 0.95,
    names=None,
) -> RelativeImportance:
    """Relative importance of the columns of ``X`` for ``y`` (shares of R²).

    Parameters
    ----------
    X : array-like, n × p
        Predictors (touchpoint satisfaction), NaN for missing.
    y : array-like, length n
        Outcome; rows where it is missing are dropped.
    method : {"lmg", "johnson"}
        Exact LMG/Shapley decomposition (default; p ≤ ``EXACT_MAX_P``) or Johnson's
        relative weights. Above ``EXACT_MAX_P`` predictors LMG falls back to Johnson and says so.
    weights : array-like, optional
        Survey weights per respondent.
    missing : {"pairwise", "listwise", "mice"}
        How missing answers are handled (see the module docstring).
    bootstrap : int
        Respondent bootstrap replicates for CIs of shares and ranks (0 = none).
    seed : int
        Seed of the bootstrap (recorded in the result).
    names : sequence of str, optional
        Predictor names used in notes.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(200, 3))
    >>> y = X @ [1.0, 0.5, 0.0] + rng.normal(size=200)
    >>> ri = relative_importance(X, y)
    >>> bool(np.isclose(ri.shares.sum(), ri.r_squared)), ri.ranks.tolist()
    (True, [1, 2, 3])
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or y.shape != (X.shape[0],):
        raise ParameterError(f"X must be n×p and y of length n; got {X.shape} and {y.shape}.")
    check_choice("method", method, ("lmg", "johnson"))
    check_choice("missing", missing, MISSING_METHODS)
    bootstrap = check_integer("bootstrap", bootstrap, 0, 100_000)
    confidence = check_fraction("confidence", confidence, open_low=True, open_high=True)
    if weights is not None:
        w_check = np.asarray(weights, dtype=float)
        if w_check.shape != y.shape or not (np.isfinite(w_check) & (w_check > 0)).all():
            raise ParameterError("The weights parameter must be positive and finite, one per row.")
    notes = []
    p = X.shape[1]
    if method == "lmg" and p > EXACT_MAX_P:
        method = "johnson"
        notes.append(note("johnson_fallback", p=p, limit=EXACT_MAX_P))
    w = None if weights is None else np.asarray(weights, dtype=float)
    keep = ~np.isnan(y) & ~np.isnan(X).all(axis=1)
    X, y = X[keep], y[keep]
    w = None if w is None else w[keep]
    data = np.column_stack([X, y])
    n = len(y)
    if n < 3:
        raise AnalysisError("too_few_linked", n=n)
    corr, repaired, n_used = correlation_matrix(data, w, missing, seed)
    if repaired:
        notes.append(note("repaired"))
    shares = _shares(corr[None], method)[0]
    n_pair = (~np.isnan(X)).sum(axis=0) if missing != "listwise" else np.full(p, n_used)
    share_ci = rank_ci = None
    if bootstrap:
        if missing == "mice":
            notes.append(note("mice_bootstrap"))
        boot = np.concatenate(
            [
                weighted_shares(
                    data,
                    counts * (1.0 if w is None else w[None, :]),
                    method=method,
                    listwise=missing == "listwise",
                )
                for counts in bootstrap_counts(n, bootstrap, seed, data.shape[1])
            ]
        )
        alpha = (1 - confidence) / 2
        share_ci, extended = percentile_interval(boot, shares, confidence)
        if extended.any():
            labels = names if names is not None else [f"#{j + 1}" for j in range(p)]
            notes.append(
                note(
                    "ci_extended", items=", ".join(str(labels[j]) for j in np.flatnonzero(extended))
                )
            )
        rank_ci = np.quantile(ranks(boot), [alpha, 1 - alpha], axis=0, method="nearest").T
    return RelativeImportance(
        shares=shares,
        r_squared=float(shares.sum()),
        method=method,
        missing=missing,
        n=n_used,
        n_pairwise=np.asarray(n_pair),
        correlation=corr,
        repaired=repaired,
        share_ci=share_ci,
        rank_ci=rank_ci,
        bootstrap=bootstrap,
        seed=seed if bootstrap else None,
        bootstrap_shares=boot if bootstrap else None,
        notes=tuple(notes),
    )
