"""The QFD planning matrix per touchpoint (docs/method.md §6): the left and right walls of the house.

Per touchpoint *i*: stated importance ``I_i`` (mean importance score), derived importance
``B_i`` (share of R² from the driver model, normalised), blended ``W0_i = λ·I_i/ΣI + (1−λ)·B_i``,
current satisfaction ``S_i``, competitor ``C_i``, target ``T_i``, improvement ratio
``R_i = T_i/S_i``, sales point ``SP_i``, raw weight ``RW_i = W0_i·R_i·SP_i``, normalised weight
``w_i = RW_i/ΣRW`` and rank. Plus the importance–performance quadrant (Martilla & James 1977).

Means are weighted by the survey weights when there are any. Suggested sales points rest on the
dissatisfied respondents' revenue; below :data:`MIN_DISSATISFIED` such respondents none is
suggested (1.0), and the bootstrap recomputes the suggestion in every resample.
"""

from __future__ import annotations

import numpy as np

from qfd.drivers.relative_importance import normalise
from qfd.errors import check_choice, check_weights
from qfd.ranking import ranks
from qfd.results import result

__all__ = [
    "MIN_DISSATISFIED",
    "QUADRANTS",
    "SALES_POINT_RULE",
    "TARGET_POLICIES",
    "PlanningMatrix",
    "dissatisfied_count",
    "planning_matrix",
    "planning_weights",
    "quadrants",
    "revenue_at_risk",
    "sales_point_column",
    "suggest_sales_points",
    "targets",
    "weighted_column_mean",
]

TARGET_POLICIES = ("plus_one", "best_competitor", "top")
# Revenue at risk (share of linked revenue from clients dissatisfied with the touchpoint, i.e.
# scoring below the middle of the scale) → suggested sales point. Declared ones always win.
SALES_POINT_RULE = ((0.25, 1.5), (0.10, 1.2), (0.0, 1.0))
# A suggested sales point needs at least this many dissatisfied linked respondents behind it:
# with fewer, one client's revenue decides it.
MIN_DISSATISFIED = 5
QUADRANTS = ("concentrate", "keep_up", "low_priority", "overkill")


@result
class PlanningMatrix:
    touchpoints: tuple[str, ...]
    stated: np.ndarray  # mean importance
    stated_n: np.ndarray
    derived: np.ndarray  # normalised shares of R² (sum 1)
    blended: np.ndarray  # W0, sums to 1
    blend_lambda: float
    satisfaction: np.ndarray
    satisfaction_n: np.ndarray
    competitor: np.ndarray  # NaN where not asked
    target: np.ndarray
    target_policy: str
    improvement: np.ndarray
    sales_point: np.ndarray
    sales_point_source: tuple[str, ...]  # "declared" or "suggested"
    raw_weight: np.ndarray
    weight: np.ndarray  # normalised, sums to 1
    rank: np.ndarray  # 1 = highest weight
    quadrant: tuple[str, ...]
    split: tuple[float, float]  # importance and satisfaction split values of the quadrants

    @property
    def suggested(self) -> np.ndarray:
        """Which touchpoints carry a sales point the data suggested (other than 1, and not set
        in the workbook): what the outputs must say rather than apply silently."""
        source = np.array([s == "suggested" for s in self.sales_point_source], dtype=bool)
        return source & (self.sales_point != 1.0)


def targets(satisfaction, competitor, scale_high: float, policy: str = "plus_one", declared=None):
    """Target satisfaction per touchpoint: declared where given, else by ``policy``.

    >>> targets([3.0, 4.5], [4.0, np.nan], 5, "plus_one").tolist()
    [4.0, 5.0]
    >>> targets([3.0, 4.5], [4.0, np.nan], 5, "best_competitor").tolist()
    [4.0, 4.5]
    """
    s = np.asarray(satisfaction, dtype=float)
    c = np.asarray(competitor, dtype=float)
    if policy == "plus_one":
        t = np.minimum(s + 1, scale_high)
    elif policy == "best_competitor":
        t = np.fmax(s, c)
    elif policy == "top":
        t = np.full_like(s, scale_high)
    else:
        check_choice("policy", policy, TARGET_POLICIES)
    if declared is not None:
        d = np.asarray(declared, dtype=float)
        t = np.where(np.isnan(d), t, d)
    return t


