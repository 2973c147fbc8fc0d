"""Messages about the consultant's input files: validation, import, settings, the command line."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
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
        "ожидается оценка по шкале {scale} или пропуск; получено «{value}». Если это слово шкалы, "
        "задайте его балл в параметре «Словесная шкала» на листе «Настройки» (например, "
        "«{value}=4»); если это код пропуска — в параметре «Коды пропусков»",
        "a score on the {scale} scale or a blank was expected; got '{value}'. If it is a word of "
        "the scale, give its score in the 'Likert words' parameter of the Settings sheet (e.g. "
        "'{value}=4'); if it is a code for no answer, in 'Missing codes'",
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
    "sales_point_not_asked": (
        "точка продаж задана для {ids}, но интервью об этом не спрашивают: веса, который она "
        "подняла бы, нет",
        "a sales point is set for {ids}, which the interviews do not ask about: there is no "
        "weight for it to raise",
    ),
    "touchpoints_not_asked": (
        "в интервью нет {n:count(точки контакта|точек контакта|точек контакта)} пути клиента "
        "({ids}): у них нет веса QFD, и их узкие места KPI идут после спрошенных точек",
        "the interviews do not ask about {n:count(touchpoint|touchpoints)} of the journey "
        "({ids}): they have no QFD weight, and their KPI bottlenecks come after the asked ones",
    ),
    "no_transactions": (
        "у клиента «{value}» нет ни одной транзакции{hint}",
        "client '{value}' has no transactions{hint}",
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
        "ожидается шкала вида {allowed} (начало 0 или 1, конец не больше 100); получено «{value}»",
        "expected a scale such as {allowed} (starting at 0 or 1, ending at 100 at most); got "
        "'{value}'",
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
    "mapping_default_hint": (
        "; если пустая ячейка всегда значит одно и то же, задайте значение в карте: "
        "[defaults] {column} = «…»",
        "; if a blank cell always means the same, give the value in the mapping: [defaults] "
        "{column} = '…'",
    ),
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
        "{tps:count(точка контакта|точки контакта|точек контакта)}, "
        "{resp:count(респондент|респондента|респондентов)}, {clients:count(клиент|клиента|клиентов)}, "
        "{tx:count(транзакция|транзакции|транзакций)}, {kpis} KPI",
        "{tps:count(touchpoint|touchpoints)}, {resp:count(respondent|respondents)}, "
        "{clients:count(client|clients)}, {tx:count(transaction|transactions)}, {kpis} KPIs",
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
        "Лист «{sheet}» записан в {path}: {rows:count(респондент|респондента|респондентов)}, "
        "{cols:count(столбец оценок|столбца оценок|столбцов оценок)}",
        "Sheet '{sheet}' written to {path}: {rows:count(respondent|respondents)}, "
        "{cols:count(score column|score columns)}",
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
    "other_scale": (
        "ответ «{value}» дан по другой шкале, а шкала здесь {scale}; пересчитайте ответы или "
        "исправьте шкалу на листе «Настройки»",
        "the answer '{value}' is on another scale, and the scale here is {scale}; convert the "
        "answers or correct the scale on the Settings sheet",
    ),
    "label_conflict": (
        "в ответе «{value}» число и слова расходятся со «Словесной шкалой» на листе «Настройки»; "
        "исправьте ответ или шкалу",
        "in the answer '{value}' the number and the words disagree with the 'Likert words' of the "
        "Settings sheet; correct the answer or the word scale",
    ),
    "cell_error": (
        "в ячейке ошибка Excel {value}; исправьте формулу или введите значение",
        "the cell holds the Excel error {value}; fix the formula or type the value",
    ),
    "formula_no_value": (
        "формула «{value}» сохранена без вычисленного значения (файл записан не Excel); "
        "откройте и сохраните книгу в Excel или LibreOffice либо введите значение",
        "the formula '{value}' was saved without its computed value (the file was not written by "
        "Excel); open and save the book in Excel or LibreOffice, or type the value",
    ),
    "formula_kept_text": (
        "формула «{value}» сохранена без вычисленного значения; в текстовом столбце оставлен её "
        "текст",
        "the formula '{value}' was saved without its computed value; its text is kept in this "
        "text column",
    ),
    "quoted": ("«{value}»", "'{value}'"),
    "lookalike": (
        "; в «{value}» {script} буквы {letters} — возможно, имелся в виду «{name}»?",
        "; '{value}' contains the {script} letters {letters} — did you mean '{name}'?",
    ),
    "script.cyrillic": ("кириллические", "Cyrillic"),
    "script.latin": ("латинские", "Latin"),
    "sheet_twice": (
        "листы {names} — это один и тот же лист «{name}» (на разных языках или в разном "
        "написании); оставьте один, иначе неясно, какой читать",
        "the sheets {names} are all the '{name}' sheet (in two languages or spellings); keep one, "
        "otherwise it is unclear which to read",
    ),
    "merged_answers": (
        "ячейки {range} объединены: значение есть только в {first}, остальные читались бы как "
        "пустые; разъедините ячейки и заполните каждую",
        "the cells {range} are merged: only {first} holds a value and the others would read as "
        "blank; unmerge them and fill every cell",
    ),
    "merged_two_touchpoints": (
        "объединённая ячейка {range} («{tp}») накрывает две точки контакта: «{measure}» под ней "
        "встречается дважды ({cells}); объедините над каждой точкой контакта только её столбцы",
        "the merged cell {range} ('{tp}') spans two touchpoints: '{measure}' appears twice under "
        "it ({cells}); merge each touchpoint over its own columns only",
    ),
    "duplicate_measure": (
        "столбец «{tp}: {measure}» уже есть в {first}; у каждой точки контакта каждая мера — один "
        "столбец",
        "the column '{tp}: {measure}' is already in {first}; each touchpoint has one column per "
        "measure",
    ),
    "bad_weight": (
        "вес респондента должен быть положительным конечным числом не больше {limit:,.0f}; "
        "получено «{value}»",
        "a respondent's weight must be a positive finite number at most {limit:,.0f}; got "
        "'{value}'",
    ),
    "uneven_weights": (
        "веса респондентов различаются в {ratio:,.0f} раз (от {low:g} до {high:g}): эффективный "
        "размер выборки {neff:.1f} из {n}",
        "respondent weights differ {ratio:,.0f}-fold (from {low:g} to {high:g}): the effective "
        "sample size is {neff:.1f} of {n}",
    ),
    "setting_range": (
        "ожидается число от {low:g} до {high:g}; получено «{value}»",
        "a number from {low:g} to {high:g} was expected; got '{value}'",
    ),
    "setting_whole_range": (
        "ожидается целое число от {low:,.0f} до {high:,.0f}; получено «{value}»",
        "a whole number from {low:,.0f} to {high:,.0f} was expected; got '{value}'",
    ),
    "sales_point_range": (
        "у «{value}» точка продаж {point:g}; допустимо больше 0 и не больше {limit:g}",
        "'{value}' has the sales point {point:g}; allowed: above 0 and at most {limit:g}",
    ),
    "likert_off_scale": (
        "слово «{word}» = {score:g} вне шкал важности и удовлетворённости ({scales})",
        "the word '{word}' = {score:g} is outside the importance and satisfaction scales ({scales})",
    ),
    "scale_unused": (
        "шкала {scale} (параметр «{setting}»), но все ответы «{measure}» лежат в {low:g}–{high:g}: "
        "проверьте шкалу — от неё зависят цели, средние и доли довольных",
        "the scale is {scale} (parameter '{setting}'), but every '{measure}' answer lies in "
        "{low:g}–{high:g}: check the scale — targets, means and top-box shares depend on it",
    ),
    "role_kept_as_attribute": (
        "{n:count(ответ|ответа|ответов)} в столбце «{name}» не ЛПР / ЛВР ({values}): роль не "
        "задана, значения сохранены как признак «{name}»; чтобы задать роль, замените их на "
        "ЛПР / ЛВР или перекодируйте в файле сопоставления ([recode.role])",
        "{n:count(answer|answers)} in the column '{name}' are not decision maker / influencer "
        "({values}): no role is set, the values are kept as the attribute '{name}'; to set the "
        "role, replace them or recode them in the mapping ([recode.role])",
    ),
    "long_conflict": (
        "у респондента «{rid}» в разных строках разные значения: «{first}» (строка {row}) и "
        "«{value}»; у одного респондента значение одно",
        "respondent '{rid}' has different values in different rows: '{first}' (row {row}) and "
        "'{value}'; one respondent has one value",
    ),
    "analysis_date_default": (
        "дата анализа не задана: взята последняя дата во входных данных — {date:date} ({source})",
        "no analysis date is set: the latest date in the inputs is used — {date:date} ({source})",
    ),
    "date_source.transactions": ("последняя транзакция", "the last transaction"),
    "date_source.interviews": (
        "последняя отметка времени анкет, столбец «{column}»",
        "the latest survey timestamp, column '{column}'",
    ),
    "analysis_date_needed": (
        "для результата «{outcome}» нужна дата анализа, а во входных данных нет ни одной даты; "
        "задайте «Дата анализа» на листе «Настройки»",
        "the outcome '{outcome}' needs an analysis date and the inputs hold no date; set "
        "'Analysis date' on the Settings sheet",
    ),
    "outcome_without_transactions": (
        "результат «{outcome}» считается по транзакциям, а их нет: добавьте лист «Транзакции» или "
        "файл в параметре «Файл транзакций», задайте «Столбец результата» или выберите результат "
        "«nps» / «общая удовлетворенность»",
        "the outcome '{outcome}' is computed from transactions and there are none: add the "
        "Transactions sheet or a file in 'Transactions file', set 'Outcome column', or choose the "
        "outcome 'nps' / 'overall satisfaction'",
    ),
    "outcome_survey_missing": (
        "результат «{outcome}» берётся из анкеты, но в столбце «{field}» листа «{sheet}» нет ни "
        "одного ответа",
        "the outcome '{outcome}' comes from the survey, but the column '{field}' of the '{sheet}' "
        "sheet holds no answer",
    ),
    "outcome_column_missing": (
        "столбец результата «{value}» не найден ни на листе «Клиенты», ни среди признаков "
        "респондентов; есть: {known}",
        "the outcome column '{value}' is neither on the Clients sheet nor among the respondent "
        "attributes; there are: {known}",
    ),
    "segment_column_missing": (
        "столбец сегмента «{value}» не найден ни среди признаков респондентов, ни на листе "
        "«Клиенты»: разрезы по сегментам строить не по чему; есть: {known}",
        "the segment column '{value}' is neither among the respondent attributes nor on the "
        "Clients sheet: there is nothing to break the results down by; there are: {known}",
    ),
    "outcome_column_empty": (
        "в столбце результата «{value}» нет ни одного числа для опрошенных",
        "the outcome column '{value}' holds no number for the respondents",
    ),
    "behaviour_needs_transactions": (
        "нет транзакций, а платёжное поведение считается по ним: добавьте лист «Транзакции» или "
        "укажите CSV/Parquet-файл в параметре «Файл транзакций» на листе «Настройки» (или "
        "--transactions)",
        "there are no transactions, and payment behaviour is computed from them: add the "
        "Transactions sheet or name a CSV/Parquet file in the 'Transactions file' parameter of the "
        "Settings sheet (or pass --transactions)",
    ),
    "no_client_data": (
        "сегментам не на чем строиться: нет транзакций и нет признаков клиентов; добавьте лист "
        "«Клиенты» с признаками (отрасль, регион, размер…) или транзакции (лист «Транзакции» или "
        "параметр «Файл транзакций» на листе «Настройки»)",
        "there is nothing to build segments on: no transactions and no client attributes; add the "
        "Clients sheet with attributes (industry, region, size…) or transactions (the Transactions "
        "sheet or the 'Transactions file' parameter of the Settings sheet)",
    ),
    # survey import
    "duplicate_submission": (
        "строка {row} повторяет строку {first} во всех сопоставленных столбцах — повторная "
        'отправка анкеты; строка {row} пропущена (чтобы оставить обе, задайте duplicates = "keep" '
        "в разделе [survey])",
        "row {row} repeats row {first} in every mapped column — the form was sent twice; row "
        '{row} is left out (to keep both, set duplicates = "keep" in [survey])',
    ),
    "duplicate_kept": (
        "строка {row} повторяет строку {first} во всех сопоставленных столбцах; оставлены обе "
        '(duplicates = "keep")',
        'row {row} repeats row {first} in every mapped column; both are kept (duplicates = "keep")',
    ),
    "same_answers": (
        "строки {first} и {row}: у клиента «{client}» одинаковые ответы, но различаются {differs}; "
        "оставлены обе — проверьте, не повтор ли это",
        "rows {first} and {row}: client '{client}' gave the same answers, but {differs} differ; "
        "both are kept — check whether it is a repeat",
    ),
    "header_rows_mismatch": (
        "в файле сопоставления header_rows = {declared}, а шапка выгрузки занимает "
        "{detected:count(строку|строки|строк)}: ответы начинаются со строки {row} (например, "
        "{cell} = «{value}»); исправьте header_rows или удалите его — число строк шапки "
        "определяется по выгрузке",
        "the mapping says header_rows = {declared}, but the export's header has "
        "{detected:count(row|rows)}: the answers start at row {row} (e.g. {cell} = '{value}'); "
        "correct header_rows or remove it — the header is detected from the export",
    ),
    "mapping_rule_match": (
        "правило {where}: нужен ключ match",
        "rule {where}: the key 'match' is required",
    ),
    "mapping_rule_measure": (
        "правило {where}: мера должна быть одной из {allowed}; получено «{value}»",
        "rule {where}: the measure must be one of {allowed}; got '{value}'",
    ),
    "mapping_rule_column": (
        "правило {where}: столбец должен быть одним из {allowed}; получено «{value}»",
        "rule {where}: the column must be one of {allowed}; got '{value}'",
    ),
    "mapping_rule_empty": (
        "правило {where}: укажите touchpoint и measure, column или attribute",
        "rule {where}: set touchpoint and measure, column or attribute",
    ),
    "mapping_rule_regex": (
        "правило {where}: неверное регулярное выражение: {detail}",
        "rule {where}: invalid regular expression: {detail}",
    ),
    "mapping_option": (
        "{where}: ожидается {allowed}; получено «{value}»",
        "{where}: expected {allowed}; got '{value}'",
    ),
    "mapping_header": (
        "{where}: нет столбца «Заголовок» (match)",
        "{where}: there is no 'Header' (match) column",
    ),
    "mapping_sheet_missing": (
        "в выгрузке нет листа «{name}»; листы: {sheets}",
        "the export has no sheet '{name}'; the sheets are: {sheets}",
    ),
    "score_column": ("{tp}: {measure}, шкала {scale}", "{tp}: {measure}, scale {scale}"),
    "recode_form": ("«было» = «стало»", "'from' = 'to'"),
    "sheet_too_large": (
        "заполненные ячейки листа разбросаны на {limit:,.0f} с лишним ячеек (например, {cell} далеко "
        "за таблицей); очистите ячейки за пределами таблицы",
        "the sheet's filled cells are spread over more than {limit:,.0f} cells (e.g. {cell}, far "
        "outside the table); clear the cells outside the table",
    ),
    "quoted_name": ("«{name}»", "'{name}'"),
    # ---------------------------------------------------------------- the blank template
    "template_instructions_title": ("Инструкция", "Instructions"),
    "template_instructions": (
        "Книга проекта аудита клиентского опыта (QFD + дерево KPI). Заполните листы ниже; "
        "названия листов и столбцов можно писать по-русски или по-английски. Наведите курсор "
        "на заголовок столбца, чтобы увидеть подсказку. Проверка: qfdkpi validate ФАЙЛ.xlsx",
        "Project workbook of a customer-experience audit (QFD + KPI tree). Fill in the sheets "
        "below; sheet and column names may be Russian or English. Hover over a column header "
        "for help. Check it with: qfdkpi validate FILE.xlsx",
    ),
    "template_sheet": ("Лист", "Sheet"),
    "template_required": ("Обязателен", "Required"),
    "template_holds": ("Что на нём", "What it holds"),
    "template_yes": ("да", "yes"),
    "template_no": ("нет", "no"),
    "template_explanation": ("Пояснение", "Explanation"),
}
