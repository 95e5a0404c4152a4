"""CI renderers: GitHub annotations and summary, SARIF 2.1.0 (schema-valid), JUnit XML; hostile text."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from divergence.check import FileRef, LineMap, Policy, evaluate, load_baseline
from divergence.pipeline import fingerprint
from divergence.render.github import (
    escape_data,
    escape_property,
    render_annotations,
    render_summary,
)
from divergence.render.junit import render_junit
from divergence.render.sarif import render_sarif
from divergence.types import Article, Divergence, Report, Span

DATA = Path(__file__).resolve().parent / "data"
HOSTILE = 'Evil 100%\r\n::error::pwned, "<script>&</script>" \x00\x1b[31m \ud800 ]]> |pipe| :colon,'
FILE_TEXT = ' date 2025-04-08 Headline: 50% off\n\nHe said "we won" at 10:00, twice.\nSecond line %0A here.\n'


def _report(message: str = 'quoted as "won", elsewhere "lost"') -> Report:
    new = Article("new", FILE_TEXT[len(" date 2025-04-08 ") :].rstrip())
    old = Article("old", 'He said "we lost" at 10:00.')
    a, b = new.text.index("won"), old.text.index("lost")
    ds = []
    for n, (code, sev) in enumerate(
        [("quote.wording", "high"), ("number.conflict", "medium"), ("framing.hedge", "low")], 1
    ):
        d = Divergence(
            f"d{n}", code.split(".")[0], code, sev,
            (Span("new", a, a + 3, "won"), Span("old", b, b + 4, "lost")), message,
        )  # fmt: skip
        ds.append(
            Divergence(
                d.id, d.kind, d.code, d.severity, d.evidence, d.message, fingerprint=fingerprint(d)
            )
        )
    return Report((new, old), (), tuple(ds))


def _files(report: Report, path: str = "news/new story,v2:final.txt") -> dict[str, FileRef]:
    return {
        "new": FileRef(path, LineMap.locate(FILE_TEXT, report.articles[0].text)),
        "old": FileRef("old.txt"),
    }


def test_github_escaping() -> None:
    assert escape_data("a%b\rc\nd") == "a%25b%0Dc%0Ad"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_annotations_locate_and_escape_hostile_text() -> None:
    report = _report(HOSTILE)
    result = evaluate([report], Policy("medium"))
    out = render_annotations(result, _files(report))
    lines = out.splitlines()
    assert len(lines) == 2  # high and medium fail; low is below the threshold and not annotated
    first = lines[0]
    assert first.startswith(
        "::error file=news/new story%2Cv2%3Afinal.txt,line=3,col=13,endLine=3,endColumn=15,title=quote.wording (high)::"
    )
    message = first.split("::", 2)[2]
    assert "\r" not in out and message.count("\n") == 0
    assert "100%25" in message and "%0D%0A" in message
    assert (
        "::" in message
    )  # a "::" inside the message data cannot start a new command: it is not at a line start


def test_github_summary_lists_everything_escaped() -> None:
    report = _report(HOSTILE)
    accepted = load_baseline(
        json.dumps(
            {
                "schema": "divergence.baseline/1",
                "findings": [
                    {"fingerprint": report.divergences[1].fingerprint, "articles": ["new"]}
                ],
            }
        )
    )
    summary = render_summary(evaluate([report], Policy("medium"), accepted), _files(report))
    rows = [ln for ln in summary.splitlines() if ln.startswith("| ") and "severity" not in ln]
    assert len(rows) == 3
    assert "❌ fails" in rows[0] and "baselined" in rows[1] and "below threshold" in rows[2]
    assert "<script>" not in summary and "\\|pipe\\|" in summary
    assert all(row.count(" | ") == 4 for row in rows)  # hostile pipes cannot add columns


def test_sarif_validates_against_the_official_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    report = _report(HOSTILE)
    accepted = load_baseline(
        json.dumps(
            {
                "schema": "divergence.baseline/1",
                "findings": [
                    {"fingerprint": report.divergences[0].fingerprint, "articles": ["new"]}
                ],
            }
        )
    )
    text = render_sarif(evaluate([report], Policy("medium"), accepted), _files(report))
    log = json.loads(text)
    jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    ).validate(log)
    run = log["runs"][0]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["quote.wording", "number.conflict", "framing.hedge"]
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    assert {rule["id"] for rule in run["tool"]["driver"]["rules"]} == {r["ruleId"] for r in results}
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (3, 13, 16)
    assert FILE_TEXT[region["charOffset"] : region["charOffset"] + region["charLength"]] == "won"
    assert results[0]["partialFingerprints"]["divergence/v1"] == report.divergences[0].fingerprint
    assert results[0]["suppressions"][0]["kind"] == "external"
    assert results[0]["message"]["text"] == HOSTILE  # JSON carries it exactly


def test_sarif_with_no_findings_is_valid() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    empty = Report((Article("new", "Nothing here."),), (), ())
    jsonschema.validate(json.loads(render_sarif(evaluate([empty], Policy()), {})), schema)


def test_junit_parses_and_strips_illegal_characters() -> None:
    report = _report(HOSTILE)
    clean = Report((Article("calm", "Nothing here."),), (), ())
    xml = render_junit(evaluate([report, clean], Policy("medium")), _files(report))
    root = ET.fromstring(xml.encode("utf-8"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["news/new story,v2:final.txt", "calm"]
    failing = suites[0].findall("testcase")
    assert len(failing) == 2 and all(tc.find("failure") is not None for tc in failing)
    assert failing[0].find("failure").get("type") == "quote.wording"  # type: ignore[union-attr]
    message = failing[0].find("failure").get("message")  # type: ignore[union-attr]
    assert "\x00" not in message and "\x1b" not in message and "<script>&</script>" in message
    passing = suites[1].findall("testcase")
    assert len(passing) == 1 and passing[0].find("failure") is None
    assert root.get("failures") == "2" and root.get("tests") == "3"
