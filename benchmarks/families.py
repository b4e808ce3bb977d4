"""Where the serial CPU time of a healthlint run goes: load, each rule family (or rule), summaries.

Runs in-process, one file after another, timing each step with ``time.process_time`` (CPU, so
less noisy than wall time on a shared machine), the way ``healthlint --jobs 1`` does it::

    python benchmarks/families.py SITE                 # per family
    python benchmarks/families.py SITE --by-rule       # per rule code
    python benchmarks/families.py SITE --model         # time building words and sentences apart

The first rule that asks for a document's words or sentences pays for building them; ``--model``
builds them before the rules run and reports that time as ``model(words+sentences)``.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections import defaultdict
from pathlib import Path

from healthlint import config as config_mod
from healthlint.discovery import discover
from healthlint.engine import _finding, read_file
from healthlint.loaders import load_bytes
from healthlint.registry import summaries
from healthlint.ruleset import RuleSet, run_data_rule
from healthlint.suppressions import read_suppressions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--by-rule", action="store_true", help="one line per rule code")
    parser.add_argument("--model", action="store_true", help="time words and sentences apart")
    args = parser.parse_args()

    site = args.site.resolve()
    cfg = config_mod.discover(site)
    cfg.site_root = str(site)
    rules = RuleSet(cfg)
    files, _ = discover([str(site)], [*cfg.exclude, *cfg.extend_exclude], cfg.root)
    files.sort()

    spent: defaultdict[str, float] = defaultdict(float)
    clock = time.process_time
    total = clock()
    first = True
    for path in files:
        gc.disable()  # as the engine does while linting one document
        t = clock()
        data = read_file(path, cfg.max_file_size)
        spent["read"] += clock() - t
        t = clock()
        doc = load_bytes(path, data, selector=None, max_bytes=cfg.max_file_size)
        spent["load"] += clock() - t
        if args.model:
            t = clock()
            for block in doc.blocks:
                block.words, block.sentences  # noqa: B018 - built for their cost
            spent["model(words+sentences)"] += clock() - t
        t = clock()
        read_suppressions(doc)
        spent["suppressions"] += clock() - t
        for active in rules.doc_rules:
            t = clock()
            if active.spec is None:
                hits = run_data_rule(active, doc)
            else:
                hits = active.spec.func(doc, active.opts)
            for hit in hits:
                _finding(doc, active, hit)
            key = active.rule.category
            spent[f"{key}:{active.rule.code}" if args.by_rule else key] += clock() - t
        for active in rules.site_rules:
            t = clock()
            active.spec.site_collect(doc, active.opts)
            spent["site:" + active.rule.category] += clock() - t
        t = clock()
        for func in summaries().values():
            func(doc)
        spent["summaries"] += clock() - t
        t = clock()
        doc.release()
        gc.enable()
        if first:
            first = False
            gc.collect()
            gc.freeze()
        spent["release+gc"] += clock() - t
    total = clock() - total
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"{name:28s} {seconds:7.2f}")
    print(f"{'TOTAL':28s} {total:7.2f}")


if __name__ == "__main__":
    main()
