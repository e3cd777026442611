import { AppError } from "@/lib/errors";

export interface GateState {
  /** Runs holding a slot now. */
  active: number;
  /** Runs waiting for a slot, in arrival order. */
  waiting: number;
  slots: number;
  queue: number;
}

/**
 * A cap on concurrent processing in one process: `slots` runs at once, up to `queue` more wait in arrival
 * order, and any further run is refused at once with 503 `busy` and a Retry-After estimated from recent run
 * times. A freed slot passes straight to the next waiter, so nothing can overtake the queue.
 */
export class ProcessingGate {
  private active = 0;
  private readonly waiters: (() => void)[] = [];
  /** Exponentially weighted average of recent run times, in seconds. */
  private averageSeconds = 1;

  constructor(
    readonly slots: number,
    readonly queue: number,
  ) {}

  get state(): GateState {
    return { active: this.active, waiting: this.waiters.length, slots: this.slots, queue: this.queue };
  }

  /** Seconds until a retry has a fair chance: the queue ahead shared by the slots, 1–60. */
  retryAfter(): number {
    const ahead = this.waiters.length + 1;
    return Math.min(60, Math.max(1, Math.ceil((this.averageSeconds * ahead) / this.slots)));
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.slots) {
      this.active++;
    } else if (this.waiters.length < this.queue) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    } else {
      const retryAfter = this.retryAfter();
      throw new AppError(
        "busy",
        `The studio is busy processing images (${this.active} running, ${this.waiters.length} waiting; PROCESSING_CONCURRENCY=` +
          `${this.slots}, PROCESSING_QUEUE=${this.queue}): try again in ${retryAfter} s.`,
        { retryAfter, details: { ...this.state } },
      );
    }
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.averageSeconds = 0.7 * this.averageSeconds + 0.3 * ((performance.now() - started) / 1000);
      const next = this.waiters.shift();
      if (next) next();
      else this.active--;
    }
  }
}
