"""divergence: align news articles on the same event and report how they diverge.

>>> import divergence
>>> divergence.SCHEMA
'divergence.report/1'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from divergence.types import SCHEMA, Article, Divergence, Group, Report, Signature, Span

__version__ = "0.1.0"
__all__ = [
    "SCHEMA",
    "Article",
    "Divergence",
    "Group",
    "Report",
    "Signature",
    "Span",
    "__version__",
    "compare",
]

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path


def compare(sources: Sequence[str | Path | Article], **options: Any) -> Report:
    """Compare articles (paths or ``Article`` objects) and return a ``Report``.

    Options mirror the CLI: thresholds from ``divergence.config.Settings`` (e.g.
    ``min_similarity=0.6``), ``model`` (a local model directory), ``device``, ``cache``
    (False to skip the on-disk embedding cache), ``progress`` (show a progress bar).
    """
    from divergence.pipeline import compare as _compare  # heavy imports stay lazy

    return _compare(sources, **options)
