#!/usr/bin/python3
"""Golden values for the power engine's sample-size methods: the python half, checks, and the merge.

Run through scripts/golden/power_methods.sh, with the system python (scipy, statsmodels 0.13.5):
    /usr/bin/python3 scripts/golden/power_methods.py R_CASES.json OUT.json

R_CASES.json is what power_methods.R wrote (pooled r = 1, arcsine, t). This script
  * cross-checks those cases against independent references and fails loudly on disagreement:
      arcsine -> statsmodels NormalIndPower with proportion_effectsize (recorded as n1_statsmodels),
      pooled  -> statsmodels power_proportions_2indep at ratio 1,
      t       -> the non-central t integrated with mpmath at 30 digits (R's pnt is ~1e-12 accurate);
  * adds the families whose reference lives in python:
      pooled (ratio != 1)      statsmodels power_proportions_2indep / samplesize_proportions_2indep_onetail,
      unpooled, evan-miller    closed form written here (scipy's normal, brentq where there is no closed form),
      z (means)                statsmodels NormalIndPower, and the closed form for two-sided non-strict,
      ratio metric             delta-method sd, then the z closed form;
  * writes tests/golden/power_methods.json with every number at 17 significant digits.

Engine conventions (see the test that reads the file): arm 1 = control, n1 units; arm 2 = treatment,
n2 = r * n1; p1 = control rate, p2 = treatment rate. A z-type method has power
    Phi((|delta| sqrt(n1) - z_crit s0) / s1)  [+ Phi((-|delta| sqrt(n1) - z_crit s0) / s1) if strict]
with per-unit standard deviations s0 (under the null) and s1 (under the alternative).
"""
import datetime
import json
import math
import sys
import warnings

import mpmath
import numpy as np
import scipy
import statsmodels
from scipy import optimize, stats
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import (power_proportions_2indep, proportion_effectsize,
                                          samplesize_proportions_2indep_onetail)

SEED = 20240611
N_MIN, N_MAX = 2.0, 1e9
EPS = np.finfo(float).eps
# brentq stops when the bracket is below xtol + rtol * |x|; rtol = 4 eps is scipy's floor.
N_XTOL = 1e-14        # n >= 2, so the relative term decides
VALUE_XTOL = 1e-300   # p2 can be ~1e-3 and delta any scale: let the relative term decide
RTOL = 4 * EPS

rng = np.random.default_rng(SEED)
cases = []
checks = {}  # name -> max difference seen, for the report


def note_check(name, value):
    checks[name] = max(checks.get(name, 0.0), value)


def rel_diff(a, b):
    return abs(a - b) / abs(b)


def root(f, lo, hi, xtol):
    return optimize.brentq(f, lo, hi, xtol=xtol, rtol=RTOL, maxiter=1000)


# ------------------------------------------------------------------------------------ random inputs
def pick(values):
    return values[rng.integers(len(values))]


def log_unif(lo, hi):
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def draw_alpha():
    return pick([0.001, 0.005, 0.01, 0.025, 0.05, 0.05, 0.05, 0.05, 0.1, 0.1, 0.2])


def draw_power():
    return pick([0.8, 0.8, 0.9, 0.95]) if rng.uniform() < 0.5 else rng.uniform(0.5, 0.99)


def draw_ratio(unequal_only=False):
    if unequal_only:
        return pick([0.5, 2.0, 3.0, 0.25])
    return pick([1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 2.0, 3.0, 0.25])


def draw_alternative():
    return "two-sided" if rng.uniform() < 0.75 else "one-sided"


def draw_strict(alternative):
    return alternative == "two-sided" and rng.uniform() < 0.5


def draw_p1():
    u = rng.uniform()
    if u < 0.4:
        return log_unif(0.001, 0.1)
    return rng.uniform(0.01, 0.5) if u < 0.8 else rng.uniform(0.5, 0.95)


