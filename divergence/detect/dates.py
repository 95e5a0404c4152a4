"""Extract date mentions as day ranges, with character offsets, and compare two of them.

Every mention resolves to an inclusive range of days ``[low, high]``:

======================================  ===================================================
mention                                 range (``P`` = publication date)
======================================  ===================================================
"8 April 2025", "April 8, 2025", ISO    that day
"June 13" (no year)                     that day in the year that puts it nearest to ``P``
"February 2022", "in April"             the month (a year-less month: nearest to ``P``)
"August last year"                      that month of ``P``'s year - 1
"in 2022", "since 2014"                 the calendar year
"on Tuesday", "Tuesday"                 the latest Tuesday on or before ``P`` (news
                                        convention: reports look back), or the first on or
                                        after ``P`` when its clause speaks of what is to
                                        come ("will meet on Tuesday", "is due Tuesday")
"last/this past Tuesday"                the latest Tuesday strictly before ``P``
"next/this coming Tuesday"              the first Tuesday strictly after ``P``
"today", "tonight", "this morning"      ``P``
"yesterday" / "tomorrow" / "overnight"  ``P - 1`` / ``P + 1`` / ``[P - 1, P]``
"last week" / "this week" / "next week" the ISO calendar week (Monday-Sunday) before /
                                        containing / after ``P``
"last weekend" / "this weekend"         Saturday-Sunday before / of ``P``'s week
"the past week", "the last seven days"  ``[P - 7, P]`` (``N`` days: ``[P - N, P]``)
"last/this/next month", "... year"      the calendar month or year
"3 days ago" / "2 weeks ago"            ``P - 3`` / ``P - 14 ± 3`` days
"2 months ago" / "3 years ago"          that calendar month / year
======================================  ===================================================

Without a publication date, relative mentions stay unresolved: ``low = date.min``,
``high = date.max``, ``relative = True``; weekdays keep ``weekday`` and year-less dates keep
their month and day in ``text``, and ``date_relation`` compares those. "Tuesday, April 8"
is one mention with both the date and the weekday. Approximate spans ("nearly three months
ago") are left to the quantity extractor.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from divergence.lexicon import classed

DateRelation = Literal["equal", "overlap", "conflict"]


@dataclass(frozen=True)
class DateMention:
    """A date mention: ``text`` is ``article_text[start:end]``; ``[low, high]`` is inclusive."""

    start: int
    end: int
    low: dt.date
    high: dt.date
    weekday: int | None  # 0 = Monday, when a weekday was named
    relative: bool  # resolved (or to be resolved) against the publication date
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end or len(self.text) != self.end - self.start:
            raise ValueError(f"bad date span {self.start}..{self.end} for {self.text!r}")
        if self.low > self.high:
            raise ValueError(f"date range {self.low} > {self.high}")

    @property
    def resolved(self) -> bool:
        return not (self.low == dt.date.min and self.high == dt.date.max)


MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
# month words, full and abbreviated, to their number
MONTHS = {name: i + 1 for i, name in enumerate(MONTH_NAMES)}
MONTHS.update({name[:3]: i + 1 for i, name in enumerate(MONTH_NAMES)})
MONTHS["sept"] = 9
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30,
}  # fmt: skip

_M = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_SP = r"[ \t\u00a0]{1,3}"
_ORD = r"(?:st|nd|rd|th)?"
_Y = r"(?P<{0}>1[89][0-9][0-9]|20[0-9][0-9]|2100)(?![0-9])"
_N = r"(?:[0-9]{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
_N += r"fourteen|fifteen|twenty|thirty)"
_CUE = r"(?i:in|since|until|till|by|from|during|of|early|late|mid|before|after|through)"
# No nested quantifiers and bounded gaps: matching stays linear in the text length.
_DATE_RE = re.compile(
    rf"""
    (?P<iso>(?<![0-9-])(?P<iso_y>[0-9]{{4}})-(?P<iso_m>[0-9]{{2}})-(?P<iso_d>[0-9]{{2}})(?![0-9-]))
  | (?P<dmy>(?<![\w.,])(?P<dmy_d>[0-9]{{1,2}}){_ORD}{_SP}(?:of{_SP})?(?P<dmy_m>{_M})\b\.?
        (?:,?{_SP}{_Y.format("dmy_y")})?)
  | (?P<mon>(?:(?P<mon_cue>{_CUE})[ -])?(?P<mon_m>{_M})\b\.?
        (?:{_SP}(?P<mon_d>[0-9]{{1,2}}){_ORD}(?![0-9:.,]?[0-9]))?
        (?:,?{_SP}{_Y.format("mon_y")}|{_SP}(?P<mon_rel>last|this|next){_SP}year\b)?)
  | (?P<wd>(?:\b(?P<wd_mod>(?i:this\ past|this\ coming|last|this|next|on)){_SP})?
        (?P<wd_name>{_WD})\b)
  | (?P<ycue>\b(?P<ycue_cue>{_CUE})[ -]{_Y.format("ycue_y")}(?![,.]?[0-9]|s\b|{_SP}?%))
  | (?P<ago>\b(?P<ago_n>{_N}){_SP}(?P<ago_u>(?i:days?|weeks?|months?|years?)){_SP}(?i:ago)\b)
  | (?P<span>\b(?i:(?:the{_SP})?(?:last|past){_SP}(?P<span_n>{_N}){_SP}(?P<span_u>days|weeks))\b)
  | (?P<rel>\b(?i:(?P<rel_mod>this\ past|last|this|next|past|previous|coming){_SP}
        (?P<rel_u>weekend|week|month|year)\b))
  | (?P<day>\b(?P<day_w>(?i:today|tonight|yesterday|tomorrow|overnight|last\ night|
        this\ morning|this\ afternoon|this\ evening))\b)
    """,
    re.VERBOSE,
)
_APPROX_BEFORE = re.compile(
    r"(?i:nearly|almost|about|around|roughly|approximately|some|over|more\ than|less\ than|"
    r"at\ least|up\ to|just|only)\s{1,3}$"
)


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + by
    return k // 12, k % 12 + 1


def _nearest_year(pub: dt.date, month: int, day: int | None) -> int:
    """The year that puts ``month`` (and ``day``) nearest to ``pub`` (ties: the past)."""
    offset = (month - pub.month) * 31 + ((day or 15) - pub.day)
    if offset > 183:
        return pub.year - 1
    if offset < -183:
        return pub.year + 1
    return pub.year


_UNRESOLVED = (dt.date.min, dt.date.max)


def _weekday_date(pub: dt.date, weekday: int, mod: str, ahead: bool = False) -> dt.date:
    """Resolve a named weekday against ``pub`` (see the module table); ``ahead``: its
    clause looks forward."""
    if mod in ("next", "this coming"):
        return pub + dt.timedelta(days=(weekday - pub.weekday() - 1) % 7 + 1)
    if ahead and mod in ("", "on", "this"):
        return pub + dt.timedelta(days=(weekday - pub.weekday()) % 7)
    if mod in ("last", "this past"):
        return pub - dt.timedelta(days=(pub.weekday() - weekday - 1) % 7 + 1)
    return pub - dt.timedelta(days=(pub.weekday() - weekday) % 7)


def _relative_range(pub: dt.date, mod: str, unit: str) -> tuple[dt.date, dt.date]:
    day = dt.timedelta(days=1)
    step = {"last": -1, "previous": -1, "this past": -1, "past": -1, "this": 0}.get(mod, 1)
    if unit == "week" and mod in ("past", "this past"):
        return pub - 7 * day, pub
    if unit in ("week", "weekend"):
        monday = pub - pub.weekday() * day + 7 * step * day
        return (
            (monday + 5 * day, monday + 6 * day)
            if unit == "weekend"
            else (monday, monday + 6 * day)
        )
    if unit == "month":
        y, m = _shift_month(pub.year, pub.month, step)
        return dt.date(y, m, 1), _month_end(y, m)
    return dt.date(pub.year + step, 1, 1), dt.date(pub.year + step, 12, 31)


# The verb nearest before a weekday, in its clause, tells whether the day is still to come.
# Forward: a modal ("will", "'ll", "would", "must", "may"), an arrangement in the present
# ("is due", "are scheduled", "is set to", "is to", "has until"), "ahead of", a planned
# thing ("the planned strike"), a schedule in the present ("the summit opens Monday", "takes
# effect from Monday"). Back: a verb in the past ("met", "was expected to", "they carried
# out"), whatever stands before it ("will be tried for the attack they carried out on
# Sunday"). Neither: the news convention, back. A passive participle leaves it to its
# auxiliary ("will be held", "was held").
_MODALS = frozenset(
    ["will", "shall", "'ll", "won't", "would", "must", "may", "might", "could", "should", "can"]
)
_BE_NOW = frozenset(["is", "are", "am", "'s", "'re"])
_BE_THEN = frozenset(["was", "were", "did", "had", "ago"])
_ARRANGED = frozenset(["due", "scheduled", "set", "slated", "expected", "poised", "going", "to"])
_INTEND = frozenset(
    ["plan", "plans", "intend", "intends", "aim", "aims", "hope", "hopes", "vow", "vows"]
)
_PLANNED = frozenset(["planned", "scheduled", "proposed", "expected", "upcoming", "forthcoming"])
_ARTICLES = frozenset(["the", "a", "an", "its", "their", "his", "her", "this", "that", "our"])
# schedules told in the present; not "visits", "meets" or "holds", which headlines use for
# what already happened ("Pope visits Mosul on Sunday")
_SCHEDULE = frozenset(
    ["starts", "begins", "opens", "reopens", "resumes", "ends", "closes", "expires", "convenes"]
)
_NOT_PAST = frozenset(["need", "proceed", "exceed", "succeed", "indeed", "embed", "speed", "bleed"])
# a clause ends at a sentence's end, a semicolon, a comma or a line break: in "The talks
# will resume, he said on Monday", "Monday" is not in the clause of "will"; a clause of its
# own opens at a relative or a conjunction of time or cause ("The inquiry will examine what
# happened on Sunday", "will meet those who arrived on Friday")
_CLAUSE_END = re.compile(
    r"[.!?;,:\n]|(?i:\b(?:what|that|which|who|whom|whose|when|where|after|since|because|how)\b)"
)
_CLAUSE_REACH = 80  # characters looked back
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


def _past_form(word: str) -> bool:
    if word in _past_irregular():
        return True
    return len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST


@lru_cache(maxsize=1)
def _past_irregular() -> frozenset[str]:
    """Past forms of irregular verbs ("met", "held", "took"), from the lexicon's table."""
    return frozenset(
        form for form, base in classed("irregular_verbs.txt").items()
        if form not in (base + "s", base + "es", "is", "are", "has")
    )  # fmt: skip


