"""Plain-text tables for the terminal, in the user's language (every word from the catalogue,
numbers formatted for the language)."""

from __future__ import annotations

import math

import numpy as np

from workbooks.analysis import Analysis
from workbooks.deliverables.facts import (
    LEVELS,
    nps_lines,
    outcome_text,
    touchpoint_quadrant,
    typical_value,
    why_left_out,
)
from workbooks.deliverables.terminal import clip, text_table
from workbooks.locale import note_text, tr, words
from workbooks.project.schema import enum_label

__all__ = ["behaviour_report", "drivers_table", "kpi_report", "qfd_report", "segments_report"]


def _columns(prefix: str, names: tuple[str, ...], lang: str) -> list[str]:
    return [words(f"{prefix}_{n}", lang) for n in names]


# ---------------------------------------------------------------------- drivers
DRIVER_COLUMNS = ("n", "touchpoint", "share", "ci", "rank", "beta", "beta_ci", "vif", "count")


def drivers_table(analysis: Analysis, lang: str = "ru") -> str:
    rep = analysis.drivers
    ri = rep.importance
    lines = [
        tr(
            "report_drivers_head",
            lang,
            outcome=outcome_text(rep.outcome, analysis.project.settings.window_months, lang),
            n=ri.n,
            r2=ri.r_squared,
            adj=ri.adjusted_r_squared,
            method=ri.method.upper(),
            missing=words(f"missing_{ri.missing}", lang),
            b=ri.bootstrap,
            seed=str(ri.seed),
        )
    ]
    names = {t.id: t.name for t in analysis.project.touchpoints}
    included = [t for t, keep in zip(rep.touchpoints, rep.included, strict=True) if keep]
    rows = [_columns("report_dr", DRIVER_COLUMNS, lang)]
    for rank, k in enumerate(np.argsort(-ri.shares, kind="stable"), start=1):
        tp = included[k]
        rows.append(_driver_row(analysis, tp, int(k), rank, names.get(tp, ""), lang))
    lines += text_table(rows, "llrrlrrrr")
    lines += nps_lines(analysis, lang)
    if rep.warnings:
        lines.append(words("report_warnings", lang))
        lines += [f"  ! {note_text(w, lang)}" for w in rep.warnings]
    return "\n".join(lines)


def _driver_row(analysis: Analysis, tp: str, k: int, rank: int, name: str, lang: str) -> list[str]:
    ri, betas = analysis.drivers.importance, analysis.drivers.betas
    share_ci = "—"
    if ri.share_ci is not None:
        share_ci = tr(
            "report_ci", lang, low=float(ri.share_ci[k, 0]), high=float(ri.share_ci[k, 1])
        )
    rank_text = str(rank)
    if ri.rank_ci is not None:
        rank_text = tr(
            "rank_interval", lang, rank=rank, low=int(ri.rank_ci[k, 0]), high=int(ri.rank_ci[k, 1])
        )
    beta = beta_ci = vif = "—"
    if betas is not None and tp in betas.names:
        b = betas.names.index(tp)
        beta = tr("signed2", lang, x=float(betas.beta[b]))
        beta_ci = tr("report_beta_ci", lang, low=float(betas.ci[b, 0]), high=float(betas.ci[b, 1]))
        vif = tr("value1", lang, x=float(betas.vif[b]))
    return [
        str(rank),
        clip(f"{tp} {name}", 44),
        tr("percent1", lang, x=float(ri.shares[k])),
        share_ci,
        rank_text,
        beta,
        beta_ci,
        vif,
        str(int(ri.n_pairwise[k])),
    ]


# ---------------------------------------------------------------------- QFD
PM_COLUMNS = (
    "n",
    "touchpoint",
    "stage",
    "stated",
    "derived",
    "w0",
    "sat",
    "comp",
    "target",
    "ratio",
    "sp",
    "weight",
    "rank",
    "quadrant",
)
HOQ_COLUMNS = ("n", "characteristic", "type", "abs", "rel", "rank", "r531", "r321", "r951", "per")


