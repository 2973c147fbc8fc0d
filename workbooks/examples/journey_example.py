"""Journey design of the bundled example: the segment paths (КАК ЕСТЬ / КАК БУДЕТ) of its four
client segments and its attribute segments, consistent with :mod:`workbooks.examples.generate`.

The four paths follow the example's journey (``JOURNEY``/``TP_IDS``) and its hidden truth
(``TRUTH``): the target paths attack the touchpoints that drive revenue (TP06 delivery times,
TP07 order status, TP10 warranty service) and the bottlenecks behind them (production planning,
diagnostics), with durations taken from the House-of-Quality characteristics (answer to a
request 26 h → 4 h, delivery 62 → 45 days, warranty repair 21 → 7 days). The first four
attribute segments reproduce the hidden segments from the client attributes alone; the others
overlap them.
"""

from __future__ import annotations

from workbooks.project.journey_schema import JOURNEY_SHEETS

__all__ = ["ATTRIBUTE_SEGMENTS", "PATHS", "SEGMENT_OF_TRUTH", "comment", "sheets"]

# attribute segment -> the hidden segment of generate.TRUTH it reproduces
SEGMENT_OF_TRUTH = {
    "Энергохолдинги": "energy_holdings",
    "Машиностроительные заводы": "machine_plants",
    "Строительные компании": "builders",
    "Сервисные дилеры": "service_dealers",
}

# (segment, rule, description)
ATTRIBUTE_SEGMENTS = [
    (
        "Энергохолдинги",
        "Бизнес-юнит = Энергетика и Численность персонала > 1000",
        "крупные энергокомпании: редкие дорогие заказы",
    ),
    (
        "Машиностроительные заводы",
        "Бизнес-юнит = Машиностроение и Численность персонала >= 150",
        "заводы: регулярные заказы агрегатов",
    ),
    (
        "Строительные компании",
        "Бизнес-юнит = Строительство или Энергетика и Численность персонала < 1000",
        "стройка, в том числе энергостроительные подрядчики",
    ),
    (
        "Сервисные дилеры",
        "Бизнес-юнит = Машиностроение и Численность персонала < 150",
        "дилеры и сервисные центры: частые мелкие заказы",
    ),
    ("Крупные предприятия", "Численность персонала > 1000", ""),
    ("Малый бизнес", "Численность персонала <= 100", ""),
    ("Давние клиенты", "Клиент с года <= 2015", "с нами больше десяти лет"),
    ("Новые клиенты", "Клиент с года >= 2021", ""),
    ("Урал и Сибирь", "Регион = Урал или Сибирь", ""),
    ("Частые покупатели", "Число заказов >= 20", "показатель поведения из транзакций"),
]

V, S, P = "visit", "self", "proactive"
START = (
    "Возникла потребность в оборудовании",
    S,
    "",
    "",
    "Быстро понять, кто поставит и когда",
    "",
    "",
    "",
    0,
    "start",
)


def _step(name, kind, channel, tp, need="", problem="", rec="", effect="", days=None, mark=""):
    return (name, kind, channel, tp, need, problem, rec, effect, days, mark)


