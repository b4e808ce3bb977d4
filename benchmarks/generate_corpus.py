"""Generate a deterministic health-site corpus for the benchmarks.

    python benchmarks/generate_corpus.py OUTDIR --pages 10000 --seed 1

Writes ``OUTDIR/site/`` (the site to lint: ~60% built HTML under ``public/``, ~40% Markdown
under ``content/`` (Hugo, YAML or TOML front matter) and ``_posts/`` (Jekyll)),
``OUTDIR/samples/`` (a ~2,000-word article and a tiny page for the single-file figures) and
``OUTDIR/manifest.json``. No network; the only randomness is ``random.Random`` seeded from
``--seed`` and the page number, so the same arguments always give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import _textgen as tg
else:
    from . import _textgen as tg

HTML_SHARE = 0.6
MIN_BYTES, MAX_BYTES = 2_000, 200_000
# Medians and spread of the page size (log-normal), by format.
HTML_MEDIAN, MD_MEDIAN, SIGMA = 22_000, 7_000, 0.75
BIG_SIZES = (5_000_000, 1_000_000, 2_200_000, 1_400_000, 3_000_000, 1_700_000)
SITE_URL = "https://www.example-health.test"
MANIFEST = "manifest.json"


@dataclass
class Page:
    index: int
    fmt: str  # "html" | "md"
    rel: str  # path under site/
    url: str  # site-relative URL other pages link to
    slug: str
    topic: int
    other: int
    size: int  # target bytes
    flavour: str  # html theme or markdown dialect
    kind: str  # article | listing | big
    year: int
    title: str = ""  # set for hub pages (home, sections) that the navigation links to


# --------------------------------------------------------------------------------------------
# Plan: decide every page's path, format and size first, so pages can link to each other.


def _target_size(rng: random.Random, median: int) -> int:
    size = int(median * math.exp(rng.gauss(0.0, SIGMA)))
    return max(MIN_BYTES, min(MAX_BYTES - 4_000, size))


def hubs() -> list[tuple[str, str]]:
    """(URL, title) of the pages every page's navigation links to: home, sections, authors."""
    out = [("/", "Example Health")]
    out += [
        (href, name.replace("&amp;", "&")) for name, href in NAV_ITEMS + FOOTER_ITEMS if href != "/"
    ]
    out += [(f"/treatments/{tg.slug_of(t)}/", tg.capitalise(t.name)) for t in tg.TOPICS]
    out += [(f"/authors/{tg.slugify(n)}/", n) for n in tg.VOCAB["NAME"]]
    seen: set[str] = set()
    return [(u, t) for u, t in out if not (u in seen or seen.add(u))]


HUB_MIN_PAGES = 200  # smaller corpora leave the navigation links dangling


