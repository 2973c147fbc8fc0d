"""The QFD planning matrix per touchpoint (METHOD.md §5): the left and right walls of the house.

Per touchpoint *i*: stated importance ``I_i`` (mean importance score), derived importance
``B_i`` (share of R² from the driver model, normalised), blended ``W0_i = λ·I_i/ΣI + (1−λ)·B_i``,
current satisfaction ``S_i``, competitor ``C_i``, target ``T_i``, improvement ratio
``R_i = T_i/S_i``, sales point ``SP_i``, raw weight ``RW_i = W0_i·R_i·SP_i``, normalised weight
``w_i = RW_i/ΣRW`` and rank. Plus the importance–performance quadrant (Martilla & James 1977).
"""

from __future__ import annotations

import numpy as np

from qfd.errors import check_choice
from qfd.ranking import ranks
from qfd.results import result

__all__ = [
    "QUADRANTS",
    "SALES_POINT_RULE",
    "TARGET_POLICIES",
    "PlanningMatrix",
    "planning_matrix",
    "quadrants",
    "revenue_at_risk",
    "suggest_sales_points",
    "targets",
]

TARGET_POLICIES = ("plus_one", "best_competitor", "top")
# Revenue at risk (share of linked revenue from clients dissatisfied with the touchpoint, i.e.
# scoring below the middle of the scale) → suggested sales point. Declared ones always win.
SALES_POINT_RULE = ((0.25, 1.5), (0.10, 1.2), (0.0, 1.0))
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


def revenue_at_risk(satisfaction: np.ndarray, revenue: np.ndarray, scale_mid: float) -> np.ndarray:
    """Per touchpoint: share of the revenue of answering linked clients who rated it below
    ``scale_mid`` (dissatisfied: 1–2 on a 1–5 scale)."""
    out = np.full(satisfaction.shape[1], np.nan)
    for j in range(satisfaction.shape[1]):
        ok = ~np.isnan(satisfaction[:, j]) & ~np.isnan(revenue)
        total = revenue[ok].sum()
        if total > 0:
            out[j] = revenue[ok & (satisfaction[:, j] < scale_mid)].sum() / total
    return out


def suggest_sales_points(at_risk: np.ndarray) -> np.ndarray:
    """1.5 / 1.2 / 1.0 by revenue at risk (:data:`SALES_POINT_RULE`); 1.0 where unknown.

    >>> suggest_sales_points(np.array([0.3, 0.2, 0.05, np.nan])).tolist()
    [1.5, 1.2, 1.0, 1.0]
    """
    out = np.ones(len(at_risk))
    for j, r in enumerate(at_risk):
        if np.isnan(r):
            continue
        out[j] = next(sp for cut, sp in SALES_POINT_RULE if r >= cut)
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
) -> PlanningMatrix:
    """The planning matrix from respondent-level answers (NaN = missing).

    ``derived`` is the derived importance per touchpoint (normalised shares of R²).

    >>> pm = planning_matrix(["A", "B"], np.array([[5, 3], [5, 3.0]]), np.array([[2, 4], [2, 4.0]]),
    ...                      np.array([0.5, 0.5]))
    >>> pm.blended.round(3).tolist(), pm.improvement.tolist(), pm.rank.tolist()
    ([0.562, 0.438], [1.5, 1.25], [1, 2])
    """
    tps = tuple(touchpoints)
    stated = np.nanmean(np.where(np.isnan(importance), np.nan, importance), axis=0)
    stated_n = (~np.isnan(importance)).sum(axis=0)
    sat = np.nanmean(satisfaction, axis=0)
    sat_n = (~np.isnan(satisfaction)).sum(axis=0)
    comp = (
        np.nanmean(competitor, axis=0)
        if competitor is not None and (~np.isnan(competitor)).any()
        else np.full(len(tps), np.nan)
    )
    if competitor is not None:
        comp = np.where((~np.isnan(competitor)).sum(axis=0) > 0, comp, np.nan)
    stated_norm = np.nan_to_num(stated) / np.nansum(stated)
    derived = np.asarray(derived, dtype=float)
    derived_norm = derived / derived.sum() if derived.sum() > 0 else np.full(len(tps), 1 / len(tps))
    blended = blend_lambda * stated_norm + (1 - blend_lambda) * derived_norm
    target = targets(sat, comp, scale_high, target_policy, declared_targets)
    improvement = np.where(sat > 0, target / sat, np.nan)
    sp = (
        np.ones(len(tps))
        if suggested_sales_points is None
        else np.asarray(suggested_sales_points, float)
    )
    source = ["suggested" if suggested_sales_points is not None else "default"] * len(tps)
    for j, tp in enumerate(tps):
        if sales_points and tp in sales_points:
            sp[j] = sales_points[tp]
            source[j] = "declared"
    raw = blended * np.nan_to_num(improvement, nan=1.0) * sp
    weight = raw / raw.sum()
    quad, split = quadrants(blended, sat)
    return PlanningMatrix(
        tps,
        stated,
        stated_n,
        derived_norm,
        blended,
        blend_lambda,
        sat,
        sat_n,
        comp,
        target,
        target_policy,
        improvement,
        sp,
        tuple(source),
        raw,
        weight,
        ranks(weight),
        quad,
        split,
    )
