"""The command line through click's CliRunner: exit codes, languages, messages, no side effects."""

from __future__ import annotations

import openpyxl
from click.testing import CliRunner
from conftest import EXAMPLE, sha256

from cli import build_cli, main


def invoke(*args, lang="ru", env=None):
    return CliRunner().invoke(build_cli(lang), list(args), env=env)


def test_help_is_russian_by_default_and_english_on_request():
    ru = invoke("validate", "--help")
    en = invoke("--lang", "en", "validate", "--help", lang="en")
    assert ru.exit_code == 0 and "Проверить книгу проекта" in ru.output
    assert en.exit_code == 0 and "Check a project workbook" in en.output


def test_environment_variable_selects_english(monkeypatch, capsys):
    monkeypatch.setenv("QFDKPI_LANG", "en")
    try:
        main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
    assert "customer-experience audits" in capsys.readouterr().out


def test_every_subcommand_has_help():
    for command in ("template", "validate", "import-survey", "run", "demo"):
        result = invoke(command, "--help")
        assert result.exit_code == 0 and "Usage" in result.output


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and "qfdkpi, version" in result.output


def test_validate_example_succeeds_and_does_not_touch_it():
    before = sha256(EXAMPLE)
    result = invoke("validate", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    assert "прошла проверку" in result.output and "60 респондентов" in result.output
    assert sha256(EXAMPLE) == before


def test_invalid_workbook_exits_1_with_all_problems_and_no_traceback(broken):
    def edit(wb):
        wb["Связи"]["C7"] = 4
        wb["Процессы"]["D3"] = "много"

    path = broken(edit)
    before = sha256(path)
    result = invoke("validate", str(path))
    assert result.exit_code == 1
    assert "Найдено 2 проблемы в promtech.xlsx:" in result.output
    assert (
        "Связи!C7: сила связи должна быть 0, 1, 3 или 9 (или ●, ○, △); получено «4»"
        in result.output
    )
    assert "Процессы!D3 (Мощность): ожидается число; получено «много»" in result.output
    assert "Traceback" not in result.output
    assert sha256(path) == before


def test_usage_error_exits_2():
    assert invoke("validate").exit_code == 2
    assert invoke("no-such-command").exit_code == 2


def test_not_a_workbook_is_a_clean_error(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"this is not a zip")
    result = invoke("validate", str(bad))
    assert result.exit_code == 1 and "не удалось прочитать книгу Excel" in result.output
    missing = invoke("validate", str(tmp_path / "nope.xlsx"))
    assert missing.exit_code == 1 and "не найден" in missing.output


def test_template_refuses_to_overwrite_without_force(tmp_path):
    path = tmp_path / "t.xlsx"
    assert invoke("template", str(path)).exit_code == 0
    before = sha256(path)
    again = invoke("template", str(path))
    assert again.exit_code == 1 and "--force" in again.output and sha256(path) == before
    assert invoke("template", str(path), "--force").exit_code == 0


def test_english_template_has_english_sheets(tmp_path):
    path = tmp_path / "t.xlsx"
    assert invoke("--lang", "en", "template", str(path), lang="en").exit_code == 0
    names = openpyxl.load_workbook(path).sheetnames
    assert names[:3] == ["Instructions", "Journey", "Interviews"]


def test_demo_writes_outputs_and_refuses_an_existing_folder(tmp_path):
    out = tmp_path / "out"
    result = invoke("demo", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "validation.txt").exists()
    again = invoke("demo", "--out", str(out))
    assert again.exit_code == 1 and "--force" in again.output
    assert invoke("demo", "--out", str(out), "--force").exit_code == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary leftovers
