"""Verify an article's quotes against the primary source: an official transcript or statement.

Each direct quote the article carries is located in the source with a fuzzy window search
over normalised words (rapidfuzz ``partial_ratio_alignment``, then difflib to fit the
window to the words that match), and the two are diffed word by word:

- ``quote.wording``: words changed or added in the quote (medium; high when a number or
  a negation changes). Words in [square brackets] are editorial and never count.
- ``quote.truncation``: three or more of the source's words cut from inside the quote
  without an ellipsis (medium). Fewer are reported as wording (low).
- ``quote.misattribution``: the words are the source's, but the article gives them to
  another speaker than the one the source's other quotes are attributed to (high).
- ``quote.unsourced``: no passage of the source carries the quote (low; medium when the
  article attributes it to the source's speaker, so it reads as part of the statement).

Evidence spans are given in both the article and the source (the source is an article of
the report, with the file stem as its id).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from divergence.detect.base import finding, short
from divergence.diff import Edit, Token, tokenize, word_diff
from divergence.types import Article, Divergence, Span

MIN_FOUND = 0.6  # share of the quote's words that must appear, in order, in the source window
MIN_FOUND_LONG = 0.5  # the same for a quote of LONG_QUOTE_WORDS or more (loose translations)
LONG_QUOTE_WORDS = 12
MIN_WORDS_FUZZY = 3  # shorter quotes must appear verbatim (normalised) to count as found
MERGE_GAP = 2  # edits separated by at most this many equal tokens are one change
MIN_CUT_WORDS = 3  # fewer words missing from inside a quote is a wording change, not a cut
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "that",
        "this",
        "there",
        "it",
        "its",
        "we",
        "our",
        "they",
        "their",
        "he",
        "his",
        "she",
        "her",
        "i",
    ]
)
_NEGATION = {
    "not",
    "no",
    "never",
    "nor",
    "none",
    "nothing",
    "nobody",
    "neither",
    "without",
    "n't",
    "cannot",
}
_ELLIPSIS = re.compile(r"…|\.\s?\.\s?\.")


@dataclass(frozen=True)
class Located:
    """Where a quote sits in the source: source tokens ``[lo, hi)`` and the share of words found."""

    lo: int
    hi: int
    found: float


def verify_quotes(
    article: Article, source: Article, *, speaker: str | None = None
) -> list[Divergence]:
    """Check every direct quote of ``article`` against ``source``; return the findings (unsorted).

    ``speaker`` names who the source speaks for; by default, the speaker most of the
    article's located quotes are attributed to.
    """
    from divergence.detect.quotes_extract import extract_quotes, speaker_key

    src_tokens = tokenize(source.text)
    src_words = [i for i, t in enumerate(src_tokens) if t.is_word]
    haystack, starts = _joined([src_tokens[i].norm for i in src_words])
    quotes = extract_quotes(article.text, article.skipped)
    located = []
    for q in quotes:
        q_tokens = tokenize(article.text, q.start, q.end)
        loc = _locate(q_tokens, src_tokens, src_words, haystack, starts)
        located.append((q, q_tokens, loc))
    if speaker:
        source_speaker: str | None = speaker_key(speaker)
    else:
        votes = Counter(q.speaker for q, _, loc in located if loc is not None and q.speaker)
        source_speaker = votes.most_common(1)[0][0] if votes else None

    out: list[Divergence] = []
    for q, q_tokens, loc in located:
        quote_span = Span(article.id, q.start, q.end, q.text)
        if loc is None:
            same = source_speaker is not None and q.speaker == source_speaker
            who = f" (attributed to {_who(q)}, whom the source speaks for)" if same else ""
            out.append(
                finding(
                    "quote",
                    "quote.unsourced",
                    "medium" if same else "low",
                    [quote_span],
                    f"quote {short(q.text, 70)} is not found in {source.id}{who}",
                    confidence=0.8 if same else 0.5,
                )
            )
            continue
        src_span = _span(source, src_tokens, loc.lo, loc.hi)
        if source_speaker and q.speaker and q.speaker != source_speaker and q.speaker_span:
            s, e = q.speaker_span
            out.append(
                finding(
                    "quote",
                    "quote.misattribution",
                    "high",
                    [Span(article.id, s, e, article.text[s:e]), src_span],
                    f"{short(q.text, 60)} is attributed to {_who(q)}, "
                    f"but {source.id} gives these words to {source_speaker}",
                    confidence=round(loc.found, 3),
                )
            )
        out.extend(_changes(article, source, q_tokens, src_tokens[loc.lo : loc.hi], loc))
    return out


def _joined(norms: list[str]) -> tuple[str, list[int]]:
    """Join words with spaces; return the string and each word's start offset in it."""
    starts, at = [], 0
    for w in norms:
        starts.append(at)
        at += len(w) + 1
    return " ".join(norms), starts


