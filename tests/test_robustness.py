"""Hostile, broken and edge-case input: the engine says what is wrong and loses nothing.

The fuzz tests run a few dozen generated workbooks in CI; set QFDKPI_FUZZ_EXAMPLES=500 (see the
README) for the long run.
"""

from __future__ import annotations

import io
import json
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
from workbooks.atomic import MARKER
from workbooks.errors import OutputError, ProjectError
from workbooks.pipeline import DELIVERABLES
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
            assert {p.name for p in out.iterdir()} >= set(DELIVERABLES)
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


def leftovers(*folders: Path) -> list[str]:
    """Hidden temporary folders/files of the tool left in ``folders``."""
    return [
        p.name
        for folder in folders
        if folder.exists()
        for p in folder.iterdir()
        if p.name.startswith((".", "qfdkpi-tmp-"))
    ]


def run_env(tmp_path: Path, **extra) -> dict[str, str]:
    """The environment of a subprocess with its own, initially empty, TMPDIR."""
    tmp = tmp_path / "tmpdir"
    tmp.mkdir(exist_ok=True)
    return dict(os.environ, TMPDIR=str(tmp), **extra)


@pytest.mark.parametrize("delay", [0.8, 1.5, 2.3, 4.0])
def test_sigint_leaves_no_partial_output(quick_project, tmp_path, delay):
    out = tmp_path / "out"
    before = sha256(quick_project)
    env = run_env(tmp_path)
    proc = subprocess.Popen(
        [*QFDKPI, "run", str(quick_project), "--out", str(out)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=300)
    if delay < 3:  # the whole run takes far longer: the signal must have landed mid-run
        assert proc.returncode == 130, err.decode("utf-8", "replace")
    if proc.returncode == 0:  # finished before the signal: then everything is there
        assert {p.name for p in out.iterdir()} >= set(DELIVERABLES)
    else:
        assert proc.returncode == 130 and "прервано" in err.decode("utf-8")
        assert not out.exists()
    assert not leftovers(tmp_path, Path(env["TMPDIR"]))
    assert sha256(quick_project) == before


# A run whose own code sends it a real signal at an exact point: reading the transactions (the
# recoded copy exists), writing the outputs, swapping the finished folder in.
SIGNAL_AT = """
import os, signal, sys
from cli import main
from workbooks import atomic
from workbooks.deliverables import tor
from workbooks.project import transactions

point, name = sys.argv[1], sys.argv[2]
sig = getattr(signal, name)

def hook(module, attr):
    original = getattr(module, attr)
    def signalled(*args, **kwargs):
        result = original(*args, **kwargs)
        os.kill(os.getpid(), sig)
        return result
    setattr(module, attr, signalled)

hook(*{"recode": (transactions, "_recode_lines"), "export": (tor, "write_tor_md"),
       "swap": (atomic, "_write_marker")}[point])
main(sys.argv[3:])
"""


@pytest.mark.parametrize(
    "point, name",
    [("recode", "SIGTERM"), ("recode", "SIGHUP"), ("export", "SIGTERM"), ("swap", "SIGHUP")],
)
def test_sigterm_and_sighup_clean_up_at_every_stage(quick_project, tmp_path, point, name):
    out = tmp_path / "out"
    inputs = {p.name: sha256(p) for p in quick_project.parent.glob("promtech*")}
    env = run_env(tmp_path)
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            SIGNAL_AT,
            point,
            name,
            "run",
            str(quick_project),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=600,
    )
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 130 and "прервано" in err and "Traceback" not in err, err
    if point == "swap":  # the swap is not interruptible: the finished folder is complete
        assert {p.name for p in out.iterdir()} == {MARKER, *DELIVERABLES}
    else:
        assert not out.exists()
    assert not leftovers(tmp_path, Path(env["TMPDIR"])), err
    assert {p.name: sha256(p) for p in quick_project.parent.glob("promtech*")} == inputs


