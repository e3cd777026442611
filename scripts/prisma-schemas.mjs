// Composes the per-target Prisma schemas from prisma/models.prisma: one set of models, two databases.
// A line ending in `// @postgres…` is kept only for PostgreSQL (e.g. its trigram search index).
// Run by `npm install` (prepare) and by the migration scripts; `--check` fails when a file is stale.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const headers = {
  sqlite: `generator client {
  provider = "prisma-client"
  output   = "../../generated/prisma/sqlite"
  runtime  = "nodejs"
}

datasource db {
  provider = "sqlite"
}
`,
  postgres: `generator client {
  provider        = "prisma-client"
  output          = "../../generated/prisma/postgres"
  runtime         = "nodejs"
  previewFeatures = ["postgresqlExtensions"]
}

datasource db {
  provider   = "postgresql"
  extensions = [pg_trgm]
}
`,
};

/** The full schema text of one target. */
export function composeSchema(target) {
  const models = readFileSync(join(root, "prisma/models.prisma"), "utf8");
  const lines = models.split("\n").flatMap((line) => {
    const m = line.match(/^(.*?)\s*\/\/ @(postgres|sqlite)\b.*$/);
    if (!m) return [line];
    return m[2] === target ? [m[1]] : [];
  });
  return `// GENERATED from prisma/models.prisma by scripts/prisma-schemas.mjs: edit that file, not this one.\n\n${headers[target]}\n${lines.join("\n")}`;
}

export const targets = ["sqlite", "postgres"];
export const schemaPath = (target) => join(root, "prisma", target, "schema.prisma");

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes("--check");
  let stale = false;
  for (const target of targets) {
    const path = schemaPath(target);
    const text = composeSchema(target);
    const current = existsSync(path) ? readFileSync(path, "utf8") : "";
    if (current === text) continue;
    if (check) {
      console.error(`${path} is out of date: run node scripts/prisma-schemas.mjs`);
      stale = true;
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
  }
  process.exit(stale ? 1 : 0);
}
