"""``framing``: the same fact told with another reporting verb, label, hedge or intensifier.

Only aligned passages are compared, and only words outside quotation marks count (a word
changed inside a quote is a ``quote`` finding). A word on one side is a finding only when
the other side says the same thing without it, or with a word of another class.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from divergence.detect.base import ArticleView, Context, PairView, finding
from divergence.diff import Token, token_ratio
from divergence.lexicon import Label, classed, labels, lemma, word_set
from divergence.types import Divergence, severity_rank

# How far a change of stance moves the reader, by pair of classes (order-free).
STANCE_SEVERITY = {
    frozenset({"neutral", "doubt"}): "medium",
    frozenset({"neutral", "concession"}): "medium",
    frozenset({"endorsing", "concession"}): "medium",
    frozenset({"endorsing", "doubt"}): "medium",
    # "confirmed" for "said": both treat the words as credible; the mildest shift (info)
    frozenset({"neutral", "endorsing"}): "info",
}


# The reporter's stance toward the words reported (the five classes). "Denied",
# "accused" and "urged" name what the speaker did, not how sure the reporter is: an outlet
# writing "X denied it" and one writing "X said it was not so" report the same act.
STANCES = frozenset({"neutral", "doubt", "concession", "assertive", "tentative", "endorsing"})
_COPIED = 0.8  # difflib ratio above which two passages are one text, lightly edited
# "been" is not among them: a perfect passive still reports words ("he has been told" /
# "he has been assured": the stance of the verb stands)
_PASSIVE = frozenset(["is", "are", "was", "were", "be", "being"])
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "such",
    ]
)


@dataclass(frozen=True)
class Hit:
    token: int  # index of the first token in the passage's token list
    size: int
    start: int
    end: int
    word: str  # as written
    key: str  # what is compared (lemma / class:connotation / stance)


def _outside(view: ArticleView, toks: list[Token]) -> list[bool]:
    """Mark tokens outside every quotation of the article."""
    return [not view.in_quote(t.start, t.end) for t in toks]


def _verbs(view: ArticleView, toks: list[Token], outside: list[bool]) -> list[Hit]:
    from divergence.detect.quotes_extract import load_reporting_verbs

    verbs = load_reporting_verbs()
    hits = []
    for i, t in enumerate(toks):
        if not outside[i] or (i and toks[i - 1].text.lower() in _DETERMINERS | _PASSIVE):
            continue  # inside a quote, a noun ("the report"), or passive ("is claimed by")
        entry = verbs.get(t.text.lower())
        if entry and entry[1] in STANCES and not _takes_object(entry[0], toks, i):
            _, stance = entry
            if stance == "tentative" and not _reports(toks, i):
                continue  # "suggested a new bridge": a proposal, not a guess reported
            hits.append(Hit(i, 1, t.start, t.end, t.text, stance))
    return hits


def _reports(toks: list[Token], i: int) -> bool:
    """Whether the verb at token i reports words: a "that" clause follows it ("suggested
    that the fault was to blame") or it closes one ("…, Lund suggested on Monday.")."""
    if i + 1 >= len(toks) or toks[i + 1].norm == "that" or not toks[i + 1].is_word:
        return True
    return _comma_before(toks, i) and toks[i + 1].norm not in _DETERMINERS


@lru_cache(maxsize=1)
def _verb_objects() -> dict[str, frozenset[str]]:
    """Objects by verb lemma; an entry "to X" is kept as "to x" (X only after "to")."""
    return {
        verb: frozenset(
            "to " + lemma(w.strip()[3:]) if w.strip().startswith("to ") else lemma(w.strip())
            for w in objects.split(",")
        )
        for verb, objects in classed("verb_objects.txt").items()
    }


def _takes_object(verb: str, toks: list[Token], i: int) -> bool:
    """True when the verb at token i governs a noun that makes it an ordinary verb
    ("claims victory", "claimed responsibility", "admitted defeat"), not an attribution."""
    objects = _verb_objects().get(verb)
    if not objects:
        return False
    j = i + 1
    after_to = j < len(toks) and toks[j].text.lower() == "to"
    j += after_to  # "admitted to hospital": the place one is admitted to
    while j < len(toks) and toks[j].text.lower() in _DETERMINERS:
        j += 1
    if j >= len(toks):
        return False
    return ("to " if after_to else "") + lemma(toks[j].text) in objects


def _modifier(toks: list[Token], i: int) -> str:
    """Return what pins a label to its referent: a proper adjective before it ("Chinese").

    Numbers are skipped over ("two Chinese soldiers" → "chinese"); "" when there is none.
    """
    j = i - 1
    while j >= 0 and (
        toks[j].norm.isdigit() or toks[j].norm in ("the", "a", "an", "these", "those")
    ):
        j -= 1
    if j > 0 and toks[j].text[:1].isupper() and toks[j].is_word:
        return toks[j].norm
    return ""


def _labels(toks: list[Token], outside: list[bool]) -> list[Hit]:
    """Find label phrases, longest first at each position (one pass over the tokens)."""
    lemmas = [lemma(t.text) for t in toks]
    by_first = _labels_by_first_word()
    hits: list[Hit] = []
    i = 0
    while i < len(toks):
        for lb in by_first.get(lemmas[i], ()):
            n = len(lb.words)
            if tuple(lemmas[i : i + n]) == lb.words and all(outside[i : i + n]):
                word = " ".join(t.text for t in toks[i : i + n])
                key = f"{lb.cls}:{lb.connotation}:{_modifier(toks, i)}"
                hits.append(Hit(i, n, toks[i].start, toks[i + n - 1].end, word, key))
                i += n - 1
                break
        i += 1
    return hits


@lru_cache(maxsize=1)
def _labels_by_first_word() -> dict[str, tuple[Label, ...]]:
    index: dict[str, list[Label]] = {}
    for lb in labels():  # already longest first
        index.setdefault(lb.words[0], []).append(lb)
    return {k: tuple(v) for k, v in index.items()}


def _words(toks: list[Token], outside: list[bool], lexicon: str) -> tuple[list[Hit], set[str]]:
    """The lexicon's words outside quotes, and the keys of those used anywhere (quotes too:
    a hedge the other outlet puts inside its quotation is still there)."""
    hits = _all_words(toks, lexicon)
    return [h for h in hits if outside[h.token]], {h.key for h in hits}


def _all_words(toks: list[Token], lexicon: str) -> list[Hit]:
    entries = word_set(lexicon)
    single = {e for e in entries if " " not in e}
    multi = [tuple(e.split()) for e in entries if " " in e]
    hits = []
    low = [t.text.lower() for t in toks]
    for i, w in enumerate(low):
        if w in single:
            hits.append(Hit(i, 1, toks[i].start, toks[i].end, toks[i].text, w))
        for phrase in multi:
            if tuple(low[i : i + len(phrase)]) == phrase:
                end = toks[i + len(phrase) - 1].end
                hits.append(
                    Hit(
                        i,
                        len(phrase),
                        toks[i].start,
                        end,
                        " ".join(low[i : i + len(phrase)]),
                        " ".join(phrase),
                    )
                )
    return hits


def _label_info() -> dict[str, Label]:
    return {f"{lb.cls}:{lb.connotation}": lb for lb in labels()}


def _split(key: str) -> tuple[str, str, str]:
    cls, connotation, modifier = key.split(":")
    return cls, connotation, modifier


_LOADED = frozenset({"doubt", "concession", "assertive"})


_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "who", "which", "that"])


