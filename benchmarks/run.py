"""Measure every figure of issue 8 and print it next to its target, as a ratio.

    python benchmarks/run.py                      # 10,000 pages (generated once, then reused)
    python benchmarks/run.py --pages 500          # quick run
    python benchmarks/run.py --skip parallel,warm --corpus /tmp/corpus

Figures (names usable with --skip): baseline, throughput (also gives memory), parallel, warm,
single, scaling, imports. healthlint is run as a subprocess exactly as a user would run it; if the
CLI is missing or fails, the figures that need it are listed as not measured.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FIGURES = ("baseline", "throughput", "parallel", "warm", "single", "scaling", "imports")
IMPORTS = ("typer", "bs4", "markdown_it", "yaml", "pathspec")

if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))


@dataclass
class Figure:
    name: str
    text: str  # "value vs reference"
    target: str
    ratio: str
    ok: bool | None  # None: informational

    def line(self) -> str:
        verdict = "" if self.ok is None else (" PASS" if self.ok else " MISS")
        target = f" (target {self.target})" if self.target else ""
        ratio = f" {self.ratio}" if self.ratio else ""
        return f"{self.name}: {self.text}{target}{ratio}{verdict}"


@dataclass
class Run:
    seconds: float
    returncode: int
    maxrss_mb: float  # largest single process of the tree (wait4 rusage ru_maxrss)
    tree_mb: float  # sampled peak of the summed PSS (or RSS) of the whole process tree
    stderr: str


# --------------------------------------------------------------------------------------------
# Process measurement


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                kids.extend(int(x) for x in f.read().split())
    except OSError:
        pass
    return kids


def _mem_kb(pid: int) -> int:
    """Proportional set size (shared pages split between processes), else resident size."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except OSError:
        return 0


