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
    (the QFD weight): (touchpoint, kpi, score), best first. Without priorities (no survey) the
    gaps alone rank them; a touchpoint the survey did not ask about has no QFD weight (score 0)
    and comes after the touchpoints it asked about, by its gap.

    >>> from types import SimpleNamespace as N
    >>> tree = lambda gap: N(bottleneck="K", nodes={"K": N(weighted_gap=gap)})
    >>> rank_actions({"TP1": tree(0.1), "TP2": tree(0.9), "TP3": tree(0.5)}, {"TP1": 0.5, "TP3": 0.2})
    [('TP3', 'K', 0.1), ('TP1', 'K', 0.05), ('TP2', 'K', 0.0)]
    """
    ranked = []
    for tp, a in analyses.items():
        if a.bottleneck is not None:
            gap = a.nodes[a.bottleneck].weighted_gap
            weight = priority.get(tp, 0.0 if priority else 1.0)
            ranked.append((-gap * weight, -gap, tp, a.bottleneck))
    return [(tp, kpi, -score + 0.0) for score, _, tp, kpi in sorted(ranked)]
