// The performance report of one marketplace and month: each metric with its health (colour, icon and word),
// a bullet chart against the marketplace average and top decile, and next month's CPU tier.
import { api, sellerPath } from "./api.js";
import { byId, h, replace, svg } from "./dom.js";
import { marketplaceName, minutes, money, percent, words } from "./format.js";

export const METRICS = [
  { key: "answered_within_24h_rate", name: "Contacts answered within 24 hours", better: "higher" },
  { key: "dissatisfaction_rate", name: "Dissatisfaction rate", better: "lower" },
  { key: "valid_tracking_rate", name: "Valid tracking rate", better: "higher" },
  { key: "preventable_contact_rate", name: "Preventable contact rate", better: "lower" },
  { key: "contacts_per_unit", name: "Contacts per unit (CPU)", better: "lower" },
  { key: "prepaid_return_label_rate", name: "Prepaid return label rate", better: "higher" },
  { key: "average_response_minutes", name: "Average response time", better: "lower", unit: "minutes" },
  { key: "seller_answered_within_24h_rate", name: "Your inbox answered within 24 hours", better: "higher" },
];
export const HEALTH = {
  green: { icon: "✓", text: "Good" },
  yellow: { icon: "!", text: "Needs attention" },
  red: { icon: "✗", text: "Poor" },
};
const TIER_WORDS = { 1: "CPU up to 5%", 2: "CPU up to 15%", 3: "CPU up to 30%", 4: "CPU above 30%" };

export async function showReport(ctx, marketplaceId, month) {
  const output = byId("report-output");
  const report = await api(sellerPath(ctx.sellerId, "metrics", marketplaceId), { query: { month } });
  const legend = "Each chart: the bar is you, the dashed line the marketplace average, the solid line the top decile.";
  replace(output, heading(report), tier(report), h("p", { class: "hint" }, legend),
    h("ul", { class: "metrics" }, METRICS.map((metric) => metricItem(report, metric))),
    counts(report));
}

export function healthBadge(colour) {
  if (!colour) return h("span", { class: "badge badge-none" }, "Not rated");
  return h("span", { class: `badge badge-${colour}`, "data-health-label": colour },
    h("span", { "aria-hidden": "true" }, HEALTH[colour].icon, " "), HEALTH[colour].text);
}

const thisMonth = () => new Date().toISOString().slice(0, 7);

function heading(report) {
  const state = !report.provisional ? "closed month"
    : report.month === thisMonth() ? "this month so far: it closes on the 1st of next month"
      : "not closed: the figures counted so far, without the marketplace comparison";
  return h("div", { class: "report-head" },
    h("h3", {}, `${marketplaceName(report.marketplace_id)}, ${report.month}`),
    h("p", {}, `(${state})`),
    h("p", { class: "overall" }, "Overall health: ", healthBadge(report.health.overall)));
}

function tier(report) {
  const m = report.marketplace_id;
  const trailing = report.trailing_cpu === null ? "" : ` Your CPU over the last three months: ${percent(report.trailing_cpu, m)}.`;
  const rate = report.next_tier_rate ? `${money(report.next_tier_rate, m)} per unit` : "";
  const text = report.next_tier === null
    ? `Not enough data yet (fewer than 30 units over three months): next month is charged at the tier 2 rate, ${rate}.`
    : `Tier ${report.next_tier} (${TIER_WORDS[report.next_tier]}): ${rate}.${trailing}`;
  return h("div", { class: "tier", id: "next-tier" }, h("h4", {}, "Next month's CPU tier"), h("p", {}, text));
}

function metricItem(report, metric) {
  const m = report.marketplace_id;
  const show = (value) => (metric.unit === "minutes" ? minutes(value, m) : percent(value, m));
  const value = report.rates[metric.key];
  const average = report.marketplace_average?.[metric.key] ?? null;
  const top = report.top_decile?.[metric.key] ?? null;
  const colour = report.health[metric.key] ?? null;
  const comparison = report.provisional
    ? "Marketplace average and top decile appear once the month is closed."
    : `Marketplace average ${show(average)} · top decile ${show(top)}`;
  return h("li", { class: "metric", "data-metric": metric.key, "data-health": colour ?? "none" },
    h("div", { class: "metric-head" }, h("h4", {}, metric.name), healthBadge(colour)),
    h("p", { class: "value" }, `You: ${show(value)}`, h("span", { class: "better" }, ` (${metric.better} is better)`)),
    chart(metric, colour, value, average, top, show),
    h("p", { class: "compare" }, comparison));
}

// A bullet chart: your value as a bar, the average as a dashed marker, the top decile as a solid one.
function chart(metric, colour, value, average, top, show) {
  const known = [value, average, top].filter((v) => v !== null);
  const highest = Math.max(0, ...known);
  const scaleMax = metric.unit === "minutes" || highest <= 0.5 ? (highest || 0.01) * 1.25 : 1;
  const x = (v) => Math.min(300, (300 * v) / scaleMax);
  const label = `You ${show(value)}, marketplace average ${show(average)}, top decile ${show(top)}`;
  return svg("svg", { class: "chart", viewBox: "0 0 300 40", preserveAspectRatio: "none", role: "img", "aria-label": label },
    svg("rect", { class: "track", x: 0, y: 12, width: 300, height: 16 }),
    value !== null && svg("rect", { class: `bar bar-${colour ?? "none"}`, x: 0, y: 12, width: x(value), height: 16 }),
    average !== null && svg("line", { class: "average", x1: x(average), x2: x(average), y1: 3, y2: 37 }),
    top !== null && svg("line", { class: "top-decile", x1: x(top), x2: x(top), y1: 3, y2: 37 }));
}

function counts(report) {
  const entries = Object.entries(report.counts);
  return h("details", { class: "counts" }, h("summary", {}, "The month's counts"),
    h("dl", {}, entries.map(([name, count]) => [h("dt", {}, words(name)), h("dd", {}, String(count))])));
}
