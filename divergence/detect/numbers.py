"""``number``: quantities that count the same thing but conflict or differ in precision.

Mentions are ranges (``detect.quantities``): disjoint ranges are ``number.conflict``,
overlapping but differently hedged ones ``number.precision``; equal counts ("2" and "two")
are never flagged. Two floors or two ceilings at different figures ("at least 112" / "at
least 121") overlap as ranges but give two counts: a conflict, unless one is the other
rounded outward ("more than 100" / "at least 112"). Two places are compared: quantities
inside aligned passages, matched by unit and position, and durations or counts of one
named referent anywhere in the story ("nearly three years ago" of the invasion vs the
"more than three-year war").
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from itertools import combinations, pairwise

from divergence.detect.base import ArticleView, Context, PairView, finding
from divergence.detect.dates import MONTH_NAMES, MONTHS, WEEKDAYS
from divergence.detect.negation import word_cue
from divergence.detect.quantities import (
    DESIGNATORS,
    PHONE,
    TALLY,
    Quantity,
    cardinal_words,
    extract_quantities,
    is_measure_unit,
    relation,
)
from divergence.diff import Token
from divergence.lexicon import content_words, data_lines, lemma, stem, word_set
from divergence.types import Divergence, Sentence

_DURATIONS = frozenset({"year", "month", "week", "day"})
# Referents a person holds: two sentences that name different people give two people's terms.
# A war or a strike is one event whoever the sentence names ("Trump … the three-year war").
_PERSONAL = frozenset({"sentence"})
_WINDOW = 40  # characters either side of a figure searched for its referent


@lru_cache(maxsize=1)
def _referents() -> dict[str, str]:
    out = {}
    for line in data_lines("referents.txt"):
        name, words = line.split(":", 1)
        for w in words.split(","):
            out[lemma(w.strip())] = name.strip()
    return out


def quantities(view: ArticleView) -> list[Quantity]:
    """Quantities and clock times of an article, cached; years and day numbers are left to
    the date detector."""
    cached = getattr(view, "_quantities", None)
    if cached is None:
        skipped = view.article.skipped
        cached = [
            q for q in extract_all(view)
            if not (q.is_year or q.is_date_part or _garbled(view.text, q.value_start, q.value_end))
            and not any(s <= q.start < e for s, e in skipped)
        ]  # fmt: skip
        view._quantities = cached  # type: ignore[attr-defined]
    return cached


def _garbled(text: str, start: int, end: int) -> bool:
    """True when a figure touches U+FFFD, a character lost in decoding: "served 4� months"
    was "4½" (elsewhere "412", the fraction turned into digits), not a count of four.

    >>> _garbled("served 4\ufffd months", 7, 8), _garbled("served 4 months", 7, 8)
    (True, False)
    """
    return "\ufffd" in text[max(start - 1, 0) : end + 1]


def _describe(q: Quantity, text: str) -> str:
    lo, hi = q.low, q.high
    shown = text[q.start : q.end]
    if (q.point is not None and lo == hi) or q.is_time:
        return f'"{shown}"'
    if hi == float("inf"):
        return f'"{shown}" ({">" if q.low_open else "≥"} {lo:g})'
    if lo == 0:
        return f'"{shown}" ({"<" if q.high_open else "≤"} {hi:g})'
    return f'"{shown}" ({lo:g} to {hi:g})'


def _stops_short(bare: Quantity, hedged: Quantity) -> bool:
    """True when ``hedged`` excludes the figure ``bare`` states: an open bound right at it
    ("almost 80%", "more than 100" against "80%", "100")."""
    if bare.approx or bare.vague or bare.point is None or not (hedged.approx or hedged.vague):
        return False
    at_low = hedged.low_open and math.isclose(hedged.low, bare.point, rel_tol=1e-9)
    at_high = hedged.high_open and math.isclose(hedged.high, bare.point, rel_tol=1e-9)
    return at_low or at_high


def _bounds(bare: Quantity, hedged: Quantity) -> bool:
    """True when ``hedged`` is a floor or ceiling at the figure ``bare`` states ("up to
    18,000 jobs", "at least 15", "30+" against "18,000", "15", "30"): a firm count against
    a bound."""
    if bare.approx or bare.vague or bare.point is None or not hedged.approx:
        return False
    one_sided = _open_side(hedged) is not None
    return one_sided and hedged.point is not None and math.isclose(hedged.point, bare.point)


def _grain(text: str, q: Quantity) -> float | None:
    """The roundest unit a figure is a whole number of, as written: 100 for "100" and "a
    hundred", 10 for "twenty", 1 for "112", 0.1 for "3.0" (a written decimal counts)."""
    step = _step(text, q)
    if step is None or q.point is None:
        return None
    written = text[q.value_start : q.value_end]
    if "." in written:
        return step
    grain = step
    while grain * 10 <= q.point and math.isclose(q.point % (grain * 10), 0.0, abs_tol=1e-9 * grain):
        grain *= 10
    return grain


def _open_side(q: Quantity) -> str | None:
    """ "floor" for a bound with no top ("at least 112"), "ceiling" for one from zero ("up
    to 20"), None for a figure or a two-sided range."""
    if q.high == math.inf:
        return "floor"
    return "ceiling" if q.low == 0 else None


def _other_bound(ltext: str, a: Quantity, rtext: str, b: Quantity) -> bool:
    """Two floors or two ceilings at different figures, neither the other rounded outward:
    "at least 112" / "at least 121" dead, "up to 20" / "up to 30" are two counts, as two
    bare figures would be. A rounder floor below a figure ("more than 100" / "at least
    112") or a rounder ceiling above it ("fewer than 100" / "fewer than 92") is the same
    count said loosely: a difference of precision."""
    if not (a.approx and b.approx) or a.vague or b.vague or a.unit != b.unit:
        return False
    if a.point is None or b.point is None or math.isclose(a.point, b.point):
        return False
    side = _open_side(a)
    if side is None or side != _open_side(b):
        return False
    floors = side == "floor"
    ga, gb = _grain(ltext, a), _grain(rtext, b)
    if ga is None or gb is None:
        return False
    (lo, g_lo), (hi, g_hi) = sorted([(a.point, ga), (b.point, gb)])
    rounder = g_lo > g_hi if floors else g_hi > g_lo
    # rounding outward moves a figure a little: "more than 1,000" is no way to say 1,900
    near = lo > 0 and hi / lo <= _LOOSE_BOUND
    group = _threshold(ltext, a) or _threshold(rtext, b)
    return lo < hi and not (rounder and near and not group)


_LOOSE_BOUND = 1.25  # the most a rounder bound stands from the figure it rounds
_NOT_NOUNS = frozenset({
    "this", "does", "says", "thus", "plus", "versus", "towards", "across", "perhaps",
    "whereas", "always", "sometimes",
})  # fmt: skip
_GROUP_WORDS = frozenset({"aged", "earning", "those", "anyone", "everyone", "people", "children"})


def _threshold(text: str, q: Quantity) -> bool:
    """True when a bound after a noun marks out a group ("residents over 60", "households
    earning under £25,000", "children under 5"): a rule's threshold, which no one rounds,
    not a count said loosely ("more than 100 people")."""
    before = re.search(r"([A-Za-z]+)\s+$", text[max(0, q.start - 30) : q.start])
    if before is None:
        return False
    word = before.group(1).lower()
    plural = len(word) > 3 and word.endswith("s") and not word.endswith("ss")
    return word in _GROUP_WORDS or (plural and word not in _NOT_NOUNS)


def _far_bound(ltext: str, a: Quantity, rtext: str, b: Quantity) -> bool:
    """A floor well below a bare figure, or a ceiling well above it: "more than 1,000" /
    "1,900" and "up to 20" / "12" are two counts, as two such bounds would be
    (``_other_bound``); a bound within a quarter of the figure ("more than 100" / "112")
    says the same count loosely, and a bound that marks out a group ("residents over 60")
    is a threshold, not a count."""
    for bound, bare, text in ((a, b, ltext), (b, a, rtext)):
        if not bound.approx or bound.vague or bare.vague or bare.low != bare.high:
            continue  # a bare figure: one value ("1,900", "a total of 1,900", "exactly 12")
        if bound.point is None or bare.point is None or bound.point <= 0 or bare.point <= 0:
            continue
        if bound.unit != bare.unit or bound.is_time or bare.is_time:
            continue
        side = _open_side(bound)
        far = (side == "floor" and bare.point > bound.point * _LOOSE_BOUND) or (
            side == "ceiling" and bare.point * _LOOSE_BOUND < bound.point
        )
        if far and not _threshold(text, bound):
            return True
    return False


def _emit(
    left: ArticleView,
    right: ArticleView,
    lq: Quantity,
    rq: Quantity,
    rel: str,
    group: str | None,
    where: str,
    rounded: bool = False,
) -> Divergence:
    """A finding for two figures of ``rel`` "conflict" or "precision"; ``rounded``: a
    conflict that is one figure written to two precisions (``_rounded``), reported as such."""
    exact = not (lq.approx or rq.approx or lq.vague or rq.vague)
    if rel == "conflict" and not rounded:
        severity = "high" if exact and lq.unit and lq.unit == rq.unit else "medium"
        code = "number.conflict"
        verb = "conflicts with"
    else:
        # Two hedges that say different things ("at least" vs "at most", "about" vs
        # "exactly") are low, and so is a hedge that stops short of a bare figure ("80%" vs
        # "almost 80%": reached, or not quite) or bounds it ("18,000 jobs" vs "up to 18,000
        # jobs": a firm count, or a ceiling); a bare figure inside a hedge around it ("80%"
        # vs "about 80%") is routine rounding (info).
        both_hedged = bool((lq.approx or lq.vague) and (rq.approx or rq.vague))
        same_bounds = math.isclose(lq.low, rq.low, rel_tol=0.01) and (
            lq.high == rq.high or math.isclose(lq.high, rq.high, rel_tol=0.01)
        )  # "over 100" vs "at least 100": only the open end differs
        bound = any(f(x, y) for f in (_stops_short, _bounds) for x, y in ((lq, rq), (rq, lq)))
        severity = "low" if (both_hedged and not same_bounds) or bound else "info"
        code, verb = "number.precision", "is hedged differently from"
        if both_hedged and lq.approx == rq.approx and lq.point != rq.point:
            verb = "gives a different figure than"  # "about 100" / "about 120": same hedge
        if _other_bound(left.text, lq, right.text, rq):
            severity, code, verb = "medium", "number.conflict", "gives another bound than"
        elif _far_bound(left.text, lq, right.text, rq):
            severity, code, verb = "medium", "number.conflict", "is a bound far from"
        if _converted(lq, rq):
            severity, verb = "info", "rounds, in another unit, the same figure as"
        if rounded:
            severity, verb = "info", "is, rounded to another precision, the same figure as"
    return finding(
        "number", code, severity,
        [left.span(lq.start, lq.end), right.span(rq.start, rq.end)],
        f"{left.id} {_describe(lq, left.text)} {verb} {right.id} {_describe(rq, right.text)}{where}",
        group, 0.9 if code == "number.conflict" else 0.6,
    )  # fmt: skip


def _at(q: Quantity, value: float) -> Quantity:
    """``q`` stated as the bare figure ``value``, in its own unit."""
    return replace(q, low=value, high=value, low_open=False, high_open=False, approx=None)


def _converted(a: Quantity, b: Quantity) -> bool:
    """Two figures in two units, each hedged alike and each inside the other's hedge once
    converted: one figure rounded in each unit ("about 85 miles" / "about 135 kilometers")."""
    if not (a.unit and b.unit and a.unit != b.unit and a.approx and a.approx == b.approx):
        return False
    if a.point is None or b.point is None:
        return False
    return relation(_at(a, a.point), b) != "conflict" and relation(_at(b, b.point), a) != "conflict"


_MANTISSA = re.compile(r"\d[\d,]*(?:\.(\d+))?")
_SCALE_WORD = re.compile(r"(?i)\b(hundred|thousand|million|billion|trillion)s?\b")
_ROUNDING = 0.1  # a rounded figure stays within a tenth of the precise one


def _step(text: str, q: Quantity) -> float | None:
    """The precision a figure is written to, in its unit: 1 for "six" or "6", 0.1 for "6.2",
    100,000 for "1.7m" ("1.7" millions), 1,000,000 for "two million"; None when unread."""
    if q.point is None or q.point <= 0 or q.is_time:
        return None
    written = text[q.value_start : q.value_end]
    m = _MANTISSA.search(written)
    if m is None:  # a number word: "six", "two million"
        return 10.0 ** round(math.log10(q.point)) if _SCALE_WORD.search(written) else 1.0
    mantissa = float(m.group().replace(",", ""))
    if mantissa <= 0:
        return None
    scale = q.point / mantissa
    if not math.isclose(scale, 10.0 ** round(math.log10(scale)), rel_tol=1e-6):
        return None  # not the figure as written ("06:31", a time; "4 1/2")
    return scale * 10.0 ** -len(m.group(1) or "")


def _rounded(pair: PairView, a: Quantity, b: Quantity) -> bool:
    """Two bare figures of one unit, the coarser the finer rounded to its own precision and
    within a tenth of it: "six miles" / "6.2 miles", "$140 million" / "$140.5 million". "12
    miles" / "1.2 miles" and "19" / "20" stay conflicts."""
    if not (a.exact and b.exact and a.unit == b.unit and a.point and b.point):
        return False
    sa, sb = _step(pair.left.text, a), _step(pair.right.text, b)
    if sa is None or sb is None or math.isclose(sa, sb):
        return False
    (coarse, step), fine = ((a.point, sa), b.point) if sa > sb else ((b.point, sb), a.point)
    gap = abs(coarse - fine)
    return gap < step / 2 and gap <= _ROUNDING * max(coarse, fine)


_NEAR = 30  # characters a figure may stand from where the other's words map to
_FRAME_WORDS = 2  # content words on each side of a figure that say what it counts
_FRAME_BREAK = re.compile(r"[,;:()\[\].!?\n]|\b(?:and|or|but|while|as)\b")


def _frame(text: str, q: Quantity) -> tuple[frozenset[str], frozenset[str]]:
    """The stems of the content words right before and right after a figure, inside its
    clause: what it counts ("a mother of 13": mother)."""
    stop = word_set("stopwords.txt")

    def content(stretch: str) -> list[str]:
        return [w for w in _WORDS.findall(stretch) if len(w) > 2 and w.lower() not in stop]

    before = content(_FRAME_BREAK.split(text[max(q.start - 80, 0) : q.start])[-1])
    after = content(_FRAME_BREAK.split(text[q.end : q.end + 80])[0])
    return (
        frozenset(stem(w) for w in before[-_FRAME_WORDS:]),
        frozenset(stem(w) for w in after[:_FRAME_WORDS]),
    )


def _mapped(pair: PairView, side: str, q: Quantity) -> tuple[int, int]:
    """The character span of the other side that the words of figure ``q`` map to."""
    i = pair.token_index(side, q.value_start)
    return pair.counterpart(side, i, i + 1)


def _distances(
    a: Quantity, a_mapped: tuple[int, int], b: Quantity, b_mapped: tuple[int, int]
) -> tuple[int, int]:
    """How far, in characters, each figure stands from where the other's words map to on
    its side (0: in its place), the farther way first. Figures are near only when near
    both ways: a figure inside a stretch that one passage rewords maps onto the whole
    stretch the other has there, near every figure in it."""

    def away(mapped: tuple[int, int], there: Quantity) -> int:
        return max(mapped[0] - there.value_end, there.value_start - mapped[1], 0)

    ways = sorted((away(a_mapped, b), away(b_mapped, a)), reverse=True)
    return ways[0], ways[1]


_RATE = re.compile(
    r"\s*(?:(?:per|every)\s+(?!cent\b)[a-z]+|each\b|apiece\b"
    r"|an?\s+(?:year|season|month|week|day|night|hour|minute|game)\b"
    r"(?!\s+(?:ago|earlier|later|after|before)))",
    re.IGNORECASE,
)


def _rate(text: str, q: Quantity) -> bool:
    """Whether ``q`` is a rate ("$23 million per season", "$5 million a year", "100 yards
    each", "two apiece"), which a total ("$184 million") is not: the two never pair. A
    time ago or after ("12 people a week ago", "a day after the storm") is no rate."""
    return _RATE.match(text, q.end) is not None


_BELOW = frozenset({"below", "under", "less", "fewer", "beneath"})
_ABOVE = frozenset({"above", "over", "more", "greater", "beyond", "exceeding"})


def _side(q: Quantity) -> frozenset[str] | None:
    """The comparator words of the side of its figure that ``q`` names: "below 50" names
    the words for below; None for a figure not bounded by a comparator."""
    words = set((q.approx or "").lower().split())
    return _BELOW if words & _BELOW else _ABOVE if words & _ABOVE else None


def _both_sides_of(pair: PairView, a: Quantity, b: Quantity) -> bool:
    """Two passages that each describe both sides of one threshold, one naming the figure
    for each side ("A reading below 50 means contraction, above that expansion" / "Above
    50 suggests growth, below that level contraction"): no conflict between "below 50"
    and "above 50"."""
    sa, sb = _side(a), _side(b)
    if sa is None or sb is None or sa == sb or a.point is None or a.point != b.point:
        return False
    return _names_side(pair.ltoks, sb) and _names_side(pair.rtoks, sa)


_THRESHOLD = frozenset({"that", "this", "it"})  # "above that", "below that level"


def _names_side(toks: list[Token], side: frozenset[str]) -> bool:
    """Whether the passage names ``side`` of a threshold it has named already: a comparator
    word before "that", "this" or "it" ("while a number above that indicates expansion")."""
    return any(t.norm in side and nxt.norm in _THRESHOLD for t, nxt in pairwise(toks))


_SCOPE_BREAK = re.compile(r"[.;:!?\n]|\b(?:but|while|although|though|whereas)\b", re.IGNORECASE)


def _denied_bound(text: str, q: Quantity) -> bool:
    """Whether ``q`` is a one-sided bound ("more than eight years", "at least 20") after a
    negation in its clause: "None of the other teams has offered more than eight years"
    denies the bound, so the figure gives no range of its own to weigh against "eight
    years". A negation written into the bound ("no more than") is read with it."""
    if not q.approx or not (q.high == math.inf or q.low == 0):
        return False
    before = text[max(q.start - 200, 0) : q.start]
    breaks = list(_SCOPE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    return any(word_cue(w) for w in re.findall(r"[\w'’]+", clause))


def _restated(text: str, before: Quantity, q: Quantity) -> bool:
    """Whether ``q`` stands in brackets right after ``before``, a measure in another unit:
    the same figure converted, as news style gives it ("320 kilometres (200 miles)")."""
    return (
        text[before.end : q.start].strip() == "("
        and before.unit != q.unit
        and is_measure_unit(before.unit)
        and is_measure_unit(q.unit)
    )


# words that name the outcome a score stands for: a tie and a result are two moments of a
# game ("broke a 13-13 tie" on the way to "a 20-13 victory"), not one score told two ways
_TIE_WORDS = frozenset({"tie", "tied", "ties", "draw", "drew", "drawn", "deadlock", "level"})
_RESULT_WORDS = frozenset({
    "victory", "victories", "win", "wins", "won", "beat", "beats", "defeat", "defeated",
    "defeats", "loss", "losses", "lost", "rout", "routed", "edged", "triumph",
})  # fmt: skip
_OUTCOME_WORDS = 3  # words before the score, or after it, that may name its outcome
_WORDS = re.compile(r"[A-Za-z]+")


def _outcome(view: ArticleView, qs: list[Quantity], k: int) -> str | None:
    """What the score that figure ``k`` belongs to stands for, when its figures and its words
    agree: "tie" for a level score named a tie ("a 13-13 tie"), "result" for an unlevel
    one named a win or a loss ("a 20-13 victory"); None otherwise."""
    q = qs[k]
    for other in qs[max(k - 1, 0) : k + 2]:
        if other is q or other.unit != TALLY:
            continue
        first, second = (other, q) if other.value_end < q.value_start else (q, other)
        if second.value_start - first.value_end != 1:
            continue  # not the tally's other figure, one dash away
        before = _WORDS.findall(view.text[max(first.start - 60, 0) : first.start])
        after = _WORDS.findall(view.text[second.end : second.end + 60])
        near = {w.lower() for w in before[-_OUTCOME_WORDS:] + after[:_OUTCOME_WORDS]}
        if first.point == second.point:
            return "tie" if near & _TIE_WORDS else None
        return "result" if near & _RESULT_WORDS else None
    return None


def _counts(q: Quantity) -> bool:
    """A plain count of things ("two officials", "seven"), not a measure, share or sum of money."""
    return not (q.is_year or q.is_time or q.is_date_part or q.ordinal or is_measure_unit(q.unit))


def _sums(
    parts: list[Quantity], totals: list[Quantity], used_p: set[int], used_t: set[int]
) -> None:
    """Mark a count that two counts on the other side add up to as agreed: "injuring two
    firefighters and at least four other people" against "injuring six people"."""
    for j, total in enumerate(totals):
        if j in used_t or not _counts(total):
            continue
        free = [i for i, q in enumerate(parts) if i not in used_p and _counts(q)]
        for i, k in combinations(free, 2):
            if (
                parts[i].low + parts[k].low <= total.low
                and total.high <= parts[i].high + parts[k].high
            ):
                used_p.update((i, k))
                used_t.add(j)
                break


def _ranked_in(text: str, q: Quantity) -> frozenset[str]:
    """The named set a rank counts in: capitalised words between the ordinal and its noun
    ("fifth NBA head coach": NBA)."""
    between = text[q.value_end : q.end].split()[:-1]
    return frozenset(w for w in between if w[:1].isupper())


def _other_rankings(pair: PairView, a: Quantity, b: Quantity) -> bool:
    """Two ranks in differently named sets: "the fourth Premier League manager to be
    sacked" and "the second Midlands manager to lose his job" can both be true. A rank whose set
    goes unnamed ("Moreau wins 5th" / "his 9th Paris title") is compared."""
    if not (a.ordinal and b.ordinal):
        return False
    left, right = _ranked_in(pair.left.text, a), _ranked_in(pair.right.text, b)
    return bool(left and right and left != right)


_HEAD_REACH = 6  # words either side of a plain measure searched for what the other measures


def _content(words: list[str]) -> frozenset[str]:
    """The content words among ``words``, figures left out."""
    return frozenset(w for w in content_words(" ".join(words)) if not any(c.isdigit() for c in w))


def _measured(text: str, q: Quantity) -> frozenset[str] | None:
    """What an attributive measure describes: the noun after it and the words that follow
    ("a 12-mile stretch of the highway": stretch, highway); None for a measure that stands
    alone ("ran for 226 yards"). A text dump's spaced hyphen counts ("a seven - yard pass")."""
    if not text[q.value_end : q.end].lstrip().startswith("-"):
        return None
    after = re.split(r"[.!?;:\n]", text[q.end : q.end + 80], maxsplit=1)[0].split()[:4]
    return _content(after) or None


def _other_things_measured(pair: PairView, a: Quantity, b: Quantity) -> bool:
    """Two lengths, weights or sums of different things: "a 73-yard game-winning drive" is
    not the "205 yards" a quarterback threw for, nor "his second 200-yard game" the "226
    yards" a back ran. An attributive measure is compared with another attributive one, or
    with a plain one that has the words it describes near it ("10 miles of the highway" /
    "a 12-mile stretch of the highway"). Durations are left alone: "a three-year war" is
    "three years" of war."""
    if not (is_measure_unit(a.unit) and is_measure_unit(b.unit)):
        return False  # a length against a count: both, or neither (the inputs' order aside)
    if a.unit in _DURATIONS or b.unit in _DURATIONS:
        return False
    ha, hb = _measured(pair.left.text, a), _measured(pair.right.text, b)
    if ha is not None and hb is not None:
        return False  # "an 8.7-magnitude earthquake" / "an 8.6-magnitude quake": one kind
    if ha is not None:
        head, view, plain = ha, pair.right, b
    elif hb is not None:
        head, view, plain = hb, pair.left, a
    else:
        return False
    sentence = view.sentence_at(plain.start)
    lo, hi = (sentence.start, sentence.end) if sentence else (0, len(view.text))
    near = (
        view.text[lo : plain.start].split()[-_HEAD_REACH:]
        + view.text[plain.end : hi].split()[:_HEAD_REACH]
    )
    return not head & _content(near)


_REPEATS = "time"  # the unit of "11 times", "seven times": how often, not how many


def _pair(pair: PairView) -> Iterator[Divergence]:
    lq, rq = pair.within(quantities(pair.left), quantities(pair.right))
    if not lq or not rq:
        return
    used_l: set[int] = set()
    used_r: set[int] = set()
    # a figure restated in brackets in another unit ("10 kilometres (6.2 miles)") is the
    # one before it converted: it is compared only with the other's restated figure
    restated_l = {k for k in range(1, len(lq)) if _restated(pair.left.text, lq[k - 1], lq[k])}
    restated_r = {k for k in range(1, len(rq)) if _restated(pair.right.text, rq[k - 1], rq[k])}
    rate_l = [_rate(pair.left.text, q) for q in lq]
    rate_r = [_rate(pair.right.text, q) for q in rq]
    denied_l = {k for k, q in enumerate(lq) if _denied_bound(pair.left.text, q)}
    denied_r = {k for k, q in enumerate(rq) if _denied_bound(pair.right.text, q)}
    mapped_l = [_mapped(pair, "left", q) for q in lq]
    mapped_r = [_mapped(pair, "right", q) for q in rq]
    frame_l = [_frame(pair.left.text, q) for q in lq]
    frame_r = [_frame(pair.right.text, q) for q in rq]
    whole_l = [_whole(pair.left.text, q) for q in lq]
    whole_r = [_whole(pair.right.text, q) for q in rq]
    # Equal figures pair first, those of the same unit and place first: a bare "3.0" must
    # not take the other side's "three miles" from this side's own "three miles".
    equal = sorted(
        ((a.unit != b.unit, abs(i - j), i, j) for i, a in enumerate(lq) for j, b in enumerate(rq)
         if relation(a, b) == "equal"),
    )  # fmt: skip
    for _, _, i, j in equal:
        if i not in used_l and j not in used_r:
            used_l.add(i)
            used_r.add(j)
    _sums(lq, rq, used_l, used_r)
    _sums(rq, lq, used_r, used_l)
    # Every candidate pair ranked, then taken best first: "seven years" must not take the
    # other side's "more than eight years" from this side's own "eight years".
    candidates = []
    for i, a in enumerate(lq):
        if i in used_l:
            continue
        for j, b in enumerate(rq):
            if j in used_r:
                continue
            if (i in restated_l) != (j in restated_r):
                continue
            if i in denied_l or j in denied_r:
                continue  # "none has offered more than eight years" / "eight years"
            if rate_l[i] != rate_r[j]:
                continue  # "$96 million, or $12 million per season": a total and a rate
            if a.ordinal and b.ordinal and a.unit and b.unit and a.unit != b.unit:
                continue  # "the fourth quarter" / "his fourth touchdown": two things ranked
            if (a.unit == _REPEATS) != (b.unit == _REPEATS):
                continue  # "shot 11 times" counts shots, not the "dozens" who rioted
            if whole_l[i] != whole_r[j]:
                continue  # "four of the 30 miners" / "freed 26 miners": a whole, and a part
            rel = relation(a, b)
            if rel not in ("conflict", "precision") or _other_rankings(pair, a, b):
                continue
            if rel == "conflict" and _both_sides_of(pair, a, b):
                continue
            if _other_things_measured(pair, a, b):
                continue
            # the two figures of a score pair by place, not by their shared unit: a 20-13
            # win is no conflict with the 13-13 tie it broke
            same_unit = bool(a.unit and a.unit == b.unit and a.unit != TALLY)
            only_ones = len(lq) == 1 and len(rq) == 1  # "kills 38" / "79 feared dead"
            # the same figure differently hedged pairs before another figure, wherever it
            # stands: "at least 9 more cases in Oregon and four in Idaho" / "four cases in
            # Idaho and 9 in Oregon" pairs 9 with 9, not with the "cases"
            same_figure = a.point is not None and a.point == b.point
            if a.unit == b.unit == TALLY and {
                _outcome(pair.left, lq, i),
                _outcome(pair.right, rq, j),
            } == {"tie", "result"}:
                continue  # "a 20-13 victory" / "broke a 13-13 tie": two moments of one game
            farther, nearer = _distances(a, mapped_l[i], b, mapped_r[j])
            # two figures said in the same words count one thing wherever each passage puts
            # it: "Brooklyn mother of 13 Zurana Horton" / "Zurana Horton, 34, a mother of 12"
            framed = bool(frame_l[i][0] & frame_r[j][0] or frame_l[i][1] & frame_r[j][1])
            if not (same_unit or same_figure or only_ones or framed or farther <= _NEAR):
                continue
            # two bare figures ("Six AK-47 rifles" / "14 AK-47 rifles") pair before a bare
            # one with a counted one ("five operations"); then the figure standing where the
            # other's words map to ("1366 x 768" / "1,600 x 900": 1366 with 1,600)
            rank = (
                not same_figure,
                0 if same_unit or a.unit == b.unit else 1,
                not framed,
                nearer + farther,
            )
            candidates.append((rank, i, j, rel))
    found: list[Divergence] = []
    for _, i, j, rel in sorted(candidates):
        if i not in used_l and j not in used_r:
            used_l.add(i)
            used_r.add(j)
            a, b = lq[i], rq[j]
            rounded = rel == "conflict" and _rounded(pair, a, b)
            found.append(_emit(pair.left, pair.right, a, b, rel, pair.group, "", rounded))
    if different_reports(pair):
        found = [replace(d, severity="info", message=d.message + _DIFFERENT) for d in found]
    elif found and _other_times_of_day(pair):
        found = [replace(d, severity="info", message=d.message + _OTHER_TIME) for d in found]
    yield from found


@lru_cache(maxsize=1)
def _part_of() -> re.Pattern[str]:
    return re.compile(
        rf"(?i)\b(?:[0-9][0-9,.]*|{'|'.join(cardinal_words())})\s+of\s+"
        r"(?:(?:the|its|their|his|her|our|these|those)\s+|(?:[\w.&-]+\s+){0,2}[\w.&-]+['’]s?\s+)?$"
    )


def _whole(text: str, q: Quantity) -> bool:
    """Whether ``q`` counts the whole a part is taken from ("four of the 30 miners", "one of
    five architects", "four of Velmar Bank's 40 accounts"): it is compared only with another
    whole, not with the other outlet's part or remainder ("freed 26 miners")."""
    return _part_of().search(text, max(0, q.start - 40), q.start) is not None


_DIFFERENT = " (no figure in these passages agrees: likely two reports of the same kind)"
_OTHER_TIME = " (the passages report different times of day)"
_TIMES_OF_DAY = {
    "morning": "morning", "midday": "midday", "noon": "midday", "afternoon": "afternoon",
    "evening": "evening", "night": "night", "overnight": "night", "tonight": "night",
}  # fmt: skip


def _other_times_of_day(pair: PairView) -> bool:
    """Each passage names a time of day and they name different ones: figures of two
    moments ("By late afternoon, the Dow was up 12.81" / "In morning trading, the Dow was
    down 8.76"), a market report updated through the day, not one fact told two ways."""
    return _differ(_times_of_day(pair.ltoks), _times_of_day(pair.rtoks))


def _differ(left: set[str], right: set[str]) -> bool:
    """Both passages name moments, and none of one's is the other's."""
    return bool(left and right and not left & right)


# a market's opening and its close are two moments of its day, said of stocks and the like
# ("gold futures open higher on Monday" / "gold futures close lower on Friday"); "opened
# fire" or "closed the road" are not
_MARKET_MOMENTS = {
    "open": "open", "opens": "open", "opened": "open", "opening": "open",
    "close": "close", "closes": "close", "closed": "close", "closing": "close",
}  # fmt: skip
_MARKETS = frozenset([
    "stocks", "stock", "shares", "market", "markets", "index", "indexes", "indices", "futures",
    "bonds", "bond", "dow", "nasdaq", "trading", "bourse", "currency", "dollar",
])  # fmt: skip


def _times_of_day(toks: list[Token]) -> set[str]:
    words = [t.text.lower() for t in toks]
    return {_TIMES_OF_DAY[w] for w in words if w in _TIMES_OF_DAY} | _market_moments(toks)


def _market_moments(toks: list[Token]) -> set[str]:
    words = [t.text.lower() for t in toks]
    if not _MARKETS.intersection(words):
        return set()
    return {_MARKET_MOMENTS[w] for w in words if w in _MARKET_MOMENTS}


def other_market_moments(pair: PairView) -> bool:
    """Each passage tells of a market's opening or close, and they tell of different ones:
    two reports of a trading day ("futures open higher Tuesday" / "futures close mixed
    Wednesday"). Unlike a time of day ("Monday morning" / "Tuesday evening"), which does
    not make two dates of one event agree."""
    return _differ(_market_moments(pair.ltoks), _market_moments(pair.rtoks))


def different_reports(pair: PairView) -> bool:
    """Every figure differs and none agrees (at least two on each side): two reports of the
    same kind, such as yesterday's and today's market close, more likely than one fact told
    two ways. Detectors rank what such passages disagree on as ``info``."""
    cached = getattr(pair, "_different", None)
    if cached is None:
        lq, rq = pair.within(quantities(pair.left), quantities(pair.right))
        cached = (
            len(lq) >= 2 and len(rq) >= 2
            and not any(relation(a, b) in ("equal", "precision") for a in lq for b in rq)
        )  # fmt: skip
        pair._different = cached  # type: ignore[attr-defined]
    return cached


def _telling(q: Quantity) -> bool:
    """An exact figure unlikely to recur by chance: a fraction or 100 and above ("$2.81",
    "7.6 percent", "1,492"); not a small count, a hedge, a clock time, a year or a day."""
    return (
        q.point is not None
        and not (q.approx or q.vague or q.is_time)
        and (q.point != int(q.point) or q.point >= 100)
    )


def shared_figures(a: ArticleView, sa: Sentence, b: ArticleView, sb: Sentence) -> int:
    """How many telling figures (``_telling``) two sentences both state."""
    la = [q for q in quantities(a) if sa.start <= q.start < sa.end and _telling(q)]
    lb = [q for q in quantities(b) if sb.start <= q.start < sb.end and _telling(q)]
    return len({x.point for x in la for y in lb if relation(x, y) == "equal"})


def _referent(view: ArticleView, q: Quantity) -> str | None:
    sentence = view.sentence_at(q.start)
    lo = max(q.start - _WINDOW, sentence.start if sentence else 0)
    hi = min(q.end + _WINDOW, sentence.end if sentence else len(view.text))
    names = _referents()
    words = [lemma(w.strip(".,;:’'\"“”()")) for w in view.text[lo:hi].replace("-", " ").split()]
    found = {names[w] for w in words if w in names}
    return found.pop() if len(found) == 1 else None


def _story(ctx: Context) -> Iterator[Divergence]:
    keyed: list[dict[tuple[str, str], list[Quantity]]] = []
    for view in ctx.views:
        table: dict[tuple[str, str], list[Quantity]] = {}
        for q in quantities(view):
            # durations only: "three years" of a war is one figure wherever it stands
            ref = _referent(view, q) if q.unit in _DURATIONS and not q.is_time else None
            if ref:
                table.setdefault((q.unit, ref), []).append(q)  # type: ignore[arg-type]
        keyed.append(table)
    by_key: dict[tuple[str, str], list[int]] = {}
    for a, table in enumerate(keyed):
        for key in table:
            by_key.setdefault(key, []).append(a)
    for key, members in sorted(by_key.items()):
        # every pair while few outlets give the figure; else each against the first (a star)
        pairs = (
            [(a, b) for i, a in enumerate(members) for b in members[i + 1 :]]
            if len(members) <= 10
            else [(members[0], b) for b in members[1:]]
        )
        for a, b in pairs:
            la, lb = keyed[a][key], keyed[b][key]
            if any(relation(x, y) in ("equal", "precision") for x in la for y in lb):
                continue  # the outlets agree somewhere on this figure
            x, y = la[0], lb[0]
            if relation(x, y) != "conflict":
                continue
            if key[1] in _PERSONAL and _other_subjects(ctx.views[a], x, ctx.views[b], y):
                continue  # "Manning sentenced to 35 years" / "Castro sentenced to 1,000 years"
            yield _emit(
                ctx.views[a], ctx.views[b], x, y, "conflict", None, f" (both about the {key[1]})"
            )


_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*")
_CALENDAR_NAMES = frozenset(WEEKDAYS + MONTH_NAMES)


def _names(view: ArticleView, q: Quantity) -> set[str]:
    """The capitalised words of the sentence that holds ``q``, lowercased: names of people,
    places and bodies. A sentence's first word counts only when the article never writes it
    in lower case ("Manning sentenced…", not "Police said…" beside "police")."""
    sentence = view.sentence_at(q.start)
    if sentence is None:
        return set()
    stop = word_set("stopwords.txt")
    out = set()
    for m in _CAPITALISED.finditer(view.text, sentence.start, sentence.end):
        word = re.sub(r"(?:['’]s|[.'’-])+$", "", m.group()).lower()
        if len(word) < 3 or word in stop or word in _CALENDAR_NAMES:
            continue
        first = not view.text[sentence.start : m.start()].strip(" \t\n\"'“‘(")
        if first and re.search(rf"\b{re.escape(word)}\b", view.text):
            continue
        out.add(word)
    return out


def _other_subjects(a: ArticleView, qa: Quantity, b: ArticleView, qb: Quantity) -> bool:
    """Whether the sentences of two figures name things and share none of them ("Manning
    sentenced to 35 years" / "Ariel Castro sentenced to 1,000 years"). A shared stem counts
    as shared ("Pakistan" / "Pak", "Bangladesh" / "Bangladeshi", "Sundwell" / "Sundwall")."""
    left, right = _names(a, qa), _names(b, qb)
    return bool(left and right) and not any(
        x[:4] == y[:4] or x.startswith(y) or y.startswith(x) for x in left for y in right
    )


def detect(ctx: Context) -> Iterator[Divergence]:
    for pair in ctx.pairs:
        yield from _pair(pair)
    yield from _story(ctx)


def _covering(view: ArticleView, start: int, end: int, date_part: bool = False) -> Quantity | None:
    """The extracted quantity that covers ``[start, end)`` entirely, if any: a figure, or with
    ``date_part`` the day number of a date. Day numbers are the date detector's, which cannot
    read impossible ones like "June 93": those are no date part, so they stay figures."""
    for q in extract_all(view):
        if q.start <= start and end <= q.end and q.is_date_part == date_part:
            return q
    return None


def _tally_in(view: ArticleView, tok: Token) -> bool:
    """Whether the token holds the figures of a score or a record ("(7-2)", "91-73")."""
    return any(q.unit == TALLY and tok.start <= q.start < tok.end for q in extract_all(view))


_CLOCK_SHAPE = re.compile(r"\d+:\d\d")


def _misread(a: ArticleView, qa: Quantity, b: ArticleView, qb: Quantity) -> bool:
    """True when one figure reads as a clock time and the other, written like one, does not:
    the reader refused an impossible time ("14:05 left" / "43:05 left" is not a count of 43).
    A time against a count ("about 9:40 p.m." / "30 to 40 firefighters") is no misreading."""
    if qa.is_time == qb.is_time:
        return False
    view, q = (b, qb) if qa.is_time else (a, qa)
    return bool(_CLOCK_SHAPE.match(view.text, q.value_start))


_YEAR_SPAN = re.compile(r"((?:1[89]|20)\d\d)-(\d{2}|\d{4})")


_WORD_BEFORE = re.compile(r"([A-Z][a-z]+)\s+$")


def _designator(text: str, start: int) -> str | None:
    """The capitalised designator just before ``start`` ("Route 52", "Week 16"), lowercased,
    or None."""
    m = _WORD_BEFORE.search(text[max(0, start - 20) : start])
    return m.group(1).lower() if m and m.group(1).lower() in DESIGNATORS else None


_MONTH_BEFORE = re.compile(
    r"\b(?:" + "|".join(MONTHS) + r")\.?\s*$",
    re.IGNORECASE,
)


def _after_month(text: str, start: int) -> bool:
    """Whether a month name stands just before ``start``: "September 44", "Nov. 93" (a day
    the date reader could not take)."""
    return bool(_MONTH_BEFORE.search(text[max(0, start - 12) : start]))


def _inside_hedge(bare: Quantity, hedged: Quantity) -> bool:
    """Whether a bare figure lies inside the other's hedged range ("101" / "more than a
    hundred"): the two agree, whatever digits each writes."""
    return (
        bare.exact and bool(hedged.approx or hedged.vague)
        and relation(bare, hedged) == "precision"
    )  # fmt: skip


def _year_in_span(year: str, span: str) -> bool:
    """Whether ``year`` starts or ends the span of years ``span``.

    >>> _year_in_span("1978", "1978-89"), _year_in_span("1989", "1978-89"), _year_in_span("1980", "1978-89")
    (True, True, False)
    """
    m = _YEAR_SPAN.fullmatch(span)
    if m is None:
        return False
    first, last = m.group(1), m.group(2)
    last = first[: 4 - len(last)] + last
    return year in (first, last)


def _named(norm: str) -> bool:
    """Whether a token with digits is a name or a code: three letters or more ("76ers",
    "Covid-19"), or a letter before the digits ("x86", "MH17"); not a figure with a suffix
    ("3b", "1bn", "20th").

    >>> _named("76ers"), _named("x86"), _named("3b"), _named("1bn"), _named("34-12")
    (True, True, False, False, False)
    """
    return sum(c.isalpha() for c in norm) >= 3 or bool(re.match(r"[^\W\d_]+\d", norm))


def _digits(text: str) -> list[str]:
    """The runs of digits in a token.

    >>> _digits("2-9"), _digits("1bn")
    (['2', '9'], ['1'])
    """
    return re.findall(r"\d+", text)


def extract_all(view: ArticleView) -> list[Quantity]:
    cached = getattr(view, "_all_quantities", None)
    if cached is None:
        cached = extract_quantities(view.text)
        view._all_quantities = cached  # type: ignore[attr-defined]
    return cached


def detect_tokens(ctx: Context) -> Iterator[Divergence]:
    """Catch figures the range reader cannot parse ("34-12" scores, "3B" codes, "June 93").

    Runs after the number and date detectors: an aligned word swap of one digit-bearing token for
    another, not explained by any finding yet, is a changed figure.
    """
    for pair in ctx.pairs:
        for edit in pair.edits:
            if edit.tag != "replace":
                continue
            # norm carries number words as digits: "two" and "five" count too
            left = [t for t in pair.ltoks[edit.i1 : edit.i2] if any(c.isdigit() for c in t.norm)]
            right = [t for t in pair.rtoks[edit.j1 : edit.j2] if any(c.isdigit() for c in t.norm)]
            if len(left) != 1 or len(right) != 1 or left[0].norm == right[0].norm:
                continue
            a, b = left[0], right[0]
            if _garbled(pair.left.text, a.start, a.end) or _garbled(
                pair.right.text, b.start, b.end
            ):
                continue  # a figure with a character lost in decoding cannot be read
            if _digits(a.norm) == _digits(b.norm):
                continue  # "$4.1bn" / "$4.1 billion": the same figure written two ways
            if PHONE.fullmatch(a.text) or PHONE.fullmatch(b.text):
                continue  # "907-745-4811" / "745-4811": a number to call
            if _tally_in(pair.left, a) or _tally_in(pair.right, b):
                continue  # a score or a record, compared figure by figure in _pair()
            if _named(a.norm) != _named(b.norm):
                continue  # "three" / "76ers": a figure against a name with digits in it
            if ctx.is_claimed(pair.left.id, a.start, a.end) or ctx.is_claimed(
                pair.right.id, b.start, b.end
            ):
                continue
            day_a = _covering(pair.left, a.start, a.end, date_part=True)
            day_b = _covering(pair.right, b.start, b.end, date_part=True)
            if day_a and day_b:
                continue  # two readable dates ("April 23" / "Jan. 21"): the date detector's
            qa, qb = _covering(pair.left, a.start, a.end), _covering(pair.right, b.start, b.end)
            if (qa is None and not _digits(a.text)) or (qb is None and not _digits(b.text)):
                continue  # a number word the reader refused: "one of Egypt's largest"
            if _designator(pair.left.text, a.start) != _designator(pair.right.text, b.start):
                continue  # "in Week 16" / "a 31-24 victory": a name against a figure
            if day_a or day_b:
                lone, q, view = (b, qb, pair.right) if day_a else (a, qa, pair.left)
                if not lone.text[:1].isdigit() or (q is not None and q.is_year):
                    continue  # "December 15" / "two parties", "2013" / "September 26"
                if not _after_month(view.text, lone.start):
                    continue  # "May 1, 2005" / "20 individuals": a day against a count
            if (
                qa
                and qb
                and (
                    (
                        relation(qa, qb) != "precision"
                        and not _misread(pair.left, qa, pair.right, qb)
                    )
                    or (qa.unit and qb.unit and qa.unit != qb.unit)  # "200ft" / "about 60m"
                )
            ):
                continue  # the range reader parsed both figures: _pair() has judged them
            if qa and qb and (_inside_hedge(qa, qb) or _inside_hedge(qb, qa)):
                continue  # "101" / "more than a hundred yards": the figure the hedge allows
            if (qa and _denied_bound(pair.left.text, qa)) or (
                qb and _denied_bound(pair.right.text, qb)
            ):
                continue  # "none has offered more than eight years": _pair() weighs no bound
            if _year_in_span(a.norm, b.norm) or _year_in_span(b.norm, a.norm):
                continue  # "in 1978" / "from 1978-89": a year the other's span starts or ends
            yield finding(
                "number", "number.conflict", "medium",
                [pair.left.span(a.start, a.end), pair.right.span(b.start, b.end)],
                f'{pair.left.id} has "{a.text}" where {pair.right.id} has "{b.text}"',
                pair.group, 0.7,
            )  # fmt: skip
