"""Search-engine checks of one page: title, description, headings, canonical, robots, hreflang,
Open Graph, structured data (JSON-LD), thin content, crawlable links and the mobile viewport.

HTML pages are judged from their <head> and element tree; Markdown sources from their front
matter (``title``, ``description``), which static-site generators turn into those tags. A
Markdown file without front matter is treated as a fragment: its title and description are
the layout's business and are not judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from healthlint.document import Document
from healthlint.htmltree import Element
from healthlint.registry import Hit, OptionsError, Related, check

Span = tuple[int, int]


def _hit(span: Span, message: str, suggestion: str | None = None, **kw: Any) -> Hit:
    return Hit(span[0], span[1], message, suggestion, **kw)


def _int_opt(options: dict[str, Any], key: str, default: int) -> int:
    value = options.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise OptionsError(f"option '{key}' must be a whole number of 0 or more")
    return value


def _is_page(doc: Document) -> bool:
    root = doc.root
    return root is not None and any(
        isinstance(c, Element) and c.tag in ("html", "head", "body") for c in root.children
    )


def _fm_page(doc: Document) -> bool:
    return doc.format == "markdown" and doc.meta.front_matter_span is not None


def _fm_value(doc: Document, *keys: str) -> tuple[str | None, Span]:
    from healthlint.loaders.frontmatter import value_span

    fm = doc.meta.front_matter
    span = doc.meta.front_matter_span or (0, 0)
    for key in keys:
        v = fm.get(key)
        if v is not None:
            return (str(v) if not isinstance(v, str) else v), (
                value_span(doc.source, span, key) or span
            )
    return None, span


def _head_span(doc: Document) -> Span:
    return doc.meta.head_span or doc.page_span


# --- title ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TitleOpts:
    min_length: int
    max_length: int
    site_name: str | None


def _prepare_title(options: dict[str, Any]) -> TitleOpts:
    lo = _int_opt(options, "min-length", 10)
    hi = _int_opt(options, "max-length", 60)
    if hi < lo:
        raise OptionsError("option 'max-length' must not be below 'min-length'")
    name = options.get("site-name")
    if name is not None and not isinstance(name, str):
        raise OptionsError("option 'site-name' must be a string")
    return TitleOpts(lo, hi, name)


def _site_name(doc: Document, opts: TitleOpts) -> str | None:
    if opts.site_name:
        return opts.site_name
    m = doc.meta.meta("og:site_name") or doc.meta.meta("application-name")
    return m.content if m is not None and m.content.strip() else None


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


@check("seo.title", prepare=_prepare_title)
def title(doc: Document, opts: TitleOpts) -> Iterator[Hit]:
    """Title length and wording; a missing HTML title is A11Y004's finding (not repeated here)."""
    if _fm_page(doc):
        text, span = _fm_value(doc, "title")
        if text is None or not text.strip():
            yield _hit(span, "The front matter has no title", "Add a title: of 10–60 characters")
            return
    elif _is_page(doc):
        text = doc.meta.title
        span = doc.meta.title_span or doc.page_span
        if text is None or not text.strip():
            return
    else:
        return
    text = " ".join(text.split())
    site = _site_name(doc, opts)
    if site and _norm(text) == _norm(site):
        yield _hit(
            span,
            f'The title is only the site name ("{text}")',
            "Name the page's topic first, then the site: 'Mesotherapy for cellulite – Site'",
        )
    elif len(text) < opts.min_length:
        yield _hit(
            span,
            f"The title is {len(text)} characters; search results need at least {opts.min_length} to describe the page",
            "Write a title that names the page's topic",
        )
    elif len(text) > opts.max_length:
        yield _hit(
            span,
            f"The title is {len(text)} characters; search results cut it after about {opts.max_length}",
            "Put the topic first and shorten the title",
        )


# --- description ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DescOpts:
    min_length: int
    max_length: int


def _prepare_desc(options: dict[str, Any]) -> DescOpts:
    lo = _int_opt(options, "min-length", 50)
    hi = _int_opt(options, "max-length", 160)
    if hi < lo:
        raise OptionsError("option 'max-length' must not be below 'min-length'")
    return DescOpts(lo, hi)


