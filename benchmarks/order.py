"""Does the order of the inputs matter? Real stories compared in every order of their outlets.

    python -m benchmarks.order                 # 60 ECB+ stories, 3 outlets each
    python -m benchmarks.order --skip 3        # other outlets of the same stories

The report of B against A must give the findings of A against B (the issue's property test;
``tests/test_properties.py`` checks it on generated articles). This benchmark compares the
same articles of each ECB+ story (the choice of ``benchmarks.real_clusters``) in all six
orders of three outlets, each read as a user's file is (boilerplate and all), and counts the
stories whose findings above info differ between orders: code, severity and the evidence
spans as a set. Prints the differing findings; writes ``order[_skipN].json`` to ``--out``
(default ``benchmarks/results``). Exit 1 when any story differs; skips, exit 0, when the
data is absent.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.real_clusters import DATA, ROOT, stories

Finding = tuple[str, str, frozenset[tuple[str, int, int]]]


def _findings(report: Any) -> set[Finding]:
    return {
        (d.code, d.severity, frozenset((e.article, e.start, e.end) for e in d.evidence))
        for d in report.divergences
        if d.severity != "info"
    }


def measure(path: Path, limit: int, skip: int = 0) -> dict[str, Any]:
    import divergence

    started = time.perf_counter()
    chosen = stories(path, limit, skip=skip)
    differing: list[str] = []
    orders = 0
    with tempfile.TemporaryDirectory(prefix="order-") as tmp:
        for cluster, rows in chosen:
            fields = ("id", "text", "title", "outlet", "url")
            files = []
            for r in rows:  # one file per outlet, so that the order of the files is the order
                f = Path(tmp) / f"{cluster}-{r['id']}.jsonl"
                f.write_text(json.dumps({k: r[k] for k in fields if r.get(k)}) + "\n", "utf-8")
                files.append(f)
            first: set[Finding] | None = None
            for order in itertools.permutations(files):
                found = _findings(divergence.compare(list(order)))
                orders += 1
                if first is None:
                    first = found
                elif found != first:
                    differing.append(cluster)
                    for code, severity, spans in sorted(found ^ first, key=str):
                        where = ", ".join(f"{a}:{s}-{e}" for a, s, e in sorted(spans))
                        print(f"{cluster}: {code} {severity} {where} in one order only")
                    break
    return {
        "data": str(path),
        "stories": len(chosen),
        "skip": skip,
        "orders_compared": orders,
        "stories_differing": len(differing),
        "differing": differing,
        "wall_s": round(time.perf_counter() - started, 1),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, default=DATA)
    p.add_argument("--clusters", type=int, default=60, help="stories to compare")
    p.add_argument("--skip", type=int, default=0, help="take each story's articles after SKIP")
    p.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = p.parse_args(argv)
    if not args.data.is_file():
        print(f"order: skipped, {args.data} is absent", file=sys.stderr)
        return 0
    result = measure(args.data, args.clusters, args.skip)
    args.out.mkdir(parents=True, exist_ok=True)
    stem = f"order_skip{args.skip}" if args.skip else "order"
    (args.out / f"{stem}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(
        f"order: {result['stories_differing']} of {result['stories']} stories differ between "
        f"orders of their outlets ({result['orders_compared']} orders, {result['wall_s']} s)"
    )
    return 1 if result["stories_differing"] else 0


if __name__ == "__main__":
    sys.exit(main())
