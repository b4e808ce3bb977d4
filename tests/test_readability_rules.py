"""Readability rules RDB001-RDB009 through the public API and the CLI, on real articles."""

from __future__ import annotations

import json
from collections import Counter

import pytest
import yaml

from healthlint.api import lint_string, load_string
from healthlint.checks import readability as rdb
from healthlint.readability.docstats import doc_stats
from healthlint.readability.passive import find_passives
from healthlint.registry import OptionsError
from tests.conftest import FIXTURES, run_cli, seed_path

FIX = FIXTURES / "readability"
EXPECTED = yaml.safe_load((FIX / "expected.yml").read_text(encoding="utf-8"))


def lint(src: str, name: str = "article.md", **kw):
    return lint_string(src, name, select=["RDB"], **kw)


def codes(findings) -> Counter:
    return Counter(f.code for f in findings)


# --- fixtures with expected findings ----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_findings_are_exactly_the_expected_ones(name):
    findings = lint((FIX / name).read_text(encoding="utf-8"), name)
    expected = [e.split(": ", 1) for e in EXPECTED[name]]
    unmatched = list(findings)
    for code, prefix in expected:
        hit = next((f for f in unmatched if f.code == code and f.text.startswith(prefix)), None)
        assert hit is not None, (
            f"{name}: no {code} on {prefix!r}; got {[(f.code, f.text[:40]) for f in findings]}"
        )
        unmatched.remove(hit)
    assert not unmatched, f"{name}: unexpected {[(f.code, f.text[:40]) for f in unmatched]}"


@pytest.mark.parametrize("name", ["plain.md", "plain.html"])
def test_plain_article_is_below_every_threshold(name):
    doc = load_string((FIX / name).read_text(encoding="utf-8"), name)
    stats = doc_stats(doc)
    assert stats.whole.word_count >= 100  # long enough for the grade rule to judge it
    assert stats.whole.grade("smog") < 8 and stats.whole.grade("flesch-kincaid") < 8
    assert all(len(stats.sentence_words(s)) <= 20 for b in stats.prose for s in b.sentences)


def test_html_and_markdown_give_the_same_statistics():
    md = doc_stats(load_string((FIX / "plain.md").read_text(encoding="utf-8"), "plain.md"))
    html = doc_stats(load_string((FIX / "plain.html").read_text(encoding="utf-8"), "plain.html"))
    assert md.whole.text == html.whole.text  # nav, header, footer, table, list and code left out
    assert md.summary()["grade"] == html.summary()["grade"]


# --- the seed article -------------------------------------------------------------------------------


@pytest.mark.parametrize("ext", ["md", "html", "txt"])
def test_seed_article(ext):
    path = seed_path(ext)
    findings = lint(path.read_text(encoding="utf-8"), path.name)
    by_code: dict[str, list] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    (grade,) = by_code["RDB001"]
    assert "(SMOG)" in grade.message and grade.data["formula"] == "smog"
    assert grade.data["grade"] > 12 and grade.related  # hardest paragraph plus related ones
    long = [
        f
        for f in by_code["RDB002"]
        if f.text.startswith("Depending on the treating physician you choose")
    ]
    assert len(long) == 1 and "30 words" in long[0].message
    jargon = {f.text.lower(): f for f in by_code["RDB005"]}
    assert jargon["mesoderm"].suggestion and jargon["lipolysis"].suggestion == "breaking down fat"
    confused = {f.text.lower(): f.suggestion for f in by_code["RDB006"]}
    assert confused["wildly known"] == "widely known" and confused["result to"] == "result in"
    assert "averagely" in confused
    assert {"are penetrated", "get reduced"} <= {f.text for f in by_code["RDB004"]}


# --- options ----------------------------------------------------------------------------------------


def test_grade_formula_and_target_are_options():
    src = (FIX / "hard.md").read_text(encoding="utf-8")
    (fk,) = [
        f
        for f in lint(src, options={"RDB001": {"formula": "flesch-kincaid"}})
        if f.code == "RDB001"
    ]
    assert "(Flesch-Kincaid)" in fk.message and fk.data["formula"] == "flesch-kincaid"
    assert not [f for f in lint(src, options={"RDB001": {"target": 20}}) if f.code == "RDB001"]
    assert not [f for f in lint(src, options={"RDB001": {"min_words": 1000}}) if f.code == "RDB001"]