def test_sigterm_timed_during_export(quick_project, tmp_path):
    """The trial of the issue: SIGTERM as soon as the export stage shows."""
    env = run_env(tmp_path)
    for k, pause in enumerate((0.05,)):
        out = tmp_path / f"out{k}"
        proc = subprocess.Popen(
            [*QFDKPI, "run", str(quick_project), "--out", str(out)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        seen = b""
        while "запись результатов".encode() not in seen and proc.poll() is None:
            seen += proc.stderr.read1(4096)
        time.sleep(pause)
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=120)
        assert proc.returncode in (0, 130)
        assert not leftovers(tmp_path, Path(env["TMPDIR"]))
        if proc.returncode == 130:
            assert not out.exists()


# --------------------------------------------------------------------------- the output folder


def test_a_tool_folder_is_replaced_and_everything_else_in_it_kept(tmp_path):
    from workbooks.atomic import MARKER, atomic_dir

    out = tmp_path / "out"
    with atomic_dir(out, force=False) as tmp:
        (tmp / "a.txt").write_text("first")
    assert json.loads((out / MARKER).read_text())["files"] == ["a.txt"]
    (out / "notes.txt").write_text("the consultant's notes")
    with pytest.raises(OutputError, match="out_exists"):
        atomic_dir(out, force=False)
    target = atomic_dir(out, force=True)
    with target as tmp:
        (tmp / "a.txt").write_text("second")
        (out / "during.txt").write_text("saved while the run was going")
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "a.txt", "during.txt", "notes.txt"]
    assert (out / "a.txt").read_text() == "second"
    assert (out / "during.txt").read_text() == "saved while the run was going"
    assert sorted(target.kept) == ["during.txt", "notes.txt"]
    assert not leftovers(tmp_path)


def test_an_output_edited_during_the_run_stops_the_swap(tmp_path):
    from workbooks.atomic import atomic_dir

    out = tmp_path / "out"
    with atomic_dir(out, force=False) as tmp:
        (tmp / "a.txt").write_text("first")
    with pytest.raises(OutputError) as info, atomic_dir(out, force=True) as tmp:
        (tmp / "a.txt").write_text("second")
        (out / "a.txt").write_text("first, with the consultant's edits")
    assert info.value.key == "out_changed" and info.value.values["files"] == "a.txt"
    assert (out / "a.txt").read_text() == "first, with the consultant's edits"
    assert not leftovers(tmp_path)


def test_a_foreign_file_named_like_an_output_is_not_overwritten(tmp_path):
    from workbooks.atomic import MARKER, atomic_dir

    out = tmp_path / "out"
    out.mkdir()
    (out / MARKER).write_text(json.dumps({"tool": "qfdkpi", "files": []}))
    (out / "tor.md").write_text("mine")
    with pytest.raises(OutputError) as info, atomic_dir(out, force=True) as tmp:
        (tmp / "tor.md").write_text("generated")
    assert info.value.key == "out_clash" and (out / "tor.md").read_text() == "mine"


def test_an_empty_folder_is_used_and_a_failed_write_leaves_nothing(tmp_path):
    from workbooks.atomic import atomic_dir

    out = tmp_path / "out"
    out.mkdir()
    with atomic_dir(out, force=False) as tmp:
        (tmp / "a.txt").write_text("x")
    assert (out / "a.txt").exists()
    fresh = tmp_path / "fresh"
    with pytest.raises(OutputError) as info, atomic_dir(fresh, force=False):
        raise OSError(28, "No space left on device", "priorities.xlsx")
    assert info.value.key == "out_write_failed" and info.value.values["path"] == fresh
    assert not fresh.exists() and not leftovers(tmp_path)

    class WriterError(Exception):  # a library wrapping the OS error, as xlsxwriter does
        pass

    with pytest.raises(OutputError) as info, atomic_dir(fresh, force=False):
        try:
            raise OSError(27, "File too large")
        except OSError as exc:
            raise WriterError(exc) from None
    assert info.value.key == "out_write_failed" and info.value.values["reason"].errno == 27


def test_a_killed_runs_temporary_folder_is_swept_by_the_next(tmp_path):
    from workbooks.atomic import MARKER, atomic_dir

    out = tmp_path / "out"
    killed = subprocess.run(  # a run killed while writing: its temporary folder stays behind
        [
            sys.executable,
            "-c",
            "import os, sys\nfrom workbooks.atomic import atomic_dir\n"
            "with atomic_dir(sys.argv[1], False) as tmp:\n"
            "    (tmp / 'half.xlsx').write_bytes(b'PK')\n    os._exit(9)",
            str(out),
        ],
        cwd=ROOT,
    )
    assert killed.returncode == 9 and len(leftovers(tmp_path)) == 1
    with atomic_dir(out, force=False) as tmp:
        (tmp / "a.txt").write_text("x")
    assert not leftovers(tmp_path)
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "a.txt"]


