"""Contact routes: the seller's list of contacts CSBA handled, and the agent's case view."""
from chalice import Blueprint

from chalicelib.domain.identity import STAFF
from chalicelib.domain.wire import JsonObject
from chalicelib.entrypoints import wiring
from chalicelib.entrypoints.auth import jwt_auth
from chalicelib.entrypoints.http import caller, mapped, query_params, require_owner

# Services, views and adapters are imported by the routes that use them (app.py says why).
bp = Blueprint(__name__)


@bp.route("/sellers/{seller_id}/contacts", methods=["GET"], authorizer=jwt_auth)
@mapped
def list_contacts(seller_id: str) -> JsonObject:
    from chalicelib.entrypoints import contact_views
    from chalicelib.services import contacts

    require_owner(bp, seller_id)
    params = query_params(bp)
    return contact_views.contacts_view(seller_id, *contacts.list_contacts(wiring.store(), seller_id, params))


@bp.route("/contacts/{contact_id}", methods=["GET"], authorizer=jwt_auth)
@mapped
def get_case(contact_id: str) -> JsonObject:
    from chalicelib.entrypoints import contact_views
    from chalicelib.services import contacts

    caller(bp).require(STAFF)  # defence in depth: only Amazon CS agents and supervisors see cases
    return contact_views.case_view(contacts.case(wiring.store(), contact_id))
