"""Generate the bundled monitoring example: a year of monthly survey waves of «ПромТехГрупп».

The same company, journey, clients and transactions as :mod:`workbooks.examples.generate`, now
watched month after month: 12 waves of a continuous survey (about 100 answers each, satisfaction
with every touchpoint, NPS, CES, an open comment), monthly operational KPIs and an event log of
the warranty process. The generator plants what the monitor must find (:data:`TRUTH`):

* satisfaction with one touchpoint falls from a given month (every other touchpoint only
  wobbles a little around its level, plus sampling noise);
* one operational KPI moves a month before that touchpoint's satisfaction does (a lead);
* comments carry themes written by critics, passives and promoters (with personal data in some
  of them, which every output must mask);
* the warranty process has a bottleneck activity, a rework loop and one step whose real cycle
  time differs from the declared one.

Run ``python -m workbooks.examples.monitoring`` to rebuild ``promtech_monitoring.xlsx`` and
``promtech_events.csv`` (byte-identical for the same seed); :func:`build` with ``lang="en"``
writes a small English variant (comments in English, no transactions or event log).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np

from workbooks.atomic import atomic_path
from workbooks.examples import generate as base
from workbooks.project.monitoring_schema import MONITORING_SETTINGS, OPERATIONS, THEMES
from workbooks.project.template import write_project

HERE = Path(__file__).parent
SEED = 20250131
WORKBOOK = "promtech_monitoring.xlsx"
EVENTS = "promtech_events.csv"
FIRST_MONTH = (2025, 1)
WAVES = 12
PER_WAVE = 100

# The hidden truth the monitor should recover.
TRUTH = {
    # satisfaction with TP06 falls by `drop` scale points from wave `from_wave` (0-based: August)
    "deterioration": {"touchpoint": "TP06", "from_wave": 7, "drop": 0.8},
    # OTIF (K06P1) falls a month before TP06 satisfaction does
    "lead": {"kpi": "K06P1", "touchpoint": "TP06", "lag": 1},
    # themes of the comments: the NPS group that writes them and the touchpoint they concern
    "themes": {
        "delivery": ("critics", "TP06"),
        "response": ("critics", "TP02"),
        "documents": ("critics", "TP12"),
        "price": ("passives", ""),
        "engineers": ("promoters", "TP09"),
        "quality": ("promoters", "TP08"),
    },
    "dictionary_theme": "documents",  # the one theme the example's dictionary sheet declares
    "bottleneck": "Диагностика",
    "rework": "Ремонт",
    "cycle_disagrees": "Закрытие и акт",  # declared 2 h, takes about 6 h in the log
}

# Comments are an opening and an ending of their theme, so that the wording varies while the
# theme's words recur: theme -> ((Russian openings, endings), (English openings, endings)).
TEMPLATES = {
    "delivery": (
        (
            (
                "Поставка оборудования",
                "Поставка по нашему заказу",
                "Последняя поставка",
                "Каждая поставка",
            ),
            (
                "задерживается на две-три недели",
                "сорвана, производство стоит",
                "пришла позже обещанного срока",
                "опять сдвинулась, нас не предупредили",
                "переносится без объяснений",
                "срывает все наши сроки",
            ),
        ),
        (
            (
                "The delivery",
                "Delivery of the equipment",
                "The delivery of our order",
                "Every delivery",
            ),
            (
                "is two or three weeks late",
                "was missed again and our plant waits",
                "arrived later than promised",
                "slipped again without warning",
                "keeps being postponed without explanation",
            ),
        ),
    ),
    "response": (
        (
            ("Ответ на заявку", "Ответ менеджера на заявку", "Ответ по нашей заявке"),
            (
                "приходит через несколько дней",
                "приходится ждать неделю",
                "так и не пришёл",
                "приходит только после напоминаний",
                "затягивается, менеджер не перезванивает",
            ),
        ),
        (
            (
                "The answer to our request",
                "The reply to a request",
                "The manager's answer to a request",
            ),
            (
                "takes several days",
                "takes a whole week",
                "never came",
                "comes only after reminders",
                "is slow, the manager never calls back",
            ),
        ),
    ),
    "documents": (
        (
            ("Закрывающие документы", "Счета и акты", "Документы по отгрузке", "Счета-фактуры"),
            (
                "приходят с ошибками",
                "приходится переделывать по два раза",
                "присылают с опозданием и ошибками",
                "содержат ошибки в реквизитах",
            ),
        ),
        (
            ("Invoices and closing documents", "The closing documents", "Invoices and acts"),
            (
                "arrive with errors",
                "have to be redone twice",
                "come late and with errors",
                "contain errors in the details",
            ),
        ),
    ),
    "price": (
        (
            ("Цены", "Цены на оборудование", "Цены на сервис"),
            (
                "выше, чем у конкурентов",
                "растут каждый квартал",
                "высокие, хотелось бы скидку",
                "кусаются, но в целом устраивает",
            ),
        ),
        (
            ("Prices", "Prices for equipment", "Service prices"),
            (
                "are higher than the competitors' prices",
                "go up every quarter",
                "are high, a discount would help",
                "are steep but acceptable overall",
            ),
        ),
    ),
    "engineers": (
        (
            ("Инженеры", "Ваши инженеры", "Инженеры на пусконаладке", "Сервисные инженеры"),
            (
                "грамотные и быстро всё запустили",
                "очень квалифицированные",
                "помогли с пусконаладкой, спасибо",
                "всё объяснили нашим специалистам",
            ),
        ),
        (
            (
                "The engineers",
                "Your engineers",
                "The commissioning engineers",
                "The service engineers",
            ),
            (
                "are competent and commissioned everything quickly",
                "are highly qualified",
                "helped us with commissioning, thanks",
                "explained everything to our staff",
            ),
        ),
    ),
    "quality": (
        (
            ("Качество оборудования", "Качество продукции", "Качество сборки"),
            (
                "отличное, работает без сбоев",
                "на высоте",
                "лучше всех, что мы пробовали",
                "стабильно высокое",
            ),
        ),
        (
            ("The equipment quality", "Product quality", "The build quality"),
            (
                "is excellent, it runs without failures",
                "is outstanding",
                "is the best we have tried",
                "is consistently high",
            ),
        ),
    ),
    "noise": (
        (("Всё нормально", "Без комментариев", "Работаем давно", "Пока всё устраивает"), ("",)),
        (("All fine", "No comments", "We have worked together for years", "So far so good"), ("",)),
    ),
}
# Personal data some comments carry: every output must mask it.
PERSONAL = (
    (
        "Звоните: +7 912 345-67-89",
        "пишите на ivan.petrov@example.ru",
        "менеджер Петров Сергей Иванович обещал перезвонить",
        "наш ИНН 7701234567",
    ),
    (
        "Call me on +1 (415) 555-0132",
        "write to john.smith@example.com",
        "Mr. Smith promised to call back",
        "our tax number 7701234567",
    ),
)
PERSONAL_TOKENS = ("912", "ivan.petrov", "Петров", "7701234567", "555-0132", "john.smith", "Smith")

# Operational KPIs sent monthly: (KPI ID, level, wobble SD)
OPERATIONAL = (
    ("K02P1", 24.0, 1.5),  # hours to answer a request
    ("K06P1", 88.0, 2.0),  # OTIF, % — the planted lead
    ("K06P2", 60.0, 1.5),  # delivery lead time, days
    ("K07P1", 40.0, 2.0),  # orders with an online status, %
    ("K10P1", 20.0, 1.0),  # warranty repair, days
    ("K10P2", 63.0, 2.0),  # first-time fix, %
)
OTIF_DROP = 15.0  # percentage points, from the month before the planted deterioration
OTIF_EFFECT = TRUTH["deterioration"]["drop"] / OTIF_DROP  # satisfaction points per OTIF point

# The warranty process (TP10) as it runs: (activity, servers, mean service hours)
PROCESS = (
    ("Регистрация обращения", 1, 0.5),
    ("Диагностика", 8, 24.0),
    ("Ремонт", 26, 48.0),
    ("Закрытие и акт", 4, 6.0),
)
REWORK_SHARE = 0.12  # repairs that fail the check and are repeated
ARRIVALS_PER_WEEK = 70
LOG_WEEKS = 8
LOG_START = dt.datetime(2025, 10, 6, 8, 0)

WORDS = {
    "ru": {
        "wave": "Волна",
        "bu": "Бизнес-юнит",
        "type": "текущий",
        "roles": ("ЛПР", "ЛВР"),
        "events": ("Заявка", "Операция", "Начало", "Окончание", "Исполнитель"),
        "dictionary": ("Документы и счета", "документ; счёт; акт; закрывающие документы"),
    },
    "en": {
        "wave": "Wave",
        "bu": "Business unit",
        "type": "current",
        "roles": ("decision maker", "influencer"),
        "events": ("Case", "Activity", "Start", "End", "Resource"),
        "dictionary": ("Documents and invoices", "document; invoice; act; closing documents"),
    },
}


UNITS = {"Энергетика": "Energy", "Машиностроение": "Machinery", "Строительство": "Construction"}
JOURNEY_EN = (
    "Website and catalogue",
    "Handling of incoming requests",
    "Quotation and pricing",
    "Engineering consultation",
    "Contract approval",
    "Delivery times",
    "Order status information",
    "Completeness and quality of delivery",
    "Supervised installation and commissioning",
    "Warranty service",
    "Spare parts supply",
    "Invoices and closing documents",
)


def month_label(k: int) -> str:
    year, month = FIRST_MONTH
    index = year * 12 + month - 1 + k
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _clients() -> list[dict]:
    """The clients of the audit example (same seed, same clients, as its ``build`` makes them);
    the 150 who left are marked ``_former`` and those who bought at least once ``_buyer``."""
    rng = np.random.default_rng(base.SEED)
    clients = base._clients(rng)
    latent = np.array([c["_latent"] for c in clients])
    drive = sum(
        b * latent[:, base.TP_IDS.index(tp)] for tp, b in base.TRUTH["revenue_drivers"].items()
    )
    for i in np.argsort(drive)[:150]:
        clients[i]["_former"] = True
    buyers = {row[0] for row in base._transactions(rng, clients)}
    for c in clients:
        c["_buyer"] = c["client_id"] in buyers
    return clients


def operational_series(rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Monthly values of the operational KPIs; OTIF drops from the month before the planted
    deterioration."""
    out = {}
    drop_month = TRUTH["deterioration"]["from_wave"] - TRUTH["lead"]["lag"]
    for kpi, level, sd in OPERATIONAL:
        values = level + rng.normal(0, sd, WAVES)
        if kpi == TRUTH["lead"]["kpi"]:
            values[drop_month:] -= OTIF_DROP
        out[kpi] = np.round(values, 1)
    return out


