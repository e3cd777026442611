import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

// Provider concurrency slots (PROVIDER_CONCURRENCY): a semaphore per provider, in this process or, on PostgreSQL,
// across every process sharing the database. Part of the job machinery (a cluster-wide lock on the database),
// not of lib/providers: the services that call a provider take a slot here around the call.

/**
 * Per-process state lives on globalThis: instrumentation and route handlers are separate module graphs in Next
 * (see lib/jobs/presenter.ts), and a map per graph would let one process make PROVIDER_CONCURRENCY calls twice.
 */
const globalForSlots = globalThis as unknown as {
  /** The slots of each provider id, with the settings they were made for ("limit|database"). */
  imageStudioProviderSlots?: Map<string, { config: string; slots: ProviderSlots }>;
  /** The session holding this process's slots on PostgreSQL (one per database URL: replaced when it changes). */
  imageStudioAdvisoryLocks?: AdvisoryLocks;
};
const semaphores = () => (globalForSlots.imageStudioProviderSlots ??= new Map());

/** Runs a provider call within the provider's concurrency limit. */
export interface ProviderSlots {
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/**
 * At most PROVIDER_CONCURRENCY calls in flight per provider: in this process on SQLite (one machine, one
 * worker), across every process sharing the database on PostgreSQL (ClusterSemaphore).
 */
export function providerSemaphore(id: string): ProviderSlots {
  const c = env();
  // New slots when the settings changed (tests that change the environment start with fresh slots); a rebuild
  // of the providers keeps them (calls in flight still count).
  const config = `${c.PROVIDER_CONCURRENCY}|${c.databaseTarget === "postgres" ? c.databaseUrl : "in-process"}`;
  let s = semaphores().get(id);
  if (s?.config !== config) {
    const slots = c.databaseTarget === "postgres" ? new ClusterSemaphore(id, c.PROVIDER_CONCURRENCY, c.databaseUrl) : new Semaphore(c.PROVIDER_CONCURRENCY);
    semaphores().set(id, (s = { config, slots }));
  }
  return s.slots;
}

/** Closes the connection that holds this process's provider slots (tests, worker shutdown). */
export async function closeProviderSemaphores(): Promise<void> {
  semaphores().clear();
  await globalForSlots.imageStudioAdvisoryLocks?.close();
  globalForSlots.imageStudioAdvisoryLocks = undefined;
}

/** A counting semaphore: at most `limit` concurrent calls in this process (SQLite: one machine, one worker). */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const go = () => {
          signal?.removeEventListener("abort", cancel);
          resolve();
        };
        const cancel = () => {
          const i = this.waiting.indexOf(go);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(signal!.reason);
        };
        this.waiting.push(go);
        signal?.addEventListener("abort", cancel, { once: true });
      });
    } else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

const slotChannel = "image_studio_provider_slot";

/** This process's advisory-lock session for `url`: the one it has, or a new one (closing the old) when the database changed. */
function advisoryLocksFor(url: string): AdvisoryLocks {
  const current = globalForSlots.imageStudioAdvisoryLocks;
  if (current?.url === url) return current;
  if (current) void current.close();
  return (globalForSlots.imageStudioAdvisoryLocks = new AdvisoryLocks(url));
}

/**
 * One dedicated PostgreSQL session per process that holds its provider slots as advisory locks. A session's
 * locks vanish with it, so a worker that dies (killed, crashed, cut off) frees its slots without anyone's help:
 * the session is the lease. TCP keepalives are set on the server side of the session, so a vanished machine's
 * slots come back within about a minute rather than the operating system's default two hours.
 */
class AdvisoryLocks {
  private client?: Promise<PgClient>;
  private readonly wakers = new Map<number, Set<() => void>>();
  private generation = 0;
  /** "key:slot" of the slots this process holds or is asking for: a session may take its own advisory lock twice. */
  readonly held = new Set<string>();

  constructor(readonly url: string) {}

  /** The session (connecting it when needed) and its generation: locks taken on an older one are gone. */
  async session(): Promise<{ client: PgClient; generation: number }> {
    if (!this.client) {
      const connecting: Promise<PgClient> = this.connect(() => connecting);
      this.client = connecting;
    }
    const client = await this.client;
    return { client, generation: this.generation };
  }

