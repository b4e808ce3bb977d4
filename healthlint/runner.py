"""Run a lint over many files: the result cache, worker processes, and deterministic order."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from healthlint import __version__
from healthlint.config import Config
from healthlint.engine import (
    FileResult,
    Finding,
    finalize_site,
    json_default,
    lint_bytes,
    read_file,
)
from healthlint.errors import InputError
from healthlint.ruleset import RuleSet

SERIAL_BELOW = 8  # files; a pool costs more than it saves on a pre-commit sized run


@dataclass
class RunResult:
    files: list[FileResult] = field(default_factory=list)
    site_findings: list[Finding] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        out = [f for r in self.files for f in r.findings]
        out.extend(self.site_findings)
        out.sort(key=Finding.sort_key)
        return out

    @property
    def errors(self) -> list[str]:
        return [r.error for r in self.files if r.error]


class ResultCache:
    """Per-file results keyed by content, effective config, rule packs and version.

    One small JSON file per entry, written to a temporary file and renamed into place, so
    concurrent runs never see a half-written entry.
    """

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder / f"v{__version__}"
        self.fingerprint = fingerprint

    def key(self, path: str, data: bytes, report_unused: bool) -> str:
        h = hashlib.sha256()
        h.update(self.fingerprint.encode())
        h.update(b"\0" + path.encode("utf-8", "surrogateescape") + b"\0")
        h.update(b"u" if report_unused else b"-")
        h.update(data)
        return h.hexdigest()

    def get(self, key: str) -> FileResult | None:
        p = self.folder / key[:2] / f"{key}.json"
        try:
            with open(p, encoding="utf-8") as fh:
                return FileResult.from_json(json.load(fh))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        d = self.folder / key[:2]
        try:
            d.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(result.to_json(), fh, separators=(",", ":"), default=json_default)
            os.replace(tmp, d / f"{key}.json")
        except OSError:
            pass  # a read-only or full disk only costs speed


# worker-process state, set once per process
_STATE: dict[str, object] = {}


def _init_worker(
    config: Config, today: str | None, cache_dir: str | None, report_unused: bool
) -> None:
    if "ruleset" not in _STATE:
        _STATE["ruleset"] = RuleSet(config, today=today)
    ruleset = _STATE["ruleset"]
    assert isinstance(ruleset, RuleSet)
    _STATE["cache"] = ResultCache(Path(cache_dir), ruleset.fingerprint()) if cache_dir else None
    _STATE["report_unused"] = report_unused


_GC_FROZEN = False  # once per process


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No automatic garbage collection while one file is linted.

    A page makes hundreds of thousands of small objects that live until its findings are out,
    and the cyclic garbage collector would scan them again and again (about a third of the
    run's CPU). The engine has the document break its own reference cycles when its findings
    are out (``Document.release``), so reference counting frees it; the collector, back on after
    the file, finds little. After the first file, what the process keeps for the whole run
    (modules, lexicons, compiled rules) is frozen out of the collector's way.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        global _GC_FROZEN
        if not _GC_FROZEN:
            _GC_FROZEN = True
            gc.collect()
            gc.freeze()


def _lint_one(path: str) -> FileResult:
    ruleset = _STATE["ruleset"]
    cache = _STATE.get("cache")
    report_unused = bool(_STATE.get("report_unused"))
    assert isinstance(ruleset, RuleSet)
    try:
        data = read_file(path, ruleset.config.max_file_size)
    except InputError as exc:
        return FileResult(path=path, error=str(exc))
    key = None
    if isinstance(cache, ResultCache):
        key = cache.key(path, data, report_unused)
        hit = cache.get(key)
        if hit is not None:
            return hit
    with _collector_paused():
        result = lint_bytes(path, data, ruleset, report_unused=report_unused)
    if key is not None and isinstance(cache, ResultCache):
        cache.put(key, result)
    return result


def runs_serially(n_files: int, jobs: int | None) -> bool:
    """Whether :func:`iter_results` lints in this process (no worker pool)."""
    return (jobs or os.cpu_count() or 1) <= 1 or n_files < SERIAL_BELOW


def iter_results(
    files: list[str],
    ruleset: RuleSet,
    *,
    jobs: int | None = None,
    cache_dir: str | None = None,
    report_unused: bool = False,
) -> Iterator[FileResult]:
    """Lint ``files`` (in parallel when it pays), yielding results in the order of ``files``."""
    jobs = jobs or os.cpu_count() or 1
    _STATE.clear()
    _STATE["ruleset"] = ruleset
    _init_worker(ruleset.config, ruleset.today, cache_dir, report_unused)
    if runs_serially(len(files), jobs):
        for p in files:
            yield _lint_one(p)
        return
    yield from _iter_parallel(files, ruleset, jobs, cache_dir, report_unused)


def run(
    files: list[str],
    ruleset: RuleSet,
    *,
    jobs: int | None = None,
    cache_dir: str | None = None,
    report_unused: bool = False,
) -> RunResult:
    """Lint ``files`` and finish the site-level checks, keeping every result."""
    results = list(
        iter_results(files, ruleset, jobs=jobs, cache_dir=cache_dir, report_unused=report_unused)
    )
    out = RunResult(files=results)
    out.site_findings = finalize_site(ruleset, results)
    return out


BIG_FILE = 256 * 1024  # bytes; a file this big is a task of its own, started first
TASKS_PER_JOB = 4  # tasks in flight per worker: enough to keep each busy, few results waiting


def plan_tasks(sizes: list[int], jobs: int) -> list[list[int]]:
    """Group file indices into worker tasks, in the order to start them.

    Big files come first, largest first, one per task, so that no worker is left alone with a
    5 MB page at the end of the run; the rest follow in path order, in chunks of similar size
    (few enough bytes that the run ends evenly, enough files that a task is worth sending).
    """
    total = sum(sizes)
    chunk_bytes = max(1, min(BIG_FILE, total // (jobs * TASKS_PER_JOB * 4)))
    big = sorted((i for i, n in enumerate(sizes) if n >= BIG_FILE), key=lambda i: -sizes[i])
    tasks: list[list[int]] = [[i] for i in big]
    chunk: list[int] = []
    filled = 0
    for i, n in enumerate(sizes):
        if n >= BIG_FILE:
            continue
        chunk.append(i)
        filled += n
        if filled >= chunk_bytes or len(chunk) >= 64:
            tasks.append(chunk)
            chunk, filled = [], 0
    if chunk:
        tasks.append(chunk)
    return tasks


def _lint_many(paths: list[str]) -> list[FileResult]:
    return [_lint_one(p) for p in paths]


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _iter_parallel(
    files: list[str], ruleset: RuleSet, jobs: int, cache_dir: str | None, report_unused: bool
) -> Iterator[FileResult]:
    """Results in the order of ``files``, computed in the order :func:`plan_tasks` gives.

    At most ``jobs * TASKS_PER_JOB`` tasks are in flight; finished results wait only until
    every file before them has been yielded, so memory stays bounded by what the workers
    finish while the next file in order is still being linted.
    """
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    tasks = plan_tasks([_size(p) for p in files], jobs)
    window = jobs * TASKS_PER_JOB
    done_results: dict[int, FileResult] = {}
    running: dict[Future, list[int]] = {}
    next_task = 0
    next_file = 0
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=ctx,
        initializer=_init_worker,
        initargs=(ruleset.config, ruleset.today, cache_dir, report_unused),
    ) as pool:
        try:
            while next_file < len(files):
                while next_task < len(tasks) and len(running) < window:
                    task = tasks[next_task]
                    running[pool.submit(_lint_many, [files[i] for i in task])] = task
                    next_task += 1
                if next_file in done_results:
                    yield done_results.pop(next_file)
                    next_file += 1
                    continue
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for fut in finished:
                    done_results.update(zip(running.pop(fut), fut.result(), strict=True))
        finally:
            for fut in running:
                fut.cancel()
