"""The QFD model of a project: planning matrix → House of Quality → cascade, with stability.

Stability propagates the survey's uncertainty to the ranking: every bootstrap replicate
resamples respondents, recomputes stated importance, satisfaction and the derived importance
(shares of R²) from the same resample, rebuilds the planning matrix and the technical
importance, and ranks again. Alternative relationship scales are compared to 9-3-1 with
Kendall's τ. The result says which items are reliably ahead and which are tied.
"""

from __future__ import annotations

from dataclasses import field

import numpy as np

from qfd.bootstrap import bootstrap_counts, weighted_mean
from qfd.drivers.relative_importance import weighted_shares
from qfd.house_of_quality import (
    SCALES,
    Cascade,
    Conflict,
    TechnicalImportance,
    cascade,
    roof_conflicts,
    technical_importance,
)
from qfd.planning_matrix import (
    PlanningMatrix,
    planning_matrix,
    revenue_at_risk,
    suggest_sales_points,
)
from qfd.ranking import RankStability, rank_stability
from qfd.results import result

__all__ = ["QFDModel", "qfd_model"]


@result
class QFDModel:
    planning: PlanningMatrix
    segments: dict[str, PlanningMatrix]
    revenue_at_risk: np.ndarray
    technical: TechnicalImportance
    by_scale: dict[str, TechnicalImportance]
    per_difficulty: np.ndarray  # relative importance / difficulty (NaN where unknown)
    conflicts: list[Conflict]
    cascade: Cascade
    touchpoint_stability: RankStability
    characteristic_stability: RankStability
    seed: int | None
    notes: tuple = field(default=())


def qfd_model(
    touchpoints,
    importance: np.ndarray,
    satisfaction: np.ndarray,
    competitor: np.ndarray | None,
    outcome: np.ndarray,
    included: np.ndarray,
    derived: np.ndarray,
    relationships: np.ndarray,
    roof: np.ndarray,
    indicator: list[str],
    difficulty: np.ndarray,
    causes: dict[int, dict[int, float]],
    *,
    revenue: np.ndarray | None = None,
    scale_low: float = 1,
    scale_high: float = 5,
    blend_lambda: float = 0.5,
    target_policy: str = "plus_one",
    declared_targets=None,
    sales_points: dict[str, float] | None = None,
    segments: dict[str, np.ndarray] | None = None,
    bootstrap: int = 1000,
    seed: int = 0,
) -> QFDModel:
    """Everything of stages 3–4 of the method for one project.

    ``outcome`` is the driver model's outcome per respondent (NaN = not linked), ``included``
    which touchpoints entered the driver model, ``derived`` their normalised shares spread over
    all touchpoints; ``revenue`` (money, not logged) per respondent feeds the revenue at risk
    behind suggested sales points.
    """
    tps = tuple(touchpoints)
    mid = (scale_low + scale_high) / 2
    at_risk = (
        revenue_at_risk(satisfaction, revenue, mid)
        if revenue is not None
        else np.full(len(tps), np.nan)
    )
    suggested = suggest_sales_points(at_risk) if revenue is not None else None
    common = dict(
        competitor=competitor,
        scale_high=scale_high,
        blend_lambda=blend_lambda,
        target_policy=target_policy,
        declared_targets=declared_targets,
        sales_points=sales_points,
        suggested_sales_points=suggested,
    )
    pm = planning_matrix(tps, importance, satisfaction, derived, **common)
    seg_pm = {}
    for name, mask in (segments or {}).items():
        if mask.sum() >= 2:
            seg_common = dict(common, competitor=None if competitor is None else competitor[mask])
            seg_pm[name] = planning_matrix(
                tps, importance[mask], satisfaction[mask], derived, **seg_common
            )
    ti = technical_importance(pm.weight, relationships)
    by_scale = {name: technical_importance(pm.weight, relationships, scale=name) for name in SCALES}
    diff = np.asarray(difficulty, dtype=float)
    per_difficulty = np.where(diff > 0, ti.relative / diff, np.nan)
    conflicts = roof_conflicts(roof, ti.relative)
    casc = cascade(ti.absolute, indicator, causes)

    # Bootstrap: the whole chain on each resample of respondents.
    n = importance.shape[0]
    tp_reps = np.zeros((bootstrap, len(tps)))
    ch_reps = np.zeros((bootstrap, relationships.shape[1]))
    if bootstrap:
        linked = ~np.isnan(outcome)
        data = np.column_stack([satisfaction[linked][:, included], outcome[linked]])
        parts = {"shares": [], "stated": [], "sat": [], "comp": []}
        for counts in bootstrap_counts(n, bootstrap, seed, importance.shape[1] * 3):
            parts["shares"].append(weighted_shares(data, counts[:, linked]))
            parts["stated"].append(weighted_mean(importance, counts))
            parts["sat"].append(weighted_mean(satisfaction, counts))
            if competitor is not None:
                parts["comp"].append(weighted_mean(competitor, counts))
        shares, stated, sat = (np.concatenate(parts[k]) for k in ("shares", "stated", "sat"))
        comp = np.concatenate(parts["comp"]) if competitor is not None else None
        for k in range(bootstrap):
            d = np.zeros(len(tps))
            d[included] = shares[k]
            pmk = planning_matrix(
                tps,
                stated[k][None, :],
                sat[k][None, :],
                d,
                **dict(common, competitor=None if comp is None else comp[k][None, :]),
            )
            tp_reps[k] = pmk.weight
            ch_reps[k] = technical_importance(pmk.weight, relationships).absolute
    alt_tp = {}  # touchpoint weights do not depend on the relationship scale
    tp_stab = rank_stability(pm.weight, tp_reps, alt_tp, seed if bootstrap else None)
    ch_stab = rank_stability(
        ti.absolute,
        ch_reps,
        {k: v.absolute for k, v in by_scale.items()},
        seed if bootstrap else None,
    )
    return QFDModel(
        pm,
        seg_pm,
        at_risk,
        ti,
        by_scale,
        per_difficulty,
        conflicts,
        casc,
        tp_stab,
        ch_stab,
        seed if bootstrap else None,
    )
