"""Raw survey exports through a mapping into the interviews sheet."""

from __future__ import annotations

import datetime as dt

import numpy as np
import openpyxl
import pytest
from click.testing import CliRunner
from conftest import sha256

from cli import build_cli
from workbooks.errors import ProjectError
from workbooks.project import load_project
from workbooks.project.survey_import import import_survey

QUESTIONS = {
    "TP01": "сайтом и каталогом",
    "TP06": "сроками поставки",
    "TP10": "гарантийным обслуживанием",
}

MAPPING = """
[survey]
header_rows = 2

[defaults]
respondent_type = "текущий"

[[rule]]
match = "Отметка времени"
attribute = "Время"

[[rule]]
match = "re:^ИНН"
column = "client_id"

[[rule]]
match = "re:Насколько важн.*сайт"
touchpoint = "TP01"
measure = "importance"

[[rule]]
match = "re:Насколько вы удовлетворены.*сайт"
touchpoint = "TP01"
measure = "satisfaction"

[[rule]]
match = "re:удовлетворены.*сроками"
touchpoint = "TP06"
measure = "satisfaction"

[[rule]]
match = "re:удовлетворены.*гарантийным"
touchpoint = "TP10"
measure = "satisfaction"
"""


def make_export(path, answers):
    """A Google-Forms-like export: a section row merged over the questions, then question texts."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Ответы на форму"
    ws.append(["Отметка времени", "ИНН компании", "Оценки", None, None, None, "Что ещё?"])
    ws.merge_cells("C1:F1")
    ws.append(
        [
            None,
            None,
            "Насколько важно: работа с сайтом",
            f"Насколько вы удовлетворены: {QUESTIONS['TP01']}",
            f"Насколько вы удовлетворены {QUESTIONS['TP06']}?",
            f"Насколько вы удовлетворены {QUESTIONS['TP10']}?",
            None,
        ]
    )
    for row in answers:
        ws.append(row)
    wb.save(path)
    return path


ANSWERS = [
    ["2025-01-10", "C0001", 5, 4, "2", "затрудняюсь ответить", "всё хорошо"],
    ["2025-01-11", "C0002", "4", "3,5", 1, 5, '=HYPERLINK("x")'],
    ["2025-01-12", None, None, 5, "не пользовался", 4, None],
]


def test_import_writes_the_interviews_and_validates(example_copy, tmp_path):
    export = make_export(tmp_path / "export.xlsx", ANSWERS)
    mapping = tmp_path / "map.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    before = sha256(export)
    result = import_survey(export, mapping, example_copy)
    assert result.rows == 3 and result.columns == 3 * 2
    # the free-text column matched nothing and is listed, with the cell
    unmatched = [str(w) for w in result.warnings if "не сопоставлен" in str(w)]
    assert len(unmatched) == 1 and "Что ещё?" in unmatched[0] and "!G1" in unmatched[0]
    assert sha256(export) == before
    iv = load_project(example_copy).interviews
    assert iv.n == 3 and iv.touchpoints == ("TP01", "TP06", "TP10")
    np.testing.assert_array_equal(iv.importance[:, 0], [5, 4, np.nan])
    np.testing.assert_array_equal(iv.satisfaction[:, 0], [4, 3.5, 5])
    np.testing.assert_array_equal(iv.satisfaction[:, 1], [2, 1, np.nan])
    assert iv.reasons["satisfaction"][2, 1] == "not_experienced"
    assert iv.reasons["satisfaction"][0, 2] == "dont_know"
    assert iv.client_ids == ("C0001", "C0002", None)
    assert iv.respondent_types == ("current",) * 3


def test_a_bad_answer_stops_the_import_and_leaves_the_project_untouched(example_copy, tmp_path):
    export = make_export(
        tmp_path / "export.xlsx", [*ANSWERS, ["2025-01-13", "C0003", 9, 4, 4, 4, None]]
    )
    mapping = tmp_path / "map.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    before = sha256(example_copy)
    with pytest.raises(ProjectError) as info:
        import_survey(export, mapping, example_copy)
    # reported at the export's own cell (C6 of the export), not at the project's new sheet
    assert [str(p) for p in info.value.problems] == [
        "Ответы на форму!C6 (TP01: важность, шкала 1–5): значение 9 вне шкалы; ожидается 1–5"
    ]
    assert info.value.source == "export.xlsx"  # the header names the file the problem is in
    assert sha256(example_copy) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_bad_mapping_is_reported_through_the_cli(example_copy, tmp_path):
    export = make_export(tmp_path / "export.xlsx", ANSWERS)
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[[rule]]\nmatch = "re:("\ntouchpoint = "TP01"\nmeasure = "importance"\n', encoding="utf-8"
    )
    result = CliRunner().invoke(
        build_cli("ru"),
        ["import-survey", str(export), "--mapping", str(mapping), "--into", str(example_copy)],
    )
    assert result.exit_code == 1 and "ошибка в файле сопоставления" in result.output


def test_mapping_sheet_works_like_toml(example_copy, tmp_path):
    export = make_export(tmp_path / "export.xlsx", ANSWERS[:2])
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Заголовок", "Точка контакта", "Мера", "Столбец", "Признак"])
    ws.append(["re:^ИНН", None, None, "client_id", None])
    ws.append(["re:удовлетворены.*сроками", "TP06", "satisfaction", None, None])
    ws.append(["Тип", None, None, "respondent_type", None])
    mapping = tmp_path / "map.xlsx"
    wb.save(mapping)
    # header_rows defaults to 1 for a mapping sheet: the section row is the header here
    with pytest.raises(ProjectError):
        import_survey(
            export, mapping, example_copy
        )  # ИНН found, but no touchpoint question in row 1
    # a one-row export works
    wb2 = openpyxl.Workbook()
    ws2 = wb2.active
    ws2.append(["ИНН", "Насколько вы удовлетворены сроками поставки?", "Тип"])
    ws2.append(["C0005", "5", "бывший"])
    wb2.save(tmp_path / "one.xlsx")
    result = import_survey(tmp_path / "one.xlsx", mapping, example_copy)
    assert result.rows == 1
    iv = load_project(example_copy).interviews
    assert iv.touchpoints == ("TP06",) and iv.satisfaction[0, 0] == 5


def _write(tmp_path, rows, name="export.xlsx"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Ответы"
    for row in rows:
        ws.append(row)
    wb.save(tmp_path / name)
    return tmp_path / name


ONE_HEADER_MAPPING = """
[defaults]
respondent_type = "текущий"

