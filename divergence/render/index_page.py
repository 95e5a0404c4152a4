"""Batch index views: a self-contained HTML page and the outlets Markdown table. Return strings.

Everything taken from the archive (titles, outlets, ids) is escaped; the page loads nothing.
"""

from __future__ import annotations

import html
from typing import Any

from divergence.types import KINDS

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;
color:#1b1b1b}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}th,td{padding:.3rem .5rem;border-bottom:1px solid #ddd;
text-align:left;vertical-align:top}th{background:#f3f3f3}td.n,th.n{text-align:right;
font-variant-numeric:tabular-nums}.muted{color:#666}.outlets{font-size:.9em;color:#444}
.sig{font:12px ui-monospace,monospace;color:#555;word-break:break-all}
@media print{a{color:inherit;text-decoration:none}}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def render_index(index: dict[str, Any], outlets: dict[str, Any] | None = None) -> str:
    """Return the index page: stories with outlets, article counts and findings by kind.

    >>> page = render_index({"stories": [{"id": "s-1", "title": "<b>", "articles": 1,
    ...     "outlets": ["A&B"], "analysed": False, "reason": "one article"}], "totals": {}})
    >>> "&lt;b&gt;" in page and "A&amp;B" in page and "<b>" not in page
    True
    """
    totals = index.get("totals", {})
    head = "".join(f'<th class="n" scope="col">{_e(k)}</th>' for k in KINDS)
    rows = []
    for s in index.get("stories", []):
        link = s.get("html") or s.get("report")
        title = _e(s.get("title") or s["id"])
        cell = f'<a href="{_e(link)}">{title}</a>' if link else title
        counts = s.get("divergences")
        if counts is not None:
            kinds = "".join(f'<td class="n">{int(counts.get(k, 0))}</td>' for k in KINDS)
        else:
            why = (
                f"analysis failed: {s['error']}"
                if s.get("error")
                else f"not analysed: {s.get('reason', '')}"
            )
            kinds = f'<td colspan="{len(KINDS)}" class="muted">{_e(why)}</td>'
        copies = (
            f' <span class="muted">({int(s.get("syndicated", 0))} wire copies)</span>'
            if s.get("syndicated")
            else ""
        )
        rows.append(
            f'<tr><td>{cell}<div class="outlets">{_e(", ".join(s.get("outlets", [])))}</div></td>'
            f"<td>{_e(s.get('published') or '')}</td>"
            f'<td class="n">{int(s.get("articles", 0))}{copies}</td>{kinds}</tr>'
        )
    n_stories = int(totals.get("stories", len(index.get("stories", []))))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>divergence: {n_stories} stories</title>",
        f"<style>{_CSS}</style></head><body><main>",
        "<h1>Stories</h1>",
        f"<p>{n_stories} stories ({int(totals.get('analysed', 0))} analysed) from "
        f"{int(totals.get('articles', 0))} articles, "
        f"{int(totals.get('syndicated', 0))} wire copies.</p>",
        '<table><thead><tr><th scope="col">story and outlets</th><th scope="col">published</th>'
        f'<th class="n" scope="col">articles</th>{head}</tr></thead><tbody>',
        *rows,
        "</tbody></table>",
    ]
    if outlets and outlets.get("outlets"):
        parts.append(
            "<h2>Outlets</h2><p>Findings whose evidence involves the outlet, "
            "per analysed story it appears in.</p>"
        )
        parts.append(_outlets_table(outlets))
    sig = index.get("signature")
    if sig:
        parts.append(f'<p class="sig">{_e(_signature_line(sig))}</p>')
    parts.append("</main></body></html>\n")
    return "\n".join(parts)


def _outlets_table(outlets: dict[str, Any]) -> str:
    head = "".join(f'<th class="n" scope="col">{_e(k)}</th>' for k in KINDS)
    rows = []
    for o in outlets["outlets"]:
        per = o["per_story"]
        cells = "".join(f'<td class="n">{per[k]:.2f}</td>' for k in KINDS)
        rows.append(
            f'<tr><td>{_e(o["outlet"])}</td><td class="n">{int(o["stories"])}</td>{cells}'
            f'<td class="n">{o["omits_per_story"]:.2f}</td></tr>'
        )
    return (
        '<table><thead><tr><th scope="col">outlet</th><th class="n" scope="col">stories</th>'
        f'{head}<th class="n" scope="col">omits</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )


def _signature_line(sig: dict[str, Any]) -> str:
    knobs = "|".join(f"{k}:{v:g}" for k, v in sorted(sig.get("stories", {}).items()))
    return f"divergence:{sig.get('version')}|model:{sig.get('model')}|{knobs}"


def _md(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_outlets_markdown(outlets: dict[str, Any]) -> str:
    """Return the outlet aggregates as a Markdown table (rates per story the outlet is in).

    >>> print(render_outlets_markdown({"outlets": [{"outlet": "A|B", "stories": 2, "articles": 2,
    ...     "per_story": {"quote": 0.5, "number": 0, "date": 0, "framing": 1, "omission": 0,
    ...     "content": 0}, "omits_per_story": 0.25}]}), end="")
    # Outlets
    <BLANKLINE>
    Findings involving the outlet, per analysed story it is in; omits: content it lacks.
    <BLANKLINE>
    | outlet | stories | articles | quote | number | date | framing | omission | content | omits |
    |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
    | A\\|B | 2 | 2 | 0.50 | 0.00 | 0.00 | 1.00 | 0.00 | 0.00 | 0.25 |
    """
    lines = [
        "# Outlets",
        "",
        "Findings involving the outlet, per analysed story it is in; omits: content it lacks.",
        "",
        "| outlet | stories | articles | " + " | ".join(KINDS) + " | omits |",
        "|---|---:|---:|" + "---:|" * len(KINDS) + "---:|",
    ]
    for o in outlets.get("outlets", []):
        per = o["per_story"]
        lines.append(
            f"| {_md(o['outlet'])} | {int(o['stories'])} | {int(o['articles'])} | "
            + " | ".join(f"{per[k]:.2f}" for k in KINDS)
            + f" | {o['omits_per_story']:.2f} |"
        )
    return "\n".join(lines) + "\n"
