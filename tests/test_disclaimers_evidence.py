"""Unit tests of trust-evidence gathering (healthlint.evidence) and topic detection (healthlint.topics)."""

from __future__ import annotations

import datetime as dt

import pytest

from healthlint.api import load_string
from healthlint.checks.disclaimers import months_before
from healthlint.evidence import evidence_config, gather, host_matches, parse_date
from healthlint.registry import OptionsError
from healthlint.topics import detect_topics, topic_lexicon


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-02", dt.date(2024, 3, 2)),
        ("2024-03-02T10:00:00+01:00", dt.date(2024, 3, 2)),
        ("2 March 2024", dt.date(2024, 3, 2)),
        ("2nd of March, 2024", dt.date(2024, 3, 2)),
        ("March 2, 2024", dt.date(2024, 3, 2)),
        ("Sept. 9, 2023", dt.date(2023, 9, 9)),
        ("March 2024", dt.date(2024, 3, 1)),
        ("3/2/2024", dt.date(2024, 3, 2)),
        ("25/12/2023", dt.date(2023, 12, 25)),
        ("02.03.2024", dt.date(2024, 3, 2)),
        ("2024/03/02", dt.date(2024, 3, 2)),
        ("31 February 2024", None),
        ("soon", None),
        (2024, None),
    ],
)
def test_parse_date(text, expected) -> None:
    assert parse_date(text) == expected


def test_parse_date_accepts_front_matter_values() -> None:
    assert parse_date(dt.datetime(2020, 1, 2, 3, 4)) == dt.date(2020, 1, 2)
    assert parse_date(dt.date(2020, 1, 2)) == dt.date(2020, 1, 2)


def test_months_before_clamps_the_day() -> None:
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 11, 20), 24) == dt.date(2024, 11, 20)
    assert months_before(dt.date(2026, 1, 15), 13) == dt.date(2024, 12, 15)


HTML = """<!DOCTYPE html><html><head>
<meta property="article:published_time" content="2023-01-05T08:00:00Z">
<meta name="author" content="Kai Brown">
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "Organization", "name": "Clinic Co", "datePublished": "1999-01-01"},
  {"@type": "MedicalWebPage", "lastReviewed": "2025-06-30",
   "reviewedBy": [{"@type": "Person", "name": "Dr Noor Haddad"}],
   "citation": {"@type": "ScholarlyArticle", "datePublished": "2001-01-01"}}
]}
</script></head><body><main>
<p>Updated <time datetime="2024-09-09">9 Sep 2024</time></p>
<span class="byline">by Lee Park</span>
<p>Medically reviewed by Dr Ivo Novak, MD on March 3, 2024</p>
</main></body></html>"""


def test_gather_html_from_every_place() -> None:
    doc = load_string(HTML, "page.html")
    ev = gather(doc, evidence_config({}))
    dates = {(d.kind, d.value.isoformat(), d.origin.split(" ")[0]) for d in ev.dates}
    assert ("published", "2023-01-05", "<meta") in dates
    assert ("reviewed", "2025-06-30", "JSON-LD") in dates
    assert ("updated", "2024-09-09", "<time>") in dates
    assert ("reviewed", "2024-03-03", "the") in dates
    # the organisation and the cited article are not the page
    assert not any(d.value.year < 2020 for d in ev.dates)
    assert {p.name for p in ev.people_of("author")} == {"Kai Brown", "Lee Park"}
    assert [p.name for p in ev.people_of("reviewer")] == ["Dr Noor Haddad", "Dr Ivo Novak"]
    reviewed = ev.latest("reviewed")
    assert reviewed is not None and doc.source[reviewed.span[0] : reviewed.span[1]] == "2025-06-30"


def test_gather_markdown_front_matter_people_and_spans() -> None:
    md = "---\nauthors:\n  - name: Zoe Hart\n  - Li Wei\nreviewed_by: Dr Sara Costa\nlast-reviewed: 2026-02-01\n---\n\nText.\n"
    doc = load_string(md, "a.md")
    ev = gather(doc, evidence_config({}))
    assert [p.name for p in ev.people_of("author")] == ["Zoe Hart", "Li Wei"]
    assert [p.name for p in ev.people_of("reviewer")] == ["Dr Sara Costa"]
    (d,) = ev.dates
    assert d.kind == "reviewed" and md[d.span[0] : d.span[1]] == "2026-02-01"


def test_evidence_config_rejects_unknown_kinds() -> None:
    with pytest.raises(OptionsError, match="unknown kind 'editor'"):
        evidence_config({"extra-front-matter-keys": {"editor": ["x"]}})


@pytest.mark.parametrize(
    ("href", "ok"),
    [
        ("https://www.cdc.gov/x", True),
        ("https://pubmed.ncbi.nlm.nih.gov/123/", True),
        ("https://doi.org/10.1/x", True),
        ("http://www.nhs.uk/conditions/", True),
        ("https://gov.example.com/", False),
        ("https://notnih.gov.evil.com/", False),
        ("/relative/page", False),
        ("mailto:a@who.int", False),
    ],
)
def test_trusted_hosts(href: str, ok: bool) -> None:
    domains = (".gov", "nih.gov", "doi.org", ".nhs.uk", "who.int")
    assert host_matches(href, domains) is ok


def test_host_with_path_prefix() -> None:
    assert host_matches("https://example.org/journal/a1", ("example.org/journal",))
    assert not host_matches("https://example.org/shop/a1", ("example.org/journal",))


def test_topics_explain_their_triggers() -> None:
    doc = load_string(
        "Botox injections are a procedure. After the injection, avoid rubbing.\n", "a.md"
    )
    topics = detect_topics(doc, topic_lexicon({}))
    proc = topics["procedure"]
    assert [(t.word, t.count) for t in proc.triggers] == [
        ("botox", 1),
        ("injections", 1),
        ("procedure", 1),
        ("injection", 1),
    ]
    assert proc.mentions == 4
    assert doc.source[proc.triggers[1].span[0] : proc.triggers[1].span[1]] == "injections"
    assert proc.explain().startswith("a procedure ('")
    assert "treatment" not in topics


def test_topic_thresholds_are_options() -> None:
    doc = load_string("She takes one supplement at breakfast.\n", "a.md")
    assert "supplement" not in detect_topics(doc, topic_lexicon({}))
    lex = topic_lexicon({"topic-min-mentions": {"supplement": 1}})
    assert detect_topics(doc, lex)["supplement"].triggers[0].word == "supplement"
    with pytest.raises(OptionsError, match="topic-min-mentions"):
        topic_lexicon({"topic-min-mentions": {"supplement": 0}})


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            "<p>Page last reviewed: 12 March 2024<br>Next review due: 12 March 2027</p>",
            [("reviewed", "2024-03-12")],
        ),
        ("<p>By Jo Lee | Updated 2 May 2024</p>", [("updated", "2024-05-02")]),
        ("<p>This page was last updated on 3 March 2024.</p>", [("updated", "2024-03-03")]),
        ("<p>Posted on 05/06/2021 by admin</p>", [("published", "2021-05-06")]),
        # dates of other things, in prose, are not the page's dates
        ("<p>This study, published 4 May 2019, was small.</p>", []),
        ("<p>The guideline was updated on 2 May 2019.</p>", []),
    ],
)
def test_dated_lines_versus_prose(html: str, expected: list[tuple[str, str]]) -> None:
    doc = load_string(f"<html><body><main>{html}</main></body></html>", "x.html")
    ev = gather(doc, evidence_config({}))
    assert [(d.kind, d.value.isoformat()) for d in ev.dates] == expected
