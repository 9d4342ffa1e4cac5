"""The bodies of POST .../replies and POST /message-checks, validated (400 with the field and the problem)."""
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.replies import MAX_TEXT
from chalicelib.domain.wire import JsonObject
from chalicelib.services.wire_types import Id

Body = TypeVar("Body", bound=BaseModel)
Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT, pattern=r"\S")]


class ReplyBody(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    reply_id: Id
    text: Text


class CheckBody(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    text: Text
    marketplace_id: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    order_id: Id | None = None


def parse(model: type[Body], body: JsonObject) -> Body:
    try:
        return model.model_validate(body)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise InvalidInput(f"invalid request: {problems}") from None
