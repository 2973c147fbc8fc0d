"""Process bottlenecks from an event log (process mining beside the customer journey map).

The log is the usual process-mining table — a case, an activity, its start and end timestamps
and, optionally, the resource that did it — exposed by the caller as an ``events`` view
(``case_id, activity, start_ts, end_ts, resource``) of a query engine (DuckDB; see
:mod:`workbooks.project.event_logs`). Per activity, over the weeks it was
active (its first start to its last end, calendar time):

* **throughput**: executions per week; **demand**: cases becoming ready for it per week (a
  case is ready when its previous event ends), over the weeks in which cases became ready;
* **service time**: mean ``end − start`` in hours;
* **waiting time**: mean ``start − end of the case's previous event`` (events ordered by start;
  never negative, so parallel work does not count); the first event of a case has no wait;
* **utilisation**: busy hours / (distinct resources × active hours), when resources are given;
* **rework**: executions beyond the first in the same case, and the loops that lead back to an
  activity the case has already been through.

The **bottleneck** is the activity in front of which cases wait longest in total (mean wait ×
executions): work piles up before the constraint. :func:`compare_declared` sets it beside the
processes sheet (capacity, demand, cycle time per step) and notes where the two disagree: the
declared bottleneck (highest ``demand/capacity``) differs, or a step's demand or cycle time
differs from the log by more than 25 %, or its utilisation by more than 0.2.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import field, replace

import numpy as np

from qfd.errors import AnalysisError
from qfd.monitoring.stopwords import YO
from qfd.notes import note
from qfd.results import result

__all__ = [
    "ACTIVITY_SQL",
    "CASES_SQL",
    "LOOPS_SQL",
    "ProcessMining",
    "compare_declared",
    "process_mining",
]

HOURS_PER_WEEK = 168.0
TOLERANCE = 0.25  # relative difference of demand and cycle time that counts as a disagreement
UTILISATION_GAP = 0.2  # absolute difference of utilisation that counts as a disagreement

ACTIVITY_SQL = """
WITH e AS (
    SELECT case_id, activity, start_ts, end_ts, resource,
           lag(end_ts) OVER (PARTITION BY case_id ORDER BY start_ts, end_ts, activity) AS prev_end,
           row_number() OVER (PARTITION BY case_id, activity ORDER BY start_ts, end_ts) AS occurrence
    FROM events
)
SELECT activity,
       count(*) AS executions,
       count(DISTINCT case_id) AS cases,
       sum(epoch(end_ts) - epoch(start_ts)) / 3600 AS busy_hours,
       (epoch(max(end_ts)) - epoch(min(start_ts))) / 3600 AS active_hours,
       (epoch(max(coalesce(prev_end, start_ts))) - epoch(min(coalesce(prev_end, start_ts)))) / 3600
           AS arrival_hours,
       count(prev_end) AS waits,
       sum(CASE WHEN prev_end IS NOT NULL THEN greatest(epoch(start_ts) - epoch(prev_end), 0) END)
           / 3600 AS wait_total_hours,
       count(DISTINCT resource) AS resources,
       sum(CASE WHEN occurrence > 1 THEN 1 ELSE 0 END) AS repeats,
       count(DISTINCT CASE WHEN occurrence > 1 THEN case_id END) AS rework_cases
FROM e
GROUP BY activity
ORDER BY activity
"""

CASES_SQL = """
WITH c AS (
    SELECT case_id, (epoch(max(end_ts)) - epoch(min(start_ts))) / 3600 AS lead_hours
    FROM events GROUP BY case_id
)
SELECT count(*) AS cases, avg(lead_hours) AS mean_hours, median(lead_hours) AS median_hours,
       quantile_cont(lead_hours, 0.9) AS p90_hours,
       (SELECT (epoch(max(end_ts)) - epoch(min(start_ts))) / 3600 FROM events) AS span_hours
