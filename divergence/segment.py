"""Split an article into sentences with character spans into ``Article.text``.

pysbd does the splitting inside each paragraph (a line of the text); a repair pass then
re-joins cuts pysbd makes inside abbreviations ("Mr.", "U.S.") and inside quotations, and
skips the article's boilerplate ranges.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from divergence.types import Article, Sentence

# Abbreviations after which a full stop does not end a sentence (news style guides).
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sgt|Capt|Maj|Sen|Rep|Gov|Pres|St|Jr|Sr|Inc|Ltd|Co|"
    r"Corp|No|vs|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.|"
    r"\b(?:[A-Z]\.){2,}|\b[A-Z]\.)$"
)


def abbreviation(word: str) -> bool:
    """Whether a word with its full stop is an abbreviation ("Mr.", "U.S.", "Jan.")."""
    return bool(_ABBREV.search(word))


# A closing quotation mark right after a word ends no sentence: '"Fewer than 10" FBI offices',
# nor one right after a comma: '"…our community, " Smith added.'
_QUOTE_NO_STOP = re.compile(r"(?:[\w%]|,\s?)[\"”’»]$")
# "1 p.m. PDT today", "9:40 p.m. Friday": a clock time's "a.m."/"p.m." before a time zone
# or a weekday ends no sentence
_CLOCK_END = re.compile(r"\b[ap]\.m\.$")
_ZONE_START = re.compile(
    r"(?:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|IST|JST|HKT|SGT|AEST|AEDT|WIB|[ECMP][SD]?T|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
MAX_SENTENCE_CHARS = 2000  # longer runs are cut at the last space, so one line cannot stall us


@lru_cache(maxsize=1)
def _segmenter():  # type: ignore[no-untyped-def]
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def paragraphs(text: str, skipped: tuple[tuple[int, int], ...] = ()) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each non-blank line of ``text`` that is not skipped, trimmed.

    >>> list(paragraphs("ab\\n\\n  cd \\n"))
    [(0, 2), (6, 8)]
    """
    for m in re.finditer(r"[^\n]+", text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        if any(s <= start and end <= e for s, e in skipped):
            continue
        yield start, end


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    para = text[start:end]
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for sent in _segmenter().segment(para):
        body = sent.strip()
        if not body:
            continue
        at = para.find(body, cursor)
        if at < 0:  # pysbd altered the text: the rest of the paragraph is one piece
            rest = para[cursor:]
            body = rest.strip()
            if body:
                at = cursor + len(rest) - len(rest.lstrip())
                pieces.append((start + at, start + at + len(body)))
            cursor = len(para)
            break
        pieces.append((start + at, start + at + len(body)))
        cursor = at + len(body)
    if cursor < len(para) and para[cursor:].strip():
        rest = para[cursor:]
        lead = len(rest) - len(rest.lstrip())
        pieces.append((start + cursor + lead, start + len(para.rstrip())))
    return _repair(text, pieces)


def _repair(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Re-join cuts after abbreviations ("Mr.", "U.S."), after a quotation closed without a
    full stop, after "p.m." before a time zone or a weekday, and before lowercase or
    punctuation starts.

    Cuts between two full sentences inside one quotation are kept: quotes are extracted
    from the article text, not from sentences, and finer sentences align better.
    """
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        if out:
            ps, pe = out[-1]
            prev = text[ps:pe]
            cur = text[s:e]
            join = (
                bool(_ABBREV.search(prev) or _QUOTE_NO_STOP.search(prev))
                or bool(_CLOCK_END.search(prev) and _ZONE_START.match(cur))
                or cur[:1].islower()
                or cur[:1] in ",;:)"  # "Rep. Edward Markey, D-Mass., called…"
                or len(cur) < 3
            )
            if join:
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return [piece for s, e in out for piece in _cap_length(text, s, e)]


def _cap_length(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1  # trimmed, like every other sentence span
        yield start, piece_end
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def segment(article: Article, article_index: int = 0) -> list[Sentence]:
    """Return the sentences of ``article`` in text order, each with its character span."""
    sentences: list[Sentence] = []
    for p_start, p_end in paragraphs(article.text, article.skipped):
        for s, e in _split_paragraph(article.text, p_start, p_end):
            sentences.append(Sentence(article_index, len(sentences), s, e, article.text[s:e]))
    return sentences
