"""Render a report as one self-contained HTML page: outlets side by side, findings listed.

The page is built in Python by walking character spans and escaping everything in between
(after spaCy's displaCy); the inlined script (``html.js``) only toggles classes, filters the
list and scrolls. Nothing is recomputed in the browser, nothing is fetched: CSS and JS are
inlined, and a Content-Security-Policy allows no network request at all.

Layout: rows are aligned passages (one ``Group`` per row, members side by side) and, between
them, the passages each article carries alone (unmatched text, with ``Article.skipped``
boilerplate collapsed). Rows follow a stable merge of the articles' reading orders.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources

from divergence.io_utils import unique_name
from divergence.types import KINDS, SEVERITIES, Article, Divergence, Group, Report

__all__ = ["render_html"]

# One letter per kind, shown on the first piece of each evidence mark (class ``lab``) so that kinds
# differ by more than colour (WCAG 1.4.1); the underline style differs too (html.css).
KIND_LETTERS = {
    "quote": "Q",
    "number": "#",
    "date": "D",
    "framing": "F",
    "omission": "O",
    "content": "C",
}
# Above this many groups, the coverage matrix becomes one compact strip per article.
MAX_MATRIX_GROUPS = 40
_SAFE_ID = re.compile(r"[^A-Za-z0-9_.-]")
_HTTP = re.compile(r"https?://[^/?#]", re.IGNORECASE)  # only these become links


def render_html(report: Report, *, max_columns: int = 6) -> str:
    """Return ``report`` as one self-contained HTML document (a string).

    ``max_columns`` outlets are shown side by side at first (the first ones in input order);
    with more articles, a control picks which to show. Evidence spans are half-open
    character offsets into ``Article.text``; each becomes one or more ``<mark>`` pieces
    with the divergence id in ``data-div``.
    """
    if max_columns < 1:
        raise ValueError(f"max_columns must be at least 1, found {max_columns}")
    script = _resource("html.js")
    if "</script" in script.lower():  # the inlined script must not close its own element
        raise ValueError("html.js must not contain '</script'")
    script_hash = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    csp = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{script_hash}'; base-uri 'none'; form-action 'none'"
    )
    n_articles = len(report.articles)
    n_shown = min(max_columns, n_articles)
    rows = _layout(report)
    ids = _Ids(report, rows)
    evidence = _evidence_by_article(report)
    title = (
        f"Divergence report: {n_articles} article{_s(n_articles)}, "
        f"{len(report.divergences)} divergence{_s(len(report.divergences))}"
    )
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(csp)}">\n',
        '<meta name="referrer" content="no-referrer">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="generator" content="divergence">\n',
        f"<title>{_e(title)}</title>\n",
        '<link rel="icon" href="data:,">\n',
        "<style>\n",
        _resource("html.css"),
        _column_css(n_articles, n_shown),
        "</style>\n</head>\n<body>\n",
        '<a class="skip-link" href="#main">Skip to the articles</a>\n',
        _header(report, title, rows, ids),
        '<div class="layout">\n',
        _findings(report, ids),
        _main(report, rows, ids, evidence, n_shown, max_columns),
        "</div>\n",
        _footer(report),
        f"<script>{script}</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


# --- layout: rows in a stable merge of the articles' reading orders -----------------------


@dataclass
class _Row:
    """One row of the side-by-side view: a group, or passages no group covers."""

    group: int | None  # index into report.groups; None for unmatched passages
    cells: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # article -> ranges


def _layout(report: Report) -> list[_Row]:
    """Order groups and unmatched passages so that each article reads top to bottom.

    Each article is a sequence of items (its group members and the gaps between them, by
    start offset). Rows are emitted by a greedy merge: all articles whose next item is an
    unmatched gap emit it together in one row; otherwise the first group that is next in
    every article carrying it; if groups cross (A has g1 before g2, B the reverse), the next
    group of the first unfinished article is emitted anyway. O(rows * articles).
    """
    index = {a.id: i for i, a in enumerate(report.articles)}
    group_cells: list[dict[int, list[tuple[int, int]]]] = []
    firsts: list[list[tuple[int, int]]] = [[] for _ in report.articles]  # (start, group)
    covered: list[list[tuple[int, int]]] = [[] for _ in report.articles]
    for gi, group in enumerate(report.groups):
        cells: dict[int, list[tuple[int, int]]] = {}
        for m in group.members:
            ai = index.get(m.article)
            if ai is None:
                continue
            size = len(report.articles[ai].text)
            start, end = min(max(m.start, 0), size), min(max(m.end, 0), size)
            cells.setdefault(ai, []).append((start, end))
            covered[ai].append((start, end))
        for ai, ranges in cells.items():
            ranges.sort()
            firsts[ai].append((ranges[0][0], gi))
        group_cells.append(cells)

    # Per article: ("g", group) and ("u", start, end) items in reading order.
    sequences: list[list[tuple]] = []
    for ai, article in enumerate(report.articles):
        items: list[tuple[int, int, tuple]] = [(s, 1, ("g", gi)) for s, gi in firsts[ai]]
        for start, end in _gaps(article.text, covered[ai]):
            items.append((start, 0, ("u", start, end)))
        items.sort(key=lambda it: (it[0], it[1], it[2][1]))
        sequences.append([it[2] for it in items])

    pos = [0] * len(sequences)
    done: set[int] = set()

    def head(ai: int) -> tuple | None:
        seq = sequences[ai]
        while pos[ai] < len(seq) and seq[pos[ai]][0] == "g" and seq[pos[ai]][1] in done:
            pos[ai] += 1
        return seq[pos[ai]] if pos[ai] < len(seq) else None

    rows: list[_Row] = []
    while True:
        heads = [head(ai) for ai in range(len(sequences))]
        if all(h is None for h in heads):
            break
        solo = _Row(None)
        for ai, h in enumerate(heads):
            if h is not None and h[0] == "u":
                solo.cells[ai] = [(h[1], h[2])]
                pos[ai] += 1
        if solo.cells:
            rows.append(solo)
            continue
        chosen = next(
            (
                h[1]
                for h in heads
                if h is not None and all(heads[ai] == h for ai in group_cells[h[1]])
            ),
            None,
        )
        if chosen is None:  # crossing groups: break the tie by the first unfinished article
            chosen = next(h[1] for h in heads if h is not None)
        done.add(chosen)
        rows.append(_Row(chosen, group_cells[chosen]))
    return rows


def _gaps(text: str, covered: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the ranges of ``text`` outside ``covered``, trimmed of whitespace, non-empty.

    >>> _gaps("ab  cd  ef", [(4, 6)])
    [(0, 2), (8, 10)]
    """
    out: list[tuple[int, int]] = []
    cursor = 0
    for start, end in [*sorted(covered), (len(text), len(text))]:
        if start > cursor:
            s, e = _trim(text, cursor, start)
            if s < e:
                out.append((s, e))
        cursor = max(cursor, end)
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past leading and trailing whitespace of ``text``.

    >>> _trim(" a b \\n", 0, 6)
    (1, 4)
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# --- text: walk character spans, escape everything in between -----------------------------


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    order: int  # position of the divergence in the report (most severe first)
    divergence: Divergence


