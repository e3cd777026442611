import { describe, expect, it } from "vitest";
import { expandBody, expandGeometry } from "@/lib/images/tools-schema";
import { describeOperation, imageKindLabel, madeFromLabel } from "./format";
import { aspectOf, describeToolOperation, isToolResult, toolCaption, toolKindLabel } from "./tool-labels";

const size = { width: 320, height: 240 };
/** An expand's operation as the job records it: the server's geometry for `way` on a 320 × 240 picture. */
const expand = (way: Record<string, unknown>) => ({ type: "expand", params: { ...expandGeometry(expandBody(1000).parse(way), size), original: size } });

describe("tool result labels", () => {
  it("captions each tool's result by what it did", () => {
    expect(toolCaption({ type: "upscale", params: { factor: 4, mode: "basic", kind: "basic" } })).toBe("Upscale ×4");
    expect(toolCaption({ type: "remove-background", params: { format: "png" } })).toBe("Cut out");
    expect(toolCaption(expand({ factor: 2 }))).toBe("Zoom out 2×");
    expect(toolCaption(expand({ factor: 1.5 }))).toBe("Zoom out 1.5×");
    expect(toolCaption(expand({ left: 160 }))).toBe("Expand · pan left");
    expect(toolCaption(expand({ bottom: 60 }))).toBe("Expand · pan down");
    expect(toolCaption(expand({ aspectRatio: "16:9" }))).toBe("Expand to 16:9");
    expect(toolCaption(expand({ aspectRatio: "9:16" }))).toBe("Expand to 9:16");
    // Pan left and zoom out no longer read the same.
    expect(toolCaption(expand({ left: 160 }))).not.toBe(toolCaption(expand({ factor: 1.5 })));
    expect(toolCaption(expand({ left: 10, top: 20 }))).toBe("Expand");
    expect(toolCaption({ type: "variations", params: {} })).toBeNull();
  });

  it("names a tool result for its page, in the details, and how it came from its parent", () => {
    expect(toolKindLabel({ type: "upscale", params: { factor: 2 } })).toBe("Upscaled ×2");
    expect(toolKindLabel({ type: "remove-background", params: {} })).toBe("Cut out (transparent)");
    expect(toolKindLabel(expand({ factor: 2 }))).toBe("Expanded · zoom out 2×");
    expect(imageKindLabel({ kind: "generated", operation: { type: "upscale", params: { factor: 4 } } })).toBe("Upscaled ×4");
    expect(imageKindLabel({ kind: "generated", operation: { type: "variations", params: {} } })).toBe("Generated");
    expect(describeOperation({ type: "upscale", params: { factor: 2, mode: "basic", kind: "basic" } })).toBe("Upscaled ×2 (basic resample, no new detail)");
    expect(describeOperation({ type: "remove-background", params: { format: "webp" } })).toBe("Cut out (transparent WEBP)");
    expect(describeToolOperation(expand({ left: 160 }))).toBe("Expanded · pan left: added 160 px left (320 × 240 → 480 × 240)");
    expect(madeFromLabel({ type: "expand" })).toBe("Expanded from");
    expect(isToolResult({ type: "refine", params: {} })).toBe(false);
    expect(isToolResult(null)).toBe(false);
  });

  it("reads a canvas's shape as a known aspect ratio when it is one", () => {
    expect(aspectOf(1920, 1080)).toBe("16:9");
    expect(aspectOf(427, 240)).toBe("16:9");
    expect(aspectOf(300, 300)).toBe("1:1");
    expect(aspectOf(1001, 997)).toBe("1:1");
    expect(aspectOf(700, 300)).toBe("21:9");
    expect(aspectOf(500, 200)).toBe("5:2");
    expect(aspectOf(1013, 331)).toBeNull();
  });
});