def qfd_report(analysis: Analysis, lang: str = "ru") -> str:
    q = analysis.qfd
    pm, stab = q.planning, q.touchpoint_stability
    lines = [
        tr(
            "report_pm_head",
            lang,
            lam=pm.blend_lambda,
            rest=1 - pm.blend_lambda,
            policy=enum_label("target_policy", pm.target_policy, lang),
            b=stab.replicates,
            seed=str(stab.seed),
        )
    ]
    lines += [f"  ! {note_text(n, lang)}" for n in q.notes]
    rows = [_columns("report_pm", PM_COLUMNS, lang)]
    for rank, j in enumerate(np.argsort(pm.rank, kind="stable"), start=1):
        rows.append(_planning_row(analysis, int(j), rank, lang))
    lines += text_table(rows, "lllrrrrrrrrrll")
    if pm.suggested.any():
        lines.append(words("sp_suggested_star", lang))
    lines.append(tr("report_split", lang, imp=float(pm.split[0]), sat=float(pm.split[1])))
    ahead = [
        f"{pm.touchpoints[a]} > {', '.join(pm.touchpoints[b] for b in stab.ahead_of(a))}"
        for a in np.argsort(pm.rank, kind="stable")
        if stab.ahead_of(a)
    ]
    lines.append(
        tr("report_ahead", lang, items="; ".join(ahead))
        if ahead
        else words("report_none_ahead", lang)
    )
    lines += _journey_lines(analysis, lang)
    if not analysis.project.characteristics:
        lines.append(words("report_no_chars", lang))
        return "\n".join(lines)
    return "\n".join([*lines, "", *_house_lines(analysis, lang)])


def _planning_row(analysis: Analysis, j: int, rank: int, lang: str) -> list[str]:
    pm, stab = analysis.qfd.planning, analysis.qfd.touchpoint_stability
    tp = next(t for t in analysis.project.touchpoints if t.id == pm.touchpoints[j])
    value2 = lambda x: tr("value2", lang, x=float(x))  # noqa: E731 - local shorthand
    sp = tr("value", lang, x=float(pm.sales_point[j]))
    return [
        str(rank),
        clip(f"{tp.id} {tp.name}", 40),
        clip(tp.stage, 22),
        value2(pm.stated[j]),
        tr("percent1", lang, x=float(pm.derived[j])),
        tr("percent1", lang, x=float(pm.blended[j])),
        value2(pm.satisfaction[j]),
        value2(pm.competitor[j]),
        value2(pm.target[j]),
        value2(pm.improvement[j]),
        sp + ("*" if pm.suggested[j] else ""),  # as the deck marks them
        tr("percent1", lang, x=float(pm.weight[j])),
        tr(
            "rank_interval",
            lang,
            rank=int(pm.rank[j]),
            low=int(stab.interval[j, 0]),
            high=int(stab.interval[j, 1]),
        ),
        touchpoint_quadrant(analysis, j, lang),
    ]


def _journey_lines(analysis: Analysis, lang: str) -> list[str]:
    pm = analysis.qfd.planning
    tp_by_id = {tp.id: tp for tp in analysis.project.touchpoints}
    stages: dict[tuple[int, str], list[str]] = {}
    for j, tp_id in enumerate(pm.touchpoints):
        tp = tp_by_id[tp_id]
        stages.setdefault((tp.stage_order, tp.stage), []).append(f"{tp_id} #{pm.rank[j]}")
    return [words("report_journey", lang)] + [
        f"  {stage}: {', '.join(items)}" for (_, stage), items in sorted(stages.items())
    ]


