// The form action helper, with the session and the database handle stubbed: how a form's outcome comes
// back (field errors, kept values, secrets never echoed), and that text the database cannot store is
// refused by field before the service runs.
import { describe, expect, it, vi } from "vitest";
import { DomainError } from "@/lib/errors";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
}));
vi.mock("@/lib/auth/current-actor", () => ({
  currentUser: async () => ({ kind: "user", userId: "u1", email: "e@warden.test", name: "E", roles: ["engineer"] }),
}));
vi.mock("@/lib/db/server-db", () => ({ getPrisma: async () => ({}) }));

const { handleForm } = await import("./action");

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
}

describe("handleForm", () => {
  it("hands the service the form's fields and the signed-in actor, and answers ok with its message", async () => {
    const run = vi.fn(async (input: Record<string, unknown>, _context: unknown) => ({ name: input.name }));
    const state = await handleForm(form({ name: "GPT" }), { run, ok: (result) => ({ message: `Saved ${result.name}` }) });
    expect(state).toEqual({ status: "ok", message: "Saved GPT" });
    expect(run.mock.calls[0][1]).toMatchObject({ actor: { kind: "user", userId: "u1" } });
  });

  it("turns a DomainError into the form's message and field errors, keeping what was typed but no secret", async () => {
    const state = await handleForm(form({ email: "x", password: "hunter2" }), {
      secret: ["password"],
      run: async () => {
        throw new DomainError("validation", "Check the fields.", { email: ["Enter an email address"] });
      },
    });
    expect(state).toEqual({
      status: "error",
      code: "validation",
      message: "Check the fields.",
      fieldErrors: { email: ["Enter an email address"] },
      values: { email: "x" },
    });
  });

  it("refuses a NUL character by its field before the service runs", async () => {
    const run = vi.fn();
    const state = await handleForm(form({ name: "Bad\u0000name", notes: "fine" }), { run });
    expect(run).not.toHaveBeenCalled();
    expect(state).toMatchObject({ status: "error", code: "validation", fieldErrors: { name: [expect.stringMatching(/NUL/)] } });
  });

  it("redirects after a success when told where", async () => {
    await expect(handleForm(form({}), { run: async () => ({ id: "m1" }), redirectTo: (r) => `/models/${r.id}` })).rejects.toMatchObject({ to: "/models/m1" });
  });
});
