"""The deck for the strategic session (``presentation.pptx``; method, section 11).

The consultant presents the preliminary concept to the client's management and leaves with a
development plan for the year. The slides, in the project's language: title and scope; the
method on one slide; the journey map coloured by priority; the key drivers with their
intervals; the importance–performance map with named quadrants; the planning matrix's top
touchpoints; the House of Quality's top characteristics and conflicts; per priority touchpoint
its KPI tree with the bottleneck and the recommendation; the segment portraits; the data gaps
(and what the project lacks, and why); the one-year roadmap; next steps.

Charts are native and keep their data; diagrams are shapes and connectors, so everything can
be edited in PowerPoint. Every number that has a sample size or an interval shows it.
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import numpy as np
from pptx.enum.shapes import MSO_SHAPE

from kpi_tree.recommend import recommendation
from workbooks.analysis import Analysis
from workbooks.atomic import atomic_path
from workbooks.deliverables.charts import QUADRANT_COLOURS, ipa_layout
from workbooks.deliverables.documents import fixed_zip_dates
from workbooks.deliverables.facts import (
    LEVELS,
    borderline,
    by_rank,
    label,
    money_effect,
    nps_lines,
    omissions,
    outcome_text,
    owner,
    quadrant_word,
)
from workbooks.deliverables.followup_slides import followup_slides
from workbooks.deliverables.roadmap import quarter_labels, roadmap
from workbooks.deliverables.slides import BLUE, BODY, DARK, GREY, Box, Deck, Para
from workbooks.deliverables.xlsx.drivers import model_line
from workbooks.deliverables.xlsx.segments import portrait_lines, silhouette_line
from workbooks.locale import note_text, tr, words
from workbooks.locale.formatting import unit
from workbooks.project.schema import enum_label

__all__ = ["deck_slides", "write_presentation"]

METHOD_STEPS = 11  # sections of docs/method.md
TREES = 3  # priority touchpoints with a KPI-tree slide
# Warnings on the drivers slide: at most this many, those that qualify the drivers shown first
DECK_WARNINGS = 4
DRIVER_CAVEATS = ("negative_driver", "top_suppression", "zero_money_outcome", "indicative")
ROADMAP_ROWS = 9  # roadmap rows per slide
PRIORITY_FILLS = ("F8696B", "FFC000", "FFEB84", "C6E0B4")  # by rank group, top first
ATTAINMENT_FILLS = (("C6EFCE", 0.8), ("FFEB9C", 0.5), ("FFC7CE", -math.inf))


def write_presentation(a: Analysis, path: str | Path, lang: str = "ru") -> Path:
    """Write ``presentation.pptx`` for an analysed project."""
    deck = Deck()
    deck_slides(deck, a, lang)
    path = Path(path)
    with atomic_path(path, force=True) as tmp:
        deck.save(tmp)
        fixed_zip_dates(tmp)
    return path


def deck_slides(deck: Deck, a: Analysis, lang: str) -> None:
    """Add every slide this project supports, in the order of the session."""
    _title(deck, a, lang)
    _method(deck, a, lang)
    _journey(deck, a, lang)
    _drivers(deck, a, lang)
    _ipa(deck, a, lang)
    _planning(deck, a, lang)
    if a.project.characteristics:
        _house(deck, a, lang)
    for tp in tree_touchpoints(a):
        _tree(deck, a, tp, lang)
    if a.clusters is not None:
        _segments(deck, a, lang)
    followup_slides(deck, a, lang)
    _gaps(deck, a, lang)
    _roadmap(deck, a, lang)
    _next_steps(deck, a, lang)


def tree_touchpoints(a: Analysis) -> list[str]:
    """The touchpoints with a KPI-tree slide: the first :data:`TREES` by the planning matrix's
    priority among those whose tree has a bottleneck (the order the rest of the deck ranks them
    in; the action ranking orders the roadmap)."""
    with_bottleneck = {
        tp for tp, an in a.kpi.analyses.items() if an.bottleneck is not None and tp in a.kpi.trees
    }
    pm = a.qfd.planning
    return [pm.touchpoints[j] for j in by_rank(a) if pm.touchpoints[j] in with_bottleneck][:TREES]


# ---------------------------------------------------------------------- title and method
def _title(deck: Deck, a: Analysis, lang: str) -> None:
    p = a.project
    s = deck.prs.slides.add_slide(deck.layout)
    deck.card(s, Box(0, 0, 960, 300), [Para(" ")], BLUE, shape_kind=MSO_SHAPE.RECTANGLE)
    deck.text(
        s,
        Box(48, 110, 864, 110),
        [Para(p.title, bold=True, colour="FFFFFF")],
        sizes=(40, 36, 32, 28, 24, 20),
    )
    deck.text(
        s,
        Box(48, 320, 864, 60),
        [Para(words("deck_title", lang), bold=True, colour=BLUE)],
        sizes=(28, 26, 24, 22, 20),
    )
    scope = [
        tr(
            "deck_scope_touchpoints",
            lang,
            n=len(p.touchpoints),
            stages=len({t.stage for t in p.touchpoints}),
        )
    ]
    scope.append(tr("deck_scope_interviews", lang, n=p.interviews.n))
    if a.behaviour is not None:
        b = a.behaviour
        scope.append(
            tr(
                "deck_scope_clients",
                lang,
                clients=len(b.client_ids),
                orders=float(b.frequency.sum()),
            )
        )
    if p.kpis:
        scope.append(tr("deck_scope_kpis", lang, n=len(p.kpis)))
    lines = [Para(" · ".join(scope), colour=DARK)]
    if p.settings.analysis_date is not None:
        lines.append(Para(tr("deck_as_of", lang, d=p.settings.analysis_date), colour=GREY))
    deck.text(s, Box(48, 390, 864, 100), lines, sizes=(18, 16, 14, 13, 12))


def _method(deck: Deck, a: Analysis, lang: str) -> None:
    s = deck.slide(words("deck_method_title", lang), words("deck_method_subtitle", lang))
    have = {
        3: a.behaviour is not None,
        4: a.clusters is not None,
        7: bool(a.project.characteristics),
        8: bool(a.kpi.trees),
        9: bool(a.project.kpis),
    }
    per_row = 6
    gap = 10.0
    w = (BODY.w - (per_row - 1) * gap) / per_row
    h = (BODY.h - 40 - gap) / 2
    for i in range(METHOD_STEPS):
        n = i + 1
        row, col = divmod(i, per_row)
        box = Box(BODY.x + col * (w + gap), BODY.y + row * (h + gap), w, h)
        done = have.get(n, True)
        paras = [
            Para(
                tr("deck_step_number", lang, n=n),
                bold=True,
                colour="FFFFFF" if done else GREY,
                scale=0.8,
            ),
            Para(words(f"deck_step_{n}", lang), bold=True, colour="FFFFFF" if done else GREY),
            Para(words(f"deck_step_{n}_gives", lang), colour="FFFFFF" if done else GREY, scale=0.8),
        ]
        if not done:
            paras.append(Para(words("deck_step_no_data", lang), colour=GREY, scale=0.8))
        deck.card(s, box, paras, BLUE if done else "EDEDED", sizes=(14, 13, 12, 11, 10, 9))
    deck.text(
        s,
        Box(BODY.x, BODY.y + BODY.h - 32, BODY.w, 32),
        [Para(words("deck_method_source", lang), colour=GREY)],
        sizes=(11, 10),
    )


# ---------------------------------------------------------------------- journey, drivers, IPA
def _rank_group(rank: int, n: int) -> int:
    """0 for the top quarter of the ranks, then 1, 2, 3."""
    return min(3, int((rank - 1) * 4 // max(n, 1)))


def _journey(deck: Deck, a: Analysis, lang: str) -> None:
    pm, stab = a.qfd.planning, a.qfd.touchpoint_stability
    s = deck.slide(words("deck_journey_title", lang), words("deck_journey_subtitle", lang))
    stages: dict[tuple[int, str], list[int]] = {}
    for j, tp in enumerate(pm.touchpoints):
        t = next(t for t in a.project.touchpoints if t.id == tp)
        stages.setdefault((t.stage_order, t.stage), []).append(j)
    stages = dict(sorted(stages.items()))
    area, legend = BODY.split_v(BODY.h - 30)
    gap = 8.0
    cols = len(stages)
    w = (area.w - (cols - 1) * gap) / cols
    head = 40.0
    tallest = max(len(v) for v in stages.values())
    h = min(110.0, (area.h - head - gap - (tallest - 1) * gap) / tallest)
    n = len(pm.touchpoints)
    cards = []
    for c, ((_, stage), items) in enumerate(stages.items()):
        x = area.x + c * (w + gap)
        deck.card(
            s,
            Box(x, area.y, w, head),
            [Para(stage, bold=True, colour="FFFFFF")],
            BLUE,
            sizes=(12, 11, 10, 9, 8),
            shape_kind=MSO_SHAPE.RECTANGLE,
        )
        for r, j in enumerate(sorted(items, key=lambda j: pm.rank[j])):
            tp = pm.touchpoints[j]
            paras = [
                Para(label(a, tp), bold=True),
                Para(
                    tr(
                        "deck_weight_rank",
                        lang,
                        w=float(pm.weight[j]),
                        rank=int(pm.rank[j]),
                        low=int(stab.interval[j, 0]),
                        high=int(stab.interval[j, 1]),
                    ),
                    scale=0.85,
                ),
                Para(
                    tr(
                        "deck_sat_n", lang, s=float(pm.satisfaction[j]), n=int(pm.satisfaction_n[j])
                    ),
                    scale=0.85,
                ),
            ]
            fill = PRIORITY_FILLS[_rank_group(int(pm.rank[j]), n)]
            cards.append((Box(x, area.y + head + gap + r * (h + gap), w, h), paras, fill))
    size = min(deck.card_size(box, paras, (12, 11, 10, 9, 8, 7)) for box, paras, _ in cards)
    for box, paras, fill in cards:  # one size for all cards
        deck.card(s, box, paras, fill, sizes=(size,))
    _priority_legend(deck, s, legend, n, lang)


def _priority_legend(deck: Deck, s, box: Box, n: int, lang: str) -> None:
    bounds = [(g * n // 4 + 1, (g + 1) * n // 4) for g in range(4)]
    w = box.w / 4
    for g, (lo, hi) in enumerate(bounds):
        if hi < lo:
            continue
        deck.card(
            s,
            Box(box.x + g * w + 2, box.y + 4, 18, 18),
            [Para(" ")],
            PRIORITY_FILLS[g],
            shape_kind=MSO_SHAPE.RECTANGLE,
        )
        deck.text(
            s,
            Box(box.x + g * w + 24, box.y, w - 28, 26),
            [Para(tr(f"deck_priority_{g}", lang, lo=lo, hi=hi), colour=DARK)],
            sizes=(11, 10, 9),
        )


def _drivers(deck: Deck, a: Analysis, lang: str) -> None:
    rep, ri = a.drivers, a.drivers.importance
    s = deck.slide(
        tr(
            "deck_drivers_title",
            lang,
            outcome=outcome_text(rep.outcome, a.project.settings.window_months, lang),
        ),
        model_line(a, lang),
    )
    included = [t for t, k in zip(rep.touchpoints, rep.included, strict=True) if k]
    order = [int(k) for k in np.argsort(-ri.shares, kind="stable")]
    chart_box, side = BODY.split_h(0.64)
    cats = [label(a, included[k]) for k in order]
    values = [float(ri.shares[k]) for k in order]
    if ri.share_ci is not None:
        low = [float(ri.share_ci[k, 0]) for k in order]
        high = [float(ri.share_ci[k, 1]) for k in order]
        deck.bars(
            s,
            chart_box,
            cats,
            values,
            low,
            high,
            title=words("chart_drivers_ci", lang),
            axis_title=words("axis_r2_share", lang),
        )
    else:
        deck.bars(
            s,
            chart_box,
            cats,
            values,
            title=words("chart_drivers", lang),
            axis_title=words("axis_r2_share", lang),
        )
    # "the main drivers" only when the data rank the leader near the top; otherwise the largest
    # shares, with how far the leader's rank interval reaches
    worst = int(ri.rank_ci[order[0], 1]) if ri.rank_ci is not None and len(order) else 1
    heading = (
        words("deck_drivers_read", lang)
        if worst <= max(2, len(order) // 2)
        else tr("deck_drivers_unsettled", lang, worst=worst)
    )
    paras = [Para(heading, bold=True, colour=BLUE)]
    for k in order[:3]:
        interval = (
            tr("interval", lang, low=float(ri.share_ci[k, 0]), high=float(ri.share_ci[k, 1]))
            if ri.share_ci is not None
            else "—"
        )
        paras.append(
            Para(
                tr(
                    "deck_driver_item",
                    lang,
                    tp=label(a, included[k]),
                    share=float(ri.shares[k]),
                    ci=interval,
                    n=int(ri.n_pairwise[k]),
                ),
                bullet=True,
            )
        )
    paras += [Para(line, scale=0.85) for line in nps_lines(a, lang)[:1]]  # the headline NPS
    if rep.warnings:
        # what qualifies the drivers shown comes first; the rest is counted, not dropped unsaid
        shown = sorted(rep.warnings, key=lambda w: w.key not in DRIVER_CAVEATS)[:DECK_WARNINGS]
        paras.append(Para(words("warnings_title", lang), bold=True, colour=BLUE))
        paras += [Para(note_text(w, lang), bullet=True, scale=0.85, colour=GREY) for w in shown]
        if len(rep.warnings) > len(shown):
            more = tr("deck_more_warnings", lang, n=len(rep.warnings) - len(shown))
            paras.append(Para(more, scale=0.85, colour=GREY))
    deck.text(s, side, paras, sizes=(14, 13, 12, 11, 10, 9, 8))


def _ipa(deck: Deck, a: Analysis, lang: str) -> None:
    pm = a.qfd.planning
    scale = a.project.settings.satisfaction_scale
    subtitle = tr("deck_ipa_subtitle", lang, w0=float(pm.split[0]), s=float(pm.split[1]))
    s = deck.slide(words("deck_ipa_title", lang), subtitle)
    chart_box, side = BODY.split_h(0.66)
    lay = ipa_layout(
        pm.blended,
        pm.satisfaction,
        pm.split,
        list(pm.touchpoints),
        (scale.low, scale.high),
        plot_px=(chart_box.w * 0.85 / 0.75, chart_box.h * 0.8 / 0.75),
    )
    points = [
        (
            tp,
            float(pm.blended[j]),
            float(pm.satisfaction[j]),
            QUADRANT_COLOURS[pm.quadrant[j]],
            lay.sides[j],
        )
        for j, tp in enumerate(pm.touchpoints)
        if np.isfinite(pm.satisfaction[j])
    ]
    corners = [
        (_capital(quadrant_word(q, lang)), x, y, QUADRANT_COLOURS[q], side)
        for q, (x, y, side) in lay.corners.items()
    ]
    deck.scatter(
        s,
        chart_box,
        points,
        corners,
        lay.x_range,
        lay.y_range,
        lay.split,
        words("axis_importance", lang),
        tr("axis_satisfaction", lang, low=scale.low, high=scale.high),
    )
    paras = []
    for q in ("concentrate", "keep_up", "overkill", "low_priority"):
        members = [j for j in by_rank(a) if pm.quadrant[j] == q]
        paras.append(Para(_capital(quadrant_word(q, lang)), bold=True, colour=QUADRANT_COLOURS[q]))
        paras.append(Para(words(f"deck_quadrant_{q}", lang), scale=0.8, colour=GREY))
        paras.append(Para(", ".join(_member(a, j, lang) for j in members) or "—", scale=0.9))
    # a quadrant reads W0 and S only; the weights also count the target and the sales point, so
    # a "later" touchpoint may rank near the top: said, rather than left to look contradictory
    ahead = [
        pm.touchpoints[j] for j in by_rank(a)[:3] if pm.quadrant[j] in ("low_priority", "overkill")
    ]
    key = "deck_quadrant_vs_rank_ahead" if ahead else "deck_quadrant_vs_rank"
    note = tr(key, lang, ids=", ".join(ahead))
    paras.append(Para(note, scale=0.8, colour=GREY))
    deck.text(s, side, paras, sizes=(13, 12, 11, 10, 9, 8))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _member(a: Analysis, j: int, lang: str) -> str:
    """A touchpoint in its quadrant's list, marked when it sits on the border."""
    name = label(a, a.qfd.planning.touchpoints[j])
    return tr("quadrant_member_borderline", lang, name=name) if borderline(a, j) else name


