"""The seller console's page and files: public, served from a whitelist with their content types, nothing else."""
import json
import re
from html.parser import HTMLParser

import pytest

from chalicelib.entrypoints.console_routes import ASSETS, FOLDER

TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}
IMPORT = re.compile(r"""^import\s.*?from\s+["']([^"']+)["'];$""", re.MULTILINE)


class References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found += [value for name, value in attrs if name in ("src", "href") and not value.startswith("#")]


def test_the_page_is_html_served_without_a_token(client):
    response = client.http.get("/console")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "<title>Seller console" in response.body.decode()
    assert "connect-src 'self'" in response.headers["Content-Security-Policy"]


def test_each_whitelisted_file_is_served_with_its_content_type(client):
    for name in ASSETS:
        response = client.http.get(f"/console/{name}")
        assert response.status_code == 200, name
        assert response.headers["Content-Type"] == TYPES[name[name.rindex("."):]], name
        assert response.body.decode() == (FOLDER / name).read_text(encoding="utf-8")


def test_the_whitelist_is_exactly_the_files_of_the_console_folder():
    assert set(ASSETS) | {"index.html"} == {path.name for path in FOLDER.iterdir()}


def test_the_page_and_its_modules_reference_only_the_consoles_own_files(client):
    page = References()
    page.feed(client.http.get("/console").body.decode())
    assert sorted(page.found) == ["console/console.css", "console/main.js"]
    imported = {name: IMPORT.findall((FOLDER / name).read_text()) for name in ASSETS if name.endswith(".js")}
    assert len(imported["main.js"]) >= 8
    for name, modules in imported.items():
        assert all(module.startswith("./") and module[2:] in ASSETS for module in modules), (name, modules)
    for name in ASSETS:  # no script, style, font or request from another origin
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", (FOLDER / name).read_text()), name


@pytest.mark.parametrize("asset", ["nope.js", "index.html", "..%2Fapp.py", "%2e%2e%2fapp.py", "..%2F..%2Fapp.py",
                                   "..%252Fapp.py", "MAIN.JS", "main.js%00", "..", "%2Fetc%2Fpasswd", ".%2Fmain.js"])
def test_any_other_name_is_404_with_the_error_body(client, asset):
    response = client.http.get(f"/console/{asset}")
    assert response.status_code == 404
    assert json.loads(response.body)["Code"] == "NotFoundError"
    assert set(json.loads(response.body)) == {"Code", "Message"}


def test_a_path_of_two_segments_is_no_route(client):
    response = client.http.get("/console/chalicelib/app.py")
    assert (response.status_code, json.loads(response.body)["Code"]) == (404, "NotFoundError")


def test_a_token_is_neither_needed_nor_checked(client, tokens):
    for headers in ({"Authorization": "Bearer not-a-token"}, tokens.expired(), tokens.headers("S2")):
        assert client.http.get("/console", headers=headers).status_code == 200
        assert client.http.get("/console/api.js", headers=headers).status_code == 200
