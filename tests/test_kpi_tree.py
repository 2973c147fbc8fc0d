"""KPI trees, bottlenecks, processes and the data audit on hand-computed cases."""

from __future__ import annotations

import math
from types import SimpleNamespace

import networkx as nx
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cli import build_cli
from kpi_tree.bottlenecks import analyse_tree, attainment
from kpi_tree.data_audit import data_audit
from kpi_tree.pictures import to_dot, to_mermaid
from kpi_tree.process import process_bottleneck
from kpi_tree.tree import check_kpis, touchpoint_trees
from workbooks.errors import ProjectError
from workbooks.examples.generate import TRUTH
from workbooks.locale import percent
from workbooks.project import load_project


def kpi(id, level, drives=(), base=0.0, actual=None, target=None, direction="more", tp="T"):
    return SimpleNamespace(
        id=id,
        name=id,
        touchpoint_id=tp,
        level=level,
        drives=tuple(drives),
        direction=direction,
        baseline=base,
        actual=actual,
        target=target,
        row=2,
        source="",
        refresh="",
    )


def small_tree():
    # F ← C (1.0); C ← P1 (0.5), P2 (0.5); P1 ← K (1.0); P2 ← K (1.0): K is shared by two parents.
    # P2 is "less is better" (days): baseline 20, target 10, actual 15 → attainment 0.5.
    return [
        kpi("F", "financial", (), 100, 110, 150),
        kpi("C", "client", [("F", 1.0)], 60, 66, 80),
        kpi("P1", "process", [("C", 0.5)], 50, 70, 90),
        kpi("P2", "process", [("C", 0.5)], 20, 15, 10, "less"),
        kpi("K", "competence", [("P1", 1.0), ("P2", 1.0)], 0, 20, 80),
    ]


def test_attainment_by_hand():
    assert attainment(20, 15, 10, "less") == pytest.approx(0.5)
    assert attainment(50, 70, 90) == pytest.approx(0.5)
    assert attainment(50, 95, 90) == pytest.approx(1.125)  # above target: clipped only in the gap
    assert attainment(10, 12, 10, "target") == pytest.approx(0.0)
    assert math.isnan(attainment(1, None, 3))


def test_small_tree_every_measure_by_hand():
    trees = touchpoint_trees(small_tree())
    a = analyse_tree(trees["T"], "T")
    n = a.nodes
    # gaps: F 0.8, C 0.7, P1 0.5, P2 0.5, K 0.75
    assert n["F"].gap == pytest.approx(0.8) and n["K"].gap == pytest.approx(0.75)
    # roll-up of C from P1 and P2 (weighted mean of attainments) = 0.5, shown next to C's own 0.3
    assert n["C"].rolled_up == pytest.approx(0.5) and n["C"].attainment == pytest.approx(0.3)
    # influence: K reaches F through P1 (1·0.5·1) and P2 (1·0.5·1) = 1.0
    assert n["K"].influence == pytest.approx(1.0) and n["P1"].influence == pytest.approx(0.5)
    # own gaps: K 0.75; P1 0.5 − 0.75 = −0.25; P2 −0.25; C 0.7 − 0.5 = 0.2; F 0.8 − 0.7 = 0.1
    assert n["K"].weighted_gap == pytest.approx(0.75)
    assert n["P1"].weighted_gap == pytest.approx(0.5 * -0.25)
    assert n["C"].weighted_gap == pytest.approx(0.2)
    assert sum(r.weighted_gap for r in n.values()) == pytest.approx(a.root_shortfall)
    assert a.bottleneck == "K"
    # what-if: K on target removes 0.75 from P1 (→ clipped to its 0.5) and from P2 (0.5);
    # C loses 0.5·0.5 + 0.5·0.5 = 0.5, F loses 0.5
    assert n["K"].what_if == pytest.approx(0.5)
    assert a.heaviest_path[-1] == "F" and a.weakest_link == "K"


def test_worst_cause_rollup_option():
    a = analyse_tree(touchpoint_trees(small_tree())["T"], "T", rollup="worst")
    assert a.nodes["C"].rolled_up == pytest.approx(0.5)  # both causes at 0.5
    assert a.rollup == "worst"


