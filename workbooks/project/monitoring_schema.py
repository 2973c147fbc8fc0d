"""The workbook format of continuous monitoring: its optional sheets, its settings and the words
it accepts (docs/method.md §13).

* «Словари тем» / *Theme dictionaries*: a theme, its words, optionally its touchpoint — when the
  sheet is present, open comments are sorted into these themes first (and the report says so).
* «Операционные данные» / *Operational data*: monthly values of operational KPIs (the KPI sheet's
  IDs), long (period, KPI ID, value) or wide (period, then one column per KPI ID).
* Settings on the «Настройки» sheet: the wave column of the interviews, whether the drivers and
  the QFD pool the waves, the event-log file and the thresholds of the early warnings.

Names are matched after :func:`workbooks.project.schema.normalise`, like every other sheet.
"""

from __future__ import annotations

from workbooks.project.schema import Column, Setting, SheetSpec, normalise

__all__ = [
    "COMMENT_WORDS",
    "EVENT_COLUMNS",
    "MONITORING_SETTINGS",
    "MONITORING_SHEETS",
    "MONTHS",
    "OPERATIONS",
    "THEMES",
    "WAVE_COLUMN_WORDS",
    "monitoring_setting",
]

C = Column

THEMES = SheetSpec(
    "themes",
    "Словари тем",
    "Theme dictionaries",
    (
        C(
            "theme",
            "Тема",
            "Theme",
            "text",
            True,
            "Название темы, как его увидит клиент: «Сроки поставки»",
            "Theme name as the client will read it: 'Delivery delays'",
        ),
        C(
            "words",
            "Слова",
            "Words",
            "text",
            True,
            "Слова и выражения через «;»: срок; задержка; опоздание поставки",
            "Words and phrases separated by ';': late; delay; delivery date",
            ("ключевые слова", "keywords"),
        ),
        C(
            "touchpoint_id",
            "ID точки контакта",
            "Touchpoint ID",
            "id",
            False,
            "Точка контакта, к которой относится тема (необязательно)",
            "The touchpoint the theme concerns (optional)",
            ("точка контакта", "touchpoint"),
        ),
    ),
    help_ru=(
        "Темы открытых комментариев и их слова. Если лист есть, комментарии сначала "
        "распределяются по этим темам; остальные темы находятся автоматически."
    ),
    help_en=(
        "Themes of open comments and their words. When the sheet is present, comments are "
        "sorted into these themes first; further themes are found automatically."
    ),
)

OPERATIONS = SheetSpec(
    "operations",
    "Операционные данные",
    "Operational data",
    (
        C(
            "period",
            "Период",
            "Period",
            "text",
            True,
            "Месяц: 01.03.2025, 2025-03 или «март 2025»",
            "Month: 2025-03-01, 2025-03 or 'March 2025'",
            ("месяц", "month"),
        ),
        C(
            "kpi_id",
            "ID KPI",
            "KPI ID",
            "id",
            True,
            "ID показателя с листа KPI",
            "KPI ID from the KPI sheet",
            ("kpi",),
        ),
        C("value", "Значение", "Value", "number", True, "Факт за месяц", "Actual of the month"),
    ),
    help_ru=(
        "Помесячные значения операционных KPI (O-data): период, ID KPI, значение — или "
        "период и по столбцу на каждый ID KPI."
    ),
    help_en=(
        "Monthly values of operational KPIs (O-data): period, KPI ID, value — or the period "
        "and one column per KPI ID."
    ),
)

MONITORING_SHEETS: tuple[SheetSpec, ...] = (THEMES, OPERATIONS)

