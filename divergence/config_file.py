"""Check settings from ``[tool.divergence]`` in the nearest ``pyproject.toml`` (flags win).

Keys: ``fail-on`` (severity), ``fail-on-kind`` (table of kind or code → severity),
``baseline`` (file), ``against`` (path or list of paths), ``source`` (file), ``index``
(folder), ``format`` (text, json, github, sarif, junit). Paths are relative to the
folder holding the ``pyproject.toml``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from divergence.errors import UsageError

FORMATS = ("text", "json", "github", "sarif", "junit")
KEYS = ("fail-on", "fail-on-kind", "baseline", "against", "source", "index", "format")


@dataclass(frozen=True)
class FileSettings:
    """Settings read from a pyproject.toml; ``path`` is the file they came from (or None)."""

    path: Path | None = None
    fail_on: str | None = None
    fail_on_kind: dict[str, str] = field(default_factory=dict)
    baseline: Path | None = None
    against: tuple[Path, ...] = ()
    source: Path | None = None
    index: Path | None = None
    format: str | None = None


def find_pyproject(start: Path | None = None) -> Path | None:
    """Return the nearest ``pyproject.toml`` in ``start`` (default: the cwd) or its parents."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / "pyproject.toml"
        if path.is_file():
            return path
    return None


def load_settings(start: Path | None = None) -> FileSettings:
    """Read ``[tool.divergence]`` from the nearest pyproject.toml; empty settings if none."""
    path = find_pyproject(start)
    if path is None:
        return FileSettings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML ({exc})") from None
    table = data.get("tool", {}).get("divergence")
    if table is None:
        return FileSettings(path)
    return parse_table(table, path)


def parse_table(table: Any, path: Path) -> FileSettings:
    """Validate a ``[tool.divergence]`` table (a dict) read from ``path``."""
    from divergence.check import check_kind, parse_severity

    where = f"{path} [tool.divergence]"
    if not isinstance(table, dict):
        raise UsageError(f"{where}: expected a table")
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise UsageError(
            f"{where}: unknown key(s) {', '.join(unknown)}; expected {', '.join(KEYS)}"
        )
    root = path.parent

    def text(key: str) -> str | None:
        value = table.get(key)
        if value is not None and not isinstance(value, str):
            raise UsageError(f"{where}: {key} must be a string, found {type(value).__name__}")
        return value

    def a_path(key: str) -> Path | None:
        value = text(key)
        return root / value if value else None

    fail_on = text("fail-on")
    if fail_on is not None:
        fail_on = parse_severity(fail_on, f"{where} fail-on")
    kinds_raw = table.get("fail-on-kind", {})
    if not isinstance(kinds_raw, dict):
        raise UsageError(f'{where}: fail-on-kind must be a table like {{ quote = "medium" }}')
    kinds = {}
    for key, value in kinds_raw.items():
        if not isinstance(value, str):
            raise UsageError(f"{where}: fail-on-kind.{key} must be a string")
        kinds[check_kind(key)] = parse_severity(value, f"{where} fail-on-kind.{key}")
    against_raw = table.get("against", [])
    if isinstance(against_raw, str):
        against_raw = [against_raw]
    if not isinstance(against_raw, list) or not all(isinstance(a, str) for a in against_raw):
        raise UsageError(f"{where}: against must be a path or a list of paths")
    fmt = text("format")
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"{where}: format must be one of {', '.join(FORMATS)}, found {fmt!r}")
    return FileSettings(
        path=path,
        fail_on=fail_on,
        fail_on_kind=kinds,
        baseline=a_path("baseline"),
        against=tuple(root / a for a in against_raw),
        source=a_path("source"),
        index=a_path("index"),
        format=fmt,
    )
