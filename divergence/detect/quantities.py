"""Extract numeric mentions as ranges, with character offsets, and compare two of them.

A mention is read as the range of values it asserts, so that hedged figures compare by
overlap rather than by string: "nearly three years" is ``[2.4, 3)``, "the more than
three-year war" is ``(3, inf)``, "its fourth year" is ``[3, 4)`` years elapsed. Two mentions
whose ranges are disjoint conflict; overlapping ones differ only in precision.

Range conventions (stated figure ``X``; the lexicons live in ``divergence/data``):

=====================================  ===================  ============================
mention                                range                source of the bound
=====================================  ===================  ============================
bare ``X``, exactly/precisely ``X``    ``[X, X]``
about/around/approximately/some ``X``  ``[0.9X, 1.1X]``     ±10%: Channell (1994) ch. 3
nearly/almost/close to ``X``           ``[0.8X, X)``        shortfall of at most 20%
just over / slightly more than ``X``   ``(X, 1.2X]``        mirror of "nearly"
more than/over/above ``X``             ``(X, inf)``
at least / no fewer than ``X``         ``[X, inf)``
up to / at most / as many as ``X``     ``[0, X]``
fewer/less than, under, below ``X``    ``[0, X)``
``X`` or more / ``X``-plus / ``X+``    ``[X, inf)``
``X`` or so / ``X``-odd                ``[0.9X, 1.1X]``
between ``X`` and ``Y``, ``X``-``Y``   ``[X, Y]``           point is None
ordinal + time unit ("fourth year")    ``[n-1, n)``         years elapsed; point ``n``
other ordinals ("second video")        ``[n, n]``           a rank
a couple / a few / several             [2,3] / [2,5] / [3,9]
dozens / scores                        [24,100) / [40,100)
hundreds / thousands / tens of thous.  [200,1000) / [2000,10000) / [20000,100000)
several/a few hundred (``mult`` × S)   ``[lo·S, (hi+1)·S)`` "several hundred" = [300,1000)
approximator on a vague range          its bounds: "at least several hundred" = [300, inf)
=====================================  ===================  ============================

Times are hours after midnight (``"4:59 PM"`` = 16.983); calendar years stand as their number
with ``is_year``; day numbers in dates carry ``is_date_part``. Phone numbers, URLs, handles,
hashtags, model names ("F-16", "MH17", "G7", "Covid-19"), version strings and ratios
("24/7") are not quantities. Fractions ("two-thirds") and "many" are not extracted.

Everything here is a pure function of its input; scanning is linear in the text length
(one tokenising regex with no nested quantifiers, then bounded look-around per token).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from divergence.detect.dates import WEEKDAYS
from divergence.lexicon import data_lines

INF = math.inf
Relation = Literal["equal", "precision", "conflict", "unrelated"]


@dataclass(frozen=True)
class Quantity:
    """One numeric mention: offsets are half-open ``[start, end)`` into the analysed text.

    ``start:end`` covers the whole mention ("nearly three years"), ``value_start:value_end``
    the number itself ("three"). ``low``/``high`` are in the mention's unit after scaling
    ("$2.5bn" is 2.5e9 usd).
    """

    start: int
    end: int
    value_start: int
    value_end: int
    low: float
    high: float
    low_open: bool
    high_open: bool
    point: float | None
    unit: str | None
    approx: str | None
    vague: bool
    ordinal: bool
    is_year: bool
    is_time: bool
    is_date_part: bool
    zone: str | None = None  # a clock time's zone as written, lowercased ("pst", "gmt")

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.value_start <= self.value_end <= self.end:
            spans = f"{self.start}..{self.end} / {self.value_start}..{self.value_end}"
            raise ValueError(f"bad quantity spans {spans}")
        if not self.low <= self.high:
            raise ValueError(f"quantity range low {self.low} > high {self.high}")

    @property
    def exact(self) -> bool:
        """Whether the mention states one value: ``low == high``, both bounds closed."""
        return self.low == self.high and not (self.low_open or self.high_open)


# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class _Unit:
    name: str
    dimension: str
    factor: float


@dataclass(frozen=True)
class _Lexicon:
    card: dict[str, int]
    ord: dict[str, int]
    scale: dict[str, float]
    suffix: dict[str, float]
    vague: dict[tuple[str, ...], tuple[float, float, bool]]
    mult: dict[tuple[str, ...], tuple[float, float]]
    units: dict[tuple[str, ...], _Unit]  # token tuple -> unit
    by_name: dict[str, _Unit]
    group: dict[str, str]  # head noun -> dimension
    stop: frozenset[str]  # words that end the search for a head noun
    pre: dict[tuple[str, ...], tuple[str, str]]  # token tuple -> (class, shown as)
    post: dict[tuple[str, ...], tuple[str, str]]
    max_pre: int
    max_units: int


def cardinal_words() -> tuple[str, ...]:
    """The number words of ``data/number_words.txt`` ("one" … "ninety"), in file order."""
    return tuple(_lexicon().card)


_TOKEN_RE = re.compile(r"[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?|[^\W\d_]+|\S")


def _split(phrase: str) -> tuple[str, ...]:
    return tuple(m.group().lower() for m in _TOKEN_RE.finditer(phrase))


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    card: dict[str, int] = {}
    ords: dict[str, int] = {}
    scale: dict[str, float] = {}
    suffix: dict[str, float] = {}
    vague: dict[tuple[str, ...], tuple[float, float, bool]] = {}
    mult: dict[tuple[str, ...], tuple[float, float]] = {}
    units: dict[tuple[str, ...], _Unit] = {}
    by_name: dict[str, _Unit] = {}
    group: dict[str, str] = {}
    stop: set[str] = set()
    for line in data_lines("number_words.txt"):
        section, *f = (p.strip() for p in line.split("|"))
        if section == "card":
            card[f[0]] = int(f[1])
        elif section == "ord":
            ords[f[0]] = int(f[1])
        elif section == "scale":
            scale[f[0]] = float(f[1])
        elif section == "suffix":
            suffix[f[0]] = float(f[1])
        elif section == "vague":
            vague[_split(f[0])] = (float(f[1]), float(f[2]), f[3] == "[)")
        elif section == "mult":
            mult[_split(f[0])] = (float(f[1]), float(f[2]))
        elif section == "unit":
            unit = _Unit(f[0], f[1], float(f[2]))
            by_name[unit.name] = unit
            for syn in f[3].split(","):
                units[_split(syn.strip())] = unit
        elif section == "group":
            for noun in f[1].split(","):
                group[noun.strip()] = f[0]
        elif section == "stop":
            stop.update(f[0].split())
        else:
            raise ValueError(f"number_words.txt: unknown section {section!r} in {line!r}")
    pre: dict[tuple[str, ...], tuple[str, str]] = {}
    post: dict[tuple[str, ...], tuple[str, str]] = {}
    for line in data_lines("approximators.txt"):
        cls, phrase, *shown = (p.strip() for p in line.split("|"))
        entry = (cls.removeprefix("post ").strip(), shown[0] if shown else phrase)
        (post if cls.startswith("post ") else pre)[_split(phrase)] = entry
    return _Lexicon(
        card, ords, scale, suffix, vague, mult, units, by_name, group, frozenset(stop), pre, post,
        max(map(len, pre)), max(map(len, units)),
    )  # fmt: skip


# --------------------------------------------------------------------------- tokens

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_CURRENCY_SIGNS = {"$": "usd", "€": "eur", "£": "gbp", "¥": "jpy"}
_CURRENCY_CODES = {"usd": "usd", "eur": "eur", "gbp": "gbp", "us$": "usd"}
_DASHES = {"-", "–", "—"}
# Left-hand prefixes that may join a number with a hyphen ("mid-2022"); any other word does
# not ("F-16", "Covid-19", "Su-34": names, not quantities).
_HYPHEN_PREFIXES = {"mid", "pre", "post", "early", "late", "top", "under", "over", "since"}
# "29-of-34", "7-for-9": made out of attempted, two figures, as "29 of 34" is
_OUT_OF = frozenset({"of", "for"})
# Letters glued after digits that keep the digits a number ("2nd", "5pm", "1990s", "10km").
_ORD_SUFFIXES = {"st", "nd", "rd", "th"}
_AMPM = {"am", "pm"}
# Time zones after a clock time, as hours from US Eastern: the US zones differ from each
# other by whole hours all year, standard or daylight; GMT and the European zones do not
# (daylight time moves them against Eastern), so only the US family is converted.
_US_ZONES = {
    "et": 0, "est": 0, "edt": 0, "ct": -1, "cst": -1, "cdt": -1,
    "mt": -2, "mst": -2, "mdt": -2, "pt": -3, "pst": -3, "pdt": -3,
}  # fmt: skip
_OTHER_ZONES = frozenset(["gmt", "utc", "bst", "cet", "cest", "ist", "jst", "aest"])
# After a glued "m" with no currency sign, these read it as metres, not millions: "fell
# 600m while climbing", "60m from a ridge", "200m down a gully", "50m by 50m", "within 80m
# of"; a noun reads it as millions ("6.1m people", "2m euros").
_EXTENTS = frozenset(["high", "long", "tall", "wide", "deep"])  # "a 10m-high wall"
_METRES_BEFORE = _EXTENTS | frozenset(["by", "down", "up", "from", "while", "of", "into", "onto",
                                       "off", "above", "below", "under", "beneath", "away",
                                       "across", "along", "through", "short"])  # fmt: skip
_YEAR_CUES = {
    "in", "since", "by", "until", "till", "from", "of", "during", "before", "after", "early",
    "late", "mid", "year", "summer", "winter", "spring", "autumn", "fall", "end", "start",
    "through", "between", "and", "to", "around",
}  # fmt: skip
_IRREGULAR = {
    "people": "people", "children": "child", "men": "man", "women": "woman", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "geese": "goose", "personnel": "personnel",
    "police": "police", "aircraft": "aircraft", "staff": "staff", "sheep": "sheep",
    "livestock": "livestock", "data": "data", "series": "series", "species": "species",
    "lives": "life", "wives": "wife", "knives": "knife", "heroes": "hero", "echoes": "echo",
    "vetoes": "veto", "potatoes": "potato", "tomatoes": "tomato", "servicemen": "serviceman",
    "crises": "crisis", "analyses": "analysis", "bases": "base", "news": "news",
}  # fmt: skip
_FRACTIONS = {"half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths"}
_TIME_HEDGES = {"about": 0.5, "exact": 0.0}  # approximator class -> hours either side
_TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
# Words that make "2-2" or "5-4" a score or a tally of two figures, not a range
_TALLY_CUES = {
    "won", "win", "wins", "winning", "beat", "beats", "beaten", "tied", "tie", "ties", "drew",
    "draw", "drawn", "lost", "lose", "loses", "losing", "defeat", "defeated", "defeats", "victory",
    "victories", "held", "hold", "holds", "score", "scored", "scoreline", "lead", "leads", "led",
    "trail", "trailed", "trails", "edged", "edge", "routed", "thrashed", "vote", "voted", "votes",
    "ruled", "ruling", "decision", "margin", "final", "match", "game", "record", "mark",
    "start", "season", "deficit", "deficits", "trailing", "comeback", "rally", "halftime",
}  # fmt: skip
TALLY = "tally"  # the unit of the two figures of a score, a vote or a record ("5-4")
_TALLY_ENDS = frozenset({",", ".", ";", ":", ")"})  # what may follow "2-9" glued
_TALLY_WINDOW = 6  # tokens before the first figure, or after the second, that may cue it
# compounds of a number word that count nothing: "one-sided", "one-off", "one-liner"
_IDIOM_COMPOUNDS = frozenset({"sided", "off", "liner", "stop"})
_ONE_PRONOUN_BEFORE = {"no", "the", "this", "that", "every", "any", "each", "which", "anyone"}


class _Tokens:
    """Tokens of ``text[start:end]``: parallel lists of offsets, text and lowercased text.

    Whitespace-separated chunks that are URLs, e-mail addresses, @handles, #hashtags or
    phone numbers become one ``kind == "x"`` token, so no number is read inside them.
    """

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.s: list[int] = []
        self.e: list[int] = []
        self.t: list[str] = []
        self.low: list[str] = []
        self.kind: list[str] = []  # "n" digits, "w" letters, "p" other, "x" masked
        chunks = list(_CHUNK_RE.finditer(text, start, end))
        phone_tail = 0
        for c, m in enumerate(chunks):
            chunk = m.group()
            if phone_tail and _PHONE_TAIL_RE.fullmatch(chunk):
                phone_tail -= 1
                self._add(m.start(), m.end(), "x")
                continue
            phone_tail = 0
            # "+44 20 7946 0958", "(555) 123-4567": a country or area code, then digit groups
            lead = _PHONE_LEAD_RE.fullmatch(chunk)
            if lead and c + 1 < len(chunks) and _PHONE_TAIL_RE.fullmatch(chunks[c + 1].group()):
                phone_tail = 4
                self._add(m.start(), m.end(), "x")
                continue
            if _masked_chunk(chunk):
                self._add(m.start(), m.end(), "x")
                continue
            for t in _TOKEN_RE.finditer(chunk):
                ch = t.group()[0]
                kind = "n" if "0" <= ch <= "9" else "w" if ch.isalpha() else "p"
                self._add(m.start() + t.start(), m.start() + t.end(), kind)
        self.n = len(self.s)

    def _add(self, s: int, e: int, kind: str) -> None:
        word = self.text[s:e]
        self.s.append(s)
        self.e.append(e)
        self.t.append(word)
        self.low.append(word.lower().replace("’", "'"))
        self.kind.append(kind)

    def glued(self, i: int) -> bool:
        """Whether token ``i`` touches token ``i + 1`` (no space between)."""
        return i + 1 < self.n and self.e[i] == self.s[i + 1]

    def spaced(self, i: int) -> bool:
        """Whether only spaces (no newline) separate token ``i`` from token ``i + 1``."""
        if i + 1 >= self.n:
            return False
        gap = self.text[self.e[i] : self.s[i + 1]]
        return len(gap) <= 3 and "\n" not in gap

    def joined(self, i: int) -> bool:
        return self.glued(i) or self.spaced(i)

    def word(self, i: int) -> str:
        return self.low[i] if 0 <= i < self.n else ""


_PHONE_RE = re.compile(r"\+?\(?[0-9]{1,4}\)?(?:[-. ][0-9]{2,5}){2,4}")
_PHONE_TAIL_RE = re.compile(r"\(?[0-9]{1,5}\)?(?:-[0-9]{1,5})*[.,;]?")
_PHONE_LEAD_RE = re.compile(r"\+[0-9]{1,4}|\([0-9]{3}\)")
_CHUNK_RE = re.compile(r"\S+")
_ISO_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DOMAIN_IN_RE = re.compile(r"[A-Za-z0-9]\.[A-Za-z]{2}")
_TLDS = {"com", "org", "net", "gov", "edu", "int", "io", "co", "uk", "ru", "ua", "cn", "info"}


def _masked_chunk(chunk: str) -> bool:
    """Whether a whitespace-separated chunk is a URL, address, handle, tag or phone number.

    >>> [_masked_chunk(c) for c in ["pic.twitter.com/ekBr6hCkQL", "(@ZelenskyyUa)", "12,000"]]
    [True, True, False]
    """
    if "@" in chunk or "://" in chunk:
        return True
    core = chunk.strip("()[]{}<>\"'“”‘’,;:!?.")
    if not core:
        return False
    if (core[0] == "#" and len(core) > 1) or core.lower().startswith("www."):
        return True
    slash = core.find("/")
    if slash > 0 and _DOMAIN_IN_RE.search(core, 0, slash):
        return True
    if "." in core and core.rsplit(".", 1)[1].lower() in _TLDS and core[0].isalnum():
        return True
    return bool(_PHONE_RE.fullmatch(core)) and not _ISO_RE.fullmatch(core)


# --------------------------------------------------------------------------- reading values


@dataclass
class _Value:
    """A number read at tokens ``[i, j)``, before approximators and units apply."""

    i: int
    j: int
    low: float
    high: float
    high_open: bool = False
    point: float | None = None
    vague: bool = False
    ordinal: bool = False
    digits: bool = False
    scale: float = 1.0
    unit: str | None = None  # from a glued suffix ("10km", "5m-high")
    decade: bool = False


def _joined_run(tk: _Tokens, i: int, length: int) -> bool:
    """Whether tokens ``i .. i + length - 1`` follow one another on one line."""
    return i + length <= tk.n and all(tk.joined(k) for k in range(i, i + length - 1))


def _number_words(tk: _Tokens, i: int) -> _Value | None:
    """Read English number words at ``i``: "twenty-five", "two hundred and fifty", "a dozen".

    The state machine accepts only well-formed names, so "one two" is read as "one".
    """
    lex = _lexicon()
    low = tk.low
    total, cur = 0.0, 0.0
    state = ""  # last part read: "", "unit", "teen", "tens", "hundred", "scale"
    j = i
    glue_next = False  # after a hyphen the next word must touch it
    if low[i] in ("a", "an") and tk.spaced(i) and low[i + 1] in lex.scale:
        cur, state, j = 1.0, "unit", i + 1
    elif low[i] == "half" and _joined_run(tk, i, 3) and low[i + 1] in ("a", "an"):
        if low[i + 2] not in lex.scale:
            return None
        cur, state, j = 0.5, "unit", i + 2
    end, ordinal = -1, False
    while j < tk.n and not ordinal:
        if j > i and not (tk.glued(j - 1) if glue_next else tk.spaced(j - 1)):
            break
        glue_next = False
        w = low[j]
        v = lex.card.get(w)
        if v is not None:
            if v >= 20 and state in ("", "hundred", "scale"):
                state = "tens"
            elif v < 20 and (state in ("", "hundred", "scale") or (state == "tens" and 0 < v < 10)):
                state = "unit" if v < 10 else "teen"
            else:
                break
            cur += v
        elif w in lex.ord:
            v = lex.ord[w]
            if v >= 100 and state in ("unit", "teen", "tens"):
                cur *= v
            elif v < 100 and (state in ("", "hundred", "scale") or (state == "tens" and v < 10)):
                cur += v
            else:
                break
            ordinal = True
        elif w == "hundred" and state in ("unit", "teen", "tens"):
            cur *= 100
            state = "hundred"
        elif w == "dozen" and state == "unit":
            cur *= 12
            state = "scale"
        elif w in ("thousand", "million", "billion", "trillion") and state and state != "scale":
            total += cur * lex.scale[w]
            cur, state = 0.0, "scale"
        elif (
            w == "and"
            and state in ("hundred", "scale")
            and low[j + 1 : j + 2]
            and (low[j + 1] in lex.card)
        ):
            j += 1
            continue
        elif w in _DASHES and state == "tens" and tk.glued(j - 1) and tk.glued(j):
            nxt = low[j + 1] if j + 1 < tk.n else ""
            if not (0 < lex.card.get(nxt, 99) < 10 or lex.ord.get(nxt, 99) < 10):
                break
            j += 1
            glue_next = True
            continue
        else:
            break
        j += 1
        end = j
    if end < 0:
        return None
    value = total + cur
    return _Value(i, end, value, value, point=value, ordinal=ordinal)


def _vague_words(tk: _Tokens, i: int) -> _Value | None:
    """Read a vague number phrase at ``i``: "hundreds", "tens of thousands", "several hundred"."""
    lex = _lexicon()
    for length in range(4, 0, -1):
        if not _joined_run(tk, i, length):
            continue
        key = tuple(tk.low[i : i + length])
        if key in lex.mult:
            # "several hundred (thousand)": counted in hundreds, so [lo*S, (hi+1)*S)
            k, scale = i + length, 1.0
            while k < tk.n and tk.spaced(k - 1) and tk.low[k] in lex.scale and scale < 1e12:
                if tk.low[k] == "dozen" and scale > 1:
                    break
                scale *= lex.scale[tk.low[k]]
                k += 1
            if scale > 1:
                lo, hi = lex.mult[key]
                return _Value(i, k, lo * scale, (hi + 1) * scale, high_open=True, vague=True)
        if key in lex.vague:
            lo, hi, high_open = lex.vague[key]
            return _Value(i, i + length, lo, hi, high_open=high_open, vague=True)
    return None


def _spaced_fraction(tk: _Tokens, i: int) -> bool:
    """Whether digits at ``i`` stand either side of a slash set off by spaces ("4 1 / 2
    months", "41 / 2 months" as some text dumps print "4 1/2"): a fraction or a ratio, whose
    parts are no counts ("2 months")."""
    kind, low = tk.kind, tk.low
    before = i >= 2 and low[i - 1] == "/" and kind[i - 2] == "n" and tk.joined(i - 2)
    after = i + 2 < tk.n and low[i + 1] == "/" and kind[i + 2] == "n" and tk.joined(i + 1)
    return (before and tk.joined(i - 1)) or (after and tk.joined(i))


# capitalised nouns that a number after them names, not counts: "Route 52", "Flight 93",
# "Week 16" of a season, a "Category 4" storm
DESIGNATORS = frozenset(
    ["route", "highway", "interstate", "freeway", "flight", "room", "gate", "terminal",
     "platform", "exit", "pier", "berth", "chapter", "amendment", "channel", "precinct",
     "week", "game", "round", "stage", "phase", "category"]
)  # fmt: skip


def _designated(tk: _Tokens, i: int) -> bool:
    """Whether digits at ``i`` follow a capitalised designator ("State Route 52",
    "Interstate 805", "Chapter 11") or a model's letters ("AK 47"): a name, not a count."""
    if i >= 1 and tk.spaced(i - 1) and tk.low[i - 1] in DESIGNATORS:
        return tk.t[i - 1][:1].isupper()
    # a model name set apart: "AK 47", "AK - 47" (as some text dumps print "AK-47"); not a
    # word of a headline in capitals ("STRIKE AT 5 PLANTS")
    k = i - 2 if i >= 2 and tk.low[i - 1] in _DASHES and tk.spaced(i - 1) else i - 1
    return (
        k >= 0 and tk.spaced(k) and tk.t[k].isalpha() and tk.t[k].isupper()
        and 2 <= len(tk.t[k]) <= 3 and tk.low[k] not in _CURRENCY_CODES
        and not (k >= 1 and tk.t[k - 1].isalpha() and tk.t[k - 1].isupper())
    )  # fmt: skip


_SUPERLATIVES = frozenset(
    ["most", "least", "best", "worst", "greatest", "biggest", "largest", "longest",
     "oldest", "deadliest", "highest", "top"]
)  # fmt: skip


def _possessed_name(tk: _Tokens, i: int) -> bool:
    """Whether digits at ``i`` name a thing that owns the word after them: "the 7400's
    screen", "the 747's engines" (a model), which no count does; "the 1960's" is a decade."""
    return (
        i >= 1 and tk.low[i - 1] == "the" and tk.kind[i] == "n"
        and not (tk.t[i].isdigit() and 1000 <= int(tk.t[i]) <= 2100)
        and _possessive_at(tk, i + 1) and tk.low[i + 2 : i + 3] == ["s"] and tk.glued(i + 1)
        and i + 3 < tk.n and tk.kind[i + 3] == "w" and tk.spaced(i + 2)
    )  # fmt: skip


def _one_of_the_most(tk: _Tokens, j: int) -> bool:
    """Whether "one" ending at ``j`` opens "one of the most…" ("ended one of the United
    States' most intriguing mysteries"): a member picked out, not a count to compare."""
    if tk.low[j : j + 1] != ["of"]:
        return False
    return any(w in _SUPERLATIVES for w in tk.low[j + 1 : j + 7])


def _thousands_tail(tk: _Tokens, i: int) -> bool:
    """Whether digits at ``i`` are the last three of a thousands figure whose comma a text
    dump set apart ("2, 000ft", "35, 000 people", "5,184, 000 pixels"): "0" opens them, as
    no count opens."""
    return (
        2 <= i < tk.n and len(tk.t[i]) == 3 and tk.t[i][0] == "0" and tk.t[i].isdigit()
        and tk.low[i - 1] == "," and tk.glued(i - 2) and tk.spaced(i - 1)
        and tk.kind[i - 2] == "n" and _GROUPED.fullmatch(tk.t[i - 2]) is not None
    )  # fmt: skip


# "745-4811", "907-745-4811" (a chunk of three groups or more is masked: _masked_chunk)
PHONE = re.compile(r"(?:\d{3}[-.])?\d{3}[-.]\d{4}")
_PHONE_GLUE = frozenset({"-", "."})


def _phone_number(tk: _Tokens, i: int) -> bool:
    """Whether digits at ``i`` belong to a telephone number: the run of digit groups glued
    by dashes or points around them reads 555-0123 or 212-555-0123, a number to call, not
    a range or a count."""
    lo = hi = i
    while lo >= 2 and tk.low[lo - 1] in _PHONE_GLUE and tk.glued(lo - 2) and tk.glued(lo - 1):
        if tk.kind[lo - 2] != "n":
            break
        lo -= 2
    while hi + 2 < tk.n and tk.low[hi + 1] in _PHONE_GLUE and tk.glued(hi) and tk.glued(hi + 1):
        if tk.kind[hi + 2] != "n":
            break
        hi += 2
    if hi == lo or PHONE.fullmatch(tk.text[tk.s[lo] : tk.e[hi]]) is None:
        return False
    return _head(tk, hi + 1, singular=False) is None  # "300-1200 troops" is a range


_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})*")  # digits with thousands commas, or up to three


