"""Where a KPI tree loses money: attainment, roll-up, influence, shares of the shortfall, what-if.

Attainment ``a = (actual − baseline)/(target − baseline)`` works for "more" and "less is better"
alike (the target lies on the other side of the baseline); for a target value ("target" direction)
``a = 1 − |actual − target|/|baseline − target|``. The gap is ``g = 1 − clip(a, 0, 1)``, in
*attainment points* (0.5 = half of the way from baseline to target is missing). The influence of
a KPI on the financial root is the sum over paths of the product of edge weights; its part of
the shortfall is its influence times its own gap (the gap its causes do not explain), and its
*share* is that part over what all the root's causes explain. The bottleneck is the KPI with the
largest part.
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
    >>> attainment(30, 30, 10, "less")           # not moved: 0, never -0 ("-0 %" on a report)
    0.0
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
    return (actual - baseline) / (target - baseline) + 0.0  # + 0.0: -0.0 becomes 0.0


def gap(a: float) -> float:
    return math.nan if math.isnan(a) else 1 - min(max(a, 0.0), 1.0)


@result
class NodeResult:
    kpi: str
    level: str
    attainment: float  # measured (NaN if unknown)
    rolled_up: float  # attainment rolled up from its known causes (NaN without known causes)
    gap: float  # measured gap, or the rolled-up one when not measured (NaN: unknown KPI)
    influence: float  # Σ over paths to the root of the product of (renormalised) weights
    weighted_gap: float  # influence × own gap (gap minus what its causes explain)
    what_if: float  # attainment points the root gains if this KPI reaches its target
    path: tuple[str, ...]  # heaviest path from this node to the root
    share: float = math.nan  # share of the shortfall the root's causes explain (sums to 1)
    what_if_share: float = math.nan  # share of the root's shortfall closed by reaching target


@result
class TreeAnalysis:
    touchpoint: str
    root: str | None
    nodes: dict[str, NodeResult]
    bottleneck: str | None
    weakest_link: str | None
    heaviest_path: tuple[str, ...]
    root_shortfall: float  # the root's gap, in attainment points (0–1)
    rollup: str
    notes: tuple[Note, ...] = field(default=())
    explained: float = math.nan  # the part of the root's gap its causes explain
    root_own: float = math.nan  # the rest: the root's own part (negative: it beats its causes)
    unknown: tuple[str, ...] = ()  # KPIs with neither data nor known causes, left out


def analyse_tree(tree: nx.DiGraph, touchpoint: str, rollup: str = "weighted") -> TreeAnalysis:
    """Attainment, roll-up, influence and the three bottleneck measures of one tree.

    A KPI without data takes the value rolled up from its causes; one with neither data nor
    known causes is *unknown*: it is left out and the weights of its siblings are renormalised
    over the known ones (everything below uses these weights). The influence-weighted own gaps
    of the causes add up to the part of the root's gap they explain (a telescoping sum); the
    root's own part is reported apart, so the causes' shares add up to 100 %. What-if is an
    exact re-roll-up with the KPI on target: every measured KPI keeps its distance from its
    roll-up, every unmeasured one is its roll-up, gaps stay within [0, 1].
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
    own_gap = {n: gap(measured[n]) for n in tree}
    gaps, rolled, weights = _roll_up(tree, order, own_gap, rollup)
    unknown = tuple(n for n in order if math.isnan(gaps[n]) and nx.has_path(tree, n, root))
    influence = {root: 1.0}
    best_path = {root: (root,)}
    best_weight = {root: 1.0}
    for n in reversed(order):
        if n == root:
            continue
        succ = [
            (v, weights[v][n]) for v in tree.successors(n) if v in influence and n in weights[v]
        ]
        influence[n] = sum(w * influence[v] for v, w in succ)
        if succ:
            v, w = max(succ, key=lambda s: s[1] * best_weight[s[0]])
            best_weight[n] = w * best_weight[v]
            best_path[n] = (n, *best_path[v])
    reach = [n for n in order if nx.has_path(tree, n, root)]
    residual = {
        n: gaps[n] - (1 - rolled[n])
        if not math.isnan(measured[n]) and not math.isnan(rolled[n])
        else 0.0
        for n in reach
    }
    root_gap = gaps[root]
    explained_by = {
        n: sum(w * gaps[u] for u, w in weights[n].items()) if weights[n] else math.nan
        for n in reach
    }
    weighted = {}
    for n in reach:
        if math.isnan(gaps[n]):
            weighted[n] = math.nan
            continue
        own = gaps[n] - (explained_by[n] if weights[n] else 0.0)
        weighted[n] = influence.get(n, 0.0) * own
    explained = root_gap - weighted[root] if not math.isnan(root_gap) else math.nan
    results = {}
    for n in reach:
        known = not math.isnan(gaps[n])
        gain = _what_if(tree, order, own_gap, residual, rollup, n, root) if known else math.nan
        results[n] = NodeResult(
            n,
            tree.nodes[n]["level"],
            measured[n],
            rolled[n],
            gaps[n],
            influence.get(n, 0.0) if known else 0.0,
            weighted[n],
            gain,
            best_path.get(n, (n,)),
            weighted[n] / explained if n != root and known and explained else math.nan,
            gain / root_gap if known and root_gap else math.nan,
        )
    candidates = [r for r in results.values() if r.kpi != root and not math.isnan(r.weighted_gap)]
    bottleneck = max(candidates, key=lambda r: r.weighted_gap).kpi if candidates else None
    leaves = [n for n in results if not weights[n] and not math.isnan(gaps[n])]
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
    notes = (note("kpi_unknown", tp=touchpoint, kpis=", ".join(unknown)),) if unknown else ()
    return TreeAnalysis(
        touchpoint,
        root,
        results,
        bottleneck,
        weakest,
        heaviest,
        root_gap,
        rollup,
        notes,
        explained,
        weighted[root],
        unknown,
    )


