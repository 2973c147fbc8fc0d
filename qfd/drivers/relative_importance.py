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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import field

import numpy as np

from qfd.bootstrap import INTERVALS, bootstrap_counts, bootstrap_interval, expanded_level
from qfd.drivers.evidence import evidence_note
from qfd.drivers.missing_data import (
    MICE_IMPUTATIONS,
    MISSING_METHODS,
    CorrelationEstimate,
    correlation_matrix,
    replicate_correlations,
)
from qfd.errors import (
    AnalysisError,
    ParameterError,
    check_choice,
    check_fraction,
    check_integer,
    check_weights,
)
from qfd.inference import f_sf
from qfd.notes import Note, note
from qfd.ranking import ranks
from qfd.results import result

__all__ = [
    "BOOTSTRAP_BUDGET",
    "DEFAULT_INTERVAL",
    "EXACT_MAX_P",
    "BootstrapPlan",
    "PopulationIntervals",
    "RelativeImportance",
    "adjusted_subset_r2",
    "all_subset_r2",
    "bootstrap_plan",
    "johnson_weights",
    "lmg_from_subsets",
    "normalise",
    "population_intervals",
    "relative_importance",
    "shares_of",
]

# Above this many predictors exact LMG (2^p subsets) is replaced by Johnson's weights.
EXACT_MAX_P = 25
# The bootstrap's time budget, in seconds on an ordinary 2-core laptop (estimated before any work
# from the sizes, never measured, so the same input gives the same output on every machine).
BOOTSTRAP_BUDGET = 60.0
# The interval method for shares, normalised shares and ranks, chosen by the study in
# benchmarks/bench_calibration.py (see the README, "How sure the drivers are").
DEFAULT_INTERVAL = "expanded"


@result
class RelativeImportance:
    """Shares of R² per predictor, with their uncertainty and the data behind them."""

    shares: np.ndarray  # length p, >= 0, sum to r_squared
    r_squared: float
    method: str  # "lmg" or "johnson"
    missing: str  # "em", "pairwise", "listwise" or "mice"
    n: int  # respondents with an outcome and at least one answer (complete rows for listwise)
    n_pairwise: np.ndarray  # per predictor: respondents answering it and having the outcome
    correlation: np.ndarray  # (p+1)x(p+1) matrix used, outcome last (the mean one for "mice")
    repaired: str = ""  # how a pairwise matrix was repaired ("" = it was positive definite)
    adjusted_shares: np.ndarray | None = None  # estimates of the population shares (may be < 0)
    f_p_value: float = math.nan  # overall F-test of the model (NaN when n ≤ p + 1)
    missing_fraction: float = 0.0  # share of predictor answers missing among those respondents
    share_ci: np.ndarray | None = None  # p × 2, for the population share of R²
    normalised_ci: np.ndarray | None = None  # p × 2, for the population normalised share
    rank_ci: np.ndarray | None = None  # p × 2 (1 = most important)
    bootstrap: int = 0
    seed: int | None = None
    interval: str = ""  # interval method (qfd.bootstrap.INTERVALS)
    replicates: str = ""  # how replicates were computed, e.g. "lmg/em" (see bootstrap_plan)
    notes: tuple[Note, ...] = field(default=())
    bootstrap_shares: np.ndarray | None = field(default=None, repr=False)  # B × p (classic)
    bootstrap_adjusted: np.ndarray | None = field(default=None, repr=False)  # B × p (adjusted)
    bootstrap_betas: np.ndarray | None = field(default=None, repr=False)  # B × p (standardised)

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
        return normalise(self.shares)

    @property
    def bootstrap_normalised(self) -> np.ndarray | None:
        """The normalised shares of each bootstrap replicate (B × p)."""
        return None if self.bootstrap_shares is None else normalise(self.bootstrap_shares)

    @property
    def ranks(self) -> np.ndarray:
        """1 = largest share."""
        return ranks(self.shares[None, :])[0]


