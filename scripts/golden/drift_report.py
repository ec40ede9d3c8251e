#!/usr/bin/python3
"""Golden values for whole drift reports (tests/golden/drift_report.json).

Each case is a pair of CSV texts (or one CSV with a time column). The expected report is computed
here independently of the C++ engine: pandas reads the CSV, Evidently's rules (default test per
column, thresholds, drift rules, dataset share; read from Evidently 0.6.7's source, see
docs/drift.md) are written out below, and every statistic comes from scipy / numpy / statsmodels
(the multiple-testing corrections). Run with Debian's python3 (scipy 1.10, numpy 1.24,
pandas 1.5, statsmodels 0.13):  /usr/bin/python3 scripts/golden/drift_report.py > tests/golden/drift_report.json
"""
import io
import json
import math
import sys

import numpy as np
import pandas as pd
import scipy
from scipy import stats
from scipy.spatial import distance
from statsmodels.stats.multitest import multipletests

MISSING = ["", "NA", "N/A", "NaN", "nan", "null", "NULL", "None"]


def read(text):
    return pd.read_csv(io.StringIO(text), na_values=MISSING, keep_default_na=False)


def clean(s):
    s = s.replace([np.inf, -np.inf], np.nan).dropna()
    return s


def is_numeric(s):
    return pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)


def default_test(numeric, n_ref, n_unique):
    if n_ref <= 1000:
        if numeric and n_unique > 5:
            return "ks"
        return "chisquare" if n_unique > 2 else "z"
    if numeric and n_unique > 5:
        return "wasserstein"
    return "jensenshannon"


def ndtr(a):
    t = a * math.sqrt(0.5)
    if abs(t) < math.sqrt(0.5):
        return 0.5 + 0.5 * math.erf(t)
    y = 0.5 * math.erfc(abs(t))
    return 1 - y if t > 0 else y


def z_test(ref, cur):
    if ref.nunique() == 1 and cur.nunique() == 1 and ref.unique()[0] == cur.unique()[0]:
        return 1.0
    keys = sorted(set(ref.unique()) | set(cur.unique()))
    r = (ref != keys[0]).astype(float)
    c = (cur != keys[0]).astype(float)
    n1, n2 = len(r), len(c)
    p1, p2 = r.sum() / n1, c.sum() / n2
    P = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / math.sqrt(P * (1 - P) * (1.0 / n1 + 1.0 / n2))
    return 2 * (1 - ndtr(abs(z)))


def chisquare_p(ref, cur):
    keys = sorted(set(ref.unique()) | set(cur.unique()))
    k = len(cur) / len(ref)
    rc = ref.value_counts()
    cc = cur.value_counts()
    f_exp = [rc.get(key, 0) * k for key in keys]
    f_obs = [cc.get(key, 0) for key in keys]
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(stats.chisquare(f_obs, f_exp).pvalue)


def shares(ref, cur, numeric):
    if numeric and ref.nunique() > 20:
        edges = np.histogram_bin_edges(np.concatenate([ref.values, cur.values]), "sturges")
        r = np.histogram(ref.values, edges)[0] / len(ref)
        c = np.histogram(cur.values, edges)[0] / len(cur)
    else:
        keys = list(set(ref.unique()) | set(cur.unique()))
        rc, cc = ref.value_counts(), cur.value_counts()
        r = np.array([rc.get(k, 0) / len(ref) for k in keys])
        c = np.array([cc.get(k, 0) / len(cur) for k in keys])
    return r, c


def fill(v):
    v = v.copy()
    nz = v[v > 0]
    m = nz.min() if len(nz) else 0.0001
    v[v == 0] = m / 10**6 if m <= 0.0001 else 0.0001
    return v