def test_checks_name_cycles_level_order_weights_and_targets():
    kpis = [
        kpi("F", "financial", (), 1, 1, 2),
        kpi(
            "C", "client", [("F", 0.7), ("P", 1.0)], 1, 1, 2
        ),  # client → process: against the order
        kpi("P", "process", [("C", 1.0)], 1, 1, 2),  # … and a cycle C → P → C
        kpi("Q", "process", [("F", 0.6)], 1, None, 2),  # no actual; F's causes sum to 1.3
    ]
    issues = check_kpis(kpis)
    keys = {i.note.key for i in issues}
    assert {"kpi_cycle", "kpi_against_levels", "kpi_weights_sum", "kpi_no_actual"} <= keys
    missing = next(i for i in issues if i.note.key == "kpi_no_actual")
    assert missing.kpi_ids == ("Q",) and missing.column == "actual"
    assert "kpi_no_target" not in keys  # every KPI here has a target
    cycle = next(i for i in issues if i.note.key == "kpi_cycle")
    assert cycle.error and set(cycle.kpi_ids) == {"C", "P"}


def test_validate_reports_a_kpi_cycle_with_its_cell(broken):
    def edit(wb):
        ws = wb["KPI"]
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "K06F":
                row[4].value = "K06K1=1"  # the financial KPI now drives a competence KPI

    with pytest.raises(ProjectError) as info:
        load_project(broken(edit))
    messages = [str(p) for p in info.value.problems]
    assert any("цикл в дереве KPI" in m and m.startswith("KPI!E") for m in messages)
    assert any("против порядка уровней" in m for m in messages)


def test_a_kpi_without_an_actual_value_is_warned_at_that_cell(broken):
    """The warning sits in the blank cell and says which value is missing (it sat in the
    causes' column and said "no actual or no target")."""

    def edit(wb):
        ws = wb["KPI"]
        header = [c.value for c in ws[1]]
        col = header.index("Факт")
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "K06F":
                row[col].value = None
                edit.cell = f"KPI!{row[col].column_letter}{row[col].row}"

    project = load_project(broken(edit))
    found = [str(w) for w in project.warnings if "K06F" in str(w)]
    assert any(m.startswith(edit.cell) and "нет факта" in m for m in found), found
    assert not any("нет цели" in m for m in found)


def random_tree(n, data, weights=(None, 0.2, 0.5, 1.0), max_causes=3, actual=True):
    """K0 is the financial root; every other KPI drives 1–``max_causes`` KPIs at its level or
    above, drawn by hypothesis."""
    levels = ["financial"] + [
        data.draw(st.sampled_from(["client", "process", "competence"])) for _ in range(n - 1)
    ]
    rank = {"competence": 0, "process": 1, "client": 2, "financial": 3}
    kpis = []
    for i in range(n):
        parents = [j for j in range(i) if rank[levels[j]] >= rank[levels[i]]]
        drives = []
        if i and parents:
            for j in data.draw(
                st.lists(st.sampled_from(parents), min_size=1, max_size=max_causes, unique=True)
            ):
                drives.append((f"K{j}", data.draw(st.sampled_from(weights))))
        value = data.draw(st.floats(0, 120)) if actual else None
        kpis.append(kpi(f"K{i}", levels[i], drives, 0, value, 100))
    return kpis


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 12), st.data())
def test_random_trees_are_dags_and_gaps_add_up(n, data):
    kpis = random_tree(n, data)
    trees = touchpoint_trees(kpis)
    assert all(nx.is_directed_acyclic_graph(t) for t in trees.values())
    a = analyse_tree(trees["T"], "T")
    assert sum(r.weighted_gap for r in a.nodes.values()) == pytest.approx(
        a.root_shortfall, abs=1e-9
    )


def test_process_min_cut_with_parallel_routes():
    S = SimpleNamespace
    steps = [
        S(step="in", order=1, capacity=100, demand=90, cycle_time=1),
        S(step="line1", order=2, capacity=30, demand=50, cycle_time=10),
        S(step="line2", order=2, capacity=40, demand=40, cycle_time=10),
        S(step="ship", order=3, capacity=200, demand=90, cycle_time=2),
    ]
    r = process_bottleneck("T", steps)
    assert r.max_flow == 70 and r.throughput == 70  # the two lines together
    assert set(r.cut) == {"line1", "line2"}
    assert r.bottleneck == "line1" and set(r.overloaded) == {"line1", "line2"}
    assert math.isinf(r.lead_time_hours)
    ok = process_bottleneck("T", [S(step="a", order=1, capacity=10, demand=5, cycle_time=2)])
    assert ok.lead_time_hours == pytest.approx(2 + 2 * 0.5 / 0.5)  # M/M/1 wait = cycle·ρ/(1−ρ)
    assert ok.wip == pytest.approx(5 * ok.lead_time_hours / 168)  # Little's law, per week
    zero = process_bottleneck("T", [S(step="a", order=1, capacity=0, demand=5, cycle_time=1)])
    assert math.isinf(zero.steps[0].utilisation) and zero.overloaded == ("a",)


