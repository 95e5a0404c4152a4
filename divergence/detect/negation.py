"""``content.negation``: aligned passages whose polarity differs (a cue on one side only).

"is" vs "is not", "confirmed" vs "did not confirm": the strongest change of meaning a
paraphrase can hide, and one embeddings barely see.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from divergence.detect.base import ArticleView, Context, PairView, finding, short
from divergence.diff import Token
from divergence.lexicon import data_lines, stem, word_set
from divergence.segment import abbreviation
from divergence.types import Divergence


def cue(token: Token) -> str | None:
    """Return the negation cue a token carries, if any.

    >>> cue(Token(0, 6, "didn't", "didn't")), cue(Token(0, 3, "not", "not")), cue(Token(0, 2, "is", "is"))
    ("n't", 'not', None)
    """
    return word_cue(token.text)


def word_cue(word: str) -> str | None:
    """Return the negation cue a word carries, if any (``cue`` for a bare word)."""
    low = word.lower().replace("’", "'")
    if low.endswith("n't"):
        return "n't"
    if low == "cannot":
        return "not"
    if low in _BARE_CONTRACTIONS:
        return "n't"  # "dont", "cant": a contraction typed without its apostrophe
    return low if low in word_set("negations.txt") else None


# contracted negations whose verb is not the word less its "n't"
_NEGATED_VERBS = {"won't": "will", "can't": "can", "shan't": "shall"}


def negated_verb(word: str) -> str | None:
    """The verb a contracted negation negates: "didn't" -> "did", "won't" -> "will",
    "cannot" -> "can" (the word's own letters, case kept, where they spell it); None for
    any other word."""
    low = word.lower().replace("’", "'")
    if low == "cannot":
        return word[:3]
    if low.endswith("n't") and len(low) > 3:
        return _NEGATED_VERBS.get(low, word[:-3])
    return None


_BARE_CONTRACTIONS = frozenset(
    ["dont", "doesnt", "didnt", "cant", "couldnt", "wont", "wouldnt", "shouldnt", "isnt",
     "arent", "wasnt", "werent", "hasnt", "havent", "hadnt", "mustnt", "neednt", "aint"]
)  # fmt: skip


_TWO_WORD_CUES = {("rather", "than"), ("yet", "to")}


# a negated verb of exclusion affirms a possibility: "didn't rule out sweetening the offer"
# is "has hinted that it could increase the offer" (litotes)
_EXCLUDE = frozenset(["exclude", "excludes", "excluded", "excluding", "preclude", "precludes",
                      "precluded", "precluding"])  # fmt: skip


def _litotes(toks: list[Token], i: int) -> bool:
    """True when the cue at token i negates a verb of exclusion ("not rule out", "did not
    exclude"): the two negations cancel."""
    word = _negated_word(toks, i)
    if word is None:
        return False
    k = toks.index(word)
    following = toks[k + 1].norm if k + 1 < len(toks) else ""
    return word.norm in _EXCLUDE or (word.norm in ("rule", "rules", "ruled", "ruling")
                                     and following == "out")  # fmt: skip


# A verb of failure or decline negates only an act it governs: "failed to win", "declined
# to comment", "declined the offer". Without one it names a thing or reports a fall or a
# breakdown: "her failed campaign", "the decline in sales", "shares declined 5%", "the
# undersea cables failed" (said elsewhere "were damaged") negate nothing.
_FAIL_DECLINE = frozenset(["fail", "fails", "failed", "failing", "decline", "declines", "declined",
                           "declining"])  # fmt: skip
_DETERMINERS = frozenset(["a", "an", "the", "his", "her", "its", "their", "our", "my", "your",
                          "this", "that", "these", "those", "any", "all"])  # fmt: skip


def _ungoverning(toks: list[Token], i: int) -> bool:
    """True when the cue at token i is a verb of failure or decline with no act after it:
    not "to" and an infinitive, not an object ("the offer", "comment")."""
    if toks[i].norm not in _FAIL_DECLINE:
        return False
    following = toks[i + 1].norm if i + 1 < len(toks) else ""
    return following not in ("to", "comment") and following not in _DETERMINERS


_NOT = frozenset(["not", "n't", "never", "no"])
_CANCEL_REACH = 15  # tokens from "not" to a "without" that cancels it
_CANCEL_BREAKS = frozenset(["and", "or", "but", ";", ".", "!", "?"])
_SENTENCE_BREAKS = _CANCEL_BREAKS - {"and", "or"}
_UNTIL_REACH = 8  # tokens from "not" to the "until" that makes it a time


def _not_until(toks: list[Token], i: int) -> bool:
    """True when the cue at token i times an event rather than denying it: "will not leave
    until the end of 2009" says when the leaving happens."""
    if cue(toks[i]) not in ("not", "n't"):
        return False
    for t in toks[i + 1 : i + 1 + _UNTIL_REACH]:
        if t.norm in ("until", "til", "till"):
            return True
        if t.norm in _CANCEL_BREAKS or t.text == ",":
            return False
    return False


def _no_doubt(toks: list[Token], i: int) -> bool:
    """True when the cue at token i opens "no doubt" / "without (a) doubt": "certainly"."""
    if toks[i].text.lower() not in ("no", "without"):
        return False
    after = [t.text.lower() for t in toks[i + 1 : i + 3]]
    return after[:1] == ["doubt"] or after == ["a", "doubt"]


def _numero(toks: list[Token], i: int) -> bool:
    """True when "No" at token i abbreviates "number": "the No. 5 seed", "world No 1"."""
    if toks[i].text not in ("No", "no"):
        return False
    k = i + 2 if i + 1 < len(toks) and toks[i + 1].text == "." else i + 1
    return k < len(toks) and toks[k].text.isdigit()


_CORRELATIVE = frozenset(["only", "just", "merely", "simply", "solely"])
_CORRELATIVE_REACH = 40  # tokens from "not only" to its "but" or "also"


def _not_only(toks: list[Token], i: int) -> bool:
    """True when the cue at token i opens "not only X but (also) Y" or "not just X, it also
    Y", or follows what it adds to ("a league record - not just a club record"): a
    correlative that adds and denies nothing. Without the "but" or "also" that completes
    it, "was not only" is a plain negation ("the fee was not only $5")."""
    if cue(toks[i]) not in ("not", "n't") or i + 1 >= len(toks):
        return False
    if toks[i + 1].norm not in _CORRELATIVE:
        return False
    if i and toks[i - 1].text in (",", "-", "–", "—", "--"):
        return True  # set off after what it adds to: "a league record, not just a club one"
    for k in range(i + 2, min(len(toks), i + 2 + _CORRELATIVE_REACH)):
        if toks[k].norm in ("but", "also"):
            return True
        if toks[k].norm in ("!", "?", ";") or (
            toks[k].norm == "." and not abbreviation(toks[k - 1].text + ".")
        ):
            return False  # the sentence ends, but not at "Mr." or "U.S."
    return False


def _cues(toks: list[Token], view: ArticleView) -> list[tuple[int, str, bool]]:
    """Negation cues with whether each sits inside quotation marks.

    "rather than" and "yet to" count as negations ("on trust, not on force" / "on trust
    rather than on force"; "has yet to exhibit growth" / "hasn't shown growth"); a negated
    verb of exclusion does not ("did not rule out"). Quoted cues count for the balance but
    are not reported: a changed quotation is the quote detector's finding.
    """
    out = []
    for i, t in enumerate(toks):
        c = cue(t)
        following = toks[i + 1].norm if i + 1 < len(toks) else ""
        if c is None and (t.norm, following) in _TWO_WORD_CUES:
            c = "not"
        if c and not (
            _litotes(toks, i)
            or _ungoverning(toks, i)
            or _numero(toks, i)
            or _not_until(toks, i)
            or _no_doubt(toks, i)
            or _not_only(toks, i)
        ):
            out.append((i, c, view.in_quote(t.start, t.end)))
    return _without_cancelled(toks, out)


# A source that gave no answer negates no claim: "declined to comment", "did not respond",
# "could not be reached", "gave no details", "was not immediately known", "won't be known",
# "could not say whether". It tells what an outlet could not learn, which another outlet's
# account of the facts does not contradict.
_DECLINE = frozenset(["decline", "declined", "declines", "declining", "refuse", "refused",
                      "refuses", "refusing"])  # fmt: skip
_ANSWER = frozenset(["comment", "say", "confirm", "elaborate", "discuss", "specify", "disclose",
                     "answer", "speculate"])  # fmt: skip
_DETAILS = frozenset(["comment", "details", "explanation", "information", "response", "reply",
                      "specifics"])  # fmt: skip
_NO_REPLY = frozenset(["respond", "responded", "return", "returned", "reply", "replied",
                       "comment", "commented", "reached"])  # fmt: skip
_NOT_YET_KNOWN = frozenset(["known", "clear", "available", "reachable", "identified"])
_WH = frozenset(["if", "whether", "when", "how", "what", "who", "why", "where", "which"])
# "could not say whether", "has not said when": what a source could not or did not tell
_TOLD = frozenset(["say", "said", "know", "confirm", "confirmed"])


def _no_comment(toks: list[Token], i: int) -> bool:
    """True when the cue at token i reports that no answer was given or is known yet."""
    after = [t.text.lower() for t in toks[i + 1 : i + 4]] + ["", "", ""]
    if toks[i].text.lower() in _DECLINE:  # "declined to say", "to give details"
        return after[0] == "to" and (
            after[1] in _ANSWER
            or (after[1] in ("give", "provide") and after[2] in _DETAILS)
            or (after[1] == "be" and after[2] in ("identified", "named"))
        )
    if toks[i].text.lower() == "no":  # "gave no details", "had no immediate response"
        if after[0] == "immediate":  # "no immediate reports of damage", "no immediate word"
            return after[1] in _DETAILS or after[1] in ("reports", "word")
        return (after[1] if after[0] == "further" else after[0]) in _DETAILS
    if cue(toks[i]) not in ("not", "n't"):
        return False
    told = after[1:] if after[0] == "yet" else after  # "has not yet said when"
    if told[0] in _TOLD and told[1] in _WH:
        return True  # "could not say whether anyone else was inside", "haven't said when"
    if after[0] == "be":
        after = after[1:]  # "could not be reached"
    if after[0] in ("immediately", "yet"):
        return after[1] in _NO_REPLY or after[1] in _NOT_YET_KNOWN
    return after[0] in _NO_REPLY or after[0] == "known"


def _without_cancelled(
    toks: list[Token], cues: list[tuple[int, str, bool]]
) -> list[tuple[int, str, bool]]:
    """Drop a "not" and the "without" after it in one clause: "would not have been possible
    without his help" says the help was needed, a double negation that affirms. A "yet to"
    after a "no" or "not" in its clause says the same negation again ("No reports of
    injuries have yet to be indicated": no reports yet), so it is dropped alone."""
    dropped: set[int] = set()
    for i, c, _ in cues:
        if c not in _NOT or i in dropped:
            continue
        for k, _, _ in cues:
            if (
                i < k <= i + _CANCEL_REACH
                and toks[k].norm == "yet"
                and not any(t.norm in _CANCEL_BREAKS for t in toks[i + 1 : k])
            ):
                dropped.add(k)
        for k, c2, _ in cues:
            if c2 != "without" or k in dropped or not i < k <= i + _CANCEL_REACH:
                continue
            if any(t.norm in _CANCEL_BREAKS for t in toks[i + 1 : k]):
                break
            dropped.update((i, k))
            break
    return [cue for cue in cues if cue[0] not in dropped]


# Words that carry a negation without being one: "found only cavities" is "no tumours
# were detected; rather, cavities were found", and "had not yet revealed" is "would reveal
# later". They do not count as cues (most sentences with "only" negate nothing), but a
# single extra cue on one side is answered by one of them on the other.
_RESTRICTIVE = frozenset(["only", "merely", "solely"])
_CORRECTIVE = frozenset(["rather", "instead"])
_LATER = frozenset(["later", "soon", "will", "would", "eventually"])


def _answered_implicitly(
    toks: list[Token], i: int, other: list[Token], other_view: ArticleView
) -> bool:
    """True when the other passage says without a cue what the cue at token i says with
    one: a correction ("no X; rather, Y") against a restrictive "only Y" of the other
    passage's own, or a later time against "not yet" ("is for peaceful purposes only" does
    not answer "is not for peaceful purposes": nothing corrects the negation)."""
    free = {t.norm for t in other if t.is_word and not other_view.in_quote(t.start, t.end)}
    after = {t.norm for t in toks[i + 1 :]}
    if after & _CORRECTIVE and (free - {t.norm for t in toks}) & _RESTRICTIVE:
        return True
    near = {t.norm for t in toks[i + 1 : i + 3]}
    not_yet = "yet" in near or (toks[i].norm == "yet")
    free_words = {t.text.lower() for t in other if t.is_word}  # unfolded: "soon", "will"
    return not_yet and bool(free_words & _LATER)


# "not"/"n't" and "no"/"never" are interchangeable carriers of one negation
_SAME_NEGATION = {"n't": "not", "never": "not", "no": "not"}


def _polarity(cues: list[tuple[int, str, bool]]) -> Counter[str]:
    return Counter(_SAME_NEGATION.get(c, c) for _, c, _ in cues)


def detect(ctx: Context) -> Iterator[Divergence]:
    for pair in ctx.pairs:
        yield from _pair(pair)


def _in_cut(pair: PairView, side: str, i: int) -> bool:
    """True when token i sits in a stretch the other side leaves out (5+ more words): a cue
    there goes with content one outlet cut, an omission, not a change of polarity. Only
    where one passage is the other with words cut, and the cut opens or closes it."""
    if pair.kept < 0.85:
        return False
    n = len(pair.ltoks if side == "left" else pair.rtoks)
    for e in pair.edits:
        lo, hi, olo, ohi = (e.i1, e.i2, e.j1, e.j2) if side == "left" else (e.j1, e.j2, e.i1, e.i2)
        at_edge = lo == 0 or hi == n  # a leading or trailing stretch cut away
        if lo <= i < hi and at_edge and (hi - lo) - (ohi - olo) >= 5:
            return True
    return False


_CLAUSE_END = frozenset(',;:()"“”.!?—–') | {"but", "and", "who", "which", "whom", "whose"}
# a subordinate clause ("because he did not want…") is a clause of its own when a cue is
# reported: a reason one outlet adds negates nothing the other states
_SUBORDINATORS = frozenset(["because", "although", "though", "whereas", "unless"])


def _stems(toks: list[Token]) -> set[str]:
    """The stems of a passage's words: what a negated word is looked up in."""
    return {stem(t.text) for t in toks if t.is_word}


def _clause(toks: list[Token], i: int, subordinate: bool = False) -> list[Token]:
    """The tokens of the clause around token i: between punctuation marks, "but", "and",
    or a relative pronoun ("who are not exchange executives"); with ``subordinate``, a
    subordinating conjunction ("because") too."""
    lo = i
    while lo > 0 and not _ends_clause(toks, lo - 1, subordinate):
        lo -= 1
    hi = i + 1
    while hi < len(toks) and not _ends_clause(toks, hi, subordinate):
        hi += 1
    return toks[lo:hi]


def _ends_clause(toks: list[Token], k: int, subordinate: bool = False) -> bool:
    """Whether token k ends a clause; not a decimal point inside a figure ("6.1-magnitude").
    A dash is read as written: normalised, an en dash is the hyphen of "three - year"."""
    t = toks[k]
    if subordinate and t.text.lower() in _SUBORDINATORS:
        return True
    if t.norm not in _CLAUSE_END and t.text not in _CLAUSE_END:
        return False
    if t.norm == "." and 0 < k < len(toks) - 1:
        before, after = toks[k - 1], toks[k + 1]
        inside = before.end == t.start and t.end == after.start
        return not (inside and before.text[-1:].isdigit() and after.text[:1].isdigit())
    return True


@lru_cache(maxsize=1)
def _antonyms() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for line in data_lines("antonyms.txt"):  # a word may have several ("leave": stay, remain)
        word, _, other = (part.strip().lower() for part in line.partition("|"))
        a, b = stem(word), stem(other)
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in out.items()}


def _stop(t: Token, stop: frozenset[str]) -> bool:
    """Whether a token is a stopword. A token's matching form folds doubled letters
    ("will" → "wil", "been" → "ben"), so the word as written is asked too."""
    return t.norm in stop or t.text.lower() in stop


def _negated_word(toks: list[Token], i: int) -> Token | None:
    """The word the cue at token i negates: the first content word within three tokens
    after it ("would not stop" → "stop")."""
    stop = word_set("stopwords.txt")
    return next(
        (t for t in toks[i + 1 : i + 4] if t.is_word and not _stop(t, stop) and cue(t) is None),
        None,
    )


def _negated(toks: list[Token], i: int) -> str | None:
    """The stem of the word the cue at token i negates."""
    word = _negated_word(toks, i)
    return None if word is None else stem(word.text)


def _by_antonym(toks: list[Token], i: int, there: set[str]) -> bool:
    """True when the cue at token i negates a word whose antonym the other passage uses
    (and the word itself it does not): "would not stop" / "would continue". ``there`` is
    the set of stems of the other passage."""
    word = _negated(toks, i)
    if word is None:
        return False
    return word not in there and bool(_antonyms().get(word, frozenset()) & there)


def _negated_antonyms(
    pair: PairView, lc: list[tuple[int, str, bool]], rc: list[tuple[int, str, bool]]
) -> tuple[int, int] | None:
    """A cue on each side negating words of opposite meaning ("would not stop" / "would
    not continue"): the balance of cues hides a flip. Returns the two token indexes."""
    for i, _, quoted_l in lc:
        word = _negated(pair.ltoks, i)
        opposite = _antonyms().get(word, frozenset()) if word else frozenset()
        if quoted_l or not opposite:
            continue
        for j, _, quoted_r in rc:
            if not quoted_r and _negated(pair.rtoks, j) in opposite:
                return i, j
    return None


def _answered(
    toks: list[Token], i: int, there: set[str], names: bool = True, subordinate: bool = False
) -> bool:
    """True when the clause that holds the cue at token i shares a content word with the
    other passage, whose stems are ``there`` (or has none to share).

    A negation flips a fact only where both passages speak of it. "Not a smooth start: the
    envoy's train halted by snow" against "The envoy's train halted by snow", or "The cyclist,
    who was not identified, was flown to hospital" against "The cyclist was flown to
    hospital": the negated clause is content one outlet adds, not a change of polarity.
    """
    stop = word_set("stopwords.txt")
    # figures tie nothing: "35,000 bodies never recovered" shares its "000" with any count
    # in thousands
    words = [
        t.text for t in _clause(toks, i, subordinate)
        if t.is_word and not _stop(t, stop) and cue(t) is None and not t.norm.isdigit()
    ]  # fmt: skip
    if not words:
        return True
    if not names and not all(w[:1].isupper() for w in words):  # a headline's capitals: no names
        words = [w for w in words if not w[:1].isupper()]
    return any(stem(w) in there for w in words)


_NOUN_NEGATORS = frozenset(["without", "no"])
# "none" and "neither" stand for a noun phrase and deny what its verb says: "None of the
# other teams has offered more" denies an offer, not the teams
_PRONOUN_NEGATORS = frozenset(["none", "neither"])
_AUXILIARIES = frozenset([
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could",
    "did", "does", "do", "should", "may", "might", "must", "shall",
])  # fmt: skip


def _restriction(toks: list[Token], i: int, there: set[str], any_cue: bool = False) -> bool:
    """True when the cue at token i is "without" or "no" and the thing it denies is one the
    other passage never names ("life in prison" / "life in prison without parole", "no
    damage was reported" / "the quake struck at dawn").

    These two negate the noun phrase after them, not the clause: they add a detail, and
    only where the other passage names that thing ("there was no gun" / "he had a gun") do
    they flip what it states. ``there`` is the set of stems of the other passage.

    With ``any_cue`` every cue is held to this: in a cross link, a sentence aligned with a
    passage other than its own group's, a negation flips only what that passage names ("T-
    Mobile has not revealed a release date" / "T-Mobile is expected to launch it in
    February")."""
    if toks[i].norm in _NOUN_NEGATORS:
        # the whole noun phrase is denied: "no tsunami warning" denies a warning, which a
        # passage on "the 2004 tsunami" does not name
        words = _noun_phrase(toks, i)
    elif toks[i].norm in _PRONOUN_NEGATORS and (verb := _verb_after(toks, i)) is not None:
        words = _noun_phrase(toks, verb)
    elif any_cue:
        word = _negated(toks, i)
        words = [] if word is None else [word]
    else:
        return False
    return any(w not in there and not _antonyms().get(w, frozenset()) & there for w in words)


def _verb_after(toks: list[Token], i: int) -> int | None:
    """The index of the first auxiliary after token i in its sentence, past the noun phrase
    it stands for ("None of the other teams -- the Red Sox, Orioles and Nationals -- has
    been reported to have offered": "has")."""
    for k in range(i + 1, len(toks)):
        if toks[k].norm in _SENTENCE_BREAKS:
            return None
        if toks[k].text.lower() in _AUXILIARIES:
            while k + 1 < len(toks) and toks[k + 1].text.lower() in ("be", "been", "being"):
                k += 1  # "has been reported": what is denied is the report
            return k
    return None


def _noun_phrase(toks: list[Token], i: int) -> list[str]:
    """The stems of the content words "no" or "without" at token i governs, past a leading
    determiner and up to the next function word or mark: "no tsunami warning" → tsunami,
    warning; "without any user intervention" → user, intervention; "no gun" → gun."""
    stop = word_set("stopwords.txt")
    out: list[str] = []
    for t in toks[i + 1 : i + 6]:
        if t.is_word and not out and _stop(t, stop):
            continue
        if not t.is_word or _stop(t, stop) or cue(t) is not None or len(out) == 3:
            break
        out.append(stem(t.text))
    return out


def _flipping_cues(
    pair: PairView, side: str, cues: list[tuple[int, str, bool]], names: bool = True
) -> list[tuple[int, str, bool]]:
    """Of one side's ``cues``, those that can flip a fact the other side states: not in a
    stretch the other side cut, in a clause it speaks of (by a shared name too, if
    ``names``), and not answered by an antonym."""
    if not cues:
        return []
    toks, other = (pair.ltoks, pair.rtoks) if side == "left" else (pair.rtoks, pair.ltoks)
    there = _stems(other)
    return [
        c
        for c in cues
        if not _in_cut(pair, side, c[0])
        and _answered(toks, c[0], there, names)
        and not _by_antonym(toks, c[0], there)
    ]


def _twinned(
    toks: list[Token],
    i: int,
    cues: list[tuple[int, str, bool]],
    other_toks: list[Token],
    other_cues: list[tuple[int, str, bool]],
) -> bool:
    """True when the other passage has as many cues of the kind of the one at token i,
    negating the same word, as this passage: "No pleas were made" against "No request for
    bail was heard and no plea was made" has one "no" more, but not the one before "plea";
    "has not never spoken" against "has never spoken" has one "not" more before "spoken"."""
    word = _negated(toks, i)
    if word is None:
        return False
    kind = next(_SAME_NEGATION.get(c, c) for k, c, _ in cues if k == i)

    def count(ts: list[Token], cs: list[tuple[int, str, bool]]) -> int:
        return sum(_SAME_NEGATION.get(c, c) == kind and _negated(ts, k) == word for k, c, _ in cs)

    return count(other_toks, other_cues) >= count(toks, cues)


_NEGATIVE_PREFIXES = ("un", "non-", "non")


def _unprefixed(a: str, b: str) -> bool:
    """Whether one word is the other with a negative prefix: "vaccinated" / "unvaccinated",
    "armed" / "unarmed", "violent" / "non-violent" (the base of five letters or more, so
    "ion" / "union" or "do" / "undo" never meet)."""
    a, b = a.lower(), b.lower()
    for x, y in ((a, b), (b, a)):
        for prefix in _NEGATIVE_PREFIXES:
            if y.startswith(prefix) and len(x) >= 5 and y[len(prefix) :] == x:
                return True
    return False


def _prefixed_there(toks: list[Token], i: int, other: list[Token]) -> bool:
    """True when the cue at token i negates a word the other passage gives with a negative
    prefix: "had not been vaccinated" / "unvaccinated", "was not armed" / "was unarmed"."""
    word = _negated_word(toks, i)
    return word is not None and any(t.is_word and _unprefixed(word.text, t.text) for t in other)


# verbs of losing: what "without" or "no" denies, they say was lost
_LOSING = frozenset(["los", "depriv"])


def _lost(toks: list[Token], i: int, other: list[Token]) -> bool:
    """True when the cue at token i is "without" or "no" and the other passage says the
    thing it denies was lost: "300,000 homes without power" / "300,000 homes lost power",
    "deprived of water" / "no water"."""
    if toks[i].norm not in _NOUN_NEGATORS:
        return False
    word = _negated(toks, i)
    if word is None:
        return False
    return any(
        t.is_word and stem(t.text) in _LOSING
        and any(u.is_word and stem(u.text) == word for u in other[k + 1 : k + 5])
        for k, t in enumerate(other)
    )  # fmt: skip


def _phrase(toks: list[Token], i: int) -> str:
    """The cue at token i with the word it negates ("not stop")."""
    word = _negated_word(toks, i)
    return f"{toks[i].text} {word.text}" if word else toks[i].text


_SWAP_CONTEXT = 2  # tokens before a swapped word that both passages must share
_SWAP_WORDS = 3  # at most this many words on either side of the change
_SPANS = frozenset(
    ["seconds", "minutes", "hours", "days", "weeks", "months", "years", "games", "laps", "points"]
)


def _swapped_antonyms(
    pair: PairView, lc: list[tuple[int, str, bool]], rc: list[tuple[int, str, bool]]
) -> tuple[int, int] | None:
    """A word one passage has where the other has its complementary antonym, after the
    same words ("The side won the final" / "The side lost the final"; "was found guilty" /
    "was acquitted"): the fact is reversed without a negation. The words before the change
    must be the same (a subject told apart, "Chelsea won" / "Arsenal lost", is one result
    told from each side), and neither word negated or quoted. Returns the token indexes."""
    lt, rt = pair.ltoks, pair.rtoks
    negated = (
        {k for i, _, _ in lc for k in range(i + 1, i + 4)},
        {k for i, _, _ in rc for k in range(i + 1, i + 4)},
    )
    for e in pair.edits:
        if e.tag != "replace" or min(e.i1, e.j1) < _SWAP_CONTEXT:
            continue
        if any(lt[e.i1 - k].norm != rt[e.j1 - k].norm for k in range(1, _SWAP_CONTEXT + 1)):
            continue
        if any(c.isdigit() for c in lt[e.i1 - 1].norm) or lt[e.i1 - 1].text.lower() in _SPANS:
            continue  # "7:42 left" / "7:42 remaining", "two minutes left": what is still to go
        lw = [k for k in range(e.i1, e.i2) if lt[k].is_word]
        rw = [k for k in range(e.j1, e.j2) if rt[k].is_word]
        if not lw or not rw or max(len(lw), len(rw)) > _SWAP_WORDS:
            continue
        for i in lw:
            opposite = _antonyms().get(stem(lt[i].text), frozenset())
            for j in rw:
                if i in negated[0] or j in negated[1]:
                    continue
                if stem(rt[j].text) not in opposite and not _unprefixed(lt[i].text, rt[j].text):
                    continue
                if pair.left.in_quote(lt[i].start, lt[i].end) or pair.right.in_quote(
                    rt[j].start, rt[j].end
                ):
                    continue
                return i, j
    return None


def _opposite(pair: PairView, i: int, j: int, says: str) -> Divergence:
    """A ``content.negation`` between left token i and right token j, neither a surplus
    cue: the two passages "say opposite things" or "negate words of opposite meaning"."""
    return finding(
        "content", "content.negation", "medium",
        [pair.left.span(pair.ltoks[i].start, pair.ltoks[i].end),
         pair.right.span(pair.rtoks[j].start, pair.rtoks[j].end)],
        f"{pair.left.id} and {pair.right.id} {says}",
        pair.group, 0.7,
    )  # fmt: skip


def _pair(pair: PairView) -> Iterator[Divergence]:
    lraw, rraw = _cues(pair.ltoks, pair.left), _cues(pair.rtoks, pair.right)
    swapped = _swapped_antonyms(pair, lraw, rraw)
    if swapped is not None:
        i, j = swapped
        yield _opposite(
            pair, i, j, f'say opposite things: "{pair.ltoks[i].text}" / "{pair.rtoks[j].text}"'
        )
    if not lraw and not rraw:
        return
    lc, rc = _flipping_cues(pair, "left", lraw), _flipping_cues(pair, "right", rraw)
    lp, rp = _polarity(lc), _polarity(rc)
    if sum(lp.values()) != sum(rp.values()):
        # a source's non-answer counts against another's ("had no immediate response" /
        # "did not have an immediate response") but is never the change reported
        lc = [c for c in lc if not _no_comment(pair.ltoks, c[0])]
        rc = [c for c in rc if not _no_comment(pair.rtoks, c[0])]
        lp, rp = _polarity(lc), _polarity(rc)
        if sum(lp.values()) == sum(rp.values()):
            return
    if sum(lp.values()) == sum(rp.values()):
        both = _negated_antonyms(pair, lraw, rraw)
        if both:
            i, j = both
            phrases = f'"{_phrase(pair.ltoks, i)}" / "{_phrase(pair.rtoks, j)}"'
            yield _opposite(pair, i, j, f"negate words of opposite meaning: {phrases}")
        return
    extra_l, extra_r = lp - rp, rp - lp
    if sum(extra_l.values()) > sum(extra_r.values()):
        side, cues, extra, view, other = "left", lc, extra_l, pair.left, pair.right
        toks, other_toks = pair.ltoks, pair.rtoks
    else:
        side, cues, extra, view, other = "right", rc, extra_r, pair.right, pair.left
        toks, other_toks = pair.rtoks, pair.ltoks
    if lc and rc:
        # Both passages negate: a shared name alone does not tie the extra cue to a fact
        # both state ("Hovan did not speak, but his lawyer said his client 'did not wake
        # up…'" / "Hovan 'did not wake up…', his lawyer said").
        strict = _polarity(
            _flipping_cues(pair, side, lraw if side == "left" else rraw, names=False)
        )
        if sum(strict.values()) <= sum((rp if side == "left" else lp).values()):
            return
    # the cue the other passage lacks stands where the word diff shows a change: "I wasn't
    # the only one…, there were not also some who…" / "I wasn't the only one…, there were
    # also some who…" names "not", not the "wasn't" both carry
    there_stems = _stems(other_toks)
    own_raw, other_raw = (lraw, rraw) if side == "left" else (rraw, lraw)
    for i, c, in_quote in sorted(cues, key=lambda found: not pair.changed(side, found[0])):
        if in_quote or _SAME_NEGATION.get(c, c) not in extra:
            continue
        if _twinned(toks, i, own_raw, other_toks, other_raw):
            continue  # the other passage denies the same thing: the surplus is elsewhere
        if _lost(toks, i, other_toks):
            continue  # "left without power" / "lost power": one lack, told two ways
        if _prefixed_there(toks, i, other_toks):
            continue  # "not vaccinated" / "unvaccinated": one negation, told by a prefix
        if _restriction(toks, i, there_stems, any_cue=pair.link == "cross"):
            continue  # counts for the balance, but adds a detail rather than flipping one
        if not _answered(toks, i, there_stems, subordinate=True):
            continue  # counts for the balance, but sits in a reason or a concession one adds
        if sum(extra.values()) == 1 and _answered_implicitly(toks, i, other_toks, other):
            return
        here = view.span(toks[i].start, toks[i].end)
        there = other.span(*pair.counterpart(side, i, i + 1))
        clause = _clause(toks, i)  # the words around the cue, not the sentence's opening
        context = view.text[clause[0].start : clause[-1].end]
        yield finding(
            "content", "content.negation", "medium",
            [here, there] if side == "left" else [there, here],
            f'{view.id} negates what {other.id} states: "{toks[i].text}" in {short(context, 70)}',
            pair.group, 0.7,
        )  # fmt: skip
        return
