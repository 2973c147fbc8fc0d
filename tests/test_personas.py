"""Attribute segments, the cluster × segment cross-table and the persona pieces, against pandas
and hand computations; the example's attribute segments recover its hidden segments."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from qfd.journey.personas import (
    AttributeSegment,
    Condition,
    Survey,
    brackets,
    check_by_bracket,
    cross_table,
    members,
    seasonality,
    survey_profile,
    typical_basket,
)
from workbooks.examples import generate
from workbooks.examples.journey_example import ATTRIBUTE_SEGMENTS, SEGMENT_OF_TRUTH
from workbooks.project.journey_sheets import parse_rule, typed_column


@pytest.fixture(scope="module")
def clients() -> pd.DataFrame:
    rows = generate._clients(np.random.default_rng(generate.SEED))
    return pd.DataFrame([{k: v for k, v in c.items() if k != "_latent"} for c in rows])


def _segment(rule: str) -> AttributeSegment:
    conditions = []
    for attribute, op, values in parse_rule(rule):
        numbers = (
            [float(v) for v in values]
            if attribute in ("Численность персонала", "Клиент с года")
            else values
        )
        conditions.append(Condition(attribute, op, tuple(numbers)))
    return AttributeSegment(rule, tuple(conditions), rule)


def _columns(df: pd.DataFrame) -> dict[str, np.ndarray]:
    return {
        c: typed_column(df[c].tolist())
        for c in ("Бизнес-юнит", "Регион", "Численность персонала", "Клиент с года")
    }


@pytest.mark.parametrize(
    "rule, query",
    [
        (
            "Бизнес-юнит = Энергетика и Численность персонала > 1000",
            "bu == 'Энергетика' and staff > 1000",
        ),
        ("Регион = Урал или Сибирь", "region in ['Урал', 'Сибирь']"),
        ("Регион != Москва и Клиент с года >= 2020", "region != 'Москва' and since >= 2020"),
        ("Численность персонала <= 100", "staff <= 100"),
        ("Бизнес-юнит = строительство", "bu == 'Строительство'"),  # case does not matter
    ],
)
def test_members_match_pandas(clients, rule, query):
    df = clients.rename(
        columns={
            "Бизнес-юнит": "bu",
            "Регион": "region",
            "Численность персонала": "staff",
            "Клиент с года": "since",
        }
    )
    expected = df.eval(query) if " in " not in query else df["region"].isin(["Урал", "Сибирь"])
    got = members(_segment(rule), _columns(clients), len(clients))
    np.testing.assert_array_equal(got, expected.to_numpy())


def test_the_example_attribute_segments_recover_the_hidden_segments(clients):
    cols = _columns(clients)
    truth = clients["_segment"].to_numpy()
    rules = dict((name, rule) for name, rule, _ in ATTRIBUTE_SEGMENTS)
    covered = np.zeros(len(clients), dtype=int)
    for name, hidden in SEGMENT_OF_TRUTH.items():
        mask = members(_segment(rules[name]), cols, len(clients))
        covered += mask
        precision = (truth[mask] == hidden).mean()
        recall = mask[truth == hidden].mean()
        assert precision >= 0.95 and recall >= 0.95, (name, precision, recall)
    assert (covered == 1).mean() >= 0.97  # the four are (almost) a partition
    big = members(_segment(rules["Крупные предприятия"]), cols, len(clients))
    energy = members(_segment(rules["Энергохолдинги"]), cols, len(clients))
    assert (big & energy).sum() > 0 and (big & ~energy).sum() > 0  # overlapping segments


def test_cross_table_matches_pandas_crosstab():
    rng = np.random.default_rng(3)
    labels = rng.integers(-1, 4, 500)  # -1: a unit without a cluster
    masks = {"a": rng.random(500) < 0.3, "b": rng.random(500) < 0.6}
    t = cross_table(labels, 4, masks)
    df = pd.DataFrame({"label": labels, **masks})
    df = df[df["label"] >= 0]
    for j, name in enumerate("ab"):
        share = df.groupby("label")[name].mean()
        np.testing.assert_allclose(t.shares[:, j], share.to_numpy())
        assert t.base_share[j] == pytest.approx(df[name].mean())
        np.testing.assert_allclose(t.index[:, j], 100 * share.to_numpy() / df[name].mean())
    np.testing.assert_array_equal(t.sizes, df.groupby("label").size().to_numpy())


def test_a_persona_falls_into_majority_and_overrepresented_segments():
    labels = np.array([0] * 10 + [1] * 90)
    masks = {
        "majority": np.r_[np.ones(6, bool), np.zeros(4, bool), np.zeros(90, bool)],  # 60 % of S1
        "over": np.r_[np.ones(3, bool), np.zeros(7, bool), np.ones(10, bool), np.zeros(80, bool)],
        "common": np.r_[np.ones(4, bool), np.zeros(6, bool), np.ones(36, bool), np.zeros(54, bool)],
    }
    t = cross_table(labels, 2, masks)
    # over: 30 % of S1 vs 13 % of the base (index 231); common: 40 % vs 40 % (index 100)
    assert [name for name, _, _ in t.falls_into(0)] == ["majority", "over"]
    assert t.falls_into(1) == ()


DAYS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] * 3, dtype=float)


def _poisson_lr(orders, days, months):
    """The likelihood-ratio statistic of calendar months over a log-linear trend, by maximising
    the two Poisson likelihoods directly (scipy), independently of the GLM's IRLS."""
    from scipy import optimize, special

    t = np.arange(len(orders)) / 12

    def nll(params, dummies):
        mu = days * np.exp(params[0] + params[1] * t + dummies @ params[2:])
        return -(orders * np.log(mu) - mu - special.gammaln(orders + 1)).sum()

    none = np.zeros((len(orders), 0))
    each = (months[:, None] == np.arange(1, 12)[None, :]).astype(float)
    start = [np.log(orders.sum() / days.sum()), 0.0]
    fit0 = optimize.minimize(nll, start, args=(none,), method="BFGS", options={"gtol": 1e-9})
    fit1 = optimize.minimize(
        nll, start + [0.0] * 11, args=(each,), method="BFGS", options={"gtol": 1e-9}
    )
    return 2 * (fit0.fun - fit1.fun)


