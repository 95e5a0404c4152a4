"""SARIF 2.1.0: one run, one result per finding, for code-scanning dashboards.

``ruleId`` is the divergence code; ``level`` follows severity (high → error, medium →
warning, low and info → note); the location is the evidence span in the new article's
file (lines and columns in code points, as ``columnKind`` says), other evidence spans are
related locations; ``partialFingerprints`` carries the content fingerprint, so a
dashboard tracks a finding across reflowed text. Baselined findings carry a suppression.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from divergence import __version__
from divergence.check import CheckResult, FileRef
from divergence.types import Divergence, Span

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"high": "error", "medium": "warning", "low": "note", "info": "note"}
_RULES = {
    "quote": "The same statement is quoted with other words, cut short, or attributed to someone else.",
    "number": "Quantities conflict or differ in precision or hedging.",
    "date": "Dates or weekdays conflict once resolved against publication dates.",
    "framing": "The same fact is told with another reporting verb, label, hedge or intensifier.",
    "omission": "Content that some outlets carry and others lack.",
    "content": "Another change of meaning in aligned passages.",
}


def _uri(path: str) -> str:
    return quote(PurePath(path).as_posix(), safe="/:")


def _location(span: Span, ref: FileRef | None) -> dict[str, Any]:
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": _uri(ref.path if ref else span.article)}
    }
    if ref is not None and ref.lines is not None:
        line, col = ref.lines.position(span.start)
        end_line, end_col = ref.lines.position(span.end)
        physical["region"] = {
            "startLine": line,
            "startColumn": col,
            "endLine": end_line,
            "endColumn": end_col,
            "charOffset": ref.lines.char_offset(span.start),
            "charLength": span.end - span.start,
            "snippet": {"text": span.text},
        }
    return {"physicalLocation": physical}


def _result(
    d: Divergence, status: str, article_id: str, files: Mapping[str, FileRef], rule_index: int
) -> dict[str, Any]:
    primary = next((e for e in d.evidence if e.article == article_id), d.evidence[0])
    related = [e for e in d.evidence if e is not primary]
    out: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[d.severity],
        "message": {"text": d.message or d.code},
        "locations": [_location(primary, files.get(primary.article))],
        "partialFingerprints": {"divergence/v1": d.fingerprint},
        "properties": {
            "severity": d.severity,
            "kind": d.kind,
            "confidence": d.confidence,
            "status": status,
        },
    }
    if related:
        out["relatedLocations"] = [
            {"id": n, **_location(e, files.get(e.article)), "message": {"text": f"in {e.article}"}}
            for n, e in enumerate(related, start=1)
        ]
    if status == "baselined":
        out["suppressions"] = [
            {"kind": "external", "justification": "accepted in the divergence baseline"}
        ]
    return out


def render_sarif(result: CheckResult, files: Mapping[str, FileRef]) -> str:
    """Return the SARIF 2.1.0 log (JSON text) of a check."""
    codes = sorted({d.code for o in result.outcomes for d in o.report.divergences})
    index = {c: i for i, c in enumerate(codes)}
    rules = [
        {
            "id": c,
            "name": c.replace(".", "_"),
            "shortDescription": {"text": c},
            "fullDescription": {"text": _RULES.get(c.split(".")[0], c)},
            "properties": {"kind": c.split(".")[0]},
        }
        for c in codes
    ]
    results = [
        _result(d, o.status(d), o.article_id, files, index[d.code])
        for o in result.outcomes
        for d in o.report.divergences
    ]
    artifacts = sorted(
        {
            (files[o.article_id].path if o.article_id in files else o.article_id)
            for o in result.outcomes
        }
    )
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "divergence",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "exitCode": result.exit_code,
                        "properties": {"policy": result.policy.describe()},
                    }
                ],
                "artifacts": [{"location": {"uri": _uri(p)}} for p in artifacts],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=1) + "\n"
