"""The voice of the customer in open comments: personal data masked, lemmas, themes, groups.

1. **Masking** (before anything else, so no output can show it): e-mail addresses, INN-like
   numbers (10 or 12 digits), phone numbers (a leading + or bracket, 10+ digits, or 7+ digits
   with hyphens; dates are kept), and names — in Russian every capitalised word the pymorphy3
   dictionary knows as a first name, surname or patronymic; in English a name after a title
   (Mr, Ms, Dr…) and two capitalised words inside a sentence.
2. **Lemmas**: Russian is tokenised with razdel and lemmatised with pymorphy3 (function words
   dropped by their part of speech), English tokenised by a regular expression and lemmatised
   with simplemma; stop words of :mod:`qfd.monitoring.stopwords` are dropped and a negation is
   joined to the next word («не_перезванивать»).
3. **Theme dictionaries** (when the consultant gives them): a comment belongs to a theme when it
   holds one of its words (every lemma of a phrase).
4. **Found themes** (the comments no dictionary theme took): communities of the lemma
   co-occurrence network. Lemmas found in at least ``max(2, 1 %)`` of the comments are nodes;
   two are linked when they occur together in at least two comments with a positive normalised
   pointwise mutual information (NPMI, the weight of the link); the Louvain method (networkx,
   seeded) splits the network into communities of words — the themes. A comment belongs to the
   themes where the links of its lemmas weigh at least half as much as in its best theme;
   themes with fewer than ``max(3, 2 %)`` of the comments are dropped. The label is the most
   frequent phrase of two top lemmas in the comments («сроки поставки»), else the top three.
5. **Groups**: NPS critics (0–6), passives (7–8), promoters (9–10); without NPS, low / middle /
   high satisfaction (overall satisfaction, else the respondent's mean: at most the middle of
   the scale, below the top-2-box, in the top-2-box). A theme's share in a group = respondents
   of the group who mention it / respondents of the group who left a comment.
6. **Touchpoints** a theme concerns: those the comments were written about (per-touchpoint
   comment columns), the one its dictionary entry names, those whose name shares two top lemmas
   with it (or its only lemma), and — for a theme of the worst (best) group — those its authors
   rate lower (higher) than the other commenters of that group *relative to their own mean
   rating* (one-sided Welch's t on respondent-centred scores, Holm across touchpoints,
   p < 0.05):
   centring removes the halo of critics rating everything low.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import field
from functools import lru_cache

import numpy as np
from scipy import stats

from qfd.errors import ParameterError
from qfd.inference import holm
from qfd.monitoring.stopwords import NEGATED, NEGATIONS, STOP_EN, STOP_RU, TITLES_EN, YO
from qfd.notes import note
from qfd.results import result

__all__ = [
    "MASK_LABELS",
    "Theme",
    "ThemeReport",
    "comment_themes",
    "lemmas",
    "mask_personal",
    "respondent_groups",
]

MASK_LABELS = {"email": "[e-mail]", "phone": "[phone]", "inn": "[INN]", "name": "[name]"}
NPS_GROUPS = ("critics", "passives", "promoters")
SATISFACTION_GROUPS = ("low", "middle", "high")
MAX_THEMES = 8
TOP_WORDS = 10

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_INN = re.compile(r"(?<![\d+])(?:\d{12}|\d{10})(?!\d)")
_DATE = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}")
_PHONE = re.compile(r"(?:\+\s?\d|\(\d|\d)[\d\s().\-]{5,}\d")
_TITLE = re.compile(r"\b(?:" + "|".join(TITLES_EN) + r")\.?\s+[A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+)?")
_PAIR = re.compile(r"(?<=[a-z,;:]\s)[A-Z][a-z'\-]+\s+[A-Z][a-z'\-]+")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z]")
_WORD_EN = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_NAME_TAGS = ("Name", "Surn", "Patr")
_KEEP_POS = {"NOUN", "ADJF", "ADJS", "COMP", "VERB", "INFN", "PRTF", "PRTS", "GRND", "ADVB"}


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def _parse_ru(word: str) -> tuple[str, str, float]:
    """(lemma, part of speech, probability of a name reading) of a Russian word form."""
    parses = _morph().parse(word)
    best = parses[0]
    name = sum(p.score for p in parses if any(t in p.tag for t in _NAME_TAGS))
    return best.normal_form, str(best.tag.POS or ""), float(name)


def _is_russian(text: str) -> bool:
    return len(_CYRILLIC.findall(text)) >= len(_LATIN.findall(text))


def mask_personal(text: str, labels: dict[str, str] = MASK_LABELS) -> tuple[str, Counter]:
    """``text`` with personal data replaced by ``labels`` and the count of each kind masked.

    >>> mask_personal("Звоните +7 912 345-67-89, ivan@mail.ru; ИНН 7701234567")[0]
    'Звоните [phone], [e-mail]; ИНН [INN]'
    >>> mask_personal("Менеджер Петров Сергей не перезвонил")[0]
    'Менеджер [name] [name] не перезвонил'
    >>> mask_personal("We spoke to Mr. Smith and then to Anna Brown twice")[0]
    'We spoke to [name] and then to [name] twice'
    """
    counts: Counter = Counter()

    def sub(pattern, kind, s):
        def repl(_m):
            counts[kind] += 1
            return labels[kind]

        return pattern.sub(repl, s)

    text = sub(_EMAIL, "email", text)
    text = sub(_INN, "inn", text)

    def phone(m):
        found = m.group(0)
        digits = sum(ch.isdigit() for ch in found)
        if _DATE.fullmatch(found.strip()):
            return found
        if found.startswith(("+", "(")) or digits >= 10 or (digits >= 7 and "-" in found):
            counts["phone"] += 1
            return labels["phone"]
        return m.group(0)

    text = _PHONE.sub(phone, text)
    if _is_russian(text):
        out, pos = [], 0
        from razdel import tokenize

        for tok in tokenize(text):
            word = tok.text
            if word[:1].isupper() and word[1:].islower() and _CYRILLIC.match(word):
                _, _, name = _parse_ru(word.lower())
                if name >= 0.3:
                    out.append(text[pos : tok.start] + labels["name"])
                    pos = tok.stop
                    counts["name"] += 1
        text = "".join(out) + text[pos:]
    else:
        text = sub(_TITLE, "name", text)
        text = sub(_PAIR, "name", text)
    return text, counts


def _tokens(text: str) -> list[tuple[str, str, bool]]:
    """(surface form, lemma, kept?) of every word of ``text``; negations joined to the next word."""
    out: list[tuple[str, str, bool]] = []
    if _is_russian(text):
        from razdel import tokenize

        for tok in tokenize(text):
            word = tok.text
            if not re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", word):
                continue
            low = word.lower().translate(YO)
            lemma, pos, _ = _parse_ru(low)
            lemma = lemma.translate(YO)
            kept = (pos in _KEEP_POS or not pos) and lemma not in STOP_RU and low not in STOP_RU
            kept = kept and len(lemma) > 2
            out.append((word, "neg" if low in NEGATIONS else lemma, kept))
    else:
        import simplemma

        for word in _WORD_EN.findall(text):
            low = word.lower()
            if low.endswith("n't"):
                out.append((word, "neg", False))
                continue
            lemma = simplemma.lemmatize(low, lang="en")
            kept = lemma not in STOP_EN and low not in STOP_EN and len(lemma) > 2
            out.append((word, "neg" if low in NEGATIONS else lemma, kept))
    return out


def lemmas(text: str) -> list[str]:
    """The theme-bearing lemmas of a comment, negations joined to the next one.

    >>> lemmas("Менеджер не перезванивает, сроки поставки срывают")
    ['менеджер', 'не_перезванивать', 'срок', 'поставка', 'срывать']
    >>> lemmas("The manager never calls back and deliveries are late")
    ['manager', 'not_call', 'back', 'delivery', 'late']
    """
    out, negate = [], None
    for surface, lemma, kept in _tokens(text):
        if lemma == "neg":
            negate = NEGATED["cyrillic" if _CYRILLIC.match(surface) else "latin"]
            continue
        if kept:
            out.append(f"{negate}_{lemma}" if negate else lemma)
        negate = None
    return out


def respondent_groups(
    nps: np.ndarray | None,
    satisfaction: np.ndarray | None,
    overall: np.ndarray | None,
    scale: tuple[float, float],
) -> tuple[tuple[str, ...], np.ndarray]:
    """(group names, group index per respondent, −1 unknown): NPS groups when any NPS is given,
    else low / middle / high satisfaction."""
    if nps is not None and np.isfinite(nps).any():
        x = np.asarray(nps, dtype=float)
        g = np.where(x <= 6, 0, np.where(x >= 9, 2, 1))
        return NPS_GROUPS, np.where(np.isfinite(x), g, -1)
    low, high = scale
    x = np.full(0, np.nan)
    if overall is not None and np.isfinite(overall).any():
        x = np.asarray(overall, dtype=float)
    elif satisfaction is not None:
        with np.errstate(all="ignore"):
            counts = np.isfinite(satisfaction).sum(axis=1)
            x = np.where(
                counts > 0, np.nansum(satisfaction, axis=1) / np.maximum(counts, 1), np.nan
            )
    middle = (low + high) / 2
    g = np.where(x <= middle, 0, np.where(x >= high - 1, 2, 1))
    return SATISFACTION_GROUPS, np.where(np.isfinite(x), g, -1)


@result
class Theme:
    """A theme: its label, its words, where it came from and who says it.

    ``source`` is ``"dictionary"`` or ``"found"``; ``shares[g]`` the share of commenting
    respondents of group ``g`` who mention it; ``touchpoints`` (touchpoint, how, effect) with
    ``how`` one of ``comment``, ``dictionary``, ``name``, ``ratings`` (effect: the difference of
    centred ratings, NaN otherwise); ``members`` the indexes of its comments.
    """

    label: str
    words: tuple[str, ...]
    source: str
    count: int
    respondents: int
    counts: dict[str, int]
    shares: dict[str, float]
    touchpoints: tuple[tuple[str, str, float], ...]
    quotes: tuple[str, ...]
    members: np.ndarray

    @property
    def group(self) -> str:
        """The group where the theme's share is largest."""
        return max(self.shares, key=lambda g: (self.shares[g], g))


