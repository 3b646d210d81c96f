// Awaits a call expected to fail with an expected (domain) error and returns that error; any other
// outcome fails the test.
import { DomainError } from "@/lib/errors";

export async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}
