"""``date``: dates or weekdays in aligned passages that conflict once resolved.

Relative dates ("on Tuesday", "last week") are resolved against each article's own
publication date (``detect.dates``), so "on Tuesday" in an article of Wednesday 9 April
and "on Monday" in one of Tuesday 8 April can be told apart from a real disagreement.
"""

from __future__ import annotations

from collections.abc import Iterator

from divergence.detect.base import ArticleView, Context, PairView, finding
from divergence.detect.dates import DateMention, date_relation, extract_dates
from divergence.detect.numbers import different_reports, other_market_moments
from divergence.detect.quotes_extract import load_reporting_verbs
from divergence.types import Divergence


def mentions(view: ArticleView) -> list[DateMention]:
    """Date mentions of an article outside its boilerplate, cached on the view."""
    cached = getattr(view, "_dates", None)
    if cached is None:
        cached = [
            m for m in extract_dates(view.text, view.published)  # type: ignore[arg-type]
            if not any(s <= m.start < e for s, e in view.article.skipped)
        ]  # fmt: skip
        view._dates = cached  # type: ignore[attr-defined]
    return cached


def _describe(m: DateMention) -> str:
    if m.resolved and m.low == m.high:
        if m.weekday is not None and m.low.weekday() != m.weekday:
            # "Friday, July 16" where the 16th is a Thursday: the mention contradicts itself
            return f'"{m.text}" ({m.low.strftime("%d %B %Y")} is a {m.low.strftime("%A")})'
        resolved = m.low.strftime("%A %d %B %Y")
        return f'"{m.text}" ({resolved})' if m.relative else f'"{m.text}"'
    return f'"{m.text}"'


def _possessive(view: ArticleView, m: DateMention) -> bool:
    """Whether the date owns a noun ("Sunday's game", "last week's vote"): it dates that
    event, which need not be the one the other passage dates."""
    return view.text[m.end : m.end + 2] in ("'s", "’s")


_LEAD_IN = frozenset(["on", "late", "early", "this", "last"])


def _of_saying(view: ArticleView, m: DateMention) -> bool:
    """Whether the date is when something was said ("police said Saturday", "told reporters
    on Monday"): the date of a statement, which need not be that of the event it reports
    ("a shooting … Friday")."""
    words = [
        w.strip(".,;:'\"“”‘’").lower() for w in view.text[max(0, m.start - 60) : m.start].split()
    ]
    while words and words[-1] in _LEAD_IN:
        words.pop()
    verbs = load_reporting_verbs()
    return bool(words) and (words[-1] in verbs or (len(words) >= 2 and words[-2] == "told"))


Related = dict[tuple[int, int], set[tuple[int, int]]]


def _related(ctx: Context) -> Related:
    """(article, sentence) -> the sentences of other articles related to it (cosine at or
    above ``related_similarity``)."""
    out: Related = {}
    for a, b, _ in ctx.related:
        out.setdefault((a.article, a.index), set()).add((b.article, b.index))
        out.setdefault((b.article, b.index), set()).add((a.article, a.index))
    return out


def _dated_alike_elsewhere(
    view: ArticleView, m: DateMention, other: ArticleView, related: Related
) -> bool:
    """Whether ``other`` gives the date of ``m`` in a sentence related to the one that holds
    ``m``: the two outlets agree on it, and the conflicting date of the aligned passage
    belongs to another fact the alignment put beside it ("In 2002, she became president
    of the state association" / "in 1995, she became the first … to join the board. In 2002,
    she became president of the state's …")."""
    sentence = view.sentence_at(m.start)
    if sentence is None:
        return False
    near = related.get((view.index, sentence.index), set())
    return any(
        (other.index, s.index) in near and date_relation(m, x) == "equal"
        for x in mentions(other)
        if (s := other.sentence_at(x.start)) is not None
    )


def _pair(pair: PairView, related: Related) -> Iterator[Divergence]:
    left, right = pair.within(mentions(pair.left), mentions(pair.right))
    if not left or not right:
        return
    used: set[int] = set()
    agreed = {
        i for i, a in enumerate(left) for b in right if date_relation(a, b) in ("equal", "overlap")
    }
    for j, b in enumerate(right):
        if any(date_relation(a, b) in ("equal", "overlap") for a in left):
            used.add(j)
    for i, a in enumerate(left):
        if i in agreed:
            continue
        for j, b in enumerate(right):
            if j in used or " ".join(a.text.lower().split()) == " ".join(b.text.lower().split()):
                continue  # the same words cannot disagree across outlets
            if date_relation(a, b) != "conflict":
                continue
            if _possessive(pair.left, a) != _possessive(pair.right, b):
                continue  # "arrested on Tuesday" / "for Sunday's game": two events' dates
            if _of_saying(pair.left, a) != _of_saying(pair.right, b):
                continue  # "a shooting … Friday" / "police said Saturday": event and statement
            if _dated_alike_elsewhere(pair.left, a, pair.right, related) or _dated_alike_elsewhere(
                pair.right, b, pair.left, related
            ):
                continue
            used.add(j)
            exact = a.resolved and b.resolved and a.low == a.high and b.low == b.high
            severity = "high" if exact else "medium"
            if different_reports(pair) or other_market_moments(pair):
                severity = "info"  # two reports of the same kind, on different days
            yield finding(
                "date", "date.conflict", severity,
                [pair.left.span(a.start, a.end), pair.right.span(b.start, b.end)],
                f"{pair.left.id} dates this {_describe(a)}, {pair.right.id} {_describe(b)}",
                pair.group, 0.8,
            )  # fmt: skip
            break


def detect(ctx: Context) -> Iterator[Divergence]:
    related = _related(ctx)
    for pair in ctx.pairs:
        yield from _pair(pair, related)
