"""Generate the bundled example project from a hidden "true" model.

An industrial B2B group («ПромТехГрупп») with three business units — machine building,
energy, construction — audited from first request to invoicing. The generator knows the
truth the engine should recover (:data:`TRUTH`): which touchpoints drive revenue, which
client segments exist, which KPI and which process step are the bottlenecks. Tests use it.

Run ``python -m workbooks.examples.generate`` to rebuild ``promtech.xlsx`` and
``promtech_transactions.csv`` (cp1251, ``;``-separated, decimal commas: a typical 1C export).
The output is byte-identical for the same seed.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np

from workbooks.atomic import atomic_path
from workbooks.examples import journey_example
from workbooks.project.template import write_project

HERE = Path(__file__).parent
SEED = 20241105
WORKBOOK = "promtech.xlsx"
TRANSACTIONS = "promtech_transactions.csv"
ANALYSIS_DATE = dt.date(2025, 12, 31)
START_DATE = dt.date(2023, 1, 1)

# (stage order, stage, id, touchpoint, channels, moment of truth)
JOURNEY = [
    (1, "Поиск и запрос", "TP01", "Сайт и каталог продукции", "сайт", "нет"),
    (1, "Поиск и запрос", "TP02", "Обработка входящей заявки", "телефон; e-mail; сайт", "да"),
    (
        2,
        "Коммерческое предложение",
        "TP03",
        "Подготовка КП и расчёт цены",
        "e-mail; менеджер",
        "да",
    ),
    (
        2,
        "Коммерческое предложение",
        "TP04",
        "Техническая консультация инженера",
        "встреча; телефон",
        "нет",
    ),
    (3, "Договор", "TP05", "Согласование договора", "ЭДО; e-mail", "нет"),
    (4, "Производство и поставка", "TP06", "Сроки поставки", "менеджер; ЭДО", "да"),
    (
        4,
        "Производство и поставка",
        "TP07",
        "Информирование о статусе заказа",
        "личный кабинет; e-mail",
        "нет",
    ),
    (
        4,
        "Производство и поставка",
        "TP08",
        "Комплектность и качество поставки",
        "склад; транспорт",
        "да",
    ),
    (5, "Монтаж и запуск", "TP09", "Шеф-монтаж и пусконаладка", "выезд инженера", "нет"),
    (6, "Сервис", "TP10", "Гарантийное обслуживание", "сервисная служба; телефон", "да"),
    (6, "Сервис", "TP11", "Поставка запчастей", "сайт; менеджер", "нет"),
    (7, "Оплата и документы", "TP12", "Счета и закрывающие документы", "ЭДО; бухгалтерия", "нет"),
]
TP_IDS = [j[2] for j in JOURNEY]

# The hidden truth the engine should recover.
TRUTH = {
    # log order-rate effect of one standard deviation of latent satisfaction
    "revenue_drivers": {"TP06": 0.55, "TP07": 0.40, "TP10": 0.35},
    # what clients *say* matters most (stated importance), unlike what drives revenue
    "stated_top": ("TP03", "TP08", "TP06"),
    "segments": {
        "energy_holdings": {
            "share": 0.12,
            "bu": "Энергетика",
            "staff": (3000, 0.5),
            "orders": 3.0,
            "check": 2_400_000,
        },
        "machine_plants": {
            "share": 0.33,
            "bu": "Машиностроение",
            "staff": (600, 0.5),
            "orders": 6.0,
            "check": 420_000,
        },
        "builders": {
            "share": 0.40,
            "bu": "Строительство",
            "staff": (120, 0.6),
            "orders": 5.0,
            "check": 160_000,
        },
        "service_dealers": {
            "share": 0.15,
            "bu": "Машиностроение",
            "staff": (40, 0.5),
            "orders": 14.0,
            "check": 45_000,
        },
    },
    "kpi_bottleneck": {"TP06": "K0603"},  # order-scheduling accuracy
    "process_bottleneck": {"TP06": "Планирование производства", "TP10": "Диагностика"},
}

SEGMENT_REGIONS = {
    "energy_holdings": ["Москва", "Урал", "Сибирь"],
    "machine_plants": ["Урал", "Поволжье", "Центр"],
    "builders": ["Москва", "Центр", "Северо-Запад", "Юг"],
    "service_dealers": ["Поволжье", "Сибирь", "Юг", "Урал"],
}
PRODUCTS = {
    "Энергетика": [
        "Трансформатор ТМГ",
        "КРУ 10 кВ",
        "Щит собственных нужд",
        "Релейная защита",
        "Сервисный контракт",
    ],
    "Машиностроение": [
        "Редуктор Ц2У",
        "Насосный агрегат",
        "Электродвигатель АИР",
        "Комплект ЗИП",
        "Подшипниковый узел",
    ],
    "Строительство": [
        "Башенный кран (аренда)",
        "Металлоконструкции",
        "Опалубка",
        "Комплект ЗИП",
        "Бетононасос",
    ],
}

CHARACTERISTICS = [
    # id, name, unit, direction, indicator, current, target, competitor, difficulty, caused_by
    ("CH1", "Срок поставки", "дни", "меньше", "запаздывающий", 62, 45, 50, 4, "CH6"),
    (
        "CH2",
        "Поставки в срок и полностью (OTIF)",
        "%",
        "больше",
        "запаздывающий",
        78,
        95,
        88,
        4,
        "CH6=9; CH4=3",
    ),
    ("CH3", "Время ответа на заявку", "часы", "меньше", "опережающий", 26, 4, 8, 2, ""),
    ("CH4", "Прозрачность статуса заказа", "% заказов", "больше", "опережающий", 35, 90, 60, 2, ""),
    (
        "CH5",
        "Безопасность на объекте (LTIFR)",
        "на 1 млн ч",
        "меньше",
        "запаздывающий",
        1.8,
        1.0,
        1.4,
        3,
        "",
    ),
    ("CH6", "Точность планирования производства", "%", "больше", "опережающий", 64, 90, 80, 3, ""),
    (
        "CH7",
        "Отказоустойчивость оборудования (MTBF)",
        "часы",
        "больше",
        "запаздывающий",
        5200,
        8000,
        6500,
        5,
        "",
    ),
    ("CH8", "Срок гарантийного ремонта", "дни", "меньше", "запаздывающий", 21, 7, 12, 3, ""),
]
RELATIONSHIPS = {
    "TP01": {"CH4": "△", "CH3": "○"},
    "TP02": {"CH3": "●", "CH4": "△"},
    "TP03": {"CH3": "○", "CH1": "○"},
    "TP04": {"CH7": "○", "CH5": "△", "CH3": "○"},
    "TP05": {"CH1": "△"},
    "TP06": {"CH1": "●", "CH2": "●", "CH6": "●"},
    "TP07": {"CH4": "●", "CH2": "○"},
    "TP08": {"CH2": "●", "CH7": "○"},
    "TP09": {"CH5": "●", "CH7": "○", "CH1": "△"},
    "TP10": {"CH8": "●", "CH7": "●", "CH5": "○"},
    "TP11": {"CH8": "○", "CH1": "○", "CH2": "△"},
    "TP12": {"CH4": "△"},
}
ROOF = {
    ("CH1", "CH5"): "−",
    ("CH1", "CH7"): "−−",
    ("CH1", "CH6"): "++",
    ("CH2", "CH6"): "++",
    ("CH3", "CH4"): "+",
    ("CH7", "CH8"): "+",
    ("CH1", "CH2"): "+",
}

SOURCES = [
    ("CRM Битрикс24", "CRM", "заявки, КП, сделки, контакты", "автоматический", "ежедневно"),
    ("1С:ERP", "ERP", "заказы, отгрузки, оплаты, производство", "автоматический", "ежедневно"),
    ("MES цеха", "MES", "план и факт производства", "частично автоматизирован", "ежесменно"),
    (
        "Service Desk",
        "ITSM",
        "обращения по гарантии, сроки ремонта",
        "частично автоматизирован",
        "ежедневно",
    ),
    ("Яндекс Формы", "опросы", "CSI, NPS, CES по точкам контакта", "ручной", "ежеквартально"),
    ("Excel отдела кадров", "таблицы", "обучение и аттестация персонала", "ручной", "ежемесячно"),
]


# KPI tree templates per touchpoint: (suffix, name, level, drives, unit, direction, baseline,
# actual, target, indicator, source, refresh, owner)
def _kpis() -> list[dict]:
    generic = {
        "F": (
            "Выручка по клиентам, прошедшим точку «{tp}»",
            "финансовый",
            "",
            "млн руб",
            "больше",
            1000,
            1040,
            1200,
            "запаздывающий",
            "1С:ERP",
            "ежемесячно",
            "Коммерческий директор",
        ),
        "C": (
            "Удовлетворённость (CSI) точкой «{tp}»",
            "клиентский",
            "F=1",
            "%",
            "больше",
            68,
            70,
            85,
            "запаздывающий",
            "Яндекс Формы",
            "ежеквартально",
            "Директор по клиентскому опыту",
        ),
    }
    special = {
        "TP02": [
            (
                "P1",
                "Время ответа на заявку",
                "процессный",
                "C=0,7",
                "часы",
                "меньше",
                30,
                26,
                4,
                "опережающий",
                "CRM Битрикс24",
                "ежедневно",
                "Руководитель отдела продаж",
            ),
            (
                "P2",
                "Доля заявок без потерь",
                "процессный",
                "C=0,3",
                "%",
                "больше",
                85,
                90,
                99,
                "опережающий",
                "CRM Битрикс24",
                "ежедневно",
                "Руководитель отдела продаж",
            ),
            (
                "K1",
                "Менеджеры, обученные стандарту ответа",
                "компетенции",
                "P1=1; P2=1",
                "%",
                "больше",
                20,
                55,
                90,
                "опережающий",
                "Excel отдела кадров",
                "ежемесячно",
                "HR-бизнес-партнёр",
            ),
        ],
        "TP06": [
            (
                "P1",
                "Поставки в срок (OTIF)",
                "процессный",
                "C=0,6",
                "%",
                "больше",
                70,
                78,
                95,
                "опережающий",
                "1С:ERP",
                "ежедневно",
                "Директор по логистике",
            ),
            (
                "P2",
                "Средний срок поставки",
                "процессный",
                "C=0,4",
                "дни",
                "меньше",
                70,
                62,
                45,
                "опережающий",
                "1С:ERP",
                "ежедневно",
                "Директор по логистике",
            ),
            (
                "03",
                "Точность планирования производства",
                "процессный",
                "P1=0,7; P2=0,6",
                "%",
                "больше",
                60,
                61,
                90,
                "опережающий",
                "",
                "",
                "Директор по производству",
            ),
            (
                "P3",
                "Комплектующие в наличии к запуску заказа",
                "процессный",
                "P1=0,3; P2=0,4",
                "%",
                "больше",
                85,
                92,
                95,
                "опережающий",
                "1С:ERP",
                "ежедневно",
                "Директор по закупкам",
            ),
            (
                "K1",
                "Плановики, освоившие APS-систему",
                "компетенции",
                "03=1",
                "%",
                "больше",
                0,
                50,
                80,
                "опережающий",
                "Excel отдела кадров",
                "ежемесячно",
                "HR-бизнес-партнёр",
            ),
        ],
        "TP07": [
            (
                "P1",
                "Заказы с онлайн-статусом в личном кабинете",
                "процессный",
                "C=0,7",
                "%",
                "больше",
                20,
                35,
                90,
                "опережающий",
                "",
                "",
                "Директор по ИТ",
            ),
            (
                "P2",
                "Проактивные уведомления о сдвиге сроков",
                "процессный",
                "C=0,3",
                "%",
                "больше",
                10,
                30,
                95,
                "опережающий",
                "CRM Битрикс24",
                "еженедельно",
                "Руководитель отдела продаж",
            ),
            (
                "K1",
                "Интеграция ERP и личного кабинета",
                "компетенции",
                "P1=1; P2=1",
                "% готовности",
                "больше",
                0,
                40,
                100,
                "опережающий",
                "",
                "",
                "Директор по ИТ",
            ),
        ],
        "TP10": [
            (
                "P1",
                "Срок гарантийного ремонта",
                "процессный",
                "C=0,6",
                "дни",
                "меньше",
                25,
                21,
                7,
                "опережающий",
                "Service Desk",
                "ежедневно",
                "Директор по сервису",
            ),
            (
                "P2",
                "Ремонт с первого выезда",
                "процессный",
                "C=0,4",
                "%",
                "больше",
                55,
                62,
                85,
                "опережающий",
                "Service Desk",
                "ежедневно",
                "Директор по сервису",
            ),
            (
                "K1",
                "Сервисные инженеры с сертификацией",
                "компетенции",
                "P1=1; P2=1",
                "%",
                "больше",
                40,
                65,
                90,
                "опережающий",
                "Excel отдела кадров",
                "ежемесячно",
                "HR-бизнес-партнёр",
            ),
        ],
    }
    default = [
        (
            "P1",
            "Соблюдение регламента точки «{tp}»",
            "процессный",
            "C=1",
            "%",
            "больше",
            70,
            82,
            95,
            "опережающий",
            "CRM Битрикс24",
            "еженедельно",
            "Руководитель направления",
        ),
        (
            "K1",
            "Сотрудники, обученные стандарту «{tp}»",
            "компетенции",
            "P1=1",
            "%",
            "больше",
            30,
            60,
            90,
            "опережающий",
            "Excel отдела кадров",
            "ежемесячно",
            "HR-бизнес-партнёр",
        ),
    ]
    rows = []
    for _, _, tp, name, _, _ in JOURNEY:
        num = tp[2:]
        prefix = f"K{num}"
        items = [("F", *generic["F"]), ("C", *generic["C"]), *special.get(tp, default)]
        for (
            suffix,
            kname,
            level,
            drives,
            unit,
            direction,
            base,
            actual,
            target,
            ind,
            src,
            refresh,
            owner,
        ) in items:
            fixed_drives = "; ".join(
                f"{prefix}{part.split('=')[0].strip()}={part.split('=')[1].strip()}"
                for part in drives.split(";")
                if part.strip()
            )
            rows.append(
                {
                    "kpi_id": f"{prefix}{suffix}",
                    "kpi": kname.format(tp=name),
                    "touchpoint_id": tp,
                    "level": level,
                    "drives": fixed_drives,
                    "unit": unit,
                    "direction": direction,
                    "baseline": base,
                    "actual": actual,
                    "target": target,
                    "indicator": ind,
                    "source": src,
                    "refresh": refresh,
                    "owner": owner,
                    "formula": "" if level != "клиентский" else "доля оценок 4–5 из 5",
                }
            )
    return rows


PROCESSES = [
    # touchpoint, step, order, capacity, demand (cases per week), cycle time (hours)
    ("TP02", "Регистрация заявки", 1, 400, 260, 0.2),
    ("TP02", "Квалификация заявки", 2, 300, 260, 1.0),
    ("TP02", "Ответ клиенту", 3, 280, 260, 2.5),
    ("TP06", "Приём заказа в ERP", 1, 120, 90, 4),
    ("TP06", "Планирование производства", 2, 80, 90, 16),
    ("TP06", "Производство: цех №1", 3, 60, 50, 120),
    ("TP06", "Производство: цех №2", 3, 55, 40, 140),
    ("TP06", "ОТК", 4, 130, 90, 6),
    ("TP06", "Отгрузка", 5, 110, 90, 8),
    ("TP10", "Регистрация обращения", 1, 200, 70, 0.5),
    ("TP10", "Диагностика", 2, 60, 70, 24),
    ("TP10", "Ремонт", 3, 90, 70, 48),
    ("TP10", "Закрытие и акт", 4, 150, 70, 2),
]


def _clients(rng: np.random.Generator, n: int = 2000):
    names = list(TRUTH["segments"])
    shares = np.array([TRUTH["segments"][s]["share"] for s in names])
    seg = rng.choice(len(names), size=n, p=shares / shares.sum())
    latent = _latent_satisfaction(rng, n)
    clients = []
    for i in range(n):
        s = TRUTH["segments"][names[seg[i]]]
        staff = round(s["staff"][0] * np.exp(rng.normal(0, s["staff"][1])))
        bu = s["bu"]
        if names[seg[i]] == "builders" and rng.random() < 0.15:
            bu = "Энергетика"
        clients.append(
            {
                "client_id": f"C{i + 1:04d}",
                "client_name": f"{['ООО', 'АО', 'ПАО'][int(rng.integers(3))]} «Клиент {i + 1:04d}»",
                "Бизнес-юнит": bu,
                "Регион": SEGMENT_REGIONS[names[seg[i]]][
                    int(rng.integers(len(SEGMENT_REGIONS[names[seg[i]]])))
                ],
                "Численность персонала": max(staff, 5),
                "Клиент с года": int(rng.integers(2012, 2023)),
                "_segment": names[seg[i]],
                "_latent": latent[i],
            }
        )
    return clients


def _latent_satisfaction(rng: np.random.Generator, n: int) -> np.ndarray:
    """Latent standardised satisfaction per touchpoint: a common 'halo' factor plus specifics."""
    halo = rng.normal(size=(n, 1))
    return 0.45 * halo + np.sqrt(1 - 0.45**2) * rng.normal(size=(n, len(TP_IDS)))


def _order_rate_multiplier(latent: np.ndarray) -> np.ndarray:
    effect = np.zeros(latent.shape[0])
    for tp, b in TRUTH["revenue_drivers"].items():
        effect += b * latent[:, TP_IDS.index(tp)]
    return np.exp(effect - effect.var() / 2)


def _transactions(rng: np.random.Generator, clients: list[dict]) -> list[tuple]:
    latent = np.array([c["_latent"] for c in clients])
    mult = _order_rate_multiplier(latent)
    days = (ANALYSIS_DATE - START_DATE).days
    rows = []
    order_no = 100000
    for i, c in enumerate(clients):
        s = TRUTH["segments"][c["_segment"]]
        rate = s["orders"] * mult[i] / 365.0
        start = int(rng.integers(0, days // 3)) if c["Клиент с года"] >= 2023 else 0
        end = days if not c.get("_former") else int(rng.integers(days // 3, days - 200))
        k = rng.poisson(rate * max(end - start, 1))
        when = np.sort(rng.integers(start, end, size=k))
        products = PRODUCTS[c["Бизнес-юнит"]]
        for d in when:
            order_no += 1
            lines = 1 + rng.poisson(0.6)
            chosen = rng.choice(len(products), size=min(lines, len(products)), replace=False)
            order_total = s["check"] * np.exp(rng.normal(0, 0.5))
            parts = rng.dirichlet(np.ones(len(chosen)))
            for p, share in zip(chosen, parts, strict=True):
                rows.append(
                    (
                        c["client_id"],
                        f"З-{order_no}",
                        START_DATE + dt.timedelta(days=int(d)),
                        round(float(order_total * share), 2),
                        products[p],
                    )
                )
    return rows


def _score(rng, latent_z: float, shift: float = 0.0, noise: float = 0.6) -> int:
    """A 1–5 answer from a latent standardised satisfaction."""
    x = 3.5 + shift + 0.9 * latent_z + rng.normal(0, noise)
    return int(np.clip(np.round(x), 1, 5))


STATED_IMPORTANCE = {
    "TP03": 4.8,
    "TP08": 4.7,
    "TP06": 4.6,
    "TP10": 4.2,
    "TP02": 4.3,
    "TP04": 4.0,
    "TP07": 3.6,
    "TP05": 3.4,
    "TP09": 3.9,
    "TP11": 3.7,
    "TP12": 3.1,
    "TP01": 3.0,
}
SAT_SHIFT = {"TP06": -0.7, "TP07": -0.8, "TP10": -0.4, "TP03": -0.2, "TP12": 0.5, "TP01": 0.3}


# Interviews by respondent type (the first two are the company's clients, linked by client ID).
RESPONDENT_TYPES = {
    "текущий": 40,
    "бывший": 8,
    "потенциальный": 5,
    "потерянный до сделки": 4,
    "клиент конкурента": 3,
}


def _interviews(rng: np.random.Generator, clients: list[dict]):
    types = [kind for kind, count in RESPONDENT_TYPES.items() for _ in range(count)]
    current_pool = [c for c in clients if not c.get("_former")]
    former_pool = [c for c in clients if c.get("_former")]
    cur = rng.choice(len(current_pool), size=RESPONDENT_TYPES["текущий"], replace=False)
    form = rng.choice(len(former_pool), size=RESPONDENT_TYPES["бывший"], replace=False)
    picked = [current_pool[i] for i in cur] + [former_pool[i] for i in form]
    rows = []
    never_met = {
        "потенциальный": set(TP_IDS[4:]),
        "потерянный до сделки": set(TP_IDS[5:]),
        "клиент конкурента": set(TP_IDS[4:]),
    }
    for r, rtype in enumerate(types):
        client = picked[r] if r < len(picked) else None
        latent = client["_latent"] if client else rng.normal(size=len(TP_IDS))
        row = {
            "respondent_id": f"R{r + 1:03d}",
            "client_id": client["client_id"] if client else None,
            "respondent_type": rtype,
            "role": "ЛПР" if rng.random() < 0.55 else "ЛВР",
            "Бизнес-юнит": client["Бизнес-юнит"]
            if client
            else ["Энергетика", "Машиностроение", "Строительство"][r % 3],
            "Должность": [
                "Главный инженер",
                "Директор по закупкам",
                "Генеральный директор",
                "Главный энергетик",
                "Начальник ОМТС",
            ][r % 5],
        }
        for k, tp in enumerate(TP_IDS):
            imp = int(np.clip(np.round(STATED_IMPORTANCE[tp] + rng.normal(0, 0.5)), 1, 5))
            sat = _score(rng, latent[k], SAT_SHIFT.get(tp, 0.0))
            comp = _score(rng, rng.normal(), 0.2)
            if tp in never_met.get(rtype, ()):
                sat = "не пользовался"
            if tp in ("TP09", "TP11") and rng.random() < 0.3:
                sat = "не пользовался"  # not every client needs installation or spare parts
            u = rng.random()
            if u < 0.04:
                sat = "затрудняюсь ответить"
            elif u < 0.06:
                sat = None
            if rng.random() < 0.05:
                imp = "затрудняюсь ответить"
            if isinstance(sat, int) and sat > 1 and rng.random() < 0.04:
                sat = f"{sat - 0.5:.1f}".replace(
                    ".", ","
                )  # "3,5": a half point written with a comma
            if isinstance(imp, int) and rng.random() < 0.05:
                imp = str(imp)  # number stored as text
            if rtype == "потенциальный" or rng.random() < 0.35:
                comp = None
            row[(tp, "importance")] = imp
            row[(tp, "satisfaction")] = sat
            row[(tp, "competitor")] = comp
        mean_latent = float(np.mean(latent))
        row["overall"] = int(np.clip(np.round(3.4 + 0.8 * mean_latent + rng.normal(0, 0.5)), 1, 5))
        row["nps"] = int(np.clip(np.round(7 + 2 * mean_latent + rng.normal(0, 1.2)), 0, 10))
        row["ces"] = int(np.clip(np.round(3.5 - 1.0 * mean_latent + rng.normal(0, 0.8)), 1, 7))
        if rng.random() < 0.35:  # the complaint about the touchpoint it rated lowest
            row["comment"] = journey_example.comment(row, TP_IDS)
        rows.append(row)
    return rows


def build(directory: Path = HERE, seed: int = SEED) -> tuple[Path, Path]:
    """Write the example workbook and transactions CSV into ``directory``."""
    rng = np.random.default_rng(seed)
    clients = _clients(rng)
    # Former clients: the least satisfied with the hidden drivers, who stopped buying.
    latent = np.array([c["_latent"] for c in clients])
    drive = sum(b * latent[:, TP_IDS.index(tp)] for tp, b in TRUTH["revenue_drivers"].items())
    for i in np.argsort(drive)[:150]:
        clients[i]["_former"] = True
    tx = _transactions(rng, clients)
    interviews = _interviews(rng, clients)

    attrs = ["Бизнес-юнит", "Регион", "Численность персонала", "Клиент с года"]
    content = {
        "journey": {
            "rows": [
                dict(
                    zip(
                        (
                            "stage_order",
                            "stage",
                            "touchpoint_id",
                            "touchpoint",
                            "channels",
                            "moment_of_truth",
                        ),
                        j,
                        strict=True,
                    )
                )
                for j in JOURNEY
            ]
        },
        "interviews": {
            "touchpoints": TP_IDS,
            "measures": ["importance", "satisfaction", "competitor"],
            "attributes": ["Бизнес-юнит", "Должность"],
            "rows": interviews,
        },
        "clients": {
            "rows": [{k: v for k, v in c.items() if not k.startswith("_")} for c in clients],
            "attributes": attrs,
        },
        "characteristics": {
            "rows": [
                dict(
                    zip(
                        (
                            "characteristic_id",
                            "characteristic",
                            "unit",
                            "direction",
                            "indicator",
                            "current",
                            "target",
                            "competitor",
                            "difficulty",
                            "caused_by",
                        ),
                        c,
                        strict=True,
                    )
                )
                for c in CHARACTERISTICS
            ]
        },
        "relationships": {
            "rows": TP_IDS,
            "cols": [c[0] for c in CHARACTERISTICS],
            "values": {(tp, ch): v for tp, d in RELATIONSHIPS.items() for ch, v in d.items()},
        },
        "roof": {
            "rows": [c[0] for c in CHARACTERISTICS],
            "cols": [c[0] for c in CHARACTERISTICS],
            "values": dict(ROOF.items()),
        },
        "kpis": {"rows": _kpis()},
        "processes": {
            "rows": [
                dict(
                    zip(
                        ("touchpoint_id", "step", "order", "capacity", "demand", "cycle_time"),
                        p,
                        strict=True,
                    )
                )
                for p in PROCESSES
            ]
        },
        "data_sources": {
            "rows": [
                dict(zip(("system", "kind", "holds", "automation", "refresh"), s, strict=True))
                for s in SOURCES
            ]
        },
        "settings": {
            "analysis_date": ANALYSIS_DATE,
            "outcome": "выручка",
            "transactions_file": TRANSACTIONS,
            "missing_codes": "99=затрудняюсь ответить; 98=не пользовался",
            "seed": seed,
            "segment_column": "Бизнес-юнит",
            "sales_points": "TP06=1,5; TP10=1,2; TP07=1,2",
            "project_name": "ПромТех — аудит клиентского опыта",
        },
        "transactions": None,
    }
    specs, journey_sheets = journey_example.sheets()  # segment paths and attribute segments
    content.update(journey_sheets)
    book = write_project(directory / WORKBOOK, content, lang="ru", force=True, extra=specs)
    csv_path = directory / TRANSACTIONS
    with (
        atomic_path(csv_path, force=True) as tmp,
        open(tmp, "w", encoding="cp1251", newline="") as f,
    ):
        w = csv.writer(f, delimiter=";")
        w.writerow(["Клиент", "Номер заказа", "Дата", "Сумма, руб", "Номенклатура"])
        for cid, order, day, amount, product in tx:
            w.writerow(
                [cid, order, day.strftime("%d.%m.%Y"), f"{amount:.2f}".replace(".", ","), product]
            )
    return book, csv_path


if __name__ == "__main__":
    for p in build():
        print(p)


def true_segments(seed: int = SEED) -> dict[str, str]:
    """The hidden segment of every client of the example (for tests of the segmentation)."""
    return {c["client_id"]: c["_segment"] for c in _clients(np.random.default_rng(seed))}
