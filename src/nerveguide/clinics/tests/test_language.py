"""Patient pages of the finder are plain Danish: LIX <= 40 on the main text."""

import re
from html import unescape

import pytest

from nerveguide.clinics.models import Clinic
from nerveguide.content.lix import lix

MAX_LIX = 40


def main_text(html: str) -> str:
    main = re.search(r"<main.*?>(.*)</main>", html, re.DOTALL).group(1)
    main = re.sub(r"<(script|style|form)\b.*?</\1>", " ", main, flags=re.DOTALL)
    return unescape(re.sub(r"<[^>]+>", " ", main))


@pytest.mark.parametrize(
    "url",
    [
        "/find-fysioterapeut/saadan-sorterer-vi/",
        "/find-fysioterapeut/anmeldelser/",
        "/find-fysioterapeut/",
    ],
)
def test_info_pages_are_plain_danish(client, postcodes, url):
    score = lix(main_text(client.get(url).content.decode()))
    assert score <= MAX_LIX, f"{url}: LIX {score:.0f}"


def test_review_pages_are_plain_danish(client, make_clinic):
    clinic: Clinic = make_clinic("lix")
    for url in [f"{clinic.get_absolute_url()}anmeld/", f"{clinic.get_absolute_url()}anmeld/tak/"]:
        score = lix(main_text(client.get(url).content.decode()))
        assert score <= MAX_LIX, f"{url}: LIX {score:.0f}"
