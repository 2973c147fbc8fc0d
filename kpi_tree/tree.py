"""KPI trees as networkx DAGs: the KPI record, the graph, its checks and one tree per touchpoint.

Edges run cause → effect (competence → process → client → financial, the balanced-scorecard
chain) and carry the share of the effect explained by the cause (``w``, normalised per effect).
Attainment, roll-up and the bottlenecks are in :mod:`kpi_tree.bottlenecks`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from qfd.errors import AnalysisError
from qfd.notes import Note, note
from qfd.results import result

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["KPI", "LEVELS", "KPIIssue", "build_graph", "check_kpis", "touchpoint_trees"]

LEVELS = ("competence", "process", "client", "financial")
LEVEL_RANK = {level: k for k, level in enumerate(LEVELS)}


@dataclass(frozen=True)
class KPI:
    """One indicator of the KPI sheet; ``drives`` lists (effect KPI, weight or None)."""

    id: str
    name: str
    touchpoint_id: str
    level: str
    drives: tuple[tuple[str, float | None], ...]
    unit: str = ""
    direction: str = "more"
    baseline: float | None = None
    actual: float | None = None
    target: float | None = None
    indicator: str | None = None
    source: str = ""
    refresh: str = ""
    owner: str = ""
    formula: str = ""
    row: int = 0  # Excel row number, for messages


def build_graph(kpis) -> nx.DiGraph:
    """One graph of all KPIs; edge (cause → effect) with the declared weight (None if blank)."""
    import networkx as nx

    g = nx.DiGraph()
    for k in kpis:
        g.add_node(k.id, kpi=k, level=k.level, touchpoint=k.touchpoint_id)
    for k in kpis:
        for parent, w in k.drives:
            if parent in g:
                g.add_edge(k.id, parent, weight=w)
    return g


@result
class KPIIssue:
    """A problem with the KPI sheet; ``error`` problems stop the analysis."""

    note: Note
    kpi_ids: tuple[str, ...]
    error: bool
    column: str = ""  # the KPI sheet's column the problem is in ("": the causes' column)


def check_kpis(kpis) -> list[KPIIssue]:
    """Cycles, edges against the level order, orphans, touchpoints with no financial root,
    causes whose weights do not sum to 1, missing targets."""
    import networkx as nx

    g = build_graph(kpis)
    out: list[KPIIssue] = []
    for cycle in nx.simple_cycles(g):
        out.append(
            KPIIssue(note("kpi_cycle", cycle=" → ".join([*cycle, cycle[0]])), tuple(cycle), True)
        )
        if len(out) > 20:
            break
    for u, v in g.edges:
        lu, lv = g.nodes[u]["level"], g.nodes[v]["level"]
        if lu in LEVEL_RANK and lv in LEVEL_RANK and LEVEL_RANK[lu] > LEVEL_RANK[lv]:
            out.append(
                KPIIssue(note("kpi_against_levels", cause=u, effect=v, lc=lu, le=lv), (u,), True)
            )
    for n in g.nodes:
        if g.degree(n) == 0 and g.nodes[n]["level"] != "financial":
            out.append(KPIIssue(note("kpi_orphan", kpi=n), (n,), False))
    by_tp: dict[str, list[str]] = {}
    for n, data in g.nodes(data=True):
        by_tp.setdefault(data["touchpoint"], []).append(n)
    for tp, nodes in by_tp.items():
        if not any(g.nodes[n]["level"] == "financial" for n in nodes):
            out.append(KPIIssue(note("kpi_no_root", tp=tp), tuple(nodes), False))
    for n in g.nodes:
        weights = [d["weight"] for _, _, d in g.in_edges(n, data=True)]
        if not weights:
            continue
        if any(w is None for w in weights) and any(w is not None for w in weights):
            out.append(KPIIssue(note("kpi_mixed_weights", kpi=n), (n,), False))
        elif all(w is not None for w in weights) and abs(sum(weights) - 1) > 1e-6:
            out.append(KPIIssue(note("kpi_weights_sum", kpi=n, total=sum(weights)), (n,), False))
    for k in kpis:
        if k.actual is None:
            out.append(KPIIssue(note("kpi_no_actual", kpi=k.id), (k.id,), False, "actual"))
        if k.target is None:
            out.append(KPIIssue(note("kpi_no_target", kpi=k.id), (k.id,), False, "target"))
    return out


def _normalised_weights(g: nx.DiGraph) -> None:
    """Causes of each effect get weights summing to 1 (blank weights: equal shares)."""
    for n in g.nodes:
        edges = list(g.in_edges(n, data=True))
        if not edges:
            continue
        raw = [d["weight"] for _, _, d in edges]
        if all(w is None for w in raw) or any(w is None for w in raw):
            shares = [1 / len(edges)] * len(edges)
        else:
            total = sum(raw)
            shares = [w / total if total > 0 else 1 / len(edges) for w in raw]
        for (u, v, _), s in zip(edges, shares, strict=True):
            g.edges[u, v]["w"] = s


def touchpoint_trees(kpis) -> dict[str, nx.DiGraph]:
    """One DAG per touchpoint: its KPIs plus every cause that feeds them (shared KPIs appear in
    each tree they feed). Edge attribute ``w`` is the normalised weight."""
    import networkx as nx

    g = build_graph(kpis)
    if not nx.is_directed_acyclic_graph(g):
        raise AnalysisError("kpi_graph_cycle")
    _normalised_weights(g)
    trees = {}
    for tp in dict.fromkeys(k.touchpoint_id for k in kpis):
        own = {n for n, d in g.nodes(data=True) if d["touchpoint"] == tp}
        nodes = set(own)
        for n in own:
            nodes |= nx.ancestors(g, n)
        # built explicitly in the sheet's order: networkx subgraph views iterate over a set for
        # small subsets, which made the order (and the outputs) vary from run to run
        tree = nx.DiGraph()
        tree.add_nodes_from((n, g.nodes[n]) for n in g if n in nodes)
        tree.add_edges_from(
            (u, v, d) for u, v, d in g.edges(data=True) if u in nodes and v in nodes
        )
        trees[tp] = tree
    return trees
