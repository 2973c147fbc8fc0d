"""Vocabulary of the comment analysis: words that carry no theme, negations, name titles.

Russian function words are dropped by their part of speech (pymorphy3); the lists below add the
content words that still say nothing about a theme («быть», «очень», "get"). They are data, not
sentences: a test keeps them apart from the text catalogue.
"""

from __future__ import annotations

__all__ = ["NEGATED", "NEGATIONS", "STOP_EN", "STOP_RU", "TITLES_EN", "YO"]

STOP_RU = frozenset(
    """
    быть бывать мочь весь всё это этот тот такой так также тоже ещё уже вообще просто очень
    который свой наш ваш мой твой их его её есть нет да ли же бы вот вон там тут здесь где когда
    хотеть стать становиться сказать говорить делать сделать каждый любой другой иной сам самый
    раз год месяц день неделя время пока всегда никогда иногда часто опять снова потом теперь
    сейчас более менее много мало немного несколько вполне совсем почти лишь только именно
    компания вы мы они он она оно я спасибо пожалуйста комментарий нормально хорошо плохо
    целое целом общем инн
    """.split()
)

STOP_EN = frozenset(
    """
    a an the and or but if then so as of at by for from in into on onto to with without about
    over under after before between through during per via is are was were be been being am do
    does did done doing have has had having get gets got go goes went gone make makes made can
    could will would shall should may might must i me my we us our you your he him his she her
    it its they them their this that these those there here what which who whom whose when
    where why how all any both each every few more most other some such own same than too very
    just also still yet again ever always often even only already quite rather really much many
    lot lots thing things one ones us well fine ok okay thanks thank please comment comments
    so far far year years month months week weeks day days time times together
    """.split()
)

# Words that turn the next word into its opposite: joined to it ("не_отвечать", "not_answer").
NEGATIONS = frozenset({"не", "ни", "без", "not", "no", "never", "without", "n't", "cannot"})

# Titles that announce a person's name in English text.
TITLES_EN = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Mister")

# The prefix a negation leaves on the next lemma, by script: «не_отвечать», "not_answer".
NEGATED = {"cyrillic": "не", "latin": "not"}

# ё and е are one letter for matching («ещё» = «еще»).
YO = str.maketrans("ёЁ", "еЕ")