def test_sentence_and_paragraph_limits_are_options():
    src = (FIX / "hard.md").read_text(encoding="utf-8")
    short = codes(lint(src, options={"RDB002": {"max_words": 10}, "RDB003": {"max_sentences": 2}}))
    base = codes(lint(src))
    assert short["RDB002"] > base["RDB002"] and short["RDB003"] > base["RDB003"]


@pytest.mark.parametrize(
    "prepare, opts",
    [
        (rdb._prepare_grade, {"formula": "flesch"}),
        (rdb._prepare_grade, {"target": "eight"}),
        (rdb._prepare_sentence, {"max_words": 0}),
        (rdb._prepare_paragraph, {"max_sentences": True}),
        (rdb._prepare_jargon, {"extra_terms": ["x"]}),
        (rdb._prepare_abbreviations, {"also_known": "FDA"}),
        (rdb._swaps_prepare("confusables"), {"extra": [{"match": "(", "replace": "x"}]}),
    ],
)
def test_bad_options_are_refused(prepare, opts):
    with pytest.raises(OptionsError, match="option"):
        prepare(opts)


# --- only prose counts ---------------------------------------------------------------------------------


def test_lists_tables_and_headings_do_not_count_as_prose():
    long = "word " * 30
    src = (
        f"# A heading with many words {long}\n\n- {long}\n- short item\n\n"
        f"| a | b |\n|---|---|\n| {long} | x |\n\n```\n{long}\n```\n\nA short sentence here.\n"
    )
    findings = lint(src)
    assert not [f for f in findings if f.code in ("RDB001", "RDB002", "RDB003")]
    assert doc_stats(load_string(src, "a.md")).whole.word_count == 4


# --- jargon ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The shots cause lipolysis (fat breakdown) in the treated area.",
        "The shots cause lipolysis, or fat breakdown, in the treated area.",
        "The shots cause lipolysis, also called fat breakdown, in the treated area.",
        "The shots cause fat breakdown (lipolysis) in the treated area.",
        "Lipolysis is the breakdown of fat by the body.",
        "The shots start lipolysis, which means breaking down fat.",
        "The shots cause lipolysis — breaking down fat — in the area.",
    ],
)
def test_explained_jargon_is_not_flagged_then_or_later(sentence):
    src = f"{sentence} Later, lipolysis slows down again.\n"
    assert not [f for f in lint(src) if f.code == "RDB005"]


def test_unexplained_jargon_is_flagged_once_with_later_uses_related():
    src = "Edema is common. The edema fades.\n\nSome edema may return after a week.\n"
    (hit,) = [f for f in lint(src) if f.code == "RDB005"]
    assert hit.text == "Edema" and hit.suggestion == "swelling" and len(hit.related) == 2


def test_jargon_defined_only_later_says_so():
    src = "Edema is common after the shots. Edema (swelling) fades in a week.\n"
    (hit,) = [f for f in lint(src) if f.code == "RDB005"]
    assert hit.column == 1 and "explained later" in hit.message


def test_jargon_in_a_heading_is_judged_by_the_text_below():
    src = "# What is mesotherapy?\n\nMesotherapy is a series of small shots into the skin.\n"
    assert not [f for f in lint(src) if f.code == "RDB005"]
    src = "# Mesotherapy\n\n- Mesotherapy costs money.\n"
    assert [f.text for f in lint(src) if f.code == "RDB005"] == ["Mesotherapy"]


def test_jargon_plurals_phrases_and_options():
    src = "Injected adipocytes shrink. Adipose tissue is body fat stored under the skin. Edema occurs.\n"
    found = {f.text for f in lint(src) if f.code == "RDB005"}
    assert found == {"adipocytes", "Edema"}  # "adipose tissue" is explained by "body fat"
    opts = {"RDB005": {"ignore": ["edema"], "extra_terms": {"shrink": "get smaller"}}}
    assert {f.text for f in lint(src, options=opts) if f.code == "RDB005"} == {
        "adipocytes",
        "shrink",
    }


def test_jargon_lexicon_is_large_and_every_term_has_an_alternative():
    terms = yaml.safe_load((FIXTURES.parent / "rules" / "lexicons" / "jargon.yml").read_text())[
        "terms"
    ]
    assert len(terms) >= 300
    assert all(isinstance(v, str) and v.strip() and v.lower() != k for k, v in terms.items())
    for key in ("lipolysis", "subcutaneous", "edema", "mesoderm"):
        assert key in terms