def _nps_group(score: int) -> str:
    return "critics" if score <= 6 else "promoters" if score >= 9 else "passives"


def _phrase(rng, theme: str, k: int) -> str:
    openings, endings = TEMPLATES[theme][k]
    text = (
        f"{openings[int(rng.integers(len(openings)))]} {endings[int(rng.integers(len(endings)))]}"
    )
    return text.strip()


def _comment(rng, lang: str, group: str, sat: dict[str, float]) -> str | None:
    """A comment of a respondent in ``group`` whose satisfaction per touchpoint is ``sat``."""
    k = 0 if lang == "ru" else 1
    chance = {"critics": 0.6, "passives": 0.35, "promoters": 0.45}[group]
    if rng.random() >= chance:
        return None
    themes = [t for t, (g, _) in TRUTH["themes"].items() if g == group]
    if rng.random() < 0.12:
        theme = "noise"
    elif group == "passives":
        theme = themes[0]
    else:  # mostly the theme of the touchpoint this respondent rates worst (best for promoters)
        scores = np.array([sat[TRUTH["themes"][t][1]] for t in themes], dtype=float)
        weights = np.exp((-1.5 if group == "critics" else 1.5) * scores)
        theme = themes[int(rng.choice(len(themes), p=weights / weights.sum()))]
    text = _phrase(rng, theme, k)
    if group == "critics" and theme != "noise" and rng.random() < 0.1:
        other = [t for t in themes if t != theme]
        text += ". " + _phrase(rng, other[int(rng.integers(len(other)))], k)
    if rng.random() < 0.06:
        personal = PERSONAL[k]
        text += ". " + personal[int(rng.integers(len(personal)))]
    return text