def test_parallel_steps_that_every_case_passes_limit_the_flow_one_by_one():
    """Underwriting and a security check both see every application (each carries the stage's
    whole demand): for the flow they act one after the other, so the process handles what the
    slower of them does, and the stage lasts as long as the slower branch. By hand: waits
    cycle·ρ/(1 − ρ) are 6, 360, 288 and 6 h."""
    S = SimpleNamespace
    steps = [
        S(step="intake", order=1, capacity=400, demand=300, cycle_time=2),
        S(step="underwriting", order=2, capacity=320, demand=300, cycle_time=24),
        S(step="security", order=2, capacity=350, demand=300, cycle_time=48),
        S(step="issue", order=3, capacity=500, demand=300, cycle_time=4),
    ]
    r = process_bottleneck("T", steps)
    assert r.bottleneck == "underwriting" and r.cut == ("underwriting",)
    assert r.max_flow == 320 and r.throughput == 300
    assert r.lead_time_hours == pytest.approx((2 + 6) + max(24 + 360, 48 + 288) + (4 + 6))
    # the same steps sharing the applications (150 each) are alternatives: capacities add
    shared = [*steps[:1], *(S(**{**vars(s), "demand": 150}) for s in steps[1:3]), steps[3]]
    r = process_bottleneck("T", shared)
    assert r.max_flow == 400 and r.cut == ("intake",) and r.bottleneck == "intake"


def test_data_audit_suggests_systems_by_level():
    S = SimpleNamespace
    kpis = [kpi("A", "client"), kpi("B", "competence")]
    kpis[0].source = "Опросы"
    sources = [
        S(system="Опросы", kind="опросы", automation="manual", refresh=""),
        S(system="HRM", kind="HR", automation="automatic", refresh=""),
    ]
    audit = data_audit(kpis, sources)
    assert audit.coverage_by_level == {"client": (1, 1), "competence": (0, 1)}
    assert audit.missing[0].suggested == ("HRM",) and audit.automated_share == 0.0


def test_example_hidden_bottlenecks_are_found():
    project = load_project(EXAMPLE)
    trees = touchpoint_trees(project.kpis)
    for tp, kpi_id in TRUTH["kpi_bottleneck"].items():
        assert analyse_tree(trees[tp], tp).bottleneck == kpi_id
    for tp, step in TRUTH["process_bottleneck"].items():
        r = process_bottleneck(tp, [s for s in project.processes if s.touchpoint_id == tp])
        assert r.bottleneck == step and r.cut == (step,)


def test_pictures_colour_and_mark_the_bottleneck():
    tree = touchpoint_trees(small_tree())["T"]
    a = analyse_tree(tree, "T")
    dot = to_dot(tree, a)
    assert '"K" [label=' in dot and "penwidth=4" in dot and '"K" -> "P1"' in dot
    mermaid = to_mermaid(tree, a)
    assert mermaid.startswith("flowchart BT") and "style K stroke:#C00000" in mermaid


def test_kpi_command():
    result = CliRunner().invoke(
        build_cli("en"), ["--lang", "en", "kpi", str(EXAMPLE), "--bootstrap", "20"]
    )
    assert result.exit_code == 0, result.output
    assert "TP06: the bottleneck is K0603" in result.output
    assert "Process TP06: bottleneck 'Планирование производства'" in result.output
    assert "KPIs without a data source (3):" in result.output


# --------------------------------------------------------------------------- issue 16, item 5


