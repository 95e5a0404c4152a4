"""Word-level diff of aligned passages (difflib, ``autojunk=False``) with character spans.

Tokens are compared by a normalised form (case, quote glyphs, "U.S."/"US", number words
and digits, doubled letters as in "Zelenskyy"/"Zelensky", British and American spelling),
never by their display text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:['’\-]\w+)*|[^\w\s]")
_GLYPHS = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    }
)  # fmt: skip
NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17",
    "eighteen": "18", "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40",
    "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    "hundred": "100", "thousand": "1000",
}  # fmt: skip
_SPELLING = {
    "us": "us",
    "u.s": "us",
    "u.s.": "us",
    "uk": "uk",
    "u.k.": "uk",
    "un": "un",
    "u.n.": "un",
}


# British and American spellings of one word match: "-our" words by list (a rule would
# fold "four" and "your"), "-ence" nouns by list, "-ise"/"-yse" and "-tre" by rule.
_UK_OUR = frozenset([
    "armour", "behaviour", "candour", "clamour", "colour", "endeavour", "favour", "fervour",
    "flavour", "glamour", "harbour", "honour", "humour", "labour", "neighbour", "odour",
    "parlour", "rancour", "rigour", "rumour", "saviour", "savour", "splendour", "tumour",
    "valour", "vapour", "vigour",
])  # fmt: skip
_UK_WORDS = {
    "offence": "offense", "defence": "defense", "licence": "license", "pretence": "pretense",
    "programme": "program", "grey": "gray", "jewellery": "jewelry", "sceptic": "skeptic",
    "sceptical": "skeptical", "manoeuvre": "maneuver", "aluminium": "aluminum",
}  # fmt: skip
_UK_OUR_FORM = re.compile(r"([a-z]+)our(s|ed|ing|ite|ites|able|ably|er|ers|ful)?")
_IZE = re.compile(r"([a-z]{2,}[iy])z(e|ed|es|ing|ation|ations|er|ers)")
_TRE = re.compile(r"([a-z]{2,})tre(s)?")


def one_spelling(word: str) -> str:
    """One spelling of a lower-case word for British and American forms, for matching only:
    American for "-our", "-ence" and "-tre" words, "-ise" for "-ize" (folding "z" to "s"
    there joins no two words: "size" becomes no other word).

    >>> [one_spelling(w) for w in ["colour", "honoured", "four", "offences", "centre"]]
    ['color', 'honored', 'four', 'offenses', 'center']
    >>> [one_spelling(w) for w in ["organize", "organise", "analyzed", "citizen"]]
    ['organise', 'organise', 'analysed', 'citizen']
    """
    plural = word.endswith("s") and word[:-1] in _UK_WORDS
    if word in _UK_WORDS or plural:
        return _UK_WORDS[word[:-1] if plural else word] + ("s" if plural else "")
    m = _UK_OUR_FORM.fullmatch(word)
    if m and m.group(1) + "our" in _UK_OUR:
        return f"{m.group(1)}or{m.group(2) or ''}"
    m = _TRE.fullmatch(word)
    if m and word != "entre":
        return f"{m.group(1)}ter{m.group(2) or ''}"
    m = _IZE.fullmatch(word)
    if m:
        return f"{m.group(1)}s{m.group(2)}"
    return word


@dataclass(frozen=True)
class Token:
    """A word or punctuation mark: ``text == source[start:end]``; ``norm`` is for matching."""

    start: int
    end: int
    text: str
    norm: str
    is_word: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "is_word", self.text[:1].isalnum() or self.text[:1] == "_")


@lru_cache(maxsize=1 << 16)
def normalise_token(text: str) -> str:
    """Return the matching form of one token.

    >>> [normalise_token(t) for t in ["U.S.", "Two", "Zelenskyy", "“", "three-year"]]
    ['us', '2', 'zelensky', '"', '3-year']
    """
    t = text.translate(_GLYPHS).lower()
    t = unicodedata.normalize("NFKD", t)
    t = "".join(c for c in t if not unicodedata.combining(c))
    if t in _SPELLING:
        return _SPELLING[t]
    if t.isalpha():
        t = one_spelling(t)
    if "." in t and len(t) <= 6 and t.replace(".", "").isalpha():
        t = t.replace(".", "")
        return _SPELLING.get(t, t)
    parts = t.split("-")
    parts = [NUMBER_WORDS.get(p, p) for p in parts]
    t = "-".join(parts)
    t = re.sub(r"([a-z])\1+", r"\1", t)  # Zelenskyy/Zelensky, travelled/traveled
    t = t.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+", t) else t
    return t


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokenise ``text[start:end]``; offsets are into ``text``.

    >>> [t.text for t in tokenize('He said "U.S. troops" left.')]
    ['He', 'said', '"', 'U.S.', 'troops', '"', 'left', '.']
    """
    end = len(text) if end is None else end
    return [
        Token(m.start(), m.end(), m.group(), normalise_token(m.group()))
        for m in _TOKEN.finditer(text, start, end)
    ]


