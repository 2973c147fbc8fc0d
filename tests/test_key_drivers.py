"""The driver analysis on the bundled example recovers the hidden true drivers."""

from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE

from cli import build_cli
from qfd.behaviour.outcome import Outcome
from qfd.drivers.key_drivers import key_drivers
from workbooks.analysis import analyse
from workbooks.examples.generate import TRUTH
from workbooks.project import load_project


@pytest.fixture(scope="module")
def example_analysis():
    return analyse(load_project(EXAMPLE), bootstrap=200)


def test_hidden_revenue_drivers_come_out_on_top(example_analysis):
    rep = example_analysis.drivers
    top3 = {rep.touchpoints[j] for j in np.argsort(-rep.shares)[:3]}
    assert top3 == set(TRUTH["revenue_drivers"])
    assert rep.outcome.measure == "revenue" and rep.outcome.transform == "log1p"
    assert rep.importance.n == rep.outcome.n_linked == 45
    assert rep.derived_importance.sum() == pytest.approx(1.0)


def test_small_segments_are_flagged_not_estimated(example_analysis):
    rep = example_analysis.drivers
    assert set(rep.segment_n) == {"Машиностроение", "Строительство", "Энергетика"}
    for name, n in rep.segment_n.items():
        assert (rep.segments[name] is None) == (n < 20)
    assert any(w.key == "segment_small" for w in rep.warnings)


def test_touchpoints_without_answers_or_variance_are_left_out_and_said():
    rng = np.random.default_rng(0)
    X = rng.integers(1, 6, size=(40, 4)).astype(float)
    X[:, 1] = 3  # everyone gave the same score
    X[:37, 3] = np.nan  # almost nobody met this touchpoint
    y = Outcome(X[:, 0] + rng.normal(size=40), "overall", False, "", 40)
    rep = key_drivers(X, ["A", "B", "C", "D"], y, bootstrap=0)
    assert rep.included.tolist() == [True, False, True, False]
    assert rep.shares[1] == 0 and rep.shares[3] == 0
    keys = [w.key for w in rep.warnings]
    assert "no_variance" in keys and "left_out" in keys


def test_drivers_command_prints_the_table_in_both_languages():
    runner = CliRunner()
    ru = runner.invoke(build_cli("ru"), ["drivers", str(EXAMPLE), "--bootstrap", "50"])
    assert ru.exit_code == 0, ru.output
    assert "Ключевые драйверы: выручка за 12 мес." in ru.output and "Доля R²" in ru.output
    first_row = next(line for line in ru.output.splitlines() if line.startswith("1 "))
    assert first_row.split()[1] in TRUTH["revenue_drivers"]
    en = runner.invoke(
        build_cli("en"), ["--lang", "en", "drivers", str(EXAMPLE), "--bootstrap", "50"]
    )
    assert en.exit_code == 0 and "Key drivers: revenue over 12 months" in en.output
    assert "small sample" in en.output