def test_a_kpi_without_data_is_unknown_and_its_siblings_renormalised():
    """Issue 16: root F ← A (gap 1) and B (no data), weights ½/½: A on target closes the whole
    gap; the what-if said 0.5 and the unmeasured root got an 'own share' of 0.5."""
    kpis = [
        kpi("F", "financial", (), 0, None, 100),
        kpi("A", "client", [("F", 0.5)], 0, 0, 100),
        kpi("B", "client", [("F", 0.5)], 0, None, 100),
    ]
    a = analyse_tree(touchpoint_trees(kpis)["T"], "T")
    assert a.unknown == ("B",) and a.notes[0].key == "kpi_unknown"
    assert a.root_shortfall == pytest.approx(1.0)
    assert a.nodes["A"].what_if == pytest.approx(1.0) and a.nodes["A"].what_if_share == 1.0
    assert a.root_own == pytest.approx(0.0) and a.nodes["A"].share == pytest.approx(1.0)
    assert math.isnan(a.nodes["B"].gap) and a.nodes["B"].influence == 0


def test_the_roots_own_part_stands_apart_and_the_causes_add_up_to_100_percent():
    # F is measured better (gap 0.2) than its cause C suggests (gap 0.5): own part −0.3
    kpis = [
        kpi("F", "financial", (), 0, 80, 100),
        kpi("C", "client", [("F", 1.0)], 0, 50, 100),
    ]
    a = analyse_tree(touchpoint_trees(kpis)["T"], "T")
    assert a.root_own == pytest.approx(-0.3) and a.explained == pytest.approx(0.5)
    assert a.nodes["C"].share == pytest.approx(1.0) and math.isnan(a.nodes["F"].share)
    trees = touchpoint_trees(small_tree())
    b = analyse_tree(trees["T"], "T")
    causes = [r.share for n, r in b.nodes.items() if n != "F"]
    assert sum(causes) == pytest.approx(1.0)
    assert b.explained + b.root_own == pytest.approx(b.root_shortfall)


def test_what_if_by_hand_with_measured_effects_and_clipping():
    # F measured gap 0.6, rolled from A (0.5) and B (0.3) at ½/½ = 0.4: it keeps its +0.2
    kpis = [
        kpi("F", "financial", (), 0, 40, 100),
        kpi("A", "client", [("F", 0.5)], 0, 50, 100),
        kpi("B", "client", [("F", 0.5)], 0, 70, 100),
    ]
    a = analyse_tree(touchpoint_trees(kpis)["T"], "T")
    assert a.nodes["A"].what_if == pytest.approx(0.25)  # 0.6 → 0.15 + 0.2
    assert a.nodes["A"].what_if_share == pytest.approx(0.25 / 0.6)
    # F measured gap 0.1, its only cause A at gap 0.8: A on target can close 0.1, not 0.8
    kpis = [kpi("F", "financial", (), 0, 90, 100), kpi("A", "client", [("F", 1.0)], 0, 20, 100)]
    a = analyse_tree(touchpoint_trees(kpis)["T"], "T")
    assert a.nodes["A"].what_if == pytest.approx(0.1)


def test_unmeasured_middle_kpis_roll_up_by_hand():
    kpis = [
        kpi("F", "financial", (), 0, None, 100),
        kpi("M", "client", [("F", 0.5)], 0, None, 100),
        kpi("R", "client", [("F", 0.5)], 0, 80, 100),
        kpi("P", "process", [("M", 0.5)], 0, 40, 100),
        kpi("Q", "process", [("M", 0.5)], 0, None, 100),
    ]
    a = analyse_tree(touchpoint_trees(kpis)["T"], "T")
    n = a.nodes
    assert n["M"].rolled_up == pytest.approx(0.4) and n["M"].gap == pytest.approx(0.6)
    assert a.root_shortfall == pytest.approx(0.4)  # ½·0.6 + ½·0.2
    assert n["P"].what_if == pytest.approx(0.3) and n["R"].what_if == pytest.approx(0.1)
    assert n["P"].share == pytest.approx(0.75) and n["R"].share == pytest.approx(0.25)
    assert a.bottleneck == "P" and a.unknown == ("Q",)


