// The operator commands (`npm run admin -- …`) as a person running a deployment uses them: real processes
// against this test file's database; the printed key works against the API, and revoking it stops it.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { GET as listImages } from "@/app/api/v1/images/route";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { expectError, expectJson, send } from "../support/http";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");

/** Runs `npm run admin -- …` the way package.json defines it; resolves with stdout, or rejects with the exit code. */
async function admin(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/admin.ts", ...args], { cwd: root, env: process.env, timeout: 60_000 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

describe("npm run admin", () => {
  it("creates an admin and a key whose last printed line is the key; the key works until revoked", async () => {
    const created = await admin("user:create", "ops@example.com", "a long enough password", "--admin");
    expect(created.code, created.stderr).toBe(0);
    const user = await db().user.findUniqueOrThrow({ where: { email: "ops@example.com" } });
    expect(user.role).toBe("admin");
    expect(user.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);

    const made = await admin("key:create", "ops@example.com", "CI", "read,generate");
    expect(made.code, made.stderr).toBe(0);
    const key = made.stdout.trim().split("\n").at(-1)!;
    expect(key).toMatch(/^isk_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    const stored = await db().apiKey.findFirstOrThrow({ where: { ownerId: user.id } });
    expect(stored.scopes).toBe("read,generate");
    expect(stored.hash).not.toContain(key.slice(14)); // only a hash is kept

    process.env.AUTH_MODE = "multi-user";
    resetEnvForTests();
    try {
      const auth = { authorization: `Bearer ${key}` };
      expect((await expectJson<{ items: unknown[] }>(await send(listImages, "/api/v1/images", { headers: auth }))).items).toEqual([]);
      const listed = await admin("key:list", "ops@example.com");
      expect(listed.stdout).toContain(stored.prefix);
      const revoked = await admin("key:revoke", stored.prefix);
      expect(revoked.code, revoked.stderr).toBe(0);
      await expectError(await send(listImages, "/api/v1/images", { headers: auth }), 401, "unauthorized");
    } finally {
      process.env.AUTH_MODE = "single-user";
      resetEnvForTests();
    }
  }, 120_000);

  it("sets per-user limits and refuses bad input with a clear message and exit code", async () => {
    expect((await admin("user:create", "limits@example.com", "another long password")).code).toBe(0);
    const limits = await admin("user:limits", "limits@example.com", "--budget", "2.5", "--rate", "7");
    expect(limits.code, limits.stderr).toBe(0);
    expect(await db().user.findUniqueOrThrow({ where: { email: "limits@example.com" } })).toMatchObject({ dailyBudgetUsd: 2.5, rateLimitPerMinute: 7 });

    const short = await admin("user:create", "short@example.com", "short");
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/at least 10 characters/);
    const duplicate = await admin("user:create", "limits@example.com", "another long password");
    expect(duplicate.stderr).toMatch(/already exists/);
    const scope = await admin("key:create", "limits@example.com", "x", "read,fly");
    expect(scope.code).toBe(1);
    expect(scope.stderr).toMatch(/Unknown scope "fly"/);
    const unknown = await admin("frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"[\s\S]*Usage: npm run admin/);
    expect(await db().user.count({ where: { email: "short@example.com" } })).toBe(0);
  }, 120_000);
});
