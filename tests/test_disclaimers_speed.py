"""The shortcuts that make the disclaimers family fast must never change a finding.

Each test compares a shortcut with the plain computation it replaces: the case fold with
``re``'s IGNORECASE, required literals with real matches, the topic scan and the block index with
``finditer`` over every block.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from healthlint.api import load_string
from healthlint.checks.disclaimers import (
    prepare_advice,
    prepare_dates,
    prepare_disclaimer,
    prepare_disclosure,
    prepare_people,
    prepare_risks,
    prepare_sources,
)
from healthlint.evidence import compile_pattern, evidence_config, lexicon
from healthlint.registry import OptionsError
from healthlint.topics import (
    TextIndex,
    _topic_matches,
    detect_topics,
    fold,
    required_clauses,
    topic_lexicon,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "disclaimers"


def _all_chars() -> str:
    return "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


def test_fold_keeps_every_character_in_place() -> None:
    every = _all_chars()
    assert len(fold(every)) == len(every)
    assert fold("İbuprofen ſupplement ıbuprofen ΣΑΣ") == fold("ibuprofen supplement IBUPROFEN σας")


def test_fold_equates_whatever_ignorecase_equates() -> None:
    every = _all_chars()
    chars = set("abcdefghijklmnopqrstuvwxyz0123456789-'’&") | {
        c for c in "ıſµμιβεθκπρσςφ" if c.isprintable()
    }
    for c in sorted(chars):
        matched = {m.group() for m in re.finditer(re.escape(c), every, re.IGNORECASE)}
        assert matched, c
        for x in matched:
            assert fold(x) == fold(c), (c, x, hex(ord(x)))


def _lexicon_patterns() -> list[re.Pattern[str]]:
    lex = lexicon()
    pats = [compile_pattern(p, "t") for p in lex["disclaimer"]["patterns"]]
    pats += [compile_pattern(p, "t") for p in lex["professional-advice"]["patterns"]]
    pats += [
        compile_pattern(p, "t", any_match=True) for p in lex["professional-advice"]["patterns"]
    ]
    pats += [compile_pattern(p, "t") for p in lex["risks"]["patterns"]]
    pats += [compile_pattern(p, "t", flags=0) for p in lex["sources"]["citation-patterns"]]
    for key in ("purchase-patterns", "link-text-patterns", "disclosure-patterns"):
        pats += [compile_pattern(p, "t") for p in lex["disclosure"][key]]
    cfg = evidence_config({})
    pats += [rx for _, rx in cfg.date_lines] + [rx for _, rx in cfg.people]
    pats += [s.patterns_rx for s in topic_lexicon({}).specs if s.patterns_rx is not None]
    return pats


PATTERNS = _lexicon_patterns()
WORDS = [
    "not", "a", "substitute", "for", "professional", "medical", "advice", "talk", "to", "your",
    "doctor", "GP", "side", "effects", "risks", "should", "NOT", "be", "used", "Smith", "et",
    "al.", "2020", "doi:", "10.1000/xyz", "PMID:", "12345678", "By", "Jane", "Roe", "Reviewed",
    "by", "Dr", "Lee", "Last", "updated:", "2", "March", "2024", "buy", "now", "affiliate",
    "commission", "physiotherapy", "arthritis", "tonsillectomy", "İ", "ſide", "ÉFFECTS", "’",
    "information", "only", "educational", "purposes", "seek", "care", "under", "supervision",
    "of", "pharmacist", "can", "cause", "bruising", "-", ",", ".", "(", ")",
]  # fmt: skip


def _clauses_hold(rx: re.Pattern[str], text: str, spaces: bool) -> bool:
    f = fold(text)
    return all(any(lit in f for lit in clause) for clause in required_clauses(rx, spaces))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=14),
    st.sampled_from([" ", "  ", "\t", "\xa0"]),
)
def test_required_literals_are_in_every_match(words: list[str], sep: str) -> None:
    text = sep.join(words)
    for rx in PATTERNS:
        m = rx.search(text)
        if m is not None:
            assert _clauses_hold(rx, m.group(), False), (rx.pattern, m.group())
            if " ".join(text.split()) == text:  # single plain spaces only
                assert _clauses_hold(rx, text, True), (rx.pattern, text)


def test_required_literals_examples() -> None:
    et_al = compile_pattern(lexicon()["sources"]["citation-patterns"][-1], "t", flags=0)
    assert (" et al",) in required_clauses(et_al, spaces=True)
    assert required_clauses(re.compile(r"\d+%")) == (("%",),)
    assert required_clauses(re.compile(r"\w+\s*\d")) == ()
    assert required_clauses(re.compile(r"(?:foo)?bar|baz")) == (("bar", "baz"),)


def _reference_topics(doc, lex):
    blocks = [b for b in doc.blocks if b.in_main] or doc.blocks
    return [
        [(id(b), m.span(), m.group()) for b in blocks for m in s.regex.finditer(b.text)]
        for s in lex.specs
    ]


def _fast_topics(doc, lex):
    scope = [b for b in doc.blocks if b.in_main] or doc.blocks
    return [
        [(id(b), m.span(), m.group()) for b, m in per] for per in _topic_matches(doc, lex, scope)
    ]


TOPIC_TEXT = """\
Pre-treatment and treatment-resistant cases; laser treatment or LASER-treatment plans.
The injection-site reaction after injections; physiotherapy, cryotherapy and tonsillectomy.
İbuprofen, ſupplements, SUPPLEMENT, omega-3 and over-the-counter pills; A&E.

