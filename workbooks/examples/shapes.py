"""Project shapes a consultant meets on real work, generated from a seed: the corpus the tests run
end to end through ``qfdkpi run``.

The bundled example is one well-behaved project. Real ones differ: an NPS survey with no
transactions, an overall-satisfaction outcome, a B2C base of thousands on a 0–10 scale, thirty
touchpoints, a long (one row per touchpoint) interviews sheet, a raw one-header forms export with
labels and repeated submissions that goes through ``import-survey``, a 1C transactions file in
cp1251 with its own headers, a project with only the required sheets, English throughout. Each
shape is built from a hidden model (:data:`SHAPES` says which touchpoints drive the outcome),
so a test can check more than "it ran".

``python -m workbooks.examples.shapes DIR`` writes every shape into ``DIR/<shape>/``. The same seed
gives byte-identical files.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from workbooks.atomic import atomic_path
from workbooks.project.schema import CHARACTERISTICS
from workbooks.project.template import write_project

SEED = 20250314
BOOTSTRAP = 30  # the tests check logic, not the width of intervals
ANALYSIS_END = dt.date(2025, 6, 30)


@dataclass(frozen=True)
class Shape:
    """One kind of project: its size, scale, outcome, layout and which parts it has."""

    name: str
    respondents: int
    touchpoints: int
    scale: str = "1-5"  # the satisfaction and importance scale
    outcome: str = "nps"  # canonical outcome: nps, overall or revenue
    lang: str = "ru"
    layout: str = "wide"
    transactions: str = ""  # "", "csv" (UTF-8, our headers) or "1c" (cp1251, 1C headers)
    clients: bool = True
    optional_sheets: bool = True  # House of Quality, KPIs, processes, data sources
    importance: bool = True  # False: a satisfaction-only survey (no importance questions)
    # the hidden drivers: touchpoint number (1-based) -> effect of one SD of satisfaction
    drivers: dict[int, float] = field(default_factory=lambda: {2: 0.9, 5: 0.5, 1: 0.3})


SHAPES: dict[str, Shape] = {
    s.name: s
    for s in (
        Shape("nps_only", 45, 7, clients=False),
        Shape("overall", 80, 10, outcome="overall"),
        Shape("b2c_5000", 5000, 8, scale="0-10", outcome="revenue", transactions="csv"),
        Shape("touchpoints_30", 150, 30),
        Shape("long_layout", 60, 8, outcome="overall", layout="long"),
        Shape("minimal", 50, 6, clients=False, optional_sheets=False),
        Shape("english", 60, 8, scale="1-7", outcome="overall", lang="en"),
        Shape("onec_cp1251", 300, 6, outcome="revenue", transactions="1c"),
        Shape("satisfaction_only", 70, 7, outcome="overall", importance=False),
    )
}
# The raw forms export (built by :func:`build_export`): its size and the repeats in it.
EXPORT = {
    "respondents": 43,  # distinct submissions
    "touchpoints": 7,
    "repeated": 3,  # submissions sent twice, identical to the second (same time included)
    "same_answers_later": 1,  # the same client and answers at another time: a warning only
    "unknown_role": "Бухгалтерия",  # a role that is neither ЛПР nor ЛВР
}

NAMES = {
    "ru": [
        "Сайт",
        "Заявка",
        "Коммерческое предложение",
        "Договор",
        "Поставка",
        "Монтаж",
        "Сервис",
        "Документы",
        "Оплата",
        "Поддержка",
    ],
    "en": [
        "Website",
        "Request",
        "Quote",
        "Contract",
        "Delivery",
        "Installation",
        "Service",
        "Documents",
        "Payment",
        "Support",
    ],
}
WORDS = {
    "ru": {
        "stage": "Этап",
        "current": "текущий",
        "roles": ("ЛПР", "ЛВР"),
        "industry": "Отрасль",
        "industries": ("Машиностроение", "Энергетика", "Строительство"),
        "region": "Регион",
        "regions": ("Москва", "Урал", "Сибирь"),
        "dont_know": "затрудняюсь ответить",
        "outcome": {"nps": "nps", "overall": "общая удовлетворенность", "revenue": "выручка"},
    },
    "en": {
        "stage": "Stage",
        "current": "current",
        "roles": ("decision maker", "influencer"),
        "industry": "Industry",
        "industries": ("Machinery", "Energy", "Construction"),
        "region": "Region",
        "regions": ("North", "South", "East"),
        "dont_know": "N/A",
        "outcome": {"nps": "nps", "overall": "overall satisfaction", "revenue": "revenue"},
    },
}


def true_drivers(shape: Shape) -> list[str]:
    """The touchpoint IDs that drive the outcome, strongest first."""
    return [f"TP{k:02d}" for k, _ in sorted(shape.drivers.items(), key=lambda kv: -kv[1])]


def _scale(text: str) -> tuple[int, int]:
    low, high = text.split("-")
    return int(low), int(high)


def _answers(rng: np.random.Generator, shape: Shape):
    """Satisfaction and importance per respondent and touchpoint, the latent outcome, the NPS
    and the overall score, from the hidden drivers."""
    n, p = shape.respondents, shape.touchpoints
    low, high = _scale(shape.scale)
    mid, spread = (low + high) / 2, (high - low) / 4
    common = rng.normal(size=(n, 1))
    latent = 0.4 * common + rng.normal(size=(n, p))  # touchpoints correlate through one factor
    sat = np.clip(np.rint(mid + spread * latent), low, high)
    z = (sat - sat.mean(axis=0)) / sat.std(axis=0)
    signal = sum(b * z[:, k - 1] for k, b in shape.drivers.items())
    outcome = signal + rng.normal(scale=0.8, size=n)
    ystd = (outcome - outcome.mean()) / outcome.std()
    nps = np.clip(np.rint(7 + 2 * ystd), 0, 10)
    overall = np.clip(np.rint(mid + spread * 1.5 * ystd), low, high)
    importance = np.clip(np.rint(mid + spread * rng.normal(0.5, 1, size=(n, p))), low, high)
    return sat, importance, outcome, nps, overall


def _content(shape: Shape, rng: np.random.Generator, client_ids: list[str]):
    """The workbook content of a shape and the hidden outcome per respondent."""
    lang, w = shape.lang, WORDS[shape.lang]
    p = shape.touchpoints
    tps = [f"TP{k:02d}" for k in range(1, p + 1)]
    names = NAMES[lang]
    journey = [
        {
            "stage_order": k // 3 + 1,
            "stage": f"{w['stage']} {k // 3 + 1}",
            "touchpoint_id": tp,
            "touchpoint": f"{names[k % len(names)]} {k // len(names) + 1}"
            if p > len(names)
            else names[k],
            "channels": "",
            "moment_of_truth": "yes" if k < 2 else "no",
        }
        for k, tp in enumerate(tps)
    ]
    sat, imp, hidden, nps, overall = _answers(rng, shape)
    rows = []
    for i in range(shape.respondents):
        row = {
            "respondent_id": f"R{i + 1:05d}",
            "client_id": client_ids[i] if client_ids else None,
            "respondent_type": "current",
            "role": "decision_maker" if i % 3 == 0 else "influencer",
            "nps": nps[i],
            "overall": overall[i],
            w["region"]: w["regions"][i % 3],
        }
        for k, tp in enumerate(tps):
            gone = rng.random() < 0.04
            row[(tp, "satisfaction")] = w["dont_know"] if gone else sat[i, k]
            if shape.importance:
                row[(tp, "importance")] = imp[i, k]
        rows.append(row)
    outcome = w["outcome"][shape.outcome]
    content: dict = {
        "journey": {"rows": journey},
        "interviews": {
            "touchpoints": tps,
            "measures": ["importance", "satisfaction"] if shape.importance else ["satisfaction"],
            "attributes": [w["region"]],
            "rows": rows,
            "layout": shape.layout,
        },
        "settings": {
            "outcome": outcome,
            "importance_scale": shape.scale,
            "satisfaction_scale": shape.scale,
            "bootstrap": BOOTSTRAP,
            "seed": SEED,
            "language": lang,
        },
    }
    if shape.clients and client_ids:
        content["clients"] = {
            "rows": [
                {
                    "client_id": cid,
                    "client_name": cid,
                    w["industry"]: w["industries"][j % 3],
                    w["region"]: w["regions"][(j // 3) % 3],
                }
                for j, cid in enumerate(client_ids)
            ],
            "attributes": [w["industry"], w["region"]],
        }
    if shape.optional_sheets:
        content.update(_optional(tps))
    return content, hidden


def _optional(tps: list[str]) -> dict:
    """A small House of Quality, a KPI tree per first two touchpoints, a process and two IT
    systems (IDs only: language-neutral)."""
    chars = [
        ("CH1", "CH1", "%", "more", "lagging", 80, 95, 90, 3, "CH2"),
        ("CH2", "CH2", "h", "less", "leading", 24, 8, 12, 2, ""),
        ("CH3", "CH3", "%", "more", "lagging", 70, 90, 85, 4, ""),
    ]
    keys = tuple(c.key for c in CHARACTERISTICS.columns)
    kpis = []
    for tp in tps[:2]:
        kpis += [
            {
                "kpi_id": f"{tp}F",
                "kpi": f"{tp} revenue",
                "touchpoint_id": tp,
                "level": "financial",
                "direction": "more",
                "baseline": 100,
                "actual": 104,
                "target": 120,
            },
            {
                "kpi_id": f"{tp}C",
                "kpi": f"{tp} CSI",
                "touchpoint_id": tp,
                "level": "client",
                "drives": f"{tp}F=1",
                "direction": "more",
                "baseline": 60,
                "actual": 66,
                "target": 80,
                "source": "CRM",
            },
            {
                "kpi_id": f"{tp}P",
                "kpi": f"{tp} lead time",
                "touchpoint_id": tp,
                "level": "process",
                "drives": f"{tp}C=1",
                "direction": "less",
                "baseline": 10,
                "actual": 9,
                "target": 5,
                "source": "ERP",
            },
        ]
    return {
        "characteristics": {"rows": [dict(zip(keys, c, strict=True)) for c in chars]},
        "relationships": {
            "rows": tps,
            "cols": ["CH1", "CH2", "CH3"],
            "values": {(tps[0], "CH1"): 9, (tps[1], "CH2"): 3, (tps[-1], "CH3"): 1},
        },
        "roof": {"rows": ["CH1", "CH2", "CH3"], "cols": ["CH1", "CH2", "CH3"], "values": {}},
        "kpis": {"rows": kpis},
        "processes": {
            "rows": [
                {
                    "touchpoint_id": tps[0],
                    "step": "A",
                    "order": 1,
                    "capacity": 100,
                    "demand": 80,
                    "cycle_time": 2,
                },
                {
                    "touchpoint_id": tps[0],
                    "step": "B",
                    "order": 2,
                    "capacity": 90,
                    "demand": 80,
                    "cycle_time": 3,
                },
            ]
        },
        "data_sources": {
            "rows": [
                {"system": "CRM", "kind": "CRM", "automation": "automatic"},
                {"system": "ERP", "kind": "ERP", "automation": "partial"},
            ]
        },
    }


def _transactions(rng, shape: Shape, client_ids: list[str], outcome: np.ndarray) -> list[tuple]:
    """Orders over two and a half years; a client's order rate grows with the outcome."""
    start = dt.date(2023, 1, 1)
    days = (ANALYSIS_END - start).days
    lines = []
    rate = np.exp(0.5 * (outcome - outcome.mean()) / outcome.std()) * 6
    for i, cid in enumerate(client_ids):
        for k in range(rng.poisson(rate[i]) + 1):
            day = start + dt.timedelta(days=int(rng.integers(0, days + 1)))
            amount = round(float(rng.lognormal(8, 0.6)), 2)
            lines.append((cid, f"{cid}-{k + 1}", day, amount, f"P{int(rng.integers(1, 20))}"))
    return lines


