"""Correlation matrices of touchpoint satisfaction and the outcome when answers are missing.

Missing answers are the norm in interviews. The driver model needs one correlation matrix of the
predictors and the outcome; this module builds it four ways:

``em`` (the default)
    the maximum-likelihood estimate under a multivariate normal model, by the EM algorithm
    (Dempster, Laird & Rubin 1977; Little & Rubin 2019, ch. 11). Every answer a respondent gave is
    used, the matrix is positive definite by construction, and — unlike pairwise deletion — it does
    not inflate R²; the simulation study in ``benchmarks/bench_calibration.py`` measured it.
``pairwise``
    pairwise-complete correlations, repaired to the nearest correlation matrix when they are not
    positive definite (kept as an option: it inflates R² when the repair fires).
``listwise``
    complete rows only.
``mice``
    multiple imputation by chained equations; the caller combines the shares of the imputed sets.

Every matrix can be computed under count weights (a K × n matrix, one row per replicate), so the
bootstrap replicates and the jackknife come in one batch. Columns are centred and scaled before
anything is summed (an offset of 1e8 or a predictor measured in thousandths changes nothing), and a
variance counts as zero only relative to the column's own spread.
"""

from __future__ import annotations

import os
import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from qfd.errors import AnalysisError, check_choice
from qfd.results import result

__all__ = [
    "EM_MAX_ITER",
    "EM_PRIOR",
    "MISSING_METHODS",
    "RELATIVE_FLOOR",
    "REPAIR_FLOOR",
    "CorrelationEstimate",
    "EMFit",
    "correlation_matrix",
    "em_covariance",
    "em_prior",
    "impute",
    "listwise_correlations",
    "nearest_correlation",
    "pairwise_correlation",
    "pairwise_correlations",
    "repair_stack",
    "replicate_correlations",
    "standardise",
]

MISSING_METHODS = ("em", "pairwise", "listwise", "mice")
# Smallest eigenvalue of a repaired correlation matrix. A repair that lands on the boundary of
# the positive semi-definite cone (eigenvalue ~0) makes some combination of predictors predict
# the outcome almost perfectly (R² → 1); a floor keeps the repaired matrix well conditioned.
REPAIR_FLOOR = 1e-2
# Relative floor: a column varies when its SD exceeds this fraction of its largest |value|; a pair
# of standardised columns varies when its variance exceeds it.
RELATIVE_FLOOR = 1e-12
EM_MAX_ITER = 500  # EM iterations for the point estimate (it converges in 20–100 on survey data)
EM_TOL = 1e-8  # largest change of a (standardised) covariance entry that counts as converged
HIGHAM_MAX_ITER = 200  # the nearest-correlation repair is bounded; beyond it, eigenvalue clipping


# --------------------------------------------------------------------------- scaling


def standardise(data: np.ndarray, weights: np.ndarray | None = None):
    """Columns centred on their (weighted) observed mean and scaled to unit observed SD.

    Returns (z, varying): ``varying`` marks the columns with a spread at all. Correlations do not
    change under this, and every sum afterwards is of numbers near 1, so nothing cancels.

    >>> z, ok = standardise(np.array([[1e8 + 1, 5.0], [1e8 + 2, 5.0], [1e8 + 3, np.nan]]))
    >>> z[:, 0].round(6).tolist(), ok.tolist()
    ([-1.224745, 0.0, 1.224745], [True, False])
    """
    x = np.asarray(data, dtype=float)
    valid = ~np.isnan(x)
    w = np.ones(x.shape[0]) if weights is None else np.asarray(weights, dtype=float)
    wv = w[:, None] * valid
    total = wv.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        centre = np.where(valid, x, 0.0).T @ w / total
        dev = np.where(valid, x - centre, 0.0)
        var = (wv * dev**2).sum(axis=0) / total
    size = np.abs(np.where(valid, x, 0.0)).max(axis=0) if x.shape[0] else np.zeros(x.shape[1])
    # no spread = deviations at the rounding level of the numbers themselves (an offset of 1e8
    # is not noise, and a predictor measured in thousandths still varies)
    varying = np.isfinite(var) & (var > (RELATIVE_FLOOR * size) ** 2)
    sd = np.sqrt(np.where(varying, var, 1.0))
    return np.where(valid, (x - np.where(np.isfinite(centre), centre, 0.0)) / sd, np.nan), varying


