"""What every detector sees: the story context, aligned pairs and a finding builder."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Protocol, TypeVar

import numpy as np

from divergence.config import Settings
from divergence.diff import Edit, Matcher, Token, tokenize, word_diff
from divergence.types import Article, Divergence, Sentence, Span

if TYPE_CHECKING:
    from divergence.detect.quotes_extract import Quote


class _HasStart(Protocol):
    @property
    def start(self) -> int: ...


_Spanned = TypeVar("_Spanned", bound=_HasStart)


@dataclass
class ArticleView:
    """One article with its sentences; extracted features are computed once, on demand."""

    index: int
    article: Article
    sentences: list[Sentence]
    published: dt.date | None = None
    vectors: np.ndarray | None = None  # (n_sentences, d), L2-normalised, when known

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def text(self) -> str:
        return self.article.text

    @cached_property
    def quotes(self) -> list[Quote]:
        from divergence.detect.quotes_extract import extract_quotes

        return extract_quotes(self.text, self.article.skipped)

    @cached_property
    def _quote_ranges(self) -> tuple[list[int], list[int]]:
        """Sorted, non-overlapping (start, end) of every quotation, marks included."""
        ranges = sorted(
            (q.open_mark if q.open_mark >= 0 else q.start, q.end + 1) for q in self.quotes
        )
        return [s for s, _ in ranges], [e for _, e in ranges]

    def in_quote(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside one quotation (marks included)."""
        starts, ends = self._quote_ranges
        k = bisect_right(starts, start) - 1
        return k >= 0 and end <= ends[k]

    def span(self, start: int, end: int) -> Span:
        return Span(self.id, start, end, self.text[start:end])

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None


@dataclass
class PairView:
    """Two aligned passages: ``left`` comes first in input order.

    ``link`` says how they were aligned: "group" (members of one group), "cross" (two
    sentences that link as strongly but sit in different groups) or "loose" (two outlets'
    left-over sentences that answer each other).
    """

    group: str
    left: ArticleView
    right: ArticleView
    lspan: tuple[int, int]
    rspan: tuple[int, int]
    similarity: float
    link: str = "group"

    @cached_property
    def ltoks(self) -> list[Token]:
        return tokenize(self.left.text, *self.lspan)

    @cached_property
    def rtoks(self) -> list[Token]:
        return tokenize(self.right.text, *self.rspan)

    @cached_property
    def matcher(self) -> Matcher:
        """difflib's matching of the two passages' normalised tokens, taken once."""
        return Matcher([t.norm for t in self.ltoks], [t.norm for t in self.rtoks])

    @cached_property
    def edits(self) -> list[Edit]:
        return word_diff(self.ltoks, self.rtoks, self.matcher)

    def changed(self, side: str, i: int) -> bool:
        """True when token ``i`` of ``side`` ("left"/"right") lies in a changed stretch of
        the word diff (an insertion counts at the place it stands)."""
        for e in self.edits:
            lo, hi = (e.i1, e.i2) if side == "left" else (e.j1, e.j2)
            if lo <= i < max(hi, lo + 1):
                return True
        return False

    @property
    def blocks(self) -> list[tuple[int, int, int]]:
        return self.matcher.blocks

    def within(
        self, left: Iterable[_Spanned], right: Iterable[_Spanned]
    ) -> tuple[list[_Spanned], list[_Spanned]]:
        """Keep the items (anything with a ``start``) that begin inside each side's passage."""
        return (
            [x for x in left if self.lspan[0] <= x.start < self.lspan[1]],
            [x for x in right if self.rspan[0] <= x.start < self.rspan[1]],
        )

    @cached_property
    def kept(self) -> float:
        """Share of the shorter passage's words that difflib matches in the longer one
        (1.0: one passage is the other with words added or cut)."""
        lw = sum(t.is_word for t in self.ltoks)
        rw = sum(t.is_word for t in self.rtoks)
        if not min(lw, rw):
            return 0.0
        kept = sum(sum(t.is_word for t in self.ltoks[a : a + size]) for a, _, size in self.blocks)
        return kept / min(lw, rw)

    def counterpart(self, side: str, i1: int, i2: int) -> tuple[int, int]:
        """Return the character span on the other side that corresponds to tokens ``[i1, i2)``.

        ``side`` is "left" or "right". Tokens are mapped through difflib's matching blocks;
        an insertion maps to the words around the place it would stand on the other side.
        """
        src = 0 if side == "left" else 1
        other = self.rtoks if side == "left" else self.ltoks
        if not other:
            return (0, 0)
        pos = gap = ogap = 0  # where the stretch since the last matching block starts, each side
        for block in self.blocks:  # difflib's last block is (len, len, 0): the loop ends in it
            start, ostart, size = block[src], block[1 - src], block[2]
            if start <= i1 < start + size:
                pos = ostart + (i1 - start)
                break
            if i1 < start:
                # a token between two matching blocks maps into the other side's stretch
                # between them, never past it: "1366 x 768" / "1,600 x 900" maps 1366 onto
                # 1,600, not onto words after the "x" both share
                pos = min(ogap + (i1 - gap), max(ostart - 1, ogap))
                break
            gap, ogap = start + size, ostart + size
        pos = min(max(pos, 0), len(other) - 1)
        lo, hi = max(pos - 1, 0), min(pos + max(i2 - i1, 1), len(other) - 1)
        while lo > 0 and not other[lo].is_word:
            lo -= 1
        while hi > lo and not other[hi].is_word:
            hi -= 1
        return other[lo].start, other[hi].end

    def token_index(self, side: str, offset: int) -> int:
        toks = self.ltoks if side == "left" else self.rtoks
        for i, t in enumerate(toks):
            if t.start <= offset < t.end:
                return i
        return 0

    @property
    def ltext(self) -> str:
        return self.left.text[self.lspan[0] : self.lspan[1]]

    @property
    def rtext(self) -> str:
        return self.right.text[self.rspan[0] : self.rspan[1]]


