"""End to end on the seeds with the real model: contract, determinism, properties."""

from __future__ import annotations

import json

import pytest

import divergence
from divergence.errors import UsageError
from divergence.types import KINDS, SEVERITIES, Report, severity_rank

pytestmark = pytest.mark.model


def test_contract_shape(seeds_report: Report) -> None:
    data = seeds_report.to_dict()
    assert data["schema"] == "divergence.report/1"
    ids = [a["id"] for a in data["articles"]]
    assert ids == ["000_7af5cb86c0319eea", "001_d1238f84d77087e4", "002_a5a3c4e4cba64c51",
                   "003_1bd7613f3b3f53fb", "004_a8b8fe5dd1b1d222"]  # fmt: skip
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for g in data["groups"]:
        assert g["id"].startswith("g") and len(g["members"]) >= 2
        for m in g["members"]:
            assert 0 <= m["start"] < m["end"] <= len(texts[m["article"]])
    ranks = [severity_rank(d["severity"]) for d in data["divergences"]]
    assert ranks == sorted(ranks, reverse=True)
    for d in data["divergences"]:
        assert (
            d["kind"] in KINDS
            and d["severity"] in SEVERITIES
            and d["code"].startswith(d["kind"] + ".")
        )
        for e in d["evidence"]:
            assert texts[e["article"]][e["start"] : e["end"]] == e["text"]
    sig = data["signature"]
    assert sig["model"] == "all-MiniLM-L6-v2" and "min_similarity" in sig["thresholds"]


def test_json_round_trip(seeds_report: Report) -> None:
    text = seeds_report.to_json()
    assert Report.from_json(text).to_json() == text


def test_deterministic_and_cache_independent(
    seed_paths: list[str], seeds_report: Report, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    warm = divergence.compare(seed_paths)
    cold = divergence.compare(seed_paths, cache=tmp_path / "fresh")
    nocache = divergence.compare(seed_paths, cache=False)
    assert warm.to_json() == seeds_report.to_json() == cold.to_json() == nocache.to_json()


def test_seed_omissions_found(seeds_report: Report) -> None:
    omitted = [d for d in seeds_report.divergences if d.kind == "omission" and d.severity != "info"]
    texts = " ".join(e.text for d in omitted for e in d.evidence)
    assert "totally unfounded" in texts
    assert "several hundred" in texts
    assert "almost 80%" in texts


def test_article_against_itself_is_empty(seed_paths: list[str]) -> None:
    report = divergence.compare([seed_paths[2], seed_paths[2]])
    assert [d for d in report.divergences if d.severity != "info"] == []
    assert any("same text" in n for n in report.notes)


@pytest.mark.parametrize(("a", "b"), [(0, 1), (1, 2), (2, 4)])
def test_swapping_inputs_mirrors_findings(seed_paths: list[str], a: int, b: int) -> None:
    """Findings above info mirror exactly; info rewording spans come from difflib, whose
    matching is not symmetric, so for those only the set of passages is compared."""
    ab = divergence.compare([seed_paths[a], seed_paths[b]])
    ba = divergence.compare([seed_paths[b], seed_paths[a]])

    def key(r: Report) -> set:
        return {
            (d.code, d.severity, frozenset((e.article, e.start, e.end) for e in d.evidence))
            for d in r.divergences
            if d.severity != "info"
        }

    assert key(ab) == key(ba)
    assert {round(g.similarity, 3) for g in ab.groups} == {
        round(g.similarity, 3) for g in ba.groups
    }


def test_unrelated_stories_say_little_aligns(tmp_path) -> None:  # type: ignore[no-untyped-def]
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(
        "Storm hits coast\n\nA storm hit the coast on Monday, flooding 300 homes. Residents were evacuated."
    )
    b.write_text(
        "Bank raises rates\n\nThe central bank raised interest rates by half a point. Markets fell."
    )
    report = divergence.compare([a, b])
    assert any("little aligns" in n for n in report.notes)
    assert not [
        d for d in report.divergences if d.kind not in ("omission",) and d.severity != "info"
    ]


def test_second_compare_does_not_reload_model(seed_paths: list[str]) -> None:
    from divergence.embed import _load_model

    divergence.compare(seed_paths[:2], cache=False)
    before = _load_model.cache_info().misses
    divergence.compare(seed_paths[1:3], cache=False)
    assert _load_model.cache_info().misses == before


def test_options_mirror_cli(seed_paths: list[str]) -> None:
    report = divergence.compare(seed_paths[:2], min_similarity=0.9)
    assert report.signature and report.signature.thresholds["min_similarity"] == 0.9
    with pytest.raises(UsageError):
        divergence.compare(seed_paths[:2], no_such_option=1)


def test_to_dict_is_json_serialisable(seeds_report: Report) -> None:
    json.dumps(seeds_report.to_dict())


@pytest.mark.parametrize(
    ("a", "b", "tied"),
    [
        (
            "Mr. Ruiz is not the club's treasurer.",
            "Ruiz is the club's treasurer, members said.",
            True,
        ),
        ("Ruiz isn't the club's treasurer.", "Ruiz is the club's treasurer.", True),  # "is", "not"
        ("The vase may reportedly be Ming.", "Experts say the vase may be Ming.", True),
        ("The ship was not sunk by a mine.", "A torpedo sank the ship.", False),  # no shared run
        # the run must hold a content word; "is expected to" is in too many sentences
        ("She is not to be blamed.", "The bridge is to be rebuilt.", False),
        ("Ruiz is not the treasurer.", "Ruiz is not the treasurer.", False),  # both say "not"
    ],
)
def test_a_cue_inside_a_run_the_other_has_whole_ties_two_sentences(
    a: str, b: str, tied: bool
) -> None:
    from divergence.pipeline import _anchored_cue

    assert _anchored_cue(a, b) is tied
    assert _anchored_cue(b, a) is tied
