"""The library's exceptions. The CLI turns each into one `Error: …` line (exit 1)."""

from __future__ import annotations


class RetoldError(Exception):
    """Base class: every error retold raises on purpose. `hint` says what to do."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(RetoldError):
    """The input cannot be read as an article: missing, empty, binary, too big, bad JSON."""


class EncodingError(InputError):
    """The bytes are not UTF-8 and no other encoding could be detected with confidence."""


class CorpusError(RetoldError):
    """The corpus file is missing, corrupt, read-only or from another version."""