def score_of(test, ref, cur, numeric):
    if test == "ks":
        return float(stats.ks_2samp(ref.values, cur.values).pvalue)
    if test == "wasserstein":
        return float(stats.wasserstein_distance(ref.values, cur.values) / max(np.std(ref.values), 0.001))
    if test == "chisquare":
        return chisquare_p(ref, cur)
    if test == "z":
        return z_test(ref, cur)
    r, c = shares(ref, cur, numeric)
    if test == "jensenshannon":
        return float(distance.jensenshannon(r, c))
    if test == "psi":
        r, c = fill(r), fill(c)
        return float(np.sum((r - c) * np.log(r / c)))
    if test == "kl_div":
        return float(stats.entropy(fill(r), fill(c)))
    raise ValueError(test)


PVALUE_TESTS = {"ks": "le", "chisquare": "lt", "z": "lt"}
THRESHOLDS = {"ks": 0.05, "chisquare": 0.05, "z": 0.05, "wasserstein": 0.1, "jensenshannon": 0.1, "psi": 0.1, "kl_div": 0.1}


def drifted(test, score, threshold):
    if math.isnan(score):
        return False
    if test in PVALUE_TESTS:
        return score <= threshold if PVALUE_TESTS[test] == "le" else score < threshold
    return score >= threshold


def report(ref_df, cur_df, columns, correction=None, tests=None, drift_share=0.5):
    tests = tests or {}
    out = []
    for name in columns:
        ref, cur = clean(ref_df[name]), clean(cur_df[name])
        numeric = is_numeric(ref_df[name]) and is_numeric(cur_df[name])
        n_unique = pd.concat([ref, cur]).nunique()
        test = tests.get(name) or default_test(numeric, len(ref), n_unique)
        score = score_of(test, ref, cur, numeric)
        col = {"name": name, "n_reference": len(ref), "n_current": len(cur), "test": test,
               "score": None if math.isinf(score) else score, "threshold": THRESHOLDS[test]}
        if numeric:
            col["metrics"] = {
                "ks_pvalue": float(stats.ks_2samp(ref.values, cur.values).pvalue),
                "wasserstein": float(stats.wasserstein_distance(ref.values, cur.values)),
                "energy_distance": float(stats.energy_distance(ref.values, cur.values)),
                "cvm_pvalue": float(stats.cramervonmises_2samp(ref.values, cur.values).pvalue),
            }
            if pd.concat([ref, cur]).nunique() >= 2:
                col["metrics"]["anderson_pvalue"] = float(stats.anderson_ksamp([ref.values, cur.values]).significance_level)
        out.append(col)
    pcols = [c for c in out if c["test"] in PVALUE_TESTS and c["score"] is not None]
    if correction and pcols:
        method = {"bonferroni": "bonferroni", "bh": "fdr_bh"}[correction]
        adjusted = multipletests([c["score"] for c in pcols], method=method)[1]
        for c, a in zip(pcols, adjusted):
            c["pvalue_adjusted"] = float(a)
    for c in out:
        s = c.get("pvalue_adjusted", c["score"] if c["score"] is not None else 0.0)
        c["drift_detected"] = drifted(c["test"], s, c["threshold"])
    share = sum(c["drift_detected"] for c in out) / len(out)
    return {"columns": out, "share": share, "detected": share >= drift_share}


def to_csv(df):
    return df.to_csv(index=False, lineterminator="\n", float_format="%.17g")


def make_small(rng, n, shift):
    df = pd.DataFrame({
        "score": rng.normal(shift, 1, n).round(3),
        "visits": rng.integers(0, 4, n),
        "flag": rng.integers(0, 2, n),
        "plan": rng.choice(["free", "pro", "team"], n, p=[0.6, 0.3 - shift / 10, 0.1 + shift / 10]),
        "mobile": rng.choice(["yes_mobile", "no_mobile"], n),
    })
    return df


