"""The blank template: instructions, comments, drop-downs; and what validation says about it."""

from __future__ import annotations

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from workbooks.errors import ProjectError
from workbooks.pipeline import example_project
from workbooks.project import load_project
from workbooks.project.schema import ENUMS, SHEETS, enum_value
from workbooks.project.template import write_template


@pytest.fixture
def template(tmp_path):
    return write_template(tmp_path / "t.xlsx")


def test_template_has_every_sheet_with_comments_and_dropdowns(template):
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == ["Инструкция", *(s.ru for s in SHEETS)]
    kpi = wb["KPI"]
    headers = [c.value for c in kpi[1]]
    assert headers[:4] == ["ID KPI", "KPI", "ID точки контакта", "Уровень"]
    assert kpi["D1"].comment is not None and "финансовый" in kpi["D1"].comment.text
    lists = [dv.formula1 for dv in kpi.data_validations.dataValidation]
    assert any("финансовый" in f and "компетенции" in f for f in lists)
    # a blank grid has no cells to offer symbols in; a filled one offers them over the whole grid
    assert wb["Связи"].data_validations.dataValidation == []
    filled = openpyxl.load_workbook(example_project())["Связи"]
    [dv] = filled.data_validations.dataValidation
    assert set(dv.formula1.strip('"').split(",")) >= {"●", "○", "△"}
    assert str(dv.sqref) == f"B2:{get_column_letter(filled.max_column)}{filled.max_row}"
    settings = {r[0].value: r[1].value for r in wb["Настройки"].iter_rows(min_row=2)}
    assert settings["Шкала важности"] == "1-5" and settings["Язык"] == "ru"


def test_blank_template_validates_to_a_clear_list_of_what_to_fill(template):
    with pytest.raises(ProjectError) as info:
        load_project(template)
    messages = [str(p) for p in info.value.problems]
    assert messages == ["Путь клиента!A2: на листе нет ни одной строки данных"]


def test_no_word_means_two_values_of_an_enumeration():
    for name, values in ENUMS.items():
        words = [{w.lower() for w in spellings} for spellings in values.values()]
        for i, a in enumerate(words):
            for b in words[i + 1 :]:
                assert not a & b, (name, a & b)


def test_an_english_template_says_english_in_its_settings(tmp_path):
    ws = openpyxl.load_workbook(write_template(tmp_path / "en.xlsx", lang="en"))["Settings"]
    settings = {r[0].value: r[1].value for r in ws.iter_rows(min_row=2)}
    assert settings["Language"] == "en"
    assert [c.value for c in ws[1]][2] == "Explanation"


def test_every_word_a_column_hint_offers_is_accepted():
    """A hint such as «ручной / частично / автоматический» lists words the validator must take
    (a consultant types what the template suggests)."""
    offered = 0
    for sheet in SHEETS:
        for column in sheet.columns:
            if not column.kind.startswith("enum:"):
                continue
            for hint in (column.help_ru, column.help_en):
                if " / " not in hint:
                    continue
                for word in (w.strip() for w in hint.split("/")):
                    offered += 1
                    assert enum_value(column.kind[5:], word) is not None, (column.key, word)
    assert offered > 20
