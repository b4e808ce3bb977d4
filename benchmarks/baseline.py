"""The bare baseline of issue 8: read the files, parse them, extract the text, nothing else.

    python benchmarks/baseline.py DIR [--json] [--builder html.parser|lxml|both]

Serially, for every ``.html``/``.htm`` file: ``BeautifulSoup(data, "html.parser").get_text()``;
for every ``.md``/``.markdown`` file: markdown-it-py (CommonMark preset plus tables and the front
matter plugin, as a site's Markdown needs) and the text of the inline tokens' children.

Builder: ``html.parser`` is the baseline because it is the stdlib tokenizer healthlint's own
HTML loader is built on, it ships with Python (lxml is not a healthlint dependency), and it is
what BeautifulSoup users without extra packages get. lxml makes BeautifulSoup roughly 2-3 times
faster, so when lxml is installed the lxml figure is printed too, as the stricter yardstick.

Timed: reading plus parsing plus text extraction; not interpreter start-up or imports.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HTML_EXT = (".html", ".htm")
MD_EXT = (".md", ".markdown")


def collect(root: Path) -> list[Path]:
    """Files the baseline parses, in a stable order (hidden folders skipped, like a linter)."""
    out: list[Path] = []
    if root.is_file():
        return [root]
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(HTML_EXT + MD_EXT):
                out.append(Path(dirpath, name))
    return out


def _md_parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


def md_text(md, text: str) -> str:
    parts = []
    for tok in md.parse(text):
        if tok.type == "inline" and tok.children:
            parts.extend(c.content for c in tok.children if c.content)
    return "\n".join(parts)


def run(files: list[Path], builder: str) -> dict:
    """Parse ``files`` once with ``builder``; return seconds, bytes and counts."""
    from bs4 import BeautifulSoup

    md = _md_parser()
    n_bytes = n_chars = n_html = n_md = 0
    t0 = time.perf_counter()
    for path in files:
        data = path.read_bytes()
        n_bytes += len(data)
        text = data.decode("utf-8", errors="replace")
        if path.suffix in HTML_EXT:
            n_chars += len(BeautifulSoup(text, builder).get_text())
            n_html += 1
        else:
            n_chars += len(md_text(md, text))
            n_md += 1
    seconds = time.perf_counter() - t0
    return {
        "builder": builder,
        "files": len(files),
        "html": n_html,
        "markdown": n_md,
        "bytes": n_bytes,
        "text_chars": n_chars,
        "seconds": seconds,
        "mb_per_s": n_bytes / 1e6 / seconds if seconds else 0.0,
    }


def have_lxml() -> bool:
    try:
        import lxml  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument(
        "--builder",
        choices=("html.parser", "lxml", "both"),
        default="both",
        help="'both' = html.parser, then lxml if installed (default)",
    )
    ap.add_argument("--json", action="store_true", help="print one JSON object per builder")
    a = ap.parse_args(argv)
    files = collect(a.dir)
    if not files:
        ap.error(f"no .html or .md files under {a.dir}")
    builders = ["html.parser", "lxml"] if a.builder == "both" else [a.builder]
    for b in builders:
        if b == "lxml" and not have_lxml():
            if a.builder == "lxml":
                ap.error("lxml is not installed")
            print("lxml: not installed (pip install lxml to see that figure)", file=sys.stderr)
            continue
        r = run(files, b)
        if a.json:
            print(json.dumps(r))
        else:
            print(
                f"baseline [{b}]: {r['files']} files ({r['html']} HTML, {r['markdown']} Markdown), "
                f"{r['bytes'] / 1e6:.1f} MB in {r['seconds']:.2f} s = {r['mb_per_s']:.2f} MB/s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
