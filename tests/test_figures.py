"""The figures rules: extraction, each check on bad and good passages, the seed, the fixtures."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from healthlint.api import lint_string, load_string
from healthlint.checks.figures import prepare
from healthlint.figures.lexicon import builtin
from healthlint.figures.quantities import extract
from healthlint.registry import OptionsError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed"
FIXTURES = ROOT / "fixtures" / "figures"


def quantities(text: str):
    doc = load_string(text, "a.md")
    return [q for b in doc.blocks for q in extract(b, builtin())]


def fig(text: str, filename: str = "a.md"):
    return lint_string(text, filename, select=["FIG"])


def codes(text: str) -> list[str]:
    return [f.code for f in fig(text)]


# --- extraction -------------------------------------------------------------------------------


def test_money_range_is_not_collapsed() -> None:
    q = quantities("Each session costs around $200-300.")[0]
    assert (q.kind, q.lo, q.hi, q.qualifier, q.per) == ("money", 200, 300, "approx", "session")


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("It costs $200 to $300.", 200, 300),
        ("It costs $1,600–$3,000.", 1600, 3000),
        ("It costs between $5 and $10.", 5, 10),
        ("It costs $2k.", 2000, 2000),
    ],
)
def test_money_forms(text: str, lo: float, hi: float) -> None:
    q = quantities(text)[0]
    assert (q.currency, q.lo, q.hi) == ("USD", lo, hi)


@pytest.mark.parametrize(
    ("text", "qualifier", "suffix"),
    [
        ("up to $2,000 or higher", "max", "min"),
        ("at least $50", "min", None),
        ("no more than 4,000 mg", "max", None),
        ("under 5%", "lt", None),
        ("10 sessions or more", None, "min"),
    ],
)
def test_qualifiers(text: str, qualifier: str | None, suffix: str | None) -> None:
    q = quantities(f"It is {text}.")[0]
    assert (q.qualifier, q.suffix_qualifier) == (qualifier, suffix)


def test_counts_words_and_rates() -> None:
    qs = quantities(
        "Take 500 mg twice a day for ten days, with 3 sessions a week and 8-10 weekly sessions."
    )
    dose, days, weekly, course = qs
    assert (dose.unit.name, dose.freq, dose.per) == ("milligram", 2, "day")
    assert (days.lo, days.unit.name) == (10, "day")
    assert (weekly.noun, weekly.per) == ("session", "week")
    assert (course.noun, course.modifiers, course.lo, course.hi) == ("session", ("weekly",), 8, 10)


def test_measure_link() -> None:
    q = quantities("They reported losses in weight of 4-10 inches.")[0]
    assert (q.measure, q.unit.name, q.text) == ("weight", "inch", "4-10 inches")


def test_offsets_are_exact_in_the_source() -> None:
    src = "# Title\n\nEach visit costs **$300-200** at most clinics.\n"
    (f,) = fig(src)
    line = src.splitlines()[f.line - 1]
    assert line[f.column - 1 : f.end_column - 1] == "$300-200"


def test_no_catastrophic_backtracking() -> None:
    text = ("1-2-3-4-5 " * 2000) + ("$1,000,000,000 to " * 500) + "a" * 5000
    t0 = time.perf_counter()
    fig(text)
    assert time.perf_counter() - t0 < 5


# --- each check: a bad passage fires, the matching good one stays quiet ----------------------

CASES = [
    (
        "FIG001",
        "Each session costs $100. You need 10 sessions, so the cost may rise up to $800.",
        "Each session costs $100. You need 10 sessions, so the cost may rise up to $1,000.",
    ),
    (
        "FIG001",
        "It costs $30 per month, or $400 a year.",
        "It costs $30 per month, or $360 a year.",
    ),
    (
        "FIG001",
        "Take 200 mg three times a day (400 mg a day).",
        "Take 200 mg three times a day (600 mg a day).",
    ),
    (
        "FIG002",
        "Pressure fell from 150 to 130 mmHg, a drop of 30 mmHg.",
        "Pressure fell from 150 to 130 mmHg, a drop of 20 mmHg.",
    ),
    (
        "FIG003",
        "Then 120 of 200 participants (75%) improved.",
        "Then 120 of 200 participants (60%) improved.",
    ),
    ("FIG004", "Sadly 110% of patients relapsed.", "Sadly 11% of patients relapsed."),
    (
        "FIG004",
        "Of the 100 volunteers, 60 were women and 50 were men.",
        "Of the 100 volunteers, 60 were women and 40 were men.",
    ),
    ("FIG005", "Her temperature was 38 kg.", "Her temperature was 38 °C."),
    ("FIG006", "Most people need 10-8 sessions.", "Most people need 8-10 sessions."),
    (
        "FIG007",
        "Most people need 6 sessions. A full course usually involves 9 sessions.",
        "Most people need 6 sessions. After 3 sessions you feel better.",
    ),
    (
        "FIG008",
        "You can lose 6 lb a week on this plan.",
        "You can lose 1-2 lb a week on this plan.",
    ),
]


@pytest.mark.parametrize(("code", "bad", "good"), CASES)
def test_check_bad_and_good(code: str, bad: str, good: str) -> None:
    assert code in codes(bad)
    assert codes(good) == []


def test_total_message_shows_arithmetic_and_related() -> None:
    text = (
        "Each session costs around $200-300.\n"
        "The treatment usually involves 8-10 sessions, so the cost may rise up to $2,000 or higher.\n"
    )
    (f,) = fig(text)
    assert f.code == "FIG001"
    assert "8–10 sessions × $200–$300 per session = $1,600–$3,000" in f.message
    assert "'up to $2,000' (line 2) is lower" in f.message
    assert [r.line for r in f.related] == [1, 2]


def test_at_least_is_not_contradicted_by_a_higher_maximum() -> None:
    assert (
        codes("Each session costs $200-300. You need 8-10 sessions, so at least $2,000 in total.")
        == []
    )
    assert codes(
        "Each session costs $200-300. You need 8-10 sessions, so at least $4,000 in total."
    ) == ["FIG001"]


def test_warnings_about_fast_weight_loss_are_quiet() -> None:
    assert codes("Do not try to lose more than 3 lb a week.") == []
    assert codes("Babies gain about 200 grams a week.") == []


def test_options_are_validated() -> None:
    with pytest.raises(OptionsError, match="tolerance"):
        prepare({"tolerance": "high"})
    with pytest.raises(OptionsError, match="not known"):
        prepare({"tolerence": 0.1})
    opts = prepare({"max_kg_per_week": 2.0, "lexicon": {"course_nouns": ["sitting"]}})
    assert opts.max_kg_per_week == 2.0 and "sitting" in opts.lex.course_nouns


def test_options_reach_the_rule() -> None:
    text = "You can lose 3 lb a week on this plan."
    assert [f.code for f in lint_string(text, "a.md", select=["FIG008"])] == ["FIG008"]
    opts = {"FIG008": {"max_kg_per_week": 2.0}}
    assert lint_string(text, "a.md", select=["FIG008"], options=opts) == []


# --- seed and fixtures ------------------------------------------------------------------------


@pytest.mark.skipif(not SEED.is_dir(), reason="../shared/seed (the seed article) is not present")
@pytest.mark.parametrize("ext", ["md", "html", "txt"])
def test_seed(ext: str) -> None:
    path = SEED / f"mesotherapy-cellulite.{ext}"
    src = path.read_text(encoding="utf-8")
    findings = fig(src, path.name)
    lines = src.splitlines()

    def text_of(f) -> str:
        return lines[f.line - 1][f.column - 1 : f.end_column - 1]

    got = {f.code: text_of(f) for f in findings}
    assert got.get("FIG001") == "up to $2,000"
    assert "4-10 inches" in got.get("FIG005", "")
    assert not any("10 sessions" in text_of(f) and "8-10" not in text_of(f) for f in findings)
    assert len(findings) == 2


@pytest.mark.parametrize(
    "article", sorted(p for p in FIXTURES.iterdir() if p.suffix in (".md", ".html"))
)
def test_fixture(article: Path) -> None:
    expected = yaml.safe_load(article.with_suffix(".expected.yml").read_text(encoding="utf-8"))
    src = article.read_text(encoding="utf-8")
    lines = src.splitlines()
    got = [
        {"code": f.code, "line": f.line, "text": lines[f.line - 1][f.column - 1 : f.end_column - 1]}
        for f in fig(src, article.name)
    ]
    assert got == expected["findings"]


def test_cli_json() -> None:
    article = FIXTURES / "weight-programme-review.html"
    out = subprocess.run(
        [sys.executable, "-m", "healthlint", str(article), "--format", "json", "--select", "FIG"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    data = json.loads(out.stdout)
    assert [f["code"] for f in data["findings"]] == ["FIG008", "FIG002", "FIG005", "FIG004"]
    assert out.returncode != 0  # findings were reported
