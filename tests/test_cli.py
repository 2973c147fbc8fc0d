"""The command line through click's CliRunner: exit codes, languages, messages, no side effects."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE, sha256

from cli import build_cli, main
from workbooks.examples.generate import RESPONDENT_TYPES
from workbooks.locale import number, plural

RESPONDENT_FORMS = ("респондент", "респондента", "респондентов")


def invoke(*args, lang="ru", env=None):
    return CliRunner().invoke(build_cli(lang), list(args), env=env)


def test_help_is_russian_by_default_and_english_on_request():
    ru = invoke("validate", "--help")
    en = invoke("--lang", "en", "validate", "--help", lang="en")
    assert ru.exit_code == 0 and "Проверить книгу проекта" in ru.output
    assert en.exit_code == 0 and "Check a project workbook" in en.output


def test_environment_variable_selects_english(monkeypatch, capsys):
    monkeypatch.setenv("QFDKPI_LANG", "en")
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
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
    n = sum(RESPONDENT_TYPES.values())
    respondents = f"{n} {plural(n, RESPONDENT_FORMS, 'ru')}"
    assert "прошла проверку" in result.output and respondents in result.output
    # a client without purchases is cited at its client-ID cell, found here from the workbook
    ws = openpyxl.load_workbook(EXAMPLE)["Интервью"]
    rows = list(ws.iter_rows(values_only=True))
    col = rows[0].index("ID клиента")
    cid = result.output.split("у клиента «", 1)[1].split("»", 1)[0]
    row = next(i for i, r in enumerate(rows, start=1) if r[col] == cid)
    assert f"Интервью!{'ABCDEFGH'[col]}{row}: у клиента «{cid}»" in result.output
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


def test_demo_writes_outputs_and_refuses_an_existing_folder(tmp_path, monkeypatch):
    from workbooks.deliverables import tor

    out = tmp_path / "out"
    result = invoke("demo", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "validation.txt").exists()
    again = invoke("demo", "--out", str(out))
    assert again.exit_code == 1 and "--force" in again.output
    # the consultant's notes in the folder, and a file saved there while the run is going
    (out / "notes.txt").write_text("my notes")
    write_tor_md = tor.write_tor_md

    def while_running(*args, **kwargs):
        (out / "saved-meanwhile.txt").write_text("saved during the run")
        return write_tor_md(*args, **kwargs)

    monkeypatch.setattr(tor, "write_tor_md", while_running)
    forced = invoke("demo", "--out", str(out), "--force")
    assert forced.exit_code == 0, forced.output
    assert (out / "notes.txt").read_text() == "my notes"
    assert (out / "saved-meanwhile.txt").read_text() == "saved during the run"
    assert (
        f"в папке «{out}» оставлены файлы, которые записал не qfdkpi: notes.txt, "
        "saved-meanwhile.txt" in forced.output
    )
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary leftovers


# --------------------------------------------------------------------------- output folders


def test_out_is_refused_when_it_holds_an_input_force_or_not(example_copy):
    folder = example_copy.parent
    before = {p.name: sha256(p) for p in folder.iterdir()}
    (folder / "notes.txt").write_text("the consultant's notes")
    for out in (folder, folder.parent):
        result = invoke("run", str(example_copy), "--out", str(out), "--force")
        assert result.exit_code == 1, result.output
        assert f"папка «{out}» содержит входной файл «promtech.xlsx»" in result.output
        assert "Traceback" not in result.output
    assert {p.name: sha256(p) for p in folder.iterdir() if p.name != "notes.txt"} == before
    assert (folder / "notes.txt").read_text() == "the consultant's notes"


def test_out_inside_a_file_names_the_file_not_an_errno(example_copy):
    result = invoke("run", str(example_copy), "--out", str(example_copy / "out"))
    assert result.exit_code == 1
    assert f"«{example_copy}» — это файл, а не папка" in result.output
    assert "17" not in result.output.replace(str(example_copy), "")


def test_a_folder_the_tool_did_not_write_is_refused_even_with_force(example_copy, tmp_path):
    other = tmp_path / "clients"
    other.mkdir()
    (other / "contract.docx").write_bytes(b"precious")
    result = invoke("run", str(example_copy), "--out", str(other), "--force")
    assert result.exit_code == 1
    assert "создал не qfdkpi (в ней: contract.docx)" in result.output
    assert "--force этого не меняет" in result.output
    assert [p.name for p in other.iterdir()] == ["contract.docx"]
    assert (other / "contract.docx").read_bytes() == b"precious"


def test_an_unwritable_place_is_named_before_the_analysis(example_copy, tmp_path, monkeypatch):
    import shutil

    from workbooks import atomic

    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(atomic.shutil, "disk_usage", lambda p: usage._replace(free=5 * 2**20))
    started = []
    monkeypatch.setattr("workbooks.pipeline.read_project", lambda *a, **k: started.append(1))
    result = invoke("run", str(example_copy), "--out", str(tmp_path / "new"))
    assert result.exit_code == 1 and not started  # before the workbook is even read
    assert "свободно 5,0 МиБ, а результатам нужно не меньше 16 МиБ" in result.output
    assert not (tmp_path / "new").exists()


# --------------------------------------------------------------------------- files a workbook names


def with_setting(path, name: str, value) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["Настройки"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == name:
            row[1].value = value
            break
    else:
        ws.append([name, value])
    wb.save(path)


def test_a_workbook_cannot_make_the_tool_read_outside_its_folder(example_copy, tmp_path):
    deep = "../" * (len(example_copy.parents) + 2) + "etc/passwd"
    for value in (deep, "/etc/passwd", "/dev/zero"):
        with_setting(example_copy, "Файл транзакций", value)
        result = invoke("validate", str(example_copy))
        assert result.exit_code == 1, result.output
        assert f"Настройки!B16: файл «{value}» лежит вне папки книги ({example_copy.parent})" in (
            result.output
        )
        assert "root:" not in result.output and "Traceback" not in result.output


def test_allowed_folders_and_links_that_leave_them(example_copy, tmp_path):
    shared = tmp_path.parent / f"{tmp_path.name}-exports"
    shared.mkdir()
    (example_copy.parent / "promtech_transactions.csv").rename(shared / "tx.csv")
    with_setting(example_copy, "Файл транзакций", str(shared / "tx.csv"))
    refused = invoke("validate", str(example_copy))
    assert refused.exit_code == 1 and "Настройки!B16" in refused.output
    allowed = invoke("validate", str(example_copy), "--allow-dir", str(shared))
    assert allowed.exit_code == 0, allowed.output
    assert f"{number(61840)} транзакций" in allowed.output
    # a link inside the project folder that points outside is followed, and refused
    (example_copy.parent / "link.csv").symlink_to(shared / "tx.csv")
    with_setting(example_copy, "Файл транзакций", "link.csv")
    linked = invoke("validate", str(example_copy))
    assert linked.exit_code == 1 and "Настройки!B16: файл «link.csv» лежит вне папки книги" in (
        linked.output
    )


def test_folders_fifos_and_devices_are_not_transaction_files(example_copy):
    import os

    (example_copy.parent / "folder.csv").mkdir()
    os.mkfifo(example_copy.parent / "pipe.csv")
    for value, kind in (("folder.csv", "папка"), ("pipe.csv", "именованный канал (FIFO)")):
        with_setting(example_copy, "Файл транзакций", value)
        result = invoke("validate", str(example_copy))  # a FIFO is never opened: no hang
        assert result.exit_code == 1
        assert f"Настройки!B16: «{value}» — {kind}, а не файл" in result.output


def test_transaction_columns_setting_is_checked_on_its_cell(example_copy):
    csv = example_copy.parent / "promtech_transactions.csv"
    text = csv.read_bytes().decode("cp1251").split("\n", 1)[1]
    csv.write_bytes(("Код покупателя;Документ продажи;Когда;Итого;Товар\n" + text).encode("cp1251"))
    result = invoke("validate", str(example_copy))
    assert result.exit_code == 1
    assert "promtech_transactions.csv: нет столбца «ID клиента» (подходят названия: " in (
        result.output
    )
    for role in ("Заказ", "Дата", "Сумма"):  # every missing column at once
        assert f"; нет столбца «{role}» (подходят названия: «{role}»" in result.output
    with_setting(example_copy, "Столбцы транзакций", "клиент=Код покупателя; цена=Итого")
    result = invoke("validate", str(example_copy))
    assert "Настройки!B19: параметр «Столбцы транзакций»: неизвестная роль «цена»" in result.output
    with_setting(example_copy, "Столбцы транзакций", "клиент=Клиент")
    result = invoke("validate", str(example_copy))
    assert (
        "Настройки!B19: в файле «promtech_transactions.csv» нет столбца «Клиент» (роль «ID "
        "клиента»)" in result.output
    )
    with_setting(
        example_copy,
        "Столбцы транзакций",
        "клиент=Код покупателя; заказ=Документ продажи; дата=Когда; сумма=Итого",
    )
    result = invoke("validate", str(example_copy))
    assert result.exit_code == 0 and f"{number(61840)} транзакций" in result.output, result.output


def test_behaviour_checks_a_file_given_on_the_command_line(example_copy):
    bad = example_copy.parent / "bad.csv"
    bad.write_text("Клиент;Заказ;Дата;Сумма\nC0001;1;01.02.2024;nan\n", encoding="utf-8")
    result = invoke("behaviour", str(example_copy), "--transactions", str(bad))
    assert result.exit_code == 1
    assert "bad.csv" in result.output and "1 строка с суммой NaN" in result.output
    result = invoke("behaviour", str(example_copy), "--transactions", str(example_copy.parent))
    assert result.exit_code == 2  # click refuses a folder itself


def test_a_wrong_memory_limit_is_named_before_any_work(example_copy):
    for value in ("abc", "0", "-5GB", "1MB"):
        result = invoke("validate", str(example_copy), env={"QFDKPI_MEMORY_LIMIT": value})
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert f"переменная окружения QFDKPI_MEMORY_LIMIT = «{value}»" in result.output
