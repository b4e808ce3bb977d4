"""The benchmark corpus is what the speed figures are measured on, so it must be reproducible
(same seed, same bytes), have the mix and sizes issue 8 asks for, and parse as HTML/Markdown."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))

import baseline  # noqa: E402
import generate_corpus as gc  # noqa: E402


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("corpus30")
    return out, gc.generate(out, 30, seed=7)


@pytest.fixture(scope="module")
def varied(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """Enough pages (no big ones) for every page feature to show up at least once."""
    out = tmp_path_factory.mktemp("corpus300")
    return out, gc.generate(out, 300, seed=11, big=False)


def test_same_seed_same_bytes_other_seed_other_bytes(small, tmp_path):
    out, _ = small
    again = gc.generate(tmp_path / "again", 30, seed=7)
    assert _tree(tmp_path / "again") == _tree(out)
    assert again["bytes"] == small[1]["bytes"]
    other = tmp_path / "other"
    gc.generate(other, 30, seed=8)
    a, b = _tree(out / "site"), _tree(other / "site")
    assert a != b
    assert len(baseline.collect(out / "site")) == len(baseline.collect(other / "site")) == 30


def test_mix_and_sizes(small):
    out, m = small
    files = baseline.collect(out / "site")
    html = [p for p in files if p.suffix == ".html"]
    md = [p for p in files if p.suffix == ".md"]
    assert (len(files), len(html), len(md)) == (30, 18, 12)
    assert (m["html"], m["markdown"], m["pages"]) == (18, 12, 30)
    assert m["bytes"] == sum(p.stat().st_size for p in files)
    big = {b["path"] for b in m["big"]}
    assert len(big) == 1
    (five,) = m["big"]
    assert 4_900_000 <= five["bytes"] <= 5_100_000 and five["path"].endswith(".html")
    for p in files:
        rel = p.relative_to(out / "site").as_posix()
        if rel not in big:
            assert 2_000 <= p.stat().st_size <= 200_000, rel
    # nested like a built static site and a Hugo/Jekyll source tree
    rels = [p.relative_to(out / "site").as_posix() for p in files]
    assert all(r.startswith(("public/", "content/posts/", "_posts/")) for r in rels)
    assert any(re.fullmatch(r"public/\w+/(\w+/)*[\w-]+/index\.html", r) for r in rels)


def test_size_distribution_is_mostly_small(varied):
    out, _ = varied
    sizes = sorted(p.stat().st_size for p in baseline.collect(out / "site"))
    median = sizes[len(sizes) // 2]
    assert 5_000 <= median <= 40_000
    assert sizes[-1] > 50_000  # a long tail, not one size for all


def test_html_pages_parse_and_have_structure(varied):
    from bs4 import BeautifulSoup

    out, _ = varied
    site = out / "site"
    pages = [p for p in baseline.collect(site) if p.suffix == ".html"]
    seen = {
        k: 0
        for k in (
            "no_alt",
            "click_here",
            "no_description",
            "canonical",
            "disclaimer",
            "table",
            "figure",
            "list",
            "h3",
            "missing_link",
            "jsonld",
        )
    }
    for p in pages:
        text = p.read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>")
        soup = BeautifulSoup(text, "html.parser")
        assert soup.find("header").find("nav") is not None
        assert soup.find("main") is not None and soup.find("footer") is not None
        assert len(soup.get_text().split()) > 100
        seen["no_alt"] += sum(1 for img in soup.find_all("img") if not img.has_attr("alt"))
        seen["click_here"] += sum(1 for a in soup.find_all("a") if a.get_text() == "click here")
        seen["no_description"] += soup.find("meta", attrs={"name": "description"}) is None
        seen["canonical"] += soup.find("link", rel="canonical") is not None
        seen["disclaimer"] += soup.find(class_="disclaimer") is not None
        seen["jsonld"] += soup.find("script", type="application/ld+json") is not None
        for tag in ("table", "figure", "h3"):
            seen[tag] += soup.find(tag) is not None
        seen["list"] += (
            soup.find("article") is not None and soup.find("article").find(["ul", "ol"]) is not None
        )
        for a in soup.find_all("a", href=True):
            href = a["href"]
            if (
                href.startswith("/blog/")
                and not (site / "public" / href.strip("/") / "index.html").exists()
            ):
                seen["missing_link"] += 1
    assert all(v > 0 for v in seen.values()), seen
    # internal links mostly resolve to generated pages
    hrefs = [
        a
        for p in pages[:40]
        for a in re.findall(r'href="(/(?:blog|treatments|conditions|news)/[^"]+)"', p.read_text())
    ]
    ok = sum((site / "public" / h.strip("/") / "index.html").exists() for h in hrefs)
    assert hrefs and ok / len(hrefs) > 0.8
    # images and assets are served from public/, a few images are missing
    srcs = [s for p in pages for s in re.findall(r'src="(/[^"]+)"', p.read_text())]
    found = sum((site / "public" / src.lstrip("/")).is_file() for src in srcs)
    assert srcs and 0.9 < found / len(srcs) < 1
    cfg = tomllib.loads((out / ".healthlint.toml").read_text())
    assert (out / cfg["site-root"] / "index.html").is_file()


def test_markdown_posts_parse_with_front_matter(varied):
    out, _ = varied
    md = baseline._md_parser()
    posts = [p for p in baseline.collect(out / "site") if p.suffix == ".md"]
    kinds = {"yaml": 0, "toml": 0, "shortcode": 0, "code": 0, "table": 0, "list": 0}
    for p in posts:
        text = p.read_text(encoding="utf-8")
        if text.startswith("+++\n"):  # Hugo TOML front matter (markdown-it's plugin knows only ---)
            raw, body = text[4:].split("\n+++\n", 1)
            meta = tomllib.loads(raw)
            kinds["toml"] += 1
        else:
            assert text.startswith("---\n")
            raw, body = text[4:].split("\n---\n", 1)
            meta = yaml.safe_load(raw)
            kinds["yaml"] += 1
        assert isinstance(meta, dict) and meta["title"]
        tokens = md.parse(body)
        types = {t.type for t in tokens}
        assert "paragraph_open" in types and "heading_open" in types
        kinds["code"] += "fence" in types
        kinds["table"] += "table_open" in types
        kinds["list"] += bool(types & {"bullet_list_open", "ordered_list_open"})
        kinds["shortcode"] += "{{< figure" in text
        assert len(baseline.md_text(md, text).split()) > 100
    assert all(v > 0 for v in kinds.values()), kinds


def test_text_has_claims_hedges_and_figures(varied):
    out, _ = varied
    blob = "\n".join(p.read_text(encoding="utf-8") for p in baseline.collect(out / "site")[:120])
    for phrase in ("melts away fat", "guarantee", "may ", "sessions", "up to $"):
        assert phrase in blob, phrase
    assert re.search(r"\$\d[\d,]*[-–]\$?\d[\d,]*", blob)  # price ranges like $150-250
    assert re.search(r"\b\d+-\d+ sessions\b|\b\d+ to \d+ sessions\b", blob)


def test_samples_and_manifest(small):
    from bs4 import BeautifulSoup

    out, m = small
    on_disk = json.loads((out / gc.MANIFEST).read_text())
    assert on_disk == {k: v for k, v in m.items() if k != "seconds"}
    art = out / m["samples"]["article-2000.html"]["path"]
    article = BeautifulSoup(art.read_text(encoding="utf-8"), "html.parser").find("article")
    words = len(re.findall(r"\w+(?:['’-]\w+)*", article.get_text(" ")))
    assert 2_000 <= words <= 2_300
    assert m["samples"]["article-2000.html"]["words"] == words
    assert (out / m["samples"]["tiny.html"]["path"]).stat().st_size < 2_000


def test_refuses_to_overwrite_foreign_folder(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "keep.html").write_text("mine")
    with pytest.raises(SystemExit):
        gc.generate(tmp_path, 5, seed=1)
    assert (tmp_path / "site" / "keep.html").read_text() == "mine"


def test_baseline_reads_every_page(small):
    out, _ = small
    r = baseline.run(
        [p for p in baseline.collect(out / "site") if p.stat().st_size < 300_000], "html.parser"
    )
    assert r["files"] == 29 and r["html"] + r["markdown"] == 29
    assert r["text_chars"] > r["bytes"] * 0.3  # the text was really extracted
