"""docs/openapi.yaml documents exactly the routes of app.py, and every response the API gives matches it."""
import json
from pathlib import Path

import yaml
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate as validate_document

from tests.support import scenario

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


def load() -> dict:
    return yaml.safe_load(DOCUMENT.read_text())


def test_the_document_is_valid_openapi():
    validate_document(load())


def test_the_document_has_every_route_of_the_app_and_no_other():
    import app

    in_app = {(path, method.upper()) for path, methods in app.app.routes.items() for method in methods}
    documented = {(path, method.upper()) for path, item in load()["paths"].items() for method in item
                  if method in METHODS}
    missing, extra = sorted(in_app - documented), sorted(documented - in_app)
    assert not missing and not extra, (f"in app.py but not in {DOCUMENT.name}: {missing}; "
                                       f"in {DOCUMENT.name} but not in app.py: {extra}")


def test_only_health_the_identifier_and_the_console_page_are_public():
    document = load()
    public = {path for path, item in document["paths"].items() for method, op in item.items()
              if method in METHODS and op.get("security", document["security"]) == []}
    # The console's page and files are static; every API call the page makes carries the seller's token.
    assert public == {"/health", "/identifier/{marketplace_id}/{seller_id}", "/console", "/console/{asset}"}


def test_every_response_matches_its_documented_status_body_and_headers(client, tokens, store):
    document = load()
    scenario.run_handlers(client, store)
    responses = scenario.api_handler(client, tokens)
    for method, path, headers, body, status in scenario.refusals(tokens):
        response = scenario.send(client, method, path, headers, body)
        assert response.status_code == status, (method, path, response.body)
        responses.append((method, path, response))
    for method, path, response in responses:
        template = scenario.has_route(method, path)
        if template is None:
            continue  # reported by the route test
        documented = document["paths"][template][method.lower()]["responses"]
        assert str(response.status_code) in documented, f"{method} {path} answers {response.status_code}"
        spec = _resolved(document, documented[str(response.status_code)])
        ref = spec["content"]["application/json"]["schema"]["$ref"]
        OAS31Validator({**document, "$ref": ref}).validate(json.loads(response.body))
        for name, header in spec.get("headers", {}).items():
            assert response.headers.get(name) == header["schema"]["const"], (method, path, name)


def _resolved(document: dict, node: dict) -> dict:
    """A response object, following its "$ref": "#/components/responses/..." if it has one."""
    if "$ref" not in node:
        return node
    target = document
    for part in node["$ref"].removeprefix("#/").split("/"):
        target = target[part]
    return target
