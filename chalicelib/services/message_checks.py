"""Checks a text against the messaging rules before it is sent (POST /message-checks, and every reply)."""
from chalicelib.domain.errors import NotFound
from chalicelib.domain.marketplaces import marketplace
from chalicelib.domain.message_check import Violation, check
from chalicelib.services.ports import Store


def check_text(store: Store, text: str, marketplace_id: str, order_id: str | None,
               seller_id: str | None) -> list[Violation]:
    """The violations of `text`; haggling counts when `order_id` names a CSBA order.

    A seller may name only its own orders (another's is unknown to it, 404); agents any order.
    """
    marketplace(marketplace_id)
    order = store.get_order(order_id) if order_id is not None else None
    if order_id is not None and (order is None or order.marketplace_id != marketplace_id
                                 or seller_id not in (None, order.seller_id)):
        raise NotFound(f"unknown order {order_id} in {marketplace_id}")
    return check(text, csba_order=bool(order and order.csba))


def violations_for(store: Store, text: str, order_id: str | None) -> list[Violation]:
    """A reply's violations: haggling counts when the contact's order is a CSBA one."""
    order = store.get_order(order_id) if order_id else None
    return check(text, csba_order=bool(order and order.csba))
