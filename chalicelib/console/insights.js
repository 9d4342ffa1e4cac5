// CS Insights: the last four complete weeks beside the marketplace average and the top performers, then week by week.
import { api, sellerPath } from "./api.js";
import { byId, cell, h, replace } from "./dom.js";
import { day, minutes, percent } from "./format.js";
import { METRICS } from "./report.js";

const KEYS = ["preventable_contact_rate", "average_response_minutes", "dissatisfaction_rate",
  "answered_within_24h_rate", "contacts_per_unit"];
export const INSIGHT_METRICS = KEYS.map((key) => METRICS.find((metric) => metric.key === key));
const DAY = 24 * 3600 * 1000;

export const shown = (metric, value, m) => (metric.unit === "minutes" ? minutes(value, m) : percent(value, m));

export async function showInsights(ctx, marketplaceId) {
  const insights = await api(sellerPath(ctx.sellerId, "insights", marketplaceId));
  const m = insights.marketplace_id;
  const last = new Date(new Date(insights.window.to).getTime() - DAY);
  const compared = insights.marketplace_average !== null;
  const note = compared
    ? `Marketplace average and top performers: the ${insights.eligible_sellers} sellers with at least 30 units`
      + " in these weeks."
    : "The marketplace average and top performers of these weeks appear after Monday's update.";
  replace(byId("insights-output"),
    h("h3", { id: "insights-title" }, "CS Insights: the last four weeks"),
    h("p", {}, `${day(insights.window.from)} to ${day(last)}, ${insights.units_shipped} units shipped. `,
      "These figures help you improve; they do not count towards your account health."),
    h("table", { class: "cards insight-rates", "aria-labelledby": "insights-title" },
      h("thead", {}, h("tr", {}, ["Metric", "You", "Marketplace average", "Top performers"].map(
        (title) => h("th", { scope: "col" }, title)))),
      h("tbody", {}, INSIGHT_METRICS.map((metric) => h("tr", { "data-metric": metric.key },
        h("th", { scope: "row", "data-label": "Metric" }, metric.name,
          h("span", { class: "better" }, ` (${metric.better} is better)`)),
        cell("You", shown(metric, insights.rates[metric.key], m)),
        cell("Marketplace average", compared ? shown(metric, insights.marketplace_average[metric.key], m) : "not yet"),
        cell("Top performers", compared ? shown(metric, insights.top_performers[metric.key], m) : "not yet"))))),
    h("p", { class: "hint" }, note),
    weeks(insights));
}

function weeks(insights) {
  const m = insights.marketplace_id;
  const start = new Date(insights.window.from).getTime();
  return h("table", { class: "cards insight-weeks" },
    h("caption", {}, "Week by week"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Week"), h("th", { scope: "col" }, "Units shipped"),
      INSIGHT_METRICS.map((metric) => h("th", { scope: "col" }, metric.name)))),
    h("tbody", {}, insights.weeks.map((week, index) => h("tr", { "data-week": week.week },
      h("th", { scope: "row", "data-label": "Week" },
        `${day(new Date(start + index * 7 * DAY))} – ${day(new Date(start + (index * 7 + 6) * DAY))}`),
      cell("Units shipped", String(week.units_shipped)),
      INSIGHT_METRICS.map((metric) => cell(metric.name, shown(metric, week.rates[metric.key], m)))))));
}
