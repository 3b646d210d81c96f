// The byte plumbing every usage ingest shares (the file upload, the batch API, OTLP, and `usage:import`
// reading a file from disk): chunks from any source, counted against a limit as sent, the first bytes
// peeked at without losing them, and gzip or deflate inflated with node:zlib under a cap on the
// decompressed size (and optionally on the compression ratio). Nothing here buffers a whole body; each
// caller phrases its own errors (a 413 for an API, a file error for an upload), so they are passed in.
//
// Cancellation: a consumer that stops early (an error downstream, a limit reached, a refused body)
// returns its iterator, and the return travels back up the chain to the source; a web ReadableStream (a
// request body) is then cancelled, so the client's upload stops instead of being drained.
import { Readable, type Transform } from "node:stream";
import { type Zlib, createGunzip, createInflate, createInflateRaw } from "node:zlib";
import { DomainError } from "@/lib/errors";

/** A body too large, as sent or once inflated: 413. */
export class BodyTooLargeError extends DomainError {
  constructor(message: string) {
    super("payload_too_large", message);
    this.name = "BodyTooLargeError";
  }
}

/** Where bytes come from: a request body, a Node stream (a file), an async iterable, or bytes in memory. */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string> | Uint8Array | string;

const isWebStream = (source: ByteSource): source is ReadableStream<Uint8Array> => typeof (source as ReadableStream<Uint8Array>).getReader === "function";

/** The source as byte chunks; stopping early cancels a web stream (the request body) rather than draining it. */
export async function* byteChunks(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (typeof source === "string") {
    yield new TextEncoder().encode(source);
  } else if (source instanceof Uint8Array) {
    yield source;
  } else if (isWebStream(source)) {
    const reader = source.getReader();
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
      if (!finished) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  } else {
    // A Node Readable is destroyed by for-await when the loop stops early.
    for await (const chunk of source) yield typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
  }
}

export interface ByteCount {
  bytes: number;
  /** Set when the source went over the limit (the stream then threw it). */
  exceeded: BodyTooLargeError | null;
}

/**
 * The source as chunks, counted; past `limit` bytes it stops reading, cancels the source and throws the
 * error `tooLarge()` builds. The caller keeps `count` to tell that case apart afterwards, even when a
 * parser downstream wrapped the error in its own.
 */