def _evidence_by_article(report: Report) -> dict[str, list[_Mark]]:
    """Collect every evidence span as a mark, per article id, sorted by start."""
    out: dict[str, list[_Mark]] = {}
    for order, d in enumerate(report.divergences):
        for ev in d.evidence:
            out.setdefault(ev.article, []).append(_Mark(ev.start, ev.end, order, d))
    for marks in out.values():
        marks.sort(key=lambda m: (m.start, -m.end, m.order))
    return out


def _render_text(text: str, start: int, end: int, marks: Sequence[_Mark]) -> str:
    """Escape ``text[start:end]``, wrapping each mark's span in ``<mark>`` elements.

    Marks that nest stay whole (the longer one outside); a mark that crosses another's end
    is closed there and reopened after it, so the HTML always nests. Every piece carries the
    divergence id in ``data-div``; the first piece also gets class ``first`` and, unless a
    mark of the same kind opens at the same place, ``lab`` (the kind letter).
    """
    spans = [
        (max(m.start, start), min(m.end, end), m)
        for m in marks
        if m.start < end and m.end > start and m.start < m.end
    ]
    if not spans:
        return _e(text[start:end])
    starting: dict[int, list[tuple[int, int, _Mark]]] = {}
    bounds = {start, end}
    for s, e, m in spans:
        starting.setdefault(s, []).append((s, e, m))
        bounds.update((s, e))
    out: list[str] = []
    stack: list[tuple[int, int, _Mark]] = []
    points = sorted(bounds)
    for here, after in zip(points, [*points[1:], end], strict=True):
        if any(e == here for _, e, _ in stack):
            reopen = []
            while any(e == here for _, e, _ in stack):
                span = stack.pop()
                out.append("</mark>")
                if span[1] != here:
                    reopen.append(span)
            for span in reversed(reopen):
                out.append(_open_mark(span[2], first=False))
                stack.append(span)
        labelled: set[str] = set()  # one kind letter per position, not "FFF" for three
        for span in sorted(starting.get(here, ()), key=lambda sp: (-sp[1], sp[2].order)):
            first = span[0] == span[2].start
            kind = span[2].divergence.kind
            out.append(_open_mark(span[2], first=first, label=first and kind not in labelled))
            labelled.add(kind)
            stack.append(span)
        out.append(_e(text[here:after]))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