@dataclass
class Context:
    """Everything detectors may read about one comparison."""

    views: list[ArticleView]
    pairs: list[PairView]
    # per article: sentences in no group, with their best cosine elsewhere and whether
    # every other outlet has unmatched content of its own paired with it (align.other_takes)
    unmatched: list[list[tuple[Sentence, float, bool]]]
    settings: Settings
    # sentence pairs across articles with related content (cosine >= related_similarity)
    related: list[tuple[Sentence, Sentence, float]] = field(default_factory=list)
    claimed: dict[str, set[tuple[int, int]]] = field(default_factory=dict)

    def claim(self, finding: Divergence) -> None:
        """Mark a finding's evidence as explained (``info`` findings explain nothing)."""
        if finding.severity == "info":
            return
        for e in finding.evidence:
            self.claimed.setdefault(e.article, set()).add((e.start, e.end))

    def claimed_share(self, article: str, start: int, end: int) -> float:
        """Share of the characters of ``[start, end)`` covered by claimed evidence."""
        covered: set[int] = set()
        for s, e in self.claimed.get(article, ()):
            if s < end and start < e:
                covered.update(range(max(s, start), min(e, end)))
        return len(covered) / max(end - start, 1)

    def is_claimed(self, article: str, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.claimed.get(article, ()))


def finding(
    kind: str,
    code: str,
    severity: str,
    evidence: Iterable[Span],
    message: str,
    group: str | None = None,
    confidence: float = 1.0,
) -> Divergence:
    """Build a divergence without an id (the pipeline numbers them once sorted)."""
    return Divergence("", kind, code, severity, tuple(evidence), message, group or None, confidence)


def short(text: str, limit: int = 80) -> str:
    """Quote a text for a message, cut to ``limit`` characters.

    >>> short("a  b\\nc")
    '"a b c"'
    """
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f'"{flat}"'
