"""Check: run the active rules over documents and turn their hits into positioned findings.

The flow is one way: a file's bytes are loaded into a Document (``healthlint.loaders``), every
document rule reads it and yields hits, suppressions and per-file ignores filter them, and the
result (findings, per-document summaries, site-check data) goes back to the caller, which may be
a worker process. Site checks finish in the main process once every file is in.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from healthlint.document import Document
from healthlint.errors import HealthlintError, InputError
from healthlint.registry import Hit, summaries
from healthlint.ruleset import (
    UNUSED_SUPPRESSION,
    ActiveRule,
    RuleSet,
    run_data_rule,
    selector_matches,
)
from healthlint.suppressions import read_suppressions

SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


@dataclass(slots=True)
class RelatedLocation:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str

    def __reduce__(self) -> tuple:
        # positional fields: pickles (worker -> main) small and unpickles without a state dict
        return (
            RelatedLocation,
            (self.path, self.line, self.column, self.end_line, self.end_column, self.message),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
        }


@dataclass(slots=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    category: str
    severity: str
    message: str
    suggestion: str | None = None
    text: str = ""  # the flagged source text (trimmed to 200 characters)
    related: list[RelatedLocation] = field(default_factory=list)
    data: dict[str, Any] | None = None

    def sort_key(self) -> tuple:
        return (
            self.path,
            self.line,
            self.column,
            self.code,
            self.end_line,
            self.end_column,
            self.message,
        )

    def __reduce__(self) -> tuple:
        # positional fields: ~3x faster to unpickle than a dataclass's state dict
        return (
            Finding,
            (
                self.path,
                self.line,
                self.column,
                self.end_line,
                self.end_column,
                self.code,
                self.name,
                self.category,
                self.severity,
                self.message,
                self.suggestion,
                self.text,
                self.related,
                self.data,
            ),
        )

    def to_json(self) -> dict[str, Any]:
        """The JSON form (the report's and the cache's): fields in declaration order."""
        d: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "suggestion": self.suggestion,
            "text": self.text,
            "related": [r.to_json() for r in self.related],
        }
        if self.data is not None:
            d["data"] = self.data  # plain values; dataclasses inside go through json_default
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Finding:
        d = dict(d)
        d["related"] = [RelatedLocation(**r) for r in d.get("related", [])]
        return cls(**d)


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # one line: why the file could not be linted
    summary: dict[str, Any] = field(default_factory=dict)
    site: dict[str, Any] = field(default_factory=dict)  # site-check code -> collected data

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "findings": [f.to_json() for f in self.findings],
            "error": self.error,
            "summary": self.summary,
            "site": self.site,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> FileResult:
        return cls(
            path=d["path"],
            findings=[Finding.from_json(f) for f in d["findings"]],
            error=d.get("error"),
            summary=d.get("summary", {}),
            site=d.get("site", {}),
        )


def json_default(value: Any) -> Any:
    """``default`` for JSON encoders of findings: a dataclass in ``data`` as a dict, else text."""
    if hasattr(value, "__dataclass_fields__") and not isinstance(value, type):
        return asdict(value)
    return str(value)


def _finding(doc: Document, active: ActiveRule, hit: Hit) -> Finding:
    start = max(0, min(hit.start, len(doc.source)))
    end = max(start, min(hit.end, len(doc.source)))
    line, col = doc.line_col(start)
    end_line, end_col = doc.line_col(end)
    rule = active.rule
    related = []
    for r in hit.related:
        rl, rc = doc.line_col(r.span[0])
        el, ec = doc.line_col(r.span[1])
        related.append(RelatedLocation(doc.path, rl, rc, el, ec, r.message))
    text = doc.source[start:end]
    if len(text) > 200:
        text = text[:199] + "…"
    return Finding(
        path=doc.path,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        code=rule.code,
        name=rule.name,
        category=rule.category,
        severity=hit.severity or active.severity,
        message=hit.message,
        suggestion=hit.suggestion,
        text=text,
        related=related,
        data=hit.data,
    )


def _ignored_by_path(ruleset: RuleSet, path: str) -> list[str]:
    """Selectors that ``per-file-ignores`` turns off for this path."""
    if not ruleset.config.per_file_ignores:
        return []
    import pathspec

    try:
        rel = Path(path).resolve().relative_to(ruleset.config.root.resolve()).as_posix()
    except ValueError:
        rel = Path(path).as_posix()
    out: list[str] = []
    for pattern, sels in ruleset.config.per_file_ignores.items():
        spec = pathspec.PathSpec.from_lines("gitwildmatch", [pattern])
        if spec.match_file(rel):
            out.extend(sels)
    return out


def is_draft(doc: Document) -> bool:
    """Front matter marks the page unpublished: Hugo/Eleventy ``draft: true``, Jekyll
    ``published: false``."""
    fm = doc.meta.front_matter or {}
    return fm.get("draft") is True or fm.get("published") is False


def lint_document(doc: Document, ruleset: RuleSet, *, report_unused: bool = False) -> FileResult:
    result = FileResult(path=doc.path)
    if ruleset.config.skip_drafts and is_draft(doc):
        result.summary["draft"] = True  # skipped on purpose (skip-drafts), not clean
        return result
    path_ignores = _ignored_by_path(ruleset, doc.path)
    supp = read_suppressions(doc)
    findings: list[Finding] = []
    for active in ruleset.doc_rules:
        if path_ignores and any(selector_matches(s, active.rule) for s in path_ignores):
            continue
        hits: Iterable[Hit]
        if active.spec is None:
            hits = run_data_rule(active, doc)
        else:
            assert active.spec.func is not None
            hits = active.spec.func(doc, active.opts)
        for hit in hits:
            f = _finding(doc, active, hit)
            if supp.items and supp.suppressed(active.rule, hit.start, f.line):
                continue
            findings.append(f)
    for active in ruleset.site_rules:
        if path_ignores and any(selector_matches(s, active.rule) for s in path_ignores):
            continue
        assert active.spec is not None and active.spec.site_collect is not None
        result.site[active.code] = active.spec.site_collect(doc, active.opts)
    if report_unused:
        for s in supp.unused():
            line, col = doc.line_col(s.span[0])
            end_line, end_col = doc.line_col(s.span[1])
            what = ", ".join(s.codes) if s.codes else "all rules"
            findings.append(
                Finding(
                    doc.path,
                    line,
                    col,
                    end_line,
                    end_col,
                    UNUSED_SUPPRESSION.code,
                    UNUSED_SUPPRESSION.name,
                    UNUSED_SUPPRESSION.category,
                    UNUSED_SUPPRESSION.severity,
                    f"This suppression ({what}) suppresses nothing; remove it.",
                    text=doc.source[s.span[0] : s.span[1]][:200],
                )
            )
    for name, func in summaries().items():
        result.summary[name] = func(doc)
    findings.sort(key=Finding.sort_key)
    result.findings = findings
    return result


def lint_bytes(
    path: str,
    data: bytes,
    ruleset: RuleSet,
    *,
    fmt: str | None = None,
    report_unused: bool = False,
) -> FileResult:
    """Load and lint one file's bytes; input problems become ``FileResult.error``."""
    from healthlint.loaders import load_bytes

    selector = _selector(ruleset)
    try:
        doc = load_bytes(path, data, fmt, selector=selector, max_bytes=ruleset.config.max_file_size)
    except InputError as exc:
        return FileResult(path=path, error=str(exc))
    except RecursionError:
        return FileResult(path=path, error=f"{path}: is nested too deeply to parse")
    try:
        return lint_document(doc, ruleset, report_unused=report_unused)
    finally:
        doc.release()  # its memory goes back now, not at the next full garbage collection