def draw_p2(p1, upward=False):
    """Relative lift from -50 % to +100 %, p2 inside (0, 1); `upward` forces p2 > p1."""
    while True:
        lift = -log_unif(0.005, 0.5) if (not upward and rng.uniform() < 0.3) else log_unif(0.005, 1.0)
        p2 = p1 * (1 + lift)
        if 0 < p2 < 0.999:
            return p2


def near_n(n_needed, lo=N_MIN):
    """An n1 input for "power" and "mde" solves: near the n the inputs need, so outputs are useful."""
    n = n_needed * log_unif(0.3, 2.5)
    if rng.uniform() < 0.5:
        n = float(math.ceil(n))
    return max(n, lo)


def near_integer(n):
    return abs(n - round(n)) <= 1e-6 * n


def z_crit(alpha, alternative):
    return stats.norm.isf(alpha / 2 if alternative == "two-sided" else alpha)


# ------------------------------------------------------------------------------------ z-type core
# Written here from the definition, independently of the engine and of statsmodels.
def z_power(delta, n1, s0, s1, alpha, alternative, strict):
    zc = z_crit(alpha, alternative)
    a = abs(delta) * math.sqrt(n1)
    p = stats.norm.cdf((a - zc * s0) / s1)
    if strict:
        p += stats.norm.cdf((-a - zc * s0) / s1)
    return p


def z_n_nonstrict(delta, s0, s1, alpha, alternative, power):
    return ((z_crit(alpha, alternative) * s0 + stats.norm.ppf(power) * s1) / abs(delta)) ** 2


def solve_n(power_of_n, power):
    """Root of power_of_n(n) = power on [N_MIN, N_MAX]; None if there is none (power rises with n)."""
    f = lambda n: power_of_n(n) - power
    if f(N_MIN) >= 0 or f(N_MAX) <= 0:
        return None
    return root(f, N_MIN, N_MAX, N_XTOL)


def solve_upward(power_of_x, power, lo, hi):
    """Smallest-effect root of power_of_x(x) = power on (lo, hi): None if power is not reached at hi,
    or if power crosses the target more than once on a grid below the root (ambiguous mde)."""
    f = lambda x: power_of_x(x) - power
    if not f(lo) < 0 or not f(hi) > 0:
        return None
    x = root(f, lo, hi, VALUE_XTOL)
    grid = np.linspace(lo, x, 202)[1:-1]
    if any(f(g) >= 0 for g in grid):
        return None
    return x


def proportion_sds(method, p1, p2, r):
    q1, q2 = 1 - p1, 1 - p2
    s1 = math.sqrt(p1 * q1 + p2 * q2 / r)
    if method == "pooled":
        pbar = (p1 + r * p2) / (1 + r)
        return math.sqrt(pbar * (1 - pbar) * (1 + 1 / r)), s1
    if method == "unpooled":
        return s1, s1
    if method == "evan-miller":
        return math.sqrt(p1 * q1 * (1 + 1 / r)), s1
    raise ValueError(method)


def proportion_power(method, p1, p2, n1, r, alpha, alternative, strict):
    s0, s1 = proportion_sds(method, p1, p2, r)
    return z_power(p2 - p1, n1, s0, s1, alpha, alternative, strict)


# ------------------------------------------------------------------------------------ case records
def base(family, reference, solve, alternative, strict, alpha, power, r):
    return {"family": family, "reference": reference, "solve": solve, "alternative": alternative,
            "strict": bool(strict), "alpha": alpha, "power": power, "ratio": r}


def with_n(case, n1):
    case["n1"] = n1
    case["n1_ceil"] = int(math.ceil(n1))
    return case


def n_ok(n1):
    return n1 is not None and N_MIN <= n1 <= N_MAX and not near_integer(n1)