def _open_mark(mark: _Mark, *, first: bool, label: bool = False) -> str:
    d = mark.divergence
    cls = f"ev k-{d.kind} s-{d.severity}" + (" lab" if label else "") + (" first" if first else "")
    return f'<mark class="{cls}" data-div="{_e(d.id)}" title="{_e(d.code)} ({d.severity})">'


def _render_cell_text(article: Article, start: int, end: int, marks: Sequence[_Mark]) -> str:
    """Render one passage; boilerplate (``Article.skipped``) inside it is collapsed."""
    skipped = sorted(
        (max(s, start), min(e, end)) for s, e in article.skipped if s < end and e > start
    )
    if not skipped:
        return _render_text(article.text, start, end, marks)
    out = []
    cursor = start
    for s, e in skipped:
        if s > cursor:
            a, b = _trim(article.text, cursor, s)
            if a < b:
                out.append(f'<span class="txt">{_render_text(article.text, a, b, marks)}</span>')
        if e > max(s, cursor):
            s = max(s, cursor)
            out.append(
                f'<details class="skip"><summary>Boilerplate, not compared ({e - s} characters)'
                f"</summary>{_render_text(article.text, s, e, marks)}</details>"
            )
        cursor = max(cursor, e)
    if cursor < end:
        a, b = _trim(article.text, cursor, end)
        if a < b:
            out.append(f'<span class="txt">{_render_text(article.text, a, b, marks)}</span>')
    return "".join(out)


# --- ids: deterministic, derived from report ids --------------------------------------------


class _Ids:
    """HTML ids for groups, rows and divergences: slugs of the report ids, made unique."""

    def __init__(self, report: Report, rows: Sequence[_Row]) -> None:
        used: set[str] = set()
        self.group = [unique_name("g-" + _slug(g.id), used) for g in report.groups]
        self.div = [unique_name("d-" + _slug(d.id), used) for d in report.divergences]
        self.group_of: dict[str, int] = {}
        for gi, g in enumerate(report.groups):
            self.group_of.setdefault(g.id, gi)


def _slug(value: str) -> str:
    """Return ``value`` with characters unsafe in ids and URLs replaced.

    >>> _slug('g1 "x"')
    'g1--x-'
    """
    return _SAFE_ID.sub("-", value) or "-"


# --- page sections ------------------------------------------------------------------------


