"""The Markdown report: the article table shows only the columns some article fills."""

from __future__ import annotations

from divergence.render.markdown import render_markdown
from divergence.types import Article, Report


def _header(report: Report) -> str:
    return render_markdown(report).splitlines()[2]


def test_plain_text_articles_have_no_empty_outlet_or_date_column() -> None:
    report = Report((Article("a", "One text."), Article("b", "Another text.")), (), ())
    assert _header(report) == "| article | title |"
    assert "| a | One text. |" in render_markdown(report)


def test_a_column_some_article_fills_is_shown_for_all() -> None:
    arts = (
        Article("a", "One.", outlet="Kettby Post"),
        Article("b", "Two.", published="2025-04-08"),
    )
    text = render_markdown(Report(arts, (), ()))
    assert _header(Report(arts, (), ())) == "| article | outlet | published | title |"
    assert "| a | Kettby Post |  | One. |" in text and "| b |  | 2025-04-08 | Two. |" in text
