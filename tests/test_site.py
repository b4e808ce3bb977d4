"""Site-level checks: broken internal links and anchors, duplicate titles and descriptions."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from healthlint.api import make_config, ruleset_for
from healthlint.runner import run
from tests.conftest import FIXTURES, run_cli
from tests.test_accessibility import expected_annotations

SITE = FIXTURES / "seo" / "site"
SITE_CODES = ["SEO100", "SEO101", "SEO102"]


def site_findings(files: list[Path], **settings: object) -> list:
    cfg = make_config(select=SITE_CODES, **settings)  # type: ignore[arg-type]
    out = run([str(f) for f in files], ruleset_for(cfg), jobs=1)
    return out.site_findings


def test_fixture_site_matches_its_annotations() -> None:
    files = sorted(SITE.rglob("*.html"))
    findings = site_findings(files, base_url="https://skin.example.org/")
    got = {(Path(f.path).resolve(), f.code, f.line) for f in findings}
    want = {(p.resolve(), code, line) for p in files for code, line in expected_annotations(p)}
    assert got == want


def test_site_root_option_and_absolute_links_without_it(tmp_path: Path) -> None:
    # pages live in a sub-folder of the site: without site-root, "/…" links cannot be judged
    (tmp_path / "blog").mkdir()
    (tmp_path / "blog" / "a.html").write_text(
        '<html><body><a href="/blog/b.html">b</a> <a href="/blog/c.html">c</a></body></html>'
    )
    (tmp_path / "blog" / "b.html").write_text("<html><body><p>b</p></body></html>")
    files = [tmp_path / "blog" / "a.html", tmp_path / "blog" / "b.html"]
    assert site_findings(files) == []
    found = site_findings(files, site_root=str(tmp_path))
    assert [(f.code, f.message) for f in found] == [
        ("SEO100", 'Broken internal link: "/blog/c.html" matches no page or file of the site')
    ]


def test_markdown_sources_check_only_md_links_and_anchors() -> None:
    md = [FIXTURES / "seo" / "article.md", FIXTURES / "seo" / "shift-work.md"]
    found = site_findings(md)
    assert [(Path(f.path).name, f.line, f.code) for f in found] == [("article.md", 16, "SEO100")]
    assert "missing.md" in found[0].message


def test_duplicates_need_two_pages(tmp_path: Path) -> None:
    for name, title in (("a.html", "Knee pain"), ("b.html", "Knee  PAIN"), ("c.html", "Hip pain")):
        (tmp_path / name).write_text(
            f"<html><head><title>{title}</title></head><body></body></html>"
        )
    found = site_findings(sorted(tmp_path.glob("*.html")))
    assert sorted(Path(f.path).name for f in found if f.code == "SEO101") == ["a.html", "b.html"]


def test_cost_is_linear_in_pages_and_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    n = 1500
    for i in range(n):
        nxt = (i + 1) % n
        links = "".join(f'<a href="p{(i + k) % n}.html#s{(i + k) % n}">x</a>' for k in (1, 2, 3))
        (tmp_path / f"p{i}.html").write_text(
            f'<html><head><title>Page {i}</title></head><body><h2 id="s{i}">S</h2>{links}'
            f'<a href="p{nxt}.html#nope">y</a></body></html>'
        )
    calls = 0
    real = os.path.isfile

    def counting(p: str) -> bool:
        nonlocal calls
        calls += 1
        return real(p)

    files = [tmp_path / f"p{i}.html" for i in range(n)]
    cfg = make_config(select=SITE_CODES)
    rs = ruleset_for(cfg)
    results = run([str(f) for f in files], rs, jobs=1).files
    from healthlint.engine import finalize_site

    monkeypatch.setattr(os.path, "isfile", counting)
    t0 = time.perf_counter()
    findings = finalize_site(rs, results)
    elapsed = time.perf_counter() - t0
    assert sum(1 for f in findings if "#nope" in f.message) == n
    assert calls <= 2  # pages are found in the collected set, not on disk
    assert elapsed < 2.0


def test_cli_on_a_folder(tmp_path: Path) -> None:
    cfg = tmp_path / "healthlint.toml"
    cfg.write_text('base-url = "https://skin.example.org/"\n')
    proc = run_cli(
        "check",
        str(SITE),
        "--select",
        "SEO100",
        "--config",
        str(cfg),
        "--format",
        "json",
        "--no-cache",
    )
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert sorted((Path(f["path"]).name, f["line"]) for f in data["findings"]) == [
        ("about.html", 11),
        ("index.html", 15),
        ("index.html", 16),
        ("index.html", 17),
        ("index.html", 18),
    ]


def test_check_resources_option(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<html><body><img src="/img/x.png" alt="x"><a href="/gone/">g</a></body></html>'
    )
    files = [tmp_path / "index.html"]
    assert len(site_findings(files)) == 2
    only_links = make_config(select=SITE_CODES, options={"SEO100": {"check-resources": False}})
    found = run([str(files[0])], ruleset_for(only_links), jobs=1).site_findings
    assert [f.message for f in found] == [
        'Broken internal link: "/gone/" matches no page or file of the site'
    ]