def normalise(shares: np.ndarray) -> np.ndarray:
    """Shares (or rows of shares) rescaled to sum to 1; equal shares where all are 0.

    >>> normalise(np.array([[0.3, 0.1], [0.0, 0.0]])).round(12).tolist()
    [[0.75, 0.25], [0.5, 0.5]]
    """
    s = np.asarray(shares, dtype=float)
    if not s.shape[-1]:
        return s
    total = s.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, s / total, 1 / s.shape[-1])


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
        if final and step == steps - 2:
            return _last_two(states)
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


def _last_two(states: np.ndarray) -> np.ndarray:
    """The last two decisions in closed form (the largest arrays of the sweep are never built):
    from the 3 × 3 states [[a, b, c], [b, d, e], [c, e, f]] the outcome's residual variance with
    neither, the first, the second and both predictors taken in, in the order of :func:`_decide`."""
    a, b_, c = states[:, :, 0, 0], states[:, :, 0, 1], states[:, :, 0, 2]
    d, e, f = states[:, :, 1, 1], states[:, :, 1, 2], states[:, :, 2, 2]
    inv_a = np.where(a > 1e-12, 1 / np.where(a > 1e-12, a, 1.0), 0.0)
    inv_d = np.where(d > 1e-12, 1 / np.where(d > 1e-12, d, 1.0), 0.0)
    d2 = d - b_ * b_ * inv_a
    e2 = e - b_ * c * inv_a
    inv_d2 = np.where(d2 > 1e-12, 1 / np.where(d2 > 1e-12, d2, 1.0), 0.0)
    f_a = f - c * c * inv_a
    return np.concatenate([f, f_a, f - e * e * inv_d, f_a - e2 * e2 * inv_d2], axis=1)


# Subsets × matrices swept at once by :func:`all_subset_r2`: a stack of bootstrap replicates
# goes through in slices (each matrix's sweep is independent, so the results are the same).
STACK_CELLS = 1 << 18


def all_subset_r2(
    corr: np.ndarray, *, chunk_bits: int = 16, workers: int | None = None
) -> np.ndarray:
    """R² of the outcome (last variable) on every subset of the predictors.

    ``corr`` is a (p+1)×(p+1) correlation matrix, or a stack of them (K, p+1, p+1). The result
    has length 2^p (or shape (K, 2^p)); entry ``m`` is R² for the predictors whose bits are
    set in ``m`` (bit *j* = predictor *j*). The first p − ``chunk_bits`` decisions are made for
    all subsets at once; the rest run chunk by chunk (bounded memory) on ``workers`` threads.
    A stack runs :data:`STACK_CELLS` / 2^p matrices at a time (bounded memory as well).

    >>> c = np.array([[1, .5, .6], [.5, 1, .7], [.6, .7, 1]])
    >>> np.round(all_subset_r2(c), 4)        # {}, {x0}, {x1}, {x0, x1}
    array([0.    , 0.36  , 0.49  , 0.5733])
    """
    stack = np.asarray(corr, dtype=float)
    single = stack.ndim == 2
    if single:
        stack = stack[None]
    k, q, _ = stack.shape
    p = q - 1
    step = max(1, STACK_CELLS >> min(p, chunk_bits))
    if k > step:  # a stack of replicates: a few at a time (the sweep's arrays stay in cache)
        r2 = np.concatenate(
            [
                all_subset_r2(stack[a : a + step], chunk_bits=chunk_bits, workers=workers)
                for a in range(0, k, step)
            ]
        )
        return r2[0] if single else r2
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
    """Johnson's (2000) relative weights from a (p+1)×(p+1) correlation matrix (outcome last),
    or a stack of them (K × (p+1) × (p+1) → K × p).

    >>> c = np.array([[1, 0, .3], [0, 1, .4], [.3, .4, 1]])
    >>> np.round(johnson_weights(c), 4)   # uncorrelated predictors: squared correlations
    array([0.09, 0.16])
    """
    stack = np.asarray(corr, dtype=float)
    single = stack.ndim == 2
    if single:
        stack = stack[None]
    rxx, rxy = stack[:, :-1, :-1], stack[:, :-1, -1]
    vals, vecs = np.linalg.eigh(rxx)
    vals = np.clip(vals, 1e-12, None)
    lam = (vecs * np.sqrt(vals)[:, None, :]) @ np.swapaxes(vecs, 1, 2)
    beta = np.linalg.solve(lam, rxy[..., None])[..., 0]
    out = np.einsum("kij,kj->ki", lam**2, beta**2)
    return out[0] if single else out


