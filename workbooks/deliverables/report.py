"""Plain-text tables for the terminal, in the user's language."""

from __future__ import annotations

import numpy as np

from workbooks.analysis import Analysis
from workbooks.locale import note_text
from workbooks.project.schema import enum_label

__all__ = ["drivers_table"]

OUTCOME_WORDS = {
    "revenue": ("выручка за {w:g} мес.", "revenue over {w:g} months"),
    "ltv": ("накопленная выручка (LTV)", "historical revenue (LTV)"),
    "frequency": ("число заказов за {w:g} мес.", "orders over {w:g} months"),
    "monetary": ("средний чек", "average check"),
    "repeat": ("повторная покупка за {w:g} мес.", "repeat purchase within {w:g} months"),
    "churn": ("отток (нет заказов за {w:g} мес.)", "churn (no order within {w:g} months)"),
    "overall": ("общая удовлетворённость", "overall satisfaction"),
    "nps": ("NPS", "NPS"),
}

HEAD = {
    "ru": (
        "Ключевые драйверы: {outcome}{log}; n = {n}, R² = {r2:.2f} (скорр. {adj:.2f}); метод {method}, "
        "пропуски: {missing}; бутстреп B = {b}, зерно {seed}",
        ("#", "Точка контакта", "Доля R²", "95% ДИ", "Ранг [95% ДИ]", "β", "95% ДИ β", "VIF", "n"),
        "Предупреждения:",
        " (в логарифме)",
        {
            "em": "EM (полная информация)",
            "pairwise": "попарно + ремонт матрицы",
            "listwise": "построчное удаление",
            "mice": "импутация",
        },
    ),
    "en": (
        "Key drivers: {outcome}{log}; n = {n}, R² = {r2:.2f} (adj. {adj:.2f}); method {method}, "
        "missing: {missing}; bootstrap B = {b}, seed {seed}",
        ("#", "Touchpoint", "R² share", "95% CI", "Rank [95% CI]", "β", "95% CI β", "VIF", "n"),
        "Warnings:",
        " (log)",
        {
            "em": "EM (full information)",
            "pairwise": "pairwise + matrix repair",
            "listwise": "listwise",
            "mice": "imputation",
        },
    ),
}


