// Enrolment per marketplace: status, trial end, history, and the opt-in / opt-out button.
import { api, sellerPath } from "./api.js";
import { byId, cell, h, replace } from "./dom.js";
import { MARKETPLACES, marketplaceName, moment } from "./format.js";

const STATUS = {
  enrolled: { icon: "✓", text: "Enrolled" },
  opted_out: { icon: "○", text: "Opted out" },
  none: { icon: "–", text: "Never enrolled" },
};

export async function showEnrolment(ctx, focusMarketplace) {
  const { enrollments } = await api(sellerPath(ctx.sellerId, "enrollments"));
  const byMarketplace = new Map(enrollments.map((e) => [e.marketplace_id, e]));
  const known = MARKETPLACES.filter((m) => byMarketplace.has(m.id));
  const others = MARKETPLACES.filter((m) => !byMarketplace.has(m.id));
  replace(byId("enrolment-rows"), [...known, ...others].map((m) => row(ctx, m.id, byMarketplace.get(m.id))));
  if (focusMarketplace) byId("enrolment-rows").querySelector(`[data-marketplace="${focusMarketplace}"] button`)?.focus();
}

function row(ctx, marketplaceId, enrolment) {
  const status = enrolment?.status ?? "none";
  const enrolled = status === "enrolled";
  const name = marketplaceName(marketplaceId);
  const action = enrolled ? "Opt out" : "Opt in";
  const label = enrolled ? `Opt out of ${name}` : `Opt in to ${name}`;
  const button = h("button", {
    type: "button", class: enrolled ? "secondary" : "primary", "aria-label": label,
    onclick: () => change(ctx, marketplaceId, enrolled),
  }, action);
  return h("tr", { "data-marketplace": marketplaceId, "data-status": status },
    h("th", { scope: "row", "data-label": "Marketplace" }, name),
    cell("Status", h("span", { class: `state state-${status}` },
      h("span", { "aria-hidden": "true" }, STATUS[status].icon, " "), STATUS[status].text)),
    cell("Trial ends", enrolment ? moment(enrolment.trial_ends_at) : "–"),
    cell("History", history(enrolment)),
    cell("Action", button));
}

// Each enrolled period with its times (two periods of one day differ by them), newest last.
function history(enrolment) {
  if (!enrolment?.history?.length) return "–";
  return h("ul", { class: "periods" }, enrolment.history.map((period) =>
    h("li", {}, `${moment(period.from)} – ${period.to ? moment(period.to) : "now"}`)));
}

async function change(ctx, marketplaceId, enrolled) {
  const path = sellerPath(ctx.sellerId, "enrollments", marketplaceId);
  await ctx.run(async () => {
    await api(path, { method: enrolled ? "DELETE" : "PUT" });
    ctx.say(`${enrolled ? "Opted out of" : "Opted in to"} ${marketplaceName(marketplaceId)}.`);
    await showEnrolment(ctx, marketplaceId);
  });
}