def test_growth_is_not_a_season_and_a_season_is_found_net_of_growth():
    months = np.arange(len(DAYS)) % 12
    growth = np.round(DAYS * 5 * np.exp(0.8 * np.arange(len(DAYS)) / 12))  # ×2.2 a year
    s = seasonality(growth, DAYS, 2023 * 12)
    assert not s.seasonal and s.peaks == () and s.trend == pytest.approx(np.exp(0.8), rel=0.02)
    # the old test, calendar months pooled against their days, calls this growth a season
    pooled = np.bincount(months, weights=growth, minlength=12)
    exposure = np.bincount(months, weights=DAYS, minlength=12)
    assert stats.chisquare(pooled, exposure / exposure.sum() * pooled.sum()).pvalue < 1e-6
    march = growth.copy()
    march[months == 2] *= 2  # every March twice as busy
    s = seasonality(march, DAYS, 2023 * 12)
    assert s.seasonal and s.peaks == (3,)
    assert s.index[2] / np.nanmean(np.delete(s.index, 2)) == pytest.approx(2, rel=0.02)
    assert s.chi2 == pytest.approx(_poisson_lr(march, DAYS, months), rel=1e-4)
    assert s.p_value == pytest.approx(stats.chi2.sf(s.chi2, 11))


def test_seasonality_needs_two_years_and_leaves_unseen_months_out():
    s = seasonality(np.round(DAYS[:20] * 5), DAYS[:20], 2023 * 12)
    assert np.isnan(s.p_value) and not s.seasonal and s.months == 20
    days = DAYS.copy()
    days[:4] = 0  # the series starts in May: its first four months were not observed
    s = seasonality(np.round(days * 5), days, 2023 * 12)
    assert s.months == 32 and not s.seasonal and np.isfinite(s.index).all()


def test_brackets_and_check_by_bracket_match_pandas():
    rng = np.random.default_rng(5)
    staff = np.round(np.exp(rng.normal(5, 1.2, 400)))
    orders = rng.integers(1, 30, 400).astype(float)
    revenue = orders * rng.gamma(2, 50_000, 400)
    monthly = revenue / 36
    edges = brackets(staff)
    assert list(edges) == sorted(edges) and len(edges) == 3
    for e, q in zip(edges, np.quantile(staff, [0.25, 0.5, 0.75]), strict=True):
        assert abs(e - q) <= 0.05 * q  # two significant digits
    got = check_by_bracket(staff, revenue, orders, monthly, edges)
    df = pd.DataFrame(
        {
            "bin": pd.cut(staff, [-np.inf, *edges, np.inf], right=False),
            "rev": revenue,
            "n": orders,
            "m": monthly,
        }
    )
    g = df.groupby("bin", observed=True).agg(
        rev=("rev", "sum"), n=("n", "sum"), m=("m", "mean"), k=("rev", "size")
    )
    assert [k for _, k, _, _ in got] == g["k"].tolist()
    np.testing.assert_allclose([c for _, _, c, _ in got], (g["rev"] / g["n"]).to_numpy())
    np.testing.assert_allclose([m for _, _, _, m in got], g["m"].to_numpy())
    assert got[0][0] == (None, edges[0]) and got[-1][0] == (edges[-1], None)
    text = check_by_bracket(
        np.array(["Юг", "Урал", "Юг"], dtype=object), [10, 20, 30], [1, 1, 2], [1, 1, 1]
    )
    assert text == (("Урал", 1, 20.0, 1.0), ("Юг", 2, 40 / 3, 1.0))


def test_typical_basket_by_share_of_orders():
    rows = typical_basket({"a": 5, "b": 9, "c": 1}, {"a": 50.0, "b": 30.0, "c": 20.0}, 10)
    assert rows == (("b", 0.9, 0.3), ("a", 0.5, 0.5), ("c", 0.1, 0.2))


def test_survey_profile_counts_needs_problems_comments_and_channels():
    nan = np.nan
    survey = Survey(
        cluster=np.array([0, 0, 0, 1]),
        touchpoints=("T1", "T2", "T3"),
        importance=np.array([[5, 3, 4], [5, 2, nan], [4, 3, 5], [1, 1, 1]], dtype=float),
        satisfaction=np.array([[2, 4, nan], [3, 5, nan], [1, 4, 5], [5, 5, 5]], dtype=float),
        comments=("Долго", None, " Долго ", "Хорошо"),
        decision_maker=np.array([1.0, 0.0, np.nan, 1.0]),  # the third one's role is unknown
        channels={"T1": ("сайт", "телефон"), "T2": ("телефон",), "T3": ("встреча",)},
    )
    n, dm, needs, problems, comments, channels = survey_profile(survey, 0)
    assert n == 3 and dm == pytest.approx(1 / 2)
    assert needs[0] == ("T1", pytest.approx(14 / 3), 3) and needs[1][0] == "T3"
    assert problems[0] == ("T1", 2.0, 3)
    assert comments == (("Долго", 2),)
    assert dict(channels) == {"сайт": 1.0, "телефон": 1.0, "встреча": pytest.approx(1 / 3)}
