"""SEO page rules on small pages written for these tests, the fixtures and the seed page."""

from __future__ import annotations

from pathlib import Path

import pytest

from healthlint.api import lint_string
from healthlint.errors import ConfigError
from tests.conftest import FIXTURES
from tests.test_accessibility import expected_annotations

SEO = FIXTURES / "seo"
GOOD = (FIXTURES / "accessibility" / "good.html").read_text(encoding="utf-8")


def codes(source: str, select: list[str], filename: str = "page.html", **kw: object) -> list[str]:
    return [f.code for f in lint_string(source, filename, select=select, **kw)]  # type: ignore[arg-type]


def good_with(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


TITLE = "<title>Compression stockings for varicose veins – Vein Care Notes</title>"
DESC = '<meta name="description" content="How compression stockings ease'


def test_title_length_and_site_name() -> None:
    assert codes(good_with(TITLE, "<title>Veins</title>"), ["SEO001"]) == ["SEO001"]
    assert codes(good_with(TITLE, "<title>Vein Care Notes</title>"), ["SEO001"]) == [
        "SEO001"
    ]  # og:site_name
    long = "<title>" + "Compression stockings " * 4 + "</title>"
    assert codes(good_with(TITLE, long), ["SEO001"]) == ["SEO001"]
    # a missing title is A11Y004's finding, not repeated by SEO001
    assert codes(good_with(TITLE, ""), ["SEO001", "A11Y004"]) == ["A11Y004"]
    assert (
        codes(
            good_with(TITLE, "<title>Veins</title>"),
            ["SEO001"],
            options={"SEO001": {"min-length": 3}},
        )
        == []
    )


def test_meta_description() -> None:
    assert codes(good_with(DESC, '<meta name="x'), ["SEO002"]) == ["SEO002"]
    short = good_with(DESC, '<meta name="description" content="Stockings.">\n<meta name="x')
    assert codes(short, ["SEO002"]) == ["SEO002"]
    assert codes(short, ["SEO002"], options={"SEO002": {"min-length": 5}}) == []


def test_bad_option_values_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="min-words"):
        lint_string(GOOD, "p.html", select=["SEO011"], options={"SEO011": {"min-words": "many"}})
    with pytest.raises(ConfigError, match="max-length"):
        lint_string(GOOD, "p.html", select=["SEO002"], options={"SEO002": {"max-length": 10}})


def test_single_h1_and_no_double_report_with_a11y() -> None:
    two = good_with("<h2>How they work</h2>", "<h1>How they work</h1>")
    assert codes(two, ["SEO003", "A11Y013"]) == ["SEO003"]
    none = GOOD.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    assert codes(none, ["SEO003", "A11Y013"]) == ["A11Y013"]


@pytest.mark.parametrize(
    ("href", "bad"),
    [
        ("https://veins.example.org/a/", False),
        ("/a/", True),
        ("veins.example.org/a/", True),
        ("https://veins example.org/a/", True),
        ("ftp://veins.example.org/a", True),
        ("https:///a", True),
    ],
)
def test_canonical(href: str, bad: bool) -> None:
    src = good_with(
        'href="https://veins.example.org/treatments/compression-stockings/">', f'href="{href}">'
    )
    assert bool(codes(src, ["SEO004"])) is bad


def test_canonical_missing_or_conflicting() -> None:
    assert codes(good_with('<link rel="canonical"', '<link rel="bookmark"'), ["SEO004"]) == [
        "SEO004"
    ]
    extra = good_with(
        "<head>", '<head>\n<link rel="canonical" href="https://veins.example.org/other/">'
    )
    assert codes(extra, ["SEO004"]) == ["SEO004"]


def test_noindex_only_on_articles() -> None:
    robots = '<meta name="robots" content="noindex">'
    assert codes(good_with("<head>", "<head>" + robots), ["SEO005"]) == ["SEO005"]
    plain = f"<!DOCTYPE html><html lang='en'><head><title>Search results</title>{robots}</head><body><p>x</p></body></html>"
    assert codes(plain, ["SEO005"]) == []


@pytest.mark.parametrize(
    ("value", "bad"),
    [
        ("en", False),
        ("en-GB", False),
        ("zh-Hant-TW", False),
        ("es-419", False),
        ("x-default", False),
        ("en-UK", True),
        ("english", True),
        ("en_GB", True),
        ("gb", True),
    ],
)
def test_hreflang(value: str, bad: bool) -> None:
    src = good_with('hreflang="en-GB"', f'hreflang="{value}"')
    assert bool(codes(src, ["SEO006"])) is bad


