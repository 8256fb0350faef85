import json
import re

import pytest

from nerveguide.content.ingest import ingest_directory
from nerveguide.content.models import Article, Passage
from nerveguide.content.signals import content_changed


def json_ld(html: str) -> list[dict]:
    return [
        json.loads(m)
        for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    ]


def test_article_page(client, ingested):
    response = client.get("/rodtryk-i-laenden/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Rodtryk i lænden – tegn, råd og hjælp – nerveguide</title>" in html
    assert "<h1>Rodtryk i lænden</h1>" in html
    assert 'href="#hvordan-foeles-det"' in html  # table of contents
    assert '<h3 id="gaar-det-over-af-sig-selv">' in html  # FAQ anchor
    assert "2. november 2029" in html and "Næste gennemgang" in html  # Danish dates
    assert 'href="/oevelser-for-laenden/">Øvelser for lænden</a>' in html  # related
    assert 'href="tel:+4570113131"' in html  # lægevagten in the care card
    assert '<link rel="canonical" href="http://127.0.0.1:8000/rodtryk-i-laenden/">' in html
    assert 'property="og:title"' in html and "Testkilde om ryg og nerver" in html
    assert 'aria-label="Brødkrummesti"' in html


def test_json_ld_without_nonce(client, ingested):
    first = client.get("/rodtryk-i-laenden/")
    second = client.get("/rodtryk-i-laenden/")  # served from the page cache
    for response in (first, second):
        assert "nonce" not in response["Content-Security-Policy"]
        assert "nonce" not in response.content.decode()
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
    page, faq = json_ld(first.content.decode())
    assert page["@type"] == "MedicalWebPage" and page["about"]["@type"] == "MedicalCondition"
    assert (
        page["lastReviewed"] == "2026-11-02"
        and page["medicalAudience"]["audienceType"] == "Patient"
    )
    assert page["reviewedBy"]["name"].startswith("Testredaktionen")
    assert faq["@type"] == "FAQPage"
    assert [q["name"] for q in faq["mainEntity"]] == ["Går det over af sig selv?", "Må jeg gå tur?"]


def test_unknown_and_unpublished_articles_are_404(client, ingested):
    assert client.get("/findes-ikke/").status_code == 404
    Article.objects.filter(slug="oevelser-for-laenden").update(is_published=False)
    assert client.get("/oevelser-for-laenden/").status_code == 404


def test_topics_page_groups_patient_and_clinician_articles(client, ingested):
    html = client.get("/emner/").content.decode()
    assert ">tilstande</h2>" in html and ">egenomsorg</h2>" in html
    fagfolk = html.split('id="fagfolk"')[1]
    assert "Nerverodspåvirkning – klinisk overblik" in fagfolk
    assert "Øvelser for lænden" not in fagfolk


def test_sitemap_lists_articles(client, ingested):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/rodtryk-i-laenden/</loc>" in xml and "<lastmod>2026-11-02</lastmod>" in xml


def test_api_list_and_detail(client, ingested):
    listing = client.get("/api/articles/").json()
    assert {a["slug"] for a in listing} == {
        "rodtryk-i-laenden",
        "oevelser-for-laenden",
        "nerverod-fagligt",
    }
    assert client.get("/api/articles/?audience=clinician").json()[0]["url"] == "/nerverod-fagligt/"
    detail = client.get("/api/articles/rodtryk-i-laenden").json()
    assert detail["faq"][0]["anchor"] == "gaar-det-over-af-sig-selv"
    assert detail["next_review"] == "2029-11-02"
    assert client.get("/api/articles/findes-ikke").status_code == 404


def test_passages_stored(ingested):
    article = Article.objects.get(slug="rodtryk-i-laenden")
    kinds = list(Passage.objects.filter(article=article).values_list("kind", flat=True))
    assert kinds == ["intro", "section", "section", "faq", "faq"]
    assert article.faq[1]["answer_html"] == "<p>Ja. Korte ture hjælper tit.</p>\n"


def test_ingest_is_idempotent_and_signals_only_changes(ingested):
    received = []

    def receiver(sender, report, **kwargs):
        received.append(report)

    content_changed.connect(receiver)
    try:
        report = ingest_directory(ingested)
        assert (report.changes, report.unchanged) == (0, 3)
        assert received == []
        path = ingested / "oevelser-for-laenden.md"
        path.write_text(path.read_text().replace("Gå ti minutter", "Gå et kvarter"))
        report = ingest_directory(ingested)
        assert report.updated == ["oevelser-for-laenden"] and len(received) == 1
    finally:
        content_changed.disconnect(receiver)


def test_new_version_is_served_after_ingest(client, ingested):
    assert "Øvelser for lænden" in client.get("/oevelser-for-laenden/").content.decode()
    path = ingested / "oevelser-for-laenden.md"
    path.write_text(
        path.read_text().replace("title: Øvelser for lænden", "title: Tre øvelser for lænden")
    )
    ingest_directory(ingested)
    assert (
        "<h1>Tre øvelser for lænden</h1>" in client.get("/oevelser-for-laenden/").content.decode()
    )


def test_broken_file_keeps_last_good_version(client, ingested):
    path = ingested / "oevelser-for-laenden.md"
    path.write_text(
        path.read_text()
        .replace("datePublished: 2026-10-01", "datePublished: 45/45/2026")
        .replace("title: Øvelser for lænden", "title: Ny titel")
    )
    report = ingest_directory(ingested)
    assert report.kept == ["oevelser-for-laenden"] and report.errors == 1
    assert Article.objects.get(slug="oevelser-for-laenden").title == "Øvelser for lænden"
    assert client.get("/oevelser-for-laenden/").status_code == 200


def test_file_with_errors_is_never_published(ingested):
    (ingested / "ny.md").write_text("---\ntitle: Ny\n---\nSe [denne](/findes-ikke/).\n")
    report = ingest_directory(ingested)
    assert report.errors == 1 and not Article.objects.filter(slug="ny").exists()


def test_removed_file_is_unpublished(client, ingested):
    (ingested / "nerverod-fagligt.md").unlink()
    report = ingest_directory(ingested)
    assert report.unpublished == ["nerverod-fagligt"]
    assert client.get("/nerverod-fagligt/").status_code == 404
    assert Article.objects.filter(slug="nerverod-fagligt").exists()  # kept, so it can come back


@pytest.mark.django_db
def test_front_page_still_served(client):
    assert client.get("/").status_code == 200


def test_cached_page_middleware_replays_the_same_bytes(client, ingested):
    first = client.get("/oevelser-for-laenden/")
    second = client.get("/oevelser-for-laenden/")
    assert second.content == first.content  # no nonce: the same page for every visitor
    assert second["Cache-Control"] == first["Cache-Control"] == "public, max-age=60, s-maxage=60"
    assert second["X-Frame-Options"] == "DENY" and second["Content-Type"].startswith("text/html")
    assert int(second["Content-Length"]) == len(second.content)
    assert client.get("/findes-ikke/").status_code == 404
    assert client.get("/findes-ikke/").status_code == 404  # a 404 is never cached as a page


def test_admin_is_read_mostly(admin_client, ingested):
    article = Article.objects.get(slug="rodtryk-i-laenden")
    page = admin_client.get(f"/admin/content/article/{article.pk}/change/").content.decode()
    assert "nerveguide ingest" in page
    assert 'name="title"' not in page and 'name="is_published"' in page
    assert admin_client.get("/admin/content/article/add/").status_code == 403


def test_reviewer_line_only_names_a_reviewer_that_is_set(client, ingested):
    reviewed = client.get("/rodtryk-i-laenden/").content.decode()
    assert "Fagligt gennemgået af Testredaktionen (fysioterapeut)" in reviewed
    assert "Endnu ikke fagligt gennemgået" not in reviewed
    pending = client.get(
        "/oevelser-for-laenden/"
    ).content.decode()  # no reviewedBy in its front matter
    assert "Endnu ikke fagligt gennemgået." in pending
    assert "Fagligt gennemgået af" not in pending
    page = json_ld(pending)[0]
    assert "reviewedBy" not in page and "lastReviewed" not in page