def adjusted_subset_r2(r2: np.ndarray, n) -> np.ndarray:
    """Each subset's R² adjusted for its size (Ezekiel): ``1 − (1 − R²)(n − 1)/(n − |S| − 1)``,
    an approximately unbiased estimate of the population R² of that subset. ``r2`` is (K, 2^p)
    as from :func:`all_subset_r2`; ``n`` a sample size per row. NaN where n ≤ |S| + 1.

    >>> adjusted_subset_r2(np.array([[0.0, 0.3, 0.2, 0.4]]), [21]).round(4).tolist()
    [[0.0, 0.2632, 0.1579, 0.3333]]
    """
    r2 = np.atleast_2d(np.asarray(r2, dtype=float))
    p = r2.shape[1].bit_length() - 1
    n = np.asarray(n, dtype=float).reshape(-1, 1)
    sizes = np.zeros(1)
    for _ in range(p):
        sizes = np.concatenate([sizes, sizes + 1])
    with np.errstate(divide="ignore", invalid="ignore"):
        adj = np.where(n - sizes - 1 > 0, 1 - (1 - r2) * (n - 1) / (n - sizes - 1), np.nan)
    adj[:, 0] = 0.0
    return adj


def shares_of(stack: np.ndarray, method: str, n) -> tuple[np.ndarray, np.ndarray]:
    """(shares, adjusted shares) of each correlation matrix of ``stack`` (K × q × q).

    Shares decompose each matrix's R². Adjusted shares decompose the adjusted R² the same way
    (each subset's R² replaced by its adjusted value; for Johnson's weights, scaled by adjusted
    R²/R²): they estimate the *population* shares without the upward bias that chance fit gives
    small shares in small samples, and they are what the intervals are built from. ``n`` is the
    sample size behind each matrix.
    """
    n = np.broadcast_to(np.asarray(n, dtype=float), (stack.shape[0],))
    if method == "lmg":
        r2 = all_subset_r2(stack)
        return lmg_from_subsets(r2), lmg_from_subsets(adjusted_subset_r2(r2, n))
    shares = johnson_weights(stack)
    total = shares.sum(axis=1)
    p = shares.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        adj_total = np.where(n - p - 1 > 0, 1 - (1 - total) * (n - 1) / (n - p - 1), np.nan)
        factor = np.where(total > 0, adj_total / total, 0.0)
    return shares, shares * factor[:, None]


# --------------------------------------------------------------------------- bootstrap plan


@result
class BootstrapPlan:
    """How the bootstrap replicates are computed within :data:`BOOTSTRAP_BUDGET`."""

    replicates: int
    method: str  # "lmg" or "johnson"
    missing: str  # "em", "pairwise" or "listwise"
    seconds: float  # estimated time on an ordinary 2-core laptop
    notes: tuple[Note, ...] = ()


def _replicate_seconds(n: int, p: int, method: str, missing: str) -> float:
    """Estimated seconds per replicate: constants measured on a shared 2-core machine
    (``benchmarks/bench_calibration.py --price`` prints them next to the real times), doubled."""
    q = p + 1
    if missing == "em":
        corr = 1e-7 * n * q * q
    else:  # pairwise or listwise correlations, and the eigenvalue repair
        corr = 8e-9 * n * q * q + 1e-8 * q**3
    shares = 2.5e-7 * 2**p + 1e-5 if method == "lmg" else 1e-8 * q**3 + 2e-5
    return corr + shares


