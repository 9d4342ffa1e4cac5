"""The seller's inbox (contacts routed to it) and its replies (a mixin of DynamoStore)."""
import json

from pynamodb.exceptions import DoesNotExist, UpdateError

from chalicelib.adapters import mapping
from chalicelib.adapters.dynamo_queries import _plain, _raw
from chalicelib.domain.contacts import AWAITING_REPLY, REPLIED, RESOLVED, Contact
from chalicelib.domain.replies import Reply
from chalicelib.domain.routing import SELLER
from chalicelib.services.changes import QueueMessage
from chalicelib.services.destinations import Destination


class DynamoInbox:
    def inbox_contacts(self, seller_id: str, marketplace_id: str | None, status: str | None, limit: int,
                       after: dict | None) -> tuple[list[Contact], dict | None]:
        """Up to `limit` contacts routed to the seller, newest first, after `after`; and where to resume.

        The seller's by-seller index holds CSBA's contacts too: they are filtered out, as the inbox
        status is (resolved; else replied once the seller's first reply is recorded; else awaiting).
        """
        record = self.t.ContactRecord
        condition = record.destination == SELLER
        if marketplace_id:
            condition &= record.marketplace_id == marketplace_id
        if status == RESOLVED:
            condition &= record.status == RESOLVED
        elif status in (REPLIED, AWAITING_REPLY):
            replied = record.replied_at.exists() if status == REPLIED else record.replied_at.does_not_exist()
            condition &= (record.status != RESOLVED) & replied
        results = record.by_seller.query(seller_id, filter_condition=condition, scan_index_forward=False,
                                         limit=limit, page_size=limit, last_evaluated_key=_raw(after))
        contacts = [mapping.contact_from(r) for r in results]
        return contacts, _plain(results.last_evaluated_key)

    def get_reply(self, reply_id: str) -> Reply | None:
        try:
            return mapping.reply_from(self.t.ReplyRecord.get(reply_id, consistent_read=True))
        except DoesNotExist:
            return None

    def claim_unsent(self, key: str, now_iso: str, older_than_iso: str) -> QueueMessage | None:
        """The message under `key` if it is still pending since before `older_than_iso` and no one claimed it
        since: claimed now, in one conditional update, so concurrent repeated requests send it once."""
        record = self.t.OutboxRecord
        condition = (record.pending.exists() & (record.created_at < older_than_iso)
                     & (record.claimed_at.does_not_exist() | (record.claimed_at < older_than_iso)))
        item = record(key)
        try:
            item.update(actions=[record.claimed_at.set(now_iso)], condition=condition)
        except UpdateError as error:
            if error.cause_response_code == "ConditionalCheckFailedException":
                return None
            raise
        return QueueMessage(item.message_key, Destination(item.queue), json.loads(item.body))
