"""The CLI edge: exit codes, one-line errors, formats, atomic output. Every command documented."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from divergence.cli import app, main

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "divergence", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        timeout=300,
    )


BAD = [
    # (files to create, expected fragment in the one-line error)
    ({"a.txt": "Some text here.", "b.txt": ""}, "b.txt"),
    ({"a.txt": "Some text here.", "b.txt": "   \n\t\n"}, "b.txt"),
    ({"a.txt": "Some text here.", "b.pdf": b"%PDF-1.4 binary\x00\x01"}, "b.pdf"),
    ({"a.txt": "Some text here.", "b.txt": b"caf\xe9 au lait"}, "b.txt"),
]


@pytest.mark.parametrize(("files", "fragment"), BAD)
def test_bad_input_exit_2_one_line(tmp_path: Path, files: dict, fragment: str) -> None:
    paths = []
    for name, content in files.items():
        p = tmp_path / name
        p.write_bytes(content if isinstance(content, bytes) else content.encode())
        paths.append(str(p))
    before = {p: Path(p).read_bytes() for p in paths}
    proc = run("compare", *paths, "--no-cache")
    assert proc.returncode == 2
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and fragment in lines[0] and "Traceback" not in proc.stderr
    assert {p: Path(p).read_bytes() for p in paths} == before


def test_missing_file(tmp_path: Path) -> None:
    proc = run("compare", str(tmp_path / "nope.txt"), str(tmp_path / "nope2.txt"))
    assert proc.returncode == 2 and "nope.txt" in proc.stderr and "Traceback" not in proc.stderr


def test_one_article_is_a_usage_error(seed_paths: list[str]) -> None:
    proc = run("compare", seed_paths[0])
    assert proc.returncode == 2 and "at least two articles" in proc.stderr


def test_unknown_option_is_usage_error() -> None:
    proc = run("compare", "--bogus")
    assert proc.returncode == 2


@pytest.mark.model
def test_formats_and_atomic_output(tmp_path: Path, seed_paths: list[str], seeds_report) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.json"
    assert main(["compare", *seed_paths[:2], "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["schema"] == "divergence.report/1"
    assert not list(tmp_path.glob(".*.tmp"))
    md = tmp_path / "r.md"
    assert main(["compare", *seed_paths[:2], "-o", str(md)]) == 0
    assert md.read_text().startswith("# Divergence report")


@pytest.mark.model
def test_text_output_fits_100_columns_and_no_color(
    seed_paths: list[str], monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["compare", *seed_paths]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" not in out
    assert max(len(line) for line in out.splitlines()) <= 100


@pytest.mark.model
def test_fail_on_exit_code(seed_paths: list[str]) -> None:
    assert (
        main(["compare", *seed_paths, "--fail-on", "low", "-o", "/dev/null", "--format", "json"])
        == 1
    )
    assert (
        main(["compare", seed_paths[0], seed_paths[0], "--fail-on", "low", "-o", "/dev/null"]) == 0
    )


def test_every_command_is_documented() -> None:
    import typer.main

    group = typer.main.get_command(app)
    readme = (ROOT / "README.md").read_text()
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, f"command {name} has no help"
        assert f"divergence {name}" in readme, f"command {name} is not in the README"
