"""Find whole lines of page furniture (cookie banners, "Read more:" links, credits).

The patterns live in ``divergence/data/boilerplate.txt``; this module only applies them.
Ranges are half-open ``(start, end)`` offsets of whole lines (without their ``\\n``), so the
text never changes: the pipeline just does not segment or compare them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

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
    return len(stripped) <= MAX_FURNITURE_CHARS and _patterns().fullmatch(stripped) is not None


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
