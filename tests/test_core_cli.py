"""The command line as editors, pre-commit and CI use it: formats, exit codes, bad input."""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, SHARED, run_cli

SAMPLE = FIXTURES / "sample" / "knee-injections.html"
HOUSE = ROOT / "tests" / "data" / "packs" / "house-style.yml"


def _house_config(tmp_path: Path, extra: str = "") -> Path:
    cfg = tmp_path / ".healthlint.toml"
    cfg.write_text(f'packs = ["{HOUSE.as_posix()}"]\nselect = ["HOUSE"]\n{extra}', encoding="utf-8")
    return cfg


def _json(proc) -> dict:
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return json.loads(proc.stdout)


def test_version_and_help():
    proc = run_cli("--version")
    assert proc.returncode == 0 and proc.stdout.decode().startswith("healthlint ")
    proc = run_cli("--help")
    assert proc.returncode == 0 and b"check" in proc.stdout


def test_sample_article_json_positions_land_on_the_flagged_words():
    data = _json(run_cli(str(SAMPLE), "--format", "json", "--no-cache"))
    assert data["version"] == 1 and data["findings"]
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    for f in data["findings"]:
        if f["line"] == f["end_line"]:
            got = lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1]
            if f["text"].endswith("…"):  # long spans are trimmed in the report
                assert got.startswith(f["text"][:-1]), f
            else:
                assert got == f["text"], f
        for key in (
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "code",
            "name",
            "category",
            "severity",
            "message",
        ):
            assert key in f
        assert f["category"] in (
            "claims",
            "disclaimers",
            "figures",
            "readability",
            "accessibility",
            "seo",
        )


def test_exit_codes_follow_fail_on(tmp_path):
    art = tmp_path / "a.md"
    art.write_text("# Title\n\nWe utilize rest.\n", encoding="utf-8")  # only an info finding
    cfg = _house_config(tmp_path)
    assert run_cli(str(art), "--config", str(cfg)).returncode == 0
    assert run_cli(str(art), "--config", str(cfg), "--fail-on", "info").returncode == 1
    art.write_text("# Title\n\nA miracle.\n", encoding="utf-8")
    assert run_cli(str(art), "--config", str(cfg)).returncode == 1
    assert run_cli(str(art), "--config", str(cfg), "--exit-zero").returncode == 0
    assert run_cli(str(art), "--config", str(cfg), "--fail-on", "error").returncode == 0


def test_github_format_is_workflow_command_syntax(tmp_path):
    art = tmp_path / "a.md"
    art.write_text("# T\n\nA miracle, 100%: yes.\n", encoding="utf-8")
    out = run_cli(
        str(art), "--config", str(_house_config(tmp_path)), "-f", "github"
    ).stdout.decode()
    pat = re.compile(
        r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:]+::.+$"
    )
    lines = out.strip().splitlines()
    assert lines and all(pat.match(line) for line in lines), out


def test_junit_is_well_formed(tmp_path):
    out = run_cli(str(SAMPLE), "-f", "junit", "--no-cache").stdout
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    assert int(root.find("testsuite").get("failures")) > 0


def test_sarif_validates_against_the_schema(tmp_path):
    schema_path = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_path.exists():
        pytest.skip(
            f"the SARIF schema {schema_path} is not here (it ships beside the repo in CI only)"
        )
    jsonschema = pytest.importorskip("jsonschema")
    out = run_cli(str(SAMPLE), "-f", "sarif", "--no-cache").stdout
    log = json.loads(out)
    jsonschema.validate(log, json.loads(schema_path.read_text(encoding="utf-8")))
    run = log["runs"][0]
    assert run["results"] and run["tool"]["driver"]["rules"]
    ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in run["results"]} <= ids


def test_output_file_is_written(tmp_path):
    out = tmp_path / "report.json"
    proc = run_cli(str(SAMPLE), "-f", "json", "-o", str(out), "--no-cache")
    assert proc.returncode == 1 and proc.stdout == b""
    assert json.loads(out.read_text())["findings"]


def test_stdin_with_filename(tmp_path):
    cfg = _house_config(tmp_path)
    proc = run_cli(
        "-",
        "--stdin-filename",
        "post.md",
        "--config",
        str(cfg),
        "-f",
        "json",
        input=b"# T\n\nA miracle.\n",
    )
    data = _json(proc)
    assert [f["path"] for f in data["findings"]] == ["post.md"]


def test_suppressions_and_unused_report(tmp_path):
    art = tmp_path / "a.md"
    art.write_text(
        "# T\n\n<!-- healthlint-disable-next-line HOUSE001 -->\nA miracle.\n\n"
        "<!-- healthlint-disable HOUSE002 -->\nPlain words.\n<!-- healthlint-enable -->\n\nAnother miracle.\n",
        encoding="utf-8",
    )
    cfg = _house_config(tmp_path)
    data = _json(
        run_cli(
            str(art),
            "--config",
            str(cfg),
            "-f",
            "json",
            "--report-unused-suppressions",
            "--no-cache",
        )
    )
    got = [(f["code"], f["line"]) for f in data["findings"]]
    assert got == [("HL001", 6), ("HOUSE001", 10)]


def test_per_file_ignores_and_front_matter_ignore(tmp_path):
    (tmp_path / "legacy").mkdir()
    a = tmp_path / "legacy" / "old.md"
    a.write_text("# T\n\nA miracle.\n", encoding="utf-8")
    b = tmp_path / "new.md"
    b.write_text(
        "---\nhealthlint:\n  ignore: [HOUSE001]\n---\n# T\n\nA miracle.\n", encoding="utf-8"
    )
    c = tmp_path / "other.md"
    c.write_text("# T\n\nA miracle.\n", encoding="utf-8")
    cfg = _house_config(tmp_path, '[per-file-ignores]\n"legacy/**" = ["HOUSE001"]\n')
    data = _json(run_cli(str(tmp_path), "--config", str(cfg), "-f", "json", "--no-cache"))
    assert sorted({Path(f["path"]).name for f in data["findings"]}) == ["other.md"]


