"""GitHub Actions output: workflow-command annotations and a Markdown step summary.

Annotations (``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message``) mark
the findings in the new article's file. GitHub shows at most 10 annotations of each type
per step, so the step summary lists every finding. Hostile text never escapes its field:
in messages ``%``, CR and LF are percent-encoded; in properties also ``:`` and ``,``
(the escaping of the Actions runner's ``toolkit/core``).
"""

from __future__ import annotations

from collections.abc import Mapping

from divergence.check import CheckResult, FileRef, evidence_in, where
from divergence.render.markdown import md_escape
from divergence.types import severity_rank


def escape_data(text: str) -> str:
    """Escape a workflow-command message.

    >>> escape_data("50% up\\r\\nnext")
    '50%25 up%0D%0Anext'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow-command property value (file, title).

    >>> escape_property("a:b,c%")
    'a%3Ab%2Cc%25'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _level(status: str, severity: str) -> str | None:
    if status == "fail":
        return "error"
    if status == "baselined":
        return None
    return "warning" if severity_rank(severity) >= severity_rank("medium") else None


def render_annotations(result: CheckResult, files: Mapping[str, FileRef]) -> str:
    """One workflow command per finding that fails (error) or is medium+ below the threshold (warning)."""
    out = []
    for o in result.outcomes:
        aid = o.article_id
        ref = files.get(aid)
        for d in o.report.divergences:
            level = _level(o.status(d), d.severity)
            if level is None:
                continue
            ev = evidence_in(d, aid)
            props = []
            if ref is not None:
                props.append(f"file={escape_property(ref.path)}")
                if ref.lines is not None:
                    line, col = ref.lines.position(ev.start)
                    end_line, end_col = ref.lines.position(max(ev.end - 1, ev.start))
                    props += [
                        f"line={line}",
                        f"col={col}",
                        f"endLine={end_line}",
                        f"endColumn={end_col}",
                    ]
            props.append(f"title={escape_property(f'{d.code} ({d.severity})')}")
            out.append(f"::{level} {','.join(props)}::{escape_data(d.message)}")
    for e in result.stale:
        out.append(
            f"::warning title=stale baseline entry::{escape_data(f'{e.fingerprint} ({e.code}) is no longer found')}"
        )
    return "\n".join(out) + ("\n" if out else "")


_STATUS = {"fail": "❌ fails", "baselined": "☑️ baselined", "pass": "below threshold"}


def render_summary(result: CheckResult, files: Mapping[str, FileRef]) -> str:
    """A Markdown step summary listing every finding of every checked article."""
    verdict = "❌ failed" if result.exit_code else "✅ passed"
    lines = [
        f"## divergence check {verdict}",
        "",
        f"Policy: {md_escape(result.policy.describe())}.",
        "",
    ]
    for o in result.outcomes:
        aid = o.article_id
        ref = files.get(aid)
        related = ", ".join(md_escape(a.id) for a in o.report.articles[1:]) or "nothing"
        lines += [
            f"### {md_escape(ref.path if ref else aid)}",
            "",
            f"Compared with: {related}. {len(o.failing)} failing, {len(o.baselined)} baselined, "
            f"{len(o.below)} below the threshold.",
            "",
        ]
        if o.report.divergences:
            lines += ["| status | severity | code | where | message |", "|---|---|---|---|---|"]
            for d in o.report.divergences:
                ev = evidence_in(d, aid)
                lines.append(
                    f"| {_STATUS[o.status(d)]} | {d.severity} | {md_escape(d.code)} "
                    f"| {md_escape(where(ref, aid, ev.start))} | {md_escape(d.message)} |"
                )
            lines.append("")
    if result.stale:
        lines += ["### Stale baseline entries", ""]
        lines += [
            f"- `{e.fingerprint}` {md_escape(e.code)}: {md_escape(e.message)}" for e in result.stale
        ]
        lines.append("")
    return "\n".join(lines) + "\n"
