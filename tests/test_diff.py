from __future__ import annotations

from difflib import SequenceMatcher

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from divergence.diff import (
    matching_blocks,
    normalise_token,
    opcodes,
    token_ratio,
    tokenize,
    word_diff,
)

HARMLESS = [
    ("He said “yes” today.", 'He said "yes" today.'),
    ("The U.S. said two men left.", "The US said 2 men left."),
    ("Zelenskyy spoke.", "Zelensky spoke."),
    ("It was — clearly — over", "It was - clearly - over"),
]


@pytest.mark.parametrize(("left", "right"), HARMLESS)
def test_harmless_variants_diff_to_nothing(left: str, right: str) -> None:
    assert word_diff(tokenize(left), tokenize(right)) == []


def test_replacement_spans_point_at_the_words() -> None:
    left, right = "there are many more citizens", "there are significantly more citizens"
    lt, rt = tokenize(left), tokenize(right)
    (edit,) = word_diff(lt, rt)
    assert edit.tag == "replace"
    assert left[lt[edit.i1].start : lt[edit.i2 - 1].end] == "many"
    assert right[rt[edit.j1].start : rt[edit.j2 - 1].end] == "significantly"


def test_ratio_bounds() -> None:
    assert token_ratio(tokenize("a b c"), tokenize("a b c")) == 1.0
    assert token_ratio(tokenize("a b c"), tokenize("x y z")) == 0.0


@pytest.mark.parametrize(
    ("token", "norm"), [("Two", "2"), ("U.S.", "us"), ("12,000", "12000"), ("’", "'")]
)
def test_normalise(token: str, norm: str) -> None:
    assert normalise_token(token) == norm


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200))
def test_diff_spans_in_bounds_and_equal_sides_empty(a: str, b: str) -> None:
    ta, tb = tokenize(a), tokenize(b)
    for t in ta:
        assert a[t.start : t.end] == t.text
    assert word_diff(ta, ta) == []
    for e in word_diff(ta, tb):
        assert 0 <= e.i1 <= e.i2 <= len(ta) and 0 <= e.j1 <= e.j2 <= len(tb)


_MIRROR = {"insert": "delete", "delete": "insert", "replace": "replace", "equal": "equal"}


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from("abcd"), max_size=12), st.lists(st.sampled_from("abcd"), max_size=12)
)
def test_opcodes_are_the_same_whichever_sequence_comes_first(a: list[str], b: list[str]) -> None:
    """difflib settles ties by the first sequence; ``opcodes`` does not depend on the order,
    and it is difflib's own answer when the lesser sequence comes first."""
    forward = opcodes(a, b)
    backward = [(_MIRROR[tag], j1, j2, i1, i2) for tag, i1, i2, j1, j2 in opcodes(b, a)]
    assert forward == backward
    if a <= b:
        assert forward == SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        assert matching_blocks(a, b) == [
            tuple(m) for m in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
        ]
    rebuilt = []
    for tag, i1, i2, j1, j2 in forward:
        rebuilt += a[i1:i2] if tag == "equal" else b[j1:j2]
    assert rebuilt == b