def test_baseline_hides_known_findings(tmp_path):
    art = tmp_path / "a.md"
    art.write_text("# T\n\nA miracle.\n", encoding="utf-8")
    cfg = _house_config(tmp_path)
    base = tmp_path / "baseline.json"
    assert run_cli(str(art), "--config", str(cfg), "--write-baseline", str(base)).returncode == 0
    assert run_cli(str(art), "--config", str(cfg), "--baseline", str(base)).returncode == 0
    art.write_text("# T\n\nA miracle.\n\nA wonder drug.\n", encoding="utf-8")
    proc = run_cli(
        str(art), "--config", str(cfg), "--baseline", str(base), "-f", "json", "--no-cache"
    )
    assert [f["text"] for f in _json(proc)["findings"]] == ["wonder drug"]


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("missing.html", None, "no such file"),
        ("empty.md", b"", "is empty"),
        ("blank.md", b"  \n\n", "is empty"),
        ("binary.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
        ("latin1.md", "caf\u00e9 cr\u00e8me".encode("latin-1"), "is not valid utf-8"),
        ("badcharset.html", b'<meta charset="klingon"><p>x</p>', "unknown charset"),
        ("frontmatter.md", b"---\ntitle: [unclosed\n---\n# x\n", "front matter is not valid YAML"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, name, content, expected):
    p = tmp_path / name
    if content is not None:
        p.write_bytes(content)
    proc = run_cli(str(p), "--no-cache")
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert expected in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    out = proc.stdout.decode()
    assert "All clear" not in out and "1 path could not be linted" in out, out


def test_utf16_with_bom_is_read_not_refused_as_binary(tmp_path):
    p = tmp_path / "u16.html"
    src = "<p>This cream is guaranteed to cure eczema.</p>"
    p.write_bytes(src.encode("utf-16"))
    proc = run_cli(str(p), "--no-cache", "--select", "CLM003", "-f", "json")
    assert proc.returncode == 1, proc.stderr
    (f,) = _json(proc)["findings"]
    assert (f["line"], f["column"], f["text"]) == (1, src.index("cure") + 1, "cure eczema")


def test_huge_file_is_refused_clearly(tmp_path):
    p = tmp_path / "big.html"
    p.write_bytes(b"<p>" + b"word " * (2 * 1024 * 1024) + b"</p>")
    proc = run_cli(str(p), "--no-cache")
    assert proc.returncode == 2 and b"MB limit" in proc.stderr


def test_directory_without_articles_and_broken_config(tmp_path):
    (tmp_path / "img.png").write_bytes(b"\x89PNG")
    proc = run_cli(str(tmp_path))
    assert proc.returncode == 2 and b"no HTML, Markdown or text files" in proc.stderr
    cfg = tmp_path / ".healthlint.toml"
    cfg.write_text("selct = ['CLM']\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("# Hi\n\nText.\n", encoding="utf-8")
    proc = run_cli(str(tmp_path / "a.md"))
    assert proc.returncode == 2 and b"unknown key 'selct'" in proc.stderr
    assert len(proc.stderr.decode().strip().splitlines()) == 1


def test_skips_bad_files_found_in_a_folder_but_lints_the_rest(tmp_path):
    (tmp_path / "good.md").write_text("# Hi\n\nA miracle.\n", encoding="utf-8")
    (tmp_path / "bad.md").write_bytes(b"caf\xe9 \xfa broken")
    cfg = _house_config(tmp_path)
    proc = run_cli(str(tmp_path), "--config", str(cfg), "--no-cache")
    assert proc.returncode == 1
    assert b"warning: skipped" in proc.stderr and b"bad.md" in proc.stderr


def test_never_writes_to_linted_files(tmp_path):
    files = []
    for src in (SAMPLE, FIXTURES / "sample" / "knee-injections.md"):
        dst = tmp_path / src.name
        dst.write_bytes(src.read_bytes())
        files.append(dst)
    before = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in files}
    run_cli(*map(str, files), "--no-cache")
    for p in files:
        assert (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) == before[p]


def test_rules_and_rule_commands():
    proc = run_cli("rules", "--format", "json")
    assert proc.returncode == 0
    rules = json.loads(proc.stdout)
    assert {"code", "name", "category", "severity", "summary", "sources", "act"} <= set(rules[0])
    code = rules[0]["code"]
    proc = run_cli("rule", code)
    assert (
        proc.returncode == 0
        and code in proc.stdout.decode()
        and "Why it matters" in proc.stdout.decode()
    )
    proc = run_cli("rule", "NOPE999")
    assert proc.returncode == 2 and b"unknown rule" in proc.stderr


def test_per_document_summary_is_in_every_format(tmp_path):
    art = FIXTURES / "readability" / "hard.md"
    data = _json(run_cli(str(art), "-f", "json", "--no-cache"))
    smog = data["files"][0]["summary"]["readability"]["grade"]["smog"]
    assert smog > 8
    want = f"grade {smog:g} SMOG"
    for fmt in ("text", "github", "junit"):
        out = run_cli(str(art), "-f", fmt, "--no-cache").stdout.decode()
        assert want in out and "min read" in out, (fmt, out[:500])
    sarif = json.loads(run_cli(str(art), "-f", "sarif", "--no-cache").stdout)
    (artifact,) = sarif["runs"][0]["artifacts"]
    assert artifact["location"]["uri"].endswith("hard.md")
    assert artifact["properties"]["healthlint"]["readability"]["grade"]["smog"] == smog
