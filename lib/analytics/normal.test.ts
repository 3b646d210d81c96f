import { describe, expect, it } from "vitest";
import { erfc, normalCdf, normalQuantile, twoSidedP } from "./normal";

// Reference values from tables / exact identities (Φ(x) = erfc(−x/√2)/2).
describe("normalCdf", () => {
  it("matches table values to the documented 1.2e-7 relative accuracy", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.158655253931457, 7);
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(erfc(1)).toBeCloseTo(0.157299207050285, 7);
  });

  it("keeps relative accuracy far in the tail", () => {
    // Φ(−8) = 6.220960574271785e-16; 1 − Φ(8) computed naively would be 0
    expect(Math.abs(normalCdf(-8) / 6.220960574271785e-16 - 1)).toBeLessThan(2e-7);
  });

  it("two-sided p of z = 1.96 is 0.05", () => {
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 7); // 2·(1 − 0.975)
    expect(twoSidedP(-1.959963984540054)).toBeCloseTo(0.05, 7);
    expect(twoSidedP(0)).toBe(1);
  });
});

describe("normalQuantile", () => {
  it("matches table values", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 8);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 8); // lower-tail branch
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306167813, 8); // upper-tail branch
  });

  it("inverts normalCdf and handles the ends", () => {
    for (const p of [0.01, 0.2, 0.6, 0.99]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
  });
});
