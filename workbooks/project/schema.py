"""The project workbook format: sheets, columns and the words they accept.

One place declares every sheet and column in Russian and English. The template writer, the
reader and the validator all read these declarations, so the three cannot drift apart.
Names are matched after :func:`normalise` (case, spacing, ё/е and punctuation are ignored).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

__all__ = [
    "ENUMS",
    "MEASURES",
    "SETTINGS",
    "SHEETS",
    "Column",
    "SheetSpec",
    "enum_value",
    "normalise",
]


def normalise(text: object) -> str:
    """Fold a header or keyword so that spelling variants compare equal.

    >>> normalise("  Удовлетворённость:  ")
    'удовлетворенность'
    >>> normalise("Touchpoint ID")
    'touchpoint id'
    """
    s = unicodedata.normalize("NFC", str(text).translate(_INVISIBLE))
    s = s.replace("\u00a0", " ").strip().lower().replace("ё", "е")
    s = re.sub(r"[\s_]+", " ", s)
    return s.strip(" :.*")


# zero-width characters and the soft hyphen: invisible, but they make two names differ
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


@dataclass(frozen=True)
class Column:
    """One column of a sheet.

    ``kind`` is one of ``text``, ``id``, ``int``, ``number``, ``date``, ``bool``, ``score``
    or ``enum:<name>`` (a key of :data:`ENUMS`).
    """

    key: str
    ru: str
    en: str
    kind: str = "text"
    required: bool = False
    help_ru: str = ""
    help_en: str = ""
    aliases: tuple[str, ...] = ()
    in_template: bool = True  # False: recognised when present, not offered by the template

    def label(self, lang: str) -> str:
        return self.ru if lang == "ru" else self.en

    def help(self, lang: str) -> str:
        return self.help_ru if lang == "ru" else self.help_en

    def names(self) -> set[str]:
        return {normalise(n) for n in (self.key, self.ru, self.en, *self.aliases)}


@dataclass(frozen=True)
class SheetSpec:
    """One sheet: its names, its columns and whether a project needs it."""

    key: str
    ru: str
    en: str
    columns: tuple[Column, ...]
    required: bool = False
    help_ru: str = ""
    help_en: str = ""
    open_columns: bool = False  # extra columns are kept as attributes

    def name(self, lang: str) -> str:
        return self.ru if lang == "ru" else self.en

    def help(self, lang: str) -> str:
        return self.help_ru if lang == "ru" else self.help_en

    def names(self) -> set[str]:
        return {normalise(n) for n in (self.key, self.ru, self.en)}


# Enumerations: canonical value -> (Russian word, English word, *other accepted spellings).
ENUMS: dict[str, dict[str, tuple[str, ...]]] = {
    "level": {
        "financial": ("финансовый", "financial", "ф", "финансы"),
        "client": ("клиентский", "client", "customer", "к", "клиент"),
        "process": ("процессный", "process", "п", "процесс"),
        "competence": (
            "компетенции",
            "competence",
            "компетенций",
            "learning",
            "learning & growth",
        ),
    },
    "direction": {
        "more": ("больше", "more", "больше лучше", "more is better", "↑", "max"),
        "less": ("меньше", "less", "меньше лучше", "less is better", "↓", "min"),
        "target": ("целевое", "target", "целевое значение", "в диапазоне", "band"),
    },
    "indicator": {
        "lagging": ("запаздывающий", "lagging", "запаздывающая", "результат"),
        "leading": ("опережающий", "leading", "опережающая", "драйвер"),
    },
    "respondent_type": {
        "current": ("текущий", "current", "текущий клиент"),
        "former": ("бывший", "former", "бывший клиент"),
        "potential": ("потенциальный", "potential", "потенциальный клиент"),
        "lost": (
            "потерянный до сделки",
            "lost before the deal",
            "lost",
            "не сконвертировался",
        ),
        "competitor": (
            "клиент конкурента",
            "competitor's client",
            "competitor client",
            "competitor",
        ),
    },
    "role": {
        "decision_maker": ("ЛПР", "decision maker", "лицо принимающее решение"),
        "influencer": ("ЛВР", "influencer", "decision influencer", "лицо влияющее на решение"),
    },
    "automation": {
        "manual": ("ручной", "manual", "вручную"),
        "partial": ("частично автоматизирован", "partial", "полуавтоматический", "частично"),
        "automatic": ("автоматический", "automatic", "auto", "автоматизирован"),
    },
    "bool": {
        "yes": ("да", "yes", "1", "true", "истина", "+", "y"),
        "no": ("нет", "no", "0", "false", "ложь", "n"),
    },
    "target_policy": {
        "plus_one": ("+1 балл", "+1 point", "+1", "плюс один"),
        "best_competitor": ("лучший конкурент", "best competitor", "конкурент"),
        "top": ("максимум шкалы", "top of scale", "максимум", "top"),
    },
    "outcome": {
        "revenue": ("выручка", "revenue"),
        "ltv": ("ltv", "пожизненная ценность"),
        "frequency": ("частота", "frequency"),
        "monetary": ("средний чек", "monetary", "average check"),
        "repeat": ("повторная покупка", "repeat purchase", "repeat"),
        "churn": ("отток", "churn"),
        "overall": ("общая удовлетворенность", "overall satisfaction", "overall"),
        "nps": ("nps", "nps"),
    },
}

# House of Quality relationship symbols on the default 9-3-1 scale.
RELATIONSHIP_SYMBOLS = {"●": 9, "○": 3, "△": 1, "◎": 9, "▲": 1}
ROOF_SYMBOLS = {"++": 2, "+": 1, "−": -1, "-": -1, "−−": -2, "--": -2, "": 0}

SCALES = ("1-5", "1-7", "1-10", "0-10")
# A rating scale starts at 0 or 1 and has from 3 to 101 points.
SCALE_LOW = (0, 1)
SCALE_HIGH_MAX = 100
# Bootstrap replicates a project may ask for (the command line's --bootstrap has the same bound).
BOOTSTRAP_MAX = 100_000
# A respondent's weight: positive, finite and at most this (a survey weight, not a population).
WEIGHT_MAX = 1e6
# Sales points: positive and at most this (the method uses 1.0, 1.2, 1.5).
SALES_POINT_MAX = 5.0

# Interview measures per touchpoint: key -> accepted header words (row 2 of a wide sheet).
MEASURES: dict[str, tuple[str, ...]] = {
    "importance": ("важность", "importance", "значимость"),
    "satisfaction": ("удовлетворенность", "satisfaction", "оценка", "удовл"),
    "competitor": (
        "конкурент",
        "competitor",
        "удовлетворенность конкурентом",
        "competitor satisfaction",
    ),
}
MEASURE_LABELS = {
    "importance": ("Важность", "Importance"),
    "satisfaction": ("Удовлетворённость", "Satisfaction"),
    "competitor": ("Конкурент", "Competitor"),
}


def measure_label(measure: str, lang: str) -> str:
    """The header word of an interview measure: «Удовлетворённость» / "Satisfaction"."""
    ru, en = MEASURE_LABELS[measure]
    return ru if lang == "ru" else en


# Characters people mistype for each other in codes: Latin/Cyrillic look-alikes, O/0, I/l/1
# (after :func:`normalise`, so lower case).
CONFUSABLE = str.maketrans("оoilтрскахеву", "0011tpckaxeby")

# A mapping sheet for ``import-survey``: its columns, and the optional recoding sheet.
MAPPING_COLUMNS = {
    "match": ("заголовок", "match", "header"),
    "touchpoint": ("точка контакта", "touchpoint"),
    "measure": ("мера", "measure"),
    "column": ("столбец", "column"),
    "attribute": ("признак", "attribute"),
}
RECODE_SHEET = ("перекодировка", "recode")
RECODE_COLUMNS = {
    "column": ("столбец", "column"),
    "from": ("было", "from"),
    "to": ("стало", "to"),
}


def enum_value(name: str, raw: object, prefix: bool = False) -> str | None:
    """Canonical value of an enumeration word, or ``None`` if it is not one.

    With ``prefix``, a word followed by an explanation also counts: «ЛПР (руководитель)» is
    the decision maker.

    >>> enum_value("level", "Процессный")
    'process'
    >>> enum_value("direction", "less is better")
    'less'
    >>> enum_value("level", "strategic") is None
    True
    >>> enum_value("role", "ЛПР (руководитель)", prefix=True), enum_value("role", "ЛВРы", prefix=True)
    ('decision_maker', None)
    """
    word = normalise(raw)
    value = _spelt(name).get(word)
    if value is not None:
        return value
    if prefix:
        for value, spellings in ENUMS[name].items():
            for s in sorted((normalise(x) for x in spellings), key=len, reverse=True):
                if word.startswith(s) and not word[len(s) : len(s) + 1].isalnum():
                    return value
    return None


@cache
def _spelt(name: str) -> dict[str, str]:
    """An enumeration's words, normalised, to their canonical value (the first value to list a
    word wins, as the values are tried in order)."""
    found: dict[str, str] = {}
    for value, spellings in ENUMS[name].items():
        found.setdefault(value, value)
        for s in spellings:
            found.setdefault(normalise(s), value)
    return found


def enum_label(name: str, value: str, lang: str) -> str:
    """The word shown to users for a canonical enumeration value."""
    ru, en = ENUMS[name][value][:2]
    return ru if lang == "ru" else en


C = Column

JOURNEY = SheetSpec(
    "journey",
    "Путь клиента",
    "Journey",
    (
        C(
            "stage_order",
            "№ этапа",
            "Stage order",
            "int",
            True,
            "Порядковый номер этапа пути клиента (1, 2, ...)",
            "Order of the journey stage (1, 2, ...)",
        ),
        C("stage", "Этап", "Stage", "text", True, "Название этапа CJM", "Journey stage name"),
        C(
            "touchpoint_id",
            "ID точки контакта",
            "Touchpoint ID",
            "id",
            True,
            "Короткий уникальный код, например TP01",
            "Short unique code, e.g. TP01",
            ("id", "код точки"),
        ),
        C(
            "touchpoint",
            "Точка контакта",
            "Touchpoint",
            "text",
            True,
            "Название точки контакта",
            "Touchpoint name",
        ),
        C(
            "channels",
            "Каналы",
            "Channels",
            "text",
            False,
            "Каналы через «;»: сайт; телефон; e-mail",
            "Channels separated by ';'",
        ),
        C(
            "moment_of_truth",
            "Момент истины",
            "Moment of truth",
            "enum:bool",
            False,
            "да / нет",
            "yes / no",
        ),
        C(
            "business_unit",
            "Бизнес-юнит",
            "Business unit",
            "text",
            False,
            "Направление бизнеса, если путь различается",
            "Business unit, if journeys differ",
        ),
        C(
            "target",
            "Целевая удовлетворённость",
            "Target satisfaction",
            "number",
            False,
            "Цель по шкале удовлетворённости; пусто — по правилу из «Настроек»",
            "Target on the satisfaction scale; blank: by the policy in Settings",
        ),
    ),
    required=True,
    help_ru="Этапы и точки контакта пути клиента (CJM) в порядке прохождения.",
    help_en="Journey stages and touchpoints (CJM) in the order the client meets them.",
)

INTERVIEWS = SheetSpec(
    "interviews",
    "Интервью",
    "Interviews",
    (
        C(
            "respondent_id",
            "ID респондента",
            "Respondent ID",
            "id",
            True,
            "Уникальный код респондента",
            "Unique respondent code",
            ("респондент", "respondent"),
        ),
        C(
            "client_id",
            "ID клиента",
            "Client ID",
            "id",
            False,
            "Код клиента в базе транзакций (пусто для потенциальных)",
            "Client code in the transactions (blank for prospects)",
            ("клиент", "client", "инн"),
        ),
        C(
            "respondent_type",
            "Тип респондента",
            "Respondent type",
            "enum:respondent_type",
            True,
            "текущий / бывший / потенциальный / потерянный до сделки / клиент конкурента",
            "current / former / potential / lost before the deal / competitor's client",
        ),
        C("role", "Роль", "Role", "enum:role", False, "ЛПР / ЛВР", "decision maker / influencer"),
        C(
            "weight",
            "Вес",
            "Weight",
            "number",
            False,
            "Вес респондента в выборке (по умолчанию 1)",
            "Survey weight (default 1)",
        ),
        C(
            "overall",
            "Общая удовлетворённость",
            "Overall satisfaction",
            "score",
            False,
            "Общая оценка по шкале удовлетворённости",
            "Overall score on the satisfaction scale",
        ),
        C(
            "nps",
            "NPS",
            "NPS",
            "score",
            False,
            "Готовность рекомендовать, 0–10",
            "Likelihood to recommend, 0–10",
            ("готовность рекомендовать", "likelihood to recommend"),
        ),
        C(
            "ces",
            "CES",
            "CES",
            "score",
            False,
            "Усилия клиента по шкале CES из настроек",
            "Customer effort on the CES scale of settings",
            ("усилия клиента", "customer effort"),
        ),
        C("comment", "Комментарий", "Comment", "text", False, "Свободный текст", "Free text"),
        C(
            "timestamp",
            "Дата и время",
            "Timestamp",
            "date",
            False,
            "Когда заполнена анкета (последняя дата — дата анализа по умолчанию)",
            "When the answers were given (the latest one is the default analysis date)",
            (
                "отметка времени",
                "дата интервью",
                "дата заполнения",
                "дата опроса",
                "submitted at",
                "submission date",
                "interview date",
            ),
            in_template=False,
        ),
    ),
    required=True,
    help_ru=(
        "Одна строка на респондента. Шапка в две строки: над парой столбцов — точка контакта "
        "(ID или название), под ней — «Важность» и «Удовлетворённость» (и при желании "
        "«Конкурент»). Остальные столбцы (бизнес-юнит, регион, размер...) — признаки сегмента. "
        "Пусто, «затрудняюсь ответить», «н/д», «-» — это пропуск, а не ноль."
    ),
    help_en=(
        "One row per respondent. Two header rows: a touchpoint (ID or name) above each pair "
        "of columns, 'Importance' and 'Satisfaction' (optionally 'Competitor') below. Other "
        "columns (business unit, region, size...) are segment attributes. Blank, 'N/A', '-' "
        "mean not answered, never zero."
    ),
    open_columns=True,
)

# The long layout of the interviews sheet: one row per respondent and touchpoint.
INTERVIEWS_LONG = (
    C(
        "touchpoint_id",
        "Точка контакта",
        "Touchpoint",
        "id",
        True,
        aliases=("id точки контакта", "touchpoint id"),
    ),
    C("importance", "Важность", "Importance", "score", False),
    C("satisfaction", "Удовлетворённость", "Satisfaction", "score", False),
    C(
        "competitor",
        "Конкурент",
        "Competitor",
        "score",
        False,
        aliases=("удовлетворенность конкурентом",),
    ),
)

CLIENTS = SheetSpec(
    "clients",
    "Клиенты",
    "Clients",
    (
        C(
            "client_id",
            "ID клиента",
            "Client ID",
            "id",
            True,
            "Код клиента",
            "Client code",
            ("клиент", "client"),
        ),
        C(
            "client_name",
            "Клиент",
            "Client name",
            "text",
            False,
            "Название",
            "Name",
            ("название", "name"),
        ),
    ),
    help_ru="Справочник клиентов: код и любые признаки (отрасль, регион, размер, выручка...).",
    help_en="Client list: code and any attributes (industry, region, size, revenue...).",
    open_columns=True,
)

# Headers of transaction exports (1C, other ERPs, CRMs) accepted besides the column names,
# in order of preference: the first one present in a file is used, and the others are named.
TX_ALIASES: dict[str, tuple[str, ...]] = {
    "client_id": (
        "клиент",
        "client",
        "client id",
        "код клиента",
        "инн",
        "инн контрагента",
        "инн покупателя",
        "код контрагента",
        "контрагент",
        "покупатель",
        "customer id",
        "customer",
        "customer no",
        "customer number",
        "account id",
    ),
    "order_id": (
        "номер заказа",
        "order id",
        "order number",
        "заказ покупателя",
        "номер документа",
        "документ",
        "номер реализации",
        "номер накладной",
        "номер счета",
        "invoice no",
        "invoice number",
        "invoice",
        "document no",
    ),
    "date": (
        "дата заказа",
        "order date",
        "дата документа",
        "дата реализации",
        "дата продажи",
        "дата отгрузки",
        "дата операции",
        "период",
        "invoice date",
        "transaction date",
        "document date",
    ),
    "amount": (
        "сумма, руб",
        "сумма руб",
        "выручка",
        "revenue",
        "сумма с ндс",
        "сумма без ндс",
        "сумма продажи",
        "стоимость",
        "net amount",
        "sales",
        "line total",
        "total",
    ),
    "product": (
        "продукт",
        "номенклатура",
        "sku",
        "артикул",
        "товар/услуга",
        "услуга",
        "наименование",
        "item",
        "product name",
    ),
}

TRANSACTIONS = SheetSpec(
    "transactions",
    "Транзакции",
    "Transactions",
    (
        # aliases: the usual headers of 1C and other ERP exports, in order of preference
        C("client_id", "ID клиента", "Client ID", "id", True, aliases=TX_ALIASES["client_id"]),
        C("order_id", "Заказ", "Order", "id", True, aliases=TX_ALIASES["order_id"]),
        C("date", "Дата", "Date", "date", True, aliases=TX_ALIASES["date"]),
        C("amount", "Сумма", "Amount", "number", True, aliases=TX_ALIASES["amount"]),
        C("product", "Товар", "Product", "text", False, aliases=TX_ALIASES["product"]),
    ),
    help_ru="Строки заказов. Можно вместо листа указать CSV/Parquet-файл в «Настройках».",
    help_en="Order lines. A CSV/Parquet file named in Settings may be used instead.",
)

CHARACTERISTICS = SheetSpec(
    "characteristics",
    "Характеристики",
    "Characteristics",
    (
        C(
            "characteristic_id",
            "ID характеристики",
            "Characteristic ID",
            "id",
            True,
            "Код, например CH1",
            "Code, e.g. CH1",
            ("id",),
        ),
        C(
            "characteristic",
            "Характеристика",
            "Characteristic",
            "text",
            True,
            "Скорость, безопасность, отказоустойчивость...",
            "Speed, safety, fault tolerance...",
        ),
        C("unit", "Единица", "Unit", "text", False, "дни, %, часы...", "days, %, hours..."),
        C(
            "direction",
            "Направление",
            "Direction",
            "enum:direction",
            True,
            "больше / меньше / целевое",
            "more / less / target",
        ),
        C(
            "indicator",
            "Тип показателя",
            "Indicator type",
            "enum:indicator",
            True,
            "запаздывающий / опережающий",
            "lagging / leading",
        ),
        C("current", "Текущее", "Current", "number", False),
        C("target", "Целевое", "Target", "number", False),
        C("competitor", "Конкурент", "Competitor", "number", False),
        C(
            "difficulty",
            "Сложность",
            "Difficulty",
            "number",
            False,
            "Сложность улучшения, 1–5",
            "Difficulty of improvement, 1–5",
        ),
        C(
            "caused_by",
            "Причины",
            "Caused by",
            "text",
            False,
            "Для запаздывающих: ID опережающих характеристик через «;», можно с силой: CH6=9; CH4=3",
            "For lagging ones: leading characteristic IDs, ';'-separated, optionally with strength: CH6=9; CH4=3",
        ),
    ),
    help_ru="Целевые характеристики («как») Дома качества.",
    help_en="Target characteristics (the House of Quality 'hows').",
)

RELATIONSHIPS = SheetSpec(
    "relationships",
    "Связи",
    "Relationships",
    (),
    help_ru=(
        "Матрица: строки — ID точек контакта, столбцы — ID характеристик. "
        "Сила связи 9/3/1 или ● ○ △, пусто — нет связи."
    ),
    help_en=(
        "Matrix: rows are touchpoint IDs, columns characteristic IDs. "
        "Strength 9/3/1 or ● ○ △, blank for none."
    ),
)

ROOF = SheetSpec(
    "roof",
    "Крыша",
    "Roof",
    (),
    help_ru="Матрица корреляций характеристик: ++ сильная положительная, + , − , −− сильная отрицательная.",
    help_en="Correlation of characteristics: ++ strong positive, +, −, −− strong negative.",
)

KPIS = SheetSpec(
    "kpis",
    "KPI",
    "KPIs",
    (
        C("kpi_id", "ID KPI", "KPI ID", "id", True, "Код, например K01", "Code, e.g. K01", ("id",)),
        C(
            "kpi",
            "KPI",
            "KPI name",
            "text",
            True,
            "Название показателя",
            "Indicator name",
            ("показатель", "название", "name"),
        ),
        C(
            "touchpoint_id",
            "ID точки контакта",
            "Touchpoint ID",
            "id",
            True,
            aliases=("точка контакта", "touchpoint"),
        ),
        C(
            "level",
            "Уровень",
            "Level",
            "enum:level",
            True,
            "финансовый / клиентский / процессный / компетенции",
            "financial / client / process / competence",
        ),
        C(
            "drives",
            "Влияет на",
            "Drives",
            "text",
            False,
            "ID KPI-следствий с весами: K01=0,6; K02=0,4",
            "Effect KPI IDs with weights: K01=0.6; K02=0.4",
        ),
        C("unit", "Единица", "Unit", "text", False),
        C(
            "direction",
            "Направление",
            "Direction",
            "enum:direction",
            True,
            "больше / меньше / целевое",
            "more / less / target",
        ),
        C("baseline", "База", "Baseline", "number", False),
        C("actual", "Факт", "Actual", "number", False),
        C("target", "Цель", "Target", "number", False),
        C(
            "indicator",
            "Тип показателя",
            "Indicator type",
            "enum:indicator",
            False,
            "запаздывающий / опережающий",
            "lagging / leading",
        ),
        C(
            "source",
            "Система-источник",
            "Source system",
            "text",
            False,
            "CRM, ERP, опросы... пусто — источника нет",
            "CRM, ERP, survey... blank: no source",
        ),
        C(
            "refresh",
            "Частота обновления",
            "Refresh",
            "text",
            False,
            "ежедневно / еженедельно / ежемесячно",
            "daily / weekly / monthly",
        ),
        C("owner", "Владелец", "Owner", "text", False),
        C("formula", "Формула", "Formula", "text", False, "Как считается", "How it is computed"),
    ),
    help_ru="KPI по точкам контакта на четырёх уровнях; связи «причина → следствие».",
    help_en="KPIs per touchpoint on four levels; links run cause → effect.",
)

PROCESSES = SheetSpec(
    "processes",
    "Процессы",
    "Processes",
    (
        C(
            "touchpoint_id",
            "ID точки контакта",
            "Touchpoint ID",
            "id",
            True,
            aliases=("точка контакта", "touchpoint"),
        ),
        C("step", "Шаг", "Step", "text", True),
        C(
            "order",
            "Порядок",
            "Order",
            "int",
            True,
            "Номер шага; одинаковый номер — параллельные шаги",
            "Step number; equal numbers run in parallel",
        ),
        C("capacity", "Мощность", "Capacity", "number", True, "Заявок в неделю", "Cases per week"),
        C("demand", "Спрос", "Demand", "number", True, "Заявок в неделю", "Cases per week"),
        C("cycle_time", "Время цикла", "Cycle time", "number", False, "Часы", "Hours"),
    ),
    help_ru="Шаги процессов обслуживания: мощность и спрос для поиска узких мест.",
    help_en="Service process steps: capacity and demand to locate bottlenecks.",
)

DATA_SOURCES = SheetSpec(
    "data_sources",
    "Источники данных",
    "Data sources",
    (
        C("system", "Система", "System", "text", True, aliases=("источник", "source")),
        C("kind", "Тип", "Kind", "text", False, "CRM, ERP, опросы...", "CRM, ERP, survey..."),
        C("holds", "Какие данные", "Holds", "text", False),
        C(
            "automation",
            "Автоматизация",
            "Automation",
            "enum:automation",
            False,
            "ручной / частично / автоматический",
            "manual / partial / automatic",
        ),
        C("refresh", "Частота обновления", "Refresh", "text", False),
    ),
    help_ru="ИТ-системы клиента: что хранят и насколько автоматизированы.",
    help_en="The client's IT systems: what they hold and how automated they are.",
)

SETTINGS_SHEET = SheetSpec(
    "settings",
    "Настройки",
    "Settings",
    (
        C("parameter", "Параметр", "Parameter", "text", True),
        C("value", "Значение", "Value", "text", False),
    ),
    required=True,
    help_ru="Параметры расчёта: шкалы, результирующий показатель, дата анализа, λ.",
    help_en="Analysis parameters: scales, outcome measure, analysis date, λ.",
)


@dataclass(frozen=True)
class Setting:
    key: str
    ru: str
    en: str
    default: object
    kind: str  # scale, enum:outcome, date, number, text, codes, likert, lang, path
    help_ru: str = ""
    help_en: str = ""
    bounds: tuple[float, float] | None = None  # allowed range of a number (inclusive)
    whole: bool = False  # a whole number

    def label(self, lang: str) -> str:
        return self.ru if lang == "ru" else self.en


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "importance_scale",
        "Шкала важности",
        "Importance scale",
        "1-5",
        "scale",
        "1-5, 1-7, 1-10 или 0-10",
        "1-5, 1-7, 1-10 or 0-10",
    ),
    Setting(
        "satisfaction_scale",
        "Шкала удовлетворённости",
        "Satisfaction scale",
        "1-5",
        "scale",
        "1-5, 1-7, 1-10 или 0-10",
        "1-5, 1-7, 1-10 or 0-10",
    ),
    Setting(
        "ces_scale",
        "Шкала CES",
        "CES scale",
        "1-7",
        "scale",
        "Меньше — легче для клиента",
        "Lower means less effort",
    ),
    Setting(
        "outcome",
        "Результирующий показатель",
        "Outcome measure",
        "revenue",
        "enum:outcome",
        "выручка / ltv / частота / средний чек / повторная покупка / отток / общая удовлетворенность / nps",
        "revenue / ltv / frequency / monetary / repeat / churn / overall / nps",
    ),
    Setting(
        "outcome_column",
        "Столбец результата",
        "Outcome column",
        "",
        "text",
        "Столбец листа «Клиенты» с готовым показателем (если нет транзакций)",
        "Clients sheet column holding the outcome (when no transactions)",
    ),
    Setting(
        "analysis_date",
        "Дата анализа",
        "Analysis date",
        None,
        "date",
        "По умолчанию — последняя дата транзакций",
        "Defaults to the last transaction date",
    ),
    Setting(
        "segment_column",
        "Столбец сегмента",
        "Segment column",
        "",
        "text",
        "Признак респондента или столбец листа «Клиенты» для разреза по сегментам (например, "
        "«Бизнес-юнит»)",
        "Respondent attribute or Clients-sheet column to split results by segment (e.g. "
        "'Business unit')",
    ),
    Setting(
        "bootstrap",
        "Бутстреп-выборок",
        "Bootstrap replicates",
        1000,
        "number",
        "Для доверительных интервалов долей и рангов",
        "For intervals of shares and ranks",
        (0, BOOTSTRAP_MAX),
        True,
    ),
    Setting(
        "window_months",
        "Окно, месяцев",
        "Window, months",
        12,
        "number",
        "Период для выручки и частоты",
        "Period for revenue and frequency",
        (1, 120),
    ),
    Setting(
        "blend_lambda",
        "λ смешения важности",
        "Importance blend λ",
        0.5,
        "number",
        "1 — только заявленная важность, 0 — только производная",
        "1 = stated importance only, 0 = derived only",
        (0, 1),
    ),
    Setting(
        "target_policy",
        "Правило цели",
        "Target policy",
        "plus_one",
        "enum:target_policy",
        "+1 балл / лучший конкурент / максимум шкалы (где цель не задана на листе «Путь клиента»)",
        "+1 point / best competitor / top of scale (where the Journey sheet sets no target)",
    ),
    Setting(
        "sales_points",
        "Точки продаж",
        "Sales points",
        "",
        "text",
        "ID=1,5; ID=1,2 (по умолчанию 1,0)",
        "ID=1.5; ID=1.2 (default 1.0)",
    ),
    Setting(
        "missing_codes",
        "Коды пропусков",
        "Missing codes",
        "",
        "codes",
        "Например: 99=затрудняюсь ответить; 98=не пользовался",
        "E.g. 99=don't know; 98=not experienced",
    ),
    Setting(
        "likert",
        "Словесная шкала",
        "Likert words",
        "",
        "likert",
        "Например: совсем не удовлетворён=1; ...; полностью удовлетворён=5",
        "E.g. very dissatisfied=1; ...; very satisfied=5",
    ),
    Setting(
        "transactions_file",
        "Файл транзакций",
        "Transactions file",
        "",
        "path",
        "CSV или Parquet рядом с книгой (вместо листа «Транзакции»)",
        "CSV or Parquet next to the workbook (instead of the Transactions sheet)",
    ),
    Setting(
        "seed",
        "Зерно случайности",
        "Random seed",
        20240601,
        "number",
        "Для бутстрепа и k-средних",
        "For bootstrap and k-means",
        (0, 2**32 - 1),
        True,
    ),
    Setting("language", "Язык", "Language", "ru", "lang", "ru / en", "ru / en"),
    # ---- added for files named by a workbook (transactions); keep new settings below
    Setting(
        "transaction_columns",
        "Столбцы транзакций",
        "Transaction columns",
        "",
        "text",
        "Если в файле транзакций свои заголовки: клиент=ИНН контрагента; заказ=Номер заказа; "
        "дата=Дата документа; сумма=Сумма с НДС; товар=Номенклатура",
        "When the transactions file has its own headers: client=Customer no; order=Invoice no; "
        "date=Invoice date; amount=Net amount; product=Item",
    ),
    Setting(
        "project_name",
        "Название проекта",
        "Project name",
        "",
        "text",
        "Как назвать проект в отчётах, презентации и ТЗ (пусто — имя файла книги)",
        "How the deliverables name the project (blank: the workbook's file name)",
    ),
)

SHEETS: tuple[SheetSpec, ...] = (
    JOURNEY,
    INTERVIEWS,
    CLIENTS,
    TRANSACTIONS,
    CHARACTERISTICS,
    RELATIONSHIPS,
    ROOF,
    KPIS,
    PROCESSES,
    DATA_SOURCES,
    SETTINGS_SHEET,
)
SHEET_BY_KEY = {s.key: s for s in SHEETS}
