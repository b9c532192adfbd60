#!/usr/bin/env python3
"""Writes scikit-learn / numpy reference values for botsift's evaluation metrics.

    metrics_reference.py [--out Tests/BotSiftTests/Fixtures/reference/metrics.json]

Each vector (seeded labels and probability scores) is stored with what scikit-learn says about it:
roc_auc_score, average_precision_score, precision_recall_fscore_support (binary, zero_division=0) and
confusion_matrix at thresholds 0.5 and 0.3 (score >= threshold is positive), brier_score_loss; the 10-bin
calibration table (bins [i/10, (i+1)/10), the last one closed, counted with numpy); precision at top k
(stable descending sort: ties broken by input order); recall at a false-positive rate (the largest
true-positive rate on roc_curve(drop_intermediate=False) whose false-positive rate is <= the target, with
that point's threshold); and the thresholds the threshold rules must choose, found by brute force over
the distinct observed scores (ties: largest recall, then highest threshold). Same script, same bytes.
"""
import argparse
import json
import os

import numpy as np
from sklearn.metrics import (
    average_precision_score,
    brier_score_loss,
    confusion_matrix,
    precision_recall_fscore_support,
    roc_auc_score,
    roc_curve,
)


def vectors():
    """The named test vectors: (name, labels, scores)."""
    out = []

    rng = np.random.default_rng(20240601)
    labels = (rng.random(1000) < 0.3).astype(int)
    scores = 1.0 / (1.0 + np.exp(-(rng.normal(0.0, 1.0, 1000) + 1.5 * labels - 1.0)))
    out.append(("random", labels, scores))

    rng = np.random.default_rng(7)
    labels = (rng.random(500) < 0.4).astype(int)
    raw = np.clip(rng.normal(0.35 + 0.3 * labels, 0.2), 0.0, 1.0)
    scores = np.round(raw, 1)  # eleven distinct values: heavy ties, and scores exactly at 0.3 and 0.5
    out.append(("heavy_ties", labels, scores))

    labels = np.array([1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0])
    out.append(("all_tied", labels, np.full(labels.size, 0.5)))

    rng = np.random.default_rng(11)
    labels = (rng.random(200) < 0.25).astype(int)
    scores = np.where(labels == 1, rng.uniform(0.6, 1.0, 200), rng.uniform(0.0, 0.4, 200))
    out.append(("perfect_separation", labels, scores))

    out.append(("tiny", np.array([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8])))

    rng = np.random.default_rng(99)
    labels = np.zeros(5000, dtype=int)
    labels[rng.choice(5000, size=100, replace=False)] = 1
    scores = 1.0 / (1.0 + np.exp(-(rng.normal(0.0, 1.2, 5000) + 2.5 * labels - 3.0)))
    out.append(("imbalanced_2pct", labels, scores))
    return out


def at_threshold(labels, scores, threshold):
    predicted = (scores >= threshold).astype(int)
    p, r, f, _ = precision_recall_fscore_support(
        labels, predicted, average="binary", zero_division=0
    )
    tn, fp, fn, tp = confusion_matrix(labels, predicted, labels=[0, 1]).ravel()
    return {
        "threshold": threshold,
        "precision": float(p),
        "recall": float(r),
        "f1": float(f),
        "true_negatives": int(tn),
        "false_positives": int(fp),
        "false_negatives": int(fn),
        "true_positives": int(tp),
    }


def calibration(labels, scores):
    edges = np.arange(11) / 10.0
    bins = np.clip(np.digitize(scores, edges, right=False) - 1, 0, 9)
    table = []
    for b in range(10):
        inside = bins == b
        n = int(inside.sum())
        table.append({
            "count": n,
            "mean_predicted": float(scores[inside].mean()) if n else None,
            "observed_positive_rate": float(labels[inside].mean()) if n else None,
        })
    return table


def precision_at_k(labels, scores):
    order = np.argsort(-scores, kind="stable")
    return [
        {"k": k, "precision": float(labels[order[:k]].sum() / k)}
        for k in (50, 100, 500)
        if k <= labels.size
    ]


def recall_at_fpr(labels, scores):
    fpr, tpr, thresholds = roc_curve(labels, scores, drop_intermediate=False)
    out = []
    for target in (0.01, 0.001):
        ok = np.flatnonzero(fpr <= target)
        best = ok[np.argmax(tpr[ok])]  # first (highest threshold) point reaching the largest recall
        threshold = float(thresholds[best]) if np.isfinite(thresholds[best]) else None
        out.append({
            "target": target,
            "recall": float(tpr[best]),
            "false_positive_rate": float(fpr[best]),
            "threshold": threshold,
        })
    return out


def rule_thresholds(labels, scores):
    """Brute force over distinct observed scores: what each threshold rule must pick."""
    candidates = np.unique(scores)
    positives, negatives = labels.sum(), (1 - labels).sum()
    rows = []
    for t in candidates:
        predicted = scores >= t
        tp = int((predicted & (labels == 1)).sum())
        fp = int((predicted & (labels == 0)).sum())
        precision = tp / (tp + fp)
        recall = tp / positives
        f1 = 2 * tp / (2 * tp + fp + (positives - tp))
        rows.append((float(t), precision, recall, fp / negatives, f1))
    out = {}
    # Among thresholds meeting a target: the largest recall, then the highest threshold (fewest flags).
    for target in (0.9, 0.5):
        meeting = [r for r in rows if r[1] >= target]
        out[f"target_precision_{target}"] = max(meeting, key=lambda r: (r[2], r[0]))[0] if meeting else None
    for target in (0.05, 0.01):
        meeting = [r for r in rows if r[3] <= target]
        out[f"target_fpr_{target}"] = max(meeting, key=lambda r: (r[2], r[0]))[0] if meeting else None
    # Target precision not met: the highest precision, then the largest recall, then the highest threshold.
    out["highest_precision"] = max(rows, key=lambda r: (r[1], r[2], r[0]))[0]
    # Best F1: ties go to the highest threshold.
    out["best_f1"] = max(rows, key=lambda r: (r[4], r[0]))[0]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="Tests/BotSiftTests/Fixtures/reference/metrics.json")
    a = ap.parse_args()
    cases = []
    for name, labels, scores in vectors():
        labels = np.asarray(labels, dtype=int)
        scores = np.asarray(scores, dtype=float)
        cases.append({
            "name": name,
            "labels": labels.tolist(),
            "scores": scores.tolist(),
            "roc_auc": float(roc_auc_score(labels, scores)),
            "average_precision": float(average_precision_score(labels, scores)),
            "brier": float(brier_score_loss(labels, scores)),
            "at_thresholds": [at_threshold(labels, scores, t) for t in (0.5, 0.3)],
            "calibration": calibration(labels, scores),
            "precision_at_k": precision_at_k(labels, scores),
            "recall_at_fpr": recall_at_fpr(labels, scores),
            "rule_thresholds": rule_thresholds(labels, scores),
        })
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump({"generator": "Scripts/reference/metrics_reference.py", "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
