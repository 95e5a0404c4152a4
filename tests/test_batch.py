"""Batch mode end to end on a small synthetic archive: layout, resume, CLI, Ray == local."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from divergence.batch import RayMissingError, run_batch
from divergence.cli import main

FLOOD = [
    "Floods force thousands from homes in river valley",
    "About 3,000 people were evacuated on Monday after the river burst its banks overnight. "
    "Mayor Anna Berg said the water had risen faster than in 2002.\n"
    '"We have never seen anything like this," Berg told reporters at the town hall.\n'
    "Rescue teams used boats to reach villages cut off by the water.",
]
FLOOD_B = [
    "River floods drive residents out of valley towns",
    "Nearly 5,000 people were evacuated on Monday after the river burst its banks overnight. "
    "Mayor Anna Berg claimed the water had risen faster than in 2002.\n"
    '"We have not seen anything like this in years," Berg told reporters at the town hall.\n'
    "Army helicopters joined the rescue on Monday evening.",
]
STRIKE = [
    "Rail workers begin three-day national strike over pay",
    "Rail workers walked out on Tuesday in a dispute over pay, halting most trains across the "
    "country. The union said 40,000 members had joined the strike.\n"
    "Transport minister Paul Weir said the walkout was irresponsible.",
]
STRIKE_B = [
    "National rail strike halts trains as pay talks fail",
    "Rail workers walked out on Tuesday in a dispute over pay, halting most trains across the "
    "country. The union said about 38,000 members had joined the strike.\n"
    "Transport minister Paul Weir admitted the talks had failed.",
]
ECLIPSE = [
    "Astronomers prepare for total solar eclipse next spring",
    "Observatories are preparing for a total solar eclipse that will cross the southern "
    "islands next April, the first there in a century.",
]


def _record(rid: str, outlet: str | None, story: list[str], published: str | None) -> dict:
    title, body = story
    rec = {
        "id": rid,
        "outlet": outlet,
        "title": title,
        "published": published,
        "text": f"{title}\n\n{body}",
    }
    return {k: v for k, v in rec.items() if v is not None}


def _archive(tmp_path: Path) -> Path:
    records = [
        _record("flood-a", "Daily <b>Post</b>", FLOOD, "2024-03-04"),
        _record("strike-a", "Daily <b>Post</b>", STRIKE, "2024-03-05"),
        _record("flood-b", "<script>alert(1)</script>", FLOOD_B, "2024-03-05"),
        _record("flood-wire", "Evening Herald", FLOOD, "2024-03-05"),  # a wire copy of flood-a
        _record("strike-b", None, STRIKE_B, None),  # unknown outlet, no date
        _record("eclipse", "Science Weekly", ECLIPSE, "2024-03-04"),  # alone: listed only
    ]
    path = tmp_path / "archive.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def local_run(tmp_path_factory: pytest.TempPathFactory, embedder):  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("batch")
    archive = _archive(tmp)
    summary = run_batch(archive, tmp / "out", engine="local")
    return archive, tmp / "out", summary


def test_layout_and_index(local_run) -> None:  # type: ignore[no-untyped-def]
    _, out, summary = local_run
    names = set(_files(out))
    assert {"index.json", "index.html", "outlets.json", "outlets.md", "manifest.json"} <= names
    index = json.loads((out / "index.json").read_text())
    stories = {tuple(m["id"] for m in s["members"]): s for s in index["stories"]}
    assert set(stories) == {
        ("flood-a", "flood-b", "flood-wire"),
        ("strike-a", "strike-b"),
        ("eclipse",),
    }
    flood = stories[("flood-a", "flood-b", "flood-wire")]
    assert flood["analysed"] and flood["syndicated"] == 1
    assert [m.get("syndicated_of") for m in flood["members"]] == [None, None, "flood-a"]
    assert flood["outlets"] == ["<script>alert(1)</script>", "Daily <b>Post</b>"]
    strike = stories[("strike-a", "strike-b")]
    assert strike["outlets"] == ["(unknown: strike-b)", "Daily <b>Post</b>"]  # its own outlet
    assert stories[("eclipse",)] | {"members": None} == stories[("eclipse",)] | {
        "analysed": False, "reason": "one article", "members": None
    }  # fmt: skip
    for s in (flood, strike):
        report = json.loads((out / s["report"]).read_text())
        assert report["schema"] == "divergence.report/1"
        assert [a["id"] for a in report["articles"]] == [
            m["id"] for m in s["members"] if "syndicated_of" not in m
        ]
        assert sum(s["divergences"].values()) == len(report["divergences"]) == s["findings"]
    assert summary.stories == 3 and summary.analysed == 2 and summary.syndicated == 1
    assert summary.findings == sum(s.get("findings", 0) for s in index["stories"]) > 0


def test_index_page_is_escaped_and_self_contained(local_run) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = local_run
    page = (out / "index.html").read_text()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Daily &lt;b&gt;Post&lt;/b&gt;" in page
    assert "http://" not in page and "https://" not in page and "<link" not in page


def test_outlet_aggregates(local_run) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = local_run
    outlets = {o["outlet"]: o for o in json.loads((out / "outlets.json").read_text())["outlets"]}
    assert outlets["Daily <b>Post</b>"]["stories"] == 2  # flood and strike
    assert "Evening Herald" not in outlets  # a wire copy is not independent coverage
    assert "Science Weekly" not in outlets  # a story that was not analysed
    for o in outlets.values():
        assert o["per_story"] == {k: round(v / o["stories"], 4) for k, v in o["findings"].items()}
    table = (out / "outlets.md").read_text().splitlines()
    assert table[4].startswith("| outlet | stories | articles | quote |")
    assert len(table) == 6 + len(outlets)


def test_second_run_resumes_and_reanalyses_only_changed_stories(tmp_path: Path) -> None:
    archive, work = _archive(tmp_path), tmp_path / "out"
    first = run_batch(archive, work)
    before = _files(work)
    again = run_batch(archive, work)
    assert (first.analysed, again.analysed, again.resumed) == (2, 0, 2)
    assert _files(work) == before
    archive.write_text(
        archive.read_text().replace("38,000", "39,000")
    )  # (articles record their path)
    third = run_batch(archive, work)
    assert (third.analysed, third.resumed) == (1, 1)


def test_interrupted_run_keeps_finished_stories(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import divergence.batch as batch

    archive, work = _archive(tmp_path), tmp_path / "out"
    real, calls = batch.analyse_story, []

    def fail_second(payload):  # type: ignore[no-untyped-def]
        calls.append(payload["id"])
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(payload)

    monkeypatch.setattr(batch, "analyse_story", fail_second)
    with pytest.raises(KeyboardInterrupt):
        run_batch(archive, work, model="hashing")
    monkeypatch.setattr(batch, "analyse_story", real)
    again = run_batch(archive, work, model="hashing")
    assert (again.analysed, again.resumed) == (1, 1)


def test_a_failing_story_is_recorded_and_the_batch_goes_on(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import divergence.pipeline as pipeline

    real = pipeline.analyse

    def flaky(articles, *args, **kwargs):  # type: ignore[no-untyped-def]
        if any(a.id == "strike-b" for a in articles):
            raise KeyError(7)
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(pipeline, "analyse", flaky)
    warned: list[str] = []
    summary = run_batch(_archive(tmp_path), tmp_path / "o", model="hashing", warn=warned.append)
    index = json.loads((tmp_path / "o" / "index.json").read_text())
    errors = {s["id"]: s.get("error") for s in index["stories"] if s["analysed"]}
    assert sorted(errors.values(), key=str) == ["KeyError: 7", None]
    assert (summary.analysed, summary.failed, index["totals"]["failed"]) == (1, 1, 1)
    assert any("analysis failed (KeyError: 7)" in w for w in warned)
    assert "analysis failed: KeyError: 7" in (tmp_path / "o" / "index.html").read_text()


# (argv after "batch", exit code)
CLI_CASES = [
    (["missing.jsonl"], 2),
    (["{archive}", "--engine", "spark"], 2),
    (["{archive}", "--address", "ray://x:1"], 2),  # --address needs --engine ray
]


@pytest.mark.parametrize(("argv", "code"), CLI_CASES)
def test_cli_errors_exit_2(argv: list[str], code: int, tmp_path: Path) -> None:
    archive = _archive(tmp_path)
    args = [a.format(archive=archive) for a in argv]
    assert main(["batch", *args, "--out", str(tmp_path / "o"), "--no-progress"]) == code


def test_cli_batch_writes_the_index(local_run, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    archive, out, _ = local_run
    assert main(["batch", str(archive), "--out", str(tmp_path / "o"), "--no-progress"]) == 0
    assert "3 stories (2 analysed" in capsys.readouterr().err
    assert _files(tmp_path / "o") == _files(out)


def test_ray_missing_says_what_to_install(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sys

    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(RayMissingError, match=r"install divergence\[ray\]"):
        run_batch(_archive(tmp_path), tmp_path / "o", engine="ray")


@pytest.mark.slow
def test_ray_engine_gives_byte_identical_outputs(tmp_path: Path) -> None:
    """Same chunks, same story payloads, same function: the same bytes (hashing embedder for
    speed; benchmarks/bench_batch.py compares the engines with the real model on ECB+)."""
    ray = pytest.importorskip("ray")
    archive = _archive(tmp_path)
    local = run_batch(archive, tmp_path / "local", model="hashing")
    root = str(Path(__file__).resolve().parent.parent)
    ray.init(
        num_cpus=2, include_dashboard=False, log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONPATH": root, "HF_HUB_OFFLINE": "1"}},
    )  # fmt: skip
    try:
        remote = run_batch(archive, tmp_path / "ray", engine="ray", model="hashing")
    finally:
        ray.shutdown()
    assert remote.analysed == local.analysed >= 1
    assert _files(tmp_path / "ray") == _files(tmp_path / "local")
