"""What to do about each bottleneck: a recommendation per tree, and actions ranked across touchpoints."""

from __future__ import annotations

from kpi_tree.bottlenecks import TreeAnalysis
from qfd.notes import Note, Term, note

__all__ = ["rank_actions", "recommendation"]


def recommendation(analysis: TreeAnalysis, tree) -> Note | None:
    """The recommendation for the bottleneck of one tree (None when there is none): which KPI,
    how far it is from its target, its path to money, its share of the shortfall the financial
    KPI's causes explain, what reaching its target gains (attainment points of the financial KPI
    and the share of its shortfall that closes), and the level to invest in."""
    b = analysis.bottleneck
    if b is None:
        return None
    r = analysis.nodes[b]
    k = tree.nodes[b]["kpi"]
    return note(
        "kpi_recommendation",
        tp=analysis.touchpoint,
        kpi=b,
        name=k.name,
        # below its baseline the whole way is missing, and more: said so, not "100 % missing"
        progress=note(
            "kpi_below_base" if r.attainment < 0 else "kpi_progress", a=r.attainment, gap=r.gap
        ),
        path=" → ".join(r.path),
        share=r.share,
        points=100 * r.what_if,
        closes=r.what_if_share,
        level=Term("level", r.level),
    )


def rank_actions(analyses: dict, priority: dict[str, float]) -> list[tuple[str, str, float]]:
    """Bottlenecks across touchpoints ranked by influence-weighted gap × touchpoint priority
    (the QFD weight; 1 where unknown): (touchpoint, kpi, score), best first."""
    out = []
    for tp, a in analyses.items():
        if a.bottleneck is not None:
            out.append(
                (tp, a.bottleneck, a.nodes[a.bottleneck].weighted_gap * priority.get(tp, 1.0))
            )
    return sorted(out, key=lambda t: -t[2])
