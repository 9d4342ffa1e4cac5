"""A seller's invoices: the list (filter by marketplace and month) and one invoice."""
from chalice import Blueprint

from chalicelib.domain.wire import JsonObject
from chalicelib.entrypoints import wiring
from chalicelib.entrypoints.auth import jwt_auth
from chalicelib.entrypoints.http import mapped, query_params, require_owner

# Services, views and adapters are imported by the routes that use them (app.py says why).
bp = Blueprint(__name__)


@bp.route("/sellers/{seller_id}/invoices", methods=["GET"], authorizer=jwt_auth)
@mapped
def list_invoices(seller_id: str) -> JsonObject:
    from chalicelib.services import invoices

    require_owner(bp, seller_id)
    found = invoices.list_invoices(wiring.store(), seller_id, query_params(bp))
    return {"seller_id": seller_id, "invoices": [document.to_wire() for document in found]}


@bp.route("/sellers/{seller_id}/invoices/{invoice_id}", methods=["GET"], authorizer=jwt_auth)
@mapped
def get_invoice(seller_id: str, invoice_id: str) -> JsonObject:
    from chalicelib.services import invoices

    require_owner(bp, seller_id)
    return invoices.get_invoice(wiring.store(), seller_id, invoice_id).to_wire()
