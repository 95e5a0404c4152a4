"""Smoke tests for benchmarks/: the difflib peer's report contract and the runner's quick path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import difflib_peer
from benchmarks.run import parse_planted, parse_score, render_markdown

ROOT = Path(__file__).resolve().parent.parent
LEFT = "The mayor said 40 people came to the rally on Monday. \u201cWe will win,\u201d she said.\n"
RIGHT = (
    "The mayor said 45 people came to the rally on Monday. \u201cWe would win,\u201d she said.\n"
)


def test_peer_emits_the_report_contract(tmp_path: Path) -> None:
    (tmp_path / "left.txt").write_text(LEFT, encoding="utf-8")
    (tmp_path / "right.txt").write_text(RIGHT, encoding="utf-8")
    report = difflib_peer.compare([tmp_path / "left.txt", tmp_path / "right.txt"]).to_dict()
    from divergence.types import Report

    parsed = Report.from_dict(report)  # validates kinds, codes, severities and spans
    texts = {a.id: a.text for a in parsed.articles}
    for d in parsed.divergences:
        for e in d.evidence:
            assert texts[e.article][e.start : e.end] == e.text
    found = {(d.code, tuple(e.text for e in d.evidence)) for d in parsed.divergences}
    assert found == {("number.conflict", ("40", "45")), ("quote.wording", ("will", "would"))}


def test_peer_identical_articles_report_nothing() -> None:
    assert difflib_peer.compare_texts({"a": LEFT, "b": LEFT})["divergences"] == []


def test_parsers_read_the_eval_tools_last_lines() -> None:
    out = (
        "number.conflict            3/4\nreported 10, explained 7\n"
        "planted: recall 0.50 precision 0.70 (cases 4)\n"
    )
    assert parse_planted(out) == {
        "codes": {"number.conflict": [3, 4]},
        "reported": 10,
        "explained": 7,
        "recall": 0.5,
        "precision": 0.7,
        "cases": 4,
        "line": out.splitlines()[-1],
    }
    s = parse_score(
        '{"found": 2, "expected": 3}\nscore: found 2/3 (recall 0.67), absent-violations 0/1\n'
    )
    assert s["found"] == 2 and s["line"].startswith("score:")


def test_runner_quick_path_on_two_tiny_articles(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with (data / "ecbplus_articles.jsonl").open("w", encoding="utf-8") as fh:
        for i, text in enumerate((LEFT, RIGHT)):
            fh.write(json.dumps({"id": f"a{i}", "cluster": "c", "text": text}) + "\n")
    out = tmp_path / "results"
    scratch = tmp_path / "scratch"  # the workers' temporary folders go here, and must go away
    scratch.mkdir()
    env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=str(ROOT), TMPDIR=str(scratch))
    cmd = [
        sys.executable,
        "-m",
        "benchmarks.run",
        "--quick",
        "--sizes",
        "2",
        "--model",
        "hashing",
        "--no-quality",
        "--data",
        str(data),
        "--out",
        str(out),
    ]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    (scale,) = results["scale"]
    assert scale["size"] == 2 and scale["sentences"] > 0
    assert set(scale["cold"]["stages"]) == {
        "ingest",
        "segment",
        "embed",
        "align",
        "detect",
        "render",
    }
    assert scale["warm"]["stages"]["embed"] <= scale["cold"]["stages"]["embed"] * 10
    assert results["peer"][0]["size"] == 2
    md = (out / "results.md").read_text(encoding="utf-8")
    assert md == render_markdown(results) and "## Scaling" in md
    assert [p.name for p in scratch.iterdir() if p.name.startswith("bench-")] == []
    pytest.importorskip("matplotlib")
    assert (out / "scaling.png").stat().st_size > 0


def test_real_clusters_counts_findings_per_pair(tmp_path: Path, embedder: object) -> None:
    """The real-coverage benchmark reads stories of three articles or more, compares each
    as a user's file, and its totals add up; absent data is a skip, not an error."""
    from benchmarks import real_clusters

    body = "The ferry left the harbour at 7 p.m. with {n} passengers on board, officials said."
    rows = [
        {"id": f"s1_{k}", "cluster": "s1", "text": f"Ferry sails\n\n{body.format(n=n)}"}
        for k, n in enumerate((40, 40, 45))
    ] + [{"id": "s2_0", "cluster": "s2", "text": "A story told once."}]
    data = tmp_path / "stories.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert [c for c, _ in real_clusters.stories(data, 10)] == ["s1"]  # s2 has one article
    later = real_clusters.stories(data, 10, per_story=2, skip=1)  # other outlets, same story
    assert [(c, [r["id"] for r in rows]) for c, rows in later] == [("s1", ["s1_1", "s1_2"])]
    result = real_clusters.measure(data, 10)
    assert (result["stories"], result["pairs"]) == (1, 3)
    conflicts = result["per_code"]["number.conflict"]
    assert sum(conflicts.values()) == 2, result  # 40/45 twice; 40/40 agrees
    low = sum(n for c in result["per_code"].values() for s, n in c.items() if s != "info")
    assert result["at_least"]["low"] == low
    assert real_clusters.main(["--data", str(tmp_path / "absent.jsonl")]) == 0


def test_order_benchmark_compares_every_order(tmp_path: Path, embedder: object) -> None:
    """The order benchmark compares a story's outlets in all six orders and finds the
    report the same in each; absent data is a skip, not an error."""
    from benchmarks import order

    body = "The ferry left the harbour at 7 p.m. with {n} passengers on board, officials said."
    rows = [
        {"id": f"s1_{k}", "cluster": "s1", "text": f"Ferry sails\n\n{body.format(n=n)}"}
        for k, n in enumerate((40, 40, 45))
    ]
    data = tmp_path / "stories.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = order.measure(data, 10)
    assert (result["stories"], result["orders_compared"]) == (1, 6)
    assert result["stories_differing"] == 0, result
    assert order.main(["--data", str(tmp_path / "absent.jsonl")]) == 0