def _leading_point(tk: _Tokens, i: int) -> bool:
    """Whether digits at ``i`` follow a decimal point with no digit before it (".358"): the
    point opens the text, follows a space, or is glued to a lower-case word that lost its
    space ("hit.358"); not an abbreviation's point ("No.1", "p.45")."""
    if not (i > 0 and tk.low[i - 1] == "." and tk.glued(i - 1) and tk.t[i].isdigit()):
        return False
    if i == 1 or not tk.glued(i - 2):
        return True
    before = tk.t[i - 2]
    return len(before) >= 3 and before.isalpha() and before.islower()


def _out_of(tk: _Tokens, i: int) -> bool:
    """Whether digits at ``i`` end a made-out-of-attempted pair glued by dashes ("29-of-34",
    "7-for-9"): the second figure, read on its own as in "29 of 34"."""
    return (
        4 <= i < tk.n and tk.kind[i] == "n" and tk.kind[i - 4] == "n"
        and tk.low[i - 1] in _DASHES and tk.low[i - 2] in _OUT_OF and tk.low[i - 3] in _DASHES
        and all(tk.glued(k) for k in range(i - 4, i))
    )  # fmt: skip


def _digits(tk: _Tokens, i: int, range_end: bool = False) -> _Value | None:
    """Read digits at ``i`` with a glued scale or unit suffix ("12,000", "$2.5bn", "10km").

    Returns None for digits that are part of a name or code: glued to letters on the left
    ("MH17", "G7"), after a word and a hyphen ("F-16", "Covid-19"), inside a version or
    decimal-dotted code ("1.2.3"), or glued to an unknown suffix ("5G", "6hCkQL").
    """
    lex = _lexicon()
    low, kind = tk.low, tk.kind
    text = tk.t[i]
    if i > 0 and tk.glued(i - 1) and not range_end:
        left = low[i - 1]
        if kind[i - 1] in "wx":
            return None
        if (
            left in _DASHES
            and i > 1
            and tk.glued(i - 2)
            and (kind[i - 2] == "n" or (kind[i - 2] == "w" and low[i - 2] not in _HYPHEN_PREFIXES))
            and not _out_of(tk, i)
        ):
            return None
        if left in (".", ",", ":", "/") and i > 1 and tk.glued(i - 2) and kind[i - 2] == "n":
            return None
    if _spaced_fraction(tk, i) or _designated(tk, i) or _phone_number(tk, i):
        return None
    if _possessed_name(tk, i):
        return None
    if _thousands_tail(tk, i) and not range_end:
        return None  # read with the digits before its comma
    if _thousands_tail(tk, i + 2):
        tail = _digits(tk, i + 2, range_end=True)  # "2, 000ft": a text dump's "2,000ft"
        if tail is not None and tail.scale == 1.0 and _GROUPED.fullmatch(text):
            tail.low = tail.high = tail.point = float(text.replace(",", "")) * 1000 + tail.low
            tail.i = i
            return tail
    first = i
    plain = text.replace(",", "")
    if _leading_point(tk, i) and not range_end:
        first, plain = i - 1, "0." + text  # ".358", a batting average; ".38-caliber"
    elif len(plain) > 15 or ("," not in text and "." not in text and len(text) >= 7):
        return None  # an id, not an amount
    value = float(plain)
    v = _Value(first, i + 1, value, value, point=value, digits=True)
    if not tk.glued(i):
        return v
    nxt, nkind = low[i + 1], kind[i + 1]
    if nxt == "." and tk.glued(i + 1) and i + 2 < tk.n and kind[i + 2] in "nw":
        return None  # "1.2.3", "3.x"
    if nkind == "x":
        return None
    if (
        nxt in _DASHES
        and text[:1].isdigit()
        and i > 0
        and low[i - 1] in _CURRENCY_SIGNS
        and i + 2 < tk.n
        and tk.glued(i + 1)
        and low[i + 2] in lex.suffix
        and (i + 3 >= tk.n or not tk.glued(i + 2) or kind[i + 3] != "w")
    ):
        v.scale, v.j = lex.suffix[low[i + 2]], i + 3  # "$250-M", "$4-bn"
        v.low = v.high = v.point = value * v.scale
        return v
    if nkind != "w":
        return v
    after = low[i + 2] if i + 2 < tk.n else ""
    if nxt == "m" and (
        (
            after in _DASHES and tk.glued(i + 1) and low[i + 3 : i + 4] and low[i + 3] in _EXTENTS
        )  # "a 10m-high wall"
        or (
            after in _METRES_BEFORE
            and not (i > 0 and (tk.t[i - 1] in _CURRENCY_SIGNS or low[i - 1] in _CURRENCY_CODES))
        )
    ):
        v.unit, v.j = "m", i + 2  # metres, not millions
    elif nxt in lex.suffix:
        v.scale = lex.suffix[nxt]
        v.j = i + 2
    elif (
        nxt == "mm" and i > 0 and (tk.t[i - 1] in _CURRENCY_SIGNS or low[i - 1] in _CURRENCY_CODES)
    ):
        v.scale, v.j = 1e6, i + 2  # "$200MM": the trade's millions, after money (else millimetres)
    elif nxt in _ORD_SUFFIXES and "," not in text and "." not in text:
        v.ordinal, v.j = True, i + 2
    elif nxt == "s" and len(plain) in (2, 4) and plain.endswith("0"):
        v.decade, v.j = True, i + 2  # "1990s"
    elif nxt in _AMPM:
        return v  # the caller reads "5pm" as a time
    elif (nxt,) in lex.units:
        v.unit, v.j = lex.units[(nxt,)].name, i + 2
    else:
        return None
    if v.scale != 1.0:
        v.low = v.high = v.point = value * v.scale
    return v


