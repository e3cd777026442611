/**
 * The one classifier of outgoing connection targets (SSRF): an address is public only when it lies in no block of
 * the IANA IPv4 and IPv6 Special-Purpose Address Registries (whatever their "globally reachable" flag says), and,
 * for IPv6, inside global unicast 2000::/3 — so every block the registries add later outside it is refused too.
 * IPv6 forms that carry an IPv4 address are judged by it: IPv4-mapped and NAT64 (64:ff9b::/96, how an IPv6-only
 * host with DNS64 reaches the IPv4 Internet) take the embedded address's verdict; compatible, translated, local-use
 * NAT64, 6to4 and Teredo are refused outright, naming what they carry.
 *
 * Every textual form is read as a socket or `getaddrinfo` would read it: IPv4 in 1–4 parts of decimal, octal (0…)
 * or hex (0x…) (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`), a trailing dot, IPv6 in brackets, with a zone id
 * (`fe80::1%eth0`) or an embedded dotted quad. Anything that is not an IP literal is not public either.
 */

export type IpLiteral = { family: 4; value: number } | { family: 6; value: bigint };

/** Why an address is not public: the registry block it is in, and the IPv4 address it carries, if any. */
export interface SpecialAddress {
  prefix: string;
  name: string;
  embedded?: { address: string; special: SpecialAddress | null };
}

const V4_PART = /^(0x[0-9a-f]*|0[0-7]*|[1-9][0-9]*)$/i;

function parseIpv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  if (parts.length < 1 || parts.length > 4 || !parts.every((p) => V4_PART.test(p))) return null;
  const numbers = parts.map((p) => (/^0x/i.test(p) ? (p.length > 2 ? parseInt(p.slice(2), 16) : 0) : /^0./.test(p) ? parseInt(p, 8) : Number(p)));
  const last = numbers.pop()!;
  if (numbers.some((n) => n > 255) || last >= 256 ** (4 - numbers.length)) return null;
  return numbers.reduce((sum, n, i) => sum + n * 256 ** (3 - i), 0) + last;
}

