"""The committed hostile-input corpus (``tests/hostile``): every case ends exactly as expected.

Accepted cases: exit 0, the number of order lines and their total as the generator computed them
with plain Python, and the warnings named. Refused cases: exit 1 with the place (file, settings
cell, variable or folder) and the expectation named, and nothing else. Every case: no traceback,
nothing written when refused, inputs unchanged (checksums), TMPDIR left empty.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE

from cli import build_cli
from workbooks.atomic import MARKER
from workbooks.project import load_project
from workbooks.project.transactions import open_source

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "hostile" / "corpus"
ROOT = HERE.parent
SPEC = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))
CASES = SPEC["cases"]
QFDKPI = [sys.executable, "-c", "from cli import main; main()"]

sys.path.insert(0, str(HERE / "hostile"))
from make_corpus import generate  # noqa: E402

from workbooks.locale import number, plural  # noqa: E402


def test_the_corpus_is_what_the_seeded_generator_writes(tmp_path):
    generate(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in CORPUS.iterdir())
    for committed in CORPUS.iterdir():
        fresh = tmp_path / committed.name
        if committed.suffix == ".parquet":  # the writer's metadata may differ between versions
            con = duckdb.connect()
            rows = [
                con.execute(f"SELECT * FROM read_parquet('{p}')").fetchall()
                for p in (committed, fresh)
            ]
            assert rows[0] == rows[1], committed.name
        else:
            assert fresh.read_bytes() == committed.read_bytes(), committed.name


def test_the_corpus_covers_both_outcomes():
    outcomes = [c["expect"]["exit"] for c in CASES]
    assert outcomes.count(0) >= 15 and outcomes.count(1) >= 30
    assert len({c["name"] for c in CASES}) == len(CASES)


@pytest.fixture(scope="module")
def example_book():
    return openpyxl.load_workbook(EXAMPLE)


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def fill(text, places: dict[str, str]):
    if not isinstance(text, str):
        return text
    for key, value in places.items():
        text = text.replace("{" + key + "}", value)
    return text


def prepare(case: dict, tmp_path: Path, book) -> tuple[Path, dict[str, str]]:
    """The case's project folder: the example workbook with the case's settings and files."""
    project = tmp_path / "project"
    project.mkdir()
    shared = tmp_path / "shared"
    workbook = project / "promtech.xlsx"
    places = {
        "project": str(project),
        "workbook": str(workbook),
        "shared": str(shared),
        "climb": "../" * len(project.parts),
    }
    setup = case.get("setup")
    if setup in ("shared", "shared_owned"):
        shared.mkdir()
        shutil.copy(CORPUS / "cp1251.csv", shared / "cp1251.csv")
        if setup == "shared_owned":
            (shared / MARKER).write_text(json.dumps({"tool": "qfdkpi", "files": []}))
    elif setup == "folder":
        (project / "data.csv").mkdir()
    elif setup == "fifo":
        os.mkfifo(project / "pipe.csv")
    elif setup == "link":
        shutil.copy(CORPUS / "cp1251.csv", tmp_path / "outside.csv")
        (project / "link.csv").symlink_to(tmp_path / "outside.csv")
    elif setup == "theirs":
        (project / "theirs").mkdir()
        (project / "theirs" / "contract.docx").write_bytes(b"the client's contract")
    file = case["settings"].get("Файл транзакций")
    if file and "/" not in file and (CORPUS / file).is_file():
        shutil.copy(CORPUS / file, project / file)
    ws = book["Настройки"]
    saved = [(row[0].value, row[1].value) for row in ws.iter_rows(min_row=2)]
    try:
        for name, value in case["settings"].items():
            row = next((r for r in ws.iter_rows(min_row=2) if r[0].value == name), None)
            if row is None:
                ws.append([name, fill(value, places)])
            else:
                row[1].value = fill(value, places)
        book.save(workbook)
    finally:
        while ws.max_row > len(saved) + 1:
            ws.delete_rows(ws.max_row)
        for row, (_, value) in zip(ws.iter_rows(min_row=2), saved, strict=False):
            row[1].value = value
    return workbook, places


def run_case(case, workbook: Path, places, tmpdir: Path, monkeypatch) -> tuple[int, str, str]:
    """(exit code, stdout, stderr); in a fresh process when the case sets the environment."""
    args = [case["command"], str(workbook), *(fill(a, places) for a in case.get("args", []))]
    env = {k: fill(v, places) for k, v in case.get("env", {}).items()}
    if {"TMPDIR", "PYTHONIOENCODING"} & set(env):
        proc = subprocess.run(
            [*QFDKPI, *args],
            cwd=ROOT,
            env={**os.environ, **env, "TMPDIR": str(tmpdir)},
            capture_output=True,
            timeout=300,
        )
        encoding = env.get("PYTHONIOENCODING", "utf-8")
        return proc.returncode, proc.stdout.decode(encoding), proc.stderr.decode(encoding)
    monkeypatch.setattr(tempfile, "tempdir", str(tmpdir))
    result = CliRunner().invoke(build_cli("ru"), args, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile_case(case, tmp_path, example_book, monkeypatch):
    workbook, places = prepare(case, tmp_path, example_book)
    tmpdir = tmp_path / case.get("env", {}).get("TMPDIR", "tmpdir")
    tmpdir.mkdir()
    before = digest(tmp_path)
    code, out, err = run_case(case, workbook, places, tmpdir, monkeypatch)
    expect = case["expect"]
    text = out + err
    assert "Traceback" not in text and "Exception ignored" not in text, text
    assert code == expect["exit"], text
    assert digest(tmp_path) == before  # inputs unchanged, nothing written beside them
    assert list(tmpdir.iterdir()) == []  # no copy of the client's data left in TMPDIR
    if code == 0:
        latin = "PYTHONIOENCODING" in case.get("env", {})
        n = expect["transactions"]
        shown = f"{number(n)} {plural(n, ('транзакция', 'транзакции', 'транзакций'))}"
        if latin:  # what a Latin-1 console can show of it
            shown = shown.encode("latin-1", "replace").decode("latin-1")
        assert shown in out, text
        for fragment in expect["warnings"]:
            assert fragment in err, (fragment, err)
        if "PYTHONIOENCODING" not in case.get("env", {}):
            allow = [fill(a, places) for a in case.get("args", [])[1::2]]
            project = load_project(workbook, "ru", allow)
            with open_source(project.transactions, check=False) as db:
                total = db.sql("SELECT count(*), sum(amount) FROM transactions").fetchone()
            assert total[0] == expect["transactions"]
            assert total[1] == pytest.approx(expect["total"], abs=0.01)
        return
    place = fill(expect["place"], places)
    found = re.search(r"Найден\w* (\d+) проблем", err)
    if expect["problems"]:
        assert found and int(found.group(1)) == expect["problems"], err
        line = next((x for x in err.splitlines() if x.startswith(f"  {place}: ")), None)
        assert line is not None, (place, err)
    else:  # one sentence, no problem list: the place is in it
        assert not found, err
        line = err.strip().splitlines()[-1]
        assert place in line, (place, err)
    for fragment in expect["says"]:
        assert fragment in line, (fragment, line)
    for secret in expect["absent"]:
        assert secret not in text