# --------------------------------------------------------------------------- pairwise


def pairwise_correlation(data: np.ndarray, weights: np.ndarray | None = None):
    """Pairwise-complete (optionally weighted) correlation matrix and pairwise counts.

    ``data`` is n×q with NaN for missing. Returns (corr, n_pairs); a pair with fewer than
    three common answers or no variance gets correlation 0 and is reported by its count.
    """
    x = np.asarray(data, dtype=float)
    w = np.ones(x.shape[0]) if weights is None else np.asarray(weights, dtype=float)
    corr = pairwise_correlations(x, w[None, :])[0]
    v = (~np.isnan(x)).astype(float)
    return corr, (v.T @ v).astype(int)


def pairwise_correlations(data: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Pairwise-complete correlation matrices of ``data`` under each row of ``weights`` (K×n).

    The columns are standardised first, so the moments below are sums of numbers near 1;
    a variance counts as zero below :data:`RELATIVE_FLOOR` of the column's own.
    """
    x, _ = standardise(data)
    valid = ~np.isnan(x)
    v = valid.astype(float)
    x0 = np.where(valid, x, 0.0)
    w = np.asarray(weights, dtype=float)[:, :, None]  # K × n × 1
    wv, wx, wx2 = w * v, w * x0, w * x0**2
    s0 = np.swapaxes(wv, 1, 2) @ v  # Σ w over rows where a and b are both present
    s1 = np.swapaxes(wx, 1, 2) @ v  # Σ w x_a over those rows, indexed (a, b)
    s2 = np.swapaxes(wx2, 1, 2) @ v
    sab = np.swapaxes(wx, 1, 2) @ x0
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_a = s1 / s0
        mean_b = np.swapaxes(s1, 1, 2) / s0
        cov = sab / s0 - mean_a * mean_b
        var_a = s2 / s0 - mean_a**2
        var_b = np.swapaxes(s2, 1, 2) / s0 - mean_b**2
        corr = cov / np.sqrt(var_a * var_b)
    rows = np.swapaxes((w > 0) * v, 1, 2) @ v  # respondents (not weight) behind each pair
    floor = RELATIVE_FLOOR  # unit-variance columns: a pair variance this small is none
    bad = ~np.isfinite(corr) | (rows < 3) | (var_a <= floor) | (var_b <= floor)
    corr = np.where(bad, 0.0, np.clip(corr, -1.0, 1.0))
    idx = np.arange(x.shape[1])
    corr[:, idx, idx] = 1.0
    return corr


def repair_stack(stack: np.ndarray, floor: float) -> tuple[np.ndarray, np.ndarray]:
    """Repair the matrices of a stack that are not positive definite by clipping their
    eigenvalues at ``floor`` and rescaling to a unit diagonal; returns (stack, repaired)."""
    out = stack.copy()
    repaired = np.linalg.eigvalsh(stack)[:, 0] <= 1e-10
    if repaired.any():
        vals, vecs = np.linalg.eigh(stack[repaired])
        fixed = (vecs * np.maximum(vals, floor)[:, None, :]) @ np.swapaxes(vecs, 1, 2)
        d = np.sqrt(np.einsum("kii->ki", fixed))
        out[repaired] = fixed / d[:, :, None] / d[:, None, :]
    return out, repaired


def nearest_correlation(corr: np.ndarray, max_iter: int = HIGHAM_MAX_ITER):
    """Higham's (2002) nearest correlation matrix with eigenvalues ≥ :data:`REPAIR_FLOOR`, by
    alternating projections with Dykstra's correction, at most ``max_iter`` iterations (each one
    eigen-decomposition, so 200 touchpoints take seconds, not hours). Returns (matrix, how):
    "nearest" when it converged, else eigenvalue clipping ("clipped").

    >>> c = np.array([[1, .9, -.9], [.9, 1, .9], [-.9, .9, 1]])
    >>> fixed, how = nearest_correlation(c)
    >>> how, bool(np.linalg.eigvalsh(fixed).min() >= 0.0099), np.diag(fixed).round(12).tolist()
    ('nearest', True, [1.0, 1.0, 1.0])
    """
    a = np.asarray(corr, dtype=float)
    y = a.copy()
    ds = np.zeros_like(a)
    idx = np.arange(a.shape[0])
    for _ in range(max_iter):
        r = y - ds
        vals, vecs = np.linalg.eigh(r)
        x = (vecs * np.maximum(vals, REPAIR_FLOOR)) @ vecs.T
        ds = x - r
        y_new = x.copy()
        y_new[idx, idx] = 1.0
        change = np.abs(y_new - y).max()
        y = y_new
        if change < 1e-9 and np.linalg.eigvalsh(y)[0] >= REPAIR_FLOOR * (1 - 1e-6):
            return (y + y.T) / 2, "nearest"
    return repair_stack(a[None], REPAIR_FLOOR)[0][0], "clipped"


# --------------------------------------------------------------------------- listwise


def listwise_correlations(data: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Correlations over complete rows only, under each row of ``weights`` (K×n)."""
    keep = ~np.isnan(data).any(axis=1)
    return pairwise_correlations(data[keep], np.asarray(weights)[:, keep])


