// The seller's inbox: contacts CSBA does not handle, with the buyer's message, and a reply form that checks the
// text against Amazon's messaging rules as it is typed (POST /message-checks) and shows each violation inline.
import { ApiError, api, sellerPath } from "./api.js";
import { byId, h } from "./dom.js";
import { marketplaceName, moment, words } from "./format.js";

const STATUS_ICON = { awaiting_reply: "●", replied: "↩", resolved: "✓" };
const RULE_NAMES = {
  link: "Link", email_address: "E-mail address", phone_number: "Phone number", marketing: "Marketing",
  review_request: "Asks for a review", off_platform: "Leaves Amazon", haggling: "Offers something to keep the item",
};
const CHECK_DELAY_MS = 400;

export async function showInbox(ctx, filters, cursor) {
  const page = await api(sellerPath(ctx.sellerId, "inbox"), {
    query: { marketplace_id: filters.marketplace, status: filters.status, cursor },
  });
  const list = byId("inbox-rows");
  if (!cursor) list.replaceChildren();
  list.append(...page.entries.map((entry) => card(ctx, entry, filters)));
  if (!list.children.length) list.append(h("li", { class: "empty" }, "No contact matches."));
  const more = byId("inbox-more");
  more.hidden = !page.next_cursor;
  more.onclick = () => ctx.run(() => showInbox(ctx, filters, page.next_cursor));
}

function card(ctx, entry, filters) {
  const m = entry.marketplace_id;
  const titleId = `inbox-${entry.contact_id}`;
  const reply = h("button", { type: "button", "aria-expanded": "false" }, "Reply");
  const item = h("li", { class: "inbox-entry", "data-contact": entry.contact_id, "aria-labelledby": titleId },
    h("h3", { id: titleId }, `${words(entry.topic)} · ${entry.order_id ?? entry.asin ?? "no order"}`),
    h("p", { class: "meta" }, `${marketplaceName(m)} · ${entry.channel}, ${entry.language} · received `,
      moment(entry.created_at, m), " · why you: ", words(entry.reason)),
    h("p", { class: "meta" }, h("span", { "aria-hidden": "true" }, STATUS_ICON[entry.status], " "),
      h("span", { class: "inbox-status" }, words(entry.status)), " · respond by ", moment(entry.respond_by, m),
      entry.replied_at ? [" · replied ", moment(entry.replied_at, m)] : null),
    h("blockquote", { class: "buyer-message" }, entry.message ?? "(no message text)"),
    reply);
  reply.onclick = () => {
    reply.hidden = true;
    item.append(replyForm(ctx, entry, filters));
    item.querySelector("textarea").focus();
  };
  return item;
}

function replyForm(ctx, entry, filters) {
  const id = `reply-${entry.contact_id}`;
  const text = h("textarea", { id, rows: 5, maxlength: 4000, required: true, "aria-describedby": `${id}-check` });
  const verdict = h("div", { id: `${id}-check`, class: "violations", role: "status", "aria-live": "polite" });
  const send = h("button", { type: "submit" }, "Send reply");
  const replyId = newReplyId(); // one per form: sending twice is the same reply, sent once
  let timer = null;
  const check = async () => {
    const body = { text: text.value, marketplace_id: entry.marketplace_id, order_id: entry.order_id };
    if (!text.value.trim()) return showVerdict(verdict, send, null);
    const result = await api("message-checks", { method: "POST", json: body });
    showVerdict(verdict, send, result.violations);
  };
  text.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => ctx.run(check), CHECK_DELAY_MS);
  });
  const form = h("form", { class: "reply-form" },
    h("label", { for: id }, "Your reply to the buyer"), text, verdict, send);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    ctx.run(async () => {
      try {
        await api(sellerPath(ctx.sellerId, "inbox", entry.contact_id, "replies"),
          { method: "POST", json: { reply_id: replyId, text: text.value } });
      } catch (error) {
        if (!(error instanceof ApiError && error.code === "message_policy")) throw error;
        showVerdict(verdict, send, error.body.violations);
        return;
      }
      await showInbox(ctx, filters);
      ctx.say("Reply sent to the buyer.");
    });
  });
  return form;
}

function showVerdict(box, send, violations) {
  send.disabled = Boolean(violations && violations.length);
  if (!violations) return box.replaceChildren();
  if (!violations.length) return box.replaceChildren(h("p", { class: "ok" }, "✓ Follows the messaging rules."));
  box.replaceChildren(
    h("p", { class: "bad" }, "⚠ Not sent as it is: Amazon's messaging rules forbid"),
    h("ul", {}, ...violations.map((v) => h("li", { "data-rule": v.rule },
      h("strong", {}, RULE_NAMES[v.rule] ?? words(v.rule)), ": ", h("mark", {}, v.excerpt)))));
}

function newReplyId() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  return `r-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
