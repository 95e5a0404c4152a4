"""``quote``: the same statement quoted in other words, cut short, or given another speaker.

Quotes are linked across outlets when their words render the same statement (fuzzy
match), or when they sit in aligned passages; then the quoted words are diffed:

- ``quote.wording``: words changed inside the quotation marks;
- ``quote.truncation``: words dropped from inside a quote, or a full quote cut short
  (a verbatim fragment quoted inside a sentence is ordinary partial quoting, not a cut);
- ``quote.misattribution``: the same words given to another named speaker;
- ``quote.paraphrase``: words one outlet puts in quotation marks that another gives
  without them, in its own voice (did the speaker say these exact words?).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache

from divergence.detect.base import ArticleView, Context, finding, short
from divergence.detect.negation import negated_verb, word_cue
from divergence.detect.quotes_extract import Quote
from divergence.diff import Matcher, Token, normalise_token, tokenize
from divergence.lexicon import us_spelling, word_set
from divergence.types import SEVERITIES, Divergence, Span

# Words whose change moves meaning most: quantities, polarity, modality, certainty.
_HEAVY = frozenset(
    [
        "many",
        "more",
        "most",
        "all",
        "some",
        "few",
        "several",
        "significantly",
        "much",
        "less",
        "fewer",
        "no",
        "not",
        "never",
        "none",
        "must",
        "should",
        "could",
        "would",
        "may",
        "might",
        "can",
        "will",
        "shall",
        "always",
        "often",
        "rarely",
        "sometimes",
        "definitely",
        "certainly",
        "clearly",
        "possibly",
        "probably",
        "intends",
        "going",
        "except",
        "but",
        "only",
        "just",
    ]
)
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "is",
        "are",
        "was",
        "were",
        "be",
        "it",
        "this",
        "that",
    ]
)
_ALIGNED_KEPT = 0.6  # PairView.kept above which two passages are one sentence, lightly edited
_MIN_LINK_STRONG = 0.7  # ... above which a quote may link to a counterpart that prefers another
_MIN_LINK_NEAR = 0.25  # ... for quotes in aligned passages, or related sentences, same speaker


@dataclass(frozen=True)
class _Q:
    view: ArticleView
    quote: Quote
    toks: tuple[Token, ...]
    words: tuple[str, ...]  # normalised words, punctuation left out


def _spoken(toks: list[Token]) -> list[Token]:
    """The tokens of a quote outside brackets: words in parentheses or square brackets are
    the outlet's, not the speaker's ("[Brandt] will not stop", "Chancellor Varga (news -
    photos)")."""
    out, depth = [], 0
    for t in toks:
        if t.text in ("(", "["):
            depth += 1
        elif t.text in (")", "]") and depth:
            depth -= 1
        elif not depth:
            out.append(t)
    return out if any(t.is_word for t in out) else toks


def _quotes(view: ArticleView) -> list[_Q]:
    out = []
    for q in view.quotes:
        toks = tuple(_spoken(tokenize(view.text, q.start, q.end)))
        words = tuple(t.norm for t in toks if t.is_word)
        if words:
            out.append(_Q(view, q, toks, words))
    return out


def _words(q: _Q) -> tuple[str, ...]:
    return q.words


def _twins(qa: list[_Q], qb: list[_Q]) -> tuple[dict[int, int], dict[int, int]]:
    """Word-for-word twins across two articles, paired one to one in order: start offset of
    each twinned quote → start offset of its twin, for each side."""
    pending: dict[tuple[str, ...], list[int]] = {}
    for q in qb:
        pending.setdefault(_words(q), []).append(q.quote.start)
    left: dict[int, int] = {}
    right: dict[int, int] = {}
    for q in qa:
        spare = pending.get(_words(q))
        if spare:
            other = spare.pop(0)
            left[q.quote.start] = other
            right[other] = q.quote.start
    return left, right


