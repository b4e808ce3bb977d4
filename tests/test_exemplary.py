"""A well-made article passes every rule family, in HTML and in Markdown, and each family still
notices when one thing it checks is taken away or added (so the clean result is earned)."""

from __future__ import annotations

import pytest

from healthlint.api import lint_string, load_string
from tests.conftest import FIXTURES

EXEMPLARY = FIXTURES / "exemplary"
TODAY = "2026-12-01"


def _lint(text: str, name: str) -> list[tuple[str, str]]:
    return [(f.code, f.text) for f in lint_string(text, name, today=TODAY)]


@pytest.mark.parametrize("name", ["ice-for-sprains.html", "ice-for-sprains.md"])
def test_exemplary_article_has_no_findings_at_all(name):
    text = (EXEMPLARY / name).read_text(encoding="utf-8")
    assert _lint(text, name) == []


@pytest.mark.parametrize("name", ["ice-for-sprains.html", "ice-for-sprains.md"])
def test_each_family_notices_a_change_to_the_exemplary_article(name):
    text = (EXEMPLARY / name).read_text(encoding="utf-8")
    anchor = "Ice can numb the pain for a short time."
    assert anchor in text
    claim = _lint(
        text.replace(anchor, anchor + " This wrap is guaranteed to heal any sprain."), name
    )
    assert {"CLM001"} <= {c for c, _ in claim}
    no_disclaimer = text.replace(
        "This page is for general information only. It is not a substitute for advice from your own",
        "Thanks for reading. Ask your own",
    )
    assert "DIS001" in {c for c, _ in _lint(no_disclaimer, name)}
    jargon = _lint(text.replace("it may look bruised", "it may show ecchymosis"), name)
    assert ("RDB005", "ecchymosis") in jargon
    # the same jargon inside a reference title is the paper's wording, not the writer's
    assert not any(t == "acute" for _, t in _lint(text, name))


def test_reference_entries_are_not_main_prose_but_a_closing_paragraph_is():
    src = (
        "# Title\n\nBody text about ice.\n\n## References\n\n"
        "- Smith J et al. Acute injury care. BMJ (2004).\n"
        "- [NHS: Sprains](https://www.nhs.uk/conditions/sprains-and-strains/)\n\n"
        "Jones A. Cold therapy trials. Lancet 2019;12:1-9.\n\n"
        "Thanks for reading our guide.\n\n## Next steps\n\nRest the ankle.\n"
    )
    doc = load_string(src, "a.md")
    got = [(b.text, b.in_main, b.section) for b in doc.blocks]
    assert got == [
        ("Title", True, ""),
        ("Body text about ice.", True, ""),
        ("References", True, ""),
        ("Smith J et al. Acute injury care. BMJ (2004).", False, "references"),
        ("NHS: Sprains", False, "references"),
        ("Jones A. Cold therapy trials. Lancet 2019;12:1-9.", False, "references"),
        ("Thanks for reading our guide.", True, ""),
        ("Next steps", True, ""),
        ("Rest the ankle.", True, ""),
    ]


@pytest.mark.parametrize(
    "heading, is_refs",
    [
        ("Sources", True),
        ("References:", True),
        ("Further reading", True),
        ("Sources and further reading", True),
        ("Sources of vitamin D", False),
        ("References to other treatments in this guide", False),
    ],
)
def test_reference_headings(heading, is_refs):
    doc = load_string(f"<main><h2>{heading}</h2><ul><li>NHS (2020)</li></ul></main>", "a.html")
    assert doc.blocks[-1].in_main is not is_refs
