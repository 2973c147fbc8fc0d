"""Transactions from sheets, CSV exports in every encoding and Parquet, checked against plain Python;
every line's contract (dates, amounts, NUL, duplicates) with its line numbers; private temporary
copies; the memory limit."""

from __future__ import annotations

import csv
import datetime as dt
import os
import stat
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest
from conftest import EXAMPLE

from workbooks import atomic
from workbooks.errors import OutputError
from workbooks.project.schema import TRANSACTIONS
from workbooks.project.transactions import (
    TransactionError,
    TransactionSource,
    accepted_names,
    memory_limit,
    open_source,
    parse_column_setting,
)

CSV = EXAMPLE.parent / "promtech_transactions.csv"
HEADER = "Клиент;Заказ;Дата;Сумма\n"
ROOT = Path(__file__).resolve().parents[1]


def python_totals(path, encoding="cp1251") -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    with open(path, encoding=encoding, newline="") as f:
        reader = csv.reader(f, delimiter=";")
        next(reader)
        for client, _, _, amount, *_ in reader:
            totals[client] += float(amount.replace(",", "."))
    return totals


def totals(source: TransactionSource, **kw) -> tuple[dict[str, float], dict[str, str]]:
    """Sums per client and {issue key: message} of a source — the same whether the lines are
    streamed from the file for the check or read once into a table (a command's shared reading)."""
    seen = []
    for materialise in (False, True):
        with open_source(source, materialise=materialise, **kw) as db:
            sql = "SELECT client_id, sum(amount) FROM transactions GROUP BY 1"
            got = dict(db.sql(sql).fetchall())
            issues = {i.key: i.message("ru") for i in db.issues}
            seen.append((got, issues, db.rows, db.clients, db.last))
    assert seen[0] == seen[1]
    return got, issues


def write(tmp_path, name: str, data: bytes) -> TransactionSource:
    path = tmp_path / name
    path.write_bytes(data)
    return TransactionSource.from_file(path)


def test_cp1251_semicolon_export_matches_python_csv():
    expected = python_totals(CSV)
    with open_source(TransactionSource.from_file(CSV)) as db:
        got = dict(db.sql("SELECT client_id, sum(amount) FROM transactions GROUP BY 1").fetchall())
        assert db.issues == ()
        first = db.sql("SELECT min(date), max(date) FROM transactions").fetchone()
    assert got.keys() == expected.keys()
    for k, v in expected.items():
        assert got[k] == pytest.approx(v, rel=1e-12)
    assert first[0] >= dt.date(2023, 1, 1) and first[1] <= dt.date(2025, 12, 31)


def test_parquet_gives_the_same_result(tmp_path):
    pq = tmp_path / "tx.parquet"
    with open_source(TransactionSource.from_file(CSV)) as db:
        db.sql(f"COPY transactions TO '{pq}' (FORMAT parquet)")
        expected = db.sql("SELECT count(*), sum(amount) FROM transactions").fetchone()
    with open_source(TransactionSource.from_file(pq)) as db:
        assert db.sql("SELECT count(*), sum(amount) FROM transactions").fetchone() == pytest.approx(
            expected
        )


def test_untypable_rows_are_counted_with_their_line_numbers(tmp_path):
    source = write(
        tmp_path,
        "tx.csv",
        (
            HEADER + "C1;1;01.02.2024;100,5\nC1;2;31.02.2024;10\nC2;3;2024-03-01;abc\n"
            "C2;4;2024-03-02;1 000,25\nC3;5;;7\n"
        ).encode(),
    )
    got, issues = totals(source)
    assert issues == {
        "tx_bad_date": "1 строка с нечитаемой датой: #3; ожидается ДД.ММ.ГГГГ, ГГГГ-ММ-ДД или "
        "ГГГГММДД",
        "tx_bad_amount": "1 строка с нечитаемой суммой: #4; ожидается число, например 1234,56",
        "tx_blank": "1 строка с пустой обязательной ячейкой (клиент, заказ, дата, сумма): #6",
    }
    assert got == pytest.approx({"C1": 100.5, "C2": 1000.25})


