import json

import pytest

pytestmark = pytest.mark.django_db


def post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_answers_give_level_reasons_and_rules(client):
    response = post_json(client, "/api/selfcheck/", {"radiation": "begge_ben", "fever": False})
    assert response.status_code == 200
    body = response.json()
    assert body["level"] == "akut" and body["rules"] == ["both_legs"] and body["reasons"]
    assert "no-store" in response["Cache-Control"]


def test_ved_ikke_is_null(client):
    assert post_json(client, "/api/selfcheck/", {"saddle_anaesthesia": None}).json()["level"] == "laege_i_dag"


@pytest.mark.parametrize("body", [{"feber": True}, {"fever": "ja"}, {"duration_weeks": -1}, {"radiation": "hoved"}])
def test_bad_answers_are_rejected(client, body):
    assert post_json(client, "/api/selfcheck/", body).status_code == 422


def test_text_endpoint(client):
    response = post_json(client, "/api/selfcheck/text", {"text": "Jeg kan ikke mærke noget i skridtet."})
    body = response.json()
    assert body["level"] == "akut"
    assert body["findings"][0]["key"] == "saddle_anaesthesia"
    assert "bladder_bowel" in body["unasked"]


def test_get_is_not_allowed_and_schema_lists_the_endpoints(client):
    assert client.get("/api/selfcheck/").status_code == 405
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "post" in paths["/api/selfcheck/"] and "post" in paths["/api/selfcheck/text"]