def _links(
    ctx: Context, quotes: list[list[_Q]]
) -> Iterator[tuple[_Q, _Q, float, str | None, bool]]:
    """Yield linked quote pairs across articles; a quote links to its best counterpart.

    Links are many-to-one: a long quote (a statement given in full) may link to several
    short ones quoting parts of it. Quotes in aligned passages, or in related sentences
    with the same named speaker, need a weaker fuzzy match than quotes anywhere.
    """
    from divergence.detect.quotes_extract import same_statement

    def at(q: _Q, lo: int, hi: int) -> bool:
        return lo <= q.quote.start < hi

    near: dict[tuple[int, int, int, int], tuple[str | None, bool]] = {}  # → (group, aligned)
    for pair in ctx.pairs:
        for qa in quotes[pair.left.index]:
            if at(qa, *pair.lspan):
                for qb in quotes[pair.right.index]:
                    if at(qb, *pair.rspan):
                        key = (pair.left.index, qa.quote.start, pair.right.index, qb.quote.start)
                        # "aligned" (the same sentence told twice) only where the two
                        # passages share most of their words; a free paraphrase may quote
                        # less without cutting anything
                        near[key] = (pair.group or None, pair.kept >= _ALIGNED_KEPT)
    for sa, sb, _ in ctx.related:
        for qa in quotes[sa.article]:
            if not at(qa, sa.start, sa.end) or not qa.quote.speaker:
                continue
            for qb in quotes[sb.article]:
                if at(qb, sb.start, sb.end) and qb.quote.speaker == qa.quote.speaker:
                    near.setdefault(
                        (sa.article, qa.quote.start, sb.article, qb.quote.start), (None, False)
                    )
    by_pair: dict[tuple[int, int], set[tuple[int, int]]] = {}
    for a, qa_start, b, qb_start in list(near) + _shared_word_candidates(quotes):
        by_pair.setdefault((a, b), set()).add((qa_start, qb_start))
    for (a, b), candidates in sorted(by_pair.items()):
        at_a = {q.quote.start: q for q in quotes[a]}
        at_b = {q.quote.start: q for q in quotes[b]}
        # A quote with a word-for-word twin in the other article is accounted for there
        # (twins pair one to one: a quote given twice is matched twice).
        twins = _twins(quotes[a], quotes[b])
        scored = []
        for qa_start, qb_start in sorted(candidates):
            qa, qb = at_a[qa_start], at_b[qb_start]
            if (
                twins[0].get(qa_start, qb_start) != qb_start
                or twins[1].get(qb_start, qa_start) != qa_start
            ):
                continue  # one of them is accounted for by its own word-for-word twin
            key = (a, qa_start, b, qb_start)
            shared = set(qa.words) & set(qb.words)
            if key not in near and len(shared - _STOP) < 0.3 * min(
                len(set(qa.words) - _STOP), len(set(qb.words) - _STOP)
            ):
                continue  # cheap filter first (after difflib's quick ratios): too few words shared
            s = same_statement(qa.quote.text, qb.quote.text)
            if s >= ctx.settings.min_quote_ratio or (
                key in near and s >= _MIN_LINK_NEAR and shared - _STOP
            ):
                scored.append((s, qa, qb, near.get(key, (None, False))))
        best_a: dict[int, float] = {}
        best_b: dict[int, float] = {}
        for s, qa, qb, _ in scored:
            best_a[qa.quote.start] = max(best_a.get(qa.quote.start, 0.0), s)
            best_b[qb.quote.start] = max(best_b.get(qb.quote.start, 0.0), s)
        for s, qa, qb, (group, aligned) in sorted(
            scored, key=lambda x: (-x[0], x[1].quote.start, x[2].quote.start)
        ):
            top_a, top_b = s >= best_a[qa.quote.start], s >= best_b[qb.quote.start]
            na, nb = len(qa.toks), len(qb.toks)
            # mutual best; one side's best when the words clearly render one statement;
            # or a fragment's best link into a statement given at length
            one_way = (top_a or top_b) and s >= _MIN_LINK_STRONG
            fragment = (top_a and nb >= 1.5 * na) or (top_b and na >= 1.5 * nb)
            if (top_a and top_b) or one_way or fragment:
                yield qa, qb, s, group, aligned


_MAX_POSTINGS = 200  # a word in more quotes than this names no statement in particular


def _shared_word_candidates(quotes: list[list[_Q]]) -> list[tuple[int, int, int, int]]:
    """Quote pairs across articles that share content words (an inverted index, so the cost
    follows the quotes that could match rather than every pair of articles).

    Two shared words are needed, or one when either quote has at most three content words
    (short fragments such as "significantly more").
    """
    postings: dict[str, list[tuple[int, int]]] = {}
    content: dict[tuple[int, int], int] = {}
    for a, qs in enumerate(quotes):
        for q in qs:
            words = set(_words(q)) - _STOP
            content[(a, q.quote.start)] = len(words)
            for w in words:
                postings.setdefault(w, []).append((a, q.quote.start))
    shared: dict[tuple[int, int, int, int], int] = {}
    for items in postings.values():
        if len(items) > _MAX_POSTINGS:
            continue
        for x in range(len(items)):
            for y in range(x + 1, len(items)):
                (a, qa), (b, qb) = items[x], items[y]
                if a == b:
                    continue
                key = (a, qa, b, qb) if a < b else (b, qb, a, qa)
                shared[key] = shared.get(key, 0) + 1
    return [
        key for key, n in shared.items()
        if n >= 2 or min(content[(key[0], key[1])], content[(key[2], key[3])]) <= 3
    ]  # fmt: skip


