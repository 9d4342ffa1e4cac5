// How a corrected month reads to the seller (DESIGN section 7): what each document is, which invoice is the one
// to pay, and the figures that changed between the invoice issued first and the current revision.
import { h } from "./dom.js";
import { marketplaceName, money, words } from "./format.js";

export function kindOf(doc) {
  if (doc.kind === "credit_note") return `Credit note: credits ${doc.credits} in full`;
  return doc.replaces ? `Revised invoice: replaces ${doc.replaces}` : "Invoice";
}

export const statusOf = (doc) => (doc.status === "credited" ? "Credited (replaced by a revision)" : "Issued");

// One note per corrected month and marketplace, in the order of the list (newest month first).
export function correctionNotes(documents) {
  const chains = new Map();
  for (const doc of documents) {
    const key = `${doc.month} ${doc.marketplace_id}`;
    chains.set(key, [...(chains.get(key) ?? []), doc]);
  }
  return [...chains.values()].filter((docs) => docs.some((d) => d.kind === "credit_note")).map(note);
}

function note(docs) {
  const invoices = docs.filter((d) => d.kind !== "credit_note");
  const current = invoices.find((d) => d.status === "issued") ?? invoices[0];
  const first = invoices.find((d) => !d.replaces) ?? invoices[invoices.length - 1];
  const credits = docs.length - invoices.length;
  return h("li", { "data-corrected": current.invoice_id },
    h("strong", {}, `${current.month} · ${marketplaceName(current.marketplace_id)} was corrected`),
    ` after the month was closed again with figures that arrived late: ${changes(first, current).join("; ")}. `,
    credits === 1 ? "A credit note cancels the replaced invoice in full; "
      : `${credits} credit notes cancel the ${credits} replaced invoices in full; `,
    h("span", { class: "id" }, current.invoice_id), " is the one that counts.");
}

// The figures that differ between two invoices of the same month, in words.
export function changes(before, after) {
  const m = after.marketplace_id;
  const units = (doc) => doc.lines.find((line) => line.kind === "fee")?.units ?? 0;
  const rules = (doc) => doc.lines.map((line) => words(line.rule)).join(", ");
  const found = [];
  if (units(before) !== units(after)) found.push(`units ${units(before)} → ${units(after)}`);
  if (rules(before) !== rules(after)) found.push(`lines ${rules(before)} → ${rules(after)}`);
  for (const [label, of] of [["subtotal", (d) => d.subtotal], ["tax", (d) => d.tax.amount], ["total", (d) => d.total]]) {
    if (of(before).amount !== of(after).amount) found.push(`${label} ${money(of(before), m)} → ${money(of(after), m)}`);
  }
  return found.length ? found : ["no figure changed"];
}
