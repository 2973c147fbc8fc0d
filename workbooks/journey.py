"""Journey design wired on a project and its analysis: as-is → to-be, personas, contact plans,
communication program and service levels.

The computations are in :mod:`qfd.journey`; this module takes their inputs from the validated
:class:`~workbooks.project.Project`, its :class:`~workbooks.analysis.Analysis` (behaviour,
clusters, QFD priorities, KPI trees) and the two journey-design sheets
(:mod:`workbooks.project.journey_sheets`), and runs the two extra queries on the transactions
(inter-purchase gaps, months and products per client).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qfd.behaviour.clv import CustomerValue, customer_value
from qfd.behaviour.habits import PurchaseHabits, period_days, purchase_habits
from qfd.behaviour.intervals import purchase_gaps
from qfd.journey.communication import (
    ProgramRow,
    ServiceLevel,
    TouchpointInfo,
    program,
    service_level,
    split_channels,
)
from qfd.journey.contact import ContactPlan, contact_plan
from qfd.journey.paths import JourneyComparison, compare_paths
from qfd.journey.personas import (
    CrossTable,
    Persona,
    Survey,
    brackets,
    cross_table,
    members,
    persona,
    seasonality,
    typical_basket,
)
from qfd.notes import Note, note
from workbooks.analysis import Analysis
from workbooks.errors import Problems
from workbooks.project import Project
from workbooks.project.engines import open_engine
from workbooks.project.journey_schema import CLUSTER_NAME
from workbooks.project.journey_sheets import (
    JourneyDesign,
    interview_comments,
    read_journey_design,
    typed_column,
)
from workbooks.project.reader import read_grids
from workbooks.project.tables import Ctx
from workbooks.project.transactions import reading_once

__all__ = ["JourneyResults", "journey_of", "journey_of_workbook", "read_design"]

BEHAVIOUR_COLUMNS = {
    "revenue": "revenue",
    "orders": "frequency",
    "check": "monetary",
    "recency": "recency_days",
}


@dataclass(frozen=True)
class JourneyResults:
    design: JourneyDesign
    comparison: JourneyComparison | None  # None without the paths sheet
    cross: CrossTable | None  # clusters × attribute segments (clients)
    cross_respondents: CrossTable | None  # for rules over respondent attributes
    personas: tuple[Persona, ...]
    cluster_names: dict[str, str]  # "S1" -> the portrait's name
    plans: dict[str, ContactPlan]  # by segment: clusters "S1"…, then attribute segments
    program: tuple[ProgramRow, ...]
    service: tuple[ServiceLevel, ...]
    bracket: str  # the attribute the average check is split by ("" when none)
    notes: tuple[Note, ...] = ()

    def label(self, segment: str) -> str:
        """A segment as the outputs show it: a cluster with its portrait's name ("S1 …"), an
        attribute segment by its own name."""
        name = self.cluster_names.get(segment)
        return segment if name is None else f"{segment} {name}"


def read_design(
    project: Project, lang: str = "ru", grids: dict | None = None
) -> tuple[JourneyDesign, tuple, tuple]:
    """The journey-design sheets of the project's workbook with the respondents' comments,
    validated; raises :class:`~workbooks.errors.ProjectError` listing every problem.
    Returns (design, comments per respondent, warnings); ``grids``: the workbook's sheets when
    already read."""
    problems = Problems(source=Path(project.source).name, lang=lang)
    grids = read_grids(project.source, lang) if grids is None else grids
    iv = project.interviews
    design = read_journey_design(
        grids,
        project.touchpoints,
        project.clients,
        iv.attributes if iv is not None else {},
        Ctx(problems, lang),
    )
    problems.raise_if_any()
    comments = interview_comments(grids, iv.rows) if iv is not None else ()
    return design, comments, tuple(problems.warnings)


def _client_columns(project: Project, ids) -> dict[str, np.ndarray]:
    names = dict.fromkeys(
        k for attrs in project.clients.values() for k in attrs if k != "client_name"
    )
    return {
        f"client:{name}": typed_column([project.clients.get(c, {}).get(name) for c in ids])
        for name in names
    }


def _respondent_columns(project: Project, client_columns_of) -> dict[str, np.ndarray]:
    iv = project.interviews
    cols = {f"respondent:{k}": typed_column(v) for k, v in iv.attributes.items()}
    cols.update(client_columns_of(iv.client_ids))
    return cols


def _touchpoint_info(project: Project, analysis: Analysis) -> dict[str, TouchpointInfo]:
    rank = {}
    if analysis.qfd is not None:
        pm = analysis.qfd.planning
        rank = {t: int(r) for t, r in zip(pm.touchpoints, pm.rank, strict=True)}
    # the KPI a message moves: the touchpoint's client-level KPI; its owner: whoever owns the
    # touchpoint's process KPIs (they run the step), else the client-level KPI's owner
    kpi, owner = {}, {}
    for k in sorted(project.kpis, key=lambda k: (k.level != "client", k.id)):
        kpi.setdefault(k.touchpoint_id, k)
    for k in sorted(project.kpis, key=lambda k: (k.level != "process", k.level != "client", k.id)):
        if k.owner:
            owner.setdefault(k.touchpoint_id, k.owner)
    return {
        t.id: TouchpointInfo(
            t.id,
            t.stage,
            t.stage_order,
            t.channels,
            f"{kpi[t.id].id} {kpi[t.id].name}" if t.id in kpi else "",
            owner.get(t.id, ""),
            rank.get(t.id, 0),
        )
        for t in project.touchpoints
    }


def _season(habits: PurchaseHabits, ids: set, first: int, months: int) -> np.ndarray:
    """Orders of the clients ``ids`` in each month of the series (period ``first`` on)."""
    orders = np.zeros(months)
    for c, m, n in zip(habits.month_clients, habits.periods, habits.month_orders, strict=True):
        if c in ids and 0 <= m - first < months:
            orders[m - first] += n
    return orders


def _basket(habits: PurchaseHabits, ids: set, orders: float):
    by_orders: Counter[str] = Counter()
    by_revenue: Counter[str] = Counter()
    for c, p, n, r in zip(
        habits.product_clients,
        habits.products,
        habits.product_orders,
        habits.product_revenue,
        strict=True,
    ):
        if c in ids:
            by_orders[p] += n
            by_revenue[p] += r
    return typical_basket(dict(by_orders), dict(by_revenue), orders)


def journey_of(
    project: Project,
    analysis: Analysis,
    design: JourneyDesign,
    comments: tuple = (),
    bracket: str | None = None,
) -> JourneyResults:
    """Everything of journey design for a project; parts that the data cannot support are left
    out with a note saying why."""
    notes: list[Note] = []
    b = analysis.behaviour
    clusters = analysis.clusters
    iv = project.interviews
    tp_info = _touchpoint_info(project, analysis)
    priority = {t: (i.rank, 0.0) for t, i in tp_info.items() if i.rank}
    if analysis.qfd is not None:
        pm = analysis.qfd.planning
        priority = {
            t: (int(r), float(w))
            for t, r, w in zip(pm.touchpoints, pm.rank, pm.weight, strict=True)
        }
    comparison = compare_paths(design.steps, priority) if design.has_paths else None

    gaps = habits = None
    value: CustomerValue | None = None
    if b is not None and project.transactions is not None:
        with open_engine(project.transactions) as engine:
            gaps = purchase_gaps(engine, b.as_of)
            habits = purchase_habits(engine, b.as_of)
        value = customer_value(b)
        notes += value.notes
    else:
        notes.append(note("journey_no_transactions"))

    ids = np.asarray(b.client_ids if b is not None else list(project.clients), dtype=object)
    index = {c: i for i, c in enumerate(ids)}
    columns = _client_columns(project, ids)
    if b is not None:
        for key, attr in BEHAVIOUR_COLUMNS.items():
            columns[f"behaviour:{key}"] = np.asarray(getattr(b, attr), dtype=float)

    def client_columns_of(client_ids):
        rows = [index.get(c, -1) for c in client_ids]
        out = {}
        for key, col in columns.items():
            pick = [col[r] if r >= 0 else (np.nan if col.dtype.kind == "f" else None) for r in rows]
            out[key] = np.array(pick, dtype=col.dtype)
        return out

    client_segments = [
        s
        for s in design.segments
        if not any(c.attribute.startswith("respondent:") for c in s.conditions)
    ]
    respondent_segments = [s for s in design.segments if s not in client_segments]
    masks = {s.name: members(s, columns, len(ids)) for s in client_segments}
    for s in client_segments:
        if not masks[s.name].any():
            notes.append(note("journey_segment_empty", segment=s.name))
    resp_masks = {}
    if respondent_segments and iv is not None:
        resp_cols = _respondent_columns(project, client_columns_of)
        resp_masks = {s.name: members(s, resp_cols, iv.n) for s in respondent_segments}

    # personas: one per cluster
    cross = cross_resp = None
    personas: list[Persona] = []
    cluster_names: dict[str, str] = {}
    bracket_name = ""
    cluster_masks: dict[str, np.ndarray] = {}
    if clusters is None:
        notes.append(note("journey_no_clusters"))
    else:
        seg = clusters.segmentation
        position = {c: i for i, c in enumerate(seg.client_ids)}
        labels = np.array([seg.labels[position[c]] if c in position else -1 for c in ids])
        if masks:
            cross = cross_table(labels, seg.k, masks)
        if resp_masks:
            cross_resp = cross_table(clusters.respondent_segment, seg.k, resp_masks)
        bracket_name, bracket_col = _bracket(columns, bracket)
        if bracket and bracket_col is None:
            known = ", ".join(k.split(":", 1)[1] for k in columns if k.startswith("client:"))
            notes.append(note("journey_bracket_unknown", name=bracket, known=known or "—"))
        edges = (
            brackets(bracket_col)
            if bracket_col is not None and bracket_col.dtype.kind == "f"
            else None
        )
        survey = Survey(
            np.asarray(clusters.respondent_segment),
            iv.touchpoints,
            iv.importance,
            iv.satisfaction,
            tuple(comments) or tuple(None for _ in range(iv.n)),
            np.array([np.nan if r is None else float(r == "decision_maker") for r in iv.roles]),
            {t.id: t.channels for t in project.touchpoints},
        )
        first, exposure = (
            period_days(habits.first, habits.as_of) if habits is not None else (0, np.zeros(0))
        )
        for p in clusters.portraits:
            key = f"S{p.segment + 1}"
            cluster_names[key] = p.name
            cluster_masks[key] = labels == p.segment
            rows = np.flatnonzero(cluster_masks[key])
            member_ids = set(ids[rows])
            if b is not None:
                behaviour = {
                    "revenue": b.revenue[rows],
                    "orders": b.frequency[rows],
                    "monthly": b.window_revenue[rows] / b.window_months,
                }
            else:
                behaviour = {"revenue": np.zeros(0), "orders": np.zeros(0), "monthly": np.zeros(0)}
            total_orders = float(behaviour["orders"].sum())
            orders = _season(habits, member_ids, first, len(exposure)) if habits else exposure
            season = seasonality(orders, exposure, first)
            basket = _basket(habits, member_ids, total_orders) if habits else ()
            falls = cross.falls_into(p.segment) if cross is not None else ()
            if cross_resp is not None:  # rules over respondents: the respondents' view
                falls += cross_resp.falls_into(p.segment)
            card = persona(
                p,
                falls,
                survey,
                behaviour,
                season,
                basket,
                # the check by bracket needs purchases: none without transactions
                bracket_col[rows] if bracket_col is not None and b is not None else None,
                edges,
                _path_channels(design, [key, *(name for name, _, _ in falls)]),
            )
            personas.append(card)

    # contact plans: clusters, then attribute segments over clients
    plans: dict[str, ContactPlan] = {}
    if b is not None and gaps is not None:
        model = value.bgnbd if value is not None else None
        base = (gaps.gap_days, gaps.client_ids)
        groups = dict(cluster_masks)
        groups.update(masks)
        for name, mask in groups.items():
            if not mask.any():
                continue
            rows = np.flatnonzero(mask)
            plans[name] = contact_plan(
                name,
                *gaps.of(ids[rows]),
                b.recency_days[rows],
                b.repeat_days[rows],
                b.window_frequency[rows],
                b.window_revenue[rows],
                base=base,
                model=model,
                ages=(b.last_purchase_age_days[rows] / 7, b.tenure_days[rows] / 7),
            )

    # program and service levels, per path segment (else per cluster)
    to_be: dict[str, list] = {}
    for s in design.steps:
        if s.path == "to_be":
            to_be.setdefault(s.segment, []).append(s)
    program_segments = tuple(dict.fromkeys(s.segment for s in design.steps)) or tuple(cluster_masks)
    linked: dict[str, np.ndarray] = {}
    for seg_name in program_segments:
        mask = _segment_mask(seg_name, masks, cluster_masks)
        if mask is None:
            kind = (
                "journey_segment_respondents_only"
                if seg_name in resp_masks
                else "journey_segment_no_clients"
            )
            notes.append(note(kind, segment=seg_name))
        else:
            linked[seg_name] = mask
    program_plans = {}
    for seg_name in linked:
        key = seg_name if seg_name in plans else _cluster_key(seg_name)
        if key in plans:
            program_plans[seg_name] = plans[key]
    rows = program(
        program_segments,
        tp_info,
        tuple(t.id for t in sorted(project.touchpoints, key=lambda t: t.stage_order)),
        program_plans,
        to_be,
    )
    service = []
    if b is not None:
        clv = (
            value.expected_revenue
            if value is not None and value.expected_revenue is not None
            else None
        )
        worth = clv if clv is not None else b.window_revenue
        measure = "clv" if clv is not None else "window_revenue"
        for seg_name, mask in linked.items():
            if not mask.any():
                continue
            channels = _channels(seg_name, to_be, personas)
            service.append(
                service_level(
                    seg_name,
                    float(np.mean(worth[mask])),
                    float(np.mean(worth)),
                    float(np.mean(b.window_frequency[mask])),
                    float(np.mean(b.window_frequency)),
                    measure,
                    channels,
                )
            )
    if comparison is not None:
        notes += comparison.notes
    return JourneyResults(
        design,
        comparison,
        cross,
        cross_resp,
        tuple(personas),
        cluster_names,
        plans,
        rows,
        tuple(service),
        bracket_name,
        tuple(notes),
    )


def _cluster_key(name: str) -> str:
    m = CLUSTER_NAME.match(name)
    return f"S{int(m.group(1))}" if m else name


def _segment_mask(name: str, masks: dict, cluster_masks: dict) -> np.ndarray | None:
    """Clients of a path segment: the attribute segment of that name, else the cluster S<k>."""
    if name in masks:
        return masks[name]
    return cluster_masks.get(_cluster_key(name))


def _channels(segment: str, to_be: dict, personas) -> tuple[str, ...]:
    steps = to_be.get(segment, ())
    if steps:
        counts = Counter(c for s in steps for c in split_channels(s.channel))
        return tuple(c for c, _ in sorted(counts.items(), key=lambda t: (-t[1], t[0])))[:3]
    key = _cluster_key(segment)
    for p in personas:
        if f"S{p.cluster + 1}" == key:
            return tuple(c for c, _ in p.channels[:3])
    return ()


def _bracket(columns: dict[str, np.ndarray], wanted: str | None):
    """The attribute that splits the average check: the one asked for, else the first numeric
    client attribute."""
    from workbooks.project.schema import normalise

    candidates = {k.split(":", 1)[1]: v for k, v in columns.items() if k.startswith("client:")}
    if wanted:
        for name, col in candidates.items():
            if normalise(name) == normalise(wanted):
                return name, col
        return "", None
    for name, col in candidates.items():
        if col.dtype.kind == "f":
            return name, col
    return "", None


def _path_channels(design: JourneyDesign, segments) -> tuple[tuple[str, int], ...]:
    """Channels of the as-is steps of the path segments among ``segments``, most used first."""
    wanted = {_cluster_key(s) for s in segments}
    counts: Counter[str] = Counter()
    for s in design.steps:
        if s.path == "as_is" and _cluster_key(s.segment) in wanted:
            counts.update(split_channels(s.channel))
    return tuple(sorted(counts.items(), key=lambda t: (-t[1], t[0])))


def journey_of_workbook(path, lang: str | None = "ru", bracket: str | None = None):
    """Load and validate a project workbook with its journey-design sheets, analyse it (QFD
    ranks without the bootstrap, which the journey does not use) and design its journey.
    ``lang=None``: the workbook's own language (its settings) once it is read.
    Returns (results, warnings, the language used, the project's title)."""
    from workbooks.analysis import analyse
    from workbooks.project import read_project

    with reading_once():  # validation, the analysis and the journey read the transactions once
        project, grids = read_project(path, lang or "ru")
        lang = lang or project.settings.language
        design, comments, warnings = read_design(project, lang, grids)
        analysis = analyse(project, bootstrap=0, betas=False)  # ranks and segments, no betas
        results = journey_of(project, analysis, design, comments, bracket)
    return results, project.warnings + warnings, lang, project.title