# ------------------------------------------------------------------------------------ unpooled, evan-miller
def proportion_closed_form_case(method, solve, p1, p2, alpha, power, n1, r, alternative, strict, note=None,
                                display_round=None):
    c = base(method, "closed form (scipy)", solve, alternative, strict, alpha, power, r)
    pw = lambda q, n: proportion_power(method, p1, q, n, r, alpha, alternative, strict)
    if solve == "n":
        if strict:
            n = solve_n(lambda n: pw(p2, n), power)
        else:
            s0, s1 = proportion_sds(method, p1, p2, r)
            n = z_n_nonstrict(p2 - p1, s0, s1, alpha, alternative, power)
        if not n_ok(n):
            return False
        c.update(p1=p1, p2=p2)
        with_n(c, n)
    elif solve == "power":
        c.update(power=pw(p2, n1), p1=p1, p2=p2, n1=n1)
    else:
        q = solve_upward(lambda q: pw(q, n1), power, p1, 1 - 1e-12)
        if q is None:
            return False
        c.update(p1=p1, p2=q, n1=n1)
    if note:
        c["note"] = note
    if display_round is not None:
        c["display_round"] = display_round
    cases.append(c)
    return True


def rough_proportion_n(method, p1, p2, r, alpha, alternative, power):
    s0, s1 = proportion_sds(method, p1, p2, r)
    return z_n_nonstrict(p2 - p1, s0, s1, alpha, alternative, power)


def random_proportion_closed_form(method, solve):
    while True:
        alpha, power, alternative, r = draw_alpha(), draw_power(), draw_alternative(), draw_ratio()
        strict = draw_strict(alternative)
        p1 = draw_p1()
        p2 = draw_p2(p1, upward=solve == "mde")
        rough = rough_proportion_n(method, p1, p2, r, alpha, alternative, power)
        if rough > 0.5 * N_MAX:
            continue
        n1 = near_n(rough)
        if proportion_closed_form_case(method, solve, p1, p2, alpha, None if solve == "power" else power,
                                       n1, r, alternative, strict):
            return


# ------------------------------------------------------------------------------------ pooled, ratio != 1 (statsmodels)
# statsmodels' sample 1 is prop1 = prop2 + diff with nobs1, sample 2 is prop2 with nobs2 = ratio * nobs1,
# p_pooled = (prop1 + ratio prop2) / (1 + ratio), std_null = sqrt(p_pooled (1 - p_pooled) (1 + 1/ratio)),
# std_alt = sqrt(prop1 (1 - prop1) + prop2 (1 - prop2) / ratio): the engine's pooled method with
# prop1 = p1 (control), prop2 = p2, nobs1 = n1, ratio = r. Its two-sided power counts both tails (strict);
# the near tail alone is its one-sided power at alpha / 2 in the direction of the difference.
def sm_pooled_power(p1, p2, n1, r, alpha, alternative, strict):
    diff = p1 - p2
    if alternative == "two-sided" and strict:
        return power_proportions_2indep(diff, p2, n1, ratio=r, alpha=alpha, alternative="two-sided",
                                        return_results=False)
    a = alpha / 2 if alternative == "two-sided" else alpha
    side = "larger" if diff > 0 else "smaller"
    return power_proportions_2indep(diff, p2, n1, ratio=r, alpha=a, alternative=side, return_results=False)


def sm_pooled_n(p1, p2, r, alpha, alternative, strict, power):
    if strict:
        return solve_n(lambda n: sm_pooled_power(p1, p2, n, r, alpha, alternative, True), power)
    return samplesize_proportions_2indep_onetail(p1 - p2, p2, power, ratio=r, alpha=alpha,
                                                 alternative="two-sided" if alternative == "two-sided" else "larger")


def sm_pooled_mde(p1, n1, r, alpha, alternative, strict, power):
    return solve_upward(lambda q: sm_pooled_power(p1, q, n1, r, alpha, alternative, strict), power, p1, 1 - 1e-12)