def main():
    cases = []
    rng = np.random.default_rng(20261123)

    # 1. Small samples: KS, chi-square on a few-valued numeric column, z on a binary one.
    ref = make_small(rng, 400, 0.0)
    cur = make_small(rng, 300, 0.3)
    ref_csv, cur_csv = to_csv(ref), to_csv(cur)
    # Missing values of every spelling, and an infinity, in the numeric column.
    lines = cur_csv.split("\n")
    for i, token in zip(range(1, 6), ["NA", "", "null", "inf", "NaN"]):
        f = lines[i].split(",")
        f[0] = token
        lines[i] = ",".join(f)
    cur_csv = "\n".join(lines)
    cols = list(ref.columns)
    cases.append({"name": "small_default_tests", "reference": ref_csv, "current": cur_csv,
                  "expected": report(read(ref_csv), read(cur_csv), cols)})
    cases.append({"name": "small_bonferroni", "reference": ref_csv, "current": cur_csv, "correction": "bonferroni",
                  "expected": report(read(ref_csv), read(cur_csv), cols, correction="bonferroni")})
    cases.append({"name": "small_bh", "reference": ref_csv, "current": cur_csv, "correction": "bh",
                  "expected": report(read(ref_csv), read(cur_csv), cols, correction="bh")})

    # 2. Large samples (> 1000 reference rows): normed Wasserstein and Jensen-Shannon.
    n = 3000
    ref = pd.DataFrame({"amount": rng.lognormal(3, 0.8, n).round(2), "items": rng.integers(1, 4, n),
                        "country": rng.choice(["DE", "FR", "US", "UK"], n, p=[0.4, 0.3, 0.2, 0.1])})
    cur = pd.DataFrame({"amount": rng.lognormal(3.1, 0.8, 2500).round(2), "items": rng.integers(1, 5, 2500),
                        "country": rng.choice(["DE", "FR", "US", "UK", "BR"], 2500, p=[0.3, 0.3, 0.2, 0.1, 0.1])})
    ref_csv, cur_csv = to_csv(ref), to_csv(cur)
    cases.append({"name": "large_default_tests", "reference": ref_csv, "current": cur_csv,
                  "expected": report(read(ref_csv), read(cur_csv), list(ref.columns))})
    # The same with chosen tests (PSI, KL, chi-square with an unseen category).
    chosen = {"amount": "psi", "items": "kl_div", "country": "chisquare"}
    cases.append({"name": "large_chosen_tests", "reference": ref_csv, "current": cur_csv, "tests": chosen,
                  "expected": report(read(ref_csv), read(cur_csv), list(ref.columns), tests=chosen)})

    # 3. One file split by day: the first day is the reference, each later day against it.
    days = pd.date_range("2025-03-01", periods=4, freq="D")
    rows = []
    for d, day in enumerate(days):
        for i in range(250):
            t = day + pd.Timedelta(seconds=int(rng.integers(0, 86400)))
            rows.append({"t": t.strftime("%Y-%m-%dT%H:%M:%SZ"), "x": round(float(rng.normal(0.25 * d, 1)), 4),
                         "c": str(rng.choice(["a", "b", "c"], p=[0.5, 0.3, 0.2] if d < 2 else [0.3, 0.3, 0.4]))})
    one = pd.DataFrame(rows)
    one_csv = to_csv(one)
    df = read(one_csv)
    df["day"] = pd.to_datetime(df["t"]).dt.floor("D")
    labels = sorted(df["day"].unique())
    reference = df[df["day"] == labels[0]]
    windows = []
    for k, lab in enumerate(labels):
        win = df[df["day"] == lab]
        # The reference window against the reference minus itself (empty here: no other
        # reference window), later windows against the reference.
        if k == 0:
            continue
        rep = report(reference, win, ["x", "c"])
        windows.append({"label": pd.Timestamp(lab).strftime("%Y-%m-%d"), "rows": len(win),
                        "scores": {c["name"]: c["score"] for c in rep["columns"]},
                        "drift_detected": {c["name"]: c["drift_detected"] for c in rep["columns"]}})
    cases.append({"name": "one_file_by_day", "data": one_csv, "time_column": "t", "window": "1d",
                  "expected_windows": windows})

    json.dump({"generator": "scripts/golden/drift_report.py",
               "versions": {"scipy": scipy.__version__, "numpy": np.__version__, "pandas": pd.__version__},
               "cases": cases}, sys.stdout, indent=1)
    sys.stdout.write("\n")


main()