HEADERS_1C = ("ИНН контрагента", "Номер заказа", "Дата документа", "Сумма с НДС", "Номенклатура")
HEADERS_CSV = ("client_id", "order_id", "date", "amount", "product")


def _write_transactions(path: Path, lines: list[tuple], kind: str) -> None:
    one_c = kind == "1c"
    with (
        atomic_path(path, force=True) as tmp,
        open(tmp, "w", encoding="cp1251" if one_c else "utf-8", newline="") as f,
    ):
        w = csv.writer(f, delimiter=";" if one_c else ",")
        w.writerow(HEADERS_1C if one_c else HEADERS_CSV)
        for cid, order, day, amount, product in lines:
            if one_c:
                w.writerow(
                    [
                        cid,
                        order,
                        day.strftime("%d.%m.%Y"),
                        f"{amount:.2f}".replace(".", ","),
                        product,
                    ]
                )
            else:
                w.writerow([cid, order, day.isoformat(), f"{amount:.2f}", product])


def build(name: str, directory: Path, seed: int = SEED) -> Path:
    """Write the shape ``name`` into ``directory``; return the project workbook's path."""
    if name == "forms_export":
        return build_export(directory, seed)[2]
    shape = SHAPES[name]
    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng([seed, sorted(SHAPES).index(name)])
    needs_clients = shape.clients or shape.transactions
    if shape.transactions == "1c":
        client_ids = [f"77{i:08d}" for i in range(shape.respondents)]
    else:
        client_ids = [f"C{i:05d}" for i in range(shape.respondents)] if needs_clients else []
    content, outcome = _content(shape, rng, client_ids)
    if shape.transactions:
        file = f"{name}_transactions.csv"
        _write_transactions(
            directory / file, _transactions(rng, shape, client_ids, outcome), shape.transactions
        )
        content["settings"]["transactions_file"] = file
    only = None if shape.optional_sheets else set()
    if shape.clients and client_ids:
        only = None if shape.optional_sheets else {"clients"}
    return write_project(
        directory / f"{name}.xlsx", content, lang=shape.lang, force=True, only=only
    )


