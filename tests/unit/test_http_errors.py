"""The one HTTP error mapping: each refusal becomes its status with a {"Code", "Message"} body."""
import pytest

from chalicelib.domain import errors
from chalicelib.entrypoints.http import mapped
from chalicelib.services.ports import ConditionFailed
from chalicelib.services.stale import StaleWrite


def refusing(error: Exception):
    @mapped
    def view():
        raise error

    return view


@pytest.mark.parametrize("error, status, code", [
    (StaleWrite("enrolment S1/DE kept changing; try again"), 409, "ConflictError"),
    (ConditionFailed(None), 409, "ConflictError"),
    (errors.Conflict("the seller is not active"), 409, "ConflictError"),
    (errors.UnknownMarketplace("unknown marketplace XX"), 422, "unknown_marketplace"),
    (errors.InvalidInput("the request body must be a JSON object"), 400, "BadRequestError"),
    (errors.RuleBroken("older than 90 days", code="refund_window_closed"), 422, "refund_window_closed"),
])
def test_a_refusal_is_answered_with_its_status_code_and_message(error, status, code):
    # When
    response = refusing(error)()
    # Then
    assert (response.status_code, response.body) == (status, {"Code": code, "Message": str(error)})


def test_an_unexpected_error_is_not_mapped():
    with pytest.raises(KeyError):
        refusing(KeyError("bug"))()


def test_a_view_that_succeeds_answers_as_it_does():
    assert mapped(lambda seller_id: {"seller_id": seller_id})("S1") == {"seller_id": "S1"}
