"""render_html: escaping, golden output, determinism, evidence marks, layout and size.

No browser here (see test_browser.py). Rewrite the golden file with ``UPDATE_GOLDEN=1``
(or ``--update-golden`` where conftest defines it) and review the diff like code.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from divergence.render.html import _gaps, _layout, _render_text, render_html
from divergence.types import Article, Divergence, Group, Report, Span

DATA = Path(__file__).parent / "data" / "html"
GOLDEN = Path(__file__).parent / "golden" / "html"

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror="window.__pwned=1;alert(1)">',
    "</script><script>window.__pwned=2</script>",
    "<script>window.__pwned=3</script>",
    '"><img src=x onerror="window.__pwned=4">',
    "<b>2025</b>",
    "javascript:window.__pwned=5",
    'https://y.example/"onmouseover="window.__pwned=6',
    'g"><script>window.__pwned=7</script>',
    'd"><img src=x onerror=window.__pwned=8>',
    '<img src=x onerror="window.__pwned=9"> message </script>',
    "<script>window.__pwned=10</script>",
    "<script>window.__pwned=11</script>",
    "<svg onload=alert(1)>",
]


def load(name: str) -> Report:
    return Report.from_json((DATA / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def small() -> Report:
    return load("small")


@pytest.fixture(scope="module")
def hostile() -> Report:
    return load("hostile")


class Page(HTMLParser):
    """Collect elements, text, and per-cell text with the marks' offsets inside it."""

    VOID = frozenset({"meta", "link", "br", "input", "img", "hr", "wbr"})

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.cells: list[dict] = []  # {"article", "group", "text", "marks": [(div, start, end)]}
        self._stack: list[tuple[str, dict[str, str | None], object]] = []
        self._skip = 0  # inside a cell label or a boilerplate summary
        self._row_group: str | None = None
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag in self.VOID:
            return
        classes = (a.get("class") or "").split()
        info: object = None
        if tag == "div" and "row" in classes:
            self._row_group = a.get("data-group")
        elif tag == "div" and "cell" in classes and "data-a" in a:
            info = {"article": int(a["data-a"]), "group": self._row_group, "text": "", "marks": []}
            self.cells.append(info)
        elif (tag == "span" and "lbl" in classes) or tag == "summary":
            self._skip += 1
            info = "skip"
        elif tag == "mark" and "data-div" in a and self.cells:
            info = ["mark", a["data-div"], len(self.cells[-1]["text"])]
        self._stack.append((tag, a, info))

    def handle_endtag(self, tag):
        while self._stack:
            open_tag, _, info = self._stack.pop()
            if info == "skip":
                self._skip -= 1
            elif isinstance(info, list):
                cell = self.cells[-1]
                cell["marks"].append((info[1], info[2], len(cell["text"])))
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._stack and self._stack[-1][0] == "script":
            self.scripts.append(data)
            return
        self.text.append(data)
        if self.cells and not self._skip and any(isinstance(i, dict) for *_, i in self._stack):
            self.cells[-1]["text"] += data


# --- golden, determinism ------------------------------------------------------------------


def test_golden_small(small, request):
    out = render_html(small)
    path = GOLDEN / "small.html"
    update = os.environ.get("UPDATE_GOLDEN") == "1"
    with contextlib.suppress(ValueError):  # the option exists only where conftest adds it
        update = update or bool(request.config.getoption("--update-golden"))
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8"), "run with UPDATE_GOLDEN=1 and review the diff"


def test_deterministic(small):
    again = Report.from_json(small.to_json())
    assert render_html(small) == render_html(small) == render_html(again)


