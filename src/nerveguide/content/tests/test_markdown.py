from html.parser import HTMLParser

from nerveguide.content.lix import counts, lix
from nerveguide.content.markdown import render_article, render_markdown
from nerveguide.danish.slugs import AnchorMaker, slugify


def test_slugs_keep_danish_words_readable():
    assert slugify("øvelser for lænden") == "oevelser-for-laenden"
    assert slugify("Hvornår skal jeg søge hjælp?") == "hvornaar-skal-jeg-soege-hjaelp"
    assert slugify("Æble – Øre/Å") == "aeble-oere-aa"
    assert slugify("Café Ü") == "cafe-u"
    assert slugify("!!!") == ""


def test_anchors_are_unique_per_document():
    make = AnchorMaker()
    assert [make("Spørgsmål"), make("Spørgsmål"), make("?")] == [
        "spoergsmaal",
        "spoergsmaal-2",
        "afsnit",
    ]


def test_heading_ids_and_toc():
    rendered = render_article(
        "Intro.\n\n## Hvad er rodtryk?\n\nTekst.\n\n### Må jeg løbe?\n\nJa.\n"
    )
    assert '<h2 id="hvad-er-rodtryk">Hvad er rodtryk?</h2>' in rendered.html
    assert [e["anchor"] for e in rendered.toc] == ["hvad-er-rodtryk", "maa-jeg-loebe"]


def test_raw_html_and_scripts_are_inert():
    html = render_markdown(
        '<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\n'
        "[klik](javascript:alert(1)) [data](data:text/html,hi)\n"
    )
    assert "<script" not in html and "<img" not in html
    assert "&lt;img src=x onerror=" in html  # the handler survives only as visible text
    assert 'href="javascript' not in html and 'href="data' not in html
    assert "&lt;script&gt;" in html  # shown as text


def attributes(html: str) -> list[tuple[str, str, str | None]]:
    """(tag, attribute, value) for every attribute the browser would see."""
    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend((tag, name, value) for name, value in attrs)

    Collector().feed(html)
    return found


def test_no_event_handlers_or_script_urls_survive():
    html = render_markdown(
        '![a](/x.png "t\\" onerror=\\"alert(1)")\n\n<a href="javascript:x" onclick="y">z</a>\n\n'
        "[x](JaVaScRiPt:alert(1)) [y](vbscript:z) <javascript:alert(1)>\n"
    )
    for tag, name, value in attributes(html):
        assert not name.startswith("on")
        assert not (value or "").lower().startswith(("javascript", "vbscript", "data"))


def test_tables_render_without_inline_styles():
    html = render_markdown("| a | b |\n|--:|---|\n| 1 | 2 |\n")
    assert "<table>" in html and "style=" not in html


def test_care_cards_get_heading_and_numbers():
    html = render_markdown("::: akut\nRing nu, hvis du\n- ikke kan tisse\n:::\n")
    assert '<aside class="care-card care-card--akut"' in html
    assert '<p class="care-card__heading">Ring nu, hvis du</p>' in html
    assert 'href="tel:112"' in html and 'href="tel:1813"' in html and "70 11 31 31" in html


def test_laege_card_has_numbers_and_physio_card_has_none():
    laege = render_markdown("::: laege\nKontakt lægen i dag\n:::\n")
    physio = render_markdown("::: fysioterapeut\nBestil tid\n:::\n")
    assert "care-card--laege" in laege and "tel:+4570150300" in laege
    assert "care-card--fysioterapeut" in physio and "tel:" not in physio


def test_lix_counts_sentences_words_and_long_words():
    assert counts("Jeg har ondt. Det går over.") == (6, 2, 0)
    assert counts("Rygsmerter forsvinder\nEn linje uden punktum") == (6, 2, 3)
    assert lix("") is None
    assert round(lix("Fysioterapeuten undersøger nerverødderne grundigt."), 1) == 4 + 100 * 4 / 4


def test_only_the_first_line_of_a_care_card_is_its_heading():
    html = render_markdown("::: laege\nKontakt lægen i dag, hvis\ndu har **feber** og ondt.\n:::\n")
    assert (
        '<p class="care-card__heading">Kontakt lægen i dag, hvis</p>\n<p>du har <strong>feber</strong> og ondt.</p>'
        in html
    )


def test_laege_i_dag_card_is_its_own_level_with_numbers_and_label():
    html = render_markdown("::: laege-i-dag\nRing til lægen i dag, hvis\n- du går usikkert.\n:::\n")
    assert (
        '<aside class="care-card care-card--laege_i_dag" aria-label="Kontakt lægen i dag">' in html
    )
    assert '<p class="care-card__heading">Ring til lægen i dag, hvis</p>' in html
    assert "tel:1813" in html


def test_laege_card_is_labelled_within_days_and_not_confused_with_today():
    html = render_markdown(
        "::: laege\nBestil tid hos lægen, hvis\n- det langsomt bliver værre.\n:::\n"
    )
    assert 'class="care-card care-card--laege" aria-label="Kontakt lægen inden for få dage"' in html
    assert "laege_i_dag" not in html
