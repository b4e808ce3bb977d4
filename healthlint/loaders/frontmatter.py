"""YAML (``---``) and TOML (``+++``) front matter, as Hugo, Jekyll, Eleventy and MkDocs write it."""

from __future__ import annotations

import re
from typing import Any

from healthlint.errors import InputError

_YAML_FM = re.compile(
    r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:^|\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_TOML_FM = re.compile(r"\A(?:\ufeff)?\+\+\+[ \t]*\r?\n(.*?)(?:^|\n)\+\+\+[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(path: str, source: str) -> tuple[dict[str, Any], tuple[int, int] | None]:
    """Parse front matter at the start of ``source``; return the data and its source span."""
    m = _YAML_FM.match(source)
    kind = "YAML"
    if not m:
        m = _TOML_FM.match(source)
        kind = "TOML"
    if not m:
        return {}, None
    body = m.group(1)
    body_line = source.count("\n", 0, m.start(1)) + 1
    if kind == "YAML":
        import yaml

        try:
            data = yaml.load(body, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = body_line + (mark.line if mark else 0)
            raise InputError(
                f"{path}:{line}", f"front matter is not valid YAML: {exc.problem}"
            ) from None
        except yaml.YAMLError as exc:
            raise InputError(path, f"front matter is not valid YAML: {exc}") from None
    else:
        try:
            import tomllib
        except ModuleNotFoundError:  # Python 3.10
            import tomli as tomllib  # type: ignore[no-redef]
        try:
            data = tomllib.loads(body)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(path, f"front matter is not valid TOML: {exc}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(path, f"front matter must be a mapping of keys, not {type(data).__name__}")
    return data, (m.start(), m.end())


def value_span(source: str, fm_span: tuple[int, int], key: str) -> tuple[int, int] | None:
    """Source span of a top-level front-matter key's value (``date: 2015-03-02`` → the date)."""
    pat = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*[:=][ \t]*(.*?)[ \t]*\r?$", re.M)
    m = pat.search(source, fm_span[0], fm_span[1])
    if not m:
        return None
    value = m.group(1)
    start = m.start(1)
    stripped = value.strip("\"'")
    if stripped != value and stripped:
        start += value.index(stripped)
        return (start, start + len(stripped))
    return (start, m.end(1)) if value else (m.start(), m.end(1))
