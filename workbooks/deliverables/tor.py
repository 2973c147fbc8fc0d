"""TOR (terms of reference) for the CX dashboard, structured after GOST 34.602-2020.

The content is built once as blocks (:mod:`workbooks.deliverables.documents`), section by
section, from the analysis results, then rendered to ``tor.docx`` and ``tor.md``. A section
about something the project does not have (KPIs, data sources, segments...) says so in one
sentence instead of boilerplate.
"""

from __future__ import annotations

import math
from pathlib import Path

from workbooks.analysis import Analysis
from workbooks.deliverables.documents import UL, Block, H, P, T, write_docx, write_markdown
from workbooks.deliverables.facts import (
    by_rank,
    label,
    omissions,
    outcome_text,
    slices,
    touchpoint_quadrant,
    why_left_out,
)
from workbooks.deliverables.roadmap import TOR_STAGES, quarter_labels
from workbooks.locale import note_text, tr, words
from workbooks.project.schema import enum_label

__all__ = ["alert_rule", "tor_blocks", "write_tor_docx", "write_tor_md"]


def alert_rule(half_width: float | None, lang: str) -> str:
    """Alert rule of a KPI: survey-based KPIs alarm only on a change beyond their confidence
    interval (sampling error); the others on attainment below 80 % (amber) / 50 % (red)."""
    if half_width is not None and math.isfinite(half_width):
        return tr("tor_alert_survey", lang, h=half_width)
    return tr("tor_alert_attainment", lang)


def tor_blocks(a: Analysis, lang: str = "ru") -> list[Block]:
    return [
        *_title(a, lang),
        *_general(lang),
        *_purpose(a, lang),
        *_object(a, lang),
        *_requirements(a, lang),
        *_passports(a, lang),
        *_support(lang),
        *_stages(a, lang),
        *_acceptance(a, lang),
        *_preparation(a, lang),
        *_documentation(a, lang),
        *_sources(a, lang),
    ]


def _title(a: Analysis, lang: str) -> list[Block]:
    return [H(0, words("tor_title", lang)), P(tr("tor_intro", lang, project=a.project.title))]


def _general(lang: str) -> list[Block]:
    fields = ("system", "customer", "developer", "basis", "dates")
    return [
        H(1, words("tor_h1", lang)),
        T(
            (words("tor_field", lang), words("tor_value", lang)),
            [
                (words(f"tor_general_{f}", lang), words(f"tor_general_{f}_value", lang))
                for f in fields
            ],
        ),
    ]


def _purpose(a: Analysis, lang: str) -> list[Block]:
    pm, stab = a.qfd.planning, a.qfd.touchpoint_stability
    top = [
        tr(
            "tor_top_item",
            lang,
            tp=label(a, pm.touchpoints[j]),
            w=float(pm.weight[j]),
            rank=int(pm.rank[j]),
            low=int(stab.interval[j, 0]),
            high=int(stab.interval[j, 1]),
        )
        for j in by_rank(a)[:3]
    ]
    goals = [tr("tor_goal_focus", lang, items="; ".join(top))]
    if a.kpi.trees:
        goals.append(words("tor_goal_kpi", lang))
    if a.kpi.audit.missing:
        goals.append(words("tor_goal_gaps", lang))
    return [H(1, words("tor_h2", lang)), P(words("tor_purpose", lang)), UL(goals)]


def _unsupported(a: Analysis, lang: str) -> list[Block]:
    """The weights rest on stated importance alone when the driver model is not supported: the
    TOR says so and why, as the deck and the terminal do."""
    if a.drivers.unsupported is None:
        return []
    reason = note_text(dict(a.drivers.unsupported.values)["reason"], lang)
    return [P(tr("tor_derived_not_used", lang, reason=reason))]


