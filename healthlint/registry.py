"""Registry of the Python checks that rule packs refer to by name.

A rule in a pack (``rules/*.yml``) with ``type: python`` names a check, e.g.
``check: claims.absolute``. The part before the dot is the module ``healthlint.checks.claims``,
imported only when a pack uses it, so start-up stays fast.

A document check is a function ``(doc, opts) -> Iterable[Hit]``. ``opts`` is whatever the
check's ``prepare`` function made of the rule's ``options`` mapping (config thresholds merged
in); ``prepare`` runs once per process and raises :class:`OptionsError` for bad values.

A site check (``scope: site``) sees every document of a run: ``collect(doc, opts)`` returns a
small picklable summary per file (computed in the worker), ``finalize(collected, opts)`` gets
``{path: summary}`` in the main process and yields :class:`SiteHit` with positions.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from healthlint.document import Document, Span


class OptionsError(ValueError):
    """A rule's options are invalid; the message names the option and what is expected."""


@dataclass(slots=True)
class Related:
    span: Span
    message: str


@dataclass(slots=True)
class Hit:
    """What a check found: a source span and what to tell the user."""

    start: int
    end: int
    message: str
    suggestion: str | None = None
    related: list[Related] = field(default_factory=list)
    severity: str | None = None  # overrides the rule's severity for this hit
    data: dict[str, Any] | None = None  # extra machine-readable facts for JSON/SARIF


@dataclass(slots=True)
class SiteHit:
    """A site-level hit, positioned already (site checks do not see documents in finalize)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    suggestion: str | None = None
    severity: str | None = None


DocCheck = Callable[[Document, Any], Iterable[Hit]]
Prepare = Callable[[dict[str, Any]], Any]


@dataclass(slots=True)
class CheckSpec:
    name: str
    func: DocCheck | None
    prepare: Prepare | None
    site_collect: Callable[[Document, Any], Any] | None = None
    site_finalize: Callable[[dict[str, Any], Any], Iterable[SiteHit]] | None = None

    @property
    def is_site(self) -> bool:
        return self.site_collect is not None


_CHECKS: dict[str, CheckSpec] = {}
_SUMMARIES: dict[str, Callable[[Document], dict[str, Any]]] = {}


def check(name: str, prepare: Prepare | None = None) -> Callable[[DocCheck], DocCheck]:
    """Register a document check under ``name`` (``family.check``)."""

    def deco(func: DocCheck) -> DocCheck:
        _CHECKS[name] = CheckSpec(name, func, prepare)
        return func

    return deco


def site_check(
    name: str,
    collect: Callable[[Document, Any], Any],
    finalize: Callable[[dict[str, Any], Any], Iterable[SiteHit]],
    prepare: Prepare | None = None,
) -> None:
    """Register a site-level check under ``name``."""
    _CHECKS[name] = CheckSpec(name, None, prepare, collect, finalize)


def summary(name: str) -> Callable[[Callable[[Document], dict[str, Any]]], Callable]:
    """Register a per-document summary (e.g. readability statistics) shown in every format."""

    def deco(func: Callable[[Document], dict[str, Any]]) -> Callable[[Document], dict[str, Any]]:
        _SUMMARIES[name] = func
        return func

    return deco


def get_check(name: str) -> CheckSpec | None:
    """Find a check by name, importing its family module on first use."""
    spec = _CHECKS.get(name)
    if spec is not None:
        return spec
    family = name.split(".", 1)[0]
    if not family.isidentifier():
        return None
    try:
        importlib.import_module(f"healthlint.checks.{family}")
    except ModuleNotFoundError as exc:
        if exc.name == f"healthlint.checks.{family}":
            return None
        raise
    return _CHECKS.get(name)


def summaries() -> dict[str, Callable[[Document], dict[str, Any]]]:
    return _SUMMARIES
