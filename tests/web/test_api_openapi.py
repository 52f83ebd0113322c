"""The OpenAPI description matches the API the app serves."""

from __future__ import annotations

import re

from cafe.domain import api_tokens, users
from cafe.domain.actors import Actor
from tests.exports.factories import small_world


def test_the_description_is_public_and_openapi_3(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"].startswith("3.")
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_every_described_path_is_served(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    routes = {
        re.sub(r"<(?:int:)?(\w+)>", r"{\1}", rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1")
    }
    described = {"/api/v1" + path for path in document["paths"]}
    assert described == routes


def _check(value, schema, schemas) -> None:
    """A small validator for the parts of JSON Schema the description uses."""
    if "$ref" in schema:
        _check(value, schemas[schema["$ref"].rsplit("/", 1)[1]], schemas)
        return
    if value is None:
        assert schema.get("nullable"), schema
        return
    kind = schema.get("type")
    if kind == "object":
        assert isinstance(value, dict)
        for key in schema.get("required", []):
            assert key in value, key
        for key, item in value.items():
            inner = schema.get("properties", {}).get(key) or schema.get(
                "additionalProperties"
            )
            if isinstance(inner, dict):
                _check(item, inner, schemas)
    elif kind == "array":
        assert isinstance(value, list)
        for item in value:
            _check(item, schema["items"], schemas)
    elif kind == "string":
        assert isinstance(value, str)
        assert value in schema.get("enum", [value])
    elif kind == "integer":
        assert isinstance(value, int)
    elif "oneOf" in schema:
        assert isinstance(value, int | float | str)


def test_a_summary_answer_fits_the_described_schema(client, store):
    world = small_world(store)
    user = users.create_user(
        store, "c@example.org", "correct horse battery", "commissioner"
    )
    _, secret = api_tokens.create_token(store, Actor.staff(user), "Board")
    store.commit()
    document = client.get("/api/v1/openapi.json").get_json()
    schemas = document["components"]["schemas"]
    for url in (
        f"/api/v1/events/{world.closed.id}/summary",
        f"/api/v1/sessions/{world.live.id}/summary",
        f"/api/v1/series/{world.series.id}/summary",
    ):
        body = client.get(url, headers={"Authorization": f"Bearer {secret}"}).get_json()
        _check(body, {"$ref": "#/components/schemas/Summary"}, schemas)
    error = client.get(url).get_json()
    _check(error, {"$ref": "#/components/schemas/Error"}, schemas)
