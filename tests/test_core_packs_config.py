"""Rule packs and config are validated with messages that name the file, the line and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthlint.config import from_mapping, load_file
from healthlint.errors import ConfigError
from healthlint.packs import load_pack
from healthlint.ruleset import RuleSet, all_rules
from tests.conftest import ROOT

HOUSE = ROOT / "tests" / "data" / "packs" / "house-style.yml"


def _pack(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "pack.yml"
    p.write_text(text, encoding="utf-8")
    return p


def test_builtin_packs_load_and_every_rule_is_documented():
    rules = all_rules()
    assert rules, "built-in packs define rules"
    codes = [r.code for r in rules]
    assert len(codes) == len(set(codes))
    for r in rules:
        assert r.summary and r.rationale.strip(), r.code
        if r.code != "HL001":
            assert r.sources, f"{r.code} cites no source"


def test_user_pack_loads():
    pack = load_pack(HOUSE)
    assert [r.code for r in pack.rules] == ["HOUSE001", "HOUSE002"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("pack: x\nrules: [", "pack.yml:3: invalid YAML"),
        (
            "pack: x\nrules:\n  - code: bad\n    name: a\n",
            "pack.yml:3: rule is missing required key 'category'",
        ),
        (
            "pack: x\nrules:\n  - code: bad\n    name: a\n    category: claims\n    severity: info\n    summary: s\n    rationale: r\n    type: existence\n    tokens: [a]\n    message: m\n",
            "pack.yml:3: rule code 'bad' must be",
        ),
        (
            "pack: x\nrules:\n  - code: X001\n    name: a\n    category: fun\n    severity: info\n    summary: s\n    rationale: r\n    type: existence\n    tokens: [a]\n    message: m\n",
            "pack.yml:5: category 'fun'",
        ),
        (
            "pack: x\nrules:\n  - code: X001\n    name: a\n    category: claims\n    severity: info\n    summary: s\n    rationale: r\n    type: existence\n    tokens: [a]\n    message: m\n    colour: red\n",
            "pack.yml:12: unknown rule key 'colour'",
        ),
        (
            "pack: x\nrules:\n  - code: X001\n    name: a\n    category: claims\n    severity: info\n    summary: s\n    rationale: r\n    type: existence\n    message: m\n",
            "needs 'tokens' or 'patterns'",
        ),
    ],
)
def test_broken_packs_name_file_and_line(tmp_path, text, expected):
    with pytest.raises(ConfigError) as exc:
        load_pack(_pack(tmp_path, text))
    assert expected in str(exc.value)


def test_bad_user_regex_is_a_config_error(tmp_path):
    p = _pack(
        tmp_path,
        "pack: x\nrules:\n  - code: X001\n    name: a\n    category: claims\n    severity: info\n"
        "    summary: s\n    rationale: r\n    type: existence\n    patterns: ['(unclosed']\n    message: m\n",
    )
    cfg = from_mapping({"packs": [str(p)], "select": ["X001"]}, "cfg", tmp_path)
    with pytest.raises(ConfigError, match="invalid pattern"):
        RuleSet(cfg)


def test_config_unknown_key_and_bad_values(tmp_path):
    with pytest.raises(ConfigError, match=r"unknown key 'fail_on'.*did you mean 'fail-on'"):
        from_mapping({"fail_on": "error"}, "cfg", tmp_path)
    with pytest.raises(ConfigError, match="'fail-on' must be one of"):
        from_mapping({"fail-on": "sometimes"}, "cfg", tmp_path)
    with pytest.raises(ConfigError, match="content-selector"):
        from_mapping({"content-selector": "main ~ p"}, "cfg", tmp_path)
    cfg = from_mapping({"select": ["NOPE"]}, "cfg", tmp_path)
    with pytest.raises(ConfigError, match="'NOPE' matches no rule"):
        RuleSet(cfg)


def test_pyproject_table_is_read(tmp_path):
    p = tmp_path / "pyproject.toml"
    p.write_text('[tool.healthlint]\nfail-on = "error"\nmax-file-size = "2MB"\n', encoding="utf-8")
    cfg = load_file(p)
    assert cfg.fail_on == "error" and cfg.max_file_size == 2_000_000
    p.write_text("[tool.healthlint\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_file(p)


def test_selection_by_category_prefix_and_name(tmp_path):
    rules = all_rules()
    some = rules[0]
    cfg = from_mapping({"select": [some.category], "ignore": [some.code]}, "cfg", tmp_path)
    rs = RuleSet(cfg)
    assert all(a.rule.category == some.category for a in rs.active)
    assert some.code not in rs.by_code


def test_skip_drafts_leaves_draft_posts_alone_only_when_asked(tmp_path):
    from healthlint.api import lint_string

    draft = "---\ntitle: T\ndraft: true\n---\n\nThis cream is guaranteed to cure eczema.\n"
    jekyll = "---\ntitle: T\npublished: false\n---\n\nThis cream is guaranteed to cure eczema.\n"
    live = "---\ntitle: T\ndraft: false\n---\n\nThis cream is guaranteed to cure eczema.\n"
    for src in (draft, jekyll, live):
        assert lint_string(src, "post.md", select=["CLM003"])  # linted by default
    assert not lint_string(draft, "post.md", select=["CLM003"], skip_drafts=True)
    assert not lint_string(jekyll, "post.md", select=["CLM003"], skip_drafts=True)
    assert lint_string(live, "post.md", select=["CLM003"], skip_drafts=True)
    cfg = from_mapping({"skip-drafts": True}, "cfg", tmp_path)
    assert cfg.skip_drafts is True
    with pytest.raises(ConfigError, match="'skip-drafts' must be true or false"):
        from_mapping({"skip-drafts": "yes"}, "cfg", tmp_path)