FROM c
"""

# Loops back: a step into an activity the case has already done (A → A, or B → A after A).
LOOPS_SQL = """
WITH e AS (
    SELECT case_id, activity,
           row_number() OVER (PARTITION BY case_id ORDER BY start_ts, end_ts, activity) AS k,
           row_number() OVER (PARTITION BY case_id, activity ORDER BY start_ts, end_ts) AS occurrence
    FROM events
)
SELECT a.activity AS from_activity, b.activity AS to_activity, count(*) AS times
FROM e a JOIN e b ON a.case_id = b.case_id AND b.k = a.k + 1
WHERE b.occurrence > 1
GROUP BY a.activity, b.activity
ORDER BY times DESC, from_activity, to_activity
"""


@result
class ProcessMining:
    """What the event log says per activity, and how it compares with the declared process."""

    activities: tuple[str, ...]
    executions: np.ndarray
    cases: np.ndarray
    throughput: np.ndarray  # executions per week
    demand: np.ndarray  # cases reaching the activity per week
    service_hours: np.ndarray
    wait_hours: np.ndarray  # mean wait in front of the activity
    wait_total_hours: np.ndarray
    resources: np.ndarray
    utilisation: np.ndarray  # NaN without resources
    repeats: np.ndarray
    rework_share: np.ndarray  # cases that did it more than once / cases that did it
    loops: tuple[tuple[str, str, int], ...]
    n_cases: int
    span_hours: float
    lead_hours: tuple[float, float, float]  # mean, median, 90th percentile
    bottleneck: str
    busiest: str  # highest utilisation ("" without resources)
    touchpoint: str = ""  # the declared process the log matches
    declared: tuple[tuple[str, float, float, float], ...] = ()  # (step, ρ, demand, cycle)
    declared_bottleneck: str = ""
    notes: tuple = field(default=())

    def index(self, activity: str) -> int:
        return self.activities.index(activity)


def process_mining(engine) -> ProcessMining:
    """Per-activity measures, loops and the bottleneck of the ``events`` view of ``engine``."""
    act = engine.query(ACTIVITY_SQL)
    if not len(act["activity"]):
        raise AnalysisError("event_log_empty")
    cases = engine.query(CASES_SQL)
    loops = engine.query(LOOPS_SQL)
    span = float(cases["span_hours"][0])
    active = act["active_hours"].astype(float)
    weeks = np.where(active > 0, active / HOURS_PER_WEEK, np.nan)
    arrival = act["arrival_hours"].astype(float)
    arrival_weeks = np.where(arrival > 0, arrival / HOURS_PER_WEEK, np.nan)
    executions = act["executions"].astype(float)
    n_case = act["cases"].astype(float)
    resources = act["resources"].astype(float)
    busy = act["busy_hours"].astype(float)
    waits = act["waits"].astype(float)
    wait_total = np.nan_to_num(act["wait_total_hours"].astype(float))
    with np.errstate(invalid="ignore", divide="ignore"):
        utilisation = np.where(resources > 0, busy / (resources * active), np.nan)
        wait_mean = np.where(waits > 0, wait_total / waits, np.nan)
    activities = tuple(str(a) for a in act["activity"])
    order = np.lexsort((-np.nan_to_num(utilisation, nan=-1.0), -wait_total))
    bottleneck = activities[int(order[0])]
    busiest = activities[int(np.nanargmax(utilisation))] if np.isfinite(utilisation).any() else ""
    notes = []
    if busiest and busiest != bottleneck:
        notes.append(note("event_busiest_differs", bottleneck=bottleneck, busiest=busiest))
    return ProcessMining(
        activities=activities,
        executions=executions,
        cases=n_case,
        throughput=executions / weeks,
        demand=n_case / arrival_weeks,
        service_hours=busy / executions,
        wait_hours=wait_mean,
        wait_total_hours=wait_total,
        resources=resources,
        utilisation=utilisation,
        repeats=act["repeats"].astype(float),
        rework_share=act["rework_cases"].astype(float) / n_case,
        loops=tuple(
            (str(a), str(b), int(t))
            for a, b, t in zip(
                loops["from_activity"], loops["to_activity"], loops["times"], strict=True
            )
        ),
        n_cases=int(cases["cases"][0]),
        span_hours=span,
        lead_hours=(
            float(cases["mean_hours"][0]),
            float(cases["median_hours"][0]),
            float(cases["p90_hours"][0]),
        ),
        bottleneck=bottleneck,
        busiest=busiest,
        notes=tuple(notes),
    )


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", str(text).strip().lower().translate(YO))


def compare_declared(mined: ProcessMining, steps: Sequence) -> ProcessMining:
    """``mined`` beside the declared process it matches best: ``steps`` are records with
    ``touchpoint_id``, ``step``, ``capacity``, ``demand`` (cases per week) and ``cycle_time``
    (hours) — the processes sheet. The touchpoint whose steps share most names with the log's
    activities is chosen; disagreements become notes."""
    logged = {_fold(a): a for a in mined.activities}
    by_tp: dict[str, list] = {}
    for s in steps:
        by_tp.setdefault(s.touchpoint_id, []).append(s)
    best = max(
        by_tp.items(),
        key=lambda kv: (sum(_fold(s.step) in logged for s in kv[1]), -len(kv[1])),
        default=None,
    )
    if best is None or not any(_fold(s.step) in logged for s in best[1]):
        return replace(mined, notes=(*mined.notes, note("event_no_declared_process")))
    touchpoint, declared = best
    notes = list(mined.notes)
    rows = []
    for s in declared:
        rho = s.demand / s.capacity if s.capacity else float("inf")
        rows.append(
            (s.step, rho, float(s.demand), np.nan if s.cycle_time is None else s.cycle_time)
        )
        if _fold(s.step) not in logged:
            notes.append(note("event_step_missing", step=s.step))
            continue
        k = mined.index(logged[_fold(s.step)])

        def differs(a: float, b: float) -> bool:
            return bool(np.isfinite(a) and np.isfinite(b) and b > 0 and abs(a - b) / b > TOLERANCE)

        if differs(mined.demand[k], s.demand):
            notes.append(
                note("event_demand_differs", step=s.step, log=mined.demand[k], declared=s.demand)
            )
        if s.cycle_time is not None and differs(mined.service_hours[k], s.cycle_time):
            notes.append(
                note(
                    "event_cycle_differs",
                    step=s.step,
                    log=mined.service_hours[k],
                    declared=s.cycle_time,
                )
            )
        u = mined.utilisation[k]
        if np.isfinite(u) and abs(u - min(rho, 1.0)) > UTILISATION_GAP:
            notes.append(note("event_utilisation_differs", step=s.step, log=u, declared=rho))
    declared_bottleneck = max(rows, key=lambda r: r[1])[0]
    if _fold(declared_bottleneck) != _fold(mined.bottleneck):
        notes.append(
            note(
                "event_bottleneck_differs",
                log=mined.bottleneck,
                declared=declared_bottleneck,
                touchpoint=touchpoint,
            )
        )
    declared_names = {_fold(s.step) for s in declared}
    extra = [a for a in mined.activities if _fold(a) not in declared_names]
    if extra:
        notes.append(note("event_activity_undeclared", activities=", ".join(extra)))
    return replace(
        mined,
        touchpoint=touchpoint,
        declared=tuple(rows),
        declared_bottleneck=declared_bottleneck,
        notes=tuple(notes),
    )