export function countedBytes(source: ByteSource, limit: number, tooLarge: () => BodyTooLargeError): { chunks: AsyncGenerator<Uint8Array>; count: ByteCount } {
  const count: ByteCount = { bytes: 0, exceeded: null };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const value of byteChunks(source)) {
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

/** All of the source in one buffer, refused past `limit` bytes (for bodies that are decoded whole). */
export async function readAll(source: ByteSource, limit: number, tooLarge: () => BodyTooLargeError): Promise<Buffer> {
  if (source instanceof Uint8Array) {
    if (source.byteLength > limit) throw tooLarge();
    return Buffer.from(source.buffer, source.byteOffset, source.byteLength);
  }
  const parts: Uint8Array[] = [];
  for await (const chunk of countedBytes(source, limit, tooLarge).chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

export interface Peeked {
  /** At least the bytes asked for, unless the source ended first. */
  head: Buffer;
  /** The whole source again, the head first. Returning it (even before reading) closes the source. */
  stream: AsyncIterableIterator<Uint8Array>;
}

/** Reads at least `n` bytes (or to the end) and gives them back with a stream that yields them first. */
export async function peekBytes(source: AsyncIterable<Uint8Array>, n: number): Promise<Peeked> {
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
  let headGiven = head.length === 0;
  // Not a generator: a generator's return() before its first next() would not reach the source.
  const stream: AsyncIterableIterator<Uint8Array> = {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      if (!headGiven) {
        headGiven = true;
        return { done: false, value: head };
      }
      if (ended) return { done: true, value: undefined };
      const r = await it.next();
      if (r.done) ended = true;
      return r;
    },
    async return() {
      headGiven = true;
      if (!ended) {
        ended = true;
        await it.return?.();
      }
      return { done: true, value: undefined };
    },
  };
  return { head, stream };
}

/** How a body is compressed: gzip (RFC 1952) or HTTP's deflate (zlib, RFC 1950, or raw RFC 1951 as some clients send it). */
export type Compression = "gzip" | "deflate";

export const isGzip = (head: Uint8Array) => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;

/** A zlib header: compression method 8 with a window of at most 32 KiB, and the check bits. */
export const isZlib = (head: Uint8Array) => head.length >= 2 && (head[0] & 0x0f) === 8 && head[0] >> 4 <= 7 && ((head[0] << 8) | head[1]) % 31 === 0;

/**
 * A Content-Encoding value read: "identity" when absent or identity, the compression it names, or the
 * value itself (lowercased) when it is none of those, for the caller to refuse.
 */
export function contentCoding(header: string | null | undefined): "identity" | Compression | { unsupported: string } {
  const coding = (header ?? "").trim().toLowerCase();
  if (coding === "" || coding === "identity") return "identity";
  if (coding === "gzip" || coding === "x-gzip") return "gzip";
  if (coding === "deflate") return "deflate";
  return { unsupported: coding };
}

export interface InflateLimits {
  /** Decompressed bytes allowed. */
  maxBytes: number;
  /** Decompressed ÷ compressed bytes allowed, checked once `ratioCheckAfterBytes` came out. */
  maxRatio?: number;
  ratioCheckAfterBytes?: number;
}

/** The errors an inflater throws, phrased by its caller. */
export interface InflateErrors {
  tooLarge(maxBytes: number): Error;
  ratio?(maxRatio: number): Error;
  /** Not a valid stream of the compression (corrupt, truncated); `reason` is zlib's. */
  corrupt(reason: string, compression: Compression): Error;
}

/**
 * The source inflated, stopping as soon as the output passes the cap (a compression bomb costs at most
 * one more chunk). Gzip streams of several members are read whole, as gunzip reads them.
 */
export async function* inflate(
  source: AsyncIterable<Uint8Array>,
  compression: Compression,
  limits: InflateLimits,
  errors: InflateErrors,
): AsyncGenerator<Uint8Array> {
  let zlib: Transform & Zlib;
  if (compression === "gzip") {
    zlib = createGunzip();
  } else {
    const peeked = await peekBytes(source, 2);
    zlib = isZlib(peeked.head) ? createInflate() : createInflateRaw();
    source = peeked.stream;
  }
  const input = Readable.from(source);
  input.on("error", (e) => zlib.destroy(e));
  input.pipe(zlib);
  const ratioAfter = limits.ratioCheckAfterBytes ?? 1024 * 1024;
  let out = 0;
  let refusal: Error | null = null;
  try {
    for await (const chunk of zlib as AsyncIterable<Buffer>) {
      out += chunk.length;
      if (out > limits.maxBytes) throw (refusal = errors.tooLarge(limits.maxBytes));
      if (limits.maxRatio !== undefined && errors.ratio && out >= ratioAfter && out / Math.max(zlib.bytesWritten, 1) > limits.maxRatio) {
        throw (refusal = errors.ratio(limits.maxRatio));
      }
      yield chunk;
    }
  } catch (error) {
    // A refusal of ours, or of the source (a limit as sent), passes through; anything else (zlib's errors:
    // a corrupt or truncated stream; a read that failed) means the body could not be inflated.
    if (error === refusal || error instanceof DomainError) throw error;
    throw errors.corrupt((error as Error).message, compression);
  } finally {
    // Destroying the input returns the source iterator, which cancels a request body still being read.
    input.destroy();
    zlib.destroy();
  }
}

export interface DecompressOptions extends InflateLimits {
  /** What the sender declared (Content-Encoding, a .gz name); gzip is also recognised by its magic bytes. */
  declared: "identity" | Compression;
  /** Bytes of the decompressed body to peek at for the caller (its format sniffing). */
  peek: number;
  errors: InflateErrors & {
    /** The sender declared a compression the body does not have. */
    notCompressed(declared: Compression): Error;
  };
}

/**
 * Peeks at the body, inflates it when it is gzip (by its magic bytes, whatever was declared) or declared
 * deflate, and peeks at what comes out. Refuses a body declared compressed that is not (an empty body
 * is left to the caller). `compression` says what was inflated, so a caller can refuse nested gzip.
 */
export async function decompressed(source: AsyncIterable<Uint8Array>, options: DecompressOptions): Promise<Peeked & { compression: Compression | null }> {
  const first = await peekBytes(source, 2);
  let compression: Compression | null = null;
  if (isGzip(first.head)) compression = "gzip";
  else if (options.declared === "deflate" && first.head.length > 0) compression = "deflate";
  else if (options.declared !== "identity" && first.head.length > 0) {
    await first.stream.return?.();
    throw options.errors.notCompressed(options.declared);
  }
  const bytes = compression ? inflate(first.stream, compression, options, options.errors) : first.stream;
  return { ...(await peekBytes(bytes, options.peek)), compression };
}
