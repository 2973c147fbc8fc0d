"""The QFD model of a project: planning matrix → House of Quality → cascade, with stability.

Stability propagates the survey's uncertainty to the ranking: every bootstrap replicate
resamples respondents, recomputes stated importance, satisfaction, the derived importance
(shares of R², taken from the driver model's own replicates of the same resamples) and the
suggested sales points from the same resample, rebuilds the planning matrix and the technical
importance, and ranks again. Alternative relationship scales are compared to 9-3-1 with
Kendall's τ. The result says which items are reliably ahead and which are tied.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from qfd.bootstrap import bootstrap_counts, weighted_mean
from qfd.drivers.key_drivers import DriverReport
from qfd.drivers.relative_importance import relative_importance
from qfd.errors import check_integer, check_weights
from qfd.house_of_quality import (
    SCALES,
    Cascade,
    Conflict,
    TechnicalImportance,
    cascade,
    rescale,
    roof_conflicts,
    scale_values,
    strengths,
    technical_importance,
)
from qfd.notes import note
from qfd.planning_matrix import (
    PlanningMatrix,
    dissatisfied_count,
    planning_matrix,
    planning_weights,
    revenue_at_risk,
    sales_point_column,
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
    dissatisfied: np.ndarray | None = None  # linked dissatisfied respondents behind each SP
    sales_point_support: np.ndarray | None = None  # share of resamples suggesting the same SP
    # (NaN where the SP is declared)


@dataclass(frozen=True)
class SurveyAnswers:
    """What the interviews hold, respondents × touchpoints, NaN where not answered; ``weights``
    are survey weights (None = every respondent counts once)."""

    touchpoints: tuple[str, ...]
    importance: np.ndarray
    satisfaction: np.ndarray
    competitor: np.ndarray | None = None
    weights: np.ndarray | None = None


@dataclass(frozen=True)
class House:
    """The House of Quality inputs: touchpoints × characteristics relationships written on
    ``scale`` (9/3/1 by default), the roof (−2..2), lagging/leading per characteristic,
    difficulty, and the phase-2 causes ``causes[lagging][leading] = strength``."""

    relationships: np.ndarray
    roof: np.ndarray
    indicator: tuple[str, ...]
    difficulty: np.ndarray
    causes: dict[int, dict[int, float]] = field(default_factory=dict)
    scale: str | tuple[float, float, float] = "9-3-1"

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

    ``drivers`` gives the derived importance (normalised shares of R²) — or, when the data do
    not support the driver model, nothing: the blend λ is then 1 and a note says why;
    ``revenue`` (money, not logged) per respondent feeds the revenue at risk behind suggested
    sales points; ``segments`` maps a name to a respondent mask. The bootstrap draws the same
    resamples as the driver model (same n, B and seed) and reuses its replicate shares.
    """
    bootstrap = check_integer("bootstrap", bootstrap, 0, 100_000)
    rules = rules or PlanningRules()
    notes = []
    stated_asked = bool((~np.isnan(answers.importance)).any())
    chosen = rules.blend_lambda
    if not drivers.derived_used:
        rules = replace(rules, blend_lambda=1.0)
        notes.append(drivers.unsupported)
    if not stated_asked:  # a satisfaction-only survey: W0 is what the drivers give, or equal
        rules = replace(rules, blend_lambda=0.0 if drivers.derived_used else 1.0)
        notes.append(note("no_stated_importance" if drivers.derived_used else "no_importance"))
    if rules.blend_lambda != chosen:  # said, never replaced silently
        notes.append(note("lambda_replaced", chosen=chosen, used=rules.blend_lambda))
    tps = answers.touchpoints
    weights = check_weights(answers.weights, answers.satisfaction.shape[0])
    answers = replace(answers, weights=weights)
    mid = (rules.scale_low + rules.scale_high) / 2
    at_risk = np.full(len(tps), np.nan)
    dissatisfied = suggested = None
    if revenue is not None:
        at_risk = revenue_at_risk(answers.satisfaction, revenue, mid, weights)
        dissatisfied = dissatisfied_count(answers.satisfaction, revenue, mid)
        suggested = suggest_sales_points(at_risk, dissatisfied)
    derived = drivers.derived_importance
    pm = _planning(answers, derived, rules, suggested)
    seg_pm = {
        name: _planning(_subset(answers, mask), derived, rules, suggested)
        for name, mask in (segments or {}).items()
        if mask.sum() >= 2
    }
    levels = strengths(house.relationships, house.scale)
    ti = technical_importance(pm.weight, house.relationships, scale=house.scale)
    by_scale = {name: _ti(pm.weight, levels, name) for name in SCALES}
    diff = np.asarray(house.difficulty, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_difficulty = np.where(diff > 0, ti.relative / diff, np.nan)
    boot = _bootstrap_weights(answers, drivers, house, rules, revenue, bootstrap, seed, notes)
    support = None
    if boot.sales_points is not None and suggested is not None:
        support = (boot.sales_points == pm.sales_point[None, :]).mean(axis=0)
        declared = np.array([src == "declared" for src in pm.sales_point_source])
        support = np.where(declared, np.nan, support)  # a declared SP is fixed, not estimated
    for j in np.flatnonzero(pm.suggested):  # said, never applied silently
        notes.append(
            note(
                "sales_point_suggested",
                tp=tps[j],
                sp=float(pm.sales_point[j]),
                share=float(at_risk[j]),
                n=int(dissatisfied[j]),
                support=math.nan if support is None else float(support[j]),
            )
        )
    recorded_seed = seed if boot.replicates else None
    tp_stab = rank_stability(pm.weight, boot.weights, {}, recorded_seed)  # no scale dependence
    ch_stab = rank_stability(
        ti.absolute, boot.technical, {k: v.absolute for k, v in by_scale.items()}, recorded_seed
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
        tuple(notes),
        dissatisfied,
        support,
    )


def _ti(weights: np.ndarray, levels: np.ndarray, scale) -> TechnicalImportance:
    """Technical importance from strength levels (3/2/1/0) read on ``scale``."""
    table = np.array([0.0, *reversed(scale_values(scale))])
    return technical_importance(weights, table[levels], scale=scale)


def _subset(answers: SurveyAnswers, mask: np.ndarray) -> SurveyAnswers:
    comp = None if answers.competitor is None else answers.competitor[mask]
    w = None if answers.weights is None else answers.weights[mask]
    return SurveyAnswers(
        answers.touchpoints, answers.importance[mask], answers.satisfaction[mask], comp, w
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
        weights=answers.weights,
    )


@dataclass(frozen=True)
class _Replicates:
    replicates: int
    weights: np.ndarray  # B × touchpoints
    technical: np.ndarray  # B × characteristics
    sales_points: np.ndarray | None  # B × touchpoints (suggested ones recomputed)


def _bootstrap_weights(answers, drivers, house, rules, revenue, bootstrap: int, seed: int, notes):
    """Touchpoint weights and technical importance on each resample of respondents: the whole
    chain (stated importance, satisfaction, derived importance, revenue at risk and suggested
    sales points, planning matrix, House) recomputed, all replicates at once."""
    n_tp, n_ch = len(answers.touchpoints), house.relationships.shape[1]
    derived_reps = _derived_replicates(answers, drivers, bootstrap, seed)
    if derived_reps is not None:
        bootstrap = len(derived_reps)
    if not bootstrap:
        return _Replicates(0, np.zeros((0, n_tp)), np.zeros((0, n_ch)), None)
    w = np.ones(answers.satisfaction.shape[0]) if answers.weights is None else answers.weights
    mid = (rules.scale_low + rules.scale_high) / 2
    parts: dict[str, list] = {"stated": [], "sat": [], "comp": [], "sp": []}
    for counts in bootstrap_counts(answers.satisfaction.shape[0], bootstrap, seed):
        cw = counts * w[None, :]
        parts["stated"].append(weighted_mean(answers.importance, cw))
        parts["sat"].append(weighted_mean(answers.satisfaction, cw))
        if answers.competitor is not None:
            parts["comp"].append(weighted_mean(answers.competitor, cw))
        if revenue is not None:
            risk = revenue_at_risk(answers.satisfaction, revenue, mid, cw)
            low = dissatisfied_count(answers.satisfaction, revenue, mid, counts)
            parts["sp"].append(suggest_sales_points(risk, low))
    stated, sat = np.concatenate(parts["stated"]), np.concatenate(parts["sat"])
    comp = np.concatenate(parts["comp"]) if parts["comp"] else np.full_like(sat, np.nan)
    sp = np.concatenate(parts["sp"]) if parts["sp"] else None
    sp_used, _ = sales_point_column(answers.touchpoints, rules.sales_points, None)
    declared = np.array([tp in rules.sales_points for tp in answers.touchpoints])
    sales = np.broadcast_to(sp_used, sat.shape) if sp is None else np.where(declared, sp_used, sp)
    derived = np.zeros_like(sat) if derived_reps is None else derived_reps
    weights = planning_weights(
        stated,
        sat,
        comp,
        derived,
        sales,
        scale_high=rules.scale_high,
        blend_lambda=rules.blend_lambda,
        target_policy=rules.target_policy,
        declared_targets=rules.declared_targets,
    )["weight"]
    technical = weights @ rescale(house.relationships, house.scale, to=house.scale)
    return _Replicates(bootstrap, weights, technical, sp)


def _derived_replicates(answers, drivers: DriverReport, bootstrap: int, seed: int):
    """The derived importance of every resample (B × touchpoints), taken from the driver
    model's own bootstrap when it drew the same resamples; recomputed otherwise. None when the
    derived importance is not used (λ = 1)."""
    if not drivers.derived_used or not bootstrap:
        return None
    ri = drivers.importance
    if ri.bootstrap_shares is not None and ri.seed == seed:
        # the same (n, seed) give the same stream of resamples: the first B are shared
        reps = ri.bootstrap_normalised[:bootstrap]
    else:
        again = relative_importance(
            answers.satisfaction[:, drivers.included],
            drivers.outcome.values,
            method=ri.method,
            missing=ri.missing,
            weights=answers.weights,
            bootstrap=bootstrap,
            seed=seed,
        )
        reps = again.bootstrap_normalised
    out = np.zeros((len(reps), len(answers.touchpoints)))
    out[:, drivers.included] = reps
    return out