def _subject_like(tok: Token) -> bool:
    """A token that can end a verb's subject: a name, a pronoun, or a plural noun of people."""
    return (
        tok.text[:1].isupper()
        or tok.norm in _PRONOUNS
        or tok.norm.endswith(("ials", "ists", "ers"))
    )


def _closing_attribution(toks: list[Token], i: int) -> bool:
    """True for a verb that closes its sentence after a comma and a short subject: "…,
    jury claims", "…, official admits" (a headline's attribution), not "jobless claims";
    or one right after the comma with a short name closing the sentence: "…, admits Danny
    Boyle"."""
    end = i + 1
    if i and toks[i - 1].text == ",":
        while end < min(len(toks), i + 5) and toks[end].is_word and toks[end].text[:1].isupper():
            end += 1
    after = toks[end].text if end < len(toks) else ""
    if after and after not in ".!?\"”'’":
        return False
    return _comma_before(toks, i)


def _comma_before(toks: list[Token], i: int) -> bool:
    """A comma within the four tokens before the verb at token i: a short subject after
    the words it closes ("…, jury claims", "…, Lund suggested")."""
    return any(t.text == "," for t in toks[max(0, i - 4) : i])


def _loaded_verb_alone(
    pair: PairView, lv: list[Hit], rv: list[Hit], unattributed: bool = True
) -> Iterator[Divergence]:
    """One side attributes with a loaded verb ("claimed", "admitted"); the other states it."""
    side, hits = ("left", lv) if lv else ("right", rv)
    toks = pair.ltoks if side == "left" else pair.rtoks
    # a past form is a verb ("radio admitted"); a present or bare form may be a noun
    # ("jobless claims", "disputed claims"), so it needs a subject before it ("Iran claims")
    loaded = [
        h for h in hits
        if h.key in _LOADED and h.token
        and (
            h.word.lower().endswith("ed")
            or _subject_like(toks[h.token - 1])
            or _closing_attribution(toks, h.token)
        )
    ]  # fmt: skip
    if not loaded:
        return
    h = loaded[0]
    view, other = (pair.left, pair.right) if side == "left" else (pair.right, pair.left)
    here = view.span(h.start, h.end)
    there = other.span(*pair.counterpart(side, h.token, h.token + 1))
    yield finding(
        "framing", "framing.attribution_verb", "low",
        [here, there] if side == "left" else [there, here],
        f'{view.id} attributes this with "{h.word}" ({h.key}); {other.id} '
        + ("states it without attribution" if unattributed else "uses no such verb here"),
        pair.group, 0.6,
    )  # fmt: skip


