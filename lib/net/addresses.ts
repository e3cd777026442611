import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";

/**
 * Outgoing connections the server makes on someone else's say-so (provider result URLs, webhook targets) must
 * not reach the machine's own network (SSRF). These are the checks both use.
 */

/** True for loopback, private, link-local, CGNAT, unique-local, multicast and unspecified addresses. */
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

/** Error code of a connection refused by `guardedLookup`. */
export const PRIVATE_ADDRESS_CODE = "EPRIVATE";

/**
 * A DNS lookup for a connection (`http.request({ lookup })`) that refuses private addresses, so the address
 * checked is the address connected to: no window for DNS rebinding between a check and the request. IP
 * literals skip lookups: check those with `isPrivateAddress` before connecting.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, "", 0);
      const addresses = found as unknown as LookupAddress[];
      const blocked = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (blocked) {
        return callback(Object.assign(new Error(`${hostname} resolves to a private address (${blocked.address})`), { code: PRIVATE_ADDRESS_CODE }), "", 0);
      }
      if (!addresses.length) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
      if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