def _planning(deck: Deck, a: Analysis, lang: str) -> None:
    pm, stab = a.qfd.planning, a.qfd.touchpoint_stability
    s = deck.slide(
        words("deck_planning_title", lang),
        tr(
            "deck_planning_subtitle",
            lang,
            lam=pm.blend_lambda,
            policy=enum_label("target_policy", pm.target_policy, lang),
            b=stab.replicates,
            seed=str(stab.seed),
        ),
    )
    cols = ("rank", "touchpoint", "w0", "sat", "target", "ratio", "sp", "weight")
    rows = []
    shown = by_rank(a)[:6]
    # a sales point the data suggested (not the workbook's) is marked and said under the table
    marked = pm.suggested
    suggested = [j for j in shown if marked[j]]
    for j in shown:
        rows.append(
            [
                tr(
                    "rank_interval",
                    lang,
                    rank=int(pm.rank[j]),
                    low=int(stab.interval[j, 0]),
                    high=int(stab.interval[j, 1]),
                ),
                label(a, pm.touchpoints[j]),
                tr("percent1", lang, x=float(pm.blended[j])),
                tr("mean_n", lang, mean=float(pm.satisfaction[j]), n=int(pm.satisfaction_n[j])),
                tr("value2", lang, x=float(pm.target[j])),
                tr("value2", lang, x=float(pm.improvement[j])),
                tr("value2", lang, x=float(pm.sales_point[j])) + ("*" if j in suggested else ""),
                tr("percent1", lang, x=float(pm.weight[j])),
            ]
        )
    table_box, note = BODY.split_v(BODY.h - 60)
    notes = [Para(words("deck_planning_note", lang), colour=GREY)]
    if len(shown) < len(pm.touchpoints):  # the weights shown do not add up to 100 %: say why
        more = tr(
            "deck_planning_more",
            lang,
            shown=len(shown),
            total=len(pm.touchpoints),
            weight=float(pm.weight[list(shown)].sum()),
        )
        notes.insert(0, Para(more, colour=GREY))
    if suggested:
        notes.insert(0, Para(words("sp_suggested_star", lang), colour=GREY))
    deck.table(
        s,
        table_box,
        [words(f"deck_pm_{c}", lang) for c in cols],
        rows,
        [1.1, 3.0, 0.9, 1.3, 0.8, 0.8, 0.8, 0.9],
    )
    deck.text(s, note, notes, sizes=(12, 11, 10, 9))