def pooled_statsmodels_case(solve, p1, p2, alpha, power, n1, r, alternative, strict):
    if solve == "n":
        ref = ("statsmodels power_proportions_2indep + brentq" if strict
               else "statsmodels samplesize_proportions_2indep_onetail")
    elif solve == "power":
        ref = "statsmodels power_proportions_2indep"
    else:
        ref = "statsmodels power_proportions_2indep + brentq"
    c = base("pooled", ref, solve, alternative, strict, alpha, power, r)
    if solve == "n":
        n = sm_pooled_n(p1, p2, r, alpha, alternative, strict, power)
        if not n_ok(n):
            return False
        note_check("pooled r!=1: statsmodels n vs closed form here (rel)",
                   rel_diff(n, solve_n(lambda m: proportion_power("pooled", p1, p2, m, r, alpha, alternative,
                                                                  strict), power)))
        c.update(p1=p1, p2=p2)
        with_n(c, n)
    elif solve == "power":
        pw = sm_pooled_power(p1, p2, n1, r, alpha, alternative, strict)
        note_check("pooled r!=1: statsmodels power vs closed form here (abs)",
                   abs(pw - proportion_power("pooled", p1, p2, n1, r, alpha, alternative, strict)))
        c.update(power=pw, p1=p1, p2=p2, n1=n1)
    else:
        q = sm_pooled_mde(p1, n1, r, alpha, alternative, strict, power)
        if q is None:
            return False
        c.update(p1=p1, p2=q, n1=n1)
    cases.append(c)
    return True


def random_pooled_statsmodels(solve):
    while True:
        alpha, power, alternative, r = draw_alpha(), draw_power(), draw_alternative(), draw_ratio(True)
        strict = draw_strict(alternative)
        p1 = draw_p1()
        p2 = draw_p2(p1, upward=solve == "mde")
        rough = rough_proportion_n("pooled", p1, p2, r, alpha, alternative, power)
        if rough > 0.5 * N_MAX:
            continue
        if pooled_statsmodels_case(solve, p1, p2, alpha, None if solve == "power" else power, near_n(rough),
                                   r, alternative, strict):
            return


# ------------------------------------------------------------------------------------ z (means) and ratio metric
def sm_z_power(delta, sd, n1, r, alpha, alternative):
    """statsmodels NormalIndPower: two-sided counts both tails; one-sided is the tail of delta's sign."""
    if alternative == "two-sided":
        alt = "two-sided"
    else:
        alt = "larger" if delta > 0 else "smaller"
    return NormalIndPower().power(delta / sd, n1, alpha, ratio=r, alternative=alt)


def mean_case(family, solve, delta, sd, alpha, power, n1, r, alternative, strict, extra=None):
    """z test of a difference in means with per-unit sd (ratio metric: the delta-method sd)."""
    s = sd * math.sqrt(1 + 1 / r)
    use_statsmodels = family == "z" and (strict or alternative == "one-sided")
    if use_statsmodels:
        pw = lambda d, n: sm_z_power(d, sd, n, r, alpha, alternative)
        ref = "statsmodels NormalIndPower" + ("" if solve == "power" else " + brentq")
    else:
        pw = lambda d, n: z_power(d, n, s, s, alpha, alternative, strict)
        ref = "closed form (scipy)"
    c = base(family, ref, solve, alternative, strict, alpha, power, r)
    if extra:
        c.update(extra)
    if solve == "n":
        if use_statsmodels or strict:
            n = solve_n(lambda m: pw(delta, m), power)
        else:
            n = z_n_nonstrict(delta, s, s, alpha, alternative, power)
        if not n_ok(n):
            return False
        if family == "z":
            other = (z_n_nonstrict(delta, s, s, alpha, alternative, power) if not strict else
                     solve_n(lambda m: z_power(delta, m, s, s, alpha, alternative, strict), power))
            note_check("z: statsmodels/closed form n vs closed form here (rel)", rel_diff(n, other))
        c.update(delta=delta, sd=sd)
        with_n(c, n)
    elif solve == "power":
        p = pw(delta, n1)
        if family == "z":
            note_check("z: statsmodels/closed form power vs closed form here (abs)",
                       abs(p - z_power(delta, n1, s, s, alpha, alternative, strict)))
        c.update(power=p, delta=delta, sd=sd, n1=n1)
    else:
        if strict or use_statsmodels:
            d = solve_upward(lambda x: pw(x, n1), power, 0.0, 1e3 * sd)
        else:
            d = (z_crit(alpha, alternative) + stats.norm.ppf(power)) * s / math.sqrt(n1)
        if d is None or not d > 0:
            return False
        c.update(delta=d, sd=sd, n1=n1)
    cases.append(c)
    return True


