// Generates the Prisma clients of both targets (generated/prisma/{sqlite,postgres}) offline.
// `prisma generate` only needs a schema-engine path to exist; it never runs it for the prisma-client generator.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { root } from "./lib/engine.mjs";
import { targets } from "./prisma-schemas.mjs";

export function generateClients() {
  for (const target of targets) {
    const result = spawnSync(
      process.execPath,
      [join(root, "node_modules/prisma/build/index.js"), "generate", "--schema", `prisma/${target}/schema.prisma`],
      {
        cwd: root,
        stdio: ["ignore", "pipe", "pipe"],
        encoding: "utf8",
        env: {
          ...process.env,
          PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
          PRISMA_HIDE_UPDATE_MESSAGE: "1",
          CHECKPOINT_DISABLE: "1",
          DATABASE_TARGET: target,
        },
      },
    );
    if (result.status !== 0) {
      process.stderr.write(result.stdout + result.stderr);
      throw new Error(`prisma generate failed for ${target}`);
    }
    console.log(`Generated the Prisma client for ${target}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) generateClients();