# ---------------------------------------------------------------------- House of Quality
def _house(deck: Deck, a: Analysis, lang: str) -> None:
    q, chars = a.qfd, a.project.characteristics
    cs = q.characteristic_stability
    s = deck.slide(words("deck_house_title", lang), words("deck_house_subtitle", lang))
    left, right = BODY.split_h(0.58)
    rows = []
    for k in np.argsort(q.technical.rank, kind="stable")[:6]:
        c = chars[k]
        rows.append(
            [
                tr(
                    "rank_interval",
                    lang,
                    rank=int(q.technical.rank[k]),
                    low=int(cs.interval[k, 0]),
                    high=int(cs.interval[k, 1]),
                ),
                f"{c.id} {c.name}",
                tr("percent1", lang, x=float(q.technical.relative[k])),
                tr(
                    "deck_char_target",
                    lang,
                    current=_num(c.current, lang),
                    target=_num(c.target, lang),
                    # the unit agrees with the target number, not the workbook's plural
                    unit=unit(c.target if c.target is not None else 0, c.unit or "", lang),
                ),
            ]
        )
    deck.table(
        s,
        left,
        [words(f"deck_hoq_{c}", lang) for c in ("rank", "characteristic", "relative", "target")],
        rows,
        [1.1, 3.2, 1.1, 1.8],
    )
    paras = [Para(words("deck_conflicts", lang), bold=True, colour=BLUE)]
    if q.conflicts:
        for c in sorted(q.conflicts, key=lambda c: -(c.importance_a + c.importance_b))[:6]:
            key = "deck_conflict_top" if c.among_top else "deck_conflict"
            paras.append(
                Para(
                    tr(
                        key,
                        lang,
                        a=f"{chars[c.a].id} {chars[c.a].name}",
                        b=f"{chars[c.b].id} {chars[c.b].name}",
                        sign="−−" if c.strength == -2 else "−",
                    ),
                    bullet=True,
                    colour=DARK,
                )
            )
    else:
        paras.append(Para(words("xlsx_no_conflicts", lang)))
    taus = "; ".join(
        tr("tau_item", lang, scale=k, tau=v) for k, v in cs.scale_tau.items() if k != "9-3-1"
    )
    paras.append(Para(tr("xlsx_tau", lang, items=taus), scale=0.8, colour=GREY))
    deck.text(s, right, paras, sizes=(14, 13, 12, 11, 10, 9))


