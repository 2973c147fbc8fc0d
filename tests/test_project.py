"""Loading and validating project workbooks: the example, and broken copies of it."""

from __future__ import annotations

import numpy as np
import openpyxl
import pytest
from conftest import EXAMPLE

from workbooks.errors import ProjectError
from workbooks.project import load_project
from workbooks.project.schema import normalise
from workbooks.project.values import MISSING_WORDS, parse_number


def _errors(path, lang="ru") -> list[str]:
    with pytest.raises(ProjectError) as info:
        load_project(path, lang)
    return [str(p) for p in info.value.problems]


def _interviews(wb):
    return wb["Интервью"]


def _column_of(ws, tp: str, measure_ru: str) -> int:
    """1-based column of a touchpoint measure, found independently through openpyxl."""
    for rng in ws.merged_cells.ranges:
        if rng.min_row == 1 and ws.cell(1, rng.min_col).value == tp:
            for c in range(rng.min_col, rng.max_col + 1):
                if ws.cell(2, c).value == measure_ru:
                    return c
    raise AssertionError(f"{tp} / {measure_ru} not found")


def test_example_loads_and_matches_an_independent_openpyxl_count():
    project = load_project(EXAMPLE)
    iv = project.interviews
    assert len(project.touchpoints) == 12 and iv.n == 60
    wb = openpyxl.load_workbook(EXAMPLE, read_only=False)
    ws = _interviews(wb)
    for k, tp in enumerate(iv.touchpoints):
        col = _column_of(ws, tp, "Удовлетворённость")
        expected = []
        for r in range(3, 3 + iv.n):
            v = ws.cell(r, col).value
            x = parse_number(v) if v is not None else None
            expected.append(np.nan if x is None else x)
        np.testing.assert_array_equal(iv.satisfaction[:, k], np.array(expected))
    # the missing reasons are kept apart
    reasons = iv.reasons["satisfaction"]
    assert (reasons == "not_experienced").sum() > 0 and (reasons == "dont_know").sum() > 0
    assert (reasons == "blank").sum() > 0


def test_example_warns_about_interviewed_clients_without_transactions():
    project = load_project(EXAMPLE)
    messages = [str(w) for w in project.warnings]
    assert messages and all("нет ни одной транзакции" in m for m in messages)
    assert all(m.startswith("Интервью!B") for m in messages)  # the client-ID column


def test_out_of_scale_value_names_sheet_cell_touchpoint_and_scale(broken):
    def edit(wb):
        ws = _interviews(wb)
        ws.cell(17, _column_of(ws, "TP03", "Удовлетворённость"), 7)

    path = broken(edit)
    col = openpyxl.utils.get_column_letter(
        _column_of(_interviews(openpyxl.load_workbook(path)), "TP03", "Удовлетворённость")
    )
    errors = _errors(path)
    assert errors == [
        f"Интервью!{col}17 (TP03: удовлетворённость, шкала 1–5): значение 7 вне шкалы; ожидается 1–5"
    ]


def test_every_problem_is_collected_in_one_pass_in_english_too(broken):
    def edit(wb):
        ws = _interviews(wb)
        ws.cell(3, _column_of(ws, "TP01", "Важность"), "очень")  # not a score
        ws.cell(4, _column_of(ws, "TP02", "Важность"), 0)  # out of scale
        ws.cell(5, 1, ws.cell(3, 1).value)  # duplicate respondent
        wb["KPI"]["E2"] = "K99F=1"  # parent KPI that does not exist
        wb["Связи"]["B2"] = 4  # not a 9/3/1 strength
        wb["Путь клиента"]["A3"] = "первый"  # stage order not a number

    errors = _errors(broken(edit), "en")
    assert len(errors) == 6, errors
    text = "\n".join(errors)
    assert "got 'очень'" in text and "value 0 is outside the scale" in text
    assert "duplicate ID 'R001'" in text and "KPI 'K99F' does not exist" in text
    assert "Relationships!B2" not in text  # the sheet keeps its Russian name
    assert "Связи!B2: relationship strength must be 0, 1, 3 or 9" in text
    assert "Путь клиента!A3 (Stage order): a whole number was expected; got 'первый'" in text