[[rule]]
match = "Отметка времени"
column = "timestamp"

[[rule]]
match = "ИНН"
column = "client_id"

[[rule]]
match = "Роль"
column = "role"

[[rule]]
match = "re:сайт"
touchpoint = "TP01"
measure = "satisfaction"

[[rule]]
match = "re:сроки"
touchpoint = "TP06"
measure = "satisfaction"

[[rule]]
match = "Комментарий"
column = "comment"
"""
HEAD = ["Отметка времени", "ИНН", "Роль", "Оцените сайт", "Оцените сроки", "Комментарий"]


def _mapping(tmp_path, text=ONE_HEADER_MAPPING):
    path = tmp_path / "map.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_labels_with_a_score_read_as_that_score(example_copy, tmp_path):
    answers = [
        "1 — совсем не удовлетворен",
        "5 - полностью",
        "(4) скорее да",
        "4 из 5",
        "3 балла",
        "полностью удовлетворён (5)",
    ]
    rows = [HEAD] + [
        [f"2025-02-0{i + 1} 10:00:00", f"C000{i + 1}", "ЛПР", a, 3, None]
        for i, a in enumerate(answers)
    ]
    import_survey(_write(tmp_path, rows), _mapping(tmp_path), example_copy)
    iv = load_project(example_copy).interviews
    np.testing.assert_array_equal(iv.satisfaction[:, 0], [1, 5, 4, 4, 3, 5])


def test_word_scale_matches_whatever_the_case_dashes_and_punctuation(example_copy, tmp_path):
    wb = openpyxl.load_workbook(example_copy)
    for row in wb["Настройки"].iter_rows(min_row=2):
        if row[0].value == "Словесная шкала":
            row[
                1
            ].value = "совсем не удовлетворён=1; скорее удовлетворён=4; полностью удовлетворён=5"
    wb.save(example_copy)
    words = ["Совсем  не-удовлетворен!", "СКОРЕЕ УДОВЛЕТВОРЕН.", "полностью — удовлетворён"]
    rows = [HEAD] + [[None, f"C000{i + 1}", "ЛПР", w, 3, None] for i, w in enumerate(words)]
    import_survey(_write(tmp_path, rows), _mapping(tmp_path), example_copy)
    np.testing.assert_array_equal(
        load_project(example_copy).interviews.satisfaction[:, 0], [1, 4, 5]
    )


def test_an_unreadable_answer_is_named_at_the_export_cell_with_the_setting_to_fix_it(
    example_copy, tmp_path
):
    rows = [HEAD, [None, "C0001", "ЛПР", 4, 3, None], [None, "C0002", "ЛПР", "отлично", 3, None]]
    before = sha256(example_copy)
    with pytest.raises(ProjectError) as info:
        import_survey(_write(tmp_path, rows), _mapping(tmp_path), example_copy)
    [problem] = info.value.problems
    assert (problem.sheet, problem.cell) == ("Ответы", "D3")
    assert "получено «отлично»" in problem.message and "«Словесная шкала»" in problem.message
    assert "«отлично=4»" in problem.message
    assert sha256(example_copy) == before


def test_the_header_rows_are_detected_and_a_wrong_count_is_an_error(example_copy, tmp_path):
    rows = [HEAD, [None, "C0001", "ЛПР", 4, 5, None], [None, "C0002", "ЛВР", 2, 3, None]]
    export = _write(tmp_path, rows)
    result = import_survey(export, _mapping(tmp_path), example_copy)  # no header_rows: detected
    assert result.rows == 2
    wrong = _mapping(tmp_path, "[survey]\nheader_rows = 2\n" + ONE_HEADER_MAPPING)
    with pytest.raises(ProjectError) as info:
        import_survey(export, wrong, example_copy)
    [problem] = info.value.problems
    assert (problem.sheet, problem.cell) == ("Ответы", "D2")
    assert problem.message.startswith("в файле сопоставления header_rows = 2, а шапка выгрузки ")
    assert (
        "занимает 1 строку: ответы начинаются со строки 2 (например, D2 = «4»)" in problem.message
    )


def test_a_two_row_header_is_detected(example_copy, tmp_path):
    export = make_export(tmp_path / "export.xlsx", ANSWERS)
    mapping = _mapping(tmp_path, MAPPING.replace("header_rows = 2", ""))
    result = import_survey(export, mapping, example_copy)
    assert result.rows == 3


def test_repeated_submissions_are_dropped_with_both_row_numbers(example_copy, tmp_path):
    same = ["2025-02-01 10:00:00", "C0001", "ЛПР", 4, 5, "ок"]
    later = ["2025-02-03 09:00:00", "C0001", "ЛВР", 4, 5, "ок"]
    rows = [HEAD, same, [None, "C0002", "ЛВР", 2, 3, None], list(same), later]
    export = _write(tmp_path, rows)
    result = import_survey(export, _mapping(tmp_path), example_copy)
    assert result.rows == 3 and result.dropped == 1
    [dropped] = [w for w in result.warnings if w.key == "duplicate_submission"]
    assert (dropped.sheet, dropped.cell) == ("Ответы", "A4")
    assert dropped.message.startswith("строка 4 повторяет строку 2 во всех сопоставленных столбцах")
    [similar] = [w for w in result.warnings if w.key == "same_answers"]
    assert similar.message.startswith("строки 2 и 5: у клиента «C0001» одинаковые ответы")
    assert "«Дата и время», «Роль»" in similar.message
    iv = load_project(example_copy).interviews
    assert iv.client_ids == ("C0001", "C0002", "C0001")
    keep = _mapping(tmp_path, '[survey]\nduplicates = "keep"\n' + ONE_HEADER_MAPPING)
    assert import_survey(export, keep, example_copy).rows == 4


def test_a_repeat_sent_at_another_time_is_not_a_duplicate_even_if_the_time_is_unmapped(
    example_copy, tmp_path
):
    mapping = _mapping(
        tmp_path, ONE_HEADER_MAPPING.replace('column = "timestamp"', 'attribute = "t"')
    )
    text = mapping.read_text(encoding="utf-8").replace(
        '[[rule]]\nmatch = "Отметка времени"\nattribute = "t"\n', ""
    )
    mapping.write_text(text, encoding="utf-8")
    rows = [HEAD, ["2025-02-01 10:00:00", "C0001", "ЛПР", 4, 5, None]]
    rows.append(["2025-02-02 10:00:00", "C0001", "ЛПР", 4, 5, None])
    result = import_survey(_write(tmp_path, rows), mapping, example_copy)
    assert result.rows == 2 and result.dropped == 0


def test_values_are_recoded_in_any_column(example_copy, tmp_path):
    text = ONE_HEADER_MAPPING + (
        '\n[[rule]]\nmatch = "Отрасль"\nattribute = "Отрасль"\n'
        '\n[recode.role]\n"Закупки" = "ЛВР"\n"Генеральный директор" = "ЛПР"\n'
        '\n[recode."Отрасль"]\n"стройка" = "Строительство"\n'
    )
    rows = [[*HEAD, "Отрасль"]]
    rows += [[None, "C0001", "закупки", 4, 5, None, "Стройка"]]
    rows += [[None, "C0002", "Генеральный  директор", 4, 5, None, "Энергетика"]]
    import_survey(_write(tmp_path, rows), _mapping(tmp_path, text), example_copy)
    iv = load_project(example_copy).interviews
    assert iv.roles == ("influencer", "decision_maker")
    assert iv.attributes["Отрасль"] == ("Строительство", "Энергетика")


def test_formulas_in_the_export_keep_their_text_in_comments_and_stop_scores(example_copy, tmp_path):
    rows = [HEAD, [None, "C0001", "ЛПР", 4, 5, '=HYPERLINK("https://x.org","письмо")']]
    result = import_survey(_write(tmp_path, rows), _mapping(tmp_path), example_copy)
    [kept] = [w for w in result.warnings if w.key == "formula_kept_text"]
    assert (kept.sheet, kept.cell) == ("Ответы", "F2")
    rows.append([None, "C0002", "ЛПР", "=2+2", 5, None])
    with pytest.raises(ProjectError) as info:
        import_survey(_write(tmp_path, rows), _mapping(tmp_path), example_copy)
    [problem] = info.value.problems
    assert (problem.sheet, problem.cell, problem.key) == ("Ответы", "D3", "formula_no_value")


def _parts(path) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _part_of(path, sheet: str) -> str:
    """The zip part holding a sheet, found through the workbook's relationships."""
    import zipfile

    from workbooks.project.xlsx import Package

    with zipfile.ZipFile(path) as z:
        return next(s.part for s in Package(z).sheets if s.name == sheet)


