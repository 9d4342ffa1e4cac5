// The seller's profile: account status, residence, and whether its VAT id was accepted (and why not).
import { api, sellerPath } from "./api.js";
import { byId, h, replace } from "./dom.js";

export async function showProfile(ctx) {
  const profile = await api(sellerPath(ctx.sellerId));
  replace(byId("profile-output"), h("dl", { class: "profile" },
    h("dt", {}, "Account status"), h("dd", {}, profile.status.replace(/_/g, " ")),
    h("dt", {}, "Residence"), h("dd", {}, profile.country),
    h("dt", {}, "VAT id"), h("dd", {}, profile.vat_id ?? "none given"),
    h("dt", {}, "VAT id status"), h("dd", { "data-vat": vatState(profile) }, ...vatStatus(profile))));
}

const vatState = (p) => (p.vat_id_valid ? "accepted" : p.vat_id ? "refused" : "none");

function vatStatus(profile) {
  if (profile.vat_id_valid) {
    const accepted = "Accepted: the CSBA fee is invoiced without VAT (reverse charge).";
    return [h("span", { "aria-hidden": "true" }, "✓ "), accepted];
  }
  const why = profile.vat_id_problem ? `Not accepted: ${profile.vat_id_problem}. ` : "No VAT id. ";
  return [h("span", { "aria-hidden": "true" }, "⚠ "), why,
    "The fee is taxed as for a seller without one (your country's VAT where you are resident in the EU)."];
}
