"""Errors a user can act on.

Every error names the file, the line where known, and what to do. The tree:

    NewsgenError                 exit 1 unless said otherwise
    ├── UsageError               exit 2: bad command line or site layout
    │   └── ConfigError          exit 2: newsgen.yaml is wrong
    ├── SeedError                one seed could not be ingested (build goes on)
    ├── RecordError              one record in articles/ is malformed (build goes on)
    ├── TemplateError            a template is broken (exit 2: nothing renders right)
    └── OutputError              the output folder cannot be written (exit 2)

Anything else that escapes is a bug and keeps its traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar


class NewsgenError(Exception):
    """Base class: a message, and optionally where and what to do."""

    exit_code: ClassVar[int] = 1

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint

    def where(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        text = f"{self.where()}: {self.message}" if self.path else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class UsageError(NewsgenError):
    exit_code = 2


class ConfigError(UsageError):
    pass


class SeedError(NewsgenError):
    pass


class RecordError(NewsgenError):
    pass


class TemplateError(NewsgenError):
    exit_code = 2


class OutputError(NewsgenError):
    exit_code = 2
