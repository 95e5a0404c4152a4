"""Tests of divergence.ingest: every format, every bad input, boilerplate ranges."""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from divergence.errors import InputError
from divergence.ingest import load_articles
from divergence.ingest import read as ingest_read
from divergence.ingest.boilerplate import boilerplate_ranges, is_furniture
from divergence.ingest.formats import front_matter, iso_date
from divergence.types import Article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data" / "ingest"

# --------------------------------------------------------------------------- case tables

# seed file → (published, headline the text starts with, lines skipped as furniture)
SEED_CASES = [
    (
        "000_7af5cb86c0319eea",
        None,
        "Ukraine-Russia war latest: Chinese soldiers fighting for Putin have been captured",
        [
            "Read more here:",
            "Mapped: All Ukrainian incursions into Russia - including activity in Belgorod",
        ],
    ),
    (
        "001_d1238f84d77087e4",
        "2025-04-08",
        "Two Chinese soldiers captured fighting in Ukraine - and Zelenskyy says",
        [
            "8 April 2025, 13:36 | Updated: 8 April 2025, 14:27",
            "By Henry Moore",
            "Read more: 'War must return where it came from': Ukraine forces 'active in second "
            "Russian border region', Zelenskyy confirms",
        ],
    ),
    (
        "002_a5a3c4e4cba64c51",
        "2025-04-08",
        "President Zelenskyy said Kyiv is demanding a response from Beijing",
        # The embedded tweet (truncated "…" and followed by "— Name (@handle) date").
        ["Our military has captured two Chinese citizens who were fighting as part of the"],
    ),
    (
        "003_1bd7613f3b3f53fb",
        None,
        "Zelensky: ‘Hundreds’ of Chinese Nationals Engaged in Combat for Russia in Ukraine",
        ["This website uses cookies to improve your experience. We'll assume you're ok with this"],
    ),
    (
        "004_a8b8fe5dd1b1d222",
        None,
        "Zelenskyy claims Ukrainian forces captured 2 Chinese soldiers fighting for Russia",
        ["Christopher Bodeen contributed from Taipei, Taiwan.", "“`"],
    ),
]

