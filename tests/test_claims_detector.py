"""The claims detector on plain strings: what is a claim, and what negation, hedges and context do."""

from __future__ import annotations

import time

import pytest

from healthlint.checks.claims import _preparer, _rewrite
from healthlint.claims import analyse_text, load_lexicon
from healthlint.claims.dshea import disclaimer_status, supplement_topic
from healthlint.registry import OptionsError


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def found(text: str, lex) -> list[tuple[str, str]]:
    return [(c.detector, c.text) for c in analyse_text(text, lex)]


@pytest.mark.parametrize(
    ("text", "detector", "words"),
    [
        ("These pills melt fat in days.", "efficacy", "melt fat"),
        (
            "Formulas are injected to melt excess fat deposits.",
            "efficacy",
            "melt excess fat deposits",
        ),
        (
            "The patient will see significant reduction in wrinkles.",
            "efficacy",
            "will see significant reduction",
        ),
        (
            "Afterwards you can expect long term cellulite removal.",
            "efficacy",
            "you can expect long term cellulite removal",
        ),
        ("This herbal tea cures type 2 diabetes.", "disease", "cures type 2 diabetes"),
        ("Our balm heals psoriasis.", "disease", "heals psoriasis"),
        ("The clinic offers a 100% effective treatment.", "absolute", "100% effective"),
        ("It has no side effects at all.", "absolute", "no side effects"),
        ("Lose weight without dieting.", "weight_gut_check", "Lose weight without dieting"),
        ("Drop 14 pounds in two weeks.", "weight_gut_check", "Drop 14 pounds in two weeks"),
        (
            "The wrap trims inches off your thighs.",
            "spot_reduction",
            "trims inches off your thighs",
        ),
        (
            "Clients saw losses in weight of 4-10 inches.",
            "inches_weight",
            "losses in weight of 4-10 inches",
        ),
        (
            "Many people who tried the patch reported better sleep.",
            "anecdote",
            "Many people who tried the patch reported",
        ),
        ("Studies show the oil calms eczema-prone skin.", "uncited_evidence", "Studies show"),
        ("A breakthrough serum for tired skin.", "hype", "breakthrough"),
        (
            "Stop taking your insulin once the diet starts working.",
            "advice",
            "Stop taking your insulin",
        ),
    ],
)
def test_flags_the_claim_words(text, detector, words, lex):
    assert (detector, words) in found(text, lex)


@pytest.mark.parametrize(
    "text",
    [
        "However, the treatment is not 100% guaranteed to remove your cellulite.",
        "There is no guarantee that cellulite will not develop again.",
        "The results may not be permanent.",
        "An unfortunate possibility is permanent scarring.",
        "Permanent nerve damage is a rare side effect.",
        "There is no cure for type 1 diabetes.",
        "The vaccine does not completely prevent infection.",
        "Nothing works for everyone.",
        "Liposuction removes fat cells from a treated area, but it does not prevent weight gain.",
        "Sit-ups strengthen muscles but do not burn belly fat.",
        "Retinol may soften fine lines over several months.",
        "There is limited evidence that the cream reduces cellulite.",
        "Does collagen really reverse ageing?",
        "The claim that sugar feeds cancer is a myth.",
        "Creams that promise to erase wrinkles are best avoided.",
        "Metformin is used to treat type 2 diabetes.",
        "Do not stop taking your medicine without talking to your doctor.",
        "Regular exercise lowers the risk of heart disease.",
        "Aim to lose 1 to 2 pounds a week.",
        "Sellers say the spray cures insomnia, but there is no good evidence for this.",
        "Breakthrough bleeding is common in the first months on the pill.",
    ],
)
def test_careful_statements_are_quiet(text, lex):
    assert found(text, lex) == []


def test_pseudo_negation_does_not_negate(lex):
    assert ("efficacy", "melts fat") in found("Not only does it smell nice, it melts fat.", lex)


def test_terminator_ends_negation_scope(lex):
    claims = found("It is not a drug, but it melts fat fast.", lex)
    assert ("efficacy", "melts fat") in claims


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("It contains no parabens and melts fat.", ("efficacy", "melts fat")),
        ("It does not melt fat and cures acne.", ("disease", "cures acne")),
        ("The gel is not a drug and gets rid of cellulite.", ("efficacy", "gets rid of cellulite")),
    ],
)
def test_and_with_a_new_predicate_ends_a_noun_phrase_negation(text, claim, lex):
    assert claim in found(text, lex)


