"""Load the small data files in ``divergence/data`` (lexicons live in data, not code)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources


def data_lines(name: str) -> list[str]:
    """Return the non-comment, non-blank lines of ``divergence/data/<name>``."""
    text = resources.files("divergence").joinpath("data", name).read_text(encoding="utf-8")
    return [
        ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")
    ]


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """Return a crude singular/base form for lexicon matching (no model, no dictionary).

    >>> [lemma(w) for w in ["Soldiers", "militias", "men", "authorities", "news", "process"]]
    ['soldier', 'militia', 'man', 'authority', 'news', 'process']
    """
    w = word.lower().replace("’", "'")
    irregular = {
        "men": "man",
        "women": "woman",
        "people": "people",
        "children": "child",
        "news": "news",
    }
    if w in irregular:
        return irregular[w]
    if w.endswith("men") and len(w) > 5:
        return w[:-3] + "man"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


@lru_cache(maxsize=65536)
def base_form(word: str) -> str:
    """Return ``lemma`` with irregular verb forms mapped to their base ("won" -> "win").

    >>> [base_form(w) for w in ["won", "Said", "soldiers", "held"]]
    ['win', 'say', 'soldier', 'hold']
    """
    w = word.lower().replace("’", "'")
    return classed("irregular_verbs.txt").get(w) or lemma(w)


_SUFFIXES = (("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


def stem(word: str) -> str:
    """A crude stem: base form with a common suffix, a doubled last consonant and a final
    "e" off ("carrying"/"carried"/"carry", "stopped"/"stop", "continued"/"continue",
    "won"/"win").

    >>> [stem(w) for w in ["carrying", "carried", "stopped", "continued", "won", "revealed"]]
    ['carry', 'carry', 'stop', 'continu', 'win', 'reveal']
    """
    w = base_form(word)
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + repl
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    return w[:-1] if len(w) > 3 and w.endswith("e") else w


@dataclass(frozen=True)
class Label:
    cls: str
    connotation: str
    severity: str
    words: tuple[str, ...]  # lemmatised tokens of the phrase


@lru_cache(maxsize=1)
def labels() -> tuple[Label, ...]:
    out = []
    for line in data_lines("labels.txt"):
        cls, connotation, severity, words = (p.strip() for p in line.split("|"))
        for phrase in words.split(","):
            toks = tuple(lemma(t) for t in phrase.split())
            if toks:
                out.append(Label(cls, connotation, severity, toks))
    # longest phrases first, so "illegal immigrant" wins over "immigrant"
    return tuple(sorted(out, key=lambda lb: -len(lb.words)))


def content_words(text: str) -> frozenset[str]:
    """Return the lemmatised content words of a text (for lexical overlap). A lone letter
    is no content word: "m." is what is left of a cut "p.m.", "J." of a name.

    >>> sorted(content_words("The two soldiers were captured on Tuesday at 5 p.m."))
    ['2', '5', 'captured', 'pm', 'soldier', 'tuesday']
    >>> sorted(content_words("m., Okafor told reporters."))
    ['okafor', 'reporter']
    """
    from divergence.diff import tokenize

    stop = word_set("stopwords.txt")
    return frozenset(
        lemma(t.norm)
        for t in tokenize(text)
        if t.is_word and t.norm not in stop and (len(t.norm) > 1 or t.norm.isdigit())
    )


@cache
def word_set(name: str) -> frozenset[str]:
    """Return the entries of a one-entry-per-line data file, lowercased (classes dropped)."""
    return frozenset(classed(name))


@cache
def classed(name: str) -> dict[str, str]:
    """Return ``entry -> class`` of a data file of ``entry | class`` lines ("" if no class)."""
    out = {}
    for line in data_lines(name):
        entry, _, cls = line.partition("|")
        out[entry.strip().lower()] = cls.strip()
    return out


# British spellings and their American forms, by the regular patterns of the two
# (Merriam-Webster and Oxford usage notes): "neighbour"/"neighbor", "fibre"/"fiber",
# "organise"/"organize", "analyse"/"analyze", "travelled"/"traveled",
# "catalogue"/"catalog", "defence"/"defense". Each rule needs a long enough stem that no
# two English words meet ("four" / "for" are left alone); a word the rules do not touch
# stays as it is.
_US_RULES = [
    (re.compile(r"^(\w{3,})our(s|ed|ing|ite|ites|able|hood|hoods)?$"), r"\1or\2"),
    (re.compile(r"^(\w{2,}[bcdgklmnptv])re(s)?$"), r"\1er\2"),
    (re.compile(r"^(\w{2,}[bcdgklmnptv])red$"), r"\1ered"),
    (re.compile(r"^(\w{3,})is(e|es|ed|ing|ation|ations|er|ers)$"), r"\1iz\2"),
    (re.compile(r"^(\w{2,})ys(e|es|ed|ing)$"), r"\1yz\2"),
    (re.compile(r"^(\w{3,}e)ll(ed|ing|er|ers)$"), r"\1l\2"),
    (re.compile(r"^(\w{3,})ogue(s)?$"), r"\1og\2"),
    (re.compile(r"^(def|off|lic|pret)ence(s)?$"), r"\1ense\2"),
]
_US_WORDS = {"programme": "program", "programmes": "programs", "grey": "gray",
             "aluminium": "aluminum", "tyre": "tire", "tyres": "tires", "cheque": "check",
             "cheques": "checks", "manoeuvre": "maneuver", "manoeuvres": "maneuvers"}  # fmt: skip


def us_spelling(word: str) -> str:
    """The American spelling of a (lowercase) word spelled the British way.

    >>> us_spelling("neighbourhood"), us_spelling("fibre"), us_spelling("four")
    ('neighborhood', 'fiber', 'four')
    """
    if word in _US_WORDS:
        return _US_WORDS[word]
    for pattern, repl in _US_RULES:
        if pattern.match(word):
            return pattern.sub(repl, word)
    return word
