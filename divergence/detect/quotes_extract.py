"""Find direct quotations in one article, with their speaker and governing reporting verb.

Pure functions over a text, with half-open character offsets into it:

- ``extract_quotes(text, skipped)`` returns ``Quote`` objects, in order and non-overlapping,
  each with ``text[start:end] == quote.text`` (the words inside the marks);
- ``speaker_key(name)`` normalises a speaker for comparison across outlets;
- ``same_statement(a, b)`` scores (0..1) whether two quoted texts render one statement.

No parser and no model: the rules below are the conventions of news copy (AP Stylebook,
Reuters Handbook of Journalism: attribution follows the quote, "said" after the name,
multi-paragraph quotes reopen each paragraph and close only the last one).

1. Marks are paired inside each paragraph (a line): every glyph (“ ” " „ « » ‘ ’ ') is
   classed as opening or closing by its neighbours, so "Zelensky's" is an apostrophe and
   ‘A reaction’ a quote. Quotes nested in a quote are part of it.
2. A paragraph whose last quote never closes, followed by a paragraph that opens with a
   mark, is one paragraph of a multi-paragraph quote; the run shares speaker and verb. A
   double mark that opens a paragraph, or follows a colon, and never closes, in a paragraph
   followed by one that does not reopen, is a quote to the paragraph's end (the close was
   lost), unless the next paragraph's first mark closes it: then the quote runs on over the
   break, and the two paragraphs are one run; a mark left open elsewhere in a paragraph
   opens nothing.
3. Sentences are split inside paragraphs without cutting inside a quote.
4. Reporting verbs (``data/reporting_verbs.txt``) outside quotes get a subject: the noun
   phrase to their left (past auxiliaries and an appositive), or to their right after an
   inversion ("said Mr Zelensky"); participles ("adding that") and coordinated verbs take
   the subject of the previous verb. Pronouns and descriptions ("the Ukrainian president")
   resolve to the latest named person before them.
5. A quote's governing verb, in order: the attribution right after it (``"…," he said``);
   the nearest reporting verb before it in its sentence (``X said: "…"``, ``alleging that
   "…"``); an attribution closing the sentence (``…"…" fighting, he added.``); a colon
   introduction in the previous paragraph (``Here are his comments in full:``) or a
   ``Name:`` headline; ``according to X``; ``X's comments``; the previous paragraph's
   quote when this paragraph is nothing but a quote.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Quote", "extract_quotes", "load_reporting_verbs", "same_statement", "speaker_key"]


@dataclass(frozen=True)
class Quote:
    """One quotation: ``text[start:end]`` are the quoted words, without the marks."""

    start: int  # half-open span of the quoted words inside the marks, offsets into the text
    end: int
    text: str  # text[start:end]
    open_mark: int  # offset of the opening mark; -1 if none ("Name: words" headlines)
    speaker: str | None  # speaker_key() of the resolved speaker; None if unknown
    speaker_text: str | None  # the speaker as written ("he", "Mr. Zelensky")
    speaker_span: tuple[int, int] | None
    verb: str | None  # lemma of the governing reporting verb ("say", "allege", "point out")
    verb_span: tuple[int, int] | None
    partial: bool  # embedded in a sentence ('there are "many more" troops') or a fragment
    paragraph_continued: bool  # one paragraph of a multi-paragraph quote

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad quote span {self.start}..{self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"quote text length {len(self.text)} != {self.end - self.start}")


# ---------------------------------------------------------------------------- lexicons

_VERBS_FILE = "reporting_verbs.txt"


@lru_cache(maxsize=1)
def load_reporting_verbs() -> dict[str, tuple[str, str]]:
    """Map every inflected form of a reporting verb to ``(lemma, stance)``.

    >>> load_reporting_verbs()["claimed"], load_reporting_verbs()["pointed out"]
    (('claim', 'doubt'), ('point out', 'endorsing'))
    """
    raw = resources.files("divergence").joinpath("data", _VERBS_FILE).read_text(encoding="utf-8")
    out: dict[str, tuple[str, str]] = {}
    for number, line in enumerate(raw.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 3 or not all(parts):
            raise ValueError(
                f"divergence/data/{_VERBS_FILE}:{number}: expected 'lemma | stance | forms', "
                f"found {line!r}"
            )
        lemma, stance, forms = parts
        for form in forms.split(","):
            form = " ".join(form.split()).lower()
            if form:
                out[form] = (lemma, stance)
    return out


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Glyphs. Straight marks are classed by context; the rest by shape and context.
_DOUBLE = frozenset('"“”„‟«»')
_SINGLE = frozenset("'‘’‚‛‹›")
_MARK_RE = re.compile("[\"'“”„‟«»‘’‚‛‹›]")
_DOUBLE_CLOSERS = {'"': '"”“', "“": '”"“‟', "„": '“”"‟', "‟": '”"', "«": "»", "”": '”"'}
_SINGLE_CLOSERS = {"'": "'’", "‘": "’'", "‚": "‘’'", "‛": "’'", "‹": "›"}
_LEFT_FLANK = "([{—–-/:;,“‘„«\"'"
MAX_SINGLE_QUOTE_CHARS = 600  # a single-mark "quote" longer than this is apostrophes misread
MAX_WALK_TOKENS = 12  # noun-phrase walks and attribution searches are capped: linear time
MAX_GOVERN_TOKENS = 40  # how far back in its sentence a reporting verb may govern a quote
MAX_PRONOUN_SENTENCES = 8  # how far back a pronoun looks for its antecedent

_TITLES = _words(
    "mr mrs ms miss mx dr prof sir dame lord lady president vice prime minister secretary "
    "general gen sen senator rep representative gov governor mayor chancellor premier king "
    "queen prince princess pope ambassador commander chief spokesperson spokesman spokeswoman "
    "deputy foreign defence defense interior lt col capt sgt rev hon"
)
_ROLE_NOUNS = _words(
    "president minister spokesperson spokesman spokeswoman governor commander secretary "
    "leader chief head ambassador envoy official adviser advisor aide general mayor premier "
    "chancellor senator king queen diplomat correspondent reporter analyst expert director "
    "founder"
)
_ORG_HEADS = _words(
    "ministry department office government kremlin council agency army forces force military "
    "service services embassy committee commission parliament senate congress administration "
    "cabinet police command guard navy court union alliance nato un eu company tass newspaper "
    "times post news media broadcaster"
)
_NONPERSON_HEADS = _ORG_HEADS | _words("states kingdom nations republic region")
_DEMONYMS = {
    "russian": "russia",
    "ukrainian": "ukraine",
    "chinese": "china",
    "american": "us",
    "us": "us",
    "usa": "us",
    "british": "uk",
    "uk": "uk",
    "french": "france",
    "german": "germany",
    "korean": "korea",
    "japanese": "japan",
    "iranian": "iran",
    "israeli": "israel",
    "indian": "india",
    "belgian": "belgium",
    "polish": "poland",
    "russia": "russia",
    "ukraine": "ukraine",
    "china": "china",
    "kyiv": "ukraine",
    "moscow": "russia",
    "beijing": "china",
    "washington": "us",
    "korea": "korea",
}
_PRONOUNS = _words("he she they it we i")
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they"}
_DETERMINER_PRONOUNS = frozenset([*_POSSESSIVE_PRONOUNS, "its", "our"])
# Words that can stand between a subject and its verb ("has also said", "further stated").
_AUX = _words(
    "has have had is are was were be been being will would shall should can could may might "
    "must did does do also further then later previously repeatedly reportedly earlier once "
    "again not never already still now today yesterday publicly separately first however just "
    "even originally initially since recently"
)
_AUX_VERBS = _words(
    "has have had is are was were will would did does do can could may might must should"
)
# Lowercase words that end a subject noun phrase: clause words, prepositions, verbs.
_CLAUSE_STOP = _words(
    "that which who whom whose or but because while if when where as than so after before "
    "until although though whether to in on at for with from by into about amid over under "
    "during without against between through via per not is are was were be been has have had "
    "will would there this it its he she they we i you his her their our also"
)
# A word before an ambiguous form that makes it a noun or adjective ("the claims").
_NOUN_CONTEXT = _words(
    "the a an this these those his her its their our my your of in on at for with by from "
    "about no any some such every each after before without into upon amid over under latest "
    "recent new"
)
# A word after a base form that makes it a noun ("state media", "report card").
_NOUN_AFTER = _words(
    "news media agency television tv broadcaster department secretary official officials "
    "councillor broadcasting company card cards"
)
_STOPWORDS = _words(
    "a an the and or but of to in on at for with by from as is are was were be been being "
    "that this these those it its there their they them we our us i me my you your he she his "
    "her him which who whom what will would can could should has have had do does did so than "
    "then just very also into about all any some"
)
_ABBREV_END = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sgt|Capt|Maj|Sen|Rep|Gov|St|Jr|Sr|Rev|Hon|No|vs|"
    r"approx|Inc|Ltd|Co|Corp)|(?:\b[A-Z]\.)+[A-Z]|\b[A-Z])$"
)
_TOKEN_RE = re.compile(
    r"(?:[A-Z]\.){2,}"
    r"|(?:Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Jr|Sr|St|Rev|Hon)\.(?=\s)"
    r"|\w+(?:[’'\-]\w+)*"
    r"|[^\w\s]"
)
_SENT_END = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+")
_NAME_COLON = re.compile(r"([A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+){0,2}):\s+(\S)")
_NAME_AFTER_TITLE = r"[ \t]+((?:[A-Z][\w’'\-]+[ \t]+){0,2}[A-Z][\w’'\-]+)"  # up to three words
_TITLED_NAME = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Dr|Gen|Sen|Gov)\.?|President|Minister|Secretary|Governor|General|"
    r"Senator|Chancellor|Premier|Ambassador|president|minister|spokesperson|spokesman|"
    r"spokeswoman|governor|commander|secretary|leader|chief|ambassador|envoy)" + _NAME_AFTER_TITLE
)

# titles that tell a person's gender, for pronouns to agree with ("she" is not "Mr. MacFarlane")
_GENDERED_TITLE = re.compile(
    r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Lord|spokesman|spokeswoman)\.?" + _NAME_AFTER_TITLE
)
_TITLE_GENDER = {"mr": "he", "sir": "he", "lord": "he", "spokesman": "he", "mrs": "she",
                 "ms": "she", "miss": "she", "dame": "she", "lady": "she", "spokeswoman": "she"}  # fmt: skip

# ---------------------------------------------------------------------------- speaker keys


def _fold(s: str) -> str:
    """Casefold and strip diacritics (NFKD, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# a surname particle written glued to the name: "DelGiudice", "DeSantis", "LaGuardia"
_GLUED_PARTICLE = re.compile(r"\b(?:Del|Della|De|Di|Da|Van|Von|Le|La|Du)(?=[A-Z][a-z]{3,}\b)")


def speaker_key(name: str) -> str:
    """Normalise a speaker's name for comparison: titles, possessives and spelling folded.

    People are keyed by surname (transliteration variants folded: Zelenskyy, Zelenskiy,
    Zelensky); organisations by country and head noun.

    >>> [speaker_key(n) for n in ["Volodymyr Zelenskyy", "Mr. Zelensky", "Zelenskiy's"]]
    ['zelensky', 'zelensky', 'zelensky']
    >>> speaker_key("Andrii Sybiha"), speaker_key("Russia’s Defence Ministry")
    ('sybiha', 'russia ministry')
    >>> speaker_key("The Russian Defense Ministry"), speaker_key("the Kremlin")
    ('russia ministry', 'kremlin')
    >>> speaker_key("Judge Vincent DelGiudice"), speaker_key("Judge Vincent Del Giudice")
    ('giudice', 'giudice')
    """
    name = _GLUED_PARTICLE.sub("", name)  # "DelGiudice" is "Del Giudice": keyed by "giudice"
    s = _fold(name).replace("’", "'").replace("`", "'")
    s = re.sub(r"'s\b", "", s).replace("'", "").replace(".", "")
    tokens = [t for t in re.findall(r"[^\W_]+(?:-[^\W_]+)*", s) if t not in ("the", "a", "an")]
    if not tokens:
        return s.strip()
    if tokens[-1] in _ORG_HEADS:
        country = next((_DEMONYMS[t] for t in tokens[:-1] if t in _DEMONYMS), None)
        return f"{country} {tokens[-1]}" if country and country != tokens[-1] else tokens[-1]
    names = [t for t in tokens if t not in _TITLES]
    head = names[-1] if names else tokens[-1]
    if len(head) > 4:
        head = re.sub(r"(?:iy|yi|ij|ii)$", "y", head)  # Zelenskiy, Syrskyi: transliterations
    return re.sub(r"(.)\1+$", r"\1", head)  # Zelenskyy


# ---------------------------------------------------------------------------- same statement

_GLYPHS_TO_DROP = str.maketrans({c: None for c in "’'`´‘‚‛"})


def _content_tokens(s: str) -> tuple[str, list[str]]:
    norm = unicodedata.normalize("NFKC", _fold(s)).translate(_GLYPHS_TO_DROP)
    norm = " ".join(re.findall(r"[^\W_]+", norm))
    out = []
    for tok in norm.split():
        if tok in _STOPWORDS:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if tok.endswith(suffix) and len(tok) - len(suffix) >= 3:
                tok = tok[: -len(suffix)]
                break
        out.append(tok)
    return norm, out[:200]  # cap: the score is about statements, not documents


def _matched(a: list[str], b: list[str]) -> int:
    """Count one-to-one matches between two token lists: exact first, then near spellings."""
    from rapidfuzz.distance import Indel

    pool: dict[str, int] = {}
    for t in b:
        pool[t] = pool.get(t, 0) + 1
    left = []
    n = 0
    for t in a:
        if pool.get(t, 0) > 0:
            pool[t] -= 1
            n += 1
        else:
            left.append(t)
    rest = [t for t, k in pool.items() for _ in range(k)]
    for t in left:
        if len(t) < 4:
            continue
        best, best_i = 0.0, -1
        for i, u in enumerate(rest):
            if len(u) >= 4:
                score = Indel.normalized_similarity(t, u)
                if score > best:
                    best, best_i = score, i
        if best >= 0.8:  # "ukrainian"/"ukraine", "clarify"/"clarif": one word, two renderings
            n += 1
            rest.pop(best_i)
    return n


def _window_hits(short: list[str], long: list[str]) -> int:
    """Most tokens of ``short`` matched inside one window of ``long`` about as long as it.

    Order-free matching over the whole of a long quote would link any two quotes on the
    same topic; the words of a truncated quote sit together in its full version.
    """
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    vocab = sorted(set(short))
    vocab_long = [t for t in vocab if len(t) >= 4]
    flags = []
    for t in long:
        hit = t in vocab or (
            len(t) >= 4
            and bool(vocab_long)
            and process.extractOne(
                t, vocab_long, scorer=Indel.normalized_similarity, score_cutoff=0.8
            )
            is not None
        )
        flags.append(1 if hit else 0)
    width = min(len(long), max(len(short) + 2, (len(short) * 13 + 9) // 10))
    best = run = sum(flags[:width])
    for i in range(width, len(flags)):
        run += flags[i] - flags[i - width]
        best = max(best, run)
    return best


def same_statement(a: str, b: str) -> float:
    """Score 0..1 how likely two quoted texts render the same statement.

    Robust to glyphs, case, punctuation, a quote cut short (containment inside a window
    of the longer quote) and to another translation of the same words (content-word
    overlap with near-spelling matches). Unrelated quotes score below 0.3.

    >>> same_statement("“We will know soon enough,”", '"we will know soon enough"')
    1.0
    >>> same_statement("no limits", "The captured Chinese citizens are in custody") < 0.3
    True
    """
    from rapidfuzz import fuzz

    na, ta = _content_tokens(a)
    nb, tb = _content_tokens(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    char = fuzz.ratio(na, nb) / 100
    score = max(0.0, (char - 0.5) / 0.5)  # two unrelated English sentences sit near 0.4
    if ta and tb:
        (ns, short), (nl, long) = sorted(
            ((na, ta), (nb, tb)), key=lambda x: (len(x[1]), len(x[0]), x[0])
        )
        matched = _matched(short, long)
        dice = 2 * matched / (len(short) + len(long))
        cover = min(matched, _window_hits(short, long)) / len(short)
        # a fragment of a few words proves little, unless it is quoted verbatim
        verbatim = f" {ns} " in f" {nl} "
        contain = cover * min(1.0, len(short) / (4 if verbatim else 6))
        score = max(score, dice, contain if verbatim else 0.95 * contain)
    return round(min(score, 1.0), 4)


# ---------------------------------------------------------------------------- extraction


@dataclass
class _Mention:
    """A reference to a speaker: the subject of a reporting verb, or a titled name."""

    pos: int
    sent: int
    span: tuple[int, int] | None
    kind: str  # name | pronoun | description | none
    key: str | None
    person: bool
    roles: frozenset[str]
    how: str = "left"  # left | inv | appos | shared | titled
    src: _Mention | None = None  # for "shared": the mention this one copies once resolved
    np_start: int = -1  # where the whole noun phrase starts ("Kyiv’s foreign minister …")


@dataclass
class _Verb:
    tok: int
    lemma: str
    span: tuple[int, int]
    sent: int
    participle: bool
    subject: _Mention | None = None


_WORDS_AFTER = re.compile(r"\w+\W+\w+")  # a quote left open has at least two words


@dataclass
class _Raw:
    """A quote before attribution: mark offsets and inner span."""

    open: int
    close: int | None  # offset of the closing mark; None for a paragraph left open
    start: int
    end: int
    para: int
    run: int | None = None
    partial: bool = False


_Attribution = tuple[_Mention | None, _Verb | None]


def _trimmed_end(text: str, start: int, end: int) -> int:
    """The end of a quote's words before ``end``: trailing spaces and ",;:" left out."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return end


class _Doc:
    """Everything computed once per text: paragraphs, marks, tokens, sentences, verbs."""

    def __init__(self, text: str, skipped: Sequence[tuple[int, int]], original: str) -> None:
        self.text = text  # the folded copy finds marks; quotes and speakers read the original
        self.original = original  # the text before _fold_paired_marks (same length)
        self.skipped = sorted((max(0, s), min(len(text), e)) for s, e in skipped if e > s)
        self.paras: list[tuple[int, int, bool]] = []  # start, end, is_skipped
        for m in re.finditer(r"[^\n]+", text):
            s, e = m.start(), m.end()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                self.paras.append((s, e, self._is_skipped(s, e, whole=True)))
        self.raws: list[_Raw] = []
        self._pair_all()
        self.ranges = [
            (r.open, (r.close + 1) if r.close is not None else self.paras[r.para][1])
            for r in self.raws
        ]
        self.range_starts = [s for s, _ in self.ranges]
        self._tokenize()
        self._sentences()
        self._verbs()

    # -- helpers
    def _is_skipped(self, s: int, e: int, whole: bool = False) -> bool:
        for a, b in self.skipped:
            if whole and a <= s and e <= b:
                return True
            if not whole and a < e and s < b:
                return True
        return False

    def in_quote(self, pos: int) -> bool:
        i = bisect_right(self.range_starts, pos) - 1
        return i >= 0 and self.ranges[i][0] <= pos < self.ranges[i][1]

    # -- step 1 and 2: marks
    def _opens(self, i: int, ps: int, pe: int) -> bool:
        t = self.text
        ch = t[i]
        p = t[i - 1] if i > ps else ""
        n = t[i + 1] if i + 1 < pe else ""
        if not n:
            return False
        if ch in "“„«‹":  # unambiguous shapes; French typography spaces them: « Non »
            return not p.isalnum()
        if n.isspace():
            return False
        if ch in "‟‘‚‛":
            return not p.isalnum()
        if ch == '"':
            return (not p or p.isspace() or p in _LEFT_FLANK) and n not in ",.;:!?)]}"
        if ch == "'":
            return (not p or p.isspace() or p in _LEFT_FLANK) and (n.isalnum() or n in '“"…')
        if ch == "”":  # Scandinavian style ”…”
            return (not p or p.isspace() or p in "([{—–-/:") and n.isalnum()
        return False

    def _closes(self, i: int, ps: int, pe: int, opener: str) -> bool:
        t = self.text
        ch = t[i]
        p = t[i - 1] if i > ps else ""
        n = t[i + 1] if i + 1 < pe else ""
        if opener in _DOUBLE:
            if ch not in _DOUBLE_CLOSERS.get(opener, ""):
                return False
            return not ((not p or p.isspace()) and n.isalnum())
        if ch not in _SINGLE_CLOSERS.get(opener, ""):
            return False
        return bool(p) and not p.isspace() and not n.isalnum()

    def _inch_mark(self, glyphs: list[int], j: int, ps: int, pe: int, opener: str) -> bool:
        """True when the double mark ``glyphs[j]`` stands for inches: glued to a figure, a
        noun after it, and a later mark of the paragraph closing the quote before any
        other opens ('the “world's thinnest 17” notebook,”')."""
        t, h = self.text, glyphs[j]
        if opener not in _DOUBLE or not (h > ps and t[h - 1].isdigit()):
            return False
        if not re.match(r" [a-z]", t[h + 1 : h + 3]):
            return False
        for g in glyphs[j + 1 :]:
            if self._opens(g, ps, pe):
                return False
            if self._closes(g, ps, pe, opener):
                return True
        return False

    def _pair_all(self) -> None:
        t = self.text
        starts_open = [not sk and self._opens(s, s, e) for s, e, sk in self.paras]
        prev_open = False  # the previous paragraph ended inside a quote
        last_run: int | None = None  # ... and this is that quote's run id
        carry: tuple[int, int] | None = None  # (paragraph, closing mark) of a quote run on
        for k, (ps, pe, sk) in enumerate(self.paras):
            if sk:
                prev_open, last_run, carry = False, None, None
                continue
            nxt = k + 1 < len(self.paras) and starts_open[k + 1]
            allow_open = nxt or (prev_open and starts_open[k])
            glyphs = [m.start() for m in _MARK_RE.finditer(t, ps, pe)]
            pairs: list[tuple[int, int | None]] = []
            lost_close = -1
            run_on: int | None = None  # where the next paragraph closes this one's quote
            i = 0
            if carry is not None and carry[0] == k and last_run is not None:
                # the previous paragraph's quote runs on into this one, which opens no mark
                shut = carry[1]
                e = _trimmed_end(t, ps, shut)
                if e > ps and not self._is_skipped(ps, shut + 1):
                    self.raws.append(_Raw(ps, shut, ps, e, k, run=last_run))
                i = glyphs.index(shut) + 1
            carry = None
            while i < len(glyphs):
                g = glyphs[i]
                if not self._opens(g, ps, pe):
                    i += 1
                    continue
                opener = t[g]
                double = opener in _DOUBLE
                j = i + 1
                close = None
                stray = False
                while j < len(glyphs):
                    h = glyphs[j]
                    c = t[h]
                    if not double and not allow_open and h - g > MAX_SINGLE_QUOTE_CHARS:
                        stray = True
                        break
                    if double and c in _SINGLE:
                        j += 1
                        continue  # nested quotes and apostrophes belong to the outer quote
                    if self._closes(h, ps, pe, opener) and not self._inch_mark(
                        glyphs, j, ps, pe, opener
                    ):
                        close = h
                        break
                    if self._opens(h, ps, pe) and (double or c in _SINGLE or c in '“„«"'):
                        stray = True  # another quote opens first: this mark opened nothing
                        break
                    j += 1
                if close is not None:
                    pairs.append((g, close))
                    i = j + 1
                    continue
                if not stray and allow_open:
                    pairs.append((g, None))
                    break
                if (
                    not stray
                    and double
                    and (g == ps or t[ps:g].rstrip().endswith(":"))
                    and _WORDS_AFTER.search(t, g, pe)
                ):
                    # the paragraph opens a quote, or a colon introduces one ('Maas said:
                    # "The board…'), and never closes it, and the next paragraph does not
                    # reopen: the quote runs to the paragraph's end (the close was lost),
                    # unless the next paragraph's first mark closes it (a quote run on over
                    # a paragraph break: '“I am so excited.¶You know what they say,” said X')
                    run_on = self._lone_close(k + 1, opener)
                    if run_on is None:
                        lost_close = g
                    pairs.append((g, None))
                    break
                i += 1
            continued = last_run if starts_open[k] else None
            last_run = None
            for g, close in pairs:
                s, e = g + 1, (close if close is not None else pe)
                while s < e and t[s].isspace():
                    s += 1
                e = _trimmed_end(t, s, e)
                if e - s < 2 and t[g] in _SINGLE:
                    continue  # rock 'n' roll
                if e <= s or self._is_skipped(g, (close + 1) if close is not None else pe):
                    continue
                raw = _Raw(g, close, s, e, k)
                if continued is not None and g == ps:
                    raw.run = continued
                if close is None and g != lost_close:
                    raw.run = g if raw.run is None else raw.run
                    last_run = raw.run
                self.raws.append(raw)
            prev_open = last_run is not None
            if run_on is not None and last_run is not None:
                carry = (k + 1, run_on)

    def _lone_close(self, k: int, opener: str) -> int | None:
        """The offset of paragraph k's first double mark when it closes a quote opened by
        ``opener`` and no mark opens before it; None otherwise."""
        if k >= len(self.paras) or self.paras[k][2]:
            return None
        ps, pe, _ = self.paras[k]
        for m in _MARK_RE.finditer(self.text, ps, pe):
            h = m.start()
            if self.text[h] in _SINGLE:
                continue  # apostrophes and nested quotes
            if self._opens(h, ps, pe) or not self._closes(h, ps, pe, opener):
                return None
            return h
        return None

    # -- step 3: tokens and sentences
    def _tokenize(self) -> None:
        self.tok_start: list[int] = []
        self.tok_end: list[int] = []
        self.tok_text: list[str] = []
        for m in _TOKEN_RE.finditer(self.text):
            self.tok_start.append(m.start())
            self.tok_end.append(m.end())
            self.tok_text.append(m.group())

    def is_word(self, i: int) -> bool:
        return self.tok_text[i][0].isalnum() or self.tok_text[i][0] == "_"

    def tok_at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect_left(self.tok_start, pos)

    def _sentences(self) -> None:
        t = self.text
        self.sent_start: list[int] = []
        self.sent_end: list[int] = []
        self.sent_para: list[int] = []
        for k, (ps, pe, sk) in enumerate(self.paras):
            if sk:
                continue
            cur = ps
            for m in _SENT_END.finditer(t, ps, pe):
                nxt = m.end()
                if nxt >= pe:
                    break
                look = t[nxt]
                if look in _DOUBLE or look in "‘'([":
                    look = t[nxt + 1] if nxt + 1 < pe else ""
                if not (look.isupper() or look.isdigit()):
                    continue
                if t[m.start()] == "." and _ABBREV_END.search(
                    t[max(ps, m.start() - 8) : m.start()]
                ):
                    continue
                q = bisect_right(self.range_starts, m.start()) - 1
                if q >= 0 and self.ranges[q][0] <= m.start() and nxt < self.ranges[q][1]:
                    continue  # the stop and the next words are inside one quote: no cut
                end = m.start() + len(m.group().rstrip())
                self.sent_start.append(cur)
                self.sent_end.append(end)
                self.sent_para.append(k)
                cur = nxt
            self.sent_start.append(cur)
            self.sent_end.append(pe)
            self.sent_para.append(k)
        self.tok_sent: list[int] = []
        for s in self.tok_start:
            i = bisect_right(self.sent_start, s) - 1
            self.tok_sent.append(i if i >= 0 and s < self.sent_end[i] else -1)

    def sent_of(self, pos: int) -> int:
        i = bisect_right(self.sent_start, pos) - 1
        return i if i >= 0 and pos < self.sent_end[i] else -1

    # -- step 4: reporting verbs and their subjects
    def _verbs(self) -> None:
        verbs = load_reporting_verbs()
        tx = self.tok_text
        self.verbs: list[_Verb] = []
        n = len(tx)
        i = 0
        while i < n:
            w = tx[i]
            if not w.islower() or self.tok_sent[i] < 0:
                i += 1
                continue
            form, last = w, i
            if i + 1 < n and f"{w} {tx[i + 1]}" in verbs:
                form, last = f"{w} {tx[i + 1]}", i + 1
            elif w not in verbs:
                i += 1
                continue
            start = self.tok_start[i]
            if self.in_quote(start) or self._is_skipped(start, self.tok_end[last]):
                i = last + 1
                continue
            if self._nounlike(i, last, form, verbs[form][0]):
                i = last + 1
                continue
            lemma = verbs[form][0]
            self.verbs.append(
                _Verb(
                    i,
                    lemma,
                    (start, self.tok_end[last]),
                    self.tok_sent[i],
                    form.split()[0].endswith("ing"),
                )
            )
            i = last + 1
        self.verb_toks = [v.tok for v in self.verbs]
        self._subjects()

    def _nounlike(self, i: int, last: int, form: str, lemma: str) -> bool:
        """Whether a verb form is used as a noun or adjective here ("the claims", "state media")."""
        tx = self.tok_text
        prev = tx[i - 1] if i > 0 and self.tok_sent[i - 1] == self.tok_sent[i] else ""
        nxt = (
            tx[last + 1]
            if last + 1 < len(tx) and self.tok_sent[last + 1] == self.tok_sent[i]
            else ""
        )
        if prev.lower() in _NOUN_CONTEXT or prev.endswith(("’s", "'s", "s’")):
            return True  # "the claims", "Zelensky's claims", "aware of reports"
        base = form in (lemma, lemma + "s", lemma + "es")
        if (
            base
            and prev[:1].isupper()
            and (_fold(prev) in _DEMONYMS or prev.endswith(("ian", "ese", "ish")))
        ):
            return True  # "Russian state news"
        return base and nxt.lower() in _NOUN_AFTER

    def _np_left(self, j: int, lo: int) -> tuple[int, int] | None:
        """Token range ``[a, b]`` of the noun phrase ending at token ``j`` (walking left)."""
        tx = self.tok_text
        sent = self.tok_sent[j] if j >= 0 else -1
        if j >= 0 and tx[j].lower() in _PRONOUNS:
            return (j, j)
        k = j
        while k >= lo and k >= 0 and self.tok_sent[k] == sent and j - k < MAX_WALK_TOKENS:
            w = tx[k]
            if not self.is_word(k):
                break
            if w.islower() and (w in _CLAUSE_STOP or w in load_reporting_verbs()):
                break
            k -= 1
        a = k + 1
        while a <= j and tx[a].lower() in ("and", "of"):
            a += 1
        return (a, j) if a <= j else None

    def owner(self, t: int) -> int:
        """Token ``t``, or the one after it where ``t`` is a possessive determiner ("her
        deputy Ben Rios", "his lawyer Karl Metz"): the determiner stops a noun phrase, so
        the phrase starts after it."""
        if (
            t + 1 < len(self.tok_text) and self.tok_text[t].lower() in _DETERMINER_PRONOUNS
            and self.tok_sent[t + 1] == self.tok_sent[t]
        ):  # fmt: skip
            return t + 1
        return t

    def _np_right(self, i: int) -> tuple[int, int] | None:
        """Token range of the noun phrase starting at token ``i`` (an inverted subject)."""
        tx = self.tok_text
        n = len(tx)
        if i >= n:
            return None
        sent = self.tok_sent[i]
        i = self.owner(i)  # "said his lawyer Karl Metz": the phrase after the determiner
        k = i
        while k < n and self.tok_sent[k] == sent and k - i < 8 and self.is_word(k):
            w = tx[k]
            if w.islower() and (w in _CLAUSE_STOP or w in _PRONOUNS or w in load_reporting_verbs()):
                break
            k += 1
        while k > i and tx[k - 1].lower() in ("and", "of", "the", "a", "an"):
            k -= 1
        return (i, k - 1) if k > i else None

    def _classify(self, a: int, b: int) -> tuple[str, tuple[int, int], frozenset[str], bool]:
        """Class a noun phrase: ``(kind, char span, role words, person-like)``."""
        tx = self.tok_text
        words = tx[a : b + 1]
        lower = [w.lower() for w in words]
        roles = frozenset(
            w.rstrip("s") if w.endswith("s") and w.rstrip("s") in _ROLE_NOUNS else w
            for w in lower
            if w in _ROLE_NOUNS or w in _TITLES or w.rstrip("s") in _ROLE_NOUNS
        )
        if len(words) == 1 and lower[0] in _PRONOUNS:
            return "pronoun", (self.tok_start[a], self.tok_end[b]), roles, lower[0] in ("he", "she")
        # the head comes before "of" ("President Zelenskyy of Ukraine")
        if "of" in lower:
            cut = lower.index("of")
            before = words[cut - 1] if cut > 0 else ""
            if before[:1].isupper() and before.lower().rstrip(".") not in _TITLES:
                b = a + cut - 1
                words, lower = words[:cut], lower[:cut]
        last = words[-1]
        if not last[:1].isupper() and not last[:1].isdigit():
            if lower[-1] in _ORG_HEADS:
                a2 = a
                while a2 < b and lower[a2 - a] in ("the", "a", "an"):
                    a2 += 1
                return "name", (self.tok_start[a2], self.tok_end[b]), roles, False
            return "description", (self.tok_start[a], self.tok_end[b]), roles, bool(roles)
        # the trailing capitalised run, "X and Y" kept together
        k = b
        while k > a and (
            tx[k - 1][:1].isupper()
            or (tx[k - 1] == "and" and k - 2 >= a and tx[k - 2][:1].isupper())
        ):
            k -= 1
        run = list(range(k, b + 1))
        if k - 2 >= a and tx[k - 1] == "of" and tx[k - 2].lower() in _TITLES and k == b:
            # "the Prime Minister of Belgium": a role, not a name
            return "description", (self.tok_start[a], self.tok_end[b]), roles, True
        if lower[-1] not in _ORG_HEADS:
            poss = [r for r in run[:-1] if tx[r].endswith(("’s", "'s"))]
            if poss:
                run = run[run.index(poss[-1]) + 1 :]
        names = [
            tx[r]
            for r in run
            if tx[r].lower().rstrip(".") not in _TITLES and _fold(tx[r]) not in _DEMONYMS
        ]
        titled = any(tx[r].lower().rstrip(".") in _TITLES for r in run) or any(
            w in _ROLE_NOUNS or w in _TITLES for w in lower
        )
        if not names and titled:
            return "description", (self.tok_start[a], self.tok_end[b]), roles, True
        head = lower[-1].rstrip(".")
        person = head not in _NONPERSON_HEADS and (titled or len(names) >= 2)
        return "name", (self.tok_start[run[0]], self.tok_end[b]), roles, person

    def _subjects(self) -> None:
        tx = self.tok_text
        mentions: list[_Mention] = []
        last_finite: dict[int, _Verb] = {}  # sentence -> its latest non-participle verb
        for v in self.verbs:
            lo = max(0, v.tok - MAX_WALK_TOKENS * 2)
            prior = last_finite.get(v.sent)
            earlier = [prior] if prior is not None else []
            if not v.participle:
                last_finite[v.sent] = v
            j = v.tok - 1
            # auxiliaries may sit a few words before the verb ("have in recent years boasted")
            for k in range(v.tok - 1, max(-1, v.tok - 7), -1):
                if self.tok_sent[k] != v.sent or not self.is_word(k) or not tx[k].islower():
                    break
                if tx[k] in _AUX_VERBS:
                    j = k - 1
                    break
            while (
                j >= 0
                and self.tok_sent[j] == v.sent
                and tx[j].islower()
                and (tx[j] in _AUX or tx[j].endswith("ly"))
            ):
                j -= 1
            how = "left"
            np = None
            in_sent = j >= 0 and self.tok_sent[j] == v.sent
            if v.participle and (earlier or not in_sent or tx[j] in (",", "as")):
                np = None
                how = "shared"
            elif in_sent and tx[j] in ("and", "but", "or") and earlier:
                how = "shared"
            elif in_sent and self.is_word(j):
                np = self._np_left(j, lo)
            elif in_sent and tx[j] == ",":
                np = self._appositive(j, v.sent, lo)
                how = "appos"
            if np is None and how != "shared":
                r = self._np_right(v.tok + 1 if v.span[1] == self.tok_end[v.tok] else v.tok + 2)
                if r is not None and any(
                    tx[x][:1].isupper() or tx[x].lower() in _ROLE_NOUNS
                    for x in range(r[0], r[1] + 1)
                ):
                    np, how = r, "inv"
            if how == "shared":
                src = earlier[-1].subject if earlier else None
                if src is not None:
                    v.subject = _Mention(
                        v.span[0],
                        v.sent,
                        src.span,
                        src.kind,
                        None,
                        src.person,
                        src.roles,
                        "shared",
                        src,
                    )
                continue
            if np is None:
                continue
            kind, span, roles, person = self._classify(*np)
            v.subject = _Mention(
                v.span[0],
                v.sent,
                span,
                kind,
                None,
                person,
                roles,
                how,
                np_start=self.tok_start[np[0]],
            )
            mentions.append(v.subject)
        # titled names anywhere outside quotes: antecedents for pronouns ("Mr. Zelensky also made…")
        for m in _TITLED_NAME.finditer(self.text):
            s = m.start()
            if self.in_quote(s) or self.sent_of(s) < 0:
                continue
            role = m.group(0).split()[0].lower().rstrip(".")
            if m.group(1).split()[0] in ("The", "A", "An") or _fold(m.group(1)) in _DEMONYMS:
                continue
            mentions.append(
                _Mention(
                    m.start(1),
                    self.sent_of(s),
                    (m.start(1), m.end(1)),
                    "name",
                    None,
                    True,
                    frozenset({role}) if role in _ROLE_NOUNS or role in _TITLES else frozenset(),
                    "titled",
                )
            )
        self._resolve(mentions)

    def _appositive(self, comma: int, sent: int, lo: int) -> tuple[int, int] | None:
        """``Name, reporting from Kyiv, said`` / ``Name, the regional head, reported``."""
        tx = self.tok_text
        k = comma - 1
        while k >= lo and self.tok_sent[k] == sent and tx[k] != "," and comma - k < 25:
            if tx[k] in _DOUBLE or tx[k] in _SINGLE:
                return None
            k -= 1
        if k < lo or self.tok_sent[k] != sent or tx[k] != ",":
            return None
        if k - 1 >= 0 and self.tok_sent[k - 1] == sent and self.is_word(k - 1):
            np = self._np_left(k - 1, lo)
            if np is not None and tx[np[1]][:1].isupper():
                return np
        inner = self._np_left(comma - 1, k + 1) if comma - 1 > k else None
        if inner is not None and inner[0] == k + 1:
            return inner
        return None

    def _resolve(self, mentions: list[_Mention]) -> None:
        text = self.text
        # first tokens of full person names ("Lin" for "Lin Jian") map to the full name's key
        first_token: dict[str, str] = {}
        lasts = set()
        for m in mentions:
            if m.kind == "name" and m.span and m.person:
                toks = [
                    w
                    for w in text[m.span[0] : m.span[1]].split()
                    if _fold(w).rstrip(".") not in _TITLES
                ]
                if len(toks) >= 2:
                    lasts.add(speaker_key(toks[-1]))
                    first_token.setdefault(speaker_key(toks[0]), speaker_key(" ".join(toks)))
        for m in mentions:
            if m.kind == "name" and m.span:
                key = speaker_key(text[m.span[0] : m.span[1]])
                if (
                    " " not in text[m.span[0] : m.span[1]].strip()
                    and key in first_token
                    and key not in lasts
                ):
                    key = first_token[key]
                m.key = key or None
        self.person_keys = {m.key for m in mentions if m.kind == "name" and m.person and m.key}
        for m in mentions:
            if m.kind == "name" and m.key in self.person_keys:
                m.person = True
        mentions.sort(key=lambda m: m.pos)
        self.mentions = mentions
        self.mention_pos = [m.pos for m in mentions]
        # a person's gender where a title tells it; a person titled both ways has none
        genders: dict[str, set[str]] = {}
        for g in _GENDERED_TITLE.finditer(text):
            genders.setdefault(speaker_key(g.group(2)), set()).add(
                _TITLE_GENDER[g.group(1).lower()]
            )
        self.gender = {k: next(iter(v)) for k, v in genders.items() if len(v) == 1}
        for m in mentions:
            if m.kind == "pronoun" and m.span:
                m.key = self.antecedent(m.pos, m.sent, text[m.span[0] : m.span[1]].lower())
            elif m.kind == "description":
                m.key = self._describe(m)
        for v in self.verbs:
            if v.subject is not None and v.subject.src is not None:
                v.subject.key = v.subject.src.key
                v.subject.person = v.subject.src.person

    def antecedent(self, pos: int, sent: int, pronoun: str, agree: bool = True) -> str | None:
        """The latest named speaker before ``pos`` that a pronoun can refer to: "he" and
        "she" skip a person whose title tells the other gender ("Ms. Lindqvist … Mr.
        Aaberg … she released" is Lindqvist), unless ``agree`` is False."""
        pronoun = _POSSESSIVE_PRONOUNS.get(pronoun, pronoun)
        if pronoun not in ("he", "she", "they"):
            return None
        i = bisect_left(self.mention_pos, pos) - 1
        while i >= 0:
            m = self.mentions[i]
            if m.sent < sent - MAX_PRONOUN_SENTENCES:
                break
            if (
                m.key
                and m.kind in ("name", "pronoun", "description")
                and (m.person or pronoun == "they")
                and (not agree or pronoun == "they" or self.gender.get(m.key, pronoun) == pronoun)
            ):
                return m.key
            i -= 1
        return None

    def _describe(self, m: _Mention) -> str | None:
        """Resolve "the Ukrainian president" to the named person holding that role."""
        heads = {r for r in m.roles if r in _ROLE_NOUNS}
        i = bisect_left(self.mention_pos, m.pos) - 1
        if heads:
            j = i
            while j >= 0 and self.mentions[j].sent >= m.sent - 12:
                c = self.mentions[j]
                if c.kind == "name" and c.key and heads & c.roles:
                    return c.key
                j -= 1
            for c in self.mentions[i + 2 :]:
                if c.sent > m.sent + 6:
                    break
                if c.kind == "name" and c.key and heads & c.roles:
                    return c.key
        if heads & {"president", "leader", "premier"}:
            return self.antecedent(m.pos, m.sent, "he", agree=False)  # a person of any gender
        return None


def _build_quote(doc: _Doc, raw: _Raw, attribution: _Attribution | None) -> Quote:
    mention, verb = attribution if attribution else (None, None)
    text = doc.original
    speaker = mention.key if mention is not None else None
    span = mention.span if mention is not None else None
    return Quote(
        start=raw.start,
        end=raw.end,
        text=text[raw.start : raw.end],
        open_mark=raw.open if raw.open < raw.start else -1,  # a run-on paragraph opens no mark
        speaker=speaker,
        speaker_text=text[span[0] : span[1]] if span else None,
        speaker_span=span,
        verb=verb.lemma if verb is not None else None,
        verb_span=verb.span if verb is not None else None,
        partial=raw.partial,
        paragraph_continued=raw.run is not None,
    )


def _verb_at(doc: _Doc, lo: int, hi: int) -> list[_Verb]:
    """Reporting verbs whose token index lies in ``[lo, hi]``."""
    a = bisect_left(doc.verb_toks, lo)
    b = bisect_right(doc.verb_toks, hi)
    return doc.verbs[a:b]


def _after(doc: _Doc, raw: _Raw) -> tuple[_Mention, _Verb] | None:
    """``"…," he said`` / ``"…" Mr. Zelensky stated`` / ``'…', says Ukrainian minister``."""
    if raw.close is None:
        return None
    tx = doc.tok_text
    t = doc.tok_at(raw.close + 1)
    if t >= len(tx):
        return None
    sent = doc.sent_of(raw.start)
    if tx[t] == ",":
        t += 1
    if t >= len(tx) or doc.tok_sent[t] < 0:
        return None
    if doc.tok_sent[t] != sent:
        # '"… forces." Mr. Zelensky stated.' : only a bare attribution may follow the cut
        inner = doc.text[raw.start : raw.end]
        if doc.tok_sent[t] != sent + 1 or inner[-1:] not in ".!?…":
            return None
        if doc.sent_para[doc.tok_sent[t]] != raw.para:
            return None
    for v in _verb_at(doc, t, t + 8):
        if v.sent != doc.tok_sent[t] or any(
            not doc.is_word(k) and tx[k] not in ("’", "'") for k in range(t, v.tok)
        ):
            break
        subj = v.subject
        if subj is None or subj.span is None:
            break
        if v.tok == t and subj.how == "inv":
            return subj, v
        if v.tok > t and subj.how == "left" and subj.np_start == doc.tok_start[doc.owner(t)]:
            return subj, v
        break
    return None


def _before(doc: _Doc, raw: _Raw) -> tuple[_Mention | None, _Verb] | None:
    """The nearest reporting verb before the quote in its sentence (``alleging that "…"``)."""
    sent = doc.sent_of(raw.open)
    t = doc.tok_at(raw.open)
    a = bisect_left(doc.verb_toks, t - MAX_GOVERN_TOKENS)
    b = bisect_left(doc.verb_toks, t)
    for v in reversed(doc.verbs[a:b]):
        if v.sent == sent:
            return v.subject, v
        break
    return None


def _sentence_final(doc: _Doc, raw: _Raw) -> tuple[_Mention, _Verb] | None:
    """``… "significantly more Chinese citizens" fighting for the army, he added.``"""
    sent = doc.sent_of(raw.start)
    if sent < 0:
        return None
    tx = doc.tok_text
    end_tok = doc.tok_at(doc.sent_end[sent])
    start_tok = doc.tok_at((raw.close if raw.close is not None else raw.end) + 1)
    k = end_tok - 1
    while k >= start_tok and end_tok - k <= 16:
        if tx[k] == "," and not doc.in_quote(doc.tok_start[k]):
            t = k + 1
            for v in _verb_at(doc, t, t + 6):
                subj = v.subject
                if v.sent != sent or subj is None or subj.span is None:
                    return None
                if (v.tok == t and subj.how == "inv") or (
                    subj.how == "left" and subj.np_start == doc.tok_start[doc.owner(t)]
                ):
                    return subj, v
                return None
            return None
        if tx[k] in _DOUBLE or (tx[k] in _SINGLE and doc.in_quote(doc.tok_start[k])):
            return None
        k -= 1
    return None


def _pronoun_or_name_in(doc: _Doc, lo: int, hi: int) -> _Mention | None:
    """A speaker named in ``text[lo:hi]``: a possessive pronoun ("his") or a name's possessive."""
    tx = doc.tok_text
    for k in range(doc.tok_at(lo), min(doc.tok_at(hi), doc.tok_at(lo) + 40)):
        w = tx[k]
        if w.lower() in _POSSESSIVE_PRONOUNS or w.lower() in ("he", "she", "they"):
            sent = max(doc.tok_sent[k], 0)
            key = doc.antecedent(doc.tok_start[k], sent, w.lower())
            return _Mention(
                doc.tok_start[k],
                sent,
                (doc.tok_start[k], doc.tok_end[k]),
                "pronoun",
                key,
                True,
                frozenset(),
            )
        if w[:1].isupper() and w.endswith(("’s", "'s")) and k > doc.tok_at(lo):
            key = speaker_key(w)
            if key in doc.person_keys:
                span = (doc.tok_start[k], doc.tok_end[k] - 2)
                return _Mention(
                    span[0], max(doc.tok_sent[k], 0), span, "name", key, True, frozenset()
                )
    return None


def _colon_intro(doc: _Doc, raw: _Raw) -> tuple[_Mention | None, _Verb | None] | None:
    """A colon introduction: ``Here are his comments in full:`` before the quote paragraph,
    or ``… in full: "…"`` in the quote's own sentence."""
    if raw.open < 0:
        return None
    ps = doc.paras[raw.para][0]
    sent = doc.sent_of(raw.open)
    lo = doc.sent_start[sent] if sent >= 0 else ps
    hi = raw.open
    if not doc.text[lo:hi].rstrip().endswith(":"):
        if raw.open != ps or raw.para == 0:
            return None
        pps, ppe, psk = doc.paras[raw.para - 1]
        if psk or doc.text[ppe - 1] != ":":
            return None
        sent = doc.sent_of(ppe - 1)
        lo, hi = (doc.sent_start[sent] if sent >= 0 else pps), ppe
    verbs = _verb_at(doc, doc.tok_at(lo), doc.tok_at(hi) - 1)
    if verbs:
        return verbs[-1].subject, verbs[-1]
    m = _pronoun_or_name_in(doc, lo, hi)
    return (m, None) if m is not None else None


def _according_to(doc: _Doc, raw: _Raw) -> _Mention | None:
    sent = doc.sent_of(raw.start)
    if sent < 0:
        return None
    tx = doc.tok_text
    a, b = doc.tok_at(doc.sent_start[sent]), doc.tok_at(doc.sent_end[sent])
    for k in range(a, min(b, a + 400) - 2):
        if (
            tx[k].lower() == "according"
            and tx[k + 1] == "to"
            and not doc.in_quote(doc.tok_start[k])
        ):
            np = doc._np_right(k + 2)
            if np is None:
                return None
            kind, span, roles, person = doc._classify(*np)
            m = _Mention(span[0], sent, span, kind, None, person, roles)
            if kind == "name":
                m.key = speaker_key(doc.text[span[0] : span[1]]) or None
            elif kind == "description":
                m.key = doc._describe(m)
            return m
    return None


def _possessive_comments(doc: _Doc, raw: _Raw) -> _Mention | None:
    """``'There are many more' - Zelensky's comments on Chinese troops in full``."""
    sent = doc.sent_of(raw.start)
    if sent < 0:
        return None
    tx = doc.tok_text
    a, b = doc.tok_at(doc.sent_start[sent]), doc.tok_at(doc.sent_end[sent])
    nouns = ("comments", "remarks", "words", "statement", "speech", "address", "message")
    for k in range(a, min(b, a + 400) - 1):
        w = tx[k]
        if (
            w[:1].isupper()
            and w.endswith(("’s", "'s"))
            and tx[k + 1] in nouns
            and not doc.in_quote(doc.tok_start[k])
        ):
            span = (doc.tok_start[k], doc.tok_end[k] - 2)
            return _Mention(span[0], sent, span, "name", speaker_key(w), True, frozenset())
    return None


def _partial(doc: _Doc, raw: _Raw, attributed_after: bool) -> bool:
    if raw.run is not None:
        return False
    text = doc.text
    sent = doc.sent_of(raw.start)
    if sent < 0:
        return True
    before = text[doc.sent_start[sent] : raw.open].strip()
    inner = text[raw.start : raw.end]
    ok_before = not before or before.endswith(":")
    if not ok_before and before.endswith(",") and inner[:1].isupper():
        t = doc.tok_at(raw.open)
        ok_before = any(v.sent == sent for v in _verb_at(doc, t - 5, t))
    if not ok_before:
        return True
    close = raw.close if raw.close is not None else raw.end
    after = text[close + 1 : max(close + 1, doc.sent_end[sent])].strip()
    inner_raw = text[raw.open + 1 : close].rstrip()
    return not (
        not after or after[0] in ".,;:!?…—–-)" or attributed_after or inner_raw[-1:] in ".,!?…"
    )


_PAIRED_MARKS = re.compile(r"''|``")


def _fold_paired_marks(text: str) -> str:
    """Newswire's two-character quotation marks (``\'\'…\'\'``, ````…\'\'``) as one
    double mark, offsets kept: an opener becomes a space and a mark (`` "``), a closer a
    mark and a space (``" ``).

    >>> _fold_paired_marks("said ''more than 10'' cases")
    'said  "more than 10"  cases'
    """

    def one(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() else ""
        opening = m.group() == "``" or not before or before.isspace() or before in "([{—–-"
        return ' "' if opening else '" '

    return _PAIRED_MARKS.sub(one, text)


def extract_quotes(text: str, skipped: Sequence[tuple[int, int]] = ()) -> list[Quote]:
    """Return the quotations of ``text`` in order, with speaker and governing verb.

    Offsets are half-open into ``text``; quotes overlapping a ``skipped`` range are left
    out. Never raises on text; runs in time roughly linear in its length.

    >>> q = extract_quotes('“We will win,” Mr. Zelensky said.')[0]
    >>> q.text, q.speaker, q.speaker_text, q.verb, q.partial
    ('We will win', 'zelensky', 'Mr. Zelensky', 'say', False)
    >>> [(q.text, q.verb) for q in extract_quotes("He accused China of 'joining the war'.")]
    [('joining the war', 'accuse')]
    """
    if not text:
        return []
    doc = _Doc(_fold_paired_marks(text), skipped, text)
    raws = doc.raws
    attributions: list[_Attribution | None] = []
    after_flags: list[bool] = []
    for raw in raws:
        found: _Attribution | None = _after(doc, raw)
        after_flags.append(found is not None)
        if found is None:
            found = _before(doc, raw)
        if found is None:
            found = _sentence_final(doc, raw)
        if found is None:
            found = _colon_intro(doc, raw)
        if found is None:
            m = _according_to(doc, raw) or _possessive_comments(doc, raw)
            found = (m, None) if m is not None else None
        attributions.append(found)

    # "Name: words" headlines: a speaker who speaks elsewhere in the text
    keys = doc.person_keys
    unquoted: list[_Raw] = []
    head_attr: dict[int, _Attribution] = {}
    for k, (ps, pe, sk) in enumerate(doc.paras):
        if sk:
            continue
        head = _NAME_COLON.match(text, ps, pe)
        if (
            head is None
            or speaker_key(head.group(1)) not in keys
            or head.group(1).split()[0] in ("The", "A")
        ):
            continue
        mention = _Mention(
            ps,
            max(doc.sent_of(ps), 0),
            (head.start(1), head.end(1)),
            "name",
            speaker_key(head.group(1)),
            True,
            frozenset(),
        )
        head_attr[k] = (mention, None)
        if not any(r.para == k for r in raws):
            s, e = head.start(2), pe
            if e > s:
                unquoted.append(_Raw(-1, None, s, e, k))
    for i, raw in enumerate(raws):
        if attributions[i] is None and raw.para in head_attr:
            attributions[i] = head_attr[raw.para]

    # a multi-paragraph quote shares one attribution: the first paragraph's, else the last's
    runs: dict[int, list[int]] = {}
    for i, raw in enumerate(raws):
        if raw.run is not None:
            runs.setdefault(raw.run, []).append(i)
    for members in runs.values():
        order = [members[0], members[-1], *members[1:-1]]
        found_in = [a for a in (attributions[i] for i in order) if a is not None]
        shared = next((a for a in found_in if a[0] is not None), found_in[0] if found_in else None)
        for i in members:
            current = attributions[i]
            if current is None or current[0] is None:
                attributions[i] = shared

    for i, raw in enumerate(raws):
        raw.partial = _partial(doc, raw, after_flags[i])
    # A full quote with no attribution of its own, right after an attributed one, continues
    # it ("“…,” he said. “…”", or a paragraph that is nothing but a quote) unless someone
    # else is named as speaking in between.
    for i, raw in enumerate(raws):
        if attributions[i] is not None or raw.partial or i == 0 or raw.open < 0:
            continue
        prev, found = raws[i - 1], attributions[i - 1]
        if found is None or found[0] is None or prev.para not in (raw.para, raw.para - 1):
            continue
        if prev.para != raw.para and raw.open != doc.paras[raw.para][0]:
            continue
        between = doc.mentions[
            bisect_left(doc.mention_pos, prev.end) : bisect_left(doc.mention_pos, raw.open)
        ]
        if all(m.key in (None, found[0].key) for m in between):
            attributions[i] = found

    out = [_build_quote(doc, raw, attributions[i]) for i, raw in enumerate(raws)]
    for raw in unquoted:
        q = _build_quote(doc, raw, head_attr[raw.para])
        out.append(
            Quote(
                q.start,
                q.end,
                q.text,
                -1,
                q.speaker,
                q.speaker_text,
                q.speaker_span,
                None,
                None,
                False,
                False,
            )
        )
    out.sort(key=lambda q: q.start)
    return out
