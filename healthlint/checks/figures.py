"""The figures family: numbers that contradict each other, impossible shares, units that do not fit.

The logic lives in ``healthlint.figures`` (extraction in ``quantities``, checks in
``arithmetic``); this module registers each check and turns rule options into ``Opts``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from healthlint.document import Document
from healthlint.figures import arithmetic as A
from healthlint.figures.lexicon import with_overrides
from healthlint.registry import Hit, OptionsError, check

_NUMERIC = {
    "tolerance": (0.0, 1.0),
    "approx_tolerance": (0.0, 1.0),
    "max_kg_per_week": (0.0, 100.0),
    "min_weeks": (0.0, 520.0),
}
# Run-wide facts the engine adds to every rule's options; the figures rules do not use them.
_RUN_WIDE = {"today", "provided-by-layout", "site-root", "base-url"}


def prepare(options: dict[str, Any]) -> A.Opts:
    """Validate options once per process: numbers in range, ``lexicon`` a mapping of lists."""
    values: dict[str, float] = {}
    for key, (lo, hi) in _NUMERIC.items():
        if key in options:
            v = options[key]
            if isinstance(v, bool) or not isinstance(v, int | float) or not lo <= v <= hi:
                raise OptionsError(f"option '{key}' must be a number from {lo:g} to {hi:g}")
            values[key] = float(v)
    lexicon = options.get("lexicon")
    if lexicon is not None and not isinstance(lexicon, dict):
        raise OptionsError("option 'lexicon' must be a mapping of lexicon keys to lists")
    unknown = set(options) - set(_NUMERIC) - {"lexicon"} - _RUN_WIDE
    if unknown:
        raise OptionsError(f"option '{sorted(unknown)[0]}' is not known to the figures rules")
    try:
        lex = with_overrides(lexicon)
    except (ValueError, TypeError, KeyError) as exc:
        raise OptionsError(f"option 'lexicon' is invalid: {exc}") from None
    return A.Opts(lex=lex, **values)


@check("figures.total", prepare=prepare)
def total(doc: Document, opts: A.Opts) -> Iterable[Hit]:
    return A.check_total(doc, opts)


@check("figures.difference", prepare=prepare)
def difference(doc: Document, opts: A.Opts) -> Iterable[Hit]:
    return A.check_difference(doc, opts)


@check("figures.percent", prepare=prepare)
def percent(doc: Document, opts: A.Opts) -> Iterable[Hit]:
    return A.check_percent(doc, opts)


@check("figures.proportion", prepare=prepare)
def proportion(doc: Document, opts: A.Opts) -> Iterable[Hit]:
    return A.check_proportion(doc, opts)


@check("figures.units", prepare=prepare)
def units(doc: Document, opts: A.Opts) -> Iterable[Hit]:
    return A.check_units(doc, opts)


@check("figures.range", prepare=prepare)
def ranges(doc: Document, opts: A.Opts) -> Iterable[Hit]:
    return A.check_range(doc, opts)


@check("figures.conflict", prepare=prepare)
def conflict(doc: Document, opts: A.Opts) -> Iterable[Hit]:
    return A.check_conflict(doc, opts)


@check("figures.weight_loss_rate", prepare=prepare)
def weight_loss_rate(doc: Document, opts: A.Opts) -> Iterable[Hit]:
    return A.check_weight_loss(doc, opts)


CHECKS = {
    "total": A.check_total,
    "difference": A.check_difference,
    "percent": A.check_percent,
    "proportion": A.check_proportion,
    "units": A.check_units,
    "range": A.check_range,
    "conflict": A.check_conflict,
    "weight_loss_rate": A.check_weight_loss,
}