def _not_quoted_there(
    hits: list[Hit], toks: list[Token], other: list[Token], other_outside: list[bool]
) -> list[Hit]:
    """Drop loaded verbs that the other outlet quotes the speaker saying ("I have
    acknowledged that…"): there the word is the speaker's own, not an outlet's framing,
    even where this side lost the quotation mark that opened it."""
    if all(h.key == "neutral" for h in hits):
        return hits
    quoted = {lemma(t.text) for t, out in zip(other, other_outside, strict=True) if not out}
    return [h for h in hits if h.key == "neutral" or lemma(toks[h.token].text) not in quoted]


def _attribution(pair: PairView, lv: list[Hit], rv: list[Hit]) -> Iterator[Divergence]:
    """Flag a reporting verb of another stance class (compared as multisets of classes)."""
    lcount = Counter(h.key for h in lv)
    rcount = Counter(h.key for h in rv)
    lextra, rextra = lcount - rcount, rcount - lcount
    if bool(lv) != bool(rv):
        yield from _loaded_verb_alone(pair, lv, rv)
        return
    if not lextra and not rextra:
        return
    if not lextra or not rextra:
        # one side reports with the other's verbs plus a loaded one ("Iran says ...; U.S.
        # denies" / "Iran claims ...; U.S. says"): that verb has no counterpart of its own
        extra = [h for h in (lv if lextra else rv) if h.key in (lextra or rextra)]
        yield from _loaded_verb_alone(
            pair, extra if lextra else [], [] if lextra else extra, unattributed=False
        )
        return
    lonly = sorted(
        (h for h in lv if h.key in lextra), key=lambda h: not pair.changed("left", h.token)
    )
    ronly = sorted(
        (h for h in rv if h.key in rextra), key=lambda h: not pair.changed("right", h.token)
    )
    a, b = lonly[0], ronly[0]
    severity = STANCE_SEVERITY.get(frozenset({a.key, b.key}), "low")
    yield finding(
        "framing", "framing.attribution_verb", severity,
        [pair.left.span(a.start, a.end), pair.right.span(b.start, b.end)],
        f'{pair.left.id} reports this with "{a.word}" ({a.key}), {pair.right.id} with "{b.word}" ({b.key})',
        pair.group, 0.8,
    )  # fmt: skip


