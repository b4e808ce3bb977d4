"""The RE2 screens that let the detector skip patterns: they must never change what is found."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from healthlint.checks.claims import _preparer, analyse
from healthlint.claims import analyse_text, load_lexicon
from healthlint.claims.dshea import supplement_topic, topic_blocks
from healthlint.claims.screen import Screen, relax, texts_hit

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def lex():
    got = load_lexicon()
    got.build_screens()  # normally built once a process has analysed enough sentences
    return got


@pytest.fixture(scope="module")
def unscreened(lex):
    raw = copy.copy(lex)
    raw.block_screen = None
    raw.pattern_screen = None
    raw.context_screen = None
    raw.topic_screen = None
    return raw


def _sentences() -> list[str]:
    out = []
    for split in ("dev", "heldout"):
        items = yaml.safe_load((ROOT / "benchmarks" / "data" / f"claims_{split}.yml").read_text())
        out += [it["t"] for it in items]
    return out


@pytest.mark.parametrize(
    ("src", "text"),
    [
        (r"\bfat\b(?!\s+cells?)", "burns fat cells"),  # the lookahead goes: a superset
        (r"(?<!un)\blikely\b", "unlikely"),
        (r"^start\s+taking$", "start\u00a0taking"),  # re's \s takes a no-break space
        (r"\d+\s?kg", "\u0663 kg"),  # an Arabic-Indic digit is re's \d
        (r"[\w'-]+ness", "caf\u00e9ness"),
    ],
)
def test_relaxed_pattern_matches_where_the_original_does(src, text):
    import re2

    relaxed = relax(src)
    assert relaxed is not None
    assert re2.search("(?i)" + relaxed, text) is not None
    # and the relaxed form is no narrower on what the original matches
    if re.search(src, text, re.I):
        assert re2.search("(?i)" + relaxed, text)


def test_relax_keeps_character_classes_and_escapes():
    assert relax(r"[^.;:!?]{0,5}\$\^") == r"[^.;:!?]{0,5}\$\^"
    assert relax(r"a(?=b(c))d") == "a(?:)d"
    assert relax(r"a(?=b") is None


def test_screen_reports_matching_patterns_and_always_the_refused_ones():
    screen = Screen([("melts?", True), ("(a)\\1", False), (r"\bzap\b", False)])
    assert screen.candidates("It melts.") == {0, 1}  # 1: a backreference RE2 refuses
    assert screen.candidates("zap it") == {1, 2}


def test_screened_detector_finds_exactly_what_the_plain_one_finds(lex, unscreened):
    texts = _sentences()
    texts += [t.lower() for t in texts] + [t.replace(" ", "  ") for t in texts]
    for text in texts:
        assert analyse_text(text, lex) == analyse_text(text, unscreened), text


def test_screened_topic_blocks_keep_every_block_with_a_trigger(lex, unscreened):
    texts = [*_sentences(), "", "capsules", "vitamin C", "no supplement words here"]
    kept = set(topic_blocks(texts, lex))
    assert topic_blocks(texts, unscreened) == list(range(len(texts)))
    for i, text in enumerate(texts):
        if supplement_topic(text, lex).triggers:
            assert i in kept, text
    assert len(kept) < len(texts)  # the screen does skip something
    assert topic_blocks(["Zinc\x00and", "vitamin"], lex) == [0, 1]  # a NUL: no screening


def test_restating_a_default_setting_shares_the_lexicon_and_the_analysis():
    """CLM005's pack sets max-lb-per-week: 2, the default: one analysis serves every rule."""
    a = _preparer("weight_gut_check")({"max-lb-per-week": 2})
    b = _preparer("absolute")({})
    c = _preparer("weight_gut_check")({"max-lb-per-week": 3})
    assert a.lex is b.lex
    assert c.lex is not b.lex and c.lex.settings["max_lb_per_week"] == 3


def test_document_analysis_runs_once_per_lexicon(lex):
    from healthlint.api import load_string

    doc = load_string("# Gummies\n\nThese gummies melt fat. They cure acne.\n", "a.md")
    first = analyse(doc, lex)
    assert [c.detector for _s, c in first] == ["efficacy", "disease"]
    assert analyse(doc, lex) is first


def test_texts_hit_credits_a_match_to_every_text_it_touches():
    import re2

    regex = re2.compile("a[^.]*?b")  # can run across the separator the texts are joined with
    assert texts_hit(regex, ["xa", "yb", "b", "q"]) == [0, 1]
    assert texts_hit(regex, ["ab", "", "zzab"]) == [0, 2]
    assert texts_hit(None, ["x", "y"]) == [0, 1]


def test_large_counted_repetitions_are_widened_for_the_screen():
    from healthlint.claims.screen import relax, widen

    # a long counted gap becomes unbounded (a superset RE2 compiles small); short ones stay
    assert widen(r"\bwear\b[^.]{0,80}?\blose\b(?:\w+\s+){0,3}x") == (
        r"\bwear\b[^.]*?\blose\b(?:\w+\s+){0,3}x"
    )
    assert widen(r"a{2,40}[x{0,90}]") == r"a{2,}[x{0,90}]"
    assert relax(r"a[^.]{1,60}b(?=c)") == r"a[^.]+b(?:)"


def test_pattern_screen_is_built_only_once_enough_sentences_need_it():
    from healthlint.claims.lexicon import SCREEN_AFTER, build_lexicon

    fresh = build_lexicon()
    assert fresh.pattern_screen is None and fresh.block_screen is None
    text = "These gummies melt fat and cure acne."
    first = analyse_text(text, fresh)  # unscreened: every pattern is tried
    for _ in range(SCREEN_AFTER):
        analyse_text("A plain sentence about the weather.", fresh)
    assert fresh.pattern_screen is not None and fresh.block_screen is fresh.pattern_screen
    assert analyse_text(text, fresh) == first
