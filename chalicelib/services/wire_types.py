"""Field types of the HTTP request bodies and billing jobs (the inbound events are checked by services/checked_fields.py)."""
from typing import Annotated, Iterable

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

from chalicelib.domain.identifiers import ID, MAX_LENGTH, anchored
from chalicelib.domain.money import MINOR_DIGITS

Id = Annotated[str, StringConstraints(min_length=1, max_length=MAX_LENGTH, pattern=anchored(ID))]


def choice_of(allowed: Iterable[str]) -> AfterValidator:
    """The check of a string field accepting only `allowed` (`Annotated[str, choice_of(...)]`); its error lists them."""
    choices = tuple(allowed)

    def check(value: str) -> str:
        if value not in choices:
            raise ValueError(f"must be one of {', '.join(choices)}")
        return value

    return AfterValidator(check)


class WireMoney(BaseModel):
    """Money on the wire, {"amount": "12.34", "currency": "EUR"}; Money.parse checks the decimals."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    amount: Annotated[str, StringConstraints(pattern=r"^-?[0-9]{1,12}(\.[0-9]{1,4})?$")]
    currency: Annotated[str, choice_of(MINOR_DIGITS)]