def _looks_ahead(text: str, start: int) -> bool:
    """Whether the clause that ends at ``start`` (a weekday) speaks of what is to come."""
    before = text[max(0, start - _CLAUSE_REACH) : start]
    ends = list(_CLAUSE_END.finditer(before))
    clause = before[ends[-1].end() :] if ends else before
    words: list[str] = []
    for w in _WORD.findall(clause):
        base, _, tail = w.lower().replace("’", "'").partition("'")
        words += [base, "'" + tail] if tail in ("ll", "s", "re") else [w.lower().replace("’", "'")]
    for k in range(len(words) - 1, -1, -1):
        w, prev = words[k], words[k - 1] if k else ""
        if w in _MODALS or w in _SCHEDULE or (w == "of" and prev == "ahead"):
            return True
        if w == "to" and prev in _INTEND:
            return True  # "plans to meet on Friday"
        if (w in _ARRANGED and prev in _BE_NOW) or (w == "until" and prev in ("has", "have")):
            return True
        if w == "effect" and prev in ("takes", "take"):
            return True
        if w in _PLANNED and prev in _ARTICLES:
            return True  # "the planned strike on Sunday"
        if w in _BE_THEN:
            return False
        if _past_form(w):
            if prev in ("be", "been", "being") or prev in _ARTICLES:
                continue  # "will be held": its auxiliary decides; "the injured man": an adjective
            return prev in _BE_NOW  # "is held on Sunday"; else "met", "was expected"
    return False