@dataclass(frozen=True)
class Edit:
    """One difflib opcode over token lists: ``left[i1:i2]`` became ``right[j1:j2]``."""

    tag: str  # "replace", "delete", "insert" ("equal" runs are not kept)
    i1: int
    i2: int
    j1: int
    j2: int


def matching_blocks(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int]]:
    """difflib's matching blocks ``(i, j, size)`` of ``a`` and ``b``, the same whichever
    comes first: difflib settles ties between equally long matches by their place in its
    first sequence, so "the rebels" in one passage could pair with either of two in the
    other depending on input order. Matching the lesser sequence first makes a report of
    B against A mirror A against B.

    >>> matching_blocks(list("xaya"), list("a")), matching_blocks(list("a"), list("xaya"))
    ([(1, 0, 1), (4, 1, 0)], [(0, 1, 1), (1, 4, 0)])
    """
    if list(b) < list(a):
        swapped = SequenceMatcher(None, b, a, autojunk=False).get_matching_blocks()
        return [(i, j, size) for j, i, size in swapped]
    return [tuple(m) for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()]  # type: ignore[misc]


class Matcher:
    """difflib's matching of two sequences, taken once and the same whichever comes first
    (:func:`matching_blocks`), with the opcodes and the ratio that ``SequenceMatcher``
    derives from its blocks."""

    def __init__(self, a: Sequence[str], b: Sequence[str]) -> None:
        self.blocks = matching_blocks(a, b)
        self.size = len(a) + len(b)

    def opcodes(self) -> list[tuple[str, int, int, int, int]]:
        """The opcodes, built as ``SequenceMatcher.get_opcodes`` builds them."""
        ops: list[tuple[str, int, int, int, int]] = []
        i = j = 0
        for ai, bj, size in self.blocks:
            if i < ai or j < bj:
                tag = "replace" if i < ai and j < bj else "delete" if i < ai else "insert"
                ops.append((tag, i, ai, j, bj))
            i, j = ai + size, bj + size
            if size:
                ops.append(("equal", ai, i, bj, j))
        return ops

    def ratio(self) -> float:
        """Twice the matched items over all items (1.0 for two empty sequences)."""
        if not self.size:
            return 1.0
        return 2.0 * sum(size for _, _, size in self.blocks) / self.size


def opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes of ``a`` and ``b``, the same whichever comes first."""
    return Matcher(a, b).opcodes()


def word_diff(left: list[Token], right: list[Token], matcher: Matcher | None = None) -> list[Edit]:
    """Return the non-equal opcodes between two token lists, ignoring punctuation-only edits.
    ``matcher``: the matching of the two lists' normalised forms, when already taken."""
    if matcher is None:
        matcher = Matcher([t.norm for t in left], [t.norm for t in right])
    edits = []
    for tag, i1, i2, j1, j2 in matcher.opcodes():
        if tag == "equal":
            continue
        if not any(t.is_word for t in left[i1:i2]) and not any(t.is_word for t in right[j1:j2]):
            continue
        edits.append(Edit(tag, i1, i2, j1, j2))
    return edits


def token_ratio(left: list[Token], right: list[Token]) -> float:
    """Return difflib's ratio over the normalised words (punctuation left out), 0..1."""
    return Matcher(
        [t.norm for t in left if t.is_word], [t.norm for t in right if t.is_word]
    ).ratio()


def span_of(tokens: list[Token], i1: int, i2: int) -> tuple[int, int] | None:
    """Return the character span covering ``tokens[i1:i2]``, or None if empty."""
    if i2 <= i1:
        return None
    return tokens[i1].start, tokens[i2 - 1].end
