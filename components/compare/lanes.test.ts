import { describe, expect, it } from "vitest";
import { all, google, local, model, openai, provider } from "@/components/generate/test-fixtures";
import { defaultLanes, findModel, laneRequest, usableModels } from "./lanes";

const keys = () => {
  let k = 0;
  return () => ++k;
};

describe("compare lanes", () => {
  it("never offers a retired model", () => {
    const offered = usableModels(all).map(({ provider, model }) => `${provider.id}/${model.id}`);
    expect(offered).not.toContain("openai/gpt-image-1");
    expect(offered).not.toContain("openai/dall-e-3");
    expect(offered).not.toContain("google/imagen-4.0-generate-001");
    expect(offered).toContain("google/gemini-3.1-flash-image"); // deprecated, still served
    expect(offered.at(-1)).toBe("local/local-v1");
  });

  it("does not accept a retired model for a column", () => {
    expect(findModel(all, { provider: "openai", model: "gpt-image-1" })).toBeNull();
    expect(findModel(all, { provider: "openai", model: "gpt-image-2.5-flare" })?.model.id).toBe("gpt-image-2.5-flare");
  });

  it("starts with each provider's default model, passing over a retired first model", () => {
    const retiredFirst = provider("openai", "OpenAI", [model("gpt-image-1", "GPT Image 1", { lifecycle: { status: "retired", successor: "gpt-image-2" } }), model("gpt-image-2", "GPT Image 2")]);
    const lanes = defaultLanes([retiredFirst, google, local], keys());
    expect(lanes.map((l) => `${l.provider}/${l.model}`)).toEqual(["openai/gpt-image-2", "google/gemini-nano-banana-2.1", "local/local-v1"]);
    expect(defaultLanes([openai], keys()).map((l) => l.model)).toEqual(["gpt-image-2.6-flare", "gpt-image-2.6-flare"]);
  });

  it("skips a provider whose every model is retired", () => {
    const gone = provider("openai", "OpenAI", [model("dall-e-2", "DALL·E 2", { lifecycle: { status: "retired" } })]);
    expect(usableModels([gone])).toEqual([]);
    expect(defaultLanes([gone, local], keys()).map((l) => l.provider)).toEqual(["local", "local"]);
  });

  it("asks for the column's model only", () => {
    const [lane] = defaultLanes([google], keys());
    const body = laneRequest(lane, { prompt: " a fox ", negativePrompt: "", aspect: "16:9", style: "none", seed: 5 }, google.models[0]);
    expect(body).toEqual({ prompt: "a fox", provider: "google", model: "gemini-nano-banana-2.1", n: 1, fallback: false, aspectRatio: "16:9" });
  });

  it("sends the shared references from every column, in the same order", () => {
    const lanes = defaultLanes([google, local], keys());
    const shared = { prompt: "a fox", negativePrompt: "", aspect: "1:1" as const, style: "none" as const, seed: 5, references: [{ id: "a", label: "" }, { id: "b", label: "the fox" }] };
    for (const lane of lanes) expect(laneRequest(lane, shared, undefined).referenceImageIds).toEqual(["a", { id: "b", label: "the fox" }]);
  });
});