def _header(report: Report, title: str, rows: Sequence[_Row], ids: _Ids) -> str:
    counts = report.counts()
    out = ['<header class="top">\n', f"<h1>{_e(title)}</h1>\n"]
    many = len(report.articles) > 10
    out.append(
        f'<details class="articles"{"" if many else " open"}><summary>'
        f"<h2>Articles</h2></summary>\n"
        '<table><thead><tr><th scope="col">#</th><th scope="col">Outlet</th>'
        '<th scope="col">Title</th><th scope="col">Published</th><th scope="col">Source</th>'
        "</tr></thead><tbody>\n"
    )
    for i, a in enumerate(report.articles):
        out.append(
            f"<tr><td>{i + 1}</td><td>{_e(_outlet(a))}"
            + (f'<br><span class="id">{_e(a.id)}</span>' if a.outlet else "")
            + "</td>"
            f"<td>{_e(a.title or '')}</td><td>{_e(a.published or '')}</td>"
            f"<td>{_link(a.url)}</td></tr>\n"
        )
    out.append("</tbody></table></details>\n")
    # Summary: counts by kind and severity, then coverage.
    out.append('<section class="summary" aria-labelledby="summary-h">\n')
    out.append('<h2 id="summary-h" class="sr">Summary</h2>\n<div>\n')
    out.append(
        '<table class="counts"><caption>Divergences by kind and severity</caption>'
        '<thead><tr><th scope="col">Kind</th>'
    )
    severities = SEVERITIES[::-1]
    out.extend(f'<th scope="col">{s}</th>' for s in severities)
    out.append('<th scope="col">total</th></tr></thead><tbody>\n')
    table: dict[tuple[str, str], int] = {}
    for d in report.divergences:
        table[d.kind, d.severity] = table.get((d.kind, d.severity), 0) + 1
    for k in KINDS:
        out.append(f'<tr><th scope="row"><span class="kl">{_e(KIND_LETTERS[k])}</span> {k}</th>')
        out.extend(f"<td>{table.get((k, s), 0) or ''}</td>" for s in severities)
        out.append(f"<td>{counts['kind'][k]}</td></tr>\n")
    out.append('<tr class="tot"><th scope="row">total</th>')
    out.extend(f"<td>{counts['severity'][s]}</td>" for s in severities)
    out.append(f"<td>{len(report.divergences)}</td></tr>\n</tbody></table>\n</div>\n")
    out.append(_coverage(report, rows, ids))
    out.append("</section>\n</header>\n")
    return "".join(out)


def _coverage(report: Report, rows: Sequence[_Row], ids: _Ids) -> str:
    """Which outlet carries which aligned content: groups (in row order) x articles."""
    order = [r.group for r in rows if r.group is not None]
    carried: list[set[int]] = [set() for _ in report.articles]
    for row in rows:
        if row.group is not None:
            for ai in row.cells:
                carried[ai].add(row.group)
    out = ['<div class="coverage">\n']
    caption = f"Coverage: which outlet carries each of the {len(order)} aligned passages"
    if len(order) <= MAX_MATRIX_GROUPS:
        out.append(f'<table class="matrix"><caption>{_e(caption)}</caption><thead><tr>')
        out.append('<th scope="col">Outlet</th>')
        for gi in order:
            gid = report.groups[gi].id
            out.append(f'<th scope="col"><a href="#{ids.group[gi]}">{_e(gid)}</a></th>')
        out.append('<th scope="col">total</th></tr></thead><tbody>\n')
        for ai, a in enumerate(report.articles):
            out.append(f'<tr><th scope="row">{_e(_outlet(a))}</th>')
            for gi in order:
                if gi in carried[ai]:
                    out.append('<td class="y">\u25cf<span class="sr"> yes</span></td>')
                else:
                    out.append('<td class="n"><span class="sr">no</span></td>')
            out.append(f"<td>{len(carried[ai])}</td></tr>\n")
        out.append("</tbody></table>\n")
    else:
        out.append(f'<p class="cap">{_e(caption)} (\u2588 carried, \u00b7 not)</p>\n')
        out.append('<table class="strips"><tbody>\n')
        for ai, a in enumerate(report.articles):
            strip = "".join("\u2588" if gi in carried[ai] else "\u00b7" for gi in order)
            out.append(
                f'<tr><th scope="row">{_e(_outlet(a))}</th><td>{len(carried[ai])}</td>'
                f'<td class="strip"><span aria-hidden="true">{strip}</span></td></tr>\n'
            )
        out.append("</tbody></table>\n")
    out.append("</div>\n")
    return "".join(out)


