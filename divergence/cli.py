"""Command line: parse → compare → render → write/exit. Errors become exit codes only here.

Exit codes: 0 ok, 1 divergences at or above ``--fail-on``, 2 bad input or usage,
3 internal error (one line; DIVERGENCE_DEBUG=1 shows the traceback), 130 interrupted.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from divergence.cli_options import ModelOption, OutputOption, ProgressOption
from divergence.errors import DivergenceError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Align news articles on the same event and report how they diverge.",
)


class Format(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"


class SeverityOpt(StrEnum):
    info = "info"
    low = "low"
    medium = "medium"
    high = "high"


@app.callback()
def _group() -> None:
    """Align news articles on the same event and report how they diverge."""


_EXT_FORMAT = {
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
}


def err(message: str) -> None:
    """Print one line to stderr."""
    print(f"divergence: {message}", file=sys.stderr)


def write_output(path: Path | None, content: str) -> None:
    """Write ``content`` to ``path`` atomically (temp file + rename), or to stdout."""
    if path is None or str(path) == "-":
        sys.stdout.write(content)
        sys.stdout.flush()
        return
    from divergence.io_utils import atomic_write_text

    atomic_write_text(path, content)


@contextlib.contextmanager
def embedding_progress(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """Yield a progress callback that drives a rich bar on stderr (or None when disabled)."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=sys.stderr)
    with Progress(
        TextColumn("embedding"), BarColumn(), MofNCompleteColumn(), TextColumn("sentences"),
        TimeElapsedColumn(), console=console, transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("embed", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def render(report: Any, fmt: str, *, min_severity: str = "info", color: bool | None = None) -> str:
    if fmt == "json":
        return report.to_json()
    if fmt == "markdown":
        from divergence.render.markdown import render_markdown

        return render_markdown(report, min_severity=min_severity)
    if fmt == "html":
        from divergence.render.html import render_html

        return render_html(report)
    from divergence.render.text import render_text

    return render_text(report, color=color, min_severity=min_severity)


PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Articles: .txt, .md, .html, .json, .jsonl files, directories, or - for stdin."
    ),
]


@app.command()
def compare(
    paths: PathsArg,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format", "-f", help="Output format (default: from -o's extension, else text)."
        ),
    ] = None,
    output: OutputOption = None,
    model: ModelOption = None,
    device: Annotated[str, typer.Option(help="Torch device for embedding: cpu or cuda.")] = "cpu",
    backend: Annotated[
        str,
        typer.Option(
            help="Embedding backend: torch, onnx (same vectors, faster on CPU) or onnx-int8 (int8 weights, fastest, approximate)."
        ),
    ] = "torch",
    min_similarity: Annotated[
        float | None,
        typer.Option(help="Cosine similarity at which two sentences carry the same content."),
    ] = None,
    min_severity: Annotated[
        SeverityOpt,
        typer.Option(help="Hide findings below this severity in text and Markdown output."),
    ] = SeverityOpt.info,
    fail_on: Annotated[
        SeverityOpt | None, typer.Option(help="Exit 1 when a finding is at or above this severity.")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the embedding cache.")
    ] = False,
    cache_dir: Annotated[
        Path | None, typer.Option(help="Embedding cache directory (default: the user cache dir).")
    ] = None,
    skip_bad: Annotated[
        bool,
        typer.Option("--skip-bad", help="Skip unreadable JSON Lines records instead of failing."),
    ] = False,
    progress: ProgressOption = None,
    color: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color",
            help="Colour in text output (default: when stdout is a terminal and NO_COLOR is unset).",
        ),
    ] = None,
) -> None:
    """Compare articles on the same event and report their divergences."""
    from divergence.ingest import check_lengths, load_articles
    from divergence.pipeline import compare as run_compare

    chosen = (
        fmt.value if fmt else _EXT_FORMAT.get(output.suffix.lower(), "text") if output else "text"
    )
    options: dict[str, Any] = {}
    if min_similarity is not None:
        options["min_similarity"] = min_similarity
    show = sys.stderr.isatty() if progress is None else progress
    warned: set[str] = set()

    def warn(message: str) -> None:
        if message not in warned:  # ingest and the report's notes can say the same thing
            warned.add(message)
            err(f"warning: {message}")

    read: list[str] = []  # what ingest said: it goes into the report's notes too

    def warn_read(message: str) -> None:
        read.append(message)
        warn(message)

    # Loaded here, not by the pipeline, to refuse over-long articles before minutes of work.
    articles = load_articles(paths, skip_bad=skip_bad, warn=warn_read)
    check_lengths(articles)
    with embedding_progress(show) as on_progress:
        report = run_compare(
            articles, model=model, device=device, backend=backend,
            cache=False if no_cache else (cache_dir or True), progress=on_progress,
            warn=warn, **options,
        )  # fmt: skip
    notes = tuple(dict.fromkeys([*read, *report.notes]))  # each once, in order
    report = dataclasses.replace(report, notes=notes)
    for note in notes:  # duplicates, unrelated stories, non-English text
        warn(note)
    if color is None:  # colour for a terminal only, and never under NO_COLOR
        color = output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    write_output(
        output,
        render(report, chosen, min_severity=min_severity.value, color=color and output is None),
    )
    if fail_on is not None:
        from divergence.types import severity_rank

        floor = severity_rank(fail_on.value)
        if any(severity_rank(d.severity) >= floor for d in report.divergences):
            raise typer.Exit(1)


def _register_optional_commands() -> None:
    """Commands that live in their own modules (check, index, batch) register here."""
    for module in ("divergence.check_cli", "divergence.batch_cli"):
        try:
            mod = __import__(module, fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        mod.register(app)


_register_optional_commands()


_INTERRUPTED = 130  # 128 + SIGINT, as shells report it; no command exits with it otherwise


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; library errors become one line on stderr and exit 2, never a traceback."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no "Loading weights" bar
    try:
        rc = app(args=argv, prog_name="divergence", standalone_mode=False)
    except DivergenceError as exc:
        err(f"error: {exc}")
        return exc.exit_code
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except (typer.Abort, KeyboardInterrupt):
        err("interrupted")
        return _INTERRUPTED
    except Exception as exc:  # the parser's usage errors, and the unexpected
        show = getattr(exc, "show", None)
        if callable(show) and hasattr(exc, "exit_code"):  # click's ClickException family
            show()
            return 2
        if os.environ.get("DIVERGENCE_DEBUG"):
            raise
        err(f"internal error: {type(exc).__name__}: {exc} (set DIVERGENCE_DEBUG=1 for a traceback)")
        return 3
    if rc == _INTERRUPTED:  # typer turns KeyboardInterrupt into a silent Exit(130)
        err("interrupted")
    return rc if isinstance(rc, int) else 0


if __name__ == "__main__":
    sys.exit(main())
