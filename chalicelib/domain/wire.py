"""The type of a JSON object at the edges: a body sent on the wire or stored as a document, or read back."""
from typing import Any

# Any: a JSON value is checked where it is read (pydantic models, Money.parse, the stored records), not by its type.
JsonObject = dict[str, Any]
