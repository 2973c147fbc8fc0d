"""Hostile, broken and edge-case input: the engine says what is wrong and loses nothing.

The fuzz tests run a few dozen generated workbooks in CI; set QFDKPI_FUZZ_EXAMPLES=500 (see the
README) for the long run.
"""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, sha256
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from cli import build_cli
from qfd.behaviour.outcome import Outcome
from qfd.drivers.key_drivers import key_drivers
from qfd.priorities import House, SurveyAnswers, qfd_model
from workbooks.errors import ProjectError
from workbooks.project import load_project, safety

FUZZ = int(os.environ.get("QFDKPI_FUZZ_EXAMPLES", "25"))
QFDKPI = [sys.executable, "-c", "from cli import main; main()"]
ROOT = Path(__file__).resolve().parents[1]


def set_setting(wb, name: str, value) -> None:
    for row in wb["Настройки"].iter_rows(min_row=2):
        if row[0].value == name:
            row[1].value = value


@pytest.fixture
def quick_project(example_copy):
    """The example with a small bootstrap, for whole runs in tests."""
    wb = openpyxl.load_workbook(example_copy)
    set_setting(wb, "Бутстреп-выборок", 50)
    wb.save(example_copy)
    return example_copy


# --------------------------------------------------------------------------- container safety


def test_zip_bomb_is_refused_before_parsing(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024**2))  # 60 MB of zeros ≈ 60 kB
    assert bomb.stat().st_size < 1024**2
    with pytest.raises(ProjectError, match="zip-бомбу"):
        load_project(bomb)


def test_too_many_entries_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(safety, "MAX_ENTRIES", 50)
    many = tmp_path / "many.xlsx"
    with zipfile.ZipFile(many, "w") as z:
        for i in range(51):
            z.writestr(f"xl/part{i}.xml", "<x/>")
    with pytest.raises(ProjectError, match="51 частей"):
        load_project(many)


def test_password_protected_file_gets_a_clear_message(tmp_path):
    enc = tmp_path / "secret.xlsx"
    # the layout of an encrypted OOXML file: an OLE container with an EncryptedPackage stream
    enc.write_bytes(
        safety.OLE_MAGIC + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 2000
    )
    result = CliRunner().invoke(build_cli("ru"), ["validate", str(enc)])
    assert (
        result.exit_code == 1
        and "защищён паролем" in result.output
        and "Traceback" not in result.output
    )


def test_macros_are_read_as_data_with_a_warning(example_copy):
    xlsm = example_copy.with_suffix(".xlsm")
    with (
        zipfile.ZipFile(example_copy) as src,
        zipfile.ZipFile(xlsm, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro bytes that must never run")
    project = load_project(xlsm)
    assert project.interviews.n == 60
    assert any("макросы" in str(w) for w in project.warnings)


def entity_bomb(tmp_path) -> Path:
    """The example with a 'billion laughs' entity expansion in its shared strings."""
    path = tmp_path / "laughs.xlsx"
    lol = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
            for i in range(1, 10)
        )
        + "]>"
    )
    with zipfile.ZipFile(EXAMPLE) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/sharedStrings.xml":
                text = data.decode("utf-8")
                head, _, rest = text.partition("?>")
                data = (head + "?>" + lol + rest.replace("<t>Этап</t>", "<t>&lol9;</t>", 1)).encode(
                    "utf-8"
                )
            dst.writestr(info, data)
    return path


def test_xml_entity_expansion_is_not_performed(tmp_path, example_copy):
    bomb = entity_bomb(tmp_path)
    start = time.perf_counter()
    result = CliRunner().invoke(build_cli("ru"), ["validate", str(bomb)])
    assert time.perf_counter() - start < 30
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
    assert "lollollol" not in result.output  # nothing was expanded
    # openpyxl (used to write into a project) refuses it through defusedxml
    from workbooks.project.survey_import import import_survey

    mapping = tmp_path / "m.toml"
    mapping.write_text('[[rule]]\nmatch = "x"\ncolumn = "respondent_id"\n', encoding="utf-8")
    with pytest.raises(ProjectError, match="не удалось прочитать книгу Excel"):
        import_survey(example_copy, mapping, bomb)


# --------------------------------------------------------------------------- fuzzing