# Steps shared by the segments: (name, kind, channel, touchpoint, need, problem, recommendation,
# effect, days, milestone)
REQUEST_AS_IS = _step(
    "Звонок и письмо с заявкой",
    S,
    "телефон; e-mail",
    "TP02",
    "Ответ в тот же день",
    "Ответ на заявку приходит через сутки и больше (26 ч)",
    "Заявка с сайта и из почты сразу в CRM, регламент ответа 4 часа",
    "Ответ за 4 часа вместо 26",
    1.1,
)
REQUEST_TO_BE = _step(
    "Заявка в личном кабинете, ответ за 4 часа",
    S,
    "личный кабинет",
    "TP02",
    "Ответ в тот же день",
    days=0.2,
)
OFFER_AS_IS = _step(
    "Ожидание КП и расчёта цены",
    S,
    "e-mail",
    "TP03",
    "Цена и срок поставки в одном документе",
    "КП готовят неделю и без срока поставки",
    "Срок поставки в КП из APS-планирования",
    "КП за 2 дня со сроком, которому можно верить",
    5,
)
OFFER_TO_BE = _step(
    "КП со сроком поставки из APS-планирования",
    P,
    "e-mail",
    "TP03",
    "Цена и срок поставки в одном документе",
    days=2,
)
CONTRACT_AS_IS = _step(
    "Согласование договора",
    S,
    "e-mail",
    "TP05",
    "Подписать без месяца правок",
    "Правки юристов ходят по почте",
    "Типовой договор в ЭДО",
    "Договор за 3 дня",
    7,
)
CONTRACT_TO_BE = _step(
    "Подписание типового договора в ЭДО", S, "ЭДО", "TP05", "Подписать без месяца правок", days=3
)
DELIVERY_AS_IS = _step(
    "Ожидание производства и поставки",
    S,
    "менеджер",
    "TP06",
    "Получить оборудование в обещанный срок",
    "Сроки сдвигаются, клиент узнаёт об этом последним",
    "Планирование производства в APS, срок из плана",
    "Поставка за 45 дней вместо 62, OTIF 95 %",
    62,
)
DELIVERY_TO_BE = _step(
    "Производство и поставка по плану APS",
    P,
    "менеджер; ЭДО",
    "TP06",
    "Получить оборудование в обещанный срок",
    days=45,
)
STATUS_AS_IS = _step(
    "Звонки менеджеру, чтобы узнать статус заказа",
    S,
    "телефон",
    "TP07",
    "Знать, где заказ",
    "Статус приходится выяснять звонками",
    "Статус в личном кабинете и уведомления о сдвигах",
    "Ни одного звонка за статусом",
    0.5,
)
STATUS_TO_BE = _step(
    "Уведомления о статусе и сдвигах сроков", P, "личный кабинет; e-mail", "TP07", days=0
)
RESULT = ("Оборудование работает у клиента", S, "", "", "", "", "", "", 0, "result")
DOCUMENTS_AS_IS = _step(
    "Запрос закрывающих документов",
    S,
    "e-mail; бухгалтерия",
    "TP12",
    "Документы без напоминаний",
    "Документы приходят с опозданием",
    "Отправка в ЭДО при отгрузке",
    days=10,
)
DOCUMENTS_TO_BE = _step("Закрывающие документы в ЭДО при отгрузке", P, "ЭДО", "TP12", days=1)
WARRANTY_AS_IS = _step(
    "Вызов инженера на диагностику по гарантии",
    V,
    "сервисная служба; телефон",
    "TP10",
    "Оборудование снова работает через неделю",
    "Диагностика ждёт выезда, ремонт 21 день",
    "Удалённая диагностика и склад ЗИП под SLA",
    "Ремонт за 7 дней",
    21,
)
WARRANTY_TO_BE = _step(
    "Удалённая диагностика и ремонт по SLA",
    P,
    "сервисная служба",
    "TP10",
    "Оборудование снова работает через неделю",
    days=7,
)


def _path(*steps):
    """Steps with their orders: consecutive, except a step written ``("=", step)``, which runs
    in parallel with the one before it (same order)."""
    out, order = [], 0
    for s in steps:
        if s[0] == "=":
            s = s[1]
        else:
            order += 1
        out.append((order, *s))
    return out


