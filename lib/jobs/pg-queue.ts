import "server-only";
import { createHash } from "node:crypto";
import type PgBoss from "pg-boss";
import { log } from "@/lib/log";
import type { JobQueue } from "./queue";

/**
 * The PostgreSQL queue (QUEUE_DRIVER=postgres, the default on PostgreSQL): pg-boss 10 in its own schema of the
 * app's database. Every web instance sends job ids into it; every worker process (`npm run worker`, or a web
 * instance with WORKER=on) takes them out, WORKER_CONCURRENCY at a time.
 *
 * What pg-boss gives: messages that outlive any process (rows in PostgreSQL), one delivery at a time per message
 * (SKIP LOCKED), retries with exponential backoff and jitter when a delivery fails (the handler threw: database
 * unreachable, …), a message whose retries are spent moved to a dead-letter queue, whose consumer fails the job's
 * row with a clear error (GET /api/v1/jobs?status=failed lists it).
 *
 * What it does not replace: the job row stays the truth. A delivery only says "job X may be ready"; the handler
 * claims the row atomically (a duplicate delivery is a no-op), renews a lease while it runs, and a crashed
 * worker's job is taken over by another worker's sweep once its lease has expired (lib/jobs/lease.ts, worker.ts).
 * pg-boss's own expiry (an hour here) is only a backstop for a message whose worker died before claiming it.
 */

export const jobsQueueName = "image-studio-jobs";
export const deadJobsQueueName = "image-studio-jobs-dead";

/**
 * pg-boss's schema for a database URL: `pgboss`, or `<schema>_pgboss` beside a `?schema=` the app uses (each
 * test file's schema gets its own queue, dropped with it).
 */
export function pgBossSchemaFor(databaseUrl: string): string {
  const schema = new URL(databaseUrl).searchParams.get("schema");
  if (!schema || schema === "public") return "pgboss";
  const name = `${schema}_pgboss`.toLowerCase();
  return /^[a-z_]\w{0,49}$/.test(name) ? name : `pgboss_${createHash("sha256").update(schema).digest("hex").slice(0, 16)}`;
}

export interface PgBossQueueOptions {
  /** The app's DATABASE_URL (its `?schema=` picks pg-boss's schema). */
  databaseUrl: string;
  /** Deliveries after the first when the handler throws (default 5: about 2, 4, 8, 16, 32 s apart, with jitter). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A delivery not finished after this long is failed and retried (default 3600 s): the backstop above. */
  expireInSeconds?: number;
  /** How often an idle worker asks for a job (pg-boss's minimum is 0.5 s; a send in this process wakes it at once). */
  pollingIntervalSeconds?: number;
  /** Connections of pg-boss's own pool. */
  poolSize?: number;
  /** A job whose deliveries all failed: fail its row (reason: the last error). */
  onDead?: (jobId: string, reason: string) => Promise<void>;
  /** How many jobs an owner has waiting: later jobs of a big batch get a lower priority, so others are not starved. */
  backlogOf?: (ownerId: string) => Promise<number>;
}

interface Message {
  jobId: string;
  ownerId?: string;
}

export class PgBossQueue implements JobQueue {
  readonly driver = "postgres";
  readonly schema: string;
  private boss?: Promise<PgBoss>;
  private started?: Promise<void>;
  private workerIds: string[] = [];
  private readonly running = new Set<Promise<unknown>>();
  private stopping = false;
  private wakeOnStop?: () => void;

  constructor(private readonly options: PgBossQueueOptions) {
    this.schema = pgBossSchemaFor(options.databaseUrl);
  }

