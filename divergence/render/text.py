"""Terminal view (rich): readable in 100 columns, plain when ``NO_COLOR`` is set."""

from __future__ import annotations

import io
import os
import re

from divergence.types import Report, severity_rank

_SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim"}
# C0 and C1 controls but newline and tab: an article's ESC sequences must not reach the terminal.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def inert(text: str) -> str:
    r"""Show control characters of article-supplied text as ``\xNN`` instead of sending them.

    >>> inert("red \x1b[31m alert\x07")
    'red \\x1b[31m alert\\x07'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def render_text(
    report: Report,
    *,
    width: int = 100,
    color: bool | None = None,
    min_severity: str = "info",
    max_items: int | None = None,
) -> str:
    """Return the report as terminal text; ANSI colour only when ``color`` (default: not NO_COLOR)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if color is None:
        color = not os.environ.get("NO_COLOR")
    buf = io.StringIO()
    console = Console(
        file=buf, width=width, force_terminal=color, no_color=not color, color_system="standard" if color else None,
        highlight=False, emoji=False, soft_wrap=False,
    )  # fmt: skip

    console.print(Text(f"divergence report: {len(report.articles)} articles", style="bold"))
    for a in report.articles:
        meta = inert(" · ".join(x for x in (a.outlet, a.published) if x))
        title = inert(a.title or a.text.strip().split("\n", 1)[0])
        line = Text(f"  {inert(a.id)}", style="bold")
        line.append(f"  {meta}" if meta else "")
        room = max(width - len(line.plain) - 3, 10)  # one line per article
        line.append(f"  {title if len(title) <= room else title[: room - 1] + '…'}", style="italic")
        console.print(line)
    counts = report.counts()
    summary = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    summary.add_column("kind")
    for sev in reversed(("info", "low", "medium", "high")):
        summary.add_column(sev, justify="right")
    for kind in counts["kind"]:
        row = [
            sum(1 for d in report.divergences if d.kind == kind and d.severity == s)
            for s in ("high", "medium", "low", "info")
        ]
        if any(row):
            summary.add_row(kind, *[str(x) if x else "·" for x in row])
    console.print()
    console.print(
        Text(
            f"{len(report.groups)} aligned passages, {len(report.divergences)} divergences",
            style="bold",
        )
    )
    console.print(summary)
    console.print()

    floor = severity_rank(min_severity)
    shown = [d for d in report.divergences if severity_rank(d.severity) >= floor]
    hidden = len(report.divergences) - len(shown)
    if max_items is not None and len(shown) > max_items:
        hidden += len(shown) - max_items
        shown = shown[:max_items]
    for d in shown:
        head = Text()
        head.append(f"{d.id:>4} ", style="dim")
        head.append(f"{d.severity.upper():<6}", style=_SEVERITY_STYLE[d.severity])
        head.append(f" {d.code}", style="bold")
        if d.group:
            head.append(f"  [{inert(d.group)}]", style="dim")
        console.print(head)
        console.print(Text(f"      {inert(d.message)}"), overflow="fold")
        for e in d.evidence[:6]:
            snippet = inert(" ".join(e.text.split()))
            if len(snippet) > width - 30:
                snippet = snippet[: width - 31] + "…"
            ev = Text(f"      {inert(e.article)}:{e.start}-{e.end} ", style="dim")
            ev.append(snippet, style="underline" if color else "")
            console.print(ev, overflow="fold")
        if len(d.evidence) > 6:
            console.print(Text(f"      … {len(d.evidence) - 6} more spans", style="dim"))
    if hidden:
        console.print(
            Text(
                f"({hidden} more below the shown severity or limit; see --format json)", style="dim"
            )
        )
    for note in report.notes:
        console.print(Text(f"note: {inert(note)}", style="yellow"), overflow="fold")
    if report.signature:
        console.print(Text(str(report.signature), style="dim"), overflow="fold")
    return buf.getvalue()
