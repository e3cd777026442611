import "server-only";

/**
 * The queue seam: where job ids wait for a worker. The embedded default runs them in this process; the
 * scale-out release drops in a PostgreSQL-backed queue behind the same interface. The job row in the
 * database is the source of truth; the queue only carries ids.
 */
export interface JobQueue {
  /** Makes a job available to a worker. */
  enqueue(jobId: string, options?: { ownerId?: string }): Promise<void>;
  /** Starts handing jobs to `handler`, at most `concurrency` at a time. */
  start(handler: (jobId: string) => Promise<void>, concurrency: number): void;
  /** Waits for running jobs to finish (at most `timeoutMs` when given) and stops taking new ones. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** "in-process" or "postgres" (logs). */
  readonly driver?: string;
  /**
   * Shared queues only: which of these job ids have a message waiting or being delivered, so a sweep can re-send
   * the others (a web instance that died between writing a job's row and sending its message).
   */
  waiting?(jobIds: string[]): Promise<Set<string>>;
}

/**
 * In-process queue with a concurrency limit and fair ordering: jobs are taken round-robin across owners, so
 * one user's batch of a hundred does not starve another user's single request.
 */
export class InProcessQueue implements JobQueue {
  private readonly lanes = new Map<string, string[]>();
  private order: string[] = [];
  private handler?: (jobId: string) => Promise<void>;
  private concurrency = 1;
  private running = new Set<Promise<void>>();
  private stopped = false;

  async enqueue(jobId: string, options: { ownerId?: string } = {}): Promise<void> {
    const owner = options.ownerId ?? "";
    if (!this.lanes.has(owner)) {
      this.lanes.set(owner, []);
      this.order.push(owner);
    }
    this.lanes.get(owner)!.push(jobId);
    this.pump();
  }

  start(handler: (jobId: string) => Promise<void>, concurrency: number): void {
    this.handler = handler;
    this.concurrency = Math.max(1, concurrency);
    this.stopped = false;
    this.pump();
  }

  readonly driver = "in-process";

  async stop(options: { timeoutMs?: number } = {}): Promise<void> {
    this.stopped = true;
    const drained = Promise.allSettled([...this.running]);
    if (options.timeoutMs === undefined) return void (await drained);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([drained, new Promise((resolve) => (timer = setTimeout(resolve, options.timeoutMs)))]);
    clearTimeout(timer);
  }

  /** Jobs waiting (not yet handed to the handler). */
  get pending(): number {
    let n = 0;
    for (const lane of this.lanes.values()) n += lane.length;
    return n;
  }

  private next(): string | undefined {
    for (let i = 0; i < this.order.length; i++) {
      const owner = this.order.shift()!;
      const lane = this.lanes.get(owner)!;
      const id = lane.shift();
      if (lane.length) this.order.push(owner);
      else this.lanes.delete(owner);
      if (id) return id;
    }
    return undefined;
  }

  private pump(): void {
    while (this.handler && !this.stopped && this.running.size < this.concurrency) {
      const id = this.next();
      if (!id) return;
      const run = this.handler(id)
        .catch(() => undefined) // the handler records its own failures on the job row
        .finally(() => {
          this.running.delete(run);
          this.pump();
        });
      this.running.add(run);
    }
  }
}
