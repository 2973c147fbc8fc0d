"""Standardised regression betas of the outcome on touchpoint satisfaction, with diagnostics.

Betas are what a consultant is asked about, but with n ≈ 50 and collinear satisfaction
scores (the halo effect) they are unstable; :mod:`qfd.drivers.relative_importance` gives the shares we rank by.
This module reports the betas honestly: confidence intervals, p-values, R², adjusted R², n,
VIF, condition number and n/p, plus warnings a consultant must read before quoting them.

Missing answers: with enough complete rows (5 per predictor) the model is fitted by statsmodels
on them ("listwise"); otherwise the betas come from the driver model's own EM correlation matrix
("em", see :mod:`qfd.drivers.missing_data`) with intervals from its bootstrap replicates, or, when
there are no replicates or the outcome is binary, by multiple imputation ("mice"): scikit-learn's
IterativeImputer draws 20 completed data sets (chained equations with posterior sampling, seeded),
statsmodels fits each, and the estimates are pooled by Rubin's rules. (statsmodels' own MICE
gives the same kind of answer but took about a minute for 50 × 12; this takes a second.)
Binary outcomes use logistic regression: coefficients are log-odds per standard deviation.

Survey weights: the fits are weighted least squares (statsmodels WLS) and the standardisation
uses weighted means and standard deviations; a logistic model does not take survey weights here
(its betas are then not estimated, and the note says so — the shares of R² are weighted).
"""

from __future__ import annotations

import warnings

import numpy as np

from qfd.drivers.missing_data import impute, pairwise_correlation
from qfd.errors import AnalysisError, check_choice, check_weights
from qfd.notes import Note, note
from qfd.results import result

__all__ = [
    "Betas",
    "diagnostics_warnings",
    "standardised_betas",
    "vif_from_correlation",
]

MIN_N_PER_PREDICTOR = 5  # below this n/p a regression is flagged as unreliable
VIF_LIMIT = 10.0


@result
class Betas:
    """Standardised coefficients with their uncertainty and the model's diagnostics."""

    names: tuple[str, ...]
    beta: np.ndarray
    ci: np.ndarray  # p × 2
    p_value: np.ndarray
    r_squared: float  # McFadden's pseudo-R² for a logistic model
    adjusted_r_squared: float
    n: int
    model: str  # "ols" or "logit"
    missing: str  # "listwise", "em" or "mice"
    vif: np.ndarray
    condition_number: float
    warnings: tuple[Note, ...]

    def summary(self) -> str:
        lines = [
            f"{self.model.upper()} ({self.missing}), n = {self.n}, R² = {self.r_squared:.3f}, "
            f"adj. R² = {self.adjusted_r_squared:.3f}, condition number = {self.condition_number:.1f}"
        ]
        for j, name in enumerate(self.names):
            lines.append(
                f"  {name:>12}  β = {self.beta[j]:+.3f}  [{self.ci[j, 0]:+.3f}, {self.ci[j, 1]:+.3f}]"
                f"  p = {self.p_value[j]:.3f}  VIF = {self.vif[j]:.1f}"
            )
        lines += [f"  ! {w}" for w in self.warnings]
        return "\n".join(lines)


def vif_from_correlation(rxx: np.ndarray) -> np.ndarray:
    """Variance inflation factors: the diagonal of the inverse predictor correlation matrix.

    >>> vif_from_correlation(np.array([[1.0, 0.0], [0.0, 1.0]])).tolist()
    [1.0, 1.0]
    >>> round(float(vif_from_correlation(np.array([[1, .9], [.9, 1]]))[0]), 3)
    5.263
    """
    try:
        return np.diag(np.linalg.inv(rxx)).copy()
    except np.linalg.LinAlgError:
        return np.full(rxx.shape[0], np.inf)


def diagnostics_warnings(
    names, n: int, vif: np.ndarray, beta: np.ndarray, r_xy: np.ndarray, zero_variance: list[str]
) -> list[Note]:
    """The warnings a consultant must read before quoting betas."""
    out = []
    p = len(names)
    if n < MIN_N_PER_PREDICTOR * p:
        out.append(note("small_sample", n=n, p=p, ratio=n / p, limit=MIN_N_PER_PREDICTOR))
    for j, name in enumerate(names):
        if vif[j] > VIF_LIMIT:
            out.append(note("collinearity", name=name, vif=float(vif[j]), limit=VIF_LIMIT))
        if np.sign(beta[j]) != np.sign(r_xy[j]) and abs(r_xy[j]) > 0.1 and abs(beta[j]) > 0.05:
            out.append(note("suppression", name=name, r=float(r_xy[j]), beta=float(beta[j])))
    out += [note("no_variance", name=name) for name in zero_variance]
    return out


