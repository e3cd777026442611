import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("gives the embedded defaults with nothing set", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.databaseTarget).toBe("sqlite");
    expect(env.dataDir).toBe(path.resolve("./data"));
    expect(env.databaseUrl).toBe(`file:${path.resolve("./data/studio.db")}`);
    expect(env.storageDir).toBe(path.resolve("./data/storage"));
    expect(env.maxUploadBytes).toBe(25 * 1024 * 1024);
    expect(env.maxInputPixels).toBe(50_000_000);
    expect(env.STORAGE_DRIVER).toBe("local");
    expect(env.AUTH_MODE).toBe("single-user");
  });

  it("picks PostgreSQL from a postgres:// DATABASE_URL", () => {
    const env = parseEnv({ DATABASE_URL: "postgres://u:p@db:5432/studio", DATA_DIR: "/srv/studio" });
    expect(env.databaseTarget).toBe("postgres");
    expect(env.databaseUrl).toBe("postgres://u:p@db:5432/studio");
    expect(env.storageDir).toBe("/srv/studio/storage");
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ PORT: "", DATABASE_URL: "" }).PORT).toBe(3000);
  });

  it("fails with a sentence naming every bad variable", () => {
    expect(() => parseEnv({ PORT: "abc", STORAGE_DRIVER: "ftp", AUTH_SECRET: "short" })).toThrowError(
      /^Invalid configuration: .*PORT.*"abc".*STORAGE_DRIVER.*"ftp".*AUTH_SECRET must be at least 32 characters/,
    );
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrowError(/DATABASE_URL must start with postgres:\/\//);
    expect(() => parseEnv({ MAX_UPLOAD_MB: "0" })).toThrowError(/MAX_UPLOAD_MB must be a positive number of megabytes/);
  });

  it("keeps trashed images TRASH_RETENTION_DAYS (30 by default), refusing a negative or absurd number", () => {
    expect(parseEnv({}).TRASH_RETENTION_DAYS).toBe(30);
    expect(parseEnv({ TRASH_RETENTION_DAYS: "7" }).TRASH_RETENTION_DAYS).toBe(7);
    expect(() => parseEnv({ TRASH_RETENTION_DAYS: "-1" })).toThrowError(/TRASH_RETENTION_DAYS must not be negative/);
    expect(() => parseEnv({ TRASH_RETENTION_DAYS: "9999" })).toThrowError(/TRASH_RETENTION_DAYS must be at most 3650 days/);
    expect(() => parseEnv({ TRASH_RETENTION_DAYS: "soon" })).toThrowError(/TRASH_RETENTION_DAYS/);
  });

  it("refuses S3 storage without a bucket at start", () => {
    expect(() => parseEnv({ STORAGE_DRIVER: "s3" })).toThrowError(/STORAGE_DRIVER=s3 needs S3_BUCKET/);
    expect(parseEnv({ STORAGE_DRIVER: "s3", S3_BUCKET: "studio" }).S3_BUCKET).toBe("studio");
  });
});
