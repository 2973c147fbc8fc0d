"""Rankings and how stable they are: ranks, bootstrap rank intervals, "reliably ahead", scales.

A ranking of touchpoints or characteristics is only worth presenting with its uncertainty:
under the respondent bootstrap an item's rank moves within an interval, and under another
relationship scale of the House of Quality the order may change (Kendall's τ says how much).
"""

from __future__ import annotations

import itertools

import numpy as np

from qfd.results import result

__all__ = ["RankStability", "kendall_tau", "rank_stability", "ranks"]


def ranks(values: np.ndarray) -> np.ndarray:
    """Rank 1 for the largest value (ties in order of position); rows of a 2-D array each.

    >>> ranks(np.array([0.2, 0.5, 0.3])).tolist()
    [3, 1, 2]
    """
    values = np.asarray(values)
    if values.ndim == 1:
        return ranks(values[None, :])[0]
    order = (-values).argsort(axis=1, kind="stable")
    out = np.empty_like(order)
    out[np.arange(values.shape[0])[:, None], order] = np.arange(1, values.shape[1] + 1)
    return out


def kendall_tau(a: np.ndarray, b: np.ndarray) -> float:
    """Kendall's τ-b between two rankings: (concordant − discordant pairs) /
    √((pairs − ties in a)(pairs − ties in b)), NaN when either ranking is all ties.

    Over every pair at once (rankings are of touchpoints, tens of items): scipy.stats'
    ``kendalltau`` gives the same value (tests/test_qfd.py checks it) but importing scipy.stats
    would cost the ``kpi`` command a third of its time.

    >>> kendall_tau(np.array([1, 2, 3, 4]), np.array([1, 3, 2, 4]))
    0.6666666666666666
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if len(a) < 2:
        return float("nan")  # no ranking to compare
    i, j = np.triu_indices(len(a), k=1)
    da, db = np.sign(a[i] - a[j]), np.sign(b[i] - b[j])
    denominator = np.sqrt(np.count_nonzero(da) * np.count_nonzero(db))
    return float((da * db).sum() / denominator) if denominator else float("nan")


@result
class RankStability:
    """How a ranking moves under the respondent bootstrap and alternative scales."""

    rank: np.ndarray  # the default ranking
    interval: np.ndarray  # n × 2 bootstrap rank interval
    ahead: np.ndarray  # ahead[a, b]: share of replicates where a ranks above b
    scale_tau: dict[str, float]  # Kendall τ of each scale's ranking vs the default
    scale_rank: dict[str, np.ndarray]
    replicates: int
    seed: int | None

    def reliably_ahead(self, a: int, b: int, level: float = 0.95) -> bool:
        return bool(self.ahead[a, b] >= level)

    def ahead_of(self, a: int, level: float = 0.95) -> list[int]:
        """Items that ``a`` ranks above in at least ``level`` of the replicates."""
        return [b for b in range(len(self.rank)) if b != a and self.ahead[a, b] >= level]

    def tied_groups(self, level: float = 0.95) -> list[list[int]]:
        """Consecutive items (in default order) that are not reliably separated."""
        order = [int(i) for i in np.argsort(self.rank)]
        groups = [[order[0]]] if order else []
        for prev, cur in itertools.pairwise(order):
            if self.reliably_ahead(prev, cur, level):
                groups.append([cur])
            else:
                groups[-1].append(cur)
        return groups


def rank_stability(
    default: np.ndarray,
    replicates: np.ndarray,
    by_scale: dict[str, np.ndarray],
    seed: int | None = None,
    confidence: float = 0.95,
) -> RankStability:
    """Stability of a ranking of ``default`` values (higher = better).

    ``replicates`` is K × n values under the bootstrap; ``by_scale`` the values under each
    alternative relationship scale. An item's rank interval runs from 1 + the items above it
    in at least 1 − α/2 of the replicates to n − the items it is above that often.

    >>> reps = np.array([[3.0, 2.0, 1.0, 0.9]] * 19 + [[3.0, 2.0, 0.9, 1.0]])
    >>> rank_stability(reps[0], reps, {}).interval.tolist()    # the last two: 95 % and 5 %
    [[1, 1], [2, 2], [3, 4], [3, 4]]
    """
    rank = ranks(default)
    k = replicates.shape[0]
    if k:
        reps = ranks(replicates)
        ahead = (reps[:, :, None] < reps[:, None, :]).mean(axis=0)
        # An item ranks after every item surely above it and before every item it is surely
        # above, "surely" = in at least 1 − α/2 of the replicates (a pairwise interval). The
        # percentile interval of the bootstrap ranks, used before, misses the first and the last
        # item's population rank (resampling pulls extreme ranks inward): 63–93 % for the worst
        # touchpoint of a cell of benchmarks/bench_qfd_calibration.py, these 86–97 %.
        sure = ahead >= 1 - (1 - confidence) / 2
        np.fill_diagonal(sure, False)
        interval = np.column_stack([1 + sure.sum(axis=0), len(rank) - sure.sum(axis=1)])
        # the point rank inside, as for shares (resampling biases small items upward)
        interval[:, 0] = np.minimum(interval[:, 0], rank)
        interval[:, 1] = np.maximum(interval[:, 1], rank)
    else:
        interval = np.column_stack([rank, rank])
        ahead = (rank[:, None] < rank[None, :]).astype(float)
    scale_rank = {name: ranks(v) for name, v in by_scale.items()}
    scale_tau = {name: kendall_tau(rank, r) for name, r in scale_rank.items()}
    return RankStability(rank, interval, ahead, scale_tau, scale_rank, k, seed)