# ------------------------------------------------------------------ a raw forms export

_LABELS = {  # how forms write a score: every form a consultant meets
    1: ("1 — совсем не удовлетворен", "1"),
    2: ("2", "(2) скорее нет"),
    3: ("3 из 5", "3"),
    4: ("(4) скорее да", "4 балла"),
    5: ("5 - полностью", "5"),
}
_ROLES = ("ЛПР (руководитель)", "ЛВР (специалист)", "Закупки", EXPORT["unknown_role"])


def build_export(directory: Path, seed: int = SEED) -> tuple[Path, Path, Path]:
    """A Google-Forms-like export (one header row, labels, repeated submissions, a formula saved
    without its value in a comment), its mapping and a project with the journey and settings
    (written from the blank template). Returns (export, mapping, project)."""
    import openpyxl

    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng([seed, 99])
    p = EXPORT["touchpoints"]
    shape = Shape("forms_export", EXPORT["respondents"], p)
    sat, imp, _, nps, _ = _answers(rng, shape)
    names = NAMES["ru"][:p]
    tps = [f"TP{k:02d}" for k in range(1, p + 1)]
    project = write_project(
        directory / "forms_project.xlsx",
        {
            "journey": {
                "rows": [
                    {
                        "stage_order": k + 1,
                        "stage": f"Этап {k + 1}",
                        "touchpoint_id": tp,
                        "touchpoint": names[k],
                    }
                    for k, tp in enumerate(tps)
                ]
            },
            "interviews": {"touchpoints": tps, "rows": []},
            "settings": {"outcome": "nps", "bootstrap": BOOTSTRAP, "seed": seed},
        },
        lang="ru",
        force=True,
    )
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Ответы на форму (1)"
    header = ["Отметка времени", "ИНН организации", "Ваша роль в компании"]
    for name in names:
        header += [f"Насколько для вас важно: {name}?", f"Насколько вы удовлетворены: {name}?"]
    header += ["Насколько вероятно, что вы порекомендуете нас коллегам?", "Комментарий"]
    ws.append(header)
    rows = []
    start = dt.datetime(2025, 3, 3, 9, 0)
    for i in range(EXPORT["respondents"]):
        row = [
            start + dt.timedelta(hours=7 * i, minutes=int(rng.integers(0, 60))),
            f"77{i:08d}",
            _ROLES[i % len(_ROLES)],
        ]
        for k in range(p):
            row.append(int(imp[i, k]))
            row.append(_LABELS[int(sat[i, k])][i % 2])
        row += [int(nps[i]), '=HYPERLINK("https://example.org/a","см. письмо")' if i == 5 else ""]
        rows.append(row)
    out = []
    for i, row in enumerate(rows):
        out.append(row)
        if i < EXPORT["repeated"]:  # sent twice: the same second, the same answers
            out.append(list(row))
    later = list(rows[-1])
    later[0] = later[0] + dt.timedelta(days=2)  # the same client and answers two days later
    out.append(later)
    for row in out:
        ws.append(row)
    export = directory / "forms_export.xlsx"
    wb.save(export)
    rules = [
        ("Отметка времени", 'column = "timestamp"'),
        ("re:^ИНН", 'column = "client_id"'),
        ("re:роль", 'column = "role"'),
        ("re:порекомендуете", 'column = "nps"'),
        ("Комментарий", 'column = "comment"'),
    ]
    for k, name in enumerate(names):
        rules.append(
            (
                f"Насколько для вас важно: {name}?",
                f'touchpoint = "{tps[k]}"\nmeasure = "importance"',
            )
        )
        rules.append(
            (
                f"Насколько вы удовлетворены: {name}?",
                f'touchpoint = "{tps[k]}"\nmeasure = "satisfaction"',
            )
        )
    text = '[defaults]\nrespondent_type = "текущий"\n\n[recode.role]\n"Закупки" = "ЛВР"\n'
    text += "".join(f'\n[[rule]]\nmatch = "{m}"\n{t}\n' for m, t in rules)
    mapping = directory / "forms_mapping.toml"
    with atomic_path(mapping, force=True) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return export, mapping, project


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv else Path("shapes")
    for name in [*SHAPES, "forms_export"]:
        print(build(name, out / name))


if __name__ == "__main__":
    main(sys.argv[1:])
