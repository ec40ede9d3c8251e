#!/usr/bin/python3
"""Golden values for the drift lens's two-sample tests (src/core/drift/ks_test, anderson_ksamp,
cramer_von_mises, kolmogorov), from scipy itself.

Run with Debian's interpreter (scipy 1.10.1, numpy 1.24.2), not the pyenv python3 on PATH:
    /usr/bin/python3 scripts/golden/drift_tests.py > tests/golden/drift_tests.json

Each two-sample case is one pair of samples with the result of all three tests:
    ks_2samp(x, y), anderson_ksamp([x, y]) (statistic, significance_level), cramervonmises_2samp(x, y).
A test that raises in scipy is recorded as null, a NaN result as [null, null] (the engine
returns NaN for both).
Small samples are stored as values. Large ones are stored as a recipe that C++ rebuilds with the
same IEEE operations (products, fmod, floor, division, sums in a fixed order: no libm calls whose
last bit could differ between glibc and the wasm libc); the script builds them the same way.
The distributions are also checked directly: kstwo.sf, special.smirnov, the Durbin matrix CDF,
and scipy's two exact two-sample helpers.
"""
import json
import math
import sys
import warnings

import numpy as np
import scipy
import scipy.special
import scipy.stats as st
from scipy.stats._ksstats import _kolmogn_DMTW
from scipy.stats._stats_py import _compute_prob_outside_square
from scipy.stats._stats_pythran import _compute_outer_prob_inside_method

warnings.simplefilter("ignore")  # anderson_ksamp's capped/floored warnings, ks_2samp's fallback notice

PHI = 0.6180339887498949  # fractional parts of i*PHI etc. are well spread (Weyl sequences)
SQRT2M1 = 0.41421356237309503
SQRT3M1 = 0.7320508075688772
SQRT5M2 = 0.2360679774997898
E_FRAC = 0.7182818284590451


W4 = [PHI, SQRT2M1, SQRT3M1, SQRT5M2]
W4B = [SQRT2M1, SQRT3M1, SQRT5M2, E_FRAC]


def build(recipe):
    """The values a recipe describes; tests/unit/test_drift_tests.cpp has the same function."""
    kind, n = recipe["kind"], recipe["n"]
    i = np.arange(recipe.get("start", 1), recipe.get("start", 1) + n, dtype=np.float64)
    if kind == "frac":  # uniform-like
        v = np.fmod(i * recipe["mult"], 1.0) * recipe["scale"] + recipe["offset"]
    elif kind == "irwin":  # sum of four uniforms - 2: close to normal, sd 1/sqrt(3)
        m = recipe["mults"]
        f = [np.fmod(i * m[k], 1.0) for k in range(4)]
        v = ((((f[0] + f[1]) + f[2]) + f[3]) - 2.0) * recipe["scale"] + recipe["offset"]
    elif kind == "cauchy":  # heavy tails on both sides: 1/u - 1/(1-u)
        u = np.fmod(i * recipe["mult"], 1.0)
        v = (1.0 / u - 1.0 / (1.0 - u)) * recipe["scale"] + recipe["offset"]
    elif kind == "levels":  # heavy ties: `levels` equally spaced values
        k = float(recipe["levels"])
        v = np.floor(np.fmod(i * recipe["mult"], 1.0) * k) / k * recipe["scale"] + recipe["offset"]
    else:
        raise ValueError(kind)
    return v


def num(v):
    """A float for JSON; NaN (scipy's answer for some degenerate inputs) as null."""
    v = float(v)
    return None if math.isnan(v) else v


def two_sample(name, x, y, recipes=None):
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    case = {"name": name, "n1": int(x.size), "n2": int(y.size)}
    if recipes is None:
        case["x"] = [float(v) for v in x]
        case["y"] = [float(v) for v in y]
    else:
        case["x_recipe"], case["y_recipe"] = recipes
    try:
        r = st.ks_2samp(x, y)
        case["ks"] = [num(r.statistic), num(r.pvalue)]
    except Exception:
        case["ks"] = None
    try:
        r = st.anderson_ksamp([x, y])
        case["anderson"] = [num(r.statistic), num(r.significance_level)]
    except Exception:
        case["anderson"] = None
    try:
        r = st.cramervonmises_2samp(x, y)
        case["cvm"] = [num(r.statistic), num(r.pvalue)]
    except Exception:
        case["cvm"] = None
    return case