# --------------------------------------------------------------------------- EM


@result
class EMFit:
    """Maximum-likelihood mean and covariance (standardised units) under each weight row."""

    mean: np.ndarray  # K × q
    covariance: np.ndarray  # K × q × q
    iterations: int
    converged: bool

    @property
    def correlation(self) -> np.ndarray:
        return _to_correlation(self.covariance)


def _to_correlation(cov: np.ndarray) -> np.ndarray:
    var = np.einsum("kii->ki", cov)
    floor = RELATIVE_FLOOR
    ok = var > floor
    sd = np.sqrt(np.where(ok, var, 1.0))
    corr = cov / sd[:, :, None] / sd[:, None, :]
    corr = np.where(ok[:, :, None] & ok[:, None, :], np.clip(corr, -1, 1), 0.0)
    idx = np.arange(cov.shape[1])
    corr[:, idx, idx] = 1.0
    return corr


def _missing_groups(valid: np.ndarray):
    """Rows grouped by how many values they miss: (rows, missing columns n_s × s, flat (a, b)
    indices of the s × s blocks into a q × q matrix)."""
    q = valid.shape[1]
    count = (~valid).sum(axis=1)
    groups = []
    for s in np.unique(count):
        if s == 0:
            continue
        rows = np.flatnonzero(count == s)
        cols = np.array([np.flatnonzero(~valid[i]) for i in rows])
        flat = (cols[:, :, None] * q + cols[:, None, :]).reshape(len(rows), -1)
        groups.append((rows, cols, flat))
    return groups


