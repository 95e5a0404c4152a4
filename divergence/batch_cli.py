"""``divergence batch ARCHIVE.jsonl``: stories → one report each, an index, outlet aggregates."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from divergence.cli_options import ModelOption, ProgressOption


def register(app: typer.Typer) -> None:
    """Add the ``batch`` command to the CLI."""

    @app.command()
    def batch(
        archive: Annotated[
            Path,
            typer.Argument(
                help="JSON Lines: one article a line (id, outlet, title, published, url, text)."
            ),
        ],
        out: Annotated[
            Path,
            typer.Option(
                "--out", "-o", help="Output folder: index.html/json, outlets.json/md, stories/."
            ),
        ] = Path("batch-out"),
        engine: Annotated[
            str,
            typer.Option(
                help="local (this process) or ray (Ray Data; pip install 'divergence[ray]')."
            ),
        ] = "local",
        address: Annotated[
            str | None, typer.Option(help="Ray cluster address (default: start a local Ray).")
        ] = None,
        model: ModelOption = None,
        progress: ProgressOption = None,
    ) -> None:
        """Group an archive into stories and report how outlets diverge on each."""
        from divergence.batch import run_batch

        summary = run_batch(
            archive, out, engine=engine, address=address, model=model,
            progress=sys.stderr.isatty() if progress is None else progress,
            warn=lambda m: print(f"divergence: warning: {m}", file=sys.stderr),
        )  # fmt: skip
        print(f"divergence: {summary.line()}", file=sys.stderr)
