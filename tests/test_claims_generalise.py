"""General editorial patterns of the claims family, pinned with original probe sentences.

Each mechanism has sentences that must give a claim and sentences that must stay quiet. None of
them comes from the evaluation sets: they are written to check that a pattern generalises past
the wording it was tuned on (other verbs of the same peer group, other topics, other forms).
"""

from __future__ import annotations

import pytest
import yaml

from healthlint.api import lint_string
from healthlint.claims import analyse_text, load_lexicon
from healthlint.claims.detect import has_citation
from healthlint.claims.dshea import supplement_subject, supplement_topic
from healthlint.claims.lexicon import _past
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def detectors(text: str, lex, only: tuple[str, ...] | None = None) -> set[str]:
    """What the benchmark sees: the sentence is its own paragraph, cited if it cites."""
    return {c.detector for c in analyse_text(text, lex, only, cited=has_citation(text, lex))}


# (sentence, detector that must fire); the detector is run alone where another one overlaps it
CLAIMS = [
    # passive voice with a peer-group verb: the thing is made to vanish
    ("Dark circles are erased by our under-eye serum.", "efficacy"),
    ("Trapped toxins get flushed away by this bamboo foot soak.", "efficacy"),
    # repair claims about the body's own tissue
    ("Our collagen shots rebuild worn cartilage in your knees.", "efficacy"),
    ("This balm regenerates damaged nerve endings.", "efficacy"),
    # protection from a disease, with the object between the verb and "from/against"
    ("Our eucalyptus chest rub protects toddlers against chest infections.", "disease"),
    ("The tincture protected my whole family from flu all winter.", "disease"),
    # a disease said to clear with a product, and a product that cuts the risk of a disease
    ("Rosacea clears up fast with our probiotic face mist.", "disease"),
    ("These walnut bars cut your risk of a heart attack.", "disease"),
    # injuries are conditions too
    ("A dab of comfrey oil heals fractures in half the time.", "disease"),
    # a list of "no X" items is not a negation of its last item
    ("No needles, no downtime, no side effects.", "absolute"),
    ("Goodbye to bloating for good with our fennel blend.", "absolute"),
    # testimonials: crowds, named people, groups, first person
    ("Over 10,000 satisfied mums can't be wrong.", "anecdote"),
    ("Priya, 38, says her eczema never came back.", "anecdote"),
    ("Readers in our online community swear by the morning shot.", "anecdote"),
    ("'My hay fever stopped within days,' says Tom from Bristol.", "anecdote"),
    ("Dominic dropped 25 pounds on the plan.", "anecdote"),
    # weight loss in clothing sizes and centimetres
    ("Members drop a whole dress size in three weeks.", "inches_weight"),
    ("Go from a size 18 to a size 12 by spring.", "inches_weight"),
    ("The cryo wrap takes 4 cm off your waist in one session.", "inches_weight"),
    ("Watch the inches vanish with every cup.", "inches_weight"),
    # Gut Check 7 (worn or rubbed on), 1 (effortless) and 4 (blocking)
    ("Wear the neoprene shorts to the gym and watch the pounds come off.", "weight_gut_check"),
    ("Blast thigh fat with our cooling gel.", "weight_gut_check"),
    ("The kilos just fall off while you relax on the sofa.", "weight_gut_check"),
    ("Each capsule blocks up to half of the carbs in your meal.", "weight_gut_check"),
    # advice stronger than the evidence
    ("All new mums should be taking a daily fish oil capsule.", "advice"),
    ("Bin your hay fever tablets and try local honey.", "advice"),
    ("Forget about your steroid cream: this balm is all you need.", "advice"),
    ("Turn down this year's flu jab and rely on garlic.", "advice"),
    # spot reduction with an adjective before the body part
    ("This roller slims flabby upper arms in a fortnight.", "spot_reduction"),
    # a verbless headline question keeps its hype
    ("Moringa: the superfood of the decade?", "hype"),
    # "who" is not the WHO: no citation here
    ("Trials show that people who drink nettle tea sleep longer.", "uncited_evidence"),
    # supplement structure/function wording
    ("It helps your body cope with long working days.", "dshea"),
    ("Our formula supports mums through pregnancy.", "dshea"),
    ("The drink supports your child's healthy growth.", "dshea"),
]

CAREFUL = [
    # the body doing its own work is physiology, not a product claim
    "Alcohol is broken down by your liver.",
    "Waste products are flushed out by your kidneys.",
    "Your liver and kidneys flush out toxins without any help from a detox tea.",
    # repair by surgery, hedged repair
    "Surgeons can repair a torn ligament with a graft.",
    # an established intervention protecting from a disease
    "Vaccination protects children against measles.",
    # natural course of an illness, hedged
    "Most colds clear up within a week without treatment.",
    # risk reduction by a behaviour, not a product
    "Stopping smoking lowers your risk of lung cancer.",
    # "rarely" negates
    "Laser hair removal rarely gives permanent results.",
    # a warning about the promise
    "Any supplement claiming to melt fat overnight is a scam.",
    "A clinic promising permanent results should be treated with caution.",
    # words mentioned, not used
    "Regulators fined the brand for labelling its tea a ‘detox miracle’.",
    "Words like “cure-all” are a warning sign in any advert.",
    # a real question asks
    "Is moringa really a superfood?",
    # official advice is the authority's
    "The NHS recommends that everyone should take vitamin D in autumn and winter.",
    # a cited finding
    "Trials show a small benefit for sleep (Okafor et al., 2021).",
    # a researcher quoted is not a testimonial
    "'Evidence matters,' says Dr Patel from the university.",
    # hedged size loss, negated garment claim
    "You may go down a dress size as you lose weight, but results vary.",
    "Wearing a waist trainer will not burn fat.",
    "Weight does not simply fall off while you sleep.",
    # the stomach as a place of symptoms
    "Ginger tea reduces stomach upset in early pregnancy.",
    # advice with the prescriber in it, and an ordinary medicine for a child
    "Don't stop taking your antidepressants without talking to your GP.",
    "Give your child paracetamol if they have a fever.",
    # contraindication advice
    "Anyone with a bleeding disorder should avoid laser eye surgery unless their surgeon agrees.",
    # a patient's remark that is not offered as proof
    "One patient said the injection hurt more than she expected.",
]


