import { describe, expect, it } from "vitest";
import { model, provider } from "@/components/generate/test-fixtures";
import { expandBody, expandGeometry } from "@/lib/images/tools-schema";
import { canvasOf, expandSides, expandWayOf, type ExpandChoice } from "./expand-geometry";
import { defaultChoice, describers, expandPromptIgnored, toolChoices } from "./tool-choices";

const local = provider("local", "Local renderer", [
  model("local-v1", "Local", { cost: 0, capabilities: { upscale: { factors: [2, 4], kind: "basic" }, removeBackground: true, expand: true } }),
], { text: { model: "local-enrichment", describe: false, enhance: true, local: true } });
const ideogram = provider("ideogram", "Ideogram", [
  model("ideogram-v3", "Ideogram 3", { capabilities: { upscale: { factors: [2], kind: "ai" }, removeBackground: true, expand: true } }),
  model("ideogram-old", "Ideogram 2", { capabilities: { upscale: { factors: [2], kind: "ai" } }, lifecycle: { status: "retired" } }),
], { text: { model: "describe-1", describe: true, enhance: true } });
const offline = provider("openai", "OpenAI", [model("gpt-image-2", "GPT Image 2", { capabilities: { upscale: { factors: [2, 4], kind: "creative" } } })], { configured: false });

describe("tool choices", () => {
  it("upscale: the basic resample first, then connected upscalers serving the factor (not retired, not unconfigured)", () => {
    const two = toolChoices([local, ideogram, offline], "upscale", 2);
    expect(two.map((c) => c.id)).toEqual(["basic", "ideogram/ideogram-v3"]);
    expect(two[0].note).toMatch(/no new detail/);
    expect(toolChoices([local, ideogram, offline], "upscale", 4).map((c) => c.id)).toEqual(["basic"]);
    expect(defaultChoice(two, "upscale").id).toBe("basic");
  });

  it("background removal: the local one says what it handles; a connected service is the default", () => {
    const choices = toolChoices([local, ideogram], "remove-background");
    expect(choices.map((c) => c.id)).toEqual(["local/local-v1", "ideogram/ideogram-v3"]);
    expect(choices[0].note).toMatch(/plain backgrounds only/);
    expect(defaultChoice(choices, "remove-background").id).toBe("ideogram/ideogram-v3");
    expect(defaultChoice(toolChoices([local], "remove-background"), "remove-background").id).toBe("local/local-v1");
  });

  it("expand: the prompt field is off (and says why) for the local renderer and Ideogram's reframe, on for others", () => {
    const openaiExpand = provider("openai", "OpenAI", [model("gpt-image-2", "GPT Image 2", { capabilities: { expand: true } })]);
    const [localWay, ideogramWay, openaiWay] = toolChoices([local, ideogram, openaiExpand], "expand");
    expect(expandPromptIgnored(localWay)).toBe("The local renderer continues the edges; it does not follow a prompt.");
    expect(expandPromptIgnored(ideogramWay)).toMatch(/does not follow a prompt/);
    expect(expandPromptIgnored(openaiWay)).toBeNull();
    expect(expandPromptIgnored(undefined)).toBeNull();
  });

  it("describe: only providers whose text services describe", () => {
    expect(describers([local])).toEqual([]);
    expect(describers([local, ideogram])).toEqual([{ provider: "ideogram", name: "Ideogram", model: "describe-1" }]);
  });
});

describe("expand geometry", () => {
  const size = { width: 301, height: 200 };
  const choices: ExpandChoice[] = [
    { mode: "zoom", factor: 1.5 },
    { mode: "zoom", factor: 2 },
    { mode: "pan", direction: "left", share: 0.5 },
    { mode: "pan", direction: "down", share: 0.25 },
    { mode: "aspect", ratio: "16:9" },
    { mode: "aspect", ratio: "9:16" },
  ];

  it.each(choices.map((c) => [JSON.stringify(c), c] as const))("%s draws the canvas the server will make", (_, choice) => {
    const way = expandWayOf(choice, size);
    expect(expandSides(way, size)).toEqual(expandGeometry(expandBody(1000).parse(way), size));
  });

  it("pans add pixels on one side only; zoom keeps the picture centred", () => {
    expect(expandSides(expandWayOf({ mode: "pan", direction: "left", share: 0.5 }, size), size)).toEqual({ left: 151, right: 0, top: 0, bottom: 0 });
    const zoom = expandSides({ factor: 2 }, size)!;
    expect(canvasOf(zoom, size)).toEqual({ width: 602, height: 400 });
    expect(zoom.right - zoom.left).toBeLessThanOrEqual(1);
  });

  it("nothing to add when the picture already has the aspect ratio", () => {
    expect(expandSides({ aspectRatio: "3:2" }, { width: 300, height: 200 })).toBeNull();
  });
});
