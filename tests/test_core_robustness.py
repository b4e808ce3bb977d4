"""Property-based: no bytes and no HTML crash healthlint; the CLI exits 0, 1 or 2 and never tracebacks."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from healthlint.api import make_config, ruleset_for
from healthlint.engine import lint_bytes
from tests.conftest import run_cli

RULESET = None


def _ruleset():
    global RULESET
    if RULESET is None:
        RULESET = ruleset_for(make_config())
    return RULESET


def _check(name: str, data: bytes) -> None:
    result = lint_bytes(name, data, _ruleset())
    if result.error:
        assert result.error.startswith(name) and "\n" not in result.error
    for f in result.findings:
        assert 1 <= f.line <= f.end_line and f.column >= 1
        assert f.severity in ("error", "warning", "info")


TAGS = st.sampled_from(
    [
        "p",
        "div",
        "main",
        "article",
        "h1",
        "h2",
        "h4",
        "li",
        "ul",
        "table",
        "td",
        "tr",
        "a",
        "img",
        "script",
        "style",
        "pre",
        "code",
        "nav",
        "footer",
        "title",
        "html",
        "head",
        "body",
        "span",
        "b",
    ]
)
PIECES = st.one_of(
    TAGS.map(lambda t: f"<{t}>"),
    TAGS.map(lambda t: f"</{t}>"),
    st.sampled_from(
        [
            "<!--",
            "-->",
            "<!-- healthlint-disable -->",
            "&amp;",
            "&#x41;",
            "&bogus;",
            "&#99999999;",
            "&",
            "<a href='",
            '"',
            "<img alt=",
            "<script>",
            "\x00",
            "<![CDATA[",
            "<!DOCTYPE html>",
            "<?php",
            "guaranteed to cure",
            "$200-300",
            "8-10 sessions",
            "up to $2,000",
            " ",
            "\n",
            "é",
            "🙂",
            "{{< x >}}",
            "---\n",
            "# ",
            "[link](",
            "](x)",
            "`",
            "*",
            "|---|",
            "> ",
        ]
    ),
    st.text(max_size=20),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from(["a.html", "a.md", "a.txt"]))
def test_arbitrary_bytes_never_crash(data, name):
    _check(name, data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=60), st.sampled_from(["a.html", "a.md", "a.txt"]))
def test_arbitrary_markup_never_crashes(pieces, name):
    _check(name, "".join(pieces).encode("utf-8", "surrogatepass"))


@settings(max_examples=8, deadline=None)
@given(st.lists(PIECES, max_size=40))
def test_cli_exit_code_is_0_1_or_2(tmp_path_factory, pieces):
    p = tmp_path_factory.mktemp("h") / "page.html"
    p.write_bytes("".join(pieces).encode("utf-8", "surrogatepass"))
    proc = run_cli(str(p), "--no-cache")
    assert proc.returncode in (0, 1, 2)
    assert b"Traceback" not in proc.stderr


def test_malformed_html_of_every_kind():
    cases = [
        "<p>unclosed <b>bold <i>italic</p></b>",
        "</div></p></span> stray ends",
        "<p>broken &entity &#; &#xZZ; &amp</p>",
        "<p>NUL \x00 byte</p>",
        "<!-- unterminated comment <p>text",
        "<script>never closed var x = '<p>';",
        '<a href="unterminated>text</a>',
        "<table><tr><td>a<td>b<tr><td>c</table>",
        "<" * 5000,
        "<div>" * 50000,
    ]
    for html in cases:
        _check("m.html", html.encode("utf-8", "surrogatepass"))
