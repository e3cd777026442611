// followJob through network drops, with a scripted EventSource and fetch (the browser's parts; the server's stream
// is covered by the integration tests of the event log and by e2e/generation-reuse-and-failures.spec.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Job } from "@/components/api/generation";
import { followJob } from "./follow-job";

class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static all: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  constructor(readonly url: string) {
    super();
    FakeEventSource.all.push(this);
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.dispatchEvent(new Event("open"));
  }
  emit(type: string, id: number, data: unknown) {
    this.dispatchEvent(new MessageEvent(type, { data: JSON.stringify(data), lastEventId: String(id) }));
  }
  /** The server refused it (a 502, a 404): the browser will not retry. */
  refuse() {
    this.readyState = FakeEventSource.CLOSED;
    this.dispatchEvent(new Event("error"));
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}

const job = (status: Job["status"], change: Partial<Job> = {}): Job => ({
  id: "job_1",
  type: "generate",
  status,
  progress: status === "succeeded" ? 1 : 0.2,
  provider: "local",
  model: "local-v1",
  images: [],
  error: null,
  costUsd: 0,
  modelMigration: null,
  reservedUsd: 0,
  attempts: 0,
  createdAt: "2026-12-07T04:00:00.000Z",
  startedAt: null,
  finishedAt: null,
  ...change,
});

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
const latest = () => FakeEventSource.all.at(-1)!;
const online = (value: boolean) => {
  (navigator as { onLine: boolean }).onLine = value;
  window.dispatchEvent(new Event(value ? "online" : "offline"));
};

let fetchMock: ReturnType<typeof vi.fn>;
beforeEach(() => {
  FakeEventSource.all = [];
  vi.stubGlobal("EventSource", FakeEventSource);
  vi.stubGlobal("window", new EventTarget());
  vi.stubGlobal("navigator", { onLine: true });
  fetchMock = vi.fn();
  vi.stubGlobal("fetch", fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

describe("followJob", () => {
  it("goes offline saying it is reconnecting, then resumes from the last event id and ends with the replay", async () => {
    const progress: number[] = [];
    const images: string[] = [];
    const connection: string[] = [];
    const done = followJob(job("running"), new AbortController().signal, {
      onProgress: (p) => progress.push(p),
      onImage: (image) => images.push(image.id),
      onConnection: (state) => connection.push(state),
    });
    const first = latest();
    expect(first.url).toBe("/api/v1/jobs/job_1/events");
    first.open();
    first.emit("progress", 1, { progress: 0.25 });
    first.emit("progress", 2, { progress: 0.5 });

    online(false);
    expect(first.readyState).toBe(FakeEventSource.CLOSED);
    await vi.waitFor(() => expect(connection).toEqual(["reconnecting"]));
    await new Promise((r) => setTimeout(r, 400)); // offline: no new stream, however long
    expect(FakeEventSource.all).toHaveLength(1);

    online(true);
    await vi.waitFor(() => expect(FakeEventSource.all).toHaveLength(2));
    const second = latest();
    expect(second.url).toBe("/api/v1/jobs/job_1/events?lastEventId=2");
    second.open();
    second.emit("image", 3, { image: { id: "img_1" } });
    second.emit("completed", 4, { job: job("succeeded", { images: [] }) });
    await expect(done).resolves.toMatchObject({ status: "succeeded" });
    expect(progress).toEqual([0.25, 0.5]);
    expect(images).toEqual(["img_1"]);
    expect(connection).toEqual(["reconnecting", "live"]);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("waits out a network failure of the job's read, and stops at an answer that cannot change (404)", async () => {
    fetchMock.mockRejectedValueOnce(new TypeError("Failed to fetch")).mockResolvedValueOnce(json(404, { error: { code: "not_found", message: "Job not found" } }));
    const done = followJob(job("running"), new AbortController().signal);
    latest().refuse();
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(FakeEventSource.all).toHaveLength(2), { timeout: 3000 });
    latest().refuse();
    await expect(done).rejects.toMatchObject({ status: 404, code: "not_found" });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it("polls a job whose stream keeps being refused while the job itself can be read", async () => {
    fetchMock
      .mockResolvedValueOnce(json(200, job("running")))
      .mockResolvedValueOnce(json(200, job("running")))
      .mockResolvedValueOnce(json(200, job("succeeded")));
    const polled: string[] = [];
    const done = followJob(job("queued"), new AbortController().signal, { onPoll: (j) => polled.push(j.status) });
    latest().refuse();
    await vi.waitFor(() => expect(FakeEventSource.all).toHaveLength(2), { timeout: 3000 });
    latest().refuse();
    await expect(done).resolves.toMatchObject({ status: "succeeded" });
    expect(FakeEventSource.all).toHaveLength(2);
    expect(polled).toEqual(["running", "running", "succeeded"]);
  });
});