@pytest.mark.parametrize(
    "text",
    [
        "No product melts fat and tightens loose skin.",  # the negated clause has its own verb
        "Nothing burns fat and cures acne.",
        "There are no quick fixes and cures for acne.",  # "fixes" is read as a verb: no cut
        "The pills do not melt fat or cure acne.",  # "or" keeps the coordination negated
    ],
)
def test_negated_clauses_stay_negated_across_and(text, lex):
    assert found(text, lex) == []


def test_attributed_claims_are_marked(lex):
    claims = analyse_text("Supporters claim that it dissolves cellulite.", lex)
    assert [(c.detector, c.attributed) for c in claims] == [("efficacy", True)]
    own = analyse_text("It dissolves cellulite.", lex)
    assert [c.attributed for c in own] == [False]


def test_citation_answers_studies_show(lex):
    text = "Studies show a small effect (Smith et al., 2020)."
    assert [c.detector for c in analyse_text(text, lex, cited=True)] == []
    assert [c.detector for c in analyse_text("Studies show a small effect.", lex)] == [
        "uncited_evidence"
    ]


def test_rate_threshold_is_an_option(lex):
    text = "Lose 3 pounds a week."
    assert [c.detector for c in analyse_text(text, lex)] == ["weight_gut_check"]
    loose = _preparer("weight_gut_check")({"max-lb-per-week": 3})
    assert analyse_text(text, loose.lex) == []


def test_extra_terms_extend_the_lexicon():
    base = load_lexicon()
    text = "Two SlimPro bites a day support healthy digestion."
    assert not supplement_topic(text, base).is_supplement
    opts = _preparer("dshea")({"extra-terms": ["SlimPro"]})
    topic = supplement_topic(text, opts.lex)
    assert topic.is_supplement and topic.triggers[0][0] == "SlimPro"
    disease = _preparer("disease")({"lexicon": {"disease": ["lipoedema"]}})
    assert [c.detector for c in analyse_text("The wrap cures lipoedema.", disease.lex)] == [
        "disease"
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"extra-terms": "SlimPro"}, "extra-terms"),
        ({"lexicon": ["x"]}, "lexicon"),
        ({"lexicon": {"no_such_list": ["x"]}}, "no_such_list"),
        ({"colour": 1}, "colour"),
    ],
)
def test_bad_options_are_reported(options, message):
    with pytest.raises(OptionsError, match=message):
        _preparer("dshea")(options)


def test_dshea_disclaimer_status(lex):
    full = (
        "These statements have not been evaluated by the Food and Drug Administration. "
        "This product is not intended to diagnose, treat, cure, or prevent any disease."
    )
    assert disclaimer_status(full, lex) == "present"
    assert (
        disclaimer_status("Not evaluated by the FDA. Not intended to treat anything.", lex)
        == "altered"
    )
    assert disclaimer_status("Ask your pharmacist before use.", lex) == "missing"
    assert disclaimer_status("This has not been evaluated by the FDA.", lex) == "altered"


def test_rewrite_hedges_the_claim(lex):
    assert _rewrite("melt fat", lex) == "may help reduce fat"
    assert _rewrite("will see significant reduction", lex) == "may see a modest reduction"


def test_fast_enough(lex):
    sentences = [
        "Mesotherapy is a kind of injection lipolysis that uses microinjections to melt excess fat deposits.",
        "The results may not be permanent though since there is no guarantee that cellulite will not develop again.",
        "Depending on the physician you choose and several other factors such as age, your cellulite may or may not get reduced.",
    ] * 50
    # the pattern screen is built once per process after a few hundred sentences (about 0.3 s):
    # build it first, so that one-off cost is not counted against the sentences timed here
    lex.build_screens()
    start = time.perf_counter()
    for s in sentences:
        analyse_text(s, lex)
    per = (time.perf_counter() - start) / len(sentences)
    # a guard against catastrophic backtracking (generous: CI machines are shared and slow)
    assert per < 0.005, f"{per * 1e6:.0f} µs per sentence"