def test_missing_columns_list_the_accepted_names_in_the_users_language(tmp_path):
    source = write(tmp_path, "tx.csv", b"client,amount,date\nC1,5,2024-01-01\n")
    with pytest.raises(TransactionError) as info, open_source(source):
        pass
    ru, en = info.value.message("ru"), info.value.message("en")
    assert ru.startswith("нет столбца «Заказ» (подходят названия: «Заказ», «Order», «order_id», ")
    assert "«номер заказа»" in ru and ru.count("нет столбца") == 1  # the others are there
    assert "; в файле есть: «client», «amount», «date»." in ru
    assert "«Столбцы транзакций»" in ru and "клиент=ИНН контрагента" in ru
    assert en.startswith("no 'Order' column (accepted names: 'Заказ', 'Order', 'order_id', ")
    assert "'Transaction columns'" in en and "the file has: 'client', 'amount', 'date'." in en


def test_a_one_column_file_is_not_echoed(tmp_path):
    secret = "root:x:0:0:root:/root:/bin/bash"
    source = write(tmp_path, "passwd", f"{secret}\ndaemon:x:1:1\n".encode())
    with pytest.raises(TransactionError) as info, open_source(source):
        pass
    assert info.value.key == "tx_one_column"
    assert "root" not in info.value.message("ru") and "root" not in info.value.message("en")