def _findings(report: Report, ids: _Ids) -> str:
    counts = report.counts()
    out = [
        '<nav class="findings" id="findings" aria-labelledby="findings-h">\n',
        f'<h2 id="findings-h">Divergences ({len(report.divergences)})</h2>\n',
        '<div class="controls">\n<fieldset><legend>Kind</legend>\n',
    ]
    for k in KINDS:
        out.append(
            f'<label><input type="checkbox" name="kind" value="{k}" checked> '
            f'<span class="kl">{_e(KIND_LETTERS[k])}</span> {k} ({counts["kind"][k]})</label>\n'
        )
    out.append("</fieldset>\n<fieldset><legend>Severity</legend>\n")
    for s in SEVERITIES[::-1]:
        out.append(
            f'<label><input type="checkbox" name="sev" value="{s}" checked> '
            f"{s} ({counts['severity'][s]})</label>\n"
        )
    out.append(
        "</fieldset>\n"
        '<p class="hint">Select a finding (click or Enter) to show its evidence; '
        "<kbd>j</kbd> / <kbd>k</kbd>: next / previous.</p>\n"
        f'<p id="shown" class="hint" aria-live="polite">Showing {len(report.divergences)} '
        f"of {len(report.divergences)}</p>\n</div>\n"
        '<ol id="dlist">\n'
    )
    names = {a.id: _outlet(a) for a in report.articles}
    for order, d in enumerate(report.divergences):
        outlets = []
        for ev in d.evidence:
            name = names.get(ev.article, ev.article)
            if name not in outlets:
                outlets.append(name)
        quotes = " / ".join(f"\u201c{_clip(ev.text)}\u201d" for ev in d.evidence[:3])
        out.append(
            f'<li data-div="{_e(d.id)}" data-kind="{d.kind}" data-sev="{d.severity}">'
            f'<button type="button" id="{ids.div[order]}">'
            f'<span class="meta"><span class="sev sev-{d.severity}">{d.severity}</span> '
            f'<span class="kl">{_e(KIND_LETTERS[d.kind])}</span> {_e(d.code)}</span>'
            f'<span class="msg">{_e(d.message)}</span>'
            f'<span class="evs">{_e(quotes)}</span>'
            f'<span class="outs">{_e(", ".join(outlets))}</span></button></li>\n'
        )
    out.append("</ol>\n</nav>\n")
    return "".join(out)


def _main(
    report: Report,
    rows: Sequence[_Row],
    ids: _Ids,
    evidence: dict[str, list[_Mark]],
    n_shown: int,
    max_columns: int,
) -> str:
    n = len(report.articles)
    out = [
        '<main id="main" tabindex="-1">\n<h2>Side by side</h2>\n',
        '<p class="legend">Aligned passages share a row; '
        '<span class="lg-u">unmatched text</span> stands alone where it occurs. Evidence: ',
    ]
    out.append(" ".join(f'<mark class="ev lg k-{k} s-medium lab first">{k}</mark>' for k in KINDS))
    out.append("; high severity in bold.</p>\n")
    if n > max_columns:
        out.append(
            f'<fieldset class="picker"><legend>Outlets shown (first {max_columns} by default)'
            "</legend>\n"
        )
        for ai, a in enumerate(report.articles):
            checked = " checked" if ai < n_shown else ""
            out.append(
                f'<label><input type="checkbox" name="col" value="{ai}"{checked}> '
                f"{_e(_outlet(a))}</label>\n"
            )
        out.append("</fieldset>\n")
    hidden = " ".join(f"h{ai}" for ai in range(n_shown, n))
    out.append(f'<div id="cols" class="cols {hidden}" data-n="{n}">\n<div class="row head">')
    for ai, a in enumerate(report.articles):
        title = f'<span class="ttl">{_e(_clip(a.title, 70))}</span>' if a.title else ""
        date = f'<span class="date">{_e(a.published)}</span>' if a.published else ""
        name = f'<span class="outlet">{_e(_outlet(a))}</span>'
        out.append(f'<div class="cell c{ai}">{name}{title}{date}</div>')
    out.append("</div>\n")
    for row in rows:
        members = sorted(row.cells)
        attrs = f' data-a="{" ".join(map(str, members))}"'
        if row.group is not None:
            group = report.groups[row.group]
            attrs = f' id="{ids.group[row.group]}" data-group="{_e(group.id)}"' + attrs
            kind, label = "g", f"aligned {_e(group.id)} \u00b7 {_similarity(group)}"
        else:
            kind, label = "u", "unmatched"
        if all(ai >= n_shown for ai in members):
            attrs += " hidden"
        out.append(f'<div class="row {kind}"{attrs}>')
        for ai in members:
            article = report.articles[ai]
            marks = evidence.get(article.id, ())
            body = "".join(
                _render_cell_text(article, s, e, marks) for s, e in _merge(row.cells[ai])
            )
            out.append(
                f'<div class="cell c{ai}" data-a="{ai}"><span class="lbl">'
                f'<span class="sr">{_e(_outlet(article))}: </span>{label}</span>{body}</div>'
            )
        out.append("</div>\n")
    out.append("</div>\n</main>\n")
    return "".join(out)


