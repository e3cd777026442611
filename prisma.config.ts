// Prisma CLI configuration, for machines where the CLI can download its schema engine (e.g. to run
// `prisma migrate deploy` or `prisma studio`). This repository's own scripts work offline without it:
// see scripts/migrate.mjs and scripts/create-migration.mjs.
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL ?? `file:${process.env.DATA_DIR ?? "./data"}/studio.db`;
const target = process.env.DATABASE_TARGET ?? (/^postgres(ql)?:/.test(url) ? "postgres" : "sqlite");

export default defineConfig({
  schema: `prisma/${target}/schema.prisma`,
  migrations: { path: `prisma/${target}/migrations` },
  datasource: { url },
});