def test_sheet_rows_become_the_same_view_without_a_file(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    rows = [
        ("C1", "1", dt.date(2024, 1, 1), 10.0, "=cmd"),
        ("C1", "2", dt.date(2024, 2, 1), 5.5, None),
    ]
    with open_source(TransactionSource.from_rows(rows)) as db:
        out = db.sql(
            "SELECT client_id, order_id, date, amount, product FROM transactions ORDER BY order_id"
        ).fetchall()
        # no copy of the client's rows on disk: the private folder holds only its lock
        (scratch,) = [p for p in tmp_path.iterdir() if p.name.startswith(atomic.SCRATCH_PREFIX)]
        assert [p.name for p in scratch.iterdir()] == [".lock"]
    assert out == [
        ("C1", "1", dt.date(2024, 1, 1), 10.0, "=cmd"),
        ("C1", "2", dt.date(2024, 2, 1), 5.5, None),
    ]
    assert list(tmp_path.iterdir()) == []


def test_the_usual_1c_headers_are_recognised(tmp_path):
    lines = [
        "ИНН контрагента;Номер заказа;Дата документа;Сумма с НДС;Номенклатура",
        "7701000001;З-1;31.01.2024 0:00:00;1200,50;Болт М8",
        "7701000001;З-2;01.02.2024 10:15:00;800;Гайка",
        "7702000002;З-3;15.02.2024;99,5;Шайба",
    ]
    path = tmp_path / "1c.csv"
    path.write_bytes("\n".join(lines).encode("cp1251"))
    got, issues = totals(TransactionSource.from_file(path))
    assert issues == {}
    assert got == pytest.approx(python_totals(path))
    with open_source(TransactionSource.from_file(path)) as db:
        assert db.columns == {
            "client_id": "ИНН контрагента",
            "order_id": "Номер заказа",
            "date": "Дата документа",
            "amount": "Сумма с НДС",
            "product": "Номенклатура",
        }
        dates = [r[0] for r in db.sql("SELECT date FROM transactions ORDER BY date").fetchall()]
    assert dates == [dt.date(2024, 1, 31), dt.date(2024, 2, 1), dt.date(2024, 2, 15)]


def test_two_candidate_columns_are_named_and_the_setting_can_choose(tmp_path):
    data = "ИНН;Заказ;Дата;Сумма с НДС;Сумма без НДС\nA;1;01.01.2024;120;100\n".encode()
    source = write(tmp_path, "tx.csv", data)
    got, issues = totals(source)
    assert got == {"A": 120.0}
    assert issues["tx_column_choice"] == (
        "роль «Сумма»: взят столбец «Сумма с НДС», подходит также «Сумма без НДС»; другой можно "
        "выбрать в настройке «Столбцы транзакций»"
    )
    columns, bad, _ = parse_column_setting("сумма = Сумма без НДС")
    assert bad is None
    got, issues = totals(TransactionSource.from_file(source.path, columns))
    assert got == {"A": 100.0} and issues == {}


def test_column_setting_syntax():
    assert parse_column_setting("client=Customer no; date = Invoice date")[0] == (
        ("client_id", "Customer no"),
        ("date", "Invoice date"),
    )
    assert parse_column_setting("цена=Цена")[1:] == ("tx_setting_role", "цена")
    assert parse_column_setting("клиент ИНН")[1:] == ("tx_setting_syntax", "клиент ИНН")


def test_accepted_names_are_the_schema_columns_and_aliases():
    for col in TRANSACTIONS.columns:
        assert set(accepted_names(col.key)) == {col.ru, col.en, col.key, *col.aliases}


# --------------------------------------------------------------------------- encodings


def test_lines_in_utf8_and_cp1251_are_each_read_in_their_own_encoding(tmp_path):
    lines = [HEADER.encode()]
    expected: dict[str, float] = defaultdict(float)
    for i in range(40):
        name, amount = ("Клиент Ж", 10.0) if i % 2 else ("Клиент Щ", 1.5)
        encoding = "cp1251" if i in (7, 22, 31) else "utf-8"
        lines.append(f"{name};{i};01.02.2024;{amount}\n".encode(encoding))
        expected[name] += amount
    got, issues = totals(write(tmp_path, "mixed.csv", b"".join(lines)))
    assert got == pytest.approx(dict(expected))
    assert issues == {
        "tx_mixed_encoding": "в файле смешаны кодировки: 3 строки в cp1251, остальные в UTF-8 "
        "(#9, #24, #33); каждая строка прочитана в своей кодировке"
    }


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_and_bom_exports_are_read_without_mojibake(tmp_path, encoding):
    text = HEADER + "Иванов;1;01.02.2024;10,5\nПетров;2;02.02.2024;3\n"
    got, issues = totals(write(tmp_path, "tx.csv", text.encode(encoding)))
    assert got == {"Иванов": 10.5, "Петров": 3.0} and issues == {}


def test_undecodable_bytes_are_reported_with_their_lines(tmp_path):
    data = (HEADER + "C1;1;01.02.2024;1\n").encode("cp1251") + b"C\x982;2;01.02.2024;1\n"
    _, issues = totals(write(tmp_path, "tx.csv", data))
    assert issues["tx_undecodable"] == "1 строка не читается ни в UTF-8, ни в cp1251: #3"


def test_header_only_and_empty_files_are_named(tmp_path):
    got, issues = totals(write(tmp_path, "h.csv", HEADER.encode()))
    assert got == {} and issues == {
        "tx_empty": "в файле нет ни одной строки заказов (только заголовок)"
    }
    with pytest.raises(TransactionError) as info, open_source(write(tmp_path, "e.csv", b"")):
        pass
    assert info.value.key == "tx_empty"


# --------------------------------------------------------------------------- contracts of a line


def test_non_finite_and_huge_amounts_are_refused_with_line_numbers(tmp_path):
    text = HEADER + "C1;1;01.02.2024;nan\nC1;2;01.02.2024;inf\nC1;3;01.02.2024;1e308\n"
    text += "C1;4;01.02.2024;-Infinity\nC1;5;01.02.2024;12,5\n"
    got, issues = totals(write(tmp_path, "tx.csv", text.encode()))
    assert got == {"C1": 12.5}
    assert issues == {
        "tx_amount_range": "4 строки с суммой NaN, бесконечностью или больше "
        "10\xa0000\xa0000\xa0000\xa0000 по модулю: #2, #3, #4, #5; ожидается конечное число"
    }


def test_dates_outside_the_plausible_range_are_refused(tmp_path):
    text = HEADER + "C1;1;01.01.0001;5\nC1;2;30.12.1899;5\nC1;3;2150-01-01;5\nC1;4;01.02.2024;7\n"
    got, issues = totals(write(tmp_path, "tx.csv", text.encode()))
    assert got == {"C1": 7.0}
    assert set(issues) == {"tx_date_range"}
    assert issues["tx_date_range"].startswith("3 строки с датой вне допустимого диапазона")
    assert issues["tx_date_range"].endswith(": #2, #3, #4")


def test_lines_after_the_analysis_date_are_reported_not_silently_dropped(tmp_path):
    text = HEADER + "C1;1;01.02.2024;5\nC1;2;01.01.2099;50\nC1;3;31.12.2025;1\n"
    source = write(tmp_path, "tx.csv", text.encode())
    _, issues = totals(source, as_of=dt.date(2025, 12, 31))
    assert issues == {
        "tx_after_asof": "1 строка датирована позже даты анализа 31 дек. 2025\u202fг. и не "
        "учитывается: #3"
    }
    # no analysis date: the default would be the isolated 2099 order; the lines are named
    many = HEADER + "".join(
        f"C{i % 7};{i};{1 + i % 28:02d}.0{1 + i % 9}.2024;5\n" for i in range(300)
    )
    source = write(tmp_path, "tx2.csv", (many + "C1;x;01.01.2099;50\n").encode())
    _, issues = totals(source)
    assert set(issues) == {"tx_isolated_dates"}
    assert "#302" in issues["tx_isolated_dates"] and "1 янв. 2099" in issues["tx_isolated_dates"]


def test_exact_duplicate_lines_are_kept_and_reported(tmp_path):
    text = HEADER + "C1;1;01.02.2024;5\nC1;1;01.02.2024;5\nC1;2;01.02.2024;5\nC1;1;01.02.2024;5\n"
    text += "C2;9;03.02.2024;1\nC2;9;03.02.2024;1\n"
    got, issues = totals(write(tmp_path, "tx.csv", text.encode()))
    assert got == {"C1": 20.0, "C2": 2.0}  # kept: a repeated line may be a real repeated item
    assert issues == {
        "tx_duplicates": "3 строки полностью повторяют другие (клиент, заказ, дата, сумма, "
        "товар): #3 = #2, #7 = #6 …; повторы оставлены и суммируются — удалите их из выгрузки, "
        "если это ошибка"
    }


def test_a_nul_byte_does_not_make_a_phantom_client(tmp_path):
    data = (HEADER + "C1;1;01.02.2024;5\n").encode() + b"C1\x00;2;01.02.2024;5\n"
    got, issues = totals(write(tmp_path, "tx.csv", data))
    assert got == {"C1": 5.0}
    assert issues == {"tx_nul": "1 строка содержит нулевой байт (NUL) — файл повреждён: #3"}


def parquet(tmp_path, name: str, select: str) -> TransactionSource:
    path = tmp_path / name
    duckdb.connect().execute(f"COPY ({select}) TO '{path}' (FORMAT parquet)")
    return TransactionSource.from_file(path)


def test_parquet_with_native_types_of_every_kind(tmp_path):
    ok = parquet(
        tmp_path,
        "ok.parquet",
        "SELECT 'C' || (i % 2) AS client_id, i AS order_id, 20240101 + i AS date, "
        "CAST(i AS SMALLINT) AS amount, i AS product FROM range(1, 4) t(i)",
    )
    got, issues = totals(ok)
    assert got == {"C1": 4.0, "C0": 2.0} and issues == {}
    for name, date, amount, key in [
        ("int_date.parquet", "19000 + i", "1.5", "tx_bad_date"),
        ("bool.parquet", "DATE '2024-01-01'", "i % 2 = 0", "tx_bad_amount"),
        ("list.parquet", "DATE '2024-01-01'", "[i, 2]", "tx_bad_amount"),
    ]:
        source = parquet(
            tmp_path,
            name,
            f"SELECT 'C' AS client_id, i AS order_id, {date} AS date, {amount} AS amount "
            "FROM range(3) t(i)",
        )
        got, issues = totals(source)
        assert got == {} and list(issues) == [key], name
        assert issues[key].startswith("3 строки") and "#1, #2, #3" in issues[key], name


def test_an_apostrophe_in_tmpdir_does_not_break_the_sql(tmp_path, monkeypatch):
    odd = tmp_path / "it's here"
    odd.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(odd))
    got, issues = totals(TransactionSource.from_file(CSV))
    assert got == pytest.approx(python_totals(CSV)) and issues == {}
    assert list(odd.iterdir()) == []


