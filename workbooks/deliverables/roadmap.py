"""The one-year roadmap the strategic session leaves with (method, section 11).

Quarters × actions, built from what the analysis found, in this order:

1. the data gaps, in the first quarter (nothing can be steered or checked before it is
   measured): KPI trees for the top touchpoints when the project has none, the transactions
   when it has none, sources for the KPIs nobody measures;
2. the overloaded process steps, in the first half-year;
3. the ranked bottleneck recommendations (influence-weighted gap × the touchpoint's QFD weight):
   two start each quarter, best first, and run until the year's end, each with the owner the KPI
   sheet names and the expected effect on its touchpoint's financial KPI if the KPI reaches
   its target;
4. the TOR's stages for the dashboard (data integrations, KPI mart, screens and alerts, trial
   operation), one a quarter;
5. a repeat survey wave in the second and fourth quarters to re-estimate the weights.

Everything is a draft for the consultant to edit: the workbook's roadmap sheet is plain,
editable cells.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workbooks.analysis import Analysis
from workbooks.deliverables.facts import by_rank, label, money_effect, owner
from workbooks.locale import tr

__all__ = ["RoadmapItem", "quarter_labels", "roadmap"]

QUARTERS = (1, 2, 3, 4)
ACTIONS = 6  # ranked recommendations on the roadmap
TOR_STAGES = (  # (catalogue key of the stage, quarters)
    ("tor_stage_1", (1, 2)),
    ("tor_stage_2", (2,)),
    ("tor_stage_3", (3,)),
    ("tor_stage_4", (4,)),
)
VERB = {"more": "roadmap_raise", "less": "roadmap_lower", "target": "roadmap_reach"}


@dataclass(frozen=True)
class RoadmapItem:
    kind: str  # "data", "process", "action", "tor", "survey"
    action: str
    basis: str  # where it comes from
    touchpoint: str  # touchpoint ID or ""
    kpi: str  # KPI ID or ""
    owner: str  # "" where the KPI sheet names nobody
    quarters: tuple[int, ...]  # 1..4
    effect: str  # the expected effect on the financial KPI, in words ("" when none)


def quarter_labels(a: Analysis, lang: str) -> list[str]:
    """The four quarters after the analysis date ("Q1 2026" in English), or "Quarter 1" when the
    project has no date."""
    d = a.project.settings.analysis_date
    if d is None:
        return [tr("quarter_n", lang, q=q) for q in QUARTERS]
    first = dt.date(d.year, d.month, 1)
    q0, year = (first.month - 1) // 3 + 1, first.year  # the quarter of the analysis date
    out = []
    for _ in QUARTERS:
        q0, year = (1, year + 1) if q0 == 4 else (q0 + 1, year)
        out.append(tr("quarter_label", lang, q=q0, year=str(year)))
    return out


def roadmap(a: Analysis, lang: str, actions: int = ACTIONS) -> list[RoadmapItem]:
    """The roadmap items, in the order they start."""
    return [
        *_data_gaps(a, lang),
        *_processes(a, lang),
        *_actions(a, lang, actions),
        *_tor_stages(lang),
        RoadmapItem(
            "survey", tr("roadmap_survey", lang), tr("basis_method", lang), "", "", "", (2, 4), ""
        ),
    ]


def _data_gaps(a: Analysis, lang: str) -> list[RoadmapItem]:
    audit = a.kpi.audit
    out = []
    basis = tr("basis_data_gaps", lang)
    if not a.project.kpis:  # the trees come first: without KPIs nothing below can be steered
        top = ", ".join(label(a, a.qfd.planning.touchpoints[j]) for j in by_rank(a)[:3])
        out.append(
            RoadmapItem(
                "data", tr("roadmap_build_kpis", lang, items=top), basis, "", "", "", (1,), ""
            )
        )
    if a.behaviour is None:
        out.append(
            RoadmapItem("data", tr("roadmap_transactions", lang), basis, "", "", "", (1,), "")
        )
    if audit.missing:
        ids = [r.kpi for r in audit.missing]
        owners = list(dict.fromkeys(o for o in (owner(a, k) for k in ids) if o))
        out.append(
            RoadmapItem(
                "data",
                tr("roadmap_sources", lang, n=len(ids), kpis=", ".join(ids)),
                tr("basis_data_gaps", lang),
                "",
                "",
                "; ".join(owners),
                (1,),
                "",
            )
        )
    if audit.unknown_systems:
        out.append(
            RoadmapItem(
                "data",
                tr("roadmap_unknown_systems", lang, items=", ".join(audit.unknown_systems)),
                tr("basis_data_gaps", lang),
                "",
                "",
                "",
                (1,),
                "",
            )
        )
    return out


def _processes(a: Analysis, lang: str) -> list[RoadmapItem]:
    out = []
    for tp, p in a.kpi.processes.items():
        if not p.overloaded:
            continue
        worst = next(s for s in p.steps if s.step == p.bottleneck)
        out.append(
            RoadmapItem(
                "process",
                tr(
                    "roadmap_process",
                    lang,
                    step=p.bottleneck,
                    tp=label(a, tp),
                    rho=worst.utilisation,
                ),
                tr("basis_process", lang),
                tp,
                "",
                "",
                (1, 2),
                "",
            )
        )
    return out


def _actions(a: Analysis, lang: str, most: int) -> list[RoadmapItem]:
    out = []
    for i, (tp, kpi, _) in enumerate(a.kpi.actions[:most]):
        k = a.kpi.trees[tp].nodes[kpi]["kpi"]
        action = tr(
            VERB.get(k.direction, "roadmap_raise"),
            lang,
            kpi=kpi,
            name=k.name,
            actual=k.actual,
            target=k.target,
            unit=k.unit,
            tp=label(a, tp),
        )
        effect = money_effect(a, tp, kpi)
        effect_text = (
            tr("roadmap_effect", lang, value=effect.value, unit=effect.unit, root=effect.root)
            if effect is not None
            else ""
        )
        start = min(1 + i // 2, 3)
        out.append(
            RoadmapItem(
                "action",
                action,
                tr("basis_recommendation", lang, n=i + 1),
                tp,
                kpi,
                owner(a, kpi),
                tuple(range(start, 5)),
                effect_text,
            )
        )
    return out


def _tor_stages(lang: str) -> list[RoadmapItem]:
    return [
        RoadmapItem("tor", tr(key, lang), tr("basis_tor", lang, n=n), "", "", "", quarters, "")
        for n, (key, quarters) in enumerate(TOR_STAGES, start=1)
    ]