# Classes whose labels all name people: one outlet's "immigrants" or "rioters" may be
# another's "people" or "civilians" for the same persons.
_PEOPLE = frozenset({"persons", "protest", "migration", "crowd"})


def _relabelled(
    pair: PairView, a: Hit, b: Hit, class_a: tuple[str, str], class_b: tuple[str, str]
) -> bool:
    """Labels of two classes name one referent only when both classes name people, one of
    them is loaded (not neutral), and each label stands where the other passage has the
    other: "young immigrants" / "young civilians", not two people named apart."""
    if not {class_a[0], class_b[0]} <= _PEOPLE or class_a[1] == class_b[1] == "neutral":
        return False
    start, end = pair.counterpart("left", a.token, a.token + a.size)
    if not (start < b.end and b.start < end):
        return False
    start, end = pair.counterpart("right", b.token, b.token + b.size)
    return start < a.end and a.start < end


def _swaps(pair: PairView, ll: list[Hit], rl: list[Hit]) -> dict[Hit, Hit]:
    """Labels the word diff swaps one for the other in place ("several people" / "several
    civilians"): the same referent even where each side also uses the other's label for
    someone else ("... was one person")."""
    out = {}
    for e in pair.edits:
        if e.tag != "replace":
            continue
        left = [h for h in ll if e.i1 <= h.token and h.token + h.size <= e.i2]
        right = [h for h in rl if e.j1 <= h.token and h.token + h.size <= e.j2]
        if (
            len(left) == len(right) == 1
            and e.i2 - e.i1 == left[0].size
            and e.j2 - e.j1 == right[0].size
        ):
            out[left[0]] = right[0]
    # two labels that trade places ("soldiers guarded ... people crossed" / "people guarded
    # ... soldiers crossed") name two groups, each still named: no relabelling
    keys = {(a.key, b.key) for a, b in out.items()}
    return {a: b for a, b in out.items() if (b.key, a.key) not in keys}


def _label_changes(pair: PairView, ll: list[Hit], rl: list[Hit]) -> Iterator[Divergence]:
    """Flag a referent named with labels of another connotation on each side.

    Labels with a proper modifier ("Chinese citizens") are compared only with labels of
    the same modifier, so "Ukrainian soldiers ... two Chinese citizens" vs "two Chinese
    soldiers" is about the Chinese men; labels without one compare as sets.
    """
    info = _label_info()
    lkeys = {h.key for h in ll}
    rkeys = {h.key for h in rl}
    swaps = _swaps(pair, ll, rl)
    found: list[tuple[Hit, Hit]] = []
    for a in ll:
        if a.key in rkeys and a not in swaps:
            continue
        cls, conn_a, mod_a = _split(a.key)
        for b in rl:
            cls_b, conn_b, mod_b = _split(b.key)
            if cls_b == cls and conn_b == conn_a:
                continue
            if (a.key in rkeys or b.key in lkeys) and swaps.get(a) != b:
                continue
            if cls_b != cls and not _relabelled(pair, a, b, (cls, conn_a), (cls_b, conn_b)):
                continue
            if mod_a != mod_b and (mod_a and mod_b):
                continue
            if (
                (mod_a or mod_b)
                and mod_a != mod_b
                and any(_split(k)[2] == (mod_a or mod_b) for k in (rkeys if mod_a else lkeys))
            ):
                continue  # the other side names that referent with its own label
            found.append((a, b))
    if not found:
        return
    # one finding per pair of passages: the first pair of labels in the texts' own order,
    # whichever passage came first in the input
    a, b = min(
        found, key=lambda ab: sorted([(pair.left.id, ab[0].start), (pair.right.id, ab[1].start)])
    )
    cls, conn_a, _ = _split(a.key)
    cls_b, conn_b, _ = _split(b.key)
    la, lb_ = info[f"{cls}:{conn_a}"], info[f"{cls_b}:{conn_b}"]
    severity = max(la.severity, lb_.severity, key=severity_rank)
    yield finding(
        "framing", "framing.label", severity,
        [pair.left.span(a.start, a.end), pair.right.span(b.start, b.end)],
        f'{pair.left.id} calls them "{a.word}" ({conn_a}), {pair.right.id} "{b.word}" ({conn_b})',
        pair.group, 0.7,
    )  # fmt: skip


