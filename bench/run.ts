// `npm run bench [-- name…]`: runs the exported `run()` of every bench/*.ts module (or only the named ones), in
// turn, in this one process. Benchmarks print numbers; they never fail on a timing. The exit code is non-zero
// only when a benchmark crashes or a name is unknown.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { allowServerOnlyImports } from "./support/server-only";

interface BenchModule {
  run(): Promise<unknown> | unknown;
  description?: string;
}

async function main(): Promise<void> {
  // The services start with `import "server-only"`, which throws outside a React Server Component bundle.
  allowServerOnlyImports();

  const dir = path.dirname(fileURLToPath(import.meta.url));
  const available = readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && f !== "run.ts" && !f.endsWith(".d.ts") && !f.endsWith(".test.ts"))
    .map((f) => f.slice(0, -3))
    .sort();
  const asked = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const unknown = asked.filter((name) => !available.includes(name.replace(/\.ts$/, "")));
  if (unknown.length) {
    console.error(`Unknown benchmark(s): ${unknown.join(", ")}. Available: ${available.join(", ")}.`);
    process.exitCode = 2;
    return;
  }
  const selected = asked.length ? asked.map((name) => name.replace(/\.ts$/, "")) : available;

  for (const name of selected) {
    console.log(`\n━━ bench/${name}.ts ━━`);
    const started = performance.now();
    try {
      const mod = (await import(pathToFileURL(path.join(dir, `${name}.ts`)).href)) as BenchModule & { default?: BenchModule };
      const run = mod.run ?? mod.default?.run;
      if (typeof run !== "function") throw new Error(`bench/${name}.ts exports no run() function`);
      const description = mod.description ?? mod.default?.description;
      if (description) console.log(description);
      await run();
      console.log(`\n(bench/${name}.ts finished in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      process.exitCode = 1;
      console.error(`\nbench/${name}.ts crashed:`, error);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