def _num(x, lang: str) -> str:
    return "—" if x is None else tr("value", lang, x=float(x))


# ---------------------------------------------------------------------- KPI trees
def tree_rows(tree: nx.DiGraph, nodes, root: str) -> list[list[str]]:
    """The nodes of a KPI tree in rows by their longest distance from the root, so every arrow
    goes up at least one row (no arrow runs along a row behind the boxes); within a row
    ordered by the mean position of the KPIs they drive.

    >>> g = nx.DiGraph([("b", "a"), ("c", "a"), ("d", "b"), ("d", "c"), ("c", "b")])
    >>> tree_rows(g, {"a", "b", "c", "d"}, "a")
    [['a'], ['b'], ['c'], ['d']]
    """
    depth = {root: 0}
    for n in reversed(list(nx.topological_sort(tree))):
        if n == root or n not in nodes:
            continue
        effects = [v for v in tree.successors(n) if v in depth]
        if effects:
            depth[n] = 1 + max(depth[v] for v in effects)
    rows: list[list[str]] = [[] for _ in range(max(depth.values()) + 1)]
    for n in sorted(depth):
        rows[depth[n]].append(n)
    position = {root: 0.0}
    for r in range(1, len(rows)):

        def centre(n):
            xs = [position[v] for v in tree.successors(n) if v in position]
            return sum(xs) / len(xs) if xs else 0.0

        rows[r].sort(key=lambda n: (centre(n), n))
        for i, n in enumerate(rows[r]):
            position[n] = i - (len(rows[r]) - 1) / 2
    return rows


