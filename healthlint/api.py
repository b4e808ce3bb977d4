"""A small Python API: lint a string or load it as a Document (for tests, editors and scripts)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from healthlint.config import Config
from healthlint.document import Document
from healthlint.engine import Finding, lint_bytes
from healthlint.loaders import format_for, sniff_format
from healthlint.loaders import load_string as _load_string
from healthlint.ruleset import RuleSet

_RULESETS: dict[str, RuleSet] = {}


def make_config(
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    options: dict[str, dict[str, Any]] | None = None,
    today: str | None = None,
    **settings: Any,
) -> Config:
    """A Config from keyword arguments (``provided_by_layout=[...]``, ``content_selector=...``)."""
    cfg = Config(root=Path.cwd())
    cfg.select = list(select) if select else None
    cfg.ignore = list(ignore or [])
    cfg.rules = {k: dict(v) for k, v in (options or {}).items()}
    cfg.today = today
    for key, value in settings.items():
        if not hasattr(cfg, key):
            raise TypeError(f"unknown setting {key!r}")
        setattr(cfg, key, value)
    return cfg


def ruleset_for(config: Config) -> RuleSet:
    key = json.dumps(config.__dict__, sort_keys=True, default=str)
    rs = _RULESETS.get(key)
    if rs is None:
        rs = _RULESETS[key] = RuleSet(config)
    return rs


def load_string(
    source: str, filename: str = "article.md", content_selector: str | None = None
) -> Document:
    """Parse ``source`` as the format ``filename``'s extension names."""
    fmt = format_for(filename) or sniff_format(source.encode("utf-8", "surrogatepass"))
    selector = None
    if content_selector:
        from healthlint.selectors import Selector

        selector = Selector(content_selector)
    return _load_string(filename, source, fmt, selector=selector)


def lint_string(
    source: str,
    filename: str = "article.md",
    select: list[str] | None = None,
    options: dict[str, dict[str, Any]] | None = None,
    today: str | None = None,
    *,
    ignore: list[str] | None = None,
    config: Config | None = None,
    **settings: Any,
) -> list[Finding]:
    """Lint ``source`` as if it were the file ``filename``; input errors raise ``InputError``."""
    from healthlint.errors import InputError

    cfg = config or make_config(select, ignore, options, today, **settings)
    result = lint_bytes(filename, source.encode("utf-8"), ruleset_for(cfg))
    if result.error:
        raise InputError(filename, result.error.split(": ", 1)[-1])
    return result.findings
