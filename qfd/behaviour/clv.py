"""Probabilistic customer value: BG/NBD (Fader, Hardie & Lee 2005) and Gamma-Gamma spend.

Written here from the papers' closed forms because the reference Python implementation
(``lifetimes``) is archived and no longer installs with current numpy/pandas; the tests
reproduce the published CDNOW parameters (r = 0.243, α = 4.414, a = 0.793, b = 2.426 and
p = 6.25, q = 3.74, γ = 15.44) from the raw CDNOW transactions.

Inputs per customer: ``x`` repeat purchases, ``t_x`` time of the last purchase and ``T`` the
age of the customer, both measured from the first purchase (any time unit, e.g. weeks), and for
Gamma-Gamma the mean value of the *repeat* purchases (first purchases excluded, one-time buyers
left out of the fit), as Fader, Hardie & Lee (2005b) define it; the CDNOW transactions through
``client_behaviour`` give their published p, q, γ.

Degenerate fits are flagged, not used: BG/NBD without dropout (a or b ≈ 0) and Gamma-Gamma with p
or q at the edge of the parameter space (above :data:`EDGE`), q ≤ 1 (no finite mean spend),
γ ≈ 0 or no convergence in :data:`MAX_EVALUATIONS`; a degenerate Gamma-Gamma gives way to each
client's own historical mean check. A BG/NBD with a and b both beyond the edge is flagged and
used: every client has the same dropout probability a / (a + b).
"""

from __future__ import annotations

import math

import numpy as np

from qfd.behaviour.measures import ClientBehaviour
from qfd.notes import Note, note
from qfd.results import result

__all__ = [
    "BGNBD",
    "HORIZON_WEEKS",
    "MIN_REPEAT_BUYERS",
    "CustomerValue",
    "GammaGamma",
    "customer_value",
    "fit_bgnbd",
    "fit_gamma_gamma",
]

MIN_REPEAT_BUYERS = 30  # below this the models are not fitted (too little information)
HORIZON_WEEKS = 52.0  # expected revenue is projected over the next year
NO_DROPOUT = 1e-3  # BG/NBD a or b below this: the model sees no dropout and reduces to the NBD
DEPENDENCE_R = 0.3  # |r(frequency, check)| above this breaks Gamma-Gamma's independence
EDGE = 1e3  # Gamma-Gamma p or q above this: the optimiser ran to the edge (a degenerate fit)
GG_BOUND = 1e6  # where the Gamma-Gamma search stops p and q (a thousand times the edge)
# Likelihood evaluations a fit may take: one that converges takes 500–1,100 (CDNOW, the example,
# trials); one still searching beyond walks a ridge of the likelihood (a, b → ∞ in BG/NBD when
# every client has the same dropout probability, p, q → ∞ in Gamma-Gamma at one price), where
# 40,000 evaluations cost seconds and changed nothing of what is reported
MAX_EVALUATIONS = 5_000
_SEARCH = {"xatol": 1e-8, "fatol": 1e-10, "maxiter": MAX_EVALUATIONS, "maxfev": MAX_EVALUATIONS}


@result
class BGNBD:
    r: float
    alpha: float
    a: float
    b: float
    n: int
    log_likelihood: float
    converged: bool = True  # the search stopped by its tolerance, not by MAX_EVALUATIONS

    @property
    def homogeneous(self) -> bool:
        """a and b beyond :data:`EDGE`: the dropout probability after a purchase is the same
        for every client, a / (a + b) (the beta distribution has shrunk to a point)."""
        return not self.no_dropout and min(self.a, self.b) > EDGE

    @property
    def no_dropout(self) -> bool:
        """The fit sees (almost) no dropout: the mean dropout probability a / (a + b), or a,
        is below :data:`NO_DROPOUT`, and eq. 10 loses its precision; the NBD is the limit."""
        return self.a < NO_DROPOUT or self.a / (self.a + self.b) < NO_DROPOUT

    def p_alive(self, x, t_x, T) -> np.ndarray:
        """Probability that each customer is still active at ``T``."""
        x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
        ratio = np.exp((self.r + x) * (np.log(self.alpha + T) - np.log(self.alpha + t_x)))
        odds = np.where(x > 0, self.a / (self.b + x - 1) * ratio, 0.0)
        return 1.0 / (1.0 + odds)

    def expected_purchases(self, t: float, x, t_x, T) -> np.ndarray:
        """Expected purchases in the next ``t`` time units (FHL 2005, eq. 10)."""
        from scipy import special

        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
        if self.no_dropout:  # the NBD limit: nobody drops out, E = (r + x)·t / (α + T)
            return (r + x) * t / (alpha + T)
        hyp = special.hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t))
        first = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp)
        return first * self.p_alive(x, t_x, T)


