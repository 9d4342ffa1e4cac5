// The seller's invoices and credit notes, newest month first; one opens with its lines and totals in the
// marketplace's currency and locale, and a corrected month says what changed.
import { api, sellerPath } from "./api.js";
import { changes, correctionNotes, kindOf, statusOf } from "./corrections.js";
import { byId, cell, h, replace } from "./dom.js";
import { marketplaceName, money, percent, words } from "./format.js";

export async function showInvoices(ctx) {
  const { invoices } = await api(sellerPath(ctx.sellerId, "invoices"));
  const rows = invoices.map((invoice) => h("tr", { "data-invoice": invoice.invoice_id, "data-status": invoice.status },
    cell("Month", invoice.month),
    cell("Marketplace", marketplaceName(invoice.marketplace_id)),
    cell("Invoice", h("span", { class: "id" }, invoice.invoice_id)),
    cell("Kind", kindOf(invoice)),
    cell("Status", statusOf(invoice)),
    h("td", { "data-label": "Total", class: "money" }, money(invoice.total, invoice.marketplace_id)),
    cell("Action", h("button", {
      type: "button", "aria-label": `Open invoice ${invoice.invoice_id}`,
      onclick: () => ctx.run(() => openInvoice(ctx, invoice.invoice_id)),
    }, "Open"))));
  const empty = h("tr", {}, h("td", { colspan: 7 }, "No invoice yet: the first comes after your first month closes."));
  replace(byId("invoice-corrections"), correctionNotes(invoices));
  replace(byId("invoice-rows"), rows.length ? rows : empty);
  replace(byId("invoice-detail"));
}

async function openInvoice(ctx, invoiceId) {
  const invoice = await api(sellerPath(ctx.sellerId, "invoices", invoiceId));
  const m = invoice.marketplace_id;
  const detail = byId("invoice-detail");
  const taxWords = invoice.tax.reverse_charge ? "reverse charge" : percent(invoice.tax.rate, m);
  const replaced = invoice.replaces ? await api(sellerPath(ctx.sellerId, "invoices", invoice.replaces)) : null;
  replace(detail,
    h("h3", {}, `${invoice.kind === "credit_note" ? "Credit note" : "Invoice"} ${invoice.invoice_id}`),
    h("p", { class: "document-status", "data-status": invoice.status }, `${kindOf(invoice)} · ${statusOf(invoice)}`),
    replaced && h("p", { class: "changed" }, `What changed since ${replaced.invoice_id}: ${changes(replaced, invoice).join("; ")}.`),
    h("p", { class: "meta" }, `${marketplaceName(m)} · ${invoice.month} · policy ${invoice.policy_version} · `,
      invoice.tier ? `tier ${invoice.tier}` : "not enough data (charged as tier 2)"),
    h("table", { class: "cards lines" },
      h("thead", {}, h("tr", {}, ["Line", "Units", "Rate", "Amount"].map((t) =>
        h("th", { scope: "col", class: t === "Line" ? null : "money" }, t)))),
      h("tbody", {}, invoice.lines.map((line) => h("tr", { "data-kind": line.kind },
        h("th", { scope: "row", "data-label": "Line" }, `${words(line.kind)}: ${words(line.rule)}`),
        h("td", { "data-label": "Units", class: "number" }, String(line.units)),
        h("td", { "data-label": "Rate", class: "money" },
          line.kind === "discount" ? percent(line.rate, m) : `${money({ amount: line.rate, currency: invoice.currency }, m)} per unit`),
        h("td", { "data-label": "Amount", class: "money" }, money(line.amount, m)))))),
    h("dl", { class: "totals" },
      h("dt", {}, "Subtotal"), h("dd", {}, money(invoice.subtotal, m)),
      h("dt", {}, `Tax (${taxWords})`), h("dd", {}, money(invoice.tax.amount, m)),
      h("dt", {}, "Total"), h("dd", { "data-total": invoice.total.amount }, money(invoice.total, m))));
  detail.focus();
}
