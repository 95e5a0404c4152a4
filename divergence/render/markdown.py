"""Markdown view: a summary table and one entry per divergence, every field escaped."""

from __future__ import annotations

import re

from divergence.types import KINDS, SEVERITIES, Report

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>~#])")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def md_escape(text: str) -> str:
    r"""Escape Markdown and inline-HTML syntax so text shows literally; newlines become spaces.

    >>> md_escape("<b>*x*</b> | y")
    '\\<b\\>\\*x\\*\\</b\\> \\| y'
    >>> md_escape("red \x1b[31m")  # control characters (terminal escapes) become U+FFFD
    'red �\\[31m'
    """
    flat = _CONTROL.sub("\ufffd", " ".join(text.split()).replace("&", "&amp;"))
    return _MD_SPECIAL.sub(r"\\\1", flat)


def render_markdown(report: Report, *, min_severity: str = "info") -> str:
    """Return the report as GitHub-flavoured Markdown."""
    floor = SEVERITIES.index(min_severity)
    lines = [f"# Divergence report: {len(report.articles)} articles", ""]
    # outlet and publication date only when some article has one (a .txt file has neither)
    shown = [
        (name, get)
        for name, get in (("outlet", lambda a: a.outlet), ("published", lambda a: a.published))
        if any(get(a) for a in report.articles)
    ]
    header = ["article", *(name for name, _ in shown), "title"]
    lines += ["| " + " | ".join(header) + " |", "|---" * len(header) + "|"]
    for a in report.articles:
        title = a.title or a.text.strip().split("\n", 1)[0]
        cells = [a.id, *(get(a) or "" for _, get in shown), title[:120]]
        lines.append("| " + " | ".join(md_escape(c) for c in cells) + " |")
    lines += [
        "",
        f"{len(report.groups)} aligned passages, {len(report.divergences)} divergences.",
        "",
    ]
    lines += ["| kind | " + " | ".join(reversed(SEVERITIES)) + " |", "|---" * 5 + "|"]
    for kind in KINDS:
        row = [
            sum(1 for d in report.divergences if d.kind == kind and d.severity == s)
            for s in reversed(SEVERITIES)
        ]
        if any(row):
            lines.append(f"| {kind} | " + " | ".join(str(x) for x in row) + " |")
    lines += ["", "## Divergences", ""]
    for d in report.divergences:
        if SEVERITIES.index(d.severity) < floor:
            continue
        group = f" (group {md_escape(d.group)})" if d.group else ""
        lines.append(
            f"- **{d.severity}** `{d.code}` {md_escape(d.id)}{group}: {md_escape(d.message)}"
        )
        for e in d.evidence[:8]:
            snippet = e.text if len(e.text) <= 200 else e.text[:199] + "…"
            lines.append(f"  - {md_escape(e.article)} {e.start}–{e.end}: {md_escape(snippet)}")
    if report.notes:
        lines += ["", "## Notes", ""] + [f"- {md_escape(n)}" for n in report.notes]
    if report.signature:
        lines += ["", f"<sub>{md_escape(str(report.signature))}</sub>"]
    return "\n".join(lines) + "\n"
