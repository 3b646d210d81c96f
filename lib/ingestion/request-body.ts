// Request bodies of the ingest routes (batch API, file upload): a declared Content-Length over the limit
// is refused before a byte is read, and the body is counted while it streams, so a chunked body or a
// Content-Length that lies cannot slip past the limit. Nothing here buffers the body.
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DomainError } from "@/lib/errors";
import { readEnv } from "@/lib/env";

export class BodyTooLargeError extends DomainError {
  constructor(message: string) {
    super("payload_too_large", message);
    this.name = "BodyTooLargeError";
  }
}

/** The declared Content-Length, or null when absent or not a number. */
export function declaredLength(request: Request): number | null {
  const header = request.headers.get("content-length");
  if (header === null || !/^\s*\d+\s*$/.test(header)) return null;
  return Number(header);
}

export interface BodyCount {
  bytes: number;
  /** Set when the body went over the limit (the stream then threw it). */
  exceeded: BodyTooLargeError | null;
}

export type BodySource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Uint8Array | string;

async function* chunksOf(source: BodySource): AsyncGenerator<Uint8Array> {
  if (typeof source === "string") {
    yield new TextEncoder().encode(source);
  } else if (source instanceof Uint8Array) {
    yield source;
  } else if (typeof (source as ReadableStream<Uint8Array>).getReader === "function") {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    let finished = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          finished = true;
          return;
        }
        yield value;
      }
    } finally {
      // Stop the client's upload instead of draining the rest of an oversized (or abandoned) body.
      if (!finished) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  } else {
    yield* source as AsyncIterable<Uint8Array>;
  }
}

/**
 * The body as chunks, counted; past `limit` bytes it stops reading, cancels the request stream and
 * throws the error `tooLarge()` builds. The caller keeps `count` to tell that case apart afterwards, even
 * when a parser downstream wrapped the error in its own.
 */
export function countedBody(source: BodySource, limit: number, tooLarge: () => BodyTooLargeError) {
  const count: BodyCount = { bytes: 0, exceeded: null };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const value of chunksOf(source)) {
      count.bytes += value.byteLength;
      if (count.bytes > limit) {
        count.exceeded = tooLarge();
        throw count.exceeded;
      }
      yield value;
    }
  }
  return { chunks: chunks(), count };
}

export interface SpooledBody {
  file: string;
  bytes: number;
  /** Deletes the file; call it when done (also after errors). */
  dispose(): Promise<void>;
}

/**
 * Copies the body to a temporary file at network speed, counted against `limit`. Long imports read from
 * the file instead of the socket: Node's http server cuts off a request that is not fully received within
 * its requestTimeout (300 s by default, and Next.js offers no setting for it), and a body read at the
 * speed of a database import of a large file takes longer than that.
 */
export async function spoolToFile(source: BodySource, limit: number, tooLarge: () => BodyTooLargeError, directory = readEnv().WARDEN_UPLOAD_DIR ?? tmpdir()): Promise<SpooledBody> {
  const dir = await mkdtemp(path.join(directory, "warden-upload-"));
  const dispose = () => rm(dir, { recursive: true, force: true });
  const { chunks, count } = countedBody(source, limit, tooLarge);
  const file = path.join(dir, "body");
  try {
    await pipeline(Readable.from(chunks), createWriteStream(file, { flags: "wx", mode: 0o600 }));
  } catch (error) {
    await dispose();
    throw count.exceeded ?? error;
  }
  return { file, bytes: count.bytes, dispose };
}

/** Reads at least `n` bytes (or to the end) and returns them with a stream that yields them first. */
export async function peekBytes(source: AsyncIterable<Uint8Array>, n: number): Promise<{ head: Buffer; stream: AsyncGenerator<Uint8Array> }> {
  const it = source[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let length = 0;
  let ended = false;
  while (length < n) {
    const r = await it.next();
    if (r.done) {
      ended = true;
      break;
    }
    parts.push(r.value);
    length += r.value.byteLength;
  }
  const head = Buffer.concat(parts);
  async function* replay(): AsyncGenerator<Uint8Array> {
    try {
      if (head.length) yield head;
      if (ended) return;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield r.value;
      }
    } finally {
      // A consumer that stops early (an error downstream) lets the source clean up (cancel the request).
      if (!ended) await it.return?.();
    }
  }
  return { head, stream: replay() };
}

export const isGzip = (head: Uint8Array) => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;

/** The media type without parameters, lowercased ("" when absent). */
export function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}
