"""Refund routes for CS agents (create, read) and supervisors (approve as well)."""
from chalice import Blueprint, Response

from chalicelib.domain.clock import utc_now
from chalicelib.domain.errors import Forbidden
from chalicelib.domain.refunds import ISSUED
from chalicelib.entrypoints import wiring
from chalicelib.entrypoints.auth import jwt_auth
from chalicelib.entrypoints.http import caller, json_body, mapped
from chalicelib.entrypoints.refund_request import parse_refund_request
from chalicelib.entrypoints.views import refund_view
from chalicelib.services import refunds

bp = Blueprint(__name__)
AGENTS = ("agent", "supervisor")


@bp.route("/refunds", methods=["POST"], authorizer=jwt_auth)
@mapped
def request_refund():
    who = _require(AGENTS)
    refund = refunds.request_refund(wiring.store(), wiring.publisher(), parse_refund_request(json_body(bp)),
                                    who.sub, utc_now())
    return Response(body=refund_view(refund), status_code=201 if refund.status == ISSUED else 202)


@bp.route("/refunds/{refund_id}", methods=["GET"], authorizer=jwt_auth)
@mapped
def get_refund(refund_id):
    _require(AGENTS)
    return refund_view(refunds.get_refund(wiring.store(), refund_id))


@bp.route("/refunds/{refund_id}/approve", methods=["POST"], authorizer=jwt_auth)
@mapped
def approve_refund(refund_id):
    who = _require(("supervisor",))
    return refund_view(refunds.approve(wiring.store(), wiring.publisher(), refund_id, who.sub, utc_now()))


def _require(roles: tuple[str, ...]):
    """Defence in depth behind the authorizer's policy."""
    who = caller(bp)
    if who.role not in roles:
        raise Forbidden(f"this route is for {' or '.join(roles)} tokens")
    return who
