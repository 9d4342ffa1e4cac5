"""Seller enrolment routes: list, opt in (PUT), opt out (DELETE)."""
from chalice import Blueprint

from chalicelib.domain.clock import utc_now
from chalicelib.domain.wire import JsonObject
from chalicelib.entrypoints import wiring
from chalicelib.entrypoints.auth import jwt_auth
from chalicelib.entrypoints.http import mapped, require_owner

# Services, views and adapters are imported by the routes that use them (app.py says why).
bp = Blueprint(__name__)
ONE = "/sellers/{seller_id}/enrollments/{marketplace_id}"


@bp.route("/sellers/{seller_id}/enrollments", methods=["GET"], authorizer=jwt_auth)
@mapped
def list_enrollments(seller_id: str) -> JsonObject:
    from chalicelib.entrypoints import views
    from chalicelib.services import enrollments

    require_owner(bp, seller_id)
    return views.enrollments_view(seller_id, enrollments.list_enrollments(wiring.store(), seller_id))


@bp.route(ONE, methods=["PUT"], authorizer=jwt_auth)
@mapped
def opt_in(seller_id: str, marketplace_id: str) -> JsonObject:
    from chalicelib.entrypoints import views
    from chalicelib.services import enrollments

    require_owner(bp, seller_id)
    return views.enrollment_view(enrollments.opt_in(wiring.store(), seller_id, marketplace_id, utc_now()))


@bp.route(ONE, methods=["DELETE"], authorizer=jwt_auth)
@mapped
def opt_out(seller_id: str, marketplace_id: str) -> JsonObject:
    from chalicelib.entrypoints import views
    from chalicelib.services import enrollments

    require_owner(bp, seller_id)
    return views.enrollment_view(enrollments.opt_out(wiring.store(), seller_id, marketplace_id, utc_now()))