  /** pg-boss, started (its schema created or migrated on first use) with both queues created. */
  private connect(): Promise<PgBoss> {
    this.boss ??= (async () => {
      const { default: PgBossClass } = await import("pg-boss");
      const url = new URL(this.options.databaseUrl);
      url.searchParams.delete("schema");
      const boss = new PgBossClass({
        connectionString: url.toString(),
        schema: this.schema,
        max: this.options.poolSize ?? 4,
        application_name: "image-studio queue",
        schedule: false, // no cron jobs
        supervise: true, // expiry and archiving; pg-boss runs them in one instance at a time
        archiveFailedAfterSeconds: 7 * 24 * 3600, // dead messages stay visible in <schema>.job for a week
      });
      boss.on("error", (error) => log.warn("queue error", { error: (error as Error).message ?? String(error) }));
      try {
        await boss.start();
        // Several processes starting on a fresh database create the queues at once, which PostgreSQL may answer
        // with a deadlock: look first, and try again after a moment.
        for (let attempt = 1; ; attempt++) {
          try {
            await this.createQueues(boss);
            break;
          } catch (error) {
            if (attempt >= 6) throw error;
            await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 200));
          }
        }
      } catch (error) {
        await boss.stop({ graceful: false, close: true }).catch(() => undefined);
        throw error;
      }
      return boss;
    })().catch((error) => {
      this.boss = undefined;
      throw error;
    });
    return this.boss;
  }

  /** Retries, backoff, expiry and dead letter of each message (also the queue's defaults, set at its creation). */
  private deliveryPolicy() {
    return {
      retryLimit: this.options.retryLimit ?? 5,
      retryDelay: this.options.retryDelaySeconds ?? 2,
      retryBackoff: true,
      expireInSeconds: this.options.expireInSeconds ?? 3600,
      deadLetter: deadJobsQueueName,
    };
  }

  private async createQueues(boss: PgBoss): Promise<void> {
    if (!(await boss.getQueue(deadJobsQueueName))) {
      await boss.createQueue(deadJobsQueueName, { name: deadJobsQueueName, retryLimit: 3, retryDelay: 5, retryBackoff: true });
    }
    if (!(await boss.getQueue(jobsQueueName))) {
      await boss.createQueue(jobsQueueName, { name: jobsQueueName, ...this.deliveryPolicy() });
    }
  }

  async enqueue(jobId: string, options: { ownerId?: string } = {}): Promise<void> {
    const boss = await this.connect();
    const backlog = options.ownerId && this.options.backlogOf ? await this.options.backlogOf(options.ownerId) : 1;
    const message: Message = { jobId, ...(options.ownerId ? { ownerId: options.ownerId } : {}) };
    await boss.send(jobsQueueName, message, { priority: -Math.min(Math.max(0, backlog - 1), 10_000), ...this.deliveryPolicy() });
    for (const id of this.workerIds) boss.notifyWorker(id); // an idle worker of this process takes it at once
  }

  /** Starts `concurrency` pollers (and the dead-letter consumer); until the database answers, tries again. */
  start(handler: (jobId: string) => Promise<void>, concurrency: number): void {
    this.stopping = false;
    const polling = { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 1 };
    this.started = (async () => {
      for (let attempt = 1; !this.stopping; attempt++) {
        try {
          const boss = await this.connect();
          for (let i = 0; i < Math.max(1, concurrency); i++) {
            // A poller that just ran a job asks again at once (pg-boss would otherwise wait out its polling interval
            // after every job, capping a worker at `concurrency` jobs a second); an empty fetch waits as usual.
            const poller = { id: "" };
            poller.id = await boss.work<Message>(jobsQueueName, { ...polling, batchSize: 1, includeMetadata: true }, async ([job]) => {
              try {
                await this.deliver(job, handler);
              } finally {
                if (poller.id && !this.stopping) boss.notifyWorker(poller.id);
              }
            });
            this.workerIds.push(poller.id);
          }
          const deadPolling = { pollingIntervalSeconds: 5 * polling.pollingIntervalSeconds }; // dead jobs are rare: ask less often
          this.workerIds.push(await boss.work<Message>(deadJobsQueueName, { ...deadPolling, includeMetadata: true }, ([job]) => this.bury(job)));
          return;
        } catch (error) {
          const delayMs = Math.min(30_000, 1000 * 2 ** Math.min(attempt - 1, 5));
          log.error("the job queue could not start; trying again", { attempt, delayMs, error });
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, delayMs);
            this.wakeOnStop = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      }
    })();
  }

  /** Resolves once start() has its workers polling (tests, the worker script). */
  async ready(): Promise<void> {
    await this.started;
  }

  private async deliver(job: PgBoss.JobWithMetadata<Message>, handler: (jobId: string) => Promise<void>): Promise<void> {
    // A message fetched while this worker stops goes back for another worker (as a failed delivery: retried).
    if (this.stopping) throw new Error("This worker is shutting down.");
    const run = handler(job.data.jobId);
    this.running.add(run);
    try {
      await run;
    } catch (error) {
      const last = job.retryCount >= job.retryLimit;
      log.warn(last ? "job delivery failed for good" : "job delivery failed; pg-boss retries it", {
        jobId: job.data.jobId,
        delivery: job.retryCount + 1,
        of: job.retryLimit + 1,
        error: (error as Error).message,
      });
      throw error;
    } finally {
      this.running.delete(run);
    }
  }

  private async bury(job: PgBoss.JobWithMetadata<Message>): Promise<void> {
    const output = job.output as { message?: string } | null;
    const reason = output?.message ?? "its deliveries kept failing";
    log.error("dead job", { jobId: job.data.jobId, reason });
    await this.options.onDead?.(job.data.jobId, reason);
  }

  /** The job ids among `jobIds` that have a message waiting, retrying or being delivered. */
  async waiting(jobIds: string[]): Promise<Set<string>> {
    if (!jobIds.length) return new Set();
    const boss = await this.connect();
    const { rows } = await boss.getDb().executeSql(
      `SELECT DISTINCT data->>'jobId' AS id FROM ${this.schema}.job WHERE name = $1 AND state < 'completed' AND data->>'jobId' = ANY($2::text[])`,
      [jobsQueueName, jobIds],
    );
    return new Set(rows.map((r: { id: string }) => r.id));
  }

  /**
   * Stops taking jobs, waits for the running ones (at most `timeoutMs`, default: as long as they take) and closes
   * pg-boss. Deliveries still running then are failed back to pg-boss, which retries them elsewhere.
   */
  async stop(options: { timeoutMs?: number } = {}): Promise<void> {
    this.stopping = true;
    this.wakeOnStop?.();
    await this.started;
    const pending = this.boss;
    if (!pending) return;
    const boss = await pending.catch(() => undefined);
    if (!boss) return;
    for (const id of this.workerIds.splice(0)) await boss.offWork({ id }).catch(() => undefined);
    const drained = Promise.allSettled([...this.running]);
    if (options.timeoutMs === undefined) await drained;
    else {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([drained, new Promise((resolve) => (timer = setTimeout(resolve, options.timeoutMs)))]);
      clearTimeout(timer);
    }
    this.boss = undefined;
    this.started = undefined;
    await boss.stop({ graceful: false, close: true }).catch((error) => log.warn("queue stop failed", { error: (error as Error).message }));
  }
}