def _tree(deck: Deck, a: Analysis, tp: str, lang: str) -> None:
    an, tree = a.kpi.analyses[tp], a.kpi.trees[tp]
    s = deck.slide(tr("deck_tree_title", lang, tp=label(a, tp)), words("deck_tree_subtitle", lang))
    diagram, side = BODY.split_h(0.62)
    diagram, legend = diagram.split_v(diagram.h - 28)
    rows = tree_rows(tree, set(an.nodes), an.root)
    vgap, hgap = 22.0, 10.0
    h = min(70.0, (diagram.h - (len(rows) - 1) * vgap) / len(rows))
    widest = max(len(r) for r in rows)
    w = min(200.0, (diagram.w - (widest - 1) * hgap) / widest)
    shapes = {}
    for r, row in enumerate(rows):
        total = len(row) * w + (len(row) - 1) * hgap
        x0 = diagram.x + (diagram.w - total) / 2
        for i, n in enumerate(row):
            res = an.nodes[n]
            k = tree.nodes[n]["kpi"]
            fill = (
                "E7E6E6"
                if not math.isfinite(res.attainment)
                else next(c for c, lo in ATTAINMENT_FILLS if res.attainment >= lo)
            )
            head = (
                tr("deck_node", lang, kpi=n, a=res.attainment)
                if math.isfinite(res.attainment)
                else n
            )
            bottleneck = n == an.bottleneck
            shapes[n] = deck.card(
                s,
                Box(x0 + i * (w + hgap), diagram.y + r * (h + vgap), w, h),
                [
                    Para(head, bold=True),
                    Para(k.name, scale=0.85),
                    Para(enum_label("level", res.level, lang), scale=0.75, colour=GREY),
                ],
                fill,
                line="C00000" if bottleneck else GREY,
                line_w=3.0 if bottleneck else 0.75,
                sizes=(11, 10, 9, 8, 7),
            )
    for u, v, d in tree.edges(data=True):
        if u in shapes and v in shapes:
            deck.arrow(s, shapes[u], shapes[v], width=0.75 + 2.5 * float(d.get("w") or 0))
    deck.text(s, legend, [Para(words("deck_tree_legend", lang), colour=GREY)], sizes=(10, 9, 8))
    _tree_side(deck, s, a, tp, side, lang)


