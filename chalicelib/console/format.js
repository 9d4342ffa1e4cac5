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
export function money(value, marketplaceId) {
  if (!value) return "–";
  const style = { style: "currency", currency: value.currency };
  return new Intl.NumberFormat(marketplace(marketplaceId).locale, style).format(value.amount);
}

export function percent(fraction, marketplaceId, digits = 2) {
  if (fraction === null || fraction === undefined) return "not measured";
  const style = { style: "percent", maximumFractionDigits: digits };
  return new Intl.NumberFormat(marketplace(marketplaceId).locale, style).format(fraction);
}

export function minutes(value, marketplaceId) {
  if (value === null || value === undefined) return "not measured";
  const style = { style: "unit", unit: "minute", unitDisplay: "short", maximumFractionDigits: 1 };
  return new Intl.NumberFormat(marketplace(marketplaceId).locale, style).format(value);
}

export function day(instant, marketplaceId) {
  if (!instant) return "–";
  const style = { dateStyle: "medium", timeZone: "UTC" };
  return new Intl.DateTimeFormat(marketplace(marketplaceId).locale, style).format(new Date(instant));
}

export function moment(instant, marketplaceId) {
  if (!instant) return "–";
  const style = { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" };
  return `${new Intl.DateTimeFormat(marketplace(marketplaceId).locale, style).format(new Date(instant))} UTC`;
}

export const words = (identifier) => String(identifier).replace(/_/g, " ");
