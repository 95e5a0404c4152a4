"""``content.cause``: aligned passages that give the same event different causes.

"a signalling fault was the likely cause" / "driver error was the likely cause", "closed
because of flooding" / "closed because of a strike": each passage names a cause, and
neither cause is found anywhere in the other passage. A cause one outlet leaves out is no
finding here (an omission is), nor a cause the other passage also names, in any words
around it ("due to heavy rain" / "rain caused the delay"), nor a denied one ("was not the
cause"), nor one inside a quote (the quote detectors compare quoted words). Low: two
stated causes may both hold ("damage caused by the storm" / "by flooding"), which no word
list tells from two causes that exclude each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from divergence.detect.base import ArticleView, Context, PairView, finding
from divergence.lexicon import classed, content_words, stem
from divergence.types import Divergence

_NP = r"[^,.;:!?()\[\]\"“”]{2,80}"
# A cue and the cause after it: "caused by X", "because of X", "blamed on X".
_AFTER = re.compile(
    r"(?i)\b(?:caused by|triggered by|sparked by|due to|because of|owing to|blamed (?:\w+ ){0,6}?on"
    rf"|attributed (?:\w+ ){{0,6}}?to|(?:was|is|were|are) (?:the |a )?(?:direct )?result of"
    rf"|the cause (?:of {_NP}? )?(?:was|is)) (?P<np>{_NP})"
)
# "blamed X for …"
_BLAMED_FOR = re.compile(rf"(?i)\bblamed (?P<np>{_NP}?) for\b")
# The cause before a copula and "cause": "X was the likely cause".
_BEFORE = re.compile(
    r"(?i)\b(?:was|is|were|are|had been|has been|have been|may have been|might have been|could "
    r"have been|may be|might be|could be) (?:the|a|one) (?:[a-z]+ ){0,2}?(?:cause|culprit)\b"
)
# Words a cause phrase ends (after a cue) or starts after (before a copula) at.
_BREAK = frozenset({
    "and", "or", "but", "which", "who", "whom", "whose", "that", "when", "while", "after",
    "before", "as", "although", "though", "since", "because", "until", "unless", "if",
    "where", "according", "said", "says", "say", "told", "added", "officials", "police",
    "authorities",
})  # fmt: skip
_MAX_WORDS = 6
# "due to" before a verb tells a time, not a cause: "is due to begin on Monday". The
# irregular verbs' base forms (``irregular_verbs.txt``) and these.
_DUE_VERBS = frozenset({
    "arrive", "start", "open", "close", "end", "finish", "complete", "return", "visit",
    "appear", "testify", "vote", "announce", "report", "resume", "launch", "expire",
    "deliver", "sign", "travel", "face", "undergo", "retire", "step", "receive", "publish",
    "release", "decide", "rule", "attend", "address", "host", "play", "land", "depart",
})  # fmt: skip
_NEGATION = re.compile(r"(?i)\b(?:not|n't|never|no|nothing|ruled out)\W+(?:\w+\W+){0,2}$")
# Words that say a cause is a cause, not what it is.
_GENERIC = frozenset(
    stem(w)
    for w in (
        "likely",
        "probable",
        "possible",
        "main",
        "primary",
        "chief",
        "root",
        "cause",
        "reason",
    )
)
# A phrase that says no cause is known yet names none: "unknown", "not immediately known",
# "under investigation".
_NO_CAUSE = re.compile(
    r"(?i)\b(?:not|n't|no|unknown|known|unclear|clear|investigat\w*|determined|undetermined"
    r"|confirmed|unconfirmed|yet)\b"
)
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Cause:
    start: int
    end: int
    words: frozenset[str]  # stems of its content words


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in content_words(text)) - _GENERIC


def _after_cue(text: str, lo: int, hi: int) -> tuple[int, int]:
    """The cause phrase starting at ``lo``: up to a break word, at most six words."""
    kept: list[re.Match[str]] = []
    for m in list(_WORD.finditer(text, lo, hi))[:_MAX_WORDS]:
        if m.group().lower() in _BREAK:
            break
        kept.append(m)
    return (kept[0].start(), kept[-1].end()) if kept else (lo, lo)


def _before_copula(text: str, lo: int, hi: int) -> tuple[int, int]:
    """The cause phrase ending at ``hi``: back to a break word, at most six words."""
    kept: list[re.Match[str]] = []
    for m in reversed(list(_WORD.finditer(text, lo, hi))):
        if m.group().lower() in _BREAK or len(kept) == _MAX_WORDS:
            break
        kept.append(m)
    return (kept[-1].start(), kept[0].end()) if kept else (hi, hi)


def _due_to_verb(m: re.Match[str]) -> bool:
    if not m.group().lower().startswith("due to"):
        return False
    first = _WORD.match(m.group("np"))
    word = first.group().lower() if first else ""
    return word in _DUE_VERBS or word in _irregular_bases()


@cache
def _irregular_bases() -> frozenset[str]:
    return frozenset(classed("irregular_verbs.txt").values())


def _causes(view: ArticleView, lo: int, hi: int) -> list[Cause]:
    text = view.text
    spans: list[tuple[int, int, int]] = []  # (cue start, cause start, cause end)
    for m in _AFTER.finditer(text, lo, hi):
        if _due_to_verb(m):
            continue
        spans.append((m.start(), *_after_cue(text, m.start("np"), m.end("np"))))
    for m in _BLAMED_FOR.finditer(text, lo, hi):
        spans.append((m.start(), *_after_cue(text, m.start("np"), m.end("np"))))
    for m in _BEFORE.finditer(text, lo, hi):
        clause = max(text.rfind(c, lo, m.start()) for c in ',.;:!?"“”()\n')
        start, end = _before_copula(text, max(clause + 1, lo), m.start())
        spans.append((m.start(), start, end))
    found = []
    for cue, start, end in spans:
        if end <= start or view.in_quote(start, end):
            continue
        if _NEGATION.search(text[max(lo, cue - 40) : cue]) or _NEGATION.search(text[cue:start]):
            continue  # "was not the cause", "not because of X"
        if _NO_CAUSE.search(text[start:end]):
            continue  # "the cause was not immediately known"
        words = _stems(text[start:end])
        if words:
            found.append(Cause(start, end, words))
    return found


def _pair(pair: PairView) -> Iterator[Divergence]:
    left = _causes(pair.left, *pair.lspan)
    right = _causes(pair.right, *pair.rspan)
    if not left or not right:
        return
    left_all = _stems(pair.left.text[slice(*pair.lspan)])
    right_all = _stems(pair.right.text[slice(*pair.rspan)])
    if any(c.words & right_all for c in left) or any(c.words & left_all for c in right):
        return  # a cause the other passage names too, in any words around it
    a, b = left[0], right[0]
    ta, tb = pair.left.text[a.start : a.end], pair.right.text[b.start : b.end]
    yield finding(
        "content",
        "content.cause",
        "low",
        [pair.left.span(a.start, a.end), pair.right.span(b.start, b.end)],
        f'{pair.left.id} gives the cause as "{ta}", {pair.right.id} as "{tb}"',
        pair.group,
        0.7,
    )


def detect(ctx: Context) -> Iterator[Divergence]:
    for pair in ctx.pairs:
        if pair.link == "cross":
            continue  # a cross link pairs two sentences told apart (headline and lead)
        yield from _pair(pair)
