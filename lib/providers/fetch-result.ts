import "server-only";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { guardedLookup, PRIVATE_ADDRESS_CODE, refusedLiteralHost } from "@/lib/net/addresses";
import { ProviderError, type ProviderId } from "./types";

export interface FetchResultOptions {
  provider: ProviderId;
  /** Host names (or suffixes starting with ".") the provider serves results from. */
  allowedHosts: string[];
  /** ALLOW_PRIVATE_PROVIDER_URLS: permit loopback/private addresses (tests, LAN servers). */
  allowPrivate: boolean;
  maxBytes: number;
  timeoutMs: number;
  signal: AbortSignal;
}

const hostAllowed = (host: string, allowed: string[]) =>
  allowed.some((a) => (a.startsWith(".") ? host.endsWith(a) || host === a.slice(1) : host === a));

/**
 * Downloads an image a provider answered with as a URL, refusing anything that could turn the server into a
 * proxy (SSRF): only https (http only when private addresses are allowed), only the provider's own hosts, no
 * private address — checked on the address the connection is made to, so DNS cannot answer one address to a
 * check and another to the download —, redirects followed by hand under the same rules, a size cap and a
 * timeout per hop. An abort of `options.signal` rejects with the abort error (callers classify it by the signal).
 */
export async function fetchResultUrl(url: string, options: FetchResultOptions): Promise<{ data: Buffer; mimeType: string | null }> {
  const refuse = (why: string) => new ProviderError(options.provider, "bad_request", `Refused result URL ${url}: ${why}`);
  let current = url;
  for (let redirects = 0; redirects <= 3; redirects++) {
    let parsed: URL;
    try {
      parsed = new URL(current);
    } catch {
      throw refuse("not a URL");
    }
    if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && options.allowPrivate)) throw refuse("only https is accepted");
    const host = parsed.hostname.replace(/^\[|\]$/g, "").toLowerCase();
    if (!hostAllowed(host, options.allowedHosts)) throw refuse(`host ${host} is not one of ${options.provider}'s`);
    // Connections to IP literals make no lookup, so those are checked here; names are checked as they connect.
    const refused = options.allowPrivate ? null : refusedLiteralHost(host);
    if (refused) throw refuse(`not a public address: ${refused}`);

    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = AbortSignal.any([options.signal, timeout]);
    try {
      const response = await get(parsed, options.allowPrivate, signal);
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        current = new URL(response.headers.location, parsed).toString();
        response.destroy();
        continue;
      }
      if (status < 200 || status >= 300) {
        response.destroy();
        throw new ProviderError(options.provider, status >= 500 ? "server" : "bad_request", `Result download failed with ${status}`, { status });
      }
      if (Number(response.headers["content-length"]) > options.maxBytes) {
        response.destroy();
        throw refuse(`the file is over ${options.maxBytes} bytes`);
      }
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of response) {
        total += (chunk as Buffer).length;
        if (total > options.maxBytes) {
          response.destroy();
          throw refuse(`the file is over ${options.maxBytes} bytes`);
        }
        chunks.push(chunk as Buffer);
      }
      const type = response.headers["content-type"];
      return { data: Buffer.concat(chunks, total), mimeType: type ?? null };
    } catch (error) {
      if (error instanceof ProviderError || options.signal.aborted) throw error;
      if ((error as NodeJS.ErrnoException).code === PRIVATE_ADDRESS_CODE) throw refuse((error as Error).message);
      if (timeout.aborted) {
        throw new ProviderError(options.provider, "timeout", `The result download from ${host} took over ${options.timeoutMs / 1000} s`, { cause: error });
      }
      const message = error instanceof Error ? error.message : String(error);
      throw new ProviderError(options.provider, "network", `The result download from ${host} failed: ${message}`, { cause: error });
    }
  }
  throw refuse("too many redirects");
}

/** One GET on a fresh connection (no pooled sockets: each connects through the guarded lookup). */
function get(url: URL, allowPrivate: boolean, signal: AbortSignal): Promise<IncomingMessage> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      { method: "GET", agent: false, lookup: guardedLookup(allowPrivate), signal, headers: { accept: "image/*", "user-agent": "image-studio/1" } },
      resolve,
    );
    request.on("error", reject);
    request.end();
  });
}