def _resolve(
    m: re.Match[str], pub: dt.date | None, ahead: bool = False
) -> tuple[dt.date, dt.date, int | None, bool] | None:
    """Return ``(low, high, weekday, relative)`` for one match, or None to skip it."""
    g = m.groupdict()
    day = dt.timedelta(days=1)
    if g["iso"]:
        d = dt.date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
        return d, d, None, False
    if g["dmy"] or g["mon"]:
        month = MONTHS[(g["dmy_m"] or g["mon_m"]).lower()]
        dnum = g["dmy_d"] or g["mon_d"]
        year = g["dmy_y"] or g["mon_y"]
        if g["mon"] and not (dnum or year or g["mon_cue"] or g["mon_rel"]):
            return None  # a bare month word ("May", "March") is too often something else
        if g["mon_rel"]:
            if pub is None:
                return *_UNRESOLVED, None, True
            shift = {"last": -1, "this": 0, "next": 1}[g["mon_rel"]]
            y = pub.year + shift
            return dt.date(y, month, 1), _month_end(y, month), None, True
        relative = year is None
        if relative:
            if pub is None:
                return *_UNRESOLVED, None, True
            y = _nearest_year(pub, month, int(dnum) if dnum else None)
        else:
            y = int(year)
        if dnum:
            d = dt.date(y, month, int(dnum))
            return d, d, None, relative
        return dt.date(y, month, 1), _month_end(y, month), None, relative
    if g["wd"]:
        weekday = WEEKDAYS.index(g["wd_name"].lower())
        if pub is None:
            return *_UNRESOLVED, weekday, True
        d = _weekday_date(pub, weekday, (g["wd_mod"] or "").lower(), ahead)
        return d, d, weekday, True
    if g["ycue"]:
        y = int(g["ycue_y"])
        return dt.date(y, 1, 1), dt.date(y, 12, 31), None, False
    if pub is None:
        return *_UNRESOLVED, None, True
    if g["ago"]:
        n_text = g["ago_n"].lower()
        n = int(n_text) if n_text.isdigit() else _NUMBERS[n_text]
        unit = g["ago_u"].lower().rstrip("s")
        if unit == "day":
            d = pub - n * day
            return d, d, None, True
        if unit == "week":
            d = pub - 7 * n * day
            return d - 3 * day, d + 3 * day, None, True
        if unit == "month":
            y, mo = _shift_month(pub.year, pub.month, -n)
            return dt.date(y, mo, 1), _month_end(y, mo), None, True
        return dt.date(pub.year - n, 1, 1), dt.date(pub.year - n, 12, 31), None, True
    if g["span"]:
        n_text = g["span_n"].lower()
        n = int(n_text) if n_text.isdigit() else _NUMBERS[n_text]
        days = n * (7 if g["span_u"].lower() == "weeks" else 1)
        return pub - days * day, pub, None, True
    if g["rel"]:
        mod = " ".join(g["rel_mod"].lower().split())
        low, high = _relative_range(pub, mod, g["rel_u"].lower())
        return low, high, None, True
    word = " ".join(g["day_w"].lower().split())
    offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
    if word == "overnight":
        return pub - day, pub, None, True
    return pub + offset * day, pub + offset * day, None, True


