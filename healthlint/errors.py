"""Errors that end a run with exit code 2 and one clear line, never a traceback."""

from __future__ import annotations


class HealthlintError(Exception):
    """Base class: the message is shown to the user as is."""


class ConfigError(HealthlintError):
    """A broken config file or rule pack (``path:line: what is wrong``)."""


class InputError(HealthlintError):
    """A file that cannot be linted: missing, unreadable, binary, undecodable, empty, too large."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
