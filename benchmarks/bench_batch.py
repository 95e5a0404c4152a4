"""Batch mode on ECB+: story clustering quality and throughput of both engines. Prints figures.

    python -m benchmarks.bench_batch                  # quality at the shipped cut + throughput
    python -m benchmarks.bench_batch --calibrate      # sweep the cut, in-sample and 2-fold by topic
    python -m benchmarks.bench_batch --engine local   # throughput of one engine only

Gold stories are ECB+'s ``cluster`` field (82 stories in 43 topics: each topic has two
similar stories, ``N_ecb`` and ``N_ecbplus``). The 2-fold split puts alternate topics in
each half, calibrates the cut on one half and scores the other, so the quoted figure is not
only in-sample. Reads ../shared/eval/data/ecbplus_articles.jsonl in place.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ECB = Path(__file__).resolve().parents[2] / "shared" / "eval" / "data" / "ecbplus_articles.jsonl"
CUTS = [round(x, 3) for x in np.arange(0.40, 0.801, 0.025)]


def _labels(stories, n: int) -> np.ndarray:  # type: ignore[no-untyped-def]
    out = np.zeros(n, dtype=np.int64)
    for k, s in enumerate(stories):
        out[list(s.members)] = k
    return out


def score(articles, vectors, gold, cut: float, weight: float):  # type: ignore[no-untyped-def]
    """Return (B-cubed P, R, F1, ARI, stories) of the batch grouping at ``cut``."""
    from sklearn.metrics import adjusted_rand_score

    from divergence.stories import bcubed, group_stories

    stories, _ = group_stories(
        [a.id for a in articles], vectors, [a.text for a in articles],
        [a.published for a in articles], max_distance=cut, lexical_weight=weight,
    )  # fmt: skip
    pred = _labels(stories, len(articles))
    p, r, f = bcubed(gold, pred)
    return p, r, f, adjusted_rand_score(gold, pred), len(stories)


def quality(calibrate: bool) -> None:
    from divergence.batch import LocalEngine, StoryOptions, lead_texts
    from divergence.ingest import load_articles

    opts = StoryOptions()
    articles = load_articles([ECB])
    gold = [json.loads(line)["cluster"] for line in ECB.read_text(encoding="utf-8").splitlines()]
    t0 = time.perf_counter()
    vectors = LocalEngine(None, "torch").embed(
        lead_texts(articles, opts.lead_sentences), lambda n: None
    )
    print(f"embedded {len(articles)} leads in {time.perf_counter() - t0:.1f} s")
    p, r, f, ari, n = score(articles, vectors, gold, opts.max_distance, opts.lexical_weight)
    print(
        f"shipped cut {opts.max_distance} (lexical weight {opts.lexical_weight}): "
        f"B-cubed P {p:.3f} R {r:.3f} F1 {f:.3f}, ARI {ari:.3f}, "
        f"{n} stories (gold {len(set(gold))})"
    )
    p, r, f, ari, n = score(articles, vectors, gold, opts.max_distance, 0.0)
    print(f"  embeddings only (weight 0) at the same cut: F1 {f:.3f}, ARI {ari:.3f}, {n} stories")
    if not calibrate:
        return
    print("\ncut    F1     ARI    stories   (in-sample, all topics)")
    table = {}
    for cut in CUTS:
        p, r, f, ari, n = score(articles, vectors, gold, cut, opts.lexical_weight)
        table[cut] = (f, ari)
        print(f"{cut:.3f}  {f:.3f}  {ari:.3f}  {n}")
    best = max(CUTS, key=lambda c: (table[c][0], -c))
    print(f"best in-sample cut {best}: F1 {table[best][0]:.3f}, ARI {table[best][1]:.3f}")

    topics = sorted({g.split("_")[0] for g in gold}, key=int)
    halves = [set(topics[0::2]), set(topics[1::2])]
    for k, (train, test) in enumerate([(halves[0], halves[1]), (halves[1], halves[0])], start=1):
        results = {}
        for name, topic_set in (("train", train), ("test", test)):
            idx = [i for i, g in enumerate(gold) if g.split("_")[0] in topic_set]
            results[name] = (
                [articles[i] for i in idx],
                vectors[idx],
                [gold[i] for i in idx],
            )
        sub = results["train"]
        cut = max(CUTS, key=lambda c: (score(*sub, c, opts.lexical_weight)[2], -c))
        p, r, f, ari, n = score(*results["test"], cut, opts.lexical_weight)
        print(
            f"fold {k}: cut {cut} calibrated on {len(results['train'][0])} articles; "
            f"held-out {len(results['test'][0])} articles: B-cubed F1 {f:.3f}, ARI {ari:.3f}"
        )


def throughput(engines: list[str]) -> None:
    """Run the whole batch per engine on ECB+; with both, check the outputs are byte-identical."""
    from divergence.batch import run_batch

    outputs = {}
    with tempfile.TemporaryDirectory() as tmp:
        for engine in engines:
            out = Path(tmp) / engine
            t0 = time.perf_counter()
            summary = run_batch(ECB, out, engine=engine)
            wall = time.perf_counter() - t0
            stages = ", ".join(f"{k} {v:.1f} s" for k, v in summary.stages.items())
            print(
                f"engine {engine}: {summary.articles} articles, {summary.stories} stories "
                f"({summary.analysed} analysed), {summary.findings} findings in {wall:.1f} s "
                f"= {summary.articles / wall:.2f} articles/s ({stages})"
            )
            outputs[engine] = {
                str(p.relative_to(out)): p.read_bytes()
                for p in sorted(out.rglob("*"))
                if p.is_file()
            }
        if len(outputs) == 2:
            a, b = outputs.values()
            same = a == b
            differ = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
            print(
                f"local and ray outputs byte-identical: {same} "
                f"({len(a)} files; differ: {differ[:5]})"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calibrate", action="store_true", help="sweep the cut; 2-fold by topic")
    parser.add_argument("--engine", choices=["local", "ray", "both", "none"], default="both")
    args = parser.parse_args()
    if not ECB.is_file():
        print(f"skipped: {ECB} not found")
        return
    quality(args.calibrate)
    if args.engine != "none":
        throughput(["local", "ray"] if args.engine == "both" else [args.engine])


if __name__ == "__main__":
    main()
