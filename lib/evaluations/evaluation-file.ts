// An evaluation run uploaded as a JSON file through the form (format: evaluation-input.ts). The file is
// read whole, so it is capped; a file that is not UTF-8, not JSON or not a JSON object is refused with
// the problem and where it is, before anything touches the database.
import { findJsonSyntaxError, lineColumnAt } from "@/lib/catalog/json-text";
import { DomainError } from "@/lib/errors";

export const MAX_EVALUATION_FILE_BYTES = 1024 * 1024;

function fileError(code: "validation" | "payload_too_large", fileName: string, problem: string): DomainError {
  const message = `${fileName}: ${problem}`;
  return new DomainError(code, message, { file: [message] });
}

/**
 * The file's bytes → the upload object (not yet validated: the input schema does that). `size` is the
 * file's declared size when the caller did not read an oversized file at all.
 */
export function parseEvaluationFile(bytes: Uint8Array, fileName: string, size = bytes.byteLength): Record<string, unknown> {
  const name = fileName.trim() || "the file";
  if (size > MAX_EVALUATION_FILE_BYTES || bytes.byteLength > MAX_EVALUATION_FILE_BYTES) {
    throw fileError("payload_too_large", name, `is ${(Math.max(size, bytes.byteLength) / 1024 / 1024).toFixed(1)} MB; evaluation files are limited to 1 MB`);
  }
  if (bytes.byteLength === 0) throw fileError("validation", name, "is empty; expected a JSON object with model, workflow, suite, datasetVersion and metrics");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw fileError("validation", name, "is not UTF-8 text; expected a JSON file");
  }
  if (text.trim() === "") throw fileError("validation", name, "is empty; expected a JSON object with model, workflow, suite, datasetVersion and metrics");
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a BOM is an editor artefact, not an error
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    // V8's messages do not reliably give a position; the scanner of the catalog import does.
    const problem = findJsonSyntaxError(body);
    if (!problem) throw fileError("validation", name, `is not valid JSON: ${(error as Error).message}`);
    const { line, column } = lineColumnAt(body, problem.offset);
    throw fileError("validation", name, `is not valid JSON: ${problem.reason} (line ${line}, column ${column})`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    const found = Array.isArray(json) ? "an array" : json === null ? "null" : `a ${typeof json}`;
    throw fileError("validation", name, `expected a JSON object at the top level, found ${found}`);
  }
  return json as Record<string, unknown>;
}

/**
 * An upload error for a file: the file form has one field, so every field's message is put under `file`,
 * named by its JSON key ("metrics: accuracy must be a finite number, got \"high\"").
 */
export function asFileError(error: DomainError, fileName: string): DomainError {
  if (!error.fieldErrors) return error;
  const messages = Object.entries(error.fieldErrors).flatMap(([field, list]) =>
    list.map((m) => (field === "_form" || field === "file" ? m : `${field}: ${m}`)),
  );
  const detail =
    error.code === "validation" ? `${fileName}: ${messages.length === 1 ? messages[0] : `${messages.length} problems`}` : `${fileName}: ${error.message}`;
  return new DomainError(error.code, detail, { file: messages }, error.rule);
}

/**
 * The JSON body of POST /api/v1/evaluations, read with the same 1 MB cap as a file. Broken JSON is a
 * 400 naming the line and column; the upload schema then judges the object itself.
 */
export async function readEvaluationBody(request: Request): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_EVALUATION_FILE_BYTES)
    throw new DomainError("payload_too_large", "The request body is larger than 1 MB, the limit for an evaluation run.");
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_EVALUATION_FILE_BYTES) {
        await reader.cancel();
        throw new DomainError("payload_too_large", "The request body is larger than 1 MB, the limit for an evaluation run.");
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return parseEvaluationFile(bytes, "The request body");
  } catch (error) {
    if (error instanceof DomainError && error.code === "validation")
      throw new DomainError("bad_request", error.message.replace("The request body: ", "The request body "));
    throw error;
  }
}
