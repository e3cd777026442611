import { describe, expect, it } from "vitest";
import { describeSpecialAddress, IPV4_SPECIAL_BLOCKS, IPV6_SPECIAL_BLOCKS, isPublicAddress, parseIpLiteral, specialAddress } from "./special-addresses";

// Every block of the IANA registries: its first and last address and one inside, with the prefix that refuses it.
const ipv4Blocks: Array<[string, string[]]> = [
  ["0.0.0.0/8", ["0.0.0.0", "0.1.2.3", "0.255.255.255"]],
  ["10.0.0.0/8", ["10.0.0.0", "10.0.0.8", "10.255.255.255"]],
  ["100.64.0.0/10", ["100.64.0.0", "100.100.100.200", "100.127.255.255"]],
  ["127.0.0.0/8", ["127.0.0.1", "127.0.0.0", "127.255.255.254"]],
  ["169.254.0.0/16", ["169.254.169.254", "169.254.0.0", "169.254.255.255"]],
  ["172.16.0.0/12", ["172.16.0.0", "172.20.1.1", "172.31.255.255"]],
  ["192.0.0.0/24", ["192.0.0.0", "192.0.0.9", "192.0.0.170", "192.0.0.255"]],
  ["192.0.2.0/24", ["192.0.2.0", "192.0.2.1", "192.0.2.255"]],
  ["192.31.196.0/24", ["192.31.196.0", "192.31.196.1", "192.31.196.255"]],
  ["192.52.193.0/24", ["192.52.193.0", "192.52.193.1", "192.52.193.255"]],
  ["192.88.99.0/24", ["192.88.99.0", "192.88.99.2", "192.88.99.255"]],
  ["192.168.0.0/16", ["192.168.0.0", "192.168.1.1", "192.168.255.255"]],
  ["192.175.48.0/24", ["192.175.48.0", "192.175.48.1", "192.175.48.255"]],
  ["198.18.0.0/15", ["198.18.0.0", "198.18.0.1", "198.19.255.255"]],
  ["198.51.100.0/24", ["198.51.100.0", "198.51.100.7", "198.51.100.255"]],
  ["203.0.113.0/24", ["203.0.113.0", "203.0.113.9", "203.0.113.255"]],
  ["224.0.0.0/4", ["224.0.0.1", "239.255.255.250", "239.255.255.255"]],
  ["240.0.0.0/4", ["240.0.0.0", "250.1.2.3", "255.255.255.254"]],
  ["255.255.255.255/32", ["255.255.255.255"]],
];
const ipv6Blocks: Array<[string, string[]]> = [
  ["::/128", ["::", "0:0:0:0:0:0:0:0"]],
  ["::1/128", ["::1", "0:0:0:0:0:0:0:1", "[::1]"]],
  ["64:ff9b:1::/48", ["64:ff9b:1::1", "64:ff9b:1::8.8.8.8", "64:ff9b:1:ffff:ffff:ffff:ffff:ffff"]],
  ["::/96", ["::8.8.8.8", "::7f00:1", "::ffff", "::ffff:ffff"]],
  ["::ffff:0:0:0/96", ["::ffff:0:7f00:1", "::ffff:0:808:808"]],
  ["100::/64", ["100::", "100::1", "100::ffff:ffff:ffff:ffff"]],
  ["100:0:0:1::/64", ["100:0:0:1::", "100:0:0:1:ffff:ffff:ffff:ffff"]],
  ["2001::/32", ["2001::", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:0:ffff:ffff:ffff:ffff:ffff:ffff"]],
  ["2001::/23", ["2001:1::1", "2001:2::1", "2001:3::1", "2001:4:112::1", "2001:10::1", "2001:20::1", "2001:30::1", "2001:1ff:ffff::1"]],
  ["2001:db8::/32", ["2001:db8::", "2001:db8::1", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"]],
  ["2002::/16", ["2002::", "2002:808:808::1", "2002:7f00:1::1", "2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]],
  ["2620:4f:8000::/48", ["2620:4f:8000::", "2620:4f:8000::1", "2620:4f:8000:ffff:ffff:ffff:ffff:ffff"]],
  ["3fff::/20", ["3fff::", "3fff::1", "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff"]],
  ["5f00::/16", ["5f00::", "5f00:1:2::3", "5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]],
  ["fc00::/7", ["fc00::", "fd00::1", "fd12:3456:789a::1", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]],
  ["fe80::/10", ["fe80::", "fe80::1", "fe80::1%eth0", "[fe80::1%25eth0]", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]],
  ["fec0::/10", ["fec0::", "fec0::1", "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]],
  ["ff00::/8", ["ff00::", "ff02::1", "ff05::1:3", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"]],
  ["outside 2000::/3", ["1::1", "400::1", "1fff:ffff::1", "4000::1", "e000::1", "fe00::1", "::2:0:0:1"]],
];

describe("specialAddress: every block of the IANA special-purpose registries is not public", () => {
  it.each(ipv4Blocks)("IPv4 %s", (prefix, addresses) => {
    for (const address of addresses) {
      expect(specialAddress(address)?.prefix, address).toBe(prefix);
      expect(isPublicAddress(address), address).toBe(false);
    }
  });
  it.each(ipv6Blocks)("IPv6 %s", (prefix, addresses) => {
    for (const address of addresses) {
      expect(specialAddress(address)?.prefix, address).toBe(prefix);
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it("covers every block it lists (no table row left untested)", () => {
    const tested = new Set([...ipv4Blocks, ...ipv6Blocks].map(([prefix]) => prefix));
    const listed = [...IPV4_SPECIAL_BLOCKS, ...IPV6_SPECIAL_BLOCKS].map((b) => b.prefix);
    // The two blocks judged by the IPv4 address they carry are tested below.
    expect(listed.filter((p) => !tested.has(p))).toEqual(["::ffff:0:0/96", "64:ff9b::/96"]);
  });
});

describe("IPv4 carried in IPv6", () => {
  it("IPv4-mapped and NAT64 (64:ff9b::/96) take the verdict of the address they carry", () => {
    for (const address of ["::ffff:127.0.0.1", "::ffff:7f00:1", "[::ffff:127.0.0.1]", "0:0:0:0:0:ffff:7f00:1", "::FFFF:7F00:0001", "64:ff9b::7f00:1", "64:ff9b::127.0.0.1"]) {
      expect(specialAddress(address)?.embedded, address).toEqual({ address: "127.0.0.1", special: { prefix: "127.0.0.0/8", name: "Loopback" } });
    }
    for (const [address, carried] of [["::ffff:198.18.0.1", "198.18.0.0/15"], ["64:ff9b::a9fe:a9fe", "169.254.0.0/16"], ["::ffff:a00:8", "10.0.0.0/8"], ["64:ff9b::ffff:ffff", "255.255.255.255/32"], ["::ffff:0.0.0.0", "0.0.0.0/8"]]) {
      expect(specialAddress(address)?.embedded?.special?.prefix, address).toBe(carried);
    }
    for (const address of ["::ffff:8.8.8.8", "::ffff:808:808", "64:ff9b::8.8.8.8", "64:ff9b::5db8:d822"]) expect(isPublicAddress(address), address).toBe(true);
  });

  it("6to4, Teredo, compatible and local-use NAT64 are refused outright, naming what they carry", () => {
    expect(specialAddress("2002:7f00:1::1")?.embedded).toMatchObject({ address: "127.0.0.1", special: { prefix: "127.0.0.0/8" } });
    expect(specialAddress("2002:808:808::1")?.embedded).toEqual({ address: "8.8.8.8", special: null });
    // Teredo keeps the client's address inverted in the last 32 bits: 0x80ff:fefe → 127.0.1.1.
    expect(specialAddress("2001:0:4136:e378:8000:63bf:80ff:fefe")?.embedded).toMatchObject({ address: "127.0.1.1", special: { prefix: "127.0.0.0/8" } });
    expect(specialAddress("::127.0.0.1")?.embedded).toMatchObject({ address: "127.0.0.1" });
  });
});

describe("spellings", () => {
  it("reads IPv4 as sockets and getaddrinfo do: 1–4 parts, decimal, octal, hex, a trailing dot", () => {
    for (const spelling of ["127.0.0.1", "2130706433", "0x7f000001", "0x7f.1", "0x7F.0.0.1", "0177.0.0.1", "0177.1", "017700000001", "127.1", "127.0.1", "127.0.0.1.", "127.000.000.001", "0x7f.0x0.0x0.0x1", " 127.0.0.1 "]) {
      expect(parseIpLiteral(spelling), spelling).toEqual({ family: 4, value: 0x7f000001 });
      expect(specialAddress(spelling)?.prefix, spelling).toBe("127.0.0.0/8");
    }
    for (const [spelling, prefix] of [["3323068417", "198.18.0.0/15"], ["0xa9.0xfe.0xa9.0xfe", "169.254.0.0/16"], ["10.8", "10.0.0.0/8"], ["0", "0.0.0.0/8"], ["0x", "0.0.0.0/8"], ["4294967295", "255.255.255.255/32"], ["0300.0250.1", "192.168.0.0/16"]]) {
      expect(specialAddress(spelling)?.prefix, spelling).toBe(prefix);
    }
  });

  it("reads IPv6 in brackets, with zone ids, embedded dotted quads, upper case and full length", () => {
    for (const spelling of ["::1", "[::1]", "0:0:0:0:0:0:0:1", "0000:0000:0000:0000:0000:0000:0000:0001", "::0:1", "::0.0.0.1", "::1%lo", "[::1%25lo]"]) {
      expect(parseIpLiteral(spelling), spelling).toEqual({ family: 6, value: 1n });
    }
  });

  it("is not fooled into reading a name, or a malformed literal, as an address", () => {
    for (const text of ["localhost", "example.com", "127.0.0.1.nip.io", "1.2.3.4.5", "256.1.1.1", "1.2.3.256", "08.1.1.1", "0x1g.1", "1::2::3", "1:2:3:4:5:6:7:8:9", "::1.2.3", "::256.1.1.1", "12345::", "", "[::1", "1.2.3.4::"]) {
      expect(parseIpLiteral(text), text).toBeNull();
      // Not an IP literal: never public on its own (a name is judged by what it resolves to).
      expect(isPublicAddress(text), text).toBe(false);
    }
  });
});

describe("public addresses", () => {
  it("accepts ordinary global unicast IPv4 and IPv6, just outside the edges of the blocks", () => {
    for (const address of [
      "8.8.8.8", "1.1.1.1", "93.184.216.34", "1.0.0.0", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255",
      "128.0.0.0", "169.253.255.255", "172.15.255.255", "172.32.0.0", "191.255.255.255", "192.0.1.0", "192.0.3.0", "192.88.98.255",
      "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255", "134744072",
      "2606:4700:4700::1111", "2001:4860:4860::8888", "2a00:1450:4001:80b::200e", "2001:200::1", "2001:db7:ffff::1", "2001:db9::1",
      "2003::1", "2620:4f:7fff::1", "2620:4f:8001::1", "3ffe::1", "3fff:1000::1", "[2606:4700:4700::1111]",
    ]) expect(specialAddress(address), address).toBeNull();
  });
});

describe("describeSpecialAddress", () => {
  it("names the block and what an IPv6 address carries", () => {
    expect(describeSpecialAddress("198.18.0.1", specialAddress("198.18.0.1")!)).toBe("198.18.0.1 is in 198.18.0.0/15 (Benchmarking)");
    expect(describeSpecialAddress("::ffff:7f00:1", specialAddress("::ffff:7f00:1")!)).toBe(
      "::ffff:7f00:1 is in ::ffff:0:0/96 (IPv4-mapped Address) carrying 127.0.0.1, in 127.0.0.0/8 (Loopback)",
    );
  });
});
