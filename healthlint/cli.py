"""The ``healthlint`` command line (Typer). ``healthlint PATH…`` is short for ``healthlint check PATH…``.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings; 2 usage, config or input errors.
Every error is one line on stderr, never a traceback (set HEALTHLINT_DEBUG=1 to see one).
"""

from __future__ import annotations

import contextlib
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from healthlint import __version__

app = typer.Typer(
    name="healthlint",
    help="Lint health articles (HTML, Markdown, text) for overstated claims, missing disclaimers, "
    "inconsistent figures, readability, accessibility and SEO.",
    add_completion=False,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

SUBCOMMANDS = ("check", "rule", "rules")


class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class RulesFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


def _fail(message: str) -> typer.Exit:
    typer.echo(f"healthlint: error: {message}", err=True)
    return typer.Exit(2)


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _write_atomic(path: str, text: str) -> None:
    import tempfile

    target = Path(path)
    if str(target) in ("/dev/stdout", "-"):
        sys.stdout.write(text)
        return
    if not target.parent.exists():
        raise OSError(f"folder {target.parent} does not exist")
    if target.exists() and not target.is_file():
        target.write_text(text, encoding="utf-8")  # /dev/null and other special files
        return
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


@app.command("check")
def check_cmd(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Files or folders to lint; '-' reads standard input.")
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.text,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Config file (.healthlint.toml or pyproject.toml)."),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            help="Only these rules: codes, prefixes, names or categories (comma-separated).",
        ),
    ] = None,
    extend_select: Annotated[
        list[str] | None, typer.Option("--extend-select", help="Add rules to the selection.")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="Turn rules off.")] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", help="Lowest severity that fails the run (exit 1)."),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores)."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write .healthlint_cache/.")
    ] = False,
    stdin_filename: Annotated[
        str | None, typer.Option("--stdin-filename", help="Name (and so format) for '-' input.")
    ] = None,
    today: Annotated[
        str | None, typer.Option("--today", help="Date to judge staleness against (YYYY-MM-DD).")
    ] = None,
    content_selector: Annotated[
        str | None,
        typer.Option("--content-selector", help="CSS selector of the main content in HTML pages."),
    ] = None,
    report_unused_suppressions: Annotated[
        bool,
        typer.Option(
            "--report-unused-suppressions",
            help="Report healthlint-disable comments that suppress nothing.",
        ),
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", help="Hide findings recorded in this baseline file."),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            "--write-baseline", help="Record the current findings as a baseline and exit 0."
        ),
    ] = None,
    color: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color", help="Colour the text report (default: when on a terminal)."
        ),
    ] = None,
) -> None:
    """Lint files and folders (the default command)."""
    from healthlint import config as config_mod
    from healthlint.errors import HealthlintError

    paths = paths or ["."]
    try:
        if config is not None:
            cfg = config_mod.load_file(config)
        else:
            first = next((p for p in paths if p != "-"), ".")
            cfg = config_mod.discover(Path(first))
        if select:
            cfg.select = _split(select)
        if extend_select:
            cfg.extend_select = [*cfg.extend_select, *_split(extend_select)]
        if ignore:
            cfg.ignore = [*cfg.ignore, *_split(ignore)]
        if fail_on is not None:
            cfg.fail_on = fail_on.value
        if today is not None:
            cfg.today = config_mod.parse_date(today, "--today", "today")
        if content_selector is not None:
            cfg2 = config_mod.from_mapping(
                {"content-selector": content_selector}, "--content-selector", cfg.root
            )
            cfg.content_selector = cfg2.content_selector
        folders = [p for p in paths if p != "-" and Path(p).is_dir()]
        if cfg.site_root is None and len(folders) == 1:
            cfg.site_root = str(Path(folders[0]).resolve())  # one built site: its root
        from healthlint.ruleset import RuleSet

        ruleset = RuleSet(cfg)
        baseline_data = _read_baseline(baseline) if baseline else None
    except HealthlintError as exc:
        raise _fail(str(exc)) from None

    from healthlint.discovery import discover
    from healthlint.engine import SEVERITY_RANK, finalize_site, lint_bytes
    from healthlint.reporters import Totals, make_reporter
    from healthlint.runner import iter_results

    sources: dict[str, str] = {}
    stdin_name = stdin_filename or "-"
    file_paths = [p for p in paths if p != "-"]
    files, problems = (
        discover(file_paths, [*cfg.exclude, *cfg.extend_exclude], cfg.root)
        if file_paths
        else ([], [])
    )
    files.sort()
    explicit = {p for p in file_paths if Path(p).is_file()}
    cache_dir = None if no_cache else str(cfg.root / cfg.cache_dir)
    from healthlint.runner import runs_serially

    if cache_dir is None or "-" in paths or not runs_serially(len(files), jobs):
        # prepare every rule now, so bad rule options stop the run before any file is read;
        # a serial run with the cache on (pre-commit) prepares them on its first cache miss
        try:
            ruleset.activate()
        except HealthlintError as exc:
            raise _fail(str(exc)) from None

    def results():
        if "-" in paths:
            data = sys.stdin.buffer.read()
            sources[stdin_name] = data.decode("utf-8", "replace")
            yield lint_bytes(stdin_name, data, ruleset, report_unused=report_unused_suppressions)
        if files:
            yield from iter_results(
                files,
                ruleset,
                jobs=jobs,
                cache_dir=cache_dir,
                report_unused=report_unused_suppressions,
            )

    use_color = (
        color
        if color is not None
        else (output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
        or bool(os.environ.get("FORCE_COLOR"))
    )
    threshold = SEVERITY_RANK.get(cfg.fail_on, 99)
    failed = False
    remaining = dict(baseline_data) if baseline_data is not None else None
    hidden = 0
    baseline_counts: dict[tuple[str, str, str], int] = {}
    hard_errors = list(problems)
    totals = Totals()
    totals.errors.extend(problems)  # paths that could not even be opened are errors of the run
    site_data: dict[str, dict] = {}

    def keep(findings: list) -> list:
        nonlocal hidden
        if remaining is None:
            return findings
        kept = []
        for f in findings:
            k = _baseline_key(f)
            if remaining.get(k, 0) > 0:
                remaining[k] -= 1
                hidden += 1
            else:
                kept.append(f)
        return kept

    out_stream, commit, abort = _open_output(None if write_baseline else output)
    try:
        reporter = make_reporter(
            format.value,
            out_stream,
            dict(ruleset.rule_defs),
            color=bool(use_color),
            sources=sources,
        )
        reporter.begin()
        for r in results():
            totals.files += 1
            if r.error:
                totals.errors.append(r.error)
                if r.path in explicit or r.path == stdin_name:
                    hard_errors.append(r.error)
                else:
                    typer.echo(f"healthlint: warning: skipped {r.error}", err=True)
            if r.site:
                site_data[r.path] = r.site
            r.findings = keep(r.findings)
            if write_baseline is not None:
                for f in r.findings:
                    k = _baseline_key(f)
                    baseline_counts[k] = baseline_counts.get(k, 0) + 1
                continue
            totals.add_findings(r.findings)
            failed = failed or any(SEVERITY_RANK[f.severity] >= threshold for f in r.findings)
            reporter.file(r)
            if r.path not in sources:
                r.findings = []  # let the memory go: the reporter has it
        site = keep(finalize_site(ruleset, site_data))
        if write_baseline is not None:
            for f in site:
                k = _baseline_key(f)
                baseline_counts[k] = baseline_counts.get(k, 0) + 1
            abort()
            _write_atomic(str(write_baseline), _baseline_json(baseline_counts))
            n = sum(baseline_counts.values())
            typer.echo(
                f"healthlint: wrote a baseline of {n} findings to {write_baseline}", err=True
            )
            raise typer.Exit(0)
        totals.add_findings(site)
        failed = failed or any(SEVERITY_RANK[f.severity] >= threshold for f in site)
        reporter.end(site, totals)
        commit()
    except OSError as exc:
        abort()
        raise _fail(f"cannot write the report to {output}: {exc}") from None
    except HealthlintError as exc:  # a rule's options, found bad when it was first prepared
        abort()
        raise _fail(str(exc)) from None
    except BaseException:
        abort()
        raise

    for e in hard_errors:
        typer.echo(f"healthlint: error: {e}", err=True)
    if hidden and format is Format.text:
        typer.echo(f"healthlint: {hidden} finding(s) hidden by the baseline {baseline}", err=True)
    if hard_errors:
        raise typer.Exit(2)
    if exit_zero or cfg.fail_on == "never":
        raise typer.Exit(0)
    raise typer.Exit(1 if failed else 0)


def _open_output(output: str | None):
    """A stream for the report, and how to finish it: stdout, or a temp file renamed at the end."""
    import io
    import tempfile

    if output is None or output in ("-", "/dev/stdout"):
        if not hasattr(sys.stdout, "buffer"):
            return sys.stdout, sys.stdout.flush, lambda: None
        sys.stdout.flush()
        # UTF-8 whatever the locale says; detached (never closed) so stdout stays usable
        wrapper = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", errors="replace")

        def finish() -> None:
            with contextlib.suppress(ValueError, OSError):
                wrapper.flush()
                wrapper.detach()

        return wrapper, finish, finish
    target = Path(output)
    if not target.parent.exists():
        raise _fail(f"cannot write the report to {output}: folder {target.parent} does not exist")
    if target.exists() and not target.is_file():  # /dev/null and other special files
        stream = open(target, "w", encoding="utf-8")  # noqa: SIM115
        return stream, stream.close, stream.close
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    stream = os.fdopen(fd, "w", encoding="utf-8")
    done = False

    def commit() -> None:
        nonlocal done
        stream.close()
        os.replace(tmp, target)
        done = True

    def abort() -> None:
        if not done:
            stream.close()
            with contextlib.suppress(OSError):
                os.unlink(tmp)

    return stream, commit, abort


def _baseline_key(f: object) -> tuple[str, str, str]:
    return (f.path, f.code, " ".join(f.text.split()))


def _baseline_json(counts: dict[tuple[str, str, str], int]) -> str:
    import json

    items = [
        {"path": p, "code": c, "text": t, "count": n} for (p, c, t), n in sorted(counts.items())
    ]
    return json.dumps({"version": 1, "findings": items}, indent=1, ensure_ascii=False) + "\n"


def _read_baseline(path: Path) -> dict[tuple[str, str, str], int]:
    import json

    from healthlint.errors import ConfigError

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {(i["path"], i["code"], i["text"]): int(i.get("count", 1)) for i in data["findings"]}
    except FileNotFoundError:
        raise ConfigError(f"{path}: baseline file not found") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path}: not a healthlint baseline file ({exc})") from None


