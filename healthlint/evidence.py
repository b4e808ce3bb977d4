"""Trust evidence of a page: its dates, authors, reviewers and sources, wherever they are.

A byline can be visible text, a ``<meta name="author">``, JSON-LD ``author``, a
``class="byline"`` element or front matter; a date can be a "Last reviewed:" line, a ``<time>``,
a meta tag, JSON-LD or front matter. Rules should not care which: :func:`gather` returns the
facts with the span each came from, for HTML and Markdown alike.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from healthlint.document import WORD_RE, Document, Span
from healthlint.registry import OptionsError
from healthlint.topics import TextIndex

DATE_KINDS = ("published", "updated", "reviewed")
PERSON_ROLES = ("author", "reviewer")

# --- lexicon -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """``rules/lexicons/disclaimers.yml``, read once per process."""
    import yaml

    from healthlint.packs import builtin_rules_dir

    path = builtin_rules_dir() / "lexicons" / "disclaimers.yml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    if not isinstance(data, dict):
        raise OptionsError(f"{path}: the lexicon must be a mapping")
    return data


def str_list(value: Any, option: str) -> list[str]:
    """Validate an option that must be a list of strings (a lone string is accepted)."""
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise OptionsError(f"option '{option}' must be a list of strings")
    return list(value)


def merged_list(options: Mapping[str, Any], name: str, default: list[str]) -> list[str]:
    """``name`` replaces the lexicon's list, ``extra-name`` adds to it."""
    base = str_list(options[name], name) if name in options else list(default)
    if f"extra-{name}" in options:
        base += str_list(options[f"extra-{name}"], f"extra-{name}")
    return base


# --- dates -----------------------------------------------------------------------------------

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
DATE_PATTERN = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{4}/\d{1,2}/\d{1,2}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|{_MONTH},?\s+\d{{4}}"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{4})"
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")
_YMD = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_DMY_WORDS = re.compile(
    rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH}),?\s+(\d{{4}})$", re.I
)
_MDY_WORDS = re.compile(rf"^({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$", re.I)
_MY_WORDS = re.compile(rf"^({_MONTH}),?\s+(\d{{4}})$", re.I)
_NUMERIC = re.compile(r"^(\d{1,2})([/.])(\d{1,2})[/.](\d{4})$")