@result
class ThemeReport:
    themes: tuple[Theme, ...]
    groups: tuple[str, ...]
    commenters: dict[str, int]  # respondents with a comment per group
    n_comments: int
    unassigned: int
    k: int  # communities of the lemma network (0 when none were searched)
    modularity: float
    seed: int
    dictionary_used: bool
    masked: dict[str, int]
    masked_texts: tuple[str, ...]
    notes: tuple = field(default=())

    def by_touchpoint(self) -> dict[str, tuple[Theme, ...]]:
        out: dict[str, list[Theme]] = {}
        for theme in self.themes:
            for tp, _, _ in theme.touchpoints:
                out.setdefault(tp, [])
                if theme not in out[tp]:
                    out[tp].append(theme)
        return {tp: tuple(v) for tp, v in out.items()}


def _npmi(pab: float, pa: float, pb: float) -> float:
    """Normalised pointwise mutual information of two events (−1 never together, 0 independent,
    1 always together).

    >>> round(_npmi(0.1, 0.2, 0.2), 3), _npmi(0.0, 0.2, 0.2)
    (0.398, -1.0)
    """
    if pab <= 0:
        return -1.0
    if pab >= 1:
        return 1.0
    return math.log(pab / (pa * pb)) / -math.log(pab)


def _found_themes(docs: list[list[str]], seed: int):
    """Themes of lemma lists as communities of the lemma co-occurrence network:
    (number of communities, modularity, [(top words, member doc indexes, weights)])."""
    import networkx as nx

    n = len(docs)
    sets = [set(d) for d in docs]
    df = Counter(w for d in sets for w in d)
    min_df = max(2, math.ceil(0.01 * n))
    vocab = sorted(w for w, c in df.items() if c >= min_df)
    if n < 6 or len(vocab) < 2:
        return 0, float("nan"), []
    index = {w: i for i, w in enumerate(vocab)}
    present = np.zeros((n, len(vocab)), dtype=bool)
    for i, d in enumerate(sets):
        present[i, [index[w] for w in d if w in index]] = True
    together = present.T.astype(np.int64) @ present.astype(np.int64)
    p = present.mean(axis=0)
    graph = nx.Graph()
    graph.add_nodes_from(vocab)
    for a, b in zip(*np.nonzero(np.triu(together >= 2, k=1)), strict=True):
        weight = _npmi(together[a, b] / n, p[a], p[b])
        if weight > 0:
            graph.add_edge(vocab[a], vocab[b], weight=weight)
    graph.remove_nodes_from([w for w in vocab if graph.degree(w) == 0])
    if graph.number_of_edges() == 0:
        return 0, float("nan"), []
    communities = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    communities = sorted((sorted(c) for c in communities if len(c) >= 2), key=lambda c: c[0])
    modularity = float(nx.community.modularity(graph, communities, weight="weight"))
    strength = np.zeros((len(communities), len(vocab)))
    for k, community in enumerate(communities):
        members = set(community)
        for w in community:
            strength[k, index[w]] = sum(
                graph[w][v]["weight"] for v in graph.neighbors(w) if v in members
            )
    score = present.astype(float) @ strength.T  # docs × communities
    best = score.max(axis=1, keepdims=True)
    belongs = (score > 0) & (score >= 0.5 * best)
    themes = []
    for k, community in enumerate(communities):
        idx = np.flatnonzero(belongs[:, k])
        inside = Counter(w for i in idx for w in sets[i] if w in set(community))
        words = tuple(sorted(community, key=lambda w: (-inside[w], w)))[:TOP_WORDS]
        themes.append((words, idx, score[idx, k]))
    return len(communities), modularity, themes