def _bgnbd_ll(params, x, t_x, T, counts=None) -> float:
    """BG/NBD log-likelihood. ``counts`` = (distinct repeat counts, each client's index into
    them): the special functions depend on x alone, so they are evaluated once per distinct
    count (tens) rather than per client (thousands) — the same numbers, a fraction of the time."""
    from scipy import special

    if counts is None:
        counts = np.unique(x, return_inverse=True)
    xs, at = counts
    r, alpha, a, b = np.exp(params)
    a1 = (special.gammaln(r + xs) - special.gammaln(r))[at] + r * np.log(alpha)
    a2 = (special.betaln(a, b + xs) - special.betaln(a, b))[at] - (r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        beta3 = (special.betaln(a + 1, b + np.maximum(xs, 1) - 1) - special.betaln(a, b))[at]
        a3 = np.where(x > 0, beta3 - (r + x) * np.log(alpha + t_x), -np.inf)
    return float(np.sum(a1 + np.logaddexp(a2, a3)))


def fit_bgnbd(x, t_x, T) -> BGNBD:
    """Maximum-likelihood BG/NBD parameters.

    >>> rng = np.random.default_rng(0)
    >>> m = fit_bgnbd(rng.poisson(2, 500), np.full(500, 30.0), np.full(500, 39.0))
    >>> m.n, m.r > 0
    (500, True)
    """
    from scipy import optimize

    x, t_x, T = (np.asarray(v, dtype=float) for v in (x, t_x, T))
    counts = np.unique(x, return_inverse=True)
    res = optimize.minimize(
        lambda p: -_bgnbd_ll(p, x, t_x, T, counts),
        np.zeros(4),
        method="Nelder-Mead",
        options=_SEARCH,
    )
    r, alpha, a, b = np.exp(res.x)
    return BGNBD(
        float(r), float(alpha), float(a), float(b), len(x), -float(res.fun), bool(res.success)
    )


@result
class GammaGamma:
    p: float
    q: float
    gamma: float
    n: int
    converged: bool = True  # the search stopped by its tolerance, not by MAX_EVALUATIONS

    def expected_spend(self, x, mean_spend) -> np.ndarray:
        """Expected average spend per purchase given ``x`` repeat purchases with mean
        ``mean_spend`` (ignored where x = 0: the population mean p·γ/(q − 1))."""
        x, z = np.asarray(x, dtype=float), np.asarray(mean_spend, dtype=float)
        z = np.where(x > 0, np.nan_to_num(z), 0.0)
        return (self.gamma + x * z) * self.p / (self.p * x + self.q - 1)

    @property
    def degenerate(self) -> bool:
        """p or q at the edge of the parameter space, q ≤ 1, γ ≈ 0 or no convergence: the fit
        says nothing."""
        return self.fault is not None

    @property
    def fault(self) -> str | None:
        """Why the fit is degenerate (the first that applies), or None: "gg_edge" (p or q above
        :data:`EDGE`: the spends hardly vary from purchase to purchase or between clients, as at
        one price), "gg_no_mean" (q ≤ 1), "gg_zero_scale" (γ ≈ 0), "gg_not_converged"."""
        if self.p > EDGE or self.q > EDGE:
            return "gg_edge"
        if self.q <= 1:
            return "gg_no_mean"
        if self.gamma < 1e-6:
            return "gg_zero_scale"
        return None if self.converged else "gg_not_converged"


def fit_gamma_gamma(x, mean_spend) -> GammaGamma:
    """Maximum-likelihood Gamma-Gamma parameters on customers with x ≥ 1 *repeat* purchases
    whose mean repeat spend ``mean_spend`` is positive (one-time buyers carry no information
    about the spend of repeat purchases)."""
    from scipy import optimize, special

    x, z = np.asarray(x, dtype=float), np.asarray(mean_spend, dtype=float)
    keep = (x > 0) & (z > 0)
    x, z = x[keep], z[keep]
    # the gamma functions depend on x alone: evaluated once per distinct purchase count (as
    # the BG/NBD likelihood does), the logarithms of the data once
    xs, at = np.unique(x, return_inverse=True)
    log_z, log_x = np.log(z), np.log(x)

    def nll(params):
        p, q, g = np.exp(params)
        px = p * x
        ll = (
            (special.gammaln(p * xs + q) - special.gammaln(p * xs))[at]
            - special.gammaln(q)
            + q * np.log(g)
            + (px - 1) * log_z
            + px * log_x
            - (px + q) * np.log(x * z + g)
        )
        return -float(np.sum(ll))

    # p and q stop at GG_BOUND: spends that do not vary between clients beyond their own noise
    # (fixed prices) make the likelihood rise without end along p → ∞, and the search then ran
    # to its 40,000 evaluations (4.5 s on a 1 M-line project) to report a degenerate fit anyway
    res = optimize.minimize(
        nll,
        np.zeros(3),
        method="Nelder-Mead",
        bounds=[(None, math.log(GG_BOUND)), (None, math.log(GG_BOUND)), (None, None)],
        options=_SEARCH,
    )
    p, q, g = np.exp(res.x)
    return GammaGamma(float(p), float(q), float(g), int(keep.sum()), bool(res.success))


@result
class CustomerValue:
    """Expected revenue per client from BG/NBD × Gamma-Gamma, with the fits and their caveats."""

    bgnbd: BGNBD | None  # None with fewer than MIN_REPEAT_BUYERS repeat buyers
    gamma_gamma: GammaGamma | None
    expected_revenue: np.ndarray | None  # per client over ``horizon_weeks``
    horizon_weeks: float
    repeat_buyers: int
    notes: tuple[Note, ...] = ()


def customer_value(
    behaviour: ClientBehaviour, horizon_weeks: float = HORIZON_WEEKS
) -> CustomerValue:
    """Fit BG/NBD and Gamma-Gamma on the clients' purchase histories (in weeks) when at least
    :data:`MIN_REPEAT_BUYERS` clients bought again, and project each client's revenue over
    ``horizon_weeks``; notes say when the models' assumptions fail."""
    b = behaviour
    x, t_x, T = b.repeat_days, b.last_purchase_age_days / 7, b.tenure_days / 7
    repeaters = int((x > 0).sum())
    if repeaters < MIN_REPEAT_BUYERS:
        return CustomerValue(None, None, None, horizon_weeks, repeaters)
    bg = fit_bgnbd(x, t_x, T)
    gg = fit_gamma_gamma(x, b.repeat_monetary)
    notes = []
    if bg.no_dropout:
        notes.append(note("bg_no_dropout"))
    elif bg.homogeneous:
        notes.append(note("bg_homogeneous", a=bg.a, b=bg.b, share=bg.a / (bg.a + bg.b)))
    elif not bg.converged:
        notes.append(note("bg_not_converged", n=MAX_EVALUATIONS))
    if gg.degenerate:
        reason = note(gg.fault, edge=EDGE, n=MAX_EVALUATIONS)
        notes.append(note("gg_degenerate", p=gg.p, q=gg.q, gamma=gg.gamma, reason=reason))
        spend = b.monetary
    else:
        spend = gg.expected_spend(x, b.repeat_monetary)
    value = bg.expected_purchases(horizon_weeks, x, t_x, T) * spend
    repeat = x > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (
            float(np.corrcoef(x[repeat], b.repeat_monetary[repeat])[0, 1])
            if repeat.sum() > 2
            else 0.0
        )
    if abs(r) > DEPENDENCE_R:
        notes.append(note("gg_dependence", r=r))
    return CustomerValue(bg, gg, value, horizon_weeks, repeaters, tuple(notes))