def _hedged_otherwise(toks: list[Token]) -> set[str]:
    """The hedges a passage expresses with a relative of the word (data/hedge_cognates.txt):
    "are reported to" is "reportedly", "the alleged attack" or "allegations" is "allegedly"."""
    stands_for = classed("hedge_cognates.txt")
    return {
        hedge.strip()
        for h in _all_words(toks, "hedge_cognates.txt")
        for hedge in stands_for[h.key].split(",")
    }


def _one_sided(
    pair: PairView,
    lh: list[Hit],
    rh: list[Hit],
    code: str,
    what: str,
    severity: str,
    said: tuple[set[str], set[str]],
) -> Iterator[Divergence]:
    """Flag a word on one side that the other side does not use. ``said`` gives the keys
    each side uses anywhere, quotes included (``_words``): a superset of the hits' keys."""
    lkeys, rkeys = said
    for side, hits, other_keys in (("left", lh, rkeys), ("right", rh, lkeys)):
        view, other = (pair.left, pair.right) if side == "left" else (pair.right, pair.left)
        for h in hits:
            if h.key in other_keys:
                continue
            there = other.span(*pair.counterpart(side, h.token, h.token + h.size))
            here = view.span(h.start, h.end)
            yield finding(
                "framing", code, severity,
                [here, there] if side == "left" else [there, here],
                f'{view.id} adds the {what} "{h.word}", which {other.id} does not use here',
                pair.group, 0.6,
            )  # fmt: skip


def detect(ctx: Context) -> Iterator[Divergence]:
    for pair in ctx.pairs:
        lt, rt = pair.ltoks, pair.rtoks
        lo, ro = _outside(pair.left, lt), _outside(pair.right, rt)
        lv, rv = _verbs(pair.left, lt, lo), _verbs(pair.right, rt, ro)
        yield from _attribution(
            pair, _not_quoted_there(lv, lt, rt, ro), _not_quoted_there(rv, rt, lt, lo)
        )
        yield from _label_changes(pair, _labels(lt, lo), _labels(rt, ro))
        # Evidential hedges ("reportedly") distance the outlet from its source: low. Epistemic
        # ones ("likely") judge likelihood, which paraphrases trade freely: info.
        kinds = classed("hedges.txt")
        (lh, lsaid), (rh, rsaid) = _words(lt, lo, "hedges.txt"), _words(rt, ro, "hedges.txt")
        # a relative both passages use ("the allegations were investigated") is shared
        # wording, not the other outlet's way of saying a hedge one adds ("allegedly")
        lcog, rcog = _hedged_otherwise(lt), _hedged_otherwise(rt)
        lsaid, rsaid = lsaid | (lcog - rcog), rsaid | (rcog - lcog)
        # "the complaint alleged…" is a reporting verb, read as such above: not a hedge too
        lverbs, rverbs = {v.token for v in lv}, {v.token for v in rv}
        lh = [h for h in lh if h.token not in lverbs]
        rh = [h for h in rh if h.token not in rverbs]
        for cls, severity in (("evidential", "low"), ("epistemic", "info")):
            yield from _one_sided(
                pair,
                [h for h in lh if kinds[h.key] == cls],
                [h for h in rh if kinds[h.key] == cls],
                "framing.hedge",
                f"{cls} hedge",
                severity,
                (lsaid, rsaid),
            )
        # An intensifier added to a sentence the outlets otherwise share is an editorial
        # choice; in a free paraphrase it is one of many wording changes (info).
        copied = token_ratio(lt, rt) >= _COPIED
        (li, lsaid), (ri, rsaid) = (
            _words(lt, lo, "intensifiers.txt"),
            _words(rt, ro, "intensifiers.txt"),
        )
        yield from _one_sided(
            pair,
            li,
            ri,
            "framing.intensifier",
            "intensifier",
            "low" if copied else "info",
            (lsaid, rsaid),
        )
