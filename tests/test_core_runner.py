"""Parallel runs equal serial runs byte for byte; the cache never changes findings."""

from __future__ import annotations

import json
import shutil

from tests.conftest import FIXTURES, run_cli


def _site(tmp_path, n=24):
    site = tmp_path / "site"
    site.mkdir()
    sources = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".html", ".md", ".txt"))
    for i in range(n):
        src = sources[i % len(sources)]
        sub = site / f"section{i % 3}"
        sub.mkdir(exist_ok=True)
        shutil.copy(src, sub / f"{i:03d}-{src.name}")
    return site


def test_parallel_output_is_identical_to_serial(tmp_path):
    site = _site(tmp_path)
    for fmt in ("json", "text", "sarif"):
        serial = run_cli(str(site), "-f", fmt, "--jobs", "1", "--no-cache", cwd=tmp_path)
        parallel = run_cli(str(site), "-f", fmt, "--jobs", "2", "--no-cache", cwd=tmp_path)
        assert serial.returncode == parallel.returncode
        assert serial.stdout == parallel.stdout, fmt


def test_cache_gives_the_same_findings_and_is_invalidated(tmp_path):
    site = _site(tmp_path, n=10)
    cold = run_cli(str(site), "-f", "json", cwd=tmp_path)
    assert (tmp_path / ".healthlint_cache").is_dir()
    warm = run_cli(str(site), "-f", "json", cwd=tmp_path)
    assert cold.stdout == warm.stdout
    nocache = run_cli(str(site), "-f", "json", "--no-cache", cwd=tmp_path)
    assert nocache.stdout == cold.stdout
    # content change
    target = sorted(site.rglob("*.md"))[0]
    target.write_text(
        target.read_text(encoding="utf-8") + "\n\nThis cream is guaranteed to melt fat forever.\n",
        encoding="utf-8",
    )
    changed = run_cli(str(site), "-f", "json", cwd=tmp_path)
    fresh = run_cli(str(site), "-f", "json", "--no-cache", cwd=tmp_path)
    assert changed.stdout == fresh.stdout != cold.stdout
    # config change: a rule turned off must disappear even with a warm cache
    codes = {f["code"] for f in json.loads(fresh.stdout)["findings"]}
    dropped = sorted(codes)[0]
    (tmp_path / ".healthlint.toml").write_text(f'ignore = ["{dropped}"]\n', encoding="utf-8")
    cfg_run = run_cli(
        str(site), "-f", "json", "--config", str(tmp_path / ".healthlint.toml"), cwd=tmp_path
    )
    assert dropped not in {f["code"] for f in json.loads(cfg_run.stdout)["findings"]}


def test_cache_key_changes_with_version(tmp_path, monkeypatch):
    from healthlint import runner

    c1 = runner.ResultCache(tmp_path, "fp")
    monkeypatch.setattr(runner, "__version__", "999.0")
    c2 = runner.ResultCache(tmp_path, "fp")
    assert c1.folder != c2.folder


def _fixture_findings():
    from healthlint.api import lint_string

    out = []
    for p in sorted(FIXTURES.rglob("*")):
        if p.suffix in (".html", ".md"):
            out.extend(lint_string(p.read_text(encoding="utf-8"), p.name, today="2026-12-01"))
    assert any(f.related for f in out) and any(f.data for f in out)
    return out


def test_findings_travel_between_processes_unchanged():
    import pickle
    from dataclasses import asdict

    findings = _fixture_findings()
    back = pickle.loads(pickle.dumps(findings, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == findings
    for f in findings:
        d = asdict(f)
        if d["data"] is None:
            del d["data"]
        assert f.to_json() == d


def test_json_report_writes_each_finding_as_the_encoder_would():
    from healthlint.reporters.json_report import _dump, encode_finding

    findings = _fixture_findings()
    findings[0].suggestion = 'quote " and \\ and é and \n'
    for f in findings:
        assert encode_finding(f) == _dump(f.to_json())


def test_plan_starts_big_files_first_and_keeps_the_rest_in_path_order():
    from healthlint.runner import BIG_FILE, plan_tasks

    sizes = [10_000] * 50 + [BIG_FILE * 4] + [10_000] * 50 + [BIG_FILE * 8, BIG_FILE]
    tasks = plan_tasks(sizes, jobs=2)
    assert tasks[:3] == [[101], [50], [102]]  # largest first, one per task
    rest = [i for t in tasks[3:] for i in t]
    assert rest == [i for i in range(len(sizes)) if sizes[i] < BIG_FILE]
    assert len(tasks) > 2 * 4  # every worker gets several tasks
    assert plan_tasks([], jobs=2) == []
    assert [i for t in plan_tasks([0, 0, 0], jobs=2) for i in t] == [0, 1, 2]


def test_a_fully_cached_run_prepares_no_rule(tmp_path):
    """Pre-commit re-runs: results come from the cache, no lexicon or pattern is built."""
    from healthlint.api import make_config
    from healthlint.engine import finalize_site
    from healthlint.ruleset import RuleSet
    from healthlint.runner import iter_results

    site = _site(tmp_path, n=4)
    files = sorted(str(p) for p in site.rglob("*") if p.is_file())
    cache = str(tmp_path / "cache")
    cold_rs = RuleSet(make_config(today="2026-12-01"))
    cold = list(iter_results(files, cold_rs, jobs=1, cache_dir=cache))
    assert cold_rs._prepared  # the cold run prepared its rules on first use
    warm_rs = RuleSet(make_config(today="2026-12-01"))
    warm = list(iter_results(files, warm_rs, jobs=1, cache_dir=cache))
    assert [r.findings for r in warm] == [r.findings for r in cold]
    site_warm = finalize_site(warm_rs, warm)
    assert site_warm == finalize_site(cold_rs, cold)
    assert set(warm_rs._prepared) <= {c for r in warm for c in r.site}  # only site rules
    assert not any(code.startswith(("CLM", "FIG", "RDB")) for code in warm_rs._prepared)


def test_bad_rule_options_stop_a_cached_serial_run_with_exit_2(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("# Knee pain\n\nRest helps.\n", encoding="utf-8")
    (tmp_path / ".healthlint.toml").write_text(
        '[rules.FIG008]\nmax_kg_per_week = "lots"\n', encoding="utf-8"
    )
    for extra in ((), ("--no-cache",)):
        r = run_cli(str(article), *extra, cwd=tmp_path)
        assert r.returncode == 2, r.stderr
        err = r.stderr.decode()
        assert "FIG008" in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1
