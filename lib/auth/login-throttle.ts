// Slows down repeated failed sign-ins: after a few failures for the same account (or from the same
// address) each further attempt must wait, the wait doubling up to a cap. Kept in memory: one Warden
// process serves the sign-ins, and a restart forgiving old failures is acceptable.

export interface ThrottlePolicy {
  freeFailures: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = { freeFailures: 3, firstDelayMs: 2_000, maxDelayMs: 60_000, windowMs: 15 * 60_000 };

interface Entry {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds the caller must still wait before trying any of these keys; 0 when free to try. */
  waitMs(keys: string[]): number {
    const now = this.now();
    let wait = 0;
    for (const key of keys) {
      const entry = this.live(key, now);
      if (entry) wait = Math.max(wait, entry.blockedUntil - now);
    }
    return Math.max(0, wait);
  }

  recordFailure(keys: string[]): void {
    const now = this.now();
    for (const key of keys) {
      const entry = this.live(key, now) ?? { failures: 0, lastFailureAt: now, blockedUntil: 0 };
      entry.failures += 1;
      entry.lastFailureAt = now;
      const over = entry.failures - this.policy.freeFailures;
      if (over >= 0) entry.blockedUntil = now + Math.min(this.policy.maxDelayMs, this.policy.firstDelayMs * 2 ** over);
      this.entries.set(key, entry);
    }
    if (this.entries.size > 50_000) this.sweep(now);
  }

  recordSuccess(keys: string[]): void {
    for (const key of keys) this.entries.delete(key);
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && now - entry.lastFailureAt > this.policy.windowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(now: number) {
    for (const [key, entry] of this.entries) if (now - entry.lastFailureAt > this.policy.windowMs) this.entries.delete(key);
  }
}

export function throttleKeys(email: string, ip: string | null): string[] {
  return [`email:${email.trim().toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])];
}

// One per server process, shared by the sign-in action and the credentials callback.
const globalForThrottle = globalThis as unknown as { wardenLoginThrottle?: LoginThrottle };
export const loginThrottle = (globalForThrottle.wardenLoginThrottle ??= new LoginThrottle());
