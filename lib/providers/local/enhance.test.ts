// The offline prompt enrichment (enhance.ts): deterministic, keeps the user's words first and in
// order, adds composition / light / medium / detail phrases that fit the style and subject, respects exclusions.
import { describe, expect, it } from "vitest";
import { stylePresets } from "../types";
import { enhanceLocally, MAX_ENRICHED_LENGTH } from "./enhance";

const prompts = ["a red fox in the snow", "lighthouse at sunset", "portrait of an old fisherman", "two cubes", "abstract waves, no people", "cat"];

describe("enhanceLocally", () => {
  it("starts with the user's prompt exactly as written and only appends", () => {
    for (const prompt of prompts) {
      for (const style of stylePresets) {
        const result = enhanceLocally(prompt, style);
        expect(result.prompt.startsWith(prompt)).toBe(true);
        expect(result.prompt.length).toBeGreaterThan(prompt.length);
        expect(result.prompt.slice(prompt.length)).toBe(`, ${result.added.join(", ")}`);
        expect(result.prompt.length).toBeLessThanOrEqual(MAX_ENRICHED_LENGTH);
      }
    }
  });

  it("is deterministic: the same prompt and style give the same text", () => {
    for (const prompt of prompts) {
      const first = enhanceLocally(prompt, "painting");
      for (let i = 0; i < 3; i++) expect(enhanceLocally(prompt, "painting")).toEqual(first);
    }
    expect(enhanceLocally("a red fox", "photorealistic").prompt).not.toBe(enhanceLocally("a red fox", "pixel-art").prompt);
  });

  it("adds the style's medium and light fitting the subject and time", () => {
    const photo = enhanceLocally("a red fox in the snow", "photorealistic");
    expect(photo.prompt).toMatch(/photorealistic photograph/);
    expect(photo.prompt).toMatch(/snow/); // the snow's light
    expect(photo.added.some((p) => /subject in sharp focus/.test(p))).toBe(true); // composition for an animal
    const sunset = enhanceLocally("lighthouse at sunset", "painting");
    expect(sunset.added).toContain("warm, low sunset lighting with long shadows");
    expect(sunset.prompt).toMatch(/painting/);
    expect(enhanceLocally("an app for notes", "icon").prompt).toMatch(/no text/);
    expect(enhanceLocally("an old man mending nets").added).toContain("lifelike, expressive detail with natural colouring");
  });

  it("keeps what the prompt already says and what it excludes", () => {
    const lit = enhanceLocally("a cat lit by neon signs, close-up", "anime");
    expect(lit.added.some((p) => /light/.test(p))).toBe(false);
    expect(lit.added.some((p) => /framing|composition|view/.test(p))).toBe(false);
    // A medium written in the prompt is not doubled when no preset was chosen.
    expect(enhanceLocally("watercolor of a lake").added.some((p) => /oil painting|photograph/.test(p))).toBe(false);
    const excluded = enhanceLocally("empty street, no shadows", "photorealistic");
    expect(excluded.added.some((p) => /shadow/.test(p))).toBe(false);
  });

  it("says it is offline, and adds nothing to a prompt already at the limit", () => {
    expect(enhanceLocally("a boat", "3d").notice).toMatch(/offline.*without an AI model/);
    const long = `a boat ${"on a very calm sea ".repeat(60)}`.slice(0, MAX_ENRICHED_LENGTH - 5).trim();
    const result = enhanceLocally(long, "3d");
    expect(result.prompt).toBe(long);
    expect(result.added).toEqual([]);
  });
});

describe("LocalProvider text services", () => {
  it("offers enhance (not describe), free and labelled local, answering with the enrichment", async () => {
    const { LocalProvider } = await import("@/lib/providers/local");
    const local = new LocalProvider();
    expect(local.textServices()).toEqual({ model: "local-enrichment", describe: false, enhance: true, estimateUsd: 0, local: true });
    const answer = await local.enhancePrompt({ prompt: "a lighthouse", style: "painting" }, { signal: new AbortController().signal, fetchResult: async () => { throw new Error("unused"); } });
    expect(answer).toEqual({ text: enhanceLocally("a lighthouse", "painting").prompt, model: "local-enrichment", costUsd: 0 });
    expect(answer.text.startsWith("a lighthouse, ")).toBe(true);
  });
});