def bootstrap_plan(
    bootstrap: int, n: int, p: int, method: str, missing: str, budget: float = BOOTSTRAP_BUDGET
) -> BootstrapPlan:
    """The point estimate's method for the replicates while B of them fit ``budget`` seconds;
    otherwise the first of these that fits: Johnson's weights instead of exact LMG (they agree
    closely), pairwise correlations instead of EM, both; and if none fits, the cheapest with
    fewer replicates (never below 200). Every change is a note. The estimate comes from the
    sizes alone, so the plan never depends on the machine's load.

    >>> bootstrap_plan(1000, 60, 12, "lmg", "em").method
    'lmg'
    >>> plan = bootstrap_plan(1000, 60, 30, "lmg", "em")   # 2^30 subsets per replicate
    >>> plan.method, plan.missing, [n.key for n in plan.notes]
    ('johnson', 'em', ['bootstrap_johnson'])
    """
    missing = "em" if missing == "mice" else missing
    options = [(method, missing), ("johnson", missing)]
    if missing == "em":
        options += [(method, "pairwise"), ("johnson", "pairwise")]
    options = list(dict.fromkeys(options))
    costs = [bootstrap * _replicate_seconds(n, p, m, mi) for m, mi in options]
    fits = [k for k, c in enumerate(costs) if c <= budget]
    k = fits[0] if fits else int(np.argmin(costs))
    new_method, new_missing = options[k]
    notes = []
    if new_method != method:
        notes.append(note("bootstrap_johnson", b=bootstrap, p=p, budget=budget))
    if new_missing != missing:
        notes.append(note("bootstrap_pairwise", b=bootstrap, n=n, budget=budget))
    per = _replicate_seconds(n, p, new_method, new_missing)
    b = bootstrap
    if not fits:
        b = max(min(200, bootstrap), int(budget / per))
        if b < bootstrap:
            notes.append(note("bootstrap_reduced", b=bootstrap, kept=b, budget=budget))
    return BootstrapPlan(b, new_method, new_missing, b * per, tuple(notes))


# --------------------------------------------------------------------------- entry point


