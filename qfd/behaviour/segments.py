"""Client segments by k-means, readable portraits, and segment priority (seeds 000–002).

The client base is clustered (50 interviews are too few to cluster); interviewees are then
attached to their client's segment. Features: numeric attributes and RFM measures standardised,
categorical attributes one-hot. k is chosen by the silhouette over a declared range among the
solutions whose smallest segment holds at least ``min_share`` of the clients.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import field

import numpy as np

from qfd.errors import AnalysisError, check_weights
from qfd.notes import Note, note
from qfd.results import result

__all__ = [
    "FEW_INTERVIEWS",
    "LOW_CSI",
    "Portrait",
    "Segmentation",
    "portraits",
    "segment_clients",
    "segment_priority",
]

LOW_CSI = 70.0  # a segment whose satisfaction index is below this counts as "low satisfaction"
FEW_INTERVIEWS = 5  # a segment's CSI resting on fewer interviews is a blind spot, not a verdict
TRIM = 0.2  # share trimmed from each end for the trimmed mean of heavy-tailed features


@result
class Segmentation:
    client_ids: np.ndarray
    labels: np.ndarray  # 0..k-1, ordered by segment size (0 = largest)
    k: int
    silhouette: dict[int, float]  # k -> silhouette (NaN where a segment was too small)
    min_share: float
    seed: int
    n_init: int
    feature_names: tuple[str, ...]


def _skewness(v: np.ndarray) -> float:
    sd = v.std()
    return float(((v - v.mean()) ** 3).mean() / sd**3) if sd > 0 else 0.0


def _design(numeric: dict[str, np.ndarray], categorical: dict[str, np.ndarray]):
    cols, names = [], []
    for name, v in numeric.items():
        v = np.asarray(v, dtype=float)
        med = np.nanmedian(v) if (~np.isnan(v)).any() else 0.0
        v = np.where(np.isnan(v), med, v)
        if v.min() >= 0 and _skewness(v) > 1:  # heavy right tail (staff, revenue): log scale
            v, name = np.log1p(v), f"log(1 + {name})"
        sd = v.std()
        if sd > 0:
            cols.append((v - v.mean()) / sd)
            names.append(name)
    for name, v in categorical.items():
        v = np.asarray(["" if x is None else str(x) for x in v], dtype=object)
        levels = sorted(set(v) - {""})
        if len(levels) < 2:
            continue
        dummies = np.column_stack([(v == level).astype(float) for level in levels])
        # scale so the attribute's dummies carry a total variance of 1, like one numeric
        # feature: a many-level attribute (region) must not outvote the others
        total_var = dummies.var(axis=0).sum()
        for j, level in enumerate(levels):
            cols.append(dummies[:, j] / np.sqrt(total_var))
            names.append(f"{name} = {level}")
    return np.column_stack(cols) if cols else np.zeros((0, 0)), tuple(names)


def segment_clients(
    client_ids,
    numeric: dict[str, np.ndarray],
    categorical: dict[str, np.ndarray],
    *,
    k_range=(2, 8),
    min_share: float = 0.05,
    seed: int = 0,
    n_init: int = 10,
    sample: int = 3000,
) -> Segmentation:
    """k-means segments of the clients, k by silhouette with a minimum segment share.

    >>> rng = np.random.default_rng(0)
    >>> x = np.concatenate([rng.normal(0, 1, 100), rng.normal(8, 1, 100)])
    >>> s = segment_clients(np.arange(200), {"x": x}, {}, k_range=(2, 4))
    >>> s.k, np.bincount(s.labels).tolist()
    (2, [100, 100])
    """
    from sklearn.cluster import KMeans
    from sklearn.metrics import pairwise_distances, silhouette_score
    from sklearn.utils import check_random_state
    from threadpoolctl import threadpool_limits

    X, names = _design(numeric, categorical)
    n = X.shape[0]
    if n < 10 or X.shape[1] == 0:
        raise AnalysisError("segments_too_few_clients", n=n, limit=10, features=X.shape[1])
    scores: dict[int, float] = {}
    best = None
    # The silhouette of every k over one sample of the clients (the one scikit-learn would draw
    # for the seed) and one matrix of their distances, computed once rather than once per k.
    sampled = check_random_state(seed).permutation(n)[: min(sample, n)]
    distances = None
    for k in range(k_range[0], min(k_range[1], n - 1) + 1):
        # one thread: OpenMP threads of parallel k-means sum in an order that depends on the
        # machine's load (the same seed gave other segments), and on 2 cores they fight anyway
        with warnings.catch_warnings(), threadpool_limits(limits=1):
            warnings.simplefilter("ignore")  # sklearn's ConvergenceWarning on duplicate points
            model = KMeans(n_clusters=k, n_init=n_init, random_state=seed).fit(X)
        sizes = np.bincount(model.labels_, minlength=k)
        if sizes.min() < min_share * n:
            scores[k] = float("nan")
            continue
        if distances is None:
            distances = pairwise_distances(X[sampled])
        scores[k] = float(silhouette_score(distances, model.labels_[sampled], metric="precomputed"))
        if best is None or scores[k] > scores[best[0]]:
            best = (k, model.labels_)
    if best is None:
        raise AnalysisError("segments_too_small", low=k_range[0], high=k_range[1], share=min_share)
    k, labels = best
    order = np.argsort(-np.bincount(labels, minlength=k), kind="stable")
    relabel = np.empty(k, dtype=int)
    relabel[order] = np.arange(k)
    return Segmentation(
        np.asarray(client_ids, dtype=object),
        relabel[labels],
        k,
        scores,
        min_share,
        seed,
        n_init,
        names,
    )


@result
class Portrait:
    segment: int
    size: int
    share: float
    revenue_share: float
    typical: dict[str, object]  # median of numeric, most common value of categorical
    distinguishing: tuple[tuple[str, float], ...]  # (feature, index vs the base), strongest first
    name: str
    notes: tuple[str, ...] = field(default=())
    index_basis: dict[str, str] = field(default_factory=dict)  # feature -> how it was indexed


def feature_kind(v: np.ndarray) -> str:
    """How a numeric feature is compared between a segment and the base:
    "calendar" (years: whole numbers within 1800–2100 — an index of years means nothing),
    "median" (a heavy right tail: staff, revenue), or "mean".

    >>> feature_kind(np.array([1995.0, 2003, 2010, 2018])), feature_kind(np.array([1.0, 2, 3, 4]))
    ('calendar', 'mean')
    >>> feature_kind(np.array([1.0, 1, 2, 2, 3, 500]))
    'median'
    """
    v = np.asarray(v, dtype=float)
    v = v[~np.isnan(v)]
    if not len(v):
        return "mean"
    if (v == np.round(v)).all() and v.min() >= 1800 and v.max() <= 2100:
        return "calendar"
    if v.min() >= 0 and _skewness(v) > 1:
        return "median"
    return "mean"


def _typical(v: np.ndarray, kind: str) -> float:
    """The segment's level of a feature: its median for heavy tails (its trimmed mean when the
    median is 0, e.g. mostly-zero counts), its mean otherwise."""
    from scipy import stats

    v = v[~np.isnan(v)]
    if not len(v):
        return float("nan")
    if kind == "median":
        med = float(np.median(v))
        return med if med > 0 else float(stats.trim_mean(v, TRIM))
    return float(v.mean())


def _capacity(p: Portrait) -> float:
    """Sort key, largest first: the revenue share, or the client share where revenue is unknown."""
    return -(p.revenue_share if math.isfinite(p.revenue_share) else p.share)


def portraits(
    seg: Segmentation,
    numeric: dict[str, np.ndarray],
    categorical: dict[str, np.ndarray],
    revenue: np.ndarray | None,
    top: int = 4,
) -> list[Portrait]:
    """One card per segment: size, revenue share, typical values and the features that set it
    apart, by index = segment share (or level) / base share (or level) × 100. The level of a
    heavy-tailed feature is its median (a few giants do not move it), of others the mean;
    calendar values (years) get no index."""
    out = []
    # no revenue known (no transactions): the revenue share is unknown, never the client share
    rev = None if revenue is None else np.nan_to_num(np.asarray(revenue, dtype=float))
    total_rev = 1.0 if rev is None else (rev.sum() or 1.0)
    kinds = {name: feature_kind(v) for name, v in numeric.items()}
    for s in range(seg.k):
        mask = seg.labels == s
        typical: dict[str, object] = {}
        index: list[tuple[str, float]] = []
        for name, v in numeric.items():
            v = np.asarray(v, dtype=float)
            typical[name] = float(np.nanmedian(v[mask])) if (~np.isnan(v[mask])).any() else np.nan
            if kinds[name] == "calendar":
                continue
            base = _typical(v, kinds[name])
            level = _typical(v[mask], kinds[name])
            if base and np.isfinite(base) and np.isfinite(level):
                index.append((name, 100 * level / base))
        for name, v in categorical.items():
            v = np.asarray(["" if x is None else str(x) for x in v], dtype=object)
            values, counts = np.unique(v[mask], return_counts=True)
            typical[name] = str(values[np.argmax(counts)]) if len(values) else ""
            for level in sorted(set(v) - {""}):
                base_share = (v == level).mean()
                seg_share = (v[mask] == level).mean()
                if seg_share >= 0.2:  # only levels common in the segment describe it
                    index.append((f"{name} = {level}", 100 * seg_share / base_share))
        index.sort(key=lambda t: -abs(np.log(max(t[1], 1e-9) / 100)))
        strongest = tuple(index[:top])
        # every part names its feature and its direction: "Возраст ↓", "ДМС = да ↓" (fewer
        # clients with ДМС = да than in the base), never a bare level
        name = " · ".join(f"{f} {'↑' if i > 100 else '↓'}" for f, i in strongest[:3])
        out.append(
            Portrait(
                s,
                int(mask.sum()),
                float(mask.mean()),
                math.nan if rev is None else float(rev[mask].sum() / total_rev),
                typical,
                strongest,
                name,
                index_basis=dict(kinds),
            )
        )
    return out


@result
class SegmentPriority:
    order: tuple[int, ...]
    csi: dict[int, float]
    respondents: dict[int, int]  # interviews behind each segment's CSI
    problem: dict[int, tuple[str, float]]  # segment -> (touchpoint, points below the overall mean)
    low: dict[int, bool]
    rule: Note
    few: dict[int, bool] = field(default_factory=dict)  # CSI rests on < FEW_INTERVIEWS interviews
    notes: tuple[Note, ...] = ()


def segment_priority(
    ports: list[Portrait],
    respondent_segment: np.ndarray,
    satisfaction: np.ndarray,
    touchpoints,
    scale_low: float,
    scale_high: float,
    weights=None,
) -> SegmentPriority:
    """Order segments: first those with low satisfaction (CSI < :data:`LOW_CSI`, resting on at
    least :data:`FEW_INTERVIEWS` interviews) by revenue share (capacity); then the blind spots
    (fewer interviews: their CSI is no verdict, whatever it says) by revenue share; then the
    satisfied ones by the depth of their own problem (the touchpoint where they fall furthest
    below the all-respondent mean). Means are weighted by survey ``weights``."""
    w = check_weights(weights, satisfaction.shape[0])
    w = np.ones(satisfaction.shape[0]) if w is None else w
    valid = ~np.isnan(satisfaction)
    x0 = np.where(valid, satisfaction, 0.0)

    def means(mask):
        with np.errstate(invalid="ignore", divide="ignore"):
            return (w[mask] @ x0[mask]) / (w[mask] @ valid[mask])

    overall = means(np.ones(len(w), dtype=bool))
    csi, n_resp, problem, low, few = {}, {}, {}, {}, {}
    notes = []
    for p in ports:
        mask = respondent_segment == p.segment
        n_resp[p.segment] = int(mask.sum())
        few[p.segment] = n_resp[p.segment] < FEW_INTERVIEWS
        if mask.any() and valid[mask].any():
            mean = float((w[mask] @ x0[mask]).sum() / (w[mask] @ valid[mask]).sum())
            csi[p.segment] = 100 * (mean - scale_low) / (scale_high - scale_low)
            lag = overall - means(mask)
            j = int(np.nanargmax(lag)) if np.isfinite(lag).any() else -1
            problem[p.segment] = (
                (touchpoints[j], float(lag[j])) if j >= 0 and lag[j] > 0 else ("", 0.0)
            )
        else:
            csi[p.segment] = float("nan")
            problem[p.segment] = ("", 0.0)
        low[p.segment] = bool(csi[p.segment] < LOW_CSI) and not few[p.segment]
        if few[p.segment]:
            notes.append(
                note(
                    "segment_few_interviews",
                    segment=p.segment + 1,
                    n=n_resp[p.segment],
                    limit=FEW_INTERVIEWS,
                )
            )
    lows = sorted((p for p in ports if low[p.segment]), key=_capacity)
    blind = sorted((p for p in ports if few[p.segment]), key=_capacity)
    highs = sorted(
        (p for p in ports if not low[p.segment] and not few[p.segment]),
        key=lambda p: -problem[p.segment][1],
    )
    rule = note("segment_priority_rule", low=LOW_CSI, few=FEW_INTERVIEWS)
    order = tuple(p.segment for p in lows + blind + highs)
    return SegmentPriority(order, csi, n_resp, problem, low, rule, few, tuple(notes))