def test_text_numbers_decimal_commas_and_missing_words_are_read(broken):
    def edit(wb):
        ws = _interviews(wb)
        col = _column_of(ws, "TP05", "Удовлетворённость")
        ws.cell(3, col, "4,5")
        ws.cell(4, col, " 3 ")
        ws.cell(5, col, "Затрудняюсь ответить")
        ws.cell(6, col, "н/д")
        ws.cell(7, col, 99)  # declared code: don't know
        ws.cell(8, col, 98)  # declared code: not experienced

    iv = load_project(broken(edit)).interviews
    k = iv.touchpoints.index("TP05")
    np.testing.assert_array_equal(iv.satisfaction[:2, k], [4.5, 3.0])
    assert np.isnan(iv.satisfaction[2:6, k]).all()
    assert list(iv.reasons["satisfaction"][2:6, k]) == [
        "dont_know",
        "blank",
        "dont_know",
        "not_experienced",
    ]


def test_missing_sheet_says_what_exists_and_suggests(broken):
    def edit(wb):
        wb["Путь клиента"].title = "Путь клиентов"

    [error] = _errors(broken(edit))
    assert "лист «Путь клиента» не найден" in error
    assert "«Путь клиентов»" in error and "возможно, имелся в виду «Путь клиентов»" in error


def test_unknown_touchpoint_in_kpi_sheet_suggests_the_closest(broken):
    def edit(wb):
        wb["KPI"]["C2"] = "TP1O"

    [error] = _errors(broken(edit))
    assert error.startswith("KPI!C2") and "«TP1O»" in error and "«TP10»" in error


def test_unmerged_two_row_header_is_still_read(broken):
    """Some tools save merged headers as a value in the first cell and blanks after it."""

    def edit(wb):
        ws = _interviews(wb)
        for rng in list(ws.merged_cells.ranges):
            if rng.min_row == 1 and rng.max_row == 1:
                ws.unmerge_cells(str(rng))

    project = load_project(broken(edit))
    original = load_project(EXAMPLE)
    np.testing.assert_array_equal(project.interviews.satisfaction, original.interviews.satisfaction)


def test_english_sheet_and_column_names_are_accepted(broken):
    from workbooks.project.schema import SHEETS

    def edit(wb):
        for spec in SHEETS:
            if spec.ru in wb.sheetnames:
                wb[spec.ru].title = spec.en.upper()  # case must not matter either
        ws = wb["JOURNEY"]
        for c in range(1, ws.max_column + 1):
            if normalise(ws.cell(1, c).value) == normalise("ID точки контакта"):
                ws.cell(1, c, "touchpoint_id")

    project = load_project(broken(edit))
    assert project.touchpoint_ids[0] == "TP01" and len(project.kpis) == len(
        load_project(EXAMPLE).kpis
    )


def test_long_interviews_layout_gives_the_same_arrays(broken):
    original = load_project(EXAMPLE).interviews

    def edit(wb):
        del wb["Интервью"]
        ws = wb.create_sheet("Интервью")
        ws.append(
            [
                "ID респондента",
                "ID клиента",
                "Тип респондента",
                "Точка контакта",
                "Важность",
                "Удовлетворённость",
            ]
        )
        for i, rid in enumerate(original.respondent_ids):
            for k, tp in enumerate(original.touchpoints):
                imp, sat = original.importance[i, k], original.satisfaction[i, k]
                rtype = {
                    "current": "текущий",
                    "former": "бывший",
                    "potential": "потенциальный",
                    "lost": "потерянный до сделки",
                    "competitor": "клиент конкурента",
                }[original.respondent_types[i]]
                ws.append(
                    [
                        rid,
                        original.client_ids[i],
                        rtype,
                        tp,
                        None if np.isnan(imp) else imp,
                        None if np.isnan(sat) else sat,
                    ]
                )

    iv = load_project(broken(edit)).interviews
    np.testing.assert_array_equal(iv.satisfaction, original.satisfaction)
    np.testing.assert_array_equal(iv.importance, original.importance)
    assert iv.respondent_types == original.respondent_types


def test_missing_words_cover_the_brief():
    for word in ("затрудняюсь ответить", "н/д", "нет ответа", "N/A", "-"):
        assert normalise(word) in MISSING_WORDS


