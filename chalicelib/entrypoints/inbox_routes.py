"""The seller's inbox and replies, the message check for sellers and agents, and the seller's profile."""
from aws_lambda_powertools import Logger
from chalice import Blueprint, Response

from chalicelib.domain.clock import utc_now
from chalicelib.domain.identity import ROLES
from chalicelib.domain.wire import JsonObject
from chalicelib.entrypoints import wiring
from chalicelib.entrypoints.auth import jwt_auth
from chalicelib.entrypoints.http import caller, json_body, mapped, query_params, require_owner

# Services, views and adapters are imported by the routes that use them (app.py says why).
bp = Blueprint(__name__)
logger = Logger(child=True)


@bp.route("/sellers/{seller_id}/inbox", methods=["GET"], authorizer=jwt_auth)
@mapped
def list_inbox(seller_id: str) -> JsonObject:
    from chalicelib.entrypoints import inbox_views as views
    from chalicelib.services import inbox

    require_owner(bp, seller_id)
    return views.inbox_view(seller_id, *inbox.list_inbox(wiring.store(), seller_id, query_params(bp)))


@bp.route("/sellers/{seller_id}/inbox/{contact_id}/replies", methods=["POST"], authorizer=jwt_auth)
@mapped
def send_reply(seller_id: str, contact_id: str) -> Response:
    from chalicelib.entrypoints import message_bodies as bodies
    from chalicelib.services import inbox

    require_owner(bp, seller_id)
    body = bodies.parse(bodies.ReplyBody, json_body(bp))
    logger.append_keys(contact_id=contact_id, reply_id=body.reply_id)
    sent = inbox.reply(wiring.store(), wiring.publisher(), seller_id, contact_id, body.reply_id, body.text, utc_now())
    return Response(body=sent.to_wire(), status_code=201)


@bp.route("/message-checks", methods=["POST"], authorizer=jwt_auth)
@mapped
def check_message() -> JsonObject:
    from chalicelib.entrypoints import message_bodies as bodies
    from chalicelib.services import message_checks

    who = caller(bp).require(ROLES)
    body = bodies.parse(bodies.CheckBody, json_body(bp))
    violations = message_checks.check_text(wiring.store(), body.text, body.marketplace_id, body.order_id,
                                           who.sub if who.is_seller else None)
    return {"compliant": not violations, "violations": [v.to_wire() for v in violations]}


@bp.route("/sellers/{seller_id}", methods=["GET"], authorizer=jwt_auth)
@mapped
def get_profile(seller_id: str) -> JsonObject:
    from chalicelib.entrypoints import inbox_views as views
    from chalicelib.services import profiles

    require_owner(bp, seller_id)
    return views.profile_view(*profiles.profile(wiring.store(), seller_id))