def plan(pages: int, seed: int, big: bool = True) -> list[Page]:
    """Every page's path, format, topic and target size."""
    rng = random.Random(f"plan:{seed}")
    n_html = round(pages * HTML_SHARE)
    fmts = ["html"] * n_html + ["md"] * (pages - n_html)
    rng.shuffle(fmts)
    # Big pages take the place of ordinary pages of their format, so the mix stays exact;
    # pages of 2 MB and more are HTML (the scaling figure uses the 5 MB one).
    big_at: dict[int, int] = {}
    if big and pages >= 2:
        sizes = BIG_SIZES[: 1 + min(len(BIG_SIZES) - 1, pages // 2000)]
        by_fmt = {f: [i for i, x in enumerate(fmts) if x == f] for f in ("html", "md")}
        for fmt in ("html", "md"):
            want = [
                s for s in sizes if (s >= 2_000_000 or sizes.index(s) % 2 == 0) == (fmt == "html")
            ]
            slots = by_fmt[fmt]
            if not slots:
                continue
            for k, size in enumerate(want):
                big_at[slots[(2 * k + 1) * len(slots) // (2 * len(want))]] = size
    hub_at: dict[int, tuple[str, str]] = {}
    if pages >= HUB_MIN_PAGES:
        free = (i for i, f in enumerate(fmts) if f == "html" and i not in big_at)
        hub_at = dict(zip(free, hubs(), strict=False))
    out: list[Page] = []
    used: set[str] = {tg.slug_of(t) for t in tg.TOPICS}
    n_topics = len(tg.TOPICS)
    for i, fmt in enumerate(fmts):
        topic = rng.randrange(n_topics)
        other = (topic + rng.randrange(1, n_topics)) % n_topics
        year = rng.randint(2014, 2025)
        kind = "article"
        if i in hub_at:
            url, title = hub_at[i]
            rel = f"public{url}index.html"
            size = max(8_000, _target_size(rng, 14_000))
            out.append(
                Page(
                    i,
                    fmt,
                    rel,
                    url,
                    tg.slugify(title) or "home",
                    topic,
                    other,
                    size,
                    "classic",
                    "listing",
                    year,
                    title,
                )
            )
            continue
        if i in big_at:
            kind, size = "big", big_at[i]
        elif fmt == "html" and rng.random() < 0.04:
            kind, size = "listing", max(8_000, _target_size(rng, 14_000))
        else:
            size = _target_size(rng, HTML_MEDIAN if fmt == "html" else MD_MEDIAN)
        t = tg.TOPICS[topic]
        base = tg.slugify(
            rng.choice(tg.TITLES).format(
                T=t.name, Tc=t.name, T2=tg.TOPICS[other].name, C=t.condition, YEAR=year, NTIPS=7
            )
        )
        slug = base
        n = 2
        while slug in used:
            slug = f"{base}-{n}"
            n += 1
        used.add(slug)
        if fmt == "html":
            x = rng.random()
            if kind == "listing":
                rel, url, flavour = f"public/tags/{slug}/index.html", f"/tags/{slug}/", "classic"
            elif x < 0.5:
                rel, url, flavour = f"public/blog/{slug}/index.html", f"/blog/{slug}/", "classic"
            elif x < 0.7:
                rel, url, flavour = (
                    f"public/treatments/{slug}/index.html",
                    f"/treatments/{slug}/",
                    "magazine",
                )
            elif x < 0.9:
                rel, url, flavour = (
                    f"public/conditions/{t.category}/{slug}/index.html",
                    f"/conditions/{t.category}/{slug}/",
                    "classic",
                )
            else:
                month = rng.randint(1, 12)
                rel, url, flavour = (
                    f"public/news/{year}/{month:02d}/{slug}/index.html",
                    f"/news/{year}/{month:02d}/{slug}/",
                    "minimal",
                )
        else:
            x = rng.random()
            if x < 0.5:
                rel, flavour = f"content/posts/{slug}.md", "hugo-yaml"
            elif x < 0.7:
                rel, flavour = f"content/posts/{year}/{slug}/index.md", "hugo-toml"
            else:
                day = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                rel, flavour = f"_posts/{day}-{slug}.md", "jekyll"
            url = f"/posts/{slug}/"
        out.append(Page(i, fmt, rel, url, slug, topic, other, size, flavour, kind, year))
    return out


# --------------------------------------------------------------------------------------------
# HTML pages.

NAV_ITEMS = (
    [("Home", "/"), ("Skin &amp; Hair", "/conditions/skin/"), ("Pain", "/conditions/pain/")]
    + [(c.capitalize(), f"/conditions/{c}/") for c in tg.CATEGORIES]
    + [
        ("Treatments", "/treatments/"),
        ("News", "/news/"),
        ("About us", "/about/"),
        ("Contact", "/contact/"),
    ]
)

FOOTER_ITEMS = [("Privacy", "/privacy/"), ("Editorial policy", "/editorial-policy/")]

CSS = (
    "<style>:root{--brand:#2b6f77;--ink:#1d2327;--muted:#5f6b70}body{margin:0;font:16px/1.6 "
    "system-ui,sans-serif;color:var(--ink)}.site-header{display:flex;gap:1rem;padding:1rem 2rem;"
    "border-bottom:1px solid #dde3e5}.mega a{color:var(--brand);text-decoration:none}"
    "article{max-width:44rem;margin:0 auto;padding:2rem}figure img{max-width:100%;height:auto}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccd;padding:.3rem .6rem}"
    ".share svg{width:20px;height:20px}.cookie{position:fixed;bottom:0;background:#fff}</style>"
)
SVG = (
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2C6.5 2 2 6.5 2 12s4.5 10 10 10 '
    '10-4.5 10-10S17.5 2 12 2zm1 15h-2v-6h2v6zm0-8h-2V7h2v2z"/></svg>'
)


TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"\w+(?:['’-]\w+)*")


class HtmlWriter:
    """Renders one HTML page into a list of strings, tracking the byte count."""

    def __init__(self, page: Page, pages: list[Page], html_urls: list[str], seed: int) -> None:
        self.page = page
        self.rng = random.Random(f"page:{seed}:{page.index}")
        self.gen = tg.TextGen(self.rng, tg.TOPICS[page.topic], tg.TOPICS[page.other])
        self.urls = html_urls
        self.pages = pages
        self.parts: list[str] = []
        self.size = 0
        self.img = 0
        self.images: list[str] = []  # image URLs to write as (empty) files

    def w(self, s: str) -> None:
        self.parts.append(s)
        self.size += len(s)

    # -- links and inline text
    def link(self, vague: bool = False) -> str:
        r = self.rng
        if r.random() < 0.05:
            href = f"/blog/{self.page.slug}-{r.randint(1, 99)}-old/"  # a page that does not exist
        elif r.random() < 0.08:
            href = f"https://www.example.org/health/{r.randint(100, 999)}"
        else:
            href = self.urls[int(r.random() * len(self.urls))]
        text = self.gen.pick(tg.VAGUE_LINK_TEXTS if vague else tg.LINK_TEXTS)
        return f'<a href="{href}">{text}</a>'

    def paragraph(self, purpose: str) -> str:
        r = self.rng
        sents = self.gen.sentences(purpose, r.randint(2, 6))
        if r.random() < 0.25:
            k = int(r.random() * len(sents))
            sents[k] = f"<strong>{sents[k]}</strong>"
        if r.random() < 0.3:
            sents.append(f"For more detail, see {self.link()}.")
        elif r.random() < 0.06:
            sents.append(f"To book a consultation, {self.link(vague=True)}.")
        if r.random() < 0.05:
            sents.insert(0, "<em>Updated:</em>")
        return "<p>" + " ".join(sents) + "</p>\n"

    def figure(self) -> str:
        r = self.rng
        self.img += 1
        src = f"/images/{self.page.slug}-{self.img}.{r.choice(('jpg', 'webp', 'png'))}"
        if r.random() >= 0.03:  # 3% of images were never uploaded
            self.images.append(src)
        x = r.random()
        if x < 0.25:
            alt = ""  # no alt attribute at all
        elif x < 0.30:
            alt = ' alt=""'
        elif x < 0.36:
            alt = f' alt="{r.choice(tg.BAD_ALTS)}"'
        else:
            alt = f' alt="{self.gen.pick(tg.WORDS_FOR_ALT)}"'
        dims = ' width="800" height="533"' if r.random() < 0.5 else ""
        lazy = ' loading="lazy"' if r.random() < 0.6 else ""
        if r.random() < 0.3:
            return f'<img src="{src}"{alt}{dims}{lazy}>\n'
        cap = self.gen.sentences("mechanism", 1)[0]
        return (
            f'<figure><img src="{src}"{alt}{dims}{lazy}><figcaption>{cap}</figcaption></figure>\n'
        )

    def listing(self) -> str:
        r = self.rng
        tag = "ol" if r.random() < 0.35 else "ul"
        items = self.gen.list_items(r.randint(3, 8))
        return f"<{tag}>\n" + "".join(f"<li>{i}</li>\n" for i in items) + f"</{tag}>\n"

    def table(self) -> str:
        r = self.rng
        head, rows = self.gen.table_rows(r.randint(3, 7))
        th = r.random() < 0.8
        out = ["<table>\n"]
        if r.random() < 0.5:
            out.append(f"<caption>Typical cost of {self.gen.topic.name}</caption>\n")
        cell = "th" if th else "td"
        out.append("<tr>" + "".join(f"<{cell}>{h}</{cell}>" for h in head) + "</tr>\n")
        for row in rows:
            out.append("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>\n")
        out.append("</table>\n")
        return "".join(out)

    def section(self, purpose: str, level: int = 2) -> None:
        r = self.rng
        if r.random() < 0.05 and level == 2:
            level = 4  # skipped heading level
        self.w(f"<h{level}>{self.gen.heading(purpose)}</h{level}>\n")
        for _ in range(r.randint(1, 4)):
            self.w(self.paragraph(purpose))
        x = r.random()
        if x < 0.25:
            self.w(self.listing())
        elif x < 0.35 and purpose in ("cost", "evidence"):
            self.w(self.table())
        elif x < 0.5:
            self.w(self.figure())
        if r.random() < 0.3:
            self.w(f"<h{min(level + 1, 6)}>{self.gen.subheading()}</h{min(level + 1, 6)}>\n")
            self.w(self.paragraph(purpose))
        if r.random() < 0.04:
            self.w(f"<blockquote><p>{self.gen.sentence('claim')}</p></blockquote>\n")

    # -- page chrome
    def head(self, title: str, description: str) -> None:
        r = self.rng
        p = self.page
        lang = ' lang="en"' if r.random() > 0.05 else ""
        self.w(f'<!DOCTYPE html>\n<html{lang}>\n<head>\n<meta charset="utf-8">\n')
        self.w('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
        if r.random() > 0.01:
            self.w(f"<title>{title} | Example Health</title>\n")
        if r.random() > 0.2:
            self.w(f'<meta name="description" content="{description}">\n')
        if r.random() < 0.5:
            self.w(f'<link rel="canonical" href="{SITE_URL}{p.url}">\n')
        self.w(
            f'<meta property="og:title" content="{title}">\n<meta property="og:type" content="article">\n'
        )
        self.w(
            '<link rel="stylesheet" href="/css/main.css">\n<link rel="icon" href="/favicon.ico">\n'
        )
        if p.flavour == "magazine":
            self.w(CSS + "\n")
        if r.random() < 0.3:
            self.w(
                '<script type="application/ld+json">{"@context":"https://schema.org",'
                f'"@type":"MedicalWebPage","headline":"{title}","datePublished":"{p.year}-03-01",'
                f'"dateModified":"{min(p.year + 1, 2025)}-06-15","author":{{"@type":"Person",'
                f'"name":"{self.gen.pick(tg.VOCAB["NAME"])}"}}}}</script>\n'
            )
        self.w("</head>\n<body>\n")

    def header(self) -> None:
        r = self.rng
        fl = self.page.flavour
        if r.random() < 0.5:
            self.w('<a class="skip-link" href="#main">Skip to content</a>\n')
        self.w('<header class="site-header">\n<a href="/" class="logo">')
        self.w(
            '<img src="/img/logo.svg" alt="Example Health">'
            if r.random() < 0.8
            else '<img src="/img/logo.svg">'
        )
        self.w('</a>\n<nav aria-label="Main">\n<ul>\n')
        items = NAV_ITEMS if fl != "minimal" else NAV_ITEMS[:5]
        for name, href in items:
            self.w(f'<li><a href="{href}">{name}</a></li>\n')
        if fl == "magazine":
            self.w('<li class="mega"><ul>\n')
            for t in tg.TOPICS:
                self.w(
                    f'<li><a href="/treatments/{tg.slug_of(t)}/">{tg.capitalise(t.name)}</a></li>\n'
                )
            self.w("</ul></li>\n")
        self.w("</ul>\n</nav>\n")
        if fl == "magazine":
            self.w(
                '<form class="search" action="/search/"><input type="search" name="q" placeholder="Search">'
                '<button type="submit">' + SVG + "</button></form>\n"
            )
        self.w("</header>\n")

    def footer(self) -> None:
        r = self.rng
        self.w('<footer class="site-footer">\n')
        if self.page.flavour != "minimal":
            self.w('<nav aria-label="Footer"><ul>')
            for name, href in [*NAV_ITEMS[-4:], *FOOTER_ITEMS]:
                self.w(f'<li><a href="{href}">{name}</a></li>')
            self.w("</ul></nav>\n")
        if r.random() < 0.55:
            self.w(f'<p class="disclaimer">{r.choice(tg.DISCLAIMERS)}</p>\n')
        self.w(f"<p>&copy; {self.page.year} Example Health. All rights reserved.</p>\n</footer>\n")
        if self.page.flavour == "magazine":
            self.w(
                '<div class="cookie" role="dialog"><p>We use cookies to improve your experience.</p>'
                "<button>Accept</button></div>\n"
            )
        self.w('<script src="/js/site.js" defer></script>\n</body>\n</html>\n')

    def byline(self) -> None:
        r = self.rng
        p = self.page
        if r.random() < 0.6:
            name = self.gen.pick(tg.VOCAB["NAME"])
            self.w(
                f'<p class="byline">By <a rel="author" href="/authors/{tg.slugify(name)}/">{name}</a>'
                f' · <time datetime="{p.year}-0{r.randint(1, 9)}-1{r.randint(0, 9)}">{p.year}</time></p>\n'
            )
        if r.random() < 0.25:
            self.w(
                f'<p class="reviewed">Medically reviewed by {self.gen.pick(tg.VOCAB["NAME"])}</p>\n'
            )

    def _words(self, start: int) -> int:
        """Words of visible text written since part ``start`` (tags stripped)."""
        return len(WORD.findall(TAG.sub(" ", "".join(self.parts[start:]))))

    # -- bodies
    def article(self, target: int, words: int | None = None) -> str:
        r = self.rng
        title = self.gen.title()
        self.head(title, " ".join(self.gen.sentences("intro", 2)).replace('"', ""))
        self.header()
        self.w('<main id="main">\n<article>\n')
        if r.random() < 0.4:
            self.w(
                f'<nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/">Home</a> › '
                f'<a href="/conditions/{self.gen.topic.category}/">{self.gen.topic.category.capitalize()}</a></nav>\n'
            )
        if r.random() > 0.03:
            self.w(f"<h1>{title}</h1>\n")
        if r.random() < 0.02:
            self.w(f"<h1>{self.gen.heading('intro')}</h1>\n")
        self.byline()
        start = len(self.parts)
        if r.random() < 0.5:
            self.w(self.figure())
        self.w(self.paragraph("intro"))
        purposes = ("mechanism", "cost", "hedged", "evidence", "claim", "safety", "advice")
        footer_budget = 1_500
        k = 0
        while True:
            if words is not None and self._words(start) >= words:
                break
            if words is None and self.size + footer_budget >= target:
                break
            self.section(purposes[k % len(purposes)] if k < len(purposes) else r.choice(purposes))
            k += 1
            if k == 3 and r.random() < 0.2:
                self.gen.slots.drift()
        if r.random() < 0.1:
            self.w(f'<p class="disclaimer"><small>{r.choice(tg.DISCLAIMERS)}</small></p>\n')
        self.w("</article>\n")
        if self.page.flavour != "minimal":
            self.w('<aside class="related"><h2>Related articles</h2>\n<ul>\n')
            for _ in range(r.randint(3, 6)):
                self.w(f"<li>{self.link()}</li>\n")
            self.w("</ul>\n</aside>\n")
        self.w("</main>\n")
        self.footer()
        return "".join(self.parts)

    def listing_page(self, target: int) -> str:
        r = self.rng
        title = self.page.title or f"Articles tagged “{self.gen.topic.category}”"
        self.head(title, f"All our articles about {self.gen.topic.condition}.")
        self.header()
        self.w(f'<main id="main">\n<h1>{title}</h1>\n<ul class="post-list">\n')
        while self.size + 1_200 < target:
            url = self.urls[int(r.random() * len(self.urls))]
            name = url.rstrip("/").rsplit("/", 1)[-1].replace("-", " ").capitalize()
            self.w(
                f'<li><h2><a href="{url}">{name}</a></h2>\n'
                f'<p>{self.gen.sentence("intro")}</p> <a href="{url}">Read more</a></li>\n'
            )
        self.w("</ul>\n</main>\n")
        self.footer()
        return "".join(self.parts)

    def big_page(self, target: int) -> str:
        """A very long article: one chapter per topic, round and round, until ``target`` bytes."""
        r = self.rng
        self.head(
            "The complete guide to aesthetic and complementary treatments",
            "Every treatment we cover, in one place.",
        )
        self.header()
        self.w(
            '<main id="main">\n<article>\n<h1>The complete guide to aesthetic and complementary treatments</h1>\n'
        )
        self.w('<nav class="toc"><ol>\n')
        for t in tg.TOPICS:
            self.w(f'<li><a href="#{tg.slug_of(t)}-0">{tg.capitalise(t.name)}</a></li>\n')
        self.w("</ol></nav>\n")
        i = 0
        while self.size + 2_000 < target:
            t = tg.TOPICS[i % len(tg.TOPICS)]
            self.gen = tg.TextGen(r, t, tg.TOPICS[(i + 7) % len(tg.TOPICS)])
            self.w(
                f'<section id="{tg.slug_of(t)}-{i // len(tg.TOPICS)}">\n<h2>{tg.capitalise(t.name)}</h2>\n'
            )
            for purpose in ("intro", "mechanism", "cost", "hedged", "evidence", "safety", "advice"):
                self.section(purpose, level=3)
            self.w("</section>\n")
            i += 1
        self.w("</article>\n</main>\n")
        self.footer()
        return "".join(self.parts)


# --------------------------------------------------------------------------------------------
# Markdown posts.


class MdWriter:
    """Renders one Markdown post (Hugo or Jekyll)."""

    def __init__(self, page: Page, md_urls: list[str], seed: int) -> None:
        self.page = page
        self.rng = random.Random(f"page:{seed}:{page.index}")
        self.gen = tg.TextGen(self.rng, tg.TOPICS[page.topic], tg.TOPICS[page.other])
        self.urls = md_urls
        self.parts: list[str] = []
        self.size = 0
        self.img = 0
        self.wrap = self.rng.random() < 0.3

    def w(self, s: str) -> None:
        self.parts.append(s)
        self.size += len(s)

    def link(self, vague: bool = False) -> str:
        r = self.rng
        if r.random() < 0.05:
            href = f"/posts/{self.page.slug}-draft/"
        elif r.random() < 0.1 and self.page.flavour.startswith("hugo"):
            slug = self.urls[int(r.random() * len(self.urls))].split("/")[2]
            href = f'{{{{< ref "{slug}.md" >}}}}'
        else:
            href = self.urls[int(r.random() * len(self.urls))]
        return f"[{self.gen.pick(tg.VAGUE_LINK_TEXTS if vague else tg.LINK_TEXTS)}]({href})"

    def _wrap(self, text: str) -> str:
        if not self.wrap:
            return text
        lines, line, n = [], [], 0
        for word in text.split(" "):
            if n + len(word) > 78 and line:
                lines.append(" ".join(line))
                line, n = [], 0
            line.append(word)
            n += len(word) + 1
        lines.append(" ".join(line))
        return "\n".join(lines)

    def paragraph(self, purpose: str) -> str:
        r = self.rng
        sents = self.gen.sentences(purpose, r.randint(2, 6))
        if r.random() < 0.25:
            k = int(r.random() * len(sents))
            sents[k] = f"**{sents[k]}**"
        elif r.random() < 0.1:
            k = int(r.random() * len(sents))
            sents[k] = f"*{sents[k]}*"
        if r.random() < 0.3:
            sents.append(f"See {self.link()} for more.")
        elif r.random() < 0.06:
            sents.append(f"Want to book? {self.link(vague=True).capitalize()}.")
        if r.random() < 0.03:
            sents.append("[^1]")
        return self._wrap(" ".join(sents)) + "\n\n"

    def figure(self) -> str:
        r = self.rng
        self.img += 1
        src = f"/images/{self.page.slug}-{self.img}.jpg"
        alt = self.gen.pick(tg.WORDS_FOR_ALT)
        x = r.random()
        if self.page.flavour.startswith("hugo") and x < 0.6:
            if r.random() < 0.25:
                return f'{{{{< figure src="{src}" caption="{self.gen.sentences("mechanism", 1)[0]}" >}}}}\n\n'
            return f'{{{{< figure src="{src}" alt="{alt}" caption="{self.gen.topic.name}" >}}}}\n\n'
        if r.random() < 0.25:
            return f"![]({src})\n\n"
        return f"![{alt}]({src})\n\n"

    def listing(self) -> str:
        r = self.rng
        items = self.gen.list_items(r.randint(3, 8))
        if r.random() < 0.35:
            return "".join(f"{n}. {i}\n" for n, i in enumerate(items, 1)) + "\n"
        return "".join(f"- {i}\n" for i in items) + "\n"

    def table(self) -> str:
        head, rows = self.gen.table_rows(self.rng.randint(3, 7))
        out = ["| " + " | ".join(head) + " |\n", "|" + "---|" * len(head) + "\n"]
        out += ["| " + " | ".join(row) + " |\n" for row in rows]
        return "".join(out) + "\n"

    def code(self) -> str:
        r = self.rng
        if r.random() < 0.5:
            lines = [
                f"week {w}: session {w} of {self.gen.slots['N']}, {self.gen.slots['SE']} expected"
                for w in range(1, r.randint(3, 7))
            ]
            return "```text\n" + "\n".join(lines) + "\n```\n\n"
        return (
            "```yaml\n# aftercare reminders\n"
            f"avoid_sun_days: {self.gen.slots['DAYS']}\nfollow_up_weeks: {r.randint(2, 8)}\n"
            f'notes: "{self.gen.sentence("advice")}"\n```\n\n'
        )

    def section(self, purpose: str, level: int = 2) -> None:
        r = self.rng
        if r.random() < 0.04:
            level = 4
        self.w(f"{'#' * level} {self.gen.heading(purpose)}\n\n")
        for _ in range(r.randint(1, 4)):
            self.w(self.paragraph(purpose))
        x = r.random()
        if x < 0.25:
            self.w(self.listing())
        elif x < 0.37 and purpose in ("cost", "evidence"):
            self.w(self.table())
        elif x < 0.5:
            self.w(self.figure())
        elif x < 0.56:
            self.w(self.code())
        elif x < 0.6 and self.page.flavour.startswith("hugo"):
            self.w(f"{{{{< youtube {r.randrange(16**10):010x} >}}}}\n\n")
        elif x < 0.64:
            self.w(f"> {self.gen.sentence('claim')}\n\n")
        if r.random() < 0.3:
            self.w(f"{'#' * min(level + 1, 6)} {self.gen.subheading()}\n\n")
            self.w(self.paragraph(purpose))

    def front_matter(self, title: str) -> None:
        r = self.rng
        p = self.page
        desc = self.gen.sentence("intro").replace('"', "")
        tags = [tg.slug_of(tg.TOPICS[p.topic]), tg.TOPICS[p.topic].category]
        date = f"{p.year}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
        if p.flavour == "hugo-toml":
            self.w(f'+++\ntitle = "{title}"\ndate = {date}\ndraft = false\n')
            if r.random() > 0.2:
                self.w(f'description = "{desc}"\n')
            self.w(f'tags = {json.dumps(tags)}\ncategories = ["{tags[1]}"]\n')
            if r.random() < 0.4:
                self.w(
                    f'reviewed_by = "{self.gen.pick(tg.VOCAB["NAME"])}"\nlastmod = {min(p.year + 1, 2025)}-01-10\n'
                )
            self.w("+++\n\n")
            return
        self.w("---\n")
        if p.flavour == "jekyll":
            self.w("layout: post\n")
        self.w(f'title: "{title}"\ndate: {date}\n')
        if r.random() > 0.2:
            self.w(f'description: "{desc}"\n')
        self.w(f"tags: [{', '.join(tags)}]\n")
        if r.random() < 0.5:
            self.w(f"author: {self.gen.pick(tg.VOCAB['NAME'])}\n")
        if r.random() < 0.3:
            self.w(f"image: /images/{p.slug}-cover.jpg\n")
        self.w("---\n\n")

    def post(self, target: int) -> str:
        r = self.rng
        title = self.gen.title()
        self.front_matter(title)
        if r.random() < 0.15:
            self.w(f"# {title}\n\n")
        self.w(self.paragraph("intro"))
        if r.random() < 0.4:
            self.w(self.figure())
        purposes = ("mechanism", "cost", "hedged", "evidence", "claim", "safety", "advice")
        k = 0
        while self.size < target:
            self.section(purposes[k % len(purposes)] if k < len(purposes) else r.choice(purposes))
            k += 1
            if k == 3 and r.random() < 0.2:
                self.gen.slots.drift()
        if r.random() < 0.4:
            self.w(f"---\n\n*{r.choice(tg.DISCLAIMERS)}*\n")
        if "[^1]" in "".join(self.parts[-40:]) or r.random() < 0.02:
            self.w(f"\n[^1]: {self.gen.sentence('evidence')}\n")
        return "".join(self.parts)


# --------------------------------------------------------------------------------------------


def render(
    page: Page, pages: list[Page], html_urls: list[str], md_urls: list[str], seed: int
) -> tuple[str, list[str]]:
    """The page's text and the image URLs it references that exist on the site."""
    if page.fmt == "html":
        w = HtmlWriter(page, pages, html_urls, seed)
        if page.kind == "listing":
            return w.listing_page(page.size), w.images
        if page.kind == "big":
            return w.big_page(page.size), w.images
        return w.article(page.size), w.images
    return MdWriter(page, md_urls, seed).post(page.size), []


def write_assets(public: Path, images: list[str]) -> None:
    """The files a built site serves besides its pages, so resource links resolve."""
    for rel, body in (
        ("css/main.css", CSS[len("<style>") : -len("</style>")]),
        ("js/site.js", "document.documentElement.classList.add('js');\n"),
        ("img/logo.svg", SVG),
        ("favicon.ico", ""),
    ):
        (public / rel).parent.mkdir(parents=True, exist_ok=True)
        (public / rel).write_text(body, encoding="utf-8")
    if images:
        (public / "images").mkdir(parents=True, exist_ok=True)
    for src in images:
        with open(public / src.lstrip("/"), "wb"):
            pass


def samples(seed: int, html_urls: list[str]) -> dict[str, tuple[str, int]]:
    """The ~2,000-word article for the single-file figure and a tiny page for start-up cost."""
    p = Page(-1, "html", "", "/blog/sample/", "sample", 1, 5, 0, "classic", "article", 2024)
    w = HtmlWriter(p, [p], html_urls or ["/"], seed)
    article = w.article(0, words=2_000)
    t = Page(-2, "html", "", "/blog/tiny/", "tiny", 2, 6, 0, "minimal", "article", 2024)
    tw = HtmlWriter(t, [t], ["/"], seed)
    tiny = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Note</title>\n'
        "</head>\n<body>\n<main>\n<h1>Note</h1>\n"
        + tw.paragraph("advice")
        + "</main>\n</body>\n</html>\n"
    )
    body = article[article.index("<article>") : article.index("</article>")]
    tiny_words = len(WORD.findall(TAG.sub(" ", tiny)))
    return {
        "article-2000.html": (article, len(WORD.findall(TAG.sub(" ", body)))),
        "tiny.html": (tiny, tiny_words),
    }


def _safe_clear(out: Path) -> None:
    """Remove a previous corpus, refusing to delete a folder this script did not write."""
    site = out / "site"
    if not site.exists():
        return
    if not (out / MANIFEST).exists():
        raise SystemExit(f"{site} exists but has no {MANIFEST}: refusing to overwrite it")
    shutil.rmtree(site)
    shutil.rmtree(out / "samples", ignore_errors=True)


def generate(out: Path, pages: int, seed: int, big: bool = True) -> dict:
    """Write the corpus under ``out`` and return the manifest."""
    t0 = time.perf_counter()
    out = Path(out)
    _safe_clear(out)
    plans = plan(pages, seed, big)
    html_urls = [p.url for p in plans if p.fmt == "html" and p.kind == "article"] or ["/"]
    md_urls = [p.url for p in plans if p.fmt == "md"] or ["/posts/"]
    site = out / "site"
    made: set[str] = set()
    total = n_html = n_md = 0
    bigs = []
    images: list[str] = []
    for p in plans:
        text, imgs = render(p, plans, html_urls, md_urls, seed)
        data = text.encode("utf-8")
        images += imgs
        path = site / p.rel
        d = str(path.parent)
        if d not in made:
            os.makedirs(d, exist_ok=True)
            made.add(d)
        with open(path, "wb") as f:
            f.write(data)
        total += len(data)
        if p.fmt == "html":
            n_html += 1
        else:
            n_md += 1
        if p.kind == "big":
            bigs.append({"path": p.rel, "bytes": len(data)})
    write_assets(site / "public", images)
    sample_dir = out / "samples"
    sample_dir.mkdir(parents=True, exist_ok=True)
    sample_info = {}
    for name, (text, words) in samples(seed, html_urls).items():
        (sample_dir / name).write_bytes(text.encode("utf-8"))
        sample_info[name] = {"path": f"samples/{name}", "words": words}
    manifest = {
        "generator": "benchmarks/generate_corpus.py",
        "seed": seed,
        "pages": pages,
        "html": n_html,
        "markdown": n_md,
        "bytes": total,
        "site": "site",
        "big": sorted(bigs, key=lambda b: -b["bytes"]),
        "samples": sample_info,
    }
    # Pin healthlint's config root (and so its cache) to the corpus, whatever config the
    # surrounding checkout has; all rules on; the built HTML is served from site/public.
    (out / ".healthlint.toml").write_text(
        "# Benchmark corpus: healthlint's default rules; where the built site lives.\n"
        f'site-root = "site/public"\nbase-url = "{SITE_URL}"\n',
        encoding="utf-8",
    )
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return {**manifest, "seconds": round(time.perf_counter() - t0, 2)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir", nargs="?", default=str(Path(__file__).resolve().parent / "corpus"))
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-big", action="store_true", help="leave out the 1-5 MB pages")
    a = ap.parse_args(argv)
    if a.pages < 1:
        ap.error("--pages must be at least 1")
    m = generate(Path(a.outdir), a.pages, a.seed, big=not a.no_big)
    print(
        f"{m['pages']} pages ({m['html']} HTML, {m['markdown']} Markdown), "
        f"{m['bytes'] / 1e6:.1f} MB in {a.outdir}/site, {m['seconds']:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
