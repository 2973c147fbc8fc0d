"""Messages about the consultant's input files: validation, import, settings, the command line."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (Russian, English)
    # key: (Russian, English)
    "sheet_missing": (
        "лист «{name}» не найден; листы книги: {sheets}{hint}",
        "sheet '{name}' not found; the sheets are: {sheets}{hint}",
    ),
    "did_you_mean": ("; возможно, имелся в виду «{name}»?", "; did you mean '{name}'?"),
    "column_missing": (
        "нет обязательного столбца «{name}»; столбцы: {columns}{hint}",
        "required column '{name}' is missing; the columns are: {columns}{hint}",
    ),
    "required_blank": (
        "значение обязательно, ячейка пуста",
        "a value is required, the cell is empty",
    ),
    "not_number": ("ожидается число; получено «{value}»", "a number was expected; got '{value}'"),
    "not_int": (
        "ожидается целое число; получено «{value}»",
        "a whole number was expected; got '{value}'",
    ),
    "not_date": (
        "ожидается дата (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД); получено «{value}»",
        "a date was expected (DD.MM.YYYY or YYYY-MM-DD); got '{value}'",
    ),
    "not_enum": (
        "допустимые значения: {allowed}; получено «{value}»",
        "allowed values: {allowed}; got '{value}'",
    ),
    "out_of_scale": (
        "значение {value} вне шкалы; ожидается {scale}",
        "value {value} is outside the scale; expected {scale}",
    ),
    "not_score": (
        "ожидается оценка по шкале {scale} или пропуск; получено «{value}»",
        "a score on the {scale} scale or a blank was expected; got '{value}'",
    ),
    "duplicate_id": (
        "повторяющийся ID «{value}» (уже в строке {first})",
        "duplicate ID '{value}' (already in row {first})",
    ),
    "unknown_touchpoint": (
        "неизвестная точка контакта «{value}»; есть на листе «{journey}»: {known}{hint}",
        "unknown touchpoint '{value}'; the '{journey}' sheet has: {known}{hint}",
    ),
    "unknown_characteristic": (
        "неизвестная характеристика «{value}»; есть: {known}",
        "unknown characteristic '{value}'; known: {known}",
    ),
    "unknown_kpi": (
        "KPI «{value}» не существует; есть: {known}",
        "KPI '{value}' does not exist; known: {known}",
    ),
    "bad_drives": (
        "ожидается «ID=вес; ID=вес», например «K01=0,6; K02=0,4»; получено «{value}»",
        "expected 'ID=weight; ID=weight', e.g. 'K01=0.6; K02=0.4'; got '{value}'",
    ),
    "bad_relationship": (
        "сила связи должна быть 0, 1, 3 или 9 (или ●, ○, △); получено «{value}»",
        "relationship strength must be 0, 1, 3 or 9 (or ●, ○, △); got '{value}'",
    ),
    "bad_causes": (
        "ожидается «CH6; CH4» или «CH6=9; CH4=3» (сила 1, 3 или 9); получено «{value}»",
        "expected 'CH6; CH4' or 'CH6=9; CH4=3' (strength 1, 3 or 9); got '{value}'",
    ),
    "bad_roof": (
        "ожидается ++, +, −, −− или пусто; получено «{value}»",
        "expected ++, +, −, −− or blank; got '{value}'",
    ),
    "no_transactions": (
        "у клиента «{value}» нет ни одной транзакции",
        "client '{value}' has no transactions",
    ),
    "unknown_setting": (
        "неизвестный параметр «{value}»; есть: {known}",
        "unknown parameter '{value}'; known: {known}",
    ),
    "bad_setting": ("параметр «{name}»: {detail}", "parameter '{name}': {detail}"),
    "bad_codes": (
        "ожидается «99=затрудняюсь ответить; 98=не пользовался»; получено «{value}»",
        "expected '99=don't know; 98=not experienced'; got '{value}'",
    ),
    "bad_likert": (
        "ожидается «слово=балл; ...»; получено «{value}»",
        "expected 'word=score; ...'; got '{value}'",
    ),
    "bad_scale": (
        "ожидается одна из шкал {allowed}; получено «{value}»",
        "expected one of the scales {allowed}; got '{value}'",
    ),
    "bad_lang": ("ожидается ru или en; получено «{value}»", "expected ru or en; got '{value}'"),
    "file_missing": ("файл «{value}» не найден", "file '{value}' not found"),
    "not_xlsx": (
        "не удалось прочитать книгу Excel: {detail}",
        "cannot read the Excel workbook: {detail}",
    ),
    "header_unknown_measure": (
        "под точкой контакта «{tp}» ожидается «Важность», «Удовлетворённость» или «Конкурент»; получено «{value}»",
        "under touchpoint '{tp}' expected 'Importance', 'Satisfaction' or 'Competitor'; got '{value}'",
    ),
    "no_touchpoint_columns": (
        "не найдено ни одного столбца оценок точек контакта (шапка в две строки: точка контакта над «Важность»/«Удовлетворённость»)",
        "no touchpoint score columns found (two header rows: touchpoint above 'Importance'/'Satisfaction')",
    ),
    "encrypted": (
        "файл защищён паролем (зашифрован); снимите пароль в Excel («Файл → Сведения → Защитить книгу») и сохраните заново",
        "the file is password-protected (encrypted); remove the password in Excel (File → Info → Protect Workbook) and save again",
    ),
    "zip_entries": (
        "книга содержит {n} частей (допустимо не больше {limit}); файл повреждён или подозрителен",
        "the workbook has {n} parts (at most {limit} allowed); the file is broken or suspicious",
    ),
    "zip_bomb": (
        "книга распаковывается в {size} МБ (допустимо не больше {limit} МБ) — похоже на zip-бомбу; файл не открыт",
        "the workbook inflates to {size} MB (at most {limit} MB allowed) — it looks like a zip bomb; not opened",
    ),
    "macros_ignored": (
        "книга содержит макросы; они не выполняются, читаются только данные",
        "the workbook contains macros; they are not run, only the data is read",
    ),
    "interrupted": (
        "прервано пользователем; незавершённые файлы удалены",
        "interrupted; no partial output was left",
    ),
    "streamed_import": (
        "{n} респондентов: книга проекта переписана потоково (только значения — оформление, "
        "подсказки и выпадающие списки не сохранены), чтобы не исчерпать память",
        "{n} respondents: the project was rewritten by a streaming writer (values only — formatting, "
        "comments and drop-downs are not kept) to keep memory bounded",
    ),
    "zero_capacity": (
        "мощность шага «{step}» равна 0: он не пропускает ни одной заявки (загрузка ∞)",
        "step '{step}' has zero capacity: nothing passes it (utilisation ∞)",
    ),
    "empty_sheet": ("лист пуст", "the sheet is empty"),
    "no_rows": ("на листе нет ни одной строки данных", "the sheet has no data rows"),
    "bad_matrix_header": (
        "в шапке ожидается ID характеристики; получено «{value}»",
        "expected a characteristic ID in the header; got '{value}'",
    ),
    "tx_bad_rows": (
        "строк с ошибками типов: {count} (номера строк файла: {examples}); ожидаются ID клиента, заказ, дата ДД.ММ.ГГГГ и сумма",
        "rows with type errors: {count} (file line numbers: {examples}); expected client ID, order, a DD.MM.YYYY date and an amount",
    ),
    "tx_file_error": (
        "не удалось прочитать транзакции: {detail}",
        "cannot read the transactions: {detail}",
    ),
    "no_answers": ("нет ни одного ответа", "no answers at all"),
    "mapping_unmatched": (
        "столбец «{value}» не сопоставлен ни с одной точкой контакта{hint}",
        "column '{value}' matches no touchpoint{hint}",
    ),
    "closest": ("; ближайшие правила: {names}", "; closest rules: {names}"),
    "mapping_bad": (
        "ошибка в файле сопоставления: {detail}",
        "error in the mapping file: {detail}",
    ),
    "exists": (
        "«{path}» уже существует; добавьте --force, чтобы перезаписать",
        "'{path}' already exists; pass --force to overwrite",
    ),
    "validated_ok": (
        "Книга {path} прошла проверку: {summary}",
        "Workbook {path} is valid: {summary}",
    ),
    "summary": (
        "{tps} точек контакта, {resp} респондентов, {clients} клиентов, {tx} транзакций, {kpis} KPI",
        "{tps} touchpoints, {resp} respondents, {clients} clients, {tx} transactions, {kpis} KPIs",
    ),
    "warnings_header": (
        "{n:count(предупреждение|предупреждения|предупреждений)}:",
        "{n:count(warning|warnings)}:",
    ),
    "problems_header": (
        "{n:plural(Найдена|Найдено|Найдено)} {n:count(проблема|проблемы|проблем)}:",
        "Found {n:count(problem|problems)}:",
    ),
    "problems_header_in": (
        "{n:plural(Найдена|Найдено|Найдено)} {n:count(проблема|проблемы|проблем)} в {source}:",
        "Found {n:count(problem|problems)} in {source}:",
    ),
    "template_written": ("Шаблон записан: {path}", "Template written: {path}"),
    "imported": (
        "Лист «{sheet}» записан в {path}: {rows} респондентов, {cols} столбцов оценок",
        "Sheet '{sheet}' written to {path}: {rows} respondents, {cols} score columns",
    ),
    # the command line: help texts and progress stages
    "help.group": (
        "QFD и дерево KPI для аудита клиентского опыта: от интервью и транзакций к приоритетам точек контакта, узким местам и ТЗ на CX-дашборд.",
        "QFD and KPI trees for customer-experience audits: from interviews and transactions to touchpoint priorities, bottlenecks and a TOR for the CX dashboard.",
    ),
    "help.lang": (
        "Язык сообщений и файлов: ru или en.",
        "Language of messages and files: ru or en.",
    ),
    "help.debug": (
        "Показывать трассировку при ошибках.",
        "Show tracebacks on errors.",
    ),
    "help.force": (
        "Перезаписать существующий файл/папку.",
        "Overwrite an existing file/folder.",
    ),
    "help.template": (
        "Записать пустую книгу проекта с инструкцией, подсказками и выпадающими списками.",
        "Write a blank project workbook with instructions, header comments and drop-downs.",
    ),
    "help.validate": (
        "Проверить книгу проекта: каждая ячейка, каждая ссылка; все проблемы сразу.",
        "Check a project workbook: every cell and reference; all problems at once.",
    ),
    "help.import": (
        "Перенести выгрузку опроса (Google/Яндекс Формы, Qualtrics) в лист «Интервью» проекта по файлу сопоставления (TOML) или листу сопоставления.",
        "Write a survey export (Google/Yandex Forms, Qualtrics) into a project's interviews sheet through a mapping (a TOML file or a mapping sheet).",
    ),
    "help.mapping": (
        "Файл сопоставления .toml или книга .xlsx с листом сопоставления.",
        "Mapping: a .toml file or an .xlsx with a mapping sheet.",
    ),
    "help.into": (
        "Книга проекта, в которую записать интервью.",
        "Project workbook to write the interviews into.",
    ),
    "help.demo": (
        "Прогнать полный расчёт на встроенном примере (ПромТехГрупп) и записать результаты в папку.",
        "Run the whole pipeline on the bundled example (PromTech group) and write the outputs.",
    ),
    "help.run": (
        "Прогнать полный расчёт по книге проекта и записать результаты в папку.",
        "Run the whole pipeline on a project workbook and write the outputs.",
    ),
    "help.version": (
        "Показать версию и выйти.",
        "Show the version and exit.",
    ),
    "help.help": (
        "Показать эту справку и выйти.",
        "Show this message and exit.",
    ),
    "help.drivers": (
        "Ключевые драйверы: вклад удовлетворённости каждой точкой контакта в платёжное поведение (доли R² по LMG с бутстреп-интервалами, бета-веса, диагностика).",
        "Key drivers: how much satisfaction with each touchpoint explains payment behaviour (LMG shares of R² with bootstrap intervals, betas, diagnostics).",
    ),
    "help.qfd": (
        "QFD: матрица планирования по точкам контакта, карта важность–исполнение, Дом качества, конфликты крыши, каскад и устойчивость рангов.",
        "QFD: the planning matrix per touchpoint, importance–performance map, House of Quality, roof conflicts, cascade and rank stability.",
    ),
    "help.kpi": (
        "Деревья KPI по точкам контакта: выполнение, узкие места и рекомендации, узкие места процессов, покрытие KPI данными ИТ-систем.",
        "KPI trees per touchpoint: attainment, bottlenecks and recommendations, process bottlenecks, KPI coverage by the IT systems.",
    ),
    "help.behaviour": (
        "Платёжное поведение: RFM, Парето и уровни обслуживания, BG/NBD + Gamma-Gamma, корзина.",
        "Payment behaviour: RFM, Pareto and service tiers, BG/NBD + Gamma-Gamma, basket.",
    ),
    "help.segments": (
        "Сегменты клиентов (k-средних), портреты и приоритет сегментов.",
        "Client segments (k-means), portraits and segment priority.",
    ),
    "help.transactions": (
        "CSV/Parquet с транзакциями вместо указанных в книге.",
        "Transactions CSV/Parquet instead of those named in the workbook.",
    ),
    "help.engine": (
        "Движок запросов: duckdb (встроенный) или spark.",
        "Query engine: duckdb (embedded) or spark.",
    ),
    "help.master": (
        "Адрес мастера Spark (по умолчанию local[*]).",
        "Spark master URL (default local[*]).",
    ),
    "help.bootstrap": (
        "Число бутстреп-выборок (по умолчанию из настроек).",
        "Bootstrap replicates (default from the settings).",
    ),
    "help.out": (
        "Папка для результатов.",
        "Output folder.",
    ),
    "stage.validate": ("проверка книги", "validating the workbook"),
    "stage.behaviour": ("платёжное поведение", "payment behaviour"),
    "stage.segments": ("сегменты", "segments"),
    "stage.drivers": ("драйверы и бутстреп", "drivers and bootstrap"),
    "stage.qfd": ("QFD и устойчивость", "QFD and stability"),
    "stage.kpi": ("деревья KPI", "KPI trees"),
    "stage.export": ("запись результатов", "writing outputs"),
    "analysis_impossible": (
        "Анализ невозможен: {reason}",
        "The analysis cannot be done: {reason}",
    ),
    "os_error": (
        "не удалось записать или прочитать «{path}»: {reason}",
        "cannot write or read '{path}': {reason}",
    ),
    "internal_error": (
        "Внутренняя ошибка qfdkpi ({kind}: {detail}). Это ошибка программы, а не ваших данных: "
        "повторите команду с --debug и пришлите трассировку разработчикам.",
        "Internal error of qfdkpi ({kind}: {detail}). This is a bug of the program, not of your data: "
        "rerun the command with --debug and send the traceback to the developers.",
    ),
    "warnings_more": (
        "  … и ещё {n}; полный список — в validation.txt",
        "  … and {n} more; the full list is in validation.txt",
    ),
    "warning_kind": (
        "  {message} (и ещё {n:count(похожее|похожих|похожих)}: {examples})",
        "  {message} (and {n:count(similar one|similar ones)}: {examples})",
    ),
}