def _standardise(x: np.ndarray, w: np.ndarray | None = None) -> np.ndarray:
    """Columns centred and scaled by their (weighted) observed mean and SD, NaN kept."""
    w = np.ones(x.shape[0]) if w is None else w
    valid = ~np.isnan(x)
    wv = w[:, None] * valid
    mean = np.where(valid, x, 0.0).T @ w / wv.sum(axis=0)
    dev = np.where(valid, x - mean, 0.0)
    sd = np.sqrt((wv * dev**2).sum(axis=0) / wv.sum(axis=0))
    return (x - mean) / np.where(sd > 0, sd, 1.0)


def standardised_betas(
    X,
    y,
    names,
    *,
    binary: bool = False,
    missing: str = "auto",
    seed: int = 0,
    n_imputations: int = 10,
    weights=None,
    correlation: np.ndarray | None = None,
    replicates: np.ndarray | None = None,
) -> Betas:
    """Standardised OLS/WLS (or logistic) coefficients of ``y`` on the columns of ``X``.

    ``missing="auto"`` uses complete rows when they number at least 5 per predictor; otherwise
    the betas of the driver model's own correlation matrix (``correlation``, the EM estimate,
    outcome last) with percentile intervals and p-values from its bootstrap replicates
    (``replicates``, B × p betas) when those are given for a linear model, and multiple
    imputation pooled by Rubin's rules when not. ``weights`` are survey weights (weighted least
    squares).

    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(300, 2)); y = 2 * X[:, 0] + rng.normal(size=300)
    >>> b = standardised_betas(X, y, ["a", "b"])
    >>> bool(b.beta[0] > 0.8 and abs(b.beta[1]) < 0.15), b.missing
    (True, 'listwise')
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w = check_weights(weights, len(y))
    keep = ~np.isnan(y)
    X, y = X[keep], y[keep]
    w = np.ones(len(y)) if w is None else w[keep]
    weighted = bool(np.ptp(w) > 0) if len(w) else False
    if binary and weighted:
        raise AnalysisError("betas_weighted_logit")
    sd = np.nanstd(X, axis=0, ddof=1)
    varying = np.isfinite(sd) & (sd > 0)
    zero_variance = [n for n, v in zip(names, varying, strict=True) if not v]
    X = X[:, varying]
    names = tuple(n for n, v in zip(names, varying, strict=True) if v)
    complete = ~np.isnan(X).any(axis=1)
    if len(y) <= X.shape[1] + 1:
        raise AnalysisError("betas_n_below_p", n=len(y), p=X.shape[1])
    if missing == "auto":
        missing = "listwise" if complete.sum() >= MIN_N_PER_PREDICTOR * X.shape[1] else "mice"
        if missing == "mice" and correlation is not None and replicates is not None and not binary:
            missing = "em"
    if missing == "listwise":
        Z = _standardise(X[complete], w[complete])
        yz = y[complete] if binary else _standardise(y[complete, None], w[complete])[:, 0]
    else:
        Z = _standardise(X, w)
        yz = y if binary else _standardise(y[:, None], w)[:, 0]
    if missing == "listwise":
        family = _model(binary, w)
        data_x, data_y = Z, yz
        n = int(complete.sum())
        if n <= X.shape[1] + 1:
            raise AnalysisError("betas_complete_rows", n=n, p=X.shape[1])
        # the module that adds the constant, not statsmodels.api (every model and plot, 0.45 s)
        from statsmodels.tools.tools import add_constant

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # perfect separation etc. are reported below
            model = family(data_y, add_constant(data_x, has_constant="add"), rows=complete)
            fit = model.fit(**({"disp": 0} if binary else {}))
        params, pvalues, ci = fit.params[1:], fit.pvalues[1:], fit.conf_int()[1:]
        r2 = fit.prsquared if binary else fit.rsquared
    elif missing == "mice":
        family = _model(binary, w)
        params, pvalues, ci, r2, n = _mice_fit(Z, yz, family, binary, seed, n_imputations, w)
    elif missing == "em":
        cols = np.flatnonzero(np.r_[varying, True])
        params, pvalues, ci, r2 = _em_betas(
            np.asarray(correlation)[np.ix_(cols, cols)], np.asarray(replicates)[:, varying]
        )
        n = len(y)
    else:
        check_choice("missing", missing, ("auto", "listwise", "mice", "em"))
    p = X.shape[1]
    adj = 1 - (1 - r2) * (n - 1) / (n - p - 1) if n - p - 1 > 0 else float("nan")
    corr, _ = pairwise_correlation(np.column_stack([X, y]), w)
    vif = vif_from_correlation(corr[:-1, :-1])
    cond = float(np.linalg.cond(corr[:-1, :-1]))
    notes = diagnostics_warnings(names, n, vif, np.asarray(params), corr[:-1, -1], zero_variance)
    if missing == "mice":
        notes.insert(0, note("imputed", m=n_imputations, seed=seed))
    if missing == "em":
        notes.insert(0, note("betas_em", b=len(replicates)))
    return Betas(
        names,
        np.asarray(params),
        np.asarray(ci),
        np.asarray(pvalues),
        float(r2),
        float(adj),
        n,
        "logit" if binary else "ols",
        missing,
        vif,
        cond,
        tuple(notes),
    )


def _em_betas(corr: np.ndarray, replicates: np.ndarray, confidence: float = 0.95):
    """Betas of a correlation matrix (outcome last) with bootstrap percentile intervals and
    two-sided bootstrap p-values (twice the share of replicates on the far side of 0)."""
    rxx, rxy = corr[:-1, :-1], corr[:-1, -1]
    beta = np.linalg.solve(rxx, rxy)
    reps = replicates[np.isfinite(replicates).all(axis=1)]
    alpha = (1 - confidence) / 2
    ci = np.quantile(reps, [alpha, 1 - alpha], axis=0).T
    b = len(reps)
    tail = np.minimum((reps <= 0).mean(axis=0), (reps >= 0).mean(axis=0))
    p_value = np.clip(2 * tail, 1 / b, 1.0)
    return beta, p_value, ci, float(rxy @ beta)


def _model(binary: bool, w: np.ndarray):
    """A model factory: logistic, or weighted least squares with ``w`` (restricted to ``rows``
    when given; equal weights give ordinary least squares)."""
    # imported here (the EM path does without statsmodels) and before a caller silences the
    # fit's warnings: statsmodels sets warning filters of its own when first imported, which
    # would undo the silencing
    if binary:
        from statsmodels.discrete.discrete_model import Logit

        return lambda y, x, rows=None: Logit(y, x)
    from statsmodels.regression.linear_model import WLS

    return lambda y, x, rows=None: WLS(y, x, weights=w if rows is None else w[rows])


def _rubin(estimates: np.ndarray, variances: np.ndarray, n: int, confidence: float = 0.95):
    """Pool m estimates and their variances (Rubin 1987; Barnard-Rubin degrees of freedom)."""
    from qfd.inference import t_quantile, t_sf

    m = estimates.shape[0]
    q = estimates.mean(axis=0)
    within = variances.mean(axis=0)
    between = estimates.var(axis=0, ddof=1)
    total = within + (1 + 1 / m) * between
    lam = np.where(total > 0, (1 + 1 / m) * between / total, 0.0)
    df_old = (m - 1) / np.maximum(lam, 1e-12) ** 2
    df_complete = max(n - estimates.shape[1] - 1, 1)  # residual df of one completed-data fit
    df_obs = (df_complete + 1) / (df_complete + 3) * df_complete * (1 - lam)
    df = 1 / (1 / df_old + 1 / np.maximum(df_obs, 1e-12))
    se = np.sqrt(total)
    t = t_quantile(1 - (1 - confidence) / 2, df)
    ci = np.column_stack([q - t * se, q + t * se])
    pval = 2 * t_sf(np.abs(q / np.where(se > 0, se, np.inf)), df)
    return q, se, pval, ci


def _mice_fit(Z, y, family, binary, seed, n_imputations, weights):
    from statsmodels.tools.tools import add_constant

    data = np.column_stack([Z, y])
    kwargs = {"disp": 0} if binary else {}
    params, variances, r2s = [], [], []
    for completed in impute(data, n_imputations, seed):
        x = _standardise(completed[:, :-1], weights)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fit = family(y, add_constant(x, has_constant="add")).fit(**kwargs)
        params.append(fit.params[1:])
        variances.append(fit.bse[1:] ** 2)
        r2s.append(fit.prsquared if binary else fit.rsquared)
    q, _, pval, ci = _rubin(np.array(params), np.array(variances), len(y))
    if binary and np.nanmax(ci[:, 1] - ci[:, 0]) > 50:
        raise AnalysisError("betas_separation")
    return q, pval, ci, float(np.mean(r2s)), len(y)
