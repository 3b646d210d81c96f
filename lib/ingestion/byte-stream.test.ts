import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import { BodyTooLargeError, type DecompressOptions, byteChunks, contentCoding, countedBytes, decompressed, inflate, peekBytes, readAll } from "./byte-stream";

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8");

async function drain(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of source) parts.push(chunk);
  return Buffer.concat(parts);
}

/** A request-like body in `size`-byte chunks that counts its pulls and notices cancel(). */
function observedStream(bytes: Uint8Array, size = 1024) {
  const state = { pulled: 0, cancelled: false, cancelReason: undefined as unknown };
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        state.pulled++;
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(offset, offset + size));
        offset += size;
      },
      cancel(reason) {
        state.cancelled = true;
        state.cancelReason = reason;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

class Refused extends Error {
  constructor(readonly why: string) {
    super(why);
  }
}

const options = (over: Partial<DecompressOptions> = {}): DecompressOptions => ({
  declared: "identity",
  peek: 64,
  maxBytes: 1024 * 1024,
  errors: {
    tooLarge: (max) => new BodyTooLargeError(`inflates past ${max}`),
    ratio: (max) => new Refused(`ratio over ${max}`),
    corrupt: (reason, compression) => new Refused(`bad ${compression}: ${reason}`),
    notCompressed: (declared) => new Refused(`declared ${declared}, sent plain`),
  },
  ...over,
});

const lines = Array.from({ length: 2000 }, (_, i) => `{"event_id":"e-${i}","model":"gpt-4o"}`).join("\n");

describe("decompressed", () => {
  it("passes an uncompressed body through, its first bytes peeked", async () => {
    const { head, stream, compression } = await decompressed(byteChunks(lines), options());
    expect(compression).toBeNull();
    expect(text(head)).toBe(lines);
    expect(text(await drain(stream))).toBe(lines);
  });

  it("inflates gzip recognised by its magic bytes, declared or not, in small chunks as they arrive", async () => {
    for (const declared of ["identity", "gzip"] as const) {
      const { stream: body } = observedStream(gzipSync(lines), 100);
      const { head, stream, compression } = await decompressed(byteChunks(body), options({ declared }));
      expect(compression).toBe("gzip");
      expect(text(head).startsWith('{"event_id":"e-0"')).toBe(true);
      expect(text(await drain(stream))).toBe(lines);
    }
  });

  it("reads every member of a multi-member gzip stream", async () => {
    const body = Buffer.concat([gzipSync("first\n"), gzipSync("second\n")]);
    const { stream } = await decompressed(byteChunks(body), options());
    expect(text(await drain(stream))).toBe("first\nsecond\n");
  });

  it("inflates declared deflate, zlib-wrapped (RFC 1950) or raw (RFC 1951)", async () => {
    for (const body of [deflateSync(lines), deflateRawSync(lines)]) {
      const { stream, compression } = await decompressed(byteChunks(body), options({ declared: "deflate" }));
      expect(compression).toBe("deflate");
      expect(text(await drain(stream))).toBe(lines);
    }
  });

  it("refuses a body declared compressed that is not, and closes the source", async () => {
    for (const declared of ["gzip", "deflate"] as const) {
      const { stream, state } = observedStream(Buffer.from(lines), 64);
      // Deflate cannot be told from text by its bytes, so a plain body declared deflate fails to inflate.
      const refusal = declared === "gzip" ? /declared gzip, sent plain/ : /bad deflate/;
      await expect(decompressed(byteChunks(stream), options({ declared })).then((d) => drain(d.stream))).rejects.toThrow(refusal);
      expect(state.cancelled).toBe(true);
    }
  });

  it("stops a compression bomb at the decompressed cap with the caller's 413, having read little of it", async () => {
    const bomb = gzipSync(Buffer.alloc(128 * 1024 * 1024));
    const { stream: body, state } = observedStream(bomb, 1024);
    const run = decompressed(byteChunks(body), options({ maxBytes: 1024 * 1024 })).then((d) => drain(d.stream));
    const error = await run.catch((e) => e);
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect(error).toMatchObject({ code: "payload_too_large", message: `inflates past ${1024 * 1024}` });
    // 128 MiB of zeros is ~128 KiB of gzip; 1 MiB comes out of the first ~1 KiB, and the inflater reads
    // at most 16 chunks ahead: far from all of it was pulled, and the source was cancelled.
    expect(state.pulled).toBeLessThan(40);
    await vi.waitFor(() => expect(state.cancelled).toBe(true));
  });

  it("stops at the compression ratio, once enough came out to judge it", async () => {
    const run = decompressed(
      byteChunks(gzipSync(Buffer.alloc(8 * 1024 * 1024))),
      options({ maxBytes: 1024 ** 3, maxRatio: 200, ratioCheckAfterBytes: 1024 * 1024 }),
    );
    await expect(run.then((d) => drain(d.stream))).rejects.toThrow(/ratio over 200/);
    // Real data under the ratio goes through.
    const { stream } = await decompressed(byteChunks(gzipSync(lines)), options({ maxRatio: 200, ratioCheckAfterBytes: 1 }));
    expect(text(await drain(stream))).toBe(lines);
  });

  it("reports a truncated or corrupt gzip stream with zlib's reason and cancels the source", async () => {
    const whole = gzipSync(lines);
    await expect(decompressed(byteChunks(whole.subarray(0, whole.length - 200)), options()).then((d) => drain(d.stream))).rejects.toThrow(
      /^bad gzip: unexpected end of file$/,
    );
    const corrupt = Buffer.concat([whole.subarray(0, 12), Buffer.from("garbage-garbage-garbage")]);
    await expect(decompressed(byteChunks(corrupt), options()).then((d) => drain(d.stream))).rejects.toThrow(/^bad gzip: /);
    // Corrupt early in a longer body: the rest is not read.
    const long = Buffer.concat([whole.subarray(0, 40), Buffer.alloc(256 * 1024, 0x41)]);
    const { stream: body, state: longState } = observedStream(long, 1024);
    await expect(decompressed(byteChunks(body), options()).then((d) => drain(d.stream))).rejects.toThrow(/^bad gzip: /);
    await vi.waitFor(() => expect(longState.cancelled).toBe(true));
  });

  it("lets a limit of the source (as sent) through unchanged instead of calling it a bad stream", async () => {
    const { chunks, count } = countedBytes(gzipSync(lines), 100, () => new BodyTooLargeError("over 100 bytes as sent"));
    await expect(decompressed(chunks, options()).then((d) => drain(d.stream))).rejects.toThrow("over 100 bytes as sent");
    expect(count.exceeded).toBeInstanceOf(BodyTooLargeError);
  });
});

describe("inflate", () => {
  it("yields nothing more once its consumer stops, and closes the source", async () => {
    // Random bytes do not compress: far more input than the inflater reads ahead.
    const { stream: body, state } = observedStream(gzipSync(randomBytes(2 * 1024 * 1024)), 512);
    for await (const chunk of inflate(byteChunks(body), "gzip", { maxBytes: 1024 ** 3 }, options().errors)) {
      expect(chunk.length).toBeGreaterThan(0);
      break;
    }
    // Closed once the read that was under way when it stopped has come back.
    await vi.waitFor(() => expect(state.cancelled).toBe(true));
  });
});

describe("countedBytes", () => {
  it("counts a body as it streams and stops past the limit as sent, cancelling the request stream", async () => {
    const { stream, state } = observedStream(new Uint8Array(64 * 1024), 1024);
    const { chunks, count } = countedBytes(stream, 4096, () => new BodyTooLargeError("over 4096 bytes"));
    await expect(drain(chunks)).rejects.toMatchObject({ code: "payload_too_large", message: "over 4096 bytes" });
    expect(count.exceeded?.message).toBe("over 4096 bytes");
    expect(count.bytes).toBe(5 * 1024);
    expect(state.pulled).toBeLessThan(8);
    expect(state.cancelled).toBe(true);
  });

  it("counts a body under the limit without refusing it", async () => {
    const { chunks, count } = countedBytes(observedStream(Buffer.from(lines), 1000).stream, lines.length, () => new BodyTooLargeError("no"));
    expect(text(await drain(chunks))).toBe(lines);
    expect(count).toEqual({ bytes: lines.length, exceeded: null });
  });
});

describe("readAll", () => {
  it("reads a body whole, refusing bytes in memory or a stream over the limit", async () => {
    const tooLarge = () => new BodyTooLargeError("too large");
    expect(text(await readAll(observedStream(Buffer.from(lines), 333).stream, lines.length, tooLarge))).toBe(lines);
    await expect(readAll(new Uint8Array(11), 10, tooLarge)).rejects.toThrow("too large");
    const { stream, state } = observedStream(new Uint8Array(100_000), 1000);
    await expect(readAll(stream, 10_000, tooLarge)).rejects.toThrow("too large");
    expect(state.cancelled).toBe(true);
  });
});

describe("byteChunks and peekBytes", () => {
  it("cancel a web stream whose reader stops early, and not one read to its end", async () => {
    const early = observedStream(Buffer.from(lines), 100);
    for await (const chunk of byteChunks(early.stream)) {
      expect(chunk.length).toBe(100);
      break;
    }
    expect(early.state.cancelled).toBe(true);
    const whole = observedStream(Buffer.from(lines), 100);
    expect(text(await drain(byteChunks(whole.stream)))).toBe(lines);
    expect(whole.state.cancelled).toBe(false);
  });

  it("close the source when the peeked stream is returned without being read (a body refused by its first bytes)", async () => {
    const { stream, state } = observedStream(Buffer.from(lines), 100);
    const { head, stream: rest } = await peekBytes(byteChunks(stream), 10);
    expect(text(head)).toBe(lines.slice(0, 100));
    await rest.return?.();
    expect(state.cancelled).toBe(true);
    expect(await rest.next()).toEqual({ done: true, value: undefined });
  });

  it("peek across small chunks and replay everything", async () => {
    const { head, stream } = await peekBytes(byteChunks(observedStream(Buffer.from(lines), 7).stream), 20);
    expect(head.length).toBe(21);
    expect(text(await drain(stream))).toBe(lines);
    const short = await peekBytes(byteChunks("abc"), 4096);
    expect(text(short.head)).toBe("abc");
    expect(text(await drain(short.stream))).toBe("abc");
  });

  it("read Node streams, string chunks included, and destroy one left early", async () => {
    expect(text(await drain(byteChunks(Readable.from(["ab", Buffer.from("cd")]))))).toBe("abcd");
    const file = Readable.from(
      (function* () {
        for (let i = 0; i < 100; i++) yield Buffer.from(`${i}\n`);
      })(),
    );
    for await (const _ of byteChunks(file)) break;
    expect(file.destroyed).toBe(true);
  });
});

describe("contentCoding", () => {
  it("reads Content-Encoding values", () => {
    expect(contentCoding(null)).toBe("identity");
    expect(contentCoding(" Identity ")).toBe("identity");
    expect(contentCoding("GZIP")).toBe("gzip");
    expect(contentCoding("x-gzip")).toBe("gzip");
    expect(contentCoding("deflate")).toBe("deflate");
    expect(contentCoding("br")).toEqual({ unsupported: "br" });
  });
});
