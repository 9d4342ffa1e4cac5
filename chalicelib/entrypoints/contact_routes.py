"""Contact routes: the seller's list of contacts CSBA handled, and the agent's case view."""
from chalice import Blueprint

from chalicelib.domain.errors import Forbidden
from chalicelib.entrypoints import wiring
from chalicelib.entrypoints.auth import jwt_auth
from chalicelib.entrypoints.http import caller, mapped, query_params, require_owner

# Services, views and adapters are imported by the routes that use them (app.py says why).
bp = Blueprint(__name__)
AGENT_ROLES = ("agent", "supervisor")


@bp.route("/sellers/{seller_id}/contacts", methods=["GET"], authorizer=jwt_auth)
@mapped
def list_contacts(seller_id):
    from chalicelib.entrypoints import contact_views
    from chalicelib.services import contacts

    require_owner(bp, seller_id)
    params = query_params(bp)
    return contact_views.contacts_view(seller_id, *contacts.list_contacts(wiring.store(), seller_id, params))


@bp.route("/contacts/{contact_id}", methods=["GET"], authorizer=jwt_auth)
@mapped
def get_case(contact_id):
    from chalicelib.entrypoints import contact_views
    from chalicelib.services import contacts

    require_agent()
    return contact_views.case_view(contacts.case(wiring.store(), contact_id))


def require_agent() -> None:
    """Defence in depth behind the authorizer's policy: only Amazon CS agents and supervisors see cases."""
    if caller(bp).role not in AGENT_ROLES:
        raise Forbidden("only agents and supervisors may open a case")
