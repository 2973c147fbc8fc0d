"""The corpus of project shapes (workbooks/examples/shapes.py) end to end through ``qfdkpi``.

Each shape runs through ``qfdkpi run`` as a consultant would run it: exit 0, every deliverable,
no traceback; and what the run exported holds the method's invariants (LMG shares add up to R²,
ranks are a permutation) and finds the hidden top driver where the sample is large enough.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
import pytest
import sklearn.cluster  # noqa: F401 — loads OpenMP now, so that threadpool_limits reaches it
from click.testing import CliRunner
from threadpoolctl import threadpool_limits

from cli import build_cli
from workbooks import pipeline
from workbooks.atomic import MARKER
from workbooks.examples.shapes import EXPORT, SHAPES, build, build_export, true_drivers

DELIVERABLES = {MARKER, *pipeline.DELIVERABLES}
CYRILLIC = re.compile("[А-Яа-яЁё]")
# Shapes whose end-to-end run waits for work elsewhere (none now: 30 touchpoints use Johnson's
# weights above the exact-LMG limit, the 1C file has its headers recognised).
WAITING: set[str] = set()
RUN = sorted(set(SHAPES) - WAITING)


def _invoke(*args, lang="ru"):
    # one thread for k-means: on a busy two-core machine OpenMP threads spin against each other
    with threadpool_limits(1):
        result = CliRunner().invoke(build_cli(lang), list(args), catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def captured(monkeypatch):
    """The Analysis the run exported (captured on its way from analyse to the deliverables)."""
    import workbooks.analysis

    seen = []
    original = workbooks.analysis.analyse

    def analyse(*args, **kwargs):
        seen.append(original(*args, **kwargs))
        return seen[-1]

    monkeypatch.setattr(workbooks.analysis, "analyse", analyse)
    return seen


def _independent_r_squared(analysis) -> float:
    """R² of the outcome on the included touchpoints, r' R⁻¹ r, from the correlation matrix the
    model reports (EM under missing answers) — LMG shares must add up to it. Where no answer is
    missing and nobody is weighted, that matrix must be pandas' plain correlation matrix."""
    import pandas as pd

    drivers = analysis.drivers
    corr = np.asarray(drivers.importance.correlation)
    y = drivers.outcome.values
    x = analysis.project.interviews.satisfaction[:, drivers.included]
    keep = ~np.isnan(y) & ~np.isnan(x).all(axis=1)
    if not np.isnan(x[keep]).any() and np.ptp(analysis.project.interviews.weights) == 0:
        plain = pd.DataFrame(np.column_stack([x[keep], y[keep]])).corr().to_numpy()
        np.testing.assert_allclose(corr, plain, atol=1e-9)
    r, big_r = corr[:-1, -1], corr[:-1, :-1]
    assert np.linalg.eigvalsh(big_r).min() > 0
    return float(r @ np.linalg.solve(big_r, r))


def _check_invariants(analysis):
    shares = analysis.drivers.shares
    assert (shares >= -1e-12).all()
    assert shares.sum() == pytest.approx(_independent_r_squared(analysis), abs=1e-9)
    pm = analysis.qfd.planning
    p = len(pm.touchpoints)
    assert sorted(pm.rank.tolist()) == list(range(1, p + 1))
    assert abs(pm.weight.sum() - 1) < 1e-9


@pytest.mark.parametrize("name", RUN)
def test_every_shape_runs_end_to_end(name, tmp_path, captured):
    project = build(name, tmp_path / name)
    out = tmp_path / "out"
    result = _invoke("run", str(project), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == DELIVERABLES
    [analysis] = captured
    _check_invariants(analysis)
    shape = SHAPES[name]
    assert analysis.project.interviews.n == shape.respondents
    if analysis.behaviour is None and analysis.clusters is not None:  # no transactions:
        # segments are drawn from client attributes, and their revenue share is unknown
        assert all(np.isnan(p.revenue_share) for p in analysis.clusters.portraits)
    if not shape.importance:  # no stated importance: W0 is the derived importance, or equal
        pm = analysis.qfd.planning
        p = len(pm.touchpoints)
        expected = pm.derived if analysis.drivers.derived_used else np.full(p, 1 / p)
        np.testing.assert_allclose(pm.blended, expected, atol=1e-12)
        assert {n.key for n in analysis.qfd.notes} & {"no_stated_importance", "no_importance"}
    if shape.respondents >= 1000:  # a large sample finds the hidden top driver
        drivers = analysis.drivers
        assert drivers.touchpoints[int(np.argmax(drivers.shares))] == true_drivers(shape)[0]


def test_the_generator_is_seeded(tmp_path):
    def digest(folder):
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}

    build("nps_only", tmp_path / "a")
    build("nps_only", tmp_path / "b")
    assert digest(tmp_path / "a") == digest(tmp_path / "b")


def test_a_raw_forms_export_goes_through_import_and_run(tmp_path, captured):
    export, mapping, project = build_export(tmp_path)
    result = _invoke(
        "import-survey", str(export), "--mapping", str(mapping), "--into", str(project)
    )
    assert result.exit_code == 0, result.output
    kept = EXPORT["respondents"] + EXPORT["same_answers_later"]
    assert f"{kept} респондента" in result.output or f"{kept} респондентов" in result.output
    assert result.output.count("повторная отправка анкеты") == 1  # one line per kind ...
    assert f"и ещё {EXPORT['repeated'] - 1} похожих" in result.output  # ... with the count
    assert "=HYPERLINK" in result.output and EXPORT["unknown_role"] in result.output
    out = tmp_path / "out"
    result = _invoke("run", str(project), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == DELIVERABLES
    [analysis] = captured
    _check_invariants(analysis)
    iv = analysis.project.interviews
    assert iv.n == kept and set(iv.roles) == {"decision_maker", "influencer", None}
    assert iv.attributes["Роль"].count(EXPORT["unknown_role"]) > 0


def test_without_transactions_behaviour_and_segments_say_what_is_missing(tmp_path):
    project = build("nps_only", tmp_path / "p")
    for command, expected in (
        ("behaviour", "«Файл транзакций»"),
        ("segments", "«Клиенты» с признаками"),
    ):
        result = _invoke(command, str(project))
        assert result.exit_code == 1
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("Анализ невозможен: ")
        assert expected in lines[0]
    for command in ("validate", "drivers", "qfd", "kpi"):
        assert _invoke(command, str(project)).exit_code == 0, command


def test_an_english_workbook_speaks_english_without_lang(tmp_path):
    """No --lang and no QFDKPI_LANG: the terminal follows the workbook's «Language» setting."""
    project = build("english", tmp_path / "english")
    english = _invoke("qfd", str(project), "--bootstrap", "0")
    assert english.exit_code == 0, english.output
    assert CYRILLIC.search(english.output) is None, english.output[:400]
    russian = _invoke("--lang", "ru", "qfd", str(project), "--bootstrap", "0")
    assert CYRILLIC.search(russian.output) is not None  # an explicit choice still wins