const DOTTED_QUAD = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function parseIpv6(text: string): bigint | null {
  let groups: string[] = [];
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const split = (s: string) => (s === "" ? [] : s.split(":"));
  const expand = (list: string[]): string[] | null => {
    const last = list[list.length - 1];
    if (last !== undefined && last.includes(".")) {
      if (!DOTTED_QUAD.test(last)) return null;
      const v4 = parseIpv4(last)!;
      return [...list.slice(0, -1), (v4 >>> 16).toString(16), (v4 & 0xffff).toString(16)];
    }
    return list;
  };
  // A dotted quad may only end the address.
  if (halves.length === 2 && halves[0].includes(".")) return null;
  const head = expand(split(halves[0]));
  const tail = halves.length === 2 ? expand(split(halves[1])) : [];
  if (!head || !tail) return null;
  if (halves.length === 2) {
    if (head.length + tail.length > 7) return null;
    groups = [...head, ...Array(8 - head.length - tail.length).fill("0"), ...tail];
  } else groups = head;
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  return groups.reduce((sum, g) => (sum << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** Reads an IP literal in any of the forms above; null when the text is a host name (or nothing). */
export function parseIpLiteral(text: string): IpLiteral | null {
  let host = text.trim().toLowerCase();
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  if (host.includes(":")) {
    const value = parseIpv6(host.replace(/%.*$/, ""));
    return value === null ? null : { family: 6, value };
  }
  const value = parseIpv4(host);
  return value === null ? null : { family: 4, value };
}

export const formatIpv4 = (value: number) => [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join(".");

interface Block<T> {
  prefix: string;
  name: string;
  base: T;
  bits: number;
}

function v4Block(prefix: string, name: string): Block<number> {
  const [address, bits] = prefix.split("/");
  return { prefix, name, base: parseIpv4(address)!, bits: Number(bits) };
}
function v6Block(prefix: string, name: string): Block<bigint> {
  const [address, bits] = prefix.split("/");
  return { prefix, name, base: parseIpv6(address)!, bits: Number(bits) };
}
const inV4 = (value: number, b: Block<number>) => b.bits === 0 || value >>> (32 - b.bits) === b.base >>> (32 - b.bits);
const inV6 = (value: bigint, b: Block<bigint>) => value >> BigInt(128 - b.bits) === b.base >> BigInt(128 - b.bits);

/** The IANA IPv4 Special-Purpose Address Registry, most specific first. */
export const IPV4_SPECIAL_BLOCKS: ReadonlyArray<Block<number>> = [
  v4Block("255.255.255.255/32", "Limited Broadcast"),
  v4Block("0.0.0.0/8", "This network"),
  v4Block("10.0.0.0/8", "Private-Use"),
  v4Block("100.64.0.0/10", "Shared Address Space (CGNAT)"),
  v4Block("127.0.0.0/8", "Loopback"),
  v4Block("169.254.0.0/16", "Link Local"),
  v4Block("172.16.0.0/12", "Private-Use"),
  v4Block("192.0.0.0/24", "IETF Protocol Assignments"),
  v4Block("192.0.2.0/24", "Documentation (TEST-NET-1)"),
  v4Block("192.31.196.0/24", "AS112-v4"),
  v4Block("192.52.193.0/24", "AMT"),
  v4Block("192.88.99.0/24", "Deprecated 6to4 Relay Anycast"),
  v4Block("192.168.0.0/16", "Private-Use"),
  v4Block("192.175.48.0/24", "Direct Delegation AS112 Service"),
  v4Block("198.18.0.0/15", "Benchmarking"),
  v4Block("198.51.100.0/24", "Documentation (TEST-NET-2)"),
  v4Block("203.0.113.0/24", "Documentation (TEST-NET-3)"),
  v4Block("224.0.0.0/4", "Multicast"),
  v4Block("240.0.0.0/4", "Reserved"),
];

type Embedding = "take" | "name" | "teredo" | "6to4" | undefined;
/** The IANA IPv6 Special-Purpose Address Registry (and reserved space around it), most specific first. */
export const IPV6_SPECIAL_BLOCKS: ReadonlyArray<Block<bigint> & { embedding?: Embedding }> = [
  v6Block("::/128", "Unspecified Address"),
  v6Block("::1/128", "Loopback Address"),
  { ...v6Block("::ffff:0:0/96", "IPv4-mapped Address"), embedding: "take" },
  { ...v6Block("64:ff9b::/96", "IPv4-IPv6 Translation (NAT64)"), embedding: "take" },
  { ...v6Block("64:ff9b:1::/48", "Local-use IPv4/IPv6 Translation"), embedding: "name" },
  { ...v6Block("::/96", "IPv4-compatible Address (deprecated)"), embedding: "name" },
  { ...v6Block("::ffff:0:0:0/96", "IPv4-translated Address"), embedding: "name" },
  v6Block("100::/64", "Discard-Only Address Block"),
  v6Block("100:0:0:1::/64", "Dummy IPv6 Prefix"),
  { ...v6Block("2001::/32", "TEREDO"), embedding: "teredo" },
  v6Block("2001::/23", "IETF Protocol Assignments"),
  v6Block("2001:db8::/32", "Documentation"),
  { ...v6Block("2002::/16", "6to4"), embedding: "6to4" },
  v6Block("2620:4f:8000::/48", "Direct Delegation AS112 Service"),
  v6Block("3fff::/20", "Documentation"),
  v6Block("5f00::/16", "Segment Routing (SRv6) SIDs"),
  v6Block("fc00::/7", "Unique-Local"),
  v6Block("fe80::/10", "Link-Local Unicast"),
  v6Block("fec0::/10", "Site-Local (deprecated)"),
  v6Block("ff00::/8", "Multicast"),
];
const GLOBAL_UNICAST = v6Block("2000::/3", "Global Unicast");

function specialIpv4(value: number): SpecialAddress | null {
  const block = IPV4_SPECIAL_BLOCKS.find((b) => inV4(value, b));
  return block ? { prefix: block.prefix, name: block.name } : null;
}

const embeddedOf = (value: number) => ({ address: formatIpv4(value), special: specialIpv4(value) });

function specialIpv6(value: bigint): SpecialAddress | null {
  const block = IPV6_SPECIAL_BLOCKS.find((b) => inV6(value, b));
  if (!block) return inV6(value, GLOBAL_UNICAST) ? null : { prefix: "outside 2000::/3", name: "not global unicast (reserved by the IETF)" };
  const found: SpecialAddress = { prefix: block.prefix, name: block.name };
  const low32 = Number(value & 0xffffffffn);
  if (block.embedding === "take") {
    const embedded = embeddedOf(low32);
    return embedded.special ? { ...found, embedded } : null;
  }
  if (block.embedding === "name") found.embedded = embeddedOf(low32);
  // Teredo: the client's IPv4 address is the last 32 bits, inverted (RFC 4380 §4).
  if (block.embedding === "teredo") found.embedded = embeddedOf(~low32 >>> 0);
  if (block.embedding === "6to4") found.embedded = embeddedOf(Number((value >> 80n) & 0xffffffffn));
  return found;
}

/** Why `address` is not public, or null when it is. A host name (not an IP literal) is reported as such. */
export function specialAddress(address: string): SpecialAddress | null {
  const ip = parseIpLiteral(address);
  if (!ip) return { prefix: "not an IP address", name: "a host name must be resolved first" };
  return ip.family === 4 ? specialIpv4(ip.value) : specialIpv6(ip.value);
}

/** True only for an IP literal outside every special-purpose block. */
export const isPublicAddress = (address: string) => specialAddress(address) === null;

/** "127.0.0.1 is in 127.0.0.0/8 (Loopback)", "::ffff:7f00:1 is in ::ffff:0:0/96 (IPv4-mapped Address) carrying 127.0.0.1, in 127.0.0.0/8 (Loopback)". */
export function describeSpecialAddress(address: string, special: SpecialAddress): string {
  const carried = special.embedded
    ? ` carrying ${special.embedded.address}${special.embedded.special ? `, in ${special.embedded.special.prefix} (${special.embedded.special.name})` : ""}`
    : "";
  return `${address} is in ${special.prefix} (${special.name})${carried}`;
}
