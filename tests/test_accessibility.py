"""Accessibility rules on small pages written for these tests, the fixtures and the seed page."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from healthlint.api import lint_string
from tests.conftest import FIXTURES, run_cli

A11Y = FIXTURES / "accessibility"


def page(
    body: str, head: str = "<title>Knee pain exercises</title>", lang: str = ' lang="en"'
) -> str:
    return f"<!DOCTYPE html>\n<html{lang}>\n<head>{head}</head>\n<body>\n{body}\n</body>\n</html>\n"


def found(
    source: str, code: str, filename: str = "page.html", **kw: object
) -> list[tuple[int, str]]:
    """(line, message) of every finding of ``code``."""
    return [(f.line, f.message) for f in lint_string(source, filename, select=[code], **kw)]  # type: ignore[arg-type]


def expected_annotations(path: Path) -> set[tuple[str, int]]:
    """``expect: CODE, CODE`` comments in a fixture: the codes expected on that line."""
    out: set[tuple[str, int]] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        m = re.search(r"expect: ([A-Z0-9, ]+)", line)
        if m:
            out.update((c.strip(), n) for c in m.group(1).split(",") if c.strip())
    return out


# --- language and title ---------------------------------------------------------------------


def test_html_lang_missing_empty_and_valid() -> None:
    assert found(page("<p>Hi</p>", lang=""), "A11Y001")
    assert found(page("<p>Hi</p>", lang=' lang="  "'), "A11Y001")
    assert not found(page("<p>Hi</p>"), "A11Y001")
    # a partial template (no html/head/body) is not a page
    assert not found("<p>Just a fragment</p>", "A11Y001")


@pytest.mark.parametrize(
    ("lang", "bad"),
    [
        ("en", False),
        ("en-GB", False),
        ("ZH-Hant-TW", False),
        ("haw", False),
        ("qaa", False),
        ("eng", True),
        ("en_US", True),
        ("english", True),
        ("#1", True),
        ("i-lux", True),
    ],
)
def test_html_lang_valid(lang: str, bad: bool) -> None:
    assert bool(found(page("<p>Hi</p>", lang=f' lang="{lang}"'), "A11Y002")) is bad


def test_element_lang_only_judged_where_it_sets_text() -> None:
    assert found(page('<p lang="franglais">Bonjour</p>'), "A11Y003")
    # every text below has a closer, valid lang: the invalid one sets nothing
    assert not found(page('<div lang="franglais"><p lang="fr">Bonjour</p></div>'), "A11Y003")
    assert not found(page('<p lang="franglais"><span hidden>Bonjour</span></p>'), "A11Y003")


def test_document_title() -> None:
    assert found(page("<p>x</p>", head=""), "A11Y004")
    assert found(page("<p>x</p>", head="<title>  </title>"), "A11Y004")
    svg_only = page('<svg role="img" aria-label="c"><title>Chart</title></svg>', head="")
    assert found(svg_only, "A11Y004")
    tpl = page("<template><title>Later</title></template>", head="")
    assert found(tpl, "A11Y004")
    assert not found(page("<p>x</p>"), "A11Y004")


# --- images ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "flagged"),
    [
        ('<img src="a.jpg">', True),
        ('<img src="a.jpg" alt=" ">', True),
        ('<img src="a.jpg" alt="">', False),
        ('<img src="a.jpg" role="presentation">', False),
        ('<img src="a.jpg" role="none" tabindex="0">', True),  # focusable: role none is ignored
        ('<img src="a.jpg" alt="Swollen ankle">', False),
        ('<img src="a.jpg" title="Swollen ankle">', False),
        ('<img src="a.jpg" aria-labelledby="cap"><p id="cap" hidden>Swollen ankle</p>', False),
        ('<img src="a.jpg" aria-labelledby="nowhere">', True),
        ('<div style="display:none"><img src="a.jpg"></div>', False),
        ('<div aria-hidden="true"><img src="a.jpg"></div>', False),
        ('<style>.gone { display: none }</style><p class="gone"><img src="a.jpg"></p>', False),
        ('<div style="position:absolute; left:-9999px"><img src="a.jpg"></div>', True),
        ('<span role="img" style="background:url(a.png)"></span>', True),
    ],
)
def test_image_alt(markup: str, flagged: bool) -> None:
    assert bool(found(page(markup), "A11Y005")) is flagged


def test_image_alt_points_at_the_img_tag() -> None:
    src = page('<p>Text</p>\n<img src="/x/knee.jpg">')
    f = lint_string(src, "page.html", select=["A11Y005"])[0]
    assert (f.line, f.column) == (6, 1)
    assert f.end_column == len('<img src="/x/knee.jpg">') + 1


@pytest.mark.parametrize(
    ("alt", "flagged"),
    [
        ("IMG_1234.jpg", True),
        ("DSC_0042", True),
        ("knee-brace.PNG", True),
        ("Photo.", True),
        ("image", True),
        ("Knee brace worn over leggings", False),
        ("A photo of a knee brace", False),
    ],
)
def test_alt_text_that_says_nothing(alt: str, flagged: bool) -> None:
    assert bool(found(page(f'<img src="a.jpg" alt="{alt}">'), "A11Y006")) is flagged


def test_alt_text_placeholder_words_are_an_option() -> None:
    src = page('<img src="a.jpg" alt="diagram">')
    assert not found(src, "A11Y006")
    assert found(src, "A11Y006", options={"A11Y006": {"placeholder-words": ["diagram"]}})


def test_image_button_svg_and_object() -> None:
    assert found(page('<input type="image" src="go.svg">'), "A11Y007")
    assert not found(page('<input type="image" src="go.svg" alt="Search">'), "A11Y007")
    assert found(page('<svg role="img"><text x="1" y="9">40%</text></svg>'), "A11Y008")
    assert not found(page('<svg role="img"><title>40% improved</title></svg>'), "A11Y008")
    assert not found(page('<svg><circle r="4"/></svg>'), "A11Y008")
    assert found(page('<object data="/m/talk.mp4"></object>'), "A11Y009")
    assert not found(
        page('<object data="/m/talk.mp4" title="Talk on knee care"></object>'), "A11Y009"
    )
    assert not found(page('<object data="/m/page.html"></object>'), "A11Y009")  # not media


# --- links ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "flagged"),
    [
        ('<a href="/"><img src="logo.png"></a>', True),
        ('<a href="/"><img src="logo.png" alt=""></a>', True),
        ('<a href="/"><img src="logo.png" alt="Home"></a>', False),
        ('<a href="/" aria-label="Home"><svg aria-hidden="true"></svg></a>', False),
        ('<a href="/" title="Home"></a>', False),
        ('<a href="/"><span aria-hidden="true">→</span></a>', True),
        ("<a>Not a link without href</a>", False),
        ('<a href="/" style="display:none"></a>', False),
        ('<span role="link" tabindex="0"></span>', True),
    ],
)
def test_link_name(markup: str, flagged: bool) -> None:
    assert bool(found(page(markup), "A11Y010")) is flagged


def test_generic_link_text_points_at_the_words() -> None:
    src = page('<p>For the study, <a href="/s">click here</a>.</p>')
    f = lint_string(src, "page.html", select=["A11Y011"])[0]
    line = src.splitlines()[f.line - 1]
    assert line[f.column - 1 : f.end_column - 1] == "click here"


@pytest.mark.parametrize(
    ("markup", "flagged"),
    [
        ('<a href="/a">Read more</a>', True),
        ('<a href="/a">here</a>', True),
        ('<a href="/a">Learn more…</a>', True),
        ('<a href="/a">Read more about knee surgery</a>', False),
        ('<a href="/a" aria-label="Read more about knee surgery">Read more</a>', False),
    ],
)
def test_generic_link_text(markup: str, flagged: bool) -> None:
    assert bool(found(page(markup), "A11Y011")) is flagged


def test_generic_link_text_in_markdown() -> None:
    md = "# Knees\n\nFor the study [click here](/study/). See [the trial report](/trial/).\n"
    assert [line for line, _ in found(md, "A11Y011", "a.md")] == [3]


# --- headings -------------------------------------------------------------------------------


def test_heading_name_order_and_h1() -> None:
    assert found(page("<h1>Knees</h1><h2></h2>"), "A11Y012")
    assert found(page('<h1>Knees</h1><h2><img src="a.png" alt=""></h2>'), "A11Y012")
    assert not found(page('<h1>Knees</h1><h2><img src="a.png" alt="Exercises"></h2>'), "A11Y012")
    jump = found(page("<h1>Knees</h1>\n<h2>Exercises</h2>\n<h4>Wall sit</h4>"), "A11Y014")
    assert [line for line, _ in jump] == [7] and "h2 to h4" in jump[0][1]
    assert not found(page("<h1>K</h1><h2>E</h2><h3>W</h3><h2>R</h2>"), "A11Y014")
    assert found(page("<h2>Exercises</h2>"), "A11Y013")
    assert not found(page("<h1>Knees</h1>"), "A11Y013")
    assert not found('<div role="heading" aria-level="1">Knees</div>', "A11Y013")  # a fragment


def test_heading_order_in_markdown_counts_the_front_matter_title_as_h1() -> None:
    md = "---\ntitle: Knee pain\n---\n\n### Wall sit\n\nText.\n"
    assert [line for line, _ in found(md, "A11Y014", "a.md")] == [5]
    assert not found("## First\n\n### Second\n", "A11Y014", "b.md")


# --- controls -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "flagged"),
    [
        ("<button></button>", True),
        ('<button value="Save"></button>', True),
        ("<button>Save</button>", False),
        ('<button aria-label="Close"><svg aria-hidden="true"></svg></button>', False),
        ('<input type="submit">', False),  # the default label "Submit"
        ('<input type="button">', True),
        ('<div role="button" tabindex="0"></div>', True),
        ('<button role="none" disabled></button>', False),
    ],
)
def test_button_name(markup: str, flagged: bool) -> None:
    assert bool(found(page(markup), "A11Y015")) is flagged


@pytest.mark.parametrize(
    ("markup", "flagged"),
    [
        ("<p>Your age</p><input>", True),
        ('<label for="age">Your age</label><input id="age">', False),
        ("<label>Your age <input></label>", False),
        ('<input placeholder="Your age">', False),
        ('<input aria-label=" ">', True),
        ('<label for="t">Notes</label><div role="textbox" id="t"></div>', True),  # not labelable
        ('<p id="l">Dose</p><select aria-labelledby="l"><option>5 mg</option></select>', False),
        ("<select><option>5 mg</option></select>", True),
        ('<div role="checkbox" aria-checked="false">I agree</div>', False),
        ('<input type="hidden" name="token">', False),
        ('<input type="date">', True),
    ],
)
def test_form_field_name(markup: str, flagged: bool) -> None:
    assert bool(found(page(markup), "A11Y016")) is flagged


def test_frame_title() -> None:
    assert found(page('<iframe src="/v"></iframe>'), "A11Y017")
    assert found(page('<iframe src="/v" title=" "></iframe>'), "A11Y017")
    assert not found(page('<iframe src="/v" title="Video: knee exercises"></iframe>'), "A11Y017")
    assert not found(page('<iframe src="/v" tabindex="-1"></iframe>'), "A11Y017")


# --- ids and ARIA ---------------------------------------------------------------------------


def test_duplicate_id_points_at_the_second_and_relates_the_first() -> None:
    findings = lint_string(
        page('<p id="a">1</p>\n<p id="a">2</p>\n<p id="b">3</p>'), "p.html", select=["A11Y018"]
    )
    assert [(f.code, f.line) for f in findings] == [("A11Y018", 6)]
    assert findings[0].related and findings[0].related[0].line == 5


def test_aria_role_and_attributes() -> None:
    assert found(page('<div role="buton">x</div>'), "A11Y019")
    assert not found(page('<div role="buton button">x</div>'), "A11Y019")  # a fallback token
    assert not found(page('<div role="">x</div>'), "A11Y019")
    assert found(page('<input aria-lable="Age">'), "A11Y020")
    assert not found(page('<input aria-label="Age">'), "A11Y020")
    assert found(page('<a href="/" aria-checked="true">Home</a>'), "A11Y021")
    assert not found(page('<div role="checkbox" aria-checked="true">Agree</div>'), "A11Y021")
    assert not found(page('<div aria-busy="true">Loading</div>'), "A11Y021")  # global
    assert not found(
        page('<label>Password <input type="password" aria-required="true"></label>'), "A11Y021"
    )


def test_required_aria_attributes() -> None:
    assert found(page('<div role="slider" tabindex="0">5</div>'), "A11Y022")
    assert not found(page('<div role="slider" aria-valuenow="5" tabindex="0">5</div>'), "A11Y022")
    assert not found(page('<input type="checkbox" role="checkbox">'), "A11Y022")  # native state
    assert found(page('<hr role="separator" tabindex="0">'), "A11Y022") == []  # implicit role
    assert found(page('<div role="separator" tabindex="0"></div>'), "A11Y022")
    assert not found(page('<div role="separator"></div>'), "A11Y022")


def test_aria_hidden_focusable_content() -> None:
    assert found(page('<div aria-hidden="true"><a href="/x">x</a></div>'), "A11Y023")
    assert found(page('<div aria-hidden="true"><span tabindex="0">x</span></div>'), "A11Y023")
    assert not found(
        page('<div aria-hidden="true"><a href="/x" tabindex="-1">x</a></div>'), "A11Y023"
    )
    assert not found(page('<div aria-hidden="true"><button disabled>x</button></div>'), "A11Y023")
    assert not found(page('<div aria-hidden="true"><a href="/x" hidden>x</a></div>'), "A11Y023")
    # nested aria-hidden: reported once, on the outer element
    nested = page('<div aria-hidden="true"><div aria-hidden="true"><a href="/x">x</a></div></div>')
    assert len(found(nested, "A11Y023")) == 1


# --- meta -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "blocked"),
    [
        ("width=device-width, initial-scale=1", False),
        ("width=device-width, user-scalable=no", True),
        ("maximum-scale=1.0", True),
        ("maximum-scale=3", False),
        ("user-scalable=yes", False),
    ],
)
def test_viewport_zoom(content: str, blocked: bool) -> None:
    src = page(
        "<p>x</p>", head=f'<title>Zoom test page</title><meta name="viewport" content="{content}">'
    )
    assert bool(found(src, "A11Y024")) is blocked


def test_meta_refresh_is_reported_by_one_rule_only() -> None:
    def refresh(content: str) -> list[str]:
        head = f'<title>T</title><meta http-equiv="refresh" content="{content}">'
        return [
            f.code
            for f in lint_string(
                page("<p>x</p>", head=head), "p.html", select=["A11Y025", "A11Y026"]
            )
        ]

    assert refresh("0; url=/new/") == []
    assert refresh("10; url=/new/") == ["A11Y025"]
    assert refresh("90000") == ["A11Y026"]
    assert refresh("soon") == []  # does not parse: browsers ignore it


def test_data_table_headers() -> None:
    rows = "<tr><td>Sessions</td><td>Cost</td></tr><tr><td>8</td><td>$1,600</td></tr>"
    assert found(page(f"<table>{rows}</table>"), "A11Y027")
    assert not found(page(f'<table role="presentation">{rows}</table>'), "A11Y027")
    assert not found(
        page(f"<table><tr><th>Sessions</th><th>Cost</th></tr>{rows}</table>"), "A11Y027"
    )


# --- fixtures, seed, scale ------------------------------------------------------------------


def test_bad_fixture_findings_match_its_annotations() -> None:
    path = A11Y / "bad.html"
    findings = lint_string(path.read_text(encoding="utf-8"), "bad.html", select=["accessibility"])
    assert {(f.code, f.line) for f in findings} == expected_annotations(path)


def test_good_page_has_no_accessibility_or_seo_findings() -> None:
    src = (A11Y / "good.html").read_text(encoding="utf-8")
    findings = lint_string(src, "good.html", select=["accessibility", "seo"])
    assert [(f.code, f.line, f.message) for f in findings] == []


def test_seed_page(seed_html: Path) -> None:
    findings = lint_string(
        seed_html.read_text(encoding="utf-8"), "seed.html", select=["accessibility"]
    )
    got = [(f.code, f.line) for f in findings]
    assert ("A11Y001", 2) in got  # no lang
    assert sorted(line for code, line in got if code == "A11Y005") == [
        9,
        15,
    ]  # two images without alt
    assert [f.message for f in findings if f.code == "A11Y011"] == [
        'Link text "click here" does not say where the link goes'
    ]
    assert ("A11Y010", 9) in got  # the logo link has no name either (its image has no alt)


def test_deeply_nested_page_does_not_recurse() -> None:
    depth = 10_000
    src = page("<div>" * depth + '<a href="/x"><img src="a.png"></a>' + "</div>" * depth)
    t0 = time.perf_counter()
    codes = {f.code for f in lint_string(src, "deep.html", select=["accessibility"])}
    assert {"A11Y005", "A11Y010"} <= codes
    assert time.perf_counter() - t0 < 20


def test_cli_json_and_rule_metadata() -> None:
    proc = run_cli(
        "check", str(A11Y / "bad.html"), "--select", "A11Y005", "--format", "json", "--no-cache"
    )
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert [f["code"] for f in data["findings"]] == ["A11Y005"]
    rules = run_cli("rules", "--format", "json")
    assert rules.returncode == 0, rules.stderr
    by_code = {r["code"]: r for r in json.loads(rules.stdout)}
    assert by_code["A11Y005"]["act"] == ["23a2a8"] and by_code["A11Y005"]["wcag"] == ["1.1.1"]
    assert by_code["A11Y010"]["act"] == ["c487ae"]


def test_markdown_images() -> None:
    md = '# Naps\n\n![](/a.png)\n\n![A nap chart](/b.png)\n\n<img src="/c.png" alt="">\n\n<img src="/d.png">\n'
    assert [line for line, _ in found(md, "A11Y005", "n.md")] == [3, 9]
