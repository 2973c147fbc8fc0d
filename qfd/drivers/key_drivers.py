"""The key-driver analysis of a project: shares of R², betas and warnings (whole sample).

This is stage 3 of the method: how strongly satisfaction with each touchpoint goes with the
outcome (revenue, NPS, overall satisfaction…). It ties
:func:`qfd.drivers.relative_importance.relative_importance` (what we rank by) to
:func:`qfd.drivers.regression.standardised_betas` (what consultants are asked about) and names every
reason to doubt a number.

The model is only *used* — its normalised shares become the derived importance of the planning
matrix — when the data support it: at least 3 respondents with an outcome, more respondents than
touchpoints + 1, an adjusted R² above 0 and an overall F-test significant at 5 %. Otherwise the run
goes on, the report says why (:attr:`DriverReport.unsupported`), and the planning matrix rests on
stated importance alone.
"""

from __future__ import annotations

import math
from dataclasses import field

import numpy as np

from qfd.behaviour.outcome import Outcome
from qfd.drivers.regression import Betas, standardised_betas
from qfd.drivers.relative_importance import RelativeImportance, relative_importance
from qfd.errors import AnalysisError, check_weights
from qfd.notes import Note, note
from qfd.results import result

__all__ = [
    "F_TEST_LEVEL",
    "MIN_ANSWERS",
    "TOP_DRIVERS",
    "DriverReport",
    "key_drivers",
]

MIN_ANSWERS = 5  # answers a touchpoint needs to enter the model at all
F_TEST_LEVEL = 0.05  # the model must beat chance at this level to be used
TOP_DRIVERS = 3  # the drivers whose signs are checked (the ones a consultant will quote)


@result
class DriverReport:
    touchpoints: tuple[str, ...]  # all touchpoints, in journey order
    included: np.ndarray  # bool per touchpoint: entered the model
    outcome: Outcome  # what the model explains (outcome.term names it: NPS, revenue…)
    importance: RelativeImportance  # over the included touchpoints
    betas: Betas | None
    warnings: tuple[Note, ...] = field(default=())
    unsupported: Note | None = None  # why the derived importance is not used (None = it is)

    @property
    def derived_used(self) -> bool:
        """True when the data support the model and its shares feed the planning matrix."""
        return self.unsupported is None

    def full(self, values: np.ndarray, fill: float = 0.0) -> np.ndarray:
        """Spread per-included values back over all touchpoints."""
        out = np.full(len(self.touchpoints), fill, dtype=float)
        out[self.included] = values
        return out

    @property
    def shares(self) -> np.ndarray:
        """Share of R² per touchpoint (0 for those left out)."""
        return self.full(self.importance.shares)

    @property
    def derived_importance(self) -> np.ndarray:
        """Shares normalised to sum to 1 (input of the planning matrix)."""
        return self.full(self.importance.normalised)


def _empty_importance(p: int, n: int, missing: str) -> RelativeImportance:
    """The importance of a model that could not be fitted: zero shares, R² unknown."""
    return RelativeImportance(
        shares=np.zeros(p),
        r_squared=math.nan,
        method="none",
        missing=missing,
        n=n,
        n_pairwise=np.zeros(p, dtype=int),
        correlation=np.full((p + 1, p + 1), math.nan),
    )


def key_drivers(
    satisfaction: np.ndarray,
    touchpoints,
    outcome: Outcome,
    *,
    weights=None,
    bootstrap: int = 1000,
    seed: int = 0,
    method: str = "lmg",
    missing: str = "em",
    betas: bool = True,
) -> DriverReport:
    """Driver analysis of ``outcome`` on the satisfaction with each touchpoint.

    The shares are those of the whole sample (a segment rarely has the 50 respondents the
    intervals were checked on; the planning matrix and the metrics are split by segment).
    ``weights`` are survey weights (positive, finite, at most a million apart). The bootstrap
    resamples every respondent (``bootstrap_counts(n, bootstrap, seed)``), so the planning
    matrix can reuse the same resamples. ``betas=False`` leaves out the standardised betas and
    the notes about them (for callers that need only the shares: they are the same either way).
    """
    X = np.asarray(satisfaction, dtype=float)
    y = outcome.values
    touchpoints = tuple(touchpoints)
    w = check_weights(weights, X.shape[0])
    notes: list[Note] = []
    linked = ~np.isnan(y)
    answers = (~np.isnan(X) & linked[:, None]).sum(axis=0)
    with np.errstate(invalid="ignore"):
        sd = np.array(
            [np.nanstd(X[linked, j]) if answers[j] > 1 else 0.0 for j in range(X.shape[1])]
        )
    included = (answers >= MIN_ANSWERS) & (sd > 0)
    for j in np.flatnonzero(~included):
        if answers[j] >= MIN_ANSWERS:
            notes.append(note("no_variance", name=touchpoints[j]))
        else:
            notes.append(note("left_out", tp=touchpoints[j], n=int(answers[j]), limit=MIN_ANSWERS))
    names = [t for t, keep in zip(touchpoints, included, strict=True) if keep]
    Xi = X[:, included]
    if outcome.binary:
        notes.append(note("binary_outcome"))
    notes += _zero_money(outcome)
    cause = _cannot_fit(outcome, linked, answers, included, y)
    if cause is not None:
        notes.append(cause)
        ri = _empty_importance(len(names), int(linked.sum()), missing)
        return DriverReport(touchpoints, included, outcome, ri, None, tuple(notes), cause)
    ri = relative_importance(
        Xi,
        y,
        method=method,
        weights=w,
        missing=missing,
        bootstrap=bootstrap,
        seed=seed,
        names=names,
    )
    notes += list(ri.notes)
    if ri.n < 30:
        notes.append(note("indicative", n=ri.n))
    fitted = None
    if betas:
        try:
            fitted = standardised_betas(
                Xi,
                y,
                names,
                binary=outcome.binary,
                seed=seed,
                weights=w,
                correlation=ri.correlation if ri.missing == "em" else None,
                replicates=ri.bootstrap_betas,
            )
            notes += list(fitted.warnings)
        except AnalysisError as exc:
            notes.append(note("no_betas", reason=exc.note))
    notes += _top_driver_signs(ri, fitted, names, outcome)
    unsupported = _unsupported(ri, outcome)
    if unsupported is not None:
        notes.insert(0, unsupported)
    return DriverReport(touchpoints, included, outcome, ri, fitted, tuple(notes), unsupported)


