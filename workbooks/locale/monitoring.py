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
        "KPI «{value}» нет на листе «{sheet}»{hint}",
        "KPI '{value}' is not on the '{sheet}' sheet{hint}",
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
        "с {k}-й волны после базовых {k}: контрольная карта EWMA (λ = {lam:g}), центр — среднее "
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
    "mon_section_skipped": ("{section}: не рассчитано — {reason}", "{section}: not computed — {reason}"),
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
}
