"""Messages of continuous monitoring (docs/method.md §13): reading the waves, comments, theme
dictionaries, operational data and event logs; the notes of the monitoring computations; the
words of the ``qfdkpi monitor`` report."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- reading
    "mon_no_wave_column": (
        "нет столбца волны опроса: добавьте столбец {words} (дата или месяц интервью, номер "
        "волны) или назовите его в параметре «Столбец волны» на листе «Настройки»",
        "no survey wave column: add a column {words} (interview date or month, wave number) or "
        "name it in the 'Wave column' setting on the Settings sheet",
    ),
    "mon_wave_column_missing": (
        "столбец волны «{name}» из «Настроек» не найден; столбцы: {columns}{hint}",
        "wave column '{name}' named in Settings not found; the columns are: {columns}{hint}",
    ),
    "mon_wave_blank": (
        "у {n:count(респондента|респондентов|респондентов)} не указана волна («{column}»); "
        "они не входят в ряды по волнам",
        "{n:count(respondent has|respondents have)} no wave ('{column}'); they are left out "
        "of the wave series",
    ),
    "mon_bad_baseline": (
        "ожидается целое число волн не меньше 2; получено «{value}»",
        "a whole number of waves of at least 2 was expected; got '{value}'",
    ),
    "mon_bad_share": (
        "ожидается число больше 0 и меньше {high:g}; получено «{value}»",
        "a number above 0 and below {high:g} was expected; got '{value}'",
    ),
    "mon_unknown_kpi": (
        "KPI «{value}» нет на листе «{kpis}»{hint}",
        "KPI '{value}' is not on the '{kpis}' sheet{hint}",
    ),
    "mon_not_month": (
        "ожидается месяц (01.03.2025, 2025-03 или «март 2025»); получено «{value}»",
        "a month was expected (2025-03-01, 2025-03 or 'March 2025'); got '{value}'",
    ),
    "mon_event_log_path": (
        "журнал событий «{value}»: ожидается файл CSV, Parquet или xlsx внутри папки книги "
        "«{folder}» (не папка, не устройство и не путь за её пределы)",
        "event log '{value}': a CSV, Parquet or xlsx file inside the workbook's folder "
        "'{folder}' was expected (not a folder, a device or a path leading outside it)",
    ),
    # ---------------------------------------------------------------- early-warning rule
    "warn_rule_change": (
        "изменение к прошлой волне — сигнал, если оно к худшему и его p-значение с поправкой "
        "Холма по всем наблюдаемым рядам волны меньше {alpha:g}",
        "a change from the previous wave is flagged when it is for the worse and its p-value, "
        "Holm-corrected across every watched series of the wave, is below {alpha:g}",
    ),
    "warn_rule_chart": (
        "после {k} базовых волн: контрольная карта EWMA (λ = {lam:g}), центр — среднее "
        "базовых волн, границы ±{L:g}σ по выборочной дисперсии каждой волны (с поправкой Лэйни); "
        "сигнал, пока EWMA за границей в худшую сторону",
        "after {k} baseline waves: an EWMA control chart (λ = {lam:g}), centre = mean of the "
        "baseline waves, limits ±{L:g}σ from the sampling variance of each wave (Laney-adjusted); "
        "flagged while the EWMA is beyond the limit on the worse side",
    ),
    # ---------------------------------------------------------------- masks of personal data
    "mask.email": ("[e-mail]", "[e-mail]"),
    "mask.phone": ("[телефон]", "[phone]"),
    "mask.inn": ("[ИНН]", "[tax ID]"),
    "mask.name": ("[имя]", "[name]"),
    # ---------------------------------------------------------------- sections
    "mon_section_skipped": (
        "{section}: не рассчитано — {reason}",
        "{section}: not computed — {reason}",
    ),
    "mon_section.themes": ("темы комментариев", "comment themes"),
    "mon_section.retention": ("удержание", "retention"),
    "mon_section.process": ("журнал событий", "event log"),
    "mon_section.links": ("O-data ↔ X-data", "O-data ↔ X-data"),
    "mon_no_waves": (
        "ни у одного респондента не указана волна опроса",
        "no respondent has a survey wave",
    ),
    "mon_waves_not_months": (
        "волны названы не месяцами, их нельзя сопоставить с помесячными операционными данными",
        "the waves are not months, so they cannot be matched with monthly operational data",
    ),
    # ---------------------------------------------------------------- notes of the computations
    "themes_dictionary_used": (
        "использован словарь тем с листа «Словари тем» ({n:count(тема|темы|тем)}); остальные "
        "темы найдены автоматически",
        "the theme dictionary of the 'Theme dictionaries' sheet was used ({n:count(theme|themes)}); "
        "further themes were found automatically",
    ),
    "themes_found": (
        "темы найдены как сообщества сети совместной встречаемости лемм (Лувен, зерно {seed}): "
        "{k:count(сообщество|сообщества|сообществ)}, модулярность {modularity:.2f}",
        "themes found as communities of the lemma co-occurrence network (Louvain, seed {seed}): "
        "{k:count(community|communities)}, modularity {modularity:.2f}",
    ),
    "retention_no_orders": (
        "нет заказов до даты анализа",
        "no orders up to the analysis date",
    ),
    "retention_no_repeat": (
        "ни один клиент не покупал дважды: обычный интервал покупок не определить",
        "no client bought twice: the usual purchase interval cannot be set",
    ),
    "retention_interval_pooled": (
        "сегмент «{segment}»: {gaps} интервалов между покупками (< {limit}); использован "
        "обычный интервал всех клиентов",
        "segment '{segment}': {gaps} gaps between purchases (< {limit}); the usual interval of "
        "all clients is used",
    ),
    "event_log_empty": ("в журнале событий нет ни одного события", "the event log has no events"),
    "event_busiest_differs": (
        "больше всего ждут перед «{bottleneck}», но сильнее всего загружены исполнители "
        "«{busiest}»",
        "cases wait longest before '{bottleneck}', but the resources of '{busiest}' are the "
        "busiest",
    ),
    "event_no_declared_process": (
        "ни один процесс листа «Процессы» не совпадает с операциями журнала по названиям шагов",
        "no process of the Processes sheet matches the log's activities by step name",
    ),
    "event_step_missing": (
        "шаг «{step}» есть на листе «Процессы», но не встречается в журнале",
        "step '{step}' is on the Processes sheet but never occurs in the log",
    ),
    "event_demand_differs": (
        "«{step}»: по журналу {log:.1f} заявки в неделю, заявлено {declared:g}",
        "'{step}': the log shows {log:.1f} cases a week, {declared:g} are declared",
    ),
    "event_cycle_differs": (
        "«{step}»: по журналу обработка занимает {log:.1f} ч, заявлено {declared:g} ч",
        "'{step}': the log shows {log:.1f} h of work, {declared:g} h are declared",
    ),
    "event_utilisation_differs": (
        "«{step}»: загрузка по журналу {log:.0%}, по заявленным спросу и мощности {declared:.0%}",
        "'{step}': utilisation {log:.0%} in the log, {declared:.0%} from the declared demand and "
        "capacity",
    ),
    "event_bottleneck_differs": (
        "узкое место по журналу — «{log}», а по листу «Процессы» ({touchpoint}) — «{declared}»",
        "the log's bottleneck is '{log}', the Processes sheet ({touchpoint}) says '{declared}'",
    ),
    "event_activity_undeclared": (
        "операции журнала, которых нет на листе «Процессы»: {activities}",
        "activities of the log missing from the Processes sheet: {activities}",
    ),
    "event_log_unreadable": (
        "не удалось прочитать журнал событий: {detail}",
        "cannot read the event log: {detail}",
    ),
    "event_log_columns": (
        "в журнале событий нет столбцов: {missing}; есть: {columns}",
        "the event log lacks the columns: {missing}; it has: {columns}",
    ),
    "event_log_no_rows": (
        "ни одна из {rows} строк журнала не прочитана (нужны случай, операция, начало и "
        "окончание не раньше начала)",
        "none of the log's {rows} rows could be read (a case, an activity, a start and an end "
        "no earlier than the start are needed)",
    ),
    "event_log_bad_rows": (
        "строк журнала пропущено: {n} (не прочитаны время или окончание раньше начала)",
        "log rows left out: {n} (unreadable times or an end before the start)",
    ),
    "ox_no_touchpoint": (
        "KPI {kpi}: у точки {touchpoint} нет рядов удовлетворённости по волнам",
        "KPI {kpi}: touchpoint {touchpoint} has no satisfaction series over the waves",
    ),
    "ox_too_short": (
        "KPI {kpi}: слишком мало общих месяцев с волнами опроса для связи",
        "KPI {kpi}: too few months in common with the survey waves to relate them",
    ),
    # ---------------------------------------------------------------- the monitor report
    "help.monitor": (
        "Непрерывный мониторинг: волны опроса с сигналами ухудшений, темы комментариев по точкам "
        "контакта, удержание и «уснувшие» клиенты, узкое место процесса по журналу событий, "
        "связь операционных KPI с удовлетворённостью.",
        "Continuous monitoring: survey waves with warnings of deteriorations, comment themes per "
        "touchpoint, retention and sleeping clients, the process bottleneck from an event log, "
        "operational KPIs linked to satisfaction.",
    ),
    "monr.p_small": ("< 0,001", "< 0.001"),
    "monr.quote": ("— «{q}»", '— "{q}"'),
    "monr.metric.csi": ("CSI", "CSI"),
    "monr.metric.top2": ("top-2", "top-2"),
    "monr.metric.nps": ("NPS", "NPS"),
    "monr.metric.ces": ("CES", "CES"),
    "monr.relationship": ("Отношения в целом", "Relationship overall"),
    "monr.title": (
        "Мониторинг «{project}»: {waves:count(волна|волны|волн)} ({first} … {last}), "
        "{n:count(ответ|ответа|ответов)}; сегменты: {segments}",
        "Monitoring '{project}': {waves:count(wave|waves)} ({first} … {last}), "
        "{n:count(answer|answers)}; segments: {segments}",
    ),
    "monr.rule": ("Правило сигналов:", "Warning rule:"),
    "monr.warnings": (
        "▼ Что ухудшилось и с какой волны",
        "▼ What got worse, and since when",
    ),
    "monr.no_warnings": (
        "ухудшений сверх выборочной погрешности нет",
        "no deterioration beyond the sampling error",
    ),
    "monr.flag": (
        "{series} — {metric}: хуже с {since}; сейчас {now}{state}",
        "{series} — {metric}: worse since {since}; now {now}{state}",
    ),
    "monr.still": ("; сигнал держится с {since}", "; flagged since {since}"),
    "monr.not_now": ("; в последней волне сигнала нет", "; not flagged in the latest wave"),
    "monr.by_change": (
        "изменение {before} → {after}: {v0} → {v1} ({d}; 95 % ДИ {lo} … {hi}; p (Холм) {p})",
        "change {before} → {after}: {v0} → {v1} ({d}; 95% CI {lo} … {hi}; p (Holm) {p})",
    ),
    "monr.by_chart": (
        "EWMA за контрольной границей с {since} (базовый уровень {center})",
        "EWMA beyond its control limit since {since} (baseline {center})",
    ),
    "monr.improvements": ("▲ Улучшения (тем же правилом):", "▲ Improvements (by the same rule):"),
    "monr.improved": ("{series} — {metric}: {waves}", "{series} — {metric}: {waves}"),
    "monr.table": (
        "Ряды по волнам (все респонденты)",
        "Series by wave (all respondents)",
    ),
    "monr.col.series": ("Ряд", "Series"),
    "monr.col.n": ("n посл.", "n last"),
    "monr.legend": (
        "▼ сигнал ухудшения, ▲ улучшение, * значимое изменение к прошлой волне (p Холма < 0,05)",
        "▼ deterioration flagged, ▲ improvement, * significant change from the previous wave "
        "(Holm p < 0.05)",
    ),
    "monr.segments": (
        "По сегментам, волна {wave} (в скобках — изменение к прошлой волне)",
        "By segment, wave {wave} (in brackets: the change from the previous wave)",
    ),
    "monr.themes": ("Темы комментариев", "Comment themes"),
    "monr.no_comments": ("открытых комментариев нет", "no open comments"),
    "monr.mask.email": ("e-mail", "e-mail"),
    "monr.mask.phone": ("телефонов", "phones"),
    "monr.mask.inn": ("ИНН", "tax IDs"),
    "monr.mask.name": ("имён", "names"),
    "monr.themes_head": (
        "Темы комментариев: {n:count(комментарий|комментария|комментариев)}; группы: {groups}; "
        "персональные данные скрыты ({masked})",
        "Comment themes: {n:count(comment|comments)}; groups: {groups}; personal data masked "
        "({masked})",
    ),
    "monr.group.critics": ("критики", "critics"),
    "monr.group.passives": ("нейтралы", "passives"),
    "monr.group.promoters": ("промоутеры", "promoters"),
    "monr.group.low": ("низкая удовл.", "low satisfaction"),
    "monr.group.middle": ("средняя удовл.", "middle satisfaction"),
    "monr.group.high": ("высокая удовл.", "high satisfaction"),
    "monr.how.comment": ("комментарий о ней", "commented on"),
    "monr.how.dictionary": ("по словарю", "by the dictionary"),
    "monr.how.name": ("по названию", "by its name"),
    "monr.how.ratings": ("по оценкам", "by the ratings"),
    "monr.source.dictionary": ("из словаря", "from the dictionary"),
    "monr.source.found": ("найдена", "found"),
    "monr.theme": (
        "«{label}» ({source}) — {n:count(комментарий|комментария|комментариев)}; доля: {shares}; "
        "точки: {tps}; слова: {words}",
        "'{label}' ({source}) — {n:count(comment|comments)}; share: {shares}; touchpoints: "
        "{tps}; words: {words}",
    ),
    "monr.unassigned": (
        "вне тем: {n:count(комментарий|комментария|комментариев)}",
        "outside any theme: {n:count(comment|comments)}",
    ),
    "monr.themes_by_tp": ("  Темы по точкам контакта:", "  Themes per touchpoint:"),
    "monr.retention": ("Удержание", "Retention"),
    "monr.no_transactions": ("транзакций нет", "no transactions"),
    "monr.retention_head": (
        "Удержание и «уснувшие» клиенты на {asof:date}: клиент «уснул», если не покупал дольше "
        "квантиля {q:.0%} интервалов между покупками своего сегмента; удержание и возврат — "
        "среднее за 12 месяцев",
        "Retention and sleeping clients on {asof:date}: a client is sleeping after a gap longer "
        "than the {q:.0%} quantile of the gaps between purchases in their segment; retention and "
        "return rate: monthly, over the last 12 months",
    ),
    "monr.col.segment": ("Сегмент", "Segment"),
    "monr.col.clients": ("Клиентов", "Clients"),
    "monr.col.interval": ("Интервал, дн.", "Interval, d"),
    "monr.col.sleeping": ("Уснули", "Sleeping"),
    "monr.col.share": ("Доля", "Share"),
    "monr.col.retention": ("Удержание/мес", "Retention/mo"),
    "monr.col.return": ("Возврат/мес", "Return/mo"),
    "monr.col.balance": ("Баланс мес.", "Balance"),
    "monr.col.cohorts": ("Когорты 1/3/6/12 мес.", "Cohorts 1/3/6/12 mo"),
    "monr.all": ("Все", "All"),
    "monr.no_segment": ("(без сегмента)", "(no segment)"),
    "monr.sleepers": (
        "  Крупнейшие «уснувшие» клиенты (по выручке за 12 месяцев):",
        "  Largest sleeping clients (by revenue over 12 months):",
    ),
    "monr.sleeper": (
        "{client} ({segment}): последняя покупка {last:date}, {days} дн. назад при обычном "
        "интервале {interval}; выручка за 12 мес. {revenue:,.0f}",
        "{client} ({segment}): last purchase {last:date}, {days} days ago against a usual "
        "interval of {interval}; revenue over 12 months {revenue:,.0f}",
    ),
    "monr.process": ("Журнал событий", "Event log"),
    "monr.no_event_log": (
        "журнал событий не задан (параметр «Файл журнала событий»)",
        "no event log given (the 'Event log file' setting)",
    ),
    "monr.process_head": (
        "Журнал событий «{file}»: {cases:count(случай|случая|случаев)} за {weeks:.1f} нед.; "
        "процесс точки {tp}; длительность случая: в среднем {mean:,.0f} ч, 90 % — до {p90:,.0f} ч",
        "Event log '{file}': {cases:count(case|cases)} over {weeks:.1f} weeks; the process of "
        "{tp}; case duration: {mean:,.0f} h on average, 90% within {p90:,.0f} h",
    ),
    "monr.col.activity": ("Операция", "Activity"),
    "monr.col.executions": ("Выполнений", "Executions"),
    "monr.col.throughput": ("В неделю", "Per week"),
    "monr.col.demand": ("Спрос/нед", "Demand/wk"),
    "monr.col.service": ("Обработка, ч", "Work, h"),
    "monr.col.wait": ("Ожидание, ч", "Wait, h"),
    "monr.col.resources": ("Исполнителей", "Resources"),
    "monr.col.utilisation": ("Загрузка", "Utilisation"),
    "monr.col.rework": ("Повторы", "Rework"),
    "monr.bottleneck": (
        "Узкое место: «{activity}» — перед ним ждут дольше всего: в среднем {wait:,.1f} ч, "
        "{share:.0%} всего ожидания ({total:,.0f} ч); загрузка {util:.0%}",
        "Bottleneck: '{activity}' — cases wait longest before it: {wait:,.1f} h on average, "
        "{share:.0%} of all waiting ({total:,.0f} h); utilisation {util:.0%}",
    ),
    "monr.loop": (
        "Петля переделки: {a} → {b}: {n:count(раз|раза|раз)}",
        "Rework loop: {a} → {b}: {n:count(time|times)}",
    ),
    "monr.links": ("O-data ↔ X-data", "O-data ↔ X-data"),
    "monr.no_operations": (
        "помесячных операционных данных нет (лист «Операционные данные»)",
        "no monthly operational data (the 'Operational data' sheet)",
    ),
    "monr.links_head": (
        "O-data ↔ X-data: месячные изменения KPI против изменений CSI его точки, KPI опережает "
        "на 0–{lags} мес.; p с поправкой Холма по всем KPI и лагам, «опережает» — лаг ≥ 1 и "
        "p < {alpha:g}",
        "O-data ↔ X-data: monthly changes of each KPI against those of its touchpoint's CSI, the "
        "KPI leading by 0–{lags} months; p Holm-corrected across every KPI and lag, 'leads' = "
        "lag ≥ 1 and p < {alpha:g}",
    ),
    "monr.col.kpi": ("KPI", "KPI"),
    "monr.col.touchpoint": ("Точка", "Touchpoint"),
    "monr.col.lag": ("Лаг, мес.", "Lag, mo"),
    "monr.col.ci": ("95 % ДИ", "95% CI"),
    "monr.col.p_holm": ("p (Холм)", "p (Holm)"),
    "monr.col.leads": ("Опережает", "Leads"),
    "monr.yes": ("да", "yes"),
    "monr.no": ("нет", "no"),
    "monr.inconsistent": (
        "(!) знак связи противоречит направлению KPI («больше — лучше» / «меньше — лучше»)",
        "(!) the sign contradicts the KPI's direction (more / less is better)",
    ),
    "monr.moves": (
        "  Что сдвинулось до сигналов ухудшения:",
        "  What moved before the flagged drops:",
    ),
    "monr.no_moves": (
        "ни один операционный KPI отмеченных точек не сдвинулся заметно перед сигналом",
        "no operational KPI of the flagged touchpoints moved beyond its usual changes before the "
        "flag",
    ),
    "monr.move": (
        "{tp} (сигнал с {flagged}): {kpi} — в {month} изменился на {change:+,.1f} (обычные "
        "колебания до {limit:+,.1f}), за {lead:count(месяц|месяца|месяцев)} до сигнала",
        "{tp} (flagged from {flagged}): {kpi} — changed by {change:+,.1f} in {month} (usual "
        "changes within {limit:+,.1f}), {lead:count(month|months)} before the flag",
    ),
}
