import "server-only";
import { log } from "@/lib/log";

/**
 * One reader per job and process over the job's event log, fanned out to every stream of that job here.
 *
 * The first subscriber of a job starts its feed; the feed learns the log's last `seq`, then reads the rows after
 * it (`seq > cursor`) whenever this process writes one (a wake-up) and on a poll timer (the job may run in another
 * process, or a cancel there may write its end), and hands each new row to every subscriber. It stops when its
 * last subscriber leaves, or after handing out the job's final event.
 *
 * A subscriber first replays from its own Last-Event-ID with its own read, while the feed's rows for it are held;
 * then it goes live. The replay read starts after the subscriber joined and after the feed knows its cursor, so
 * it sees at least every row the feed had read before (rows are numbered without holes and never change): replay
 * and feed overlap but leave no gap, and a subscriber drops every row at or below the last `seq` it passed on.
 */

export interface FeedEvent {
  seq: number;
  type: string;
  data: unknown;
}

/** What a feed reads: the job's event log (lib/jobs/event-log.ts). */
export interface FeedSource {
  /** The job's events after `afterSeq`, oldest first, at most `pageSize`. */
  read(jobId: string, afterSeq: number): Promise<FeedEvent[]>;
  pageSize: number;
  /** The log's last event (null when it has none). */
  last(jobId: string): Promise<{ seq: number; type: string } | null>;
  /**
   * After a poll found no final event: "open" (the job goes on), "gone" (no such job: end) or "again" (a final
   * event exists or was just written for a job that ended without one: read once more).
   */
  check(jobId: string): Promise<"open" | "gone" | "again">;
  isFinal(type: string): boolean;
  /** Calls `wake` after each event this process writes for the job; returns the unsubscribe. */
  watch(jobId: string, wake: () => void): () => void;
}

export interface FeedSink {
  /** The next event after the subscriber's Last-Event-ID: in `seq` order, each once. */
  event(event: FeedEvent): void;
  /** No more events: the final one was passed on, the client already had it, the job is gone, or reading failed. */
  end(): void;
}

/** Counters since the process started, for tests and benchmarks. */
export interface JobEventFeedStats {
  /** Feeds (shared readers) started. */
  feedsStarted: number;
  /** Reads of new rows by feeds (not counting `last`). */
  feedReads: number;
  /** Reads by subscribers replaying what they missed. */
  replayReads: number;
}
const stats: JobEventFeedStats = { feedsStarted: 0, feedReads: 0, replayReads: 0 };

const END = Symbol("end");
type Item = FeedEvent | typeof END;

class Subscription {
  /** Held while the replay runs; null once live. */
  private held: Item[] | null = [];
  closed = false;

  constructor(
    private readonly feed: JobFeed,
    /** The last seq passed on (or the client's Last-Event-ID). */
    public cursor: number,
    private readonly sink: FeedSink,
    private readonly onClose: () => void,
  ) {}

  push(item: Item) {
    if (this.held) this.held.push(item);
    else this.take(item);
  }

  private take(item: Item) {
    if (this.closed) return;
    if (item === END) return this.close(true);
    if (item.seq <= this.cursor) return; // replayed already, or the client had it
    this.cursor = item.seq;
    this.sink.event(item);
    if (this.feed.source.isFinal(item.type)) this.close(true);
  }

  /** Its own read of what it missed up to the feed's cursor, then the rows the feed handed out meanwhile. */
  async replay() {
    const { feed } = this;
    try {
      await feed.ready;
      const upTo = feed.cursor; // every later row reaches `held`
      while (!this.closed && this.cursor < upTo) {
        const events = await feed.source.read(feed.jobId, this.cursor);
        stats.replayReads++;
        for (const event of events) this.take(event);
        if (events.length < feed.source.pageSize) break;
      }
    } catch (error) {
      log.warn("job event replay failed", { jobId: feed.jobId, error });
      return this.close(true);
    }
    const held = this.held ?? [];
    this.held = null;
    for (const item of held) this.take(item);
  }

  close(notify: boolean) {
    if (this.closed) return;
    this.closed = true;
    this.held = null;
    this.feed.leave(this);
    this.onClose();
    if (notify) this.sink.end();
  }
}

class JobFeed {
  readonly subscribers = new Set<Subscription>();
  /** Every row up to here was read and handed to the subscribers of that moment. */
  cursor = 0;
  readonly ready: Promise<void>;
  private primed = false;
  private done = false;
  private busy = false;
  private again = false;
  private checkJob = false;
  private timer?: NodeJS.Timeout;
  private readonly unwatch: () => void;

