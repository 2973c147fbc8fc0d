"""O-data ↔ X-data: the lagged correlations against pandas, a textbook interval, and exactly the
planted lead and move of the example."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from qfd.monitoring.o_x import _interval, lagged_correlation
from workbooks.examples import monitoring as example


def test_lagged_correlation_equals_pandas_shift_and_corr():
    rng = np.random.default_rng(2)
    x = rng.normal(size=30)
    y = np.r_[np.nan, 0.5 * x[:-1] + rng.normal(size=29)]
    x[[4, 9]] = np.nan
    for lag in range(4):
        r, n = lagged_correlation(x, y, lag)
        frame = pd.DataFrame({"x": pd.Series(x).shift(lag), "y": y}).dropna()
        assert r == pytest.approx(frame["x"].corr(frame["y"]))
        assert n == len(frame)


def test_fisher_interval_of_a_textbook_example():
    # r = 0.5, n = 28: z = 0.549 ± 1.96·0.2, back-transformed: [0.156, 0.736]; t = 2.94 on 26 df
    low, high, p = _interval(0.5, 28)
    assert (round(low, 3), round(high, 3)) == (0.156, 0.736)
    assert p == pytest.approx(0.0067, abs=1e-4)


def test_exactly_the_planted_lead_is_found(monitoring_result):
    truth = example.TRUTH["lead"]
    links = monitoring_result.links
    leading = [(k.kpi, k.touchpoint, k.lag) for k in links.leading]
    assert leading == [(truth["kpi"], truth["touchpoint"], truth["lag"])]
    lead = links.leading[0]
    assert lead.consistent and lead.r > 0  # OTIF down, satisfaction down
    assert lead.low < lead.r < lead.high and lead.n == example.WAVES - 1 - truth["lag"]
    assert len(links.links) == len(example.OPERATIONAL)


def test_the_kpi_that_moved_before_the_flagged_drop(monitoring_result):
    truth = example.TRUTH
    moves = monitoring_result.links.moves
    assert [(m.touchpoint, m.kpi, m.lead) for m in moves] == [
        (truth["deterioration"]["touchpoint"], truth["lead"]["kpi"], truth["lead"]["lag"])
    ]
    move = moves[0]
    assert move.change < move.limit < 0  # OTIF fell further than its usual monthly changes