def _object(a: Analysis, lang: str) -> list[Block]:
    p, pm, ri = a.project, a.qfd.planning, a.drivers.importance
    stab = a.qfd.touchpoint_stability
    stage = {t.id: t.stage for t in p.touchpoints}
    blocks = [
        H(1, words("tor_h3", lang)),
        P(
            tr(
                "tor_object",
                lang,
                tps=len(p.touchpoints),
                n=p.interviews.n,
                outcome=outcome_text(a.drivers.outcome, p.settings.window_months, lang),
                r2=ri.r_squared,
                linked=ri.n,
            )
        ),
        *_unsupported(a, lang),
        T(
            [
                words(f"tor_rank_{c}", lang)
                for c in ("rank", "touchpoint", "stage", "weight", "sat", "quadrant")
            ],
            [
                (
                    tr(
                        "rank_interval",
                        lang,
                        rank=int(pm.rank[j]),
                        low=int(stab.interval[j, 0]),
                        high=int(stab.interval[j, 1]),
                    ),
                    label(a, pm.touchpoints[j]),
                    stage[pm.touchpoints[j]],
                    tr("percent1", lang, x=float(pm.weight[j])),
                    tr("mean_n", lang, mean=float(pm.satisfaction[j]), n=int(pm.satisfaction_n[j])),
                    touchpoint_quadrant(a, j, lang),
                )
                for j in by_rank(a)
            ],
        ),
    ]
    if p.data_sources:
        blocks += [
            P(words("tor_landscape", lang)),
            T(
                [
                    words(f"tor_src_{c}", lang)
                    for c in ("system", "kind", "holds", "automation", "refresh")
                ],
                [
                    (
                        s.system,
                        s.kind or "—",
                        s.holds or "—",
                        enum_label("automation", s.automation, lang) if s.automation else "—",
                        s.refresh or "—",
                    )
                    for s in p.data_sources
                ],
            ),
        ]
    gone = omissions(a, lang)
    if gone:
        blocks += [P(words("tor_left_out", lang)), UL([f"{o.part}: {o.reason}" for o in gone])]
    return blocks


def _requirements(a: Analysis, lang: str) -> list[Block]:
    screens = [words("tor_screen_journey", lang), words("tor_screen_drivers", lang)]
    if a.kpi.trees:
        screens.append(words("tor_screen_kpi", lang))
    if a.clusters is not None or a.segments:
        screens.append(words("tor_screen_segments", lang))
    if a.project.kpis:
        screens.append(words("tor_screen_data", lang))
    functions = []
    if a.project.kpis:
        functions += [words("tor_fn_attainment", lang), words("tor_fn_rollup", lang)]
    alerts = "tor_fn_alerts_rule" if a.monitoring is not None else "tor_fn_alerts"
    functions += [words(alerts, lang), words("tor_fn_weights", lang)]
    return [
        H(1, words("tor_h4", lang)),
        H(2, words("tor_h41", lang)),
        UL(
            [
                tr("tor_screens", lang, items="; ".join(screens)),
                tr("tor_slices", lang, items=", ".join(slices(a, lang))),
                words("tor_roles", lang),
            ]
        ),
        H(2, words("tor_h42", lang)),
        UL(functions),
        *_journey_screen(a, lang),
        *_alert_section(a, lang),
        H(2, words("tor_h43", lang)),
    ]


def _journey_screen(a: Analysis, lang: str) -> list[Block]:
    """4.2.1: what the dashboard shows about the journeys as-is / to-be."""
    blocks = [H(3, words("tor_journey_title", lang))]
    res = a.journey
    if res is None or res.comparison is None:
        reason = (
            next(o.reason for o in omissions(a, lang) if o.key == "part_journey")
            if (res is None)
            else words("journey.no_paths", lang)
        )
        return [*blocks, P(tr("tor_journey_none", lang, reason=reason.rstrip(".")))]

    def days(x: float) -> str:
        return tr("value", lang, x=float(x)) if math.isfinite(x) else "—"

    rows = [
        tr(
            "tor_journey_row",
            lang,
            segment=j.segment,
            steps_before=j.as_is.steps,
            steps_after=j.to_be.steps,
            visits_before=j.as_is.visits,
            visits_after=j.to_be.visits,
            pro_before=j.as_is.proactive,
            pro_after=j.to_be.proactive,
            days_before=days(j.as_is.time_to_value),
            days_after=days(j.to_be.time_to_value),
        )
        for j in res.comparison.segments
    ]
    return [
        *blocks,
        P(words("tor_journey_intro", lang)),
        UL(rows),
        P(words("tor_journey_measures", lang)),
    ]


