"""Date mentions as day ranges: extraction with offsets, resolution, and comparison."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from divergence.detect.dates import DateMention, date_relation, extract_dates

D = dt.date
TUE = D(2025, 4, 8)  # the seeds' publication date, a Tuesday
WED = D(2025, 4, 9)

# text with «the mention», published, low..high (ISO; "?" unresolved), weekday, relative
EXTRACT = [
    ("Updated: «8 April 2025», 14:27", TUE, "2025-04-08", None, False),
    ("(@ZelenskyyUa) «April 8, 2025»", None, "2025-04-08", None, False),
    ("date «2025-04-08» Two Chinese", None, "2025-04-08", None, False),
    ("on «June 13, 2013».", None, "2013-06-13", None, False),
    ("the «8th of April 2025»", None, "2025-04-08", None, False),
    ("on «Jan. 8, 2025»", None, "2025-01-08", None, False),
    ("«June 13»", TUE, "2025-06-13", None, True),
    ("on «December 20»", D(2025, 1, 10), "2024-12-20", None, True),
    ("invaded Ukraine in «February 2022»", None, "2022-02-01..2022-02-28", None, False),
    ("since taking office in «January».", TUE, "2025-01-01..2025-01-31", None, True),
    ("since «August last year»", TUE, "2024-08-01..2024-08-31", None, True),
    ("in mid-«April»", TUE, "2025-04-01..2025-04-30", None, True),
    ("in «2022»", None, "2022-01-01..2022-12-31", None, False),
    ("the president said on «Tuesday»", TUE, "2025-04-08", 1, True),
    ("the president said on «Tuesday»", WED, "2025-04-08", 1, True),
    ("said on «Monday»", TUE, "2025-04-07", 0, True),
    ("«This past Tuesday», the ministry", TUE, "2025-04-01", 1, True),
    ("«last Friday»", TUE, "2025-04-04", 4, True),
    ("«next Monday»", TUE, "2025-04-14", 0, True),
    # a clause that speaks of what is to come reads its weekday forward
    ("the council will vote on «Wednesday»", TUE, "2025-04-09", 2, True),
    ("the council voted on «Wednesday»", TUE, "2025-04-02", 2, True),
    ("the final will be played on «Tuesday»", TUE, "2025-04-08", 1, True),
    ("the report is due «Friday»", TUE, "2025-04-11", 4, True),
    ("ministers are scheduled to meet in Oslo on «Thursday»", TUE, "2025-04-10", 3, True),
    ("he has until «Friday» to appeal", TUE, "2025-04-11", 4, True),
    ("campaigning ahead of «Sunday»'s vote", TUE, "2025-04-13", 6, True),
    ("we'll know more by «Friday»", TUE, "2025-04-11", 4, True),
    ("they will meet «this Thursday»", TUE, "2025-04-10", 3, True),
    # ... only in its own clause, and in the present: a past expectation looks back
    ("the talks will resume, he said on «Monday»", TUE, "2025-04-07", 0, True),
    ("the ship was expected to dock on «Friday»", TUE, "2025-04-04", 4, True),
    ("the inquiry will examine what happened on «Sunday»", TUE, "2025-04-06", 6, True),
    ("he said that talks will resume on «Friday»", TUE, "2025-04-11", 4, True),
    ("the strike starts «Monday»", TUE, "2025-04-14", 0, True),
    ("the new rule takes effect from «Monday»", TUE, "2025-04-14", 0, True),
    ("firms must reply by «Friday»", TUE, "2025-04-11", 4, True),
    ("the minister is to resign on «Monday»", TUE, "2025-04-14", 0, True),
    ("officials said the vote would take place on «Sunday»", TUE, "2025-04-13", 6, True),
    ("he plans to meet them on «Friday»", TUE, "2025-04-11", 4, True),
    ("the vote will be held on «Sunday»", TUE, "2025-04-13", 6, True),
    ("the vote was held on «Sunday»", TUE, "2025-04-06", 6, True),
    # the verb nearest the weekday decides: a past one looks back, whatever comes before it
    ("will be tried for the attack they carried out on «Sunday»", TUE, "2025-04-06", 6, True),
    # "has" is a present, not a past: it leaves the decision to the words before it
    (
        "the strike will go ahead unless the board has its say on «Friday»",
        TUE,
        "2025-04-11",
        4,
        True,
    ),
    # headlines tell what happened in the present: a visit is no schedule
    ("Pope visits Mosul on «Sunday»", TUE, "2025-04-06", 6, True),
    ("«Tuesday, April 8, 2025»", None, "2025-04-08", 1, False),
    ("said on «Tuesday»", None, "?", 1, True),
    ("«Today»'s video", TUE, "2025-04-08", None, True),
    ("«yesterday»", TUE, "2025-04-07", None, True),
    ("«tomorrow»", TUE, "2025-04-09", None, True),
    ("attack «overnight»", TUE, "2025-04-07..2025-04-08", None, True),
    ("a strike «last week» resulted", TUE, "2025-03-31..2025-04-06", None, True),
    ("«This week»", TUE, "2025-04-07..2025-04-13", None, True),
    ("over the «past week»", TUE, "2025-04-01..2025-04-08", None, True),
    ("In «the last seven days», the Russians", TUE, "2025-04-01..2025-04-08", None, True),
    ("«last month»", TUE, "2025-03-01..2025-03-31", None, True),
    ("«last year»", TUE, "2024-01-01..2024-12-31", None, True),
    ("«this year»", TUE, "2025-01-01..2025-12-31", None, True),
    ("«last weekend»", TUE, "2025-04-05..2025-04-06", None, True),
    ("«three days ago»", TUE, "2025-04-05", None, True),
    ("«a month ago»", TUE, "2025-03-01..2025-03-31", None, True),
    ("«two years ago»", TUE, "2023-01-01..2023-12-31", None, True),
    ("«yesterday»", None, "?", None, True),
]


def _days(notation: str) -> tuple[dt.date, dt.date]:
    """Parse "2025-04-01..2025-04-08", "2025-04-08" or "?" (unresolved) into (low, high)."""
    if notation == "?":
        return dt.date.min, dt.date.max
    low, _, high = notation.partition("..")
    return dt.date.fromisoformat(low), dt.date.fromisoformat(high or low)


@pytest.mark.parametrize("marked, published, days, weekday, relative", EXTRACT)
def test_extract(marked, published, days, weekday, relative):
    text = marked.replace("«", "").replace("»", "")
    mention = marked[marked.index("«") + 1 : marked.index("»")]
    found = [m for m in extract_dates(text, published) if m.text == mention]
    assert found, [m.text for m in extract_dates(text, published)]
    m = found[0]
    assert text[m.start : m.end] == mention
    assert (m.low, m.high) == _days(days)
    assert (m.weekday, m.relative) == (weekday, relative)


NOT_DATES = [
    "May I ask",
    "March on, he said",
    "nearly three months ago",  # the quantity extractor reads hedged spans
    "2,022 people",
    "the 1990s",
    "31 February 2025",
    "Mondays are quiet",
    "upon Tuesdays",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text):
    assert [m.text for m in extract_dates(text, TUE)] == []


def _first(text: str, published: dt.date | None) -> DateMention:
    return extract_dates(text, published)[0]


# left (text, published), right (text, published), relation
RELATIONS = [
    (("on Tuesday", TUE), ("on Monday", TUE), "conflict"),
    (("on Tuesday", TUE), ("April 8", TUE), "equal"),
    (("on Tuesday", WED), ("April 8, 2025", None), "equal"),
    (("on Tuesday", TUE), ("last week", TUE), "conflict"),
    (("on Friday", TUE), ("last week", TUE), "overlap"),
    (("8 April 2025", None), ("2025-04-08", None), "equal"),
    (("8 April 2025", None), ("April 7, 2025", None), "conflict"),
    (("in April", TUE), ("April 8, 2025", None), "overlap"),
    (("in February 2022", None), ("in 2022", None), "overlap"),
    (("in February 2022", None), ("in March 2022", None), "conflict"),
    (("Monday, April 8, 2025", None), ("April 8, 2025", None), "conflict"),  # 8 April was a Tuesday
    (("on Tuesday", None), ("on Tuesday", None), "equal"),
    (("on Tuesday", None), ("on Wednesday", None), "conflict"),
    (("on Tuesday", None), ("April 8, 2025", None), "overlap"),
    (("on Tuesday", None), ("April 9, 2025", None), "conflict"),
    (("on Tuesday", None), ("last week", None), "overlap"),
    (("June 13", None), ("June 13", None), "equal"),
    (("June 13", None), ("June 14", None), "conflict"),
    (("June 13", None), ("June 13, 2013", None), "overlap"),
    (("June 13", None), ("July 13, 2013", None), "conflict"),
    (("yesterday", TUE), ("on Monday", TUE), "equal"),
    (("the past week", TUE), ("last week", TUE), "overlap"),
]


@pytest.mark.parametrize("left, right, expected", RELATIONS)
def test_date_relation(left, right, expected):
    a, b = _first(*left), _first(*right)
    assert date_relation(a, b) == expected
    assert date_relation(b, a) == expected


def test_seed_header_and_body():
    text = (
        "date 2025-04-08 Two Chinese soldiers\n"
        "8 April 2025, 13:36 | Updated: 8 April 2025, 14:27\n"
        "Volodymyr Zelenskyy said on Tuesday that"
    )
    mentions = extract_dates(text, TUE)
    assert [m.text for m in mentions] == ["2025-04-08", "8 April 2025", "8 April 2025", "Tuesday"]
    assert {date_relation(mentions[0], m) for m in mentions[1:]} == {"equal"}


def test_window_and_datetime_publication():
    text = "on Monday and on Tuesday"
    (m,) = extract_dates(text, dt.datetime(2025, 4, 8, 12, 0), start=10)
    assert (m.text, m.low) == ("Tuesday", TUE)


# ---------------------------------------------------------------- properties

_PIECES = st.sampled_from([
    "8", "13", "2025", "2025-04-08", "April", "Apr.", "May", "of", "in", "since", "on", "last",
    "this past", "next", "Tuesday", "today", "yesterday", "week", "weeks", "month", "year",
    "days", "ago", "three", "a", "the", "past", "seven", ",", ".", "-", "31", "February",
    "overnight", "mid"
])  # fmt: skip
_DATEISH = st.lists(st.tuples(_PIECES, st.sampled_from([" ", "", ", ", "\n"])), max_size=30).map(
    lambda parts: "".join(p + s for p, s in parts)
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), _DATEISH), st.sampled_from([None, TUE, D(2024, 2, 29), D(1, 1, 1)]))
def test_spans_in_bounds_and_never_raises(text, published):
    last = 0
    for m in extract_dates(text, published):
        assert last <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.low <= m.high
        assert date_relation(m, m) == "equal"
        last = m.end


@pytest.mark.parametrize(
    "text",
    [
        "1" * 20_000,
        " " * 20_000,
        "April " * 3_333,
        "8 " * 10_000,
        ("on Tuesday, April 8, 2025, three days ago; last week " * 400)[:20_000],
        "in " * 6_666,
    ],
    ids=range(6),
)
def test_long_line_is_fast(text):
    # Not a benchmark: a guard against regex backtracking on one long line.
    t0 = time.perf_counter()
    extract_dates(text, TUE)
    assert time.perf_counter() - t0 < 2.0
