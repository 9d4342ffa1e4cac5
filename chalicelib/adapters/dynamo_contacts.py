"""Contacts on DynamoDB: one by id, the seller's CSBA list and inbox page by page, the overdue ones; and the
support notes and replies that go with them."""
from datetime import datetime

from pynamodb.expressions.condition import Condition

from chalicelib.adapters import mapping, shards
from chalicelib.adapters.binding import Tables
from chalicelib.adapters.table_queries import query
from chalicelib.domain.contacts import AWAITING_REPLY, REPLIED, RESOLVED, Contact
from chalicelib.domain.replies import Reply
from chalicelib.domain.routing import CSBA, SELLER
from chalicelib.services.ports import Position, ProductNote


class ContactRepository:
    def __init__(self, tables: Tables):
        self.t = tables

    def get_contact(self, contact_id: str) -> Contact | None:
        record = self.t.requests.get(self.t.ContactRecord, contact_id, consistent_read=True)
        return None if record is None else mapping.contact_from(record)

    def csba_contacts(self, seller_id: str, marketplace_id: str | None, status: str | None, limit: int,
                      after: Position | None) -> tuple[list[Contact], Position | None]:
        """Up to `limit` of the seller's CSBA contacts, newest first, after `after`; and where to resume.

        DynamoDB filters after applying its Limit, so one request may return a short page; the
        iterator keeps querying until `limit` contacts are found or the index is exhausted (key None).
        """
        record = self.t.ContactRecord
        condition = record.destination == CSBA
        if marketplace_id:
            condition &= record.marketplace_id == marketplace_id
        if status:
            condition &= record.status == status
        return self._page(seller_id, condition, limit, after)

    def inbox_contacts(self, seller_id: str, marketplace_id: str | None, status: str | None, limit: int,
                       after: Position | None) -> tuple[list[Contact], Position | None]:
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
        return self._page(seller_id, condition, limit, after)

    def _page(self, seller_id: str, condition: Condition, limit: int,
              after: Position | None) -> tuple[list[Contact], Position | None]:
        record = self.t.ContactRecord
        results = query(self.t.requests, record, seller_id, index=record.by_seller, filter_condition=condition,
                        scan_index_forward=False, limit=limit, page_size=limit, last_evaluated_key=_raw(after))
        contacts = [mapping.contact_from(r) for r in results]
        return contacts, _plain(results.last_evaluated_key)

    def overdue_contacts(self, at_iso: str) -> list[str]:
        """Ids of CSBA contacts still awaiting a first response whose respond_by is before `at`."""
        record = self.t.ContactRecord
        queries = [query(self.t.requests, record, str(shard), record.respond_by < at_iso, index=record.awaiting)
                   for shard in range(shards.AWAITING_SHARDS)]
        return [r.contact_id for r in shards.merged(queries, record, key=lambda r: r.respond_by)]


def _raw(key: Position | None) -> dict[str, dict[str, str]] | None:
    return {name: {"S": value} for name, value in key.items()} if key else None


def _plain(raw: dict[str, dict[str, str]] | None) -> Position | None:
    return {name: value["S"] for name, value in raw.items()} if raw else None


class NoteRepository:
    def __init__(self, tables: Tables):
        self.t = tables

    def support_notes(self, seller_id: str, asins: list[str]) -> list[ProductNote]:
        """The seller's notes for these ASINs, in the order given; ASINs without notes are left out."""
        keys = [(seller_id, asin) for asin in dict.fromkeys(asins)]
        found = {r.asin: r for r in self.t.requests.batch_get(self.t.SupportNoteRecord, keys)}
        return [{"asin": asin, "text": found[asin].text} for _, asin in keys if asin in found]

    def save_support_note(self, seller_id: str, asin: str, text: str, updated_at: datetime) -> None:
        """Create or replace the seller's note for this ASIN."""
        self.t.requests.save(self.t.SupportNoteRecord(seller_id, asin, text=text, updated_at=updated_at))


class ReplyRepository:
    def __init__(self, tables: Tables):
        self.t = tables

    def get_reply(self, reply_id: str) -> Reply | None:
        record = self.t.requests.get(self.t.ReplyRecord, reply_id, consistent_read=True)
        return None if record is None else mapping.reply_from(record)