def _mk(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def parse_date(value: Any) -> dt.date | None:
    """A date from front matter, JSON-LD, an attribute or visible text; None if not a date.

    Numeric ``a/b/yyyy`` is read month first unless that is impossible; ``a.b.yyyy`` day first.
    A month without a day counts as the first of the month.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    s = " ".join(value.split())
    if m := _ISO.match(s):
        return _mk(int(m[1]), int(m[2]), int(m[3]))
    if m := _YMD.match(s):
        return _mk(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY_WORDS.match(s):
        return _mk(int(m[3]), _MONTHS[m[2].lower().rstrip(".")], int(m[1]))
    if m := _MDY_WORDS.match(s):
        return _mk(int(m[3]), _MONTHS[m[1].lower().rstrip(".")], int(m[2]))
    if m := _MY_WORDS.match(s):
        return _mk(int(m[2]), _MONTHS[m[1].lower().rstrip(".")], 1)
    if m := _NUMERIC.match(s):
        a, sep, b, y = int(m[1]), m[2], int(m[3]), int(m[4])
        if sep == "." or a > 12:
            return _mk(y, b, a)
        return _mk(y, a, b)
    return None


# --- facts -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DateFact:
    kind: str  # published, updated or reviewed
    value: dt.date
    span: Span
    origin: str  # where it was found, for messages: "front matter 'date'", "JSON-LD dateModified"


@dataclass(frozen=True, slots=True)
class PersonFact:
    role: str  # author or reviewer
    name: str
    span: Span
    origin: str


@dataclass
class Evidence:
    dates: list[DateFact] = field(default_factory=list)
    people: list[PersonFact] = field(default_factory=list)

    def dates_of(self, *kinds: str) -> list[DateFact]:
        return [d for d in self.dates if d.kind in kinds]

    def people_of(self, role: str) -> list[PersonFact]:
        return [p for p in self.people if p.role == role]

    def latest(self, *kinds: str) -> DateFact | None:
        """The most recent date of the given kinds (the first found on a tie)."""
        best: DateFact | None = None
        for d in self.dates_of(*kinds):
            if best is None or d.value > best.value:
                best = d
        return best


# --- configuration ---------------------------------------------------------------------------


def _norm_key(key: str) -> str:
    return str(key).strip().lower().replace("-", "_")


@dataclass(frozen=True)
class EvidenceConfig:
    """Where to look: front-matter keys, meta keys, visible-text patterns, byline classes."""

    fm_keys: tuple[tuple[str, tuple[str, ...]], ...]  # kind/role -> normalised keys
    meta_keys: tuple[tuple[str, tuple[str, ...]], ...]
    date_lines: tuple[tuple[str, re.Pattern[str]], ...]
    people: tuple[tuple[str, re.Pattern[str]], ...]
    max_block_words: int
    classes: tuple[tuple[str, frozenset[str]], ...]

    def __post_init__(self) -> None:
        # a key of per-document caches: hash the keys and patterns once, not on every look-up
        values = tuple(getattr(self, f.name) for f in fields(self))
        object.__setattr__(self, "_hash", hash(values))

    def __hash__(self) -> int:
        return self._hash  # type: ignore[attr-defined,no-any-return]

    def __reduce__(self) -> tuple[type[EvidenceConfig], tuple[Any, ...]]:
        # rebuilt (and hashed again) in a worker: string hashes differ between processes
        return EvidenceConfig, tuple(getattr(self, f.name) for f in fields(self))

    def fm(self, kind: str) -> tuple[str, ...]:
        return dict(self.fm_keys).get(kind, ())


NAME_PATTERN = (
    r"(?P<name>(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx|Doctor)\.?\s+|(?i:the)\s+)?"
    r"[A-Z][\w’'.\-]*(?:\s+(?:[A-Z][\w’'.\-]*|de|van|von|der|den|da|di|du|le|la|bin|al|y))*)"
)


# A dated line starts the block or follows a separator ("By Jo Lee | Updated 2 May 2024"), maybe
# as "This page was last reviewed …"; "a study, published 4 May 2019," in prose is not the page's.
_LINE_START = (
    r"(?:^|[|·•—–;.]\s*|\s[\-/]\s)\s*"
    r"(?:(?:this\s+)?(?:page|article|post|content|information|guide|leaflet)\s+(?:was\s+|is\s+)?)?"
)


def _label_regex(labels: list[str]) -> str:
    parts = sorted(
        {r"[\s\-]+".join(map(re.escape, lab.split())) for lab in labels}, key=len, reverse=True
    )
    return "(?:" + "|".join(parts) + ")"


def _phrase_trie(phrases: list[str]) -> str:
    """Phrases as one prefix-factored alternation; a space stands for ``[\\s\\-]+``."""
    root: dict[str, Any] = {}
    for p in phrases:
        node = root
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [
            (r"[\s\-]+" if ch == " " else re.escape(ch)) + emit(sub)
            for ch, sub in sorted(node.items())
            if ch
        ]
        if not alts:
            return ""
        if "" in node:
            return "(?:" + "|".join(alts) + ")?"
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root)


def compile_pattern(
    pattern: str,
    option: str,
    flags: int = re.IGNORECASE,
    professionals: tuple[str, ...] | None = None,
    any_match: bool = False,
) -> re.Pattern[str]:
    """Expand the lexicon placeholders and compile; a bad pattern raises OptionsError.

    ``any_match``: the pattern only serves to ask whether it matches somewhere, so
    ``{professional}`` may be a prefix tree (same strings, faster) instead of a plain list.
    """
    if professionals is None:
        professionals = tuple(str(p) for p in lexicon().get("professionals", []))
    profs = sorted(set(professionals), key=len, reverse=True)
    if not profs:
        prof = "(?!x)x"
    elif any_match:
        prof = "(?:" + _phrase_trie([" ".join(p.split()) for p in profs]) + ")"
    else:
        prof = "(?:" + "|".join(r"[\s\-]+".join(map(re.escape, p.split())) for p in profs) + ")"
    expanded = (
        pattern.replace("{professional}", prof)
        .replace("{gap}", r"[^.!?\n]{0,40}?")
        .replace("{name}", NAME_PATTERN)
        .replace("{date}", rf"(?P<date>{DATE_PATTERN})")
    )
    try:
        return re.compile(expanded, flags)
    except re.error as exc:
        raise OptionsError(
            f"option '{option}': invalid regular expression {pattern!r}: {exc}"
        ) from None


def _kind_map(raw: Any, option: str, kinds: tuple[str, ...]) -> dict[str, list[str]]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise OptionsError(f"option '{option}' must map {', '.join(kinds)} to lists of keys")
    out: dict[str, list[str]] = {}
    for k, v in raw.items():
        if k not in kinds:
            raise OptionsError(f"option '{option}': unknown kind '{k}' (known: {', '.join(kinds)})")
        out[k] = str_list(v, f"{option}.{k}")
    return out


@lru_cache(maxsize=32)
def _config(
    fm_over: tuple[tuple[str, tuple[str, ...]], ...],
    fm_extra: tuple[tuple[str, tuple[str, ...]], ...],
) -> EvidenceConfig:
    lex = lexicon()
    kinds = DATE_KINDS + PERSON_ROLES
    base_fm = lex.get("front-matter-keys", {})
    over, extra = dict(fm_over), dict(fm_extra)
    fm = tuple(
        (
            k,
            tuple(
                _norm_key(x)
                for x in (list(over.get(k, base_fm.get(k, []))) + list(extra.get(k, ())))
            ),
        )
        for k in kinds
    )
    meta = tuple((k, tuple(x.lower() for x in lex.get("meta-keys", {}).get(k, []))) for k in kinds)
    dates_lex = lex.get("dates", {})
    date_lines = []
    for kind in DATE_KINDS:
        labels = _label_regex(dates_lex.get(kind, []))
        date_lines.append(
            (
                kind,
                compile_pattern(
                    rf"{_LINE_START}{labels}\b\s*(?:date)?\s*[:\-–—|]?\s*(?:on\s+|at\s+)?{{date}}",
                    f"dates.{kind}",
                ),
            )
        )
    # "Medically reviewed by Dr Jane Roe, MD on March 3, 2024"
    date_lines.append(
        (
            "reviewed",
            compile_pattern(
                r"\breviewed\s+by\b[^.!?\n]{0,80}?\b(?:on\s+)?{date}", "dates.reviewed"
            ),
        )
    )
    people_lex = lex.get("people", {})
    people = []
    for role in PERSON_ROLES:
        for p in people_lex.get(role, []):
            people.append((role, compile_pattern(p, f"people.{role}", flags=0)))
    classes = (
        ("author", frozenset(people_lex.get("author-classes", []))),
        ("reviewer", frozenset(people_lex.get("reviewer-classes", []))),
    )
    return EvidenceConfig(
        fm,
        meta,
        tuple(date_lines),
        tuple(people),
        int(people_lex.get("max-block-words", 40)),
        classes,
    )


def evidence_config(options: Mapping[str, Any]) -> EvidenceConfig:
    """The config for a rule's options: ``front-matter-keys`` replaces, ``extra-front-matter-keys`` adds."""
    kinds = DATE_KINDS + PERSON_ROLES
    over = _kind_map(options.get("front-matter-keys"), "front-matter-keys", kinds)
    extra = _kind_map(options.get("extra-front-matter-keys"), "extra-front-matter-keys", kinds)
    return _config(
        tuple(sorted((k, tuple(v)) for k, v in over.items())),
        tuple(sorted((k, tuple(v)) for k, v in extra.items())),
    )


# --- gathering -------------------------------------------------------------------------------


def gather(doc: Document, cfg: EvidenceConfig) -> Evidence:
    """All dates and people of the page (cached per document and config)."""
    key = ("evidence", cfg)
    cached = doc.cache.get(key)
    if cached is not None:
        return cached
    ev = Evidence()
    _from_front_matter(doc, cfg, ev)
    _from_meta(doc, cfg, ev)
    _from_json_ld(doc, ev)
    _from_times(doc, cfg, ev)
    _from_elements(doc, cfg, ev)
    _from_text(doc, cfg, ev)
    doc.cache[key] = ev
    return ev


def front_matter_value_span(doc: Document, key: str) -> Span | None:
    """Source span of a top-level front-matter key's value (``date: 2015-03-02`` → the date)."""
    fm = doc.meta.front_matter_span
    if fm is None:
        return None
    pat = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*[:=][ \t]*(.*?)[ \t]*\r?$", re.M)
    m = pat.search(doc.source, fm[0], fm[1])
    if not m:
        return None
    value = m.group(1)
    if not value:
        return (m.start(), m.end())
    stripped = value.strip("\"'")
    start = m.start(1) + (value.index(stripped) if stripped else 0)
    return (start, start + len(stripped)) if stripped else (m.start(1), m.end(1))


def _names(value: Any) -> Iterator[str]:
    """Names from a string, a list, or mappings with ``name`` (front matter, JSON-LD)."""
    if isinstance(value, str):
        if value.strip():
            yield value.strip()
    elif isinstance(value, Mapping):
        name = value.get("name") or value.get("@id") or value.get("title")
        if isinstance(name, str) and name.strip():
            yield name.strip()
        elif isinstance(name, (list, Mapping)):
            yield from _names(name)
    elif isinstance(value, list):
        for v in value:
            yield from _names(v)


def _from_front_matter(doc: Document, cfg: EvidenceConfig, ev: Evidence) -> None:
    fm = doc.meta.front_matter
    if not fm:
        return
    by_norm = {_norm_key(k): k for k in fm}
    default_span = doc.meta.front_matter_span or doc.page_span
    for kind in DATE_KINDS:
        for nk in cfg.fm(kind):
            key = by_norm.get(nk)
            if key is None:
                continue
            value = fm[key]
            d = parse_date(value if not isinstance(value, (int, float)) else None)
            if d is None:
                continue
            span = front_matter_value_span(doc, key) or default_span
            ev.dates.append(DateFact(kind, d, span, f"front matter '{key}'"))
    for role in PERSON_ROLES:
        for nk in cfg.fm(role):
            key = by_norm.get(nk)
            if key is None:
                continue
            span = front_matter_value_span(doc, key) or default_span
            for name in _names(fm[key]):
                ev.people.append(PersonFact(role, name, span, f"front matter '{key}'"))


def _from_meta(doc: Document, cfg: EvidenceConfig, ev: Evidence) -> None:
    keys = dict(cfg.meta_keys)
    for tag in doc.meta.metas:
        for kind in DATE_KINDS:
            if tag.key in keys.get(kind, ()):
                d = parse_date(tag.content)
                if d is not None:
                    ev.dates.append(DateFact(kind, d, tag.span, f'<meta {tag.attr}="{tag.key}">'))
        for role in PERSON_ROLES:
            if tag.key in keys.get(role, ()) and tag.content.strip():
                ev.people.append(
                    PersonFact(
                        role, tag.content.strip(), tag.span, f'<meta {tag.attr}="{tag.key}">'
                    )
                )
    for link in doc.meta.link_tags:
        if "author" in link.key.split() and link.content:
            ev.people.append(PersonFact("author", link.content, link.span, '<link rel="author">'))


_LD_SKIP_TYPES = frozenset(
    [
        "Person",
        "Organization",
        "Product",
        "Offer",
        "AggregateOffer",
        "AggregateRating",
        "Review",
        "Rating",
        "BreadcrumbList",
        "ListItem",
        "ImageObject",
        "WebSite",
        "SiteNavigationElement",
        "SearchAction",
    ]
)
_LD_DATES = (
    ("datePublished", "published"),
    ("dateCreated", "published"),
    ("dateModified", "updated"),
    ("lastReviewed", "reviewed"),
)
_LD_PEOPLE = (("author", "author"), ("creator", "author"), ("reviewedBy", "reviewer"))


def _ld_items(data: Any, depth: int = 0) -> Iterator[Mapping[str, Any]]:
    """The page-level JSON-LD objects: top level, ``@graph`` members, ``mainEntity``."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _ld_items(item, depth + 1)
        return
    if not isinstance(data, Mapping):
        return
    types = data.get("@type", [])
    types = (
        [types]
        if isinstance(types, str)
        else [t for t in types if isinstance(t, str)]
        if isinstance(types, list)
        else []
    )
    if not types or not all(t in _LD_SKIP_TYPES for t in types):
        yield data
    if "@graph" in data:
        yield from _ld_items(data["@graph"], depth + 1)
    for key in ("mainEntity", "mainEntityOfPage"):
        if isinstance(data.get(key), (Mapping, list)):
            yield from _ld_items(data[key], depth + 1)


def _ld_span(doc: Document, block_span: Span, key: str, value: str | None) -> Span:
    """The value's span inside the JSON-LD script, else the key's, else the script tag."""
    start = block_span[0]
    end = doc.source.find("</script", start)
    end = len(doc.source) if end == -1 else end
    k = doc.source.find(f'"{key}"', start, end)
    if k == -1:
        return block_span
    if value:
        v = doc.source.find(value, k, min(end, k + 400))
        if v != -1:
            return (v, v + len(value))
    return (k, k + len(key) + 2)


def _from_json_ld(doc: Document, ev: Evidence) -> None:
    for ld in doc.meta.json_ld:
        if ld.data is None:
            continue
        for item in _ld_items(ld.data):
            for key, kind in _LD_DATES:
                raw = item.get(key)
                d = parse_date(raw)
                if d is not None:
                    ev.dates.append(
                        DateFact(
                            kind,
                            d,
                            _ld_span(doc, ld.span, key, raw if isinstance(raw, str) else None),
                            f"JSON-LD {key}",
                        )
                    )
            for key, role in _LD_PEOPLE:
                for name in _names(item.get(key)):
                    ev.people.append(
                        PersonFact(role, name, _ld_span(doc, ld.span, key, name), f"JSON-LD {key}")
                    )


_TAGS = re.compile(r"<[^>]*>")


def _kind_from_context(text: str, cfg: EvidenceConfig) -> str | None:
    t = text.lower()
    if "review" in t or "lastreviewed" in t:
        return "reviewed"
    if any(w in t for w in ("updat", "modif", "revis")):
        return "updated"
    if any(w in t for w in ("publish", "posted", "created")):
        return "published"
    return None


def _from_times(doc: Document, cfg: EvidenceConfig, ev: Evidence) -> None:
    for t in doc.meta.times:
        d = parse_date(t.value) or parse_date(t.text)
        if d is None:
            continue
        tag = doc.source[t.span[0] : t.span[1]]
        kind = _kind_from_context(tag, cfg)
        if kind is None:
            before = _TAGS.sub(" ", doc.source[max(0, t.span[0] - 120) : t.span[0]])
            before = " ".join(before.split())[-40:]
            kind = _kind_from_context(before, cfg) or "published"
        ev.dates.append(DateFact(kind, d, t.span, "<time>"))


def _from_elements(doc: Document, cfg: EvidenceConfig, ev: Evidence) -> None:
    if doc.root is None:
        return
    classes = dict(cfg.classes)
    for el in doc.elements:
        a = el.attrs
        if not a or el.tag == "meta" or el.tag == "link":
            continue
        cls = set((a.get("class") or "").split())
        itemprop = (a.get("itemprop") or "").lower().split()
        rel = (a.get("rel") or "").lower().split()
        role = None
        if "reviewedby" in itemprop or cls & classes["reviewer"]:
            role = "reviewer"
        elif "author" in itemprop or "author" in rel or cls & classes["author"]:
            role = "author"
        if role is None:
            continue
        text = " ".join(el.text.split())
        text = re.sub(
            r"^(?:(?:written|medically reviewed|reviewed)\s+)?by\s+", "", text, flags=re.I
        )
        if text and len(text.split()) <= 20:
            ev.people.append(PersonFact(role, text, el.tag_span, f"<{el.tag}> marked as {role}"))


def _too_long(block: Any, limit: int) -> bool:
    """``len(block.words) > limit`` without building the words when they are not built yet."""
    words = block.__dict__.get("word_texts")
    if words is not None:
        return len(words) > limit
    return next(islice(WORD_RE.finditer(block.text), limit, None), None) is not None


def _from_text(doc: Document, cfg: EvidenceConfig, ev: Evidence) -> None:
    idx = TextIndex.of(doc)
    pats = [rx for _, rx in cfg.date_lines] + [rx for _, rx in cfg.people]
    n_dates = len(cfg.date_lines)
    short: dict[int, bool] = {}
    for k, j, m in idx.finditer(pats):
        ok = short.get(k)
        if ok is None:
            ok = short[k] = not _too_long(idx.blocks[k], cfg.max_block_words)
        if not ok:
            continue
        b = idx.blocks[k]
        if j < n_dates:
            d = parse_date(m.group("date"))
            if d is not None:
                ev.dates.append(
                    DateFact(
                        cfg.date_lines[j][0],
                        d,
                        b.span(m.start("date"), m.end("date")),
                        f"the line '{m.group().strip()}'",
                    )
                )
        else:
            name = m.group("name").strip(" .,;")
            if len(name) >= 2:
                ev.people.append(
                    PersonFact(
                        cfg.people[j - n_dates][0],
                        name,
                        b.span(m.start("name"), m.end("name")),
                        f"the line '{b.text[: m.end()].strip()}'",
                    )
                )


# --- sources ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceFact:
    kind: str  # heading, citation, link, json-ld
    text: str
    span: Span


_C0_OR_SPACE = "".join(map(chr, range(33)))


def host_matches(href: str, domains: tuple[str, ...]) -> bool:
    """Whether an absolute link points into one of ``domains`` (see the lexicon's rules)."""
    h = href.strip().lstrip(_C0_OR_SPACE)
    if not ("\t" in h or "\r" in h or "\n" in h or h[:6].lower().startswith(("http:", "https:"))):
        return False  # relative or another scheme (as urlsplit would read it), without parsing
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    host = parts.hostname.lower().removeprefix("www.")
    path = parts.path or "/"
    for entry in domains:
        entry = entry.lower().strip()
        dom, _, prefix = entry.partition("/")
        if dom.startswith("."):
            ok = host.endswith(dom) or host == dom[1:]
        else:
            ok = host == dom or host.endswith("." + dom)
        if ok and (not prefix or path.startswith("/" + prefix)):
            return True
    return False


def find_sources(
    doc: Document,
    heading_rx: re.Pattern[str],
    citation_rx: re.Pattern[str],
    domains: tuple[str, ...],
) -> list[SourceFact]:
    """Reference headings, in-text citations, links to trusted domains and JSON-LD citations."""
    facts: list[SourceFact] = []
    for b in doc.blocks:
        # "References" alone (any block kind), or "Sources: ..." opening a block
        m = heading_rx.match(b.text)
        if m and (not b.text[m.end() :].strip(" .") or b.text[m.end() :].lstrip().startswith(":")):
            facts.append(SourceFact("heading", m.group().strip(), b.span(m.start(), m.end())))
        for m in citation_rx.finditer(b.text):
            facts.append(SourceFact("citation", m.group(), b.span(m.start(), m.end())))
    for link in doc.meta.links:
        if link.href and host_matches(link.href, domains):
            facts.append(SourceFact("link", link.href, link.span))
    for ld in doc.meta.json_ld:
        for item in _ld_items(ld.data) if ld.data is not None else ():
            if item.get("citation"):
                facts.append(
                    SourceFact("json-ld", "citation", _ld_span(doc, ld.span, "citation", None))
                )
    return facts


def has_sources(
    doc: Document,
    heading_rx: re.Pattern[str],
    citation_rx: re.Pattern[str],
    domains: tuple[str, ...],
) -> bool:
    """``bool(find_sources(...))``, cheapest evidence first and without scanning every block."""
    for link in doc.meta.links:
        if link.href and host_matches(link.href, domains):
            return True
    for ld in doc.meta.json_ld:
        for item in _ld_items(ld.data) if ld.data is not None else ():
            if item.get("citation"):
                return True
    for b in doc.blocks:
        m = heading_rx.match(b.text)
        if m and (not b.text[m.end() :].strip(" .") or b.text[m.end() :].lstrip().startswith(":")):
            return True
    return TextIndex.of(doc).search_any([citation_rx])
