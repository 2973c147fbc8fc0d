"""The QFD model of a project: planning matrix → House of Quality → cascade, with stability.

Stability propagates the survey's uncertainty to the ranking: every bootstrap replicate
resamples respondents, recomputes stated importance, satisfaction and the derived importance
(shares of R²) from the same resample, rebuilds the planning matrix and the technical
importance, and ranks again. Alternative relationship scales are compared to 9-3-1 with
Kendall's τ. The result says which items are reliably ahead and which are tied.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from qfd.bootstrap import bootstrap_counts, weighted_mean
from qfd.drivers.key_drivers import DriverReport
from qfd.drivers.relative_importance import weighted_shares
from qfd.errors import check_integer
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

__all__ = ["House", "PlanningRules", "QFDModel", "SurveyAnswers", "qfd_model"]


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


@dataclass(frozen=True)
class SurveyAnswers:
    """What the interviews hold, respondents × touchpoints, NaN where not answered."""

    touchpoints: tuple[str, ...]
    importance: np.ndarray
    satisfaction: np.ndarray
    competitor: np.ndarray | None = None


@dataclass(frozen=True)
class House:
    """The House of Quality inputs: touchpoints × characteristics relationships (9/3/1), the
    roof (−2..2), lagging/leading per characteristic, difficulty, and the phase-2 causes
    ``causes[lagging][leading] = strength``."""

    relationships: np.ndarray
    roof: np.ndarray
    indicator: tuple[str, ...]
    difficulty: np.ndarray
    causes: dict[int, dict[int, float]] = field(default_factory=dict)

    @classmethod
    def empty(cls, touchpoints: int) -> House:
        return cls(np.zeros((touchpoints, 0)), np.zeros((0, 0)), (), np.zeros(0))


@dataclass(frozen=True)
class PlanningRules:
    """The consultant's choices for the planning matrix (see :func:`~qfd.planning_matrix.planning_matrix`)."""

    scale_low: float = 1
    scale_high: float = 5
    blend_lambda: float = 0.5
    target_policy: str = "plus_one"
    declared_targets: np.ndarray | None = None
    sales_points: dict[str, float] = field(default_factory=dict)


def qfd_model(
    answers: SurveyAnswers,
    drivers: DriverReport,
    house: House,
    rules: PlanningRules | None = None,
    *,
    revenue: np.ndarray | None = None,
    segments: dict[str, np.ndarray] | None = None,
    bootstrap: int = 1000,
    seed: int = 0,
) -> QFDModel:
    """Everything of stages 3–4 of the method for one project.

    ``drivers`` gives the derived importance (normalised shares of R²) and the outcome per
    respondent the bootstrap resamples; ``revenue`` (money, not logged) per respondent feeds the
    revenue at risk behind suggested sales points; ``segments`` maps a name to a respondent mask.
    """
    bootstrap = check_integer("bootstrap", bootstrap, 0, 100_000)
    rules = rules or PlanningRules()
    tps = answers.touchpoints
    at_risk = (
        revenue_at_risk(answers.satisfaction, revenue, (rules.scale_low + rules.scale_high) / 2)
        if revenue is not None
        else np.full(len(tps), np.nan)
    )
    suggested = suggest_sales_points(at_risk) if revenue is not None else None
    derived = drivers.derived_importance
    pm = _planning(answers, derived, rules, suggested)
    seg_pm = {
        name: _planning(_subset(answers, mask), derived, rules, suggested)
        for name, mask in (segments or {}).items()
        if mask.sum() >= 2
    }
    ti = technical_importance(pm.weight, house.relationships)
    by_scale = {
        name: technical_importance(pm.weight, house.relationships, scale=name) for name in SCALES
    }
    diff = np.asarray(house.difficulty, dtype=float)
    per_difficulty = np.where(diff > 0, ti.relative / diff, np.nan)
    tp_reps, ch_reps = _bootstrap_weights(
        answers, drivers, house, rules, suggested, bootstrap, seed
    )
    recorded_seed = seed if bootstrap else None
    tp_stab = rank_stability(pm.weight, tp_reps, {}, recorded_seed)  # no scale dependence
    ch_stab = rank_stability(
        ti.absolute, ch_reps, {k: v.absolute for k, v in by_scale.items()}, recorded_seed
    )
    return QFDModel(
        pm,
        seg_pm,
        at_risk,
        ti,
        by_scale,
        per_difficulty,
        roof_conflicts(house.roof, ti.relative),
        cascade(ti.absolute, list(house.indicator), house.causes),
        tp_stab,
        ch_stab,
        recorded_seed,
    )


def _subset(answers: SurveyAnswers, mask: np.ndarray) -> SurveyAnswers:
    comp = None if answers.competitor is None else answers.competitor[mask]
    return SurveyAnswers(
        answers.touchpoints, answers.importance[mask], answers.satisfaction[mask], comp
    )


def _planning(answers: SurveyAnswers, derived, rules: PlanningRules, suggested) -> PlanningMatrix:
    return planning_matrix(
        answers.touchpoints,
        answers.importance,
        answers.satisfaction,
        derived,
        competitor=answers.competitor,
        scale_high=rules.scale_high,
        blend_lambda=rules.blend_lambda,
        target_policy=rules.target_policy,
        declared_targets=rules.declared_targets,
        sales_points=rules.sales_points,
        suggested_sales_points=suggested,
    )


def _bootstrap_weights(answers, drivers, house, rules, suggested, bootstrap: int, seed: int):
    """Touchpoint weights and technical importance on each resample of respondents: the whole
    chain (stated importance, satisfaction, R² shares, planning matrix, House) recomputed."""
    n_tp, n_ch = len(answers.touchpoints), house.relationships.shape[1]
    tp_reps, ch_reps = np.zeros((bootstrap, n_tp)), np.zeros((bootstrap, n_ch))
    if not bootstrap:
        return tp_reps, ch_reps
    outcome, included = drivers.outcome.values, drivers.included
    linked = ~np.isnan(outcome)
    data = np.column_stack([answers.satisfaction[linked][:, included], outcome[linked]])
    parts = {"shares": [], "stated": [], "sat": [], "comp": []}
    n = answers.importance.shape[0]
    for counts in bootstrap_counts(n, bootstrap, seed, n_tp * 3):
        parts["shares"].append(weighted_shares(data, counts[:, linked]))
        parts["stated"].append(weighted_mean(answers.importance, counts))
        parts["sat"].append(weighted_mean(answers.satisfaction, counts))
        if answers.competitor is not None:
            parts["comp"].append(weighted_mean(answers.competitor, counts))
    shares, stated, sat = (np.concatenate(parts[k]) for k in ("shares", "stated", "sat"))
    comp = np.concatenate(parts["comp"]) if answers.competitor is not None else None
    for k in range(bootstrap):
        d = np.zeros(n_tp)
        d[included] = shares[k]
        replicate = SurveyAnswers(
            answers.touchpoints,
            stated[k][None, :],
            sat[k][None, :],
            None if comp is None else comp[k][None, :],
        )
        weights = _planning(replicate, d, rules, suggested).weight
        tp_reps[k] = weights
        ch_reps[k] = technical_importance(weights, house.relationships).absolute
    return tp_reps, ch_reps