def test_bad_settings_are_reported_with_their_cells(broken):
    def edit(wb):
        ws = wb["Настройки"]
        for row in ws.iter_rows(min_row=2):
            if row[0].value == "Шкала важности":
                row[1].value = "5-1"
            if row[0].value == "λ смешения важности":
                row[1].value = "1,5"
            if row[0].value == "Дата анализа":
                row[1].value = "вчера"

    errors = _errors(broken(edit))
    assert len(errors) == 3
    assert (
        errors[0]
        == "Настройки!B2: параметр «Шкала важности»: ожидается шкала вида 1-5, 1-7, 1-10, 0-10 "
        "(начало 0 или 1, конец не больше 100); получено «5-1»"
    )
    assert "«λ смешения важности»" in errors[2] or "«λ смешения важности»" in errors[1]


# --------------------------------------------------------------------------- nothing silent


def _set_setting(wb, name: str, value) -> str:
    """Write a setting on the example's settings sheet; return its cell."""
    ws = wb["Настройки"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == name:
            row[1].value = value
            return row[1].coordinate
    raise AssertionError(name)


def _only_error(path, lang="ru") -> str:
    errors = _errors(path, lang)
    assert len(errors) == 1, errors
    return errors[0]


def test_error_values_and_formulas_without_a_value_are_errors_at_their_cells(broken):
    cells = {}

    def edit(wb):
        ws = _interviews(wb)
        for row, value in ((3, "=1/0"), (4, "=NA()"), (5, '="a"+1')):
            col = _column_of(ws, "TP03", "Удовлетворённость")
            ws.cell(row, col, value)  # openpyxl saves formulas without their value
            cells[row] = ws.cell(row, col).coordinate

    errors = _errors(broken(edit))
    assert [e.split(" ")[0] for e in errors] == [f"Интервью!{cells[r]}" for r in (3, 4, 5)]
    assert all("сохранена без вычисленного значения" in e for e in errors)
    assert "«=1/0»" in errors[0] and "«=NA()»" in errors[1]


def _part_of(path, sheet: str) -> str:
    """The zip part holding a sheet, found through the workbook's relationships."""
    import zipfile

    from workbooks.project.xlsx import Package

    with zipfile.ZipFile(path) as z:
        return next(s.part for s in Package(z).sheets if s.name == sheet)


def test_cached_error_values_are_reported_not_blank(example_copy, tmp_path):
    """Excel stores #DIV/0! as an error cell (t="e"); write one into the sheet XML."""
    import zipfile

    col = _column_of(_interviews(openpyxl.load_workbook(example_copy)), "TP03", "Удовлетворённость")
    ref = f"{openpyxl.utils.get_column_letter(col)}7"
    with zipfile.ZipFile(example_copy) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    part = _part_of(example_copy, "Интервью")
    xml = parts[part].decode()
    start = xml.index(f'<c r="{ref}"')
    end = xml.index("</c>", start) + 4
    parts[part] = (xml[:start] + f'<c r="{ref}" t="e"><v>#VALUE!</v></c>' + xml[end:]).encode()
    with zipfile.ZipFile(example_copy, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    error = _only_error(example_copy)
    assert error.startswith(f"Интервью!{ref} (TP03: удовлетворённость, шкала 1–5): ")
    assert "ошибка Excel #VALUE!" in error


def test_a_formula_in_a_free_text_column_keeps_its_text_with_a_warning(broken):
    def edit(wb):
        ws = _interviews(wb)
        ws.cell(8, 9, '=HYPERLINK("https://example.org","письмо")')  # column I: the comment

    project = load_project(broken(edit))
    warnings = [str(w) for w in project.warnings if w.key == "formula_kept_text"]
    assert warnings == [
        'Интервью!I8 (Комментарий): формула «=HYPERLINK("https://example.org","письмо")» '
        "сохранена без вычисленного значения; в текстовом столбце оставлен её текст"
    ]


def test_a_formula_in_a_setting_is_an_error_not_the_default(broken):
    cell = {}

    def edit(wb):
        cell["b"] = _set_setting(wb, "Бутстреп-выборок", "=10*3")

    error = _only_error(broken(edit))
    assert error.startswith(f"Настройки!{cell['b']}: параметр «Бутстреп-выборок»: формула «=10*3»")


@pytest.mark.parametrize(
    "name, value, expected",
    [
        (
            "Бутстреп-выборок",
            100_000_000,
            "ожидается целое число от 0 до 100 000; получено «100000000»",
        ),
        ("Окно, месяцев", 0, "ожидается число от 1 до 120; получено «0»"),
        ("Окно, месяцев", -12, "ожидается число от 1 до 120; получено «-12»"),
        ("Шкала удовлетворённости", "1-1000000000", "ожидается шкала вида 1-5, 1-7, 1-10, 0-10"),
        ("Зерно случайности", 1.5, "ожидается целое число от 0 до 4 294 967 295"),
        ("Точки продаж", "TP06=0; TP07=1e9", "у «TP06» точка продаж 0"),
    ],
)
def test_every_setting_has_a_contract(broken, name, value, expected):
    cell = {}

    def edit(wb):
        cell["c"] = _set_setting(wb, name, value)

    errors = _errors(broken(edit))
    assert errors[0].startswith(f"Настройки!{cell['c']}: параметр «{name}»: ")
    assert expected.replace(" ", "\xa0") in errors[0].replace(" ", "\xa0")


@pytest.mark.parametrize(
    "weight, expected",
    [
        (-5, "положительным конечным числом не больше 1\xa0000\xa0000; получено «-5»"),
        (0, "получено «0»"),
        (1e300, "получено «1e+300»"),
        ("inf", "ожидается число; получено «inf»"),
    ],
)
def test_weights_are_positive_finite_and_bounded(broken, weight, expected):
    def edit(wb):
        _interviews(wb).cell(9, 5, weight)  # column E: the weight

    error = _only_error(broken(edit))
    assert error.startswith("Интервью!E9 (Вес): ") and expected in error


def test_very_uneven_weights_are_said_with_the_effective_sample_size(broken):
    def edit(wb):
        ws = _interviews(wb)
        for r in range(3, 63):
            ws.cell(r, 5, 1)
        ws.cell(3, 5, 500)

    project = load_project(broken(edit))
    [warning] = [w for w in project.warnings if w.key == "uneven_weights"]
    n = project.interviews.n
    neff = (499 + n) ** 2 / (500**2 + n - 1)  # Kish: (Σw)² / Σw²
    assert f"{neff:.1f}".replace(".", ",") in warning.message and f"из {n}" in warning.message


def test_a_wide_declared_scale_over_narrow_answers_is_warned(broken):
    def edit(wb):
        _set_setting(wb, "Шкала удовлетворённости", "0-10")

    project = load_project(broken(edit))
    [warning] = [str(w) for w in project.warnings if w.key == "scale_unused"]
    assert "шкала 0–10" in warning and "лежат в 1–5" in warning


def test_a_header_merge_over_two_touchpoints_is_an_error(broken):
    cols = {}

    def edit(wb):
        ws = _interviews(wb)
        first = cols["first"] = _column_of(ws, "TP01", "Важность")
        second_imp = cols["second"] = _column_of(ws, "TP02", "Важность")
        for rng in list(ws.merged_cells.ranges):
            if rng.min_row == 1 and rng.min_col in (first, second_imp):
                ws.unmerge_cells(str(rng))
        ws.cell(1, second_imp).value = None
        ws.merge_cells(start_row=1, start_column=first, end_row=1, end_column=second_imp + 2)

    error = _only_error(broken(edit))
    letter = openpyxl.utils.get_column_letter
    a, b, end = letter(cols["first"]), letter(cols["second"]), letter(cols["second"] + 2)
    assert error.startswith(f"Интервью!{a}1: объединённая ячейка {a}1:{end}1 («TP01») накрывает")
    assert f"«Важность» под ней встречается дважды ({a}2, {b}2)" in error


def test_merged_answer_cells_are_an_error(broken):
    def edit(wb):
        ws = _interviews(wb)
        col = _column_of(ws, "TP04", "Удовлетворённость")
        ws.merge_cells(start_row=10, start_column=col, end_row=12, end_column=col)

    error = _only_error(broken(edit))
    assert "значение есть только в" in error and "разъедините ячейки" in error


def test_two_sheets_of_one_kind_in_two_languages_are_an_error(broken):
    def edit(wb):
        wb.copy_worksheet(wb["Интервью"]).title = "Interviews"

    error = _only_error(broken(edit))
    assert "«Интервью», «Interviews»" in error and "оставьте один" in error


def test_a_missing_interviews_sheet_does_not_suggest_the_instructions(broken):
    def edit(wb):
        del wb["Интервью"]

    error = _only_error(broken(edit))
    assert error.startswith("лист «Интервью» не найден") and "имелся в виду" not in error


def test_look_alike_letters_are_named_and_invisible_ones_ignored(broken):
    def edit(wb):
        wb["KPI"]["C2"] = "ТР01"  # Cyrillic Т and Р
        wb["KPI"]["C3"] = "TP\u200b01"  # a zero-width space: the same ID

    error = _only_error(broken(edit))
    assert error.startswith("KPI!C2")
    assert "в «ТР01» кириллические буквы Т, Р — возможно, имелся в виду «TP01»?" in error
    error_en = _only_error(broken(lambda wb: None), "en")
    assert "'ТР01' contains the Cyrillic letters Т, Р — did you mean 'TP01'?" in error_en


def test_roles_as_people_write_them(broken):
    def edit(wb):
        ws = _interviews(wb)
        ws.cell(3, 4, "ЛПР (руководитель)")
        ws.cell(4, 4, "ЛВР — специалист")
        for r in range(5, 9):
            ws.cell(r, 4, "Закупки")

    project = load_project(broken(edit))
    iv = project.interviews
    assert iv.roles[:2] == ("decision_maker", "influencer") and iv.roles[2:6] == (None,) * 4
    assert iv.attributes["Роль"][:6] == ("ЛПР (руководитель)", "ЛВР — специалист", *["Закупки"] * 4)
    [warning] = [w for w in project.warnings if w.key == "role_kept_as_attribute"]
    assert str(warning).startswith("Интервью!D5 (Роль): 4 ответа в столбце «Роль» не ЛПР / ЛВР")


# --------------------------------------------------------------------------- layouts and outcomes

_TYPE_WORDS = {
    "current": "текущий",
    "former": "бывший",
    "potential": "потенциальный",
    "lost": "потерянный до сделки",
    "competitor": "клиент конкурента",
}


def _long_sheet(wb, original, conflict: bool = False):
    """The example's interviews rewritten in the long layout with every per-respondent column."""
    del wb["Интервью"]
    ws = wb.create_sheet("Интервью")
    ws.append(
        [
            "ID респондента",
            "ID клиента",
            "Тип респондента",
            "Общая удовлетворённость",
            "NPS",
            "Бизнес-юнит",
            "Точка контакта",
            "Важность",
            "Удовлетворённость",
        ]
    )
    unit = original.attributes["Бизнес-юнит"]
    for i, rid in enumerate(original.respondent_ids):
        for k, tp in enumerate(original.touchpoints):
            imp, sat = original.importance[i, k], original.satisfaction[i, k]
            nps = original.nps[i]
            if conflict and i == 4 and k == 3:
                nps = (nps + 1) % 11
            ws.append(
                [
                    rid,
                    original.client_ids[i],
                    _TYPE_WORDS[original.respondent_types[i]],
                    None if np.isnan(original.overall[i]) else original.overall[i],
                    # a respondent's NPS on the first row only: later rows may leave it blank
                    None if np.isnan(nps) or (k > 0 and not conflict) else nps,
                    unit[i],
                    tp,
                    None if np.isnan(imp) else imp,
                    None if np.isnan(sat) else sat,
                ]
            )


def test_long_layout_reads_every_per_respondent_column(broken):
    original = load_project(EXAMPLE).interviews
    iv = load_project(broken(lambda wb: _long_sheet(wb, original))).interviews
    np.testing.assert_array_equal(iv.satisfaction, original.satisfaction)
    np.testing.assert_array_equal(iv.importance, original.importance)
    np.testing.assert_array_equal(iv.overall, original.overall)
    np.testing.assert_array_equal(iv.nps, original.nps)
    assert iv.attributes["Бизнес-юнит"] == original.attributes["Бизнес-юнит"]
    assert not np.isnan(iv.nps).all()


def test_long_layout_refuses_two_values_for_one_respondent(broken):
    original = load_project(EXAMPLE).interviews
    error = _only_error(broken(lambda wb: _long_sheet(wb, original, conflict=True)))
    row = 1 + 4 * len(original.touchpoints) + 3 + 1  # header, 4 respondents, 4th touchpoint
    assert error.startswith(f"Интервью!E{row} (NPS): у респондента «{original.respondent_ids[4]}»")


def test_the_outcome_column_of_the_clients_sheet_is_the_outcome(broken):
    from workbooks.analysis import drivers_of

    def edit(wb):
        _set_setting(wb, "Файл транзакций", None)
        _set_setting(wb, "Столбец результата", "Численность персонала")

    project = load_project(broken(edit))
    staff = {cid: c["Численность персонала"] for cid, c in project.clients.items()}
    expected = [np.log1p(staff[c]) if c in staff else np.nan for c in project.interviews.client_ids]
    outcome, report = drivers_of(project, None, bootstrap=0)
    np.testing.assert_allclose(outcome.values, expected)
    assert outcome.transform == "log1p" and report.importance.n > 30


def test_an_unknown_outcome_column_names_the_setting_and_the_columns(broken):
    cell = {}

    def edit(wb):
        cell["c"] = _set_setting(wb, "Столбец результата", "Выручка 2024")

    error = _only_error(broken(edit))
    assert error.startswith(f"Настройки!{cell['c']}: столбец результата «Выручка 2024» не найден")
    assert "«Численность персонала»" in error


def test_a_segment_column_of_the_clients_sheet_splits_the_respondents_by_their_client(broken):
    from workbooks.analysis import segment_masks

    project = load_project(broken(lambda wb: _set_setting(wb, "Столбец сегмента", "Регион")))
    region = {cid: c["Регион"] for cid, c in project.clients.items()}
    expected = [region.get(c) for c in project.interviews.client_ids]
    masks = segment_masks(project)
    assert set(masks) == {r for r in expected if r} and len(masks) > 1
    for name, mask in masks.items():
        assert mask.tolist() == [r == name for r in expected]


def test_an_unknown_segment_column_names_the_setting_and_the_columns(broken):
    cell = {}

    def edit(wb):
        cell["c"] = _set_setting(wb, "Столбец сегмента", "Формат клуба")

    error = _only_error(broken(edit))
    assert error.startswith(f"Настройки!{cell['c']}: столбец сегмента «Формат клуба» не найден")
    assert "«Регион»" in error and "«Бизнес-юнит»" in error


def test_a_behaviour_outcome_without_transactions_is_named_at_the_outcome_setting(broken):
    cell = {}

    def edit(wb):
        _set_setting(wb, "Файл транзакций", None)
        cell["c"] = _set_setting(wb, "Результирующий показатель", "выручка")

    error = _only_error(broken(edit))
    assert error.startswith(f"Настройки!{cell['c']}: результат «выручка» считается по транзакциям")


def test_the_analysis_date_defaults_to_the_last_transaction_and_says_so(broken):
    import csv
    import datetime as dt

    def edit(wb):
        _set_setting(wb, "Дата анализа", None)

    project = load_project(broken(edit))
    with open(EXAMPLE.parent / "promtech_transactions.csv", encoding="cp1251") as f:
        last = max(
            dt.datetime.strptime(r["Дата"], "%d.%m.%Y").date()
            for r in csv.DictReader(f, delimiter=";")
        )
    assert project.settings.analysis_date == last
    [warning] = [w for w in project.warnings if w.key == "analysis_date_default"]
    assert "последняя транзакция" in warning.message


def test_clients_without_transactions_are_warned_only_when_the_outcome_uses_them(broken):
    assert any(w.key == "no_transactions" for w in load_project(EXAMPLE).warnings)
    project = load_project(broken(lambda wb: _set_setting(wb, "Результирующий показатель", "nps")))
    assert not [w for w in project.warnings if w.key == "no_transactions"]
    assert all(w.key for w in project.warnings)  # every warning says its kind


def test_workbook_and_transactions_problems_are_listed_in_one_pass(tmp_path):
    """A bad score in the workbook and a bad date in its transactions file: both at once."""
    import shutil

    import openpyxl

    book = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, book)
    tx = next(p for p in EXAMPLE.parent.glob("promtech_transactions.csv"))
    lines = tx.read_bytes().split(b"\n")
    lines[5] = lines[5].replace(b".20", b".2O", 1)  # a letter O in the year of line 6
    (tmp_path / tx.name).write_bytes(b"\n".join(lines))
    wb = openpyxl.load_workbook(book)
    ws = wb["Интервью"]
    ws.cell(3, 7).value = "отлично"  # the first answer, a word the scale does not know
    wb.save(book)
    with pytest.raises(ProjectError) as info:
        load_project(book)
    where = [p.sheet or p.message.split(":")[0] for p in info.value.problems]
    assert any(w == "Интервью" for w in where)
    assert any(tx.name in str(p) for p in info.value.problems)


def test_a_client_id_typed_with_a_cyrillic_letter_is_pointed_at_its_latin_twin(tmp_path):
    import shutil

    import openpyxl

    book = tmp_path / EXAMPLE.name
    for f in EXAMPLE.parent.glob("promtech*"):
        shutil.copy(f, tmp_path / f.name)
    wb = openpyxl.load_workbook(book)
    ws = wb["Интервью"]
    latin = ws.cell(3, 2).value  # the first respondent's client, e.g. C0826
    ws.cell(3, 2).value = "\u0421" + latin[1:]  # Cyrillic С in place of the Latin C
    wb.save(book)
    [hint] = [str(w) for w in load_project(book).warnings if "\u0421" + latin[1:] in str(w)]
    assert hint.startswith("Интервью!B3:") and f"«{latin}»" in hint and "кириллические" in hint


def test_a_repeated_wrong_answer_is_reported_at_every_cell_in_the_sheets_order(broken):
    # types, weights and scores are converted once per distinct value: a value that is wrong
    # must still be said at each of its cells, and in reading order with the score errors
    def edit(wb):
        ws = wb["Интервью"]
        ws["C3"] = ws["C5"] = "клиент-призрак"
        ws["C4"] = ws["C6"] = "текущий"
        ws["L4"] = 9  # TP01 importance on a 1–5 scale, between the two wrong types
        ws["G3"] = ws["G6"] = 11  # NPS beyond 0–10, twice

    found = _errors(broken(edit))
    cells = [p.split(" ")[0].rstrip(":") for p in found]
    assert cells == ["Интервью!C3", "Интервью!G3", "Интервью!L4", "Интервью!C5", "Интервью!G6"]
    assert "клиент-призрак" in found[0] and "клиент-призрак" in found[3]


def test_sales_points_name_touchpoints_the_journey_has(broken):
    # a typo used to be ignored without a word, and "tp07" or a touchpoint's name raised nothing
    cell = {}

    def typo(wb):
        cell["c"] = _set_setting(wb, "Точки продаж", "TP1O=1,5")

    [error] = _errors(broken(typo))
    assert error.startswith(f"Настройки!{cell['c']}") and "TP10" in error  # did you mean

    def spelt(wb):
        _set_setting(wb, "Точки продаж", "tp07=1,5; Сроки поставки=1,2")

    assert load_project(broken(spelt)).settings.sales_points == {"TP07": 1.5, "TP06": 1.2}


def test_a_sales_point_for_a_touchpoint_the_interviews_do_not_ask_about_is_said(broken):
    def edit(wb):
        _set_setting(wb, "Точки продаж", "TP12=1,5")
        ws = wb["Интервью"]  # TP12's columns, the last ones, removed
        for merged in [m for m in ws.merged_cells.ranges if m.max_col > ws.max_column - 3]:
            ws.unmerge_cells(str(merged))
        ws.delete_cols(ws.max_column - 2, 3)

    warned = [w for w in load_project(broken(edit)).warnings if w.key == "sales_point_not_asked"]
    assert len(warned) == 1 and "TP12" in warned[0].message
