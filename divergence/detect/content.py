"""``content``: other changes of wording inside aligned passages (the catch-all, ``info``).

Typed detectors run before this one and claim their evidence; what is left is rewording
that no detector found meaningful, so it never ranks above ``info``. One finding per
aligned pair, with every changed span as evidence, keeps the list readable.
"""

from __future__ import annotations

from collections.abc import Iterator

from divergence.detect.base import Context, finding
from divergence.diff import span_of
from divergence.types import Divergence, Span


def detect(ctx: Context) -> Iterator[Divergence]:
    for pair in ctx.pairs:
        left: list[Span] = []
        right: list[Span] = []
        for edit in pair.edits:
            lsp = span_of(pair.ltoks, edit.i1, edit.i2)
            rsp = span_of(pair.rtoks, edit.j1, edit.j2)
            if lsp and not ctx.is_claimed(pair.left.id, *lsp):
                left.append(pair.left.span(*lsp))
            if rsp and not ctx.is_claimed(pair.right.id, *rsp):
                right.append(pair.right.span(*rsp))
        if not left and not right:
            continue
        words = sum(len(s.text.split()) for s in left + right)
        yield finding(
            "content",
            "content.wording",
            "info",
            left + right,
            f"{pair.left.id} and {pair.right.id} word this passage differently "
            f"({len(left) + len(right)} changed spans, {words} words)",
            pair.group,
            0.5,
        )