def _label(words: tuple[str, ...], texts: list[str]) -> str:
    """The most frequent phrase (in at least two comments) joining the theme's first lemma to
    another of its top six, at most one word between them; else its top three lemmas."""
    top = set(words[:6])
    counts: Counter = Counter()
    for text in texts:
        toks = _tokens(text)
        for i in range(len(toks)):
            if not (toks[i][2] and toks[i][1] in top):
                continue
            for j in (i + 1, i + 2):
                if j >= len(toks) or not (toks[j][2] and toks[j][1] in top):
                    continue
                if toks[j][1] == toks[i][1] or (j == i + 2 and toks[i + 1][2]):
                    break
                if words[0] in (toks[i][1], toks[j][1]):
                    counts[" ".join(t[0] for t in toks[i : j + 1]).lower()] += 1
                break
    if counts:
        phrase, n = min(counts.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))
        if n >= 2:
            return phrase
    return ", ".join(w.replace("_", " ") for w in words[:3])


def _quotes(
    members: np.ndarray,
    weights: np.ndarray,
    texts: Sequence[str],
    masked: np.ndarray,
    docs: Sequence[list[str]],
) -> tuple[str, ...]:
    """Up to three distinct comments of a theme, chosen one by one by their weight in the theme
    (relative to the heaviest) less half the share of their words already quoted (maximal
    marginal relevance); unmasked before masked, shorter before longer."""
    out: list[str] = []
    seen: set[str] = set()
    left = list(range(len(members)))
    top = float(np.max(weights)) if len(weights) else 1.0
    while left and len(out) < 3:

        def key(k, seen=seen):
            i = int(members[k])
            words = set(docs[i])
            overlap = len(words & seen) / max(len(words), 1)
            value = weights[k] / top - 0.5 * overlap
            return (bool(masked[i]), -round(value, 6), len(texts[i]), i)

        k = min(left, key=key)
        left.remove(k)
        text = texts[int(members[k])]
        if text in out:
            continue
        out.append(text if len(text) <= 200 else text[:199].rstrip() + "…")
        seen |= set(docs[int(members[k])])
    return tuple(out)


