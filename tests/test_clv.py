"""RFM on the CDNOW transactions and BG/NBD / Gamma-Gamma against the published parameters."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from scipy import special

from qfd.behaviour.clv import (
    BGNBD,
    GG_BOUND,
    customer_value,
    fit_bgnbd,
    fit_gamma_gamma,
)
from qfd.behaviour.measures import client_behaviour, pareto, rfm_scores
from workbooks.project.engines import open_engine
from workbooks.project.transactions import TransactionSource

DATA = Path(__file__).parent / "data" / "cdnow"
CALIBRATION_END = dt.date(1997, 9, 30)


@pytest.fixture(scope="module")
def cdnow_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("cdnow") / "cdnow.csv"
    with open(DATA / "CDNOW_sample.txt") as src, open(path, "w", newline="") as dst:
        w = csv.writer(dst)
        w.writerow(["client_id", "order_id", "date", "amount"])
        for k, line in enumerate(src):
            _, cust, day, _, amount = line.split()  # the second id is the published ID
            w.writerow([int(cust), k, f"{day[:4]}-{day[4:6]}-{day[6:]}", amount])
    return path


@pytest.fixture(scope="module")
def published():
    return np.genfromtxt(
        DATA / "cdnow_customers_summary_with_transactions.csv", delimiter=",", names=True
    )


def test_rfm_summary_matches_the_published_calibration_summary(cdnow_csv, published):
    with open_engine(TransactionSource.from_file(cdnow_csv)) as engine:
        b = client_behaviour(engine, CALIBRATION_END, 12)
    order = np.argsort(b.client_ids.astype(int))
    x = b.repeat_days[order]
    t_x = b.last_purchase_age_days[order] / 7
    T = b.tenure_days[order] / 7
    np.testing.assert_array_equal(x, published["x"])
    np.testing.assert_allclose(t_x, published["t_x"], atol=0.005)  # published to 2 decimals
    np.testing.assert_allclose(T, published["T"], atol=0.005)


def test_bgnbd_reproduces_the_published_cdnow_parameters(cdnow_csv):
    with open_engine(TransactionSource.from_file(cdnow_csv)) as engine:
        b = client_behaviour(engine, CALIBRATION_END, 12)
    m = fit_bgnbd(b.repeat_days, b.last_purchase_age_days / 7, b.tenure_days / 7)
    assert (round(m.r, 3), round(m.alpha, 3), round(m.a, 3), round(m.b, 3)) == (
        0.243,
        4.414,
        0.793,
        2.426,
    )
    assert m.log_likelihood == pytest.approx(-9582.4, abs=0.05)
    # expected purchases and P(alive) behave as the paper describes
    assert m.p_alive(0, 0, 38.86) == pytest.approx(1.0)
    assert m.expected_purchases(39, 2, 30.43, 38.86) > m.expected_purchases(39, 2, 5, 38.86)


def test_gamma_gamma_reproduces_the_published_parameters(published):
    gg = fit_gamma_gamma(published["x"], published["zbar"])
    assert (gg.p, gg.q, gg.gamma) == pytest.approx(
        (6.25, 3.74, 15.44), abs=0.01
    )  # published to 2 dp
    assert gg.n == 946


def test_rfm_scores_and_pareto_against_python(cdnow_csv):
    totals, last, count = {}, {}, {}
    with open(cdnow_csv) as f:
        for row in csv.DictReader(f):
            d = dt.date.fromisoformat(row["date"])
            if d > CALIBRATION_END:
                continue
            c = row["client_id"]
            totals[c] = totals.get(c, 0.0) + float(row["amount"])
            last[c] = max(last.get(c, d), d)
            count[c] = count.get(c, 0) + 1
    with open_engine(TransactionSource.from_file(cdnow_csv)) as engine:
        rfm = rfm_scores(engine, CALIBRATION_END)
        par = pareto(engine, CALIBRATION_END)
    n = len(totals)
    freq = np.array([count[c] for c in rfm.client_ids])
    # F score: 1 + floor(5 · (number of clients with lower frequency) / n)
    expected_f = 1 + np.floor(5 * np.array([(freq < f).sum() for f in freq]) / n).astype(int)
    np.testing.assert_array_equal(rfm.f, expected_f)
    revenue = np.sort(np.array(list(totals.values())))[::-1]
    k80 = int(np.searchsorted(np.cumsum(revenue) / revenue.sum(), 0.8) + 1)
    assert par.share_for_80 == pytest.approx(k80 / n)
    assert sum(t[1] for t in par.tiers) == n and par.tiers[0][2] >= 0.8


def test_gamma_gamma_through_the_pipeline_uses_repeat_purchases_only(cdnow_csv, published):
    """Issue 16: fitted on all orders (first purchases and one-time buyers included) CDNOW gave
    p = 195,248, q = 2.76, γ ≈ 0; on repeat purchases, as the paper defines it, the published
    p = 6.25, q = 3.74, γ = 15.44."""
    with open_engine(TransactionSource.from_file(cdnow_csv)) as engine:
        b = client_behaviour(engine, CALIBRATION_END, 12)
    order = np.argsort(b.client_ids.astype(int))
    repeat = published["x"] > 0
    np.testing.assert_allclose(
        b.repeat_monetary[order][repeat], published["zbar"][repeat], atol=0.0051
    )  # published to 2 decimals
    assert np.isnan(b.repeat_monetary[order][~repeat]).all()
    value = customer_value(b)
    gg = value.gamma_gamma
    assert (gg.p, gg.q, gg.gamma) == pytest.approx((6.25, 3.74, 15.44), abs=0.01)
    assert gg.n == 946 and not gg.degenerate
    assert not any(n.key == "gg_degenerate" for n in value.notes)
    # the old way is the degenerate fit the issue describes, and it is recognised as one
    old = fit_gamma_gamma(b.frequency, b.monetary)
    assert old.p > 1e3 and old.degenerate


def test_spend_that_does_not_vary_between_clients_stops_at_the_bound_and_is_degenerate():
    """Every client's orders from one price distribution: the likelihood keeps rising as p → ∞.
    The search stops p at its bound (it used to run to its 40,000 evaluations) and the fit is
    reported as degenerate, so the historical spend is used."""
    rng = np.random.default_rng(5)
    x = rng.integers(300, 500, 2000).astype(float)
    z = np.array([rng.uniform(100, 10_100, int(n)).mean() for n in x])
    gg = fit_gamma_gamma(x, z)
    assert gg.degenerate and gg.fault == "gg_edge" and gg.p == pytest.approx(GG_BOUND)
    # the price distribution's mean is what the degenerate fit still implies
    assert gg.expected_spend(1, z.mean()) == pytest.approx(z.mean(), rel=0.01)


def _bgnbd_clients(rng, n: int, dropout, weeks: float = 104.0):
    """(x, t_x, T) of ``n`` clients simulated as BG/NBD describes them: purchase rates from
    Gamma(r = 0.8, α = 4), after each purchase the client leaves with probability ``dropout``
    (one number, or a Beta(a, b) draw per client when a pair)."""
    x, t_x = np.zeros(n), np.zeros(n)
    for i in range(n):
        rate = rng.gamma(0.8, 1 / 4.0)
        p = rng.beta(*dropout) if isinstance(dropout, tuple) else dropout
        t = 0.0
        while True:
            t += rng.exponential(1 / rate)
            if t > weeks:
                break
            x[i], t_x[i] = x[i] + 1, t
            if rng.random() < p:
                break
    return x, t_x, np.full(n, weeks)


def test_the_same_dropout_for_every_client_is_said_and_the_search_stays_bounded():
    """One dropout probability for everyone: the beta distribution of BG/NBD shrinks to a point
    (a, b → ∞ at a fixed a/(a+b)). The fit says so, with the probability it estimates; with a
    spread of dropout probabilities it does not."""
    rng = np.random.default_rng(11)
    same = fit_bgnbd(*_bgnbd_clients(rng, 1500, 0.08))
    assert same.homogeneous
    assert same.a / (same.a + same.b) == pytest.approx(0.08, rel=0.25)
    spread = fit_bgnbd(*_bgnbd_clients(rng, 1500, (0.6, 3.0)))
    assert not spread.homogeneous and spread.converged


def test_expected_spend_of_a_one_time_buyer_is_the_population_mean(published):
    gg = fit_gamma_gamma(published["x"], published["zbar"])
    assert gg.expected_spend(0, np.nan) == pytest.approx(gg.p * gg.gamma / (gg.q - 1))
    # a repeat buyer's expectation is a weighted average of the population mean and their own
    own = 50.0
    e = gg.expected_spend(3, own)
    w = gg.p * 3 / (gg.p * 3 + gg.q - 1)
    assert e == pytest.approx(w * own + (1 - w) * gg.p * gg.gamma / (gg.q - 1))


def test_a_fit_without_dropout_projects_by_the_nbd_limit():
    """Where a/(a+b) → 0 the BG/NBD's eq. 10 tends to the NBD's (r + x)·t/(α + T): checked where
    eq. 10 is still precise (a = 1e-4, b = 10) and used where it is not (a ≈ 0, b = 3.7e26, the
    fit a consultant's project gave, where eq. 10 returned -4e16)."""
    x, t_x, T = np.array([0.0, 2, 7]), np.array([0.0, 20, 48]), np.array([30.0, 50, 52])
    nbd = (1.46 + x) * 52 / (46.8 + T)
    r, alpha, a, b, t = 1.46, 46.8, 1e-4, 10.0, 52
    hyp = special.hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t))  # FHL 2005, eq. 10
    first = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp)
    odds = np.where(x > 0, a / (b + x - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x), 0.0)
    np.testing.assert_allclose(first / (1 + odds), nbd, rtol=1e-3)
    degenerate = BGNBD(1.46, 46.8, 1e-12, 3.7e26, 3, 0.0)
    assert degenerate.no_dropout
    np.testing.assert_allclose(degenerate.expected_purchases(52, x, t_x, T), nbd, rtol=1e-12)
