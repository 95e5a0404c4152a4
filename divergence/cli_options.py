"""Command-line options shared by compare, check, index and batch (one definition each)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

ModelOption = Annotated[
    str | None,
    typer.Option(
        help="A local sentence-transformers model directory instead of the bundled all-MiniLM-L6-v2."
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the output here (atomically) instead of stdout."),
]
ProgressOption = Annotated[
    bool | None,
    typer.Option(
        "--progress/--no-progress",
        help="Progress bars on stderr (default: when stderr is a terminal).",
    ),
]
