"""The claims rule pack: documented rules, and the documented examples behave as documented."""

from __future__ import annotations

import pytest

from healthlint.api import lint_string
from healthlint.claims.lexicon import DETECTORS
from healthlint.packs import builtin_rules_dir, load_pack

PACK = load_pack(builtin_rules_dir() / "claims.yml")


def test_every_detector_has_a_documented_rule():
    checks = {r.check for r in PACK.rules}
    assert checks == {f"claims.{d}" for d in DETECTORS}
    for rule in PACK.rules:
        assert rule.code.startswith("CLM") and 1 <= int(rule.code[3:]) <= 99
        assert rule.category == "claims"
        assert rule.sources and rule.rationale.strip() and rule.summary
        assert rule.examples.get("bad") and rule.examples.get("good")


@pytest.mark.parametrize("rule", PACK.rules, ids=lambda r: r.code)
def test_bad_example_is_flagged_and_good_is_not(rule):
    bad = lint_string(rule.examples["bad"] + "\n", "example.txt", select=[rule.code])
    good = lint_string(rule.examples["good"] + "\n", "example.txt", select=[rule.code])
    assert [f.code for f in bad] and {f.code for f in bad} == {rule.code}
    assert good == []