def _house_lines(analysis: Analysis, lang: str) -> list[str]:
    q, chars = analysis.qfd, analysis.project.characteristics
    ti, cs = q.technical, q.characteristic_stability
    lines = [words("report_hoq", lang)]
    rows = [_columns("report_hoq", HOQ_COLUMNS, lang)]
    for rank, k in enumerate(np.argsort(ti.rank, kind="stable"), start=1):
        c = chars[k]
        rows.append(
            [
                str(rank),
                clip(f"{c.id} {c.name}", 44),
                enum_label("indicator", c.indicator, lang) if c.indicator else "—",
                tr("value2", lang, x=float(ti.absolute[k])),
                tr("percent1", lang, x=float(ti.relative[k])),
                tr(
                    "rank_interval",
                    lang,
                    rank=int(ti.rank[k]),
                    low=int(cs.interval[k, 0]),
                    high=int(cs.interval[k, 1]),
                ),
                *(str(cs.scale_rank[s][k]) for s in ("5-3-1", "3-2-1", "9-5-1")),
                tr("value3", lang, x=float(q.per_difficulty[k])),
            ]
        )
    lines += text_table(rows, "lllrrlrrrr")
    taus = ", ".join(
        tr("tau_item", lang, scale=s, tau=v) for s, v in cs.scale_tau.items() if s != "9-3-1"
    )
    lines.append(tr("xlsx_tau", lang, items=taus))
    groups = [" ≈ ".join(chars[k].id for k in g) for g in cs.tied_groups() if len(g) > 1]
    if groups:
        lines.append(tr("report_tied", lang, items="; ".join(groups)))
    if q.conflicts:
        lines.append(words("report_conflicts", lang))
        for c in q.conflicts:
            key = "report_conflict_top" if c.among_top else "report_conflict"
            lines.append(
                tr(
                    key,
                    lang,
                    a=chars[c.a].id,
                    ia=c.importance_a,
                    b=chars[c.b].id,
                    ib=c.importance_b,
                    sym="−−" if c.strength == -2 else "−",
                )
            )
    if q.cascade.leading:
        lines.append(words("report_cascade", lang))
        for r, k in enumerate(q.cascade.leading):
            drives = ", ".join(
                chars[q.cascade.lagging[i]].id for i in np.flatnonzero(q.cascade.matrix[:, r])
            )
            lines.append(
                tr(
                    "report_cascade_item",
                    lang,
                    id=chars[k].id,
                    name=chars[k].name,
                    rel=float(q.cascade.relative[r]),
                    drives=drives,
                )
            )
    return lines


# ---------------------------------------------------------------------- KPI trees
KPI_COLUMNS = (
    "kpi",
    "level",
    "actual",
    "target",
    "attainment",
    "rollup",
    "influence",
    "share",
    "what_if",
)


def kpi_report(analysis: Analysis, lang: str = "ru") -> str:
    from kpi_tree.recommend import recommendation

    res = analysis.kpi
    if not analysis.project.kpis and not res.processes:
        return why_left_out(analysis, "part_kpi", lang) or ""
    names = {tp.id: tp.name for tp in analysis.project.touchpoints}
    lines = []
    for tp, a in res.analyses.items():
        tree = res.trees[tp]
        lines.append(tr("report_kpi_head", lang, tp=tp, name=names.get(tp, "")))
        if a.root is None:
            lines += [f"  ! {note_text(n, lang)}" for n in a.notes] + [""]
            continue
        rows = [_columns("report_kpi", KPI_COLUMNS, lang)]
        for n, r in sorted(a.nodes.items(), key=lambda kv: (LEVELS.index(kv[1].level), kv[0])):
            rows.append(_kpi_row(a, tree, n, r, lang))
        lines += text_table(rows, "llrrrrrrr")
        if a.bottleneck:
            lines.append(
                tr(
                    "report_bottleneck",
                    lang,
                    kpi=a.bottleneck,
                    path=" → ".join(a.heaviest_path),
                    weak=a.weakest_link or "—",
                )
            )
            lines.append(note_text(recommendation(a, tree), lang))
        if tp in res.processes:
            lines += _process_lines(res.processes[tp], lang)
        lines.append("")
    for tp, p in res.processes.items():
        if tp not in res.analyses:
            lines += _process_lines(p, lang)
    if res.actions:
        lines.append(words("report_actions", lang))
        for i, (tp, kpi, score) in enumerate(res.actions, start=1):
            lines.append(f"  {i}. {tp} {kpi}: {tr('value3', lang, x=float(score))}")
    return "\n".join(lines + _audit_lines(analysis, lang))