def recipe_case(name, rx, ry):
    return two_sample(name, build(rx), build(ry), recipes=(rx, ry))


def frac(n, mult, scale=1.0, offset=0.0, start=1):
    return {"kind": "frac", "n": n, "mult": mult, "scale": scale, "offset": offset, "start": start}


def irwin(n, mults, scale=1.0, offset=0.0, start=1):
    return {"kind": "irwin", "n": n, "mults": mults, "scale": scale, "offset": offset, "start": start}


def cauchy(n, mult, scale=1.0, offset=0.0, start=1):
    return {"kind": "cauchy", "n": n, "mult": mult, "scale": scale, "offset": offset, "start": start}


def levels(n, mult, count, scale=1.0, offset=0.0, start=1):
    return {"kind": "levels", "n": n, "mult": mult, "levels": count, "scale": scale, "offset": offset, "start": start}


def main():
    rng = np.random.RandomState(20240611)
    cases = []
    add = cases.append

    # -- The spec's worked examples.
    add(two_sample("spec 7 vs 5", [0.1, 0.5, 0.5, 0.9, 1.3, 2.0, 2.2], [0.5, 0.7, 1.0, 1.1, 2.5]))
    add(two_sample("spec 8 vs 8", [1, 2, 2, 3, 4, 5, 6, 7], [2, 3.5, 4.5, 6.5, 8, 9, 9.5, 10]))
    add(two_sample("spec 12 vs 10", [0.3, 1.2, -0.4, 2.2, 0.9, 1.1, 0.05, -1.3, 0.7, 0.2, 1.9, -0.2],
                   [2.1, 3.3, 1.8, 2.9, 0.4, 2.6, 3.9, 1.5, 2.2, 3.1]))
    add(two_sample("spec 5 vs 5 fallback", [1, 2, 3, 4, 5], [1.5, 2.5, 3.5, 4.5, 5.5]))
    add(two_sample("spec anderson 10 vs 9", [1, 2, 2, 3, 4, 5, 6, 7, 8, 9], [3.5, 4.5, 6.5, 8, 9, 9.5, 10, 11, 12]))
    base = [round(0.1 * k, 1) for k in range(1, 13)]
    add(two_sample("spec anderson floored", base, [v + 5.0 for v in base]))

    # -- Tiny samples, 1..5 each, continuous and tied.
    for n1 in range(1, 6):
        for n2 in range(1, 6):
            add(two_sample(f"tiny {n1}x{n2} normal", rng.normal(size=n1), rng.normal(0.5, 1.0, size=n2)))
            add(two_sample(f"tiny {n1}x{n2} ties", rng.randint(0, 3, size=n1).astype(float),
                           rng.randint(0, 3, size=n2).astype(float)))

    # -- Edge cases.
    add(two_sample("identical samples", [1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0]))
    add(two_sample("all values equal", [2.5] * 6, [2.5] * 4))
    add(two_sample("one distinct each side", [1.0] * 5, [2.0] * 7))
    add(two_sample("extreme separation 30", np.arange(30.0), np.arange(30.0) + 1e6))
    add(two_sample("extreme separation 25 vs 20", np.arange(25.0), -np.arange(20.0) - 1e6))
    add(two_sample("negative zero and zero", [-0.0, 0.0, 1.0], [0.0, 2.0, -1.0]))
    add(two_sample("huge magnitudes", [-1e300, 1e300, 5.0, 1e-300], [1e299, -1e299, 0.0, 2.0, 3.0]))

    # -- Equal sizes where the exact sum rounds above 1: scipy falls back to kstwo.
    fallback = 0
    for n in range(2, 400):
        for h in range(1, 10):
            if h <= n and _compute_prob_outside_square(n, h) > 1 and fallback < 24 and (n < 30 or n % 7 == 0):
                x = np.arange(float(n))
                add(two_sample(f"fallback n={n} h={h}", x, x + (h - 0.5)))
                fallback += 1

    # -- Shifted / scaled normals: scipy's norm.ppf of a grid, stored.
    for n1, n2, shift, scale in [(20, 20, 0.0, 1.0), (20, 19, 0.3, 1.0), (17, 13, 0.0, 2.0), (40, 40, 0.5, 1.0),
                                 (50, 31, 0.0, 1.5), (64, 48, 0.25, 1.0), (100, 100, 0.0, 1.0), (100, 73, 0.8, 1.0),
                                 (120, 90, 0.1, 0.7), (200, 150, 0.05, 1.0)]:
        gx = st.norm.ppf((np.arange(n1) + 0.5) / n1)
        gy = st.norm.ppf((np.arange(n2) + 0.37) / n2) * scale + shift
        add(two_sample(f"normal grid {n1}x{n2} shift {shift} scale {scale}", gx, gy))

    # -- Random small samples: continuous, rounded (ties) and heavy-tailed, all CvM exact sizes
    #    and beyond.
    for t in range(70):
        n1 = int(rng.randint(2, 21))
        n2 = int(rng.randint(2, 21))
        kind = t % 5
        if kind == 0:
            x, y = rng.normal(size=n1), rng.normal(rng.uniform(-1, 1), rng.uniform(0.5, 2), size=n2)
        elif kind == 1:
            x, y = np.round(rng.normal(size=n1), 1), np.round(rng.normal(0.3, 1, size=n2), 1)
        elif kind == 2:
            x, y = rng.randint(0, 4, size=n1).astype(float), rng.randint(0, 5, size=n2).astype(float)
        elif kind == 3:
            x, y = rng.standard_cauchy(size=n1), rng.standard_cauchy(size=n2) * 2
        else:
            x, y = rng.exponential(size=n1), rng.exponential(1.5, size=n2)
        add(two_sample(f"random small {t} ({n1}x{n2}, kind {kind})", x, y))
    for t in range(40):
        n1 = int(rng.randint(21, 90))
        n2 = int(rng.randint(5, 90))
        kind = t % 4
        if kind == 0:
            x, y = rng.normal(size=n1), rng.normal(rng.uniform(-0.8, 0.8), 1, size=n2)
        elif kind == 1:
            x, y = np.round(rng.normal(size=n1), 1), np.round(rng.normal(0.2, 1.2, size=n2), 1)
        elif kind == 2:
            x, y = rng.standard_cauchy(size=n1), rng.standard_cauchy(size=n2) + rng.uniform(0, 3)
        else:
            x, y = rng.randint(0, 6, size=n1).astype(float), rng.randint(0, 6, size=n2).astype(float)
        add(two_sample(f"random medium {t} ({n1}x{n2}, kind {kind})", x, y))
    # Anderson's p: below the table (capped 0.25), inside it and beyond (floored 0.001).
    for t, shift in enumerate([0.0, 0.2, 0.35, 0.5, 0.65, 0.8, 1.0, 1.3, 2.0]):
        add(two_sample(f"anderson sweep shift {shift}", rng.normal(size=60), rng.normal(shift, 1, size=55)))

    # -- Larger samples by recipe: exact KS up to 10000 and the asymptotic branch beyond.
    R = recipe_case
    add(R("recipe frac 500x400", frac(500, PHI), frac(400, SQRT2M1, 1.1, 0.02)))
    add(R("recipe irwin 2000x2000 equal", irwin(2000, W4),
          irwin(2000, W4B, 1.0, 0.05)))
    add(R("recipe irwin 3000x2000 shift", irwin(3000, W4),
          irwin(2000, W4B, 1.0, 0.1)))
    add(R("recipe levels 5000x4000 ties", levels(5000, PHI, 7), levels(4000, SQRT2M1, 9, 1.0, 0.0)))
    add(R("recipe exact 10000x10000 small D", frac(10000, PHI), frac(10000, SQRT2M1)))
    add(R("recipe exact 10000x10000 large D", frac(10000, PHI), frac(10000, SQRT2M1, 1.0, 0.2)))
    add(R("recipe exact 10000x9999 small D", frac(10000, PHI), frac(9999, SQRT2M1, 1.0, 0.003)))
    add(R("recipe exact 10000x9999 moderate D", irwin(10000, W4), irwin(9999, W4, 1.0, 0.03, start=700001)))
    add(R("recipe exact 10000x7001 D~0.05", frac(10000, PHI), frac(7001, SQRT3M1, 1.0, 0.05)))
    add(R("recipe exact 9000x6000 large D", irwin(9000, W4), irwin(6000, W4B, 1.0, 0.3)))
    add(R("recipe exact 6000x4000 p~0.05", irwin(6000, W4), irwin(4000, W4, 1.0, 0.033, start=900001)))
    add(R("recipe cauchy 8000x3000", cauchy(8000, PHI), cauchy(3000, SQRT2M1, 1.5, 0.1)))
    # Beyond 10000: kstwo at n = round(n1 n2 / (n1 + n2)), every branch.
    add(R("recipe asymp 10001x10001", frac(10001, PHI), frac(10001, SQRT2M1, 1.0, 0.004)))
    add(R("recipe asymp 12000x11000 spec D", frac(12000, PHI), frac(11000, SQRT2M1, 1.1, 0.02)))
    add(R("recipe asymp 12000x11000 spec E", frac(12000, PHI), frac(11000, SQRT2M1, 1.01, 0.0)))
    add(R("recipe asymp 20000x300", frac(20000, PHI), frac(300, SQRT3M1, 1.0, 0.02)))
    add(R("recipe asymp 10001x1112 Durbin", frac(10001, PHI), frac(1112, PHI, 1.0, 0.006, start=500001)))
    add(R("recipe asymp 15000x15000 levels", levels(15000, PHI, 50), levels(15000, SQRT2M1, 50, 1.0, 0.01)))
    add(R("recipe asymp 50000x30001 p~0.01", irwin(50000, W4), irwin(30001, W4, 1.0, 0.02, start=2000001)))
    add(R("recipe asymp 40000x40000 p~0.3", irwin(40000, W4), irwin(40000, W4, 1.0, 0.008, start=3000001)))
    add(R("recipe asymp 100000x80000 cauchy", cauchy(100000, PHI), cauchy(80000, SQRT2M1, 1.0, 0.02)))
    add(R("recipe asymp 150000x120000 levels", levels(150000, PHI, 200), levels(120000, PHI, 200, 1.0, 0.0, start=4000001)))
    add(R("recipe asymp 300000x200000 Pelz-Good", irwin(300000, W4), irwin(200000, W4, 1.0, 0.003, start=5000001)))
    add(R("recipe asymp 1000000x1000000 smirnov", irwin(1000000, W4), irwin(1000000, W4, 1.0, 0.0037, start=6000001)))
    add(R("recipe asymp 400000x250000 levels", levels(400000, PHI, 1000), levels(250000, SQRT2M1, 1000, 1.0, 0.0)))

    # -- The distributions directly.
    kstwo = []
    for d, n in [(0.2, 2), (0.15, 5), (0.3, 5), (0.9, 5), (0.6, 20), (0.1, 50), (0.2, 50), (0.35, 50),
                 (0.005, 5739), (0.01, 5739), (0.03, 5739), (0.001, 500000), (0.0025, 500000),
                 (0.004, 500000), (0.03, 500000), (0.5, 1), (0.75, 1), (0.0001, 2000000), (0.0012, 2000000),
                 (0.002, 2000000), (0.00105, 1500000)]:
        kstwo.append([d, n])
    for n in [1, 2, 3, 4, 7, 10, 25, 60, 100, 139, 140, 141, 142, 200, 500, 1000, 3000, 10000, 50000, 99999,
              100000, 100001, 300000, 1000000]:
        for s in [0.3, 0.6, 0.7546, 0.76, 1.0, 2.0, 2.19, 2.21, 3.9, 4.1, 8.0, 20.0, 100.0, 369.0, 371.0]:
            d = math.sqrt(s / n)
            if 0 < d < 1:
                kstwo.append([d, n])
        for t in [0.4, 0.75, 1.0, n - 1.5, n - 0.5]:  # Ruben–Gambino ends
            if 0 < t / n < 1:
                kstwo.append([t / n, n])
    for n in [150, 1000, 20000, 100000]:  # the Durbin region for n > 140: n d^1.5 <= 1.4
        for f in [0.5, 0.9, 0.99]:
            d = (f * 1.4 / n) ** (2 / 3)
            kstwo.append([d, n])
    kstwo = [{"d": d, "n": n, "sf": num(st.kstwo.sf(d, n))} for d, n in kstwo]

    smirnov = []
    for n, x in [(100, 0.3), (141, 0.2), (20000, 0.02), (300000, 0.01), (5739, 0.03), (500000, 0.004),
                 (2000000, 0.001), (1, 0.3), (5, 0.0), (5, 1.0), (5, 0.1), (5, 0.2), (10, 0.1), (10, 0.95),
                 (10, 0.9), (3, 0.7), (20, 0.6), (140, 0.51), (1000, 0.05), (1000, 0.1), (1000, 0.001),
                 (100000, 0.005), (100000, 0.01), (100000, 0.03), (500000, 0.0025), (500000, 0.01),
                 (500000, 0.02), (1000000, 0.002), (1000001, 0.002), (50, 0.02), (200, 0.5), (7, 3 / 7)]:
        smirnov.append([n, x])
    for n in [2, 3, 11, 57, 140, 999, 12345, 250000]:
        for s in [0.1, 0.5, 2.2, 10, 50, 200, 369]:
            x = math.sqrt(s / n)
            if x < 1:
                smirnov.append([n, x])
    smirnov = [{"n": n, "x": x, "sf": num(scipy.special.smirnov(n, x))} for n, x in smirnov]

    durbin = []
    for n, d in [(5, 0.3), (50, 0.1), (50, 0.2), (100, 0.05), (140, 0.15), (1000, 0.02), (20000, 0.002),
                 (100000, 0.0005), (3, 0.4), (10, 0.5)]:
        durbin.append({"n": n, "d": d, "cdf": float(_kolmogn_DMTW(n, d, cdf=True))})

    square = []
    for n, h in [(8, 4), (5, 1), (100, 17), (5000, 150), (60, 2), (1, 1), (2, 1), (2, 2), (10000, 1), (10000, 10000),
                 (10000, 500), (7, 3), (333, 30)]:
        square.append({"n": n, "h": h, "p": float(_compute_prob_outside_square(n, h))})
    inside = []
    for m, n, h in [(7, 5, 8), (12, 10, 44), (100, 37, 900), (3000, 2000, 150), (10000, 9999, 999900),
                    (10000, 9999, 1999800), (5, 3, 1), (5, 3, 15), (40, 12, 30), (1000, 999, 5000),
                    (9, 6, 6), (10000, 3, 10000), (10000, 1, 5000), (7001, 10000, 3000000)]:
        g = math.gcd(m, n)
        inside.append({"m": m, "n": n, "h": h, "p": float(_compute_outer_prob_inside_method(max(m, n), min(m, n), g, h))})

    out = {
        "generator": "scripts/golden/drift_tests.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__},
        "two_sample": cases,
        "kstwo_sf": kstwo,
        "smirnov": smirnov,
        "durbin_cdf": durbin,
        "square": square,
        "inside": inside,
    }
    json.dump(out, sys.stdout, separators=(",", ":"), allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
