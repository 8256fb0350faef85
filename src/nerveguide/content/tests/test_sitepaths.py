"""The site's URL prefixes come from the URLconf (issue 16 §3), not from a list in documents.py.

Regression: the reader's hard-coded list lacked the trust pages, so an article linking to
/kontakt/ or /om-nerveguide/ got a "link-broken" error and was not published.
"""

import os
import re
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.urls import include, path

from nerveguide.cli import main
from nerveguide.content import documents, sitepaths
from nerveguide.content.ingest import ingest_directory
from nerveguide.content.models import Article

# A URLconf with one more app than the site has today (used through @pytest.mark.urls).
urlpatterns = [
    path("nyt-vaerktoej/", lambda request: HttpResponse("ok"), name="new_tool"),
    path("", include("nerveguide.project.urls")),
]

LINKS = (
    "[kontakt](/kontakt/), [om os](/om-nerveguide/), [værktøj](/nyt-vaerktoej/), [x](/findes-ikke/)"
)


def _write(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "a.md").write_text(
        f"---\ntitle: A\ndescription: Kort.\nreviewedBy: Fagperson\n---\nSe {LINKS}.\n",
        encoding="utf-8",
    )
    return folder


def _broken(findings) -> list[str]:
    return sorted(f.message.split()[1] for f in findings if f.code == "link-broken")


def test_reserved_prefixes_are_the_urlconfs_first_segments():
    assert sitepaths.reserved_prefixes() == {
        "admin", "api", "emner", "favicon.ico", "find-fysioterapeut", "klinik", "kontakt",
        "om-nerveguide", "patientuddannelse", "privatlivspolitik", "robots.txt", "sitemap.xml",
        "soeg", "static", "symptomtjek", "tilgaengelighed",
    }  # fmt: skip


def test_the_pure_readers_default_is_the_urlconfs_list():
    """documents.SITE_PATHS is only the default without Django; it must not drift."""
    assert documents.SITE_PATHS == sitepaths.article_prefixes()


def test_pure_reader_takes_the_prefixes_it_is_given(tmp_path):
    folder = _write(tmp_path / "articles")
    _, findings = documents.read_directory(folder)
    assert _broken(findings) == ["/findes-ikke/", "/nyt-vaerktoej/"]
    _, findings = documents.read_directory(
        folder, site_paths=documents.SITE_PATHS | {"nyt-vaerktoej"}
    )
    assert _broken(findings) == ["/findes-ikke/"]


@pytest.mark.urls(__name__)
def test_a_new_apps_prefix_is_reserved_without_editing_documents(db, tmp_path):
    assert "nyt-vaerktoej" in sitepaths.reserved_prefixes()
    report = ingest_directory(_write(tmp_path / "articles"))
    assert _broken(report.findings) == ["/findes-ikke/"]


def test_check_does_not_report_links_to_the_trust_pages(tmp_path, capsys):
    assert main(["check", str(_write(tmp_path / "articles")), "--json"]) == 1
    out = capsys.readouterr().out
    assert "/findes-ikke/" in out
    assert "/kontakt/" not in out and "/om-nerveguide/" not in out


SRC = Path(__file__).resolve().parents[2]  # src/nerveguide
# A link, form or data URL written as a site path ("/emner/", "/"): it should be {% url %}.
HARD_CODED = re.compile(r'(?:href|action|data-[a-z-]+-url)="/(?!/)')


def test_templates_link_by_url_name():
    """Issue 16 §3: {% url %} everywhere, so a moved path cannot leave a dead link behind."""
    found = [
        f"{path.relative_to(SRC)}:{number}: {line.strip()[:80]}"
        for path in sorted(SRC.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if HARD_CODED.search(line) and not (path.name == "500.html" and 'href="/static/' in line)
    ]  # 500.html names its stylesheet directly: the error page must render whatever failed
    assert found == []


def test_check_and_ingest_in_process_leave_the_environment_alone(db, tmp_path, monkeypatch, capsys):
    """Regression: called in-process (as tests do), they set NERVEGUIDE_SERVES_NOTHING=1 for the
    rest of the run, so a later subprocess test of the production settings started without
    SECRET_KEY instead of refusing."""
    monkeypatch.delenv("NERVEGUIDE_SERVES_NOTHING", raising=False)
    before = dict(os.environ)
    folder = _write(tmp_path / "articles")
    assert main(["check", str(folder)]) == 1
    assert main(["ingest", str(folder)]) == 1
    assert dict(os.environ) == before


def test_an_article_cannot_take_another_pages_address(db, tmp_path):
    """/kontakt/ is the contact page (the article pattern comes last): such an article would be
    published but never reachable."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "kontakt.md").write_text(
        "---\ntitle: Kontakt\ndescription: Kort.\nreviewedBy: Fagperson\n---\nTekst.\n",
        encoding="utf-8",
    )
    (folder / "iskias.md").write_text(
        "---\ntitle: Iskias\ndescription: Kort.\nreviewedBy: Fagperson\n---\nTekst.\n",
        encoding="utf-8",
    )
    report = ingest_directory(folder)
    assert [(f.path, f.code) for f in report.findings if f.severity == "error"] == [
        ("kontakt.md", "slug-reserved")
    ]
    assert sorted(Article.objects.values_list("slug", flat=True)) == ["iskias"]