def _reroll(kpis, on_target=None):
    """An independent roll-up for trees measured at the leaves only: each inner KPI's gap is
    the weighted mean of its causes' gaps (weights normalised per effect)."""
    leaf_gap = {
        k.id: 0.0 if k.id == on_target else 1 - min(max(k.actual / k.target, 0), 1)
        for k in kpis
        if k.actual is not None
    }
    causes: dict[str, list] = {}
    for k in kpis:
        for effect, w in k.drives:
            causes.setdefault(effect, []).append((k.id, 1.0 if w is None else w))

    def g(node):
        if node in leaf_gap:
            return leaf_gap[node]
        parts = causes[node]
        if any(w is None for _, w in parts):
            parts = [(u, 1.0) for u, _ in parts]
        total = sum(w for _, w in parts)
        return sum(w * g(u) for u, w in parts) / total

    return g("K0")


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 10), st.data())
def test_what_if_equals_an_independent_re_roll_up(n, data):
    kpis = random_tree(n, data, weights=(0.2, 0.5, 1.0), max_causes=2, actual=False)
    has_cause = {effect for k in kpis for effect, _ in k.drives}
    kpis = [
        k
        if k.id in has_cause
        else kpi(k.id, k.level, k.drives, 0, data.draw(st.floats(0, 120)), 100)
        for k in kpis
    ]
    assume("K0" in has_cause)  # a root without causes has nothing to roll up
    a = analyse_tree(touchpoint_trees(kpis)["T"], "T")
    assert a.root_shortfall == pytest.approx(_reroll(kpis), abs=1e-9)
    for k in kpis:
        if k.id in a.nodes and k.id not in has_cause:
            expected = _reroll(kpis) - _reroll(kpis, on_target=k.id)
            assert a.nodes[k.id].what_if == pytest.approx(expected, abs=1e-9)


def test_terminal_rollup_column_shows_the_rollup_not_the_kpis_own_attainment():
    result = CliRunner().invoke(build_cli("ru"), ["kpi", str(EXAMPLE), "--bootstrap", "20"])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if line.strip().startswith("K01F"))
    # attainment 20 %, roll-up 11.8 % (as priorities.xlsx shows), in the locale's percent style
    assert percent(0.20, "ru") in row and percent(0.118, "ru") in row


def test_a_bottleneck_below_its_baseline_is_said_so_not_100_percent_missing():
    """K moved away from its target (20 → 10 against a target of 80): attainment −1/6. The
    recommendation says it is worse than its baseline rather than "100 % of the way missing"."""
    from kpi_tree.recommend import recommendation
    from workbooks.locale import note_text

    kpis = [
        k if k.id != "K" else kpi("K", "competence", k.drives, 20, 10, 80) for k in small_tree()
    ]
    tree = touchpoint_trees(kpis)["T"]
    a = analyse_tree(tree, "T")
    assert a.bottleneck == "K" and a.nodes["K"].attainment == pytest.approx(-1 / 6)
    rec = recommendation(a, tree)
    assert dict(rec.values)["progress"].key == "kpi_below_base"
    assert "хуже базы" in note_text(rec, "ru") and "не хватает" not in note_text(rec, "ru")
    plain = touchpoint_trees(small_tree())["T"]
    ok = recommendation(analyse_tree(plain, "T"), plain)
    assert dict(ok.values)["progress"].key == "kpi_progress"


def test_a_touchpoint_the_survey_did_not_ask_about_ranks_after_the_asked_ones(example_b200):
    # the action ranking is gap × QFD weight; a touchpoint without interview answers has no
    # weight and must not outrank every asked one (it was counted with weight 1)
    from workbooks.analysis import kpi_of

    a = example_b200
    weights = dict(zip(a.qfd.planning.touchpoints, a.qfd.planning.weight, strict=True))
    first = a.kpi.actions[0][0]
    unasked = {tp: w for tp, w in weights.items() if tp != first}
    ranked = [tp for tp, _, _ in kpi_of(a.project, unasked).actions]
    assert ranked[-1] == first and kpi_of(a.project, unasked).actions[-1][2] == 0.0
    assert ranked[:-1] == [tp for tp, _, _ in a.kpi.actions if tp != first]
    # with no survey at all, the gaps alone rank the bottlenecks
    gaps = kpi_of(a.project, {}).actions
    assert [s for *_, s in gaps] == sorted((s for *_, s in gaps), reverse=True)
    assert all(s > 0 for *_, s in gaps)


def test_the_journeys_touchpoints_missing_from_the_interviews_are_said(broken):
    def edit(wb):
        ws = wb["Интервью"]  # TP12's columns, the last ones, removed
        for merged in [m for m in ws.merged_cells.ranges if m.max_col > ws.max_column - 3]:
            ws.unmerge_cells(str(merged))
        ws.delete_cols(ws.max_column - 2, 3)

    warned = [w for w in load_project(broken(edit)).warnings if w.key == "touchpoints_not_asked"]
    assert len(warned) == 1 and "TP12" in warned[0].message and "TP11" not in warned[0].message
