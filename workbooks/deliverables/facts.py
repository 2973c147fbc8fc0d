"""What every deliverable says the same way: names, the ranked touchpoints, the outcome, what
the project lacks and why, the slices it has, KPI owners and the money a bottleneck is worth.

The workbook, the TOR, the deck and the dashboard all take these from here, so a part that one
of them leaves out (no characteristics, no KPIs, no transactions...) is left out by all of them
with the same sentence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from qfd.behaviour.outcome import Outcome
from workbooks.analysis import Analysis
from workbooks.locale import note_text, tr, words

__all__ = [
    "Effect",
    "Omission",
    "borderline",
    "by_rank",
    "label",
    "money_effect",
    "nps_lines",
    "omissions",
    "outcome_text",
    "owner",
    "quadrant_word",
    "slices",
    "touchpoint_names",
    "touchpoint_quadrant",
    "typical_value",
    "why_left_out",
]

LEVELS = ("financial", "client", "process", "competence")


def touchpoint_names(a: Analysis) -> dict[str, str]:
    return {t.id: t.name for t in a.project.touchpoints}


def label(a: Analysis, tp: str) -> str:
    """The touchpoint's ID and name: "TP06 Delivery times"."""
    name = touchpoint_names(a).get(tp, "")
    return f"{tp} {name}".strip()


def by_rank(a: Analysis) -> list[int]:
    """Indices of the planning matrix's touchpoints, highest weight first."""
    return [int(j) for j in np.argsort(a.qfd.planning.rank, kind="stable")]


def quadrant_word(quadrant: str, lang: str) -> str:
    return words(f"quadrant_{quadrant}", lang)


def satisfaction_half_width(a: Analysis, j: int) -> float:
    """Half the width of touchpoint ``j``'s 95 % satisfaction interval (all respondents; NaN
    when it has none)."""
    tp = a.qfd.planning.touchpoints[j]
    m = next((m for m in a.metrics if m.segment == "*" and m.touchpoint == tp), None)
    return math.nan if m is None else (m.mean.high - m.mean.low) / 2


def borderline(a: Analysis, j: int) -> bool:
    """True when touchpoint ``j``'s satisfaction interval (all respondents, 95 %) contains the
    quadrants' satisfaction split: its quadrant could as well be the neighbouring one. (The
    planning sheet's quadrant formula says the same from the half-width it shows.)"""
    pm = a.qfd.planning
    return bool(abs(pm.satisfaction[j] - pm.split[1]) <= satisfaction_half_width(a, j))


def touchpoint_quadrant(a: Analysis, j: int, lang: str) -> str:
    """Touchpoint ``j``'s quadrant, said to be on the border when its interval crosses it."""
    word = quadrant_word(a.qfd.planning.quadrant[j], lang)
    return tr("quadrant_borderline", lang, quadrant=word) if borderline(a, j) else word


def nps_lines(a: Analysis, lang: str) -> list[str]:
    """The respondents' NPS, all of them first, then per segment: value, 95 % interval, n and the
    shares of promoters and detractors; nothing when no one answered the NPS question."""
    out = []
    for s in a.nps:
        if not s.nps.n:
            continue
        segment = words("all_respondents", lang) if s.segment == "*" else s.segment
        out.append(
            tr(
                "nps_line",
                lang,
                segment=segment,
                nps=s.nps.value,
                low=s.nps.low,
                high=s.nps.high,
                n=s.nps.n,
                promoters=s.promoters,
                detractors=s.detractors,
            )
        )
    return out


def outcome_text(outcome: Outcome, window_months: float, lang: str) -> str:
    """The outcome of the driver model in words: "revenue over 12 months (log scale)"."""
    text = tr(f"outcome_{outcome.measure}", lang, w=window_months)
    return text + (words("outcome_log", lang) if outcome.transform else "")


def owner(a: Analysis, kpi: str) -> str:
    """The owner the KPI sheet names for ``kpi`` ("" when none)."""
    return next((k.owner for k in a.project.kpis if k.id == kpi), "")


@dataclass(frozen=True)
class Effect:
    """What reaching a KPI's target is worth on its touchpoint's financial KPI."""

    value: float  # in the financial KPI's unit
    unit: str
    root: str  # the financial KPI's ID
    root_name: str
    actual: float | None
    target: float | None


def money_effect(a: Analysis, tp: str, kpi: str) -> Effect | None:
    """The what-if gain of ``kpi`` (a share of the way from the financial KPI's baseline to its
    target) in the financial KPI's own unit; None when the tree has no root with a target.

    The gain is measured on the attainment scale, so its money value is the gain times the
    span the attainment is measured over: |target − baseline|, or the target itself when the
    baseline is missing (attainment = actual/target).
    """
    an = a.kpi.analyses.get(tp)
    if an is None or an.root is None or kpi not in an.nodes:
        return None
    root = a.kpi.trees[tp].nodes[an.root]["kpi"]
    gain = an.nodes[kpi].what_if
    if root.target is None or not math.isfinite(gain):
        return None
    if root.baseline is not None and root.baseline != root.target:
        span = abs(root.target - root.baseline)
    else:
        span = abs(root.target)
    return Effect(gain * span, root.unit, root.id, root.name, root.actual, root.target)


