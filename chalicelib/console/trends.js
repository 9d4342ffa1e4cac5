// The last 12 closed months of a marketplace: per metric a line chart of the seller against the marketplace
// average (inline SVG) with the same numbers in a table beside it, and the months at a glance.
import { api, sellerPath } from "./api.js";
import { byId, cell, h, replace, svg } from "./dom.js";
import { money, monthName } from "./format.js";
import { shown } from "./insights.js";
import { HEALTH, METRICS, healthBadge } from "./report.js";

const WIDTH = 320, HEIGHT = 150, LEFT = 8, RIGHT = 8, TOP = 14, BOTTOM = 22;

export async function showTrends(ctx, marketplaceId) {
  const history = await api(sellerPath(ctx.sellerId, "metrics", marketplaceId, "history"));
  const months = history.months;
  const output = byId("trends-output");
  if (!months.length) {
    replace(output, h("h3", {}, "Trends"), h("p", { class: "hint" },
      "No month has closed in this marketplace yet: the trends start with the first closed month."));
    return;
  }
  const span = `${monthName(months[0].month)} to ${monthName(months[months.length - 1].month)}`;
  const count = `${months.length} closed ${months.length === 1 ? "month" : "months"}`;
  replace(output,
    h("h3", { id: "trends-title" }, `Trends: ${count}, ${span}`),
    h("p", { class: "hint" },
      "Solid line and dots: you. Dashed line: the marketplace average. A gap: nothing measured that month."),
    h("ul", { class: "trends" }, METRICS.map((metric) => trend(history, metric))),
    glance(history));
}

function trend(history, metric) {
  const m = history.marketplace_id;
  const yours = history.months.map((month) => month.rates[metric.key]);
  const average = history.months.map((month) => month.marketplace_average?.[metric.key] ?? null);
  const title = `${metric.name} by month`;
  return h("li", { class: "trend", "data-metric": metric.key },
    h("h4", {}, metric.name, h("span", { class: "better" }, ` (${metric.better} is better)`)),
    h("div", { class: "trend-body" },
      chart(history.months.map((month) => month.month), yours, average, metric, m),
      h("table", { class: "trend-numbers" },
        h("caption", { class: "visually-hidden" }, title),
        h("thead", {}, h("tr", {}, ["Month", "You", "Average"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, history.months.map((month, index) => h("tr", { "data-month": month.month },
          h("th", { scope: "row" }, monthName(month.month)),
          h("td", { class: "number" }, shown(metric, yours[index], m)),
          h("td", { class: "number" }, shown(metric, average[index], m))))))));
}

// Lines over evenly spaced months, from 0 to the largest value shown (fractions: at most 100%).
function chart(months, yours, average, metric, m) {
  const known = [...yours, ...average].filter((v) => v !== null);
  const top = Math.max(...known, 0) || (metric.unit === "minutes" ? 60 : 0.01);
  const scale = metric.unit === "minutes" ? top * 1.1 : Math.min(1, top * 1.1);
  const step = months.length > 1 ? (WIDTH - LEFT - RIGHT) / (months.length - 1) : 0;
  const x = (i) => LEFT + (months.length > 1 ? i * step : (WIDTH - LEFT - RIGHT) / 2);
  const y = (v) => TOP + (HEIGHT - TOP - BOTTOM) * (1 - Math.min(v, scale) / scale);
  const label = `${metric.name}, ${monthName(months[0])} to ${monthName(months[months.length - 1])}: `
    + "a chart of the numbers in the table beside it";
  return svg("svg", { class: "trend-chart", viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": label },
    svg("line", { class: "axis", x1: LEFT, x2: WIDTH - RIGHT, y1: y(0), y2: y(0) }),
    svg("text", { class: "tick", x: LEFT, y: TOP - 3 }, `max ${shown(metric, scale, m)}`),
    svg("text", { class: "tick", x: LEFT, y: HEIGHT - 5 }, monthName(months[0])),
    svg("text", { class: "tick end", x: WIDTH - RIGHT, y: HEIGHT - 5 }, monthName(months[months.length - 1])),
    segments(average, x, y).map((points) => svg("polyline", { class: "average-line", points })),
    segments(yours, x, y).map((points) => svg("polyline", { class: "you-line", points })),
    yours.map((v, i) => v !== null && svg("circle", { class: "you-dot", cx: x(i), cy: y(v), r: 3 })));
}

// "x,y x,y" runs of consecutive measured months (a null month breaks the line).
function segments(values, x, y) {
  const runs = [[]];
  values.forEach((v, i) => (v === null ? runs.push([]) : runs[runs.length - 1].push(`${x(i)},${y(v)}`)));
  return runs.filter((run) => run.length > 1).map((run) => run.join(" "));
}

function glance(history) {
  const m = history.marketplace_id;
  return h("table", { class: "cards glance" },
    h("caption", {}, "The months at a glance"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Month"), h("th", { scope: "col" }, "Overall health"),
      h("th", { scope: "col", class: "number" }, "Units shipped"),
      h("th", { scope: "col", class: "number" }, "Contacts"),
      h("th", { scope: "col", class: "money" }, "Invoice total"))),
    h("tbody", {}, [...history.months].reverse().map((month) => h("tr", { "data-month": month.month },
      h("th", { scope: "row", "data-label": "Month" }, monthName(month.month)),
      cell("Overall health", month.overall && HEALTH[month.overall] ? healthBadge(month.overall) : "not rated"),
      h("td", { "data-label": "Units shipped", class: "number" }, String(month.units_shipped)),
      h("td", { "data-label": "Contacts", class: "number" }, String(month.contacts)),
      h("td", { "data-label": "Invoice total", class: "money" }, money(month.invoice_total, m))))));
}
