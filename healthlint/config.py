"""Configuration from ``[tool.healthlint]`` in ``pyproject.toml`` or a ``.healthlint.toml``.

Found from the linted path upwards (or given with ``--config``), in ruff's style. Unknown keys and
bad values are errors that name the file, the key and what is expected.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from healthlint.errors import ConfigError

FAIL_ON = ("error", "warning", "info", "never")
SEVERITIES = ("error", "warning", "info")
CONFIG_FILES = (".healthlint.toml", "healthlint.toml", "pyproject.toml")


@dataclass
class Config:
    path: Path | None = None  # the file it came from
    root: Path = field(default_factory=Path.cwd)  # its folder: relative paths resolve here
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    content_selector: str | None = None
    exclude: list[str] = field(default_factory=list)
    extend_exclude: list[str] = field(default_factory=list)
    fail_on: str = "warning"
    packs: list[Path] = field(default_factory=list)
    provided_by_layout: list[str] = field(default_factory=list)
    today: str | None = None
    max_file_size: int = 10 * 1024 * 1024
    site_root: str | None = None
    base_url: str | None = None
    cache_dir: str = ".healthlint_cache"
    skip_drafts: bool = False  # Markdown posts marked draft in front matter give no findings

    def fingerprint(self) -> str:
        """What, in this config, can change findings (for the result cache)."""
        import hashlib
        import json

        data = {
            k: v
            for k, v in self.__dict__.items()
            if k not in ("path", "root", "fail_on", "cache_dir")
        }
        data["packs"] = [str(p) for p in self.packs]
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def _str_list(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return list(value)


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?\s*$", re.I)
_UNITS = {
    None: 1,
    "b": 1,
    "kb": 1000,
    "kib": 1024,
    "mb": 10**6,
    "mib": 1024**2,
    "gb": 10**9,
    "gib": 1024**3,
}


def parse_size(value: Any, where: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str):
        m = _SIZE.match(value)
        if m:
            unit = m.group(2).lower() if m.group(2) else None
            return int(float(m.group(1)) * _UNITS[unit])
    raise ConfigError(f"{where}: 'max-file-size' must be a number of bytes or a size like \"10MB\"")


def parse_date(value: Any, where: str, key: str) -> str:
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise ConfigError(f"{where}: '{key}' must be a date like 2026-01-31")


def _choice(value: Any, key: str, choices: tuple[str, ...], where: str) -> str:
    if value not in choices:
        raise ConfigError(f"{where}: '{key}' must be one of {', '.join(choices)}, not {value!r}")
    return value


def from_mapping(data: dict[str, Any], where: str, root: Path, path: Path | None = None) -> Config:
    """Validate a ``[tool.healthlint]`` table."""
    cfg = Config(path=path, root=root)
    known = {
        "select",
        "extend-select",
        "ignore",
        "per-file-ignores",
        "severity",
        "rules",
        "content-selector",
        "exclude",
        "extend-exclude",
        "fail-on",
        "packs",
        "provided-by-layout",
        "today",
        "max-file-size",
        "site-root",
        "base-url",
        "cache-dir",
        "skip-drafts",
    }
    for key, value in data.items():
        if key not in known:
            hint = ""
            alt = key.replace("_", "-")
            if alt in known:
                hint = f" (did you mean '{alt}'?)"
            raise ConfigError(
                f"{where}: unknown key '{key}'{hint}; known keys: {', '.join(sorted(known))}"
            )
        if key == "select":
            cfg.select = _str_list(value, key, where)
        elif key == "extend-select":
            cfg.extend_select = _str_list(value, key, where)
        elif key == "ignore":
            cfg.ignore = _str_list(value, key, where)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(
                    f"{where}: 'per-file-ignores' must map glob patterns to rule lists"
                )
            cfg.per_file_ignores = {
                str(k): _str_list(v, f"per-file-ignores.{k}", where) for k, v in value.items()
            }
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: 'severity' must map rule codes to error/warning/info")
            cfg.severity = {
                str(k): _choice(v, f"severity.{k}", SEVERITIES, where) for k, v in value.items()
            }
        elif key == "rules":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise ConfigError(
                    f"{where}: 'rules' must be tables of options per rule code, e.g. [tool.healthlint.rules.RDB001]"
                )
            cfg.rules = {str(k): dict(v) for k, v in value.items()}
            for code, opts in cfg.rules.items():
                if "severity" in opts:
                    _choice(opts["severity"], f"rules.{code}.severity", SEVERITIES, where)
        elif key == "content-selector":
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{where}: 'content-selector' must be a CSS selector string")
            from healthlint.selectors import Selector, SelectorError

            try:
                Selector(value)
            except SelectorError as exc:
                raise ConfigError(f"{where}: 'content-selector': {exc}") from None
            cfg.content_selector = value
        elif key == "exclude":
            cfg.exclude = _str_list(value, key, where)
        elif key == "extend-exclude":
            cfg.extend_exclude = _str_list(value, key, where)
        elif key == "fail-on":
            cfg.fail_on = _choice(value, key, FAIL_ON, where)
        elif key == "packs":
            cfg.packs = [(root / p).resolve() for p in _str_list(value, key, where)]
        elif key == "provided-by-layout":
            cfg.provided_by_layout = _str_list(value, key, where)
        elif key == "today":
            cfg.today = parse_date(value, where, key)
        elif key == "max-file-size":
            cfg.max_file_size = parse_size(value, where)
        elif key == "skip-drafts":
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: 'skip-drafts' must be true or false")
            cfg.skip_drafts = value
        elif key in ("site-root", "base-url", "cache-dir"):
            if not isinstance(value, str):
                raise ConfigError(f"{where}: '{key}' must be a string")
            setattr(cfg, key.replace("-", "_"), value)
    return cfg


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def load_file(path: Path) -> Config:
    """Read one config file (``pyproject.toml`` uses its ``[tool.healthlint]`` table)."""
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("healthlint", {})
        where = f"{path} [tool.healthlint]"
    else:
        table = data
        where = str(path)
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table")
    return from_mapping(table, where, path.resolve().parent, path)


def discover(start: Path) -> Config:
    """The nearest config from ``start`` upwards; defaults when there is none."""
    here = start.resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml":
                    data = _read_toml(candidate)
                    if "healthlint" not in data.get("tool", {}):
                        continue
                return load_file(candidate)
    return Config(root=Path.cwd())