# --------------------------------------------------------------------------- heads and units


def _singular(word: str) -> str:
    """Return a singular for a lowercase plural noun with a small rule set.

    >>> [_singular(w) for w in ["troops", "fatalities", "lives", "children", "matches"]]
    ['troop', 'fatality', 'life', 'child', 'match']
    """
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("lves"):
        return word[:-3] + "f"
    if word.endswith(("ches", "shes", "sses", "xes", "zzes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _is_plural(word: str) -> bool:
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w] != w or w in ("people", "personnel", "police", "staff", "aircraft")
    return len(w) >= 4 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous"))


def _unit_at(tk: _Tokens, k: int) -> tuple[str, int] | None:
    """Match the longest unit synonym at token ``k``: ``(canonical unit, end token)``."""
    lex = _lexicon()
    for length in range(min(lex.max_units, tk.n - k), 0, -1):
        key = tuple(tk.low[k : k + length])
        unit = lex.units.get(key)
        if unit is not None and _joined_run(tk, k, length):
            return unit.name, k + length
    return None


def _normal_unit(word: str) -> str:
    lex = _lexicon()
    unit = lex.units.get((word,))
    if unit is not None:
        return unit.name
    single = _singular(word)
    unit = lex.units.get((single,))
    return unit.name if unit is not None else single


_DETERMINERS = {"the", "those", "these", "its", "their", "his", "her", "our", "your", "my"}


def _head(tk: _Tokens, j: int, singular: bool) -> tuple[str, int] | None:
    """Find the unit or head noun after a number at token ``j``: ``(unit, end token)``.

    Skips modifiers: capitalised words ("two Chinese soldiers"), participles, and
    coordinated modifiers ("55 Shahed and decoy drones"); reads partitives ("two of the
    soldiers", "tens of thousands of lives"). A plural number needs a plural noun; a
    singular one ("one soldier", "fourth year") takes the last word before a stop word.
    """
    lex = _lexicon()
    low, kind = tk.low, tk.kind
    k = j
    partitive = k < tk.n and low[k] == "of" and tk.spaced(k - 1)
    if partitive:
        k += 1
        if k < tk.n and low[k] in _DETERMINERS and tk.spaced(k - 1):
            k += 1
        if k < tk.n and (kind[k] == "n" or low[k] in lex.card):
            return None  # "one of five architects", "two of the three": the whole is counted apart
    candidate = -1
    seen_word = False
    owner_end = None  # where the mention stops when the whole has its own count
    for _ in range(6):
        if k >= tk.n or not tk.spaced(k - 1):
            break
        if partitive and kind[k] == "w" and _possessive_at(tk, k + 1):
            # "two of the soldiers' families", "10 of the Saints' 16 games": the owner is
            # not what is counted, and a count of the whole is a mention of its own
            partitive = False
            k += 3 if low[k + 2 : k + 3] == ["s"] and tk.glued(k + 1) else 2
            if k < tk.n and kind[k] == "n" and tk.spaced(k - 1):
                owner_end, k = k, k + 1
            continue
        if low[k] in _DASHES and tk.glued(k - 1) and tk.glued(k) and kind[k - 1] == "w":
            k += 1  # "full-scale", "Iranian-made"
            continue
        if kind[k] == "p" and low[k] in ("%",):
            return "percent", owner_end or k + 1
        if kind[k] == "n" and _model_number(tk, k):
            k += 1  # "six AK-47 rifles", "five Boeing 747 planes": the noun counts
            continue
        if low[k] in _DASHES and k + 1 < tk.n and kind[k + 1] == "n" and _model_number(tk, k + 1):
            k += 2  # "14 AK - 47 rifles", as a text dump spaces "AK-47"
            continue
        if kind[k] != "w":
            break
        unit = _unit_at(tk, k)
        if unit is not None:
            return unit[0], owner_end or unit[1]
        w = low[k]
        if w in lex.stop:
            break
        if w in ("and", "or", "&"):
            if not seen_word:
                break
            k += 1
            continue
        seen_word = True
        capital = tk.t[k][0].isupper()
        if _is_plural(w):
            followed = k + 1 < tk.n and tk.spaced(k) and kind[k + 1] == "w"
            if (
                followed
                and not capital
                and low[k + 1] not in lex.stop
                and _is_plural(low[k + 1])
                and not tk.t[k + 1][0].isupper()
            ):
                k += 1  # a plural modifier of a plural head: "police officers", "arms dealers"
                continue
            # a capitalised plural names its group ("9,000 Afghans displaced",
            # "three Democrats said") unless a noun follows it: "10 Lakers games"
            head_follows = followed and (_is_plural(low[k + 1]) or tk.t[k + 1][0].isupper())
            if not capital or not head_follows or low[k + 1] in lex.stop:
                if singular and candidate >= 0:
                    break
                return _normal_unit(w), owner_end or k + 1
        elif capital:
            if singular and candidate >= 0:
                break
        elif not w.endswith(("ed", "ing")) or w in lex.group:
            candidate = k
        k += 1
    if singular and candidate >= 0:
        return _normal_unit(low[candidate]), owner_end or candidate + 1
    return None


def _model_number(tk: _Tokens, k: int) -> bool:
    """Whether the number at token ``k``, inside a counted noun phrase, completes a model's
    name: after a capitalised word, glued by a dash or set apart ("AK-47", "AK 47", "F-16",
    "Boeing 747"), with a word after it."""
    prev = k - 1
    if prev > 0 and tk.low[prev] in _DASHES and tk.joined(prev - 1) and tk.joined(prev):
        prev -= 1
    word = tk.t[prev] if prev >= 0 else ""
    following = k + 1 < tk.n and tk.kind[k + 1] == "w" and tk.spaced(k)
    return word.isalpha() and word[:1].isupper() and tk.joined(prev) and following


def _possessive_at(tk: _Tokens, k: int) -> bool:
    """Whether token ``k`` is an apostrophe glued to the word before it ("Saints'", "Kyiv's")."""
    return k < tk.n and tk.low[k] in ("'", "’") and tk.glued(k - 1)


# words before a bare number that name what it measures
_UNIT_BEFORE = {
    ("aged",): "year-old", ("at", "age"): "year-old", ("age", "of"): "year-old",
    ("magnitude",): "magnitude", ("magnitude", "of"): "magnitude",
}  # fmt: skip


def _unit_before(tk: _Tokens, i: int) -> str | None:
    """The unit the words before the number at token ``i`` give it: "aged 85", "at the age
    of 85" (an age, as "85-year-old"), "a magnitude 6.1 quake", "a magnitude of 6.1" (as
    "6.1-magnitude")."""
    for size in (2, 1):
        words = tuple(tk.low[max(0, i - size) : i])
        if words in _UNIT_BEFORE:
            return _UNIT_BEFORE[words]
    if _apposed_age(tk, i):
        return "year-old"
    return None


def _apposed_age(tk: _Tokens, i: int) -> bool:
    """A whole number set off by commas after a name is an age: "Cheeks, 48, was fired"."""
    if not (i >= 2 and i + 1 < tk.n and tk.kind[i] == "n" and tk.t[i].isdigit()):
        return False
    name = tk.t[i - 2]
    return (
        tk.low[i - 1] == "," and tk.low[i + 1] in (",", ")")
        and name[:1].isupper() and name.isalpha() and not _is_month(tk, i - 2)
        and name.lower() not in WEEKDAYS and 1 <= int(tk.t[i]) <= 120
    )  # fmt: skip


# --------------------------------------------------------------------------- mentions


@dataclass(frozen=True)
class _Approx:
    start_tok: int
    cls: str
    shown: str


def _approx_before(
    tk: _Tokens, i: int, floor: int, last_end: int, measure: bool = False
) -> _Approx | None:
    """Match the longest approximator that ends just before token ``i`` (not before ``floor``).

    A one-word prepositional approximator right after the previous mention is read as a
    preposition: "158 drones over 11 regions" says nothing about "more than 11". Before a
    measure (``measure``: yards, miles, dollars) it compares: "two backs over 100 yards each".
    """
    lex = _lexicon()
    for length in range(min(lex.max_pre, i - floor), 0, -1):
        j = i - length
        hit = lex.pre.get(tuple(tk.low[j:i]))
        if hit is None or not _joined_run(tk, j, length + 1):
            continue
        if (
            length == 1 and j == last_end and not measure
            and tk.low[j] in ("over", "under", "above", "below")
        ):  # fmt: skip
            continue
        return _Approx(j, hit[0], hit[1])
    return None


def _over_a_span(tk: _Tokens, a: int, end: int, last_end: int) -> bool:
    """True when the "over" at token ``a``, before a duration ending at token ``end``, says
    when rather than how long: "rose from 62 to 64 over six years", "talks over three days",
    "Over eleven weeks, the court heard…". It says "more than" after a word that asks how
    long ("for over six years", "lasted over", "spent over", "is over"), before "ago" or
    "old", and opening a sentence without a comma ("Over six years have passed")."""
    if tk.low[a] != "over":
        return False
    before = tk.low[a - 1] if a > 0 else "."
    after = tk.low[end] if end < tk.n else ""
    if after in _OVER_AFTER:
        return False
    if before in (".", "!", "?", ";", ":"):
        return after == ","
    if a == last_end or tk.kind[a - 1] == "n" or before == "%":
        return True  # the span of a change just stated: "5 percent over three years"
    return before not in _OVER_MORE


# words before "over" and a duration that make it "more than" (how long), and after it
_OVER_MORE = frozenset([
    "for", "in", "after", "of", "than", "since", "within", "lasted", "last", "lasts",
    "lasting", "took", "take", "takes", "taking", "spent", "spend", "spends", "spending",
    "served", "serve", "serves", "serving", "waited", "wait", "waits", "been", "is", "was",
    "are", "were", "be", "being", "aged", "age",
])  # fmt: skip
_OVER_AFTER = frozenset(["ago", "old", "later", "earlier", "before", "after", "since"])


def _approx_after(tk: _Tokens, j: int) -> tuple[str, str, int] | None:
    """Match a post-approximator at ``j`` ("or more", "-plus", "+", "or so"): (cls, shown, end)."""
    lex = _lexicon()
    k = j
    if k < tk.n and tk.low[k] in _DASHES and tk.glued(k - 1) and tk.glued(k):
        k += 1
    elif k < tk.n and tk.low[k] == "+" and tk.glued(k - 1):
        cls, shown = lex.post[("+",)]
        return cls, shown, k + 1
    for length in (3, 2, 1):
        key = tuple(tk.low[k : k + length])
        if len(key) == length and key in lex.post and key != ("+",):
            if (k == j and not tk.spaced(k - 1)) or not _joined_run(tk, k, length):
                continue
            cls, shown = lex.post[key]
            return cls, shown, k + length
    return None


def _apply(cls: str, v: _Value) -> tuple[float, float, bool, bool]:
    """Return ``(low, high, low_open, high_open)`` for approximator class ``cls`` on ``v``."""
    lo, hi = v.low, v.high
    if cls == "about":
        return (lo, hi, False, v.high_open) if v.vague else (0.9 * lo, 1.1 * hi, False, False)
    if cls == "below":
        return 0.8 * lo, hi, False, True
    if cls == "just_above":
        return lo, 1.2 * hi, True, False
    if cls == "above":
        return lo, INF, True, False
    if cls == "min":
        return lo, INF, False, False
    if cls == "max":
        return 0.0, hi, False, v.high_open
    if cls == "less":
        return 0.0, hi, False, True
    return lo, hi, False, v.high_open  # exact


def _clean(x: float) -> float:
    """Round away float noise from scaling (0.8 * 3 == 2.4000000000000004) to 12 digits."""
    return float(f"{x:.12g}") if math.isfinite(x) else x


def _make(
    tk: _Tokens, s: int, e: int, vs: int, ve: int, lo: float, hi: float, **kw: object
) -> Quantity:
    fields: dict[str, object] = dict(
        low_open=False, high_open=False, point=lo if lo == hi else None, unit=None,
        approx=None, vague=False, ordinal=False, is_year=False, is_time=False,
        is_date_part=False,
    )  # fmt: skip
    fields.update(kw)
    if fields["point"] is not None:
        fields["point"] = _clean(fields["point"])  # type: ignore[arg-type]
    return Quantity(tk.s[s], tk.e[e - 1], tk.s[vs], tk.e[ve - 1], _clean(lo), _clean(hi), **fields)  # type: ignore[arg-type]


def _time(tk: _Tokens, i: int) -> tuple[Quantity, int] | None:
    """Read a clock time at ``i`` ("13:36", "4:59 PM", "5pm", "5 a.m."): hours after midnight."""
    low, text = tk.low, tk.t[i]
    if not text.isdigit() or len(text) > 2 or int(text) > 24:
        return None
    if (i > 0 and tk.glued(i - 1) and low[i - 1] in (":", ".")) or i + 1 >= tk.n:
        return None
    hour, minute, j = int(text), 0, i + 1
    if low[j] in (":", ".") and tk.glued(i) and tk.glued(j) and j + 1 < tk.n:
        mm = tk.t[j + 1]
        if not (mm.isascii() and mm.isdigit() and len(mm) == 2 and int(mm) < 60):
            return None
        if low[j] == "." and not _ampm_at(tk, j + 1):
            return None  # "4.59" is a decimal unless "pm" follows
        minute, j = int(mm), j + 2
        if j < tk.n and tk.glued(j - 1) and low[j] == ":":
            return None  # "12:30:45" or a ratio chain: leave it
    ampm = _ampm_at(tk, j)
    if ampm is None and minute == 0 and j == i + 1:
        return None
    if ampm is not None:
        half, j = ampm
        if hour > 12 or hour == 0:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif hour == 24 and minute:
        return None
    value = hour + minute / 60
    zone = None
    if (
        j < tk.n
        and tk.joined(j - 1)
        and tk.t[j].isupper()
        and tk.low[j] in (_US_ZONES.keys() | _OTHER_ZONES)
    ):
        zone, j = tk.low[j], j + 1
    return _make(tk, i, j, i, j, value, value, is_time=True, zone=zone), j


def _ampm_at(tk: _Tokens, j: int) -> tuple[str, int] | None:
    """Match "pm", "PM", "p.m.", "p. m." at ``j`` (glued or after a space): ("am"|"pm", end
    token)."""
    if j >= tk.n or not tk.spaced(j - 1):
        return None
    w = tk.low[j]
    if w in _AMPM:
        return w, j + 1
    if (
        w in ("a", "p")
        and _joined_run(tk, j, 3)
        and tk.low[j + 1 : j + 3] == [".", "m"]
        and tk.glued(j)
        and tk.joined(j + 1)  # "p.m.", or "p. m." as some text dumps print it
    ):
        end = j + 4 if j + 3 < tk.n and tk.low[j + 3] == "." and tk.glued(j + 2) else j + 3
        return w + "m", end
    return None


def _calendar(tk: _Tokens, i: int) -> tuple[list[Quantity], int] | None:
    """Read "2025-04-08" and "08/04/2025" as year + date parts; skip other "a/b" ratios."""
    low, kind, t = tk.low, tk.kind, tk.t
    if not (tk.glued(i) and low[i + 1] in ("-", "/") and tk.glued(i + 1) and i + 2 < tk.n):
        return None
    if kind[i + 2] != "n" or not t[i].isdigit() or not t[i + 2].isdigit():
        return None
    sep = low[i + 1]
    three = (
        i + 4 < tk.n and tk.glued(i + 2) and low[i + 3] == sep and tk.glued(i + 3)
        and kind[i + 4] == "n" and t[i + 4].isdigit()
    )  # fmt: skip
    if not three:
        if sep == "/":
            return [], i + 3  # "24/7", "3/4": ratios and fractions are not read
        return None
    parts = [int(t[i]), int(t[i + 2]), int(t[i + 4])]
    if sep == "-" and len(t[i]) == 4 and 1 <= parts[1] <= 12 and 1 <= parts[2] <= 31:
        year_tok, part_toks = i, (i + 2, i + 4)
    elif sep == "/" and len(t[i + 4]) in (2, 4) and parts[0] <= 31 and parts[1] <= 31:
        year_tok, part_toks = i + 4, (i, i + 2)
    else:
        return [], i + 5  # a code such as "12-34-56" that the phone rule let through
    out = [
        _make(tk, k, k + 1, k, k + 1, parts[(k - i) // 2], parts[(k - i) // 2], is_date_part=True)
        for k in part_toks
    ]
    y = float(parts[(year_tok - i) // 2])
    out.append(_make(tk, year_tok, year_tok + 1, year_tok, year_tok + 1, y, y, is_year=True))
    out.sort(key=lambda q: q.start)
    return out, i + 5


def _is_month(tk: _Tokens, k: int) -> bool:
    return 0 <= k < tk.n and tk.low[k] in _MONTHS and tk.t[k][0].isupper()


def _date_part(tk: _Tokens, v: _Value) -> bool:
    """Whether a day number stands in a date: "8 April", "April 8", "8th of April", "Apr. 8"."""
    if not v.digits or v.scale != 1.0 or v.low != int(v.low) or not 1 <= v.low <= 31:
        return False
    i, j = v.i, v.j
    if len(tk.t[i]) > 2:
        return False
    before = i - 1
    if before >= 0 and tk.low[before] == "." and tk.glued(before - 1):
        before -= 1
    if _is_month(tk, before) and tk.joined(before) and (before == i - 1 or tk.spaced(i - 1)):
        return True
    if j < tk.n and tk.spaced(j - 1):
        if _is_month(tk, j):
            return True
        if tk.low[j] == "of" and _is_month(tk, j + 1) and tk.spaced(j):
            return True
    return False


def _scale_after(tk: _Tokens, v: _Value) -> None:
    """Extend ``v`` over spaced or hyphenated scale words: "1.2 million", "1.5-billion"."""
    lex = _lexicon()
    k = v.j
    while k < tk.n and v.scale < 1e12:
        w = tk.low[k]
        if w in _DASHES and tk.glued(k - 1) and tk.glued(k) and k + 1 < tk.n:
            if tk.low[k + 1] in lex.scale and tk.low[k + 1] != "dozen":
                k += 1
                continue
            break
        if w not in lex.scale or not tk.joined(k - 1) or (w == "dozen" and v.scale > 1):
            break
        if w == "hundred" and v.scale > 1:
            break
        v.scale *= lex.scale[w]
        v.low *= lex.scale[w]
        v.high *= lex.scale[w]
        v.point = v.low
        k += 1
        v.j = k


def _read_value(tk: _Tokens, i: int, range_end: bool = False) -> _Value | None:
    kind = tk.kind[i]
    if kind == "n":
        v = _digits(tk, i, range_end)
    elif kind == "w":
        v = _vague_words(tk, i) or _number_words(tk, i)
    else:
        return None
    if v is not None and not v.vague and not v.ordinal and not v.decade:
        _scale_after(tk, v)
    return v


def _year_like(tk: _Tokens, v: _Value) -> bool:
    text = tk.t[v.i]
    return (
        v.digits
        and v.scale == 1.0
        and text.isdigit()
        and len(text) == 4
        and (1800 <= v.low <= 2100)
    )


class _Scanner:
    """Walk the tokens once, emitting mentions left to right."""

    def __init__(self, tk: _Tokens) -> None:
        self.tk = tk
        self.out: list[Quantity] = []
        self.floor = 0  # first token not yet covered by an emitted mention
        self.last_end = -1  # token after the previous mention (for "drones over 11 regions")

    def run(self) -> list[Quantity]:
        i = 0
        while i < self.tk.n:
            i = max(i + 1, self.step(i))
        return self.out

    def emit(self, qs: list[Quantity], end_tok: int) -> int:
        self.out.extend(qs)
        if qs:
            self.floor = self.last_end = end_tok
        return end_tok

    def step(self, i: int) -> int:
        tk = self.tk
        low, kind = tk.low, tk.kind
        if kind[i] == "n":
            t = _time(tk, i)
            if t is not None:
                return self.emit([self._hedged_time(t[0], i, t[1])], t[1])
            c = _calendar(tk, i)
            if c is not None:
                return self.emit(c[0], c[1])
        # a currency sign or code before the digits: "$2.5bn", "US$5m", "USD 40 million"
        prefix, unit = i, None
        if kind[i] == "p" and tk.t[i] in _CURRENCY_SIGNS:
            if not (tk.glued(i) and kind[i + 1] == "n"):
                return i + 1
            unit, i = _CURRENCY_SIGNS[tk.t[i]], i + 1
            if prefix > 0 and low[prefix - 1] == "us" and tk.glued(prefix - 1):
                prefix -= 1
        elif low[i] in _CURRENCY_CODES and tk.t[i].isupper() and tk.spaced(i):
            if not (i + 1 < tk.n and kind[i + 1] == "n"):
                return i + 1
            unit, i = _CURRENCY_CODES[low[i]], i + 1
        v = _read_value(tk, i)
        if v is None:
            return i + 1
        if unit is None and v.unit is not None:
            unit = v.unit
        return self.mention(prefix, v, unit)

    def _hedged_time(self, q: Quantity, i: int, j: int) -> Quantity:
        """The clock time ``q`` read at tokens ``[i, j)``, with "about" / "around" before
        it the half hour either side; with "exactly" the time itself, said to be exact.
        Other approximators ("over", "nearly") rarely bound a time of day: left unread."""
        approx = _approx_before(self.tk, i, self.floor, self.last_end)
        if approx is None or approx.cls not in _TIME_HEDGES:
            return q
        half = _TIME_HEDGES[approx.cls]
        return _make(
            self.tk, approx.start_tok, j, i, j, q.low - half, q.high + half,
            point=q.point, approx=approx.shown, is_time=True, zone=q.zone,
        )  # fmt: skip

    def mention(self, prefix: int, v: _Value, unit: str | None) -> int:
        tk = self.tk
        low = tk.low
        i = v.i
        prefix = min(prefix, i)  # ".358": the value opens at its point
        if low[i] == "one" and (
            (low[i - 1 : i] and low[i - 1] in _ONE_PRONOUN_BEFORE)
            or low[v.j : v.j + 1] == ["another"]
            or _one_of_the_most(tk, v.j)
        ):
            return v.j  # "no one", "one another", "one of the most…": pronouns
        if (
            low[i] == "zero" and v.j + 1 < tk.n and low[v.j] in _DASHES
            and tk.joined(v.j - 1) and tk.joined(v.j) and tk.kind[v.j + 1] == "w"
        ):  # fmt: skip
            return v.j + 2  # "a zero-day flaw", "zero-tolerance": a term, not a count
        if v.decade:
            lo = v.low
            q = _make(tk, i, v.j, i, v.j, lo, lo + 9, is_year=lo >= 1000, point=None)
            return self.emit([q], v.j)
        if _date_part(tk, v):
            q = _make(tk, i, v.j, i, v.j, v.low, v.low, is_date_part=True, ordinal=v.ordinal)
            return self.emit([q], v.j)
        tally = self._tally(v)
        if tally is not None:
            return self.emit(tally, v.j + 2)
        # a range: "5-10", "5 to 10", "between 5 and 10", "two or three", "2014-15"
        j, range_end = v.j, None
        between = prefix > 0 and low[prefix - 1] == "between"  # "between $5 and $10 million"
        if j < tk.n and not v.ordinal and not (i > 0 and low[i - 1] == "from"):
            w = self._range_end(v, j, between)
            if w is not None:
                range_end = w
        lo, hi, high_open, point = v.low, v.high, v.high_open, v.point
        vs, ve = i, v.j
        if range_end is not None:
            lo, hi, high_open, point, ve = range_end.low, range_end.high, False, None, range_end.j
            lo = v.low * (range_end.scale if v.scale == 1.0 and range_end.scale > 1 else 1)
            j = range_end.j
            if between:
                prefix -= 1
        span_end = ve
        if v.ordinal and j < tk.n and (tk.kind[j] == "n" or _number_words(tk, j) is not None):
            return j  # "his second one-year extension": a rank; "one-year" is read on its own
        if v.ordinal and j + 1 < tk.n and low[j] in _DASHES and low[j + 1] == "and":
            return j + 2  # "on third-and-goal", "third - and - long": a down, not a count
        # unit sign, then post-approximator, then a hyphenated unit or the head noun
        is_year = (_year_like(tk, v) and range_end is None) or (
            range_end is not None and _year_like(tk, v) and 1800 <= hi <= 2100
        )
        if j < tk.n and low[j] == "%" and tk.joined(j - 1):
            unit, j = "percent", j + 1
            span_end = j
        post = _approx_after(tk, j) if not is_year else None
        if post is not None:
            j = span_end = post[2]
        compound = (
            unit is None
            and j + 1 < tk.n
            and low[j] in _DASHES
            and tk.kind[j + 1] == "w"
            and (
                (tk.glued(j - 1) and tk.glued(j))
                # a text dump's spaced hyphen ("a seven - yard touchdown", "four - quarter"):
                # only before a unit or a fraction, as "12 - the highest toll" is a dash
                or (
                    tk.spaced(j - 1) and tk.spaced(j)
                    and (low[j + 1] in _FRACTIONS or _normal_unit(low[j + 1]) in _lexicon().by_name)
                )
            )
        )  # fmt: skip
        if compound and _out_of(tk, j + 3):
            compound = False  # "29-of-34": the figure stands bare, as in "29 of 34"
        if compound:  # "30-day", "three-year", "1,000-kilometer", "11-year-old"
            word = low[j + 1]
            if word in _FRACTIONS:
                return j + 2  # "two-thirds": fractions are not read
            if v.ordinal and word.endswith("est"):
                return j + 2  # "second-largest": a rank, not a quantity
            if word in _IDIOM_COMPOUNDS:
                return j + 2  # "a one-sided contest", "a one-off payment": no count
            unit, j = _normal_unit(word), j + 2
            if (
                unit in _TIME_UNITS and j + 1 < tk.n and low[j] in _DASHES
                and ((tk.glued(j - 1) and tk.glued(j)) or (tk.spaced(j - 1) and tk.spaced(j)))
                and low[j + 1] == "old"
            ):  # fmt: skip
                unit, j = unit + "-old", j + 2
            span_end = j
        elif unit is None:
            head = _head(tk, j, singular=(v.low == 1 and range_end is None) or v.ordinal)
            if head is not None:
                unit, span_end = head
                if unit in _TIME_UNITS and low[span_end : span_end + 1] == ["old"]:
                    unit, span_end = unit + "-old", span_end + 1  # "85 years old"
            else:
                unit = _unit_before(tk, prefix)  # "aged 85", "magnitude 6.1"
        else:
            named = _unit_at(tk, j) if j < tk.n else None
            if named is not None and named[0] == unit:
                span_end = named[1]  # "2.5 billion dollars" after "$", "80% per cent"
        # calendar years: a bare 4-digit number 1800-2100 with a year cue or no counted noun
        if is_year:
            prev = low[i - 1] if i > 0 else ""
            cue = prev in _YEAR_CUES or _is_month(tk, i - 1) or prev == ","
            if cue or unit is None or post is not None:
                q = _make(tk, i, ve, i, ve, lo, hi, is_year=True, point=point)
                return self.emit([q], ve)
        approx = _approx_before(tk, prefix, self.floor, self.last_end, is_measure_unit(unit))
        if (
            approx is not None and unit in _TIME_UNITS
            and _over_a_span(tk, approx.start_tok, span_end, self.last_end)
        ):  # fmt: skip
            approx = None
        start = prefix
        cls, shown = "exact", None
        if approx is not None:
            start, cls, shown = approx.start_tok, approx.cls, approx.shown
        elif post is not None:
            cls, shown = post[0], post[1]
        value = _Value(i, ve, lo, hi, high_open=high_open, point=point, vague=v.vague)
        ordinal = v.ordinal
        if ordinal and unit in _TIME_UNITS and range_end is None:
            # "its fourth year": between three and four years have elapsed
            value.low, value.high, value.high_open = v.low - 1, v.low, True
        q_lo, q_hi, lo_open, hi_open = _apply(cls, value)
        q = _make(
            tk, start, span_end, vs, ve, q_lo, q_hi, low_open=lo_open, high_open=hi_open,
            point=None if v.vague else point, unit=unit, approx=shown, vague=v.vague,
            ordinal=ordinal,
        )  # fmt: skip
        return self.emit([q], span_end)

    def _tally(self, v: _Value) -> list[Quantity] | None:
        """Two figures glued by a dash near a score or vote word ("tied 2-2", "held by
        England 2-9", "a 5-4 vote"): a tally of two figures, not a range, or None."""
        tk, i, j = self.tk, v.i, v.j
        if not (
            v.digits and v.scale == 1.0 and not _year_like(tk, v)
            and j + 1 < tk.n and tk.low[j] in _DASHES
            and tk.glued(j - 1) and tk.glued(j) and tk.kind[j + 1] == "n"
            and (j + 2 >= tk.n or not tk.glued(j + 1) or tk.low[j + 2] in _TALLY_ENDS)
        ):  # fmt: skip
            return None
        near = tk.low[max(0, i - _TALLY_WINDOW) : i] + tk.low[j + 2 : j + 2 + _TALLY_WINDOW]
        # a team's record in brackets after its name: "the Colts (11-4)", "Denton (7-2)"
        bracketed = (
            i >= 2 and tk.low[i - 1] == "(" and tk.glued(i - 1) and tk.t[i - 2][:1].isupper()
            and j + 2 < tk.n and tk.low[j + 2] == ")" and tk.glued(j + 1)
        )  # fmt: skip
        if not (bracketed or any(w in _TALLY_CUES for w in near)):
            return None
        try:
            second = float(tk.t[j + 1].replace(",", ""))
        except ValueError:
            return None
        # the figures of a score or a record count points, games or votes: no length of
        # time or sum ("one day after …" / "a 9-14 start")
        return [
            _make(tk, i, j, i, j, v.low, v.low, point=v.low, unit=TALLY),
            _make(tk, j + 1, j + 2, j + 1, j + 2, second, second, point=second, unit=TALLY),
        ]

    def _range_end(self, v: _Value, j: int, between: bool) -> _Value | None:
        """Read the upper end of a range starting at token ``j``, or None."""
        tk = self.tk
        w = tk.low[j]
        # the end may repeat the start's currency sign: "$140-$150 million", "$140- $150m"
        k = j + 1
        sign = v.i > 0 and tk.low[v.i - 1] in _CURRENCY_SIGNS and tk.glued(v.i - 1)
        if sign and k + 1 < tk.n and tk.low[k] == tk.low[v.i - 1] and tk.glued(k):
            k += 1
        if w in _DASHES:
            if not (
                v.digits and tk.glued(j - 1) and (tk.glued(j) or (k > j + 1 and tk.spaced(j)))
            ) and not (w != "-" and tk.spaced(j - 1) and tk.spaced(j)):
                return None
        elif (w == "and" and between) or w in ("to", "or"):
            if not (tk.spaced(j - 1) and tk.spaced(j)):
                return None
        else:
            return None
        if k >= tk.n or (v.digits and tk.kind[k] != "n"):
            return None
        end = _read_value(tk, k, range_end=True)
        if end is None or end.vague or end.ordinal or end.decade or end.unit:
            return None
        if _year_like(tk, v) and end.digits and len(tk.t[end.i]) == 2 and w in _DASHES:
            # "2014-15": a season or financial year
            century = v.low - v.low % 100
            end.low = end.high = century + end.low
        scaled_low = v.low * (end.scale if v.scale == 1.0 and end.scale > 1 else 1)
        if not end.low > scaled_low:
            return None
        return end


# --------------------------------------------------------------------------- public API


def extract_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Return the numeric mentions in ``text[start:end]``, in text order, offsets into ``text``.

    >>> [(q.low, q.high, q.unit, q.approx) for q in extract_quantities("nearly three years")]
    [(2.4, 3.0, 'year', 'nearly')]
    >>> q = extract_quantities("the more than three-year war")[0]
    >>> (q.low, q.low_open, q.high, q.unit)
    (3.0, True, inf, 'year')
    """
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    if start >= end:
        return []
    return _Scanner(_Tokens(text, start, end)).run()


def _category(q: Quantity) -> str:
    if q.is_year:
        return "year"
    if q.is_time:
        return "time"
    if q.is_date_part:
        return "date"
    if q.ordinal and (q.unit not in _TIME_UNITS or q.unit in ("century", "decade")):
        return "rank"  # "the 20th century" is an era, not 19 to 20 centuries elapsed
    return "count"


def is_measure_unit(unit: str | None) -> bool:
    """Whether ``unit`` is a unit of measure (money, share, length, time…), not a counted noun.

    >>> is_measure_unit("percent"), is_measure_unit("people"), is_measure_unit("official")
    (True, False, False)
    """
    known = _lexicon().by_name.get(unit) if unit is not None else None
    return known is not None and known.dimension != "person"


def _dimension(unit: str) -> tuple[str, float]:
    """Return ``(dimension, factor to the dimension's base unit)`` for a normalised unit."""
    lex = _lexicon()
    known = lex.by_name.get(unit)
    if known is not None:
        return known.dimension, known.factor
    return lex.group.get(unit, unit), 1.0


def _vague_count_against_measure(a: Quantity, b: Quantity) -> bool:
    """Whether ``a`` is a bare vague count ("hundreds", "dozens") and ``b`` a measure with a
    unit of its own (money, length, percent): "hundreds of low-power processors" counts
    things, which "$334 million" does not."""
    return a.unit is None and a.vague and is_measure_unit(b.unit)


def _fraction_against_count(a: Quantity, b: Quantity) -> bool:
    """Whether ``a`` is a bare fraction (".358", "2.5") and ``b`` counts things ("13 home
    runs", "3 people"): a rate or an average, which no count of whole things can be."""
    return (
        a.unit is None and a.point is not None and a.point != int(a.point)
        and b.unit is not None and b.unit != "magnitude" and not is_measure_unit(b.unit)
    )  # fmt: skip


def _zoned(a: Quantity, b: Quantity) -> Relation:
    """Compare two clock times given in different zones: converted when both are US zones
    ("4:30 p.m. ET" is "1:30 p.m. PST"), unrelated otherwise ("3:30 p.m." may be local)."""
    if a.zone not in _US_ZONES or b.zone not in _US_ZONES:
        return "unrelated"
    shift = _US_ZONES[a.zone] - _US_ZONES[b.zone]
    if not 0 <= b.low + shift < 24:  # across midnight: "1 a.m. ET" is "10 p.m. PT"
        shift += 24 if b.low + shift < 0 else -24
    return relation(replace(b, low=b.low + shift, high=b.high + shift, zone=a.zone), a)


def _rounding(value: float) -> float:
    """Half the last written digit of ``value``, relative to it: 6 → 0.083 (6 ± 0.5), 22 →
    0.023, 6.2 → 0.008, 1,200 → 0.0004. The error a printed figure carries.

    >>> round(_rounding(6.0), 3), round(_rounding(6.2), 3)
    (0.083, 0.008)
    """
    if value <= 0:
        return 0.0
    decimals = f"{value:.6f}".rstrip("0").split(".")[1]
    return 0.5 * 10.0 ** -len(decimals) / value


def _before(high: float, high_open: bool, low: float, low_open: bool) -> bool:
    """Whether a range ending at ``high`` lies wholly below one starting at ``low``."""
    return high < low or (high == low and (high_open or low_open))


# Converting between units (km vs miles) loses the rounding of the printed figures:
# "1,200 kilometers (745 miles)" differ by 0.09%. Converted bounds are widened by this much;
# for time, by the spread of month lengths ("30-day" vs "one month": 28-31 days).
CONVERSION_TOLERANCE = {"time": 0.035}
DEFAULT_CONVERSION_TOLERANCE = 0.01


def relation(a: Quantity, b: Quantity) -> Relation:
    """Compare two mentions as ranges: equal, precision (overlap), conflict (disjoint), unrelated.

    Mentions of different kinds (a year and a count, percent and km, years and people) are
    unrelated; a unit of None compares by value, except with a magnitude, which it only
    equals. An open bound at a hedge's own figure does not exclude a bare statement of that
    figure: "almost 80%" refines "80%" (the bare figure is itself rounded), while "nearly
    three years" and "more than three years" conflict.

    >>> a, b = extract_quantities("2 and two")
    >>> relation(a, b)
    'equal'
    >>> relation(*extract_quantities("19 killed, 20 killed"))
    'conflict'
    """
    if _category(a) != _category(b):
        return "unrelated"
    if a.is_time and b.is_time and a.zone != b.zone:
        return _zoned(a, b)
    if (a.unit is None) != (b.unit is None) and (a.unit or b.unit) == "magnitude":
        # a magnitude against a bare figure: the same figure, or two things ("a magnitude
        # 6.1 quake" / "Five wounded"); a bare figure may be an age ("dies at 116")
        return "equal" if (a.low, a.high) == (b.low, b.high) else "unrelated"
    if _vague_count_against_measure(a, b) or _vague_count_against_measure(b, a):
        return "unrelated"
    if _fraction_against_count(a, b) or _fraction_against_count(b, a):
        return "unrelated"
    fa = fb = 1.0
    if a.unit is not None and b.unit is not None and a.unit != b.unit:
        (da, fa), (db, fb) = _dimension(a.unit), _dimension(b.unit)
        if da != db:
            return "unrelated"
    tol = 0.0
    if fa != fb:
        tol = CONVERSION_TOLERANCE.get(da, DEFAULT_CONVERSION_TOLERANCE)
    a_lo, a_hi, b_lo, b_hi = a.low * fa, a.high * fa, b.low * fb, b.high * fb
    if tol:
        if a.exact and b.exact:
            # each printed figure is itself rounded: "10 kilometers (six miles)" is 9.7 km
            slack = max(tol, _rounding(a.low), _rounding(b.low))
            return "equal" if math.isclose(a_lo, b_lo, rel_tol=slack) else "conflict"
        a_lo, a_hi = a_lo * (1 - tol), a_hi * (1 + tol)
        b_lo, b_hi = b_lo * (1 - tol), b_hi * (1 + tol)
    elif (a.low, a.high, a.low_open, a.high_open) == (b.low, b.high, b.low_open, b.high_open):
        return "equal"
    # an open bound at the hedge's own figure is soft against a bare figure (see above)
    a_lo_open = a.low_open and not (b.exact and a.point is not None and a.low == a.point)
    a_hi_open = a.high_open and not (b.exact and a.point is not None and a.high == a.point)
    b_lo_open = b.low_open and not (a.exact and b.point is not None and b.low == b.point)
    b_hi_open = b.high_open and not (a.exact and b.point is not None and b.high == b.point)
    if _before(a_hi, a_hi_open, b_lo, b_lo_open) or _before(b_hi, b_hi_open, a_lo, a_lo_open):
        return "conflict"
    return "precision"
