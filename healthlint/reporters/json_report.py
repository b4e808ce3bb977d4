"""The JSON report: a stable interface (``"version": 1``), documented in the README."""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _str  # ensure_ascii=False, in C
from typing import TYPE_CHECKING, Any

from healthlint import __version__
from healthlint.engine import json_default
from healthlint.reporters import Reporter, Totals

if TYPE_CHECKING:
    from healthlint.engine import FileResult, Finding


# one encoder for the whole report: json.dumps with options builds a new one per call
_dump = json.JSONEncoder(ensure_ascii=False, default=json_default).encode


def encode_finding(f: Finding) -> str:
    """``_dump(f.to_json())``, written out field by field: a site has a million findings."""
    out = (
        f'{{"path": {_str(f.path)}, "line": {f.line}, "column": {f.column}, '
        f'"end_line": {f.end_line}, "end_column": {f.end_column}, "code": {_str(f.code)}, '
        f'"name": {_str(f.name)}, "category": {_str(f.category)}, '
        f'"severity": {_str(f.severity)}, "message": {_str(f.message)}, '
        f'"suggestion": {"null" if f.suggestion is None else _str(f.suggestion)}, '
        f'"text": {_str(f.text)}, '
        f'"related": {_dump([r.to_json() for r in f.related]) if f.related else "[]"}'
    )
    if f.data is not None:
        out += ', "data": ' + _dump(f.data)
    return out + "}"


class JsonReporter(Reporter):
    def begin(self) -> None:
        self.first = True
        self.files: list[dict[str, Any]] = []
        tool = _dump({"name": "healthlint", "version": __version__})
        self.out.write(f'{{\n  "version": 1,\n  "tool": {tool},\n  "findings": [')

    def _finding(self, f: Finding) -> None:
        self.out.write(("\n    " if self.first else ",\n    ") + encode_finding(f))
        self.first = False

    def file(self, result: FileResult) -> None:
        for f in result.findings:
            self._finding(f)
        entry: dict[str, Any] = {"path": result.path, "summary": result.summary}
        if result.error:
            entry["error"] = result.error
        self.files.append(entry)

    def end(self, site_findings: list[Finding], totals: Totals) -> None:
        for f in site_findings:
            self._finding(f)
        out = self.out
        out.write("\n  ],\n" if not self.first else "],\n")
        out.write('  "files": [')
        out.write(",".join("\n    " + _dump(e) for e in self.files))
        out.write("\n  ],\n" if self.files else "],\n")
        out.write(f'  "errors": {_dump(totals.errors)},\n')
        out.write(f'  "summary": {_dump(totals.to_json())}\n}}\n')
