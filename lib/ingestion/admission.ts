// Admission control for online ingest (batch API, OTLP): a bounded number of batches are written at once
// and a bounded number wait; beyond that the caller gets 429 with Retry-After at once instead of a queue
// that grows until the process runs out of memory. Bodies are read only after a slot is granted, so the
// memory held by waiting requests is their sockets, not their payloads. The 429 answer a refusal
// becomes is built in lib/http/ingest.ts.
import { readEnv } from "@/lib/env";
import { DomainError } from "@/lib/errors";

export interface AdmissionLimits {
  /** Batches written concurrently (each holds one database transaction). */
  concurrent: number;
  /** Batches allowed to wait for a slot. */
  queued: number;
  /** Seconds suggested to a refused caller. */
  retryAfterSeconds: number;
}

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", `Warden is ingesting at capacity; retry in ${retryAfterSeconds} s.`);
  }
}

export class Admission {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limits: AdmissionLimits) {}

  get load() {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Runs `work` when a slot is free; throws RateLimitedError when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limits.concurrent) {
      if (this.waiting.length >= this.limits.queued) throw new RateLimitedError(this.limits.retryAfterSeconds);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `running` stays the same.
      if (next) next();
      else this.running -= 1;
    }
  }
}

/** One admission queue per server process, shared by every online ingest route. */
export const onlineIngest = new Admission({
  concurrent: readEnv().WARDEN_INGEST_CONCURRENCY,
  queued: readEnv().WARDEN_INGEST_QUEUE,
  retryAfterSeconds: 1,
});
