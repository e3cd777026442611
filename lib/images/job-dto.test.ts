import { describe, expect, it } from "vitest";
import { migrationOf } from "./job-dto";

const migration = { provider: "replicate", requested: "flux-1.1-pro", served: "flux-2-pro", reason: "retired" };

describe("migrationOf", () => {
  it("shows the migration an image records, else the one the job's input planned", () => {
    expect(migrationOf({ input: { modelMigration: { ...migration, served: "other" } } }, [{ params: { modelMigration: migration } }])).toEqual(migration);
    expect(migrationOf({ input: { prompt: "a", modelMigration: migration } }, [{ params: {} }])).toEqual(migration);
  });

  it("is null when the input has none, or something that is not one", () => {
    expect(migrationOf({ input: { prompt: "a" } }, [])).toBeNull();
    expect(migrationOf({ input: null }, [])).toBeNull();
    expect(migrationOf({ input: { modelMigration: "retired" } }, [])).toBeNull();
    expect(migrationOf({ input: { modelMigration: ["flux-2-pro"] } }, [])).toBeNull();
  });
});
