"""Precision and recall of the claims family on the labelled sentence sets.

Usage: python benchmarks/claims_eval.py [--split dev|heldout|all|blind|blind2|everything] [--errors]

``all`` is dev + heldout (the sets the detector was tuned on); ``blind`` is a set written by someone
who never saw the detector; ``blind2`` a second one (written blind on 2026-12-02, released for tuning
in round 2); ``everything`` is all four. Every split is a list of
``{topic, c: [codes], t: text}`` items.

Each sentence is treated as a one-sentence page: a sentence with a supplement structure/function
claim and a supplement topic, and no DSHEA disclaimer, is expected to give CLM004.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from healthlint.claims.detect import analyse_text, has_citation  # noqa: E402
from healthlint.claims.dshea import (  # noqa: E402
    disclaimer_status,
    supplement_subject,
    supplement_topic,
)
from healthlint.claims.lexicon import load_lexicon  # noqa: E402
from healthlint.packs import load_pack  # noqa: E402

DATA = ROOT / "benchmarks" / "data"


def codes_by_detector() -> dict[str, str]:
    pack = load_pack(ROOT / "rules" / "claims.yml")
    return {r.check.split(".", 1)[1]: r.code for r in pack.rules if r.check}


def predict(text: str, lex, codes: dict[str, str]) -> set[str]:
    found = set()
    for c in analyse_text(text, lex, cited=has_citation(text, lex)):
        if c.detector == "dshea":
            if c.attributed:
                continue
            about_supplement = supplement_topic(text, lex).is_supplement or (
                supplement_subject(text, c.start, lex) is not None
            )
            if about_supplement and disclaimer_status(text, lex) != "present":
                found.add(codes["dshea"])
        else:
            found.add(codes[c.detector])
    return found


def evaluate(
    items: list[dict], lex, codes: dict[str, str], show_errors: bool, quiet: bool = False
) -> dict:
    """Print (unless quiet) and return per-rule and family precision/recall."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    fam = Counter()
    for it in items:
        want = set(it["c"])
        got = predict(it["t"], lex, codes)
        for c in got & want:
            tp[c] += 1
        for c in got - want:
            fp[c] += 1
        for c in want - got:
            fn[c] += 1
        fam[("TP" if got else "FN") if want else ("FP" if got else "TN")] += 1
        if show_errors and got != want and not quiet:
            print(f"  want {sorted(want) or '-'} got {sorted(got) or '-'}: {it['t']}")
    out: dict[str, tuple[float, float]] = {}
    lines = [f"  {'rule':8} {'prec':>6} {'recall':>7}  tp  fp  fn"]
    for code in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[code] / (tp[code] + fp[code]) if tp[code] + fp[code] else 0.0
        r = tp[code] / (tp[code] + fn[code]) if tp[code] + fn[code] else 0.0
        out[code] = (p, r)
        lines.append(f"  {code:8} {p:6.2f} {r:7.2f} {tp[code]:3} {fp[code]:3} {fn[code]:3}")
    ttp, tfp, tfn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    out["rules"] = (ttp / max(1, ttp + tfp), ttp / max(1, ttp + tfn))
    lines.append(
        f"  {'rules':8} {out['rules'][0]:6.2f} {out['rules'][1]:7.2f} {ttp:3} {tfp:3} {tfn:3}"
        "  (micro-average over rule codes)"
    )
    out["family"] = (
        fam["TP"] / max(1, fam["TP"] + fam["FP"]),
        fam["TP"] / max(1, fam["TP"] + fam["FN"]),
    )
    lines.append(
        f"  {'family':8} {out['family'][0]:6.2f} {out['family'][1]:7.2f} {fam['TP']:3}"
        f" {fam['FP']:3} {fam['FN']:3}  (claim / no claim per sentence; {fam['TN']} true negatives)"
    )
    if not quiet:
        print("\n".join(lines))
    return out


def load_split(split: str) -> list[dict]:
    return yaml.safe_load((DATA / f"claims_{split}.yml").read_text(encoding="utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--split", choices=["dev", "heldout", "all", "blind", "blind2", "everything"], default="all"
    )
    ap.add_argument(
        "--errors", action="store_true", help="list the sentences the detector gets wrong"
    )
    args = ap.parse_args()
    lex = load_lexicon()
    codes = codes_by_detector()
    splits = {"all": ["dev", "heldout"], "everything": ["dev", "heldout", "blind", "blind2"]}.get(
        args.split, [args.split]
    )
    every: list[dict] = []
    for split in splits:
        items = load_split(split)
        every += items
        claims = sum(1 for i in items if i["c"])
        print(f"{split}: {len(items)} sentences ({claims} claims, {len(items) - claims} careful)")
        evaluate(items, lex, codes, args.errors)
    if len(splits) > 1:
        print(f"{args.split}: {len(every)} sentences")
        evaluate(every, lex, codes, False)
    t = time.perf_counter()
    n = 0
    for _ in range(5):
        for it in every:
            analyse_text(it["t"], lex)
            n += 1
    print(f"speed: {(time.perf_counter() - t) / n * 1e6:.0f} µs per sentence")


if __name__ == "__main__":
    main()
