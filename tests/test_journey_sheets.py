"""The segment-path and attribute-segment sheets: the rule grammar, and every problem located by
cell, in both languages, in one pass."""

from __future__ import annotations

import pytest

from workbooks.errors import Problems
from workbooks.project.journey_sheets import parse_rule, read_journey_design
from workbooks.project.model import Touchpoint
from workbooks.project.reader import Grid
from workbooks.project.tables import Ctx

TOUCHPOINTS = (
    Touchpoint("TP01", "Сайт", "Поиск", 1, ("сайт",)),
    Touchpoint("TP02", "Заявка", "Поиск", 1, ("телефон",)),
)
CLIENTS = {
    "C1": {"client_name": "А", "Отрасль": "Энергетика", "Численность персонала": 1200},
    "C2": {"client_name": "Б", "Отрасль": "Стройка", "Численность персонала": "80"},
}
RESPONDENTS = {"Должность": ("Главный инженер", "Директор")}
PATH_HEAD = [
    "Сегмент",
    "Путь",
    "№ шага",
    "Шаг",
    "Тип шага",
    "Канал",
    "ID точки контакта",
    "Длительность, дней",
    "Веха",
]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Отрасль = Энергетика", [("Отрасль", "=", ["Энергетика"])]),
        ("Численность персонала ≥ 1 000", [("Численность персонала", ">=", ["1 000"])]),
        (
            "Регион ≠ Москва; Выручка < 2,5",
            [("Регион", "!=", ["Москва"]), ("Выручка", "<", ["2,5"])],
        ),
        (
            "Industry = Energy and Staff <= 100",
            [("Industry", "=", ["Energy"]), ("Staff", "<=", ["100"])],
        ),
        ("Регион = «Урал» или Сибирь", [("Регион", "=", ["Урал", "Сибирь"])]),
        ("Этап = Монтаж и запуск", [("Этап", "=", ["Монтаж и запуск"])]),
        ("Регион Урал", None),
        ("= Урал", None),
        ("Регион =", None),
        ("Регион = Урал или Штат > 5", None),
    ],
)
def test_rule_grammar(text, expected):
    assert parse_rule(text) == expected


def _read(grids, lang="ru"):
    problems = Problems(lang=lang)
    design = read_journey_design(grids, TOUCHPOINTS, CLIENTS, RESPONDENTS, Ctx(problems, lang))
    return design, problems


def _grids(paths, segments):
    return {
        "Пути сегментов": Grid("Пути сегментов", [PATH_HEAD, *paths]),
        "Сегменты по признакам": Grid("Сегменты по признакам", [["Сегмент", "Правило"], *segments]),
    }


def test_a_valid_design_is_read():
    design, problems = _read(
        _grids(
            [
                [
                    "Крупные",
                    "КАК ЕСТЬ",
                    1,
                    "Звонок",
                    "личный визит",
                    "телефон",
                    "TP02",
                    2,
                    "стартовое событие",
                ],
                [
                    "Крупные",
                    "как будет",
                    1,
                    "Портал",
                    "самостоятельно",
                    "сайт",
                    "Заявка",
                    "0,5",
                    None,
                ],
                ["S2", "TO BE", 2, "Уведомление", "проактивно компанией", None, None, None, None],
            ],
            [
                ["Крупные", "Отрасль = энергетика и Численность персонала > 1000"],
                ["Инженеры", "Должность = Главный инженер"],
                ["Частые", "Число заказов >= 10"],
            ],
        )
    )
    assert problems.errors == [] and problems.warnings == []
    assert design.has_paths and design.has_segments
    a, b, c = design.steps
    assert (a.path, a.kind, a.touchpoint, a.duration, a.milestone, a.row) == (
        "as_is",
        "visit",
        "TP02",
        2,
        "start",
        2,
    )
    assert (b.path, b.kind, b.touchpoint, b.duration) == ("to_be", "self", "TP02", 0.5)  # by name
    assert c.segment == "S2" and c.kind == "proactive"
    big, engineers, frequent = design.segments
    assert [(x.attribute, x.op, x.values) for x in big.conditions] == [
        ("client:Отрасль", "=", ("энергетика",)),
        ("client:Численность персонала", ">", (1000.0,)),
    ]
    assert engineers.conditions[0].attribute == "respondent:Должность"
    assert frequent.conditions[0].attribute == "behaviour:orders"


