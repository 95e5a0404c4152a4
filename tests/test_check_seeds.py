"""The seeds as a story: index four seeds, check the fifth (each in turn), with the real model.

Also: quotes verified against Zelensky's statement as given in full in seed 000; the CLI's
exit codes; a baseline that survives reflowed text.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from divergence.cli import main
from divergence.detect.source import verify_quotes
from divergence.index import check_article, save_index, sources_from_paths, update_index
from divergence.ingest import load_articles
from divergence.types import severity_rank

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
STATEMENT = ROOT / "tests" / "data" / "zelensky_statement_2025-04-08.txt"


@pytest.fixture(scope="module")
def full_index(embedder):  # type: ignore[no-untyped-def]
    """All five seeds embedded once; each check's index reuses these rows."""
    return update_index(None, sources_from_paths([ROOT / "seeds"]), embedder)


@pytest.fixture(scope="module")
def story(full_index, embedder, tmp_path_factory):  # type: ignore[no-untyped-def]
    """For each seed: the report of checking it against an index of the four others."""
    reports = {}
    for seed in SEEDS:
        folder = tmp_path_factory.mktemp(f"without-{seed.stem[:3]}")
        for other in SEEDS:
            if other != seed:
                shutil.copy(other, folder / other.name)
        index = update_index(full_index, sources_from_paths([folder]), embedder)
        assert len(index.entries) == 4
        article = load_articles([str(seed)])[0]
        reports[seed.stem] = check_article(article, index, embedder)
    return reports


@pytest.mark.parametrize("seed", [p.stem for p in SEEDS])
def test_each_seed_checked_against_the_other_four(story, seed: str) -> None:  # type: ignore[no-untyped-def]
    report = story[seed]
    assert report.articles[0].id == seed
    related = [a.id for a in report.articles[1:]]
    assert related and seed not in related
    assert set(related) <= {p.stem for p in SEEDS}
    assert report.divergences, "a story told five ways diverges somewhere"
    for d in report.divergences:
        assert any(e.article == seed for e in d.evidence), "only findings involving the new article"
        for e in d.evidence:
            assert report.article(e.article).text[e.start : e.end] == e.text
        assert d.fingerprint
    ranks = [severity_rank(d.severity) for d in report.divergences]
    assert ranks == sorted(ranks, reverse=True)
    assert [d.id for d in report.divergences] == [
        f"d{n}" for n in range(1, len(report.divergences) + 1)
    ]
    group_ids = {g.id for g in report.groups}
    assert all(d.group is None or d.group in group_ids for d in report.divergences)


def test_changed_quotes_found_in_001(story) -> None:  # type: ignore[no-untyped-def]
    quotes = [d for d in story[SEEDS[1].stem].divergences if d.kind == "quote"]
    shown = " ".join(e.text for d in quotes for e in d.evidence)
    assert "significantly" in shown


@pytest.fixture(scope="module")
def statement():  # type: ignore[no-untyped-def]
    return load_articles([str(STATEMENT)])[0]


def _evidence(findings, article_id: str) -> str:  # type: ignore[no-untyped-def]
    return " | ".join(e.text for d in findings for e in d.evidence if e.article == article_id)


def test_statement_file_is_the_statement_in_seed_000(statement) -> None:  # type: ignore[no-untyped-def]
    assert statement.id == "zelensky_statement_2025-04-08"
    seed = SEEDS[0].read_text(encoding="utf-8")
    assert statement.text in seed
    assert statement.text.startswith("“Our military has captured") and statement.text.endswith(
        "ongoing.”"
    )


def test_source_finds_the_changed_quotes_of_001(statement) -> None:  # type: ignore[no-untyped-def]
    article = load_articles([str(SEEDS[1])])[0]
    found = verify_quotes(article, statement)
    wording = [d for d in found if d.code == "quote.wording"]
    in_article = _evidence(wording, article.id)
    in_source = _evidence(wording, statement.id)
    for changed, original in [
        ("significantly", "many"),
        ("clarifying", "verifying"),
        ("underway", "ongoing"),
        ("reaction", "response"),
    ]:
        assert changed in in_article, changed
        assert original in in_source, original
    for d in found:
        assert len({e.article for e in d.evidence}) == (1 if d.code == "quote.unsourced" else 2)
    # the cut from "Russia's involvement of China, along with other countries, whether directly…"
    cuts = [d for d in found if d.code == "quote.truncation"]
    assert any("along with other countries" in _evidence([d], statement.id) for d in cuts)