def _cannot_fit(outcome: Outcome, linked, answers, included, y) -> Note | None:
    """Why no model can be fitted at all, with its cause when the inputs tell it."""
    n = int(linked.sum())
    if n < 3:
        cause = outcome.reason or note("outcome_unanswered", outcome=outcome.term, n=n)
        return note("derived_not_used", reason=note("too_few_linked_because", n=n, cause=cause))
    if not included.any():
        if (answers >= MIN_ANSWERS).any():
            return note("derived_not_used", reason=note("all_answers_constant"))
        return note("derived_not_used", reason=note("too_few_answers", limit=MIN_ANSWERS))
    if np.nanstd(y[linked]) == 0:
        value = float(y[linked][0])
        return note(
            "derived_not_used", reason=note("outcome_constant", outcome=outcome.term, value=value)
        )
    return None


def _unsupported(ri: RelativeImportance, outcome: Outcome) -> Note | None:
    """The first reason the fitted model cannot be used, or None."""
    p = len(ri.shares)
    if ri.n <= p + 1:
        reason = note("n_below_p", n=ri.n, p=p)
    elif not ri.adjusted_r_squared > 0:
        reason = note("adjusted_r2_not_positive", adj=ri.adjusted_r_squared, r2=ri.r_squared)
    elif not ri.f_p_value < F_TEST_LEVEL:
        reason = note(
            "f_test_not_significant",
            p_value=ri.f_p_value,
            level=F_TEST_LEVEL,
            r2=ri.r_squared,
            n=ri.n,
        )
    else:
        return None
    return note("derived_not_used", reason=reason)


def _zero_money(outcome: Outcome) -> list[Note]:
    """On the log scale, respondents whose clients spent nothing in the window sit far below
    the others (log 1 = 0 against log of thousands) and pull the model towards whatever sets
    them apart: said when they are at least 3 standard deviations of the buyers below the
    buyers' mean."""
    if outcome.transform != "log1p":
        return []
    y = outcome.values[~np.isnan(outcome.values)]
    zero, paid = y[y == 0], y[y > 0]
    if not len(zero) or len(paid) < 3:
        return []
    gap = paid.mean() / max(float(paid.std(ddof=1)), 1e-12)  # zero sits at log 1 = 0
    if gap < 3:
        return []
    return [note("zero_money_outcome", n=len(zero), total=len(y), outcome=outcome.term, gap=gap)]


def _top_driver_signs(ri, betas: Betas | None, names, outcome: Outcome) -> list[Note]:
    """Top drivers whose beta sign contradicts their correlation with the outcome (suppression:
    their share of R² is real but their direction is not), and top drivers that go *against*
    the outcome (more satisfied, lower outcome): both must be read before quoting them."""
    out = []
    if not len(ri.shares) or not np.isfinite(ri.correlation).all():
        return out
    r_xy = ri.correlation[:-1, -1]
    for j in np.argsort(-ri.shares, kind="stable")[:TOP_DRIVERS]:
        name = names[j]
        beta = (
            float(betas.beta[betas.names.index(name)])
            if betas is not None and name in betas.names
            else float(np.linalg.solve(ri.correlation[:-1, :-1], r_xy)[j])
        )
        r = float(r_xy[j])
        if np.sign(beta) != np.sign(r) and abs(beta) > 0.05:
            out.append(note("top_suppression", name=name, r=r, beta=beta, outcome=outcome.term))
        elif r < -0.1 and beta < 0:
            out.append(note("negative_driver", name=name, r=r, outcome=outcome.term))
    return out
