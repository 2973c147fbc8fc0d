"""From a validated project to the analysis results the exports need.

The stages call the pure computations in ``qfd`` and ``kpi_tree`` with plain arrays taken
from the :class:`~workbooks.project.Project`; this module only wires them together.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from qfd.behaviour.outcome import Outcome, column_outcome, respondent_outcome
from qfd.errors import AnalysisError
from qfd.notes import Note, note
from workbooks.locale import tr
from workbooks.project import Project
from workbooks.project.engines import open_engine

if TYPE_CHECKING:  # heavy modules (scipy, networkx) are imported by the stages that use them
    import networkx as nx

    from kpi_tree.bottlenecks import TreeAnalysis
    from kpi_tree.data_audit import DataAudit
    from kpi_tree.process import ProcessResult
    from qfd.behaviour.clv import CustomerValue
    from qfd.behaviour.measures import RFM, Basket, ClientBehaviour, Pareto
    from qfd.behaviour.segments import Portrait, Segmentation, SegmentPriority
    from qfd.drivers.key_drivers import DriverReport
    from qfd.priorities import House, QFDModel
    from qfd.survey.metrics import Comparison, SegmentNPS, TouchpointMetrics

__all__ = ["STAGES", "Analysis", "analyse", "behaviour_of", "drivers_of", "segment_masks"]


@dataclass(frozen=True)
class Analysis:
    project: Project
    behaviour: ClientBehaviour | None
    outcome: Outcome
    drivers: DriverReport
    metrics: list[TouchpointMetrics]
    comparisons: list[Comparison]
    segments: dict[str, np.ndarray]
    qfd: QFDModel | None = None
    kpi: KPIResults | None = None
    clusters: SegmentResults | None = None
    notes: tuple[Note, ...] = ()  # stages that could not run on this data, and why
    nps: tuple[SegmentNPS, ...] = ()  # the respondents' NPS, all ("*") and per segment
    # set by workbooks.followup when the workbook has the journey-design / monitoring sheets:
    # a workbooks.journey.JourneyResults and a workbooks.monitoring.Monitoring (both import
    # this module, hence no annotation here)
    journey: object | None = None
    monitoring: object | None = None


def segment_masks(
    project: Project, clusters: SegmentResults | None = None
) -> dict[str, np.ndarray]:
    """Respondent masks by the segment column named in the settings (a respondent attribute,
    or a column of the Clients sheet through each respondent's client), or else by the k-means
    segments of their clients."""
    column = project.settings.segment_column
    iv = project.interviews
    if iv is None:
        return {}
    if not column:
        if clusters is None:
            return {}
        return {
            f"S{p.segment + 1} {p.name}": clusters.respondent_segment == p.segment
            for p in clusters.portraits
        }
    from workbooks.project.load import respondent_values

    raw = respondent_values(iv, project.clients, column)
    if raw is None:  # validation refuses such a name; a Project built by hand may still have it
        return {}
    values = np.array(["" if v is None else str(v).strip() for v in raw], dtype=object)
    return {v: values == v for v in sorted(set(values)) if v}


@dataclass(frozen=True)
class SegmentResults:
    segmentation: Segmentation
    portraits: list[Portrait]
    priority: SegmentPriority
    respondent_segment: np.ndarray  # segment per respondent, -1 where the client is unknown


def client_features(project: Project, behaviour: ClientBehaviour | None):
    """Numeric and categorical features of every client with transactions (and attributes)."""
    from workbooks.project.values import parse_number

    ids = list(behaviour.client_ids) if behaviour is not None else list(project.clients)
    attrs = {}
    for cid in ids:
        for k, v in project.clients.get(cid, {}).items():
            if k != "client_name":
                attrs.setdefault(k, {})[cid] = v
    numeric, categorical = {}, {}
    for name, values in attrs.items():
        column = [values.get(cid) for cid in ids]
        nums = [parse_number(v) for v in column]
        if sum(x is not None for x in nums) >= 0.8 * len(ids):
            numeric[name] = np.array([np.nan if x is None else x for x in nums])
        elif len({v for v in column if v is not None}) <= 20:
            categorical[name] = np.array(column, dtype=object)
    if behaviour is not None:
        # raw values: the segmentation puts skewed ones on a log scale itself
        # named in the workbook's language, like the client attributes beside them
        lang = project.settings.language
        numeric[tr("feature_monetary", lang)] = behaviour.monetary
        numeric[tr("feature_frequency", lang)] = behaviour.frequency
        numeric[tr("feature_recency", lang)] = behaviour.recency_days
    return np.array(ids, dtype=object), numeric, categorical


def segments_of(project: Project, behaviour: ClientBehaviour | None) -> SegmentResults:
    """k-means segments of the client base, portraits, interviewees attached, priority."""
    from qfd.behaviour.segments import portraits, segment_clients, segment_priority

    ids, numeric, categorical = client_features(project, behaviour)
    if not len(ids) or not (numeric or categorical):
        raise AnalysisError("no_client_data")
    seg = segment_clients(ids, numeric, categorical, seed=project.settings.seed)
    revenue = behaviour.revenue if behaviour is not None else None
    ports = portraits(seg, numeric, categorical, revenue)
    index = {cid: i for i, cid in enumerate(ids)}
    iv = project.interviews
    resp_seg = np.array([seg.labels[index[c]] if c in index else -1 for c in iv.client_ids])
    scale = project.settings.satisfaction_scale
    prio = segment_priority(
        ports, resp_seg, iv.satisfaction, iv.touchpoints, scale.low, scale.high, iv.weights
    )
    return SegmentResults(seg, ports, prio, resp_seg)


def behaviour_of(project: Project) -> ClientBehaviour | None:
    from qfd.behaviour.measures import client_behaviour

    if project.transactions is None:
        return None
    with open_engine(project.transactions) as engine:
        return client_behaviour(
            engine, project.settings.analysis_date, project.settings.window_months
        )


def drivers_of(
    project: Project,
    behaviour: ClientBehaviour | None,
    bootstrap: int | None = None,
    betas: bool = True,
):
    from qfd.drivers.key_drivers import key_drivers

    iv = project.interviews
    s = project.settings
    if project.outcome_values is not None:  # the outcome column named in the settings
        outcome = column_outcome(s.outcome, project.outcome_values)
    else:
        outcome = respondent_outcome(
            s.outcome, iv.client_ids, behaviour, iv.overall, iv.nps, iv.respondent_types
        )
    report = key_drivers(
        iv.satisfaction,
        iv.touchpoints,
        outcome,
        weights=iv.weights,
        bootstrap=s.bootstrap if bootstrap is None else bootstrap,
        seed=s.seed,
        betas=betas,
    )
    return outcome, report


# What each stage needs before it can run. "segments" are the respondent masks (the k-means
# "clusters" join them when the project names no segment column); "kpi" ranks its actions by
# the planning weights, which are point estimates: without the "qfd" stage it gets them from a
# planning matrix without the bootstrap.
STAGES = ("behaviour", "clusters", "segments", "drivers", "metrics", "qfd", "kpi")
NEEDS = {
    "behaviour": (),
    "clusters": ("behaviour",),
    "segments": (),
    "drivers": ("behaviour", "metrics"),  # metrics: the NPS beside the model (by segment)
    "metrics": ("segments",),
    "qfd": ("behaviour", "drivers", "segments", "metrics"),  # metrics: quadrant borders
    "kpi": ("behaviour",),
}


def needed_stages(wanted: Collection[str]) -> set[str]:
    """The stages ``wanted`` with every stage they need.

    >>> sorted(needed_stages(["drivers"]))
    ['behaviour', 'drivers', 'metrics', 'segments']
    """
    out: set[str] = set()
    todo = list(wanted)
    while todo:
        stage = todo.pop()
        if stage not in NEEDS:
            raise ValueError(f"unknown analysis stage {stage!r}")
        if stage not in out:
            out.add(stage)
            todo += NEEDS[stage]
    return out


def analyse(
    project: Project,
    *,
    bootstrap: int | None = None,
    progress: Callable[[str], None] | None = None,
    stages: Collection[str] = STAGES,
    betas: bool = True,
) -> Analysis:
    """Run the analysis ``stages`` (all by default) and those they need on a validated project.

    A command that shows one part runs only what that part needs; the results of a stage are
    the same whichever others run with it (the parts left out are ``None`` or empty).
    ``betas=False`` leaves out the drivers' standardised betas (without a bootstrap they take
    multiple imputation, seconds), for a caller that shows no betas.
    """
    say = progress or (lambda _: None)
    run = needed_stages(stages)
    if "segments" in run and not project.settings.segment_column:
        run |= needed_stages(["clusters"])  # the masks are the k-means segments
    iv = project.interviews
    notes: list[Note] = []
    behaviour = clusters = outcome = report = model = kpi = None
    segments: dict[str, np.ndarray] = {}
    metrics, comparisons, nps = [], [], ()
    if "behaviour" in run:
        say("behaviour")
        behaviour = behaviour_of(project)
    if "clusters" in run:
        say("segments")
        try:
            clusters = segments_of(project, behaviour)
        except AnalysisError as exc:  # too few clients or attributes: the analysis goes on without
            notes.append(note("segments_skipped", reason=exc.note))
    if "segments" in run:
        segments = segment_masks(project, clusters)
    if "drivers" in run:
        say("drivers")
        outcome, report = drivers_of(project, behaviour, bootstrap, betas)
    if "metrics" in run:
        metrics, comparisons, tested_notes = metrics_of(project, segments)
        notes += tested_notes
        nps = tuple(_segment_nps(iv.nps, segments, iv.weights))
    if clusters is not None:
        notes += clusters.priority.notes
    if "qfd" in run:
        say("qfd")
        model = qfd_of(project, behaviour, outcome, report, segments, bootstrap)
    if "kpi" in run:
        say("kpi")
        planning = model.planning if model is not None else planning_of(project, behaviour)
        kpi = kpi_of(project, dict(zip(planning.touchpoints, planning.weight, strict=True)))
    return Analysis(
        project,
        behaviour,
        outcome,
        report,
        metrics,
        comparisons,
        segments,
        model,
        kpi,
        clusters,
        tuple(notes),
        nps,
    )


def _segment_nps(*args):
    from qfd.survey.metrics import segment_nps

    return segment_nps(*args)


def metrics_of(project: Project, segments: dict[str, np.ndarray]):
    """Touchpoint metrics, the tests between segments and the notes of the tests skipped."""
    from qfd.survey.metrics import segment_comparisons, touchpoint_metrics

    iv = project.interviews
    scale = project.settings.satisfaction_scale
    metrics = touchpoint_metrics(
        iv.satisfaction,
        iv.reasons["satisfaction"],
        iv.touchpoints,
        scale.low,
        scale.high,
        segments,
        weights=iv.weights,
    )
    if not segments:
        return metrics, [], []
    tested = segment_comparisons(
        iv.satisfaction,
        iv.touchpoints,
        segments,
        scale.high,
        weights=iv.weights,
        nps_scores=iv.nps,
    )
    return metrics, list(tested.tests), list(tested.skipped)


def planning_of(project: Project, behaviour):
    """The planning matrix alone (point estimates: no bootstrap, no segments, no betas), for
    the stages that rank by its weights."""
    outcome, report = drivers_of(project, behaviour, bootstrap=0, betas=False)
    return qfd_of(project, behaviour, outcome, report, {}, bootstrap=0).planning


@dataclass(frozen=True)
class KPIResults:
    trees: dict[str, nx.DiGraph]  # per touchpoint
    analyses: dict[str, TreeAnalysis]
    processes: dict[str, ProcessResult]
    audit: DataAudit
    actions: list[tuple[str, str, float]]  # (touchpoint, kpi, score) ranked across touchpoints


def kpi_of(project: Project, priority: dict[str, float] | None = None) -> KPIResults:
    """KPI trees, bottlenecks, process limits and the data audit of a project."""
    from kpi_tree.bottlenecks import analyse_tree
    from kpi_tree.data_audit import data_audit
    from kpi_tree.process import process_bottleneck
    from kpi_tree.recommend import rank_actions
    from kpi_tree.tree import touchpoint_trees

    trees = touchpoint_trees(project.kpis) if project.kpis else {}
    analyses = {tp: analyse_tree(t, tp) for tp, t in trees.items()}
    processes = {}
    for tp in dict.fromkeys(s.touchpoint_id for s in project.processes):
        processes[tp] = process_bottleneck(
            tp, [s for s in project.processes if s.touchpoint_id == tp]
        )
    audit = data_audit(project.kpis, project.data_sources)
    return KPIResults(trees, analyses, processes, audit, rank_actions(analyses, priority or {}))


def qfd_of(
    project: Project,
    behaviour,
    outcome: Outcome,
    report: DriverReport,
    segments,
    bootstrap: int | None = None,
) -> QFDModel:
    """The planning matrix, House of Quality and their stability for the project."""
    from qfd.priorities import PlanningRules, SurveyAnswers, qfd_model

    iv = project.interviews
    s = project.settings
    # Interview columns follow the journey order of the touchpoints that were asked about.
    tp_index = [project.touchpoint_ids.index(t) for t in iv.touchpoints]
    revenue = None
    if behaviour is not None:
        revenue = np.expm1(respondent_outcome("revenue", iv.client_ids, behaviour).values)
    targets = np.array([project.touchpoints[i].target or np.nan for i in tp_index], dtype=float)
    rules = PlanningRules(
        s.satisfaction_scale.low,
        s.satisfaction_scale.high,
        s.blend_lambda,
        s.target_policy,
        targets,
        s.sales_points,
    )
    return qfd_model(
        SurveyAnswers(iv.touchpoints, iv.importance, iv.satisfaction, iv.competitor, iv.weights),
        report,
        house_of(project, tp_index),
        rules,
        revenue=revenue,
        segments=segments,
        bootstrap=s.bootstrap if bootstrap is None else bootstrap,
        seed=s.seed,
    )


def house_of(project: Project, tp_index: list[int]) -> House:
    """The House of Quality inputs of the project, rows in the order of ``tp_index``."""
    from qfd.priorities import House

    chars = project.characteristics
    if not chars:
        return House.empty(len(tp_index))
    char_index = {c.id: k for k, c in enumerate(chars)}
    causes = {
        k: {char_index[lead]: (w or 9.0) for lead, w in c.caused_by if lead in char_index}
        for k, c in enumerate(chars)
        if c.caused_by
    }
    return House(
        project.relationships[tp_index],
        project.roof,
        tuple(c.indicator for c in chars),
        np.array([np.nan if c.difficulty is None else c.difficulty for c in chars]),
        causes,
    )


@dataclass(frozen=True)
class BehaviourResults:
    behaviour: ClientBehaviour
    rfm: RFM
    pareto: Pareto
    basket: Basket
    value: CustomerValue
    engine: str


def behaviour_results(
    project: Project, transactions=None, engine: str = "duckdb", master: str | None = None
) -> BehaviourResults:
    """Everything of the payment-behaviour stage, on DuckDB or Spark."""
    from qfd.behaviour.clv import customer_value
    from qfd.behaviour.measures import basket, client_behaviour, last_date, pareto, rfm_scores
    from workbooks.project.transactions import TransactionSource

    source = TransactionSource.from_file(transactions) if transactions else project.transactions
    if source is None:
        raise AnalysisError("behaviour_needs_transactions")
    s = project.settings
    with open_engine(source, engine, master) as eng:
        as_of = s.analysis_date or last_date(eng)
        b = client_behaviour(eng, as_of, s.window_months)
        rfm, par, bas = rfm_scores(eng, as_of), pareto(eng, as_of), basket(eng, as_of)
    return BehaviourResults(b, rfm, par, bas, customer_value(b), engine)