def drop_root_override():
    """Make root respect file permissions in a child (drop CAP_DAC_OVERRIDE/READ_SEARCH)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl")


def test_a_read_only_place_is_refused_before_the_analysis(quick_project, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        proc = subprocess.run(
            [*QFDKPI, "run", str(quick_project), "--out", str(locked / "out")],
            cwd=ROOT,
            env=run_env(tmp_path),
            capture_output=True,
            timeout=120,
            preexec_fn=drop_root_override if os.geteuid() == 0 else None,
        )
    finally:
        locked.chmod(0o755)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1, err
    assert f"в «{locked}» нельзя записать папку результатов «{locked / 'out'}»" in err
    assert "нет прав на запись или чтение" in err and "проверено до расчёта" in err
    assert "платёжное поведение" not in err  # no stage of the analysis ran
    assert list(locked.iterdir()) == []


def test_a_disk_that_fills_up_while_writing_is_one_sentence(quick_project, tmp_path):
    import resource

    utf8 = quick_project.parent / "promtech_transactions.csv"  # read in place: no copy to write
    utf8.write_bytes(utf8.read_bytes().decode("cp1251").encode("utf-8"))
    out = tmp_path / "out"

    def small_files():  # files beyond 40 kB cannot be written, as on a nearly full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))

    proc = subprocess.run(
        [*QFDKPI, "run", str(quick_project), "--out", str(out)],
        cwd=ROOT,
        env=run_env(tmp_path),
        capture_output=True,
        timeout=600,
        preexec_fn=small_files,
    )
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1 and "Traceback" not in err, err
    assert f"не удалось записать результаты в «{out}»: файл слишком велик" in err
    assert not out.exists() and not leftovers(tmp_path, tmp_path / "tmpdir")


def test_a_full_temporary_folder_is_one_sentence(quick_project, tmp_path):
    import resource

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))

    env = run_env(tmp_path)
    proc = subprocess.run(  # the cp1251 export needs a UTF-8 copy of 4 MB in TMPDIR
        [*QFDKPI, "validate", str(quick_project)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=300,
        preexec_fn=small_files,
    )
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1 and "Traceback" not in err, err
    assert f"не удалось записать во временную папку «{env['TMPDIR']}»: файл слишком велик" in err
    assert "TMPDIR" in err and not list(Path(env["TMPDIR"]).iterdir())


# --------------------------------------------------------------------------- the console


def test_output_survives_any_console_encoding(example_copy, tmp_path):
    for encoding in ("latin-1", "cp1252", "ascii"):
        proc = subprocess.run(
            [*QFDKPI, "validate", str(example_copy)],
            cwd=ROOT,
            env=run_env(tmp_path, PYTHONIOENCODING=encoding),
            capture_output=True,
            timeout=120,
        )
        assert proc.returncode == 0 and b"Traceback" not in proc.stderr, proc.stderr
        assert proc.stdout.startswith(f"????? {example_copy} ?????? ????????: 12 ".encode())


def test_a_full_or_closed_standard_output_is_one_sentence(example_copy, tmp_path):
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [*QFDKPI, "validate", str(example_copy)],
            cwd=ROOT,
            env=run_env(tmp_path),
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1 and "Traceback" not in err and "Exception ignored" not in err
    assert err.strip().endswith(
        "не удалось вывести текст в стандартный вывод (stdout): на диске нет места"
    )
    proc = subprocess.Popen(
        [*QFDKPI, "validate", str(example_copy)],
        cwd=ROOT,
        env=run_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # the reader went away, as with `| head -0`
    err = proc.stderr.read().decode("utf-8")
    proc.stderr.close()
    assert proc.wait(timeout=120) == 1 and "Traceback" not in err and "Exception ignored" not in err
    assert err.strip().endswith("канал закрыт читающей стороной")


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


# A library that swallows the KeyboardInterrupt of a signal and raises its own error instead
# (a C extension interrupted while it is imported says "ImportError: initialization failed").
SWALLOWED = """
import os, signal, sys
from cli import main
from workbooks.deliverables import tor

def swallowing(*args, **kwargs):
    try:
        os.kill(os.getpid(), signal.SIGINT)
    except KeyboardInterrupt:
        raise ImportError("initialization failed") from None

tor.write_tor_md = swallowing
main(sys.argv[1:])
"""


def test_an_error_caused_by_a_signal_is_an_interruption_not_a_bug(quick_project, tmp_path):
    out = tmp_path / "out"
    env = run_env(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-c", SWALLOWED, "run", str(quick_project), "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=600,
    )
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 130 and "прервано" in err and "Внутренняя ошибка" not in err, err
    assert not out.exists()
    assert not leftovers(tmp_path, Path(env["TMPDIR"])), err
