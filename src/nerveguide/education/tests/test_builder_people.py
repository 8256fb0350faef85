"""Issue 14: the handout builder as a physiotherapist starts it – exercises that fit the region,
saved templates before the form."""

import pytest

from nerveguide.education.handout import HandoutError, build_handout


def test_a_neck_exercise_on_a_low_back_handout_is_refused_with_advice():
    with pytest.raises(HandoutError) as caught:
        build_handout({"region": "laend", "exercises": ["baekkenkip", "hagetraek"]})
    (message,) = caught.value.errors["exercises"]
    assert message == (
        "Hagetræk er en øvelse til nakke, men materialet handler om lænden. "
        "Fjern øvelsen, eller vælg det andet område."
    )


@pytest.mark.parametrize("region", ["laend", "nakke"])
def test_an_exercise_for_both_regions_fits_either(region):
    assert build_handout({"region": region, "exercises": ["gaaplan"]}).exercises


@pytest.mark.django_db
def test_builder_shows_the_mismatch_next_to_the_exercises(client):
    response = client.post(
        "/patientuddannelse/udskrift/",
        {
            "submitted": "1",
            "region": "nakke",
            "version": "fuld",
            "duration": "akut",
            "exercises": ["baekkenkip"],
        },
    )
    html = response.content.decode()
    assert "men materialet handler om nakken" in html


@pytest.mark.django_db
def test_saved_templates_come_before_the_form_and_exercises_name_their_regions(client):
    html = client.get("/patientuddannelse/").content.decode()
    assert html.index('id="handout-templates"') < html.index('id="handout-form"')
    assert html.index('id="handout-templates"') < html.index("Hent PDF")
    assert 'id="felt-dose-hagetraek" data-regions="nakke"' in html
    assert 'id="felt-dose-gaaplan" data-regions="laend nakke"' in html
