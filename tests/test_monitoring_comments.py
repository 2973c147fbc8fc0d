"""Open comments: personal data masked everywhere, lemmas, and the planted themes of the example
found and attributed to the right NPS groups and touchpoints, in Russian and in English."""

from __future__ import annotations

import numpy as np
import pytest

from qfd.monitoring.comments import comment_themes, lemmas, mask_personal, respondent_groups
from workbooks.examples import monitoring as example
from workbooks.project import load_project
from workbooks.project.monitoring_sheets import read_monitoring

# one lemma that every comment of a planted theme holds, per language
KEYWORD = {
    "delivery": ("поставка", "delivery"),
    "response": ("заявка", "request"),
    "documents": ("документ", "document"),
    "price": ("цена", "price"),
    "engineers": ("инженер", "engineer"),
    "quality": ("качество", "quality"),
}


@pytest.mark.parametrize(
    "text, kept, gone",
    [
        ("Звоните +7 (912) 345-67-89 или 8 912 345 67 89", "Звоните", ["912", "345"]),
        ("пишите на ivan.petrov@example.ru, ответим", "ответим", ["ivan", "example"]),
        ("ИНН 7701234567, КПП нет; ИНН ИП 770123456789", "КПП", ["7701234567", "770123456789"]),
        ("Менеджер Петров Сергей Иванович не перезвонил", "не перезвонил", ["Петров", "Сергей"]),
        ("Mr. Smith promised; later Anna Brown called", "promised", ["Smith", "Anna", "Brown"]),
        ("Call +1 (415) 555-0132 or 345-67-89", "Call", ["555", "345-67"]),
    ],
)
def test_personal_data_is_masked(text, kept, gone):
    masked, counts = mask_personal(text)
    assert kept in masked
    assert not any(g in masked for g in gone)
    assert sum(counts.values()) >= 1


def test_dates_amounts_and_ordinary_words_are_kept():
    text = "Поставка 15.03.2025 на 1 200 000 руб., договор 2025-03-01; Сроки и Качество"
    masked, counts = mask_personal(text)
    assert masked == text and not counts


def test_lemmas_drop_function_words_and_keep_negations():
    assert lemmas("Менеджер нам не перезванивает уже неделю!") == ["менеджер", "не_перезванивать"]
    assert lemmas("Поставки задерживаются") == ["поставка", "задерживаться"]
    assert lemmas("The manager never calls back") == ["manager", "not_call", "back"]
    assert lemmas("The deliveries were late") == ["delivery", "late"]


def _report(path, lang, dictionary=True):
    project = load_project(path, lang)
    inputs = read_monitoring(path, project, lang)
    iv = project.interviews
    return comment_themes(
        inputs.comments.texts,
        inputs.comments.respondent,
        inputs.comments.touchpoint,
        nps=iv.nps,
        satisfaction=iv.satisfaction,
        touchpoints=iv.touchpoints,
        touchpoint_names=[t.name for t in project.touchpoints],
        dictionary=inputs.themes.themes if dictionary and inputs.themes else (),
        seed=project.settings.seed,
    )


def _check_planted(report, language: int, dictionary: bool):
    for theme, (group, touchpoint) in example.TRUTH["themes"].items():
        keyword = KEYWORD[theme][language]
        found = [t for t in report.themes if keyword in t.words]
        assert found, f"theme {theme} not found"
        for t in found:
            assert t.group == group, (theme, t.label, t.shares)
            if touchpoint:
                assert touchpoint in [tp for tp, _, _ in t.touchpoints], (theme, t.touchpoints)
        # a planted theme is a theme of its own: its comments are not spread over others
        biggest = max(found, key=lambda t: t.count)
        expected = (
            "dictionary" if dictionary and theme == example.TRUTH["dictionary_theme"] else "found"
        )
        assert biggest.source == expected
    # no theme the generator did not plant
    planted = {KEYWORD[t][language] for t in example.TRUTH["themes"]}
    for t in report.themes:
        assert planted & set(t.words), t.label


@pytest.fixture(scope="module")
def russian(monitoring_result):
    return monitoring_result.project.source


def test_planted_themes_are_found_in_russian_with_the_dictionary(russian):
    report = _report(russian, "ru")
    assert report.dictionary_used
    _check_planted(report, 0, dictionary=True)


def test_planted_themes_are_found_in_russian_without_the_dictionary(russian):
    report = _report(russian, "ru", dictionary=False)
    assert not report.dictionary_used
    _check_planted(report, 0, dictionary=False)


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    folder = tmp_path_factory.mktemp("en")
    (path,) = example.build(folder, lang="en", waves=12)
    return path


def test_planted_themes_are_found_in_english(english):
    report = _report(english, "en")
    _check_planted(report, 1, dictionary=True)


def test_themes_are_reproducible_and_masked(russian):
    a, b = _report(russian, "ru"), _report(russian, "ru")
    assert a == b
    text = " ".join(q for t in a.themes for q in (t.label, *t.quotes, *t.words))
    text += " ".join(a.masked_texts)
    assert not any(token in text for token in example.PERSONAL_TOKENS)
    assert sum(a.masked.values()) > 0


def test_without_nps_the_groups_are_low_middle_and_high_satisfaction():
    overall = np.array([1, 3, 4, 5, np.nan])
    groups, index = respondent_groups(None, None, overall, (1, 5))
    assert groups == ("low", "middle", "high")
    assert index.tolist() == [0, 0, 2, 2, -1]
    sat = np.array([[1.0, 2.0], [4.0, np.nan], [3.0, 4.0]])
    groups, index = respondent_groups(np.full(3, np.nan), sat, None, (1, 5))
    assert index.tolist() == [0, 2, 1]


def test_comments_about_a_touchpoint_attribute_their_theme_to_it():
    texts = ["Сроки поставки сорваны"] * 6 + ["Цены высокие"] * 6 + ["Документы с ошибками"] * 6
    about = ["TP06"] * 6 + [""] * 12
    report = comment_themes(
        texts,
        np.arange(18),
        about,
        nps=np.array([3] * 6 + [8] * 6 + [2] * 6),
        touchpoints=("TP06", "TP12"),
        touchpoint_names=("Сроки поставки", "Счета и закрывающие документы"),
        seed=1,
    )
    delivery = next(t for t in report.themes if "поставка" in t.words)
    assert ("TP06", "comment") in [(tp, how) for tp, how, _ in delivery.touchpoints]
    documents = next(t for t in report.themes if "документ" in t.words)
    assert documents.shares["critics"] == pytest.approx(0.5)
