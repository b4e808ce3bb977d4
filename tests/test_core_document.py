"""The document model: every character of block text maps back to the exact source."""

from __future__ import annotations

import pytest

from healthlint.api import load_string
from healthlint.document import split_sentences
from tests.conftest import FIXTURES, SEED


def _articles():
    paths = (
        sorted(FIXTURES.rglob("*.html"))
        + sorted(FIXTURES.rglob("*.md"))
        + sorted(FIXTURES.rglob("*.txt"))
    )
    if SEED.exists():
        paths += sorted(SEED.iterdir())
    return paths


@pytest.mark.parametrize("path", _articles(), ids=lambda p: p.name)
def test_every_word_maps_to_its_source(path):
    source = path.read_text(encoding="utf-8")
    doc = load_string(source, path.name)
    assert doc.blocks, "an article has blocks"
    for block in doc.blocks:
        for w in block.words:
            s, e = block.span(w.start, w.end)
            assert source[s:e] == w.text, (path.name, w.text, source[s:e])


def test_html_entities_map_to_the_whole_reference():
    src = "<p>Fish &amp; chips &eacute;t&eacute; &#x41;BC</p>"
    doc = load_string(src, "a.html")
    (block,) = doc.blocks
    assert block.text == "Fish & chips été ABC"
    amp = block.text.index("&")
    assert src[slice(*block.span(amp, amp + 1))] == "&amp;"
    e = block.text.index("été")
    assert src[slice(*block.span(e, e + 3))] == "&eacute;t&eacute;"


def test_markdown_emphasis_links_escapes_and_entities():
    src = 'Take *one* [tablet](/x "t") \\*daily\\* &amp; rest.\n'
    doc = load_string(src, "a.md")
    (block,) = doc.blocks
    assert block.text == "Take one tablet *daily* & rest."
    for word in ("one", "tablet", "rest"):
        i = block.text.index(word)
        assert src[slice(*block.span(i, i + len(word)))] == word
    (link,) = doc.meta.links
    assert link.href == "/x" and link.text == "tablet"
    assert src[slice(*link.text_span)] == "tablet"


def test_markdown_code_front_matter_and_template_tags_are_not_prose():
    src = (
        '+++\ntitle = "T"\n+++\n\nSay {{< ref "x.md" >}} hello {% raw %} there.\n\n'
        "```\ncode is guaranteed\n```\n\n    indented code\n\nUse `inline code` here.\n"
    )
    doc = load_string(src, "a.md")
    texts = [b.text for b in doc.blocks]
    assert texts == ["Say hello there.", "Use here."]
    assert doc.meta.front_matter == {"title": "T"}
    assert doc.meta.title == "T"


def test_html_main_content_and_chrome():
    src = (
        "<html lang=en><body><nav>Menu</nav><main><h1>Title</h1><p>Body text.</p>"
        "<aside>Aside</aside><pre>code</pre><script>var x;</script></main>"
        "<footer>Not medical advice.</footer></body></html>"
    )
    doc = load_string(src, "a.html")
    got = [(b.kind, b.text, b.in_main) for b in doc.blocks]
    assert got == [
        ("paragraph", "Menu", False),
        ("heading", "Title", True),
        ("paragraph", "Body text.", True),
        ("paragraph", "Aside", False),
        ("paragraph", "Not medical advice.", False),
    ]
    assert doc.meta.lang == "en"


@pytest.mark.parametrize(
    "src",
    [
        "<p>Body text.</p>",  # a fragment from a static site generator
        "<html lang=en><body><nav>Menu</nav><p>Body text.</p><footer>Foot</footer></body></html>",
        "<div>" * 50 + "<p>Body text.</p>" + "</div>" * 50,
    ],
)
def test_html_without_main_element_reads_the_body_as_main_content(src):
    doc = load_string(src, "a.html")
    assert [b.text for b in doc.main_blocks] == ["Body text."]
    assert all(not b.in_main for b in doc.blocks if b.text in ("Menu", "Foot"))