def _locate(
    q_tokens: list[Token],
    src_tokens: list[Token],
    src_words: list[int],
    haystack: str,
    starts: list[int],
) -> Located | None:
    """Find the source window that carries the quote, or None when it is not there."""
    from rapidfuzz import fuzz

    q_words = [t.norm for t in q_tokens if t.is_word]
    if not q_words or not src_words:
        return None
    needle = " ".join(q_words)
    if len(q_words) < MIN_WORDS_FUZZY:
        at = f" {haystack} ".find(f" {needle} ")
        if at < 0:
            return None
        w = bisect_right(starts, at) - 1
        return Located(src_words[w], src_words[w + len(q_words) - 1] + 1, 1.0)
    hit = fuzz.partial_ratio_alignment(needle, haystack)
    if hit is None:
        return None
    first = max(bisect_right(starts, hit.dest_start) - 1, 0)
    last = max(bisect_right(starts, max(hit.dest_end - 1, hit.dest_start)) - 1, first)
    slack = len(q_words) // 2 + 2
    lo_w, hi_w = max(first - slack, 0), min(last + slack + 1, len(src_words))
    window = [src_tokens[src_words[i]].norm for i in range(lo_w, hi_w)]
    blocks = [
        b
        for b in SequenceMatcher(None, q_words, window, autojunk=False).get_matching_blocks()
        if b.size
    ]
    blocks = _core(blocks, q_words)
    matched = sum(b.size for b in blocks)
    need = MIN_FOUND_LONG if len(q_words) >= LONG_QUOTE_WORDS else MIN_FOUND
    if not blocks or matched < MIN_WORDS_FUZZY or matched / len(q_words) < need:
        return None
    # Fit the window to the matched words, stretched by the quote's unmatched words at
    # either end, so a changed first or last word pairs with the source's.
    lead = blocks[0].a
    tail = len(q_words) - (blocks[-1].a + blocks[-1].size)
    w_lo = max(lo_w + blocks[0].b - lead, 0)
    w_hi = min(lo_w + blocks[-1].b + blocks[-1].size + tail, len(src_words))
    lo = src_words[w_lo]
    hi = src_words[w_hi - 1] + 1
    # Keep the punctuation that closes the last word's sentence inside the window.
    while hi < len(src_tokens) and not src_tokens[hi].is_word and src_tokens[hi].text in ".!?,;:":
        hi += 1
    return Located(lo, hi, matched / len(q_words))


def _core(blocks: list, words: list[str]) -> list:  # list[difflib.Match]
    """Drop stray function words matched at either end far from the rest ("there are").

    An end run of at most two stopwords is dropped when the source puts more words
    between it and the next run than the quote does (a real cut keeps content words).
    """

    def stray(block, gap_q: int, gap_s: int) -> bool:  # type: ignore[no-untyped-def]
        run = words[block.a : block.a + block.size]
        return block.size <= 2 and all(w in _STOPWORDS for w in run) and gap_s - gap_q > 1

    while len(blocks) > 1 and stray(
        blocks[0],
        blocks[1].a - blocks[0].a - blocks[0].size,
        blocks[1].b - blocks[0].b - blocks[0].size,
    ):
        blocks = blocks[1:]
    while len(blocks) > 1 and stray(
        blocks[-1],
        blocks[-1].a - blocks[-2].a - blocks[-2].size,
        blocks[-1].b - blocks[-2].b - blocks[-2].size,
    ):
        blocks = blocks[:-1]
    return blocks


def _span(article: Article, tokens: list[Token], i1: int, i2: int) -> Span:
    start, end = tokens[i1].start, tokens[i2 - 1].end
    return Span(article.id, start, end, article.text[start:end])