def test_csp_hash_matches_the_inline_script(small):
    out = render_html(small)
    (script,) = re.findall(r"<script>(.*?)</script>", out, re.S)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    (csp,) = [
        a["content"]
        for tag, a in Page(out).elements
        if a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp and "connect-src" not in csp


def test_self_contained(small):
    page = Page(render_html(small))
    for tag, attrs in page.elements:
        assert "src" not in attrs, tag
        if tag == "link":
            assert attrs.get("href", "").startswith("data:"), attrs
        href = attrs.get("href")
        if tag == "a" and href and not href.startswith("#"):
            assert href.startswith(("http://", "https://"))
            assert attrs.get("rel") == "noopener noreferrer"
    out = render_html(small)
    assert "@import" not in out and "url(" not in out
    assert ("html", {"lang": "en"}) in page.elements


# --- safety ---------------------------------------------------------------------------------


def test_hostile_fields_are_text(hostile):
    out = render_html(hostile)
    page = Page(out)
    tags = {tag for tag, _ in page.elements}
    assert not tags & {"img", "svg", "b", "i", "iframe", "object"}
    assert len(page.scripts) == 1 and "__pwned" not in page.scripts[0]
    assert out.count("<script") == 1 and out.count("</script") == 1
    for _, attrs in page.elements:
        assert not any(name.startswith("on") for name in attrs), attrs
        assert not (attrs.get("href") or "").lower().startswith("javascript")
    text = "".join(page.text) + " ".join(
        v or "" for _, attrs in page.elements for v in attrs.values()
    )
    for needle in HOSTILE:
        assert needle in text, needle  # shown (as text or an escaped attribute), not parsed
    # Every field reached the page: article text, outlet, title, url, date, message, ids, notes.
    a = hostile.articles[0]
    for value in (a.text, a.outlet, a.title, a.url, a.published, hostile.divergences[0].message):
        assert value.strip().split()[0] in text


def test_only_http_urls_become_links():
    arts = tuple(
        Article(f"a{i}", "x", url=url)
        for i, url in enumerate(
            [
                "javascript:alert(1)",
                "JaVaScRiPt:alert(1)",
                "data:text/html,x",
                " https://ok.example/",
                "HTTP://UP.EXAMPLE/",
                "//proto.example/",
                "vbscript:x",
                "http:/broken",
                "https://a b",
            ]
        )
    )
    page = Page(render_html(Report(arts, (), ())))
    hrefs = [
        a.get("href") for tag, a in page.elements if tag == "a" and a.get("href", "")[:1] != "#"
    ]
    assert hrefs == ["https://ok.example/", "HTTP://UP.EXAMPLE/"]


# --- evidence marks -------------------------------------------------------------------------


def test_every_evidence_span_is_marked_at_its_offsets(small):
    page = Page(render_html(small))
    members = {
        (g.id, small.articles.index(small.article(m.article))): m
        for g in small.groups
        for m in g.members
    }
    seen: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for cell in page.cells:
        article = small.articles[cell["article"]]
        if cell["group"] is not None:  # aligned cell: its text is the member's span
            member = members[cell["group"], cell["article"]]
            assert cell["text"] == article.text[member.start : member.end]
            base = member.start
        else:  # unmatched cell: locate its text (unique in these fixtures)
            base = article.text.index(cell["text"].split("\n")[0])
        for div, start, end in cell["marks"]:
            seen.setdefault((div, cell["article"]), []).append((base + start, base + end))
    for d in small.divergences:
        for ev in d.evidence:
            ai = small.articles.index(small.article(ev.article))
            pieces = sorted(seen[d.id, ai])
            assert pieces[0][0] == ev.start and pieces[-1][1] == ev.end, (d.id, pieces)
            text = small.articles[ai].text
            assert "".join(text[s:e] for s, e in pieces) == ev.text, d.id
    # every mark carries kind and severity classes
    for tag, attrs in page.elements:
        if tag == "mark" and "data-div" in attrs:
            assert re.search(r"\bk-\w+\b.*\bs-(info|low|medium|high)\b", attrs["class"])


def mark(start, end, did, kind="framing"):
    from divergence.render.html import _Mark

    d = Divergence(did, kind, f"{kind}.x", "low", (Span("a", start, end, "x" * (end - start)),), "")
    return _Mark(start, end, int(did[1:]), d)


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([], "a&lt;b&gt;c&amp;d e"),
        ([(0, 3, "d1")], "[1a&lt;b]&gt;c&amp;d e"),
        # nested: the longer span stays whole, outside
        ([(0, 9, "d1"), (2, 3, "d2")], "[1a&lt;[2b]&gt;c&amp;d e]"),
        # the same span twice: both whole, report order outside in
        ([(1, 2, "d1"), (1, 2, "d2")], "a[1[2&lt;]]b&gt;c&amp;d e"),
        # crossing: d2 is closed at d1's end and reopened (a continuation piece, *)
        ([(0, 4, "d1"), (2, 6, "d2")], "[1a&lt;[2b&gt;]][2*c&amp;]d e"),
        # out-of-range spans are clipped, empty ones dropped
        ([(5, 99, "d1"), (3, 3, "d2")], "a&lt;b&gt;c[1&amp;d e]"),
    ],
)
def test_render_text_nests(spans, expected):
    """Marks written as ``[id`` (``[id*`` for a continuation piece) and ``]``."""
    text = "a<b>c&d e"
    out = _render_text(text, 0, len(text), [mark(s, e, d) for s, e, d in spans])
    out = re.sub(
        r'<mark class="[^"]*?( first)?" data-div="d(\d)"[^>]*>',
        lambda m: "[" + m.group(2) + ("" if m.group(1) else "*"),
        out,
    )
    assert out.replace("</mark>", "]") == expected


# --- layout -----------------------------------------------------------------------------


