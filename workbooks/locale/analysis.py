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
    "repaired": (
        "матрица попарных корреляций не была положительно определённой и заменена ближайшей "
        "корреляционной матрицей (Хайэм); в бутстрепе — отсечением собственных значений",
        "the pairwise correlation matrix was not positive definite and was repaired to the nearest "
        "correlation matrix (Higham); bootstrap replicates use eigenvalue clipping",
    ),
    "ci_extended": (
        "для {items} бутстреп-распределение доли лежит выше оценки (малые доли смещены "
        "вверх при повторной выборке); их интервалы продлены до оценки",
        "for {items} the bootstrap distribution of the share lies above the estimate "
        "(small shares are biased upward under resampling); their intervals are extended to it",
    ),
    "mice_bootstrap": (
        "в бутстрепе использованы попарные корреляции (множественная импутация в каждой выборке слишком медленна)",
        "bootstrap replicates use pairwise correlations (imputing every replicate is too slow)",
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
        "респондентов с результатом ({n}) не больше, чем точек контакта ({p}): модель объясняет всё "
        "по построению, доли R² не имеют смысла — соберите больше интервью или сократите список точек",
        "respondents with an outcome ({n}) do not exceed the touchpoints ({p}): the model fits perfectly by "
        "construction and the R² shares mean nothing — collect more interviews or fewer touchpoints",
    ),
    "no_betas": ("бета-веса не оценены: {reason}", "betas could not be estimated: {reason}"),
    "segment_small": (
        "сегмент «{name}»: n = {n} < {limit}, собственные доли не оцениваются; используйте общие",
        "segment '{name}': n = {n} < {limit}, own shares not estimated; use the overall shares",
    ),
    "segment_failed": ("сегмент «{name}»: {reason}", "segment '{name}': {reason}"),
    "bg_no_dropout": (
        "BG/NBD не видит ухода клиентов (a или b ≈ 0): модель вырождается в NBD, P(активен) ≈ 1",
        "BG/NBD finds no dropout (a or b ≈ 0): the model reduces to the NBD, P(alive) ≈ 1",
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
    "kpi_no_target": (
        "у KPI {kpi} нет факта или цели: выполнение неизвестно",
        "KPI {kpi} has no actual or no target: attainment unknown",
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
        "{tp}: узкое место — {kpi} «{name}» (выполнение {a:.0%}, разрыв {gap:.0%}). Путь к деньгам: "
        "{path}. Доля в недоборе финансового KPI: {share:.0%}; если {kpi} выйдет на цель, "
        "финансовый KPI приблизится к цели на {gain:.0%}. Инвестировать в уровень «{level}».",
        "{tp}: the bottleneck is {kpi} '{name}' (attainment {a:.0%}, gap {gap:.0%}). Path to money: "
        "{path}. Share of the financial KPI's shortfall: {share:.0%}; if {kpi} reaches its target "
        "the financial KPI moves {gain:.0%} closer to its target. Invest in the {level} level.",
    ),
}
