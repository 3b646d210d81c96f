import "server-only";
// Reads a JSON request body with a size limit, answering 4xx with a reason instead of throwing raw.
import { DomainError } from "@/lib/errors";
import { assertStorableText } from "@/lib/validation/storable-text";

export async function readJsonBody(request: Request, limitBytes = 1_000_000): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new DomainError("bad_request", "Send the body as JSON with Content-Type: application/json.");
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > limitBytes) throw new DomainError("payload_too_large", `The body is limited to ${limitBytes} bytes.`);
  const text = await request.text();
  if (text.length > limitBytes) throw new DomainError("payload_too_large", `The body is limited to ${limitBytes} bytes.`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new DomainError("bad_request", `The body is not valid JSON: ${(error as Error).message}`);
  }
  assertStorableText(body, "The body");
  return body;
}
