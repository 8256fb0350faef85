"""Every `nerveguide` command as a subprocess in a clean environment: no DEBUG, no SECRET_KEY, no
DATABASE_URL (only PATH, HOME and VAR_DIR, so the SQLite database lands in a temporary folder).

Commands that serve nothing run as the README shows them; commands that need configuration say
so in one line. Exit codes as documented in nerveguide/cli.py: 0 done, 1 some input rejected,
2 the command could not run. No expected error prints a traceback.
"""

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NERVEGUIDE = Path(sys.executable).parent / "nerveguide"
FIXTURE_ARTICLES = REPO / "src" / "nerveguide" / "content" / "tests" / "fixtures" / "articles"


class CLI:
    """Runs `nerveguide` with a clean environment against its own SQLite database."""

    def __init__(self, home: Path):
        self.home = home
        self.var = home / "var"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "VAR_DIR": str(self.var),
            "LANG": "C.UTF-8",
        }

    def __call__(self, *args, stdin: str | None = None, **extra_env) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [str(NERVEGUIDE), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env={**self.env, **extra_env},
            cwd=self.home,
            timeout=300,
            check=False,
        )
        assert "Traceback" not in result.stderr, result.stderr
        return result

    def rows(self, sql: str) -> list[tuple]:
        with sqlite3.connect(self.var / "nerveguide.sqlite3") as db:
            return db.execute(sql).fetchall()


def one_line(result: subprocess.CompletedProcess) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    """The clean-environment CLI, its database migrated once for the module (by the CLI itself)."""
    runner = CLI(tmp_path_factory.mktemp("cli"))
    before = runner("clinics", "export")
    assert before.returncode == 2  # no database yet: one line saying what to do
    assert "nerveguide manage migrate" in one_line(before)
    result = runner("manage", "migrate", "--noinput", "-v0")
    assert result.returncode == 0, result.stderr
    return runner


def test_readme_commands_run_without_environment_variables(cli):
    handout = cli.home / "handout.pdf"
    result = cli(
        "handout",
        "--region",
        "laend",
        "--version",
        "pixi",
        "--exercises",
        "baekkenkip,knae-til-bryst",
        "--goal",
        "Gå en tur hver dag",
        "-o",
        str(handout),
    )
    assert result.returncode == 0, result.stderr
    assert handout.read_bytes().startswith(b"%PDF")
    assert cli("clinics", "load-postcodes").returncode == 0
    assert cli("clinics", "demo").returncode == 0
    exported = cli("clinics", "export")
    assert exported.returncode == 0 and exported.stdout.count("\n") > 10
    articles = cli.home / "articles"
    shutil.copytree(FIXTURE_ARTICLES, articles)
    assert cli("ingest", str(articles)).returncode == 0
    assert cli.rows("select count(*) from content_article where is_published")[0][0] == 3
    assert cli("check", str(articles)).returncode in (0, 1)  # 1: findings, as documented
    search = cli("search", "--content", str(articles), "--queries", "-", stdin="ondt i lænden\n")
    assert search.returncode == 0 and json.loads(search.stdout.splitlines()[0])["results"]
    selfcheck = cli("selfcheck", "--text", "-", stdin="Jeg har ondt i lænden og ned i benet.\n")
    assert selfcheck.returncode in (0, 1) and selfcheck.stdout.strip()
    assert cli("manage", "showmigrations", "clinics").returncode == 0


@pytest.mark.parametrize("args", [("manage", "runserver"), ("manage", "check", "--deploy")])
def test_commands_that_serve_say_in_one_line_that_they_need_a_secret_key(cli, args):
    result = cli(*args)
    assert result.returncode == 2
    assert "SECRET_KEY must be set" in one_line(result)


def test_a_bad_environment_variable_is_one_line(cli):
    result = cli("clinics", "export", DEBUG="maybe")
    assert result.returncode == 2
    assert "DEBUG='maybe' is not a boolean" in one_line(result)


@pytest.mark.parametrize(
    "args",
    [
        ("clinics", "import", "/no/such/file.csv"),
        ("ingest", "/no/such/folder"),
        ("search", "--content", "/no/such/folder", "--queries", "-"),
        (
            "handout",
            "--region",
            "laend",
            "--exercises",
            "baekkenkip",
            "-o",
            "/no/such/folder/h.pdf",
        ),
        (
            "handout",
            "--region",
            "laend",
            "--exercises",
            "baekkenkip",
            "--dose",
            "baekkenkip:reps=²",
            "-o",
            "x.pdf",
        ),
    ],
)
def test_a_missing_file_or_bad_value_is_exit_2_in_one_line(cli, args):
    result = cli(*args)
    assert result.returncode == 2, result.stderr
    assert one_line(result)