def _tree_side(deck: Deck, s, a: Analysis, tp: str, box: Box, lang: str) -> None:
    an, tree = a.kpi.analyses[tp], a.kpi.trees[tp]
    rec = recommendation(an, tree)
    paras = [Para(words("deck_bottleneck", lang), bold=True, colour=BLUE)]
    if rec is None:
        paras.append(Para(words("why_no_bottlenecks", lang)))
    else:
        paras.append(Para(note_text(rec, lang)))
        effect = money_effect(a, tp, an.bottleneck)
        if effect is not None:
            paras.append(Para(words("deck_effect", lang), bold=True, colour=BLUE))
            paras.append(
                Para(
                    tr(
                        "deck_effect_text",
                        lang,
                        kpi=an.bottleneck,
                        value=effect.value,
                        unit=effect.unit,
                        root=effect.root,
                        name=effect.root_name,
                        actual=effect.actual,
                        target=effect.target,
                    )
                )
            )
        paras.append(
            Para(
                tr("deck_owner", lang, owner=owner(a, an.bottleneck) or words("to_assign", lang)),
                colour=DARK,
            )
        )
    process = a.kpi.processes.get(tp)
    if process is not None and process.overloaded:
        worst = next(st for st in process.steps if st.step == process.bottleneck)
        paras.append(
            Para(
                tr("deck_process", lang, step=process.bottleneck, rho=worst.utilisation),
                colour="C00000",
            )
        )
    deck.text(s, box, paras, sizes=(14, 13, 12, 11, 10, 9))


