from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from divergence.diff import normalise_token, token_ratio, tokenize, word_diff

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
