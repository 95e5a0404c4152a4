"""Files, directories, stdin, HTML, Markdown and JSON (Lines) → ``Article``s.

The only code that reads inputs. Every failure is an ``InputError(source, problem)``
naming the file; nothing here writes to, moves or deletes an input.

>>> from divergence.types import Article
>>> [a.id for a in load_articles([Article("a", "x"), Article("a", "y")])]
['a', 'a-2']
"""

from __future__ import annotations

import os
import stat
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from divergence.errors import InputError
from divergence.ingest.boilerplate import boilerplate_ranges
from divergence.ingest.formats import (
    Record,
    parse_html,
    parse_json,
    parse_jsonl,
    parse_markdown,
    parse_text,
)
from divergence.ingest.read import (
    MAX_INPUT_BYTES,
    check_not_empty,
    decode,
    read_bytes,
    read_stream,
    shown,
)
from divergence.io_utils import unique_name
from divergence.types import Article

__all__ = ["FORMATS", "MAX_ARTICLE_CHARS", "MAX_INPUT_BYTES", "check_lengths", "load_articles"]

Warn = Callable[[str], None]

# File extension → format. A file without an extension is plain text.
FORMATS: dict[str, str] = {
    "": "text",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
# Longer articles are refused before analysis: segmenting and detection take about a
# minute per million characters, and a long news feature is under 200,000 characters.
MAX_ARTICLE_CHARS = 1_000_000
STDIN = "-"
STDIN_ID = "stdin"  # the id of an article read from stdin, and the source named in errors


def load_articles(
    sources: Sequence[str | Path | Article],
    *,
    skip_bad: bool = False,
    stdin: TextIO | None = None,
    warn: Warn | None = None,
) -> list[Article]:
    """Load every source, in order, as articles with unique ids and boilerplate ranges.

    A source is a file, a directory (its supported files, recursively, sorted by path),
    ``"-"`` for stdin, or an ``Article`` (passed through). ``skip_bad`` turns a bad file or
    record into a ``warn`` message instead of an ``InputError``. Articles with identical
    text are kept, with a warning.
    """
    say = warn if warn is not None else _warn
    records: list[tuple[Record | Article, str, str | None]] = []  # (what, default id, path)
    read_stdin = False
    for source in sources:
        if isinstance(source, Article):
            records.append((source, source.id, source.path))
            continue
        if isinstance(source, str) and source == STDIN:
            if read_stdin:
                raise InputError(STDIN_ID, 'stdin ("-") given more than once')
            read_stdin = True
        try:
            for record, default_id, path in _load_source(source, stdin, skip_bad, say):
                records.append((record, default_id, path))
        except InputError as err:
            if not skip_bad:
                raise
            say(f"skipped {err}")
    return _finish(records, say)


def check_lengths(articles: Sequence[Article], limit: int = MAX_ARTICLE_CHARS) -> None:
    """Raise InputError naming the first article longer than ``limit`` characters.

    >>> check_lengths([Article("a", "x" * 11, path="a.txt")], limit=10)
    Traceback (most recent call last):
    ...
    divergence.errors.InputError: a.txt: article too long to compare: 11 characters, the limit is 10
    """
    for article in articles:
        if len(article.text) > limit:
            source = shown(article.path) if article.path else article.id
            if article.path and Path(article.path).stem != article.id:
                source += f" ({article.id})"  # a record of a JSON (Lines) file
            raise InputError(
                source,
                f"article too long to compare: {len(article.text):,} characters, "
                f"the limit is {limit:,}",
            )


def _warn(message: str) -> None:
    warnings.warn(message, stacklevel=3)


def _finish(records: list[tuple[Record | Article, str, str | None]], warn: Warn) -> list[Article]:
    """Give each record a unique id, compute its boilerplate and note identical texts."""
    used: set[str] = set()
    by_text: dict[str, str] = {}
    articles: list[Article] = []
    for record, default_id, path in records:
        article_id = unique_name(_clean_id(record.id or default_id), used)
        if isinstance(record, Article):
            article = record if article_id == record.id else replace(record, id=article_id)
        else:
            article = Article(
                id=article_id,
                text=record.text,
                outlet=record.outlet,
                title=record.title,
                published=record.published,
                url=record.url,
                path=path,
                skipped=boilerplate_ranges(record.text),
            )
        first = by_text.setdefault(article.text, article.id)
        if first != article.id:
            warn(f"{article.id}: same text as {first}")
        articles.append(article)
    return articles


def _clean_id(raw: str) -> str:
    """Make an id one printable line: control characters (newlines, tabs) become ``_``.

    >>> _clean_id("a b\\nc\\t"), _clean_id("_draft"), _clean_id(" ")
    ('a b_c', '_draft', 'article')
    """
    return "".join(c if c.isprintable() else "_" for c in raw.strip()) or "article"


# ----------------------------------------------------------------------------- sources

Loaded = Iterator[tuple[Record, str, str | None]]


def _load_source(source: str | Path, stdin: TextIO | None, skip_bad: bool, warn: Warn) -> Loaded:
    if isinstance(source, str) and source == STDIN:
        text, size = read_stream(stdin if stdin is not None else sys.stdin, STDIN_ID)
        check_not_empty(text, STDIN_ID, size=size)
        yield from _parse(text, _sniff(text), STDIN_ID, STDIN_ID, None, skip_bad, warn)
        return
    name = os.fspath(source)
    if not name:
        raise InputError("''", "empty path")
    path = Path(name)
    if _is_dir(path):
        files = walk(path, warn)
        if not files:
            raise InputError(
                shown(name), f"no supported files in directory (expected {_extensions()})"
            )
        for file in files:
            try:
                yield from _load_file(file, str(file), skip_bad, warn)
            except InputError as err:
                if not skip_bad:
                    raise
                warn(f"skipped {err}")
        return
    yield from _load_file(path, name, skip_bad, warn)


def _load_file(path: Path, given: str, skip_bad: bool, warn: Warn) -> Loaded:
    """Load one file; an unknown extension is tried as plain text."""
    kind = FORMATS.get(path.suffix.lower(), "text")
    source = shown(given)
    data = read_bytes(path, source)
    text = decode(data, source, html=kind == "html")
    check_not_empty(text, source, size=len(data))
    yield from _parse(text, kind, source, path.stem, given, skip_bad, warn)


def _parse(
    text: str, kind: str, source: str, stem: str, path: str | None, skip_bad: bool, warn: Warn
) -> Loaded:
    if kind in ("json", "jsonl"):
        parsed = (
            parse_json(text, source, warn) if kind == "json" else parse_jsonl(text, source, warn)
        )
        found = 0
        for number, record in parsed:
            if isinstance(record, InputError):
                if not skip_bad:
                    raise record
                warn(f"skipped {record}")
                continue
            found += 1
            yield record, stem if number is None else f"{stem}-{number}", path
        if not found and not skip_bad:
            raise InputError(source, "no articles found")
        return
    parse = {"text": parse_text, "markdown": parse_markdown, "html": parse_html}[kind]
    yield parse(text, source, warn), stem, path


def _sniff(text: str) -> str:
    """Guess the format of stdin from its first character.

    >>> _sniff('  {"text": "a"}'), _sniff("<html>"), _sniff("Headline")
    ('json', 'html', 'text')
    """
    head = text.lstrip()[:1]
    if head in ("{", "["):
        import json

        try:
            json.loads(text)
        except (ValueError, RecursionError):
            return "jsonl" if head == "{" else "json"
        return "json"
    if head == "<":
        return "html"
    if text.startswith("---\n"):
        return "markdown"
    return "text"


def _extensions() -> str:
    return ", ".join(sorted(ext for ext in FORMATS if ext))


# ----------------------------------------------------------------------------- directories


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def walk(root: Path, warn: Warn | None = None) -> list[Path]:
    """Return the supported files under ``root``, recursively, sorted by path.

    Symbolic links are followed, but no directory (and no file) is visited twice, so a
    link loop ends. Hidden entries (``.git``, ``.DS_Store``) and unknown extensions are
    skipped. A subdirectory that cannot be listed is an InputError.
    """
    seen_dirs: set[tuple[int, int]] = set()
    found: list[tuple[tuple[str, ...], Path, tuple[int, int]]] = []
    stack: list[tuple[Path, tuple[str, ...]]] = [(root, ())]  # (path, parts relative to root)
    while stack:
        directory, parts = stack.pop()
        try:
            info = os.stat(directory)
        except OSError as err:
            raise InputError(shown(directory), f"cannot read directory: {_reason(err)}") from None
        key = (info.st_dev, info.st_ino)
        if key in seen_dirs:
            continue
        seen_dirs.add(key)
        try:
            names = sorted(entry.name for entry in os.scandir(directory))
        except OSError as err:
            raise InputError(shown(directory), f"cannot list directory: {_reason(err)}") from None
        for name in reversed(names):  # the stack pops the first name first
            if name.startswith("."):
                continue
            path = directory / name
            try:
                entry = os.stat(path)
            except OSError:
                if warn is not None:
                    warn(f"{shown(path)}: skipped (broken link or unreadable entry)")
                continue
            if stat.S_ISDIR(entry.st_mode):
                stack.append((path, (*parts, name)))
            elif stat.S_ISREG(entry.st_mode) and path.suffix.lower() in FORMATS:
                found.append(((*parts, name), path, (entry.st_dev, entry.st_ino)))
    found.sort(key=lambda item: item[0])
    seen_files: set[tuple[int, int]] = set()
    files: list[Path] = []
    for _, path, key in found:
        if key not in seen_files:  # the same file reached through a link
            seen_files.add(key)
            files.append(path)
    return files


def _reason(err: OSError) -> str:
    return err.strerror or str(err)
