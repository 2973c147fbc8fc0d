"""The driver analysis on the bundled example recovers the hidden true drivers."""

from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE

from cli import build_cli
from qfd.behaviour.outcome import Outcome
from qfd.drivers.key_drivers import key_drivers
from workbooks.examples.generate import TRUTH


@pytest.fixture(scope="module")
def example_analysis(example_b200):
    return example_b200  # shared with test_qfd (conftest)


def _interviews_with_purchases() -> int:
    """Interviews whose client ID has at least one line in the example's transactions file,
    counted from the files themselves."""
    import csv

    import openpyxl

    from workbooks.examples.generate import TRANSACTIONS

    with open(EXAMPLE.with_name(TRANSACTIONS), encoding="cp1251", newline="") as f:
        buyers = {row[0] for row in csv.reader(f, delimiter=";")}  # 1C export: client ID first
    ws = openpyxl.load_workbook(EXAMPLE)["Интервью"]
    head = [c.value for c in next(ws.iter_rows(max_row=1))]
    col = head.index("ID клиента")
    return sum(1 for row in ws.iter_rows(min_row=3, values_only=True) if row[col] in buyers)


def test_hidden_revenue_drivers_come_out_on_top(example_analysis):
    rep = example_analysis.drivers
    top3 = {rep.touchpoints[j] for j in np.argsort(-rep.shares)[:3]}
    assert top3 == set(TRUTH["revenue_drivers"])
    assert rep.outcome.measure == "revenue" and rep.outcome.transform == "log1p"
    assert rep.importance.n == rep.outcome.n_linked == _interviews_with_purchases()
    assert rep.derived_importance.sum() == pytest.approx(1.0)


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


# --------------------------------------------------------------------------- issue 14, item 8


def _nps_outcome(values):
    values = np.asarray(values, dtype=float)
    return Outcome(values, "nps", False, "", int((~np.isnan(values)).sum()))


def test_pure_noise_is_not_used_as_derived_importance_and_says_why():
    rng = np.random.default_rng(1)
    X = rng.integers(1, 6, size=(43, 7)).astype(float)
    rep = key_drivers(X, list("ABCDEFG"), _nps_outcome(rng.integers(0, 11, 43)), bootstrap=0)
    assert not rep.derived_used
    assert rep.unsupported.key == "derived_not_used"
    reason = dict(rep.unsupported.values)["reason"].key
    assert reason in ("adjusted_r2_not_positive", "f_test_not_significant")
    assert rep.warnings[0] == rep.unsupported
    assert rep.outcome.term.value == "nps"


def test_n_not_above_p_plus_one_is_not_used():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(8, 7))
    rep = key_drivers(X, list("ABCDEFG"), _nps_outcome(rng.normal(size=8)), bootstrap=20)
    assert not rep.derived_used
    assert dict(rep.unsupported.values)["reason"].key == "n_below_p"


def test_a_real_model_is_used():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(80, 4))
    y = X[:, 0] + 0.5 * X[:, 1] + rng.normal(size=80)
    rep = key_drivers(X, list("ABCD"), _nps_outcome(y), bootstrap=0)
    assert rep.derived_used and rep.unsupported is None


@pytest.mark.parametrize(
    ("client_ids", "types", "cause"),
    [
        ([None] * 6, ["current"] * 6, "no_client_ids"),
        (["C1", "C2"] * 3, ["potential"] * 6, "only_potential"),
        (["C1", "C2"] * 3, ["current"] * 6, "clients_not_in_transactions"),
    ],
)
def test_too_few_linked_respondents_run_on_and_name_the_cause(client_ids, types, cause):
    from qfd.behaviour.outcome import respondent_outcome
    from workbooks.locale import note_text

    class NoClients:  # behaviour of a client base the respondents are not in
        client_ids = np.array(["X9"], dtype=object)
        window_revenue = revenue = monetary = np.array([1.0])
        window_frequency = np.array([1.0])

        def index(self):
            return {"X9": 0}

    outcome = respondent_outcome("revenue", client_ids, NoClients(), respondent_types=types)
    X = np.random.default_rng(4).normal(size=(6, 3))
    rep = key_drivers(X, ["A", "B", "C"], outcome, bootstrap=100)
    assert not rep.derived_used and rep.betas is None
    inner = dict(rep.unsupported.values)["reason"]
    assert inner.key == "too_few_linked_because"
    assert dict(inner.values)["cause"].key == cause
    assert (rep.shares == 0).all()
    for lang in ("ru", "en"):
        assert note_text(rep.unsupported, lang)


def test_constant_answers_and_constant_outcome_are_named():
    X = np.full((30, 3), 4.0)
    y = np.random.default_rng(5).normal(size=30)
    rep = key_drivers(X, ["A", "B", "C"], _nps_outcome(y), bootstrap=0)
    assert dict(rep.unsupported.values)["reason"].key == "all_answers_constant"
    X = np.random.default_rng(6).normal(size=(30, 3))
    rep = key_drivers(X, ["A", "B", "C"], _nps_outcome(np.full(30, 7.0)), bootstrap=0)
    assert dict(rep.unsupported.values)["reason"].key == "outcome_constant"


def test_a_top_driver_whose_beta_contradicts_its_correlation_is_flagged():
    rng = np.random.default_rng(7)
    n = 400
    t = rng.normal(size=n)
    a = t + 0.3 * rng.normal(size=n)  # a strong driver
    b = t + 0.3 * rng.normal(size=n)  # correlates positively with y, but a suppressor
    y = 2 * a - 1.2 * b + 0.5 * rng.normal(size=n)
    X = np.column_stack([a, b, rng.normal(size=n)])
    rep = key_drivers(X, ["A", "B", "C"], _nps_outcome(y), bootstrap=0)
    r_b = np.corrcoef(b, y)[0, 1]
    assert r_b > 0.1 and rep.betas.beta[1] < 0
    flagged = [dict(w.values)["name"] for w in rep.warnings if w.key == "top_suppression"]
    assert flagged == ["B"]


def test_zero_revenue_on_the_log_scale_is_said():
    """Six non-buyers among thirty buyers of about 200 000: log(1 + 0) = 0 lies far below
    log(2e5) ≈ 12.2 (buyers' SD ≈ 0.3), so the warning names them with the gap."""
    rng = np.random.default_rng(3)
    revenue = np.r_[np.zeros(6), np.exp(rng.normal(np.log(2e5), 0.3, size=30))]
    y = np.log1p(revenue)
    X = rng.normal(3.5, 0.8, size=(36, 4))
    rep = key_drivers(X, "ABCD", Outcome(y, "revenue", False, "log1p", 36), bootstrap=0)
    [zero] = [n for n in rep.warnings if n.key == "zero_money_outcome"]
    values = dict(zero.values)
    paid = y[6:]
    assert values["n"] == 6 and values["total"] == 36
    assert values["gap"] == pytest.approx(paid.mean() / paid.std(ddof=1))
    plain = key_drivers(X[6:], "ABCD", Outcome(y[6:], "revenue", False, "log1p", 30), bootstrap=0)
    assert not [n for n in plain.warnings if n.key == "zero_money_outcome"]