def relative_importance(
    X,
    y,
    *,
    method: str = "lmg",
    weights=None,
    missing: str = "em",
    bootstrap: int = 0,
    seed: int = 0,
    confidence: float = 0.95,
    names=None,
    interval: str = DEFAULT_INTERVAL,
    budget: float = BOOTSTRAP_BUDGET,
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
        Survey weights per respondent (positive, finite, at most a million apart).
    missing : {"em", "pairwise", "listwise", "mice"}
        How missing answers are handled (:mod:`qfd.drivers.missing_data`).
    bootstrap : int
        Respondent bootstrap replicates for intervals of shares, normalised shares and ranks
        (0 = none). Every row of ``X`` is resampled (rows without an outcome count but do not
        enter the model), so a caller drawing ``bootstrap_counts(len(X), B, seed)`` gets the
        same resamples.
    seed : int
        Seed of the bootstrap (recorded in the result).
    interval : str
        Interval method (:data:`qfd.bootstrap.INTERVALS`); the default was chosen by the study.
    budget : float
        Seconds the bootstrap may take (estimated from the sizes); see :func:`bootstrap_plan`.
    names : sequence of str, optional
        Predictor names (kept for callers; the notes name no predictor).

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
    check_choice("interval", interval, INTERVALS)
    bootstrap = check_integer("bootstrap", bootstrap, 0, 100_000)
    confidence = check_fraction("confidence", confidence, open_low=True, open_high=True)
    w_all = check_weights(weights, X.shape[0])
    if not (np.isfinite(X) | np.isnan(X)).all() or np.isinf(y).any():
        raise ParameterError("X and y must be finite numbers or NaN (missing).")
    notes = []
    p = X.shape[1]
    if method == "lmg" and p > EXACT_MAX_P:
        method = "johnson"
        notes.append(note("johnson_fallback", p=p, limit=EXACT_MAX_P))
    keep = ~np.isnan(y) & ~np.isnan(X).all(axis=1)
    n = int(keep.sum())
    if n < 3 or p == 0:
        raise AnalysisError("too_few_linked", n=n)
    Xk = X[keep]
    w = None if w_all is None else w_all[keep]
    est = correlation_matrix(np.column_stack([Xk, y[keep]]), w, missing, seed)
    if est.repaired:
        notes.append(note("repaired_nearest" if est.repaired == "nearest" else "repaired_clipped"))
    stack_shares, stack_adjusted = shares_of(est.stack, method, est.n_used)
    shares, adjusted = stack_shares.mean(axis=0), stack_adjusted.mean(axis=0)
    r2 = float(shares.sum())
    n_used = est.n_used
    df = n_used - p - 1
    f_stat = r2 / p / max(1 - r2, 1e-300) * df
    f_p = float(f_sf(f_stat, p, df)) if df > 0 else math.nan
    n_pair = (~np.isnan(Xk)).sum(axis=0) if missing != "listwise" else np.full(p, n_used)
    out = dict(
        shares=shares,
        r_squared=r2,
        method=method,
        missing=missing,
        n=n_used,
        n_pairwise=np.asarray(n_pair),
        correlation=est.stack.mean(axis=0),
        repaired=est.repaired,
        adjusted_shares=None if df <= 0 else adjusted,
        f_p_value=f_p,
        missing_fraction=float(np.isnan(Xk).mean()),
    )
    if bootstrap and df > 0:
        outside = evidence_note(n_used, p, out["missing_fraction"])
        if outside is not None:
            notes.append(outside)
        out.update(
            _bootstrap(
                est,
                keep,
                w,
                shares,
                adjusted,
                method,
                bootstrap,
                seed,
                confidence,
                interval,
                budget,
                notes,
            )
        )
    elif bootstrap:
        notes.append(note("no_intervals", n=n_used, p=p))
    return RelativeImportance(**out, notes=tuple(notes))


def _bootstrap(
    est: CorrelationEstimate,
    keep,
    w,
    shares,
    adjusted,
    method,
    bootstrap,
    seed,
    confidence,
    interval,
    budget,
    notes,
) -> dict:
    """Intervals for the population shares, normalised shares and ranks from B resamples of
    every input row; the replicates are computed as :func:`bootstrap_plan` decides."""
    n, p = est.n_used, len(shares)
    plan = bootstrap_plan(bootstrap, n, p, method, est.missing, budget)
    notes += plan.notes
    if est.missing == "mice":
        notes.append(note("mice_bootstrap", m=MICE_IMPUTATIONS))
    classic, adjusted_reps, betas = [], [], []
    # Slices of replicates on both cores where each slice's subset sweep runs on one thread
    # (above 16 predictors all_subset_r2 spreads every sweep over the cores itself); together
    # the slices in flight sweep STACK_CELLS subsets, as one slice did on one core.
    workers = min(2, os.cpu_count() or 1) if p <= 16 else 1
    step = max(1, (STACK_CELLS // 2) >> p)  # the same slices whatever the machine
    for drawn in bootstrap_counts(len(keep), plan.replicates, seed):
        counts = drawn[:, keep]
        if est.missing == "listwise":
            sizes = counts[:, ~np.isnan(est.standardised).any(axis=1)].sum(axis=1)
        else:
            sizes = counts.sum(axis=1)
        rw = counts if w is None else counts * w[None, :]
        # All replicates' correlations in one go: the EM's iterations are paid once for the
        # slowest replicate, not once per slice.
        mats = replicate_correlations(est, rw, plan.missing, sizes)
        betas.append(_betas(mats))

        def part(a: int, mats=mats, sizes=sizes):
            return shares_of(mats[a : a + step], plan.method, sizes[a : a + step])

        with ThreadPoolExecutor(workers) as pool:
            for shares_reps, adjusted_part in pool.map(part, range(0, len(mats), step)):
                classic.append(shares_reps)
                adjusted_reps.append(adjusted_part)
    reps, adj_reps = np.concatenate(classic), np.concatenate(adjusted_reps)
    if plan.method != method:  # replicates by Johnson: their spread around the LMG estimate
        point, point_adj = shares_of(est.stack.mean(axis=0)[None], plan.method, n)
        reps = reps - point + shares
        adj_reps = adj_reps - point_adj + adjusted
    ci = population_intervals(shares, adjusted, adj_reps, confidence, interval, n)
    if ci.unusable > 0.05:
        notes.append(note("bootstrap_small_replicates", share=ci.unusable, p=p))
    return dict(
        share_ci=ci.share,
        normalised_ci=ci.normalised,
        rank_ci=ci.rank,
        bootstrap=plan.replicates,
        seed=seed,
        interval=interval,
        replicates=f"{plan.method}/{plan.missing}",
        bootstrap_shares=reps,
        bootstrap_adjusted=adj_reps,
        bootstrap_betas=np.concatenate(betas),
    )


def _betas(mats: np.ndarray) -> np.ndarray:
    """Standardised betas of each correlation matrix of a stack (outcome last)."""
    with np.errstate(invalid="ignore"):
        try:
            return np.linalg.solve(mats[:, :-1, :-1], mats[:, :-1, -1:])[..., 0]
        except np.linalg.LinAlgError:
            return np.array([np.linalg.lstsq(m[:-1, :-1], m[:-1, -1], rcond=None)[0] for m in mats])


@result
class PopulationIntervals:
    """Intervals for the population share, normalised share and rank of each predictor."""

    share: np.ndarray  # p × 2
    normalised: np.ndarray  # p × 2
    rank: np.ndarray  # p × 2, integers
    unusable: float  # share of replicates too small for the adjustment (n ≤ p + 1), left out


def population_intervals(
    shares: np.ndarray,
    adjusted: np.ndarray,
    adjusted_replicates: np.ndarray,
    confidence: float = 0.95,
    interval: str = DEFAULT_INTERVAL,
    n: float | None = None,
) -> PopulationIntervals:
    """Intervals from bootstrap replicates of the adjusted shares (B × p).

    The replicates of the *adjusted* shares carry no chance-fit bias, so their intervals aim at
    the population values; each interval is then widened, where needed, to contain the printed
    (classic) estimate, and kept within [0, ∞) for shares, [0, 1] for normalised shares.
    Normalised shares are the adjusted shares clipped at 0 and rescaled to sum to 1.
    """
    p = len(shares)
    ok = ~np.isnan(adjusted_replicates).any(axis=1)
    reps = adjusted_replicates[ok]
    share = bootstrap_interval(reps, adjusted, confidence, interval, n, p)
    share = _contain(np.clip(share, 0.0, None), shares)
    norm_point = normalise(np.clip(adjusted, 0.0, None))
    norm_reps = normalise(np.clip(reps, 0.0, None))
    normalised = bootstrap_interval(norm_reps, norm_point, confidence, interval, n, p)
    normalised = _contain(np.clip(normalised, 0.0, 1.0), normalise(shares))
    # Ranks are discrete, and small samples reorder neighbours more than the bootstrap shows:
    # the study found the 95 % level of the bootstrap ranks covering 91.5–95 %, the 99 % level
    # (the tail a fifth as large) at least 93.5 %.
    rank_confidence = 1 - (1 - confidence) / 5
    level = (
        expanded_level(rank_confidence, n, p) if interval.endswith("expanded") else rank_confidence
    )
    alpha = (1 - level) / 2
    rank = np.quantile(ranks(reps), [alpha, 1 - alpha], axis=0, method="nearest").T
    rank = _contain(rank, ranks(shares)).astype(int)
    return PopulationIntervals(share, normalised, rank, float((~ok).mean()))


def _contain(ci: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Intervals widened, where needed, to contain the printed estimate."""
    return np.column_stack([np.minimum(ci[:, 0], value), np.maximum(ci[:, 1], value)])
