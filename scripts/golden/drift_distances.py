#!/usr/bin/python3
"""Golden values for the drift lens's binning, divergences, distances and count tests.

Run with Debian's /usr/bin/python3 (numpy 1.24.2, scipy 1.10.1, pandas 1.5.3):
    /usr/bin/python3 scripts/golden/drift_distances.py [tests/golden/drift_distances.json]

References:
- numpy: np.sum, np.std, np.histogram_bin_edges(..., 'sturges'), np.histogram.
- scipy: stats.wasserstein_distance, stats.energy_distance, stats.entropy, stats.chisquare,
  spatial.distance.jensenshannon.
- Evidently 0.6.7 (not installable here): its formulas (stattests/utils.py get_binned_data,
  psi.py, kl_div.py, jensenshannon.py, hellinger_distance.py, wasserstein_distance_norm.py,
  chisquare_stattest.py, z_stattest.py) are re-done below step by step with pandas/numpy/scipy.
  One deliberate difference: where Evidently orders buckets by iterating a Python set, the
  buckets here are in ascending key order (the order the engine uses); set order only moves
  sums in their last bits, and for strings it changes from run to run (hash randomisation).

Large samples are not stored: they are "recipes" (splitmix64 integers turned into doubles with
exact operations only: integer arithmetic, scaling by powers of two, one division or one
addition), which the C++ test rebuilds bit for bit. Non-finite numbers are written as the
strings "inf", "-inf", "nan" (JSON has no literal for them); "error" marks a call that raises.
"""
import json
import math
import sys
import warnings

import numpy as np
import pandas as pd
import scipy
from scipy import stats
from scipy.spatial import distance

# numpy warns where scipy/Evidently divide by zero (expected cells of 0, overflowing ranges):
# those cases are the point, and their results are recorded.
warnings.simplefilter("ignore", RuntimeWarning)

OUT = sys.argv[1] if len(sys.argv) > 1 else "tests/golden/drift_distances.json"

# ------------------------------------------------------------------------------------------
# Data recipes (mirrored in tests/unit/test_drift_distances.cpp)

GOLDEN_GAMMA = 0x9E3779B97F4A7C15


