import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync, readlinkSync } from "node:fs";
import os from "node:os";

/**
 * Leases on running jobs (docs/deploy.md "Leases: taking over a dead worker's job"). A worker that claims a job
 * writes its own id into the row's `leaseOwner` and a deadline into `leaseExpiresAt`, and renews the deadline every
 * `heartbeatMs` while the job runs. Another worker takes a `running` job over only when its owner is gone:
 * - its lease has expired (the owner stopped renewing: killed, frozen, cut off from the database), or
 * - the owner is a process on this same machine (same kernel boot, same PID namespace) that no longer exists —
 *   a crash seen at once instead of a lease later.
 * A live owner is never robbed: the take-over is one conditional UPDATE on the lease it saw. Everything a
 * handler writes to its job row is fenced by its lease (repository.ts), so a worker that lost its lease cannot
 * finish a job another worker now runs.
 *
 * Times are the database's: each process measures its clock's offset to the database server (syncDbClock), so
 * workers on machines whose clocks disagree still agree on when a lease has expired.
 */

const defaults = { leaseMs: 30_000 };
let settings = { ...defaults };

/** How long a lease lasts unrenewed, how often owners renew it and how often workers look for abandoned jobs. */
export function leaseSettings() {
  const { leaseMs } = settings;
  return { leaseMs, heartbeatMs: Math.max(100, Math.round(leaseMs / 3)), sweepMs: Math.max(200, Math.min(5_000, Math.round(leaseMs / 6))) };
}

/** Tests shorten leases (and put them back with no argument). */
export function setLeaseSettingsForTests(next?: { leaseMs: number }): void {
  settings = next ? { ...next } : { ...defaults };
}

interface Identity {
  /** Processes that can see each other's PIDs: same host name, kernel boot and PID namespace. */
  scope: string;
  /** Whether this platform lets us tell a dead PID in our scope (Linux: /proc). */
  canCheckPids: boolean;
  nonce: string;
  owner: string;
}

const globalForLease = globalThis as unknown as { imageStudioLeaseIdentity?: Identity; imageStudioClockOffsetMs?: number };

function identity(): Identity {
  if (globalForLease.imageStudioLeaseIdentity) return globalForLease.imageStudioLeaseIdentity;
  const parts = [os.hostname()];
  let canCheckPids = process.platform === "linux";
  try {
    parts.push(readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim());
    parts.push(readlinkSync("/proc/self/ns/pid"));
  } catch {
    canCheckPids = false;
  }
  const scope = createHash("sha256").update(parts.join("|")).digest("base64url").slice(0, 12);
  const nonce = randomBytes(6).toString("hex");
  globalForLease.imageStudioLeaseIdentity = { scope, canCheckPids, nonce, owner: `${scope}/${process.pid}/${nonce}` };
  return globalForLease.imageStudioLeaseIdentity;
}

/** This process's lease owner id: "<scope>/<pid>/<nonce>". */
export const leaseOwnerId = () => identity().owner;

/** The PID part of a lease owner id (for logs and tests). */
export const pidOfOwner = (owner: string | null | undefined) => Number(owner?.split("/")[1] ?? NaN);

/**
 * True when `owner` is certainly gone: a process of this machine and PID namespace that no longer exists, or an
 * earlier process that had our PID. False when it lives or cannot be checked from here (another machine): then
 * only its lease's expiry tells.
 */
export function ownerIsGone(owner: string | null | undefined): boolean {
  if (!owner) return false;
  const me = identity();
  const [scope, pidText, nonce] = owner.split("/");
  if (!me.canCheckPids || scope !== me.scope) return false;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return nonce !== me.nonce;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH"; // EPERM: it exists under another user
  }
}

/** Now, on the database's clock. */
export const dbNow = (): Date => new Date(Date.now() + (globalForLease.imageStudioClockOffsetMs ?? 0));

/** Records how far the database's clock is from ours, given its `now()` read between `sentAt` and `receivedAt`. */
export function recordDbClock(databaseNow: Date, sentAt: number, receivedAt: number): void {
  globalForLease.imageStudioClockOffsetMs = databaseNow.getTime() - (sentAt + receivedAt) / 2;
}

/** The lease a job handler runs under: its job row's writes are fenced by it. */
export const leaseContext = new AsyncLocalStorage<{ jobId: string; owner: string }>();

/** The lease the current code runs under for `jobId`, if it runs inside that job's handler. */
export function currentLease(jobId: string): string | undefined {
  const lease = leaseContext.getStore();
  return lease?.jobId === jobId ? lease.owner : undefined;
}
