"""Messages about the files the tool opens and writes: output folders, paths named in a workbook,
transaction files, resource limits, the console."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (Russian, English)
    # ---------------------------------------------------------------- the output folder
    "out_parent_not_folder": (
        "«{path}» — это файл, а не папка; папку результатов «{target}» в нём создать нельзя",
        "'{path}' is a file, not a folder; the output folder '{target}' cannot be made inside it",
    ),
    "out_not_folder": (
        "«{path}» — это файл, а не папка; укажите в --out новую папку",
        "'{path}' is a file, not a folder; give a new folder to --out",
    ),
    "out_holds_input": (
        "папка «{path}» содержит входной файл «{input}»: в неё результаты не пишутся никогда, "
        "даже с --force; укажите новую папку, например подпапку рядом с книгой",
        "the folder '{path}' holds the input file '{input}': outputs are never written there, "
        "--force included; give a new folder, e.g. a subfolder next to the workbook",
    ),
    "out_not_ours": (
        "папка «{path}» уже существует, и её создал не qfdkpi (в ней: {entries}); результаты "
        "пишутся только в новую или пустую папку либо в папку прошлых результатов qfdkpi "
        "(в ней есть файл {marker}), --force этого не меняет; укажите новую папку",
        "the folder '{path}' already exists and was not written by qfdkpi (it holds: {entries}); "
        "outputs go only to a new or empty folder or to a folder of earlier qfdkpi outputs "
        "(it has the file {marker}), --force does not change that; give a new folder",
    ),
    "out_exists": (
        "в папке «{path}» уже есть результаты qfdkpi; добавьте --force, чтобы заменить их "
        "(файлы, которые записал не qfdkpi, останутся на месте)",
        "'{path}' already holds qfdkpi outputs; pass --force to replace them (files qfdkpi did "
        "not write stay where they are)",
    ),
    "out_not_writable": (
        "в «{path}» нельзя записать папку результатов «{target}»: {reason}; проверено до расчёта — "
        "укажите в --out папку, доступную для записи",
        "the output folder '{target}' cannot be written in '{path}': {reason}; checked before the "
        "analysis — give --out a folder you can write to",
    ),
    "out_no_space": (
        "на диске, где должна лежать «{path}», свободно {free:,.1f} МиБ, а результатам нужно не "
        "меньше {need:,.0f} МиБ; проверено до расчёта — освободите место или укажите другую папку",
        "the disk of '{path}' has {free:,.1f} MiB free and the outputs need at least {need:,.0f} "
        "MiB; checked before the analysis — free some space or give another folder",
    ),
    "out_write_failed": (
        "не удалось записать результаты в «{path}»: {reason}; ничего не записано, прежние "
        "результаты (если были) не тронуты",
        "the outputs could not be written to '{path}': {reason}; nothing was written and earlier "
        "outputs (if any) are untouched",
    ),
    "out_changed": (
        "пока шёл расчёт, в папке «{path}» изменились прежние файлы результатов: {files}; "
        "ничего не заменено — закройте эти файлы (сохранив копию, если правили их) и запустите снова",
        "while the analysis ran, earlier outputs in '{path}' were changed: {files}; nothing was "
        "replaced — close those files (keep a copy if you edited them) and run again",
    ),
    "out_clash": (
        "в папке «{path}» есть файлы, которые записал не qfdkpi, с именами результатов: {files}; "
        "ничего не заменено — переименуйте или перенесите их",
        "'{path}' holds files qfdkpi did not write under the names of its outputs: {files}; "
        "nothing was replaced — rename or move them",
    ),
    "out_kept": (
        "в папке «{path}» оставлены файлы, которые записал не qfdkpi: {files}",
        "files qfdkpi did not write were kept in '{path}': {files}",
    ),
    # ---------------------------------------------------------------- why the OS said no
    "errno.ENOSPC": ("на диске нет места", "no space left on the disk"),
    "errno.EDQUOT": ("превышена дисковая квота", "the disk quota is exceeded"),
    "errno.EACCES": ("нет прав на запись или чтение", "permission denied"),
    "errno.EPERM": ("операция не разрешена", "the operation is not permitted"),
    "errno.EROFS": ("диск или папка только для чтения", "a read-only file system"),
    "errno.EEXIST": ("уже существует", "it already exists"),
    "errno.ENOTDIR": (
        "часть пути — файл, а не папка",
        "a part of the path is a file, not a folder",
    ),
    "errno.EISDIR": ("это папка, а не файл", "it is a folder, not a file"),
    "errno.ENOENT": ("нет такого файла или папки", "no such file or folder"),
    "errno.EIO": ("ошибка ввода-вывода", "an input/output error"),
    "errno.EPIPE": ("канал закрыт читающей стороной", "the pipe was closed by its reader"),
    "errno.ENAMETOOLONG": ("слишком длинное имя", "the name is too long"),
    "errno.EFBIG": ("файл слишком велик", "the file is too large"),
    "errno.EMFILE": ("открыто слишком много файлов", "too many open files"),
    "stream.stdout": ("стандартный вывод (stdout)", "standard output (stdout)"),
    "console_failed": (
        "не удалось вывести текст в {stream}: {reason}",
        "cannot write to {stream}: {reason}",
    ),
    # ---------------------------------------------------------------- paths named in a workbook
    "path_outside": (
        "файл «{value}» лежит вне папки книги ({folder}); книга может ссылаться только на файлы "
        "в своей папке — перенесите файл туда или разрешите его папку опцией --allow-dir",
        "the file '{value}' lies outside the workbook's folder ({folder}); a workbook may name "
        "only files in its own folder — move the file there or allow its folder with --allow-dir",
    ),
    "path_not_file": (
        "«{value}» — {kind}, а не файл; ожидается CSV- или Parquet-файл с транзакциями",
        "'{value}' is {kind}, not a file; a CSV or Parquet file of transactions is expected",
    ),
    "path_unreadable": (
        "файл «{value}» не открывается: {reason}",
        "the file '{value}' cannot be opened: {reason}",
    ),
    "kind.dir": ("папка", "a folder"),
    "kind.fifo": ("именованный канал (FIFO)", "a named pipe (FIFO)"),
    "kind.device": ("устройство", "a device"),
    "kind.socket": ("сокет", "a socket"),
    "kind.other": ("особый файл", "a special file"),
    "help.allow_dir": (
        "Папка, из которой книга может брать файлы (транзакции) помимо своей папки; можно указать "
        "несколько раз.",
        "A folder the workbook may take files (transactions) from besides its own; may be "
        "repeated.",
    ),
    # ---------------------------------------------------------------- transaction files
    "tx_columns_missing": (
        "{missing}; в файле есть: {have}. Свои названия можно задать в настройке «{setting}», "
        "например «{example}»",
        "{missing}; the file has: {have}. Other names can be set in the '{setting}' setting, "
        "e.g. '{example}'",
    ),
    "tx_column_missing": (
        "нет столбца «{role}» (подходят названия: {accepted})",
        "no '{role}' column (accepted names: {accepted})",
    ),
    "tx_one_column": (
        "в файле один столбец: разделитель не распознан (ожидается «;», «,», табуляция или «|»)",
        "the file has a single column: the separator is not recognised (';', ',', tab or '|' "
        "expected)",
    ),
    "tx_setting_syntax": (
        "ожидается «роль=столбец; …», например «{example}»; роли: {roles}; получено «{value}»",
        "expected 'role=column; …', e.g. '{example}'; the roles are: {roles}; got '{value}'",
    ),
    "tx_setting_role": (
        "неизвестная роль «{value}»; роли: {roles}",
        "unknown role '{value}'; the roles are: {roles}",
    ),
    "tx_setting_column": (
        "в файле «{file}» нет столбца «{value}» (роль «{role}»); в файле есть: {have}",
        "the file '{file}' has no column '{value}' (role '{role}'); the file has: {have}",
    ),
    "tx_column_choice": (
        "роль «{role}»: взят столбец «{used}», подходит также {others}; другой можно выбрать "
        "в настройке «{setting}»",
        "role '{role}': the column '{used}' is used, {others} would fit too; choose another in "
        "the '{setting}' setting",
    ),
    "tx_empty": (
        "в файле нет ни одной строки заказов (только заголовок)",
        "the file has no order lines (a header only)",
    ),
    "tx_blank": (
        "{count:count(строка|строки|строк)} с пустой обязательной ячейкой (клиент, заказ, дата, "
        "сумма): {lines}",
        "{count:count(line|lines)} with an empty required cell (client, order, date, amount): "
        "{lines}",
    ),
    "tx_bad_date": (
        "{count:count(строка|строки|строк)} с нечитаемой датой: {lines}; ожидается ДД.ММ.ГГГГ, "
        "ГГГГ-ММ-ДД или ГГГГММДД",
        "{count:count(line|lines)} with an unreadable date: {lines}; expected DD.MM.YYYY, "
        "YYYY-MM-DD or YYYYMMDD",
    ),
    "tx_date_range": (
        "{count:count(строка|строки|строк)} с датой вне допустимого диапазона "
        "{low:date}–{high:date}: {lines}",
        "{count:count(line|lines)} dated outside the accepted range {low:date}–{high:date}: "
        "{lines}",
    ),
    "tx_bad_amount": (
        "{count:count(строка|строки|строк)} с нечитаемой суммой: {lines}; ожидается число, "
        "например 1234,56",
        "{count:count(line|lines)} with an unreadable amount: {lines}; expected a number such as "
        "1234.56",
    ),
    "tx_amount_range": (
        "{count:count(строка|строки|строк)} с суммой NaN, бесконечностью или больше "
        "{limit:,.0f} по модулю: {lines}; ожидается конечное число",
        "{count:count(line|lines)} with an amount that is NaN, infinite or beyond {limit:,.0f} "
        "in absolute value: {lines}; a finite number is expected",
    ),
    "tx_nul": (
        "{count:count(строка содержит|строки содержат|строк содержат)} нулевой байт (NUL) — файл "
        "повреждён: {lines}",
        "{count:count(line holds|lines hold)} a NUL byte — the file is damaged: {lines}",
    ),
    "tx_undecodable": (
        "{count:count(строка не читается|строки не читаются|строк не читаются)} ни в UTF-8, ни "
        "в cp1251: {lines}",
        "{count:count(line|lines)} can be read neither as UTF-8 nor as cp1251: {lines}",
    ),
    "tx_mixed_encoding": (
        "в файле смешаны кодировки: {count:count(строка|строки|строк)} в {minor}, остальные в "
        "{major} ({lines}); каждая строка прочитана в своей кодировке",
        "the file mixes encodings: {count:count(line|lines)} in {minor}, the rest in {major} "
        "({lines}); each line was read in its own encoding",
    ),
    "tx_after_asof": (
        "{count:count(строка датирована|строки датированы|строк датированы)} позже даты анализа "
        "{asof:date} и не {count:plural(учитывается|учитываются|учитываются)}: {lines}",
        "{count:count(line is|lines are)} dated after the analysis date {asof:date} and not "
        "counted: {lines}",
    ),
    "tx_isolated_dates": (
        "{count:count(строка датирована|строки датированы|строк датированы)} больше чем через год "
        "после 95 % остальных (позже {edge:date}): {lines}; дата анализа по умолчанию — самая "
        "поздняя дата, {last:date}; проверьте даты или задайте «Дата анализа»",
        "{count:count(line is|lines are)} dated more than a year after 95 % of the others (after "
        "{edge:date}): {lines}; the analysis date defaults to the latest date, {last:date}; check "
        "the dates or set the analysis date",
    ),
    "tx_duplicates": (
        "{count:count(строка полностью повторяет|строки полностью повторяют|строк полностью "
        "повторяют)} другие (клиент, заказ, дата, сумма, товар): {examples}; повторы оставлены и "
        "суммируются — удалите их из выгрузки, если это ошибка",
        "{count:count(line repeats|lines repeat)} another line exactly (client, order, date, "
        "amount, product): {examples}; they are kept and summed — remove them from the export if "
        "they are a mistake",
    ),
    "tx_csv_broken": (
        "файл не читается как таблица CSV (около строки {line}); проверьте кавычки и разделители",
        "the file cannot be read as a CSV table (near line {line}); check quotes and separators",
    ),
    "tx_file_broken": (
        "файл не читается как таблица {kind}",
        "the file cannot be read as a {kind} table",
    ),
    "lines_more": ("и ещё {n}", "and {n} more"),
    "line_prefix": ("строки", "lines"),
    # ---------------------------------------------------------------- resources
    "memory_limit_bad": (
        "переменная окружения QFDKPI_MEMORY_LIMIT = «{value}»: ожидается объём памяти, например "
        "2GB, 512MB или 1.5GiB",
        "the environment variable QFDKPI_MEMORY_LIMIT = '{value}': an amount of memory is "
        "expected, e.g. 2GB, 512MB or 1.5GiB",
    ),
    "memory_limit_range": (
        "переменная окружения QFDKPI_MEMORY_LIMIT = «{value}»: допустимо от {low:,.0f} до "
        "{high:,.0f} МиБ (не больше памяти компьютера)",
        "the environment variable QFDKPI_MEMORY_LIMIT = '{value}': it must lie between "
        "{low:,.0f} and {high:,.0f} MiB (at most the computer's memory)",
    ),
    "tx_out_of_memory": (
        "транзакциям не хватило памяти (QFDKPI_MEMORY_LIMIT = {limit}) и места во временной папке "
        "«{tmp}»: увеличьте QFDKPI_MEMORY_LIMIT или освободите место (папку задаёт TMPDIR)",
        "the transactions did not fit in memory (QFDKPI_MEMORY_LIMIT = {limit}) and the temporary "
        "folder '{tmp}': raise QFDKPI_MEMORY_LIMIT or free space there (TMPDIR sets the folder)",
    ),
    "tmp_failed": (
        "не удалось записать во временную папку «{tmp}»: {reason}; освободите место или укажите "
        "другую папку в переменной окружения TMPDIR",
        "cannot write to the temporary folder '{tmp}': {reason}; free some space or name another "
        "folder in the TMPDIR environment variable",
    ),
    "spark_missing": (
        "для движка Spark нужен pyspark: pip install '.[spark]'",
        "the Spark engine needs pyspark: pip install '.[spark]'",
    ),
    "setting_transaction_columns_example": (
        "клиент=ИНН контрагента; заказ=Номер заказа; дата=Дата документа; сумма=Сумма с НДС",
        "client=Customer no; order=Invoice no; date=Invoice date; amount=Net amount",
    ),
    # ---------------------------------------------------------------- the end of a run
    "run_action_item": ("{tp}: {kpi} «{name}»", "{tp}: {kpi} '{name}'"),
    "run_derived_not_used": (
        "! производная важность не используется: {reason}; приоритеты — по заявленной важности "
        "(λ = 1), подробности — лист «Драйверы»",
        "! derived importance is not used: {reason}; the priorities rest on stated importance "
        "(λ = 1), details on the Drivers sheet",
    ),
    "run_derived_not_used_lambda": (
        "! производная важность не используется: {reason}; приоритеты — по заявленной важности "
        "(λ = 1 вместо {chosen:g} из «Настроек»), подробности — лист «Драйверы»",
        "! derived importance is not used: {reason}; the priorities rest on stated importance "
        "(λ = 1 instead of {chosen:g} from Settings), details on the Drivers sheet",
    ),
    "run_top_item": ("{id} {name} ({weight:.0%})", "{id} {name} ({weight:.0%})"),
    "run_top_suggested": (
        "* вес поднят точкой продаж, которую предложили данные, а не «Настройки»: подтвердите её "
        "там или отмените (= 1)",
        "* the weight is raised by a sales point the data suggested, not Settings: confirm it "
        "there or cancel it (= 1)",
    ),
    "run_summary": (
        "Главные точки контакта: {top}\nУзкие места KPI: {actions}\nРезультаты: {out}/ ({files})",
        "Top touchpoints: {top}\nKPI bottlenecks: {actions}\nOutputs: {out}/ ({files})",
    ),
    "run_no_kpis": (
        "нет — KPI не заданы (лист KPI пуст или его нет); заполните его, чтобы найти узкие места",
        "none — no KPIs given (the KPI sheet is empty or absent); fill it in to find the "
        "bottlenecks",
    ),
    "run_no_kpi_actions": (
        "нет — ни один KPI с фактом и целью не отстаёт от цели",
        "none — no KPI with an actual and a target falls short of it",
    ),
}
