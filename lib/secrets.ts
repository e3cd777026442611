import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

let master: string | undefined;

/**
 * The instance secret: AUTH_SECRET when set (required when several instances share data), otherwise a
 * random secret created once under DATA_DIR so a single machine needs no setup.
 */
function masterSecret(): string {
  if (master) return master;
  const config = env();
  if (config.AUTH_SECRET) return (master = config.AUTH_SECRET);
  const file = path.join(config.dataDir, ".secret");
  try {
    master = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    const fresh = randomBytes(32).toString("base64url");
    try {
      writeFileSync(file, fresh, { mode: 0o600, flag: "wx" });
      master = fresh;
    } catch {
      master = readFileSync(file, "utf8").trim(); // another process won the race
    }
  }
  return master;
}

/** A key derived for one purpose, so no two features share key material. */
export function appSecret(purpose: string): Buffer {
  return createHmac("sha256", masterSecret()).update(`image-studio:${purpose}`).digest();
}