  constructor(
    private readonly feeds: Map<string, JobFeed>,
    readonly jobId: string,
    readonly source: FeedSource,
    private pollMs: number,
  ) {
    stats.feedsStarted++;
    this.unwatch = source.watch(jobId, () => void this.pump(false));
    this.ready = this.prime();
  }

  private async prime() {
    try {
      const last = await this.source.last(this.jobId);
      if (this.done) return;
      this.cursor = last?.seq ?? 0;
      this.primed = true;
      if (last && this.source.isFinal(last.type)) return this.finish(); // nothing will follow: replays suffice
      this.schedule();
      void this.pump(true);
    } catch (error) {
      log.warn("job event feed failed", { jobId: this.jobId, error });
      this.finish();
    }
  }

  private schedule() {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.pump(true), this.pollMs);
    this.timer.unref?.();
  }

  /** A later subscriber asking for a shorter poll interval gets it for the whole feed. */
  pollAtLeastEvery(ms: number) {
    if (ms >= this.pollMs) return;
    this.pollMs = ms;
    if (this.timer) this.schedule();
  }

  /** Reads what is new and hands it out; `checkJob` (polls) also looks at the job's row when nothing ended. */
  private async pump(checkJob: boolean): Promise<void> {
    this.checkJob ||= checkJob;
    if (this.done || !this.primed) return;
    if (this.busy) return void (this.again = true);
    this.busy = true;
    try {
      do {
        this.again = false;
        const events = await this.source.read(this.jobId, this.cursor);
        stats.feedReads++;
        if (this.done) return;
        for (const event of events) {
          this.cursor = event.seq;
          for (const subscriber of [...this.subscribers]) subscriber.push(event);
          if (this.source.isFinal(event.type)) return this.finish();
        }
        if (events.length >= this.source.pageSize) {
          this.again = true;
        } else if (this.checkJob) {
          this.checkJob = false;
          const state = await this.source.check(this.jobId);
          if (this.done) return;
          if (state === "gone") return this.finish();
          if (state === "again") this.again = true;
        }
      } while (this.again && !this.done);
    } catch (error) {
      log.warn("job event feed failed", { jobId: this.jobId, error });
      this.finish();
    } finally {
      this.busy = false;
    }
  }

  /** No more rows will come: every subscriber ends once it has passed on what it holds. */
  private finish() {
    if (this.done) return;
    this.stop();
    for (const subscriber of [...this.subscribers]) subscriber.push(END);
  }

  private stop() {
    this.done = true;
    clearInterval(this.timer);
    this.unwatch();
    if (this.feeds.get(this.jobId) === this) this.feeds.delete(this.jobId);
  }

  leave(subscriber: Subscription) {
    this.subscribers.delete(subscriber);
    if (!this.subscribers.size && !this.done) this.stop();
  }
}

export interface JobEventFeeds {
  /**
   * Passes the job's events after `afterSeq` to `sink`, then live ones, until the final event; returns the
   * unsubscribe (idempotent; `sink.end` is not called for it).
   */
  subscribe(jobId: string, afterSeq: number, sink: FeedSink, options: { pollMs: number }): () => void;
  /** Subscribers of the job in this process (replaying or live). */
  subscribers(jobId: string): number;
  /** Feeds running now (one per job with subscribers), and the counters. */
  stats(): JobEventFeedStats & { feeds: number };
}

export function createJobEventFeeds(source: FeedSource): JobEventFeeds {
  const feeds = new Map<string, JobFeed>();
  const open = new Map<string, number>();
  const count = (jobId: string, delta: number) => {
    const n = (open.get(jobId) ?? 0) + delta;
    if (n > 0) open.set(jobId, n);
    else open.delete(jobId);
  };
  return {
    subscribe(jobId, afterSeq, sink, { pollMs }) {
      let feed = feeds.get(jobId);
      if (feed) feed.pollAtLeastEvery(pollMs);
      else feeds.set(jobId, (feed = new JobFeed(feeds, jobId, source, pollMs)));
      count(jobId, 1);
      const subscription = new Subscription(feed, afterSeq, sink, () => count(jobId, -1));
      feed.subscribers.add(subscription);
      void subscription.replay();
      return () => subscription.close(false);
    },
    subscribers: (jobId) => open.get(jobId) ?? 0,
    stats: () => ({ ...stats, feeds: feeds.size }),
  };
}