PATHS: dict[str, dict[str, list]] = {
    "Энергохолдинги": {
        "as_is": _path(
            START,
            REQUEST_AS_IS,
            _step(
                "Техническое совещание на объекте",
                V,
                "встреча",
                "TP04",
                "Решение под схему подстанции",
                "Три выезда инженера до КП",
                "Опросный лист и видеосовещание",
                "Один выезд вместо трёх",
                6,
            ),
            _step("Повторный выезд инженера с уточнениями", V, "встреча", "TP04", days=4),
            OFFER_AS_IS,
            _step("Защита проекта у заказчика", V, "встреча", "TP03", days=2),
            CONTRACT_AS_IS,
            DELIVERY_AS_IS,
            ("=", STATUS_AS_IS),
            _step("Приёмка на складе заказчика", V, "склад", "TP08", days=2),
            _step(
                "Шеф-монтаж и пусконаладка",
                V,
                "выезд инженера",
                "TP09",
                "Запуск с первого раза",
                "Монтаж переносят",
                days=7,
            ),
            RESULT,
            DOCUMENTS_AS_IS,
            WARRANTY_AS_IS,
        ),
        "to_be": _path(
            START,
            REQUEST_TO_BE,
            _step("Опросный лист и видеосовещание с инженером", S, "видеосвязь", "TP04", days=3),
            _step("Техническое совещание на объекте", V, "встреча", "TP04", days=3),
            OFFER_TO_BE,
            _step("Защита проекта у заказчика", V, "встреча", "TP03", days=2),
            CONTRACT_TO_BE,
            DELIVERY_TO_BE,
            ("=", STATUS_TO_BE),
            _step("Приёмка на складе заказчика", V, "склад", "TP08", days=2),
            _step("Шеф-монтаж по согласованному графику", V, "выезд инженера", "TP09", days=5),
            RESULT,
            DOCUMENTS_TO_BE,
            WARRANTY_TO_BE,
        ),
    },
    "Машиностроительные заводы": {
        "as_is": _path(
            START,
            _step(
                "Поиск в каталоге на сайте", S, "сайт", "TP01", problem="Нет цен и сроков", days=1
            ),
            REQUEST_AS_IS,
            _step("Консультация инженера по телефону", S, "телефон", "TP04", days=2),
            OFFER_AS_IS,
            CONTRACT_AS_IS,
            DELIVERY_AS_IS,
            ("=", STATUS_AS_IS),
            _step("Приёмка и проверка комплектности", V, "склад", "TP08", days=1),
            _step("Шеф-монтаж и пусконаладка", V, "выезд инженера", "TP09", days=4),
            RESULT,
            DOCUMENTS_AS_IS,
            WARRANTY_AS_IS,
            _step(
                "Заказ запчастей через менеджера",
                S,
                "телефон",
                "TP11",
                "ЗИП со склада без звонков",
                "Наличие ЗИП узнают по телефону",
                "ЗИП в личном кабинете с остатками",
                days=10,
            ),
        ),
        "to_be": _path(
            START,
            _step("Подбор в онлайн-каталоге с ценами и сроками", S, "сайт", "TP01", days=0.5),
            REQUEST_TO_BE,
            _step("Консультация инженера по видеосвязи", S, "видеосвязь", "TP04", days=1),
            OFFER_TO_BE,
            CONTRACT_TO_BE,
            DELIVERY_TO_BE,
            ("=", STATUS_TO_BE),
            _step("Приёмка и проверка комплектности", V, "склад", "TP08", days=1),
            _step("Шеф-монтаж по согласованному графику", V, "выезд инженера", "TP09", days=3),
            RESULT,
            DOCUMENTS_TO_BE,
            WARRANTY_TO_BE,
            _step("Заказ ЗИП в личном кабинете", S, "личный кабинет", "TP11", days=3),
        ),
    },
    "Строительные компании": {
        "as_is": _path(
            START,
            REQUEST_AS_IS,
            _step(
                "Выезд менеджера на объект для расчёта",
                V,
                "встреча",
                "TP04",
                "Понять, что нужно на площадку",
                "Расчёт только после выезда",
                "Онлайн-калькулятор комплекта",
                "Без выезда для типовых объектов",
                3,
            ),
            OFFER_AS_IS,
            CONTRACT_AS_IS,
            DELIVERY_AS_IS,
            ("=", STATUS_AS_IS),
            _step("Приёмка на стройплощадке", V, "транспорт", "TP08", days=1),
            RESULT,
            DOCUMENTS_AS_IS,
            WARRANTY_AS_IS,
        ),
        "to_be": _path(
            START,
            REQUEST_TO_BE,
            _step("Расчёт комплекта в онлайн-калькуляторе", S, "сайт", "TP04", days=0.5),
            OFFER_TO_BE,
            CONTRACT_TO_BE,
            DELIVERY_TO_BE,
            ("=", STATUS_TO_BE),
            _step("Приёмка на стройплощадке", V, "транспорт", "TP08", days=1),
            RESULT,
            DOCUMENTS_TO_BE,
            WARRANTY_TO_BE,
        ),
    },
    "Сервисные дилеры": {
        "as_is": _path(
            START,
            _step("Поиск в каталоге на сайте", S, "сайт", "TP01", problem="Нет остатков", days=0.5),
            REQUEST_AS_IS,
            OFFER_AS_IS,
            _step(
                "Дополнительное соглашение на каждую поставку",
                S,
                "e-mail",
                "TP05",
                "Заказывать без бумаг",
                "Допсоглашение на каждый заказ",
                "Рамочный договор",
                "Повторный заказ без согласований",
                3,
            ),
            _step(
                "Отгрузка со склада",
                S,
                "менеджер",
                "TP06",
                "Забрать в течение недели",
                "Отгрузку ждут по 10 дней",
                "Резерв под дилеров",
                days=10,
            ),
            ("=", STATUS_AS_IS),
            RESULT,
            _step("Заказ запчастей через менеджера", S, "телефон", "TP11", days=7),
            DOCUMENTS_AS_IS,
        ),
        "to_be": _path(
            START,
            _step(
                "Повторный заказ в личном кабинете в один клик",
                S,
                "личный кабинет",
                "TP02",
                days=0.2,
            ),
            _step("Отгрузка из резерва дилера", P, "ЭДО", "TP06", days=5),
            ("=", STATUS_TO_BE),
            RESULT,
            _step("Заказ ЗИП в личном кабинете", S, "личный кабинет", "TP11", days=2),
            DOCUMENTS_TO_BE,
        ),
    },
}

