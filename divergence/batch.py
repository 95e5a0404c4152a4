"""Batch mode: an archive → stories → one report per story, an index and outlet aggregates.

``run_batch(archive, out_dir)`` loads a JSON Lines archive, embeds each article's title and
lead, groups articles into stories (``divergence.stories``), analyses every story that has
two outlets or more with the same pipeline as ``compare`` and writes, atomically::

    OUT/index.json, OUT/index.html     the stories, their outlets and counts by kind
    OUT/outlets.json, OUT/outlets.md   how often each outlet differs, per story it appears in
    OUT/stories/<story-id>.json        the report (divergence.report/1); .html when available
    OUT/manifest.json                  input hash per story: a second run skips what is done

Two engines give byte-identical files: ``local`` (this process) and ``ray`` (Ray Data actors
embed, ``@ray.remote`` tasks analyse). Both embed the same fixed chunks of texts with the same
encode call, and both analyse a story with the same function on the same input.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from divergence import __version__
from divergence.config import DEFAULTS, Settings
from divergence.errors import DivergenceError, UsageError
from divergence.io_utils import atomic_write_text
from divergence.types import KINDS, Article, Report

INDEX_SCHEMA = "divergence.batch/1"
EMBED_CHUNK = 64  # texts per encode call; both engines use exactly these chunks
LEAD_CHARS = 2000  # the lead is found in the first characters only (segmenting is slow)
ENGINES = ("local", "ray")


class RayMissingError(DivergenceError):
    """``--engine ray`` without Ray installed."""


@dataclass(frozen=True)
class StoryOptions:
    """How articles are grouped into stories; recorded in index.json's signature."""

    max_distance: float = 0.60
    window_days: int = 3
    lexical_weight: float = 0.5
    min_copy_jaccard: float = 0.80
    lead_sentences: int = 2

    def to_dict(self) -> dict[str, float]:
        return {
            "lead_sentences": float(self.lead_sentences),
            "lexical_weight": self.lexical_weight,
            "max_distance": self.max_distance,
            "min_copy_jaccard": self.min_copy_jaccard,
            "window_days": float(self.window_days),
        }


@dataclass
class BatchSummary:
    """What a run did (printed at the end; not written, so outputs stay deterministic)."""

    out_dir: Path
    engine: str
    articles: int = 0
    syndicated: int = 0
    stories: int = 0
    analysed: int = 0
    resumed: int = 0
    findings: int = 0
    failed: int = 0
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        return (
            f"{self.stories} stories ({self.analysed} analysed, {self.resumed} resumed, "
            f"{self.failed} failed) from "
            f"{self.articles} articles ({self.syndicated} wire copies); {self.findings} findings; "
            f"{self.seconds:.1f} s ({rate:.1f} articles/s, engine {self.engine}) → {self.out_dir}"
        )


# --- progress -------------------------------------------------------------------------


class _Bars:
    """Rich progress bars on stderr, or nothing."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._progress: Any = None

    def __enter__(self) -> _Bars:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                TextColumn("{task.description:<18}"), BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), console=Console(file=sys.stderr), transient=False,
            )  # fmt: skip
            self._progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)

    def task(self, description: str, total: int) -> Callable[[int], None]:
        """Add a bar; return ``advance(n)``."""
        if self._progress is None:
            return lambda n: None
        tid = self._progress.add_task(description, total=total)
        return lambda n: self._progress.advance(tid, n)


# --- pure helpers shared by both engines ----------------------------------------------


def chunks(items: Sequence[Any], size: int = EMBED_CHUNK) -> list[list[Any]]:
    """Split ``items`` into consecutive lists of ``size`` (the last may be shorter).

    >>> chunks([1, 2, 3], 2)
    [[1, 2], [3]]
    """
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def lead_texts(articles: Sequence[Article], n: int) -> list[str]:
    """Return each article's title and first ``n`` sentences (the story clustering input)."""
    from divergence.segment import segment
    from divergence.stories import lead_text

    out = []
    for a in articles:
        head = Article(a.id, a.text[:LEAD_CHARS], skipped=_clip(a.skipped, LEAD_CHARS))
        out.append(lead_text(a.title, [s.text for s in segment(head)[: n + 2]], n))
    return out