  private async connect(self: () => Promise<PgClient>): Promise<PgClient> {
    const { default: pg } = await import("pg");
    const url = new URL(this.url);
    url.searchParams.delete("schema");
    const client = new pg.Client({ connectionString: url.toString(), keepAlive: true, application_name: "image-studio provider slots" });
    const drop = (error?: Error) => {
      if (this.client !== self()) return; // already replaced (or closed)
      if (error) log.warn("provider slot session lost; its slots are released", { error: error.message });
      this.generation++;
      this.client = undefined;
      for (const key of this.wakers.keys()) this.wake(key);
    };
    client.on("error", drop);
    client.on("notification", (message) => message.channel === slotChannel && this.wake(Number(message.payload)));
    try {
      await client.connect();
      await client.query("SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3");
      await client.query(`LISTEN ${slotChannel}`);
    } catch (error) {
      if (this.client === self()) this.client = undefined;
      client.removeAllListeners("error");
      client.on("error", () => undefined);
      await client.end().catch(() => undefined);
      throw error;
    }
    client.once("end", () => drop());
    return client;
  }

  /** One query at a time on the session (pg's client would queue them too, but warns). */
  private queue: Promise<unknown> = Promise.resolve();
  private query<R extends object>(client: PgClient, text: string, values: unknown[]): Promise<R[]> {
    const run = this.queue.then(() => client.query<R>(text, values)).then((result) => result.rows);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async tryLock(key: number, slot: number): Promise<number | null> {
    const { client, generation } = await this.session();
    const rows = await this.query<{ locked: boolean }>(client, "SELECT pg_try_advisory_lock($1, $2) AS locked", [key, slot]);
    return rows[0]?.locked ? generation : null;
  }

  async unlock(key: number, slot: number, generation: number): Promise<void> {
    try {
      if (generation !== this.generation || !this.client) return; // that session, and its locks, are gone
      const { client } = await this.session();
      await this.query(client, "SELECT pg_advisory_unlock($1, $2), pg_notify($3, $1::text)", [key, slot, slotChannel]);
    } catch (error) {
      log.warn("could not release a provider slot (it goes with its session)", { error: (error as Error).message });
    } finally {
      this.wake(key);
    }
  }

  /** Resolves when a slot of `key` may have come free (a release anywhere), or after `ms`. */
  waitForRelease(key: number, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const set = this.wakers.get(key) ?? new Set();
      this.wakers.set(key, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        signal?.removeEventListener("abort", aborted);
        resolve();
      };
      const aborted = () => {
        done();
        reject(signal!.reason);
      };
      const timer = setTimeout(done, ms);
      set.add(done);
      signal?.addEventListener("abort", aborted, { once: true });
    });
  }

  private wake(key: number): void {
    for (const done of [...(this.wakers.get(key) ?? [])]) done();
  }

  async close(): Promise<void> {
    const pending = this.client;
    this.client = undefined;
    this.generation++;
    const client = await pending?.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }
}

type PgClient = import("pg").Client;

/**
 * A counting semaphore across every process on one PostgreSQL database: slot i of a provider is the advisory
 * lock (key, i), key derived from the database schema and the provider. A call takes any free slot with
 * pg_try_advisory_lock; when none is free it waits for a release (LISTEN/NOTIFY, and a poll as a safety net).
 * Slots this process holds are tracked here too, because a session may take its own advisory lock twice.
 */
export class ClusterSemaphore implements ProviderSlots {
  private readonly key: number;
  private readonly locks: AdvisoryLocks;

  constructor(provider: string, private readonly limit: number, databaseUrl: string) {
    const schema = new URL(databaseUrl).searchParams.get("schema") ?? "public";
    this.key = createHash("sha256").update(`image-studio provider slots|${schema}|${provider}`).digest().readInt32BE(0);
    this.locks = advisoryLocksFor(databaseUrl);
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const slot = await this.acquire(signal);
    try {
      return await task();
    } finally {
      await this.release(slot);
    }
  }

  private async release(slot: { index: number; generation: number }): Promise<void> {
    this.locks.held.delete(`${this.key}:${slot.index}`);
    await this.locks.unlock(this.key, slot.index, slot.generation);
  }

  private async acquire(signal?: AbortSignal): Promise<{ index: number; generation: number }> {
    let warned = false;
    const { held } = this.locks;
    for (;;) {
      signal?.throwIfAborted();
      const start = Math.floor(Math.random() * this.limit); // spread contenders over the slots
      for (let i = 0; i < this.limit; i++) {
        const index = (start + i) % this.limit;
        const name = `${this.key}:${index}`;
        if (held.has(name)) continue;
        held.add(name); // ours while we ask, so no other call of this process asks for it at once
        let generation: number | null = null;
        try {
          generation = await this.locks.tryLock(this.key, index);
        } catch (error) {
          held.delete(name);
          if (signal?.aborted) throw signal.reason;
          if (!warned) log.warn("provider slots unavailable (database unreachable?); retrying", { error: (error as Error).message });
          warned = true;
          break;
        }
        if (generation === null) {
          held.delete(name);
          continue;
        }
        if (signal?.aborted) {
          await this.release({ index, generation });
          throw signal.reason;
        }
        return { index, generation };
      }
      await this.locks.waitForRelease(this.key, 250 + Math.random() * 750, signal);
    }
  }
}
