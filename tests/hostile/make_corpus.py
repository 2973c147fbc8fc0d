"""Generate the hostile-input corpus: ``python tests/hostile/make_corpus.py`` (seeded, byte-identical).

Every case starts from the bundled example (``workbooks/examples/promtech.xlsx`` and the first
lines of ``promtech_transactions.csv``) and changes one thing: the transactions file (encodings,
amounts, dates, NUL bytes, duplicates, headers, Parquet types), a path in the settings, the
environment (memory limit, TMPDIR, console encoding) or the output folder. ``cases.json`` holds,
for each case, what the workbook's settings say, the command, and the exact outcome expected:

* ``accepted`` — exit 0; the number of valid order lines and their total amount, computed here
  with plain Python from the lines written (never by the engine), and the warnings expected;
* ``refused`` — exit 1 with the place (a file, a settings cell, a variable, a folder) and what
  was expected named; the fragments of the message and the number of problems.

The test (``tests/test_hostile_corpus.py``) rebuilds the corpus to check it is this script's
output, then runs every case through the command line and also checks that no traceback is
printed, that nothing is written when a case is refused, that the inputs are unchanged
(checksums) and that TMPDIR is left empty.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
ROOT = HERE.parents[1]
EXAMPLE_CSV = ROOT / "workbooks" / "examples" / "promtech_transactions.csv"
SEED = 20240613
N_LINES = 120  # data lines taken from the example (line 1 is the header)
HEADER = ["Клиент", "Номер заказа", "Дата", "Сумма, руб", "Номенклатура"]


def example_lines() -> list[list[str]]:
    text = EXAMPLE_CSV.read_bytes().decode("cp1251")
    rows = [line.split(";") for line in text.splitlines()[1 : N_LINES + 1]]
    assert all(len(r) == 5 for r in rows)
    return rows


def amount(text: str) -> float:
    return float(text.replace(",", ".").replace(" ", ""))


def csv_text(rows, header=HEADER, sep=";", newline="\n") -> str:
    return newline.join(sep.join(r) for r in [header, *rows]) + newline


class Builder:
    """Collects the files and the case descriptions."""

    def __init__(self):
        self.rng = random.Random(SEED)
        self.rows = example_lines()
        self.files: dict[str, bytes] = {}
        self.parquet: dict[str, tuple[str, list]] = {}  # name -> (select with ? params, params)
        self.cases: list[dict] = []

    def positions(self, k: int) -> list[int]:
        """k distinct data-row indexes, sorted (seeded)."""
        return sorted(self.rng.sample(range(len(self.rows)), k))

    def case(self, name: str, *, file=None, settings=None, command="validate", **kw) -> None:
        s = {"Файл транзакций": file} if file else {}
        s.update(settings or {})
        self.cases.append({"name": name, "settings": s, "command": command, **kw})

    def accepted(self, name, rows, *, file=None, warnings=(), **kw) -> None:
        self.case(
            name,
            file=file,
            expect={
                "exit": 0,
                "transactions": len(rows),
                "total": round(sum(amount(r[3]) for r in rows), 2),
                "warnings": list(warnings),
            },
            **kw,
        )

    def refused(self, name, place: str, says, *, file=None, problems=1, absent=(), **kw) -> None:
        self.case(
            name,
            file=file,
            expect={
                "exit": 1,
                "place": place,
                "says": list(says),
                "problems": problems,
                "absent": list(absent),
            },
            **kw,
        )


def lines_shown(indexes) -> str:
    """ "#n" line numbers of data-row indexes (the header is line 1)."""
    return ", ".join(f"#{i + 2}" for i in indexes)


def build() -> Builder:
    b = Builder()
    rows = b.rows

    # ---------------------------------------------------------------- accepted, and correct
    b.files["cp1251.csv"] = csv_text(rows).encode("cp1251")
    b.accepted("cp1251_export", rows, file="cp1251.csv")
    b.files["utf8.csv"] = csv_text(rows).encode("utf-8")
    b.accepted("utf8_export", rows, file="utf8.csv")
    b.files["utf8_bom.csv"] = csv_text(rows).encode("utf-8-sig")
    b.accepted("utf8_with_bom", rows, file="utf8_bom.csv")
    b.files["utf16.csv"] = csv_text(rows).encode("utf-16")
    b.accepted("utf16_with_bom", rows, file="utf16.csv")
    b.files["utf16le.csv"] = csv_text(rows).encode("utf-16-le")
    b.accepted("utf16le_without_bom", rows, file="utf16le.csv")
    b.files["tabs_crlf.csv"] = csv_text(rows, sep="\t", newline="\r\n").encode("cp1251")
    b.accepted("tabs_and_crlf", rows, file="tabs_crlf.csv")

    mixed = b.positions(3)
    data = csv_text([]).encode("utf-8")
    for i, r in enumerate(rows):
        data += (";".join(r) + "\n").encode("cp1251" if i in mixed else "utf-8")
    b.files["mixed.csv"] = data
    b.accepted(
        "utf8_with_cp1251_lines",
        rows,
        file="mixed.csv",
        warnings=[f"3 строки в cp1251, остальные в UTF-8 ({lines_shown(mixed)})"],
    )

    dup = b.positions(4)
    dup_rows = []
    for i, r in enumerate(rows):
        dup_rows.append(r)
        if i in dup:
            dup_rows.append(r)
    firsts = [dup_rows.index(rows[i]) for i in dup]
    shown = ", ".join(f"#{f + 3} = #{f + 2}" for f in firsts[:3])
    b.files["duplicates.csv"] = csv_text(dup_rows).encode("cp1251")
    b.accepted(
        "exact_duplicate_lines",
        dup_rows,
        file="duplicates.csv",
        warnings=[
            f"4 строки полностью повторяют другие (клиент, заказ, дата, сумма, товар): {shown} …"
        ],
    )

    late = b.positions(2)
    late_rows = [[*r[:2], "01.01.2099", *r[3:]] if i in late else r for i, r in enumerate(rows)]
    b.files["after_analysis_date.csv"] = csv_text(late_rows).encode("cp1251")
    b.accepted(
        "orders_after_the_analysis_date",
        late_rows,
        file="after_analysis_date.csv",
        warnings=[
            f"2 строки датированы позже даты анализа 31 дек. 2025\u202fг. и не учитываются: {lines_shown(late)}"
        ],
    )
    b.accepted(
        "isolated_future_order_without_analysis_date",
        late_rows,
        file="after_analysis_date.csv",
        settings={"Дата анализа": None},
        warnings=[
            "2 строки датированы больше чем через год после 95 % остальных",
            lines_shown(late),
        ],
    )

    one_c = ["ИНН контрагента", "Номер заказа", "Дата документа", "Сумма с НДС", "Номенклатура"]
    one_c_rows = [[r[0], r[1], r[2] + " 0:00:00", r[3], r[4]] for r in rows]
    b.files["1c_export.csv"] = csv_text(one_c_rows, header=one_c).encode("cp1251")
    b.accepted("1c_headers", rows, file="1c_export.csv")
    two = ["ИНН контрагента", "Номер заказа", "Дата документа", "Сумма без НДС", "Сумма с НДС"]
    two_rows = [
        [r[0], r[1], r[2], f"{amount(r[3]) / 1.2:.2f}".replace(".", ","), r[3]] for r in rows
    ]
    b.files["1c_two_amounts.csv"] = csv_text(two_rows, header=two).encode("cp1251")
    b.accepted(
        "1c_with_and_without_vat",
        rows,
        file="1c_two_amounts.csv",
        warnings=["роль «Сумма»: взят столбец «Сумма с НДС», подходит также «Сумма без НДС»"],
    )
    own = ["Код покупателя", "Документ продажи", "Когда", "Итого", "Что продано"]
    b.files["own_headers.csv"] = csv_text(rows, header=own).encode("cp1251")
    b.accepted(
        "own_headers_named_in_the_settings",
        rows,
        file="own_headers.csv",
        settings={
            "Столбцы транзакций": "клиент=Код покупателя; заказ=Документ продажи; дата=Когда; "
            "сумма=Итого; товар=Что продано"
        },
    )

    def iso(d: str) -> str:
        day, month, year = d.split(".")
        return f"{year}-{month}-{day}"

    typed = [(r[0], r[1], iso(r[2]), amount(r[3]), r[4]) for r in rows]
    b.parquet["typed.parquet"] = (
        "SELECT c AS client_id, o AS order_id, CAST(d AS DATE) AS date, a AS amount, p AS product",
        typed,
    )
    b.accepted("parquet_native_types", rows, file="typed.parquet")
    b.parquet["int_dates.parquet"] = (
        'SELECT c AS "Клиент", o AS "Заказ", CAST(replace(d, \'-\', \'\') AS INTEGER) AS "Дата", '
        'CAST(a AS DECIMAL(18, 2)) AS "Сумма"',
        typed,
    )
    b.accepted("parquet_yyyymmdd_integers_and_decimals", rows, file="int_dates.parquet")

    b.accepted("apostrophe_in_tmpdir", rows, file="cp1251.csv", env={"TMPDIR": "it's tmp"})
    b.accepted("latin1_console", rows, file="cp1251.csv", env={"PYTHONIOENCODING": "latin-1"})
    b.accepted(
        "file_in_an_allowed_folder",
        rows,
        file="{shared}/cp1251.csv",
        setup="shared",
        args=["--allow-dir", "{shared}"],
    )

    # ---------------------------------------------------------------- refused, place named
    b.files["header_only.csv"] = csv_text([]).encode("cp1251")
    b.refused(
        "header_only",
        "header_only.csv",
        ["в файле нет ни одной строки заказов"],
        file="header_only.csv",
    )
    b.files["empty.csv"] = b""
    b.refused("empty_file", "empty.csv", ["в файле нет ни одной строки заказов"], file="empty.csv")

    bad = b.positions(4)
    values = ["nan", "inf", "-inf", "1e308"]
    amounts_rows = [r[:] for r in rows]
    for i, v in zip(bad, values, strict=True):
        amounts_rows[i][3] = v
    b.files["non_finite_amounts.csv"] = csv_text(amounts_rows).encode("cp1251")
    b.refused(
        "nan_inf_and_huge_amounts",
        "non_finite_amounts.csv",
        [
            "4 строки с суммой NaN, бесконечностью или больше",
            lines_shown(bad),
            "ожидается конечное число",
        ],
        file="non_finite_amounts.csv",
    )

    bad = b.positions(2)
    date_rows = [r[:] for r in rows]
    date_rows[bad[0]][2], date_rows[bad[1]][2] = "01.01.0001", "30.12.1899"
    b.files["implausible_dates.csv"] = csv_text(date_rows).encode("cp1251")
    b.refused(
        "year_0001_and_excel_zero_dates",
        "implausible_dates.csv",
        ["2 строки с датой вне допустимого диапазона", lines_shown(bad)],
        file="implausible_dates.csv",
    )

    bad = b.positions(1)
    nul = csv_text(rows).encode("cp1251").split(b"\n")
    nul[bad[0] + 1] = nul[bad[0] + 1].replace(b";", b"\x00;", 1)
    b.files["nul_byte.csv"] = b"\n".join(nul)
    b.refused(
        "nul_byte_in_a_client_id",
        "nul_byte.csv",
        [f"1 строка содержит нулевой байт (NUL) — файл повреждён: {lines_shown(bad)}"],
        file="nul_byte.csv",
    )

    bad = b.positions(1)
    broken = csv_text(rows).encode("cp1251").split(b"\n")
    broken[bad[0] + 1] = broken[bad[0] + 1].replace(b";", b"\x98;", 1)
    b.files["undecodable.csv"] = b"\n".join(broken)
    b.refused(
        "byte_of_no_encoding",
        "undecodable.csv",
        [f"1 строка не читается ни в UTF-8, ни в cp1251: {lines_shown(bad)}"],
        file="undecodable.csv",
    )

    bad = b.positions(2)
    text_rows = [r[:] for r in rows]
    text_rows[bad[0]][2], text_rows[bad[1]][2] = "31.02.2024", "вчера"
    b.files["unreadable_dates.csv"] = csv_text(text_rows).encode("cp1251")
    b.refused(
        "unreadable_dates",
        "unreadable_dates.csv",
        [f"2 строки с нечитаемой датой: {lines_shown(bad)}", "ДД.ММ.ГГГГ"],
        file="unreadable_dates.csv",
    )

    bad = b.positions(2)
    text_rows = [r[:] for r in rows]
    text_rows[bad[0]][3], text_rows[bad[1]][3] = "12 руб.", "1.000,50"
    b.files["unreadable_amounts.csv"] = csv_text(text_rows).encode("cp1251")
    b.refused(
        "unreadable_amounts",
        "unreadable_amounts.csv",
        [f"2 строки с нечитаемой суммой: {lines_shown(bad)}"],
        file="unreadable_amounts.csv",
    )

    bad = b.positions(3)
    blank_rows = [r[:] for r in rows]
    for k, i in enumerate(bad):
        blank_rows[i][k] = ""
    b.files["blank_cells.csv"] = csv_text(blank_rows).encode("cp1251")
    b.refused(
        "blank_required_cells",
        "blank_cells.csv",
        [
            f"3 строки с пустой обязательной ячейкой (клиент, заказ, дата, сумма): {lines_shown(bad)}"
        ],
        file="blank_cells.csv",
    )

    b.refused(
        "own_headers_not_named",
        "own_headers.csv",
        [
            "нет столбца «ID клиента» (подходят названия: «ID клиента», «Client ID»",
            "нет столбца «Заказ»",
            "нет столбца «Дата»",
            "нет столбца «Сумма»",
            "«Столбцы транзакций»",
        ],
        file="own_headers.csv",
    )
    b.refused(
        "unknown_role_in_the_column_setting",
        "Настройки!B19",
        ["параметр «Столбцы транзакций»: неизвестная роль «цена»"],
        file="own_headers.csv",
        settings={"Столбцы транзакций": "клиент=Код покупателя; цена=Итого"},
    )
    b.refused(
        "column_setting_names_an_absent_header",
        "Настройки!B19",
        ["в файле «own_headers.csv» нет столбца «Покупатель» (роль «ID клиента»)"],
        file="own_headers.csv",
        settings={"Столбцы транзакций": "клиент=Покупатель"},
    )

    bad = b.positions(1)
    quoted = [r[:] for r in rows]
    quoted[bad[0]][4] = '"' + quoted[bad[0]][4]
    b.files["broken_quotes.csv"] = csv_text(quoted).encode("cp1251")
    b.refused(
        "unbalanced_quote",
        "broken_quotes.csv",
        ["не читается как таблица CSV"],
        file="broken_quotes.csv",
    )
    fake = "".join(
        f"user{i}:x:{1000 + i}:{1000 + i}:secret-{i}:/home/u{i}:/bin/sh\n" for i in range(5)
    )
    b.files["passwd_like.txt"] = fake.encode()
    b.refused(
        "a_one_column_text_file",
        "passwd_like.txt",
        ["в файле один столбец"],
        file="passwd_like.txt",
        absent=["secret-", "user0"],
    )

    b.parquet["epoch_dates.parquet"] = (
        "SELECT c AS client_id, o AS order_id, CAST(CAST(d AS DATE) - DATE '1970-01-01' AS INTEGER) "
        "AS date, a AS amount",
        typed,
    )
    b.refused(
        "parquet_dates_as_day_numbers",
        "epoch_dates.parquet",
        [f"{N_LINES} строк с нечитаемой датой: #1, #2, #3, #4, #5 …"],
        file="epoch_dates.parquet",
    )
    b.parquet["bool_amounts.parquet"] = (
        "SELECT c AS client_id, o AS order_id, CAST(d AS DATE) AS date, a > 100000 AS amount",
        typed,
    )
    b.refused(
        "parquet_boolean_amounts",
        "bool_amounts.parquet",
        [f"{N_LINES} строк с нечитаемой суммой: #1, #2, #3, #4, #5 …"],
        file="bool_amounts.parquet",
    )
    b.parquet["list_amounts.parquet"] = (
        "SELECT c AS client_id, o AS order_id, CAST(d AS DATE) AS date, [a, a] AS amount",
        typed,
    )
    b.refused(
        "parquet_list_amounts",
        "list_amounts.parquet",
        [f"{N_LINES} строк с нечитаемой суммой"],
        file="list_amounts.parquet",
    )

    # ---------------------------------------------------------------- paths from the workbook
    outside = "лежит вне папки книги"
    b.refused(
        "relative_path_climbing_to_the_password_file",
        "Настройки!B16",
        [outside, "--allow-dir"],
        file="{climb}etc/passwd",
        absent=["root:"],
    )
    b.refused(
        "absolute_path_to_the_password_file",
        "Настройки!B16",
        [outside],
        file="/etc/passwd",
        absent=["root:"],
    )
    b.refused("device_as_transactions", "Настройки!B16", [outside], file="/dev/zero")
    b.refused(
        "folder_as_transactions",
        "Настройки!B16",
        ["«data.csv» — папка, а не файл"],
        file="data.csv",
        setup="folder",
    )
    b.refused(
        "fifo_as_transactions",
        "Настройки!B16",
        ["«pipe.csv» — именованный канал (FIFO), а не файл"],
        file="pipe.csv",
        setup="fifo",
    )
    b.refused(
        "link_leaving_the_folder",
        "Настройки!B16",
        [f"файл «link.csv» {outside}"],
        file="link.csv",
        setup="link",
    )
    b.refused(
        "file_in_a_folder_not_allowed",
        "Настройки!B16",
        [outside],
        file="{shared}/cp1251.csv",
        setup="shared",
    )
    b.refused("missing_file", "Настройки!B16", ["файл «nowhere.csv» не найден"], file="nowhere.csv")

    # ---------------------------------------------------------------- the environment
    for value in ("abc", "0", "-5GB", "1MB"):
        b.refused(
            f"memory_limit_{value}",
            "QFDKPI_MEMORY_LIMIT",
            [f"переменная окружения QFDKPI_MEMORY_LIMIT = «{value}»"],
            problems=0,
            file="cp1251.csv",
            env={"QFDKPI_MEMORY_LIMIT": value},
        )

    # ---------------------------------------------------------------- the output folder
    b.refused(
        "out_is_the_project_folder",
        "{project}",
        ["содержит входной файл «promtech.xlsx»", "даже с --force"],
        problems=0,
        file="cp1251.csv",
        command="run",
        args=["--out", "{project}", "--force"],
    )
    b.refused(
        "out_inside_the_workbook",
        "{workbook}",
        ["— это файл, а не папка"],
        problems=0,
        file="cp1251.csv",
        command="run",
        args=["--out", "{workbook}/out"],
    )
    b.refused(
        "out_is_a_folder_of_someone_else",
        "{project}/theirs",
        ["создал не qfdkpi", "(в ней: contract.docx)", "--force этого не меняет"],
        problems=0,
        file="cp1251.csv",
        command="run",
        args=["--out", "{project}/theirs", "--force"],
        setup="theirs",
    )
    b.refused(
        "out_holds_the_transactions_file",
        "{shared}",
        ["содержит входной файл «cp1251.csv»"],
        problems=0,
        file="{shared}/cp1251.csv",
        command="run",
        setup="shared_owned",
        args=["--out", "{shared}", "--force", "--allow-dir", "{shared}"],
    )
    return b


def write_parquet(path: Path, select: str, rows) -> None:
    import duckdb

    con = duckdb.connect()
    con.execute("CREATE TABLE t (c VARCHAR, o VARCHAR, d VARCHAR, a DOUBLE, p VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?)", [list(r) for r in rows])
    target = str(path).replace("'", "''")
    con.execute(f"COPY ({select} FROM t) TO '{target}' (FORMAT parquet)")
    con.close()


def generate(folder: Path = CORPUS) -> Builder:
    """Write the corpus into ``folder``; return the builder."""
    b = build()
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in b.files.items():
        (folder / name).write_bytes(data)
    for name, (select, rows) in b.parquet.items():
        write_parquet(folder / name, select, rows)
    spec = {"seed": SEED, "lines": N_LINES, "cases": b.cases}
    text = json.dumps(spec, ensure_ascii=False, indent=1) + "\n"
    (folder / "cases.json").write_text(text, encoding="utf-8")
    return b


if __name__ == "__main__":
    built = generate(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS)
    n_ok = sum(c["expect"]["exit"] == 0 for c in built.cases)
    print(f"{len(built.cases)} cases: {n_ok} accepted, {len(built.cases) - n_ok} refused")
