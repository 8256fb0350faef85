"""Issue 14: the site as patients use it – tap-to-call numbers, the urgent card, trust pages."""

import re

import pytest

from nerveguide.content.markdown import render_markdown
from nerveguide.danish.contacts import laegevagt_contacts

TRUST_PAGES = {
    "/om-nerveguide/": "Om nerveguide",
    "/kontakt/": "Kontakt",
    "/privatlivspolitik/": "Privatlivspolitik",
    "/tilgaengelighed/": "Tilgængelighedserklæring",
}


def tel_links(html: str) -> list[str]:
    return re.findall(r'href="(tel:[^"]+)"', html)


@pytest.mark.django_db
def test_front_page_urgent_card_shows_every_number_as_a_tel_link(client):
    html = client.get("/").content.decode()
    card = html[html.index('id="akut-hjaelp"') : html.index("</aside>")]
    assert tel_links(card) == [
        "tel:112",
        "tel:1813",
        "tel:1818",
        "tel:+4570150300",
        "tel:+4570113131",
        "tel:+4570110707",
    ]
    assert "hvornaar-skal-jeg-soege-hjaelp" not in card  # the numbers, not a link to a table
    assert 'name="postnummer"' in card


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("postcode", "href", "region"),
    [
        ("8000", "tel:+4570113131", "Region Midtjylland"),
        ("2100", "tel:1813", "Region Hovedstaden"),
        ("4700", "tel:1818", "Region Sjælland"),
        (" 9000 Aalborg", "tel:+4570150300", "Region Nordjylland"),
    ],
)
def test_postcode_narrows_the_urgent_card_to_one_lægevagt(client, postcode, href, region):
    html = client.get("/", {"postnummer": postcode}).content.decode()
    card = html[html.index('id="akut-hjaelp"') : html.index("</aside>")]
    assert tel_links(card) == ["tel:112", href]
    assert region in card


@pytest.mark.django_db
@pytest.mark.parametrize("postcode", ["9999", "abc", "0000", "<script>", "8" * 300])
def test_unknown_postcode_says_so_and_shows_all_numbers(client, postcode):
    response = client.get("/", {"postnummer": postcode})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vi kender ikke postnummeret" in html
    assert "<script>" not in html[html.index('id="akut-hjaelp"') :]
    card = html[html.index('id="akut-hjaelp"') : html.index("</aside>")]
    assert len(tel_links(card)) == 1 + len(laegevagt_contacts())


@pytest.mark.django_db
def test_footer_has_112_the_way_to_the_numbers_and_trust_pages_but_no_api(client):
    html = client.get("/emner/").content.decode()
    footer = html[html.index("<footer") :]
    assert tel_links(footer) == ["tel:112"]
    # The lægevagt numbers are on the front page's urgent card, as tel: links, not in a table.
    assert 'href="/#akut-hjaelp"' in footer
    for path in TRUST_PAGES:
        assert f'href="{path}"' in footer
    assert "/api/" not in footer
    assert "#laegevagten-i-din-region" not in footer


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "title"), TRUST_PAGES.items())
def test_trust_pages(client, path, title):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html


@pytest.mark.django_db
def test_privacy_page_is_truthful_about_what_is_kept(client):
    html = client.get("/privatlivspolitik/").content.decode()
    assert "Dine svar i symptomtjekket bliver ikke gemt" in html
    # deploy/nginx/nerveguide.conf logs $uri without the query string, so no search text.
    assert "adgangslog" in html.lower() and "Vi gemmer ikke søgeteksten" in html
    assert "csrftoken" in html and "sessionid" in html


@pytest.mark.django_db
def test_api_docs_are_linked_from_the_about_page(client):
    assert 'href="/api/docs"' in client.get("/om-nerveguide/").content.decode()


@pytest.mark.django_db
def test_favicon_and_theme_colour(client):
    html = client.get("/").content.decode()
    assert '<meta name="theme-color" content="#005a70">' in html
    assert 'rel="icon" href="/static/favicon.svg"' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"


def test_care_numbers_in_article_text_and_tables_become_tel_links():
    html = render_markdown(
        "| Region | Telefon |\n|---|---|\n| Region Hovedstaden | Akuttelefonen 1813 |\n"
        "| Region Midtjylland | 70 11 31 31 |\n\nRing 112, hvis det er livstruende.\n"
    )
    assert '<a href="tel:1813">1813</a>' in html
    assert '<a href="tel:+4570113131">70 11 31 31</a>' in html
    assert '<a href="tel:112">112</a>' in html


@pytest.mark.parametrize(
    "text", ["11813 og 21 70 11 31 31 99", "11213", "+1813", "[ring](tel:1813) 1121"]
)
def test_only_whole_care_numbers_outside_links_are_linked(text):
    html = render_markdown(text)
    assert len(tel_links(html)) == text.count("](tel:")


def test_headings_keep_plain_numbers():
    assert "tel:" not in render_markdown("## Ring 112")


@pytest.mark.django_db
def test_trust_pages_are_in_the_sitemap(client):
    xml = client.get("/sitemap.xml").content.decode()
    for path in TRUST_PAGES:
        assert f"{path}</loc>" in xml
