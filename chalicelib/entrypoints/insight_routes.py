"""CS Insights (the seller's 4-week window) and the history of its closed months."""
from chalice import Blueprint

from chalicelib.domain.clock import utc_now
from chalicelib.domain.wire import JsonObject
from chalicelib.entrypoints import wiring
from chalicelib.entrypoints.auth import jwt_auth
from chalicelib.entrypoints.http import mapped, query_params, require_owner

# Services, views and adapters are imported by the routes that use them (app.py says why).
bp = Blueprint(__name__)


@bp.route("/sellers/{seller_id}/insights/{marketplace_id}", methods=["GET"], authorizer=jwt_auth)
@mapped
def seller_insights(seller_id: str, marketplace_id: str) -> JsonObject:
    from chalicelib.services import insights

    require_owner(bp, seller_id)
    return insights.seller_insights(wiring.store(), seller_id, marketplace_id, utc_now())


@bp.route("/sellers/{seller_id}/metrics/{marketplace_id}/history", methods=["GET"], authorizer=jwt_auth)
@mapped
def metrics_history(seller_id: str, marketplace_id: str) -> JsonObject:
    from chalicelib.services import history

    require_owner(bp, seller_id)
    params = query_params(bp)
    return history.history(wiring.store(), seller_id, marketplace_id, params.get("from"), params.get("to"),
                           utc_now())