TEXT = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=30)  # what a cell can hold
VALUES = st.one_of(
    st.none(),
    TEXT,
    st.text(alphabet="=+-@", min_size=1, max_size=3).map(lambda s: s + "1+1"),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [
            "nan",
            "inf",
            "-inf",
            "1e308",
            "31.02.2024",
            "2024-13-01",
            "затрудняюсь ответить",
            "●",
            "--",
            "K01=abc",
            "💥" * 5,
            "x" * 5000,
            "  ",
            "TP99",
            "4,5,6",
        ]
    ),
)
MUTATION = st.tuples(st.integers(0, 11), st.integers(1, 80), st.integers(1, 50), VALUES)


def mutate(path: Path, mutations, drop_sheet: int | None, merge: bool) -> None:
    wb = openpyxl.load_workbook(path)
    sheets = wb.sheetnames[1:]
    for sheet_i, row, col, value in mutations:
        ws = wb[sheets[sheet_i % len(sheets)]]
        if isinstance(ws.cell(row, col), openpyxl.cell.cell.MergedCell):
            continue  # the hidden part of a merged header cannot hold a value
        if isinstance(value, float) and not np.isfinite(value):
            value = str(value)  # a cell cannot hold NaN; as text it is what exports contain
        ws.cell(row, col).value = value
        if isinstance(value, str):
            ws.cell(row, col).data_type = "s"
    if merge:
        wb[sheets[0]].merge_cells("A2:C3")
    if drop_sheet is not None:
        del wb[sheets[drop_sheet % len(sheets)]]
    wb.save(path)