def random_z(solve):
    while True:
        alpha, power, alternative, r = draw_alpha(), draw_power(), draw_alternative(), draw_ratio()
        strict = draw_strict(alternative)
        sd = log_unif(0.05, 500)
        delta = log_unif(0.002, 2.0) * sd * (-1 if (solve != "mde" and rng.uniform() < 0.25) else 1)
        rough = z_n_nonstrict(delta, sd * math.sqrt(1 + 1 / r), sd * math.sqrt(1 + 1 / r), alpha, alternative, power)
        if rough > 0.5 * N_MAX:
            continue
        if mean_case("z", solve, delta, sd, alpha, None if solve == "power" else power, near_n(rough), r,
                     alternative, strict):
            return


def delta_method_sd(mu_n, mu_d, var_n, var_d, cov):
    v = var_n / mu_d ** 2 - 2 * mu_n * cov / mu_d ** 3 + mu_n ** 2 * var_d / mu_d ** 4
    return math.sqrt(v) if v > 0 else None


def random_ratio(solve):
    """Revenue per session style: numerator revenue per user, denominator sessions per user."""
    while True:
        alpha, power, alternative, r = draw_alpha(), draw_power(), draw_alternative(), draw_ratio()
        strict = draw_strict(alternative)
        mu_d = rng.uniform(1, 5)
        mu_n = log_unif(0.5, 50)
        var_n = (rng.uniform(0.8, 4) * mu_n) ** 2
        var_d = (rng.uniform(0.3, 1.2) * mu_d) ** 2
        cov = rng.uniform(-0.3, 0.9) * math.sqrt(var_n * var_d)
        sd = delta_method_sd(mu_n, mu_d, var_n, var_d, cov)
        if sd is None or sd < 1e-3 * mu_n / mu_d:
            continue
        delta = (mu_n / mu_d) * log_unif(0.005, 0.5) * (-1 if (solve != "mde" and rng.uniform() < 0.25) else 1)
        s = sd * math.sqrt(1 + 1 / r)
        rough = z_n_nonstrict(delta, s, s, alpha, alternative, power)
        if rough > 0.5 * N_MAX:
            continue
        stats_in = {"mu_n": mu_n, "mu_d": mu_d, "var_n": var_n, "var_d": var_d, "cov": cov}
        if mean_case("ratio", solve, delta, sd, alpha, None if solve == "power" else power, near_n(rough), r,
                     alternative, strict, extra=stats_in):
            return


# ------------------------------------------------------------------------------------ checks of the R cases
def arcsine_sm_power(p1, p2, n1, r, alpha, alternative):
    h = proportion_effectsize(p2, p1)  # 2 asin(sqrt p2) - 2 asin(sqrt p1)
    if alternative == "two-sided":
        alt = "two-sided"
    else:
        alt = "larger" if h > 0 else "smaller"
    return NormalIndPower().power(h, n1, alpha, ratio=r, alternative=alt)