@pytest.mark.parametrize(("text", "detector"), CLAIMS)
def test_general_pattern_flags(text, detector, lex):
    assert detector in detectors(text, lex, (detector,)), text


@pytest.mark.parametrize("text", CAREFUL)
def test_careful_writing_stays_quiet(text, lex):
    assert detectors(text, lex) == set(), text


def test_question_headline_keeps_only_hype(lex):
    got = detectors("Turmeric tea: the miracle that cures arthritis?", lex)
    assert got == {"hype"}


def test_absolute_and_disease_both_reported_when_disjoint(lex):
    got = detectors("This gel is guaranteed to heal any sprain.", lex)
    assert {"absolute", "disease"} <= got


@pytest.mark.parametrize(
    ("verb", "forms"),
    [
        ("stop", ["stopped"]),
        ("wipe", ["wiped"]),
        ("strip", ["stripped"]),
        ("beat", ["beat", "beaten"]),
        ("get", ["got", "gotten"]),
        ("remedy", ["remedied"]),
        ("melt", ["melted", "molten"]),
        ("clear", ["cleared"]),
    ],
)
def test_past_participles(verb, forms):
    assert _past(verb) == forms


def test_peer_list_includes_other_list(lex):
    # the remedy list takes in every supplement ingredient ("@supplement_weak")
    assert "advice" in detectors("Everyone should start taking rhodiola every morning.", lex)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # the supplement is the subject of its own structure/function claim
        ("Rhodiola supports mental stamina on busy days.", True),
        ("Lion's mane 500 mg helps maintain sharp, clear focus.", True),
        # the claim is why you take the product
        ("Take our sleep complex to support deeper, more restful sleep.", True),
        # no supplement: the same wording about a habit is not a DSHEA matter
        ("Regular walking supports heart health.", False),
        ("Take the stairs to boost your heart health.", False),
    ],
)
def test_structure_function_claim_about_a_named_supplement(text, flagged):
    codes = {f.code for f in lint_string(text, "page.md", select=["CLM004"])}
    assert (codes == {"CLM004"}) is flagged, codes


def test_named_supplement_with_the_disclaimer_is_quiet():
    text = (
        "Rhodiola supports mental stamina on busy days.\n\n"
        "These statements have not been evaluated by the Food and Drug Administration. This "
        "product is not intended to diagnose, treat, cure, or prevent any disease.\n"
    )
    assert not [f for f in lint_string(text, "page.md", select=["CLM004"])]


def test_evidence_frame_stands_for_the_efficacy_claim_it_reports(lex):
    # what the studies supposedly show is the content of the uncited-evidence claim
    assert detectors("Research shows that rosehip oil erases stretch marks.", lex) == {
        "uncited_evidence"
    }
    assert detectors("Before-and-after photos prove this serum really works.", lex) == {"anecdote"}
    # a disease claim stays a finding even when studies are invoked for it
    assert detectors("Studies confirm that oregano oil cures sinusitis.", lex) == {
        "uncited_evidence",
        "disease",
    }
    # a claim in a later clause is the writer's own
    got = detectors("Studies show it is popular, and our balm erases stretch marks.", lex)
    assert "efficacy" in got


def test_gut_check_and_size_loss_are_both_reported(lex):
    got = detectors("Drop three dress sizes without any exercise at all.", lex)
    assert {"weight_gut_check", "inches_weight"} <= got


def _probes() -> list[dict]:
    return yaml.safe_load((ROOT / "tests" / "data" / "claims_probes.yml").read_text("utf-8"))


@pytest.mark.parametrize("item", _probes(), ids=lambda i: i["t"][:50])
def test_probe_sentence(item, lex):
    """Each probe is judged as a one-sentence page, as the benchmark does."""
    found = analyse_text(item["t"], lex, cited=has_citation(item["t"], lex))
    flagged = any(
        c.detector != "dshea"
        or supplement_topic(item["t"], lex).is_supplement
        or supplement_subject(item["t"], c.start, lex) is not None
        for c in found
    )
    assert flagged is (item["c"] == "y"), [(c.detector, c.text) for c in found]


def test_null_finding_quiets_only_its_own_evidence_words(lex):
    # a reported null result claims nothing...
    assert detectors("A review of nine trials found no benefit over placebo.", lex) == set()
    # ...and does not reach back over a sentence end the splitter missed
    got = detectors("This cleanse works for everyone. a survey found no difference.", lex)
    assert got == {"absolute"}
