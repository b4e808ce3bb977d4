"""End to end: fixture articles, the seed article, options and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from healthlint.api import lint_string
from tests.conftest import FIXTURES, run_cli, seed_path

CLAIMS = FIXTURES / "claims"
ARTICLES = sorted(p for p in CLAIMS.iterdir() if p.suffix in (".md", ".html", ".txt"))


def _claims(path: Path, **kw):
    return lint_string(path.read_text(encoding="utf-8"), path.name, select=["CLM"], **kw)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_fixture_findings_match_expected(article):
    expected = json.loads(article.with_suffix(".expected.json").read_text(encoding="utf-8"))[
        "findings"
    ]
    got = [
        {"code": f.code, "line": f.line, "severity": f.severity, "text": f.text}
        for f in _claims(article)
    ]
    key = lambda d: (d["line"], d["code"], d["text"])  # noqa: E731
    assert sorted(got, key=key) == sorted(expected, key=key)


def test_fixtures_cover_markdown_and_html():
    assert {p.suffix for p in ARTICLES} >= {".md", ".html"}


@pytest.mark.parametrize("ext", ["txt", "md", "html"])
def test_seed_article(ext):
    path = seed_path(ext)
    findings = lint_string(path.read_text(encoding="utf-8"), path.name, select=["CLM"])
    texts = [f.text for f in findings]
    for must in (
        "melt fat",
        "melt excess fat deposits",
        "will see significant reduction",
        "you can expect long term cellulite removal",
    ):
        assert must in texts, (must, texts)
    assert any(t.startswith("Many people who tried the treatment reported") for t in texts)
    joined = " | ".join(texts).lower()
    for never in ("100% guaranteed", "guarantee", "permanent", "scarring"):
        assert never not in joined, (never, texts)
    # an injected procedure, not a dietary supplement: no DSHEA disclaimer is owed
    assert "CLM004" not in {f.code for f in findings}
    attributed = [f for f in findings if f.text == "you can expect long term cellulite removal"]
    assert attributed[0].severity == "info" and "Attributed" in attributed[0].message
    assert all(f.suggestion for f in findings)


SUPPLEMENT = """# Joint formula

Our turmeric capsules support joint health and flexibility.

Take two capsules a day with food.
"""
DISCLAIMER = (
    "\n*These statements have not been evaluated by the Food and Drug Administration. "
    "This product is not intended to diagnose, treat, cure, or prevent any disease.*\n"
)


def test_dshea_missing_disclaimer_explains_the_topic():
    (f,) = lint_string(SUPPLEMENT, "joint.md", select=["CLM004"])
    assert f.text == "support joint health"
    assert "'capsule" in f.message and "missing" in f.message
    assert any("supplement topic" in r.message for r in f.related)


def test_dshea_disclaimer_present_or_reworded():
    assert lint_string(SUPPLEMENT + DISCLAIMER, "joint.md", select=["CLM004"]) == []
    reworded = SUPPLEMENT + "\nThis product has not been evaluated by the FDA.\n"
    (f,) = lint_string(reworded, "joint.md", select=["CLM004"])
    assert "reworded" in f.message


def test_dshea_needs_a_supplement_page():
    text = "# Walking\n\nBrisk walking supports joint health and boosts your mood.\n"
    assert lint_string(text, "walk.md", select=["CLM004"]) == []
    opts = {"CLM004": {"extra-terms": ["Walkwell"]}}
    text2 = "# Walkwell\n\nWalkwell bites support joint health.\n"
    assert lint_string(text2, "walk.md", select=["CLM004"]) == []
    (f,) = lint_string(text2, "walk.md", select=["CLM004"], options=opts)
    assert "walkwell" in f.message.lower()


def test_link_in_paragraph_answers_studies_show():
    linked = "Studies show [a small effect](https://example.org/trial) on sleep.\n"
    bare = "Studies show a small effect on sleep.\n"
    assert lint_string(linked, "a.md", select=["CLM009"]) == []
    assert [f.code for f in lint_string(bare, "a.md", select=["CLM009"])] == ["CLM009"]


def test_user_hype_terms_option():
    text = "Our gamechanger serum.\n"
    assert lint_string(text, "a.md", select=["CLM010"]) == []
    opts = {"CLM010": {"extra-terms": ["gamechanger"]}}
    assert [f.text for f in lint_string(text, "a.md", select=["CLM010"], options=opts)] == [
        "gamechanger"
    ]


def test_cli_json_reports_claims(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("# Tea\n\nThis tea cures arthritis.\n\nIt may help some people relax.\n")
    proc = run_cli("check", str(article), "--select", "CLM", "--format", "json", "--no-cache")
    data = json.loads(proc.stdout)
    assert [(f["code"], f["line"], f["text"]) for f in data["findings"]] == [
        ("CLM003", 3, "cures arthritis")
    ]
