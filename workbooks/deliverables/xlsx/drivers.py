"""The key-drivers sheet (shares of R² with intervals, betas, a native bar chart with error bars
from cells) and the CX-metrics sheet (means, top-2, CSI per segment, segment comparisons)."""

from __future__ import annotations

import math

import numpy as np

from workbooks.analysis import Analysis
from workbooks.deliverables.facts import (
    nps_lines,
    outcome_text,
    touchpoint_names,
    why_left_out,
)
from workbooks.deliverables.xlsx.base import Sheet
from workbooks.locale import note_text, tr, words

__all__ = ["drivers_sheet", "metrics_sheet"]

DRIVER_COLUMNS = (
    "id",
    "touchpoint",
    "share",
    "ci_low",
    "ci_high",
    "rank",
    "rank_ci",
    "beta",
    "beta_low",
    "beta_high",
    "p",
    "vif",
    "n",
)
ERRORS = len(DRIVER_COLUMNS) + 1  # two hidden columns: share − low, high − share


def model_line(a: Analysis, lang: str) -> str:
    """The driver model in one sentence: outcome, n, R², adjusted R², method, bootstrap."""
    rep, ri = a.drivers, a.drivers.importance
    return tr(
        "drivers_model",
        lang,
        outcome=outcome_text(rep.outcome, a.project.settings.window_months, lang),
        n=ri.n,
        r2=ri.r_squared,
        adj=ri.adjusted_r_squared,
        method=ri.method.upper(),
        missing=words(f"missing_{ri.missing}", lang),
        b=ri.bootstrap,
        seed=str(ri.seed),
    )


def drivers_sheet(s: Sheet, a: Analysis) -> None:
    rep, ri = a.drivers, a.drivers.importance
    lang = s.book.lang
    names = touchpoint_names(a)
    s.title(0, s.book.words("sheet_drivers"))
    s.header(3, [s.book.words(f"xlsx_dr_{c}") for c in DRIVER_COLUMNS])
    included = [t for t, k in zip(rep.touchpoints, rep.included, strict=True) if k]
    order = np.argsort(-ri.shares, kind="stable")
    for i, k in enumerate(order):
        r = 4 + i
        tp = included[k]
        s.text(r, 0, tp)
        s.text(r, 1, names.get(tp, tp))
        s.number(r, 2, ri.shares[k], "0.0%")
        if ri.share_ci is not None:
            s.number(r, 3, ri.share_ci[k, 0], "0.0%")
            s.number(r, 4, ri.share_ci[k, 1], "0.0%")
            s.text(r, 6, tr("range", lang, low=int(ri.rank_ci[k, 0]), high=int(ri.rank_ci[k, 1])))
            s.ws.write_formula(
                r, ERRORS, f"=C{r + 1}-D{r + 1}", None, float(ri.shares[k] - ri.share_ci[k, 0])
            )
            s.ws.write_formula(
                r, ERRORS + 1, f"=E{r + 1}-C{r + 1}", None, float(ri.share_ci[k, 1] - ri.shares[k])
            )
        s.number(r, 5, i + 1, "0")
        b = rep.betas
        if b is not None and tp in b.names:
            m = b.names.index(tp)
            for c, v, f in (
                (7, b.beta[m], "0.00"),
                (8, b.ci[m, 0], "0.00"),
                (9, b.ci[m, 1], "0.00"),
                (10, b.p_value[m], "0.000"),
                (11, b.vif[m], "0.00"),
            ):
                s.number(r, c, v, f)
        s.number(r, 12, ri.n_pairwise[k], "0")
    last = 3 + len(order)
    s.note(1, model_line(a, lang))
    r = last + 2
    if rep.warnings:
        s.subtitle(r, s.book.words("warnings_title"))
        for i, note in enumerate(rep.warnings):
            s.note(r + 1 + i, "• " + note_text(note, lang), italic=False, font_color="#000000")
        r += len(rep.warnings) + 2
    _drivers_chart(s, a, last, r)
    s.ws.freeze_panes(4, 2)