@check("seo.meta_description", prepare=_prepare_desc)
def meta_description(doc: Document, opts: DescOpts) -> Iterator[Hit]:
    if _fm_page(doc):
        text, span = _fm_value(doc, "description", "summary", "excerpt")
        where = "front matter"
    elif _is_page(doc):
        m = doc.meta.meta("description")
        text, span = (m.content, m.span) if m is not None else (None, _head_span(doc))
        where = "page"
    else:
        return
    if text is None or not text.strip():
        yield _hit(
            span,
            f"The {where} has no meta description; search engines will pick a snippet themselves",
            f"Add a description of {opts.min_length}–{opts.max_length} characters that summarises the page",
        )
        return
    n = len(" ".join(text.split()))
    if n < opts.min_length:
        yield _hit(
            span,
            f"The meta description is {n} characters; aim for {opts.min_length}–{opts.max_length}",
        )
    elif n > opts.max_length:
        yield _hit(
            span,
            f"The meta description is {n} characters; search results cut it after about {opts.max_length}",
        )


# --- headings -------------------------------------------------------------------------------


@check("seo.single_h1")
def single_h1(doc: Document, opts: Any) -> Iterator[Hit]:
    """More than one h1 (a page with none is A11Y013's finding)."""
    if doc.root is None:
        spans = [b.source_span for b in doc.blocks if b.kind == "heading" and b.level == 1]
    else:
        from healthlint.accname import Page

        page = Page.of(doc)
        assert page is not None
        spans = [
            (el.start, el.start_end)
            for el in page.elements
            if el.tag == "h1" and page.included(el) and not page.in_template(el)
        ]
    if len(spans) > 1:
        for span in spans[1:]:
            yield _hit(
                span,
                f"The page has {len(spans)} <h1> headings; search engines expect one main heading",
                "Keep one h1 for the page's topic and make the others h2",
                related=[Related(spans[0], "first h1")],
            )


# --- canonical, robots, hreflang ------------------------------------------------------------


def _absolute_url_problem(url: str) -> str | None:
    u = url.strip()
    if not u:
        return "is empty"
    if any(c.isspace() for c in u):
        return "contains white space"
    try:
        parts = urlsplit(u)
        host = parts.hostname
    except ValueError:
        return "is not a well-formed URL"
    if parts.scheme not in ("http", "https"):
        return (
            "is not an absolute http(s) URL"
            if not parts.scheme
            else f"uses the {parts.scheme}: scheme"
        )
    if not host or ("." not in host and host != "localhost"):
        return "has no valid host name"
    return None


@check("seo.canonical")
def canonical(doc: Document, opts: Any) -> Iterator[Hit]:
    if _fm_page(doc):
        url, span = _fm_value(doc, "canonical", "canonical_url", "canonicalURL")
        if url is not None:
            problem = _absolute_url_problem(url)
            if problem:
                yield _hit(
                    span,
                    f"The canonical URL {problem}",
                    "Use the page's full URL, e.g. https://example.org/page/",
                )
        return
    if not _is_page(doc):
        return
    links = [t for t in doc.meta.link_tags if "canonical" in t.key.split()]
    if not links:
        yield _hit(
            _head_span(doc),
            "The page has no canonical link",
            'Add <link rel="canonical" href="https://…"> with the page\'s preferred URL',
        )
        return
    for tag in links:
        problem = _absolute_url_problem(tag.content)
        if problem:
            yield _hit(
                tag.span,
                f'The canonical URL "{tag.content}" {problem}',
                "Use the page's full absolute URL",
            )
    urls = {t.content.strip() for t in links}
    if len(urls) > 1:
        yield _hit(
            links[1].span,
            "The page has canonical links to different URLs; search engines may ignore them all",
            "Keep one canonical link",
            related=[Related(links[0].span, "first canonical link")],
        )


_ARTICLE_TYPES = frozenset(
    [
        "article",
        "newsarticle",
        "blogposting",
        "report",
        "scholarlyarticle",
        "medicalscholarlyarticle",
        "techarticle",
        "medicalwebpage",
    ]
)


def _types(node: dict[str, Any]) -> list[str]:
    t = node.get("@type")
    items = t if isinstance(t, list) else [t]
    out = []
    for x in items:
        if isinstance(x, str):
            out.append(x.rsplit("/", 1)[-1].rsplit(":", 1)[-1])
    return out


def _nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Top-level JSON-LD nodes (lists and @graph flattened; no deep recursion)."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            if "@graph" in item:
                stack.append(item["@graph"])
            if "@type" in item:
                yield item


