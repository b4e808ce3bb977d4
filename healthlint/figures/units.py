"""The unit table: aliases, dimensions and SI factors, precomputed from pint.

pint takes about 0.4 s to import and build a registry, too slow for a linter's start-up, so the
dimension and factor of every unit are stored in ``rules/lexicons/figures_units.yml``;
``python -m healthlint.figures.units --write`` regenerates them and a test checks they agree.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from healthlint.packs import builtin_rules_dir

TABLE_NAME = "figures_units.yml"


@dataclass(frozen=True, slots=True)
class Unit:
    name: str  # the pint name, also our canonical key
    dim: str  # pint dimensionality, e.g. "[mass]"
    factor: float | None  # size in SI base units; None for offset scales (temperatures)
    symbol: str  # the shortest alias, for messages


def table_path() -> Path:
    return builtin_rules_dir() / "lexicons" / TABLE_NAME


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    with table_path().open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict) or not isinstance(data.get("units"), dict):
        raise ValueError(f"{table_path()}: expected a mapping with 'units'")
    return data


@lru_cache(maxsize=1)
def units() -> dict[str, Unit]:
    out: dict[str, Unit] = {}
    for name, entry in _raw()["units"].items():
        aliases = [str(a) for a in entry["aliases"]]
        factor = entry.get("factor")
        out[name] = Unit(
            name=name,
            dim=str(entry.get("dim", "")),
            factor=None if factor is None else float(factor),
            symbol=min(aliases, key=len),
        )
    return out


@lru_cache(maxsize=1)
def alias_map() -> dict[str, str]:
    """Lower-cased alias (exact-case aliases kept as written) -> unit name."""
    exact = set(_raw().get("exact", []))
    out: dict[str, str] = {}
    for name, entry in _raw()["units"].items():
        for a in entry["aliases"]:
            a = str(a)
            out[a if a in exact else a.lower()] = name
    return out


@lru_cache(maxsize=1)
def alias_regex() -> re.Pattern[str]:
    """Matches a unit alias at a position; longest aliases first so 'mm Hg' beats 'mm'."""
    exact = set(_raw().get("exact", []))
    aliases = sorted(alias_map_all(), key=len, reverse=True)
    parts = []
    for a in aliases:
        body = re.escape(a).replace(r"\ ", r"\s")
        parts.append(body if a in exact else f"(?i:{body})")
    return re.compile(r"(?:" + "|".join(parts) + r")(?![A-Za-z0-9])")


def alias_map_all() -> list[str]:
    return [str(a) for e in _raw()["units"].values() for a in e["aliases"]]


@lru_cache(maxsize=4096)
def lookup(alias: str) -> Unit | None:
    amap = alias_map()
    name = amap.get(alias) or amap.get(re.sub(r"\s+", " ", alias).lower())
    return units().get(name) if name else None


def dimension_name(dim: str) -> str:
    return str(_raw().get("dimension_names", {}).get(dim, dim))


def convert(value: float, src: Unit, dst: Unit) -> float | None:
    """``value`` in ``src`` expressed in ``dst``; None when they cannot be compared linearly."""
    if src.dim != dst.dim or src.factor is None or dst.factor is None:
        return None
    return value * src.factor / dst.factor


# --- generation from pint (build/test time only) ---------------------------------------------


def _dim_string(dims: Any) -> str:
    parts = []
    for key in sorted(dims):
        power = dims[key]
        power = int(power) if float(power).is_integer() else power
        parts.append(key if power == 1 else f"{key}^{power}")
    return "*".join(parts)


def build_table() -> dict[str, dict[str, Any]]:
    """Dimension and SI factor of every unit, straight from pint (imported here, lazily)."""
    import pint

    ureg = pint.UnitRegistry()
    out: dict[str, dict[str, Any]] = {}
    for name, entry in _raw()["units"].items():
        unit = ureg.Unit(entry["pint"])
        dim = _dim_string(unit.dimensionality)
        factor: float | None
        if ureg.Quantity(1, unit)._is_multiplicative:
            factor = float(f"{ureg.Quantity(1, unit).to_base_units().magnitude:.10g}")
        else:
            factor = None
        out[name] = {"dim": dim, "factor": factor}
    return out


def _write() -> None:
    """Rewrite the generated ``dim``/``factor`` lines of the table, keeping everything else."""
    path = table_path()
    table = build_table()
    lines = path.read_text(encoding="utf-8").splitlines()
    out: list[str] = []
    current: str | None = None
    for line in lines:
        m = re.match(r"^  (\w+):\s*$", line)
        if m:
            current = m.group(1)
        if current and re.match(r"^    (dim|factor):", line):
            continue
        out.append(line)
        if current and re.match(r"^    aliases:", line) and current in table:
            t = table[current]
            out.append(f'    dim: "{t["dim"]}"')
            out.append(f"    factor: {'null' if t['factor'] is None else repr(t['factor'])}")
        if not line.startswith("  "):
            current = None
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    if "--write" in sys.argv:
        _write()
    else:
        for k, v in build_table().items():
            print(k, v)
