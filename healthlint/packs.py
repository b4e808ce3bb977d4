"""Rule packs: YAML files that declare rules, their documentation, lexicons and thresholds.

Built-in packs ship in the wheel (``rules/`` in the repository); users add their own with the
``packs`` config key. Every pack is validated when loaded; an error reads
``path:line: what is wrong`` and ends the run with exit code 2.

See ``docs/rule-packs.md`` for the format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from healthlint.errors import ConfigError

CATEGORIES = ("claims", "disclaimers", "figures", "readability", "accessibility", "seo")
SEVERITIES = ("error", "warning", "info")
RULE_TYPES = ("python", "existence", "substitution")
SCOPES = ("main", "page", "prose", "headings")
CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{0,7}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

_RULE_KEYS = {
    "code": str,
    "name": str,
    "category": str,
    "severity": str,
    "summary": str,
    "rationale": str,
    "sources": list,
    "examples": dict,
    "act": list,
    "wcag": list,
    "help_uri": str,
    "type": str,
    "check": str,
    "options": dict,
    "tokens": list,
    "patterns": list,
    "swap": dict,
    "ignorecase": bool,
    "message": str,
    "suggestion": str,
    "scope": str,
    "exceptions": list,
}
_REQUIRED = ("code", "name", "category", "severity", "summary", "rationale", "type")


class _LineLoader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """Safe loader that remembers the line of every mapping and mapping key."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from None
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


class LineDict(dict):
    """A dict that knows the source line of itself and of each key."""

    line: int = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int:
        return self.lines.get(key, self.line)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml_with_lines(text: str, path: str) -> Any:
    """Parse YAML safely, keeping line numbers; syntax errors become ``ConfigError``."""
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise ConfigError(f"{path}:{line}: invalid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}:1: invalid YAML: {exc}") from None


@dataclass(eq=False)
class RuleDef:
    """A rule as declared in a pack: its documentation and how to run it."""

    code: str
    name: str
    category: str
    severity: str
    summary: str
    rationale: str
    type: str
    pack: str
    origin: str  # "path:line" of the declaration
    sources: list[str] = field(default_factory=list)
    examples: dict[str, str] = field(default_factory=dict)
    act: list[str] = field(default_factory=list)
    wcag: list[str] = field(default_factory=list)
    help_uri: str | None = None
    check: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    tokens: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    swap: dict[str, str] = field(default_factory=dict)
    ignorecase: bool = True
    message: str | None = None
    suggestion: str | None = None
    scope: str = "main"
    exceptions: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "severity": self.severity,
            "summary": self.summary,
            "rationale": self.rationale.strip(),
            "sources": list(self.sources),
            "examples": dict(self.examples),
            "act": list(self.act),
            "wcag": list(self.wcag),
            "type": self.type,
            "pack": self.pack,
            "help_uri": self.help_uri,
        }


def _err(path: str, line: int, msg: str) -> ConfigError:
    return ConfigError(f"{path}:{line}: {msg}")