def _kpi_row(a, tree, n: str, r, lang: str) -> list[str]:
    k = tree.nodes[n]["kpi"]
    pct = lambda x: tr("percent0", lang, x=float(x))  # noqa: E731 - "—" for NaN
    number = lambda x: "—" if x is None else tr("value", lang, x=float(x))  # noqa: E731
    return [
        clip(f"{'▶ ' if n == a.bottleneck else '  '}{n} {k.name}", 52),
        enum_label("level", r.level, lang),
        number(k.actual),
        number(k.target),
        pct(r.attainment),
        pct(r.rolled_up),
        tr("value2", lang, x=float(r.influence)),
        pct(r.share),
        "—" if r.what_if != r.what_if else tr("points_gain", lang, x=100 * float(r.what_if)),
    ]


def _audit_lines(analysis: Analysis, lang: str) -> list[str]:
    audit = analysis.kpi.audit
    if not analysis.project.kpis:
        return []
    lines = ["", words("report_audit", lang)]
    rows = [_columns("report_audit", ("level", "with_source", "total", "share"), lang)]
    for level in LEVELS:
        if level in audit.coverage_by_level:
            have, total = audit.coverage_by_level[level]
            rows.append(
                [
                    enum_label("level", level, lang),
                    str(have),
                    str(total),
                    tr("percent0", lang, x=have / total),
                ]
            )
    lines += text_table(rows, "lrrr")
    lines.append(tr("report_automated", lang, share=audit.automated_share))
    if audit.missing:
        lines.append(tr("report_missing", lang, n=len(audit.missing)))
        for r in audit.missing:
            suggestion = tr(
                "report_suggest", lang, systems=", ".join(r.suggested) or words("none_word", lang)
            )
            lines.append(
                f"  {r.kpi} {r.name} ({r.touchpoint}, {enum_label('level', r.level, lang)}) {suggestion}"
            )
    if audit.unknown_systems:
        lines.append(tr("report_unknown", lang, items=", ".join(audit.unknown_systems)))
    return lines


def _process_lines(p, lang: str) -> list[str]:
    infinite = words("report_infinite", lang)
    lead = (
        infinite
        if not math.isfinite(p.lead_time_hours)
        else tr("report_hours", lang, h=p.lead_time_hours)
    )
    wip = infinite if not math.isfinite(p.wip) else tr("value0", lang, x=float(p.wip))
    worst = next(s for s in p.steps if s.step == p.bottleneck)
    rho = "∞" if not math.isfinite(worst.utilisation) else tr("percent0", lang, x=worst.utilisation)
    out = [
        tr(
            "report_process",
            lang,
            tp=p.touchpoint,
            step=p.bottleneck,
            rho=rho,
            flow=p.max_flow,
            demand=p.demand,
            cut=", ".join(p.cut),
            lead=lead,
            wip=wip,
        )
    ]
    if p.overloaded:
        out.append(
            tr("report_overloaded", lang, steps=", ".join(p.overloaded), backlog=p.backlog_per_week)
        )
    return out