def survey(rng: np.random.Generator, lang: str = "ru", waves: int = WAVES) -> list[dict]:
    """Rows of the interviews sheet: ``waves`` monthly waves of about :data:`PER_WAVE` answers."""
    words = WORDS[lang]
    clients = [c for c in _clients() if c["_buyer"] and not c.get("_former")]
    ops = operational_series(np.random.default_rng(SEED + 1))
    otif = ops[TRUTH["lead"]["kpi"]]
    tp_drop = TRUTH["deterioration"]["touchpoint"]
    wobble = rng.normal(0, 0.04, size=(waves, len(base.TP_IDS)))
    rows = []
    for w in range(waves):
        n = int(rng.integers(PER_WAVE - 8, PER_WAVE + 9))
        picked = rng.choice(len(clients), size=n, replace=False)
        halo = rng.normal(size=(n, 1))
        latent = 0.45 * halo + np.sqrt(1 - 0.45**2) * rng.normal(size=(n, len(base.TP_IDS)))
        for i in range(n):
            client = clients[int(picked[i])]
            row = {
                "respondent_id": f"M{w + 1:02d}-{i + 1:03d}",
                "client_id": client["client_id"],
                "respondent_type": words["type"],
                "role": words["roles"][0] if rng.random() < 0.55 else words["roles"][1],
                words["wave"]: month_label(w),
                words["bu"]: client["Бизнес-юнит"]
                if lang == "ru"
                else UNITS[client["Бизнес-юнит"]],
            }
            sat = {}
            for k, tp in enumerate(base.TP_IDS):
                shift = base.SAT_SHIFT.get(tp, 0.0) + wobble[w, k]
                if tp == tp_drop and w >= 1:  # satisfaction follows last month's OTIF
                    shift += OTIF_EFFECT * (otif[w - 1] - otif[0])
                x = 3.5 + shift + 0.9 * latent[i, k] + rng.normal(0, 0.6)
                sat[tp] = int(np.clip(np.round(x), 1, 5))
                imp = int(np.clip(np.round(base.STATED_IMPORTANCE[tp] + rng.normal(0, 0.5)), 1, 5))
                row[(tp, "importance")] = imp
                row[(tp, "satisfaction")] = sat[tp]
                if tp in ("TP09", "TP11") and rng.random() < 0.3:
                    row[(tp, "satisfaction")] = None  # not every client needs them
            mean_latent = float(np.mean(latent[i]))
            nps = int(np.clip(np.round(7 + 2 * mean_latent + rng.normal(0, 1.2)), 0, 10))
            row["nps"] = nps
            row["overall"] = int(
                np.clip(np.round(3.4 + 0.8 * mean_latent + rng.normal(0, 0.5)), 1, 5)
            )
            row["ces"] = int(np.clip(np.round(3.5 - mean_latent + rng.normal(0, 0.8)), 1, 7))
            row["comment"] = _comment(rng, lang, _nps_group(nps), sat)
            rows.append(row)
    return rows