def _with_cached_formula(path):
    """KPI!I2 of the example as Excel saves a formula: =1000+40 with its value 1040 stored."""
    parts = _parts(path)
    part = _part_of(path, "KPI")
    xml = parts[part].decode()
    start = xml.index('<c r="I2"')
    end = xml.index("</c>", start) + 4
    parts[part] = (xml[:start] + '<c r="I2"><f>1000+40</f><v>1040</v></c>' + xml[end:]).encode()
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_import_changes_the_interviews_sheet_only(example_copy, tmp_path):
    _with_cached_formula(example_copy)
    before = _parts(example_copy)
    export = make_export(tmp_path / "export.xlsx", ANSWERS)
    import_survey(export, _mapping(tmp_path, MAPPING), example_copy)
    after = _parts(example_copy)
    assert list(after) == list(before)
    changed = [n for n in before if before[n] != after[n]]
    interviews = _part_of(example_copy, "Интервью")
    assert changed == [interviews]  # the interviews sheet's part, nothing else
    project = load_project(example_copy)
    kpi = next(k for k in project.kpis if k.row == 2)
    assert kpi.actual == 1040  # the formula elsewhere keeps its stored value
    old, new = (
        before["xl/worksheets/sheet3.xml"].decode(),
        after["xl/worksheets/sheet3.xml"].decode(),
    )
    for kept in ("<cols>", "<legacyDrawing", "<pane "):  # widths, header comments, frozen panes
        assert (kept in old) == (kept in new), kept
    wb = openpyxl.load_workbook(example_copy)  # a book other programs open
    assert wb["Интервью"]["A3"].value == "R0001" and wb["KPI"]["I2"].value == "=1000+40"


