"""What every detector sees: the story context, aligned pairs and a finding builder."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from divergence.config import Settings
from divergence.diff import Edit, Token, tokenize, word_diff
from divergence.types import Article, Divergence, Sentence, Span


@dataclass
class ArticleView:
    """One article with its sentences; extracted features are computed once, on demand."""

    index: int
    article: Article
    sentences: list[Sentence]
    published: object = None  # datetime.date | None

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def text(self) -> str:
        return self.article.text

    @cached_property
    def quotes(self) -> list:  # list[quotes_extract.Quote]
        from divergence.detect.quotes_extract import extract_quotes

        return extract_quotes(self.text, self.article.skipped)

    def span(self, start: int, end: int) -> Span:
        return Span(self.id, start, end, self.text[start:end])

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None


@dataclass
class PairView:
    """Two aligned passages of one group: ``left`` comes first in input order."""

    group: str
    left: ArticleView
    right: ArticleView
    lspan: tuple[int, int]
    rspan: tuple[int, int]
    similarity: float

    @cached_property
    def ltoks(self) -> list[Token]:
        return tokenize(self.left.text, *self.lspan)

    @cached_property
    def rtoks(self) -> list[Token]:
        return tokenize(self.right.text, *self.rspan)

    @cached_property
    def edits(self) -> list[Edit]:
        return word_diff(self.ltoks, self.rtoks)

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
    # per article: indices of sentences in no group, with their best similarity elsewhere
    unmatched: list[list[tuple[Sentence, float]]]
    # group id -> member article indices (for coverage)
    coverage: dict[str, list[int]]
    settings: Settings
    claimed: set[tuple[str, int, int]] = field(default_factory=set)

    def claim(self, finding: Divergence) -> None:
        for e in finding.evidence:
            self.claimed.add((e.article, e.start, e.end))

    def is_claimed(self, article: str, start: int, end: int) -> bool:
        return any(a == article and s < end and start < e for a, s, e in self.claimed)


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
    return Divergence("", kind, code, severity, tuple(evidence), message, group, confidence)


def short(text: str, limit: int = 80) -> str:
    """Quote a text for a message, cut to ``limit`` characters.

    >>> short("a  b\\nc")
    '"a b c"'
    """
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return f'"{flat}"'