@dataclass(frozen=True)
class Omission:
    """A part of the deliverables this project cannot have, and why."""

    key: str  # the part's catalogue key ("part_house")
    part: str  # its title
    reason: str  # a sentence


def omissions(a: Analysis, lang: str) -> list[Omission]:
    """Every part the deliverables leave out for this project, with the reason."""
    p = a.project

    def left_out(part: str, why: str, **values) -> Omission:
        return Omission(part, words(part, lang), tr(why, lang, **values))

    out = []
    if a.behaviour is None:
        out.append(left_out("part_behaviour", "why_no_transactions"))
    if a.clusters is None:
        skipped = next((n for n in a.notes if n.key == "segments_skipped"), None)
        out.append(
            left_out("part_portraits", "why_no_portraits", reason=note_text(skipped, lang))
            if skipped is not None
            else left_out("part_portraits", "why_no_portraits_unknown")
        )
    if not a.segments:
        out.append(left_out("part_segment_breakdowns", "why_no_segment_column"))
    if not p.characteristics:
        out.append(left_out("part_house", "why_no_characteristics"))
    if not p.kpis:
        out.append(left_out("part_kpi", "why_no_kpis"))
    elif not a.kpi.actions:
        out.append(left_out("part_kpi_bottlenecks", "why_no_bottlenecks"))
    if not p.processes:
        out.append(left_out("part_processes", "why_no_processes"))
    if not p.data_sources:
        out.append(left_out("part_sources", "why_no_sources"))
    if np.isnan(a.qfd.planning.competitor).all():
        out.append(left_out("part_competitor", "why_no_competitor"))
    for part, why in (("journey", "why_no_journey_sheets"), ("monitoring", "why_no_monitoring")):
        if getattr(a, part) is None:
            skipped = next(
                (
                    n
                    for n in a.notes
                    if n.key == "run_part_skipped"
                    and dict(n.values)["part"].key == f"run_part.{part}"
                ),
                None,
            )
            if skipped is not None:
                out.append(
                    Omission(
                        f"part_{part}",
                        words(f"part_{part}", lang),
                        note_text(dict(skipped.values)["reason"], lang),
                    )
                )
            else:
                out.append(left_out(f"part_{part}", why))
    return out


def why_left_out(a: Analysis, key: str, lang: str) -> str | None:
    """The sentence saying why part ``key`` is left out ("part_house"), None when it is not.

    The sentence reads "<part>: <reason>" so it stands on its own where the part would be.
    """
    o = next((o for o in omissions(a, lang) if o.key == key), None)
    return None if o is None else tr("part_left_out", lang, part=o.part, reason=o.reason)


def typical_value(v, lang: str) -> str:
    """A typical value on a segment portrait: large numbers grouped ("173 114"), fractional
    thousands rounded ("6 984", not "6 984,186"), years and small numbers as they are ("2017",
    "8"), text as it is.

    >>> typical_value(173113.9, "ru"), typical_value(2017.0, "ru"), typical_value(8.5, "en")
    ('173\xa0114', '2017', '8.5')
    >>> typical_value(6984.186, "ru")
    '6\xa0984'
    """
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        if not math.isfinite(v):
            return "—"
        if abs(v) >= 10_000:
            return tr("amount", lang, x=float(v))
        if float(v).is_integer():
            return str(int(v))
        if abs(v) >= 1_000:
            return tr("amount", lang, x=float(v))
        return tr("value", lang, x=float(v))
    return str(v)


def slices(a: Analysis, lang: str) -> list[str]:
    """The breakdowns this project's data supports: the segment column, client attributes
    with few values, the k-means segments, the journey stage and the reporting period."""
    out = []
    column = a.project.settings.segment_column
    if column and a.segments:
        out.append(column)
    for name in _categorical_client_attributes(a):
        if name not in out:
            out.append(name)
    if a.clusters is not None:
        out.append(words("slice_clusters", lang))
    out += [words("slice_stage", lang), words("slice_period", lang)]
    return out


def _categorical_client_attributes(a: Analysis, most: int = 20) -> list[str]:
    values: dict[str, set] = {}
    for attrs in a.project.clients.values():
        for k, v in attrs.items():
            if k != "client_name" and isinstance(v, str) and v.strip():
                values.setdefault(k, set()).add(v.strip())
    return [k for k, v in values.items() if 1 < len(v) <= most]