BROKEN = (
    [
        [
            "Крупные",
            "КАК ЕСТЬ",
            1,
            "Звонок",
            "по телефону",
            "телефон",
            "TP09",
            -1,
            "стартовое событие",
        ],
        ["Крупные", "КАК ЕСТЬ", 2, "Ещё", "личный визит", None, None, None, "стартовое событие"],
        ["Мелкие", "вчера", "первый", None, "личный визит", None, None, None, None],
        ["Прочие", "КАК БУДЕТ", 1, "Шаг", "личный визит", None, None, None, None],
    ],
    [
        ["Крупные", "Отрасл = Энергетика"],
        ["Крупные", "Отрасль = Энергетика"],
        ["Средние", "Численность персонала > много"],
        ["Южные", "Отрасль > 5"],
        [None, "Отрасль = Стройка"],
        ["Без правила", None],
        ["Код", "__import__('os').system('echo hacked') = 1"],
        ["Пустые", "Отрасль = Энергетка"],
    ],
)


def test_every_problem_is_located_in_one_pass():
    _, problems = _read(_grids(*BROKEN))
    where = sorted(f"{p.sheet}!{p.cell}" for p in problems.errors)
    assert where == sorted(
        [
            "Пути сегментов!E2",  # step kind not in the list
            "Пути сегментов!G2",  # unknown touchpoint
            "Пути сегментов!H2",  # negative duration
            "Пути сегментов!I3",  # a second start event in one path
            "Пути сегментов!B4",  # path neither as-is nor to-be
            "Пути сегментов!C4",  # order not a number
            "Пути сегментов!D4",  # step missing
            "Сегменты по признакам!B2",  # attribute misspelt
            "Сегменты по признакам!A3",  # the segment named twice
            "Сегменты по признакам!B4",  # > needs a number
            "Сегменты по признакам!B5",  # > on a text attribute
            "Сегменты по признакам!A6",  # no name
            "Сегменты по признакам!B7",  # no rule
            "Сегменты по признакам!B8",  # not an attribute: code is never run
        ]
    )
    hint = next(p for p in problems.errors if p.cell == "B2").message
    assert "«Отрасль»" in hint  # did you mean
    warned = {(p.cell, p.key) for p in problems.warnings}
    assert warned == {
        ("B9", "journey_value_unseen"),  # «Энергетка»: no client has it
        ("A4", "journey_segment_unlinked"),  # «Мелкие» and «Прочие» are no segment or cluster
        ("A5", "journey_segment_unlinked"),
    }


def test_the_duplicate_milestone_is_reported_once_the_first_step_is_valid():
    paths = [
        ["Крупные", "КАК ЕСТЬ", 1, "Старт", "личный визит", None, None, None, "стартовое событие"],
        ["Крупные", "КАК ЕСТЬ", 2, "Ещё", "личный визит", None, None, None, "старт"],
        ["Крупные", "КАК БУДЕТ", 1, "Старт", "личный визит", None, None, None, "стартовое событие"],
    ]
    _, problems = _read(_grids(paths, [["Крупные", "Отрасль = Энергетика"]]))
    assert [(p.cell, p.key) for p in problems.errors] == [("I3", "journey_duplicate_milestone")]


def test_messages_are_in_the_users_language():
    _, ru = _read(_grids(*BROKEN), "ru")
    _, en = _read(_grids(*BROKEN), "en")
    assert len(ru.errors) == len(en.errors)
    by_cell = {p.cell: p.message for p in en.errors if p.sheet == "Сегменты по признакам"}
    assert by_cell["B2"].startswith("attribute 'Отрасл' not found")
    assert "did you mean 'Отрасль'" in by_cell["B2"]
    assert (
        by_cell["B4"]
        == "'Численность персонала > много': the comparison '>' needs one number and a numeric attribute"
    )
    ru_cells = {p.cell: p.message for p in ru.errors if p.sheet == "Сегменты по признакам"}
    assert ru_cells["B2"].startswith("признак «Отрасл» не найден")


def test_a_project_without_the_sheets_reads_as_empty():
    design, problems = _read({})
    assert (design.has_paths, design.has_segments, design.steps, design.segments) == (
        False,
        False,
        (),
        (),
    )
    assert problems.errors == []