# ---------------------------------------------------------------------- segments, gaps
def _segments(deck: Deck, a: Analysis, lang: str) -> None:
    cl = a.clusters
    prio = cl.priority
    s = deck.slide(words("deck_segments_title", lang), silhouette_line(a, lang))
    cards, rule = BODY.split_v(BODY.h - 44)
    per_row = (
        3 if len(cl.portraits) > 4 else max(1, len(cl.portraits) if len(cl.portraits) <= 2 else 2)
    )
    rows_n = math.ceil(len(cl.portraits) / per_row)
    gap = 10.0
    w = (cards.w - (per_row - 1) * gap) / per_row
    h = (cards.h - (rows_n - 1) * gap) / rows_n
    place = {seg: i + 1 for i, seg in enumerate(prio.order)}
    for i, p in enumerate(cl.portraits):
        r, c = divmod(i, per_row)
        features, typical = portrait_lines(p, lang)
        csi = prio.csi.get(p.segment, math.nan)
        paras = [
            Para(
                tr("deck_segment_head", lang, n=p.segment + 1, name=p.name, place=place[p.segment]),
                bold=True,
                colour=BLUE,
            ),
            Para(
                tr("deck_segment_size", lang, size=p.size, share=p.share, revenue=p.revenue_share)
            ),
            Para(
                tr("deck_segment_csi", lang, csi=csi, n=prio.respondents[p.segment])
                if math.isfinite(csi)
                else words("deck_segment_no_csi", lang)
            ),
            Para(words("deck_segment_features", lang), bold=True, scale=0.85),
            *(Para(f, scale=0.85, bullet=True) for f in features),
            Para(words("deck_segment_typical", lang), bold=True, scale=0.85),
            Para("; ".join(typical), scale=0.85),
        ]
        deck.card(
            s,
            Box(cards.x + c * (w + gap), cards.y + r * (h + gap), w, h),
            paras,
            "F2F2F2",
            line="BFBFBF",
            sizes=(12, 11, 10, 9, 8, 7),
        )
    order = " → ".join(f"S{seg + 1}" for seg in prio.order)
    deck.text(
        s,
        rule,
        [
            Para(
                tr(
                    "deck_segment_rule",
                    lang,
                    order=order,
                    rule=note_text(prio.rule, lang),
                ),
                colour=GREY,
            )
        ],
        sizes=(11, 10, 9, 8),
    )