# Lines that carry news and must never be skipped (several from the seeds).
NEWS_LINES = [
    "Zelenskyy says two Chinese soldiers have been captured fighting for the Russian army. "
    "Picture: Telegram",
    "Zelenskyy shared the video of the alleged Chinese soldier on Telegram. "
    "Picture: Telegram, Alamy",
    "Mapped: All Ukrainian incursions into Russia - including activity in Belgorod confirmed by "
    "Zelensky",
    "In Pictures: Belgian PM visits Kyiv",
    "A view of the destruction caused by a Russian attack in Kupyansk, Ukraine (file photo)",
    "By March, Russia had retaken most of the Kursk region.",
    "By Tuesday evening the Kremlin had not responded.",
    "Russia contributed from its reserves.",
    "Here are his comments in full:",
    "‘A reaction’ from allies",
    "Read the full statement below.",
    "Share prices fell 3% in Moscow.",
    "The advertisement was banned by regulators.",
    "We use cookies from Ukraine in our recipe, the baker said.",
    "Christopher Bodeen said the talks had contributed to peace.",
    "The website uses cookies, a court heard, to track readers without consent, which the "
    "regulator said breached the law in 2023 and again in 2024 despite repeated warnings. " * 6,
    "2",
    "1,000",
    "Top Gulf News at 4:30 p.m. GMT",
    "April 8, 2025 at 2:27 p.m. the blast shook the centre of the city.",
    "10:00 GMT: markets open lower",
    "On Tuesday, the minister resigned.",
    "On 2/3/2009 he left the company.",
    "Paris, 8 April 2025, was the date of the first talks.",
    "The attack happened on, 8 April 2025",
    "PUBLISHED REPORTS ON 8 APRIL 2025 SAID SO",
    "BREAKING NEWS 5, 2013",
    # dates and times in news sentences and headlines, not stamps
    "Saturday, Feb. 9 at the Riverside Arena.",
    "It happened at 6:12 AM local time.",
    "The ferry was due at 4:05 p. m. on Friday.",
    "Floods Close Roads In Kent On May 4",
    "FLOODS CLOSE ROADS IN KENT ON MAY 4",
    "Hearing set for Oct. 3",
    "Conference ID: 55120437.",
]
FURNITURE_LINES = [
    "Picture: Telegram, Alamy",
    "Photo: Reuters",
    "Image: Getty Images",
    "(Photo: AFP via Getty Images)",
    "John Smith/AFP via Getty Images",
    "Read more: Zelensky confirms troops in Belgorod",
    "READ MORE: Zelensky confirms troops in Belgorod",
    "Read more here:",
    "By Henry Moore",
    "By Henry Moore, Political Correspondent",
    "By Anna Kowalski and Jan de Vries",
    "Reporting by Olena Harmash; Editing by Alex Richardson",
    "8 April 2025, 13:36 | Updated: 8 April 2025, 14:27",
    "Published: Tuesday 8 April 2025 14:27 BST",
    "April 8, 2025 at 2:27 p.m.",
    "November 12, 2007 03:116 PM",  # a stamp with a mistyped minute is still a stamp
    "Updated 3 hours ago",
    "9 May 2019 Last updated at 11:11 GMT",  # a second stamp with no separator
    "14 March 2016, 10:00 (GMT+05:00)",  # a bracketed zone with its offset
    "Friday, Mar 6, 2015 | Updated 4:02 PM PST",  # capital PM, then a zone
    "Friday August 1, 2014 @ 9:27am PDT",  # "@" between date and time
    "Posted 5/6/2010 10:42 PM",
    "11 / 14 / 09 2:45 AM EST",  # slashes set apart
    "June 17, 2012|9:38 pm",
    "on September 06 2012 6:21 PM",
    "AFP, Tuesday 8 Jul 2014",  # an agency, then the date
    "PUBLISHED: WEDNESDAY, MARCH 9, 2016, 3:18 PM",  # in capitals
    "THURSDAY, APRIL 14, 2016, 12:41 AM",  # in capitals, no stamp word
    "WEDNESDAY 09 JULY 2014",
    "JUNE 10, 2013 AT 11:52 AM PT",
    "10:25 P. M. FEB. 8, 2010",  # the time first
    "3 A. M. FEB. 9, 2010",
    "Tuesday, July 1st, 2014",  # an ordinal day
    "on Nov 19 2013, 4:07p",  # "p" for p.m.
    "on Friday, 12 March 2010 09:20.",  # a full stop after the stamp
    # read word by word (boilerplate.is_stamp): dates, times, zones and stamp words only
    "Sun Oct 14 2012, 03:47 hrs",
    "(9:14 am EDT, Sep 3rd 2013)",
    "(Thu, 19 Jan 2012)",
    "03.17.11 6:40 PM",
    "11 / 04 / 10 08:15 PM ET EST",
    "4 / 7 / 2010 6:22:41 PM",
    "SEPTEMBER 9, 2014 | 07:12AM PT",
    "Article posted on 11.05.2013",
    "Sep. 12, 2014 | 3:58 p. m.",
    "June 4, 2012 - - Updated 1132 GMT (1932 HKT)",
    "Date Published: Thursday, March 8, 2012",
    "Jan. 21-10:02 pm et",
    "Oct. 30 5:17 AM EST",
    "Edited time: April 22, 2014 11:40",
    "FOR IMMEDIATE RELEASE June 2, 2010",
    "Lagos, Oct 9 -",
    "Posted on May 8, 2012 4:11:02 PM GMT+02:00",
    "Published: 2014.03.21 08:44 AM",
    "Released 2014-06-17 04:19:50 GMT",
    "Reuters Mar 4, 2014, 01.27PM IST",
    "Story Created: Sep 4, 2013 at 8:31 AM AKDT",
    "PTI Jun 3, 2012, 04.22AM IST KOLKATA:",
    "Denver, Colo., Aug 21, 2012 / 11:00 am (CNA)",
    "updated 10 / 12 / 2006 1:37:52 PM ET",
    "Our soldiers are brave pic.twitter.com/AbC123xyz — Volodymyr Zelensky (@ZelenskyyUa) "
    "April 8, 2025",
    "This website uses cookies to improve your experience.",
    "We'll assume you're ok with this, but you can opt-out if you wish. Accept Read More",
    "Accept Read More",
    "Share this article",
    "Share on WhatsApp",
    "Sign up for our free morning newsletter",
    "Advertisement",
    "Story continues below advertisement",
    "***",
]

# name → (file content, expected fields)
MARKDOWN_CASES = [
    (
        "front matter",
        '---\ntitle: "Kyiv says soldiers captured"\noutlet: Ledger\ndate: 2025-04-08T10:00:00Z\n'
        "url: https://x.example/a\nid: ledger-1\nauthor: A. N. Other\n---\n\n"
        "Ukrainian forces captured two men, officials said.\n",
        {
            "id": "ledger-1",
            "title": "Kyiv says soldiers captured",
            "outlet": "Ledger",
            "published": "2025-04-08",
            "url": "https://x.example/a",
            "text": "Kyiv says soldiers captured\n\n"
            "Ukrainian forces captured two men, officials said.",
        },
    ),
    (
        "heading",
        "# Kyiv says soldiers captured\n\nUkrainian forces captured **two** men.\n",
        {
            "id": "story",
            "title": "Kyiv says soldiers captured",
            "outlet": None,
            "text": "# Kyiv says soldiers captured\n\nUkrainian forces captured **two** men.",
        },
    ),
    (
        "front matter title equals heading",
        "---\ntitle: Kyiv says soldiers captured\nsource: 'Ledger'\n---\n"
        "# Kyiv says soldiers captured\n\nBody sentence here.",
        {
            "title": "Kyiv says soldiers captured",
            "outlet": "Ledger",
            "text": "# Kyiv says soldiers captured\n\nBody sentence here.",
        },
    ),
    (
        "a rule, not front matter",
        "---\nThe talks failed, officials said.\n---\nMore text.",
        {"title": "---", "text": "---\nThe talks failed, officials said.\n---\nMore text."},
    ),
]