def _window(short: list[str], long: list[str]) -> tuple[int, int]:
    """Return the ``[lo, hi)`` stretch of ``long`` that the ``short`` quote renders.

    The densest run of matching blocks, widened by the short quote's unmatched ends.

    >>> _window("significantly more".split(), "there are many more Chinese citizens".split())
    (2, 4)
    """
    blocks = [
        b
        for b in SequenceMatcher(None, short, long, autojunk=False).get_matching_blocks()
        if b.size
    ]
    if not blocks:
        return 0, len(long)
    gap = max(3, len(short) // 2)
    runs: list[list] = [[blocks[0]]]
    for blk in blocks[1:]:
        prev = runs[-1][-1]
        if blk.b - (prev.b + prev.size) <= gap and blk.a >= prev.a + prev.size:
            runs[-1].append(blk)
        else:
            runs.append([blk])
    run = max(runs, key=lambda r: (sum(x.size for x in r), -r[0].b))
    lo = run[0].b - run[0].a
    hi = run[-1].b + run[-1].size + (len(short) - (run[-1].a + run[-1].size))
    return max(lo, 0), min(hi, len(long))


# Words whose change in a quote moves no meaning: articles, relative pronouns, "it" and the
# demonstratives, and the auxiliaries of tense and aspect ("a problem that has been" / "the
# problem which was", "this is" / "it is").
# Modals (will/would, can/could, must/should) are not among them.
_GRAMMAR = frozenset(
    [
        "a",
        "an",
        "the",
        "that",
        "which",
        "who",
        "whom",
        "has",
        "have",
        "had",
        "been",
        "be",
        "is",
        "are",
        "was",
        "were",
        "it",
        "this",
        "these",
        "those",
    ]
)
# compared with tokens' matching forms, which fold doubled letters ("been" → "ben")
_GRAMMAR = _GRAMMAR | {normalise_token(w) for w in _GRAMMAR}


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper()


def _completes_name(toks: tuple[Token, ...], lo: int, hi: int) -> bool:
    """True when ``toks[lo:hi]``, words left out of the other version of a quote, are all
    capitalised and stand against a capitalised word both keep: a first name, an initial or
    a title that completes a name ("compares Putin to Hitler" / "compares Vladimir Putin to
    Adolf Hitler"); a name put in place of another is a change of wording."""
    words = [t for t in toks[lo:hi] if t.is_word]
    if not words or not all(_capitalised(t) for t in words):
        return False
    before = toks[lo - 1] if lo > 0 else None
    after = toks[hi] if hi < len(toks) else None
    return any(t is not None and t.is_word and _capitalised(t) for t in (before, after))


def _negates(word: str) -> bool:
    return word_cue(word) is not None


def _balanced(
    a: list[str], b: list[str], polarity_kept: bool = False
) -> tuple[list[str], list[str]]:
    """Two versions of a statement's changed words, negation cues left out where both
    carry as many ("did not receive" / "at no stage did … receive": one negation told in
    other words, not a flip), or where the whole quotes do (``polarity_kept``: "We have no
    information on cause" / "We really don't have any clues at all as far as the cause",
    whose changed stretches split the two negations apart)."""
    if not polarity_kept and sum(map(_negates, a)) != sum(map(_negates, b)):
        return a, b
    return [w for w in a if not _negates(w)], [w for w in b if not _negates(w)]


def _respelled(a: list[str], b: list[str]) -> bool:
    """True when two versions of a stretch spell the same letters, hyphens and spaces aside
    ("cyber-criminals" / "cyber criminals", "e-mail" / "email"), or the same word the
    British and the American way ("neighbourhood" / "neighborhood"): a transcription's or a
    house's style.

    >>> _respelled(["cyber-criminals"], ["cyber", "criminals"]), _respelled(["wives"], ["wife"])
    (True, False)
    >>> _respelled(["fibre"], ["fiber"])
    True
    """

    def letters(words: list[str]) -> str:
        return "".join(us_spelling(w.lower()) for w in words).replace("-", "").replace("‐", "")

    return bool(a) and bool(b) and letters(a) == letters(b)


def _digit_runs(word: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+", word))


def _changed_severity(a: list[str], b: list[str], polarity_kept: bool = False) -> str:
    """``_severity_for`` of the words two versions of a stretch change, negations balanced
    and a figure both give, written two ways ("17-inch" / "17”"), left out."""
    a, b = _balanced(a, b, polarity_kept)
    fa = {_digit_runs(w) for w in a} - {()}
    fb = {_digit_runs(w) for w in b} - {()}
    a = [w for w in a if _digit_runs(w) not in fb]
    b = [w for w in b if _digit_runs(w) not in fa]
    return _severity_for(a + b) if a or b else "info"


def _severity_for(changed: list[str]) -> str:
    words = {w.lower() for w in changed}
    if words and words <= _GRAMMAR:
        return "info"
    if any(_negates(w) for w in words) or any(w[:1].isdigit() for w in words):
        return "high"  # "not", "never", "isn't", "cannot"; a figure
    if words & _HEAVY or words & word_set("hedges.txt") or words & word_set("intensifiers.txt"):
        return "medium"
    return "low"


def _negated_pair(a: list[str], b: list[str]) -> tuple[str, str] | None:
    """The negated word and its verb, when two one-word stretches are a verb and its negated
    contraction ("isn't" / "is", "won't" / "will", "cannot" / "can")."""
    if len(a) != 1 or len(b) != 1:
        return None
    for x, y in ((a[0], b[0]), (b[0], a[0])):
        verb = negated_verb(x)
        if verb and verb.lower().replace("’", "'") == y.lower().replace("’", "'"):
            return x, y
    return None


def _meaning_of(words: list[str]) -> tuple[str, str, str] | None:
    """Kind, code and name of what a stretch is, when it is only a negation ("not"), a
    hedge or an intensifier."""
    stretch = " ".join(words).lower()
    if len(words) == 1 and word_cue(words[0]) is not None:
        return "content", "content.negation", "negation"
    if stretch in word_set("hedges.txt"):
        return "framing", "framing.hedge", "hedge"
    if stretch in word_set("intensifiers.txt"):
        return "framing", "framing.intensifier", "intensifier"
    return None


def _known_change(
    words: list[str], long_q: _Q, short_q: _Q, evidence: list[Span], group: str | None, score: float
) -> Divergence | None:
    """A negation, hedge or intensifier that one version of a quote has and the other lacks:
    a misquote whose meaning is known, reported under that code at the quote's severity
    ("things are not tense": content.negation, high); None for other words."""
    meaning = _meaning_of(words)
    if meaning is None:
        return None
    kind, code, what = meaning
    return finding(
        kind, code, _severity_for(words), evidence,
        f"{long_q.view.id}'s quote has the {what} {short(' '.join(words), 40)}, "
        f"which {short_q.view.id}'s version of the same quote leaves out",
        group, round(score, 3),
    )  # fmt: skip


# Contractions a transcript may write out: "it's" / "it is", "don't" / "do not". "'s" is
# read as "is" or "has" only after words that take it so ("Russia's" is a possessive).
_CONTRACTED = {
    "'m": ("am",), "'re": ("are",), "'ve": ("have",), "'ll": ("will",),
    "'d": ("would", "had"), "'s": ("is", "has"),
}  # fmt: skip
_S_HOSTS = frozenset([
    "it", "he", "she", "that", "there", "here", "what", "who", "where", "how", "when", "why",
    "this", "everything", "nothing", "something", "everyone",
])  # fmt: skip
_IRREGULAR: dict[str, set[tuple[str, ...]]] = {
    "won't": {("will", "not")}, "can't": {("can", "not"), ("cannot",)},
    "shan't": {("shall", "not")}, "let's": {("let", "us")}, "cannot": {("can", "not")},
}  # fmt: skip


def _spelled_out(word: str) -> set[tuple[str, ...]]:
    """The ways to write a (normalised) word out: itself, and a contraction's full forms.

    >>> sorted(_spelled_out("it's")), sorted(_spelled_out("don't")), _spelled_out("russia's")
    ([('it', 'has'), ('it', 'is'), ("it's",)], [('do', 'not'), ("don't",)], {("russia's",)})
    """
    out: set[tuple[str, ...]] = {(word,)} | _IRREGULAR.get(word, set())
    if word.endswith("n't") and word not in _IRREGULAR:
        out.add((word[:-3], "not"))
    for tail, full in _CONTRACTED.items():
        host = word[: -len(tail)]
        if word.endswith(tail) and host and (tail != "'s" or host in _S_HOSTS):
            out |= {(host, f) for f in full}
    return out


def _written_out(words: Sequence[str]) -> set[tuple[str, ...]]:
    forms: set[tuple[str, ...]] = {()}
    for w in words:
        forms = {f + g for f in forms for g in _spelled_out(w)}
    return forms


def _contracted(a: Sequence[str], b: Sequence[str]) -> bool:
    """True when two stretches differ only in contractions ("It's" / "It is", "I'm not" /
    "I am not", "can't" / "cannot", "I’ m" / "I'm"): a transcript's spelling, not other words.

    >>> _contracted(["it's"], ["it", "is"]), _contracted(["i", "m"], ["i'm"]), _contracted(["it's"], ["it"])
    (True, True, False)
    """
    if len(a) + len(b) > 8:
        return False
    if "".join(a).replace("'", "") == "".join(b).replace("'", ""):
        return True  # "I’ m" / "I'm": the apostrophe set apart
    if not any("'" in w or w == "cannot" for w in (*a, *b)):
        return False
    return bool(_written_out(a) & _written_out(b))


def _cluster(
    ops: Sequence[tuple[str, int, int, int, int]], gap: int = 2
) -> list[list[tuple[str, int, int, int, int]]]:
    """Merge edits separated by fewer than ``gap`` equal tokens into one change."""
    clusters: list[list[tuple[str, int, int, int, int]]] = []
    for op in ops:
        if clusters and op[1] - clusters[-1][-1][2] < gap and op[3] - clusters[-1][-1][4] < gap:
            clusters[-1].append(op)
        else:
            clusters.append([op])
    return clusters


def _span(view: ArticleView, toks: tuple[Token, ...], i1: int, i2: int, fallback: int) -> Span:
    if i2 > i1:
        return view.span(toks[i1].start, toks[i2 - 1].end)
    # an empty side: point at the neighbouring word(s)
    lo = max(min(fallback, len(toks)) - 1, 0)
    hi = min(lo + 2, len(toks))
    return view.span(toks[lo].start, toks[hi - 1].end)


def _sentence_ends(toks: tuple[Token, ...]) -> list[int]:
    """Return, for each word of ``toks``, the index (among words) of its sentence's last word."""
    words = [i for i, t in enumerate(toks) if t.is_word]
    ends = []
    last = len(words) - 1
    for w in range(len(words) - 1, -1, -1):
        nxt = toks[words[w] + 1].text if words[w] + 1 < len(toks) else ""
        if nxt in (".", "?", "!", "…"):
            last = w
        ends.append(last)
    return ends[::-1]


def _said_after(part: _Q, dropped: list[Token]) -> bool:
    """True when the words the shorter quote leaves out follow it in its own text, outside
    the marks: "Putin 'wins' Russia's presidential election" against "Putin 'Wins Russian
    Presidential Election'", or a gloss given after the quote ("Allahu Akbar" (God is
    Greatest)). The outlet quoted less but says the same."""
    wanted = [t.norm for t in dropped if t.norm not in _STOP and t.norm not in _SHIFTS]
    if not wanted:
        return False
    text, view = part.view.text, part.view
    stop = min(len(text), part.quote.end + 40 * len(dropped) + 40)
    newline = text.find("\n", part.quote.end, stop)
    after = tokenize(text, part.quote.end, stop if newline < 0 else newline)
    window: set[str] = set()
    for t in after[: 2 * len(dropped) + 4]:
        if t.text in ".!?":
            break  # the sentence ends: what follows is another statement
        if t.is_word and not view.in_quote(t.start, t.end):
            window.add(t.norm)
    stems = {w[:5] for w in window}
    return sum(w in window or w[:5] in stems for w in wanted) >= 0.5 * len(wanted)


def _continued(part: _Q, dropped: list[Token], reach: int = 200) -> bool:
    """True when the words left out open the next quote in the same paragraph: one
    statement quoted in two pieces around its attribution ("If this plan passes," Okafor
    told reporters, "the river will pay for it.")."""
    text = part.view.text
    wanted = [t.norm for t in dropped if t.is_word]
    for q in part.view.quotes:
        if not part.quote.end <= q.start <= part.quote.end + reach:
            continue
        if "\n" in text[part.quote.end : q.start]:
            return False
        words = [t.norm for t in tokenize(text, q.start, q.end) if t.is_word]
        return words[: len(wanted)] == wanted[: len(words)] and bool(words)
    return False


def _negation_before(full: _Q, part: _Q, lo: int) -> Iterator[Divergence]:
    """A negation the statement carries just before the words a fragment quotes, which the
    fragment's own lead-in does not carry: 'there was "evidence of a forced entry"' from
    "There is no evidence of a forced entry" gives the speaker's words the other polarity."""
    words = [t for t in full.toks if t.is_word]
    if not 0 < lo < len(words) or part.quote.open_mark < 0:
        return
    ends = _sentence_ends(full.toks)
    cues = [
        t
        for k, t in enumerate(words[max(0, lo - 2) : lo], start=max(0, lo - 2))
        if ends[k] == ends[lo] and word_cue(t.text)
    ]
    if not cues:
        return
    lead = part.view.text[max(0, part.quote.open_mark - 80) : part.quote.open_mark]
    if any(word_cue(t.text) for t in [t for t in tokenize(lead) if t.is_word][-6:]):
        return  # 'said there was "no evidence…"' / 'denied there was any "evidence…"'
    here = full.view.span(cues[-1].start, cues[-1].end)
    first = next(t for t in part.toks if t.is_word)
    there = part.view.span(first.start, first.end)
    yield finding(
        "quote", "quote.truncation", "high",
        [here, there] if full.view.index < part.view.index else [there, here],
        f'{part.view.id} quotes {short(part.quote.text, 40)} without the "{cues[-1].text}" '
        f"that comes just before those words in {full.view.id}'s quote",
        None, 0.8,
    )  # fmt: skip


def _cut_short(full: _Q, part: _Q, lo: int, hi: int, aligned: bool) -> Iterator[Divergence]:
    """A quote that stops mid-sentence of the statement it renders is cut short.

    A fragment quoted inside a sentence ("amid concerns there are "many more"") is ordinary
    partial quoting, unless the two sentences are aligned: the same sentence told with less.
    A fragment that leaves out a negation just before its words is never ordinary.
    """
    yield from _negation_before(full, part, lo)
    if part.quote.partial and not aligned:
        return
    words = [t for t in full.toks if t.is_word]
    end = _sentence_ends(full.toks)[hi - 1] if hi else -1
    if end < hi or hi >= len(words):
        return
    dropped = words[hi : end + 1]
    if _said_after(part, dropped) or _continued(part, dropped):
        return
    part_words = [t for t in part.toks if t.is_word]
    here = full.view.span(dropped[0].start, dropped[-1].end)
    there = part.view.span(part_words[-1].start, part_words[-1].end)
    severity = _severity_for([t.text for t in dropped])
    severity = "medium" if severity == "low" and len(dropped) >= 3 else severity
    evidence = [here, there] if full.view.index < part.view.index else [there, here]
    yield finding(
        "quote", "quote.truncation", severity, evidence,
        f"{part.view.id}'s quote stops at {short(there.text, 30)}; in {full.view.id} the sentence "
        f"goes on: {short(here.text, 60)}",
        None, 0.8,
    )  # fmt: skip


_STATEMENT_WORDS = 3


def _around(q: _Q, reach: int) -> str:
    """Where a quote's speaker may be named another way: ``reach`` characters either side,
    or, for a quote its own sentence gives to a person by name ("Holt said"), that sentence
    and its attribution only: a name in the next sentence ("Councillor Rios attended") is
    another person, where after a pronoun it may be the antecedent the resolver missed."""
    quote, view = q.quote, q.view
    written = (quote.speaker_text or "").split()
    if not (written and quote.speaker_span and written[-1][:1].isupper() and len(written) <= 4):
        return view.text[max(0, quote.start - reach) : quote.end + reach]
    lo = min(quote.start, quote.speaker_span[0])
    hi = max(quote.end, quote.speaker_span[1])
    first, last = view.sentence_at(lo), view.sentence_at(max(lo, hi - 1))
    lo = first.start if first is not None else lo
    hi = last.end if last is not None else hi
    return view.text[lo:hi]


def _names_either(qa: _Q, qb: _Q, reach: int = 250) -> bool:
    """True when either article names the other's speaker near its own quote, by last
    name or, for a body of three or more capitalised words, by its initials ("NRWA
    spokesman Piet Maas" / "the Northern River Water Authority").

    Then the two speakers are one person named two ways, a body and its spokesperson, or
    an extraction slip, not a misattribution.
    """
    for this, other in ((qa, qb), (qb, qa)):
        name = (other.quote.speaker_text or "").split()
        if not name:
            continue
        around = _around(this, reach)
        last = re.sub(r"['’]s$", "", name[-1].lower())
        if last and re.search(rf"\b{re.escape(last)}\b", around.lower()):
            return True
        initials = "".join(w[0] for w in name if w[:1].isupper())
        if len(initials) >= 3 and re.search(rf"\b{initials}\b", around):
            return True
    return False


def _compare(
    qa: _Q, qb: _Q, score: float, group: str | None, aligned: bool
) -> Iterator[Divergence]:
    a_words = [t for t in qa.toks if t.is_word]
    b_words = [t for t in qb.toks if t.is_word]
    polarity_kept = sum(_negates(t.text) for t in a_words) == sum(_negates(t.text) for t in b_words)
    # A short quote set against a statement given at length: compare it with the stretch
    # it renders, not with the whole statement; a full quote that stops mid-sentence of
    # that statement is cut short.
    if len(a_words) > 1.5 * len(b_words):
        lo, hi = _window([t.norm for t in b_words], [t.norm for t in a_words])
        yield from _cut_short(qa, qb, lo, hi, aligned)
        a_words = a_words[lo:hi]
    elif len(b_words) > 1.5 * len(a_words):
        lo, hi = _window([t.norm for t in a_words], [t.norm for t in b_words])
        yield from _cut_short(qb, qa, lo, hi, aligned)
        b_words = b_words[lo:hi]
    if not a_words or not b_words:
        return
    sa = qa.quote.speaker
    sb = qb.quote.speaker
    a_norm, b_norm = [t.norm for t in a_words], [t.norm for t in b_words]
    matcher = Matcher(a_norm, b_norm)
    ops = [
        op for op in matcher.opcodes()
        if op[0] != "equal" and not _contracted(a_norm[op[1] : op[2]], b_norm[op[3] : op[4]])
    ]  # fmt: skip
    # a term in quotation marks ("a 'humanitarian corridor'") names a thing, whoever uses
    # it: only a statement of three words or more is misattributed
    statement = min(len(a_words), len(b_words)) >= _STATEMENT_WORDS
    if (
        statement and sa and sb and sa != sb and matcher.ratio() >= 0.8
        and not _names_either(qa, qb)
    ):  # fmt: skip
        yield finding(
            "quote", "quote.misattribution", "high",
            [qa.view.span(qa.quote.start, qa.quote.end), qb.view.span(qb.quote.start, qb.quote.end)],
            f"the same words are attributed to {qa.quote.speaker_text} in {qa.view.id} "
            f"and to {qb.quote.speaker_text} in {qb.view.id}: {short(qa.quote.text, 60)}",
            group, round(score, 3),
        )  # fmt: skip
        return
    if not ops:
        return
    a_tok, b_tok = tuple(a_words), tuple(b_words)
    only_deletes = all(op[0] == "delete" for op in ops)
    only_inserts = all(op[0] == "insert" for op in ops)
    if only_deletes or only_inserts:
        short_q, long_q = (qb, qa) if only_deletes else (qa, qb)
        long_len = len(a_tok) if only_deletes else len(b_tok)
        edges_only = all(
            (op[1] == 0 or op[2] == long_len) if only_deletes else (op[3] == 0 or op[4] == long_len)
            for op in ops
        )
        if edges_only and short_q.quote.partial and not aligned:
            return  # a verbatim fragment, quoted inside a sentence: ordinary partial quoting
        for cluster in _cluster(ops):
            i1, i2 = cluster[0][1], cluster[-1][2]
            j1, j2 = cluster[0][3], cluster[-1][4]
            left = _span(qa.view, a_tok, i1, i2, i1)
            right = _span(qb.view, b_tok, j1, j2, j1)
            dropped = a_tok[i1:i2] if only_deletes else b_tok[j1:j2]
            words = [t.text for t in dropped]
            lo, hi = (i1, i2) if only_deletes else (j1, j2)
            if (
                short_q.quote.partial
                and (lo == 0 or hi == long_len)
                and _told_outside(short_q, words, before=lo == 0)
            ):
                continue  # 'there was "evidence a body…"' / '"There is evidence a body…"'
            if _completes_name(a_tok if only_deletes else b_tok, lo, hi):
                yield finding(
                    "quote", "quote.wording", "info", [left, right],
                    f"{long_q.view.id}'s quote gives the name in full ({short(' '.join(words), 40)})",
                    group, round(score, 3),
                )  # fmt: skip
                continue
            known = _known_change(words, long_q, short_q, [left, right], group, score)
            if known:
                yield known
                continue
            severity = _severity_for(words)
            carries = bool(
                set(w.lower() for w in words) - {"the", "a", "an", "and", "of", "that", "to", "in"}
            )
            severity = "medium" if severity == "low" and carries and len(words) >= 3 else severity
            if any(t.text[:1].isupper() for t in dropped[1:]) and severity == "low":
                severity = "medium"  # a dropped name or label
            # A stretch cut from a quote, or its end, is a truncation; a word or two left out
            # mid-quote ("we are very pleased" / "we are pleased") is a change of wording.
            at_end = hi == long_len
            code = "quote.truncation" if len(words) >= 3 or at_end else "quote.wording"
            yield finding(
                "quote", code, severity, [left, right],
                f"{long_q.view.id}'s quote has {short(' '.join(words), 60)}, which "
                f"{short_q.view.id}'s version of the same quote leaves out",
                group, round(score, 3),
            )  # fmt: skip
        return
    bounds = [(c[0][1], c[-1][2], c[0][3], c[-1][4]) for c in _cluster(ops)]
    # What each quote says where the two differ: a stretch one quote lacks that shares a word
    # with what the other puts in another place is moved, not cut ("If there were any more
    # years I could hand you" / "If I could hand you more years" moves "more years").
    elsewhere_a = {t.norm for i1, i2, _, _ in bounds for t in a_tok[i1:i2]} - _GRAMMAR
    elsewhere_b = {t.norm for _, _, j1, j2 in bounds for t in b_tok[j1:j2]} - _GRAMMAR
    wording = []
    moved = False
    for i1, i2, j1, j2 in bounds:
        dropped = a_tok[i1:i2] if j2 == j1 else b_tok[j1:j2] if i2 == i1 else ()
        elsewhere = elsewhere_b if j2 == j1 else elsewhere_a
        if len(dropped) >= 3 and {t.norm for t in dropped} & elsewhere:
            moved = True  # reworded, not cut
        elif len(dropped) >= 3:
            # a stretch left out of an otherwise reworded quote is still a cut
            yield finding(
                "quote", "quote.truncation", _severity_for([t.text for t in dropped]),
                [_span(qa.view, a_tok, i1, i2, i1), _span(qb.view, b_tok, j1, j2, j1)],
                f"{(qa if j2 == j1 else qb).view.id}'s quote has {short(' '.join(t.text for t in dropped), 60)}, "
                f"which {(qb if j2 == j1 else qa).view.id}'s version of the same quote leaves out",
                group, round(score, 3),
            )  # fmt: skip
        else:
            wording.append((i1, i2, j1, j2))
    if len(wording) > 2 or moved:
        # The statement rendered in other words throughout (two translations of one post,
        # a loose transcription): one finding, every changed stretch as evidence, ranked by
        # the heaviest change, rather than a finding per word.
        evidence, changed_a, changed_b = [], [], []
        every = bounds if moved else wording
        for i1, i2, j1, j2 in every:
            evidence += [_span(qa.view, a_tok, i1, i2, i1), _span(qb.view, b_tok, j1, j2, j1)]
            changed_a += [t.text for t in a_tok[i1:i2]]
            changed_b += [t.text for t in b_tok[j1:j2]]
        evidence = sorted(set(evidence), key=lambda e: (e.article != qa.view.id, e.start))
        # the same words in another order ("this all" / "all this") is harmless rewording
        reordered = sorted(t.norm for t in a_tok) == sorted(t.norm for t in b_tok)
        yield finding(
            "quote", "quote.wording", "info" if reordered else _changed_severity(changed_a, changed_b, polarity_kept),
            evidence,
            f"{qa.view.id} and {qb.view.id} quote the same statement in other words "
            f"({len(every)} changes, {round(100 * matcher.ratio())}% similar): "
            f"{short(qa.quote.text, 40)} / {short(qb.quote.text, 40)}",
            group, round(score, 3),
        )  # fmt: skip
        return
    for i1, i2, j1, j2 in wording:
        left = _span(qa.view, a_tok, i1, i2, i1)
        right = _span(qb.view, b_tok, j1, j2, j1)
        changed_a, changed_b = [t.text for t in a_tok[i1:i2]], [t.text for t in b_tok[j1:j2]]
        negated = _negated_pair(changed_a, changed_b)
        if negated:  # "isn't" / "is", "won't" / "will"
            no, yes = negated
            long_q, short_q = (qa, qb) if no == changed_a[0] else (qb, qa)
            yield finding(
                "content", "content.negation", "high", [left, right],
                f'{long_q.view.id}\'s quote has "{no}" where {short_q.view.id}\'s version of '
                f'the same quote has "{yes}"',
                group, round(score, 3),
            )  # fmt: skip
            continue
        if not changed_a or not changed_b:  # words one quote has and the other lacks
            long_q, short_q = (qa, qb) if changed_a else (qb, qa)
            known = _known_change(
                changed_a or changed_b, long_q, short_q, [left, right], group, score
            )
            if known:
                yield known
                continue
        reordered = sorted(t.norm for t in a_tok[i1:i2]) == sorted(t.norm for t in b_tok[j1:j2])
        harmless = reordered or _respelled(changed_a, changed_b)
        severity = "info" if harmless else _changed_severity(changed_a, changed_b, polarity_kept)
        if 2 * len(changed_a) > len(a_tok) and 2 * len(changed_b) > len(b_tok):
            # most of each quote replaced: two statements that share a phrase ("the right
            # night for Ivo to set the club record" / "we never wanted to think only about
            # setting the club record") more likely than one reworded; told, no higher than low
            severity = min(severity, "low", key=SEVERITIES.index)
        yield finding(
            "quote", "quote.wording", severity, [left, right],
            f"{qa.view.id} quotes {short(left.text, 50)} where {qb.view.id} quotes {short(right.text, 50)}",
            group, round(score, 3),
        )  # fmt: skip


_PARAPHRASE_SHARE = 0.6  # share of a quote's content words the unquoted passage must carry
# reported speech shifts tense and person ("I will" / "he would"): not a change of words
_SHIFTS = frozenset(
    [
        "am",
        "is",
        "are",
        "was",
        "were",
        "will",
        "would",
        "can",
        "could",
        "shall",
        "should",
        "may",
        "might",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "i",
        "we",
        "you",
        "he",
        "she",
        "they",
        "me",
        "us",
        "him",
        "her",
        "them",
        "my",
        "our",
        "your",
        "his",
        "their",
        "its",
        "it",
    ]
)
# compared with tokens' matching forms, which fold doubled letters ("will" → "wil")
_SHIFTS = _SHIFTS | {normalise_token(w) for w in _SHIFTS}


def _told_outside(q: _Q, words: list[str], before: bool) -> bool:
    """True when the words another outlet's quote has at one edge stand just outside this
    partial quote, in reported speech ('said there was "evidence…"' / 'said: "There is
    evidence…'): the outlet moved them out of the marks rather than cut them."""
    if before:
        if q.quote.open_mark < 0:
            return False
        text = q.view.text[max(0, q.quote.open_mark - 80) : q.quote.open_mark]
    else:
        text = q.view.text[q.quote.end : q.quote.end + 80]
    outside = [t.norm for t in tokenize(text) if t.is_word]
    near = set(outside[-len(words) - 2 :] if before else outside[: len(words) + 2])
    content = [normalise_token(w) for w in words if w.lower() not in _SHIFTS]  # as `near`
    return bool(content) and all(w in near for w in content)


_DOUBLE_MARKS = re.compile(r"[\"“”„]|''|``")


def _opened(view: ArticleView, pos: int) -> bool:
    """True when an unpaired double quotation mark opens before ``pos`` in its paragraph
    (a quote left open, as multi-paragraph quotes are): the words before may be quoted."""
    para = view.text.rfind("\n", 0, pos) + 1
    return len(_DOUBLE_MARKS.findall(view.text, para, pos)) % 2 == 1


def _carried(word: str, carried: set[str]) -> bool:
    """True when ``word`` is among ``carried``, spelling variants included ("co-operation"
    / "cooperation", "cemetery" / "cemetary")."""
    if word in carried:
        return True
    bare = word.replace("-", "")
    return len(bare) >= 6 and any(
        abs(len(c) - len(bare)) <= 2
        and SequenceMatcher(None, bare, c.replace("-", "")).ratio() >= 0.85
        for c in carried
    )


_STEP_DOWN = {"high": "medium", "medium": "low", "low": "info", "info": "info"}


def _paraphrase_severity(quoted: list[str], plain: list[str]) -> str:
    """How far a paraphrase moved from the words a quote gives as the speaker's: one step
    below the same change between two quotes (``_severity_for``), since reported speech
    is expected to reword ("may help fight obesity" / "may boost the fight against
    obesity": info). Tense and person of reported speech ("I will" / "he would") move
    nothing; a negation, a figure, a quantifier or a hedge added or dropped does.
    """
    quoted, plain = _balanced(quoted, plain)
    carried = set(plain)
    dropped = [w for w in quoted if not _carried(w, carried) and w not in _SHIFTS]
    said = set(quoted)
    added = [w for w in plain if not _carried(w, said) and w not in _SHIFTS]
    return _STEP_DOWN[_severity_for(dropped + added)] if dropped or added else "info"


def _paraphrased(
    ctx: Context, quotes: list[list[_Q]], linked: set[tuple[int, int]]
) -> Iterator[Divergence]:
    """Quotes of one passage that the aligned passage gives without quotation marks.

    A quote linked to a quote of the other article is compared as a quote instead. The
    other passage must carry most of the quote's content words, in one stretch, outside
    its own quotation marks.
    """
    for pair in ctx.pairs:
        for side in ("left", "right"):
            view, other = (pair.left, pair.right) if side == "left" else (pair.right, pair.left)
            lo, hi = pair.lspan if side == "left" else pair.rspan
            other_toks = pair.rtoks if side == "left" else pair.ltoks
            free = [t for t in other_toks if t.is_word and not other.in_quote(t.start, t.end)]
            if not free:
                continue
            for q in quotes[view.index]:
                if not lo <= q.quote.start < hi or (view.index, q.quote.start) in linked:
                    continue
                content = [w for w in q.words if w not in _STOP]
                if len(content) < 2:
                    continue
                w_lo, w_hi = _window(list(q.words), [t.norm for t in free])
                stretch = free[w_lo:w_hi]
                carried = {t.norm for t in stretch}
                share = sum(_carried(w, carried) for w in content) / len(content)
                if share < _PARAPHRASE_SHARE or not stretch or _opened(other, stretch[-1].end):
                    continue
                quoted = view.span(q.quote.start, q.quote.end)
                plain = other.span(stretch[0].start, stretch[-1].end)
                severity = _paraphrase_severity(list(q.words), [t.norm for t in stretch])
                yield finding(
                    "quote", "quote.paraphrase", severity,
                    [quoted, plain] if side == "left" else [plain, quoted],
                    f"{view.id} quotes {short(q.quote.text, 50)} as the speaker's words; "
                    f"{other.id} gives them without quotation marks: {short(plain.text, 50)}",
                    pair.group, round(share, 3),
                )  # fmt: skip
                linked.add((view.index, q.quote.start))  # once per quote


@lru_cache(maxsize=1)
def _stances() -> dict[str, str]:
    from divergence.detect.quotes_extract import load_reporting_verbs

    return {lemma: stance for lemma, stance in load_reporting_verbs().values()}


def _governing_verbs(qa: _Q, qb: _Q, score: float, group: str | None) -> Iterator[Divergence]:
    """One statement, quoted by two outlets, introduced with verbs of another stance ("said"
    / "admitted"): ``framing.attribution_verb``, wherever the two sentences stand (the
    framing detector sees only aligned passages; a quote links across them)."""
    from divergence.detect.framing import STANCE_SEVERITY, STANCES

    a, b = qa.quote, qb.quote
    if not (a.verb and b.verb and a.verb_span and b.verb_span) or score < _MIN_LINK_STRONG:
        return
    stances = _stances()
    sa, sb = stances.get(a.verb), stances.get(b.verb)
    if sa is None or sb is None or sa == sb or sa not in STANCES or sb not in STANCES:
        return
    left, right = qa.view.span(*a.verb_span), qb.view.span(*b.verb_span)
    yield finding(
        "framing", "framing.attribution_verb", STANCE_SEVERITY.get(frozenset({sa, sb}), "low"),
        [left, right],
        f'{qa.view.id} introduces the quote {short(a.text, 40)} with "{left.text}" ({sa}), '
        f'{qb.view.id} with "{right.text}" ({sb})',
        group, round(score, 3),
    )  # fmt: skip


def detect(ctx: Context) -> Iterator[Divergence]:
    quotes = [_quotes(v) for v in ctx.views]
    linked: set[tuple[int, int]] = set()
    # one speaker named for another is one finding, however many quotes (the paragraphs of
    # one statement) show it
    misattributed: dict[tuple, list[Divergence]] = {}
    for qa, qb, score, group, aligned in _links(ctx, quotes):
        linked.add((qa.view.index, qa.quote.start))
        linked.add((qb.view.index, qb.quote.start))
        for d in _compare(qa, qb, score, group, aligned):
            if d.code == "quote.misattribution":
                key = (qa.view.id, qa.quote.speaker, qb.view.id, qb.quote.speaker)
                misattributed.setdefault(key, []).append(d)
            else:
                yield d
        yield from _governing_verbs(qa, qb, score, group)
    for found in misattributed.values():
        yield _merged(found)
    yield from _paraphrased(ctx, quotes, linked)


def _merged(found: list[Divergence]) -> Divergence:
    """One finding for the misattributions of one speaker pair: the first's message, every
    quote as evidence."""
    first = found[0]
    if len(found) == 1:
        return first
    more = len(found) - 1
    return replace(
        first,
        evidence=tuple(e for d in found for e in d.evidence),
        message=f"{first.message} (and {more} more quote{'s' if more > 1 else ''})",
        group=first.group if all(d.group == first.group for d in found) else None,
    )