def _merge(edits: list[Edit]) -> list[list[Edit]]:
    runs: list[list[Edit]] = []
    for e in edits:
        if runs and e.i1 - runs[-1][-1].i2 <= MERGE_GAP and e.j1 - runs[-1][-1].j2 <= MERGE_GAP:
            runs[-1].append(e)
        else:
            runs.append([e])
    return runs


def _changes(
    article: Article, source: Article, q_tokens: list[Token], s_tokens: list[Token], loc: Located
) -> list[Divergence]:
    """Diff the quote (right) against its source window (left): one finding per change."""
    out = []
    for run in _merge(word_diff(s_tokens, q_tokens)):
        i1, i2 = run[0].i1, run[-1].i2  # source tokens
        j1, j2 = run[0].j1, run[-1].j2  # quote tokens
        added = [
            q_tokens[j]
            for e in run
            for j in range(e.j1, e.j2)
            if q_tokens[j].is_word and not _bracketed(q_tokens, j)
        ]
        removed = [t for e in run for t in s_tokens[e.i1 : e.i2] if t.is_word]
        if not added and not removed:
            continue
        only_cut = not added
        if only_cut and _ELLIPSIS.search(
            article.text[_at(q_tokens, j1 - 1, end=True) : _at(q_tokens, j2, end=False)]
        ):
            continue  # the cut is marked with an ellipsis
        if only_cut and (
            not any(t.is_word for t in q_tokens[:j1]) or not any(t.is_word for t in q_tokens[j2:])
        ):
            continue  # the quote starts or stops elsewhere: ordinary partial quoting
        while j1 < j2 and (not q_tokens[j1].is_word or _bracketed(q_tokens, j1)):
            j1 += 1  # an editor's [insertion] or punctuation leading the change
        if only_cut:
            q_span = _span(article, q_tokens, max(j1 - 1, 0), min(max(j2, j1) + 1, len(q_tokens)))
        else:
            q_span = _side_span(article, q_tokens, j1, j2)
        s_span = _side_span(source, s_tokens, i1, i2)
        words_changed = {t.norm for t in [*added, *removed]}
        critical = bool(words_changed & _NEGATION) or any(
            any(c.isdigit() for c in w) for w in words_changed
        )
        orig = short(" ".join(t.text for t in removed), 50)
        if only_cut and len(removed) >= MIN_CUT_WORDS:
            code, severity = "quote.truncation", "high" if critical else "medium"
            message = f"the quote cuts {orig} from the source's words ({source.id}) without marking the cut"
        elif only_cut:
            code, severity = "quote.wording", "high" if critical else "low"
            message = f"the quote leaves out {orig} of the source's words ({source.id})"
        else:
            code = "quote.wording"
            severity = "high" if critical else "medium"
            said = short(q_span.text, 50)
            message = (
                f"quoted as {said}, the source ({source.id}) says {short(s_span.text, 50)}"
                if removed
                else f"the quote adds {said} to the source's words ({source.id})"
            )
        out.append(
            finding(
                "quote", code, severity, [q_span, s_span], message, confidence=round(loc.found, 3)
            )
        )
    return out


def _bracketed(tokens: list[Token], j: int) -> bool:
    """Whether token ``j`` sits inside [square brackets] (an editor's insertion)."""
    depth = 0
    for t in tokens[:j]:
        if t.text == "[":
            depth += 1
        elif t.text == "]":
            depth = max(depth - 1, 0)
    return depth > 0


def _at(tokens: list[Token], i: int, *, end: bool) -> int:
    if not tokens:
        return 0
    i = min(max(i, 0), len(tokens) - 1)
    return tokens[i].end if end else tokens[i].start


def _side_span(article: Article, tokens: list[Token], i1: int, i2: int) -> Span:
    """The changed tokens' span; for an empty side, the words on either side of the gap."""
    if i2 > i1:
        return _span(article, tokens, i1, i2)
    lo, hi = max(i1 - 1, 0), min(i1 + 1, len(tokens))
    if hi <= lo:
        hi = min(lo + 1, len(tokens))
    return _span(article, tokens, lo, hi)


_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their"}


def _who(q) -> str:  # type: ignore[no-untyped-def]
    """The speaker as written, unless a pronoun: then the resolved key."""
    text = q.speaker_text or ""
    return text if text and text.lower() not in _PRONOUNS else str(q.speaker)