def event_log(rng: np.random.Generator) -> list[tuple]:
    """The warranty process as multi-server first-come-first-served queues, seeded."""
    hours = LOG_WEEKS * 168
    arrivals = np.sort(rng.uniform(0, hours, rng.poisson(ARRIVALS_PER_WEEK * LOG_WEEKS)))
    free = {name: np.zeros(servers) for name, servers, _ in PROCESS}
    ready = arrivals.copy()  # when each case is ready for its next activity
    events = []
    for name, _servers, mean in PROCESS:
        for case in np.argsort(ready, kind="stable"):
            t = ready[case]
            runs = 2 if name == TRUTH["rework"] and rng.random() < REWORK_SHARE else 1
            for _ in range(runs):
                k = int(np.argmin(free[name]))
                start = max(t, free[name][k])
                duration = mean * rng.lognormal(-0.125, 0.5)
                end = start + duration
                free[name][k] = end
                events.append((int(case), name, start, end, f"{name[:3].upper()}-{k + 1:02d}"))
                t = end
            ready[case] = t
    events.sort(key=lambda e: (e[0], e[2]))

    def stamp(h: float) -> str:
        return (LOG_START + dt.timedelta(hours=float(h))).strftime("%Y-%m-%d %H:%M")

    return [(f"W{c + 1:04d}", a, stamp(s), stamp(e), r) for c, a, s, e, r in events]


