// Runs tests/netns/ (the SSRF checks against real connections) inside a fresh network namespace that has only
// loopback: `ip netns add`, an address of each special-purpose block Linux lets lo carry, a hosts file
// (/etc/netns/<name>/hosts, which `ip netns exec` mounts over /etc/hosts) with names for them, then Vitest under
// `ip netns exec`, both databases (PostgreSQL through a relay inside the namespace, from its 127.0.0.1 port to the
// server's Unix socket: a socket file is not in the network namespace), and the namespace removed whatever happens. Needs root and iproute2; without them it prints a NOTICE and exits 0 with
// `{"skipped": "<why>"}` in the --json file, so the caller can count the tests as skipped.
// Usage: node scripts/netns-test.mjs [--json FILE]   (FILE gets Vitest's JSON report)
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { root } from "./lib/engine.mjs";

const jsonArg = process.argv.indexOf("--json");
const jsonFile = jsonArg > 0 ? process.argv[jsonArg + 1] : undefined;
const name = `studio-ssrf-${process.pid}`;
const hostsDir = join("/etc/netns", name);

const ip = (...args) => spawnSync("ip", args, { encoding: "utf8" });
function skip(why) {
  console.log(`\n!! NOTICE: the network-namespace SSRF tests are SKIPPED: ${why}`);
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ skipped: why }));
  process.exit(0);
}

// One address of each block (and the IPv4 a few IPv6 forms carry), tried one by one: what lo refuses is left out.
const candidates = [
  "0.1.2.3", "10.0.0.8", "100.64.0.1", "169.254.169.254", "172.16.0.1", "192.0.0.9", "192.0.2.1", "192.31.196.1", "192.52.193.1",
  "192.88.99.1", "192.168.1.1", "192.175.48.1", "198.18.0.1", "198.19.255.254", "198.51.100.7", "203.0.113.9", "240.0.0.1",
  "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::1", "::7f00:1", "100::1", "100:0:0:1::1", "2001:0:4136:e378:8000:63bf:80ff:fefe",
  "2001:2::1", "2001:db8::1", "2002:7f00:1::1", "2620:4f:8000::1", "3fff::1", "5f00::1", "fd00::1", "fec0::1",
];
const hostNames = { "bench.ssrf.test": "198.18.0.1", "metadata.ssrf.test": "169.254.169.254", "mapped.ssrf.test": "::ffff:127.0.0.1", "nat64.ssrf.test": "64:ff9b::7f00:1", "ula.ssrf.test": "fd00::1", "sixtofour.ssrf.test": "2002:7f00:1::1" };

if (process.platform !== "linux" || process.getuid?.() !== 0) skip("network namespaces need root on Linux");
if (spawnSync("ip", ["-V"]).error) skip("`ip` (iproute2) is not installed");
const added = ip("netns", "add", name);
if (added.status !== 0) skip(`\`ip netns add\` failed: ${added.stderr.trim()}`);

let code = 1;
let relay;
const cleanUp = () => {
  relay?.kill();
  ip("netns", "del", name);
  rmSync(hostsDir, { recursive: true, force: true });
};
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => (cleanUp(), process.exit(130)));
try {
  const inNs = (...args) => ip("-n", name, ...args);
  if (inNs("link", "set", "lo", "up").status !== 0) throw new Error("could not bring lo up in the namespace");
  const onLoopback = candidates.filter((a) => inNs(...(a.includes(":") ? ["-6", "addr", "add", `${a}/128`, "dev", "lo", "nodad"] : ["addr", "add", `${a}/32`, "dev", "lo"])).status === 0);
  const names = Object.keys(hostNames).filter((n) => hostNames[n].startsWith("::ffff:") || onLoopback.includes(hostNames[n]));
  mkdirSync(hostsDir, { recursive: true });
  writeFileSync(join(hostsDir, "hosts"), ["127.0.0.1 localhost", "::1 localhost", ...names.map((n) => `${hostNames[n]} ${n}`), ""].join("\n"));
  console.log(`network namespace ${name}: lo with ${onLoopback.length} special-purpose addresses (${candidates.length - onLoopback.length} refused by the kernel), ${names.length} names`);

  // PostgreSQL: the namespace has no route to the host's 127.0.0.1:5432, but the server's Unix socket is a file. A
  // relay inside the namespace listens on the same port and pipes to it, so TEST_POSTGRES_URL works unchanged.
  const projects = ["netns-sqlite"];
  const env = { ...process.env, SSRF_NETNS: name, SSRF_NETNS_ADDRESSES: onLoopback.join(","), SSRF_NETNS_NAMES: names.join(",") };
  const pgUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const dir = (await client.query("SHOW unix_socket_directories")).rows[0].unix_socket_directories.split(",")[0].trim();
    const socket = join(dir, `.s.PGSQL.${(await client.query("SHOW port")).rows[0].port}`);
    const url = new URL(pgUrl);
    if (!dir || !existsSync(socket) || !["127.0.0.1", "localhost"].includes(url.hostname)) throw new Error("no Unix socket to relay to");
    const code = `const net=require("node:net");net.createServer(c=>{const s=net.connect(process.argv[1]);c.pipe(s).pipe(c);c.on("error",()=>s.destroy());s.on("error",()=>c.destroy())}).listen(Number(process.argv[2]),"127.0.0.1",()=>console.log("ready"))`;
    relay = spawn("ip", ["netns", "exec", name, process.execPath, "-e", code, socket, url.port || "5432"], { stdio: ["ignore", "pipe", "inherit"] });
    await once(relay.stdout, "data");
    projects.push("netns-postgres");
  } catch (error) {
    console.log(`!! NOTICE: no PostgreSQL reachable from the namespace (${error.message}): the netns tests run on SQLite only.`);
  } finally {
    await client.end().catch(() => {});
  }

  const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
  const args = ["run", "--config", "tests/netns/vitest.config.mts", ...projects.flatMap((p) => ["--project", p])];
  if (jsonFile) args.push("--reporter=default", "--reporter=json", `--outputFile.json=${jsonFile}`);
  const run = spawnSync("ip", ["netns", "exec", name, process.execPath, vitest, ...args], { cwd: root, stdio: "inherit", env });
  code = run.status ?? 1;
} catch (error) {
  console.error(error);
} finally {
  cleanUp();
}
process.exit(code);
