"""A plain difflib peer: what a careful afternoon with the standard library would give.

Every sentence of one article is matched against every sentence of the other (all pairs,
``SequenceMatcher`` with the cheap ``real_quick_ratio`` and ``quick_ratio`` filters before
``ratio``); each matched pair gets a word diff, and every changed run of words becomes a
divergence. Kinds come from surface cues only: a change inside quotation marks is a
``quote``, one touching a digit or number word a ``number``, anything else ``content``; a
sentence with no match is an ``omission``. Nothing is embedded, so paraphrase is invisible.

It emits the ``divergence.report/1`` contract, so ``../shared/eval/score.py`` and
``planted.py`` score it as they score us (``benchmarks/eval_tool.py --impl difflib``).
Standard library only.

>>> r = compare_texts({"a": "The mayor said 40 came.", "b": "The mayor said 45 came."})
>>> [(d["code"], [e["text"] for e in d["evidence"]]) for d in r["divergences"]]
[('number.conflict', ['40', '45'])]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

SCHEMA = "divergence.report/1"
MIN_RATIO = 0.6  # character ratio at which two sentences count as the same sentence
_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'\u201d\u2019]*|$)", re.M)
_WORD = re.compile(r"\w+(?:['\u2019\-]\w+)*|[^\w\s]")
_QUOTES = '"\u201c\u201d'
# fmt: off
_NUMBER_WORDS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "billion",
    "dozen", "dozens", "half",
})
# fmt: on


@dataclass(frozen=True)
class Sent:
    start: int
    end: int
    text: str


def sentences(text: str) -> list[Sent]:
    """Split ``text`` into sentences with half-open character spans.

    >>> [s.text for s in sentences("One. Two!\\nThree")]
    ['One.', 'Two!', 'Three']
    """
    out = []
    for m in _SENT.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= 3:
            out.append(Sent(s, e, text[s:e]))
    return out


def match_sentences(left: Sequence[Sent], right: Sequence[Sent]) -> list[tuple[int, int, float]]:
    """All-pairs best match by ``SequenceMatcher.ratio``; one right sentence per left one."""
    cands = []
    sm = SequenceMatcher(autojunk=False)
    for j, r in enumerate(right):
        sm.set_seq2(r.text)  # cached side: the b sequence's index is built once per j
        for i, lft in enumerate(left):
            sm.set_seq1(lft.text)
            if sm.real_quick_ratio() < MIN_RATIO or sm.quick_ratio() < MIN_RATIO:
                continue
            ratio = sm.ratio()
            if ratio >= MIN_RATIO:
                cands.append((ratio, i, j))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_l: set[int] = set()
    used_r: set[int] = set()
    pairs = []
    for ratio, i, j in cands:
        if i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        pairs.append((i, j, ratio))
    return sorted(pairs)


def _words(s: Sent) -> list[tuple[int, int, str]]:
    return [(s.start + m.start(), s.start + m.end(), m.group()) for m in _WORD.finditer(s.text)]


def _span(text: str, article: str, start: int, end: int) -> dict[str, Any]:
    return {"article": article, "start": start, "end": end, "text": text[start:end]}


def _side(words: list[tuple[int, int, str]], lo: int, hi: int) -> tuple[int, int]:
    """Character span of words ``lo..hi``; an empty run takes its neighbouring word."""
    if hi > lo:
        return words[lo][0], words[hi - 1][1]
    k = min(max(lo - 1, 0), len(words) - 1)
    return words[k][0], words[k][1]


def _inside_quotes(text: str, at: int) -> bool:
    return sum(text.count(q, 0, at) for q in _QUOTES) % 2 == 1


def _kind(changed: str, text: str, at: int) -> tuple[str, str]:
    low = changed.lower()
    if any(c.isdigit() for c in changed) or any(w in _NUMBER_WORDS for w in low.split()):
        return "number", "number.conflict"
    if _inside_quotes(text, at):
        return "quote", "quote.wording"
    return "content", "content.wording"


def compare_texts(texts: dict[str, str]) -> dict[str, Any]:
    """Compare articles ``{id: text}`` pairwise and return a ``divergence.report/1`` dict."""
    ids = list(texts)
    sents = {a: sentences(texts[a]) for a in ids}
    divs: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = []
    for x, a in enumerate(ids):
        for b in ids[x + 1 :]:
            ta, tb = texts[a], texts[b]
            pairs = match_sentences(sents[a], sents[b])
            matched_a = {i for i, _, _ in pairs}
            matched_b = {j for _, j, _ in pairs}
            for i, j, ratio in pairs:
                sa, sb = sents[a][i], sents[b][j]
                gid = f"g{len(groups) + 1}"
                groups.append(
                    {
                        "id": gid,
                        "members": [_span(ta, a, sa.start, sa.end), _span(tb, b, sb.start, sb.end)],
                        "similarity": round(ratio, 4),
                    }
                )
                wa, wb = _words(sa), _words(sb)
                sm = SequenceMatcher(
                    None, [w[2].lower() for w in wa], [w[2].lower() for w in wb], autojunk=False
                )
                for op, i1, i2, j1, j2 in sm.get_opcodes():
                    if op == "equal" or not wa or not wb:
                        continue
                    la, lb = _side(wa, i1, i2), _side(wb, j1, j2)
                    changed = " ".join(w[2] for w in wa[i1:i2] + wb[j1:j2])
                    kind, code = _kind(changed, sb.text, lb[0] - sb.start)
                    divs.append(
                        {
                            "kind": kind,
                            "code": code,
                            "severity": "low",
                            "evidence": [_span(ta, a, *la), _span(tb, b, *lb)],
                            "message": f"{op}: {changed[:80]}",
                            "group": gid,
                            "confidence": 0.5,
                        }
                    )
            for art, text, ss, matched in (
                (a, ta, sents[a], matched_a),
                (b, tb, sents[b], matched_b),
            ):
                for k, s in enumerate(ss):
                    if k not in matched and len(s.text) >= 25:
                        divs.append(
                            {
                                "kind": "omission",
                                "code": "omission.sentence",
                                "severity": "low",
                                "evidence": [_span(text, art, s.start, s.end)],
                                "message": f"no match for this sentence of {art}",
                                "confidence": 0.5,
                            }
                        )
    for n, d in enumerate(divs, start=1):
        d["id"] = f"d{n}"
    return {
        "schema": SCHEMA,
        "articles": [{"id": a, "text": texts[a]} for a in ids],
        "groups": groups,
        "divergences": divs,
        "signature": {"tool": "difflib-peer", "min_ratio": MIN_RATIO},
    }


class PeerReport:
    """Just enough of ``divergence.Report`` for the eval tools: ``to_dict`` and ``to_json``."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.divergences = data["divergences"]

    def to_dict(self) -> dict[str, Any]:
        return self.data

    def to_json(self) -> str:
        import json

        return json.dumps(self.data, ensure_ascii=False, indent=1) + "\n"


def compare(paths: Iterable[str | Path], **_ignored: Any) -> PeerReport:
    """Read plain-text files (id = file stem, made unique) and compare them."""
    texts: dict[str, str] = {}
    for p in paths:
        path = Path(p)
        key, n = path.stem, 1
        while key in texts:
            n += 1
            key = f"{path.stem}-{n}"
        texts[key] = path.read_text(encoding="utf-8")
    return PeerReport(compare_texts(texts))
