"""SARIF 2.1.0, with rule metadata so GitHub code scanning shows names, help and links."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from healthlint import DOCS_URL, __version__
from healthlint.reporters import Reporter, Totals

if TYPE_CHECKING:
    from healthlint.engine import FileResult, Finding
    from healthlint.packs import RuleDef

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_dump = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every result
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def help_uri(rule: RuleDef) -> str:
    return rule.help_uri or f"{DOCS_URL}#{rule.code.lower()}"


def rule_descriptor(rule: RuleDef) -> dict[str, Any]:
    help_text = rule.rationale.strip()
    if rule.sources:
        help_text += "\n\nSources:\n" + "\n".join(f"- {s}" for s in rule.sources)
    md = f"**{rule.summary}**\n\n{rule.rationale.strip()}"
    if rule.examples.get("bad"):
        md += f"\n\nBad: {rule.examples['bad']}"
    if rule.examples.get("good"):
        md += f"\n\nGood: {rule.examples['good']}"
    if rule.sources:
        md += "\n\nSources:\n" + "\n".join(f"- {s}" for s in rule.sources)
    props: dict[str, Any] = {"category": rule.category, "tags": [rule.category, "health-content"]}
    if rule.act:
        props["act"] = list(rule.act)
    if rule.wcag:
        props["wcag"] = list(rule.wcag)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale.strip().split("\n\n")[0]},
        "help": {"text": help_text, "markdown": md},
        "helpUri": help_uri(rule),
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": props,
    }


def _region(line: int, col: int, end_line: int, end_col: int) -> dict[str, int]:
    region = {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}
    if end_line == line and end_col <= col:
        region["endColumn"] = col + 1
    return region


def artifact(path: str) -> dict[str, str]:
    """Relative paths resolve against %SRCROOT%; absolute ones become file URIs."""
    found = _ARTIFACTS.get(path)
    if found is None:
        if len(_ARTIFACTS) > 4096:
            _ARTIFACTS.clear()
        found = _ARTIFACTS[path] = _artifact(path)
    return dict(found)


_ARTIFACTS: dict[str, dict[str, str]] = {}  # a file's findings all name the same path


def _artifact(path: str) -> dict[str, str]:
    from pathlib import PurePosixPath, PureWindowsPath
    from urllib.parse import quote

    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute() or PureWindowsPath(path).is_absolute():
        return {"uri": "file://" + quote(posix if posix.startswith("/") else "/" + posix)}
    while posix.startswith("./"):
        posix = posix[2:]
    return {"uri": quote(posix), "uriBaseId": "%SRCROOT%"}


def _location(path: str, line: int, col: int, end_line: int, end_col: int) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": artifact(path),
            "region": _region(line, col, end_line, end_col),
        }
    }


def _result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    text = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
    res: dict[str, Any] = {
        "ruleId": f.code,
        "level": _LEVEL[f.severity],
        "message": {"text": text},
        "locations": [_location(f.path, f.line, f.column, f.end_line, f.end_column)],
        "partialFingerprints": {"healthlint/v1": f"{f.code}:{f.text}"},
        "properties": {"category": f.category, "severity": f.severity},
    }
    if f.code in index:
        res["ruleIndex"] = index[f.code]
    if f.related:
        res["relatedLocations"] = [
            {
                "id": i,
                **_location(r.path, r.line, r.column, r.end_line, r.end_column),
                "message": {"text": r.message},
            }
            for i, r in enumerate(f.related, 1)
        ]
    return res


class SarifReporter(Reporter):
    """Writes the log's head, streams results, then closes with the invocation."""

    def begin(self) -> None:
        descriptors = [rule_descriptor(self.rules[c]) for c in sorted(self.rules)]
        self.index = {d["id"]: i for i, d in enumerate(descriptors)}
        head = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "healthlint",
                            "version": __version__,
                            "semanticVersion": __version__,
                            "informationUri": DOCS_URL,
                            "rules": descriptors,
                        }
                    },
                    "columnKind": "unicodeCodePoints",
                    "originalUriBaseIds": {
                        "%SRCROOT%": {"description": {"text": "The folder healthlint ran in."}}
                    },
                    "results": "@RESULTS@",
                }
            ],
        }
        text = json.dumps(head, indent=2, ensure_ascii=False)
        self.tail = text[text.index('"@RESULTS@"') + len('"@RESULTS@"') :]
        self.out.write(text[: text.index('"@RESULTS@"')] + "[")
        self.first = True
        self.artifacts: list[dict[str, Any]] = []

    def _emit(self, f: Finding) -> None:
        self.out.write("\n        " if self.first else ",\n        ")
        self.out.write(_dump(_result(f, self.index)))
        self.first = False

    def file(self, result: FileResult) -> None:
        for f in result.findings:
            self._emit(f)
        if result.summary:
            # the per-document summary (words, grades, reading time) rides on the run's artifacts
            self.artifacts.append(
                {"location": artifact(result.path), "properties": {"healthlint": result.summary}}
            )

    def end(self, site_findings: list[Finding], totals: Totals) -> None:
        for f in site_findings:
            self._emit(f)
        self.out.write("\n      ]" if not self.first else "]")
        invocation = {
            "executionSuccessful": not totals.errors,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": e}} for e in totals.errors
            ],
        }
        inv = json.dumps([invocation], ensure_ascii=False)
        arts = ""
        if self.artifacts:
            rows = ",\n        ".join(json.dumps(a, ensure_ascii=False) for a in self.artifacts)
            arts = f',\n      "artifacts": [\n        {rows}\n      ]'
        # the tail closes the run and the log: put the invocation inside the run first
        close_run = self.tail.index("}")
        self.out.write(f',\n      "invocations": {inv}{arts}\n    ' + self.tail[close_run:] + "\n")
