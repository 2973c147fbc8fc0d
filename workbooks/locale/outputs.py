"""Words of the terminal reports and the deliverables: titles, column headers, sentences.

Sections: shared words (quadrants, outcomes, quarters), parts a project may lack and why, the
roadmap, the workbook (``xlsx_``), the TOR (``tor_``), the deck (``deck_``), the dashboard
(``dash_``) and the terminal reports (``report_``).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ----------------------------------------------------------------- shared words
    "quadrant_concentrate": ("сосредоточиться", "concentrate here"),
    "quadrant_keep_up": ("поддерживать", "keep up the good work"),
    "quadrant_low_priority": ("низкий приоритет", "low priority"),
    "quadrant_overkill": ("возможный избыток", "possible overkill"),
    "quadrant_borderline": ("{quadrant} (на границе)", "{quadrant} (on the border)"),
    "quadrant_member_borderline": ("{name} (на границе)", "{name} (on the border)"),
    "outcome_revenue": ("выручка за {w:g} мес.", "revenue over {w:g} months"),
    "outcome_ltv": ("накопленная выручка (LTV)", "historical revenue (LTV)"),
    "outcome_frequency": ("число заказов за {w:g} мес.", "orders over {w:g} months"),
    "outcome_monetary": ("средний чек", "average check"),
    "outcome_repeat": ("повторная покупка за {w:g} мес.", "repeat purchase within {w:g} months"),
    "outcome_churn": ("отток (нет заказов за {w:g} мес.)", "churn (no order within {w:g} months)"),
    "outcome_overall": ("общая удовлетворённость", "overall satisfaction"),
    "outcome_nps": ("готовность рекомендовать (NPS)", "likelihood to recommend (NPS)"),
    "outcome_log": (" (в логарифме)", " (log scale)"),
    "missing_em": ("EM (полная информация)", "EM (full information)"),
    "missing_pairwise": ("попарно + ремонт матрицы", "pairwise + matrix repair"),
    "missing_listwise": ("построчное удаление", "listwise"),
    "missing_mice": ("множественная импутация", "multiple imputation"),
    "quarter_label": ("{q} кв. {year}", "Q{q} {year}"),
    "quarter_n": ("{q}-й квартал", "Quarter {q}"),
    "yes": ("да", "yes"),
    "none_word": ("нет", "none"),
    "all_respondents": ("Все", "All"),
    "to_assign": ("[назначить]", "[to assign]"),
    "interval": ("{low:.1%}–\u2060{high:.1%}", "{low:.1%}–\u2060{high:.1%}"),
    "range": ("{low}–\u2060{high}", "{low}–\u2060{high}"),
    "rank_interval": ("{rank} [{low}–\u2060{high}]", "{rank} [{low}–\u2060{high}]"),
    "slice_clusters": ("сегмент клиентов (k-средних)", "client segment (k-means)"),
    "slice_stage": ("этап пути клиента", "journey stage"),
    "slice_period": ("период", "period"),
    "part_left_out": ("{part}: {reason}", "{part}: {reason}"),
    "amount": ("{x:,.0f}", "{x:,.0f}"),
    "value": ("{x:g}", "{x:g}"),
    "mean_n": ("{mean:.2f} (n = {n:d})", "{mean:.2f} (n = {n:d})"),
    "versus": ("{a} и {b}", "{a} vs {b}"),
    "metric_mean": ("среднее", "mean"),
    "metric_top2": ("доля топ-2", "top-2 share"),
    "metric_nps": ("NPS", "NPS"),
    "test_welch": ("t-критерий Уэлча", "Welch's t-test"),
    "test_proportions": ("z-критерий для долей", "two-proportion z-test"),
    "test_nps": ("z-критерий для разности NPS", "z-test for the NPS difference"),
    "tau_item": ("{scale}: τ = {tau:.2f}", "{scale}: τ = {tau:.2f}"),
    "silhouette_item": ("k = {k}: {v:.3f}", "k = {k}: {v:.3f}"),
    "segments_method": (
        "k-средних, k = {k} по силуэту ({items}); зерно {seed}, запусков {n_init}",
        "k-means, k = {k} by silhouette ({items}); seed {seed}, {n_init} starts",
    ),
    "feature_index": ("{name}: индекс {index:.0f}", "{name}: index {index:.0f}"),
    "typical_item": ("{name}: {value}", "{name}: {value}"),
    "priority_rule": ("Правило приоритета: {rule}", "Priority rule: {rule}"),
    "drivers_model": (
        "Результат: {outcome}; n = {n:d}; R² = {r2:.2f} (скорректированный {adj:.2f}); метод {method}, "
        "пропуски: {missing}; бутстреп B = {b:d}, зерно {seed}",
        "Outcome: {outcome}; n = {n:d}; R² = {r2:.2f} (adjusted {adj:.2f}); method {method}, "
        "missing answers: {missing}; bootstrap B = {b:d}, seed {seed}",
    ),
    "warnings_title": ("Предупреждения", "Warnings"),
    "chart_ipa": ("Важность – исполнение", "Importance – performance"),
    "chart_drivers_ci": (
        "Вклад точек контакта в R² (95 % ДИ)",
        "Touchpoint shares of R² (95% CI)",
    ),
    "chart_drivers": ("Вклад точек контакта в R²", "Touchpoint shares of R²"),
    "chart_technical": (
        "Техническая важность характеристик",
        "Technical importance of the characteristics",
    ),
    "axis_importance": ("Смешанная важность W0, % от суммы", "Blended importance W0, % of total"),
    "axis_satisfaction": (
        "Удовлетворённость, баллы {low}–\u2060{high}",
        "Satisfaction, points {low}–\u2060{high}",
    ),
    "axis_touchpoint": ("Точка контакта", "Touchpoint"),
    "axis_r2_share": ("Доля R², %", "Share of R², %"),
    "axis_characteristic": ("Характеристика", "Characteristic"),
    # ----------------------------------------------------------------- the workbook
    "sheet_summary": ("Сводка", "Summary"),
    "sheet_planning": ("Матрица планирования", "Planning matrix"),
    "sheet_drivers": ("Драйверы", "Drivers"),
    "sheet_metrics": ("CX-метрики", "CX metrics"),
    "sheet_house": ("Дом качества", "House of Quality"),
    "sheet_roof": ("Конфликты и каскад", "Conflicts and cascade"),
    "sheet_segments": ("Сегменты", "Segments"),
    "sheet_kpi": ("Деревья KPI", "KPI trees"),
    "sheet_bottlenecks": ("Узкие места", "Bottlenecks"),
    "sheet_processes": ("Процессы", "Processes"),
    "sheet_gaps": ("Пробелы данных", "Data gaps"),
    "sheet_roadmap": ("Дорожная карта", "Roadmap"),
    "sheet_method": ("Методика", "Method"),
    "xlsx_pm_id": ("ID", "ID"),
    "xlsx_pm_id_means": ("Код точки контакта", "Touchpoint code"),
    "xlsx_pm_name": ("Точка контакта", "Touchpoint"),
    "xlsx_pm_name_means": ("Название точки контакта", "Touchpoint name"),
    "xlsx_pm_stage": ("Этап", "Stage"),
    "xlsx_pm_stage_means": ("Этап пути клиента", "Journey stage"),
    "xlsx_pm_stated": ("Заявленная важность I", "Stated importance I"),
    "xlsx_pm_stated_means": (
        "Среднее оценок важности (пропуски не считаются)",
        "Mean importance score (blanks excluded)",
    ),
    "xlsx_pm_derived": ("Производная важность B", "Derived importance B"),
    "xlsx_pm_derived_means": (
        "Доля R² точки в модели результата «{outcome}» (LMG), нормированная к 1",
        "The touchpoint's share of R² in the model of '{outcome}' (LMG), normalised to 1",
    ),
    "xlsx_pm_blended": ("Смешанная важность W0", "Blended importance W0"),
    "xlsx_pm_blended_means": (
        "W0 = λ·I/ΣI + (1−λ)·B/ΣB — формула; λ в ячейке B2",
        "W0 = λ·I/ΣI + (1−λ)·B/ΣB — a formula; λ is in cell B2",
    ),
    "xlsx_pm_sat": ("Удовлетворённость S", "Satisfaction S"),
    "xlsx_pm_sat_means": ("Средняя удовлетворённость", "Mean satisfaction"),
    "xlsx_pm_sat_hw": ("± 95 % ДИ S", "± 95% CI of S"),
    "xlsx_pm_sat_hw_means": (
        "Полуширина 95 % интервала удовлетворённости: квадрант «на границе», если средняя S "
        "ближе к линии раздела",
        "Half-width of the 95% satisfaction interval: the quadrant is 'on the border' when the "
        "mean S is closer than this to the split",
    ),
    "xlsx_pm_comp": ("Конкурент C", "Competitor C"),
    "xlsx_pm_comp_means": ("Средняя оценка конкурента", "Mean competitor score"),
    "xlsx_pm_target": ("Цель T", "Target T"),
    "xlsx_pm_target_means": (
        "Целевая удовлетворённость — можно менять",
        "Target satisfaction — editable",
    ),
    "xlsx_pm_ratio": ("Коэффициент улучшения R", "Improvement ratio R"),
    "xlsx_pm_ratio_means": ("R = T/S — формула", "R = T/S — a formula"),
    "xlsx_pm_sp": ("Точка продаж SP", "Sales point SP"),
    "xlsx_pm_sp_means": ("1,0 / 1,2 / 1,5 — можно менять", "1.0 / 1.2 / 1.5 — editable"),
    "xlsx_pm_raw": ("Сырой вес RW", "Raw weight RW"),
    "xlsx_pm_raw_means": ("RW = W0·R·SP — формула", "RW = W0·R·SP — a formula"),
    "xlsx_pm_weight": ("Вес w", "Weight w"),
    "xlsx_pm_weight_means": ("w = RW/ΣRW — формула", "w = RW/ΣRW — a formula"),
    "xlsx_pm_rank": ("Ранг", "Rank"),
    "xlsx_pm_rank_means": ("Место по весу — формула", "Place by weight — a formula"),
    "xlsx_pm_rank_ci": ("Ранг, 95 % ДИ", "Rank, 95% CI"),
    "xlsx_pm_rank_ci_means": (
        "Интервал ранга по бутстрепу респондентов",
        "Rank interval from the respondent bootstrap",
    ),
    "xlsx_pm_quadrant": ("Квадрант", "Quadrant"),
    "xlsx_pm_quadrant_means": (
        "Важность – исполнение: границы по средним W0 и S — формула",
        "Importance – performance: split at the means of W0 and S — a formula",
    ),
    "xlsx_pm_n": ("n", "n"),
    "xlsx_pm_n_means": ("Число ответов об удовлетворённости", "Number of satisfaction answers"),
    "xlsx_lambda_hint": (
        "← λ — доля заявленной важности в W0; измените её, и веса, ранги и квадранты пересчитаются",
        "← λ is the weight of stated importance in W0; change it and the weights, ranks and "
        "quadrants recompute",
    ),
    "xlsx_quadrant_split": (
        "Квадранты: граница по средним W0 = {w0:.1%} и S = {s:.2f}; на графике оси пересекаются "
        "в этих точках. «На границе» — 95-процентный интервал удовлетворённости точки (S ± "
        "столбец «± 95 % ДИ S») включает среднюю S. Жёлтые ячейки можно менять — веса, ранги и "
        "квадранты пересчитаются.",
        "Quadrants split at the means W0 = {w0:.1%} and S = {s:.2f}; the chart's axes cross "
        "there. 'On the border': the touchpoint's 95% satisfaction interval (S ± the column "
        "'± 95% CI of S') includes the mean S. Yellow cells are editable: weights, ranks and "
        "quadrants recompute.",
    ),
    "xlsx_dr_id": ("ID", "ID"),
    "xlsx_dr_touchpoint": ("Точка контакта", "Touchpoint"),
    "xlsx_dr_share": ("Доля R²", "R² share"),
    "xlsx_dr_ci_low": ("ДИ, нижняя граница", "CI low"),
    "xlsx_dr_ci_high": ("ДИ, верхняя граница", "CI high"),
    "xlsx_dr_rank": ("Ранг", "Rank"),
    "xlsx_dr_rank_ci": ("Ранг, 95 % ДИ", "Rank, 95% CI"),
    "xlsx_dr_beta": ("β", "β"),
    "xlsx_dr_beta_low": ("β, нижняя граница ДИ", "β CI low"),
    "xlsx_dr_beta_high": ("β, верхняя граница ДИ", "β CI high"),
    "xlsx_dr_p": ("p", "p"),
    "xlsx_dr_vif": ("VIF", "VIF"),
    "xlsx_dr_n": ("n", "n"),
    "xlsx_m_segment": ("Сегмент", "Segment"),
    "xlsx_m_id": ("ID", "ID"),
    "xlsx_m_n": ("n", "n"),
    "xlsx_m_mean": ("Среднее", "Mean"),
    "xlsx_m_ci_low": ("ДИ, нижняя граница", "CI low"),
    "xlsx_m_ci_high": ("ДИ, верхняя граница", "CI high"),
    "xlsx_m_top2": ("Топ-2", "Top-2"),
    "xlsx_m_top2_low": ("Топ-2, нижняя граница", "Top-2 low"),
    "xlsx_m_top2_high": ("Топ-2, верхняя граница", "Top-2 high"),
    "xlsx_m_csi": ("CSI", "CSI"),
    "xlsx_m_indicative": ("Ориентировочно (n < 30)", "Indicative (n < 30)"),
    "xlsx_m_not_experienced": ("Не пользовались", "Not experienced"),
    "xlsx_m_dont_know": ("Затруднились ответить", "Don't know"),
    "xlsx_comparisons": (
        "Сравнение сегментов (поправка Холма)",
        "Segment comparisons (Holm-corrected)",
    ),
    "xlsx_cmp_id": ("ID", "ID"),
    "xlsx_cmp_metric": ("Мера", "Metric"),
    "xlsx_cmp_segments": ("Сегменты", "Segments"),
    "xlsx_cmp_test": ("Критерий", "Test"),
    "xlsx_cmp_statistic": ("Статистика", "Statistic"),
    "xlsx_cmp_p": ("p", "p"),
    "xlsx_cmp_p_holm": ("p (Холм)", "p (Holm)"),
    "xlsx_id": ("ID", "ID"),
    "xlsx_touchpoint": ("Точка контакта", "Touchpoint"),
    "xlsx_weight": ("Вес w", "Weight w"),
    "xlsx_house_hint": (
        "Связи 9 / 3 / 1 можно менять; строка «Абсолютная важность» — СУММПРОИЗВ весов и связей. "
        "Название характеристики — в примечании к её коду.",
        "Relationships 9 / 3 / 1 are editable; the Absolute importance row is the SUMPRODUCT of "
        "weights and relationships. A characteristic's name is in the comment on its code.",
    ),
    "xlsx_tau": (
        "Устойчивость к шкале связей (τ Кендалла с рангами по 9-3-1): {items}",
        "Robustness to the relationship scale (Kendall τ against the 9-3-1 ranks): {items}",
    ),
    "xlsx_absolute": ("Абсолютная важность", "Absolute importance"),
    "xlsx_relative": ("Относительная важность", "Relative importance"),
    "xlsx_rank_ci": ("Ранг [95 % ДИ]", "Rank [95% CI]"),
    "xlsx_ch_id": ("ID", "ID"),
    "xlsx_ch_name": ("Характеристика", "Characteristic"),
    "xlsx_ch_unit": ("Единица", "Unit"),
    "xlsx_ch_direction": ("Направление", "Direction"),
    "xlsx_ch_type": ("Тип", "Type"),
    "xlsx_ch_current": ("Текущее", "Current"),
    "xlsx_ch_target": ("Цель", "Target"),
    "xlsx_ch_competitor": ("Конкурент", "Competitor"),
    "xlsx_ch_difficulty": ("Сложность", "Difficulty"),
    "xlsx_ch_per_difficulty": ("Важность / сложность", "Importance / difficulty"),
    "xlsx_ch_rank_531": ("Ранг по 5-3-1", "Rank on 5-3-1"),
    "xlsx_ch_rank_321": ("Ранг по 3-2-1", "Rank on 3-2-1"),
    "xlsx_ch_rank_951": ("Ранг по 9-5-1", "Rank on 9-5-1"),
    "xlsx_roof_char_a": ("Характеристика A", "Characteristic A"),
    "xlsx_roof_importance_a": ("Важность A", "Importance A"),
    "xlsx_roof_link": ("Связь", "Link"),
    "xlsx_roof_char_b": ("Характеристика B", "Characteristic B"),
    "xlsx_roof_importance_b": ("Важность B", "Importance B"),
    "xlsx_roof_among_top": ("Обе среди важнейших", "Both among the top"),
    "xlsx_no_conflicts": (
        "На крыше нет отрицательных связей: характеристики не мешают друг другу",
        "The roof has no negative links: the characteristics do not work against each other",
    ),
    "xlsx_cascade": (
        "Каскад (фаза 2): опережающие показатели",
        "Cascade (phase 2): leading indicators",
    ),
    "xlsx_no_cascade": (
        "Ни у одной характеристики не названы причины (столбец «Причины» листа «Характеристики»): "
        "каскад не строится",
        "No characteristic names its causes (the Causes column of the Characteristics sheet): "
        "there is no cascade",
    ),
    "xlsx_cascade_leading": ("Опережающий показатель", "Leading indicator"),
    "xlsx_cascade_absolute": ("Абсолютная важность", "Absolute importance"),
    "xlsx_cascade_relative": ("Относительная важность", "Relative importance"),
    "xlsx_cascade_drives": ("Влияет на", "Drives"),
    "xlsx_seg_segment": ("Сегмент", "Segment"),
    "xlsx_seg_portrait": ("Портрет", "Portrait"),
    "xlsx_seg_clients": ("Клиентов", "Clients"),
    "xlsx_seg_share": ("Доля клиентов", "Share of clients"),
    "xlsx_seg_revenue_share": ("Доля выручки", "Revenue share"),
    "xlsx_seg_interviews": ("Интервью", "Interviews"),
    "xlsx_seg_csi": ("CSI", "CSI"),
    "xlsx_seg_features": (
        "Чем отличается (индекс: 100 = как у всех)",
        "What sets it apart (index: 100 = like everyone)",
    ),
    "xlsx_seg_typical": ("Типичные значения (медиана, мода)", "Typical values (median, mode)"),
    "xlsx_seg_priority": ("Приоритет", "Priority"),
    "xlsx_kpi_hint": (
        "▶ — узкое место дерева: KPI с наибольшей долей в недоборе финансового KPI",
        "▶ marks the tree's bottleneck: the KPI with the largest share of the financial shortfall",
    ),
    "xlsx_kpi_kpi": ("KPI", "KPI"),
    "xlsx_kpi_name": ("Название", "Name"),
    "xlsx_kpi_level": ("Уровень", "Level"),
    "xlsx_kpi_unit": ("Единица", "Unit"),
    "xlsx_kpi_baseline": ("База", "Baseline"),
    "xlsx_kpi_actual": ("Факт", "Actual"),
    "xlsx_kpi_target": ("Цель", "Target"),
    "xlsx_kpi_attainment": ("Выполнение", "Attainment"),
    "xlsx_kpi_rollup": ("Свёртка причин", "Roll-up of causes"),
    "xlsx_kpi_influence": ("Влияние на деньги", "Influence on money"),
    "xlsx_kpi_shortfall": ("Доля в недоборе", "Share of shortfall"),
    "xlsx_kpi_what_if": ("Если на цель, п. п.", "If on target, points"),
    "xlsx_kpi_owner": ("Владелец", "Owner"),
    "xlsx_kpi_source": ("Источник", "Source"),
    "xlsx_actions": (
        "Узкие места KPI по приоритету (доля в недоборе × вес точки в QFD)",
        "KPI bottlenecks by priority (share of shortfall × the touchpoint's QFD weight)",
    ),
    "xlsx_act_n": ("№", "No."),
    "xlsx_act_touchpoint": ("Точка контакта", "Touchpoint"),
    "xlsx_act_kpi": ("KPI", "KPI"),
    "xlsx_act_score": ("Оценка", "Score"),
    "xlsx_act_owner": ("Владелец", "Owner"),
    "xlsx_act_effect": ("Эффект на финансовый KPI", "Effect on the financial KPI"),
    "xlsx_act_recommendation": ("Рекомендация", "Recommendation"),
    "xlsx_step_touchpoint": ("Точка контакта", "Touchpoint"),
    "xlsx_step_step": ("Шаг", "Step"),
    "xlsx_step_capacity": ("Мощность, заявок в неделю", "Capacity, cases a week"),
    "xlsx_step_demand": ("Спрос, заявок в неделю", "Demand, cases a week"),
    "xlsx_step_utilisation": ("Загрузка", "Utilisation"),
    "xlsx_step_wait": ("Ожидание, ч", "Waiting, h"),
    "xlsx_step_bottleneck": ("Узкое место", "Bottleneck"),
    "xlsx_step_cut": ("В минимальном разрезе", "In the minimum cut"),
    "xlsx_steps_hint": (
        "▶ — шаг с наибольшей загрузкой (спрос / мощность); минимальный разрез — шаги, которые "
        "ограничивают пропускную способность процесса",
        "▶ marks the step with the highest utilisation (demand / capacity); the minimum cut is "
        "the set of steps that limits the process's throughput",
    ),
    "xlsx_cov_level": ("Уровень", "Level"),
    "xlsx_cov_with_source": ("С источником", "With a source"),
    "xlsx_cov_total": ("Всего", "Total"),
    "xlsx_cov_coverage": ("Покрытие", "Coverage"),
    "xlsx_automated": (
        "Доля KPI с источником, которые обновляются автоматически: {share:.0%}",
        "Share of the KPIs with a source that update automatically: {share:.0%}",
    ),
    "xlsx_missing_sources": ("KPI без источника данных", "KPIs without a data source"),
    "xlsx_no_missing_sources": (
        "У каждого KPI есть источник данных",
        "Every KPI has a data source",
    ),
    "xlsx_gap_kpi": ("KPI", "KPI"),
    "xlsx_gap_name": ("Название", "Name"),
    "xlsx_gap_touchpoint": ("Точка контакта", "Touchpoint"),
    "xlsx_gap_level": ("Уровень", "Level"),
    "xlsx_gap_owner": ("Владелец", "Owner"),
    "xlsx_gap_suggested": ("Кто мог бы поставлять данные", "Could be fed by"),
    "xlsx_unknown_systems": (
        "Системы, названные на листе KPI, но не описанные на листе «Источники данных»: {items}",
        "Systems named on the KPI sheet but missing from the Data sources sheet: {items}",
    ),
    "xlsx_summary_title": (
        "Приоритеты точек контакта: {project}",
        "Touchpoint priorities: {project}",
    ),
    "xlsx_summary_line": (
        "Респондентов: {n:d}; с результатом: {linked:d}; R² = {r2:.2f}; бутстреп B = {b:d}, "
        "зерно {seed}",
        "Respondents: {n:d}; with an outcome: {linked:d}; R² = {r2:.2f}; bootstrap B = {b:d}, "
        "seed {seed}",
    ),
    "xlsx_top_touchpoints": ("Главные точки контакта", "Top touchpoints"),
    "xlsx_top_n": ("№", "No."),
    "xlsx_top_touchpoint": ("Точка контакта", "Touchpoint"),
    "xlsx_top_weight": ("Вес", "Weight"),
    "xlsx_top_rank_ci": ("Ранг [95 % ДИ]", "Rank [95% CI]"),
    "xlsx_top_satisfaction": ("Удовлетворённость (n)", "Satisfaction (n)"),
    "xlsx_top_quadrant": ("Квадрант", "Quadrant"),
    "xlsx_top_characteristics": ("Главные характеристики", "Top characteristics"),
    "xlsx_bottlenecks_title": ("Узкие места", "Bottlenecks"),
    "xlsx_process_line": ("{tp}: процесс, шаг «{step}»", "{tp}: process, step '{step}'"),
    "xlsx_key_warnings": ("Главные предупреждения", "Key warnings"),
    "xlsx_left_out": ("Чего нет в этой книге и почему", "What this workbook leaves out, and why"),
    "xlsx_rm_n": ("№", "No."),
    "xlsx_rm_action": ("Действие", "Action"),
    "xlsx_rm_basis": ("Основание", "Basis"),
    "xlsx_rm_touchpoint": ("Точка контакта", "Touchpoint"),
    "xlsx_rm_kpi": ("KPI", "KPI"),
    "xlsx_rm_owner": ("Ответственный", "Owner"),
    "xlsx_rm_effect": (
        "Ожидаемый эффект на финансовый KPI",
        "Expected effect on the financial KPI",
    ),
    "xlsx_roadmap_hint": (
        "Черновик плана на год: действия, ответственные и кварталы (●) можно менять — жёлтые "
        "ячейки. Ответственные взяты с листа KPI проекта.",
        "A draft plan for the year: actions, owners and quarters (●) are editable — the yellow "
        "cells. Owners come from the project's KPI sheet.",
    ),
    "roadmap_effect_note": (
        "Эффект — на сколько приблизится к цели финансовый KPI точки контакта, если KPI действия "
        "выйдет на цель (по весам дерева KPI), в единицах финансового KPI. Эффекты разных точек "
        "контакта не складываются: клиенты проходят несколько точек.",
        "Effect: how much closer to its target the touchpoint's financial KPI gets if the "
        "action's KPI reaches its target (through the KPI tree's weights), in the financial "
        "KPI's unit. Effects of different touchpoints do not add up: clients pass several "
        "touchpoints.",
    ),
    "xlsx_method_measure": ("Показатель", "Measure"),
    "xlsx_method_means": ("Что означает", "What it means"),
    "xlsx_method_section": ("Подробнее", "More in"),
    "method_section": ("docs/method.md, раздел {n}", "docs/method.md, section {n}"),
    "xlsx_method_source": (
        "Методика описана в docs/method.md репозитория qfdkpi.",
        "The method is described in docs/method.md of the qfdkpi repository.",
    ),
    "method_r2_share": ("Доля R² (LMG)", "R² share (LMG)"),
    "method_r2_share_means": (
        "Средний по всем порядкам включения прирост R², когда точка входит в модель; доли ≥ 0 и "
        "в сумме дают R². Интервалы — бутстреп по респондентам (зерно и число выборок указаны "
        "на листе).",
        "The average R² gain over all orders of entry when the touchpoint enters the model; "
        "shares are ≥ 0 and add up to R². Intervals come from the respondent bootstrap (seed "
        "and replicates on the sheet).",
    ),
    "method_beta": ("β", "β"),
    "method_beta_means": (
        "Стандартизованный коэффициент регрессии; при коллинеарности и малом n неустойчив — "
        "ранжируйте по долям R².",
        "Standardised regression coefficient; unstable under collinearity and small n — rank "
        "by the R² shares.",
    ),
    "method_vif": ("VIF", "VIF"),
    "method_vif_means": (
        "Фактор инфляции дисперсии; больше 10 — сильная мультиколлинеарность.",
        "Variance inflation factor; above 10 means strong collinearity.",
    ),
    "method_technical": ("Техническая важность", "Technical importance"),
    "method_technical_means": (
        "TI = Σ w·r по точкам контакта (шкала 9-3-1); относительная — доля от суммы. Живая "
        "формула СУММПРОИЗВ.",
        "TI = Σ w·r over touchpoints (9-3-1 scale); relative = share of the total. A live "
        "SUMPRODUCT formula.",
    ),
    "method_shortfall": ("Доля в недоборе", "Share of shortfall"),
    "method_shortfall_means": (
        "Влияние KPI на финансовый KPI × его собственный разрыв (за вычетом объяснённого "
        "причинами); доли в сумме дают разрыв финансового KPI.",
        "The KPI's influence on the financial KPI × its own gap (minus what its causes "
        "explain); the shares add up to the financial KPI's gap.",
    ),
    "method_what_if": ("Если на цель, п. п.", "If on target, points"),
    "method_what_if_means": (
        "На сколько пунктов выполнения (из 100) приблизится к цели финансовый KPI, если этот KPI "
        "выйдет на цель: дерево пересчитывается заново с этим KPI на цели.",
        "How many attainment points (out of 100) the financial KPI gains if this KPI reaches its "
        "target: the tree is rolled up again with that KPI on target.",
    ),
    "method_utilisation": ("Загрузка шага", "Step utilisation"),
    "method_utilisation_means": (
        "Спрос / мощность шага процесса; от 100 % очередь растёт без предела.",
        "Demand / capacity of a process step; from 100% on the queue grows without bound.",
    ),
    "method_csi": ("CSI", "CSI"),
    "method_csi_means": (
        "Индекс удовлетворённости 0–100: 100·(среднее − минимум шкалы)/(максимум − минимум).",
        "Satisfaction index 0–100: 100·(mean − scale minimum)/(maximum − minimum).",
    ),
    "method_top2": ("Топ-2", "Top-2"),
    "method_top2_means": (
        "Доля двух высших баллов шкалы; интервал Уилсона.",
        "Share of the two top scale points; Wilson interval.",
    ),
    "method_roadmap": ("Дорожная карта", "Roadmap"),
    "method_roadmap_means": (
        "Действия на год по кварталам: пробелы данных, узкие места процессов, рекомендации по "
        "узким местам KPI в порядке приоритета, этапы ТЗ и повторные волны опроса.",
        "A year of actions by quarter: data gaps, process bottlenecks, the KPI-bottleneck "
        "recommendations by priority, the TOR's stages and repeat survey waves.",
    ),
    # ----------------------------------------------------------------- the TOR
    "percent1": ("{x:.1%}", "{x:.1%}"),
    "tor_title": (
        "Техническое задание на создание CX-дашборда",
        "Terms of reference for the CX dashboard",
    ),
    "tor_intro": (
        "Проект: {project}. Черновик сформирован qfdkpi по результатам аудита клиентского опыта "
        "(методика — docs/method.md, раздел 10); структура — ГОСТ 34.602-2020. Поля в квадратных "
        "скобках заполняет консультант.",
        "Project: {project}. A draft generated by qfdkpi from the customer-experience audit "
        "(method: docs/method.md, section 10); structure after GOST 34.602-2020. Fields in "
        "square brackets are filled in by the consultant.",
    ),
    "tor_h1": ("1. Общие сведения", "1. General information"),
    "tor_h2": ("2. Назначение и цели создания системы", "2. Purpose and goals"),
    "tor_h3": ("3. Характеристика объекта автоматизации", "3. Characteristics of the object"),
    "tor_h4": ("4. Требования к системе", "4. Requirements for the system"),
    "tor_h41": ("4.1. Требования к системе в целом", "4.1. General requirements"),
    "tor_h42": ("4.2. Требования к функциям", "4.2. Functions"),
    "tor_h43": ("4.3. Требования к видам обеспечения", "4.3. Kinds of support"),
    "tor_h431": (
        "4.3.1. Информационное обеспечение: паспорта KPI",
        "4.3.1. Information support: KPI passports",
    ),
    "tor_h432": ("4.3.2. Программное обеспечение", "4.3.2. Software"),
    "tor_h433": ("4.3.3. Техническое обеспечение", "4.3.3. Hardware"),
    "tor_h5": ("5. Состав и содержание работ", "5. Stages of the work"),
    "tor_h6": ("6. Порядок контроля и приёмки", "6. Acceptance"),
    "tor_h7": (
        "7. Требования к подготовке объекта к вводу в действие",
        "7. Preparation for commissioning",
    ),
    "tor_h8": ("8. Требования к документированию", "8. Documentation"),
    "tor_h9": ("9. Источники разработки", "9. Sources"),
    "tor_field": ("Поле", "Field"),
    "tor_value": ("Значение", "Value"),
    "tor_general_system": ("Наименование системы", "System name"),
    "tor_general_system_value": (
        "CX-дашборд мониторинга точек контакта",
        "CX dashboard for touchpoint monitoring",
    ),
    "tor_general_customer": ("Заказчик", "Customer"),
    "tor_general_customer_value": ("[…]", "[…]"),
    "tor_general_developer": ("Разработчик", "Developer"),
    "tor_general_developer_value": ("[…]", "[…]"),
    "tor_general_basis": ("Основание", "Basis"),
    "tor_general_basis_value": (
        "Результаты аудита клиентского опыта",
        "Results of the customer-experience audit",
    ),
    "tor_general_dates": ("Плановые сроки", "Planned dates"),
    "tor_general_dates_value": (
        "[…]; этапы по кварталам — в разделе 5",
        "[…]; stages by quarter in section 5",
    ),
    "tor_purpose": (
        "Назначение: ежемесячный мониторинг удовлетворённости, процессных и финансовых KPI по "
        "точкам контакта пути клиента и раннее предупреждение об отклонениях.",
        "Purpose: monthly monitoring of satisfaction, process and financial KPIs per journey "
        "touchpoint, with early warning of deviations.",
    ),
    "tor_top_item": (
        "{tp} (вес {w:.1%}, ранг {rank} [{low}–\u2060{high}])",
        "{tp} (weight {w:.1%}, rank {rank} [{low}–\u2060{high}])",
    ),
    "tor_goal_focus": (
        "Сфокусировать управление на точках контакта с наибольшим весом: {items}.",
        "Focus management on the highest-weight touchpoints: {items}.",
    ),
    "tor_goal_kpi": (
        "Связать опережающие показатели процессов и компетенций с выручкой (деревья KPI).",
        "Link the leading process and competence indicators to revenue (KPI trees).",
    ),
    "tor_goal_gaps": (
        "Закрыть пробелы данных, выявленные аудитом ИТ-систем (раздел 7).",
        "Close the data gaps found by the IT audit (section 7).",
    ),
    "tor_object": (
        "Путь клиента включает {tps:count(точку контакта|точки контакта|точек контакта)}; "
        "опрошено {n:count(респондент|респондента|респондентов)}; модель «{outcome}» объясняет "
        "R² = {r2:.2f} (n = {linked:d}). Точки контакта по весу (ранг с 95 % бутстреп-интервалом):",
        "The journey has {tps:count(touchpoint|touchpoints)}; {n:count(respondent|respondents)} "
        "were interviewed; the model of '{outcome}' explains R² = {r2:.2f} (n = {linked:d}). "
        "Touchpoints by weight (rank with its 95% bootstrap interval):",
    ),
    "tor_derived_not_used": (
        "Производная важность (доли R² модели) не используется: {reason}. Веса ниже опираются "
        "только на заявленную важность (λ = 1).",
        "Derived importance (the model's shares of R²) is not used: {reason}. The weights below "
        "rest on stated importance alone (λ = 1).",
    ),
    "tor_rank_rank": ("Ранг [95\u00a0%\u00a0ДИ]", "Rank [95%\u00a0CI]"),  # the bracket unbroken
    "tor_rank_touchpoint": ("Точка контакта", "Touchpoint"),
    "tor_rank_stage": ("Этап", "Stage"),
    "tor_rank_weight": ("Вес", "Weight"),
    "tor_rank_sat": ("Удовлетворённость (n)", "Satisfaction (n)"),
    "tor_rank_quadrant": ("Квадрант", "Quadrant"),
    "tor_landscape": ("ИТ-ландшафт заказчика:", "The customer's IT landscape:"),
    "tor_src_system": ("Система", "System"),
    "tor_src_kind": ("Тип", "Kind"),
    "tor_src_holds": ("Данные", "Holds"),
    "tor_src_automation": ("Автоматизация", "Automation"),
    "tor_src_refresh": ("Обновление", "Refresh"),
    "tor_left_out": (
        "Чего нет в данных аудита (эти требования не включены):",
        "What the audit data lacks (these requirements are left out):",
    ),
    "tor_screens": ("Экраны: {items}.", "Screens: {items}."),
    "tor_screen_journey": (
        "обзор пути клиента (тепловая карта приоритета и удовлетворённости)",
        "journey overview (heatmap of priority and satisfaction)",
    ),
    "tor_screen_drivers": (
        "драйверы и приоритеты (важность – исполнение)",
        "drivers and priorities (importance – performance)",
    ),
    "tor_screen_kpi": (
        "карточка точки контакта с деревом KPI и узким местом",
        "touchpoint card with its KPI tree and bottleneck",
    ),
    "tor_screen_segments": ("сегменты клиентов", "client segments"),
    "tor_screen_data": ("качество и полнота данных KPI", "KPI data quality and coverage"),
    "tor_slices": (
        "Разрезы, которые есть в данных проекта: {items}.",
        "Slices the project's data supports: {items}.",
    ),
    "tor_roles": (
        "Доступ по ролям: руководство, владельцы KPI, CX-команда.",
        "Role-based access: management, KPI owners, the CX team.",
    ),
    "tor_fn_attainment": (
        "Расчёт выполнения KPI от базы к цели и светофор (зелёный ≥ 80 %, жёлтый ≥ 50 %, "
        "красный ниже).",
        "KPI attainment from baseline to target with a traffic light (green ≥ 80%, amber ≥ 50%, "
        "red below).",
    ),
    "tor_fn_rollup": (
        "Свёртка дерева KPI и показ узкого места точки контакта.",
        "KPI tree roll-up and the touchpoint's bottleneck.",
    ),
    "tor_fn_alerts": (
        "Раннее предупреждение по правилам раздела 4.3.1: показатель из опроса сигналит только "
        "при изменении больше его доверительного интервала.",
        "Early warning by the rules of section 4.3.1: a survey-based indicator alarms only on a "
        "change larger than its confidence interval.",
    ),
    "tor_fn_weights": (
        "Пересчёт весов точек контакта по каждой новой волне опроса (не реже двух раз в год).",
        "Re-estimated touchpoint weights after every new survey wave (at least twice a year).",
    ),
    "tor_passports_intro": (
        "Паспорт каждого KPI: формула, источник, владелец, пороги оповещения. Опережающие "
        "показатели проверяются раньше запаздывающих, которые они двигают.",
        "Each KPI's passport: formula, source, owner, alert thresholds. Leading indicators are "
        "checked before the lagging ones they drive.",
    ),
    "tor_passport_formula": ("Формула", "Formula"),
    "tor_passport_unit": ("Единица", "Unit"),
    "tor_passport_level": ("Уровень", "Level"),
    "tor_passport_touchpoint": ("Точка контакта", "Touchpoint"),
    "tor_passport_type": ("Тип", "Type"),
    "tor_passport_source": ("Источник данных", "Data source"),
    "tor_passport_refresh": ("Частота обновления", "Refresh"),
    "tor_passport_owner": ("Владелец", "Owner"),
    "tor_passport_baseline": ("База / цель", "Baseline / target"),
    "tor_passport_alerts": ("Пороги оповещения", "Alert thresholds"),
    "tor_passport_chart": ("Визуализация", "Chart"),
    "tor_to_specify": ("[уточнить]", "[to specify]"),
    "tor_no_source": ("нет — см. раздел 7", "none — see section 7"),
    "tor_baseline_target": ("{b} / {t}", "{b} / {t}"),
    "tor_alert_survey": (
        "изменение больше ±{h:.1f} (95 % ДИ выборки) между волнами; красный — ниже базы",
        "a change beyond ±{h:.1f} (95% sampling CI) between waves; red below the baseline",
    ),
    "tor_alert_attainment": (
        "жёлтый при выполнении цели < 80 %, красный < 50 %",
        "amber below 80% of the way to target, red below 50%",
    ),
    "tor_chart_financial": ("линия: факт и цель по месяцам", "line: actual vs target by month"),
    "tor_chart_client": (
        "столбцы по волнам опроса с доверительным интервалом",
        "bars by survey wave with their confidence interval",
    ),
    "tor_chart_process": ("контрольная карта (среднее ± 3σ)", "control chart (mean ± 3σ)"),
    "tor_chart_competence": ("индикатор прогресса к цели", "progress bar to the target"),
    "tor_software": (
        "Хранилище показателей с ежедневной загрузкой из систем-источников; BI-инструмент "
        "заказчика [уточнить]; расчёт весов и узких мест — qfdkpi (открытый код).",
        "A KPI store loaded daily from the source systems; the customer's BI tool [to specify]; "
        "weights and bottlenecks computed with qfdkpi (open source).",
    ),
    "tor_hardware": (
        "[Серверы и рабочие места по стандартам заказчика]",
        "[Servers and workstations per the customer's standards]",
    ),
    "tor_stages_col_n": ("Этап", "Stage"),
    "tor_stages_col_content": ("Содержание", "Content"),
    "tor_stages_col_period": ("Срок", "Period"),
    "tor_stages_roadmap": (
        "Этапы входят в дорожную карту на год (лист «Дорожная карта» книги priorities.xlsx и "
        "презентация стратегической сессии).",
        "The stages are part of the one-year roadmap (the Roadmap sheet of priorities.xlsx and "
        "the strategic-session deck).",
    ),
    "tor_accept_kpis": (
        "Все KPI из паспортов рассчитываются и совпадают с контрольным расчётом.",
        "Every passport KPI is computed and matches a control calculation.",
    ),
    "tor_accept_alerts": (
        "Оповещения срабатывают на тестовых отклонениях и не срабатывают на изменениях в "
        "пределах доверительного интервала.",
        "Alerts fire on test deviations and stay silent on changes within the confidence interval.",
    ),
    "tor_coverage": (
        "Источники есть у {have:d} из {total:count(KPI|KPI|KPI)}; автоматически обновляются "
        "{share:.0%} из них.",
        "{have:d} of {total:count(KPI|KPIs)} have a source; {share:.0%} of those update "
        "automatically.",
    ),
    "tor_gaps_intro": ("Нужно создать источники для:", "Sources must be built for:"),
    "tor_gap_kpi": ("KPI", "KPI"),
    "tor_gap_name": ("Название", "Name"),
    "tor_gap_touchpoint": ("Точка контакта", "Touchpoint"),
    "tor_gap_todo": ("Что нужно сделать", "What to build"),
    "tor_feed_from": ("настроить выгрузку из: {systems}", "set up a feed from: {systems}"),
    "tor_choose_source": ("выбрать систему-источник", "choose a source system"),
    "tor_docs_kpi": (
        "Паспорта KPI (раздел 4.3.1), руководство пользователя, регламент обновления данных.",
        "KPI passports (section 4.3.1), a user guide, the data refresh procedure.",
    ),
    "tor_docs": (
        "Руководство пользователя, регламент обновления данных.",
        "A user guide, the data refresh procedure.",
    ),
    "tor_source_workbook": (
        "Книга проекта аудита: {name}",
        "The audit project workbook: {name}",
    ),
    "tor_source_method": (
        "Методика qfdkpi: docs/method.md (разделы 1–11: интервью, CX-метрики, платёжное "
        "поведение, сегменты, драйверы, матрица планирования, Дом качества, деревья KPI, аудит "
        "данных, ТЗ, стратегическая сессия)",
        "The qfdkpi method: docs/method.md (sections 1–11: interviews, CX metrics, payment "
        "behaviour, segments, key drivers, planning matrix, House of Quality, KPI trees, data "
        "audit, TOR, strategic session)",
    ),
    "tor_source_gost": ("ГОСТ 34.602-2020", "GOST 34.602-2020"),
    # ----------------------------------------------------------------- the deck
    "value2": ("{x:.2f}", "{x:.2f}"),
    "percent0": ("{x:.0%}", "{x:.0%}"),
    "deck_title": (
        "Стратегическая сессия: приоритеты клиентского опыта и план на год",
        "Strategic session: customer-experience priorities and the plan for the year",
    ),
    "deck_scope_touchpoints": (
        "{n:count(точка контакта|точки контакта|точек контакта)} на "
        "{stages:count(этапе|этапах|этапах)} пути клиента",
        "{n:count(touchpoint|touchpoints)} over {stages:count(journey stage|journey stages)}",
    ),
    "deck_scope_interviews": (
        "{n:count(интервью|интервью|интервью)}",
        "{n:count(interview|interviews)}",
    ),
    "deck_scope_clients": (
        "{clients:count(клиент|клиента|клиентов)}, {orders:,.0f} заказов",
        "{clients:count(client|clients)}, {orders:,.0f} orders",
    ),
    "deck_scope_kpis": ("{n:count(KPI|KPI|KPI)}", "{n:count(KPI|KPIs)}"),
    "deck_as_of": ("Данные на {d:date}", "Data as of {d:date}"),
    "deck_method_title": (
        "Методика: от интервью к плану на год",
        "The method: from interviews to a plan for the year",
    ),
    "deck_method_subtitle": (
        "Одиннадцать шагов; серым — шаги, для которых в проекте нет данных",
        "Eleven steps; in grey the steps the project has no data for",
    ),
    "deck_step_number": ("Шаг {n}", "Step {n}"),
    "deck_step_1": ("Интервью", "Interviews"),
    "deck_step_1_gives": (
        "важность и удовлетворённость по точкам контакта",
        "importance and satisfaction per touchpoint",
    ),
    "deck_step_2": ("CX-метрики", "CX metrics"),
    "deck_step_2_gives": ("среднее, топ-2, CSI с интервалами", "mean, top-2, CSI with intervals"),
    "deck_step_3": ("Платёжное поведение", "Payment behaviour"),
    "deck_step_3_gives": ("выручка, RFM, CLV из транзакций", "revenue, RFM, CLV from transactions"),
    "deck_step_4": ("Сегменты", "Segments"),
    "deck_step_4_gives": ("портреты и приоритет сегментов", "portraits and segment priority"),
    "deck_step_5": ("Ключевые драйверы", "Key drivers"),
    "deck_step_5_gives": (
        "вклад точек в деньги (доли R²)",
        "each touchpoint's share in money (R²)",
    ),
    "deck_step_6": ("Матрица планирования", "Planning matrix"),
    "deck_step_6_gives": ("веса и ранги точек контакта", "touchpoint weights and ranks"),
    "deck_step_7": ("Дом качества", "House of Quality"),
    "deck_step_7_gives": (
        "технические характеристики и конфликты",
        "characteristics and their conflicts",
    ),
    "deck_step_8": ("Деревья KPI", "KPI trees"),
    "deck_step_8_gives": ("узкие места и рекомендации", "bottlenecks and recommendations"),
    "deck_step_9": ("Аудит данных", "Data audit"),
    "deck_step_9_gives": ("какие KPI измеримы сегодня", "which KPIs can be measured today"),
    "deck_step_10": ("Техническое задание", "Terms of reference"),
    "deck_step_10_gives": ("ТЗ на CX-дашборд", "TOR for the CX dashboard"),
    "deck_step_11": ("Стратегическая сессия", "Strategic session"),
    "deck_step_11_gives": ("дорожная карта на год", "the roadmap for the year"),
    "deck_step_no_data": ("нет данных в проекте", "no data in the project"),
    "deck_method_source": (
        "Подробно: docs/method.md, разделы 1–11 (qfdkpi)",
        "In detail: docs/method.md, sections 1–11 (qfdkpi)",
    ),
    "deck_journey_title": (
        "Путь клиента: где приоритеты",
        "The customer journey: where the priorities are",
    ),
    "deck_journey_subtitle": (
        "Цвет — приоритет по весу в матрице планирования; ранг с 95 % бутстреп-интервалом; S — "
        "средняя удовлетворённость, n — число ответов",
        "Colour: priority by planning-matrix weight; rank with its 95% bootstrap interval; S: mean "
        "satisfaction, n: number of answers",
    ),
    "deck_weight_rank": (
        "вес {w:.1%} · ранг {rank} [{low}–\u2060{high}]",
        "weight {w:.1%} · rank {rank} [{low}–\u2060{high}]",
    ),
    "deck_sat_n": ("S = {s:.2f} (n = {n:d})", "S = {s:.2f} (n = {n:d})"),
    "deck_priority_0": (
        "высший приоритет: ранги {lo}–\u2060{hi}",
        "top priority: ranks {lo}–\u2060{hi}",
    ),
    "deck_priority_1": ("высокий: ранги {lo}–\u2060{hi}", "high: ranks {lo}–\u2060{hi}"),
    "deck_priority_2": ("средний: ранги {lo}–\u2060{hi}", "medium: ranks {lo}–\u2060{hi}"),
    "deck_priority_3": ("низкий: ранги {lo}–\u2060{hi}", "low: ranks {lo}–\u2060{hi}"),
    "deck_drivers_title": (
        "Что движет результатом: {outcome}",
        "What drives the outcome: {outcome}",
    ),
    "deck_drivers_read": ("Главные драйверы", "The main drivers"),
    "deck_drivers_unsettled": (
        "Крупнейшие доли — порядок не установлен (ранг лидера — от 1 до {worst})",
        "The largest shares — order not settled (the leader ranks anywhere from 1 to {worst})",
    ),
    "deck_driver_item": (
        "{tp}: {share:.1%} R² (95 % ДИ {ci}; n = {n:d})",
        "{tp}: {share:.1%} of R² (95% CI {ci}; n = {n:d})",
    ),
    "deck_ipa_title": ("Важность и исполнение", "Importance and performance"),
    "deck_ipa_subtitle": (
        "Квадранты делятся по средним: W0 = {w0:.1%}, удовлетворённость S = {s:.2f}; «на "
        "границе» — интервал удовлетворённости точки включает S",
        "Quadrants split at the means: W0 = {w0:.1%}, satisfaction S = {s:.2f}; 'on the border' "
        "— the touchpoint's satisfaction interval includes S",
    ),
    "deck_quadrant_concentrate": (
        "важно и плохо: сюда направить ресурсы",
        "important and weak: put the resources here",
    ),
    "deck_quadrant_keep_up": (
        "важно и хорошо: удержать уровень",
        "important and strong: hold the level",
    ),
    "deck_quadrant_overkill": (
        "менее важно и хорошо: возможно, ресурсы с избытком",
        "less important and strong: maybe more resources than needed",
    ),
    "deck_quadrant_low_priority": (
        "менее важно и слабо: во вторую очередь",
        "less important and weak: later",
    ),
    "deck_quadrant_vs_rank": (
        "Квадрант — только по важности W0 и удовлетворённости; вес и ранг (следующий слайд) "
        "учитывают ещё цель и точку продаж.",
        "A quadrant reads importance W0 and satisfaction only; the weight and rank (next slide) "
        "also count the target and the sales point.",
    ),
    "deck_quadrant_vs_rank_ahead": (
        "Квадрант — только по важности W0 и удовлетворённости; вес и ранг (следующий слайд) "
        "учитывают ещё цель и точку продаж, поэтому {ids} — в тройке лидеров по весу.",
        "A quadrant reads importance W0 and satisfaction only; the weight and rank (next slide) "
        "also count the target and the sales point, which puts {ids} among the top three.",
    ),
    "deck_planning_title": (
        "Матрица планирования: главные точки контакта",
        "Planning matrix: the top touchpoints",
    ),
    "deck_planning_subtitle": (
        "λ = {lam:.2f} (доля заявленной важности); цель: {policy}; бутстреп B = {b:d}, зерно {seed}",
        "λ = {lam:.2f} (weight of stated importance); target: {policy}; bootstrap B = {b:d}, seed {seed}",
    ),
    "deck_pm_rank": ("Ранг [95\u00a0%\u00a0ДИ]", "Rank [95%\u00a0CI]"),
    "deck_pm_touchpoint": ("Точка контакта", "Touchpoint"),
    "deck_pm_w0": ("Важность W0", "Importance W0"),
    "deck_pm_sat": ("Удовлетворённость S (n)", "Satisfaction S (n)"),
    "deck_pm_target": ("Цель T", "Target T"),
    "deck_pm_ratio": ("R = T/S", "R = T/S"),
    "deck_pm_sp": ("Точка продаж", "Sales point"),
    "deck_pm_weight": ("Вес", "Weight"),
    "dash_borderline_key": (
        "на границе квадранта: интервал удовлетворённости пересекает среднее",
        "on a quadrant border: the satisfaction interval crosses the mean",
    ),
    "sp_suggested_star": (
        "* Точка продаж предложена по данным (выручка недовольных клиентов под риском), а не "
        "задана в книге: подтвердите или замените её в «Настройках».",
        "* Sales point suggested by the data (revenue of dissatisfied clients at risk), not set "
        "in the workbook: confirm or replace it in Settings.",
    ),
    "deck_planning_more": (
        "Показаны {shown} из {total} точек контакта ({weight:.1%} веса); остальные — лист "
        "«Матрица планирования» книги priorities.xlsx.",
        "{shown} of {total} touchpoints shown ({weight:.1%} of the weight); the rest are on the "
        "Planning matrix sheet of priorities.xlsx.",
    ),
    "deck_planning_note": (
        "Вес = W0 · R · SP, нормированный к 100 %. Все точки и формулы — лист «Матрица "
        "планирования» книги priorities.xlsx: λ, цели и точки продаж можно менять.",
        "Weight = W0 · R · SP, normalised to 100%. Every touchpoint and formula is on the "
        "Planning matrix sheet of priorities.xlsx: λ, targets and sales points are editable.",
    ),
    "deck_house_title": (
        "Дом качества: что улучшать в процессах",
        "House of Quality: what to improve in the processes",
    ),
    "deck_house_subtitle": (
        "Техническая важность = Σ вес точки × сила связи (9-3-1); ранг с 95 % бутстреп-интервалом",
        "Technical importance = Σ touchpoint weight × relationship (9-3-1); rank with its 95% "
        "bootstrap interval",
    ),
    "deck_hoq_rank": ("Ранг [95\u00a0%\u00a0ДИ]", "Rank [95%\u00a0CI]"),
    "deck_hoq_characteristic": ("Характеристика", "Characteristic"),
    "deck_hoq_relative": ("Важность", "Importance"),
    "deck_hoq_target": ("Сейчас → цель", "Now → target"),
    "deck_char_target": ("{current} → {target} {unit}", "{current} → {target} {unit}"),
    "deck_conflicts": ("Конфликты (крыша дома)", "Conflicts (the roof)"),
    "deck_conflict_top": (
        "{a} ↔ {b} ({sign}): обе среди важнейших — решить до старта",
        "{a} ↔ {b} ({sign}): both among the top — resolve before starting",
    ),
    "deck_conflict": ("{a} ↔ {b} ({sign})", "{a} ↔ {b} ({sign})"),
    "deck_tree_title": ("Дерево KPI: {tp}", "KPI tree: {tp}"),
    "deck_tree_subtitle": (
        "От компетенций и процессов к клиенту и деньгам; процент — выполнение цели от базы",
        "From competences and processes to the client and money; the percent is attainment "
        "from baseline to target",
    ),
    "deck_node": ("{kpi} · {a:.0%}", "{kpi} · {a:.0%}"),
    "deck_tree_legend": (
        "Зелёный — выполнение ≥ 80 %, жёлтый ≥ 50 %, красный ниже; красная рамка — узкое место; "
        "толщина стрелки — вес связи",
        "Green: attainment ≥ 80%, amber ≥ 50%, red below; red frame: the bottleneck; arrow "
        "width: the link's weight",
    ),
    "deck_bottleneck": ("Узкое место и рекомендация", "The bottleneck and the recommendation"),
    "deck_effect": ("Ожидаемый эффект", "Expected effect"),
    "deck_effect_text": (
        "Если {kpi} выйдет на цель: {value:+,.1f} {unit} к «{name}» ({root}; сейчас {actual:g}, "
        "цель {target:g})",
        "If {kpi} reaches its target: {value:+,.1f} {unit} on '{name}' ({root}; now {actual:g}, "
        "target {target:g})",
    ),
    "deck_owner": ("Ответственный: {owner}", "Owner: {owner}"),
    "deck_process": (
        "Процесс перегружен: шаг «{step}», загрузка {rho:.0%}",
        "The process is overloaded: step '{step}', utilisation {rho:.0%}",
    ),
    "deck_segments_title": ("Сегменты клиентов", "Client segments"),
    "deck_segment_head": ("S{n} «{name}» · приоритет {place}", "S{n} '{name}' · priority {place}"),
    "deck_segment_size": (
        "{size:count(клиент|клиента|клиентов)} ({share:.0%}), {revenue:.0%} выручки",
        "{size:count(client|clients)} ({share:.0%}), {revenue:.0%} of revenue",
    ),
    "deck_segment_csi": (
        "CSI {csi:.0f} (n = {n:count(интервью|интервью|интервью)})",
        "CSI {csi:.0f} (n = {n:count(interview|interviews)})",
    ),
    "deck_segment_no_csi": ("CSI: нет интервью в сегменте", "CSI: no interviews in the segment"),
    "deck_segment_features": (
        "Чем отличается (индекс, 100 = как все):",
        "What sets it apart (index, 100 = average):",
    ),
    "deck_segment_typical": ("Типично:", "Typical:"),
    "deck_segment_rule": ("Порядок: {order}. {rule}", "Order: {order}. {rule}"),
    "deck_gaps_title": ("Пробелы данных", "Data gaps"),
    "deck_gaps_subtitle_no_kpis": (
        "Чего нет в данных аудита и почему — это первые шаги дорожной карты",
        "What the audit data lacks, and why: the first steps of the roadmap",
    ),
    "deck_gaps_subtitle": (
        "Что из дерева KPI можно измерять уже сейчас, и чего нет в данных аудита",
        "Which KPIs of the trees can be measured today, and what the audit data lacks",
    ),
    "deck_of": ("{have:d} из {total:d}", "{have:d} of {total:d}"),
    "deck_cov_level": ("Уровень KPI", "KPI level"),
    "deck_cov_with_source": ("С источником", "With a source"),
    "deck_cov_share": ("Покрытие", "Coverage"),
    "deck_missing": (
        "{n:count(KPI|KPI|KPI)} без источника данных:",
        "{n:count(KPI|KPIs)} without a data source:",
    ),
    "deck_missing_item": ("{kpi} «{name}» ← {feed}", "{kpi} '{name}' ← {feed}"),
    "deck_more_warnings": (
        "и ещё {n:count(предупреждение|предупреждения|предупреждений)} — лист «Драйверы» книги "
        "priorities.xlsx и ТЗ",
        "and {n:count(more warning|more warnings)} on the Drivers sheet of priorities.xlsx and in "
        "the TOR",
    ),
    "deck_more": ("и ещё {n:d} — лист «Пробелы данных»", "and {n:d} more on the Data gaps sheet"),
    "deck_left_out": ("Чего нет в данных проекта", "What the project's data lacks"),
    "deck_nothing_left_out": (
        "В проекте есть все листы методики",
        "The project has every sheet of the method",
    ),
    "deck_roadmap_title": ("Дорожная карта на год", "Roadmap for the year"),
    "deck_page": ("{title} ({page}/{pages})", "{title} ({page}/{pages})"),
    "deck_roadmap_subtitle": (
        "Действия по кварталам: пробелы данных, узкие места, рекомендации по приоритету, этапы ТЗ; "
        "редактируемая версия — лист «Дорожная карта» в priorities.xlsx",
        "Actions by quarter: data gaps, bottlenecks, recommendations by priority, the TOR's "
        "stages; the editable version is the Roadmap sheet of priorities.xlsx",
    ),
    "deck_rm_action": ("Действие", "Action"),
    "deck_rm_owner": ("Ответственный", "Owner"),
    "deck_rm_effect": ("Эффект на финансовый KPI", "Effect on the financial KPI"),
    "deck_next_title": ("Следующие шаги", "Next steps"),
    "deck_next_priorities": (
        "Согласовать приоритеты и цели по главным точкам контакта: {items}.",
        "Agree the priorities and targets for the top touchpoints: {items}.",
    ),
    "deck_next_owners": (
        "Назначить ответственных по {n:count(действию|действиям|действиям)} дорожной карты без "
        "владельца.",
        "Assign owners to the {n:count(roadmap action|roadmap actions)} without one.",
    ),
    "deck_next_tor": (
        "Утвердить ТЗ на CX-дашборд и начать этап 1 в {q}.",
        "Approve the TOR for the CX dashboard and start stage 1 in {q}.",
    ),
    "deck_next_gaps": (
        "Закрыть пробелы данных: источники для {n:count(KPI|KPI|KPI)} ({q}).",
        "Close the data gaps: sources for {n:count(KPI|KPIs)} ({q}).",
    ),
    "deck_next_survey": (
        "Повторная волна опроса в {q}: проверить эффект и пересчитать веса.",
        "A repeat survey wave in {q}: check the effect and re-estimate the weights.",
    ),
    "deck_next_session": (
        "Назначить дату следующей стратегической сессии: [дата].",
        "Set the date of the next strategic session: [date].",
    ),
    # ----------------------------------------------------------------- the dashboard
    "dash_title": ("CX-дашборд: прототип", "CX dashboard: prototype"),
    "dash_subtitle": (
        "{tps:count(точка контакта|точки контакта|точек контакта)}, "
        "{n:count(респондент|респондента|респондентов)}",
        "{tps:count(touchpoint|touchpoints)}, {n:count(respondent|respondents)}",
    ),
    "dash_journey": (
        "Путь клиента: приоритет и удовлетворённость",
        "Customer journey: priority and satisfaction",
    ),
    "dash_ipa": ("Важность – исполнение", "Importance – performance"),
    "dash_drivers": (
        "Вклад точек контакта в результат (доля R², 95 % ДИ)",
        "Touchpoint shares of the outcome (R² share, 95% CI)",
    ),
    "dash_kpi": ("Дерево KPI", "KPI tree"),
    "dash_segments": ("Сегменты клиентов", "Client segments"),
    "dash_left_out": ("Чего нет в данных проекта", "What the project's data lacks"),
    "dash_weight": ("вес", "weight"),
    "dash_rank": ("ранг", "rank"),
    "dash_sat": ("удовлетворённость", "satisfaction"),
    "dash_stage": ("Этап", "Stage"),
    "dash_all": ("Все", "All"),
    "dash_touchpoint": ("Точка контакта", "Touchpoint"),
    "dash_colour": ("Цвет", "Colour"),
    "dash_by_priority": ("по приоритету (ранг)", "by priority (rank)"),
    "dash_by_sat": ("по удовлетворённости (средний балл)", "by satisfaction (mean score)"),
    "dash_legend_priority": ("Ранг точки контакта", "Touchpoint rank"),
    "dash_legend_sat": ("Средняя удовлетворённость", "Mean satisfaction"),
    "dash_legend_rank_high": ("ранг 1 (высший приоритет)", "rank 1 (top priority)"),
    "dash_legend_rank_low": ("последний ранг", "last rank"),
    "dash_points": ("балл.", "pts"),
    "dash_no_answers": ("нет ответов", "no answers"),
    "dash_importance": ("Смешанная важность W0, % от суммы", "Blended importance W0, % of total"),
    "dash_satisfaction_axis": ("Удовлетворённость, баллы", "Satisfaction, points"),
    "dash_r2_axis": ("Доля R², %", "Share of R², %"),
    "dash_ci": ("95 % ДИ", "95% CI"),
    "dash_bottleneck": ("узкое место", "bottleneck"),
    "dash_attain_good": ("выполнение ≥ 80 %", "attainment ≥ 80%"),
    "dash_attain_mid": ("50–80 %", "50–80%"),
    "dash_attain_low": ("< 50 %", "< 50%"),
    "dash_attain_none": ("нет факта или цели", "no actual or target"),
    "dash_features": (
        "Чем отличается (индекс, 100 = как все):",
        "What sets it apart (index, 100 = average):",
    ),
    "dash_typical": ("Типичные значения:", "Typical values:"),
    "dash_split": (
        "Пунктир — средние: W0 = {w0:.1%}, удовлетворённость = {s:.2f}",
        "Dashed lines at the means: W0 = {w0:.1%}, satisfaction = {s:.2f}",
    ),
    # ----------------------------------------------------------------- the terminal reports
    "value0": ("{x:.0f}", "{x:.0f}"),
    "value1": ("{x:.1f}", "{x:.1f}"),
    "value3": ("{x:.3f}", "{x:.3f}"),
    "signed2": ("{x:+.2f}", "{x:+.2f}"),
    "report_ci": ("[{low:.1%}; {high:.1%}]", "[{low:.1%}; {high:.1%}]"),
    "report_beta_ci": ("[{low:+.2f}; {high:+.2f}]", "[{low:+.2f}; {high:+.2f}]"),
    "report_drivers_head": (
        "Ключевые драйверы: {outcome}; n = {n:d}, R² = {r2:.2f} (скорр. {adj:.2f}); метод {method}, "
        "пропуски: {missing}; бутстреп B = {b:d}, зерно {seed}",
        "Key drivers: {outcome}; n = {n:d}, R² = {r2:.2f} (adj. {adj:.2f}); method {method}, "
        "missing: {missing}; bootstrap B = {b:d}, seed {seed}",
    ),
    "report_dr_n": ("#", "#"),
    "report_dr_touchpoint": ("Точка контакта", "Touchpoint"),
    "report_dr_share": ("Доля R²", "R² share"),
    "report_dr_ci": ("95 % ДИ", "95% CI"),
    "report_dr_rank": ("Ранг [95 % ДИ]", "Rank [95% CI]"),
    "report_dr_beta": ("β", "β"),
    "report_dr_beta_ci": ("95 % ДИ β", "95% CI β"),
    "report_dr_vif": ("VIF", "VIF"),
    "report_dr_count": ("n", "n"),
    "report_warnings": ("Предупреждения:", "Warnings:"),
    "report_pm_head": (
        "Матрица планирования (λ = {lam:g}: {lam:g}·заявленная + {rest:g}·производная важность; "
        "цель: {policy}; бутстреп B = {b:d}, зерно {seed})",
        "Planning matrix (λ = {lam:g}: {lam:g}·stated + {rest:g}·derived importance; target: "
        "{policy}; bootstrap B = {b:d}, seed {seed})",
    ),
    "report_pm_n": ("#", "#"),
    "report_pm_touchpoint": ("Точка контакта", "Touchpoint"),
    "report_pm_stage": ("Этап", "Stage"),
    "report_pm_stated": ("Важн.", "Stated"),
    "report_pm_derived": ("Произв.", "Derived"),
    "report_pm_w0": ("W0", "W0"),
    "report_pm_sat": ("Удовл.", "Sat."),
    "report_pm_comp": ("Конк.", "Comp."),
    "report_pm_target": ("Цель", "Target"),
    "report_pm_ratio": ("R", "R"),
    "report_pm_sp": ("SP", "SP"),
    "report_pm_weight": ("Вес", "Weight"),
    "report_pm_rank": ("Ранг [ДИ]", "Rank [CI]"),
    "report_pm_quadrant": ("Квадрант", "Quadrant"),
    "report_split": (
        "Квадранты: граница по средним — важность W0 {imp:.1%}, удовлетворённость {sat:.2f}; "
        "«на границе» — 95-процентный интервал удовлетворённости точки включает эту границу",
        "Quadrants split at the means: importance W0 {imp:.1%}, satisfaction {sat:.2f}; 'on the "
        "border' — the touchpoint's 95% satisfaction interval includes that split",
    ),
    "report_ahead": (
        "Надёжно впереди (≥ 95 % бутстреп-выборок): {items}",
        "Reliably ahead (in ≥ 95% of bootstrap replicates): {items}",
    ),
    "report_none_ahead": (
        "Ни одна точка не опережает другие надёжно: при таком n ранжирование — ориентир, не приговор",
        "No touchpoint is reliably ahead of another: at this n the ranking is a guide, not a verdict",
    ),
    "report_journey": (
        "Приоритеты на пути клиента (ранг точки контакта):",
        "Priorities along the journey (touchpoint rank):",
    ),
    "report_no_chars": (
        "Характеристики (лист «Характеристики») не заданы: Дом качества не построен",
        "No characteristics (Characteristics sheet): the House of Quality is not built",
    ),
    "report_hoq": (
        "Дом качества: техническая важность характеристик (шкала 9-3-1)",
        "House of Quality: technical importance of characteristics (9-3-1 scale)",
    ),
    "report_hoq_n": ("#", "#"),
    "report_hoq_characteristic": ("Характеристика", "Characteristic"),
    "report_hoq_type": ("Тип", "Type"),
    "report_hoq_abs": ("Абс.", "Abs."),
    "report_hoq_rel": ("Отн.", "Rel."),
    "report_hoq_rank": ("Ранг [ДИ]", "Rank [CI]"),
    "report_hoq_r531": ("5-3-1", "5-3-1"),
    "report_hoq_r321": ("3-2-1", "3-2-1"),
    "report_hoq_r951": ("9-5-1", "9-5-1"),
    "report_hoq_per": ("Отн./сложность", "Rel./difficulty"),
    "report_tied": (
        "Цепочки соседей по рангу, не разделённых надёжно (≈ — между соседними; дальние звенья "
        "могут различаться, см. интервалы рангов): {items}",
        "Chains of rank neighbours not reliably separated (≈ joins neighbours; distant links may "
        "differ, see the rank intervals): {items}",
    ),
    "report_conflicts": (
        "Конфликты крыши (отрицательная корреляция характеристик):",
        "Roof conflicts (negatively correlated characteristics):",
    ),
    "report_conflict": (
        "  {a} ({ia:.1%}) ↔ {b} ({ib:.1%}): {sym}",
        "  {a} ({ia:.1%}) ↔ {b} ({ib:.1%}): {sym}",
    ),
    "report_conflict_top": (
        "  {a} ({ia:.1%}) ↔ {b} ({ib:.1%}): {sym} — обе среди важнейших, решить до старта",
        "  {a} ({ia:.1%}) ↔ {b} ({ib:.1%}): {sym} — both among the most important: resolve first",
    ),
    "report_cascade": (
        "Каскад (фаза 2): опережающие показатели, которые двигают запаздывающие характеристики",
        "Cascade (phase 2): leading indicators that move the lagging characteristics",
    ),
    "report_cascade_item": (
        "  {id} {name}: {rel:.1%} (← {drives})",
        "  {id} {name}: {rel:.1%} (← {drives})",
    ),
    "report_kpi_head": (
        "Дерево KPI: {tp} {name} (свёртка: взвешенное среднее причин)",
        "KPI tree: {tp} {name} (roll-up: weighted mean of causes)",
    ),
    "report_kpi_kpi": ("KPI", "KPI"),
    "report_kpi_level": ("Уровень", "Level"),
    "report_kpi_actual": ("Факт", "Actual"),
    "report_kpi_target": ("Цель", "Target"),
    "report_kpi_attainment": ("Выполн.", "Attain."),
    "report_kpi_rollup": ("Свёртка", "Roll-up"),
    "report_kpi_influence": ("Влияние", "Influence"),
    "report_kpi_share": ("Вклад в разрыв", "Share of gap"),
    "report_kpi_what_if": ("Если на цель, п. п.", "If on target, points"),
    "points_gain": ("+{x:.0f}", "+{x:.0f}"),
    "report_bottleneck": (
        "Узкое место: {kpi}; слабое звено тяжелейшего пути {path}: {weak}",
        "Bottleneck: {kpi}; weakest link on the heaviest path {path}: {weak}",
    ),
    "report_actions": (
        "Приоритет действий (влияние KPI на финансовый × его собственный разрыв × вес точки "
        "контакта в QFD):",
        "Action priority (the KPI's influence on the financial one × its own gap × the "
        "touchpoint's QFD weight):",
    ),
    "report_audit": ("Покрытие KPI данными ИТ-систем:", "KPI coverage by the IT systems:"),
    "report_audit_level": ("Уровень", "Level"),
    "report_audit_with_source": ("С источником", "With source"),
    "report_audit_total": ("Всего", "Total"),
    "report_audit_share": ("Доля", "Share"),
    "report_automated": (
        "Из KPI с источником автоматически обновляются: {share:.0%}",
        "Of the KPIs with a source, updated automatically: {share:.0%}",
    ),
    "report_missing": ("KPI без источника данных ({n:d}):", "KPIs without a data source ({n:d}):"),
    "report_suggest": ("→ кто мог бы поставлять: {systems}", "→ could be fed by: {systems}"),
    "report_unknown": (
        "Системы, названные на листе KPI, но не описанные в «Источниках данных»: {items}",
        "Systems named on the KPI sheet but missing from Data sources: {items}",
    ),
    "report_infinite": ("неограниченно растёт", "grows without bound"),
    "report_hours": ("{h:.0f} ч", "{h:.0f} h"),
    "report_process": (
        "Процесс {tp}: узкое место «{step}» (загрузка {rho}); пропускная способность "
        "{flow:count(заявка|заявки|заявок)} в неделю при спросе {demand:g} (единицы листа «Процессы»); минимальный разрез: {cut}; срок прохождения {lead}; "
        "незавершённых заявок (Литтл) {wip}",
        "Process {tp}: bottleneck '{step}' (utilisation {rho}); throughput "
        "{flow:count(case|cases)} a week for demand {demand:g} (the Processes sheet's units); minimum cut: {cut}; lead time {lead}; work in progress "
        "(Little) {wip}",
    ),
    "report_overloaded": (
        "  перегружено: {steps}; очередь растёт на {backlog:count(заявку|заявки|заявок)} в неделю",
        "  overloaded: {steps}; the queue grows by {backlog:count(case|cases)} a week",
    ),
    "report_behaviour_head": (
        "Платёжное поведение на {asof:date} (движок {engine}): {clients:count(клиент|клиента|клиентов)}, "
        "{orders:count(заказ|заказа|заказов)}, выручка {revenue:,.0f}; окно {w:g} мес.: выручка {wrev:,.0f}",
        "Payment behaviour at {asof:date} ({engine} engine): {clients:count(client|clients)}, "
        "{orders:count(order|orders)}, revenue {revenue:,.0f}; {w:g}-month window revenue {wrev:,.0f}",
    ),
    "report_rfm": (
        "RFM (квинтили 1–5): чемпионы {champions:d}, под угрозой ухода {at_risk:d}, новые {new:d}, "
        "потерянные {lost:d}, прочие {other:d}",
        "RFM (quintiles 1–5): champions {champions:d}, at risk {at_risk:d}, new {new:d}, lost "
        "{lost:d}, other {other:d}",
    ),
    "report_pareto": (
        "Парето: {share:.1%} клиентов дают 80 % выручки. Уровни обслуживания:",
        "Pareto: {share:.1%} of clients bring 80% of revenue. Service tiers:",
    ),
    "report_tier": (
        "  {tier}: {n:count(клиент|клиента|клиентов)}, {rev:.1%} выручки",
        "  {tier}: {n:count(client|clients)}, {rev:.1%} of revenue",
    ),
    "report_bg": (
        "BG/NBD (недели): r = {r:.3f}, α = {alpha:.3f}, a = {a:.3f}, b = {b:.3f} (n = {n:d}); "
        "Gamma-Gamma: p = {p:,.4g}, q = {q:,.4g}, γ = {g:,.4g}",
        "BG/NBD (weeks): r = {r:.3f}, α = {alpha:.3f}, a = {a:.3f}, b = {b:.3f} (n = {n:d}); "
        "Gamma-Gamma: p = {p:,.4g}, q = {q:,.4g}, γ = {g:,.4g}",
    ),
    "report_clv": (
        "Ожидаемая выручка за 12 месяцев (BG/NBD × Gamma-Gamma): {total:,.0f}; доля 20 % лучших "
        "клиентов {top:.0%}",
        "Expected revenue over 12 months (BG/NBD × Gamma-Gamma): {total:,.0f}; share of the best "
        "20% of clients {top:.0%}",
    ),
    "report_clv_history": (
        "Ожидаемая выручка за 12 месяцев (покупки по BG/NBD × исторический средний чек): "
        "{total:,.0f}; доля 20 % лучших клиентов {top:.0%}",
        "Expected revenue over 12 months (purchases by BG/NBD × the historical average check): "
        "{total:,.0f}; share of the best 20% of clients {top:.0%}",
    ),
    "report_no_bg": (
        "BG/NBD не оценивается: повторных покупателей {n:d} < {limit}",
        "BG/NBD not fitted: {n:d} repeat buyers < {limit}",
    ),
    "report_top_products": ("Топ товаров по выручке:", "Top products by revenue:"),
    "report_product": (
        "  {product}: {revenue:,.0f} ({orders:count(заказ|заказа|заказов)})",
        "  {product}: {revenue:,.0f} ({orders:count(order|orders)})",
    ),
    "report_pairs": (
        "Пары в одном заказе (поддержка, достоверность A→B, лифт):",
        "Pairs in one order (support, confidence A→B, lift):",
    ),
    "report_pairs_client": (
        "Пары у одного клиента в разных заказах:",
        "Pairs across a client's orders:",
    ),
    "report_pairs_none": (
        "  нет: ни в одном заказе нет двух разных товаров",
        "  none: no order holds two different products",
    ),
    "report_pairs_client_none": (
        "  нет: ни у одного клиента нет двух разных товаров",
        "  none: no client bought two different products",
    ),
    "report_pair": (
        "  {a} + {b}: {support:.1%}, {confidence:.0%}, {lift:.2f}",
        "  {a} + {b}: {support:.1%}, {confidence:.0%}, {lift:.2f}",
    ),
    "report_segments_head": (
        "Сегменты клиентов: k-средних, k = {k} по силуэту ({sil}); мин. доля сегмента {share:.0%}; "
        "зерно {seed}, запусков {n_init}",
        "Client segments: k-means, k = {k} by silhouette ({sil}); minimum segment share "
        "{share:.0%}; seed {seed}, {n_init} starts",
    ),
    "report_segment_card": (
        "S{n} «{name}»: {size:count(клиент|клиента|клиентов)} ({share:.0%}), выручка {rev:.0%}; "
        "интервью: {resp:d}; CSI {csi:.0f}",
        "S{n} '{name}': {size:count(client|clients)} ({share:.0%}), revenue {rev:.0%}; "
        "interviews: {resp:d}; CSI {csi:.0f}",
    ),
    "report_typical": ("    типично: {items}", "    typical: {items}"),
    "report_feature": ("{name} {index:.0f}", "{name} {index:.0f}"),
    "report_features": (
        "    отличает (индекс к базе, 100 = как все): {items}",
        "    sets it apart (index vs the base, 100 = average): {items}",
    ),
    "report_problem": (
        "    главная проблема сегмента: {tp} (ниже среднего по всем на {lag:.2f} балла)",
        "    the segment's main problem: {tp} ({lag:.2f} points below the all-respondent mean)",
    ),
    "report_priority": ("Приоритет сегментов: {order}", "Segment priority: {order}"),
    "report_rule": ("Правило: {rule}", "Rule: {rule}"),
    # ----------------------------------------------------------------- parts a project may lack
    "part_behaviour": ("Платёжное поведение", "Payment behaviour"),
    "part_portraits": ("Портреты сегментов", "Segment portraits"),
    "part_segment_breakdowns": ("Разрезы по сегментам", "Segment breakdowns"),
    "part_house": ("Дом качества", "House of Quality"),
    "part_kpi": ("Деревья KPI и узкие места", "KPI trees and bottlenecks"),
    "part_kpi_bottlenecks": ("Узкие места KPI", "KPI bottlenecks"),
    "part_processes": ("Узкие места процессов", "Process bottlenecks"),
    "part_sources": ("ИТ-ландшафт", "IT landscape"),
    "part_competitor": ("Сравнение с конкурентом", "Comparison with the competitor"),
    "why_no_transactions": (
        "в проекте нет транзакций (лист «Транзакции» или файл в настройках): выручка, RFM и "
        "CLV не рассчитаны, производная важность построена по ответам интервью",
        "the project has no transactions (the Transactions sheet or a file in the settings): "
        "revenue, RFM and CLV are not computed; derived importance comes from the interview answers",
    ),
    "why_no_portraits": ("{reason}", "{reason}"),
    "why_no_portraits_unknown": (
        "сегменты клиентов не построены: нет данных о клиентах",
        "client segments were not built: there is no client data",
    ),
    "why_no_segment_column": (
        "столбец сегмента не задан в настройках и сегменты клиентов не построены",
        "no segment column is set in the settings and no client segments were built",
    ),
    "why_no_characteristics": (
        "в проекте нет листа «Характеристики»: техническая важность и конфликты не рассчитаны",
        "the project has no Characteristics sheet: technical importance and conflicts are not computed",
    ),
    "why_no_kpis": (
        "в проекте нет листа KPI: деревья KPI, узкие места и аудит данных не построены",
        "the project has no KPI sheet: KPI trees, bottlenecks and the data audit are not built",
    ),
    "why_no_bottlenecks": (
        "ни у одного дерева KPI нет узкого места с известным разрывом (нет финансового корня или "
        "факта и цели)",
        "no KPI tree has a bottleneck with a known gap (no financial root, or no actual and target)",
    ),
    "why_no_processes": (
        "в проекте нет листа «Процессы»: загрузка шагов и пропускная способность не рассчитаны",
        "the project has no Processes sheet: step utilisation and throughput are not computed",
    ),
    "why_no_sources": (
        "в проекте нет листа «Источники данных»: ИТ-системы заказчика не описаны",
        "the project has no Data sources sheet: the client's IT systems are not described",
    ),
    "why_no_competitor": (
        "в интервью нет оценок конкурента",
        "the interviews have no competitor scores",
    ),
    # ----------------------------------------------------------------- roadmap
    "roadmap_sources": (
        "Настроить источники данных для {n:count(KPI|KPI|KPI)}: {kpis}",
        "Set up data sources for {n:count(KPI|KPIs)}: {kpis}",
    ),
    "roadmap_build_kpis": (
        "Построить деревья KPI (лист KPI) для главных точек контакта: {items}",
        "Build the KPI trees (the KPI sheet) for the top touchpoints: {items}",
    ),
    "roadmap_transactions": (
        "Подключить выгрузку транзакций, чтобы связать удовлетворённость с выручкой",
        "Connect a transactions export to link satisfaction to revenue",
    ),
    "roadmap_unknown_systems": (
        "Описать системы {items} на листе «Источники данных»",
        "Describe the systems {items} on the Data sources sheet",
    ),
    "roadmap_process": (
        "Расширить узкое место процесса «{step}» ({tp}): загрузка {rho:.0%} — ниже 85 %",
        "Relieve the process bottleneck '{step}' ({tp}): utilisation {rho:.0%}, below 85%",
    ),
    "roadmap_raise": (
        "Поднять {kpi} «{name}» с {actual:g} до {target:g} {unit} ({tp})",
        "Raise {kpi} '{name}' from {actual:g} to {target:g} {unit} ({tp})",
    ),
    "roadmap_lower": (
        "Снизить {kpi} «{name}» с {actual:g} до {target:g} {unit} ({tp})",
        "Lower {kpi} '{name}' from {actual:g} to {target:g} {unit} ({tp})",
    ),
    "roadmap_reach": (
        "Привести {kpi} «{name}» от {actual:g} к {target:g} {unit} ({tp})",
        "Bring {kpi} '{name}' from {actual:g} to {target:g} {unit} ({tp})",
    ),
    "roadmap_effect": (
        "{value:+,.1f} {unit} к {root}",
        "{value:+,.1f} {unit} on {root}",
    ),
    "roadmap_survey": (
        "Повторная волна опроса и пересчёт весов точек контакта",
        "Repeat survey wave and re-estimated touchpoint weights",
    ),
    "basis_data_gaps": ("аудит данных", "data audit"),
    "basis_process": ("узкое место процесса", "process bottleneck"),
    "basis_recommendation": ("рекомендация № {n}", "recommendation no. {n}"),
    "basis_tor": ("ТЗ, этап {n}", "TOR, stage {n}"),
    "basis_method": ("методика, раздел 11", "method, section 11"),
    "tor_stage_1": (
        "Закрытие пробелов данных и интеграции с системами-источниками",
        "Closing the data gaps and integrating the source systems",
    ),
    "tor_stage_2": (
        "Витрина KPI и правила расчёта по паспортам",
        "KPI mart and calculation rules per the passports",
    ),
    "tor_stage_3": ("Экраны дашборда и оповещения", "Dashboard screens and alerts"),
    "tor_stage_4": ("Опытная эксплуатация дашборда", "Trial operation of the dashboard"),
    "nps_line": (
        "NPS — {segment}: {nps:+.1f} (95 % ДИ {low:+.1f}…{high:+.1f}; n = {n}; промоутеры "
        "{promoters:.0%}, критики {detractors:.0%})",
        "NPS — {segment}: {nps:+.1f} (95% CI {low:+.1f} to {high:+.1f}; n = {n}; promoters "
        "{promoters:.0%}, detractors {detractors:.0%})",
    ),
    "nps_title": ("Готовность рекомендовать (NPS)", "Likelihood to recommend (NPS)"),
}