def check_arcsine(c):
    p1, r, alpha, alt = c["p1"], c["ratio"], c["alpha"], c["alternative"]
    if c["solve"] == "n":
        n_sm = solve_n(lambda n: arcsine_sm_power(p1, c["p2"], n, r, alpha, alt), c["power"])
        d = rel_diff(n_sm, c["n1"])
        # statsmodels' own solver (brentq_expanding, xtol 1e-5) for information only
        h = proportion_effectsize(c["p2"], p1)
        sm_alt = "two-sided" if alt == "two-sided" else ("larger" if h > 0 else "smaller")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            n_solve_power = NormalIndPower().solve_power(h, None, alpha, c["power"], r, sm_alt)
        note_check("arcsine: statsmodels own solve_power (xtol 1e-5) vs R n (rel, info only)",
                   rel_diff(float(n_solve_power), c["n1"]))
        c["n1_statsmodels"] = n_sm
    elif c["solve"] == "power":
        d = abs(arcsine_sm_power(p1, c["p2"], c["n1"], r, alpha, alt) - c["power"])
    else:
        q = solve_upward(lambda q: arcsine_sm_power(p1, q, c["n1"], r, alpha, alt), c["power"], p1, 1 - 1e-12)
        d = rel_diff(q, c["p2"])
    note_check("arcsine: R pwr vs statsmodels NormalIndPower, solve %s" % c["solve"], d)
    if not d <= 1e-6:
        sys.exit("FAIL: arcsine R vs statsmodels differ by %g in %r" % (d, c))


def check_pooled_r1(c):
    p1, r, alpha, alt, strict = c["p1"], c["ratio"], c["alpha"], c["alternative"], c["strict"]
    if c["solve"] == "n":
        d = rel_diff(sm_pooled_n(p1, c["p2"], r, alpha, alt, strict, c["power"]), c["n1"])
    elif c["solve"] == "power":
        d = abs(sm_pooled_power(p1, c["p2"], c["n1"], r, alpha, alt, strict) - c["power"])
    else:
        d = rel_diff(sm_pooled_mde(p1, c["n1"], r, alpha, alt, strict, c["power"]), c["p2"])
    note_check("pooled r=1: R power.prop.test vs statsmodels, solve %s" % c["solve"], d)
    if not d <= 1e-9:
        sys.exit("FAIL: pooled R vs statsmodels differ by %g in %r" % (d, c))


mpmath.mp.dps = 30


def mp_t_power(d, n1, r, alpha, alternative, strict):
    """Power of the two-sample t test at 30 digits: non-central t by integrating over s = sqrt(chi2_nu / nu)."""
    n1, r, d = mpmath.mpf(n1), mpmath.mpf(r), mpmath.mpf(d)
    n2 = r * n1
    nu = n1 + n2 - 2
    ncp = d / mpmath.sqrt(1 / n1 + 1 / n2)
    a = mpmath.mpf(alpha) / (2 if alternative == "two-sided" else 1)

    def t_sf(t):  # central t upper tail, t > 0
        return mpmath.betainc(nu / 2, mpmath.mpf(1) / 2, 0, nu / (nu + t * t), regularized=True) / 2

    crit = mpmath.findroot(lambda t: t_sf(t) - a, mpmath.mpf(stats.t.isf(float(a), float(nu))))
    log_norm = mpmath.log(2 * nu) + (nu / 2 - 1) * mpmath.log(nu) - (nu / 2) * mpmath.log(2) - mpmath.loggamma(nu / 2)

    def density(s):
        if s <= 0:
            return mpmath.mpf(0)
        return mpmath.exp(log_norm + mpmath.log(s) + (nu - 2) * mpmath.log(s) - nu * s * s / 2)

    mode = mpmath.sqrt((nu - 1) / nu) if nu > 1 else mpmath.mpf(1) / 2
    w = 1 / mpmath.sqrt(2 * nu)
    pts = sorted({mpmath.mpf(0)} | {mode + k * w for k in (-40, -12, -5, -2, 0, 2, 5, 12, 40) if mode + k * w > 0})
    pts.append(mpmath.inf)
    p = mpmath.quad(lambda s: mpmath.ncdf(ncp - crit * s) * density(s), pts)
    if strict:
        p += mpmath.quad(lambda s: mpmath.ncdf(-crit * s - ncp) * density(s), pts)
    return p


