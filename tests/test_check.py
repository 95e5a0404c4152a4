"""CI policy: thresholds per severity, kind and code; the baseline; pyproject settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from divergence.check import (
    Baseline,
    LineMap,
    Policy,
    dump_baseline,
    evaluate,
    load_baseline,
    parse_kind_thresholds,
    parse_severity,
)
from divergence.config_file import find_pyproject, load_settings
from divergence.errors import UsageError
from divergence.pipeline import fingerprint
from divergence.types import Article, Divergence, Report, Span

NEW = Article("new", 'He said the army had "many more" troops. Rain fell on Tuesday.')
OLD = Article("old", 'He said the army had "some more" troops. Rain fell on Monday.')


def _d(n: int, code: str, severity: str, word_new: str, word_old: str) -> Divergence:
    a, b = NEW.text.index(word_new), OLD.text.index(word_old)
    d = Divergence(
        f"d{n}", code.split(".")[0], code, severity,
        (Span("new", a, a + len(word_new), word_new), Span("old", b, b + len(word_old), word_old)), f"{word_new} vs {word_old}",
    )  # fmt: skip
    return Divergence(
        d.id, d.kind, d.code, d.severity, d.evidence, d.message, fingerprint=fingerprint(d)
    )


REPORT = Report(
    (NEW, OLD),
    (),
    (
        _d(1, "quote.wording", "medium", "many", "some"),
        _d(2, "date.conflict", "high", "Tuesday", "Monday"),
        _d(3, "content.wording", "info", "Rain", "Rain"),
    ),
)

# (policy, baseline fingerprints of codes, expected failing codes, exit code)
CASES = [
    (Policy(), (), ["date.conflict"], 1),
    (Policy("medium"), (), ["quote.wording", "date.conflict"], 1),
    (Policy("info"), (), ["quote.wording", "date.conflict", "content.wording"], 1),
    (Policy("never"), (), [], 0),
    (Policy("high", {"date": "never"}), (), [], 0),
    (Policy("high", {"quote": "medium"}), (), ["quote.wording", "date.conflict"], 1),
    (
        Policy("high", {"quote": "high", "quote.wording": "low"}),
        (),
        ["quote.wording", "date.conflict"],
        1,
    ),
    (Policy("medium"), ("date.conflict",), ["quote.wording"], 1),
    (Policy("medium"), ("date.conflict", "quote.wording"), [], 0),
]


@pytest.mark.parametrize(("policy", "accepted", "failing", "exit_code"), CASES)
def test_exit_codes_per_policy(
    policy: Policy, accepted: tuple[str, ...], failing: list[str], exit_code: int
) -> None:
    baseline = load_baseline(
        json.dumps(
            {
                "schema": "divergence.baseline/1",
                "findings": [
                    {"fingerprint": d.fingerprint, "articles": ["new"]}
                    for d in REPORT.divergences
                    if d.code in accepted
                ],
            }
        )
    )
    result = evaluate([REPORT], policy, baseline)
    assert [d.code for d in result.outcomes[0].failing] == failing
    assert result.exit_code == exit_code
    assert len(result.outcomes[0].baselined) == len(accepted)


def test_baseline_round_trip_and_stale_entries() -> None:
    text = dump_baseline([REPORT])
    baseline = load_baseline(text)
    assert baseline.fingerprints == {d.fingerprint for d in REPORT.divergences}
    assert dump_baseline([REPORT]) == text  # deterministic
    fewer = Report(REPORT.articles, (), REPORT.divergences[:1])
    result = evaluate([fewer], Policy("info"), baseline)
    assert result.exit_code == 0
    assert {e.code for e in result.stale} == {"date.conflict", "content.wording"}
    # entries about articles not checked this time are neither stale nor dropped
    other = Baseline(tuple(e for e in baseline.entries))
    assert not evaluate([Report((OLD,), (), ())], Policy(), other).stale
    assert len(load_baseline(dump_baseline([Report((OLD,), (), ())], other)).entries) == 3


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        '{"schema": "other"}',
        '{"schema": "divergence.baseline/1", "findings": [{}]}',
    ],
)
def test_bad_baseline_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError, match="base"):
        load_baseline(text, "base.json")


def test_parse_thresholds() -> None:
    assert parse_severity("Medium") == "medium"
    assert parse_kind_thresholds(["quote=low", "number.conflict = high"]) == {
        "quote": "low",
        "number.conflict": "high",
    }
    for bad in (["quote"], ["=low"], ["quote=severe"], ["weather=low"]):
        with pytest.raises(UsageError):
            parse_kind_thresholds(bad)
    with pytest.raises(UsageError):
        Policy("critical")


def test_json_output_shapes() -> None:
    one = evaluate([REPORT], Policy()).to_dict()
    assert one["schema"] == "divergence.report/1" and one["check"]["exit"] == 1
    assert one["check"]["failing"] == ["d2"]
    two = evaluate([REPORT, REPORT], Policy()).to_dict()
    assert two["schema"] == "divergence.check/1" and two["exit"] == 1 and len(two["reports"]) == 2
    assert Report.from_dict(two["reports"][0]).divergences == REPORT.divergences


def test_line_map_skips_the_date_marker() -> None:
    file_text = " date 2025-04-08 Headline\r\n\r\nBody line.\r\n"
    article_text = "Headline\n\nBody line."
    m = LineMap.locate(file_text, article_text)
    assert m is not None
    assert m.position(0) == (1, 18)
    assert m.position(article_text.index("line.")) == (3, 6)


PYPROJECT = """
[project]
name = "newsroom"

[tool.divergence]
fail-on = "medium"
fail-on-kind = { quote = "low", "omission.unique" = "never" }
baseline = "ci/baseline.json"
against = ["coverage"]
source = "statements/today.txt"
format = "github"
"""


def test_pyproject_settings_found_upward(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_pyproject(deep) == tmp_path / "pyproject.toml"
    cfg = load_settings(deep)
    assert cfg.fail_on == "medium"
    assert cfg.fail_on_kind == {"quote": "low", "omission.unique": "never"}
    assert cfg.baseline == tmp_path / "ci/baseline.json"
    assert cfg.against == (tmp_path / "coverage",)
    assert cfg.source == tmp_path / "statements/today.txt"
    assert cfg.format == "github"


@pytest.mark.parametrize(
    ("table", "fragment"),
    [
        ('fail-on = "severe"', "fail-on"),
        ('fail-on-kind = "quote"', "fail-on-kind"),
        ('format = "xml"', "format"),
        ('fail_on = "high"', "unknown key"),
        ("against = 3", "against"),
    ],
)
def test_bad_pyproject_settings(tmp_path: Path, table: str, fragment: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.divergence]\n{table}\n")
    with pytest.raises(UsageError, match=fragment):
        load_settings(tmp_path)


def test_no_pyproject_section_means_defaults(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    cfg = load_settings(tmp_path)
    assert cfg.fail_on is None and cfg.against == ()
