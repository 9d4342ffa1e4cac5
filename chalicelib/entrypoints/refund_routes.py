"""Refund routes for CS agents (create, read) and supervisors (approve as well)."""
from datetime import datetime
from typing import TYPE_CHECKING

from aws_lambda_powertools import Logger
from chalice import Blueprint, Response

from chalicelib.domain.clock import utc_now
from chalicelib.domain.identity import STAFF, SUPERVISORS
from chalicelib.domain.wire import JsonObject
from chalicelib.entrypoints import wiring
from chalicelib.entrypoints.auth import jwt_auth
from chalicelib.entrypoints.http import caller, json_body, mapped
from chalicelib.entrypoints.observability import count

if TYPE_CHECKING:
    from chalicelib.domain.refunds import Refund

# Services, views and adapters are imported by the routes that use them (app.py says why).
bp = Blueprint(__name__)
logger = Logger(child=True)


@bp.route("/refunds", methods=["POST"], authorizer=jwt_auth)
@mapped
def request_refund() -> Response:
    from chalicelib.domain import refunds as refund_rules
    from chalicelib.entrypoints import refund_request, views
    from chalicelib.services import refunds

    who, request, now = caller(bp).require(STAFF), refund_request.parse_refund_request(json_body(bp)), utc_now()
    logger.append_keys(refund_id=request.refund_id, contact_id=request.contact_id)
    refund = refunds.request_refund(wiring.store(), wiring.publisher(), request, who.sub, now)
    _count_if_issued(refund, now)
    return Response(body=views.refund_view(refund), status_code=201 if refund.status == refund_rules.ISSUED else 202)


@bp.route("/refunds/{refund_id}", methods=["GET"], authorizer=jwt_auth)
@mapped
def get_refund(refund_id: str) -> JsonObject:
    from chalicelib.entrypoints import views
    from chalicelib.services import refunds

    caller(bp).require(STAFF)
    return views.refund_view(refunds.get_refund(wiring.store(), refund_id))


@bp.route("/refunds/{refund_id}/approve", methods=["POST"], authorizer=jwt_auth)
@mapped
def approve_refund(refund_id: str) -> JsonObject:
    from chalicelib.entrypoints import views
    from chalicelib.services import refunds

    who, now = caller(bp).require(SUPERVISORS), utc_now()
    logger.append_keys(refund_id=refund_id)
    refund = refunds.approve(wiring.store(), wiring.publisher(), refund_id, who.sub, now)
    _count_if_issued(refund, now)
    return views.refund_view(refund)


def _count_if_issued(refund: "Refund", now: datetime) -> None:
    """RefundsIssued counts a refund issued by this request (a repeated request returns it as it was)."""
    from chalicelib.domain import refunds as refund_rules

    if refund.status == refund_rules.ISSUED and refund.issued_at == now:
        count("RefundsIssued")
