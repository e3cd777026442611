import "server-only";
import { lookup } from "node:dns/promises";
import { AppError } from "@/lib/errors";
import { refusedAddress } from "@/lib/net/addresses";
import { parseIpLiteral } from "@/lib/net/special-addresses";

/** Why a URL cannot be a webhook target by its shape alone (scheme, credentials), or null. */
export function webhookUrlProblem(url: URL): string | null {
  if (url.protocol !== "https:" && url.protocol !== "http:") return "webhookUrl must be an http or https URL";
  if (url.username || url.password) return "webhookUrl must not contain credentials; authenticate the webhook by its signature";
  return null;
}

/** The URL's host without IPv6 brackets, lower-cased. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "").toLowerCase();

/**
 * Checks a webhook target when a job is requested: an http(s) URL whose host is, or resolves only to, public
 * addresses (no block of the IANA special-purpose registries, in any spelling: lib/net/special-addresses.ts),
 * unless `allowPrivate` (ALLOW_PRIVATE_WEBHOOK_URLS). 400 otherwise. Delivery checks again on the address it
 * actually connects to, since DNS may answer differently by then.
 */
export async function assertWebhookTarget(raw: string, allowPrivate: boolean): Promise<void> {
  const url = new URL(raw);
  const problem = webhookUrlProblem(url);
  if (problem) throw new AppError("invalid_request", `${problem}.`);
  if (allowPrivate) return;
  const host = hostOf(url);
  let addresses: string[];
  try {
    addresses = parseIpLiteral(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch (error) {
    throw new AppError("invalid_request", `webhookUrl's host ${host} does not resolve (${(error as { code?: string }).code ?? "DNS error"}).`);
  }
  const blocked = addresses.map(refusedAddress).find(Boolean);
  if (blocked) {
    throw new AppError(
      "invalid_request",
      `webhookUrl must not point at a private or special-purpose address: ${parseIpLiteral(host) ? "" : `${host} resolves to `}${blocked}. ` +
        "A self-hosted instance can allow it with ALLOW_PRIVATE_WEBHOOK_URLS=true.",
    );
  }
}
