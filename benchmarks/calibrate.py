"""Calibrate the alignment thresholds on real cross-outlet sentence pairs.

Reads ../shared/eval/data/sts_news_pairs.tsv (label 1: same content, 0: same topic, other
content), embeds both sides with the bundled model and prints precision/recall/F1 of
"cosine >= t" for a range of t. ``Settings.min_similarity`` is the F1-best threshold and
``related_similarity`` the point where recall of same-content pairs reaches ~99.7%.

    .venv/bin/python -m benchmarks.calibrate
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

PAIRS = (
    Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "data" / "sts_news_pairs.tsv"
)


def calibrate(path: Path = PAIRS) -> dict[str, float]:
    from divergence.pipeline import get_embedder

    rows = [
        line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]
    ]
    rows = [r for r in rows if len(r) >= 3]
    y = np.array([int(r[0]) for r in rows])
    emb = get_embedder()
    left, right = emb.encode([r[1] for r in rows]), emb.encode([r[2] for r in rows])
    sim = (left * right).sum(axis=1)
    table = []
    for t in np.round(np.arange(0.30, 0.951, 0.01), 2):
        pred = sim >= t
        tp = int((pred & (y == 1)).sum())
        fp = int((pred & (y == 0)).sum())
        fn = int((~pred & (y == 1)).sum())
        f1 = 2 * tp / (2 * tp + fp + fn)
        table.append((float(t), tp / max(tp + fp, 1), tp / max(tp + fn, 1), f1))
    best = max(table, key=lambda r: (r[3], -r[0]))
    related = max((r for r in table if r[2] >= 0.997), key=lambda r: r[0])
    for t, p, r, f in table:
        if round(t * 100) % 5 == 0:
            print(f"t={t:.2f}  precision={p:.3f}  recall={r:.3f}  F1={f:.3f}")
    out = {
        "pairs": len(y),
        "same_content": int(y.sum()),
        "f1_best_threshold": best[0],
        "f1_best": round(best[3], 4),
        "recall_997_threshold": related[0],
    }
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    if not PAIRS.exists():
        print(f"skipped: {PAIRS} not found")
        sys.exit(0)
    calibrate()