def revenue_at_risk(
    satisfaction: np.ndarray, revenue: np.ndarray, scale_mid: float, weights=None
) -> np.ndarray:
    """Per touchpoint: share of the revenue of answering linked clients who rated it below
    ``scale_mid`` (dissatisfied: 1–2 on a 1–5 scale); ``weights`` are respondent weights (K × n
    for bootstrap replicates → K × p, or one per respondent)."""
    w = np.ones(satisfaction.shape[0]) if weights is None else np.asarray(weights, dtype=float)
    ok = ~np.isnan(satisfaction) & ~np.isnan(revenue)[:, None]
    money = np.where(ok, np.nan_to_num(revenue)[:, None], 0.0)
    low = ok & (np.nan_to_num(satisfaction, nan=np.inf) < scale_mid)
    total, risk = w @ money, w @ np.where(low, money, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, risk / total, np.nan)


def dissatisfied_count(
    satisfaction: np.ndarray, revenue: np.ndarray, scale_mid: float, counts=None
) -> np.ndarray:
    """Per touchpoint: linked respondents who rated it below ``scale_mid`` (under bootstrap
    ``counts`` K × n: how many of them each resample drew)."""
    c = np.ones(satisfaction.shape[0]) if counts is None else np.asarray(counts, dtype=float)
    low = ~np.isnan(revenue)[:, None] & (np.nan_to_num(satisfaction, nan=np.inf) < scale_mid)
    return c @ low


def suggest_sales_points(at_risk: np.ndarray, dissatisfied=None) -> np.ndarray:
    """1.5 / 1.2 / 1.0 by revenue at risk (:data:`SALES_POINT_RULE`); 1.0 where unknown or
    where fewer than :data:`MIN_DISSATISFIED` dissatisfied respondents are behind it. Works on
    any shape (bootstrap replicates × touchpoints).

    >>> suggest_sales_points(np.array([0.3, 0.2, 0.05, np.nan])).tolist()
    [1.5, 1.2, 1.0, 1.0]
    >>> suggest_sales_points(np.array([0.3, 0.3]), np.array([8, 2])).tolist()
    [1.5, 1.0]
    """
    r = np.asarray(at_risk, dtype=float)
    out = np.ones(r.shape)
    for cut, sp in reversed(SALES_POINT_RULE):
        out = np.where(np.nan_to_num(r, nan=-1.0) >= cut, sp, out)
    if dissatisfied is not None:
        out = np.where(np.asarray(dissatisfied) >= MIN_DISSATISFIED, out, 1.0)
    return out


def quadrants(importance: np.ndarray, satisfaction: np.ndarray):
    """Importance–performance quadrants split at the means of both axes.

    >>> quadrants(np.array([0.4, 0.4, 0.1, 0.1]), np.array([2.0, 4.0, 2.0, 4.0]))[0]
    ('concentrate', 'keep_up', 'low_priority', 'overkill')
    """
    imp_cut = float(np.nanmean(importance))
    sat_cut = float(np.nanmean(satisfaction))
    out = []
    for i, s in zip(importance, satisfaction, strict=True):
        high_i, high_s = i >= imp_cut, s >= sat_cut
        out.append(
            "keep_up"
            if high_i and high_s
            else "concentrate"
            if high_i
            else "overkill"
            if high_s
            else "low_priority"
        )
    return tuple(out), (imp_cut, sat_cut)


