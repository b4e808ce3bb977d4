"""Accessible-name computation (accname 1.2 as far as static HTML allows)."""

from __future__ import annotations

import pytest

from healthlint.accname import Page
from healthlint.htmltree import parse_html


def name_of(markup: str, ident: str = "t") -> str:
    tree = parse_html(markup)
    page = Page(tree.root)
    el = page.by_id(ident)
    assert el is not None
    return page.name(el)


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # aria-labelledby wins, ids in order, hidden referenced text still counts
        (
            '<span id="a">Dose</span><span id="b" hidden>per day</span><input id="t" aria-labelledby="a b" aria-label="x">',
            "Dose per day",
        ),
        # aria-label beats content
        ('<button id="t" aria-label="Close menu">X</button>', "Close menu"),
        # hidden content is left out of a name from content
        (
            '<button id="t">Save <span hidden>draft</span><span aria-hidden="true">!</span></button>',
            "Save",
        ),
        # inline elements join without a space, block elements with one
        ('<a id="t" href="/">Side<b>effects</b></a>', "Sideeffects"),
        ('<a id="t" href="/"><div>Side</div><div>effects</div></a>', "Side effects"),
        # an image's alt is part of its link's name; a presentational one is not
        ('<a id="t" href="/"><img src="x.png" alt="Home"> page</a>', "Home page"),
        ('<a id="t" href="/"><img src="x.png" alt="Home" role="presentation"></a>', ""),
        # embedded control inside a label contributes its value (accname 2E)
        (
            '<label>Take <select><option>1</option><option selected>2</option></select> tablets <input id="t"></label>',
            "Take 2 tablets",
        ),
        # label for=…, and title as the last resort
        ('<label for="t">Email</label><input id="t" title="ignored">', "Email"),
        ('<input id="t" title="Postcode">', "Postcode"),
        ('<input id="t" placeholder="Search articles">', "Search articles"),
        # native text alternatives
        ('<fieldset id="t"><legend>Symptoms</legend><input></fieldset>', "Symptoms"),
        (
            '<table id="t"><caption>Doses by age</caption><tr><td>1</td></tr></table>',
            "Doses by age",
        ),
        ('<svg id="t" role="img"><title>Growth chart</title></svg>', "Growth chart"),
        ('<input id="t" type="reset">', "Reset"),
        # textbox roles do not take their name from content
        ('<div id="t" role="textbox">typed text</div>', ""),
        # <style> display:none is honoured
        (
            '<style>.sr-hide{display:none}</style><button id="t">Go <span class="sr-hide">now</span></button>',
            "Go",
        ),
    ],
)
def test_accessible_name(markup: str, expected: str) -> None:
    assert name_of(markup) == expected


def test_names_of_deep_subtrees_do_not_recurse() -> None:
    markup = '<a id="t" href="/">' + "<span>" * 5000 + "deep" + "</span>" * 5000 + "</a>"
    assert name_of(markup) == "deep"


def test_included_in_accessibility_tree() -> None:
    tree = parse_html(
        '<div id="a" aria-hidden="true"><p id="b">x</p></div><div style="visibility:hidden">'
        '<p id="c" style="visibility: visible">y</p></div><details><summary id="d">More</summary>'
        '<p id="e">z</p></details>'
    )
    page = Page(tree.root)
    inc = {i: page.included(page.by_id(i)) for i in "abcde"}  # type: ignore[arg-type]
    assert inc == {"a": False, "b": False, "c": True, "d": True, "e": False}