def splitmix64(seed, count):
    """The splitmix64 outputs 1..count for a generator whose state starts at `seed`."""
    i = np.arange(1, count + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + i * np.uint64(GOLDEN_GAMMA)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return z


def top53(u):
    return (u >> np.uint64(11)).astype(np.int64)


def build(spec):
    """Values of a data spec: a list, or a recipe dict."""
    if isinstance(spec, list):
        return np.array(spec, dtype=np.float64)
    if spec["gen"] == "repeat":  # values[i] repeated counts[i] times
        return np.repeat(np.array(spec["values"], dtype=np.float64), spec["counts"])
    kind, n, seed = spec["gen"], spec["n"], spec["seed"]
    lo = float(spec.get("lo", 0.0))
    e = spec.get("exp", 0)
    if kind == "uniform":  # lo + [0, 2^exp), 53 random bits
        return top53(splitmix64(seed, n)).astype(np.float64) * 2.0 ** (e - 53) + lo
    if kind == "bell":  # lo + (-2^exp, 2^exp): sum of four 51-bit uniforms, centred
        u = splitmix64(seed, 4 * n).reshape(n, 4)
        s = (u >> np.uint64(13)).astype(np.int64).sum(axis=1) - 2**52
        return s.astype(np.float64) * 2.0 ** (e - 52) + lo
    if kind == "ratio":  # heavy (Cauchy-like) tails: a / b * 2^exp + lo
        u = splitmix64(seed, 2 * n).reshape(n, 2)
        a = (top53(u[:, 0]) - 2**52).astype(np.float64)
        b = (top53(u[:, 1]) + 1).astype(np.float64)
        return a / b * 2.0**e + lo
    if kind == "int":  # lo + (0..K-1) * 2^exp: few distinct values, many ties
        u = splitmix64(seed, n)
        return (u % np.uint64(spec["k"])).astype(np.float64) * 2.0**e + lo
    if kind == "grid":  # lo + (0..K-1) / D: decimal-looking values that sit near bin edges
        u = splitmix64(seed, n)
        return (u % np.uint64(spec["k"])).astype(np.float64) / float(spec["d"]) + lo
    if kind == "mixed":  # signed 53-bit integers times 2^(0..63 - 80): order of summation matters
        u = splitmix64(seed, n)
        s = (top53(u) - 2**52).astype(np.float64)
        k = (u & np.uint64(63)).astype(np.int64) - 80
        return np.ldexp(s, k)
    raise ValueError(kind)


def R(gen, n, seed, **kw):
    d = {"gen": gen, "n": n, "seed": seed}
    d.update(kw)
    return d


def REP(values, counts):
    return {"gen": "repeat", "values": values, "counts": counts}


# ------------------------------------------------------------------------------------------
# JSON helpers

def num(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def nums(a):
    return [num(x) for x in a]


# ------------------------------------------------------------------------------------------
# Evidently 0.6.7's formulas, step by step

def ev_binned(ref, cur, numerical, fill):
    """get_binned_data(reference, current, feature_type, n, feel_zeroes=fill)."""
    if numerical and ref.nunique() > 20:
        bins = np.histogram_bin_edges(pd.concat([ref, cur], axis=0).values, bins="sturges")
        rp = np.histogram(ref, bins)[0] / len(ref)
        cp = np.histogram(cur, bins)[0] / len(cur)
        branch = "sturges"
    else:
        keys = sorted(set(ref.dropna().unique()) | set(cur.dropna().unique()))  # Evidently: set order
        rd = {**dict.fromkeys(keys, 0), **dict(ref.value_counts())}
        cd = {**dict.fromkeys(keys, 0), **dict(cur.value_counts())}
        rp = np.array([rd[k] / len(ref) for k in keys])
        cp = np.array([cd[k] / len(cur) for k in keys])
        branch = "values"
    if fill:
        for p in (rp, cp):
            smallest = min(p[p != 0])
            np.place(p, p == 0, smallest / 10**6 if smallest <= 0.0001 else 0.0001)
    return rp, cp, branch


def ev_psi(ref, cur, numerical):
    rp, cp, _ = ev_binned(ref, cur, numerical, True)
    return np.sum((rp - cp) * np.log(rp / cp))


def ev_kl(ref, cur, numerical):
    rp, cp, _ = ev_binned(ref, cur, numerical, True)
    return stats.entropy(rp, cp)


def ev_js(ref, cur, numerical):
    rp, cp, _ = ev_binned(ref, cur, numerical, False)
    return distance.jensenshannon(rp, cp, None)


def ev_hellinger(ref, cur, numerical):
    ref = ref.dropna()
    cur = cur.dropna()
    keys = sorted(set(ref.unique()) | set(cur.unique()))  # Evidently: set order
    total = 0.0
    if not numerical:
        rd = (ref.value_counts() / len(ref)).to_dict()
        cd = (cur.value_counts() / len(cur)).to_dict()
        for k in keys:
            total += math.sqrt(rd.get(k, 0) * cd.get(k, 0))
    else:
        bins = np.histogram_bin_edges(keys, bins="sturges")
        h1 = np.histogram(ref.to_numpy(), bins=bins, density=True)[0]
        h2 = np.histogram(cur.to_numpy(), bins=bins, density=True)[0]
        width = (max(bins) - min(bins)) / (len(bins) - 1)
        for i in range(len(h1)):
            total += math.sqrt(h1[i] * h2[i]) * width
    total = np.clip(total, 0, 1)
    return math.sqrt(1 - total)


def ev_wasserstein_normed(ref, cur):
    norm = max(np.std(ref), 0.001)
    return stats.wasserstein_distance(ref, cur) / norm


def ev_chisquare(ref, cur):
    keys = sorted(set(ref.dropna().unique()) | set(cur.dropna().unique()))
    rd = {**dict.fromkeys(keys, 0), **dict(ref.value_counts())}
    cd = {**dict.fromkeys(keys, 0), **dict(cur.value_counts())}
    k_norm = cur.shape[0] / ref.shape[0]
    f_exp = [rd[k] * k_norm for k in keys]
    f_obs = [cd[k] for k in keys]
    return stats.chisquare(f_obs, f_exp)


def ev_z(ref, cur):
    """_z_stat_test; returns (z, p), z None when Evidently skips the test."""
    if ref.nunique() == 1 and cur.nunique() == 1 and ref.unique()[0] == cur.unique()[0]:
        return None, 1
    keys = sorted(set(ref.dropna().unique()) | set(cur.dropna().unique()))
    a = ref.apply(lambda x, key=keys[0]: 0 if x == key else 1)
    b = cur.apply(lambda x, key=keys[0]: 0 if x == key else 1)
    n1, n2 = len(a), len(b)
    p1 = float(sum(a)) / n1
    p2 = float(sum(b)) / n2
    pooled = float(p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2))
    return z, 2 * (1 - stats.norm.cdf(np.abs(z)))


# ------------------------------------------------------------------------------------------
# numpy_sum: bit-exact np.sum

def numpy_sum_cases():
    out = []
    sizes = [1, 7, 8, 9, 15, 16, 17, 127, 128, 129, 130, 1000, 8191, 8192, 8193, 16385, 20000, 100003]
    for i, n in enumerate(sizes):
        spec = R("mixed", n, 1000 + i)
        a = build(spec)
        left_to_right = 0.0
        for v in a.tolist():
            left_to_right += v
        out.append({"name": f"mixed magnitudes n={n}", "data": spec, "sum": num(np.sum(a)),
                    "differs_from_left_to_right": bool(left_to_right != np.sum(a))})
    for n in (7, 129, 20000):
        spec = R("uniform", n, 77 + n, lo=-0.5, exp=0)
        out.append({"name": f"uniform n={n}", "data": spec, "sum": num(np.sum(build(spec)))})
    out.append({"name": "signed zeros", "data": [-0.0, -0.0, -0.0], "sum": num(np.sum(np.array([-0.0] * 3)))})
    return out


# ------------------------------------------------------------------------------------------
# Sturges edges and histogram counts

def sturges_case(name, spec):
    a = build(spec)
    edges = np.histogram_bin_edges(a, bins="sturges")
    counts = np.histogram(a, edges)[0]
    return {"name": name, "data": spec, "min": num(a.min()), "max": num(a.max()), "count": int(a.size),
            "edges": nums(edges), "counts": [int(c) for c in counts],
            "sturges_naive_bins": int(math.ceil(math.log2(a.size) + 1)) if a.min() != a.max() else 1}


def edges_only(name, lo, hi, count):
    """histogram_bin_edges of a synthetic array with exactly this min, max and size."""
    a = np.full(count, lo)
    a[-1] = hi
    try:
        edges = nums(np.histogram_bin_edges(a, bins="sturges"))
    except ValueError:
        edges = "error"
    return {"name": name, "min": num(lo), "max": num(hi), "count": count, "edges": edges}


def sturges_cases():
    data = []
    data.append(sturges_case("tenths 0..1", [i / 10 for i in range(11)]))
    data.append(sturges_case("constant", [2.0, 2.0, 2.0]))
    data.append(sturges_case("single value", [-7.25]))
    data.append(sturges_case("two values", [1.0, 3.0]))
    data.append(sturges_case("spec 16 values", [-1.5, 0.25, 0.3, 0.3, 0.7, 1.1, 2.2, 3.3, 4.4, 4.4, 5.0, 6.75, 9.0,
                                                9.0, 10.5, 12.0]))
    data.append(sturges_case("power of two, 8 bins not 7",
                             [-21.579197793091435, -20.617094856483448] + [-21.0] * 62))
    data.append(sturges_case("values on exact edges (32 ints 0..12)", [float(i % 13) for i in range(31)] + [12.0]))
    data.append(sturges_case("constant 1e17 (no room for +-0.5)", [1e17] * 5))
    data.append(sturges_case("grid tenths, ties", R("grid", 1000, 5, k=101, d=10.0)))
    data.append(sturges_case("grid thirds", R("grid", 4096, 6, k=31, d=3.0, lo=-5.0)))
    data.append(sturges_case("ints with ties", R("int", 5000, 7, k=9, exp=-1, lo=3.0)))
    data.append(sturges_case("uniform 1000", R("uniform", 1000, 8, lo=-3.0, exp=3)))
    data.append(sturges_case("bell 100000", R("bell", 100000, 9, lo=10.0, exp=2)))
    data.append(sturges_case("heavy tails 20000", R("ratio", 20000, 10, exp=0)))
    data.append(sturges_case("mixed magnitudes 777", R("mixed", 777, 11)))
    # Data whose size is a power of two and whose bin count exceeds log2(n) + 1: searched by seed.
    for n in (64, 128, 256, 1024, 4096, 16384):
        for seed in range(2000, 4000):
            c = sturges_case(f"power of two ceil case n={n} seed={seed}", R("uniform", n, seed, lo=-21.5, exp=1))
            if len(c["edges"]) - 1 > math.log2(n) + 1:
                data.append(c)
                break
    # Edges only: random ranges, many of them power-of-two sizes.
    rng = np.random.default_rng(20240601)
    edges = []
    for i in range(240):
        n = int(2 ** rng.integers(0, 21)) if i % 2 == 0 else int(rng.integers(1, 3_000_000))
        lo = float(rng.normal() * 10.0 ** rng.integers(-3, 6))
        hi = lo + float(abs(rng.standard_cauchy())) * 10.0 ** float(rng.integers(-6, 4))
        if n == 1:
            hi = lo
        edges.append(edges_only(f"random range {i}", lo, hi, n))
    edges.append(edges_only("tiny range", 1.0, float(np.nextafter(1.0, 2.0)), 1000))
    edges.append(edges_only("subnormal range", 0.0, 5e-324, 1000))
    edges.append(edges_only("range overflows", -1e308, 1e308, 10))
    edges.append(edges_only("n = 2^20", -1.0, 1.0, 2**20))
    edges.append(edges_only("n = 2", 0.0, 1.0, 2))
    return data, edges


# ------------------------------------------------------------------------------------------
# Numeric column: shares, divergences, distances

MAX_STORED_BUCKETS = 100  # longer share vectors are checked through the scores only (file size)


def numeric_case(name, ref_spec, cur_spec):
    ref = pd.Series(build(ref_spec))
    cur = pd.Series(build(cur_spec))
    rp, cp, branch = ev_binned(ref, cur, True, False)
    w = stats.wasserstein_distance(ref, cur)
    c = {"name": name, "ref": ref_spec, "cur": cur_spec, "branch": branch, "buckets": len(rp),
         "psi": num(ev_psi(ref, cur, True)), "kl": num(ev_kl(ref, cur, True)), "js": num(ev_js(ref, cur, True)),
         "hellinger": num(ev_hellinger(ref, cur, True)),
         "wasserstein": num(w), "energy": num(stats.energy_distance(ref, cur)),
         "std_ref": num(np.std(ref)), "wasserstein_normed": num(ev_wasserstein_normed(ref, cur))}
    assert np.std(ref) == np.std(ref.to_numpy())  # pandas and numpy agree to the bit here
    if len(rp) <= MAX_STORED_BUCKETS:
        rf, cf, _ = ev_binned(ref, cur, True, True)
        c.update({"ref_shares": nums(rp), "cur_shares": nums(cp), "ref_filled": nums(rf), "cur_filled": nums(cf)})
    return c


def numeric_cases():
    s97_ref = [6.18, 2.361, 8.541, 4.721, 0.902, 7.082, 3.262, 9.443, 5.623, 1.803, 7.984, 4.164, 0.344, 6.525,
               2.705, 8.885, 5.066, 1.246, 7.426, 3.607, 9.787, 5.967, 2.148, 8.328, 4.508, 0.689, 6.869, 3.05,
               9.23, 5.41, 1.591, 7.771, 3.951, 0.132, 6.312, 2.492, 8.673, 4.853, 1.033, 7.214]
    s97_cur = [5.642, 9.784, 3.926, 8.069, 2.211, 6.353, 10.495, 4.637, 8.779, 2.921, 7.063, 11.206, 5.348, 9.49,
               3.632, 7.774, 1.916, 6.058, 10.201, 4.343, 8.485, 2.627, 6.769, 10.911, 5.053, 9.196, 3.338, 7.48,
               1.622, 5.764]
    c = []
    c.append(numeric_case("spec 9.7", s97_ref, s97_cur))
    c.append(numeric_case("spec 2 example a", [0.0, 1.0, 3.0], [5.0, 6.0, 8.0]))
    c.append(numeric_case("spec 2 example b", [1.5, 2.0, 2.0, 3.25, 7.0], [2.0, 2.5, 4.0, 4.0]))
    c.append(numeric_case("spec 2 example c", [0.1, 0.2, 0.2, 0.9], [0.15, 0.2, 1.4, 1.4, 2.0, -0.5]))
    c.append(numeric_case("single values equal", [5.0], [5.0]))
    c.append(numeric_case("single values differ", [1.0], [2.0]))
    c.append(numeric_case("single vs many", [0.5], R("uniform", 300, 21, exp=0)))
    c.append(numeric_case("constant reference (std floor)", REP([3.0], [50]), R("uniform", 40, 22, lo=2.5, exp=0)))
    c.append(numeric_case("identical samples, values branch", R("int", 500, 23, k=7), R("int", 500, 23, k=7)))
    c.append(numeric_case("identical samples, sturges", R("bell", 3000, 24, exp=1), R("bell", 3000, 24, exp=1)))
    c.append(numeric_case("same distribution, sturges", R("bell", 5000, 25, exp=1), R("bell", 4000, 26, exp=1)))
    c.append(numeric_case("shifted bell", R("bell", 2000, 27, exp=1), R("bell", 2500, 28, lo=0.25, exp=1)))
    c.append(numeric_case("scaled bell", R("bell", 3000, 29, exp=1), R("bell", 3000, 30, exp=2)))
    c.append(numeric_case("uniform vs bell", R("uniform", 1000, 31, lo=-1.0, exp=1), R("bell", 1200, 32, exp=0)))
    c.append(numeric_case("disjoint ranges", R("uniform", 100, 33, exp=0), R("uniform", 80, 34, lo=10.0, exp=0)))
    c.append(numeric_case("values branch, 5 values", R("int", 400, 35, k=5), R("int", 300, 36, k=5, lo=1.0)))
    c.append(numeric_case("values branch, 20 values (boundary)", R("int", 4000, 37, k=20, exp=-2),
                          R("int", 3000, 38, k=20, exp=-2)))
    c.append(numeric_case("sturges branch, 21 values (boundary)", R("int", 4000, 39, k=21, exp=-2),
                          R("int", 3000, 40, k=21, exp=-2)))
    c.append(numeric_case("values branch, current has unseen values", R("int", 1000, 41, k=10),
                          R("int", 800, 42, k=25)))
    c.append(numeric_case("values branch, reference has values current lacks", R("int", 1000, 43, k=12),
                          R("int", 900, 44, k=4, lo=2.0)))
    c.append(numeric_case("values branch, rare value (fill min/1e6)",
                          REP([0.0, 1.0], [19999, 1]), REP([0.0, 1.0, 2.0], [15000, 4999, 1])))
    c.append(numeric_case("ties on a grid", R("grid", 3000, 45, k=301, d=100.0), R("grid", 2000, 46, k=251, d=100.0)))
    c.append(numeric_case("heavy tails (fill 1e-4 and min/1e6)", R("ratio", 10000, 47, exp=0),
                          R("ratio", 10000, 48, exp=1)))
    c.append(numeric_case("heavy tails, small", R("ratio", 300, 49, exp=0), R("ratio", 200, 50, exp=0, lo=1.0)))
    c.append(numeric_case("heavy vs bell", R("ratio", 5000, 51, exp=-2), R("bell", 5000, 52, exp=0)))
    c.append(numeric_case("negative, tiny scale", R("bell", 2000, 53, lo=-1e-6, exp=-30),
                          R("bell", 2000, 54, lo=-1e-6, exp=-29)))
    c.append(numeric_case("large offset", R("uniform", 2000, 55, lo=1e9, exp=5), R("uniform", 2000, 56, lo=1e9 + 3, exp=5)))
    c.append(numeric_case("mixed magnitudes", R("mixed", 4000, 57), R("mixed", 3000, 58)))
    c.append(numeric_case("sizes 1 vs 5000", [0.3], R("bell", 5000, 59, exp=0)))
    c.append(numeric_case("large 200k vs 150k bell", R("bell", 200000, 60, exp=3), R("bell", 150000, 61, lo=0.1, exp=3)))
    c.append(numeric_case("large 120k ints (values branch)", R("int", 120000, 62, k=15), R("int", 130000, 63, k=16)))
    c.append(numeric_case("large 1M vs 1M", R("bell", 1_000_000, 64, exp=2), R("bell", 1_000_000, 65, lo=0.05, exp=2)))
    rng = np.random.default_rng(99)
    gens = ["uniform", "bell", "ratio", "int", "grid"]
    for i in range(60):
        g1, g2 = gens[rng.integers(0, 5)], gens[rng.integers(0, 5)]

        def spec(g, seed):
            n = int(rng.integers(1, 3000))
            lo = float(rng.integers(-8, 8)) / 4
            if g == "int":
                return R(g, n, seed, k=int(rng.integers(2, 40)), exp=int(rng.integers(-3, 2)), lo=lo)
            if g == "grid":
                return R(g, n, seed, k=int(rng.integers(2, 500)), d=float(rng.integers(1, 50)), lo=lo)
            return R(g, n, seed, exp=int(rng.integers(-2, 3)), lo=lo)

        c.append(numeric_case(f"random {i}: {g1} vs {g2}", spec(g1, 500 + 2 * i), spec(g2, 501 + 2 * i)))
    return c


# ------------------------------------------------------------------------------------------
# Categorical column (counts per category, ascending keys)

def categorical_case(name, ref_counts, cur_counts):
    keys = np.arange(len(ref_counts))
    ref = pd.Series(np.repeat(keys, ref_counts))
    cur = pd.Series(np.repeat(keys, cur_counts))
    rp, cp, _ = ev_binned(ref, cur, False, False)
    chi = ev_chisquare(ref, cur)
    z, zp = ev_z(ref, cur)
    return {"name": name, "ref_counts": [int(x) for x in ref_counts], "cur_counts": [int(x) for x in cur_counts],
            "ref_shares": nums(rp), "cur_shares": nums(cp),
            "psi": num(ev_psi(ref, cur, False)), "kl": num(ev_kl(ref, cur, False)), "js": num(ev_js(ref, cur, False)),
            "hellinger": num(ev_hellinger(ref, cur, False)),
            "chisquare_stat": num(chi[0]), "chisquare_p": num(chi[1]),
            "z": None if z is None else num(z), "z_p": num(zp)}


def categorical_cases():
    c = []
    # Spec 9.4: ref "aaabbbbcccccdd", cur "abbbccccccccde" (a, b, c, d, e).
    c.append(categorical_case("spec 9.4 (unseen e)", [3, 4, 5, 2, 0], [1, 3, 8, 1, 1]))
    c.append(categorical_case("spec 9.1 z example", [6, 4], [2, 10]))
    c.append(categorical_case("identical counts", [10, 20, 30], [10, 20, 30]))
    c.append(categorical_case("same proportions, sizes differ", [1, 2, 3], [2, 4, 6]))
    c.append(categorical_case("one category, same", [7], [3]))
    c.append(categorical_case("one category each, different", [5, 0], [0, 4]))
    c.append(categorical_case("first category only in current", [0, 5, 5], [3, 4, 4]))
    c.append(categorical_case("first category only in reference", [4, 5, 5], [0, 6, 2]))
    c.append(categorical_case("category missing from current", [10, 10, 10], [15, 0, 15]))
    c.append(categorical_case("two categories, z below 1", [500, 500], [510, 490]))
    c.append(categorical_case("two categories, huge z", [100000, 10], [10, 100000]))
    c.append(categorical_case("rare category, nothing to fill", [19999, 1], [15000, 5000]))
    c.append(categorical_case("share exactly 1e-4", [9999, 1, 0], [5000, 4000, 1000]))
    c.append(categorical_case("rare and unseen in both (fill min/1e6 twice)", [19999, 1, 0], [0, 29999, 1]))
    c.append(categorical_case("large counts", [400000, 300000, 200000, 100000], [250000, 250000, 250000, 250000]))
    c.append(categorical_case("near identical large", [500000, 500001], [500001, 500000]))
    rng = np.random.default_rng(7)
    for i in range(80):
        k = int(rng.integers(2, 30))
        size_r = int(rng.integers(1, 5000))
        size_c = int(rng.integers(1, 5000))
        pr = rng.dirichlet(np.ones(k) * float(rng.choice([0.3, 1.0, 5.0])))
        pc = pr if i % 4 == 0 else rng.dirichlet(np.ones(k))
        rc = rng.multinomial(size_r, pr)
        cc = rng.multinomial(size_c, pc)
        keep = (rc + cc) > 0  # a category no one has does not exist for Evidently
        c.append(categorical_case(f"random {i}: k={int(keep.sum())}", rc[keep], cc[keep]))
    return c


# ------------------------------------------------------------------------------------------
# scipy.stats.chisquare directly

def chisquare_case(name, obs, exp):
    try:
        with np.errstate(all="ignore"):
            r = stats.chisquare(obs, exp) if exp is not None else stats.chisquare(obs)
        stat, p = num(r[0]), num(r[1])
    except ValueError:
        stat, p = "error", "error"
    return {"name": name, "observed": nums(obs), "expected": None if exp is None else nums(exp),
            "stat": stat, "p": p}


def chisquare_cases():
    c = []
    c.append(chisquare_case("spec uniform f_exp", [16, 18, 16, 14, 12, 12], None))
    c.append(chisquare_case("spec rescaled", [10, 20, 30, 5], [15 * 65 / 60, 25 * 65 / 60, 15 * 65 / 60, 5 * 65 / 60]))
    c.append(chisquare_case("spec b", [30, 14, 34, 45, 57, 20], [20, 20, 30, 40, 60, 30]))
    c.append(chisquare_case("spec fractional", [5, 0, 7], [6, 0.5, 5.5]))
    c.append(chisquare_case("zero expected, positive observed", [5, 1, 6], [6, 0, 6]))
    c.append(chisquare_case("zero expected and observed", [5, 0, 7], [6, 0, 6]))
    c.append(chisquare_case("one cell", [5], [5]))
    c.append(chisquare_case("sums disagree", [10, 20], [10, 21]))
    c.append(chisquare_case("sums agree within 1e-8", [10, 20], [10, 20 + 1e-8]))
    c.append(chisquare_case("perfect fit", [3, 4, 5], [3, 4, 5]))
    c.append(chisquare_case("all zero, f_exp None", [0, 0, 0], None))
    c.append(chisquare_case("tiny p", [1000, 0], [500, 500]))
    c.append(chisquare_case("p underflows", [3000, 0], [1500, 1500]))
    c.append(chisquare_case("p near 1", [1000, 1001, 999, 1000], None))
    # Observed counts drawn from the expected proportions, some of them perturbed: p-values
    # spread over (0, 1] rather than all underflowing.
    rng = np.random.default_rng(3)
    for i in range(50):
        k = int(rng.integers(2, 60 if i < 47 else 500))
        w = rng.uniform(0.2, 1.0, size=k)
        target = w * rng.uniform(1 - 0.3 * (i % 3), 1 + 0.3 * (i % 3), size=k) if i % 3 else w
        obs = rng.multinomial(int(rng.integers(k, 20 * k + 2000)), target / target.sum()).astype(float)
        exp = w / w.sum() * obs.sum()
        c.append(chisquare_case(f"random {i}: k={k}", obs, exp if i % 5 else None))
    return c


def fill_cases():
    c = []
    for v in ([0.5, 0.0, 0.5], [0.0, 0.00005, 0.99995], [0.0001, 0.0, 0.9999], [0.2, 0.3, 0.5], [0.0, 0.0, 1.0]):
        a = np.array(v)
        smallest = min(a[a != 0])
        np.place(a, a == 0, smallest / 10**6 if smallest <= 0.0001 else 0.0001)
        c.append({"shares": v, "filled": nums(a)})
    return c


def main():
    sturges, edges = sturges_cases()
    golden = {
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "pandas": pd.__version__,
                     "python": sys.version.split()[0]},
        "numpy_sum": numpy_sum_cases(),
        "sturges": sturges,
        "sturges_edges": edges,
        "numeric": numeric_cases(),
        "categorical": categorical_cases(),
        "chisquare": chisquare_cases(),
        "fill_zeroes": fill_cases(),
    }
    with open(OUT, "w") as f:
        json.dump(golden, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
