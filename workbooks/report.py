"""Plain-text tables for the terminal, in the user's language."""

from __future__ import annotations

import numpy as np

from workbooks.analysis import Analysis

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
        {"pairwise": "pairwise + matrix repair", "listwise": "listwise", "mice": "imputation"},
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
        lines += [f"  ! {w.text(lang)}" for w in rep.warnings]
    return "\n".join(lines)