def build(directory: Path = HERE, seed: int = SEED, lang: str = "ru", waves: int = WAVES):
    """Write the monitoring workbook (and, in Russian, the event log) into ``directory``."""
    rng = np.random.default_rng(seed)
    words = WORDS[lang]
    rows = survey(rng, lang, waves)
    ops = operational_series(np.random.default_rng(seed + 1))
    clients = _clients()
    journey_keys = ("stage_order", "stage", "touchpoint_id", "touchpoint", "channels")
    journey_keys += ("moment_of_truth",)
    content = {
        "journey": {
            "rows": [
                dict(zip(journey_keys, j if lang == "ru" else (*j[:3], name, "", ""), strict=True))
                for j, name in zip(base.JOURNEY, JOURNEY_EN, strict=True)
            ]
        },
        "interviews": {
            "touchpoints": base.TP_IDS,
            "measures": ["importance", "satisfaction"],
            "attributes": [words["wave"], words["bu"]],
            "rows": rows,
        },
        "settings": {"seed": seed, "language": lang, "segment_column": words["bu"]},
    }
    settings = content["settings"]
    settings["wave_column"] = words["wave"]
    outputs = []
    if lang == "ru":
        content["transactions"] = None  # in the audit example's CSV file
        content["clients"] = {
            "rows": [
                {"client_id": c["client_id"], "Бизнес-юнит": c["Бизнес-юнит"]} for c in clients
            ],
            "attributes": ["Бизнес-юнит"],
        }
        content["kpis"] = {"rows": base._kpis()}
        content["processes"] = {
            "rows": [
                dict(
                    zip(
                        ("touchpoint_id", "step", "order", "capacity", "demand", "cycle_time"),
                        p,
                        strict=True,
                    )
                )
                for p in base.PROCESSES
            ]
        }
        settings.update(
            analysis_date=base.ANALYSIS_DATE,
            transactions_file=base.TRANSACTIONS,
            event_log_file=EVENTS,
            outcome="выручка",
            missing_codes="99=затрудняюсь ответить; 98=не пользовался",
        )
    else:
        content["kpis"] = {"rows": []}
        settings["outcome"] = "overall"
    extra = [(THEMES, [dict(zip(("theme", "words"), words["dictionary"], strict=True))])]
    if lang == "ru":
        extra.append(
            (
                OPERATIONS,
                [
                    {"period": month_label(m), "kpi_id": kpi, "value": float(values[m])}
                    for kpi, values in ops.items()
                    for m in range(waves)
                ],
            )
        )
    name = WORKBOOK if lang == "ru" else WORKBOOK.replace(".xlsx", "_en.xlsx")
    outputs.append(
        write_project(
            directory / name,
            content,
            lang=lang,
            force=True,
            extra_sheets=tuple(extra),
            extra_settings=MONITORING_SETTINGS,
        )
    )
    if lang == "ru":
        path = directory / EVENTS
        with (
            atomic_path(path, force=True) as tmp,
            open(tmp, "w", encoding="utf-8", newline="") as f,
        ):
            w = csv.writer(f, delimiter=";")
            w.writerow(words["events"])
            w.writerows(event_log(np.random.default_rng(seed + 2)))
        outputs.append(path)
    return tuple(outputs)


if __name__ == "__main__":
    for p in build():
        print(p)
