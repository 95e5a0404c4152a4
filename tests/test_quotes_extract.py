"""Quote extraction, speaker and governing-verb attribution, and quote linking."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from divergence.detect.quotes_extract import (
    Quote,
    extract_quotes,
    load_reporting_verbs,
    same_statement,
    speaker_key,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MARKS = "\"'“”„‟«»‘’‚‛‹›"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def find(quotes: list[Quote], starts_with: str) -> Quote:
    hits = [q for q in quotes if q.text == starts_with] or [
        q for q in quotes if q.text.startswith(starts_with)
    ]
    assert hits, f"no quote starting {starts_with!r} in {[q.text[:40] for q in quotes]}"
    return hits[0]


def check_spans(text: str, quotes: list[Quote]) -> None:
    last_end = -1
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.start >= last_end, "quotes overlap or are out of order"
        last_end = q.end
        if q.open_mark >= 0:
            assert q.open_mark < q.start and text[q.open_mark] in MARKS
        for span in (q.speaker_span, q.verb_span):
            if span is not None:
                assert 0 <= span[0] < span[1] <= len(text)
        if q.speaker_span is not None:
            assert text[q.speaker_span[0] : q.speaker_span[1]] == q.speaker_text
        if q.verb_span is not None:
            form = " ".join(text[q.verb_span[0] : q.verb_span[1]].split())
            assert load_reporting_verbs()[form][0] == q.verb


# --------------------------------------------------------------------------- seeds

# (seed, quote starts with, speaker, verb, partial, paragraph_continued)
SEED_CASES = [
    # 000: "…, adding that Ukraine believes there are “many more…”": add governs, not said
    ("000", "many more Chinese citizens in the occupier", "zelensky", "add", True, False),
    ("000", "This definitely requires a response", "zelensky", "say", False, False),
    ("000", "This is another country", "zelensky", "tell", False, False),
    # a paragraph that is nothing but a quote continues the previous speaker
    ("000", "But there is a difference", "zelensky", "tell", False, False),
    ("000", "many more", "zelensky", "claim", True, False),
    # "'…', says Ukrainian minister": inversion; the description resolves to Sybiha below
    ("000", "undermines Beijing's credibility", "sybiha", "say", True, False),
    ("000", "Chinese citizens fighting as part", "sybiha", "write", False, False),
    # "Here are his comments in full:" then six quote paragraphs: "his" is Zelensky
    ("000", "Our military has captured two", "zelensky", None, False, True),
    ("000", "We have information suggesting", "zelensky", None, False, True),
    (
        "000",
        "Relevant investigative and operational actions are ongoing.",
        "zelensky",
        None,
        False,
        True,
    ),
    ("000", "absolutely justified", "zelensky", "describe", True, False),
    # Mr Rubio said: "…  (straight open) … "…” (straight open, curly close)
    ("000", "We will know soon enough", "rubio", "say", False, True),
    ("000", "If this is dragging things out", "rubio", "say", False, True),
    ("000", "The armed forces of the Russian Federation", "russia ministry", "say", False, False),
    # "was quoted by Russian state news as saying …": "state" is a noun here
    ("000", "under control", "alaudinov", "say", True, False),
    ("000", "Today, together with the Prime Minister", "zelensky", "write", False, False),
    ("000", "We remember the feat", "zelensky", "write", False, False),
    # 001: the verb closes the sentence: "…"significantly more…" fighting for the army, he added."
    ("001", "significantly more Chinese citizens", "zelensky", "add", True, False),
    ("001", "joining Russia's war on Ukraine", "zelensky", "accuse", True, False),
    ("001", "War must return where it came from", "zelensky", "confirm", False, False),
    # "Taking to Telegram, Zelenskyy said:" then seven quote paragraphs
    ("001", "Our military captured two Chinese", "zelensky", "say", False, True),
    ("001", "We have information that there are", "zelensky", "say", False, True),
    (
        "001",
        "Relevant investigative and operational actions are underway.",
        "zelensky",
        "say",
        False,
        True,
    ),
    ("001", "war must return to where it came from", "zelensky", "stress", True, False),
    ("001", "We continue to carry out", "zelensky", "say", False, False),
    ("001", "to protect our land", "zelensky", "say", True, False),
    # 002
    ("002", "no limits", "beijing", "boast", True, False),
    ("002", "Our military captured two Chinese", "zelensky", "say", False, False),
    ("002", "We have the documents", "zelensky", "say", False, False),
    ("002", "Chinese citizens fighting as part", "sybiha", "say", False, False),
    ("002", "decisive enabler", None, "brand", True, False),
    ("002", "A reaction", None, None, True, False),  # a headline fragment in ‘…’
    ("002", "many more Chinese citizens", "zelensky", "say", True, False),
    ("002", "a clear signal that", "zelensky", "say", True, False),
    ("002", "a reaction from the United States", "zelensky", "demand", True, False),
    ("002", "I think the United States", "zelensky", "say", False, False),
    ("002", "The North Koreans fought", "zelensky", "add", False, False),
    # "Al Jazeera’s Zein Basravi, reporting from Kyiv, said: “…”": past the appositive
    ("002", "You can see the map moving", "basravi", "say", False, False),
    ("002", "the fight is not over yet", "basravi", "add", True, False),
    # 003
    ("003", "Hundreds", "zelensky", None, True, False),  # "Zelensky: ‘Hundreds’ of …"
    ("003", "Currently, we have information", "zelensky", "state", False, False),
    ("003", "This clearly shows", "zelensky", "add", False, False),
    ("003", "As you know", "zelensky", "say", False, False),
    ("003", "I urge you", "zelensky", "mention", False, False),
    ("003", "We must establish clear details", "zelensky", "state", False, False),
    ("003", "In the last seven days", "artiukh", "note", False, False),
    ("003", "The enemy’s primary focus", "artiukh", "add", False, False),  # "he added"
    ("003", "a worthy rebuff", "artiukh", "state", True, False),
    # 004
    ("004", "totally unfounded", "beijing", "dismiss", True, False),
    ("004", "significantly more", "zelensky", "claim", True, False),  # He → President Zelenskyy
    ("004", "constructively resolving", "jian", "state", True, False),
    ("004", "the Chinese government", "jian", "state", True, False),  # "Lin" → Lin Jian
    ("004", "aware", "bruce", "state", True, False),
    ("004", "China plays a major role", "bruce", "assert", True, False),
    ("004", "massive drone attack", "filashkin", "report", True, False),
]


@pytest.mark.parametrize(
    ("prefix", "starts", "speaker", "verb", "partial", "continued"), SEED_CASES
)
def test_seed_attribution(
    prefix: str, starts: str, speaker: str | None, verb: str | None, partial: bool, continued: bool
) -> None:
    q = find(extract_quotes(seed(prefix)), starts)
    assert (q.speaker, q.verb, q.partial, q.paragraph_continued) == (
        speaker,
        verb,
        partial,
        continued,
    )


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_spans(prefix: str) -> None:
    text = seed(prefix)
    check_spans(text, extract_quotes(text))


@pytest.mark.parametrize(
    ("prefix", "count", "continued"),
    [("000", 22, 8), ("001", 14, 7), ("002", 13, 0), ("003", 9, 0), ("004", 8, 0)],
)
def test_seed_counts(prefix: str, count: int, continued: int) -> None:
    quotes = extract_quotes(seed(prefix))
    assert len(quotes) == count
    assert sum(q.paragraph_continued for q in quotes) == continued


def test_speaker_text_and_spans_as_written() -> None:
    text = seed("003")
    q = find(extract_quotes(text), "Currently, we have information")
    assert q.speaker_text == "Mr. Zelensky" and q.verb_span is not None
    assert text[q.verb_span[0] : q.verb_span[1]] == "stated"
    q = find(extract_quotes(text), "The enemy’s primary focus")
    assert q.speaker_text == "he" and q.speaker == "artiukh"
    q = find(extract_quotes(seed("000")), "Our military has captured two")
    assert q.speaker_text == "his"  # "Here are his comments in full:"


def test_headline_colon_quote_has_no_mark() -> None:
    text = seed("000")
    q = find(extract_quotes(text), "North Koreans fought us in Russia")
    assert q.open_mark == -1 and q.speaker == "zelensky" and not q.partial
    assert q.text.endswith("fighting us in Ukraine")


def test_skipped_ranges_drop_quotes() -> None:
    text = seed("001")
    at = text.index("'War must return")
    line_end = text.index("\n", at)
    kept = extract_quotes(text, [(text.rindex("\n", 0, at) + 1, line_end)])
    assert all(not (at <= q.start < line_end) for q in kept)
    assert len(kept) == len(extract_quotes(text)) - 2


# --------------------------------------------------------------------------- hard cases

# (text, [(quote text, speaker, verb, partial)])
CASES = [
    # abbreviations inside and around the quote do not cut it
    (
        "“Mr. Smith went to the U.S. on Monday,” Ms. Jones said.",
        [("Mr. Smith went to the U.S. on Monday", "jones", "say", False)],
    ),
    (
        'U.S. Secretary of State Marco Rubio said: "The U.S. will not wait. Mr. Putin must go."',
        [("The U.S. will not wait. Mr. Putin must go.", "rubio", "say", False)],
    ),
    # apostrophes are not quotes
    ("Zelensky's army and the occupier's units said nothing, didn't they?", []),
    ("Kyiv’s forces and Russia’s army met the occupiers’ units.", []),
    ("It's the 1990s' rock 'n' roll, isn't it?", []),
    # ... but a single-marked headline fragment is
    ("‘A reaction’ from allies", [("A reaction", None, None, True)]),
    (
        "Chinese troops in Ukraine 'undermines Beijing's credibility', says Ukrainian minister",
        [("undermines Beijing's credibility", None, "say", True)],
    ),
    # other glyph conventions
    ("„Wir schaffen das“, sagte Merkel.", [("Wir schaffen das", None, None, False)]),
    ("«Nous vaincrons», a déclaré Macron.", [("Nous vaincrons", None, None, False)]),
    (
        'Mr Rubio said: "We will know soon enough.”',
        [("We will know soon enough.", "rubio", "say", False)],
    ),
    # the governing verb is the one attached to the quote, not the nearest "said"
    (
        'Zelensky said on Tuesday, alleging that "significantly more" troops were there.',
        [("significantly more", "zelensky", "allege", True)],
    ),
    (
        "“We are ready,” said Mr Zelensky, adding that “the war must end.”",
        [
            ("We are ready", "zelensky", "say", False),
            ("the war must end.", "zelensky", "add", True),
        ],
    ),
    (
        "Mr Zelensky met troops. “We will hold,” he said.",
        [("We will hold", "zelensky", "say", False)],
    ),
    (
        "“We will win,” Volodymyr Zelenskyy wrote on Telegram.",
        [("We will win", "zelensky", "write", False)],
    ),
    (
        '"The strikes continue," the Russian Defence Ministry said in a statement.',
        [("The strikes continue", "russia ministry", "say", False)],
    ),
    (
        "According to Mr Smith, it was “a total failure”.",
        [("a total failure", "smith", None, True)],
    ),
    # scare quotes are quotes, partial
    (
        "Nato has branded Beijing a “decisive enabler” of the war and a “no limits” partner.",
        [("decisive enabler", "nato", "brand", True), ("no limits", "nato", "brand", True)],
    ),
    # first-name mention of a family-name-first speaker
    (
        "Spokesperson Lin Jian said it was “unfounded”. Lin stated that “China is neutral.”",
        [("unfounded", "jian", "say", True), ("China is neutral.", "jian", "state", True)],
    ),
    # an unbalanced mark inside a paragraph produces nothing rather than a runaway quote
    ("He wrote “unbalanced open and never closes", []),
    # a paragraph that opens a quote and never closes it: the quote runs to its end
    (
        "“Unbalanced open and never closes.\n\nThe mayor spoke.",
        [("Unbalanced open and never closes.", None, None, False)],
    ),
    # ... or a colon introduces one that never closes: it too runs to the paragraph's end
    (
        'Port spokesman Ivo Rask said: "The harbour stays shut until the storm passes.'
        "\n\nFerries were cancelled.",
        [("The harbour stays shut until the storm passes.", "rask", "say", False)],
    ),
    # an unclosed mark after a colon with no words after it opens nothing
    ('He listed the options: "', []),
    ("“`\n\nThe mayor spoke.", []),  # a stray mark opens no quote
    ("a 12\" pipe and a 3' board", []),
    # an inch mark inside a quote does not close it; a close after a figure still does
    (
        "Tim Cook called it the “world's thinnest 17” laptop,” at the launch on Tuesday.",
        [("world's thinnest 17” laptop", None, None, True)],
    ),
    (
        "“It was 17” Reed said, “and we lost.”",
        [("It was 17", "reed", "say", False), ("and we lost.", "reed", "say", True)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_cases(text: str, expected: list[tuple[str, str | None, str | None, bool]]) -> None:
    quotes = extract_quotes(text)
    check_spans(text, quotes)
    assert [(q.text, q.speaker, q.verb, q.partial) for q in quotes] == expected


def test_multi_paragraph_quote_shares_a_trailing_attribution() -> None:
    text = (
        "Ms Kallas spoke after the meeting.\n\n"
        "“We will not accept this. The talks are over.\n\n"
        "“Europe stands together.\n\n"
        "“We will act,” she said.\n\n"
        "Markets fell."
    )
    quotes = extract_quotes(text)
    check_spans(text, quotes)
    assert [q.text for q in quotes] == [
        "We will not accept this. The talks are over.",
        "Europe stands together.",
        "We will act",
    ]
    assert all(q.paragraph_continued and q.speaker == "kallas" and q.verb == "say" for q in quotes)


def test_quote_run_on_over_a_paragraph_break_takes_the_closing_attribution() -> None:
    """A quote whose close stands in the next paragraph, which opens no mark, is one quote
    over two paragraphs; the attribution after the close is the speaker of both."""
    text = (
        "“We are thrilled to have her back,” said Ann Poole and Tom Reyes.\n\n"
        "“I am so happy to be asked again.\n\n"
        "They say the third time is lucky,” said Vera Okafor.\n\n"
        "Tickets go on sale in May."
    )
    quotes = extract_quotes(text)
    check_spans(text, quotes)
    assert [(q.text, q.speaker, q.paragraph_continued) for q in quotes] == [
        ("We are thrilled to have her back", "reyes", False),
        ("I am so happy to be asked again.", "okafor", True),
        ("They say the third time is lucky", "okafor", True),
    ]
    assert quotes[2].open_mark == -1  # no mark opens the run-on paragraph


def test_a_lost_close_stays_in_its_paragraph() -> None:
    """With no closing mark first in the next paragraph, the close was lost: the quote ends
    with its own paragraph."""
    text = "“The harbour stays shut.\n\nFerries were cancelled, “for now”, the port said."
    quotes = extract_quotes(text)
    assert [q.text for q in quotes] == ["The harbour stays shut.", "for now"]
    assert not quotes[0].paragraph_continued


def test_pronoun_agrees_with_a_gendered_title() -> None:
    """ "she" is not the nearest "Mr." but the "Ms." before him."""
    text = (
        "Ms. Reyes is better liked than Mr. Poole (his show ended early), but she is well "
        "known.\n\nAs ever, she released a reply to the news: “I am so glad to be back.”"
    )
    (q,) = extract_quotes(text)
    assert (q.speaker, q.speaker_text) == ("reyes", "she")
    (q,) = extract_quotes(text.replace("Ms. Reyes", "Mr. Reyes"))
    assert q.speaker is None  # no one named fits "she"
    (q,) = extract_quotes(text.replace("she released", "he released"))
    assert q.speaker == "poole"


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # an unattributed quote right after an attributed one continues it
        ("Mr Smith arrived. “We will win,” he said. “The enemy will lose.”", ["smith", "smith"]),
        # ... unless someone else is named as speaking in between
        (
            "Mr Smith arrived. “We will win,” he said. Ms Jones said nothing.\n\n“We are strong.”",
            ["smith", None],
        ),
        # a colon introduction in the quote's own sentence
        ("Mr Smith arrived. Here are his comments in full: “We are strong.”", ["smith"]),
        # a "Name:" rubric is a quote only for a person who speaks elsewhere in the text
        ("Ukraine: latest news from the front\nUkraine said it would fight.", []),
    ],
)
def test_continuation_and_introductions(text: str, speakers: list[str | None]) -> None:
    quotes = extract_quotes(text)
    check_spans(text, quotes)
    assert [q.speaker for q in quotes] == speakers


def test_quote_text_is_trimmed_inside_the_marks() -> None:
    text = "“ This definitely requires a response, ” he said."
    (q,) = extract_quotes(text)
    assert q.text == "This definitely requires a response"
    assert text[q.open_mark] == "“"
    (q,) = extract_quotes("« Nous vaincrons », a déclaré Macron.")
    assert q.text == "Nous vaincrons"


def test_empty_and_mark_only_inputs() -> None:
    for text in ["", "“”", '""', "‘’", "“ ”", "\n\n", "“\n”", "'"]:
        assert extract_quotes(text) == []


# --------------------------------------------------------------------------- speaker_key


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Volodymyr Zelenskyy", "zelensky"),
        ("Volodymyr Zelensky", "zelensky"),
        ("Mr. Zelensky", "zelensky"),
        ("Mr Zelensky", "zelensky"),
        ("President Zelenskiy", "zelensky"),
        ("Zelenskyy’s", "zelensky"),
        ("Andrii Sybiha", "sybiha"),
        ("Ukraine’s Foreign Minister Andrii Sybiha", "sybiha"),
        ("Oleksandr Syrskyi", "syrsky"),
        ("Emmanuel Macrón", "macron"),
        ("Russia’s Defence Ministry", "russia ministry"),
        ("the Russian Defense Ministry", "russia ministry"),
        ("The Kremlin", "kremlin"),
        ("Beijing", "beijing"),
        ("", ""),
    ],
)
def test_speaker_key(name: str, key: str) -> None:
    assert speaker_key(name) == key


# --------------------------------------------------------------------------- same_statement

FULL_000 = (
    "We have information suggesting that there are many more Chinese citizens in the "
    "occupier's units than just these two. We are currently verifying all the facts—"
    "intelligence, the Security Service of Ukraine, and the relevant units of the Armed "
    "Forces are working on it."
)

HIGH = [
    # two translations of the same Telegram post (000 vs 001)
    (
        "We have information suggesting that there are many more Chinese citizens in the "
        "occupier's units than just these two",
        "We have information that there are significantly more Chinese citizens in the "
        "occupier's units than two",
    ),
    (
        "Our military has captured two Chinese citizens who were fighting as part of the "
        "Russian army. This happened on Ukrainian territory—in the Donetsk region.",
        "Our military captured two Chinese citizens who fought in the Russian army. This "
        "happened on the territory of Ukraine - in the Donetsk region.",
    ),
    (
        "Russia's involvement of China, along with other countries, whether directly or "
        "indirectly, in this war in Europe is a clear signal that Putin intends to do anything "
        "but end the war.",
        "Russia's involvement, directly or indirectly, in this war in Europe is a clear signal "
        "that Putin is going to do anything, except end the war.",
    ),
    # a truncated quote against its full version
    ("We have information suggesting that there are many more Chinese citizens", FULL_000),
    ("many more Chinese citizens in the occupier's units than just these two", FULL_000),
    # glyphs, case and punctuation do not matter
    ("“We will know soon enough,”", '"we will know soon enough"'),
    ("Russia’s war", "russia's war"),
]

LOW = [
    (
        "We will know soon enough, in a matter of weeks, not months, whether Russia is serious "
        "about peace or not.",
        "The captured Chinese citizens are now in the custody of the Security Service of Ukraine.",
    ),
    ("totally unfounded", FULL_000),
    ("aware", "We remember the feat of every man and woman who defended Ukraine."),
    (
        "In the last seven days, the Russians have conducted 47 assault operations on the "
        "positions of our defenders",
        "You can see the map moving. From the east, Russia continues to push further and further.",
    ),
    ("no limits", "decisive enabler"),
    ("", "anything"),
]


@pytest.mark.parametrize(("a", "b"), HIGH)
def test_same_statement_high(a: str, b: str) -> None:
    assert same_statement(a, b) >= 0.6
    assert same_statement(b, a) == same_statement(a, b)


@pytest.mark.parametrize(("a", "b"), LOW)
def test_same_statement_low(a: str, b: str) -> None:
    assert same_statement(a, b) <= 0.3


def test_same_statement_links_seed_quotes_across_outlets() -> None:
    left = extract_quotes(seed("000"))
    right = extract_quotes(seed("001"))
    a = find(left, "We have information suggesting")
    b = find(right, "We have information that there are")
    best = max(right, key=lambda q: same_statement(a.text, q.text))
    assert best is b and same_statement(a.text, b.text) >= 0.6


# --------------------------------------------------------------------------- lexicon


def test_reporting_verbs_lexicon() -> None:
    verbs = load_reporting_verbs()
    stances = {
        "neutral",
        "doubt",
        "concession",
        "assertive",
        "tentative",
        "endorsing",
        "accusing",
        "denial",
        "directive",
    }
    assert {stance for _, stance in verbs.values()} == stances
    inflections = [
        ("says", "say"), ("said", "say"), ("saying", "say"), ("told", "tell"),
        ("claims", "claim"), ("claimed", "claim"), ("alleging", "allege"),
        ("wrote", "write"), ("denies", "deny"), ("pointed out", "point out"),
    ]  # fmt: skip
    for form, lemma in inflections:
        assert verbs[form][0] == lemma
    assert verbs["claimed"][1] == "doubt" and verbs["said"][1] == "neutral"
    assert verbs["admitted"][1] == "concession" and verbs["accused"][1] == "accusing"
    assert verbs["urged"][1] == "directive"  # a speech act, not a stance on the words
    assert load_reporting_verbs() is verbs  # cached


# --------------------------------------------------------------------------- properties

_ALPHABET = st.sampled_from(
    list(MARKS)
    + list("  \n\n,.:;!?—-()[]")
    + ["said", "he", "Mr.", "Zelensky", "U.S.", "claims", "adding", "that", "according", "to",
       "The", "Ukrainian", "president", "told", "’s", "'s", "Here are his comments in full:",
       "é", "\u0301", "\t", "\r", "\x00", "𝔘", "ß", "İ"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=120).map("".join))
def test_random_text_never_raises_and_spans_hold(text: str) -> None:
    quotes = extract_quotes(text)
    check_spans(text, quotes)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.lists(st.tuples(st.integers(0, 300), st.integers(0, 300))))
def test_arbitrary_unicode_and_skips(text: str, ranges: list[tuple[int, int]]) -> None:
    skipped = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in ranges]
    quotes = extract_quotes(text, skipped)
    check_spans(text, quotes)
    for q in quotes:
        lo = q.open_mark if q.open_mark >= 0 else q.start
        assert not any(s < q.end and lo < e for s, e in skipped if e > s)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200))
def test_same_statement_bounded_and_symmetric(a: str, b: str) -> None:
    assert 0.0 <= same_statement(a, b) <= 1.0
    assert same_statement(a, b) == same_statement(b, a)


def test_long_line_stays_fast() -> None:
    unit = 'Mr. Zelensky said “we will “ hold" and ‘fight’, he added ’s " '
    text = (unit * (20_000 // len(unit) + 1))[:20_000]
    t0 = time.perf_counter()
    check_spans(text, extract_quotes(text))
    for odd in ('"' * 20_000, "“ " * 10_000, "said " * 4_000, "‘a " * 7_000):
        check_spans(odd, extract_quotes(odd))
    assert time.perf_counter() - t0 < 10  # generous: guards against quadratic blow-ups only
