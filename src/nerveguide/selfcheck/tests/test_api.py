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
    assert (
        post_json(client, "/api/selfcheck/", {"saddle_anaesthesia": None}).json()["level"]
        == "laege_i_dag"
    )


@pytest.mark.parametrize(
    "body", [{"feber": True}, {"fever": "ja"}, {"duration_weeks": -1}, {"radiation": "hoved"}]
)
def test_bad_answers_are_rejected(client, body):
    assert post_json(client, "/api/selfcheck/", body).status_code == 422


def test_text_endpoint(client):
    response = post_json(
        client, "/api/selfcheck/text", {"text": "Jeg kan ikke mærke noget i skridtet."}
    )
    body = response.json()
    assert body["level"] == "akut"
    assert body["findings"][0]["key"] == "saddle_anaesthesia"
    assert "bladder_bowel" in body["unasked"]


def test_get_is_not_allowed_and_schema_lists_the_endpoints(client):
    assert client.get("/api/selfcheck/").status_code == 405
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "post" in paths["/api/selfcheck/"] and "post" in paths["/api/selfcheck/text"]


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ('{"weakness": null}', "weakness"),  # null only for yes/no keys
        ('{"region": null}', "region"),
        ('{"fever": false, "fever": true}', "fever"),  # duplicate keys: the last used to win
        ("{}", "answers"),  # no answer at all: never a confident self-care result
    ],
)
def test_structured_input_that_would_be_guessed_is_rejected(client, raw, key):
    response = client.post("/api/selfcheck/", raw, content_type="application/json")
    assert response.status_code == 422
    assert key in {item["loc"][-1] for item in response.json()["detail"]}


def test_text_result_is_provisional_while_warning_signs_are_unasked(client):
    body = post_json(client, "/api/selfcheck/text", {"text": "Ondt i lænden i to uger."}).json()
    assert body["provisional"] is True and "saddle_anaesthesia" in body["unasked"]
    assert body["level"] == "egenomsorg"


def test_a_century_of_pain_is_clamped_not_a_500(client):
    # issue 10 item 4: the reader extracted a duration the rules engine rejected
    response = post_json(client, "/api/selfcheck/text", {"text": "ondt i lænden i 101 år"})
    assert response.status_code == 200
    assert response.json()["answers"]["duration_weeks"] == 5200


def test_the_answers_schema_follows_the_rules_file(tmp_path):
    import yaml

    from nerveguide.selfcheck import api, engine

    data = yaml.safe_load(engine.RULES_FILE.read_text(encoding="utf-8"))
    data["keys"]["dizziness"] = {"type": "bool", "default": False}
    data["keys"]["side"] = {"type": "choice", "values": ["venstre", "hoejre"], "default": "venstre"}
    copy = tmp_path / "rules.yaml"
    copy.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    schema = api.answers_schema(engine.load_rules(copy)).model_json_schema()
    assert {"dizziness", "side", "fever"} <= set(schema["properties"])
    assert schema["properties"]["side"]["enum"] == ["venstre", "hoejre"]
    assert set(api.Answers.model_json_schema()["properties"]) == set(engine.ruleset().keys)
