#!/usr/bin/env python3
"""Writes scikit-learn k-means reference numbers for botsift's KMeans tests.

    kmeans_reference.py [--out Tests/BotSiftTests/Fixtures/reference/kmeans.json]

Each dataset is seeded, so rerunning gives identical data; the fixture holds the data itself (row-major) so
the Swift tests never depend on NumPy's generators. Inertia comes from
KMeans(n_clusters=k, n_init=10, random_state=0) (greedy k-means++, Lloyd).
"""
import argparse
import json
import os

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs


def datasets():
    x, _ = make_blobs(n_samples=500, n_features=4, centers=5, cluster_std=1.0, random_state=0)
    yield "blobs_500x4_k5", x, 5
    x, _ = make_blobs(n_samples=300, n_features=8, centers=4, cluster_std=3.0, random_state=1)
    yield "overlapping_300x8_k4", x, 4
    x = np.random.default_rng(2).normal(size=(400, 3))
    yield "gaussian_noise_400x3_k6", x, 6


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "..",
                                                  "Tests", "BotSiftTests", "Fixtures", "reference", "kmeans.json"))
    a = ap.parse_args()
    cases = []
    for name, x, k in datasets():
        km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x)
        cases.append({
            "name": name,
            "rows": int(x.shape[0]),
            "columns": int(x.shape[1]),
            "clusters": k,
            "x": [float(v) for v in x.ravel()],
            "inertia": float(km.inertia_),
        })
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump({"generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}", "cases": cases}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