def test_open_graph() -> None:
    assert codes(good_with('<meta property="og:title"', '<meta property="og:x"'), ["SEO007"]) == [
        "SEO007"
    ]


def test_structured_data() -> None:
    start = GOOD.index('<script type="application/ld+json">')
    end = GOOD.index("</script>", start) + len("</script>")
    without = GOOD[:start] + GOOD[end:]
    assert codes(without, ["SEO008"]) == ["SEO008"]

    def with_ld(ld: str) -> str:
        return GOOD[:start] + f'<script type="application/ld+json">{ld}</script>' + GOOD[end:]

    assert codes(with_ld('{"@type": "WebSite", "name": "Vein Care Notes"}'), ["SEO008"]) == [
        "SEO008"
    ]
    cond = (
        '{"@context": "https://schema.org", "@type": "MedicalCondition", "name": "Varicose veins"}'
    )
    assert codes(with_ld(cond), ["SEO008", "SEO010"]) == []
    graph = (
        '{"@context": "https://schema.org", "@graph": [{"@type": "WebSite"}, {"@type": ["Article"],'
        ' "datePublished": "2026-01-01", "dateModified": "2026-02-01", "author": {"name": "A"}}]}'
    )
    assert codes(with_ld(graph), ["SEO008", "SEO010"]) == []
    med = '{"@type": "schema:MedicalWebPage", "datePublished": "2026-01-01", "dateModified": "2026-02-01", "author": "A"}'
    found = lint_string(with_ld(med), "p.html", select=["SEO010"])
    assert [f.code for f in found] == ["SEO010"] and "lastReviewed, reviewedBy" in found[0].message
    assert codes(with_ld('{"@type": "Article",}'), ["SEO008", "SEO009"]) == ["SEO009"]


def test_thin_content_counts_main_words_only() -> None:
    body = " ".join(["word"] * 120)
    src = (
        "<!DOCTYPE html><html lang='en'><head><title>Short article here</title></head><body>"
        f"<nav>{'menu ' * 400}</nav><main><h1>Short</h1><p>{body}</p></main></body></html>"
    )
    assert codes(src, ["SEO011"]) == ["SEO011"]
    assert codes(src, ["SEO011"], options={"SEO011": {"min-words": 100}}) == []


def test_crawlable_links_and_viewport() -> None:
    src = good_with('<a href="/privacy/">', '<a href="javascript:void(0)">')
    assert codes(src, ["SEO012"]) == ["SEO012"]
    assert codes(good_with('<a href="/privacy/">', '<a href="">'), ["SEO012"]) == ["SEO012"]
    assert codes(good_with('<a href="/privacy/">', "<a>"), ["SEO012"]) == []
    assert codes(good_with('<meta name="viewport"', '<meta name="x-viewport"'), ["SEO013"]) == [
        "SEO013"
    ]


def test_bad_fixture_findings_match_its_annotations() -> None:
    path = SEO / "bad.html"
    findings = lint_string(path.read_text(encoding="utf-8"), "bad.html", select=["SEO0"])
    assert {(f.code, f.line) for f in findings} == expected_annotations(path)


def test_markdown_front_matter_stands_in_for_head_tags() -> None:
    path = SEO / "article.md"
    findings = lint_string(
        path.read_text(encoding="utf-8"), str(path), select=["SEO0", "accessibility"]
    )
    want = expected_annotations(path) - {("SEO100", 16)}  # site-level: see test_site.py
    want.add(("SEO002", 1))  # no description: reported on the front matter
    assert {(f.code, f.line) for f in findings} == want
    # Markdown without front matter is a fragment: its layout supplies title and description
    assert codes("# Naps\n\nShort text.\n", ["SEO001", "SEO002"], "frag.md") == []


def test_seed_page(seed_html: Path) -> None:
    findings = lint_string(seed_html.read_text(encoding="utf-8"), "seed.html", select=["seo"])
    got = {f.code for f in findings}
    assert {
        "SEO002",
        "SEO004",
        "SEO008",
        "SEO013",
    } <= got  # description, canonical, JSON-LD, viewport
    assert not got & {"SEO001", "SEO003", "SEO011", "SEO012"}
