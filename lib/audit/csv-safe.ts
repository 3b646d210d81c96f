// CSV cells a spreadsheet cannot run: a text cell starting with = + - @ tab or carriage return would be
// read as a formula (CSV injection), so it gets a leading apostrophe, which spreadsheets show as text.
// Numbers are written as numbers, never prefixed: a negative amount stays a number.

const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvValue = string | number | bigint | boolean | null | undefined;

export function neutraliseCell(value: CsvValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value ? "true" : "false";
  return FORMULA_START.test(value) ? `'${value}` : value;
}