def _alert_section(a: Analysis, lang: str) -> list[Block]:
    """4.2.2: the alert rule, stated from the same WarningRule the monitoring applies."""
    from qfd.monitoring.warnings import WarningRule, chart_limit, detectable_change
    from qfd.monitoring.waves import MIN_ANSWERS
    from workbooks.deliverables.xlsx.followup import flagged_items

    blocks = [H(3, words("tor_alert_title", lang))]
    m = a.monitoring
    if m is None:
        rule = WarningRule()
        reason = next(o.reason for o in omissions(a, lang) if o.key == "part_monitoring")
        return [
            *blocks,
            P(
                tr(
                    "tor_alert_none",
                    lang,
                    reason=reason.rstrip("."),
                    alpha=rule.alpha,
                    k=rule.baseline_waves,
                    lam=rule.ewma_lambda,
                    L=rule.limit_sigma,
                )
            ),
        ]
    rule, watches = m.warnings.rule, m.warnings.watches
    items = [
        tr("tor_alert_change", lang, alpha=rule.alpha, family=len(watches), min_n=MIN_ANSWERS),
        tr(
            "tor_alert_chart",
            lang,
            k=rule.baseline_waves,
            lam=rule.ewma_lambda,
            L=rule.limit_sigma,
        ),
    ]
    blocks += [P(words("tor_alert_intro", lang)), UL(items)]
    csi = [m.waves.get(w.touchpoint, "csi") for w in watches if w.touchpoint and w.metric == "csi"]
    sds = [float(x) for s in csi for x in s.sd if math.isfinite(x)]
    ns = [int(x) for s in csi for x in s.n if x >= MIN_ANSWERS]
    if sds and ns:
        sd, n = float(sorted(sds)[len(sds) // 2]), int(sorted(ns)[len(ns) // 2])
        blocks.append(
            P(
                tr(
                    "tor_alert_sizes",
                    lang,
                    n=n,
                    sd=sd,
                    change=detectable_change(sd, n, n, rule, family=len(watches)),
                    limit=chart_limit(sd, n, rule),
                )
            )
        )
    flagged = flagged_items(a, lang)
    blocks.append(
        P(
            tr("tor_alert_now", lang, items="; ".join(flagged))
            if flagged
            else words("xt.no_flags", lang)
        )
    )
    return blocks


def _passports(a: Analysis, lang: str) -> list[Block]:
    p = a.project
    blocks = [H(3, words("tor_h431", lang))]
    if not p.kpis:
        return [*blocks, P(why_left_out(a, "part_kpi", lang))]
    blocks.append(P(words("tor_passports_intro", lang)))
    csi_half = {m.touchpoint: m.csi.high - m.csi.value for m in a.metrics if m.segment == "*"}
    for k in p.kpis:
        half = csi_half.get(k.touchpoint_id) if k.level == "client" else None
        value = lambda x: "—" if x is None else tr("value", lang, x=float(x))  # noqa: E731
        rows = [
            ("formula", k.formula or words("tor_to_specify", lang)),
            ("unit", k.unit or "—"),
            ("level", enum_label("level", k.level, lang) if k.level else "—"),
            ("touchpoint", label(a, k.touchpoint_id)),
            ("type", enum_label("indicator", k.indicator, lang) if k.indicator else "—"),
            ("source", k.source or words("tor_no_source", lang)),
            ("refresh", k.refresh or "—"),
            ("owner", k.owner or words("to_assign", lang)),
            ("baseline", tr("tor_baseline_target", lang, b=value(k.baseline), t=value(k.target))),
            ("alerts", _passport_alert(a, half, lang)),
            ("chart", words(f"tor_chart_{k.level}", lang) if k.level else "—"),
        ]
        blocks += [
            H(4, f"{k.id} — {k.name}"),
            T(
                (words("tor_field", lang), words("tor_value", lang)),
                [(words(f"tor_passport_{f}", lang), v) for f, v in rows],
            ),
        ]
    return blocks


def _passport_alert(a: Analysis, half: float | None, lang: str) -> str:
    """A survey KPI of a monitored project alarms by the rule of 4.2.2, the others as before."""
    if a.monitoring is None or half is None:
        return alert_rule(half, lang)
    rule = a.monitoring.warnings.rule
    return tr("tor_alert_by_rule", lang, alpha=rule.alpha, k=rule.baseline_waves)


def _support(lang: str) -> list[Block]:
    return [
        H(3, words("tor_h432", lang)),
        P(words("tor_software", lang)),
        H(3, words("tor_h433", lang)),
        P(words("tor_hardware", lang)),
    ]


def _stages(a: Analysis, lang: str) -> list[Block]:
    quarters = quarter_labels(a, lang)
    rows = [
        (str(n), words(key, lang), ", ".join(quarters[q - 1] for q in qs))
        for n, (key, qs) in enumerate(TOR_STAGES, start=1)
    ]
    return [
        H(1, words("tor_h5", lang)),
        T([words(f"tor_stages_col_{c}", lang) for c in ("n", "content", "period")], rows),
        P(words("tor_stages_roadmap", lang)),
    ]


def _acceptance(a: Analysis, lang: str) -> list[Block]:
    items = [words("tor_accept_alerts", lang)]
    if a.project.kpis:
        items.insert(0, words("tor_accept_kpis", lang))
    return [H(1, words("tor_h6", lang)), UL(items)]


def _preparation(a: Analysis, lang: str) -> list[Block]:
    audit = a.kpi.audit
    blocks = [H(1, words("tor_h7", lang))]
    if not a.project.kpis:
        return [*blocks, P(why_left_out(a, "part_kpi", lang))]
    have = sum(1 for r in audit.rows if r.source)
    blocks.append(
        P(tr("tor_coverage", lang, have=have, total=len(audit.rows), share=audit.automated_share))
    )
    if not audit.missing:
        return [*blocks, P(words("xlsx_no_missing_sources", lang))]
    rows = [
        (
            r.kpi,
            r.name,
            r.touchpoint,
            tr("tor_feed_from", lang, systems=", ".join(r.suggested))
            if r.suggested
            else words("tor_choose_source", lang),
        )
        for r in audit.missing
    ]
    header = [words(f"tor_gap_{c}", lang) for c in ("kpi", "name", "touchpoint", "todo")]
    return [*blocks, P(words("tor_gaps_intro", lang)), T(header, rows)]


def _documentation(a: Analysis, lang: str) -> list[Block]:
    key = "tor_docs_kpi" if a.project.kpis else "tor_docs"
    return [H(1, words("tor_h8", lang)), UL([words(key, lang)])]


def _sources(a: Analysis, lang: str) -> list[Block]:
    return [
        H(1, words("tor_h9", lang)),
        UL(
            [
                tr("tor_source_workbook", lang, name=a.project.source.name),
                words("tor_source_method", lang),
                words("tor_source_gost", lang),
            ]
        ),
    ]


def write_tor_docx(blocks: list[Block], path: Path) -> Path:
    return write_docx(blocks, path)


def write_tor_md(blocks: list[Block], path: Path) -> Path:
    return write_markdown(blocks, path)