def em_covariance(
    data: np.ndarray,
    weights: np.ndarray | None = None,
    *,
    start: tuple[np.ndarray, np.ndarray] | None = None,
    tol: float = EM_TOL,
    max_iter: int = EM_MAX_ITER,
    prior: float | np.ndarray = 0.0,
) -> EMFit:
    """Maximum-likelihood mean and covariance of multivariate normal data with missing values.

    ``data`` is n × q, NaN where missing, already standardised (:func:`standardise`) so that the
    tolerance is relative. ``weights`` is K × n (bootstrap counts times survey weights; default
    one row of ones): the K fits run together, as arrays. ``start`` = (mean, covariance) of a
    fit to start from (a bootstrap replicate starts from the full-sample fit).

    The E-step uses the precision matrix Λ = Σ⁻¹: for a row with missing part *m* and deviation
    *d* (zero where missing), E[x_m | x_o] = μ_m − Λ_mm⁻¹ (Λ d)_m and Cov = Λ_mm⁻¹, so each row
    solves a system only as large as its number of missing answers.

    >>> rng = np.random.default_rng(0)
    >>> x = rng.multivariate_normal([0, 0], [[1, .6], [.6, 1]], size=400)
    >>> fit = em_covariance(x)                 # nothing missing: the sample moments
    >>> bool(np.allclose(fit.covariance[0], np.cov(x.T, bias=True)))
    True
    """
    x = np.asarray(data, dtype=float)
    n, q = x.shape
    w = np.ones((1, n)) if weights is None else np.atleast_2d(np.asarray(weights, dtype=float))
    k = w.shape[0]
    w = w / w.sum(axis=1, keepdims=True)
    valid = ~np.isnan(x)
    x0 = np.where(valid, x, 0.0)
    groups = _missing_groups(valid)
    answered = valid.astype(float)
    if start is None:
        mean = (w @ x0) / np.maximum(w @ valid, 1e-300)
        cov = repair_stack(pairwise_correlations(x, w), REPAIR_FLOOR)[0]
    else:
        mean = np.broadcast_to(start[0], (k, q)).copy()
        cov = np.broadcast_to(start[1], (k, q, q)).copy()
    prior = np.broadcast_to(np.asarray(prior, dtype=float), (k,))
    ridge = 1e-9 * np.eye(q)

    def step(act, m, c):
        new_mean, new_cov = _em_step(x0, answered, groups, w[act], m, c + ridge)
        if prior.any():
            diag = np.einsum("kii->ki", new_cov).copy()
            new_cov /= 1 + prior[act, None, None]
            new_cov[:, np.arange(q), np.arange(q)] = diag
        return new_mean, new_cov

    # SQUAREM (Varadhan & Roland 2008, scheme S3): two EM steps, an extrapolation along them,
    # one stabilising EM step; a replicate whose extrapolation is not a covariance matrix keeps
    # the plain EM steps. EM on sparse survey data converges slowly (much information is
    # missing); this needs a fraction of the steps.
    active = np.arange(k)
    it = 0
    while active.size and it < max_iter:
        it += 1
        m0, c0 = mean[active], cov[active]
        m1, c1 = step(active, m0, c0)
        m2, c2 = step(active, m1, c1)
        r = np.concatenate([(m1 - m0), (c1 - c0).reshape(len(active), -1)], axis=1)
        v = np.concatenate([(m2 - m1), (c2 - c1).reshape(len(active), -1)], axis=1) - r
        with np.errstate(invalid="ignore", divide="ignore"):
            alpha = -np.sqrt((r**2).sum(axis=1) / (v**2).sum(axis=1))
        alpha = np.where(np.isfinite(alpha), np.minimum(alpha, -1.0), -1.0)
        a = alpha[:, None]
        m3 = m0 - 2 * a * (m1 - m0) + a**2 * (m2 - 2 * m1 + m0)
        c3 = c0 - 2 * a[..., None] * (c1 - c0) + a[..., None] ** 2 * (c2 - 2 * c1 + c0)
        ok = _positive_definite(c3)
        m3[~ok], c3[~ok] = m2[~ok], c2[~ok]
        m4, c4 = step(active, m3, c3)
        change = np.maximum(np.abs(c4 - c0).max(axis=(1, 2)), np.abs(m4 - m0).max(axis=1))
        mean[active], cov[active] = m4, c4
        active = active[change >= tol]
    return EMFit(mean, cov, it, not active.size)


def _em_step(x0, answered, groups, w, mean, cov):
    """One EM step for K fits at once: the expected complete-data mean and covariance
    (``answered`` is 1.0 where a value was given, 0.0 where it is missing)."""
    k, q = mean.shape
    prec = np.linalg.inv(cov)
    dev = x0[None] - mean[:, None, :]  # K × n × q, zero where missing:
    dev *= answered  # one array, not the three of np.where
    extra = np.zeros(k * q * q)
    if groups:
        r = dev @ prec  # prec is symmetric: rows of Λ d
        for rows, cols, flat in groups:
            block = prec[:, cols[:, :, None], cols[:, None, :]]  # K × n_s × s × s
            cond = _symmetric_inverse(block)
            rm = r[:, rows[:, None], cols]  # K × n_s × s
            dev[:, rows[:, None], cols] = -(cond @ rm[..., None])[..., 0]
            wc = w[:, rows, None, None] * cond
            idx = (np.arange(k)[:, None, None] * q * q + flat[None]).ravel()
            extra += np.bincount(idx, weights=wc.ravel(), minlength=k * q * q)
    shift = np.einsum("kn,knq->kq", w, dev)
    new_cov = np.swapaxes(dev * w[:, :, None], 1, 2) @ dev + extra.reshape(k, q, q)
    new_cov -= shift[:, :, None] * shift[:, None, :]
    return mean + shift, (new_cov + np.swapaxes(new_cov, 1, 2)) / 2


