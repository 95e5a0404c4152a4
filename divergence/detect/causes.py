"""``content.cause``: aligned passages that give the same event different causes.

"a signalling fault was the likely cause" / "driver error was the likely cause", "closed
because of flooding" / "closed because of a strike": each passage names a cause, and
neither cause is found anywhere in the other passage, and the words the cue hangs on
("shut … because of") are found there too. A cause one outlet leaves out is no
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

from divergence.detect.base import ArticleView, Context, PairView, finding
from divergence.lexicon import content_words, stem
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
    r"(?=\s+of\b(?!\s+(?:concern|celebration|alarm|optimism|hope)\b)|\s*[,.;:!?)\"”]|\s*$)"
)  # "a cause of the crash", "the likely cause.", not "a cause for concern", "a cause worth …"
# Words a cause phrase ends (after a cue) or starts after (before a copula) at.
_BREAK = frozenset({
    "and", "or", "but", "which", "who", "whom", "whose", "that", "when", "while", "after",
    "before", "as", "although", "though", "since", "because", "until", "unless", "if",
    "where", "according", "said", "says", "say", "told", "added",
    # a finite verb ends the phrase: "damage caused by the floods is still visible"
    "is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "may",
    "might", "must", "should", "remains", "remain", "remained",
})  # fmt: skip
_MAX_WORDS = 6
# "be due to" takes a cause ("was due to heavy rain") or a bare verb, a schedule ("is due to
# debate the bill"). No verb list is complete, so after a form of "be" the word after "due
# to" must open a noun phrase: a determiner, a word of these, or a noun's or adjective's
# ending. A cause it misses ("was due to rain") is a miss, not a false alarm.
_BE = re.compile(r"(?i)\b(?:is|was|are|were|be|been|being|'s|’s)\s+$")
_NP_OPENERS = frozenset({
    "a", "an", "the", "his", "her", "its", "their", "our", "my", "your", "this", "that",
    "these", "those", "some", "several", "many", "much", "two", "heavy", "bad", "poor",
    "high", "low", "strong", "severe", "human", "lack", "rain", "snow", "fog", "ice", "wind",
    "weather",
})  # fmt: skip
# Endings few base-form verbs have, on words of six letters or more ("flooding",
# "illness", "shortages", "reduced"; not "arrive", "commence", "implement", "proceed").
_NP_ENDINGS = re.compile(r"(?i)(?:ing|ions?|ness|ity|ies|ures|ments|ous|[^su]s|[^e]ed)$")
# Words between an effect and its cue that name neither: "the fire may have been caused by"
_AUXILIARIES = frozenset({
    "is", "was", "are", "were", "be", "been", "being", "has", "have", "had", "may", "might",
    "must", "can", "could", "would", "should", "will", "shall", "probably", "likely",
    "possibly", "reportedly", "allegedly", "apparently", "partly", "largely", "mainly",
})  # fmt: skip
_NEGATION = re.compile(r"(?i)\b(?:not|n't|never|no|nothing|ruled out)\W+(?:\w+\W+){0,2}$")
# Words that say a cause is a cause, not what it is.
_GENERIC = frozenset(stem(w) for w in (
    "likely", "probable", "possible", "main", "primary", "chief", "root", "cause", "reason",
))  # fmt: skip
# A phrase that says no cause is known yet names none: "unknown", "not immediately known",
# "under investigation".
_NO_CAUSE = re.compile(
    r"(?i)\b(?:not|n't|never|no|unknown|unclear|undetermined|unconfirmed|yet to be)\b"
    r"|\b(?:under|being) investigat"
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


def _due_to_verb(text: str, m: re.Match[str]) -> bool:
    """True for "be due to" + a bare verb: a schedule ("is due to debate the bill")."""
    if not m.group().lower().startswith("due to"):
        return False
    if not _BE.search(text[max(0, m.start() - 12) : m.start()]):
        return False  # "closed due to flooding": a schedule needs "be"
    first = _WORD.match(m.group("np"))
    word = first.group().lower() if first else ""
    return word not in _NP_OPENERS and not (len(word) >= 6 and _NP_ENDINGS.search(word))


def _clause_start(text: str, lo: int, at: int) -> int:
    """Where the clause holding offset ``at`` starts: after the last punctuation mark
    before it, not before ``lo``."""
    return max(lo, *(text.rfind(c, lo, at) + 1 for c in ',.;:!?"“”()\n'))


def _effect_elsewhere(text: str, lo: int, cue: int, other: frozenset[str]) -> bool:
    """True when the words the cue hangs on ("damage caused by", "shut … because of") are
    none of them in the other passage: the two causes explain different things ("damage
    caused by the floods" / "delays caused by roadworks")."""
    words_before = _WORD.findall(text, _clause_start(text, lo, cue), cue)
    before = [w for w in words_before if w.lower() not in _AUXILIARIES][-3:]
    words = _stems(" ".join(before))
    return bool(words) and not words & other


def _causes(view: ArticleView, lo: int, hi: int, other: frozenset[str]) -> list[Cause]:
    """The causes a passage names; ``other``: the stems of the other passage's words."""
    text = view.text
    spans: list[tuple[int, int, int]] = []  # (cue start, cause start, cause end)
    for m in _AFTER.finditer(text, lo, hi):
        hung = not m.group().lower().startswith("the cause")  # "the cause of the blaze was"
        if _due_to_verb(text, m) or (hung and _effect_elsewhere(text, lo, m.start(), other)):
            continue
        spans.append((m.start(), *_after_cue(text, m.start("np"), m.end("np"))))
    for m in _BLAMED_FOR.finditer(text, lo, hi):
        spans.append((m.start(), *_after_cue(text, m.start("np"), m.end("np"))))
    for m in _BEFORE.finditer(text, lo, hi):
        start, end = _before_copula(text, _clause_start(text, lo, m.start()), m.start())
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
    left_all = _stems(pair.left.text[slice(*pair.lspan)])
    right_all = _stems(pair.right.text[slice(*pair.rspan)])
    left = _causes(pair.left, *pair.lspan, right_all)
    right = _causes(pair.right, *pair.rspan, left_all)
    if not left or not right:
        return
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