def _fmt_table(rows: list[list[str]], align: str) -> list[str]:
    widths = [max(len(r[j]) for r in rows) for j in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [
            c.ljust(w) if a == "l" else c.rjust(w) for c, w, a in zip(r, widths, align, strict=True)
        ]
        out.append("  ".join(cells).rstrip())
    return out


def drivers_table(analysis: Analysis, lang: str = "ru") -> str:
    head, columns, warn_head, log_word, missing_words = HEAD[lang]
    rep = analysis.drivers
    ri = rep.importance
    settings = analysis.project.settings
    outcome_word = OUTCOME_WORDS[rep.outcome.measure][0 if lang == "ru" else 1].format(
        w=settings.window_months
    )
    lines = [
        head.format(
            outcome=outcome_word,
            log=log_word if rep.outcome.transform else "",
            n=ri.n,
            r2=ri.r_squared,
            adj=ri.adjusted_r_squared,
            method=ri.method.upper(),
            missing=missing_words[ri.missing],
            b=ri.bootstrap,
            seed=ri.seed,
        )
    ]
    names = {t.id: t.name for t in analysis.project.touchpoints}
    included = [t for t, keep in zip(rep.touchpoints, rep.included, strict=True) if keep]
    order = np.argsort(-ri.shares, kind="stable")
    rows = [list(columns)]
    betas = rep.betas
    for rank, k in enumerate(order, start=1):
        tp = included[k]
        share_ci = (
            "—"
            if ri.share_ci is None
            else f"[{100 * ri.share_ci[k, 0]:.1f}–{100 * ri.share_ci[k, 1]:.1f}]"
        )
        rank_ci = "" if ri.rank_ci is None else f" [{ri.rank_ci[k, 0]}–{ri.rank_ci[k, 1]}]"
        if betas is not None and tp in betas.names:
            b = betas.names.index(tp)
            beta, beta_ci, vif = (
                f"{betas.beta[b]:+.2f}",
                f"[{betas.ci[b, 0]:+.2f}; {betas.ci[b, 1]:+.2f}]",
                f"{betas.vif[b]:.1f}",
            )
        else:
            beta = beta_ci = vif = "—"
        rows.append(
            [
                str(rank),
                f"{tp} {names.get(tp, '')}"[:44],
                f"{100 * ri.shares[k]:.1f} %",
                share_ci,
                f"{rank}{rank_ci}",
                beta,
                beta_ci,
                vif,
                str(ri.n_pairwise[k]),
            ]
        )
    lines += _fmt_table(rows, "llrrlrrrr")
    if rep.warnings:
        lines.append(warn_head)
        lines += [f"  ! {note_text(w, lang)}" for w in rep.warnings]
    return "\n".join(lines)


QUADRANT_WORDS = {
    "concentrate": ("сосредоточиться", "concentrate here"),
    "keep_up": ("поддерживать", "keep up the good work"),
    "low_priority": ("низкий приоритет", "low priority"),
    "overkill": ("возможный избыток", "possible overkill"),
}
QFD_TEXT = {
    "ru": {
        "pm": "Матрица планирования (λ = {lam:g}: {lam:g}·заявленная + {rest:g}·производная важность; цель: {policy}; бутстреп B = {b}, зерно {seed})",
        "pm_cols": (
            "#",
            "Точка контакта",
            "Этап",
            "Важн.",
            "Произв.",
            "W0",
            "Удовл.",
            "Конк.",
            "Цель",
            "R",
            "SP",
            "Вес",
            "Ранг [ДИ]",
            "Квадрант",
        ),
        "split": "Квадранты: граница по средним — важность W0 {imp:.1%}, удовлетворённость {sat:.2f}",
        "journey": "Приоритеты на пути клиента (ранг точки контакта):",
        "ahead": "Надёжно впереди (≥ 95 % бутстреп-выборок): {items}",
        "none_ahead": "Ни одна точка не опережает другие надёжно: при таком n ранжирование — ориентир, не приговор",
        "hoq": "Дом качества: техническая важность характеристик (шкала 9-3-1)",
        "hoq_cols": (
            "#",
            "Характеристика",
            "Тип",
            "Абс.",
            "Отн.",
            "Ранг [ДИ]",
            "5-3-1",
            "3-2-1",
            "9-5-1",
            "Отн./сложность",
        ),
        "tau": "Устойчивость к шкале связей (τ Кендалла с 9-3-1): {items}",
        "tied": "Неразличимые группы (надёжно не разделяются): {items}",
        "conflicts": "Конфликты крыши (отрицательная корреляция характеристик):",
        "conflict": "  {a} ({ia:.1%}) {sym} {b} ({ib:.1%}){top}",
        "top_mark": " — обе среди важнейших, решить до старта",
        "cascade": "Каскад (фаза 2): опережающие показатели, которые двигают запаздывающие характеристики",
        "no_chars": "Характеристики (лист «Характеристики») не заданы: Дом качества не построен",
        "lagging": "запазд.",
        "leading": "опереж.",
    },
    "en": {
        "pm": "Planning matrix (λ = {lam:g}: {lam:g}·stated + {rest:g}·derived importance; target: {policy}; bootstrap B = {b}, seed {seed})",
        "pm_cols": (
            "#",
            "Touchpoint",
            "Stage",
            "Stated",
            "Derived",
            "W0",
            "Sat.",
            "Comp.",
            "Target",
            "R",
            "SP",
            "Weight",
            "Rank [CI]",
            "Quadrant",
        ),
        "split": "Quadrants split at the means: importance W0 {imp:.1%}, satisfaction {sat:.2f}",
        "journey": "Priorities along the journey (touchpoint rank):",
        "ahead": "Reliably ahead (in ≥ 95 % of bootstrap replicates): {items}",
        "none_ahead": "No touchpoint is reliably ahead of another: at this n the ranking is a guide, not a verdict",
        "hoq": "House of Quality: technical importance of characteristics (9-3-1 scale)",
        "hoq_cols": (
            "#",
            "Characteristic",
            "Type",
            "Abs.",
            "Rel.",
            "Rank [CI]",
            "5-3-1",
            "3-2-1",
            "9-5-1",
            "Rel./difficulty",
        ),
        "tau": "Robustness to the relationship scale (Kendall τ vs 9-3-1): {items}",
        "tied": "Groups that cannot be told apart reliably: {items}",
        "conflicts": "Roof conflicts (negatively correlated characteristics):",
        "conflict": "  {a} ({ia:.1%}) {sym} {b} ({ib:.1%}){top}",
        "top_mark": " — both among the most important: resolve first",
        "cascade": "Cascade (phase 2): leading indicators that move the lagging characteristics",
        "no_chars": "No characteristics (Characteristics sheet): the House of Quality is not built",
        "lagging": "lagging",
        "leading": "leading",
    },
}


def qfd_report(analysis: Analysis, lang: str = "ru") -> str:
    t = QFD_TEXT[lang]
    li = 0 if lang == "ru" else 1
    q = analysis.qfd
    pm = q.planning
    project = analysis.project
    tp_by_id = {tp.id: tp for tp in project.touchpoints}
    stab = q.touchpoint_stability
    lines = [
        t["pm"].format(
            lam=pm.blend_lambda,
            rest=1 - pm.blend_lambda,
            policy=enum_label("target_policy", pm.target_policy, lang),
            b=stab.replicates,
            seed=stab.seed,
        )
    ]
    lines += [f"  ! {note_text(n, lang)}" for n in q.notes]
    rows = [list(t["pm_cols"])]
    for rank, j in enumerate(np.argsort(pm.rank), start=1):
        tp = tp_by_id[pm.touchpoints[j]]
        comp = "—" if np.isnan(pm.competitor[j]) else f"{pm.competitor[j]:.2f}"
        rows.append(
            [
                str(rank),
                f"{tp.id} {tp.name}"[:40],
                tp.stage[:22],
                f"{pm.stated[j]:.2f}",
                f"{pm.derived[j]:.1%}",
                f"{pm.blended[j]:.1%}",
                f"{pm.satisfaction[j]:.2f}",
                comp,
                f"{pm.target[j]:.2f}",
                f"{pm.improvement[j]:.2f}",
                f"{pm.sales_point[j]:g}{'*' if pm.sales_point_source[j] == 'declared' else ''}",
                f"{pm.weight[j]:.1%}",
                f"{pm.rank[j]} [{stab.interval[j, 0]}–{stab.interval[j, 1]}]",
                QUADRANT_WORDS[pm.quadrant[j]][li],
            ]
        )
    lines += _fmt_table(rows, "lllrrrrrrrrrll")
    lines.append(t["split"].format(imp=pm.split[0], sat=pm.split[1]))
    ahead = [
        f"{pm.touchpoints[a]} > {', '.join(pm.touchpoints[b] for b in stab.ahead_of(a))}"
        for a in np.argsort(pm.rank)
        if stab.ahead_of(a)
    ]
    lines.append(t["ahead"].format(items="; ".join(ahead)) if ahead else t["none_ahead"])
    lines.append(t["journey"])
    stages: dict[tuple[int, str], list[str]] = {}
    for j, tp_id in enumerate(pm.touchpoints):
        tp = tp_by_id[tp_id]
        stages.setdefault((tp.stage_order, tp.stage), []).append(f"{tp_id} #{pm.rank[j]}")
    for (_, stage), items in sorted(stages.items()):
        lines.append(f"  {stage}: {', '.join(items)}")
    chars = project.characteristics
    if not chars:
        lines.append(t["no_chars"])
        return "\n".join(lines)
    ti, cs = q.technical, q.characteristic_stability
    lines += ["", t["hoq"]]
    rows = [list(t["hoq_cols"])]
    for rank, k in enumerate(np.argsort(ti.rank), start=1):
        c = chars[k]
        per = "—" if np.isnan(q.per_difficulty[k]) else f"{q.per_difficulty[k]:.3f}"
        rows.append(
            [
                str(rank),
                f"{c.id} {c.name}"[:44],
                t[c.indicator],
                f"{ti.absolute[k]:.2f}",
                f"{ti.relative[k]:.1%}",
                f"{ti.rank[k]} [{cs.interval[k, 0]}–{cs.interval[k, 1]}]",
                *(str(cs.scale_rank[s][k]) for s in ("5-3-1", "3-2-1", "9-5-1")),
                per,
            ]
        )
    lines += _fmt_table(rows, "lllrrlrrrr")
    taus = ", ".join(f"{s}: {v:.2f}" for s, v in cs.scale_tau.items() if s != "9-3-1")
    lines.append(t["tau"].format(items=taus))
    groups = [" ≈ ".join(chars[k].id for k in g) for g in cs.tied_groups() if len(g) > 1]
    if groups:
        lines.append(t["tied"].format(items="; ".join(groups)))
    if q.conflicts:
        lines.append(t["conflicts"])
        for c in q.conflicts:
            lines.append(
                t["conflict"].format(
                    a=chars[c.a].id,
                    ia=c.importance_a,
                    b=chars[c.b].id,
                    ib=c.importance_b,
                    sym="−−" if c.strength == -2 else "−",
                    top=t["top_mark"] if c.among_top else "",
                )
            )
    if q.cascade.leading:
        lines.append(t["cascade"])
        for r, k in enumerate(q.cascade.leading):
            lines.append(
                f"  {chars[k].id} {chars[k].name}: {q.cascade.relative[r]:.1%} "
                f"(← {', '.join(chars[q.cascade.lagging[i]].id for i in np.flatnonzero(q.cascade.matrix[:, r]))})"
            )
    return "\n".join(lines)


KPI_TEXT = {
    "ru": {
        "head": "Дерево KPI: {tp} {name} (свёртка: взвешенное среднее причин)",
        "cols": (
            "KPI",
            "Уровень",
            "Факт",
            "Цель",
            "Выполн.",
            "Свёртка",
            "Влияние",
            "Вклад в разрыв",
            "Если на цель, п. п.",
        ),
        "bottleneck": "Узкое место: {kpi}; слабое звено тяжелейшего пути {path}: {weak}",
        "process": "Процесс {tp}: узкое место «{step}» (загрузка {rho}); пропускная способность {flow:g}/нед при спросе {demand:g}/нед; минимальный разрез: {cut}; срок прохождения {lead}; незавершённых заявок (Литтл) {wip}",
        "overloaded": "  перегружено: {steps}; очередь растёт на {backlog:g} заявок в неделю",
        "actions": "Приоритет действий (вклад в разрыв × вес точки контакта в QFD):",
        "audit": "Покрытие KPI данными ИТ-систем:",
        "audit_cols": ("Уровень", "С источником", "Всего", "Доля"),
        "automated": "Из KPI с источником автоматически обновляются: {share:.0%}",
        "missing": "KPI без источника данных ({n}):",
        "suggest": "→ кто мог бы поставлять: {systems}",
        "unknown": "Системы, названные на листе KPI, но не описанные в «Источниках данных»: {items}",
        "none": "нет",
        "hours": "{h:.0f} ч",
        "inf": "неограниченно растёт",
    },
    "en": {
        "head": "KPI tree: {tp} {name} (roll-up: weighted mean of causes)",
        "cols": (
            "KPI",
            "Level",
            "Actual",
            "Target",
            "Attain.",
            "Roll-up",
            "Influence",
            "Share of gap",
            "If on target, points",
        ),
        "bottleneck": "Bottleneck: {kpi}; weakest link on the heaviest path {path}: {weak}",
        "process": "Process {tp}: bottleneck '{step}' (utilisation {rho}); throughput {flow:g}/week for demand {demand:g}/week; minimum cut: {cut}; lead time {lead}; work in progress (Little) {wip}",
        "overloaded": "  overloaded: {steps}; the queue grows by {backlog:g} cases a week",
        "actions": "Action priority (share of gap × touchpoint QFD weight):",
        "audit": "KPI coverage by the IT systems:",
        "audit_cols": ("Level", "With source", "Total", "Share"),
        "automated": "Of the KPIs with a source, updated automatically: {share:.0%}",
        "missing": "KPIs without a data source ({n}):",
        "suggest": "→ could be fed by: {systems}",
        "unknown": "Systems named on the KPI sheet but missing from Data sources: {items}",
        "none": "none",
        "hours": "{h:.0f} h",
        "inf": "grows without bound",
    },
}


def _num(x) -> str:
    if x is None:
        return "—"
    return f"{x:g}" if abs(x) < 1e6 else f"{x:.3g}"


def kpi_report(analysis: Analysis, lang: str = "ru") -> str:
    from kpi_tree.recommend import recommendation

    t = KPI_TEXT[lang]
    res = analysis.kpi
    names = {tp.id: tp.name for tp in analysis.project.touchpoints}
    lines = []
    for tp, a in res.analyses.items():
        tree = res.trees[tp]
        lines.append(t["head"].format(tp=tp, name=names.get(tp, "")))
        rows = [list(t["cols"])]
        for n, r in sorted(a.nodes.items(), key=lambda kv: (-LEVEL_ORDER[kv[1].level], kv[0])):
            k = tree.nodes[n]["kpi"]
            pct = lambda x: "—" if x != x else f"{x:.0%}"  # noqa: E731 - NaN-aware percent
            rows.append(
                [
                    f"{'▶ ' if n == a.bottleneck else '  '}{n} {k.name}"[:52],
                    enum_label("level", r.level, lang),
                    _num(k.actual),
                    _num(k.target),
                    pct(r.attainment),
                    pct(r.rolled_up),
                    f"{r.influence:.2f}",
                    pct(r.share),
                    "—" if r.what_if != r.what_if else f"+{100 * r.what_if:.0f}",
                ]
            )
        lines += _fmt_table(rows, "llrrrrrrr")
        if a.bottleneck:
            lines.append(
                t["bottleneck"].format(
                    kpi=a.bottleneck, path=" → ".join(a.heaviest_path), weak=a.weakest_link or "—"
                )
            )
            lines.append(note_text(recommendation(a, tree), lang))
        if tp in res.processes:
            lines += _process_lines(res.processes[tp], t)
        lines.append("")
    for tp, p in res.processes.items():
        if tp not in res.analyses:
            lines += _process_lines(p, t)
    if res.actions:
        lines.append(t["actions"])
        for i, (tp, kpi, score) in enumerate(res.actions, start=1):
            lines.append(f"  {i}. {tp} {kpi}: {score:.3f}")
    audit = res.audit
    lines += ["", t["audit"]]
    rows = [list(t["audit_cols"])]
    for level in ("financial", "client", "process", "competence"):
        if level in audit.coverage_by_level:
            have, total = audit.coverage_by_level[level]
            rows.append(
                [enum_label("level", level, lang), str(have), str(total), f"{have / total:.0%}"]
            )
    lines += _fmt_table(rows, "lrrr")
    lines.append(t["automated"].format(share=audit.automated_share))
    if audit.missing:
        lines.append(t["missing"].format(n=len(audit.missing)))
        for r in audit.missing:
            suggestion = t["suggest"].format(systems=", ".join(r.suggested) or t["none"])
            lines.append(
                f"  {r.kpi} {r.name} ({r.touchpoint}, {enum_label('level', r.level, lang)}) {suggestion}"
            )
    if audit.unknown_systems:
        lines.append(t["unknown"].format(items=", ".join(audit.unknown_systems)))
    return "\n".join(lines)


LEVEL_ORDER = {"financial": 3, "client": 2, "process": 1, "competence": 0}


def _process_lines(p, t) -> list[str]:
    import math

    lead = (
        t["inf"] if not math.isfinite(p.lead_time_hours) else t["hours"].format(h=p.lead_time_hours)
    )
    wip = t["inf"] if not math.isfinite(p.wip) else f"{p.wip:.0f}"
    worst = next(s for s in p.steps if s.step == p.bottleneck)
    rho = "∞" if not math.isfinite(worst.utilisation) else f"{worst.utilisation:.0%}"
    out = [
        t["process"].format(
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
            t["overloaded"].format(steps=", ".join(p.overloaded), backlog=p.backlog_per_week)
        )
    return out


BEHAVIOUR_TEXT = {
    "ru": {
        "head": "Платёжное поведение на {asof} (движок {engine}): {clients} клиентов, {orders:,.0f} заказов, выручка {revenue:,.0f}; окно {w:g} мес.: выручка {wrev:,.0f}",
        "rfm": "RFM (квинтили 1–5): чемпионы {champions}, под угрозой ухода {at_risk}, новые {new}, потерянные {lost}, прочие {other}",
        "pareto": "Парето: {share:.1%} клиентов дают 80 % выручки. Уровни обслуживания:",
        "tier": "  {tier}: {n} клиентов, {rev:.1%} выручки",
        "bg": "BG/NBD (недели): r = {r:.3f}, α = {alpha:.3f}, a = {a:.3f}, b = {b:.3f} (n = {n}); Gamma-Gamma: p = {p:.2f}, q = {q:.2f}, γ = {g:,.0f}",
        "clv": "Ожидаемая выручка за 12 месяцев (BG/NBD × Gamma-Gamma): {total:,.0f}; доля 20 % лучших клиентов {top:.0%}",
        "no_bg": "BG/NBD не оценивается: повторных покупателей {n} < {limit}",
        "top": "Топ товаров по выручке:",
        "pairs": "Пары в одном заказе (поддержка, достоверность A→B, лифт):",
        "pairs_client": "Пары у одного клиента в разных заказах:",
    },
    "en": {
        "head": "Payment behaviour at {asof} ({engine} engine): {clients} clients, {orders:,.0f} orders, revenue {revenue:,.0f}; {w:g}-month window revenue {wrev:,.0f}",
        "rfm": "RFM (quintiles 1–5): champions {champions}, at risk {at_risk}, new {new}, lost {lost}, other {other}",
        "pareto": "Pareto: {share:.1%} of clients bring 80 % of revenue. Service tiers:",
        "tier": "  {tier}: {n} clients, {rev:.1%} of revenue",
        "bg": "BG/NBD (weeks): r = {r:.3f}, α = {alpha:.3f}, a = {a:.3f}, b = {b:.3f} (n = {n}); Gamma-Gamma: p = {p:.2f}, q = {q:.2f}, γ = {g:,.0f}",
        "clv": "Expected revenue over 12 months (BG/NBD × Gamma-Gamma): {total:,.0f}; share of the best 20 % of clients {top:.0%}",
        "no_bg": "BG/NBD not fitted: {n} repeat buyers < {limit}",
        "top": "Top products by revenue:",
        "pairs": "Pairs in one order (support, confidence A→B, lift):",
        "pairs_client": "Pairs across a client's orders:",
    },
}


def behaviour_report(res, lang: str = "ru") -> str:
    from qfd.behaviour.clv import MIN_REPEAT_BUYERS

    t = BEHAVIOUR_TEXT[lang]
    b = res.behaviour
    lines = [
        t["head"].format(
            asof=b.as_of,
            engine=res.engine,
            clients=len(b.client_ids),
            orders=b.frequency.sum(),
            revenue=b.revenue.sum(),
            w=b.window_months,
            wrev=b.window_revenue.sum(),
        )
    ]
    lines.append(t["rfm"].format(**res.rfm.segment_counts()))
    lines.append(t["pareto"].format(share=res.pareto.share_for_80))
    lines += [t["tier"].format(tier=tier, n=n, rev=rev) for tier, n, rev in res.pareto.tiers]
    value = res.value
    if value.bgnbd is not None:
        bg, gg = value.bgnbd, value.gamma_gamma
        lines.append(
            t["bg"].format(
                r=bg.r, alpha=bg.alpha, a=bg.a, b=bg.b, n=bg.n, p=gg.p, q=gg.q, g=gg.gamma
            )
        )
        clv = np.sort(value.expected_revenue)[::-1]
        lines.append(
            t["clv"].format(total=clv.sum(), top=clv[: max(1, len(clv) // 5)].sum() / clv.sum())
        )
    else:
        lines.append(t["no_bg"].format(n=int((b.repeat_days > 0).sum()), limit=MIN_REPEAT_BUYERS))
    lines += [f"  ! {note_text(n, lang)}" for n in value.notes]
    tp = res.basket.top_products
    lines.append(t["top"])
    lines += [
        f"  {p}: {rev:,.0f} ({int(o)})"
        for p, rev, o in zip(tp["product"], tp["revenue"], tp["orders"], strict=True)
    ][:10]
    for key, pairs in (
        ("pairs", res.basket.pairs_in_order),
        ("pairs_client", res.basket.pairs_across_orders),
    ):
        lines.append(t[key])
        for a, bb, sup, conf, lift in list(
            zip(
                pairs["product_a"],
                pairs["product_b"],
                pairs["support"],
                pairs["confidence_ab"],
                pairs["lift"],
                strict=True,
            )
        )[:8]:
            lines.append(f"  {a} + {bb}: {sup:.1%}, {conf:.0%}, {lift:.2f}")
    return "\n".join(lines)


SEGMENT_TEXT = {
    "ru": {
        "head": "Сегменты клиентов: k-средних, k = {k} по силуэту ({sil}); мин. доля сегмента {share:.0%}; зерно {seed}, n_init = {n_init}",
        "card": "S{n} «{name}»: {size} клиентов ({share:.0%}), выручка {rev:.0%}; интервью: {resp}; CSI {csi}",
        "typical": "    типично: {items}",
        "features": "    отличает (индекс к базе, 100 = как все): {items}",
        "priority": "Приоритет сегментов: {order}",
        "rule": "Правило: {rule}",
        "problem": "    главная проблема сегмента: {tp} (ниже среднего по всем на {lag:.2f} балла)",
    },
    "en": {
        "head": "Client segments: k-means, k = {k} by silhouette ({sil}); minimum segment share {share:.0%}; seed {seed}, n_init = {n_init}",
        "card": "S{n} '{name}': {size} clients ({share:.0%}), revenue {rev:.0%}; interviews: {resp}; CSI {csi}",
        "typical": "    typical: {items}",
        "features": "    sets it apart (index vs the base, 100 = average): {items}",
        "priority": "Segment priority: {order}",
        "rule": "Rule: {rule}",
        "problem": "    the segment's main problem: {tp} ({lag:.2f} points below the all-respondent mean)",
    },
}


def typical_value(v) -> str:
    """A typical value for a portrait: thousands spaced, years and small numbers as they are."""
    if isinstance(v, float):
        return f"{v:,.0f}".replace(",", " ") if abs(v) >= 10_000 else f"{v:g}"
    return str(v)


def segments_report(res, lang: str = "ru") -> str:
    t = SEGMENT_TEXT[lang]
    seg, prio = res.segmentation, res.priority
    sil = ", ".join(f"k={k}: {'—' if v != v else f'{v:.3f}'}" for k, v in seg.silhouette.items())
    lines = [
        t["head"].format(k=seg.k, sil=sil, share=seg.min_share, seed=seg.seed, n_init=seg.n_init)
    ]
    for p in res.portraits:
        csi = prio.csi.get(p.segment, float("nan"))
        lines.append(
            t["card"].format(
                n=p.segment + 1,
                name=p.name,
                size=p.size,
                share=p.share,
                rev=p.revenue_share,
                resp=prio.respondents[p.segment],
                csi="—" if csi != csi else f"{csi:.0f}",
            )
        )
        typical = ", ".join(f"{k}: {typical_value(v)}" for k, v in p.typical.items())
        lines.append(t["typical"].format(items=typical))
        lines.append(
            t["features"].format(items=", ".join(f"{f} {i:.0f}" for f, i in p.distinguishing))
        )
        tp, lag = prio.problem[p.segment]
        if tp:
            lines.append(t["problem"].format(tp=tp, lag=lag))
    lines.append(t["priority"].format(order=" → ".join(f"S{s + 1}" for s in prio.order)))
    lines.append(t["rule"].format(rule=note_text(prio.rule, lang)))
    lines += [f"  ! {note_text(n, lang)}" for n in prio.notes]
    return "\n".join(lines)