def extract_dates(
    text: str, published: dt.date | None, start: int = 0, end: int | None = None
) -> list[DateMention]:
    """Return the date mentions in ``text[start:end]``, in text order, offsets into ``text``.

    >>> [(m.text, str(m.low)) for m in extract_dates("said on Tuesday", dt.date(2025, 4, 9))]
    [('Tuesday', '2025-04-08')]
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    out: list[DateMention] = []
    if start >= end:
        return out
    for m in _DATE_RE.finditer(text, start, end):
        s, e = m.span()
        if m.group("mon_cue") or m.group("ycue"):
            s = m.start("mon_m") if m.group("mon") else m.start("ycue_y")
        elif m.group("wd") and (m.group("wd_mod") or "").lower() == "on":
            s = m.start("wd_name")
        if text[e - 1] == "." and (m.group("mon") or m.group("dmy")):
            e -= 1  # "in January." ends the sentence; "Jan. 8" keeps its dot (not last)
        if m.group("ago") and _APPROX_BEFORE.search(text, max(start, s - 24), s):
            continue
        try:
            ahead = bool(m.group("wd")) and _looks_ahead(text, s)
            resolved = _resolve(m, published, ahead)
        except (ValueError, OverflowError):
            continue  # "31 February", a date outside the calendar
        if resolved is None:
            continue
        low, high, weekday, relative = resolved
        prev = out[-1] if out else None
        # "Tuesday, April 8, 2025", "Friday, July 16": the weekday and the date are one
        # mention (a date without its year is read in the publication's year, as alone)
        if (
            prev is not None and prev.weekday is not None and weekday is None
            and (m.group("dmy") or m.group("mon")) and low == high
            and re.fullmatch(r",?[ \t]{1,3}", text[prev.end : s])
        ):  # fmt: skip
            out[-1] = DateMention(
                prev.start, e, low, high, prev.weekday, relative, text[prev.start : e]
            )
            continue
        out.append(DateMention(s, e, low, high, weekday, relative, text[s:e]))
    return out


def _month_day(mention: DateMention) -> tuple[int, int | None] | None:
    """The month and day an unresolved year-less mention names ("June 13" -> (6, 13))."""
    m = re.search(rf"(?P<m>{_M})\b", mention.text)
    if m is None:
        return None
    d = re.search(r"(?<![0-9])([0-9]{1,2})(?![0-9])", mention.text)
    return MONTHS[m.group("m").lower()], int(d.group(1)) if d else None


def date_relation(a: DateMention, b: DateMention) -> DateRelation:
    """Compare two mentions of (presumably) the same event's date.

    ``conflict`` when the day ranges are disjoint or a named weekday differs from the other
    mention's day; ``equal`` when the ranges are the same; ``overlap`` otherwise (one is
    vaguer, or neither can be resolved).

    >>> pub = dt.date(2025, 4, 8)
    >>> tue, mon = extract_dates("on Tuesday and on Monday", pub)
    >>> date_relation(tue, mon), date_relation(tue, extract_dates("April 8", pub)[0])
    ('conflict', 'equal')
    """
    for x, y in ((a, b), (b, a)):
        if (
            x.weekday is not None
            and y.resolved
            and y.low == y.high
            and y.low.weekday() != x.weekday
        ):
            return "conflict"
    if not (a.resolved or b.resolved) and a.text.lower().split() == b.text.lower().split():
        return "equal"  # the same unresolved words ("yesterday", "on Tuesday")
    if not (a.resolved and b.resolved):
        if a.weekday is not None and b.weekday is not None:
            if a.weekday != b.weekday:
                return "conflict"
            return "equal" if not (a.resolved or b.resolved) else "overlap"
        ma = None if a.resolved else _month_day(a)
        mb = None if b.resolved else _month_day(b)
        for md, other in ((ma, b), (mb, a)):
            if (
                md is not None
                and other.resolved
                and other.low == other.high
                and (other.low.month != md[0] or md[1] not in (None, other.low.day))
            ):
                return "conflict"
        if ma is not None and mb is not None:
            if ma[0] != mb[0] or (None not in (ma[1], mb[1]) and ma[1] != mb[1]):
                return "conflict"
            return "equal" if ma == mb else "overlap"
        return "overlap"
    if a.high < b.low or b.high < a.low:
        return "conflict"
    if (a.low, a.high) == (b.low, b.high):
        return "equal"
    return "overlap"
