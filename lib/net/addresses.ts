import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { describeSpecialAddress, parseIpLiteral, specialAddress } from "./special-addresses";

/**
 * Outgoing connections the server makes on someone else's say-so (provider result URLs, webhook targets) must
 * not reach the machine's own network (SSRF). These are the checks both use, on the classifier of
 * `./special-addresses` (every IANA special-purpose block, in every spelling, is not public).
 */

/** Error code of a connection refused by `guardedLookup`. */
export const PRIVATE_ADDRESS_CODE = "EPRIVATE";

/** Why an address may not be connected to ("… is in 127.0.0.0/8 (Loopback)"), or null when it is public. */
export function refusedAddress(address: string): string | null {
  const special = specialAddress(address);
  return special ? describeSpecialAddress(address, special) : null;
}

/**
 * Why a URL host that is an IP literal (no lookup is made for those) may not be connected to, or null for a
 * public literal or a host name (checked by `guardedLookup` as it connects).
 */
export function refusedLiteralHost(host: string): string | null {
  return parseIpLiteral(host) ? refusedAddress(host) : null;
}

/**
 * A DNS lookup for a connection (`http.request({ lookup })`) that refuses every non-public address, so the
 * address checked is the address connected to: no window for DNS rebinding between a check and the request. IP
 * literals skip lookups: check those with `refusedLiteralHost` before connecting.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, "", 0);
      const addresses = found as unknown as LookupAddress[];
      const blocked = allowPrivate ? undefined : addresses.map((a) => refusedAddress(a.address)).find(Boolean);
      if (blocked) {
        return callback(Object.assign(new Error(`${hostname} resolves to a private or special-purpose address: ${blocked}`), { code: PRIVATE_ADDRESS_CODE }), "", 0);
      }
      if (!addresses.length) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
      if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