def _drivers_chart(s: Sheet, a: Analysis, last: int, anchor: int) -> None:
    ri = a.drivers.importance
    s.ws.set_column(ERRORS, ERRORS + 1, None, None, {"hidden": True})
    chart = s.book.wb.add_chart({"type": "bar"})
    series = {
        "name": s.book.words("xlsx_dr_share"),
        "categories": [s.name, 4, 0, last, 0],
        "values": [s.name, 4, 2, last, 2],
        "fill": {"color": "#5B9BD5"},
    }
    if ri.share_ci is not None:
        series["x_error_bars"] = {
            "type": "custom",
            "minus_values": s.ref(4, ERRORS, last, ERRORS),
            "plus_values": s.ref(4, ERRORS + 1, last, ERRORS + 1),
            "end_style": 1,
        }
    chart.add_series(series)
    key = "chart_drivers_ci" if ri.share_ci is not None else "chart_drivers"
    chart.set_title({"name": s.book.words(key), "name_font": {"size": 12}})
    chart.set_y_axis({"reverse": True, "crossing": "max", "name": s.book.words("axis_touchpoint")})
    top = float(np.nanmax(ri.share_ci[:, 1] if ri.share_ci is not None else ri.shares))
    chart.set_x_axis(
        {
            "num_format": "0%",
            "name": s.book.words("axis_r2_share"),
            "min": 0,
            "max": math.ceil(top * 20 + 1e-9) / 20,  # the next 5 %: every interval fits
        }
    )
    chart.set_legend({"none": True})
    chart.show_hidden_data()
    chart.set_size({"width": 720, "height": 120 + 26 * (last - 3)})
    s.chart(anchor, chart)


METRIC_COLUMNS = (
    "segment",
    "id",
    "n",
    "mean",
    "ci_low",
    "ci_high",
    "top2",
    "top2_low",
    "top2_high",
    "csi",
    "indicative",
    "not_experienced",
    "dont_know",
)


def metrics_sheet(s: Sheet, a: Analysis) -> None:
    lang = s.book.lang
    s.title(0, s.book.words("sheet_metrics"))
    s.header(2, [s.book.words(f"xlsx_m_{c}") for c in METRIC_COLUMNS])
    for i, m in enumerate(a.metrics):
        r = 3 + i
        s.text(r, 0, words("all_respondents", lang) if m.segment == "*" else m.segment)
        s.text(r, 1, m.touchpoint)
        s.number(r, 2, m.mean.n, "0")
        for c, v, f in (
            (3, m.mean.value, "0.00"),
            (4, m.mean.low, "0.00"),
            (5, m.mean.high, "0.00"),
            (6, m.top2.value, "0%"),
            (7, m.top2.low, "0%"),
            (8, m.top2.high, "0%"),
            (9, m.csi.value, "0"),
        ):
            s.number(r, c, v, f)
        s.text(r, 10, words("yes", lang) if m.mean.indicative else "")
        s.number(r, 11, m.not_experienced, "0")
        s.number(r, 12, m.dont_know, "0")
    last = 2 + len(a.metrics)
    s.ws.conditional_format(3, 9, last, 9, {"type": "3_color_scale"})
    s.ws.autofilter(2, 0, last, len(METRIC_COLUMNS) - 1)
    s.ws.freeze_panes(3, 2)
    r = last + 2
    nps = nps_lines(a, lang)
    if nps:
        s.subtitle(r, s.book.words("nps_title"))
        for i, line in enumerate(nps):
            s.note(r + 1 + i, line, italic=False, font_color="#000000")
        r += len(nps) + 2
    if not a.segments:
        s.note(r, why_left_out(a, "part_segment_breakdowns", lang))
        return
    # the pairs left out, and why (too few answers in a segment), said under the tests
    skipped = [n for n in a.notes if n.key == "comparison_too_small"]
    if a.comparisons or skipped:
        _comparisons(s, a, r, skipped)


TEST_WORDS = {
    "Welch t": "test_welch",
    "two-proportion z": "test_proportions",
    "NPS difference z": "test_nps",
}


def _comparisons(s: Sheet, a: Analysis, r0: int, skipped) -> None:
    lang = s.book.lang
    s.subtitle(r0, s.book.words("xlsx_comparisons"))
    heads = ("segments", "id", "metric", "test", "statistic", "p", "p_holm")
    s.header(r0 + 1, [s.book.words(f"xlsx_cmp_{h}") for h in heads])
    for i, c in enumerate(a.comparisons):
        r = r0 + 2 + i
        s.text(r, 0, tr("versus", lang, a=c.groups[0], b=c.groups[1]))
        s.text(r, 1, c.touchpoint)
        s.text(r, 2, words(f"metric_{c.metric}", lang))
        s.text(r, 3, words(TEST_WORDS[c.test], lang))
        s.number(r, 4, c.statistic, "0.00")
        s.number(r, 5, c.p_value, "0.000")
        s.number(r, 6, c.p_holm, "0.000")
    for i, n in enumerate(skipped):
        s.note(r0 + 3 + len(a.comparisons) + i, "• " + note_text(n, lang))