def _positive_definite(stack: np.ndarray) -> np.ndarray:
    """Which matrices of a stack are positive definite (a Cholesky factorisation of the whole
    stack, a tenth of the cost of eigenvalues, tells when all are)."""
    try:
        np.linalg.cholesky(stack)
        return np.ones(len(stack), dtype=bool)
    except np.linalg.LinAlgError:
        return np.linalg.eigvalsh(stack)[:, 0] > 0


def _symmetric_inverse(block: np.ndarray) -> np.ndarray:
    """Inverses of a stack of small symmetric matrices: 1×1 and 2×2 in closed form (LAPACK's
    per-matrix overhead is most of the E-step on the many 2×2 blocks of two missing answers)."""
    s = block.shape[-1]
    if s == 1:
        return 1 / block
    if s > 2:
        return np.linalg.inv(block)
    a, b, d = block[..., 0, 0], block[..., 0, 1], block[..., 1, 1]
    det = a * d - b * b
    out = np.empty_like(block)
    out[..., 0, 0], out[..., 1, 1] = d / det, a / det
    out[..., 0, 1] = out[..., 1, 0] = -b / det
    return out


# --------------------------------------------------------------------------- imputation


def impute(data: np.ndarray, m: int, seed: int) -> list[np.ndarray]:
    """``m`` completed copies of ``data`` (NaN = missing) by chained equations with posterior
    draws (scikit-learn IterativeImputer, seeded)."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.experimental import enable_iterative_imputer  # noqa: F401
    from sklearn.impute import IterativeImputer

    imputer = IterativeImputer(
        sample_posterior=True, random_state=seed, max_iter=10, keep_empty_features=True
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        first = imputer.fit_transform(data)
        # Further draws reuse the fitted chain: each transform samples again from the
        # posterior predictive of every conditional model (BayesianRidge).
        return [first] + [imputer.transform(data) for _ in range(m - 1)]


# --------------------------------------------------------------------------- one entry point


MICE_IMPUTATIONS = 20
# Weight of the EM's ridge prior, in pseudo-respondents (answering with zero correlations) per
# missing answer per respondent. Plain maximum likelihood is degenerate on sparse survey data:
# with fewer complete rows than variables the likelihood grows without bound towards a singular
# covariance and R² drifts to 1. The study in benchmarks/bench_calibration.py chose 1/2: it keeps
# R² within 0.03 of what the same respondents would give with no answer missing.
EM_PRIOR = 0.5


def em_prior(valid: np.ndarray, weights: np.ndarray, sizes=None) -> np.ndarray:
    """The ridge prior of :func:`em_covariance` per weight row: ``EM_PRIOR`` × (weighted) mean
    missing answers per respondent / respondents in the sample (``sizes``, default the rows with
    a weight), so it is 0 when nothing is missing."""
    w = np.atleast_2d(weights)
    missing = (~valid).sum(axis=1).astype(float)
    n = (w > 0).sum(axis=1) if sizes is None else np.asarray(sizes, dtype=float)
    return EM_PRIOR * (w @ missing) / w.sum(axis=1) / np.maximum(n, 1)


@result
class CorrelationEstimate:
    """The correlation matrix (or one per imputed data set) under the chosen missing-data method."""

    stack: np.ndarray  # m × q × q (m = 1 except for multiple imputation)
    missing: str
    repaired: str  # "" or how a pairwise matrix was repaired ("nearest", "clipped")
    n_used: int
    standardised: np.ndarray  # the data as the estimate saw them (n × q, NaN where missing)
    em_start: tuple | None = None  # (mean, covariance) of the EM fit, to start replicates from


def correlation_matrix(data, weights, missing, seed) -> CorrelationEstimate:
    """The correlation matrix of ``data`` (n × q, NaN where missing) by ``missing``:
    ``em`` (default), ``pairwise``, ``listwise`` or ``mice`` (one matrix per imputed set: the
    caller combines the shares, not the matrices)."""
    check_choice("missing", missing, MISSING_METHODS)
    w = np.ones(data.shape[0]) if weights is None else np.asarray(weights, dtype=float)
    z, _ = standardise(data, w)
    n = z.shape[0]
    if missing == "listwise":
        keep = ~np.isnan(z).any(axis=1)
        if keep.sum() < z.shape[1] + 2:
            raise AnalysisError("listwise_too_few", n=int(keep.sum()), p=z.shape[1] - 1)
        return CorrelationEstimate(
            listwise_correlations(z, w[None]), missing, "", int(keep.sum()), z
        )
    if missing == "mice":
        sets = impute(z, MICE_IMPUTATIONS, seed)
        mats = np.array([pairwise_correlations(s, w[None])[0] for s in sets])
        return CorrelationEstimate(mats, missing, "", n, z)
    if missing == "em":
        fit = em_covariance(z, w[None], prior=em_prior(~np.isnan(z), w[None]))
        return CorrelationEstimate(
            fit.correlation, missing, "", n, z, (fit.mean[0], fit.covariance[0])
        )
    corr = pairwise_correlations(z, w[None])[0]
    if np.linalg.eigvalsh(corr)[0] > 1e-10:
        return CorrelationEstimate(corr[None], missing, "", n, z)
    fixed, how = nearest_correlation(corr)
    return CorrelationEstimate(fixed[None], missing, how, n, z)


def replicate_correlations(
    estimate: CorrelationEstimate, weights: np.ndarray, missing: str, sizes=None
) -> np.ndarray:
    """Correlation matrices of bootstrap (or jackknife) replicates given as weight rows (K × n)
    over the rows of ``estimate.standardised``, by ``missing`` (``em`` starts from the
    full-sample fit; ``pairwise`` repairs by eigenvalue clipping), in memory-bounded chunks.
    ``sizes`` are the replicates' sample sizes (bootstrap draws), default the rows weighted."""
    z = estimate.standardised
    n, q = z.shape
    valid = ~np.isnan(z)
    k = weights.shape[0]
    step = max(1, 3_000_000 // max(1, n * q))
    out = np.empty((k, q, q))
    if missing == "em":
        start = estimate.em_start
        if start is None:  # multiple imputation: replicates by EM from scratch
            start = _em_start(z)
        # Each chunk in two fixed halves, fitted on two threads (numpy's array work releases
        # the GIL). The halves do not depend on the machine: the same input, the same digits.
        half = max(1, -(-min(step, k) // 2))
        parts = [slice(a, min(a + half, k)) for a in range(0, k, half)]

        def fit(part: slice) -> None:
            w = weights[part]
            size = None if sizes is None else np.asarray(sizes)[part]
            prior = em_prior(valid, w, size)
            out[part] = em_covariance(z, w, start=start, tol=1e-4, prior=prior).correlation

        with ThreadPoolExecutor(min(2, os.cpu_count() or 1)) as pool:
            list(pool.map(fit, parts))
        return out
    for a in range(0, k, step):
        w = weights[a : a + step]
        if missing == "listwise":
            out[a : a + step] = listwise_correlations(z, w)
        else:
            out[a : a + step] = repair_stack(pairwise_correlations(z, w), REPAIR_FLOOR)[0]
    return out


def _em_start(z: np.ndarray):
    fit = em_covariance(z, prior=em_prior(~np.isnan(z), np.ones((1, z.shape[0]))))
    return fit.mean[0], fit.covariance[0]