def _is_article(doc: Document) -> bool:
    og = doc.meta.meta("og:type")
    if og is not None and og.content.strip().lower() == "article":
        return True
    for j in doc.meta.json_ld:
        for node in _nodes(j.data):
            if any(t.lower() in _ARTICLE_TYPES for t in _types(node)):
                return True
    return doc.root is not None and doc.root.find("article") is not None


@check("seo.noindex_article")
def noindex_article(doc: Document, opts: Any) -> Iterator[Hit]:
    if doc.root is None:
        if _fm_page(doc):
            robots = doc.meta.front_matter.get("robots")
            noindex = doc.meta.front_matter.get("noindex")
            if noindex is True or (isinstance(robots, str) and "noindex" in robots.lower()):
                _, span = _fm_value(doc, "noindex", "robots")
                yield _hit(
                    span, "This article is marked noindex, so search engines will not show it"
                )
        return
    if not _is_article(doc):
        return
    for m in doc.meta.metas:
        if m.key in ("robots", "googlebot") and m.attr == "name":
            words = {w.strip() for w in m.content.lower().split(",")}
            if "noindex" in words or "none" in words:
                yield _hit(
                    m.span,
                    "This article is marked noindex, so search engines will not show it",
                    "Remove noindex unless the page must stay out of search results",
                )


@check("seo.hreflang")
def hreflang(doc: Document, opts: Any) -> Iterator[Hit]:
    from healthlint.checks.accessibility import valid_language_tag, valid_region

    if doc.root is None:
        return
    for el in doc.elements:
        if el.tag != "link" or "hreflang" not in el.attrs:
            continue
        value = el.attrs["hreflang"].strip()
        span = (el.attr_spans or {}).get("hreflang", (el.start, el.start_end))
        if value.lower() == "x-default":
            continue
        parts = value.split("-")
        ok = valid_language_tag(value) and not value.lower().startswith("x-")
        if ok and len(parts) > 1:
            rest = parts[1:]
            if len(rest[0]) == 4 and rest[0].isalpha():  # script subtag
                rest = rest[1:]
            ok = len(rest) <= 1 and (not rest or valid_region(rest[0]))
        if not ok:
            yield _hit(
                span,
                f'hreflang="{value}" is not a valid language(-region) code; search engines ignore it',
                'Use an ISO 639-1 language and optional ISO 3166-1 region, e.g. "en-GB", or "x-default"',
            )
        href = el.attrs.get("href", "")
        if ok and _absolute_url_problem(href):
            yield _hit(
                (el.attr_spans or {}).get("href", (el.start, el.start_end)),
                f'The hreflang alternate URL "{href}" must be absolute',
            )


# --- Open Graph -----------------------------------------------------------------------------


@check("seo.open_graph")
def open_graph(doc: Document, opts: Any) -> Iterator[Hit]:
    if not _is_page(doc):
        return
    missing = [
        k
        for k in ("og:title", "og:description")
        if not (m := doc.meta.meta(k)) or not m.content.strip()
    ]
    if missing:
        yield _hit(
            _head_span(doc),
            f"The page has no {' or '.join(missing)}; shared links show no proper preview",
            'Add <meta property="og:title" content="…"> and og:description',
        )


# --- structured data ------------------------------------------------------------------------

_MEDICAL_PAGE = frozenset(("medicalwebpage", "medicalscholarlyarticle"))
_HEALTH_TYPES = _ARTICLE_TYPES | frozenset(
    [
        "medicalcondition",
        "medicalentity",
        "drug",
        "drugclass",
        "medicalprocedure",
        "therapeuticprocedure",
        "medicaltherapy",
        "dietarysupplement",
        "medicaltest",
        "medicalsignorsymptom",
        "symptom",
        "medicalsign",
        "physicalactivity",
        "diet",
        "substance",
        "anatomicalstructure",
        "medicalstudy",
        "medicalguideline",
        "medicalclinic",
        "physician",
        "hospital",
    ]
)


@dataclass(frozen=True)
class StructuredOpts:
    article_props: tuple[str, ...]
    medical_props: tuple[str, ...]


def _prepare_structured(options: dict[str, Any]) -> StructuredOpts:
    def lst(key: str, default: list[str]) -> tuple[str, ...]:
        v = options.get(key, default)
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise OptionsError(f"option '{key}' must be a list of property names")
        return tuple(v)

    return StructuredOpts(
        lst("article-properties", ["datePublished", "dateModified", "author"]),
        lst("medical-properties", ["lastReviewed", "reviewedBy"]),
    )


