import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { lookup } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";
import { AppError } from "@/lib/errors";
import { isPrivateAddress } from "@/lib/providers/fetch-result";

/** Why a URL cannot be a webhook target by its shape alone (scheme, credentials), or null. */
export function webhookUrlProblem(url: URL): string | null {
  if (url.protocol !== "https:" && url.protocol !== "http:") return "webhookUrl must be an http or https URL";
  if (url.username || url.password) return "webhookUrl must not contain credentials; authenticate the webhook by its signature";
  return null;
}

/** The URL's host without IPv6 brackets, lower-cased. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "").toLowerCase();

/**
 * Checks a webhook target when a job is requested: an http(s) URL whose host does not resolve to a loopback,
 * private or link-local address, unless `allowPrivate` (ALLOW_PRIVATE_WEBHOOK_URLS). 400 otherwise. Delivery
 * checks again on the address it actually connects to, since DNS may answer differently by then.
 */
export async function assertWebhookTarget(raw: string, allowPrivate: boolean): Promise<void> {
  const url = new URL(raw);
  const problem = webhookUrlProblem(url);
  if (problem) throw new AppError("invalid_request", `${problem}.`);
  if (allowPrivate) return;
  const host = hostOf(url);
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch (error) {
    throw new AppError("invalid_request", `webhookUrl's host ${host} does not resolve (${(error as { code?: string }).code ?? "DNS error"}).`);
  }
  const blocked = addresses.find(isPrivateAddress);
  if (blocked) {
    throw new AppError(
      "invalid_request",
      `webhookUrl must not point at a private address: ${host} is ${blocked} (loopback, private or link-local). ` +
        "A self-hosted instance can allow it with ALLOW_PRIVATE_WEBHOOK_URLS=true.",
    );
  }
}

/**
 * A DNS lookup for the delivery's connection that refuses private addresses, so the address checked is the
 * address connected to (no window for DNS rebinding between a check and the request).
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, "", 0);
      const addresses = found as unknown as LookupAddress[];
      const blocked = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (blocked) return callback(Object.assign(new Error(`${hostname} resolves to a private address (${blocked.address})`), { code: "EPRIVATE" }), "", 0);
      if (!addresses.length) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
      if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
