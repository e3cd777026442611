/** Reads a Server-Sent Events response to its end, for benchmarks: every event with the time it arrived. */

export interface SseEvent {
  id: number;
  event: string;
  /** The raw `data:` text (compared between streams as it came). */
  data: string;
  /** performance.now() when the chunk holding it was read. */
  at: number;
}

export interface SseRead {
  events: SseEvent[];
  /** Comment lines (": heartbeat"). */
  comments: number;
  /** The server closed the stream. */
  closed: boolean;
  /** performance.now() when the end of the stream was read. */
  closedAt?: number;
  /** What went wrong: a read error, no end in time, a malformed frame. */
  error?: string;
}

export async function readSse(res: Response, timeoutMs: number): Promise<SseRead> {
  const events: SseEvent[] = [];
  let comments = 0;
  let error: string | undefined;
  if (!res.body) return { events, comments, closed: false, error: "response without a body" };
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));

  const parse = (frame: string, at: number) => {
    const fields: Record<string, string> = {};
    for (const line of frame.split("\n")) {
      if (line.startsWith(":")) comments++;
      else if (line) {
        const colon = line.indexOf(":");
        const key = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        fields[key] = key === "data" && fields.data !== undefined ? `${fields.data}\n${value}` : value;
      }
    }
    if (fields.event === undefined && fields.data === undefined) return;
    try {
      JSON.parse(fields.data ?? "");
    } catch {
      error ??= `event ${fields.id ?? "?"} (${fields.event ?? "message"}) has no JSON data`;
    }
    events.push({ id: Number(fields.id), event: fields.event ?? "message", data: fields.data ?? "", at });
  };

  try {
    for (;;) {
      const read = await Promise.race([reader.read(), timeout]);
      if (read === "timeout") {
        void reader.cancel().catch(() => undefined);
        return { events, comments, closed: false, error: error ?? `not closed within ${timeoutMs} ms` };
      }
      const at = performance.now();
      if (read.done) {
        if (buffer.trim()) error ??= "stream ended inside a frame";
        return { events, comments, closed: true, closedAt: at, error };
      }
      buffer += decoder.decode(read.value, { stream: true });
      for (let i = buffer.indexOf("\n\n"); i >= 0; i = buffer.indexOf("\n\n")) {
        parse(buffer.slice(0, i), at);
        buffer = buffer.slice(i + 2);
      }
    }
  } catch (e) {
    return { events, comments, closed: false, error: `read failed: ${(e as Error).message ?? e}` };
  } finally {
    clearTimeout(timer);
  }
}