@check("seo.structured_data")
def structured_data(doc: Document, opts: Any) -> Iterator[Hit]:
    """No JSON-LD at all, or none with a type that fits a health page."""
    if not _is_page(doc):
        return
    parsed = [j for j in doc.meta.json_ld if j.error is None]
    if not doc.meta.json_ld:
        yield _hit(
            _head_span(doc),
            "The page has no structured data (JSON-LD)",
            'Add <script type="application/ld+json"> with a MedicalWebPage or Article description',
        )
        return
    if not parsed:
        return  # SEO009 reports the parse errors
    types = [t for j in parsed for n in _nodes(j.data) for t in _types(n)]
    if not any(t.lower() in _HEALTH_TYPES for t in types):
        shown = ", ".join(sorted(set(types))) or "no @type"
        yield _hit(
            parsed[0].span,
            f"The JSON-LD ({shown}) has no type that fits a health article",
            "Use MedicalWebPage, Article or a medical type such as MedicalCondition",
        )


@check("seo.json_ld_valid")
def json_ld_valid(doc: Document, opts: Any) -> Iterator[Hit]:
    for j in doc.meta.json_ld:
        if j.error is not None:
            yield _hit(
                j.span,
                f"The JSON-LD does not parse: {j.error}",
                "Fix the JSON syntax (a validator shows where)",
            )


@check("seo.structured_data_properties", prepare=_prepare_structured)
def structured_data_properties(doc: Document, opts: StructuredOpts) -> Iterator[Hit]:
    for j in doc.meta.json_ld:
        if j.error is not None:
            continue
        for node in _nodes(j.data):
            types = {t.lower() for t in _types(node)}
            if not types & _ARTICLE_TYPES:
                continue
            want = list(opts.article_props)
            if types & _MEDICAL_PAGE:
                want += list(opts.medical_props)
            missing = [p for p in want if node.get(p) in (None, "", [], {})]
            if missing:
                name = "/".join(_types(node))
                yield _hit(
                    j.span,
                    f"The {name} JSON-LD lacks {', '.join(missing)}",
                    "Readers and search engines use these to judge how current and trustworthy a health page is",
                )


# --- content and links ----------------------------------------------------------------------


def _prepare_thin(options: dict[str, Any]) -> int:
    return _int_opt(options, "min-words", 300)


@check("seo.thin_content", prepare=_prepare_thin)
def thin_content(doc: Document, min_words: int) -> Iterator[Hit]:
    if not (_is_page(doc) or doc.format == "markdown"):
        return
    main = [b for b in doc.blocks if b.in_main]
    if not main:
        return
    from healthlint.document import WORD_RE

    n = 0
    for b in main:  # stop at the threshold: long pages cost nothing
        words = b.__dict__.get("word_texts")  # reuse the block's words when already split
        n += len(words) if words is not None else len(WORD_RE.findall(b.text))
        if n >= min_words:
            return
    if n < min_words:
        first = next((b for b in main if b.kind == "heading" and b.level == 1), main[0])
        yield _hit(
            first.source_span,
            f"The main content has {n} word{'s' if n != 1 else ''}; pages under {min_words} rarely answer a health question well",
            "Expand the article, or merge it with a related page",
        )


@check("seo.crawlable_links")
def crawlable_links(doc: Document, opts: Any) -> Iterator[Hit]:
    for link in doc.meta.links:
        href = link.href
        if href is None:
            continue
        h = href.strip()
        if h and not re.match(r"(?i)javascript:", h):
            continue
        what = "an empty href" if not h else "a javascript: URL"
        yield _hit(
            link.span,
            f"Link has {what}, which search engines cannot follow",
            "Point href at a real URL (use a <button> for scripted actions)",
        )


@check("seo.viewport")
def viewport(doc: Document, opts: Any) -> Iterator[Hit]:
    if not _is_page(doc):
        return
    m = doc.meta.meta("viewport")
    if m is None:
        yield _hit(
            _head_span(doc),
            "The page has no viewport meta tag, so phones show it zoomed out (not mobile-friendly)",
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
        )
    elif not re.search(r"(?i)\b(width|initial-scale)\s*=", m.content):
        yield _hit(m.span, "The viewport meta tag sets neither width nor initial-scale")