def clean_outcome(result) -> None:
    """Success, or exit 1 with a message that names where the problem is; never a crash."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        assert re.search(r"!\w+\d+|лист «|файл|книг|#\d+", result.output), result.output


FAST = [
    Phase.explicit,
    Phase.reuse,
    Phase.generate,
]  # no shrinking in CI: a failure prints its example


@settings(
    max_examples=FUZZ,
    deadline=None,
    phases=FAST,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(MUTATION, min_size=1, max_size=6),
    st.one_of(st.none(), st.integers(0, 10)),
    st.booleans(),
)
def test_fuzzed_workbooks_validate_cleanly(example_copy, mutations, drop_sheet, merge):
    original = example_copy.read_bytes()
    try:
        mutate(example_copy, mutations, drop_sheet, merge)
        before = sha256(example_copy)
        clean_outcome(CliRunner().invoke(build_cli("ru"), ["validate", str(example_copy)]))
        assert sha256(example_copy) == before
    finally:
        example_copy.write_bytes(original)


@settings(
    max_examples=max(3, FUZZ // 8),
    deadline=None,
    phases=FAST,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(MUTATION, min_size=1, max_size=4))
def test_fuzzed_workbooks_run_cleanly_or_write_nothing(quick_project, tmp_path_factory, mutations):
    original = quick_project.read_bytes()
    out = tmp_path_factory.mktemp("fuzz") / "out"
    try:
        mutate(quick_project, mutations, None, False)
        result = CliRunner().invoke(build_cli("ru"), ["run", str(quick_project), "--out", str(out)])
        clean_outcome(result)
        if result.exit_code == 1:
            assert not out.exists()
        else:
            assert {p.name for p in out.iterdir()} >= {
                "priorities.xlsx",
                "tor.docx",
                "tor.md",
                "dashboard.html",
            }
        assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]
    finally:
        quick_project.write_bytes(original)


# --------------------------------------------------------------------------- numerical edge cases


def survey(n=40, p=5, seed=0):
    rng = np.random.default_rng(seed)
    X = np.clip(np.round(3 + rng.normal(size=(n, p))), 1, 5)
    y = X @ rng.normal(size=p) + rng.normal(size=n)
    return X, Outcome(y, "overall", False, "", n)


def test_perfect_collinearity_is_warned_not_crashed():
    X, y = survey()
    X[:, 1] = X[:, 0]  # two touchpoints answered identically
    rep = key_drivers(X, list("ABCDE"), y, bootstrap=50)
    assert np.isfinite(rep.shares).all() and rep.shares.sum() == pytest.approx(
        rep.importance.r_squared
    )
    assert any(w.key == "collinearity" for w in rep.warnings)


def test_n_below_p_and_a_touchpoint_nobody_answered():
    X, y = survey(n=8, p=12)
    X[:, 3] = np.nan
    rep = key_drivers(
        X,
        [f"T{i}" for i in range(12)],
        Outcome(y.values[:8], "overall", False, "", 8),
        bootstrap=20,
    )
    assert rep.shares[3] == 0 and not rep.included[3]
    keys = {w.key for w in rep.warnings}
    assert {"left_out", "indicative"} <= keys and not rep.derived_used
    assert dict(rep.unsupported.values)["reason"].key == "n_below_p"
    assert (rep.betas is None and "no_betas" in keys) or "small_sample" in keys


def test_a_segment_of_one_is_flagged():
    X, y = survey()
    one = np.zeros(40, dtype=bool)
    one[0] = True
    rep = key_drivers(X, list("ABCDE"), y, bootstrap=0, segments={"solo": one})
    assert rep.segments["solo"] is None and rep.segment_n["solo"] == 1


def test_qfd_without_characteristics_or_competitors():
    X, y = survey()
    imp = np.clip(X + 1, 1, 5)
    drivers = key_drivers(X, list("ABCDE"), y, bootstrap=0)
    model = qfd_model(SurveyAnswers(tuple("ABCDE"), imp, X), drivers, House.empty(5), bootstrap=20)
    assert model.planning.weight.sum() == pytest.approx(1.0)
    assert model.technical.absolute.size == 0 and model.conflicts == []


def test_zero_variance_touchpoint_in_a_whole_run(quick_project, tmp_path):
    wb = openpyxl.load_workbook(quick_project)
    ws = wb["Интервью"]
    col = next(
        c
        for c in range(1, ws.max_column + 1)
        if ws.cell(1, c).value == "TP05"
        or (
            ws.cell(1, c).value is None
            and ws.cell(2, c).value == "Удовлетворённость"
            and ws.cell(1, c - 1).value == "TP05"
        )
    )
    sat_col = col + 1 if ws.cell(2, col).value == "Важность" else col
    for r in range(3, 63):
        ws.cell(r, sat_col).value = 4
    wb.save(quick_project)
    result = CliRunner().invoke(
        build_cli("en"), ["--lang", "en", "drivers", str(quick_project), "--bootstrap", "20"]
    )
    assert result.exit_code == 0, result.output
    assert "no variance: every answer for TP05 is the same" in result.output


# --------------------------------------------------------------------------- nothing lost


def outputs(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_reruns_are_byte_identical_across_hash_seeds(quick_project, tmp_path):
    runs = []
    for k, hash_seed in enumerate(("1", "2")):
        out = tmp_path / f"out{k}"
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        subprocess.run(
            [*QFDKPI, "run", str(quick_project), "--out", str(out)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        runs.append(outputs(out))
    assert runs[0].keys() == runs[1].keys()
    for name in runs[0]:
        assert runs[0][name] == runs[1][name], name


@pytest.mark.parametrize("delay", [0.8, 1.5, 2.3, 4.0])
def test_sigint_leaves_no_partial_output(quick_project, tmp_path, delay):
    out = tmp_path / "out"
    before = sha256(quick_project)
    proc = subprocess.Popen(
        [*QFDKPI, "run", str(quick_project), "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 0:  # finished before the signal: then everything is there
        assert {p.name for p in out.iterdir()} >= {
            "priorities.xlsx",
            "tor.docx",
            "tor.md",
            "dashboard.html",
        }
    else:
        assert proc.returncode == 130 and "прервано" in err.decode("utf-8")
        assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert sha256(quick_project) == before


def test_unreadable_bytes_in_a_csv_are_reported_with_lines(example_copy):
    csv = example_copy.parent / "promtech_transactions.csv"
    data = csv.read_bytes().split(b"\n")
    data[10] = b"C0001;X;\xff\xfe\x00;12,5;??"
    csv.write_bytes(b"\n".join(data))
    result = CliRunner().invoke(build_cli("ru"), ["validate", str(example_copy)])
    clean_outcome(result)
    assert result.exit_code == 1 and "#11" in result.output


def test_stdin_like_text_is_not_a_workbook(tmp_path):
    fake = tmp_path / "notes.xlsx"
    fake.write_bytes(io.BytesIO(b"just some text\n" * 10).getvalue())
    clean_outcome(CliRunner().invoke(build_cli("ru"), ["validate", str(fake)]))


def test_zero_capacity_step_is_a_warning_and_an_infinite_load(broken):
    def edit(wb):
        wb["Процессы"]["D6"] = 0  # TP06 "Планирование производства"

    project = load_project(broken(edit))
    assert any(str(w).startswith("Процессы!D6") and "равна 0" in str(w) for w in project.warnings)
    from kpi_tree.process import process_bottleneck

    r = process_bottleneck("TP06", [s for s in project.processes if s.touchpoint_id == "TP06"])
    assert r.max_flow == 0 and r.throughput == 0 and "Планирование производства" in r.overloaded
