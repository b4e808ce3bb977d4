"""End-to-end tests of the disclaimers family (DIS001-DIS009) on fixtures and the seed article."""

from __future__ import annotations

import json

import pytest

from healthlint.api import lint_string
from healthlint.errors import HealthlintError

from .conftest import FIXTURES, run_cli, seed_path

TODAY = "2026-11-20"
DIS = FIXTURES / "disclaimers"


def lint(name_or_source: str, filename: str | None = None, **kw):
    """Findings of the disclaimers family for a fixture (by name) or a source string."""
    if filename is None:
        path = DIS / name_or_source
        source, filename = path.read_text(encoding="utf-8"), path.name
    else:
        source = name_or_source
    kw.setdefault("today", TODAY)
    kw.setdefault("select", ["DIS"])
    return lint_string(source, filename, **kw)


def codes(findings) -> set[str]:
    return {f.code for f in findings}


# Each "bad" fixture is a well-made article missing exactly one trust signal.
EXPECTED = {
    "good.html": set(),
    "good.md": set(),
    "not-health.md": set(),
    "no-disclaimer.html": {"DIS001"},
    "no-advice.md": {"DIS002"},
    "risks-missing.md": {"DIS003"},
    "no-sources.html": {"DIS004"},
    "no-date.html": {"DIS005"},
    "stale-review.html": {"DIS006"},
    "no-author.md": {"DIS007"},
    "no-reviewer.md": {"DIS008"},
    "affiliate.md": {"DIS009"},
    "layout-provided.md": {"DIS001"},  # no disclaimer in the file; see the layout tests
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings(name: str) -> None:
    assert codes(lint(name)) == EXPECTED[name]


def test_every_fixture_is_listed() -> None:
    on_disk = {p.name for p in DIS.iterdir() if p.suffix in (".html", ".md")}
    assert on_disk == set(EXPECTED)


# --- the seed article ------------------------------------------------------------------------


def test_seed_html() -> None:
    path = seed_path("html")
    found = lint(path.read_text(encoding="utf-8"), path.name)
    assert codes(found) == {"DIS001", "DIS004", "DIS005", "DIS007", "DIS008"}
    # "It's best to consult with a qualified health professional" and the side-effects section
    assert not codes(found) & {"DIS002", "DIS003"}
    dis001 = next(f for f in found if f.code == "DIS001")
    assert dis001.text.startswith("<html")
    assert "mesotherapy" in dis001.message and "treatment" in dis001.message


def test_seed_markdown_is_stale_at_its_date() -> None:
    path = seed_path("md")
    source = path.read_text(encoding="utf-8")
    found = lint(source, path.name)
    assert codes(found) == {"DIS001", "DIS004", "DIS006", "DIS007", "DIS008"}
    stale = next(f for f in found if f.code == "DIS006")
    assert (stale.line, stale.column) == (3, 7)
    assert stale.text == "2015-03-02"
    assert "front matter 'date'" in stale.message and "24 months" in stale.message


def test_cli_json_on_seed_markdown() -> None:
    proc = run_cli(str(seed_path("md")), "--select", "DIS", "--today", TODAY, "--format", "json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert {f["code"] for f in data["findings"]} == {
        "DIS001",
        "DIS004",
        "DIS006",
        "DIS007",
        "DIS008",
    }


# --- layout-provided signals -----------------------------------------------------------------


def test_layout_provided_disclaimer_for_markdown() -> None:
    assert codes(lint("layout-provided.md")) == {"DIS001"}
    assert codes(lint("layout-provided.md", provided_by_layout=["disclaimer"])) == set()


def test_layout_declaration_does_not_excuse_a_built_html_page() -> None:
    # a full page already contains its layout: the footer is where the disclaimer would be
    assert codes(lint("no-disclaimer.html", provided_by_layout=["disclaimer"])) == {"DIS001"}


def test_layout_declaration_covers_html_fragments() -> None:
    page = (DIS / "no-disclaimer.html").read_text(encoding="utf-8")
    body = page[page.index("<main>") : page.index("</main>") + len("</main>")]
    assert codes(lint(body, "fragment.html")) == {"DIS001"}
    assert codes(lint(body, "fragment.html", provided_by_layout=["disclaimer"])) == set()


def test_layout_can_provide_author_reviewer_sources_and_date() -> None:
    seed = seed_path("md").read_text(encoding="utf-8")
    provided = ["disclaimer", "author", "reviewer", "sources", "date"]
    # the layout prints a date, but the page's own old date is still judged
    assert codes(lint(seed, "seed.md", provided_by_layout=provided)) == {"DIS006"}


def test_unknown_layout_value_is_an_error() -> None:
    with pytest.raises(HealthlintError, match=r"provided-by-layout.*'disclaimers'"):
        lint("good.md", provided_by_layout=["disclaimers"])


# --- dates -----------------------------------------------------------------------------------


def test_stale_review_points_at_the_visible_date() -> None:
    found = lint("stale-review.html")
    (stale,) = found
    assert stale.text == "14 March 2022"
    assert "last reviewed on 2022-03-14" in stale.message


def test_review_date_wins_over_a_newer_published_date() -> None:
    md = (
        (DIS / "good.md")
        .read_text(encoding="utf-8")
        .replace("reviewed: 2026-03-15", "reviewed: 2023-01-10")
    )
    (stale,) = lint(md, "x.md")
    assert stale.code == "DIS006" and stale.text == "2023-01-10"


def test_today_and_max_age_decide_staleness() -> None:
    assert codes(lint("stale-review.html", today="2024-03-01")) == set()
    assert codes(lint("stale-review.html", today="2024-03-15")) == {"DIS006"}
    assert codes(lint("stale-review.html", options={"DIS006": {"max-age-months": 60}})) == set()


def test_bad_date_options_are_errors() -> None:
    with pytest.raises(HealthlintError, match="max-age-months"):
        lint("good.md", options={"DIS006": {"max-age-months": 0}})
    with pytest.raises(HealthlintError, match="option 'today'"):
        lint("good.md", options={"DIS006": {"today": "20/11/2026"}})


def test_configurable_front_matter_keys() -> None:
    md = "---\nchecked_on: 2026-06-01\nwriter_name: Ana Silva\n---\n\nTake the medicine with food. The medicine can upset the stomach.\n"
    assert {"DIS005", "DIS007"} <= codes(lint(md, "x.md"))
    opts = {
        "DIS005": {"extra-front-matter-keys": {"reviewed": ["checked_on"]}},
        "DIS007": {"extra-front-matter-keys": {"author": ["writer_name"]}},
    }
    assert not codes(lint(md, "x.md", options=opts)) & {"DIS005", "DIS007"}


def test_toml_front_matter() -> None:
    md = (
        '+++\ntitle = "Ear drops"\ndate = 2016-05-01\nauthor = "Bea Kim"\n+++\n\n'
        "Ear drops are a medicine for wax. Use the medicine for five days.\n"
    )
    stale = next(f for f in lint(md, "x.md") if f.code == "DIS006")
    assert stale.text == "2016-05-01" and stale.line == 3


# --- topics, advice, risks -------------------------------------------------------------------


def test_risks_denied_do_not_count() -> None:
    md = (DIS / "risks-missing.md").read_text(encoding="utf-8")
    denied = md.replace(
        "## What the studies show", "The therapy has no side effects and is risk-free.\n\n## What"
    )
    assert "DIS003" in codes(lint(denied, "x.md"))
    described = md.replace("## What the studies show", "Mild redness is a side effect.\n\n## What")
    assert "DIS003" not in codes(lint(described, "x.md"))


def test_topic_words_are_explained_and_configurable() -> None:
    md = "---\ndate: 2026-10-01\n---\n\nCupping leaves round marks on the back. Many athletes try cupping.\n"
    assert codes(lint(md, "x.md")) == set()  # cupping is not in the lexicon: no topic, no rule
    opts = {"DIS003": {"extra-topic-terms": {"treatment": ["cupping"]}}}
    (f,) = lint(md, "x.md", options=opts, select=["DIS003"])
    assert "a treatment ('cupping')" in f.message
    assert f.related and f.related[0].message.startswith("'cupping' (2×)")


def test_applies_to_all_and_unknown_topic() -> None:
    md = (DIS / "not-health.md").read_text(encoding="utf-8")
    assert codes(lint(md, "x.md", options={"DIS007": {"applies-to": ["all"]}})) == {"DIS007"}
    with pytest.raises(HealthlintError, match="unknown topic 'wellness'"):
        lint(md, "x.md", options={"DIS007": {"applies-to": ["wellness"]}})


def test_advice_patterns_are_extensible() -> None:
    md = (DIS / "no-advice.md").read_text(
        encoding="utf-8"
    ) + "\nYour chemist can help you choose.\n"
    assert "DIS002" in codes(lint(md, "x.md"))
    opts = {
        "DIS002": {
            "extra-professionals": ["chemist"],
            "extra-patterns": [r"\b{professional}\s+can\s+help\b"],
        }
    }
    assert "DIS002" not in codes(lint(md, "x.md", options=opts))


# --- sources ---------------------------------------------------------------------------------


def test_untrusted_links_are_counted_in_the_message() -> None:
    (f,) = lint("no-sources.html")
    assert "links to 1 other page" in f.message
    opts = {"DIS004": {"extra-trusted-domains": ["example-wellness-blog.com"]}}
    assert codes(lint("no-sources.html", options=opts)) == set()


def test_citations_and_reference_headings_count() -> None:
    page = (DIS / "no-sources.html").read_text(encoding="utf-8")
    with_doi = page.replace("Read more on", "See doi:10.1136/bmj.k1234 and read more on")
    assert codes(lint(with_doi, "x.html")) == set()
    with_heading = page.replace("<p>Read more", "<h2>References</h2><p>Read more")
    assert codes(lint(with_heading, "x.html")) == set()
    topical = page.replace("<p>Read more", "<h2>Sources of support</h2><p>Read more")
    assert codes(lint(topical, "x.html")) == {"DIS004"}


# --- people ----------------------------------------------------------------------------------


def test_byline_lookalikes_are_not_authors() -> None:
    md = (DIS / "no-author.md").read_text(encoding="utf-8")
    md = md.replace(
        "## Too much",
        "By 2030, most adults may need more.\n\nBy the way, dose matters.\n\n## Too much",
    )
    assert "DIS007" in codes(lint(md, "x.md"))
    assert "DIS007" not in codes(
        lint(md.replace("## Too much", "By Ravi Patel, RD\n\n## Too much"), "x.md")
    )


def test_reviewer_in_long_prose_is_not_a_medical_reviewer() -> None:
    md = (DIS / "no-reviewer.md").read_text(encoding="utf-8")
    prose = (
        "The implant design used in most hospitals was reviewed by the Medicines Agency after "
        "reports of early wear in a small number of patients, and the agency asked makers to "
        "publish ten-year results for every model on the market before new sales were allowed."
    )
    assert "DIS008" in codes(lint(md + "\n" + prose + "\n", "x.md"))
    assert "DIS008" not in codes(lint(md + "\nMedically reviewed by Dr Ana Ruiz, FRCS\n", "x.md"))


# --- financial disclosure --------------------------------------------------------------------


def test_disclosure_clears_affiliate_links() -> None:
    md = (DIS / "affiliate.md").read_text(encoding="utf-8")
    (f,) = lint(md, "x.md")
    assert f.code == "DIS009" and f.severity == "info"
    assert "amazon.com" in f.message and f.line == 12
    disclosed = md + "\nWe earn a small commission if you buy through this link.\n"
    assert codes(lint(disclosed, "x.md")) == set()


def test_sponsored_rel_is_a_purchase_signal() -> None:
    page = (DIS / "good.html").read_text(encoding="utf-8")
    ad = page.replace(
        "</article>",
        '<p><a rel="sponsored" href="https://shop.example/kit">Home freezing kit</a></p></article>',
    )
    (f,) = lint(ad, "x.html")
    assert f.code == "DIS009" and "sponsored link" in f.message


def test_markdown_links_to_trusted_sites_count_as_sources() -> None:
    md = (DIS / "good.md").read_text(encoding="utf-8")
    start, end = md.index("## Sources"), md.index("*This article")
    trusted = (
        md[:start] + "Read the [NHS advice](https://www.nhs.uk/pregnancy/) too.\n\n" + md[end:]
    )
    assert codes(lint(trusted, "x.md")) == set()
    untrusted = trusted.replace("https://www.nhs.uk/pregnancy/", "https://mom-tips.example/iron")
    (f,) = lint(untrusted, "x.md")
    assert f.code == "DIS004" and "links to 1 other page" in f.message


def test_rule_docs_name_the_layout_value() -> None:
    proc = run_cli("rule", "DIS007")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert 'provided-by-layout = ["author"]' in " ".join(out.split())