# ---------------------------------------------------------------------- behaviour, segments
def behaviour_report(res, lang: str = "ru") -> str:
    from qfd.behaviour.clv import MIN_REPEAT_BUYERS

    b = res.behaviour
    lines = [
        tr(
            "report_behaviour_head",
            lang,
            asof=b.as_of,
            engine=res.engine,
            clients=len(b.client_ids),
            orders=float(b.frequency.sum()),
            revenue=float(b.revenue.sum()),
            w=b.window_months,
            wrev=float(b.window_revenue.sum()),
        ),
        tr("report_rfm", lang, **res.rfm.segment_counts()),
        tr("report_pareto", lang, share=res.pareto.share_for_80),
    ]
    lines += [tr("report_tier", lang, tier=tier, n=n, rev=rev) for tier, n, rev in res.pareto.tiers]
    value = res.value
    if value.bgnbd is not None:
        bg, gg = value.bgnbd, value.gamma_gamma
        lines.append(
            tr(
                "report_bg",
                lang,
                r=bg.r,
                alpha=bg.alpha,
                a=bg.a,
                b=bg.b,
                n=bg.n,
                p=gg.p,
                q=gg.q,
                g=gg.gamma,
            )
        )
        clv = np.sort(value.expected_revenue)[::-1]
        top = clv[: max(1, len(clv) // 5)].sum() / clv.sum()
        key = "report_clv_history" if gg.degenerate else "report_clv"  # what the spend is
        lines.append(tr(key, lang, total=float(clv.sum()), top=float(top)))
    else:
        lines.append(
            tr("report_no_bg", lang, n=int((b.repeat_days > 0).sum()), limit=MIN_REPEAT_BUYERS)
        )
    lines += [f"  ! {note_text(n, lang)}" for n in value.notes]
    tp = res.basket.top_products
    lines.append(words("report_top_products", lang))
    lines += [
        tr("report_product", lang, product=p, revenue=float(rev), orders=int(o))
        for p, rev, o in zip(tp["product"], tp["revenue"], tp["orders"], strict=True)
    ][:10]
    for key, pairs in (
        ("report_pairs", res.basket.pairs_in_order),
        ("report_pairs_client", res.basket.pairs_across_orders),
    ):
        lines.append(words(key, lang))
        if not len(pairs["product_a"]):
            lines.append(words(f"{key}_none", lang))
        columns = ("product_a", "product_b", "support", "confidence_ab", "lift")
        for a, bb, sup, conf, lift in list(zip(*(pairs[c] for c in columns), strict=True))[:8]:
            lines.append(
                tr(
                    "report_pair",
                    lang,
                    a=a,
                    b=bb,
                    support=float(sup),
                    confidence=float(conf),
                    lift=float(lift),
                )
            )
    return "\n".join(lines)


def segments_report(res, lang: str = "ru") -> str:

    seg, prio = res.segmentation, res.priority
    sil = ", ".join(tr("silhouette_item", lang, k=k, v=v) for k, v in seg.silhouette.items())
    lines = [
        tr(
            "report_segments_head",
            lang,
            k=seg.k,
            sil=sil,
            share=seg.min_share,
            seed=str(seg.seed),
            n_init=seg.n_init,
        )
    ]
    for p in res.portraits:
        csi = prio.csi.get(p.segment, math.nan)
        lines.append(
            tr(
                "report_segment_card",
                lang,
                n=p.segment + 1,
                name=p.name,
                size=p.size,
                share=p.share,
                rev=p.revenue_share,
                resp=prio.respondents[p.segment],
                csi=csi,
            )
        )
        typical = ", ".join(
            tr("typical_item", lang, name=k, value=typical_value(v, lang))
            for k, v in p.typical.items()
            if v is not None and str(v).strip() != ""
        )
        lines.append(tr("report_typical", lang, items=typical))
        features = ", ".join(
            tr("report_feature", lang, name=f, index=float(i)) for f, i in p.distinguishing
        )
        lines.append(tr("report_features", lang, items=features))
        tp, lag = prio.problem[p.segment]
        if tp:
            lines.append(tr("report_problem", lang, tp=tp, lag=float(lag)))
    lines.append(tr("report_priority", lang, order=" → ".join(f"S{s + 1}" for s in prio.order)))
    lines.append(tr("report_rule", lang, rule=note_text(prio.rule, lang)))
    lines += [f"  ! {note_text(n, lang)}" for n in prio.notes]
    return "\n".join(lines)
