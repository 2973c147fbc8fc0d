"""As-is → to-be: the time to the value result against a longest-path computation, the pairing
of steps on a hand-made journey, and the bundled example against its own data."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from qfd.journey.paths import Step, compare_paths, compare_segment, pair_steps, time_to_value
from workbooks.examples import generate
from workbooks.examples.journey_example import PATHS


def _critical_path(steps) -> float:
    """Days from the start event to the value result as the longest path of a step graph in
    which every step waits for all steps of the previous order (networkx, not our sum)."""
    steps = sorted(steps, key=lambda s: s.order)
    start = next((s for s in steps if s.milestone == "start"), steps[0])
    end = next((s for s in steps if s.milestone == "result"), steps[-1])
    span = [s for s in steps if start.order <= s.order <= end.order]
    orders = sorted({s.order for s in span})
    g = nx.DiGraph()
    g.add_node("begin")
    g.add_node("end")
    for k, s in enumerate(span):
        g.add_node(k)
        previous = orders.index(s.order) - 1
        if previous < 0:
            g.add_edge("begin", k, weight=0.0)
        for j, t in enumerate(span):
            if previous >= 0 and t.order == orders[previous]:
                g.add_edge(j, k, weight=float(t.duration or 0.0))
        if s.order == orders[-1]:
            g.add_edge(k, "end", weight=float(s.duration or 0.0))
    return float(nx.dag_longest_path_length(g, weight="weight"))


@pytest.mark.parametrize("seed", range(20))
def test_time_to_value_is_the_critical_path(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 12))
    orders = np.sort(rng.integers(1, 6, n))
    steps = [
        Step("A", "as_is", f"s{i}", int(o), "self", duration=float(rng.integers(0, 30)))
        for i, o in enumerate(orders)
    ]
    if rng.random() < 0.5:  # an explicit start and value result inside the path
        a, b = sorted(rng.choice(n, 2, replace=False))
        steps[a] = Step(
            "A", "as_is", "start", steps[a].order, "self", duration=0.0, milestone="start"
        )
        steps[b] = Step(
            "A", "as_is", "end", steps[b].order, "self", duration=1.0, milestone="result"
        )
    days, missing, _, _ = time_to_value(steps)
    assert missing == 0
    assert days == pytest.approx(_critical_path(steps))


def test_a_missing_duration_makes_the_time_unknown_and_says_so():
    steps = [
        Step("A", "as_is", "a", 1, "visit", duration=2.0),
        Step("A", "as_is", "b", 2, "self"),
        Step("A", "to_be", "a", 1, "self", duration=1.0),
    ]
    j = compare_segment("A", steps[:2], steps[2:])
    assert np.isnan(j.as_is.time_to_value) and j.as_is.missing_durations == 1
    assert [n.key for n in j.notes] == ["journey_missing_durations_as_is"]


def _hand_made():
    as_is = [
        Step("B", "as_is", "Визит в офис с заявкой", 1, "visit", touchpoint="TP1", duration=2),
        Step("B", "as_is", "Звонок за статусом", 2, "self", touchpoint="TP2", duration=1),
        Step("B", "as_is", "Справка из бухгалтерии", 3, "visit", touchpoint="TP3", duration=5),
        Step("B", "as_is", "Получение результата", 4, "visit", duration=1),
    ]
    to_be = [
        Step("B", "to_be", "Заявка на портале", 1, "self", touchpoint="TP1", duration=0.5),
        Step("B", "to_be", "Уведомление о статусе", 2, "proactive", touchpoint="TP2", duration=0),
        Step("B", "to_be", "Напоминание о продлении", 3, "proactive", touchpoint="TP4", duration=0),
        Step("B", "to_be", "получение  результата", 4, "visit", duration=1),
    ]
    return as_is, to_be


def test_pairing_and_counts_on_a_hand_made_journey():
    as_is, to_be = _hand_made()
    pairs = pair_steps(as_is, to_be)
    named = {(a.name if a else None, b.name if b else None) for a, b in pairs}
    assert named == {
        ("Визит в офис с заявкой", "Заявка на портале"),  # same touchpoint
        ("Звонок за статусом", "Уведомление о статусе"),
        ("Справка из бухгалтерии", None),  # removed
        (None, "Напоминание о продлении"),  # added
        ("Получение результата", "получение  результата"),  # same name, case and spaces aside
    }
    priority = {
        "TP1": (3, 0.2),
        "TP2": (1, 0.4),
        "TP3": (4, 0.1),
        "TP4": (5, 0.05),
        "TP5": (2, 0.25),
    }
    j = compare_segment("B", as_is, to_be, priority)
    assert (j.removed, j.added, j.made_proactive, j.added_proactive) == (1, 1, 1, 1)
    assert j.visits_avoided == 3 - 1  # office visit and the certificate gone, the result kept
    assert j.time_saved == pytest.approx((2 + 1 + 5 + 1) - (0.5 + 0 + 0 + 1))
    assert [t for t, _, _ in j.addressed] == ["TP2", "TP1", "TP3", "TP4"]  # by QFD rank
    assert j.addressed_weight == pytest.approx(0.4 + 0.2 + 0.1 + 0.05)
    assert j.missed_top == (("TP5", 2),)  # rank 2 is touched by no change
    kept = [c for c in j.changes if c.change == "kept"]
    assert len(kept) == 1 and kept[0].touchpoints == ()


def test_a_segment_with_one_path_is_left_out_with_a_note():
    as_is, _ = _hand_made()
    res = compare_paths(as_is)
    assert res.segments == () and [n.key for n in res.notes] == ["journey_no_to_be"]


def _example_steps():
    steps = []
    for segment, paths in PATHS.items():
        for path, rows in paths.items():
            for k, (order, name, kind, channel, tp, *_rest, days, mark) in enumerate(rows):
                steps.append(
                    Step(
                        segment,
                        path,
                        name,
                        order,
                        kind,
                        channel,
                        tp,
                        duration=days,
                        milestone=mark,
                        row=k,
                    )
                )
    return steps


def test_the_example_paths_follow_its_journey_and_cut_the_time_to_value():
    steps = _example_steps()
    assert {s.touchpoint for s in steps} - {""} <= set(generate.TP_IDS)
    res = compare_paths(steps, {t: (k + 1, 1 / 12) for k, t in enumerate(generate.TP_IDS)})
    assert [j.segment for j in res.segments] == list(PATHS)
    for j in res.segments:
        own = [s for s in steps if s.segment == j.segment]
        for path, summary in (("as_is", j.as_is), ("to_be", j.to_be)):
            mine = [s for s in own if s.path == path]
            assert summary.time_to_value == pytest.approx(_critical_path(mine))
            assert summary.visits == sum(s.kind == "visit" for s in mine)
        assert j.time_saved > 0 and j.visits_avoided >= 0


def test_the_example_target_paths_address_the_hidden_revenue_drivers():
    steps = _example_steps()
    res = compare_paths(steps, {t: (k + 1, 1 / 12) for k, t in enumerate(generate.TP_IDS)})
    drivers = set(generate.TRUTH["revenue_drivers"])
    for j in res.segments:
        in_paths = {s.touchpoint for s in steps if s.segment == j.segment} & drivers
        assert in_paths, j.segment
        assert in_paths <= {t for t, _, _ in j.addressed}, j.segment
        status = [c for c in j.changes if "TP07" in c.touchpoints]
        assert status and all(c.made_proactive for c in status)  # nobody calls for a status
