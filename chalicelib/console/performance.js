// The Performance section: the month's report, the CS Insights window and the 12-month trends of a marketplace.
import { ApiError } from "./api.js";
import { marketplaceName } from "./format.js";
import { showInsights } from "./insights.js";
import { showReport } from "./report.js";
import { showTrends } from "./trends.js";

const thisMonth = () => new Date().toISOString().slice(0, 7);

// Before a marketplace's first close there is no "last closed month": the month so far is shown instead.
async function report(ctx, marketplaceId, month) {
  try {
    await showReport(ctx, marketplaceId, month);
  } catch (error) {
    if (month || !(error instanceof ApiError && error.status === 404)) throw error;
    await showReport(ctx, marketplaceId, thisMonth());
    ctx.say(`No month has closed yet in ${marketplaceName(marketplaceId)}: this is the month so far.`);
  }
}

export async function showPerformance(ctx, marketplaceId, month) {
  const shown = await Promise.allSettled([report(ctx, marketplaceId, month), showInsights(ctx, marketplaceId),
    showTrends(ctx, marketplaceId)]);
  const failed = shown.find((outcome) => outcome.status === "rejected");
  if (failed) throw failed.reason;
}