def test_source_finds_the_changed_quotes_of_002(statement) -> None:  # type: ignore[no-untyped-def]
    article = load_articles([str(SEEDS[2])])[0]
    found = verify_quotes(article, statement)
    changed = [
        d for d in found if d.code in ("quote.wording", "quote.unsourced", "quote.truncation")
    ]
    assert "We have the documents" in _evidence(changed, article.id)
    # an editor's [insertion] is not a changed word; "is going to" for "intends to" is
    putin = [d for d in found if "Putin" in _evidence([d], article.id)]
    assert putin and all(
        "Russian President" not in _evidence([d], article.id).split("Putin")[1] for d in putin
    )
    # the exact partial quote "many more Chinese citizens" is not a finding
    assert not any(e.text == "many more Chinese citizens" for d in found for e in d.evidence)
    # quotes of other speakers than the statement's are unsourced at low severity
    sybiha = [
        d
        for d in found
        if "Chinese citizens fighting as part of Russia" in _evidence([d], article.id)
    ]
    assert sybiha and all(d.code == "quote.unsourced" and d.severity == "low" for d in sybiha)


def test_seed_000_quotes_match_its_own_statement(statement) -> None:  # type: ignore[no-untyped-def]
    article = load_articles([str(SEEDS[0])])[0]
    found = verify_quotes(article, statement)
    inside = article.text.index(statement.text)
    end = inside + len(statement.text)
    assert not [
        d
        for d in found
        if any(e.article == article.id and inside <= e.start < end for e in d.evidence)
    ]


# ------------------------------------------------------------------ the command line


