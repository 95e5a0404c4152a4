"""Properties of the whole pipeline over generated articles (hypothesis).

Articles are composed of the pieces that trip detectors: quotes of every glyph, numbers and
number words, reporting verbs, dates, hedges and random unicode (strategies shared with
``tests/fuzz.py``). The bulk runs with the fast ``HashingEmbedder``; a handful of examples
use the real model.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from divergence.embed import HashingEmbedder
from divergence.pipeline import analyse
from divergence.types import Article, Report


def _fuzz_module() -> ModuleType:
    """``tests/fuzz.py`` (its strategies and checks), importable however pytest was started."""
    name = "tests.fuzz"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("fuzz.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


fuzz = _fuzz_module()
HASHING = HashingEmbedder()
FAST = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
CRASHES = Path(__file__).resolve().parent / "data" / "fuzz-crashes"


def pair(left: str, right: str) -> list[Article]:
    return [Article("left", left), Article("right", right)]


def loud(report: Report) -> list[tuple[str, str, list[str]]]:
    return [
        (d.code, d.severity, [e.text for e in d.evidence])
        for d in report.divergences
        if d.severity != "info"
    ]


@FAST
@given(fuzz.article_pair())
def test_no_exception_and_every_span_is_the_text_it_claims(texts: tuple[str, str]) -> None:
    report = analyse(pair(*texts), HASHING, None)
    fuzz.check_spans(report)
    for d in report.divergences:
        assert d.evidence and d.severity in ("info", "low", "medium", "high")


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(fuzz.article_pair())
def test_same_input_same_json_and_json_round_trips(texts: tuple[str, str]) -> None:
    first = analyse(pair(*texts), HASHING, None).to_json()
    assert analyse(pair(*texts), HASHING, None).to_json() == first
    assert Report.from_json(first).to_json() == first


@FAST
@given(fuzz.article_pair())
def test_swapping_the_inputs_mirrors_the_findings(texts: tuple[str, str]) -> None:
    left, right = pair(*texts)
    assert fuzz.loud_spans(analyse([left, right], HASHING, None)) == fuzz.loud_spans(
        analyse([right, left], HASHING, None)
    )


@FAST
@given(fuzz.article_text())
def test_article_against_itself_has_nothing_above_info(text: str) -> None:
    report = analyse(pair(text, text), HASHING, None)
    fuzz.check_spans(report)
    assert not loud(report)


SELF_COMPARE_CASES = [
    # A weekday contradicting its own date conflicted with itself; fixed in dbee40f.
    "The talks began on Monday April 8, 2025 in Geneva. Officials said the vote comes later.",
    # Repeated sentences were cross-linked to non-corresponding copies (fuzz reproducers
    # analyse-5fb7290d9f0a, -40a00ca936ac, -646d7888530e, -3a5bbe2fac2c); fixed in db07639.
    'Maria Lopez said "". Maria Lopez said "". Maria Lopez said "". Maria Lopez said “”. '
    "officials Maria Lopez reportedly. ",
    'Maria Lopez said "Maria Lopez". claimed. Maria Lopez said "". Maria Lopez said "". ',
    'Maria Lopez said "0". Maria Lopez said "Maria Lopez 0-0". ',
    '"Maria Lopez", Maria Lopez said. Maria Lopez said "". "", Maria Lopez denied. ',
    # One quote's words attributed to two speakers: each quote now links only to its own
    # word-for-word twin in the other copy (detect/quotes.py _twins).
    pytest.param(
        json.loads(CRASHES.joinpath("analyse-55089ee6bac0.json").read_text("utf-8"))["left"],
        id="one quote's words attributed to two speakers",
    ),
]


@pytest.mark.parametrize("text", SELF_COMPARE_CASES)
def test_self_compare_cases_found_by_fuzzing(text: str) -> None:
    report = analyse(pair(text, text), HASHING, None)
    fuzz.check_spans(report)
    assert not loud(report)


MIRROR_CASES = [
    # Two label pairs qualified ("terrorist"/"PEOPLE", "officials"/"regime"); the finding
    # took the first in the input-first article's order, so swapping changed it. The first
    # in the texts' own order is taken now (detect/framing.py _label_changes).
    "analyse-afb2dcb3a1f9.json",
    # A bare "0" against "1-PERCENT the ministry" (an attributive measure): whether the two
    # measure other things was asked only when the input-first figure was a measure, so one
    # order reported a conflict and the other did not. Both must be measures now
    # (detect/numbers.py _other_things_measured).
    "analyse-3925f6315992.json",
]


@pytest.mark.parametrize("name", MIRROR_CASES)
def test_mirror_cases_found_by_fuzzing(name: str) -> None:
    example = json.loads(CRASHES.joinpath(name).read_text("utf-8"))
    left, right = pair(example["left"], example["right"])
    assert fuzz.loud_spans(analyse([left, right], HASHING, None)) == fuzz.loud_spans(
        analyse([right, left], HASHING, None)
    )


@pytest.mark.parametrize("quotes", fuzz.QUOTES, ids=[f"{o}…{c}" for o, c in fuzz.QUOTES])
def test_quote_glyphs_numbers_and_verbs(quotes: tuple[str, str]) -> None:
    """Every quote glyph pair, with figures, number words and loaded verbs, in both articles."""
    o, c = quotes
    left = (
        f"Officials said {o}at least 155 soldiers were captured{c} near Donetsk. "
        f"{o}We will respond,{c} Maria Lopez told reporters on April 8, 2025."
    )
    right = (
        f"Officials claimed {o}more than a hundred soldiers were captured{c} near Donetsk. "
        f"{o}We will respond firmly,{c} Lopez insisted."
    )
    for texts in ((left, right), (left, left)):
        report = analyse(pair(*texts), HASHING, None)
        fuzz.check_spans(report)
    assert not loud(report)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(fuzz.raw_input(), st.booleans())
def test_ingest_raises_only_input_errors_and_never_changes_a_file(
    raw: tuple[str, bytes], skip_bad: bool
) -> None:
    fuzz.run_ingest(*raw, skip_bad=skip_bad)


@pytest.mark.model
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(fuzz.article_pair())
def test_real_model_spans_and_self_compare(embedder: object, texts: tuple[str, str]) -> None:
    report = analyse(pair(*texts), embedder, None)  # type: ignore[arg-type]
    fuzz.check_spans(report)
    text = texts[0]
    assert not loud(analyse(pair(text, text), embedder, None))  # type: ignore[arg-type]
