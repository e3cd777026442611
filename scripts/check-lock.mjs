// The lock file must be complete and in sync with package.json, for every platform, so that `npm ci` (CI, the
// Dockerfile) installs the same tree everywhere. npm itself sometimes writes a lock without the platform packages of
// an optional dependency (a native add-on's per-platform builds: npm/cli#4828), and `npm ci` on another machine then
// refuses it ("Missing: … from lock file"). This finds that offline, from the two JSON files: every dependency of
// every locked package (optional ones included) must resolve to a locked package, and package.json's dependency lists
// must be the lock root's. Run by `npm test`; exits 1 with what is missing. When npm leaves a platform package out
// because the registry lacks that version (cbor-extract 2.2.3: its builds stop at 2.2.2), an `overrides` entry in
// package.json pins the add-on to a version whose builds exist, and `npm install` writes them all.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const fields = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"];

/** Where Node would find `name` from the package at `from` (a lock path), or null. */
function resolve(packages, from, name) {
  let dir = from;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return null;
    const at = dir.lastIndexOf("/node_modules/");
    dir = at === -1 ? "" : dir.slice(0, at);
  }
}

export function lockProblems(pkg, lock) {
  const problems = [];
  const packages = lock.packages ?? {};
  const root = packages[""] ?? {};
  for (const field of fields.slice(0, 3)) {
    const want = pkg[field] ?? {};
    const have = root[field] ?? {};
    for (const [name, spec] of Object.entries(want)) if (have[name] !== spec) problems.push(`package.json ${field}.${name} is ${spec}, the lock says ${have[name] ?? "nothing"}`);
    for (const name of Object.keys(have)) if (!(name in want)) problems.push(`the lock lists ${field}.${name}, package.json does not`);
  }
  for (const [path, entry] of Object.entries(packages)) {
    if (entry.link) continue;
    for (const field of fields) {
      for (const name of Object.keys(entry[field] ?? {})) {
        // An optional peer may be absent by design.
        if (field === "peerDependencies" && entry.peerDependenciesMeta?.[name]?.optional) continue;
        if (field === "peerDependencies") continue; // peers resolve from the consumer; npm reports real conflicts itself
        if (!resolve(packages, path, name)) problems.push(`${path || "the root"} needs ${name} (${field}), which the lock does not hold`);
      }
    }
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
  const problems = lockProblems(JSON.parse(readFileSync(join(root, "package.json"), "utf8")), JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")));
  for (const p of problems) console.error(`package-lock.json: ${p}`);
  console.log(problems.length ? `${problems.length} problem(s): fix the lock (npm install; for a platform package npm left out, see the comment in scripts/check-lock.mjs)` : "package-lock.json is complete and in sync with package.json");
  process.exit(problems.length ? 1 : 0);
}