_SELECTORS: dict[str, Any] = {}


def _selector(ruleset: RuleSet) -> Any:
    text = ruleset.config.content_selector
    if not text:
        return None
    if text not in _SELECTORS:
        from healthlint.selectors import Selector

        _SELECTORS[text] = Selector(text)
    return _SELECTORS[text]


def read_file(path: str, max_bytes: int) -> bytes:
    """Read a file for linting; problems become ``InputError``."""
    try:
        size = os.path.getsize(path)
        if max_bytes and size > max_bytes:
            raise InputError(
                path,
                f"is {size / 1048576:.1f} MB, over the {max_bytes / 1048576:g} MB limit "
                "(raise max-file-size in the config to lint it)",
            )
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def lint_path(path: str, ruleset: RuleSet, *, report_unused: bool = False) -> FileResult:
    try:
        data = read_file(path, ruleset.config.max_file_size)
    except InputError as exc:
        return FileResult(path=path, error=str(exc))
    return lint_bytes(path, data, ruleset, report_unused=report_unused)


def finalize_site(
    ruleset: RuleSet, results: Sequence[FileResult] | dict[str, dict[str, Any]]
) -> list[Finding]:
    """Run site-level checks over what every file's worker collected.

    ``results`` is the file results, or just ``{path: FileResult.site}`` when streaming.
    """
    site_data = results if isinstance(results, dict) else {r.path: r.site for r in results}
    out: list[Finding] = []
    # only the rules that collected something are prepared: a fully cached run builds nothing
    codes = sorted({code for d in site_data.values() if d for code in d} & ruleset.selected.keys())
    for code in codes:
        active = ruleset.prepared(code)
        assert active.spec is not None and active.spec.site_finalize is not None
        collected = {p: d[code] for p, d in site_data.items() if d and code in d}
        for h in active.spec.site_finalize(collected, active.opts):
            out.append(
                Finding(
                    h.path,
                    h.line,
                    h.column,
                    h.end_line,
                    h.end_column,
                    active.code,
                    active.rule.name,
                    active.rule.category,
                    h.severity or active.severity,
                    h.message,
                    h.suggestion,
                )
            )
    out.sort(key=Finding.sort_key)
    return out


class EngineError(HealthlintError):
    pass