_COLUMNS = (
    "order",
    "step",
    "kind",
    "channel",
    "touchpoint_id",
    "need",
    "problem",
    "recommendation",
    "effect",
    "duration",
    "milestone",
)

# the complaint of a respondent, by the touchpoint it rated lowest
COMMENTS = {
    "TP01": "На сайте нет цен и сроков",
    "TP02": "На заявку отвечают только на следующий день",
    "TP03": "КП готовят долго и без срока поставки",
    "TP04": "Инженер толковый, но до него трудно дозвониться",
    "TP05": "Договор согласуем месяц из-за правок юристов",
    "TP06": "Сроки поставки постоянно сдвигаются, узнаём об этом последними",
    "TP07": "Чтобы узнать статус заказа, приходится звонить менеджеру",
    "TP08": "Бывает некомплект, докомплектация занимает недели",
    "TP09": "Шеф-монтаж переносили дважды",
    "TP10": "Гарантийный ремонт тянется неделями, инженер приезжает не сразу",
    "TP11": "Запчасти приходится заказывать через менеджера по телефону",
    "TP12": "Закрывающие документы приходят с опозданием",
}


def comment(row: dict, touchpoints) -> str:
    """The comment of an interview row: the complaint about the touchpoint it rated lowest (the
    first such in journey order)."""
    scores = [
        (row[(tp, "satisfaction")], k, tp)
        for k, tp in enumerate(touchpoints)
        if isinstance(row.get((tp, "satisfaction")), int)
    ]
    return COMMENTS[min(scores)[2]] if scores else COMMENTS["TP06"]


def sheets() -> tuple[tuple, dict]:
    """(the sheet specs, the content of both sheets for :func:`~workbooks.project.template.
    write_project`)."""
    rows = []
    for segment, paths in PATHS.items():
        for path, steps in paths.items():
            for s in steps:
                rows.append(
                    {"segment": segment, "path": path, **dict(zip(_COLUMNS, s, strict=True))}
                )
    segments = [
        {"segment": name, "rule": rule, "description": description}
        for name, rule, description in ATTRIBUTE_SEGMENTS
    ]
    return JOURNEY_SHEETS, {"paths": {"rows": rows}, "attribute_segments": {"rows": segments}}