def _load_rules(config: Path | None) -> list:
    from healthlint import config as config_mod
    from healthlint.errors import HealthlintError
    from healthlint.ruleset import all_rules

    try:
        cfg = config_mod.load_file(config) if config else config_mod.discover(Path("."))
        return all_rules(cfg.packs)
    except HealthlintError as exc:
        raise _fail(str(exc)) from None


@app.command("rules")
def rules_cmd(
    category: Annotated[
        str | None, typer.Option("--category", "-c", help="Only this category.")
    ] = None,
    format: Annotated[RulesFormat, typer.Option("--format", "-f")] = RulesFormat.text,
    config: Annotated[Path | None, typer.Option("--config")] = None,
) -> None:
    """List the rules (filter by category; JSON or Markdown for tools and docs)."""
    rules = _load_rules(config)
    if category:
        rules = [r for r in rules if r.category == category]
        if not rules:
            raise _fail(f"no rules in category '{category}'")
    if format is RulesFormat.json:
        import json

        typer.echo(json.dumps([r.to_json() for r in rules], indent=2, ensure_ascii=False))
        return
    if format is RulesFormat.markdown:
        from healthlint.docs import rules_markdown

        sys.stdout.write(rules_markdown(rules))
        return
    width = max((len(r.name) for r in rules), default=10)
    for r in rules:
        typer.echo(f"{r.code:<8} {r.name:<{width}}  {r.category:<13} {r.severity:<7}  {r.summary}")