def _clip(ranges: tuple[tuple[int, int], ...], limit: int) -> tuple[tuple[int, int], ...]:
    return tuple((s, min(e, limit)) for s, e in ranges if s < limit)


def outlet_key(article: Article) -> str:
    """The outlet an article stands for; an article of unknown outlet is its own outlet."""
    return article.outlet if article.outlet else f"(unknown: {article.id})"


def embed_chunk(model: str | None, backend: str, texts: list[str]) -> np.ndarray:
    """Embed one chunk with the process-wide embedder (the unit both engines share)."""
    from divergence.pipeline import get_embedder

    return get_embedder(model, "cpu", backend).encode(texts)


def analyse_story(payload: dict[str, Any]) -> dict[str, Any]:
    """Analyse one story; return its report as JSON text (and HTML when asked).

    ``payload`` holds plain data only (articles as dicts, settings, model), so that a Ray
    task and this process run exactly the same computation.
    """
    from divergence.pipeline import analyse, get_embedder

    articles = [Article.from_dict(a) for a in payload["articles"]]
    settings = DEFAULTS.with_options(**payload["settings"])
    embedder = get_embedder(payload["model"], "cpu", payload["backend"])
    try:
        report = analyse(articles, embedder, None, settings)
    except Exception as exc:  # one story's failure is recorded; the batch goes on
        return {"id": payload["id"], "error": f"{type(exc).__name__}: {exc}", "json": None}
    if payload["copies"]:
        report = replace(report, notes=report.notes + tuple(payload["copies"]))
    out = {"id": payload["id"], "json": report.to_json(), "html": None}
    if payload["html"]:
        from divergence.render.html import render_html

        out["html"] = render_html(report)
    return out


def html_available() -> bool:
    try:
        from divergence.render.html import render_html  # noqa: F401
    except ImportError:
        return False
    return True


# --- engines --------------------------------------------------------------------------


class LocalEngine:
    """Everything in this process, in order."""

    name = "local"

    def __init__(self, model: str | None, backend: str):
        self.model, self.backend = model, backend

    def embed(self, texts: Sequence[str], advance: Callable[[int], None]) -> np.ndarray:
        parts = []
        for chunk in chunks(texts):
            parts.append(embed_chunk(self.model, self.backend, chunk))
            advance(len(chunk))
        return _stack(parts)

    def analyse(self, payloads: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for p in payloads:
            yield analyse_story(p)

    def close(self) -> None:
        pass


class _EmbedActor:
    """Ray Data actor: loads the model once in ``__init__``, embeds one chunk per row."""

    def __init__(self, model: str | None, backend: str):
        from divergence.pipeline import get_embedder

        get_embedder(model, "cpu", backend)
        self.model, self.backend = model, backend

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, Any]:
        out_k, out_v = [], []
        for k, texts in zip(batch["k"], batch["texts"], strict=True):
            vectors = embed_chunk(self.model, self.backend, [str(t) for t in texts])
            out_k.append(int(k))
            out_v.append(np.ascontiguousarray(vectors, dtype=np.float32).tobytes())
        return {"k": np.array(out_k, dtype=np.int64), "vectors": np.array(out_v, dtype=object)}