def _validate_rule(raw: Any, path: str, pack: str, fallback_line: int) -> RuleDef:
    if not isinstance(raw, dict):
        raise _err(path, fallback_line, "each entry of 'rules' must be a mapping")
    line = getattr(raw, "line", fallback_line)
    lines = getattr(raw, "line_of", lambda k: line)
    for key in raw:
        if key not in _RULE_KEYS:
            known = ", ".join(sorted(_RULE_KEYS))
            raise _err(path, lines(key), f"unknown rule key '{key}' (known keys: {known})")
        want = _RULE_KEYS[key]
        value = raw[key]
        if not isinstance(value, want):
            raise _err(
                path, lines(key), f"'{key}' must be a {want.__name__}, not {type(value).__name__}"
            )
    for key in _REQUIRED:
        if key not in raw:
            raise _err(path, line, f"rule is missing required key '{key}'")
    code = raw["code"]
    if not CODE_RE.match(code):
        raise _err(
            path,
            lines("code"),
            f"rule code '{code}' must be 1-8 capital letters or digits followed by 3 digits (e.g. CLM001)",
        )
    if not NAME_RE.match(raw["name"]):
        raise _err(path, lines("name"), f"rule name '{raw['name']}' must be kebab-case")
    if raw["category"] not in CATEGORIES:
        raise _err(
            path,
            lines("category"),
            f"category '{raw['category']}' is not one of: {', '.join(CATEGORIES)}",
        )
    if raw["severity"] not in SEVERITIES:
        raise _err(
            path,
            lines("severity"),
            f"severity '{raw['severity']}' is not one of: {', '.join(SEVERITIES)}",
        )
    rtype = raw["type"]
    if rtype not in RULE_TYPES:
        raise _err(path, lines("type"), f"type '{rtype}' is not one of: {', '.join(RULE_TYPES)}")
    scope = raw.get("scope", "main")
    if scope not in SCOPES:
        raise _err(path, lines("scope"), f"scope '{scope}' is not one of: {', '.join(SCOPES)}")
    for key in ("sources", "act", "wcag", "tokens", "patterns", "exceptions"):
        for item in raw.get(key, []):
            if not isinstance(item, str):
                raise _err(path, lines(key), f"every item of '{key}' must be a string")
    for key, value in raw.get("examples", {}).items():
        if key not in ("bad", "good") or not isinstance(value, str):
            raise _err(path, lines("examples"), "'examples' takes string keys 'bad' and 'good'")
    for key, value in raw.get("swap", {}).items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise _err(path, lines("swap"), "'swap' maps strings to strings")
    if rtype == "python":
        if "check" not in raw:
            raise _err(path, line, "a python rule needs 'check' (the name of a registered check)")
    elif rtype == "existence":
        if not raw.get("tokens") and not raw.get("patterns"):
            raise _err(path, line, "an existence rule needs 'tokens' or 'patterns'")
        if "message" not in raw:
            raise _err(path, line, "an existence rule needs a 'message'")
    elif rtype == "substitution":
        if not raw.get("swap"):
            raise _err(path, line, "a substitution rule needs 'swap'")
        if "message" not in raw:
            raise _err(path, line, "a substitution rule needs a 'message'")
    return RuleDef(
        code=code,
        name=raw["name"],
        category=raw["category"],
        severity=raw["severity"],
        summary=raw["summary"].strip(),
        rationale=raw["rationale"],
        type=rtype,
        pack=pack,
        origin=f"{path}:{line}",
        sources=list(raw.get("sources", [])),
        examples=dict(raw.get("examples", {})),
        act=list(raw.get("act", [])),
        wcag=[str(w) for w in raw.get("wcag", [])],
        help_uri=raw.get("help_uri"),
        check=raw.get("check"),
        options=dict(raw.get("options", {})),
        tokens=list(raw.get("tokens", [])),
        patterns=list(raw.get("patterns", [])),
        swap=dict(raw.get("swap", {})),
        ignorecase=raw.get("ignorecase", True),
        message=raw.get("message"),
        suggestion=raw.get("suggestion"),
        scope=scope,
        exceptions=list(raw.get("exceptions", [])),
    )


@dataclass
class Pack:
    name: str
    path: str
    rules: list[RuleDef]
    description: str = ""


def load_pack(path: Path) -> Pack:
    """Read and validate one pack file."""
    spath = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{spath}: rule pack not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{spath}: cannot read rule pack: {exc}") from None
    data = load_yaml_with_lines(text, spath)
    if not isinstance(data, dict):
        raise _err(spath, 1, "a rule pack must be a mapping with 'pack' and 'rules'")
    for key in data:
        if key not in ("pack", "description", "rules"):
            raise _err(
                spath,
                data.line_of(key),
                f"unknown pack key '{key}' (known: pack, description, rules)",
            )
    name = data.get("pack")
    if not isinstance(name, str) or not name:
        raise _err(spath, data.line_of("pack"), "'pack' must name the pack")
    rules_raw = data.get("rules")
    if not isinstance(rules_raw, list) or not rules_raw:
        raise _err(spath, data.line_of("rules"), "'rules' must be a non-empty list")
    rules = [_validate_rule(r, spath, name, data.line_of("rules")) for r in rules_raw]
    seen: dict[str, str] = {}
    for r in rules:
        if r.code in seen:
            raise ConfigError(f"{r.origin}: duplicate rule code {r.code} (first at {seen[r.code]})")
        seen[r.code] = r.origin
    return Pack(name=name, path=spath, rules=rules, description=str(data.get("description", "")))


def builtin_rules_dir() -> Path:
    """The shipped packs: inside the wheel, or ``rules/`` beside the package in a checkout."""
    here = Path(__file__).resolve().parent
    inside = here / "rules"
    if inside.is_dir():
        return inside
    return here.parent / "rules"


def builtin_pack_paths() -> list[Path]:
    return sorted(builtin_rules_dir().glob("*.yml"))
