"""Journey design: validation of the segment-path and attribute-segment sheets, the notes of
:mod:`qfd.journey`, and the words of the ``qfdkpi journey`` report."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- the two sheets
    "journey_unknown_attribute": (
        "признак «{value}» не найден: его нет среди столбцов листов «Клиенты» и «Интервью» "
        "({known}) и это не показатель поведения ({measures}){hint}",
        "attribute '{value}' not found: it is not a column of the Clients or Interviews sheets "
        "({known}) nor a behaviour measure ({measures}){hint}",
    ),
    "journey_rule_syntax": (
        "правило «{value}» не читается: ожидается «признак оператор значение» (операторы = ≠ > ≥ "
        "< ≤), условия через «и», значения одного признака через «или», например «Бизнес-юнит = "
        "Энергетика и Численность персонала > 100»",
        "rule '{value}' cannot be read: expected 'attribute operator value' (operators = != > >= "
        "< <=), conditions joined by 'and', values of one attribute by 'or', e.g. 'Business "
        "unit = Energy and Staff > 100'",
    ),
    "journey_rule_number": (
        "«{attribute} {op} {value}»: сравнение «{op}» нужно одному числу и числовому признаку",
        "'{attribute} {op} {value}': the comparison '{op}' needs one number and a numeric attribute",
    ),
    "journey_rule_numeric_value": (
        "«{attribute}» — числовой признак, а «{value}» не число",
        "'{attribute}' is a numeric attribute and '{value}' is not a number",
    ),
    "journey_value_unseen": (
        "ни у одного клиента или респондента нет «{attribute} = {value}»; значения: {known}{hint}",
        "no client or respondent has '{attribute} = {value}'; the values are: {known}{hint}",
    ),
    "journey_duplicate_milestone": (
        "у этого пути сегмента «{segment}» такая веха уже есть (строка {first}); у пути одно "
        "стартовое событие и один ценностный результат",
        "this path of segment '{segment}' already has this milestone (row {first}); a path has "
        "one start event and one value result",
    ),
    "journey_segment_unlinked": (
        "сегмента «{value}» нет на листе «{segments_sheet}» и это не кластер S1, S2…: путь будет сравнён, "
        "но план контактов и уровень сервиса для него не рассчитать",
        "segment '{value}' is not on the '{segments_sheet}' sheet nor a cluster S1, S2…: its paths are "
        "compared, but it gets no contact plan or service level",
    ),
    # ---------------------------------------------------------------- notes of the computations
    "journey_missing_durations_as_is": (
        "«{segment}», путь КАК ЕСТЬ: у {n:count(шага|шагов|шагов)} нет длительности — время до "
        "ценностного результата не рассчитано",
        "'{segment}', AS IS path: {n:count(step has|steps have)} no duration, so the time to the "
        "value result is not computed",
    ),
    "journey_missing_durations_to_be": (
        "«{segment}», путь КАК БУДЕТ: у {n:count(шага|шагов|шагов)} нет длительности — время до "
        "ценностного результата не рассчитано",
        "'{segment}', TO BE path: {n:count(step has|steps have)} no duration, so the time to the "
        "value result is not computed",
    ),
    "journey_unranked": (
        "«{segment}»: изменения касаются точек без ранга QFD ({items}) — по ним не было оценок",
        "'{segment}': changes touch touchpoints without a QFD rank ({items}): nobody rated them",
    ),
    "journey_no_to_be": (
        "у сегмента «{segment}» есть только путь КАК ЕСТЬ: для сравнения добавьте путь КАК БУДЕТ",
        "segment '{segment}' has an AS IS path only: add its TO BE path to compare them",
    ),
    "journey_no_as_is": (
        "у сегмента «{segment}» есть только путь КАК БУДЕТ: для сравнения добавьте путь КАК ЕСТЬ",
        "segment '{segment}' has a TO BE path only: add its AS IS path to compare them",
    ),
    "contact_few_gaps": (
        "«{segment}»: {n:count(межпокупочный интервал|межпокупочных интервала|межпокупочных "
        "интервалов)} (нужно не меньше {limit}) — использовано распределение всей базы",
        "'{segment}': {n:count(inter-purchase gap|inter-purchase gaps)} (at least {limit} "
        "needed): the whole base's distribution is used",
    ),
    "journey_no_transactions": (
        "транзакций нет: план контактов, уровни сервиса и поведение персон (чек, сезонность, "
        "корзина) не рассчитаны",
        "no transactions: the contact plan, service levels and the personas' behaviour (check, "
        "seasonality, basket) are not computed",
    ),
    "journey_no_clusters": (
        "кластеры клиентов не построены (см. qfdkpi segments): персоны не составлены",
        "the clients could not be clustered (see qfdkpi segments): no personas",
    ),
    "journey_segment_empty": (
        "правилу сегмента «{segment}» не соответствует ни один клиент",
        "no client matches the rule of segment '{segment}'",
    ),
    "journey_segment_respondents_only": (
        "сегмент «{segment}» задан признаками респондентов: он есть в кросс-таблице персон, но "
        "плана контактов и уровня сервиса (по клиентам) у него нет",
        "segment '{segment}' is defined on respondent attributes: it is in the personas' "
        "cross-table but gets no contact plan or service level (those are per client)",
    ),
    "journey_segment_no_clients": (
        "сегмент «{segment}» не связан с клиентами (нет такого сегмента по признакам или "
        "кластера): план контактов и уровень сервиса для него не рассчитаны",
        "segment '{segment}' is linked to no clients (no attribute segment or cluster of that "
        "name): it gets no contact plan or service level",
    ),
    "journey_bracket_unknown": (
        "признака «{name}» нет на листе «Клиенты»; есть: {known}",
        "the Clients sheet has no attribute '{name}'; it has: {known}",
    ),
    # communication program: triggers, frequencies, goals, KPIs
    "comm_trigger_before": (
        "{day:.0f}-й день после покупки (типичная следующая — на {median:.0f}-й)",
        "day {day:.0f} after a purchase (the typical next one: day {median:.0f})",
    ),
    "comm_frequency_cycle": (
        "раз в цикл покупки, не чаще раза в {days:.0f} дн.",
        "once per purchase cycle, at most once every {days:.0f} days",
    ),
    "comm_goal_before": (
        "предложение до ожидаемой покупки (за {lead:.0f} дн.)",
        "an offer ahead of the expected purchase ({lead:.0f} days before)",
    ),
    "comm_kpi_repeat": ("частота покупок", "purchase frequency"),
    "comm_trigger_silence": (
        "тишина дольше {days:.0f} дн.",
        "silence longer than {days:.0f} days",
    ),
    "comm_frequency_once": (
        "один раз; нет ответа — эскалация руководителю",
        "once; no answer: escalate to the manager's head",
    ),
    "comm_goal_win_back": (
        "удержание: выяснить причину и вернуть клиента (личный контакт менеджера)",
        "retention: find the reason and win the client back (the account manager in person)",
    ),
    "comm_kpi_slipping": ("доля уходящих клиентов", "share of clients slipping away"),
    "comm_kpi_of": ("{kpi}", "{kpi}"),
    "comm_kpi_csi": ("CSI точки {touchpoint}", "CSI of {touchpoint}"),
    "comm_trigger_company": (
        "событие компании: «{step}»",
        "company event: '{step}'",
    ),
    "comm_trigger_client": (
        "клиент начинает шаг «{step}»",
        "the client starts '{step}'",
    ),
    "comm_goal_need": ("закрыть потребность: {need}", "meet the need: {need}"),
    "comm_goal_recommendation": ("{text}", "{text}"),
    "comm_goal_step": ("сопроводить шаг «{step}»", "support the step '{step}'"),
    "comm_frequency_event": ("при каждом событии", "at every occurrence"),
    "comm_trigger_touchpoint": (
        "клиент доходит до точки контакта",
        "the client reaches the touchpoint",
    ),
    "comm_goal_priority": (
        "приоритет QFD №{rank}: поднять удовлетворённость точкой",
        "QFD priority #{rank}: raise satisfaction with the touchpoint",
    ),
    # ---------------------------------------------------------------- the report
    "help.journey": (
        "Проектирование пути клиента: сравнение путей КАК ЕСТЬ → КАК БУДЕТ, персоны, частота "
        "контактов, программа коммуникаций и уровни сервиса по сегментам.",
        "Journey design: AS IS → TO BE comparison, personas, contact frequency, communication "
        "program and service levels per segment.",
    ),
    "help.bracket": (
        "Признак листа «Клиенты», по которому разбить средний чек персон (по умолчанию — первый "
        "числовой).",
        "Clients-sheet attribute to split the personas' average check by (default: the first "
        "numeric one).",
    ),
    "journey.title": ("Проектирование пути клиента: {project}", "Journey design: {project}"),
    "journey.no_paths": (
        "Лист «{sheet}» не заполнен. С ним для каждого сегмента появились бы путь КАК ЕСТЬ и путь "
        "КАК БУДЕТ (личный визит / самостоятельно клиентом / проактивно компанией) и их сравнение: "
        "убранные шаги, шаги, ставшие проактивными, сэкономленные визиты, время до ценностного "
        "результата и приоритеты QFD, которые закрывают изменения; программа коммуникаций "
        "строилась бы по шагам пути КАК БУДЕТ. Столбцы листа: {columns}.",
        "The '{sheet}' sheet is not filled in. With it each segment would get its AS IS and TO "
        "BE paths (personal visit / self-service by the client / proactive by the company) and "
        "their comparison: steps removed, steps made proactive, visits avoided, time to the "
        "value result and the QFD priorities the changes address; the communication program "
        "would follow the TO BE steps. Its columns: {columns}.",
    ),
    "journey.no_segments": (
        "Лист «{sheet}» не заполнен. С ним появились бы пересекающиеся сегменты по отдельным "
        "признакам (например, «Численность персонала > 1000»): в какие из них входит каждая "
        "персона и с какой долей, и план контактов для каждого такого сегмента. Столбцы листа: "
        "{columns}.",
        "The '{sheet}' sheet is not filled in. With it there would be overlapping segments by "
        "single attributes (e.g. 'Staff > 1000'): which of them each persona falls into and with "
        "what share, and a contact plan for each. Its columns: {columns}.",
    ),
    "journey.comparison": ("Путь КАК ЕСТЬ → КАК БУДЕТ", "AS IS → TO BE"),
    "journey.segment_head": (
        "Сегмент «{segment}»: от «{start}» до «{result}»",
        "Segment '{segment}': from '{start}' to '{result}'",
    ),
    "journey.col.measure": ("Показатель", "Measure"),
    "journey.col.as_is": ("КАК ЕСТЬ", "AS IS"),
    "journey.col.to_be": ("КАК БУДЕТ", "TO BE"),
    "journey.col.change": ("Изменение", "Change"),
    "journey.row.steps": ("шагов", "steps"),
    "journey.row.visits": ("личных визитов", "personal visits"),
    "journey.row.self": ("самостоятельно клиентом", "self-service by the client"),
    "journey.row.proactive": ("проактивно компанией", "proactive by the company"),
    "journey.row.time": ("дней до ценностного результата", "days to the value result"),
    "journey.summary": (
        "  убрано шагов: {removed}; стали проактивными: {proactive}; добавлено: {added} (из них "
        "проактивных {added_proactive}); визитов меньше на {visits}; путь короче на "
        "{saved:count(день|дня|дней)} ({share:.0%})",
        "  steps removed: {removed}; made proactive: {proactive}; added: {added} ({added_proactive} "
        "of them proactive); visits avoided: {visits}; the path is {saved:count(day|days)} "
        "shorter ({share:.0%})",
    ),
    "journey.addressed": (
        "  изменения закрывают точки из списка QFD (№ ранга): {items} — {weight:.0%} суммарного веса",
        "  the changes address QFD touchpoints (rank #): {items}, {weight:.0%} of the total weight",
    ),
    "journey.addressed_none": (
        "  изменения не касаются точек контакта из списка QFD",
        "  the changes touch no touchpoint of the QFD list",
    ),
    "journey.missed_top": (
        "  ! без изменений остались точки из первой тройки QFD: {items}",
        "  ! no change addresses these top-3 QFD touchpoints: {items}",
    ),
    "journey.change.removed": (
        "    − убран: «{step}»{tp} ({kind})",
        "    − removed: '{step}'{tp} ({kind})",
    ),
    "journey.change.added": (
        "    + добавлен: «{step}»{tp} ({kind})",
        "    + added: '{step}'{tp} ({kind})",
    ),
    "journey.change.changed": (
        "    → «{before}» ({kind_before}) → «{after}» ({kind_after}){tp}{saved}",
        "    → '{before}' ({kind_before}) → '{after}' ({kind_after}){tp}{saved}",
    ),
    "journey.saved_days": (
        ", быстрее на {days:count(день|дня|дней)}",
        ", {days:count(day|days)} faster",
    ),
    "journey.change.effect": ("      эффект: {effect}", "      effect: {effect}"),
    "journey.cross": (
        "Кластеры × сегменты по признакам: доля клиентов кластера в сегменте (индекс к базе, "
        "100 = как в среднем)",
        "Clusters × attribute segments: share of the cluster's clients in the segment (index vs "
        "the base, 100 = average)",
    ),
    "journey.cross_respondents": (
        "Кластеры × сегменты по признакам респондентов: доля респондентов кластера в сегменте "
        "(индекс к базе)",
        "Clusters × segments on respondent attributes: share of the cluster's respondents in the "
        "segment (index vs the base)",
    ),
    "journey.cross.rule": (
        "  персона входит в сегмент, если в нём не меньше {share:.0%} её клиентов или не меньше "
        "{over:.0%} при индексе от {index:.0f}",
        "  a persona falls into a segment holding at least {share:.0%} of its clients, or at "
        "least {over:.0%} with an index of {index:.0f} or more",
    ),
    "journey.col.cluster": ("Кластер", "Cluster"),
    "journey.col.base": ("База", "Base"),
    "journey.months": (
        "янв фев мар апр май июн июл авг сен окт ноя дек",
        "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    ),
    "journey.personas": ("Персоны (кластеры k-средних)", "Personas (k-means clusters)"),
    "journey.persona.head": (
        "S{n} «{name}»: {clients:count(клиент|клиента|клиентов)} ({share:.0%} базы), "
        "{revenue:.0%} выручки",
        "S{n} '{name}': {clients:count(client|clients)} ({share:.0%} of the base), {revenue:.0%} "
        "of revenue",
    ),
    "journey.persona.segment": (
        "{name} {share:.0%} (индекс {index:.0f})",
        "{name} {share:.0%} (index {index:.0f})",
    ),
    "journey.persona.segments": ("  входит в сегменты: {items}", "  falls into: {items}"),
    "journey.persona.no_segments": (
        "  не входит ни в один сегмент по признакам",
        "  falls into no attribute segment",
    ),
    "journey.persona.typical": ("  типичный клиент: {items}", "  typical client: {items}"),
    "journey.persona.respondents": (
        "  интервью: {n}; ЛПР среди них {dm:.0%}",
        "  interviews: {n}; decision makers among them {dm:.0%}",
    ),
    "journey.persona.no_respondents": (
        "  интервью нет: потребности и проблемы персоны неизвестны (слепая зона)",
        "  no interviews: the persona's needs and problems are unknown (a blind spot)",
    ),
    "journey.persona.needs": (
        "  потребности (самые важные точки, средняя важность): {items}",
        "  needs (most important touchpoints, mean importance): {items}",
    ),
    "journey.persona.problems": (
        "  проблемы (наименьшая удовлетворённость): {items}",
        "  problems (lowest satisfaction): {items}",
    ),
    "journey.persona.comment": ("    «{text}» ×{n}", "    '{text}' ×{n}"),
    "journey.persona.channels": (
        "  каналы (доля респондентов, пользовавшихся): {items}",
        "  channels (share of respondents who used them): {items}",
    ),
    "journey.persona.path_channels": (
        "  каналы пути КАК ЕСТЬ (шагов): {items}",
        "  channels of the AS IS path (steps): {items}",
    ),
    "journey.persona.check": (
        "  средний чек сегмента (выручка / заказы) {check:,.0f}; выручка на клиента в месяц "
        "{monthly:,.0f}",
        "  the segment's average check (revenue / orders) {check:,.0f}; revenue per client per "
        "month {monthly:,.0f}",
    ),
    "journey.persona.bracket_item": (
        "{label}: {check:,.0f} ({n} кл.)",
        "{label}: {check:,.0f} ({n} cl.)",
    ),
    "journey.persona.bracket": (
        "  средний чек по «{attribute}»: {items}",
        "  average check by '{attribute}': {items}",
    ),
    "journey.persona.season": (
        "  сезонность: пики — {months} (индекс до {peak:.2f}; p = {p:.3f} с учётом тренда: "
        "×{trend:.2f} за год)",
        "  seasonality: peaks in {months} (index up to {peak:.2f}; p = {p:.3f} net of the "
        "trend: ×{trend:.2f} a year)",
    ),
    "journey.persona.no_season": (
        "  выраженной сезонности нет (наибольший индекс месяца {peak:.2f}; p = {p:.3f} с учётом "
        "тренда: ×{trend:.2f} за год)",
        "  no marked seasonality (highest month index {peak:.2f}; p = {p:.3f} net of the trend: "
        "×{trend:.2f} a year)",
    ),
    "journey.persona.season_unknown": (
        "  сезонность не оценивается: заказы наблюдались {n:count(месяц|месяца|месяцев)}, а "
        "отличить сезон от роста можно от 24",
        "  seasonality not assessed: orders observed over {n:count(month|months)}; telling a "
        "season from growth takes 24",
    ),
    "journey.persona.basket_item": (
        "{product} ({share:.0%} заказов)",
        "{product} ({share:.0%} of orders)",
    ),
    "journey.persona.basket": ("  типичная корзина: {items}", "  typical basket: {items}"),
    "journey.contact": (
        "Частота контактов по сегментам (межпокупочные интервалы, дни)",
        "Contact frequency per segment (inter-purchase gaps, days)",
    ),
    "journey.contact.rule": (
        "Позитивный сценарий: контакт в день, к которому совершается {early:.0%} следующих покупок "
        "сегмента, — до типичной покупки (медиана).\nНе чаще одного проактивного контакта в "
        "max({floor:g}; медиана / {per}) дн.\nНегативный сценарий: тишина дольше, чем {late:.0%} "
        "интервалов сегмента, — клиент уходит: удерживающий контакт менеджера.",
        "Positive scenario: contact on the day by which {early:.0%} of the segment's next "
        "purchases have happened, ahead of the typical purchase (the median).\nAt most one "
        "proactive contact every max({floor:g}; median / {per}) days.\nNegative scenario: a "
        "silence longer than {late:.0%} of the segment's gaps means the client is slipping "
        "away: a retention contact by the manager.",
    ),
    "journey.contact.base": (
        "  * мало интервалов в сегменте: использовано распределение всей базы",
        "  * too few gaps in the segment: the whole base's distribution is used",
    ),
    "journey.col.segment": ("Сегмент", "Segment"),
    "journey.col.clients": ("Клиентов", "Clients"),
    "journey.col.gaps": ("Интервалов", "Gaps"),
    "journey.col.median": ("Медиана", "Median"),
    "journey.col.iqr": ("25–75 %", "25–75 %"),
    "journey.col.contact_day": ("Контакт, день", "Contact day"),
    "journey.col.lead": ("До покупки", "Lead"),
    "journey.col.interval": ("Не чаще, дн.", "Every ≥, days"),
    "journey.col.silence": ("Тишина >", "Silence >"),
    "journey.col.due": ("Пора сейчас", "Due now"),
    "journey.col.slipping": ("Уходят (выручка)", "Slipping (revenue)"),
    "journey.col.lost": ("Потеряны", "Lost"),
    "journey.col.bg_days": ("BG/NBD: дней", "BG/NBD: days"),
    "journey.col.alive": ("BG/NBD: скорее ушли", "BG/NBD: likely gone"),
    "journey.program": (
        "Программа коммуникаций (сегмент × этап × точка × канал)",
        "Communication program (segment × stage × touchpoint × channel)",
    ),
    "journey.program.priority": (
        "  (без пути КАК БУДЕТ: по плану контактов и первым точкам списка QFD)",
        "  (no TO BE path: from the contact plan and the top of the QFD list)",
    ),
    "journey.program.segment": ("  «{segment}»", "  '{segment}'"),
    "journey.program.row": (
        "    {stage} · {tp} · {channel}: {trigger}; {frequency}",
        "    {stage} · {tp} · {channel}: {trigger}; {frequency}",
    ),
    "journey.program.goal": (
        "        цель — {goal}; владелец — {owner}; KPI — {kpi}",
        "        goal: {goal}; owner: {owner}; KPI: {kpi}",
    ),
    "journey.service": (
        "Уровни сервиса по сегментам",
        "Service levels per segment",
    ),
    "journey.service.rule": (
        "Ценность и частота на клиента против базы (индекс 100 = как в среднем): обе высокие — "
        "премиум; высокая ценность — ключевой клиент; высокая частота — экспресс; иначе — стандарт.",
        "Value and frequency per client against the base (index 100 = average): both high: "
        "premium; high value: key account; high frequency: express; otherwise standard.",
    ),
    "journey.service.value": ("  ценность: {measure}", "  value: {measure}"),
    "journey.value.clv": (
        "ожидаемая выручка на 52 недели (BG/NBD × Gamma-Gamma)",
        "expected revenue over 52 weeks (BG/NBD × Gamma-Gamma)",
    ),
    "journey.value.window_revenue": ("выручка за окно анализа", "revenue within the window"),
    "journey.col.level": ("Уровень", "Level"),
    "journey.col.value": ("Ценность", "Value"),
    "journey.col.frequency": ("Частота", "Frequency"),
    "journey.col.response": ("Ответ за", "Answer within"),
    "journey.col.manager": ("Личный менеджер", "Account manager"),
    "journey.col.channels": ("Каналы", "Channels"),
    "journey.level.premium": ("премиум", "premium"),
    "journey.level.key_account": ("ключевой клиент", "key account"),
    "journey.level.express": ("экспресс", "express"),
    "journey.level.standard": ("стандарт", "standard"),
    "journey.hours": ("{h:g} ч", "{h:g} h"),
    "journey.yes": ("да", "yes"),
    "journey.no": ("нет", "no"),
    "journey.notes": ("Примечания:", "Notes:"),
}
