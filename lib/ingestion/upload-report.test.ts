import { describe, expect, it } from "vitest";
import { csvCell, formatBytes, rejectsCsv, rejectsFileName } from "./upload-report";

describe("the rejects CSV", () => {
  it.each([
    ['=HYPERLINK("http://evil")', '"\'=HYPERLINK(""http://evil"")"'],
    ["+1+2", "'+1+2"],
    ["-5 is negative", "'-5 is negative"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", '"\'\rcmd"'],
    ["plain", "plain"],
    ["a, b", '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["mid=dle", "mid=dle"],
  ])("neutralises and quotes %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("writes row, column, reason with a header, one line per problem", () => {
    const csv = rejectsCsv([
      { row: 3, column: "timestamp", reason: 'must be ISO 8601 with a zone, got "2026-11-19 10:00"' },
      { row: 5, column: "model", reason: "=cmd|' /C calc'!A0 is not a model" },
    ]);
    expect(csv).toBe(
      'row,column,reason\r\n3,timestamp,"must be ISO 8601 with a zone, got ""2026-11-19 10:00"""\r\n5,model,\'=cmd|\' /C calc\'!A0 is not a model\r\n',
    );
    expect(rejectsCsv([])).toBe("row,column,reason\r\n");
  });

  it("names the download after the file, safely", () => {
    expect(rejectsFileName("usage-2026-11.csv.gz")).toBe("usage-2026-11-rejects.csv");
    expect(rejectsFileName('../we"ird name.jsonl')).toBe("we_ird_name-rejects.csv");
    expect(rejectsFileName(null)).toBe("import-rejects.csv");
  });

  it("states sizes in plain units", () => {
    expect(formatBytes(1024 ** 3)).toBe("1 GB");
    expect(formatBytes(1536 * 1024)).toBe("1.5 MB");
    expect(formatBytes(512)).toBe("512 bytes");
  });
});
