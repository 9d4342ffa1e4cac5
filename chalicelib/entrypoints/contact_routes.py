"""Contact routes: the seller's list of contacts CSBA handled, and the agent's case view."""
from chalice import Blueprint

from chalicelib.domain.errors import Forbidden
from chalicelib.entrypoints.auth import jwt_auth
from chalicelib.entrypoints.http import caller, mapped, query_params, require_owner
from chalicelib.lazy import deferred

contacts = deferred("chalicelib.services.contacts")  # services, views and adapters load at the first request
contact_views = deferred("chalicelib.entrypoints.contact_views")
wiring = deferred("chalicelib.entrypoints.wiring")

bp = Blueprint(__name__)
AGENT_ROLES = ("agent", "supervisor")


@bp.route("/sellers/{seller_id}/contacts", methods=["GET"], authorizer=jwt_auth)
@mapped
def list_contacts(seller_id):
    require_owner(bp, seller_id)
    params = query_params(bp)
    return contact_views.contacts_view(seller_id, *contacts.list_contacts(wiring.store(), seller_id, params))


@bp.route("/contacts/{contact_id}", methods=["GET"], authorizer=jwt_auth)
@mapped
def get_case(contact_id):
    require_agent()
    return contact_views.case_view(contacts.case(wiring.store(), contact_id))


def require_agent() -> None:
    """Defence in depth behind the authorizer's policy: only Amazon CS agents and supervisors see cases."""
    if caller(bp).role not in AGENT_ROLES:
        raise Forbidden("only agents and supervisors may open a case")