def _touchpoints_of(
    members: np.ndarray,
    words: tuple[str, ...],
    respondent: np.ndarray,
    about: Sequence[str],
    dictionary_tp: str,
    satisfaction: np.ndarray | None,
    touchpoints: Sequence[str],
    name_lemmas: Sequence[set[str]],
    peers: np.ndarray | None,
    tone: int,
) -> tuple[tuple[str, str, float], ...]:
    """Touchpoints a theme concerns. ``peers``: the other commenters of the theme's group;
    ``tone``: −1 for the worst group (look for lower ratings), +1 for the best, 0 otherwise."""
    out: list[tuple[str, str, float]] = []
    seen: set[str] = set()

    def add(tp, how, effect=float("nan")):
        if tp and tp not in seen:
            seen.add(tp)
            out.append((tp, how, effect))

    said = Counter(about[i] for i in members if about[i])
    for tp, n in said.most_common():
        if n >= max(2, 0.2 * len(members)):
            add(tp, "comment")
    add(dictionary_tp, "dictionary")
    top = {w for w in words[:TOP_WORDS] if "_" not in w}
    for tp, names in zip(touchpoints, name_lemmas, strict=True):
        shared = top & names
        if len(shared) >= 2 or (shared and len(names) == 1):
            add(tp, "name")
    if tone and peers is not None and satisfaction is not None:
        mine = np.zeros(satisfaction.shape[0], dtype=bool)
        mine[respondent[members]] = True
        others = peers & ~mine
        with np.errstate(all="ignore"):
            centred = satisfaction - np.nanmean(satisfaction, axis=1, keepdims=True)
        effects = np.full(len(touchpoints), np.nan)
        pvals = np.full(len(touchpoints), np.nan)
        for j in range(len(touchpoints)):
            a, b = centred[mine, j], centred[others, j]
            a, b = a[np.isfinite(a)], b[np.isfinite(b)]
            if len(a) >= 5 and len(b) >= 5 and a.var() + b.var() > 0:
                effects[j] = a.mean() - b.mean()
                side = "less" if tone < 0 else "greater"
                pvals[j] = stats.ttest_ind(a, b, equal_var=False, alternative=side).pvalue
        adjusted = holm(pvals)
        for j in np.argsort(-tone * np.nan_to_num(effects, nan=-np.inf * tone), kind="stable"):
            if adjusted[j] < 0.05 and np.sign(effects[j]) == tone:
                add(touchpoints[j], "ratings", float(effects[j]))
    return tuple(out)


