from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from divergence.segment import segment
from divergence.types import Article

CASES = [
    # (text, expected sentences)
    ("He left. She stayed.", ["He left.", "She stayed."]),
    (
        '"We spoke to Mr. Smith today," he said. Then he left.',
        ['"We spoke to Mr. Smith today," he said.', "Then he left."],
    ),
    (
        "The U.S. Army said it was ready. Others were not.",
        ["The U.S. Army said it was ready.", "Others were not."],
    ),
    ("“Ask the U.S. and Mr. Putin,” she said.", ["“Ask the U.S. and Mr. Putin,” she said."]),
    (
        "Headline without stop\n\nBody one. Body two.",
        ["Headline without stop", "Body one.", "Body two."],
    ),
    (
        "Dr. Jones met Gen. Smith in St. Louis on Jan. 5.",
        ["Dr. Jones met Gen. Smith in St. Louis on Jan. 5."],
    ),
    (  # a quotation closed without a full stop ends no sentence
        '"Fewer than 12" regional offices have opened such inquiries, the ministry said.',
        ['"Fewer than 12" regional offices have opened such inquiries, the ministry said.'],
    ),
    (
        'He called it "a disgrace." Then he left the room.',
        ['He called it "a disgrace."', "Then he left the room."],
    ),
    (  # a clock time before a time zone or a weekday
        "The call was set for 1 p.m. PDT today. The fire started at 9:40 p.m. Friday night.",
        ["The call was set for 1 p.m. PDT today.", "The fire started at 9:40 p.m. Friday night."],
    ),
    ("He arrived at 5 p.m. Police then left.", ["He arrived at 5 p.m.", "Police then left."]),
    (  # a piece that opens with a comma continues the sentence
        "In Congress, Rep. Ann Lee, D-Mass., called a hearing.",
        ["In Congress, Rep. Ann Lee, D-Mass., called a hearing."],
    ),
    (  # a comma before a closing quotation mark, even set apart, ends no sentence
        '"We have always been leaders in this town, " Smith added. Then he left.',
        ['"We have always been leaders in this town, " Smith added.', "Then he left."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_segment_cases(text: str, expected: list[str]) -> None:
    assert [s.text for s in segment(Article("a", text))] == expected


def test_skipped_lines_are_not_segmented() -> None:
    text = "Real news here.\nRead more: something\nMore news."
    start = text.index("Read")
    art = Article("a", text, skipped=((start, start + len("Read more: something")),))
    assert [s.text for s in segment(art)] == ["Real news here.", "More news."]


def test_long_line_is_cut_and_fast() -> None:
    text = "word " * 4000  # 20,000 characters, no full stop
    sents = segment(Article("a", text))
    assert all(len(s.text) <= 2000 for s in sents)
    assert "".join(s.text for s in sents).replace(" ", "") == text.replace(" ", "")


def test_seeds_quotes_with_titles_are_not_cut(seed_paths: list[str]) -> None:
    from divergence.ingest import load_articles

    for art in load_articles(seed_paths):
        for s in segment(art):
            assert not s.text.endswith(("Mr.", "U.S.")), s.text


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .\n“”\"'?!MrU.S")), max_size=300))
def test_spans_in_order_and_in_bounds(text: str) -> None:
    art = Article("a", text)
    prev = 0
    for s in segment(art):
        assert 0 <= prev <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        prev = s.end
