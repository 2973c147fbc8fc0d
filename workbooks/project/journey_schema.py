"""The two optional sheets of journey design: segment paths (as-is / to-be) and attribute segments.

Declared like every sheet of :mod:`workbooks.project.schema` (Russian and English names, a help
text per column), so the template writer, the reader and the validator read one declaration.
Their enumerations (path, step kind, milestone) are added to :data:`schema.ENUMS` on import, so
drop-downs and :func:`~workbooks.project.schema.enum_value` know them.
"""

from __future__ import annotations

import re

from workbooks.project.schema import ENUMS, Column, SheetSpec, normalise

__all__ = [
    "ATTRIBUTE_SEGMENTS",
    "BEHAVIOUR_ATTRIBUTES",
    "CLUSTER_NAME",
    "JOURNEY_ENUMS",
    "JOURNEY_SHEETS",
    "PATHS",
    "RULE_AND",
    "RULE_OR",
    "behaviour_attribute",
    "behaviour_words",
]

# canonical value -> (Russian word, English word, *other accepted spellings)
JOURNEY_ENUMS: dict[str, dict[str, tuple[str, ...]]] = {
    "path": {
        "as_is": ("КАК ЕСТЬ", "AS IS", "как есть сейчас", "as-is", "текущий", "current"),
        "to_be": ("КАК БУДЕТ", "TO BE", "как должно быть", "to-be", "целевой", "target"),
    },
    "step_kind": {
        "visit": (
            "личный визит",
            "personal visit",
            "визит",
            "личное посещение",
            "очно",
            "visit",
            "in person",
        ),
        "self": (
            "самостоятельно клиентом",
            "self-service by the client",
            "самостоятельно",
            "самостоятельное заполнение",
            "self-service",
            "self service",
            "self",
        ),
        "proactive": (
            "проактивно компанией",
            "proactive by the company",
            "проактивно",
            "проактивный",
            "автоматически",
            "proactive",
            "automatic",
        ),
    },
    "milestone": {
        "start": ("стартовое событие", "start event", "старт", "start"),
        "result": ("ценностный результат", "value result", "результат", "result"),
    },
}
for _name, _values in JOURNEY_ENUMS.items():  # the schema's enumerations know them too
    ENUMS.setdefault(_name, _values)

# Payment-behaviour measures a rule may name, computed from the transactions per client.
BEHAVIOUR_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "revenue": ("выручка", "revenue"),
    "orders": ("число заказов", "orders", "заказов", "number of orders"),
    "check": ("средний чек", "average check", "monetary"),
    "recency": ("давность, дни", "recency, days", "давность", "recency"),
}


def behaviour_words(lang: str) -> str:
    """The behaviour measures a rule may name, in the reader's language."""
    return ", ".join(s[0] if lang == "ru" else s[1] for s in BEHAVIOUR_ATTRIBUTES.values())


def behaviour_attribute(word: object) -> str | None:
    """The behaviour measure a rule names, or None.

    >>> behaviour_attribute("Средний чек"), behaviour_attribute("Регион")
    ('check', None)
    """
    folded = normalise(word)
    for key, spellings in BEHAVIOUR_ATTRIBUTES.items():
        if folded in {normalise(s) for s in spellings}:
            return key
    return None


# The words of the rule grammar (workbooks.project.journey_sheets): conditions are joined by
# AND, alternative values of one attribute by OR.
RULE_AND = ("и", "and")
RULE_OR = ("или", "or")

# A path's segment written S1, S2…: a k-means cluster (the S may be Latin or Cyrillic).
CLUSTER_NAME = re.compile(r"^\s*[SС](\d+)\s*$", re.IGNORECASE)

C = Column

