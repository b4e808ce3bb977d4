"""Regular expressions compiled on first use, so importing the figures family stays cheap.

The figures modules hold many module-level patterns; compiling them all at import cost start-up
on every run, even runs that never reach a figure. ``lazy`` returns an object that compiles its
pattern the first time one of its attributes is read and then keeps the compiled pattern's
methods as plain instance attributes, so later calls cost what a compiled pattern's do.
"""

from __future__ import annotations

import re
from typing import Any, cast

_ATTRS = (
    "match",
    "search",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "pattern",
    "flags",
    "groups",
    "groupindex",
)


class LazyPattern:
    """A stand-in for ``re.compile(pattern, flags)`` that compiles when first used."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = re.compile(*self._source)
            for attr in _ATTRS:
                setattr(self, attr, getattr(compiled, attr))
            self._compiled = compiled
        return getattr(compiled, name)


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled on first use."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))
