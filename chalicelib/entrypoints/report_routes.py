"""The seller's performance report and the public "Customer service by Amazon" identifier."""
from chalice import Blueprint, Response

from chalicelib.domain.clock import utc_now
from chalicelib.domain.wire import JsonObject
from chalicelib.entrypoints import wiring
from chalicelib.entrypoints.auth import jwt_auth
from chalicelib.entrypoints.http import mapped, query_params, require_owner

# Services, views and adapters are imported by the routes that use them (app.py says why).
bp = Blueprint(__name__)
IDENTIFIER_CACHE: dict[str, str | list[str]] = {"Cache-Control": "max-age=300"}


@bp.route("/sellers/{seller_id}/metrics/{marketplace_id}", methods=["GET"], authorizer=jwt_auth)
@mapped
def metrics_report(seller_id: str, marketplace_id: str) -> JsonObject:
    from chalicelib.services import report

    require_owner(bp, seller_id)
    month = query_params(bp).get("month")  # absent: the last closed month; empty: a 400
    return report.report(wiring.report_store(), seller_id, marketplace_id, month, utc_now())


@bp.route("/identifier/{marketplace_id}/{seller_id}", methods=["GET"])
@mapped
def csba_identifier(marketplace_id: str, seller_id: str) -> Response:
    from chalicelib.services import report

    body = report.identifier(wiring.report_store(), marketplace_id, seller_id, utc_now())
    return Response(body=body, headers=IDENTIFIER_CACHE)
