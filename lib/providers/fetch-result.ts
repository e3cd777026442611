import "server-only";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
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

/** True for loopback, private, link-local, CGNAT, unique-local and unspecified addresses. */
export function isPrivateAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const [a, b] = address.split(".").map(Number);
    return (
      a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224
    );
  }
  const v6 = address.toLowerCase();
  if (v6.startsWith("::ffff:")) return isPrivateAddress(v6.slice(7));
  return v6 === "::" || v6 === "::1" || v6.startsWith("fc") || v6.startsWith("fd") || v6.startsWith("fe80");
}

const hostAllowed = (host: string, allowed: string[]) =>
  allowed.some((a) => (a.startsWith(".") ? host.endsWith(a) || host === a.slice(1) : host === a));

/**
 * Downloads an image a provider answered with as a URL, refusing anything that could turn the server into a
 * proxy (SSRF): only https (http only when private addresses are allowed), only the provider's own hosts, no
 * address in a private range (checked on the resolved address), redirects followed by hand under the same
 * rules, a size cap and a timeout.
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
    const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
    if (!options.allowPrivate && addresses.some(isPrivateAddress)) throw refuse(`${host} resolves to a private address`);

    const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
    const response = await fetch(parsed, { redirect: "manual", signal });
    if (response.status >= 300 && response.status < 400 && response.headers.get("location")) {
      current = new URL(response.headers.get("location")!, parsed).toString();
      await response.body?.cancel();
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new ProviderError(options.provider, response.status >= 500 ? "server" : "bad_request", `Result download failed with ${response.status}`, {
        status: response.status,
      });
    }
    const declared = Number(response.headers.get("content-length"));
    if (declared > options.maxBytes) throw refuse(`the file is over ${options.maxBytes} bytes`);
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > options.maxBytes) {
        await reader.cancel();
        throw refuse(`the file is over ${options.maxBytes} bytes`);
      }
      chunks.push(value);
    }
    return { data: Buffer.concat(chunks, total), mimeType: response.headers.get("content-type") };
  }
  throw refuse("too many redirects");
}
