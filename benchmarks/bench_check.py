"""Benchmark ``divergence check``: one new article against an index of 1,000 articles.

    python -m benchmarks.bench_check [--articles 1000] [--checks 5] [--out DIR]

The coverage is ECB+ (``../shared/eval/data/ecbplus_articles.jsonl``, read in place, never
copied), repeated with a suffix line until it reaches ``--articles``. Prints the index build
time, its size on disk, the time to load it, and the latency of each check after the model
is loaded (target: < 2 s), split into load/search/analyse. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

DATA = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "eval"
    / "data"
    / "ecbplus_articles.jsonl"
)


def coverage(n: int) -> list:  # list[Article]
    from divergence.types import Article

    records = [
        json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    out = []
    for i in range(n):
        r = records[i % len(records)]
        copy = i // len(records)
        suffix = f"\n(Republished, copy {copy}.)" if copy else ""
        out.append(
            Article(
                f"{r['id']}-{copy}" if copy else r["id"],
                r["text"] + suffix,
                outlet=r.get("outlet"),
                title=r.get("title"),
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--checks", type=int, default=5)
    parser.add_argument("--max-related", type=int, default=None, help="related articles per check")
    parser.add_argument(
        "--out", type=Path, default=None, help="keep the index here (default: a temp folder)"
    )
    args = parser.parse_args(argv)
    if not DATA.is_file():
        print(f"skipped: {DATA} not found (the shared evaluation data is not here)")
        return 0

    from divergence.index import (
        check_article,
        index_exists,
        index_size,
        load_index,
        save_index,
        sources_from_articles,
        update_index,
    )
    from divergence.pipeline import get_embedder

    articles = coverage(args.articles)
    folder = args.out or Path(tempfile.mkdtemp(prefix="divergence-bench-"))
    t0 = time.perf_counter()
    embedder = get_embedder()
    embedder.encode(["warm up"])
    print(f"model load: {time.perf_counter() - t0:.1f} s")

    t0 = time.perf_counter()
    previous = load_index(folder) if index_exists(folder) else None  # --out reused: incremental
    index = update_index(previous, sources_from_articles(articles), embedder)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    save_index(index, folder)
    save = time.perf_counter() - t0
    print(
        f"index build: {len(index.entries)} articles, {index.n_sentences} sentences "
        f"({'usearch graph' if index.uses_ann else 'brute force'}): {build:.1f} s to embed and build, "
        f"{save:.2f} s to save; {index_size(folder) / 1e6:.1f} MB on disk"
    )
    t0 = time.perf_counter()
    again = update_index(index, sources_from_articles(articles), embedder)
    print(
        f"incremental update with nothing changed: {time.perf_counter() - t0:.2f} s ({len(again.entries)} articles)"
    )

    latencies = []
    step = max(len(articles) // max(args.checks, 1), 1)
    for n in range(args.checks):
        new = articles[(n * step + step // 2) % len(articles)]
        t0 = time.perf_counter()
        loaded = load_index(folder, model_sha256=embedder.sha256)
        t_load = time.perf_counter() - t0
        t1 = time.perf_counter()
        kwargs = {"max_related": args.max_related} if args.max_related else {}
        report = check_article(new, loaded, embedder, **kwargs)
        t_check = time.perf_counter() - t1
        latencies.append(t_load + t_check)
        print(
            f"check {new.id}: {t_load + t_check:.2f} s (index load {t_load:.2f} s, embed+search+analyse "
            f"{t_check:.2f} s); {len(report.articles) - 1} related, {len(report.divergences)} findings"
        )
    latencies.sort()
    print(
        f"check latency after model load: median {latencies[len(latencies) // 2]:.2f} s, max {latencies[-1]:.2f} s (target < 2 s)"
    )
    if args.out is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
