"""CI policy: reports + baseline + thresholds → which findings fail, and the exit code. Pure.

A finding fails the check when its severity is at or above the threshold for its code
(``quote.wording=low``), else for its kind (``quote=medium``), else ``fail_on`` — and its
fingerprint is not in the baseline. Fingerprints identify findings by content (code,
articles, normalised evidence text), so a baseline survives reflowed text.

Exit codes: 0 nothing fails, 1 something fails (2, bad input or usage, is raised as an
error and turned into a code by the CLI).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from divergence.errors import UsageError
from divergence.types import KINDS, SEVERITIES, Divergence, Report, severity_rank

BASELINE_SCHEMA = "divergence.baseline/1"
CHECK_SCHEMA = "divergence.check/1"
NEVER = "never"  # a threshold under which nothing fails (``--fail-on-kind omission=never``)


def parse_severity(value: str, what: str = "--fail-on") -> str:
    """Return ``value`` as a severity (or ``never``); raise UsageError otherwise.

    >>> parse_severity("HIGH"), parse_severity("never")
    ('high', 'never')
    """
    v = value.strip().lower()
    if v not in (*SEVERITIES, NEVER):
        raise UsageError(
            f"{what}: expected one of {', '.join((*SEVERITIES, NEVER))}, found {value!r}"
        )
    return v


def parse_kind_thresholds(items: Iterable[str]) -> dict[str, str]:
    """Parse ``KIND=SEVERITY`` items (a kind like ``quote`` or a code like ``quote.wording``).

    >>> parse_kind_thresholds(["quote=medium", "omission.unique=never"])
    {'quote': 'medium', 'omission.unique': 'never'}
    """
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(
                f"--fail-on-kind: expected KIND=SEVERITY (e.g. quote=medium), found {item!r}"
            )
        out[check_kind(key)] = parse_severity(value, f"--fail-on-kind {key}")
    return out


def check_kind(key: str) -> str:
    """Return ``key`` if it names a kind or a code of a kind; raise UsageError otherwise."""
    if key.split(".", 1)[0] not in KINDS:
        raise UsageError(
            f"unknown divergence kind {key!r}; expected one of {', '.join(KINDS)} (or a code like quote.wording)"
        )
    return key


@dataclass(frozen=True)
class Policy:
    """When a finding fails the check."""

    fail_on: str = "high"
    fail_on_kind: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        parse_severity(self.fail_on)
        for key, value in self.fail_on_kind.items():
            check_kind(key)
            parse_severity(value, f"fail-on-kind {key}")

    def threshold(self, d: Divergence) -> str:
        """The severity at or above which ``d`` fails: by code, then kind, then ``fail_on``."""
        return self.fail_on_kind.get(d.code) or self.fail_on_kind.get(d.kind) or self.fail_on

    def at_or_above(self, d: Divergence) -> bool:
        floor = self.threshold(d)
        return floor != NEVER and severity_rank(d.severity) >= severity_rank(floor)

    def describe(self) -> str:
        """One line: ``fail on high; quote: medium``."""
        extra = "; ".join(f"{k}: {v}" for k, v in sorted(self.fail_on_kind.items()))
        return f"fail on {self.fail_on}" + (f"; {extra}" if extra else "")


@dataclass(frozen=True)
class BaselineEntry:
    fingerprint: str
    code: str
    articles: tuple[str, ...]
    message: str = ""


@dataclass(frozen=True)
class Baseline:
    """Accepted findings, by content fingerprint."""

    entries: tuple[BaselineEntry, ...] = ()

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(e.fingerprint for e in self.entries)


def load_baseline(text: str, source: str = "baseline") -> Baseline:
    """Parse a baseline file; raise UsageError naming ``source`` when it is not one."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise UsageError(f"{source}: not a baseline file (invalid JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise UsageError(
            f"{source}: expected a baseline with schema {BASELINE_SCHEMA!r}, found {found!r}"
        )
    entries = []
    for n, item in enumerate(data.get("findings", []), start=1):
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
            raise UsageError(f"{source}: finding {n} has no fingerprint")
        entries.append(
            BaselineEntry(
                item["fingerprint"],
                str(item.get("code", "")),
                tuple(str(a) for a in item.get("articles", ())),
                str(item.get("message", "")),
            )
        )
    return Baseline(tuple(entries))


def dump_baseline(reports: Sequence[Report], previous: Baseline | None = None) -> str:
    """Serialise every finding of ``reports`` as accepted (sorted, deterministic JSON).

    Each entry names the checked (new) article it was found for; entries of ``previous``
    about articles not checked this time are kept.
    """
    checked = {r.articles[0].id for r in reports if r.articles}
    found: dict[str, BaselineEntry] = {}
    for r in reports:
        for d in r.divergences:
            fp = d.fingerprint
            if fp and fp not in found:
                found[fp] = BaselineEntry(fp, d.code, (r.articles[0].id,), d.message)
    if previous is not None:
        for e in previous.entries:
            if e.fingerprint not in found and not set(e.articles) & checked:
                found[e.fingerprint] = e
    items = [
        {
            "fingerprint": e.fingerprint,
            "code": e.code,
            "articles": list(e.articles),
            "message": e.message,
        }
        for e in sorted(found.values(), key=lambda e: (e.code, e.fingerprint))
    ]
    return (
        json.dumps({"schema": BASELINE_SCHEMA, "findings": items}, ensure_ascii=False, indent=1)
        + "\n"
    )


@dataclass(frozen=True)
class Outcome:
    """The verdict on one new article's report (its first article)."""

    report: Report
    failing: tuple[Divergence, ...]  # at or above the threshold, not in the baseline
    baselined: tuple[Divergence, ...]  # at or above the threshold, accepted in the baseline
    below: tuple[Divergence, ...]  # under the threshold

    @property
    def article_id(self) -> str:
        return self.report.articles[0].id

    def status(self, d: Divergence) -> str:
        """``fail``, ``baselined`` or ``pass`` for one of this report's findings."""
        if any(d is f for f in self.failing):
            return "fail"
        if any(d is f for f in self.baselined):
            return "baselined"
        return "pass"


@dataclass(frozen=True)
class CheckResult:
    outcomes: tuple[Outcome, ...]
    policy: Policy
    stale: tuple[BaselineEntry, ...] = ()  # in the baseline, about a checked article, not found

    @property
    def exit_code(self) -> int:
        return 1 if any(o.failing for o in self.outcomes) else 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON output: one report (with a ``check`` section) or ``divergence.check/1``."""
        reports = [_report_dict(o, self.policy) for o in self.outcomes]
        if len(reports) == 1:
            reports[0]["check"]["exit"] = self.exit_code
            if self.stale:
                reports[0]["check"]["stale_baseline"] = [e.fingerprint for e in self.stale]
            return reports[0]
        out: dict[str, Any] = {"schema": CHECK_SCHEMA, "reports": reports, "exit": self.exit_code}
        if self.stale:
            out["stale_baseline"] = [e.fingerprint for e in self.stale]
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"


def _report_dict(o: Outcome, policy: Policy) -> dict[str, Any]:
    data = o.report.to_dict()
    data["check"] = {
        "article": o.article_id,
        "policy": {
            "fail_on": policy.fail_on,
            "fail_on_kind": dict(sorted(policy.fail_on_kind.items())),
        },
        "failing": [d.id for d in o.failing],
        "baselined": [d.id for d in o.baselined],
    }
    return data


def evaluate(
    reports: Sequence[Report], policy: Policy, baseline: Baseline | None = None
) -> CheckResult:
    """Judge each report against ``policy`` and ``baseline``; find stale baseline entries."""
    accepted = baseline.fingerprints if baseline else frozenset()
    outcomes = []
    seen: set[str] = set()
    for r in reports:
        failing, baselined, below = [], [], []
        for d in r.divergences:
            seen.add(d.fingerprint)
            if not policy.at_or_above(d):
                below.append(d)
            elif d.fingerprint and d.fingerprint in accepted:
                baselined.append(d)
            else:
                failing.append(d)
        outcomes.append(Outcome(r, tuple(failing), tuple(baselined), tuple(below)))
    checked = {r.articles[0].id for r in reports if r.articles}
    stale = tuple(
        e
        for e in (baseline.entries if baseline else ())
        if e.fingerprint not in seen and set(e.articles) & checked
    )
    return CheckResult(tuple(outcomes), policy, stale)


# -------------------------------------------------------------------- file positions


@dataclass(frozen=True)
class LineMap:
    """Turn offsets into an article's text into 1-based line/column in the file it came from.

    ``base`` is where the article text starts in the file's text (a text file's leading
    date marker is not part of the article); columns count code points.

    >>> m = LineMap("x\\nab\\ncd", 2)
    >>> m.position(0), m.position(4)
    ((2, 1), (3, 2))
    """

    file_text: str
    base: int = 0

    def position(self, offset: int) -> tuple[int, int]:
        at = min(max(self.base + offset, 0), len(self.file_text))
        line = self.file_text.count("\n", 0, at) + 1
        col = at - (self.file_text.rfind("\n", 0, at) + 1) + 1
        return line, col

    def char_offset(self, offset: int) -> int:
        return self.base + offset

    @classmethod
    def locate(cls, file_text: str, article_text: str) -> LineMap | None:
        """Find ``article_text`` in the file's (line-end normalised) text, or None."""
        text = file_text.replace("\r\n", "\n").replace("\r", "\n")
        at = text.find(article_text)
        return cls(text, at) if at >= 0 else None


