"""The generated rule reference stays in step with the rule packs."""

from __future__ import annotations

from healthlint.docs import rules_markdown
from healthlint.ruleset import all_rules
from tests.conftest import ROOT


def test_rule_reference_is_up_to_date():
    expected = rules_markdown(all_rules())
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == expected, (
        "docs/rules.md is stale: run `healthlint rules --format markdown > docs/rules.md`"
    )


def test_every_rule_has_examples_and_sources_in_its_docs():
    for rule in all_rules():
        if rule.code == "HL001":
            continue
        assert rule.examples.get("bad"), f"{rule.code} has no bad example"
        assert rule.sources, f"{rule.code} cites no source"
        if rule.category == "accessibility" and rule.act:
            assert all(len(a) == 6 for a in rule.act), rule.code
