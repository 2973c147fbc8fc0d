"""One templated recommendation per bottleneck, in Russian and English."""

from __future__ import annotations

import math

__all__ = ["LEVEL_WORDS", "rank_actions", "recommendation"]

LEVEL_WORDS = {
    "financial": ("финансовый", "financial"),
    "client": ("клиентский", "client"),
    "process": ("процессы", "process"),
    "competence": ("компетенции", "competence"),
}

TEMPLATE = (
    "{tp}: узкое место — {kpi} «{name}» (выполнение {a}, разрыв {gap}). Путь к деньгам: {path}. "
    "Доля в недоборе финансового KPI: {share}; если {kpi} выйдет на цель, финансовый KPI "
    "приблизится к цели на {gain}. Инвестировать в уровень «{level}».",
    "{tp}: the bottleneck is {kpi} '{name}' (attainment {a}, gap {gap}). Path to money: {path}. "
    "Share of the financial KPI's shortfall: {share}; if {kpi} reaches its target the financial KPI "
    "moves {gain} closer to its target. Invest in the {level} level.",
)


def _pct(x: float) -> str:
    return "—" if x is None or math.isnan(x) else f"{x:.0%}"


def recommendation(analysis, tree, lang: str = "ru") -> str | None:
    """The sentence for the bottleneck of one tree (None when there is none)."""
    b = analysis.bottleneck
    if b is None:
        return None
    r = analysis.nodes[b]
    k = tree.nodes[b]["kpi"]
    li = 0 if lang == "ru" else 1
    share = r.weighted_gap / analysis.root_shortfall if analysis.root_shortfall else math.nan
    return TEMPLATE[li].format(
        tp=analysis.touchpoint,
        kpi=b,
        name=k.name,
        a=_pct(r.attainment),
        gap=_pct(r.gap),
        path=" → ".join(r.path),
        share=_pct(share),
        gain=_pct(r.what_if),
        level=LEVEL_WORDS[r.level][li],
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