def comment_themes(
    texts: Sequence[str],
    respondent: np.ndarray,
    about: Sequence[str] | None = None,
    *,
    nps: np.ndarray | None = None,
    satisfaction: np.ndarray | None = None,
    overall: np.ndarray | None = None,
    touchpoints: Sequence[str] = (),
    touchpoint_names: Sequence[str] = (),
    scale: tuple[float, float] = (1, 5),
    dictionary: Sequence[tuple[str, Sequence[str], str]] = (),
    seed: int = 0,
    mask_labels: dict[str, str] = MASK_LABELS,
) -> ThemeReport:
    """Themes of the comments ``texts`` written by respondents ``respondent`` (indexes into the
    respondent arrays ``nps``, ``satisfaction`` — respondents × ``touchpoints`` — and
    ``overall``), about ``about[k]`` ('' = no touchpoint). ``dictionary`` holds (theme, words,
    touchpoint id or '') from the consultant; ``seed`` seeds NMF."""
    respondent = np.asarray(respondent, dtype=int)
    n = len(texts)
    if respondent.shape != (n,):
        raise ParameterError(f"The respondent parameter must have {n} entries.")
    about = tuple(about) if about is not None else ("",) * n
    if len(about) != n:
        raise ParameterError(f"The about parameter must have {n} entries.")
    if touchpoint_names and len(touchpoint_names) != len(touchpoints):
        raise ParameterError("The touchpoint_names parameter must match the touchpoints.")
    masked, totals = [], Counter()
    for text in texts:
        clean, counts = mask_personal(str(text), mask_labels)
        masked.append(clean)
        totals.update(counts)
    # the mask labels are not words of the comment
    plain = [re.sub("|".join(re.escape(v) for v in mask_labels.values()), " ", t) for t in masked]
    docs = [lemmas(t) for t in plain]
    hidden = np.array([p != t for p, t in zip(plain, masked, strict=True)])
    n_resp = int(respondent.max()) + 1 if n else 0
    for arr in (nps, overall):
        if arr is not None:
            n_resp = max(n_resp, len(arr))
    if satisfaction is not None:
        n_resp = max(n_resp, satisfaction.shape[0])
    groups, group_of = respondent_groups(
        None if nps is None else np.asarray(nps, dtype=float),
        None if satisfaction is None else np.asarray(satisfaction, dtype=float),
        None if overall is None else np.asarray(overall, dtype=float),
        scale,
    )
    if len(group_of) < n_resp:
        group_of = np.concatenate([group_of, np.full(n_resp - len(group_of), -1)])
    commenters = np.zeros(n_resp, dtype=bool)
    commenters[respondent] = True
    group_commenters = {g: int((commenters & (group_of == k)).sum()) for k, g in enumerate(groups)}
    name_lemmas = [set(lemmas(name)) for name in (touchpoint_names or touchpoints)]
    sat = None if satisfaction is None else np.asarray(satisfaction, dtype=float)

    raw_themes = []  # (label, words, source, members, weights, dictionary touchpoint)
    taken = np.zeros(n, dtype=bool)
    for label, words, tp in dictionary:
        phrases = [set(lemmas(w)) or {w.lower()} for w in words]
        hits = np.array([sum(1 for p in phrases if p <= set(doc)) for doc in docs], dtype=float)
        members = np.flatnonzero(hits > 0)
        taken[members] = True
        top = tuple(dict.fromkeys(lemma for p in phrases for lemma in sorted(p)))
        raw_themes.append((label, top, "dictionary", members, hits[members], tp))
    rest = np.flatnonzero(~taken)
    k, modularity, found = _found_themes([docs[i] for i in rest], seed)
    floor = max(3, math.ceil(0.02 * n))
    for words, members, weights in found:
        members = rest[members]
        if len(members) < floor:
            continue
        label = _label(words, [masked[i] for i in members])
        raw_themes.append((label, words, "found", members, weights, ""))

    themes = []
    sat_c = None if sat is None else sat
    belongs_to = Counter(int(i) for *_, members, _, _ in raw_themes for i in members)
    for label, words, source, members, weights, tp in raw_themes:
        people = np.unique(respondent[members])
        counts = {g: int((group_of[people] == j).sum()) for j, g in enumerate(groups)}
        shares = {
            g: counts[g] / group_commenters[g] if group_commenters[g] else float("nan")
            for g in groups
        }
        main = max(range(len(groups)), key=lambda j: (np.nan_to_num(shares[groups[j]]), -j))
        tone = -1 if main == 0 else 1 if main == len(groups) - 1 else 0
        peers = commenters & (group_of == main)
        spread = np.array([belongs_to[int(i)] for i in members], dtype=float)
        themes.append(
            Theme(
                label=label,
                words=tuple(words),
                source=source,
                count=len(members),
                respondents=len(people),
                counts=counts,
                shares=shares,
                touchpoints=_touchpoints_of(
                    members,
                    tuple(words),
                    respondent,
                    about,
                    tp,
                    sat_c,
                    touchpoints,
                    name_lemmas,
                    peers,
                    tone,
                ),
                quotes=_quotes(
                    members, np.asarray(weights, dtype=float) / spread, masked, hidden, docs
                ),
                members=np.asarray(members, dtype=int),
            )
        )
    themes.sort(key=lambda t: (-t.count, t.label))
    assigned = np.zeros(n, dtype=bool)
    for t in themes:
        assigned[t.members] = True
    notes = []
    if dictionary:
        notes.append(note("themes_dictionary_used", n=len(dictionary)))
    if k:
        notes.append(note("themes_found", k=k, seed=seed, modularity=modularity))
    return ThemeReport(
        themes=tuple(themes),
        groups=groups,
        commenters=group_commenters,
        n_comments=n,
        unassigned=int((~assigned).sum()),
        k=k,
        modularity=modularity,
        seed=seed,
        dictionary_used=bool(dictionary),
        masked=dict(totals),
        masked_texts=tuple(masked),
        notes=tuple(notes),
    )
