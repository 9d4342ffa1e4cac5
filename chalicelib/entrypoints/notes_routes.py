"""Product support notes: the text a seller gives agents for each contact about a product."""
from chalice import Blueprint

from chalicelib.domain.clock import utc_now
from chalicelib.domain.wire import JsonObject
from chalicelib.entrypoints import wiring
from chalicelib.entrypoints.auth import jwt_auth
from chalicelib.entrypoints.http import json_body, mapped, require_owner

# Services, views and adapters are imported by the routes that use them (app.py says why).
bp = Blueprint(__name__)


@bp.route("/sellers/{seller_id}/products/{asin}/support-notes", methods=["PUT"], authorizer=jwt_auth)
@mapped
def put_support_note(seller_id: str, asin: str) -> JsonObject:
    from chalicelib.entrypoints import contact_views
    from chalicelib.services import support_notes

    require_owner(bp, seller_id)
    body = json_body(bp)
    return contact_views.note_view(support_notes.put_note(wiring.store(), seller_id, asin, body, utc_now()))