def _gaps(deck: Deck, a: Analysis, lang: str) -> None:
    gone = omissions(a, lang)
    left_out = [Para(words("deck_left_out", lang), bold=True, colour=BLUE)]
    left_out += [Para(f"{o.part}: {o.reason}", bullet=True, scale=0.9) for o in gone] or [
        Para(words("deck_nothing_left_out", lang))
    ]
    if not a.project.kpis:
        s = deck.slide(words("deck_gaps_title", lang), words("deck_gaps_subtitle_no_kpis", lang))
        deck.text(s, BODY, left_out, sizes=(16, 14, 13, 12, 11, 10, 9))
        return
    s = deck.slide(words("deck_gaps_title", lang), words("deck_gaps_subtitle", lang))
    left, right = BODY.split_h(0.55)
    audit = a.kpi.audit
    rows = []
    for level in (lv for lv in LEVELS if lv in audit.coverage_by_level):
        have, total = audit.coverage_by_level[level]
        rows.append(
            [
                enum_label("level", level, lang),
                tr("deck_of", lang, have=have, total=total),
                tr("percent0", lang, x=have / total),
            ]
        )
    header = [words(f"deck_cov_{c}", lang) for c in ("level", "with_source", "share")]
    used = deck.table(s, Box(left.x, left.y, left.w, left.h * 0.4), header, rows, [2, 1.5, 1])
    paras = [Para(tr("xlsx_automated", lang, share=audit.automated_share))]
    if audit.missing:
        paras.append(Para(tr("deck_missing", lang, n=len(audit.missing)), bold=True, colour=BLUE))
        for r in audit.missing[:6]:
            feed = ", ".join(r.suggested) or words("tor_choose_source", lang)
            item = tr("deck_missing_item", lang, kpi=r.kpi, name=r.name, feed=feed)
            paras.append(Para(item, bullet=True, scale=0.9))
        if len(audit.missing) > 6:
            more = tr("deck_more", lang, n=len(audit.missing) - 6)
            paras.append(Para(more, scale=0.9, colour=GREY))
    if audit.unknown_systems:
        unknown = tr("xlsx_unknown_systems", lang, items=", ".join(audit.unknown_systems))
        paras.append(Para(unknown, scale=0.9))
    rest = Box(left.x, left.y + used + 10, left.w, left.h - used - 10)
    deck.text(s, rest, paras, sizes=(13, 12, 11, 10, 9, 8))
    deck.text(s, right, left_out, sizes=(13, 12, 11, 10, 9, 8))


# ---------------------------------------------------------------------- roadmap, next steps
def _roadmap(deck: Deck, a: Analysis, lang: str) -> None:
    items = roadmap(a, lang)
    quarters = quarter_labels(a, lang)
    pages = max(1, math.ceil(len(items) / ROADMAP_ROWS))
    header = [
        words("deck_rm_action", lang),
        words("deck_rm_owner", lang),
        *quarters,
        words("deck_rm_effect", lang),
    ]
    for page in range(pages):
        chunk = items[page * ROADMAP_ROWS : (page + 1) * ROADMAP_ROWS]
        title = words("deck_roadmap_title", lang)
        if pages > 1:
            title = tr("deck_page", lang, title=title, page=page + 1, pages=pages)
        s = deck.slide(title, words("deck_roadmap_subtitle", lang))
        rows, fills = [], {}
        for i, item in enumerate(chunk):
            marks = ["●" if q in item.quarters else "" for q in (1, 2, 3, 4)]
            rows.append(
                [item.action, item.owner or words("to_assign", lang), *marks, item.effect or "—"]
            )
            for q in item.quarters:
                fills[(i + 1, 1 + q)] = "9DC3E6"
        table_box, note = BODY.split_v(BODY.h - 34)
        deck.table(
            s,
            table_box,
            header,
            rows,
            [5.2, 2.0, 0.9, 0.9, 0.9, 0.9, 2.1],
            sizes=(12, 11, 10, 9, 8),
            fills=fills,
        )
        deck.text(
            s, note, [Para(words("roadmap_effect_note", lang), colour=GREY)], sizes=(10, 9, 8)
        )


def _next_steps(deck: Deck, a: Analysis, lang: str) -> None:
    s = deck.slide(words("deck_next_title", lang))
    pm = a.qfd.planning
    quarters = quarter_labels(a, lang)
    top = ", ".join(label(a, pm.touchpoints[j]) for j in by_rank(a)[:3])
    steps = [tr("deck_next_priorities", lang, items=top)]
    unowned = [i for i in roadmap(a, lang) if not i.owner]
    if unowned:
        steps.append(tr("deck_next_owners", lang, n=len(unowned)))
    steps.append(tr("deck_next_tor", lang, q=quarters[0]))
    if a.kpi.audit.missing:
        steps.append(tr("deck_next_gaps", lang, n=len(a.kpi.audit.missing), q=quarters[0]))
    steps.append(tr("deck_next_survey", lang, q=quarters[1]))
    steps.append(words("deck_next_session", lang))
    deck.text(
        s,
        BODY,
        [Para(f"{i}. {t}") for i, t in enumerate(steps, start=1)],
        sizes=(22, 20, 18, 16, 14, 12),
    )
