"""Words of the journey-design and monitoring results in the deliverables of ``qfdkpi run``:
the workbook's journey, persona, program, trend, theme and retention sheets, the dashboard's
journey and trend views, the TOR's sections on journeys and alerts, the deck's slides."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------ what is left out, and why
    "part_journey": ("Дизайн пути клиента", "Journey design"),
    "part_monitoring": ("Мониторинг по волнам", "Monitoring by waves"),
    "why_no_journey_sheets": (
        "нет листов «Пути сегментов» и «Сегменты по признакам»; с ними появятся пути КАК ЕСТЬ → "
        "КАК БУДЕТ по сегментам, персоны, программа коммуникаций и уровни сервиса",
        "no 'Segment paths' and 'Attribute segments' sheets; with them come the AS IS → TO BE "
        "journeys per segment, personas, the communication program and the service levels",
    ),
    "why_no_monitoring": (
        "в интервью нет столбца «Волна»; с ним появятся тренды CSI по волнам с сигналами "
        "ухудшения, темы комментариев, удержание и узкое место процесса по журналу событий",
        "the interviews have no 'Wave' column; with it come CSI trends by wave with "
        "deterioration flags, comment themes, retention and the process bottleneck from an "
        "event log",
    ),
    "run_part_skipped": ("{part}: не рассчитано — {reason}", "{part}: not computed — {reason}"),
    "run_journeys": (
        "Путь клиента КАК ЕСТЬ → КАК БУДЕТ: {n:count(сегмент|сегмента|сегментов)} (лист «Путь "
        "как есть-как будет», dashboard.html)",
        "Journeys AS IS → TO BE: {n:count(segment|segments)} ('Journey as-is-to-be' sheet, "
        "dashboard.html)",
    ),
    "run_monitoring": (
        "Мониторинг, {n:count(волна|волны|волн)}: {flags}",
        "Monitoring, {n:count(wave|waves)}: {flags}",
    ),
    "run_part.journey": ("дизайн пути клиента", "journey design"),
    "run_part.monitoring": ("мониторинг по волнам", "monitoring by waves"),
    # ------------------------------------------------------------ sheet names (≤ 31 chars)
    "sheet_journey": ("Путь как есть-как будет", "Journey as-is-to-be"),
    "sheet_personas": ("Персоны", "Personas"),
    "sheet_program": ("Программа коммуникаций", "Communication program"),
    "sheet_trend": ("Тренд по волнам", "Trend by wave"),
    "sheet_themes": ("Темы комментариев", "Comment themes"),
    "sheet_retention": ("Удержание и процессы", "Retention and processes"),
    # ------------------------------------------------------------ journey sheet
    "xj.title": (
        "Путь клиента КАК ЕСТЬ → КАК БУДЕТ по сегментам",
        "Customer journey AS IS → TO BE by segment",
    ),
    "xj.segment": (
        "Сегмент «{segment}»: от «{start}» до «{result}»",
        "Segment '{segment}': from '{start}' to '{result}'",
    ),
    "xj.summary": (
        "Убрано шагов: {removed}; стали проактивными: {proactive}; новых проактивных: "
        "{added_proactive}; визитов меньше на {visits}; изменения затрагивают {weight:.0%} "
        "веса QFD",
        "Steps removed: {removed}; made proactive: {proactive}; new proactive: {added_proactive}; "
        "visits avoided: {visits}; the changes address {weight:.0%} of the QFD weight",
    ),
    "xj.missed": (
        "Главные приоритеты QFD, которых не касается ни одно изменение: {items}",
        "Top QFD priorities no change addresses: {items}",
    ),
    "xj.col.order": ("№", "No."),
    "xj.col.step": ("Шаг", "Step"),
    "xj.col.kind": ("Тип", "Kind"),
    "xj.col.channel": ("Канал", "Channel"),
    "xj.col.tp": ("Точка", "Touchpoint"),
    "xj.col.days": ("Дней", "Days"),
    "xj.col.change": ("Изменение", "Change"),
    "xj.change.removed": ("убран", "removed"),
    "xj.change.added": ("добавлен", "added"),
    "xj.change.changed": ("изменён", "changed"),
    "xj.change.kept": ("без изменений", "kept"),
    "xj.change.proactive": ("стал проактивным", "made proactive"),
    "xj.change.visit": ("без визита", "visit avoided"),
    "xj.legend": (
        "Цвет типа шага: голубой — личный визит, зелёный — самостоятельно клиентом, "
        "оранжевый — проактивно компанией.",
        "Step kind colours: blue — personal visit, green — self-service by the client, "
        "orange — proactive by the company.",
    ),
    # ------------------------------------------------------------ personas sheet
    "xp.title": ("Персоны: кластеры клиентов", "Personas: client clusters"),
    "xp.col.cluster": ("Кластер", "Cluster"),
    "xp.col.name": ("Портрет", "Portrait"),
    "xp.col.clients": ("Клиентов", "Clients"),
    "xp.col.share": ("Доля клиентов", "Client share"),
    "xp.col.revenue": ("Доля выручки", "Revenue share"),
    "xp.col.segments": ("Входит в сегменты", "Falls into"),
    "xp.col.needs": ("Потребности (важность)", "Needs (importance)"),
    "xp.col.problems": ("Проблемы (удовлетворённость)", "Problems (satisfaction)"),
    "xp.col.channels": ("Каналы", "Channels"),
    "xp.col.check": ("Средний чек", "Average check"),
    "xp.col.season": ("Сезонность", "Seasonality"),
    "xp.col.comments": ("Комментарии", "Comments"),
    "xp.seasonal": ("да, пик: {months}", "yes, peak: {months}"),
    "xp.not_seasonal": ("нет", "no"),
    "xp.season_unknown": (
        "не оценивается: {n:count(месяц|месяца|месяцев)} данных, нужно от 24",
        "not assessed: {n:count(month|months)} of data, 24 needed",
    ),
    "xp.item": ("{name} {value:.1f}", "{name} {value:.1f}"),
    "xp.share_item": ("{name} {share:.0%}", "{name} {share:.0%}"),
    "xp.comment_item": ("«{text}» ({n})", "'{text}' ({n})"),
    "xp.none": ("Персон нет: {reason}", "No personas: {reason}"),
    "xp.no_clusters": (
        "кластеры клиентов не построены (нужны транзакции или атрибуты клиентов)",
        "no client clusters (transactions or client attributes are needed)",
    ),
    # ------------------------------------------------------------ program sheet
    "xc.title": ("Программа коммуникаций", "Communication program"),
    "xc.col.segment": ("Сегмент", "Segment"),
    "xc.col.stage": ("Этап", "Stage"),
    "xc.col.tp": ("Точка", "Touchpoint"),
    "xc.col.channel": ("Канал", "Channel"),
    "xc.col.trigger": ("Повод", "Trigger"),
    "xc.col.frequency": ("Частота", "Frequency"),
    "xc.col.goal": ("Цель", "Goal"),
    "xc.col.owner": ("Ответственный", "Owner"),
    "xc.col.kpi": ("KPI", "KPI"),
    "xc.service": ("Уровни сервиса", "Service levels"),
    "xc.contact": ("План контактов по сегментам (дни)", "Contact plan per segment (days)"),
    # ------------------------------------------------------------ trend sheet
    "xt.title": ("Тренд по волнам и сигналы ухудшения", "Trend by wave and deterioration flags"),
    "xt.values": ("Значения по волнам", "Values by wave"),
    "xt.flags": (
        "Сигналы: ▼ — ухудшение по правилу, ▲ — улучшение по правилу",
        "Flags: ▼ — deterioration by the rule, ▲ — improvement by the rule",
    ),
    "xt.n": ("Ответов в волне", "Answers in the wave"),
    "xt.col.series": ("Ряд", "Series"),
    "xt.col.since": ("Хуже с", "Worse since"),
    "xt.flag_item": ("{series}: хуже с {since}", "{series}: worse since {since}"),
    "xt.no_flags": ("Сигналов ухудшения нет.", "No deterioration flags."),
    # ------------------------------------------------------------ themes sheet
    "xth.title": ("Темы комментариев", "Comment themes"),
    "xth.head": (
        "{n:count(комментарий|комментария|комментариев)}; персональные данные скрыты до анализа "
        "({masked})",
        "{n:count(comment|comments)}; personal data masked before the analysis ({masked})",
    ),
    "xth.col.theme": ("Тема", "Theme"),
    "xth.col.source": ("Источник", "Source"),
    "xth.col.count": ("Упоминаний", "Mentions"),
    "xth.col.share": ("Доля: {group}", "Share: {group}"),
    "xth.col.tps": ("Точки контакта", "Touchpoints"),
    "xth.col.words": ("Слова", "Words"),
    "xth.col.quotes": ("Цитаты (маскированы)", "Quotes (masked)"),
    "xth.quote": ("«{q}»", '"{q}"'),
    # ------------------------------------------------------------ retention / process / O↔X
    "xr.title": (
        "Удержание, узкое место процесса, операционные данные ↔ удовлетворённость",
        "Retention, process bottleneck, operational data ↔ satisfaction",
    ),
    "xr.retention": (
        "Удержание и «уснувшие» клиенты на {asof}",
        "Retention and sleeping clients as of {asof}",
    ),
    "xr.process": (
        "Процесс по журналу событий ({cases:count(случай|случая|случаев)})",
        "The process from the event log ({cases:count(case|cases)})",
    ),
    "xr.links": (
        "Операционные KPI, опережающие CSI (лаг до {lags} мес.)",
        "Operational KPIs that lead CSI (lag up to {lags} months)",
    ),
    "xr.none": ("{part}: {reason}", "{part}: {reason}"),
    # ------------------------------------------------------------ dashboard
    "dj.title": ("Путь клиента: как есть и как будет", "Customer journey: as is and to be"),
    "dj.note": (
        "Два пути каждого сегмента; цвет шага — его тип. Перечёркнут — шаг убран.",
        "Each segment's two journeys; a step's colour is its kind. Struck through — removed.",
    ),
    "dj.days": ("дн.", "d"),
    "dt.title": ("Тренд CSI по волнам", "CSI trend by wave"),
    "dt.note": (
        "▼ — ухудшение по правилу сигналов (то же правило, что в ТЗ), ▲ — улучшение",
        "▼ — deterioration by the warning rule (the same rule as in the TOR), ▲ — improvement",
    ),
    "dth.title": ("Темы комментариев", "Comment themes"),
    "kind.visit": ("личный визит", "personal visit"),
    "kind.self": ("самостоятельно клиентом", "self-service by the client"),
    "kind.proactive": ("проактивно компанией", "proactive by the company"),
    # ------------------------------------------------------------ TOR
    "tor_journey_title": (
        "4.2.1. Пути клиентов на дашборде",
        "4.2.1. Customer journeys on the dashboard",
    ),
    "tor_journey_intro": (
        "Дашборд показывает для каждого сегмента два пути — КАК ЕСТЬ и КАК БУДЕТ — шаг за шагом, "
        "с типом шага (личный визит, самостоятельно клиентом, проактивно компанией), каналом, "
        "точкой контакта и длительностью, и отслеживает переход на новый путь:",
        "For each segment the dashboard shows the two journeys — AS IS and TO BE — step by step, "
        "with the step's kind (personal visit, self-service by the client, proactive by the "
        "company), channel, touchpoint and duration, and tracks the move to the new journey:",
    ),
    "tor_journey_row": (
        "{segment}: шагов {steps_before} → {steps_after}, личных визитов {visits_before} → "
        "{visits_after}, проактивных шагов {pro_before} → {pro_after}, дней до ценностного "
        "результата {days_before} → {days_after}",
        "{segment}: steps {steps_before} → {steps_after}, personal visits {visits_before} → "
        "{visits_after}, proactive steps {pro_before} → {pro_after}, days to the value result "
        "{days_before} → {days_after}",
    ),
    "tor_journey_measures": (
        "Показатели перехода (ежемесячно, по сегменту): доля клиентов, прошедших шаги пути "
        "КАК БУДЕТ; число личных визитов на клиента; доля проактивных контактов, выполненных "
        "в срок по плану контактов; дней от стартового события до ценностного результата.",
        "Transition measures (monthly, per segment): share of clients who went through the "
        "TO BE steps; personal visits per client; share of proactive contacts made on time by "
        "the contact plan; days from the start event to the value result.",
    ),
    "tor_journey_none": (
        "Пути КАК ЕСТЬ / КАК БУДЕТ в проекте не описаны: {reason}.",
        "The project describes no AS IS / TO BE journeys: {reason}.",
    ),
    "tor_alert_title": ("4.2.2. Правило сигналов ухудшения", "4.2.2. Deterioration alert rule"),
    "tor_alert_intro": (
        "Дашборд помечает ряд (CSI каждой точки контакта; NPS, CES и общая удовлетворённость) "
        "по тому же правилу, что и мониторинг проекта. Ряд помечается в волне, если выполнено "
        "хотя бы одно условие:",
        "The dashboard flags a series (CSI of every touchpoint; NPS, CES and overall "
        "satisfaction) by the same rule as the project's monitoring. A series is flagged at a "
        "wave when at least one condition holds:",
    ),
    "tor_alert_change": (
        "Тест изменения: ухудшение к предыдущей волне значимо при α = {alpha:g} после поправки "
        "Холма по всем отслеживаемым рядам волны ({family:count(ряд|ряда|рядов)}); CSI и CES — "
        "t-тест Уэлча, NPS — z-тест с Var(NPS) = (p_P + p_D − (p_P − p_D)²)/n. Ряд проверяется, "
        "когда в обеих волнах не меньше {min_n} ответов.",
        "Change test: the deterioration from the previous wave is significant at α = {alpha:g} "
        "after Holm's correction across all watched series of the wave "
        "({family:count(series|series)}); CSI and CES by Welch's t-test, NPS by a z-test with "
        "Var(NPS) = (p_P + p_D − (p_P − p_D)²)/n. A series is tested when both waves have at "
        "least {min_n} answers.",
    ),
    "tor_alert_chart": (
        "Контрольная карта EWMA: после {k:count(базовой волны|базовых волн|базовых волн)} — "
        "λ = {lam:g}, границы ±{L:g}σ от центра (среднее базовых волн, взвешенное по n) с "
        "поправкой Лэйни; сигнал, пока EWMA за границей в худшую сторону.",
        "EWMA control chart: after {k:count(baseline wave|baseline waves)} — λ = {lam:g}, "
        "limits ±{L:g}σ around the centre (the n-weighted mean of the baseline waves), "
        "Laney-adjusted; flagged while the EWMA is beyond the limit on the worse side.",
    ),
    "tor_alert_sizes": (
        "Пороги для этого проекта (CSI, {n} ответов в волне, SD ответа {sd:.1f}): наименьшее "
        "ухудшение, которое ловит тест изменения, — {change:.1f} пункта CSI; EWMA сигналит при "
        "отклонении больше {limit:.1f} пункта от центра.",
        "Thresholds for this project (CSI, {n} answers per wave, answer SD {sd:.1f}): the "
        "smallest deterioration the change test flags is {change:.1f} CSI points; the EWMA "
        "signals beyond {limit:.1f} points from the centre.",
    ),
    "tor_alert_by_rule": (
        "по правилу раздела 4.2.2: ухудшение к прошлой волне при α = {alpha:g} (Холм) или EWMA "
        "за границей после {k} базовых волн",
        "by the rule of section 4.2.2: a deterioration from the previous wave at α = {alpha:g} "
        "(Holm) or the EWMA beyond its limit after {k} baseline waves",
    ),
    "tor_fn_alerts_rule": (
        "Раннее предупреждение по правилу раздела 4.2.2 — тому же, по которому проект ведёт "
        "мониторинг волн: сигнал только при ухудшении сверх выборочной погрешности.",
        "Early warning by the rule of section 4.2.2 — the one the project's wave monitoring "
        "applies: a flag only for a deterioration beyond the sampling error.",
    ),
    "tor_alert_now": (
        "Сейчас помечены: {items}.",
        "Flagged now: {items}.",
    ),
    "tor_alert_none": (
        "Волны опроса в проекте не заданы: {reason}. Правило по умолчанию: α = {alpha:g} с "
        "поправкой Холма, EWMA после {k} базовых волн (λ = {lam:g}, ±{L:g}σ).",
        "The project has no survey waves: {reason}. The default rule: α = {alpha:g} with Holm's "
        "correction, EWMA after {k} baseline waves (λ = {lam:g}, ±{L:g}σ).",
    ),
    # ------------------------------------------------------------ deck
    "slide_journey_title": (
        "Путь клиента: как есть → как будет",
        "Customer journey: as is → to be",
    ),
    "slide_monitoring_title": (
        "Мониторинг: что ухудшилось и о чём пишут клиенты",
        "Monitoring: what got worse and what clients write",
    ),
    "slide_flag": (
        "▼ {series}: хуже с {since} (сейчас {now:.1f})",
        "▼ {series}: worse since {since} (now {now:.1f})",
    ),
    "slide_theme": (
        "{label}: {n:count(упоминание|упоминания|упоминаний)}",
        "{label}: {n:count(mention|mentions)}",
    ),
}
