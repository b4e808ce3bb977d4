"""The labelled evaluation set: size, balance, and precision/recall above the 0.9 target."""

from __future__ import annotations

import importlib.util

import pytest

from healthlint.claims.lexicon import load_lexicon
from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "claims_eval", ROOT / "benchmarks" / "claims_eval.py"
)
assert _spec and _spec.loader
claims_eval = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(claims_eval)


def test_set_is_large_and_balanced():
    items = claims_eval.load_split("dev") + claims_eval.load_split("heldout")
    assert len(items) >= 240
    claims = sum(1 for i in items if i["c"])
    assert abs(claims - (len(items) - claims)) <= len(items) * 0.05
    assert len({i["topic"] for i in items}) >= 10
    assert len(claims_eval.load_split("heldout")) >= 60


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_precision_and_recall(split):
    scores = claims_eval.evaluate(
        claims_eval.load_split(split),
        load_lexicon(),
        claims_eval.codes_by_detector(),
        False,
        quiet=True,
    )
    for key in ("family", "rules"):
        precision, recall = scores[key]
        assert precision >= 0.9 and recall >= 0.9, (split, key, scores[key])
