// Marketplaces (DESIGN section 2) and how numbers, money and dates read in each one's locale.
export const MARKETPLACES = [
  { id: "ATVPDKIKX0DER", country: "US", name: "United States", currency: "USD", locale: "en-US" },
  { id: "A1F83G8C2ARO7P", country: "UK", name: "United Kingdom", currency: "GBP", locale: "en-GB" },
  { id: "A1PA6795UKMFR9", country: "DE", name: "Germany", currency: "EUR", locale: "de-DE" },
  { id: "A13V1IB3VIYZZH", country: "FR", name: "France", currency: "EUR", locale: "fr-FR" },
  { id: "APJ6JRA9NG5V4", country: "IT", name: "Italy", currency: "EUR", locale: "it-IT" },
  { id: "A1RKKUPIHCS9HS", country: "ES", name: "Spain", currency: "EUR", locale: "es-ES" },
  { id: "A1VC38T7YXB528", country: "JP", name: "Japan", currency: "JPY", locale: "ja-JP" },
];

const UNKNOWN = { country: "?", name: "Unknown marketplace", currency: "USD", locale: "en-US" };

export function marketplace(id) {
  return MARKETPLACES.find((m) => m.id === id) ?? { ...UNKNOWN, id };
}

export const marketplaceName = (id) => `${marketplace(id).name} (${marketplace(id).country})`;

// Money on the wire is {"amount": "12.34", "currency": "EUR"}; the amount string is formatted as it is,
// without going through a float.
// ICU writes the yen as the full-width ￥ (U+FFE5) in Japanese, a glyph many stock fonts lack (a box on a
// plain Chromium); ¥ (U+00A5) is in every Latin font and reads the same.
export function money(value, marketplaceId) {
  if (!value) return "–";
  const style = { style: "currency", currency: value.currency };
  return new Intl.NumberFormat(marketplace(marketplaceId).locale, style).format(value.amount).replace(/\uFFE5/g, "\u00A5");
}

export function percent(fraction, marketplaceId, digits = 2) {
  if (fraction === null || fraction === undefined) return "not measured";
  const style = { style: "percent", maximumFractionDigits: digits };
  return new Intl.NumberFormat(marketplace(marketplaceId).locale, style).format(fraction);
}

// The number in the marketplace's way, the unit in the page's language: Japanese "分" would need a CJK font.
export function minutes(value, marketplaceId) {
  if (value === null || value === undefined) return "not measured";
  const style = { maximumFractionDigits: 1 };
  return `${new Intl.NumberFormat(marketplace(marketplaceId).locale, style).format(value)}\u00a0min`;
}

// Dates and times read one way on every page, whatever the marketplace (the page's language, UTC).
const PAGE_LOCALE = "en-GB";

export function day(instant) {
  if (!instant) return "–";
  const style = { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" };
  return new Intl.DateTimeFormat(PAGE_LOCALE, style).format(new Date(instant));
}

export function moment(instant) {
  if (!instant) return "–";
  const style = { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit",
    hourCycle: "h23", timeZone: "UTC" };
  return `${new Intl.DateTimeFormat(PAGE_LOCALE, style).format(new Date(instant))} UTC`;
}

// "2026-10" as "Oct 2026", in the page's language.
export function monthName(month) {
  const style = { month: "short", year: "numeric", timeZone: "UTC" };
  return new Intl.DateTimeFormat(PAGE_LOCALE, style).format(new Date(`${month}-01T00:00:00Z`));
}

export const words = (identifier) => String(identifier).replace(/_/g, " ");
