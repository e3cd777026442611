import "server-only";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { guardedLookup, refusedLiteralHost } from "@/lib/net/addresses";
import { signWebhook } from "@/lib/net/standard-webhooks";
import { hostOf, webhookUrlProblem } from "./target";

export interface PostWebhookOptions {
  url: string;
  /** The `webhook-id`: the same on every attempt of one message. */
  id: string;
  body: string;
  secret: string;
  timeoutMs: number;
  /** ALLOW_PRIVATE_WEBHOOK_URLS. */
  allowPrivate: boolean;
  /** Seconds since the epoch of this attempt (tests). */
  timestamp?: number;
}

/** One attempt's outcome: `status` when the receiver answered; `ok` only for a 2xx. */
export interface PostWebhookResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

const MAX_ERROR_BODY = 300;

/**
 * POSTs one signed attempt of a webhook (Standard Webhooks headers, a fresh timestamp per attempt). Never
 * follows redirects, never connects to a private or special-purpose address (checked on the address connected
 * to), and gives up after `timeoutMs` for the whole exchange. Never throws: failures come back as `error`.
 */
export function postWebhook(options: PostWebhookOptions): Promise<PostWebhookResult> {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    return Promise.resolve({ ok: false, status: null, error: "not a URL" });
  }
  const problem = webhookUrlProblem(url);
  if (problem) return Promise.resolve({ ok: false, status: null, error: problem });
  const host = hostOf(url);
  // Connections to IP literals skip the lookup, so those are checked here.
  const refused = options.allowPrivate ? null : refusedLiteralHost(host);
  if (refused) return Promise.resolve({ ok: false, status: null, error: `not a public address: ${refused}` });

  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const body = Buffer.from(options.body, "utf8");
  const headers = {
    "content-type": "application/json",
    "content-length": String(body.length),
    "user-agent": "image-studio-webhooks/1",
    "webhook-id": options.id,
    "webhook-timestamp": timestamp,
    "webhook-signature": signWebhook({ id: options.id, timestamp, body, secret: options.secret }),
  };
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;

  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostWebhookResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(result);
    };
    // No pooled sockets: each attempt connects through the guarded lookup.
    const request = send(url, { method: "POST", headers, agent: false, lookup: guardedLookup(options.allowPrivate) }, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        response.resume();
        return finish({ ok: true, status, error: null });
      }
      if (status >= 300 && status < 400) {
        response.resume();
        return finish({ ok: false, status, error: `HTTP ${status}: redirects are not followed (Location: ${response.headers.location ?? "none"})` });
      }
      void readSome(response).then((text) => finish({ ok: false, status, error: `HTTP ${status}${text ? `: ${text}` : ""}` }));
    });
    const timer = setTimeout(() => finish({ ok: false, status: null, error: `no answer within ${options.timeoutMs / 1000} s` }), options.timeoutMs);
    request.on("error", (error: NodeJS.ErrnoException) => finish({ ok: false, status: null, error: error.code && !error.message.includes(error.code) ? `${error.code}: ${error.message}` : error.message }));
    request.end(body);
  });
}

/** The start of an error answer, for the delivery's `lastError`. */
async function readSome(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response) {
      chunks.push(chunk as Buffer);
      total += (chunk as Buffer).length;
      if (total >= MAX_ERROR_BODY) break;
    }
  } catch {
    /* the answer's status is what matters */
  }
  return Buffer.concat(chunks).toString("utf8").slice(0, MAX_ERROR_BODY).replace(/\s+/g, " ").trim();
}
