"""Where a KPI tree loses money: attainment, roll-up, influence, shares of the shortfall, what-if.

Attainment ``a = (actual − baseline)/(target − baseline)`` works for "more" and "less is better"
alike (the target lies on the other side of the baseline); for a target value ("target" direction)
``a = 1 − |actual − target|/|baseline − target|``. The gap is ``g = 1 − clip(a, 0, 1)``. The
influence of a KPI on the financial root is the sum over paths of the product of edge weights;
its share of the shortfall is its influence times its own gap (the gap its causes do not
explain). The bottleneck is the KPI with the largest share.
"""

from __future__ import annotations

import math
from dataclasses import field

import networkx as nx

from qfd.notes import Note, note
from qfd.results import result

__all__ = ["NodeResult", "TreeAnalysis", "analyse_tree", "attainment", "gap"]


def attainment(baseline, actual, target, direction: str = "more") -> float:
    """Share of the way from baseline to target (NaN when it cannot be computed).

    >>> attainment(60, 75, 90), attainment(70, 62, 45, "less"), attainment(10, 12, 10, "target")
    (0.5, 0.32, 0.0)
    >>> math.isnan(attainment(None, 5, 10))   # no baseline: falls back to actual/target
    False
    """
    if actual is None or target is None:
        return math.nan
    if baseline is None or baseline == target:
        if direction == "less":
            return target / actual if actual else math.nan
        if direction == "target":
            return 1.0 if actual == target else 0.0
        return actual / target if target else math.nan
    if direction == "target":
        return 1 - abs(actual - target) / abs(baseline - target)
    return (actual - baseline) / (target - baseline)


def gap(a: float) -> float:
    return math.nan if math.isnan(a) else 1 - min(max(a, 0.0), 1.0)


@result
class NodeResult:
    kpi: str
    level: str
    attainment: float  # measured (NaN if unknown)
    rolled_up: float  # from its causes (NaN for a node without causes)
    gap: float  # measured gap, or the rolled-up one when not measured
    influence: float  # Σ over paths to the root of the product of weights
    weighted_gap: float  # influence × own gap (gap minus what its causes explain)
    what_if: float  # root improvement if this KPI reaches its target
    path: tuple[str, ...]  # heaviest path from this node to the root


@result
class TreeAnalysis:
    touchpoint: str
    root: str | None
    nodes: dict[str, NodeResult]
    bottleneck: str | None
    weakest_link: str | None
    heaviest_path: tuple[str, ...]
    root_shortfall: float
    rollup: str
    notes: tuple[Note, ...] = field(default=())


def analyse_tree(tree: nx.DiGraph, touchpoint: str, rollup: str = "weighted") -> TreeAnalysis:
    """Attainment, roll-up, influence and the three bottleneck measures of one tree.

    The influence-weighted own gaps add up to the root's gap whatever the weights (a
    telescoping sum), and under pure roll-up (no measured inner values) they reduce to the
    leaves' influence-weighted gaps: the root's shortfall split over its root causes.
    """
    roots = [
        n
        for n in tree
        if tree.nodes[n]["touchpoint"] == touchpoint
        and tree.nodes[n]["level"] == "financial"
        and tree.out_degree(n) == 0
    ]
    if not roots:
        return TreeAnalysis(
            touchpoint,
            None,
            {},
            None,
            None,
            (),
            math.nan,
            rollup,
            (note("kpi_no_root", tp=touchpoint),),
        )
    root = roots[0]
    order = list(nx.topological_sort(tree))
    measured = {
        n: attainment(k.baseline, k.actual, k.target, k.direction)
        for n, k in ((n, tree.nodes[n]["kpi"]) for n in tree)
    }
    rolled, gaps = {}, {}
    for n in order:  # causes before effects
        causes = list(tree.in_edges(n, data=True))
        if causes:
            parts = [(d["w"], gaps[u]) for u, _, d in causes if not math.isnan(gaps[u])]
            if parts:
                if rollup == "worst":
                    rolled[n] = 1 - max(gv for _, gv in parts)
                else:
                    total = sum(w for w, _ in parts)
                    rolled[n] = 1 - sum(w * gv for w, gv in parts) / total
            else:
                rolled[n] = math.nan
        else:
            rolled[n] = math.nan
        own = gap(measured[n])
        gaps[n] = (
            own
            if not math.isnan(own)
            else (1 - rolled[n] if not math.isnan(rolled[n]) else math.nan)
        )
    influence = {root: 1.0}
    best_path = {root: (root,)}
    best_weight = {root: 1.0}
    for n in reversed(order):
        if n == root:
            continue
        succ = [(v, d["w"]) for _, v, d in tree.out_edges(n, data=True) if v in influence]
        influence[n] = sum(w * influence[v] for v, w in succ)
        if succ:
            v, w = max(succ, key=lambda s: s[1] * best_weight[s[0]])
            best_weight[n] = w * best_weight[v]
            best_path[n] = (n, *best_path[v])
    results = {}
    for n in order:
        if n not in influence:
            continue
        explained = sum(
            d["w"] * gaps[u]
            for u, _, d in tree.in_edges(n, data=True)
            if not math.isnan(gaps.get(u, math.nan))
        )
        own_gap = gaps[n] - explained if not math.isnan(gaps[n]) else math.nan
        results[n] = NodeResult(
            n,
            tree.nodes[n]["level"],
            measured[n],
            rolled[n],
            gaps[n],
            influence[n],
            influence[n] * own_gap if not math.isnan(own_gap) else math.nan,
            _what_if(tree, order, gaps, n, root),
            best_path.get(n, (n,)),
        )
    candidates = [r for r in results.values() if r.kpi != root and not math.isnan(r.weighted_gap)]
    bottleneck = max(candidates, key=lambda r: r.weighted_gap).kpi if candidates else None
    leaves = [n for n in results if tree.in_degree(n) == 0]
    heaviest = max(
        (best_path[n] for n in leaves if n in best_path),
        key=lambda p: best_weight[p[0]],
        default=(),
    )
    weakest = min(
        (n for n in heaviest if n != root and not math.isnan(measured[n])),
        key=lambda n: measured[n],
        default=None,
    )
    return TreeAnalysis(
        touchpoint, root, results, bottleneck, weakest, heaviest, gaps[root], rollup
    )


def _what_if(tree, order, gaps, node, root) -> float:
    """Root gap reduction if ``node`` reaches its target, propagated along the weights with
    every gap kept within [0, 1]."""
    if math.isnan(gaps[node]):
        return math.nan
    delta = {node: gaps[node]}
    for v in order[order.index(node) + 1 :]:
        d = sum(w["w"] * delta[u] for u, _, w in tree.in_edges(v, data=True) if u in delta)
        if d and not math.isnan(gaps[v]):
            delta[v] = min(d, gaps[v])
    return delta.get(root, 0.0)
