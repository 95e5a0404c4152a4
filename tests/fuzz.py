"""Fuzz ingest and detection for a fixed time: ``python -m tests.fuzz --minutes N``.

Two targets, driven by hypothesis in batches with fresh seeds until the time is up:

* ``ingest``: raw bytes (random, and text-, Markdown-, HTML- and JSON-shaped) written to a
  temp file of each supported extension → ``load_articles``. The only exception allowed
  out is ``DivergenceError``; the input file must be unchanged afterwards.
* ``analyse``: generated article pairs (quotes of every glyph, numbers, number words,
  reporting verbs, dates, random unicode) → ``analyse()`` with the ``HashingEmbedder``
  and every detector, then every renderer. Spans must be in bounds and equal the text
  they claim; the JSON must round-trip; swapping the two inputs mirrors the findings; an
  article against itself has nothing above info.

Each distinct failure (exception type and place) is printed once and its shrunk input is
saved under ``tests/data/fuzz-crashes/`` with the traceback. An example that runs longer
than ``--hang-seconds`` counts as a hang. Exit 1 when anything failed.

The strategies here (``article_text``, ``article_pair``) are shared with
``tests/test_properties.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

CRASH_DIR = Path(__file__).resolve().parent / "data" / "fuzz-crashes"

# ----------------------------------------------------------------------------- strategies

NAMES = [
    "Maria Lopez",
    "the ministry",
    "Mr. O'Neil",
    "officials",
    "Zelensky",
    "a spokesperson",
    "Dr. Chen",
    "police",
    "the U.S. Army",
    "Jean-Luc Picard",
]
VERBS = [
    "said",
    "claimed",
    "told reporters",
    "insisted",
    "denied",
    "admitted",
    "warned",
    "confirmed",
    "alleged",
    "stressed",
    "revealed",
    "accused",
    "noted",
    "urged",
    "is claimed by",
    "according to",
]
QUOTES = [
    ('"', '"'),
    ("“", "”"),
    ("‘", "’"),
    ("'", "'"),
    ("«", "»"),
    ("„", "“"),
    ("‹", "›"),
    ("「", "」"),
    ("『", "』"),
    ("‚", "‘"),
    ("»", "«"),
    ("“", ""),
    ("", "”"),
    ("``", "''"),
]
NUMBER_WORDS = [
    "three",
    "a dozen",
    "dozens",
    "hundreds",
    "two thousand",
    "half",
    "a million",
    "several hundred",
    "nearly 40",
    "at least 12",
    "more than 1,000",
    "about 3.5",
    "tens of thousands",
    "first",
    "twenty-one",
    "zero",
    "none",
    "a few",
]
UNITS = [
    "",
    "%",
    " percent",
    " people",
    " soldiers",
    " km",
    " miles",
    " tonnes",
    " dollars",
    " million",
    " bn",
    "m",
    " years",
    " days",
    "°C",
    " kg",
]
DATES = [
    "April 8, 2025",
    "8 April 2025",
    "Tuesday",
    "last week",
    "2025-04-08",
    "on Monday",
    "yesterday",
    "Apr. 7",
    "in 2024",
    "31 February 2025",
    "12/31/2024",
]
HEDGES = [
    "reportedly",
    "allegedly",
    "apparently",
    "may",
    "possibly",
    "clearly",
    "massive",
    "terrorist",
    "militant",
    "regime",
    "so-called",
    "not",
    "never",
    "no",
]
FILLER = [
    "the talks",
    "a ceasefire",
    "the border",
    "the report",
    "in Kyiv",
    "on the ground",
    "captured",
    "killed",
    "injured",
    "the attack",
    "the vote",
    "and",
    "but",
    "because",
]
ENDS = [". ", "! ", "? ", ".\n\n", "\n", "... ", " — ", "; ", ".", ".” ", "\r\n", ""]

_numbers = st.one_of(
    st.integers(-(10**6), 10**12).map(str),
    st.integers(0, 10**9).map(lambda n: f"{n:,}"),
    st.floats(0, 1e6, allow_nan=False).map(lambda x: f"{x:.{len(str(x)) % 4}f}"),
    st.tuples(st.integers(0, 999), st.integers(0, 999)).map(lambda t: f"{t[0]}-{t[1]}"),
    st.integers(0, 10**5).map(lambda n: f"${n / 10:.1f} million"),
    st.sampled_from(NUMBER_WORDS),
    st.text("0123456789.,%-", min_size=1, max_size=12),
)
_quantity = st.tuples(_numbers, st.sampled_from(UNITS)).map("".join)
_unicode = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)
_word = st.one_of(
    st.sampled_from(NAMES),
    st.sampled_from(VERBS),
    st.sampled_from(FILLER),
    st.sampled_from(DATES),
    st.sampled_from(HEDGES),
    _quantity,
    _unicode,
)


@st.composite
def _quote(draw: st.DrawFn) -> str:
    opening, closing = draw(st.sampled_from(QUOTES))
    inner = " ".join(draw(st.lists(_word, min_size=0, max_size=6)))
    return f"{opening}{inner}{closing}"


@st.composite
def _sentence(draw: st.DrawFn) -> str:
    shape = draw(st.integers(0, 3))
    if shape == 0:  # Name verb "quote".
        parts = [draw(st.sampled_from(NAMES)), draw(st.sampled_from(VERBS)), draw(_quote())]
    elif shape == 1:  # "Quote," name verb.
        parts = [draw(_quote()) + ",", draw(st.sampled_from(NAMES)), draw(st.sampled_from(VERBS))]
    elif shape == 2:  # Name verb quantity filler.
        parts = [
            draw(st.sampled_from(NAMES)),
            draw(st.sampled_from(VERBS)),
            draw(_quantity),
            draw(st.sampled_from(FILLER)),
            draw(st.sampled_from(DATES)),
        ]
    else:
        parts = draw(st.lists(st.one_of(_word, _quote()), min_size=1, max_size=12))
    return " ".join(parts) + draw(st.sampled_from(ENDS))


def article_text(max_sentences: int = 8) -> st.SearchStrategy[str]:
    """Article texts composed of sentences with quotes, numbers, verbs, dates and noise."""
    return st.lists(_sentence(), min_size=1, max_size=max_sentences).map("".join)


@st.composite
def _variant(draw: st.DrawFn, text: str) -> str:
    """The same story told again: some sentences kept, some words swapped, some added."""
    sentences = [s for s in text.replace("\n", ". ").split(". ") if s]
    out = []
    for s in sentences:
        action = draw(st.integers(0, 5))
        if action == 0:
            continue  # dropped
        if action == 1:
            words = s.split(" ")
            if words:
                words[draw(st.integers(0, len(words) - 1))] = draw(_word)
            s = " ".join(words)
        out.append(s)
    if draw(st.booleans()):
        out.insert(draw(st.integers(0, len(out))), draw(_sentence()).strip())
    return ". ".join(out) or draw(_sentence())


@st.composite
def article_pair(draw: st.DrawFn) -> tuple[str, str]:
    """Two article texts: mostly one story retold, sometimes unrelated."""
    left = draw(article_text())
    right = draw(article_text()) if draw(st.integers(0, 4)) == 0 else draw(_variant(left))
    return left, right


# Raw inputs: random bytes, and bytes shaped like each format (with broken encodings).
_TEXTY = article_text(6)
_json_value = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), _unicode, _TEXTY
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "text",
                    "body",
                    "content",
                    "title",
                    "id",
                    "outlet",
                    "source",
                    "date",
                    "published",
                    "url",
                    "articles",
                    "x",
                ]
            ),
            inner,
            max_size=5,
        ),
    ),
    max_leaves=12,
)
_HTML_BITS = [
    "<html>",
    "</html>",
    "<body>",
    "<article>",
    "</article>",
    "<p>",
    "</p>",
    "<h1>",
    "</h1>",
    "<script>alert(1)</script>",
    "<title>",
    "</title>",
    "<div>" * 50,
    "<!--",
    "-->",
    '<meta charset="latin-1">',
    '<meta property="og:title" content="T">',
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "<br/>",
    "<table><tr><td>",
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
]


@st.composite
def raw_input(draw: st.DrawFn) -> tuple[str, bytes]:
    """``(extension, bytes)`` for one input file."""
    suffix = draw(st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl", ""]))
    shape = draw(st.integers(0, 6))
    if shape == 0:
        data = draw(st.binary(max_size=600))
    elif shape == 1:
        data = draw(_TEXTY).encode(
            draw(
                st.sampled_from(["utf-8", "utf-16", "utf-32", "utf-8-sig", "latin-1", "utf-16-le"])
            ),
            "replace",
        )
    elif shape == 2:
        fm = draw(
            st.lists(
                st.tuples(st.sampled_from(["title", "date", "outlet", "id", "url", "x"]), _unicode),
                max_size=4,
            )
        )
        head = (
            "---\n" + "".join(f"{k}: {v}\n" for k, v in fm) + draw(st.sampled_from(["---\n", ""]))
        )
        body = draw(st.sampled_from(["# ", "", "## "])) + draw(_TEXTY)
        data = (head + body).encode()
    elif shape == 3:
        bits = draw(st.lists(st.one_of(st.sampled_from(_HTML_BITS), _TEXTY, _unicode), max_size=14))
        data = "".join(bits).encode("utf-8", "surrogatepass")
    elif shape == 4:
        data = json.dumps(draw(_json_value), ensure_ascii=draw(st.booleans())).encode()
    elif shape == 5:
        lines = draw(st.lists(st.one_of(_json_value.map(json.dumps), _unicode), max_size=5))
        data = "\n".join(lines).encode()
    else:  # a valid file with bytes flipped
        data = bytearray(draw(_TEXTY).encode())
        for _ in range(draw(st.integers(1, 4))):
            if data:
                data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        data = bytes(data)
    return suffix, data


# ----------------------------------------------------------------------------- checks


def check_spans(report: Any) -> None:
    """Every evidence and group span lies in its article and equals the text it claims."""
    texts = {a.id: a.text for a in report.articles}
    spans = [e for d in report.divergences for e in d.evidence]
    spans += [m for g in report.groups for m in g.members]
    for s in spans:
        text = texts[s.article]
        assert 0 <= s.start <= s.end <= len(text), f"span out of bounds | {s} in {len(text)}"
        assert text[s.start : s.end] == s.text, (
            f"span text differs | {s}: {text[s.start : s.end]!r}"
        )


def run_ingest(suffix: str, data: bytes, skip_bad: bool = False) -> None:
    """Write ``data`` to a temp file and load it; only DivergenceError may escape."""
    from divergence.errors import DivergenceError
    from divergence.ingest import load_articles

    with tempfile.TemporaryDirectory(prefix="divergence-fuzz-") as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        try:
            articles = load_articles([str(path)], skip_bad=skip_bad, warn=lambda _m: None)
        except DivergenceError as err:
            line = str(err)
            assert "\n" not in line, f"multi-line error message | {line!r}"
            assert "input" in line, f"error does not name the file | {line!r}"
        else:
            for a in articles:
                assert a.text.strip(), "blank article text | "
                assert "\x00" not in a.text
                for start, end in a.skipped:
                    assert 0 <= start <= end <= len(a.text)
        assert path.read_bytes() == data, "input file changed | "


def run_analyse(left: str, right: str) -> None:
    """Compare two texts with the hashing embedder; check spans, JSON and every renderer."""
    from divergence.embed import HashingEmbedder
    from divergence.ingest import load_articles
    from divergence.pipeline import analyse
    from divergence.render.html import render_html
    from divergence.render.markdown import render_markdown
    from divergence.render.text import render_text
    from divergence.types import Article, Report

    articles = load_articles([Article("left", left), Article("right", right)], warn=lambda _m: None)
    report = analyse(articles, HashingEmbedder(), None)
    check_spans(report)
    assert Report.from_json(report.to_json()).to_json() == report.to_json(), "JSON round-trip | "
    render_text(report, color=False)
    render_markdown(report)
    render_html(report)
    swapped = analyse(articles[::-1], HashingEmbedder(), None)
    assert loud_spans(swapped) == loud_spans(report), "swapped inputs do not mirror | "
    if left.strip():
        same = analyse([Article("a", left), Article("b", left)], HashingEmbedder(), None)
        check_spans(same)
        loud = sorted({f"{d.code}/{d.severity}" for d in same.divergences if d.severity != "info"})
        assert not loud, f"article against itself: {', '.join(loud)} | "


def loud_spans(report: Any) -> set[tuple[str, str, frozenset[tuple[str, int, int]]]]:
    """Findings above info with their evidence as a set: the same whichever input came first."""
    return {
        (d.code, d.severity, frozenset((e.article, e.start, e.end) for e in d.evidence))
        for d in report.divergences
        if d.severity != "info"
    }


# ----------------------------------------------------------------------------- driver


class Hang(Exception):
    """An example ran longer than the hang limit."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    if seconds <= 0 or not hasattr(signal, "SIGALRM"):
        yield
        return

    def on_alarm(_signum: int, _frame: Any) -> None:
        raise Hang(f"example ran longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Stats:
    examples: dict[str, int] = field(default_factory=dict)
    batches: int = 0
    failures: dict[str, str] = field(default_factory=dict)  # key → saved reproducer


def _where(exc: BaseException) -> str:
    """How failures are deduplicated: exception type and innermost frame in divergence/;
    for a failed check, the check and its stable part (before `` | ``)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "divergence" in f.filename and "tests" not in f.filename]
    frame = (ours or frames or [None])[-1]
    place = f"{Path(frame.filename).name}:{frame.lineno}" if frame else "?"
    if isinstance(exc, AssertionError):
        return f"check failed: {str(exc).split(' | ')[0]}"
    return f"{type(exc).__name__}@{place}"


def _save(target: str, example: dict[str, Any], exc: BaseException, crash_dir: Path) -> Path:
    crash_dir.mkdir(parents=True, exist_ok=True)
    blob = json.dumps(example, ensure_ascii=False, sort_keys=True, default=repr)
    name = f"{target}-{hashlib.sha256(blob.encode()).hexdigest()[:12]}"
    (crash_dir / f"{name}.json").write_text(blob + "\n", encoding="utf-8")
    tb = "".join(traceback.format_exception(exc))
    (crash_dir / f"{name}.txt").write_text(
        f"target: {target}\n"
        f"reproduce: python -m tests.fuzz --replay {crash_dir / name}.json\n\n{tb}",
        encoding="utf-8",
    )
    return crash_dir / f"{name}.json"


def replay(path: Path) -> None:
    """Run one saved reproducer; raise what it raises."""
    example = json.loads(path.read_text(encoding="utf-8"))
    if example["target"] == "ingest":
        run_ingest(example["suffix"], bytes.fromhex(example["data_hex"]), example["skip_bad"])
    else:
        run_analyse(example["left"], example["right"])


def fuzz(minutes: float, seed: int, batch: int, hang_seconds: float, crash_dir: Path) -> Stats:
    from hypothesis import reject
    from hypothesis.errors import Unsatisfiable

    stats = Stats()
    deadline = time.monotonic() + minutes * 60
    last: dict[str, Any] = {}
    failing: list[str] = []  # this batch has failed (and is shrinking)

    def guarded(target: str, example: dict[str, Any], call: Any) -> None:
        if time.monotonic() >= deadline and not failing:
            reject()  # time is up: skip the rest of the batch (but finish shrinking a failure)
        stats.examples[target] = stats.examples.get(target, 0) + 1
        last.clear()  # hypothesis replays the shrunk failure last: what is left is the minimal one
        try:
            with time_limit(hang_seconds):
                call()
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            last.update(example=example, exc=exc)
            failing.append(target)
            raise

    def targets(run_seed: int) -> list[tuple[str, Any]]:
        common = settings(
            max_examples=batch,
            deadline=None,
            database=None,
            derandomize=False,
            phases=[Phase.generate, Phase.shrink],
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=False,
        )

        @common
        @given(raw_input(), st.booleans())
        def ingest(raw: tuple[str, bytes], skip_bad: bool) -> None:
            suffix, data = raw
            example = {
                "target": "ingest",
                "suffix": suffix,
                "data_hex": data.hex(),
                "skip_bad": skip_bad,
            }
            guarded("ingest", example, lambda: run_ingest(suffix, data, skip_bad))

        @common
        @given(article_pair())
        def analyse(pair: tuple[str, str]) -> None:
            example = {"target": "analyse", "left": pair[0], "right": pair[1]}
            guarded("analyse", example, lambda: run_analyse(*pair))

        from hypothesis import seed as with_seed

        return [("ingest", with_seed(run_seed)(ingest)), ("analyse", with_seed(run_seed)(analyse))]

    n = 0
    while time.monotonic() < deadline:
        for name, test in targets(seed + n):
            if time.monotonic() >= deadline:
                break
            last.clear()
            failing.clear()
            try:
                test()
            except KeyboardInterrupt:
                raise
            except Unsatisfiable:
                pass  # every example of the batch was skipped at the deadline
            except BaseException as exc:
                failed = last.get("exc", exc)
                key = f"{name}:{_where(failed)}"
                if key not in stats.failures and "example" in last:
                    saved = _save(name, last["example"], failed, crash_dir)
                    stats.failures[key] = str(saved)
                    said = "" if isinstance(failed, AssertionError) else f": {str(failed)[:300]}"
                    print(f"FAIL {key}{said}\n  reproducer: {saved}", flush=True)
        n += 1
        stats.batches = n
        if n % 5 == 0:
            left = max(0.0, deadline - time.monotonic())
            print(
                f"... {n} batches, {stats.examples}, {len(stats.failures)} failures, "
                f"{left / 60:.1f} min left",
                flush=True,
            )
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fuzz", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run (default 10)")
    parser.add_argument("--seed", type=int, default=int(time.time()), help="first batch's seed")
    parser.add_argument("--batch", type=int, default=200, help="examples per target per batch")
    parser.add_argument(
        "--hang-seconds", type=float, default=30.0, help="an example this slow hangs"
    )
    parser.add_argument("--crash-dir", type=Path, default=CRASH_DIR)
    parser.add_argument("--replay", type=Path, help="run one saved reproducer and exit")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.replay:
        replay(args.replay)
        print("replay passed")
        return 0
    started = time.monotonic()
    print(
        f"fuzzing ingest and analyse for {args.minutes:g} min (seed {args.seed}, "
        f"{args.batch} examples per target per batch)",
        flush=True,
    )
    stats = fuzz(args.minutes, args.seed, args.batch, args.hang_seconds, args.crash_dir)
    took = time.monotonic() - started
    total = sum(stats.examples.values())
    print(
        f"ran {total} examples in {took / 60:.1f} min over {stats.batches} batches: "
        + ", ".join(f"{k} {v}" for k, v in sorted(stats.examples.items()))
    )
    if stats.failures:
        print(f"{len(stats.failures)} distinct failures:")
        for key, saved in sorted(stats.failures.items()):
            print(f"  {key}  → {saved}")
        return 1
    print("no failures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
