"""Site-level SEO checks: broken internal links and anchors, duplicate titles and descriptions.

Each check's ``collect`` runs in the worker and keeps a small picklable summary per file (links
with their positions already turned into line/column, ids, title). ``finalize`` sees every
summary at once and only does dict and set look-ups, so a site of N pages and L links costs
O(N + L) (plus one ``os.path.isfile`` per distinct non-page target, cached).

Where the site lives: the ``site-root`` option (the engine fills it from the ``site-root``
config key); without it, the deepest folder holding every linted file. ``base-url`` makes
absolute links to the site itself internal. Markdown sources are checked only for links that
name another Markdown file (``other.md#part``) and for same-page ``#anchors``: what URL a
generator gives a Markdown page is not knowable in general, so other links are left to a run
over the built HTML.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from healthlint.document import Document
from healthlint.registry import OptionsError, SiteHit, site_check

Pos = tuple[int, int, int, int]  # line, column, end line, end column
_LINK_ATTRS = {
    "a": "href",
    "area": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "track": "src",
    "embed": "src",
    "object": "data",
}
_SKIP_REL = frozenset(
    ("canonical", "alternate", "preconnect", "dns-prefetch", "me", "webmention", "pingback")
)


def _pos(doc: Document, span: tuple[int, int]) -> Pos:
    line, col = doc.line_col(span[0])
    end_line, end_col = doc.line_col(span[1])
    return (line, col, end_line, end_col)


@dataclass(frozen=True)
class SiteOpts:
    site_root: str | None
    base_scheme_host: str | None
    base_path: str
    check_resources: bool = True  # images, scripts, styles… as well as <a>/<area> links


def _prepare(options: dict[str, Any]) -> SiteOpts:
    root = options.get("site-root")
    if root is not None and not isinstance(root, str):
        raise OptionsError("option 'site-root' must be a folder path")
    base = options.get("base-url")
    host = None
    path = "/"
    if base is not None:
        if not isinstance(base, str):
            raise OptionsError("option 'base-url' must be a URL")
        parts = urlsplit(base.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise OptionsError(
                "option 'base-url' must be an absolute http(s) URL, e.g. https://example.org/"
            )
        host = parts.netloc.lower()
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
    resources = options.get("check-resources", True)
    if not isinstance(resources, bool):
        raise OptionsError("option 'check-resources' must be true or false")
    return SiteOpts(os.path.abspath(root) if root else None, host, path, resources)


# --- broken links ---------------------------------------------------------------------------


def collect_links(doc: Document, opts: SiteOpts) -> dict[str, Any]:
    links: list[tuple[str, Pos]] = []
    if doc.root is not None:
        for el in doc.elements:
            attr = _LINK_ATTRS.get(el.tag)
            if attr is None or attr not in el.attrs:
                continue
            if not opts.check_resources and el.tag not in ("a", "area"):
                continue
            if el.tag == "link" and set(el.attrs.get("rel", "").lower().split()) & _SKIP_REL:
                continue
            span = (el.attr_spans or {}).get(attr, (el.start, el.start_end))
            links.append((el.attrs[attr], _pos(doc, span)))
    else:
        for ref in doc.meta.links:
            if ref.href is not None:
                links.append((ref.href, _pos(doc, ref.span)))
        if opts.check_resources:
            for img in doc.meta.images:
                if img.src is not None:
                    links.append((img.src, _pos(doc, img.span)))
    return {
        "file": os.path.abspath(doc.path),
        "format": doc.format,
        "ids": sorted(doc.meta.ids),
        "links": links,
    }


class _Resolver:
    def __init__(self, collected: dict[str, Any], opts: SiteOpts) -> None:
        self.opts = opts
        self.pages: dict[str, set[str]] = {s["file"]: set(s["ids"]) for s in collected.values()}
        self._exists: dict[str, bool] = {}
        if opts.site_root:
            self.root: str | None = opts.site_root
        else:
            dirs = [os.path.dirname(s["file"]) for s in collected.values()]
            common = os.path.commonpath(dirs) if dirs else None
            # without a configured root, "/…" links are judged only when that folder looks like one
            has_index = common is not None and (
                os.path.join(common, "index.html") in self.pages
                or os.path.isfile(os.path.join(common, "index.html"))
            )
            self.root = common if has_index else None

    def exists(self, path: str) -> bool:
        if path in self.pages:
            return True
        hit = self._exists.get(path)
        if hit is None:
            hit = self._exists[path] = os.path.isfile(path)
        return hit

    def target(self, href: str, here: str, fmt: str) -> tuple[str | None, str, bool]:
        """(file or None, fragment, judged): ``judged`` is False for links this check skips."""
        h = href.strip()
        if not h:
            return None, "", False
        try:
            parts = urlsplit(h)
        except ValueError:
            return None, "", False
        frag = unquote(parts.fragment)
        path = parts.path
        if parts.scheme or parts.netloc:
            if parts.scheme not in ("http", "https", "") or self.opts.base_scheme_host is None:
                return None, "", False
            if parts.netloc.lower() != self.opts.base_scheme_host:
                return None, "", False
            if not path.startswith(self.opts.base_path) and path + "/" != self.opts.base_path:
                return None, "", False
            path = "/" + path[len(self.opts.base_path) :]
        if not path:
            return here, frag, True
        path = unquote(path)
        if fmt == "markdown":
            if path.startswith("/") or not path.lower().endswith((".md", ".markdown")):
                return None, "", False
        if path.startswith("/"):
            if self.root is None:
                return None, "", False
            if self.opts.base_path != "/" and path.startswith(self.opts.base_path):
                path = "/" + path[len(self.opts.base_path) :]
            base = os.path.join(self.root, path.lstrip("/"))
        else:
            base = os.path.join(os.path.dirname(here), path)
        base = os.path.normpath(base)
        candidates = (
            [os.path.join(base, "index.html")]
            if path.endswith("/")
            else [
                base,
                base + ".html",
                os.path.join(base, "index.html"),
            ]
        )
        for cand in candidates:
            if self.exists(cand):
                return cand, frag, True
        return None, frag, True


def finalize_links(collected: dict[str, Any], opts: SiteOpts) -> Iterator[SiteHit]:
    res = _Resolver(collected, opts)
    for path, summary in collected.items():
        here = summary["file"]
        for href, (line, col, end_line, end_col) in summary["links"]:
            target, frag, judged = res.target(href, here, summary["format"])
            if not judged:
                continue
            if target is None:
                yield SiteHit(
                    path,
                    line,
                    col,
                    end_line,
                    end_col,
                    f'Broken internal link: "{href.strip()}" matches no page or file of the site',
                    "Fix the path, or remove the link",
                )
                continue
            if not frag or frag == "top" or frag.startswith(":~:"):
                continue
            ids = res.pages.get(target)
            if ids is not None and frag not in ids:
                where = (
                    "this page"
                    if target == here
                    else posixpath.basename(target.replace(os.sep, "/"))
                )
                yield SiteHit(
                    path,
                    line,
                    col,
                    end_line,
                    end_col,
                    f'Broken anchor: "#{frag}" is not an id on {where}',
                    "Link to an id that exists, or add the id to the target",
                )


site_check("site.broken_links", collect_links, finalize_links, prepare=_prepare)


# --- duplicates -----------------------------------------------------------------------------


def _dup_collect(
    value: str | None, span: tuple[int, int] | None, doc: Document
) -> dict[str, Any] | None:
    if value is None or not value.strip() or span is None:
        return None
    return {
        "key": " ".join(value.lower().split()),
        "text": " ".join(value.split()),
        "pos": _pos(doc, span),
        "format": doc.format,
    }


def collect_title(doc: Document, opts: Any) -> dict[str, Any] | None:
    if doc.format == "markdown" and doc.meta.front_matter_span is None:
        return None
    return _dup_collect(doc.meta.title, doc.meta.title_span, doc)


def collect_description(doc: Document, opts: Any) -> dict[str, Any] | None:
    if doc.format == "markdown":
        if doc.meta.front_matter_span is None:
            return None
        from healthlint.loaders.frontmatter import value_span

        desc = doc.meta.front_matter.get("description")
        span = value_span(doc.source, doc.meta.front_matter_span, "description")
        return _dup_collect(desc if isinstance(desc, str) else None, span, doc)
    m = doc.meta.meta("description")
    return _dup_collect(m.content, m.span, doc) if m is not None else None


def _duplicates(collected: dict[str, Any], what: str) -> Iterator[SiteHit]:
    groups: dict[tuple[str, str], list[str]] = {}
    for path, s in collected.items():
        if s:
            groups.setdefault((s["format"], s["key"]), []).append(path)
    for paths in groups.values():
        if len(paths) < 2:
            continue
        for path in paths:
            s = collected[path]
            others = [p for p in paths[:4] if p != path][:3]
            more = len(paths) - 1 - len(others)
            listed = ", ".join(others) + (f" and {more} more" if more > 0 else "")
            line, col, end_line, end_col = s["pos"]
            yield SiteHit(
                path,
                line,
                col,
                end_line,
                end_col,
                f'The {what} "{s["text"][:80]}" is also used by {listed}',
                f"Give every page its own {what}",
            )


def finalize_titles(collected: dict[str, Any], opts: Any) -> Iterator[SiteHit]:
    yield from _duplicates(collected, "title")


def finalize_descriptions(collected: dict[str, Any], opts: Any) -> Iterator[SiteHit]:
    yield from _duplicates(collected, "meta description")


site_check("site.duplicate_title", collect_title, finalize_titles)
site_check("site.duplicate_description", collect_description, finalize_descriptions)
