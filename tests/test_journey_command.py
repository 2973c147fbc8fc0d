"""``qfdkpi journey`` end to end on the example with its journey sheets (built from the generator
into a temporary folder) and on a project without them."""

from __future__ import annotations

import shutil

import numpy as np
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import sha256

from cli import build_cli
from workbooks.analysis import analyse
from workbooks.deliverables.journey_report import journey_report
from workbooks.examples import generate
from workbooks.examples.journey_example import ATTRIBUTE_SEGMENTS, PATHS, SEGMENT_OF_TRUTH
from workbooks.journey import journey_of, read_design
from workbooks.project import load_project


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    folder = tmp_path_factory.mktemp("journey")
    book, _ = generate.build(folder)
    return book


@pytest.fixture(scope="module")
def analysed(example):
    project = load_project(example)
    design, comments, _ = read_design(project)
    return project, analyse(project, bootstrap=0), design, comments


@pytest.fixture(scope="module")
def results(analysed):
    return journey_of(*analysed)


def invoke(*args, lang="ru"):
    return CliRunner().invoke(build_cli(lang), list(args))


def test_every_segment_path_is_compared(results):
    assert [j.segment for j in results.comparison.segments] == list(PATHS)
    assert {s.name for s in results.design.segments} == {n for n, _, _ in ATTRIBUTE_SEGMENTS}


def test_each_hidden_segment_is_the_main_attribute_segment_of_one_persona(results):
    four = list(SEGMENT_OF_TRUTH)
    cross = results.cross
    columns = [cross.segments.index(name) for name in four]
    top = [four[int(np.argmax(cross.shares[s, columns]))] for s in range(cross.clusters)]
    assert sorted(top) == sorted(four)  # one persona per hidden segment
    for p in results.personas:
        assert p.attribute_segments  # every persona falls into at least one segment
        assert p.path_channels  # ... and shows the channels of that segment's path


def _segment_clients(example) -> set[str]:
    """Clients of «Энергохолдинги» by pandas over the clients sheet (not by our rule engine)."""
    clients = pd.read_excel(example, sheet_name="Клиенты", engine="openpyxl")
    mask = (clients["Бизнес-юнит"] == "Энергетика") & (clients["Численность персонала"] > 1000)
    return set(clients.loc[mask, "ID клиента"])


def test_contact_plan_of_a_segment_against_pandas(example, results):
    members = _segment_clients(example)
    tx = pd.read_csv(
        example.parent / generate.TRANSACTIONS, sep=";", encoding="cp1251", decimal=","
    )
    tx.columns = ["client", "order", "date", "amount", "product"]
    tx["date"] = pd.to_datetime(tx["date"], format="%d.%m.%Y")
    tx = tx[tx["client"].isin(members) & (tx["date"].dt.date <= generate.ANALYSIS_DATE)]
    days = (
        tx.groupby(["client", "order"])["date"]
        .min()
        .reset_index()
        .drop_duplicates(["client", "date"])
    )
    days = days.sort_values(["client", "date"])
    days["gap"] = days.groupby("client")["date"].diff().dt.days
    gaps = days.dropna(subset=["gap"])
    per_client = [g["gap"].to_numpy() for _, g in gaps.groupby("client")]

    def quantile(q):  # the average client's distribution, by brute force over whole days
        for t in range(int(gaps["gap"].max()) + 1):
            if np.mean([(g <= t).mean() for g in per_client]) >= q - 1e-12:
                return float(t)

    plan = results.plans["Энергохолдинги"]
    assert plan.clients == days["client"].nunique() and plan.gaps == len(gaps)
    assert (plan.contact_day, plan.median_gap, plan.silence_days) == (
        quantile(0.25),
        quantile(0.5),
        quantile(0.9),
    )
    last = days.groupby("client")["date"].max().dt.date
    recency = np.array([(generate.ANALYSIS_DATE - d).days for d in last])
    assert plan.due_now == int(
        ((recency >= plan.contact_day) & (recency <= plan.silence_days)).sum()
    )


def test_service_levels_follow_the_hidden_value_and_frequency(results):
    truth = generate.TRUTH["segments"]
    share = {k: v["share"] for k, v in truth.items()}
    value = {k: v["orders"] * v["check"] for k, v in truth.items()}
    base_value = sum(share[k] * value[k] for k in truth)
    base_orders = sum(share[k] * truth[k]["orders"] for k in truth)
    expected = {}
    for name, hidden in SEGMENT_OF_TRUTH.items():
        high_value = value[hidden] >= base_value
        high_freq = truth[hidden]["orders"] >= base_orders
        expected[name] = {
            (True, True): "premium",
            (True, False): "key_account",
            (False, True): "express",
            (False, False): "standard",
        }[(high_value, high_freq)]
    got = {s.segment: s.level for s in results.service}
    assert got == expected


def test_the_program_follows_the_target_paths(results):
    segments = {r.segment for r in results.program}
    assert segments == set(PATHS)
    for seg in PATHS:
        rows = [r for r in results.program if r.segment == seg]
        assert [r.source for r in rows[:2]] == ["contact_plan", "contact_plan"]
        assert all(r.touchpoint in generate.TP_IDS for r in rows)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_report_in_both_languages(results, lang):
    text = journey_report(results, "promtech.xlsx", lang)
    assert "{" not in text and "}" not in text
    heads = {
        "ru": ("КАК ЕСТЬ", "Персоны", "Частота контактов", "Программа", "Уровни сервиса"),
        "en": ("AS IS", "Personas", "Contact frequency", "Communication program", "Service levels"),
    }
    for word in heads[lang]:
        assert word in text
    for seg in PATHS:
        assert seg in text


def test_the_command_leaves_the_workbook_alone(example):
    before = sha256(example)
    result = invoke("journey", str(example), "--bracket", "Клиент с года")
    assert result.exit_code == 0, result.output
    assert "средний чек по «Клиент с года»" in result.output
    assert sha256(example) == before
    # the heading names the project as the deliverables do (its setting), not the file
    title = load_project(example).title
    assert title != example.stem
    assert f"Проектирование пути клиента: {title}" in result.output.splitlines()


def test_an_unknown_bracket_is_named_with_the_known_ones(analysed):
    res = journey_of(*analysed, bracket="Нет такого")
    text = journey_report(res, "promtech.xlsx", "en")
    assert "the Clients sheet has no attribute 'Нет такого'; it has: Бизнес-юнит, Регион" in text


def test_a_project_without_the_sheets_says_what_they_would_add(example, tmp_path):
    wb = openpyxl.load_workbook(example)
    del wb["Пути сегментов"]
    del wb["Сегменты по признакам"]
    plain = tmp_path / "plain.xlsx"
    wb.save(plain)
    shutil.copy(example.parent / generate.TRANSACTIONS, tmp_path / generate.TRANSACTIONS)
    result = invoke("journey", str(plain))
    assert result.exit_code == 0, result.output
    out = result.output
    assert (
        "Лист «Пути сегментов» не заполнен" in out
        and "Лист «Сегменты по признакам» не заполнен" in out
    )
    assert "Персоны" in out and "Частота контактов" in out  # what needs no sheet is still there
    assert "первым точкам списка QFD" in out  # the program from the QFD list and the contact plan
