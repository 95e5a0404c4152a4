"""Detectors: one module per kind. Each is ``detect(ctx) -> Iterable[Divergence]``.

Order matters: typed detectors run first and claim their evidence, so the generic
``content`` detector reports only what no typed detector explained.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from divergence.detect import (
    causes,
    content,
    date_conflicts,
    framing,
    negation,
    numbers,
    omissions,
    quotes,
)

if TYPE_CHECKING:
    from divergence.detect.base import Context
    from divergence.types import Divergence

Detector = Callable[["Context"], Iterable["Divergence"]]

DETECTORS: list[Detector] = [
    quotes.detect,
    numbers.detect,
    date_conflicts.detect,
    numbers.detect_tokens,
    framing.detect,
    negation.detect,
    causes.detect,
    omissions.detect,
    omissions.detect_dropped,
    content.detect,
]
