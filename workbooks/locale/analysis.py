"""Notes the computations attach to their results (:class:`qfd.notes.Note` keys), and the words
of the analysis: warnings a consultant must read before quoting a number."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "johnson_fallback": (
        "p = {p} > {limit}: точный LMG требует 2^p подмножеств; вместо него использованы "
        "относительные веса Джонсона (в опубликованных сравнениях они близки к LMG)",
        "p = {p} > {limit}: exact LMG needs 2^p subsets; Johnson's relative weights are used "
        "instead (they agree closely with LMG in published comparisons)",
    ),
    "repaired_nearest": (
        "матрица попарных корреляций не была положительно определённой и заменена ближайшей "
        "корреляционной матрицей (Хайэм); попарный метод при этом завышает R² — метод по умолчанию "
        "(EM) этого не делает",
        "the pairwise correlation matrix was not positive definite and was replaced by the nearest "
        "correlation matrix (Higham); pairwise deletion inflates R² then — the default method (EM) "
        "does not",
    ),
    "repaired_clipped": (
        "матрица попарных корреляций не была положительно определённой; ремонт по Хайэму не сошёлся "
        "за отведённое число шагов, и собственные значения отсечены; попарный метод при этом "
        "завышает R² — метод по умолчанию (EM) этого не делает",
        "the pairwise correlation matrix was not positive definite; Higham's repair did not converge "
        "within its step limit and the eigenvalues were clipped; pairwise deletion inflates R² then "
        "— the default method (EM) does not",
    ),
    "mice_bootstrap": (
        "бутстреп-выборки оценены методом EM (множественная импутация в каждой выборке слишком "
        "медленна); точечные оценки — среднее долей по {m} импутациям",
        "bootstrap replicates are estimated by EM (imputing every replicate is too slow); the point "
        "estimates average the shares of {m} imputed data sets",
    ),
    "bootstrap_johnson": (
        "бутстреп: {b} повторений точного LMG (2^{p} подмножеств каждое) не укладываются в бюджет "
        "времени ≈ {budget:.0f} с, поэтому в повторениях использованы веса Джонсона; интервалы "
        "построены по их разбросу вокруг оценки LMG",
        "bootstrap: {b} replicates of exact LMG (2^{p} subsets each) do not fit the time budget of "
        "about {budget:.0f} s, so the replicates use Johnson's weights; the intervals take their "
        "spread around the LMG estimate",
    ),
    "bootstrap_pairwise": (
        "бутстреп: EM для {b} повторений по {n} респондентам не укладывается в бюджет времени "
        "≈ {budget:.0f} с, поэтому в повторениях использованы попарные корреляции",
        "bootstrap: EM for {b} replicates of {n} respondents does not fit the time budget of about "
        "{budget:.0f} s, so the replicates use pairwise correlations",
    ),
    "bootstrap_reduced": (
        "бутстреп сокращён с {b} до {kept} повторений, чтобы уложиться в бюджет времени "
        "≈ {budget:.0f} с; границы интервалов менее точны",
        "bootstrap reduced from {b} to {kept} replicates to fit the time budget of about "
        "{budget:.0f} s; the interval ends are less precise",
    ),
    "no_intervals": (
        "интервалы не построены: {n:count(респондент|респондента|респондентов)} при "
        "{p:count(точке контакта|точках контакта|точках контакта)} — поправка на случайное "
        "совпадение требует n > p + 1",
        "no intervals: {n:count(respondent|respondents)} for {p:count(touchpoint|touchpoints)} — "
        "the correction for chance fit needs n > p + 1",
    ),
    "bootstrap_small_replicates": (
        "в {share:.0%} бутстреп-выборок респондентов с результатом не больше, чем p + 1 = {p} + 1; "
        "они не вошли в интервалы",
        "in {share:.0%} of the bootstrap replicates there are no more respondents with an outcome "
        "than p + 1 = {p} + 1; they were left out of the intervals",
    ),
    "small_sample": (
        "малая выборка: n = {n} при p = {p} предикторах (n/p = {ratio:.1f} < {limit}); бета-веса "
        "неустойчивы, ранжируйте по долям R²",
        "small sample: n = {n} for p = {p} predictors (n/p = {ratio:.1f} < {limit}); betas are "
        "unstable, rank by the R² shares instead",
    ),
    "collinearity": (
        "мультиколлинеарность: VIF для {name} = {vif:.1f} > {limit:g}",
        "collinearity: VIF of {name} = {vif:.1f} > {limit:g}",
    ),
    "suppression": (
        "супрессия: {name} коррелирует с результатом {r:+.2f}, но бета = {beta:+.2f}; знак не интерпретировать",
        "suppression: {name} correlates {r:+.2f} with the outcome but its beta is {beta:+.2f}; do not read its sign",
    ),
    "no_variance": (
        "нет разброса: все ответы по {name} одинаковы; точка исключена",
        "no variance: every answer for {name} is the same; it was left out",
    ),
    "betas_em": (
        "полностью заполненных анкет меньше 5 на точку контакта: бета-веса взяты из той же "
        "матрицы корреляций EM, что и доли R², их интервалы и p-значения — из тех же {b} "
        "бутстреп-выборок",
        "fewer than 5 fully answered questionnaires per touchpoint: the betas come from the same "
        "EM correlation matrix as the R² shares, their intervals and p-values from the same {b} "
        "bootstrap replicates",
    ),
    "imputed": (
        "пропуски заполнены множественной импутацией ({m} наборов, цепные уравнения, зерно {seed}); "
        "оценки объединены по правилам Рубина",
        "missing answers multiply imputed ({m} data sets by chained equations, seed {seed}), "
        "estimates pooled by Rubin's rules",
    ),
    "left_out": (
        "{tp} исключена из модели: {n} ответов с результатом, нужно не меньше {limit}; её производная важность = 0",
        "{tp} left out of the model: {n} answers with an outcome, at least {limit} needed; its derived importance is 0",
    ),
    "binary_outcome": (
        "бинарный результат: доли — разложение R² линейной вероятностной модели (LMG); бета-веса — "
        "логистическая регрессия (логарифм отношения шансов на 1 SD)",
        "binary outcome: shares are the LMG decomposition of the linear-probability model's R²; "
        "betas are logistic (log-odds per SD)",
    ),
    "indicative": (
        "n = {n} респондентов с результатом: оценки ориентировочные (n < 30)",
        "n = {n} respondents with an outcome: figures are indicative (n < 30)",
    ),
    "n_below_p": (
        "респондентов с результатом ({n}) не больше, чем точек контакта + 1 ({p} + 1): модель "
        "объясняет всё по построению — соберите больше интервью или сократите список точек",
        "respondents with an outcome ({n}) do not exceed the touchpoints + 1 ({p} + 1): the model "
        "fits perfectly by construction — collect more interviews or fewer touchpoints",
    ),
    "derived_not_used": (
        "производная важность не используется: {reason}. Матрица планирования опирается только на "
        "заявленную важность (λ = 1); доли R² ниже — не ключевые драйверы",
        "derived importance is not used: {reason}. The planning matrix rests on stated importance "
        "alone (λ = 1); the R² shares below are not key drivers",
    ),
    "too_few_linked_because": (
        "результат есть только у {n:count(респондента|респондентов|респондентов)} (нужно хотя бы "
        "3): {cause}",
        "only {n:count(respondent has|respondents have)} an outcome (at least 3 are needed): {cause}",
    ),
    "outcome_unanswered": (
        "на вопрос «{outcome}» ответили {n:count(респондент|респондента|респондентов)}",
        "{n:count(respondent|respondents)} answered the question '{outcome}'",
    ),
    "no_client_ids": (
        "ни у одного из {n:count(респондента|респондентов|респондентов)} не указан клиент, "
        "поэтому их нельзя связать с транзакциями — заполните столбец «ID клиента» или выберите "
        "результат «общая удовлетворенность» / «nps»",
        "none of the {n:count(respondent|respondents)} names a client, so none can be linked to the "
        "transactions — fill in the client ID column or choose the outcome 'overall' / 'nps'",
    ),
    "only_potential": (
        "все {n:count(респондент|респондента|респондентов)} — потенциальные или потерянные клиенты "
        "либо клиенты конкурента, у них нет покупок; выберите результат «общая удовлетворенность» "
        "/ «nps»",
        "all {n:count(respondent is|respondents are)} potential or lost clients or competitors' "
        "clients, with no purchases; choose the outcome 'overall' / 'nps'",
    ),
    "clients_not_in_transactions": (
        "клиент указан у {named:count(респондента|респондентов|респондентов)}, но в транзакциях "
        "(за окно анализа) найдено только {linked}; проверьте, что ID клиентов в интервью и в "
        "транзакциях совпадают, и дату анализа",
        "{named:count(respondent names|respondents name)} a client, but only {linked} of them are in "
        "the transactions (within the window); check that the client IDs of the interviews and "
        "the transactions match, and the analysis date",
    ),
    "all_answers_constant": (
        "у каждой точки контакта все ответы одинаковы — разброса нет, объяснять нечем",
        "every touchpoint got the same answer from everyone — there is no variation to explain with",
    ),
    "too_few_answers": (
        "ни у одной точки контакта нет хотя бы {limit} ответов от респондентов с результатом",
        "no touchpoint has at least {limit} answers from respondents with an outcome",
    ),
    "outcome_constant": (
        "результат «{outcome}» у всех респондентов одинаков ({value:g}) — объяснять нечего",
        "the outcome '{outcome}' is the same for every respondent ({value:g}) — there is nothing "
        "to explain",
    ),
    "adjusted_r2_not_positive": (
        "скорректированный R² = {adj:.3f} ≤ 0 (R² = {r2:.3f}): модель объясняет не больше, чем "
        "случайное совпадение",
        "adjusted R² = {adj:.3f} ≤ 0 (R² = {r2:.3f}): the model explains no more than chance",
    ),
    "f_test_not_significant": (
        "модель в целом не значима: F-тест p = {p_value:.3f} ≥ {level:g} (R² = {r2:.3f}, n = {n})",
        "the model as a whole is not significant: F-test p = {p_value:.3f} ≥ {level:g} "
        "(R² = {r2:.3f}, n = {n})",
    ),
    "top_suppression": (
        "{name} — среди главных драйверов, но его бета ({beta:+.2f}) противоположна по знаку "
        "корреляции с результатом «{outcome}» ({r:+.2f}): это супрессия, знак и величину беты не "
        "интерпретировать",
        "{name} is among the top drivers but its beta ({beta:+.2f}) has the opposite sign of its "
        "correlation with the outcome '{outcome}' ({r:+.2f}): suppression — do not read the beta's "
        "sign or size",
    ),
    "negative_driver": (
        "{name} — среди главных драйверов, но чем выше удовлетворённость им, тем ниже результат "
        "«{outcome}» (r = {r:+.2f}); проверьте кодировку шкал, прежде чем делать выводы",
        "{name} is among the top drivers, but higher satisfaction with it goes with a lower outcome "
        "'{outcome}' (r = {r:+.2f}); check the coding of the scales before drawing conclusions",
    ),
    "betas_weighted_logit": (
        "логистическая регрессия здесь не принимает веса респондентов; бета-веса не оценены, "
        "доли R² взвешены",
        "the logistic regression here does not take respondent weights; betas are not estimated, "
        "the R² shares are weighted",
    ),
    "no_betas": ("бета-веса не оценены: {reason}", "betas could not be estimated: {reason}"),
    "bg_no_dropout": (
        "BG/NBD не видит ухода клиентов (средняя вероятность ухода a/(a+b) ≈ 0): ожидаемые покупки "
        "считаются по её пределу — модели NBD, P(активен) ≈ 1",
        "BG/NBD finds no dropout (mean dropout probability a/(a+b) ≈ 0): expected purchases follow "
        "its limit, the NBD model, P(alive) ≈ 1",
    ),
    "gg_degenerate": (
        "модель среднего чека (Gamma-Gamma) вырождена: {reason} (p = {p:,.4g}, q = {q:,.4g}, "
        "γ = {gamma:,.4g}); ожидаемый чек не используется, взят исторический средний чек клиента",
        "the average-check model (Gamma-Gamma) is degenerate: {reason} (p = {p:,.4g}, "
        "q = {q:,.4g}, γ = {gamma:,.4g}); its expected check is not used, each client's "
        "historical average check is",
    ),
    "gg_edge": (
        "чеки почти не меняются от покупки к покупке или от клиента к клиенту (как при одной "
        "цене), и p или q уходит выше {edge:,.0f}",
        "the checks hardly vary from purchase to purchase or from client to client (as at one "
        "price), and p or q runs above {edge:,.0f}",
    ),
    "gg_no_mean": (
        "q ≤ 1 — у такого распределения чеков нет конечного среднего",
        "q ≤ 1 — such a distribution of checks has no finite mean",
    ),
    "gg_zero_scale": ("γ ≈ 0", "γ ≈ 0"),
    "gg_not_converged": (
        "поиск параметров не сошёлся за {n:,} вычислений правдоподобия",
        "the parameter search did not converge in {n:,} likelihood evaluations",
    ),
    "bg_homogeneous": (
        "BG/NBD: вероятность уйти после покупки одинакова у всех клиентов — {share:.1%} "
        "(a = {a:,.4g}, b = {b:,.4g} растут без предела при том же a/(a+b)); различий между "
        "клиентами в уходе данные не показывают",
        "BG/NBD: the probability of leaving after a purchase is the same for every client — "
        "{share:.1%} (a = {a:,.4g}, b = {b:,.4g} grow without bound at the same a/(a+b)); the "
        "data show no differences between clients in dropout",
    ),
    "bg_not_converged": (
        "подгонка BG/NBD не сошлась за {n:,} вычислений правдоподобия: ожидаемые покупки "
        "приблизительны",
        "the BG/NBD fit did not converge in {n:,} likelihood evaluations: expected purchases are "
        "approximate",
    ),
    "gg_dependence": (
        "Gamma-Gamma предполагает независимость среднего чека от частоты, а здесь корреляция {r:+.2f}: "
        "ожидаемый чек ненадёжен, опирайтесь на исторический",
        "Gamma-Gamma assumes the average check does not depend on frequency, here they correlate "
        "{r:+.2f}: the expected check is unreliable, use the historical one",
    ),
    "kpi_cycle": ("цикл в дереве KPI: {cycle}", "cycle in the KPI tree: {cycle}"),
    "kpi_against_levels": (
        "связь {cause} → {effect} идёт против порядка уровней ({lc} → {le}); причина должна быть на "
        "уровне ниже или том же: компетенции → процессы → клиенты → финансы",
        "link {cause} → {effect} runs against the level order ({lc} → {le}); a cause sits on the same "
        "or a lower level: competence → process → client → financial",
    ),
    "kpi_orphan": (
        "KPI {kpi} ни на что не влияет и ни от чего не зависит",
        "KPI {kpi} drives nothing and nothing drives it",
    ),
    "kpi_no_root": (
        "у точки контакта {tp} нет финансового KPI — корня дерева",
        "touchpoint {tp} has no financial KPI at the root of its tree",
    ),
    "kpi_mixed_weights": (
        "у причин KPI {kpi} веса заданы не у всех; взяты равные доли",
        "some causes of KPI {kpi} have weights and some do not; equal shares are used",
    ),
    "kpi_weights_sum": (
        "веса причин KPI {kpi} в сумме {total:.2f}, а не 1; нормированы к 1",
        "the weights of the causes of KPI {kpi} sum to {total:.2f}, not 1; normalised to 1",
    ),
    "kpi_no_actual": (
        "у KPI {kpi} нет факта: выполнение неизвестно",
        "KPI {kpi} has no actual value: attainment unknown",
    ),
    "kpi_no_target": (
        "у KPI {kpi} нет цели: выполнение неизвестно",
        "KPI {kpi} has no target: attainment unknown",
    ),
    "outcome_needs_transactions": (
        "результат «{measure}» считается по транзакциям, а их нет; укажите файл в «Настройках» "
        "(«Файл транзакций») или выберите результат «общая удовлетворенность» / «nps»",
        "the outcome '{measure}' is computed from transactions and there are none; name a file in "
        "Settings ('Transactions file') or choose the outcome 'overall' / 'nps'",
    ),
    "segments_too_few_clients": (
        "для сегментации нужно не меньше {limit} клиентов с признаками; есть {n} (признаков: {features})",
        "segmentation needs at least {limit} clients with attributes; there are {n} ({features} attributes)",
    ),
    "segments_too_small": (
        "ни при одном k от {low} до {high} все сегменты не набирают {share:.0%} клиентов",
        "no k from {low} to {high} gives segments of at least {share:.0%} of the clients each",
    ),
    "betas_n_below_p": (
        "{n:count(респондент|респондента|респондентов)} на {p:count(точку контакта|точки контакта|точек контакта)}: "
        "регрессии нужно больше респондентов, чем предикторов",
        "{n:count(respondent|respondents)} for {p:count(touchpoint|touchpoints)}: a regression needs "
        "more respondents than predictors",
    ),
    "betas_complete_rows": (
        "только {n:count(полная строка|полные строки|полных строк)} на {p} предикторов",
        "only {n:count(complete row|complete rows)} for {p} predictors",
    ),
    "betas_separation": (
        "логистическая модель разделяет результат идеально (квазиразделение); коэффициенты не "
        "оцениваются — опирайтесь на доли R²",
        "the logistic model separates the outcome perfectly (quasi-separation); its coefficients "
        "are not estimable — read the R² shares instead",
    ),
    "listwise_too_few": (
        "при построчном удалении остаётся {n:count(полная строка|полные строки|полных строк)} на "
        "{p} предикторов; выберите попарный метод или импутацию",
        "listwise deletion leaves {n:count(complete row|complete rows)} for {p} predictors; use "
        "pairwise correlations or imputation",
    ),
    "too_few_linked": (
        "только у {n:count(респондента|респондентов|респондентов)} есть и результат, и ответы; "
        "нужно хотя бы 3",
        "only {n:count(respondent has|respondents have)} both an outcome and answers; at least 3 are needed",
    ),
    "kpi_graph_cycle": (
        "в графе KPI есть цикл; запустите qfdkpi validate, чтобы увидеть его",
        "the KPI graph has a cycle; run qfdkpi validate to see it",
    ),
    "segments_skipped": (
        "сегменты клиентов не построены: {reason}; разрезы по сегментам опущены",
        "client segments were not built: {reason}; the segment breakdowns are left out",
    ),
    "kpi_recommendation": (
        "{tp}: узкое место — {kpi} «{name}» ({progress}). Путь к деньгам: {path}. Доля в недоборе, который объясняют причины финансового "
        "KPI: {share:.0%}; если {kpi} выйдет на цель, выполнение финансового KPI вырастет на "
        "{points:.0f} п. п. (закроется {closes:.0%} его недобора). Инвестировать в уровень «{level}».",
        "{tp}: the bottleneck is {kpi} '{name}' ({progress}). Path to money: {path}. Share of the shortfall the financial "
        "KPI's causes explain: {share:.0%}; if {kpi} reaches its target the financial KPI gains "
        "{points:.0f} attainment points ({closes:.0%} of its shortfall closes). Invest in the "
        "{level} level.",
    ),
    "kpi_progress": (
        "выполнение {a:.0%}, не хватает {gap:.0%} пути от базы к цели",
        "attainment {a:.0%}, {gap:.0%} of the way from baseline to target missing",
    ),
    "kpi_below_base": (
        "выполнение {a:.0%}: хуже базы, весь путь от базы к цели впереди",
        "attainment {a:.0%}: worse than the baseline, the whole way to the target ahead",
    ),
    "kpi_unknown": (
        "{tp}: у KPI {kpis} нет ни данных, ни причин с данными — они исключены из расчёта, веса их "
        "соседей перенормированы",
        "{tp}: KPI {kpis} have neither data nor causes with data — they are left out and the "
        "weights of their siblings renormalised",
    ),
    "segment_priority_rule": (
        "Сначала сегменты с низкой удовлетворённостью (CSI < {low:g} по {few} и более интервью) — "
        "по убыванию доли выручки (ёмкость); затем «слепые зоны» (меньше {few} интервью: их CSI — "
        "не вердикт) — тоже по доле выручки; затем удовлетворённые сегменты — по глубине их "
        "собственной проблемы (насколько точка контакта ниже среднего по всем респондентам).",
        "First the low-satisfaction segments (CSI < {low:g} on {few} or more interviews) by revenue "
        "share (capacity); then the blind spots (fewer than {few} interviews: their CSI is no "
        "verdict), also by revenue share; then the satisfied segments by the depth of their own "
        "problem (how far a touchpoint falls below the all-respondent mean).",
    ),
    "segment_few_interviews": (
        "сегмент S{segment}: CSI опирается на {n:count(интервью|интервью|интервью)} (меньше "
        "{limit}) — это слепая зона, а не оценка; соберите интервью в этом сегменте",
        "segment S{segment}: its CSI rests on {n:count(interview|interviews)} (fewer than {limit}) "
        "— a blind spot, not a verdict; interview more clients of this segment",
    ),
    "comparison_too_small": (
        "сегмент «{segment}» не сравнивается с другими по {items}: меньше {limit} ответов — при "
        "таком n тест ничего не скажет",
        "segment '{segment}' is not compared with others on {items}: fewer than {limit} answers — "
        "a test says nothing at that n",
    ),
    "outside_evidence": (
        "интервалы проверены моделированием при n ≥ {min_n}, p ≤ {max_p} и пропусках до "
        "{max_missing:.0%} (покрытие не ниже 93 %); здесь n = {n}, p = {p}, пропусков {missing:.0%}. "
        "В ближайшей проверенной ячейке (n = {cell_n}, p = {cell_p}, пропусков {cell_missing:.0%}) "
        "95-процентные интервалы накрыли долю генеральной совокупности в {shares:.0%} случаев, "
        "нормированную долю — в {normalised:.0%}, ранг — в {ranks:.0%}",
        "the intervals were checked by simulation for n ≥ {min_n}, p ≤ {max_p} and up to "
        "{max_missing:.0%} missing (coverage at least 93 %); here n = {n}, p = {p}, {missing:.0%} "
        "missing. In the nearest cell checked (n = {cell_n}, p = {cell_p}, {cell_missing:.0%} "
        "missing) the 95 % intervals covered the population share {shares:.0%} of the time, the "
        "normalised share {normalised:.0%}, the rank {ranks:.0%}",
    ),
    "outside_evidence_unmeasured": (
        "интервалы проверены моделированием при n ≥ 50, p ≤ 12 и пропусках до 30 %; здесь n = {n}, "
        "p = {p}, пропусков {missing:.0%} — покрытие здесь не измерено",
        "the intervals were checked by simulation for n ≥ 50, p ≤ 12 and up to 30 % missing; here "
        "n = {n}, p = {p}, {missing:.0%} missing — their coverage here was not measured",
    ),
    # ----------------------------------------------------- behaviour features of segments
    "feature_monetary": ("средний чек", "average check"),
    "feature_frequency": ("число заказов", "number of orders"),
    "feature_recency": ("давность, дни", "recency, days"),
    # ----------------------------------------------------------------- planning matrix
    "no_stated_importance": (
        "в анкете нет вопросов о важности: смешанная важность W0 равна производной (λ = 0)",
        "the survey asks no importance questions: blended importance W0 equals the derived "
        "importance (λ = 0)",
    ),
    "no_importance": (
        "в анкете нет вопросов о важности, а модель драйверов не опирается на данные: все точки "
        "взяты с равной важностью, порядок задают только разрыв до цели и точки продаж",
        "the survey asks no importance questions and the driver model is not supported by the "
        "data: every touchpoint gets equal importance; only the gap to target and the sales "
        "points order them",
    ),
    "lambda_replaced": (
        "λ = {chosen:g} из «Настроек» здесь не применим: взят λ = {used:g} (причина — выше)",
        "λ = {chosen:g} from Settings cannot apply here: λ = {used:g} is used (the reason is "
        "above)",
    ),
    "sales_point_suggested": (
        "точка продаж {tp} = {sp:g} предложена по выручке под риском: {share:.0%} выручки "
        "связанных клиентов — у {n:count(недовольного респондента|недовольных респондентов|недовольных "
        "респондентов)}; "
        "так же в {support:.0%} бутстреп-выборок. {tp} нет в «Точках продаж» «Настроек»: "
        "добавьте её туда ({tp}=1 — отменить)",
        "sales point {tp} = {sp:g} suggested from the revenue at risk: {share:.0%} of linked "
        "clients' revenue with {n:count(dissatisfied respondent|dissatisfied respondents)}; "
        "the same in {support:.0%} of bootstrap resamples. {tp} is not among the 'Sales points' "
        "in Settings: add it there ({tp}=1 to cancel)",
    ),
    "zero_money_outcome": (
        "у {n:count(респондента|респондентов|респондентов)} из {total} результат «{outcome}» за "
        "окно равен нулю: в логарифме они лежат на {gap:.0f} ст. откл. ниже остальных и сильно "
        "влияют на доли драйверов; проверьте, не ушли ли эти клиенты (и не лучше ли результат "
        "«повторная покупка» или «отток»)",
        "{n:count(respondent|respondents)} of {total} have a zero '{outcome}' in the window: on "
        "the log scale they lie {gap:.0f} SD below the others and weigh heavily on the driver "
        "shares; check whether these clients have left (and whether 'repeat purchase' or 'churn' "
        "is the better outcome)",
    ),
    "waves_latest": (
        "драйверы и QFD — по последней волне опроса «{wave}»: "
        "{n:count(респондент|респондента|респондентов)} из {total:d} (тренд — по всем волнам; "
        "чтобы объединить волны, задайте «Объединять волны = да» в «Настройках»)",
        "drivers and QFD use the latest survey wave '{wave}': {n:count(respondent|respondents)} "
        "of {total:d} (the trend uses every wave; to pool the waves, set 'Pool waves = yes' in "
        "Settings)",
    ),
    "waves_pooled": (
        "драйверы и QFD — по всем {waves} волнам вместе ({n:count(респондент|респондента|"
        "респондентов)}), как задано в «Настройках»; изменения между волнами смешаны",
        "drivers and QFD pool all {waves} waves ({n:count(respondent|respondents)}), as the "
        "settings ask; changes between waves are mixed together",
    ),
}