def test_the_templates_drop_downs_on_the_interviews_sheet_stay(tmp_path):
    from workbooks.examples.shapes import build_export

    export, mapping, project = build_export(tmp_path)
    before = openpyxl.load_workbook(project)["Интервью"].data_validations.dataValidation
    import_survey(export, mapping, project)
    after = openpyxl.load_workbook(project)["Интервью"].data_validations.dataValidation
    assert [str(v.sqref) for v in after] == [str(v.sqref) for v in before] and after


def test_the_latest_survey_timestamp_is_the_analysis_date_and_is_said(tmp_path):
    from workbooks.examples.shapes import build_export

    export, mapping, project = build_export(tmp_path)
    ws = openpyxl.load_workbook(export)["Ответы на форму (1)"]
    latest = max(c.value for c in ws["A"][1:]).date()  # read independently of the import
    result = import_survey(export, mapping, project)
    [said] = [w for w in result.warnings if w.key == "analysis_date_default"]
    assert "«Дата и время»" in said.message
    assert load_project(project).settings.analysis_date == latest


def test_timestamps_written_as_text_are_dates(example_copy, tmp_path):
    rows = [HEAD, ["10.03.2025 14:05:33", "C0001", "ЛПР", 4, 5, None]]
    rows.append(["2025-03-11T09:00:00Z", "C0002", "ЛВР", 3, 4, None])
    import_survey(_write(tmp_path, rows), _mapping(tmp_path), example_copy)
    stamps = load_project(example_copy).interviews.timestamps
    assert stamps == (dt.date(2025, 3, 10), dt.date(2025, 3, 11))


