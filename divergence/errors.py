"""Errors raised by the library; only ``cli.py`` turns them into exit codes."""

from __future__ import annotations


class DivergenceError(Exception):
    """Base class of every error the library raises on purpose."""

    exit_code = 2


class InputError(DivergenceError):
    """An input file or record that cannot be read as an article."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class UsageError(DivergenceError):
    """Options or arguments that do not make sense together."""


class ModelError(DivergenceError):
    """The embedding model is missing, unreadable or not the expected one."""


class CacheError(DivergenceError):
    """The embedding cache cannot be used (never raised for a corrupt entry: that is rebuilt)."""


class IndexMismatchError(DivergenceError):
    """An on-disk index built with another model or format."""
