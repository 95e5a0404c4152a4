"""The report's vocabulary: frozen dataclasses that validate themselves.

Every span is a half-open character range ``[start, end)`` into ``Article.text``;
``text[start:end]`` is exactly what a report shows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "divergence.report/1"

Severity = Literal["info", "low", "medium", "high"]
SEVERITIES: tuple[str, ...] = ("info", "low", "medium", "high")
Kind = Literal["quote", "number", "date", "framing", "omission", "content"]
KINDS: tuple[str, ...] = ("quote", "number", "date", "framing", "omission", "content")


def severity_rank(severity: str) -> int:
    """Return the position of ``severity`` in ``info < low < medium < high``.

    >>> severity_rank("info"), severity_rank("high")
    (0, 3)
    """
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Article:
    """One outlet's article: ``text`` is the body exactly as analysed.

    ``skipped`` lists ``(start, end)`` ranges of ``text`` recognised as page boilerplate
    (cookie banners, "Read more:" links, picture credits): they stay in the text, so
    offsets never move, but are not segmented or compared.
    """

    id: str
    text: str
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    url: str | None = None
    path: str | None = None
    skipped: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("Article.id must not be empty")
        for start, end in self.skipped:
            if not 0 <= start <= end <= len(self.text):
                raise ValueError(f"skipped range {(start, end)} outside text of {self.id}")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        for key in ("outlet", "title", "published", "url", "path"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        out["text"] = self.text
        if self.skipped:
            out["skipped"] = [list(r) for r in self.skipped]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            id=data["id"],
            text=data["text"],
            outlet=data.get("outlet"),
            title=data.get("title"),
            published=data.get("published"),
            url=data.get("url"),
            path=data.get("path"),
            skipped=tuple(tuple(r) for r in data.get("skipped", ())),  # type: ignore[misc]
        )


@dataclass(frozen=True)
class Sentence:
    """A sentence of one article: ``article`` is the article's index in the input order."""

    article: int
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Span:
    """A half-open character range of one article, with the text it covers."""

    article: str
    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end} in {self.article}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"span text length {len(self.text)} != {self.end - self.start}")

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(data["article"], int(data["start"]), int(data["end"]), data["text"])


@dataclass(frozen=True)
class Group:
    """Passages that carry the same content, at most one per article."""

    id: str
    members: tuple[Span, ...]
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "members": [m.to_dict() for m in self.members],
            "similarity": round(self.similarity, 4),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Group:
        return cls(
            data["id"],
            tuple(Span.from_dict(m) for m in data["members"]),
            float(data.get("similarity", 0.0)),
        )


@dataclass(frozen=True)
class Divergence:
    """One finding: what differs, where (evidence spans in each article) and how much it matters."""

    id: str
    kind: str
    code: str
    severity: str
    evidence: tuple[Span, ...]
    message: str
    group: str | None = None
    confidence: float = 1.0
    fingerprint: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}; expected one of {KINDS}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}; expected one of {SEVERITIES}")
        if not self.code.startswith(self.kind + "."):
            raise ValueError(f"code {self.code!r} does not belong to kind {self.kind!r}")
        if not self.evidence:
            raise ValueError("a divergence needs at least one evidence span")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "code": self.code,
            "severity": self.severity,
            "evidence": [e.to_dict() for e in self.evidence],
            "message": self.message,
            "confidence": round(self.confidence, 4),
        }
        if self.group is not None:
            out["group"] = self.group
        if self.fingerprint:
            out["fingerprint"] = self.fingerprint
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Divergence:
        return cls(
            id=data["id"],
            kind=data["kind"],
            code=data.get("code", data["kind"] + ".other"),
            severity=data["severity"],
            evidence=tuple(Span.from_dict(e) for e in data["evidence"]),
            message=data.get("message", ""),
            group=data.get("group"),
            confidence=float(data.get("confidence", 1.0)),
            fingerprint=data.get("fingerprint", ""),
        )


@dataclass(frozen=True)
class Signature:
    """How a report was made, printed with it (after sacrebleu's signatures)."""

    version: str
    model: str
    model_sha256: str
    thresholds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tool": "divergence",
            "version": self.version,
            "model": self.model,
            "model_sha256": self.model_sha256,
            "thresholds": dict(sorted(self.thresholds.items())),
        }

    def __str__(self) -> str:
        knobs = "|".join(f"{k}:{v:g}" for k, v in sorted(self.thresholds.items()))
        return f"divergence:{self.version}|model:{self.model}|sha:{self.model_sha256[:12]}|{knobs}"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Signature:
        return cls(
            data.get("version", "?"),
            data.get("model", "?"),
            data.get("model_sha256", ""),
            dict(data.get("thresholds", {})),
        )


@dataclass(frozen=True)
class Report:
    """The result of a comparison: articles, aligned groups and divergences (most severe first)."""

    articles: tuple[Article, ...]
    groups: tuple[Group, ...]
    divergences: tuple[Divergence, ...]
    signature: Signature | None = None
    notes: tuple[str, ...] = ()

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "articles": [a.to_dict() for a in self.articles],
            "groups": [g.to_dict() for g in self.groups],
            "divergences": [d.to_dict() for d in self.divergences],
        }
        if self.signature is not None:
            out["signature"] = self.signature.to_dict()
        if self.notes:
            out["notes"] = list(self.notes)
        return out

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, sort_keys=False) + "\n"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        if data.get("schema") != SCHEMA:
            raise ValueError(f"expected schema {SCHEMA!r}, found {data.get('schema')!r}")
        sig = data.get("signature")
        return cls(
            articles=tuple(Article.from_dict(a) for a in data["articles"]),
            groups=tuple(Group.from_dict(g) for g in data["groups"]),
            divergences=tuple(Divergence.from_dict(d) for d in data["divergences"]),
            signature=Signature.from_dict(sig) if sig else None,
            notes=tuple(data.get("notes", ())),
        )

    @classmethod
    def from_json(cls, text: str) -> Report:
        return cls.from_dict(json.loads(text))

    def counts(self) -> dict[str, dict[str, int]]:
        """Count divergences by kind and by severity."""
        by_kind = {k: 0 for k in KINDS}
        by_severity = {s: 0 for s in SEVERITIES}
        for d in self.divergences:
            by_kind[d.kind] += 1
            by_severity[d.severity] += 1
        return {"kind": by_kind, "severity": by_severity}
