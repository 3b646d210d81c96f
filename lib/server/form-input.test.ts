import { describe, expect, it } from "vitest";
import { readForm, stringField } from "./form-input";

function form(entries: [string, string | File][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe("readForm", () => {
  it("keeps a field's text exactly as typed, blanks included", () => {
    expect(
      readForm(
        form([
          ["name", "  GPT "],
          ["notes", ""],
        ]),
      ),
    ).toEqual({ name: "  GPT ", notes: "" });
  });

  it("reads listed fields as arrays, and an unticked list as empty", () => {
    const input = readForm(
      form([
        ["roles", "engineer"],
        ["roles", "admin"],
        ["email", "a@b.test"],
      ]),
      ["roles", "workflows"],
    );
    expect(input).toEqual({ roles: ["engineer", "admin"], workflows: [], email: "a@b.test" });
  });

  it("takes the first value of a repeated field that is not a list", () => {
    expect(
      readForm(
        form([
          ["id", "1"],
          ["id", "2"],
        ]),
      ),
    ).toEqual({ id: "1" });
  });

  it("keeps a chosen file and drops an empty file input", () => {
    const file = new File(["{}"], "run.json", { type: "application/json" });
    const input = readForm(
      form([
        ["file", file],
        ["other", new File([], "")],
      ]),
    );
    expect(input.file).toBeInstanceOf(File);
    expect((input.file as File).name).toBe("run.json");
    expect("other" in input).toBe(false);
  });

  it("leaves out Next.js's own action fields", () => {
    expect(
      readForm(
        form([
          ["$ACTION_ID_abc", ""],
          ["q", "x"],
        ]),
      ),
    ).toEqual({ q: "x" });
  });
});

describe("stringField", () => {
  it("reads strings and a list's first entry, never a file", () => {
    const input = { a: "x", b: ["y", "z"], c: new File(["1"], "f"), d: undefined };
    expect([stringField(input, "a"), stringField(input, "b"), stringField(input, "c"), stringField(input, "d")]).toEqual(["x", "y", undefined, undefined]);
  });
});
