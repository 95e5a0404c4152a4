"""Find whole lines of page furniture (cookie banners, "Read more:" links, credits).

The patterns live in ``divergence/data/boilerplate.txt``; this module only applies them.
Ranges are half-open ``(start, end)`` offsets of whole lines (without their ``\\n``), so the
text never changes: the pipeline just does not segment or compare them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from divergence.lexicon import classed

# Furniture lines are short; longer lines are paragraphs and are never tested (this also
# bounds the regex work on a multi-megabyte article).
MAX_FURNITURE_CHARS = 800
# A link title standing alone after an empty "Read more here:" (seeds/000) is furniture too,
# if it reads like a headline: no final full stop and short.
_READ_MORE_ALONE = re.compile(r"(?i)(?:read more|also read|read also|related)(?: here)?\s*:")
_MAX_LINK_TITLE_CHARS = 200
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_DEFINE = re.compile(r"define\s+([A-Z]+)\s+(.+)")
_PIECE = re.compile(r"%([A-Z]+)%")


def load_patterns(lines: list[str]) -> re.Pattern[str]:
    """Compile the lines of a pattern file into one alternation, matched with fullmatch.

    >>> p = load_patterns(["# comment", "define X [0-9]+", "(?i)page %X%", "By [A-Z]\\\\w+"])
    >>> bool(p.fullmatch("PAGE 12")), bool(p.fullmatch("by hand")), bool(p.fullmatch("By Ann"))
    (True, False, True)
    """
    pieces: dict[str, str] = {}
    alternatives: list[str] = []
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        line = _PIECE.sub(lambda m: pieces[m.group(1)], line)
        define = _DEFINE.fullmatch(line)
        if define:
            pieces[define.group(1)] = define.group(2)
            continue
        # A global "(?i)" is only allowed at the start of a whole regex: scope it instead.
        if line.startswith("(?i)"):
            line = f"(?i:{line[4:]})"
        try:
            re.compile(line)
        except re.error as err:
            raise ValueError(f"boilerplate pattern on line {number} is invalid: {err}") from err
        alternatives.append(f"(?:{line})")
    return re.compile("|".join(alternatives) or r"(?!)")


@lru_cache(maxsize=1)
def _patterns() -> re.Pattern[str]:
    data = resources.files("divergence").joinpath("data", "boilerplate.txt")
    return load_patterns(data.read_text(encoding="utf-8").splitlines())


def is_furniture(line: str) -> bool:
    """Return True when the whole line (stripped) is page furniture.

    >>> is_furniture("By Henry Moore"), is_furniture("By Tuesday the talks had failed.")
    (True, False)
    """
    stripped = line.strip()
    if len(stripped) > MAX_FURNITURE_CHARS:
        return False
    return _patterns().fullmatch(stripped) is not None or is_stamp(stripped)


# A dateline stamp comes in more shapes than patterns can list ("Sat Nov 12 2011, 01:19
# hrs", "POSTED: 1052 GMT (1852 HKT), April 10, 2007", "TNN Nov 12, 2011, 05.51AM IST
# MUMBAI:"), so a line is also read word by word: a stamp is made only of dates, times,
# zones and the words that name a stamp, with at most a place or an agency before or after.
_MAX_STAMP_CHARS = 90
_MAX_PLACE_WORDS = 2  # words in capitals a stamp may carry: a headline in capitals has more
_STAMP_TOKEN = re.compile(r"[A-Za-z]+|\d+(?:st|nd|rd|th)?|[^\sA-Za-z\d]")
_STAMP_MARKS = frozenset(",.:|/-–—()@+•·")
_NUMERIC_DATE = re.compile(r"\b\d{1,4} ?[/.-] ?\d{1,2} ?[/.-] ?\d{2,4}\b")
_CLOCK = re.compile(
    r"\b\d{1,2}[:.]\d\d|\b\d{1,2} ?[AaPp]\.? ?[Mm]\b|\b\d{3,4} ?(?:GMT|UTC|[A-Z]{2,4}T)\b"
)
_MONTH_NAME = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b\.?\s*\d"
)


def is_stamp(line: str) -> bool:
    """Whether a line is a dateline stamp: dates, times, zones and stamp words only, and a
    date or a clock time among them. Words of any other kind may only name a place or an
    agency: in capitals, a known agency, or a name before a comma ("Mumbai, Nov 11 -",
    "Washington D. C., Jul 13, 2009 / 02:00 pm (CNA)").

    >>> is_stamp("Sat Nov 12 2011, 01:19 hrs"), is_stamp("Published: 2012.08.08 09:01 AM")
    (True, True)
    >>> is_stamp("Storm Hits Florida On March 3"), is_stamp("Saturday, Jan. 15 at the Dome.")
    (False, False)
    >>> is_stamp("STORM HITS FLORIDA ON MARCH 3")
    False
    """
    if len(line) > _MAX_STAMP_CHARS:
        return False
    if not (_NUMERIC_DATE.search(line) or _CLOCK.search(line) or _MONTH_NAME.search(line)):
        return False
    words = classed("stamp_words.txt")
    tokens = _STAMP_TOKEN.findall(line)
    capitals = 0
    for k, tok in enumerate(tokens):
        if tok[0].isdigit() or tok in _STAMP_MARKS or tok.lower() in words:
            continue  # a figure, a mark or a stamp's word
        if tok.isupper() and len(tok) > 1:
            capitals += 1  # a place in capitals ("MUMBAI:", "UNITED STATES")
            continue
        if tok[0].isupper() and _names_a_place(tokens, k):
            continue
        return False
    return capitals <= _MAX_PLACE_WORDS


def _names_a_place(tokens: list[str], k: int) -> bool:
    """Whether capitalised token ``k`` belongs to a name of up to three words (initials
    with their full stops included) that a comma ends: "Mumbai, Nov 11", "Washington D.
    C., Jul 13"."""
    words = 0
    for tok in tokens[k:]:
        if tok == ",":
            return True
        if tok == ".":
            continue
        if not tok[0].isupper() or words == 3:
            return False
        words += 1
    return False


def boilerplate_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Return sorted, disjoint ``(start, end)`` ranges of the furniture lines of ``text``.

    >>> text = "Headline\\nBy Ann Lee\\nBody sentence."
    >>> [text[s:e] for s, e in boilerplate_ranges(text)]
    ['By Ann Lee']
    """
    ranges: list[tuple[int, int]] = []
    after_read_more = False
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        stripped = line.strip()
        if stripped:
            if after_read_more and _is_link_title(stripped):
                ranges.append((start, end))
                after_read_more = False
            elif is_furniture(stripped):
                ranges.append((start, end))
                after_read_more = _READ_MORE_ALONE.fullmatch(stripped) is not None
            else:
                after_read_more = False
        start = end + 1
    return tuple(ranges)


def _is_link_title(line: str) -> bool:
    return len(line) <= _MAX_LINK_TITLE_CHARS and not _SENTENCE_END.search(line)
