"""Process bottlenecks (theory of constraints) from the process steps of a touchpoint.

Utilisation ``ρ = demand / capacity`` per step; steps with the same order number run in
parallel. The throughput limit is the maximum flow through the process network (each step
split into an in and an out node joined by its capacity; consecutive stages fully connected),
and the minimum cut names the steps that limit it. Lead time adds each stage's cycle time and
an M/M/1 waiting-time approximation ``cycle · ρ/(1 − ρ)``; Little's law gives the work in
progress ``WIP = throughput × lead time``.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from qfd.results import result

__all__ = ["ProcessResult", "ProcessStep", "StepResult", "process_bottleneck"]


@dataclass(frozen=True)
class ProcessStep:
    """One step of a service process: capacity and demand in cases per week, cycle time in hours."""

    touchpoint_id: str
    step: str
    order: int
    capacity: float
    demand: float
    cycle_time: float | None = None


@result
class StepResult:
    step: str
    order: int
    capacity: float
    demand: float
    utilisation: float  # inf for zero capacity
    wait_hours: float  # inf when overloaded


@result
class ProcessResult:
    touchpoint: str
    steps: tuple[StepResult, ...]
    bottleneck: str  # highest utilisation
    demand: float  # cases per week entering the process
    throughput: float  # min(demand, max flow)
    max_flow: float
    cut: tuple[str, ...]  # the steps of the minimum cut
    lead_time_hours: float  # inf if a step is overloaded
    wip: float  # Little's law
    overloaded: tuple[str, ...]
    backlog_per_week: float  # demand beyond capacity at the worst step


def process_bottleneck(touchpoint: str, steps) -> ProcessResult:
    """Analyse ``steps`` (objects with step, order, capacity, demand, cycle_time).

    >>> from types import SimpleNamespace as S
    >>> r = process_bottleneck("TP", [S(step="a", order=1, capacity=10, demand=8, cycle_time=1),
    ...                               S(step="b", order=2, capacity=6, demand=8, cycle_time=2)])
    >>> r.bottleneck, r.max_flow, r.throughput, r.cut, r.overloaded
    ('b', 6.0, 6.0, ('b',), ('b',))
    """
    import networkx as nx  # imported when used: loading a project needs no graphs

    steps = sorted(steps, key=lambda s: s.order)
    results = []
    for s in steps:
        rho = s.demand / s.capacity if s.capacity > 0 else math.inf
        cycle = s.cycle_time or 0.0
        wait = cycle * rho / (1 - rho) if rho < 1 else math.inf
        results.append(StepResult(s.step, s.order, float(s.capacity), float(s.demand), rho, wait))
    orders = sorted({s.order for s in steps})
    g = nx.DiGraph()
    for s in steps:
        g.add_edge(("in", s.step), ("out", s.step), capacity=float(s.capacity))
    for s in steps:
        if s.order == orders[0]:
            g.add_edge("source", ("in", s.step))
        if s.order == orders[-1]:
            g.add_edge(("out", s.step), "sink")
    for a, b in itertools.pairwise(orders):
        for s in (x for x in steps if x.order == a):
            for t in (x for x in steps if x.order == b):
                g.add_edge(("out", s.step), ("in", t.step))
    flow, (reach, _) = nx.minimum_cut(g, "source", "sink")
    cut = tuple(s.step for s in steps if ("in", s.step) in reach and ("out", s.step) not in reach)
    demand = float(sum(s.demand for s in steps if s.order == orders[0]))
    throughput = min(demand, float(flow))
    # lead time: per stage the demand-weighted mean of cycle + wait over its parallel steps
    lead = 0.0
    for o in orders:
        stage = [(r, s) for r, s in zip(results, steps, strict=True) if s.order == o]
        total = sum(s.demand for _, s in stage) or 1.0
        lead += sum(s.demand / total * ((s.cycle_time or 0.0) + r.wait_hours) for r, s in stage)
    worst = max(results, key=lambda r: r.utilisation)
    overloaded = tuple(r.step for r in results if r.utilisation >= 1)
    backlog = max((r.demand - r.capacity for r in results), default=0.0)
    hours_per_week = 24 * 7
    wip = throughput * lead / hours_per_week if math.isfinite(lead) else math.inf
    return ProcessResult(
        touchpoint,
        tuple(results),
        worst.step,
        demand,
        throughput,
        float(flow),
        cut,
        lead,
        wip,
        overloaded,
        max(backlog, 0.0),
    )