def test_an_argument_that_is_not_utf8_is_one_line(cli):
    result = subprocess.run(
        [
            str(NERVEGUIDE),
            "handout",
            "--region",
            "laend",
            "--exercises",
            "baekkenkip",
            "--goal",
            b"G\xe5 en tur",
            "-o",
            "x.pdf",
        ],
        capture_output=True,
        text=True,
        env=cli.env,
        cwd=cli.home,
        timeout=300,
        check=False,
    )
    assert result.returncode == 2
    assert "not valid UTF-8" in one_line(result) and "Traceback" not in result.stderr


CLINIC_COLUMNS = ["slug", "name", "address", "postcode", "specialties", "treatments", "price_first"]


def _clinic(slug: str, **fields) -> dict:
    return {
        "slug": slug,
        "name": f"Klinik {slug}",
        "address": "Testvej 1",
        "postcode": "8000",
        "specialties": "nerve-rodsmerter",
        "treatments": "manuel-terapi",
        "price_first": "450",
        **fields,
    }


def test_clinic_import_reports_hostile_rows_and_keeps_the_good_ones(cli):
    cli("clinics", "load-postcodes")
    out = io.StringIO()
    writer = csv.DictWriter(out, CLINIC_COLUMNS)
    writer.writeheader()
    writer.writerow(_clinic("god-klinik-a"))
    writer.writerow(_clinic("nul-klinik", name="Klinik\x00med NUL"))
    writer.writerow(_clinic("pris-klinik", price_first="4²0"))
    writer.writerow(_clinic("arabisk-klinik", price_first="٤٥٠"))
    writer.writerow(_clinic("stor-klinik", price_first="9" * 40))
    writer.writerow(_clinic("god-klinik-b"))
    path = cli.home / "clinics.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    result = cli("clinics", "import", str(path))
    assert result.returncode == 1, result.stderr
    slugs = {slug for (slug,) in cli.rows("select slug from clinics_clinic")}
    assert {"god-klinik-a", "god-klinik-b"} <= slugs
    assert not {"nul-klinik", "pris-klinik", "stor-klinik"} & slugs


def test_clinic_import_json_with_lone_surrogates_keeps_the_good_rows(cli):
    cli("clinics", "load-postcodes")
    rows = [
        _clinic("json-god-a"),
        _clinic("json-surrogat", name="Klinik \ud800"),
        _clinic("json-god-b"),
    ]
    path = cli.home / "clinics.json"
    path.write_text(json.dumps(rows), encoding="utf-8")  # ASCII JSON: the surrogate as \\ud800
    result = cli("clinics", "import", str(path))
    assert result.returncode == 1, result.stderr
    slugs = {slug for (slug,) in cli.rows("select slug from clinics_clinic")}
    assert {"json-god-a", "json-god-b"} <= slugs and "json-surrogat" not in slugs


def test_ingest_reports_a_file_with_nul_and_publishes_the_others(cli):
    # Its own folder and slugs, so ingest's guard against replacing another folder's articles
    # (issue 10 item 8) does not come into it.
    folder = cli.home / "hostile-articles"
    folder.mkdir()
    for source in FIXTURE_ARTICLES.glob("*.md"):
        (folder / f"fjendtlig-{source.name}").write_text(
            source.read_text(encoding="utf-8"), encoding="utf-8"
        )
    bad = folder / "fjendtlig-rodtryk-i-laenden.md"
    bad.write_text(
        bad.read_text(encoding="utf-8").replace("title: ", "title: \x00", 1), encoding="utf-8"
    )
    result = cli("ingest", str(folder))
    assert result.returncode == 1, result.stderr
    published = {
        slug for (slug,) in cli.rows("select slug from content_article where is_published")
    }
    assert (
        "fjendtlig-nerverod-fagligt" in published
    )  # (the exercise article links to a renamed slug)
    assert "fjendtlig-rodtryk-i-laenden" not in published


def test_a_lone_surrogate_in_a_record_is_echoed_escaped_and_the_batch_goes_on(cli):
    """Regression: '\\ud800' in an input record crashed the output writer and ended the batch."""
    lines = '{"query": "\\ud800"}\n{"query": "iskias"}\n'
    result = cli("search", "--content", str(REPO / "content"), "--queries", "-", stdin=lines)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["query"] for r in records] == ["\ud800", "iskias"]
    assert records[1]["results"]
    answers = cli("selfcheck", "--answers", "-", stdin='{"id": "\\ud800", "fever": true}\n')
    assert answers.returncode == 0 and json.loads(answers.stdout)["id"] == "\ud800"
