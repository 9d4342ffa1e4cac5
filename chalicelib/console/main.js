// The console's shell: sign in and out, the section shown for the address's #fragment, errors and messages.
import { ApiError, api, sellerPath } from "./api.js";
import { showContacts } from "./contacts.js";
import { byId, h, replace } from "./dom.js";
import { showEnrolment } from "./enrolment.js";
import { showInbox } from "./inbox.js";
import { showProfile } from "./profile.js";
import { MARKETPLACES, marketplaceName } from "./format.js";
import { showInvoices } from "./invoices.js";
import { showPerformance } from "./performance.js";
import { SignInRefused, current, signIn, signOut } from "./session.js";

const VIEWS = ["enrolment", "report", "invoices", "contacts", "inbox", "profile"];
const DATA = ["enrolment-rows", "report-output", "insights-output", "trends-output", "invoice-corrections", "invoice-rows",
  "invoice-detail", "contact-rows", "report-marketplace", "contacts-marketplace", "inbox-rows", "inbox-marketplace",
  "profile-output"];
let ctx = null;

// What went wrong in words, never a code: a lead by HTTP status, then the service's own sentence.
const LEADS = { 0: "No connection.", 400: "That was not accepted.", 403: "Not allowed.", 404: "Not found.",
  409: "That changed meanwhile: try again.", 422: "Not possible." };

function showError(error) {
  const box = byId("error");
  const lead = error instanceof ApiError ? (LEADS[error.status] ?? "The service had a problem. Try again in a moment.") : "";
  replace(box, lead && h("strong", {}, lead, " "), error.message);
  box.hidden = false;
}

function clearMessages() {
  byId("error").hidden = true;
  byId("status").textContent = "";
}

async function run(work) {
  clearMessages();
  try {
    await work();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      leave();
      showError(new Error("The service refused your token (expired or not valid). Sign in again."));
      return;
    }
    if (!(error instanceof ApiError || error instanceof SignInRefused)) console.error(error);
    showError(error);
  }
}

function leave() {
  signOut();
  ctx = null;
  DATA.forEach((id) => byId(id).replaceChildren());
  byId("contacts-more").hidden = true;
  byId("inbox-more").hidden = true;
  ["who", "nav", ...VIEWS].forEach((id) => { byId(id).hidden = true; });
  byId("sign-in").hidden = false;
  clearMessages();
}

function enter(session) {
  ctx = { sellerId: session.sellerId, run, say: (text) => { byId("status").textContent = text; } };
  byId("seller-id").textContent = session.sellerId;
  byId("sign-in").hidden = true;
  byId("who").hidden = false;
  byId("nav").hidden = false;
  route();
}

function route() {
  if (!ctx) return;
  const view = VIEWS.includes(location.hash.slice(1)) ? location.hash.slice(1) : VIEWS[0];
  VIEWS.forEach((id) => { byId(id).hidden = id !== view; });
  document.querySelectorAll("#nav a").forEach((link) => {
    if (link.hash === `#${view}`) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  });
  run(() => LOADERS[view]());
}

// The seller's own marketplaces first in the pickers, then the others.
async function fillMarketplaces(select, withAny) {
  if (select.options.length) return;
  const { enrollments } = await api(sellerPath(ctx.sellerId, "enrollments"));
  const mine = new Set(enrollments.map((e) => e.marketplace_id));
  const ordered = [...MARKETPLACES.filter((m) => mine.has(m.id)), ...MARKETPLACES.filter((m) => !mine.has(m.id))];
  if (withAny) select.append(h("option", { value: "" }, "any"));
  select.append(...ordered.map((m) => h("option", { value: m.id }, marketplaceName(m.id))));
}

const reportForm = () => [byId("report-marketplace").value, byId("report-month").value];
const contactFilters = () => ({ marketplace: byId("contacts-marketplace").value, status: byId("contacts-status").value });
const inboxFilters = () => ({ marketplace: byId("inbox-marketplace").value, status: byId("inbox-status").value });

const LOADERS = {
  enrolment: () => showEnrolment(ctx),
  report: async () => {
    await fillMarketplaces(byId("report-marketplace"), false);
    if (!byId("report-output").children.length) await showPerformance(ctx, ...reportForm());
  },
  invoices: () => showInvoices(ctx),
  contacts: async () => {
    await fillMarketplaces(byId("contacts-marketplace"), true);
    await showContacts(ctx, contactFilters());
  },
  inbox: async () => {
    await fillMarketplaces(byId("inbox-marketplace"), true);
    await showInbox(ctx, inboxFilters());
  },
  profile: () => showProfile(ctx),
};

byId("sign-in-form").addEventListener("submit", (event) => {
  event.preventDefault();
  clearMessages();
  try {
    signIn(byId("token").value);
    byId("token").value = "";
    enter(current());
    byId("main").focus(); // the form just hidden held the focus
  } catch (error) {
    showError(error);
  }
});
byId("sign-out").addEventListener("click", () => {
  leave();
  byId("token").focus();
});
byId("report-form").addEventListener("submit", (event) => {
  event.preventDefault();
  run(() => showPerformance(ctx, ...reportForm()));
});
byId("contacts-form").addEventListener("submit", (event) => {
  event.preventDefault();
  run(() => showContacts(ctx, contactFilters()));
});
byId("inbox-form").addEventListener("submit", (event) => {
  event.preventDefault();
  run(() => showInbox(ctx, inboxFilters()));
});
window.addEventListener("hashchange", route);

const session = current();
if (session) enter(session);
else leave();
