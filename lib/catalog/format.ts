// Display formats shared by the catalog's pages.
export function formatPrice(perMTok: number | null): string {
  if (perMTok === null) return "—";
  if (perMTok === 0) return "$0";
  return perMTok < 0.01 ? `$${perMTok.toPrecision(2)}` : `$${perMTok.toFixed(perMTok < 1 ? 3 : 2)}`;
}

export function formatTokens(count: number | null): string {
  if (count === null) return "—";
  if (count >= 1_000_000) return `${+(count / 1_000_000).toFixed(2)}M`;
  if (count >= 1_000) return `${+(count / 1_000).toFixed(1)}k`;
  return String(count);
}

export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  return date.toISOString().slice(0, 10);
}

export function formatDateTime(value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
