#!/usr/bin/python3
"""The scipy/numpy peer of bench/drift_bench.cpp: the same metrics of one numeric column, on the
very same 1M + 1M values (written by `mlwb_drift_bench --write DIR`), as a Python user gets them
from scipy 1.10 and numpy (Evidently calls these same functions). Prints one JSON line.
    /usr/bin/python3 bench/drift_scipy.py DIR
"""
import json
import sys
import time
import warnings

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

warnings.simplefilter("ignore")
d = sys.argv[1]
ref = np.fromfile(f"{d}/reference.f64", dtype="<f8")
cur = np.fromfile(f"{d}/current.f64", dtype="<f8")


def fill(v):
    v = v.copy()
    nz = v[v > 0]
    m = nz.min()
    v[v == 0] = m / 10**6 if m <= 0.0001 else 0.0001
    return v


def all_metrics():
    r = ref[np.isfinite(ref)]
    c = cur[np.isfinite(cur)]
    out = {"ks": stats.ks_2samp(r, c).pvalue}
    edges = np.histogram_bin_edges(np.concatenate([r, c]), "sturges")
    rp = np.histogram(r, edges)[0] / len(r)
    cp = np.histogram(c, edges)[0] / len(c)
    fr, fc = fill(rp), fill(cp)
    out["psi"] = np.sum((fr - fc) * np.log(fr / fc))
    out["kl"] = stats.entropy(fr, fc)
    out["js"] = distance.jensenshannon(rp, cp)
    w = stats.wasserstein_distance(r, c)
    out["w"] = w
    out["w_normed"] = w / max(np.std(r), 0.001)
    out["e"] = stats.energy_distance(r, c)
    out["ad"] = stats.anderson_ksamp([r, c]).significance_level
    out["cvm"] = stats.cramervonmises_2samp(r, c).pvalue
    # Evidently's Hellinger on Sturges bins of the unique values, as densities times the bin width.
    uniq = np.unique(np.concatenate([r, c]))
    he = np.histogram_bin_edges(uniq, "sturges")
    hr = np.histogram(r, he, density=True)[0]
    hc = np.histogram(c, he, density=True)[0]
    width = (np.max(uniq) - np.min(uniq)) / (len(he) - 1)
    out["h"] = np.sqrt(1 - np.clip(np.sum(np.sqrt(hr * hc)) * width, 0, 1))
    return out


def default_only():
    r = ref[np.isfinite(ref)]
    c = cur[np.isfinite(cur)]
    return stats.wasserstein_distance(r, c) / max(np.std(r), 0.001)


def timed(f, runs=3):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        value = f()
        times.append(time.perf_counter() - t)
    return sorted(times)[len(times) // 2], value


t_all, values = timed(all_metrics)
t_one, w = timed(default_only)
print(json.dumps({"scipy": scipy.__version__, "numpy": np.__version__, "all_seconds": t_all, "default_seconds": t_one,
                  "values": {k: float(v) for k, v in values.items()}}))
