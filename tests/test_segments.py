"""Segments: the example's hidden client segments are recovered; portraits and priority."""

from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE
from sklearn.metrics import adjusted_rand_score

from cli import build_cli
from qfd.behaviour.segments import LOW_CSI, Portrait, segment_priority
from workbooks.analysis import behaviour_of, segments_of
from workbooks.examples.generate import true_segments
from workbooks.project import load_project


@pytest.fixture(scope="module")
def example_segments():
    project = load_project(EXAMPLE)
    return project, segments_of(project, behaviour_of(project))


def test_hidden_segments_are_recovered(example_segments):
    _, res = example_segments
    truth = true_segments()
    labels = [truth[c] for c in res.segmentation.client_ids]
    assert res.segmentation.k == len(set(truth.values()))
    assert adjusted_rand_score(labels, res.segmentation.labels) > 0.7


def test_portraits_describe_segments_by_index(example_segments):
    _, res = example_segments
    assert sum(p.size for p in res.portraits) == len(res.segmentation.client_ids)
    assert sum(p.revenue_share for p in res.portraits) == pytest.approx(1.0)
    energy = max(
        res.portraits, key=lambda p: dict(p.distinguishing).get("Бизнес-юнит = Энергетика", 0)
    )
    assert dict(energy.distinguishing)["Бизнес-юнит = Энергетика"] > 300
    assert energy.typical["Бизнес-юнит"] == "Энергетика"


def test_same_seed_same_segments(example_segments):
    project, res = example_segments
    again = segments_of(project, behaviour_of(project))
    np.testing.assert_array_equal(again.segmentation.labels, res.segmentation.labels)


def test_priority_rule_low_satisfaction_by_capacity_then_blind_spots():
    ports = [
        Portrait(i, 10, 0.25, share, {}, (), f"S{i}")
        for i, share in enumerate([0.1, 0.5, 0.3, 0.1])
    ]
    # segment 0 and 1 unhappy (score 2 on 1–5 → CSI 25); 2 happy with 6 interviews; 3 happy with 2
    resp = np.array([0, 0, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3])
    sat = np.where(np.isin(resp, [0, 1]), 2.0, 5.0)[:, None] * np.ones((1, 2))
    prio = segment_priority(ports, resp, sat, ["A", "B"], 1, 5)
    assert prio.low == {0: True, 1: True, 2: False, 3: False}
    assert prio.order == (1, 0, 3, 2)  # capacity first among the unhappy; the blind spot (3) next
    assert str(int(LOW_CSI)) in prio.rule[0]


def test_segments_and_behaviour_commands():
    runner = CliRunner()
    seg = runner.invoke(build_cli("ru"), ["segments", str(EXAMPLE)])
    assert seg.exit_code == 0, seg.output
    assert "k = 4 по силуэту" in seg.output and "Приоритет сегментов: S" in seg.output
    beh = runner.invoke(build_cli("en"), ["--lang", "en", "behaviour", str(EXAMPLE)])
    assert beh.exit_code == 0, beh.output
    assert "of clients bring 80% of revenue" in beh.output and "BG/NBD (weeks)" in beh.output
