"""Round 2 of the claims family: the DSHEA disclaimer is never a claim, brand-named supplement
claims, and the multi-code convention (distinct concerns: both codes; subsumption: the specific one)."""

from __future__ import annotations

import pytest

from healthlint.api import lint_string
from healthlint.claims.detect import analyse_text
from healthlint.claims.dshea import supplement_subject
from healthlint.claims.lexicon import load_lexicon


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def codes(text: str) -> list[str]:
    return sorted({f.code for f in lint_string(text, "s.txt", select=["CLM"])})


def detectors(text: str, lex) -> set[str]:
    return {c.detector for c in analyse_text(text, lex)}


@pytest.mark.parametrize(
    "text",
    [
        "These statements have not been evaluated by the Food and Drug Administration. "
        "This product is not intended to diagnose, treat, cure, or prevent any disease.",
        "This product is not intended to diagnose, treat, cure, or prevent any disease.",
        "These products are not intended to diagnose, treat, cure or prevent any disease.",
    ],
)
def test_the_dshea_disclaimer_is_not_a_disease_claim(text):
    assert codes(text) == []


def test_a_disease_claim_beside_the_disclaimer_is_still_reported():
    text = (
        "Our nettle tincture cures hay fever. This product is not intended to diagnose, treat, "
        "cure, or prevent any disease."
    )
    assert "CLM003" in codes(text)


def test_a_brand_name_makes_a_structure_function_claim_a_supplement_claim(lex):
    text = "FlexiJoint Plus maintains supple joints and healthy cartilage."
    claim = next(c for c in analyse_text(text, lex) if c.detector == "dshea")
    assert supplement_subject(text, claim.start, lex) is not None
    # an ordinary sentence subject is not a brand
    text = "Regular stretching maintains supple joints."
    found = [c for c in analyse_text(text, lex) if c.detector == "dshea"]
    assert all(supplement_subject(text, c.start, lex) is None for c in found)


def test_a_supplement_page_selling_a_supply_needs_the_disclaimer():
    assert "CLM004" in codes("Promotes calm focus all day; order a 30-day supply now.")
    assert "CLM004" not in codes(
        "Promotes calm focus all day; order a 30-day supply now. These statements have not been "
        "evaluated by the Food and Drug Administration. This product is not intended to diagnose, "
        "treat, cure, or prevent any disease."
    )


def test_mechanism_verb_with_spot_or_gut_check_reports_both(lex):
    assert {"efficacy", "spot_reduction"} <= detectors("This gel dissolves thigh fat.", lex)
    assert {"efficacy", "weight_gut_check"} <= detectors(
        "The sauna suit melts fat while you watch TV.", lex
    )


def test_ordinary_fat_loss_verb_is_the_specific_claim_only(lex):
    got = detectors("Torch stubborn belly fat with this five-minute plan.", lex)
    assert "spot_reduction" in got and "efficacy" not in got


def test_disease_claim_is_not_also_certain_efficacy(lex):
    got = detectors("Our herbal drops reverse diabetes.", lex)
    assert got == {"disease"}


def test_absolute_words_beside_a_disease_claim_are_both_reported(lex):
    assert detectors("This spray ends sinusitis for good.", lex) == {"absolute", "disease"}


def test_wearing_or_rubbing_on_a_chosen_part_is_spot_reduction_and_gut_check(lex):
    got = detectors("Smooth the balm onto your belly and watch the inches fall off.", lex)
    assert {"spot_reduction", "weight_gut_check"} <= got
    # a product named with "with" is the spot-reduction claim only
    got = detectors("Flatten your tummy with the new contour gel.", lex)
    assert "spot_reduction" in got and "weight_gut_check" not in got


def test_few_negates_what_follows_but_a_few_does_not(lex):
    assert detectors("Few serums have been shown to erase wrinkles.", lex) == set()
    assert "efficacy" in detectors("A few drops erase wrinkles overnight.", lex)


def test_no_pattern_exhausts_re2s_dfa_memory(tmp_path):
    """RE2 prints "DFA out of memory" to standard error (and slows to its NFA) when a pattern's
    automaton is too large, e.g. a long term list repeated under a counted repetition."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import yaml\n"
        "from healthlint.claims.lexicon import load_lexicon\n"
        "lex = load_lexicon()\n"
        "items = yaml.safe_load(open('tests/data/claims_probes.yml', encoding='utf-8'))\n"
        "text = ' '.join(i['t'] for i in items)\n"
        "for _k, _d, p in lex.flat:\n"
        "    list(p.regex.finditer(text))\n"
    )
    got = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "out of memory" not in got.stderr


def test_vitamins_injected_in_a_procedure_do_not_make_a_supplement_page():
    """Dietary supplements are taken by mouth (21 U.S.C. 321(ff)): a clinic page on an injected
    cocktail of vitamins is about a procedure, and needs no DSHEA disclaimer."""
    procedure = (
        "The clinic injects a blend of vitamins and plant extracts under the skin with fine "
        "needles. The sessions aim to improve the skin's texture over a few months."
    )
    assert "CLM004" not in codes(procedure)
    swallowed = (
        "Each morning, swallow a blend of vitamins and plant extracts with water. "
        "The blend aims to improve the skin's texture over a few months."
    )
    assert "CLM004" in codes(swallowed)