class TreeSampler(threading.Thread):
    """Polls the memory of a process and all its descendants; keeps the peak of the sum."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            pids, todo = [], [self.pid]
            while todo:
                p = todo.pop()
                pids.append(p)
                todo.extend(_children(p))
            self.peak_kb = max(self.peak_kb, sum(_mem_kb(p) for p in pids))
            self.done.wait(self.interval)


def measure(cmd: list[str], cwd: Path, env: dict | None = None, sample: bool = False) -> Run:
    """Run ``cmd`` from start to exit; wall time, exit code and peak memory."""
    t0 = time.perf_counter()
    p = subprocess.Popen(
        cmd,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE if sample else subprocess.DEVNULL,
    )
    sampler = None
    if sample:
        sampler = TreeSampler(p.pid)
        sampler.start()
        err = p.stderr.read() if p.stderr else b""  # type: ignore[union-attr]
    else:
        err = b""
    _, status, usage = os.wait4(p.pid, 0)  # rusage of the child and its waited descendants
    seconds = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if sampler:
        sampler.done.set()
        sampler.join()
    if p.stderr:
        p.stderr.close()
    return Run(
        seconds,
        p.returncode,
        usage.ru_maxrss / 1024,
        (sampler.peak_kb / 1024) if sampler else 0.0,
        err.decode("utf-8", "replace"),
    )


def median_time(cmd: list[str], cwd: Path, env: dict | None, runs: int) -> float:
    return statistics.median(measure(cmd, cwd, env).seconds for _ in range(runs))


# --------------------------------------------------------------------------------------------
# healthlint invocation


def healthlint_cmd(override: str | None) -> tuple[list[str] | None, dict, str]:
    """The command that runs healthlint, the environment for it, and how it was found."""
    env = dict(os.environ)
    if override:
        return shlex.split(override), env, "--healthlint"
    script = Path(sys.executable).parent / "healthlint"
    if script.exists():
        return [str(script)], env, str(script)
    if (REPO / "healthlint" / "cli.py").exists():
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        code = "import sys; from healthlint.cli import main; sys.exit(main())"
        return [sys.executable, "-c", code], env, "healthlint.cli:main (PYTHONPATH=repo)"
    return None, env, "healthlint CLI not found (no console script, no healthlint/cli.py)"


def bytecode_env(env: dict, out: Path) -> tuple[dict, str]:
    """Let the measured processes cache bytecode, as an installed package does.

    With ``PYTHONDONTWRITEBYTECODE`` set and no ``__pycache__`` in a source checkout, every start
    recompiles healthlint's own modules, which no pip-installed user pays. The cache goes to
    ``OUT/pycache`` (``PYTHONPYCACHEPREFIX``), so the checkout is left untouched.
    """
    env = dict(env)
    note = ""
    if env.pop("PYTHONDONTWRITEBYTECODE", None):
        note = "PYTHONDONTWRITEBYTECODE was set; unset for the measured runs, "
    env["PYTHONPYCACHEPREFIX"] = str(out / "pycache")
    return env, note + f"bytecode cached in {out / 'pycache'}"


def lint_ok(run: Run) -> bool:
    return run.returncode in (0, 1)


def count_paths(out: Path) -> str:
    """Best-effort summary of a JSON report: how many files it covers and how many findings."""
    try:
        data = json.loads(out.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "report not readable as JSON"
    if not isinstance(data, dict):
        return "report is not a JSON object"
    findings = data.get("findings")
    files = data.get("files")
    parts = []
    if isinstance(files, list):
        parts.append(f"{len(files)} files reported")
    if isinstance(findings, list):
        with_findings = {f.get("path") for f in findings if isinstance(f, dict)}
        parts.append(f"{len(findings)} findings in {len(with_findings)} files")
    if isinstance(data.get("errors"), list) and data["errors"]:
        parts.append(f"{len(data['errors'])} errors")
    return ", ".join(parts) or "no findings or files lists in the report"


# --------------------------------------------------------------------------------------------
# Corpus


def ensure_corpus(corpus: Path, pages: int, seed: int, explicit: bool) -> dict:
    from generate_corpus import MANIFEST, generate

    mf = corpus / MANIFEST
    if mf.exists():
        m = json.loads(mf.read_text(encoding="utf-8"))
        if explicit or (m.get("pages") == pages and m.get("seed") == seed):
            print(f"corpus: reusing {corpus} ({m['pages']} pages, {m['bytes'] / 1e6:.1f} MB)")
            return m
    print(f"corpus: generating {pages} pages (seed {seed}) in {corpus} ...", flush=True)
    m = generate(corpus, pages, seed)
    print(
        f"corpus: {m['html']} HTML + {m['markdown']} Markdown, {m['bytes'] / 1e6:.1f} MB, "
        f"{m['seconds']:.1f} s"
    )
    return m


def small_html_batch(site: Path, want_bytes: int, big: set[str]) -> list[str]:
    """Small HTML pages (2-200 KB) spread evenly over the site, about ``want_bytes`` in all."""
    from baseline import collect

    files = [
        p for p in collect(site) if p.suffix == ".html" and str(p.relative_to(site)) not in big
    ]
    sizes = [(p, p.stat().st_size) for p in files]
    sizes = [(p, s) for p, s in sizes if 2_000 <= s <= 200_000]
    if not sizes:
        return []
    mean = sum(s for _, s in sizes) / len(sizes)
    step = max(1, int(len(sizes) / max(1, want_bytes / mean)))
    out, total = [], 0
    for p, s in sizes[::step]:
        out.append(str(p))
        total += s
        if total >= want_bytes:
            break
    return out


# --------------------------------------------------------------------------------------------
# Figures


class Bench:
    def __init__(self, a: argparse.Namespace) -> None:
        self.a = a
        self.figures: list[Figure] = []
        self.missing: list[str] = []
        self.info: list[str] = []
        self.corpus = Path(a.corpus or HERE / "corpus").resolve()
        self.out = Path(a.out).resolve()
        self.out.mkdir(parents=True, exist_ok=True)
        self.cmd, env, self.how = healthlint_cmd(a.healthlint)
        self.env, note = bytecode_env(env, self.out)
        self.info.append(note)
        self.baseline_s: float | None = None
        self.nocache: Run | None = None

    def hl(self, *args: str) -> list[str]:
        assert self.cmd is not None
        return [*self.cmd, *args]

    def skip(self, name: str) -> bool:
        return name in self.a.skip

    def need_cli(self, name: str) -> bool:
        if self.cmd is None:
            self.missing.append(f"{name}: {self.how}")
            return False
        return True

    def fail(self, name: str, run: Run) -> None:
        tail = run.stderr.strip().splitlines()[-3:]
        self.missing.append(f"{name}: healthlint exited {run.returncode}: {' | '.join(tail)}")

    # -- throughput and memory
    def baseline(self) -> None:
        site = self.corpus / "site"
        for builder in ("html.parser", "lxml"):
            cp = subprocess.run(
                [
                    sys.executable,
                    str(HERE / "baseline.py"),
                    str(site),
                    "--json",
                    "--builder",
                    builder,
                ],
                capture_output=True,
                text=True,
            )
            if cp.returncode != 0:
                if builder == "lxml":
                    self.info.append("baseline [lxml]: lxml not installed")
                    continue
                raise RuntimeError(cp.stderr.strip())
            r = json.loads(cp.stdout)
            if builder == "html.parser":
                self.baseline_s = r["seconds"]
            self.info.append(
                f"baseline [{builder}]: {r['files']} files, {r['bytes'] / 1e6:.1f} MB, "
                f"{r['seconds']:.2f} s, {r['mb_per_s']:.2f} MB/s"
            )
            print(self.info[-1], flush=True)

    def throughput(self) -> None:
        if not self.need_cli("throughput") or not self.need_cli("memory"):
            return
        out = self.out / "default.json"
        run = measure(
            self.hl("site", "--format", "json", "--output", str(out), "--no-cache"),
            self.corpus,
            self.env,
            sample=True,
        )
        if not lint_ok(run):
            self.fail("throughput", run)
            return
        self.nocache = run
        mb = self.manifest["bytes"] / 1e6
        self.info.append(
            f"healthlint default --jobs: {run.seconds:.2f} s, {mb / run.seconds:.2f} MB/s, "
            f"{count_paths(out)}"
        )
        print(self.info[-1], flush=True)
        if self.baseline_s:
            ratio = run.seconds / self.baseline_s
            self.figures.append(
                Figure(
                    "throughput",
                    f"healthlint {run.seconds:.2f} s vs baseline {self.baseline_s:.2f} s "
                    f"({self.manifest['pages']} pages)",
                    "≤ 1.5×",
                    f"{ratio:.2f}×",
                    ratio <= 1.5,
                )
            )
        else:
            self.missing.append("throughput ratio: baseline skipped or failed")
        self.figures.append(
            Figure(
                "peak memory",
                f"{run.tree_mb:.0f} MB summed over the process tree (sampled PSS); "
                f"largest process {run.maxrss_mb:.0f} MB (ru_maxrss)",
                "< 300 MB",
                f"{run.tree_mb / 300:.2f}× of budget",
                run.tree_mb < 300 and run.maxrss_mb < 300,
            )
        )

    def parallel(self) -> None:
        if not self.need_cli("parallel"):
            return
        default = self.out / "default.json"
        if self.nocache is None:
            r = measure(
                self.hl("site", "--format", "json", "--output", str(default), "--no-cache"),
                self.corpus,
                self.env,
                sample=True,
            )
            if not lint_ok(r):
                self.fail("parallel", r)
                return
            self.nocache = r
        serial = self.out / "jobs1.json"
        run = measure(
            self.hl(
                "site", "--format", "json", "--output", str(serial), "--no-cache", "--jobs", "1"
            ),
            self.corpus,
            self.env,
            sample=True,
        )
        if not lint_ok(run):
            self.fail("parallel", run)
            return
        same = filecmp.cmp(default, serial, shallow=False)
        self.info.append(
            f"healthlint --jobs 1: {run.seconds:.2f} s (speed-up of default --jobs: "
            f"{run.seconds / self.nocache.seconds:.2f}×), peak {run.maxrss_mb:.0f} MB"
        )
        self.figures.append(
            Figure(
                "parallel output",
                f"default --jobs {'identical to' if same else 'DIFFERS from'} "
                f"--jobs 1 ({default.stat().st_size:,} bytes)",
                "byte-identical",
                "",
                same,
            )
        )

    def warm(self) -> None:
        if not self.need_cli("warm"):
            return
        for d in (self.corpus / ".healthlint_cache", self.corpus / "site" / ".healthlint_cache"):
            shutil.rmtree(d, ignore_errors=True)
        before = {p: p.stat().st_mtime for p in self._cache_dirs()}
        cold_out, warm_out, back_out = (
            self.out / n for n in ("cold.json", "warm.json", "revert.json")
        )
        args = ("site", "--format", "json", "--output")
        cold = measure(self.hl(*args, str(cold_out)), self.corpus, self.env)
        if not lint_ok(cold):
            self.fail("warm", cold)
            return
        used = [p for p in self._cache_dirs() if before.get(p) != p.stat().st_mtime]
        self.info.append(f"cache written to: {', '.join(map(str, used)) or 'nowhere found'}")
        if any(self.corpus not in p.parents for p in used):
            self.info.append(
                "warning: cache lives outside the corpus; an old cache may make 'cold' warm"
            )
        victim = self._victim()
        original = victim.read_bytes()
        try:
            victim.write_bytes(
                original
                + b"\n\nThis paragraph was added by the benchmark. It guarantees results.\n"
            )
            warm = measure(self.hl(*args, str(warm_out)), self.corpus, self.env)
        finally:
            victim.write_bytes(original)
        if not lint_ok(warm):
            self.fail("warm", warm)
            return
        back = measure(self.hl(*args, str(back_out)), self.corpus, self.env)
        ratio = warm.seconds / cold.seconds
        self.figures.append(
            Figure(
                "warm re-run",
                f"{warm.seconds:.2f} s with 1 changed file vs cold {cold.seconds:.2f} s",
                "≤ 10%",
                f"{ratio:.1%}",
                ratio <= 0.10,
            )
        )
        if self.nocache and cold.seconds < 0.5 * self.nocache.seconds:
            self.info.append(
                "warning: the 'cold' cached run was much faster than --no-cache; was the cache really empty?"
            )
        ref = self.out / "default.json"
        if ref.exists() and lint_ok(back):
            same = filecmp.cmp(ref, back_out, shallow=False) and filecmp.cmp(
                ref, cold_out, shallow=False
            )
            self.figures.append(
                Figure(
                    "cache keeps findings",
                    f"cold and warm (reverted file) reports "
                    f"{'identical to' if same else 'DIFFER from'} --no-cache",
                    "identical",
                    "",
                    same,
                )
            )

    def _cache_dirs(self) -> list[Path]:
        return [
            p
            for p in (
                self.corpus / ".healthlint_cache",
                self.corpus / "site" / ".healthlint_cache",
                REPO / ".healthlint_cache",
            )
            if p.exists()
        ]

    def _victim(self) -> Path:
        from baseline import collect

        mds = [p for p in collect(self.corpus / "site") if p.suffix == ".md"]
        small = [p for p in mds if p.stat().st_size < 20_000]
        return (small or mds or collect(self.corpus / "site"))[0]

    # -- single file
    def single(self) -> None:
        if not self.need_cli("single"):
            return
        art = self.corpus / self.manifest["samples"]["article-2000.html"]["path"]
        runs = self.a.runs
        probe = measure(self.hl(str(art), "--no-cache"), self.corpus, self.env, sample=True)
        if not lint_ok(probe):
            self.fail("single", probe)
            return
        typer_cmd = [sys.executable, "-c", "import typer"]
        hl_cmd = self.hl(str(art), "--no-cache")
        cached_cmd = self.hl(str(art))
        for _ in range(2):  # warm the page cache and .pyc files
            measure(typer_cmd, self.corpus, self.env)
            measure(hl_cmd, self.corpus, self.env)
            measure(cached_cmd, self.corpus, self.env)
        t_typer, t_hl, t_cached = [], [], []
        for _ in range(runs):  # interleaved, so drift hits both alike
            t_typer.append(measure(typer_cmd, self.corpus, self.env).seconds)
            t_hl.append(measure(hl_cmd, self.corpus, self.env).seconds)
            t_cached.append(measure(cached_cmd, self.corpus, self.env).seconds)
        ty, hl, hc = (statistics.median(x) for x in (t_typer, t_hl, t_cached))
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            raw_env = {k: v for k, v in self.env.items() if k != "PYTHONPYCACHEPREFIX"}
            raw_env["PYTHONDONTWRITEBYTECODE"] = "1"
            raw = median_time(hl_cmd, self.corpus, raw_env, max(3, runs // 2))
            self.info.append(
                f"single file without a bytecode cache (PYTHONDONTWRITEBYTECODE=1 as set here): "
                f"{raw * 1000:.0f} ms = {raw / ty:.2f}× typer"
            )
        words = self.manifest["samples"]["article-2000.html"]["words"]
        self.figures.append(
            Figure(
                "single file",
                f"healthlint {words}-word article {hl * 1000:.0f} ms (--no-cache) vs "
                f"python -c 'import typer' {ty * 1000:.0f} ms, median of {runs}",
                "≤ 3×",
                f"{hl / ty:.2f}×",
                hl / ty <= 3,
            )
        )
        self.info.append(
            f"single file with cache (second run, cache hit): {hc * 1000:.0f} ms = {hc / ty:.2f}× typer"
        )

    # -- scaling
    def scaling(self) -> None:
        if not self.need_cli("scaling"):
            return
        site = self.corpus / "site"
        big = [b for b in self.manifest["big"] if b["path"].endswith(".html")]
        if not big:
            self.missing.append(
                "scaling: the corpus has no big HTML page (generated with --no-big?)"
            )
            return
        page = big[0]
        small = small_html_batch(site, page["bytes"], {b["path"] for b in self.manifest["big"]})
        small_bytes = sum(Path(p).stat().st_size for p in small)
        tiny = self.corpus / self.manifest["samples"]["tiny.html"]["path"]
        common = ("--format", "json", "--output", os.devnull, "--no-cache", "--jobs", "1")
        reps = 3
        runs = {}
        for key, paths in (
            ("tiny", [str(tiny)]),
            ("big", [str(site / page["path"])]),
            ("small", small),
        ):
            rs = [measure(self.hl(*paths, *common), self.corpus, self.env) for _ in range(reps)]
            if not all(lint_ok(r) for r in rs):
                self.fail("scaling", next(r for r in rs if not lint_ok(r)))
                return
            runs[key] = statistics.median(r.seconds for r in rs)
        t0 = runs["tiny"]
        big_mb, small_mb = page["bytes"] / 1e6, small_bytes / 1e6
        per_big = max(runs["big"] - t0, 1e-9) / big_mb
        per_small = max(runs["small"] - t0, 1e-9) / small_mb
        ratio = per_big / per_small
        self.figures.append(
            Figure(
                "time per MB",
                f"{big_mb:.1f} MB page {per_big:.3f} s/MB vs {len(small)} small pages "
                f"({small_mb:.1f} MB) {per_small:.3f} s/MB (start-up {t0:.2f} s subtracted)",
                "≤ 2×",
                f"{ratio:.2f}×",
                ratio <= 2,
            )
        )

    # -- imports
    def imports(self) -> None:
        py = sys.executable
        base = median_time([py, "-c", "pass"], REPO, self.env, 5)
        typer = median_time([py, "-c", "import typer"], REPO, self.env, 5)
        trio = median_time([py, "-c", "import typer, bs4, markdown_it"], REPO, self.env, 5)
        self.info.append(
            f"start-up: python -c pass {base * 1000:.0f} ms; import typer {typer * 1000:.0f} ms; "
            f"import typer, bs4, markdown_it {trio * 1000:.0f} ms ({trio / typer:.2f}× typer)"
        )
        mods = list(IMPORTS)
        if self.cmd is not None and (REPO / "healthlint" / "cli.py").exists():
            mods.append("healthlint.cli")
        env = dict(self.env)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        for mod in mods:
            subprocess.run([py, "-c", f"import {mod}"], env=env, capture_output=True)  # compile
            self.info.append(importtime_summary(mod, env))
        if self.cmd is not None:
            art = self.corpus / self.manifest["samples"]["article-2000.html"]["path"]
            self.info.append(run_importtime_summary(self.hl(str(art), "--no-cache"), self.env))

    # -- driver
    def run(self) -> int:
        explicit = self.a.corpus is not None
        self.manifest = ensure_corpus(self.corpus, self.a.pages, self.a.seed, explicit)
        print(f"healthlint: {self.how}", flush=True)
        for name in FIGURES:
            if self.skip(name):
                continue
            print(f"... {name}", flush=True)
            try:
                getattr(self, name)()
            except Exception as e:  # one broken figure must not hide the others
                self.missing.append(f"{name}: {type(e).__name__}: {e}")
        print()
        for line in self.info:
            print(f"  {line}")
        print()
        for f in self.figures:
            print(f.line())
        for m in self.missing:
            print(f"not measured: {m}")
        results = {
            "corpus": {k: self.manifest[k] for k in ("pages", "html", "markdown", "bytes", "seed")},
            "figures": [f.__dict__ for f in self.figures],
            "info": self.info,
            "not_measured": self.missing,
        }
        (self.out / "results.json").write_text(
            json.dumps(results, indent=2) + "\n", encoding="utf-8"
        )
        return 0 if all(f.ok is not False for f in self.figures) else 1


def _importtime_rows(
    module: str, env: dict, cmd: list[str] | None = None, ok: tuple[int, ...] = (0,)
) -> list[tuple[int, int, int, str]]:
    """(depth, self us, cumulative us, name) for each import made by ``import module``
    (or by the whole Python command ``cmd``, e.g. a healthlint run)."""
    if cmd is None:
        cmd = [sys.executable, "-X", "importtime", "-c", f"import {module}"]
    cp = subprocess.run(cmd, capture_output=True, text=True, env=env)
    rows: list[tuple[int, int, int, str]] = []
    for line in cp.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cum_us, name = line[len("import time:") :].split("|", 2)
        depth = (len(name) - len(name.lstrip(" ")) - 1) // 2
        rows.append((depth, int(self_us), int(cum_us), name.strip()))
        if depth == 0 and name.strip() == "site":
            rows = []  # interpreter start-up, not the import being measured
    return rows if cp.returncode in ok else []


def run_importtime_summary(cmd: list[str], env: dict, top: int = 12) -> str:
    """Every module a whole healthlint run imports, lazily or not: the heaviest top-level ones."""
    if Path(cmd[0]).name.startswith("python"):
        full = [cmd[0], "-X", "importtime", *cmd[1:]]
    else:
        full = [sys.executable, "-X", "importtime", *cmd]
    rows = _importtime_rows("", env, full, ok=(0, 1))
    if not rows:
        return "importtime of a healthlint run: failed"
    tops = sorted((r for r in rows if r[0] == 0), key=lambda r: -r[2])[:top]
    total = sum(r[2] for r in rows if r[0] == 0)
    listed = ", ".join(f"{n} {c / 1000:.1f}" for _, _, c, n in tops)
    return (
        f"importtime of the whole single-file run: {total / 1000:.1f} ms in {len(rows)} modules; "
        f"heaviest top-level imports (cumulative ms): {listed}"
    )


def importtime_summary(module: str, env: dict, top: int = 5) -> str:
    """Cumulative import time of ``module``, its heaviest direct imports and self times (best of 3)."""
    best: list[tuple[int, int, int, str]] = []
    best_total = None
    for _ in range(3):
        rows = _importtime_rows(module, env)
        total = sum(c for d, _, c, _ in rows if d == 0)
        if rows and (best_total is None or total < best_total):
            best, best_total = rows, total
    if not best or best_total is None:
        return f"importtime {module}: could not import"
    direct = sorted((r for r in best if r[0] == 1), key=lambda r: -r[2])[:top]
    selfish = sorted(best, key=lambda r: -r[1])[:top]
    d = ", ".join(f"{n} {c / 1000:.1f}" for _, _, c, n in direct)
    s = ", ".join(f"{n} {su / 1000:.1f}" for _, su, _, n in selfish)
    return (
        f"importtime {module}: {best_total / 1000:.1f} ms, {len(best)} modules; "
        f"direct imports (cumulative ms): {d}; most self time (ms): {s}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpus", help="reuse (or create) the corpus in this folder")
    ap.add_argument("--out", default=str(HERE / "out"), help="reports and results.json")
    ap.add_argument(
        "--skip",
        action="append",
        default=[],
        help=f"comma-separated figures to skip: {', '.join(FIGURES)}",
    )
    ap.add_argument("--runs", type=int, default=11, help="runs per single-file median")
    ap.add_argument("--healthlint", help="command that runs healthlint (default: console script)")
    a = ap.parse_args(argv)
    a.skip = {s.strip() for item in a.skip for s in item.split(",") if s.strip()}
    unknown = a.skip - set(FIGURES)
    if unknown:
        ap.error(f"unknown figure(s) for --skip: {', '.join(sorted(unknown))}")
    return Bench(a).run()


if __name__ == "__main__":
    sys.exit(main())