def test_html_fragment_is_linted_end_to_end():
    from healthlint.api import lint_string

    deep = "<div>" * 10000 + "<p>This cream is guaranteed to cure eczema.</p>" + "</div>" * 10000
    for src in ("<p>This cream is guaranteed to cure eczema.</p>\n", deep):
        found = lint_string(src, "fragment.html", select=["claims"])
        assert [(f.code, f.text) for f in found if f.code == "CLM003"] == [
            ("CLM003", "cure eczema")
        ]


def test_content_selector_picks_the_main_content():
    src = "<div class='post'><p>Article.</p></div><div class='ads'><p>Buy now.</p></div>"
    doc = load_string(src, "a.html", content_selector="div.post")
    assert [(b.text, b.in_main) for b in doc.blocks] == [("Article.", True), ("Buy now.", False)]


def test_sentences_respect_abbreviations_and_decimals():
    text = "Dr. Smith gave 2.5 mg daily. It worked in the U.S. for most. Does it help? Yes!"
    got = [text[s:e] for s, e in split_sentences(text)]
    assert got == [
        "Dr. Smith gave 2.5 mg daily.",
        "It worked in the U.S. for most.",
        "Does it help?",
        "Yes!",
    ]


def test_line_and_column_are_one_based_characters():
    src = "<p>é\n  word</p>"
    doc = load_string(src, "a.html")
    (block,) = doc.blocks
    i = block.text.index("word")
    s, _ = block.span(i, i + 4)
    assert doc.line_col(s) == (2, 3)


def test_deeply_nested_html_does_not_recurse():
    src = "<div>" * 20000 + "deep text" + "</div>" * 20000
    doc = load_string(src, "a.html")
    assert doc.blocks[0].text == "deep text"


@pytest.mark.parametrize(
    "path", [p for p in _articles() if p.suffix in (".html", ".htm")], ids=lambda p: p.name
)
def test_element_list_is_the_tree_in_document_order(path):
    doc = load_string(path.read_text(encoding="utf-8"), path.name)
    assert doc.root is not None
    assert doc.elements == list(doc.root.iter())


@pytest.mark.parametrize(
    "src",
    [
        "<html><body><p>a<html lang=x><body class=y><p>b",
        "<table><tr><td>x<td>y</table><p>z<li>q",
        "<div><span></div></span><p><p>",
        "<br/><x/><p/>",
    ],
)
def test_element_list_with_merged_and_implied_tags(src):
    doc = load_string(src, "a.html")
    assert doc.elements == list(doc.root.iter())


def test_release_breaks_reference_cycles():
    import gc

    source = (FIXTURES / "sample" / "knee-injections.html").read_text(encoding="utf-8")
    doc = load_string(source, "a.html")
    for b in doc.blocks:
        b.sentences  # noqa: B018 - builds the block <-> sentence references
    gc.collect()
    gc.disable()
    try:
        doc.release()
        del doc
        assert gc.collect() == 0  # reference counting freed it all
    finally:
        gc.enable()


@pytest.mark.parametrize("path", _articles(), ids=lambda p: p.name)
def test_flat_word_lists_are_the_word_regex_matches(path):
    from healthlint.document import WORD_RE

    doc = load_string(path.read_text(encoding="utf-8"), path.name)
    for block in doc.blocks:
        found = [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(block.text)]
        flat = zip(block.word_texts, block.word_starts, block.word_ends, strict=True)
        assert list(flat) == found
        for s in block.sentences:
            assert s.words == [w for w in block.words if s.start <= w.start < s.end]


def test_attribute_spans_and_offsets_across_lines():
    src = '<p>x</p>\n<div\n  id=\'a\' hidden class="b c" data-x=y>\n<a href="/z">t</a></div>'
    doc = load_string(src, "a.html")
    div = next(el for el in doc.elements if el.tag == "div")
    spans = div.attr_spans
    assert {k: src[s:e] for k, (s, e) in spans.items()} == {
        "id": "a",
        "hidden": "hidden",
        "class": "b c",
        "data-x": "y",
    }
    a = next(el for el in doc.elements if el.tag == "a")
    assert src[a.start : a.start_end] == '<a href="/z">'
    assert src[slice(*a.attr_spans["href"])] == "/z"
    assert next(el for el in doc.elements if el.tag == "p").attr_spans is None
