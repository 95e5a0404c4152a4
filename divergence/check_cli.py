"""``divergence check`` and ``divergence index``: the CI edge over ``index``, ``check`` and renderers.

Settings come from flags, else ``[tool.divergence]`` in the nearest pyproject.toml, else
defaults. Errors are ``DivergenceError``s; ``cli.main`` turns them into exit code 2.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from divergence.cli_options import ModelOption, OutputOption
from divergence.errors import IndexMismatchError, UsageError

DEFAULT_INDEX = Path(".divergence-index")


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


def register(app: typer.Typer) -> None:
    """Add the ``check`` and ``index`` commands to the CLI."""
    app.command("check")(check)
    app.command("index")(index)


def check(
    new: Annotated[
        list[str],
        typer.Argument(help="The new article(s) to check: files, folders, or - for stdin."),
    ],
    against: Annotated[
        list[str] | None,
        typer.Option("--against", "-a", help="Existing coverage: files or folders (repeatable)."),
    ] = None,
    source: Annotated[
        Path | None,
        typer.Option(
            "--source",
            "-s",
            help="Primary source (transcript or statement, a text file): verify every quote against it.",
        ),
    ] = None,
    index_dir: Annotated[
        Path | None,
        typer.Option(
            "--index",
            help="Index folder of the coverage (built by `divergence index`); updated from --against when both are given.",
        ),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            help="Exit 1 when a finding is at or above this severity: info, low, medium, high, never (default: high)."
        ),
    ] = None,
    fail_on_kind: Annotated[
        list[str] | None,
        typer.Option(
            help="Threshold for one kind or code, KIND=SEVERITY, e.g. quote=medium (repeatable)."
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(help="Accepted findings (by content fingerprint): they never fail the check."),
    ] = None,
    write_baseline: Annotated[
        Path | None, typer.Option(help="Write every finding of this run to this baseline file.")
    ] = None,
    fmt: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format", "-f", help="Output: text, json, github, sarif or junit (default: text)."
        ),
    ] = None,
    output: OutputOption = None,
    model: ModelOption = None,
    match_cosine: Annotated[
        float,
        typer.Option(
            help="Cosine at which a new sentence matches an indexed one (selects the related articles)."
        ),
    ] = 0.67,
    max_related: Annotated[
        int, typer.Option(help="Compare with at most this many related articles.")
    ] = 8,
) -> None:
    """Check new articles against the existing coverage (and a primary source); exit 1 on serious divergences."""
    from divergence import check as policy_mod
    from divergence.config_file import load_settings

    cfg = load_settings()
    policy = policy_mod.Policy(
        policy_mod.parse_severity(fail_on) if fail_on else cfg.fail_on or "high",
        {**cfg.fail_on_kind, **policy_mod.parse_kind_thresholds(fail_on_kind or [])},
    )
    chosen = fmt.value if fmt else cfg.format or "text"
    baseline_path = baseline or cfg.baseline
    prior = (
        policy_mod.load_baseline(_read(baseline_path), str(baseline_path))
        if baseline_path
        else None
    )
    reports, files = run_check(
        new, [Path(a) for a in against] if against else list(cfg.against), source or cfg.source,
        index_dir or cfg.index, model=model, match_cosine=match_cosine, max_related=max_related,
    )  # fmt: skip
    result = policy_mod.evaluate(reports, policy, prior)
    emit(result, files, chosen, output)
    if write_baseline:
        from divergence.io_utils import atomic_write_text

        atomic_write_text(write_baseline, policy_mod.dump_baseline(reports, prior))
    for e in result.stale:
        _err(
            f"warning: baseline entry {e.fingerprint} ({e.code}) is no longer found; remove it from {baseline_path}"
        )
    raise typer.Exit(result.exit_code)


def index(
    paths: Annotated[
        list[str], typer.Argument(help="Folders (or files) of the existing coverage.")
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Index folder to create or update.")
    ] = DEFAULT_INDEX,
    model: ModelOption = None,
    rebuild: Annotated[
        bool,
        typer.Option(
            "--rebuild",
            help="Start afresh when the existing index is corrupt or from another model.",
        ),
    ] = False,
) -> None:
    """Build or update (incrementally) the index of the existing coverage."""
    from divergence.index import UpdateStats, index_size

    stats = UpdateStats()
    idx = open_index(
        out, [Path(p) for p in paths], model=model, rebuild=rebuild, stats=stats, progress=True
    )
    _err(
        f"indexed {len(idx.entries)} articles, {idx.n_sentences} sentences → {out} "
        f"({index_size(out) / 1e6:.1f} MB): {stats.added} new or changed, {stats.reused} reused, "
        f"{stats.removed} removed; {stats.embedded_sentences} sentences embedded in {stats.seconds:.1f} s"
    )


# ------------------------------------------------------------------------- helpers


def _err(message: str) -> None:
    print(f"divergence: {message}", file=sys.stderr)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot read ({exc.strerror or exc})") from None


def open_index(
    folder: Path,
    sources: Sequence[Path],
    *,
    model: str | None = None,
    rebuild: bool = False,
    stats: Any = None,
    progress: bool = False,
) -> Any:
    """Load the index in ``folder``, updated from ``sources`` (and saved) when any are given."""
    from divergence.cli import embedding_progress
    from divergence.index import (
        IndexCorruptError,
        index_exists,
        load_index,
        save_index,
        sources_from_paths,
        update_index,
    )
    from divergence.pipeline import get_embedder

    embedder = get_embedder(model)
    previous = None
    if index_exists(folder):
        try:
            previous = load_index(folder, model_sha256=embedder.sha256, model=embedder.name)
        except (IndexCorruptError, IndexMismatchError) as exc:
            if not rebuild:
                raise
            _err(f"warning: {exc}; rebuilding")
    if not sources:
        if previous is None:
            raise UsageError(
                f"{folder}: no index there; build one with `divergence index DIR --out {folder}`"
            )
        return previous
    found = sources_from_paths(sources, warn=lambda m: _err(f"warning: {m}"))
    with embedding_progress(progress and sys.stderr.isatty()) as on_progress:
        idx = update_index(previous, found, embedder, progress=on_progress, stats=stats)
    save_index(idx, folder)
    return idx


def run_check(
    new: Sequence[str],
    against: Sequence[Path],
    source: Path | None,
    index_dir: Path | None,
    *,
    model: str | None = None,
    match_cosine: float = 0.67,
    max_related: int = 8,
) -> tuple[list[Any], dict[str, Any]]:
    """Load inputs, open the coverage index, check each new article: ``(reports, files)``."""
    from divergence.check import FileRef
    from divergence.config import DEFAULTS
    from divergence.embed import EmbeddingCache
    from divergence.index import check_article, sources_from_paths, update_index
    from divergence.ingest import load_articles
    from divergence.pipeline import get_embedder

    if not against and index_dir is None:
        raise UsageError(
            "nothing to check against: give --against PATHS or --index DIR (or set them in [tool.divergence])"
        )
    warn = lambda m: _err(f"warning: {m}")  # noqa: E731
    embedder = get_embedder(model)
    if index_dir is not None:
        idx = open_index(index_dir, against, model=model)
    else:
        idx = update_index(
            None, sources_from_paths(against, warn), embedder, cache=EmbeddingCache(warn=warn)
        )
    files: dict[str, FileRef] = {}
    new_articles = load_articles(list(new), warn=warn)
    src = load_articles([str(source)])[0] if source else None
    if src is not None:
        files[src.id] = _file_ref(src)
    reports = []
    for article in new_articles:
        report = check_article(
            article,
            idx,
            embedder,
            DEFAULTS,
            source=src,
            max_related=max_related,
            match_cosine=match_cosine,
            warn=warn,
        )
        reports.append(report)
        files[report.articles[0].id] = _file_ref(article)
        for a in report.articles[1:]:
            files.setdefault(a.id, FileRef(a.path or a.id))
    return reports, files


def _file_ref(article: Any) -> Any:
    from divergence.check import FileRef, LineMap
    from divergence.ingest.read import decode, read_bytes

    if not article.path or not Path(article.path).is_file():
        return FileRef(article.path or article.id)
    try:
        text = decode(read_bytes(Path(article.path), article.path), article.path, html=True)
    except Exception:  # the article loaded, so this cannot fail short of a race
        return FileRef(article.path)
    return FileRef(article.path, LineMap.locate(text, article.text))


def emit(result: Any, files: dict[str, Any], fmt: str, output: Path | None) -> None:
    """Render ``result`` in ``fmt`` and write it (the GitHub step summary to its own file)."""
    from divergence.check import render_text
    from divergence.cli import write_output

    if fmt == "json":
        text = result.to_json()
    elif fmt == "sarif":
        from divergence.render.sarif import render_sarif

        text = render_sarif(result, files)
    elif fmt == "junit":
        from divergence.render.junit import render_junit

        text = render_junit(result, files)
    elif fmt == "github":
        from divergence.render.github import render_annotations, render_summary

        text = render_annotations(result, files)
        summary = render_summary(result, files)
        step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if step_summary:
            with open(step_summary, "a", encoding="utf-8") as fh:
                fh.write(summary)
        else:
            text += summary
    else:
        text = render_text(result, files)
    write_output(output, text)
