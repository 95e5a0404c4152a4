"""How loud is the report on real cross-outlet coverage? Findings per pair of outlets.

    python -m benchmarks.real_clusters                  # 60 ECB+ stories, 3 outlets each
    python -m benchmarks.real_clusters --clusters 10 --out /tmp/rc

The planted cases measure recall and precision against known edits; real coverage of one
event by several outlets has no gold. This benchmark compares the first three articles
(by id) of each ECB+ story (``../shared/eval/data/ecbplus_articles.jsonl``, stories of
three articles or more, by cluster id) and counts the findings by code and severity, per
pair of articles. It is the figure to watch for false alarms that only real text shows
(dateline stamps, ages, team names with digits, a source's "declined to comment"): a
change that cuts loud findings here without costing recall on the planted sets is a gain.
The per-finding listing (``--list``) is what to read by hand; ``--skip 3`` takes other
outlets of the same stories (articles 4 to 6), ``--skip 6`` articles 7 to 9 and ``--skip
9`` articles 10 to 12 (the 26 stories that have them): samples for checking that a fix
found by reading one sample holds on another.

Writes ``real_clusters.json`` and ``real_clusters.md`` (``real_clusters_skipN.*`` with
``--skip N``) to ``--out`` (default ``benchmarks/results``). Skips, exit 0, when the data
is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "data" / "ecbplus_articles.jsonl"
SEVERITIES = ("info", "low", "medium", "high")


def stories(
    path: Path, limit: int, per_story: int = 3, skip: int = 0
) -> list[tuple[str, list[dict[str, Any]]]]:
    """The first ``limit`` stories (by cluster id) with ``skip + per_story`` articles or
    more: of each, the ``per_story`` articles after the first ``skip`` (by id)."""
    by_cluster: dict[str, list[dict[str, Any]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_cluster.setdefault(row["cluster"], []).append(row)
    chosen = [
        (cluster, sorted(rows, key=lambda r: r["id"])[skip : skip + per_story])
        for cluster, rows in sorted(by_cluster.items())
        if len(rows) >= skip + per_story
    ]
    return chosen[:limit]


def measure(path: Path, limit: int, listing: bool = False, skip: int = 0) -> dict[str, Any]:
    import divergence

    per_code: dict[str, Counter[str]] = {}
    pairs = 0
    started = time.perf_counter()
    chosen = stories(path, limit, skip=skip)
    with tempfile.TemporaryDirectory(prefix="real-clusters-") as tmp:
        for cluster, rows in chosen:
            # read as a user's file is (boilerplate and all), not handed over as Articles
            story = Path(tmp) / f"{cluster}.jsonl"
            fields = ("id", "text", "title", "outlet", "url")
            story.write_text(
                "".join(json.dumps({k: r[k] for k in fields if r.get(k)}) + "\n" for r in rows),
                encoding="utf-8",
            )
            report = divergence.compare([story])
            pairs += len(rows) * (len(rows) - 1) // 2
            for d in report.divergences:
                per_code.setdefault(d.code, Counter())[d.severity] += 1
                if listing and d.severity != "info":
                    where = " | ".join(e.text[:50] for e in d.evidence)
                    print(f"{cluster} {d.code} {d.severity}: {where}  ## {d.message[:140]}")
    totals: Counter[str] = Counter()
    for counts in per_code.values():
        totals.update(counts)
    loud = {s: sum(totals[t] for t in SEVERITIES[SEVERITIES.index(s) :]) for s in ("low", "medium")}
    not_omission = {
        s: sum(
            c[t]
            for code, c in per_code.items()
            if not code.startswith("omission.")
            for t in SEVERITIES[SEVERITIES.index(s) :]
        )
        for s in ("low", "medium")
    }
    return {
        "data": str(path),
        "stories": len(chosen),
        "skip": skip,
        "pairs": pairs,
        "wall_s": round(time.perf_counter() - started, 1),
        "per_code": {code: dict(c) for code, c in sorted(per_code.items())},
        "at_least": loud,
        "at_least_not_omission": not_omission,
        "per_pair": {s: round(n / max(pairs, 1), 2) for s, n in loud.items()},
        "per_pair_not_omission": {s: round(n / max(pairs, 1), 2) for s, n in not_omission.items()},
    }


def render(result: dict[str, Any]) -> str:
    lines = [
        "# Findings on real cross-outlet coverage (ECB+)",
        "",
        f"{result['stories']} stories, 3 articles each (after the first {result.get('skip', 0)} "
        f"by id): {result['pairs']} pairs of outlets, "
        f"{result['wall_s']} s (with the embedding cache as found).",
        "",
        "| | ≥ low | ≥ medium |",
        "|---|---|---|",
        f"| all findings | {result['at_least']['low']} | {result['at_least']['medium']} |",
        f"| per pair | {result['per_pair']['low']} | {result['per_pair']['medium']} |",
        f"| other than omissions | {result['at_least_not_omission']['low']} | "
        f"{result['at_least_not_omission']['medium']} |",
        f"| ... per pair | {result['per_pair_not_omission']['low']} | "
        f"{result['per_pair_not_omission']['medium']} |",
        "",
        "| code | info | low | medium | high |",
        "|---|---|---|---|---|",
    ]
    for code, counts in result["per_code"].items():
        lines.append(f"| {code} | " + " | ".join(str(counts.get(s, 0)) for s in SEVERITIES) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, default=DATA)
    p.add_argument("--clusters", type=int, default=60, help="stories to compare")
    p.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    p.add_argument("--list", action="store_true", help="print every finding at low or above")
    p.add_argument(
        "--skip",
        type=int,
        default=0,
        help="take each story's articles after the first SKIP (3: other outlets than the default)",
    )
    args = p.parse_args(argv)
    if not args.data.is_file():
        print(f"real_clusters: skipped, {args.data} is absent", file=sys.stderr)
        return 0
    result = measure(args.data, args.clusters, args.list, args.skip)
    args.out.mkdir(parents=True, exist_ok=True)
    stem = f"real_clusters_skip{args.skip}" if args.skip else "real_clusters"
    (args.out / f"{stem}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (args.out / f"{stem}.md").write_text(render(result), encoding="utf-8")
    print(render(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
