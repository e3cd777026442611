import { describe, expect, it } from "vitest";
import { describeJobError } from "./error-text";
import { standingBadges } from "./model-badges";
import {
  defaultModelOf,
  deprecatedNotice,
  formatDay,
  lifecycleBadge,
  lifecycleSuffix,
  liveModels,
  migrationText,
  modelMigrationOf,
  retiredNotice,
} from "./model-lifecycle";
import { model, google, local, openai, provider } from "./test-fixtures";
import { defaultChoice, resolveChoice } from "./use-providers";

const byId = (p: typeof openai, id: string) => p.models.find((m) => m.id === id)!;

describe("which models may be chosen", () => {
  it("never offers a retired model", () => {
    expect(liveModels(openai).map((m) => m.id)).toEqual(["gpt-image-2.6-flare", "gpt-image-2.5-flare"]);
    expect(liveModels(google).map((m) => m.id)).toEqual(["gemini-nano-banana-2.1", "gemini-3.1-flash-lite-image", "gemini-3.1-flash-image"]);
  });

  it("chooses a provider with its default model, not its first", () => {
    const p = provider("openai", "OpenAI", [model("a", "A"), model("b", "B", { default: true })]);
    expect(defaultModelOf(p)?.id).toBe("b");
    expect(defaultChoice([local, p])).toEqual({ provider: "openai", model: "b" });
    // The listing's defaultModel counts too; a retired default is passed over.
    const named = provider("openai", "OpenAI", [model("a", "A"), model("b", "B")], { defaultModel: "b" });
    expect(defaultModelOf(named)?.id).toBe("b");
    const gone = provider("openai", "OpenAI", [model("old", "Old", { default: true, lifecycle: { status: "retired" } }), model("new", "New")]);
    expect(defaultModelOf(gone)?.id).toBe("new");
  });

  it("resolves a retired model to its successor and keeps the retired one in view", () => {
    const choice = resolveChoice([openai, local], "openai", "gpt-image-1");
    expect(choice.model?.id).toBe("gpt-image-2.5-flare");
    expect(choice.retired?.id).toBe("gpt-image-1");
    // Without a successor that may be chosen: the provider's default serves.
    const orphan = provider("openai", "OpenAI", [model("new", "New", { default: true }), model("old", "Old", { lifecycle: { status: "retired", successor: "gone" } })]);
    expect(resolveChoice([orphan], "openai", "old")).toMatchObject({ model: { id: "new" }, retired: { id: "old" } });
    // A live model resolves to itself.
    expect(resolveChoice([openai], "openai", "gpt-image-2.6-flare")).toMatchObject({ model: { id: "gpt-image-2.6-flare" } });
    expect(resolveChoice([openai], "openai", "gpt-image-2.6-flare").retired).toBeUndefined();
  });
});

describe("badges and notices", () => {
  it("badges a deprecated model with its shutdown day, or as deprecated without one, the successor in the tooltip", () => {
    const dated = model("m", "M", { lifecycle: { status: "deprecated", shutdownDate: "2026-10-29", successor: "gemini-nano-banana-2.1" } });
    const p = provider("google", "Google", [...google.models, dated]);
    expect(lifecycleBadge(dated, p)).toEqual({ id: "retiring", label: "Retiring on Oct 29, 2026", title: expect.stringContaining("Nano Banana 2.1 replaces it.") });
    expect(lifecycleBadge(byId(google, "gemini-3.1-flash-image"), google)).toMatchObject({ id: "deprecated", label: "Deprecated", title: expect.stringContaining("Nano Banana 2.1 replaces it") });
    expect(lifecycleBadge(byId(google, "gemini-nano-banana-2.1"), google)).toBeNull();
    const said = model("s", "S", { lifecycle: { status: "deprecated", message: "Moving to LEGACY" } });
    expect(lifecycleBadge(said)?.title).toContain("Moving to LEGACY.");
  });

  it("marks the provider's default model", () => {
    expect(standingBadges(byId(google, "gemini-nano-banana-2.1"), google).map((b) => b.label)).toEqual(["Default"]);
    expect(standingBadges(byId(google, "gemini-3.1-flash-image"), google).map((b) => b.label)).toEqual(["Deprecated"]);
    expect(standingBadges(byId(google, "gemini-3.1-flash-lite-image"), google)).toEqual([]);
    // Without the provider there is nothing to say about defaults.
    expect(standingBadges(byId(google, "gemini-nano-banana-2.1"))).toEqual([]);
  });

  it("says the day in words, in any time zone", () => {
    expect(formatDay("2026-10-23")).toBe("Oct 23, 2026");
    expect(formatDay("soon")).toBe("soon");
  });

  it("shortens the standing for a select's options", () => {
    expect(lifecycleSuffix(byId(google, "gemini-3.1-flash-image"))).toBe(" · deprecated");
    expect(lifecycleSuffix(model("m", "M", { lifecycle: { status: "deprecated", shutdownDate: "2026-10-29" } }))).toBe(" · retiring Oct 29, 2026");
    expect(lifecycleSuffix(byId(google, "gemini-nano-banana-2.1"))).toBe("");
  });

  it("says which model serves a retired one, in words", () => {
    const retired = byId(openai, "gpt-image-1");
    expect(retiredNotice(openai, retired, byId(openai, "gpt-image-2.5-flare"))).toBe(
      "GPT Image 1 was retired on Oct 23, 2026: GPT Image 2.5 Flare makes these images instead, and each image records the change.",
    );
    expect(retiredNotice(openai, retired, byId(openai, "gpt-image-2.6-flare"))).toContain("GPT Image 2.6 Flare (OpenAI's default) makes these images");
    expect(retiredNotice(openai, retired, undefined)).toBe("GPT Image 1 was retired on Oct 23, 2026, and nothing replaces it: choose another model.");
    expect(deprecatedNotice(google, byId(google, "gemini-3.1-flash-image"))).toBe("Nano Banana 2 is deprecated. Nano Banana 2.1 replaces it.");
  });

  it("explains a 422 model_retired", () => {
    const text = describeJobError({ code: "model_retired", message: "gpt-image-1 was retired on 2026-10-23; use gpt-image-2.5-flare." });
    expect(text).toMatchObject({ heading: "This model was retired", needsChange: true });
  });
});

describe("an image's model migration", () => {
  it("reads params.modelMigration and says it as requested · served by — retired on", () => {
    const migration = modelMigrationOf({ width: 1024, modelMigration: { provider: "openai", requested: "gpt-image-1", served: "gpt-image-2.5-flare", reason: "retired", retiredOn: "2026-10-23" } });
    expect(migration).toMatchObject({ requested: "gpt-image-1", served: "gpt-image-2.5-flare" });
    expect(migrationText(migration!)).toBe("Requested gpt-image-1 · served by gpt-image-2.5-flare — gpt-image-1 was retired on Oct 23, 2026");
    const undated = modelMigrationOf({ modelMigration: { requested: "a", served: "b", reason: "retired" } });
    expect(migrationText(undated!)).toBe("Requested a · served by b — a was retired");
  });

  it("finds none where nothing was migrated", () => {
    expect(modelMigrationOf({})).toBeNull();
    expect(modelMigrationOf(null)).toBeNull();
    expect(modelMigrationOf({ modelMigration: { requested: 1 } })).toBeNull();
  });
});