def weighted_column_mean(x: np.ndarray, weights=None) -> np.ndarray:
    """Column means of ``x`` (NaN = missing), weighted by respondent ``weights``."""
    valid = ~np.isnan(x)
    w = np.ones(x.shape[0]) if weights is None else np.asarray(weights, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (w @ np.where(valid, x, 0.0)) / (w @ valid)


def planning_weights(
    stated,
    satisfaction,
    competitor,
    derived,
    sales_point,
    *,
    scale_high: float = 5,
    blend_lambda: float = 0.5,
    target_policy: str = "plus_one",
    declared_targets=None,
) -> dict[str, np.ndarray]:
    """The columns of the planning matrix from the per-touchpoint means, along the last axis,
    so bootstrap replicates (K × p) go through in one pass: normalised stated and derived
    importance, W0, target, improvement ratio, raw and normalised weight."""
    stated = np.asarray(stated, dtype=float)
    derived = np.asarray(derived, dtype=float)
    # each column sums to 1; an empty one (no importance questions, no drivers) counts every
    # touchpoint equally
    stated_norm = normalise(np.nan_to_num(stated))
    derived_norm = normalise(derived)
    blended = blend_lambda * stated_norm + (1 - blend_lambda) * derived_norm
    target = targets(satisfaction, competitor, scale_high, target_policy, declared_targets)
    sat = np.asarray(satisfaction, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        improvement = np.where(sat > 0, target / sat, np.nan)
    raw = blended * np.nan_to_num(improvement, nan=1.0) * sales_point
    weight = raw / raw.sum(axis=-1, keepdims=True)
    return dict(
        stated_norm=stated_norm,
        derived=derived_norm,
        blended=blended,
        target=target,
        improvement=improvement,
        raw=raw,
        weight=weight,
    )


def planning_matrix(
    touchpoints,
    importance: np.ndarray,
    satisfaction: np.ndarray,
    derived: np.ndarray,
    *,
    competitor: np.ndarray | None = None,
    scale_high: float = 5,
    blend_lambda: float = 0.5,
    target_policy: str = "plus_one",
    declared_targets=None,
    sales_points: dict[str, float] | None = None,
    suggested_sales_points: np.ndarray | None = None,
    weights=None,
) -> PlanningMatrix:
    """The planning matrix from respondent-level answers (NaN = missing).

    ``derived`` is the derived importance per touchpoint (normalised shares of R²);
    ``weights`` are survey weights (weighted means of importance, satisfaction, competitor).

    >>> pm = planning_matrix(["A", "B"], np.array([[5, 3], [5, 3.0]]), np.array([[2, 4], [2, 4.0]]),
    ...                      np.array([0.5, 0.5]))
    >>> pm.blended.round(3).tolist(), pm.improvement.tolist(), pm.rank.tolist()
    ([0.562, 0.438], [1.5, 1.25], [1, 2])
    """
    tps = tuple(touchpoints)
    w = check_weights(weights, importance.shape[0])
    stated = weighted_column_mean(importance, w)
    stated_n = (~np.isnan(importance)).sum(axis=0)
    sat = weighted_column_mean(satisfaction, w)
    sat_n = (~np.isnan(satisfaction)).sum(axis=0)
    comp = np.full(len(tps), np.nan)
    if competitor is not None and (~np.isnan(competitor)).any():
        comp = weighted_column_mean(competitor, w)
    sp, source = sales_point_column(tps, sales_points, suggested_sales_points)
    cols = planning_weights(
        stated,
        sat,
        comp,
        derived,
        sp,
        scale_high=scale_high,
        blend_lambda=blend_lambda,
        target_policy=target_policy,
        declared_targets=declared_targets,
    )
    quad, split = quadrants(cols["blended"], sat)
    return PlanningMatrix(
        tps,
        stated,
        stated_n,
        cols["derived"],
        cols["blended"],
        blend_lambda,
        sat,
        sat_n,
        comp,
        cols["target"],
        target_policy,
        cols["improvement"],
        sp,
        source,
        cols["raw"],
        cols["weight"],
        ranks(cols["weight"]),
        quad,
        split,
    )


def sales_point_column(tps, declared: dict[str, float] | None, suggested):
    """Sales points per touchpoint: declared ones win, else the suggested ones, else 1.0;
    and where each came from ("declared", "suggested", "default")."""
    sp = np.ones(len(tps)) if suggested is None else np.asarray(suggested, dtype=float).copy()
    source = ["suggested" if suggested is not None else "default"] * len(tps)
    for j, tp in enumerate(tps):
        if declared and tp in declared:
            sp[j] = declared[tp]
            source[j] = "declared"
    return sp, tuple(source)