# --- passive voice ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("These formulations are penetrated onto the mesoderm.", ["are penetrated"]),
        ("The study was funded by a drug company.", ["was funded"]),
        ("The injections are often given weekly.", ["are often given"]),
        ("It's given twice a day.", ["It's given"]),
        ("The drug is rarely used today.", ["is rarely used"]),
        ("Your cellulite may not get reduced.", ["get reduced"]),
        ("It is known to cause scarring.", ["is known"]),
        ("The patient is concerned by the cost.", ["is concerned"]),
        ("The clinic is located downtown.", []),
        ("We are concerned about the cost.", []),
        ("She is interested in the results.", []),
        ("He is married and has two children.", []),
        ("You will get used to it.", []),
        ("The treated skin heals in a week.", []),
        ("They need help with the bills.", []),
        ("How do I get rid of it?", []),
    ],
)
def test_passive_voice(sentence, expected):
    found = [f.text for f in lint(sentence + "\n") if f.code == "RDB004"]
    assert found == expected


def test_passive_tokens_api():
    words = ["The", "fat", "is", "broken", "down", "by", "the", "body"]
    assert [(p.aux, p.participle) for p in find_passives(words)] == [(2, 3)]


# --- confusables, wordy phrases, intensifiers, abbreviations -------------------------------------------------


@pytest.mark.parametrize(
    "text, flagged, suggestion",
    [
        ("It is wildly known in Europe.", "wildly known", "widely known"),
        ("This could result to scarring.", "result to", "result in"),
        ("Averagely, it costs less.", "Averagely", "On average"),
        ("Diets help you loose weight.", "loose weight", "lose weight"),
        ("You should of asked first.", "should of", "should have"),
    ],
)
def test_confusables(text, flagged, suggestion):
    (hit,) = [f for f in lint(text + "\n") if f.code == "RDB006"]
    assert (hit.text, hit.suggestion) == (flagged, suggestion)


def test_confusable_exceptions():
    assert not [f for f in lint("The result to expect is a small change.\n") if f.code == "RDB006"]
    assert not [f for f in lint("The crowd went wildly happy.\n") if f.code == "RDB006"]


def test_wordy_phrases_and_intensifiers():
    found = {
        (f.code, f.text)
        for f in lint("Prior to treatment, it is really very safe to utilize ice.\n")
    }
    assert {
        ("RDB009", "Prior to"),
        ("RDB009", "utilize"),
        ("RDB008", "really"),
        ("RDB008", "very"),
    } <= found


@pytest.mark.parametrize(
    "text, flagged",
    [
        ("Ask about your BMI at the clinic.", ["BMI"]),
        ("Your body mass index (BMI) matters. Your BMI is 24.", []),
        ("Your BMI (body mass index) matters.", []),
        ("Check your body mass index, or BMI, every year.", []),
        ("The US and the UK approve it. Call us, OK?", []),
        ("The FDA has not approved it. The FDA says so.", ["FDA"]),
        ("The Food and Drug Administration (FDA) has not approved it.", []),
        ("Read part II of the guide.", []),
    ],
)
def test_abbreviations(text, flagged):
    assert [f.text for f in lint(text + "\n") if f.code == "RDB007"] == flagged


def test_all_caps_heading_is_not_acronyms():
    assert not [f for f in lint("# WHAT IS IT AND WHY\n\nA short text.\n") if f.code == "RDB007"]


def test_abbreviation_options():
    opts = {"RDB007": {"also_known": ["BMI"]}}
    assert not [f for f in lint("Ask about your BMI.\n", options=opts) if f.code == "RDB007"]


# --- positions, summary, CLI --------------------------------------------------------------------------


def test_findings_point_at_the_exact_words():
    src = "---\ntitle: x\n---\n\nIt has become wildly known in Spain.\n"
    (hit,) = [f for f in lint(src) if f.code == "RDB006"]
    assert (hit.line, hit.column, hit.end_line, hit.end_column) == (5, 15, 5, 27)


def test_summary_in_json_output():
    proc = run_cli(str(FIX / "hard.md"), "--format", "json", "--select", "RDB")
    assert proc.returncode == 1, proc.stderr
    out = json.loads(proc.stdout)
    summary = out["files"][0]["summary"]["readability"]
    assert summary["words"] > 100 and summary["sentences"] > 5
    assert set(summary["grade"]) >= {"smog", "flesch-kincaid"}
    assert summary["grade"]["smog"] > 8
    assert summary["reading_time_minutes"] == round(summary["main_words"] / 200, 1)
    assert {f["code"] for f in out["findings"]} >= {"RDB001", "RDB002", "RDB005"}
