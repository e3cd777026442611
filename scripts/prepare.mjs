// Runs after `npm install`: composes the per-target Prisma schemas and generates both Prisma clients.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { generateClients } from "./prisma-generate.mjs";
import { root } from "./lib/engine.mjs";

if (!existsSync(join(root, "node_modules/prisma"))) process.exit(0); // a production install without dev tooling
const compose = spawnSync(process.execPath, [join(root, "scripts/prisma-schemas.mjs")], { stdio: "inherit" });
if (compose.status !== 0) process.exit(compose.status ?? 1);
generateClients();
