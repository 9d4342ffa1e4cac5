"""The seller console: a static page and its assets, served by the app itself (public; the page's API calls carry
the seller's token).

Only the files named in ASSETS are served, looked up by exact name, so no path a caller sends can reach another
file. Files are read when requested, which keeps this module free of work at import.
"""
from pathlib import Path

from chalice import Blueprint, Response

from chalicelib.domain.errors import NotFound
from chalicelib.entrypoints.http import mapped

bp = Blueprint(__name__)
FOLDER = Path(__file__).resolve().parent.parent / "console"
JS, CSS = "text/javascript; charset=utf-8", "text/css; charset=utf-8"
ASSETS = {"console.css": CSS, "api.js": JS, "format.js": JS, "session.js": JS, "enrolment.js": JS, "report.js": JS,
          "invoices.js": JS, "corrections.js": JS, "contacts.js": JS, "dom.js": JS, "main.js": JS, "inbox.js": JS,
          "profile.js": JS, "performance.js": JS, "insights.js": JS, "trends.js": JS}
# The page talks to its own origin only: no script, style or request goes anywhere else.
HEADERS = {"Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                                      "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
           "X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}


@bp.route("/console", methods=["GET"])
def console_page() -> Response:
    return _file("index.html", "text/html; charset=utf-8")


@bp.route("/console/{asset}", methods=["GET"])
@mapped
def console_asset(asset: str) -> Response:
    if asset not in ASSETS:
        raise NotFound(f"the console has no file {asset!r}")
    return _file(asset, ASSETS[asset])


def _file(name: str, content_type: str) -> Response:
    return Response(body=(FOLDER / name).read_text(encoding="utf-8"), status_code=200,
                    headers={"Content-Type": content_type, **HEADERS})
