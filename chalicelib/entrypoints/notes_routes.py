"""Product support notes: the text a seller gives agents for each contact about a product."""
from chalice import Blueprint

from chalicelib.domain.clock import utc_now
from chalicelib.entrypoints.auth import jwt_auth
from chalicelib.entrypoints.http import json_body, mapped, require_owner
from chalicelib.lazy import deferred

support_notes = deferred("chalicelib.services.support_notes")  # services, views and adapters load at the first request
contact_views = deferred("chalicelib.entrypoints.contact_views")
wiring = deferred("chalicelib.entrypoints.wiring")

bp = Blueprint(__name__)


@bp.route("/sellers/{seller_id}/products/{asin}/support-notes", methods=["PUT"], authorizer=jwt_auth)
@mapped
def put_support_note(seller_id, asin):
    require_owner(bp, seller_id)
    body = json_body(bp)
    return contact_views.note_view(support_notes.put_note(wiring.store(), seller_id, asin, body, utc_now()))