class RayEngine:
    """Ray Data actors embed the chunks; one ``@ray.remote`` task analyses each story."""

    name = "ray"

    def __init__(
        self, model: str | None, backend: str, address: str | None, concurrency: int | None
    ):
        try:
            import ray
        except ImportError as exc:
            raise RayMissingError(
                "--engine ray needs Ray: install divergence[ray] (pip install 'ray[data]>=2.9')"
            ) from exc
        self.ray = ray
        self.model, self.backend = model, backend
        self.started = False
        if not ray.is_initialized():
            root = str(Path(__file__).resolve().parent.parent)
            env = {
                "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p),
                "HF_HUB_OFFLINE": "1",
                "TRANSFORMERS_OFFLINE": "1",
                "TOKENIZERS_PARALLELISM": "false",
            }
            ray.init(
                address=address, include_dashboard=False, log_to_driver=False,
                runtime_env={"env_vars": env}, logging_level=logging.WARNING,
            )  # fmt: skip
            self.started = True
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.concurrency = max(1, concurrency or cpus)
        self._remote = ray.remote(num_cpus=1)(analyse_story)

    def embed(self, texts: Sequence[str], advance: Callable[[int], None]) -> np.ndarray:
        import ray.data

        ctx = ray.data.DataContext.get_current()
        ctx.enable_progress_bars = False
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        ctx.execution_options.preserve_order = True
        parts = chunks(texts)
        if not parts:
            return np.zeros((0, 384), np.float32)
        items = ray.data.from_items([{"k": k, "texts": c} for k, c in enumerate(parts)])
        ds = items.map_batches(
            _EmbedActor,
            fn_constructor_kwargs={"model": self.model, "backend": self.backend},
            compute=ray.data.ActorPoolStrategy(size=min(self.concurrency, len(parts))),
            batch_size=1,
            num_cpus=1,
            batch_format="numpy",
        )
        got: dict[int, np.ndarray] = {}
        for row in ds.iter_rows():
            k = int(row["k"])
            got[k] = np.frombuffer(row["vectors"], dtype=np.float32).reshape(len(parts[k]), -1)
            advance(len(parts[k]))
        return _stack([got[k] for k in range(len(parts))])

    def analyse(self, payloads: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        pending = [self._remote.remote(p) for p in payloads]
        while pending:
            done, pending = self.ray.wait(pending, num_returns=1)
            yield from self.ray.get(done)

    def close(self) -> None:
        if self.started:
            self.ray.shutdown()


def _stack(parts: list[np.ndarray]) -> np.ndarray:
    parts = [p for p in parts if len(p)]
    return np.vstack(parts).astype(np.float32) if parts else np.zeros((0, 384), np.float32)


def make_engine(
    engine: str,
    model: str | None,
    backend: str,
    address: str | None = None,
    concurrency: int | None = None,
) -> LocalEngine | RayEngine:
    if engine == "local":
        if address:
            raise UsageError("--address only applies to --engine ray")
        return LocalEngine(model, backend)
    if engine == "ray":
        return RayEngine(model, backend, address, concurrency)
    raise UsageError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")


# --- the run --------------------------------------------------------------------------


def run_batch(
    archive: str | Path,
    out_dir: str | Path,
    *,
    engine: str = "local",
    address: str | None = None,
    concurrency: int | None = None,
    model: str | None = None,
    backend: str = "torch",
    story_options: StoryOptions | None = None,
    settings: Settings = DEFAULTS,
    html: bool | None = None,
    progress: bool = False,
    warn: Callable[[str], None] | None = None,
) -> BatchSummary:
    """Group an archive's articles into stories, analyse each, write reports and an index."""
    from divergence.ingest import load_articles
    from divergence.stories import group_stories

    t_start = time.perf_counter()
    opts = story_options or StoryOptions()
    out = Path(out_dir)
    summary = BatchSummary(out, engine)
    archive = Path(archive)
    if archive.is_dir():
        raise UsageError(f"{archive}: expected a JSON Lines archive file, found a directory")
    # Identical texts are expected in an archive (wire copies): they are reported as such.
    articles = load_articles([archive], warn=lambda m: _quiet_copies(m, warn))
    if not articles:
        raise UsageError(f"{archive}: no articles in the archive")
    summary.articles = len(articles)
    with_html = html_available() if html is None else html
    runner = make_engine(engine, model, backend, address, concurrency)
    try:
        with _Bars(progress) as bars:
            t0 = time.perf_counter()
            leads = lead_texts(articles, opts.lead_sentences)
            vectors = runner.embed(leads, bars.task("embedding leads", len(leads)))
            summary.stages["embed_leads"] = time.perf_counter() - t0

            t0 = time.perf_counter()
            stories, copy_of = group_stories(
                [a.id for a in articles], vectors, [a.text for a in articles],
                [a.published for a in articles], max_distance=opts.max_distance,
                window_days=opts.window_days, min_copy_jaccard=opts.min_copy_jaccard,
                lexical_weight=opts.lexical_weight,
            )  # fmt: skip
            summary.stages["cluster"] = time.perf_counter() - t0
            summary.stories = len(stories)
            summary.syndicated = sum(c is not None for c in copy_of)

            manifest = _read_manifest(out / "manifest.json")
            entries, payloads, done = [], [], {}
            for story in stories:
                entry = _story_entry(story, articles, copy_of)
                entries.append(entry)
                if not entry["analysed"]:
                    continue
                payload = _payload(story, articles, copy_of, settings, model, backend, with_html)
                digest = _input_hash(payload, opts)
                entry["input"] = digest
                json_path = out / "stories" / f"{story.id}.json"
                if (
                    manifest.get(story.id, {}).get("input") == digest
                    and json_path.is_file()
                    and (not with_html or json_path.with_suffix(".html").is_file())
                ):
                    try:
                        done[story.id] = Report.from_json(json_path.read_text(encoding="utf-8"))
                        summary.resumed += 1
                        continue
                    except (OSError, ValueError, KeyError):
                        pass  # unreadable: analyse again
                payloads.append(payload)

            digests = {e["id"]: e["input"] for e in entries if "input" in e}
            failed: dict[str, str] = {}
            t0 = time.perf_counter()
            advance = bars.task("analysing stories", len(payloads))
            last_manifest = time.monotonic()
            try:
                for result in runner.analyse(payloads):
                    sid = result["id"]
                    if result["json"] is None:
                        failed[sid] = result["error"]
                        if warn:
                            warn(f"story {sid}: analysis failed ({result['error']})")
                        advance(1)
                        continue
                    atomic_write_text(out / "stories" / f"{sid}.json", result["json"])
                    if result["html"] is not None:
                        atomic_write_text(out / "stories" / f"{sid}.html", result["html"])
                    done[sid] = Report.from_json(result["json"])
                    manifest[sid] = {"input": digests[sid]}
                    summary.analysed += 1
                    advance(1)
                    if time.monotonic() - last_manifest > 2.0:  # cheap insurance
                        _write_manifest(out / "manifest.json", manifest)
                        last_manifest = time.monotonic()
            finally:  # interrupted or failed: what is done stays done for the next run
                if summary.analysed:
                    _write_manifest(out / "manifest.json", manifest)
            summary.stages["analyse"] = time.perf_counter() - t0
    finally:
        runner.close()

    for entry in entries:
        entry.pop("input", None)
        report = done.get(entry["id"])
        if entry["id"] in failed:
            entry["error"] = failed[entry["id"]]
            summary.failed += 1
        if report is not None:
            entry["report"] = f"stories/{entry['id']}.json"
            if with_html:
                entry["html"] = f"stories/{entry['id']}.html"
            entry["divergences"] = report.counts()["kind"]
            entry["findings"] = len(report.divergences)
            summary.findings += len(report.divergences)
    index = _index(archive, articles, entries, opts, settings, model, backend)
    outlets = outlet_aggregates(entries, done, articles)
    _write_manifest(
        out / "manifest.json", {e["id"]: manifest[e["id"]] for e in entries if e["id"] in manifest}
    )
    from divergence.render.index_page import render_index, render_outlets_markdown

    atomic_write_text(out / "index.json", _dumps(index))
    atomic_write_text(out / "outlets.json", _dumps(outlets))
    atomic_write_text(out / "outlets.md", render_outlets_markdown(outlets))
    atomic_write_text(out / "index.html", render_index(index, outlets))
    summary.seconds = time.perf_counter() - t_start
    return summary


def _quiet_copies(message: str, warn: Callable[[str], None] | None) -> None:
    if ": same text as " in message:
        return
    if warn is not None:
        warn(message)
    else:
        import warnings

        warnings.warn(message, stacklevel=3)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _story_entry(
    story: Any, articles: Sequence[Article], copy_of: Sequence[int | None]
) -> dict[str, Any]:
    kept = [articles[i] for i in story.analysed]
    outlets = sorted({outlet_key(a) for a in kept})
    members = []
    for i in story.members:
        a = articles[i]
        m: dict[str, Any] = {"id": a.id}
        for key in ("outlet", "title", "published", "url"):
            if getattr(a, key) is not None:
                m[key] = getattr(a, key)
        if copy_of[i] is not None:
            m["syndicated_of"] = articles[copy_of[i]].id  # type: ignore[index]
        members.append(m)
    entry: dict[str, Any] = {
        "id": story.id,
        "title": next((a.title for a in kept if a.title), kept[0].id),
        "published": min((a.published for a in kept if a.published), default=None),
        "articles": len(story.members),
        "syndicated": len(story.members) - len(story.analysed),
        "outlets": outlets,
        "analysed": len(kept) >= 2 and len(outlets) >= 2,
        "members": members,
    }
    if not entry["analysed"]:
        entry["reason"] = "one article" if len(kept) < 2 else "one outlet"
    return entry


def _payload(
    story: Any, articles: Sequence[Article], copy_of: Sequence[int | None], settings: Settings,
    model: str | None, backend: str, with_html: bool,
) -> dict[str, Any]:  # fmt: skip
    copies = [
        f"{articles[i].id}: wire copy of {articles[copy_of[i]].id} (listed, not analysed)"  # type: ignore[index]
        for i in story.members
        if copy_of[i] is not None
    ]
    return {
        "id": story.id,
        "articles": [articles[i].to_dict() for i in story.analysed],
        "copies": copies,
        "settings": asdict(settings),
        "model": model,
        "backend": backend,
        "html": with_html,
    }


def _input_hash(payload: dict[str, Any], opts: StoryOptions) -> str:
    data = {"version": __version__, "payload": payload, "stories": opts.to_dict()}
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _read_manifest(path: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    stories = data.get("stories") if isinstance(data, dict) else None
    return dict(stories) if isinstance(stories, dict) else {}


def _write_manifest(path: Path, stories: dict[str, dict[str, str]]) -> None:
    atomic_write_text(
        path, _dumps({"schema": "divergence.manifest/1", "stories": dict(sorted(stories.items()))})
    )


def _file_sha256(path: Path) -> str:
    from divergence.embed import file_sha256

    return file_sha256(path)


def _index(
    archive: Path, articles: Sequence[Article], entries: list[dict[str, Any]], opts: StoryOptions,
    settings: Settings, model: str | None, backend: str,
) -> dict[str, Any]:  # fmt: skip
    from divergence.config import MODEL_NAME

    totals = {k: 0 for k in KINDS}
    for e in entries:
        for k, n in e.get("divergences", {}).items():
            totals[k] += n
    return {
        "schema": INDEX_SCHEMA,
        "archive": {
            "name": archive.name,
            "sha256": _file_sha256(archive),
            "articles": len(articles),
        },
        "signature": {
            "tool": "divergence",
            "version": __version__,
            "model": model or MODEL_NAME,
            "backend": backend,
            "stories": opts.to_dict(),
            "thresholds": dict(sorted(settings.thresholds().items())),
        },
        "totals": {
            "stories": len(entries),
            "analysed": sum(e["analysed"] for e in entries),
            "failed": sum("error" in e for e in entries),
            "articles": len(articles),
            "syndicated": sum(e["syndicated"] for e in entries),
            "divergences": totals,
        },
        "stories": entries,
    }


def outlet_aggregates(
    entries: list[dict[str, Any]], reports: dict[str, Report], articles: Sequence[Article]
) -> dict[str, Any]:
    """Count, per outlet, findings whose evidence involves it, per analysed story it appears in.

    ``omits`` counts omission findings of a story whose evidence does not involve the outlet
    (the others carry content it lacks); ``unique`` those whose evidence does.
    """
    stats: dict[str, dict[str, Any]] = {}
    for entry in entries:
        report = reports.get(entry["id"])
        if report is None:
            continue
        outlet_of = {a.id: outlet_key(a) for a in report.articles}
        for name in sorted(set(outlet_of.values())):
            s = stats.setdefault(
                name,
                {
                    "outlet": name,
                    "stories": 0,
                    "articles": 0,
                    "findings": {k: 0 for k in KINDS},
                    "omits": 0,
                },
            )
            s["stories"] += 1
        for a in report.articles:
            stats[outlet_of[a.id]]["articles"] += 1
        for d in report.divergences:
            involved = {outlet_of[e.article] for e in d.evidence if e.article in outlet_of}
            for name in involved:
                stats[name]["findings"][d.kind] += 1
            if d.kind == "omission":
                for name in set(outlet_of.values()) - involved:
                    stats[name]["omits"] += 1
    rows = []
    for name in sorted(stats, key=lambda n: (-stats[n]["stories"], n)):
        s = stats[name]
        n = s["stories"]
        rows.append(
            {
                "outlet": name,
                "stories": n,
                "articles": s["articles"],
                "findings": s["findings"],
                "per_story": {k: round(v / n, 4) for k, v in s["findings"].items()},
                "omits": s["omits"],
                "omits_per_story": round(s["omits"] / n, 4),
            }
        )
    return {"schema": "divergence.outlets/1", "outlets": rows}
