"""Contact frequency: the rules on a hand-made distribution, the average-client quantiles against
a brute-force distribution function, and BG/NBD's waiting time against a simulation."""

from __future__ import annotations

import numpy as np
import pytest

from qfd.behaviour.clv import BGNBD
from qfd.journey.contact import (
    MIN_GAPS,
    contact_plan,
    median_days_to_next_purchase,
    rhythm_quantiles,
)


def _brute_quantile(gaps, owners, q):
    """Smallest whole day t with mean over clients of (share of own gaps ≤ t) ≥ q."""
    clients = sorted(set(owners))
    for t in range(int(max(gaps)) + 1):
        f = np.mean(
            [
                np.mean([g <= t for g, o in zip(gaps, owners, strict=True) if o == c])
                for c in clients
            ]
        )
        if f >= q - 1e-12:
            return float(t)
    raise AssertionError


@pytest.mark.parametrize("seed", range(8))
def test_quantiles_weigh_every_client_once(seed):
    rng = np.random.default_rng(seed)
    owners, gaps = [], []
    for c in range(int(rng.integers(3, 15))):
        k = int(rng.integers(1, 12))  # clients buying at very different rates
        owners += [f"C{c}"] * k
        gaps += rng.integers(1, 200, k).tolist()
    qs = [0.25, 0.5, 0.75, 0.9]
    assert rhythm_quantiles(gaps, owners, qs) == [_brute_quantile(gaps, owners, q) for q in qs]


def _hand_made():
    # A buys every 10 days (4 gaps), B every 20 (2), C once after 40 days, D once after 100:
    # the average client's distribution is 1/4 at 10, 2/4 at 20, 3/4 at 40 and 1 at 100,
    # while pooling the eight gaps would put the median at 15.
    gaps = [10, 10, 10, 10, 20, 20, 40, 100] * 3  # three such quartets: 24 gaps ≥ MIN_GAPS
    owners = [f"{c}{k}" for k in range(3) for c in "AAAABBCD"]
    return gaps, owners


def test_rules_on_a_hand_made_distribution():
    gaps, owners = _hand_made()
    assert len(gaps) >= MIN_GAPS
    recency = [5, 15, 60, 150, 150, 400]
    repeat = [4, 2, 1, 1, 1, 0]
    window_orders = [3, 2, 1, 1, 0, 0]
    window_revenue = [30.0, 20.0, 10.0, 7.0, 0.0, 0.0]
    plan = contact_plan("S", gaps, owners, recency, repeat, window_orders, window_revenue)
    assert (plan.q25, plan.median_gap, plan.q75, plan.q90) == (10.0, 20.0, 40.0, 100.0)
    assert plan.contact_day == 10.0  # a quarter of next purchases happen by day 10
    assert plan.lead_days == 10.0  # ... ten days before the typical one (day 20)
    assert plan.min_interval == 10.0  # at most twice per 20-day cycle
    assert plan.silence_days == 100.0  # longer than nine cycles in ten
    assert plan.due_now == 2  # recency 15 and 60 lie between day 10 and day 100
    assert (plan.slipping, plan.slipping_revenue, plan.lost) == (1, 7.0, 2)
    assert plan.repeat_clients == 5 and plan.clients == 6 and plan.source == "segment"


def test_at_most_once_a_week_even_for_daily_buyers():
    gaps = [1, 2, 3, 2, 1] * 5
    plan = contact_plan("S", gaps, list(range(len(gaps))), [1], [3], [3], [1.0])
    assert plan.median_gap == 2.0 and plan.min_interval == 7.0


def test_a_segment_with_few_gaps_borrows_the_base_and_says_so():
    base_gaps, base_owners = _hand_made()
    plan = contact_plan(
        "small", [30, 60], ["x", "x"], [10], [2], [1], [5.0], base=(base_gaps, base_owners)
    )
    assert plan.source == "base" and plan.gaps == 2
    assert plan.median_gap == 20.0
    assert [n.key for n in plan.notes] == ["contact_few_gaps"]


def test_bgnbd_waiting_time_matches_a_simulation():
    model = BGNBD(r=0.8, alpha=6.0, a=0.6, b=2.5, n=100, log_likelihood=0.0)
    rng = np.random.default_rng(1)
    for x, T in ((0, 10.0), (3, 40.0), (12, 80.0)):
        # an active client's purchase rate given its history is Gamma(r + x, rate α + T)
        lam = rng.gamma(model.r + x, 1 / (model.alpha + T), 400_000)
        wait_days = 7 * rng.exponential(1 / lam)
        expected = median_days_to_next_purchase(model, x, T)[0]
        assert np.median(wait_days) == pytest.approx(expected, rel=0.02)


def test_bgnbd_expectation_is_shown_only_when_it_says_something():
    gaps, owners = _hand_made()
    args = ("S", gaps, owners, [30, 300], [3, 1], [2, 0], [1.0, 0.0])
    ages = ([20.0, 5.0], [25.0, 60.0])
    fitted = BGNBD(r=0.8, alpha=6.0, a=0.6, b=2.5, n=100, log_likelihood=0.0)
    plan = contact_plan(*args, model=fitted, ages=ages)
    alive = fitted.p_alive([3, 1], *ages)
    assert plan.bg_inactive == np.mean(alive < 0.5)
    days = median_days_to_next_purchase(fitted, [3, 1], ages[1])
    assert plan.bg_days == pytest.approx(np.median(days))
    no_dropout = BGNBD(r=0.8, alpha=6.0, a=1e-6, b=1e-6, n=100, log_likelihood=0.0)
    plan = contact_plan(*args, model=no_dropout, ages=ages)
    assert np.isnan(plan.bg_inactive) and np.isfinite(plan.bg_days)