def test_the_import_validates_what_its_file_reads_back(example_copy, tmp_path):
    # the written sheet is validated in memory, as written_grid says it will read back: the
    # file read afterwards must give exactly those sheets, type for type
    from workbooks.project.reader import read_grids, written_grid
    from workbooks.project.survey_import import _layout, map_export, read_mapping

    messy = [["2025-01-13\r\nвечер", "C0003", 3, 3.0, 2, "  ", "x"], *ANSWERS]
    export = make_export(tmp_path / "export.xlsx", messy)
    mapping = _mapping(tmp_path, MAPPING)
    before = read_grids(example_copy)
    import_survey(export, mapping, example_copy)
    rows, merges, _ = _layout(map_export(export, read_mapping(mapping)), "ru")
    want = {**before, "Интервью": written_grid("Интервью", rows(), merges)}
    got = read_grids(example_copy)

    def typed(grids):
        return {
            n: ([[(type(v), v) for v in row] for row in g.rows], g.merged) for n, g in grids.items()
        }

    assert list(got) == list(want) and typed(got) == typed(want)
    assert "2025-01-13\r\nвечер" in got["Интервью"].rows[2]  # a carriage return kept


def test_a_blank_answer_of_a_mapped_column_takes_its_default_or_says_how_to_give_one(
    example_copy, tmp_path
):
    typed = ONE_HEADER_MAPPING.replace(
        "[[rule]]", '[[rule]]\nmatch = "Тип"\ncolumn = "respondent_type"\n\n[[rule]]', 1
    )
    rows = [
        [*HEAD, "Тип"],
        ["2025-02-01 10:00:00", "C0001", "ЛПР", 4, 3, None, "бывший"],
        ["2025-02-02 10:00:00", "C0002", "ЛПР", 5, 4, None, None],  # the type left blank
    ]
    export = _write(tmp_path, rows)
    no_default = typed.replace('respondent_type = "текущий"\n', "")
    with pytest.raises(ProjectError) as info:
        import_survey(export, _mapping(tmp_path, no_default), example_copy)
    [blank] = info.value.problems
    assert blank.cell == "G3" and "[defaults] respondent_type" in blank.message
    import_survey(export, _mapping(tmp_path, typed), example_copy)
    assert load_project(example_copy).interviews.respondent_types == ("former", "current")
