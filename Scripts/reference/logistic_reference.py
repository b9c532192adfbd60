#!/usr/bin/env python3
"""Reference numbers for botsift's StandardScaler and LogisticRegression tests, from scikit-learn.

    logistic_reference.py [--out Tests/BotSiftTests/Fixtures/reference/logistic.json]

Builds small seeded datasets, standardises them with sklearn's StandardScaler and fits
LogisticRegression(C=..., solver="lbfgs", tol=1e-10, max_iter=10000). Each case stores the raw matrix, the
scaler's means and scales, the standardised matrix, labels, sample weights, class weighting, C, and the fitted
coefficients and intercept. Before writing, every fit is checked against sklearn's newton-cholesky solver and
the gradient of the objective is checked at the solution, so the stored optimum is accurate well below 1e-5.
"""
import argparse
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler


def logistic_labels(rng, x, w, b):
    p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
    return (rng.random(len(x)) < p).astype(int)


def make_cases():
    cases = []

    rng = np.random.default_rng(1)
    x = rng.normal(0.0, 1.0, size=(200, 5)) * [1.0, 3.0, 0.5, 10.0, 2.0] + [0.0, 5.0, -1.0, 100.0, 0.5]
    y = logistic_labels(rng, (x - x.mean(0)) / x.std(0), np.array([1.0, -0.5, 0.8, 0.0, 0.3]), 0.2)
    cases.append(dict(name="overlapping", x=x, y=y, weights=None, class_weight=None, C=1.0))

    rng = np.random.default_rng(2)
    x = rng.normal(0.0, 1.0, size=(300, 4)) * [2.0, 1.0, 1.0, 0.0] + [1.0, 0.0, -3.0, 7.0]  # last column constant
    y = logistic_labels(rng, x[:, :3] / [2.0, 1.0, 1.0], np.array([1.2, -0.7, 0.5]), -0.5 - 2.5)
    cases.append(dict(name="imbalanced_balanced", x=x, y=y, weights=None, class_weight="balanced", C=0.5))

    rng = np.random.default_rng(3)
    x = rng.normal(0.0, 1.0, size=(200, 3))
    y = logistic_labels(rng, x, np.array([-1.0, 0.6, 1.5]), 0.0)
    weights = rng.uniform(0.2, 3.0, size=200)
    cases.append(dict(name="sample_weights", x=x, y=y, weights=weights, class_weight=None, C=2.0))

    rng = np.random.default_rng(4)
    x = rng.normal(0.0, 1.0, size=(250, 3))
    y = logistic_labels(rng, x, np.array([0.5, 0.5, -1.0]), -1.5)
    weights = rng.uniform(0.5, 2.0, size=250)
    cases.append(dict(name="balanced_with_sample_weights", x=x, y=y, weights=weights, class_weight="balanced", C=1.0))

    rng = np.random.default_rng(5)
    x = rng.normal(0.0, 1.0, size=(150, 3))
    y = (x @ np.array([2.0, -1.0, 0.5]) + 0.05 * rng.normal(size=150) > 0).astype(int)
    cases.append(dict(name="nearly_separable", x=x, y=y, weights=None, class_weight=None, C=10.0))
    return cases


def objective_gradient(xs, y, sw, C, coef, intercept):
    """Gradient of sklearn's lbfgs objective (mean weighted log-loss + ||w||^2 / (2 C sum(sw)))."""
    p = 1.0 / (1.0 + np.exp(-(xs @ coef + intercept)))
    r = sw * (p - y) / sw.sum()
    return np.concatenate([xs.T @ r + coef / (C * sw.sum()), [r.sum()]])


def effective_weights(y, weights, class_weight):
    sw = np.ones(len(y)) if weights is None else weights.copy()
    if class_weight == "balanced":
        totals = np.array([sw[y == 0].sum(), sw[y == 1].sum()])
        sw *= (totals.sum() / (2 * totals))[y]
    return sw


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="Tests/BotSiftTests/Fixtures/reference/logistic.json")
    out = ap.parse_args().out
    records = []
    for case in make_cases():
        scaler = StandardScaler().fit(case["x"])
        xs = scaler.transform(case["x"])
        y = case["y"]
        fits = {}
        for solver in ("lbfgs", "newton-cholesky"):
            model = LogisticRegression(C=case["C"], solver=solver, tol=1e-10, max_iter=10000,
                                       class_weight=case["class_weight"])
            model.fit(xs, y, sample_weight=case["weights"])
            fits[solver] = model
        coef, intercept = fits["lbfgs"].coef_[0], fits["lbfgs"].intercept_[0]
        agreement = np.max(np.abs(np.append(coef, intercept)
                                  - np.append(fits["newton-cholesky"].coef_[0], fits["newton-cholesky"].intercept_[0])))
        gradient = objective_gradient(xs, y, effective_weights(y, case["weights"], case["class_weight"]),
                                      case["C"], coef, intercept)
        assert agreement < 1e-7, (case["name"], agreement)
        assert np.max(np.abs(gradient)) < 1e-8, (case["name"], gradient)
        records.append({
            "name": case["name"],
            "C": case["C"],
            "classWeighting": "balanced" if case["class_weight"] == "balanced" else "none",
            "rows": int(xs.shape[0]),
            "columns": int(xs.shape[1]),
            "raw": case["x"].ravel().tolist(),
            "means": scaler.mean_.tolist(),
            "scales": scaler.scale_.tolist(),
            "standardized": xs.ravel().tolist(),
            "labels": y.tolist(),
            "sampleWeights": None if case["weights"] is None else case["weights"].tolist(),
            "coefficients": coef.tolist(),
            "intercept": float(intercept),
        })
        print(f"{case['name']}: positives {y.sum()}/{len(y)}, lbfgs vs newton-cholesky {agreement:.1e}, "
              f"max|grad| {np.max(np.abs(gradient)):.1e}")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        json.dump({"generator": "Scripts/reference/logistic_reference.py", "sklearn": sklearn.__version__,
                   "numpy": np.__version__, "cases": records}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
