"""Process bottlenecks (theory of constraints) from the process steps of a touchpoint.

Utilisation ``ρ = demand / capacity`` per step; steps with the same order number run in
parallel, in one of two ways that the demands tell apart:

* every case passes all of them (each carries the whole flow of the stage before, within
  :data:`SAME_FLOW`: an application is underwritten *and* checked by security). Each must
  process every case, so for the flow they act as a chain, and the stage takes as long as its
  slowest step;
* each case takes one of them (their demands share the flow): their capacities add, and the
  stage takes their demand-weighted mean time. A first stage of parallel steps is of this kind.

The throughput limit is the maximum flow through the process network (each step split into an
in and an out node joined by its capacity; consecutive stages fully connected), and the minimum
cut names the steps that limit it. Lead time adds each stage's time: cycle time plus an M/M/1
waiting-time approximation ``cycle · ρ/(1 − ρ)``; Little's law gives the work in progress
``WIP = throughput × lead time``.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from qfd.results import result

__all__ = ["SAME_FLOW", "ProcessResult", "ProcessStep", "StepResult", "process_bottleneck"]

SAME_FLOW = 0.05  # parallel steps whose demands all lie this close to the flow before them


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
    stages = [[k for k, s in enumerate(steps) if s.order == o] for o in orders]
    every = _every_case(steps, stages)
    g = nx.DiGraph()
    for s in steps:
        g.add_edge(("in", s.step), ("out", s.step), capacity=float(s.capacity))
    ends = []  # per stage: (its entry nodes, its exit nodes)
    for stage, all_pass in zip(stages, every, strict=True):
        names = [steps[k].step for k in stage]
        if all_pass:  # a chain: every case through each step
            for a, b in itertools.pairwise(names):
                g.add_edge(("out", a), ("in", b))
            ends.append(([("in", names[0])], [("out", names[-1])]))
        else:
            ends.append(([("in", n) for n in names], [("out", n) for n in names]))
    for node in ends[0][0]:
        g.add_edge("source", node)
    for node in ends[-1][1]:
        g.add_edge(node, "sink")
    for (_, exits), (entries, _) in itertools.pairwise(ends):
        for a in exits:
            for b in entries:
                g.add_edge(a, b)
    flow, (reach, _) = nx.minimum_cut(g, "source", "sink")
    cut = tuple(s.step for s in steps if ("in", s.step) in reach and ("out", s.step) not in reach)
    demand = float(sum(steps[k].demand for k in stages[0]))
    throughput = min(demand, float(flow))
    # lead time: per stage the slowest step when every case passes all, else the demand-weighted
    # mean of cycle + wait over the parallel steps
    lead = 0.0
    for stage, all_pass in zip(stages, every, strict=True):
        times = [(steps[k].cycle_time or 0.0) + results[k].wait_hours for k in stage]
        if all_pass:
            lead += max(times)
            continue
        total = sum(steps[k].demand for k in stage) or 1.0
        lead += sum(steps[k].demand / total * t for k, t in zip(stage, times, strict=True))
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


def _every_case(steps, stages) -> list[bool]:
    """Per stage: True when its parallel steps each carry the whole flow of the stage before
    (every case passes all of them), False for one step or for steps sharing the flow."""
    out, before = [], None
    for stage in stages:
        demands = [steps[k].demand for k in stage]
        same = (
            len(stage) > 1
            and before is not None
            and before > 0
            and all(abs(d - before) <= SAME_FLOW * before for d in demands)
        )
        out.append(same)
        before = before if same else sum(demands)
    return out
