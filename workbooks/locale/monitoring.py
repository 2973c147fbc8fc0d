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
}