def _roll_up(tree, order, own_gap, rollup, fixed=None):
    """Gaps of every KPI from its measurement or its known causes, bottom-up.

    Returns (gaps, rolled attainment, renormalised weights of the known causes per effect).
    ``fixed`` overrides gaps (what-if) — see :func:`_what_if`.
    """
    gaps, rolled, weights = {}, {}, {}
    for n in order:  # causes before effects
        causes = [(u, d["w"]) for u, _, d in tree.in_edges(n, data=True)]
        known = [(u, w) for u, w in causes if not math.isnan(gaps[u])]
        total = sum(w for _, w in known)
        weights[n] = {u: w / total for u, w in known} if known and total > 0 else {}
        if weights[n]:
            if rollup == "worst":
                rolled[n] = 1 - max(gaps[u] for u in weights[n])
            else:
                rolled[n] = 1 - sum(w * gaps[u] for u, w in weights[n].items())
        else:
            rolled[n] = math.nan
        g = own_gap[n]
        gaps[n] = g if not math.isnan(g) else (1 - rolled[n] if not math.isnan(rolled[n]) else g)
        if fixed and n in fixed:
            gaps[n] = fixed[n](gaps[n], rolled[n])
    return gaps, rolled, weights


def _what_if(tree, order, own_gap, residual, rollup, node, root) -> float:
    """Attainment points the root gains if ``node`` reaches its target: the tree rolled up
    again with ``node``'s gap at 0, every measured KPI above it keeping its distance from its
    roll-up (``residual``), every gap within [0, 1]."""
    base, _, _ = _roll_up(tree, order, own_gap, rollup)
    above = nx.descendants(tree, node)

    def shifted(n):
        return lambda g, r: g if math.isnan(r) else min(max(1 - r + residual.get(n, 0.0), 0.0), 1.0)

    fixed = {node: lambda g, r: 0.0}
    fixed.update({n: shifted(n) for n in above})
    after, _, _ = _roll_up(tree, order, own_gap, rollup, fixed)
    return base[root] - after[root]