def check_t(c):
    n1, r, alpha, alt, strict = c["n1"], c["ratio"], c["alpha"], c["alternative"], c["strict"]
    d = c["delta"] / c["sd"]
    p = mp_t_power(d, n1, r, alpha, alt, strict)
    residual = float(abs(p - c["power"]))
    note_check("t: |power_mpmath - power| at the R values, solve %s" % c["solve"], residual)
    if c["solve"] == "n":  # what that residual means for n: residual / (dP/dn) / n
        h = mpmath.mpf(n1) * mpmath.mpf("1e-8")
        slope = (mp_t_power(d, n1 + h, r, alpha, alt, strict) - mp_t_power(d, n1 - h, r, alpha, alt, strict)) / (2 * h)
        note_check("t: implied relative error of R's n (mpmath)", float(abs(p - c["power"]) / slope / n1))
    if residual > 1e-9:
        sys.exit("FAIL: R t power disagrees with mpmath by %g in %r" % (residual, c))


# ------------------------------------------------------------------------------------ JSON output
def fmt(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        if not math.isfinite(v):
            raise ValueError("non-finite number")
        return format(float(v), ".17g")
    return json.dumps(v)


def main():
    r_path, out_path = sys.argv[1], sys.argv[2]
    with open(r_path) as f:
        r_out = json.load(f)
    r_cases = r_out["cases"]

    for c in r_cases:
        if c["family"] == "arcsine":
            check_arcsine(c)
        elif c["family"] == "pooled":
            check_pooled_r1(c)
        elif c["family"] == "t":
            check_t(c)
    # n1_statsmodels goes right after n1_ceil, before any note
    ordered = []
    for c in r_cases:
        keys = [k for k in c if k not in ("note", "display_round", "n1_statsmodels")]
        keys += [k for k in ("n1_statsmodels", "note", "display_round") if k in c]
        ordered.append({k: c[k] for k in keys})
    cases.extend(ordered)

    # Published examples: Evan Miller's sample size calculator (relative MDE, two-sided 5 %, power 80 %).
    for p1, p2, shown in ((0.20, 0.212, 17557), (0.10, 0.11, 14313)):
        assert proportion_closed_form_case(
            "evan-miller", "n", p1, p2, 0.05, 0.8, None, 1.0, "two-sided", False,
            note="Evan Miller's calculator: baseline %g %%, p2 = %g (page shows %d, rounded to nearest)"
                 % (100 * p1, p2, shown), display_round=shown)
        n = cases[-1]["n1"]
        if round(n) != shown:
            sys.exit("FAIL: Evan Miller example %g -> %g gives %r, page shows %d" % (p1, p2, n, shown))

    per_solve = {"n": 50, "power": 50, "mde": 50}
    for solve, count in per_solve.items():
        for _ in range(25):
            random_pooled_statsmodels(solve)
        for _ in range(count):
            random_proportion_closed_form("unpooled", solve)
        for _ in range(count):
            random_proportion_closed_form("evan-miller", solve)
        for _ in range(count):
            random_z(solve)
        for _ in range(count):
            random_ratio(solve)

    source = ("R %s (stats), pwr %s, statsmodels %s, scipy %s, numpy %s, mpmath %s (check only), %s"
              % (r_out["r_version"], r_out["pwr_version"], statsmodels.__version__, scipy.__version__,
                 np.__version__, mpmath.__version__, datetime.date.today().isoformat()))
    lines = ['{"source": %s,' % json.dumps(source),
             ' "generated_by": "scripts/golden/power_methods.sh",',
             ' "cases": [']
    body = ["  {" + ", ".join("%s: %s" % (json.dumps(k), fmt(v)) for k, v in c.items()) + "}" for c in cases]
    lines.append(",\n".join(body))
    lines.append(" ]}")
    with open(out_path, "w") as f:
        f.write("\n".join(lines) + "\n")

    counts = {}
    for c in cases:
        counts.setdefault(c["family"], {}).setdefault(c["solve"], 0)
        counts[c["family"]][c["solve"]] += 1
    for fam, by_solve in counts.items():
        print("%-12s %s total %d" % (fam, " ".join("%s=%d" % kv for kv in by_solve.items()), sum(by_solve.values())),
              file=sys.stderr)
    for name in sorted(checks):
        print("check  %-78s max %.3g" % (name, checks[name]), file=sys.stderr)


if __name__ == "__main__":
    main()
