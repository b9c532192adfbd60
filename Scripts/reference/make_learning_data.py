#!/usr/bin/env python3
"""Writes a seeded synthetic learning problem for the learning benchmarks and tests.

    make_learning_data.py --rows N --columns D --seed S --out DIR

DIR/X.f64: N x D float64, row-major, little-endian, standardised column-wise (mean 0, std 1);
DIR/y.f64: N float64 labels in {0, 1} drawn from a logistic model with overlapping classes, and the rows
form 16 Gaussian blobs so that k-means has structure to find. Same arguments give identical bytes.
"""
import argparse
import os

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--columns", type=int, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    centres = rng.normal(0.0, 2.0, size=(16, a.columns))
    which = rng.integers(0, 16, size=a.rows)
    x = centres[which] + rng.normal(0.0, 1.0, size=(a.rows, a.columns))
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    w = rng.normal(0.0, 0.5, size=a.columns)
    p = 1.0 / (1.0 + np.exp(-(x @ w - 0.5)))
    y = (rng.random(a.rows) < p).astype(np.float64)
    os.makedirs(a.out, exist_ok=True)
    x.astype("<f8").tofile(os.path.join(a.out, "X.f64"))
    y.astype("<f8").tofile(os.path.join(a.out, "y.f64"))


if __name__ == "__main__":
    main()