# --------------------------------------------------------------------------- temporary copies


def test_a_recoded_copy_lives_in_a_private_folder_and_is_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with open_source(TransactionSource.from_file(CSV)):
        (scratch,) = list(tmp_path.iterdir())
        assert stat.S_IMODE(scratch.stat().st_mode) == 0o700
        assert (scratch / "transactions_utf8.csv").exists()  # cp1251: DuckDB needs UTF-8
    assert list(tmp_path.iterdir()) == []
    utf8 = tmp_path.parent / "utf8.csv"
    utf8.write_bytes(CSV.read_bytes().decode("cp1251").encode("utf-8"))
    with open_source(TransactionSource.from_file(utf8)):
        (scratch,) = list(tmp_path.iterdir())
        assert [p.name for p in scratch.iterdir()] == [".lock"]  # UTF-8 is read in place


def test_folders_of_killed_runs_are_swept_and_live_ones_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stale = tmp_path / f"{atomic.SCRATCH_PREFIX}999999-abc"
    stale.mkdir()
    (stale / ".lock").write_bytes(b"")
    (stale / "transactions_utf8.csv").write_text("client data")
    unrelated = tmp_path / f"{atomic.SCRATCH_PREFIX}not-ours"
    unrelated.mkdir()  # no lock file: not a folder this tool made; left alone
    holder = subprocess.Popen(  # a live run in another process holds its folder's lock
        [
            sys.executable,
            "-c",
            "import sys, time, tempfile; tempfile.tempdir = sys.argv[1]\n"
            "from workbooks.atomic import scratch_dir\n"
            "with scratch_dir() as d:\n    print(d, flush=True); time.sleep(60)",
            str(tmp_path),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        live = Path(holder.stdout.readline().strip())
        with open_source(TransactionSource.from_file(CSV)):
            pass
        assert not stale.exists() and unrelated.exists() and live.exists()
    finally:
        holder.kill()
        holder.communicate()


def test_a_full_temporary_folder_is_named_before_copying(tmp_path, monkeypatch):
    import shutil

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(shutil, "disk_usage", lambda p: usage._replace(free=1000))
    with pytest.raises(OutputError) as info, open_source(TransactionSource.from_file(CSV)):
        pass
    assert info.value.key == "tmp_failed" and info.value.values["tmp"] == tmp_path
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- the memory limit


@pytest.mark.parametrize("raw", ["abc", "0", "-5GB", "2", "80%", ""])
def test_a_malformed_memory_limit_names_the_variable(raw):
    with pytest.raises(TransactionError) as info:
        memory_limit(raw)
    assert info.value.key == "memory_limit_bad"
    assert "QFDKPI_MEMORY_LIMIT" in info.value.message("ru")
    assert "QFDKPI_MEMORY_LIMIT" in info.value.message("en")


@pytest.mark.parametrize("raw", ["1MB", "100MB", "5000TB"])
def test_a_memory_limit_out_of_bounds_names_the_variable_and_the_bounds(raw):
    with pytest.raises(TransactionError) as info:
        memory_limit(raw)
    text = info.value.message("ru")
    assert info.value.key == "memory_limit_range" and "QFDKPI_MEMORY_LIMIT" in text
    assert "от 128 до" in text


def test_memory_limits_in_every_unit(monkeypatch):
    assert memory_limit("2GB") == f"{2 * 10**9}B"
    assert memory_limit("1,5 GiB") == f"{3 * 2**29}B"
    assert memory_limit("512mib") == f"{512 * 2**20}B"
    monkeypatch.delenv("QFDKPI_MEMORY_LIMIT", raising=False)
    assert memory_limit() == f"{2 * 10**9}B"
    if hasattr(os, "sysconf"):  # no more than the machine has
        with pytest.raises(TransactionError):
            memory_limit(f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') + 2**30}B")