def test_gaps_and_layout_keep_reading_order():
    text_a, text_b = "A1. A2. A3. A4.", "B1. B2. B3."
    a, b = Article("a", text_a), Article("b", text_b)
    sp = lambda art, s: Span(art.id, art.text.index(s), art.text.index(s) + len(s), s)  # noqa: E731
    groups = (
        Group("g1", (sp(a, "A2."), sp(b, "B3.")), 0.9),  # crosses g2
        Group("g2", (sp(a, "A3."), sp(b, "B1.")), 0.9),
    )
    report = Report((a, b), groups, ())
    rows = _layout(report)
    flat = [(r.group, sorted(r.cells)) for r in rows]
    # every group once, every unmatched passage once
    assert sorted(r.group for r in rows if r.group is not None) == [0, 1]
    unmatched = sorted(
        (ai, c) for r in rows if r.group is None for ai, cs in r.cells.items() for c in cs
    )
    assert unmatched == [(0, (0, 3)), (0, (12, 15)), (1, (4, 7))]
    # article a's own order is kept: A1, g1 (A2), g2 (A3), A4
    order_a = [r.group if r.group is not None else r.cells[0][0] for r in rows if 0 in r.cells]
    assert order_a == [(0, 3), 0, 1, (12, 15)], flat
    assert _gaps("  x  ", []) == [(2, 3)]


def test_skipped_boilerplate_is_collapsed(small):
    out = render_html(small)
    assert out.count('<details class="skip">') == 2
    assert "<summary>Boilerplate, not compared (27 characters)</summary>Accept cookies" in out


def test_signature_notes_and_counts(small):
    out = render_html(small)
    assert str(small.signature) in out
    assert "hand-built fixture for the HTML renderer" in out
    page = Page(out)
    items = [a for tag, a in page.elements if tag == "li" and "data-kind" in a]
    assert [a["data-div"] for a in items] == [d.id for d in small.divergences]  # report order


def test_column_picker_only_when_needed():
    arts = tuple(Article(f"a{i}", f"text {i}.", outlet=f"O{i}") for i in range(8))
    out = render_html(Report(arts, (), ()), max_columns=6).split("<script>")[0]
    assert out.count('name="col"') == 8
    assert len(re.findall(r'name="col" value="\d" checked', out)) == 6
    assert 'class="cols h6 h7"' in out
    assert 'name="col"' not in render_html(Report(arts[:6], (), ())).split("<script>")[0]
    with pytest.raises(ValueError, match="max_columns"):
        render_html(Report(arts, (), ()), max_columns=0)


def test_empty_report_renders():
    out = render_html(Report((), (), ()))
    assert out.startswith("<!DOCTYPE html>") and out.endswith("</html>\n")


def test_evidence_for_unknown_article_or_out_of_range_is_ignored():
    a = Article("a", "short text")
    d = Divergence(
        "d1",
        "content",
        "content.x",
        "low",
        (Span("zz", 0, 3, "abc"), Span("a", 6, 40, "x" * 34)),
        "m",
    )
    out = render_html(Report((a,), (), (d,)))
    assert '<mark class="ev k-content s-low lab first" data-div="d1"' in out


# --- size -----------------------------------------------------------------------------------


def story(n_articles: int, n_sentences: int = 40) -> Report:
    """A hand-built story: article i carries sentence j unless (i + j) % 4 == 0."""
    arts, spans = [], {}
    for i in range(n_articles):
        parts, pos = [], 0
        for j in range(n_sentences):
            if (i + j) % 4 == 0:
                continue
            s = f"Outlet {i} says fact {j} holds, with {j * 7 + i} people and a <tag> & more. "
            spans[i, j] = (pos, pos + len(s) - 1)
            parts.append(s)
            pos += len(s)
        arts.append(
            Article(f"a{i:02d}", "".join(parts), outlet=f"Outlet {i}", published="2025-04-08")
        )
    groups, divs = [], []
    for j in range(n_sentences):
        members = tuple(
            Span(arts[i].id, *spans[i, j], arts[i].text[slice(*spans[i, j])])
            for i in range(n_articles)
            if (i, j) in spans
        )
        groups.append(Group(f"g{j}", members, 0.8))
        ev = []
        for m in members[:3]:
            k = m.text.index("people") - 3
            ev.append(
                Span(m.article, m.start + k, m.start + k + 2, arts[0].text[:0] + m.text[k : k + 2])
            )
        divs.append(
            Divergence(
                f"d{j}",
                "number",
                "number.conflict",
                "medium",
                tuple(ev),
                f"numbers differ in fact {j}",
                group=f"g{j}",
            )
        )
    return Report(tuple(arts), tuple(groups), tuple(divs))


def test_size_stays_linear():
    small_story, big_story = story(10), story(50)
    sizes = [len(render_html(r).encode()) for r in (small_story, big_story)]
    text = [sum(len(a.text) for a in r.articles) for r in (small_story, big_story)]
    # markup per character of text stays flat as articles grow (no articles x rows cells)
    assert sizes[1] / text[1] < 1.3 * sizes[0] / text[0]
    assert sizes[1] < 1_000_000


def test_one_kind_letter_per_position():
    text = "claims"
    marks = [mark(0, 6, f"d{i}") for i in (1, 2, 3)] + [mark(0, 6, "d4", kind="quote")]
    out = _render_text(text, 0, len(text), marks)
    assert out.count("<mark") == 4 and out.count(" first") == 4
    assert re.findall(r'k-(\w+) s-low lab first" data-div="(d\d)"', out) == [
        ("framing", "d1"),
        ("quote", "d4"),
    ]