MONITORING_SETTINGS: tuple[Setting, ...] = (
    Setting(
        "wave_column",
        "Столбец волны",
        "Wave column",
        "",
        "text",
        "Столбец листа «Интервью» с волной опроса (дата или месяц интервью, номер волны); "
        "по умолчанию «Волна»",
        "Interviews column holding the survey wave (interview date or month, wave number); "
        "'Wave' by default",
    ),
    Setting(
        "pool_waves",
        "Объединять волны",
        "Pool waves",
        "no",
        "enum:bool",
        "да — драйверы и QFD по всем волнам вместе; нет — по последней волне",
        "yes: drivers and the QFD use all waves together; no: the latest wave",
    ),
    Setting(
        "event_log_file",
        "Файл журнала событий",
        "Event log file",
        "",
        "path",
        "CSV, Parquet или xlsx рядом с книгой: случай, операция, начало, окончание, исполнитель",
        "CSV, Parquet or xlsx next to the workbook: case, activity, start, end, resource",
    ),
    Setting(
        "warning_alpha",
        "Уровень значимости предупреждений",
        "Warning significance level",
        0.01,
        "number",
        "Изменение между волнами — сигнал, если p (Холм) меньше этого уровня",
        "A change between waves is flagged when its Holm p-value is below this level",
    ),
    Setting(
        "baseline_waves",
        "Базовых волн контрольной карты",
        "Control chart baseline waves",
        6,
        "number",
        "Первые волны, по которым строится центральная линия карты EWMA",
        "The first waves that set the centre line of the EWMA chart",
    ),
    Setting(
        "sleeping_quantile",
        "Квантиль интервала покупок",
        "Purchase interval quantile",
        0.9,
        "number",
        "Клиент «уснул», если не покупал дольше этого квантиля интервалов между заказами "
        "своего сегмента",
        "A client is sleeping after a gap longer than this quantile of the segment's gaps "
        "between orders",
    ),
)

# Default names of the wave column when the settings name none (the first two are shown).
WAVE_COLUMN_WORDS = ("Волна", "Wave", "Волна опроса", "Survey wave", "Месяц опроса", "Period")

# Per-touchpoint columns of a survey («TP06: комментарий», «TP06 — NPS», «Сроки поставки: CES»)
COMMENT_WORDS = ("комментарий", "comment", "почему", "why", "отзыв", "открытый ответ")
NPS_WORDS = ("nps", "готовность рекомендовать", "likelihood to recommend")
CES_WORDS = ("ces", "усилия клиента", "customer effort")

# Months as words (genitive and nominative, short forms) for periods such as «март 2025».
MONTHS: dict[str, int] = {
    normalise(word): k
    for k, words in enumerate(
        (
            ("январь", "января", "янв", "january", "jan"),
            ("февраль", "февраля", "фев", "february", "feb"),
            ("март", "марта", "мар", "march", "mar"),
            ("апрель", "апреля", "апр", "april", "apr"),
            ("май", "мая", "may"),
            ("июнь", "июня", "июн", "june", "jun"),
            ("июль", "июля", "июл", "july", "jul"),
            ("август", "августа", "авг", "august", "aug"),
            ("сентябрь", "сентября", "сен", "сент", "september", "sep", "sept"),
            ("октябрь", "октября", "окт", "october", "oct"),
            ("ноябрь", "ноября", "ноя", "november", "nov"),
            ("декабрь", "декабря", "дек", "december", "dec"),
        ),
        start=1,
    )
    for word in words
}

# The usual process-mining columns of an event log: canonical name -> accepted headers.
EVENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "case_id": ("case_id", "case", "case id", "случай", "заявка", "id случая", "номер заявки"),
    "activity": ("activity", "операция", "действие", "активность", "шаг", "step", "activity name"),
    "start": ("start", "start_timestamp", "start time", "начало", "время начала", "дата начала"),
    "end": (
        "end",
        "complete",
        "end_timestamp",
        "end time",
        "complete timestamp",
        "окончание",
        "конец",
        "время окончания",
        "дата окончания",
        "timestamp",
    ),
    "resource": ("resource", "исполнитель", "ресурс", "сотрудник", "org:resource"),
}
EVENT_REQUIRED = ("case_id", "activity", "start", "end")


def monitoring_setting(key: str) -> Setting:
    """The declaration of one monitoring setting.

    >>> monitoring_setting("wave_column").en
    'Wave column'
    """
    for s in MONITORING_SETTINGS:
        if s.key == key:
            return s
    raise KeyError(key)
