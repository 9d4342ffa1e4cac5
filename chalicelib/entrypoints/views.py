"""Response bodies (DESIGN section 8) built from domain objects."""
from chalicelib.domain.clock import to_wire
from chalicelib.domain.enrollment import Enrollment
from chalicelib.domain.refunds import Refund
from chalicelib.domain.wire import JsonObject


def enrollment_view(enrollment: Enrollment) -> JsonObject:
    return {
        "marketplace_id": enrollment.marketplace_id,
        "status": enrollment.status,
        "trial_ends_at": to_wire(enrollment.trial_ends_at),
        "history": [{"from": to_wire(i.start), "to": to_wire(i.end)} for i in enrollment.history],
    }


def enrollments_view(seller_id: str, enrollments: list[Enrollment]) -> JsonObject:
    return {"seller_id": seller_id, "enrollments": [enrollment_view(e) for e in enrollments]}


def refund_view(refund: Refund) -> JsonObject:
    request = refund.request
    return {"refund_id": refund.refund_id, "order_id": request.order_id, "contact_id": request.contact_id,
            "status": refund.status, "amount": request.amount.to_wire(), "reason": request.reason,
            "returnless": request.returnless, "created_at": to_wire(refund.created_at),
            "issued_at": to_wire(refund.issued_at)}
