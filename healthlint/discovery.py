"""Which files a run lints: the paths given, and lintable files below the folders given."""

from __future__ import annotations

import os
from pathlib import Path

from healthlint.errors import InputError
from healthlint.loaders import FORMATS

DEFAULT_EXCLUDE = (".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox")


def discover(paths: list[str], exclude: list[str], root: Path) -> tuple[list[str], list[str]]:
    """Return (files, problems). Explicit files are always kept; folders are walked.

    Hidden folders, ``node_modules`` and the ``exclude`` patterns (gitignore syntax, relative to
    the config's folder) are skipped. Symlinked folders are followed once (loops are cut).
    """
    spec = None
    if exclude:  # pathspec costs ~30 ms to import: only when there is something to match
        import pathspec

        spec = pathspec.PathSpec.from_lines("gitwildmatch", exclude)
    root = root.resolve()

    def excluded(p: Path) -> bool:
        if spec is None:
            return False
        try:
            rel = p.resolve().relative_to(root).as_posix()
        except ValueError:
            rel = p.as_posix()
        return spec.match_file(rel) or (p.is_dir() and spec.match_file(rel + "/"))

    files: list[str] = []
    problems: list[str] = []
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            if p.is_symlink():
                problems.append(str(InputError(raw, "is a broken symbolic link")))
            else:
                problems.append(str(InputError(raw, "no such file or directory")))
            continue
        if p.is_file():
            if raw not in seen:
                seen.add(raw)
                files.append(raw)
            continue
        found_any = False
        visited: set[tuple[int, int]] = set()
        for dirpath, dirnames, filenames in os.walk(p, followlinks=True):
            st = os.stat(dirpath)
            key = (st.st_dev, st.st_ino)
            if key in visited:  # a symlink loop
                dirnames[:] = []
                continue
            visited.add(key)
            dirnames[:] = sorted(
                d
                for d in dirnames
                if not d.startswith(".")
                and d not in DEFAULT_EXCLUDE
                and not excluded(Path(dirpath, d))
            )
            for name in sorted(filenames):
                if Path(name).suffix.lower() not in FORMATS or name.startswith("."):
                    continue
                fp = os.path.join(dirpath, name)
                if excluded(Path(fp)):
                    continue
                found_any = True
                if fp not in seen:
                    seen.add(fp)
                    files.append(fp)
        if not found_any:
            problems.append(
                str(InputError(raw, "contains no HTML, Markdown or text files to lint"))
            )
    return files, problems