# name → (file name, bytes, text expected)
ENCODING_CASES = [
    (
        "utf-8",
        "a.txt",
        "Héadline\nBody “quoted” — dash.".encode(),
        "Héadline\nBody “quoted” — dash.",
    ),
    ("utf-8 bom", "a.txt", b"\xef\xbb\xbfHeadline\nBody.", "Headline\nBody."),
    ("utf-16-le bom", "a.txt", "\ufeffHeadline\r\nBödy.".encode("utf-16-le"), "Headline\nBödy."),
    ("utf-16-be bom", "a.txt", "\ufeffHeadline\nBody.".encode("utf-16-be"), "Headline\nBody."),
    ("crlf", "a.txt", b"Headline\r\n\r\nBody.\r\n", "Headline\n\nBody."),
    ("cr", "a.txt", b"Headline\r\rBody.\r", "Headline\n\nBody."),
    ("trailing space", "a.txt", b"Headline\n\nBody.  \n\n\t\n", "Headline\n\nBody."),
    ("leading space kept", "a.txt", b"  Headline\n Body.", "  Headline\n Body."),
]

# name → (file name, bytes, substring the problem must contain)
BAD_FILE_CASES = [
    ("empty", "a.txt", b"", "empty file"),
    ("whitespace", "a.txt", b" \n\t\r\n ", "only whitespace"),
    ("nul", "a.txt", b"Headline\x00\x00 body", "binary file (NUL byte at offset 8)"),
    ("pdf", "a.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (looks like PDF)"),
    ("png", "a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (looks like PNG)"),
    ("jpeg", "a.html", b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (looks like JPEG)"),
    ("gif", "a.md", b"GIF89a\x01\x00\x01\x00", "binary file (looks like GIF)"),
    ("zip", "a.json", b"PK\x03\x04\x14\x00\x00\x00", "binary file (looks like ZIP"),
    ("latin-1", "a.txt", "Headline\nCafé".encode("latin-1"), "invalid UTF-8 at byte 12 (line 2)"),
    ("bad utf-16", "a.txt", b"\xff\xfeH\x00\x00\xd8", "invalid UTF-16-LE at byte"),
    ("json syntax", "a.json", b'{"text": "a",}', "invalid JSON at line 1, column 14"),
    ("json shape", "a.json", b'{"headline": "a"}', "expected an article object"),
    ("json not object", "a.json", b'["just a string"]', "record 1: expected an article object"),
    (
        "json no text",
        "a.json",
        b'[{"title": "T"}]',
        'record 1: no text (expected a non-empty "text"',
    ),
    ("json text type", "a.json", b'[{"text": 5}]', "record 1: text is a number"),
    ("json object no text", "a.json", b'{"text": " ", "id": "x"}', "the article: empty text"),
    ("json field type", "a.json", b'[{"text": "a", "url": 1}]', '"url" must be a string'),
    ("json empty list", "a.json", b"[]", "no articles"),
    ("json deep", "a.json", b"[" * 100_000 + b"]" * 100_000, "invalid JSON"),
    ("jsonl broken", "a.jsonl", b'{"text": "a"}\n\n{"text": \n', "line 3: invalid JSON"),
    (
        "html no text",
        "a.html",
        b"<html><head><title></title></head><body></body></html>",
        "no article text found",
    ),
    ("date line only", "a.txt", b" date 2025-04-08\n\n", "no article text after the date line"),
    (
        "front matter only",
        "a.md",
        b"---\ntitle: T\n---\n",
        "no article text after the front matter",
    ),
]

# name → (stdin content, expected [(id, title)])
STDIN_CASES = [
    ("text", "Headline\n\nBody sentence.\n", [("stdin", "Headline")]),
    ("json", ' {"title": "T", "text": "Body."}', [("stdin", "T")]),
    ("json list", '[{"id": "x", "text": "A."}, {"text": "B."}]', [("x", "A."), ("stdin-2", "B.")]),
    ("jsonl", '{"text": "A."}\n{"text": "B."}\n', [("stdin-1", "A."), ("stdin-2", "B.")]),
    (
        "html",
        "<html><head><title>Headline here</title></head><body><article><p>"
        + "A long enough paragraph of article text for the extractor to keep. " * 3
        + "</p></article></body></html>",
        [("stdin", "Headline here")],
    ),
    ("markdown", "---\ntitle: T\n---\nBody.", [("stdin", "T")]),
]

# Awkward file names that must load, and whose id is the name without extension.
NAME_CASES = [
    "with space.txt",
    'it\'s "quoted".txt',
    "ünïcödé 新闻.txt",
    "new\nline.txt",
    "-dash.txt",
    "many.dots.in.name.md",
]


# --------------------------------------------------------------------------- helpers


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def snapshot(root: Path) -> dict[str, bytes]:
    """Bytes of every regular file under ``root`` (links not followed)."""
    out = {}
    for dirpath, _, names in os.walk(root):
        for name in names:
            path = Path(dirpath, name)
            if path.is_file() and not path.is_symlink():
                out[str(path)] = path.read_bytes()
    return out


def lines_of(article: Article, ranges: tuple[tuple[int, int], ...]) -> list[str]:
    return [article.text[s:e] for s, e in ranges]


# --------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    articles = load_articles([SEEDS], warn=lambda m: None)
    return {a.id: a for a in articles}


def test_seeds_all_load_in_path_order(seeds: dict[str, Article]) -> None:
    assert list(seeds) == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert len(seeds) == 5


@pytest.mark.parametrize(("seed_id", "published", "headline", "furniture"), SEED_CASES)
def test_seed(
    seeds: dict[str, Article],
    seed_id: str,
    published: str | None,
    headline: str,
    furniture: list[str],
) -> None:
    article = seeds[seed_id]
    assert article.path == str(SEEDS / f"{seed_id}.txt")
    assert article.published == published
    assert article.text.startswith(headline)
    assert article.title is not None and article.title.startswith(headline)
    skipped = lines_of(article, article.skipped)
    assert len(skipped) == len(furniture)
    for line, expected in zip(skipped, furniture, strict=True):
        assert line.startswith(expected)
    # Every skipped range is one whole line.
    for start, end in article.skipped:
        assert start == 0 or article.text[start - 1] == "\n"
        assert end == len(article.text) or article.text[end] == "\n"


def test_seed_date_marker_removed_and_rest_untouched(seeds: dict[str, Article]) -> None:
    raw = (SEEDS / "001_d1238f84d77087e4.txt").read_text(encoding="utf-8")
    assert raw.startswith(" date 2025-04-08 ")
    assert seeds["001_d1238f84d77087e4"].text == raw[len(" date 2025-04-08 ") :].rstrip()
    raw = (SEEDS / "003_1bd7613f3b3f53fb.txt").read_text(encoding="utf-8")
    assert seeds["003_1bd7613f3b3f53fb"].text == raw.rstrip()


# --------------------------------------------------------------------------- boilerplate


@pytest.mark.parametrize("line", NEWS_LINES)
def test_news_line_is_not_furniture(line: str) -> None:
    assert not is_furniture(line)
    assert boilerplate_ranges(f"Headline\n\n{line}\n\nMore.") == ()


@pytest.mark.parametrize("line", FURNITURE_LINES)
def test_furniture_line_is_skipped(line: str) -> None:
    assert is_furniture(line)
    text = f"Headline\n\n  {line}\n\nMore."
    ((start, end),) = boilerplate_ranges(text)
    assert text[start:end] == f"  {line}"


@pytest.mark.parametrize(
    ("after", "skipped"),
    [
        ("Mapped: All Ukrainian incursions into Russia", True),
        ("\nMapped: All Ukrainian incursions into Russia", True),
        ("Russia retook the village on Friday, officials said.", False),
        ("“We will fight on,” he said", True),  # no final full stop: reads as a link title
        ("“We will fight on,” he said.", False),
    ],
)
def test_link_title_after_read_more_here(after: str, skipped: bool) -> None:
    text = f"Headline\n\nRead more here:\n{after}\n\nNext paragraph."
    assert (after.strip() in lines_of(Article("a", text), boilerplate_ranges(text))) is skipped


# --------------------------------------------------------------------------- HTML


def test_html_fixture() -> None:
    (article,) = load_articles([DATA / "news_page.html"])
    assert article.id == "news_page"
    assert article.title == "Kyiv says two Chinese soldiers captured in Donetsk"
    assert article.outlet == "The Northern Ledger"
    assert article.published == "2025-04-08"
    assert article.url == "https://ledger.example/world/2025/04/08/chinese-soldiers-captured"
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == article.title
    assert paragraphs[1].startswith("Ukrainian forces have captured two Chinese citizens")
    assert paragraphs[-1].startswith("Beijing has not yet responded")
    assert "“We have information that there are significantly more" in article.text
    for furniture in ("cookies", "Home", "Politics", "Share on", "newsletter", "All rights"):
        assert furniture not in article.text
    assert lines_of(article, article.skipped) == [
        "Read more: Ukraine forces active in second Russian border region, Zelenskyy confirms"
    ]


def test_html_without_date_or_title(tmp_path: Path) -> None:
    body = "An article paragraph with enough words in it to be kept by the extractor. " * 3
    path = write(
        tmp_path / "page.htm", f"<html><body><article><p>{body}</p></article></body></html>"
    )
    (article,) = load_articles([path])
    assert article.published is None
    assert article.text == body.strip()
    assert article.title == body.strip()


def test_html_declared_charset(tmp_path: Path) -> None:
    body = "Le président a déclaré mardi que les négociations continueraient à Genève. " * 3
    page = '<html><head><meta charset="windows-1252"><title>Négociations</title></head>'
    page += f"<body><article><p>{body}</p></article></body></html>"
    path = write(tmp_path / "fr.html", page.encode("cp1252"))
    (article,) = load_articles([path])
    assert article.title == "Négociations"
    assert "président a déclaré" in article.text


# --------------------------------------------------------------------------- Markdown


@pytest.mark.parametrize(
    ("name", "content", "expected"), MARKDOWN_CASES, ids=[c[0] for c in MARKDOWN_CASES]
)
def test_markdown(tmp_path: Path, name: str, content: str, expected: dict[str, str | None]) -> None:
    (article,) = load_articles([write(tmp_path / "story.md", content)])
    for key, value in expected.items():
        assert getattr(article, key) == value, key


def test_front_matter_parser() -> None:
    assert front_matter("no front matter") is None
    assert front_matter("---\ntitle: a\n") is None  # never closed
    assert front_matter("---\ntags:\n  - a\n  - b\ntitle: x\n---\nB") == (
        {"tags": "", "title": "x"},
        "B",
    )


# --------------------------------------------------------------------------- JSON


def test_json_list(tmp_path: Path) -> None:
    records = [
        {
            "id": "bbc-1",
            "outlet": "BBC",
            "title": "Headline A",
            "text": "Headline A\n\nBody A.",
            "published": "2025-04-08T10:00:00Z",
            "url": "https://bbc.example/a",
        },
        {"title": "Headline B", "body": "Body B.\r\nMore B.", "source": {"name": "Reuters"}},
        {"content": "Headline C\nBody C.", "date": "8 April 2025"},
    ]
    path = write(tmp_path / "batch.json", json.dumps(records))
    a, b, c = load_articles([path])
    assert (a.id, a.outlet, a.published, a.url) == (
        "bbc-1",
        "BBC",
        "2025-04-08",
        "https://bbc.example/a",
    )
    assert a.text == "Headline A\n\nBody A."  # already starts with its title: nothing prepended
    assert (b.id, b.outlet, b.title) == ("batch-2", "Reuters", "Headline B")
    assert b.text == "Headline B\n\nBody B.\nMore B."
    assert (c.id, c.title, c.published, c.path) == (
        "batch-3",
        "Headline C",
        "2025-04-08",
        str(path),
    )


@pytest.mark.parametrize(
    "content",
    [
        {"id": "one", "text": "Only article."},
        {"articles": [{"id": "one", "text": "Only article."}]},
    ],
)
def test_json_single_object_or_articles_key(tmp_path: Path, content: object) -> None:
    (article,) = load_articles([write(tmp_path / "x.json", json.dumps(content))])
    assert (article.id, article.text) == ("one", "Only article.")


def test_json_bad_date_warns(tmp_path: Path) -> None:
    messages: list[str] = []
    path = write(tmp_path / "x.json", '{"text": "A.", "published": "last week"}')
    (article,) = load_articles([path], warn=messages.append)
    assert article.published is None
    assert len(messages) == 1 and "x.json" in messages[0] and "last week" in messages[0]


JSONL = (
    '{"id": "a", "text": "First."}\n{"text": "Second."\n\n{"title": "No text"}\n'
    '{"text": "Fourth."}\n'
)


def test_jsonl_broken_line_is_an_error_naming_it(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.jsonl", JSONL)
    with pytest.raises(InputError) as err:
        load_articles([path])
    assert err.value.source == str(path)
    assert err.value.problem.startswith("line 2: invalid JSON (")


def test_jsonl_skip_bad_keeps_good_records(tmp_path: Path) -> None:
    path = write(tmp_path / "feed.ndjson", JSONL)
    messages: list[str] = []
    articles = load_articles([path], skip_bad=True, warn=messages.append)
    # Record numbers count every non-blank line, so ids do not shift when a line is skipped.
    assert [(a.id, a.text) for a in articles] == [("a", "First."), ("feed-4", "Fourth.")]
    assert len(messages) == 2
    assert all("\n" not in m and str(path) in m for m in messages)
    assert "line 2: invalid JSON" in messages[0]
    assert "line 4: no text" in messages[1]


# --------------------------------------------------------------------------- plain text


@pytest.mark.parametrize(
    ("content", "published", "text"),
    [
        (" date 2025-04-08 Headline\n\nBody.", "2025-04-08", "Headline\n\nBody."),
        ("date 2025-04-08\n\nHeadline\nBody.", "2025-04-08", "Headline\nBody."),
        ("Date: 2025-04-08\nHeadline\nBody.", "2025-04-08", "Headline\nBody."),
        ("Published: 8 April 2025\n\nHeadline", "2025-04-08", "Headline"),
        (" date 2025-13-45 Headline", None, " date 2025-13-45 Headline"),
        ("Dated 2025-04-08 memo leaked\nBody.", None, "Dated 2025-04-08 memo leaked\nBody."),
        ("Date: to be announced\nBody.", None, "Date: to be announced\nBody."),
        ("Headline\nDate: 2025-04-08\nBody.", None, "Headline\nDate: 2025-04-08\nBody."),
        ("\n\nHeadline after blank lines\nBody.", None, "\n\nHeadline after blank lines\nBody."),
    ],
)
def test_text_date_marker(tmp_path: Path, content: str, published: str | None, text: str) -> None:
    (article,) = load_articles([write(tmp_path / "story", content)])
    assert (article.id, article.published, article.text) == ("story", published, text)
    assert article.title == text.strip().split("\n")[0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-04-08", "2025-04-08"),
        ("2025-04-08T13:36:00+01:00", "2025-04-08"),
        ("2025/4/8", "2025-04-08"),
        ("8 April 2025", "2025-04-08"),
        ("Tuesday, 8th April 2025 13:36", "2025-04-08"),
        ("April 8, 2025", "2025-04-08"),
        ("Sept 1, 2024", "2024-09-01"),
        ("2025-02-29", None),
        ("2025-04", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_iso_date(value: str, expected: str | None) -> None:
    assert iso_date(value) == expected


@pytest.mark.parametrize(
    ("name", "raw", "text"),
    [(c[0], c[2], c[3]) for c in ENCODING_CASES],
    ids=[c[0] for c in ENCODING_CASES],
)
def test_encodings_and_line_ends(tmp_path: Path, name: str, raw: bytes, text: str) -> None:
    (article,) = load_articles([write(tmp_path / "a.txt", raw)])
    assert article.text == text


def test_unknown_extension_given_explicitly_is_text(tmp_path: Path) -> None:
    (article,) = load_articles([write(tmp_path / "notes.log", "Headline\nBody.")])
    assert (article.id, article.text) == ("notes", "Headline\nBody.")


# --------------------------------------------------------------------------- directories


def test_directory_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "B.")
    write(tmp_path / "a" / "z.md", "# Z")
    write(tmp_path / "a" / "deeper" / "y.json", '{"text": "Y."}')
    write(tmp_path / "c.html", "<p>" + "Words of an article paragraph here. " * 4 + "</p>")
    write(tmp_path / "README", "no extension: plain text")
    write(tmp_path / "skip.pdf", b"%PDF-1.4")  # unknown extension in a directory: skipped
    write(tmp_path / "notes.docx", b"PK\x03\x04")
    write(tmp_path / ".hidden.txt", "hidden")
    write(tmp_path / ".git" / "HEAD.txt", "ref")
    articles = load_articles([tmp_path])
    assert [a.id for a in articles] == ["README", "y", "z", "b", "c"]
    assert articles[1].path == str(tmp_path / "a" / "deeper" / "y.json")


def test_directory_symlink_loop_and_shared_file(tmp_path: Path) -> None:
    write(tmp_path / "d" / "one.txt", "One.")
    write(tmp_path / "d" / "sub" / "two.txt", "Two.")
    (tmp_path / "d" / "sub" / "loop").symlink_to(tmp_path / "d", target_is_directory=True)
    (tmp_path / "d" / "self").symlink_to(".", target_is_directory=True)
    (tmp_path / "d" / "alias.txt").symlink_to(tmp_path / "d" / "one.txt")
    (tmp_path / "d" / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    messages: list[str] = []
    articles = load_articles([tmp_path / "d"], warn=messages.append)
    # alias.txt sorts first and is the same file as one.txt: loaded once, under its first path.
    assert [a.text for a in articles] == ["One.", "Two."]
    assert [a.id for a in articles] == ["alias", "two"]
    assert any("dangling.txt" in m for m in messages)


def test_directory_reached_through_link_is_followed(tmp_path: Path) -> None:
    write(tmp_path / "real" / "a.txt", "A.")
    (tmp_path / "top").mkdir()
    (tmp_path / "top" / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    (article,) = load_articles([tmp_path / "top"])
    assert article.path == str(tmp_path / "top" / "link" / "a.txt")


def test_skip_bad_file_in_directory(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", "Good.")
    write(tmp_path / "bad.txt", b"\x89PNG\r\n\x1a\n")
    with pytest.raises(InputError, match=r"bad\.txt: binary file"):
        load_articles([tmp_path])
    messages: list[str] = []
    articles = load_articles(
        [tmp_path, tmp_path / "missing.txt"], skip_bad=True, warn=messages.append
    )
    assert [a.id for a in articles] == ["good"]
    assert len(messages) == 2 and "bad.txt" in messages[0] and "missing.txt" in messages[1]


# --------------------------------------------------------------------------- stdin


@pytest.mark.parametrize(
    ("name", "content", "expected"), STDIN_CASES, ids=[c[0] for c in STDIN_CASES]
)
def test_stdin(name: str, content: str, expected: list[tuple[str, str]]) -> None:
    articles = load_articles(["-"], stdin=io.StringIO(content))
    assert [(a.id, a.title) for a in articles] == expected
    assert all(a.path is None for a in articles)


def test_stdin_bytes_pass_the_same_checks() -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbfHeadline\r\nBody.\r\n"), encoding="utf-8")
    (article,) = load_articles(["-"], stdin=stream)
    assert article.text == "Headline\nBody."
    stream = io.TextIOWrapper(io.BytesIO(b"%PDF-1.4 ..."), encoding="utf-8")
    with pytest.raises(InputError, match=r"^stdin: binary file \(looks like PDF\)"):
        load_articles(["-"], stdin=stream)


@pytest.mark.parametrize(
    ("sources", "content", "problem"),
    [
        (["-"], "", "empty file"),
        (["-"], "  \n", "only whitespace"),
        (["-", "-"], "Text.", "given more than once"),
        (["-"], "Nul\x00byte", "NUL"),
    ],
)
def test_stdin_bad(sources: list[str], content: str, problem: str) -> None:
    with pytest.raises(InputError) as err:
        load_articles(sources, stdin=io.StringIO(content))
    assert err.value.source == "stdin" and problem in err.value.problem


# --------------------------------------------------------------------------- ids


def test_id_collisions_are_numbered_in_order(tmp_path: Path) -> None:
    first = write(tmp_path / "x" / "story.txt", "First.")
    second = write(tmp_path / "y" / "story.md", "Second.")
    batch = write(
        tmp_path / "batch.json", '[{"id": "story", "text": "Third."}, {"text": "Fourth."}]'
    )
    passed = Article("story", "Fifth.")
    sources = [first, second, batch, passed, tmp_path / "x"]
    ids = [a.id for a in load_articles(sources, warn=lambda m: None)]
    assert ids == ["story", "story-2", "story-3", "batch-2", "story-4", "story-5"]


def test_same_text_warns_and_keeps_both(tmp_path: Path) -> None:
    messages: list[str] = []
    a = write(tmp_path / "a.txt", "Same text.\n")
    b = write(tmp_path / "b.txt", "Same text.")
    articles = load_articles([a, b], warn=messages.append)
    assert [x.id for x in articles] == ["a", "b"]
    assert messages == ["b: same text as a"]


def test_default_warn_is_a_python_warning(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", "Same.")
    with pytest.warns(UserWarning, match="a-2: same text as a"):
        load_articles([a, a])


def test_article_passes_through_unchanged() -> None:
    article = Article("kept", "Text.\r\n", skipped=((0, 2),), outlet="O")
    assert load_articles([article]) == [article]


@pytest.mark.parametrize("name", NAME_CASES)
def test_awkward_path_names(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, "Headline\nBody.")
    (article,) = load_articles([str(path)])
    assert article.id == Path(name).stem.replace("\n", "_")
    assert article.path == str(path)
    bad = write(tmp_path / "bad" / name, b"")
    with pytest.raises(InputError) as err:
        load_articles([str(bad)])
    message = str(err.value)
    assert "\n" not in message
    assert ingest_read.shown(bad) in message and "empty file" in message


# --------------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    ("name", "filename", "raw", "problem"), BAD_FILE_CASES, ids=[c[0] for c in BAD_FILE_CASES]
)
def test_bad_file(tmp_path: Path, name: str, filename: str, raw: bytes, problem: str) -> None:
    path = write(tmp_path / filename, raw)
    with pytest.raises(InputError) as err:
        load_articles([path])
    assert err.value.source == str(path)
    assert problem in err.value.problem, err.value.problem
    assert "\n" not in str(err.value)
    assert path.read_bytes() == raw  # never modified


def test_missing_file_and_broken_link(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.txt: no such file or directory$"):
        load_articles([tmp_path / "missing.txt"])
    (tmp_path / "link.txt").symlink_to(tmp_path / "gone.txt")
    with pytest.raises(InputError, match=r"link\.txt: broken symbolic link"):
        load_articles([tmp_path / "link.txt"])


def test_directory_without_supported_files(tmp_path: Path) -> None:
    write(tmp_path / "d" / "image.png", b"\x89PNG")
    with pytest.raises(InputError) as err:
        load_articles([tmp_path / "d"])
    assert err.value.source == str(tmp_path / "d")
    assert err.value.problem.startswith("no supported files in directory (expected .htm, .html")


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # sparse: no 20 MB written
        handle.truncate(ingest_read.MAX_INPUT_BYTES + 1)
    with pytest.raises(InputError) as err:
        load_articles([path])
    assert err.value.problem == "too large: 20.0 MB, the limit is 20.0 MB"
    assert path.stat().st_size == ingest_read.MAX_INPUT_BYTES + 1


def test_special_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"pipe\.txt: not a regular file \(a named pipe\)"):
        load_articles([fifo])


def test_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", "Secret.")
    path.chmod(0)
    try:
        if os.geteuid() == 0:  # root reads anything: simulate the refusal instead
            real_open = open

            def refuse(file, *args, **kwargs):  # type: ignore[no-untyped-def]
                if str(file) == str(path):
                    raise PermissionError(13, "Permission denied", str(file))
                return real_open(file, *args, **kwargs)

            monkeypatch.setattr("builtins.open", refuse)
        with pytest.raises(InputError, match=r"secret\.txt: permission denied"):
            load_articles([path])
    finally:
        monkeypatch.undo()
        path.chmod(0o644)
    assert path.read_bytes() == b"Secret."


def test_no_input_file_changes(tmp_path: Path) -> None:
    for name, filename, raw, _ in BAD_FILE_CASES:
        write(tmp_path / name / filename, raw)
    write(tmp_path / "ok" / "a.txt", " date 2025-04-08 A\r\nBody.\r\n")
    before = snapshot(tmp_path)
    articles = load_articles([tmp_path], skip_bad=True, warn=lambda m: None)
    assert "a" in [a.id for a in articles]
    assert snapshot(tmp_path) == before


# --------------------------------------------------------------------------- size and speed


def test_five_megabyte_article_loads_fast(tmp_path: Path) -> None:
    paragraph = (
        "The minister said on Tuesday that 1,300 square km had been retaken, officials said. "
    )
    lines = ["Headline", "By Henry Moore", "Picture: Reuters", paragraph * 8, "Read more: Other"]
    text = "\n\n".join(lines * 7000)
    path = write(tmp_path / "big.txt", text)
    assert 5_000_000 <= path.stat().st_size < 6_000_000
    started = time.perf_counter()
    (article,) = load_articles([path])
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0, f"{elapsed:.2f} s"
    assert article.text == text and len(article.skipped) == 3 * 7000


# --------------------------------------------------------------------------- properties

line_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=80
)
furniture = st.sampled_from([*FURNITURE_LINES, *NEWS_LINES, "", "   ", "Read more here:"])


@settings(max_examples=150, deadline=None)
@given(
    lines=st.lists(st.one_of(line_text, furniture), min_size=1, max_size=30),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_text_is_kept_and_skipped_ranges_are_whole_lines(lines: list[str], newline: str) -> None:
    raw = "Headline" + newline + newline.join(lines)  # starts as plain text, no date marker
    stream = io.TextIOWrapper(io.BytesIO(raw.encode("utf-8")), encoding="utf-8")
    (article,) = load_articles(["-"], stdin=stream)
    text = article.text
    assert text == raw.replace("\r\n", "\n").replace("\r", "\n").rstrip()
    previous_end = -1
    for start, end in article.skipped:
        assert 0 <= start < end <= len(text)
        assert previous_end < start
        assert start == 0 or text[start - 1] == "\n"
        assert end == len(text) or text[end] == "\n"
        assert "\n" not in text[start:end]
        previous_end = end


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_boilerplate_ranges_in_bounds_for_any_text(text: str) -> None:
    ranges = boilerplate_ranges(text)
    assert list(ranges) == sorted(ranges)
    for start, end in ranges:
        assert 0 <= start <= end <= len(text)
    Article("a", text, skipped=ranges)  # validates the bounds too