def _footer(report: Report) -> str:
    out = ['<footer class="foot">\n']
    if report.signature is not None:
        out.append(f"<p>Signature: <code>{_e(str(report.signature))}</code></p>\n")
    if report.notes:
        out.append('<h2>Notes</h2>\n<ul class="notes">\n')
        out.extend(f"<li>{_e(note)}</li>\n" for note in report.notes)
        out.append("</ul>\n")
    out.append(
        "<p>Generated by divergence (report schema divergence.report/1). "
        "Offsets are character offsets into each article's text.</p>\n</footer>\n"
    )
    return "".join(out)


def _column_css(n_articles: int, n_shown: int) -> str:
    """Per-article rules: column position (set by the picker), hidden state, print layout."""
    screen = [f"#cols{{--n:{max(n_shown, 1)}}}"]
    printed = [
        f".row{{grid-template-columns:repeat({max(n_articles, 1)},minmax(0,1fr))!important}}"
    ]
    for ai in range(n_articles):
        screen.append(f".c{ai}{{grid-column:var(--p{ai},{min(ai, n_shown - 1) + 1})}}")
        screen.append(f".h{ai} .c{ai}{{display:none}}")
        printed.append(f".c{ai}{{grid-column:{ai + 1}!important;display:block!important}}")
    return "\n".join(screen) + "\n@media print{\n" + "\n".join(printed) + "\n}\n"


# --- small helpers --------------------------------------------------------------------------


def _e(value: object) -> str:
    """Escape for HTML text and double-quoted attributes.

    >>> _e('<a href="x">&</a>')
    '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;'
    """
    return html.escape(str(value), quote=True)


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _outlet(article: Article) -> str:
    return article.outlet or article.id


def _link(url: str | None) -> str:
    """Return a link for http(s) urls, the escaped text for anything else.

    >>> _link("javascript:alert(1)")
    '<span class="url">javascript:alert(1)</span>'
    """
    if not url:
        return ""
    target = url.strip()
    if _HTTP.match(target) and not any(c.isspace() for c in target):
        return f'<a href="{_e(target)}" rel="noopener noreferrer">{_e(_clip(target, 60))}</a>'
    return f'<span class="url">{_e(url)}</span>'


def _clip(text: str, width: int = 80) -> str:
    """Shorten ``text`` to ``width`` characters with an ellipsis.

    >>> _clip("abcdef", 4)
    'abc\u2026'
    """
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _similarity(group: Group) -> str:
    return f"{group.similarity:.2f}"


def _merge(ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping ranges (a group normally has one member per article).

    >>> _merge([(0, 5), (3, 8), (10, 12)])
    [(0, 8), (10, 12)]
    """
    out: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _resource(name: str) -> str:
    return resources.files("divergence.render").joinpath(name).read_text(encoding="utf-8")
