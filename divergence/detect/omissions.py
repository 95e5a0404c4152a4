"""``omission``: content that one outlet carries and the others lack, ranked by salience.

Salience follows what fact-checkers look for first: figures, direct quotes, named sources
and denials. Boilerplate is never segmented, so it never ranks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from divergence.detect.base import ArticleView, Context, PairView, finding, short
from divergence.ingest.boilerplate import is_furniture
from divergence.types import Divergence

# "one" is left out: far more often a pronoun ("one among many", "no one") than a figure
_NUMBER = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|"
    r"seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty|dozens?|hundreds?|"
    r"thousands?|millions?|billions?)\b",
    re.I,
)
_QUOTE = re.compile(r"[\"“”«»]")
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ial)|dismiss(?:ed|es)?|reject(?:ed|s)?|refut(?:ed|es)|unfounded|false|baseless)\b",
    re.I,
)
_SOURCE = re.compile(
    r"\b(?:said|says|told|stated|according to|spokes(?:wo)?(?:man|person)|minister|ministry|"
    r"official|president|reported|confirmed|announced|wrote)\b",
    re.I,
)
# a figure of people killed, hurt or missing: a toll is the figure fact-checkers look for first
_TOLL = re.compile(
    r"\b(?:kill(?:ed|s|ing)?|dead|died|deaths?|death toll|injur(?:ed|ies|y)|wounded|hurt|"
    r"missing|casualt(?:y|ies)|fatalit(?:y|ies))\b",
    re.I,
)
_RESTATED = 0.5  # cosine between a subheading and the sentence below it
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”’]$")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[A-Z'’][a-z]+)*(?:\s+[A-Z][a-z]+(?:[A-Z'’][a-z]+)*)+\b")


def salience(text: str) -> tuple[int, list[str]]:
    """Score what makes a sentence worth noticing when only one outlet carries it.

    >>> salience('Beijing has dismissed as "totally unfounded" the claim.')
    (3, ['a quote', 'a denial'])
    >>> salience('The cyclist was pronounced dead at Harbour View Hospital.')
    (1, ['a name'])
    >>> salience('Marta Lindqvist will host the show')
    (1, ['a name'])
    >>> salience('Nine people were killed in the blast.')
    (2, ['a toll'])
    >>> salience('Fourteen aid workers were freed on Monday.')
    (1, ['a figure'])
    """
    score = 0
    why: list[str] = []
    if _NUMBER.search(text):
        toll = bool(_TOLL.search(text))
        score, why = score + 1 + toll, [*why, "a toll" if toll else "a figure"]
    if len(_QUOTE.findall(text)) >= 2 or text.lstrip().startswith(('"', "“")):
        score, why = score + 1, [*why, "a quote"]
    if _DENIAL.search(text):
        score, why = score + 2, [*why, "a denial"]
    if _NAME.search(text):  # two capitalised words in a row: a person, place or body
        named_source = bool(_SOURCE.search(text))
        score, why = (
            score + 1 + named_source,
            [*why, "a named source" if named_source else "a name"],
        )
    return score, why


def _is_subheading(view: ArticleView, index: int) -> bool:
    """A line with no closing punctuation (a headline or a subheading) whose content the
    next sentence restates: it signposts facts that the body carries, and is judged there.
    Every outlet writes its own headline, so one left unmatched above a lede that says the
    same is no omission ("Fresh wave of rioting hits Greece" over its own first sentence)."""
    if index + 1 >= len(view.sentences) or view.vectors is None:
        return False
    if _ENDS_SENTENCE.search(view.sentences[index].text):
        return False
    return float(view.vectors[index] @ view.vectors[index + 1]) >= _RESTATED


def detect(ctx: Context) -> Iterator[Divergence]:
    n = len(ctx.views)
    for view, unmatched in zip(ctx.views, ctx.unmatched, strict=True):
        others = n - 1
        for sent, best, counterpart in unmatched:
            if len(sent.text) < ctx.settings.min_sentence_chars:
                continue
            score, why = salience(sent.text)
            severity = "high" if score >= 4 else "medium" if score >= 2 else "low"
            # page furniture glued to a paragraph ("… in 15 games. Dec. 18-11:14 pm et"),
            # which ingest skips only as a whole line: boilerplate never ranks
            furniture = is_furniture(sent.text)
            if _is_subheading(view, sent.index):
                severity = "info"
                heading = "a headline" if sent.index == 0 else "a subheading"
                why = [*why, f"{heading} restated by the text below it"]
            elif furniture:
                severity = "info"
            where = "the other outlet" if others == 1 else f"any of the other {others} outlets"
            message = f"only {view.id} reports {short(sent.text, 70)}; not found in {where}"
            if furniture:
                message += " (page furniture)"
            elif counterpart:
                # Its nearest match elsewhere is itself unmatched and picks this one back:
                # that outlet says something else at this point, rather than leaving it out.
                severity = "info"
                message += " (it carries other content here)"
            elif why:
                message += f" (carries {', '.join(why)})"
            yield finding(
                "omission", "omission.unique", severity, [view.span(sent.start, sent.end)], message,
                confidence=round(1.0 - max(best, 0.0), 3),
            )  # fmt: skip


_COPIED = 0.85  # share of the shorter passage's words found in order in the longer one
_MIN_DROPPED_WORDS = 5
_MIN_DROPPED_NAME_WORDS = 3  # a cut name is salient even when short: "Judge Barbara Walther"


def _whole_name(view: ArticleView, pair: PairView, start: int, end: int) -> bool:
    """Whether a full name ("Judge Barbara Walther") lies inside ``view.text[start:end]``:
    not a title cut from a name the other passage keeps ("Secretary of State Kevin Shelley"
    / "Shelley")."""
    lo, hi = pair.lspan if view is pair.left else pair.rspan
    return any(
        start <= m.start() + lo and m.end() + lo <= end for m in _NAME.finditer(view.text[lo:hi])
    )


def detect_dropped(ctx: Context) -> Iterator[Divergence]:
    """``omission.unique`` inside aligned passages: a stretch one outlet cut from a text the
    outlets otherwise share. In a free paraphrase dropped words are ordinary rewording; where
    one passage is the other with words cut, a dropped clause with a figure, a name or a
    quote is an editorial cut."""
    for pair in ctx.pairs:
        if pair.link == "cross" or pair.kept < _COPIED:
            continue  # a cross link pairs two sentences told apart (headline and lead)
        for edit in pair.edits:
            for view, toks, lo, hi, other in (
                (pair.left, pair.ltoks, edit.i1, edit.i2, pair.right),
                (pair.right, pair.rtoks, edit.j1, edit.j2, pair.left),
            ):
                other_len = (edit.j2 - edit.j1) if view is pair.left else (edit.i2 - edit.i1)
                words = [t for t in toks[lo:hi] if t.is_word]
                if len(words) - other_len < _MIN_DROPPED_NAME_WORDS:
                    continue
                start, end = words[0].start, words[-1].end
                whole = _whole_name(view, pair, start, end)
                need = _MIN_DROPPED_NAME_WORDS if whole else _MIN_DROPPED_WORDS
                if len(words) - other_len < need:
                    continue
                if ctx.claimed_share(view.id, start, end) > 0.5:
                    continue  # another finding already explains this stretch
                other_words = {t.norm for t in (pair.rtoks if view is pair.left else pair.ltoks)}
                if sum(t.norm not in other_words for t in words) < need:
                    continue  # its words stand elsewhere in the other passage: moved, not dropped
                text = view.text[start:end]
                # a stretch that opens with a quotation mark is read with its marks
                first = toks[lo + 1] if lo + 1 < hi else toks[lo]
                opens = toks[lo].text in '“"«„' and view.in_quote(first.start, first.end)
                score, why = salience(
                    view.text[toks[lo].start : toks[hi - 1].end] if opens else text
                )
                if score < 1:
                    continue
                yield finding(
                    "omission", "omission.unique", "medium" if score >= 2 else "low",
                    [view.span(start, end)],
                    f"{view.id} carries {short(text, 70)}, which {other.id}'s version of this "
                    f"passage leaves out (carries {', '.join(why)})",
                    pair.group, 0.7,
                )  # fmt: skip