PATHS = SheetSpec(
    "paths",
    "Пути сегментов",
    "Segment paths",
    (
        C(
            "segment",
            "Сегмент",
            "Segment",
            "text",
            True,
            "Название сегмента: сегмент по признакам (лист «Сегменты по признакам») или кластер S1, S2…",
            "Segment name: an attribute segment (the 'Attribute segments' sheet) or a cluster S1, S2…",
        ),
        C(
            "path",
            "Путь",
            "Path",
            "enum:path",
            True,
            "КАК ЕСТЬ — текущий путь, КАК БУДЕТ — целевой",
            "AS IS: today's path, TO BE: the target path",
        ),
        C(
            "order",
            "№ шага",
            "Step order",
            "int",
            True,
            "Порядок шага в пути; одинаковый номер — шаги идут параллельно",
            "Order of the step; equal numbers run in parallel",
        ),
        C("step", "Шаг", "Step", "text", True, "Что делает клиент", "What the client does"),
        C(
            "kind",
            "Тип шага",
            "Step kind",
            "enum:step_kind",
            True,
            "личный визит / самостоятельно клиентом / проактивно компанией",
            "personal visit / self-service by the client / proactive by the company",
        ),
        C("channel", "Канал", "Channel", "text", False, "сайт, телефон, ЭДО…", "site, phone…"),
        C(
            "touchpoint_id",
            "ID точки контакта",
            "Touchpoint ID",
            "id",
            False,
            "Точка контакта с листа «Путь клиента» (пусто — шаг вне точек контакта)",
            "A touchpoint of the Journey sheet (blank: a step outside the touchpoints)",
            ("точка контакта", "touchpoint"),
        ),
        C(
            "need",
            "Потребность",
            "Need",
            "text",
            False,
            "Чего ждёт клиент",
            "What the client expects",
        ),
        C("problem", "Проблема", "Problem", "text", False, "Что мешает", "What gets in the way"),
        C(
            "recommendation",
            "Рекомендация",
            "Recommendation",
            "text",
            False,
            "Как устранить проблему",
            "How to remove the problem",
        ),
        C("effect", "Эффект", "Effect", "text", False, "Ожидаемый эффект", "Expected effect"),
        C(
            "duration",
            "Длительность, дней",
            "Duration, days",
            "number",
            False,
            "Сколько дней занимает шаг (0,5 — полдня)",
            "Days the step takes (0.5: half a day)",
            ("длительность", "duration", "дней", "days"),
        ),
        C(
            "milestone",
            "Веха",
            "Milestone",
            "enum:milestone",
            False,
            "стартовое событие / ценностный результат (пусто — первый и последний шаги)",
            "start event / value result (blank: the first and the last steps)",
        ),
    ),
    help_ru=(
        "Путь КАК ЕСТЬ и путь КАК БУДЕТ для каждого сегмента: шаги по порядку, тип шага "
        "(личный визит, самостоятельно клиентом, проактивно компанией), потребности, проблемы, "
        "рекомендации и эффект. Сравнение: убранные шаги, ставшие проактивными, сэкономленные "
        "визиты, время до ценностного результата и приоритеты QFD, которые закрывают изменения."
    ),
    help_en=(
        "The AS IS and TO BE paths of each segment: steps in order, step kind (personal visit, "
        "self-service by the client, proactive by the company), needs, problems, recommendations "
        "and effect. Compared: steps removed, made proactive, visits avoided, time to the value "
        "result and the QFD priorities the changes address."
    ),
)

ATTRIBUTE_SEGMENTS = SheetSpec(
    "attribute_segments",
    "Сегменты по признакам",
    "Attribute segments",
    (
        C(
            "segment",
            "Сегмент",
            "Segment",
            "text",
            True,
            "Название сегмента, например «Энергохолдинги»",
            "Segment name, e.g. 'Energy holdings'",
        ),
        C(
            "rule",
            "Правило",
            "Rule",
            "text",
            True,
            "Признак, оператор (= ≠ > ≥ < ≤), значение; условия через «и», значения через «или»: "
            "«Бизнес-юнит = Энергетика и Численность персонала > 1000»",
            "Attribute, operator (= != > >= < <=), value; conditions joined by 'and', values by "
            "'or': 'Business unit = Energy and Staff > 1000'",
        ),
        C("description", "Описание", "Description", "text", False),
    ),
    help_ru=(
        "Сегменты по отдельным признакам клиентов или респондентов (могут пересекаться): "
        "правило над столбцами листов «Клиенты», «Интервью» или показателями поведения "
        "(выручка, число заказов, средний чек, давность, дни)."
    ),
    help_en=(
        "Segments by single attributes of clients or respondents (they may overlap): a rule over "
        "the columns of the Clients or Interviews sheets or behaviour measures (revenue, orders, "
        "average check, recency, days)."
    ),
)

JOURNEY_SHEETS: tuple[SheetSpec, ...] = (PATHS, ATTRIBUTE_SEGMENTS)
