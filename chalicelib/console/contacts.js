// The contacts CSBA handled for the seller, newest first, a page at a time.
import { api, sellerPath } from "./api.js";
import { byId, cell, h } from "./dom.js";
import { marketplaceName, moment, words } from "./format.js";

const STATUS_ICON = { open: "●", responded: "↩", resolved: "✓" };

export async function showContacts(ctx, filters, cursor) {
  const page = await api(sellerPath(ctx.sellerId, "contacts"), {
    query: { marketplace_id: filters.marketplace, status: filters.status, cursor },
  });
  const rows = byId("contact-rows");
  if (!cursor) rows.replaceChildren();
  rows.append(...page.contacts.map(row));
  if (!rows.children.length) rows.append(h("tr", {}, h("td", { colspan: 7 }, "No contact matches.")));
  const more = byId("contacts-more");
  more.hidden = !page.next_cursor;
  more.onclick = () => ctx.run(() => showContacts(ctx, filters, page.next_cursor));
}

function row(contact) {
  const m = contact.marketplace_id;
  const escalated = contact.escalated ? h("span", { class: "flag" }, " (escalated)") : null;
  return h("tr", { "data-contact": contact.contact_id },
    cell("Received", moment(contact.created_at)),
    cell("Marketplace", marketplaceName(m)),
    cell("Order", contact.order_id ?? (contact.asin ? `product ${contact.asin}` : "–")),
    cell("Topic", words(contact.topic), contact.preventable ? h("span", { class: "flag" }, " (preventable)") : null),
    cell("Channel", `${contact.channel}, ${contact.language}`),
    cell("Status", h("span", { "aria-hidden": "true" }, STATUS_ICON[contact.status] ?? "", " "), contact.status, escalated),
    cell("Respond by", moment(contact.respond_by)));
}