@pytest.fixture(scope="module")
def coverage_index(full_index, embedder, tmp_path_factory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("coverage")
    for other in SEEDS[2:]:
        shutil.copy(other, folder / other.name)
    out = tmp_path_factory.mktemp("index")
    save_index(update_index(full_index, sources_from_paths([folder]), embedder), out)
    return folder, out


def test_cli_check_exit_codes(coverage_index, capsys) -> None:  # type: ignore[no-untyped-def]
    folder, out = coverage_index
    new = str(SEEDS[1])
    assert main(["check", new, "--index", str(out), "--fail-on", "never", "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "divergence.report/1" and data["check"]["exit"] == 0
    assert main(["check", new, "--index", str(out), "--fail-on", "medium", "-f", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["check"]["failing"]
    assert (
        main(
            [
                "check",
                new,
                "--index",
                str(out),
                "--fail-on",
                "never",
                "--fail-on-kind",
                "quote=low",
                "-f",
                "json",
            ]
        )
        == 1
    )
    capsys.readouterr()
    assert (
        main(
            [
                "check",
                new,
                str(SEEDS[0]),
                "--against",
                str(folder),
                "--fail-on",
                "never",
                "-f",
                "json",
            ]
        )
        == 0
    )
    both = json.loads(capsys.readouterr().out)
    assert (
        both["schema"] == "divergence.check/1" and len(both["reports"]) == 2 and both["exit"] == 0
    )


def test_cli_usage_and_input_errors_exit_2(coverage_index, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder, out = coverage_index
    assert main(["check", str(SEEDS[1])]) == 2  # nothing to check against
    assert "--against" in capsys.readouterr().err
    assert main(["check", str(SEEDS[1]), "--index", str(out), "--fail-on", "severe"]) == 2
    assert main(["check", str(tmp_path / "missing.txt"), "--index", str(out)]) == 2
    # an index built with other weights is refused with one line
    from divergence.embed import HashingEmbedder

    other = tmp_path / "other-index"
    save_index(update_index(None, sources_from_paths([folder]), HashingEmbedder()), other)
    capsys.readouterr()
    assert main(["check", str(SEEDS[1]), "--index", str(other)]) == 2
    err = capsys.readouterr().err
    assert "hashing-256" in err and err.count("\n") == 1
    # a corrupt index is refused, never trusted
    broken = tmp_path / "broken"
    shutil.copytree(out, broken)
    emb_file = next(broken.glob("embeddings-*.f32"))
    data = bytearray(emb_file.read_bytes())
    data[10] ^= 0xFF
    emb_file.write_bytes(bytes(data))
    assert main(["check", str(SEEDS[1]), "--index", str(broken)]) == 2
    assert "checksum" in capsys.readouterr().err


def _reflow(text: str) -> str:
    """The same article re-laid out: CRLF, indented lines, trailing spaces, doubled blank lines."""
    first, *rest = text.split("\n")
    return "\r\n".join([first, *(("   " + ln + "  \r\n") if ln.strip() else "" for ln in rest)])


def test_baseline_survives_reflow(coverage_index, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _folder, out = coverage_index
    new = tmp_path / SEEDS[1].name
    new.write_text(SEEDS[1].read_text(encoding="utf-8"), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    args = ["--index", str(out), "--source", str(STATEMENT), "--fail-on", "low"]
    assert main(["check", str(new), *args, "--write-baseline", str(baseline), "-f", "json"]) == 1
    first = json.loads(capsys.readouterr().out)
    assert json.loads(baseline.read_text())["findings"]
    assert main(["check", str(new), *args, "--baseline", str(baseline)]) == 0
    capsys.readouterr()
    new.write_text(_reflow(SEEDS[1].read_text(encoding="utf-8")), encoding="utf-8", newline="")
    assert main(["check", str(new), *args, "-f", "json"]) == 1
    second = json.loads(capsys.readouterr().out)
    offsets = {(e["start"], e["end"]) for d in first["divergences"] for e in d["evidence"]}
    assert offsets != {(e["start"], e["end"]) for d in second["divergences"] for e in d["evidence"]}
    assert {d["fingerprint"] for d in second["divergences"]} <= {
        d["fingerprint"] for d in first["divergences"]
    }
    assert main(["check", str(new), *args, "--baseline", str(baseline)]) == 0
    capsys.readouterr()
    # a finding taken out of the baseline fails again
    data = json.loads(baseline.read_text())
    gone = next(
        d["fingerprint"] for d in second["divergences"] if severity_rank(d["severity"]) >= 1
    )
    data["findings"] = [f for f in data["findings"] if f["fingerprint"] != gone]
    baseline.write_text(json.dumps(data))
    assert main(["check", str(new), *args, "--baseline", str(baseline), "-f", "json"]) == 1
    failing = json.loads(capsys.readouterr().out)["check"]["failing"]
    assert failing and all(
        d["fingerprint"] == gone for d in second["divergences"] if d["id"] in failing
    )


def test_cli_github_and_sarif_outputs(coverage_index, tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _folder, out = coverage_index
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert (
        main(["check", str(SEEDS[1]), "--index", str(out), "--fail-on", "medium", "-f", "github"])
        == 1
    )
    annotations = capsys.readouterr().out.splitlines()
    assert annotations and all(ln.startswith(("::error ", "::warning ")) for ln in annotations)
    assert "line=" in annotations[0] and "file=" in annotations[0]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## divergence check") and text.count("\n| ") >= len(annotations)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY")
    sarif = tmp_path / "out.sarif"
    assert main(["check", str(SEEDS[1]), "--index", str(out), "-f", "sarif", "-o", str(sarif)]) in (
        0,
        1,
    )
    assert json.loads(sarif.read_text())["version"] == "2.1.0"


def test_cli_index_command_is_incremental(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "coverage"
    folder.mkdir()
    for p in SEEDS[:2]:
        shutil.copy(p, folder / p.name)
    out = tmp_path / "ix"
    assert main(["index", str(folder), "--out", str(out)]) == 0
    assert "2 new or changed" in capsys.readouterr().err
    shutil.copy(SEEDS[2], folder / SEEDS[2].name)
    assert main(["index", str(folder), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "1 new or changed, 2 reused, 0 removed" in err