Laser

treatment options and treatment plan, arthritis and dermatitis with high blood pressure.
"""


@pytest.mark.parametrize("name", [*sorted(p.name for p in FIXTURES.iterdir()), "<edge cases>"])
def test_topic_scan_matches_plain_finditer(name: str) -> None:
    if name == "<edge cases>":
        doc = load_string(TOPIC_TEXT, "edge.md")
    else:
        doc = load_string((FIXTURES / name).read_text(encoding="utf-8"), name)
    for lex in (
        topic_lexicon({}),
        topic_lexicon(
            {"extra-topic-terms": {"treatment": ["cupping", "pre*", "laser treatment plans"]}}
        ),
    ):
        assert _fast_topics(doc, lex) == _reference_topics(doc, lex)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(
                [*WORDS, "treatment", "laser", "therapy", "inject", "injections", "drugs", "health"]
            ),
            max_size=12,
        ),
        min_size=1,
        max_size=5,
    )
)
def test_topic_scan_matches_plain_finditer_on_random_pages(paragraphs: list[list[str]]) -> None:
    text = "\n\n".join(" ".join(p) or "x" for p in paragraphs)
    doc = load_string(text, "random.md")
    lex = topic_lexicon({})
    assert _fast_topics(doc, lex) == _reference_topics(doc, lex)
    detect_topics(doc, lex)  # and the cached path runs


def test_block_index_finditer_is_the_nested_loop() -> None:
    doc = load_string((FIXTURES / "affiliate.md").read_text(encoding="utf-8"), "affiliate.md")
    pats = [compile_pattern(p, "t") for p in lexicon()["disclosure"]["purchase-patterns"]]
    plain = [
        (k, j, m.span())
        for k, b in enumerate(doc.blocks)
        for j, rx in enumerate(pats)
        for m in rx.finditer(b.text)
    ]
    fast = [(k, j, m.span()) for k, j, m in TextIndex.of(doc).finditer(pats)]
    assert fast == plain and plain


PREPARES = [
    prepare_disclaimer,
    prepare_advice,
    prepare_risks,
    prepare_sources,
    prepare_dates,
    prepare_people,
    prepare_disclosure,
]


@pytest.mark.parametrize("prepare", PREPARES)
def test_unknown_option_is_an_error(prepare) -> None:
    with pytest.raises(OptionsError, match="unknown option 'extra-patern'"):
        prepare({"extra-patern": ["x"]})


@pytest.mark.parametrize("prepare", PREPARES)
def test_run_wide_options_are_accepted(prepare) -> None:
    prepare(
        {
            "today": "2025-01-01",
            "provided-by-layout": ["date"],
            "site-root": "/tmp/site",
            "base-url": "https://example.org/",
            "applies-to": ["all"],
        }
    )


def test_documented_options_are_accepted() -> None:
    prepare_disclaimer({"patterns": ["x"], "extra-patterns": ["y"]})
    prepare_advice({"extra-professionals": ["herbalist"], "extra-patterns": ["z"]})
    prepare_risks({"negations": ["no"], "extra-negations": ["never"]})
    prepare_sources({"extra-trusted-domains": ["example.org"], "extra-headings": ["Notes"]})
    prepare_dates({"max-age-months": 12, "extra-front-matter-keys": {"reviewed": ["checked"]}})
    prepare_people({"front-matter-keys": {"author": ["writer"]}})
    prepare_disclosure({"extra-link-patterns": ["shop\\."], "extra-disclosure-patterns": ["ad"]})
