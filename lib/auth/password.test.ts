import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "./password";

describe("passwords", () => {
  it("hashes with scrypt and a fresh salt, and verifies only the right password", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery staple", a)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", a)).toBe(false);
    expect(await verifyPassword("", a)).toBe(false);
  });

  it("treats Unicode forms alike and refuses malformed or missing hashes without throwing", async () => {
    const composed = await hashPassword("caf\u00e9 au lait 1234");
    expect(await verifyPassword("cafe\u0301 au lait 1234", composed)).toBe(true);
    expect(await verifyPassword("anything at all", null)).toBe(false);
    expect(await verifyPassword("anything at all", "bcrypt$whatever")).toBe(false);
  });

  it("asks for length, not composition", () => {
    expect(passwordProblem("short")).toMatch(/at least 10/);
    expect(passwordProblem("a".repeat(201))).toMatch(/at most 200/);
    expect(passwordProblem("all lowercase words")).toBeNull();
  });
});