@app.command("rule")
def rule_cmd(
    code: Annotated[str, typer.Argument(help="Rule code (e.g. CLM001) or name.")],
    format: Annotated[RulesFormat, typer.Option("--format", "-f")] = RulesFormat.text,
    config: Annotated[Path | None, typer.Option("--config")] = None,
) -> None:
    """Explain one rule: what it flags, why it matters, its sources, and how to fix it."""
    rules = _load_rules(config)
    match = [r for r in rules if r.code == code.upper() or r.name == code.lower()]
    if not match:
        raise _fail(f"unknown rule '{code}' (see `healthlint rules`)")
    r = match[0]
    if format is RulesFormat.json:
        import json

        typer.echo(json.dumps(r.to_json(), indent=2, ensure_ascii=False))
        return
    from healthlint.docs import rule_markdown

    sys.stdout.write(rule_markdown(r))


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"healthlint {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_version_callback,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    """healthlint: a linter for health content."""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] in (["--version"], ["-V"]):
        print(f"healthlint {__version__}")
        return 0
    if not args or (args[0] not in SUBCOMMANDS and args[0] not in ("--help", "-h")):
        args = ["check", *args]
    try:
        app(args=args, prog_name="healthlint", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code
        print(code, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("healthlint: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the promise: one line, never a traceback
        if os.environ.get("HEALTHLINT_DEBUG"):
            raise
        print(
            f"healthlint: internal error: {type(exc).__name__}: {exc} (set HEALTHLINT_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
