import "server-only";
import { lookup } from "node:dns/promises";
import { AppError } from "@/lib/errors";
import { refusedAddress, refusedLiteralHost } from "@/lib/net/addresses";
import { parseIpLiteral } from "@/lib/net/special-addresses";

/**
 * Checks a base URL an administrator typed for a provider, with the classifier every outgoing connection of the
 * server uses (lib/net/special-addresses.ts): the studio sends the provider's key there, so a host on a non-public
 * address — loopback, a private LAN, link-local (cloud metadata), … — literal or as its name resolves now, is
 * refused unless the operator set ALLOW_PRIVATE_PROVIDER_URLS=true (the same consent that lets such a provider's
 * result URLs be downloaded). Plain http only with that consent too, as for result URLs. No credentials, query or
 * fragment in the URL: the key has its own field. Returns the URL without a trailing slash.
 */
export async function checkProviderBaseUrl(text: string, allowPrivate: boolean): Promise<string> {
  const bad = (message: string) => new AppError("invalid_request", message, { details: { field: "baseUrl" } });
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw bad("The base URL must be an absolute URL such as https://api.example.com/v1.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw bad("The base URL must start with https://.");
  if (url.protocol === "http:" && !allowPrivate) {
    throw bad("The base URL must use https:// (plain http:// is only accepted when the server sets ALLOW_PRIVATE_PROVIDER_URLS=true, for servers on a local network).");
  }
  if (url.username || url.password) throw bad("Put the key in the key field, not in the base URL.");
  if (url.search || url.hash) throw bad("The base URL may not have a query (?…) or a fragment (#…).");
  if (!allowPrivate) {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const refused = parseIpLiteral(host) ? refusedLiteralHost(host) : await refusedName(host);
    if (refused) {
      throw bad(`The base URL's host is not a public address (${refused}). To connect a server on this machine or the local network, the server's operator must set ALLOW_PRIVATE_PROVIDER_URLS=true.`);
    }
  }
  return url.toString().replace(/\/+$/, "");
}

/** Why a host name may not be used (one of its addresses is not public), or null. */
async function refusedName(host: string): Promise<string | null> {
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch {
    throw new AppError("invalid_request", `The base URL's host ${host} could not be found (DNS).`, { details: { field: "baseUrl" } });
  }
  for (const a of addresses) {
    const why = refusedAddress(a.address);
    if (why) return `${host} → ${why}`;
  }
  return null;
}