@dataclass(frozen=True)
class FileRef:
    """Where an article came from, for locations in CI outputs: a display path and lines."""

    path: str
    lines: LineMap | None = None


def evidence_in(d: Divergence, article_id: str) -> Any:
    """The first evidence span of ``d`` in ``article_id`` (else the first span)."""
    return next((e for e in d.evidence if e.article == article_id), d.evidence[0])


def where(ref: FileRef | None, article_id: str, offset: int) -> str:
    """``path:line:col`` (or the article id) of an offset, for text output."""
    if ref is None:
        return article_id
    if ref.lines is None:
        return ref.path
    line, col = ref.lines.position(offset)
    return f"{ref.path}:{line}:{col}"


def render_text(result: CheckResult, files: Mapping[str, FileRef]) -> str:
    """A plain summary per new article: every finding with its verdict, then the verdict."""
    mark = {"fail": "FAIL", "baselined": "base", "pass": "    "}
    lines: list[str] = []
    for o in result.outcomes:
        aid = o.article_id
        related = [a.id for a in o.report.articles[1:]]
        lines.append(
            f"{files[aid].path if aid in files else aid}: compared with {', '.join(related) or 'nothing'}"
        )
        for d in o.report.divergences:
            ev = evidence_in(d, aid)
            msg = " ".join(d.message.split())
            lines.append(
                f"  {mark[o.status(d)]} {d.severity:<6} {d.code:<26} {where(files.get(aid), aid, ev.start)}  {msg}"
            )
        lines.append(
            f"  {len(o.failing)} failing, {len(o.baselined)} baselined, {len(o.below)} below the threshold"
        )
        lines.append("")
    for e in result.stale:
        lines.append(f"warning: baseline entry {e.fingerprint} ({e.code}) no longer found")
    verdict = "FAILED" if result.exit_code else "passed"
    lines.append(f"divergence check {verdict} ({result.policy.describe()})")
    return "\n".join(lines) + "\n"
